//! Goods in and out: buying in, selling (for cash or on a member's credit), counting, and the
//! cost of what leaves by average cost or first-in-first-out (the `stock_costing` setting).
//!
//! Each movement is one `stock_move` row and, when it has a value, one balanced entry of the
//! business posting that value on the stock account 1300. The row keeps the item's quantity
//! and value after it, so the value of the stock on a date is read, not recomputed, and
//! `verify` replays every item to prove the rows and the books agree.

use std::collections::VecDeque;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::qty::{mul_div, Qty, SCALE};
use super::{Business, Item};
use crate::account::{
    BANK, BUSINESS_CASH, COST_OF_SALES, GOODS_RECEIVABLE, SALES, STOCK, STOCK_COUNT_DIFFERENCE,
};
use crate::clock;
use crate::db::CachedExt;
use crate::error::{Error, Result};
use crate::journal::{EntryKind, NewEntry, Posting};
use crate::member;
use crate::money::Money;

/// How the cost of goods leaving is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Costing {
    /// ต้นทุนถัวเฉลี่ย: every unit on hand costs the same (value ÷ quantity).
    Average,
    /// เข้าก่อนออกก่อน: the oldest lots leave first.
    Fifo,
}

impl Costing {
    /// The method in force on `date` (the dated setting `stock_costing`).
    pub fn at(conn: &Connection, date: NaiveDate) -> Result<Costing> {
        let v: Option<String> = conn
            .query_row_cached(
                "SELECT value FROM setting WHERE key = 'stock_costing' AND effective <= ?1
                 ORDER BY effective DESC, id DESC LIMIT 1",
                [date],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match v.as_deref() {
            Some("fifo") => Costing::Fifo,
            _ => Costing::Average,
        })
    }
}

/// The lots of one item on hand: (quantity in thousandths, value in satang), oldest first.
/// Under average cost there is one lot.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lots(VecDeque<(i64, i64)>);

impl Lots {
    pub fn qty(&self) -> i64 {
        self.0.iter().map(|l| l.0).sum()
    }

    pub fn value(&self) -> i64 {
        self.0.iter().map(|l| l.1).sum()
    }

    fn one_lot(&mut self) {
        if self.0.len() > 1 {
            let (q, v) = (self.qty(), self.value());
            self.0 = VecDeque::from([(q, v)]);
        }
    }

    /// Goods in.
    pub fn put(&mut self, qty: i64, value: i64, costing: Costing) {
        if qty == 0 && value == 0 {
            return;
        }
        match costing {
            Costing::Average => {
                self.one_lot();
                match self.0.front_mut() {
                    Some(lot) => {
                        lot.0 += qty;
                        lot.1 += value;
                    }
                    None => self.0.push_back((qty, value)),
                }
            }
            Costing::Fifo => self.0.push_back((qty, value)),
        }
    }

    /// Goods out: the value that leaves with `qty` (at most what is on hand). A lot leaving
    /// whole takes all its value, so the last unit out leaves nothing behind.
    pub fn take(&mut self, mut qty: i64, costing: Costing) -> i64 {
        if costing == Costing::Average {
            self.one_lot();
        }
        let mut value = 0;
        while qty > 0 {
            let Some(lot) = self.0.front_mut() else { break };
            if lot.0 <= qty {
                qty -= lot.0;
                value += lot.1;
                self.0.pop_front();
            } else {
                let v = mul_div(lot.1, qty, lot.0);
                lot.0 -= qty;
                lot.1 -= v;
                value += v;
                qty = 0;
            }
        }
        value
    }

    /// The value of `qty` more units found at a count: at the cost of the newest lot on hand.
    fn value_of_found(&self, qty: i64) -> Option<i64> {
        self.0
            .back()
            .filter(|l| l.0 > 0)
            .map(|l| mul_div(l.1, qty, l.0))
    }
}

/// One stock movement as stored.
#[derive(Clone, Debug)]
pub(crate) struct MoveRow {
    pub id: i64,
    pub date: NaiveDate,
    pub qty: i64,
    pub value: i64,
    pub qty_after: i64,
    pub value_after: i64,
    pub reverses: Option<i64>,
}

