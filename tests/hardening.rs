//! Bad input, damaged files and a tired treasurer's slips, through the real `sajja` binary on
//! real files: each refusal is in Thai, says what to do, and leaves the books as they were.

use std::io::{Seek, SeekFrom, Write};
use std::process::{Command, Stdio};

use rusqlite::Connection;

use crate::util::{dump, dump_books, is_thai, money, TempBooks};

const TODAY: &str = "2025-12-31";

/// A group founded 1/1/2568 (fine 10 บาท a late month, late after the 10th) with two members of
/// one share (50 บาท a month) who have paid nothing yet.
fn group() -> TempBooks {
    let b = TempBooks::new();
    let t = "2025-01-02";
    b.json(
        t,
        &[
            "init",
            "--name",
            "กลุ่มทดสอบความทนทาน",
            "--founded",
            "1/1/2568",
        ],
    );
    for (name, id) in [("นายสมชาย ใจดี", "1101700203450"), ("นางมาลี ศรีสุข", "")]
    {
        let mut args = vec![
            "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", "1",
        ];
        if !id.is_empty() {
            args.extend(["--id-card", id]);
        }
        b.json(t, &args);
    }
    b
}

fn no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "sajja panicked: {stderr}"
    );
}

// ── Printing never destroys a file ─────────────────────────────────────────────────────────

#[test]
fn a_print_never_overwrites_the_books_a_backup_or_a_file_that_is_not_a_pdf() {
    let b = group();
    b.json(
        TODAY,
        &[
            "collect",
            "--member",
            "1",
            "--sajja",
            "50",
            "--date",
            "5/12/2568",
        ],
    );
    let before = dump_books(&b.path);
    let bytes = std::fs::read(&b.path).unwrap();
    let books = b.path.to_str().unwrap().to_string();
    let print = |out: &str, force: bool| {
        let mut args = vec!["print", "cashbook", "--month", "12/2568", "--out", out];
        if force {
            args.push("--force");
        }
        b.sajja(TODAY, &args)
    };
    // The books file itself, even with --force.
    for force in [false, true] {
        let run = print(&books, force);
        assert!(!run.ok && is_thai(&run.stderr), "{}", run.stderr);
        assert!(run.stderr.contains("ไฟล์บัญชี"), "{}", run.stderr);
    }
    // Its WAL and SHM (which may not exist between runs).
    for suffix in ["-wal", "-shm"] {
        let run = print(&format!("{books}{suffix}"), true);
        assert!(!run.ok, "{suffix}: {}", run.stdout);
        assert!(!std::path::Path::new(&format!("{books}{suffix}")).exists() || suffix == "-shm");
    }
    assert_eq!(
        std::fs::read(&b.path).unwrap(),
        bytes,
        "books file untouched"
    );
    assert_eq!(dump_books(&b.path), before);

    // A backup copy named like a PDF is still a books file.
    let backup = b.dir.path().join("สำรอง.pdf");
    std::fs::copy(&b.path, &backup).unwrap();
    let run = print(backup.to_str().unwrap(), true);
    assert!(
        !run.ok && run.stderr.contains("สำเนาสำรอง"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&backup).unwrap(), bytes);

    // Any file that is not a PDF, whatever its name.
    let notes = b.dir.path().join("บันทึก.txt");
    std::fs::write(&notes, "รายชื่อผู้มาประชุม").unwrap();
    let run = print(notes.to_str().unwrap(), true);
    assert!(!run.ok && is_thai(&run.stderr), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "รายชื่อผู้มาประชุม");
    let fake = b.dir.path().join("งบ.pdf");
    std::fs::write(&fake, "not a pdf at all").unwrap();
    let run = print(fake.to_str().unwrap(), true);
    assert!(
        !run.ok && run.stderr.contains("ไม่ใช่ไฟล์ PDF"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&fake).unwrap(), "not a pdf at all");

    // A PDF: written once; replaced only with --force.
    let pdf = b.dir.path().join("สมุดเงินสด.pdf");
    let out = pdf.to_str().unwrap();
    assert!(print(out, false).ok);
    let first = std::fs::metadata(&pdf).unwrap().len();
    let run = print(out, false);
    assert!(!run.ok && run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(std::fs::metadata(&pdf).unwrap().len(), first);
    let run = print(out, true);
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(dump_books(&b.path), before);
}

#[test]
fn print_leftovers_of_a_killed_print_are_cleared_on_the_next_print() {
    let b = group();
    b.json(
        TODAY,
        &[
            "collect",
            "--member",
            "1",
            "--sajja",
            "50",
            "--date",
            "5/12/2568",
        ],
    );
    let folder = b.dir.path().join("เอกสาร");
    std::fs::create_dir(&folder).unwrap();
    let leftover = folder.join("สมุดเงินสด.pdf.tmp");
    std::fs::write(&leftover, b"%PDF-1.7 half written").unwrap();
    let keep = folder.join("บันทึก.tmp");
    std::fs::write(&keep, b"someone else's").unwrap();
    let out = folder.join("ใบเสร็จ.pdf");
    let run = b.sajja(
        TODAY,
        &[
            "print",
            "cashbook",
            "--month",
            "12/2568",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(
        !leftover.exists(),
        "the .pdf.tmp of a killed print is removed"
    );
    assert!(keep.exists(), "files that are not ours stay");
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".pdf.tmp")), "{names:?}");
}

