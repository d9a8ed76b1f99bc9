//! End-to-end: the real desktop window, driven through tauri-driver + WebKitWebDriver.
//!
//! Ignored by default (they need a display and the debug app binary):
//! `cargo build --workspace && xvfb-run -a cargo test --workspace -- --include-ignored`.
//! Screenshots of each step land in `target/e2e-shots/`.

use std::time::Instant;

use sajja_e2e::{App, Key, DEMO_WAIT};

const GROUP: &str = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง";
/// A valid national ID: Σ dᵢ·(13−i) over the first 12 digits = 144, (11 − 144 mod 11) mod 10 = 0.
const VALID_ID: &str = "1101700203450";
/// The same with the last digit changed: the check digit no longer matches.
const INVALID_ID: &str = "1101700203451";

fn check_digit(first12: &str) -> u32 {
    let sum: u32 = first12
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() * (13 - i as u32))
        .sum();
    (11 - sum % 11) % 10
}

#[test]
fn the_example_ids_are_what_they_claim() {
    assert_eq!(check_digit(&VALID_ID[..12]), 0);
    assert_eq!(VALID_ID.chars().last().unwrap().to_digit(10), Some(0));
    assert_ne!(
        check_digit(&INVALID_ID[..12]),
        INVALID_ID.chars().last().unwrap().to_digit(10).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn create_group_add_member_refuse_bad_id_and_reopen() {
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");

    // ---- first start: no books yet ----
    let mut app = App::launch(&db).await;
    app.wait_for("#choice-new").await;
    let launched = app.elapsed();
    app.wait_for_text(".start-title", "สัจจะ").await;
    // Where the books will be kept, in words: the path only in a tooltip.
    let place = app.text(".start-foot #db-path").await;
    assert_eq!(
        place, "โฟลเดอร์ชั่วคราวของเครื่อง",
        "no temporary path on the start screen"
    );
    assert!(!app.text(".start").await.contains(&*db.to_string_lossy()));
    assert_eq!(
        app.attr(".start-foot #db-path", "data-path").await,
        db.display().to_string()
    );
    app.screenshot("01-start").await;

    // ---- create the group through the form, with the keyboard ----
    app.click("#choice-new").await;
    app.wait_for("form#create-group").await;
    app.type_into("[name=name]", GROUP).await;
    app.press("[name=name]", Key::Enter).await;
    app.wait_for_focus_on(
        "form#create-group [name=founded]",
        "Enter moves to the next field",
    )
    .await;
    app.type_into("[name=founded]", "1/1/2567").await;
    app.type_into("[name=village]", "บ้านหนองแวง").await;
    app.type_into("[name=moo]", "5").await;
    app.type_into("[name=tambon]", "หนองแวง").await;
    app.type_into("[name=amphoe]", "เมืองขอนแก่น").await;
    app.type_into("[name=province]", "ขอนแก่น").await;
    app.screenshot("02-create-group").await;
    // Enter in the last field submits the form.
    app.press("[name=max_shares]", Key::Enter).await;

    app.wait_for_text("#group-name", GROUP).await;
    app.wait_for_text("#open-month", "มกราคม 2567").await;
    app.wait_for("#home-members").await;
    app.screenshot("03-home").await;

    // ---- add a member with a valid national ID ----
    app.click("[data-menu='#/members']").await;
    app.wait_for("#member-search").await;
    app.click("#add-member").await;
    app.wait_for("form#member-form").await;
    app.select("[name=title]", "นาง").await;
    app.type_into("[name=first_name]", "สมศรี").await;
    app.type_into("[name=last_name]", "ใจงาม").await;
    app.type_into("[name=id_card]", VALID_ID).await;
    app.type_into("[name=birth_date]", "5/6/2520").await;
    app.type_into("[name=phone]", "0812345678").await;
    app.type_into("[name=address]", "12 หมู่ 5 ตำบลหนองแวง").await;
    app.type_into("[name=shares]", "2").await;
    app.type_into("[name='beneficiaries.0.name']", "นายสมชาย ใจงาม")
        .await;
    app.type_into("[name='beneficiaries.0.relation']", "สามี")
        .await;
    app.type_into("[name='beneficiaries.0.share_percent']", "100")
        .await;
    app.screenshot("04-member-form").await;
    app.press_key(Key::F2).await;

    app.wait_for_text("#member-title", "นางสมศรี ใจงาม").await;
    // The ID is masked on the member screen; the full number only behind the reveal button.
    app.wait_for_text("#member-details", "x-xxxx-xxxxx-45-0")
        .await;
    assert!(!app.text("#member-details").await.contains("1-1017-00203"));
    app.screenshot("05-member-view").await;
    app.click("#reveal-id").await;
    app.wait_for_text("#id-card", "1-1017-00203-45-0").await;

    app.press_key(Key::Escape).await;
    app.wait_for_text("#member-list", "นางสมศรี ใจงาม").await;
    app.wait_for_count("#member-list tbody tr[data-number]", 1, "")
        .await;
    // Live filter by name and by number.
    app.type_into("#member-search", "ไม่มีคนนี้").await;
    app.wait_for("#no-members").await;
    app.type_into("#member-search", "1").await;
    app.wait_for_text("#member-list", "สมศรี").await;
    app.type_into("#member-search", "").await;
    app.screenshot("06-members").await;

    // ---- an invalid national ID is refused, in Thai, and nothing is added ----
    app.click("#add-member").await;
    app.wait_for("form#member-form").await;
    app.type_into("[name=first_name]", "สมหญิง").await;
    app.type_into("[name=last_name]", "ดีใจ").await;
    app.type_into("[name=id_card]", INVALID_ID).await;
    app.press_key(Key::F2).await;
    let near_field = app
        .wait_for_text(".field-error[data-for=id_card]", "เลขประจำตัวประชาชน")
        .await;
    assert!(near_field.contains("ไม่ถูกต้อง"), "{near_field}");
    // Said once: beside the field (under its row), and the summary only names and links it.
    let summary = app.text("#member-form .error-summary").await;
    assert!(summary.contains("เลขประจำตัวประชาชน"), "{summary}");
    assert!(!summary.contains("ไม่ถูกต้อง"), "{summary}");
    // The row keeps its fields side by side: the error does not push the ID box down.
    let tops = app
        .client()
        .execute(
            "return ['id_card', 'birth_date', 'phone'].map((n) => \
               Math.round(document.querySelector(`#member-form [name=${n}]`).getBoundingClientRect().top));",
            vec![],
        )
        .await
        .unwrap();
    let tops: Vec<i64> = tops
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert!(
        tops.windows(2).all(|w| w[0] == w[1]),
        "inputs in line: {tops:?}"
    );
    assert!(
        !app.focused_id().await.is_empty(),
        "the field in error has the focus"
    );
    app.screenshot("07-invalid-id").await;
    app.press_key(Key::Escape).await;
    app.wait_for("#member-list").await;
    app.wait_for_text("#member-count", "1 คน").await;
    assert!(!app.text("#member-list").await.contains("สมหญิง"));

    // ---- settings: a rule changed from a date ----
    app.click("[data-menu='#/settings']").await;
    app.wait_for("#rules").await;
    app.click("[data-edit=share_value]").await;
    app.type_into(".rule-form [name=share_value]", "60").await;
    app.type_into(".rule-form [name=effective]", "1/2/2567")
        .await;
    app.press(".rule-form [name=effective]", Key::Enter).await;
    app.wait_for_text("tr[data-rule=share_value]", "60.00")
        .await;
    app.wait_for_text("tr[data-rule=share_value]", "1 ก.พ. 2567")
        .await;
    app.screenshot("08-settings").await;

    // ---- restart on the same file: the member is still there ----
    let before_restart = Instant::now();
    app.restart().await;
    app.wait_for_text("#group-name", GROUP).await;
    let restarted = before_restart.elapsed();
    app.click("[data-menu='#/members']").await;
    app.wait_for_text("#member-list", "นางสมศรี ใจงาม").await;
    app.wait_for_count("#member-list tbody tr[data-number]", 1, "")
        .await;
    app.screenshot("09-after-restart").await;
    app.wait_for_count("#fatal", 0, "no script errors").await;
    app.close().await;

    // The file itself holds exactly the one member.
    let books = sajja_core::Books::open(&db).unwrap();
    let rows = books.members("").unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].full_name, "นางสมศรี ใจงาม");

    eprintln!(
        "e2e timings: first window {:.2?}, restart {:.2?}, whole test {:.2?}",
        launched,
        restarted,
        t0.elapsed()
    );
}

