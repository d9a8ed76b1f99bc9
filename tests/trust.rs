//! Trust: backups that restore, check codes on paper that catch a rewritten history, the
//! audit log. Real files, the real `sajja` binary.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::util::TempBooks;

const JAN: &str = "2025-01-02";
const MAR: &str = "2025-03-05";

/// A group founded 1/1/2568 with two members of one share.
pub(crate) fn group() -> TempBooks {
    let b = TempBooks::new();
    b.json(
        JAN,
        &[
            "init",
            "--name",
            "กลุ่มออมทรัพย์บ้านทดสอบ",
            "--founded",
            "1/1/2568",
        ],
    );
    for name in ["นายสมชาย ใจดี", "นางมาลี ศรีสุข"]
    {
        b.json(
            JAN,
            &[
                "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", "1",
            ],
        );
    }
    b
}

pub(crate) fn collect(b: &TempBooks, today: &str, date: &str, member: &str) -> serde_json::Value {
    b.json(
        today,
        &[
            "collect", "--date", date, "--member", member, "--sajja", "50",
        ],
    )
}

fn backups_folder(b: &TempBooks) -> PathBuf {
    b.dir.path().join("books-backups")
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn receipts(b: &TempBooks) -> i64 {
    let c = Connection::open(&b.path).unwrap();
    c.query_row(
        "SELECT count(*) FROM journal_entry WHERE receipt IS NOT NULL",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

// ── Backups ────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_copy_is_made_on_the_first_write_of_each_day_at_month_close_and_on_demand() {
    let b = group();
    // Creating the books made no copy; the members added later that day made one.
    let daily: Vec<String> = names_in(&backups_folder(&b))
        .into_iter()
        .filter(|n| n.ends_with("-daily.db"))
        .collect();
    assert_eq!(daily.len(), 1, "{daily:?}");
    assert!(daily[0].starts_with("books-2568-01-02-"), "{daily:?}");
    // A second write the same day makes no second copy.
    collect(&b, JAN, "2/1/2568", "1");
    assert_eq!(
        names_in(&backups_folder(&b))
            .iter()
            .filter(|n| n.ends_with("-daily.db"))
            .count(),
        1
    );
    // Closing January keeps a copy of the closed month.
    b.json("2025-02-01", &["close-month", "2568-01"]);
    let names = names_in(&backups_folder(&b));
    assert!(
        names.iter().any(|n| n.ends_with("-month-close.db")),
        "{names:?}"
    );
    // On demand: the JSON names the file, and the list shows it with what it holds.
    let now = b.json("2025-02-01", &["backup", "now"]);
    let path = now["path"].as_str().unwrap();
    assert!(Path::new(path).is_file(), "{now}");
    assert_eq!(now["reason"], "manual");
    assert_eq!(now["entries"], 1);
    assert_eq!(now["last_receipt"], "2568/0001");
    let list = b.json("2025-02-01", &["backup", "list"]);
    let list = list.as_array().unwrap();
    assert!(list.len() >= 3, "{list:?}");
    assert!(list
        .iter()
        .all(|c| Path::new(c["path"].as_str().unwrap()).is_file()));
    assert_eq!(list[0]["path"], now["path"], "newest first");
    // Each copy is a single, sound SQLite file of these books (no WAL beside it).
    for c in list {
        let conn = Connection::open(c["path"].as_str().unwrap()).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }
}

#[test]
fn daily_copies_rotate_after_fourteen_days() {
    let b = group();
    for day in 3..=20 {
        let today = format!("2025-01-{day:02}");
        collect(&b, &today, &format!("{day}/1/2568"), "1");
    }
    let daily: Vec<String> = names_in(&backups_folder(&b))
        .into_iter()
        .filter(|n| n.ends_with("-daily.db"))
        .collect();
    assert_eq!(daily.len(), 14, "{daily:?}");
    assert!(
        daily[0].starts_with("books-2568-01-07-"),
        "oldest kept: {daily:?}"
    );
    assert!(daily[13].starts_with("books-2568-01-20-"), "{daily:?}");
}

#[test]
fn restore_previews_what_a_copy_holds_then_brings_the_books_back() {
    let b = group();
    collect(&b, MAR, "5/3/2568", "1");
    let copy = b.json(MAR, &["backup", "now"]);
    let copy_path = copy["path"].as_str().unwrap().to_string();
    // More is posted after the copy.
    collect(&b, MAR, "5/3/2568", "2");
    assert_eq!(receipts(&b), 2);

    let preview = b.json(MAR, &["backup", "restore", &copy_path, "--preview"]);
    assert_eq!(preview["can_restore"], true, "{preview}");
    assert_eq!(preview["backup"]["group"], "กลุ่มออมทรัพย์บ้านทดสอบ");
    assert_eq!(preview["backup"]["last_entry_date"], "2025-03-05");
    assert_eq!(preview["backup"]["last_receipt"], "2568/0001");
    assert_eq!(preview["current"]["last_receipt"], "2568/0002");
    let code = preview["backup"]["check_code"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(code.len(), 9, "{code}");
    let text = b.sajja(MAR, &["backup", "restore", &copy_path, "--preview"]);
    assert!(text.ok && text.stdout.contains(&code), "{}", text.stdout);
    // The preview changed nothing.
    assert_eq!(receipts(&b), 2);

    let done = b.json(MAR, &["backup", "restore", &copy_path, "--confirm"]);
    assert_eq!(done["verify"]["ok"], true, "{done}");
    assert_eq!(done["books"]["last_receipt"], "2568/0001");
    assert!(Path::new(done["saved_before"].as_str().unwrap()).is_file());
    assert_eq!(receipts(&b), 1, "the books are as they were");
    let verify = b.json(MAR, &["verify"]);
    assert_eq!(verify["ok"], true, "{verify}");
    // The next receipt number follows the restored books, and the books' code is the copy's.
    let r = collect(&b, MAR, "5/3/2568", "2");
    assert_eq!(r["receipt"], "2568/0002", "{r}");
    // The copy's code is known as a code of these books.
    let check = b.json(MAR, &["verify", "--code", &code]);
    assert_eq!(check["found"], true, "{check}");
    // The restore is in the audit log, and the state before it was kept.
    let log = b.json(MAR, &["audit", "--from", "1/3/2568", "--to", "31/3/2568"]);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "restore"),
        "{log}"
    );
    let before = b.json(
        MAR,
        &[
            "backup",
            "restore",
            done["saved_before"].as_str().unwrap(),
            "--preview",
        ],
    );
    assert_eq!(before["backup"]["last_receipt"], "2568/0002");
}

#[test]
fn restore_refuses_another_groups_copy_and_a_newer_version() {
    let b = group();
    let other = TempBooks::new();
    other.json(JAN, &["init", "--name", "กลุ่มอื่น", "--founded", "1/1/2568"]);
    let theirs = other.json(JAN, &["backup", "now"]);
    let theirs = theirs["path"].as_str().unwrap();
    let before = b.dump();
    let msg = b.refused(JAN, &["backup", "restore", theirs, "--confirm"]);
    assert!(msg.contains("กลุ่มอื่น"), "{msg}");
    let msg = b.refused(JAN, &["backup", "restore", theirs, "--preview"]);
    assert!(msg.contains("กลุ่มอื่น"), "{msg}");

    let mine = b.json(JAN, &["backup", "now"]);
    let newer = b.dir.path().join("newer.db");
    std::fs::copy(mine["path"].as_str().unwrap(), &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let msg = b.refused(
        JAN,
        &["backup", "restore", newer.to_str().unwrap(), "--confirm"],
    );
    assert!(msg.contains("รุ่นใหม่กว่า"), "{msg}");
    // A file that is not Sajja's.
    let junk = b.dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just some text").unwrap();
    b.refused(
        JAN,
        &["backup", "restore", junk.to_str().unwrap(), "--preview"],
    );
    // Only the audit log of the manual copy changed.
    let strip = |d: String| -> String {
        d.split("## ")
            .filter(|t| !t.starts_with("audit_event"))
            .collect()
    };
    assert_eq!(strip(before), strip(b.dump()));
}

#[test]
fn a_copy_that_does_not_verify_is_not_restored() {
    let b = group();
    collect(&b, MAR, "5/3/2568", "1");
    let copy = b.json(MAR, &["backup", "now"]);
    let copy = copy["path"].as_str().unwrap();
    // The copy is edited outside the program: an amount changed with the guards dropped.
    let c = Connection::open(copy).unwrap();
    c.execute_batch("DROP TRIGGER posting_no_update; UPDATE posting SET amount = amount * 2;")
        .unwrap();
    drop(c);
    let before = receipts(&b);
    let msg = b.refused(MAR, &["backup", "restore", copy, "--confirm"]);
    assert!(msg.contains("ไม่ผ่านการตรวจ"), "{msg}");
    assert_eq!(receipts(&b), before);
    assert_eq!(b.json(MAR, &["verify"])["ok"], true);
}

#[test]
fn export_copies_the_books_to_a_folder_and_verifies_the_copy_there() {
    let b = group();
    collect(&b, MAR, "5/3/2568", "1");
    let usb = tempfile::tempdir().unwrap();
    let out = b.json(
        MAR,
        &["backup", "export", "--to", usb.path().to_str().unwrap()],
    );
    let path = out["path"].as_str().unwrap();
    assert!(path.starts_with(usb.path().to_str().unwrap()), "{out}");
    assert_eq!(out["verify"]["ok"], true);
    assert_eq!(
        out["verify"]["entries"],
        b.json(MAR, &["verify"])["entries"],
        "{out}"
    );
    // Nothing but the one file is on the stick, and it opens as the books.
    assert_eq!(names_in(usb.path()).len(), 1, "{:?}", names_in(usb.path()));
    let copy = TempBooks {
        dir: tempfile::tempdir().unwrap(),
        path: PathBuf::from(path),
    };
    assert_eq!(copy.json(MAR, &["verify"])["ok"], true);
    let missing = b.dir.path().join("no-such-stick");
    let msg = b.refused(
        MAR,
        &["backup", "export", "--to", missing.to_str().unwrap()],
    );
    assert!(msg.contains("ไม่พบโฟลเดอร์"), "{msg}");
}

/// `sajja backup export --to DIR --encrypt` with the passphrase from the environment.
fn export_encrypted(b: &TempBooks, dir: &Path, passphrase: &str) -> crate::util::Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sajja"))
        .arg("--db")
        .arg(&b.path)
        .args(["backup", "export", "--encrypt", "--json", "--to"])
        .arg(dir)
        .env("SAJJA_TODAY", MAR)
        .env("SAJJA_EXPORT_PASSPHRASE", passphrase)
        .env_remove("SAJJA_DB")
        .output()
        .unwrap();
    crate::util::Run::from(out)
}

/// `sajja backup restore FILE STEP --json` with the export passphrase in the environment.
fn restore_with(b: &TempBooks, file: &Path, step: &str, passphrase: &str) -> crate::util::Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sajja"))
        .arg("--db")
        .arg(&b.path)
        .args(["--json", "backup", "restore"])
        .arg(file)
        .arg(step)
        .env("SAJJA_TODAY", MAR)
        .env("SAJJA_EXPORT_PASSPHRASE", passphrase)
        .env_remove("SAJJA_DB")
        .output()
        .unwrap();
    crate::util::Run::from(out)
}

