//! A loan paid out before the books came into Sajja (ยอดยกมา): its contract as the paper books
//! have it, its guarantors, and its history up to the payout as events of that date. Its money
//! is the opening entry's posting of the principal still owed (posted by the caller with the
//! other loans); `loan_opening` keeps where it stood, so the position, the next instalment and
//! the arrears continue the paper loan card (see `state::BroughtIn`).

use super::*;
use crate::thai::YearMonth;

/// A brought-in loan, checked by the caller.
pub(crate) struct BroughtInLoan<'a> {
    pub borrower: &'a member::Member,
    pub product: &'a LoanProduct,
    pub amount: Money,
    pub months: u32,
    pub disbursed: NaiveDate,
    pub guarantors: &'a [member::Member],
    pub owed: Money,
    pub interest_paid_to: Option<YearMonth>,
}

/// Writes the contract, its guarantors, its events (applied, approved and paid out on the
/// payout date — the paper books hold the decisions) and its opening position. Returns the
/// loan's id and contract number. The events are dated before the cut-over lock on purpose:
/// they are the record of what the paper books hold, not new money events.
pub(crate) fn bring_in(conn: &Connection, n: &BroughtInLoan<'_>) -> Result<(String, String)> {
    let rate = n.product.monthly_rate();
    let method = n.product.method();
    schedule::contract(n.amount, n.months, rate, method)?;
    let rules = settings::at(conn, n.disbursed)?;
    let charge_word = n
        .product
        .charge_word
        .clone()
        .unwrap_or(rules.loan_charge_word.clone());
    let id = uuid::Uuid::now_v7().to_string();
    let number = store::next_contract_number(conn, n.disbursed)?;
    let now = clock::now_utc();
    conn.execute(
        "INSERT INTO loan (id, number, member_id, product_id, applied_on, amount, months, monthly_rate,
             method, charge_word, purpose, recorded_by, restructures, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'ยอดยกมาจากสมุดเดิม', NULL, NULL, 'applied', ?11)",
        params![
            id,
            number,
            n.borrower.id,
            n.product.id,
            n.disbursed,
            n.amount,
            n.months,
            rate.to_string(),
            method.as_str(),
            charge_word,
            now
        ],
    )?;
    let mut stmt =
        conn.prepare_cached("INSERT INTO loan_guarantor (loan_id, member_id) VALUES (?1, ?2)")?;
    for g in n.guarantors {
        stmt.execute(params![id, g.id])?;
    }
    let mut event = conn.prepare_cached(
        "INSERT INTO loan_event (loan_id, kind, status, date, due_day, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'ยอดยกมา: ตามสมุดเดิม', ?6)",
    )?;
    let mut status = conn.prepare_cached("UPDATE loan SET status = ?2 WHERE id = ?1")?;
    for (kind, s, due_day) in [
        (LoanEventKind::Applied, LoanStatus::Applied, None),
        (LoanEventKind::Approved, LoanStatus::Approved, None),
        (
            LoanEventKind::Disbursed,
            LoanStatus::Active,
            Some(rules.collection_day),
        ),
    ] {
        event.execute(params![id, kind, s, n.disbursed, due_day, now])?;
        if kind != LoanEventKind::Applied {
            status.execute(params![id, s])?;
        }
    }
    conn.execute(
        "INSERT INTO loan_opening (loan_id, owed, interest_paid_to) VALUES (?1, ?2, ?3)",
        params![id, n.owed, n.interest_paid_to.map(|m| m.to_string())],
    )?;
    Ok((id, number))
}
