//! Lengths in millimetres as a treasurer types them into the settings (`7`, `7.5`, `๗.๕`,
//! `7 มม.`, `180x230`): the passbook's geometry. Plain values at the bottom of the core, so the
//! settings can check them and the documents can read them without either knowing the other.
//! Lengths are layout, never money, so `f32` is fine here.

use crate::error::{Error, Result};

/// Reads a length in mm: `7`, `7.5`, `๗.๕`, `7 มม.`.
pub fn parse_mm(v: &str) -> Result<f32> {
    let arabic = crate::thai::to_arabic_digits(v);
    let t = arabic
        .trim()
        .trim_end_matches("มม.")
        .trim_end_matches("mm")
        .trim();
    let ok = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.matches('.').count() <= 1;
    let value: f32 = if ok { t.parse().unwrap_or(-1.0) } else { -1.0 };
    if !(0.0..=1000.0).contains(&value) {
        return Err(Error::invalid(
            "value",
            format!("\"{}\" ไม่ใช่ระยะเป็นมิลลิเมตร — พิมพ์เช่น 7 หรือ 7.5", v.trim()),
        ));
    }
    Ok(value)
}

pub fn parse_page(v: &str) -> Result<(f32, f32)> {
    let arabic = crate::thai::to_arabic_digits(v).to_lowercase();
    let parts: Vec<&str> = arabic.split(['x', '×', '*']).collect();
    let bad = || {
        Error::invalid(
            "value",
            format!(
                "\"{}\" ไม่ใช่ขนาดหน้า — พิมพ์ กว้างxสูง เป็นมิลลิเมตร เช่น 180x230",
                v.trim()
            ),
        )
    };
    match parts.as_slice() {
        [w, h] => {
            let (w, h) = (
                parse_mm(w).map_err(|_| bad())?,
                parse_mm(h).map_err(|_| bad())?,
            );
            if w < 50.0 || h < 50.0 {
                return Err(bad());
            }
            Ok((w, h))
        }
        _ => Err(bad()),
    }
}

/// How many column positions the passbook geometry has: date, description (left edges);
/// pledged savings paid, pledged savings balance, deposit, withdrawal, deposits balance, fine,
/// principal, interest, loan balance (right edges).
pub const COLUMNS: usize = 11;

/// Where the passbook's columns are printed unless the group measures its own book.
pub const PASSBOOK_COLUMNS_DEFAULT: &str = "6,22,56,73,89,104,120,133,148,162,178";

/// What each column position is, for help and errors.
const COLUMN_NAMES: &str =
    "วันที่, รายการ, ส่งสัจจะ, สัจจะคงเหลือ, ฝาก, ถอน, เงินฝากคงเหลือ, ค่าปรับ, ส่งต้น, ดอกเบี้ย, ต้นคงเหลือ";

pub fn parse_columns(v: &str) -> Result<[f32; COLUMNS]> {
    let bad = || {
        Error::invalid(
            "value",
            format!(
                "ต้องมี {COLUMNS} ตำแหน่ง คั่นด้วยจุลภาค เช่น {PASSBOOK_COLUMNS_DEFAULT} ({COLUMN_NAMES})"
            ),
        )
    };
    let values: Vec<f32> = v
        .split(',')
        .map(parse_mm)
        .collect::<Result<_>>()
        .map_err(|_| bad())?;
    match values.len() {
        COLUMNS => <[f32; COLUMNS]>::try_from(values).map_err(|_| bad()),
        8 => Ok(from_eight(&values)),
        _ => Err(bad()),
    }
}

/// The eight positions of the older layout (one savings-and-deposits column, one balance):
/// date and description stay, the nine amount columns share the old amounts' span evenly.
fn from_eight(v: &[f32]) -> [f32; COLUMNS] {
    let (first, last) = (v[2], v[7]);
    let step = (last - first) / (COLUMNS - 3) as f32;
    let mut out = [0.0; COLUMNS];
    out[0] = v[0];
    out[1] = v[1];
    for (i, x) in out.iter_mut().enumerate().skip(2) {
        *x = ((first + step * (i - 2) as f32) * 10.0).round() / 10.0;
    }
    out
}

/// Normalises a typed length in mm (settings validator).
pub fn normalize_mm(v: &str) -> Result<String> {
    parse_mm(v).map(format_mm)
}

/// Normalises the distance between lines (settings validator): a line needs room for a row
/// of text, so less than 3 mm (zero would print every line on top of the first) is refused.
pub fn normalize_line_mm(v: &str) -> Result<String> {
    let mm = parse_mm(v)?;
    if mm < 3.0 {
        return Err(Error::invalid(
            "value",
            format!(
                "ระยะระหว่างบรรทัด {} มม. น้อยเกินไป — ต้องอย่างน้อย 3 มม. วัดจากสมุดจริง เช่น 7",
                format_mm(mm)
            ),
        ));
    }
    Ok(format_mm(mm))
}

/// Normalises a typed page size `WxH` in mm (settings validator).
pub fn normalize_page(v: &str) -> Result<String> {
    parse_page(v).map(|(w, h)| format!("{}x{}", format_mm(w), format_mm(h)))
}

/// Normalises the column positions (settings validator).
pub fn normalize_columns(v: &str) -> Result<String> {
    parse_columns(v).map(|c| c.map(format_mm).join(","))
}

fn format_mm(x: f32) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}
