//! Monthly member statements (รายงานบัญชีสมาชิกประจำเดือน): one per member for a month —
//! pledged savings paid and in total, deposits, loans and the next instalment, fines, arrears.
//!
//! Built for all members at once from a handful of grouped queries, so statements for a
//! 20,000-member group cost one pass over the month's postings, not one query per member.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::account::{
    DEPOSITS, FINES, FINES_RECEIVABLE, GOODS_RECEIVABLE, LOANS, LOAN_INTEREST, SAJJA,
};
use crate::error::{Error, Result};
use crate::ledger;
use crate::money::Money;
use crate::thai::YearMonth;

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct MemberStatement {
    pub member: u32,
    pub member_id: String,
    pub name: String,
    pub shares: u32,
    pub month: String,
    /// The pledge in baht a month (shares × the share value of the month).
    pub pledge: Money,
    /// Pledged savings held at the start of the month, paid in it, held at its end.
    pub sajja_opening: Money,
    pub sajja_paid: Money,
    pub sajja_total: Money,
    /// Pledged savings still unpaid at the end of the month, and for how many months.
    pub sajja_arrears: Money,
    pub sajja_arrears_months: u32,
    pub deposits_opening: Money,
    pub deposits_in: Money,
    pub deposits_out: Money,
    pub deposits_closing: Money,
    pub fines_charged: Money,
    pub fines_paid: Money,
    pub fines_owed: Money,
    pub loan_principal_paid: Money,
    pub loan_interest_paid: Money,
    pub loan_balance: Money,
    /// The instalment due on the next collection day, and that day, as the books stood at
    /// the month's end.
    pub next_installment: Money,
    pub next_due: Option<NaiveDate>,
    /// The part of `next_installment` that is the coming instalment itself (the rest is
    /// overdue already); zero when the schedule asks nothing new on that day.
    pub next_regular: Money,
    /// When nothing falls due on the next collection day but the loan is still owed: the date
    /// its schedule next asks for money.
    pub next_scheduled: Option<NaiveDate>,
    /// Overdue instalments and loan fines owed at the month's end (the arrears list's figure).
    pub loan_arrears: Money,
    pub in_arrears: bool,
    /// Goods bought on credit from the group's businesses in the month, paid in it, and
    /// owed at its end.
    pub goods_bought: Money,
    pub goods_paid: Money,
    pub goods_owed: Money,
}

/// Per-member sums of each account's postings within the month: (debits, credits).
type Flows = HashMap<(String, String), (Money, Money)>;

fn month_flows(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Flows> {
    // One account at a time, so each query is a range of the (account, date) index rather
    // than a scan of every posting ever made.
    let mut stmt = conn.prepare_cached(
        "SELECT member_id,
                coalesce(sum(amount) FILTER (WHERE amount > 0), 0),
                coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)
         FROM posting WHERE account = ?1 AND date BETWEEN ?2 AND ?3 AND member_id IS NOT NULL
         GROUP BY member_id",
    )?;
    let mut out = Flows::new();
    for account in [
        SAJJA,
        DEPOSITS,
        FINES_RECEIVABLE,
        LOANS,
        LOAN_INTEREST,
        GOODS_RECEIVABLE,
    ] {
        let mut rows = stmt.query(params![account, from, to])?;
        while let Some(r) = rows.next()? {
            out.insert(
                (r.get(0)?, account.to_string()),
                (Money::from_satang(r.get(1)?), Money::from_satang(r.get(2)?)),
            );
        }
    }
    Ok(out)
}

