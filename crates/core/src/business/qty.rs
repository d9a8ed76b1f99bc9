//! Quantities of goods: thousandths of the unit as an integer (a sack, 12.5 kilograms), so
//! stock arithmetic is exact like money. Strings in JSON ("12.5"), as amounts are.

use std::fmt;

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// Thousandths of a unit in one unit.
pub const SCALE: i64 = 1_000;
/// The most of one item a business may hold or move at once (a billion units).
const MAX: i64 = 1_000_000_000 * SCALE;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Qty(pub i64);

impl Qty {
    pub const ZERO: Qty = Qty(0);

    pub fn milli(self) -> i64 {
        self.0
    }

    pub fn units(n: i64) -> Qty {
        Qty(n * SCALE)
    }

    /// A quantity as typed: Arabic or Thai digits, thousands separators, up to three decimals.
    pub fn parse(field: &'static str, text: &str) -> Result<Qty> {
        let clean: String = crate::thai::to_arabic_digits(text.trim())
            .chars()
            .filter(|c| *c != ',' && !c.is_whitespace())
            .collect();
        let bad = || {
            Error::invalid(
                field,
                format!(
                    "จำนวน \"{}\" ไม่ถูกต้อง — ใส่ตัวเลข เช่น 10 หรือ 12.5",
                    text.trim()
                ),
            )
        };
        let d: Decimal = clean.parse().map_err(|_| bad())?;
        if d.scale() > 3 && d.normalize().scale() > 3 {
            return Err(Error::invalid(field, "จำนวนมีทศนิยมได้ไม่เกินสามตำแหน่ง"));
        }
        let milli = (d * Decimal::from(SCALE))
            .trunc()
            .to_string()
            .parse::<i64>()
            .map_err(|_| bad())?;
        if milli <= 0 {
            return Err(Error::invalid(field, "จำนวนต้องมากกว่าศูนย์"));
        }
        if milli > MAX {
            return Err(Error::invalid(field, "จำนวนมากเกินไป — ตรวจตัวเลขที่พิมพ์อีกครั้ง"));
        }
        Ok(Qty(milli))
    }

    /// Like [`Qty::parse`] but zero is a quantity (a count that found nothing).
    pub fn parse_count(field: &'static str, text: &str) -> Result<Qty> {
        let t = crate::thai::to_arabic_digits(text.trim());
        if !t.is_empty() && t.chars().all(|c| c == '0' || c == '.') {
            return Ok(Qty::ZERO);
        }
        Qty::parse(field, text)
    }
}

impl fmt::Display for Qty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = Decimal::new(self.0, 3).normalize();
        write!(f, "{d}")
    }
}

impl serde::Serialize for Qty {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// `a × b ÷ c` rounded half away from zero, in i128 so no product overflows.
pub fn mul_div(a: i64, b: i64, c: i64) -> i64 {
    let n = i128::from(a) * i128::from(b);
    let c = i128::from(c);
    let q = n / c;
    let r = n % c;
    let adjust = if 2 * r.abs() >= c.abs() {
        if (n < 0) != (c < 0) {
            -1
        } else {
            1
        }
    } else {
        0
    };
    (q + adjust) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_parse_exactly_and_print_short() {
        assert_eq!(Qty::parse("qty", "12.5").unwrap(), Qty(12_500));
        assert_eq!(Qty::parse("qty", "๑,๐๐๐").unwrap(), Qty::units(1_000));
        assert_eq!(Qty(12_500).to_string(), "12.5");
        assert_eq!(Qty::units(3).to_string(), "3");
        assert!(Qty::parse("qty", "0").is_err());
        assert!(Qty::parse("qty", "-1").is_err());
        assert!(Qty::parse("qty", "1.0001").is_err());
        assert!(Qty::parse("qty", "สิบ").is_err());
        assert_eq!(Qty::parse_count("qty", "0").unwrap(), Qty::ZERO);
    }

    #[test]
    fn mul_div_rounds_half_away_from_zero() {
        assert_eq!(mul_div(10, 1, 4), 3); // 2.5 → 3
        assert_eq!(mul_div(10, 1, 3), 3);
        assert_eq!(mul_div(-10, 1, 4), -3);
        assert_eq!(mul_div(i64::MAX / 2, 4, 4), i64::MAX / 2);
    }
}
