//! Collection day on a scripted small group with hand-checked figures, through the real
//! `sajja` binary. Rules: share 50 บาท, fine 10 บาท per late month, late after the 10th.

use crate::util::{money, TempBooks};

/// A group founded 1 Jan 2568 with three members:
/// 1 สมชาย (2 shares = 100/month), 2 มาลี (1 share = 50/month), 3 บุญมี (3 shares = 150/month).
fn group() -> TempBooks {
    let b = TempBooks::new();
    let t = "2025-01-02";
    b.json(
        t,
        &[
            "init",
            "--name",
            "กลุ่มออมทรัพย์เพื่อการผลิตบ้านทดสอบ",
            "--founded",
            "1/1/2568",
        ],
    );
    b.json(
        t,
        &[
            "member",
            "add",
            "--name",
            "นายสมชาย ใจดี",
            "--joined",
            "1/1/2568",
            "--shares",
            "2",
            "--beneficiary",
            "นางมาลี ใจดี:คู่สมรส:50",
            "--beneficiary",
            "ด.ญ.ฝน ใจดี:บุตร:50",
        ],
    );
    b.json(
        t,
        &[
            "member",
            "add",
            "--name",
            "นางมาลี ศรีสุข",
            "--joined",
            "1/1/2568",
            "--shares",
            "1",
        ],
    );
    b.json(
        t,
        &[
            "member",
            "add",
            "--name",
            "นายบุญมี มั่นคง",
            "--joined",
            "1/1/2568",
            "--shares",
            "3",
        ],
    );
    b
}

