//! Loan operations on in-memory books: the whole life of a loan and every refusal.

use chrono::NaiveDate;

use super::*;
use crate::journal::{EntryKind, NewEntry, Posting};
use crate::{Books, MemberInput, NewGroup};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A group founded 1 Jan 2025 with `n` members, each with 5,000 baht of savings and the group
/// with 100,000 baht of cash.
fn books(n: usize) -> Books {
    let mut books = Books::in_memory(&NewGroup {
        name: "กลุ่มทดสอบเงินกู้".into(),
        founded: "2025-01-01".into(),
        ..NewGroup::default()
    })
    .unwrap();
    for i in 0..n {
        let m = books
            .add_member(&MemberInput {
                name: format!("นายสมาชิก ที่{}", i + 1),
                joined: "2025-01-01".into(),
                ..MemberInput::default()
            })
            .unwrap();
        post_savings(&mut books, &m.id, "2025-01-02", 5_000);
    }
    let tx = books.tx().unwrap();
    let mut e = NewEntry::new(d("2025-01-02"), EntryKind::Income, "เงินอุดหนุน");
    e.push(Posting::debit(CASH, Money::from_baht(100_000)));
    e.push(Posting::credit(
        crate::account::SUBSIDIES,
        Money::from_baht(100_000),
    ));
    journal::post(&tx, &e).unwrap();
    tx.commit().unwrap();
    books
}

fn post_savings(books: &mut Books, member_id: &str, date: &str, baht: i64) {
    let tx = books.tx().unwrap();
    let mut e = NewEntry::new(d(date), EntryKind::Collection, "สัจจะ");
    e.push(Posting::debit(CASH, Money::from_baht(baht)));
    e.push(Posting::credit(crate::account::SAJJA, Money::from_baht(baht)).for_member(member_id));
    journal::post(&tx, &e).unwrap();
    tx.commit().unwrap();
}

fn product(books: &mut Books, code: &str, method: &str) -> LoanProduct {
    books
        .add_loan_product(&LoanProductInput {
            code: code.into(),
            name: format!("เงินกู้ {code}"),
            kind: code.into(),
            rate: "1".into(),
            method: method.into(),
            max_months: "24".into(),
            max_amount: "20000".into(),
            max_times_savings: "2".into(),
            guarantors_above: "5000".into(),
            ..LoanProductInput::default()
        })
        .unwrap()
}

fn application(member: &str, code: &str, amount: &str, guarantors: &[&str]) -> LoanApplication {
    LoanApplication {
        member: member.into(),
        product: code.into(),
        amount: amount.into(),
        months: "12".into(),
        date: "2025-01-10".into(),
        guarantors: guarantors.iter().map(|g| g.to_string()).collect(),
        purpose: "ซื้อปุ๋ย".into(),
        recorded_by: "5".into(),
        ..LoanApplication::default()
    }
}

fn decision(loan: &str, by: &str, date: &str) -> LoanDecision {
    LoanDecision {
        loan: loan.into(),
        by: by.into(),
        date: date.into(),
        meeting: "ประชุมคณะกรรมการครั้งที่ 1/2568".into(),
        reason: String::new(),
    }
}

fn payout(books: &mut Books, loan: &str, date: &str) -> LoanCard {
    books
        .disburse_loan(&LoanDisbursement {
            loan: loan.into(),
            date: date.into(),
            from: "cash".into(),
        })
        .unwrap()
}

/// Every row of every table, to prove a refusal changed nothing.
fn dump(books: &Books) -> String {
    let conn = books.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let cols = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..cols)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.sort();
        out += &format!("## {t}\n{}\n", rows.join("\n"));
    }
    out
}

fn refused(books: &mut Books, f: impl FnOnce(&mut Books) -> Result<LoanCard>) -> Error {
    let before = dump(books);
    let e = match f(books) {
        Ok(card) => panic!("should be refused, got {}", card.summary.loan),
        Err(e) => e,
    };
    assert!(
        e.to_string()
            .chars()
            .any(|c| ('\u{0e01}'..='\u{0e5b}').contains(&c)),
        "Thai message: {e}"
    );
    assert_eq!(before, dump(books), "a refusal changed the books: {e}");
    e
}

