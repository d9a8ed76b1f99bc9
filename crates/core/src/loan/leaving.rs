//! Loans when a member leaves the group (resigns, is expelled or dies).
//!
//! - The member's applications and approvals not yet paid out are cancelled, each with a
//!   `cancelled` event saying why; a loan is never paid out to someone who has left.
//! - A member who guarantees a loan still being repaid cannot leave with their savings until
//!   the loan is repaid, another member takes the guarantee over (`guarantor_replaced`), or
//!   the committee's decision to release them is recorded (`guarantor_released`). Death is not
//!   refused: the guarantee is then the estate's, as the debt of a dead borrower is.
//! - The settlement pays the member's loans from their savings and deposits: fines, then all
//!   interest to the current period, then principal, oldest loan first. What the savings
//!   cannot cover stays on the loan (a `member_left` event records it) as a debt of the
//!   former member, or of the estate and then the guarantors; the loan card shows it.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::arrears;
use super::state::LateRules;
use super::store::GUARANTEE_IN_FORCE;
use super::{
    add_event, current_member, find, money_text, parse_date, LoanCard, LoanEventKind, LoanStatus,
    Stored,
};
use crate::error::{Error, Result};
use crate::journal::Posting;
use crate::member;
use crate::money::Money;
use crate::thai::{self, Digits};

/// A loan whose guarantor may not leave yet.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BlockingLoan {
    pub loan: String,
    pub id: String,
    pub borrower: u32,
    pub name: String,
    /// Principal still owed.
    pub balance: Money,
}

