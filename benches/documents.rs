//! Speed and memory of the printed documents on a large synthetic group (release build):
//!
//! ```text
//! cargo bench --bench documents                   # 20,000 members, 10 years
//! SAJJA_BENCH_MEMBERS=2000 SAJJA_BENCH_YEARS=2 cargo bench --bench documents
//! ```
//!
//! - Monthly statements for every member of the group, one page each, written as a series of
//!   files on two threads (the report model computed once for all members): pages per second
//!   and the peak memory of the process while drawing (VmHWM, reset before the job).
//! - One member's passbook over the whole history (A4 account history, and the first
//!   continuation print of an empty book): milliseconds each, median of several runs.
//!
//! The group is the collection benchmark's (`common::group_file`), built once and kept in
//! `target/bench-data/`. Numbers are printed, never asserted.

mod common;

use std::time::Instant;

use common::{env_u32, group_file, last_month, ms, report};
use sajja_core::documents::{self, PrintRequest, Progress};
use sajja_core::Books;

fn main() {
    let members = env_u32("SAJJA_BENCH_MEMBERS", 20_000);
    let years = env_u32("SAJJA_BENCH_YEARS", 10);
    let data = group_file(members, years);
    let work = data.with_file_name(format!("documents-work-{members}-{years}y.db"));
    std::fs::copy(&data, &work).expect("copy bench data");
    let out_dir = data.with_file_name("documents-out");
    let _ = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).expect("output folder");
    // Printing "today" is the month after the history.
    std::env::set_var("SAJJA_TODAY", "2026-01-10");
    let last = last_month();
    println!("group: {members} members, {years} years of history, statements for {last}");

    // Engine start-up (fonts, the Thai line breaker) once, outside the timings.
    let t = Instant::now();
    documents::engine().expect("engine");
    println!("engine start-up {:>28.1} ms", ms(t.elapsed()));

    let books = Books::open(&work).expect("open bench data");
    let t = Instant::now();
    let job = books
        .print_job(&PrintRequest {
            document: "statements".into(),
            month: last.to_string(),
            ..PrintRequest::default()
        })
        .expect("statement model");
    let model = t.elapsed();
    // As `sajja print` does: the books are closed while a long job draws.
    drop(books);
    println!(
        "statement model, all members {:>17.0} ms  ({} statements, VmHWM so far {} MB)",
        ms(model),
        job.summary().items,
        peak_mb()
    );

    // The drawing alone: reset the peak so it shows what the job itself holds.
    reset_peak();
    let out = out_dir.join("statements.pdf");
    let progress = Progress::new();
    let t = Instant::now();
    let printed = job.write(&out, &progress).expect("statements");
    let draw = t.elapsed();
    let pages = printed.pages;
    let bytes: u64 = printed
        .files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "statements: {pages} pages in {} files, {:.1} s → {:.0} pages/s drawing and writing ({:.0} pages/s with the model); peak RSS while drawing {} MB; {:.0} MB of PDF",
        printed.files.len(),
        draw.as_secs_f64(),
        pages as f64 / draw.as_secs_f64(),
        pages as f64 / (draw + model).as_secs_f64(),
        peak_mb(),
        bytes as f64 / 1e6
    );
    for f in &printed.files {
        let _ = std::fs::remove_file(f);
    }
    drop(job);
    let mut books = Books::open(&work).expect("open bench data");

    // One member's whole history.
    let member = (members / 2).max(1).to_string();
    let passbook = PrintRequest {
        document: "passbook".into(),
        member: member.clone(),
        ..PrintRequest::default()
    };
    let pb_out = out_dir.join("passbook.pdf");
    let mut pages = 0;
    report("passbook A4, whole history (model + PDF)", 9, || {
        let printed = books
            .print(&passbook, &pb_out, &Progress::new())
            .expect("passbook");
        pages = printed.pages;
    });
    let h = books
        .account_history(member.parse().unwrap(), "", "")
        .unwrap();
    println!(
        "  member {member}: {} entries on {pages} A4 pages",
        h.lines.len()
    );
    let cont = PrintRequest {
        document: "passbook-continue".into(),
        member: member.clone(),
        ..PrintRequest::default()
    };
    report("passbook continuation, empty book", 9, || {
        // Planned and drawn, not remembered: every run starts from an empty book.
        let job = books.print_job(&cont).expect("plan");
        job.write(&pb_out, &Progress::new()).expect("write");
    });
    let _ = std::fs::remove_file(&pb_out);
    drop(books);
    let _ = std::fs::remove_dir_all(&out_dir);
    for suffix in ["", "-wal", "-shm"] {
        let mut p = work.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// Peak resident memory of this process (VmHWM), MB.
fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

/// Resets VmHWM to the current RSS (Linux: `5` into /proc/self/clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
