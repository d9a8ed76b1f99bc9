//! Loans: the command-line contract, a scripted history through the collection row, and
//! property tests of the schedules against an independent integer computation.

use chrono::NaiveDate;
use sajja_core::collection::CollectionInput;
use sajja_core::loan::schedule::{self, Method, MonthlyRate};
use sajja_core::loan::{
    LoanApplication, LoanDecision, LoanDisbursement, LoanProductInput, LoanRepaymentInput,
    LoanStatus, RestructureInput,
};
use sajja_core::{Books, MemberInput, Money, NewGroup};

use crate::util::{dump, money, TempBooks};

// ---------------------------------------------------------------------------------------------
// The command line, as outside scripts use it.

/// A group founded 1 Jan 2568 with four members who saved 50 × 10 shares for two months, and
/// two products: A (1 % declining, up to 2× savings, a guarantor above 5,000) and F (1 % flat).
pub fn cli_group() -> TempBooks {
    let b = TempBooks::new();
    let t = "2025-01-02";
    b.json(
        t,
        &["init", "--name", "กลุ่มทดสอบเงินกู้", "--founded", "1/1/2568"],
    );
    for name in ["นายหนึ่ง ใจดี", "นางสอง ศรีสุข", "นายสาม มั่นคง", "นางสี่ บุญมา"]
    {
        b.json(
            t,
            &[
                "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", "20",
            ],
        );
    }
    for date in ["2025-01-05", "2025-02-05"] {
        for m in ["1", "2", "3", "4"] {
            b.json(
                date,
                &[
                    "collect",
                    "--date",
                    date,
                    "--member",
                    m,
                    "--sajja",
                    "1000",
                    "--fee",
                    if date == "2025-01-05" { "20" } else { "" },
                ],
            );
        }
    }
    b.json(
        t,
        &[
            "loan",
            "product",
            "add",
            "--code",
            "A",
            "--name",
            "เงินกู้สามัญ",
            "--rate",
            "1",
            "--method",
            "declining-equal-principal",
            "--max-months",
            "12",
            "--max-amount",
            "20000",
            "--max-times-savings",
            "2",
            "--guarantors-above",
            "1000",
        ],
    );
    b.json(
        t,
        &[
            "loan",
            "product",
            "add",
            "--code",
            "F",
            "--name",
            "เงินกู้ฉุกเฉิน",
            "--rate",
            "1",
            "--method",
            "flat",
            "--max-months",
            "12",
        ],
    );
    b
}

