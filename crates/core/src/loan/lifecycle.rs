//! A loan's life: application, approval or rejection, payout, repayment, write-off and
//! restructure. Each step is one function run inside the use case's transaction.

use super::*;

/// Records an application, after checking the limits, the borrower and each guarantor.
pub(crate) fn apply(conn: &Connection, input: &LoanApplication) -> Result<String> {
    let date = parse_date("date", &input.date)?;
    let borrower = current_member(conn, "member", "ผู้กู้", &input.member, date)?;
    let product = product::get(conn, &input.product)?;
    let amount = positive_amount(&input.amount, "amount")?;
    let months = parse_months(&input.months)?;
    let guarantors = parse_guarantors(conn, &input.guarantors, date)?;
    let recorded_by = recorder(conn, &input.recorded_by, date)?;
    new_contract(
        conn,
        &NewLoan {
            terms: Check::new(&borrower, &product, amount, months, date, &guarantors),
            purpose: &input.purpose,
            confirm_rate: input.confirm_rate,
            recorded_by: recorded_by.as_ref(),
            replaces: None,
        },
    )
}

/// Checks a new contract's terms and records it: an application, or the new loan of a
/// restructure.
fn new_contract(conn: &Connection, new: &NewLoan<'_>) -> Result<String> {
    check_new_contract(conn, &new.terms)?;
    insert_loan(conn, new)
}

/// Refuses to approve or pay out a loan whose borrower (or a guarantor) has left the group.
fn still_members(
    conn: &Connection,
    loan: &Stored,
    guarantors: &[member::Member],
    doing: &str,
) -> Result<()> {
    let borrower = member::get_by_id(conn, &loan.member_id)?;
    if !borrower.status.is_active() {
        return Err(Error::Refused(format!(
            "สัญญา {} {doing}ไม่ได้ — ผู้กู้ {} (เลขที่ {}) พ้นสภาพสมาชิกแล้ว{} เงินกู้จ่ายได้เฉพาะสมาชิก",
            loan.number,
            borrower.full_name,
            borrower.number,
            borrower
                .left_on
                .map(|d| format!("เมื่อ {}", thai::format_date(d, Digits::Arabic)))
                .unwrap_or_default()
        )));
    }
    if let Some(g) = guarantors.iter().find(|g| !g.status.is_active()) {
        return Err(Error::Refused(format!(
            "สัญญา {} {doing}ไม่ได้ — ผู้ค้ำ {} (เลขที่ {}) พ้นสภาพสมาชิกแล้ว ให้สมาชิกอื่นค้ำแทนก่อน (sajja loan guarantor replace)",
            loan.number, g.full_name, g.number
        )));
    }
    Ok(())
}

/// The committee approves an application: signed by members of the loan committee on the
/// date (as many as the group's rule asks), optionally at a recorded meeting.
pub(crate) fn approve(conn: &Connection, d: &LoanDecision) -> Result<String> {
    let loan = find(conn, &d.loan)?;
    require_status(&loan, &[LoanStatus::Applied], "อนุมัติ")?;
    let (meeting, meeting_date) = decision_meeting(conn, &d.meeting)?;
    let date = match meeting_date {
        Some(on) if d.date.trim().is_empty() => on,
        _ => parse_date("date", &d.date)?,
    };
    not_before(date, loan.applied_on, "ยื่นคำขอกู้")?;
    let signers = decision_signers(conn, &d.by, date)?;
    let guarantors = guarantor_members(conn, &loan.id)?;
    still_members(conn, &loan, &guarantors, "อนุมัติ")?;
    for approver in &signers {
        check_approver(&loan, &guarantors, approver)?;
    }
    // The facts may have changed since the application: check again on the approval date.
    let borrower = member::get_by_id(conn, &loan.member_id)?;
    let product = product::get(conn, &loan.product_id)?;
    let rules = LateRules::load(conn)?;
    let check = Check {
        this: Some(&loan.id),
        replaces: loan.restructures.as_deref(),
        ..Check::new(
            &borrower,
            &product,
            loan.amount,
            loan.months,
            date,
            &guarantors,
        )
    };
    check_borrower(conn, &check, &rules)?;
    check_guarantors(conn, &check, &rules)?;
    let required = settings::at(conn, date)?.loan_approvals_required;
    let seats = crate::committee::authorise(conn, "loans", date, &signers, required, "อนุมัติเงินกู้")?;
    add_event(
        conn,
        &loan.id,
        LoanEventKind::Approved,
        LoanStatus::Approved,
        date,
        Some(&signers[0].id),
        &meeting,
        None,
        None,
        d.reason.trim(),
    )?;
    record_signers(conn, &loan.id, &signers, &seats)?;
    Ok(loan.id)
}

