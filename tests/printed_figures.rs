//! Printed and shown figures agree with the books (issue "money rules at the edges"): the
//! passbook keeps pledged savings and deposits apart and prints a fine charge with its amount;
//! the statement never counts a fine charged as paid and gives arrears as at its month end; the
//! fund report's loans in arrears equal the arrears list of its last day; the savings register
//! lists everyone who was a member in the year, with refunds in their own column.
//!
//! The group (founded 1 Jan 2568, share 50 บาท, fee 20 บาท, fine 10 บาท after the 10th):
//!
//! | date | member | what |
//! |---|---|---|
//! | 5 ม.ค. | 1 นายสมชาย ใจดี (2 shares) | สัจจะ 100, fee 20, deposit 1,234.50 |
//! | 5 ม.ค. | 2 นางมาลี ศรีสุข (1) | สัจจะ 50, fee 20 |
//! | 5 ม.ค. | 3 นายบุญมี มั่นคง (3) | สัจจะ 150, fee 20, deposit 1,000 |
//! | 5 ก.พ. | 3 | สัจจะ 150 |
//! | 5 ก.พ. | 4 นางสาวจันทร์ เพ็ญ (1, joined 1 ก.พ.) | สัจจะ 50, fee 20 |
//! | 15 ก.พ. | 3 | loan 2568/001: 600 บาท, 6 months, 1 % a month, equal principal |
//! | 20 ก.พ. | 2 | สัจจะ 50, late: fine 10 charged, not paid |
//! | 5 มี.ค. | 2 | สัจจะ 50 and the fine 10 |
//! | 5 มี.ค. | 3 | สัจจะ 150, loan 106 (principal 100, interest 6) |
//! | 5 มี.ค. | 4 | leaves: 50 returned |
//! | 5 เม.ย. | 3 | สัจจะ 150 only: April's instalment (105) left unpaid, a loan fine |
//! | 5 พ.ค. | 3 | pays what is due (after the April reports' month end) |

use std::path::Path;
use std::process::Command;

use crate::util::TempBooks;

fn group() -> TempBooks {
    let b = TempBooks::new();
    let t = "2025-01-02";
    b.json(
        t,
        &[
            "init",
            "--name",
            "กลุ่มออมทรัพย์เพื่อการผลิตบ้านตัวเลข",
            "--founded",
            "1/1/2568",
        ],
    );
    for (name, shares, joined) in [
        ("นายสมชาย ใจดี", "2", "1/1/2568"),
        ("นางมาลี ศรีสุข", "1", "1/1/2568"),
        ("นายบุญมี มั่นคง", "3", "1/1/2568"),
        ("นางสาวจันทร์ เพ็ญ", "1", "1/2/2568"),
    ] {
        b.json(
            t,
            &[
                "member", "add", "--name", name, "--joined", joined, "--shares", shares,
            ],
        );
    }
    let collect = |date: &str, typed: &str, member: &str, extra: &[&str]| {
        let mut args = vec!["collect", "--date", typed, "--member", member];
        args.extend_from_slice(extra);
        b.json(date, &args)
    };
    let jan = "2025-01-05";
    collect(
        jan,
        "5/1/2568",
        "1",
        &["--sajja", "100", "--fee", "20", "--deposit", "1234.50"],
    );
    collect(jan, "5/1/2568", "2", &["--sajja", "50", "--fee", "20"]);
    collect(
        jan,
        "5/1/2568",
        "3",
        &["--sajja", "150", "--fee", "20", "--deposit", "1000"],
    );
    let feb = "2025-02-05";
    collect(feb, "5/2/2568", "3", &["--sajja", "150"]);
    collect(feb, "5/2/2568", "4", &["--sajja", "50", "--fee", "20"]);
    crate::util::pay_out_a_600_baht_loan_to_member_3(&b, feb);
    let r = collect("2025-02-20", "20/2/2568", "2", &["--sajja", "50"]);
    assert_eq!(r["fines_charged"], "10.00", "{r}");
    let mar = "2025-03-05";
    collect(mar, "5/3/2568", "2", &["--sajja", "50", "--fine", "10"]);
    collect(
        mar,
        "5/3/2568",
        "3",
        &["--sajja", "150", "--loan-payment", "106"],
    );
    b.json(mar, &["member", "exit", "4", "--date", "5/3/2568"]);
    collect("2025-04-05", "5/4/2568", "3", &["--sajja", "150"]);
    b
}