// ── Dates of money events ──────────────────────────────────────────────────────────────────

#[test]
fn a_mistyped_year_is_refused_with_the_window_and_changes_nothing() {
    let b = group();
    let before = dump(&b.path);
    // The year 9999 of the issue: far beyond anything the books keep.
    let msg = b.refused(
        TODAY,
        &[
            "collect",
            "--member",
            "1",
            "--sajja",
            "50",
            "--date",
            "31/12/9999",
        ],
    );
    assert!(msg.contains("2942") || msg.contains("ถึง"), "{msg}");
    // A plausible but wrong year: two years ahead.
    let msg = b.refused(
        TODAY,
        &[
            "collect",
            "--member",
            "1",
            "--sajja",
            "50",
            "--date",
            "15/12/2570",
        ],
    );
    assert!(
        msg.contains("31 ม.ค. 2569"),
        "names the last allowed date: {msg}"
    );
    assert!(
        msg.contains("1 ม.ค. 2568"),
        "names the first allowed date: {msg}"
    );
    // Before the group was founded.
    let msg = b.refused(
        TODAY,
        &[
            "income",
            "--amount",
            "10",
            "--memo",
            "บริจาค",
            "--date",
            "15/12/2567",
        ],
    );
    assert!(msg.contains("ก่อนวันก่อตั้ง"), "{msg}");
    // Other money events too.
    let msg = b.refused(
        TODAY,
        &[
            "income",
            "--amount",
            "10",
            "--memo",
            "บริจาค",
            "--date",
            "1/6/2569",
        ],
    );
    assert!(msg.contains("31 ม.ค. 2569"), "{msg}");
    assert_eq!(dump(&b.path), before, "refusals change nothing");

    // The window is a dated setting.
    b.json(
        TODAY,
        &[
            "settings",
            "set",
            "money_days_ahead",
            "366",
            "--from",
            "1/1/2568",
        ],
    )
    .as_array()
    .unwrap();
    let r = b.json(
        TODAY,
        &[
            "collect",
            "--member",
            "1",
            "--sajja",
            "50",
            "--date",
            "15/12/2569",
        ],
    );
    assert_eq!(r["date"], "2026-12-15");
    let msg = b.refused(TODAY, &["settings", "set", "money_days_ahead", "100000"]);
    assert!(msg.contains("366"), "{msg}");
}