/// The meeting a decision names: a recorded meeting by its number (stored as its key, so
/// the decision links to it; its date is the decision's date unless one is typed), or any
/// other note as typed. A number that matches no meeting is refused as a typo.
fn decision_meeting(conn: &Connection, text: &str) -> Result<(String, Option<NaiveDate>)> {
    match crate::meeting_ref::lookup(conn, text)? {
        Some((id, number, date)) => {
            let certified: bool = conn.query_row(
                "SELECT certified_by IS NOT NULL FROM meeting WHERE id = ?1",
                [&id],
                |r| r.get(0),
            )?;
            if certified {
                return Err(Error::invalid(
                    "meeting",
                    format!("รายงานการประชุม {number} ได้รับการรับรองแล้ว จึงเพิ่มมติไม่ได้"),
                ));
            }
            Ok((number, Some(date)))
        }
        None if crate::meeting_ref::looks_like_number(text) => Err(Error::invalid(
            "meeting",
            format!(
                "ไม่พบการประชุม \"{}\" — ดูเลขที่การประชุมด้วย sajja meeting list",
                text.trim()
            ),
        )),
        None => Ok((text.trim().to_string(), None)),
    }
}

/// The members who sign a decision: one number, or several separated by commas (`3,5`).
fn decision_signers(conn: &Connection, text: &str, date: NaiveDate) -> Result<Vec<member::Member>> {
    let mut out: Vec<member::Member> = Vec::new();
    for part in text.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
        let m = current_member(conn, "by", "ผู้อนุมัติ", part, date)?;
        if !out.iter().any(|o| o.id == m.id) {
            out.push(m);
        }
    }
    if out.is_empty() {
        return Err(Error::invalid("by", "ใส่เลขที่สมาชิกของกรรมการผู้อนุมัติ"));
    }
    Ok(out)
}

/// Everyone who signed a decision, with the seat they signed in (none before the register).
fn record_signers(
    conn: &Connection,
    loan_id: &str,
    signers: &[member::Member],
    seats: &[Option<i64>],
) -> Result<()> {
    let event: i64 = conn.query_row(
        "SELECT max(id) FROM loan_event WHERE loan_id = ?1",
        [loan_id],
        |r| r.get(0),
    )?;
    for (m, seat) in signers.iter().zip(seats) {
        conn.execute(
            "INSERT INTO loan_decision_signer (loan_id, event_id, member_id, seat_id) VALUES (?1, ?2, ?3, ?4)",
            params![loan_id, event, m.id, seat],
        )?;
    }
    Ok(())
}

/// An approver may not be the borrower, the one who typed the application or a guarantor.
fn check_approver(
    loan: &Stored,
    guarantors: &[member::Member],
    approver: &member::Member,
) -> Result<()> {
    if approver.id == loan.member_id {
        return Err(Error::invalid("by", "ผู้กู้อนุมัติเงินกู้ของตัวเองไม่ได้"));
    }
    if loan.recorded_by.as_deref() == Some(approver.id.as_str()) {
        return Err(Error::invalid(
            "by",
            format!(
                "{} เป็นผู้บันทึกคำขอกู้นี้ จึงเป็นผู้อนุมัติไม่ได้ — ต้องเป็นกรรมการอีกคน",
                approver.full_name
            ),
        ));
    }
    if guarantors.iter().any(|g| g.id == approver.id) {
        return Err(Error::invalid(
            "by",
            format!("{} เป็นผู้ค้ำประกันสัญญานี้ จึงเป็นผู้อนุมัติไม่ได้", approver.full_name),
        ));
    }
    Ok(())
}

