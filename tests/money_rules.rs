//! Money rules at the edges, through the real `sajja` binary: fines only while a member,
//! the lock date for every dated write, how a สัจจะ payment is applied, the entrance fee once,
//! cash, bank and the expense fund never negative on any date, a bank fee taken by the bank,
//! reversing an exit. Rules: share 50 บาท, collection day 5, fine 10 บาท after the 10th.

use crate::util::{money, TempBooks};

/// A group founded 1 Jan 2568 with no members yet.
fn group() -> TempBooks {
    let b = TempBooks::new();
    b.json(
        "2025-01-01",
        &[
            "init",
            "--name",
            "กลุ่มออมทรัพย์เพื่อการผลิตบ้านขอบเขต",
            "--founded",
            "1/1/2568",
        ],
    );
    b
}

fn add_member(b: &TempBooks, today: &str, name: &str, joined: &str, shares: &str) -> u64 {
    let m = b.json(
        today,
        &[
            "member", "add", "--name", name, "--joined", joined, "--shares", shares,
        ],
    );
    m["number"].as_u64().unwrap()
}

fn due_of(b: &TempBooks, today: &str, date: &str, member: &str) -> serde_json::Value {
    let v = b.json(today, &["due", "--date", date, "--member", member]);
    v["members"][0].clone()
}

fn collect(
    b: &TempBooks,
    today: &str,
    date: &str,
    member: &str,
    extra: &[&str],
) -> serde_json::Value {
    let mut args = vec!["collect", "--date", date, "--member", member];
    args.extend_from_slice(extra);
    b.json(today, &args)
}

// ── Members and pledges ─────────────────────────────────────────────────────────────────

#[test]
fn a_member_is_never_fined_before_joining_nor_for_a_joining_month_after_its_due_day() {
    let b = group();
    let today = "2025-05-05";
    // Joins on 20 March, after March's collection day (5th) and late day (10th).
    let late_joiner = add_member(&b, today, "นายสมศักดิ์ มาทีหลัง", "20/3/2568", "2");
    // Joins on 3 March, before the collection day: March counts like any month.
    let early_joiner = add_member(&b, today, "นางสมใจ มาก่อน", "3/3/2568", "2");

    let d = due_of(&b, today, "5/5/2568", &late_joiner.to_string());
    assert_eq!(
        money(&d["sajja"]),
        "300.00",
        "March, April and May are owed"
    );
    assert_eq!(
        money(&d["fines"]),
        "10.00",
        "only April is fined: nothing before joining, not March (joined after its due day)"
    );
    let d = due_of(&b, today, "5/5/2568", &early_joiner.to_string());
    assert_eq!(money(&d["fines"]), "20.00", "March and April are fined");

    let r = collect(
        &b,
        today,
        "5/5/2568",
        &late_joiner.to_string(),
        &["--sajja", "300"],
    );
    assert_eq!(money(&r["fines_charged"]), "10.00");
    assert_eq!(b.json(today, &["verify"])["ok"], true);
}

#[test]
fn a_member_is_not_fined_for_the_month_of_leaving() {
    let b = group();
    let today = "2025-03-20";
    let n = add_member(&b, "2025-01-01", "นายบุญส่ง ลาออก", "1/1/2568", "2").to_string();
    collect(&b, today, "5/1/2568", &n, &["--sajja", "100"]);
    collect(&b, today, "5/2/2568", &n, &["--sajja", "100"]);
    // March is unpaid and its late day (10th) has passed, but March is the month of leaving.
    let s = b.json(today, &["member", "exit", &n, "--date", "20/3/2568"]);
    assert_eq!(money(&s["fines_owed"]), "0.00", "{s}");
    assert_eq!(money(&s["payout"]), "200.00");
    let fines: i64 = rusqlite::Connection::open(&b.path)
        .unwrap()
        .query_row("SELECT count(*) FROM fine_accrual", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fines, 0);
}

