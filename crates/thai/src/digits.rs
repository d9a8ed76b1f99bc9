//! Thai/Arabic digits and grouped number formatting.
//!
//! Thai digits (๐–๙) are a *display* choice: the Cabinet asks agencies to
//! promote them, but Arabic digits stay acceptable for finance and numeric
//! tables (DOMAIN.md §5.2). So values are always computed with Arabic
//! digits and converted at the last moment with [`Digits::apply`].

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use super::InvalidChoice;

/// Offset from an ASCII digit to the matching Thai digit (U+0E50 '๐').
const THAI_ZERO: u32 = 0x0E50;

/// Which digits to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Digits {
    /// 0–9. The default: statements, passbooks and tables.
    #[default]
    Arabic,
    /// ๐–๙. Usual in minutes and formal letters.
    Thai,
}

impl Digits {
    /// The settings spelling ("arabic" / "thai"), the inverse of `FromStr`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Digits::Arabic => "arabic",
            Digits::Thai => "thai",
        }
    }

    /// Rewrites the digits of already formatted text in this style; other
    /// characters are left alone.
    pub fn apply(&self, text: &str) -> String {
        match self {
            Digits::Arabic => to_arabic_digits(text),
            Digits::Thai => to_thai_digits(text),
        }
    }
}

impl fmt::Display for Digits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Digits {
    type Err = InvalidChoice;

    /// Accepts "arabic" / "thai" (any case, surrounding spaces ignored) and
    /// the Thai words "อารบิก" / "ไทย", since the setting may be typed by the
    /// bookkeeper.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "arabic" | "อารบิก" | "อาราบิก" => Ok(Digits::Arabic),
            "thai" | "ไทย" => Ok(Digits::Thai),
            _ => Err(InvalidChoice {
                setting: "รูปแบบตัวเลข",
                value: s.to_string(),
                allowed: "\"arabic\" (เลขอารบิก) หรือ \"thai\" (เลขไทย)",
            }),
        }
    }
}

/// Replaces 0–9 with ๐–๙; everything else is kept as is.
pub fn to_thai_digits(text: &str) -> String {
    text.chars().map(thai_digit_of).collect()
}

/// Replaces ๐–๙ with 0–9; everything else is kept as is. Used on input so
/// a bookkeeper may type either kind of digit.
pub fn to_arabic_digits(text: &str) -> String {
    text.chars().map(arabic_digit_of).collect()
}

fn thai_digit_of(c: char) -> char {
    match c.to_digit(10) {
        Some(d) if c.is_ascii_digit() => char::from_u32(THAI_ZERO + d).unwrap_or(c),
        _ => c,
    }
}

fn arabic_digit_of(c: char) -> char {
    let code = c as u32;
    if (THAI_ZERO..THAI_ZERO + 10).contains(&code) {
        char::from_digit(code - THAI_ZERO, 10).unwrap_or(c)
    } else {
        c
    }
}

/// Money as shown in tables: rounded half away from zero to 2 decimals,
/// comma thousands separators, a leading '-' for negatives:
/// `1234.5` → `"1,234.50"`, `-1234.5` → `"-1,234.50"`, `0` → `"0.00"`.
///
/// An amount that rounds to zero is shown as `"0.00"`, never `"-0.00"`.
/// Apply [`Digits::apply`] afterwards for Thai digits.
pub fn format_amount(amount: Decimal) -> String {
    let satang = to_satang(amount);
    let (baht, frac) = (satang.unsigned_abs() / 100, satang.unsigned_abs() % 100);
    let sign = if satang < 0 { "-" } else { "" };
    format!("{sign}{}.{frac:02}", group_thousands(&baht.to_string()))
}

/// An integer with comma thousands separators: `20000` → `"20,000"`,
/// `-1500` → `"-1,500"`.
pub fn format_int(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(&n.unsigned_abs().to_string()))
}

/// Rounds half away from zero to whole satang and returns them as an
/// integer, so the caller can split baht and satang without floating
/// point. Works over the full `Decimal` range (|amount| < 7.93e28, so the
/// satang count fits in an `i128`).
pub(crate) fn to_satang(amount: Decimal) -> i128 {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let whole = rounded.trunc();
    let fraction = ((rounded - whole) * Decimal::ONE_HUNDRED).trunc();
    integral_to_i128(whole) * 100 + integral_to_i128(fraction)
}

/// The value of a `Decimal` that has no fractional part, whatever its scale.
fn integral_to_i128(d: Decimal) -> i128 {
    d.mantissa() / 10i128.pow(d.scale())
}