#[test]
fn cli_contract_apply_refuse_approve_disburse_collect_show() {
    let b = cli_group();
    let t = "2025-02-10";
    let products = b.json(t, &["loan", "product", "list"]);
    assert_eq!(products.as_array().unwrap().len(), 2);
    assert_eq!(products[0]["code"], "A");
    assert_eq!(products[0]["method"], "declining-equal-principal");

    // Over the limit (2 × 2,000 savings = 4,000): refused in Thai, and nothing changes.
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
            "5000",
            "--months",
            "6",
            "--date",
            "2025-02-10",
            "--guarantor",
            "2",
            "--json",
        ],
    );
    assert!(msg.contains("เกิน") && msg.contains("เงินสัจจะสะสม"), "{msg}");
    assert_eq!(before, b.dump(), "a refused application changed the file");
    // Without the guarantor the product needs: refused.
    b.refused(
        t,
        &[
            "loan",
            "apply",
            "--member",
            "1",
            "--product",
            "A",
            "--amount",
            "3000",
            "--months",
            "6",
            "--date",
            "2025-02-10",
        ],
    );
    assert_eq!(before, b.dump());

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
            "3000",
            "--months",
            "6",
            "--date",
            "2025-02-10",
            "--guarantor",
            "2",
            "--purpose",
            "ซื้อปุ๋ย",
            "--recorded-by",
            "4",
        ],
    );
    let loan = applied["loan"].as_str().unwrap().to_string();
    assert_eq!(loan, "2568/001");
    assert_eq!(applied["status"], "applied");
    assert_eq!(applied["guarantors"][0]["member"], 2);

    // The one who typed it cannot approve it.
    let before = b.dump();
    b.refused(
        t,
        &[
            "loan",
            "approve",
            "--loan",
            &loan,
            "--by",
            "4",
            "--date",
            "2025-02-10",
        ],
    );
    assert_eq!(before, b.dump());
    let approved = b.json(
        t,
        &[
            "loan",
            "approve",
            "--loan",
            &loan,
            "--by",
            "3",
            "--date",
            "2025-02-11",
            "--meeting",
            "ครั้งที่ 2/2568",
        ],
    );
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["approved_by"]["member"], 3);
    let id = approved["id"].as_str().unwrap().to_string();
    // The UUID is accepted as well as the contract number.
    let paid = b.json(
        t,
        &[
            "loan",
            "disburse",
            "--loan",
            &id,
            "--date",
            "2025-02-12",
            "--from",
            "cash",
        ],
    );
    assert_eq!(paid["status"], "active");
    assert_eq!(money(&paid["balance"]), "3000.00");

    let s = b.json(t, &["loan", "schedule", "--loan", &loan]);
    let inst = s["installments"].as_array().unwrap();
    assert_eq!(inst.len(), 6);
    assert_eq!(inst[0]["no"], 1);
    assert_eq!(inst[0]["due"], "2025-03-05");
    assert_eq!(money(&inst[0]["principal"]), "500.00");
    assert_eq!(money(&inst[0]["interest"]), "30.00");
    assert_eq!(money(&inst[0]["total"]), "530.00");
    assert_eq!(money(&inst[0]["balance"]), "2500.00");
    assert_eq!(money(&inst[5]["interest"]), "5.00");
    assert_eq!(s["effective_annual_rate"], "12.68");
    assert_eq!(s["nominal_annual_rate"], "12.00");

    // Two instalments on collection day, in the same row as the savings.
    for (date, expect_interest) in [("2025-03-05", "30.00"), ("2025-04-05", "25.00")] {
        let due = b.json(date, &["due", "--date", date, "--member", "1"]);
        let loan_due = money(&due["members"][0]["loan"]);
        let row = b.json(
            date,
            &[
                "collect",
                "--date",
                date,
                "--member",
                "1",
                "--sajja",
                "1000",
                "--loan-payment",
                &loan_due,
            ],
        );
        assert_eq!(row["loan"]["loan"], "2568/001");
        assert_eq!(money(&row["loan"]["interest"]), expect_interest);
        assert_eq!(money(&row["loan"]["principal"]), "500.00");
        assert_eq!(money(&row["loan"]["fines"]), "0.00");
    }
    let card = b.json("2025-04-05", &["loan", "show", "--loan", &loan]);
    assert_eq!(card["loan"], "2568/001");
    assert_eq!(money(&card["balance"]), "2000.00");
    assert_eq!(card["movements"].as_array().unwrap().len(), 3);
    assert_eq!(card["schedule"][1]["state"], "paid");

    // A missed May: the arrears list shows it with the guarantor.
    let arrears = b.json("2025-06-06", &["loan", "arrears", "--date", "2025-06-06"]);
    let rows = arrears["loans"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["loan"], "2568/001");
    assert_eq!(rows[0]["bucket"], "2-3");
    assert_eq!(rows[0]["guarantors"][0]["member"], 2);
    // May is late (its late day, the 10th, has passed); June's is not late yet.
    assert_eq!(money(&rows[0]["fines"]), "20.00");
    assert_eq!(rows[0]["installments_overdue"], 2);
    let guarantor = b.json(
        "2025-06-06",
        &["loan", "member", "--member", "2", "--date", "2025-06-06"],
    );
    assert_eq!(guarantor["guarantees"][0]["in_arrears"], true);

    // Flat 1 %/month is above 15 %/yr: refused unless confirmed, and the confirmation is kept.
    let before = b.dump();
    let msg = b.refused(
        t,
        &[
            "loan",
            "apply",
            "--member",
            "3",
            "--product",
            "F",
            "--amount",
            "1000",
            "--months",
            "12",
            "--date",
            "2025-02-10",
        ],
    );
    assert!(
        msg.contains("15") && msg.contains("--confirm-rate"),
        "{msg}"
    );
    assert_eq!(before, b.dump());
    let flat = b.json(
        t,
        &[
            "loan",
            "apply",
            "--member",
            "3",
            "--product",
            "F",
            "--amount",
            "1000",
            "--months",
            "12",
            "--date",
            "2025-02-10",
            "--confirm-rate",
        ],
    );
    assert_eq!(flat["above_legal_cap"], true);
    assert!(flat["rate_confirmation"]["warning"]
        .as_str()
        .unwrap()
        .contains("654"));

    let report = b.json("2025-06-06", &["verify"]);
    assert_eq!(report["ok"], true, "{report}");
}

// ---------------------------------------------------------------------------------------------
// A scripted history through the core.

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn row(date: &str, member: u32, sajja: &str, loan: &str) -> CollectionInput {
    CollectionInput {
        date: date.into(),
        member: member.to_string(),
        sajja: sajja.into(),
        loan_payment: loan.into(),
        ..CollectionInput::default()
    }
}

