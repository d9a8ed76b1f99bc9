//! Year-end: a scripted year (members joining and leaving, a pledge change, deposits, loans with
//! interest, a defaulter) whose dividends and average returns are checked, for the three
//! methods and both roundings, against a naive computation of the formulas straight
//! from the postings; then the close and payout through the command line with what must hold
//! afterwards.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use sajja_core::collection::CollectionInput;
use sajja_core::loan::{LoanApplication, LoanDecision, LoanDisbursement, LoanProductInput};
use sajja_core::{Books, MemberInput, Money, NewGroup};

use crate::util::{dump, money, TempBooks};

pub(crate) const TODAY: &str = "2026-01-20";

fn row(date: &str, member: u32, sajja: &str) -> CollectionInput {
    CollectionInput {
        date: date.into(),
        member: member.to_string(),
        sajja: sajja.into(),
        ..CollectionInput::default()
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The scripted group, with every month of 2568 closed except December (so year-end
/// settings can still be set for it). Member 3 is the defaulter, member 5 leaves in August,
/// member 6 joins in April; member 4 keeps deposits (which earn no dividend).
pub(crate) fn scripted_year(b: &TempBooks) {
    let mut books = Books::create(
        &b.path,
        &NewGroup {
            name: "กลุ่มออมทรัพย์ทดสอบสิ้นปี".into(),
            founded: "2024-01-01".into(),
            ..NewGroup::default()
        },
    )
    .unwrap();
    for (name, shares) in [
        ("นายหนึ่ง ใจดี", "10"),
        ("นางสอง ศรีสุข", "4"),
        ("นายสาม มั่นคง", "6"),
        ("นางสี่ บุญมา", "2"),
        ("นายห้า รักถิ่น", "3"),
    ] {
        books
            .add_member(&MemberInput {
                name: name.into(),
                joined: "2024-01-01".into(),
                shares: shares.into(),
                ..MemberInput::default()
            })
            .unwrap();
    }
    // The opening balances S(0): a year of savings paid in December 2567.
    for (m, amount) in [
        (1, "6000"),
        (2, "2400"),
        (3, "3600"),
        (4, "1200"),
        (5, "1800"),
    ] {
        let mut r = row("2024-12-05", m, amount);
        r.fee = if m == 1 { "20".into() } else { String::new() };
        books.collect(&r).unwrap();
    }
    // Months close one at a time in order: 2567, its savings brought in, before 2568's.
    for month in 1..=12 {
        books.close_month(&format!("2024-{month:02}")).unwrap();
    }
    books
        .add_loan_product(&LoanProductInput {
            code: "A".into(),
            name: "สามัญ".into(),
            rate: "1".into(),
            method: "declining-annuity".into(),
            max_months: "12".into(),
            max_times_savings: "3".into(),
            guarantors_above: "50000".into(),
            ..LoanProductInput::default()
        })
        .unwrap();
    let mut loans = Vec::new();
    for (m, amount) in [(1, "3000"), (2, "2000"), (3, "3000")] {
        let n = books
            .apply_loan(&LoanApplication {
                member: m.to_string(),
                product: "A".into(),
                amount: amount.into(),
                months: "6".into(),
                date: "2025-01-06".into(),
                ..LoanApplication::default()
            })
            .unwrap()
            .summary
            .loan;
        books
            .approve_loan(&LoanDecision {
                loan: n.clone(),
                by: "4".into(),
                date: "2025-01-07".into(),
                ..LoanDecision::default()
            })
            .unwrap();
        books
            .disburse_loan(&LoanDisbursement {
                loan: n.clone(),
                date: "2025-01-08".into(),
                from: "cash".into(),
            })
            .unwrap();
        loans.push(n);
    }
    books
        .add_member(&MemberInput {
            name: "นางหก มาใหม่".into(),
            joined: "2025-04-10".into(),
            shares: "5".into(),
            ..MemberInput::default()
        })
        .unwrap();
    // Member 3 pledges more from July (a pledge change).
    let mut m3 = MemberInput {
        name: "นายสาม มั่นคง".into(),
        joined: "2024-01-01".into(),
        shares: "12".into(),
        ..MemberInput::default()
    };
    m3.shares = "12".into();
    books.update_member(3, &m3, Some("2025-07-01")).unwrap();

    for month in 1..=12u32 {
        let date = format!("2025-{month:02}-05");
        let late = format!("2025-{month:02}-20");
        let dues = books.loan_dues(&date).unwrap();
        for m in 1..=6u32 {
            if m == 5 && month >= 8 {
                continue;
            }
            if m == 6 && month < 4 {
                continue;
            }
            let pledge = match m {
                1 => "500",
                2 => "200",
                3 if month >= 7 => "600",
                3 => "300",
                4 => "100",
                5 => "150",
                _ => "250",
            };
            // Member 2 pays on the 20th (late, a fine); the others on the 5th.
            let on = if m == 2 { &late } else { &date };
            let mut r = row(on, m, pledge);
            if m == 4 {
                r.deposit = "1000".into();
            }
            if m == 6 && month == 4 {
                r.date = "2025-04-10".into();
                r.fee = "20".into();
            }
            let id = books.member(m).unwrap().id;
            if let Some(due) = dues.get(&id) {
                // Member 3 skips the March instalment, then pays what is due (a defaulter).
                let skip = m == 3 && month == 3;
                if !skip && due.total.is_positive() {
                    let due_now = if m == 2 {
                        books.loan_dues(&late).unwrap()[&id].total
                    } else {
                        due.total
                    };
                    r.loan_payment = due_now.to_string();
                }
            }
            books.collect(&r).unwrap();
        }
        if month == 8 {
            books
                .member_exit(5, "2025-08-15", "resign", "cash")
                .unwrap();
        }
        if month == 6 {
            books.bank("deposit", "2025-06-30", "5000", "").unwrap();
            books.bank("interest", "2025-06-30", "12.34", "").unwrap();
        }
        if month == 9 {
            books
                .expense(&sajja_core::movement::ExpenseInput {
                    date: "2025-09-10".into(),
                    category: "meeting".into(),
                    amount: "30".into(),
                    memo: "ค่าประชุมใหญ่".into(),
                    ..Default::default()
                })
                .unwrap();
        }
        if month < 12 {
            books.close_month(&format!("2025-{month:02}")).unwrap();
        }
    }
    let _ = loans;
}

/// Member `n`'s line of a preview, as JSON.
fn share_of(p: &sajja_core::yearend::Preview, n: u32) -> serde_json::Value {
    let line = p.members.iter().find(|m| m.member == n).unwrap();
    serde_json::to_value(line).unwrap()
}

/// 500 baht of member 1's savings on 5 December 2568, then December closed: by `books` itself,
/// or by another program (the command line) on the same file.
fn deposit_and_close_december(b: &TempBooks, books: &mut Books, by_another_program: bool) {
    if by_another_program {
        let deposit = [
            "collect",
            "--date",
            "2025-12-05",
            "--member",
            "1",
            "--sajja",
            "500",
        ];
        b.json(TODAY, &deposit);
        b.json(TODAY, &["close-month", "2568-12"]);
    } else {
        books.collect(&row("2025-12-05", 1, "500")).unwrap();
        books.close_month("2025-12").unwrap();
    }
}

/// The approval posts the preview shown just before it only while the books stand as that
/// preview read them. After a write since, whether by this program or by another one on the
/// same file, the close reads the year again: a stale preview would still show December open
/// (and be refused) and would miss the December savings.
#[test]
fn the_close_reads_the_year_again_after_any_write_since_its_preview() {
    for by_another_program in [false, true] {
        let b = TempBooks::new();
        scripted_year(&b);
        let mut books = Books::open(&b.path).unwrap();
        let seen = books.yearend_preview("2568").unwrap();
        assert!(!seen.months_open.is_empty(), "December is still open");
        deposit_and_close_december(&b, &mut books, by_another_program);
        let closed = books
            .yearend_close("2568", "", "2026-01-15", "2", "")
            .unwrap_or_else(|e| panic!("close (another program: {by_another_program}): {e}"));
        let one = share_of(&closed, 1);
        assert_eq!(
            money(&one["savings_closing"]),
            (seen
                .members
                .iter()
                .find(|m| m.member == 1)
                .unwrap()
                .savings_closing
                + Money::parse("500").unwrap())
            .to_string(),
            "{one}"
        );
        // What was posted is what the books say now: the preview of the closed year.
        let after = Books::open(&b.path)
            .unwrap()
            .yearend_preview("2568")
            .unwrap();
        assert_eq!(share_of(&after, 1), one);
    }
}

/// The screen's approval posts exactly the figures its confirmation showed: after a write since
/// (by this program or by another one) it is refused and changes nothing, and with no preview
/// shown at all too; once the new figures are shown it posts them, even after an approval
/// refused for another reason.
#[test]
fn the_screens_approval_is_refused_when_the_books_changed_since_it_was_shown() {
    for by_another_program in [false, true] {
        let b = TempBooks::new();
        scripted_year(&b);
        let mut books = Books::open(&b.path).unwrap();
        books.yearend_preview("2568").unwrap();
        deposit_and_close_december(&b, &mut books, by_another_program);
        let before = b.dump();
        let approve =
            |books: &mut Books| books.yearend_close_as_shown("2568", "", "2026-01-15", "2");
        let err = approve(&mut books).unwrap_err();
        assert!(
            matches!(err, sajja_core::Error::ChangedSinceShown { year: 2568 }),
            "{err}"
        );
        assert!(err.to_string().contains("อนุมัติอีกครั้ง"), "{err}");
        let err = approve(&mut Books::open(&b.path).unwrap()).unwrap_err();
        assert_eq!(err.kind(), "changed_since_shown", "nothing shown: {err}");
        assert_eq!(b.dump(), before);

        let shown = books.yearend_preview("2568").unwrap();
        // A refused approval (no such approver) leaves the figures shown to the next one.
        let refused = books
            .yearend_close_as_shown("2568", "", "2026-01-15", "99")
            .unwrap_err();
        assert_eq!(refused.field(), Some("approved_by"), "{refused}");
        let closed = approve(&mut books).unwrap();
        assert_eq!(
            share_of(&closed, 1)["dividend"],
            share_of(&shown, 1)["dividend"]
        );
        assert_eq!(
            share_of(&closed, 1)["weight"],
            share_of(&shown, 1)["weight"]
        );
    }
}

/// What a year's close posted, for comparing two closes of the same books: the closing
/// entries' lines (memo, line, account, amount, member) and the year's register rows.
fn posted_close(path: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT e.memo, p.line, p.account, p.amount, p.member_id FROM posting p
         JOIN journal_entry e ON e.seq = p.entry_seq WHERE e.kind = 'year_close'
         ORDER BY e.seq, p.line",
        "SELECT * FROM year_member ORDER BY member_id",
        "SELECT * FROM year_pool ORDER BY heading",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let cols = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..cols)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

/// The close that posts the preview shown writes, line for line, what a close reading the year
/// itself writes on a copy of the same books.
#[test]
fn posting_the_preview_shown_writes_what_reading_the_year_again_writes() {
    let b = TempBooks::new();
    scripted_year(&b);
    b.json(TODAY, &["close-month", "2568-12"]);
    let copy = b.dir.path().join("copy.db");
    std::fs::copy(&b.path, &copy).unwrap();

    let mut shown = Books::open(&b.path).unwrap();
    shown.yearend_preview("2568").unwrap();
    shown
        .yearend_close_as_shown("2568", "", "2026-01-15", "2")
        .unwrap();
    drop(shown);
    Books::open(&copy)
        .unwrap()
        .yearend_close("2568", "", "2026-01-15", "2", "")
        .unwrap();

    let (a, c) = (posted_close(&b.path), posted_close(&copy));
    assert!(a.len() > 10, "{a:?}");
    assert_eq!(a, c);
}

/// With nothing written since, the approval posts exactly the preview shown (read once).
#[test]
fn the_close_posts_the_preview_shown_when_nothing_changed() {
    let b = TempBooks::new();
    scripted_year(&b);
    b.json(TODAY, &["close-month", "2568-12"]);
    let mut books = Books::open(&b.path).unwrap();
    let seen = books.yearend_preview("2568").unwrap();
    let closed = books
        .yearend_close("2568", "", "2026-01-15", "2", "")
        .unwrap();
    for n in 1..=6 {
        let (a, b) = (share_of(&seen, n), share_of(&closed, n));
        assert_eq!(a["dividend"], b["dividend"], "member {n}");
        assert_eq!(a["average_return"], b["average_return"], "member {n}");
        assert_eq!(a["weight"], b["weight"], "member {n}");
    }
    assert_eq!(
        serde_json::to_value(&seen.pools).unwrap(),
        serde_json::to_value(&closed.pools).unwrap()
    );
}

/// The balance of member `id`'s pledged savings at the end of `d`, summed naively.
fn savings_on(books: &Books, id: &str, d: NaiveDate) -> i64 {
    books
        .conn()
        .query_row(
            "SELECT -coalesce(sum(amount), 0) FROM posting WHERE account = '3100' AND member_id = ?1 AND date <= ?2",
            rusqlite::params![id, d],
            |r| r.get(0),
        )
        .unwrap()
}

fn month_end(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .unwrap()
        .pred_opt()
        .unwrap()
}

/// The formulas, computed the slow obvious way.
fn expected(
    books: &Books,
    method: &str,
    rounding: &str,
) -> (Vec<(u32, Decimal, Decimal)>, Decimal, Decimal) {
    let conn = books.conn();
    let net: i64 = conn
        .query_row(
            "SELECT -sum(p.amount) FROM posting p JOIN account a ON a.code = p.account
             JOIN journal_entry e ON e.seq = p.entry_seq
             WHERE a.fund = 'operating' AND a.kind IN ('income', 'expense')
               AND p.date BETWEEN '2025-01-01' AND '2025-12-31' AND e.kind <> 'year_close'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let net = Decimal::new(net, 2);
    let pct = |p: i64| {
        (net * Decimal::from(p) / Decimal::from(100))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    };
    let (div_pool, ar_pool) = (pct(60), pct(15));
    let mut weights = Vec::new();
    for m in 1..=6u32 {
        let id = books.member(m).unwrap().id;
        let w: i64 = match method {
            "x12" => (0..12)
                .map(|i| {
                    let d = if i == 0 {
                        day("2024-12-31")
                    } else {
                        month_end(2025, i)
                    };
                    savings_on(books, &id, d)
                })
                .sum(),
            "month-end" => (1..=12)
                .map(|i| savings_on(books, &id, month_end(2025, i)))
                .sum(),
            _ => {
                let mut d = day("2025-01-01");
                let mut w = 0;
                while d.year() == 2025 {
                    w += savings_on(books, &id, d);
                    d = d.succ_opt().unwrap();
                }
                w
            }
        };
        let interest: i64 = conn
            .query_row(
                "SELECT -coalesce(sum(amount), 0) FROM posting WHERE account = '4100' AND member_id = ?1
                 AND date BETWEEN '2025-01-01' AND '2025-12-31'",
                [&id],
                |r| r.get(0),
            )
            .unwrap();
        // Member 5 left during the year; member 3 defaulted (no average return).
        let w = if m == 5 { 0 } else { w };
        let i = if m == 5 || m == 3 { 0 } else { interest };
        weights.push((m, w, i));
    }
    let total_w: i64 = weights.iter().map(|x| x.1).sum();
    let total_i: i64 = weights.iter().map(|x| x.2).sum();
    let round = |x: Decimal| match rounding {
        "satang" => x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        _ => x.floor(),
    };
    let shares: Vec<(u32, Decimal, Decimal)> = weights
        .iter()
        .map(|(m, w, i)| {
            (
                *m,
                round(div_pool * Decimal::from(*w) / Decimal::from(total_w)),
                round(ar_pool * Decimal::from(*i) / Decimal::from(total_i)),
            )
        })
        .collect();
    (shares, div_pool, ar_pool)
}

fn dec(v: &serde_json::Value) -> Decimal {
    money(v).parse().unwrap()
}

#[test]
fn three_methods_and_two_roundings_match_the_formulas() {
    let base = TempBooks::new();
    scripted_year(&base);
    for method in ["x12", "month-end", "days"] {
        for rounding in ["satang", "baht"] {
            let b = TempBooks::new();
            std::fs::copy(&base.path, &b.path).unwrap();
            b.json(
                TODAY,
                &[
                    "settings",
                    "set",
                    "dividend_method",
                    method,
                    "--from",
                    "2025-12-31",
                ],
            );
            b.json(
                TODAY,
                &[
                    "settings",
                    "set",
                    "dividend_rounding",
                    rounding,
                    "--from",
                    "2025-12-31",
                ],
            );
            let p = b.json(TODAY, &["yearend", "preview", "--year", "2568"]);
            let books = Books::open(&b.path).unwrap();
            let (shares, div_pool, ar_pool) = expected(&books, method, rounding);
            assert_eq!(dec(&p["pools"]["dividend"]), div_pool);
            assert_eq!(dec(&p["pools"]["average_return"]), ar_pool);
            let members = p["members"].as_array().unwrap();
            let mut paid_d = Decimal::ZERO;
            let mut paid_a = Decimal::ZERO;
            for (m, d, a) in &shares {
                let line = members.iter().find(|x| x["member"] == *m).unwrap();
                assert_eq!(
                    dec(&line["dividend"]),
                    *d,
                    "{method}/{rounding} member {m} dividend"
                );
                assert_eq!(
                    dec(&line["average_return"]),
                    *a,
                    "{method}/{rounding} member {m} AR"
                );
                // Amounts are strings with two decimals.
                assert!(money(&line["dividend"]).split('.').nth(1).unwrap().len() == 2);
                paid_d += d;
                paid_a += a;
            }
            assert!(d_is_positive(&shares), "the scripted year shares something");
            assert_eq!(
                dec(&p["residual"]),
                (div_pool - paid_d) + (ar_pool - paid_a),
                "{method}/{rounding}: what rounding leaves goes to the reserve"
            );
            let m3 = members.iter().find(|x| x["member"] == 3).unwrap();
            assert_eq!(m3["eligible_average_return"], false);
            assert_eq!(m3["eligible_dividend"], true);
            let m5 = members.iter().find(|x| x["member"] == 5).unwrap();
            assert_eq!(m5["eligible_dividend"], false);
            assert_eq!(money(&m5["dividend"]), "0.00");
            if rounding == "baht" {
                for (_, d, a) in &shares {
                    assert_eq!(d.fract(), Decimal::ZERO);
                    assert_eq!(a.fract(), Decimal::ZERO);
                }
            }
            // The pools sum exactly to the net profit.
            let pools: Decimal = p["pools"].as_object().unwrap().values().map(dec).sum();
            assert_eq!(pools, dec(&p["net_profit"]));
        }
    }
}

fn d_is_positive(shares: &[(u32, Decimal, Decimal)]) -> bool {
    shares
        .iter()
        .any(|(_, d, _)| d.is_sign_positive() && !d.is_zero())
        && shares.iter().any(|(_, _, a)| !a.is_zero())
}

/// Sum of the postings on income and expense accounts dated inside 2568, closing included.
fn income_expense_left(b: &TempBooks) -> i64 {
    let books = Books::open(&b.path).unwrap();
    books
        .conn()
        .query_row(
            "SELECT coalesce(sum(p.amount), 0) FROM posting p JOIN account a ON a.code = p.account
             WHERE a.kind IN ('income', 'expense') AND p.date BETWEEN '2025-01-01' AND '2025-12-31'
             GROUP BY NULL",
            [],
            |r| r.get(0),
        )
        .unwrap_or(0)
}

#[test]
fn close_and_pay_through_the_command_line() {
    let b = TempBooks::new();
    scripted_year(&b);

    // Refused: December still open; nothing changes.
    let before = b.dump();
    let msg = b.refused(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting-date",
            "2026-01-15",
            "--approved-by",
            "2",
        ],
    );
    assert!(msg.contains("ยังไม่ได้ปิดเดือน"), "{msg}");
    assert_eq!(b.dump(), before);
    b.json(TODAY, &["close-month", "2568-12"]);

    // Refused: percentages that do not sum to 100.
    b.json(
        TODAY,
        &[
            "settings",
            "set",
            "allocation_welfare",
            "6",
            "--from",
            "2026-01-01",
        ],
    );
    let before = b.dump();
    // Settings are read on the year's last day: a change after it does not count.
    let p = b.json(TODAY, &["yearend", "preview", "--year", "2568"]);
    assert_eq!(p["percent_total"], "100");
    assert_eq!(b.dump(), before);

    // Statements of the open year, each with the previous year beside it.
    for report in [
        "trial-balance",
        "income-statement",
        "balance-sheet",
        "receipts-payments",
    ] {
        let r = b.json(TODAY, &["report", report, "--year", "2568"]);
        assert_eq!(r["year"], 2568, "{report}");
        assert_eq!(r["previous_to"], "2024-12-31", "{report}");
        let r = b.json(
            TODAY,
            &["report", report, "--year", "2568", "--as-at", "30/6/2568"],
        );
        assert_eq!(r["to"], "2025-06-30", "{report}");
        assert_eq!(r["previous_to"], "2024-06-30", "{report}");
    }
    let tb = b.json(TODAY, &["report", "trial-balance", "--year", "2568"]);
    assert_eq!(tb["balanced"], true);
    assert_eq!(tb["total_debit"], tb["total_credit"]);
    let is = b.json(TODAY, &["report", "income-statement", "--year", "2568"]);
    // Fees and the meeting cost are the expense fund's, not profit.
    assert_eq!(money(&is["expense_fund"]["income_total"]), "20.00");
    assert_eq!(money(&is["expense_fund"]["expenses_total"]), "30.00");
    assert!(is["operating"]["income"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["fund"] == "operating"));

    // The preview, prepared by member 4 (recorded); member 4 may then not approve.
    let p = b.json(
        TODAY,
        &["yearend", "preview", "--year", "2568", "--prepared-by", "4"],
    );
    assert_eq!(p["prepared_by"], "4");
    assert_eq!(p["net_profit"], is["net_profit"]);
    for key in ["net_profit", "residual"] {
        assert!(p[key].is_string(), "{key}");
    }
    for heading in [
        "dividend",
        "average_return",
        "reserve",
        "committee",
        "welfare",
        "public_benefit",
        "expense_fund",
        "other",
    ] {
        assert!(p["pools"][heading].is_string(), "{heading}");
    }
    for m in p["members"].as_array().unwrap() {
        for f in ["weight", "dividend", "average_return"] {
            assert!(m[f].is_string(), "{f}");
        }
        assert!(m["member"].is_u64());
        assert!(m["eligible_dividend"].is_boolean() && m["eligible_average_return"].is_boolean());
    }
    let before = b.dump();
    let msg = b.refused(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting-date",
            "2026-01-15",
            "--approved-by",
            "4",
        ],
    );
    assert!(msg.contains("ผู้จัดทำ"), "{msg}");
    assert_eq!(b.dump(), before);

    // Refused: percentages not summing to 100 in force on the year's last day (a fresh copy
    // whose December is still open, so the rule can be set for it).
    {
        let c = TempBooks::new();
        scripted_year(&c);
        c.json(
            TODAY,
            &[
                "settings",
                "set",
                "allocation_welfare",
                "6",
                "--from",
                "2025-12-31",
            ],
        );
        c.json(TODAY, &["close-month", "2568-12"]);
        let before = c.dump();
        let msg = c.refused(
            TODAY,
            &[
                "yearend",
                "close",
                "--year",
                "2568",
                "--meeting-date",
                "2026-01-15",
                "--approved-by",
                "2",
            ],
        );
        assert!(msg.contains("100"), "{msg}");
        assert_eq!(c.dump(), before);
    }

    // Close, approved by member 2 at the meeting of 15 Jan 2569.
    let closed = b.json(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting-date",
            "15/1/2569",
            "--approved-by",
            "2",
        ],
    );
    assert_eq!(closed["closed"]["approved_by"], 2);
    assert_eq!(closed["closed"]["prepared_by"], "4");
    assert_eq!(closed["pools"], p["pools"]);
    assert_eq!(closed["members"], p["members"]);

    // Re-running close is refused and changes nothing.
    let before = b.dump();
    let msg = b.refused(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting-date",
            "2026-01-15",
            "--approved-by",
            "1",
        ],
    );
    assert!(msg.contains("ปิดไปแล้ว"), "{msg}");
    assert_eq!(b.dump(), before);

    // Nothing can be posted into the closed year.
    let msg = b.refused(
        TODAY,
        &[
            "expense",
            "--date",
            "2025-12-31",
            "--category",
            "meeting",
            "--amount",
            "10",
            "--memo",
            "ทดลอง",
        ],
    );
    assert!(msg.contains("ปิด"), "{msg}");
    assert_eq!(b.dump(), before);

    // Income and expense of the closed year are zero; each pool equals what was posted.
    assert_eq!(income_expense_left(&b), 0);
    let books = Books::open(&b.path).unwrap();
    let credited = |code: &str| -> Decimal {
        let s: i64 = books
            .conn()
            .query_row(
                "SELECT -coalesce(sum(p.amount), 0) FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
                 WHERE e.kind = 'year_close' AND p.account = ?1",
                [code],
                |r| r.get(0),
            )
            .unwrap();
        Decimal::new(s, 2)
    };
    let pools = &p["pools"];
    assert_eq!(
        credited("2300") + dec(&p["dividend_residual"]),
        dec(&pools["dividend"])
    );
    assert_eq!(
        credited("2310") + dec(&p["average_return_residual"]),
        dec(&pools["average_return"])
    );
    assert_eq!(
        credited("3200"),
        dec(&pools["reserve"]) + dec(&p["residual"])
    );
    assert_eq!(credited("2320"), dec(&pools["committee"]));
    assert_eq!(credited("3210"), dec(&pools["welfare"]));
    assert_eq!(credited("3220"), dec(&pools["public_benefit"]));
    assert_eq!(credited("3230"), dec(&pools["other"]));
    // The expense fund receives its pool on top of its own fees less costs.
    assert_eq!(
        credited("3300"),
        dec(&pools["expense_fund"]) + Decimal::new(20 - 30, 0)
    );
    drop(books);

    // The closed year's income statement still shows what it earned.
    let is_after = b.json(TODAY, &["report", "income-statement", "--year", "2568"]);
    assert_eq!(is_after["net_profit"], is["net_profit"]);

    // Payout: member 1 into savings, then everyone else in cash.
    let one = b.json(
        TODAY,
        &[
            "yearend",
            "pay",
            "--year",
            "2568",
            "--member",
            "1",
            "--to",
            "savings",
            "--date",
            "2026-01-16",
        ],
    );
    assert_eq!(one["members"].as_array().unwrap().len(), 1);
    let msg = b.refused(
        TODAY,
        &[
            "yearend",
            "pay",
            "--year",
            "2568",
            "--member",
            "1",
            "--to",
            "cash",
            "--date",
            "2026-01-16",
        ],
    );
    assert!(msg.contains("ครบแล้ว"), "{msg}");
    let all = b.json(
        TODAY,
        &[
            "yearend",
            "pay",
            "--year",
            "2568",
            "--all",
            "--to",
            "cash",
            "--date",
            "2026-01-16",
        ],
    );
    let paid = dec(&one["total"]) + dec(&all["total"]);
    assert_eq!(
        paid + dec(&p["residual"]),
        dec(&pools["dividend"]) + dec(&pools["average_return"]),
        "paid + residual = the two pools"
    );
    let after = b.json(TODAY, &["yearend", "preview", "--year", "2568"]);
    assert!(after["members"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| money(&m["unpaid"]) == "0.00"));

    // Afterwards: verify passes, the balance sheet balances (now and at the year's end).
    b.json(TODAY, &["verify"]);
    let bs = b.json(TODAY, &["report", "balance-sheet", "--year", "2568"]);
    assert_eq!(bs["balanced"], true);
    let bs = b.json(
        TODAY,
        &[
            "report",
            "balance-sheet",
            "--year",
            "2569",
            "--as-at",
            "2026-01-16",
        ],
    );
    assert_eq!(bs["balanced"], true);
    assert_eq!(
        money(
            &bs["liabilities"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["code"] == "2300")
                .map_or(serde_json::json!("0.00"), |l| l["amount"].clone())
        ),
        "0.00"
    );
}

