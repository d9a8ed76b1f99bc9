//! Speed of the collection day on a large synthetic group (release build):
//!
//! ```text
//! cargo bench --bench bench                 # 20,000 members, 10 years
//! SAJJA_BENCH_MEMBERS=2000 SAJJA_BENCH_YEARS=2 cargo bench --bench bench
//! SAJJA_BENCH_VERIFY=1 cargo bench --bench bench   # also time `verify` of the whole file
//! SAJJA_BENCH_ONLY=batch cargo bench --bench bench # only what has "batch" in its name
//! ```
//!
//! The group is built once (see `build`) and kept in `target/bench-data/`; each run times a
//! synced copy of it. Timings are printed, never asserted: the targets (1,000-row batch
//! < 100 ms, due list < 200 ms) are checked by reading.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use sajja::collection::CollectionInput;
use sajja::thai::YearMonth;
use sajja::{Books, MemberInput, NewGroup};

fn env_u32(key: &str, default: u32) -> u32 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let members = env_u32("SAJJA_BENCH_MEMBERS", 20_000);
    let years = env_u32("SAJJA_BENCH_YEARS", 10);
    let path = data_file(members, years);
    if !path.exists() {
        build(&path, members, years);
    }
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
    let mut offset = 0u32;
    let mut touched = 0u32;
    report("collection batch of 1,000 rows", 9, || {
        let rows: Vec<CollectionInput> = (1..=1000)
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
        touched = touched.max(offset + 1000);
        offset = (offset + 1000) % members.saturating_sub(1000).max(1000);
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

/// `SAJJA_BENCH_ONLY=batch` times only the operations whose name contains "batch" (for profiling).
fn report(name: &str, runs: u32, mut f: impl FnMut()) {
    if let Ok(only) = std::env::var("SAJJA_BENCH_ONLY") {
        if !name.contains(only.as_str()) {
            return;
        }
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{name:<36} median {:>9.2} ms   min {:>9.2} ms   max {:>9.2} ms   ({runs} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn data_file(members: u32, years: u32) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data dir");
    dir.join(format!("group-{members}-{years}y-v3.db"))
}

/// The synthetic history always ends in December 2025 (2568), whatever today is.
fn last_month() -> YearMonth {
    YearMonth::new(2025, 12).expect("month")
}

/// Builds the group: members in one transaction, then ten years of collection days. A member
/// pays on the 5th of 95 % of months; one who skipped pays the arrears and the late fines at
/// the next collection day. On-time rows are written month by month through `journal::post`
/// — the same balanced, hash-chained entries (receipt number, cash debit, savings, deposit and
/// fee credits) a collection row writes, without re-checking each row, so the data takes
/// minutes, not hours. Catch-up rows go through the real collection path, which charges the
/// fines. The history ends with about 5 % of members behind for December, the late rows of
/// the next collection day.
fn build(path: &PathBuf, members: u32, years: u32) {
    use sajja::account::{CASH, DEPOSITS, ENTRANCE_FEES, SAJJA};
    use sajja::journal::{EntryKind, NewEntry, Posting};
    use sajja::Money;

    let t = Instant::now();
    let last = last_month();
    let mut first = last;
    for _ in 1..years * 12 {
        first = first.prev();
    }
    let tmp = path.with_extension("building.db");
    let _ = std::fs::remove_file(&tmp);
    let group = NewGroup {
        founded: first.first_day().to_string(),
        ..NewGroup::named("กลุ่มทดสอบความเร็ว")
    };
    let mut books = Books::create(&tmp, &group).expect("create");
    let inputs: Vec<MemberInput> = (0..members)
        .map(|n| MemberInput {
            name: format!("นายสมาชิก{n} ทดสอบ"),
            joined: first.first_day().to_string(),
            shares: (1 + n % 4).to_string(),
            ..Default::default()
        })
        .collect();
    let ids: Vec<String> = books
        .add_members(&inputs)
        .expect("members")
        .into_iter()
        .map(|m| m.id)
        .collect();
    eprintln!("  {members} members in {:.0} s", t.elapsed().as_secs_f64());

    let mut conn = rusqlite::Connection::open(&tmp).expect("open");
    let mut rng = fastrand::Rng::with_seed(7);
    // Months each member is behind, and whether the entrance fee is paid.
    let mut behind = vec![0i64; ids.len()];
    let mut fee_paid = vec![false; ids.len()];
    let mut month = first;
    let mut i = 0;
    let mut receipt: i64 = 0;
    while month <= last {
        let date = month.first_day() + chrono::Days::new(4);
        let tx = conn.transaction().expect("tx");
        if month.month == 1 {
            receipt = 0;
        }
        let before = receipt;
        let mut catch_up = Vec::new();
        for (n, id) in ids.iter().enumerate() {
            if rng.u8(0..100) >= 95 {
                behind[n] += 1;
                continue;
            }
            let pledge = 50 * (1 + n as i64 % 4);
            let fee = if fee_paid[n] { 0 } else { 20 };
            fee_paid[n] = true;
            let deposit = if rng.u8(0..10) == 0 { 100 } else { 0 };
            if behind[n] > 0 {
                let text = |baht: i64| {
                    if baht == 0 {
                        String::new()
                    } else {
                        baht.to_string()
                    }
                };
                catch_up.push(CollectionInput {
                    member: (n + 1).to_string(),
                    sajja: (pledge * (behind[n] + 1)).to_string(),
                    fine: (10 * behind[n]).to_string(),
                    fee: text(fee),
                    deposit: text(deposit),
                    ..Default::default()
                });
                behind[n] = 0;
                continue;
            }
            let (sajja, fee, deposit) = (
                Money::from_baht(pledge),
                Money::from_baht(fee),
                Money::from_baht(deposit),
            );
            receipt += 1;
            let mut e = NewEntry::new(
                date,
                EntryKind::Collection,
                format!("รับเงินสมาชิกเลขที่ {}", n + 1),
            );
            e.member_id = Some(id.clone());
            e.receipt = Some(format!("{}/{receipt:04}", month.year + 543));
            e.push(Posting::debit(CASH, sajja + fee + deposit));
            e.push(Posting::credit(SAJJA, sajja).for_member(id));
            e.push(Posting::credit(DEPOSITS, deposit).for_member(id));
            e.push(Posting::credit(ENTRANCE_FEES, fee).for_member(id));
            sajja::journal::post(&tx, &e).expect("post");
        }
        tx.execute(
            "INSERT INTO counter (name, last) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET last = last + excluded.last",
            rusqlite::params![format!("receipt:{}", month.year + 543), receipt - before],
        )
        .expect("counter");
        tx.commit().expect("commit");
        receipt += books
            .collect_batch(&date.to_string(), &catch_up)
            .expect("catch-up rows")
            .len() as i64;
        month = month.next();
        i += 1;
        if i % 12 == 0 {
            eprintln!("  built {i} months in {:.0} s", t.elapsed().as_secs_f64());
        }
    }
    drop(conn);
    drop(books);
    std::fs::rename(&tmp, path).expect("keep bench data");
    let _ = std::fs::remove_file(tmp.with_extension("db-wal"));
    eprintln!(
        "built {members} members × {years} years in {:.0} s",
        t.elapsed().as_secs_f64()
    );
}
