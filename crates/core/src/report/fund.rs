//! The monthly fund report (รายงานฐานะการเงินประจำเดือน): the month's receipts and payments by
//! kind, cash and bank at start and end, the funds, loans outstanding and in arrears, members.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::account::{self, BANK, CASH, DEPOSITS, LOANS, SAJJA};
use crate::error::{Error, Result};
use crate::ledger;
use crate::money::Money;
use crate::register::CashColumn;
use crate::thai::YearMonth;

/// The report's words, shared by the PDF and the workbook so both say the same thing: cash in
/// and out (savings, deposits and principal repaid are not income) apart from income and
/// expense.
pub const TITLE: &str = "รายงานฐานะการเงินประจำเดือน";
pub const SECTION_CASH: &str = "1. เงินสดรับและเงินสดจ่าย (รวมเงินฝากธนาคาร)";
pub const CASH_IN: &str = "เงินสดรับ";
pub const CASH_IN_TOTAL: &str = "รวมเงินสดรับ";
pub const CASH_OUT: &str = "เงินสดจ่าย";
pub const CASH_OUT_TOTAL: &str = "รวมเงินสดจ่าย";
pub const SECTION_INCOME: &str = "2. รายได้และค่าใช้จ่ายประจำเดือน";
pub const INCOME: &str = "รายได้";
pub const INCOME_TOTAL: &str = "รวมรายได้";
pub const EXPENSES: &str = "ค่าใช้จ่าย";
pub const EXPENSES_TOTAL: &str = "รวมค่าใช้จ่าย";
pub const SECTION_FUNDS: &str = "3. ฐานะของกองทุน ณ สิ้นเดือน";

