//! Loans (เงินกู้): products, application → approval → payout, repayment in the collection row,
//! arrears, restructure and write-off.
//!
//! Tables hold the terms and the history of a loan (migrations/0002_loans.sql); its money lives
//! only in journal postings that carry its id: the payout debits 1200 ลูกหนี้เงินกู้, repayments
//! credit it, interest goes to 4100, loan fines to 4200, a write-off to 5800. A loan's balance is
//! the sum of its 1200 postings, and the books close it (a trigger) when that sum reaches zero.
//!
//! - [`schedule`]: the four interest methods and the annual rates (pure arithmetic).
//! - [`state`]: where a loan stands on a date, from its terms and postings.
//! - [`product`]: loan products.
//! - [`arrears`]: the bulk views (due list, arrears list) and the collection seam
//!   ([`due_for_member`], [`dues`], [`repayment`]).
//!
//! Loans are known to people by their contract number per accounting year, "2568/007"; every
//! function that takes a loan also accepts its UUID.

pub mod arrears;
pub mod product;
pub mod schedule;
pub mod state;
#[doc(hidden)]
pub mod synthetic;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

pub use arrears::{
    due_for_member, dues, repayment, ArrearsList, ArrearsRow, LoanDue, LoanPaymentLine,
    RepaymentSplit,
};
pub use product::{LoanProduct, LoanProductInput};
pub use schedule::{Method, MonthlyRate};
pub use state::Position;

use crate::account::{self, BAD_DEBTS, BANK, CASH, LOANS};
use crate::clock;
use crate::error::{Error, Result};
use crate::group::parse_optional_date;
use crate::journal::{self, EntryKind, NewEntry, Posting};
use crate::member;
use crate::money::Money;
use crate::period;
use crate::settings;
use crate::thai::{self, Digits};
use state::{Flow, LateRules, Ledger, Terms};

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
    pub status: String,
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
    pub installments: Vec<Installment>,
    pub total_interest: Money,
    pub total_payments: Money,
    pub nominal_annual_rate: String,
    pub effective_annual_rate: String,
    pub monthly_irr: String,
    pub above_legal_cap: bool,
    pub legal_warning: Option<String>,
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
    pub kind: String,
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
    pub status: String,
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
    pub status: String,
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

/// The Thai label of a status.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "applied" => "ยื่นคำขอกู้ รออนุมัติ",
        "approved" => "อนุมัติแล้ว รอจ่ายเงิน",
        "rejected" => "ไม่อนุมัติ",
        "active" => "กำลังผ่อนชำระ",
        "closed" => "ชำระครบแล้ว",
        "restructured" => "ปรับโครงสร้างหนี้แล้ว",
        "written_off" => "ตัดเป็นหนี้สูญ",
        _ => "",
    }
}

fn event_label(kind: &str) -> &'static str {
    match kind {
        "applied" => "ยื่นคำขอกู้",
        "approved" => "อนุมัติ",
        "rejected" => "ไม่อนุมัติ",
        "disbursed" => "จ่ายเงินกู้",
        "paid_off" => "ชำระครบ ปิดสัญญา",
        "reopened" => "เปิดสัญญาอีกครั้ง (ยกเลิกรายการรับชำระ)",
        "restructured" => "ปรับโครงสร้างหนี้",
        "written_off" => "ตัดเป็นหนี้สูญ",
        _ => "",
    }
}

/// The next contract number of the accounting year of `date`: "2568/007".
fn next_contract_number(conn: &Connection, date: NaiveDate) -> Result<String> {
    let year = period::accounting_year_label(date, settings::at(conn, date)?.year_start_month);
    period::next_number(conn, "loan", year, 3)
}

/// A contract number as typed ("2568/7", "๒๕๖๘/๐๐๗") in its stored form, or the text as is.
fn normalize_key(text: &str) -> String {
    let t = thai::to_arabic_digits(text.trim());
    if let Some((y, n)) = t.split_once('/') {
        if let (Ok(y), Ok(n)) = (y.trim().parse::<i32>(), n.trim().parse::<u32>()) {
            return format!("{y}/{n:03}");
        }
    }
    t
}

/// A loan row as stored.
#[derive(Clone, Debug)]
pub(crate) struct Stored {
    pub id: String,
    pub number: String,
    pub member_id: String,
    pub product_id: String,
    pub applied_on: NaiveDate,
    pub amount: Money,
    pub months: u32,
    pub rate: MonthlyRate,
    pub method: Method,
    pub charge_word: String,
    pub purpose: String,
    pub recorded_by: Option<String>,
    pub restructures: Option<String>,
    pub status: String,
}

const STORED: &str =
    "SELECT id, number, member_id, product_id, applied_on, amount, months, monthly_rate,
        method, charge_word, purpose, recorded_by, restructures, status FROM loan";

fn stored_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    let rate: String = r.get(7)?;
    let method: String = r.get(8)?;
    Ok(Stored {
        id: r.get(0)?,
        number: r.get(1)?,
        member_id: r.get(2)?,
        product_id: r.get(3)?,
        applied_on: r.get(4)?,
        amount: r.get(5)?,
        months: r.get(6)?,
        rate: MonthlyRate::parse(&rate).unwrap_or(MonthlyRate::from_percent(Default::default())),
        method: Method::parse(&method).unwrap_or(Method::DecliningEqualPrincipal),
        charge_word: r.get(9)?,
        purpose: r.get(10)?,
        recorded_by: r.get(11)?,
        restructures: r.get(12)?,
        status: r.get(13)?,
    })
}

/// The loan with this contract number or id.
pub(crate) fn find(conn: &Connection, key: &str) -> Result<Stored> {
    let key = normalize_key(key);
    if key.is_empty() {
        return Err(Error::invalid("loan", "กรุณาใส่เลขที่สัญญาเงินกู้ เช่น 2568/001"));
    }
    conn.query_row(
        &format!("{STORED} WHERE number = ?1 OR id = ?1"),
        [&key],
        stored_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "สัญญาเงินกู้เลขที่",
        id: key,
    })
}

/// The disbursement of a loan: (date, due day, entry).
fn disbursement(conn: &Connection, loan_id: &str) -> Result<Option<(NaiveDate, u32)>> {
    Ok(conn
        .query_row(
            "SELECT date, due_day FROM loan_event WHERE loan_id = ?1 AND kind = 'disbursed'
             ORDER BY id LIMIT 1",
            [loan_id],
            |r| Ok((r.get(0)?, r.get::<_, Option<u32>>(1)?.unwrap_or(5))),
        )
        .optional()?)
}