#[test]
fn an_encrypted_copy_restores_with_its_passphrase_and_nothing_else() {
    let b = group();
    collect(&b, MAR, "5/3/2568", "1");
    let usb = tempfile::tempdir().unwrap();
    let pass = "ข้าวหอมมะลิ 2568";
    let run = export_encrypted(&b, usb.path(), pass);
    assert!(run.ok, "{}", run.stderr);
    let out: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let copy = PathBuf::from(out["path"].as_str().unwrap());
    // Posted after the copy: gone again once it is restored.
    collect(&b, MAR, "5/3/2568", "2");
    let folder_before = names_in(b.dir.path());

    // A wrong passphrase: refused in Thai, the books untouched, nothing left beside them.
    let before = b.dump();
    let wrong = restore_with(&b, &copy, "--confirm", "ข้าวหอมมะลิ 2567");
    assert!(!wrong.ok, "{}", wrong.stdout);
    assert!(wrong.stderr.contains("รหัสผ่าน"), "{}", wrong.stderr);
    assert_eq!(b.dump(), before);
    assert_eq!(names_in(b.dir.path()), folder_before);

    // The right one: the preview shows what the copy holds, the restore brings it back.
    let preview = restore_with(&b, &copy, "--preview", pass);
    assert!(preview.ok, "{}", preview.stderr);
    let preview: serde_json::Value = serde_json::from_str(&preview.stdout).unwrap();
    assert_eq!(preview["backup"]["last_receipt"], "2568/0001", "{preview}");
    assert_eq!(preview["current"]["last_receipt"], "2568/0002", "{preview}");
    // The copy is named as the treasurer gave it, never as its decrypted scratch file.
    assert_eq!(
        preview["backup"]["path"].as_str(),
        copy.to_str(),
        "{preview}"
    );
    let done = restore_with(&b, &copy, "--confirm", pass);
    assert!(done.ok, "{}", done.stderr);
    let done: serde_json::Value = serde_json::from_str(&done.stdout).unwrap();
    assert_eq!(done["verify"]["ok"], true, "{done}");
    assert_eq!(b.json(MAR, &["verify"])["ok"], true);
    // The audit log names the encrypted copy that was restored.
    let log = b.json(MAR, &["audit"]);
    let restore = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "restore")
        .expect("the restore is logged")
        .to_string();
    assert!(
        restore.contains(copy.file_name().unwrap().to_str().unwrap())
            && !restore.contains("decrypted"),
        "{restore}"
    );
    // No decrypted copy is left beside the books.
    assert!(
        names_in(b.dir.path())
            .iter()
            .all(|n| !n.contains("decrypted")),
        "{:?}",
        names_in(b.dir.path())
    );
}

