//! The auditor's property: random sequences of a group's operations on random dates (joins,
//! pledge changes, collections, late months, deposits, withdrawals, loans from application to
//! repayment, exits, reversals, bank movements and fees, month closes), many of them refused,
//! after which the books must still be sound. Each case runs on a real SQLite file; the
//! invariants are computed here from the postings, independently of the code under test,
//! and `sajja verify` must pass on the file.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rusqlite::Connection;
use sajja_core::collection::CollectionInput;
use sajja_core::loan::{
    LoanApplication, LoanDecision, LoanDisbursement, LoanFilter, LoanProductInput, RestructureInput,
};
use sajja_core::movement::ExpenseInput;
use sajja_core::{Books, MemberInput, Money, NewGroup};

use crate::util::TempBooks;

#[derive(Clone, Debug)]
enum Op {
    Join {
        shares: u32,
    },
    Pledge {
        who: usize,
        shares: u32,
    },
    Collect {
        who: usize,
        months: u32,
        extra: u32,
        fee: bool,
        deposit: u32,
    },
    Withdraw {
        who: usize,
        amount: u32,
    },
    ToBank {
        amount: u32,
    },
    FromBank {
        amount: u32,
    },
    Expense {
        amount: u32,
        bank: bool,
    },
    BankFee {
        amount: u32,
    },
    Loan {
        who: usize,
        amount: u32,
        months: u32,
    },
    Repay {
        who: usize,
        amount: u32,
    },
    Exit {
        who: usize,
    },
    Reverse {
        pick: usize,
    },
    /// A loan being repaid written off by the committee.
    WriteOff {
        pick: usize,
    },
    /// A loan being repaid taken over by a new contract over `months`, approved and in force.
    Restructure {
        pick: usize,
        months: u32,
    },
    Close,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1u32..=4).prop_map(|shares| Op::Join { shares }),
        1 => (any::<usize>(), 1u32..=6).prop_map(|(who, shares)| Op::Pledge { who, shares }),
        6 => (any::<usize>(), 0u32..=3, 0u32..=120, any::<bool>(), 0u32..=3)
            .prop_map(|(who, months, extra, fee, deposit)| Op::Collect { who, months, extra, fee, deposit }),
        2 => (any::<usize>(), 1u32..=1500).prop_map(|(who, amount)| Op::Withdraw { who, amount }),
        2 => (1u32..=3000).prop_map(|amount| Op::ToBank { amount }),
        1 => (1u32..=3000).prop_map(|amount| Op::FromBank { amount }),
        1 => (1u32..=60, any::<bool>()).prop_map(|(amount, bank)| Op::Expense { amount, bank }),
        1 => (1u32..=40).prop_map(|amount| Op::BankFee { amount }),
        2 => (any::<usize>(), 1u32..=30, 1u32..=12).prop_map(|(who, amount, months)| Op::Loan { who, amount: amount * 100, months }),
        2 => (any::<usize>(), 1u32..=800).prop_map(|(who, amount)| Op::Repay { who, amount }),
        1 => any::<usize>().prop_map(|who| Op::Exit { who }),
        2 => any::<usize>().prop_map(|pick| Op::Reverse { pick }),
        2 => any::<usize>().prop_map(|pick| Op::WriteOff { pick }),
        2 => (any::<usize>(), 1u32..=12).prop_map(|(pick, months)| Op::Restructure { pick, months }),
        1 => Just(Op::Close),
    ]
}

/// Each step: an operation, how many days the calendar moves first (up to six weeks, so months
/// go late), and how far back the operation is dated (most are dated today, some back-dated).
fn steps() -> impl Strategy<Value = Vec<(Op, i64, i64)>> {
    prop::collection::vec(
        (
            op(),
            prop_oneof![4 => 0i64..=15, 1 => 30i64..=45],
            prop_oneof![4 => Just(0i64), 1 => 1i64..=40],
        ),
        8..40,
    )
}

