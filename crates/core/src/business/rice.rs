//! The rice bank (ธนาคารข้าว): rice lent to members in kilograms and repaid in kilograms with
//! interest in kind at the bank's rate (`rice_interest_per_100` kg per 100 kg per season of
//! `rice_season_months`).
//!
//! A loan is due at the end of its first season. At the start of each season (the first on the
//! day it is lent) it is charged the rate on the rice still owed then; a repayment settles the
//! interest in kind first, then the rice lent, oldest loan first. The rice lent leaves the
//! granary's stock at its cost (average or FIFO, as every sale) onto the rice loans 1240; the
//! rice lent that comes back returns at that same value, and the interest in kind enters the
//! stock at the committee's price for the year (`rice_price`) as the rice bank's income
//! (4510). Past its due date a loan ages and falls into arrears like a money loan (the arrears
//! list's buckets).

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use super::qty::{mul_div, Qty, SCALE};
use super::stock::{self, Costing, NewMove};
use super::{Business, Item};
use crate::account::{
    RICE_DEPOSITS, RICE_INTEREST, RICE_LOANS, STOCK, STOCK_COUNT_DIFFERENCE, SUBSIDIES,
};
use crate::db::CachedExt;
use crate::error::{Error, Result};
use crate::journal::{EntryKind, NewEntry, Posting};
use crate::member;
use crate::money::Money;
use crate::settings;
use crate::thai::YearMonth;

/// A rice loan or repayment as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RiceInput {
    pub business: String,
    /// The rice item (number or name); empty = the granary's first item.
    pub item: String,
    pub member: String,
    pub kg: String,
    pub date: String,
}

/// A rice loan as stored.
#[derive(Clone, Debug)]
struct Loan {
    id: String,
    number: u32,
    member_id: String,
    lent_on: NaiveDate,
    kg: i64,
    value: i64,
    rate: Decimal,
    season_months: u32,
    due: NaiveDate,
}

/// The day season `k` (1, 2, …) of a loan lent on `lent_on` ends.
fn season_end(lent_on: NaiveDate, season_months: u32, k: u32) -> NaiveDate {
    lent_on
        .checked_add_months(chrono::Months::new(season_months * k))
        .unwrap_or(NaiveDate::MAX)
}

/// Interest in kind (thousandths of a kg) for `principal` at `rate` kg per 100 kg.
fn interest_of(principal: i64, rate: Decimal) -> i64 {
    let milli = Decimal::from(principal) * rate / Decimal::from(100);
    milli
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .to_string()
        .parse()
        .unwrap_or(0)
}