#[test]
fn pledge_changes_joining_dates_and_settings_never_take_effect_on_or_before_the_lock_date_or_before_founding(
) {
    let b = group();
    let today = "2025-02-03";
    let n = add_member(&b, "2025-01-01", "นายมั่น คงที่", "1/1/2568", "2").to_string();
    collect(
        &b,
        today,
        "5/1/2568",
        &n,
        &["--sajja", "100", "--fee", "20"],
    );
    b.json(
        today,
        &["cash-count", "--date", "31/1/2568", "--counted", "120"],
    );
    b.json(today, &["close-month", "2568-01"]);

    let before = b.dump();
    let refused = [
        vec!["member", "update", &n, "--shares", "3", "--on", "15/1/2568"],
        vec!["member", "update", &n, "--shares", "3", "--on", "31/1/2568"],
        vec!["member", "update", &n, "--shares", "3", "--on", "1/12/2567"],
        vec!["member", "update", &n, "--joined", "1/2/2568"],
        vec![
            "member",
            "add",
            "--name",
            "นายย้อน หลัง",
            "--joined",
            "20/1/2568",
        ],
        vec![
            "member",
            "add",
            "--name",
            "นายก่อน ตั้ง",
            "--joined",
            "1/12/2567",
        ],
        vec![
            "settings",
            "set",
            "fine_per_month",
            "20",
            "--from",
            "31/1/2568",
        ],
        vec![
            "settings",
            "set",
            "fine_per_month",
            "20",
            "--from",
            "1/12/2567",
        ],
        vec!["cash-count", "--date", "31/1/2568", "--counted", "120"],
        vec!["member", "exit", &n, "--date", "31/1/2568"],
    ];
    for args in &refused {
        let msg = b.refused(today, args);
        assert!(
            msg.contains("ปิด") || msg.contains("ก่อตั้ง"),
            "{args:?} should say the period is closed or before founding: {msg}"
        );
    }
    assert_eq!(before, b.dump(), "refusals changed nothing");

    // The first open day is fine.
    b.json(
        today,
        &["member", "update", &n, "--shares", "3", "--on", "1/2/2568"],
    );
    assert_eq!(money(&due_of(&b, today, "5/2/2568", &n)["sajja"]), "150.00");
}

#[test]
fn a_sajja_payment_settles_the_months_due_oldest_first() {
    let b = group();
    let today = "2025-03-05";
    let n = add_member(&b, "2025-01-01", "นางเก่า ก่อน", "1/1/2568", "2").to_string();
    let r = collect(&b, today, "5/3/2568", &n, &["--sajja", "150"]);
    let months = r["sajja_months"]
        .as_array()
        .expect("the months a payment settled");
    assert_eq!(months.len(), 2, "{r}");
    assert_eq!(months[0]["month"], "2025-01");
    assert_eq!(money(&months[0]["amount"]), "100.00");
    assert_eq!(months[0]["complete"], true);
    assert_eq!(months[1]["month"], "2025-02");
    assert_eq!(money(&months[1]["amount"]), "50.00");
    assert_eq!(months[1]["complete"], false);
    let d = due_of(&b, today, "5/3/2568", &n);
    assert_eq!(
        d["unpaid_months"],
        serde_json::json!(["2025-02", "2025-03"])
    );
    assert_eq!(money(&d["sajja"]), "150.00");
}

#[test]
fn a_part_of_a_month_may_be_paid_only_when_the_group_allows_it() {
    let b = group();
    let today = "2025-03-05";
    let n = add_member(&b, "2025-01-01", "นายเต็ม เดือน", "1/1/2568", "2").to_string();
    let shown = b.json(today, &["settings", "show"]);
    assert!(
        shown["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["key"] == "sajja_partial"
                && r["help"].as_str().is_some_and(crate::util::is_thai)),
        "the setting is listed with Thai help: {shown}"
    );
    b.json(
        today,
        &[
            "settings",
            "set",
            "sajja_partial",
            "no",
            "--from",
            "1/3/2568",
        ],
    );
    let before = b.dump();
    let msg = b.refused(
        today,
        &[
            "collect", "--date", "5/3/2568", "--member", &n, "--sajja", "150",
        ],
    );
    assert!(msg.contains("เต็มเดือน") && msg.contains("100.00"), "{msg}");
    assert_eq!(before, b.dump());
    let r = collect(&b, today, "5/3/2568", &n, &["--sajja", "200"]);
    assert_eq!(money(&r["sajja"]), "200.00");
}