/// Sum of every loan's balance, and the balance of account 1200.
fn loan_totals(books: &Books) -> (Money, Money) {
    let conn = books.conn();
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM loan")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let sum = ids
        .iter()
        .map(|id| sajja_core::loan::balance(conn, id, None).unwrap())
        .sum();
    let account: i64 = conn
        .query_row(
            "SELECT coalesce(sum(amount), 0) FROM posting WHERE account = '1200'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (sum, Money::from_satang(account))
}

/// A group founded on 1 January 2025 in `tmp`, with `members` members of 10 shares who each
/// saved 2,000 baht on 5 January.
fn savers(tmp: &TempBooks, name: &str, members: u32) -> Books {
    let mut b = Books::create(
        &tmp.path,
        &NewGroup {
            name: name.into(),
            founded: "2025-01-01".into(),
            ..NewGroup::default()
        },
    )
    .unwrap();
    for i in 1..=members {
        b.add_member(&MemberInput {
            name: format!("นายคน ที่{i}"),
            joined: "2025-01-01".into(),
            shares: "10".into(),
            ..MemberInput::default()
        })
        .unwrap();
        b.collect(&row("2025-01-05", i, "2000", "")).unwrap();
    }
    b
}

fn assert_sound(books: &Books) {
    let (sum, account) = loan_totals(books);
    assert_eq!(
        sum, account,
        "loan balances must equal the loans-receivable account"
    );
    let report = books.verify().unwrap();
    assert!(report.ok, "{:?}", report.problems);
}

#[test]
fn scripted_history_keeps_loans_and_the_ledger_in_step() {
    let tmp = TempBooks::new();
    let mut b = Books::create(
        &tmp.path,
        &NewGroup {
            name: "กลุ่มประวัติเงินกู้".into(),
            founded: "2025-01-01".into(),
            ..NewGroup::default()
        },
    )
    .unwrap();
    for i in 1..=8 {
        b.add_member(&MemberInput {
            name: format!("นายสมาชิก คนที่{i}"),
            joined: "2025-01-01".into(),
            shares: "20".into(),
            ..MemberInput::default()
        })
        .unwrap();
    }
    for date in ["2025-01-05", "2025-02-05", "2025-03-05"] {
        for m in 1..=8 {
            let mut r = row(date, m, "1000", "");
            if date == "2025-01-05" {
                r.fee = "20".into();
            }
            b.collect(&r).unwrap();
        }
    }
    b.income(&sajja_core::movement::IncomeInput {
        date: "2025-03-05".into(),
        amount: "50000".into(),
        memo: "เงินอุดหนุนจากอำเภอ".into(),
        kind: "subsidy".into(),
        ..Default::default()
    })
    .unwrap();
    for (code, method) in [
        ("A", "declining-equal-principal"),
        ("B", "declining-annuity"),
        ("I", "interest-only"),
    ] {
        b.add_loan_product(&LoanProductInput {
            code: code.into(),
            name: format!("เงินกู้ {code}"),
            rate: "1".into(),
            method: method.into(),
            max_months: "24".into(),
            max_times_savings: "3".into(),
            guarantors_above: "20000".into(),
            ..LoanProductInput::default()
        })
        .unwrap();
    }
    let mut numbers = Vec::new();
    for (member, code, amount, months) in [
        (1, "A", "6000", "6"),
        (2, "B", "9000", "12"),
        (3, "I", "3000", "3"),
        (4, "A", "8000", "4"),
        (5, "B", "5000", "10"),
    ] {
        let n = b
            .apply_loan(&LoanApplication {
                member: member.to_string(),
                product: code.into(),
                amount: amount.into(),
                months: months.into(),
                date: "2025-03-06".into(),
                recorded_by: "8".into(),
                ..LoanApplication::default()
            })
            .unwrap()
            .summary
            .loan;
        b.approve_loan(&LoanDecision {
            loan: n.clone(),
            by: "7".into(),
            date: "2025-03-07".into(),
            ..LoanDecision::default()
        })
        .unwrap();
        b.disburse_loan(&LoanDisbursement {
            loan: n.clone(),
            date: "2025-03-08".into(),
            from: "cash".into(),
        })
        .unwrap();
        numbers.push(n);
    }
    assert_sound(&b);

    // Six collection days: member 1 pays the instalment, 2 pays double, 3 pays interest only
    // until the end, 4 pays nothing after April, 5 pays off in June.
    let months = [
        "2025-04-05",
        "2025-05-05",
        "2025-06-05",
        "2025-07-05",
        "2025-08-05",
        "2025-09-05",
    ];
    let mut last_receipt = String::new();
    for (i, date) in months.iter().enumerate() {
        let dues = b.loan_dues(date).unwrap();
        for m in 1..=5u32 {
            let id = b.member(m).unwrap().id;
            let Some(due) = dues.get(&id) else { continue };
            let pay = match m {
                1 | 3 => due.total,
                2 => (due.total + due.total).min(due.payoff),
                4 if i == 0 => due.total,
                4 => Money::ZERO,
                5 if i == 2 => due.payoff,
                5 => due.total,
                _ => unreachable!(),
            };
            if pay.is_zero() {
                continue;
            }
            let r = b.collect(&row(date, m, "1000", &pay.to_string())).unwrap();
            assert_eq!(r.loan.as_ref().unwrap().total, pay);
            if m == 1 {
                last_receipt = r.receipt.clone();
            }
        }
        assert_sound(&b);
    }
    let status = |b: &Books, n: &str| b.loan(n, "2025-09-05").unwrap().summary.status;
    assert_eq!(status(&b, &numbers[0]), LoanStatus::Closed);
    assert_eq!(status(&b, &numbers[2]), LoanStatus::Closed);
    assert_eq!(status(&b, &numbers[4]), LoanStatus::Closed);
    // Paying double runs ahead of the schedule: less principal left, less interest charged.
    let ahead = b.loan(&numbers[1], "2025-09-05").unwrap();
    let planned = b.loan_schedule(&numbers[1]).unwrap();
    assert!(ahead.summary.balance < planned.installments[5].balance);
    let interest_paid: Money = ahead.movements.iter().map(|m| m.interest).sum();
    let interest_planned: Money = planned.installments[..6].iter().map(|l| l.interest).sum();
    assert!(
        interest_paid < interest_planned,
        "{interest_paid} < {interest_planned}"
    );
    assert_eq!(status(&b, &numbers[3]), LoanStatus::Active);

    // Reversing the last receipt of member 1 reopens the loan it closed.
    b.reverse(&last_receipt, "รับเงินผิดคน", "2025-09-06").unwrap();
    assert_eq!(status(&b, &numbers[0]), LoanStatus::Active);
    assert_sound(&b);

    // Member 4 is four instalments behind: the arrears list ages it "over 3".
    let list = b.loan_arrears("2025-09-06").unwrap();
    let four = list.loans.iter().find(|r| r.loan == numbers[3]).unwrap();
    assert_eq!(four.bucket, "over-3");
    let card = b
        .restructure_loan(&RestructureInput {
            loan: numbers[3].clone(),
            date: "2025-09-10".into(),
            months: "12".into(),
            ..RestructureInput::default()
        })
        .unwrap();
    b.approve_loan(&LoanDecision {
        loan: card.summary.loan.clone(),
        by: "7".into(),
        date: "2025-09-10".into(),
        ..LoanDecision::default()
    })
    .unwrap();
    b.disburse_loan(&LoanDisbursement {
        loan: card.summary.loan.clone(),
        date: "2025-09-10".into(),
        from: String::new(),
    })
    .unwrap();
    assert_eq!(status(&b, &numbers[3]), LoanStatus::Restructured);
    assert_sound(&b);
    b.write_off_loan(&LoanDecision {
        loan: card.summary.loan.clone(),
        by: "7".into(),
        date: "2025-12-31".into(),
        reason: "ผู้กู้เสียชีวิต ไม่มีทรัพย์สิน".into(),
        ..LoanDecision::default()
    })
    .unwrap();
    assert_sound(&b);
    let (sum, _) = loan_totals(&b);
    let owed = |n: &str| b.loan(n, "2025-12-31").unwrap().summary.balance;
    assert_eq!(
        sum,
        owed(&numbers[0]) + owed(&numbers[1]),
        "only the reopened loan and the one paid ahead still owe"
    );
}

/// A reversal may not leave a loan's principal at odds with its status: reversing the payout
/// after part was repaid (the ledger would owe the member), or reversing a repayment of a loan
/// since written off (the written-off loan would be owed again), is refused in Thai and writes
/// nothing; so is a write-off or restructure dated before a repayment already booked. Once the
/// later repayment is reversed first, the payout can be; once the write-off is reversed (the
/// loan is being repaid again), the repayment can be. Found by the random
/// sequences of tests/property.rs (a payout reversed after the borrower left and their savings
/// paid part of the loan; a restructure dated before the last repayment).
#[test]
fn reversals_and_back_dated_steps_never_leave_a_loan_owed_below_zero_or_after_it_ended() {
    let tmp = TempBooks::new();
    let mut b = savers(&tmp, "กลุ่มยกเลิกเงินกู้", 3);
    b.add_loan_product(&LoanProductInput {
        code: "A".into(),
        name: "สามัญ".into(),
        rate: "1".into(),
        method: "declining-equal-principal".into(),
        max_months: "12".into(),
        ..LoanProductInput::default()
    })
    .unwrap();
    let lend = |b: &mut Books, member: u32| -> String {
        let loan = b
            .apply_loan(&LoanApplication {
                member: member.to_string(),
                product: "A".into(),
                amount: "1200".into(),
                months: "4".into(),
                date: "2025-01-06".into(),
                confirm_rate: true,
                ..LoanApplication::default()
            })
            .unwrap()
            .summary
            .loan;
        b.approve_loan(&LoanDecision {
            loan: loan.clone(),
            by: "2".into(),
            date: "2025-01-06".into(),
            ..LoanDecision::default()
        })
        .unwrap();
        b.disburse_loan(&LoanDisbursement {
            loan: loan.clone(),
            date: "2025-01-06".into(),
            from: "cash".into(),
        })
        .unwrap();
        loan
    };
    let entries = |b: &Books| -> i64 {
        b.conn()
            .query_row("SELECT count(*) FROM journal_entry", [], |r| r.get(0))
            .unwrap()
    };
    let refused = |result: sajja_core::Result<sajja_core::journal::Entry>| match result {
        Err(sajja_core::Error::Refused(message)) => message,
        other => panic!("the reversal should be refused: {other:?}"),
    };

    // Repaid in part, then the payout reversed: refused, nothing written.
    let first = lend(&mut b, 1);
    let payout = b.loan(&first, "").unwrap().movements[0].entry.clone();
    let repaid = b.collect(&row("2025-02-05", 1, "", "500")).unwrap();
    let before = (entries(&b), b.loan(&first, "").unwrap().summary.balance);
    assert!(before.1.is_positive() && before.1 < Money::from_baht(1200));
    let message = refused(b.reverse(&payout, "บันทึกผิด", "2025-02-06"));
    assert!(
        message.contains(&first) && message.contains("ติดลบ"),
        "{message}"
    );
    assert_eq!(
        (entries(&b), b.loan(&first, "").unwrap().summary.balance),
        before,
        "a refused reversal writes nothing"
    );
    assert_sound(&b);
    // The repayment reversed first, the payout may be: nothing is owed either way.
    b.reverse(&repaid.entry, "รับชำระผิดสัญญา", "2025-02-06")
        .unwrap();
    b.reverse(&payout, "บันทึกผิด", "2025-02-06").unwrap();
    assert_eq!(b.loan(&first, "").unwrap().summary.balance, Money::ZERO);
    assert_sound(&b);

    // A repayment of a loan since written off: reversing it would owe the loan again.
    let second = lend(&mut b, 3);
    let repaid = b.collect(&row("2025-02-05", 3, "", "300")).unwrap();
    // Dated before that repayment, a write-off or a restructure would take the balance the
    // repayment has since lowered: refused, pointing at the date.
    let before = entries(&b);
    let date_refused = |result: sajja_core::Result<sajja_core::loan::LoanCard>| match result {
        Err(sajja_core::Error::Invalid { field, message }) => {
            assert_eq!(field, "date");
            assert!(message.contains("5 ก.พ. 2568"), "{message}");
        }
        other => panic!("a step dated before the last repayment: {other:?}"),
    };
    date_refused(b.write_off_loan(&LoanDecision {
        loan: second.clone(),
        by: "2".into(),
        date: "2025-02-01".into(),
        reason: "ทดสอบ".into(),
        ..LoanDecision::default()
    }));
    date_refused(b.restructure_loan(&RestructureInput {
        loan: second.clone(),
        date: "2025-02-01".into(),
        months: "6".into(),
        confirm_rate: true,
        ..RestructureInput::default()
    }));
    assert_eq!(entries(&b), before, "a refused step writes nothing");
    b.write_off_loan(&LoanDecision {
        loan: second.clone(),
        by: "2".into(),
        date: "2025-03-05".into(),
        reason: "ผู้กู้ย้ายออกจากหมู่บ้าน ติดตามไม่ได้".into(),
        ..LoanDecision::default()
    })
    .unwrap();
    let before = entries(&b);
    let message = refused(b.reverse(&repaid.entry, "ทดสอบ", "2025-03-06"));
    assert!(
        message.contains(&second) && message.contains("ตัดเป็นหนี้สูญ"),
        "{message}"
    );
    assert_eq!(entries(&b), before, "a refused reversal writes nothing");
    assert_sound(&b);
    // The write-off itself reversed: the loan is being repaid again, owing what was written
    // off, and its card says why; then the repayment may be reversed too.
    let card = b.loan(&second, "").unwrap();
    let written_off = card
        .movements
        .iter()
        .find(|m| m.kind == "loan_writeoff")
        .expect("the write-off on the card")
        .clone();
    b.reverse(
        &written_off.entry,
        "ที่ประชุมทบทวนมติ ผู้กู้กลับมาชำระ",
        "2025-03-10",
    )
    .unwrap();
    let card = b.loan(&second, "").unwrap();
    assert_eq!(card.summary.status, LoanStatus::Active);
    assert_eq!(card.summary.balance, written_off.principal);
    let reopened = card.events.last().unwrap();
    assert_eq!(reopened.kind, sajja_core::loan::LoanEventKind::Reopened);
    assert!(reopened.note.contains("ที่ประชุมทบทวนมติ"), "{}", reopened.note);
    assert_sound(&b);
    let due = b.due("2025-04-05", Some(3)).unwrap();
    assert!(
        due.members[0].loan.is_positive(),
        "the loan is due again on the next collection day"
    );
    b.reverse(&repaid.entry, "รับชำระผิดสัญญา", "2025-03-10")
        .unwrap();
    assert_eq!(
        b.loan(&second, "").unwrap().summary.balance,
        Money::from_baht(1200)
    );
    assert_sound(&b);
}

#[test]
fn refusals_leave_the_file_unchanged() {
    let tmp = TempBooks::new();
    let mut b = savers(&tmp, "กลุ่มปฏิเสธ", 4);
    b.add_loan_product(&LoanProductInput {
        code: "A".into(),
        name: "สามัญ".into(),
        rate: "1".into(),
        method: "declining-annuity".into(),
        max_months: "12".into(),
        max_amount: "3000".into(),
        ..LoanProductInput::default()
    })
    .unwrap();
    let n = b
        .apply_loan(&LoanApplication {
            member: "1".into(),
            product: "A".into(),
            amount: "2000".into(),
            months: "4".into(),
            date: "2025-01-06".into(),
            ..LoanApplication::default()
        })
        .unwrap()
        .summary
        .loan;
    type Attempt = Box<dyn Fn(&mut Books) -> sajja_core::Result<()>>;
    let attempts: Vec<Attempt> = vec![
        Box::new(|b| b.add_loan_product(&LoanProductInput::default()).map(drop)),
        Box::new(|b| {
            b.apply_loan(&LoanApplication {
                member: "2".into(),
                product: "A".into(),
                amount: "5000".into(),
                months: "4".into(),
                date: "2025-01-06".into(),
                ..LoanApplication::default()
            })
            .map(drop)
        }),
        Box::new(|b| {
            b.apply_loan(&LoanApplication {
                member: "2".into(),
                product: "Z".into(),
                amount: "500".into(),
                months: "4".into(),
                ..LoanApplication::default()
            })
            .map(drop)
        }),
        Box::new(|b| {
            b.approve_loan(&LoanDecision {
                loan: "2568/001".into(),
                by: "1".into(),
                date: "2025-01-07".into(),
                ..LoanDecision::default()
            })
            .map(drop)
        }),
        Box::new(|b| {
            b.approve_loan(&LoanDecision {
                loan: "2568/001".into(),
                by: "2".into(),
                date: "2024-12-31".into(),
                ..LoanDecision::default()
            })
            .map(drop)
        }),
        Box::new(|b| {
            b.disburse_loan(&LoanDisbursement {
                loan: "2568/001".into(),
                date: "2025-01-07".into(),
                from: "cash".into(),
            })
            .map(drop)
        }),
        Box::new(|b| {
            b.repay_loan(&LoanRepaymentInput {
                loan: "2568/001".into(),
                date: "2025-02-05".into(),
                amount: "100".into(),
                to: String::new(),
            })
            .map(drop)
        }),
        Box::new(|b| b.collect(&row("2025-02-05", 3, "100", "50")).map(drop)),
        Box::new(|b| {
            b.write_off_loan(&LoanDecision {
                loan: "2568/001".into(),
                by: "2".into(),
                date: "2025-02-05".into(),
                reason: "ทดสอบ".into(),
                ..LoanDecision::default()
            })
            .map(drop)
        }),
        Box::new(|b| b.loan("2568/999", "").map(drop)),
    ];
    for (i, attempt) in attempts.iter().enumerate() {
        let before = dump(&tmp.path);
        let e = attempt(&mut b).expect_err(&format!("attempt {i} should be refused"));
        assert!(crate::util::is_thai(&e.to_string()), "attempt {i}: {e}");
        assert_eq!(before, dump(&tmp.path), "attempt {i} changed the file: {e}");
    }
    // Over-paying a paid-out loan is refused and changes nothing either.
    b.approve_loan(&LoanDecision {
        loan: n.clone(),
        by: "2".into(),
        date: "2025-01-07".into(),
        ..LoanDecision::default()
    })
    .unwrap();
    b.disburse_loan(&LoanDisbursement {
        loan: n.clone(),
        date: "2025-01-07".into(),
        from: String::new(),
    })
    .unwrap();
    let before = dump(&tmp.path);
    assert!(b.collect(&row("2025-02-05", 1, "100", "5000")).is_err());
    assert_eq!(before, dump(&tmp.path));
    assert!(b.verify().unwrap().ok);
}

// ---------------------------------------------------------------------------------------------
// Schedules against an independent computation.

/// A non-negative big integer, little-endian base 2^32: just enough for (1 + r)^n exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from(v: u128) -> Big {
        let mut limbs = Vec::new();
        let mut v = v;
        while v > 0 {
            limbs.push(v as u32);
            v >>= 32;
        }
        Big(limbs)
    }

    fn mul_small(&self, m: u128) -> Big {
        assert!(m < 1 << 64);
        let mut out = Vec::with_capacity(self.0.len() + 2);
        let mut carry: u128 = 0;
        for &l in &self.0 {
            let x = l as u128 * m + carry;
            out.push(x as u32);
            carry = x >> 32;
        }
        while carry > 0 {
            out.push(carry as u32);
            carry >>= 32;
        }
        let mut b = Big(out);
        b.trim();
        b
    }

    fn add(&self, o: &Big) -> Big {
        let n = self.0.len().max(o.0.len());
        let mut out = Vec::with_capacity(n + 1);
        let mut carry = 0u64;
        for i in 0..n {
            let x = *self.0.get(i).unwrap_or(&0) as u64 + *o.0.get(i).unwrap_or(&0) as u64 + carry;
            out.push(x as u32);
            carry = x >> 32;
        }
        if carry > 0 {
            out.push(carry as u32);
        }
        Big(out)
    }

    /// self − o, for self ≥ o.
    fn sub(&self, o: &Big) -> Big {
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let mut x = self.0[i] as i64 - *o.0.get(i).unwrap_or(&0) as i64 - borrow;
            borrow = if x < 0 {
                x += 1 << 32;
                1
            } else {
                0
            };
            out.push(x as u32);
        }
        assert_eq!(borrow, 0, "negative result");
        let mut b = Big(out);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn cmp(&self, o: &Big) -> std::cmp::Ordering {
        self.0
            .len()
            .cmp(&o.0.len())
            .then_with(|| self.0.iter().rev().cmp(o.0.iter().rev()))
    }
}

