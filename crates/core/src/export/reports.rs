//! The loan register, the arrears list and the month's fund report as workbooks, laid out from
//! the report models `--json` prints.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::book::{col, date, headers, number, save, sum, sums, xlsx_error, Styles};
use crate::error::Result;
use crate::loan::{ArrearsList, LoanRow};
use crate::money::Money;
use crate::report::fund::{self, FundReport};
use crate::thai::{self, Digits};

/// ทะเบียนเงินกู้: every contract with its status and principal still owed.
pub fn loans(rows: &[LoanRow], group: &str, path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("ทะเบียนเงินกู้").map_err(xlsx_error)?;
    let cols = [
        col("เลขที่สัญญา", 12.0),
        col("เลขที่สมาชิก", 10.0),
        col("ผู้กู้", 28.0),
        col("ประเภทเงินกู้", 14.0),
        col("วันที่ยื่นกู้", 13.0),
        col("จำนวนเงินกู้", 14.0),
        col("จำนวนงวด", 9.0),
        col("สถานะ", 14.0),
        col("เงินต้นคงเหลือ", 14.0),
    ];
    let first = headers(ws, &s, "ทะเบียนเงินกู้", group, &cols)?;
    for (i, l) in rows.iter().enumerate() {
        let r = first + i as u32;
        ws.write_string(r, 0, &l.loan).map_err(xlsx_error)?;
        ws.write_number_with_format(r, 1, f64::from(l.member), &s.int)
            .map_err(xlsx_error)?;
        ws.write_string(r, 2, &l.name).map_err(xlsx_error)?;
        ws.write_string(r, 3, &l.product).map_err(xlsx_error)?;
        ws.write_datetime_with_format(r, 4, date(l.applied_on)?, &s.date)
            .map_err(xlsx_error)?;
        ws.write_number_with_format(r, 5, number(l.amount), &s.money)
            .map_err(xlsx_error)?;
        ws.write_number_with_format(r, 6, f64::from(l.months), &s.int)
            .map_err(xlsx_error)?;
        ws.write_string(r, 7, &l.status_label).map_err(xlsx_error)?;
        ws.write_number_with_format(r, 8, number(l.balance), &s.money)
            .map_err(xlsx_error)?;
    }
    let end = first + rows.len() as u32;
    ws.write_string_with_format(end, 2, "รวม", &s.total_label)
        .map_err(xlsx_error)?;
    let last = end.saturating_sub(1);
    let total = |f: fn(&_) -> Money| rows.iter().map(f).sum();
    sums(
        ws,
        &s,
        end,
        first,
        last,
        &[(5, total(|l| l.amount)), (8, total(|l| l.balance))],
    )?;
    save(&mut wb, path)
}

/// ลูกหนี้ค้างชำระ: loans behind on a date, with what is overdue and how long.
pub fn arrears(list: &ArrearsList, group: &str, path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("ลูกหนี้ค้างชำระ").map_err(xlsx_error)?;
    let cols = [
        col("เลขที่สัญญา", 12.0),
        col("เลขที่สมาชิก", 10.0),
        col("ผู้กู้", 28.0),
        col("ประเภทเงินกู้", 14.0),
        col("เงินต้นคงเหลือ", 14.0),
        col("เงินต้นค้าง", 13.0),
        col("ดอกเบี้ยค้าง", 13.0),
        col("ค่าปรับค้าง", 12.0),
        col("รวมค้างชำระ", 14.0),
        col("จำนวนงวดที่ค้าง", 10.0),
        col("งวดแรกที่ค้าง", 13.0),
        col("ช่วงเวลาค้าง", 16.0),
        col("ผู้ค้ำประกัน", 36.0),
    ];
    let subtitle = format!(
        "{group} ณ วันที่ {}",
        thai::format_date(list.date, Digits::Arabic)
    );
    let first = headers(ws, &s, "รายงานลูกหนี้ค้างชำระ", &subtitle, &cols)?;
    for (i, a) in list.loans.iter().enumerate() {
        let r = first + i as u32;
        ws.write_string(r, 0, &a.loan).map_err(xlsx_error)?;
        ws.write_number_with_format(r, 1, f64::from(a.member), &s.int)
            .map_err(xlsx_error)?;
        ws.write_string(r, 2, &a.name).map_err(xlsx_error)?;
        ws.write_string(r, 3, &a.product).map_err(xlsx_error)?;
        let figures = [
            a.balance,
            a.overdue_principal,
            a.overdue_interest,
            a.fines,
            a.total,
        ];
        for (c, v) in (4u16..).zip(figures) {
            ws.write_number_with_format(r, c, number(v), &s.money)
                .map_err(xlsx_error)?;
        }
        ws.write_number_with_format(r, 9, f64::from(a.installments_overdue), &s.int)
            .map_err(xlsx_error)?;
        if let Some(d) = a.oldest_due {
            ws.write_datetime_with_format(r, 10, date(d)?, &s.date)
                .map_err(xlsx_error)?;
        }
        ws.write_string(r, 11, a.bucket_label).map_err(xlsx_error)?;
        let guarantors: Vec<String> = a
            .guarantors
            .iter()
            .map(|g| format!("{} {}", g.member, g.name))
            .collect();
        ws.write_string(r, 12, guarantors.join(", "))
            .map_err(xlsx_error)?;
    }
    let end = first + list.loans.len() as u32;
    ws.write_string_with_format(end, 2, "รวม", &s.total_label)
        .map_err(xlsx_error)?;
    let last = end.saturating_sub(1);
    let totals = [
        list.balance,
        list.overdue_principal,
        list.overdue_interest,
        list.fines,
        list.total,
    ];
    for (c, v) in (4u16..).zip(totals) {
        sum(ws, &s, end, c, first, last, v)?;
    }
    save(&mut wb, path)
}

