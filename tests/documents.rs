//! The printed documents of a scripted small group, through the real `sajja print` command:
//! the figures equal the books (hand-checked), the text round-trips through `pdftotext`
//! (names, amounts and amounts in words exactly), the group's digits and bahttext settings are
//! obeyed, the passbook continues on the right line, and refusals write nothing.
//!
//! The group (founded 1 Jan 2568, share 50 บาท, fee 20 บาท):
//!
//! | date | member | row | receipt |
//! |---|---|---|---|
//! | 5 ม.ค. | 1 นายสมชาย ใจดี | สัจจะ 100, fee 20, deposit 500 | 0001: 620 |
//! | 5 ม.ค. | 2 นางมาลี ศรีสุข | สัจจะ 50, fee 20 | 0002: 70 |
//! | 5 ม.ค. | 3 นายบุญมี มั่นคง | สัจจะ 150, fee 20, deposit 1,000 | 0003: 1,170 |
//! | 5 ก.พ. | 1 | สัจจะ 100, withdraw 200 | 0004: 100 received, 200 paid |
//! | 5 ก.พ. | 2 | สัจจะ 50, deposit 51 | 0005: 101 |
//! | 5 ก.พ. | 3 | สัจจะ 150 | 0006: 150 |
//! | 10 ก.พ. | — | supplies 30 from the expense fund | |
//! | 15 ก.พ. | 3 | loan 2568/001: 600 บาท, 6 months, 1 % a month, equal principal | |
//! | 5 มี.ค. | 1, 2, 3 | สัจจะ; member 3 also 106 (principal 100, interest 6) | 0007–0009 |
//! | 6 มี.ค. | 2 | 0008 reversed (บันทึกผิดวัน), then สัจจะ 50 again | 0010: 50 |

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::TempBooks;

const GROUP: &str = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านทดสอบ";
/// "Today" for the prints: after the scripted months.
const APRIL: &str = "2025-04-01";

fn group() -> TempBooks {
    let b = TempBooks::new();
    let t = "2025-01-02";
    b.json(
        t,
        &[
            "init",
            "--name",
            GROUP,
            "--founded",
            "1/1/2568",
            "--village",
            "บ้านทดสอบ",
            "--moo",
            "3",
            "--tambon",
            "หนองแวง",
            "--amphoe",
            "เมืองขอนแก่น",
            "--province",
            "ขอนแก่น",
        ],
    );
    for (name, shares) in [
        ("นายสมชาย ใจดี", "2"),
        ("นางมาลี ศรีสุข", "1"),
        ("นายบุญมี มั่นคง", "3"),
    ] {
        b.json(
            t,
            &[
                "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", shares,
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
        &["--sajja", "100", "--fee", "20", "--deposit", "500"],
    );
    collect(jan, "5/1/2568", "2", &["--sajja", "50", "--fee", "20"]);
    collect(
        jan,
        "5/1/2568",
        "3",
        &["--sajja", "150", "--fee", "20", "--deposit", "1000"],
    );
    let feb = "2025-02-05";
    collect(
        feb,
        "5/2/2568",
        "1",
        &["--sajja", "100", "--withdraw", "200"],
    );
    collect(feb, "5/2/2568", "2", &["--sajja", "50", "--deposit", "51"]);
    collect(feb, "5/2/2568", "3", &["--sajja", "150"]);
    b.json(
        "2025-02-10",
        &[
            "expense",
            "--date",
            "10/2/2568",
            "--amount",
            "30",
            "--memo",
            "ซื้อสมุดบัญชี",
            "--category",
            "supplies",
        ],
    );
    crate::util::pay_out_a_600_baht_loan_to_member_3(&b, "2025-02-10");
    let mar = "2025-03-05";
    collect(mar, "5/3/2568", "1", &["--sajja", "100"]);
    collect(mar, "5/3/2568", "2", &["--sajja", "50"]);
    collect(
        mar,
        "5/3/2568",
        "3",
        &["--sajja", "150", "--loan-payment", "106"],
    );
    b.json(
        "2025-03-06",
        &[
            "reverse",
            "--receipt",
            "2568/0008",
            "--reason",
            "บันทึกผิดวัน",
            "--date",
            "6/3/2568",
        ],
    );
    collect("2025-03-06", "6/3/2568", "2", &["--sajja", "50"]);
    b
}

/// `pdftotext -layout` of the whole file (poppler-utils; CI installs it).
fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not be run ({e}): install poppler-utils"));
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn assert_has(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "missing {n:?} in:\n{text}");
    }
}

