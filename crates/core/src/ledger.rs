//! Balances derived from postings, as at any date.
//!
//! Today's balances come from the `balance` table the posting trigger keeps; a balance "as at"
//! a past date sums the postings up to it. Signs follow the postings: debit balances are
//! positive, so the balances of liabilities, equity and income are negated before they are
//! shown (e.g. a member's pledged savings is `-balance(SAJJA)`).

use std::collections::HashMap;

use crate::db::CachedExt;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::error::Result;
use crate::money::Money;

/// Is `date` on or after every posting? Then the kept balances are the balances on `date`.
fn is_current(conn: &Connection, date: Option<NaiveDate>) -> Result<bool> {
    let Some(date) = date else { return Ok(true) };
    let last: Option<NaiveDate> =
        conn.query_row_cached("SELECT max(date) FROM journal_entry", [], |r| r.get(0))?;
    Ok(last.is_none_or(|l| l <= date))
}

/// The debit balance of an account for the whole group, as at `date` (None = now).
pub fn account_balance(conn: &Connection, account: &str, date: Option<NaiveDate>) -> Result<Money> {
    let satang: i64 = if is_current(conn, date)? {
        conn.query_row_cached(
            "SELECT coalesce(sum(amount), 0) FROM balance WHERE account = ?1",
            [account],
            |r| r.get(0),
        )?
    } else {
        // The kept balance less what was posted after the date: cheap for recent dates, the
        // usual question ("as at the end of last month").
        conn.query_row_cached(
            "SELECT (SELECT coalesce(sum(amount), 0) FROM balance WHERE account = ?1)
                  - (SELECT coalesce(sum(amount), 0) FROM posting WHERE account = ?1 AND date > ?2)",
            params![account, date],
            |r| r.get(0),
        )?
    };
    Ok(Money::from_satang(satang))
}

/// The debit balance of an account for one member, as at `date` (None = now).
pub fn member_balance(
    conn: &Connection,
    account: &str,
    member_id: &str,
    date: Option<NaiveDate>,
) -> Result<Money> {
    let satang: i64 = if is_current(conn, date)? {
        conn.query_row_cached(
            "SELECT coalesce(sum(amount), 0) FROM balance WHERE account = ?1 AND member_key = ?2",
            params![account, member_id],
            |r| r.get(0),
        )?
    } else {
        conn.query_row_cached(
            "SELECT coalesce(sum(amount), 0) FROM posting WHERE member_id = ?2 AND account = ?1 AND date <= ?3",
            params![account, member_id, date],
            |r| r.get(0),
        )?
    };
    Ok(Money::from_satang(satang))
}

/// Debit balances of an account for every member, as at `date` (None = now).
pub fn member_balances(
    conn: &Connection,
    account: &str,
    date: Option<NaiveDate>,
) -> Result<HashMap<String, Money>> {
    let mut out = HashMap::new();
    if is_current(conn, date)? {
        let mut stmt = conn.prepare_cached(
            "SELECT member_key, amount FROM balance WHERE account = ?1 AND member_key <> ''",
        )?;
        let mut rows = stmt.query([account])?;
        while let Some(r) = rows.next()? {
            out.insert(r.get(0)?, Money::from_satang(r.get(1)?));
        }
    } else {
        // Kept balances less what was posted after the date (see `account_balance`).
        out = member_balances(conn, account, None)?;
        let mut stmt = conn.prepare_cached(
            "SELECT member_id, sum(amount) FROM posting
             WHERE account = ?1 AND date > ?2 AND member_id IS NOT NULL GROUP BY member_id",
        )?;
        let mut rows = stmt.query(params![account, date])?;
        while let Some(r) = rows.next()? {
            let later = Money::from_satang(r.get(1)?);
            *out.entry(r.get(0)?).or_default() -= later;
        }
    }
    Ok(out)
}

/// Sum of the postings on an account between two dates inclusive, split into debits (in) and
/// credits (out, as a positive amount).
pub fn account_flows(
    conn: &Connection,
    account: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Money, Money)> {
    let (debits, credits): (i64, i64) = conn.query_row_cached(
        "SELECT coalesce(sum(amount) FILTER (WHERE amount > 0), 0), coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)
         FROM posting WHERE account = ?1 AND date BETWEEN ?2 AND ?3",
        params![account, from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((Money::from_satang(debits), Money::from_satang(credits)))
}

/// The expense fund (ทุนค่าใช้สอย) available: fees and expense-fund capital received, less
/// expenses paid from it (DOMAIN §10).
pub fn expense_fund(conn: &Connection, date: Option<NaiveDate>) -> Result<Money> {
    let date = date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "9999-12-31".into());
    let satang: i64 = conn.query_row_cached(
        "SELECT coalesce(-sum(p.amount), 0) FROM posting p JOIN account a ON a.code = p.account
         WHERE a.fund = 'expense' AND p.date <= ?1",
        [date],
        |r| r.get(0),
    )?;
    Ok(Money::from_satang(satang))
}
