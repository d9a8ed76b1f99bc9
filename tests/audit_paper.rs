//! The audit committee's paper: `sajja print audit` lists every reversal with its reason and
//! both people, closes, settings changes, users, refused PINs, restores and prints; every
//! print is recorded under the user at the keyboard. Real files, the real `sajja` binary,
//! the PDFs read back with pdftotext.

use std::path::Path;

use crate::trust::{as_user, collect, group, pdftotext_with};
use crate::util::TempBooks;

const MAR: &str = "2025-03-05";
const APR: &str = "2025-04-01";

/// The PDF's text in drawing order (each table cell whole) with every space and line break
/// taken out: cells wrap Thai text wherever the column ends, so phrases are compared without
/// them.
fn squeezed(path: &Path) -> String {
    pdftotext_with(path, "-raw").split_whitespace().collect()
}

/// The part of `text` from `from` up to `to` (or the end).
fn between<'t>(text: &'t str, from: &str, to: &str) -> &'t str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from} in {text}"));
    let rest = &text[start..];
    match rest.find(to) {
        Some(end) => &rest[..end],
        None => rest,
    }
}

/// A group with users 1 (treasurer, PIN 4821) and 2 (chair, PIN 7305); member 3 is not a
/// user. Member 1 paid on 5/3/2568 before users existed; a copy was made and restored.
fn group_with_history() -> TempBooks {
    let b = group();
    b.json(
        MAR,
        &[
            "member",
            "add",
            "--name",
            "นายตรวจ สอบดี",
            "--joined",
            "1/1/2568",
            "--shares",
            "1",
        ],
    );
    collect(&b, MAR, "5/3/2568", "1");
    let copy = b.json(MAR, &["backup", "now"]);
    let copy = copy["path"].as_str().unwrap().to_string();
    b.json(MAR, &["backup", "restore", &copy, "--confirm"]);
    b.json(
        MAR,
        &[
            "user",
            "add",
            "--member",
            "1",
            "--role",
            "treasurer",
            "--pin",
            "4821",
        ],
    );
    let run = as_user(
        &b,
        MAR,
        ("1", "4821"),
        None,
        &[
            "user", "add", "--member", "2", "--role", "chair", "--pin", "7305",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    b
}

#[test]
fn the_audit_report_prints_each_reversal_with_both_people_and_every_change_of_the_period() {
    let b = group_with_history();
    // A receipt by the treasurer, reversed with the chair's PIN; a wrong PIN on the way.
    let run = as_user(
        &b,
        MAR,
        ("1", "4821"),
        None,
        &[
            "collect", "--date", "5/3/2568", "--member", "2", "--sajja", "50", "--json",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let receipt: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let number = receipt["receipt"].as_str().unwrap().to_string();
    let reverse = [
        "reverse",
        "--receipt",
        &number,
        "--reason",
        "บันทึกผิดคนต้องเป็นสมาชิกเลขที่3",
    ];
    let run = as_user(&b, MAR, ("1", "4821"), Some(("2", "0000")), &reverse);
    assert!(!run.ok && run.stderr.contains("PIN"), "{}", run.stderr);
    let run = as_user(&b, MAR, ("1", "4821"), Some(("2", "7305")), &reverse);
    assert!(run.ok, "{}", run.stderr);
    // A month close and a setting change, each by two people.
    for args in [
        &["close-month", "2568-01"][..],
        &["close-month", "2568-02"][..],
        &["close-month", "2568-03"][..],
        &["settings", "set", "fine_per_month", "20"][..],
    ] {
        let run = as_user(&b, APR, ("2", "7305"), Some(("1", "4821")), args);
        assert!(run.ok, "{}", run.stderr);
    }

    let out = b.dir.path().join("audit.pdf");
    let out_s = out.display().to_string();
    let run = as_user(
        &b,
        APR,
        ("1", "4821"),
        None,
        &[
            "print",
            "audit",
            "--from",
            "1/3/2568",
            "--to",
            "30/4/2568",
            "--out",
            &out_s,
            "--json",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let code = printed["check_code"].as_str().unwrap().to_string();
    let text = squeezed(&out);
    // Thai headings, the period in พ.ศ., page numbers and the check code.
    for want in [
        "รายงานการตรวจสอบสำหรับคณะกรรมการตรวจสอบ",
        "ตั้งแต่วันที่1มีนาคมพ.ศ.2568ถึงวันที่30เมษายนพ.ศ.2568",
        "หน้า1/",
        &format!("รหัสตรวจสอบ{code}"),
        "กรรมการตรวจสอบ",
    ] {
        assert!(text.contains(want), "no {want} in {text}");
    }
    // The reversal: the receipt, its reason, the maker and the checker, in its section.
    let reversals = between(&text, "1.การยกเลิกรายการ", "2.การปิดบัญชี");
    for want in [
        format!("ยกเลิกใบเสร็จเลขที่{number}"),
        "เหตุผล:บันทึกผิดคนต้องเป็นสมาชิกเลขที่3".to_string(),
        "นายสมชายใจดีสมาชิกเลขที่1".to_string(),
        "นางมาลีศรีสุขสมาชิกเลขที่2".to_string(),
        "50.00".to_string(),
    ] {
        assert!(reversals.contains(&want), "no {want} in {reversals}");
    }
    let closes = between(&text, "2.การปิดบัญชี", "3.การเปลี่ยนระเบียบ");
    assert!(closes.contains("ปิดบัญชีเดือนมีนาคมพ.ศ.2568"), "{closes}");
    assert!(closes.contains("นางมาลีศรีสุข") && closes.contains("นายสมชายใจดี"));
    let settings = between(&text, "3.การเปลี่ยนระเบียบ", "4.ผู้ใช้");
    assert!(settings.contains("fine_per_month=20"), "{settings}");
    let users = between(&text, "4.ผู้ใช้", "5.การอนุมัติ");
    assert!(users.contains("เพิ่มผู้ใช้เลขที่1") && users.contains("เพิ่มผู้ใช้เลขที่2"));
    let pins = between(&text, "6.การใส่PIN", "7.การกู้คืน");
    assert!(pins.contains("PINไม่ถูกต้อง:ผู้ตรวจเลขที่2"), "{pins}");
    let restores = between(&text, "7.การกู้คืน", "8.การพิมพ์");
    assert!(restores.contains("กู้คืนจาก"), "{restores}");
    // The paper's own code is the books' and names this report.
    let check = b.json(APR, &["verify", "--code", &code]);
    assert_eq!(check["document"], "audit", "{check}");

    // A period with nothing in it says so in every section.
    let empty = b.dir.path().join("empty.pdf");
    let empty_s = empty.display().to_string();
    let run = as_user(
        &b,
        APR,
        ("1", "4821"),
        None,
        &[
            "print",
            "audit",
            "--from",
            "1/1/2568",
            "--to",
            "31/1/2568",
            "--out",
            &empty_s,
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(squeezed(&empty).matches("ไม่มีในช่วงนี้").count(), 8);
}

#[test]
fn a_print_under_as_is_recorded_with_the_user_and_shows_on_the_next_report() {
    let b = group_with_history();
    let out = b.dir.path().join("register.pdf");
    let out_s = out.display().to_string();
    let run = as_user(
        &b,
        APR,
        ("2", "7305"),
        None,
        &[
            "print", "register", "--year", "2568", "--out", &out_s, "--json",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let code = printed["check_code"].as_str().unwrap();
    let log = b.json(APR, &["audit", "--from", "1/4/2568", "--to", "30/4/2568"]);
    let prints: Vec<&serde_json::Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "print")
        .collect();
    assert_eq!(prints.len(), 1, "{log}");
    assert_eq!(prints[0]["user_member"], 2, "{log}");
    assert!(prints[0]["detail"].as_str().unwrap().contains(code));

    // A wrong PIN prints nothing and is logged.
    let other = b.dir.path().join("other.pdf");
    let other_s = other.display().to_string();
    let run = as_user(
        &b,
        APR,
        ("2", "1111"),
        None,
        &["print", "register", "--year", "2568", "--out", &other_s],
    );
    assert!(!run.ok && run.stderr.contains("PIN"), "{}", run.stderr);
    assert!(!other.exists());

    // The next audit report names who printed the register.
    let report = b.dir.path().join("audit.pdf");
    let report_s = report.display().to_string();
    let run = as_user(
        &b,
        APR,
        ("1", "4821"),
        None,
        &[
            "print",
            "audit",
            "--from",
            "1/4/2568",
            "--to",
            "30/4/2568",
            "--out",
            &report_s,
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let text = squeezed(&report);
    let prints = between(&text, "8.การพิมพ์เอกสาร", "คณะกรรมการตรวจสอบได้ตรวจ");
    assert!(prints.contains(&format!("รหัสตรวจสอบ{code}")), "{prints}");
    assert!(prints.contains("นางมาลีศรีสุขสมาชิกเลขที่2"), "{prints}");
    let pins = between(&text, "6.การใส่PIN", "7.การกู้คืน");
    assert!(pins.contains("PINไม่ถูกต้อง:ผู้ใช้เลขที่2"), "{pins}");
}

#[test]
fn printed_member_lists_mask_id_numbers_and_a_members_own_application_shows_it_whole() {
    let b = group();
    let id = "1101700203450";
    b.json(
        MAR,
        &[
            "member",
            "add",
            "--name",
            "นายบัตร ครบหลัก",
            "--joined",
            "1/1/2568",
            "--shares",
            "2",
            "--id-card",
            id,
        ],
    );
    collect(&b, MAR, "5/3/2568", "3");
    let print = |args: &[&str], file: &str| {
        let out = b.dir.path().join(file);
        let out_s = out.display().to_string();
        let mut all = vec!["print"];
        all.extend_from_slice(args);
        all.extend(["--out", &out_s]);
        b.json(MAR, &all);
        squeezed(&out)
    };
    // The member register: the first and the last digit only; members without a number get a
    // dash.
    let list = print(&["members"], "members.pdf");
    assert!(list.contains("ทะเบียนสมาชิก"), "{list}");
    assert!(list.contains("3นายบัตรครบหลัก1-xxxx-xxxxx-xx-0"), "{list}");
    assert!(list.contains("1นายสมชายใจดี-"), "{list}");
    assert!(list.contains("รวม3คน"), "{list}");
    // No list of many members carries the whole number, in any grouping.
    let register = print(&["register", "--year", "2568"], "register.pdf");
    let statements = print(&["statements", "--month", "2568-03"], "statements.pdf");
    for text in [&list, &register, &statements] {
        assert!(!text.contains("0170020345"), "{text}");
        assert!(!text.contains("1017-00203"), "{text}");
    }
    // The member's own application form identifies them with the whole number (in the
    // official documents' Thai digits).
    let own = print(&["application", "--member", "3"], "application.pdf");
    let arabic: String = own
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            c => c,
        })
        .collect();
    assert!(arabic.contains(id), "{own}");
}
