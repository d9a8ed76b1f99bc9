//! Bringing a large group's books in, and the savings register out (release build):
//!
//! ```text
//! cargo bench --bench import                      # 20,000 members
//! SAJJA_BENCH_MEMBERS=2000 cargo bench --bench import
//! ```
//!
//! - Import of the member register (.xlsx, one row per member with an ID number, address and
//!   pledge) and of their opening balances (savings with the last month paid, deposits,
//!   fines): the whole use case each time, reading the workbook, checking every row, posting,
//!   committing.
//! - Export of the pledged-savings register of the cut-over year to .xlsx for all members.
//!
//! The workbook is written here with rust_xlsxwriter, as a spreadsheet program would. Numbers
//! are printed, never asserted.

use rust_xlsxwriter::Workbook;
use sajja_core::import::{Kind, Options};
use sajja_core::{Books, NewGroup};
use std::time::{Duration, Instant};

fn env_u32(key: &str, default: u32) -> u32 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn id_card(seed: u64) -> String {
    let body = format!("{:012}", 110_000_000_000u64 + seed * 7919);
    let d: Vec<u32> = body.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum: u32 = d.iter().enumerate().map(|(i, v)| v * (13 - i as u32)).sum();
    format!("{body}{}", (11 - sum % 11) % 10)
}

fn main() {
    let members = env_u32("SAJJA_BENCH_MEMBERS", 20_000);
    std::env::set_var("SAJJA_TODAY", "2025-07-05");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("group.xlsx");

    let t = Instant::now();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("สมาชิก").unwrap();
    for (c, h) in [
        "เลขที่สมาชิก",
        "ชื่อ-สกุล",
        "เลขประจำตัวประชาชน",
        "วันที่เข้าเป็นสมาชิก",
        "จำนวนหุ้น",
        "ที่อยู่",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let joined = |i: u32| {
        let m = (i * 7) % 96; // 2560-01 … 2567-12
        (2017 + (m / 12) as i32, 1 + m % 12)
    };
    for i in 1..=members {
        let r = i;
        let (y, m) = joined(i);
        ws.write_number(r, 0, f64::from(i)).unwrap();
        ws.write_string(
            r,
            1,
            format!("นางสมศรี ใจงาม{}", "ก".repeat((i % 5) as usize)),
        )
        .unwrap();
        ws.write_string(r, 2, id_card(u64::from(i))).unwrap();
        ws.write_string(r, 3, format!("1/{m}/{}", y + 543)).unwrap();
        ws.write_number(r, 4, f64::from(1 + i % 10)).unwrap();
        ws.write_string(r, 5, format!("{} หมู่ 5 ต.หนองแวง", i % 300))
            .unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("ยอดยกมาสมาชิก").unwrap();
    for (c, h) in ["member", "sajja", "paid_through", "deposits", "fines"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 1..=members {
        let (y, m) = joined(i);
        let months = (2025 - y) * 12 + 6 - m as i32 + 1;
        let sajja = f64::from(1 + i % 10) * 50.0 * f64::from(months);
        ws.write_number(i, 0, f64::from(i)).unwrap();
        ws.write_number(i, 1, sajja).unwrap();
        ws.write_string(i, 2, "2568-06").unwrap();
        ws.write_number(i, 3, f64::from(i % 7) * 100.0).unwrap();
        ws.write_number(i, 4, if i % 9 == 0 { 10.0 } else { 0.0 })
            .unwrap();
    }
    wb.save(&file).unwrap();
    println!(
        "workbook: {members} members and their opening balances, written in {:.0} ms ({} KB)",
        ms(t.elapsed()),
        std::fs::metadata(&file).unwrap().len() / 1024
    );

    let mut books = Books::create(
        &dir.path().join("books.db"),
        &NewGroup {
            founded: "1/1/2560".into(),
            max_shares: "20".into(),
            ..NewGroup::named("กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง")
        },
    )
    .expect("books");

    let total = Instant::now();
    let t = Instant::now();
    let r = books
        .import(Kind::Members, &file, None, &Options::default())
        .expect("members");
    assert!(
        r.errors.is_empty(),
        "{:?}",
        &r.errors[..r.errors.len().min(3)]
    );
    let members_ms = ms(t.elapsed());
    let t = Instant::now();
    let r = books
        .import(
            Kind::Opening,
            &file,
            None,
            &Options {
                date: "1/7/2568".into(),
                ..Options::default()
            },
        )
        .expect("opening");
    assert!(
        r.errors.is_empty(),
        "{:?}",
        &r.errors[..r.errors.len().min(3)]
    );
    let opening_ms = ms(t.elapsed());
    println!("import members {:>27.0} ms", members_ms);
    println!("import opening balances {:>18.0} ms", opening_ms);
    println!(
        "import, both {:>29.0} ms  (target: under 5,000 ms)",
        ms(total.elapsed())
    );

    let out = dir.path().join("register.xlsx");
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let w = sajja_core::export::write(&books, "register", "2568", "", &out).expect("export");
        best = best.min(ms(t.elapsed()));
        assert_eq!(w.rows as u32, members);
    }
    println!(
        "export savings register {:>17.0} ms  (best of 3, {members} members; target: under 2,000 ms)",
        best
    );
}