/// Prints with `sajja print … --out <dir>/<name>` on `today`; returns the JSON and the text.
fn print(b: &TempBooks, today: &str, name: &str, args: &[&str]) -> (serde_json::Value, String) {
    let out = b.dir.path().join(name);
    let mut all = vec!["print"];
    all.extend_from_slice(args);
    let out_s = out.display().to_string();
    all.extend(["--out", &out_s]);
    let v = b.json(today, &all);
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 1, "{v}");
    assert_eq!(files[0], out_s.as_str());
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    let text = pdftotext(&out);
    (v, text)
}

fn open(b: &TempBooks) -> sajja_core::Books {
    sajja_core::Books::open(&b.path).expect("open books")
}

#[test]
fn passbook_history_shows_every_entry_with_running_balances() {
    let b = group();
    // Member 3 borrowed: the loan columns appear, with the charge word of the group.
    let (v, text) = print(&b, APRIL, "p3.pdf", &["passbook", "--member", "3"]);
    assert_eq!(v["document"], "passbook");
    assert_eq!(v["pages"], 1);
    assert_has(
        &text,
        &[
            GROUP,
            "สมุดคู่ฝาก",
            "สมาชิกเลขที่ 3  นายบุญมี มั่นคง",
            "ตั้งแต่เริ่มเป็นสมาชิก ถึง 1 เมษายน พ.ศ. 2568",
            "ส่งต้น",
            "ดอกเบี้ย",
            "เงินต้น",
            "05/01/68",
            "ใบเสร็จ 2568/0003",
            "150.00",
            "รับเงินกู้",
            "600.00",
            "450.00",
            "1,000.00",
            "100.00",
            "6.00",
            "500.00",
            "เงินสัจจะคงเหลือ 450.00 บาท (สี่ร้อยห้าสิบบาทถ้วน)",
            "เงินฝากคงเหลือ 1,000.00 บาท (หนึ่งพันบาทถ้วน)",
            "เงินกู้คงเหลือ 500.00 บาท (ห้าร้อยบาทถ้วน)",
        ],
    );

    // Member 1 never borrowed: no loan columns. February only: brought forward from January.
    let (_, text) = print(
        &b,
        APRIL,
        "p1.pdf",
        &[
            "passbook",
            "--member",
            "1",
            "--from",
            "1/2/2568",
            "--to",
            "28/2/2568",
        ],
    );
    assert_has(
        &text,
        &[
            "นายสมชาย ใจดี",
            "ตั้งแต่ 1 กุมภาพันธ์ พ.ศ. 2568 ถึง 28 กุมภาพันธ์ พ.ศ. 2568",
            "ยอดยกมา",
            "500.00",
            "ใบเสร็จ 2568/0004",
            "200.00",
            "300.00",
            "(สองร้อยบาทถ้วน)",
            "(สามร้อยบาทถ้วน)",
        ],
    );
    assert!(
        !text.contains("ส่งต้น") && !text.contains("2568/0007"),
        "{text}"
    );

    // Member 2: the reversed receipt is marked, the reversal is its own line.
    let (_, text) = print(&b, APRIL, "p2.pdf", &["passbook", "--member", "2"]);
    assert_has(
        &text,
        &[
            "ใบเสร็จ 2568/0008 (ยกเลิก)",
            "รายการหักล้าง",
            "ใบเสร็จ 2568/0010",
            "150.00",
            "(หนึ่งร้อยห้าสิบบาทถ้วน)",
            "(ห้าสิบเอ็ดบาทถ้วน)",
        ],
    );

    // The model behind it: the account history, hand-checked.
    let h = open(&b).account_history(3, "", "").unwrap();
    let got: Vec<(String, String, String, String)> = h
        .lines
        .iter()
        .map(|l| {
            (
                l.saved.to_string(),
                l.balance.to_string(),
                l.principal_paid.to_string(),
                l.loan_balance.to_string(),
            )
        })
        .collect();
    let want = [
        ("1150.00", "1150.00", "0.00", "0.00"),
        ("150.00", "1300.00", "0.00", "0.00"),
        ("0.00", "1300.00", "0.00", "600.00"),
        ("150.00", "1450.00", "100.00", "500.00"),
    ];
    assert_eq!(
        got,
        want.map(|(a, b, c, d)| (a.into(), b.into(), c.into(), d.into()))
    );
}