/// รายงานฐานะการเงินประจำเดือน as a workbook, in the printed report's sections and words
/// ([`fund`]'s labels): cash in and out with the cash and bank columns, income and expense with
/// the month's net income, then the two funds apart and the members.
pub fn fund_report(r: &FundReport, group: &str, path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("รายงานประจำเดือน").map_err(xlsx_error)?;
    let cols = [
        col("รายการ", 48.0),
        col("จำนวนเงิน (บาท)", 16.0),
        col("ทุน", 14.0),
        col("", 16.0),
        col("", 16.0),
    ];
    let subtitle = format!(
        "{group} ({} ถึง {})",
        thai::format_date(r.from, Digits::Arabic),
        thai::format_date(r.to, Digits::Arabic)
    );
    let mut row = headers(ws, &s, fund::TITLE, &subtitle, &cols)?;
    let fund_label = |f: &str| {
        if f == "expense" {
            "ทุนค่าใช้สอย"
        } else {
            "ทุนดำเนินการ"
        }
    };
    // The same sections and words as the printed report: cash in and out first (savings,
    // deposits and principal repaid are not income), then income and expense, then the funds.
    let label = |ws: &mut rust_xlsxwriter::Worksheet, row: u32, text: &str| {
        ws.write_string_with_format(row, 0, text, &s.total_label)
            .map(|_| ())
            .map_err(xlsx_error)
    };
    let sides = |ws: &mut rust_xlsxwriter::Worksheet,
                 mut row: u32,
                 parts: [(&str, &[crate::report::fund::FundLine], &str, Money); 2]|
     -> Result<u32> {
        for (title, lines, total_label, total) in parts {
            label(ws, row, title)?;
            row += 1;
            let first = row;
            for l in lines {
                ws.write_string(row, 0, &l.label).map_err(xlsx_error)?;
                ws.write_number_with_format(row, 1, number(l.amount), &s.money)
                    .map_err(xlsx_error)?;
                ws.write_string(row, 2, fund_label(&l.fund))
                    .map_err(xlsx_error)?;
                row += 1;
            }
            label(ws, row, total_label)?;
            sum(ws, &s, row, 1, first, row.saturating_sub(1), total)?;
            row += 2;
        }
        Ok(row)
    };

    label(ws, row, fund::SECTION_CASH)?;
    row += 1;
    row = sides(
        ws,
        row,
        [
            (
                fund::CASH_IN,
                &r.receipts,
                fund::CASH_IN_TOTAL,
                r.receipts_total,
            ),
            (
                fund::CASH_OUT,
                &r.payments,
                fund::CASH_OUT_TOTAL,
                r.payments_total,
            ),
        ],
    )?;
    for (c, head) in ["", "ยอดต้นเดือน", "บวก รับ", "หัก จ่าย", "ยอดสิ้นเดือน"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *head, &s.total_label)
            .map_err(xlsx_error)?;
    }
    row += 1;
    let transfers = r.cash.receipts + r.bank.receipts - r.receipts_total;
    let mut table = vec![
        (
            "เงินสด",
            [
                r.cash.opening,
                r.cash.receipts,
                r.cash.payments,
                r.cash.closing,
            ],
        ),
        (
            "เงินฝากธนาคาร",
            [
                r.bank.opening,
                r.bank.receipts,
                r.bank.payments,
                r.bank.closing,
            ],
        ),
    ];
    if !transfers.is_zero() {
        table.push((
            "หัก ย้ายระหว่างเงินสดกับธนาคาร",
            [Money::ZERO, transfers, transfers, Money::ZERO],
        ));
    }
    table.push((
        "รวมเงินสดและเงินฝากธนาคาร",
        [
            r.cash.opening + r.bank.opening,
            r.receipts_total,
            r.payments_total,
            r.cash.closing + r.bank.closing,
        ],
    ));
    for (name, figures) in table {
        ws.write_string(row, 0, name).map_err(xlsx_error)?;
        for (c, v) in figures.into_iter().enumerate() {
            ws.write_number_with_format(row, 1 + c as u16, number(v), &s.money)
                .map_err(xlsx_error)?;
        }
        row += 1;
    }
    row += 1;

    label(ws, row, fund::SECTION_INCOME)?;
    row += 1;
    row = sides(
        ws,
        row,
        [
            (fund::INCOME, &r.income, fund::INCOME_TOTAL, r.income_total),
            (
                fund::EXPENSES,
                &r.expenses,
                fund::EXPENSES_TOTAL,
                r.expenses_total,
            ),
        ],
    )?;
    label(ws, row, fund::net_income_label(r.net_income))?;
    ws.write_number_with_format(row, 1, number(r.net_income.abs()), &s.money)
        .map_err(xlsx_error)?;
    row += 2;

    label(ws, row, fund::SECTION_FUNDS)?;
    row += 1;
    let arrears = format!("ลูกหนี้ค้างชำระ ({} ราย)", r.borrowers_in_arrears);
    let operating = if r.operating_surplus.is_negative() {
        "ขาดทุนสุทธิของทุนดำเนินการในเดือน"
    } else {
        "รายได้สุทธิของทุนดำเนินการในเดือน"
    };
    let funds: [(&str, Vec<(&str, Money)>); 2] = [
        (
            "ทุนดำเนินการ",
            vec![
                ("เงินสัจจะสะสมของสมาชิก", r.sajja_total),
                ("เงินฝากของสมาชิก", r.deposits_total),
                ("ลูกหนี้เงินกู้คงเหลือ", r.loans_outstanding),
                (arrears.as_str(), r.loans_in_arrears),
                (operating, r.operating_surplus.abs()),
            ],
        ),
        (
            "ทุนค่าใช้สอย",
            vec![
                ("ยอดยกมาต้นเดือน", r.expense_fund_opening),
                ("รับเข้าในเดือน", r.expense_fund_in),
                ("จ่ายออกในเดือน", r.expense_fund_out),
                ("คงเหลือสิ้นเดือน", r.expense_fund),
            ],
        ),
    ];
    for (name, lines) in funds {
        label(ws, row, name)?;
        row += 1;
        for (text, v) in lines {
            ws.write_string(row, 0, text).map_err(xlsx_error)?;
            ws.write_number_with_format(row, 1, number(v), &s.money)
                .map_err(xlsx_error)?;
            row += 1;
        }
        row += 1;
    }
    label(ws, row, "สมาชิก")?;
    row += 1;
    for (text, n) in [
        ("สมาชิก ณ สิ้นเดือน (คน)", r.members_active),
        ("เข้าใหม่ในเดือน (คน)", r.members_joined),
        ("พ้นสภาพในเดือน (คน)", r.members_left),
    ] {
        ws.write_string(row, 0, text).map_err(xlsx_error)?;
        ws.write_number_with_format(row, 1, f64::from(n), &s.int)
            .map_err(xlsx_error)?;
        row += 1;
    }
    save(&mut wb, path)
}
