//! Where a loan stands on a date: the rules of `state` on small hand-made loans.

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
        brought_in: None,
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
    let p = Ledger::new(&t, &flows, &r)
        .unwrap()
        .position(d("2025-01-25"));
    assert_eq!(p.total_due, Money::ZERO);
    assert_eq!(p.payoff, Money::from_baht(12_120));
    // Collection day of February: instalment 1 = 1,000 + 120.
    let p = Ledger::new(&t, &flows, &r)
        .unwrap()
        .position(d("2025-02-05"));
    assert_eq!(p.installment_no, Some(1));
    assert_eq!(p.installment, Money::from_baht(1_120));
    assert_eq!(p.arrears, Money::ZERO);
    assert!(!p.in_arrears());
    pay(&mut flows, "2025-02-05", 1_000, 120, 0);
    let p = Ledger::new(&t, &flows, &r)
        .unwrap()
        .position(d("2025-03-05"));
    assert_eq!(p.installment, Money::from_baht(1_110));
    assert_eq!(p.balance, Money::from_baht(11_000));
}

#[test]
fn a_missed_instalment_is_arrears_with_a_fine_and_ages() {
    let t = terms(Method::DecliningEqualPrincipal);
    let flows = payout(&t);
    let r = rules("fine");
    let mut l = Ledger::new(&t, &flows, &r).unwrap();
    let p = l.position(d("2025-03-05"));
    assert_eq!(p.arrears, Money::from_baht(1_120));
    assert_eq!(p.fines, Money::from_baht(20));
    // Interest of month 2 is on the unpaid 12,000.
    assert_eq!(p.installment, Money::from_baht(1_120));
    assert_eq!(p.overdue_installments, 1);
    let p = l.position(d("2025-05-20"));
    assert_eq!(p.overdue_installments, 4);
    assert_eq!(p.months_overdue, 4);
    assert_eq!(p.oldest_overdue, Some(d("2025-02-05")));
    assert_eq!(p.fines, Money::from_baht(80));
    // After the last due date the count of instalments stops; the age goes on.
    let p = l.position(d("2026-03-06"));
    assert_eq!(p.overdue_installments, 12);
    assert_eq!(p.months_overdue, 14);
    let none = rules("none");
    assert_eq!(
        Ledger::new(&t, &flows, &none)
            .unwrap()
            .position(d("2025-05-20"))
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
    let p = Ledger::new(&t, &flows, &r)
        .unwrap()
        .position(d("2025-03-05"));
    assert_eq!(p.fines, Money::parse("4.17").unwrap());
    // At 5 April: 2,000 overdue → 8.33 more.
    let p = Ledger::new(&t, &flows, &r)
        .unwrap()
        .position(d("2025-04-05"));
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
        let p = Ledger::new(&t, &flows, &rules("fine"))
            .unwrap()
            .position(d("2025-03-05"));
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
    let p = Ledger::new(&t, &flows, &rules("fine"))
        .unwrap()
        .position(d("2025-02-20"));
    assert_eq!(p.total_due, Money::ZERO);
    assert_eq!(p.payoff_interest, Money::from_baht(110));
    assert_eq!(p.payoff, Money::from_baht(11_110));
}
