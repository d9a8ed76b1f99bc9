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

/// The books' range: no posting and no kept balance may go beyond ± a hundred trillion baht
/// (10^16 satang). SQLite keeps integers to 9.2 × 10^18 and would silently turn a larger sum
/// into a REAL, so a write that would pass this is refused before anything is written.
pub const BOOKS_MAX_SATANG: i64 = 10_000_000_000_000_000;

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// From whole satang (1 baht = 100 satang).
    pub fn from_satang(satang: i64) -> Money {
        Money(Decimal::new(satang, 2))
    }

    /// From whole baht.
    pub fn from_baht(baht: i64) -> Money {
        let mut d = Decimal::from(baht);
        d.rescale(2);
        Money(d)
    }

    /// From a decimal that is already at most two places (e.g. computed and rounded by us).
    /// More precision is rounded half-up (away from zero), the rule of the group's books.
    pub fn from_decimal_rounded(d: Decimal) -> Money {
        let mut r =
            d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        r.rescale(2);
        Money(r)
    }

    /// The amount in satang, or `None` past i64 (only a sum far beyond the books' range).
    pub fn checked_satang(self) -> Option<i64> {
        i64::try_from(self.satang_wide()).ok()
    }

    /// The amount in satang. Amounts are bounded at input and balances by the books' range
    /// (checked before writing), so this only saturates for a sum nobody can store.
    pub fn satang(self) -> i64 {
        let wide = self.satang_wide();
        i64::try_from(wide).unwrap_or(if wide < 0 { i64::MIN } else { i64::MAX })
    }

    fn satang_wide(self) -> i128 {
        let mut d = self.0;
        d.rescale(2);
        d.mantissa()
    }

    /// Within the books' range (see [`BOOKS_MAX_SATANG`]).
    pub fn in_books_range(self) -> bool {
        self.satang_wide().abs() <= i128::from(BOOKS_MAX_SATANG)
    }

    /// `self + rhs`, or `None` past the decimal range.
    pub fn checked_add(self, rhs: Money) -> Option<Money> {
        self.0.checked_add(rhs.0).map(Money)
    }

    /// `self - rhs`, or `None` past the decimal range.
    pub fn checked_sub(self, rhs: Money) -> Option<Money> {
        self.0.checked_sub(rhs.0).map(Money)
    }

    /// `self × n`, or `None` past the decimal range.
    pub fn checked_times(self, n: i64) -> Option<Money> {
        self.0.checked_mul(Decimal::from(n)).map(|mut d| {
            d.rescale(2);
            Money(d)
        })
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

    /// Multiplies by a whole count (shares × share value, months × fine). Exact: decimal
    /// arithmetic never wraps; a result past the books' range is refused when written.
    pub fn times(self, n: i64) -> Money {
        self.checked_times(n)
            .unwrap_or(Money(if (n < 0) == self.is_negative() {
                Decimal::MAX
            } else {
                Decimal::MIN
            }))
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
    // The cap is on the amount, satang included: 1,000,000,000,000.01 is past it.
    if satang > MAX_BAHT * 100 {
        return Err(MoneyError::TooLarge(trimmed.to_string()));
    }
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
    let satang = m.satang_wide();
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
        let s = self.satang_wide();
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

// Operators work on the decimal (96-bit), so no sum of stored amounts can wrap as i64 satang
// did; past even that they saturate, and the books' range check refuses the write.
impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        self.checked_add(rhs)
            .unwrap_or(Money(if rhs.0.is_sign_negative() {
                Decimal::MIN
            } else {
                Decimal::MAX
            }))
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        self + (-rhs)
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
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl ToSql for Money {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        if !self.in_books_range() {
            return Err(rusqlite::Error::ToSqlConversionFailure(Box::new(
                MoneyError::TooLarge(self.to_string()),
            )));
        }
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