fn loans_account_equals_loan_balances(books: &Books) {
    let conn = books.conn();
    let account: i64 = conn
        .query_row(
            "SELECT coalesce(sum(amount), 0) FROM posting WHERE account = '1200'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM loan")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let sum: Money = ids.iter().map(|id| balance(conn, id, None).unwrap()).sum();
    assert_eq!(sum, Money::from_satang(account));
    let report = books.verify().unwrap();
    assert!(report.ok, "{:?}", report.problems);
}

#[test]
fn a_loan_from_application_to_the_last_instalment() {
    let mut b = books(6);
    product(&mut b, "A", "declining-equal-principal");

    // Limits: 2 × 5,000 savings = 10,000.
    let e = refused(&mut b, |b| {
        b.apply_loan(&application("1", "A", "12000", &["2"]))
    });
    assert_eq!(e.field(), Some("amount"));
    assert!(e.to_string().contains("เงินสัจจะสะสม"), "{e}");
    let e = refused(&mut b, |b| {
        b.apply_loan(&application("1", "A", "8000", &[]))
    });
    assert_eq!(e.field(), Some("guarantors"));
    let e = refused(&mut b, |b| {
        b.apply_loan(&application("1", "A", "8000", &["1"]))
    });
    assert!(e.to_string().contains("ตัวเอง"), "{e}");
    let e = refused(&mut b, |b| {
        b.apply_loan(&application("1", "A", "8000", &["99"]))
    });
    assert!(e.to_string().contains("99"), "{e}");
    let e = refused(&mut b, |b| {
        b.apply_loan(&LoanApplication {
            months: "36".into(),
            ..application("1", "A", "8000", &["2"])
        })
    });
    assert_eq!(e.field(), Some("months"));

    let card = b
        .apply_loan(&application("1", "A", "8000", &["2"]))
        .unwrap();
    // Refusals did not use up contract numbers.
    assert_eq!(card.summary.loan, "2568/001");
    assert_eq!(card.summary.status, LoanStatus::Applied);
    assert_eq!(card.summary.nominal_annual_rate, "12.00");
    assert_eq!(card.summary.effective_annual_rate, "12.68");
    assert_eq!(card.summary.guarantors[0].member, 2);
    let number = card.summary.loan.clone();

    // One loan of a kind at a time.
    let e = refused(&mut b, |b| {
        b.apply_loan(&application("1", "A", "1000", &[]))
    });
    assert_eq!(e.field(), Some("product"));

    // Approval: not the borrower, not who typed the application, not a guarantor.
    for by in ["1", "5", "2"] {
        let e = refused(&mut b, |b| {
            b.approve_loan(&decision(&number, by, "2025-01-12"))
        });
        assert_eq!(e.field(), Some("by"), "{by}: {e}");
    }
    let e = refused(&mut b, |b| {
        b.disburse_loan(&LoanDisbursement {
            loan: number.clone(),
            date: "2025-01-12".into(),
            from: String::new(),
        })
    });
    assert!(e.to_string().contains("อนุมัติ"), "{e}");
    let card = b
        .approve_loan(&decision(&number, "3", "2025-01-12"))
        .unwrap();
    assert_eq!(card.summary.approved_by.as_ref().unwrap().member, 3);
    assert_eq!(
        card.summary.meeting.as_deref(),
        Some("ประชุมคณะกรรมการครั้งที่ 1/2568")
    );

    // Paid out from the bank there is nothing: refused; from cash it goes.
    let e = refused(&mut b, |b| {
        b.disburse_loan(&LoanDisbursement {
            loan: number.clone(),
            date: "2025-01-15".into(),
            from: "bank".into(),
        })
    });
    assert_eq!(e.field(), Some("from"));
    let card = payout(&mut b, &number, "2025-01-15");
    assert_eq!(card.summary.status, LoanStatus::Active);
    assert_eq!(card.summary.first_due, Some(d("2025-02-05")));
    assert_eq!(card.summary.balance, Money::from_baht(8_000));
    loans_account_equals_loan_balances(&b);

    // Collection day in February: 666.67 + 80.00.
    let m1 = b.member(1).unwrap().id;
    let due = due_for_member(b.conn(), &m1, d("2025-02-05")).unwrap();
    assert_eq!(due.installment, Money::parse("746.67").unwrap());
    assert_eq!(due.total, due.installment);
    assert_eq!(due.loans, vec![number.clone()]);
    let (postings, split) = repayment(b.conn(), &m1, d("2025-02-05"), due.total).unwrap();
    assert_eq!(split.interest, Money::from_baht(80));
    assert_eq!(split.principal, Money::parse("666.67").unwrap());
    assert_eq!(split.loan, number);
    assert_eq!(postings.len(), 2);
    let (_, split) = b
        .repay_loan(&LoanRepaymentInput {
            loan: number.clone(),
            date: "2025-02-05".into(),
            amount: "746.67".into(),
            to: String::new(),
        })
        .unwrap();
    assert_eq!(split.total, Money::parse("746.67").unwrap());

    // March is missed: in April it is arrears with a fine, and the borrower is flagged.
    let due = due_for_member(b.conn(), &m1, d("2025-04-05")).unwrap();
    assert!(due.in_arrears);
    assert_eq!(due.fines, Money::from_baht(20));
    assert_eq!(due.arrears, Money::parse("740.00").unwrap());
    let list = b.loan_arrears("2025-04-05").unwrap();
    assert_eq!(list.loans.len(), 1);
    assert_eq!(list.loans[0].bucket, "1");
    assert_eq!(list.loans[0].guarantors[0].member, 2);
    // A guarantor of... no: the borrower in arrears cannot guarantee someone else.
    let e = refused(&mut b, |b| {
        b.apply_loan(&LoanApplication {
            date: "2025-04-05".into(),
            ..application("4", "A", "8000", &["1"])
        })
    });
    assert!(e.to_string().contains("ค้างชำระ"), "{e}");
    let guarantees = b.member_loans(2, "2025-04-05").unwrap().guarantees;
    assert!(guarantees[0].in_arrears);

    // Too much is refused; the whole payoff closes the loan (the trigger records it).
    let due = due_for_member(b.conn(), &m1, d("2025-04-05")).unwrap();
    let over = (due.payoff + Money::from_satang(1)).to_string();
    let e = b
        .repay_loan(&LoanRepaymentInput {
            loan: number.clone(),
            date: "2025-04-05".into(),
            amount: over,
            to: String::new(),
        })
        .unwrap_err();
    assert!(e.to_string().contains("ปิดบัญชี"), "{e}");
    let (_, split) = b
        .repay_loan(&LoanRepaymentInput {
            loan: number.clone(),
            date: "2025-04-05".into(),
            amount: due.payoff.to_string(),
            to: String::new(),
        })
        .unwrap();
    assert!(split.loans[0].closed);
    assert_eq!(split.fines, Money::from_baht(20));
    let card = b.loan(&number, "2025-04-05").unwrap();
    assert_eq!(card.summary.status, LoanStatus::Closed);
    assert_eq!(card.summary.balance, Money::ZERO);
    assert_eq!(card.movements.len(), 3);
    assert!(card.events.iter().any(|e| e.kind == LoanEventKind::PaidOff));
    loans_account_equals_loan_balances(&b);
}

