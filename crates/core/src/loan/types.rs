//! What the loan use cases take in (forms as typed) and give back (views for the screens and
//! the CLI's JSON).

use super::*;

/// A loan application as typed (form or command line).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LoanApplication {
    /// The borrower's member number.
    pub member: String,
    /// The product code.
    pub product: String,
    pub amount: String,
    pub months: String,
    /// Date of the application (empty = today).
    pub date: String,
    /// Member numbers of the guarantors.
    pub guarantors: Vec<String>,
    pub purpose: String,
    /// The committee confirms a rate above 15 % a year (recorded with the warning shown).
    pub confirm_rate: bool,
    /// Member number of whoever typed the application (may not approve it).
    pub recorded_by: String,
}

/// A committee decision on a loan: approval, rejection or write-off.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LoanDecision {
    pub loan: String,
    /// Member number of the committee member who decided.
    pub by: String,
    pub date: String,
    /// The committee meeting, e.g. "ประชุมคณะกรรมการครั้งที่ 3/2568".
    pub meeting: String,
    /// Required for rejections and write-offs.
    pub reason: String,
}

/// Paying out an approved loan.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LoanDisbursement {
    pub loan: String,
    pub date: String,
    /// "cash" (default) or "bank".
    pub from: String,
}

/// A repayment outside the collection row (on the loan card).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LoanRepaymentInput {
    pub loan: String,
    pub date: String,
    pub amount: String,
    /// "cash" (default) or "bank".
    pub to: String,
}

/// A new term for the remaining balance of a loan: a new application, approved and paid out
/// like any other, whose payout moves the old balance instead of cash.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RestructureInput {
    pub loan: String,
    pub date: String,
    pub months: String,
    /// Product of the new loan (empty = the same product).
    pub product: String,
    pub guarantors: Vec<String>,
    pub purpose: String,
    pub confirm_rate: bool,
    pub recorded_by: String,
}

/// A member named on a loan.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct MemberRef {
    pub member: u32,
    pub member_id: String,
    pub name: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct GuarantorRef {
    pub member: u32,
    pub member_id: String,
    pub name: String,
    /// The guarantor is behind on a loan of their own.
    pub in_arrears: bool,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct RateConfirmation {
    pub nominal_annual: String,
    pub effective_annual: String,
    pub warning: String,
    pub confirmed_at: String,
}

/// A loan's terms, people and status (the head of the loan card, and the answer to apply).
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoanSummary {
    /// The contract number, e.g. "2568/007".
    pub loan: String,
    pub id: String,
    pub member: u32,
    pub member_id: String,
    pub name: String,
    pub product: String,
    pub product_name: String,
    pub kind: String,
    pub amount: Money,
    pub months: u32,
    /// Percent a month.
    pub rate: String,
    pub method: String,
    pub method_label: String,
    pub charge_word: String,
    pub purpose: String,
    pub status: LoanStatus,
    pub status_label: String,
    pub applied_on: NaiveDate,
    pub recorded_by: Option<MemberRef>,
    pub approved_on: Option<NaiveDate>,
    pub approved_by: Option<MemberRef>,
    pub meeting: Option<String>,
    pub disbursed_on: Option<NaiveDate>,
    pub due_day: Option<u32>,
    pub first_due: Option<NaiveDate>,
    pub last_due: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    /// The loan whose balance this one took over, and the one that took over this one.
    pub restructures: Option<String>,
    pub restructured_into: Option<String>,
    pub guarantors: Vec<GuarantorRef>,
    /// Percent a year: 12 × the monthly IRR (compared with the 15 % cap) and (1 + IRR)^12 − 1.
    pub nominal_annual_rate: String,
    pub effective_annual_rate: String,
    pub above_legal_cap: bool,
    pub rate_confirmation: Option<RateConfirmation>,
    /// Principal still owed.
    pub balance: Money,
}

/// One instalment of the schedule, with how it stands.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Installment {
    pub no: u32,
    pub due: NaiveDate,
    pub principal: Money,
    pub interest: Money,
    pub total: Money,
    /// Scheduled principal balance after this instalment.
    pub balance: Money,
    /// On the loan card: "paid", "due", "overdue", "upcoming" (absent from `loan schedule`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<&'static str>,
}

