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
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

pub(crate) use super::rules::LateRules;
pub use super::rules::{AfterMaturity, Basis, FirstPeriod, LateRule};
use super::schedule::{self, Line, Method, MonthlyRate};
use crate::error::Result;
use crate::money::Money;
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
    /// A loan paid out before the books came into Sajja (ยอดยกมา).
    pub brought_in: Option<BroughtIn>,
}

/// Where a loan paid out before the cut-over stood on it, from the paper books. Its only
/// posting before then is the opening entry on the cut-over date (the principal still owed);
/// the ledger fills in the history the schedule implies, so interest, arrears and the next
/// instalment come out as the paper loan card has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BroughtIn {
    /// The cut-over date: the opening entry's date.
    pub on: NaiveDate,
    /// Principal still owed on the cut-over date, satang.
    pub owed: i64,
    /// The last month whose interest was paid (None: none yet).
    pub interest_paid_to: Option<YearMonth>,
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

/// Interest at `yearly_millionths` (12 % a year = 120,000) on `satang_days` (a balance times
/// the days it was owed), half-up: a 365-day year.
pub(crate) fn interest_by_days(satang_days: i128, yearly_millionths: i128) -> i64 {
    if satang_days <= 0 {
        return 0;
    }
    let num = satang_days * yearly_millionths;
    let den = 365 * 1_000_000i128;
    ((2 * num + den) / (2 * den)) as i64
}

/// Interest for one month on `balance` at `yearly_millionths`, half-up.
fn interest_for_month(balance: i64, yearly_millionths: i128) -> i64 {
    if balance <= 0 {
        return 0;
    }
    let num = i128::from(balance) * yearly_millionths;
    let den = 12 * 1_000_000i128;
    ((2 * num + den) / (2 * den)) as i64
}

/// A yearly percent as millionths (5 % → 50,000); settings have at most four decimals.
fn yearly_millionths(percent: Decimal) -> i128 {
    (percent * Decimal::from(10_000))
        .round()
        .to_i128()
        .unwrap_or(0)
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
    rules: &'a LateRules,
    /// The flows turned into running totals: (date, balance, interest paid, fines paid).
    cumulative: Vec<Flow>,
    /// Interest of each month, cumulated, computed lazily (index k−1); past the last
    /// instalment it goes on month by month while principal is owed.
    charges: Vec<i64>,
    /// The contract rate a year, in millionths (1 % a month = 120,000).
    yearly: i128,
    first: FirstPeriod,
    basis: Basis,
    /// A brought-in loan: lateness before the cut-over was settled on paper, never fined here.
    fines_from: Option<NaiveDate>,
}

impl Flow {
    fn principal(date: NaiveDate, satang: i64) -> Flow {
        Flow {
            date,
            principal: satang,
            interest_paid: 0,
            fines_paid: 0,
        }
    }
}

/// Two date-ordered lists of flows as one, same dates merged.
fn merge_flows(a: &[Flow], b: &[Flow]) -> Vec<Flow> {
    let mut all: Vec<Flow> = a.iter().chain(b).copied().collect();
    all.sort_by_key(|f| f.date);
    let mut out: Vec<Flow> = Vec::with_capacity(all.len());
    for f in all {
        match out.last_mut() {
            Some(last) if last.date == f.date => {
                last.principal += f.principal;
                last.interest_paid += f.interest_paid;
                last.fines_paid += f.fines_paid;
            }
            _ => out.push(f),
        }
    }
    out
}