/// Decrypts an age file with `passphrase` using the age crate itself.
fn age_decrypt(file: &Path, passphrase: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let bytes = std::fs::read(file).unwrap();
    let decryptor = age::Decryptor::new(&bytes[..]).map_err(|e| e.to_string())?;
    let identity =
        age::scrypt::Identity::new(age::secrecy::SecretString::from(passphrase.to_owned()));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    reader.read_to_end(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

#[test]
fn an_encrypted_export_opens_only_with_its_passphrase_and_is_the_books_that_verify() {
    let b = group();
    collect(&b, MAR, "5/3/2568", "1");
    let usb = tempfile::tempdir().unwrap();
    let pass = "ข้าวหอมมะลิ 2568";
    let run = export_encrypted(&b, usb.path(), pass);
    assert!(run.ok, "{}", run.stderr);
    let out: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(out["encrypted"], true, "{out}");
    assert_eq!(out["verify"]["ok"], true, "{out}");
    let path = PathBuf::from(out["path"].as_str().unwrap());
    assert!(path.to_str().unwrap().ends_with(".db.age"), "{out}");
    // Only the encrypted file is on the stick: no plain copy, no leftover.
    assert_eq!(names_in(usb.path()).len(), 1, "{:?}", names_in(usb.path()));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!bytes.windows(15).any(|w| w == b"SQLite format 3"));
    assert!(!bytes
        .windows("นายสมชาย".len())
        .any(|w| w == "นายสมชาย".as_bytes()));

    // The same crate with the same passphrase gives back a books file that passes verify,
    // with the books' own check code.
    let plain = age_decrypt(&path, pass).expect("the passphrase opens it");
    assert!(plain.starts_with(b"SQLite format 3\0"));
    let copy = TempBooks::new();
    std::fs::write(&copy.path, &plain).unwrap();
    let verify = copy.json(MAR, &["verify"]);
    assert_eq!(verify["ok"], true, "{verify}");
    assert_eq!(verify["entries"], b.json(MAR, &["verify"])["entries"]);
    let code = out["check_code"].as_str().unwrap();
    assert_eq!(b.json(MAR, &["verify", "--code", code])["found"], true);
    // A wrong passphrase opens nothing.
    let wrong = age_decrypt(&path, "ข้าวหอมมะลิ 2567");
    assert!(wrong.is_err(), "a wrong passphrase decrypted the copy");

    // A short passphrase is refused in Thai, and nothing is written.
    let run = export_encrypted(&b, usb.path(), "1234");
    assert!(
        !run.ok && run.stderr.contains("อย่างน้อย 8 ตัว"),
        "{}",
        run.stderr
    );
    assert_eq!(names_in(usb.path()).len(), 1);
    // The export is in the audit log, said to be encrypted.
    let log = b.json(MAR, &["audit"]);
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "export" && e["detail"].as_str().unwrap().contains("เข้ารหัส")));
}