#[test]
fn receipts_one_a_day_and_a_cancelled_one() {
    let b = group();
    let (_, text) = print(&b, APRIL, "r5.pdf", &["receipt", "--receipt", "2568/0005"]);
    assert_has(
        &text,
        &[
            GROUP,
            "บ้านทดสอบ หมู่ที่ 3 ตำบลหนองแวง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น",
            "ใบเสร็จรับเงิน",
            "เลขที่ 2568/0005",
            "วันที่ 5 กุมภาพันธ์ พ.ศ. 2568",
            "ได้รับเงินจาก  นางมาลี ศรีสุข  สมาชิกเลขที่ 2",
            "เงินสัจจะ",
            "50.00",
            "เงินฝาก",
            "51.00",
            "รวมเงินที่ได้รับ",
            "101.00",
            "จำนวนเงิน (ตัวอักษร)  หนึ่งร้อยเอ็ดบาทถ้วน",
            "ผู้ชำระเงิน",
            "ผู้รับเงิน (เหรัญญิก)",
        ],
    );
    assert!(!text.contains("ยกเลิก"), "{text}");

    // A withdrawal in the row: the receipt is for the 100 received only; the 200 paid out
    // is on its own voucher, which the receipt names.
    let (_, text) = print(&b, APRIL, "r4.pdf", &["receipt", "--receipt", "๒๕๖๘/๐๐๐๔"]);
    assert_has(&text, &["หนึ่งร้อยบาทถ้วน", "ดูใบถอนเงินเลขที่ 2568/0001"]);
    assert!(
        !text.contains("200.00") && !text.contains("ถอนเงินฝาก"),
        "{text}"
    );

    // The reversed receipt is printed marked ยกเลิก with when and why.
    let (_, text) = print(&b, APRIL, "r8.pdf", &["receipt", "--receipt", "2568/0008"]);
    assert_has(
        &text,
        &["ยกเลิก", "ใบเสร็จนี้ยกเลิกแล้ว เมื่อ 6 มี.ค. 2568 เหตุผล: บันทึกผิดวัน"],
    );

    // A whole day: three receipts on one A4 page, in order.
    let (v, text) = print(&b, APRIL, "day.pdf", &["receipt", "--date", "5/1/2568"]);
    assert_eq!(v["pages"], 1);
    let at = |n: &str| {
        text.find(n)
            .unwrap_or_else(|| panic!("{n} missing:\n{text}"))
    };
    assert!(at("2568/0001") < at("2568/0002") && at("2568/0002") < at("2568/0003"));
    assert_has(
        &text,
        &[
            "หกร้อยยี่สิบบาทถ้วน",
            "เจ็ดสิบบาทถ้วน",
            "หนึ่งพันหนึ่งร้อยเจ็ดสิบบาทถ้วน",
            "ค่าสมัครและค่าธรรมเนียมแรกเข้า",
        ],
    );
}

#[test]
fn statements_one_page_per_member_with_hand_checked_figures() {
    let b = group();
    let (v, text) = print(&b, APRIL, "st.pdf", &["statements", "--month", "3/2568"]);
    assert_eq!(v["pages"], 3);
    assert_has(
        &text,
        &[
            "รายงานบัญชีสมาชิกประจำเดือน",
            "เดือนมีนาคม พ.ศ. 2568",
            "สมาชิกเลขที่ 3 นายบุญมี มั่นคง",
            "สัจจะที่ตั้งไว้ เดือนละ 3 หุ้น เป็นเงิน 150.00 บาท",
            "450.00",
            "105.00 (5 เม.ย. 2568)",
            "1,450.00 บาท",
            "(หนึ่งพันสี่ร้อยห้าสิบบาทถ้วน)",
            "นางมาลี ศรีสุข",
            "(สองร้อยเอ็ดบาทถ้วน)",
            "นายสมชาย ใจดี",
            "(หกร้อยบาทถ้วน)",
        ],
    );
    // The model: member 3 in March.
    let list = open(&b).statements("2568-03").unwrap();
    assert_eq!(list.len(), 3);
    let s = &list[2];
    assert_eq!(s.name, "นายบุญมี มั่นคง");
    let m = |x: sajja_core::Money| x.to_string();
    assert_eq!(
        (
            m(s.sajja_paid),
            m(s.sajja_total),
            m(s.deposits_closing),
            m(s.loan_principal_paid),
            m(s.loan_interest_paid),
            m(s.loan_balance),
            m(s.next_installment),
        ),
        (
            "150.00".into(),
            "450.00".into(),
            "1000.00".into(),
            "100.00".into(),
            "6.00".into(),
            "500.00".into(),
            "105.00".into()
        )
    );
    assert_eq!(
        sajja_core::documents::statement::total_held(&list).to_string(),
        "2251.00",
        "600 + 201 + 1,450"
    );
}

/// A loan owed only in arrears (its last instalment passed, nothing paid since March): the
/// statement's next instalment is the amount due now, never a dash or a date to come.
#[test]
fn a_statement_after_the_last_instalment_shows_what_is_due_now() {
    let b = group();
    let (_, text) = print(
        &b,
        "2025-10-01",
        "st9.pdf",
        &["statements", "--month", "9/2568"],
    );
    let page = text
        .split('\u{c}')
        .find(|p| p.contains("นายบุญมี มั่นคง"))
        .expect("member 3's page");
    // The value may wrap under its label: what stands between it and the next line's label.
    let next = page
        .split("งวดถัดไป")
        .nth(1)
        .and_then(|rest| rest.split("ค้างชำระรวมค่าปรับ").next())
        .expect("the next instalment line")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        next.starts_with("ค้างชำระ ") && next.ends_with("ถึงกำหนดแล้ว"),
        "{next:?} in:\n{page}"
    );
    let list = open(&b).statements("2568-09").unwrap();
    let s = &list[2];
    assert!(s.next_regular.is_zero(), "no instalment after August");
    assert!(
        next.contains(&s.loan_arrears.grouped()),
        "{next}: {}",
        s.loan_arrears
    );
}

