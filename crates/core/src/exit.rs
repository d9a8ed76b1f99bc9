//! A member leaves (resigns, is expelled) or dies: the settlement.
//!
//! Pledged savings and deposits are returned less what the member owes the group (fines,
//! and loans once the member has them). A living member is paid; on death the beneficiaries
//! are paid in their recorded shares, split so the parts sum exactly to the whole. The member
//! keeps their number: the row stays, marked `left`, with the date and reason.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::account::{DEPOSITS, FINES_RECEIVABLE, SAJJA};
use crate::clock;
use crate::collection;
use crate::error::{Error, Result};
use crate::journal::{self, EntryKind, NewEntry, Posting};
use crate::ledger;
use crate::member;
pub use crate::member::ExitReason;
use crate::money::Money;
use crate::movement::Place;
use crate::thai::{self, Digits};

#[derive(Clone, Debug, serde::Serialize)]
pub struct Payee {
    pub name: String,
    pub relation: String,
    pub share_percent: String,
    pub amount: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Settlement {
    pub member: u32,
    pub name: String,
    pub date: NaiveDate,
    pub reason: String,
    pub sajja: Money,
    pub deposits: Money,
    pub fines_owed: Money,
    pub loans_owed: Money,
    /// What the group pays out: savings + deposits − debts (never below zero).
    pub payout: Money,
    /// Debt left after everything the member had was set against it.
    pub remaining_debt: Money,
    pub paid_from: String,
    pub payees: Vec<Payee>,
    pub entry: Option<String>,
}

pub(crate) fn settle(
    conn: &Connection,
    number: u32,
    date: NaiveDate,
    reason: ExitReason,
    from: Place,
) -> Result<Settlement> {
    let m = member::get(conn, number)?;
    if !m.status.is_active() {
        return Err(Error::MemberLeft {
            number,
            on: m
                .left_on
                .map(|d| thai::format_date(d, Digits::Arabic))
                .unwrap_or_default(),
        });
    }
    if date < m.joined {
        return Err(Error::invalid("date", "วันที่พ้นสภาพต้องไม่ก่อนวันที่เข้าเป็นสมาชิก"));
    }
    journal::ensure_open(conn, date)?;
    collection::charge_late_fines(conn, &collection::Rules::load(conn)?, &m, date)?;
    let sajja = -ledger::member_balance(conn, SAJJA, &m.id, None)?;
    let deposits = -ledger::member_balance(conn, DEPOSITS, &m.id, None)?;
    let fines_owed = ledger::member_balance(conn, FINES_RECEIVABLE, &m.id, None)?;
    // Loans are settled against what the member holds: everything owed to close them today
    // (principal, interest to this month, loan fines). What the savings cannot cover stays on
    // the loan, for the guarantors.
    let loans_owed = crate::loan::arrears::due_for_member(conn, &m.id, date)?.payoff;
    let held = sajja + deposits;
    let offset_fines = fines_owed.min(held);
    let offset_loans = loans_owed.min(held - offset_fines);
    let payout = held - offset_fines - offset_loans;
    let remaining_debt = fines_owed - offset_fines + loans_owed - offset_loans;
    let payees = payees(&m, reason, payout)?;

    let mut e = NewEntry::new(
        date,
        EntryKind::Settlement,
        format!(
            "คืนเงินสมาชิกพ้นสภาพ ({}) เลขที่ {} {}",
            reason.label(),
            number,
            m.full_name
        ),
    );
    e.member_id = Some(m.id.clone());
    e.push(Posting::debit(SAJJA, sajja).for_member(&m.id));
    e.push(Posting::debit(DEPOSITS, deposits).for_member(&m.id));
    e.push(Posting::credit(FINES_RECEIVABLE, offset_fines).for_member(&m.id));
    if offset_loans.is_positive() {
        let (postings, _split) = crate::loan::repayment(conn, &m.id, date, offset_loans)?;
        for p in postings {
            e.push(p);
        }
    }
    if payout.is_positive() {
        let place_account = match from {
            Place::Cash => crate::account::CASH,
            Place::Bank => crate::account::BANK,
        };
        let have = ledger::account_balance(conn, place_account, None)?;
        if have < payout {
            return Err(Error::Refused(format!(
                "{} มีไม่พอคืนเงินสมาชิก: มี {} บาท ต้องจ่าย {} บาท",
                if from == Place::Cash {
                    "เงินสด"
                } else {
                    "เงินฝากธนาคาร"
                },
                have.grouped(),
                payout.grouped()
            )));
        }
        e.push(Posting::credit(place_account, payout));
    }
    let entry = if e.postings.len() >= 2 {
        Some(journal::post(conn, &e)?)
    } else {
        None
    };
    if let Some(id) = &entry {
        for (i, p) in payees.iter().enumerate() {
            conn.execute(
                "INSERT INTO settlement_payee (entry_id, seq, payee, relation, amount) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, i as i64 + 1, p.name, p.relation, p.amount],
            )?;
        }
    }
    conn.execute(
        "UPDATE member SET status = 'left', left_on = ?1, left_reason = ?2 WHERE id = ?3",
        params![date, reason.as_str(), m.id],
    )?;
    conn.execute(
        "INSERT INTO member_change (member_id, changed_on, field, old_value, new_value, recorded_at)
         VALUES (?1, ?2, 'status', 'active', ?3, ?4)",
        params![m.id, date, format!("left:{}", reason.as_str()), clock::now_utc()],
    )?;
    Ok(Settlement {
        member: number,
        name: m.full_name.clone(),
        date,
        reason: reason.as_str().to_string(),
        sajja,
        deposits,
        fines_owed,
        loans_owed,
        payout,
        remaining_debt,
        paid_from: if from == Place::Cash {
            "cash".into()
        } else {
            "bank".into()
        },
        payees,
        entry,
    })
}

/// The member, or on death the beneficiaries in their recorded shares (leftover satang go
/// to the largest remainders, so the parts sum to the payout exactly).
fn payees(m: &member::Member, reason: ExitReason, payout: Money) -> Result<Vec<Payee>> {
    if payout.is_zero() {
        return Ok(Vec::new());
    }
    if reason != ExitReason::Death || m.beneficiaries.is_empty() {
        return Ok(vec![Payee {
            name: m.full_name.clone(),
            relation: "สมาชิก".into(),
            share_percent: "100.00".into(),
            amount: payout,
        }]);
    }
    let weights: Vec<i64> = m
        .beneficiaries
        .iter()
        .map(|b| b.share_percent.replace('.', "").parse::<i64>().unwrap_or(0))
        .collect();
    let parts = payout.allocate(&weights);
    Ok(m.beneficiaries
        .iter()
        .zip(parts)
        .map(|(b, amount)| Payee {
            name: b.name.clone(),
            relation: b.relation.clone(),
            share_percent: b.share_percent.clone(),
            amount,
        })
        .collect())
}