/// Loan fines paid in the month by member (income 4200 tagged with a loan). A late-savings
/// fine also credits 4200 when it is charged, untagged: that is a charge, not a payment.
fn loan_fines_paid(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<String, Money>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, coalesce(-sum(amount), 0) FROM posting
         WHERE account = ?1 AND date BETWEEN ?2 AND ?3 AND member_id IS NOT NULL
           AND loan_id IS NOT NULL
         GROUP BY member_id",
    )?;
    let rows = stmt.query_map(params![FINES, from, to], |r| {
        Ok((r.get(0)?, Money::from_satang(r.get(1)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Loans in arrears as at a date: instalments overdue (due before it, unpaid) and loan fines
/// owed, as the arrears list counts them.
fn loan_arrears(due: &crate::loan::arrears::LoanDue) -> Money {
    due.detail
        .iter()
        .map(|d| d.position.overdue + d.position.fines)
        .sum()
}

/// Statements of every member who was a member during `month`, by member number.
pub fn statements(conn: &Connection, month: YearMonth) -> Result<Vec<MemberStatement>> {
    let (from, to) = (month.first_day(), month.last_day());
    let founded = crate::group::get(conn)?.founded;
    if to < founded {
        return Err(Error::Refused(format!(
            "ยังไม่มีบัญชีในเดือน{} — กลุ่มตั้งขึ้นเมื่อ {}",
            crate::thai::format_month_long(month, crate::thai::Digits::Arabic),
            crate::thai::format_date(founded, crate::thai::Digits::Arabic)
        )));
    }
    let flows = month_flows(conn, from, to)?;
    let loan_fines = loan_fines_paid(conn, from, to)?;
    let at_end = |acct| ledger::member_balances(conn, acct, Some(to));
    let (sajja, deposits, fines, loans, goods) = (
        at_end(SAJJA)?,
        at_end(DEPOSITS)?,
        at_end(FINES_RECEIVABLE)?,
        at_end(LOANS)?,
        at_end(GOODS_RECEIVABLE)?,
    );
    let due = crate::collection::due(conn, to, None)?;
    let due_by_member: HashMap<&str, &crate::collection::DueRow> = due
        .members
        .iter()
        .map(|d| (d.member_id.as_str(), d))
        .collect();
    let share_value = crate::settings::at(conn, to)?.share_value;
    let collection_day = crate::settings::at(conn, month.next().first_day())?.collection_day;
    let next_day =
        month.next().first_day() + chrono::Days::new(u64::from(collection_day.max(1)) - 1);
    // The next instalment as the books stood at the month's end: a payment made on the next
    // collection day does not make the statement say nothing is due.
    let next = crate::loan::arrears::dues_through(conn, to, next_day)?;
    let loans_at_end = crate::loan::arrears::dues(conn, to)?;

    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, title || first_name || ' ' || last_name, joined, status, left_on FROM member ORDER BY number",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, number, name, joined, status, left_on): (
            String,
            u32,
            String,
            NaiveDate,
            crate::member::MemberStatus,
            Option<NaiveDate>,
        ) = (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        );
        if joined > to || (!status.is_active() && left_on.is_some_and(|d| d < from)) {
            continue;
        }
        let flow = |acct: &str| {
            flows
                .get(&(id.clone(), acct.to_string()))
                .copied()
                .unwrap_or_default()
        };
        let bal = |map: &HashMap<String, Money>| map.get(&id).copied().unwrap_or_default();
        let (sajja_dr, sajja_cr) = flow(SAJJA);
        let (dep_dr, dep_cr) = flow(DEPOSITS);
        let (fine_dr, fine_cr) = flow(FINES_RECEIVABLE);
        let loan_fine_paid = loan_fines.get(&id).copied().unwrap_or_default();
        let (_, loan_cr) = flow(LOANS);
        let (int_dr, int_cr) = flow(LOAN_INTEREST);
        let (goods_dr, goods_cr) = flow(GOODS_RECEIVABLE);
        let deposits_closing = -bal(&deposits);
        let d = due_by_member.get(id.as_str());
        let n = next.get(&id);
        let a = loans_at_end.get(&id);
        let shares = d.map(|d| d.shares).unwrap_or(0);
        out.push(MemberStatement {
            member: number,
            member_id: id.clone(),
            name,
            shares,
            month: month.to_string(),
            pledge: share_value.times(i64::from(shares)),
            sajja_opening: -bal(&sajja) - (sajja_cr - sajja_dr),
            sajja_paid: sajja_cr - sajja_dr,
            sajja_total: -bal(&sajja),
            sajja_arrears: d
                .map(|d| d.sajja_arrears + d.sajja_this_month)
                .unwrap_or_default(),
            sajja_arrears_months: d.map(|d| d.unpaid_months.len() as u32).unwrap_or(0),
            deposits_opening: deposits_closing - dep_cr + dep_dr,
            deposits_in: dep_cr,
            deposits_out: dep_dr,
            deposits_closing,
            fines_charged: fine_dr,
            fines_paid: fine_cr + loan_fine_paid,
            fines_owed: bal(&fines),
            loan_principal_paid: loan_cr,
            loan_interest_paid: int_cr - int_dr,
            loan_balance: bal(&loans),
            next_installment: n.map(|n| n.installment + n.arrears).unwrap_or_default(),
            next_due: n.filter(|n| !n.total.is_zero()).map(|_| next_day),
            // Only an instalment of the schedule counts: after the last one, what the day asks
            // (interest on what is overdue) is arrears, not a next instalment.
            next_regular: n
                .map(|n| {
                    n.detail
                        .iter()
                        .filter(|d| d.position.installment_no.is_some())
                        .map(|d| d.position.installment)
                        .sum()
                })
                .unwrap_or_default(),
            next_scheduled: n
                .and_then(|n| n.detail.iter().filter_map(|d| d.position.next_due).min()),
            loan_arrears: a.map(loan_arrears).unwrap_or_default(),
            in_arrears: a.is_some_and(|a| a.in_arrears)
                || d.is_some_and(|d| !d.sajja_arrears.is_zero()),
            goods_bought: goods_dr,
            goods_paid: goods_cr,
            goods_owed: bal(&goods),
        });
    }
    Ok(out)
}