#[test]
fn a_loss_allocates_nothing_and_is_carried_forward() {
    let b = TempBooks::new();
    b.json(
        "2025-01-02",
        &["init", "--name", "กลุ่มขาดทุน", "--founded", "1/1/2568"],
    );
    b.json(
        "2025-01-02",
        &[
            "member",
            "add",
            "--name",
            "นายหนึ่ง ใจดี",
            "--joined",
            "1/1/2568",
            "--shares",
            "2",
        ],
    );
    b.json(
        "2025-01-02",
        &[
            "member",
            "add",
            "--name",
            "นางสอง ศรีสุข",
            "--joined",
            "1/1/2568",
            "--shares",
            "2",
        ],
    );
    b.json(
        "2025-01-05",
        &[
            "collect",
            "--date",
            "2025-01-05",
            "--member",
            "1",
            "--sajja",
            "100",
            "--fee",
            "20",
        ],
    );
    // A cash shortage is an operating-capital loss.
    b.json(
        "2025-01-06",
        &["cash-count", "--date", "2025-01-06", "--counted", "100"],
    );
    for m in 1..=12 {
        b.json(TODAY, &["close-month", &format!("2568-{m:02}")]);
    }
    let p = b.json(TODAY, &["yearend", "preview", "--year", "2568"]);
    assert_eq!(money(&p["net_profit"]), "-20.00");
    assert_eq!(money(&p["loss_carried_forward"]), "20.00");
    assert!(p["pools"]
        .as_object()
        .unwrap()
        .values()
        .all(|v| money(v) == "0.00"));
    b.json(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting-date",
            "2026-01-10",
            "--approved-by",
            "2",
        ],
    );
    let bs = b.json(TODAY, &["report", "balance-sheet", "--year", "2568"]);
    assert_eq!(bs["balanced"], true);
    let retained = bs["operating_capital"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "3900")
        .expect("the loss is carried forward");
    assert_eq!(money(&retained["amount"]), "-20.00");
    assert_eq!(income_expense_left(&b), 0);
    b.json(TODAY, &["verify"]);
    let msg = b.refused(
        TODAY,
        &[
            "yearend",
            "pay",
            "--year",
            "2568",
            "--all",
            "--to",
            "cash",
            "--date",
            "2026-01-11",
        ],
    );
    assert!(msg.contains("ไม่มี"), "{msg}");
    let _ = Money::ZERO;
    let _ = dump;
}

