//! Loan schedules and rates: pure arithmetic on satang, no database, no clock.
//!
//! The four interest methods, exactly as the group's regulation states them (amounts in satang,
//! rounding half-up, r = the monthly rate):
//! - `declining-equal-principal` (ลดต้นลดดอก): principal per instalment = round(amount / n) for
//!   instalments 1..n−1, the last takes what remains; interest k = round(balance before k × r).
//! - `declining-annuity` (ผ่อนเท่ากันทุกงวด): payment = round(amount × r / (1 − (1 + r)^−n));
//!   interest k = round(balance × r); principal k = payment − interest k; the last instalment
//!   clears the balance.
//! - `flat` (ดอกเบี้ยคงที่): interest per instalment = round(amount × r); principal as in
//!   equal-principal.
//! - `interest-only` (ส่งดอกเบี้ยรายเดือน คืนต้นงวดสุดท้าย): interest each month on the full
//!   amount, the principal in the last instalment.
//!
//! Rates. The cash flows of a contract (−amount, then each instalment's total) have a monthly
//! internal rate of return i, found by bisection in `Decimal`. Sajja shows two annual rates:
//! the **nominal** 12·i (the contract rate per year the Civil and Commercial Code s.654 caps at
//! 15 %) and the **effective** (1 + i)^12 − 1. The legal guard compares the nominal rate, rounded
//! to two decimals, with 15.00: 1 % a month on the declining balance is 12.00 % nominal (12.68 %
//! effective) and passes; 1.25 % a month is exactly at the cap and passes; 1 % a month flat over a
//! year is about 21.5 % nominal and is refused unless confirmed.

use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::*;
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::Money;

/// The legal cap on the contract rate, percent a year (CCC s.654).
pub const LEGAL_CAP_PERCENT: Decimal = Decimal::from_parts(15, 0, 0, false, 0);

/// The longest term Sajja accepts, in months.
pub const MAX_MONTHS: u32 = 360;

/// How interest is charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    DecliningEqualPrincipal,
    DecliningAnnuity,
    Flat,
    InterestOnly,
}

impl Method {
    pub const ALL: [Method; 4] = [
        Method::DecliningEqualPrincipal,
        Method::DecliningAnnuity,
        Method::Flat,
        Method::InterestOnly,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::DecliningEqualPrincipal => "declining-equal-principal",
            Method::DecliningAnnuity => "declining-annuity",
            Method::Flat => "flat",
            Method::InterestOnly => "interest-only",
        }
    }

    /// The Thai name treasurers use.
    pub fn label(self) -> &'static str {
        match self {
            Method::DecliningEqualPrincipal => "ลดต้นลดดอก (ต้นเท่ากันทุกงวด)",
            Method::DecliningAnnuity => "ผ่อนเท่ากันทุกงวด",
            Method::Flat => "ดอกเบี้ยคงที่ (คิดจากเงินต้นเต็มจำนวน)",
            Method::InterestOnly => "ส่งดอกเบี้ยรายเดือน คืนต้นงวดสุดท้าย",
        }
    }

    /// Does the interest follow the balance (so paying early saves interest)?
    pub fn declining(self) -> bool {
        !matches!(self, Method::Flat)
    }

    pub fn parse(text: &str) -> Result<Method> {
        let t = text.trim();
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == t || m.label() == t)
            .ok_or_else(|| {
                Error::invalid(
                    "method",
                    format!(
                        "ไม่รู้จักวิธีคิดดอกเบี้ย \"{t}\" — เลือก declining-equal-principal (ลดต้นลดดอก), declining-annuity (ผ่อนเท่ากันทุกงวด), flat (ดอกเบี้ยคงที่) หรือ interest-only (ส่งแต่ดอกเบี้ย)"
                    ),
                )
            })
    }
}

/// A monthly interest rate, in percent a month (1 = 1 % a month), at most four decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthlyRate(Decimal);

