//! End-to-end: a group that kept its books in Excel comes into Sajja through the window.
//!
//! The group and its loan product are set up with the real `sajja` command line; its workbook
//! is written the way a spreadsheet program writes one (Thai headers in the treasurer's own
//! order, real date cells, Thai digits, amounts with separators, one column nobody asked for).
//! Through นำเข้าและส่งออก Excel (Alt+I) the window reads each sheet, shows how its columns were
//! read and what it would create, refuses a sheet with mistakes (each named with its row and
//! column, nothing changed), and imports each sheet on confirmation. Then the members are on the
//! member list and the first collection day after the cut-over asks what the paper books say:
//! the months still owed, the fines brought in, the loan's next instalment.
//!
//! Ignored by default (needs a display and the debug binaries):
//! `cargo build --workspace && xvfb-run -a cargo test -p sajja-e2e --test import -- --include-ignored`.

use std::path::Path;
use std::time::Instant;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use sajja_e2e::{record_openings, sajja, App, Key};

const GROUP: &str = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง";

/// A group founded 1 มิ.ย. 2563 with the loan product "สามัญ" (1 % a month, equal principal).
fn prepare(db: &Path) {
    sajja(
        db,
        &[
            "init",
            "--name",
            GROUP,
            "--founded",
            "1/6/2563",
            "--province",
            "ขอนแก่น",
        ],
    );
    sajja(
        db,
        &[
            "loan",
            "product",
            "add",
            "--code",
            "สามัญ",
            "--name",
            "เงินกู้สามัญ",
            "--rate",
            "1",
            "--method",
            "declining-equal-principal",
            "--max-months",
            "36",
        ],
    );
}