pub(crate) fn moves_of(conn: &Connection, item_id: &str) -> Result<Vec<MoveRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, date, qty, value, qty_after, value_after, reverses
         FROM stock_move WHERE item_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([item_id], |r| {
        Ok(MoveRow {
            id: r.get(0)?,
            date: r.get(1)?,
            qty: r.get(2)?,
            value: r.get(3)?,
            qty_after: r.get(4)?,
            value_after: r.get(5)?,
            reverses: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The lots of an item after all its movements, replayed with the method in force on each
/// movement's date. A reversed movement and its reversal are left out together (only an
/// item's latest movement can be reversed, so this is exact).
pub(crate) fn replay(conn: &Connection, moves: &[MoveRow]) -> Result<Lots> {
    let reversed: std::collections::HashSet<i64> =
        moves.iter().filter_map(|m| m.reverses).collect();
    let mut lots = Lots::default();
    for m in moves {
        if m.reverses.is_some() || reversed.contains(&m.id) {
            continue;
        }
        let costing = Costing::at(conn, m.date)?;
        if m.qty > 0 || (m.qty == 0 && m.value > 0) {
            lots.put(m.qty, m.value, costing);
        } else if m.qty < 0 {
            lots.take(-m.qty, costing);
        }
    }
    Ok(lots)
}

/// The lots of an item now. Under average cost they are the last row's quantity and value.
pub(super) fn lots_now(conn: &Connection, item: &Item, costing: Costing) -> Result<Lots> {
    if costing == Costing::Average {
        let last: Option<(i64, i64)> = conn
            .query_row_cached(
                "SELECT qty_after, value_after FROM stock_move WHERE item_id = ?1
                 ORDER BY id DESC LIMIT 1",
                [&item.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let mut lots = Lots::default();
        if let Some((q, v)) = last {
            lots.put(q, v, Costing::Average);
        }
        return Ok(lots);
    }
    replay(conn, &moves_of(conn, &item.id)?)
}

/// A movement about to be recorded.
pub(super) struct NewMove<'a> {
    pub item: &'a Item,
    pub date: NaiveDate,
    pub kind: &'static str,
    pub qty: i64,
    pub value: i64,
    pub after: (i64, i64),
    pub amount: Money,
    pub member_id: Option<String>,
    pub credit: bool,
    pub party: String,
    pub reverses: Option<i64>,
    pub entry_id: Option<String>,
}

impl<'a> NewMove<'a> {
    /// `qty` of `item` in (out when negative) at `value` satang, by the entry `entry_id`,
    /// leaving the item at `after` (quantity, value); no money amount, member or party, and
    /// reversing nothing, until said otherwise.
    pub(super) fn new(
        item: &'a Item,
        date: NaiveDate,
        kind: &'static str,
        (qty, value): (i64, i64),
        after: (i64, i64),
        entry_id: Option<String>,
    ) -> NewMove<'a> {
        NewMove {
            item,
            date,
            kind,
            qty,
            value,
            after,
            amount: Money::ZERO,
            member_id: None,
            credit: false,
            party: String::new(),
            reverses: None,
            entry_id,
        }
    }

    /// The member the goods went to or came from.
    pub(super) fn member(self, member_id: Option<String>) -> NewMove<'a> {
        NewMove { member_id, ..self }
    }

    /// The supplier, donor or how the goods came in.
    pub(super) fn party(self, party: String) -> NewMove<'a> {
        NewMove { party, ..self }
    }

    /// The money the movement was bought or sold for, and whether it is owed (a sale on credit).
    pub(super) fn amount(self, amount: Money, credit: bool) -> NewMove<'a> {
        NewMove {
            amount,
            credit,
            ..self
        }
    }
}

pub(super) fn record(conn: &Connection, m: &NewMove<'_>) -> Result<i64> {
    conn.execute_cached(
        "INSERT INTO stock_move (item_id, date, kind, qty, value, qty_after, value_after, amount,
                                 member_id, credit, party, reverses, entry_id, recorded_at,
                                 business_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            m.item.id,
            m.date.to_string(),
            m.kind,
            m.qty,
            m.value,
            m.after.0,
            m.after.1,
            m.amount.satang(),
            m.member_id,
            m.credit,
            m.party,
            m.reverses,
            m.entry_id,
            clock::now_utc(),
            m.item.business_id
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A movement as posted, for the screens and `--json`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Moved {
    pub business: u32,
    pub item: u32,
    pub name: String,
    pub unit: String,
    pub kind: &'static str,
    pub date: NaiveDate,
    /// Goods in (> 0) or out (< 0).
    pub qty: String,
    /// Money paid or received (sales at the price, purchases at the cost).
    pub amount: Money,
    /// Value that entered or left the stock account (for a sale: its cost of goods sold).
    pub cost: Money,
    pub qty_after: Qty,
    pub value_after: Money,
    pub member: Option<u32>,
    pub credit: bool,
    pub entry: Option<String>,
    /// The business's own cash after the movement.
    pub business_cash: Money,
}

fn signed_qty(q: i64) -> String {
    if q < 0 {
        format!("-{}", Qty(-q))
    } else {
        Qty(q).to_string()
    }
}

fn moved(conn: &Connection, b: &Business, m: &NewMove<'_>, cost: i64) -> Result<Moved> {
    let member = match &m.member_id {
        Some(id) => Some(member::get_by_id(conn, id)?.number),
        None => None,
    };
    Ok(Moved {
        business: b.number,
        item: m.item.number,
        name: m.item.name.clone(),
        unit: m.item.unit.clone(),
        kind: m.kind,
        date: m.date,
        qty: signed_qty(m.qty),
        amount: m.amount,
        cost: Money::from_satang(cost),
        qty_after: Qty(m.after.0),
        value_after: Money::from_satang(m.after.1),
        member,
        credit: m.credit,
        entry: m.entry_id.clone(),
        business_cash: super::cash(conn, &b.id, None)?,
    })
}

/// Buying in, as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct BuyInput {
    pub business: String,
    pub item: String,
    pub qty: String,
    /// What the whole lot cost (the supplier's bill).
    pub cost: String,
    pub date: String,
    /// cash (the business's own cash) | bank (the group's bank account); default cash.
    pub from: String,
    pub supplier: String,
}

fn pay_from(text: &str) -> Result<&'static str> {
    match text.trim() {
        "" | "cash" | "เงินสด" => Ok(BUSINESS_CASH),
        "bank" | "ธนาคาร" => Ok(BANK),
        other => Err(Error::invalid(
            "from",
            format!(
                "ไม่รู้จักช่องทางจ่าย \"{other}\" — เลือกเงินสดของธุรกิจ (cash) หรือเงินฝากธนาคารของกลุ่ม (bank)"
            ),
        )),
    }
}

/// The business's cash must cover what it pays: it never goes below zero.
pub(crate) fn ensure_cash(conn: &Connection, b: &Business, amount: Money) -> Result<()> {
    let have = super::cash(conn, &b.id, None)?;
    if have < amount {
        return Err(Error::invalid(
            "from",
            format!(
                "เงินสดของ{}มี {} บาท ไม่พอจ่าย {} บาท — เลือกจ่ายจากเงินฝากธนาคารของกลุ่มแทน หรือให้คณะกรรมการจัดสรรทุนให้ธุรกิจเพิ่มก่อน",
                b.name,
                have.grouped(),
                amount.grouped()
            ),
        ));
    }
    Ok(())
}

fn memo_qty(item: &Item, qty: i64) -> String {
    format!("{} {} {}", item.name, Qty(qty), item.unit)
}

pub(crate) fn buy(conn: &Connection, input: &BuyInput) -> Result<Moved> {
    let b = super::get(conn, &input.business)?;
    let item = super::item(conn, &b, &input.item)?;
    let qty = Qty::parse("qty", &input.qty)?.milli();
    let cost = super::parse_money("cost", &input.cost, false)?;
    let date = super::parse_date("date", &input.date)?;
    let from = pay_from(&input.from)?;
    let supplier = crate::text::check("supplier", "ผู้ขาย", &input.supplier, 200)?;
    super::ensure_in_order(conn, &b, date)?;
    if from == BUSINESS_CASH {
        ensure_cash(conn, &b, cost)?;
    }
    let costing = Costing::at(conn, date)?;
    let mut lots = lots_now(conn, &item, costing)?;
    lots.put(qty, cost.satang(), costing);
    let mut memo = format!("{}ซื้อ{}", b.name, memo_qty(&item, qty));
    if !supplier.is_empty() {
        memo += &format!(" จาก {supplier}");
    }
    let mut e = NewEntry::new(date, EntryKind::StockBuy, memo);
    e.push(Posting::debit(STOCK, cost));
    e.push(Posting::credit(from, cost));
    let entry = super::post(conn, &b.id, &e)?;
    let m = NewMove::new(
        &item,
        date,
        "buy",
        (qty, cost.satang()),
        (lots.qty(), lots.value()),
        Some(entry),
    )
    .amount(cost, false)
    .party(supplier);
    record(conn, &m)?;
    moved(conn, &b, &m, cost.satang())
}

/// Selling, as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SellInput {
    pub business: String,
    pub item: String,
    pub qty: String,
    /// Price per unit.
    pub price: String,
    pub date: String,
    /// The member buying (a number; empty for a sale to anyone).
    pub member: String,
    /// On the member's credit (paid later in the collection row).
    pub credit: bool,
}

