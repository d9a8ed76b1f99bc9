//! Speed of the year-end on a large synthetic group (release build):
//!
//! ```text
//! nice cargo bench --bench yearend            # 20,000 members, 10 years of history each
//! SAJJA_BENCH_MEMBERS=2000 SAJJA_BENCH_YEARS=2 cargo bench --bench yearend
//! ```
//!
//! The data is the collection group of `benches/common` (ten years of pledged savings,
//! deposits, fees and fines for every member) with ten years of loans to the same members
//! added by `sajja_core::loan::synthetic` (every member borrowing again and again, repaying
//! with interest, a few defaulting), every month through 2568 closed, checked by `verify`.
//! Built once and kept in `target/bench-data/` (20,000 × 10 years: a few GB, some minutes).
//! Timed: the preview (statements of the year's figures, pools, every member's weight,
//! dividend and average return) and the close (the closing entries, one payable per member,
//! the record), each close on a fresh copy of the file: once with nothing read before (the
//! close reads the year itself, as `sajja yearend close` does), once right after the preview
//! on the same connection (as the year-end screen does: the approval posts the preview shown).
//! Printed, never asserted; the target is under 1 s each.

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use sajja_core::loan::synthetic::{self, Options};
use sajja_core::Books;

fn yearend_file(members: u32, years: u32) -> PathBuf {
    let base = common::group_file(members, years);
    let path = base.with_file_name(format!("yearend-{members}-{years}y-v2.db"));
    if !path.exists() {
        build(&base, &path, members, years);
    }
    path
}

fn build(base: &Path, path: &Path, members: u32, years: u32) {
    let t = Instant::now();
    let tmp = path.with_extension("building.db");
    std::fs::copy(base, &tmp).expect("copy the collection group");
    let mut books = Books::open(&tmp).expect("open");
    // A benchmark fixture: a power cut while building only means building it again.
    books
        .conn()
        .pragma_update(None, "synchronous", "OFF")
        .expect("pragma");
    let summary = synthetic::populate(
        &mut books,
        &Options {
            members,
            years,
            seed: 2517,
            last_day: NaiveDate::from_ymd_opt(2025, 12, 5).expect("date"),
            existing_members: true,
        },
    )
    .expect("loans");
    eprintln!(
        "  {} loans, {} repayments ({} defaulters) in {:.0} s",
        summary.loans,
        summary.repayments,
        summary.defaulters,
        t.elapsed().as_secs_f64()
    );
    // Every month of the history closed: the year-end needs its months locked.
    sajja_core::bench_support::lock_through(
        books.conn(),
        NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"),
        "ข้อมูลทดสอบความเร็ว",
    )
    .expect("lock");
    let report = books.verify().expect("verify");
    assert!(
        report.ok,
        "the synthetic year-end group fails verify: {report:?}"
    );
    drop(books);
    std::fs::rename(&tmp, path).expect("keep bench data");
    let _ = std::fs::remove_file(tmp.with_extension("db-wal"));
    eprintln!(
        "built the year-end group in {:.0} s",
        t.elapsed().as_secs_f64()
    );
}

fn main() {
    let members = common::env_u32("SAJJA_BENCH_MEMBERS", 20_000);
    let years = common::env_u32("SAJJA_BENCH_YEARS", 10);
    let path = yearend_file(members, years);
    let books = Books::open(&path).expect("open");
    let count = |sql: &str| -> i64 {
        books
            .conn()
            .query_row(sql, [], |r| r.get(0))
            .expect("count")
    };
    println!(
        "group: {} members, {} years, {} journal entries, {} postings, {} loans; file {:.0} MB",
        count("SELECT count(*) FROM member"),
        years,
        count("SELECT count(*) FROM journal_entry"),
        count("SELECT count(*) FROM posting"),
        count("SELECT count(*) FROM loan"),
        std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e6
    );
    let p = books.yearend_preview("2568").expect("preview");
    println!(
        "year-end 2568: {} members in the year, net profit {} baht, dividend {} % a year, {} eligible for average return",
        p.members.len(),
        p.net_profit.grouped(),
        p.dividend_rate,
        p.members_eligible_average_return
    );
    common::report("yearend preview (2568)", 5, || {
        let p = books.yearend_preview("2568").expect("preview");
        assert!(!p.members.is_empty());
    });
    common::report("statements: income statement + balance sheet", 5, || {
        books
            .income_statement("2568", "")
            .expect("income statement");
        books.balance_sheet("2568", "").expect("balance sheet");
    });
    drop(books);
    let copy = path.with_extension("close-run.db");
    // The close as the command line runs it, with nothing read before; then as the year-end
    // screen runs it, right after showing the preview (which it then posts, nothing having
    // changed since).
    for (label, after_preview) in [
        ("yearend close (2568), nothing read before", false),
        ("yearend close (2568), after its preview", true),
    ] {
        let mut times = Vec::new();
        for _ in 0..3 {
            let mut books = fresh_copy(&path, &copy);
            if after_preview {
                let t = Instant::now();
                books.yearend_preview("2568").expect("preview");
                eprintln!(
                    "  preview on the fresh copy: {:.0} ms",
                    common::ms(t.elapsed())
                );
            }
            let t = Instant::now();
            books
                .yearend_close("2568", "", "2026-01-20", "1", "2")
                .expect("close");
            times.push(t.elapsed());
            let wal = std::fs::metadata(copy.with_extension("db-wal")).map_or(0, |m| m.len());
            eprintln!(
                "  close: {:.0} ms, WAL {:.0} MB",
                common::ms(*times.last().expect("timed")),
                wal as f64 / 1e6
            );
        }
        times.sort();
        println!(
            "{:<44} median {:>8.2} ms   min {:>8.2} ms   max {:>8.2} ms   (3 runs, each on a fresh copy)",
            label,
            common::ms(times[1]),
            common::ms(times[0]),
            common::ms(times[2])
        );
    }
    let _ = std::fs::remove_file(&copy);
    let _ = std::fs::remove_file(copy.with_extension("db-wal"));
}

/// A fresh copy of the books at `path`, on the disk before the clock starts, as a group's file
/// is: the close's own sync must not wait for the kernel writing out gigabytes of the copy.
fn fresh_copy(path: &Path, copy: &Path) -> Books {
    let _ = std::fs::remove_file(copy.with_extension("db-wal"));
    std::fs::copy(path, copy).expect("fresh copy");
    std::fs::File::open(copy)
        .and_then(|f| f.sync_all())
        .expect("sync the copy");
    Books::open(copy).expect("open copy")
}
