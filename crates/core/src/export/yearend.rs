//! The year-end as one workbook for the annual general meeting: the trial balance, the income
//! statement, the balance sheet and the receipts and payments of the year (each with the
//! previous year beside it, the two funds apart), the allocation of the net profit, and the
//! dividend and average-return register with a signature column. Laid out from the models
//! `sajja report … --json` and `sajja yearend preview --json` print.

use std::path::Path;

use rust_xlsxwriter::{Workbook, Worksheet};

use super::book::{col, headers, number, save, sum, sums, xlsx_error, Styles};
use crate::error::Result;
use crate::money::Money;
use crate::report::yearly::{BalanceSheet, IncomeStatement, Line, ReceiptsPayments, TrialBalance};
use crate::thai::{self, Digits};
use crate::yearend::Preview;

/// Everything the workbook shows of one year.
pub struct YearEnd<'a> {
    pub trial: &'a TrialBalance,
    pub income: &'a IncomeStatement,
    pub balance: &'a BalanceSheet,
    pub receipts: &'a ReceiptsPayments,
    pub preview: &'a Preview,
}

fn span_text(from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    format!(
        "{} ถึง {}",
        thai::format_date(from, Digits::Arabic),
        thai::format_date(to, Digits::Arabic)
    )
}

/// The columns of a statement: account, name, this year, the previous year.
fn statement_columns(year: i32) -> [super::book::Col; 4] {
    [
        col("รหัสบัญชี", 10.0),
        col("รายการ", 44.0),
        col(&format!("ปี {year} (บาท)"), 17.0),
        col(&format!("ปี {} (บาท)", year - 1), 17.0),
    ]
}

/// A section of statement lines under its title, with a total row of SUM formulas. Returns
/// the row after the total.
fn section(
    ws: &mut Worksheet,
    s: &Styles,
    mut row: u32,
    title: &str,
    lines: &[Line],
    total_label: &str,
    totals: (Money, Money),
) -> Result<u32> {
    ws.write_string_with_format(row, 1, title, &s.total_label)
        .map_err(xlsx_error)?;
    row += 1;
    let first = row;
    for l in lines {
        ws.write_string(row, 0, &l.code).map_err(xlsx_error)?;
        ws.write_string(row, 1, &l.name).map_err(xlsx_error)?;
        ws.write_number_with_format(row, 2, number(l.amount), &s.money)
            .map_err(xlsx_error)?;
        ws.write_number_with_format(row, 3, number(l.previous), &s.money)
            .map_err(xlsx_error)?;
        row += 1;
    }
    ws.write_string_with_format(row, 1, total_label, &s.total_label)
        .map_err(xlsx_error)?;
    let last = row.saturating_sub(1);
    let last = if lines.is_empty() { first - 1 } else { last };
    sums(ws, s, row, first, last, &[(2, totals.0), (3, totals.1)])?;
    Ok(row + 2)
}

/// A labelled figure pair (this year, previous year) in bold.
fn figure(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    label: &str,
    now: Money,
    before: Money,
) -> Result<()> {
    ws.write_string_with_format(row, 1, label, &s.total_label)
        .map_err(xlsx_error)?;
    ws.write_number_with_format(row, 2, number(now), &s.money_total)
        .map_err(xlsx_error)?;
    ws.write_number_with_format(row, 3, number(before), &s.money_total)
        .map_err(xlsx_error)?;
    Ok(())
}