/// What the paper books say on the cut-over, 1 ก.ค. 2568 (share value 50 baht a month):
/// - 1 นางสมศรี ใจงาม, 2 shares since ม.ค. 2566, paid through มิ.ย. 2568: 30 months = 3,000.00;
///   deposits 1,500.00.
/// - 2 นายบุญมา ศรีสุข, 1 share since ม.ค. 2566, paid through เม.ย. 2568: 28 months = 1,400.00;
///   owes May and June; an unpaid fine of 20.00.
/// - 3 นางมาลี มีสุข, 3 shares since มิ.ย. 2566, paid through มิ.ย. 2568: 25 months = 3,750.00;
///   a loan of 12,000.00 over 12 months paid out 5 ม.ค. 2568, five instalments paid (February to
///   June): 7,000.00 owed, interest paid to มิ.ย. 2568; next instalment 5 ก.ค. 2568 is
///   1,000.00 principal + 70.00 interest (1 % of 7,000.00).
/// - 4 นายสมชาย แก้วกล้า, 1 share since มี.ค. 2567, paid through มิ.ย. 2568: 16 months = 800.00.
///
/// Funds: cash 5,000.00, bank 20,000.00, reserve 3,000.00; the retained surplus that makes
/// the books balance: assets 5,000 + 20,000 + 7,000 + 20 = 32,020.00 against savings 8,950.00,
/// deposits 1,500.00 and the reserve 3,000.00: 18,570.00.
fn write_workbook(path: &Path) {
    let mut wb = Workbook::new();
    let date_fmt = Format::new().set_num_format("[$-th-TH,107]d/m/yyyy");
    let money_fmt = Format::new().set_num_format("#,##0.00");

    let ws = wb.add_worksheet();
    ws.set_name("สมาชิก").unwrap();
    let head = [
        "เลขที่สมาชิก",
        "ชื่อ-สกุล",
        "วันที่เข้าเป็นสมาชิก",
        "จำนวนหุ้น",
        "ที่อยู่",
        "หมายเหตุ",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let members: [(u32, &str, (u16, u8), &str); 4] = [
        (1, "นางสมศรี ใจงาม", (2023, 1), "2"),
        (2, "นายบุญมา ศรีสุข", (2023, 1), "๑"),
        (3, "นางมาลี มีสุข", (2023, 6), "3"),
        (4, "นายสมชาย แก้วกล้า", (2024, 3), "1"),
    ];
    for (r, (number, name, (y, m), shares)) in members.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_number(row, 0, f64::from(*number)).unwrap();
        ws.write_string(row, 1, *name).unwrap();
        if number % 2 == 0 {
            // Typed as text in พ.ศ.
            ws.write_string(row, 2, format!("1/{m}/{}", y + 543))
                .unwrap();
        } else {
            let d = ExcelDateTime::from_ymd(*y, *m, 1).unwrap();
            ws.write_datetime_with_format(row, 2, &d, &date_fmt)
                .unwrap();
        }
        ws.write_string(row, 3, *shares).unwrap();
        ws.write_string(row, 4, format!("{} หมู่ 5 ต.หนองแวง", 10 + number))
            .unwrap();
        ws.write_string(row, 5, "สมุดเล่ม 1").unwrap();
    }

    let ws = wb.add_worksheet();
    ws.set_name("ยอดยกมาสมาชิก").unwrap();
    for (c, h) in [
        "เลขที่สมาชิก",
        "เงินสัจจะสะสม",
        "ส่งสัจจะถึงเดือน",
        "เงินฝาก",
        "ค่าปรับค้าง",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let balances: [(u32, f64, &str, f64, &str); 4] = [
        (1, 3000.0, "2568-06", 1500.0, ""),
        (2, 1400.0, "4/2568", 0.0, "๒๐.๐๐"),
        (3, 3750.0, "มิ.ย. 2568", 0.0, ""),
        (4, 800.0, "2568-06", 0.0, ""),
    ];
    for (r, (number, sajja, through, deposits, fines)) in balances.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_number(row, 0, f64::from(*number)).unwrap();
        ws.write_number_with_format(row, 1, *sajja, &money_fmt)
            .unwrap();
        ws.write_string(row, 2, *through).unwrap();
        if *deposits > 0.0 {
            ws.write_string(row, 3, "1,500.00").unwrap();
        }
        if !fines.is_empty() {
            ws.write_string(row, 4, *fines).unwrap();
        }
    }

    let ws = wb.add_worksheet();
    ws.set_name("เงินกู้").unwrap();
    for (c, h) in [
        "เลขที่สมาชิก",
        "ประเภทเงินกู้",
        "จำนวนเงินกู้",
        "วันที่จ่ายเงินกู้",
        "จำนวนงวด",
        "เงินต้นคงเหลือ",
        "ชำระดอกเบี้ยถึงเดือน",
        "ผู้ค้ำประกัน",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, 3.0).unwrap();
    ws.write_string(1, 1, "สามัญ").unwrap();
    ws.write_number_with_format(1, 2, 12000.0, &money_fmt)
        .unwrap();
    let paid_out = ExcelDateTime::from_ymd(2025, 1, 5).unwrap();
    ws.write_datetime_with_format(1, 3, &paid_out, &date_fmt)
        .unwrap();
    ws.write_number(1, 4, 12.0).unwrap();
    ws.write_string(1, 5, "7,000.00").unwrap();
    ws.write_string(1, 6, "2568-06").unwrap();
    ws.write_string(1, 7, "1 2").unwrap();

    let ws = wb.add_worksheet();
    ws.set_name("ยอดยกมาทุน").unwrap();
    ws.write_string(0, 0, "บัญชี").unwrap();
    ws.write_string(0, 1, "จำนวนเงิน").unwrap();
    for (r, (account, amount)) in [
        ("เงินสด", "5,000.00"),
        ("1110 เงินฝากธนาคาร", "20,000.00"),
        ("reserve", "3,000.00"),
        ("3900", "18,570.00"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32 + 1, 0, *account).unwrap();
        ws.write_string(r as u32 + 1, 1, *amount).unwrap();
    }
    wb.save(path).unwrap();
}

