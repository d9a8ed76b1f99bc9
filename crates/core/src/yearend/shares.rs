//! A pool shared among members: each member's weight from their pledged-savings balances
//! through the year, and the pro-rata division with the group's rounding. Pure arithmetic in
//! satang (i128 where products grow), so it can be checked against the formulas directly.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::period::add_months;
use crate::thai::YearMonth;

/// How a member's pledged savings through the year are weighted (setting `dividend_method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// S(0) + S(1) + … + S(11): the month of a deposit does not count.
    X12,
    /// S(1) + … + S(12): every month-end balance.
    MonthEnd,
    /// The balance at the end of every day of the year, summed.
    Days,
}

impl Method {
    pub fn parse(text: &str) -> Result<Method> {
        match text {
            "x12" => Ok(Method::X12),
            "month-end" => Ok(Method::MonthEnd),
            "days" => Ok(Method::Days),
            other => Err(Error::Refused(format!(
                "ค่าตั้ง dividend_method \"{other}\" ไม่ถูกต้อง"
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::X12 => "x12",
            Method::MonthEnd => "month-end",
            Method::Days => "days",
        }
    }

    /// Thai description for documents and screens.
    pub fn label(self) -> &'static str {
        match self {
            Method::X12 => "ยอดเงินสัจจะต้นปีและสิ้นเดือนที่ 1–11 (ไม่นับเดือนที่ฝาก)",
            Method::MonthEnd => "ยอดเงินสัจจะสิ้นเดือนที่ 1–12",
            Method::Days => "ยอดเงินสัจจะสิ้นวันทุกวันของปี",
        }
    }
}

/// How a member's share is rounded (setting `dividend_rounding`); what is left goes to the
/// reserve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// Half-up to the satang.
    Satang,
    /// Down to the whole baht.
    Baht,
}

impl Rounding {
    pub fn parse(text: &str) -> Result<Rounding> {
        match text {
            "satang" => Ok(Rounding::Satang),
            "baht" => Ok(Rounding::Baht),
            other => Err(Error::Refused(format!(
                "ค่าตั้ง dividend_rounding \"{other}\" ไม่ถูกต้อง"
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Rounding::Satang => "satang",
            Rounding::Baht => "baht",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rounding::Satang => "ปัดครึ่งขึ้นเป็นสตางค์",
            Rounding::Baht => "ปัดลงเป็นบาทเต็ม",
        }
    }
}

/// The last day of each of the twelve months of the year starting on `from`.
pub fn month_ends(from: NaiveDate) -> [NaiveDate; 12] {
    let first = YearMonth::of(from);
    std::array::from_fn(|i| add_months(first, i as u32).last_day())
}

/// A member's weight: `opening` is S(0), the balance at the start of the year; `changes` are
/// the dated changes of the balance inside the year (date order), all in satang.
pub fn weight(
    method: Method,
    from: NaiveDate,
    to: NaiveDate,
    opening: i64,
    changes: &[(NaiveDate, i64)],
) -> i64 {
    match method {
        Method::Days => {
            // Each change counts from its own day to the last day of the year, inclusive.
            let days = (to - from).num_days() + 1;
            let mut w = opening * days;
            for (date, amount) in changes {
                w += amount * ((to - *date).num_days() + 1);
            }
            w
        }
        Method::X12 | Method::MonthEnd => {
            let ends = month_ends(from);
            let mut s = opening;
            let mut balances = [0i64; 13];
            balances[0] = opening;
            let mut c = changes.iter().peekable();
            for (i, end) in ends.iter().enumerate() {
                while let Some((_, amount)) = c.next_if(|(d, _)| d <= end) {
                    s += amount;
                }
                balances[i + 1] = s;
            }
            match method {
                Method::X12 => balances[0..12].iter().sum(),
                _ => balances[1..13].iter().sum(),
            }
        }
    }
}

/// Divides `pool` (satang) by `weights` (each member's, zero when not eligible): share =
/// pool × w / W rounded by `rounding`. Returns the shares and what rounding left over. With
/// no weight at all, nothing is shared and the whole pool is left over.
pub fn divide(pool: i64, weights: &[i64], rounding: Rounding) -> (Vec<i64>, i64) {
    let total: i128 = weights.iter().map(|w| i128::from((*w).max(0))).sum();
    if total <= 0 || pool <= 0 {
        return (vec![0; weights.len()], pool);
    }
    let p = i128::from(pool);
    let shares: Vec<i64> = weights
        .iter()
        .map(|w| {
            let w = i128::from((*w).max(0));
            let share = match rounding {
                Rounding::Satang => (2 * p * w + total) / (2 * total),
                Rounding::Baht => p * w / total / 100 * 100,
            };
            i64::try_from(share).expect("a share is at most the pool")
        })
        .collect();
    let left = pool - shares.iter().sum::<i64>();
    (shares, left)
}

/// The yearly rate `paid` amounts to on the average balance (W ÷ 12 months, or W ÷ days of
/// the year for `Days`), as a percentage with two decimals.
pub fn yearly_rate(
    method: Method,
    from: NaiveDate,
    to: NaiveDate,
    paid: i64,
    total: i64,
) -> Decimal {
    if total <= 0 {
        return Decimal::ZERO;
    }
    let periods = match method {
        Method::Days => (to - from).num_days() + 1,
        _ => 12,
    };
    let r =
        Decimal::from(paid) * Decimal::from(periods) * Decimal::from(100) / Decimal::from(total);
    r.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// `part` as a percentage of `whole`, two decimals.
pub fn percent_of(part: i64, whole: i64) -> Decimal {
    if whole <= 0 {
        return Decimal::ZERO;
    }
    (Decimal::from(part) * Decimal::from(100) / Decimal::from(whole))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weights_by_the_three_methods() {
        let (from, to) = (d("2025-01-01"), d("2025-12-31"));
        // 100 baht at the start; +50 on 5 March; −150 (left) on 20 November.
        let changes = [(d("2025-03-05"), 5_000), (d("2025-11-20"), -15_000)];
        // S(0..12) = 100,100,100,150,...,150 (Mar..Oct = 8 months),0,0
        let s = [100, 100, 100, 150, 150, 150, 150, 150, 150, 150, 150, 0, 0];
        let x12: i64 = s[0..12].iter().sum::<i64>() * 100;
        let me: i64 = s[1..13].iter().sum::<i64>() * 100;
        assert_eq!(weight(Method::X12, from, to, 10_000, &changes), x12);
        assert_eq!(weight(Method::MonthEnd, from, to, 10_000, &changes), me);
        // 100 baht for 63 days (1 Jan–4 Mar), 150 for 260 days (5 Mar–19 Nov), 0 after.
        assert_eq!(
            weight(Method::Days, from, to, 10_000, &changes),
            10_000 * 63 + 15_000 * 260
        );
    }

    #[test]
    fn shares_round_and_leave_the_rest() {
        let (shares, left) = divide(10_000, &[1, 1, 1], Rounding::Satang);
        assert_eq!(shares, vec![3_333, 3_333, 3_333]);
        assert_eq!(left, 1);
        let (shares, left) = divide(10_000, &[1, 1, 1], Rounding::Baht);
        assert_eq!(shares, vec![3_300, 3_300, 3_300]);
        assert_eq!(left, 100);
        // Half a satang rounds up.
        let (shares, _) = divide(1, &[1, 1], Rounding::Satang);
        assert_eq!(shares, vec![1, 1]);
        let (shares, left) = divide(500, &[0, 0], Rounding::Satang);
        assert_eq!((shares, left), (vec![0, 0], 500));
    }

    #[test]
    fn rate_on_the_average_balance() {
        let (from, to) = (d("2025-01-01"), d("2025-12-31"));
        // 1,200 baht-months = 100 baht on average; 6 baht paid = 6 %.
        assert_eq!(
            yearly_rate(Method::MonthEnd, from, to, 600, 120_000),
            Decimal::new(600, 2)
        );
    }
}
