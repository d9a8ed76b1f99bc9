//! Loan rules at the edges, through the real `sajja` binary: interest after maturity, the
//! grace days, the broken first period, a member leaving with loans, applications and
//! guarantees, and exits paid later (the exit payable, the estate).

use crate::util::{money, TempBooks};

/// A group founded 1 Jan 2568: four members saving 20 shares (1,000 baht) a month, paid for
/// January to March; product A (1 % a month declining, up to 12 months, up to 2× savings, a
/// guarantor above 1,000) and F (1 % flat).
fn group() -> TempBooks {
    let b = TempBooks::new();
    let t = "2025-01-02";
    b.json(t, &["init", "--name", "กลุ่มกฎเงินกู้", "--founded", "1/1/2568"]);
    for name in ["นายหนึ่ง ใจดี", "นางสอง ศรีสุข", "นายสาม มั่นคง", "นางสี่ บุญมา"]
    {
        b.json(
            t,
            &[
                "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", "20",
            ],
        );
    }
    for date in ["2025-01-05", "2025-02-05", "2025-03-05"] {
        for m in ["1", "2", "3", "4"] {
            let fee = if date == "2025-01-05" { "20" } else { "" };
            b.json(
                date,
                &[
                    "collect", "--date", date, "--member", m, "--sajja", "1000", "--fee", fee,
                ],
            );
        }
    }
    for (code, method) in [("A", "declining-equal-principal"), ("F", "flat")] {
        b.json(
            t,
            &[
                "loan",
                "product",
                "add",
                "--code",
                code,
                "--name",
                &format!("เงินกู้ {code}"),
                "--rate",
                "1",
                "--method",
                method,
                "--max-months",
                "12",
                "--max-amount",
                "20000",
                "--max-times-savings",
                "2",
                "--guarantors-above",
                "1000",
                "--multiple",
            ],
        );
    }
    b
}

/// Applies, approves (by member 4) and pays out a loan; returns its contract number.
fn lend(
    b: &TempBooks,
    member: &str,
    product: &str,
    amount: &str,
    months: &str,
    date: &str,
    guarantor: &str,
) -> String {
    let mut args = vec![
        "loan",
        "apply",
        "--member",
        member,
        "--product",
        product,
        "--amount",
        amount,
        "--months",
        months,
        "--date",
        date,
    ];
    if !guarantor.is_empty() {
        args.extend(["--guarantor", guarantor]);
    }
    let loan = b.json(date, &args)["loan"].as_str().unwrap().to_string();
    let by = if member == "4" || guarantor == "4" {
        "3"
    } else {
        "4"
    };
    b.json(
        date,
        &[
            "loan", "approve", "--loan", &loan, "--by", by, "--date", date,
        ],
    );
    b.json(date, &["loan", "disburse", "--loan", &loan, "--date", date]);
    loan
}

fn set(b: &TempBooks, key: &str, value: &str) {
    b.json(
        "2025-01-02",
        &["settings", "set", key, value, "--from", "1/1/2568"],
    );
}

fn position(b: &TempBooks, loan: &str, date: &str) -> serde_json::Value {
    let card = b.json(date, &["loan", "show", "--loan", loan, "--date", date]);
    card["position"].clone()
}

// ---------------------------------------------------------------------------------------------
// Interest after maturity.

