//! The annual general meeting and the year-end: the AGM is offered the year's statements and
//! the allocation from the books (the same figures `yearend preview` and the statements
//! give), the close names the meeting that approved it, and the meeting's minutes list the
//! approval with the net profit and the pools. A close at a meeting that is not a general
//! meeting is refused and changes nothing.

use crate::util::{money, TempBooks};
use crate::yearend::{scripted_year, TODAY};

/// `pdftotext -layout` of a file (poppler-utils).
fn pdftotext(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not be run ({e}): install poppler-utils"));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// `1234.5` → `1,234.50`, as the minutes write amounts.
fn grouped(v: &serde_json::Value) -> String {
    let m = money(v);
    let (whole, frac) = m.split_once('.').unwrap();
    let (sign, digits) = match whole.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", whole),
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}.{frac}")
}

fn new_meeting(b: &TempBooks, kind: &str, date: &str) -> String {
    let m = b.json(
        TODAY,
        &[
            "meeting",
            "new",
            "--kind",
            kind,
            "--date",
            date,
            "--place",
            "ศาลาประชาคม",
        ],
    );
    m["meeting"].as_str().unwrap().to_string()
}

fn items_from(m: &serde_json::Value, source: &str) -> Vec<serde_json::Value> {
    m["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["items"].as_array().unwrap().clone())
        .filter(|i| i["source"] == source)
        .collect()
}

#[test]
fn the_agm_offers_the_preview_figures_and_the_close_links_both_ways() {
    let b = TempBooks::new();
    scripted_year(&b);
    b.json(TODAY, &["close-month", "2568-12"]);
    let committee = new_meeting(&b, "committee", "2026-01-10");
    let monthly = new_meeting(&b, "monthly", "2026-01-12");
    let agm = new_meeting(&b, "annual", "2026-01-15");

    // A committee or monthly meeting is not offered the year.
    for m in [&committee, &monthly] {
        let o = b.json(TODAY, &["meeting", "offers", "--meeting", m]);
        assert!(o["year_end"].is_null(), "{o}");
    }

    // The AGM's offer equals the year-end preview and the statements, figure for figure.
    let o = b.json(TODAY, &["meeting", "offers", "--meeting", &agm]);
    let y = &o["year_end"];
    assert_eq!(y["year"], 2568, "{o}");
    let p = b.json(TODAY, &["yearend", "preview", "--year", "2568"]);
    for key in [
        "net_profit",
        "residual",
        "reserve_total",
        "dividend_rate",
        "average_return_rate",
        "pools",
        "allocation",
        "members_eligible_dividend",
        "members_eligible_average_return",
        "months_open",
    ] {
        assert_eq!(y[key], p[key], "{key}");
    }
    assert!(p["net_profit"].as_str().unwrap() != "0.00");
    let is = b.json(TODAY, &["report", "income-statement", "--year", "2568"]);
    assert_eq!(y["operating_income"], is["operating"]["income_total"]);
    assert_eq!(y["operating_expenses"], is["operating"]["expenses_total"]);
    assert_eq!(y["net_profit"], is["net_profit"]);
    assert_eq!(y["expense_fund_income"], is["expense_fund"]["income_total"]);
    assert_eq!(
        y["expense_fund_expenses"],
        is["expense_fund"]["expenses_total"]
    );
    let bs = b.json(TODAY, &["report", "balance-sheet", "--year", "2568"]);
    for key in [
        "total_assets",
        "total_liabilities",
        "total_operating_capital",
        "total_liabilities_and_funds",
        "expense_fund",
    ] {
        assert_eq!(y[key], bs[key], "{key}");
    }

    // Inserted on agenda 4, the items carry the figures from the books.
    b.json(
        TODAY,
        &[
            "meeting",
            "item",
            "--meeting",
            &agm,
            "--agenda",
            "4",
            "--from-books",
            "statements",
        ],
    );
    let m = b.json(
        TODAY,
        &[
            "meeting",
            "item",
            "--meeting",
            &agm,
            "--agenda",
            "4",
            "--from-books",
            "allocation",
        ],
    );
    let st = &items_from(&m, "books:statements")[0];
    assert!(st["title"].as_str().unwrap().contains("2568"), "{st}");
    let text = st["text"].as_str().unwrap();
    for v in [
        &is["operating"]["income_total"],
        &is["operating"]["expenses_total"],
        &p["net_profit"],
        &bs["total_assets"],
    ] {
        assert!(text.contains(&grouped(v)), "{} not in {text}", grouped(v));
    }
    let al = &items_from(&m, "books:allocation")[0];
    let text = al["text"].as_str().unwrap();
    assert!(text.contains(&grouped(&p["pools"]["dividend"])), "{text}");
    assert!(text.contains(&grouped(&p["pools"]["reserve"])), "{text}");
    assert!(
        text.contains(p["dividend_rate"].as_str().unwrap()),
        "{text}"
    );
    // A committee meeting cannot take them.
    let msg = b.refused(
        TODAY,
        &[
            "meeting",
            "item",
            "--meeting",
            &committee,
            "--agenda",
            "4",
            "--from-books",
            "allocation",
        ],
    );
    assert!(msg.contains("ประชุมใหญ่"), "{msg}");

    // A close at the committee meeting (or the monthly one) is refused and changes nothing.
    for wrong in [&committee, &monthly] {
        let before = b.dump();
        let msg = b.refused(
            TODAY,
            &[
                "yearend",
                "close",
                "--year",
                "2568",
                "--meeting",
                wrong,
                "--approved-by",
                "2",
                "--prepared-by",
                "4",
            ],
        );
        assert!(msg.contains("ประชุมใหญ่สามัญประจำปี"), "{msg}");
        assert_eq!(b.dump(), before);
    }
    // A date that is not the named meeting's is refused too.
    let before = b.dump();
    let msg = b.refused(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting",
            &agm,
            "--meeting-date",
            "2026-01-16",
            "--approved-by",
            "2",
            "--prepared-by",
            "4",
        ],
    );
    assert!(msg.contains("ไม่ตรง"), "{msg}");
    assert_eq!(b.dump(), before);

    // The close at the AGM records the meeting, and the date comes from it.
    let closed = b.json(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting",
            &agm,
            "--approved-by",
            "2",
            "--prepared-by",
            "4",
        ],
    );
    assert_eq!(closed["meeting"], agm.as_str());
    assert_eq!(closed["closed"]["meeting"], agm.as_str());
    assert_eq!(closed["closed"]["meeting_date"], "2026-01-15");
    assert_eq!(closed["pools"], p["pools"]);
    let again = b.json(TODAY, &["yearend", "preview", "--year", "2568"]);
    assert_eq!(again["meeting"], agm.as_str());
    assert!(again["closed"]["meeting_label"]
        .as_str()
        .unwrap()
        .contains("ประชุมใหญ่สามัญประจำปี"));

    // The meeting names the year it closed, with the pools as posted.
    let shown = b.json(TODAY, &["meeting", "show", "--meeting", &agm]);
    let yc = &shown["year_closes"][0];
    assert_eq!(yc["year"], 2568);
    assert_eq!(yc["net_profit"], p["net_profit"]);
    for line in yc["pools"].as_array().unwrap() {
        let h = line["heading"].as_str().unwrap();
        assert_eq!(line["amount"], p["pools"][h], "{h}");
    }
    let approval = &items_from(&shown, "books:year-close")[0];
    let text = approval["text"].as_str().unwrap();
    assert!(text.contains(&grouped(&p["net_profit"])), "{text}");
    assert!(text.contains(&grouped(&p["pools"]["dividend"])), "{text}");
    // The offer now says who approved the year.
    let o = b.json(TODAY, &["meeting", "offers", "--meeting", &agm]);
    assert!(o["year_end"]["closed_by"].as_str().unwrap().contains(
        &agm.split('/')
            .nth(1)
            .unwrap()
            .trim_start_matches('0')
            .to_string()
    ));

    // The minutes PDF lists the approval with the net profit and the pools.
    let pdf = b.path.with_extension("agm.pdf");
    b.json(
        TODAY,
        &[
            "print",
            "minutes",
            "--meeting",
            &agm,
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let text = pdftotext(&pdf);
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains("อนุมัติงบการเงินและการจัดสรรกำไรสุทธิประจำปีบัญชี"),
        "{text}"
    );
    let thai_digits = |s: &str| sajja_core::thai::Digits::Thai.apply(s);
    for v in [
        &p["net_profit"],
        &p["pools"]["dividend"],
        &p["pools"]["reserve"],
    ] {
        let g = grouped(v);
        assert!(
            flat.contains(&g) || flat.contains(&thai_digits(&g)),
            "{g} not in the minutes:\n{text}"
        );
    }
    let _ = std::fs::remove_file(&pdf);
}