fn trial_sheet(wb: &mut Workbook, s: &Styles, group: &str, t: &TrialBalance) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("งบทดลอง").map_err(xlsx_error)?;
    let cols = [
        col("รหัสบัญชี", 10.0),
        col("ชื่อบัญชี", 40.0),
        col("เดบิต (บาท)", 16.0),
        col("เครดิต (บาท)", 16.0),
        col(&format!("เดบิต ปี {} (บาท)", t.span.year - 1), 16.0),
        col(&format!("เครดิต ปี {} (บาท)", t.span.year - 1), 16.0),
    ];
    let subtitle = format!("{group} ({})", span_text(t.span.from, t.span.to));
    let first = headers(
        ws,
        s,
        &format!("งบทดลอง ปีบัญชี {}", t.span.year),
        &subtitle,
        &cols,
    )?;
    for (i, r) in t.rows.iter().enumerate() {
        let row = first + i as u32;
        ws.write_string(row, 0, &r.code).map_err(xlsx_error)?;
        ws.write_string(row, 1, &r.name).map_err(xlsx_error)?;
        for (c, v) in (2u16..).zip([r.debit, r.credit, r.previous_debit, r.previous_credit]) {
            ws.write_number_with_format(row, c, number(v), &s.money)
                .map_err(xlsx_error)?;
        }
    }
    let end = first + t.rows.len() as u32;
    ws.write_string_with_format(end, 1, "รวม", &s.total_label)
        .map_err(xlsx_error)?;
    let last = end.saturating_sub(1);
    let totals = [
        t.total_debit,
        t.total_credit,
        t.previous_total_debit,
        t.previous_total_credit,
    ];
    for (c, v) in (2u16..).zip(totals) {
        sum(ws, s, end, c, first, last, v)?;
    }
    Ok(())
}

fn income_sheet(wb: &mut Workbook, s: &Styles, group: &str, is: &IncomeStatement) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("งบรายได้-ค่าใช้จ่าย").map_err(xlsx_error)?;
    let subtitle = format!("{group} ({})", span_text(is.span.from, is.span.to));
    let mut row = headers(
        ws,
        s,
        &format!("งบรายได้-ค่าใช้จ่าย ปีบัญชี {}", is.span.year),
        &subtitle,
        &statement_columns(is.span.year),
    )?;
    let op = &is.operating;
    ws.write_string_with_format(row, 1, "ทุนดำเนินการ", &s.title)
        .map_err(xlsx_error)?;
    row += 1;
    row = section(
        ws,
        s,
        row,
        "รายได้",
        &op.income,
        "รวมรายได้",
        (op.income_total, op.previous_income_total),
    )?;
    row = section(
        ws,
        s,
        row,
        "ค่าใช้จ่าย",
        &op.expenses,
        "รวมค่าใช้จ่าย",
        (op.expenses_total, op.previous_expenses_total),
    )?;
    figure(
        ws,
        s,
        row,
        "กำไร(ขาดทุน)สุทธิ",
        is.net_profit,
        is.previous_net_profit,
    )?;
    row += 2;
    let ef = &is.expense_fund;
    ws.write_string_with_format(row, 1, "ทุนค่าใช้สอย (ไม่นับเป็นกำไร)", &s.title)
        .map_err(xlsx_error)?;
    row += 1;
    row = section(
        ws,
        s,
        row,
        "รายรับของทุนค่าใช้สอย",
        &ef.income,
        "รวมรายรับ",
        (ef.income_total, ef.previous_income_total),
    )?;
    row = section(
        ws,
        s,
        row,
        "รายจ่ายของทุนค่าใช้สอย",
        &ef.expenses,
        "รวมรายจ่าย",
        (ef.expenses_total, ef.previous_expenses_total),
    )?;
    figure(ws, s, row, "รายรับสูง(ต่ำ)กว่ารายจ่าย", ef.net, ef.previous_net)
}

fn balance_sheet(wb: &mut Workbook, s: &Styles, group: &str, b: &BalanceSheet) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("งบแสดงฐานะการเงิน").map_err(xlsx_error)?;
    let subtitle = format!(
        "{group} ณ วันที่ {}",
        thai::format_date(b.span.to, Digits::Arabic)
    );
    let mut row = headers(
        ws,
        s,
        &format!("งบแสดงฐานะการเงิน ปีบัญชี {}", b.span.year),
        &subtitle,
        &statement_columns(b.span.year),
    )?;
    row = section(
        ws,
        s,
        row,
        "สินทรัพย์",
        &b.assets,
        "รวมสินทรัพย์",
        (b.total_assets, b.previous_total_assets),
    )?;
    row = section(
        ws,
        s,
        row,
        "หนี้สิน",
        &b.liabilities,
        "รวมหนี้สิน",
        (b.total_liabilities, b.previous_total_liabilities),
    )?;
    row = section(
        ws,
        s,
        row,
        "ทุนดำเนินการ",
        &b.operating_capital,
        "รวมทุนดำเนินการ",
        (
            b.total_operating_capital,
            b.previous_total_operating_capital,
        ),
    )?;
    figure(
        ws,
        s,
        row,
        "ทุนค่าใช้สอย",
        b.expense_fund,
        b.previous_expense_fund,
    )?;
    figure(
        ws,
        s,
        row + 2,
        "รวมหนี้สินและทุน",
        b.total_liabilities_and_funds,
        b.previous_total_liabilities_and_funds,
    )
}