/// A loan's repayments: (date, principal kg, interest kg, principal value), in order.
fn repayments(conn: &Connection, loan_id: &str) -> Result<Vec<(NaiveDate, i64, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.date, r.principal, r.interest, r.principal_value FROM rice_repayment r
         JOIN stock_move m ON m.id = r.move_id WHERE r.loan_id = ?1 ORDER BY m.id",
    )?;
    let rows = stmt.query_map([loan_id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where a loan stands at the end of `date`: rice still owed, interest in kind owed, the
/// value of the rice still owed, and how many seasons have started.
#[derive(Clone, Copy, Debug, Default)]
struct Position {
    principal: i64,
    interest: i64,
    value: i64,
    seasons: u32,
}

fn position(conn: &Connection, loan: &Loan, date: NaiveDate) -> Result<Position> {
    let paid: Vec<_> = repayments(conn, &loan.id)?
        .into_iter()
        .filter(|r| r.0 <= date)
        .collect();
    let owed_on =
        |day: NaiveDate| loan.kg - paid.iter().filter(|r| r.0 <= day).map(|r| r.1).sum::<i64>();
    let mut charged = 0;
    let mut seasons = 0;
    while seasons == 0 || date > season_end(loan.lent_on, loan.season_months, seasons) {
        // Season k+1 starts the day after season k ends; it is charged on the rice owed then.
        let start_owed = if seasons == 0 {
            loan.kg
        } else {
            owed_on(season_end(loan.lent_on, loan.season_months, seasons))
        };
        if start_owed <= 0 {
            break;
        }
        charged += interest_of(start_owed, loan.rate);
        seasons += 1;
        if seasons > 1_000 {
            break;
        }
    }
    let interest_paid: i64 = paid.iter().map(|r| r.2).sum();
    let value_back: i64 = paid.iter().map(|r| r.3).sum();
    Ok(Position {
        principal: owed_on(date),
        interest: (charged - interest_paid).max(0),
        value: loan.value - value_back,
        seasons,
    })
}

fn loans_of(conn: &Connection, b: &Business, member_id: Option<&str>) -> Result<Vec<Loan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, member_id, lent_on, kg, value, rate, season_months, due FROM rice_loan
         WHERE business_id = ?1 AND (?2 IS NULL OR member_id = ?2) ORDER BY lent_on, number",
    )?;
    let rows = stmt.query_map(params![b.id, member_id], |r| {
        Ok(Loan {
            id: r.get(0)?,
            number: r.get(1)?,
            member_id: r.get(2)?,
            lent_on: r.get(3)?,
            kg: r.get(4)?,
            value: r.get(5)?,
            rate: r.get::<_, String>(6)?.parse().unwrap_or_default(),
            season_months: r.get(7)?,
            due: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn rice_item(conn: &Connection, b: &Business, key: &str) -> Result<Item> {
    let key = if key.trim().is_empty() { "1" } else { key };
    super::item(conn, b, key).map_err(|_| {
        Error::invalid(
            "item",
            format!(
                "{}ยังไม่มีรายการข้าว — เพิ่มสินค้าข้าวก่อน (เช่น ข้าวเปลือก หน่วยกิโลกรัม) ที่หน้าธุรกิจนี้",
                b.name
            ),
        )
    })
}

struct Checked {
    b: Business,
    item: Item,
    member: member::Member,
    kg: i64,
    date: NaiveDate,
}

fn check(conn: &Connection, input: &RiceInput) -> Result<Checked> {
    let b = super::get(conn, &input.business)?;
    let item = rice_item(conn, &b, &input.item)?;
    let kg = Qty::parse("kg", &input.kg)?.milli();
    let date = super::parse_date("date", &input.date)?;
    let number = member::parse_number("member", "", &input.member)?;
    let member = member::get(conn, number)?;
    super::ensure_in_order(conn, &b, date)?;
    Ok(Checked {
        b,
        item,
        member,
        kg,
        date,
    })
}

fn setting(conn: &Connection, key: &str, date: NaiveDate) -> Result<String> {
    Ok(settings::raw_at(conn, key, date)?.0)
}

/// What a loan or repayment did, for the screens and `--json`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct RiceMoved {
    pub business: u32,
    pub member: u32,
    pub name: String,
    pub date: NaiveDate,
    pub kg: Qty,
    /// Of a repayment: interest in kind and rice lent settled, and their value.
    pub interest_kg: Qty,
    pub principal_kg: Qty,
    pub interest_value: Money,
    pub value: Money,
    /// The loan made (a loan), or the loans repaid (a repayment).
    pub loans: Vec<u32>,
    pub stock_kg: Qty,
    pub entry: Option<String>,
}

pub(crate) fn lend(conn: &Connection, input: &RiceInput) -> Result<RiceMoved> {
    let Checked {
        b,
        item,
        member: m,
        kg,
        date,
    } = check(conn, input)?;
    if !m.status.is_active() || date < m.joined {
        return Err(Error::invalid(
            "member",
            format!(
                "สมาชิกเลขที่ {} ไม่ได้เป็นสมาชิกในวันที่ยืม — ยืมข้าวได้เฉพาะสมาชิก",
                m.number
            ),
        ));
    }
    let costing = Costing::at(conn, date)?;
    let mut lots = stock::lots_now(conn, &item, costing)?;
    let value = take_from_granary(&mut lots, kg, costing, |kg| format!("ให้ยืม {kg} กิโลกรัมไม่ได้"))?;
    let rate: Decimal = setting(conn, "rice_interest_per_100", date)?
        .parse()
        .unwrap_or_default();
    let season_months: u32 = setting(conn, "rice_season_months", date)?
        .parse()
        .unwrap_or(6);
    let due = season_end(date, season_months, 1);
    let number: u32 = conn.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM rice_loan WHERE business_id = ?1",
        [&b.id],
        |r| r.get(0),
    )?;
    let mut e = NewEntry::new(
        date,
        EntryKind::RiceLoan,
        format!(
            "{}ให้สมาชิกเลขที่ {} {} ยืม{} {} กิโลกรัม (สัญญาที่ {number})",
            b.name,
            m.number,
            m.full_name,
            item.name,
            Qty(kg)
        ),
    );
    e.member_id = Some(m.id.clone());
    e.push(Posting::debit(RICE_LOANS, Money::from_satang(value)).for_member(&m.id));
    e.push(Posting::credit(STOCK, Money::from_satang(value)));
    let entry = super::post_if_valued(conn, &b.id, &e)?;
    let move_id = stock::record(
        conn,
        &NewMove::new(
            &item,
            date,
            "lend",
            (-kg, -value),
            (lots.qty(), lots.value()),
            entry.clone(),
        )
        .member(Some(m.id.clone())),
    )?;
    conn.execute(
        "INSERT INTO rice_loan (id, business_id, item_id, member_id, number, lent_on, kg, value,
                                rate, season_months, due, move_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            uuid::Uuid::now_v7().to_string(),
            b.id,
            item.id,
            m.id,
            number,
            date.to_string(),
            kg,
            value,
            rate.to_string(),
            season_months,
            due.to_string(),
            move_id
        ],
    )?;
    Ok(RiceMoved {
        business: b.number,
        member: m.number,
        name: m.full_name,
        date,
        kg: Qty(kg),
        interest_kg: Qty::ZERO,
        principal_kg: Qty::ZERO,
        interest_value: Money::ZERO,
        value: Money::from_satang(value),
        loans: vec![number],
        stock_kg: Qty(lots.qty()),
        entry,
    })
}

pub(crate) fn repay(conn: &Connection, input: &RiceInput) -> Result<RiceMoved> {
    let Checked {
        b,
        item,
        member: m,
        kg,
        date,
    } = check(conn, input)?;
    let price = Money::parse(&setting(conn, "rice_price", date)?)?;
    // Interest first, then the rice lent, oldest loan first.
    let mut left = kg;
    let mut splits = Vec::new();
    for loan in loans_of(conn, &b, Some(&m.id))? {
        if left == 0 || loan.lent_on > date {
            break;
        }
        let pos = position(conn, &loan, date)?;
        if pos.principal == 0 && pos.interest == 0 {
            continue;
        }
        let interest = left.min(pos.interest);
        let principal = (left - interest).min(pos.principal);
        left -= interest + principal;
        let principal_value = if principal == pos.principal {
            pos.value
        } else {
            mul_div(pos.value, principal, pos.principal)
        };
        let interest_value = mul_div(price.satang(), interest, SCALE);
        splits.push((loan, interest, principal, interest_value, principal_value));
    }
    if left > 0 {
        let owed = kg - left;
        return Err(Error::invalid(
            "kg",
            format!(
                "สมาชิกเลขที่ {} ค้างข้าว (รวมดอกเบี้ยข้าว) {} กิโลกรัม คืน {} กิโลกรัมเกินยอดค้าง",
                m.number,
                Qty(owed),
                Qty(kg)
            ),
        ));
    }
    let costing = Costing::at(conn, date)?;
    let mut lots = stock::lots_now(conn, &item, costing)?;
    let interest_kg: i64 = splits.iter().map(|s| s.1).sum();
    let principal_kg: i64 = splits.iter().map(|s| s.2).sum();
    let interest_value: i64 = splits.iter().map(|s| s.3).sum();
    let principal_value: i64 = splits.iter().map(|s| s.4).sum();
    lots.put(kg, interest_value + principal_value, costing);
    let numbers: Vec<u32> = splits.iter().map(|s| s.0.number).collect();
    let mut e = NewEntry::new(
        date,
        EntryKind::RiceLoan,
        format!(
            "{}รับคืน{}จากสมาชิกเลขที่ {} {} {} กิโลกรัม (ดอกเบี้ยข้าว {} กิโลกรัม)",
            b.name,
            item.name,
            m.number,
            m.full_name,
            Qty(kg),
            Qty(interest_kg)
        ),
    );
    e.member_id = Some(m.id.clone());
    e.push(Posting::debit(
        STOCK,
        Money::from_satang(interest_value + principal_value),
    ));
    e.push(Posting::credit(RICE_LOANS, Money::from_satang(principal_value)).for_member(&m.id));
    e.push(Posting::credit(RICE_INTEREST, Money::from_satang(interest_value)).for_member(&m.id));
    let entry = super::post_if_valued(conn, &b.id, &e)?;
    let move_id = stock::record(
        conn,
        &NewMove::new(
            &item,
            date,
            "repay",
            (kg, interest_value + principal_value),
            (lots.qty(), lots.value()),
            entry.clone(),
        )
        .member(Some(m.id.clone())),
    )?;
    for (loan, interest, principal, iv, pv) in &splits {
        conn.execute_cached(
            "INSERT INTO rice_repayment (move_id, loan_id, principal, interest, principal_value,
                                         interest_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![move_id, loan.id, principal, interest, pv, iv],
        )?;
    }
    Ok(RiceMoved {
        business: b.number,
        member: m.number,
        name: m.full_name,
        date,
        kg: Qty(kg),
        interest_kg: Qty(interest_kg),
        principal_kg: Qty(principal_kg),
        interest_value: Money::from_satang(interest_value),
        value: Money::from_satang(interest_value + principal_value),
        loans: numbers,
        stock_kg: Qty(lots.qty()),
        entry,
    })
}

/// Takes `kg` out of the granary at its cost, refused when it holds less; `refused` says
/// what could not be done with the kilograms asked.
fn take_from_granary(
    lots: &mut stock::Lots,
    kg: i64,
    costing: Costing,
    refused: impl FnOnce(Qty) -> String,
) -> Result<i64> {
    if kg > lots.qty() {
        return Err(Error::invalid(
            "kg",
            format!(
                "ข้าวในยุ้งฉางมี {} กิโลกรัม {}",
                Qty(lots.qty()),
                refused(Qty(kg))
            ),
        ));
    }
    Ok(lots.take(kg, costing))
}

/// One rice loan on a date.
#[derive(Clone, Debug, serde::Serialize)]
pub struct RiceLoanRow {
    pub number: u32,
    pub member: u32,
    pub name: String,
    pub lent_on: NaiveDate,
    pub kg: Qty,
    /// kg per 100 kg per season, and the season in months.
    pub rate: String,
    pub season_months: u32,
    pub due: NaiveDate,
    /// Rice lent still owed, and interest in kind owed, on the date.
    pub principal_kg: Qty,
    pub interest_kg: Qty,
    pub owed_kg: Qty,
    /// Seasons started so far.
    pub seasons: u32,
    /// The book value of the rice lent still owed (its cost when lent).
    pub value: Money,
    /// The rice owed at the committee's price.
    pub value_at_price: Money,
    pub days_overdue: i64,
    pub months_overdue: u32,
    /// The arrears list's bucket ("1", "2-3", "over-3") when overdue.
    pub bucket: Option<&'static str>,
    pub bucket_label: Option<&'static str>,
    pub in_arrears: bool,
}

/// The rice bank on a date: the granary's rice in kilograms and its value, every loan still
/// owed with its age, and the totals.
#[derive(Clone, Debug, serde::Serialize)]
pub struct RiceBank {
    pub business: u32,
    pub name: String,
    pub item: String,
    pub date: NaiveDate,
    /// The committee's price for the year (baht per kg).
    pub price: Money,
    pub stock_kg: Qty,
    /// The stock's book value (cost) and at the committee's price.
    pub stock_value: Money,
    pub stock_value_at_price: Money,
    pub loans: Vec<RiceLoanRow>,
    pub lent_kg: Qty,
    pub interest_kg: Qty,
    pub loans_value: Money,
    pub loans_value_at_price: Money,
    pub in_arrears: u32,
    pub arrears_kg: Qty,
    /// Members' rice on deposit (owed back to them in kilograms), and its total.
    pub deposits: Vec<DepositLine>,
    pub deposit_kg: Qty,
}

fn months_overdue(due: NaiveDate, date: NaiveDate) -> u32 {
    let (a, b) = (YearMonth::of(due), YearMonth::of(date));
    let months = (b.year - a.year) * 12 + b.month as i32 - a.month as i32;
    // A part of a month overdue counts as a month, as the arrears list counts instalments.
    let whole = if date.day0() > due.day0() {
        months + 1
    } else {
        months
    };
    whole.max(1) as u32
}

pub fn show(conn: &Connection, b: &Business, item: &str, date: NaiveDate) -> Result<RiceBank> {
    let item = rice_item(conn, b, item)?;
    let price = Money::parse(&setting(conn, "rice_price", date)?)?;
    let at_price = |kg: i64| Money::from_satang(mul_div(price.satang(), kg, SCALE));
    let (stock_kg, stock_value): (i64, i64) = conn
        .query_row_cached(
            "SELECT qty_after, value_after FROM stock_move WHERE item_id = ?1 AND date <= ?2
             ORDER BY id DESC LIMIT 1",
            params![item.id, date.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, 0));
    let mut rows = Vec::new();
    for loan in loans_of(conn, b, None)? {
        if loan.lent_on > date {
            continue;
        }
        let pos = position(conn, &loan, date)?;
        if pos.principal == 0 && pos.interest == 0 {
            continue;
        }
        let m = member::get_by_id(conn, &loan.member_id)?;
        let overdue = date > loan.due;
        let months = if overdue {
            months_overdue(loan.due, date)
        } else {
            0
        };
        let bucket = overdue.then(|| crate::loan::arrears::bucket_of(months));
        rows.push(RiceLoanRow {
            number: loan.number,
            member: m.number,
            name: m.full_name,
            lent_on: loan.lent_on,
            kg: Qty(loan.kg),
            rate: loan.rate.to_string(),
            season_months: loan.season_months,
            due: loan.due,
            principal_kg: Qty(pos.principal),
            interest_kg: Qty(pos.interest),
            owed_kg: Qty(pos.principal + pos.interest),
            seasons: pos.seasons,
            value: Money::from_satang(pos.value),
            value_at_price: at_price(pos.principal + pos.interest),
            days_overdue: if overdue {
                (date - loan.due).num_days()
            } else {
                0
            },
            months_overdue: months,
            bucket: bucket.map(|b| b.0),
            bucket_label: bucket.map(|b| b.1),
            in_arrears: overdue,
        });
    }
    let deposits = deposits(conn, b, date)?;
    let lent: i64 = rows.iter().map(|r| r.principal_kg.milli()).sum();
    let interest: i64 = rows.iter().map(|r| r.interest_kg.milli()).sum();
    Ok(RiceBank {
        business: b.number,
        name: b.name.clone(),
        item: item.name,
        date,
        price,
        stock_kg: Qty(stock_kg),
        stock_value: Money::from_satang(stock_value),
        stock_value_at_price: at_price(stock_kg),
        lent_kg: Qty(lent),
        interest_kg: Qty(interest),
        loans_value: rows.iter().map(|r| r.value).sum(),
        loans_value_at_price: at_price(lent + interest),
        in_arrears: rows.iter().filter(|r| r.in_arrears).count() as u32,
        arrears_kg: Qty(rows
            .iter()
            .filter(|r| r.in_arrears)
            .map(|r| r.owed_kg.milli())
            .sum()),
        loans: rows,
        deposit_kg: Qty(deposits.iter().map(|d| d.kg.milli()).sum()),
        deposits,
    })
}

/// Rice loans' part of verify: the rice loans account equals the book value of the rice
/// still owed, loan by loan.
pub(crate) fn verify(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut owed = 0;
    for b in super::list(conn)? {
        for loan in loans_of(conn, &b, None)? {
            let paid = repayments(conn, &loan.id)?;
            let principal = loan.kg - paid.iter().map(|r| r.1).sum::<i64>();
            let value = loan.value - paid.iter().map(|r| r.3).sum::<i64>();
            if principal < 0 || value < 0 || (principal == 0 && value != 0) {
                problems.push(format!("สัญญายืมข้าวที่ {} ของ{} คืนเกินที่ยืม", loan.number, b.name));
            }
            owed += value;
        }
    }
    compare_with_postings(conn, RICE_LOANS, 1, owed, problems, |booked, owed| {
        format!("ลูกหนี้ข้าวในบัญชี ({booked} บาท) ไม่เท่ากับมูลค่าข้าวที่สมาชิกยังค้างตามสัญญา ({owed} บาท)")
    })
}

/// The last check of a rice account in verify: the sum of its postings (`sign` -1 for an
/// account kept on the credit side) against what the rice records say it is worth, in
/// satang. Read from the postings, not the kept balances, which verify checks on their own.
fn compare_with_postings(
    conn: &Connection,
    account: &str,
    sign: i64,
    worth: i64,
    problems: &mut Vec<String>,
    describe: impl FnOnce(String, String) -> String,
) -> Result<()> {
    let booked: i64 = conn.query_row(
        "SELECT coalesce(sum(amount), 0) FROM posting WHERE account = ?1",
        [account],
        |r| r.get(0),
    )?;
    if sign * booked != worth {
        problems.push(describe(
            Money::from_satang(sign * booked).grouped(),
            Money::from_satang(worth).grouped(),
        ));
    }
    Ok(())
}

/// Rice received into the granary in kind, as typed: donated, deposited by a member, or a
/// member's deposit taken back.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ReceiveInput {
    pub business: String,
    /// The rice item (number or name); empty = the granary's first item.
    pub item: String,
    /// donation | deposit | withdraw
    pub how: String,
    /// The depositing member (deposit, withdraw).
    pub member: String,
    /// Who donated (donation).
    pub from: String,
    pub kg: String,
    pub date: String,
}

/// What a receipt of rice did, for the screens and `--json`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Received {
    pub business: u32,
    pub how: &'static str,
    pub member: Option<u32>,
    pub name: String,
    pub date: NaiveDate,
    /// Into the granary (> 0) or out of it (a deposit taken back, < 0).
    pub kg: String,
    /// Value booked on the stock account (at the committee's price when received; at cost
    /// when a deposit is taken back).
    pub value: Money,
    /// The member's rice on deposit after it (deposit, withdraw).
    pub deposit_kg: Option<Qty>,
    pub stock_kg: Qty,
    pub entry: Option<String>,
}

