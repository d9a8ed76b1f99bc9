//! Amounts in Thai words, as printed on receipts and loan contracts
//! ("หนึ่งพันสองร้อยบาทถ้วน").
//!
//! Two conventions exist for reading a final digit 1 (DOMAIN.md §5.3), and
//! printed amounts get cross-checked against spreadsheets, so the
//! convention is a setting ([`BahtTextConvention`]) and both are tested
//! against reference vectors:
//!
//! - **Excel** (the default; Microsoft Excel's `BAHTTEXT`, the Royal
//!   Institute dictionary): a units digit 1 is read เอ็ด whenever the number
//!   it ends has more than one digit — 101 หนึ่งร้อยเอ็ด, 1,001 หนึ่งพันเอ็ด,
//!   101,000,000 หนึ่งร้อยเอ็ดล้าน. The number a digit ends is the whole
//!   amount, or the multiplier standing before a ล้าน, so 1,000,001 is
//!   หนึ่งล้านเอ็ด (the Royal Institute's answer: "เอ็ด" for the units digit
//!   and the units digit of ล้าน in every case), while 1,000,000 stays
//!   หนึ่งล้าน because its multiplier 1 has a single digit.
//! - **LibreOffice** (LibreOffice Calc's and Google Sheets' `BAHTTEXT`,
//!   common in bank contracts): เอ็ด only when the tens digit of the same
//!   six-digit ล้าน group is non-zero — 101 หนึ่งร้อยหนึ่ง, 1,000,001
//!   หนึ่งล้านหนึ่ง, 1,000,011 หนึ่งล้านสิบเอ็ด. Checked against LibreOffice
//!   Calc 7.4 on several hundred values (see the tests).
//!
//! Both conventions agree on every number of at most two digits, so satang
//! read the same either way (0.01 หนึ่งสตางค์, 0.11 สิบเอ็ดสตางค์).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::digits::to_satang;
use super::InvalidChoice;

/// Words for the digits 0–9.
const DIGIT_WORDS: [&str; 10] = [
    "ศูนย์",
    "หนึ่ง",
    "สอง",
    "สาม",
    "สี่",
    "ห้า",
    "หก",
    "เจ็ด",
    "แปด",
    "เก้า",
];

/// Place names inside one six-digit group, from units (unnamed) to แสน.
const PLACE_WORDS: [&str; 6] = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];

const MILLION: u128 = 1_000_000;

/// How a final digit 1 is read; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BahtTextConvention {
    /// เอ็ด for a final 1 of any multi-digit number (101 หนึ่งร้อยเอ็ด).
    #[default]
    Excel,
    /// เอ็ด only after a non-zero tens digit (101 หนึ่งร้อยหนึ่ง).
    LibreOffice,
}

impl BahtTextConvention {
    /// The settings spelling ("excel" / "libreoffice"), the inverse of
    /// `FromStr`.
    pub fn as_str(&self) -> &'static str {
        match self {
            BahtTextConvention::Excel => "excel",
            BahtTextConvention::LibreOffice => "libreoffice",
        }
    }
}

impl fmt::Display for BahtTextConvention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BahtTextConvention {
    type Err = InvalidChoice;

    /// Accepts "excel" / "libreoffice" in any case, ignoring surrounding
    /// spaces.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "excel" => Ok(BahtTextConvention::Excel),
            "libreoffice" => Ok(BahtTextConvention::LibreOffice),
            _ => Err(InvalidChoice {
                setting: "วิธีอ่านจำนวนเงินเป็นตัวหนังสือ",
                value: s.to_string(),
                allowed: "\"excel\" (101 = หนึ่งร้อยเอ็ด) หรือ \"libreoffice\" (101 = หนึ่งร้อยหนึ่ง)",
            }),
        }
    }
}