fn satang(v: &serde_json::Value) -> i64 {
    let d: Decimal = money(v).parse().unwrap();
    (d * Decimal::from(100)).try_into().unwrap()
}

/// Every page of the general ledger runs from its balance brought forward, line by line, to its
/// balance carried forward; before the close each page ends on its trial-balance figure, after
/// the close the operating capital's income and expense pages end where they began (the year's
/// movement closed to zero) through the closing lines.
#[test]
fn the_general_ledger_runs_every_account_to_its_trial_balance_figure() {
    let b = TempBooks::new();
    scripted_year(&b);
    b.json(TODAY, &["close-month", "2568-12"]);

    let check_pages = |gl: &serde_json::Value| {
        for a in gl["accounts"].as_array().unwrap() {
            let mut balance = satang(&a["opening"]);
            let (mut dr, mut cr) = (0, 0);
            for l in a["lines"].as_array().unwrap() {
                let (d, c) = (satang(&l["debit"]), satang(&l["credit"]));
                assert!(d >= 0 && c >= 0 && d + c > 0, "{l}");
                balance += d - c;
                dr += d;
                cr += c;
                assert_eq!(satang(&l["balance"]), balance, "running balance {l}");
            }
            assert_eq!(satang(&a["total_debit"]), dr, "{}", a["code"]);
            assert_eq!(satang(&a["total_credit"]), cr, "{}", a["code"]);
            assert_eq!(satang(&a["closing"]), balance, "{}", a["code"]);
        }
    };
    let page = |gl: &serde_json::Value, code: &str| {
        gl["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["code"] == code)
            .cloned()
    };

    let gl = b.json(TODAY, &["report", "general-ledger", "--year", "2568"]);
    check_pages(&gl);
    let tb = b.json(TODAY, &["report", "trial-balance", "--year", "2568"]);
    let rows = tb["rows"].as_array().unwrap();
    assert!(rows.len() > 5, "a year with money in many accounts");
    for r in rows.iter().filter(|r| r["code"] != "") {
        let code = r["code"].as_str().unwrap();
        let a = page(&gl, code).unwrap_or_else(|| panic!("no ledger page for {code}"));
        // The trial balance shows income and expense of the year alone (earlier years' not yet
        // closed stand on a line of their own); every other account as it stands.
        let year_only = r["kind"] == "income" || r["kind"] == "expense";
        let ledger = satang(&a["closing"]) - if year_only { satang(&a["opening"]) } else { 0 };
        assert_eq!(
            ledger,
            satang(&r["debit"]) - satang(&r["credit"]),
            "account {code}: {a}"
        );
    }
    // Every ledger page with a figure for the year is on the trial balance too.
    for a in gl["accounts"].as_array().unwrap() {
        let year_only = a["kind"] == "income" || a["kind"] == "expense";
        let figure = satang(&a["closing"]) - if year_only { satang(&a["opening"]) } else { 0 };
        assert!(
            figure == 0 || rows.iter().any(|r| r["code"] == a["code"]),
            "{} has a figure but is not on the trial balance",
            a["code"]
        );
    }

    // One account through a date; an account not in the chart is refused in Thai.
    let cash = b.json(
        TODAY,
        &[
            "report",
            "general-ledger",
            "--year",
            "2568",
            "--as-at",
            "30/6/2568",
            "--account",
            "1100",
        ],
    );
    assert_eq!(cash["accounts"].as_array().unwrap().len(), 1);
    check_pages(&cash);
    assert!(cash["accounts"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["date"].as_str().unwrap() <= "2025-06-30"));
    let msg = b.refused(
        TODAY,
        &[
            "report",
            "general-ledger",
            "--year",
            "2568",
            "--account",
            "9999",
        ],
    );
    assert!(msg.contains("ไม่มีบัญชีรหัส 9999"), "{msg}");

    // After the close: income and expense pages end at zero, through the closing entries.
    b.json(
        TODAY,
        &["yearend", "preview", "--year", "2568", "--prepared-by", "4"],
    );
    b.json(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting-date",
            "2026-01-15",
            "--approved-by",
            "2",
        ],
    );
    let gl = b.json(TODAY, &["report", "general-ledger", "--year", "2568"]);
    check_pages(&gl);
    for a in gl["accounts"].as_array().unwrap() {
        // The expense fund's fees and costs are not profit: they stay in the fund.
        if (a["kind"] == "income" || a["kind"] == "expense") && a["fund"] == "operating" {
            // What earlier years left unclosed is brought forward; the year's own movement
            // is closed to zero.
            assert_eq!(
                satang(&a["closing"]),
                satang(&a["opening"]),
                "{}",
                a["code"]
            );
            let closing_lines = a["lines"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["kind"] == "year_close")
                .count();
            assert!(closing_lines > 0, "{} closed by a closing line", a["code"]);
        }
    }
}