/// The loans still being repaid that `member_id` guarantees (and has not been released from).
pub(crate) fn blocking_guarantees(
    conn: &Connection,
    member_id: &str,
    date: NaiveDate,
) -> Result<Vec<BlockingLoan>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id FROM loan_guarantor g JOIN loan l ON l.id = g.loan_id
         WHERE g.member_id = ?1 AND l.status = 'active'
           AND {GUARANTEE_IN_FORCE}
         ORDER BY l.number"
    ))?;
    let ids: Vec<String> = stmt
        .query_map([member_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter()
        .map(|id| {
            let loan = find(conn, id)?;
            let borrower = member::get_by_id(conn, &loan.member_id)?;
            Ok(BlockingLoan {
                balance: super::balance(conn, &loan.id, Some(date))?,
                loan: loan.number,
                id: loan.id,
                borrower: borrower.number,
                name: borrower.full_name,
            })
        })
        .collect()
}

/// The Thai refusal naming the loans that keep a guarantor from leaving, and the ways out.
pub(crate) fn blocked_error(m: &member::Member, loans: &[BlockingLoan]) -> Error {
    let list: Vec<String> = loans
        .iter()
        .map(|l| {
            format!(
                "สัญญา {} ของ {} (เลขที่ {}) คงเหลือ {}",
                l.loan,
                l.name,
                l.borrower,
                money_text(l.balance)
            )
        })
        .collect();
    Error::Refused(format!(
        "{} (เลขที่ {}) ยังค้ำประกันเงินกู้ที่ผ่อนไม่หมด: {} — จะพ้นสภาพและรับเงินคืนได้เมื่อสัญญาชำระครบ \
         หรือมีสมาชิกอื่นค้ำแทน (sajja loan guarantor replace) หรือบันทึกมติคณะกรรมการให้พ้นจากการค้ำ \
         (sajja loan guarantor release)",
        m.full_name,
        m.number,
        list.join("; ")
    ))
}

/// Cancels the member's applications and approvals not yet paid out; returns their numbers.
pub(crate) fn cancel_applications(
    conn: &Connection,
    m: &member::Member,
    date: NaiveDate,
    why: &str,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM loan WHERE member_id = ?1 AND status IN ('applied', 'approved')
         ORDER BY number",
    )?;
    let ids: Vec<String> = stmt
        .query_map([&m.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for id in ids {
        let loan = find(conn, &id)?;
        let note = format!(
            "ยกเลิก{}: ผู้กู้พ้นสภาพสมาชิก ({why}) วันที่ {}",
            if loan.status == LoanStatus::Approved {
                "การอนุมัติ"
            } else {
                "คำขอกู้"
            },
            thai::format_date(date, Digits::Arabic)
        );
        add_event(
            conn,
            &loan.id,
            LoanEventKind::Cancelled,
            LoanStatus::Rejected,
            date.max(loan.applied_on),
            None,
            "",
            None,
            None,
            &note,
        )?;
        out.push(loan.number);
    }
    Ok(out)
}

/// How a settlement paid one loan from the savings.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ExitLoan {
    pub loan: String,
    pub id: String,
    pub fines: Money,
    pub interest: Money,
    pub principal: Money,
    /// Paid from the savings and deposits.
    pub paid: Money,
    /// Everything that was needed to close it on the exit date.
    pub payoff: Money,
    /// Principal still owed after the settlement (the debt that stays).
    pub balance_after: Money,
    /// What stays owed on the exit date: payoff − paid.
    pub debt: Money,
}

/// The postings that pay `amount` of the member's loans from their savings (the settlement
/// adds the savings debits): fines, then interest to the current period, then principal,
/// oldest loan first. Never refused: whatever is not covered stays owed.
pub(crate) fn settle_loans(
    conn: &Connection,
    member_id: &str,
    date: NaiveDate,
    amount: Money,
) -> Result<(Vec<Posting>, Vec<ExitLoan>)> {
    let loans = arrears::member_positions(conn, member_id, None, date)?;
    let mut lines: Vec<ExitLoan> = loans
        .iter()
        .map(|(h, p)| ExitLoan {
            loan: h.number.clone(),
            id: h.id.clone(),
            payoff: p.payoff,
            ..ExitLoan::default()
        })
        .collect();
    let mut rem = amount;
    for (line, (_, p)) in lines.iter_mut().zip(&loans) {
        line.fines = rem.min(p.fines);
        rem -= line.fines;
    }
    for (line, (_, p)) in lines.iter_mut().zip(&loans) {
        line.interest = rem.min(p.payoff_interest);
        rem -= line.interest;
    }
    for (line, (_, p)) in lines.iter_mut().zip(&loans) {
        line.principal = rem.min(p.balance);
        rem -= line.principal;
    }
    let mut postings = Vec::new();
    for (line, (head, p)) in lines.iter_mut().zip(&loans) {
        line.paid = line.fines + line.interest + line.principal;
        line.balance_after = p.balance - line.principal;
        line.debt = line.payoff - line.paid;
        postings.extend(arrears::repayment_postings(
            member_id,
            &head.id,
            (line.fines, line.interest, line.principal),
        ));
    }
    Ok((postings, lines))
}

/// Records on each loan the settlement left open that its borrower has left, and what stays.
pub(crate) fn record_left(
    conn: &Connection,
    date: NaiveDate,
    why: &str,
    death: bool,
    entry: Option<&str>,
    loans: &[ExitLoan],
) -> Result<()> {
    for l in loans {
        let loan = find(conn, &l.id)?;
        if loan.status != LoanStatus::Active {
            continue;
        }
        let note = format!(
            "ผู้กู้พ้นสภาพสมาชิก ({why}): หักจากเงินสัจจะและเงินฝาก {} คงค้าง {} เป็นหนี้ของ{}",
            money_text(l.paid),
            money_text(l.debt),
            owed_by_label(death)
        );
        add_event(
            conn,
            &loan.id,
            LoanEventKind::MemberLeft,
            LoanStatus::Active,
            date,
            None,
            "",
            entry,
            None,
            &note,
        )?;
    }
    Ok(())
}

fn owed_by_label(death: bool) -> &'static str {
    if death {
        "กองมรดกของผู้กู้ (ทายาท) แล้วจึงเป็นของผู้ค้ำประกัน"
    } else {
        "ผู้กู้ (อดีตสมาชิก) แล้วจึงเป็นของผู้ค้ำประกัน"
    }
}

/// A loan still owed by a member who has left: on the loan card.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExitDebt {
    pub left_on: NaiveDate,
    /// resign | death | expel
    pub reason: String,
    /// "member" (the former member) or "estate" (a dead borrower's estate); the guarantors
    /// answer for what neither pays.
    pub owed_by: String,
    pub label: String,
    /// What the settlement paid on this loan from the savings and deposits.
    pub from_savings: Money,
    /// Principal still owed now.
    pub balance: Money,
    /// Everything needed to close it on the card's date (interest goes on accruing).
    pub payoff: Money,
}