fn receipts_sheet(wb: &mut Workbook, s: &Styles, group: &str, r: &ReceiptsPayments) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("งบรับ-จ่าย").map_err(xlsx_error)?;
    let subtitle = format!("{group} ({})", span_text(r.span.from, r.span.to));
    let mut row = headers(
        ws,
        s,
        &format!("งบรับ-จ่าย ปีบัญชี {}", r.span.year),
        &subtitle,
        &statement_columns(r.span.year),
    )?;
    figure(
        ws,
        s,
        row,
        "เงินสดและเงินฝากธนาคารยกมา",
        r.opening,
        r.previous_opening,
    )?;
    row += 2;
    row = section(
        ws,
        s,
        row,
        "รายรับ",
        &r.receipts,
        "รวมรายรับ",
        (r.receipts_total, r.previous_receipts_total),
    )?;
    row = section(
        ws,
        s,
        row,
        "รายจ่าย",
        &r.payments,
        "รวมรายจ่าย",
        (r.payments_total, r.previous_payments_total),
    )?;
    figure(
        ws,
        s,
        row,
        "เงินสดและเงินฝากธนาคารคงเหลือ",
        r.closing,
        r.previous_closing,
    )
}

fn allocation_sheet(wb: &mut Workbook, s: &Styles, group: &str, p: &Preview) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("จัดสรรกำไร").map_err(xlsx_error)?;
    let cols = [
        col("รายการจัดสรร", 34.0),
        col("ร้อยละ", 9.0),
        col("จำนวนเงิน (บาท)", 17.0),
        col("เศษจากการปัด (บาท)", 15.0),
        col("บัญชี", 9.0),
    ];
    let state = if p.closed.is_some() {
        "ปิดบัญชีแล้ว"
    } else {
        "ร่าง ยังไม่ได้อนุมัติ"
    };
    let subtitle = format!(
        "{group} ({}) กำไรสุทธิ {} บาท — {state}",
        span_text(p.from, p.to),
        p.net_profit.grouped()
    );
    let first = headers(
        ws,
        s,
        &format!("การจัดสรรกำไรสุทธิ ปีบัญชี {}", p.year),
        &subtitle,
        &cols,
    )?;
    for (i, l) in p.allocation.iter().enumerate() {
        let row = first + i as u32;
        ws.write_string(row, 0, &l.label).map_err(xlsx_error)?;
        let pct: f64 = l.percent.parse().unwrap_or(0.0);
        ws.write_number(row, 1, pct).map_err(xlsx_error)?;
        ws.write_number_with_format(row, 2, number(l.amount), &s.money)
            .map_err(xlsx_error)?;
        ws.write_number_with_format(row, 3, number(l.residual), &s.money)
            .map_err(xlsx_error)?;
        ws.write_string(row, 4, &l.account).map_err(xlsx_error)?;
    }
    let end = first + p.allocation.len() as u32;
    ws.write_string_with_format(end, 0, "รวม", &s.total_label)
        .map_err(xlsx_error)?;
    let last = end.saturating_sub(1);
    let pools: Money = p.allocation.iter().map(|l| l.amount).sum();
    sums(ws, s, end, first, last, &[(2, pools), (3, p.residual)])?;
    let notes = [
        format!("วิธีคิดปันผล: {} — ปัดเศษ: {}", p.method_label, p.rounding_label),
        format!(
            "ปันผลคิดเป็นร้อยละ {} ต่อปี, เฉลี่ยคืนร้อยละ {} ของดอกเบี้ยที่จ่าย",
            p.dividend_rate, p.average_return_rate
        ),
        format!(
            "เศษจากการปัดรวม {} บาท เข้าทุนสำรอง (ทุนสำรองได้รับทั้งสิ้น {} บาท)",
            p.residual.grouped(),
            p.reserve_total.grouped()
        ),
    ];
    for (i, n) in notes.iter().enumerate() {
        ws.write_string(end + 2 + i as u32, 0, n)
            .map_err(xlsx_error)?;
    }
    Ok(())
}

