//! Members' debts for goods bought on credit (ลูกหนี้ค่าสินค้า, 1230): what each owes on a
//! date, and since when a part of it is late by the group's rule. A credit sale is due on the
//! first collection day on or after the sale; not paid by the late day of that month it is
//! late, as a month's pledged savings is. Payments (in the collection row) settle the oldest
//! credit first.
//!
//! The credit sales of a member due on one collection day are an instalment. An instalment
//! not paid in full by its late day is fined once, like a late loan instalment, by the
//! group's dated setting `goods_late_fine` in force on that late day (0 = no fine): the fine
//! is charged to the member (1210) as the group's fine income (4200, operating capital) when
//! the member's next collection row is posted, and is owed on the due list until then.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};

use crate::account::{FINES, FINES_RECEIVABLE, GOODS_RECEIVABLE};
use crate::db::CachedExt;
use crate::error::Result;
use crate::journal::{self, EntryKind, NewEntry, Posting};
use crate::member::Member;
use crate::money::Money;
use crate::settings;
use crate::thai::{self, Digits, YearMonth};

/// One member's debt for goods on a date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoodsDebt {
    pub owed: Money,
    /// The late day passed of the oldest credit still unpaid (None: nothing late).
    pub late_since: Option<NaiveDate>,
    /// Fines for late instalments not charged yet (charged by the member's next row).
    pub fines_pending: Money,
    /// The collection days of those instalments.
    pub fined_dues: Vec<NaiveDate>,
}

/// The collection day a credit sale of `sold` is due, and the last day it may be paid
/// without being late, by the rules in force on the sale's date.
pub fn due_dates(conn: &Connection, sold: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    let s = settings::at(conn, sold)?;
    let month = YearMonth::of(sold);
    let due_month = if sold.day() <= s.collection_day {
        month
    } else {
        month.next()
    };
    let day = |d: u32| {
        let last = due_month.last_day();
        NaiveDate::from_ymd_opt(last.year(), last.month(), d.min(last.day())).unwrap_or(last)
    };
    Ok((day(s.collection_day), day(s.late_after_day)))
}

/// A member's credit in date order: the days' net credit sales and the days' payments (and
/// reversals of sales), each as positive satang.
#[derive(Default)]
struct Flows {
    sales: Vec<(NaiveDate, i64)>,
    paid: Vec<(NaiveDate, i64)>,
}

fn flows(conn: &Connection, date: NaiveDate, only: Option<&str>) -> Result<HashMap<String, Flows>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, date, sum(amount) FROM posting
         WHERE account = ?1 AND date <= ?2 AND member_id IS NOT NULL
           AND (?3 IS NULL OR member_id = ?3)
         GROUP BY member_id, date ORDER BY member_id, date",
    )?;
    let rows = stmt.query_map(params![GOODS_RECEIVABLE, date.to_string(), only], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, NaiveDate>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut by_member: HashMap<String, Flows> = HashMap::new();
    for row in rows {
        let (member, day, sum) = row?;
        let f = by_member.entry(member).or_default();
        if sum > 0 {
            f.sales.push((day, sum));
        } else if sum < 0 {
            f.paid.push((day, -sum));
        }
    }
    Ok(by_member)
}

/// The due and late days of credit sold on each day, looked up once per day.
struct DueDays<'c> {
    conn: &'c Connection,
    seen: HashMap<NaiveDate, (NaiveDate, NaiveDate)>,
}

impl DueDays<'_> {
    fn of(&mut self, sold: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
        if let Some(d) = self.seen.get(&sold) {
            return Ok(*d);
        }
        let d = due_dates(self.conn, sold)?;
        self.seen.insert(sold, d);
        Ok(d)
    }
}

/// The instalments of a member late on `date`: (collection day due, late day), oldest first.
/// An instalment is late when what was paid by the end of its late day does not cover it and
/// every older credit (payments settle the oldest credit first).
fn late_instalments(
    days: &mut DueDays<'_>,
    f: &Flows,
    date: NaiveDate,
) -> Result<Vec<(NaiveDate, NaiveDate)>> {
    // Credit sold up to and including each instalment, in the order the credit was sold.
    let mut instalments: Vec<(NaiveDate, NaiveDate, i64)> = Vec::new();
    let mut sold = 0;
    for (day, amount) in &f.sales {
        sold += amount;
        let (due, late) = days.of(*day)?;
        match instalments.last_mut() {
            Some(last) if last.0 == due => last.2 = sold,
            _ => instalments.push((due, late, sold)),
        }
    }
    let paid_by = |day: NaiveDate| -> i64 {
        f.paid
            .iter()
            .take_while(|(d, _)| *d <= day)
            .map(|p| p.1)
            .sum()
    };
    Ok(instalments
        .into_iter()
        .filter(|(_, late, upto)| *late < date && paid_by(*late) < *upto)
        .map(|(due, late, _)| (due, late))
        .collect())
}