fn due_of(v: &serde_json::Value, member: u64) -> &serde_json::Value {
    v["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["member"] == member)
        .unwrap()
}

#[test]
fn a_collection_month_with_exact_figures() {
    let b = group();
    let jan5 = "2025-01-05";
    let due = b.json(jan5, &["due", "--date", "5/1/2568"]);
    let m1 = due_of(&due, 1);
    assert_eq!(money(&m1["sajja"]), "100.00");
    assert_eq!(money(&m1["fines"]), "0.00");
    assert_eq!(money(&m1["fee"]), "20.00");
    assert_eq!(money(&m1["total"]), "120.00");

    let r1 = b.json(
        jan5,
        &[
            "collect",
            "--date",
            "5/1/2568",
            "--member",
            "1",
            "--sajja",
            "100",
            "--fee",
            "20",
            "--deposit",
            "1,000",
        ],
    );
    assert_eq!(r1["receipt"], "2568/0001");
    assert_eq!(money(&r1["total_received"]), "1120.00");
    let r2 = b.json(
        jan5,
        &[
            "collect", "--date", "5/1/2568", "--member", "2", "--sajja", "50", "--fee", "20",
        ],
    );
    assert_eq!(r2["receipt"], "2568/0002");
    let r3 = b.json(
        jan5,
        &[
            "collect",
            "--date",
            "5/1/2568",
            "--member",
            "3",
            "--sajja",
            "๑๕๐",
            "--fee",
            "20",
        ],
    );
    assert_eq!(r3["receipt"], "2568/0003");

    // February: member 3 pays on the 20th, after the late day: one month late → fine 10.
    let feb20 = "2025-02-20";
    let due = b.json(feb20, &["due", "--date", "20/2/2568", "--member", "3"]);
    let m3 = due_of(&due, 3);
    assert_eq!(money(&m3["sajja"]), "150.00");
    assert_eq!(money(&m3["fines"]), "10.00");
    assert_eq!(money(&m3["total"]), "160.00");
    let r = b.json(
        feb20,
        &[
            "collect",
            "--date",
            "20/2/2568",
            "--member",
            "3",
            "--sajja",
            "150",
            "--fine",
            "10",
        ],
    );
    assert_eq!(money(&r["fines_charged"]), "10.00");
    assert_eq!(r["receipt"], "2568/0004");

    // Member 1 skips February; on 5 March owes Feb (late) + March.
    let mar5 = "2025-03-05";
    let due = b.json(mar5, &["due", "--date", "5/3/2568"]);
    let m1 = due_of(&due, 1);
    assert_eq!(money(&m1["sajja_arrears"]), "100.00");
    assert_eq!(money(&m1["sajja_this_month"]), "100.00");
    assert_eq!(money(&m1["fines"]), "10.00");
    assert_eq!(
        m1["unpaid_months"],
        serde_json::json!(["2025-02", "2025-03"])
    );
    // Withdrawal larger than deposits: refused, nothing changes.
    let before = b.dump();
    let msg = b.refused(
        mar5,
        &[
            "collect",
            "--date",
            "5/3/2568",
            "--member",
            "1",
            "--sajja",
            "200",
            "--withdraw",
            "1,500",
        ],
    );
    assert!(
        msg.contains("ยอดถอนเกินเงินฝากคงเหลือ (คงเหลือ 1,000.00 บาท)"),
        "{msg}"
    );
    assert_eq!(before, b.dump());
    let r = b.json(
        mar5,
        &[
            "collect",
            "--date",
            "5/3/2568",
            "--member",
            "1",
            "--sajja",
            "200",
            "--fine",
            "10",
            "--withdraw",
            "300",
        ],
    );
    assert_eq!(money(&r["net_cash"]), "-90.00");
    let bal = b.json(mar5, &["balance", "--member", "1"]);
    assert_eq!(money(&bal["sajja"]), "300.00");
    assert_eq!(money(&bal["deposits"]), "700.00");
    assert_eq!(money(&bal["fines_owed"]), "0.00");

    // Cash: 1120 + 70 + 170 (Jan) + 160 (Feb) − 90 (Mar) = 1430.
    let cb = b.json(mar5, &["cashbook", "--month", "2568-03"]);
    assert_eq!(money(&cb["cash"]["opening"]), "1520.00");
    assert_eq!(money(&cb["cash"]["payments"]), "90.00");
    assert_eq!(money(&cb["cash"]["closing"]), "1430.00");
    assert_eq!(money(&cb["bank"]["closing"]), "0.00");
    let ok = b.json(mar5, &["verify"]);
    assert_eq!(ok["ok"], true, "{ok}");
}

#[test]
fn bad_rows_are_refused_and_change_nothing() {
    let b = group();
    let t = "2025-01-05";
    b.json(
        t,
        &[
            "collect",
            "--date",
            "5/1/2568",
            "--member",
            "1",
            "--sajja",
            "100",
            "--deposit",
            "100",
        ],
    );
    let before = b.dump();
    for args in [
        vec![
            "collect", "--date", "5/1/2568", "--member", "99", "--sajja", "50",
        ],
        vec![
            "collect",
            "--date",
            "5/1/2568",
            "--member",
            "2",
            "--sajja=-50",
        ],
        vec![
            "collect", "--date", "5/1/2568", "--member", "2", "--sajja", "5O",
        ],
        vec![
            "collect", "--date", "5/1/2568", "--member", "2", "--sajja", "50.005",
        ],
        vec!["collect", "--date", "5/1/2568", "--member", "2"],
        vec![
            "collect", "--date", "5/1/2568", "--member", "2", "--fine", "10",
        ],
        vec![
            "collect",
            "--date",
            "5/1/2568",
            "--member",
            "1",
            "--withdraw",
            "100.01",
        ],
        vec![
            "collect",
            "--date",
            "31/12/2567",
            "--member",
            "2",
            "--sajja",
            "50",
        ],
        vec![
            "collect",
            "--date",
            "32/1/2568",
            "--member",
            "2",
            "--sajja",
            "50",
        ],
        vec![
            "expense",
            "--date",
            "5/1/2568",
            "--amount",
            "10",
            "--memo",
            "ค่าปากกา",
        ],
        vec!["bank", "deposit", "--date", "5/1/2568", "--amount", "5000"],
        vec!["reverse", "--receipt", "2568/0099", "--reason", "ผิด"],
        vec!["reverse", "--receipt", "2568/0001", "--reason", " "],
    ] {
        b.refused(t, &args);
        assert_eq!(before, b.dump(), "{args:?} changed the books");
    }
}

#[test]
fn a_batch_posts_all_rows_or_none() {
    let b = group();
    let t = "2025-01-05";
    let bad = b.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "member,sajja,fee,deposit\n1,100,20,\n2,50,20,\n99,150,20,\n",
    )
    .unwrap();
    let before = b.dump();
    let msg = b.refused(
        t,
        &[
            "collect",
            "--date",
            "5/1/2568",
            "--batch",
            bad.to_str().unwrap(),
        ],
    );
    // Member 99 is on the third data row: row 4 of the spreadsheet (the header is row 1).
    assert!(msg.contains("แถวที่ 4"), "{msg}");
    assert_eq!(before, b.dump());
    let good = b.dir.path().join("good.csv");
    std::fs::write(
        &good,
        "member,sajja,fee,deposit\n1,100,20,\"1,000.00\"\n2,50,20,\n3,150,20,\n",
    )
    .unwrap();
    let v = b.json(
        t,
        &[
            "collect",
            "--date",
            "5/1/2568",
            "--batch",
            good.to_str().unwrap(),
        ],
    );
    assert_eq!(v["count"], 3);
    assert_eq!(money(&v["net_cash"]), "1360.00");
    assert_eq!(v["receipts"][2]["receipt"], "2568/0003");
}

