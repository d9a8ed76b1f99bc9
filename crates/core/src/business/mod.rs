//! The group's businesses (DOMAIN §10): a community shop (ศูนย์สาธิตการตลาด), farm inputs, a
//! granary or rice bank, run from the operating capital.
//!
//! A business opens with the capital the committee assigned: one balanced entry moving money
//! from the group's cash box (or bank) into the business's own cash (1120). Its goods are
//! `item`s with a unit; every movement of goods is a `stock_move` whose value is booked on the
//! stock account 1300 in the same entry (`stock`). A business's figures are the postings of
//! its own entries (`business_entry`), so its profit is operating-capital income in every
//! report of the group. Movements of one business are entered in date order: the cost of
//! each sale depends on every movement before it, and posted sales are never re-costed.
//!
//! Split by job: `qty` (quantities in thousandths), `stock` (buy, sell, count, costing),
//! `credit` (members' debts for goods, due and late by the group's collection rules), `rice`
//! (the rice bank: loans in kilograms with interest in kind, ageing like money loans),
//! `statement` (a business's profit and loss, stock on hand, members' debts), `audit` (its
//! part of verify).

pub mod audit;
pub mod credit;
pub mod qty;
pub mod rice;
pub mod statement;
pub mod stock;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::account::{BANK, BUSINESS_CASH, CASH};
use crate::clock;
use crate::db::CachedExt;
use crate::error::{Error, Result};
use crate::journal::{self, EntryKind, NewEntry, Posting};
use crate::money::Money;
use crate::thai::{self, Digits};

pub use qty::Qty;

/// What a business does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// ร้านค้าชุมชน / ศูนย์สาธิตการตลาด
    Shop,
    /// ยุ้งฉาง / ธนาคารข้าว
    Granary,
    /// ปุ๋ยและปัจจัยการผลิต
    Inputs,
    Other,
}

impl Kind {
    pub fn parse(text: &str) -> Result<Kind> {
        match text.trim() {
            "shop" | "ร้านค้า" => Ok(Kind::Shop),
            "granary" | "ยุ้งฉาง" | "ธนาคารข้าว" => Ok(Kind::Granary),
            "inputs" | "ปุ๋ย" => Ok(Kind::Inputs),
            "other" | "อื่น ๆ" => Ok(Kind::Other),
            other => Err(Error::invalid(
                "kind",
                format!("ไม่รู้จักประเภทธุรกิจ \"{other}\" — ใช้ shop (ร้านค้า), granary (ยุ้งฉาง/ธนาคารข้าว), inputs (ปุ๋ยและปัจจัยการผลิต) หรือ other"),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Shop => "shop",
            Kind::Granary => "granary",
            Kind::Inputs => "inputs",
            Kind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Shop => "ร้านค้าชุมชน",
            Kind::Granary => "ยุ้งฉาง / ธนาคารข้าว",
            Kind::Inputs => "ปุ๋ยและปัจจัยการผลิต",
            Kind::Other => "ธุรกิจอื่น",
        }
    }
}

/// A business as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct BusinessInput {
    pub kind: String,
    pub name: String,
    /// Capital assigned from the operating capital (may be 0).
    pub capital: String,
    pub date: String,
    /// Who manages it (a name, or a member number).
    pub manager: String,
    /// Where the capital comes from: cash | bank (default cash).
    pub from: String,
}

/// A business with its cash today.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Business {
    pub id: String,
    pub number: u32,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub name: String,
    pub manager: String,
    pub capital: Money,
    pub opened: NaiveDate,
    /// The entry that assigned the capital (none when it was 0).
    pub entry: Option<String>,
    /// The business's own cash now (1120, its entries only).
    pub cash: Money,
}

/// An item as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ItemInput {
    pub business: String,
    pub name: String,
    pub unit: String,
    /// The usual selling price per unit (optional; the sale screen offers it).
    pub price: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Item {
    pub id: String,
    pub number: u32,
    pub business: u32,
    pub business_id: String,
    pub name: String,
    pub unit: String,
    pub price: Option<Money>,
}