/// The fine for an instalment late after `late`: the setting in force on that day.
fn fine_on(history: &[(NaiveDate, String)], late: NaiveDate) -> Money {
    let i = history.partition_point(|(d, _)| *d <= late);
    let v = match (i, history.first()) {
        (0, Some((_, v))) => v.as_str(),
        (0, None) => "",
        _ => history[i - 1].1.as_str(),
    };
    Money::parse(v).unwrap_or(Money::ZERO)
}

fn fine_history(conn: &Connection) -> Result<Vec<(NaiveDate, String)>> {
    let mut h = settings::history(conn, "goods_late_fine")?;
    if h.is_empty() {
        // Never set: the rule's default applies from the beginning.
        let (v, _) = settings::raw_at(conn, "goods_late_fine", NaiveDate::MIN)?;
        h.push((NaiveDate::MIN, v));
    }
    Ok(h)
}

/// The instalments already fined, per member.
fn fined(conn: &Connection, only: Option<&str>) -> Result<HashSet<(String, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, due FROM goods_fine WHERE ?1 IS NULL OR member_id = ?1",
    )?;
    let rows = stmt.query_map(params![only], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every member's goods debt at the end of `date` (or only member `only`, by id).
pub fn debts(
    conn: &Connection,
    date: NaiveDate,
    only: Option<&str>,
) -> Result<HashMap<String, GoodsDebt>> {
    let by_member = flows(conn, date, only)?;
    if by_member.is_empty() {
        return Ok(HashMap::new());
    }
    let mut days = DueDays {
        conn,
        seen: HashMap::new(),
    };
    let history = fine_history(conn)?;
    let done = fined(conn, only)?;
    let mut out = HashMap::new();
    for (member, f) in by_member {
        // The oldest credit is settled first.
        let mut paid: i64 = f.paid.iter().map(|p| p.1).sum();
        let mut open = f.sales.clone();
        open.retain_mut(|(_, amount)| {
            let settled = paid.min(*amount);
            paid -= settled;
            *amount -= settled;
            *amount > 0
        });
        let owed: i64 = open.iter().map(|s| s.1).sum();
        let late_since = match open.first() {
            Some((sold, _)) => Some(days.of(*sold)?.1).filter(|late| *late < date),
            None => None,
        };
        let mut debt = GoodsDebt {
            owed: Money::from_satang(owed),
            late_since,
            ..GoodsDebt::default()
        };
        for (due, late) in late_instalments(&mut days, &f, date)? {
            let fine = fine_on(&history, late);
            if fine.is_positive() && !done.contains(&(member.clone(), due)) {
                debt.fines_pending += fine;
                debt.fined_dues.push(due);
            }
        }
        if owed != 0 || !debt.fined_dues.is_empty() {
            out.insert(member, debt);
        }
    }
    Ok(out)
}

/// Charges member `m` the fines of their goods instalments late on `date` and not fined yet,
/// in one entry (a reversal of the row that triggered it leaves the fine, as for late
/// savings). Returns the amount charged.
pub(crate) fn charge_fines(conn: &Connection, m: &Member, date: NaiveDate) -> Result<Money> {
    let Some(debt) = debts(conn, date, Some(&m.id))?.remove(&m.id) else {
        return Ok(Money::ZERO);
    };
    if debt.fined_dues.is_empty() {
        return Ok(Money::ZERO);
    }
    let dues: Vec<String> = debt
        .fined_dues
        .iter()
        .map(|d| thai::format_date(*d, Digits::Arabic))
        .collect();
    let mut e = NewEntry::new(
        date,
        EntryKind::Income,
        format!(
            "ค่าปรับค่าสินค้าเงินเชื่อส่งช้า สมาชิกเลขที่ {} งวดวันรับเงิน {}",
            m.number,
            dues.join(", ")
        ),
    );
    e.member_id = Some(m.id.clone());
    e.push(Posting::debit(FINES_RECEIVABLE, debt.fines_pending).for_member(&m.id));
    e.push(Posting::credit(FINES, debt.fines_pending).for_member(&m.id));
    let entry = journal::post(conn, &e)?;
    for due in &debt.fined_dues {
        conn.execute_cached(
            "INSERT INTO goods_fine (member_id, due, entry_id, date) VALUES (?1, ?2, ?3, ?4)",
            params![m.id, due.to_string(), entry, date.to_string()],
        )?;
    }
    Ok(debt.fines_pending)
}
