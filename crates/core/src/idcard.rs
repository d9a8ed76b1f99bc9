//! Thai national ID numbers (เลขประจำตัวประชาชน): 13 digits, the last a checksum.

use crate::error::{Error, Result};

/// Normalises a typed ID (spaces, dashes, Thai digits allowed) to 13 ASCII digits and checks
/// the checksum: check = (11 − Σ dᵢ·(13−i) mod 11) mod 10 over the first 12 digits.
pub fn parse(field: &'static str, text: &str) -> Result<String> {
    let digits: String = crate::thai::to_arabic_digits(text)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    if digits.len() != 13 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid(
            field,
            format!("เลขประจำตัวประชาชน \"{}\" ต้องเป็นตัวเลข 13 หลัก", text.trim()),
        ));
    }
    if !checksum_ok(&digits) {
        return Err(Error::invalid(
            field,
            format!(
                "เลขประจำตัวประชาชน \"{}\" ไม่ถูกต้อง (หลักสุดท้ายไม่ตรงกับเลขตรวจสอบ) — ตรวจดูจากบัตรอีกครั้ง",
                text.trim()
            ),
        ));
    }
    Ok(digits)
}

fn checksum_ok(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = d[..12]
        .iter()
        .enumerate()
        .map(|(i, v)| v * (13 - i as u32))
        .sum();
    (11 - sum % 11) % 10 == d[12]
}

/// `1-1017-00203-45-0`, the way the number is printed on the card.
pub fn format(digits: &str) -> String {
    if digits.len() != 13 || !digits.is_ascii() {
        return digits.to_string();
    }
    format!(
        "{}-{}-{}-{}-{}",
        &digits[0..1],
        &digits[1..5],
        &digits[5..10],
        &digits[10..12],
        &digits[12..13]
    )
}

/// Masks all but the last four digits, for printed lists (PDPA: DOMAIN §8.3).
pub fn masked(digits: &str) -> String {
    if digits.len() != 13 {
        return digits.to_string();
    }
    format!("x-xxxx-xxxxx-{}-{}", &digits[10..12], &digits[12..13])
}

/// Masks all but the first and the last digit, for printed lists of many members
/// (`1-xxxx-xxxxx-xx-0`). PDPA's minimum necessary: a list needs no part of the number to tell
/// members apart (their number and name do), only enough to match a card in hand; the first
/// digit (the kind of person) and the check digit identify nobody, and the registration
/// office (digits 2–5) is left out because it places a person in a district. The last digit
/// is also on the screens' mask ([`masked`]), so the two together show no more than four.
pub fn masked_for_lists(digits: &str) -> String {
    if digits.len() != 13 || !digits.is_ascii() {
        return String::new();
    }
    format!("{}-xxxx-xxxxx-xx-{}", &digits[0..1], &digits[12..13])
}

/// Completes 12 digits with their check digit (for demo data).
pub fn with_check_digit(first12: &str) -> String {
    let d: Vec<u32> = first12.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = d.iter().enumerate().map(|(i, v)| v * (13 - i as u32)).sum();
    format!("{first12}{}", (11 - sum % 11) % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_the_check_digit() {
        assert_eq!(parse("id_card", "1101700203450").unwrap(), "1101700203450");
        assert_eq!(
            parse("id_card", "1-1017-00203-45-0").unwrap(),
            "1101700203450"
        );
        assert_eq!(parse("id_card", "๑๑๐๑๗๐๐๒๐๓๔๕๐").unwrap(), "1101700203450");
        for last in 0..10 {
            let id = format!("110170020345{last}");
            assert_eq!(parse("id_card", &id).is_ok(), last == 0, "{id}");
        }
        assert!(parse("id_card", "12345").is_err());
        assert!(parse("id_card", "11017002034ab").is_err());
    }

    #[test]
    fn formats_and_masks() {
        assert_eq!(format("1101700203450"), "1-1017-00203-45-0");
        assert_eq!(masked("1101700203450"), "x-xxxx-xxxxx-45-0");
        assert_eq!(masked_for_lists("1101700203450"), "1-xxxx-xxxxx-xx-0");
        assert_eq!(masked_for_lists(""), "");
        let id = with_check_digit("310010012345");
        assert!(parse("id_card", &id).is_ok());
    }
}