impl MonthlyRate {
    /// Parses what people type: `1`, `0.75`, `1.5%`, Thai digits.
    pub fn parse(text: &str) -> Result<MonthlyRate> {
        let arabic = crate::thai::to_arabic_digits(text.trim());
        let cleaned = arabic.trim().trim_end_matches('%').trim();
        let bad = || {
            Error::invalid(
                "rate",
                format!(
                    "อัตราดอกเบี้ย \"{}\" อ่านไม่ออก — พิมพ์ร้อยละต่อเดือน เช่น 1 หรือ 0.75",
                    text.trim()
                ),
            )
        };
        if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(bad());
        }
        let d: Decimal = cleaned.parse().map_err(|_| bad())?;
        if d.scale() > 4 {
            return Err(Error::invalid(
                "rate",
                "อัตราดอกเบี้ยมีทศนิยมได้ไม่เกินสี่ตำแหน่ง เช่น 0.8333",
            ));
        }
        if d > Decimal::from(10) {
            return Err(Error::invalid("rate", "อัตราดอกเบี้ยต้องไม่เกินร้อยละ 10 ต่อเดือน"));
        }
        Ok(MonthlyRate(d.normalize()))
    }

    pub fn from_percent(percent: Decimal) -> MonthlyRate {
        MonthlyRate(percent.normalize())
    }

    /// Percent a month, e.g. 0.75.
    pub fn percent(self) -> Decimal {
        self.0
    }

    /// The rate in millionths (1 % a month = 10,000): exact, since a rate has at most four
    /// decimals of a percent.
    pub fn millionths(self) -> i64 {
        (self.0 * Decimal::from(10_000))
            .to_i64()
            .expect("rates are at most 10 % with four decimals")
    }

    /// The rate as a fraction, e.g. 0.0075.
    pub fn fraction(self) -> Decimal {
        self.0 / Decimal::ONE_HUNDRED
    }

    /// 12 × the monthly rate, percent a year (the nominal contract rate of a declining loan).
    pub fn yearly_percent(self) -> Decimal {
        self.0 * Decimal::from(12)
    }
}

impl std::fmt::Display for MonthlyRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One instalment of a contract schedule (no date yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub no: u32,
    pub principal: Money,
    pub interest: Money,
    pub total: Money,
    /// Principal still owed after this instalment.
    pub balance: Money,
}

/// Half-up rounding of a non-negative decimal to whole satang (the decimal is in satang).
fn round_satang(d: Decimal) -> i64 {
    d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .to_i64()
        .expect("amounts are bounded far below i64 satang")
}

/// round(a / n) half-up, for a ≥ 0.
fn round_div(a: i64, n: i64) -> i64 {
    (2 * a + n) / (2 * n)
}

/// round(balance × r), the interest on a balance for one month.
pub fn interest_on(balance: Money, rate: MonthlyRate) -> Money {
    Money::from_satang(interest_satang(balance.satang(), rate.millionths()))
}

/// round(balance × r) half-up in satang, with r in millionths: exact integer arithmetic.
pub(crate) fn interest_satang(balance: i64, millionths: i64) -> i64 {
    if balance <= 0 {
        return 0;
    }
    let x = i128::from(balance) * i128::from(millionths);
    ((2 * x + 1_000_000) / 2_000_000) as i64
}

/// The level payment of an annuity, round(amount × r / (1 − (1 + r)^−n)), in satang.
fn annuity_payment(amount: i64, r: Decimal, n: u32) -> Result<i64> {
    if r.is_zero() {
        return Ok(round_div(amount, i64::from(n)));
    }
    let too_large = || Error::invalid("amount", "จำนวนเงินหรืออัตราดอกเบี้ยมากเกินกว่าที่คำนวณได้");
    let growth = (Decimal::ONE + r)
        .checked_powi(i64::from(n))
        .ok_or_else(too_large)?;
    let discount = Decimal::ONE - Decimal::ONE.checked_div(growth).ok_or_else(too_large)?;
    let payment = Decimal::from(amount)
        .checked_mul(r)
        .and_then(|x| x.checked_div(discount))
        .ok_or_else(too_large)?;
    Ok(round_satang(payment))
}

