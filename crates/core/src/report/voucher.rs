//! Payment vouchers (ใบสำคัญจ่าย; ใบถอนเงิน for a withdrawal): the paper for money paid out,
//! signed by the person who receives it. Money paid out never appears on a receipt.
//!
//! An entry pays money out when it is a collection row with a withdrawal, a loan payout, an
//! exit settlement or an expense that takes cash or bank (or books an exit payable). Voucher
//! numbers are not stored: they are the place of such an entry among the paying entries of its
//! accounting year, in the order they were posted (`2568/0001`). Entries are never deleted or
//! reordered and a new one always comes last, so a number, once shown, never changes.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::account::{self, BANK, CASH, DEPOSITS, EXIT_PAYABLE, LOANS};
use crate::error::{Error, Result};
use crate::journal;
use crate::money::Money;
use crate::period;
use crate::settings;
use crate::thai;

/// One line of a voucher: what was paid and how much.
#[derive(Clone, Debug, serde::Serialize)]
pub struct VoucherItem {
    pub label: String,
    pub amount: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Voucher {
    /// `2568/0001`.
    pub voucher: String,
    /// ใบถอนเงิน (a member's withdrawal) or ใบสำคัญจ่าย.
    pub title: String,
    pub entry: String,
    /// The receipt of the same collection row, when it also received money.
    pub receipt: Option<String>,
    pub date: NaiveDate,
    pub kind: String,
    pub member: Option<u32>,
    /// Who receives the money: the member, their beneficiaries, or the party of an expense.
    pub payee: String,
    pub memo: String,
    pub items: Vec<VoucherItem>,
    /// Paid out, in figures and in words.
    pub amount: Money,
    pub amount_words: String,
    /// เงินสด, เงินฝากธนาคาร or เงินรอจ่ายคืนสมาชิกพ้นสภาพ.
    pub paid_from: String,
    /// Set when the entry was later reversed: "ยกเลิกแล้ว เมื่อ … เหตุผล …".
    pub cancelled: Option<String>,
}

use crate::period::{year_of, PAYS_OUT};

/// The voucher number of an entry, if it pays money out.
///
/// # Errors
/// Database errors only.
pub fn number_of_entry(conn: &Connection, entry_id: &str) -> Result<Option<String>> {
    let found: Option<(i64, NaiveDate)> = conn
        .query_row(
            &format!("SELECT e.seq, e.date FROM journal_entry e WHERE e.id = ?1 AND {PAYS_OUT}"),
            [entry_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((seq, date)) = found else {
        return Ok(None);
    };
    let (label, from, to) = year_of(conn, date)?;
    let n: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM journal_entry e
             WHERE e.date BETWEEN ?1 AND ?2 AND e.seq <= ?3 AND {PAYS_OUT}"
        ),
        params![from, to, seq],
        |r| r.get(0),
    )?;
    Ok(Some(format!("{label}/{n:04}")))
}

/// The voucher of a loan's payout.
///
/// # Errors
/// Database errors only.
pub fn number_of_loan_payout(conn: &Connection, loan_id: &str) -> Result<Option<String>> {
    let entry: Option<String> = conn
        .query_row(
            "SELECT e.id FROM journal_entry e JOIN posting p ON p.entry_seq = e.seq
             WHERE e.kind = 'loan_payout' AND p.loan_id = ?1 AND p.account = ?2 AND p.amount > 0
             ORDER BY e.seq DESC LIMIT 1",
            params![loan_id, LOANS],
            |r| r.get(0),
        )
        .optional()?;
    match entry {
        Some(id) => number_of_entry(conn, &id),
        None => Ok(None),
    }
}

/// The voucher with this number (`2568/0001`; Thai digits and a leading จ are accepted).
///
/// # Errors
/// A Thai refusal when the number is malformed or no such voucher exists.
pub fn voucher(conn: &Connection, number: &str) -> Result<Voucher> {
    let typed = thai::to_arabic_digits(number.trim());
    let typed = typed.trim_start_matches('จ').trim_start_matches('.').trim();
    let not_found = || Error::NotFound {
        what: "ใบสำคัญจ่ายเลขที่",
        id: typed.to_string(),
    };
    let (year, n) = typed
        .split_once('/')
        .and_then(|(y, n)| Some((y.parse::<i32>().ok()?, n.parse::<i64>().ok()?)))
        .filter(|(y, n)| *y > 2400 && *n > 0)
        .ok_or_else(|| {
            Error::invalid(
                "voucher",
                format!("\"{typed}\" ไม่ใช่เลขที่ใบสำคัญจ่าย — พิมพ์เช่น 2568/0001"),
            )
        })?;
    let start = settings::at(
        conn,
        NaiveDate::from_ymd_opt(year - 543, 12, 31).expect("date"),
    )?
    .year_start_month;
    let (from, to) = period::accounting_year_bounds(year, start);
    let id: String = conn
        .query_row(
            &format!(
                "SELECT e.id FROM journal_entry e WHERE e.date BETWEEN ?1 AND ?2 AND {PAYS_OUT}
                 ORDER BY e.seq LIMIT 1 OFFSET ?3"
            ),
            params![from, to, n - 1],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(not_found)?;
    build(conn, &id, format!("{year}/{n:04}"))
}

fn build(conn: &Connection, id: &str, number: String) -> Result<Voucher> {
    let e = journal::entry(conn, id)?;
    let rules = settings::at(conn, e.date)?;
    let contract = |loan: Option<&str>| -> String {
        loan.and_then(|id| {
            conn.query_row("SELECT number FROM loan WHERE id = ?1", [id], |r| {
                r.get::<_, String>(0)
            })
            .ok()
        })
        .map(|n| format!(" สัญญาเลขที่ {n}"))
        .unwrap_or_default()
    };
    let mut items: Vec<VoucherItem> = Vec::new();
    let mut add = |label: String, amount: Money| match items.iter_mut().find(|i| i.label == label) {
        Some(i) => i.amount += amount,
        None => items.push(VoucherItem { label, amount }),
    };
    let is_money = |a: &str| a == CASH || a == BANK || a == EXIT_PAYABLE;
    let mut paid_from = Vec::new();
    let amount = if e.kind == "collection" {
        // Only the withdrawal: what the member paid in the same row is on its receipt.
        let out: Money = e
            .postings
            .iter()
            .filter(|p| p.account == DEPOSITS && p.amount.is_positive())
            .map(|p| p.amount)
            .sum();
        add("ถอนเงินฝาก".to_string(), out);
        paid_from.push(account_name(CASH));
        out
    } else {
        for p in &e.postings {
            if is_money(&p.account) {
                if p.amount.is_negative() && !paid_from.contains(&account_name(&p.account)) {
                    paid_from.push(account_name(&p.account));
                }
                continue;
            }
            let label = match (p.account.as_str(), e.kind.as_str()) {
                (LOANS, _) if p.amount.is_positive() => {
                    format!("จ่ายเงินกู้{}", contract(p.loan_id.as_deref()))
                }
                (LOANS, _) => format!("หักเงินกู้ค้างชำระ{}", contract(p.loan_id.as_deref())),
                (account::SAJJA, _) => "คืนเงินสัจจะ".to_string(),
                (DEPOSITS, _) => "คืนเงินฝาก".to_string(),
                (account::FINES_RECEIVABLE, _) => "หักค่าปรับส่งสัจจะช้าค้างชำระ".to_string(),
                (account::LOAN_INTEREST, _) => {
                    format!(
                        "หัก{}{}",
                        rules.loan_charge_word,
                        contract(p.loan_id.as_deref())
                    )
                }
                (account::FINES, _) => {
                    format!("หักค่าปรับเงินกู้{}", contract(p.loan_id.as_deref()))
                }
                (code, "expense") => format!("{} — {}", account_name(code), e.memo),
                (code, _) => account_name(code),
            };
            add(label, p.amount);
        }
        -e.postings
            .iter()
            .filter(|p| is_money(&p.account) && p.amount.is_negative())
            .map(|p| p.amount)
            .sum::<Money>()
    };
    items.retain(|i| !i.amount.is_zero());
    let (member, member_name) = match &e.member_id {
        Some(mid) => {
            let m = crate::member::get_by_id(conn, mid)?;
            (Some(m.number), m.full_name)
        }
        None => (None, String::new()),
    };
    let payee = if e.kind == "settlement" {
        settlement_payees(conn, &e.id)?.unwrap_or_else(|| member_name.clone())
    } else if member_name.is_empty() {
        String::new()
    } else {
        member_name
    };
    let cancelled = cancelled_note(conn, &e, rules.digits)?;
    Ok(Voucher {
        voucher: number,
        title: if e.kind == "collection" {
            "ใบถอนเงิน"
        } else {
            "ใบสำคัญจ่าย"
        }
        .to_string(),
        entry: e.id.clone(),
        receipt: e.receipt.clone(),
        date: e.date,
        kind: e.kind.clone(),
        member,
        payee,
        memo: e.memo.clone(),
        items,
        amount_words: thai::bahttext(amount.as_decimal(), rules.bahttext),
        amount,
        paid_from: paid_from.join(" และ "),
        cancelled,
    })
}

/// "ยกเลิกแล้ว เมื่อ … เหตุผล: …" for an entry that was reversed (a receipt or voucher
/// printed again after it was cancelled says so), `None` for one that stands.
pub(crate) fn cancelled_note(
    conn: &Connection,
    e: &journal::Entry,
    digits: thai::Digits,
) -> Result<Option<String>> {
    let Some(by) = &e.reversed_by else {
        return Ok(None);
    };
    let r = journal::entry(conn, by)?;
    Ok(Some(format!(
        "ยกเลิกแล้ว เมื่อ {} เหตุผล: {}",
        thai::format_date(r.date, digits),
        r.reason.unwrap_or_default()
    )))
}

fn account_name(code: &str) -> String {
    account::by_code(code)
        .map(|a| a.name.to_string())
        .unwrap_or_else(|| code.to_string())
}

/// "นาง ก (บุตร), นาย ข (คู่สมรส)": who received an exit's money, when it was not the member.
fn settlement_payees(conn: &Connection, entry: &str) -> Result<Option<String>> {
    let mut stmt = conn
        .prepare("SELECT payee, relation FROM settlement_payee WHERE entry_id = ?1 ORDER BY seq")?;
    let names: Vec<String> = stmt
        .query_map([entry], |r| {
            let (payee, relation): (String, String) = (r.get(0)?, r.get(1)?);
            Ok(if relation.is_empty() {
                payee
            } else {
                format!("{payee} ({relation})")
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((!names.is_empty()).then(|| names.join(", ")))
}