#[test]
fn the_old_meeting_date_still_closes_and_names_no_meeting() {
    let b = TempBooks::new();
    scripted_year(&b);
    b.json(TODAY, &["close-month", "2568-12"]);
    let closed = b.json(
        TODAY,
        &[
            "yearend",
            "close",
            "--year",
            "2568",
            "--meeting-date",
            "15/1/2569",
            "--approved-by",
            "2",
            "--prepared-by",
            "4",
        ],
    );
    assert_eq!(closed["closed"]["meeting_date"], "2026-01-15");
    assert!(closed["meeting"].is_null());
}

#[test]
fn once_the_executive_committee_is_registered_only_its_members_approve_the_year() {
    let b = TempBooks::new();
    scripted_year(&b);
    b.json(TODAY, &["close-month", "2568-12"]);
    // Member 3 chairs the executive committee from 1/1/2569; member 2 holds no seat.
    b.json(
        TODAY,
        &[
            "committee",
            "set",
            "--committee",
            "executive",
            "--member",
            "3",
            "--position",
            "ประธาน",
            "--from",
            "1/1/2569",
        ],
    );
    let close = |approver: &str| {
        vec![
            "yearend".to_string(),
            "close".into(),
            "--year".into(),
            "2568".into(),
            "--meeting-date".into(),
            "15/1/2569".into(),
            "--approved-by".into(),
            approver.into(),
            "--prepared-by".into(),
            "4".into(),
        ]
    };
    let args = close("2");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let before = b.dump();
    let refused = b.refused(TODAY, &args);
    assert!(refused.contains("กรรมการอำนวยการ"), "{refused}");
    assert!(refused.contains("เลขที่ 3"), "who may, named: {refused}");
    assert_eq!(b.dump(), before, "a refused close changes nothing");
    let args = close("3");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let closed = b.json(TODAY, &args);
    assert_eq!(closed["closed"]["meeting_date"], "2026-01-15");
}