pub(crate) fn sell(conn: &Connection, input: &SellInput) -> Result<Moved> {
    let b = super::get(conn, &input.business)?;
    let item = super::item(conn, &b, &input.item)?;
    let qty = Qty::parse("qty", &input.qty)?.milli();
    let price = if input.price.trim().is_empty() {
        item.price.ok_or_else(|| {
            Error::invalid(
                "price",
                format!("กรุณาใส่ราคาขายต่อ{} ของ{}", item.unit, item.name),
            )
        })?
    } else {
        super::parse_money("price", &input.price, false)?
    };
    let date = super::parse_date("date", &input.date)?;
    let member = match input.member.trim() {
        "" => None,
        n => {
            let number = member::parse_number("member", "", n)?;
            let m = member::get(conn, number)?;
            if !m.status.is_active() || date < m.joined {
                return Err(m.left_error());
            }
            Some(m)
        }
    };
    if input.credit && member.is_none() {
        return Err(Error::invalid(
            "member",
            "ขายเชื่อได้เฉพาะสมาชิก — ใส่เลขที่สมาชิกผู้ซื้อ หรือขายเป็นเงินสด",
        ));
    }
    super::ensure_in_order(conn, &b, date)?;
    let costing = Costing::at(conn, date)?;
    let mut lots = lots_now(conn, &item, costing)?;
    if qty > lots.qty() {
        return Err(Error::invalid(
            "qty",
            format!(
                "{} คงเหลือ {} {} ขาย {} {} ไม่ได้ — จำนวนสินค้าติดลบไม่ได้ (บันทึกการซื้อเข้าหรือการตรวจนับก่อน)",
                item.name,
                Qty(lots.qty()),
                item.unit,
                Qty(qty),
                item.unit
            ),
        ));
    }
    let amount = Money::from_satang(mul_div(price.satang(), qty, SCALE));
    if amount.is_zero() {
        return Err(Error::invalid(
            "price",
            "ยอดขายเป็นศูนย์ — ตรวจราคาและจำนวนอีกครั้ง",
        ));
    }
    let cost = lots.take(qty, costing);
    let mut memo = format!("{}ขาย{}", b.name, memo_qty(&item, qty));
    if let Some(m) = &member {
        memo += &format!(
            " {}สมาชิกเลขที่ {} {}",
            if input.credit {
                "เงินเชื่อ "
            } else {
                ""
            },
            m.number,
            m.full_name
        );
    }
    let mut e = NewEntry::new(date, EntryKind::StockSale, memo);
    match (&member, input.credit) {
        (Some(m), true) => {
            e.member_id = Some(m.id.clone());
            e.push(Posting::debit(GOODS_RECEIVABLE, amount).for_member(&m.id));
        }
        _ => e.push(Posting::debit(BUSINESS_CASH, amount)),
    }
    e.push(Posting::credit(SALES, amount));
    e.push(Posting::debit(COST_OF_SALES, Money::from_satang(cost)));
    e.push(Posting::credit(STOCK, Money::from_satang(cost)));
    let entry = super::post(conn, &b.id, &e)?;
    let m = NewMove::new(
        &item,
        date,
        "sell",
        (-qty, -cost),
        (lots.qty(), lots.value()),
        Some(entry),
    )
    .amount(amount, input.credit)
    .member(member.map(|m| m.id));
    record(conn, &m)?;
    moved(conn, &b, &m, cost)
}