/// A sheet of members' balances with three mistakes: an unknown member, a month that is not
/// one, an amount that is not one.
fn write_bad_balances(path: &Path) {
    std::fs::write(
        path,
        "member,sajja,paid_through,deposits\n\
         1,3000,2568-06,1500\n\
         9,100,2568-06,0\n\
         2,1400,เดือนสี่,0\n\
         3,สามพัน,2568-06,0\n",
    )
    .unwrap();
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

/// Step 1 of the wizard: what the file holds, the file, the cut-over date; then ตรวจไฟล์.
async fn check_file(app: &App, kind: &str, file: &Path, date: &str) {
    app.select("#import-form [name=kind]", kind).await;
    app.type_into("#import-file", file.to_str().unwrap()).await;
    app.type_into("#import-date", date).await;
    app.click("#import-check").await;
}

/// Checks `file` as `kind`, expects a preview of `rows` rows containing `line`, confirms, and
/// waits until the window says it was imported.
async fn import_sheet(app: &App, kind: &str, file: &Path, rows: usize, line: &str, name: &str) {
    check_file(app, kind, file, "1/7/2568").await;
    let preview = app
        .wait_for_text("#import-preview h3", &format!("({rows} แถว)"))
        .await;
    assert!(
        preview.contains("1 ก.ค. 2568") || kind == "members",
        "{preview}"
    );
    app.wait_for_text("#import-preview", line).await;
    assert_eq!(app.count("#import-errors").await, 0);
    assert_eq!(
        app.count("#import-done").await,
        0,
        "a preview changes nothing"
    );
    shot(app, &format!("import-{name}-preview")).await;
    app.wait_for_focus("import-confirm", "the confirm button takes the cursor")
        .await;
    app.press_key(Key::Enter).await;
    app.wait_for("#import-done").await;
    shot(app, &format!("import-{name}-done")).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn import_a_groups_workbook_through_the_window_then_members_and_the_due_list() {
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    prepare(&db);
    let workbook = dir.path().join("บัญชีกลุ่มหนองแวง.xlsx");
    write_workbook(&workbook);
    let bad = dir.path().join("ยอดยกมาผิด.csv");
    write_bad_balances(&bad);

    // Spreadsheets are saved in a folder of this test's own, and opened by a program that
    // writes down what it was asked to open.
    let docs = dir.path().join("เอกสาร");
    let opened = record_openings(dir.path(), &docs);

    let app = App::launch(&db).await;
    app.wait_for_text("#group-name", GROUP).await;

    // ---- นำเข้าและส่งออก Excel (Alt+I): nothing brought in yet ----
    app.type_keys(&(Key::Alt + "i")).await;
    app.wait_for("#import-form").await;
    app.wait_for_text("#opening-none", "ยังไม่ได้นำเข้ายอดยกมา")
        .await;

    // ---- members: the columns as read, the unknown one named, every row previewed ----
    check_file(&app, "members", &workbook, "").await;
    let columns = app.wait_for_text("#import-columns", "แผ่นงาน สมาชิก").await;
    // Each header beside the template's Thai name it is read as (the same words here).
    for header in ["เลขที่สมาชิก", "ชื่อ-สกุล", "วันที่เข้าเป็นสมาชิก", "จำนวนหุ้น", "ที่อยู่"]
    {
        assert!(
            columns.contains(&format!("{header}{header}")),
            "{header} read as itself: {columns}"
        );
    }
    assert!(!columns.contains("number"), "no field keys: {columns}");
    app.wait_for_text("#import-unknown", "หมายเหตุ").await;
    let preview = app.wait_for_text("#import-preview", "(4 แถว)").await;
    for name in [
        "นางสมศรี ใจงาม",
        "นายบุญมา ศรีสุข",
        "นางมาลี มีสุข",
        "นายสมชาย แก้วกล้า",
    ] {
        assert!(preview.contains(name), "{name} in the preview: {preview}");
    }
    shot(&app, "import-01-members-preview").await;
    // A preview alone leaves the books as they were.
    app.type_keys(&(Key::Alt + "2")).await;
    app.wait_for("#no-members").await;
    app.type_keys(&(Key::Alt + "i")).await;
    app.wait_for("#import-form").await;
    import_sheet(
        &app,
        "members",
        &workbook,
        4,
        "นายสมชาย แก้วกล้า",
        "02-members",
    )
    .await;

    // ---- a sheet with mistakes: each named with its row and column; nothing imported ----
    // The sheet's own English headers are shown with the template's Thai names.
    check_file(&app, "opening", &bad, "1/7/2568").await;
    app.wait_for("#import-errors").await;
    app.wait_for_count("#import-errors tbody tr", 3, "three mistakes")
        .await;
    let errors = app.text("#import-errors").await;
    assert!(errors.contains("ยังไม่ได้นำเข้าสิ่งใด"), "{errors}");
    let rows: Vec<String> = {
        let mut out = Vec::new();
        for r in app
            .client()
            .find_all(fantoccini::Locator::Css("#import-errors tbody tr"))
            .await
            .unwrap()
        {
            out.push(r.text().await.unwrap());
        }
        out
    };
    assert!(
        rows[0].starts_with('3') && rows[0].contains("member (เลขที่สมาชิก)"),
        "{rows:?}"
    );
    assert!(
        rows[1].starts_with('4') && rows[1].contains("paid_through (ส่งสัจจะถึงเดือน)"),
        "{rows:?}"
    );
    assert!(
        rows[2].starts_with('5') && rows[2].contains("sajja (เงินสัจจะสะสม)"),
        "{rows:?}"
    );
    assert_eq!(
        app.count("#import-confirm").await,
        0,
        "no confirm when refused"
    );
    shot(&app, "import-03-refused").await;
    app.wait_for("#opening-none").await;

    // ---- the balances, the loan and the funds, each previewed and confirmed ----
    import_sheet(
        &app,
        "opening",
        &workbook,
        4,
        "(ส่งถึง เม.ย. 2568)",
        "04-opening",
    )
    .await;
    import_sheet(
        &app,
        "loans",
        &workbook,
        1,
        "เงินต้นคงเหลือ 7,000.00 บาท",
        "05-loans",
    )
    .await;
    import_sheet(&app, "funds", &workbook, 4, "3900", "06-funds").await;
    let summary = app.wait_for_text("#opening-summary", "ลงตัว").await;
    for part in [
        "1 ก.ค. 2568",
        "สมาชิก 4 คน",
        "8,950.00",
        "1,500.00",
        "1 สัญญา",
        "7,000.00",
    ] {
        assert!(summary.contains(part), "{part}: {summary}");
    }
    assert!(!summary.contains("ยังไม่ลงตัว"), "{summary}");
    shot(&app, "import-07-brought-in").await;

    // ---- the member register out to Excel: the file by its name and its folder in words,
    // never the whole path; เปิดโฟลเดอร์ opens where it lies ----
    app.click("button.export[data-report='members']").await;
    let saved = app
        .wait_for_text("#export-result", "บันทึกทะเบียนสมาชิกแล้ว 4 แถว")
        .await;
    assert!(
        saved.contains("ทะเบียนสมาชิก.xlsx")
            && saved.contains("ในโฟลเดอร์ชั่วคราวของเครื่อง")
            && !saved.contains(&*docs.to_string_lossy()),
        "{saved}"
    );
    let file = docs.join(GROUP).join("ทะเบียนสมาชิก.xlsx");
    assert!(
        std::fs::metadata(&file).is_ok_and(|m| m.len() > 0),
        "{} written",
        file.display()
    );
    app.click("#export-result .open-saved-folder").await;
    app.wait_for_text("#export-result .saved-note", "เปิดโฟลเดอร์แล้ว")
        .await;
    app.click("#export-result .open-saved").await;
    app.wait_for_text("#export-result .saved-note", "เปิดไฟล์แล้ว")
        .await;
    assert_eq!(
        opened(),
        format!("{}\n{}\n", docs.join(GROUP).display(), file.display())
    );
    shot(&app, "import-08-members-exported").await;

    // ---- the members are there ----
    app.type_keys(&(Key::Alt + "2")).await;
    app.wait_for_count("#member-list tbody tr[data-number]", 4, "four members")
        .await;
    app.wait_for_text("#member-list", "นายสมชาย แก้วกล้า").await;
    shot(&app, "import-08b-members").await;

    // ---- the first collection day after the cut-over asks what the paper books say ----
    app.type_keys(&(Key::Alt + "3")).await;
    app.wait_for("#collect-sheet").await;
    app.type_into("#collect-date", "5/7/2568").await;
    app.press_key(Key::Enter).await;
    // Founded in 2563 and never closed: the open month is June 2563, so July 2568 is asked.
    app.confirm_outside_month("มิถุนายน 2563").await;
    app.wait_for_text("#day-title", "5 กรกฎาคม 2568").await;
    let row = |n: u32| format!("#collect-sheet tr[data-member='{n}']");
    // 1: July's 100.00 only (June was paid), deposits 1,500.00 shown.
    let r1 = app.wait_for_text(&row(1), "100.00").await;
    assert!(r1.contains("เงินฝาก 1,500.00"), "{r1}");
    assert!(!r1.contains("ค้าง"), "{r1}");
    // 2: May, June and July (3 × 50.00), the fine brought in; two months late.
    let r2 = app.wait_for_text(&row(2), "150.00").await;
    assert!(r2.contains("20.00"), "the fine brought in: {r2}");
    assert!(r2.contains("170.00"), "150.00 + 20.00: {r2}");
    assert!(r2.contains("ค้าง 2 เดือน"), "{r2}");
    // 3: July's 150.00 and the loan's next instalment, 1,000.00 principal + 70.00 interest.
    let r3 = app.wait_for_text(&row(3), "1,070.00").await;
    assert!(r3.contains("1,220.00"), "150.00 + 1,000.00 + 70.00: {r3}");
    assert!(!r3.contains("ค้างชำระเงินกู้"), "{r3}");
    // 4: July's 50.00.
    let r4 = app.wait_for_text(&row(4), "50.00").await;
    assert!(!r4.contains("ค้าง"), "{r4}");
    shot(&app, "import-09-due-list").await;
    app.wait_for_count("#fatal", 0, "no script errors").await;
    app.close().await;

    // The books are sound afterwards.
    sajja(&db, &["verify"]);
    eprintln!("import e2e in {:.1} s", t0.elapsed().as_secs_f64());
}

/// Members on paper, added with the command line (numbers 1 to 3, as in the workbook above).
fn prepare_members(db: &Path) {
    for (name, joined, shares) in [
        ("นางสมศรี ใจงาม", "1/1/2566", "2"),
        ("นายบุญมา ศรีสุข", "1/1/2566", "1"),
        ("นางมาลี มีสุข", "1/6/2566", "3"),
    ] {
        sajja(
            db,
            &[
                "member", "add", "--name", name, "--joined", joined, "--shares", shares,
            ],
        );
    }
}

/// Types `text` into the cell `name` of the grid line of member `number`.
async fn member_cell(app: &App, number: u32, name: &str, text: &str) {
    app.type_into(
        &format!("#grid-members tr[data-member='{number}'] input[name={name}]"),
        text,
    )
    .await;
}

/// Checks the part on screen, expects its preview, posts it through the confirmation.
async fn check_and_post(app: &App, expect: &str, name: &str) -> String {
    app.click("#opening-check").await;
    let preview = app.wait_for_text("#opening-preview", expect).await;
    assert!(preview.contains("1 ก.ค. 2568"), "{preview}");
    shot(app, &format!("opening-{name}-preview")).await;
    app.wait_for_focus("opening-post", "the post button takes the cursor")
        .await;
    app.press_key(Key::F2).await;
    let dialog = app
        .wait_for_text("dialog[open] .consequence", "แก้หรือลบไม่ได้")
        .await;
    assert!(dialog.contains("1 ก.ค. 2568"), "{dialog}");
    shot(app, &format!("opening-{name}-confirm")).await;
    app.press_key(Key::F2).await;
    app.wait_gone("dialog[open]").await;
    let posted = app.wait_for_text("#opening-posted", "บันทึกยอดยกมา").await;
    shot(app, &format!("opening-{name}-posted")).await;
    posted
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn type_opening_balances_by_hand_then_the_due_list() {
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    prepare(&db);
    prepare_members(&db);

    let app = App::launch(&db).await;
    app.wait_for_text("#group-name", GROUP).await;
    app.type_keys(&(Key::Alt + "i")).await;
    app.click("#opening-by-hand").await;

    // ---- 1. the group's funds, on the cut-over date ----
    app.wait_for("#grid-funds").await;
    app.wait_for_text("#opening-status", "ยังไม่ได้ใส่ยอดยกมา")
        .await;
    app.type_into("#opening-date", "1/7/2568").await;
    let fund = |code: &str| format!("#grid-funds tr[data-account='{code}'] input[name=amount]");
    app.type_into(&fund("1100"), "5,000").await;
    app.type_into(&fund("1110"), "๒๐๐๐๐").await;
    app.type_into(&fund("3200"), "3000.00").await;
    // The surplus kept from earlier years makes the paper books balance (see `write_workbook`,
    // without member 4's 800.00).
    app.type_into(&fund("3900"), "19,370.00").await;
    shot(&app, "opening-01-funds").await;
    let posted = check_and_post(&app, "1110", "02-funds").await;
    assert!(
        posted.contains("25,000.00"),
        "assets 5,000 + 20,000: {posted}"
    );
    app.wait_for("#funds-done").await;
    app.wait_for_text("#opening-status", "1 ก.ค. 2568").await;
    app.wait_for_text("#opening-status", "ยังไม่ลงตัว").await;

    // ---- 2. members: a mistake is marked on its cell and nothing is posted ----
    app.click("#tab-members").await;
    app.wait_for("#grid-members").await;
    app.wait_for_value("#opening-date", "1/7/2568").await;
    member_cell(&app, 1, "sajja", "3,000").await;
    member_cell(&app, 1, "paid_through", "6/2568").await;
    member_cell(&app, 1, "deposits", "1500").await;
    member_cell(&app, 2, "sajja", "1400").await;
    member_cell(&app, 2, "paid_through", "13/2568").await;
    member_cell(&app, 2, "fines", "20").await;
    member_cell(&app, 3, "sajja", "3750").await;
    member_cell(&app, 3, "paid_through", "มิ.ย. 2568").await;
    app.click("#opening-check").await;
    let error = app
        .wait_for_text("#grid-members tr.row-errors .field-error", "ส่งสัจจะถึงเดือน")
        .await;
    assert!(error.contains("2568-06"), "says what is expected: {error}");
    app.wait_for("#grid-members tr[data-member='2'] td.invalid[data-cell=paid_through]")
        .await;
    app.wait_for_text("#opening-form .error-summary", "สมาชิกเลขที่ 2")
        .await;
    assert_eq!(app.count("#opening-preview").await, 0);
    shot(&app, "opening-03-members-mistake").await;
    member_cell(&app, 2, "paid_through", "4/2568").await;
    let posted = check_and_post(&app, "(ส่งถึง เม.ย. 2568)", "04-members").await;
    assert!(posted.contains("8,150.00"), "{posted}");
    app.wait_for_count("#grid-members tr.brought", 3, "three members brought in")
        .await;

    // ---- 3. the loan still being repaid ----
    app.click("#tab-loans").await;
    app.wait_for("#grid-loans").await;
    let loan = |name: &str| format!("#grid-loans tr[data-line='1'] [name={name}]");
    app.type_into(&loan("member"), "3").await;
    app.select(&loan("product"), "สามัญ").await;
    app.type_into(&loan("amount"), "12,000").await;
    app.type_into(&loan("date"), "5/1/2568").await;
    app.type_into(&loan("months"), "12").await;
    app.type_into(&loan("principal_owed"), "7000").await;
    app.type_into(&loan("interest_paid_to"), "6/2568").await;
    app.type_into(&loan("guarantors"), "1 2").await;
    shot(&app, "opening-05-loan").await;
    check_and_post(&app, "เงินต้นคงเหลือ 7,000.00 บาท", "06-loans").await;
    app.wait_for_text("#brought-loans", "นางมาลี มีสุข").await;
    let status = app.wait_for_text("#opening-status", "ลงตัว").await;
    assert!(!status.contains("ยังไม่ลงตัว"), "{status}");
    shot(&app, "opening-07-balanced").await;

    // ---- the first collection day asks what the paper books say ----
    app.type_keys(&(Key::Alt + "3")).await;
    app.wait_for("#collect-sheet").await;
    app.type_into("#collect-date", "5/7/2568").await;
    app.press_key(Key::Enter).await;
    app.wait_for_text("#day-title", "5 กรกฎาคม 2568").await;
    let row = |n: u32| format!("#collect-sheet tr[data-member='{n}']");
    let r2 = app.wait_for_text(&row(2), "170.00").await;
    assert!(r2.contains("ค้าง 2 เดือน"), "{r2}");
    let r3 = app.wait_for_text(&row(3), "1,220.00").await;
    assert!(r3.contains("1,070.00"), "{r3}");
    shot(&app, "opening-08-due-list").await;
    app.wait_for_count("#fatal", 0, "no script errors").await;
    app.close().await;

    sajja(&db, &["verify"]);
    eprintln!("opening by hand e2e in {:.1} s", t0.elapsed().as_secs_f64());
}