/// All money that moved on a loan (postings on 1200, 4100, 4200), merged by date.
pub(crate) fn flows(
    conn: &Connection,
    loan_id: &str,
    through: Option<NaiveDate>,
) -> Result<Vec<Flow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, account, amount FROM posting
         WHERE loan_id = ?1 AND date <= ?2 AND account IN ('1200', '4100', '4200')
         ORDER BY date",
    )?;
    let through = through.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
    let mut rows = stmt.query(params![loan_id, through])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let date: NaiveDate = r.get(0)?;
        let account: String = r.get(1)?;
        Flow::add(&mut out, date, &account, r.get(2)?);
    }
    Ok(out)
}

/// Principal balance of a loan (sum of its 1200 postings), as at `date` (None = now).
pub fn balance(conn: &Connection, loan_id: &str, date: Option<NaiveDate>) -> Result<Money> {
    let through = date.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
    let satang: i64 = conn.query_row(
        "SELECT coalesce(sum(amount), 0) FROM posting WHERE loan_id = ?1 AND account = '1200' AND date <= ?2",
        params![loan_id, through],
        |r| r.get(0),
    )?;
    Ok(Money::from_satang(satang))
}

fn terms_of(conn: &Connection, loan: &Stored) -> Result<Option<Terms>> {
    Ok(
        disbursement(conn, &loan.id)?.map(|(disbursed, due_day)| Terms {
            amount: loan.amount,
            months: loan.months,
            rate: loan.rate,
            method: loan.method,
            disbursed,
            due_day,
        }),
    )
}

/// Where a paid-out loan stands on `date`.
pub(crate) fn position_of(
    conn: &Connection,
    loan: &Stored,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<Option<Position>> {
    let Some(terms) = terms_of(conn, loan)? else {
        return Ok(None);
    };
    let flows = flows(conn, &loan.id, Some(date))?;
    Ok(Some(Ledger::new(&terms, &flows)?.position(rules, date)))
}

fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    Ok(parse_optional_date(field, text)?.unwrap_or_else(clock::today))
}

fn parse_member_number(field: &'static str, label: &str, text: &str) -> Result<u32> {
    let t = thai::to_arabic_digits(text.trim());
    if t.is_empty() {
        return Err(Error::invalid(field, format!("กรุณาใส่เลขที่สมาชิกของ{label}")));
    }
    t.parse::<u32>().map_err(|_| {
        Error::invalid(
            field,
            format!("เลขที่สมาชิกของ{label} \"{}\" ต้องเป็นตัวเลข เช่น 12", text.trim()),
        )
    })
}

fn member_ref(conn: &Connection, id: &str) -> Result<MemberRef> {
    let m = member::get_by_id(conn, id)?;
    Ok(MemberRef {
        member: m.number,
        member_id: m.id,
        name: m.full_name,
    })
}

/// A member who is a member on `date` (joined, not yet left), by number.
fn current_member(
    conn: &Connection,
    field: &'static str,
    label: &str,
    text: &str,
    date: NaiveDate,
) -> Result<member::Member> {
    let number = parse_member_number(field, label, text)?;
    let m = member::get(conn, number).map_err(|e| match e {
        Error::MemberNotFound(n) => Error::invalid(
            field,
            format!("ไม่พบสมาชิกเลขที่ {n} ({label}) — ตรวจสอบเลขที่สมาชิกอีกครั้ง"),
        ),
        other => other,
    })?;
    if m.joined > date {
        return Err(Error::invalid(
            field,
            format!(
                "{label} {} (เลขที่ {}) ยังไม่เป็นสมาชิกในวันที่ {} (เข้าเป็นสมาชิก {})",
                m.full_name,
                m.number,
                thai::format_date(date, Digits::Arabic),
                thai::format_date(m.joined, Digits::Arabic)
            ),
        ));
    }
    if m.status != "active" && m.left_on.is_none_or(|left| left <= date) {
        return Err(Error::invalid(
            field,
            format!("{label} {} (เลขที่ {}) พ้นสภาพสมาชิกแล้ว", m.full_name, m.number),
        ));
    }
    Ok(m)
}

/// A member's accumulated pledged savings (เงินสัจจะสะสม) as at `date`.
pub fn savings(conn: &Connection, member_id: &str, date: NaiveDate) -> Result<Money> {
    let satang: i64 = conn.query_row(
        "SELECT coalesce(-sum(amount), 0) FROM posting WHERE member_id = ?1 AND account = ?2 AND date <= ?3",
        params![member_id, account::SAJJA, date],
        |r| r.get(0),
    )?;
    Ok(Money::from_satang(satang))
}