fn register_sheet(wb: &mut Workbook, s: &Styles, group: &str, p: &Preview) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("ทะเบียนปันผล-เฉลี่ยคืน").map_err(xlsx_error)?;
    // A year with a purchase-based return has its two columns after the average return.
    let with_purchases = p.members.iter().any(|m| !m.purchase_return.is_zero());
    let extra: u16 = if with_purchases { 2 } else { 0 };
    let mut cols = vec![
        col("เลขที่สมาชิก", 10.0),
        col("ชื่อ-สกุล", 30.0),
        col("เงินสัจจะต้นปี", 15.0),
        col("เงินสัจจะสิ้นปี", 15.0),
        col("ยอดถัวเฉลี่ย (ฐานปันผล)", 18.0),
        col("ปันผล", 14.0),
        col("ดอกเบี้ยที่จ่ายในปี", 15.0),
        col("เฉลี่ยคืน", 14.0),
    ];
    if with_purchases {
        cols.push(col("ยอดซื้อจากธุรกิจในปี", 15.0));
        cols.push(col("เฉลี่ยคืนตามยอดซื้อ", 14.0));
    }
    cols.extend([
        col("รวมรับ", 14.0),
        col("หมายเหตุ", 30.0),
        col("ลายมือชื่อผู้รับ", 20.0),
    ]);
    let subtitle = format!("{group} ({})", span_text(p.from, p.to));
    let first = headers(
        ws,
        s,
        &format!("ทะเบียนปันผล-เฉลี่ยคืน ปีบัญชี {}", p.year),
        &subtitle,
        &cols,
    )?;
    for (i, m) in p.members.iter().enumerate() {
        let row = first + i as u32;
        ws.write_number_with_format(row, 0, f64::from(m.member), &s.int)
            .map_err(xlsx_error)?;
        ws.write_string(row, 1, &m.name).map_err(xlsx_error)?;
        let mut figures = vec![
            (2u16, m.savings_opening),
            (3, m.savings_closing),
            (4, m.weight),
            (5, m.dividend),
            (6, m.interest_paid),
            (7, m.average_return),
        ];
        if with_purchases {
            figures.extend([(8, m.purchases), (9, m.purchase_return)]);
        }
        figures.push((8 + extra, m.total));
        for (c, v) in figures {
            ws.write_number_with_format(row, c, number(v), &s.money)
                .map_err(xlsx_error)?;
        }
        ws.write_string(row, 9 + extra, &m.excluded)
            .map_err(xlsx_error)?;
    }
    let end = first + p.members.len() as u32;
    ws.write_string_with_format(end, 1, "รวม", &s.total_label)
        .map_err(xlsx_error)?;
    let last = end.saturating_sub(1);
    let total =
        |f: fn(&crate::yearend::MemberShare) -> Money| -> Money { p.members.iter().map(f).sum() };
    let mut cols = vec![
        (4, total(|m| m.weight)),
        (5, p.dividend_paid_out),
        (6, total(|m| m.interest_paid)),
        (7, p.average_return_paid_out),
    ];
    if with_purchases {
        cols.extend([(8, total(|m| m.purchases)), (9, p.purchase_return_paid_out)]);
    }
    cols.push((8 + extra, total(|m| m.total)));
    sums(ws, s, end, first, last, &cols)?;
    Ok(())
}

/// Writes the year-end workbook.
pub fn write(y: &YearEnd<'_>, group: &str, path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    trial_sheet(&mut wb, &s, group, y.trial)?;
    income_sheet(&mut wb, &s, group, y.income)?;
    balance_sheet(&mut wb, &s, group, y.balance)?;
    receipts_sheet(&mut wb, &s, group, y.receipts)?;
    allocation_sheet(&mut wb, &s, group, y.preview)?;
    register_sheet(&mut wb, &s, group, y.preview)?;
    save(&mut wb, path)
}