/// The contract schedule of a loan: `months` instalments by `method` at `rate`.
///
/// Refuses a loan so small for its term that an instalment's principal would be negative
/// (e.g. 10 satang over 12 months): there is no sensible contract for it.
pub fn contract(
    amount: Money,
    months: u32,
    rate: MonthlyRate,
    method: Method,
) -> Result<Vec<Line>> {
    if !amount.is_positive() {
        return Err(Error::invalid("amount", "จำนวนเงินกู้ต้องมากกว่าศูนย์"));
    }
    if months == 0 || months > MAX_MONTHS {
        return Err(Error::invalid(
            "months",
            format!("จำนวนงวดต้องอยู่ระหว่าง 1 ถึง {MAX_MONTHS} เดือน"),
        ));
    }
    let a = amount.satang();
    let n = i64::from(months);
    let r = rate.fraction();
    let rm = rate.millionths();
    let mut lines = Vec::with_capacity(months as usize);
    let mut balance = a;
    let equal_principal = round_div(a, n);
    let flat_interest = interest_satang(a, rm);
    let payment = match method {
        Method::DecliningAnnuity => annuity_payment(a, r, months)?,
        _ => 0,
    };
    for k in 1..=months {
        let last = k == months;
        let (principal, interest) = match method {
            Method::DecliningEqualPrincipal => {
                let p = if last { balance } else { equal_principal };
                (p, interest_satang(balance, rm))
            }
            Method::DecliningAnnuity => {
                let i = interest_satang(balance, rm);
                let p = if last { balance } else { payment - i };
                (p, i)
            }
            Method::Flat => {
                let p = if last { balance } else { equal_principal };
                (p, flat_interest)
            }
            Method::InterestOnly => (if last { balance } else { 0 }, flat_interest),
        };
        if principal < 0 || principal > balance {
            return Err(Error::invalid(
                "amount",
                format!(
                    "จำนวนเงิน {} บาท น้อยเกินไปสำหรับ {months} งวด — ลดจำนวนงวดหรือเพิ่มจำนวนเงิน",
                    amount.grouped()
                ),
            ));
        }
        balance -= principal;
        lines.push(Line {
            no: k,
            principal: Money::from_satang(principal),
            interest: Money::from_satang(interest),
            total: Money::from_satang(principal + interest),
            balance: Money::from_satang(balance),
        });
    }
    Ok(lines)
}

/// The annual rates of a contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rates {
    /// The monthly internal rate of return, as a fraction.
    pub monthly_irr: Decimal,
    /// 12 × IRR, percent a year, two decimals: compared with the legal cap.
    pub nominal_annual: Decimal,
    /// (1 + IRR)^12 − 1, percent a year, two decimals.
    pub effective_annual: Decimal,
}

impl Rates {
    /// Above the 15 % a year of CCC s.654?
    pub fn above_legal_cap(&self) -> bool {
        self.nominal_annual > LEGAL_CAP_PERCENT
    }

    /// The Thai warning shown for a rate above the cap: one short sentence that fits two lines
    /// on the form; the law behind it is [`Rates::warning_why`], shown on asking.
    pub fn warning(&self) -> Option<String> {
        self.above_legal_cap().then(|| {
            format!(
                "ดอกเบี้ยร้อยละ {} ต่อปี เกินร้อยละ 15 ที่กฎหมายให้เรียกได้",
                pct(self.nominal_annual)
            )
        })
    }

    /// Why the rate is flagged, in plain words with the law (the form's "ทำไม").
    pub fn warning_why(&self) -> Option<String> {
        self.above_legal_cap().then(|| {
            format!(
                "ประมวลกฎหมายแพ่งและพาณิชย์ มาตรา 654 ให้เรียกดอกเบี้ยได้ไม่เกินร้อยละ 15 ต่อปี \
                 ถ้าเกิน ศาลอาจลดดอกเบี้ยหรือไม่ให้เรียกดอกเบี้ยเลย สัญญานี้คิดเป็นรายปีตามจริงร้อยละ {} \
                 ถ้าคณะกรรมการยังยืนยันจะใช้อัตรานี้ การยืนยันจะบันทึกไว้กับสัญญา",
                pct(self.effective_annual)
            )
        })
    }

    /// What a confirmation records: the warning and the law behind it.
    pub fn recorded_warning(&self) -> Option<String> {
        Some(format!("{} — {}", self.warning()?, self.warning_why()?))
    }
}