struct Group {
    file: TempBooks,
    books: Books,
    members: Vec<u32>,
}

fn iso(d: NaiveDate) -> String {
    d.to_string()
}

fn start() -> Group {
    let file = TempBooks::new();
    let mut books = Books::create(
        &file.path,
        &NewGroup {
            name: "กลุ่มทดสอบสุ่ม".into(),
            founded: "2025-01-01".into(),
            ..NewGroup::default()
        },
    )
    .unwrap();
    books
        .add_loan_product(&LoanProductInput {
            code: "A".into(),
            name: "เงินกู้สามัญ".into(),
            rate: "1".into(),
            method: "declining-equal-principal".into(),
            max_months: "12".into(),
            ..LoanProductInput::default()
        })
        .unwrap();
    Group {
        file,
        books,
        members: Vec::new(),
    }
}

fn pick(members: &[u32], who: usize) -> Option<u32> {
    (!members.is_empty()).then(|| members[who % members.len()])
}

/// Runs one operation; refusals are expected and fine (they must change nothing).
fn run(g: &mut Group, op: &Op, date: NaiveDate) -> Result<(), sajja_core::Error> {
    let day = iso(date);
    let members = g.members.clone();
    let b = &mut g.books;
    match *op {
        Op::Join { shares } => {
            let m = b.add_member(&MemberInput {
                name: format!("นายสุ่ม ที่{}", g.members.len() + 1),
                joined: day,
                shares: shares.to_string(),
                ..MemberInput::default()
            })?;
            g.members.push(m.number);
        }
        Op::Pledge { who, shares } => {
            let Some(n) = pick(&members, who) else {
                return Ok(());
            };
            let input = MemberInput {
                shares: shares.to_string(),
                ..member_input(&b.member(n)?)
            };
            b.update_member(n, &input, Some(&day))?;
        }
        Op::Collect {
            who,
            months,
            extra,
            fee,
            deposit,
        } => {
            let Some(n) = pick(&members, who) else {
                return Ok(());
            };
            let m = b.member(n)?;
            let sajja = Money::from_baht(i64::from(m.shares * 50 * months + extra));
            let fee_due = b
                .due(&day, Some(n))
                .ok()
                .and_then(|d| d.members.first().map(|m| m.fee))
                .unwrap_or_default();
            b.collect(&CollectionInput {
                date: day,
                member: n.to_string(),
                sajja: sajja.to_string(),
                fee: if fee {
                    fee_due.to_string()
                } else {
                    String::new()
                },
                deposit: (deposit * 250).to_string(),
                ..CollectionInput::default()
            })?;
        }
        Op::Withdraw { who, amount } => {
            let Some(n) = pick(&members, who) else {
                return Ok(());
            };
            b.collect(&CollectionInput {
                date: day,
                member: n.to_string(),
                withdraw: amount.to_string(),
                ..CollectionInput::default()
            })?;
        }
        Op::ToBank { amount } => {
            b.bank("deposit", &day, &amount.to_string(), "")?;
        }
        Op::FromBank { amount } => {
            b.bank("withdraw", &day, &amount.to_string(), "")?;
        }
        Op::Expense { amount, bank } => {
            b.expense(&ExpenseInput {
                date: day,
                amount: amount.to_string(),
                memo: "ค่าเครื่องเขียน".into(),
                category: "supplies".into(),
                from: if bank { "bank" } else { "cash" }.into(),
                ..ExpenseInput::default()
            })?;
        }
        Op::BankFee { amount } => {
            b.bank("fee", &day, &amount.to_string(), "")?;
        }
        Op::Loan {
            who,
            amount,
            months,
        } => {
            let (Some(n), Some(by)) = (pick(&members, who), pick(&members, who + 1)) else {
                return Ok(());
            };
            let card = b.apply_loan(&LoanApplication {
                member: n.to_string(),
                product: "A".into(),
                amount: amount.to_string(),
                months: months.to_string(),
                date: day.clone(),
                confirm_rate: true,
                ..LoanApplication::default()
            })?;
            let loan = card.summary.loan.clone();
            b.approve_loan(&LoanDecision {
                loan: loan.clone(),
                by: by.to_string(),
                date: day.clone(),
                ..LoanDecision::default()
            })?;
            b.disburse_loan(&LoanDisbursement {
                loan,
                date: day,
                from: String::new(),
            })?;
        }
        Op::Repay { who, amount } => {
            let Some(n) = pick(&members, who) else {
                return Ok(());
            };
            b.collect(&CollectionInput {
                date: day,
                member: n.to_string(),
                loan_payment: amount.to_string(),
                ..CollectionInput::default()
            })?;
        }
        Op::Exit { who } => {
            let Some(n) = pick(&members, who) else {
                return Ok(());
            };
            b.member_exit(n, &day, "resign", "cash")?;
        }
        Op::Reverse { pick } => {
            let ids: Vec<String> = b
                .conn()
                .prepare(
                    "SELECT e.id FROM journal_entry e WHERE e.reverses IS NULL
                       AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id)
                     ORDER BY e.seq",
                )
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            if ids.is_empty() {
                return Ok(());
            }
            b.reverse(&ids[pick % ids.len()], "ทดสอบการยกเลิก", &day)?;
        }
        Op::WriteOff { pick } => {
            let Some((loan, by)) = being_repaid(b, pick, &members) else {
                return Ok(());
            };
            b.write_off_loan(&LoanDecision {
                loan,
                by: by.to_string(),
                date: day,
                reason: "ผู้กู้ย้ายออก ติดตามไม่ได้".into(),
                ..LoanDecision::default()
            })?;
        }
        Op::Restructure { pick, months } => {
            let Some((loan, by)) = being_repaid(b, pick, &members) else {
                return Ok(());
            };
            let new = b
                .restructure_loan(&RestructureInput {
                    loan,
                    date: day.clone(),
                    months: months.to_string(),
                    confirm_rate: true,
                    ..RestructureInput::default()
                })?
                .summary
                .loan;
            b.approve_loan(&LoanDecision {
                loan: new.clone(),
                by: by.to_string(),
                date: day.clone(),
                ..LoanDecision::default()
            })?;
            b.disburse_loan(&LoanDisbursement {
                loan: new,
                date: day,
                from: String::new(),
            })?;
        }
        Op::Close => {
            let month = sajja_core::thai::YearMonth::of(date - Duration::days(35));
            b.close_month(&month.to_string())?;
        }
    }
    Ok(())
}