/// A stock count, as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CountInput {
    pub business: String,
    pub item: String,
    /// What was counted on the shelf.
    pub qty: String,
    pub date: String,
}

/// A count: what was found against what the books expect, the difference booked (a shortage
/// at the cost of what left, a surplus at the cost of the newest lot).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Counted {
    pub expected: Qty,
    pub counted: Qty,
    /// counted − expected.
    pub difference: String,
    #[serde(flatten)]
    pub moved: Moved,
}

pub(crate) fn count(conn: &Connection, input: &CountInput) -> Result<Counted> {
    let b = super::get(conn, &input.business)?;
    let item = super::item(conn, &b, &input.item)?;
    let counted = Qty::parse_count("qty", &input.qty)?.milli();
    let date = super::parse_date("date", &input.date)?;
    super::ensure_in_order(conn, &b, date)?;
    crate::journal::ensure_writable(conn, date)?;
    crate::journal::ensure_in_window(conn, date)?;
    let costing = Costing::at(conn, date)?;
    let mut lots = lots_now(conn, &item, costing)?;
    let expected = lots.qty();
    let diff = counted - expected;
    let value = if diff < 0 {
        -lots.take(-diff, costing)
    } else if diff > 0 {
        let v = lots
            .value_of_found(diff)
            .or(last_unit_value(conn, &item, diff)?)
            .unwrap_or(0);
        lots.put(diff, v, costing);
        v
    } else {
        0
    };
    let entry = if value != 0 {
        let memo = format!(
            "{}ตรวจนับ{}: นับได้ {} ตามบัญชี {} {}",
            b.name,
            item.name,
            Qty(counted),
            Qty(expected),
            item.unit
        );
        let mut e = NewEntry::new(date, EntryKind::StockCount, memo);
        let v = Money::from_satang(value);
        e.push(Posting::debit(STOCK, v));
        e.push(Posting::credit(STOCK_COUNT_DIFFERENCE, v));
        Some(super::post(conn, &b.id, &e)?)
    } else {
        None
    };
    let m = NewMove::new(
        &item,
        date,
        "count",
        (diff, value),
        (lots.qty(), lots.value()),
        entry,
    );
    record(conn, &m)?;
    Ok(Counted {
        expected: Qty(expected),
        counted: Qty(counted),
        difference: signed_qty(diff),
        moved: moved(conn, &b, &m, value.abs())?,
    })
}