pub(crate) fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    if text.trim().is_empty() {
        return Err(Error::invalid(field, "กรุณาใส่วันที่ เช่น 5/3/2568"));
    }
    thai::parse_date(text).map_err(|e| Error::invalid(field, e.to_string()))
}

pub(crate) fn parse_money(field: &'static str, text: &str, allow_zero: bool) -> Result<Money> {
    if text.trim().is_empty() && allow_zero {
        return Ok(Money::ZERO);
    }
    let m = Money::parse(text).map_err(|e| Error::invalid(field, e.to_string()))?;
    if m.is_negative() || (m.is_zero() && !allow_zero) {
        return Err(Error::invalid(
            field,
            "จำนวนเงินต้องมากกว่าศูนย์ — ใส่จำนวนเงินตามบิล เช่น 350",
        ));
    }
    Ok(m)
}

fn place_account(text: &str) -> Result<&'static str> {
    match text.trim() {
        "" | "cash" | "เงินสด" => Ok(CASH),
        "bank" | "ธนาคาร" => Ok(BANK),
        other => Err(Error::invalid(
            "from",
            format!("\"{other}\" ไม่ใช่ cash (เงินสด) หรือ bank (ธนาคาร)"),
        )),
    }
}

/// Opens a business: its row, and the capital moved from the group's cash or bank into the
/// business's cash as one balanced entry.
pub(crate) fn add(conn: &Connection, input: &BusinessInput) -> Result<Business> {
    let kind = Kind::parse(&input.kind)?;
    let name = crate::text::check("name", "ชื่อธุรกิจ", &input.name, 200)?;
    if name.is_empty() {
        return Err(Error::invalid("name", "กรุณาใส่ชื่อธุรกิจ เช่น ร้านค้าชุมชน"));
    }
    let manager = crate::text::check("manager", "ผู้จัดการ", &input.manager, 200)?;
    let capital = parse_money("capital", &input.capital, true)?;
    let date = parse_date("date", &input.date)?;
    let from = place_account(&input.from)?;
    journal::ensure_writable(conn, date)?;
    let taken: Option<u32> = conn
        .query_row(
            "SELECT number FROM business WHERE name = ?1",
            [&name],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(n) = taken {
        return Err(Error::invalid(
            "name",
            format!("มีธุรกิจชื่อ \"{name}\" แล้ว (ธุรกิจที่ {n}) — ตั้งชื่ออื่น"),
        ));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let number: u32 = conn.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM business",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO business (id, number, kind, name, manager, capital, opened, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            number,
            kind.as_str(),
            name,
            manager,
            capital.satang(),
            date.to_string(),
            clock::now_utc()
        ],
    )?;
    if capital.is_positive() {
        let mut e = NewEntry::new(
            date,
            EntryKind::BusinessCapital,
            format!("จัดสรรทุนดำเนินการให้ {name} {} บาท", capital.grouped()),
        );
        e.push(Posting::debit(BUSINESS_CASH, capital));
        e.push(Posting::credit(from, capital));
        let entry = post(conn, &id, &e)?;
        // The one write to a business row: the entry that opened it, in the same transaction.
        conn.execute(
            "UPDATE business SET entry_id = ?1 WHERE id = ?2",
            params![entry, id],
        )?;
    }
    get(conn, &number.to_string())
}

/// Posts an entry of a business and records that it is the business's.
pub(crate) fn post(conn: &Connection, business_id: &str, entry: &NewEntry) -> Result<String> {
    let id = journal::post(conn, entry)?;
    link(conn, &id, business_id)?;
    Ok(id)
}

/// Posts a business's entry when it moves money: rice lent, repaid or received at no value
/// (rice donated before any was ever costed, say) moves only kilograms, and then no entry
/// is posted, yet the date must still be one the books take. Returns the entry posted.
pub(crate) fn post_if_valued(
    conn: &Connection,
    business_id: &str,
    entry: &NewEntry,
) -> Result<Option<String>> {
    if entry.postings.iter().any(|p| !p.amount.is_zero()) {
        return Ok(Some(post(conn, business_id, entry)?));
    }
    journal::ensure_writable(conn, entry.date)?;
    journal::ensure_in_window(conn, entry.date)?;
    Ok(None)
}

