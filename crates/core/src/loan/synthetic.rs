//! Years of loans for many members, for the benchmark (`benches/loans.rs`).
//!
//! Built in one transaction through the functions the use cases use: loan rows and events as
//! [`super::apply`]'s `insert_loan` and `add_event` write them, every payout and repayment a
//! balanced, hash-chained entry written by [`crate::journal::post_history`] (the journal's
//! writer without the checks that read the later books: the history is written borrower by
//! borrower, not in date order). An on-time repayment posts the contract schedule's
//! interest and principal for the instalment, which is exactly what [`super::repayment`]
//! splits it into (every 500th payment is checked against it while building).
//!
//! Borrowers: most repay every instalment on its collection day and borrow again the month
//! after; some pay a loan off early; a few stop paying during their last loan, so the arrears
//! list has all ages.

use chrono::NaiveDate;

use super::schedule::{self, Method, MonthlyRate};
use super::{
    add_event, arrears, insert_loan, product, Check, LoanEventKind, LoanProductInput, LoanStatus,
    NewLoan,
};
use crate::account::{CASH, LOANS, LOAN_INTEREST, SUBSIDIES};
use crate::error::Result;
use crate::journal::{self, EntryKind, NewEntry, Posting};
use crate::member::{self, MemberInput};
use crate::money::Money;
use crate::thai::YearMonth;
use crate::Books;

