//! End-to-end: trust in the real window — who is at the keyboard (sign-in, a wrong PIN
//! refused), a reversal that asks for a second person's PIN on the same screen, and the
//! restore drill (back up, post more, restore after seeing what the copy holds, the books as
//! they were), the audit committee's check-code screen, the copy to a USB stick (plain and
//! encrypted, verified there) and the audit report printed from the backup screen.
//!
//! Ignored by default (needs a display and the debug binaries):
//! `cargo build --workspace && xvfb-run -a cargo test -p sajja-e2e --test trust -- --include-ignored`.

use std::path::Path;

use sajja_e2e::{sajja, sajja_env, App, Key};

const GROUP: &str = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านดอนแดง";

/// A group founded 1 ม.ค. 2568 with three members who joined 1 ก.ย. 2569.
fn prepare(db: &Path) {
    sajja(
        db,
        &[
            "init",
            "--name",
            GROUP,
            "--founded",
            "1/1/2568",
            "--village",
            "บ้านดอนแดง",
            "--moo",
            "2",
            "--tambon",
            "ดอนแดง",
            "--amphoe",
            "เมืองขอนแก่น",
            "--province",
            "ขอนแก่น",
        ],
    );
    for name in ["นางสมศรี ใจงาม", "นายสมชาย ดีมาก", "นางบุญมี ศรีสุข"]
    {
        sajja(
            db,
            &[
                "member", "add", "--name", name, "--joined", "1/9/2569", "--shares", "1",
            ],
        );
    }
}

