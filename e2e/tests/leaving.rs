//! End-to-end: a guarantor who wants to leave, in the real window.
//!
//! Member 2 guarantees member 1's loan. The exit screen shows which loan keeps them from
//! leaving and will not let the exit be confirmed; the loan card records the committee's
//! decision to release them; then the exit goes through and pays their savings back.
//!
//! Ignored by default (needs a display and the debug binaries):
//! `cargo build --workspace && xvfb-run -a cargo test -p sajja-e2e --test leaving -- --include-ignored`.

use std::path::Path;

use sajja_e2e::{sajja, App, Key};

const GROUP: &str = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโนนสูง";

/// Four members (1,000 a month each) who saved January to March 2568; product A; loan
/// 2568/001 of 3,000 to member 1, guaranteed by member 2, approved by member 4, paid out.
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
    for (date, fee) in [("5/1/2568", "20"), ("5/2/2568", ""), ("5/3/2568", "")] {
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
    sajja(
        db,
        &[
            "loan",
            "apply",
            "--member",
            "1",
            "--product",
            "A",
            "--amount",
            "3000",
            "--months",
            "6",
            "--date",
            "10/3/2568",
            "--guarantor",
            "2",
        ],
    );
    sajja(
        db,
        &[
            "loan",
            "approve",
            "--loan",
            "2568/001",
            "--by",
            "4",
            "--date",
            "10/3/2568",
        ],
    );
    sajja(
        db,
        &[
            "loan",
            "disburse",
            "--loan",
            "2568/001",
            "--date",
            "10/3/2568",
        ],
    );
}

async fn go(app: &App, hash: &str) {
    app.client()
        .execute(&format!("location.hash = '{hash}'"), vec![])
        .await
        .expect("navigate");
}

/// The exit form for member 2 (resigning on 20 Mar 2568), previewed with F2. The open month
/// is January 2568: the first date in March of the session is asked about once (`first`).
async fn preview_exit(app: &App, first: bool) {
    go(app, "#/members/2/exit").await;
    app.wait_for_text("#exit-title", "นางมาลี ศรีสุข").await;
    app.type_into("#exit-form [name=date]", "20/3/2568").await;
    app.press_key(Key::F2).await;
    if first {
        app.confirm_outside_month("มกราคม 2568").await;
    }
    app.wait_for("#exit-settlement").await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn a_guarantor_is_blocked_from_leaving_then_released_by_the_committee_then_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    prepare(&db);

    let app = App::launch(&db).await;
    app.wait_for_text("#group-name", GROUP).await;

    // ---- the exit screen names the loan that blocks it, and cannot be confirmed ----
    preview_exit(&app, true).await;
    let blocked = app.wait_for_text("#exit-blocked", "2568/001").await;
    assert!(blocked.contains("นายสมชาย ใจดี"), "{blocked}");
    assert!(blocked.contains("3,000.00"), "{blocked}");
    let disabled = app
        .client()
        .find(fantoccini::Locator::Css("#exit-confirm"))
        .await
        .unwrap()
        .attr("disabled")
        .await
        .unwrap();
    assert!(disabled.is_some(), "the exit cannot be confirmed");
    app.screenshot("leaving-01-guarantor-blocked").await;

    // ---- from the blocking loan to its card: the committee releases the guarantor ----
    app.click("#exit-blocked a").await;
    app.wait_for_text("#loan-title", "2568/001").await;
    app.wait_for("#guarantor-form").await;
    app.select("#guarantor-form [name=action]", "release").await;
    app.select("#guarantor-form [name=member]", "2").await;
    app.type_into("#guarantor-form [name=by]", "4").await;
    app.type_into("#guarantor-form [name=date]", "20/3/2568")
        .await;
    app.type_into("#guarantor-form [name=meeting]", "ครั้งที่ 3/2568")
        .await;
    // Without a reason: refused in Thai, next to the reason.
    app.click("#guarantor-submit").await;
    app.wait_for_text(".field-error[data-for=reason]", "เหตุผล")
        .await;
    app.type_into("#guarantor-form [name=reason]", "ผู้กู้มีเงินสัจจะค้ำเพียงพอ")
        .await;
    app.click("#guarantor-submit").await;
    app.wait_for_text("#loan-events", "มติให้ผู้ค้ำพ้นจากการค้ำประกัน")
        .await;
    assert!(app.text("#loan-guarantors").await.contains("ไม่มี"));
    assert!(app
        .text("#loan-events")
        .await
        .contains("ผู้กู้มีเงินสัจจะค้ำเพียงพอ"));
    app.screenshot("leaving-02-guarantor-released").await;

    // ---- now the exit goes through: savings paid back from cash ----
    preview_exit(&app, false).await;
    assert_eq!(app.count("#exit-blocked").await, 0);
    app.click("#exit-confirm").await;
    app.wait_for("dialog.confirm [data-confirm]").await;
    app.click("dialog.confirm [data-confirm]").await;
    let done = app.wait_for_text("#exit-done", "บันทึกแล้ว").await;
    assert!(done.contains("3,000.00"), "{done}");
    app.screenshot("leaving-03-left").await;
    app.close().await;
}