#[test]
fn interest_keeps_accruing_after_maturity_on_the_principal_still_owed() {
    let b = group();
    set(&b, "loan_late_rule", "none");
    // 3,000 over 2 months from 10 Mar: due 5 Apr and 5 May, 30 interest a month.
    let loan = lend(&b, "1", "A", "3000", "2", "2025-03-10", "2");
    // At maturity nothing was paid: two months' interest.
    let p = position(&b, &loan, "2025-05-05");
    assert_eq!(money(&p["interest_to_date"]), "60.00", "{p}");
    // Two months later the principal is still owed: two more months of interest, and the
    // payoff charges the running month too.
    let p = position(&b, &loan, "2025-07-05");
    assert_eq!(money(&p["interest_to_date"]), "120.00", "{p}");
    let p20 = position(&b, &loan, "2025-07-20");
    assert_eq!(money(&p20["payoff"]), "3150.00", "{p20}");
    assert!(p20["in_arrears"].as_bool().unwrap());
    // Paying part of it (the interest due, then principal) lowers the interest after it.
    let paid = b.json(
        "2025-07-20",
        &[
            "loan",
            "repay",
            "--loan",
            &loan,
            "--amount",
            "1120",
            "--date",
            "2025-07-20",
        ],
    );
    assert_eq!(money(&paid["loan_payment"]["interest"]), "120.00");
    assert_eq!(money(&paid["loan_payment"]["principal"]), "1000.00");
    // 5 Aug charges the month from 5 Jul on 3,000; 5 Sep the month from 5 Aug on 2,000.
    let p = position(&b, &loan, "2025-09-05");
    assert_eq!(money(&p["interest_to_date"]), "50.00", "{p}");
    let p = position(&b, &loan, "2025-09-20");
    assert_eq!(money(&p["payoff"]), "2070.00", "{p}");
    // Paying the payoff closes the loan; every satang went through the books.
    let closed = b.json(
        "2025-09-20",
        &[
            "loan",
            "repay",
            "--loan",
            &loan,
            "--amount",
            "2070",
            "--date",
            "2025-09-20",
        ],
    );
    assert_eq!(money(&closed["loan_payment"]["interest"]), "70.00");
    let card = b.json("2025-09-20", &["loan", "show", "--loan", &loan]);
    assert_eq!(card["status"], "closed");
    assert!(b.json("2025-09-20", &["verify"])["ok"].as_bool().unwrap());
}

