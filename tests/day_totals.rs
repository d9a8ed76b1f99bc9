//! The collection day's totals (`collection::day_totals`, one pass over the day's entries)
//! against an independent computation: the scans of the day, one per figure, that it replaced.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use sajja_core::account::{
    CASH, DEPOSITS, ENTRANCE_FEES, FINES, FINES_RECEIVABLE, GOODS_RECEIVABLE, OTHER_INCOME, SAJJA,
};
use sajja_core::collection::{CollectionInput, DayTotals, DueRow};
use sajja_core::thai::YearMonth;
use sajja_core::{Money, Result};

/// The day's totals as they were computed before: a scan of the day for each figure. An
/// independent computation to check the one-pass `collection::day_totals` against.
fn day_totals_figure_by_figure(conn: &Connection, date: NaiveDate) -> Result<DayTotals> {
    // Receipts of the day and reversals of receipts posted that day, so a reversed receipt
    // leaves the day's totals.
    let flow = |account: &str| -> Result<Money> {
        let s: i64 = conn.query_row(
            "SELECT coalesce(-sum(p.amount), 0) FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
             WHERE p.date = ?1 AND p.account = ?2
               AND (e.receipt IS NOT NULL OR EXISTS (SELECT 1 FROM journal_entry o WHERE o.id = e.reverses AND o.receipt IS NOT NULL))",
            params![date, account],
            |r| r.get(0),
        )?;
        Ok(Money::from_satang(s))
    };
    let deposits_net = flow(DEPOSITS)?;
    let withdrawals: i64 = conn.query_row(
        "SELECT coalesce(sum(p.amount) FILTER (WHERE e.receipt IS NOT NULL AND p.amount > 0), 0)
              + coalesce(sum(p.amount) FILTER (WHERE e.receipt IS NULL AND p.amount < 0), 0)
         FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
         WHERE p.date = ?1 AND p.account = ?2
           AND (e.receipt IS NOT NULL OR EXISTS (SELECT 1 FROM journal_entry o WHERE o.id = e.reverses AND o.receipt IS NOT NULL))",
        params![date, DEPOSITS],
        |r| r.get(0),
    )?;
    let withdrawals = Money::from_satang(withdrawals);
    let (receipt_count, reversed_count): (u32, u32) = conn.query_row(
        "SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id))
         FROM journal_entry e WHERE e.date = ?1 AND e.receipt IS NOT NULL",
        params![date],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (cash_in, cash_out): (i64, i64) = conn.query_row(
        "SELECT coalesce(sum(p.amount) FILTER (WHERE p.amount > 0), 0), coalesce(-sum(p.amount) FILTER (WHERE p.amount < 0), 0)
         FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
         WHERE p.date = ?1 AND p.account = ?2
           AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id AND r.date = e.date)
           AND NOT EXISTS (SELECT 1 FROM journal_entry o WHERE o.id = e.reverses AND o.date = e.date)",
        params![date, CASH],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let voided_cash: i64 = conn.query_row(
        "SELECT coalesce(sum(p.amount), 0) FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
         WHERE e.date = ?1 AND e.receipt IS NOT NULL AND p.account = ?2
           AND EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id)",
        params![date, CASH],
        |r| r.get(0),
    )?;
    Ok(DayTotals {
        date,
        sajja: flow(SAJJA)?,
        deposits: deposits_net + withdrawals,
        withdrawals,
        fees: flow(ENTRANCE_FEES)?,
        fines: flow(FINES_RECEIVABLE)?,
        other: flow(OTHER_INCOME)?,
        loan_payments: flow(sajja_core::account::LOANS)?
            + flow(sajja_core::account::LOAN_INTEREST)?
            + flow(FINES)?,
        goods: flow(GOODS_RECEIVABLE)?,
        cash_in: Money::from_satang(cash_in),
        cash_out: Money::from_satang(cash_out),
        cash_expected: sajja_core::ledger::account_balance(conn, CASH, Some(date))?,
        receipt_count,
        reversed_count,
        voided_cash: Money::from_satang(voided_cash),
    })
}

/// The day's totals in one pass equal the figure-by-figure scans on every day of a
/// demo group's books and on a day with every kind of line: receipts, a withdrawal paid
/// out, a receipt voided the same day, one voided the next day, a cash count's difference.
#[test]
fn the_days_totals_in_one_pass_equal_the_figure_by_figure_scans() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("books.db");
    sajja_core::demo::create(
        &path,
        &sajja_core::demo::DemoOptions {
            members: 40,
            months: 3,
            last_month: YearMonth::new(2026, 11).unwrap(),
            ..Default::default()
        },
    )
    .unwrap();
    let mut books = sajja_core::Books::open(&path).unwrap();
    let day = "2/12/2569";
    let owing: Vec<DueRow> = books
        .due(day, None)
        .unwrap()
        .members
        .into_iter()
        .filter(|d| !d.total.is_zero())
        .take(6)
        .collect();
    let mut receipts = Vec::new();
    for (i, d) in owing.iter().enumerate() {
        let row = CollectionInput {
            date: day.into(),
            member: d.member.to_string(),
            sajja: d.sajja.to_string(),
            fine: d.fines.to_string(),
            loan_payment: d.loan.to_string(),
            deposit: if i == 1 { "500".into() } else { String::new() },
            ..Default::default()
        };
        receipts.push(books.collect(&row).unwrap().receipt);
    }
    books
        .collect(&CollectionInput {
            date: day.into(),
            member: owing[1].member.to_string(),
            withdraw: "200".into(),
            ..Default::default()
        })
        .unwrap();
    books.reverse(&receipts[2], "พิมพ์ผิดแถว", day).unwrap();
    let expected = books.collection_day(day).unwrap().totals.cash_expected;
    let short = (expected - Money::from_baht(10)).to_string();
    books.count_cash(day, &short, "เงินขาดบัญชี").unwrap();
    books.reverse(&receipts[3], "รับซ้ำ", "3/12/2569").unwrap();
    let conn = books.conn();
    let mut stmt = conn
        .prepare("SELECT DISTINCT date FROM journal_entry ORDER BY date")
        .unwrap();
    let dates: Vec<NaiveDate> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(dates.len() > 5, "{dates:?}");
    for date in dates {
        let one_pass = sajja_core::collection::day_totals(conn, date).unwrap();
        let by_figure = day_totals_figure_by_figure(conn, date).unwrap();
        assert_eq!(
            serde_json::to_value(&one_pass).unwrap(),
            serde_json::to_value(&by_figure).unwrap(),
            "{date}"
        );
    }
    let busy =
        sajja_core::collection::day_totals(conn, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap())
            .unwrap();
    assert_eq!(busy.reversed_count, 2);
    assert!(busy.withdrawals.is_positive() && busy.voided_cash.is_positive());
}