/// Records entry `entry_id` as the business's and adds its postings to the business's kept
/// balances.
pub(crate) fn link(conn: &Connection, entry_id: &str, business_id: &str) -> Result<()> {
    conn.execute_cached(
        "INSERT INTO business_entry (entry_seq, business_id)
         SELECT seq, ?2 FROM journal_entry WHERE id = ?1",
        params![entry_id, business_id],
    )?;
    conn.execute_cached(
        "INSERT INTO business_balance (business_id, account, amount)
         SELECT ?2, p.account, sum(p.amount) FROM journal_entry e
         JOIN posting p ON p.entry_seq = e.seq WHERE e.id = ?1 GROUP BY p.account
         ON CONFLICT (business_id, account) DO UPDATE SET amount = amount + excluded.amount",
        params![entry_id, business_id],
    )?;
    Ok(())
}

fn business_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Business, String)> {
    let kind: String = r.get(2)?;
    let k = Kind::parse(&kind).unwrap_or(Kind::Other);
    Ok((
        Business {
            id: r.get(0)?,
            number: r.get(1)?,
            kind: k,
            kind_label: k.label(),
            name: r.get(3)?,
            manager: r.get(4)?,
            capital: Money::from_satang(r.get(5)?),
            opened: r.get(6)?,
            entry: r.get(7)?,
            cash: Money::ZERO,
        },
        kind,
    ))
}

const BUSINESS_COLUMNS: &str = "id, number, kind, name, manager, capital, opened, entry_id";

/// A business by number or exact name.
pub fn get(conn: &Connection, key: &str) -> Result<Business> {
    let key = thai::to_arabic_digits(key.trim());
    let found = conn
        .query_row(
            &format!(
                "SELECT {BUSINESS_COLUMNS} FROM business
                 WHERE CAST(number AS TEXT) = ?1 OR name = ?1 OR id = ?1"
            ),
            [&key],
            business_row,
        )
        .optional()?;
    let (mut b, _) = found.ok_or_else(|| Error::NotFound {
        what: "ธุรกิจ",
        id: key.clone(),
    })?;
    b.cash = cash(conn, &b.id, None)?;
    Ok(b)
}

/// Every business, in number order.
pub fn list(conn: &Connection) -> Result<Vec<Business>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {BUSINESS_COLUMNS} FROM business ORDER BY number"
    ))?;
    let rows: Vec<Business> = stmt
        .query_map([], business_row)?
        .map(|r| r.map(|(b, _)| b))
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|mut b| {
            b.cash = cash(conn, &b.id, None)?;
            Ok(b)
        })
        .collect()
}

/// The business's own cash (1120, its entries only) at the end of `date` (or now).
pub fn cash(conn: &Connection, business_id: &str, date: Option<NaiveDate>) -> Result<Money> {
    if date.is_none() {
        let kept: Option<i64> = conn
            .query_row_cached(
                "SELECT amount FROM business_balance WHERE business_id = ?1 AND account = ?2",
                params![business_id, BUSINESS_CASH],
                |r| r.get(0),
            )
            .optional()?;
        return Ok(Money::from_satang(kept.unwrap_or(0)));
    }
    let satang: i64 = conn.query_row_cached(
        "SELECT coalesce(sum(p.amount), 0) FROM business_entry b
         JOIN posting p ON p.entry_seq = b.entry_seq
         WHERE b.business_id = ?1 AND p.account = ?2 AND (?3 IS NULL OR p.date <= ?3)",
        params![business_id, BUSINESS_CASH, date.map(|d| d.to_string())],
        |r| r.get(0),
    )?;
    Ok(Money::from_satang(satang))
}

