//! Money: baht with exactly two decimals.
//!
//! A newtype over `rust_decimal::Decimal` so no float ever touches an amount. In SQLite it is
//! stored as INTEGER satang (so `SUM()` is exact); over IPC and in JSON it is a string
//! `"1234.50"`. Parsing accepts what people type: `1234.5`, `1,234.50`, Thai digits
//! `๑,๒๓๔.๕๐`; it refuses more than two decimals instead of rounding them away.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rust_decimal::Decimal;

/// An amount of baht, always at scale 2.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

/// Why a typed amount was refused. Messages are Thai and say what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("กรุณาใส่จำนวนเงิน")]
    Empty,
    #[error("จำนวนเงิน \"{0}\" อ่านไม่ออก — พิมพ์เป็นตัวเลข เช่น 1234.50 หรือ 1,234.50")]
    Malformed(String),
    #[error("จำนวนเงิน \"{0}\" มีทศนิยมเกินสองตำแหน่ง — ใส่ได้ถึงสตางค์เท่านั้น เช่น 10.25")]
    TooPrecise(String),
    #[error("จำนวนเงิน \"{0}\" ติดลบไม่ได้")]
    Negative(String),
    #[error("จำนวนเงิน \"{0}\" มากเกินไป")]
    TooLarge(String),
}

/// The largest amount accepted from input: a trillion baht, far beyond any group and far
/// inside i64 satang.
const MAX_BAHT: i64 = 1_000_000_000_000;

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// From whole satang (1 baht = 100 satang).
    pub fn from_satang(satang: i64) -> Money {
        Money(Decimal::new(satang, 2))
    }

    /// From whole baht.
    pub fn from_baht(baht: i64) -> Money {
        Money::from_satang(baht * 100)
    }

    /// From a decimal that is already at most two places (e.g. computed and rounded by us).
    /// More precision is rounded half-up (away from zero), the rule of the group's books.
    pub fn from_decimal_rounded(d: Decimal) -> Money {
        let mut r =
            d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        r.rescale(2);
        Money(r)
    }

    /// The amount in satang. Amounts are bounded at input, so this cannot overflow.
    pub fn satang(self) -> i64 {
        let mut d = self.0;
        d.rescale(2);
        i64::try_from(d.mantissa()).expect("amounts are bounded far below i64 satang")
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.0.is_sign_positive() && !self.0.is_zero()
    }

    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }

    /// Multiplies by a whole count (shares × share value, months × fine).
    pub fn times(self, n: i64) -> Money {
        Money::from_satang(self.satang() * n)
    }

    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }

    pub fn max(self, other: Money) -> Money {
        if self >= other {
            self
        } else {
            other
        }
    }

    /// Parses a typed amount that may be negative.
    pub fn parse_signed(text: &str) -> Result<Money, MoneyError> {
        parse(text)
    }

    /// Parses a typed amount that must be zero or more (the usual case: what was paid).
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let m = parse(text)?;
        if m.is_negative() {
            return Err(MoneyError::Negative(text.trim().to_string()));
        }
        Ok(m)
    }

    /// Splits the amount into parts proportional to `weights`, handing the leftover satang to
    /// the largest remainders first (ties to the earlier part) so the parts always sum exactly
    /// to the whole.
    pub fn allocate(self, weights: &[i64]) -> Vec<Money> {
        let total_weight: i128 = weights.iter().map(|&w| w.max(0) as i128).sum();
        if weights.is_empty() {
            return Vec::new();
        }
        if total_weight == 0 {
            let mut parts = vec![Money::ZERO; weights.len()];
            parts[0] = self;
            return parts;
        }
        let whole = self.satang() as i128;
        let mut parts: Vec<i128> = Vec::with_capacity(weights.len());
        let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
        for (i, &w) in weights.iter().enumerate() {
            let exact = whole * w.max(0) as i128;
            parts.push(exact.div_euclid(total_weight));
            remainders.push((exact.rem_euclid(total_weight), i));
        }
        let mut left = whole - parts.iter().sum::<i128>();
        remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, i) in remainders {
            if left == 0 {
                break;
            }
            parts[i] += 1;
            left -= 1;
        }
        parts
            .into_iter()
            .map(|p| Money::from_satang(p as i64))
            .collect()
    }

    /// `1,234.50` — thousands separators and two decimals.
    pub fn grouped(self) -> String {
        group_thousands(self)
    }
}

fn parse(text: &str) -> Result<Money, MoneyError> {
    let trimmed = text.trim();
    let cleaned: String = trimmed
        .trim_end_matches("บาท")
        .trim()
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            other => other,
        })
        .collect();
    if cleaned.is_empty() {
        return Err(MoneyError::Empty);
    }
    let malformed = || MoneyError::Malformed(trimmed.to_string());
    let (negative, unsigned) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits = strip_grouping(int_part).ok_or_else(malformed)?;
    if let Some(f) = frac_part {
        if f.is_empty() && digits.is_empty() {
            return Err(malformed());
        }
        if !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(malformed());
        }
        if f.len() > 2 {
            return Err(MoneyError::TooPrecise(trimmed.to_string()));
        }
    }
    if digits.is_empty() && frac_part.is_none_or(|f| f.is_empty()) {
        return Err(malformed());
    }
    let frac = frac_part.unwrap_or("");
    let baht: i64 = if digits.is_empty() {
        0
    } else {
        if digits.len() > 13 {
            return Err(MoneyError::TooLarge(trimmed.to_string()));
        }
        digits.parse().map_err(|_| malformed())?
    };
    if baht > MAX_BAHT {
        return Err(MoneyError::TooLarge(trimmed.to_string()));
    }
    let satang_frac: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| malformed())? * 10,
        _ => frac.parse().map_err(|_| malformed())?,
    };
    let satang = baht * 100 + satang_frac;
    Ok(Money::from_satang(if negative { -satang } else { satang }))
}

