//! End-to-end: the year-end of a demo group in the real window: the statements, the
//! allocation preview, the preparer recorded, the approver refused when they prepared it,
//! the approval refused when another program wrote to the books after the figures were shown,
//! approval by another member (the year closed), and the payout into savings.
//!
//! Ignored by default (needs a display and the debug binaries):
//! `cargo build --workspace && xvfb-run -a cargo test -p sajja-e2e --test yearend -- --include-ignored`.

use std::time::Instant;

use sajja_e2e::{sajja, App, Key};

/// A screenshot once the window has painted what the last step changed.
async fn shot(app: &App, name: &str) {
    app.client()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));",
            vec![],
        )
        .await
        .expect("wait for the window to paint");
    app.screenshot(name).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn close_a_demo_year_see_the_preview_approve_and_pay_out() {
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    // Two years of a demo group ending in January 2569: every month of 2568 is closed.
    sajja(
        &db,
        &[
            "demo",
            "--members",
            "30",
            "--months",
            "26",
            "--last-month",
            "2026-01",
        ],
    );

    let app = App::launch(&db).await;
    app.wait_for("#group-name").await;

    // ---- สิ้นปีบัญชี from the side menu ----
    app.click("a[data-menu='#/yearend']").await;
    app.wait_for("form#yearend-form").await;
    app.type_into("#yearend-year", "2568").await;
    app.press("#yearend-year", Key::Enter).await;
    app.wait_for("#yearend-statements").await;
    app.wait_for("#income-statement").await;
    app.wait_for_text("#balance-check", "สมดุล").await;
    app.wait_for_text("#preview-net", ".").await;
    assert!(app.count("#allocation tr[data-heading]").await == 9);
    assert!(app.count("#yearend-members tr[data-member]").await >= 25);
    shot(&app, "yearend-01-statements-and-preview").await;

    // ---- the preparer is recorded ----
    app.type_into("#prepared-by", "3").await;
    app.click("#prepare-submit").await;
    app.wait_for_text("#yearend-approve .hint", "บันทึกไว้แล้ว: 3")
        .await;

    // ---- the approving meeting is picked: the demo's AGM of 7 January 2569 ----
    app.wait_for_value("#approve-form [name=meeting]", "2569/02")
        .await;

    // ---- the preparer may not approve: refused in Thai, the year stays open ----
    app.type_into("#approved-by", "3").await;
    app.click("#approve-submit").await;
    app.wait_for("dialog[open] [data-confirm]").await;
    shot(&app, "yearend-02-confirm").await;
    app.click("dialog[open] [data-confirm]").await;
    let refusal = app
        .wait_for_text("dialog[open] .error-summary", "ผู้จัดทำ")
        .await;
    assert!(refusal.contains("ผู้อนุมัติ"), "{refusal}");
    shot(&app, "yearend-03-refused").await;
    app.click("dialog[open] [data-cancel]").await;
    app.wait_gone("dialog[open]").await;

    // ---- another program writes to the books while the figures are on the screen: the
    // approval is refused, nothing posted, and the figures are shown again ----
    sajja(
        &db,
        &[
            "collect",
            "--date",
            "2026-02-05",
            "--member",
            "5",
            "--sajja",
            "100",
        ],
    );
    app.type_into("#approved-by", "4").await;
    app.click("#approve-submit").await;
    app.wait_for("dialog[open] [data-confirm]").await;
    app.click("dialog[open] [data-confirm]").await;
    app.wait_gone("dialog[open]").await;
    let stale = app
        .wait_for_text("#approve-form .error-summary", "อนุมัติอีกครั้ง")
        .await;
    assert!(stale.contains("หลังจากที่แสดงตัวเลขปีบัญชี 2568"), "{stale}");
    assert_eq!(app.count("#yearend-closed").await, 0, "nothing was posted");
    shot(&app, "yearend-03b-changed-since-shown").await;

    // ---- approved by member 4 (member 2 has left the demo group): the year is closed ----
    app.type_into("#approved-by", "4").await;
    app.click("#approve-submit").await;
    app.wait_for("dialog[open] [data-confirm]").await;
    app.click("dialog[open] [data-confirm]").await;
    let closed = app.wait_for_text("#yearend-closed", "อนุมัติเมื่อ").await;
    assert!(closed.contains("7 ม.ค. 2569"), "{closed}");
    assert!(
        closed.contains("การประชุมใหญ่สามัญประจำปี ครั้งที่ 2/2569"),
        "{closed}"
    );
    shot(&app, "yearend-04-closed").await;

    // ---- the AGM's screen shows the approval and links back to the year-end ----
    app.click("#yearend-meeting").await;
    let noted = app.wait_for_text("#meeting-year-close", "ปีบัญชี 2568").await;
    assert!(noted.contains("ปิดบัญชีแล้ว"), "{noted}");
    app.wait_for_text("#offer-year", "ปีบัญชีนี้ปิดแล้ว").await;
    app.wait_for_text(
        "#agenda [data-agenda='4']",
        "อนุมัติงบการเงินและการจัดสรรกำไรสุทธิ",
    )
    .await;
    shot(&app, "yearend-04b-agm").await;
    app.click("#to-yearend").await;
    app.wait_for_text("#yearend-closed", "อนุมัติเมื่อ").await;

    // ---- payout: everyone into savings ----
    app.select("#pay-form [name=to]", "savings").await;
    app.type_into("#pay-date", "2/2/2569").await;
    app.click("#pay-submit").await;
    let done = app.wait_for_text("#pay-done", "จ่ายแล้ว").await;
    assert!(done.contains("คน"), "{done}");
    shot(&app, "yearend-05-paid").await;
    app.close().await;

    // The books are sound afterwards.
    sajja(&db, &["verify"]);
    eprintln!("year-end e2e in {:.1} s", t0.elapsed().as_secs_f64());
}
