//! A collection day posted row by row as the collection screen posts it (release build): each
//! row one `Books::collect_on_sheet` round trip — the receipt, the member's fresh due row, the
//! day's totals and the receipts after the last one shown. Prints the mean time per row over
//! the first and the last 50 rows, so a day that slows as it grows shows (never asserted):
//!
//! ```text
//! cargo bench --bench day                          # 1,050 members, 1,000 rows
//! SAJJA_BENCH_MEMBERS=5000 SAJJA_BENCH_ROWS=3000 cargo bench --bench day
//! ```

#[allow(dead_code)] // this bench times rows, not through `common::report`
mod common;

use std::time::{Duration, Instant};

use common::{env_u32, ms};
use sajja_core::collection::CollectionInput;
use sajja_core::demo::DemoOptions;
use sajja_core::thai::YearMonth;
use sajja_core::Books;

const DATE: &str = "5/10/2569";

fn main() {
    let members = env_u32("SAJJA_BENCH_MEMBERS", 1_050);
    let rows = env_u32("SAJJA_BENCH_ROWS", 1_000) as usize;
    let dir = tempfile::tempdir().expect("scratch folder");
    let path = dir.path().join("day.db");
    // The window test's group: a demo group with two months of books before the day.
    sajja_core::demo::create(
        &path,
        &DemoOptions {
            members,
            months: 2,
            last_month: YearMonth::new(2026, 9).expect("month"),
            ..Default::default()
        },
    )
    .expect("demo group");
    let mut books = Books::open(&path).expect("open");
    let owing: Vec<_> = books
        .due(DATE, None)
        .expect("due list")
        .members
        .into_iter()
        .filter(|d| !d.total.is_zero())
        .take(rows)
        .collect();
    assert_eq!(
        owing.len(),
        rows,
        "the demo group has {rows} members who owe"
    );
    let mut last_seq = books
        .collection_day(DATE)
        .expect("the day before it starts")
        .last_seq;
    let mut times: Vec<Duration> = Vec::with_capacity(rows);
    for d in &owing {
        let row = CollectionInput {
            date: DATE.into(),
            member: d.member.to_string(),
            sajja: d.sajja.to_string(),
            fee: d.fee.to_string(),
            fine: d.fines.to_string(),
            loan_payment: d.loan.to_string(),
            ..Default::default()
        };
        let t = Instant::now();
        let done = books
            .collect_on_sheet(&row, Some(last_seq))
            .expect("a row of the day");
        times.push(t.elapsed());
        assert_eq!(done.receipts.len(), 1, "only the new receipt comes back");
        last_seq = done.last_seq;
    }
    let mean = |part: &[Duration]| ms(part.iter().sum::<Duration>()) / part.len() as f64;
    let n = 50.min(rows);
    println!(
        "collection day, {rows} rows one by one on {members} members: mean per row {:.2} ms over rows 1–{n}, {:.2} ms over rows {}–{rows}",
        mean(&times[..n]),
        mean(&times[rows - n..]),
        rows - n + 1
    );
}
