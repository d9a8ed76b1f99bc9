//! Speed of the loan views on a large synthetic group (release build):
//!
//! ```text
//! cargo bench --bench loans                 # 20,000 members, 10 years of loans each
//! SAJJA_BENCH_MEMBERS=2000 SAJJA_BENCH_YEARS=2 cargo bench --bench loans
//! ```
//!
//! The history is built once (`sajja_core::loan::synthetic`: loans and events as the use cases write
//! them, every payout and repayment through the journal) and kept in `target/bench-data/`, so
//! later runs only time the views. Timings are printed, never asserted; the target is the
//! arrears list and the loan due list under 300 ms each.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use sajja_core::loan::synthetic::{self, Options};
use sajja_core::{Books, NewGroup};

fn env_u32(key: &str, default: u32) -> u32 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn data_file(members: u32, years: u32) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("bench-data");
    std::fs::create_dir_all(&dir).expect("bench data folder");
    dir.join(format!("loans-{members}m-{years}y-v2.db"))
}

/// The collection day the history ends on; the views are timed on it.
fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 5).expect("valid date")
}

fn build(path: &PathBuf, members: u32, years: u32) {
    let tmp = path.with_extension("building");
    let _ = std::fs::remove_file(&tmp);
    let founded = last_day()
        .checked_sub_months(chrono::Months::new(years * 12))
        .and_then(|d| d.with_day(1))
        .expect("date");
    let t = Instant::now();
    let mut books = Books::create(
        &tmp,
        &NewGroup {
            name: "กลุ่มทดสอบความเร็วเงินกู้".into(),
            founded: founded.to_string(),
            ..NewGroup::default()
        },
    )
    .expect("create bench books");
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
            last_day: last_day(),
            existing_members: false,
        },
    )
    .expect("populate");
    drop(books);
    std::fs::rename(&tmp, path).expect("keep bench data");
    eprintln!(
        "built {} in {:.1?}: {} loans, {} repayments, {} entries, {} postings, {} loans open, {} defaulters ({} repayments checked against the real split)",
        path.display(),
        t.elapsed(),
        summary.loans,
        summary.repayments,
        summary.entries,
        summary.postings,
        summary.active_loans,
        summary.defaulters,
        summary.checked_against_repayment
    );
}

/// CPU time this thread has run, from the kernel (Linux): wall-clock timings on a busy
/// machine include time spent waiting for a core.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// `SAJJA_BENCH_ONLY=incl` times only the views whose name contains "incl" (for profiling).
fn report(name: &str, runs: u32, mut f: impl FnMut() -> String) {
    if let Ok(only) = std::env::var("SAJJA_BENCH_ONLY") {
        if !name.contains(only.as_str()) {
            return;
        }
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut cpu: Vec<Duration> = Vec::new();
    let mut note = String::new();
    for _ in 0..runs {
        let c = cpu_time();
        let t = Instant::now();
        note = f();
        times.push(t.elapsed());
        if let (Some(before), Some(after)) = (c, cpu_time()) {
            cpu.push(after - before);
        }
    }
    times.sort();
    cpu.sort();
    let cpu = cpu
        .get(cpu.len() / 2)
        .map(|c| format!("  cpu median {c:>8.1?}"))
        .unwrap_or_default();
    println!(
        "{name:<36} min {:>8.1?}  median {:>8.1?}  max {:>8.1?}{cpu}   {note}",
        times[0],
        times[times.len() / 2],
        times[times.len() - 1]
    );
}

fn main() {
    let members = env_u32("SAJJA_BENCH_MEMBERS", 20_000);
    let years = env_u32("SAJJA_BENCH_YEARS", 10);
    let path = data_file(members, years);
    if !path.exists() {
        build(&path, members, years);
    }
    let books = Books::open(&path).expect("open bench data");
    if let Ok(v) = std::env::var("SAJJA_BENCH_PRAGMA") {
        // Experiments only: e.g. SAJJA_BENCH_PRAGMA=mmap_size=2000000000
        let (k, val) = v.split_once('=').expect("key=value");
        let val: i64 = val.parse().expect("a number");
        books.conn().pragma_update(None, k, val).expect("pragma");
    }
    let day = last_day().to_string();
    let (loans, postings): (i64, i64) = books
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM loan), (SELECT count(*) FROM posting)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("count");
    println!("{members} members, {years} years: {loans} loans, {postings} postings");

    report("loan arrears list", 7, || {
        let list = books.loan_arrears(&day).expect("arrears");
        format!(
            "{} loans in arrears of {} open, {} baht overdue",
            list.loans.len(),
            list.active_loans,
            list.total.grouped()
        )
    });
    report("loan due list (all members)", 7, || {
        let dues = books.loan_dues(&day).expect("dues");
        let total: sajja_core::Money = dues.values().map(|d| d.total).sum();
        format!("{} borrowers, {} baht due", dues.len(), total.grouped())
    });
    report("collection due list incl. loans", 3, || {
        let list = books.due(&day, None).expect("due");
        format!("{} members", list.members.len())
    });
    let number: String = books
        .conn()
        .query_row(
            "SELECT number FROM loan WHERE status = 'active' ORDER BY number LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an open loan");
    report("one loan card", 7, || {
        let card = books.loan(&number, &day).expect("card");
        format!(
            "{} with {} movements",
            card.summary.loan,
            card.movements.len()
        )
    });
    let member = books.loan(&number, &day).expect("card").summary.member;
    report("one member's loans and guarantees", 7, || {
        let m = books.member_loans(member, &day).expect("member loans");
        format!("member {} with {} loans", m.member, m.loans.len())
    });
}
