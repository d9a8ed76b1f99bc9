//! The date every form starts from (`work_date` in the overview): the open accounting month,
//! not the computer's calendar.

use crate::util::TempBooks;

fn work_date(founded: &str, today: &str) -> String {
    let b = TempBooks::new();
    let ov = b.json(today, &["init", "--name", "กลุ่มทดสอบ", "--founded", founded]);
    assert_eq!(ov["open_month"].as_str().unwrap().len(), 7, "{ov}");
    ov["work_date"].as_str().unwrap().to_string()
}

#[test]
fn an_open_month_in_the_past_starts_on_its_collection_day() {
    // Founded January 2568, the computer says December 2569: the forms start on 5/1/2568.
    assert_eq!(work_date("1/1/2568", "2026-12-06"), "2025-01-05");
}

#[test]
fn today_is_offered_when_it_falls_in_the_open_month() {
    assert_eq!(work_date("1/12/2569", "2026-12-06"), "2026-12-06");
}

#[test]
fn a_group_founded_after_the_collection_day_starts_on_its_founding_day() {
    assert_eq!(work_date("20/1/2568", "2026-12-06"), "2025-01-20");
}

#[test]
fn after_a_close_the_next_month_is_offered() {
    let b = TempBooks::new();
    b.json(
        "2025-03-10",
        &["init", "--name", "กลุ่มทดสอบ", "--founded", "1/1/2568"],
    );
    b.json("2025-03-10", &["close-month", "1/2568"]);
    let books = sajja_core::Books::open(&b.path).unwrap();
    let ov = books.overview().unwrap();
    assert_eq!(ov.open_month, "2025-02");
    // Whatever the machine's date, February 2568 is long past: its collection day.
    assert_eq!(ov.work_date.to_string(), "2025-02-05");
}

#[test]
fn a_cut_over_in_the_middle_of_a_month_leaves_the_rest_of_that_month_open() {
    let b = TempBooks::new();
    b.json(
        "2025-09-01",
        &["init", "--name", "กลุ่มทดสอบ", "--founded", "1/1/2563"],
    );
    // The paper books' cash brought in as at 15 July 2568: everything before is locked.
    let file = b.dir.path().join("funds.csv");
    std::fs::write(&file, "account,amount\n1100,5000\n").unwrap();
    let funds = b.json(
        "2025-09-01",
        &[
            "import",
            "funds",
            "--file",
            file.to_str().unwrap(),
            "--date",
            "15/7/2568",
        ],
    );
    assert_eq!(funds["committed"], true, "{funds}");
    let books = sajja_core::Books::open(&b.path).unwrap();
    let ov = books.overview().unwrap();
    // July is still open from the 15th (not August, not the founding month of 2563) ...
    assert_eq!(ov.open_month, "2025-07");
    // ... and the forms start on the cut-over day, as the 5th is locked.
    assert_eq!(ov.work_date.to_string(), "2025-07-15");
}
