//! End-to-end: a loan from application to two instalments, in the real window.
//!
//! The group, its members' savings and a loan product are prepared with the real `sajja`
//! command line; then, in the window: apply with a guarantor, see the limit refusal in Thai
//! next to the amount, apply within the limit, approve, pay out, take two instalments on
//! collection day in the members' rows, and read the loan card and the guarantor's record.
//!
//! Ignored by default (needs a display and the debug binaries):
//! `cargo build --workspace && xvfb-run -a cargo test --workspace -- --include-ignored loans`.

use std::path::Path;
use std::time::Instant;

use sajja_e2e::{sajja, App, Key};

const GROUP: &str = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว";

/// Four members (1,000 a month each) who saved January and February 2568, and product A:
/// 1 % a month on the declining balance, up to 12 months and 2 × savings, a guarantor above
/// 1,000 baht.
fn prepare(db: &Path) {
    sajja(db, &["init", "--name", GROUP, "--founded", "1/1/2568"]);
    for name in ["นายสมชาย ใจดี", "นางมาลี ศรีสุข", "นายบุญมี มั่นคง", "นางสมศรี ทองดี"]
    {
        sajja(
            db,
            &[
                "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", "20",
            ],
        );
    }
    for (date, fee) in [("5/1/2568", "20"), ("5/2/2568", "")] {
        for m in ["1", "2", "3", "4"] {
            sajja(
                db,
                &[
                    "collect", "--date", date, "--member", m, "--sajja", "1000", "--fee", fee,
                ],
            );
        }
    }
    sajja(
        db,
        &[
            "loan",
            "product",
            "add",
            "--code",
            "A",
            "--name",
            "เงินกู้สามัญ",
            "--kind",
            "สามัญ",
            "--rate",
            "1",
            "--method",
            "declining-equal-principal",
            "--max-months",
            "12",
            "--max-times-savings",
            "2",
            "--guarantors-above",
            "1000",
        ],
    );
}

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