#[derive(Clone, Debug)]
pub struct Options {
    pub members: u32,
    pub years: u32,
    pub seed: u64,
    /// The last collection day of the history.
    pub last_day: NaiveDate,
    /// Lend to the members already in the books (the first `members` by number, e.g. the
    /// savers of the collection history) instead of adding new ones.
    pub existing_members: bool,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Summary {
    pub members: u32,
    pub loans: u32,
    pub repayments: u32,
    pub entries: i64,
    pub postings: i64,
    pub active_loans: u32,
    pub defaulters: u32,
    pub checked_against_repayment: u32,
}

/// Fills `books` (a new group founded `years` before `last_day`) with members and loans.
pub fn populate(books: &mut Books, opts: &Options) -> Result<Summary> {
    let mut rng = fastrand::Rng::with_seed(opts.seed);
    let mut summary = Summary {
        members: opts.members,
        ..Summary::default()
    };
    // The group's first month, as the collection history counts it (`years` × 12 months
    // ending with the month of `last_day`): nothing may be dated before the founding.
    let first = {
        let mut m = YearMonth::of(opts.last_day);
        for _ in 1..opts.years * 12 {
            m = m.prev();
        }
        m
    };
    let tx = books.tx()?;
    let conn: &rusqlite::Connection = &tx;
    let start = first.first_day();
    let mut funding = NewEntry::new(start, EntryKind::Income, "เงินทุนตั้งต้น (ข้อมูลทดสอบความเร็ว)");
    funding.push(Posting::debit(CASH, Money::from_baht(900_000_000)));
    funding.push(Posting::credit(SUBSIDIES, Money::from_baht(900_000_000)));
    journal::post_history(conn, &funding)?;
    let products = [
        product::add(
            conn,
            &LoanProductInput {
                code: "A".into(),
                name: "เงินกู้สามัญ".into(),
                kind: "สามัญ".into(),
                rate: "1".into(),
                method: Method::DecliningEqualPrincipal.as_str().into(),
                max_months: "36".into(),
                ..LoanProductInput::default()
            },
        )?,
        product::add(
            conn,
            &LoanProductInput {
                code: "B".into(),
                name: "เงินกู้เพื่อการผลิต".into(),
                kind: "เพื่อการผลิต".into(),
                rate: "0.9".into(),
                method: Method::DecliningAnnuity.as_str().into(),
                max_months: "36".into(),
                ..LoanProductInput::default()
            },
        )?,
    ];
    let ids = if opts.existing_members {
        let numbers: Vec<u32> = conn
            .prepare("SELECT number FROM member ORDER BY number LIMIT ?1")?
            .query_map([opts.members], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        numbers
            .into_iter()
            .map(|n| member::get(conn, n))
            .collect::<Result<Vec<_>>>()?
    } else {
        let mut ids = Vec::with_capacity(opts.members as usize);
        for i in 0..opts.members {
            ids.push(member::add(
                conn,
                &MemberInput {
                    name: format!("นายสมาชิก ทดสอบที่{}", i + 1),
                    joined: start.to_string(),
                    shares: "2".into(),
                    ..MemberInput::default()
                },
            )?);
        }
        ids
    };
    let due_day = crate::settings::at(conn, start)?.collection_day;
    let mut payments = 0u32;
    for (i, borrower) in ids.iter().enumerate() {
        let approver = &ids[(i + 1) % ids.len()];
        let defaulter = rng.u32(0..100) < 4;
        if defaulter {
            summary.defaulters += 1;
        }
        let mut date = start + chrono::Days::new(rng.u64(6..60));
        while date < opts.last_day {
            let p = &products[rng.usize(0..2)];
            let months = [12, 18, 24, 36][rng.usize(0..4)];
            let amount = Money::from_baht(rng.i64(50..600) * 100);
            let id = insert_loan(
                conn,
                &NewLoan {
                    terms: Check::new(borrower, p, amount, months, date, &[]),
                    purpose: "ทดสอบ",
                    confirm_rate: false,
                    recorded_by: None,
                    replaces: None,
                },
            )?;
            let number: String =
                conn.query_row("SELECT number FROM loan WHERE id = ?1", [&id], |r| r.get(0))?;
            add_event(
                conn,
                &id,
                LoanEventKind::Approved,
                LoanStatus::Approved,
                date,
                Some(&approver.id),
                "",
                None,
                None,
                "",
            )?;
            let mut payout = NewEntry::new(
                date,
                EntryKind::LoanPayout,
                format!("จ่ายเงินกู้ สัญญา {number} {}", borrower.full_name),
            );
            payout.member_id = Some(borrower.id.clone());
            payout.push(
                Posting::debit(LOANS, amount)
                    .for_member(&borrower.id)
                    .for_loan(&id),
            );
            payout.push(Posting::credit(CASH, amount));
            let entry = journal::post_history(conn, &payout)?;
            add_event(
                conn,
                &id,
                LoanEventKind::Disbursed,
                LoanStatus::Active,
                date,
                None,
                "",
                Some(&entry),
                Some(due_day),
                "",
            )?;
            summary.loans += 1;

            let rate = MonthlyRate::parse(&p.rate)?;
            let lines = schedule::contract(amount, months, rate, p.method())?;
            let stops_at = (defaulter && rng.bool()).then(|| rng.u32(1..=months));
            let pays_off_at = (rng.u32(0..100) < 6).then(|| rng.u32(1..months.max(2)));
            let mut closed_on = None;
            for line in &lines {
                let due = schedule::due_date(date, due_day, line.no);
                if due > opts.last_day || stops_at.is_some_and(|k| line.no >= k) {
                    break;
                }
                let mut e = NewEntry::new(
                    due,
                    EntryKind::LoanRepayment,
                    format!("ส่งเงินกู้ สัญญา {number} งวดที่ {}", line.no),
                );
                e.member_id = Some(borrower.id.clone());
                let early = pays_off_at == Some(line.no);
                let (interest, principal) = if early {
                    // Pay everything on this collection day: the balance after the previous
                    // instalment and this month's interest.
                    (line.interest, line.principal + line.balance)
                } else {
                    (line.interest, line.principal)
                };
                let credits = vec![
                    Posting::credit(LOAN_INTEREST, interest)
                        .for_member(&borrower.id)
                        .for_loan(&id),
                    Posting::credit(LOANS, principal)
                        .for_member(&borrower.id)
                        .for_loan(&id),
                ];
                payments += 1;
                if payments.is_multiple_of(500) {
                    let (want, _) =
                        arrears::repayment(conn, &borrower.id, due, interest + principal)?;
                    let keep: Vec<&Posting> =
                        credits.iter().filter(|p| !p.amount.is_zero()).collect();
                    assert_eq!(
                        keep,
                        want.iter().collect::<Vec<_>>(),
                        "synthetic repayment differs from the real split ({number} #{})",
                        line.no
                    );
                    summary.checked_against_repayment += 1;
                }
                e.push(Posting::debit(CASH, interest + principal));
                for c in credits {
                    e.push(c);
                }
                journal::post_history(conn, &e)?;
                summary.repayments += 1;
                if early || line.no == months {
                    closed_on = Some(due);
                    break;
                }
            }
            match closed_on {
                // Borrow again the month after.
                Some(d) => date = d + chrono::Days::new(rng.u64(25..40)),
                None => break,
            }
        }
    }
    summary.entries = conn.query_row("SELECT count(*) FROM journal_entry", [], |r| r.get(0))?;
    summary.postings = conn.query_row("SELECT count(*) FROM posting", [], |r| r.get(0))?;
    summary.active_loans = conn.query_row(
        "SELECT count(*) FROM loan WHERE status = 'active'",
        [],
        |r| r.get(0),
    )?;
    tx.commit()?;
    Ok(summary)
}
