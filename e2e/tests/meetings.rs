//! End-to-end: the group's governance in the real window. Set up the committee on its
//! screen, open a committee meeting filled from the books, tick the attendance (present,
//! absent with a reason), add a guest, approve the waiting loan from agenda 4, type an item,
//! close the meeting and print its minutes; the PDF exists and its text (pdftotext) has the
//! official headings in order, the approval with borrower and amount, and what was typed.
//!
//! The group, its savings, a loan product and one waiting application are prepared with the
//! real `sajja` command line. Documents go to a temporary folder (`SAJJA_PRINT_DIR`).
//!
//! Ignored by default (needs a display and the debug binaries):
//! `cargo build --workspace && xvfb-run -a cargo test -p sajja-e2e --test meetings -- --include-ignored`.

use std::path::Path;
use std::process::Command;

use sajja_e2e::{sajja, App, Key};

const GROUP: &str = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโนนสูง";
const MEMBERS: [&str; 5] = [
    "นายสมชาย ใจดี",
    "นางมาลี ศรีสุข",
    "นายบุญมี มั่นคง",
    "นางสมศรี ทองดี",
    "นายประเสริฐ บุญมา",
];

/// Five members who saved January and February 2568, product A, and member 1's application
/// for 3,000 baht guaranteed by member 2, waiting for the loan committee.
fn prepare(db: &Path) {
    sajja(db, &["init", "--name", GROUP, "--founded", "1/1/2568"]);
    for name in MEMBERS {
        sajja(
            db,
            &[
                "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", "20",
            ],
        );
    }
    for (date, fee) in [("5/1/2568", "20"), ("5/2/2568", "")] {
        for m in ["1", "2", "3", "4", "5"] {
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
            "10/2/2568",
            "--guarantor",
            "2",
            "--purpose",
            "ซื้อปุ๋ยทำนา",
        ],
    );
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
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

/// One seat recorded on the committee screen with the keyboard (F2).
async fn seat(app: &App, committee: &str, member: &str, position: &str, name: &str) {
    app.select("#seat-form [name=committee]", committee).await;
    app.type_into("#seat-member", member).await;
    app.type_into("#seat-position", position).await;
    app.type_into("#seat-from", "1/1/2568").await;
    app.press_key(Key::F2).await;
    app.wait_for_text(
        &format!("#committee-now [data-committee='{committee}']"),
        name,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn a_committee_meeting_approves_a_loan_and_prints_its_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    let docs = dir.path().join("เอกสาร");
    prepare(&db);
    std::env::set_var("SAJJA_PRINT_DIR", &docs);

    let app = App::launch(&db).await;
    app.wait_for_text("#group-name", GROUP).await;

    // ---- the committee register (Alt+K) ----
    app.type_keys(&(Key::Alt + "k")).await;
    app.wait_for("#seat-form").await;
    app.type_into("#committee-date", "15/2/2568").await;
    app.press("#committee-date", Key::Enter).await;
    app.wait_for_count("#committee-now [data-seat]", 0, "no seats yet")
        .await;
    seat(&app, "executive", "5", "ประธาน", "นายประเสริฐ บุญมา").await;
    seat(&app, "executive", "4", "เลขานุการ", "นางสมศรี ทองดี").await;
    seat(&app, "loans", "3", "ประธาน", "นายบุญมี มั่นคง").await;
    app.wait_for_count("#committee-now [data-seat]", 3, "three seats on 15/2/2568")
        .await;
    app.wait_for_count(
        "#committee-history tbody tr",
        3,
        "the history lists every seat",
    )
    .await;
    shot(&app, "meetings-01-committee").await;

    // ---- a new committee meeting, agenda 3/4 filled from the books (Alt+M) ----
    app.type_keys(&(Key::Alt + "m")).await;
    app.wait_for("#new-meeting-form").await;
    app.select("#new-meeting-form [name=kind]", "committee")
        .await;
    app.type_into("#meeting-date", "15/2/2568").await;
    app.type_into("#meeting-place", "ศาลาประชาคมหมู่บ้านโนนสูง")
        .await;
    shot(&app, "meetings-02-new").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#meeting-title", "ครั้งที่ 1/2568").await;
    app.wait_for_text("#meeting-title", "การประชุมคณะกรรมการ")
        .await;
    app.wait_for_text("#agenda [data-agenda='3']", "รายงานฐานะการเงินประจำเดือน")
        .await;
    app.wait_for_text("#agenda [data-agenda='4']", "ลูกหนี้เงินกู้ค้างชำระ")
        .await;
    app.wait_for_text("#waiting-loans", "นายสมชาย ใจดี").await;
    // Nobody ticked yet: the quorum is not there, and says so in words.
    app.wait_for_text("#meeting-quorum", "ไม่ครบองค์ประชุม").await;

    // ---- attendance: tick the committee list ----
    app.wait_for_count("#attendance tbody tr", 3, "the three seat holders")
        .await;
    app.click("#tick-3").await;
    app.wait_for_text("#state-3", "มาประชุม").await;
    // Space on the focused tick, as at the keyboard.
    app.wait_for_focus("tick-3", "the tick keeps the focus after it is recorded")
        .await;
    app.press_key(Key::Down).await;
    app.wait_for_focus("tick-4", "↓ moves to the next person")
        .await;
    app.press_key(Key::Down).await;
    app.wait_for_focus("tick-5", "↓ moves to the next person")
        .await;
    app.type_keys(" ").await;
    app.wait_for_text("#state-5", "มาประชุม").await;
    app.type_into("#reason-4", "ไปโรงพยาบาล").await;
    app.press("#reason-4", Key::Enter).await;
    app.wait_for_text("#state-4", "ไม่มา: ไปโรงพยาบาล").await;
    let quorum = app.wait_for_text("#meeting-quorum", "✓ ครบองค์ประชุม").await;
    assert!(quorum.contains("มาประชุม 2 คน จาก 3 คน"), "{quorum}");

    // ---- a guest ----
    app.type_into("#guest-name", "นางพัฒนา ชุมชน").await;
    app.type_into("#guest-position", "พัฒนากรตำบล").await;
    app.press("#guest-position", Key::Enter).await;
    app.wait_for_text("#guest-list", "นางพัฒนา ชุมชน").await;

    // ---- approve the waiting loan from the agenda: the loan committee chair signs ----
    app.wait_for_value("#approve-by", "3").await;
    shot(&app, "meetings-03-attendance").await;
    app.click("[data-approve='2568/001']").await;
    let decided = app
        .wait_for_text("#agenda [data-agenda='4']", "สัญญาเลขที่ 2568/001")
        .await;
    assert!(decided.contains("นายสมชาย ใจดี"), "{decided}");
    assert!(decided.contains("3,000.00"), "{decided}");
    app.wait_for_count("#waiting-loans", 0, "no application waits any more")
        .await;
    for (part, name) in [
        ("offers", "meetings-04-offers"),
        ("agenda", "meetings-05-agenda"),
    ] {
        app.client()
            .execute(
                &format!("document.getElementById('{part}').scrollIntoView({{block: 'start'}})"),
                vec![],
            )
            .await
            .expect("scroll");
        shot(&app, name).await;
    }

    // ---- an item typed at agenda 5 ----
    app.select("#item-form [name=agenda]", "5").await;
    app.type_into("#item-title", "การจัดงานบุญประจำปีของหมู่บ้าน")
        .await;
    app.type_into(
        "#item-text",
        "ประธานแจ้งว่าหมู่บ้านจะจัดงานบุญกลางบ้านในเดือนมีนาคม ขอให้กลุ่มร่วมสนับสนุน",
    )
    .await;
    app.type_into("#item-resolution", "ที่ประชุมรับทราบ").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#agenda [data-agenda='5']", "การจัดงานบุญประจำปีของหมู่บ้าน")
        .await;

    // ---- close: times, the secretary records, the chair checks ----
    app.wait_for_value("#close-recorder", "4").await;
    app.wait_for_value("#close-checker", "5").await;
    app.type_into("#close-start", "09:30").await;
    app.type_into("#close-end", "11:45").await;
    shot(&app, "meetings-06-before-close").await;
    // Closing the meeting has no function key: a button pressed on purpose.
    app.click("#close-submit").await;
    app.wait_for_text(".screen-head", "ปิดการประชุมแล้ว").await;
    app.wait_for_text("#meeting-lead", "09:30–11:45").await;
    shot(&app, "meetings-07-closed").await;

    // ---- print the minutes (F9): the print screen comes with the meeting chosen ----
    app.press_key(Key::F9).await;
    app.wait_for("#print-form").await;
    app.wait_for_value("#print-meeting", "2568/01").await;
    app.click("#print-save").await;
    app.wait_for("#print-done").await;
    let path = app.attr("#print-file", "data-path").await;
    shot(&app, "meetings-08-minutes-saved").await;
    let expected = docs.join(GROUP).join("รายงานการประชุม-2568-01.pdf");
    assert_eq!(Path::new(&path), expected.as_path());
    assert!(expected.is_file(), "{} was not written", expected.display());
    let text = pdftotext(&expected);
    let mut at = 0;
    for heading in [
        "รายงานการประชุม",
        "ครั้งที่",
        "เมื่อ",
        "ณ ศาลาประชาคมหมู่บ้านโนนสูง",
        "ผู้มาประชุม",
        "ผู้ไม่มาประชุม",
        "ผู้เข้าร่วมประชุม",
        "เริ่มประชุมเวลา",
        "ระเบียบวาระที่ ๑",
        "ระเบียบวาระที่ ๒",
        "ระเบียบวาระที่ ๓",
        "ระเบียบวาระที่ ๔",
        "ระเบียบวาระที่ ๕",
        "เลิกประชุมเวลา",
        "ผู้จดรายงานการประชุม",
        "ผู้ตรวจรายงานการประชุม",
    ] {
        let found = text[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing after byte {at}:\n{text}"));
        at += found + heading.len();
    }
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for typed in [
        "นางพัฒนาชุมชน",
        "ไปโรงพยาบาล",
        "การจัดงานบุญประจำปีของหมู่บ้าน",
        "ที่ประชุมรับทราบ",
        "สัญญาเลขที่๒๕๖๘/๐๐๑นายสมชายใจดี",
        "๓,๐๐๐.๐๐บาท",
    ] {
        assert!(flat.contains(typed), "{typed} missing:\n{text}");
    }

    // ---- the loan card names the meeting that approved it ----
    app.type_keys(&(Key::Alt + "4")).await;
    app.wait_for("#loan-search").await;
    app.type_into("#loan-search", "2568/1").await;
    app.press_key(Key::Enter).await;
    app.wait_for_text("#loan-title", "2568/001").await;
    let approved = app.wait_for_text("#loan-approved", "นายบุญมี มั่นคง").await;
    assert!(
        approved.contains("2568/01") || approved.contains("1/2568"),
        "{approved}"
    );

    // ---- the application form, printed from the loan card's button ----
    app.click("#print-application").await;
    app.wait_for_value("#print-loan", "2568/001").await;
    app.click("#print-save").await;
    app.wait_for_text("#print-file", "คำขอกู้เงิน-2568-001.pdf")
        .await;
    let form = docs.join(GROUP).join("คำขอกู้เงิน-2568-001.pdf");
    let text = pdftotext(&form);
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains("คำขอกู้เงิน"), "{text}");
    assert!(flat.contains("๓,๐๐๐.๐๐บาท(สามพันบาทถ้วน)"), "{text}");
    assert!(flat.contains("ในการประชุมครั้งที่๑/๒๕๖๘"), "{text}");

    app.type_keys(&(Key::Alt + "m")).await;
    let listed = app
        .wait_for_text("#meeting-list tr[data-meeting='2568/01']", "ปิดการประชุมแล้ว")
        .await;
    assert!(listed.contains("การประชุมคณะกรรมการ"), "{listed}");
    shot(&app, "meetings-09-list").await;
    app.wait_for_count("#fatal", 0, "no script errors").await;
    app.close().await;
}