/// One member's row on collection day: open it with the number, check the loan instalment
/// it was filled with, post it with F2.
/// What the element with `id` shows on the screen (innerText: a closed `<details>` left out).
async fn shown_text(app: &App, id: &str) -> String {
    app.client()
        .execute(
            "return document.getElementById(arguments[0]).innerText;",
            vec![serde_json::json!(id)],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

async fn collect_row(app: &App, member: &str, loan_due: &str, receipt: &str) {
    app.type_keys(member).await;
    app.press_key(Key::Enter).await;
    app.wait_for(&format!(
        "#collect-sheet tr.editing[data-member='{member}']"
    ))
    .await;
    app.wait_for_value("#row-loan_payment", loan_due).await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#saved-receipt", receipt).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn a_loan_from_application_to_two_instalments() {
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    prepare(&db);

    let app = App::launch(&db).await;
    app.wait_for_text("#group-name", GROUP).await;

    // ---- เงินกู้ (Alt+4), ยื่นคำขอกู้ (F3) ----
    app.type_keys(&(Key::Alt + "4")).await;
    app.wait_for("#loan-apply").await;
    app.press_key(Key::F3).await;
    app.wait_for("form#apply-form").await;
    app.type_into("#apply-form [name=member]", "1").await;
    app.press("#apply-form [name=member]", Key::Enter).await;
    app.wait_for_focus_on(
        "#apply-form [name=product]",
        "Enter moves on to the loan type",
    )
    .await;
    app.wait_for_text("#borrower-name", "นายสมชาย ใจดี").await;
    app.type_into("#apply-form [name=amount]", "5000").await;
    app.type_into("#apply-form [name=months]", "6").await;
    app.type_into("#apply-form [name=date]", "10/2/2568").await;
    app.type_into("#apply-form [name=guarantors]", "2").await;
    app.type_into("#apply-form [name=recorded_by]", "4").await;
    app.type_into("#apply-form [name=purpose]", "ซื้อปุ๋ยทำนา")
        .await;
    // The preview shows the yearly rate as typed.
    app.wait_for_text("#preview-rate", "12.00").await;

    // ---- over the limit (2 × 2,000 savings): refused in Thai, next to the amount ----
    app.press_key(Key::F2).await;
    // January 2568 is the open month: February is asked about once.
    app.confirm_outside_month("มกราคม 2568").await;
    let near = app
        .wait_for_text(".field-error[data-for=amount]", "เงินสัจจะสะสม")
        .await;
    assert!(near.contains("4,000.00"), "{near}");
    app.wait_for_text(
        "#apply-form .error-summary a[data-goto=amount]",
        "จำนวนเงินกู้",
    )
    .await;
    assert_eq!(
        app.client()
            .active_element()
            .await
            .unwrap()
            .attr("name")
            .await
            .unwrap()
            .as_deref(),
        Some("amount"),
        "the amount has the cursor"
    );
    shot(&app, "loans-01-limit-refused").await;

    // ---- within the limit: recorded, with its contract number ----
    app.type_into("#apply-form [name=amount]", "3000").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#loan-title", "2568/001").await;
    // The approval date starts at the application's, not the computer's date.
    app.wait_for_value("#approve-form [name=date]", "10/2/2568")
        .await;
    app.wait_for_text(".screen-head", "รออนุมัติ").await;
    app.wait_for_text("#loan-guarantors", "นางมาลี ศรีสุข").await;
    app.wait_for_text("#loan-rates", "12.68").await;
    shot(&app, "loans-02-applied").await;

    // ---- approve: who typed the application may not; member 3 does ----
    app.type_into("#approve-form [name=by]", "4").await;
    app.type_into("#approve-form [name=date]", "11/2/2568")
        .await;
    app.press_key(Key::F2).await;
    app.wait_for_text(".field-error[data-for=by]", "ผู้บันทึก")
        .await;
    app.type_into("#approve-form [name=by]", "3").await;
    app.type_into("#approve-form [name=meeting]", "ครั้งที่ 2/2568")
        .await;
    app.press_key(Key::F2).await;
    app.wait_for("#disburse-form").await;
    app.wait_for_text("#loan-approved", "นายบุญมี มั่นคง").await;

    // ---- pay out from cash ----
    app.type_into("#disburse-form [name=date]", "12/2/2568")
        .await;
    app.press_key(Key::F2).await;
    app.wait_for("#repay-form").await;
    app.wait_for_text(".screen-head", "กำลังผ่อนชำระ").await;
    app.wait_for_text("#loan-schedule", "5 มี.ค. 2568").await;
    shot(&app, "loans-03-paid-out").await;

    // ---- two instalments on collection day, in member 1's row with the savings ----
    app.type_keys(&(Key::Alt + "3")).await;
    app.wait_for("#collect-sheet").await;
    app.type_into("#collect-date", "5/3/2568").await;
    app.press_key(Key::Enter).await;
    app.confirm_outside_month("มกราคม 2568").await;
    app.wait_for_text("#day-title", "5 มีนาคม 2568").await;
    collect_row(&app, "1", "530.00", "2568/").await; // 500 principal + 30 interest
    shot(&app, "loans-04-first-instalment").await;
    app.press_key(Key::F6).await;
    app.type_into("#collect-date", "5/4/2568").await;
    app.press_key(Key::Enter).await;
    app.confirm_outside_month("มกราคม 2568").await;
    app.wait_for_text("#day-title", "5 เมษายน 2568").await;
    collect_row(&app, "1", "525.00", "2568/").await; // 500 + 1 % of 2,500

    // ---- the loan card: two instalments paid, 2,000 left ----
    app.type_keys(&(Key::Alt + "4")).await;
    app.wait_for("#loan-search").await;
    app.type_into("#loan-search", "2568/1").await;
    app.press_key(Key::Enter).await;
    app.wait_for_text("#loan-title", "2568/001").await;
    app.wait_for_text("#loan-balance", "2,000.00").await;
    app.wait_for_count("#loan-movements tbody tr", 3, "").await;
    let paid = app.text("#loan-schedule tr[data-no='2']").await;
    assert!(paid.contains("ชำระแล้ว"), "{paid}");
    let movements = app.text("#loan-movements").await;
    assert!(
        movements.contains("30.00") && movements.contains("25.00"),
        "{movements}"
    );
    shot(&app, "loans-05-loan-card").await;

    // ---- the guarantor's own record shows the guarantee ----
    app.click("#loan-guarantors a").await;
    app.wait_for_text("#member-title", "นางมาลี ศรีสุข").await;
    app.wait_for_text("#member-guarantees", "2568/001").await;
    shot(&app, "loans-06-guarantor").await;
    app.close().await;

    let books = sajja_core::Books::open(&db).unwrap();
    let report = books.verify().unwrap();
    assert!(report.ok, "{:?}", report.problems);
    eprintln!("e2e loans: whole test {:.2?}", t0.elapsed());
}

/// The loan screens on the demo group (with loans in arrears, restructured, waiting): each
/// screen opens, and a rate above 15 % a year needs the committee's confirmation.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn loan_screens_on_the_demo_group() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    sajja(&db, &["demo"]);
    sajja(
        &db,
        &[
            "loan",
            "product",
            "add",
            "--code",
            "F",
            "--name",
            "เงินกู้ดอกเบี้ยคงที่",
            "--rate",
            "1",
            "--method",
            "flat",
            "--max-months",
            "12",
        ],
    );
    // A member still in the group who has never borrowed.
    let newcomer = {
        let books = sajja_core::Books::open(&db).unwrap();
        books
            .members("")
            .unwrap()
            .into_iter()
            .filter(|m| m.status.is_active())
            .find(|m| books.member_loans(m.number, "").unwrap().loans.is_empty())
            .expect("a member without loans")
            .number
            .to_string()
    };
    let app = App::launch(&db).await;
    app.wait_for("#group-name").await;

    app.type_keys(&(Key::Alt + "4")).await;
    app.wait_for("#loans-active").await;
    assert!(app.count("#loan-list-active tbody tr").await > 0);
    assert!(
        app.count("#loan-list-active tr.in-arrears").await > 0,
        "arrears flagged"
    );
    shot(&app, "loans-11-list").await;

    app.press_key(Key::F7).await;
    app.wait_for("#arrears-buckets").await;
    assert!(app.count("#arrears-list tbody tr").await > 0);
    shot(&app, "loans-12-arrears").await;
    app.click("#arrears-list tbody tr a.loan-link").await;
    app.wait_for("#loan-position").await;
    app.wait_for_text(".screen-head", "ค้างชำระ").await;
    shot(&app, "loans-13-card-in-arrears").await;
    // Restructuring would drop what is owed in interest and fines: the form says how much.
    app.click("#restructure-button").await;
    app.wait_for_text("#restructure-form", "ควรรับชำระก่อนยื่นคำขอ")
        .await;
    shot(&app, "loans-13b-restructure-form").await;

    app.press_key(Key::Escape).await;
    app.wait_for("#loan-products-link").await;
    app.press_key(Key::F4).await;
    app.wait_for("#product-list").await;
    app.wait_for_text("#product-list", "เกินร้อยละ 15").await;
    shot(&app, "loans-14-products").await;

    // A flat-rate loan: the preview warns, applying without confirmation is refused.
    app.press_key(Key::Escape).await;
    app.wait_for("#loan-apply").await;
    app.press_key(Key::F3).await;
    app.wait_for("form#apply-form").await;
    app.type_into("#apply-form [name=member]", &newcomer).await;
    app.select("#apply-form [name=product]", "F").await;
    app.type_into("#apply-form [name=amount]", "1000").await;
    app.type_into("#apply-form [name=months]", "12").await;
    // Two lines at most, the law behind "ทำไม", opened in place; no technical words.
    app.wait_for_text("#legal-warning", "เกินร้อยละ 15").await;
    let warning = shown_text(&app, "legal-warning").await;
    assert!(
        !warning.contains("มาตรา 654") && !warning.contains("sajja") && !warning.contains("--"),
        "{warning}"
    );
    let lines = app
        .client()
        .execute(
            "const e = document.getElementById('legal-warning'); const s = getComputedStyle(e);
             return (e.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / parseFloat(s.lineHeight);",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(lines < 2.5, "the warning takes {lines} lines");
    app.click("#legal-warning .legal-why-toggle").await;
    app.wait_for("#legal-warning .legal-why:not([hidden])")
        .await;
    let opened = shown_text(&app, "legal-warning").await;
    assert!(opened.contains("มาตรา 654"), "{opened}");
    shot(&app, "loans-14b-rate-why").await;
    app.press_key(Key::F2).await;
    app.wait_for_text(".field-error[data-for=confirm_rate]", "15")
        .await;
    shot(&app, "loans-15-rate-warning").await;
    app.close().await;
}