/// round(num / den) half-up, for a quotient below 2^62 (binary search on the quotient).
fn round_div_big(num: &Big, den: &Big) -> i64 {
    let twice_num_plus_den = num.mul_small(2).add(den);
    let twice_den = den.mul_small(2);
    // Largest q with q · 2den ≤ 2num + den.
    let (mut lo, mut hi) = (0u64, 1u64 << 62);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if twice_den.mul_small(mid as u128).cmp(&twice_num_plus_den) != std::cmp::Ordering::Greater
        {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo as i64
}

/// The rate as an integer number of millionths (1 % = 10,000): rates have ≤ 4 decimals of %.
const MILLION: i128 = 1_000_000;

/// Independent schedule: (principal, interest, balance) per instalment in satang, or None
/// when some principal would be negative or exceed the balance.
fn reference(
    amount: i64,
    rate_millionths: i64,
    n: u32,
    method: Method,
) -> Option<Vec<(i64, i64, i64)>> {
    let a = amount as i128;
    let r = rate_millionths as i128;
    let interest = |bal: i128| -> i128 { (2 * bal * r + MILLION) / (2 * MILLION) };
    let equal = (2 * a + n as i128) / (2 * n as i128);
    let payment: i128 = match method {
        Method::DecliningAnnuity if r == 0 => equal,
        Method::DecliningAnnuity => {
            // A·R·q^n / (D·(q^n − D^n)) with q = D + R, D = 10^6.
            let q = (MILLION + r) as u128;
            let (mut qn, mut dn) = (Big::from(1), Big::from(1));
            for _ in 0..n {
                qn = qn.mul_small(q);
                dn = dn.mul_small(MILLION as u128);
            }
            let num = qn.mul_small((a * r) as u128);
            let den = qn.sub(&dn).mul_small(MILLION as u128);
            round_div_big(&num, &den) as i128
        }
        _ => 0,
    };
    let mut bal = a;
    let mut out = Vec::new();
    for k in 1..=n {
        let last = k == n;
        let (p, i) = match method {
            Method::DecliningEqualPrincipal => (if last { bal } else { equal }, interest(bal)),
            Method::DecliningAnnuity => {
                let i = interest(bal);
                (if last { bal } else { payment - i }, i)
            }
            Method::Flat => (if last { bal } else { equal }, interest(a)),
            Method::InterestOnly => (if last { bal } else { 0 }, interest(a)),
        };
        if p < 0 || p > bal {
            return None;
        }
        bal -= p;
        out.push((p as i64, i as i64, bal as i64));
    }
    Some(out)
}

#[test]
fn reference_matches_hand_figures() {
    // 10,000 over 12 at 1 %: payment 888.49.
    let s = reference(1_000_000, 10_000, 12, Method::DecliningAnnuity).unwrap();
    assert_eq!(s[0], (78_849, 10_000, 921_151));
    let s = reference(1_000_000, 10_000, 3, Method::DecliningEqualPrincipal).unwrap();
    assert_eq!(
        s,
        vec![
            (333_333, 10_000, 666_667),
            (333_333, 6_667, 333_334),
            (333_334, 3_333, 0)
        ]
    );
}

#[test]
fn schedules_match_the_independent_computation_to_the_satang() {
    let mut rng = fastrand::Rng::with_seed(20_250_305);
    let mut checked = 0;
    let mut refused = 0;
    for case in 0..4_000 {
        // Mostly village-sized loans; some tiny and some huge, every term up to 30 years.
        let amount = match case % 5 {
            0 => rng.i64(1..20_000),
            1 => rng.i64(100_000..100_000_000),
            2 => rng.i64(100_000_000..10_000_000_000),
            _ => rng.i64(50_000..5_000_000),
        };
        let n = match case % 3 {
            0 => rng.u32(1..=36),
            1 => rng.u32(1..=120),
            _ => rng.u32(1..=360),
        };
        // Percent a month with up to four decimals, 0 to 3 %.
        let rate_ten_thousandths = match case % 7 {
            0 => 0,
            1 => rng.i64(1..100) * 100,
            _ => rng.i64(1..30_000),
        };
        let method = Method::ALL[rng.usize(0..4)];
        let percent = rust_decimal::Decimal::new(rate_ten_thousandths, 4);
        let rate = MonthlyRate::from_percent(percent);
        let got = schedule::contract(Money::from_satang(amount), n, rate, method);
        let want = reference(amount, rate_ten_thousandths, n, method);
        match (got, want) {
            (Ok(lines), Some(want)) => {
                let got: Vec<(i64, i64, i64)> = lines
                    .iter()
                    .map(|l| (l.principal.satang(), l.interest.satang(), l.balance.satang()))
                    .collect();
                assert_eq!(
                    got, want,
                    "amount {amount} satang, {n} months, {percent} %/month, {method:?}"
                );
                assert!(lines.iter().all(|l| l.total == l.principal + l.interest));
                checked += 1;
            }
            (Err(_), None) => refused += 1,
            (got, want) => panic!(
                "disagree on whether a schedule exists: amount {amount}, n {n}, {percent} %, {method:?}: {got:?} vs {}",
                want.is_some()
            ),
        }
    }
    assert!(checked > 3_000, "{checked} checked, {refused} refused");
}

#[test]
fn annual_rates_follow_the_method() {
    let mut rng = fastrand::Rng::with_seed(654);
    for _ in 0..300 {
        let amount = Money::from_satang(rng.i64(1_000_000..50_000_000));
        let n = rng.u32(3..=60);
        let percent = rust_decimal::Decimal::new(rng.i64(10..200), 2);
        let rate = MonthlyRate::from_percent(percent);
        let yearly = percent * rust_decimal::Decimal::from(12);
        let declining =
            schedule::contract(amount, n, rate, Method::DecliningEqualPrincipal).unwrap();
        let r = schedule::rates(amount, &declining);
        // Declining balance: the nominal rate is 12 × the monthly rate, up to satang rounding.
        assert!(
            (r.nominal_annual - yearly).abs() <= rust_decimal::Decimal::new(2, 2),
            "{percent} % over {n}: {r:?}"
        );
        assert!(r.effective_annual >= r.nominal_annual);
        let flat = schedule::contract(amount, n, rate, Method::Flat).unwrap();
        let f = schedule::rates(amount, &flat);
        assert!(
            f.nominal_annual > r.nominal_annual,
            "flat costs more: {f:?} vs {r:?}"
        );
        assert_eq!(
            r.above_legal_cap(),
            r.nominal_annual > rust_decimal::Decimal::from(15)
        );
    }
}

#[test]
fn paying_each_instalment_on_time_follows_the_contract_schedule() {
    let mut rng = fastrand::Rng::with_seed(2517);
    let tmp = TempBooks::new();
    let mut b = Books::create(
        &tmp.path,
        &NewGroup {
            name: "กลุ่มตามตาราง".into(),
            founded: "2025-01-01".into(),
            ..NewGroup::default()
        },
    )
    .unwrap();
    let methods = [
        "declining-equal-principal",
        "declining-annuity",
        "flat",
        "interest-only",
    ];
    for (i, method) in methods.iter().enumerate() {
        b.add_loan_product(&LoanProductInput {
            code: format!("P{i}"),
            name: format!("ทดสอบ {method}"),
            rate: format!("{}.{:02}", rng.u32(0..2), rng.u32(0..100)),
            method: method.to_string(),
            max_months: "36".into(),
            ..LoanProductInput::default()
        })
        .unwrap();
    }
    let count = 12;
    for i in 1..=count {
        b.add_member(&MemberInput {
            name: format!("นายทดสอบ ที่{i}"),
            joined: "2025-01-01".into(),
            ..MemberInput::default()
        })
        .unwrap();
        // Funds the cash box for the payouts: a deposit, since สัจจะ is taken only as far
        // as the months the group lets a member pay ahead.
        b.collect(&CollectionInput {
            deposit: "100000".into(),
            ..row("2025-01-05", i, "50", "")
        })
        .unwrap();
    }
    let mut loans = Vec::new();
    for i in 1..=count {
        let product = format!("P{}", rng.usize(0..4));
        let card = b
            .apply_loan(&LoanApplication {
                member: i.to_string(),
                product,
                amount: format!("{}.{:02}", rng.u32(1_000..60_000), rng.u32(0..100)),
                months: rng.u32(1..=18).to_string(),
                date: "2025-01-10".into(),
                confirm_rate: true,
                ..LoanApplication::default()
            })
            .unwrap();
        let n = card.summary.loan;
        b.approve_loan(&LoanDecision {
            loan: n.clone(),
            by: if i == 1 { "2" } else { "1" }.into(),
            date: "2025-01-10".into(),
            ..LoanDecision::default()
        })
        .unwrap();
        b.disburse_loan(&LoanDisbursement {
            loan: n.clone(),
            date: "2025-01-11".into(),
            from: String::new(),
        })
        .unwrap();
        loans.push((i, n));
    }
    let mut date = d("2025-02-05");
    for _ in 0..18 {
        let iso = date.to_string();
        for (member, n) in &loans {
            let sched = b.loan_schedule(n).unwrap();
            let Some(line) = sched.installments.iter().find(|l| l.due == date) else {
                continue;
            };
            let id = b.member(*member).unwrap().id;
            let due = sajja_core::loan::due_for_member(b.conn(), &id, date).unwrap();
            assert_eq!(due.installment, line.total, "{n} instalment {}", line.no);
            assert_eq!(due.arrears, Money::ZERO);
            let r = b
                .collect(&row(&iso, *member, "", &due.total.to_string()))
                .unwrap();
            let split = r.loan.unwrap();
            assert_eq!(split.principal, line.principal, "{n} #{}", line.no);
            assert_eq!(split.interest, line.interest, "{n} #{}", line.no);
        }
        date = schedule::due_date(date, 5, 1);
    }
    for (_, n) in &loans {
        assert_eq!(
            b.loan(n, "").unwrap().summary.status,
            LoanStatus::Closed,
            "{n}"
        );
    }
    assert_sound(&b);
}
