//! Speed of the collection day on a large synthetic group (release build):
//!
//! ```text
//! cargo bench --bench bench                 # 20,000 members, 10 years
//! SAJJA_BENCH_MEMBERS=2000 SAJJA_BENCH_YEARS=2 cargo bench --bench bench
//! SAJJA_BENCH_VERIFY=1 cargo bench --bench bench   # also time `verify` of the whole file
//! SAJJA_BENCH_ONLY=batch cargo bench --bench bench # only what has "batch" in its name
//! ```
//!
//! The group is built once (`common::group_file`) and kept in `target/bench-data/`; each run times a
//! synced copy of it. Timings are printed, never asserted: the targets (1,000-row batch
//! < 100 ms, due list < 200 ms) are checked by reading.

mod common;

use common::{env_u32, group_file, last_month, report};
use sajja_core::collection::CollectionInput;
use sajja_core::Books;

fn main() {
    let members = env_u32("SAJJA_BENCH_MEMBERS", 20_000);
    let years = env_u32("SAJJA_BENCH_YEARS", 10);
    let path = group_file(members, years);
    let work = path.with_extension("work.db");
    std::fs::copy(&path, &work).expect("copy bench data");
    // A books file at rest: otherwise the first commits' fsync also flushes the fresh copy.
    std::fs::File::open(&work)
        .and_then(|f| f.sync_all())
        .expect("sync bench copy");
    let mut books = Books::open(&work).expect("open bench data");
    if let Ok(v) = std::env::var("SAJJA_BENCH_PRAGMA") {
        // Experiments only: e.g. SAJJA_BENCH_PRAGMA=wal_autocheckpoint=0
        let (k, val) = v.split_once('=').expect("key=value");
        let val: i64 = val.parse().expect("a number");
        books.conn().pragma_update(None, k, val).expect("pragma");
    }
    let last = last_month();

    let due_date = last.next().first_day() + chrono::Days::new(4);
    let due_text = due_date.to_string();
    let mut due = None;
    report("due list, all members", 5, || {
        let list = books.due(&due_text, None).expect("due");
        assert_eq!(list.members.len() as u32, members);
        due = Some(list);
    });

    // A collection day: 1,000 rows in one transaction, members in number order (as the sheet
    // is typed), about 5 % of them late for last month and charged its fine by the row.
    let sheet = members.min(1000);
    let mut offset = 0u32;
    let mut touched = 0u32;
    report(&format!("collection batch of {sheet} rows"), 9, || {
        let rows: Vec<CollectionInput> = (1..=sheet)
            .map(|i| CollectionInput {
                member: (offset + i).to_string(),
                sajja: "100".into(),
                deposit: if i % 7 == 0 {
                    "200".into()
                } else {
                    String::new()
                },
                ..Default::default()
            })
            .collect();
        books.collect_batch(&due_text, &rows).expect("batch");
        touched = touched.max(offset + sheet);
        // The next sheet starts after this one, or again at member 1 when no room is left.
        offset = if offset + 2 * sheet <= members {
            offset + sheet
        } else {
            0
        };
    });

    // The worst case: every late member the batches above did not touch (about 5 % of the
    // rest), each row also posting a fine entry.
    let late: Vec<CollectionInput> = due
        .map(|list| list.members)
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.member > touched && !r.sajja_arrears.is_zero())
        .take(1000)
        .map(|r| CollectionInput {
            member: r.member.to_string(),
            sajja: r.sajja.to_string(),
            fine: r.fines.to_string(),
            ..Default::default()
        })
        .collect();
    report(
        &format!("batch of {} rows, every one late", late.len()),
        1,
        || {
            books.collect_batch(&due_text, &late).expect("late batch");
        },
    );
    report("member balance", 50, || {
        books.balance(members / 2, "").expect("balance");
    });
    report("cash book of a month", 5, || {
        books.cashbook(&last.to_string()).expect("cashbook");
    });
    if std::env::var_os("SAJJA_BENCH_VERIFY").is_some() {
        report("verify whole file", 1, || {
            assert!(books.verify().expect("verify").ok);
        });
    }
    drop(books);
    let _ = std::fs::remove_file(&work);
}
