//! Members' debts for goods bought on credit (ลูกหนี้ค่าสินค้า, 1230): what each owes on a
//! date, and since when a part of it is late by the group's rule. A credit sale is due on the
//! first collection day on or after the sale; not paid by the late day of that month it is
//! late, as a month's pledged savings is. Payments (in the collection row) settle the oldest
//! credit first.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};

use crate::account::GOODS_RECEIVABLE;
use crate::error::Result;
use crate::money::Money;
use crate::settings;
use crate::thai::YearMonth;

/// One member's debt for goods on a date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GoodsDebt {
    pub owed: Money,
    /// The late day passed of the oldest credit still unpaid (None: nothing late).
    pub late_since: Option<NaiveDate>,
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

/// Every member's goods debt at the end of `date` (or only member `only`, by id).
pub fn debts(
    conn: &Connection,
    date: NaiveDate,
    only: Option<&str>,
) -> Result<HashMap<String, GoodsDebt>> {
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
    // Per member: the days' net credit in date order, and everything paid.
    let mut by_member: HashMap<String, (Vec<(NaiveDate, i64)>, i64)> = HashMap::new();
    for row in rows {
        let (member, day, sum) = row?;
        let e = by_member.entry(member).or_default();
        if sum > 0 {
            e.0.push((day, sum));
        } else {
            e.1 -= sum;
        }
    }
    let mut out = HashMap::new();
    for (member, (mut sales, mut paid)) in by_member {
        // The oldest credit is settled first.
        sales.retain_mut(|(_, amount)| {
            let settled = paid.min(*amount);
            paid -= settled;
            *amount -= settled;
            *amount > 0
        });
        let owed: i64 = sales.iter().map(|s| s.1).sum();
        if owed == 0 {
            continue;
        }
        let late_since = match sales.first() {
            Some((sold, _)) => Some(due_dates(conn, *sold)?.1).filter(|late| *late < date),
            None => None,
        };
        out.insert(
            member,
            GoodsDebt {
                owed: Money::from_satang(owed),
                late_since,
            },
        );
    }
    Ok(out)
}