#[test]
fn fund_report_keeps_the_expense_fund_apart() {
    let b = group();
    let (_, text) = print(
        &b,
        APRIL,
        "fund.pdf",
        &["fund-report", "--month", "2568-02"],
    );
    assert_has(
        &text,
        &[
            "รายงานฐานะการเงินประจำเดือน",
            "เดือนกุมภาพันธ์ พ.ศ. 2568",
            "เงินสดรับ",
            "เงินสดจ่าย",
            "รวมเงินสดรับ",
            "351.00",
            "830.00",
            "รายได้และค่าใช้จ่ายประจำเดือน",
            "คณะกรรมการตรวจสอบ",
            "ประทับตรากลุ่ม",
            "จ่ายเงินกู้ให้สมาชิก",
            "ถอนเงินฝากสมาชิก",
            "ค่าวัสดุและเครื่องเขียน",
            "1,860.00",
            "1,381.00",
            "ทุนดำเนินการ",
            "ทุนค่าใช้สอย",
            "1,351.00",
            "สมาชิก ณ สิ้นเดือน 3 คน",
            "เหรัญญิก ผู้จัดทำรายงาน",
            "ประธานกรรมการ ผู้ตรวจรายงาน",
        ],
    );
    let r = open(&b).fund_report("2568-02").unwrap();
    let m = |x: sajja_core::Money| x.to_string();
    assert_eq!(m(r.receipts_total), "351.00");
    assert_eq!(m(r.payments_total), "830.00");
    assert_eq!(
        (
            m(r.cash.opening),
            m(r.cash.receipts),
            m(r.cash.payments),
            m(r.cash.closing)
        ),
        (
            "1860.00".into(),
            "251.00".into(),
            "730.00".into(),
            "1381.00".into()
        ),
        "cash in: 101 + 150; out: 100 net of member 1's row, 30 supplies, 600 loan"
    );
    assert_eq!(m(r.sajja_total), "600.00");
    assert_eq!(m(r.deposits_total), "1351.00");
    assert_eq!(m(r.loans_outstanding), "600.00");
    assert_eq!(
        (
            m(r.expense_fund_opening),
            m(r.expense_fund_in),
            m(r.expense_fund_out),
            m(r.expense_fund)
        ),
        (
            "60.00".into(),
            "0.00".into(),
            "30.00".into(),
            "30.00".into()
        )
    );
    let supplies = r
        .payments
        .iter()
        .find(|l| l.label == "ค่าวัสดุและเครื่องเขียน")
        .unwrap();
    assert_eq!(supplies.fund, "expense");
    assert!(r.receipts.iter().all(|l| l.fund == "operating"));
    let jan = open(&b).fund_report("2568-01").unwrap();
    let fees = jan
        .receipts
        .iter()
        .find(|l| l.label == "ค่าสมัครและค่าธรรมเนียมแรกเข้า")
        .unwrap();
    assert_eq!(
        (fees.fund.as_str(), m(fees.amount)),
        ("expense", "60.00".into())
    );
    assert_eq!(m(jan.expense_fund_in), "60.00");
}

#[test]
fn cash_book_and_savings_register() {
    let b = group();
    let (_, text) = print(&b, APRIL, "cb.pdf", &["cashbook", "--month", "2568-02"]);
    assert_has(
        &text,
        &[
            "สมุดเงินสด",
            "เดือนกุมภาพันธ์ พ.ศ. 2568",
            "ยอดยกมา",
            "1,860.00",
            "2568/0005",
            "ซื้อสมุดบัญชี",
            "1,381.00",
            "รวมทั้งเดือน / ยอดคงเหลือยกไป",
            "251.00",
            "730.00",
        ],
    );
    let (_, text) = print(&b, APRIL, "reg.pdf", &["register", "--year", "2568"]);
    assert_has(
        &text,
        &[
            "ทะเบียนคุมเงินสัจจะ",
            "ปีบัญชี 2568 (1 มกราคม พ.ศ. 2568 ถึง 31 ธันวาคม พ.ศ. 2568)",
            "หน่วย: บาท",
            "นายสมชาย ใจดี",
            "นางมาลี ศรีสุข",
            "นายบุญมี มั่นคง",
            "ม.ค.",
            "ธ.ค.",
        ],
    );
    // Totals: January 300, February 300, March 300 (member 2's March paid, reversed, paid).
    let r = open(&b).sajja_register("2568").unwrap();
    let totals: Vec<String> = r.month_totals.iter().map(|m| m.to_string()).collect();
    assert_eq!(&totals[..4], ["300.00", "300.00", "300.00", "0.00"]);
    assert_eq!(r.total.to_string(), "900.00");
    let last_line = text
        .lines()
        .find(|l| l.contains("รวม") && l.contains("900"))
        .unwrap_or_else(|| panic!("no totals line:\n{text}"));
    assert!(last_line.contains("300"), "{last_line}");
}