#[test]
fn rates_above_the_legal_cap_need_a_recorded_confirmation() {
    let mut b = books(6);
    product(&mut b, "F", "flat");
    let e = refused(&mut b, |b| {
        b.apply_loan(&application("1", "F", "4000", &[]))
    });
    assert_eq!(e.field(), Some("confirm_rate"));
    // Short enough to stand beside the box; the law is recorded with the confirmation.
    assert!(e.to_string().contains("เกินร้อยละ 15"), "{e}");
    assert!(!e.to_string().contains("มาตรา 654"), "{e}");
    let card = b
        .apply_loan(&LoanApplication {
            confirm_rate: true,
            ..application("1", "F", "4000", &[])
        })
        .unwrap();
    assert!(card.summary.above_legal_cap);
    let c = card.summary.rate_confirmation.unwrap();
    assert!(
        c.warning.contains("15") && c.warning.contains("มาตรา 654"),
        "{}",
        c.warning
    );
    assert_eq!(c.nominal_annual, card.summary.nominal_annual_rate);
}

#[test]
fn restructure_and_write_off_keep_the_history() {
    let mut b = books(6);
    product(&mut b, "A", "declining-annuity");
    let n1 = b
        .apply_loan(&application("1", "A", "6000", &["2"]))
        .unwrap()
        .summary
        .loan;
    b.approve_loan(&decision(&n1, "3", "2025-01-10")).unwrap();
    payout(&mut b, &n1, "2025-01-10");
    // Nothing paid for three months; the committee gives a new term of 24 months.
    let card = b
        .restructure_loan(&RestructureInput {
            loan: n1.clone(),
            date: "2025-05-06".into(),
            months: "24".into(),
            guarantors: vec!["2".into()],
            ..RestructureInput::default()
        })
        .unwrap();
    let n2 = card.summary.loan.clone();
    assert_eq!(card.summary.amount, Money::from_baht(6_000));
    assert_eq!(card.summary.restructures.as_deref(), Some(n1.as_str()));
    b.approve_loan(&decision(&n2, "4", "2025-05-06")).unwrap();
    let card = payout(&mut b, &n2, "2025-05-06");
    assert_eq!(card.summary.status, LoanStatus::Active);
    let old = b.loan(&n1, "2025-05-06").unwrap();
    assert_eq!(old.summary.status, LoanStatus::Restructured);
    assert_eq!(old.summary.restructured_into.as_deref(), Some(n2.as_str()));
    assert!(old.events.last().unwrap().note.contains("ไม่ยกไป"));
    assert_eq!(old.movements.len(), 2);
    loans_account_equals_loan_balances(&b);

    let e = refused(&mut b, |b| {
        b.write_off_loan(&LoanDecision {
            reason: String::new(),
            ..decision(&n2, "3", "2025-12-31")
        })
    });
    assert_eq!(e.field(), Some("reason"));
    let card = b
        .write_off_loan(&LoanDecision {
            reason: "ผู้กู้ย้ายออกจากหมู่บ้าน ติดตามไม่ได้".into(),
            ..decision(&n2, "3", "2025-12-31")
        })
        .unwrap();
    assert_eq!(card.summary.status, LoanStatus::WrittenOff);
    assert_eq!(card.summary.balance, Money::ZERO);
    let bad: i64 = b
        .conn()
        .query_row(
            "SELECT sum(amount) FROM posting WHERE account = '5800'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 600_000);
    loans_account_equals_loan_balances(&b);
    // The approval is refused for a rejected application, and rejection needs a reason.
    let n3 = b
        .apply_loan(&LoanApplication {
            date: "2026-01-05".into(),
            ..application("4", "A", "1000", &[])
        })
        .unwrap()
        .summary
        .loan;
    assert!(n3.starts_with("2569/"), "{n3}");
    let e = refused(&mut b, |b| b.reject_loan(&decision(&n3, "3", "2026-01-06")));
    assert_eq!(e.field(), Some("reason"));
    b.reject_loan(&LoanDecision {
        reason: "เงินทุนไม่พอ".into(),
        ..decision(&n3, "3", "2026-01-06")
    })
    .unwrap();
    refused(&mut b, |b| {
        b.approve_loan(&decision(&n3, "2", "2026-01-07"))
    });
}

#[test]
fn terms_and_history_cannot_be_edited_behind_the_program() {
    let mut b = books(6);
    product(&mut b, "A", "declining-equal-principal");
    let n = b
        .apply_loan(&application("1", "A", "3000", &[]))
        .unwrap()
        .summary
        .loan;
    let conn = b.conn();
    for sql in [
        "UPDATE loan SET amount = 1",
        "UPDATE loan SET status = 'active'",
        "DELETE FROM loan",
        "UPDATE loan_event SET date = '2020-01-01'",
        "DELETE FROM loan_event",
    ] {
        assert!(conn.execute(sql, []).is_err(), "{sql}");
    }
    assert_eq!(b.loan(&n, "").unwrap().summary.status, LoanStatus::Applied);
    // Contract numbers are accepted as typed.
    assert_eq!(b.loan("2568/1", "").unwrap().summary.loan, n);
    assert_eq!(b.loan("๒๕๖๘/๐๐๑", "").unwrap().summary.loan, n);
}

#[test]
fn one_payment_for_two_loans_goes_fines_then_interest_then_principal_oldest_first() {
    let mut b = books(6);
    product(&mut b, "A", "declining-equal-principal");
    product(&mut b, "E", "declining-annuity");
    let mut numbers = Vec::new();
    for (code, date) in [("A", "2025-01-10"), ("E", "2025-01-20")] {
        let n = b
            .apply_loan(&LoanApplication {
                date: date.into(),
                ..application("1", code, "3000", &[])
            })
            .unwrap()
            .summary
            .loan;
        b.approve_loan(&decision(&n, "3", date)).unwrap();
        payout(&mut b, &n, date);
        numbers.push(n);
    }
    let m1 = b.member(1).unwrap().id;
    // February is missed; in March both loans owe two instalments and a fine each.
    let due = due_for_member(b.conn(), &m1, d("2025-03-05")).unwrap();
    assert_eq!(due.loans, numbers);
    assert_eq!(due.fines, Money::from_baht(40));
    assert!(due.in_arrears);
    // 100 baht: both fines (oldest loan first), then interest of the older loan.
    let (postings, split) =
        repayment(b.conn(), &m1, d("2025-03-05"), Money::from_baht(100)).unwrap();
    assert_eq!(split.fines, Money::from_baht(40));
    assert_eq!(split.interest, Money::from_baht(60));
    assert_eq!(split.principal, Money::ZERO);
    assert_eq!(split.loan, numbers[0]);
    assert_eq!(split.loans[0].interest, Money::from_baht(60));
    assert!(postings
        .iter()
        .all(|p| p.member_id.as_deref() == Some(m1.as_str())));
    // Everything due clears both loans' arrears; nothing more is refused below the payoff.
    let (_, split) = repayment(b.conn(), &m1, d("2025-03-05"), due.total).unwrap();
    assert_eq!(split.total, due.total);
    assert_eq!(split.loans.len(), 2);
    assert!(repayment(
        b.conn(),
        &m1,
        d("2025-03-05"),
        due.payoff + Money::from_satang(1)
    )
    .is_err());
}

#[test]
fn default_interest_rule_from_the_settings() {
    let mut b = books(6);
    b.set_setting("loan_late_rule", "default-interest", Some("2025-01-01"))
        .unwrap();
    b.set_setting("loan_default_rate", "5", Some("2025-01-01"))
        .unwrap();
    assert!(b
        .set_setting("loan_late_rule", "sometimes", Some("2025-01-01"))
        .is_err());
    assert!(b
        .set_setting("loan_default_rate", "20", Some("2025-01-01"))
        .is_err());
    product(&mut b, "A", "declining-equal-principal");
    let n = b
        .apply_loan(&application("1", "A", "1200", &[]))
        .unwrap()
        .summary
        .loan;
    b.approve_loan(&decision(&n, "3", "2025-01-10")).unwrap();
    payout(&mut b, &n, "2025-01-10");
    let m1 = b.member(1).unwrap().id;
    // 100 principal overdue since 5 Feb: on 5 Mar, 100 × 5 % / 12 = 0.42.
    let due = due_for_member(b.conn(), &m1, d("2025-03-05")).unwrap();
    assert_eq!(due.fines, Money::parse("0.42").unwrap());
}
