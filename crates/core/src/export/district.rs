//! The district summary (สรุปข้อมูลกลุ่มส่งอำเภอ): the figures the district office collects from
//! every group, for a month or an accounting year, as one header row and one row for the
//! group, so a district officer can paste the rows of many groups under one header. Written as
//! .xlsx or as CSV (UTF-8 with a byte-order mark, which Thai Excel opens as Thai).

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use rust_xlsxwriter::Workbook;

use super::book::{number, save, xlsx_error, Styles};
use crate::account::{self, BANK, CASH, DEPOSITS, LOANS, SAJJA};
use crate::error::{Error, Result};
use crate::ledger;
use crate::money::Money;

/// One group's figures for a period.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DistrictRow {
    pub group: String,
    pub village: String,
    pub moo: String,
    pub tambon: String,
    pub amphoe: String,
    pub province: String,
    /// "2568-07" or "2568" (พ.ศ. year label).
    pub period: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub members: u32,
    pub members_joined: u32,
    pub members_left: u32,
    pub savings: Money,
    pub deposits: Money,
    pub borrowers: u32,
    pub loans_outstanding: Money,
    pub borrowers_in_arrears: u32,
    pub loans_in_arrears: Money,
    pub cash: Money,
    pub bank: Money,
    pub reserve: Money,
    pub welfare_fund: Money,
    pub public_benefit_fund: Money,
    pub other_funds: Money,
    pub expense_fund: Money,
    /// Income and expenses of the period (both funds), opening and year-closing entries apart.
    pub income: Money,
    pub expenses: Money,
    pub net: Money,
    /// The year's allocation when the year was closed in the period.
    pub dividends: Money,
    pub average_returns: Money,
    pub to_reserve: Money,
}

/// The columns: (Thai header, English key).
pub const COLUMNS: &[(&str, &str)] = &[
    ("ชื่อกลุ่ม", "group"),
    ("หมู่บ้าน", "village"),
    ("หมู่ที่", "moo"),
    ("ตำบล", "tambon"),
    ("อำเภอ", "amphoe"),
    ("จังหวัด", "province"),
    ("งวด", "period"),
    ("สมาชิก (คน)", "members"),
    ("สมาชิกเข้าใหม่", "members_joined"),
    ("สมาชิกพ้นสภาพ", "members_left"),
    ("เงินสัจจะสะสม", "savings"),
    ("เงินฝากสมาชิก", "deposits"),
    ("ผู้กู้ (คน)", "borrowers"),
    ("ลูกหนี้เงินกู้คงเหลือ", "loans_outstanding"),
    ("ผู้กู้ค้างชำระ (คน)", "borrowers_in_arrears"),
    ("เงินกู้ค้างชำระ", "loans_in_arrears"),
    ("เงินสด", "cash"),
    ("เงินฝากธนาคาร", "bank"),
    ("ทุนสำรอง", "reserve"),
    ("ทุนสวัสดิการ", "welfare_fund"),
    ("ทุนสาธารณประโยชน์", "public_benefit_fund"),
    ("ทุนอื่น", "other_funds"),
    ("ทุนค่าใช้สอย", "expense_fund"),
    ("รายได้", "income"),
    ("ค่าใช้จ่าย", "expenses"),
    ("รายได้สูง(ต่ำ)กว่าค่าใช้จ่าย", "net"),
    ("เงินปันผล", "dividends"),
    ("เงินเฉลี่ยคืน", "average_returns"),
    ("จัดสรรเข้าทุนสำรอง", "to_reserve"),
];

fn credit_balance(conn: &Connection, code: &str, to: NaiveDate) -> Result<Money> {
    Ok(-ledger::account_balance(conn, code, Some(to))?)
}

