//! The import template: one sheet per kind of data with the Thai headers the import reads
//! (columns may be moved, English names work too), and a sheet explaining every column.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::book::{save, xlsx_error, Styles};
use crate::error::Result;
use crate::import::Kind;

/// Explanations and examples per column, by the field's English name.
fn note(kind: Kind, field: &str) -> (&'static str, &'static str) {
    match (kind, field) {
        (Kind::Members, "number") => ("เลขที่สมาชิกตามทะเบียนเดิม (เว้นว่างให้โปรแกรมออกเลขต่อให้)", "12"),
        (Kind::Members, "name") => ("คำนำหน้า ชื่อ และนามสกุล", "นางสมศรี ใจงาม"),
        (Kind::Members, "id_card") => ("เลขประจำตัวประชาชน 13 หลัก", "3401700123452"),
        (Kind::Members, "joined") => ("วันที่เข้าเป็นสมาชิก (พ.ศ. หรือ ค.ศ.)", "1/6/2563"),
        (Kind::Members, "shares") => ("จำนวนหุ้นที่ส่งต่อเดือน", "5"),
        (Kind::Members, "address") => ("บ้านเลขที่ หมู่ ตำบล", "12 หมู่ 5"),
        (Kind::Members, "phone") => ("เบอร์โทรศัพท์", "0812345678"),
        (Kind::Members, "birth_date") => ("วันเกิด", "3/4/2510"),
        (Kind::Members, "beneficiaries") => (
            "ผู้รับผลประโยชน์ ชื่อ:ความสัมพันธ์:ร้อยละ หลายคนคั่นด้วย ;",
            "นายมานะ ใจงาม:บุตร:100",
        ),
        (_, "member") => ("เลขที่สมาชิก", "12"),
        (_, "name") => ("ชื่อ (ไว้ดูเท่านั้น โปรแกรมใช้เลขที่สมาชิก)", "นางสมศรี ใจงาม"),
        (Kind::Opening, "sajja") => ("เงินสัจจะสะสมถึงวันยกยอด", "30,000.00"),
        (Kind::Opening, "paid_through") => ("เดือนสุดท้ายที่ส่งสัจจะแล้ว", "2568-06"),
        (Kind::Opening, "deposits") => ("เงินฝากคงเหลือ", "1,500.00"),
        (Kind::Opening, "fines") => ("ค่าปรับที่ค้างชำระ", "20.00"),
        (Kind::Loans, "product") => ("รหัสประเภทเงินกู้ที่ตั้งไว้ในโปรแกรม", "สามัญ"),
        (Kind::Loans, "amount") => ("จำนวนเงินกู้ตามสัญญา", "50,000.00"),
        (Kind::Loans, "date") => ("วันที่จ่ายเงินกู้", "5/1/2568"),
        (Kind::Loans, "months") => ("จำนวนงวดตามสัญญา", "24"),
        (Kind::Loans, "principal_owed") => ("เงินต้นคงเหลือ ณ วันยกยอด", "31,250.00"),
        (Kind::Loans, "interest_paid_to") => ("เดือนสุดท้ายที่ชำระดอกเบี้ยแล้ว", "2568-06"),
        (Kind::Loans, "guarantors") => ("เลขที่สมาชิกผู้ค้ำ คั่นด้วยเว้นวรรค", "4 17"),
        (Kind::Funds, "account") => ("รหัสหรือชื่อบัญชี", "1100 เงินสด"),
        (Kind::Funds, "amount") => ("ยอดคงเหลือ ณ วันยกยอด", "12,345.00"),
        _ => ("", ""),
    }
}

/// Writes the template workbook to `path`.
pub fn template(path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();
    let kinds = [Kind::Members, Kind::Opening, Kind::Loans, Kind::Funds];
    for kind in kinds {
        let ws = wb.add_worksheet();
        ws.set_name(kind.sheet_names()[0]).map_err(xlsx_error)?;
        for (i, f) in kind.fields().iter().enumerate() {
            ws.write_string_with_format(0, i as u16, f.thai, &s.header)
                .map_err(xlsx_error)?;
            let width = (f.thai.chars().count() as f64 * 1.3).max(14.0);
            ws.set_column_width(i as u16, width).map_err(xlsx_error)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name("คำอธิบาย").map_err(xlsx_error)?;
    let heads = [
        "แผ่นงาน",
        "หัวคอลัมน์",
        "ชื่อภาษาอังกฤษ",
        "ต้องมี",
        "ความหมาย",
        "ตัวอย่าง",
    ];
    for (i, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &s.header)
            .map_err(xlsx_error)?;
    }
    let widths = [16.0, 22.0, 18.0, 8.0, 60.0, 24.0];
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w).map_err(xlsx_error)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    let mut row = 1;
    for kind in kinds {
        for f in kind.fields() {
            let (meaning, example) = note(kind, f.name);
            let cells = [
                kind.sheet_names()[0],
                f.thai,
                f.name,
                if f.required { "ต้องมี" } else { "" },
                meaning,
                example,
            ];
            for (i, c) in cells.iter().enumerate() {
                ws.write_string(row, i as u16, *c).map_err(xlsx_error)?;
            }
            row += 1;
        }
    }
    row += 1;
    for text in [
        "นำเข้าตามลำดับ: สมาชิก → ยอดยกมาสมาชิก → เงินกู้ → ยอดยกมาทุน (sajja import members|opening|loans|funds --file ไฟล์นี้)",
        "วันยกยอดคือวันแรกที่บันทึกบัญชีในโปรแกรม (--date) บัญชีก่อนวันนั้นถูกปิด",
        "ตัวเลขไทยหรืออารบิก วันที่ พ.ศ. หรือ ค.ศ. จำนวนเงินมีจุลภาคคั่นได้ คอลัมน์เรียงลำดับใดก็ได้",
    ] {
        ws.write_string(row, 0, text).map_err(xlsx_error)?;
        row += 1;
    }
    save(&mut wb, path)
}