/// The debt a departed borrower left on `loan`, if any.
pub(crate) fn exit_debt(conn: &Connection, card: &LoanCard) -> Result<Option<ExitDebt>> {
    let Some(event) = card
        .events
        .iter()
        .rev()
        .find(|e| e.kind == LoanEventKind::MemberLeft)
    else {
        return Ok(None);
    };
    let borrower = member::get_by_id(conn, &card.summary.member_id)?;
    let reason = borrower.left_reason.clone().unwrap_or_default();
    let death = reason == "death";
    let from_savings: i64 = match &event.entry {
        Some(entry) => conn.query_row(
            "SELECT coalesce(-sum(p.amount), 0) FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
             WHERE e.id = ?1 AND p.loan_id = ?2 AND p.account IN ('1200', '4100', '4200')",
            params![entry, card.summary.id],
            |r| r.get(0),
        )?,
        None => 0,
    };
    let balance = card.summary.balance;
    let payoff = card.position.as_ref().map_or(balance, |p| p.payoff);
    Ok(Some(ExitDebt {
        left_on: borrower.left_on.unwrap_or(event.date),
        owed_by: if death { "estate" } else { "member" }.into(),
        label: format!(
            "ผู้กู้พ้นสภาพสมาชิกเมื่อ {} — หนี้คงค้าง {} เป็นหนี้ของ{}",
            thai::format_date(event.date, Digits::Arabic),
            money_text(payoff),
            owed_by_label(death)
        ),
        reason,
        from_savings: Money::from_satang(from_savings),
        balance,
        payoff,
    }))
}

/// A change of guarantor decided by the committee.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct GuarantorChange {
    pub loan: String,
    /// Member number of the guarantor leaving the guarantee.
    pub member: String,
    /// Member number of the one taking it over (replace only).
    pub with: String,
    /// Member number of the committee member recording the decision.
    pub by: String,
    pub date: String,
    pub meeting: String,
    /// Why (required for a release).
    pub reason: String,
}

/// The guarantor being changed, checked: a current guarantor of a loan still open.
fn current_guarantor(conn: &Connection, loan: &Stored, text: &str) -> Result<member::Member> {
    let number = super::parse_member_number("member", "ผู้ค้ำประกัน", text)?;
    let g = member::get(conn, number)?;
    if !super::guarantor_members(conn, &loan.id)?
        .iter()
        .any(|x| x.id == g.id)
    {
        return Err(Error::invalid(
            "member",
            format!(
                "{} (เลขที่ {}) ไม่ได้เป็นผู้ค้ำประกันสัญญา {} — ดูรายชื่อผู้ค้ำในบัตรลูกหนี้",
                g.full_name, g.number, loan.number
            ),
        ));
    }
    if !loan.status.is_open() {
        return Err(Error::Refused(format!(
            "สัญญา {} สถานะ \"{}\" ไม่มีภาระค้ำประกันให้เปลี่ยน",
            loan.number,
            loan.status.label()
        )));
    }
    Ok(g)
}

fn committee(
    conn: &Connection,
    loan: &Stored,
    text: &str,
    guarantor: &member::Member,
    date: NaiveDate,
) -> Result<member::Member> {
    let by = current_member(conn, "by", "กรรมการผู้บันทึกมติ", text, date)?;
    if by.id == loan.member_id || by.id == guarantor.id {
        return Err(Error::invalid(
            "by",
            "ผู้กู้หรือผู้ค้ำที่ขอพ้นจากการค้ำบันทึกมติเรื่องนี้เองไม่ได้ — ต้องเป็นกรรมการคนอื่น",
        ));
    }
    Ok(by)
}

fn change_date(conn: &Connection, loan: &Stored, text: &str) -> Result<NaiveDate> {
    let date = parse_date("date", text)?;
    super::not_before(date, loan.applied_on, "ยื่นคำขอกู้")?;
    crate::journal::ensure_writable(conn, date)?;
    Ok(date)
}

