//! Month close through the `sajja` command: closes one month at a time in order (a later month
//! is refused, naming the months still open), and warns (without refusing) about cash found short, members' rows
//! with nothing posted and a bank balance that disagrees with the bank's own book.

use crate::util::TempBooks;

const TODAY: &str = "2025-04-10";

/// Two members pledging 2 shares; member 1 pays January, member 2 does not; the cash box is
/// counted 5 baht short on the collection day without a note.
fn group() -> TempBooks {
    let b = TempBooks::new();
    b.json(
        TODAY,
        &["init", "--name", "กลุ่มทดสอบ", "--founded", "1/1/2568"],
    );
    for name in ["นางสมศรี ใจงาม", "นายบุญมา ศรีสุข"]
    {
        b.json(
            TODAY,
            &[
                "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", "2",
            ],
        );
    }
    let due = b.json(TODAY, &["due", "--date", "5/1/2568", "--member", "1"]);
    let sajja = due["members"][0]["sajja"].as_str().unwrap().to_string();
    b.json(
        TODAY,
        &[
            "collect", "--date", "5/1/2568", "--member", "1", "--sajja", &sajja,
        ],
    );
    let cash = b.json(TODAY, &["money", "--date", "5/1/2568"]);
    let counted = sajja_core::Money::parse(cash["cash"].as_str().unwrap()).unwrap()
        - sajja_core::Money::parse("5").unwrap();
    b.json(
        TODAY,
        &[
            "cash-count",
            "--date",
            "5/1/2568",
            "--counted",
            &counted.to_string(),
        ],
    );
    b
}

fn warnings(v: &serde_json::Value) -> Vec<String> {
    v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_later_month_is_refused_while_an_earlier_one_is_open() {
    let b = group();
    let before = b.json(TODAY, &["money"]);
    let refused = b.refused(TODAY, &["close-month", "3/2568"]);
    assert!(
        refused.contains("ยังปิดเดือนมีนาคม 2568 ไม่ได้")
            && refused.contains("มกราคม 2568, กุมภาพันธ์ 2568")
            && refused.contains("เริ่มจากเดือนมกราคม 2568"),
        "{refused}"
    );
    // Nothing changed: no month is locked.
    let after = b.json(TODAY, &["money"]);
    assert_eq!(after["lock_date"], serde_json::Value::Null, "{after}");
    assert_eq!(before, after);
    // One at a time, in order: January (its shortage noted), then February, then March.
    let jan = b.json(
        TODAY,
        &["close-month", "1/2568", "--note", "นับผิด เหรัญญิกชดใช้แล้ว"],
    );
    assert_eq!(jan["skipped_months"], serde_json::json!([]));
    assert_eq!(jan["cash_short"], true);
    let refused = b.refused(TODAY, &["close-month", "3/2568"]);
    assert!(
        refused.contains("กุมภาพันธ์ 2568") && !refused.contains("มกราคม 2568"),
        "{refused}"
    );
    b.json(TODAY, &["close-month", "2/2568"]);
    let closed = b.json(TODAY, &["close-month", "3/2568"]);
    assert_eq!(closed["locked_through"], "2025-03-31");
    assert!(
        warnings(&closed).iter().all(|w| !w.contains("ข้ามเดือน")),
        "{closed}"
    );
}

#[test]
fn closing_the_open_month_lists_the_shortage_and_the_rows_with_nothing_posted() {
    let b = group();
    let closed = b.json(
        TODAY,
        &["close-month", "1/2568", "--note", "ทอนเงินผิด เหรัญญิกชดใช้แล้ว"],
    );
    assert_eq!(closed["skipped_months"], serde_json::json!([]));
    assert_eq!(closed["cash_short"], true);
    let w = warnings(&closed);
    assert!(!w.iter().any(|x| x.contains("ข้ามเดือน")), "{w:?}");
    let short = w
        .iter()
        .find(|x| x.contains("เงินขาด 5.00"))
        .expect("shortage");
    assert!(
        short.contains("5 ม.ค. 2568") && short.contains("ทอนเงินผิด เหรัญญิกชดใช้แล้ว"),
        "{short}"
    );
    let rows = w
        .iter()
        .find(|x| x.contains("ยังไม่ได้บันทึกแถวของสมาชิก"))
        .expect("member 2 paid nothing in January");
    assert!(rows.contains("1 คน") && rows.ends_with("เลขที่ 2"), "{rows}");
    // The committee's note is kept with the close.
    let conn = rusqlite::Connection::open(&b.path).unwrap();
    let note: String = conn
        .query_row("SELECT note FROM period_lock", [], |r| r.get(0))
        .unwrap();
    assert!(note.contains("ทอนเงินผิด เหรัญญิกชดใช้แล้ว"), "{note}");
}

#[test]
fn a_bank_balance_that_disagrees_with_the_bank_book_is_a_warning() {
    let b = group();
    let before = b.dump();
    let msg = b.refused(
        TODAY,
        &["close-month", "1/2568", "--bank-statement", "สองร้อย"],
    );
    assert!(msg.contains("สองร้อย") || msg.contains("จำนวนเงิน"), "{msg}");
    assert_eq!(before, b.dump(), "a refused close changes nothing");
    let closed = b.json(
        TODAY,
        &["close-month", "1/2568", "--bank-statement", "1,200"],
    );
    let w = warnings(&closed);
    let bank = w
        .iter()
        .find(|x| x.contains("สมุดบัญชีธนาคาร"))
        .expect("bank warning");
    assert!(
        bank.contains("ตามบัญชีของกลุ่ม 0.00") && bank.contains("ต่างกัน 1,200.00"),
        "{bank}"
    );
}

#[test]
fn a_month_with_nothing_to_check_has_no_warnings() {
    let b = TempBooks::new();
    b.json(
        TODAY,
        &["init", "--name", "กลุ่มทดสอบ", "--founded", "1/1/2568"],
    );
    b.json(
        TODAY,
        &[
            "member",
            "add",
            "--name",
            "นางสมศรี ใจงาม",
            "--joined",
            "1/1/2568",
            "--shares",
            "2",
        ],
    );
    let due = b.json(TODAY, &["due", "--date", "5/1/2568", "--member", "1"]);
    let total = due["members"][0]["total"].as_str().unwrap().to_string();
    let sajja = due["members"][0]["sajja"].as_str().unwrap().to_string();
    let fee = due["members"][0]["fee"].as_str().unwrap().to_string();
    b.json(
        TODAY,
        &[
            "collect", "--date", "5/1/2568", "--member", "1", "--sajja", &sajja, "--fee", &fee,
        ],
    );
    b.json(
        TODAY,
        &["cash-count", "--date", "5/1/2568", "--counted", &total],
    );
    let closed = b.json(TODAY, &["close-month", "1/2568", "--bank-statement", "0"]);
    assert_eq!(closed["warnings"], serde_json::json!([]), "{closed}");
    assert_eq!(closed["cash_short"], false);
}
