//! Governance: the committee register decides who may approve a loan, meetings record
//! attendance, quorum and minutes, a loan approved at a meeting is linked both ways, and
//! certified minutes are read-only.

use crate::loans::cli_group;
use crate::util::TempBooks;

fn apply(b: &TempBooks, t: &str) -> String {
    let applied = b.json(
        t,
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
            "2025-02-10",
            "--guarantor",
            "2",
            "--purpose",
            "ซื้อปุ๋ย",
            "--recorded-by",
            "4",
        ],
    );
    applied["loan"].as_str().unwrap().to_string()
}

fn seat(b: &TempBooks, t: &str, committee: &str, member: &str, position: &str, from: &str) {
    b.json(
        t,
        &[
            "committee",
            "set",
            "--committee",
            committee,
            "--member",
            member,
            "--position",
            position,
            "--from",
            from,
        ],
    );
}

#[test]
fn committee_decides_approvals_and_meetings_keep_the_minutes() {
    let b = cli_group();
    let t = "2025-02-10";
    b.json(
        t,
        &[
            "member",
            "add",
            "--name",
            "นายห้า ทองดี",
            "--joined",
            "1/1/2568",
            "--shares",
            "1",
        ],
    );
    // No register yet: the list says the old rule applies.
    let empty = b.sajja(t, &["committee", "list"]);
    assert!(
        empty.ok && empty.stdout.contains("กฎเดิม"),
        "{}",
        empty.stdout
    );

    seat(&b, t, "loans", "3", "ประธาน", "1/1/2568");
    seat(&b, t, "loans", "4", "กรรมการ", "1/1/2568");
    seat(&b, t, "executive", "2", "เลขานุการ", "1/1/2568");
    let list = b.json(t, &["committee", "list", "--date", "10/2/2568"]);
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert_eq!(list[0]["committee"], "executive");
    assert_eq!(list[1]["member"], 3);
    assert_eq!(list[1]["position"], "ประธาน");

    let meeting = b.json(
        t,
        &[
            "meeting",
            "new",
            "--kind",
            "committee",
            "--date",
            "11/2/2568",
            "--place",
            "ศาลาประชาคมหมู่บ้าน",
        ],
    );
    assert_eq!(meeting["meeting"], "2568/01");
    assert_eq!(meeting["number_label"], "1/2568");

    let loan = apply(&b, t);
    // Member 5 holds no seat on the loan committee: refused, naming who may, nothing changes.
    let before = b.dump();
    let msg = b.refused(
        t,
        &[
            "loan",
            "approve",
            "--loan",
            &loan,
            "--by",
            "5",
            "--meeting",
            "2568/01",
        ],
    );
    assert!(msg.contains("ไม่ได้ดำรงตำแหน่งในคณะกรรมการเงินกู้"), "{msg}");
    assert!(msg.contains("นายสาม มั่นคง"), "{msg}");
    assert_eq!(before, b.dump(), "a refused approval changed the file");
    // A meeting number that does not exist is a typo, not a note.
    b.refused(
        t,
        &[
            "loan",
            "approve",
            "--loan",
            &loan,
            "--by",
            "3",
            "--meeting",
            "2568/09",
        ],
    );
    assert_eq!(before, b.dump());
    // Two signatures required: one is not enough.
    b.json(
        t,
        &[
            "settings",
            "set",
            "loan_approvals_required",
            "2",
            "--from",
            "1/2/2568",
        ],
    );
    let msg = b.refused(
        t,
        &[
            "loan",
            "approve",
            "--loan",
            &loan,
            "--by",
            "3",
            "--meeting",
            "2568/01",
        ],
    );
    assert!(msg.contains("อย่างน้อย 2 คน"), "{msg}");
    // The chair and a member of the loan committee (not the recorder of the application:
    // member 4 typed it) — give member 5 a seat from the meeting on.
    b.refused(
        t,
        &[
            "loan",
            "approve",
            "--loan",
            &loan,
            "--by",
            "3,4",
            "--meeting",
            "2568/01",
        ],
    );
    seat(&b, t, "loans", "5", "กรรมการ", "11/2/2568");
    let card = b.json(
        t,
        &[
            "loan",
            "approve",
            "--loan",
            &loan,
            "--by",
            "3,5",
            "--meeting",
            "2568/01",
        ],
    );
    assert_eq!(card["status"], "approved");
    assert_eq!(card["meeting"], "2568/01");
    assert_eq!(card["approved_on"], "2025-02-11");
    assert_eq!(card["approved_by"]["member"], 3);

    // Attendance, guests, items.
    for (member, flag) in [("3", "--present"), ("5", "--present")] {
        b.json(
            t,
            &[
                "meeting",
                "attend",
                "--meeting",
                "2568/01",
                "--member",
                member,
                flag,
            ],
        );
    }
    b.json(
        t,
        &[
            "meeting",
            "attend",
            "--meeting",
            "2568/01",
            "--member",
            "4",
            "--absent",
            "--reason",
            "ไปราชการ",
        ],
    );
    b.json(
        t,
        &[
            "meeting",
            "attend",
            "--meeting",
            "2568/01",
            "--member",
            "1",
            "--substitute-for",
            "2",
        ],
    );
    // Someone off the committee is a guest or a substitute, not an attendee.
    b.refused(
        t,
        &[
            "meeting",
            "attend",
            "--meeting",
            "2568/01",
            "--member",
            "1",
            "--present",
        ],
    );
    b.json(
        t,
        &[
            "meeting",
            "guest",
            "--meeting",
            "2568/01",
            "--name",
            "นางสาวพัฒนา ชุมชน",
            "--position",
            "พัฒนากร",
        ],
    );
    b.json(
        t,
        &[
            "meeting",
            "item",
            "--meeting",
            "2568/01",
            "--agenda",
            "1",
            "--title",
            "การอบรมการทำบัญชี",
            "--text",
            "ประธานแจ้งว่าสำนักงานพัฒนาชุมชนอำเภอจะจัดอบรมการทำบัญชีให้คณะกรรมการในเดือนหน้า",
            "--resolution",
            "รับทราบ",
        ],
    );
    let shown = b.json(
        t,
        &[
            "meeting",
            "item",
            "--meeting",
            "2568/01",
            "--agenda",
            "3",
            "--from-books",
            "fund",
            "--resolution",
            "รับทราบ",
        ],
    );
    let fund = &shown["agenda"][2]["items"][0];
    assert!(fund["title"].as_str().unwrap().contains("รายงานฐานะการเงิน"));
    assert!(fund["text"]
        .as_str()
        .unwrap()
        .contains("เงินสัจจะสะสมของสมาชิก"));

    let m = b.json(t, &["meeting", "show", "--meeting", "2568/01"]);
    assert_eq!(m["present"].as_array().unwrap().len(), 3);
    assert_eq!(m["present"][0]["substitute_for"]["member"], 2);
    assert_eq!(m["absent"][0]["member"], 4);
    assert_eq!(m["absent"][0]["reason"], "ไปราชการ");
    assert_eq!(m["guests"][0]["position"], "พัฒนากร");
    assert_eq!(m["quorum"]["expected"], 4);
    assert_eq!(m["quorum"]["present"], 3);
    assert_eq!(m["quorum"]["met"], true);
    // The approval is in the minutes, agenda 4, with borrower and amount.
    let loans = &m["agenda"][3]["items"][0];
    let text = loans["text"].as_str().unwrap();
    assert!(
        text.contains("นายหนึ่ง ใจดี") && text.contains("3,000.00"),
        "{text}"
    );
    assert!(text.contains(&loan), "{text}");
    assert_eq!(m["loan_decisions"][0]["kind"], "approved");

    b.json(
        t,
        &[
            "meeting",
            "close",
            "--meeting",
            "2568/01",
            "--start",
            "09:30",
            "--end",
            "11:45",
            "--recorder",
            "2",
            "--checker",
            "3",
        ],
    );
    // The next committee meeting certifies these minutes when it closes.
    let next = b.json(
        t,
        &[
            "meeting",
            "new",
            "--kind",
            "committee",
            "--date",
            "11/3/2568",
        ],
    );
    assert_eq!(next["meeting"], "2568/02");
    assert_eq!(next["certifies"], "2568/01");
    b.json(
        t,
        &[
            "meeting",
            "close",
            "--meeting",
            "2568/02",
            "--start",
            "09:00",
            "--end",
            "10:00",
            "--recorder",
            "2",
        ],
    );
    let first = b.json(t, &["meeting", "show", "--meeting", "2568/01"]);
    assert_eq!(first["certified_by"], "2568/02");
    let second = b.json(t, &["meeting", "show", "--meeting", "2568/02"]);
    assert!(second["agenda"][1]["items"][0]["title"]
        .as_str()
        .unwrap()
        .contains("1/2568"));
    // Certified minutes are read-only, through every door.
    let before = b.dump();
    let msg = b.refused(
        t,
        &[
            "meeting",
            "item",
            "--meeting",
            "2568/01",
            "--agenda",
            "5",
            "--title",
            "แก้ไข",
        ],
    );
    assert!(msg.contains("รับรองแล้ว"), "{msg}");
    b.refused(
        t,
        &[
            "meeting",
            "attend",
            "--meeting",
            "2568/01",
            "--member",
            "4",
            "--present",
        ],
    );
    b.refused(
        t,
        &[
            "meeting",
            "close",
            "--meeting",
            "2568/01",
            "--start",
            "09:00",
            "--end",
            "12:00",
            "--recorder",
            "2",
        ],
    );
    assert_eq!(before, b.dump());
    let conn = rusqlite::Connection::open(&b.path).unwrap();
    assert!(conn
        .execute("UPDATE meeting_item SET title = 'x'", [])
        .is_err());
}

#[test]
fn a_group_without_a_committee_keeps_its_old_rule() {
    let b = cli_group();
    let t = "2025-02-10";
    let loan = apply(&b, t);
    let card = b.json(t, &["loan", "approve", "--loan", &loan, "--by", "3"]);
    assert_eq!(card["status"], "approved");
    // Once a loan committee is recorded, it decides from its first day on.
    seat(&b, t, "loans", "4", "ประธาน", "1/3/2568");
    let b2 = b.json(
        t,
        &[
            "loan",
            "apply",
            "--member",
            "2",
            "--product",
            "A",
            "--amount",
            "500",
            "--months",
            "5",
            "--date",
            "2025-03-02",
        ],
    );
    let l2 = b2["loan"].as_str().unwrap();
    let msg = b.refused(
        "2025-03-02",
        &[
            "loan", "approve", "--loan", l2, "--by", "3", "--date", "2/3/2568",
        ],
    );
    assert!(msg.contains("นางสี่ บุญมา"), "{msg}");
}
