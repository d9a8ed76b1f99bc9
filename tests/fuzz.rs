//! A bounded fuzz and property suite over what people type: amounts, dates, bahttext, CSV
//! sheets, settings values, ID numbers, names and collection rows. No input may panic, and
//! every refusal leaves the books file identical in content (a hash of every table).
//!
//! Bounded so it runs in CI on every push: `PROPTEST_CASES` raises the number of cases.

use std::collections::BTreeMap;
use std::sync::Mutex;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use rusqlite::Connection;
use sajja_core::collection::CollectionInput;
use sajja_core::thai::{self, BahtTextConvention, Digits};
use sajja_core::{Books, MemberInput, Money, NewGroup};
use sha2::{Digest, Sha256};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Typed text as it arrives: ASCII, Thai, digits of both scripts, separators, control
/// characters and terminal escapes, now and then very long.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9๐-๙.,/ -]{0,16}",
        "[ก-๙a-zA-Z0-9 .:/-]{0,24}",
        "\\PC{0,30}",
        any::<String>(),
        Just("1000000000000.01".to_string()),
        Just("99999999999999999999".to_string()),
        Just("31/12/9999".to_string()),
        Just("\u{1b}[2J\u{1b}[31mสมชาย".to_string()),
        (1usize..3000).prop_map(|n| "ก".repeat(n)),
    ]
}

/// A hash per table of every row: equal maps mean the books hold the same content.
fn table_hashes(conn: &Connection) -> BTreeMap<String, String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let cols = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    Ok((0..cols)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            let mut h = Sha256::new();
            for r in rows {
                h.update(r.as_bytes());
                h.update(b"\n");
            }
            (t, format!("{:x}", h.finalize()))
        })
        .collect()
}

/// One books file on disk for a whole property: a group with two members.
struct Fixture {
    _dir: tempfile::TempDir,
    books: Mutex<Books>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.db");
    let mut books = Books::create(
        &path,
        &NewGroup {
            name: "กลุ่มทดสอบ".into(),
            founded: "1/1/2568".into(),
            ..NewGroup::default()
        },
    )
    .unwrap();
    for name in ["นายหนึ่ง ทดสอบ", "นางสอง ทดสอบ"] {
        books
            .add_member(&MemberInput {
                name: name.into(),
                joined: "1/1/2568".into(),
                shares: "1".into(),
                ..MemberInput::default()
            })
            .unwrap();
    }
    Fixture {
        _dir: dir,
        books: Mutex::new(books),
    }
}