/// Removes thousands separators, insisting they sit every three digits (so "12,34" is refused
/// as a likely typo rather than read as 1234).
fn strip_grouping(int_part: &str) -> Option<String> {
    if !int_part.contains(',') {
        return int_part
            .chars()
            .all(|c| c.is_ascii_digit())
            .then(|| int_part.to_string());
    }
    let groups: Vec<&str> = int_part.split(',').collect();
    let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let all_digits = groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    (first_ok && rest_ok && all_digits).then(|| groups.concat())
}

fn group_thousands(m: Money) -> String {
    let satang = m.satang();
    let sign = if satang < 0 { "-" } else { "" };
    let abs = satang.unsigned_abs();
    let baht = (abs / 100).to_string();
    let mut grouped = String::with_capacity(baht.len() + baht.len() / 3);
    for (i, c) in baht.chars().enumerate() {
        if i > 0 && (baht.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{:02}", abs % 100)
}

impl fmt::Display for Money {
    /// Plain `1234.50`: the machine form used in JSON and CSV.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.satang();
        let sign = if s < 0 { "-" } else { "" };
        write!(
            f,
            "{sign}{}.{:02}",
            s.unsigned_abs() / 100,
            s.unsigned_abs() % 100
        )
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse_signed(s)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money::from_satang(self.satang() + rhs.satang())
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money::from_satang(self.satang() - rhs.satang())
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money::from_satang(-self.satang())
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money::from_satang(iter.map(Money::satang).sum())
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl ToSql for Money {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.satang()))
    }
}

impl FromSql for Money {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Integer(i) => Ok(Money::from_satang(i)),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Money::parse_signed(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        Money::parse(s).unwrap().to_string()
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(ok("1234.5"), "1234.50");
        assert_eq!(ok("1,234.50"), "1234.50");
        assert_eq!(ok("๑,๒๓๔.๕๐"), "1234.50");
        assert_eq!(ok(" 50 "), "50.00");
        assert_eq!(ok("50 บาท"), "50.00");
        assert_eq!(ok(".5"), "0.50");
        assert_eq!(ok("7."), "7.00");
        assert_eq!(ok("0"), "0.00");
        assert_eq!(ok("1,000,000"), "1000000.00");
        assert_eq!(Money::parse_signed("-12.3").unwrap().to_string(), "-12.30");
    }

    #[test]
    fn refuses_bad_input() {
        for bad in [
            "", "  ", "abc", "12a", "1.2.3", "12,34", ",123", "1,2345", ".", "-", "1e3", "๑๒x",
        ] {
            assert!(Money::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(matches!(
            Money::parse("1.234"),
            Err(MoneyError::TooPrecise(_))
        ));
        assert!(matches!(Money::parse("-5"), Err(MoneyError::Negative(_))));
        assert!(matches!(
            Money::parse("99999999999999"),
            Err(MoneyError::TooLarge(_))
        ));
    }

    #[test]
    fn messages_are_thai() {
        let e = Money::parse("1.234").unwrap_err().to_string();
        assert!(e.contains("ทศนิยม"), "{e}");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(Money::from_satang(123456789).grouped(), "1,234,567.89");
        assert_eq!(Money::from_satang(-100).grouped(), "-1.00");
        assert_eq!(Money::ZERO.grouped(), "0.00");
        assert_eq!(Money::from_satang(99900).grouped(), "999.00");
    }

    #[test]
    fn allocation_sums_to_the_whole() {
        let parts = Money::from_satang(10000).allocate(&[1, 1, 1]);
        assert_eq!(parts.iter().sum::<Money>(), Money::from_satang(10000));
        assert_eq!(parts[0].satang(), 3334);
        assert_eq!(parts[1].satang(), 3333);
        for seed in 0..200u64 {
            let mut rng = fastrand::Rng::with_seed(seed);
            let whole = Money::from_satang(rng.i64(0..10_000_000));
            let weights: Vec<i64> = (0..rng.usize(1..6)).map(|_| rng.i64(0..100)).collect();
            let parts = whole.allocate(&weights);
            assert_eq!(parts.iter().sum::<Money>(), whole);
        }
    }

    #[test]
    fn rounds_half_up() {
        use std::str::FromStr;
        let d = Decimal::from_str("2.345").unwrap();
        assert_eq!(Money::from_decimal_rounded(d).to_string(), "2.35");
        let d = Decimal::from_str("-2.345").unwrap();
        assert_eq!(Money::from_decimal_rounded(d).to_string(), "-2.35");
    }
}