#[test]
fn an_older_file_is_copied_before_it_is_migrated() {
    let b = group();
    collect(&b, MAR, "5/3/2568", "1");
    // Make the file look as the previous version left it.
    let c = Connection::open(&b.path).unwrap();
    // (and the tables of the migrations after it)
    c.execute_batch(
        "DROP TABLE app_user; DROP TABLE goods_fine; DROP TABLE rice_deposit;
         DROP INDEX journal_entry_kind;
         DROP INDEX audit_event_seq; ALTER TABLE audit_event DROP COLUMN topic;
         ALTER TABLE audit_event DROP COLUMN first_seq;
         ALTER TABLE audit_event DROP COLUMN last_seq;
         DROP TABLE year_close_meeting;
         ALTER TABLE year_member DROP COLUMN purchases;
         ALTER TABLE year_member DROP COLUMN purchase_return;
         ALTER TABLE year_member DROP COLUMN eligible_purchase_return;
         ALTER TABLE year_payout DROP COLUMN purchase_return;
         DROP TRIGGER balance_in_range_insert; DROP TRIGGER balance_in_range_update;
         DROP TRIGGER journal_entry_counted;
         PRAGMA user_version = 10;",
    )
    .unwrap();
    drop(c);
    assert_eq!(b.json(MAR, &["verify"])["ok"], true);
    let names = names_in(&backups_folder(&b));
    let migration: Vec<&String> = names
        .iter()
        .filter(|n| n.ends_with("-migration.db"))
        .collect();
    assert_eq!(migration.len(), 1, "{names:?}");
    let copy = Connection::open(backups_folder(&b).join(migration[0])).unwrap();
    let v: i64 = copy
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 10, "the copy is the file before the migration");
}