/// A percentage with two decimals: "12.68".
pub fn pct(d: Decimal) -> String {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r.to_string()
}

/// Net present value of the instalment totals at monthly rate `i`, less the amount lent.
fn npv(amount: Decimal, totals: &[Decimal], i: Decimal) -> Option<Decimal> {
    let v = Decimal::ONE.checked_div(Decimal::ONE + i)?;
    let mut acc = Decimal::ZERO;
    for t in totals.iter().rev() {
        acc = (acc + t).checked_mul(v)?;
    }
    Some(acc - amount)
}

/// The monthly IRR of lending `amount` and receiving `lines` one month apart, by bisection.
pub fn monthly_irr(amount: Money, lines: &[Line]) -> Decimal {
    let a = amount.as_decimal();
    let totals: Vec<Decimal> = lines.iter().map(|l| l.total.as_decimal()).collect();
    let received: Decimal = totals.iter().sum();
    if received <= a || lines.is_empty() {
        return Decimal::ZERO;
    }
    let mut lo = Decimal::ZERO;
    let mut hi = Decimal::new(5, 2);
    // Widen until the NPV turns negative (the totals are worth less than the amount).
    while npv(a, &totals, hi).is_some_and(|v| v > Decimal::ZERO) && hi < Decimal::from(100) {
        lo = hi;
        hi *= Decimal::TWO;
    }
    let eps = Decimal::new(1, 18);
    for _ in 0..200 {
        if hi - lo <= eps {
            break;
        }
        let mid = (lo + hi) / Decimal::TWO;
        match npv(a, &totals, mid) {
            Some(v) if v > Decimal::ZERO => lo = mid,
            _ => hi = mid,
        }
    }
    (lo + hi) / Decimal::TWO
}

/// Nominal and effective annual rates of a contract schedule.
pub fn rates(amount: Money, lines: &[Line]) -> Rates {
    let i = monthly_irr(amount, lines);
    let hundred = Decimal::ONE_HUNDRED;
    let round2 = |d: Decimal| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let nominal = round2(i * Decimal::from(12) * hundred);
    let effective = (Decimal::ONE + i)
        .checked_powi(12)
        .map(|g| round2((g - Decimal::ONE) * hundred))
        .unwrap_or(Decimal::MAX);
    Rates {
        monthly_irr: i,
        nominal_annual: nominal,
        effective_annual: effective,
    }
}

/// The date instalment `k` (1-based) falls due: the group's collection day of the k-th month
/// after the month the loan was paid out.
pub fn due_date(disbursed: NaiveDate, due_day: u32, k: u32) -> NaiveDate {
    let months = disbursed.year() * 12 + disbursed.month0() as i32 + k as i32;
    NaiveDate::from_ymd_opt(months / 12, (months % 12) as u32 + 1, due_day.clamp(1, 28))
        .expect("day 1–28 exists in every month")
}

