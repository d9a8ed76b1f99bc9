//! The bulk views of loans (the due list, the arrears list) and the seam to the collection row.
//!
//! [`dues`] and [`arrears`] read every loan being repaid on a date in two passes over indexes
//! (the loans, then each loan's postings, `posting_loan` covering) and compute positions in
//! memory; [`due_for_member`] and [`repayment`] do the same for one member, per collection row.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::bulk::{
    add_flows_by_loan, positions, positions_through, read_loan, split_in_order, Head, LOAN_COLUMNS,
    LOAN_COLUMN_COUNT,
};
use super::state::{Flow, LateRules, Ledger, Position, Terms};
use super::store::GUARANTEE_IN_FORCE;
use super::{find, MonthlyRate, Stored};
use crate::account::{FINES, LOANS, LOAN_INTEREST};
use crate::error::{Error, Result};
use crate::journal::Posting;
use crate::money::Money;

/// One loan in a member's dues.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoanDueLine {
    pub loan: String,
    pub id: String,
    pub charge_word: String,
    #[serde(flatten)]
    pub position: Position,
}

/// What a member owes on their loans on a date (the loan part of a collection row).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct LoanDue {
    pub member_id: String,
    /// Contract numbers of the loans being repaid.
    pub loans: Vec<String>,
    /// This month's instalments, unpaid part.
    pub installment: Money,
    /// Unpaid parts of instalments due in earlier months.
    pub arrears: Money,
    /// Loan fines owed.
    pub fines: Money,
    /// Interest due through this month and unpaid.
    pub interest_to_date: Money,
    /// Everything needed to close all the loans today.
    pub payoff: Money,
    /// Due now: installment + arrears + fines.
    pub total: Money,
    /// Overdue instalments or unpaid fines on any loan.
    pub in_arrears: bool,
    pub detail: Vec<LoanDueLine>,
}

impl LoanDue {
    fn add(&mut self, loan: &Head, pos: Position) {
        self.loans.push(loan.number.clone());
        self.installment += pos.installment;
        self.arrears += pos.arrears;
        self.fines += pos.fines;
        self.interest_to_date += pos.interest_to_date;
        self.payoff += pos.payoff;
        self.total += pos.total_due;
        self.in_arrears |= pos.in_arrears();
        self.detail.push(LoanDueLine {
            loan: loan.number.clone(),
            id: loan.id.clone(),
            charge_word: loan.charge_word.clone(),
            position: pos,
        });
    }
}

/// How one repayment was applied to one loan.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct LoanPaymentLine {
    pub loan: String,
    pub id: String,
    pub fines: Money,
    pub interest: Money,
    pub principal: Money,
    pub total: Money,
    pub balance_after: Money,
    /// The payment closed the loan.
    pub closed: bool,
}

/// How a repayment was applied: fines → interest → principal, oldest loan first.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct RepaymentSplit {
    /// The contract number the payment went to (the first, if several).
    pub loan: String,
    pub fines: Money,
    pub interest: Money,
    pub principal: Money,
    pub total: Money,
    /// The word printed for the interest (ดอกเบี้ย or ค่าบำรุง).
    pub charge_word: String,
    pub loans: Vec<LoanPaymentLine>,
}

/// An overdue loan in the arrears list.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ArrearsRow {
    pub loan: String,
    pub id: String,
    pub member: u32,
    pub member_id: String,
    pub name: String,
    pub product: String,
    pub balance: Money,
    pub overdue_principal: Money,
    pub overdue_interest: Money,
    pub fines: Money,
    /// Overdue + fines.
    pub total: Money,
    pub installments_overdue: u32,
    /// Age in months of the oldest unpaid instalment (the basis of the bucket).
    pub months_overdue: u32,
    pub oldest_due: Option<NaiveDate>,
    /// "1" (up to 1 month), "2-3" (2–3 months), "over-3" (more than 3 months).
    pub bucket: &'static str,
    pub bucket_label: &'static str,
    pub guarantors: Vec<super::MemberRef>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Bucket {
    pub bucket: &'static str,
    pub label: &'static str,
    pub loans: u32,
    pub total: Money,
}