/// Every screen once, with the demo group, for the screenshots in `target/e2e-shots/tour-*`.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn tour_of_the_screens_with_the_demo_group() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&dir.path().join("none-yet.db")).await;
    app.wait_for("#choice-demo").await;
    let t = Instant::now();
    app.type_keys("3").await;
    app.wait_for_within("#home-members", DEMO_WAIT).await;
    eprintln!("demo group opened in {:.2?}", t.elapsed());
    // The side menu says where the books are in words; the path itself is only kept for a
    // tooltip.
    let place = app.text("#db-path").await;
    assert_eq!(place, "ไฟล์ชั่วคราว ลบเมื่อปิดโปรแกรม");
    let demo_file = app.attr("#db-path", "data-path").await;
    assert!(demo_file.contains("sajja-demo"), "{demo_file}");
    let menu = app.text(".menu-foot").await;
    assert!(
        !menu.contains('/') && !menu.contains("sajja-demo"),
        "no path in the menu: {menu}"
    );
    app.wait_for_text("#demo-badge", "กลุ่มตัวอย่าง").await;
    app.screenshot("tour-01-home").await;

    // The side menu answers to Alt+1..3.
    app.type_keys(&(Key::Alt + "2")).await;
    app.wait_for("#member-list tbody tr[data-number]").await;
    app.screenshot("tour-02-members").await;
    app.type_into("#member-search", "สม").await;
    app.screenshot("tour-03-members-search").await;
    app.type_into("#member-search", "").await;
    app.wait_for_text("#member-count", "ทั้งหมด").await;

    // A member who has left can be looked at but not edited.
    app.press("#member-search", Key::Enter).await;
    app.wait_for("#member-title").await;
    if app.count("#member-details .status.left").await > 0 {
        app.wait_for_count("#edit-member", 0, "").await;
        app.screenshot("tour-04-member-left").await;
        app.press_key(Key::Escape).await;
    }
    // An active member: view, edit (with a change date), view again with the history.
    app.click("#member-list tbody tr:has(.status.active) a")
        .await;
    app.wait_for("#edit-member").await;
    app.screenshot("tour-04-member").await;
    app.press_key(Key::F4).await;
    app.wait_for("form#member-form [name=changed_on]").await;
    app.type_into("[name=phone]", "0899999999").await;
    app.screenshot("tour-05-member-edit").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#history", "0899999999").await;
    app.screenshot("tour-06-member-history").await;

    app.click("[data-menu='#/members']").await;
    app.wait_for("#add-member").await;
    app.press_key(Key::F3).await;
    app.wait_for("form#member-form").await;
    app.press_key(Key::F2).await; // empty form: the core says what is missing
    app.wait_for(".error-summary:not([hidden])").await;
    app.screenshot("tour-07-member-add-errors").await;
    app.press_key(Key::Escape).await;

    app.click("[data-menu='#/settings']").await;
    app.wait_for("#rules").await;
    app.screenshot("tour-08-settings").await;
    app.click("[data-edit=bahttext]").await;
    app.wait_for(".rule-form").await;
    app.screenshot("tour-09-settings-rule-edit").await;
    app.press_key(Key::Escape).await;
    app.wait_gone(".rule-form").await;
    app.press_key(Key::F4).await;
    app.wait_for("#group-form").await;
    app.screenshot("tour-10-settings-group-edit").await;

    // The demo's committee and its year of meetings: the newest one, held at the table.
    app.type_keys(&(Key::Alt + "k")).await;
    app.wait_for("#committee-now [data-seat]").await;
    app.screenshot("tour-11-committee").await;
    app.type_keys(&(Key::Alt + "m")).await;
    app.wait_for("#meeting-list tbody tr[data-meeting]").await;
    app.screenshot("tour-12-meetings").await;
    app.click("#meeting-list tbody tr[data-meeting] a").await;
    app.wait_for("#meeting-quorum").await;
    app.wait_for("#attendance tbody tr[data-member]").await;
    app.screenshot("tour-13-meeting").await;
    app.wait_for_count("#fatal", 0, "no script errors on any screen")
        .await;

    // Leaving the demo deletes it and goes back to the start-up file (none yet: first start).
    app.press_key(Key::Escape).await;
    app.click("#close-books").await;
    app.wait_for("#choice-new").await;
    assert!(
        !std::path::Path::new(&demo_file).exists(),
        "{demo_file} removed"
    );
    app.close().await;
}