#[test]
fn fines_are_charged_once_whatever_order_rows_are_entered_in() {
    // Member 1 paid nothing all year: on 15/12 and on 20/12 eleven months are late.
    let in_order = group();
    let reversed = group();
    let row = |b: &TempBooks, date: &str| {
        b.json(
            TODAY,
            &["collect", "--member", "1", "--sajja", "50", "--date", date],
        )
    };
    row(&in_order, "15/12/2568");
    row(&in_order, "20/12/2568");
    let late = row(&reversed, "20/12/2568");
    // January to December are all late on the 20th (late after the 10th): 12 × 10 บาท.
    assert_eq!(money(&late["fines_charged"]), "120.00");
    // Typed late: the earlier row must not fine the months again, nor fail.
    let early = row(&reversed, "15/12/2568");
    assert_eq!(money(&early["fines_charged"]), "0.00");
    let owed = |b: &TempBooks| b.json(TODAY, &["balance", "--member", "1"])["fines_owed"].clone();
    assert_eq!(owed(&in_order), owed(&reversed));
    assert_eq!(money(&owed(&reversed)), "120.00");
    // The member can still be collected, and the books verify.
    row(&reversed, "25/12/2568");
    b_verify(&reversed);
}

fn b_verify(b: &TempBooks) {
    let v = b.json(TODAY, &["verify"]);
    assert_eq!(v["ok"], true, "{v}");
}

// ── No panics ──────────────────────────────────────────────────────────────────────────────