/// One of the loans being repaid, if any, and a member other than its borrower to decide on it.
fn being_repaid(b: &Books, pick: usize, members: &[u32]) -> Option<(String, u32)> {
    let loans = b
        .loans(&LoanFilter {
            status: "active".into(),
            ..LoanFilter::default()
        })
        .ok()?;
    let loan = loans.get(pick % loans.len().max(1))?;
    let by = members.iter().copied().find(|&m| m != loan.member)?;
    Some((loan.loan.clone(), by))
}

fn member_input(m: &sajja_core::Member) -> MemberInput {
    MemberInput {
        title: m.title.clone(),
        first_name: m.first_name.clone(),
        last_name: m.last_name.clone(),
        joined: m.joined.to_string(),
        shares: m.shares.to_string(),
        ..MemberInput::default()
    }
}

/// Running balance at each day end of the postings chosen by `filter` (sign: debit +).
fn day_ends(conn: &Connection, filter: &str) -> Vec<(String, i64)> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT p.date, sum(p.amount) FROM posting p WHERE {filter} GROUP BY p.date ORDER BY p.date"
        ))
        .unwrap();
    let mut running = 0;
    stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .unwrap()
        .map(|r| {
            let (d, s) = r.unwrap();
            running += s;
            (d, running)
        })
        .collect()
}

