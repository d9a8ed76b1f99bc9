//! Papers a committee signs, printed from the demo group by the real binary and read back
//! with pdftotext: the cash book and the fund report equal the ledger (the postings in the
//! SQLite file, and the year's income statement as at each month end); the fund report keeps
//! cash in and out apart from income and expense, and its net income is income less expenses;
//! signatures stand on the page of the figures with a date line (and the stamp box on the fund
//! report); every cash book line has its paper's number; no cell breaks inside a word.

use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::Connection;
use rust_decimal::Decimal;

use crate::util::TempBooks;

const TODAY: &str = "2026-12-06";

fn demo() -> TempBooks {
    let b = TempBooks::new();
    b.json(TODAY, &["demo"]);
    b
}

/// The text of each page (`-raw`: every drawn line, a cell's lines one after the other).
fn pages(path: &Path, mode: &str) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg(mode)
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not be run ({e}): install poppler-utils"));
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

fn print(b: &TempBooks, what: &str, flag: &str, value: &str) -> PathBuf {
    let out = b.dir.path().join(format!("{what}-{value}.pdf"));
    b.json(
        TODAY,
        &[
            "print",
            what,
            flag,
            value,
            "--out",
            &out.display().to_string(),
        ],
    );
    out
}

fn dec(v: &serde_json::Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("an amount: {v}"))
        .parse()
        .expect("decimal")
}

/// `12345.5` as printed: `12,345.50`.
fn printed(d: Decimal) -> String {
    let s = format!("{:.2}", d.abs());
    let (int, frac) = s.split_once('.').expect("two decimals");
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!(
        "{}{out}.{frac}",
        if d.is_sign_negative() && !d.is_zero() {
            "-"
        } else {
            ""
        }
    )
}

fn satang(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Decimal {
    let s: i64 = conn.query_row(sql, params, |r| r.get(0)).expect("sum");
    Decimal::new(s, 2)
}

/// The tokens of the raw line that starts with `label`.
fn after<'t>(page: &'t str, label: &str) -> Vec<&'t str> {
    let line = page
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no line {label:?} in:\n{page}"));
    line[line.find(label).unwrap() + label.len()..]
        .split_whitespace()
        .collect()
}

fn month_end(ym: &str) -> chrono::NaiveDate {
    let first = chrono::NaiveDate::parse_from_str(&format!("{ym}-01"), "%Y-%m-%d").unwrap();
    first
        .checked_add_months(chrono::Months::new(1))
        .unwrap()
        .pred_opt()
        .unwrap()
}

fn be(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}/{}/{}", d.day(), d.month(), d.year() + 543)
}

/// Income and expenses of the year as at `date` (both funds), from the year's statements.
fn year_to_date(b: &TempBooks, year: i32, date: chrono::NaiveDate) -> (Decimal, Decimal) {
    let is = b.json(
        TODAY,
        &[
            "report",
            "income-statement",
            "--year",
            &year.to_string(),
            "--as-at",
            &be(date),
        ],
    );
    let income = dec(&is["operating"]["income_total"]) + dec(&is["expense_fund"]["income_total"]);
    let expenses =
        dec(&is["operating"]["expenses_total"]) + dec(&is["expense_fund"]["expenses_total"]);
    (income, expenses)
}

#[test]
fn fund_report_income_and_expenses_equal_the_year_statements_month_by_month() {
    let b = demo();
    let mut months_with_expenses = 0;
    for m in 1..=11 {
        let ym = format!("2026-{m:02}");
        let be_ym = format!("2569-{m:02}");
        let r = b.json(TODAY, &["report", "fund", "--month", &be_ym]);
        let end = month_end(&ym);
        let (inc, exp) = year_to_date(&b, 2569, end);
        let (inc0, exp0) = if m == 1 {
            (Decimal::ZERO, Decimal::ZERO)
        } else {
            year_to_date(&b, 2569, month_end(&format!("2026-{:02}", m - 1)))
        };
        assert_eq!(dec(&r["income_total"]), inc - inc0, "{be_ym} income: {r}");
        assert_eq!(
            dec(&r["expenses_total"]),
            exp - exp0,
            "{be_ym} expenses: {r}"
        );
        assert_eq!(
            dec(&r["net_income"]),
            dec(&r["income_total"]) - dec(&r["expenses_total"]),
            "{be_ym}: net income is income less expenses"
        );
        let lines = |k: &str| -> Decimal {
            r[k].as_array()
                .unwrap()
                .iter()
                .map(|l| dec(&l["amount"]))
                .sum()
        };
        assert_eq!(lines("income"), dec(&r["income_total"]));
        assert_eq!(lines("expenses"), dec(&r["expenses_total"]));
        if !dec(&r["expenses_total"]).is_zero() {
            months_with_expenses += 1;
        }
        // Savings, deposits and principal are cash in, never income.
        for l in r["income"].as_array().unwrap() {
            let label = l["label"].as_str().unwrap();
            assert!(
                !["เงินสัจจะ", "เงินฝากสมาชิก", "ส่งเงินกู้ (เงินต้น)"].contains(&label),
                "{be_ym}: {label} counted as income"
            );
            assert!(
                label != "ค่าปรับ",
                "{be_ym}: a fine line that does not say which fine"
            );
        }
        // Cash in and out balance: brought forward + in − out = carried forward.
        let opening = dec(&r["cash"]["opening"]) + dec(&r["bank"]["opening"]);
        let closing = dec(&r["cash"]["closing"]) + dec(&r["bank"]["closing"]);
        assert_eq!(
            opening + dec(&r["receipts_total"]) - dec(&r["payments_total"]),
            closing,
            "{be_ym}: {r}"
        );
    }
    assert!(
        months_with_expenses > 0,
        "the demo's year has expenses to compare"
    );
}