/// Opens the collection screen on 5 ต.ค. 2569.
async fn collection_day(app: &App) {
    app.type_keys(&(Key::Alt + "3")).await;
    app.wait_for("#collect-sheet").await;
    // A first visit starts at the date; a later one keeps the day it was on. Wait for one.
    // The focus decides, not the title: a first visit on the day itself (the app reloaded
    // after a restore) shows the right title with the cursor still in the date.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let focused = app.focused_id().await;
        if focused == "collect-date" {
            break;
        }
        if focused == "collect-find" && app.text("#day-title").await.contains("5 ตุลาคม 2569")
        {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the collection screen neither asks for the date nor shows the day"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.wait_for_focus("collect-date", "a first visit starts at the date")
        .await;
    app.type_into("#collect-date", "5/10/2569").await;
    app.press_key(Key::Enter).await;
    app.confirm_outside_month("มกราคม 2568").await;
    app.wait_for_text("#day-title", "5 ตุลาคม 2569").await;
    app.wait_for_focus("collect-find", "").await;
}

/// Posts member `n`'s row as due (F2) and waits for its receipt.
async fn collect_row(app: &App, n: &str, receipt: &str) {
    app.wait_for_focus("collect-find", "the member box has the cursor")
        .await;
    app.type_keys(n).await;
    app.wait_for_value("#collect-find", n).await;
    app.press_key(Key::Enter).await;
    app.wait_for(&format!("#collect-sheet tr.editing[data-member='{n}']"))
        .await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#saved-receipt", receipt).await;
}

/// Who did what, from the real command line's `audit --json`.
fn audit(db: &Path) -> Vec<serde_json::Value> {
    let out = sajja_env(db, &[], &["--json", "audit"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("audit --json: {e}: {out}"))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn maker_checker_sign_in_and_a_reversal_confirmed_by_a_second_pin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    prepare(&db);
    // The treasurer (member 1) and the chair (member 2); the second user is added by the first.
    sajja(
        &db,
        &[
            "user",
            "add",
            "--member",
            "1",
            "--role",
            "treasurer",
            "--pin",
            "1357",
        ],
    );
    sajja_env(
        &db,
        &[("SAJJA_PIN", "1357")],
        &[
            "--as", "1", "user", "add", "--member", "2", "--role", "chair", "--pin", "2468",
        ],
    );

    // ---- the app asks who is at the keyboard before anything else ----
    let app = App::launch(&db).await;
    app.wait_for("#sign-in-form").await;
    app.wait_for_text("#sign-in-group", GROUP).await;
    app.wait_for_count("nav.menu", 0, "no menu before signing in")
        .await;
    app.wait_for_focus("sign-in-pin", "the PIN box has the cursor")
        .await;
    // A wrong PIN: refused in Thai beside the field, and still at the sign-in screen.
    app.type_keys("0000").await;
    app.press_key(Key::Enter).await;
    app.wait_for_text(".field-error[data-for=pin]", "PIN ไม่ถูกต้อง")
        .await;
    app.screenshot("trust-01-sign-in-wrong-pin").await;
    app.type_into("#sign-in-pin", "1357").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#who", "นางสมศรี ใจงาม").await;
    app.wait_for_text("#who", "เหรัญญิก").await;
    app.wait_for("#home-members").await;

    // ---- the signed-in treasurer takes two rows ----
    collection_day(&app).await;
    collect_row(&app, "1", "2569/0001").await;
    collect_row(&app, "2", "2569/0002").await;

    // ---- reversing receipt 2569/0002 asks the second person on the same screen ----
    app.click("#go-reverse").await;
    app.wait_for("dialog.confirm [name=receipt]").await;
    app.type_into("dialog.confirm [name=receipt]", "2569/0002")
        .await;
    app.press_key(Key::Enter).await;
    app.wait_for_text("dialog.confirm.danger", "ยกเลิกแล้วเอากลับคืนไม่ได้")
        .await;
    app.type_keys("รับเงินผิดคน").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#checker-what", "ผู้ตรวจคนที่สอง").await;
    // Only another person who may confirm is offered: the chair, not the treasurer herself.
    app.wait_for_count(
        "dialog.confirm [name=checker] option",
        1,
        "one checker offered",
    )
    .await;
    app.wait_for_text("dialog.confirm [name=checker]", "นายสมชาย ดีมาก")
        .await;
    app.screenshot("trust-02-checker-dialog").await;
    // A wrong PIN of the checker: refused in Thai, the dialog stays.
    app.type_into("#checker-pin", "1111").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("dialog.confirm .field-error[data-for=pin]", "PIN ไม่ถูกต้อง")
        .await;
    app.wait_for_count(
        "#receipts-list tr[data-receipt='2569/0002'] .reversed",
        0,
        "",
    )
    .await;
    app.type_into("#checker-pin", "2468").await;
    app.press_key(Key::F2).await;
    app.wait_gone("dialog.confirm").await;
    app.wait_for_text("#receipts-list tr[data-receipt='2569/0002']", "ยกเลิกแล้ว")
        .await;
    app.screenshot("trust-03-reversed-by-two").await;

    // ---- the lock button: the app asks again ----
    app.click("#lock").await;
    app.wait_for("#sign-in-form").await;
    app.wait_for_count("#who", 0, "nobody at the keyboard")
        .await;
    app.wait_for_count("#fatal", 0, "no script errors").await;
    app.close().await;

    // ---- the audit log names both people of the reversal, and every wrong PIN ----
    let events = audit(&db);
    let two: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["kind"] == "two-person")
        .collect();
    assert_eq!(two.len(), 1, "{events:#?}");
    assert_eq!(two[0]["user_member"], 1, "{:#?}", two[0]);
    assert_eq!(two[0]["checker_member"], 2, "{:#?}", two[0]);
    assert!(
        two[0]["detail"].as_str().unwrap().contains("ยกเลิก"),
        "{:#?}",
        two[0]
    );
    let failed: Vec<i64> = events
        .iter()
        .filter(|e| e["kind"] == "pin-failed")
        .map(|e| e["user_member"].as_i64().unwrap())
        .collect();
    assert_eq!(failed, [1, 2], "{events:#?}");
    // Both rows were recorded as the treasurer's.
    let rows: Vec<&serde_json::Value> = events.iter().filter(|e| e["kind"] == "entries").collect();
    assert_eq!(rows.len(), 2, "{events:#?}");
    assert!(rows.iter().all(|e| e["user_member"] == 1));

    // The file: receipt 2 reversed, receipt 1 standing.
    let books = sajja_core::Books::open(&db).unwrap();
    let day = books.collection_day("5/10/2569").unwrap();
    let receipts: Vec<(&str, bool)> = day
        .receipts
        .iter()
        .map(|r| (r.receipt.as_str(), r.reversed))
        .collect();
    assert_eq!(receipts, [("2569/0001", false), ("2569/0002", true)]);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn restore_drill_back_up_post_more_restore_and_see_the_books_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    prepare(&db);

    let app = App::launch(&db).await;
    app.wait_for_text("#group-name", GROUP).await;
    collection_day(&app).await;
    collect_row(&app, "1", "2569/0001").await;

    // ---- back up now ----
    app.type_keys(&(Key::Alt + "s")).await;
    app.wait_for("#backup-now").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#backup-notice", "สำรองแล้ว").await;
    let row = app
        .wait_for_text("#backup-table tr[data-reason=manual]", "สำรองเอง")
        .await;
    assert!(row.contains("ใบเสร็จล่าสุด 2569/0001"), "{row}");
    app.screenshot("trust-04-backed-up").await;

    // ---- post more: two more receipts ----
    collection_day(&app).await;
    collect_row(&app, "2", "2569/0002").await;
    collect_row(&app, "3", "2569/0003").await;

    // ---- restore: the preview first, beside the books in use ----
    app.type_keys(&(Key::Alt + "s")).await;
    app.wait_for("#backup-table").await;
    app.click("#backup-table tr[data-reason=manual] [data-restore]")
        .await;
    app.wait_for("#restore-preview").await;
    app.wait_for_text("#preview-receipt", "2569/0001").await;
    app.wait_for_text("#current-receipt", "2569/0003").await;
    app.wait_for_text("#preview-group", GROUP).await;
    let code = app.text("#preview-code").await;
    assert!(
        code.len() >= 9 && code.contains('-'),
        "the copy's check code: {code}"
    );
    app.screenshot("trust-05-restore-preview").await;
    app.click("#restore-confirm").await;
    app.wait_for_text("dialog.confirm.danger", "2 รายการ").await;
    app.screenshot("trust-06-restore-confirm").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#restored-verify", "ถูกต้อง").await;
    app.wait_for_text("#restored-holds", "ใบเสร็จล่าสุด 2569/0001")
        .await;
    app.screenshot("trust-07-restored").await;

    // ---- the books as they were: one receipt on the day ----
    collection_day(&app).await;
    app.wait_for_count(
        "#receipts-list tbody tr[data-receipt]",
        1,
        "one receipt after the restore",
    )
    .await;
    app.wait_for_text("#receipts-list", "2569/0001").await;
    app.wait_for_count("#fatal", 0, "no script errors").await;
    app.close().await;

    let books = sajja_core::Books::open(&db).unwrap();
    let day = books.collection_day("5/10/2569").unwrap();
    let receipts: Vec<&str> = day.receipts.iter().map(|r| r.receipt.as_str()).collect();
    assert_eq!(receipts, ["2569/0001"]);
    assert!(books.verify().unwrap().ok);
    // The restore is in the audit log, and the books before it were kept.
    let events = audit(&db);
    assert!(events.iter().any(|e| e["kind"] == "restore"), "{events:#?}");
    assert!(
        books
            .backups()
            .unwrap()
            .iter()
            .any(|b| b.reason.as_deref() == Some("before-restore")
                && b.last_receipt.as_deref() == Some("2569/0003")),
        "the books before the restore are kept"
    );
}

/// `pdftotext -raw` of a PDF, every space and line break taken out.
fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn check_code_screen_names_the_paper_and_copy_to_usb_verifies_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    prepare(&db);
    sajja(
        &db,
        &[
            "collect",
            "--date",
            "5/10/2569",
            "--member",
            "1",
            "--sajja",
            "100",
        ],
    );
    // A receipt printed by the real command line: its code is what the committee types.
    let paper = dir.path().join("receipt.pdf");
    let printed = sajja_env(
        &db,
        &[],
        &[
            "--json",
            "print",
            "receipt",
            "--receipt",
            "2569/0001",
            "--out",
            paper.to_str().unwrap(),
        ],
    );
    let printed: serde_json::Value = serde_json::from_str(&printed).unwrap();
    let code = printed["check_code"].as_str().unwrap().to_string();
    let docs = dir.path().join("documents");
    // The app (started by tauri-driver from this process) inherits where documents go.
    std::env::set_var("SAJJA_PRINT_DIR", &docs);

    let app = App::launch(&db).await;
    app.wait_for_text("#group-name", GROUP).await;

    // ---- the check-code screen: the paper's code, typed in lower case without the dash ----
    app.type_keys(&(Key::Alt + "c")).await;
    app.wait_for("#code-input").await;
    app.type_into("#code-input", &code.replace('-', "").to_lowercase())
        .await;
    app.press_key(Key::Enter).await;
    app.wait_for_text("#code-verdict", "เอกสารของบัญชีนี้").await;
    app.wait_for_text("#code-title", "ใบเสร็จรับเงิน เลขที่ 2569/0001")
        .await;
    // The date it was printed, in พ.ศ. (the command line's ISO date + 543).
    let check = sajja_env(&db, &[], &["--json", "verify", "--code", &code]);
    let check: serde_json::Value = serde_json::from_str(&check).unwrap();
    let printed_on = check["printed_on"].as_str().unwrap();
    let be_year = printed_on[..4].parse::<i32>().unwrap() + 543;
    app.wait_for_text("#code-date", &be_year.to_string()).await;
    app.screenshot("trust-08-check-code-found").await;
    // A well-formed code of no paper of these books.
    let other = if code.starts_with("2222") {
        "3333-3333"
    } else {
        "2222-2222"
    };
    app.type_into("#code-input", other).await;
    app.press_key(Key::Enter).await;
    app.wait_for_text("#code-verdict", "ไม่ใช่รหัสของบัญชีนี้").await;
    let message = app.text("#code-message").await;
    assert!(
        message
            .chars()
            .any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c)),
        "a Thai answer: {message}"
    );
    assert_eq!(app.count("#code-title").await, 0, "no document named");
    app.screenshot("trust-09-check-code-unknown").await;
    // A code that cannot be one: a Thai message saying what a code looks like.
    app.type_into("#code-input", "12AB").await;
    app.press_key(Key::Enter).await;
    app.wait_for_text(".error-summary", "รหัสตรวจสอบ").await;
    app.wait_for_text("#code-form", "ไม่ถูกรูปแบบ").await;

    // ---- copy to a USB stick: a folder typed in, verify run on the copy there ----
    let usb = tempfile::tempdir().unwrap();
    app.type_keys(&(Key::Alt + "s")).await;
    app.wait_for("#backup-export").await;
    app.click("#backup-export").await;
    app.wait_for("#export-form").await;
    app.type_into("#export-dir", usb.path().to_str().unwrap())
        .await;
    app.click("#export-go").await;
    let notice = app
        .wait_for_text("#backup-notice", "ตรวจสำเนาที่นั่นแล้วถูกต้อง")
        .await;
    assert!(notice.contains(usb.path().to_str().unwrap()), "{notice}");
    app.screenshot("trust-10-copied-to-usb").await;
    let copies: Vec<std::path::PathBuf> = std::fs::read_dir(usb.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].extension().is_some_and(|e| e == "db"));
    let verified = sajja_env(&copies[0], &[], &["--json", "verify"]);
    let verified: serde_json::Value = serde_json::from_str(&verified).unwrap();
    assert_eq!(verified["ok"], true, "{verified}");

    // ---- the same, encrypted: passphrases that differ are refused, then the copy is made ----
    app.click("#backup-export").await;
    app.wait_for("#export-form").await;
    app.wait_for_value("#export-dir", usb.path().to_str().unwrap())
        .await;
    app.click("#export-encrypt").await;
    app.wait_for("#export-pass").await;
    app.type_into("#export-pass", "ข้าวหอมมะลิ 2569").await;
    app.type_into("#export-pass2", "ข้าวหอมมะลิ 2568").await;
    app.click("#export-go").await;
    app.wait_for_text("#backup-error", "ไม่ตรงกัน").await;
    app.type_into("#export-pass2", "ข้าวหอมมะลิ 2569").await;
    app.click("#export-go").await;
    app.wait_for_text("#backup-notice", "(เข้ารหัสแล้ว)").await;
    app.screenshot("trust-11-copied-encrypted").await;
    let sealed: Vec<std::path::PathBuf> = std::fs::read_dir(usb.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".db.age"))
        .collect();
    assert_eq!(sealed.len(), 1, "one encrypted copy");
    assert!(std::fs::read(&sealed[0])
        .unwrap()
        .starts_with(b"age-encryption.org/v1"));

    // ---- the audit report, from the backup screen's print button ----
    app.press_key(Key::F9).await;
    app.wait_for("#print-form").await;
    app.wait_for("#doc-audit:checked").await;
    app.wait_for("#print-from").await;
    app.click("#print-save").await;
    app.wait_for("#print-done").await;
    let report = std::path::PathBuf::from(app.attr("#print-file", "data-path").await);
    app.screenshot("trust-12-audit-report-saved").await;

    // ---- restore from the encrypted copy on the stick (after the report: a restore brings
    // back the copy's own audit log): a wrong passphrase is refused, the
    // right one shows what it holds, the restore verifies, no decrypted file is left ----
    let sealed_path = sealed[0].to_str().unwrap();
    app.type_keys(&(Key::Alt + "s")).await;
    app.wait_for("#restore-other").await;
    app.click("#restore-other").await;
    app.wait_for("#restore-other-form").await;
    app.type_into("#restore-file", sealed_path).await;
    app.wait_for("#restore-pass").await;
    app.type_into("#restore-pass", "ข้าวหอมมะลิ 2568").await;
    app.click("#restore-open").await;
    app.wait_for_text("#backup-error", "รหัสผ่านไม่ถูกต้อง").await;
    app.type_into("#restore-pass", "ข้าวหอมมะลิ 2569").await;
    app.click("#restore-open").await;
    app.wait_for("#restore-preview").await;
    let holds = app.text("#preview-receipt").await;
    assert!(holds.contains("2569/0001"), "{holds}");
    app.screenshot("trust-11b-encrypted-copy-preview").await;
    app.click("#restore-confirm").await;
    app.wait_for("dialog.confirm.danger").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#restored-verify", "ถูกต้อง").await;
    let scratch: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("decrypted"))
        .collect();
    assert!(
        scratch.is_empty(),
        "decrypted scratch files left: {scratch:?}"
    );

    app.wait_for_count("#fatal", 0, "no script errors").await;
    app.close().await;

    let text = pdf_text(&report);
    assert!(
        text.contains("รายงานการตรวจสอบสำหรับคณะกรรมการตรวจสอบ"),
        "{text}"
    );
    // The two copies to the stick, the second said to be encrypted, and the receipt printed.
    let copies = text.split("คัดลอกบัญชีไปที่").count() - 1;
    assert_eq!(copies, 2, "{text}");
    assert!(text.contains("(เข้ารหัสด้วยรหัสผ่าน)"), "{text}");
    assert!(text.contains(&format!("รหัสตรวจสอบ{code}")), "{text}");

    // The restore is logged under the encrypted copy's own name, not a scratch file's.
    let events = sajja_env(&db, &[], &["--json", "audit"]);
    let events: Vec<serde_json::Value> = serde_json::from_str(&events).unwrap();
    let restore = events
        .iter()
        .find(|e| e["kind"] == "restore")
        .expect("the restore is logged");
    let detail = restore.to_string();
    assert!(
        detail.contains(".db.age") && !detail.contains("decrypted"),
        "{detail}"
    );
}