/// Income and expenses brought in from the paper books on a cut-over inside the year (kind
/// `opening`, against 3950) are the books as they stood, not the year's own: the income
/// statement and the year-end's net profit leave them out, the trial balance still shows the
/// accounts as they are, and the close carries them to retained profit (กำไรสะสม), not into
/// the allocation.
#[test]
fn balances_brought_in_are_not_the_years_income() {
    let b = TempBooks::new();
    let cutover_day = "2025-07-01";
    b.json(
        cutover_day,
        &["init", "--name", "กลุ่มยกยอดกลางปี", "--founded", "1/1/2563"],
    );
    for name in ["นายหนึ่ง ใจดี", "นางสอง ศรีสุข"] {
        b.json(
            cutover_day,
            &[
                "member", "add", "--name", name, "--joined", "1/7/2568", "--shares", "2",
            ],
        );
    }
    // The paper books on 1 July 2568: cash, half a year of interest and bank interest, a
    // bad debt, and the surplus of earlier years that makes them balance.
    let file = b.dir.path().join("funds.csv");
    std::fs::write(
        &file,
        "account,amount\n1100,10000\n4100,1500\n4400,50\n5800,200\n3900,8650\n",
    )
    .unwrap();
    let funds = b.json(
        cutover_day,
        &[
            "import",
            "funds",
            "--file",
            file.to_str().unwrap(),
            "--date",
            "1/7/2568",
        ],
    );
    assert_eq!(funds["committed"], true, "{funds}");
    // The year's own result: 30 baht found over at a cash count.
    b.json(
        "2025-07-10",
        &["cash-count", "--date", "2025-07-10", "--counted", "10030"],
    );

    let tb = b.json(TODAY, &["report", "trial-balance", "--year", "2568"]);
    assert_eq!(tb["balanced"], true);
    let row = |code: &str| {
        tb["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} in the trial balance"))
    };
    assert_eq!(
        money(&row("4100")["credit"]),
        "1500.00",
        "the account as it is"
    );
    let is = b.json(TODAY, &["report", "income-statement", "--year", "2568"]);
    assert_eq!(money(&is["net_profit"]), "30.00", "{is}");
    assert_eq!(money(&is["operating"]["income_total"]), "30.00");
    assert_eq!(money(&is["operating"]["expenses_total"]), "0.00");
    let lines = |key: &str| is["operating"][key].as_array().unwrap().clone();
    assert!(lines("income")
        .iter()
        .chain(lines("expenses").iter())
        .all(|l| !["4100", "4400", "5800"].contains(&l["code"].as_str().unwrap())));
    let bs = b.json(TODAY, &["report", "balance-sheet", "--year", "2568"]);
    assert_eq!(bs["balanced"], true);

    for m in 7..=12 {
        b.json(TODAY, &["close-month", &format!("2568-{m:02}")]);
    }
    let p = b.json(TODAY, &["yearend", "preview", "--year", "2568"]);
    assert_eq!(money(&p["net_profit"]), "30.00");
    assert_eq!(p["net_profit"], is["net_profit"]);
    let pools: Decimal = p["pools"].as_object().unwrap().values().map(dec).sum();
    assert_eq!(
        pools,
        Decimal::new(30, 0),
        "only the year's own profit is allocated"
    );
    b.json(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting-date",
            "2026-01-10",
            "--approved-by",
            "2",
        ],
    );
    assert_eq!(
        income_expense_left(&b),
        0,
        "every income and expense closed"
    );
    let bs = b.json(TODAY, &["report", "balance-sheet", "--year", "2568"]);
    assert_eq!(bs["balanced"], true);
    let retained = bs["operating_capital"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "3900")
        .expect("retained profit");
    // 8,650 of earlier years + 1,500 + 50 − 200 brought in for the months before the cut-over.
    assert_eq!(money(&retained["amount"]), "10000.00");
    let is_after = b.json(TODAY, &["report", "income-statement", "--year", "2568"]);
    assert_eq!(is_after["net_profit"], is["net_profit"]);
    let verify = b.json(TODAY, &["verify"]);
    assert_eq!(verify["ok"], true, "{verify}");
}