#[test]
fn printed_fund_report_and_cash_book_equal_the_ledger_and_are_signed_beside_their_figures() {
    let b = demo();
    let conn = Connection::open(&b.path).expect("open the books");
    for (ym, be_ym) in [("2026-06", "2569-06"), ("2026-11", "2569-11")] {
        let from = format!("{ym}-01");
        let to = month_end(ym).to_string();
        // The ledger: cash and bank postings of the month and balances at its end.
        let flow = |acct: &str, sign: &str| {
            satang(
                &conn,
                &format!(
                    "SELECT coalesce(sum(abs(p.amount)), 0) FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
                     WHERE p.account = ?1 AND p.date BETWEEN ?2 AND ?3 AND p.amount {sign} 0 AND e.kind <> 'opening'"
                ),
                (acct, &from, &to),
            )
        };
        let balance = |acct: &str| {
            satang(
                &conn,
                "SELECT coalesce(sum(amount), 0) FROM posting WHERE account = ?1 AND date <= ?2",
                (acct, &to),
            )
        };
        let income = satang(
            &conn,
            "SELECT coalesce(-sum(p.amount), 0) FROM posting p JOIN account a ON a.code = p.account
             JOIN journal_entry e ON e.seq = p.entry_seq
             WHERE a.kind = 'income' AND p.date BETWEEN ?1 AND ?2 AND e.kind NOT IN ('year_close', 'opening')",
            (&from, &to),
        );
        let expenses = satang(
            &conn,
            "SELECT coalesce(sum(p.amount), 0) FROM posting p JOIN account a ON a.code = p.account
             JOIN journal_entry e ON e.seq = p.entry_seq
             WHERE a.kind = 'expense' AND p.date BETWEEN ?1 AND ?2 AND e.kind NOT IN ('year_close', 'opening')",
            (&from, &to),
        );

        // The cash book: its totals row is the ledger's.
        let cb = pages(&print(&b, "cashbook", "--month", be_ym), "-raw");
        let all = cb.join("\n");
        let total = after(&all, "รวมทั้งเดือน / ยอดคงเหลือยกไป");
        let expected: Vec<String> = [
            flow("1100", ">"),
            flow("1100", "<"),
            balance("1100"),
            flow("1110", ">"),
            flow("1110", "<"),
            balance("1110"),
        ]
        .into_iter()
        .map(printed)
        .collect();
        assert_eq!(total, expected, "{be_ym} cash book totals");
        // Every line of the month has its paper: receipt, voucher, reversal or journal number.
        let entries: i64 = conn
            .query_row(
                "SELECT count(DISTINCT e.seq) FROM journal_entry e JOIN posting p ON p.entry_seq = e.seq
                 WHERE e.date BETWEEN ?1 AND ?2 AND p.account IN ('1100', '1110') AND e.kind <> 'opening'",
                (&from, &to),
                |r| r.get(0),
            )
            .unwrap();
        let dated: Vec<&str> = all
            .lines()
            .filter(|l| l.len() > 9 && l.as_bytes()[2] == b'/' && l.as_bytes()[5] == b'/')
            .filter(|l| !l.contains("ยอดยกมา"))
            .collect();
        assert_eq!(dated.len() as i64, entries, "{be_ym}: one line per entry");
        for l in &dated {
            let paper = l.split_whitespace().nth(1).unwrap_or_default();
            assert!(
                paper.starts_with("2569/")
                    || paper.starts_with("จ2569/")
                    || paper == "ลำดับ"
                    || paper == "หักล้าง",
                "{be_ym}: a line without its paper's number: {l}"
            );
        }
        let receipts: i64 = conn
            .query_row(
                "SELECT count(*) FROM journal_entry WHERE date BETWEEN ?1 AND ?2 AND receipt IS NOT NULL",
                (&from, &to),
                |r| r.get(0),
            )
            .unwrap();
        assert!(receipts > 0);
        let withdrawals: i64 = conn
            .query_row(
                "SELECT count(DISTINCT e.seq) FROM journal_entry e JOIN posting p ON p.entry_seq = e.seq
                 WHERE e.date BETWEEN ?1 AND ?2 AND e.kind = 'collection' AND p.account = '2100'
                   AND p.amount > 0 AND e.reverses IS NULL",
                (&from, &to),
                |r| r.get(0),
            )
            .unwrap();
        let vouchers = all.matches("จ2569/").count() as i64;
        assert!(
            vouchers >= withdrawals,
            "{be_ym}: {vouchers} vouchers for {withdrawals} withdrawals"
        );
        // Signed on the page of the last lines, with dates.
        let last = cb.iter().rev().find(|p| !p.trim().is_empty()).unwrap();
        for must in ["รวมทั้งเดือน", "ลงชื่อ", "เหรัญญิก", "คณะกรรมการตรวจสอบ", "วันที่"]
        {
            assert!(
                last.contains(must),
                "{be_ym}: the cash book's last page lacks {must}:\n{last}"
            );
        }

        // The fund report: cash in and out balance against the ledger; income less expenses.
        let fr = pages(&print(&b, "fund-report", "--month", be_ym), "-raw");
        let text = fr.join("\n");
        let opening = printed(
            balance("1100") + balance("1110") - flow("1100", ">") + flow("1100", "<")
                - flow("1110", ">")
                + flow("1110", "<"),
        );
        let row = after(&text, "รวมเงินสดและเงินฝากธนาคาร");
        assert_eq!(row[0], opening, "{be_ym} brought forward");
        assert_eq!(
            row[3],
            printed(balance("1100") + balance("1110")),
            "{be_ym} carried forward"
        );
        let cash_in: Decimal = row[1].replace(',', "").parse().unwrap();
        let cash_out: Decimal = row[2].replace(',', "").parse().unwrap();
        assert_eq!(
            printed(row[0].replace(',', "").parse::<Decimal>().unwrap() + cash_in - cash_out),
            row[3],
            "{be_ym}: the cash section balances"
        );
        assert_eq!(
            after(&text, "รวมรายได้")[0],
            printed(income),
            "{be_ym} income"
        );
        assert_eq!(
            after(&text, "หัก รวมค่าใช้จ่าย")[0],
            printed(expenses),
            "{be_ym} expenses"
        );
        let net_label = if income >= expenses {
            "รายได้สุทธิของเดือน"
        } else {
            "ขาดทุนสุทธิของเดือน"
        };
        assert_eq!(
            after(&text, net_label)[0],
            printed(income - expenses),
            "{be_ym} net income"
        );
        let signed = fr
            .iter()
            .find(|p| p.contains("คณะกรรมการตรวจสอบ"))
            .expect("the audit committee signs");
        for must in [
            "ลงชื่อ",
            "เหรัญญิก",
            "ประธานกรรมการ",
            "วันที่",
            "ประทับตรากลุ่ม",
            "สมาชิก ณ สิ้นเดือน",
        ] {
            assert!(
                signed.contains(must),
                "{be_ym}: the signed page lacks {must}:\n{signed}"
            );
        }
    }
}

/// Words the line breaker must keep whole, and where a cell's lines meet.
#[test]
fn cash_book_cells_never_split_a_word() {
    let b = demo();
    let words = [
        "สัจจะ",
        "ค่าปรับ",
        "เงินกู้",
        "เงินฝาก",
        "สมาชิก",
        "ดอกเบี้ย",
        "ธนาคาร",
    ];
    let mut joins = 0;
    for m in 1..=12 {
        let text = pages(
            &print(&b, "cashbook", "--month", &format!("2569-{m:02}")),
            "-raw",
        )
        .join("\n");
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            let (a, z) = (pair[0].trim_end(), pair[1].trim_start());
            joins += 1;
            for w in words {
                for (i, _) in w.char_indices().skip(1) {
                    let (head, tail) = w.split_at(i);
                    assert!(
                        !(a.ends_with(head) && z.starts_with(tail)),
                        "2569-{m:02}: {w} split as {head}|{tail}:\n{a}\n{z}"
                    );
                }
            }
        }
    }
    assert!(joins > 100);
}