/// `pdftotext -layout`, pages split at form feeds, runs of spaces made one.
fn pages(path: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not be run ({e}): install poppler-utils"));
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .split('\u{c}')
        .map(|p| {
            p.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

fn print(b: &TempBooks, today: &str, name: &str, args: &[&str]) -> Vec<String> {
    let out = b.dir.path().join(name);
    let out_s = out.display().to_string();
    let mut all = vec!["print"];
    all.extend_from_slice(args);
    all.extend(["--out", &out_s]);
    b.json(today, &all);
    pages(&out)
}

/// The line of `text` containing `needle`.
fn line_with<'t>(text: &'t str, needle: &str) -> &'t str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{text}"))
}

fn tokens(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

#[test]
fn passbook_keeps_pledged_savings_and_deposits_apart_and_prints_fines_charged() {
    let b = group();
    let today = "2025-05-10";
    // The A4 passbook: member 1's deposit of 1,234.50 and 100 of สัจจะ are two balances.
    let text = print(&b, today, "p1.pdf", &["passbook", "--member", "1"]).join("\n");
    assert!(
        !text.contains("1,334.50"),
        "savings and deposits mixed:\n{text}"
    );
    let jan = tokens(line_with(&text, "05/01/68"));
    for figure in ["100.00", "1,234.50"] {
        assert!(
            jan.iter().filter(|t| **t == figure).count() >= 2,
            "{figure} paid and held in its own columns: {jan:?}"
        );
    }
    assert!(text.contains("เงินสัจจะคงเหลือ 100.00 บาท"), "{text}");
    assert!(text.contains("เงินฝากคงเหลือ 1,234.50 บาท"), "{text}");

    // Member 2's late fine: its own line, with its amount.
    let text = print(&b, today, "p2.pdf", &["passbook", "--member", "2"]).join("\n");
    let charge = tokens(line_with(&text, "ค่าปรับส่งสัจจะช้า"));
    assert!(charge.contains(&"10.00"), "{charge:?}");
    let paid = tokens(line_with(&text, "05/03/68"));
    assert!(
        paid.contains(&"10.00"),
        "the fine paid on 5 March: {paid:?}"
    );

    // The continuation print into the member's own book, the same.
    let text = print(&b, today, "c1.pdf", &["passbook-continue", "--member", "1"]).join("\n");
    assert!(!text.contains("1,334.50"), "{text}");
    let jan = tokens(line_with(&text, "05/01/68"));
    assert!(
        jan.contains(&"1,234.50") && jan.iter().filter(|t| **t == "100.00").count() == 2,
        "{jan:?}"
    );
    let text = print(&b, today, "c2.pdf", &["passbook-continue", "--member", "2"]).join("\n");
    let charge = tokens(line_with(&text, "ปรับส่งช้า"));
    assert!(charge.contains(&"10.00"), "{charge:?}");
}

#[test]
fn statement_shows_fines_charged_apart_from_fines_paid_and_arrears_at_month_end() {
    let b = group();
    let today = "2025-05-10";
    // Member 3 pays what is due on 5 May, after the April statement's month end.
    let arrears = b.json(today, &["loan", "arrears", "--date", "30/4/2568"]);
    let owed = arrears["total"].as_str().expect("total").to_string();
    assert_ne!(owed, "0.00", "{arrears}");
    let due = b.json(today, &["due", "--date", "5/5/2568", "--member", "3"]);
    let total = due["members"][0]["total"]
        .as_str()
        .expect("total")
        .to_string();
    b.json(
        today,
        &[
            "collect",
            "--date",
            "5/5/2568",
            "--member",
            "3",
            "--sajja",
            "300",
            "--loan-payment",
            &loan_part(&due),
        ],
    );
    assert_ne!(total, "0.00");

    // February: member 2 was charged a fine of 10 and paid none of it.
    let feb = print(&b, today, "s2.pdf", &["statements", "--month", "2568-02"]);
    let m2 = page_of(&feb, "นางมาลี ศรีสุข");
    assert!(m2.contains("ปรับส่งสัจจะช้าในเดือนนี้ 10.00"), "{m2}");
    assert!(m2.contains("ชำระค่าปรับสัจจะ/เงินกู้ 0.00"), "{m2}");
    assert!(m2.contains("ค่าปรับสัจจะช้าค้างชำระ 10.00"), "{m2}");
    // March: paid, and nothing charged.
    let mar = print(&b, today, "s3.pdf", &["statements", "--month", "2568-03"]);
    let m2 = page_of(&mar, "นางมาลี ศรีสุข");
    assert!(m2.contains("ปรับส่งสัจจะช้าในเดือนนี้ 0.00"), "{m2}");
    assert!(m2.contains("ชำระค่าปรับสัจจะ/เงินกู้ 10.00"), "{m2}");
    // February's next instalment of member 3 as the books stood on 28 Feb, though it was
    // paid on 5 March.
    let m3 = page_of(&feb, "นายบุญมี มั่นคง");
    assert!(m3.contains("งวดถัดไป 106.00 (5 มี.ค. 2568)"), "{m3}");
    // April, as at 30 April: April's savings and April's instalment (with its fine) unpaid,
    // exactly what the arrears list of that day says, though all was paid on 5 May.
    let apr = print(&b, today, "s4.pdf", &["statements", "--month", "2568-04"]);
    let m3 = page_of(&apr, "นายบุญมี มั่นคง");
    assert!(m3.contains("ค้างส่ง ณ สิ้นเดือน ไม่มี"), "{m3}");
    assert!(
        m3.contains(&format!("ค้างชำระรวมค่าปรับ {owed}")),
        "{owed}:\n{m3}"
    );
    // Member 1 paid January only: February to April owed at the end of April.
    let m1 = page_of(&apr, "นายสมชาย ใจดี");
    assert!(m1.contains("ค้างส่ง ณ สิ้นเดือน 300.00 (3 เดือน)"), "{m1}");
}

/// The loan part of a member's due row (instalment, arrears and loan fines).
fn loan_part(due: &serde_json::Value) -> String {
    due["members"][0]["loan"]
        .as_str()
        .expect("loan")
        .to_string()
}

fn page_of<'p>(pages: &'p [String], name: &str) -> &'p str {
    pages
        .iter()
        .find(|p| p.contains(name))
        .unwrap_or_else(|| panic!("no page for {name}"))
}