/// The committee turns an application down (or withdraws an approval before payout).
pub(crate) fn reject(conn: &Connection, d: &LoanDecision) -> Result<String> {
    let loan = find(conn, &d.loan)?;
    require_status(
        &loan,
        &[LoanStatus::Applied, LoanStatus::Approved],
        "ยกเลิกหรือไม่อนุมัติ",
    )?;
    let date = parse_date("date", &d.date)?;
    not_before(date, loan.applied_on, "ยื่นคำขอกู้")?;
    let by = current_member(conn, "by", "ผู้พิจารณา", &d.by, date)?;
    if by.id == loan.member_id {
        return Err(Error::invalid("by", "ผู้กู้พิจารณาเงินกู้ของตัวเองไม่ได้"));
    }
    let reason = required_reason(&d.reason)?;
    add_event(
        conn,
        &loan.id,
        LoanEventKind::Rejected,
        LoanStatus::Rejected,
        date,
        Some(&by.id),
        &d.meeting,
        None,
        None,
        reason,
    )?;
    Ok(loan.id)
}

/// Pays out an approved loan: cash or bank to the borrower, or, for a restructure, the old
/// loan's balance moved to the new one.
pub(crate) fn disburse(conn: &Connection, input: &LoanDisbursement) -> Result<String> {
    let loan = find(conn, &input.loan)?;
    still_members(conn, &loan, &[], "จ่ายเงิน")?;
    require_status(&loan, &[LoanStatus::Approved], "จ่ายเงิน")?;
    let date = parse_date("date", &input.date)?;
    if let Some(approved) = event_date(conn, &loan.id, LoanEventKind::Approved)? {
        not_before(date, approved, "อนุมัติ")?;
    }
    let from = cash_account(&input.from, "from")?;
    let borrower = member::get_by_id(conn, &loan.member_id)?;
    let due_day = settings::at(conn, date)?.collection_day;
    let mut entry;
    let mut old_loan = None;
    if let Some(old_id) = &loan.restructures {
        let old = find(conn, old_id)?;
        require_status(&old, &[LoanStatus::Active], "ปรับโครงสร้างหนี้")?;
        let old_balance = balance(conn, &old.id, Some(date))?;
        if old_balance != loan.amount {
            return Err(Error::Refused(format!(
                "ยอดคงเหลือของสัญญา {} วันที่ {} คือ {} ไม่เท่ากับยอดที่ขอปรับโครงสร้าง ({}) — ไม่อนุมัติคำขอนี้แล้วยื่นคำขอใหม่",
                old.number,
                thai::format_date(date, Digits::Arabic),
                money_text(old_balance),
                money_text(loan.amount)
            )));
        }
        entry = NewEntry::new(
            date,
            EntryKind::LoanRestructure,
            format!(
                "ปรับโครงสร้างหนี้ สัญญา {} เป็นสัญญา {} {}",
                old.number, loan.number, borrower.full_name
            ),
        );
        entry.push(
            Posting::debit(LOANS, loan.amount)
                .for_member(&borrower.id)
                .for_loan(&loan.id),
        );
        entry.push(
            Posting::credit(LOANS, loan.amount)
                .for_member(&borrower.id)
                .for_loan(&old.id),
        );
        old_loan = Some(old);
    } else {
        let available = Money::from_satang(conn.query_row(
            "SELECT coalesce(sum(amount), 0) FROM balance WHERE account = ?1",
            [from],
            |r| r.get(0),
        )?);
        if available < loan.amount {
            let what = if from == CASH {
                "เงินสด"
            } else {
                "เงินฝากธนาคาร"
            };
            return Err(Error::invalid(
                "from",
                format!(
                    "{what}ของกลุ่มมี {} ไม่พอจ่ายเงินกู้ {} — เลือกจ่ายจากบัญชีอื่นหรือรอรับเงินเข้าก่อน",
                    money_text(available),
                    money_text(loan.amount)
                ),
            ));
        }
        entry = NewEntry::new(
            date,
            EntryKind::LoanPayout,
            format!("จ่ายเงินกู้ สัญญา {} {}", loan.number, borrower.full_name),
        );
        entry.push(
            Posting::debit(LOANS, loan.amount)
                .for_member(&borrower.id)
                .for_loan(&loan.id),
        );
        entry.push(Posting::credit(from, loan.amount));
    }
    entry.member_id = Some(borrower.id.clone());
    let entry_id = journal::post(conn, &entry)?;
    if let Some(old) = old_loan {
        let rules = LateRules::load(conn)?;
        let waived = position_of(conn, &old, &rules, date)?.unwrap_or_default();
        let note = format!(
            "ยอดเงินต้น {} ย้ายไปสัญญา {}; {}ค้าง {} และค่าปรับค้าง {} ไม่ยกไป (ห้ามคิดดอกเบี้ยทบต้น)",
            money_text(loan.amount),
            loan.number,
            old.charge_word,
            money_text(waived.payoff_interest),
            money_text(waived.fines)
        );
        add_event(
            conn,
            &old.id,
            LoanEventKind::Restructured,
            LoanStatus::Restructured,
            date,
            None,
            "",
            Some(&entry_id),
            None,
            &note,
        )?;
    }
    add_event(
        conn,
        &loan.id,
        LoanEventKind::Disbursed,
        LoanStatus::Active,
        date,
        None,
        "",
        Some(&entry_id),
        Some(due_day),
        "",
    )?;
    Ok(loan.id)
}

