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

pub fn parse_columns(v: &str) -> Result<[f32; 8]> {
    let bad = || {
        Error::invalid(
            "value",
            "ต้องมี 8 ตำแหน่ง คั่นด้วยจุลภาค เช่น 8,26,70,92,116,138,157,178 (วันที่, รายการ, สัจจะ/ฝาก, ถอน, คงเหลือ, ส่งต้น, ดอกเบี้ย, ต้นคงเหลือ)",
        )
    };
    let values: Vec<f32> = v
        .split(',')
        .map(parse_mm)
        .collect::<Result<_>>()
        .map_err(|_| bad())?;
    <[f32; 8]>::try_from(values).map_err(|_| bad())
}

/// Normalises a typed length in mm (settings validator).
pub fn normalize_mm(v: &str) -> Result<String> {
    parse_mm(v).map(format_mm)
}

/// Normalises a typed page size `WxH` in mm (settings validator).
pub fn normalize_page(v: &str) -> Result<String> {
    parse_page(v).map(|(w, h)| format!("{}x{}", format_mm(w), format_mm(h)))
}

/// Normalises the eight column positions (settings validator).
pub fn normalize_columns(v: &str) -> Result<String> {
    parse_columns(v).map(|c| c.map(format_mm).join(","))
}

fn format_mm(x: f32) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}