/// The arrears list (ลูกหนี้ค้างชำระ) on a date, oldest arrears first.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ArrearsList {
    pub date: NaiveDate,
    pub loans: Vec<ArrearsRow>,
    pub buckets: Vec<Bucket>,
    pub overdue_principal: Money,
    pub overdue_interest: Money,
    pub fines: Money,
    pub total: Money,
    /// Principal still owed on the loans in arrears (what is at risk).
    pub balance: Money,
    /// Loans being repaid on the date, and their principal.
    pub active_loans: u32,
    pub active_balance: Money,
}

const BUCKETS: [(&str, &str); 3] = [
    ("1", "ค้าง 1 เดือน"),
    ("2-3", "ค้าง 2–3 เดือน"),
    ("over-3", "ค้างเกิน 3 เดือน"),
];

pub(crate) fn bucket_of(months: u32) -> (&'static str, &'static str) {
    match months {
        0 | 1 => BUCKETS[0],
        2 | 3 => BUCKETS[1],
        _ => BUCKETS[2],
    }
}

/// Loan dues of every member with a loan being repaid on `date`, by member id.
pub fn dues(conn: &Connection, date: NaiveDate) -> Result<HashMap<String, LoanDue>> {
    dues_through(conn, date, date)
}

/// Loan dues on `date` as the books stood at the end of `through` (payments made after it are
/// not counted): a statement's next instalment.
pub fn dues_through(
    conn: &Connection,
    through: NaiveDate,
    date: NaiveDate,
) -> Result<HashMap<String, LoanDue>> {
    let mut map: HashMap<String, LoanDue> = HashMap::new();
    for (head, pos) in positions_through(conn, through, date)? {
        let due = map
            .entry(head.member_id.clone())
            .or_insert_with(|| LoanDue {
                member_id: head.member_id.clone(),
                ..LoanDue::default()
            });
        due.add(&head, pos);
    }
    Ok(map)
}

/// A member's loans being repaid on `date`, oldest payout first.
pub(crate) fn active_loans_of(
    conn: &Connection,
    member_id: &str,
    date: NaiveDate,
) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id FROM loan l JOIN loan_event e ON e.loan_id = l.id AND e.kind = 'disbursed'
         WHERE l.member_id = ?1 AND e.date <= ?2
           AND (l.status = 'active' OR EXISTS (
                SELECT 1 FROM loan_event x WHERE x.loan_id = l.id AND x.date > ?2
                  AND x.kind IN ('paid_off', 'restructured', 'written_off')))
         ORDER BY e.date, l.number",
    )?;
    let ids: Vec<String> = stmt
        .query_map(params![member_id, date], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter().map(|id| find(conn, id)).collect()
}

fn head_of(loan: &Stored) -> Head {
    Head {
        id: loan.id.clone(),
        number: loan.number.clone(),
        member_id: loan.member_id.clone(),
        product: String::new(),
        charge_word: loan.charge_word.clone(),
    }
}

pub(super) fn member_positions(
    conn: &Connection,
    member_id: &str,
    only: Option<&str>,
    date: NaiveDate,
) -> Result<Vec<(Head, Position)>> {
    let rules = LateRules::load(conn)?;
    let mut out = Vec::new();
    for loan in active_loans_of(conn, member_id, date)? {
        if only.is_some_and(|id| id != loan.id) {
            continue;
        }
        if let Some(pos) = super::position_of(conn, &loan, &rules, date)? {
            if pos.balance.is_positive() || pos.payoff.is_positive() {
                out.push((head_of(&loan), pos));
            }
        }
    }
    Ok(out)
}

/// What one member owes on their loans on `date` (all zero without a loan).
pub fn due_for_member(conn: &Connection, member_id: &str, date: NaiveDate) -> Result<LoanDue> {
    let mut due = LoanDue {
        member_id: member_id.to_string(),
        ..LoanDue::default()
    };
    for (head, pos) in member_positions(conn, member_id, None, date)? {
        due.add(&head, pos);
    }
    Ok(due)
}