/// Posts a repayment of one loan outside the collection row (from the loan card).
pub(crate) fn repay(
    conn: &Connection,
    input: &LoanRepaymentInput,
) -> Result<(String, RepaymentSplit)> {
    let loan = find(conn, &input.loan)?;
    require_status(&loan, &[LoanStatus::Active], "รับชำระ")?;
    let date = parse_date("date", &input.date)?;
    let amount = positive_amount(&input.amount, "amount")?;
    let to = cash_account(&input.to, "to")?;
    let borrower = member::get_by_id(conn, &loan.member_id)?;
    let (postings, split) =
        arrears::repayment_of(conn, &borrower.id, Some(&loan.id), date, amount)?;
    let mut entry = NewEntry::new(
        date,
        EntryKind::LoanRepayment,
        format!("ส่งเงินกู้ สัญญา {} {}", loan.number, borrower.full_name),
    );
    entry.member_id = Some(borrower.id.clone());
    entry.push(Posting::debit(to, amount));
    for p in postings {
        entry.push(p);
    }
    let entry_id = journal::post(conn, &entry)?;
    Ok((entry_id, split))
}

/// The committee writes a loan off as a bad debt; its history stays.
pub(crate) fn write_off(conn: &Connection, d: &LoanDecision) -> Result<String> {
    let loan = find(conn, &d.loan)?;
    require_status(&loan, &[LoanStatus::Active], "ตัดเป็นหนี้สูญ")?;
    let date = parse_date("date", &d.date)?;
    if let Some(paid_out) = event_date(conn, &loan.id, LoanEventKind::Disbursed)? {
        not_before(date, paid_out, "จ่ายเงินกู้")?;
    }
    not_before_last_movement(conn, &loan, date)?;
    let (meeting, _) = decision_meeting(conn, &d.meeting)?;
    let signers = decision_signers(conn, &d.by, date)?;
    if signers.iter().any(|s| s.id == loan.member_id) {
        return Err(Error::invalid("by", "ผู้กู้อนุมัติตัดหนี้ของตัวเองไม่ได้"));
    }
    let by = signers[0].clone();
    let reason = required_reason(&d.reason)?;
    let required = settings::at(conn, date)?.loan_approvals_required;
    let seats = crate::committee::authorise(conn, "loans", date, &signers, required, "อนุมัติตัดหนี้สูญ")?;
    let remaining = balance(conn, &loan.id, Some(date))?;
    if !remaining.is_positive() {
        return Err(Error::Refused(format!(
            "สัญญา {} ไม่มีเงินต้นคงเหลือให้ตัดเป็นหนี้สูญ",
            loan.number
        )));
    }
    let borrower = member::get_by_id(conn, &loan.member_id)?;
    let rules = LateRules::load(conn)?;
    let pos = position_of(conn, &loan, &rules, date)?.unwrap_or_default();
    let mut entry = NewEntry::new(
        date,
        EntryKind::LoanWriteOff,
        format!("ตัดหนี้สูญ สัญญา {} {}", loan.number, borrower.full_name),
    );
    entry.member_id = Some(borrower.id.clone());
    entry.push(
        Posting::debit(BAD_DEBTS, remaining)
            .for_member(&borrower.id)
            .for_loan(&loan.id),
    );
    entry.push(
        Posting::credit(LOANS, remaining)
            .for_member(&borrower.id)
            .for_loan(&loan.id),
    );
    let entry_id = journal::post(conn, &entry)?;
    let note = format!(
        "{reason} — เงินต้น {} ตัดเป็นหนี้สูญ; {}ค้าง {} และค่าปรับค้าง {} ไม่ได้รับ",
        money_text(remaining),
        loan.charge_word,
        money_text(pos.payoff_interest),
        money_text(pos.fines)
    );
    add_event(
        conn,
        &loan.id,
        LoanEventKind::WrittenOff,
        LoanStatus::WrittenOff,
        date,
        Some(&by.id),
        &meeting,
        Some(&entry_id),
        None,
        &note,
    )?;
    record_signers(conn, &loan.id, &signers, &seats)?;
    Ok(loan.id)
}