fn check(g: &Group) {
    let conn = Connection::open(&g.file.path).unwrap();
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };

    // Every entry balances, with at least two lines.
    assert_eq!(
        one(
            "SELECT count(*) FROM (SELECT entry_seq FROM posting GROUP BY entry_seq
              HAVING sum(amount) <> 0 OR count(*) < 2)"
        ),
        0,
        "an entry does not balance"
    );
    // Cash and bank never below zero at any day end.
    for (account, name) in [("1100", "cash"), ("1110", "bank")] {
        for (d, bal) in day_ends(&conn, &format!("p.account = '{account}'")) {
            assert!(bal >= 0, "{name} is {bal} satang at the end of {d}");
        }
    }
    // The expense fund never below zero, but for bank fees the bank took itself.
    let fund = "p.account IN ('3300', '4300', '5100', '5200', '5300', '5400', '5900')
                AND NOT (p.account = '5300' AND EXISTS (SELECT 1 FROM posting b
                         WHERE b.entry_seq = p.entry_seq AND b.account = '1110'))";
    for (d, bal) in day_ends(&conn, fund) {
        assert!(
            bal <= 0,
            "the expense fund is {} satang at the end of {d}",
            -bal
        );
    }
    // Members' balances sum to the accounts.
    let conn_books = g.books.conn();
    let mut by_account: HashMap<&str, Money> = HashMap::new();
    for n in &g.members {
        let b = sajja_core::collection::balances(conn_books, *n, None).unwrap();
        *by_account.entry("3100").or_default() += b.sajja;
        *by_account.entry("2100").or_default() += b.deposits;
        *by_account.entry("1210").or_default() += b.fines_owed;
        *by_account.entry("1200").or_default() += b.loans;
    }
    for (account, sign) in [("3100", -1), ("2100", -1), ("1210", 1), ("1200", 1)] {
        let total = sign
            * one(&format!(
                "SELECT coalesce(sum(amount), 0) FROM posting WHERE account = '{account}'"
            ));
        assert_eq!(
            by_account.get(account).copied().unwrap_or_default(),
            Money::from_satang(total),
            "members' balances on {account} differ from the account"
        );
    }
    // Loans receivable equals the sum of the loans' balances.
    let loans: Money = g
        .books
        .loans(&LoanFilter::default())
        .unwrap()
        .iter()
        .map(|l| l.balance)
        .sum();
    assert_eq!(
        loans,
        Money::from_satang(one(
            "SELECT coalesce(sum(amount), 0) FROM posting WHERE account = '1200'"
        ))
    );
    // A member who left holds no savings or deposits.
    assert_eq!(
        one(
            "SELECT count(*) FROM member m WHERE m.status <> 'active' AND EXISTS
              (SELECT 1 FROM posting p WHERE p.member_id = m.id AND p.account IN ('3100', '2100')
               GROUP BY p.account HAVING sum(p.amount) <> 0)"
        ),
        0
    );
    // And the program's own audit agrees, through the real binary.
    let v = g.file.json("2026-12-01", &["verify"]);
    assert_eq!(v["ok"], true, "{v}");
}

fn entries(g: &Group) -> (i64, String) {
    g.books
        .conn()
        .query_row(
            "SELECT count(*), (SELECT group_concat(status) FROM member) FROM journal_entry",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                ))
            },
        )
        .unwrap()
}

proptest! {
    // Bounded for CI: 24 groups of 8–40 operations each.
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_on_random_dates_keep_the_books_sound(steps in steps()) {
        let mut g = start();
        let mut today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        for (op, advance, back) in &steps {
            today += Duration::days(*advance);
            let date = (today - Duration::days(*back)).max(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
            let before = entries(&g);
            if run(&mut g, op, date).is_err() {
                prop_assert_eq!(&before, &entries(&g), "a refused {:?} changed the books", op);
            }
        }
        check(&g);
    }
}