#[test]
fn reversal_keeps_the_original_and_restores_balances() {
    let b = group();
    let t = "2025-01-05";
    b.json(
        t,
        &[
            "collect",
            "--date",
            "5/1/2568",
            "--member",
            "2",
            "--sajja",
            "50",
            "--deposit",
            "200",
        ],
    );
    let rev = b.json(
        t,
        &["reverse", "--receipt", "2568/0001", "--reason", "ใส่ยอดผิดคน"],
    );
    assert_eq!(rev["reason"], "ใส่ยอดผิดคน");
    assert_eq!(rev["kind"], "reversal");
    let bal = b.json(t, &["balance", "--member", "2"]);
    assert_eq!(money(&bal["sajja"]), "0.00");
    assert_eq!(money(&bal["deposits"]), "0.00");
    let cb = b.json(t, &["cashbook", "--month", "2568-01"]);
    let lines = cb["lines"].as_array().unwrap();
    assert_eq!(
        lines.len(),
        2,
        "original and reversal both stay in the cash book"
    );
    assert_eq!(lines[0]["reversed"], true);
    // One name for the line that undoes it, with the receipt it voids.
    let memo = lines[1]["memo"].as_str().unwrap();
    assert!(
        memo.starts_with("รายการหักล้าง ใบเสร็จ 2568/0001: ") && !memo.contains("ยกเลิก"),
        "{memo}"
    );
    assert_eq!(money(&cb["cash"]["closing"]), "0.00");
    let again = b.refused(
        t,
        &["reverse", "--receipt", "2568/0001", "--reason", "อีกครั้ง"],
    );
    assert!(again.contains("ยกเลิกไปแล้ว"), "{again}");
    // The next receipt continues the numbering: reversed numbers are not reused.
    let r = b.json(
        t,
        &[
            "collect", "--date", "5/1/2568", "--member", "2", "--sajja", "50",
        ],
    );
    assert_eq!(r["receipt"], "2568/0002");
    assert_eq!(b.json(t, &["verify"])["ok"], true);
}

#[test]
fn group_money_movements_keep_cash_and_bank_equal_to_the_ledger() {
    let b = group();
    let t = "2025-01-31";
    let sheet = b.dir.path().join("jan.csv");
    std::fs::write(&sheet, "member,sajja,fee\n1,100,20\n2,50,20\n3,150,20\n").unwrap();
    b.json(
        t,
        &[
            "collect",
            "--date",
            "5/1/2568",
            "--batch",
            sheet.to_str().unwrap(),
        ],
    );
    // Fees are 60: the expense fund can pay 45 of stationery but not 100 more.
    let e = b.json(
        t,
        &[
            "expense",
            "--date",
            "6/1/2568",
            "--amount",
            "45",
            "--memo",
            "ค่าสมุดบัญชี",
            "--payee",
            "ร้านเครื่องเขียน",
            "--category",
            "supplies",
        ],
    );
    assert_eq!(money(&e["expense_fund"]), "15.00");
    let msg = b.refused(
        t,
        &[
            "expense",
            "--date",
            "6/1/2568",
            "--amount",
            "100",
            "--memo",
            "ค่าประชุม",
        ],
    );
    assert!(msg.contains("ทุนค่าใช้สอย"), "{msg}");
    b.json(
        t,
        &[
            "income",
            "--date",
            "7/1/2568",
            "--amount",
            "500",
            "--memo",
            "เงินอุดหนุนค่าใช้สอยจาก อบต.",
            "--kind",
            "subsidy",
            "--fund",
            "expense",
        ],
    );
    b.json(
        t,
        &[
            "expense",
            "--date",
            "7/1/2568",
            "--amount",
            "100",
            "--memo",
            "ค่าประชุม",
            "--category",
            "meeting",
        ],
    );
    b.json(
        t,
        &["bank", "deposit", "--date", "8/1/2568", "--amount", "600"],
    );
    b.json(
        t,
        &[
            "bank",
            "interest",
            "--date",
            "31/1/2568",
            "--amount",
            "1.25",
        ],
    );
    b.json(
        t,
        &["bank", "withdraw", "--date", "31/1/2568", "--amount", "50"],
    );
    // Cash: 360 − 45 + 500 − 100 − 600 + 50 = 165; bank: 600 + 1.25 − 50 = 551.25.
    let cb = b.json(t, &["cashbook", "--month", "2025-01"]);
    assert_eq!(money(&cb["cash"]["closing"]), "165.00");
    assert_eq!(money(&cb["bank"]["closing"]), "551.25");
    let books = sajja_core::Books::open(&b.path).unwrap();
    let cash =
        sajja_core::ledger::account_balance(books.conn(), sajja_core::account::CASH, None).unwrap();
    let bank =
        sajja_core::ledger::account_balance(books.conn(), sajja_core::account::BANK, None).unwrap();
    assert_eq!(cash.to_string(), "165.00");
    assert_eq!(bank.to_string(), "551.25");
}

