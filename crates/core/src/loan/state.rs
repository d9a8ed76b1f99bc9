//! Where a loan stands on a date, derived from its terms and its postings (never stored).
//!
//! The contract schedule fixes, for each instalment k, the principal balance S_k the loan may
//! have at most after it, and its due date d_k. From the postings we know the actual balance
//! B(t), the interest paid and the fines paid on any date t. Then on a date D:
//! - interest of instalment k is round(B(d_{k−1}) × r) for the declining methods and
//!   interest-only (d_0 = the payout date), and round(amount × r) for flat; so paying more than
//!   due lowers the interest of the following months, except on a flat loan;
//! - principal due through instalment k is B(D) − S_k (never below zero): paying ahead means
//!   nothing is due until the schedule catches up; the loan never runs past its last due date;
//! - "this month" is the instalment due in D's calendar month; "arrears" are the unpaid parts
//!   of instalments due in earlier months; "overdue" (for the arrears list) is everything due
//!   before D itself;
//! - paying off on D charges interest to the current period only: through the first instalment
//!   whose due date is on or after D;
//! - an instalment is late when, at its deadline (its due date, or the group's late day of that
//!   month if later), the balance is still above S_k or its interest is unpaid. The late rule in
//!   force at the due date then charges a fixed fine per late instalment, or default interest on
//!   the overdue principal only (each month, at the yearly rate / 12), or nothing.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use rust_decimal::Decimal;

use super::schedule::{self, Line, Method, MonthlyRate};
use crate::error::Result;
use crate::money::Money;
use crate::settings;
use crate::thai::YearMonth;

/// The terms of a paid-out loan that its position depends on.
#[derive(Clone, Debug)]
pub(crate) struct Terms {
    pub amount: Money,
    pub months: u32,
    pub rate: MonthlyRate,
    pub method: Method,
    pub disbursed: NaiveDate,
    pub due_day: u32,
}

/// The money that moved on a loan on one date, from its postings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Flow {
    pub date: NaiveDate,
    /// Change of the principal balance (payout +, repayment −), satang.
    pub principal: i64,
    /// Interest received, satang.
    pub interest_paid: i64,
    /// Loan fines received, satang.
    pub fines_paid: i64,
}

impl Flow {
    /// Adds a posting on `account` (debit > 0) to the flows of a loan, merging by date.
    pub fn add(flows: &mut Vec<Flow>, date: NaiveDate, account: &str, amount: i64) {
        Flow::add_raw(flows, date, account.as_bytes(), amount);
    }

    /// [`Flow::add`] with the account code as bytes (straight from SQLite, no UTF-8 check).
    pub fn add_raw(flows: &mut Vec<Flow>, date: NaiveDate, account: &[u8], amount: i64) {
        let slot = match flows.last_mut() {
            Some(f) if f.date == date => f,
            _ => {
                flows.push(Flow {
                    date,
                    principal: 0,
                    interest_paid: 0,
                    fines_paid: 0,
                });
                flows.last_mut().expect("just pushed")
            }
        };
        if account == crate::account::LOANS.as_bytes() {
            slot.principal += amount;
        } else if account == crate::account::LOAN_INTEREST.as_bytes() {
            slot.interest_paid -= amount;
        } else if account == crate::account::FINES.as_bytes() {
            slot.fines_paid -= amount;
        }
    }
}

/// How late instalments are charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LateRule {
    /// A fixed fine per late instalment.
    Fine(Money),
    /// Default interest, percent a year, on the overdue principal only.
    DefaultInterest(Decimal),
    None,
}

/// The group's late rules through time (dated settings), read once and parsed.
#[derive(Clone, Debug)]
pub(crate) struct LateRules {
    /// From each date on (the first also covers everything before it): the rule and the
    /// group's late day.
    timeline: Vec<(NaiveDate, LateRule, u32)>,
    /// Does any period charge default interest? (Otherwise that pass is skipped.)
    any_default_interest: bool,
}

type History = Vec<(NaiveDate, String)>;

fn value_at(list: &[(NaiveDate, String)], date: NaiveDate) -> &str {
    let i = list.partition_point(|(d, _)| *d <= date);
    match (i, list.first()) {
        (0, Some((_, v))) => v,
        (0, None) => "",
        _ => &list[i - 1].1,
    }
}

impl LateRules {
    pub fn load(conn: &Connection) -> Result<LateRules> {
        Ok(LateRules::from_histories(
            &settings::history(conn, "loan_late_rule")?,
            &settings::history(conn, "loan_late_fine")?,
            &settings::history(conn, "loan_default_rate")?,
            &settings::history(conn, "late_after_day")?,
        ))
    }