impl<'a> Ledger<'a> {
    pub fn new(terms: &'a Terms, flows: &[Flow], rules: &'a LateRules) -> Result<Ledger<'a>> {
        Ledger::from_flows(terms, flows.to_vec(), rules)
    }

    /// Like [`Ledger::new`], reusing the flows' memory for the running totals.
    pub fn from_flows(
        terms: &'a Terms,
        flows: Vec<Flow>,
        rules: &'a LateRules,
    ) -> Result<Ledger<'a>> {
        let Some(brought) = terms.brought_in else {
            return Ledger::build(terms, flows, rules);
        };
        // The history before the cut-over, as the schedule implies it: paid out in full,
        // each instalment's principal paid on its due date down to what was still owed at the
        // cut-over (a shortfall stays as arrears), and the interest of every month through
        // `interest_paid_to` paid. The opening entry's posting of the principal owed is
        // offset on its date, so the balance from then on is the books' own.
        let lines = schedule::contract(terms.amount, terms.months, terms.rate, terms.method)?;
        let dues = schedule::due_dates(terms.disbursed, terms.due_day, terms.months);
        let mut history = vec![Flow::principal(terms.disbursed, terms.amount.satang())];
        let mut held = terms.amount.satang();
        for (line, due) in lines.iter().zip(&dues) {
            if *due >= brought.on {
                break;
            }
            let target = line.balance.satang().max(brought.owed);
            if target < held {
                history.push(Flow::principal(*due, target - held));
                held = target;
            }
        }
        history.push(Flow::principal(brought.on, -held));
        let paid_k = brought.interest_paid_to.map_or(0, |m| {
            dues.iter().take_while(|d| YearMonth::of(**d) <= m).count()
        });
        if paid_k > 0 {
            let principal_only = merge_flows(&history, &flows);
            let mut first = Ledger::build(terms, principal_only, rules)?;
            let interest = first.interest_through(paid_k);
            let on = dues[paid_k - 1].min(brought.on);
            history.push(Flow {
                date: on,
                principal: 0,
                interest_paid: interest,
                fines_paid: 0,
            });
        }
        let mut ledger = Ledger::build(terms, merge_flows(&history, &flows), rules)?;
        ledger.fines_from = Some(brought.on);
        Ok(ledger)
    }

    fn build(terms: &'a Terms, mut flows: Vec<Flow>, rules: &'a LateRules) -> Result<Ledger<'a>> {
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
            rules,
            cumulative: flows,
            charges: Vec::with_capacity(terms.months as usize),
            yearly: i128::from(terms.rate.millionths()) * 12,
            first: rules.first_period(terms.disbursed),
            basis: rules.basis(terms.disbursed),
            fines_from: None,
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

    /// S_k: the scheduled balance after instalment k (S_0 = the amount; 0 past the last).
    fn scheduled(&self, k: usize) -> i64 {
        if k == 0 {
            self.terms.amount.satang()
        } else {
            self.lines[k.min(self.lines.len()) - 1].balance.satang()
        }
    }

    /// The due date of instalment k (1-based); d_0 is the payout date. Past the last
    /// instalment, the same day of each following month (when interest goes on accruing).
    fn due(&self, k: usize) -> NaiveDate {
        match k {
            0 => self.terms.disbursed,
            k if k <= self.dues.len() => self.dues[k - 1],
            k => schedule::due_date(self.terms.disbursed, self.terms.due_day, k as u32),
        }
    }

    /// The balance month k's interest is charged on: what was owed at the end of the grace
    /// days of instalment k−1 (so paying within them changes nothing), or at the payout.
    fn balance_for(&self, k: usize) -> i64 {
        let from = match k - 1 {
            0 => self.terms.disbursed,
            j => self.rules.deadline(self.due(j)),
        };
        self.at(from).0.max(0)
    }

    /// Σ balance × days over the days of month k (from due k−1 to the day before due k).
    fn balance_days(&self, k: usize) -> (i128, i64) {
        let (start, end) = (self.due(k - 1), self.due(k));
        let mut i = self.cumulative.partition_point(|f| f.date <= start);
        let mut b = self.at(start).0.max(0);
        let mut t = start;
        let mut total = 0i128;
        while t < end {
            let next = match self.cumulative.get(i) {
                Some(f) if f.date < end => f.date,
                _ => end,
            };
            total += i128::from(b) * i128::from((next - t).num_days());
            if next < end {
                b = self.cumulative[i].principal.max(0);
                i += 1;
            }
            t = next;
        }
        (total, (end - start).num_days())
    }

    /// The interest of month k alone.
    fn month_interest(&self, k: usize) -> i64 {
        let n = self.lines.len();
        if k > n {
            // Past maturity: on the principal still owed, month by month, at the loan's own
            // rate or the group's default interest.
            let yearly = match self.rules.after_maturity(self.due(k)) {
                AfterMaturity::Contract => self.yearly,
                AfterMaturity::DefaultRate(percent) => yearly_millionths(percent),
            };
            return match self.basis {
                Basis::Daily => interest_by_days(self.balance_days(k).0, yearly),
                Basis::Monthly => interest_for_month(self.balance_for(k), yearly),
            };
        }
        let by_days = self.basis == Basis::Daily || (k == 1 && self.first == FirstPeriod::ByDays);
        match (self.terms.method, by_days) {
            (Method::Flat, false) => self.lines[k - 1].interest.satang(),
            (Method::Flat, true) => {
                let days = self.balance_days(k).1;
                interest_by_days(
                    i128::from(self.terms.amount.satang()) * i128::from(days),
                    self.yearly,
                )
            }
            (_, true) => interest_by_days(self.balance_days(k).0, self.yearly),
            (_, false) => interest_for_month(self.balance_for(k), self.yearly),
        }
    }

    /// Interest of months 1..=k together.
    fn interest_through(&mut self, k: usize) -> i64 {
        while self.charges.len() < k {
            let j = self.charges.len() + 1;
            let charge = self.month_interest(j);
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
    fn fines_charged(&mut self, date: NaiveDate) -> i64 {
        let rules = self.rules;
        let n = self.dues.len();
        let mut total = 0;
        for k in 1..=n {
            let due = self.due(k);
            if due >= date {
                break;
            }
            if let LateRule::Fine(fine) = rules.at(due) {
                let deadline = rules.deadline(due);
                let on_paper = self.fines_from.is_some_and(|c| deadline < c);
                if deadline < date && !on_paper && !self.paid(k, deadline) {
                    total += fine.satang();
                }
            }
        }
        // Default interest: at each monthly point after the first due date (continuing past the
        // last one), on the principal overdue from earlier instalments the day before. Past
        // maturity, when the interest itself runs at the default rate, not twice.
        if !rules.any_default_interest {
            return total;
        }
        let mut j = 2;
        loop {
            let point = self.due(j);
            if point > date {
                break;
            }
            let past_maturity = j > n;
            let after_at_default =
                matches!(rules.after_maturity(point), AfterMaturity::DefaultRate(_));
            let on_paper = self.fines_from.is_some_and(|c| point < c);
            if let (LateRule::DefaultInterest(yearly), false) = (
                rules.at(point),
                past_maturity && after_at_default || on_paper,
            ) {
                let (b, _, _) = self.at(point.pred_opt().unwrap_or(point));
                let overdue = b - self.scheduled((j - 1).min(n));
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
    pub fn position(&mut self, date: NaiveDate) -> Position {
        let n = self.dues.len();
        // Instalment k falls in the k-th month after the payout's month, on the due day. Past
        // the last one the months go on (interest accrues on what is still owed); counts of
        // instalments stop at the last.
        let months_since = |d: NaiveDate| {
            let (a, b) = (YearMonth::of(self.terms.disbursed), YearMonth::of(d));
            i64::from(b.year - a.year) * 12 + i64::from(b.month) - i64::from(a.month)
        };
        let months = |k: i64| k.max(0) as usize;
        let m = months_since(date);
        let k_month = months(m);
        let k_prev = months(m - 1);
        let due_day_passed = i64::from(self.terms.due_day.clamp(1, 28) < date.day());
        let k_over = months(m - 1 + due_day_passed);
        let k_period = if date > self.terms.disbursed {
            k_over + 1
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
        let charged = self.fines_charged(date);
        let fines = pos0(charged - fines_paid);

        // Paid instalments come first (an unpaid one leaves every later one unpaid too).
        let k_over_n = k_over.min(n);
        let (mut lo, mut hi) = (1, k_over_n + 1);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.paid(mid, date) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let oldest = (lo <= k_over_n).then_some(lo);
        let months_overdue = oldest.map_or(0, |k| {
            let mut m = 0;
            while self.due(k + m) < date {
                m += 1;
            }
            m as u32
        });
        let this_month = k_month > k_prev;
        let installment_no = (this_month && k_month <= n).then_some(k_month as u32);
        let installment = installment_principal + installment_interest;
        let arrears = arrears_principal + arrears_interest;
        Position {
            date: Some(date),
            balance: Money::from_satang(bal),
            installment_no,
            installment_due_on: this_month.then(|| self.due(k_month)),
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
            overdue_installments: oldest.map_or(0, |k| (k_over_n - k + 1) as u32),
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
#[path = "state_tests.rs"]
mod tests;