/// The amount in Thai words: baht, then "ถ้วน" or the satang in words.
///
/// The amount is first rounded half away from zero to 2 decimals (1.005 →
/// 1.01, -0.005 → -0.01), the same rounding as `format_amount`, so the words
/// always match the figures printed beside them. Negative amounts are
/// prefixed "ลบ"; an amount that rounds to zero is "ศูนย์บาทถ้วน" without a
/// sign. An amount below one baht has no baht part (0.67 → หกสิบเจ็ดสตางค์).
///
/// Works for the whole `Decimal` range; ล้าน repeats for large amounts
/// (1,000,000,000,000 → หนึ่งล้านล้านบาทถ้วน).
pub fn bahttext(amount: Decimal, convention: BahtTextConvention) -> String {
    let satang = to_satang(amount);
    let magnitude = satang.unsigned_abs();
    let (baht, satang_part) = (magnitude / 100, magnitude % 100);
    if magnitude == 0 {
        return "ศูนย์บาทถ้วน".to_string();
    }
    let mut out = String::new();
    if satang < 0 {
        out.push_str("ลบ");
    }
    if baht > 0 {
        push_number(&mut out, baht, convention);
        out.push_str("บาท");
    }
    if satang_part == 0 {
        out.push_str("ถ้วน");
    } else {
        push_number(&mut out, satang_part, convention);
        out.push_str("สตางค์");
    }
    out
}

/// A non-negative integer in Thai words (0 → "ศูนย์"), with the same เอ็ด
/// rule as [`bahttext`]; for counts such as "ครั้งที่" or member numbers.
pub fn read_integer(n: u128, convention: BahtTextConvention) -> String {
    if n == 0 {
        return DIGIT_WORDS[0].to_string();
    }
    let mut out = String::new();
    push_number(&mut out, n, convention);
    out
}

/// Appends the words for `n` (> 0): the multiplier of ล้าน first
/// (recursively, so ล้าน can repeat), then the last six-digit group.
fn push_number(out: &mut String, n: u128, convention: BahtTextConvention) {
    if n >= MILLION {
        push_number(out, n / MILLION, convention);
        out.push_str("ล้าน");
    }
    push_group(out, n % MILLION, final_one_is_ed(n, convention));
}

/// Whether a final digit 1 of the number `n` is read เอ็ด rather than หนึ่ง.
/// `n` is the whole number being read, not only its last group, which is
/// what makes Excel read 1,000,001 as หนึ่งล้านเอ็ด.
fn final_one_is_ed(n: u128, convention: BahtTextConvention) -> bool {
    match convention {
        BahtTextConvention::Excel => n >= 10,
        BahtTextConvention::LibreOffice => !(n / 10).is_multiple_of(10),
    }
}

/// Appends one group below a million (0 appends nothing): each non-zero
/// digit with its place name, with the special tens (สิบ, ยี่สิบ) and the
/// final 1 read as decided by the caller.
fn push_group(out: &mut String, group: u128, final_one_as_ed: bool) {
    for place in (0..PLACE_WORDS.len()).rev() {
        let digit = digit_at(group, place);
        if digit == 0 {
            continue;
        }
        out.push_str(digit_word(digit, place, final_one_as_ed));
        out.push_str(PLACE_WORDS[place]);
    }
}

/// The decimal digit of `n` at `place` (0 = units).
fn digit_at(n: u128, place: usize) -> usize {
    let mut rest = n;
    for _ in 0..place {
        rest /= 10;
    }
    (rest % 10) as usize
}

/// The word said before the place name for a non-zero digit: the tens
/// place says สิบ alone for 1 and ยี่สิบ for 2, and a units 1 may be เอ็ด.
fn digit_word(digit: usize, place: usize, final_one_as_ed: bool) -> &'static str {
    match (place, digit) {
        (1, 1) => "",
        (1, 2) => "ยี่",
        (0, 1) if final_one_as_ed => "เอ็ด",
        _ => DIGIT_WORDS[digit],
    }
}
