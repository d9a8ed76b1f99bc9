//! End-to-end: the group's community shop in the real window, with the keyboard.
//!
//! The group, its two members, the shop (capital from the group's cash) with one item bought
//! in, and a rice bank with rice in the granary are prepared with the real `sajja` command
//! line. Then the window: the business list; the sale screen — a cash sale, then a sale on
//! member 2's credit (item, qty, price, Enter posts), the member's goods debt shown; buying
//! in, a stock count, a rice loan, rice donated into the granary, the year's report; and on
//! collection day (5 ธ.ค. 2569) the member's row carries the goods debt, and posting it
//! settles the debt.
//!
//! Ignored by default (needs a display and the debug binaries):
//! `cargo build --workspace && xvfb-run -a cargo test -p sajja-e2e --test business -- --include-ignored`.

use std::path::Path;
use std::time::Instant;

use sajja_e2e::{sajja, App, Key};

const GROUP: &str = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว";

fn prepare(db: &Path) {
    sajja(db, &["init", "--name", GROUP, "--founded", "1/11/2569"]);
    for name in ["นางมาลี ศรีสุข", "นายบุญมี มั่นคง"]
    {
        sajja(
            db,
            &[
                "member",
                "add",
                "--name",
                name,
                "--joined",
                "1/11/2569",
                "--shares",
                "10",
            ],
        );
    }
    for m in ["1", "2"] {
        sajja(
            db,
            &[
                "collect",
                "--date",
                "5/11/2569",
                "--member",
                m,
                "--sajja",
                "1000",
                "--fee",
                "20",
            ],
        );
    }
    let cli = |args: &[&str]| sajja(db, args);
    cli(&[
        "business",
        "add",
        "--kind",
        "shop",
        "--name",
        "ร้านค้าชุมชน",
        "--capital",
        "1500",
        "--date",
        "6/11/2569",
    ]);
    cli(&[
        "item",
        "add",
        "--business",
        "1",
        "--name",
        "ปุ๋ยสูตร 16-20-0",
        "--unit",
        "ถุง",
        "--price",
        "450",
    ]);
    cli(&[
        "stock",
        "buy",
        "--business",
        "1",
        "--item",
        "1",
        "--qty",
        "4",
        "--cost",
        "1400",
        "--date",
        "6/11/2569",
    ]);
    cli(&[
        "business",
        "add",
        "--kind",
        "granary",
        "--name",
        "ธนาคารข้าว",
        "--capital",
        "500",
        "--date",
        "6/11/2569",
    ]);
    cli(&[
        "item",
        "add",
        "--business",
        "2",
        "--name",
        "ข้าวเปลือก",
        "--unit",
        "กิโลกรัม",
    ]);
    cli(&[
        "stock",
        "buy",
        "--business",
        "2",
        "--item",
        "1",
        "--qty",
        "500",
        "--cost",
        "400",
        "--date",
        "6/11/2569",
    ]);
}