#[test]
fn interest_after_maturity_can_follow_the_default_interest_setting() {
    let b = group();
    set(&b, "loan_late_rule", "none");
    set(&b, "loan_after_maturity", "default-rate");
    set(&b, "loan_default_rate", "5");
    let loan = lend(&b, "1", "A", "3000", "2", "2025-03-10", "2");
    // Contract interest to maturity (60), then 3,000 × 5 % / 12 = 12.50 a month.
    let p = position(&b, &loan, "2025-07-05");
    assert_eq!(money(&p["interest_to_date"]), "85.00", "{p}");
    let rows = b.json("2025-01-02", &["settings", "show"]);
    let row = rows["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "loan_after_maturity")
        .expect("the setting is listed");
    assert!(crate::util::is_thai(row["help"].as_str().unwrap()));
}

// ---------------------------------------------------------------------------------------------
// Grace days and the first period.

#[test]
fn paying_within_the_grace_days_neither_fines_nor_changes_the_next_interest() {
    let b = group();
    // 3,000 over 3 months from 10 Mar: instalment 1 is 1,000 + 30 due 5 Apr; late after 10 Apr.
    let loan = lend(&b, "1", "A", "3000", "3", "2025-03-10", "2");
    b.json(
        "2025-04-08",
        &[
            "loan",
            "repay",
            "--loan",
            &loan,
            "--amount",
            "1030",
            "--date",
            "2025-04-08",
        ],
    );
    let p = position(&b, &loan, "2025-05-05");
    assert_eq!(money(&p["fines"]), "0.00", "{p}");
    assert_eq!(money(&p["installment_interest"]), "20.00", "{p}");
    assert!(!p["in_arrears"].as_bool().unwrap());
}

#[test]
fn interest_runs_on_the_days_actually_outstanding_when_the_group_says_so() {
    let b = group();
    set(&b, "loan_interest_basis", "daily");
    let loan = lend(&b, "1", "A", "3000", "3", "2025-03-10", "2");
    // First period 10 Mar → 5 Apr is 26 days: 3,000 × 12 % × 26 / 365 = 25.64.
    let p = position(&b, &loan, "2025-04-05");
    assert_eq!(money(&p["installment_interest"]), "25.64", "{p}");
    b.json(
        "2025-04-08",
        &[
            "loan",
            "repay",
            "--loan",
            &loan,
            "--amount",
            "1025.64",
            "--date",
            "2025-04-08",
        ],
    );
    // 5 Apr → 5 May: 3 days on 3,000 and 27 on 2,000 = 2.96 + 17.75 = 20.71.
    let p = position(&b, &loan, "2025-05-05");
    assert_eq!(money(&p["installment_interest"]), "20.71", "{p}");
    assert_eq!(money(&p["fines"]), "0.00", "{p}");
}

#[test]
fn first_instalment_interest_is_for_the_time_actually_lent_by_setting() {
    let b = group();
    // The default: a full month, and the schedule says so.
    let full = lend(&b, "1", "A", "3000", "3", "2025-03-19", "2");
    let s = b.json("2025-03-19", &["loan", "schedule", "--loan", &full]);
    assert_eq!(s["first_period"], "full-month");
    assert_eq!(money(&s["installments"][0]["interest"]), "30.00");
    // By days: 20 Mar → 5 Apr is 16 days: 3,000 × 12 % × 16 / 365 = 15.78.
    b.json(
        "2025-03-20",
        &[
            "settings",
            "set",
            "loan_first_period",
            "by-days",
            "--from",
            "20/3/2568",
        ],
    );
    let days = lend(&b, "3", "A", "3000", "3", "2025-03-20", "2");
    let s = b.json("2025-03-20", &["loan", "schedule", "--loan", &days]);
    assert_eq!(s["first_period"], "by-days");
    assert_eq!(s["first_period_days"], 16);
    assert!(crate::util::is_thai(
        s["first_period_label"].as_str().unwrap()
    ));
    assert_eq!(money(&s["installments"][0]["interest"]), "15.78");
    assert_eq!(money(&s["installments"][1]["interest"]), "20.00");
    let p = position(&b, &days, "2025-04-05");
    assert_eq!(money(&p["installment_interest"]), "15.78", "{p}");
    // The loan paid out before the change keeps its full month.
    let p = position(&b, &full, "2025-04-05");
    assert_eq!(money(&p["installment_interest"]), "30.00", "{p}");
}

// ---------------------------------------------------------------------------------------------
// Members who leave: their applications, their guarantees, their loans.

#[test]
fn a_loan_is_never_paid_out_to_a_member_who_has_left() {
    let b = group();
    let t = "2025-03-10";
    let applied = b.json(
        t,
        &[
            "loan",
            "apply",
            "--member",
            "1",
            "--product",
            "A",
            "--amount",
            "1000",
            "--months",
            "6",
            "--date",
            t,
        ],
    )["loan"]
        .as_str()
        .unwrap()
        .to_string();
    let approved = b.json(
        t,
        &[
            "loan",
            "apply",
            "--member",
            "1",
            "--product",
            "F",
            "--amount",
            "800",
            "--months",
            "6",
            "--date",
            t,
            "--confirm-rate",
        ],
    )["loan"]
        .as_str()
        .unwrap()
        .to_string();
    b.json(
        t,
        &[
            "loan", "approve", "--loan", &approved, "--by", "4", "--date", t,
        ],
    );
    let s = b.json(t, &["member", "exit", "1", "--date", "2025-03-12"]);
    let cancelled: Vec<&str> = s["cancelled_applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(cancelled, [applied.as_str(), approved.as_str()]);
    for loan in [&applied, &approved] {
        let card = b.json(t, &["loan", "show", "--loan", loan]);
        assert_eq!(card["status"], "rejected", "{card}");
        assert!(card["status_label"].as_str().unwrap().contains("ยกเลิก"));
        let last = card["events"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["kind"], "cancelled");
        assert!(
            last["note"].as_str().unwrap().contains("พ้นสภาพ"),
            "the reason is recorded: {last}"
        );
    }
    let before = b.dump();
    let msg = b.refused(
        "2025-03-13",
        &[
            "loan",
            "disburse",
            "--loan",
            &approved,
            "--date",
            "2025-03-13",
        ],
    );
    assert!(msg.contains(&approved), "{msg}");
    assert_eq!(before, b.dump(), "a refused payout changed the file");
}

#[test]
fn a_guarantor_of_a_running_loan_cannot_leave_until_released_or_replaced() {
    let b = group();
    let first = lend(&b, "1", "A", "3000", "6", "2025-03-10", "2");
    let second = lend(&b, "3", "A", "3000", "6", "2025-03-10", "2");
    let t = "2025-03-20";
    // Member 2 guarantees both: leaving is refused, naming both loans and what to do.
    let before = b.dump();
    let msg = b.refused(t, &["member", "exit", "2", "--date", t]);
    assert!(msg.contains(&first) && msg.contains(&second), "{msg}");
    assert!(msg.contains("loan guarantor"), "says what to do: {msg}");
    assert_eq!(before, b.dump(), "a refused exit changed the file");
    let blocking = b.json(t, &["loan", "guarantor", "blocking", "--member", "2"]);
    assert_eq!(blocking.as_array().unwrap().len(), 2, "{blocking}");
    assert_eq!(blocking[0]["loan"], first.as_str());

    // Loan 1: another member replaces the guarantor (recorded on the loan card).
    let card = b.json(
        t,
        &[
            "loan",
            "guarantor",
            "replace",
            "--loan",
            &first,
            "--member",
            "2",
            "--with",
            "4",
            "--by",
            "3",
            "--date",
            t,
            "--meeting",
            "ครั้งที่ 3/2568",
        ],
    );
    let guarantors: Vec<u64> = card["guarantors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["member"].as_u64().unwrap())
        .collect();
    assert_eq!(guarantors, [4]);
    assert_eq!(
        card["events"].as_array().unwrap().last().unwrap()["kind"],
        "guarantor_replaced"
    );
    let msg = b.refused(t, &["member", "exit", "2", "--date", t]);
    assert!(msg.contains(&second) && !msg.contains(&first), "{msg}");

    // Loan 2: the committee releases the guarantor; a reason is required.
    b.refused(
        t,
        &[
            "loan",
            "guarantor",
            "release",
            "--loan",
            &second,
            "--member",
            "2",
            "--by",
            "4",
            "--date",
            t,
        ],
    );
    let card = b.json(
        t,
        &[
            "loan",
            "guarantor",
            "release",
            "--loan",
            &second,
            "--member",
            "2",
            "--by",
            "4",
            "--date",
            t,
            "--meeting",
            "ครั้งที่ 3/2568",
            "--reason",
            "ผู้กู้มีเงินสัจจะค้ำเพียงพอ",
        ],
    );
    assert!(card["guarantors"].as_array().unwrap().is_empty(), "{card}");
    let last = card["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "guarantor_released");
    assert_eq!(last["by"]["member"], 4);
    let s = b.json(t, &["member", "exit", "2", "--date", t]);
    assert_eq!(money(&s["payout"]), "3000.00");
}

#[test]
fn exit_settles_loans_from_savings_and_the_rest_stays_a_debt_on_the_loan_card() {
    let b = group();
    // Savings 3,000; the loan 2,990 + 29.90 interest to the exit date's period: the savings
    // fall between the principal and the payoff.
    let loan = lend(&b, "1", "A", "2990", "6", "2025-03-10", "2");
    let t = "2025-03-20";
    let s = b.json(t, &["member", "exit", "1", "--date", t]);
    assert_eq!(money(&s["loans_owed"]), "3019.90", "{s}");
    assert_eq!(money(&s["payout"]), "0.00");
    assert_eq!(money(&s["remaining_debt"]), "19.90");
    let card = b.json(t, &["loan", "show", "--loan", &loan, "--date", t]);
    assert_eq!(card["status"], "active");
    let debt = &card["exit_debt"];
    assert_eq!(debt["owed_by"], "member", "{card}");
    assert_eq!(money(&debt["from_savings"]), "3000.00");
    assert_eq!(money(&debt["balance"]), "19.90");
    assert!(crate::util::is_thai(debt["label"].as_str().unwrap()));
    assert!(b.json(t, &["verify"])["ok"].as_bool().unwrap());
}

#[test]
fn a_death_leaves_the_debt_to_the_estate_then_the_guarantors() {
    let b = group();
    let loan = lend(&b, "1", "A", "5000", "6", "2025-03-10", "2");
    let t = "2025-03-20";
    let s = b.json(
        t,
        &["member", "exit", "1", "--date", t, "--reason", "death"],
    );
    assert_eq!(money(&s["remaining_debt"]), "2050.00", "{s}");
    let card = b.json(t, &["loan", "show", "--loan", &loan, "--date", t]);
    let debt = &card["exit_debt"];
    assert_eq!(debt["owed_by"], "estate", "{card}");
    let label = debt["label"].as_str().unwrap();
    assert!(label.contains("มรดก") && label.contains("ผู้ค้ำ"), "{label}");
}

#[test]
fn an_exit_that_cannot_be_paid_today_is_booked_to_the_exit_payable_and_paid_later() {
    let b = group();
    let t = "2025-03-20";
    // All the cash to the bank: nothing in the box to pay member 3 with.
    b.json(t, &["bank", "deposit", "--amount", "12080", "--date", t]);
    let s = b.json(t, &["member", "exit", "3", "--date", t]);
    assert_eq!(money(&s["payout"]), "3000.00");
    assert_eq!(s["paid_from"], "payable", "{s}");
    assert_eq!(money(&s["payable"]), "3000.00");
    // Paid later from the bank, with its own document number.
    let paid = b.json(
        "2025-03-25",
        &[
            "member",
            "pay-exit",
            "3",
            "--from",
            "bank",
            "--date",
            "2025-03-25",
        ],
    );
    assert_eq!(money(&paid["amount"]), "3000.00");
    assert_eq!(paid["voucher"], "2568/0002", "{paid}");
    // Nothing left to pay: a second payment is refused in Thai.
    b.refused(
        "2025-03-26",
        &[
            "member",
            "pay-exit",
            "3",
            "--from",
            "bank",
            "--date",
            "2025-03-26",
        ],
    );
    assert!(b.json(t, &["verify"])["ok"].as_bool().unwrap());
}

#[test]
fn a_death_with_no_beneficiary_pays_the_estate_as_a_payable() {
    let b = group();
    let t = "2025-03-20";
    let s = b.json(
        t,
        &["member", "exit", "4", "--date", t, "--reason", "death"],
    );
    let payees = s["payees"].as_array().unwrap();
    assert_eq!(payees.len(), 1);
    assert_eq!(payees[0]["relation"], "ทายาทโดยธรรม", "{s}");
    assert!(payees[0]["name"].as_str().unwrap().contains("ทายาทโดยธรรม"));
    assert_eq!(s["paid_from"], "payable");
    assert_eq!(money(&s["payable"]), "3000.00");
    let paid = b.json(
        "2025-04-01",
        &[
            "member",
            "pay-exit",
            "4",
            "--from",
            "cash",
            "--date",
            "2025-04-01",
            "--to",
            "นายห้า บุญมา (บุตร)",
        ],
    );
    assert_eq!(money(&paid["amount"]), "3000.00");
}

/// A member who takes over a guarantee meets the same limits as a guarantor named on a new
/// loan: how many loans one member may guarantee, and how much in all.
#[test]
fn a_replacement_guarantor_meets_the_limits_of_a_new_loans_guarantor() {
    let b = group();
    set(&b, "guarantee_max_loans", "1");
    let t = "2025-03-10";
    let first = lend(&b, "1", "A", "3000", "6", t, "2");
    // Member 3 guarantees loan 2; member 2 already guarantees one loan: the limit.
    lend(&b, "2", "A", "2000", "6", t, "3");
    let before = b.dump();
    let msg = b.refused(
        t,
        &[
            "loan",
            "apply",
            "--member",
            "1",
            "--product",
            "A",
            "--amount",
            "1500",
            "--months",
            "6",
            "--date",
            t,
            "--guarantor",
            "2",
        ],
    );
    assert!(msg.contains("ค้ำประกันอยู่แล้ว 1 สัญญา"), "{msg}");
    // Member 3 takes over member 2's guarantee of loan 1, decided by member 4.
    let replace = [
        "loan",
        "guarantor",
        "replace",
        "--loan",
        &first,
        "--member",
        "2",
        "--with",
        "3",
        "--by",
        "4",
        "--date",
        t,
    ];
    // Member 3 may not take over loan 1's guarantee while guaranteeing loan 2 …
    let msg = b.refused(t, &replace);
    assert!(msg.contains("ค้ำประกันอยู่แล้ว 1 สัญญา"), "{msg}");
    assert_eq!(before, b.dump(), "a refused guarantor changed the file");

    // … and with room for more loans, not beyond the group's limit on the amount guaranteed:
    // 2,000 guaranteed and loan 1's 3,000 owed.
    set(&b, "guarantee_max_loans", "3");
    set(&b, "guarantee_limit", "4000");
    let before = b.dump();
    let msg = b.refused(t, &replace);
    assert!(
        msg.contains("ค้ำประกันอยู่แล้ว 2,000.00 บาท รวมกับสัญญานี้เป็น 5,000.00 บาท"),
        "{msg}"
    );
    assert_eq!(before, b.dump(), "a refused guarantor changed the file");
    set(&b, "guarantee_limit", "5000");
    let card = b.json(t, &replace);
    assert_eq!(card["guarantors"][0]["member"], 3, "{card}");
}