/// The credit postings of a loan repayment inside a collection row (the row adds the cash
/// debit), and how the amount was split: fines → interest → principal, oldest loan first.
/// Paying more than is due reduces the principal; paying everything closes the loan with
/// interest to the current period only. More than that is refused.
pub fn repayment(
    conn: &Connection,
    member_id: &str,
    date: NaiveDate,
    amount: Money,
) -> Result<(Vec<Posting>, RepaymentSplit)> {
    repayment_of(conn, member_id, None, date, amount)
}

pub(crate) fn repayment_of(
    conn: &Connection,
    member_id: &str,
    only: Option<&str>,
    date: NaiveDate,
    amount: Money,
) -> Result<(Vec<Posting>, RepaymentSplit)> {
    if !amount.is_positive() {
        return Err(Error::invalid("loan_payment", "ยอดส่งเงินกู้ต้องมากกว่าศูนย์"));
    }
    let loans = member_positions(conn, member_id, only, date)?;
    if loans.is_empty() {
        return Err(Error::invalid(
            "loan_payment",
            "สมาชิกคนนี้ไม่มีเงินกู้ที่กำลังผ่อนชำระ — ไม่ต้องใส่ยอดส่งเงินกู้",
        ));
    }
    let payoff: Money = loans.iter().map(|(_, p)| p.payoff).sum();
    if amount > payoff {
        return Err(Error::invalid(
            "loan_payment",
            format!(
                "ยอดส่งเงินกู้ {} บาท เกินยอดที่ต้องชำระทั้งหมด — ปิดบัญชีเงินกู้ได้ที่ {} บาท",
                amount.grouped(),
                payoff.grouped()
            ),
        ));
    }
    let mut lines: Vec<LoanPaymentLine> = loans
        .iter()
        .map(|(h, _)| LoanPaymentLine {
            loan: h.number.clone(),
            id: h.id.clone(),
            ..LoanPaymentLine::default()
        })
        .collect();
    let mut rem = amount;
    for (line, (_, p)) in lines.iter_mut().zip(&loans) {
        let f = rem.min(p.fines);
        line.fines = f;
        rem -= f;
    }
    for (line, (_, p)) in lines.iter_mut().zip(&loans) {
        let i = rem.min(p.interest_to_date);
        line.interest = i;
        rem -= i;
    }
    for (line, (_, p)) in lines.iter_mut().zip(&loans) {
        let due = p.arrears_principal + p.installment_principal;
        let x = rem.min(due).min(p.balance);
        line.principal = x;
        rem -= x;
    }
    for (line, (head, p)) in lines.iter_mut().zip(&loans) {
        if rem.is_zero() {
            break;
        }
        let room = p.balance - line.principal;
        let extra = p.payoff_interest - p.interest_to_date;
        if rem < room {
            line.principal += rem;
            rem = Money::ZERO;
        } else if rem >= room + extra {
            line.principal += room;
            line.interest += extra;
            rem -= room + extra;
        } else {
            return Err(Error::invalid(
                "loan_payment",
                format!(
                    "ยอด {} บาท ส่งเงินต้นสัญญา {} หมดแต่ยังไม่พอ{}ถึงงวดปัจจุบัน ({} บาท) — ถ้าจะปิดสัญญาให้ส่ง {} บาท หรือส่งน้อยกว่า {} บาท",
                    amount.grouped(),
                    head.number,
                    head.charge_word,
                    extra.grouped(),
                    (amount - rem + room + extra).grouped(),
                    (amount - rem + room).grouped()
                ),
            ));
        }
    }
    debug_assert!(rem.is_zero(), "the payoff cap leaves nothing over");
    let mut postings = Vec::new();
    let mut split = RepaymentSplit {
        charge_word: loans[0].0.charge_word.clone(),
        ..RepaymentSplit::default()
    };
    for (line, (head, p)) in lines.iter_mut().zip(&loans) {
        line.total = line.fines + line.interest + line.principal;
        line.balance_after = p.balance - line.principal;
        line.closed = line.balance_after.is_zero();
        postings.extend(repayment_postings(
            member_id,
            &head.id,
            (line.fines, line.interest, line.principal),
        ));
        if split.loan.is_empty() && line.total.is_positive() {
            split.loan = line.loan.clone();
            split.charge_word = head.charge_word.clone();
        }
        split.fines += line.fines;
        split.interest += line.interest;
        split.principal += line.principal;
    }
    split.total = split.fines + split.interest + split.principal;
    split.loans = lines
        .into_iter()
        .filter(|l| l.total.is_positive())
        .collect();
    Ok((postings, split))
}

