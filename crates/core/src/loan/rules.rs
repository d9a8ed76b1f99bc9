//! The dated rules a loan's position is computed under: how late instalments are charged, how
//! the first broken period and interest after maturity are charged, on which balance, and the
//! late day — each read once from the group's dated settings (`LateRules`) and asked by date.

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;

use crate::error::Result;
use crate::money::Money;
use crate::settings;
use crate::thai::YearMonth;

/// How late instalments are charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LateRule {
    /// A fixed fine per late instalment.
    Fine(Money),
    /// Default interest, percent a year, on the overdue principal only.
    DefaultInterest(Decimal),
    None,
}

/// How the first, broken period of a loan is charged (setting `loan_first_period`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstPeriod {
    /// A full month's interest, however many days the money was out.
    FullMonth,
    /// Interest for the days from the payout to the first due date.
    ByDays,
}

impl FirstPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            FirstPeriod::FullMonth => "full-month",
            FirstPeriod::ByDays => "by-days",
        }
    }
}

/// What interest is charged on (setting `loan_interest_basis`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Each month's interest on the balance owed after the previous instalment's grace days.
    Monthly,
    /// Each day the principal is actually outstanding (rate × 12 / 365 a day).
    Daily,
}

/// The rate of interest on principal still owed after the last due date (setting
/// `loan_after_maturity`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterMaturity {
    /// The loan's own method and monthly rate.
    Contract,
    /// The group's default interest, percent a year.
    DefaultRate(Decimal),
}

/// The rules of one stretch of time.
#[derive(Clone, Copy, Debug)]
struct RuleSet {
    from: NaiveDate,
    late: LateRule,
    late_day: u32,
    first: FirstPeriod,
    basis: Basis,
    after: AfterMaturity,
}

/// The group's late and interest rules through time (dated settings), read once and parsed.
#[derive(Clone, Debug)]
pub(crate) struct LateRules {
    /// From each date on (the first also covers everything before it).
    timeline: Vec<RuleSet>,
    /// Does any period charge default interest? (Otherwise that pass is skipped.)
    pub(super) any_default_interest: bool,
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

/// The dated values of each rule that positions depend on, oldest first.
#[derive(Clone, Debug, Default)]
pub(crate) struct Histories {
    pub late_rule: History,
    pub late_fine: History,
    pub default_rate: History,
    pub late_day: History,
    pub first_period: History,
    pub basis: History,
    pub after_maturity: History,
}

impl LateRules {
    pub fn load(conn: &Connection) -> Result<LateRules> {
        Ok(LateRules::from_all(&Histories {
            late_rule: settings::history(conn, "loan_late_rule")?,
            late_fine: settings::history(conn, "loan_late_fine")?,
            default_rate: settings::history(conn, "loan_default_rate")?,
            late_day: settings::history(conn, "late_after_day")?,
            first_period: settings::history(conn, "loan_first_period")?,
            basis: settings::history(conn, "loan_interest_basis")?,
            after_maturity: settings::history(conn, "loan_after_maturity")?,
        }))
    }

    /// The late rules alone (interest rules at their defaults), oldest first.
    #[cfg(test)]
    pub fn from_histories(
        rule: &History,
        fine: &History,
        rate: &History,
        late_day: &History,
    ) -> LateRules {
        LateRules::from_all(&Histories {
            late_rule: rule.clone(),
            late_fine: fine.clone(),
            default_rate: rate.clone(),
            late_day: late_day.clone(),
            ..Histories::default()
        })
    }

    /// From the dated values of the settings, oldest first (as `settings::history` gives).
    pub fn from_all(h: &Histories) -> LateRules {
        let all = [
            &h.late_rule,
            &h.late_fine,
            &h.default_rate,
            &h.late_day,
            &h.first_period,
            &h.basis,
            &h.after_maturity,
        ];
        let mut dates: Vec<NaiveDate> =
            all.iter().flat_map(|h| h.iter().map(|(d, _)| *d)).collect();
        dates.sort();
        dates.dedup();
        if dates.is_empty() {
            dates.push(NaiveDate::MIN);
        }
        let timeline: Vec<RuleSet> = dates
            .into_iter()
            .map(|date| {
                let default_rate = || {
                    value_at(&h.default_rate, date)
                        .parse()
                        .unwrap_or(Decimal::ZERO)
                };
                let late = match value_at(&h.late_rule, date) {
                    "default-interest" => LateRule::DefaultInterest(default_rate()),
                    "none" => LateRule::None,
                    _ => LateRule::Fine(
                        Money::parse(value_at(&h.late_fine, date)).unwrap_or_default(),
                    ),
                };
                RuleSet {
                    from: date,
                    late,
                    late_day: value_at(&h.late_day, date).parse().unwrap_or(0),
                    first: match value_at(&h.first_period, date) {
                        "by-days" => FirstPeriod::ByDays,
                        _ => FirstPeriod::FullMonth,
                    },
                    basis: match value_at(&h.basis, date) {
                        "daily" => Basis::Daily,
                        _ => Basis::Monthly,
                    },
                    after: match value_at(&h.after_maturity, date) {
                        "default-rate" => AfterMaturity::DefaultRate(default_rate()),
                        _ => AfterMaturity::Contract,
                    },
                }
            })
            .collect();
        LateRules {
            any_default_interest: timeline
                .iter()
                .any(|r| matches!(r.late, LateRule::DefaultInterest(_))),
            timeline,
        }
    }

    fn entry(&self, date: NaiveDate) -> &RuleSet {
        let i = self.timeline.partition_point(|r| r.from <= date);
        &self.timeline[i.saturating_sub(1)]
    }

    /// The late rule in force on `date`.
    pub fn at(&self, date: NaiveDate) -> LateRule {
        self.entry(date).late
    }

    /// How the first period of a loan paid out on `date` is charged.
    pub fn first_period(&self, disbursed: NaiveDate) -> FirstPeriod {
        self.entry(disbursed).first
    }

    /// What the interest of a loan paid out on `date` runs on.
    pub fn basis(&self, disbursed: NaiveDate) -> Basis {
        self.entry(disbursed).basis
    }

    /// The rate after maturity for a month ending on `date`.
    pub fn after_maturity(&self, date: NaiveDate) -> AfterMaturity {
        self.entry(date).after
    }

    /// The last day an instalment due on `due` counts as on time.
    pub fn deadline(&self, due: NaiveDate) -> NaiveDate {
        let day = self.entry(due).late_day;
        let m = YearMonth::of(due);
        NaiveDate::from_ymd_opt(m.year, m.month, day.clamp(1, 28)).map_or(due, |late| late.max(due))
    }
}
