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

/// A member's kept debit balances on several accounts at once, now, in the order asked (a
/// collection row's pledged savings, fines, deposits, goods and loans).
pub fn member_balances_now<const N: usize>(
    conn: &Connection,
    member_id: &str,
    accounts: [&str; N],
) -> Result<[Money; N]> {
    // One primary-key lookup per account, all in one statement: an `IN (?, …)` list of
    // bound values would have SQLite build a temporary table for it on every call (a
    // collection row makes one).
    let lookups: Vec<String> = (2..N + 2)
        .map(|i| {
            format!(
                "coalesce((SELECT amount FROM balance WHERE account = ?{i} AND member_key = ?1), 0)"
            )
        })
        .collect();
    let mut stmt = conn.prepare_cached(&format!("SELECT {}", lookups.join(", ")))?;
    let params = std::iter::once(member_id).chain(accounts.iter().copied());
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    let mut out = [Money::ZERO; N];
    if let Some(row) = rows.next()? {
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = Money::from_satang(row.get(i)?);
        }
    }
    Ok(out)
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

/// What entries that are not the span's own income or expense posted between two dates, by
/// account (debit > 0): the year-end's closing entries (kind `year_close`), and the balances
/// brought in from the paper books (kind `opening`, with any reversal of them), which are the
/// books as they stood on the cut-over, not money earned or spent in the year.
#[derive(Clone, Debug, Default)]
pub struct SetApart {
    pub closing: HashMap<&'static str, i64>,
    pub opening: HashMap<&'static str, i64>,
}

/// The few opening entries drive the search for their reversals (`CROSS JOIN` keeps that
/// order; the planner would otherwise read every entry of the span by date).
pub fn set_apart(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<SetApart> {
    let sums = |sql: &str| -> Result<HashMap<&'static str, i64>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![from, to])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            let code: String = r.get(0)?;
            if let Some(a) = crate::account::by_code(&code) {
                out.insert(a.code, r.get(1)?);
            }
        }
        Ok(out)
    };
    Ok(SetApart {
        closing: sums(
            "SELECT p.account, sum(p.amount) FROM journal_entry e JOIN posting p ON p.entry_seq = e.seq
             WHERE e.kind = 'year_close' AND e.date BETWEEN ?1 AND ?2 GROUP BY p.account",
        )?,
        opening: sums(
            "SELECT p.account, sum(p.amount) FROM posting p
             WHERE p.entry_seq IN (
                 SELECT seq FROM journal_entry WHERE kind = 'opening' AND date BETWEEN ?1 AND ?2
                 UNION ALL
                 SELECT r.seq FROM opening_entry o CROSS JOIN journal_entry r ON r.reverses = o.entry_id
                 WHERE r.date BETWEEN ?1 AND ?2)
             GROUP BY p.account",
        )?,
    })
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

/// Why the expense fund is below zero on `date` (None = now), for every screen and report that
/// shows it: only bank fees the bank took itself can take it there.
pub fn expense_fund_note(conn: &Connection, date: Option<NaiveDate>) -> Result<Option<String>> {
    let fund = expense_fund(conn, date)?;
    if !fund.is_negative() {
        return Ok(None);
    }
    let to = date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "9999-12-31".into());
    let fees: i64 = conn.query_row_cached(
        "SELECT coalesce(sum(p.amount), 0) FROM posting p
         WHERE p.account = '5300' AND p.date <= ?1
           AND EXISTS (SELECT 1 FROM posting b WHERE b.entry_seq = p.entry_seq AND b.account = '1110')",
        [to],
        |r| r.get(0),
    )?;
    Ok(Some(format!(
        "ทุนค่าใช้สอยติดลบ {} บาท เพราะธนาคารหักค่าธรรมเนียม (รวม {} บาท) ขณะที่ทุนค่าใช้สอยไม่พอ — รับค่าสมัครหรือจัดสรรเงินเข้าทุนค่าใช้สอยก่อน จึงจะจ่ายค่าใช้จ่ายอื่นได้",
        (-fund).grouped(),
        Money::from_satang(fees).grouped()
    )))
}

/// Money that may never be below zero on any date: the cash box, the bank account and the
/// expense fund (DOMAIN §10). `ExpenseFundBeforeBankFees` is the expense fund without the bank
/// fees the bank took itself: the only thing allowed to take the fund below zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    Cash,
    Bank,
    ExpenseFund,
    ExpenseFundBeforeBankFees,
}