/// A member's rice on deposit in a business: (kilograms, value on 2110), in thousandths and
/// satang.
fn deposit_of(conn: &Connection, b: &Business, member_id: &str) -> Result<(i64, i64)> {
    Ok(conn.query_row_cached(
        "SELECT coalesce(sum(kg), 0), coalesce(sum(value), 0) FROM rice_deposit
         WHERE business_id = ?1 AND member_id = ?2",
        params![b.id, member_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Rice received into the granary. A donation enters the stock at the committee's price for
/// the year (`rice_price`) as a donation to the group (3400); a member's deposit enters at
/// that price too and is owed back to the member in kilograms (2110); a deposit taken back
/// leaves the stock at its cost (average or FIFO), releases the deposit's value in proportion,
/// and books the difference as a stock difference (5510).
pub(crate) fn receive(conn: &Connection, input: &ReceiveInput) -> Result<Received> {
    let b = super::get(conn, &input.business)?;
    let item = rice_item(conn, &b, &input.item)?;
    let kg = Qty::parse("kg", &input.kg)?.milli();
    let date = super::parse_date("date", &input.date)?;
    let how = match input.how.trim() {
        "donation" | "บริจาค" => "donation",
        "deposit" | "ฝาก" => "deposit",
        "withdraw" | "ถอน" => "withdraw",
        other => {
            return Err(Error::invalid(
                "how",
                format!("\"{other}\" ไม่ใช่ donation (รับบริจาค), deposit (สมาชิกฝากข้าว) หรือ withdraw (สมาชิกถอนข้าวฝาก)"),
            ))
        }
    };
    let member = if how == "donation" {
        None
    } else {
        let number = member::parse_number("member", "ของผู้ฝากข้าว", &input.member)?;
        let m = member::get(conn, number)?;
        if how == "deposit" && (!m.status.is_active() || date < m.joined) {
            return Err(Error::invalid(
                "member",
                format!("สมาชิกเลขที่ {number} ไม่ได้เป็นสมาชิกในวันที่ฝาก — ฝากข้าวได้เฉพาะสมาชิก"),
            ));
        }
        Some(m)
    };
    let from = crate::text::check("from", "ผู้บริจาค", &input.from, 200)?;
    super::ensure_in_order(conn, &b, date)?;
    let costing = Costing::at(conn, date)?;
    let mut lots = stock::lots_now(conn, &item, costing)?;
    let price = Money::parse(&setting(conn, "rice_price", date)?)?;
    let at_price = mul_div(price.satang(), kg, SCALE);
    let mut e = NewEntry::new(date, EntryKind::RiceReceive, String::new());
    let (qty, value, deposit_part) = match (how, &member) {
        ("donation", _) => {
            lots.put(kg, at_price, costing);
            e.memo = format!(
                "{}รับบริจาค{} {} กิโลกรัม{}",
                b.name,
                item.name,
                Qty(kg),
                if from.is_empty() {
                    String::new()
                } else {
                    format!(" จาก {from}")
                }
            );
            e.push(Posting::debit(STOCK, Money::from_satang(at_price)));
            e.push(Posting::credit(SUBSIDIES, Money::from_satang(at_price)));
            (kg, at_price, None)
        }
        ("deposit", Some(m)) => {
            lots.put(kg, at_price, costing);
            e.memo = format!(
                "{}รับฝาก{}จากสมาชิกเลขที่ {} {} {} กิโลกรัม",
                b.name,
                item.name,
                m.number,
                m.full_name,
                Qty(kg)
            );
            e.member_id = Some(m.id.clone());
            e.push(Posting::debit(STOCK, Money::from_satang(at_price)));
            e.push(Posting::credit(RICE_DEPOSITS, Money::from_satang(at_price)).for_member(&m.id));
            (kg, at_price, Some((kg, at_price)))
        }
        (_, Some(m)) => {
            let (held_kg, held_value) = deposit_of(conn, &b, &m.id)?;
            if kg > held_kg {
                return Err(Error::invalid(
                    "kg",
                    format!(
                        "สมาชิกเลขที่ {} ฝากข้าวไว้ {} กิโลกรัม ถอน {} กิโลกรัมไม่ได้",
                        m.number,
                        Qty(held_kg),
                        Qty(kg)
                    ),
                ));
            }
            let cost = take_from_granary(&mut lots, kg, costing, |kg| {
                format!("คืนข้าวฝาก {kg} กิโลกรัมไม่ได้ตอนนี้")
            })?;
            let released = if kg == held_kg {
                held_value
            } else {
                mul_div(held_value, kg, held_kg)
            };
            e.memo = format!(
                "{}คืนข้าวฝากให้สมาชิกเลขที่ {} {} {} กิโลกรัม",
                b.name,
                m.number,
                m.full_name,
                Qty(kg)
            );
            e.member_id = Some(m.id.clone());
            e.push(Posting::debit(RICE_DEPOSITS, Money::from_satang(released)).for_member(&m.id));
            e.push(Posting::credit(STOCK, Money::from_satang(cost)));
            // What the deposit was booked at against what the rice handed back cost.
            let diff = released - cost;
            if diff > 0 {
                e.push(Posting::credit(
                    STOCK_COUNT_DIFFERENCE,
                    Money::from_satang(diff),
                ));
            } else if diff < 0 {
                e.push(Posting::debit(
                    STOCK_COUNT_DIFFERENCE,
                    Money::from_satang(-diff),
                ));
            }
            (-kg, -cost, Some((-kg, -released)))
        }
        _ => unreachable!("a deposit or withdrawal always has its member"),
    };
    let entry = super::post_if_valued(conn, &b.id, &e)?;
    let move_id = stock::record(
        conn,
        &NewMove::new(
            &item,
            date,
            "receive",
            (qty, value),
            (lots.qty(), lots.value()),
            entry.clone(),
        )
        .member(member.as_ref().map(|m| m.id.clone()))
        .party(if how == "donation" {
            from
        } else {
            how.to_string()
        }),
    )?;
    let mut deposit_kg = None;
    if let (Some((dkg, dvalue)), Some(m)) = (deposit_part, &member) {
        conn.execute_cached(
            "INSERT INTO rice_deposit (move_id, business_id, member_id, kg, value)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![move_id, b.id, m.id, dkg, dvalue],
        )?;
        deposit_kg = Some(Qty(deposit_of(conn, &b, &m.id)?.0));
    }
    Ok(Received {
        business: b.number,
        how,
        member: member.as_ref().map(|m| m.number),
        name: member.map(|m| m.full_name).unwrap_or_default(),
        date,
        kg: if qty < 0 {
            format!("-{}", Qty(-qty))
        } else {
            Qty(qty).to_string()
        },
        value: Money::from_satang(value.abs()),
        deposit_kg,
        stock_kg: Qty(lots.qty()),
        entry,
    })
}

/// Members' rice on deposit in a business on `date`: (member number, name, kg), and the total.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DepositLine {
    pub member: u32,
    pub name: String,
    pub kg: Qty,
    pub value: Money,
}

pub fn deposits(conn: &Connection, b: &Business, date: NaiveDate) -> Result<Vec<DepositLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.member_id, sum(d.kg), sum(d.value) FROM rice_deposit d
         JOIN stock_move s ON s.id = d.move_id
         WHERE d.business_id = ?1 AND s.date <= ?2
         GROUP BY d.member_id HAVING sum(d.kg) <> 0",
    )?;
    let rows: Vec<(String, i64, i64)> = stmt
        .query_map(params![b.id, date.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (id, kg, value) in rows {
        let m = member::get_by_id(conn, &id)?;
        out.push(DepositLine {
            member: m.number,
            name: m.full_name,
            kg: Qty(kg),
            value: Money::from_satang(value),
        });
    }
    out.sort_by_key(|d| d.member);
    Ok(out)
}

/// Rice deposits' part of verify: the deposits account equals the value of every member's
/// rice on deposit, and no member has taken back more than they deposited.
pub(crate) fn verify_deposits(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT member_id, business_id, sum(kg), sum(value) FROM rice_deposit
         GROUP BY member_id, business_id",
    )?;
    let rows: Vec<(String, String, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut owed = 0;
    for (member_id, _, kg, value) in &rows {
        if *kg < 0 || *value < 0 || (*kg == 0 && *value != 0) {
            let m = member::get_by_id(conn, member_id)?;
            problems.push(format!("ข้าวฝากของสมาชิกเลขที่ {} ถอนเกินที่ฝาก", m.number));
        }
        owed += value;
    }
    compare_with_postings(conn, RICE_DEPOSITS, -1, owed, problems, |booked, owed| {
        format!("ข้าวฝากของสมาชิกในบัญชี ({booked} บาท) ไม่เท่ากับมูลค่าข้าวฝากตามรายการ ({owed} บาท)")
    })
}