/// Positions of a member's loans being repaid on `date`.
fn member_positions(
    conn: &Connection,
    member_id: &str,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<Vec<(Stored, Position)>> {
    let mut out = Vec::new();
    for loan in arrears::active_loans_of(conn, member_id, date)? {
        if let Some(p) = position_of(conn, &loan, rules, date)? {
            out.push((loan, p));
        }
    }
    Ok(out)
}

fn member_in_arrears(
    conn: &Connection,
    member_id: &str,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<bool> {
    Ok(member_positions(conn, member_id, rules, date)?
        .iter()
        .any(|(_, p)| p.in_arrears()))
}

/// What a member guarantees on `date`: (total, loans), counting balances of loans being repaid
/// and amounts of loans applied for or approved, except `except`.
fn guaranteed(
    conn: &Connection,
    member_id: &str,
    date: NaiveDate,
    except: Option<&str>,
) -> Result<(Money, u32)> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.status, l.amount FROM loan_guarantor g JOIN loan l ON l.id = g.loan_id
         WHERE g.member_id = ?1 AND l.status IN ('applied', 'approved', 'active')",
    )?;
    let rows: Vec<(String, String, Money)> = stmt
        .query_map([member_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut total = Money::ZERO;
    let mut count = 0;
    for (id, status, amount) in rows {
        if Some(id.as_str()) == except {
            continue;
        }
        total += if status == "active" {
            balance(conn, &id, Some(date))?
        } else {
            amount
        };
        count += 1;
    }
    Ok((total, count))
}

/// What a new loan needs checked (at application and again at approval).
struct Check<'a> {
    borrower: &'a member::Member,
    product: &'a LoanProduct,
    amount: Money,
    months: u32,
    date: NaiveDate,
    guarantors: &'a [member::Member],
    /// The loan itself (at approval), left out of counts.
    this: Option<&'a str>,
    /// The loan being restructured: its borrower may be behind, and it is replaced.
    replaces: Option<&'a str>,
}

fn money_text(m: Money) -> String {
    format!("{} บาท", m.grouped())
}

fn check_limits(conn: &Connection, c: &Check<'_>) -> Result<()> {
    let p = c.product;
    if c.months > p.max_months {
        return Err(Error::invalid(
            "months",
            format!(
                "{} ผ่อนได้ไม่เกิน {} งวด (เดือน) — ขอ {} งวด",
                p.name, p.max_months, c.months
            ),
        ));
    }
    if c.replaces.is_none() {
        if let Some(max) = p.max_amount {
            if c.amount > max {
                return Err(Error::invalid(
                    "amount",
                    format!(
                        "ยอดกู้ {} เกินวงเงินสูงสุดของ{} ({})",
                        money_text(c.amount),
                        p.name,
                        money_text(max)
                    ),
                ));
            }
        }
        if let Some(times) = &p.max_times_savings {
            let times: rust_decimal::Decimal = times.parse().unwrap_or_default();
            let saved = savings(conn, &c.borrower.id, c.date)?;
            let limit = Money::from_decimal_rounded(saved.as_decimal() * times);
            if c.amount > limit {
                return Err(Error::invalid(
                    "amount",
                    format!(
                        "ยอดกู้ {} เกิน {} เท่าของเงินสัจจะสะสม — {} มีเงินสัจจะสะสม {} จึงกู้{}ได้ไม่เกิน {}",
                        money_text(c.amount),
                        times.normalize(),
                        c.borrower.full_name,
                        money_text(saved),
                        p.name,
                        money_text(limit)
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn check_borrower(conn: &Connection, c: &Check<'_>, rules: &LateRules) -> Result<()> {
    if c.replaces.is_none() {
        for (loan, pos) in member_positions(conn, &c.borrower.id, rules, c.date)? {
            if pos.in_arrears() {
                return Err(Error::invalid(
                    "member",
                    format!(
                        "{} ค้างชำระเงินกู้สัญญา {} อยู่ {} — ต้องชำระให้เป็นปัจจุบันก่อนจึงกู้ใหม่ได้",
                        c.borrower.full_name,
                        loan.number,
                        money_text(pos.overdue + pos.fines)
                    ),
                ));
            }
        }
    }
    if !c.product.multiple_allowed {
        let other: Option<String> = conn
            .query_row(
                "SELECT l.number FROM loan l JOIN loan_product p ON p.id = l.product_id
                 WHERE l.member_id = ?1 AND p.kind = ?2 AND l.status IN ('applied', 'approved', 'active')
                   AND l.id IS NOT ?3 AND l.id IS NOT ?4
                 ORDER BY l.applied_on LIMIT 1",
                params![c.borrower.id, c.product.kind, c.this, c.replaces],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(number) = other {
            return Err(Error::invalid(
                "product",
                format!(
                    "{} มีเงินกู้ประเภท{}อยู่แล้ว (สัญญา {}) — ระเบียบให้กู้ประเภทนี้ได้ครั้งละหนึ่งสัญญา",
                    c.borrower.full_name, c.product.kind, number
                ),
            ));
        }
    }
    Ok(())
}

fn check_guarantors(conn: &Connection, c: &Check<'_>, rules: &LateRules) -> Result<()> {
    let p = c.product;
    if let Some(above) = p.guarantors_above {
        if c.amount > above && (c.guarantors.len() as u32) < p.guarantors_required {
            return Err(Error::invalid(
                "guarantors",
                format!(
                    "{}ที่กู้เกิน {} ต้องมีผู้ค้ำประกันอย่างน้อย {} คน — ใส่เลขที่สมาชิกของผู้ค้ำ",
                    p.name,
                    money_text(above),
                    p.guarantors_required
                ),
            ));
        }
    }
    let rule = settings::at(conn, c.date)?;
    for (i, g) in c.guarantors.iter().enumerate() {
        if g.id == c.borrower.id {
            return Err(Error::invalid(
                "guarantors",
                "ผู้กู้ค้ำประกันเงินกู้ของตัวเองไม่ได้ — เลือกสมาชิกคนอื่นเป็นผู้ค้ำ",
            ));
        }
        if c.guarantors[..i].iter().any(|o| o.id == g.id) {
            return Err(Error::invalid(
                "guarantors",
                format!("ใส่ผู้ค้ำ {} ซ้ำ", g.full_name),
            ));
        }
        if member_in_arrears(conn, &g.id, rules, c.date)? {
            return Err(Error::invalid(
                "guarantors",
                format!(
                    "ผู้ค้ำ {} (เลขที่ {}) ค้างชำระเงินกู้ของตัวเองอยู่ — ค้ำประกันไม่ได้จนกว่าจะชำระให้เป็นปัจจุบัน",
                    g.full_name, g.number
                ),
            ));
        }
        let (total, count) = guaranteed(conn, &g.id, c.date, c.this.or(c.replaces))?;
        if count + 1 > rule.guarantee_max_loans {
            return Err(Error::invalid(
                "guarantors",
                format!(
                    "ผู้ค้ำ {} (เลขที่ {}) ค้ำประกันอยู่แล้ว {count} สัญญา — ระเบียบให้ค้ำได้ไม่เกิน {} สัญญา",
                    g.full_name, g.number, rule.guarantee_max_loans
                ),
            ));
        }
        if rule.guarantee_limit.is_positive() && total + c.amount > rule.guarantee_limit {
            return Err(Error::invalid(
                "guarantors",
                format!(
                    "ผู้ค้ำ {} (เลขที่ {}) ค้ำประกันอยู่แล้ว {} รวมกับสัญญานี้เป็น {} เกินวงเงินค้ำประกันของกลุ่ม ({})",
                    g.full_name,
                    g.number,
                    money_text(total),
                    money_text(total + c.amount),
                    money_text(rule.guarantee_limit)
                ),
            ));
        }
    }
    Ok(())
}

fn parse_months(text: &str) -> Result<u32> {
    let t = thai::to_arabic_digits(text.trim());
    let n: u32 = t.parse().map_err(|_| {
        Error::invalid(
            "months",
            format!("จำนวนงวด \"{}\" ต้องเป็นจำนวนเต็ม เช่น 12", text.trim()),
        )
    })?;
    if n == 0 || n > schedule::MAX_MONTHS {
        return Err(Error::invalid(
            "months",
            format!("จำนวนงวดต้องอยู่ระหว่าง 1 ถึง {}", schedule::MAX_MONTHS),
        ));
    }
    Ok(n)
}

fn parse_guarantors(
    conn: &Connection,
    list: &[String],
    date: NaiveDate,
) -> Result<Vec<member::Member>> {
    list.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| current_member(conn, "guarantors", "ผู้ค้ำประกัน", s, date))
        .collect()
}

fn positive_amount(text: &str, field: &'static str) -> Result<Money> {
    let m = Money::parse(text).map_err(|e| Error::from(e).in_field(field))?;
    if !m.is_positive() {
        return Err(Error::invalid(field, "จำนวนเงินต้องมากกว่าศูนย์"));
    }
    Ok(m)
}

/// Everything a new loan row needs.
struct NewLoan<'a> {
    borrower: &'a member::Member,
    product: &'a LoanProduct,
    amount: Money,
    months: u32,
    date: NaiveDate,
    guarantors: &'a [member::Member],
    purpose: &'a str,
    confirm_rate: bool,
    recorded_by: Option<&'a member::Member>,
    replaces: Option<&'a Stored>,
}

fn insert_loan(conn: &Connection, n: &NewLoan<'_>) -> Result<String> {
    let rate = n.product.monthly_rate();
    let method = n.product.method();
    let lines = schedule::contract(n.amount, n.months, rate, method)?;
    let rates = schedule::rates(n.amount, &lines);
    let warning = rates.warning();
    if let (Some(w), false) = (&warning, n.confirm_rate) {
        return Err(Error::invalid(
            "confirm_rate",
            format!(
                "{w} — ถ้าคณะกรรมการยืนยันจะใช้อัตรานี้ ให้ทำเครื่องหมายยืนยันอัตราดอกเบี้ย (คำสั่ง sajja: --confirm-rate) การยืนยันจะถูกบันทึกไว้กับสัญญา"
            ),
        ));
    }
    let charge_word = match &n.product.charge_word {
        Some(w) => w.clone(),
        None => settings::at(conn, n.date)?.loan_charge_word,
    };
    let id = uuid::Uuid::now_v7().to_string();
    let number = next_contract_number(conn, n.date)?;
    let now = clock::now_utc();
    conn.execute(
        "INSERT INTO loan (id, number, member_id, product_id, applied_on, amount, months, monthly_rate,
             method, charge_word, purpose, recorded_by, restructures, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'applied', ?14)",
        params![
            id,
            number,
            n.borrower.id,
            n.product.id,
            n.date,
            n.amount,
            n.months,
            rate.to_string(),
            method.as_str(),
            charge_word,
            n.purpose.trim(),
            n.recorded_by.map(|m| m.id.clone()),
            n.replaces.map(|l| l.id.clone()),
            now
        ],
    )
    .map_err(|e| {
        if e.to_string().contains("loan.restructures") {
            Error::invalid(
                "loan",
                "สัญญานี้มีคำขอปรับโครงสร้างหนี้ค้างอยู่แล้ว — อนุมัติหรือไม่อนุมัติคำขอเดิมก่อน",
            )
        } else {
            Error::Db(e)
        }
    })?;
    let mut stmt =
        conn.prepare_cached("INSERT INTO loan_guarantor (loan_id, member_id) VALUES (?1, ?2)")?;
    for g in n.guarantors {
        stmt.execute(params![id, g.id])?;
    }
    if let Some(w) = warning {
        conn.execute(
            "INSERT INTO loan_rate_confirmation (loan_id, nominal_annual, effective_annual, warning, confirmed_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                schedule::pct(rates.nominal_annual),
                schedule::pct(rates.effective_annual),
                w,
                now
            ],
        )?;
    }
    let note = match n.replaces {
        Some(old) => format!("ปรับโครงสร้างหนี้สัญญา {}", old.number),
        None => String::new(),
    };
    add_event(
        conn, &id, "applied", "applied", n.date, None, "", None, None, &note,
    )?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
fn add_event(
    conn: &Connection,
    loan_id: &str,
    kind: &str,
    status: &str,
    date: NaiveDate,
    by: Option<&str>,
    meeting: &str,
    entry: Option<&str>,
    due_day: Option<u32>,
    note: &str,
) -> Result<()> {
    journal::ensure_writable(conn, date)?;
    conn.execute(
        "INSERT INTO loan_event (loan_id, kind, status, date, by_member, meeting, entry_id, due_day, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            loan_id,
            kind,
            status,
            date,
            by,
            meeting.trim(),
            entry,
            due_day,
            note,
            clock::now_utc()
        ],
    )?;
    conn.execute(
        "UPDATE loan SET status = ?2 WHERE id = ?1 AND status <> ?2",
        params![loan_id, status],
    )?;
    Ok(())
}

/// Records an application, after checking the limits, the borrower and each guarantor.
pub(crate) fn apply(conn: &Connection, input: &LoanApplication) -> Result<String> {
    let date = parse_date("date", &input.date)?;
    let borrower = current_member(conn, "member", "ผู้กู้", &input.member, date)?;
    let product = product::get(conn, &input.product)?;
    let amount = positive_amount(&input.amount, "amount")?;
    let months = parse_months(&input.months)?;
    let guarantors = parse_guarantors(conn, &input.guarantors, date)?;
    let recorded_by = match input.recorded_by.trim() {
        "" => None,
        t => Some(current_member(conn, "recorded_by", "ผู้บันทึกคำขอ", t, date)?),
    };
    let rules = LateRules::load(conn)?;
    let check = Check {
        borrower: &borrower,
        product: &product,
        amount,
        months,
        date,
        guarantors: &guarantors,
        this: None,
        replaces: None,
    };
    check_limits(conn, &check)?;
    schedule::contract(amount, months, product.monthly_rate(), product.method())?;
    check_borrower(conn, &check, &rules)?;
    check_guarantors(conn, &check, &rules)?;
    insert_loan(
        conn,
        &NewLoan {
            borrower: &borrower,
            product: &product,
            amount,
            months,
            date,
            guarantors: &guarantors,
            purpose: &input.purpose,
            confirm_rate: input.confirm_rate,
            recorded_by: recorded_by.as_ref(),
            replaces: None,
        },
    )
}

fn guarantor_members(conn: &Connection, loan_id: &str) -> Result<Vec<member::Member>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.number FROM loan_guarantor g JOIN member m ON m.id = g.member_id
         WHERE g.loan_id = ?1 ORDER BY m.number",
    )?;
    let numbers: Vec<u32> = stmt
        .query_map([loan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    numbers.into_iter().map(|n| member::get(conn, n)).collect()
}

fn require_status(loan: &Stored, allowed: &[&str], doing: &str) -> Result<()> {
    if allowed.contains(&loan.status.as_str()) {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "สัญญา {} {doing}ไม่ได้ — สถานะตอนนี้คือ \"{}\"",
        loan.number,
        status_label(&loan.status)
    )))
}

fn event_date(conn: &Connection, loan_id: &str, kind: &str) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row(
            "SELECT date FROM loan_event WHERE loan_id = ?1 AND kind = ?2 ORDER BY id DESC LIMIT 1",
            params![loan_id, kind],
            |r| r.get(0),
        )
        .optional()?)
}

fn not_before(date: NaiveDate, earlier: NaiveDate, what: &str) -> Result<()> {
    if date < earlier {
        return Err(Error::invalid(
            "date",
            format!(
                "วันที่ต้องไม่ก่อนวัน{what} ({})",
                thai::format_date(earlier, Digits::Arabic)
            ),
        ));
    }
    Ok(())
}

/// The committee approves an application.
pub(crate) fn approve(conn: &Connection, d: &LoanDecision) -> Result<String> {
    let loan = find(conn, &d.loan)?;
    require_status(&loan, &["applied"], "อนุมัติ")?;
    let date = parse_date("date", &d.date)?;
    not_before(date, loan.applied_on, "ยื่นคำขอกู้")?;
    let approver = current_member(conn, "by", "ผู้อนุมัติ", &d.by, date)?;
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
    let guarantors = guarantor_members(conn, &loan.id)?;
    if guarantors.iter().any(|g| g.id == approver.id) {
        return Err(Error::invalid(
            "by",
            format!("{} เป็นผู้ค้ำประกันสัญญานี้ จึงเป็นผู้อนุมัติไม่ได้", approver.full_name),
        ));
    }
    // The facts may have changed since the application: check again on the approval date.
    let borrower = member::get_by_id(conn, &loan.member_id)?;
    let product = product::get(conn, &loan.product_id)?;
    let rules = LateRules::load(conn)?;
    let check = Check {
        borrower: &borrower,
        product: &product,
        amount: loan.amount,
        months: loan.months,
        date,
        guarantors: &guarantors,
        this: Some(&loan.id),
        replaces: loan.restructures.as_deref(),
    };
    check_borrower(conn, &check, &rules)?;
    check_guarantors(conn, &check, &rules)?;
    add_event(
        conn,
        &loan.id,
        "approved",
        "approved",
        date,
        Some(&approver.id),
        &d.meeting,
        None,
        None,
        d.reason.trim(),
    )?;
    Ok(loan.id)
}

fn required_reason(text: &str) -> Result<&str> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::invalid(
            "reason",
            "กรุณาใส่เหตุผล — เหตุผลจะถูกบันทึกไว้กับสัญญา",
        ));
    }
    Ok(t)
}