    /// From the dated values of the settings, oldest first (as `settings::history` gives).
    pub fn from_histories(
        rule: &History,
        fine: &History,
        rate: &History,
        late_day: &History,
    ) -> LateRules {
        let mut dates: Vec<NaiveDate> = [rule, fine, rate, late_day]
            .iter()
            .flat_map(|h| h.iter().map(|(d, _)| *d))
            .collect();
        dates.sort();
        dates.dedup();
        if dates.is_empty() {
            dates.push(NaiveDate::MIN);
        }
        let timeline: Vec<(NaiveDate, LateRule, u32)> = dates
            .into_iter()
            .map(|date| {
                let parsed = match value_at(rule, date) {
                    "default-interest" => LateRule::DefaultInterest(
                        value_at(rate, date).parse().unwrap_or(Decimal::ZERO),
                    ),
                    "none" => LateRule::None,
                    _ => LateRule::Fine(Money::parse(value_at(fine, date)).unwrap_or_default()),
                };
                (date, parsed, value_at(late_day, date).parse().unwrap_or(0))
            })
            .collect();
        LateRules {
            any_default_interest: timeline
                .iter()
                .any(|(_, r, _)| matches!(r, LateRule::DefaultInterest(_))),
            timeline,
        }
    }

    fn entry(&self, date: NaiveDate) -> &(NaiveDate, LateRule, u32) {
        let i = self.timeline.partition_point(|(d, _, _)| *d <= date);
        &self.timeline[i.saturating_sub(1)]
    }

    /// The rule in force on `date`.
    pub fn at(&self, date: NaiveDate) -> LateRule {
        self.entry(date).1
    }

    /// The last day an instalment due on `due` counts as on time.
    pub fn deadline(&self, due: NaiveDate) -> NaiveDate {
        let day = self.entry(due).2;
        let m = YearMonth::of(due);
        NaiveDate::from_ymd_opt(m.year, m.month, day.clamp(1, 28)).map_or(due, |late| late.max(due))
    }
}

/// Where a loan stands on a date. Amounts are what is still unpaid.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub date: Option<NaiveDate>,
    /// Principal still owed.
    pub balance: Money,
    /// The instalment due in this calendar month, if any.
    pub installment_no: Option<u32>,
    pub installment_due_on: Option<NaiveDate>,
    pub installment_principal: Money,
    pub installment_interest: Money,
    /// This month's instalment, unpaid part (principal + interest).
    pub installment: Money,
    /// Unpaid parts of instalments due in earlier months.
    pub arrears_principal: Money,
    pub arrears_interest: Money,
    pub arrears: Money,
    /// Loan fines charged and not yet paid.
    pub fines: Money,
    /// Interest due through this month and not yet paid.
    pub interest_to_date: Money,
    /// Interest to the current period, charged when the loan is paid off today.
    pub payoff_interest: Money,
    /// Everything needed to close the loan today.
    pub payoff: Money,
    /// Due now: arrears + this month's instalment + fines.
    pub total_due: Money,
    /// Unpaid amounts of instalments due before the date itself (the arrears list).
    pub overdue_principal: Money,
    pub overdue_interest: Money,
    pub overdue: Money,
    /// How many instalments are overdue, counted from the oldest unpaid one.
    pub overdue_installments: u32,
    /// Age of the arrears in months: monthly due dates (continuing past the last instalment)
    /// passed since the oldest unpaid one, counting it.
    pub months_overdue: u32,
    pub oldest_overdue: Option<NaiveDate>,
    pub interest_paid: Money,
    pub fines_paid: Money,
    pub fines_charged: Money,
    /// The next due date on or after the date, if the schedule has one.
    pub next_due: Option<NaiveDate>,
    /// Overdue instalments or unpaid fines: the borrower is flagged on every screen.
    pub in_arrears: bool,
}

impl Position {
    /// Overdue instalments or unpaid fines.
    pub fn in_arrears(&self) -> bool {
        self.in_arrears
    }
}

/// A loan's schedule with due dates, and its postings in date order, as cumulative sums.
pub(crate) struct Ledger<'a> {
    pub terms: &'a Terms,
    pub lines: Vec<Line>,
    pub dues: Vec<NaiveDate>,
    /// The flows turned into running totals: (date, balance, interest paid, fines paid).
    cumulative: Vec<Flow>,
    /// Interest of each instalment, computed lazily (index k−1).
    charges: Vec<i64>,
    rate: i64,
}