/// What receives `(fines, interest, principal)` paid on loan `loan_id` of `member_id`: a
/// credit for each part that is not zero, in that order. A collection row and a leaving
/// member's settlement pay a loan alike.
pub(super) fn repayment_postings<'a>(
    member_id: &'a str,
    loan_id: &'a str,
    (fines, interest, principal): (Money, Money, Money),
) -> impl Iterator<Item = Posting> + 'a {
    [
        (FINES, fines),
        (LOAN_INTEREST, interest),
        (LOANS, principal),
    ]
    .into_iter()
    .filter(|(_, amount)| amount.is_positive())
    .map(move |(account, amount)| {
        Posting::credit(account, amount)
            .for_member(member_id)
            .for_loan(loan_id)
    })
}

/// The arrears list on `date`: every loan with an overdue instalment or unpaid fines, aged by
/// its oldest unpaid instalment, with its guarantors.
pub fn arrears(conn: &Connection, date: NaiveDate) -> Result<ArrearsList> {
    let all = positions(conn, date)?;
    let active_loans = all.len() as u32;
    let active_balance = all.iter().map(|(_, p)| p.balance).sum();
    let mut member_stmt = conn.prepare_cached(
        "SELECT number, title || first_name || ' ' || last_name FROM member WHERE id = ?1",
    )?;
    let mut guarantor_stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.number, m.title || m.first_name || ' ' || m.last_name
         FROM loan_guarantor g JOIN member m ON m.id = g.member_id
         WHERE g.loan_id = ?1
           AND {GUARANTEE_IN_FORCE}
         ORDER BY m.number"
    ))?;
    let mut rows = Vec::new();
    for (head, p) in all.into_iter().filter(|(_, p)| p.in_arrears()) {
        let (member, name): (u32, String) =
            member_stmt.query_row([&head.member_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let guarantors = guarantor_stmt
            .query_map([&head.id], |r| {
                Ok(super::MemberRef {
                    member_id: r.get(0)?,
                    member: r.get(1)?,
                    name: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let (bucket, bucket_label) = bucket_of(p.months_overdue);
        rows.push(ArrearsRow {
            loan: head.number,
            id: head.id,
            member,
            member_id: head.member_id,
            name,
            product: head.product,
            balance: p.balance,
            overdue_principal: p.overdue_principal,
            overdue_interest: p.overdue_interest,
            fines: p.fines,
            total: p.overdue + p.fines,
            installments_overdue: p.overdue_installments,
            months_overdue: p.months_overdue,
            oldest_due: p.oldest_overdue,
            bucket,
            bucket_label,
            guarantors,
        });
    }
    rows.sort_by(|a, b| (a.oldest_due, a.member, &a.loan).cmp(&(b.oldest_due, b.member, &b.loan)));
    let buckets = BUCKETS
        .iter()
        .map(|(bucket, label)| {
            let of: Vec<&ArrearsRow> = rows.iter().filter(|r| r.bucket == *bucket).collect();
            Bucket {
                bucket,
                label,
                loans: of.len() as u32,
                total: of.iter().map(|r| r.total).sum(),
            }
        })
        .collect();
    Ok(ArrearsList {
        date,
        overdue_principal: rows.iter().map(|r| r.overdue_principal).sum(),
        overdue_interest: rows.iter().map(|r| r.overdue_interest).sum(),
        fines: rows.iter().map(|r| r.fines).sum(),
        total: rows.iter().map(|r| r.total).sum(),
        balance: rows.iter().map(|r| r.balance).sum(),
        loans: rows,
        buckets,
        active_loans,
        active_balance,
    })
}

/// Members who defaulted in a year (for the average return): with any instalment due between
/// `from` and `to` not fully paid (principal to schedule and its interest) by the end of its
/// month. Instalments after a loan ended (paid off, restructured, written off) no longer fall
/// due; a loan written off in the year was defaulted on before it was.
pub(crate) fn defaulters(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<std::collections::HashSet<String>> {
    let through = to.to_string();
    let products: HashMap<String, String> = HashMap::new();
    let mut rates: HashMap<String, MonthlyRate> = HashMap::new();
    // Only loans that can have an instalment due in the year are read: those being repaid
    // and those that ended on or after its first day (by the status and end-event indexes,
    // not every loan of the group's history). A paid-out loan that is not being repaid has
    // ended: its status changes only by a paid-off, restructure or write-off event.
    const REPAID_IN_YEAR: &str = "SELECT id FROM loan WHERE status = 'active'
             UNION
             SELECT loan_id FROM loan_event
             WHERE kind IN ('paid_off', 'restructured', 'written_off') AND date >= ?2";
    let mut loans = conn.prepare_cached(&format!(
        "SELECT {LOAN_COLUMNS},
                (SELECT min(x.date) FROM loan_event x WHERE x.loan_id = l.id
                   AND x.kind IN ('paid_off', 'restructured', 'written_off')),
                l.rowid
         FROM loan l JOIN loan_event e ON e.loan_id = l.id AND e.kind = 'disbursed'
         WHERE e.date <= ?1 AND l.id IN ({REPAID_IN_YEAR})"
    ))?;
    let mut candidates: Vec<(Head, Terms, Option<NaiveDate>, Vec<Flow>)> = Vec::new();
    let mut by_rowid: HashMap<i64, usize> = HashMap::new();
    let mut rows = loans.query(params![&through, from.to_string()])?;
    while let Some(r) = rows.next()? {
        let ended: Option<NaiveDate> = r.get(LOAN_COLUMN_COUNT)?;
        if ended.is_some_and(|e| e < from) {
            continue;
        }
        let (head, terms) = read_loan(r, &mut rates, &products)?;
        by_rowid.insert(r.get(LOAN_COLUMN_COUNT + 1)?, candidates.len());
        candidates.push((head, terms, ended, Vec::new()));
    }
    // Their postings through the year's end in one pass over `posting_loan`: rows come loan
    // by loan, in date order within a loan (as `loan_flows` reads one loan).
    let mut postings = conn.prepare_cached(&format!(
        "SELECT l.rowid, p.date, p.account, p.amount
         FROM loan l JOIN posting p INDEXED BY posting_loan ON p.loan_id = l.id
         WHERE l.id IN ({REPAID_IN_YEAR}) AND p.date <= ?1"
    ))?;
    add_flows_by_loan(
        postings.query(params![&through, from.to_string()])?,
        &by_rowid,
        &mut candidates,
        |c| &mut c.3,
    )?;
    // Each loan's instalments of the year against its payments: pure arithmetic, shared out
    // over the cores.
    let rules = LateRules::load(conn)?;
    let total = candidates.len();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parts = split_in_order(candidates, total.div_ceil(cores).max(1));
    let results: Vec<Result<Vec<String>>> = std::thread::scope(|s| {
        let rules = &rules;
        let workers: Vec<_> = parts
            .into_iter()
            .map(|part| s.spawn(move || defaulted(part, rules, from, to)))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a defaulter worker panicked"))
            .collect()
    });
    let mut out = std::collections::HashSet::new();
    for r in results {
        out.extend(r?);
    }
    Ok(out)
}

/// The borrowers among `loans` with an instalment due between `from` and `to` not fully paid
/// by the end of its month.
fn defaulted(
    loans: Vec<(Head, Terms, Option<NaiveDate>, Vec<Flow>)>,
    rules: &LateRules,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (head, terms, ended, flows) in loans {
        let mut ledger = Ledger::new(&terms, &flows, rules)?;
        let dues = ledger.dues.clone();
        for (k, due) in dues.iter().enumerate() {
            if *due < from || ended.is_some_and(|e| *due > e) {
                continue;
            }
            if *due > to {
                break;
            }
            let deadline = crate::thai::YearMonth::of(*due).last_day();
            if !ledger.paid(k + 1, deadline) {
                out.push(head.member_id.clone());
                break;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_by_months_overdue() {
        assert_eq!(bucket_of(1).0, "1");
        assert_eq!(bucket_of(2).0, "2-3");
        assert_eq!(bucket_of(3).0, "2-3");
        assert_eq!(bucket_of(4).0, "over-3");
    }
}