/// The committee turns an application down (or withdraws an approval before payout).
pub(crate) fn reject(conn: &Connection, d: &LoanDecision) -> Result<String> {
    let loan = find(conn, &d.loan)?;
    require_status(&loan, &["applied", "approved"], "ยกเลิกหรือไม่อนุมัติ")?;
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
        "rejected",
        "rejected",
        date,
        Some(&by.id),
        &d.meeting,
        None,
        None,
        reason,
    )?;
    Ok(loan.id)
}

fn cash_account(text: &str, field: &'static str) -> Result<&'static str> {
    match text.trim() {
        "" | "cash" | "เงินสด" => Ok(CASH),
        "bank" | "ธนาคาร" => Ok(BANK),
        other => Err(Error::invalid(
            field,
            format!("\"{other}\" — เลือก cash (เงินสด) หรือ bank (ธนาคาร)"),
        )),
    }
}

/// Pays out an approved loan: cash or bank to the borrower, or, for a restructure, the old
/// loan's balance moved to the new one.
pub(crate) fn disburse(conn: &Connection, input: &LoanDisbursement) -> Result<String> {
    let loan = find(conn, &input.loan)?;
    require_status(&loan, &["approved"], "จ่ายเงิน")?;
    let date = parse_date("date", &input.date)?;
    if let Some(approved) = event_date(conn, &loan.id, "approved")? {
        not_before(date, approved, "อนุมัติ")?;
    }
    let from = cash_account(&input.from, "from")?;
    let borrower = member::get_by_id(conn, &loan.member_id)?;
    let due_day = settings::at(conn, date)?.collection_day;
    let mut entry;
    let mut old_loan = None;
    if let Some(old_id) = &loan.restructures {
        let old = find(conn, old_id)?;
        require_status(&old, &["active"], "ปรับโครงสร้างหนี้")?;
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
            "restructured",
            "restructured",
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
        "disbursed",
        "active",
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
    require_status(&loan, &["active"], "รับชำระ")?;
    let date = parse_date("date", &input.date)?;
    let amount = positive_amount(&input.amount, "amount")?;
    let to = cash_account(&input.to, "to")?;
    let borrower = member::get_by_id(conn, &loan.member_id)?;
    let (postings, split) =
        arrears::repayment_of(conn, &borrower.id, Some(&loan.id), date, amount)?;
    let mut entry = NewEntry::new(
        date,
        EntryKind::LoanRepayment,
        format!("รับชำระเงินกู้ สัญญา {} {}", loan.number, borrower.full_name),
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
    require_status(&loan, &["active"], "ตัดเป็นหนี้สูญ")?;
    let date = parse_date("date", &d.date)?;
    if let Some(paid_out) = event_date(conn, &loan.id, "disbursed")? {
        not_before(date, paid_out, "จ่ายเงินกู้")?;
    }
    let by = current_member(conn, "by", "ผู้อนุมัติ", &d.by, date)?;
    if by.id == loan.member_id {
        return Err(Error::invalid("by", "ผู้กู้อนุมัติตัดหนี้ของตัวเองไม่ได้"));
    }
    let reason = required_reason(&d.reason)?;
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
        "written_off",
        "written_off",
        date,
        Some(&by.id),
        &d.meeting,
        Some(&entry_id),
        None,
        &note,
    )?;
    Ok(loan.id)
}

/// Applies for a new term on a loan's remaining balance.
pub(crate) fn restructure(conn: &Connection, input: &RestructureInput) -> Result<String> {
    let old = find(conn, &input.loan)?;
    require_status(&old, &["active"], "ปรับโครงสร้างหนี้")?;
    let date = parse_date("date", &input.date)?;
    if let Some(paid_out) = event_date(conn, &old.id, "disbursed")? {
        not_before(date, paid_out, "จ่ายเงินกู้")?;
    }
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
    let recorded_by = match input.recorded_by.trim() {
        "" => None,
        t => Some(current_member(conn, "recorded_by", "ผู้บันทึกคำขอ", t, date)?),
    };
    let rules = LateRules::load(conn)?;
    let check = Check {
        borrower: &borrower,
        product: &product,
        amount,
        months,
        date,
        guarantors: &guarantors,
        this: None,
        replaces: Some(&old.id),
    };
    check_limits(conn, &check)?;
    check_borrower(conn, &check, &rules)?;
    check_guarantors(conn, &check, &rules)?;
    let purpose = match input.purpose.trim() {
        "" => format!("ปรับโครงสร้างหนี้สัญญา {}", old.number),
        p => p.to_string(),
    };
    insert_loan(
        conn,
        &NewLoan {
            borrower: &borrower,
            product: &product,
            amount,
            months,
            date,
            guarantors: &guarantors,
            purpose: &purpose,
            confirm_rate: input.confirm_rate,
            recorded_by: recorded_by.as_ref(),
            replaces: Some(&old),
        },
    )
}

fn guarantor_refs(
    conn: &Connection,
    loan_id: &str,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<Vec<GuarantorRef>> {
    guarantor_members(conn, loan_id)?
        .into_iter()
        .map(|m| {
            Ok(GuarantorRef {
                in_arrears: member_in_arrears(conn, &m.id, rules, date)?,
                member: m.number,
                member_id: m.id,
                name: m.full_name,
            })
        })
        .collect()
}

/// The head of the loan card.
pub(crate) fn summary(
    conn: &Connection,
    loan: &Stored,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<LoanSummary> {
    let borrower = member::get_by_id(conn, &loan.member_id)?;
    let product = product::get(conn, &loan.product_id)?;
    let lines = schedule::contract(loan.amount, loan.months, loan.rate, loan.method)?;
    let rates = schedule::rates(loan.amount, &lines);
    let events = raw_events(conn, &loan.id)?;
    let last = |kind: &str| events.iter().rev().find(|e| e.kind == kind);
    let approved = last("approved");
    let disbursed = events.iter().find(|e| e.kind == "disbursed");
    let ended = events
        .iter()
        .rev()
        .find(|e| {
            matches!(
                e.kind.as_str(),
                "paid_off" | "restructured" | "written_off" | "rejected"
            )
        })
        .filter(|_| loan.status != "active");
    let restructured_into: Option<String> = conn
        .query_row(
            "SELECT number FROM loan WHERE restructures = ?1 AND status NOT IN ('rejected')",
            [&loan.id],
            |r| r.get(0),
        )
        .optional()?;
    let restructures = match &loan.restructures {
        Some(id) => Some(find(conn, id)?.number),
        None => None,
    };
    let confirmation = conn
        .query_row(
            "SELECT nominal_annual, effective_annual, warning, confirmed_at FROM loan_rate_confirmation WHERE loan_id = ?1",
            [&loan.id],
            |r| {
                Ok(RateConfirmation {
                    nominal_annual: r.get(0)?,
                    effective_annual: r.get(1)?,
                    warning: r.get(2)?,
                    confirmed_at: r.get(3)?,
                })
            },
        )
        .optional()?;
    let by = |id: &Option<String>| -> Result<Option<MemberRef>> {
        id.as_deref().map(|id| member_ref(conn, id)).transpose()
    };
    let disbursed_on = disbursed.map(|e| e.date);
    let due_day = disbursed.and_then(|e| e.due_day);
    Ok(LoanSummary {
        loan: loan.number.clone(),
        id: loan.id.clone(),
        member: borrower.number,
        member_id: borrower.id.clone(),
        name: borrower.full_name.clone(),
        product: product.code.clone(),
        product_name: product.name.clone(),
        kind: product.kind.clone(),
        amount: loan.amount,
        months: loan.months,
        rate: loan.rate.to_string(),
        method: loan.method.as_str().to_string(),
        method_label: loan.method.label().to_string(),
        charge_word: loan.charge_word.clone(),
        purpose: loan.purpose.clone(),
        status: loan.status.clone(),
        status_label: status_label(&loan.status).to_string(),
        applied_on: loan.applied_on,
        recorded_by: by(&loan.recorded_by)?,
        approved_on: approved.map(|e| e.date),
        approved_by: by(&approved.and_then(|e| e.by.clone()))?,
        meeting: approved
            .map(|e| e.meeting.clone())
            .filter(|m| !m.is_empty()),
        disbursed_on,
        due_day,
        first_due: disbursed_on
            .zip(due_day)
            .map(|(d, day)| schedule::due_date(d, day, 1)),
        last_due: disbursed_on
            .zip(due_day)
            .map(|(d, day)| schedule::due_date(d, day, loan.months)),
        ended_on: ended.map(|e| e.date),
        restructures,
        restructured_into,
        guarantors: guarantor_refs(conn, &loan.id, rules, date)?,
        nominal_annual_rate: schedule::pct(rates.nominal_annual),
        effective_annual_rate: schedule::pct(rates.effective_annual),
        above_legal_cap: rates.above_legal_cap(),
        rate_confirmation: confirmation,
        balance: balance(conn, &loan.id, None)?,
    })
}

struct RawEvent {
    kind: String,
    date: NaiveDate,
    by: Option<String>,
    meeting: String,
    entry: Option<String>,
    due_day: Option<u32>,
    note: String,
}

fn raw_events(conn: &Connection, loan_id: &str) -> Result<Vec<RawEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, date, by_member, meeting, entry_id, due_day, note FROM loan_event
         WHERE loan_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([loan_id], |r| {
        Ok(RawEvent {
            kind: r.get(0)?,
            date: r.get(1)?,
            by: r.get(2)?,
            meeting: r.get(3)?,
            entry: r.get(4)?,
            due_day: r.get(5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The contract schedule of a loan, dated from its payout (or, until then, its application).
pub(crate) fn schedule_view(conn: &Connection, key: &str) -> Result<ScheduleView> {
    let loan = find(conn, key)?;
    let lines = schedule::contract(loan.amount, loan.months, loan.rate, loan.method)?;
    let rates = schedule::rates(loan.amount, &lines);
    let paid_out = disbursement(conn, &loan.id)?;
    let (from, due_day) = match paid_out {
        Some(d) => d,
        None => (
            loan.applied_on,
            settings::at(conn, loan.applied_on)?.collection_day,
        ),
    };
    let installments = lines
        .iter()
        .map(|l| Installment {
            no: l.no,
            due: schedule::due_date(from, due_day, l.no),
            principal: l.principal,
            interest: l.interest,
            total: l.total,
            balance: l.balance,
            state: None,
        })
        .collect();
    Ok(ScheduleView {
        loan: loan.number.clone(),
        id: loan.id.clone(),
        amount: loan.amount,
        months: loan.months,
        rate: loan.rate.to_string(),
        method: loan.method.as_str().to_string(),
        method_label: loan.method.label().to_string(),
        charge_word: loan.charge_word.clone(),
        from,
        provisional_dates: paid_out.is_none(),
        installments,
        total_interest: lines.iter().map(|l| l.interest).sum(),
        total_payments: lines.iter().map(|l| l.total).sum(),
        nominal_annual_rate: schedule::pct(rates.nominal_annual),
        effective_annual_rate: schedule::pct(rates.effective_annual),
        monthly_irr: schedule::pct(rates.monthly_irr * rust_decimal::Decimal::ONE_HUNDRED),
        above_legal_cap: rates.above_legal_cap(),
        legal_warning: rates.warning(),
    })
}

/// The schedule and rates a loan of `product` would have, before applying (the apply form).
pub(crate) fn preview(
    conn: &Connection,
    product_code: &str,
    amount: &str,
    months: &str,
    date: &str,
) -> Result<ScheduleView> {
    let product = product::get(conn, product_code)?;
    let amount = positive_amount(amount, "amount")?;
    let months = parse_months(months)?;
    let date = parse_date("date", date)?;
    let (rate, method) = (product.monthly_rate(), product.method());
    let lines = schedule::contract(amount, months, rate, method)?;
    let rates = schedule::rates(amount, &lines);
    let due_day = settings::at(conn, date)?.collection_day;
    let charge_word = match &product.charge_word {
        Some(w) => w.clone(),
        None => settings::at(conn, date)?.loan_charge_word,
    };
    Ok(ScheduleView {
        loan: String::new(),
        id: String::new(),
        amount,
        months,
        rate: rate.to_string(),
        method: method.as_str().to_string(),
        method_label: method.label().to_string(),
        charge_word,
        from: date,
        provisional_dates: true,
        installments: lines
            .iter()
            .map(|l| Installment {
                no: l.no,
                due: schedule::due_date(date, due_day, l.no),
                principal: l.principal,
                interest: l.interest,
                total: l.total,
                balance: l.balance,
                state: None,
            })
            .collect(),
        total_interest: lines.iter().map(|l| l.interest).sum(),
        total_payments: lines.iter().map(|l| l.total).sum(),
        nominal_annual_rate: schedule::pct(rates.nominal_annual),
        effective_annual_rate: schedule::pct(rates.effective_annual),
        monthly_irr: schedule::pct(rates.monthly_irr * rust_decimal::Decimal::ONE_HUNDRED),
        above_legal_cap: rates.above_legal_cap(),
        legal_warning: rates.warning(),
    })
}

/// Every entry that moved money on the loan, with the balance after each.
fn movements(conn: &Connection, loan_id: &str) -> Result<Vec<LoanMovement>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.date, e.receipt, e.kind, e.memo, p.account, p.amount
         FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
         WHERE p.loan_id = ?1 AND p.account IN ('1200', '4100', '4200')
         ORDER BY e.seq, p.line",
    )?;
    let mut rows = stmt.query([loan_id])?;
    let mut out: Vec<LoanMovement> = Vec::new();
    let mut balance = Money::ZERO;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let account: String = r.get(5)?;
        let amount: Money = r.get(6)?;
        if out.last().is_none_or(|m| m.entry != id) {
            out.push(LoanMovement {
                date: r.get(1)?,
                entry: id,
                receipt: r.get(2)?,
                kind: r.get(3)?,
                memo: r.get(4)?,
                principal: Money::ZERO,
                interest: Money::ZERO,
                fines: Money::ZERO,
                total: Money::ZERO,
                balance_after: balance,
            });
        }
        let m = out.last_mut().expect("pushed above");
        match account.as_str() {
            LOANS => {
                balance += amount;
                m.principal += amount.abs();
                m.balance_after = balance;
            }
            account::LOAN_INTEREST => m.interest -= amount,
            _ => m.fines -= amount,
        }
        m.total = if m.kind == EntryKind::LoanPayout.as_str() {
            m.principal
        } else {
            m.principal + m.interest + m.fines
        };
    }
    Ok(out)
}

/// The loan card as on `date`.
pub(crate) fn card(conn: &Connection, key: &str, date: NaiveDate) -> Result<LoanCard> {
    let loan = find(conn, key)?;
    let rules = LateRules::load(conn)?;
    let summary = summary(conn, &loan, &rules, date)?;
    let mut schedule = schedule_view(conn, &loan.id)?.installments;
    let mut position = None;
    if let Some(terms) = terms_of(conn, &loan)? {
        let all = flows(conn, &loan.id, Some(date))?;
        let mut ledger = Ledger::new(&terms, &all)?;
        let pos = ledger.position(&rules, date);
        let active = loan.status == "active";
        for (i, inst) in schedule.iter_mut().enumerate() {
            let k = i as u32 + 1;
            inst.state = Some(
                if ledger.paid(k as usize, date) || loan.status == "closed" {
                    "paid"
                } else if !active {
                    "closed"
                } else if inst.due < date {
                    "overdue"
                } else if pos.installment_no == Some(k) {
                    "due"
                } else {
                    "upcoming"
                },
            );
        }
        if active {
            position = Some(pos);
        }
    }
    let events = raw_events(conn, &loan.id)?
        .into_iter()
        .map(|e| {
            Ok(LoanEvent {
                label: event_label(&e.kind).to_string(),
                by: e.by.as_deref().map(|id| member_ref(conn, id)).transpose()?,
                date: e.date,
                kind: e.kind,
                meeting: e.meeting,
                entry: e.entry,
                note: e.note,
            })
        })
        .collect::<Result<_>>()?;
    Ok(LoanCard {
        summary,
        schedule,
        movements: movements(conn, &loan.id)?,
        events,
        position,
        as_of: date,
    })
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

pub(crate) fn list(conn: &Connection, filter: &LoanFilter) -> Result<Vec<LoanRow>> {
    let member_id = match filter.member.trim() {
        "" => None,
        t => Some(member::get(conn, parse_member_number("member", "สมาชิก", t)?)?.id),
    };
    let status = filter.status.trim();
    // Conditions written out (not `?1 IS NULL OR …`) so SQLite can use the indexes.
    let mut conditions = vec!["1"];
    if member_id.is_some() {
        conditions.push("l.member_id = ?1");
    }
    match status {
        "" => {}
        "open" => conditions.push("l.status IN ('applied', 'approved', 'active')"),
        _ => conditions.push("l.status = ?2"),
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT l.number, l.id, m.number, m.title || m.first_name || ' ' || m.last_name, p.code,
                l.amount, l.months, l.status, l.applied_on,
                (SELECT coalesce(sum(x.amount), 0) FROM posting x WHERE x.loan_id = l.id AND x.account = '1200')
         FROM loan l JOIN member m ON m.id = l.member_id JOIN loan_product p ON p.id = l.product_id
         WHERE {} AND coalesce(?1, ?2, 1) IS NOT NULL -- (both parameters are always bound)
         ORDER BY l.applied_on DESC, l.number DESC",
        conditions.join(" AND ")
    ))?;
    let rows = stmt.query_map(params![member_id, status], |r| {
        let status: String = r.get(7)?;
        Ok(LoanRow {
            loan: r.get(0)?,
            id: r.get(1)?,
            member: r.get(2)?,
            name: r.get(3)?,
            product: r.get(4)?,
            amount: r.get(5)?,
            months: r.get(6)?,
            status_label: status_label(&status).to_string(),
            status,
            applied_on: r.get(8)?,
            balance: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member's loans, what they owe now, and the loans they guarantee.
pub(crate) fn member_loans(conn: &Connection, number: u32, date: NaiveDate) -> Result<MemberLoans> {
    let m = member::get(conn, number)?;
    let loans = list(
        conn,
        &LoanFilter {
            member: number.to_string(),
            status: String::new(),
        },
    )?;
    let due = due_for_member(conn, &m.id, date)?;
    let rules = LateRules::load(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT l.id FROM loan_guarantor g JOIN loan l ON l.id = g.loan_id
         WHERE g.member_id = ?1 ORDER BY l.applied_on DESC, l.number DESC",
    )?;
    let ids: Vec<String> = stmt
        .query_map([&m.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut guarantees = Vec::new();
    for id in ids {
        let loan = find(conn, &id)?;
        let borrower = member::get_by_id(conn, &loan.member_id)?;
        let pos = if loan.status == "active" {
            position_of(conn, &loan, &rules, date)?
        } else {
            None
        };
        guarantees.push(Guarantee {
            loan: loan.number.clone(),
            id: loan.id.clone(),
            borrower: borrower.number,
            name: borrower.full_name,
            status_label: status_label(&loan.status).to_string(),
            status: loan.status.clone(),
            amount: loan.amount,
            balance: balance(conn, &loan.id, Some(date))?,
            in_arrears: pos.as_ref().is_some_and(Position::in_arrears),
            overdue: pos.map(|p| p.overdue + p.fines).unwrap_or_default(),
        });
    }
    let (guaranteed_total, _) = guaranteed(conn, &m.id, date, None)?;
    Ok(MemberLoans {
        member: m.number,
        name: m.full_name.clone(),
        date,
        in_arrears: due.in_arrears,
        loans,
        due,
        guarantees,
        guaranteed_total,
        savings: savings(conn, &m.id, date)?,
        member_id: m.id,
    })
}

/// Checks for `sajja verify`: every loan posting names a known loan, balances agree with
/// statuses, and the loan triggers are in place.
pub fn verify(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    for name in [
        "loan_terms_fixed",
        "loan_status_by_event",
        "loan_event_no_update",
        "loan_event_no_delete",
        "loan_paid_off",
    ] {
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [name],
            |r| r.get(0),
        )?;
        if n == 0 {
            problems.push(format!(
                "ตัวป้องกันข้อมูลเงินกู้ \"{name}\" ถูกลบออก — ไฟล์อาจถูกแก้ไขนอกโปรแกรม"
            ));
        }
    }
    let untagged: i64 = conn.query_row(
        "SELECT count(*) FROM posting p WHERE p.account = '1200'
           AND (p.loan_id IS NULL OR NOT EXISTS (SELECT 1 FROM loan l WHERE l.id = p.loan_id))",
        [],
        |r| r.get(0),
    )?;
    if untagged > 0 {
        problems.push(format!("มีรายการลูกหนี้เงินกู้ {untagged} บรรทัดที่ไม่ได้ระบุสัญญาเงินกู้"));
    }
    let mut stmt = conn.prepare(
        "SELECT l.number, l.status, coalesce(sum(p.amount), 0) AS bal
         FROM loan l LEFT JOIN posting p ON p.loan_id = l.id AND p.account = '1200'
         GROUP BY l.id
         HAVING (l.status = 'active' AND bal <= 0) OR (l.status <> 'active' AND bal <> 0)",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (number, status, bal): (String, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        problems.push(format!(
            "สัญญาเงินกู้ {number} สถานะ \"{}\" แต่ยอดคงเหลือในบัญชีเป็น {} บาท",
            status_label(&status),
            Money::from_satang(bal).grouped()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
