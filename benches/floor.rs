//! How close posting a collection sheet is to the floor: the same entries and postings written
//! by raw SQLite in one transaction on the same file (release build):
//!
//! ```text
//! cargo bench --bench floor                                   # 5,000 members, 2 years
//! SAJJA_BENCH_MEMBERS=1000 SAJJA_BENCH_YEARS=0 cargo bench --bench floor   # a fresh group
//! ```
//!
//! Each run times a fresh synced copy of the group file twice: once `collect --batch`'s use
//! case (`Books::collect_batch`: checks, receipt numbers, hash chain, kept balances; the day's
//! automatic copy of the file made before the clock starts), once the
//! bare INSERTs of the entries (with their receipt numbers and a hash-sized text) and postings
//! with prepared statements, the triggers of the schema still firing. Printed, never asserted.

#[allow(dead_code)] // this bench times its own pairs, not through `common::report`
mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{env_u32, group_file, last_month, ms};
use sajja_core::account::{CASH, DEPOSITS, SAJJA};
use sajja_core::collection::CollectionInput;
use sajja_core::{Books, MemberInput, NewGroup};

const ROWS: u32 = 1000;
const RUNS: usize = 7;

fn main() {
    let members = env_u32("SAJJA_BENCH_MEMBERS", 5_000);
    let years = env_u32("SAJJA_BENCH_YEARS", 2);
    let (source, day) = if years == 0 {
        (fresh_group(members), "2025-01-05".to_string())
    } else {
        let last = last_month();
        (
            group_file(members, years),
            (last.next().first_day() + chrono::Days::new(4)).to_string(),
        )
    };
    let sheet: Vec<CollectionInput> = (1..=ROWS.min(members))
        .map(|i| CollectionInput {
            member: i.to_string(),
            sajja: "100".into(),
            deposit: if i % 7 == 0 {
                "200".into()
            } else {
                String::new()
            },
            ..Default::default()
        })
        .collect();
    let mut ours = Vec::new();
    let mut floor = Vec::new();
    for _ in 0..RUNS {
        let work = fresh_copy(&source);
        let mut books = Books::open(&work).expect("open");
        // The day's first write copies the whole file into the backups folder; every other
        // sheet of the day finds the copy made. Timed here: a sheet on a day already copied.
        assert_eq!(books.make_daily_backup(), None, "daily copy");
        let t = Instant::now();
        books.collect_batch(&day, &sheet).expect("batch");
        ours.push(t.elapsed());
        drop(books);
        remove(&work);

        let work = fresh_copy(&source);
        floor.push(raw_inserts(&work, &day, &sheet));
        remove(&work);
    }
    let (ours, floor) = (median(ours), median(floor));
    println!(
        "{} rows on {members} members × {years} years: collect --batch median {:.1} ms, raw SQLite median {:.1} ms, ratio {:.2}× ({RUNS} runs each)",
        sheet.len(),
        ms(ours),
        ms(floor),
        ours.as_secs_f64() / floor.as_secs_f64()
    );
}

/// The same entries and postings a sheet posts, as bare INSERTs in one IMMEDIATE transaction.
fn raw_inserts(path: &Path, day: &str, sheet: &[CollectionInput]) -> Duration {
    let mut conn = rusqlite::Connection::open(path).expect("open raw");
    conn.pragma_update(None, "synchronous", "FULL")
        .expect("sync");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("wal");
    let ids: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT id FROM member ORDER BY number")
            .expect("members");
        stmt.query_map([], |r| r.get(0))
            .expect("ids")
            .collect::<rusqlite::Result<_>>()
            .expect("ids")
    };
    let year_be = day[..4].parse::<i32>().expect("year") + 543;
    let t = Instant::now();
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .expect("tx");
    {
        let mut entry = tx
            .prepare_cached(
                "INSERT INTO journal_entry (id, date, kind, memo, member_id, receipt, recorded_at, hash)
                 VALUES (?1, ?2, 'collection', ?3, ?4, ?5, ?2, ?6)",
            )
            .expect("entry stmt");
        let mut posting = tx
            .prepare_cached(
                "INSERT INTO posting (entry_seq, line, date, account, amount, member_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .expect("posting stmt");
        for (i, row) in sheet.iter().enumerate() {
            let n: usize = row.member.parse().expect("member");
            let member = &ids[n - 1];
            let deposit: i64 = if row.deposit.is_empty() { 0 } else { 20_000 };
            entry
                .execute(rusqlite::params![
                    format!("raw-{year_be}-{i:06}"),
                    day,
                    format!("รับเงินสมาชิกเลขที่ {n}"),
                    member,
                    format!("{year_be}/R{i:05}"),
                    "0".repeat(64),
                ])
                .expect("entry");
            let seq = tx.last_insert_rowid();
            let mut line = 0;
            let mut post = |account: &str, amount: i64, member: Option<&str>| {
                line += 1;
                posting
                    .execute(rusqlite::params![seq, line, day, account, amount, member])
                    .expect("posting");
            };
            post(CASH, 10_000 + deposit, None);
            post(SAJJA, -10_000, Some(member));
            if deposit > 0 {
                post(DEPOSITS, -deposit, Some(member));
            }
        }
    }
    tx.commit().expect("commit");
    t.elapsed()
}

fn fresh_group(members: u32) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data dir");
    let path = dir.join(format!("fresh-{members}.db"));
    if !path.exists() {
        let group = NewGroup {
            founded: "2025-01-01".into(),
            ..NewGroup::named("กลุ่มทดสอบความเร็ว")
        };
        let mut books = Books::create(&path, &group).expect("create");
        let inputs: Vec<MemberInput> = (0..members)
            .map(|n| MemberInput {
                name: format!("นายสมาชิก{n} ทดสอบ"),
                joined: "2025-01-01".into(),
                shares: "2".into(),
                ..Default::default()
            })
            .collect();
        books.add_members(&inputs).expect("members");
    }
    path
}

fn fresh_copy(source: &Path) -> PathBuf {
    let work = source.with_extension("floor.db");
    remove(&work);
    std::fs::copy(source, &work).expect("copy");
    std::fs::File::open(&work)
        .and_then(|f| f.sync_all())
        .expect("sync copy");
    work
}

fn remove(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    // The automatic copies beside it.
    let _ = std::fs::remove_dir_all(sajja_core::snapshot::folder_for(path));
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