/// The due dates of all instalments.
pub fn due_dates(disbursed: NaiveDate, due_day: u32, months: u32) -> Vec<NaiveDate> {
    (1..=months)
        .map(|k| due_date(disbursed, due_day, k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baht(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    fn rate(s: &str) -> MonthlyRate {
        MonthlyRate::parse(s).unwrap()
    }

    #[test]
    fn equal_principal_by_hand() {
        // 10,000 over 3 months at 1 %: principal 3,333.33 ×2 then 3,333.34.
        let s = contract(baht("10000"), 3, rate("1"), Method::DecliningEqualPrincipal).unwrap();
        let got: Vec<(String, String, String)> = s
            .iter()
            .map(|l| {
                (
                    l.principal.to_string(),
                    l.interest.to_string(),
                    l.balance.to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("3333.33".into(), "100.00".into(), "6666.67".into()),
                ("3333.33".into(), "66.67".into(), "3333.34".into()),
                ("3333.34".into(), "33.33".into(), "0.00".into()),
            ]
        );
    }

    #[test]
    fn annuity_by_hand() {
        // 10,000 over 12 months at 1 %: payment 888.49 (10000 × 0.01 / (1 − 1.01^−12) = 888.4879).
        let s = contract(baht("10000"), 12, rate("1"), Method::DecliningAnnuity).unwrap();
        assert_eq!(s[0].total, baht("888.49"));
        assert_eq!(s[0].interest, baht("100.00"));
        assert_eq!(s[0].principal, baht("788.49"));
        assert!(s[..11].iter().all(|l| l.total == baht("888.49")));
        assert_eq!(s[11].balance, Money::ZERO);
        let principal: Money = s.iter().map(|l| l.principal).sum();
        assert_eq!(principal, baht("10000"));
    }

    #[test]
    fn flat_and_interest_only_by_hand() {
        let s = contract(baht("12000"), 12, rate("1"), Method::Flat).unwrap();
        assert!(s
            .iter()
            .all(|l| l.interest == baht("120") && l.principal == baht("1000")));
        let s = contract(baht("5000"), 6, rate("1.5"), Method::InterestOnly).unwrap();
        assert!(s[..5]
            .iter()
            .all(|l| l.interest == baht("75") && l.principal.is_zero()));
        assert_eq!(s[5].total, baht("5075"));
    }

    #[test]
    fn half_up_rounding() {
        // 50.50 satang of interest rounds up: 5,050 × 1 % = 50.50 → 50.50 baht is exact;
        // 1,234.50 × 1 % = 12.345 → 12.35.
        assert_eq!(interest_on(baht("1234.50"), rate("1")), baht("12.35"));
        assert_eq!(interest_on(baht("1234.49"), rate("1")), baht("12.34"));
    }

    #[test]
    fn rates_of_the_classic_cases() {
        let amount = baht("12000");
        let declining = contract(amount, 12, rate("1"), Method::DecliningEqualPrincipal).unwrap();
        let r = rates(amount, &declining);
        assert_eq!(pct(r.nominal_annual), "12.00");
        assert_eq!(pct(r.effective_annual), "12.68");
        assert!(!r.above_legal_cap());
        let at_cap = contract(amount, 12, rate("1.25"), Method::DecliningAnnuity).unwrap();
        assert_eq!(pct(rates(amount, &at_cap).nominal_annual), "15.00");
        assert!(!rates(amount, &at_cap).above_legal_cap());
        let flat = contract(amount, 12, rate("1"), Method::Flat).unwrap();
        let r = rates(amount, &flat);
        assert!(r.nominal_annual > Decimal::from(21), "{r:?}");
        assert!(r.above_legal_cap());
        assert!(
            r.warning().unwrap().chars().count() < 70,
            "{:?}",
            r.warning()
        );
        assert!(r.warning_why().unwrap().contains("มาตรา 654"));
        assert!(r.recorded_warning().unwrap().contains("มาตรา 654"));
        let free = contract(amount, 12, rate("0"), Method::Flat).unwrap();
        assert_eq!(rates(amount, &free).nominal_annual, Decimal::ZERO);
        let io = contract(amount, 12, rate("0.75"), Method::InterestOnly).unwrap();
        assert_eq!(pct(rates(amount, &io).nominal_annual), "9.00");
    }

    #[test]
    fn tiny_loans_for_long_terms_are_refused() {
        assert!(contract(
            Money::from_satang(10),
            12,
            rate("1"),
            Method::DecliningAnnuity
        )
        .is_err());
        assert!(contract(Money::from_satang(5), 10, rate("1"), Method::Flat).is_err());
        assert!(contract(baht("100"), 0, rate("1"), Method::Flat).is_err());
        assert!(contract(baht("100"), 361, rate("1"), Method::Flat).is_err());
    }

    #[test]
    fn rates_parse_like_people_type_them() {
        assert_eq!(rate("1").percent(), Decimal::ONE);
        assert_eq!(rate("0.75%").to_string(), "0.75");
        assert_eq!(rate("๑.๕").to_string(), "1.5");
        for bad in ["", "abc", "-1", "1.23456", "11"] {
            assert!(MonthlyRate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn due_dates_fall_on_the_collection_day_from_the_next_month() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            due_dates(d("2025-11-20"), 5, 3),
            vec![d("2025-12-05"), d("2026-01-05"), d("2026-02-05")]
        );
        assert_eq!(due_date(d("2025-01-31"), 28, 1), d("2025-02-28"));
    }
}