/// Runs a write; if it is refused, the books must be exactly as before.
fn refusal_changes_nothing<T>(
    f: &Fixture,
    op: impl FnOnce(&mut Books) -> sajja_core::Result<T>,
) -> Result<(), TestCaseError> {
    let mut books = f.books.lock().unwrap_or_else(|p| p.into_inner());
    let before = table_hashes(books.conn());
    if let Err(e) = op(&mut books) {
        let after = table_hashes(books.conn());
        prop_assert_eq!(&before, &after, "refused ({}) but the books changed", e);
        prop_assert!(
            e.to_string()
                .chars()
                .any(|c| ('\u{0e01}'..='\u{0e5b}').contains(&c)),
            "refusal not in Thai: {}",
            e
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn typed_amounts_never_panic_and_read_back(text in typed()) {
        if let Ok(m) = Money::parse_signed(&text) {
            prop_assert_eq!(Money::parse_signed(&m.to_string()).unwrap(), m);
            prop_assert_eq!(Money::parse_signed(&m.grouped()).unwrap(), m);
        }
    }

    #[test]
    fn sums_of_amounts_never_wrap(satang in proptest::collection::vec(-100_000_000_000_000i64..=100_000_000_000_000, 0..200)) {
        let total: Money = satang.iter().map(|&s| Money::from_satang(s)).sum();
        let exact: i128 = satang.iter().map(|&s| i128::from(s)).sum();
        prop_assert_eq!(total.to_string(), format!("{}{}.{:02}", if exact < 0 { "-" } else { "" }, exact.abs() / 100, exact.abs() % 100));
    }

    #[test]
    fn bahttext_reads_every_amount(satang in -100_000_000_000_000i64..=100_000_000_000_000) {
        let m = Money::from_satang(satang);
        for c in [BahtTextConvention::default(), "libreoffice".parse().unwrap()] {
            let words = thai::bahttext(m.as_decimal(), c);
            prop_assert!(words.ends_with("ถ้วน") || words.ends_with("สตางค์"), "{}", words);
        }
    }

    #[test]
    fn typed_dates_never_panic(text in typed()) {
        let _ = thai::parse_date(&text);
        let _ = thai::parse_month(&text);
    }

    /// Every date the books can hold reads back from the ISO form the CLI prints as JSON, and
    /// from the Thai form it prints for people.
    #[test]
    fn every_date_reads_back(days in 0i64..=(NaiveDate::from_ymd_opt(2399, 12, 31).unwrap() - NaiveDate::from_ymd_opt(1000, 1, 1).unwrap()).num_days()) {
        let d = NaiveDate::from_ymd_opt(1000, 1, 1).unwrap() + chrono::Duration::days(days);
        let iso = serde_json::to_value(d).unwrap();
        prop_assert_eq!(thai::parse_date(iso.as_str().unwrap()).unwrap(), d);
        if d.year() >= 1857 {
            // พ.ศ. 2400 on: the Thai form has a four-digit พ.ศ. year.
            prop_assert_eq!(thai::parse_date(&thai::format_date(d, Digits::Thai)).unwrap(), d);
            prop_assert_eq!(thai::parse_date(&thai::format_date_long(d, Digits::Arabic)).unwrap(), d);
        }
    }

    #[test]
    fn sheets_of_any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = sajja_core::sheet::decode(&bytes) {
            let _ = sajja_core::sheet::parse(&text);
        }
    }

    /// Cells with commas, quotes and line breaks come back as written, on their rows.
    #[test]
    fn csv_rows_read_back(rows in proptest::collection::vec(proptest::collection::vec("[ก-ฮa-z0-9,\" \n]{0,12}", 3), 1..12)) {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["member", "sajja", "memo"]).unwrap();
        for r in &rows {
            w.write_record(r).unwrap();
        }
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let sheet = sajja_core::sheet::parse(&text).unwrap();
        let expected: Vec<(usize, Vec<String>)> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.iter().all(|c| c.trim().is_empty()))
            .map(|(i, r)| (i + 2, r.iter().map(|c| c.trim().to_string()).collect()))
            .collect();
        prop_assert_eq!(sheet.rows, expected);
    }

    #[test]
    fn id_numbers_never_panic_and_valid_ones_read_back(text in typed(), first12 in "[1-8][0-9]{11}") {
        let _ = sajja_core::idcard::parse("id_card", &text);
        let id = sajja_core::idcard::with_check_digit(&first12);
        prop_assert_eq!(sajja_core::idcard::parse("id_card", &sajja_core::idcard::format(&id)).unwrap(), id.clone());
        prop_assert!(!sajja_core::idcard::masked(&id).contains(&id[..10]));
    }
}

/// Properties that write to one real books file share it (a Mutex), so they run one case at
/// a time against whatever earlier cases left.
mod on_a_file {
    use super::*;
    use std::sync::LazyLock;

    static BOOKS: LazyLock<Fixture> = LazyLock::new(fixture);

    const KEYS: &[&str] = &[
        "share_value",
        "min_shares",
        "max_shares",
        "entrance_fee",
        "year_start_month",
        "collection_day",
        "late_after_day",
        "fine_per_month",
        "bahttext",
        "digits",
        "loan_late_rule",
        "loan_late_fine",
        "loan_default_rate",
        "guarantee_limit",
        "passbook_page_mm",
        "passbook_line_mm",
        "passbook_columns_mm",
        "money_days_ahead",
    ];

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn settings_values(key in proptest::sample::select(KEYS), value in typed(), from in typed()) {
            refusal_changes_nothing(&BOOKS, |b| b.set_setting(key, &value, Some(&from)))?;
        }

        #[test]
        fn member_names(name in typed(), id in typed(), phone in typed()) {
            refusal_changes_nothing(&BOOKS, |b| b.add_member(&MemberInput {
                name,
                id_card: id,
                phone,
                joined: "1/1/2568".into(),
                shares: "1".into(),
                ..MemberInput::default()
            }))?;
        }

        #[test]
        fn collection_rows(member in "[0-9]{1,2}", amount in typed(), date in typed(), memo in typed()) {
            refusal_changes_nothing(&BOOKS, |b| b.collect(&CollectionInput {
                member,
                sajja: amount.clone(),
                deposit: amount,
                date,
                memo,
                ..CollectionInput::default()
            }))?;
        }
    }
}