/// A write-off reversed (the committee's decision was recorded by mistake, or undone): the
/// loan is being repaid again with the principal the reversal put back, and its card says why.
/// `reversal` is the reversal entry's id, `original` the write-off it reverses.
pub(crate) fn reopen_written_off(
    conn: &Connection,
    original: &journal::Entry,
    reversal: &str,
    date: NaiveDate,
    reason: &str,
) -> Result<()> {
    let loans = original
        .postings
        .iter()
        .filter(|p| p.account == LOANS)
        .filter_map(|p| p.loan_id.as_deref());
    for loan_id in loans {
        let loan = find(conn, loan_id)?;
        if loan.status != LoanStatus::WrittenOff {
            continue;
        }
        add_event(
            conn,
            &loan.id,
            LoanEventKind::Reopened,
            LoanStatus::Active,
            date,
            None,
            "",
            Some(reversal),
            None,
            &format!("ยกเลิกการตัดหนี้สูญ: {}", reason.trim()),
        )?;
    }
    Ok(())
}

/// Applies for a new term on a loan's remaining balance.
pub(crate) fn restructure(conn: &Connection, input: &RestructureInput) -> Result<String> {
    let old = find(conn, &input.loan)?;
    require_status(&old, &[LoanStatus::Active], "ปรับโครงสร้างหนี้")?;
    let date = parse_date("date", &input.date)?;
    if let Some(paid_out) = event_date(conn, &old.id, LoanEventKind::Disbursed)? {
        not_before(date, paid_out, "จ่ายเงินกู้")?;
    }
    not_before_last_movement(conn, &old, date)?;
    let borrower = member::get_by_id(conn, &old.member_id)?;
    let product = match input.product.trim() {
        "" => product::get(conn, &old.product_id)?,
        code => product::get(conn, code)?,
    };
    let months = parse_months(&input.months)?;
    let amount = balance(conn, &old.id, Some(date))?;
    if !amount.is_positive() {
        return Err(Error::Refused(format!(
            "สัญญา {} ไม่มีเงินต้นคงเหลือให้ปรับโครงสร้าง",
            old.number
        )));
    }
    let guarantors = parse_guarantors(conn, &input.guarantors, date)?;
    let recorded_by = recorder(conn, &input.recorded_by, date)?;
    let purpose = match input.purpose.trim() {
        "" => format!("ปรับโครงสร้างหนี้สัญญา {}", old.number),
        p => p.to_string(),
    };
    new_contract(
        conn,
        &NewLoan {
            terms: Check {
                replaces: Some(&old.id),
                ..Check::new(&borrower, &product, amount, months, date, &guarantors)
            },
            purpose: &purpose,
            confirm_rate: input.confirm_rate,
            recorded_by: recorded_by.as_ref(),
            replaces: Some(&old),
        },
    )
}