#[test]
fn an_amount_above_what_is_due_goes_only_where_the_group_rule_sends_it() {
    let b = group();
    let today = "2025-01-05";
    let n = add_member(&b, today, "นายล้น เกิน", "1/1/2568", "2").to_string();
    // Never unlimited into สัจจะ.
    let before = b.dump();
    let msg = b.refused(
        today,
        &[
            "collect", "--date", "5/1/2568", "--member", &n, "--sajja", "100,000",
        ],
    );
    assert!(msg.contains("ล่วงหน้า"), "{msg}");
    assert_eq!(before, b.dump());

    // Months ahead, up to the setting.
    b.json(
        today,
        &[
            "settings",
            "set",
            "sajja_ahead_months",
            "2",
            "--from",
            "1/1/2568",
        ],
    );
    b.refused(
        today,
        &[
            "collect", "--date", "5/1/2568", "--member", &n, "--sajja", "400",
        ],
    );
    let r = collect(&b, today, "5/1/2568", &n, &["--sajja", "300"]);
    assert_eq!(money(&r["sajja"]), "300.00");

    // Or the deposits account, when the group says so.
    b.json(
        today,
        &[
            "settings",
            "set",
            "sajja_excess",
            "deposit",
            "--from",
            "1/1/2568",
        ],
    );
    let m = add_member(&b, today, "นางฝาก ต่อ", "1/1/2568", "2").to_string();
    let r = collect(&b, today, "5/1/2568", &m, &["--sajja", "1,000"]);
    assert_eq!(money(&r["sajja"]), "300.00", "{r}");
    assert_eq!(money(&r["excess_to_deposit"]), "700.00");
    let bal = b.json(today, &["balance", "--member", &m]);
    assert_eq!(money(&bal["sajja"]), "300.00");
    assert_eq!(money(&bal["deposits"]), "700.00");
    assert_eq!(b.json(today, &["verify"])["ok"], true);
}

#[test]
fn the_entrance_fee_is_charged_once_at_the_amount_in_force_on_the_joining_date() {
    let b = group();
    let today = "2025-03-05";
    let n = add_member(&b, "2025-02-01", "นางแรก เข้า", "1/2/2568", "1").to_string();
    b.json(
        today,
        &[
            "settings",
            "set",
            "entrance_fee",
            "50",
            "--from",
            "1/3/2568",
        ],
    );
    let d = due_of(&b, today, "5/3/2568", &n);
    assert_eq!(money(&d["fee"]), "20.00", "the fee of the joining date");
    let before = b.dump();
    let msg = b.refused(
        today,
        &[
            "collect", "--date", "5/3/2568", "--member", &n, "--fee", "50",
        ],
    );
    assert!(msg.contains("20.00"), "{msg}");
    assert_eq!(before, b.dump());
    collect(
        &b,
        today,
        "5/3/2568",
        &n,
        &["--fee", "20", "--sajja", "100"],
    );
    let msg = b.refused(
        today,
        &[
            "collect", "--date", "5/3/2568", "--member", &n, "--fee", "20",
        ],
    );
    assert!(msg.contains("แล้ว"), "{msg}");
    assert_eq!(money(&due_of(&b, today, "5/3/2568", &n)["fee"]), "0.00");
}

// ── Cash, bank and the expense fund ─────────────────────────────────────────────────────

/// Cash 1,000 on 5 Jan, all of it to the bank on 10 Jan, 1,000 more cash on 20 Jan:
/// cash is zero from 10 to 19 January although it is 1,000 today.
fn group_with_a_dip() -> (TempBooks, String) {
    let b = group();
    let today = "2025-01-25";
    let n = add_member(&b, "2025-01-01", "นายเงิน สด", "1/1/2568", "2").to_string();
    let m = add_member(&b, "2025-01-01", "นางมา ทีหลัง", "1/1/2568", "2").to_string();
    collect(&b, today, "5/1/2568", &n, &["--deposit", "1,000"]);
    b.json(
        today,
        &[
            "bank",
            "deposit",
            "--date",
            "10/1/2568",
            "--amount",
            "1,000",
        ],
    );
    collect(&b, today, "20/1/2568", &m, &["--deposit", "1,000"]);
    (b, n)
}