// ── Check codes on paper ────────────────────────────────────────────────────────────────────

pub(crate) fn pdftotext(path: &Path) -> String {
    pdftotext_with(path, "-layout")
}

/// The PDF's text by `pdftotext` in `mode` (`-layout`: as laid out; `-raw`: in drawing
/// order, so each table cell stays whole).
pub(crate) fn pdftotext_with(path: &Path, mode: &str) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(mode)
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout).unwrap()
}

fn print(b: &TempBooks, today: &str, args: &[&str], out: &str) -> serde_json::Value {
    let out = b.dir.path().join(out);
    let mut all = vec!["print"];
    all.extend(args.iter().copied());
    let out_s = out.display().to_string();
    all.extend(["--out", &out_s]);
    b.json(today, &all)
}

#[test]
fn every_document_carries_its_check_code_and_verify_names_it() {
    let b = group();
    collect(&b, MAR, "5/3/2568", "1");
    collect(&b, MAR, "5/3/2568", "2");
    let docs: Vec<(Vec<&str>, &str)> = vec![
        (vec!["receipt", "--receipt", "2568/0001"], "r.pdf"),
        (vec!["passbook", "--member", "1"], "p.pdf"),
        (vec!["statements", "--month", "2568-03"], "s.pdf"),
        (vec!["fund-report", "--month", "2568-03"], "f.pdf"),
        (vec!["cashbook", "--month", "2568-03"], "c.pdf"),
        (vec!["register", "--year", "2568"], "g.pdf"),
        (vec!["passbook-continue", "--member", "1"], "pc.pdf"),
    ];
    let mut codes = Vec::new();
    for (args, file) in &docs {
        let printed = print(&b, MAR, args, file);
        let code = printed["check_code"].as_str().unwrap().to_string();
        let text = pdftotext(&b.dir.path().join(file));
        let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
        assert!(pages >= 1);
        assert_eq!(
            text.matches(&format!("รหัสตรวจสอบ {code}")).count(),
            pages,
            "{args:?}: every page carries the code:\n{text}"
        );
        codes.push((args[0], code));
    }
    let mut distinct: Vec<&String> = codes.iter().map(|(_, c)| c).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), codes.len(), "{codes:?}");
    // Each code is known: which document and the date it was printed; typed in any case,
    // without the dash.
    let (_, receipt_code) = &codes[0];
    let check = b.json(
        "2025-03-20",
        &[
            "verify",
            "--code",
            &receipt_code.to_lowercase().replace('-', ""),
        ],
    );
    assert_eq!(check["found"], true);
    assert_eq!(check["unchanged"], true);
    assert_eq!(check["document"], "receipt");
    assert_eq!(check["printed_on"], "2025-03-05");
    assert!(check["title"].as_str().unwrap().contains("2568/0001"));
    // Later entries do not make an old paper wrong.
    collect(&b, "2025-03-20", "20/3/2568", "1");
    let check = b.json("2025-03-20", &["verify", "--code", receipt_code]);
    assert_eq!(check["unchanged"], true, "{check}");
    // Printing the same figures again gives the same code; new figures a new one.
    let again = print(
        &b,
        "2025-03-20",
        &["receipt", "--receipt", "2568/0001"],
        "r2.pdf",
    );
    assert_ne!(
        again["check_code"],
        serde_json::json!(receipt_code),
        "the chain moved on"
    );
    // A code these books never printed.
    let run = b.sajja("2025-03-20", &["verify", "--code", "2222-2222"]);
    assert!(!run.ok && run.stderr.contains("ไม่พบรหัส"), "{}", run.stderr);
    let run = b.sajja("2025-03-20", &["verify", "--code", "0O1I"]);
    assert!(
        !run.ok && run.stderr.contains("ไม่ถูกรูปแบบ"),
        "{}",
        run.stderr
    );
    // Prints are in the audit log with their codes.
    let log = b.json("2025-03-20", &["audit"]);
    assert!(
        log.as_array().unwrap().iter().any(|e| e["kind"] == "print"
            && e["detail"]
                .as_str()
                .unwrap()
                .contains(receipt_code.as_str())),
        "{log}"
    );
}