#[test]
fn thai_digits_and_the_bahttext_convention_follow_the_settings() {
    let b = group();
    for (key, value) in [("digits", "thai"), ("bahttext", "libreoffice")] {
        b.json(
            APRIL,
            &["settings", "set", key, value, "--from", "1/1/2568"],
        );
    }
    let (_, text) = print(&b, APRIL, "r5.pdf", &["receipt", "--receipt", "2568/0005"]);
    assert_has(
        &text,
        &[
            "เลขที่ ๒๕๖๘/๐๐๐๕",
            "วันที่ ๕ กุมภาพันธ์ พ.ศ. ๒๕๖๘",
            "สมาชิกเลขที่ ๒",
            "๕๑.๐๐",
            "๑๐๑.๐๐",
            "หนึ่งร้อยหนึ่งบาทถ้วน",
            "หมู่ที่ ๓",
        ],
    );
    assert!(
        !text.contains("101.00") && !text.contains("หนึ่งร้อยเอ็ดบาท"),
        "{text}"
    );
    let (_, text) = print(&b, APRIL, "st.pdf", &["statements", "--month", "2568-03"]);
    assert_has(
        &text,
        &[
            "เดือนมีนาคม พ.ศ. ๒๕๖๘",
            "๔๕๐.๐๐",
            "๑,๔๕๐.๐๐ บาท",
            "(สองร้อยหนึ่งบาทถ้วน)",
            "พิมพ์เมื่อ ๑ เม.ย. ๒๕๖๘",
        ],
    );
    let (_, text) = print(&b, APRIL, "p3.pdf", &["passbook", "--member", "3"]);
    assert_has(&text, &["๐๕/๐๑/๖๘", "๑,๐๐๐.๐๐", "หน้า ๑/๑"]);
    assert!(
        !text.chars().any(|c| c.is_ascii_digit()),
        "Arabic digits left:\n{text}"
    );
}

/// (text, xMin, yMin, xMax) of every word `pdftotext -bbox` finds, in points from the top-left.
fn words(path: &Path) -> Vec<(String, f64, f64, f64)> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let html = String::from_utf8(out.stdout).unwrap();
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let attr = |name: &str| -> f64 {
                let at = w.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                w[at..at + w[at..].find('"').unwrap()].parse().unwrap()
            };
            let text = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
            (text.to_string(), attr("xMin"), attr("yMin"), attr("xMax"))
        })
        .collect()
}

const MM: f64 = 72.0 / 25.4;

