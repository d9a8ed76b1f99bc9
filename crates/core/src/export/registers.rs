//! The registers as workbooks: members, the pledged-savings register of a year, the cash book
//! of a month. Each sheet lays out the report model that `--json` prints, in its order.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::book::{col, date, headers, number, save, sum, sums, xlsx_error, Styles};
use crate::error::Result;
use crate::member::{MemberRow, MemberStatus};
use crate::register::{CashBook, SajjaRegister};
use crate::thai::{self, Digits};

fn status_label(s: MemberStatus) -> &'static str {
    if s.is_active() {
        "เป็นสมาชิก"
    } else {
        "พ้นสภาพ"
    }
}

/// ทะเบียนสมาชิก: the member list.
pub fn members(rows: &[MemberRow], group: &str, path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("ทะเบียนสมาชิก").map_err(xlsx_error)?;
    let cols = [
        col("เลขที่สมาชิก", 10.0),
        col("ชื่อ-สกุล", 32.0),
        col("วันที่เข้าเป็นสมาชิก", 16.0),
        col("จำนวนหุ้น", 10.0),
        col("สถานะ", 12.0),
    ];
    let first = headers(ws, &s, "ทะเบียนสมาชิก", group, &cols)?;
    for (i, m) in rows.iter().enumerate() {
        let r = first + i as u32;
        ws.write_number_with_format(r, 0, f64::from(m.number), &s.int)
            .map_err(xlsx_error)?;
        ws.write_string(r, 1, &m.full_name).map_err(xlsx_error)?;
        ws.write_datetime_with_format(r, 2, date(m.joined)?, &s.date)
            .map_err(xlsx_error)?;
        ws.write_number_with_format(r, 3, f64::from(m.shares), &s.int)
            .map_err(xlsx_error)?;
        ws.write_string(r, 4, status_label(m.status))
            .map_err(xlsx_error)?;
    }
    save(&mut wb, path)
}

/// ทะเบียนคุมเงินสัจจะ: member × month of the accounting year, totals as formulas.
pub fn register(reg: &SajjaRegister, group: &str, path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(format!("ทะเบียนสัจจะ {}", reg.year))
        .map_err(xlsx_error)?;
    let month_names: Vec<String> = reg
        .months
        .iter()
        .map(|m| {
            m.parse::<thai::YearMonth>()
                .map_or_else(|_| m.clone(), |ym| thai::format_month(ym, Digits::Arabic))
        })
        .collect();
    let mut cols = vec![col("เลขที่", 8.0), col("ชื่อ-สกุล", 28.0), col("ยกมาต้นปี", 13.0)];
    for m in &month_names {
        cols.push(col(m, 11.0));
    }
    cols.push(col("รับปีนี้", 13.0));
    cols.push(col("คืนเมื่อพ้นสภาพ", 13.0));
    cols.push(col("คงเหลือ", 13.0));
    let subtitle = format!(
        "{group} ปีบัญชี {} ({} ถึง {})",
        reg.year,
        thai::format_date(reg.from, Digits::Arabic),
        thai::format_date(reg.to, Digits::Arabic)
    );
    let first = headers(ws, &s, "ทะเบียนคุมเงินสัจจะ", &subtitle, &cols)?;
    for (i, row) in reg.rows.iter().enumerate() {
        let r = first + i as u32;
        ws.write_number_with_format(r, 0, f64::from(row.member), &s.int)
            .map_err(xlsx_error)?;
        ws.write_string(r, 1, &row.name).map_err(xlsx_error)?;
        let figures = std::iter::once(&row.opening).chain(&row.months).chain([
            &row.total,
            &row.refund,
            &row.closing,
        ]);
        for (c, v) in (2u16..).zip(figures) {
            ws.write_number_with_format(r, c, number(*v), &s.money)
                .map_err(xlsx_error)?;
        }
    }
    let last = first + reg.rows.len() as u32;
    let total_row = last;
    ws.write_string_with_format(total_row, 1, "รวม", &s.total_label)
        .map_err(xlsx_error)?;
    let opening: crate::Money = reg.rows.iter().map(|r| r.opening).sum();
    let closing: crate::Money = reg.rows.iter().map(|r| r.closing).sum();
    let mut totals = vec![opening];
    totals.extend(reg.month_totals.iter().copied());
    totals.extend([reg.total, reg.refund_total, closing]);
    for (k, v) in totals.iter().enumerate() {
        sum(
            ws,
            &s,
            total_row,
            2 + k as u16,
            first,
            last.saturating_sub(1),
            *v,
        )?;
    }
    save(&mut wb, path)
}

/// สมุดเงินสด: the month's lines with cash and bank in and out, opening and closing.
pub fn cashbook(book: &CashBook, group: &str, path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("สมุดเงินสด").map_err(xlsx_error)?;
    let cols = [
        col("วันที่", 12.0),
        col("เลขที่ใบเสร็จ", 12.0),
        col("รายการ", 48.0),
        col("เงินสดรับ", 13.0),
        col("เงินสดจ่าย", 13.0),
        col("ธนาคารรับ", 13.0),
        col("ธนาคารจ่าย", 13.0),
    ];
    let subtitle = format!(
        "{group} ({} ถึง {})",
        thai::format_date(book.from, Digits::Arabic),
        thai::format_date(book.to, Digits::Arabic)
    );
    let first = headers(ws, &s, "สมุดเงินสด", &subtitle, &cols)?;
    ws.write_string_with_format(first, 2, "ยอดยกมา", &s.total_label)
        .map_err(xlsx_error)?;
    ws.write_number_with_format(first, 3, number(book.cash.opening), &s.money)
        .map_err(xlsx_error)?;
    ws.write_number_with_format(first, 5, number(book.bank.opening), &s.money)
        .map_err(xlsx_error)?;
    let start = first + 1;
    for (i, l) in book.lines.iter().enumerate() {
        let r = start + i as u32;
        ws.write_datetime_with_format(r, 0, date(l.date)?, &s.date)
            .map_err(xlsx_error)?;
        ws.write_string(r, 1, l.receipt.as_deref().unwrap_or(""))
            .map_err(xlsx_error)?;
        ws.write_string(r, 2, &l.memo).map_err(xlsx_error)?;
        for (c, v) in [
            (3, l.cash_in),
            (4, l.cash_out),
            (5, l.bank_in),
            (6, l.bank_out),
        ] {
            ws.write_number_with_format(r, c, number(v), &s.money)
                .map_err(xlsx_error)?;
        }
    }
    let end = start + book.lines.len() as u32;
    ws.write_string_with_format(end, 2, "รวม", &s.total_label)
        .map_err(xlsx_error)?;
    sums(
        ws,
        &s,
        end,
        start,
        end.saturating_sub(1),
        &[
            (3, book.cash.receipts),
            (4, book.cash.payments),
            (5, book.bank.receipts),
            (6, book.bank.payments),
        ],
    )?;
    ws.write_string_with_format(end + 1, 2, "ยอดคงเหลือยกไป", &s.total_label)
        .map_err(xlsx_error)?;
    let d = |c: u16| rust_xlsxwriter::utility::column_number_to_name(c);
    for (c, closing) in [(3u16, book.cash.closing), (5u16, book.bank.closing)] {
        let f = rust_xlsxwriter::Formula::new(format!(
            "={a}{o}+{a}{t}-{b}{t}",
            a = d(c),
            b = d(c + 1),
            o = first + 1,
            t = end + 1
        ))
        .set_result(closing.to_string());
        ws.write_formula_with_format(end + 1, c, f, &s.money_total)
            .map_err(xlsx_error)?;
    }
    save(&mut wb, path)
}