async fn shot(app: &App, name: &str) {
    app.screenshot(name).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (xvfb-run) and `cargo build --workspace`"]
async fn a_credit_sale_in_the_shop_paid_on_collection_day() {
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sajja.db");
    prepare(&db);
    let app = App::launch(&db).await;
    app.wait_for("#home-members").await;

    // ---- the business list ----
    app.click("[data-menu='#/business']").await;
    app.wait_for_text("#business-list", "ร้านค้าชุมชน").await;
    app.wait_for_text("#business-list", "ธนาคารข้าว").await;
    shot(&app, "business-01-list").await;

    // ---- the sale screen: the cursor starts in สินค้า ----
    app.click("tr[data-business='1'] a[href='#/business/1/sell']")
        .await;
    app.wait_for_focus("sale-item", "the sale starts at the item")
        .await;
    // A cash sale: item 1, Enter, 1 bag, Enter, the usual price offered, Enter posts.
    app.type_keys("1").await;
    app.wait_for_text("#sale-item-chosen", "ปุ๋ยสูตร 16-20-0")
        .await;
    // The sale's date (the day before; kept for the day's next sales).
    app.type_into("#sale-date", "20/11/2569").await;
    app.wait_for_value("#sale-date", "20/11/2569").await;
    app.wait_for_value("#sale-item", "1").await;
    app.click("#sale-item").await;
    app.press_key(Key::Enter).await;
    app.wait_for_focus("sale-qty", "Enter moves to จำนวน").await;
    app.type_keys("1").await;
    app.press_key(Key::Enter).await;
    app.wait_for_focus("sale-price", "Enter moves to ราคา")
        .await;
    app.wait_for_value("#sale-price", "450.00").await;
    app.press_key(Key::Enter).await;
    app.wait_for_text("#sale-saved", "รับเงินสด").await;
    app.wait_for_text("#sale-amount", "450.00").await;
    app.wait_for_focus("sale-item", "ready for the next item")
        .await;
    app.wait_for_text("#sale-stock-list tr[data-item='1'] td.qty", "3")
        .await;

    // ---- a sale on member 2's credit: F3, the member, เงินเชื่อ, then the row ----
    app.press_key(Key::F3).await;
    app.wait_for_focus("sale-member", "F3 starts the next customer")
        .await;
    app.type_keys("2").await;
    app.press_key(Key::Enter).await;
    app.wait_for_text("#sale-member-name", "นายบุญมี มั่นคง").await;
    app.wait_for_text("#sale-member-goods", "ไม่มีหนี้ค่าสินค้าค้าง")
        .await;
    app.select("#sale-form [name=pay]", "credit").await;
    app.press("#sale-form [name=pay]", Key::Enter).await;
    app.wait_for_focus("sale-item", "Enter moves from ชำระเป็น to สินค้า")
        .await;
    app.type_keys("1").await;
    app.press_key(Key::Enter).await;
    app.wait_for_focus("sale-qty", "").await;
    app.type_keys("2").await;
    app.press_key(Key::Enter).await;
    app.wait_for_value("#sale-price", "450.00").await;
    shot(&app, "business-02-sale-credit-row").await;
    app.press_key(Key::Enter).await;
    app.wait_for_text("#sale-saved", "เงินเชื่อ").await;
    app.wait_for_text("#sale-amount", "900.00").await;
    app.wait_for_text("#sale-member-goods", "900.00").await;
    app.wait_for_text("#sale-list", "สมาชิกเลขที่ 2").await;
    app.wait_for_count("#sale-list tbody tr", 2, "two sales on the day")
        .await;
    shot(&app, "business-03-sale-saved").await;

    // ---- a refused sale: more than is on the shelf; nothing is saved ----
    app.type_keys("1").await;
    app.press_key(Key::Enter).await;
    app.type_keys("5").await;
    app.press_key(Key::F2).await;
    // Said once, under the row of the quantity; the summary names the field and links to it.
    app.wait_for_text("#sale-form .field-error[data-for=qty]", "คงเหลือ 1 ถุง")
        .await;
    let summary = app
        .wait_for_text("#sale-form .error-summary a[data-goto=qty]", "จำนวน")
        .await;
    assert!(!summary.contains("คงเหลือ"), "{summary}");
    app.wait_for_count("#sale-list tbody tr", 2, "the refused sale is not saved")
        .await;
    shot(&app, "business-04-sale-refused").await;

    // ---- buying in, a stock count and the year's report (the business's tabs: Ctrl+digit) ----
    app.type_keys(&(Key::Control + "3")).await;
    app.wait_for_focus("buy-item", "the buying-in form").await;
    app.type_keys("1").await;
    app.wait_for_text("#buy-item-info", "ปุ๋ยสูตร 16-20-0").await;
    for (field, value) in [
        ("#buy-date", "21/11/2569"),
        ("#buy-qty", "2"),
        ("#buy-cost", "500"),
    ] {
        app.type_into(field, value).await;
        app.wait_for_value(field, value).await;
    }
    app.wait_for_value("#buy-item", "1").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#buy-saved", "คงเหลือ 3 ถุง").await;
    shot(&app, "business-05-buy").await;

    app.type_keys(&(Key::Control + "4")).await;
    app.wait_for_focus("count-item", "the count form").await;
    app.type_keys("1").await;
    app.wait_for_text("#count-item-info", "ตามบัญชีมี 3 ถุง").await;
    for (field, value) in [("#count-date", "22/11/2569"), ("#count-qty", "2")] {
        app.type_into(field, value).await;
        app.wait_for_value(field, value).await;
    }
    app.wait_for_value("#count-item", "1").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#count-difference", "ขาด 1 ถุง").await;
    shot(&app, "business-06-count").await;

    app.type_keys(&(Key::Control + "6")).await;
    app.type_into("#report-year", "2569").await;
    app.press("#report-year", Key::Enter).await;
    app.wait_for_text("#report-sales", "1,350.00").await;
    app.wait_for_text("#report-members", "900.00").await;
    shot(&app, "business-07-report").await;

    // ---- the rice bank: lend member 1 100 kg ----
    app.click("#biz-back").await;
    app.click("tr[data-business='2'] a[href='#/business/2/rice']")
        .await;
    app.wait_for_text("#rice-stock", "500").await;
    app.wait_for_focus("rice-action", "the rice form").await;
    for (field, value) in [
        ("#rice-date", "23/11/2569"),
        ("#rice-member", "1"),
        ("#rice-kg", "100"),
    ] {
        app.type_into(field, value).await;
        app.wait_for_value(field, value).await;
    }
    app.press_key(Key::F2).await;
    app.wait_for_text("#rice-saved", "ยืมข้าว 100").await;
    app.wait_for_text("#rice-loans", "นางมาลี ศรีสุข").await;
    app.wait_for_text("#rice-stock", "400").await;
    shot(&app, "business-08-rice").await;

    // ---- rice received into the granary: 50 kg donated ----
    app.select("#rice-action", "donation").await;
    app.type_into("#rice-kg", "50").await;
    app.type_into("#rice-from", "องค์การบริหารส่วนตำบล").await;
    app.click("#rice-submit").await;
    app.wait_for_text("#rice-saved", "รับบริจาค").await;
    app.wait_for_text("#rice-stock", "450").await;
    shot(&app, "business-08b-rice-received").await;

    // ---- collection day: member 2's row carries the goods debt; posting it settles it ----
    app.click("[data-menu='#/collect']").await;
    app.wait_for("#collect-date").await;
    app.type_into("#collect-date", "5/12/2569").await;
    app.press("#collect-date", Key::Enter).await;
    // November is still the open month: December is asked about once.
    app.confirm_outside_month("พฤศจิกายน 2569").await;
    app.wait_for_text("#day-title", "5 ธันวาคม 2569").await;
    app.wait_for_text("#collect-sheet thead", "ค่าสินค้า").await;
    app.wait_for_text("#collect-sheet tr[data-member='2']", "900.00")
        .await;
    app.type_into("#collect-find", "2").await;
    app.press("#collect-find", Key::Enter).await;
    app.wait_for("#collect-sheet tr.editing[data-member='2']")
        .await;
    app.wait_for_value("#row-goods", "900.00").await;
    shot(&app, "business-09-collection-row").await;
    app.press_key(Key::F2).await;
    app.wait_for_text("#saved-receipt", "2569/").await;
    app.wait_for_text("#day-totals [data-total='goods']", "900.00")
        .await;
    let receipts = app.text("#receipts-list").await;
    assert!(receipts.contains("ค่าสินค้า"), "{receipts}");
    // Opened again, the row has no goods debt left.
    app.type_into("#collect-find", "2").await;
    app.press("#collect-find", Key::Enter).await;
    app.wait_for("#collect-sheet tr.editing[data-member='2']")
        .await;
    app.wait_for_value("#row-goods", "").await;
    shot(&app, "business-10-collection-settled").await;
    app.press_key(Key::Escape).await;

    // The sale screen agrees: member 2 owes nothing for goods.
    app.click("[data-menu='#/business']").await;
    app.click("tr[data-business='1'] a[href='#/business/1/sell']")
        .await;
    // F3 only once the sale screen is there: a key pressed while it loads goes nowhere.
    app.wait_for_focus("sale-item", "the sale screen starts at the item")
        .await;
    app.press_key(Key::F3).await;
    app.wait_for_focus("sale-member", "").await;
    app.type_keys("2").await;
    app.press_key(Key::Enter).await;
    app.wait_for_text("#sale-member-name", "นายบุญมี มั่นคง").await;
    app.wait_for_text("#sale-member-goods", "ไม่มีหนี้ค่าสินค้าค้าง")
        .await;
    app.wait_for_count("#fatal", 0, "no script errors on any screen")
        .await;
    eprintln!(
        "e2e timings: a credit sale paid on collection day {:.2?}",
        t0.elapsed()
    );
    app.close().await;
}