#[test]
fn passbook_continues_on_the_next_free_line() {
    let b = group();
    // A small book: 6 lines a page (fold after 3, 14 mm gap), 2 pages; more than 3 pending
    // lines are brought forward.
    for (key, value) in [
        ("passbook_lines", "6"),
        ("passbook_fold_after", "3"),
        ("passbook_pages", "2"),
        ("passbook_bring_forward_after", "3"),
    ] {
        b.json(
            APRIL,
            &["settings", "set", key, value, "--from", "1/1/2568"],
        );
    }
    let dir = b.dir.path();
    let cont = |today: &str, name: &str, extra: &[&str]| -> (serde_json::Value, PathBuf) {
        let out = dir.join(name);
        let out_s = out.display().to_string();
        let mut args = vec![
            "print",
            "passbook-continue",
            "--member",
            "2",
            "--out",
            &out_s,
        ];
        args.extend_from_slice(extra);
        (b.json(today, &args), out)
    };

    // First print: five entries pending (0002, 0005, 0008, its reversal, 0010) → the oldest
    // three summed into one brought-forward line, then the last two.
    let (v, first) = cont(APRIL, "c1.pdf", &[]);
    let p = &v["passbook"];
    assert_eq!(
        (
            p["book"].clone(),
            p["first_line"].clone(),
            p["last_line"].clone()
        ),
        (1.into(), 1.into(), 3.into())
    );
    assert_eq!(p["brought_forward"], true);
    assert_eq!(p["placement"], "เล่มที่ 1 หน้า 1 บรรทัดที่ 1–3");
    let text = pdftotext(&first);
    // Pledged savings and deposits in their own columns: สัจจะ 150 then 100 after the
    // reversal, deposits 51 throughout; the book remembers both (201).
    assert_has(
        &text,
        &[
            "ยกยอด",
            "150.00",
            "51.00",
            "หักล้าง",
            "100.00",
            "ใบเสร็จ 2568/0010",
        ],
    );
    let pos = open(&b).passbook_position(2).unwrap().unwrap();
    assert_eq!((pos.current.book, pos.current.line), (1, 3));
    assert_eq!(pos.current.balance.to_string(), "201.00");

    // Nothing new: refused in Thai, nothing written, nothing remembered.
    let before = b.dump();
    let out = dir.join("none.pdf");
    let msg = b.refused(
        APRIL,
        &[
            "print",
            "passbook-continue",
            "--member",
            "2",
            "--out",
            &out.display().to_string(),
        ],
    );
    assert!(
        msg.contains("ไม่มีรายการใหม่") && msg.contains("บรรทัดที่ 3"),
        "{msg}"
    );
    assert!(!out.exists());
    assert_eq!(before, b.dump());

    // April's row goes on line 4: the first line below the fold.
    b.json(
        "2025-04-05",
        &[
            "collect", "--date", "5/4/2568", "--member", "2", "--sajja", "50",
        ],
    );
    let (v, second) = cont("2025-04-05", "c2.pdf", &[]);
    assert_eq!(v["passbook"]["placement"], "เล่มที่ 1 หน้า 1 บรรทัดที่ 4");
    assert_eq!(v["passbook"]["brought_forward"], false);
    assert_has(
        &pdftotext(&second),
        &["05/04/68", "ใบเสร็จ 2568/0011", "50.00", "200.00", "51.00"],
    );

    // Where the lines are on the page: line 1 at 22 mm (the setting), 7 mm apart, and the
    // line after the fold another 14 mm down. Amounts end at their column (สัจจะ balance:
    // 78 mm).
    let top = |path: &Path, word: &str| {
        words(path)
            .into_iter()
            .find(|w| w.0 == word)
            .unwrap_or_else(|| panic!("{word} not in {}", path.display()))
    };
    // The dates of the lines, top to bottom.
    let dates = |path: &Path| {
        let mut d: Vec<(String, f64, f64, f64)> = words(path)
            .into_iter()
            .filter(|w| w.0.len() == 8 && w.0.as_bytes()[2] == b'/')
            .collect();
        d.sort_by(|a, b| a.2.total_cmp(&b.2));
        d
    };
    let lines = dates(&first);
    assert_eq!(lines.len(), 3, "{lines:?}");
    let (l1, l3) = (&lines[0], &lines[2]);
    let l4 = top(&second, "05/04/68");
    assert!((l3.2 - l1.2 - 2.0 * 7.0 * MM).abs() < 0.5, "{l1:?} {l3:?}");
    assert!(
        (l4.2 - l3.2 - (7.0 + 14.0) * MM).abs() < 0.5,
        "{l3:?} {l4:?}"
    );
    assert!((l1.1 - 6.0 * MM).abs() < 0.5, "date column at 6 mm: {l1:?}");
    assert!(
        (l1.2 - 22.0 * MM).abs() < 3.0,
        "first line at 22 mm: {l1:?}"
    );
    let balance = top(&second, "200.00");
    assert!((balance.3 - 78.0 * MM).abs() < 0.5, "{balance:?}");

    // The printer jammed: the same line again, at the same place.
    let (v, _) = cont("2025-04-05", "c3.pdf", &["--again"]);
    assert_eq!(v["passbook"]["placement"], "เล่มที่ 1 หน้า 1 บรรทัดที่ 4");

    // Two more months fill page 1 (lines 5, 6); the third goes to page 2 line 1.
    for (today, typed) in [
        ("2025-05-05", "5/5/2568"),
        ("2025-06-05", "5/6/2568"),
        ("2025-07-05", "5/7/2568"),
    ] {
        b.json(
            today,
            &["collect", "--date", typed, "--member", "2", "--sajja", "50"],
        );
    }
    let (v, third) = cont("2025-07-05", "c4.pdf", &[]);
    assert_eq!(
        v["passbook"]["placement"],
        "เล่มที่ 1 หน้า 1 บรรทัดที่ 5–6, เล่มที่ 1 หน้า 2 บรรทัดที่ 1"
    );
    assert_eq!(v["pages"], 2, "one PDF page per book page touched");
    assert_has(&pdftotext(&third), &["350.00"]);

    // A new book: line 1 brings the balance forward, the count goes on in book 2.
    b.json(
        "2025-08-05",
        &[
            "collect", "--date", "5/8/2568", "--member", "2", "--sajja", "50",
        ],
    );
    let (v, fourth) = cont("2025-08-05", "c5.pdf", &["--new-book"]);
    assert_eq!(v["passbook"]["book"], 2);
    assert_eq!(v["passbook"]["new_book"], true);
    assert_eq!(v["passbook"]["placement"], "เล่มที่ 2 หน้า 1 บรรทัดที่ 1–2");
    let text = pdftotext(&fourth);
    assert_has(&text, &["ยอดยกมา", "350.00", "400.00", "51.00"]);
    let pos = open(&b).passbook_position(2).unwrap().unwrap();
    assert_eq!((pos.current.book, pos.current.line), (2, 2));
    assert_eq!(pos.current.balance.to_string(), "451.00");
}