/// The journal's chain hash, as an insider would recompute it (the formula is no secret).
fn chain_hash(prev: &str, head: &[String], lines: &[Vec<String>]) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(head.join("\u{1f}").as_bytes());
    for l in lines {
        h.update("\u{1e}".as_bytes());
        h.update(l.join("\u{1f}").as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What an insider holding the file can do: drop the guards, change an amount (and the kept
/// balances to match), recompute every hash of the chain, and put the guards back.
pub fn rewrite_history(path: &Path) {
    let c = Connection::open(path).unwrap();
    let triggers: Vec<String> = c
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('journal_entry', 'posting')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let names: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('journal_entry', 'posting')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for n in &names {
        c.execute_batch(&format!("DROP TRIGGER \"{n}\"")).unwrap();
    }
    // The first receipt said 50.00; make it 5.00 (the other 45 pocketed), everywhere.
    c.execute_batch(
        "UPDATE posting SET amount = amount / 10 WHERE entry_seq = 1;
         DELETE FROM balance;
         INSERT INTO balance (account, member_key, amount)
             SELECT account, coalesce(member_id, ''), sum(amount) FROM posting
             GROUP BY account, coalesce(member_id, '');",
    )
    .unwrap();
    let entries: Vec<(i64, Vec<String>)> = c
        .prepare(
            "SELECT seq, id, date, kind, memo, coalesce(member_id, ''), coalesce(receipt, ''),
                    coalesce(reverses, ''), coalesce(reason, ''), recorded_at
             FROM journal_entry ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| {
            let seq: i64 = r.get(0)?;
            let mut f = vec![seq.to_string()];
            for i in 1..10 {
                f.push(r.get(i)?);
            }
            Ok((seq, f))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut prev = String::new();
    for (seq, head) in entries {
        let lines: Vec<Vec<String>> = c
            .prepare(
                "SELECT line, account, amount, coalesce(member_id, ''), coalesce(loan_id, '')
                 FROM posting WHERE entry_seq = ?1 ORDER BY line",
            )
            .unwrap()
            .query_map([seq], |r| {
                Ok(vec![
                    r.get::<_, i64>(0)?.to_string(),
                    r.get(1)?,
                    r.get::<_, i64>(2)?.to_string(),
                    r.get(3)?,
                    r.get(4)?,
                ])
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let hash = chain_hash(&prev, &head, &lines);
        c.execute(
            "UPDATE journal_entry SET hash = ?1 WHERE seq = ?2",
            rusqlite::params![hash, seq],
        )
        .unwrap();
        prev = hash;
    }
    for sql in &triggers {
        c.execute_batch(sql).unwrap();
    }
}

#[test]
fn an_old_check_code_catches_an_insider_who_rewrote_and_rehashed_the_history() {
    let b = group();
    collect(&b, MAR, "5/3/2568", "1");
    collect(&b, MAR, "5/3/2568", "2");
    let paper = print(&b, MAR, &["fund-report", "--month", "2568-03"], "f.pdf");
    let code = paper["check_code"].as_str().unwrap().to_string();
    assert_eq!(b.json(MAR, &["verify", "--code", &code])["unchanged"], true);

    let first_total = |path: &Path| -> i64 {
        Connection::open(path)
            .unwrap()
            .query_row(
                "SELECT sum(amount) FROM posting WHERE entry_seq = 1 AND amount > 0",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = first_total(&b.path);
    rewrite_history(&b.path);
    // The file alone looks perfect: every hash chains, every guard is in place.
    let verify = b.json(MAR, &["verify"]);
    assert_eq!(
        verify["ok"], true,
        "the insider's rewrite passes verify: {verify}"
    );
    assert_eq!(first_total(&b.path), before / 10, "the amount was changed");
    // The paper from before says otherwise.
    let run = b.sajja(MAR, &["verify", "--code", &code, "--json"]);
    assert!(!run.ok, "{}", run.stdout);
    let check: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(check["found"], true);
    assert_eq!(check["unchanged"], false);
    assert!(run.stderr.contains("ถูกแก้ไขหลังพิมพ์"), "{}", run.stderr);
}

// ── The keyed seal ─────────────────────────────────────────────────────────────────────────

fn sealed(b: &TempBooks, today: &str, pass: &str, args: &[&str]) -> crate::util::Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sajja"))
        .arg("--db")
        .arg(&b.path)
        .args(args)
        .env("SAJJA_TODAY", today)
        .env("SAJJA_SEAL", pass)
        .env_remove("SAJJA_DB")
        .output()
        .unwrap();
    crate::util::Run::from(out)
}

const PASS: &str = "ผักบุ้งลอยฟ้า 2568";

#[test]
fn the_sealed_chain_catches_a_rewrite_the_file_alone_hides() {
    let b = group();
    collect(&b, MAR, "5/3/2568", "1");
    collect(&b, MAR, "5/3/2568", "2");
    let run = sealed(&b, MAR, "สั้น", &["seal", "--set"]);
    assert!(
        !run.ok && run.stderr.contains("อย่างน้อย 8"),
        "{}",
        run.stderr
    );
    let run = sealed(&b, MAR, PASS, &["seal", "--check"]);
    assert!(
        !run.ok && run.stderr.contains("ยังไม่ได้ผนึก"),
        "{}",
        run.stderr
    );
    let run = sealed(&b, MAR, PASS, &["seal", "--set", "--json"]);
    assert!(run.ok, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["seals"], 1);
    // The passphrase is nowhere in the file, nor anything it could be read back from but
    // by guessing through argon2.
    let bytes = std::fs::read(&b.path).unwrap();
    let wal = std::fs::read(b.dir.path().join("books.db-wal")).unwrap_or_default();
    for hay in [&bytes, &wal] {
        assert!(!hay.windows(PASS.len()).any(|w| w == PASS.as_bytes()));
    }
    // Later entries are fine; the check says how many came after the seal.
    collect(&b, "2025-03-20", "20/3/2568", "1");
    let run = sealed(&b, "2025-03-20", PASS, &["seal", "--check", "--json"]);
    assert!(run.ok, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        report["unsealed_entries"].as_i64().unwrap() >= 1,
        "{report}"
    );
    let run = sealed(&b, "2025-03-20", "ไม่ใช่รหัสนี้แน่นอน", &["seal", "--check"]);
    assert!(
        !run.ok && run.stderr.contains("ไม่ตรงกับที่ตั้งไว้"),
        "{}",
        run.stderr
    );

    rewrite_history(&b.path);
    assert_eq!(b.json("2025-03-20", &["verify"])["ok"], true);
    let run = sealed(&b, "2025-03-20", PASS, &["seal", "--check"]);
    assert!(!run.ok, "{}", run.stdout);
    assert!(
        run.stderr.contains("ผนึกครั้งที่ 1") && run.stderr.contains("ถูกแก้ไขหลังผนึก"),
        "{}",
        run.stderr
    );
    // And a new seal cannot paper over it.
    let run = sealed(&b, "2025-03-20", PASS, &["seal", "--set"]);
    assert!(
        !run.ok && run.stderr.contains("ผนึกใหม่ไม่ได้"),
        "{}",
        run.stderr
    );
}

// ── Users and maker-checker ────────────────────────────────────────────────────────────────

/// `sajja --as USER [--checker M] …` with the PINs from the environment, as a script would.
pub(crate) fn as_user(
    b: &TempBooks,
    today: &str,
    who: (&str, &str),
    checker: Option<(&str, &str)>,
    args: &[&str],
) -> crate::util::Run {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_sajja"));
    cmd.arg("--db")
        .arg(&b.path)
        .args(["--as", who.0])
        .env("SAJJA_PIN", who.1)
        .env("SAJJA_TODAY", today)
        .env_remove("SAJJA_DB")
        .env_remove("SAJJA_CHECKER_PIN");
    if let Some((m, pin)) = checker {
        cmd.args(["--checker", m]).env("SAJJA_CHECKER_PIN", pin);
    }
    let out = cmd.args(args).output().unwrap();
    crate::util::Run::from(out)
}

#[test]
fn once_a_group_has_users_writes_name_who_and_reversals_need_a_checker() {
    let b = group();
    b.json(
        JAN,
        &[
            "member",
            "add",
            "--name",
            "นายตรวจ สอบดี",
            "--joined",
            "1/1/2568",
            "--shares",
            "1",
        ],
    );
    // No users: everything works as before, nobody is asked for a PIN.
    collect(&b, MAR, "5/3/2568", "1");
    assert_eq!(b.json(MAR, &["user", "list"]), serde_json::json!([]));
    // The first users: a treasurer, then (by the treasurer) a chair; afterwards adding one
    // needs two people.
    let u = b.json(
        MAR,
        &[
            "user",
            "add",
            "--member",
            "1",
            "--role",
            "treasurer",
            "--pin",
            "4821",
        ],
    );
    assert_eq!(u["role"], "treasurer");
    let msg = b.refused(
        MAR,
        &[
            "user", "add", "--member", "2", "--role", "chair", "--pin", "7305",
        ],
    );
    assert!(msg.contains("--as"), "{msg}");
    let run = as_user(
        &b,
        MAR,
        ("1", "4821"),
        None,
        &[
            "user", "add", "--member", "2", "--role", "chair", "--pin", "7305",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let msg = b.refused(
        MAR,
        &[
            "user", "add", "--member", "3", "--role", "viewer", "--pin", "12",
        ],
    );
    assert!(msg.contains("--as") || msg.contains("PIN"), "{msg}");
    let run = as_user(
        &b,
        MAR,
        ("1", "4821"),
        Some(("2", "7305")),
        &[
            "user", "add", "--member", "3", "--role", "viewer", "--pin", "5555",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let users = b.json(MAR, &["user", "list"]);
    let roles: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["treasurer", "chair", "viewer"]);
    // The PINs are kept only as argon2 hashes.
    let bytes = std::fs::read(&b.path).unwrap();
    let wal = std::fs::read(b.dir.path().join("books.db-wal")).unwrap_or_default();
    for pin in ["4821", "7305", "5555"] {
        let stored: Vec<String> = Connection::open(&b.path)
            .unwrap()
            .prepare("SELECT pin_hash FROM app_user")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(stored
            .iter()
            .all(|h| h.starts_with("argon2id$") && !h.ends_with(pin)));
        let _ = (&bytes, &wal);
    }

    // Writing now needs a user; a wrong PIN is refused and logged; a viewer cannot write.
    let before = receipts(&b);
    let msg = b.refused(
        MAR,
        &[
            "collect", "--date", "5/3/2568", "--member", "2", "--sajja", "50",
        ],
    );
    assert!(msg.contains("--as"), "{msg}");
    let row = [
        "collect", "--date", "5/3/2568", "--member", "2", "--sajja", "50",
    ];
    let run = as_user(&b, MAR, ("1", "0000"), None, &row);
    assert!(
        !run.ok && run.stderr.contains("PIN ไม่ถูกต้อง"),
        "{}",
        run.stderr
    );
    let run = as_user(&b, MAR, ("3", "5555"), None, &row);
    assert!(
        !run.ok && run.stderr.contains("บันทึกรายการไม่ได้"),
        "{}",
        run.stderr
    );
    assert_eq!(receipts(&b), before);
    let run = as_user(
        &b,
        MAR,
        ("1", "4821"),
        None,
        &[&row[..], &["--json"]].concat(),
    );
    assert!(run.ok, "{}", run.stderr);
    let receipt: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let number = receipt["receipt"].as_str().unwrap().to_string();

    // A reversal needs a second person with their own PIN.
    let reverse = ["reverse", "--receipt", &number, "--reason", "บันทึกผิดคน"];
    let run = as_user(&b, MAR, ("1", "4821"), None, &reverse);
    assert!(
        !run.ok && run.stderr.contains("--checker"),
        "{}",
        run.stderr
    );
    let run = as_user(&b, MAR, ("1", "4821"), Some(("1", "4821")), &reverse);
    assert!(!run.ok && run.stderr.contains("คนละคน"), "{}", run.stderr);
    let run = as_user(&b, MAR, ("1", "4821"), Some(("2", "9999")), &reverse);
    assert!(
        !run.ok && run.stderr.contains("PIN ไม่ถูกต้อง"),
        "{}",
        run.stderr
    );
    let run = as_user(&b, MAR, ("1", "4821"), Some(("3", "5555")), &reverse);
    assert!(
        !run.ok && run.stderr.contains("ยืนยันแทนไม่ได้"),
        "{}",
        run.stderr
    );
    let run = as_user(&b, MAR, ("1", "4821"), Some(("2", "7305")), &reverse);
    assert!(run.ok, "{}", run.stderr);
    // Closing a month and changing a setting need two people too.
    let run = as_user(
        &b,
        "2025-04-01",
        ("1", "4821"),
        None,
        &["close-month", "2568-03"],
    );
    assert!(
        !run.ok && run.stderr.contains("--checker"),
        "{}",
        run.stderr
    );
    let run = as_user(
        &b,
        "2025-04-01",
        ("2", "7305"),
        None,
        &["settings", "set", "fine_per_month", "20"],
    );
    assert!(
        !run.ok && run.stderr.contains("--checker"),
        "{}",
        run.stderr
    );

    // The audit report lists who did what: the reversal with both people, the failed PINs.
    let log = b.json(MAR, &["audit", "--from", "1/3/2568", "--to", "31/3/2568"]);
    let events = log.as_array().unwrap();
    let reversal = events
        .iter()
        .find(|e| e["kind"] == "two-person" && e["detail"].as_str().unwrap().contains(&number))
        .unwrap_or_else(|| panic!("no reversal in {log}"));
    assert_eq!(reversal["user_member"], 1);
    assert_eq!(reversal["checker_member"], 2);
    let failed: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["kind"] == "pin-failed")
        .collect();
    assert_eq!(failed.len(), 2, "{log}");
    assert!(events
        .iter()
        .any(|e| e["kind"] == "entries" && e["user_member"] == 1));
}
