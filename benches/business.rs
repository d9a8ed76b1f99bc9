//! Speed of a busy community shop (release build):
//!
//! ```text
//! cargo bench --bench business                       # 50,000 sales in a year, 200 items
//! SAJJA_BENCH_SALES=5000 cargo bench --bench business
//! ```
//!
//! The shop sells every day of 2569 (January to November, inside the books' money window)
//! from 200 items, a third of the sales on members' credit, buying in whenever an item runs
//! low; every movement goes through the real buy and sell code (costing, stock rows, balanced
//! entries), a month per transaction. Built once and kept in `target/bench-data/`. Timed:
//! the business's report for the year (sales, cost of goods sold, expenses, profit by month,
//! stock on hand, members' purchases and debts), the stock on hand, and the businesses' part
//! of verify (every item replayed). Printed, never asserted; the target is under 300 ms for
//! the report.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sajja_core::business::stock::{BuyInput, SellInput};
use sajja_core::business::{BusinessInput, ItemInput};
use sajja_core::collection::CollectionInput;
use sajja_core::{Books, MemberInput, NewGroup};

const ITEMS: u32 = 200;
const MEMBERS: u32 = 300;

fn shop_file(sales: u32) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data dir");
    let path = dir.join(format!("shop-{sales}-v1.db"));
    if !path.exists() {
        build(&path, sales);
    }
    path
}

fn build(path: &Path, sales: u32) {
    let t = Instant::now();
    let tmp = path.with_extension("building.db");
    let _ = std::fs::remove_file(&tmp);
    let group = NewGroup {
        founded: "2026-01-01".into(),
        ..NewGroup::named("กลุ่มทดสอบร้านค้า")
    };
    let mut books = Books::create(&tmp, &group).expect("create");
    let members: Vec<MemberInput> = (0..MEMBERS)
        .map(|n| MemberInput {
            name: format!("นายสมาชิก{n} ทดสอบ"),
            joined: "2026-01-01".into(),
            shares: "1".into(),
            ..Default::default()
        })
        .collect();
    books.add_members(&members).expect("members");
    books
        .collect(&CollectionInput {
            date: "2026-01-01".into(),
            member: "1".into(),
            deposit: "50000000".into(),
            ..Default::default()
        })
        .expect("deposit");
    books
        .add_business(&BusinessInput {
            kind: "shop".into(),
            name: "ร้านค้าชุมชน".into(),
            capital: "40000000".into(),
            // The first day of sales: nothing of the shop may be dated before it opened.
            date: "2026-01-01".into(),
            ..Default::default()
        })
        .expect("shop");
    for n in 0..ITEMS {
        books
            .add_item(&ItemInput {
                business: "1".into(),
                name: format!("สินค้า {n}"),
                unit: "ชิ้น".into(),
                price: format!("{}", 20 + n % 80),
            })
            .expect("item");
    }
    let mut conn = rusqlite::Connection::open(&tmp).expect("open");
    let mut rng = fastrand::Rng::with_seed(16);
    let mut held = vec![0u32; ITEMS as usize];
    let days: Vec<chrono::NaiveDate> = (1..=11)
        .flat_map(|m| (1..=28).map(move |d| chrono::NaiveDate::from_ymd_opt(2026, m, d)))
        .flatten()
        .collect();
    let per_day = sales.div_ceil(days.len() as u32);
    let mut sold = 0;
    for month in 1..=11u32 {
        let tx = conn.transaction().expect("tx");
        for day in days.iter().filter(|d| chrono::Datelike::month(*d) == month) {
            let date = day.to_string();
            for _ in 0..per_day {
                if sold == sales {
                    break;
                }
                let item = rng.u32(0..ITEMS) as usize;
                let qty = rng.u32(1..4);
                if held[item] < qty {
                    let lot = 100 + rng.u32(0..100);
                    let unit = 15 + item as u32 % 70;
                    sajja_core::bench_support::stock_buy(
                        &tx,
                        &BuyInput {
                            business: "1".into(),
                            item: (item + 1).to_string(),
                            qty: lot.to_string(),
                            cost: format!("{}.{:02}", lot * unit, rng.u32(0..100)),
                            date: date.clone(),
                            from: String::new(),
                            supplier: "ผู้ค้าส่ง".into(),
                        },
                    )
                    .expect("buy");
                    held[item] += lot;
                }
                let member = rng.u32(0..3);
                sajja_core::bench_support::stock_sell(
                    &tx,
                    &SellInput {
                        business: "1".into(),
                        item: (item + 1).to_string(),
                        qty: qty.to_string(),
                        price: String::new(),
                        date: date.clone(),
                        member: if member == 0 {
                            String::new()
                        } else {
                            (1 + rng.u32(0..MEMBERS)).to_string()
                        },
                        credit: member == 2,
                    },
                )
                .expect("sell");
                held[item] -= qty;
                sold += 1;
            }
        }
        tx.commit().expect("commit");
        eprintln!(
            "  month {month}: {sold} sales in {:.0} s",
            t.elapsed().as_secs_f64()
        );
    }
    drop(conn);
    drop(books);
    std::fs::rename(&tmp, path).expect("keep the data");
}

fn main() {
    let sales = env_u32("SAJJA_BENCH_SALES", 50_000);
    let path = shop_file(sales);
    let books = Books::open(&path).expect("open");
    let r = books.business_report("1", "2569").expect("report");
    println!(
        "a busy shop: {sales} sales in 2569 ({} stock movements), sales {} cost {} profit {}",
        books
            .conn()
            .query_row("SELECT count(*) FROM stock_move", [], |r| r
                .get::<_, i64>(0))
            .expect("count"),
        r.totals.sales.grouped(),
        r.totals.cost_of_goods_sold.grouped(),
        r.totals.profit.grouped()
    );
    report("report business (the year)", 20, || {
        books.business_report("1", "2569").expect("report");
    });
    report("stock show (200 items)", 20, || {
        books.stock_on_hand("1", "2026-11-30").expect("stock");
    });
    report("verify (whole file, every item replayed)", 3, || {
        assert!(books.verify().expect("verify").ok);
    });
}

fn env_u32(key: &str, default: u32) -> u32 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Times `f` over `runs` runs and prints the median, min and max.
fn report(name: &str, runs: u32, mut f: impl FnMut()) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<44} median {:>8.2} ms   min {:>8.2} ms   max {:>8.2} ms   ({runs} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}
