//! End-to-end: printing from the app window. A receipt from the print screen, and a member's
//! passbook from the member's own screen: each time the app reports the file it wrote, the
//! file exists and its text (pdftotext) has the member's Thai name.
//!
//! The group is prepared with the real `sajja` command line. Documents go to a temporary
//! folder (`SAJJA_PRINT_DIR`, inherited by the app through tauri-driver). The app asks the
//! system to open each PDF; without a PDF viewer (as here) that quietly does nothing and the
//! print still succeeds, which is what this test relies on.
//!
//! Ignored by default (needs a display and the debug binaries):
//! `cargo build --workspace && xvfb-run -a cargo test --workspace -- --include-ignored documents`.

use std::path::Path;
use std::process::Command;

use sajja_e2e::{record_openings, sajja, App};

const GROUP: &str = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว";
const MEMBER: &str = "นางสมศรี ใจงาม";

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn print_a_receipt_and_a_passbook_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    let docs = dir.path().join("เอกสาร");
    sajja(
        &db,
        &[
            "init",
            "--name",
            GROUP,
            "--founded",
            "1/1/2568",
            "--village",
            "บ้านหนองบัว",
        ],
    );
    sajja(
        &db,
        &[
            "member", "add", "--name", MEMBER, "--joined", "1/1/2568", "--shares", "2",
        ],
    );
    sajja(
        &db,
        &[
            "collect", "--date", "5/1/2568", "--member", "1", "--sajja", "100", "--fee", "20",
        ],
    );
    // The app inherits where documents go, and opens files with a program that writes down
    // what it was asked to open.
    let opened = record_openings(dir.path(), &docs);

    let app = App::launch(&db).await;
    app.wait_for_text("#group-name", GROUP).await;

    // ---- a receipt, from the print screen ----
    app.click("[data-menu='#/print']").await;
    app.wait_for("#print-form").await;
    app.click("label[for='doc-receipt']").await;
    app.type_into("#print-receipt", "2568/0001").await;
    app.click("#print-preview").await;
    let summary = app.wait_for_text("#print-summary", "2568/0001").await;
    assert!(summary.contains(MEMBER), "{summary}");
    assert!(app
        .text("#print-path")
        .await
        .ends_with("ใบเสร็จ-2568-0001.pdf"));
    app.screenshot("documents-01-receipt-preview").await;
    app.click("#print-save").await;
    app.wait_for("#print-done").await;
    // The file by its name and the folder in words; the path is not shown, only kept.
    let shown = app.text("#print-done").await;
    assert!(
        shown.contains("ใบเสร็จ-2568-0001.pdf") && !shown.contains(&*docs.to_string_lossy()),
        "{shown}"
    );
    let path = app.attr("#print-file", "data-path").await;
    let expected = docs.join(GROUP).join("ใบเสร็จ-2568-0001.pdf");
    assert_eq!(Path::new(&path), expected.as_path());
    // Saved and opened in the viewer; then เปิดโฟลเดอร์ opens its folder and พิมพ์ the PDF again.
    assert_eq!(opened(), format!("{}\n", expected.display()));
    app.click("#print-open-folder").await;
    app.wait_for_text("#print-open-note", "เปิดโฟลเดอร์แล้ว").await;
    app.click("#print-open-file").await;
    app.wait_for_text("#print-open-note", "เปิดในโปรแกรมดู PDF แล้ว")
        .await;
    assert_eq!(
        opened(),
        format!(
            "{}\n{}\n{}\n",
            expected.display(),
            docs.join(GROUP).display(),
            expected.display()
        )
    );
    app.screenshot("documents-02-receipt-saved").await;
    assert!(expected.is_file(), "{} was not written", expected.display());
    let text = pdftotext(&expected);
    assert!(text.contains(MEMBER), "{text}");
    assert!(text.contains("หนึ่งร้อยยี่สิบบาทถ้วน"), "{text}");

    // A refusal is shown in Thai next to the field, and nothing is written.
    app.type_into("#print-receipt", "2568/9999").await;
    app.click("#print-save").await;
    let error = app.wait_for_text(".error-summary", "ไม่พบ").await;
    assert!(error.contains("2568/9999"), "{error}");

    // ---- the passbook, from the member's screen ----
    app.click("[data-menu='#/members']").await;
    app.wait_for("#member-search").await;
    app.click("#member-list tbody tr[data-number='1'] a").await;
    app.wait_for_text("#member-title", MEMBER).await;
    app.click("#print-passbook").await;
    app.wait_for("#print-form").await;
    app.wait_for_value("#print-member", "1").await;
    app.click("#print-save").await;
    app.wait_for("#print-done").await;
    app.screenshot("documents-03-passbook-saved").await;
    let path = app.attr("#print-file", "data-path").await;
    let expected = docs.join(GROUP).join("สมุดคู่ฝาก-A4-สมาชิก-1.pdf");
    assert_eq!(Path::new(&path), expected.as_path());
    let text = pdftotext(&expected);
    assert!(text.contains(MEMBER), "{text}");
    assert!(text.contains("สมุดคู่ฝาก"), "{text}");
    // What a monthly job will contain, before it is written.
    app.click("label[for='doc-statements']").await;
    app.type_into("#print-month", "1/2568").await;
    app.click("#print-preview").await;
    app.wait_for_text("#print-summary", "สมาชิก 1 คน").await;
    app.screenshot("documents-04-statements-preview").await;
    app.client()
        .execute(
            "document.getElementById('doc-passbook-continue').scrollIntoView({block: 'center'})",
            vec![],
        )
        .await
        .unwrap();
    app.click("label[for='doc-passbook-continue']").await;
    app.wait_for("#print-new-book").await;
    app.screenshot("documents-05-passbook-continue").await;
    let left: Vec<String> = std::fs::read_dir(docs.join(GROUP))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "only the two documents: {left:?}");
    app.close().await;
}
