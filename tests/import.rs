//! Bringing a five-year-old group's books in from its workbook (issue: opening balances and
//! import): 150 members, open loans mid-schedule with arrears, the reserve and other funds.
//! The workbook is written here the way a spreadsheet program writes one (real dates and text
//! dates, Thai digits, amounts with separators), imported through the real `sajja` binary,
//! and the books are then compared with the paper figures the test computes on its own: the
//! next collection day's due list, each loan's next instalment and arrears, the trial balance;
//! `verify` passes. A workbook full of mistakes is refused with each one named and the file
//! unchanged.

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

use crate::util::TempBooks;

const TODAY: &str = "2025-07-05";
const CUTOVER: &str = "1/7/2568";

/// A valid 13-digit Thai ID number from a seed.
fn id_card(seed: u64) -> String {
    let body = format!("{:012}", 110_000_000_000u64 + seed * 7919);
    let d: Vec<u32> = body.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum: u32 = d.iter().enumerate().map(|(i, v)| v * (13 - i as u32)).sum();
    format!("{body}{}", (11 - sum % 11) % 10)
}

/// Months from (y1, m1) to (y2, m2) inclusive.
fn months_incl(a: (i32, u32), b: (i32, u32)) -> i64 {
    i64::from(b.0 - a.0) * 12 + i64::from(b.1) - i64::from(a.1) + 1
}

fn add_month(ym: (i32, u32), n: i32) -> (i32, u32) {
    let total = ym.0 * 12 + ym.1 as i32 - 1 + n;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

/// Satang as "1,234.50".
fn baht(satang: i64) -> String {
    let s = format!("{}.{:02}", satang / 100, satang % 100);
    let (int, frac) = s.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{frac}")
}

fn satang(v: &Value) -> i64 {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("amount as string: {v}"));
    let neg = s.starts_with('-');
    let s = s.trim_start_matches('-').replace(',', "");
    let (i, f) = s.split_once('.').unwrap_or((&s, "0"));
    let v = i.parse::<i64>().unwrap() * 100 + format!("{f:0<2}")[..2].parse::<i64>().unwrap();
    if neg {
        -v
    } else {
        v
    }
}

struct PaperMember {
    number: u32,
    shares: i64,
    paid_through: (i32, u32),
    sajja: i64,
    deposits: i64,
    fines: i64,
}

struct PaperLoan {
    member: u32,
    amount: i64,
    months: i64,
    owed: i64,
    /// Next instalment on the collection day after the cut-over (principal + interest).
    next: i64,
    arrears: i64,
}

