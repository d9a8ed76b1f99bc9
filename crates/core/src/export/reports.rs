//! The loan register, the arrears list and the month's fund report as workbooks, laid out from
//! the report models `--json` prints.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::book::{col, date, headers, number, save, sum, xlsx_error, Styles};
use crate::error::Result;
use crate::loan::{ArrearsList, LoanRow};
use crate::money::Money;
use crate::report::fund::FundReport;
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
    sum(
        ws,
        &s,
        end,
        5,
        first,
        last,
        rows.iter().map(|l| l.amount).sum(),
    )?;
    sum(
        ws,
        &s,
        end,
        8,
        first,
        last,
        rows.iter().map(|l| l.balance).sum(),
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

/// รายงานฐานะการเงินประจำเดือน: receipts and payments with totals, the cash and bank columns,
/// and the month-end figures, the two funds apart.
pub fn fund_report(r: &FundReport, group: &str, path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("รายงานประจำเดือน").map_err(xlsx_error)?;
    let cols = [
        col("รายการ", 48.0),
        col("จำนวนเงิน (บาท)", 16.0),
        col("ทุน", 14.0),
    ];
    let subtitle = format!(
        "{group} ({} ถึง {})",
        thai::format_date(r.from, Digits::Arabic),
        thai::format_date(r.to, Digits::Arabic)
    );
    let mut row = headers(ws, &s, "รายงานฐานะการเงินประจำเดือน", &subtitle, &cols)?;
    let fund_label = |f: &str| {
        if f == "expense" {
            "ทุนค่าใช้สอย"
        } else {
            "ทุนดำเนินการ"
        }
    };
    for (title, lines, total) in [
        ("รายรับ", &r.receipts, r.receipts_total),
        ("รายจ่าย", &r.payments, r.payments_total),
    ] {
        ws.write_string_with_format(row, 0, title, &s.total_label)
            .map_err(xlsx_error)?;
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
        ws.write_string_with_format(row, 0, format!("รวม{title}"), &s.total_label)
            .map_err(xlsx_error)?;
        sum(ws, &s, row, 1, first, row.saturating_sub(1), total)?;
        row += 2;
    }
    let summary: [(&str, Money); 16] = [
        ("เงินสดยกมา", r.cash.opening),
        ("เงินสดคงเหลือ", r.cash.closing),
        ("เงินฝากธนาคารยกมา", r.bank.opening),
        ("เงินฝากธนาคารคงเหลือ", r.bank.closing),
        ("เงินสัจจะสะสมของสมาชิก", r.sajja_total),
        ("เงินฝากของสมาชิก", r.deposits_total),
        ("ลูกหนี้เงินกู้คงเหลือ", r.loans_outstanding),
        ("ลูกหนี้เงินกู้ค้างชำระ", r.loans_in_arrears),
        ("ทุนค่าใช้สอยยกมา", r.expense_fund_opening),
        ("ทุนค่าใช้สอยรับ", r.expense_fund_in),
        ("ทุนค่าใช้สอยจ่าย", r.expense_fund_out),
        ("ทุนค่าใช้สอยคงเหลือ", r.expense_fund),
        ("รายได้สูงกว่ารายจ่ายของทุนดำเนินการ", r.operating_surplus),
        (
            "สมาชิกคงอยู่ (คน)",
            Money::from_satang(i64::from(r.members_active) * 100),
        ),
        (
            "สมาชิกเข้าใหม่ (คน)",
            Money::from_satang(i64::from(r.members_joined) * 100),
        ),
        (
            "สมาชิกพ้นสภาพ (คน)",
            Money::from_satang(i64::from(r.members_left) * 100),
        ),
    ];
    ws.write_string_with_format(row, 0, "ฐานะ ณ สิ้นเดือน", &s.total_label)
        .map_err(xlsx_error)?;
    row += 1;
    for (label, v) in summary {
        ws.write_string(row, 0, label).map_err(xlsx_error)?;
        let fmt = if label.ends_with("(คน)") {
            &s.int
        } else {
            &s.money
        };
        ws.write_number_with_format(row, 1, number(v), fmt)
            .map_err(xlsx_error)?;
        row += 1;
    }
    save(&mut wb, path)
}
