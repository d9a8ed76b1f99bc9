//! How close posting a collection sheet is to the floor: the same entries and postings written
//! by raw SQLite in one transaction on the same file (release build):
//!
//! ```text
//! cargo bench --bench floor                                   # 5,000 members, 2 years
//! SAJJA_BENCH_MEMBERS=1000 SAJJA_BENCH_YEARS=0 cargo bench --bench floor   # a fresh group
//! ```
//!
//! Each run times fresh synced copies of the group file: once `collect --batch`'s use
//! case (`Books::collect_batch`: checks, receipt numbers, hash chain, kept balances; the day's
//! automatic copy of the file made before the clock starts), then bare INSERTs of the very
//! rows that run posted (every column of its entries and postings, read back from its copy)
//! with prepared statements, the triggers of the schema still firing: on a connection with
//! SQLite's default settings and on one with the books' speed settings, the faster of the two
//! being the floor. Printed, never asserted.

#[allow(dead_code)] // this bench times its own pairs, not through `common::report`
mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{env_u32, group_file, last_month, ms};
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
    let (mut plain, mut tuned) = (Vec::new(), Vec::new());
    let mut counts = (0, 0);
    for _ in 0..RUNS {
        let work = fresh_copy(&source);
        let mut books = Books::open(&work).expect("open");
        // The day's first write copies the whole file into the backups folder; every other
        // sheet of the day finds the copy made. Timed here: a sheet on a day already copied.
        assert_eq!(books.make_daily_backup(), None, "daily copy");
        let before = last_seq(books.conn());
        let t = Instant::now();
        books.collect_batch(&day, &sheet).expect("batch");
        ours.push(t.elapsed());
        let posted = Posted::read(books.conn(), before);
        // A receipt a row, and the late fines the rows charge on the way.
        assert!(
            posted.entries.len() >= sheet.len(),
            "an entry a row at least"
        );
        counts = (posted.entries.len(), posted.postings.len());
        drop(books);
        remove(&work);

        let work = fresh_copy(&source);
        plain.push(raw_inserts(&work, &posted, Pragmas::Default));
        remove(&work);
        let work = fresh_copy(&source);
        tuned.push(raw_inserts(&work, &posted, Pragmas::Books));
        remove(&work);
    }
    let (ours, plain, tuned) = (median(ours), median(plain), median(tuned));
    // The floor is the faster of the two: which one wins depends on the file.
    let floor = plain.min(tuned);
    println!(
        "{} rows on {members} members × {years} years ({} entries, {} postings): collect --batch median {:.1} ms, raw SQLite median {:.1} ms (SQLite's default settings {:.1} ms, the books' {:.1} ms), ratio {:.2}× ({RUNS} runs each)",
        sheet.len(),
        counts.0,
        counts.1,
        ms(ours),
        ms(floor),
        ms(plain),
        ms(tuned),
        ours.as_secs_f64() / floor.as_secs_f64()
    );
}

fn last_seq(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("SELECT coalesce(max(seq), 0) FROM journal_entry", [], |r| {
        r.get(0)
    })
    .expect("last seq")
}

/// Every column of the entries and postings a sheet posted, in posting order.
struct Posted {
    entries: Vec<Vec<rusqlite::types::Value>>,
    postings: Vec<Vec<rusqlite::types::Value>>,
}

const ENTRY_COLUMNS: &str =
    "seq, id, date, kind, memo, member_id, receipt, reverses, reason, recorded_at, hash";
const POSTING_COLUMNS: &str = "entry_seq, line, date, account, amount, member_id, loan_id";

impl Posted {
    fn read(conn: &rusqlite::Connection, after: i64) -> Posted {
        let rows = |sql: String| -> Vec<Vec<rusqlite::types::Value>> {
            let mut stmt = conn.prepare(&sql).expect("read back");
            let n = stmt.column_count();
            stmt.query_map([after], |r| (0..n).map(|i| r.get(i)).collect())
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("rows")
        };
        Posted {
            entries: rows(format!(
                "SELECT {ENTRY_COLUMNS} FROM journal_entry WHERE seq > ?1 ORDER BY seq"
            )),
            postings: rows(format!(
                "SELECT {POSTING_COLUMNS} FROM posting WHERE entry_seq > ?1 ORDER BY entry_seq, line"
            )),
        }
    }
}

/// How the raw connection is set up beyond WAL and `synchronous=FULL`.
#[derive(Clone, Copy)]
enum Pragmas {
    /// SQLite's defaults: a 2 MB page cache, statement journals spilling to temp files.
    Default,
    /// The books' own speed settings (`db::configure`): a 64 MB cache, the file memory-mapped,
    /// statement journals in memory. Foreign keys stay off: checking them is the books'
    /// choice, not the floor's.
    Books,
}

/// The same entries and postings, as bare INSERTs in one IMMEDIATE transaction: one
/// statement an entry, one a posting, each entry followed by its postings.
fn raw_inserts(path: &Path, posted: &Posted, pragmas: Pragmas) -> Duration {
    let mut conn = rusqlite::Connection::open(path).expect("open raw");
    conn.pragma_update(None, "synchronous", "FULL")
        .expect("sync");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("wal");
    if let Pragmas::Books = pragmas {
        for (pragma, value) in [
            ("cache_size", "-65536"),
            ("mmap_size", "268435456"),
            ("temp_store", "MEMORY"),
        ] {
            conn.pragma_update(None, pragma, value).expect("pragma");
        }
    }
    let t = Instant::now();
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .expect("tx");
    {
        let mut entry = tx
            .prepare_cached(&format!(
                "INSERT INTO journal_entry ({ENTRY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
            ))
            .expect("entry stmt");
        let mut posting = tx
            .prepare_cached(&format!(
                "INSERT INTO posting ({POSTING_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            ))
            .expect("posting stmt");
        let mut lines = posted.postings.iter().peekable();
        for e in &posted.entries {
            entry.execute(rusqlite::params_from_iter(e)).expect("entry");
            while let Some(p) = lines.next_if(|p| p[0] == e[0]) {
                posting
                    .execute(rusqlite::params_from_iter(p))
                    .expect("posting");
            }
        }
        assert!(lines.next().is_none(), "every posting has its entry");
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