#[test]
fn no_entry_may_leave_cash_or_bank_negative_on_any_date_from_its_own_date_onwards() {
    let (b, n) = group_with_a_dip();
    let today = "2025-01-25";
    let before = b.dump();
    for args in [
        vec!["bank", "deposit", "--date", "8/1/2568", "--amount", "500"],
        vec![
            "collect",
            "--date",
            "8/1/2568",
            "--member",
            &n,
            "--withdraw",
            "500",
        ],
        vec!["member", "exit", &n, "--date", "8/1/2568"],
    ] {
        let msg = b.refused(today, &args);
        assert!(
            msg.contains("เงินสด") && msg.contains("ติดลบ") && msg.contains("10 ม.ค. 2568"),
            "{args:?} should name cash and the date it would go negative: {msg}"
        );
    }
    // The bank: 1,000 in on 10 Jan, out again on 15 Jan, in again on 20 Jan.
    b.json(
        today,
        &[
            "bank",
            "withdraw",
            "--date",
            "15/1/2568",
            "--amount",
            "1,000",
        ],
    );
    b.json(
        today,
        &[
            "bank",
            "deposit",
            "--date",
            "21/1/2568",
            "--amount",
            "1,000",
        ],
    );
    let mid = b.dump();
    let msg = b.refused(
        today,
        &["bank", "withdraw", "--date", "12/1/2568", "--amount", "500"],
    );
    assert!(
        msg.contains("ธนาคาร") && msg.contains("15 ม.ค. 2568"),
        "{msg}"
    );
    assert_eq!(mid, b.dump());
    assert_ne!(before, mid);
    // On a date where the money is there, the same withdrawal is fine.
    b.json(
        today,
        &["bank", "withdraw", "--date", "22/1/2568", "--amount", "500"],
    );
    assert_eq!(b.json(today, &["verify"])["ok"], true);
}

#[test]
fn no_entry_may_leave_the_expense_fund_negative_on_any_later_date() {
    let b = group();
    let today = "2025-02-10";
    let n = add_member(&b, "2025-01-01", "นายค่า ธรรมเนียม", "1/1/2568", "1").to_string();
    let m = add_member(&b, "2025-01-01", "นางค่า สมัคร", "1/1/2568", "1").to_string();
    collect(&b, today, "5/1/2568", &n, &["--fee", "20", "--sajja", "50"]);
    b.json(
        today,
        &[
            "expense",
            "--date",
            "10/1/2568",
            "--amount",
            "20",
            "--memo",
            "ค่าสมุดบัญชี",
        ],
    );
    collect(
        &b,
        today,
        "5/2/2568",
        &m,
        &["--fee", "20", "--sajja", "100"],
    );
    // Today the fund holds 20, but on 10 January it was spent to zero.
    let before = b.dump();
    let msg = b.refused(
        today,
        &[
            "expense",
            "--date",
            "8/1/2568",
            "--amount",
            "20",
            "--memo",
            "ค่าปากกา",
        ],
    );
    assert!(
        msg.contains("ทุนค่าใช้สอย") && msg.contains("10 ม.ค. 2568"),
        "{msg}"
    );
    assert_eq!(before, b.dump());
    b.json(
        today,
        &[
            "expense",
            "--date",
            "6/2/2568",
            "--amount",
            "20",
            "--memo",
            "ค่าปากกา",
        ],
    );
}

