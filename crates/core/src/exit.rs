//! A member leaves (resigns, is expelled) or dies: the settlement.
//!
//! Pledged savings and deposits are returned less what the member owes the group (fines,
//! and loans once the member has them). A living member is paid; on death the beneficiaries
//! are paid in their recorded shares, split so the parts sum exactly to the whole. The member
//! keeps their number: the row stays, marked `left`, with the date and reason.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::account::{DEPOSITS, EXIT_PAYABLE, FINES_RECEIVABLE, SAJJA};
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

/// Where the payout of an exit comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayFrom {
    Now(Place),
    /// Booked to เงินรอจ่ายคืนสมาชิกพ้นสภาพ (2200) and paid later (`pay_exit`).
    Later,
}

impl PayFrom {
    pub fn parse(text: &str) -> Result<PayFrom> {
        match text.trim() {
            "payable" | "later" | "ค้างจ่าย" => Ok(PayFrom::Later),
            other => Ok(PayFrom::Now(Place::parse(other)?)),
        }
    }
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
    /// "cash", "bank", or "payable" (booked to the exit payable, paid later).
    pub paid_from: String,
    /// The part of the payout booked to เงินรอจ่ายคืนสมาชิกพ้นสภาพ.
    pub payable: Money,
    /// Why the payout waits, when it does.
    pub payable_note: String,
    pub payees: Vec<Payee>,
    /// How each loan was paid from the savings, and what stays owed.
    pub loans: Vec<crate::loan::ExitLoan>,
    /// Applications and approvals cancelled because the member left.
    pub cancelled_applications: Vec<String>,
    /// Loans the member guarantees that keep them from leaving (a preview only: the exit
    /// itself is refused while there are any).
    pub blocked_by: Vec<crate::loan::BlockingLoan>,
    pub entry: Option<String>,
}

/// The account and Thai name of a place money is paid from.
fn place_account(from: Place) -> (&'static str, &'static str) {
    match from {
        Place::Cash => (crate::account::CASH, "เงินสด"),
        Place::Bank => (crate::account::BANK, "เงินฝากธนาคาร"),
    }
}

/// What `account` holds for paying out on `date`: the lesser of the balance then and now, so
/// a back-dated payment cannot take money that was spent since.
fn available(conn: &Connection, account: &str, date: NaiveDate) -> Result<Money> {
    Ok(ledger::account_balance(conn, account, Some(date))?
        .min(ledger::account_balance(conn, account, None)?))
}

pub(crate) fn settle(
    conn: &Connection,
    number: u32,
    date: NaiveDate,
    reason: ExitReason,
    from: PayFrom,
    preview: bool,
) -> Result<Settlement> {
    let m = member::get(conn, number)?;
    m.ensure_active()?;
    if date < m.joined {
        return Err(Error::invalid("date", "วันที่พ้นสภาพต้องไม่ก่อนวันที่เข้าเป็นสมาชิก"));
    }
    journal::ensure_writable(conn, date)?;
    // A guarantor of a loan still being repaid stays until the group's rule is met (a dead
    // member's guarantee passes to the estate, like their debts).
    let blocked_by = if reason == ExitReason::Death {
        Vec::new()
    } else {
        crate::loan::leaving::blocking_guarantees(conn, &m.id, date)?
    };
    if !blocked_by.is_empty() && !preview {
        return Err(crate::loan::leaving::blocked_error(&m, &blocked_by));
    }
    let cancelled_applications =
        crate::loan::leaving::cancel_applications(conn, &m, date, reason.label())?;
    // Months late before the month of leaving are fined; the month of leaving is not.
    collection::charge_late_fines(conn, &collection::Rules::load(conn)?, &m, date, Some(date))?;
    let sajja = -ledger::member_balance(conn, SAJJA, &m.id, None)?;
    let deposits = -ledger::member_balance(conn, DEPOSITS, &m.id, None)?;
    let fines_owed = ledger::member_balance(conn, FINES_RECEIVABLE, &m.id, None)?;
    // Loans are settled against what the member holds: everything owed to close them today
    // (principal, interest to this month, loan fines). What the savings cannot cover stays on
    // the loan, a debt of the former member (or the estate), then the guarantors.
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
    let (loan_postings, loans) =
        crate::loan::leaving::settle_loans(conn, &m.id, date, offset_loans)?;
    for p in loan_postings {
        e.push(p);
    }
    // The payout leaves the cash box or the bank today only when it can; otherwise (and
    // always for an estate with no recorded beneficiary, paid once the heirs are known) it is
    // booked to the exit payable and paid later with its own voucher.
    let estate = reason == ExitReason::Death && m.beneficiaries.is_empty();
    let mut paid_from = "payable".to_string();
    let mut payable_note = String::new();
    let mut payable = Money::ZERO;
    if payout.is_positive() {
        let now = match (from, estate) {
            (_, true) => {
                payable_note = "ไม่มีผู้รับประโยชน์ที่บันทึกไว้ — ตั้งเป็นเงินรอจ่ายคืนให้ทายาทโดยธรรม จ่ายเมื่อทายาทมารับ (sajja member pay-exit)".into();
                None
            }
            (PayFrom::Later, false) => {
                payable_note = "บันทึกเป็นเงินรอจ่ายคืนตามที่เลือก".into();
                None
            }
            (PayFrom::Now(place), false) => {
                let (account, what) = place_account(place);
                let have = available(conn, account, date)?;
                if have < payout {
                    payable_note = format!(
                        "{what}มี {} บาท ไม่พอจ่าย {} บาท — ตั้งเป็นเงินรอจ่ายคืนสมาชิกพ้นสภาพ จ่ายภายหลังพร้อมใบสำคัญจ่ายของตัวเอง",
                        have.grouped(),
                        payout.grouped()
                    );
                    None
                } else {
                    Some((place, account))
                }
            }
        };
        match now {
            Some((place, account)) => {
                paid_from = if place == Place::Cash { "cash" } else { "bank" }.into();
                e.push(Posting::credit(account, payout));
            }
            None => {
                payable = payout;
                e.push(Posting::credit(EXIT_PAYABLE, payout).for_member(&m.id));
            }
        }
    } else {
        paid_from = match from {
            PayFrom::Now(Place::Bank) => "bank",
            PayFrom::Now(Place::Cash) => "cash",
            PayFrom::Later => "payable",
        }
        .into();
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
    crate::loan::leaving::record_left(
        conn,
        date,
        reason.label(),
        reason == ExitReason::Death,
        entry.as_deref(),
        &loans,
    )?;
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
        paid_from,
        payable,
        payable_note,
        payees,
        loans,
        cancelled_applications,
        blocked_by,
        entry,
    })
}