/// `sajja loan schedule`: the contract schedule and its rates.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ScheduleView {
    pub loan: String,
    pub id: String,
    pub amount: Money,
    pub months: u32,
    pub rate: String,
    pub method: String,
    pub method_label: String,
    pub charge_word: String,
    /// The payout date the due dates count from; the application date until paid out.
    pub from: NaiveDate,
    pub provisional_dates: bool,
    /// The first, broken period: "full-month" or "by-days" (setting `loan_first_period`).
    pub first_period: String,
    /// Days from `from` to the first due date.
    pub first_period_days: i64,
    pub first_period_label: String,
    /// "monthly" or "daily" (setting `loan_interest_basis`).
    pub interest_basis: String,
    pub installments: Vec<Installment>,
    pub total_interest: Money,
    pub total_payments: Money,
    pub nominal_annual_rate: String,
    pub effective_annual_rate: String,
    pub monthly_irr: String,
    pub above_legal_cap: bool,
    /// One short line for the form; `legal_why` is the law behind it, shown on asking.
    pub legal_warning: Option<String>,
    pub legal_why: Option<String>,
}

/// A payment (or payout, restructure, write-off) on the loan card.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoanMovement {
    pub date: NaiveDate,
    pub entry: String,
    pub receipt: Option<String>,
    pub kind: String,
    pub memo: String,
    /// Principal lent (payout) or repaid (positive both ways; see `kind`).
    pub principal: Money,
    pub interest: Money,
    pub fines: Money,
    pub total: Money,
    pub balance_after: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct LoanEvent {
    pub date: NaiveDate,
    pub kind: LoanEventKind,
    pub label: String,
    pub by: Option<MemberRef>,
    pub meeting: String,
    pub entry: Option<String>,
    pub note: String,
}

/// The loan card (ทะเบียนคุมลูกหนี้): terms, schedule, every payment, the balance.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoanCard {
    #[serde(flatten)]
    pub summary: LoanSummary,
    pub schedule: Vec<Installment>,
    pub movements: Vec<LoanMovement>,
    pub events: Vec<LoanEvent>,
    /// Where the loan stands on `as_of` (while it is being repaid).
    pub position: Option<Position>,
    pub as_of: NaiveDate,
    /// The borrower has left the group and this loan is still owed (by them, or the estate).
    pub exit_debt: Option<super::ExitDebt>,
    /// How the schedule's first period (and, on the daily basis, every month) is charged.
    pub first_period_label: String,
}

/// One line of a list of loans.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoanRow {
    pub loan: String,
    pub id: String,
    pub member: u32,
    pub name: String,
    pub product: String,
    pub amount: Money,
    pub months: u32,
    pub status: LoanStatus,
    pub status_label: String,
    pub applied_on: NaiveDate,
    pub balance: Money,
}

/// A loan a member guarantees.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Guarantee {
    pub loan: String,
    pub id: String,
    pub borrower: u32,
    pub name: String,
    pub status: LoanStatus,
    pub status_label: String,
    pub amount: Money,
    pub balance: Money,
    pub in_arrears: bool,
    pub overdue: Money,
}

/// A member's loans and guarantees (the member screen, `sajja loan member`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberLoans {
    pub member: u32,
    pub member_id: String,
    pub name: String,
    pub date: NaiveDate,
    pub loans: Vec<LoanRow>,
    pub due: LoanDue,
    pub in_arrears: bool,
    pub guarantees: Vec<Guarantee>,
    /// Outstanding total the member guarantees (balances, or amounts not yet paid out).
    pub guaranteed_total: Money,
    pub savings: Money,
}

/// Filters for a list of loans.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LoanFilter {
    /// Member number (empty = everyone).
    pub member: String,
    /// A status, or "open" (applied, approved or being repaid), or empty = all.
    pub status: String,
}
