//! Speed of the collection day on a large synthetic group (release build):
//!
//! ```text
//! cargo bench --bench bench                 # 20,000 members, 10 years
//! SAJJA_BENCH_MEMBERS=2000 SAJJA_BENCH_YEARS=2 cargo bench --bench bench
//! ```
//!
//! The group is built once through the real collection path (one batch per month) and kept in
//! `target/bench-data/`, so later runs only time the operations. Timings are printed, never
//! asserted: the targets (1,000-row batch < 100 ms, due list < 200 ms) are checked by reading.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use sajja::collection::CollectionInput;
use sajja::thai::YearMonth;
use sajja::{Books, MemberInput, NewGroup};

fn env_u32(key: &str, default: u32) -> u32 {
    std::env::var(key).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
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
    let mut books = Books::open(&work).expect("open bench data");
    let last = last_month();

    let due_date = last.next().first_day() + chrono::Days::new(4);
    let due_text = due_date.to_string();
    report("due list, all members", 5, || {
        let list = books.due(&due_text, None).expect("due");
        assert_eq!(list.members.len() as u32, members);
    });

    // 1,000 rows posted in one transaction, on a fresh month each time.
    let mut month = last.next();
    let mut offset = 0u32;
    report("collection batch of 1,000 rows", 5, || {
        let date = month.first_day() + chrono::Days::new(4);
        let rows: Vec<CollectionInput> = (1..=1000)
            .map(|i| CollectionInput {
                member: (offset + i).to_string(),
                sajja: "100".into(),
                deposit: if i % 7 == 0 { "200".into() } else { String::new() },
                ..Default::default()
            })
            .collect();
        books.collect_batch(&date.to_string(), &rows).expect("batch");
        offset += 1000;
        if offset + 1000 > members {
            offset = 0;
            month = month.next();
        }
    });
    report("member balance", 50, || {
        books.balance(members / 2, "").expect("balance");
    });
    report("cash book of a month", 5, || {
        books.cashbook(&last.to_string()).expect("cashbook");
    });
    report("verify whole file", 1, || {
        assert!(books.verify().expect("verify").ok);
    });
    drop(books);
    let _ = std::fs::remove_file(&work);
}

fn report(name: &str, runs: u32, mut f: impl FnMut()) {
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
    dir.join(format!("group-{members}-{years}y-v1.db"))
}

/// The synthetic history always ends in December 2025 (2568), whatever today is.
fn last_month() -> YearMonth {
    YearMonth::new(2025, 12).expect("month")
}

/// Builds the group month by month through `collect_batch`: every member pays the pledge
/// (a few skip a month and catch up, some deposit), the treasurer banks the cash.
fn build(path: &PathBuf, members: u32, years: u32) {
    let t = Instant::now();
    let last = last_month();
    let mut first = last;
    for _ in 1..years * 12 {
        first = first.prev();
    }
    let tmp = path.with_extension("building.db");
    let _ = std::fs::remove_file(&tmp);
    std::env::set_var("SAJJA_TODAY", last.next().first_day().to_string());
    let group = NewGroup { founded: first.first_day().to_string(), ..NewGroup::named("กลุ่มทดสอบความเร็ว") };
    let mut books = Books::create(&tmp, &group).expect("create");
    let mut rng = fastrand::Rng::with_seed(7);
    for n in 0..members {
        books
            .add_member(&MemberInput {
                name: format!("นายสมาชิก{n} ทดสอบ"),
                joined: first.first_day().to_string(),
                shares: (1 + n % 4).to_string(),
                ..Default::default()
            })
            .expect("member");
    }
    let mut month = first;
    let mut i = 0;
    while month <= last {
        let date = month.first_day() + chrono::Days::new(4);
        let paying: Vec<(u32, bool)> = (1..=members)
            .filter_map(|n| (rng.u8(0..100) < 95).then(|| (n, rng.u8(0..10) == 0)))
            .collect();
        let rows: Vec<CollectionInput> = paying
            .into_iter()
            .map(|(n, deposits)| CollectionInput {
                member: n.to_string(),
                sajja: (50 * (1 + (n - 1) % 4)).to_string(),
                fee: if i == 0 { "20".into() } else { String::new() },
                deposit: if deposits { "100".into() } else { String::new() },
                ..Default::default()
            })
            .collect();
        books.collect_batch(&date.to_string(), &rows).expect("month batch");
        month = month.next();
        i += 1;
        if i % 12 == 0 {
            eprintln!("  built {i} months in {:.0} s", t.elapsed().as_secs_f64());
        }
    }
    drop(books);
    std::fs::rename(&tmp, path).expect("keep bench data");
    eprintln!("built {members} members × {years} years in {:.0} s", t.elapsed().as_secs_f64());
}