#[test]
fn cash_count_differences_are_recorded_and_months_lock() {
    let b = group();
    let t = "2025-02-03";
    b.json(
        t,
        &[
            "collect", "--date", "5/1/2568", "--member", "1", "--sajja", "100",
        ],
    );
    let c = b.json(
        t,
        &[
            "cash-count",
            "--date",
            "5/1/2568",
            "--counted",
            "95",
            "--note",
            "นับหลังปิดโต๊ะ",
        ],
    );
    assert_eq!(money(&c["expected"]), "100.00");
    assert_eq!(money(&c["difference"]), "-5.00");
    let cb = b.json(t, &["cashbook", "--month", "2568-01"]);
    assert_eq!(money(&cb["cash"]["closing"]), "95.00");
    let closed = b.json(t, &["close-month", "2568-01"]);
    assert_eq!(closed["locked_through"], "2025-01-31");
    let before = b.dump();
    let msg = b.refused(
        t,
        &[
            "collect",
            "--date",
            "31/1/2568",
            "--member",
            "2",
            "--sajja",
            "50",
        ],
    );
    assert!(msg.contains("ปิดแล้ว"), "{msg}");
    b.refused(
        t,
        &[
            "reverse",
            "--receipt",
            "2568/0001",
            "--reason",
            "ผิด",
            "--date",
            "2025-01-31",
        ],
    );
    b.refused(
        t,
        &[
            "settings",
            "set",
            "share_value",
            "100",
            "--from",
            "1/1/2568",
        ],
    );
    b.refused(t, &["close-month", "2025-02"]);
    assert_eq!(before, b.dump());
    // A reversal dated in the open month is fine: the closed month stays as it was.
    b.json(
        t,
        &[
            "collect", "--date", "3/2/2568", "--member", "2", "--sajja", "50",
        ],
    );
    b.json(
        t,
        &[
            "reverse",
            "--receipt",
            "2568/0001",
            "--reason",
            "ผิดคน",
            "--date",
            "3/2/2568",
        ],
    );
    let jan = b.json(t, &["balance", "--member", "1", "--date", "31/1/2568"]);
    assert_eq!(money(&jan["sajja"]), "100.00", "as at the end of January");
    let now = b.json(t, &["balance", "--member", "1"]);
    assert_eq!(money(&now["sajja"]), "0.00");
}

#[test]
fn old_months_keep_their_old_share_value() {
    let b = group();
    b.json(
        "2025-01-02",
        &[
            "settings",
            "set",
            "share_value",
            "100",
            "--from",
            "1/3/2568",
        ],
    );
    // Member 2 (1 share) paid nothing: Jan 50 + Feb 50 + Mar 100 = 200.
    let due = b.json(
        "2025-03-05",
        &["due", "--date", "5/3/2568", "--member", "2"],
    );
    let m2 = due_of(&due, 2);
    assert_eq!(money(&m2["sajja"]), "200.00");
    assert_eq!(money(&m2["sajja_this_month"]), "100.00");
    // Jan and Feb are late on 5 March: two fines of 10.
    assert_eq!(money(&m2["fines"]), "20.00");
}