/// Refuses a movement dated before the business's latest one: the cost of every sale depends
/// on the movements before it, and posted sales are never re-costed.
pub(crate) fn ensure_in_order(
    conn: &Connection,
    business: &Business,
    date: NaiveDate,
) -> Result<()> {
    // Movements of a business are in date order, so its latest is its last.
    let last: Option<NaiveDate> = conn
        .query_row_cached(
            "SELECT date FROM stock_move WHERE business_id = ?1 ORDER BY id DESC LIMIT 1",
            [&business.id],
            |r| r.get(0),
        )
        .optional()?;
    match last {
        Some(last) if date < last => Err(Error::invalid(
            "date",
            format!(
                "{} มีรายการสินค้าล่าสุดวันที่ {} แล้ว — บันทึกรายการตามลำดับวันที่ (ต้นทุนขายคิดจากรายการก่อนหน้าทั้งหมด)",
                business.name,
                thai::format_date(last, Digits::Arabic)
            ),
        )),
        _ => {
            if date < business.opened {
                return Err(Error::invalid(
                    "date",
                    format!(
                        "{} เปิดเมื่อ {} — บันทึกรายการก่อนวันนั้นไม่ได้",
                        business.name,
                        thai::format_date(business.opened, Digits::Arabic)
                    ),
                ));
            }
            Ok(())
        }
    }
}

/// Adds an item to a business.
pub(crate) fn add_item(conn: &Connection, input: &ItemInput) -> Result<Item> {
    let business = get(conn, &input.business)?;
    let name = crate::text::check("name", "ชื่อสินค้า", &input.name, 200)?;
    if name.is_empty() {
        return Err(Error::invalid("name", "กรุณาใส่ชื่อสินค้า เช่น ปุ๋ยสูตร 16-20-0"));
    }
    let unit = crate::text::check("unit", "หน่วยนับ", &input.unit, 40)?;
    if unit.is_empty() {
        return Err(Error::invalid(
            "unit",
            "กรุณาใส่หน่วยนับ เช่น ถุง กระสอบ กิโลกรัม ขวด",
        ));
    }
    let price = if input.price.trim().is_empty() {
        None
    } else {
        Some(parse_money("price", &input.price, true)?)
    };
    let exists: Option<u32> = conn
        .query_row(
            "SELECT number FROM item WHERE business_id = ?1 AND name = ?2",
            params![business.id, name],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(n) = exists {
        return Err(Error::invalid(
            "name",
            format!("{} มีสินค้าชื่อ \"{name}\" แล้ว (รหัส {n})", business.name),
        ));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let number: u32 = conn.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM item WHERE business_id = ?1",
        [&business.id],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO item (id, business_id, number, name, unit, price, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            business.id,
            number,
            name,
            unit,
            price.map(Money::satang),
            clock::now_utc()
        ],
    )?;
    item(conn, &business, &number.to_string())
}

fn item_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Item> {
    Ok(Item {
        id: r.get(0)?,
        number: r.get(1)?,
        business: r.get(2)?,
        business_id: r.get(3)?,
        name: r.get(4)?,
        unit: r.get(5)?,
        price: r.get::<_, Option<i64>>(6)?.map(Money::from_satang),
    })
}

const ITEM_COLUMNS: &str = "i.id, i.number, b.number, b.id, i.name, i.unit, i.price";

/// An item of a business by number or exact name.
pub fn item(conn: &Connection, business: &Business, key: &str) -> Result<Item> {
    let key = thai::to_arabic_digits(key.trim());
    conn.query_row(
        &format!(
            "SELECT {ITEM_COLUMNS} FROM item i JOIN business b ON b.id = i.business_id
             WHERE b.id = ?1 AND (CAST(i.number AS TEXT) = ?2 OR i.name = ?2 OR i.id = ?2)"
        ),
        params![business.id, key],
        item_row,
    )
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            "item",
            format!(
                "ไม่พบสินค้า \"{key}\" ใน{} — ใส่รหัสหรือชื่อสินค้าตามรายการสินค้าคงเหลือ หรือเพิ่มสินค้าใหม่ที่หน้าธุรกิจก่อน",
                business.name
            ),
        )
    })
}

/// The items of a business, in number order.
pub fn items(conn: &Connection, business: &Business) -> Result<Vec<Item>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM item i JOIN business b ON b.id = i.business_id
         WHERE b.id = ?1 ORDER BY i.number"
    ))?;
    let rows = stmt.query_map([&business.id], item_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
