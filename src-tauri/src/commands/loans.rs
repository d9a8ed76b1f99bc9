//! Loans: products, apply → approve → pay out, repayments on the loan card, the card itself,
//! schedules, the arrears list, a member's loans and guarantees, restructure and write-off.
//! Dates and amounts arrive as typed; the core parses them and answers in Thai.

use sajja_core::loan::{
    ArrearsList, LoanApplication, LoanCard, LoanDecision, LoanDisbursement, LoanFilter,
    LoanProduct, LoanProductInput, LoanRepaymentInput, LoanRow, MemberLoans, RepaymentSplit,
    RestructureInput, ScheduleView,
};
use serde::Serialize;
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

#[tauri::command(async)]
pub fn loan_products(state: State<'_, BooksState>) -> Result<Vec<LoanProduct>> {
    with_books(&state, |b| b.loan_products())
}

#[tauri::command(async)]
pub fn add_loan_product(
    state: State<'_, BooksState>,
    input: LoanProductInput,
) -> Result<LoanProduct> {
    with_books(&state, |b| b.add_loan_product(&input))
}

/// The schedule and annual rates a loan would have, shown on the apply form as it is typed.
#[tauri::command(async)]
pub fn loan_preview(
    state: State<'_, BooksState>,
    product: String,
    amount: String,
    months: String,
    date: String,
) -> Result<ScheduleView> {
    with_books(&state, |b| {
        b.loan_preview(&product, &amount, &months, &date)
    })
}

#[tauri::command(async)]
pub fn apply_loan(state: State<'_, BooksState>, input: LoanApplication) -> Result<LoanCard> {
    with_books(&state, |b| b.apply_loan(&input))
}

#[tauri::command(async)]
pub fn approve_loan(state: State<'_, BooksState>, decision: LoanDecision) -> Result<LoanCard> {
    with_books(&state, |b| b.approve_loan(&decision))
}

#[tauri::command(async)]
pub fn reject_loan(state: State<'_, BooksState>, decision: LoanDecision) -> Result<LoanCard> {
    with_books(&state, |b| b.reject_loan(&decision))
}

#[tauri::command(async)]
pub fn disburse_loan(state: State<'_, BooksState>, input: LoanDisbursement) -> Result<LoanCard> {
    with_books(&state, |b| b.disburse_loan(&input))
}

#[derive(Serialize)]
pub struct Repaid {
    entry: String,
    loan_payment: RepaymentSplit,
}

/// A repayment taken on the loan card (the collection row is the usual way).
#[tauri::command(async)]
pub fn repay_loan(state: State<'_, BooksState>, input: LoanRepaymentInput) -> Result<Repaid> {
    with_books(&state, |b| b.repay_loan(&input)).map(|(entry, loan_payment)| Repaid {
        entry,
        loan_payment,
    })
}

#[tauri::command(async)]
pub fn restructure_loan(state: State<'_, BooksState>, input: RestructureInput) -> Result<LoanCard> {
    with_books(&state, |b| b.restructure_loan(&input))
}

#[tauri::command(async)]
pub fn write_off_loan(state: State<'_, BooksState>, decision: LoanDecision) -> Result<LoanCard> {
    with_books(&state, |b| b.write_off_loan(&decision))
}

/// The loan card by contract number or id, as on `date` (empty = today).
#[tauri::command(async)]
pub fn loan(state: State<'_, BooksState>, loan: String, date: Option<String>) -> Result<LoanCard> {
    with_books(&state, |b| b.loan(&loan, date.as_deref().unwrap_or("")))
}

#[tauri::command(async)]
pub fn loan_schedule(state: State<'_, BooksState>, loan: String) -> Result<ScheduleView> {
    with_books(&state, |b| b.loan_schedule(&loan))
}

#[tauri::command(async)]
pub fn loans(state: State<'_, BooksState>, filter: LoanFilter) -> Result<Vec<LoanRow>> {
    with_books(&state, |b| b.loans(&filter))
}

#[tauri::command(async)]
pub fn loan_arrears(state: State<'_, BooksState>, date: Option<String>) -> Result<ArrearsList> {
    with_books(&state, |b| b.loan_arrears(date.as_deref().unwrap_or("")))
}

/// A member's loans, what they owe now and the loans they guarantee.
#[tauri::command(async)]
pub fn member_loans(
    state: State<'_, BooksState>,
    number: u32,
    date: Option<String>,
) -> Result<MemberLoans> {
    with_books(&state, |b| {
        b.member_loans(number, date.as_deref().unwrap_or(""))
    })
}