impl Guard {
    /// The postings that make up the guarded amount.
    fn predicate(self) -> &'static str {
        match self {
            Guard::Cash => "p.account = '1100'",
            Guard::Bank => "p.account = '1110'",
            Guard::ExpenseFund => "p.account IN (SELECT code FROM account WHERE fund = 'expense')",
            Guard::ExpenseFundBeforeBankFees => {
                "p.account IN (SELECT code FROM account WHERE fund = 'expense')
                 AND NOT (p.account = '5300'
                          AND EXISTS (SELECT 1 FROM posting b WHERE b.entry_seq = p.entry_seq AND b.account = '1110'))"
            }
        }
    }

    /// Everything posted so far, from the kept balances where they answer it.
    fn total_sql(self) -> &'static str {
        match self {
            Guard::Cash => "SELECT coalesce(sum(amount), 0) FROM balance WHERE account = '1100'",
            Guard::Bank => "SELECT coalesce(sum(amount), 0) FROM balance WHERE account = '1110'",
            Guard::ExpenseFund => {
                "SELECT coalesce(sum(amount), 0) FROM balance
                 WHERE account IN (SELECT code FROM account WHERE fund = 'expense')"
            }
            Guard::ExpenseFundBeforeBankFees => {
                "SELECT coalesce(sum(p.amount), 0) FROM posting p
                 WHERE p.account IN (SELECT code FROM account WHERE fund = 'expense')
                   AND NOT (p.account = '5300'
                            AND EXISTS (SELECT 1 FROM posting b WHERE b.entry_seq = p.entry_seq AND b.account = '1110'))"
            }
        }
    }

    /// Cash and bank are debit balances; the fund is money held (credits), so its sign flips.
    fn sign(self) -> i64 {
        match self {
            Guard::Cash | Guard::Bank => 1,
            Guard::ExpenseFund | Guard::ExpenseFundBeforeBankFees => -1,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Guard::Cash => "เงินสด",
            Guard::Bank => "เงินฝากธนาคาร",
            Guard::ExpenseFund | Guard::ExpenseFundBeforeBankFees => "ทุนค่าใช้สอย",
        }
    }

    /// What the treasurer can do about it.
    pub fn advice(self) -> &'static str {
        match self {
            Guard::Cash => "ถอนเงินจากธนาคารหรือรับเงินเข้ามาก่อน หรือลงวันที่ที่มีเงินสดพอ",
            Guard::Bank => "นำเงินฝากธนาคารก่อน หรือลงวันที่ที่มีเงินในบัญชีพอ",
            Guard::ExpenseFund | Guard::ExpenseFundBeforeBankFees => {
                "ค่าใช้จ่ายของกลุ่มจ่ายจากทุนค่าใช้สอย (ค่าสมัคร ค่าธรรมเนียม และเงินที่จัดสรรไว้) ไม่ใช่จากทุนดำเนินการ"
            }
        }
    }

    /// How much an entry's postings, as (account, amount) pairs, change the guarded amount
    /// (negative = takes money out). Pairs rather than `journal::Posting`, which would make
    /// the ledger import the journal that imports it.
    pub fn change<'a>(self, postings: impl IntoIterator<Item = (&'a str, Money)>) -> Money {
        let in_guard = |code: &str| match self {
            Guard::Cash => code == crate::account::CASH,
            Guard::Bank => code == crate::account::BANK,
            Guard::ExpenseFund | Guard::ExpenseFundBeforeBankFees => crate::account::by_code(code)
                .is_some_and(|a| a.fund == crate::account::Fund::Expense),
        };
        let sum: Money = postings
            .into_iter()
            .filter(|(account, _)| in_guard(account))
            .map(|(_, amount)| amount)
            .sum();
        if self.sign() < 0 {
            -sum
        } else {
            sum
        }
    }
}

/// The first date on or after `from` at whose end the guarded amount, with `change` added from
/// `from` on, is below zero; with that amount. Back-dated entries are checked against the
/// balances as they were on their date and on every later date.
pub fn first_negative(
    conn: &Connection,
    guard: Guard,
    from: NaiveDate,
    change: Money,
) -> Result<Option<(NaiveDate, Money)>> {
    // Balance at the end of the day before `from` = everything now − what was posted from
    // `from` on: only recent days are read, as the usual entry is dated today.
    let total: i64 = conn.query_row_cached(guard.total_sql(), [], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.date, sum(p.amount) FROM posting p WHERE {} AND p.date >= ?1
         GROUP BY p.date ORDER BY p.date",
        guard.predicate()
    ))?;
    let days: Vec<(NaiveDate, i64)> = stmt
        .query_map([from], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let later: i64 = days.iter().map(|(_, s)| s).sum();
    let mut running = guard.sign() * (total - later) + change.satang();
    if running < 0 && days.first().is_none_or(|(d, _)| *d > from) {
        return Ok(Some((from, Money::from_satang(running))));
    }
    for (date, sum) in days {
        running += guard.sign() * sum;
        if running < 0 {
            return Ok(Some((date, Money::from_satang(running))));
        }
    }
    Ok(None)
}