/// Paying a former member (or their heirs) what was booked to the exit payable.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExitPayment {
    pub member: u32,
    pub name: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub paid_from: String,
    /// Who received it.
    pub paid_to: String,
    /// The payment voucher (ใบสำคัญจ่าย) number of the payment, e.g. "2568/0004".
    pub voucher: String,
    pub entry: String,
}

pub(crate) fn pay_exit(
    conn: &Connection,
    number: u32,
    date: NaiveDate,
    from: Place,
    to: &str,
) -> Result<ExitPayment> {
    let m = member::get(conn, number)?;
    journal::ensure_writable(conn, date)?;
    let owed = -ledger::member_balance(conn, EXIT_PAYABLE, &m.id, None)?;
    if !owed.is_positive() {
        return Err(Error::Refused(format!(
            "ไม่มีเงินรอจ่ายคืนของ {} (เลขที่ {}) — จ่ายครบแล้วหรือไม่ได้ตั้งค้างจ่ายไว้",
            m.full_name, m.number
        )));
    }
    if m.left_on.is_some_and(|left| date < left) {
        return Err(Error::invalid("date", "วันที่จ่ายต้องไม่ก่อนวันที่สมาชิกพ้นสภาพ"));
    }
    let (account, what) = place_account(from);
    let have = available(conn, account, date)?;
    if have < owed {
        return Err(Error::Refused(format!(
            "{what}มี {} บาท ไม่พอจ่ายคืน {} บาท — เลือกจ่ายจากอีกบัญชีหนึ่ง หรือรอให้มีเงินก่อน",
            have.grouped(),
            owed.grouped()
        )));
    }
    let paid_to = match to.trim() {
        "" if m.left_reason.as_deref() == Some("death") && m.beneficiaries.is_empty() => {
            format!("ทายาทโดยธรรมของ{}", m.full_name)
        }
        "" => m.full_name.clone(),
        t => t.to_string(),
    };
    let mut e = NewEntry::new(
        date,
        EntryKind::Settlement,
        format!(
            "จ่ายเงินรอจ่ายคืนสมาชิกพ้นสภาพ เลขที่ {} {} ให้ {}",
            m.number, m.full_name, paid_to
        ),
    );
    e.member_id = Some(m.id.clone());
    e.push(Posting::debit(EXIT_PAYABLE, owed).for_member(&m.id));
    e.push(Posting::credit(account, owed));
    let entry = journal::post(conn, &e)?;
    let voucher = crate::report::voucher::number_of_entry(conn, &entry)?.unwrap_or_default();
    Ok(ExitPayment {
        member: m.number,
        name: m.full_name,
        date,
        amount: owed,
        paid_from: if from == Place::Cash { "cash" } else { "bank" }.into(),
        paid_to,
        voucher,
        entry,
    })
}