#[test]
fn a_bank_fee_taken_by_the_bank_is_booked_even_when_the_expense_fund_is_short() {
    let (b, _) = group_with_a_dip();
    let today = "2025-01-31";
    let fee = b.json(
        today,
        &[
            "bank",
            "fee",
            "--date",
            "31/1/2568",
            "--amount",
            "15",
            "--memo",
            "ค่ารักษาบัญชี",
        ],
    );
    assert_eq!(money(&fee["expense_fund"]), "-15.00");
    let pos = b.json(today, &["money"]);
    assert_eq!(money(&pos["expense_fund"]), "-15.00");
    let note = pos["expense_fund_note"]
        .as_str()
        .expect("a reason is shown");
    assert!(
        note.contains("ธนาคารหักค่าธรรมเนียม") && note.contains("15.00"),
        "{note}"
    );
    // The fund goes negative only through this: any other expense is refused.
    for from in ["cash", "bank"] {
        let msg = b.refused(
            today,
            &[
                "expense",
                "--date",
                "31/1/2568",
                "--amount",
                "5",
                "--memo",
                "ค่าปากกา",
                "--from",
                from,
            ],
        );
        assert!(msg.contains("ทุนค่าใช้สอย"), "{msg}");
    }
    assert_eq!(b.json(today, &["verify"])["ok"], true);
    // The fund report shows it plainly, with the reason.
    let pdf = b.dir.path().join("fund.pdf");
    b.json(
        today,
        &[
            "print",
            "fund-report",
            "--month",
            "2568-01",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("-15.00") || text.contains("(15.00)"),
        "{text}"
    );
    assert!(text.contains("ธนาคารหักค่าธรรมเนียม"), "{text}");
}

#[test]
fn month_close_rechecks_that_cash_never_went_negative_on_any_date() {
    let (b, _) = group_with_a_dip();
    // Written behind the program's back: 500 out of the cash box on 12 Jan, back on 15 Jan.
    let conn = rusqlite::Connection::open(&b.path).unwrap();
    for (seq, date, amount) in [(100, "2025-01-12", -50_000), (101, "2025-01-15", 50_000)] {
        conn.execute(
            "INSERT INTO journal_entry (seq, id, date, kind, memo, recorded_at, hash)
             VALUES (?1, ?2, ?3, 'transfer', 'x', '2025-01-31T00:00:00Z', '')",
            rusqlite::params![seq, format!("x{seq}"), date],
        )
        .unwrap();
        for (line, account, a) in [(1, "1100", amount), (2, "1110", -amount)] {
            conn.execute(
                "INSERT INTO posting (entry_seq, line, date, account, amount) VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![seq, line, date, account, a],
            )
            .unwrap();
        }
    }
    drop(conn);
    let msg = b.refused("2025-02-01", &["close-month", "2568-01"]);
    assert!(
        msg.contains("เงินสด") && msg.contains("ติดลบ") && msg.contains("12 ม.ค. 2568"),
        "{msg}"
    );
}

// ── Reversals ───────────────────────────────────────────────────────────────────────────

#[test]
fn reversing_a_member_s_exit_restores_the_member() {
    let b = group();
    let today = "2025-03-20";
    let n = add_member(&b, "2025-01-01", "นายกลับ มาใหม่", "1/1/2568", "2").to_string();
    collect(&b, today, "5/1/2568", &n, &["--sajja", "100"]);
    collect(
        &b,
        today,
        "5/2/2568",
        &n,
        &["--sajja", "100", "--deposit", "300"],
    );
    b.json(
        today,
        &["member", "update", &n, "--shares", "3", "--on", "1/3/2568"],
    );
    let s = b.json(today, &["member", "exit", &n, "--date", "15/3/2568"]);
    let entry = s["entry"].as_str().unwrap().to_string();
    assert_eq!(b.json(today, &["member", "show", &n])["status"], "left");

    let r = b.json(
        today,
        &[
            "reverse",
            "--entry",
            &entry,
            "--reason",
            "ลาออกผิดคน",
            "--date",
            "20/3/2568",
        ],
    );
    assert_eq!(r["reverses"], entry);
    let m = b.json(today, &["member", "show", &n]);
    assert_eq!(m["status"], "active", "{m}");
    assert!(m["left_on"].is_null());
    assert_eq!(m["shares"], 3, "pledges as they were");
    let bal = b.json(today, &["balance", "--member", &n]);
    assert_eq!(money(&bal["sajja"]), "200.00");
    assert_eq!(money(&bal["deposits"]), "300.00");
    let d = due_of(&b, today, "20/3/2568", &n);
    assert_eq!(money(&d["sajja"]), "150.00", "March is owed again");
    let h = b.json(today, &["member", "history", &n]);
    assert!(
        h.as_array().unwrap().iter().any(|c| c["field"] == "status"
            && c["new_value"]
                .as_str()
                .is_some_and(|v| v.starts_with("active"))),
        "{h}"
    );
    assert_eq!(b.json(today, &["verify"])["ok"], true);
    // Collected again like any member.
    collect(&b, today, "20/3/2568", &n, &["--sajja", "150"]);
}

#[test]
fn reversing_an_exit_is_refused_with_the_reason_when_the_member_cannot_be_restored() {
    let b = group();
    let today = "2025-03-20";
    let n = add_member(&b, "2025-01-01", "นายไม่ กลับ", "1/1/2568", "2").to_string();
    let other = add_member(&b, "2025-01-01", "นางมี เงิน", "1/1/2568", "2").to_string();
    collect(&b, today, "5/1/2568", &n, &["--sajja", "100"]);
    collect(
        &b,
        today,
        "5/1/2568",
        &other,
        &["--sajja", "100", "--deposit", "5,000"],
    );
    b.json(
        today,
        &[
            "loan",
            "product",
            "add",
            "--code",
            "F",
            "--name",
            "เงินกู้ฉุกเฉิน",
            "--rate",
            "1",
            "--method",
            "declining-equal-principal",
            "--max-months",
            "12",
        ],
    );
    let loan = b.json(
        today,
        &[
            "loan",
            "apply",
            "--member",
            &n,
            "--product",
            "F",
            "--amount",
            "1,000",
            "--months",
            "10",
            "--date",
            "6/1/2568",
        ],
    )["loan"]
        .as_str()
        .unwrap()
        .to_string();
    b.json(
        today,
        &[
            "loan", "approve", "--loan", &loan, "--by", &other, "--date", "6/1/2568",
        ],
    );
    b.json(
        today,
        &["loan", "disburse", "--loan", &loan, "--date", "6/1/2568"],
    );
    // Savings cover part of the loan; the rest stays a debt, and the member pays some later.
    let s = b.json(today, &["member", "exit", &n, "--date", "15/3/2568"]);
    let entry = s["entry"].as_str().unwrap().to_string();
    b.json(
        today,
        &[
            "loan",
            "repay",
            "--loan",
            &loan,
            "--amount",
            "100",
            "--date",
            "18/3/2568",
        ],
    );
    let before = b.dump();
    let msg = b.refused(
        today,
        &[
            "reverse",
            "--entry",
            &entry,
            "--reason",
            "ลาออกผิดคน",
            "--date",
            "20/3/2568",
        ],
    );
    assert!(
        msg.contains("หลังพ้นสภาพ") && msg.contains("18 มี.ค. 2568"),
        "the reason names the later entry: {msg}"
    );
    assert_eq!(before, b.dump(), "nothing changed");
    assert_eq!(b.json(today, &["member", "show", &n])["status"], "left");
}

#[test]
fn verify_reports_a_member_whose_status_disagrees_with_their_money() {
    let b = group();
    let today = "2025-03-20";
    let n = add_member(&b, "2025-01-01", "นายสถานะ ผิด", "1/1/2568", "2").to_string();
    collect(&b, today, "5/1/2568", &n, &["--sajja", "100"]);
    assert_eq!(b.json(today, &["verify"])["ok"], true);
    rusqlite::Connection::open(&b.path)
        .unwrap()
        .execute(
            "UPDATE member SET status = 'left', left_on = '2025-02-01', left_reason = 'resign'",
            [],
        )
        .unwrap();
    let run = b.sajja(today, &["verify", "--json"]);
    assert!(!run.ok, "verify fails on a problem");
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["ok"], false);
    let problems = v["problems"].to_string();
    assert!(
        problems.contains(&format!("สมาชิกเลขที่ {n}")) && problems.contains("พ้นสภาพ"),
        "{problems}"
    );
}

#[test]
fn reversing_an_entry_of_a_member_who_left_is_refused_while_the_exit_stands() {
    let b = group();
    let today = "2025-03-20";
    let n = add_member(&b, "2025-01-01", "นายถอน แล้วออก", "1/1/2568", "2").to_string();
    collect(
        &b,
        today,
        "5/1/2568",
        &n,
        &["--sajja", "100", "--deposit", "500"],
    );
    let w = collect(&b, today, "5/2/2568", &n, &["--withdraw", "200"]);
    b.json(today, &["member", "exit", &n, "--date", "15/3/2568"]);
    let before = b.dump();
    let msg = b.refused(
        today,
        &[
            "reverse",
            "--receipt",
            w["receipt"].as_str().unwrap(),
            "--reason",
            "ถอนผิด",
            "--date",
            "20/3/2568",
        ],
    );
    assert!(msg.contains("พ้นสภาพ"), "{msg}");
    assert_eq!(before, b.dump());
    assert_eq!(b.json(today, &["verify"])["ok"], true);
}
