//! The general ledger (บัญชีแยกประเภททั่วไป) of an accounting year, or of its start to an "as
//! at" date: for every account that has a balance or a movement, the balance brought forward,
//! one line per entry that touched it (its document number, what it was, debit, credit and the
//! running balance), and the balance carried forward. The closing entries of the year are lines
//! like any other: the ledger is the books as they stand.
//!
//! Balances are signed as the books keep them (debit > 0); each account also says on which side
//! its balance normally sits, so a screen or a page can print "Dr"/"Cr" or a plain figure.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::account::{AccountKind, CHART};
use crate::error::{Error, Result};
use crate::ledger;
use crate::money::Money;
use crate::report::yearly::Span;

/// One entry's movement on one account.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LedgerLine {
    pub date: NaiveDate,
    /// The journal entry's id.
    pub entry: String,
    /// The receipt number when the entry is a collection row with money received.
    pub receipt: Option<String>,
    pub kind: String,
    pub memo: String,
    pub member: Option<u32>,
    pub debit: Money,
    pub credit: Money,
    /// The account's balance after this line (debit > 0).
    pub balance: Money,
}

/// One account's page of the ledger.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LedgerAccount {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub fund: String,
    /// `debit` for assets and expenses, `credit` for the rest.
    pub normal_side: &'static str,
    /// The balance at the end of the day before the span (debit > 0).
    pub opening: Money,
    pub lines: Vec<LedgerLine>,
    pub total_debit: Money,
    pub total_credit: Money,
    /// opening + total_debit − total_credit.
    pub closing: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct GeneralLedger {
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub accounts: Vec<LedgerAccount>,
}

fn normal_side(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::Asset | AccountKind::Expense => "debit",
        _ => "credit",
    }
}

/// The ledger of the span, every account or only `only` (an account code of the chart).
///
/// # Errors
/// A Thai refusal when `only` is not an account of the chart; database errors.
pub fn general_ledger(conn: &Connection, span: Span, only: Option<&str>) -> Result<GeneralLedger> {
    build(conn, span, only, true)
}

/// Every account's page without its lines: brought forward, the year's debits and credits,
/// carried forward (the summary printed with the year's statements).
///
/// # Errors
/// Database errors.
pub fn summary(conn: &Connection, span: Span) -> Result<GeneralLedger> {
    build(conn, span, None, false)
}

fn build(
    conn: &Connection,
    span: Span,
    only: Option<&str>,
    with_lines: bool,
) -> Result<GeneralLedger> {
    if let Some(code) = only.filter(|c| !CHART.iter().any(|a| a.code == *c)) {
        return Err(Error::invalid(
            "account",
            format!("ไม่มีบัญชีรหัส {code} ในผังบัญชีของกลุ่ม — ดูรหัสได้จากงบทดลอง"),
        ));
    }
    let mut accounts = Vec::new();
    for a in CHART.iter().filter(|a| only.is_none_or(|c| c == a.code)) {
        let opening = ledger::account_balance(conn, a.code, span.from.pred_opt())?;
        let (lines, total_debit, total_credit) = if with_lines {
            let lines = lines_of(conn, a.code, span.from, span.to, opening)?;
            let debit: Money = lines.iter().map(|l| l.debit).sum();
            let credit: Money = lines.iter().map(|l| l.credit).sum();
            (lines, debit, credit)
        } else {
            let (debit, credit) = ledger::account_flows(conn, a.code, span.from, span.to)?;
            (Vec::new(), debit, credit)
        };
        let moved = !(total_debit.is_zero() && total_credit.is_zero());
        if opening.is_zero() && !moved && only.is_none() {
            continue;
        }
        accounts.push(LedgerAccount {
            code: a.code.into(),
            name: a.name.into(),
            kind: a.kind.as_str().into(),
            fund: a.fund.as_str().into(),
            normal_side: normal_side(a.kind),
            opening,
            total_debit,
            total_credit,
            closing: opening + total_debit - total_credit,
            lines,
        });
    }
    Ok(GeneralLedger {
        year: span.year,
        from: span.from,
        to: span.to,
        accounts,
    })
}

/// One line per entry that moved `account` in the span, in posting order, with the running
/// balance from `opening`.
fn lines_of(
    conn: &Connection,
    account: &str,
    from: NaiveDate,
    to: NaiveDate,
    opening: Money,
) -> Result<Vec<LedgerLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.date, e.id, e.receipt, e.kind, e.memo, m.number,
                coalesce(sum(p.amount) FILTER (WHERE p.amount > 0), 0),
                coalesce(-sum(p.amount) FILTER (WHERE p.amount < 0), 0)
         FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
         LEFT JOIN member m ON m.id = e.member_id
         WHERE p.account = ?1 AND p.date BETWEEN ?2 AND ?3
         GROUP BY e.seq ORDER BY e.date, e.seq",
    )?;
    let mut balance = opening;
    let mut rows = stmt.query(params![account, from, to])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let debit = Money::from_satang(r.get(6)?);
        let credit = Money::from_satang(r.get(7)?);
        balance = balance + debit - credit;
        out.push(LedgerLine {
            date: r.get(0)?,
            entry: r.get(1)?,
            receipt: r.get(2)?,
            kind: r.get(3)?,
            memo: r.get(4)?,
            member: r.get(5)?,
            debit,
            credit,
            balance,
        });
    }
    Ok(out)
}