/// What the paper books of the group say on the cut-over (2568-07-01).
struct Paper {
    members: Vec<PaperMember>,
    loans: Vec<PaperLoan>,
    funds: Vec<(&'static str, i64)>,
}

const FIRST: [&str; 10] = [
    "สมศรี",
    "บุญมา",
    "ประเสริฐ",
    "มาลี",
    "สมชาย",
    "วันเพ็ญ",
    "ทองใบ",
    "จันทร์เพ็ญ",
    "สมปอง",
    "บัวผัน",
];
const LAST: [&str; 6] = ["ใจงาม", "ศรีสุข", "มีสุข", "แก้วกล้า", "บุญเรือง", "ทองดี"];

fn paper() -> Paper {
    let mut members = Vec::new();
    for i in 1..=150u32 {
        let joined = add_month((2020, 6), ((i * 11) % 58) as i32);
        let shares = 1 + i64::from(i % 10);
        let paid_through = if i % 10 == 3 {
            (2025, 4) // two months behind
        } else if i % 17 == 5 {
            (2025, 7) // paid July ahead
        } else {
            (2025, 6)
        };
        let sajja = shares * 5_000 * months_incl(joined, paid_through);
        let deposits = if i % 4 == 0 { i64::from(i) * 3_750 } else { 0 };
        let fines = if i % 10 == 3 { 2_000 } else { 0 };
        members.push(PaperMember {
            number: i,
            shares,
            paid_through,
            sajja,
            deposits,
            fines,
        });
    }
    // Loans of 1 % a month, equal principal, instalments on the 5th; paid out on the 5th of a
    // month between 2567-08 and 2568-05.
    let mut loans = Vec::new();
    // Borrowers who joined before 2566-11, long before any of these payouts.
    let borrowers: Vec<u32> = (1..=150u32).filter(|i| (i * 11) % 58 < 40).collect();
    for j in 0..40u32 {
        let member = borrowers[j as usize];
        let months: i64 = if j % 2 == 0 { 12 } else { 24 };
        let amount = months * 100_000 * (1 + i64::from(j % 3));
        let principal = amount / months;
        let out = add_month((2024, 8), (j % 10) as i32);
        // Instalments due before the cut-over (the 5th of each month after the payout's).
        let due_before = months_incl(add_month(out, 1), (2025, 6));
        let behind = j % 5 == 2 && due_before >= 3;
        let paid_k = if behind { due_before - 2 } else { due_before };
        let owed = amount - paid_k * principal;
        let interest = owed / 100; // 1 % of the balance after the last instalment paid
        let (next, arrears) = if behind {
            (principal + interest, 2 * principal + interest)
        } else {
            (principal + interest, 0)
        };
        loans.push(PaperLoan {
            member,
            amount,
            months,
            owed,
            next,
            arrears,
        });
        let _ = out;
    }
    let funds = vec![
        ("1100", 4_523_050),
        ("1110", 182_340_075),
        ("3200", 25_400_000),
        ("3210", 6_200_000),
        ("3300", 1_850_000),
    ];
    Paper {
        members,
        loans,
        funds,
    }
}

fn loan_out(j: u32) -> (i32, u32) {
    add_month((2024, 8), (j % 10) as i32)
}

/// The group's workbook as its treasurer keeps it.
fn write_workbook(path: &Path, p: &Paper) {
    let mut wb = Workbook::new();
    let date_fmt = Format::new().set_num_format("[$-th-TH,107]d/m/yyyy");
    let money_fmt = Format::new().set_num_format("#,##0.00");
    // Members: headers in Thai, in an order of the treasurer's own, one unknown column.
    let ws = wb.add_worksheet();
    ws.set_name("สมาชิก").unwrap();
    let head = [
        "ลำดับ",
        "เลขที่สมาชิก",
        "ชื่อ-สกุล",
        "วันที่เข้าเป็นสมาชิก",
        "จำนวนหุ้น",
        "เลขประจำตัวประชาชน",
        "ที่อยู่",
        "ผู้รับผลประโยชน์",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, m) in p.members.iter().enumerate() {
        let row = r as u32 + 1;
        let i = m.number;
        let joined = add_month((2020, 6), ((i * 11) % 58) as i32);
        let day = 1 + i % 20;
        ws.write_number(row, 0, f64::from(i)).unwrap();
        ws.write_number(row, 1, f64::from(i)).unwrap();
        let title = if i % 2 == 0 { "นาง" } else { "นาย" };
        ws.write_string(
            row,
            2,
            format!(
                "{title}{}{} {}",
                FIRST[(i % 10) as usize],
                if i > 10 {
                    format!("{}", i / 10)
                } else {
                    String::new()
                },
                LAST[(i % 6) as usize]
            )
            .replace(|c: char| c.is_ascii_digit(), ""),
        )
        .unwrap();
        if i % 3 == 0 {
            // A real date cell, shown in พ.ศ.
            let d = ExcelDateTime::from_ymd(joined.0 as u16, joined.1 as u8, day as u8).unwrap();
            ws.write_datetime_with_format(row, 3, &d, &date_fmt)
                .unwrap();
        } else {
            // Typed as text in พ.ศ., sometimes in Thai digits.
            let text = format!("{day}/{}/{}", joined.1, joined.0 + 543);
            let text = if i % 3 == 1 {
                sajja_core::thai::to_thai_digits(&text)
            } else {
                text
            };
            ws.write_string(row, 3, text).unwrap();
        }
        if i % 5 == 0 {
            ws.write_string(
                row,
                4,
                sajja_core::thai::to_thai_digits(&m.shares.to_string()),
            )
            .unwrap();
        } else {
            ws.write_number(row, 4, m.shares as f64).unwrap();
        }
        ws.write_string(row, 5, id_card(u64::from(i))).unwrap();
        ws.write_string(row, 6, format!("{} หมู่ 5 ต.หนองแวง", 10 + i))
            .unwrap();
        if i % 7 == 0 {
            ws.write_string(row, 7, "นายมานะ ใจงาม:บุตร:60; นางมาลี ใจงาม:คู่สมรส:40")
                .unwrap();
        }
    }
    // Opening balances: amounts as numbers or as text with separators, months in many forms.
    let ws = wb.add_worksheet();
    ws.set_name("ยอดยกมาสมาชิก").unwrap();
    for (c, h) in [
        "member",
        "name",
        "sajja",
        "paid_through",
        "deposits",
        "fines",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, m) in p.members.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_number(row, 0, f64::from(m.number)).unwrap();
        ws.write_string(row, 1, "-").unwrap();
        if m.number % 2 == 0 {
            ws.write_string(row, 2, baht(m.sajja)).unwrap();
        } else {
            ws.write_number_with_format(row, 2, m.sajja as f64 / 100.0, &money_fmt)
                .unwrap();
        }
        let (y, mo) = m.paid_through;
        let month = match m.number % 3 {
            0 => format!("{}-{mo:02}", y + 543),
            1 => format!("{mo}/{}", y + 543),
            _ => format!("{y}-{mo:02}"),
        };
        ws.write_string(row, 3, month).unwrap();
        if m.deposits > 0 {
            ws.write_number(row, 4, m.deposits as f64 / 100.0).unwrap();
        }
        if m.fines > 0 {
            ws.write_string(row, 5, sajja_core::thai::to_thai_digits(&baht(m.fines)))
                .unwrap();
        }
    }
    // Loans.
    let ws = wb.add_worksheet();
    ws.set_name("เงินกู้").unwrap();
    let head = [
        "เลขที่สมาชิก",
        "ประเภทเงินกู้",
        "จำนวนเงินกู้",
        "วันที่จ่ายเงินกู้",
        "จำนวนงวด",
        "เงินต้นคงเหลือ",
        "ชำระดอกเบี้ยถึงเดือน",
        "ผู้ค้ำประกัน",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (j, l) in p.loans.iter().enumerate() {
        let row = j as u32 + 1;
        let out = loan_out(j as u32);
        ws.write_number(row, 0, f64::from(l.member)).unwrap();
        ws.write_string(row, 1, "สามัญ").unwrap();
        ws.write_number(row, 2, l.amount as f64 / 100.0).unwrap();
        let d = ExcelDateTime::from_ymd(out.0 as u16, out.1 as u8, 5).unwrap();
        ws.write_datetime_with_format(row, 3, &d, &date_fmt)
            .unwrap();
        ws.write_number(row, 4, l.months as f64).unwrap();
        ws.write_string(row, 5, baht(l.owed)).unwrap();
        let paid_to = if l.arrears > 0 { (2025, 5) } else { (2025, 6) };
        ws.write_string(row, 6, format!("{}-{:02}", paid_to.0 + 543, paid_to.1))
            .unwrap();
        let g1 = l.member % 150 + 1;
        let g2 = (l.member + 1) % 150 + 1;
        ws.write_string(row, 7, format!("{g1} {g2}")).unwrap();
    }
    // The group's funds; the retained surplus makes the paper books balance.
    let ws = wb.add_worksheet();
    ws.set_name("ยอดยกมาทุน").unwrap();
    ws.write_string(0, 0, "บัญชี").unwrap();
    ws.write_string(0, 1, "จำนวนเงิน").unwrap();
    let names = [
        ("1100", "1100 เงินสด"),
        ("1110", "เงินฝากธนาคาร"),
        ("3200", "reserve"),
        ("3210", "3210"),
        ("3300", "ทุนค่าใช้สอย"),
    ];
    let mut row = 1;
    for (code, amount) in &p.funds {
        let name = names.iter().find(|(c, _)| c == code).unwrap().1;
        ws.write_string(row, 0, name).unwrap();
        ws.write_string(row, 1, baht(*amount)).unwrap();
        row += 1;
    }
    ws.write_string(row, 0, "3900").unwrap();
    ws.write_string(row, 1, baht(retained(p))).unwrap();
    wb.save(path).unwrap();
}

/// The surplus kept from earlier years: what makes assets equal liabilities and funds.
fn retained(p: &Paper) -> i64 {
    let assets = p.funds[0].1
        + p.funds[1].1
        + p.loans.iter().map(|l| l.owed).sum::<i64>()
        + p.members.iter().map(|m| m.fines).sum::<i64>();
    let claims = p.members.iter().map(|m| m.sajja + m.deposits).sum::<i64>()
        + p.funds[2..].iter().map(|f| f.1).sum::<i64>();
    assets - claims
}

fn new_group(books: &TempBooks) {
    books.json(
        TODAY,
        &[
            "init",
            "--name",
            "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง",
            "--founded",
            "1/6/2563",
        ],
    );
    books.json(
        TODAY,
        &[
            "loan",
            "product",
            "add",
            "--code",
            "สามัญ",
            "--name",
            "เงินกู้สามัญ",
            "--rate",
            "1",
            "--method",
            "declining-equal-principal",
            "--max-months",
            "36",
        ],
    );
}

fn import(books: &TempBooks, kind: &str, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["import", kind, "--file", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    books.json(TODAY, &args)
}

#[test]
fn a_five_year_old_groups_workbook_comes_in_with_the_paper_figures() {
    let books = TempBooks::new();
    new_group(&books);
    let p = paper();
    let file = books.dir.path().join("กลุ่มหนองแวง.xlsx");
    write_workbook(&file, &p);

    // Members: a preview first changes nothing.
    let before = books.dump();
    let preview = import(&books, "members", &file, &["--dry-run"]);
    assert_eq!(preview["committed"], false);
    assert_eq!(preview["errors"].as_array().unwrap().len(), 0, "{preview}");
    assert_eq!(preview["lines"].as_array().unwrap().len(), 150);
    assert_eq!(preview["unknown_columns"], serde_json::json!(["ลำดับ"]));
    assert_eq!(books.dump(), before, "a dry run changes nothing");
    let done = import(&books, "members", &file, &[]);
    assert_eq!(done["committed"], true);
    let m7 = books.json(TODAY, &["member", "show", "7"]);
    assert_eq!(m7["beneficiaries"].as_array().unwrap().len(), 2);
    assert_eq!(m7["shares"], 8);

    let opening = import(&books, "opening", &file, &["--date", CUTOVER]);
    assert_eq!(opening["date"], "2025-07-01");
    let loans = import(&books, "loans", &file, &[]);
    assert_eq!(loans["lines"].as_array().unwrap().len(), 40, "{loans}");
    let funds = import(&books, "funds", &file, &[]);
    assert_eq!(funds["committed"], true, "{funds}");

    // What was brought in, as at which date.
    let shown = books.json(TODAY, &["opening", "show"]);
    assert_eq!(shown["date"], "2025-07-01");
    assert_eq!(shown["locked_through"], "2025-06-30");
    assert_eq!(shown["balanced"], true, "{}", shown["difference"]);
    assert_eq!(
        satang(&shown["totals"]["sajja"]),
        p.members.iter().map(|m| m.sajja).sum::<i64>()
    );
    assert_eq!(shown["loans"].as_array().unwrap().len(), 40);

    // The trial balance right after the cut-over equals the paper books.
    let tb = books.json(
        TODAY,
        &[
            "report",
            "trial-balance",
            "--year",
            "2568",
            "--as-at",
            "1/7/2568",
        ],
    );
    let mut by_code: BTreeMap<String, i64> = BTreeMap::new();
    assert_eq!(tb["balanced"], true);
    for line in tb["rows"].as_array().expect("trial balance rows") {
        let code = line["code"].as_str().unwrap().to_string();
        let net = satang(&line["debit"]) - satang(&line["credit"]);
        by_code.insert(code, net);
    }
    let expect = |code: &str| by_code.get(code).copied().unwrap_or(0);
    assert_eq!(expect("1100"), p.funds[0].1);
    assert_eq!(expect("1110"), p.funds[1].1);
    assert_eq!(expect("1200"), p.loans.iter().map(|l| l.owed).sum::<i64>());
    assert_eq!(
        expect("1210"),
        p.members.iter().map(|m| m.fines).sum::<i64>()
    );
    assert_eq!(
        -expect("3100"),
        p.members.iter().map(|m| m.sajja).sum::<i64>()
    );
    assert_eq!(
        -expect("2100"),
        p.members.iter().map(|m| m.deposits).sum::<i64>()
    );
    assert_eq!(-expect("3200"), p.funds[2].1);
    assert_eq!(-expect("3300"), p.funds[4].1);
    assert_eq!(-expect("3900"), retained(&p));
    assert_eq!(expect("3950"), 0);

    // The next collection day's due list: months owed from the last month paid, fines brought
    // in, no entrance fee, and each loan's next instalment with its arrears.
    let due = books.json(TODAY, &["due", "--date", "5/7/2568"]);
    let rows = due["members"].as_array().unwrap();
    assert_eq!(rows.len(), 150);
    for m in &p.members {
        let row = rows
            .iter()
            .find(|r| r["member"] == m.number)
            .expect("every member on the list");
        let owed_months = months_incl(add_month(m.paid_through, 1), (2025, 7)).max(0);
        assert_eq!(
            satang(&row["sajja"]),
            owed_months * m.shares * 5_000,
            "member {} สัจจะ due",
            m.number
        );
        assert_eq!(satang(&row["fines"]), m.fines, "member {} fines", m.number);
        assert_eq!(satang(&row["fee"]), 0, "member {} fee", m.number);
        assert_eq!(satang(&row["savings"]), m.sajja);
        let loan: i64 = p
            .loans
            .iter()
            .filter(|l| l.member == m.number)
            .map(|l| l.next + l.arrears)
            .sum();
        assert_eq!(satang(&row["loan"]), loan, "member {} loan due", m.number);
        assert_eq!(
            row["loan_in_arrears"],
            p.loans
                .iter()
                .any(|l| l.member == m.number && l.arrears > 0),
            "member {} flagged",
            m.number
        );
    }
    // The arrears list names exactly the loans behind on paper.
    let arrears = books.json(TODAY, &["loan", "arrears", "--date", "5/7/2568"]);
    let behind = p.loans.iter().filter(|l| l.arrears > 0).count();
    assert!(behind > 0);
    assert_eq!(
        arrears["loans"].as_array().unwrap().len(),
        behind,
        "{arrears}"
    );
    assert_eq!(
        satang(&arrears["overdue_principal"]) + satang(&arrears["overdue_interest"]),
        p.loans.iter().map(|l| l.arrears).sum::<i64>()
    );
    assert_eq!(arrears["active_loans"], 40);

    // Nothing can be dated before the cut-over any more.
    let refused = books.refused(
        TODAY,
        &[
            "collect",
            "--member",
            "1",
            "--sajja",
            "50",
            "--date",
            "30/6/2568",
        ],
    );
    assert!(refused.contains("ปิด"), "{refused}");
    // Collection goes on from the paper figures: member 3 pays May, June and July.
    let m3 = &p.members[2];
    let pay = baht(3 * m3.shares * 5_000);
    let receipt = books.json(
        TODAY,
        &[
            "collect", "--member", "3", "--sajja", &pay, "--fine", "20", "--date", "5/7/2568",
        ],
    );
    assert_eq!(
        receipt["sajja_months"].as_array().unwrap().len(),
        3,
        "{receipt}"
    );
    let verify = books.json(TODAY, &["verify"]);
    assert_eq!(verify["ok"], true, "{verify}");

    exports_round_trip(&books);
}

/// A sheet read back with calamine: every row below the header as cells.
fn read_back(path: &Path) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).expect("the export opens");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let rows: Vec<Vec<calamine::Data>> = range.rows().map(<[calamine::Data]>::to_vec).collect();
    // Title, subtitle, a blank line, the header: the data starts on the fifth row.
    assert_eq!(rows[0][0].to_string(), rows[0][0].to_string());
    rows.into_iter().skip(4).collect()
}