/// A sheet of an exported workbook, every row as text cells (numbers as satang-exact text).
fn sheet(path: &std::path::Path, name: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).expect("the export opens");
    assert!(
        book.sheet_names().iter().any(|n| n == name),
        "{name} in {:?}",
        book.sheet_names()
    );
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

fn cell_satang(d: &calamine::Data) -> i64 {
    match d {
        calamine::Data::Float(f) => (f * 100.0).round() as i64,
        calamine::Data::Int(i) => i * 100,
        other => panic!("not a number: {other:?}"),
    }
}

/// The row whose column `col` reads `text`.
fn row_with<'a>(rows: &'a [Vec<calamine::Data>], col: usize, text: &str) -> &'a [calamine::Data] {
    rows.iter()
        .find(|r| r.get(col).is_some_and(|c| *c == text))
        .unwrap_or_else(|| panic!("a row with {text}"))
}

/// `sajja export yearend` and `sajja export loan-cards`: read back with calamine, every
/// figure is the one the reports' JSON gives, the Thai text intact.
#[test]
fn the_years_workbook_and_the_loan_cards_read_back_as_the_reports_say() {
    let b = TempBooks::new();
    scripted_year(&b);
    b.json(TODAY, &["close-month", "2568-12"]);
    let file = b.dir.path().join("สิ้นปี 2568.xlsx");
    let w = b.json(
        TODAY,
        &[
            "export",
            "yearend",
            "--year",
            "2568",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(w["report"], "yearend");

    let is = b.json(TODAY, &["report", "income-statement", "--year", "2568"]);
    let rows = sheet(&file, "งบรายได้-ค่าใช้จ่าย");
    assert_eq!(rows[0][0].to_string(), "งบรายได้-ค่าใช้จ่าย ปีบัญชี 2568");
    for l in is["operating"]["income"]
        .as_array()
        .unwrap()
        .iter()
        .chain(is["operating"]["expenses"].as_array().unwrap())
    {
        let r = row_with(&rows, 0, l["code"].as_str().unwrap());
        assert_eq!(r[1].to_string(), l["name"].as_str().unwrap());
        assert_eq!(cell_satang(&r[2]), satang(&l["amount"]));
        assert_eq!(cell_satang(&r[3]), satang(&l["previous"]));
    }
    let net = row_with(&rows, 1, "กำไร(ขาดทุน)สุทธิ");
    assert_eq!(cell_satang(&net[2]), satang(&is["net_profit"]));
    assert_eq!(cell_satang(&net[3]), satang(&is["previous_net_profit"]));
    assert_eq!(
        cell_satang(&row_with(&rows, 1, "รวมรายได้")[2]),
        satang(&is["operating"]["income_total"])
    );

    let tb = b.json(TODAY, &["report", "trial-balance", "--year", "2568"]);
    let rows = sheet(&file, "งบทดลอง");
    let total = row_with(&rows, 1, "รวม");
    assert_eq!(cell_satang(&total[2]), satang(&tb["total_debit"]));
    assert_eq!(cell_satang(&total[3]), satang(&tb["total_credit"]));

    let bs = b.json(TODAY, &["report", "balance-sheet", "--year", "2568"]);
    let rows = sheet(&file, "งบแสดงฐานะการเงิน");
    assert_eq!(
        cell_satang(&row_with(&rows, 1, "รวมสินทรัพย์")[2]),
        satang(&bs["total_assets"])
    );
    assert_eq!(
        cell_satang(&row_with(&rows, 1, "รวมหนี้สินและทุน")[2]),
        satang(&bs["total_liabilities_and_funds"])
    );

    let rp = b.json(TODAY, &["report", "receipts-payments", "--year", "2568"]);
    let rows = sheet(&file, "งบรับ-จ่าย");
    assert_eq!(
        cell_satang(&row_with(&rows, 1, "รวมรายรับ")[2]),
        satang(&rp["receipts_total"])
    );
    assert_eq!(
        cell_satang(&row_with(&rows, 1, "เงินสดและเงินฝากธนาคารคงเหลือ")[2]),
        satang(&rp["closing"])
    );

    let p = b.json(TODAY, &["yearend", "preview", "--year", "2568"]);
    let rows = sheet(&file, "จัดสรรกำไร");
    for a in p["allocation"].as_array().unwrap() {
        let r = row_with(&rows, 0, a["label"].as_str().unwrap());
        assert_eq!(cell_satang(&r[2]), satang(&a["amount"]));
    }
    assert_eq!(
        cell_satang(&row_with(&rows, 0, "รวม")[2]),
        satang(&p["net_profit"])
    );
    let rows = sheet(&file, "ทะเบียนปันผล-เฉลี่ยคืน");
    let members = p["members"].as_array().unwrap();
    let data = &rows[4..4 + members.len()];
    for (r, m) in data.iter().zip(members) {
        assert_eq!(r[0].to_string(), m["member"].to_string());
        assert_eq!(
            r[1].to_string(),
            m["name"].as_str().unwrap(),
            "Thai text intact"
        );
        assert_eq!(cell_satang(&r[4]), satang(&m["weight"]));
        assert_eq!(cell_satang(&r[5]), satang(&m["dividend"]));
        assert_eq!(cell_satang(&r[6]), satang(&m["interest_paid"]));
        assert_eq!(cell_satang(&r[7]), satang(&m["average_return"]));
        assert_eq!(r[9].to_string(), m["excluded"].as_str().unwrap());
    }
    let total = &rows[4 + members.len()];
    assert_eq!(total[1].to_string(), "รวม");
    assert_eq!(cell_satang(&total[5]), satang(&p["dividend_paid_out"]));
    assert_eq!(
        cell_satang(&total[7]),
        satang(&p["average_return_paid_out"])
    );

    // Every loan's card.
    let file = b.dir.path().join("บัตรเงินกู้.xlsx");
    let w = b.json(
        TODAY,
        &["export", "loan-cards", "--out", file.to_str().unwrap()],
    );
    let list = b.json(TODAY, &["loan", "list"]);
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    assert_eq!(w["rows"], list.len());
    let contracts = sheet(&file, "สัญญาเงินกู้");
    let moves = sheet(&file, "รายการในบัตรเงินกู้");
    let mut interest = 0;
    for l in list {
        let number = l["loan"].as_str().unwrap();
        let card = b.json(TODAY, &["loan", "show", "--loan", number]);
        let r = row_with(&contracts, 0, number);
        assert_eq!(r[2].to_string(), card["name"].as_str().unwrap());
        assert_eq!(cell_satang(&r[5]), satang(&card["amount"]));
        assert_eq!(cell_satang(&r[14]), satang(&card["balance"]));
        let card_interest: i64 = card["movements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| satang(&m["interest"]))
            .sum();
        assert_eq!(cell_satang(&r[12]), card_interest);
        interest += card_interest;
        let mine: Vec<&Vec<calamine::Data>> =
            moves.iter().skip(4).filter(|m| m[0] == number).collect();
        let movements = card["movements"].as_array().unwrap();
        assert_eq!(mine.len(), movements.len(), "{number}");
        for (row, m) in mine.iter().zip(movements) {
            assert_eq!(cell_satang(&row[6]), satang(&m["principal"]));
            assert_eq!(cell_satang(&row[7]), satang(&m["interest"]));
            assert_eq!(cell_satang(&row[10]), satang(&m["balance_after"]));
            assert_eq!(row[5].to_string(), m["memo"].as_str().unwrap());
        }
    }
    let last = moves.last().unwrap();
    assert_eq!(cell_satang(&last[7]), interest, "the interest total");
}
