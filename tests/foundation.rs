//! The foundation: books files, members, settings, verify, Thai utilities, demo — through the
//! real `sajja` binary on real files.

use crate::util::{dump, is_thai, TempBooks};

const TODAY: &str = "2025-06-15";

fn new_group() -> TempBooks {
    let b = TempBooks::new();
    let v = b.json(
        TODAY,
        &[
            "init",
            "--name",
            "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง",
            "--founded",
            "1/1/2568",
            "--share-value",
            "50",
        ],
    );
    assert_eq!(v["group"]["name"], "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง");
    assert_eq!(v["group"]["founded"], "2025-01-01");
    b
}

#[test]
fn init_creates_books_with_default_rules_and_refuses_to_overwrite() {
    let b = new_group();
    let s = b.json(TODAY, &["settings", "show"]);
    assert_eq!(s["settings"]["share_value"], "50.00");
    assert_eq!(s["settings"]["min_shares"], 1);
    assert_eq!(s["settings"]["max_shares"], 20);
    assert_eq!(s["settings"]["entrance_fee"], "20.00");
    assert_eq!(s["settings"]["bahttext"], "excel");
    let before = std::fs::read(&b.path).unwrap();
    let msg = b.refused(TODAY, &["init", "--name", "อีกกลุ่ม"]);
    assert!(msg.contains("มีไฟล์บัญชีอยู่แล้ว"), "{msg}");
    assert_eq!(before, std::fs::read(&b.path).unwrap());
}

#[test]
fn a_refused_init_leaves_no_file() {
    let b = TempBooks::new();
    b.refused(TODAY, &["init", "--name", "กลุ่ม", "--share-value", "abc"]);
    assert!(!b.path.exists());
    b.refused(TODAY, &["init", "--name", "  "]);
    assert!(!b.path.exists());
}