/// An amount cell as satang (the spreadsheet keeps binary fractions; two decimals are exact).
fn cell_satang(d: &calamine::Data) -> i64 {
    match d {
        calamine::Data::Float(f) => (f * 100.0).round() as i64,
        calamine::Data::Int(i) => i * 100,
        other => panic!("not a number: {other:?}"),
    }
}

fn cell_date(d: &calamine::Data) -> String {
    match d {
        calamine::Data::DateTime(t) => t.as_datetime().unwrap().date().to_string(),
        other => panic!("not a date: {other:?}"),
    }
}

fn lines_without_opening(cashbook: &Value) -> bool {
    cashbook["lines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["kind"] != "opening")
}

/// Every export opens, and reading it back gives the figures of the same report's JSON.
fn exports_round_trip(books: &TempBooks) {
    let dir = books.dir.path();
    let file = dir.join("members.xlsx");
    books.json(
        TODAY,
        &["export", "members", "--out", file.to_str().unwrap()],
    );
    let json = books.json(TODAY, &["member", "list"]);
    let rows = read_back(&file);
    let list = json.as_array().unwrap();
    assert_eq!(rows.len(), list.len());
    for (row, m) in rows.iter().zip(list) {
        assert_eq!(row[0].to_string(), m["number"].to_string());
        assert_eq!(
            row[1].to_string(),
            m["full_name"].as_str().unwrap(),
            "Thai text intact"
        );
        assert_eq!(cell_date(&row[2]), m["joined"].as_str().unwrap());
        assert_eq!(row[3].to_string(), m["shares"].to_string());
    }

    let file = dir.join("register.xlsx");
    books.json(
        TODAY,
        &[
            "export",
            "register",
            "--year",
            "2568",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let json = books.json(TODAY, &["register", "--year", "2568"]);
    let rows = read_back(&file);
    let reg = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), reg.len() + 1, "a row per member and the totals");
    for (row, r) in rows.iter().zip(reg) {
        assert_eq!(row[1].to_string(), r["name"].as_str().unwrap());
        assert_eq!(
            cell_satang(&row[2]),
            satang(&r["opening"]),
            "brought in = opening"
        );
        for (k, m) in r["months"].as_array().unwrap().iter().enumerate() {
            assert_eq!(cell_satang(&row[3 + k]), satang(m));
        }
        assert_eq!(cell_satang(&row[15]), satang(&r["total"]));
        assert_eq!(cell_satang(&row[17]), satang(&r["closing"]));
    }
    let totals = rows.last().unwrap();
    assert_eq!(totals[1].to_string(), "รวม");
    assert_eq!(cell_satang(&totals[15]), satang(&json["total"]));

    let file = dir.join("cashbook.xlsx");
    books.json(
        TODAY,
        &[
            "export",
            "cashbook",
            "--month",
            "2568-07",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let json = books.json(TODAY, &["cashbook", "--month", "2568-07"]);
    let rows = read_back(&file);
    // The month of the cut-over starts from the paper cash; bringing it in is no receipt.
    assert_eq!(satang(&json["cash"]["opening"]), 4_523_050);
    assert!(lines_without_opening(&json));
    assert_eq!(cell_satang(&rows[0][3]), satang(&json["cash"]["opening"]));
    assert_eq!(cell_satang(&rows[0][5]), satang(&json["bank"]["opening"]));
    let lines = json["lines"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        lines.len() + 3,
        "opening, lines, totals, closing"
    );
    for (row, l) in rows[1..].iter().zip(lines) {
        assert_eq!(cell_date(&row[0]), l["date"].as_str().unwrap());
        assert_eq!(row[2].to_string(), l["memo"].as_str().unwrap());
        assert_eq!(cell_satang(&row[3]), satang(&l["cash_in"]));
        assert_eq!(cell_satang(&row[4]), satang(&l["cash_out"]));
    }
    let closing = &rows[rows.len() - 1];
    assert_eq!(cell_satang(&closing[3]), satang(&json["cash"]["closing"]));
    assert_eq!(cell_satang(&closing[5]), satang(&json["bank"]["closing"]));

    let file = dir.join("loans.xlsx");
    books.json(TODAY, &["export", "loans", "--out", file.to_str().unwrap()]);
    let json = books.json(TODAY, &["loan", "list"]);
    let rows = read_back(&file);
    let list = json.as_array().unwrap();
    assert_eq!(rows.len(), list.len() + 1);
    for (row, l) in rows.iter().zip(list) {
        assert_eq!(row[0].to_string(), l["loan"].as_str().unwrap());
        assert_eq!(row[2].to_string(), l["name"].as_str().unwrap());
        assert_eq!(cell_date(&row[4]), l["applied_on"].as_str().unwrap());
        assert_eq!(cell_satang(&row[5]), satang(&l["amount"]));
        assert_eq!(cell_satang(&row[8]), satang(&l["balance"]));
    }
    let owed: i64 = list.iter().map(|l| satang(&l["balance"])).sum();
    assert_eq!(cell_satang(&rows.last().unwrap()[8]), owed);

    let file = dir.join("arrears.xlsx");
    books.json(
        TODAY,
        &["export", "arrears", "--out", file.to_str().unwrap()],
    );
    let json = books.json(TODAY, &["loan", "arrears"]);
    let rows = read_back(&file);
    let list = json["loans"].as_array().unwrap();
    assert!(!list.is_empty());
    assert_eq!(rows.len(), list.len() + 1);
    for (row, a) in rows.iter().zip(list) {
        assert_eq!(row[0].to_string(), a["loan"].as_str().unwrap());
        for (c, field) in [
            (4, "balance"),
            (5, "overdue_principal"),
            (6, "overdue_interest"),
            (7, "fines"),
            (8, "total"),
        ] {
            assert_eq!(cell_satang(&row[c]), satang(&a[field]), "{field}");
        }
    }
    assert_eq!(
        cell_satang(&rows.last().unwrap()[8]),
        satang(&json["total"])
    );

    let file = dir.join("fund.xlsx");
    books.json(
        TODAY,
        &[
            "export",
            "fund-report",
            "--month",
            "2568-07",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let json = books.json(TODAY, &["report", "fund", "--month", "2568-07"]);
    let rows = read_back(&file);
    let label_of = |label: &str| {
        rows.iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("{label} in the fund report"))[1]
            .clone()
    };
    // The printed report's words: cash in and out apart from income and expense.
    assert_eq!(
        cell_satang(&label_of("รวมเงินสดรับ")),
        satang(&json["receipts_total"])
    );
    assert_eq!(
        cell_satang(&label_of("รวมเงินสดจ่าย")),
        satang(&json["payments_total"])
    );
    assert_eq!(
        cell_satang(&label_of("รวมรายได้")),
        satang(&json["income_total"])
    );
    assert_eq!(
        cell_satang(&label_of("รวมค่าใช้จ่าย")),
        satang(&json["expenses_total"])
    );
    let net = json["net_income"].as_str().unwrap();
    let net_label = if net.starts_with('-') {
        "ขาดทุนสุทธิของเดือน"
    } else {
        "รายได้สุทธิของเดือน"
    };
    assert_eq!(
        cell_satang(&label_of(net_label)),
        satang(&json["net_income"]).abs()
    );
    assert!(
        rows.iter()
            .all(|r| !matches!(&r[0], calamine::Data::String(t) if t.contains("รายรับ") || t.contains("รายจ่าย"))),
        "no รายรับ/รายจ่าย: the report's own words"
    );
    let cash_row = rows.iter().find(|r| r[0] == "เงินสด").expect("the cash row");
    assert_eq!(cell_satang(&cash_row[4]), satang(&json["cash"]["closing"]));
    assert_eq!(
        cell_satang(&label_of("เงินสัจจะสะสมของสมาชิก")),
        satang(&json["sajja_total"])
    );
    assert_eq!(
        cell_satang(&label_of("ลูกหนี้เงินกู้คงเหลือ")),
        satang(&json["loans_outstanding"])
    );
    assert_eq!(
        cell_satang(&label_of("คงเหลือสิ้นเดือน")),
        satang(&json["expense_fund"])
    );
    // The month of the cut-over starts from the paper figures: bringing them in is no receipt.
    assert_eq!(satang(&json["cash"]["opening"]), 4_523_050);
    assert!(json["receipts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["label"] != "ทุนสำรอง"));
    for l in json["receipts"].as_array().unwrap() {
        assert_eq!(
            cell_satang(&label_of(l["label"].as_str().unwrap())),
            satang(&l["amount"])
        );
    }

    // The district summary: one header row and one row of figures, as .csv and .xlsx.
    let fund = json.clone();
    let csv_file = dir.join("district.csv");
    let done = books.json(
        TODAY,
        &[
            "export",
            "district",
            "--month",
            "2568-07",
            "--out",
            csv_file.to_str().unwrap(),
        ],
    );
    let figures = &done["summary"];
    assert_eq!(satang(&figures["savings"]), satang(&fund["sajja_total"]));
    assert_eq!(
        satang(&figures["loans_outstanding"]),
        satang(&fund["loans_outstanding"])
    );
    assert_eq!(satang(&figures["cash"]), satang(&fund["cash"]["closing"]));
    assert_eq!(figures["members"], 150);
    assert_eq!(figures["borrowers"], 40);
    let bytes = std::fs::read(&csv_file).unwrap();
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "Thai Excel opens it as UTF-8"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header[0], "ชื่อกลุ่ม");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1, "one row per group");
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let csv_satang = |name: &str| {
        records[0][at(name)]
            .replace('.', "")
            .parse::<i64>()
            .unwrap()
    };
    assert_eq!(&records[0][at("ชื่อกลุ่ม")], "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง");
    assert_eq!(csv_satang("เงินสัจจะสะสม"), satang(&figures["savings"]));
    assert_eq!(
        csv_satang("เงินกู้ค้างชำระ"),
        satang(&figures["loans_in_arrears"])
    );
    let xlsx_file = dir.join("district.xlsx");
    books.json(
        TODAY,
        &[
            "export",
            "district",
            "--month",
            "2568-07",
            "--out",
            xlsx_file.to_str().unwrap(),
        ],
    );
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&xlsx_file).unwrap();
    let range = book.worksheet_range("สรุปส่งอำเภอ").unwrap();
    let rows: Vec<Vec<calamine::Data>> = range.rows().map(<[calamine::Data]>::to_vec).collect();
    assert_eq!(rows.len(), 2);
    for (c, h) in rows[0].iter().enumerate() {
        assert_eq!(h.to_string(), header[c], "same columns as the CSV");
    }
    assert_eq!(
        cell_satang(&rows[1][at("เงินสัจจะสะสม")]),
        satang(&figures["savings"])
    );
    assert_eq!(
        cell_satang(&rows[1][at("ลูกหนี้เงินกู้คงเหลือ")]),
        satang(&figures["loans_outstanding"])
    );
    assert_eq!(rows[1][at("สมาชิก (คน)")].to_string(), "150");
}

/// Runs an import that must be refused; returns its errors as (row, column, message).
fn refused_import(books: &TempBooks, kind: &str, file: &Path) -> Vec<(u64, String, String)> {
    let run = books.sajja(
        TODAY,
        &["import", kind, "--file", file.to_str().unwrap(), "--json"],
    );
    assert!(!run.ok, "import {kind} should be refused: {}", run.stdout);
    assert!(crate::util::is_thai(&run.stderr), "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).expect("the report as JSON");
    assert_eq!(v["committed"], false);
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["column"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(errors: &[(u64, String, String)], row: u64, column: &str, words: &str) {
    assert!(
        errors
            .iter()
            .any(|(r, c, m)| *r == row && c == column && m.contains(words)),
        "expected row {row} column {column:?} saying {words:?} among {errors:#?}"
    );
}

#[test]
fn a_workbook_full_of_mistakes_is_refused_with_each_named_and_nothing_changed() {
    let books = TempBooks::new();
    new_group(&books);
    // Three good members from a CSV (English headers, any order).
    let csv = books.dir.path().join("members.csv");
    std::fs::write(
        &csv,
        format!(
            "shares,name,joined,id_card\n5,นางสมศรี ใจงาม,1/6/2563,{}\n3,นายบุญมา ศรีสุข,2020-07-15,{}\n๒,นางมาลี มีสุข,๑/๘/๒๕๖๓,\n4,นายสมปอง ทองดี,1/9/2563,\n",
            id_card(1),
            id_card(2)
        ),
    )
    .unwrap();
    let ok = import(&books, "members", &csv, &[]);
    assert_eq!(ok["committed"], true, "{ok}");
    let before = books.dump();

    let file = books.dir.path().join("mistakes.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("สมาชิก").unwrap();
    let rows: &[&[&str]] = &[
        &[
            "ชื่อ-สกุล",
            "วันที่เข้าเป็นสมาชิก",
            "จำนวนหุ้น",
            "เลขประจำตัวประชาชน",
            "ผู้รับผลประโยชน์",
            "เลขที่สมาชิก",
        ],
        &["นายก ไก่", "31/2/2564", "2", "", "", ""], // 2 impossible date
        &["นายข ไข่", "1/1/2560", "2", "", "", ""],  // 3 before founding
        &["นายค ควาย", "1/1/2564", "25", "", "", ""], // 4 above max shares
        &["นายง งู", "1/1/2564", "สอง", "", "", ""], // 5 shares not a number
        &["นายจ จาน", "1/1/2564", "2", "1234567890123", "", ""], // 6 ID checksum
        &["นายฉ ฉิ่ง", "1/1/2564", "2", &id_card(1), "", ""], // 7 ID already used
        &["", "1/1/2564", "2", "", "", ""],         // 8 no name
        &["นายช ช้าง", "1/1/2564", "2", "", "นายซ ซ้าย บุตร 100", ""], // 9 beneficiary form
        &["นายฌ เฌอ", "1/1/2564", "2", "", "นายซ ซ้าย:บุตร:60", ""], // 10 shares not 100 %
        &["นายญ หญิง", "1/1/2564", "2", "", "", "2"], // 11 number used
        &["นายฎ ชฎา", "", "2", "", "", ""],         // 12 no joining date
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("ยอดยกมาสมาชิก").unwrap();
    let rows: &[&[&str]] = &[
        &[
            "เลขที่สมาชิก",
            "เงินสัจจะสะสม",
            "ส่งสัจจะถึงเดือน",
            "เงินฝาก",
            "ค่าปรับค้าง",
            "หมายเหตุ",
        ],
        &["9", "100", "2568-06", "", "", ""], // 2 unknown member
        &["1", "-50", "2568-06", "", "", ""], // 3 negative
        &["1", "1,000.555", "2568-06", "", "", ""], // 4 too precise
        &["2", "1000", "เดือนหก", "", "", ""], // 5 not a month
        &["2", "1000", "", "", "", ""],       // 6 savings without the month
        &["3", "1000", "2562-01", "", "", ""], // 7 paid before joining
        &["4", "0", "2568-06", "", "", ""],   // 8 month paid with no savings
        &["1", "100", "2568-06", "ห้าสิบ", "", ""], // 9 deposits not an amount
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("เงินกู้").unwrap();
    let rows: &[&[&str]] = &[
        &[
            "เลขที่สมาชิก",
            "ประเภทเงินกู้",
            "จำนวนเงินกู้",
            "วันที่จ่ายเงินกู้",
            "จำนวนงวด",
            "เงินต้นคงเหลือ",
            "ผู้ค้ำประกัน",
        ],
        &["1", "ฉุกเฉิน", "10000", "5/1/2568", "12", "5000", "2"], // 2 unknown product
        &["1", "สามัญ", "10000", "5/1/2568", "12", "15000", "2"], // 3 owed above amount
        &["1", "สามัญ", "10000", "5/8/2568", "12", "5000", "2"],  // 4 after the cut-over
        &["1", "สามัญ", "10000", "5/1/2568", "0", "5000", "2"],   // 5 no months
        &["1", "สามัญ", "10000", "5/1/2568", "12", "5000", "1"],  // 6 guarantor = borrower
        &["1", "สามัญ", "10000", "5/1/2568", "12", "5000", "77"], // 7 unknown guarantor
        &["2", "สามัญ", "10000", "5/1/2568", "12", "0", "1"],     // 8 nothing owed
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&file).unwrap();

    let e = refused_import(&books, "members", &file);
    has(&e, 2, "วันที่เข้าเป็นสมาชิก", "31/2/2564");
    has(&e, 3, "วันที่เข้าเป็นสมาชิก", "วันก่อตั้ง");
    has(&e, 4, "จำนวนหุ้น", "20");
    has(&e, 5, "จำนวนหุ้น", "สอง");
    has(&e, 6, "เลขประจำตัวประชาชน", "เลขตรวจสอบ");
    has(&e, 7, "เลขประจำตัวประชาชน", "");
    has(&e, 8, "ชื่อ-สกุล", "");
    has(&e, 9, "ผู้รับผลประโยชน์", "ชื่อ:ความสัมพันธ์:ร้อยละ");
    has(&e, 10, "ผู้รับผลประโยชน์", "100");
    has(&e, 11, "เลขที่สมาชิก", "ใช้ไปแล้ว");
    has(&e, 12, "วันที่เข้าเป็นสมาชิก", "ไม่ได้ใส่");
    assert_eq!(e.len(), 11, "{e:#?}");
    assert_eq!(books.dump(), before, "a refused import changes nothing");

    let e = refused_import(&books, "opening", &file);
    has(&e, 2, "เลขที่สมาชิก", "9");
    has(&e, 3, "เงินสัจจะสะสม", "-50");
    has(&e, 4, "เงินสัจจะสะสม", "1,000.555");
    has(&e, 5, "ส่งสัจจะถึงเดือน", "เดือนหก");
    has(&e, 6, "ส่งสัจจะถึงเดือน", "ส่งถึงเดือนไหน");
    has(&e, 7, "ส่งสัจจะถึงเดือน", "ก่อนเข้าเป็นสมาชิก");
    has(&e, 8, "เงินสัจจะสะสม", "เป็น 0");
    has(&e, 9, "เงินฝาก", "ห้าสิบ");
    assert_eq!(books.dump(), before, "a refused import changes nothing");

    let e = refused_import(&books, "loans", &file);
    // A required column is missing: named on row 1, nothing else read.
    has(&e, 1, "ชำระดอกเบี้ยถึงเดือน", "interest_paid_to");
    assert_eq!(books.dump(), before, "a refused import changes nothing");
    // With the column added, each row's mistake is named.
    let fixed = books.dir.path().join("loans.csv");
    let mut text = String::from("เลขที่สมาชิก,ประเภทเงินกู้,จำนวนเงินกู้,วันที่จ่ายเงินกู้,จำนวนงวด,เงินต้นคงเหลือ,ผู้ค้ำประกัน,ชำระดอกเบี้ยถึงเดือน\n");
    for r in &rows[1..] {
        text.push_str(&format!("{},2567-12\n", r.join(",")));
    }
    text.push_str("2,สามัญ,10000,5/1/2568,12,5000,1,2566-01\n"); // 9 interest before the loan
    std::fs::write(&fixed, text).unwrap();
    let e = refused_import(&books, "loans", &fixed);
    has(&e, 2, "ประเภทเงินกู้", "ฉุกเฉิน");
    has(&e, 3, "เงินต้นคงเหลือ", "มากกว่าจำนวนเงินกู้");
    has(&e, 4, "วันที่จ่ายเงินกู้", "ก่อนวันยกยอด");
    has(&e, 5, "จำนวนงวด", "1 ถึง 360");
    has(&e, 6, "ผู้ค้ำประกัน", "ค้ำประกันเงินกู้ของตนเอง");
    has(&e, 7, "ผู้ค้ำประกัน", "77");
    has(&e, 8, "เงินต้นคงเหลือ", "ชำระครบแล้ว");
    has(&e, 9, "ชำระดอกเบี้ยถึงเดือน", "ระหว่างเดือนที่กู้");
    assert_eq!(books.dump(), before, "a refused import changes nothing");
    let shown = books.json(TODAY, &["opening", "show"]);
    assert_eq!(shown["date"], Value::Null, "nothing was brought in");
}
