//! Power cut during posting. One run of real use cases on a real books file is recorded
//! through the recording VFS (`sajja_powercut`): every write and fsync of the books, its WAL
//! and the checkpoint thread. Then, at many random points of that run, the files a disk could
//! hold after losing power there are rebuilt (only what an fsync confirmed is certain; later
//! writes kept or lost at random, some torn) and opened as the treasurer would after the
//! reboot. Each time: the books open, `verify` passes, every receipt confirmed before the cut
//! is there, and nothing else but the one row being posted at the cut (whole or not at all).
//!
//! The same run with `synchronous=OFF` must fail: confirmed receipts are lost.
//!
//! `POWERCUT_CUTS` sets how many cuts (default 1,000).

use std::path::Path;

use sajja_core::collection::CollectionInput;
use sajja_core::{Books, MemberInput, NewGroup};
use sajja_powercut::fastrand_like::Rng;
use sajja_powercut::{write_image, Recording};

/// The cuts' random points, the same every run.
const SEED: u64 = 25_681_006;
const MEMBERS: u32 = 4;
const MONTHS: u32 = 6;

/// What the run confirmed: each receipt with the recording's length when `collect` returned.
struct Run {
    recording: Recording,
    confirmed: Vec<(String, usize)>,
}

fn group() -> NewGroup {
    NewGroup {
        name: "กลุ่มออมทรัพย์เพื่อการผลิตบ้านไฟดับ".into(),
        founded: "1/1/2568".into(),
        ..Default::default()
    }
}

/// The books with four members, then the recorded run: a collection row per member per
/// month for six months (24 entries), each one IMMEDIATE transaction, confirmed when it
/// returns.
fn record_run(dir: &Path, weaken: bool) -> Run {
    // One recording at a time: the VFS's log is the process's.
    static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = ONE.lock().unwrap_or_else(|p| p.into_inner());
    let db = dir.join("books.db");
    {
        let mut books = Books::create(&db, &group()).expect("create");
        for n in 1..=MEMBERS {
            books
                .add_member(&MemberInput {
                    title: "นาง".into(),
                    first_name: format!("สมาชิก{n}"),
                    last_name: "ไฟดับ".into(),
                    joined: "1/1/2568".into(),
                    shares: "1".into(),
                    ..Default::default()
                })
                .expect("member");
        }
    }
    sajja_powercut::install();
    let recording = sajja_powercut::start(dir);
    let mut confirmed = Vec::new();
    {
        let mut books = Books::open(&db).expect("open");
        if weaken {
            books.weaken_durability_for_test().expect("synchronous=OFF");
        }
        for month in 1..=MONTHS {
            for n in 1..=MEMBERS {
                let receipt = books
                    .collect(&CollectionInput {
                        date: format!("5/{month}/2568"),
                        member: n.to_string(),
                        sajja: "100".into(),
                        deposit: format!("{}", 10 * n + month),
                        ..Default::default()
                    })
                    .expect("collect")
                    .receipt;
                confirmed.push((receipt, sajja_powercut::now()));
            }
        }
    }
    Run {
        recording: sajja_powercut::stop(recording),
        confirmed,
    }
}

/// What one simulated cut found wrong (empty = nothing).
fn check_cut(run: &Run, cut: usize, rng: &mut Rng, scratch: &Path) -> Vec<String> {
    let image = run.recording.crash_image(cut, rng);
    write_image(scratch, &image);
    let db = scratch.join("books.db");
    let books = match Books::open(&db) {
        Ok(b) => b,
        Err(e) => return vec![format!("the books do not open: {e}")],
    };
    let mut problems = Vec::new();
    match books.verify() {
        Ok(r) if r.ok => {}
        Ok(r) => problems.push(format!("verify: {}", r.problems.join("; "))),
        Err(e) => problems.push(format!("verify cannot run: {e}")),
    }
    let mut stmt = books
        .conn()
        .prepare("SELECT receipt FROM journal_entry WHERE receipt IS NOT NULL ORDER BY seq")
        .unwrap();
    let present: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let sure = run.confirmed.iter().filter(|(_, at)| *at <= cut).count();
    let posted: Vec<&str> = run.confirmed.iter().map(|(r, _)| r.as_str()).collect();
    if present.len() < sure {
        problems.push(format!(
            "{} confirmed receipts lost (confirmed {sure}, found {})",
            sure - present.len(),
            present.len()
        ));
    }
    if present.len() > sure + 1 {
        problems.push(format!(
            "{} receipts appeared beyond the one being posted",
            present.len() - sure - 1
        ));
    }
    if present
        .iter()
        .map(String::as_str)
        .ne(posted.iter().copied().take(present.len()))
    {
        problems.push(format!("receipts out of order or partial: {present:?}"));
    }
    // Every entry whole: as many postings as the row had amounts, balanced (verify checks the
    // balance; this checks no entry lost a posting).
    let short: i64 = books
        .conn()
        .query_row(
            "SELECT count(*) FROM journal_entry e WHERE e.receipt IS NOT NULL
               AND (SELECT count(*) FROM posting p WHERE p.entry_seq = e.seq) < 2",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    if short != 0 {
        problems.push(format!("{short} entries without their postings"));
    }
    problems
}

fn cuts() -> usize {
    std::env::var("POWERCUT_CUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000)
}

/// Runs `n` cuts at random points of `run` (seeded) and returns the failures found.
fn simulate(run: &Run, n: usize, seed: u64) -> Vec<(usize, Vec<String>)> {
    let scratch = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(seed);
    let total = run.recording.ops.len();
    let mut failures = Vec::new();
    for _ in 0..n {
        let cut = rng.usize(0..total + 1);
        let problems = check_cut(run, cut, &mut rng, scratch.path());
        if !problems.is_empty() {
            failures.push((cut, problems));
        }
    }
    failures
}

#[test]
fn a_power_cut_at_any_point_loses_nothing_confirmed_and_leaves_no_half_entry() {
    let dir = tempfile::tempdir().unwrap();
    let run = record_run(dir.path(), false);
    let syncs = run
        .recording
        .ops
        .iter()
        .filter(|o| matches!(o, sajja_powercut::Op::Sync { .. }))
        .count();
    assert!(
        syncs >= run.confirmed.len(),
        "every commit syncs: {syncs} fsyncs"
    );
    let n = cuts();
    let failures = simulate(&run, n, SEED);
    eprintln!(
        "power cut: {n} cuts over {} recorded operations ({syncs} fsyncs, {} receipts): {} failures",
        run.recording.ops.len(),
        run.confirmed.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {n} cuts failed, first: {:?}",
        failures.len(),
        failures.first()
    );
}

/// The test can fail: with `synchronous=OFF` the same cuts lose confirmed receipts.
#[test]
fn the_same_cuts_catch_books_opened_with_synchronous_off() {
    let dir = tempfile::tempdir().unwrap();
    let run = record_run(dir.path(), true);
    let n = cuts();
    let failures = simulate(&run, n, SEED);
    let lost = failures
        .iter()
        .filter(|(_, p)| p.iter().any(|m| m.contains("confirmed receipts lost")))
        .count();
    eprintln!(
        "synchronous=OFF: {n} cuts over {} recorded operations: {} failures, {lost} losing confirmed receipts",
        run.recording.ops.len(),
        failures.len()
    );
    assert!(
        lost > 0,
        "synchronous=OFF must lose confirmed receipts at some cut"
    );
}