#[test]
fn members_get_numbers_in_order_with_thai_names_and_checked_ids() {
    let b = new_group();
    let m1 = b.json(
        TODAY,
        &[
            "member",
            "add",
            "--name",
            "นายสมชาย ใจดี",
            "--id-card",
            "1101700203450",
            "--joined",
            "15 ม.ค. 2568",
            "--shares",
            "2",
        ],
    );
    assert_eq!(m1["number"], 1);
    assert!(
        m1["id"].as_str().unwrap().len() == 36,
        "UUID id: {}",
        m1["id"]
    );
    assert_eq!(m1["title"], "นาย");
    assert_eq!(m1["first_name"], "สมชาย");
    assert_eq!(m1["last_name"], "ใจดี");
    assert_eq!(m1["joined"], "2025-01-15");
    let m2 = b.json(
        TODAY,
        &[
            "member",
            "add",
            "--name",
            "นางสาวปิ่นแก้ว ศรีสุวรรณวงศ์",
            "--joined",
            "2568-02-01",
        ],
    );
    assert_eq!(m2["number"], 2);
    assert_eq!(m2["title"], "นางสาว");
    assert_eq!(m2["shares"], 1, "defaults to the minimum pledge");

    // A wrong check digit, a duplicate ID, too many shares: refused in Thai, nothing written.
    let before = b.dump();
    let msg = b.refused(
        TODAY,
        &[
            "member",
            "add",
            "--name",
            "นายมานพ ทองดี",
            "--id-card",
            "1101700203451",
        ],
    );
    assert!(msg.contains("เลขประจำตัวประชาชน"), "{msg}");
    b.refused(
        TODAY,
        &[
            "member",
            "add",
            "--name",
            "นายมานพ ทองดี",
            "--id-card",
            "1101700203450",
        ],
    );
    b.refused(
        TODAY,
        &["member", "add", "--name", "นายมานพ ทองดี", "--shares", "21"],
    );
    b.refused(
        TODAY,
        &[
            "member",
            "add",
            "--name",
            "นายมานพ ทองดี",
            "--joined",
            "31/2/2568",
        ],
    );
    b.refused(
        TODAY,
        &[
            "member",
            "add",
            "--name",
            "นายมานพ ทองดี",
            "--joined",
            "1/1/2560",
        ],
    );
    assert_eq!(before, b.dump(), "refusals must not change the books");

    // The next number is 3: numbers are never reused, even after refusals.
    let m3 = b.json(TODAY, &["member", "add", "--name", "นายมานพ ทองดี"]);
    assert_eq!(m3["number"], 3);

    let all = b.json(TODAY, &["member", "list"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
    let found = b.json(TODAY, &["member", "list", "--search", "ปิ่นแก้ว"]);
    assert_eq!(found[0]["number"], 2);
    let by_number = b.json(TODAY, &["member", "list", "--search", "3"]);
    assert_eq!(by_number[0]["full_name"], "นายมานพ ทองดี");
}

#[test]
fn beneficiaries_must_total_one_hundred_percent() {
    let b = new_group();
    let msg = b.refused(
        TODAY,
        &[
            "member",
            "add",
            "--name",
            "นายสมชาย ใจดี",
            "--beneficiary",
            "นางมาลี ใจดี:คู่สมรส:60",
            "--beneficiary",
            "ด.ช.ต้น ใจดี:บุตร:30",
        ],
    );
    assert!(msg.contains("100%"), "{msg}");
    let too_many = ["a:บุตร:25", "b:บุตร:25", "c:บุตร:25", "d:บุตร:25"];
    let mut args = vec!["member", "add", "--name", "นายสมชาย ใจดี"];
    for t in &too_many {
        args.extend(["--beneficiary", t]);
    }
    b.refused(TODAY, &args);
    let m = b.json(
        TODAY,
        &[
            "member",
            "add",
            "--name",
            "นายสมชาย ใจดี",
            "--beneficiary",
            "นางมาลี ใจดี:คู่สมรส:66.67",
            "--beneficiary",
            "ด.ช.ต้น ใจดี:บุตร:33.33",
        ],
    );
    assert_eq!(m["beneficiaries"].as_array().unwrap().len(), 2);
    assert_eq!(m["beneficiaries"][0]["share_percent"], "66.67");
}

#[test]
fn edits_are_kept_with_their_dates() {
    let b = new_group();
    b.json(
        TODAY,
        &[
            "member",
            "add",
            "--name",
            "นายสมชาย ใจดี",
            "--joined",
            "1/1/2568",
            "--shares",
            "2",
        ],
    );
    b.json(
        TODAY,
        &[
            "member",
            "update",
            "1",
            "--phone",
            "0812345678",
            "--shares",
            "3",
            "--on",
            "1/4/2568",
        ],
    );
    b.json(
        TODAY,
        &[
            "member",
            "update",
            "1",
            "--name",
            "นายสมชาย ใจงาม",
            "--on",
            "1/5/2568",
        ],
    );
    let m = b.json(TODAY, &["member", "show", "1"]);
    assert_eq!(m["shares"], 3);
    assert_eq!(m["last_name"], "ใจงาม");
    let h = b.json(TODAY, &["member", "history", "1"]);
    let changes: Vec<(String, String, String)> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["changed_on"].as_str().unwrap().into(),
                c["field"].as_str().unwrap().into(),
                c["new_value"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        vec![
            ("2025-04-01".into(), "phone".into(), "0812345678".into()),
            ("2025-04-01".into(), "shares".into(), "3".into()),
            ("2025-05-01".into(), "last_name".into(), "ใจงาม".into()),
        ]
    );
}

#[test]
fn settings_are_dated_and_validated() {
    let b = new_group();
    b.json(
        TODAY,
        &[
            "settings",
            "set",
            "share_value",
            "100",
            "--from",
            "1/7/2568",
        ],
    );
    let s = b.json(TODAY, &["settings", "show"]);
    assert_eq!(
        s["settings"]["share_value"], "50.00",
        "not yet in force on {TODAY}"
    );
    let later = b.json("2025-07-02", &["settings", "show"]);
    assert_eq!(later["settings"]["share_value"], "100.00");
    let msg = b.refused(TODAY, &["settings", "set", "bahttext", "words"]);
    assert!(msg.contains("excel"), "{msg}");
    b.refused(TODAY, &["settings", "set", "no_such_rule", "1"]);
    b.json(TODAY, &["settings", "set", "bahttext", "libreoffice"]);
}

#[test]
fn a_file_from_a_newer_program_is_refused_untouched() {
    let b = new_group();
    {
        let conn = rusqlite::Connection::open(&b.path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&b.path).unwrap();
    let msg = b.refused(TODAY, &["member", "list"]);
    assert!(msg.contains("รุ่นใหม่กว่า"), "{msg}");
    assert_eq!(
        before,
        std::fs::read(&b.path).unwrap(),
        "the newer file must not be touched"
    );
    assert!(!b.path.with_extension("db-wal").exists());
}

#[test]
fn a_file_that_is_not_sajja_is_refused() {
    let b = TempBooks::new();
    {
        let conn = rusqlite::Connection::open(&b.path).unwrap();
        conn.execute("CREATE TABLE t (x)", []).unwrap();
    }
    let msg = b.refused(TODAY, &["member", "list"]);
    assert!(msg.contains("ไม่ใช่ไฟล์บัญชี"), "{msg}");
    let missing = TempBooks::new();
    let msg = missing.refused(TODAY, &["member", "list"]);
    assert!(msg.contains("sajja init"), "{msg}");
}

#[test]
fn the_file_is_wal_with_full_sync_and_foreign_keys() {
    let b = new_group();
    let conn = rusqlite::Connection::open(&b.path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, sajja_core::db::schema_version());
    let books = sajja_core::Books::open(&b.path).unwrap();
    let sync: i64 = books
        .conn()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = books
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn sajja_db_environment_variable_picks_the_file() {
    let b = TempBooks::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sajja"))
        .args(["init", "--name", "กลุ่มจากตัวแปร"])
        .env("SAJJA_DB", &b.path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(b.path.exists());
}

#[test]
fn thai_utilities_print_what_documents_print() {
    let b = TempBooks::new();
    let text = |args: &[&str]| {
        let r = b.sajja(TODAY, args);
        assert!(r.ok, "{}", r.stderr);
        r.stdout.trim().to_string()
    };
    assert_eq!(text(&["thai", "bahttext", "101"]), "หนึ่งร้อยเอ็ดบาทถ้วน");
    assert_eq!(
        text(&["thai", "bahttext", "101", "--convention", "libreoffice"]),
        "หนึ่งร้อยหนึ่งบาทถ้วน"
    );
    assert_eq!(
        text(&["thai", "bahttext", "1,234.50"]),
        "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"
    );
    assert_eq!(text(&["thai", "bahttext", "0.01"]), "หนึ่งสตางค์");
    assert_eq!(text(&["thai", "date", "15/3/2568"]), "15 มี.ค. 2568");
    assert_eq!(
        text(&["thai", "date", "2025-03-15", "--long"]),
        "15 มีนาคม พ.ศ. 2568"
    );
    assert_eq!(
        text(&["thai", "date", "15 มี.ค. 2568", "--long", "--thai-digits"]),
        "๑๕ มีนาคม พ.ศ. ๒๕๖๘"
    );
    let v = b.json(TODAY, &["thai", "date", "๑๕/๓/๒๕๖๘"]);
    assert_eq!(v["date"], "2025-03-15");
    let bad = b.refused(TODAY, &["thai", "bahttext", "1.234"]);
    assert!(is_thai(&bad));
    b.refused(TODAY, &["thai", "date", "31/2/2568"]);
}

#[test]
fn demo_builds_a_sound_realistic_group() {
    let b = TempBooks::new();
    let v = b.json(
        TODAY,
        &["demo", "--members", "25", "--seed", "7", "--months", "6"],
    );
    assert_eq!(v["members"], 25);
    assert_eq!(v["first_month"], "2025-01");
    assert_eq!(v["last_month"], "2025-06");
    let list = b.json(TODAY, &["member", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 25);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|m| is_thai(m["full_name"].as_str().unwrap())));
    let verify = b.json(TODAY, &["verify"]);
    assert_eq!(verify["ok"], true, "{verify}");
    // Throwaway books: the months the demo closes leave no copies in a backups folder.
    let again_closed = b.refused(TODAY, &["close-month", "2568-01"]);
    assert!(is_thai(&again_closed), "{again_closed}");
    let copies = b.json(TODAY, &["backup", "list"]);
    let month_close = copies
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["reason"] == "month-close")
        .count();
    assert_eq!(month_close, 0, "{copies}");
    // Same seed, same group.
    let again = TempBooks::new();
    again.json(
        TODAY,
        &["demo", "--members", "25", "--seed", "7", "--months", "6"],
    );
    let names = |t: &TempBooks| {
        t.json(TODAY, &["member", "list"])
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["full_name"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&b), names(&again));
    let _ = dump(&b.path);
}