#[test]
fn a_full_book_continues_in_the_next_one() {
    let b = group();
    // A tiny book: one page of three lines; nothing is brought forward for being many.
    for (key, value) in [
        ("passbook_lines", "3"),
        ("passbook_fold_after", "3"),
        ("passbook_pages", "1"),
        ("passbook_bring_forward_after", "50"),
    ] {
        b.json(
            APRIL,
            &["settings", "set", key, value, "--from", "1/1/2568"],
        );
    }
    let out = b.dir.path().join("full.pdf");
    let v = b.json(
        APRIL,
        &[
            "print",
            "passbook-continue",
            "--member",
            "2",
            "--out",
            &out.display().to_string(),
        ],
    );
    // Five lines: three fill book 1, book 2 opens with the balances brought forward (สัจจะ
    // 150.00, deposits 51.00) and takes the last two.
    let p = &v["passbook"];
    assert_eq!(
        p["placement"],
        "เล่มที่ 1 หน้า 1 บรรทัดที่ 1–3, เล่มที่ 2 หน้า 1 บรรทัดที่ 1–3"
    );
    assert_eq!(
        (
            p["book"].clone(),
            p["last_line"].clone(),
            p["new_book"].clone()
        ),
        (2.into(), 3.into(), true.into())
    );
    assert_eq!(v["pages"], 2);
    let text = pdftotext(&out);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert_has(
        pages[0],
        &["05/01/68", "05/02/68", "05/03/68", "150.00", "51.00"],
    );
    assert_has(
        pages[1],
        &["ยอดยกมา", "150.00", "100.00", "ใบเสร็จ 2568/0010", "51.00"],
    );
    assert!(!pages[1].contains("0008"), "{}", pages[1]);
}

#[test]
fn bad_requests_are_refused_in_thai_and_write_nothing() {
    let b = group();
    let dir = b.dir.path();
    let out = dir.join("x.pdf");
    let out_s = out.display().to_string();
    let before = b.dump();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["passbook", "--member", "99"], "ไม่พบสมาชิกเลขที่ 99"),
        (
            vec!["passbook-continue", "--member", "99"],
            "ไม่พบสมาชิกเลขที่ 99",
        ),
        (vec!["passbook", "--member", "สาม"], "เลขที่สมาชิก"),
        (
            vec!["statements", "--month", "2567-12"],
            "ยังไม่มีบัญชีในเดือนธันวาคม พ.ศ. 2567",
        ),
        (vec!["fund-report", "--month", "2568-06"], "ยังไม่ถึงเดือนนั้น"),
        (vec!["cashbook", "--month", "2560-01"], "ยังไม่มีบัญชี"),
        (vec!["register", "--year", "2567"], "ยังไม่มีบัญชีในปีบัญชี 2567"),
        (vec!["statements", "--month", "เดือนหน้า"], "เดือน"),
        (vec!["receipt", "--receipt", "2568/9999"], "ไม่พบ"),
        (vec!["receipt", "--date", "1/1/2568"], "ไม่มีใบเสร็จในวันที่"),
    ];
    for (args, expect) in cases {
        let mut all = vec!["print"];
        all.extend(args.iter().copied());
        all.extend(["--out", &out_s]);
        let msg = b.refused(APRIL, &all);
        assert!(msg.contains(expect), "{args:?}: {msg}");
        assert!(!out.exists(), "{args:?} left a file");
    }
    // An output that cannot be written: a missing folder, or a folder. For the passbook the
    // position is not advanced either.
    for bad in [dir.join("no-such-folder").join("x.pdf"), dir.to_path_buf()] {
        let bad_s = bad.display().to_string();
        for args in [
            vec!["passbook-continue", "--member", "1"],
            vec!["statements", "--month", "2568-03"],
        ] {
            let mut all = vec!["print"];
            all.extend(args.iter().copied());
            all.extend(["--out", &bad_s]);
            let msg = b.refused(APRIL, &all);
            assert!(
                msg.contains("เขียนไฟล์ไม่ได้") && msg.contains("ตรวจสอบว่าโฟลเดอร์มีอยู่"),
                "{msg}"
            );
        }
    }
    assert_eq!(before, b.dump(), "a refused print changed the books");
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".pdf"))
        .collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