/// "รายได้สุทธิของเดือน", or "ขาดทุนสุทธิของเดือน" when expenses were larger.
pub fn net_income_label(net: Money) -> &'static str {
    if net.is_negative() {
        "ขาดทุนสุทธิของเดือน"
    } else {
        "รายได้สุทธิของเดือน"
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct FundLine {
    pub label: String,
    pub amount: Money,
    /// The fund the money belongs to: "operating" (ทุนดำเนินการ) or "expense" (ทุนค่าใช้สอย).
    pub fund: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct FundReport {
    pub month: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub receipts: Vec<FundLine>,
    pub receipts_total: Money,
    pub payments: Vec<FundLine>,
    pub payments_total: Money,
    pub cash: CashColumn,
    pub bank: CashColumn,
    /// Pledged savings held for members at the end of the month.
    pub sajja_total: Money,
    pub deposits_total: Money,
    pub loans_outstanding: Money,
    pub loans_in_arrears: Money,
    pub borrowers_in_arrears: u32,
    /// ทุนค่าใช้สอย: fees and expense-fund money less expenses (DOMAIN §10).
    pub expense_fund: Money,
    /// Why the expense fund is below zero at the month end (bank fees the bank took), to be
    /// shown in red; None when it is not.
    pub expense_fund_note: Option<String>,
    /// The expense fund at the start of the month, and what came in and went out of it.
    pub expense_fund_opening: Money,
    pub expense_fund_in: Money,
    pub expense_fund_out: Money,
    /// Income less expenses of the operating capital in the month (interest, fines, bank interest…).
    pub operating_surplus: Money,
    /// The month's income by kind (both funds; each fine named by what was late), as booked:
    /// a fine charged is income when charged, savings, deposits and principal never are.
    pub income: Vec<FundLine>,
    pub income_total: Money,
    /// The month's expenses by kind (both funds).
    pub expenses: Vec<FundLine>,
    pub expenses_total: Money,
    /// `income_total − expenses_total`: the net income (negative: a loss) of the month.
    pub net_income: Money,
    pub members_active: u32,
    pub members_joined: u32,
    pub members_left: u32,
    /// The group's businesses in the month (their profit is in `operating_surplus`).
    pub businesses: Vec<crate::business::statement::BusinessLine>,
}

/// The label a cash movement on `code` is reported under (receipts when `credit`).
pub(crate) fn kind_label(code: &str, credit: bool) -> String {
    match (code, credit) {
        (SAJJA, true) => "เงินสัจจะ".into(),
        (SAJJA, false) => "คืนเงินสัจจะสมาชิกพ้นสภาพ".into(),
        (DEPOSITS, true) => "เงินฝากสมาชิก".into(),
        (DEPOSITS, false) => "ถอนเงินฝากสมาชิก".into(),
        (LOANS, true) => "ส่งเงินกู้ (เงินต้น)".into(),
        (LOANS, false) => "จ่ายเงินกู้ให้สมาชิก".into(),
        (account::FINES_RECEIVABLE, true) => SAVINGS_FINE.into(),
        (account::FINES, true) => LOAN_FINE.into(),
        (code, _) => account::by_code(code)
            .map(|a| a.name.to_string())
            .unwrap_or_else(|| code.to_string()),
    }
}

/// The name of each fine: what was late.
const SAVINGS_FINE: &str = "ค่าปรับส่งสัจจะช้า";
const LOAN_FINE: &str = "ค่าปรับเงินกู้ส่งช้า";
const GOODS_FINE: &str = "ค่าปรับค่าสินค้าเงินเชื่อส่งช้า";

/// The month's income and expenses by kind: every posting on an income or expense account
/// from `from` to `to`, except the year's closing entries and balances brought in (they move
/// the year's result, they are not the month's). Fines on 4200 are split by what was late: a
/// loan's (the posting names the loan), goods on credit (the entry, or the one it reverses,
/// is a `goods_fine`), otherwise savings.
fn income_and_expenses(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<FundLine>, Vec<FundLine>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.account, a.kind, a.fund,
                CASE WHEN p.account <> ?3 THEN 0
                     WHEN p.loan_id IS NOT NULL THEN 1
                     WHEN EXISTS (SELECT 1 FROM goods_fine g WHERE g.entry_id = e.id OR g.entry_id = e.reverses) THEN 2
                     ELSE 3 END AS fine,
                sum(p.amount)
         FROM posting p JOIN account a ON a.code = p.account
              JOIN journal_entry e ON e.seq = p.entry_seq
         WHERE p.date BETWEEN ?1 AND ?2 AND a.kind IN ('income', 'expense')
           AND e.kind NOT IN ('year_close', 'opening')
           AND NOT EXISTS (SELECT 1 FROM journal_entry o WHERE o.id = e.reverses AND o.kind = 'opening')
         GROUP BY p.account, fine
         ORDER BY a.fund DESC, p.account, fine",
    )?;
    let mut income = Vec::new();
    let mut expenses = Vec::new();
    let mut rows = stmt.query(params![from, to, account::FINES])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let kind: String = r.get(1)?;
        let fund: String = r.get(2)?;
        let fine: i64 = r.get(3)?;
        let sum: i64 = r.get(4)?;
        if sum == 0 {
            continue;
        }
        let label = match fine {
            1 => LOAN_FINE.to_string(),
            2 => GOODS_FINE.to_string(),
            3 => SAVINGS_FINE.to_string(),
            _ => account::by_code(&code)
                .map(|a| a.name.to_string())
                .unwrap_or(code),
        };
        if kind == "income" {
            income.push(FundLine {
                label,
                amount: Money::from_satang(-sum),
                fund,
            });
        } else {
            expenses.push(FundLine {
                label,
                amount: Money::from_satang(sum),
                fund,
            });
        }
    }
    Ok((income, expenses))
}