/// The member, or on death the beneficiaries in their recorded shares (leftover satang go
/// to the largest remainders, so the parts sum to the payout exactly); with none recorded,
/// the estate (ทายาทโดยธรรม), never "the member".
fn payees(m: &member::Member, reason: ExitReason, payout: Money) -> Result<Vec<Payee>> {
    if payout.is_zero() {
        return Ok(Vec::new());
    }
    if reason == ExitReason::Death && m.beneficiaries.is_empty() {
        return Ok(vec![Payee {
            name: format!("ทายาทโดยธรรมของ{}", m.full_name),
            relation: "ทายาทโดยธรรม".into(),
            share_percent: "100.00".into(),
            amount: payout,
        }]);
    }
    if reason != ExitReason::Death {
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

/// Undoes a member's exit together with the reversal of its settlement entry (same
/// transaction): the member is active again with the pledges and guarantees they had, and
/// the change is kept in their history. Refused, with the reason, when anything was recorded
/// for the member after the exit that has not been reversed first.
pub(crate) fn restore(
    conn: &Connection,
    settlement: &journal::Entry,
    date: NaiveDate,
    reason: &str,
) -> Result<()> {
    let Some(member_id) = settlement.member_id.as_deref() else {
        return Ok(());
    };
    let m = member::get_by_id(conn, member_id)?;
    if m.status.is_active() {
        return Ok(());
    }
    let later: Option<(NaiveDate, String)> = conn
        .query_row(
            "SELECT e.date, e.memo FROM journal_entry e
             WHERE e.member_id = ?1 AND e.seq > ?2 AND e.reverses IS NULL
               AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id)
             ORDER BY e.seq LIMIT 1",
            params![member_id, settlement.seq],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((on, memo)) = later {
        return Err(Error::Refused(format!(
            "ยกเลิกการพ้นสภาพของสมาชิกเลขที่ {} ไม่ได้: มีรายการหลังพ้นสภาพ ({} {}) — ยกเลิกรายการนั้นก่อน",
            m.number,
            thai::format_date(on, Digits::Arabic),
            memo
        )));
    }
    conn.execute(
        "UPDATE member SET status = 'active', left_on = NULL, left_reason = NULL WHERE id = ?1",
        [member_id],
    )?;
    conn.execute(
        "INSERT INTO member_change (member_id, changed_on, field, old_value, new_value, recorded_at)
         VALUES (?1, ?2, 'status', ?3, ?4, ?5)",
        params![
            member_id,
            date,
            format!("left:{}", m.left_reason.unwrap_or_default()),
            format!("active: ยกเลิกการพ้นสภาพ ({})", reason.trim()),
            clock::now_utc()
        ],
    )?;
    Ok(())
}

/// For `verify`: members whose status disagrees with their money — left yet holding savings
/// or deposits, or active although their exit settlement stands.
pub(crate) fn verify(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT m.number, m.left_on,
                coalesce((SELECT -sum(b.amount) FROM balance b WHERE b.member_key = m.id AND b.account = ?1), 0),
                coalesce((SELECT -sum(b.amount) FROM balance b WHERE b.member_key = m.id AND b.account = ?2), 0)
         FROM member m WHERE m.status <> 'active' ORDER BY m.number",
    )?;
    let mut rows = stmt.query(params![SAJJA, DEPOSITS])?;
    while let Some(r) = rows.next()? {
        let (number, left_on, sajja, deposits): (u32, Option<NaiveDate>, i64, i64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        if sajja != 0 || deposits != 0 {
            problems.push(format!(
                "สมาชิกเลขที่ {number} พ้นสภาพแล้ว ({}) แต่ยังมีเงินสัจจะ {} บาท และเงินฝาก {} บาท",
                left_on
                    .map(|d| thai::format_date(d, Digits::Arabic))
                    .unwrap_or_default(),
                Money::from_satang(sajja).grouped(),
                Money::from_satang(deposits).grouped()
            ));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT DISTINCT m.number FROM member m JOIN journal_entry e ON e.member_id = m.id
         WHERE m.status = 'active' AND e.kind = 'settlement'
           AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id)
         ORDER BY m.number",
    )?;
    for number in stmt.query_map([], |r| r.get::<_, u32>(0))? {
        problems.push(format!(
            "สมาชิกเลขที่ {} ยังเป็นสมาชิกอยู่ แต่มีรายการคืนเงินพ้นสภาพที่ไม่ได้ยกเลิก",
            number?
        ));
    }
    Ok(())
}