/// Inserts a comma every three digits from the right into a string of
/// ASCII digits.
fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn thai_digits_round_trip_and_leave_other_text() {
        assert_eq!(to_thai_digits("0123456789"), "๐๑๒๓๔๕๖๗๘๙");
        assert_eq!(to_arabic_digits("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
        assert_eq!(to_thai_digits("15 มี.ค. 2568"), "๑๕ มี.ค. ๒๕๖๘");
        assert_eq!(to_arabic_digits("๑๕/๓/๒๕๖๘"), "15/3/2568");
        assert_eq!(to_thai_digits("1,234.50 บาท"), "๑,๒๓๔.๕๐ บาท");
        assert_eq!(to_arabic_digits("abc ก-ฮ ๕x"), "abc ก-ฮ 5x");
        assert_eq!(to_thai_digits(""), "");
        // Other scripts' digits are not touched.
        assert_eq!(to_thai_digits("٣"), "٣");
        assert_eq!(to_arabic_digits("٣"), "٣");
    }

    #[test]
    fn round_trip_all_ascii() {
        let all: String = (' '..='~').collect();
        assert_eq!(to_arabic_digits(&to_thai_digits(&all)), all);
    }

    #[test]
    fn digits_setting() {
        assert_eq!(Digits::default(), Digits::Arabic);
        assert_eq!(Digits::from_str("thai"), Ok(Digits::Thai));
        assert_eq!(Digits::from_str(" Arabic "), Ok(Digits::Arabic));
        assert_eq!(Digits::from_str("ไทย"), Ok(Digits::Thai));
        for d in [Digits::Arabic, Digits::Thai] {
            assert_eq!(Digits::from_str(d.as_str()), Ok(d));
            assert_eq!(d.to_string(), d.as_str());
        }
        let err = Digits::from_str("roman").expect_err("not a choice");
        let msg = err.to_string();
        assert!(msg.contains("roman") && msg.contains("thai"), "{msg}");
        assert_eq!(Digits::Thai.apply("12/3"), "๑๒/๓");
        assert_eq!(Digits::Arabic.apply("๑๒/๓"), "12/3");
    }

    #[test]
    fn amounts() {
        let cases = [
            ("1234.5", "1,234.50"),
            ("-1234.5", "-1,234.50"),
            ("0", "0.00"),
            ("0.005", "0.01"),
            ("0.004", "0.00"),
            ("-0.004", "0.00"),
            ("-0.005", "-0.01"),
            ("2.675", "2.68"),
            ("999.995", "1,000.00"),
            ("1", "1.00"),
            ("12", "12.00"),
            ("123", "123.00"),
            ("1234", "1,234.00"),
            ("123456.789", "123,456.79"),
            ("1234567", "1,234,567.00"),
            ("-100", "-100.00"),
            ("20000.00", "20,000.00"),
            ("0.1", "0.10"),
            ("1.000", "1.00"),
        ];
        for (input, expected) in cases {
            assert_eq!(format_amount(dec(input)), expected, "{input}");
        }
    }

    #[test]
    fn amounts_at_decimal_extremes() {
        assert_eq!(
            format_amount(Decimal::MAX),
            "79,228,162,514,264,337,593,543,950,335.00"
        );
        assert_eq!(
            format_amount(Decimal::MIN),
            "-79,228,162,514,264,337,593,543,950,335.00"
        );
        // Many decimals, tiny value.
        assert_eq!(format_amount(dec("0.0000000000000000000000000001")), "0.00");
        assert_eq!(
            format_amount(dec("7922816251426433759354395.0335")),
            "7,922,816,251,426,433,759,354,395.03"
        );
    }

    #[test]
    fn ints() {
        assert_eq!(format_int(0), "0");
        assert_eq!(format_int(999), "999");
        assert_eq!(format_int(1000), "1,000");
        assert_eq!(format_int(20000), "20,000");
        assert_eq!(format_int(-1500), "-1,500");
        assert_eq!(format_int(-999_999), "-999,999");
        assert_eq!(format_int(1_000_000), "1,000,000");
        assert_eq!(format_int(i64::MAX), "9,223,372,036,854,775,807");
        assert_eq!(format_int(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn grouping_matches_naive_for_many_values() {
        let mut n: i64 = 1;
        while n < i64::MAX / 7 {
            let plain = n.to_string();
            let grouped = format_int(n);
            assert_eq!(grouped.replace(',', ""), plain);
            for part in grouped.split(',').skip(1) {
                assert_eq!(part.len(), 3, "{grouped}");
            }
            let first = grouped.split(',').next().unwrap_or("");
            assert!((1..=3).contains(&first.len()), "{grouped}");
            n = n * 7 + 3;
        }
    }
}