pub fn fund_report(conn: &Connection, month: YearMonth) -> Result<FundReport> {
    let (from, to) = (month.first_day(), month.last_day());
    let founded = crate::group::get(conn)?.founded;
    if to < founded {
        return Err(Error::Refused(format!(
            "ยังไม่มีบัญชีในเดือน{} — กลุ่มตั้งขึ้นเมื่อ {}",
            crate::thai::format_month_long(month, crate::thai::Digits::Arabic),
            crate::thai::format_date(founded, crate::thai::Digits::Arabic)
        )));
    }
    // Counter-postings of every entry that moved cash or bank, except transfers between them.
    let mut stmt = conn.prepare_cached(
        "SELECT p.account, sum(p.amount) FILTER (WHERE p.amount < 0), sum(p.amount) FILTER (WHERE p.amount > 0)
         FROM posting p
         WHERE p.date BETWEEN ?1 AND ?2 AND p.account NOT IN (?3, ?4)
           AND p.entry_seq IN (SELECT entry_seq FROM posting WHERE date BETWEEN ?1 AND ?2 AND account IN (?3, ?4))
           AND p.entry_seq NOT IN (SELECT seq FROM journal_entry WHERE kind = 'opening' AND date BETWEEN ?1 AND ?2)
         GROUP BY p.account",
    )?;
    // Keyed by (fund, label): operating capital first, then the expense fund.
    let mut receipts: BTreeMap<(u8, String), Money> = BTreeMap::new();
    let mut payments: BTreeMap<(u8, String), Money> = BTreeMap::new();
    let mut rows = stmt.query(params![from, to, CASH, BANK])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let credits: Option<i64> = r.get(1)?;
        let debits: Option<i64> = r.get(2)?;
        let fund = match account::by_code(&code).map(|a| a.fund) {
            Some(account::Fund::Expense) => 1,
            _ => 0,
        };
        if let Some(c) = credits.filter(|c| *c != 0) {
            *receipts.entry((fund, kind_label(&code, true))).or_default() += Money::from_satang(-c);
        }
        if let Some(d) = debits.filter(|d| *d != 0) {
            *payments
                .entry((fund, kind_label(&code, false)))
                .or_default() += Money::from_satang(d);
        }
    }
    let lines = |m: BTreeMap<(u8, String), Money>| -> Vec<FundLine> {
        m.into_iter()
            .map(|((fund, label), amount)| FundLine {
                label,
                amount,
                fund: if fund == 1 { "expense" } else { "operating" }.to_string(),
            })
            .collect()
    };
    let mut receipts = lines(receipts);
    // Late fines charged on goods bought on credit are paid through the same receivable as
    // savings fines: a group with a business says both.
    let goods_fines: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM goods_fine)", [], |r| r.get(0))?;
    if goods_fines {
        for l in receipts.iter_mut().filter(|l| l.label == SAVINGS_FINE) {
            l.label = format!("{SAVINGS_FINE} และ{GOODS_FINE}");
        }
    }
    let payments = lines(payments);
    // Balances brought in (ยอดยกมา) are where the month starts, as in the cash book.
    let column =
        |acct: &str| -> Result<CashColumn> { crate::register::column(conn, acct, from, to) };
    // Loans in arrears exactly as the arrears list of the report's last day counts them:
    // instalments overdue and loan fines owed, from postings up to that day only.
    let arrears = crate::loan::arrears::arrears(conn, to)?;
    let borrowers: std::collections::HashSet<&str> =
        arrears.loans.iter().map(|l| l.member_id.as_str()).collect();
    let (fund_in, fund_out): (i64, i64) = conn.query_row(
        "SELECT coalesce(-sum(p.amount) FILTER (WHERE p.amount < 0), 0),
                coalesce(sum(p.amount) FILTER (WHERE p.amount > 0), 0)
         FROM posting p JOIN account a ON a.code = p.account
         WHERE a.fund = 'expense' AND p.date BETWEEN ?1 AND ?2",
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (income, expenses) = income_and_expenses(conn, from, to)?;
    let income_total: Money = income.iter().map(|l| l.amount).sum();
    let of_operating = |lines: &[FundLine]| -> Money {
        lines
            .iter()
            .filter(|l| l.fund == "operating")
            .map(|l| l.amount)
            .sum()
    };
    let operating = of_operating(&income) - of_operating(&expenses);
    let expenses_total: Money = expenses.iter().map(|l| l.amount).sum();
    let heads = crate::member::headcount(conn, from, to)?;
    Ok(FundReport {
        month: month.to_string(),
        from,
        to,
        receipts_total: receipts.iter().map(|l| l.amount).sum(),
        payments_total: payments.iter().map(|l| l.amount).sum(),
        receipts,
        payments,
        cash: column(CASH)?,
        bank: column(BANK)?,
        sajja_total: -ledger::account_balance(conn, SAJJA, Some(to))?,
        deposits_total: -ledger::account_balance(conn, DEPOSITS, Some(to))?,
        loans_outstanding: ledger::account_balance(conn, LOANS, Some(to))?,
        loans_in_arrears: arrears.total,
        borrowers_in_arrears: borrowers.len() as u32,
        expense_fund: ledger::expense_fund(conn, Some(to))?,
        expense_fund_note: ledger::expense_fund_note(conn, Some(to))?,
        expense_fund_opening: ledger::expense_fund(conn, from.pred_opt())?,
        expense_fund_in: Money::from_satang(fund_in),
        expense_fund_out: Money::from_satang(fund_out),
        operating_surplus: operating,
        income,
        income_total,
        expenses,
        expenses_total,
        net_income: income_total - expenses_total,
        members_active: heads.members,
        members_joined: heads.joined,
        members_left: heads.left,
        businesses: crate::business::statement::lines(conn, from, to)?,
    })
}