#[test]
fn absurd_years_are_refused_not_panicked_on() {
    let b = group();
    for args in [
        vec!["register", "--year", "999999"],
        vec!["register", "--year", "-5"],
        vec!["print", "register", "--year", "999999", "--out"],
        vec!["cashbook", "--month", "12/999999"],
        vec!["due", "--date", "1/1/99999999"],
    ] {
        let mut args = args.clone();
        let out = b.dir.path().join("r.pdf");
        let out = out.to_str().unwrap().to_string();
        if args.last() == Some(&"--out") {
            args.push(&out);
        }
        let run = b.sajja(TODAY, &args);
        assert!(!run.ok, "{args:?}");
        no_panic(&run.stderr);
        assert!(is_thai(&run.stderr), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn a_reader_that_stops_early_is_not_a_panic() {
    let b = group();
    // The reading end is closed before sajja writes: its first write meets a broken pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_sajja"))
        .arg("--db")
        .arg(&b.path)
        .args(["member", "list"])
        .env("SAJJA_TODAY", TODAY)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    no_panic(&stderr);
    assert_ne!(out.status.code(), Some(101), "{stderr}");
}

// ── Money beyond the books' range ──────────────────────────────────────────────────────────

#[test]
fn amounts_past_the_cap_and_totals_past_the_books_range_are_refused() {
    let b = group();
    let before = dump(&b.path);
    let msg = b.refused(
        TODAY,
        &[
            "collect",
            "--member",
            "1",
            "--deposit",
            "1000000000000.01",
            "--date",
            "5/12/2568",
        ],
    );
    assert!(msg.contains("มากเกินไป"), "{msg}");
    // The cap itself is accepted; a sheet whose total passes the books' range is not.
    let sheet = b.dir.path().join("sheet.csv");
    let mut csv = String::from("member,deposit\n");
    for _ in 0..120 {
        csv += "1,1000000000000\n";
    }
    std::fs::write(&sheet, csv).unwrap();
    let run = b.sajja(
        TODAY,
        &[
            "collect",
            "--batch",
            sheet.to_str().unwrap(),
            "--date",
            "5/12/2568",
            "--allow-repeats",
        ],
    );
    assert!(!run.ok, "a sheet of 120 trillion baht must be refused");
    no_panic(&run.stderr);
    assert!(run.stderr.contains("ขอบเขต"), "{}", run.stderr);
    assert!(
        run.stderr.contains("แถวที่ 102"),
        "names the spreadsheet row: {}",
        run.stderr
    );
    assert_eq!(dump(&b.path), before, "nothing of the sheet was written");
    b_verify(&b);
}

// ── Damaged, foreign, locked and read-only files ───────────────────────────────────────────

/// Overwrites `pages` pages from page 3 on with pseudo-random bytes.
fn scribble(path: &std::path::Path, pages: u64) {
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    let mut rng = fastrand::Rng::with_seed(27);
    let mut junk = vec![0u8; 4096];
    // Data pages: the last ones written.
    let first = std::fs::metadata(path).unwrap().len() / 4096 - pages - 2;
    for page in first..first + pages {
        rng.fill(&mut junk);
        f.seek(SeekFrom::Start(page * 4096)).unwrap();
        f.write_all(&junk).unwrap();
    }
    f.sync_all().unwrap();
}

#[test]
fn a_damaged_file_opens_read_only_and_verify_lists_its_problems() {
    let b = TempBooks::new();
    b.json(TODAY, &["demo", "--members", "30", "--months", "12"]);
    assert!(std::fs::metadata(&b.path).unwrap().len() > 40 * 4096);
    scribble(&b.path, 27);
    let bytes = std::fs::read(&b.path).unwrap();

    let run = b.sajja(TODAY, &["verify"]);
    assert!(!run.ok);
    no_panic(&run.stderr);
    assert!(
        run.stdout.contains("เสียหาย"),
        "verify lists problems: {}",
        run.stdout
    );
    assert!(
        run.stdout.lines().filter(|l| l.starts_with("- ")).count() >= 2,
        "{}",
        run.stdout
    );

    let run = b.sajja(TODAY, &["collect", "--member", "1", "--sajja", "50"]);
    assert!(!run.ok, "no write into a damaged file");
    no_panic(&run.stderr);
    assert!(
        run.stderr.contains("สำเนาสำรอง"),
        "says to restore the backup: {}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&b.path).unwrap(),
        bytes,
        "the damaged file is not written"
    );
}

#[test]
fn a_file_whose_table_of_tables_is_damaged_still_gets_a_verify_list() {
    let b = TempBooks::new();
    b.json(TODAY, &["demo", "--members", "30", "--months", "12"]);
    // The middle of the file, where the schema grown by later migrations lies among data.
    let pages = std::fs::metadata(&b.path).unwrap().len() / 4096;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(&b.path)
        .unwrap();
    let mut rng = fastrand::Rng::with_seed(11);
    let mut junk = vec![0u8; 4096];
    for page in 1..pages - 1 {
        rng.fill(&mut junk);
        f.seek(SeekFrom::Start(page * 4096)).unwrap();
        f.write_all(&junk).unwrap();
    }
    drop(f);
    let bytes = std::fs::read(&b.path).unwrap();
    let run = b.sajja(TODAY, &["verify"]);
    assert!(!run.ok);
    no_panic(&run.stderr);
    assert!(run.stdout.contains("เสียหาย"), "{}", run.stdout);
    let run = b.sajja(TODAY, &["collect", "--member", "1", "--sajja", "50"]);
    assert!(
        !run.ok && run.stderr.contains("สำเนาสำรอง"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&b.path).unwrap(), bytes);
}

#[test]
fn each_fault_of_a_file_has_its_own_diagnosis_and_nothing_is_written() {
    let b = group();
    let good = std::fs::read(&b.path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let try_open = |path: &std::path::Path| -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_sajja"))
            .arg("--db")
            .arg(path)
            .args(["member", "list"])
            .env("SAJJA_TODAY", TODAY)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "{path:?} should be refused");
        no_panic(&stderr);
        assert!(is_thai(&stderr), "{stderr}");
        stderr
    };

    // Cut short.
    let truncated = dir.path().join("truncated.db");
    std::fs::write(&truncated, &good[..good.len() / 2]).unwrap();
    let msg = try_open(&truncated);
    assert!(
        msg.contains("เสียหาย") && !msg.contains("ไม่ใช่ไฟล์บัญชี"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&truncated).unwrap(), &good[..good.len() / 2]);

    // Not ours.
    let foreign = dir.path().join("photo.db");
    std::fs::write(&foreign, b"\x89PNG not a database").unwrap();
    assert!(try_open(&foreign).contains("ไม่ใช่ไฟล์บัญชี"));
    let other_sqlite = dir.path().join("other.db");
    Connection::open(&other_sqlite)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(try_open(&other_sqlite).contains("ไม่ใช่ไฟล์บัญชี"));

    // Newer.
    let newer = dir.path().join("newer.db");
    std::fs::write(&newer, &good).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let newer_bytes = std::fs::read(&newer).unwrap();
    assert!(try_open(&newer).contains("รุ่นใหม่กว่า"));
    assert_eq!(std::fs::read(&newer).unwrap(), newer_bytes);

    // Our id on an empty database: refused, and no tables are created in it.
    let empty = dir.path().join("empty.db");
    let c = Connection::open(&empty).unwrap();
    c.pragma_update(None, "application_id", 0x5341_4A4A)
        .unwrap();
    c.execute_batch("CREATE TABLE keep_header_written (x); DROP TABLE keep_header_written;")
        .unwrap();
    drop(c);
    let empty_bytes = std::fs::read(&empty).unwrap();
    assert!(try_open(&empty).contains("ไม่มีข้อมูลบัญชี"));
    assert_eq!(std::fs::read(&empty).unwrap(), empty_bytes);
    let tables: i64 = Connection::open(&empty)
        .unwrap()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0);

    // Locked by another program holding a write lock.
    let locked = dir.path().join("locked.db");
    std::fs::write(&locked, &good).unwrap();
    let holder = Connection::open(&locked).unwrap();
    holder
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let msg = try_open(&locked);
    assert!(msg.contains("โปรแกรมอื่นใช้อยู่"), "{msg}");
    drop(holder);
}

#[test]
fn a_good_file_in_a_read_only_folder_is_called_read_only() {
    // Root ignores permissions; the read-only state is then made with a read-only mount
    // only, which a test cannot do. Run as a normal user (CI does).
    if unsafe_is_root() {
        eprintln!("skipped: running as root");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let b = group();
    let bytes = std::fs::read(&b.path).unwrap();
    std::fs::set_permissions(b.dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = b.sajja(TODAY, &["member", "list"]);
    std::fs::set_permissions(b.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(!run.ok);
    assert!(run.stderr.contains("อ่านอย่างเดียว"), "{}", run.stderr);
    assert!(!run.stderr.contains("ไม่ใช่ไฟล์บัญชี"), "{}", run.stderr);
    assert_eq!(std::fs::read(&b.path).unwrap(), bytes);
}

fn unsafe_is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

// ── Tampering verify must catch ────────────────────────────────────────────────────────────

/// Runs SQL on the file as someone editing it outside the program would: triggers dropped.
fn tamper(b: &TempBooks, sql: &str) {
    let c = Connection::open(&b.path).unwrap();
    c.execute_batch(
        "DROP TRIGGER journal_entry_no_delete; DROP TRIGGER posting_no_delete;
         DROP TRIGGER period_lock_no_delete;",
    )
    .unwrap();
    c.execute_batch(sql).unwrap();
    // Put the guards back so only the tampering itself is left to find.
    c.execute_batch(
        "CREATE TRIGGER journal_entry_no_delete BEFORE DELETE ON journal_entry
         BEGIN SELECT RAISE(ABORT, 'posted entries are never deleted: reverse them instead'); END;
         CREATE TRIGGER posting_no_delete BEFORE DELETE ON posting
         BEGIN SELECT RAISE(ABORT, 'posted entries are never deleted: reverse them instead'); END;
         CREATE TRIGGER period_lock_no_delete BEFORE DELETE ON period_lock
         BEGIN SELECT RAISE(ABORT, 'a closed month stays closed'); END;",
    )
    .unwrap();
}

fn verify_problems(b: &TempBooks) -> String {
    let run = b.sajja(TODAY, &["verify"]);
    assert!(!run.ok, "verify should fail: {}", run.stdout);
    no_panic(&run.stderr);
    run.stdout
}

#[test]
fn verify_catches_the_newest_entry_deleted_with_its_postings() {
    let b = group();
    b.json(
        TODAY,
        &[
            "collect", "--member", "1", "--sajja", "50", "--date", "5/1/2568",
        ],
    );
    b.json(
        TODAY,
        &[
            "collect", "--member", "2", "--sajja", "50", "--date", "5/1/2568",
        ],
    );
    b_verify(&b);
    tamper(
        &b,
        "DELETE FROM posting WHERE entry_seq = (SELECT max(seq) FROM journal_entry);
         UPDATE balance SET amount = (SELECT coalesce(sum(p.amount), 0) FROM posting p
             WHERE p.account = balance.account AND coalesce(p.member_id, '') = balance.member_key);
         DELETE FROM journal_entry WHERE seq = (SELECT max(seq) FROM journal_entry);",
    );
    let problems = verify_problems(&b);
    assert!(problems.contains("รายการล่าสุดถูกลบ"), "{problems}");
    assert!(
        problems.contains("ใบเสร็จ"),
        "the receipt counter too: {problems}"
    );
}

#[test]
fn verify_catches_a_month_lock_row_removed() {
    let b = group();
    for (m, d) in [
        ("1", "5/1/2568"),
        ("2", "5/1/2568"),
        ("1", "5/2/2568"),
        ("2", "5/2/2568"),
    ] {
        b.json(
            TODAY,
            &["collect", "--member", m, "--sajja", "50", "--date", d],
        );
    }
    b.json(TODAY, &["close-month", "1/2568"]);
    b.json(TODAY, &["close-month", "2/2568"]);
    b_verify(&b);
    tamper(&b, "DELETE FROM period_lock WHERE through = '2025-01-31';");
    let problems = verify_problems(&b);
    assert!(problems.contains("ประวัติการปิดบัญชี"), "{problems}");
}

// ── Nonsense refused with the reason ───────────────────────────────────────────────────────

#[test]
fn control_characters_and_overlong_names_are_refused() {
    let b = group();
    let before = dump(&b.path);
    let escape = "นายสมศักดิ์\u{1b}[2J\u{1b}[31m ทดสอบ";
    let msg = b.refused(
        TODAY,
        &[
            "member", "add", "--name", escape, "--joined", "1/1/2568", "--shares", "1",
        ],
    );
    assert!(!msg.contains('\u{1b}'), "the escape is never echoed raw");
    assert!(msg.contains("escape"), "{msg}");
    let long = format!("นาย{} ยาวมาก", "ก".repeat(10_000));
    let msg = b.refused(
        TODAY,
        &[
            "member", "add", "--name", &long, "--joined", "1/1/2568", "--shares", "1",
        ],
    );
    assert!(msg.contains("ตัวอักษร") && msg.len() < 2_000, "{msg}");
    let msg = b.refused(
        TODAY,
        &[
            "collect",
            "--member",
            "1",
            "--sajja",
            "50",
            "--date",
            "5/12/2568",
            "--memo",
            "ok\u{7}\u{1b}]0;owned\u{7}",
        ],
    );
    assert!(!msg.contains('\u{1b}') && !msg.contains('\u{7}'), "{msg:?}");
    b.refused(
        TODAY,
        &[
            "expense",
            "--amount",
            "5",
            "--memo",
            "ค่า\nน้ำ",
            "--date",
            "5/12/2568",
        ],
    );
    assert_eq!(dump(&b.path), before);
}

#[test]
fn zero_size_passbook_geometry_is_refused() {
    let b = group();
    for (key, value) in [
        ("passbook_page_mm", "0x0"),
        ("passbook_page_mm", "0x230"),
        ("passbook_line_mm", "0"),
        ("passbook_lines", "0"),
    ] {
        let msg = b.refused(TODAY, &["settings", "set", key, value]);
        assert!(is_thai(&msg), "{key}={value}: {msg}");
    }
}

// ── Thai everywhere ────────────────────────────────────────────────────────────────────────

fn no_english_sentence(s: &str) {
    for word in [
        "error:",
        "unexpected",
        "Usage:",
        "readonly",
        "database is",
        "disk is full",
        "tip:",
    ] {
        assert!(
            !s.contains(word),
            "English reached the treasurer ({word}): {s}"
        );
    }
}

#[test]
fn command_line_mistakes_are_explained_in_thai() {
    let b = group();
    for args in [
        vec!["collect", "--member", "1", "--sajja", "-100"],
        vec!["collect", "--membr", "1"],
        vec!["colect"],
        vec!["member"],
        vec!["member", "show", "abc"],
        vec![
            "print",
            "receipt",
            "--receipt",
            "1",
            "--date",
            "1/1/2568",
            "--out",
            "x.pdf",
        ],
    ] {
        let run = b.sajja(TODAY, &args);
        assert!(!run.ok, "{args:?}");
        assert!(is_thai(&run.stderr), "{args:?}: {}", run.stderr);
        no_english_sentence(&run.stderr);
    }
}

#[test]
fn a_file_another_program_holds_is_reported_as_locked_in_thai() {
    let b = group();
    let holder = Connection::open(&b.path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let run = b.sajja(
        TODAY,
        &[
            "collect",
            "--member",
            "1",
            "--sajja",
            "50",
            "--date",
            "5/12/2568",
        ],
    );
    assert!(!run.ok);
    assert!(run.stderr.contains("โปรแกรมอื่นใช้อยู่"), "{}", run.stderr);
    no_english_sentence(&run.stderr);
    holder.execute_batch("ROLLBACK;").unwrap();
}

// ── Dates read back ────────────────────────────────────────────────────────────────────────

#[test]
fn every_json_date_the_cli_prints_reads_back_to_the_same_date() {
    let b = TempBooks::new();
    let typed = [
        "1/1/2400",
        "31/12/2942",
        "29/2/2400",
        "2399-12-31",
        "1857-01-01",
        "15/3/68",
        "31/12/9999",
        "1/1/2999",
        "2400-06-15",
        "2942-12-31",
    ];
    for t in typed {
        let run = b.sajja(TODAY, &["thai", "date", t, "--json"]);
        no_panic(&run.stderr);
        if !run.ok {
            assert!(is_thai(&run.stderr), "{t}: {}", run.stderr);
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let iso = v["date"].as_str().unwrap().to_string();
        let again: serde_json::Value =
            serde_json::from_str(&b.sajja(TODAY, &["thai", "date", &iso, "--json"]).stdout)
                .unwrap_or_else(|_| panic!("{t} → {iso} does not read back"));
        assert_eq!(
            again["date"],
            iso.as_str(),
            "{t} → {iso} reads back differently"
        );
    }
}

// ── Personal data ──────────────────────────────────────────────────────────────────────────

#[test]
fn the_id_number_is_masked_unless_asked_for_and_never_told_to_another_member() {
    let b = group();
    let show = b.sajja(TODAY, &["member", "show", "1"]);
    assert!(show.ok);
    assert!(!show.stdout.contains("1101700203450") && !show.stdout.contains("1-1017-00203-45-0"));
    assert!(show.stdout.contains("x-xxxx-xxxxx-45-0"), "{}", show.stdout);
    let json = b.json(TODAY, &["member", "show", "1"]);
    assert_eq!(json["id_card"], "x-xxxx-xxxxx-45-0");
    let full = b.json(TODAY, &["member", "show", "1", "--show-id"]);
    assert_eq!(full["id_card"], "1101700203450");
    let list = b.sajja(TODAY, &["member", "list", "--json"]);
    assert!(!list.stdout.contains("1101700203450"));
    // Member 2 typing member 1's number is refused without learning whose it is.
    let msg = b.refused(
        TODAY,
        &["member", "update", "2", "--id-card", "1101700203450"],
    );
    assert!(!msg.contains("เลขที่ 1") && !msg.contains("สมชาย"), "{msg}");
}

// ── Sheets from a spreadsheet ──────────────────────────────────────────────────────────────

/// Thai text in TIS-620 / Windows-874 (what Thai Excel saves as plain "CSV").
fn tis620(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            0x0E01..=0x0E5B => (c as u32 - 0x0E01 + 0xA1) as u8,
            a if a < 0x80 => a as u8,
            _ => panic!("not TIS-620: {c}"),
        })
        .collect()
}

fn collect_sheet(b: &TempBooks, bytes: &[u8], extra: &[&str]) -> crate::util::Run {
    let sheet = b.dir.path().join("แผ่นรับเงิน.csv");
    std::fs::write(&sheet, bytes).unwrap();
    let mut args = vec![
        "collect",
        "--batch",
        sheet.to_str().unwrap(),
        "--date",
        "5/1/2568",
    ];
    args.extend(extra);
    args.push("--json");
    b.sajja(TODAY, &args)
}

#[test]
fn sheets_saved_by_thai_excel_are_read_in_every_encoding() {
    let text = "member,sajja,memo\r\n1,50,ค่าหุ้นเดือนมกราคม\r\n2,\"1,000.00\",\"ฝากรวม, ทั้งปี\"\r\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let bom8: Vec<u8> = b"\xEF\xBB\xBF"
        .iter()
        .copied()
        .chain(text.bytes())
        .collect();
    for (name, bytes) in [
        ("windows-874", tis620(text)),
        ("utf-16", utf16),
        ("utf-8 bom", bom8),
        ("utf-8", text.as_bytes().to_vec()),
    ] {
        let b = group();
        let run = collect_sheet(&b, &bytes, &[]);
        assert!(run.ok, "{name}: {}", run.stderr);
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(v["count"], 2, "{name}");
        assert_eq!(
            v["receipts"][1]["sajja"], "1000.00",
            "{name}: quoted amount with a comma"
        );
        let history = b.sajja(TODAY, &["history", "--member", "1", "--json"]);
        assert!(
            history.stdout.contains("ค่าหุ้นเดือนมกราคม"),
            "{name}: Thai memo read back"
        );
    }
}

#[test]
fn a_sheet_with_a_repeated_column_or_member_is_refused_until_confirmed() {
    let b = group();
    let before = dump(&b.path);
    let run = collect_sheet(&b, b"member,sajja,sajja\n1,50,100\n", &[]);
    assert!(!run.ok && run.stderr.contains("ซ้ำ"), "{}", run.stderr);
    let sheet = b"member,sajja\n1,50\n2,50\n1,50\n";
    let run = collect_sheet(&b, sheet, &[]);
    assert!(!run.ok, "member 1 twice is refused by default");
    assert!(
        run.stderr.contains("แถวที่ 2") && run.stderr.contains("แถวที่ 4"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--allow-repeats"), "{}", run.stderr);
    assert_eq!(dump(&b.path), before);
    let run = collect_sheet(&b, sheet, &["--allow-repeats"]);
    assert!(run.ok, "{}", run.stderr);
}

#[test]
fn error_rows_are_the_spreadsheet_rows_even_with_quoted_line_breaks() {
    let b = group();
    let before = dump(&b.path);
    // Row 2 has a memo typed over two lines inside one cell; row 3 is blank; row 4 is bad.
    let run = collect_sheet(
        &b,
        "member,sajja,memo\n1,50,\"บรรทัดหนึ่ง\nบรรทัดสอง\"\n\n2,abc,\n".as_bytes(),
        &[],
    );
    assert!(!run.ok);
    // The memo with a line break is itself refused (row 2), or the amount (row 4): either
    // way the number is the spreadsheet's.
    assert!(run.stderr.contains("แถวที่ 2"), "{}", run.stderr);
    let run = collect_sheet(
        &b,
        "member,sajja,memo\n1,50,\"ก, ข\"\n\n2,abc,\n".as_bytes(),
        &[],
    );
    assert!(run.stderr.contains("แถวที่ 4"), "{}", run.stderr);
    assert_eq!(dump(&b.path), before);
}
