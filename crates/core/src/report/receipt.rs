//! The receipt (ใบเสร็จรับเงิน) of a collection row: what was received, item by item, the
//! total in figures and in Thai words (by the group's bahttext setting). Money paid out in the
//! same row (a withdrawal) is never on the receipt: it has its own voucher
//! ([`super::voucher`]), which the receipt names.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::account;
use crate::db::CachedExt;
use crate::error::{Error, Result};
use crate::journal;
use crate::money::Money;
use crate::settings;
use crate::thai;

#[derive(Clone, Debug, serde::Serialize)]
pub struct ReceiptItem {
    pub label: String,
    /// Received.
    pub amount: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct ReceiptDoc {
    pub receipt: String,
    pub entry: String,
    pub date: NaiveDate,
    pub member: Option<u32>,
    pub member_name: String,
    pub items: Vec<ReceiptItem>,
    /// Money received (the sum of the items).
    pub received: Money,
    /// The voucher of money paid out in the same row (a withdrawal), if any.
    pub voucher: Option<String>,
    /// `received` in Thai words.
    pub received_words: String,
    /// Set when the receipt was later reversed: "ยกเลิกแล้ว เมื่อ … เหตุผล …".
    pub cancelled: Option<String>,
}

/// The receipt with this number.
pub fn receipt(conn: &Connection, number: &str) -> Result<ReceiptDoc> {
    let number = thai::to_arabic_digits(number.trim());
    let e = journal::entry(conn, &number)?;
    if e.receipt.as_deref() != Some(number.as_str()) {
        return Err(Error::NotFound {
            what: "ใบเสร็จเลขที่",
            id: number,
        });
    }
    let doc = build(conn, &e)?;
    if doc.received.is_zero() {
        return Err(Error::Refused(match &doc.voucher {
            Some(v) => {
                format!("รายการเลขที่ {number} ไม่มีเงินรับ มีแต่เงินจ่าย — พิมพ์ใบถอนเงินเลขที่ {v} แทนใบเสร็จ")
            }
            None => format!("รายการเลขที่ {number} ไม่มีเงินรับ — ไม่มีใบเสร็จให้พิมพ์"),
        }));
    }
    Ok(doc)
}

/// Every receipt of a day, in order.
pub fn receipts_of_day(conn: &Connection, date: NaiveDate) -> Result<Vec<ReceiptDoc>> {
    let mut stmt = conn.prepare_cached(
        "SELECT receipt FROM journal_entry WHERE date = ?1 AND receipt IS NOT NULL ORDER BY seq",
    )?;
    let numbers: Vec<String> = stmt
        .query_map(params![date], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if numbers.is_empty() {
        return Err(Error::Refused(format!(
            "ไม่มีใบเสร็จในวันที่ {}",
            thai::format_date(date, thai::Digits::Arabic)
        )));
    }
    // A row that only paid money out has a voucher, not a receipt.
    let mut out = Vec::with_capacity(numbers.len());
    for n in &numbers {
        let e = journal::entry(conn, n)?;
        let doc = build(conn, &e)?;
        if !doc.received.is_zero() {
            out.push(doc);
        }
    }
    if out.is_empty() {
        return Err(Error::Refused(format!(
            "ไม่มีใบเสร็จในวันที่ {} — วันนั้นมีแต่การจ่ายเงิน (พิมพ์ใบสำคัญจ่าย)",
            thai::format_date(date, thai::Digits::Arabic)
        )));
    }
    Ok(out)
}

fn build(conn: &Connection, e: &journal::Entry) -> Result<ReceiptDoc> {
    let rules = settings::at(conn, e.date)?;
    let mut items: Vec<ReceiptItem> = Vec::new();
    for p in &e.postings {
        if p.account == account::CASH || p.account == account::BANK {
            continue;
        }
        let label = item_label(
            conn,
            &p.account,
            p.amount,
            p.loan_id.as_deref(),
            &rules.loan_charge_word,
        )?;
        // A receipt lists money received as positive, money paid to the member as negative.
        let amount = -p.amount;
        match items.iter_mut().find(|i| i.label == label) {
            Some(i) => i.amount += amount,
            None => items.push(ReceiptItem { label, amount }),
        }
    }
    // Only money received: a withdrawal in the same row is on its voucher.
    items.retain(|i| i.amount.is_positive());
    let received: Money = items.iter().map(|i| i.amount).sum();
    let (member, member_name) = match &e.member_id {
        Some(id) => {
            let m = crate::member::get_by_id(conn, id)?;
            (Some(m.number), m.full_name)
        }
        None => (None, String::new()),
    };
    let cancelled = super::voucher::cancelled_note(conn, e, rules.digits)?;
    Ok(ReceiptDoc {
        receipt: e.receipt.clone().unwrap_or_default(),
        entry: e.id.clone(),
        date: e.date,
        member,
        member_name,
        received_words: thai::bahttext(received.as_decimal(), rules.bahttext),
        items,
        received,
        voucher: super::voucher::number_of_entry(conn, &e.id)?,
        cancelled,
    })
}

fn item_label(
    conn: &Connection,
    code: &str,
    amount: Money,
    loan_id: Option<&str>,
    charge_word: &str,
) -> Result<String> {
    let contract = |id: Option<&str>| -> Result<String> {
        Ok(match id {
            Some(id) => conn
                .query_row_cached("SELECT number FROM loan WHERE id = ?1", [id], |r| {
                    r.get::<_, String>(0)
                })
                .map(|n| format!(" (สัญญา {n})"))
                .unwrap_or_default(),
            None => String::new(),
        })
    };
    Ok(match code {
        account::SAJJA => "เงินสัจจะ".to_string(),
        account::DEPOSITS if amount.is_positive() => "ถอนเงินฝาก".to_string(),
        account::DEPOSITS => "เงินฝาก".to_string(),
        account::ENTRANCE_FEES => "ค่าสมัครและค่าธรรมเนียมแรกเข้า".to_string(),
        account::FINES_RECEIVABLE => "ค่าปรับส่งสัจจะช้า".to_string(),
        account::FINES => format!("ค่าปรับเงินกู้{}", contract(loan_id)?),
        account::OTHER_INCOME => "รายได้อื่น".to_string(),
        account::LOANS => format!("ส่งเงินกู้ เงินต้น{}", contract(loan_id)?),
        account::LOAN_INTEREST | account::INTEREST_RECEIVABLE => {
            format!("{charge_word}{}", contract(loan_id)?)
        }
        other => account::by_code(other)
            .map(|a| a.name.to_string())
            .unwrap_or_else(|| other.to_string()),
    })
}