#[test]
fn fund_report_loans_in_arrears_equal_the_arrears_list_of_its_last_day() {
    let b = group();
    let list = b.json("2025-05-01", &["loan", "arrears", "--date", "30/4/2568"]);
    let owed = list["total"].as_str().expect("total").to_string();
    assert_ne!(
        owed, "0.00",
        "April's instalment is overdue on 30 April: {list}"
    );
    // Member 3 pays everything on 5 May; the April report still says what 30 April said.
    let due = b.json(
        "2025-05-05",
        &["due", "--date", "5/5/2568", "--member", "3"],
    );
    b.json(
        "2025-05-05",
        &[
            "collect",
            "--date",
            "5/5/2568",
            "--member",
            "3",
            "--sajja",
            "300",
            "--loan-payment",
            &loan_part(&due),
        ],
    );
    let text = print(
        &b,
        "2025-05-10",
        "f4.pdf",
        &["fund-report", "--month", "2568-04"],
    )
    .join("\n");
    assert!(
        text.contains(&format!("ลูกหนี้ค้างชำระ (1 ราย) {owed}")),
        "{owed}:\n{text}"
    );
    // March: the instalment of 5 March was paid that day, nothing is in arrears.
    let text = print(
        &b,
        "2025-05-10",
        "f3.pdf",
        &["fund-report", "--month", "2568-03"],
    )
    .join("\n");
    assert!(text.contains("ลูกหนี้ค้างชำระ (0 ราย) 0.00"), "{text}");
}

#[test]
fn savings_register_lists_every_member_of_the_year_with_refunds_apart() {
    let b = group();
    let r = b.json("2025-05-10", &["register", "--year", "2568"]);
    let rows = r["rows"].as_array().expect("rows");
    let numbers: Vec<u64> = rows.iter().map(|x| x["member"].as_u64().unwrap()).collect();
    assert_eq!(
        numbers,
        [1, 2, 3, 4],
        "member 4 joined and left in the year"
    );
    let m4 = &rows[3];
    assert_eq!(m4["months"][1], "50.00", "{m4}");
    assert_eq!(
        m4["months"][2], "0.00",
        "the refund is not a contribution: {m4}"
    );
    assert_eq!(m4["total"], "50.00");
    assert_eq!(m4["refund"], "50.00");
    assert_eq!(m4["closing"], "0.00");
    assert_eq!(r["total"], "900.00", "{r}");
    assert_eq!(r["refund_total"], "50.00");
    // The printed register: a refund column, member 4 on it.
    let text = print(&b, "2025-05-10", "r.pdf", &["register", "--year", "2568"]).join("\n");
    assert!(text.contains("พ้นสภาพ"), "{text}");
    let m4 = tokens(line_with(&text, "นางสาวจันทร์"));
    assert!(m4.iter().filter(|t| **t == "50").count() >= 3, "{m4:?}");
}
