//! The group's own balances brought in: cash, bank, the reserve and other funds, the expense
//! fund, payables, and (for a cut-over inside an accounting year) the year's income and
//! expenses so far. One opening entry; each amount on its account's usual side.

use std::collections::HashSet;

use rusqlite::Connection;

use super::columns::Field;
use super::{post_opening, Run, Table};
use crate::account::{self, AccountKind};
use crate::journal::{EntryKind, NewEntry, Posting};
use crate::money::Money;

pub const FIELDS: &[Field] = &[
    Field {
        name: "account",
        thai: "บัญชี",
        aliases: &["รหัสบัญชี", "ชื่อบัญชี", "รายการ"],
        required: true,
    },
    Field {
        name: "amount",
        thai: "จำนวนเงิน",
        aliases: &["ยอดยกมา", "ยอดคงเหลือ", "บาท"],
        required: true,
    },
];

const ACCOUNT: usize = 0;
const AMOUNT: usize = 1;

/// Balances that come in with their own sheets, per member or per loan, never here.
const ELSEWHERE: &[(&str, &str)] = &[
    (account::SAJJA, "แผ่นงานยอดยกมาสมาชิก (คอลัมน์เงินสัจจะสะสม)"),
    (account::DEPOSITS, "แผ่นงานยอดยกมาสมาชิก (คอลัมน์เงินฝาก)"),
    (
        account::FINES_RECEIVABLE,
        "แผ่นงานยอดยกมาสมาชิก (คอลัมน์ค่าปรับค้าง)",
    ),
    (account::LOANS, "แผ่นงานเงินกู้ (เงินต้นคงเหลือของแต่ละสัญญา)"),
    (account::OPENING_DIFFERENCE, "— บัญชีนี้โปรแกรมใช้เอง"),
];

/// English names accepted for the accounts a treasurer brings in most.
const ENGLISH: &[(&str, &str)] = &[
    ("cash", account::CASH),
    ("bank", account::BANK),
    ("interest_receivable", account::INTEREST_RECEIVABLE),
    ("reserve", account::RESERVE),
    ("welfare", account::WELFARE_FUND),
    ("public_benefit", account::PUBLIC_BENEFIT_FUND),
    ("other_funds", account::OTHER_FUNDS),
    ("expense_fund", account::EXPENSE_FUND),
    ("subsidies", account::SUBSIDIES),
    ("retained", account::RETAINED),
    ("exit_payable", account::EXIT_PAYABLE),
    ("dividends_payable", account::DIVIDENDS_PAYABLE),
];

/// An account a group brings a balance of into the funds sheet, for the screen that types
/// them: its code, Thai name, English name and the side its balance is on.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FundAccount {
    pub code: &'static str,
    pub name: &'static str,
    pub english: &'static str,
    /// "ทรัพย์สิน" (debit side) or "หนี้สิน ทุน" (credit side), in Thai for the screen.
    pub side: &'static str,
}

/// The accounts of [`ENGLISH`], in that order: what a group's paper books usually carry.
pub fn accounts() -> Vec<FundAccount> {
    ENGLISH
        .iter()
        .filter_map(|(english, code)| account::by_code(code).map(|a| (english, a)))
        .map(|(english, a)| FundAccount {
            code: a.code,
            name: a.name,
            english,
            side: if matches!(a.kind, AccountKind::Asset | AccountKind::Expense) {
                "ทรัพย์สิน"
            } else {
                "หนี้สิน ทุน"
            },
        })
        .collect()
}

/// The account a cell names: its code ("1100"), its Thai name, or an English name.
fn find_account(text: &str) -> Option<&'static account::Account> {
    let t = crate::thai::to_arabic_digits(text.trim());
    let code = t.split([' ', '\t']).next().unwrap_or("");
    account::by_code(code)
        .or_else(|| account::CHART.iter().find(|a| a.name == t))
        .or_else(|| {
            ENGLISH
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(&t.replace([' ', '-'], "_")))
                .and_then(|(_, c)| account::by_code(c))
        })
}

pub(crate) fn import(conn: &Connection, table: &Table, run: &mut Run<'_>) -> crate::Result<()> {
    let done: bool = conn.query_row(
        "SELECT count(*) > 0 FROM opening_entry WHERE kind = 'funds'",
        [],
        |r| r.get(0),
    )?;
    if done {
        return Err(crate::Error::Refused(
            "ยอดยกมาของทุนและเงินของกลุ่มนำเข้าแล้ว — นำเข้าซ้ำไม่ได้ (แก้ด้วยการกลับรายการพร้อมเหตุผล)".into(),
        ));
    }
    let cutover = run.cutover.expect("settled");
    let mut entry = NewEntry::new(cutover, EntryKind::Opening, "ยอดยกมา ทุนและเงินของกลุ่ม");
    let mut seen = HashSet::new();
    for (row, cells) in &table.rows {
        let row = *row;
        let text = run.cols.cell(cells, ACCOUNT).to_string();
        let Some(a) = find_account(&text) else {
            run.fail(
                row,
                ACCOUNT,
                format!(
                    "ไม่รู้จักบัญชี \"{text}\" — ใส่รหัสบัญชี (เช่น 1100 เงินสด, 1110 เงินฝากธนาคาร, 3200 ทุนสำรอง, 3300 ทุนค่าใช้สอย) หรือชื่อบัญชีตามผังบัญชี"
                ),
            );
            continue;
        };
        if let Some((_, sheet)) = ELSEWHERE.iter().find(|(c, _)| *c == a.code) {
            run.fail(
                row,
                ACCOUNT,
                format!("ยอด{} ของสมาชิกแต่ละคนนำเข้าจาก{sheet}", a.name),
            );
            continue;
        }
        let Some(amount) = run.money(row, AMOUNT, cells) else {
            continue;
        };
        if !seen.insert(a.code) {
            run.fail(
                row,
                ACCOUNT,
                format!("บัญชี {} {} มีสองแถว — รวมเป็นแถวเดียว", a.code, a.name),
            );
            continue;
        }
        let debit_side = matches!(a.kind, AccountKind::Asset | AccountKind::Expense);
        entry.push(if debit_side {
            Posting::debit(a.code, amount)
        } else {
            Posting::credit(a.code, amount)
        });
        run.line(
            row,
            format!("{} {}: {} บาท", a.code, a.name, amount.grouped()),
        );
    }
    if !run.errors.is_empty() {
        return Ok(());
    }
    let assets: Money = entry
        .postings
        .iter()
        .filter(|p| p.amount.is_positive())
        .map(|p| p.amount)
        .sum();
    run.total("ทรัพย์สินและค่าใช้จ่ายยกมา", assets);
    run.total(
        "หนี้สิน ทุน และรายได้ยกมา",
        -entry
            .postings
            .iter()
            .filter(|p| p.amount.is_negative())
            .map(|p| p.amount)
            .sum::<Money>(),
    );
    if entry.postings.is_empty() {
        return Ok(());
    }
    post_opening(conn, run, "funds", entry)?;
    Ok(())
}
