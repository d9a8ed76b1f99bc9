//! What the collection and documents benchmarks share: the size from the environment and the
//! synthetic group they both time (built once, kept in `target/bench-data/`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sajja_core::collection::CollectionInput;
use sajja_core::thai::YearMonth;
use sajja_core::{Books, MemberInput, NewGroup};

pub fn env_u32(key: &str, default: u32) -> u32 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Times `f` over `runs` runs and prints the median, min and max. `SAJJA_BENCH_ONLY=batch`
/// times only what has "batch" in its name (for profiling).
pub fn report(name: &str, runs: u32, mut f: impl FnMut()) {
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
        "{name:<44} median {:>8.2} ms   min {:>8.2} ms   max {:>8.2} ms   ({runs} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The group of `members` with `years` of collection history, built on first use.
pub fn group_file(members: u32, years: u32) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data dir");
    let path = dir.join(format!("group-{members}-{years}y-v3.db"));
    if !path.exists() {
        build(&path, members, years);
    }
    path
}

/// The synthetic history always ends in December 2025 (2568), whatever today is.
pub fn last_month() -> YearMonth {
    YearMonth::new(2025, 12).expect("month")
}

/// Builds the group: members in one transaction, then ten years of collection days. A member
/// pays on the 5th of 95 % of months; one who skipped pays the arrears and the late fines at
/// the next collection day. On-time rows are written month by month through `bench_support::post`
/// — the same balanced, hash-chained entries (receipt number, cash debit, savings, deposit and
/// fee credits) a collection row writes, without re-checking each row, so the data takes
/// minutes, not hours. Catch-up rows go through the real collection path, which charges the
/// fines. The history ends with about 5 % of members behind for December, the late rows of
/// the next collection day.
fn build(path: &Path, members: u32, years: u32) {
    use sajja_core::account::{CASH, DEPOSITS, ENTRANCE_FEES, SAJJA};
    use sajja_core::journal::{EntryKind, NewEntry, Posting};
    use sajja_core::Money;

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
            sajja_core::bench_support::post(&tx, &e).expect("post");
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