#[test]
fn a_member_who_dies_is_settled_to_the_beneficiaries() {
    let b = group();
    let t = "2025-01-05";
    b.json(
        t,
        &[
            "collect",
            "--date",
            "5/1/2568",
            "--member",
            "1",
            "--sajja",
            "100",
            "--deposit",
            "200.01",
        ],
    );
    let s = b.json(
        t,
        &[
            "member", "exit", "1", "--date", "5/1/2568", "--reason", "death",
        ],
    );
    assert_eq!(money(&s["payout"]), "300.01");
    let payees = s["payees"].as_array().unwrap();
    assert_eq!(payees.len(), 2);
    assert_eq!(money(&payees[0]["amount"]), "150.01");
    assert_eq!(money(&payees[1]["amount"]), "150.00");
    let m = b.json(t, &["member", "show", "1"]);
    assert_eq!(m["status"], "left");
    assert_eq!(m["number"], 1);
    let msg = b.refused(
        t,
        &[
            "collect", "--date", "5/1/2568", "--member", "1", "--sajja", "100",
        ],
    );
    assert!(msg.contains("พ้นสภาพ"), "{msg}");
    let bal = b.json(t, &["balance", "--member", "1"]);
    assert_eq!(money(&bal["sajja"]), "0.00");
    assert_eq!(b.json(t, &["verify"])["ok"], true);
}

#[test]
fn verify_finds_tampering_even_without_the_triggers() {
    let b = group();
    b.json(
        "2025-01-05",
        &[
            "collect", "--date", "5/1/2568", "--member", "1", "--sajja", "100",
        ],
    );
    b.json(
        "2025-01-05",
        &[
            "collect", "--date", "5/1/2568", "--member", "2", "--sajja", "50",
        ],
    );
    {
        let conn = rusqlite::Connection::open(&b.path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER posting_no_update; DROP TRIGGER journal_entry_no_update;
             UPDATE posting SET amount = amount * 10 WHERE entry_seq = 1;
             UPDATE journal_entry SET memo = 'แก้แล้ว' WHERE seq = 2;",
        )
        .unwrap();
    }
    let run = b.sajja("2025-01-05", &["verify"]);
    assert!(!run.ok);
    for expected in ["posting_no_update", "รายการที่ 1", "รายการที่ 2", "ยอดคงเหลือ"]
    {
        assert!(
            run.stdout.contains(expected),
            "verify should report {expected}: {}",
            run.stdout
        );
    }
}

#[test]
fn a_leaving_member_s_loan_is_settled_from_savings() {
    let b = group();
    let t = "2025-06-20";
    b.json(
        t,
        &[
            "collect",
            "--date",
            "5/1/2568",
            "--member",
            "1",
            "--sajja",
            "600",
            "--deposit",
            "2000",
        ],
    );
    b.json(
        t,
        &[
            "collect", "--date", "5/1/2568", "--member", "2", "--sajja", "300",
        ],
    );
    b.json(
        t,
        &[
            "loan",
            "product",
            "add",
            "--code",
            "N",
            "--name",
            "สามัญ",
            "--rate",
            "1",
            "--method",
            "declining-equal-principal",
            "--max-months",
            "24",
        ],
    );
    let loan = b.json(
        t,
        &[
            "loan",
            "apply",
            "--member",
            "1",
            "--product",
            "N",
            "--amount",
            "1000",
            "--months",
            "10",
            "--date",
            "6/1/2568",
            "--guarantor",
            "3",
        ],
    );
    let number = loan["loan"].as_str().unwrap().to_string();
    b.json(
        t,
        &[
            "loan", "approve", "--loan", &number, "--by", "2", "--date", "7/1/2568",
        ],
    );
    b.json(
        t,
        &["loan", "disburse", "--loan", &number, "--date", "7/1/2568"],
    );
    let s = b.json(t, &["member", "exit", "1", "--date", "20/6/2568"]);
    let held = 60_000 + 200_000; // satang
    let cents = |v: &serde_json::Value| money(v).replace('.', "").parse::<i64>().unwrap();
    assert!(
        cents(&s["loans_owed"]) > 100_000,
        "principal plus interest: {s}"
    );
    assert_eq!(
        cents(&s["payout"]),
        held - cents(&s["loans_owed"]) - cents(&s["fines_owed"])
    );
    assert_eq!(money(&s["remaining_debt"]), "0.00");
    let card = b.json(t, &["loan", "show", "--loan", &number]);
    assert_eq!(card["status"], "closed", "{card}");
    assert_eq!(b.json(t, &["verify"])["ok"], true);
}
