//! What the treasurer signs for money paid out: a withdrawal, a loan payout, an exit payout and
//! an expense each get a numbered payment voucher (`voucher` in the command's JSON), printed by
//! `sajja print voucher`; a receipt never lists money paid out.

use std::path::Path;
use std::process::Command;

use crate::util::TempBooks;

fn text_of(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not be run ({e}): install poppler-utils"));
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn group() -> TempBooks {
    let b = TempBooks::new();
    let t = "2025-01-02";
    b.json(
        t,
        &[
            "init",
            "--name",
            "กลุ่มออมทรัพย์บ้านใบสำคัญ",
            "--founded",
            "1/1/2568",
        ],
    );
    for (name, shares) in [("นายสมชาย ใจดี", "2"), ("นางมาลี ศรีสุข", "1")]
    {
        b.json(
            t,
            &[
                "member", "add", "--name", name, "--joined", "1/1/2568", "--shares", shares,
            ],
        );
    }
    b
}

#[test]
fn money_paid_out_gets_a_numbered_voucher_and_never_a_receipt() {
    let b = group();
    let jan = "2025-01-05";
    let r = b.json(
        jan,
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
            "2000",
        ],
    );
    assert_eq!(
        r["voucher"],
        serde_json::Value::Null,
        "nothing paid out: {r}"
    );
    b.json(
        jan,
        &[
            "collect", "--date", "5/1/2568", "--member", "2", "--sajja", "50", "--fee", "20",
        ],
    );
    // A row that receives 100 and pays out a withdrawal of 1,589: a receipt for the 100, a
    // withdrawal voucher for the 1,589.
    let feb = "2025-02-05";
    let r = b.json(
        feb,
        &[
            "collect",
            "--date",
            "5/2/2568",
            "--member",
            "1",
            "--sajja",
            "100",
            "--withdraw",
            "1589",
        ],
    );
    assert_eq!(r["voucher"], "2568/0001", "{r}");
    let receipt = r["receipt"].as_str().unwrap().to_string();
    let out = b.dir.path().join("v1.pdf");
    let v = b.json(
        feb,
        &[
            "print",
            "voucher",
            "--voucher",
            "2568/0001",
            "--out",
            &out.display().to_string(),
        ],
    );
    assert_eq!(v["files"][0], out.display().to_string().as_str());
    let text = text_of(&out);
    for needle in [
        "ใบถอนเงิน",
        "เลขที่ 2568/0001",
        "จ่ายให้ นายสมชาย ใจดี (สมาชิกเลขที่ 1)",
        "ถอนเงินฝาก 1,589.00",
        "รวมเงินที่จ่าย 1,589.00",
        "หนึ่งพันห้าร้อยแปดสิบเก้าบาทถ้วน",
        "ผู้รับเงิน",
        "ผู้จ่ายเงิน (เหรัญญิก)",
        "ประทับตรากลุ่ม",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    let out = b.dir.path().join("r.pdf");
    b.json(
        feb,
        &[
            "print",
            "receipt",
            "--receipt",
            &receipt,
            "--out",
            &out.display().to_string(),
        ],
    );
    let text = text_of(&out);
    assert!(!text.contains("1,589.00"), "a payout on a receipt:\n{text}");
    assert!(text.contains("รวมเงินที่ได้รับ 100.00"), "{text}");
    assert!(text.contains("ใบถอนเงินเลขที่ 2568/0001"), "{text}");

    // A withdrawal alone has no receipt to print: the refusal names its voucher.
    let r = b.json(
        feb,
        &[
            "collect",
            "--date",
            "5/2/2568",
            "--member",
            "1",
            "--withdraw",
            "11",
        ],
    );
    assert_eq!(r["voucher"], "2568/0002");
    let out = b.dir.path().join("r2.pdf");
    let msg = b.refused(
        feb,
        &[
            "print",
            "receipt",
            "--receipt",
            r["receipt"].as_str().unwrap(),
            "--out",
            &out.display().to_string(),
        ],
    );
    assert!(msg.contains("ใบถอนเงินเลขที่ 2568/0002"), "{msg}");
    assert!(!out.exists());
    // The cash book says money paid out as paid: never "รับเงินสมาชิก" for a withdrawal.
    let cb = b.json(feb, &["cashbook", "--month", "2/2568"]);
    let lines = cb["lines"].as_array().unwrap();
    let of = |voucher: &str| {
        lines
            .iter()
            .find(|l| l["voucher"] == voucher)
            .unwrap_or_else(|| panic!("{voucher} in {cb}"))
    };
    let alone = of("2568/0002");
    assert!(
        alone["memo"]
            .as_str()
            .unwrap()
            .starts_with("จ่ายถอนเงินฝากสมาชิกเลขที่ 1 "),
        "{alone}"
    );
    assert!(
        alone["document"].as_str().unwrap().contains("2568/0002"),
        "{alone}"
    );
    let both = of("2568/0001")["memo"].as_str().unwrap();
    assert!(both.starts_with("รับและจ่ายเงินสมาชิกเลขที่ 1 "), "{both}");
    // The day's receipts: the receipt of 100 only.
    let out = b.dir.path().join("day.pdf");
    b.json(
        feb,
        &[
            "print",
            "receipt",
            "--date",
            "5/2/2568",
            "--out",
            &out.display().to_string(),
        ],
    );
    let text = text_of(&out);
    assert!(
        !text.contains("1,589.00") && !text.contains("11.00"),
        "{text}"
    );

    // An expense and an exit payout each get the next number.
    let e = b.json(
        feb,
        &[
            "expense",
            "--date",
            "5/2/2568",
            "--amount",
            "15",
            "--memo",
            "ซื้อปากกา",
            "--category",
            "supplies",
        ],
    );
    assert_eq!(e["voucher"], "2568/0003", "{e}");
    let x = b.json(feb, &["member", "exit", "2", "--date", "5/2/2568"]);
    assert_eq!(x["voucher"], "2568/0004", "{x}");
    let out = b.dir.path().join("v4.pdf");
    b.json(
        feb,
        &[
            "print",
            "voucher",
            "--voucher",
            "2568/0004",
            "--out",
            &out.display().to_string(),
        ],
    );
    let text = text_of(&out);
    assert!(text.contains("ใบสำคัญจ่าย"), "{text}");
    assert!(text.contains("คืนเงินสัจจะ 50.00"), "{text}");
    // An unknown number: a Thai refusal, no file.
    let out = b.dir.path().join("none.pdf");
    let msg = b.refused(
        feb,
        &[
            "print",
            "voucher",
            "--voucher",
            "2568/0099",
            "--out",
            &out.display().to_string(),
        ],
    );
    assert!(msg.contains("2568/0099"), "{msg}");
    assert!(!out.exists());
}