/// Goods found when none are on hand are valued at the item's last purchase cost.
fn last_unit_value(conn: &Connection, item: &Item, qty: i64) -> Result<Option<i64>> {
    let last: Option<(i64, i64)> = conn
        .query_row_cached(
            "SELECT qty, value FROM stock_move WHERE item_id = ?1 AND kind = 'buy' AND qty > 0
             ORDER BY id DESC LIMIT 1",
            [&item.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(last.map(|(q, v)| mul_div(v, qty, q)))
}

/// One item on hand on a date.
#[derive(Clone, Debug, serde::Serialize)]
pub struct StockLine {
    pub item: u32,
    pub name: String,
    pub unit: String,
    pub qty: Qty,
    pub value: Money,
    /// Value ÷ quantity per unit, to the satang (0 when none on hand).
    pub average_cost: Money,
    pub price: Option<Money>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct StockOnHand {
    pub business: u32,
    pub name: String,
    pub date: NaiveDate,
    pub items: Vec<StockLine>,
    pub total_value: Money,
    /// The business's own cash at the end of the date.
    pub cash: Money,
}

/// Every item of a business with its quantity and value at the end of `date`.
pub fn on_hand(conn: &Connection, b: &Business, date: NaiveDate) -> Result<StockOnHand> {
    let mut stmt = conn.prepare_cached(
        "SELECT qty_after, value_after FROM stock_move WHERE item_id = ?1 AND date <= ?2
         ORDER BY id DESC LIMIT 1",
    )?;
    let mut items = Vec::new();
    for it in super::items(conn, b)? {
        let (q, v): (i64, i64) = stmt
            .query_row(params![it.id, date.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .unwrap_or((0, 0));
        items.push(StockLine {
            item: it.number,
            name: it.name,
            unit: it.unit,
            qty: Qty(q),
            value: Money::from_satang(v),
            average_cost: Money::from_satang(if q > 0 { mul_div(v, SCALE, q) } else { 0 }),
            price: it.price,
        });
    }
    Ok(StockOnHand {
        business: b.number,
        name: b.name.clone(),
        date,
        total_value: items.iter().map(|i| i.value).sum(),
        items,
        cash: super::cash(conn, &b.id, Some(date))?,
    })
}

/// Reversing an entry of a business (`sajja reverse`): a movement of goods is reversed only
/// while it is its item's latest one, by a movement putting the goods back as they were; the
/// business's cash must stay at or above zero. Called in the reversal's transaction, after the
/// journal's reversal `reversal_id` was written.
pub(crate) fn on_reverse(
    conn: &Connection,
    original: &crate::journal::Entry,
    reversal_id: &str,
    date: NaiveDate,
) -> Result<()> {
    let business_id: Option<String> = conn
        .query_row_cached(
            "SELECT business_id FROM business_entry WHERE entry_seq = ?1",
            [original.seq],
            |r| r.get(0),
        )
        .optional()?;
    let Some(business_id) = business_id else {
        return Ok(());
    };
    let b = super::get(conn, &business_id)?;
    super::link(conn, reversal_id, &business_id)?;
    let mv: Option<(i64, String)> = conn
        .query_row_cached(
            "SELECT id, item_id FROM stock_move WHERE entry_id = ?1",
            [&original.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((move_id, item_id)) = mv {
        let rice: i64 = conn.query_row_cached(
            "SELECT (SELECT count(*) FROM rice_loan WHERE move_id = ?1)
                  + (SELECT count(*) FROM rice_repayment WHERE move_id = ?1)
                  + (SELECT count(*) FROM rice_deposit WHERE move_id = ?1)",
            [move_id],
            |r| r.get(0),
        )?;
        if rice > 0 {
            return Err(Error::Refused(
                "รายการยืม คืน หรือฝากข้าวยกเลิกไม่ได้ — ข้าวที่คืนเกินหรือขาดให้บันทึกการคืนข้าว การถอนข้าวฝาก หรือการตรวจนับข้าวในยุ้งฉางแทน".into(),
            ));
        }
        let moves = moves_of(conn, &item_id)?;
        let last = moves.last().filter(|m| m.id == move_id).ok_or_else(|| {
            Error::Refused(
                "ยกเลิกได้เฉพาะรายการสินค้าล่าสุดของสินค้านั้น — รายการหลังจากนี้คิดต้นทุนจากรายการนี้แล้ว ให้แก้ด้วยการตรวจนับสินค้าแทน".into(),
            )
        })?;
        super::ensure_in_order(conn, &b, date)?;
        let item = super::item(conn, &b, &item_id)?;
        let (q, v) = (last.qty_after - last.qty, last.value_after - last.value);
        if q < 0 || v < 0 {
            return Err(Error::Refused(format!(
                "ยกเลิกรายการนี้แล้ว{}จะติดลบ — จำนวนสินค้าติดลบไม่ได้",
                item.name
            )));
        }
        let (amount, member_id, credit): (i64, Option<String>, bool) = conn.query_row_cached(
            "SELECT amount, member_id, credit FROM stock_move WHERE id = ?1",
            [move_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        record(
            conn,
            &NewMove {
                reverses: Some(move_id),
                ..NewMove::new(
                    &item,
                    date,
                    "reversal",
                    (-last.qty, -last.value),
                    (q, v),
                    Some(reversal_id.to_string()),
                )
                .amount(Money::from_satang(-amount), credit)
                .member(member_id)
            },
        )?;
    }
    let cash = super::cash(conn, &b.id, None)?;
    if cash.is_negative() {
        return Err(Error::Refused(format!(
            "ยกเลิกรายการนี้แล้วเงินสดของ{}จะติดลบ {} บาท — ยกเลิกไม่ได้",
            b.name,
            (-cash).grouped()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_cost_spreads_value_and_the_last_unit_takes_the_rest() {
        let mut lots = Lots::default();
        lots.put(3_000, 1_000, Costing::Average); // 3 units for 10.00
        assert_eq!(lots.take(1_000, Costing::Average), 333);
        assert_eq!(lots.take(1_000, Costing::Average), 334);
        assert_eq!(lots.take(1_000, Costing::Average), 333);
        assert_eq!((lots.qty(), lots.value()), (0, 0));
    }

    #[test]
    fn fifo_takes_the_oldest_lot_first() {
        let mut lots = Lots::default();
        lots.put(10_000, 10_000, Costing::Fifo); // 10 @ 10.00
        lots.put(10_000, 20_000, Costing::Fifo); // 10 @ 20.00
        assert_eq!(lots.take(15_000, Costing::Fifo), 10_000 + 10_000);
        assert_eq!((lots.qty(), lots.value()), (5_000, 10_000));
        // Average from here merges what is left into one lot.
        lots.put(5_000, 5_000, Costing::Average);
        assert_eq!(lots.take(5_000, Costing::Average), 7_500);
    }
}

/// One movement of a business on a day, for the sale, buying-in and count screens.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DayMove {
    pub item: u32,
    pub name: String,
    pub unit: String,
    /// buy | sell | count | receive | lend | repay | reversal
    pub kind: String,
    /// Goods in (> 0) or out (< 0).
    pub qty: String,
    /// Money paid or received.
    pub amount: Money,
    pub member: Option<u32>,
    pub member_name: Option<String>,
    pub credit: bool,
    pub party: String,
    pub entry: Option<String>,
    /// Reversed later (its goods put back).
    pub reversed: bool,
}

/// The movements of a business dated `date`, in the order they were entered.
pub fn day_moves(conn: &Connection, b: &Business, date: NaiveDate) -> Result<Vec<DayMove>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.number, i.name, i.unit, s.kind, s.qty, s.amount, m.number,
                trim(m.title || m.first_name || ' ' || m.last_name), s.credit, s.party, s.entry_id,
                EXISTS (SELECT 1 FROM stock_move r WHERE r.reverses = s.id)
         FROM stock_move s JOIN item i ON i.id = s.item_id
         LEFT JOIN member m ON m.id = s.member_id
         WHERE s.business_id = ?1 AND s.date = ?2 ORDER BY s.id",
    )?;
    let rows = stmt.query_map(params![b.id, date.to_string()], |r| {
        Ok(DayMove {
            item: r.get(0)?,
            name: r.get(1)?,
            unit: r.get(2)?,
            kind: r.get(3)?,
            qty: signed_qty(r.get(4)?),
            amount: Money::from_satang(r.get(5)?),
            member: r.get(6)?,
            member_name: r.get(7)?,
            credit: r.get(8)?,
            party: r.get(9)?,
            entry: r.get(10)?,
            reversed: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