impl<'a> Ledger<'a> {
    pub fn new(terms: &'a Terms, flows: &[Flow]) -> Result<Ledger<'a>> {
        Ledger::from_flows(terms, flows.to_vec())
    }

    /// Like [`Ledger::new`], reusing the flows' memory for the running totals.
    pub fn from_flows(terms: &'a Terms, mut flows: Vec<Flow>) -> Result<Ledger<'a>> {
        let lines = schedule::contract(terms.amount, terms.months, terms.rate, terms.method)?;
        let dues = schedule::due_dates(terms.disbursed, terms.due_day, terms.months);
        let (mut b, mut i, mut f) = (0, 0, 0);
        for flow in &mut flows {
            b += flow.principal;
            i += flow.interest_paid;
            f += flow.fines_paid;
            (flow.principal, flow.interest_paid, flow.fines_paid) = (b, i, f);
        }
        Ok(Ledger {
            terms,
            lines,
            dues,
            cumulative: flows,
            charges: Vec::with_capacity(terms.months as usize),
            rate: terms.rate.millionths(),
        })
    }

    /// (principal balance, interest paid, fines paid) at the end of `date`.
    fn at(&self, date: NaiveDate) -> (i64, i64, i64) {
        match self.cumulative.partition_point(|f| f.date <= date) {
            0 => (0, 0, 0),
            i => {
                let f = &self.cumulative[i - 1];
                (f.principal, f.interest_paid, f.fines_paid)
            }
        }
    }

    /// S_k: the scheduled balance after instalment k (S_0 = the amount).
    fn scheduled(&self, k: usize) -> i64 {
        if k == 0 {
            self.terms.amount.satang()
        } else {
            self.lines[k.min(self.lines.len()) - 1].balance.satang()
        }
    }

    /// The due date of instalment k (1-based); d_0 is the payout date.
    fn due(&self, k: usize) -> NaiveDate {
        if k == 0 {
            self.terms.disbursed
        } else {
            self.dues[k - 1]
        }
    }

    /// Interest of instalments 1..=k together.
    fn interest_through(&mut self, k: usize) -> i64 {
        while self.charges.len() < k {
            let j = self.charges.len() + 1;
            let charge = match self.terms.method {
                Method::Flat => self.lines[j - 1].interest.satang(),
                _ => {
                    let (b, _, _) = self.at(self.due(j - 1));
                    schedule::interest_satang(b, self.rate)
                }
            };
            let before = self.charges.last().copied().unwrap_or(0);
            self.charges.push(before + charge);
        }
        if k == 0 {
            0
        } else {
            self.charges[k - 1]
        }
    }

    /// Is instalment k fully paid at the end of `date`?
    pub fn paid(&mut self, k: usize, date: NaiveDate) -> bool {
        let (b, ip, _) = self.at(date);
        let owed_interest = self.interest_through(k);
        b <= self.scheduled(k) && ip >= owed_interest
    }

    /// Fines charged by the late rules through `date`.
    fn fines_charged(&mut self, rules: &LateRules, date: NaiveDate) -> i64 {
        let n = self.dues.len();
        let mut total = 0;
        for k in 1..=n {
            let due = self.due(k);
            if due >= date {
                break;
            }
            if let LateRule::Fine(fine) = rules.at(due) {
                let deadline = rules.deadline(due);
                if deadline < date && !self.paid(k, deadline) {
                    total += fine.satang();
                }
            }
        }
        // Default interest: at each monthly point after the first due date (continuing past the
        // last one), on the principal overdue from earlier instalments the day before.
        if !rules.any_default_interest {
            return total;
        }
        let mut j = 2;
        loop {
            let point = schedule::due_date(self.terms.disbursed, self.terms.due_day, j);
            if point > date {
                break;
            }
            if let LateRule::DefaultInterest(yearly) = rules.at(point) {
                let (b, _, _) = self.at(point.pred_opt().unwrap_or(point));
                let overdue = b - self.scheduled((j - 1).min(n as u32) as usize);
                if overdue > 0 && b > 0 {
                    let monthly = yearly / Decimal::from(1200);
                    total +=
                        Money::from_decimal_rounded(Decimal::new(overdue, 2) * monthly).satang();
                }
            }
            j += 1;
        }
        total
    }

    /// The loan's position at the end of `date`.
    pub fn position(&mut self, rules: &LateRules, date: NaiveDate) -> Position {
        let n = self.dues.len();
        // Instalment k falls in the k-th month after the payout's month, on the due day.
        let months_since = |d: NaiveDate| {
            let (a, b) = (YearMonth::of(self.terms.disbursed), YearMonth::of(d));
            i64::from(b.year - a.year) * 12 + i64::from(b.month) - i64::from(a.month)
        };
        let clamp = |k: i64| k.clamp(0, n as i64) as usize;
        let m = months_since(date);
        let k_month = clamp(m);
        let k_prev = clamp(m - 1);
        let due_day_passed = i64::from(self.terms.due_day.clamp(1, 28) < date.day());
        let k_over = clamp(m - 1 + due_day_passed);
        let k_period = if date > self.terms.disbursed {
            (k_over + 1).min(n)
        } else {
            0
        }
        .max(k_month);

        let (bal, int_paid, fines_paid) = self.at(date);
        let bal = bal.max(0);
        let pos0 = |x: i64| Money::from_satang(x.max(0));
        let interest_to_date = pos0(self.interest_through(k_month) - int_paid);
        let arrears_interest = pos0(self.interest_through(k_prev) - int_paid);
        let arrears_principal = pos0(bal - self.scheduled(k_prev));
        let through_month = pos0(bal - self.scheduled(k_month));
        let installment_interest = interest_to_date - arrears_interest;
        let installment_principal = through_month - arrears_principal;
        let overdue_interest = pos0(self.interest_through(k_over) - int_paid);
        let overdue_principal = pos0(bal - self.scheduled(k_over));
        let payoff_interest = if bal > 0 {
            pos0(self.interest_through(k_period) - int_paid)
        } else {
            interest_to_date
        };
        let charged = self.fines_charged(rules, date);
        let fines = pos0(charged - fines_paid);

        // Paid instalments come first (an unpaid one leaves every later one unpaid too).
        let (mut lo, mut hi) = (1, k_over + 1);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.paid(mid, date) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let oldest = (lo <= k_over).then_some(lo);
        let months_overdue = oldest.map_or(0, |k| {
            let mut m = 0;
            while schedule::due_date(self.terms.disbursed, self.terms.due_day, (k + m) as u32)
                < date
            {
                m += 1;
            }
            m as u32
        });
        let installment_no = (k_month > k_prev).then_some(k_month as u32);
        let installment = installment_principal + installment_interest;
        let arrears = arrears_principal + arrears_interest;
        Position {
            date: Some(date),
            balance: Money::from_satang(bal),
            installment_no,
            installment_due_on: installment_no.map(|k| self.due(k as usize)),
            installment_principal,
            installment_interest,
            installment,
            arrears_principal,
            arrears_interest,
            arrears,
            fines,
            interest_to_date,
            payoff_interest,
            payoff: Money::from_satang(bal) + payoff_interest + fines,
            total_due: installment + arrears + fines,
            overdue_principal,
            overdue_interest,
            overdue: overdue_principal + overdue_interest,
            overdue_installments: oldest.map_or(0, |k| (k_over - k + 1) as u32),
            months_overdue,
            oldest_overdue: oldest.map(|k| self.due(k)),
            interest_paid: Money::from_satang(int_paid),
            fines_paid: Money::from_satang(fines_paid),
            fines_charged: Money::from_satang(charged),
            next_due: self.dues.iter().copied().find(|d| *d >= date),
            in_arrears: (overdue_principal + overdue_interest).is_positive() || fines.is_positive(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn rules(rule: &str) -> LateRules {
        let since = d("2000-01-01");
        LateRules::from_histories(
            &vec![(since, rule.into())],
            &vec![(since, "20.00".into())],
            &vec![(since, "5".into())],
            &vec![(since, "10".into())],
        )
    }

    fn terms(method: Method) -> Terms {
        Terms {
            amount: Money::from_baht(12_000),
            months: 12,
            rate: MonthlyRate::parse("1").unwrap(),
            method,
            disbursed: d("2025-01-20"),
            due_day: 5,
        }
    }

    fn payout(t: &Terms) -> Vec<Flow> {
        let mut flows = Vec::new();
        Flow::add(
            &mut flows,
            t.disbursed,
            crate::account::LOANS,
            t.amount.satang(),
        );
        flows
    }

    fn pay(flows: &mut Vec<Flow>, date: &str, principal: i64, interest: i64, fines: i64) {
        let date = d(date);
        Flow::add(flows, date, crate::account::FINES, -fines * 100);
        Flow::add(flows, date, crate::account::LOAN_INTEREST, -interest * 100);
        Flow::add(flows, date, crate::account::LOANS, -principal * 100);
    }

    #[test]
    fn on_schedule_the_position_is_the_schedule() {
        let t = terms(Method::DecliningEqualPrincipal);
        let mut flows = payout(&t);
        let r = rules("fine");
        // Before the first due month nothing is due; paying off charges the first month.
        let p = Ledger::new(&t, &flows)
            .unwrap()
            .position(&r, d("2025-01-25"));
        assert_eq!(p.total_due, Money::ZERO);
        assert_eq!(p.payoff, Money::from_baht(12_120));
        // Collection day of February: instalment 1 = 1,000 + 120.
        let p = Ledger::new(&t, &flows)
            .unwrap()
            .position(&r, d("2025-02-05"));
        assert_eq!(p.installment_no, Some(1));
        assert_eq!(p.installment, Money::from_baht(1_120));
        assert_eq!(p.arrears, Money::ZERO);
        assert!(!p.in_arrears());
        pay(&mut flows, "2025-02-05", 1_000, 120, 0);
        let p = Ledger::new(&t, &flows)
            .unwrap()
            .position(&r, d("2025-03-05"));
        assert_eq!(p.installment, Money::from_baht(1_110));
        assert_eq!(p.balance, Money::from_baht(11_000));
    }

    #[test]
    fn a_missed_instalment_is_arrears_with_a_fine_and_ages() {
        let t = terms(Method::DecliningEqualPrincipal);
        let flows = payout(&t);
        let r = rules("fine");
        let mut l = Ledger::new(&t, &flows).unwrap();
        let p = l.position(&r, d("2025-03-05"));
        assert_eq!(p.arrears, Money::from_baht(1_120));
        assert_eq!(p.fines, Money::from_baht(20));
        // Interest of month 2 is on the unpaid 12,000.
        assert_eq!(p.installment, Money::from_baht(1_120));
        assert_eq!(p.overdue_installments, 1);
        let p = l.position(&r, d("2025-05-20"));
        assert_eq!(p.overdue_installments, 4);
        assert_eq!(p.months_overdue, 4);
        assert_eq!(p.oldest_overdue, Some(d("2025-02-05")));
        assert_eq!(p.fines, Money::from_baht(80));
        // After the last due date the count of instalments stops; the age goes on.
        let p = l.position(&r, d("2026-03-06"));
        assert_eq!(p.overdue_installments, 12);
        assert_eq!(p.months_overdue, 14);
        let none = rules("none");
        assert_eq!(
            Ledger::new(&t, &flows)
                .unwrap()
                .position(&none, d("2025-05-20"))
                .fines,
            Money::ZERO
        );
    }

    #[test]
    fn default_interest_only_on_the_overdue_principal() {
        let t = terms(Method::DecliningEqualPrincipal);
        let flows = payout(&t);
        let r = rules("default-interest");
        // At 5 March: 1,000 principal overdue since 5 Feb → 1,000 × 5 % / 12 = 4.17.
        let p = Ledger::new(&t, &flows)
            .unwrap()
            .position(&r, d("2025-03-05"));
        assert_eq!(p.fines, Money::parse("4.17").unwrap());
        // At 5 April: 2,000 overdue → 8.33 more.
        let p = Ledger::new(&t, &flows)
            .unwrap()
            .position(&r, d("2025-04-05"));
        assert_eq!(p.fines, Money::parse("12.50").unwrap());
    }

    #[test]
    fn paying_ahead_lowers_interest_on_declining_loans_only() {
        for (method, expect) in [
            (Method::DecliningEqualPrincipal, "60.00"),
            (Method::Flat, "120.00"),
        ] {
            let t = terms(method);
            let mut flows = payout(&t);
            pay(&mut flows, "2025-02-05", 6_000, 120, 0);
            let p = Ledger::new(&t, &flows)
                .unwrap()
                .position(&rules("fine"), d("2025-03-05"));
            assert_eq!(p.installment_interest.to_string(), expect, "{method:?}");
            // 6,000 left is below the schedule's 10,000 after instalment 2: no principal due.
            assert_eq!(p.installment_principal, Money::ZERO);
            assert!(!p.in_arrears());
        }
    }

    #[test]
    fn payoff_mid_period_charges_the_current_period_only() {
        let t = terms(Method::DecliningEqualPrincipal);
        let mut flows = payout(&t);
        pay(&mut flows, "2025-02-05", 1_000, 120, 0);
        let p = Ledger::new(&t, &flows)
            .unwrap()
            .position(&rules("fine"), d("2025-02-20"));
        assert_eq!(p.total_due, Money::ZERO);
        assert_eq!(p.payoff_interest, Money::from_baht(110));
        assert_eq!(p.payoff, Money::from_baht(11_110));
    }
}