/// The figures of `from`..=`to`, labelled `period`.
pub fn row(conn: &Connection, period: &str, from: NaiveDate, to: NaiveDate) -> Result<DistrictRow> {
    let g = crate::group::get(conn)?;
    let crate::member::Headcount {
        members,
        joined,
        left,
    } = crate::member::headcount(conn, from, to)?;
    let borrowers: u32 = conn.query_row(
        "SELECT count(*) FROM (SELECT member_id FROM posting WHERE account = '1200' AND date <= ?1
         GROUP BY member_id HAVING sum(amount) > 0)",
        [to],
        |r| r.get(0),
    )?;
    let arrears = crate::loan::arrears::arrears(conn, to)?;
    let in_arrears: std::collections::HashSet<&str> =
        arrears.loans.iter().map(|l| l.member_id.as_str()).collect();
    // Income and expenses of the period: what the year's statements count (no opening or
    // closing entries).
    let (income, expenses): (i64, i64) = conn.query_row(
        "SELECT coalesce(-sum(p.amount) FILTER (WHERE a.kind = 'income'), 0),
                coalesce(sum(p.amount) FILTER (WHERE a.kind = 'expense'), 0)
         FROM posting p JOIN account a ON a.code = p.account
         JOIN journal_entry e ON e.seq = p.entry_seq
         WHERE p.date BETWEEN ?1 AND ?2 AND e.kind NOT IN ('opening', 'year_close')",
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let closing = |code: &str| -> Result<Money> {
        let v: i64 = conn.query_row(
            "SELECT coalesce(-sum(p.amount), 0) FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
             WHERE e.kind = 'year_close' AND p.account = ?1 AND p.date BETWEEN ?2 AND ?3",
            params![code, from, to],
            |r| r.get(0),
        )?;
        Ok(Money::from_satang(v))
    };
    Ok(DistrictRow {
        group: g.name,
        village: g.village,
        moo: g.moo,
        tambon: g.tambon,
        amphoe: g.amphoe,
        province: g.province,
        period: period.to_string(),
        from,
        to,
        members,
        members_joined: joined,
        members_left: left,
        savings: credit_balance(conn, SAJJA, to)?,
        deposits: credit_balance(conn, DEPOSITS, to)?,
        borrowers,
        loans_outstanding: ledger::account_balance(conn, LOANS, Some(to))?,
        borrowers_in_arrears: in_arrears.len() as u32,
        loans_in_arrears: arrears.total,
        cash: ledger::account_balance(conn, CASH, Some(to))?,
        bank: ledger::account_balance(conn, BANK, Some(to))?,
        reserve: credit_balance(conn, account::RESERVE, to)?,
        welfare_fund: credit_balance(conn, account::WELFARE_FUND, to)?,
        public_benefit_fund: credit_balance(conn, account::PUBLIC_BENEFIT_FUND, to)?,
        other_funds: credit_balance(conn, account::OTHER_FUNDS, to)?,
        expense_fund: ledger::expense_fund(conn, Some(to))?,
        income: Money::from_satang(income),
        expenses: Money::from_satang(expenses),
        net: Money::from_satang(income - expenses),
        dividends: closing(account::DIVIDENDS_PAYABLE)?,
        average_returns: closing(account::AVERAGE_RETURN_PAYABLE)?,
        to_reserve: closing(account::RESERVE)?,
    })
}

/// The row's cells in the order of [`COLUMNS`], as text (amounts with two decimals, no
/// separators, so every spreadsheet reads them as numbers).
pub fn cells(r: &DistrictRow) -> Vec<String> {
    let v = serde_json::to_value(r).expect("plain data serialises");
    COLUMNS
        .iter()
        .map(|(_, key)| match &v[*key] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// Writes the summary to `path`: .xlsx or .csv by its extension.
pub fn write(r: &DistrictRow, path: &Path) -> Result<()> {
    let ext = crate::text::file_extension(path);
    match ext.as_str() {
        "csv" => write_csv(r, path),
        "xlsx" => write_xlsx(r, path),
        _ => Err(Error::invalid(
            "out",
            format!(
                "สรุปส่งอำเภอเขียนได้เป็น .xlsx หรือ .csv (ได้ \"{}\")",
                path.display()
            ),
        )),
    }
}

fn write_csv(r: &DistrictRow, path: &Path) -> Result<()> {
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let fail = |e: csv::Error| Error::Refused(format!("เขียนไฟล์ CSV ไม่ได้: {e}"));
    w.write_record(COLUMNS.iter().map(|(h, _)| *h))
        .map_err(fail)?;
    w.write_record(cells(r)).map_err(fail)?;
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Refused(format!("เขียนไฟล์ CSV ไม่ได้: {e}")))?;
    let tmp = path.with_extension("csv.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

fn write_xlsx(r: &DistrictRow, path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("สรุปส่งอำเภอ").map_err(xlsx_error)?;
    let v = serde_json::to_value(r).expect("plain data serialises");
    for (c, (header, key)) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *header, &s.header)
            .map_err(xlsx_error)?;
        ws.set_column_width(c, (header.chars().count() as f64 * 1.2).max(12.0))
            .map_err(xlsx_error)?;
        match &v[*key] {
            serde_json::Value::Number(n) => {
                ws.write_number_with_format(1, c, n.as_f64().unwrap_or(0.0), &s.int)
                    .map_err(xlsx_error)?;
            }
            serde_json::Value::String(text) => match Money::parse_signed(text) {
                Ok(m) if !matches!(*key, "moo" | "period" | "group" | "village") => {
                    ws.write_number_with_format(1, c, number(m), &s.money)
                        .map_err(xlsx_error)?;
                }
                _ => {
                    ws.write_string(1, c, text).map_err(xlsx_error)?;
                }
            },
            other => {
                ws.write_string(1, c, other.to_string())
                    .map_err(xlsx_error)?;
            }
        }
    }
    ws.set_row_height(0, 33).map_err(xlsx_error)?;
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    save(&mut wb, path)
}