#[test]
fn a_large_job_is_written_as_a_numbered_series() {
    let b = group();
    let out = b.dir.path().join("สมาชิก.pdf");
    let out_s = out.display().to_string();
    let args = [
        "print",
        "statements",
        "--month",
        "2568-03",
        "--out",
        out_s.as_str(),
    ];
    let run = |json: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sajja"));
        cmd.arg("--db")
            .arg(&b.path)
            .args(args)
            .env("SAJJA_TODAY", APRIL)
            .env("SAJJA_SERIES_PER_FILE", "2");
        if json {
            cmd.arg("--json");
        }
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{o:?}");
        String::from_utf8(o.stdout).unwrap()
    };
    let v: serde_json::Value = serde_json::from_str(&run(true)).unwrap();
    let dir = b.dir.path();
    let expected = [
        dir.join("สมาชิก-0001.pdf").display().to_string(),
        dir.join("สมาชิก-0002.pdf").display().to_string(),
    ];
    let files: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    assert_eq!(files, expected);
    assert_eq!(v["pages"], 3);
    assert!(!out.exists(), "the series replaces the single file");
    assert_has(
        &pdftotext(Path::new(&files[0])),
        &["นายสมชาย ใจดี", "นางมาลี ศรีสุข"],
    );
    let second = pdftotext(Path::new(&files[1]));
    assert_has(&second, &["นายบุญมี มั่นคง", "1,450.00"]);
    assert!(!second.contains("นายสมชาย"));
    let human = run(false);
    assert!(
        human.contains("เป็น 2 ไฟล์") && human.contains(&expected[0]) && human.contains(&expected[1]),
        "{human}"
    );
}

#[test]
fn receipts_cash_book_and_register_of_a_large_group_split_into_parts() {
    // The demo group (60 members, a collection day with about 58 receipts), with small parts
    // so the series is exercised without thousands of rows.
    let b = TempBooks::new();
    let today = "2025-04-10";
    b.json(today, &["demo"]);
    let dir = b.dir.path();
    let run = |per_file: &str, args: &[&str]| -> serde_json::Value {
        let o = Command::new(env!("CARGO_BIN_EXE_sajja"))
            .arg("--db")
            .arg(&b.path)
            .args(args)
            .arg("--json")
            .env("SAJJA_TODAY", today)
            .env("SAJJA_SERIES_PER_FILE", per_file)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {o:?}");
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let files = |v: &serde_json::Value| -> Vec<PathBuf> {
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| PathBuf::from(f.as_str().unwrap()))
            .collect()
    };

    let out = dir.join("day.pdf");
    let v = run(
        "5",
        &[
            "print",
            "receipt",
            "--date",
            "5/3/2568",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let pages = v["pages"].as_u64().unwrap();
    assert!(
        pages > 10,
        "a day of the demo takes more than 10 pages: {v}"
    );
    let day = files(&v);
    assert_eq!(day.len() as u64, pages.div_ceil(5));
    assert!(day[0].ends_with("day-0001.pdf") && !out.exists());
    let first = pdftotext(&day[0]);
    let last = pdftotext(day.last().unwrap());
    assert_has(&first, &["ใบเสร็จรับเงิน", "วันที่ 5 มีนาคม พ.ศ. 2568"]);
    assert!(first.contains("2568/") && last.contains("2568/"));

    let out = dir.join("cb.pdf");
    let v = run(
        "25",
        &[
            "print",
            "cashbook",
            "--month",
            "3/2568",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let parts = files(&v);
    assert!(parts.len() >= 3, "{v}");
    let first = pdftotext(&parts[0]);
    let last = pdftotext(parts.last().unwrap());
    assert_has(&first, &["สมุดเงินสด", "(ส่วนที่ 1/", "ยอดยกมา"]);
    assert!(
        !first.contains("รวมทั้งเดือน"),
        "only the last part has the totals"
    );
    assert_has(&last, &["ยอดยกมา", "รวมทั้งเดือน / ยอดคงเหลือยกไป"]);
    // Each part brings forward the balance the part before it ended with.
    let model = open(&b).cashbook("2568-03").unwrap();
    let closing = sajja_core::thai::format_amount(model.cash.closing.as_decimal());
    assert!(last.contains(&closing), "{closing} in\n{last}");

    let out = dir.join("reg.pdf");
    let v = run(
        "25",
        &[
            "print",
            "register",
            "--year",
            "2567",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let parts = files(&v);
    let rows = open(&b).sajja_register("2567").unwrap().rows.len();
    assert_eq!(
        parts.len(),
        rows.div_ceil(25),
        "{rows} members in parts of 25: {v}"
    );
    let n = parts.len();
    assert_has(
        &pdftotext(&parts[n - 1]),
        &[&format!("(ส่วนที่ {n}/{n})"), "รวม"],
    );
}