/// Ends `g`'s guarantee of `loan` as the committee member `by` decided (at `c.meeting`):
/// the loan's event, with `note`, and the end of the guarantee that points at it, taken over
/// by `replaced_by` or released.
#[allow(clippy::too_many_arguments)]
fn end_guarantee(
    conn: &Connection,
    c: &GuarantorChange,
    loan: &Stored,
    g: &member::Member,
    replaced_by: Option<&member::Member>,
    by: &member::Member,
    date: NaiveDate,
    note: &str,
) -> Result<()> {
    let (event, how) = match replaced_by {
        Some(_) => (LoanEventKind::GuarantorReplaced, "replaced"),
        None => (LoanEventKind::GuarantorReleased, "released"),
    };
    let meeting = &c.meeting;
    add_event(
        conn,
        &loan.id,
        event,
        loan.status,
        date,
        Some(&by.id),
        meeting,
        None,
        None,
        note,
    )?;
    let event_id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO loan_guarantor_end (loan_id, member_id, ended_on, how, replaced_by, event_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            loan.id,
            g.id,
            date,
            how,
            replaced_by.map(|m| &m.id),
            event_id
        ],
    )?;
    Ok(())
}

/// Another member takes over a guarantee (the committee's decision, recorded).
pub(crate) fn replace(conn: &Connection, c: &GuarantorChange) -> Result<String> {
    let loan = find(conn, &c.loan)?;
    let date = change_date(conn, &loan, &c.date)?;
    let old = current_guarantor(conn, &loan, &c.member)?;
    let by = committee(conn, &loan, &c.by, &old, date)?;
    if c.with.trim().is_empty() {
        return Err(Error::invalid(
            "with",
            "กรุณาใส่เลขที่สมาชิกของผู้ค้ำคนใหม่ (--with)",
        ));
    }
    let new = current_member(conn, "with", "ผู้ค้ำคนใหม่", &c.with, date)?;
    if new.id == loan.member_id {
        return Err(Error::invalid(
            "with",
            "ผู้กู้ค้ำประกันเงินกู้ของตัวเองไม่ได้ — เลือกสมาชิกคนอื่นเป็นผู้ค้ำ",
        ));
    }
    let was: bool = conn.query_row(
        "SELECT count(*) > 0 FROM loan_guarantor WHERE loan_id = ?1 AND member_id = ?2",
        params![loan.id, new.id],
        |r| r.get(0),
    )?;
    if was {
        return Err(Error::invalid(
            "with",
            format!(
                "{} เคยหรือยังเป็นผู้ค้ำประกันสัญญา {} อยู่แล้ว — เลือกสมาชิกคนอื่น",
                new.full_name, loan.number
            ),
        ));
    }
    // What the new guarantor takes on: the loan as it stands, or its whole amount before payout.
    let owed = if loan.status == LoanStatus::Active {
        super::balance(conn, &loan.id, Some(date))?
    } else {
        loan.amount
    };
    let rules = LateRules::load(conn)?;
    super::checks::ensure_may_guarantee(conn, "with", &new, owed, date, None, &rules)?;
    conn.execute(
        "INSERT INTO loan_guarantor (loan_id, member_id) VALUES (?1, ?2)",
        params![loan.id, new.id],
    )?;
    let mut note = format!(
        "{} (เลขที่ {}) ค้ำประกันแทน {} (เลขที่ {})",
        new.full_name, new.number, old.full_name, old.number
    );
    if !c.reason.trim().is_empty() {
        note += &format!(" — {}", c.reason.trim());
    }
    end_guarantee(conn, c, &loan, &old, Some(&new), &by, date, &note)?;
    Ok(loan.id)
}

/// The committee releases a guarantor from a guarantee (its decision, with the reason).
pub(crate) fn release(conn: &Connection, c: &GuarantorChange) -> Result<String> {
    let loan = find(conn, &c.loan)?;
    let date = change_date(conn, &loan, &c.date)?;
    let old = current_guarantor(conn, &loan, &c.member)?;
    let by = committee(conn, &loan, &c.by, &old, date)?;
    let reason = super::required_reason(&c.reason)?;
    let note = format!(
        "คณะกรรมการมีมติให้ {} (เลขที่ {}) พ้นจากการค้ำประกัน — {reason}",
        old.full_name, old.number
    );
    end_guarantee(conn, c, &loan, &old, None, &by, date, &note)?;
    Ok(loan.id)
}
