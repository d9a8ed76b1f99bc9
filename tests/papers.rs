//! The group's own papers from the books: the loan contract and the guarantee contract (the
//! figures are the loan record's, the words are bahttext by the group's convention, the rate
//! in the product's own word), the membership application with its beneficiaries and the
//! member card, and the regulation with its amendments.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;
use sajja_core::thai::{self, BahtTextConvention};

use crate::loans::cli_group;
use crate::util::TempBooks;

fn pdftotext(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not be run ({e}): install poppler-utils"));
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The text with Arabic digits and without whitespace: what was printed, line breaks aside.
fn flat(text: &str) -> String {
    thai::to_arabic_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn amount(v: &serde_json::Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not money: {v}"))).unwrap()
}

fn print(b: &TempBooks, t: &str, args: &[&str], name: &str) -> PathBuf {
    let out = b.dir.path().join(name);
    let mut all = vec!["print"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap()]);
    let printed = b.json(t, &all);
    assert!(printed["pages"].as_u64().unwrap() >= 1, "{printed}");
    out
}

/// A loan of 3,001 baht (the two bahttext conventions read it differently) to member 1,
/// guaranteed by member 2, approved by the loan committee's chair and paid out.
fn paid_loan(b: &TempBooks, t: &str, product: &str) -> String {
    b.json(
        t,
        &[
            "committee",
            "set",
            "--committee",
            "loans",
            "--member",
            "3",
            "--position",
            "ประธาน",
            "--from",
            "1/1/2568",
        ],
    );
    let applied = b.json(
        t,
        &[
            "loan",
            "apply",
            "--member",
            "1",
            "--product",
            product,
            "--amount",
            "3001",
            "--months",
            "6",
            "--date",
            "2025-02-10",
            "--guarantor",
            "2",
            "--purpose",
            "ซื้อปุ๋ยบำรุงนาข้าว",
        ],
    );
    let loan = applied["loan"].as_str().unwrap().to_string();
    b.json(
        t,
        &[
            "loan",
            "approve",
            "--loan",
            &loan,
            "--by",
            "3",
            "--date",
            "2025-02-10",
        ],
    );
    b.json(
        t,
        &["loan", "disburse", "--loan", &loan, "--date", "2025-02-10"],
    );
    loan
}

#[test]
fn loan_contract_prints_the_loan_record_with_the_amount_in_the_groups_words() {
    let b = cli_group();
    let t = "2025-02-10";
    let loan = paid_loan(&b, t, "A");
    let pdf = print(&b, t, &["loan-contract", "--loan", &loan], "contract.pdf");
    let text = pdftotext(&pdf);
    let f = flat(&text);
    let card = b.json(t, &["loan", "show", "--loan", &loan]);
    let schedule = b.json(t, &["loan", "schedule", "--loan", &loan]);
    // The parties and the record's figures.
    assert!(text.contains("สัญญากู้เงิน"), "{text}");
    assert!(f.contains(&format!("สัญญาเลขที่{loan}")), "{text}");
    assert!(f.contains("นายหนึ่งใจดีสมาชิกเลขที่1"), "{text}");
    assert!(f.contains("กลุ่มทดสอบเงินกู้"));
    let principal = amount(&card["amount"]);
    assert_eq!(principal, Decimal::from(3001));
    let words = thai::bahttext(principal, BahtTextConvention::Excel);
    assert_eq!(words, "สามพันเอ็ดบาทถ้วน");
    assert!(
        f.contains(&format!("{}บาท({words})", thai::format_amount(principal))),
        "amount in figures and words:\n{text}"
    );
    assert!(f.contains("ดอกเบี้ยให้แก่กลุ่มในอัตราร้อยละ1ต่อเดือน"), "{text}");
    assert!(f.contains("รวม6งวด"), "{text}");
    assert!(f.contains("ซื้อปุ๋ยบำรุงนาข้าว"));
    assert!(f.contains("นางสองศรีสุข(สมาชิกเลขที่2)เป็นผู้ค้ำประกัน"), "{text}");
    assert!(f.contains("ในการประชุม") || f.contains("ลงนามอนุมัติโดยนายสามมั่นคง"));
    for block in ["ผู้กู้", "พยาน", "ผู้รับเงิน"] {
        assert!(text.contains(block), "{block}");
    }
    // Every instalment of the contract's schedule, with its totals.
    let installments = schedule["installments"].as_array().unwrap();
    assert_eq!(installments.len(), 6);
    for i in installments {
        let row = format!(
            "{}{}{}{}",
            thai::format_amount(amount(&i["principal"])),
            thai::format_amount(amount(&i["interest"])),
            thai::format_amount(amount(&i["total"])),
            thai::format_amount(amount(&i["balance"]))
        );
        assert!(
            f.contains(&row),
            "instalment {} missing: {row}\n{text}",
            i["no"]
        );
    }
    let totals = format!(
        "รวม{}{}{}",
        thai::format_amount(amount(&schedule["amount"])),
        thai::format_amount(amount(&schedule["total_interest"])),
        thai::format_amount(amount(&schedule["total_payments"]))
    );
    assert!(f.contains(&totals), "{totals}\n{text}");
    // Official documents use Thai digits by default.
    assert!(text.contains("๓,๐๐๑.๐๐"), "{text}");

    // The other เอ็ด convention: the words change with the setting.
    b.json(
        t,
        &[
            "settings",
            "set",
            "bahttext",
            "libreoffice",
            "--from",
            "1/1/2568",
        ],
    );
    let pdf = print(
        &b,
        t,
        &["loan-contract", "--loan", &loan],
        "contract-lo.pdf",
    );
    let f = flat(&pdftotext(&pdf));
    let lo = thai::bahttext(principal, BahtTextConvention::LibreOffice);
    assert_eq!(lo, "สามพันหนึ่งบาทถ้วน");
    assert!(f.contains(&format!("({lo})")), "{f}");
    assert!(!f.contains(&words));
}

#[test]
fn loan_application_prints_the_loan_record_before_and_after_the_committee_decides() {
    let b = cli_group();
    let t = "2025-02-10";
    b.json(
        t,
        &[
            "committee",
            "set",
            "--committee",
            "loans",
            "--member",
            "3",
            "--position",
            "ประธาน",
            "--from",
            "1/1/2568",
        ],
    );
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
            "3001",
            "--months",
            "6",
            "--date",
            "2025-02-10",
            "--guarantor",
            "2",
            "--purpose",
            "ซื้อปุ๋ยบำรุงนาข้าว",
        ],
    );
    let loan = applied["loan"].as_str().unwrap().to_string();

    // Printed the day it is recorded, while the committee has not decided yet.
    let text = pdftotext(&print(
        &b,
        t,
        &["loan-application", "--loan", &loan],
        "application.pdf",
    ));
    let f = flat(&text);
    let card = b.json(t, &["loan", "show", "--loan", &loan]);
    let schedule = b.json(t, &["loan", "schedule", "--loan", &loan]);
    assert!(text.contains("คำขอกู้เงิน"), "{text}");
    assert!(f.contains(&format!("คำขอเลขที่{loan}")), "{text}");
    assert!(f.contains("เรียนคณะกรรมการเงินกู้กลุ่มทดสอบเงินกู้"), "{text}");
    assert!(f.contains("ข้าพเจ้านายหนึ่งใจดีสมาชิกเลขที่1"), "{text}");
    let principal = amount(&card["amount"]);
    assert_eq!(principal, Decimal::from(3001));
    let words = thai::bahttext(principal, BahtTextConvention::Excel);
    assert_eq!(words, "สามพันเอ็ดบาทถ้วน");
    assert!(
        f.contains(&format!(
            "จำนวน{}บาท({words})",
            thai::format_amount(principal)
        )),
        "amount in figures and words:\n{text}"
    );
    assert!(f.contains("เพื่อใช้ในการซื้อปุ๋ยบำรุงนาข้าว"), "{text}");
    assert!(
        f.contains(&format!(
            "ดอกเบี้ยในอัตราร้อยละ{}ต่อเดือน(คิดเป็นร้อยละ{}ต่อปี)",
            card["rate"].as_str().unwrap(),
            card["nominal_annual_rate"].as_str().unwrap()
        )),
        "{text}"
    );
    let first = &schedule["installments"][0];
    assert!(
        f.contains(&format!(
            "รวม6งวดงวดแรก{}บาทรวมเงินต้น{}บาทดอกเบี้ยตามตาราง{}บาทรวมทั้งสิ้น{}บาท",
            thai::format_amount(amount(&first["total"])),
            thai::format_amount(amount(&schedule["amount"])),
            thai::format_amount(amount(&schedule["total_interest"])),
            thai::format_amount(amount(&schedule["total_payments"]))
        )),
        "the schedule's figures:\n{text}"
    );
    assert!(f.contains("นางสองศรีสุข(สมาชิกเลขที่2)เป็นผู้ค้ำประกัน"), "{text}");
    for block in ["ผู้ขอกู้", "ผู้ค้ำประกัน (ยินยอม)", "ความเห็นของคณะกรรมการเงินกู้"]
    {
        assert!(text.contains(block), "{block}\n{text}");
    }
    assert!(f.contains("อนุมัติให้กู้ได้จำนวน......"), "blank decision: {text}");
    assert!(text.contains("๓,๐๐๑.๐๐"), "Thai digits by default: {text}");

    // After the committee decided: the decision as recorded, with who signed it.
    b.json(
        t,
        &[
            "loan",
            "approve",
            "--loan",
            &loan,
            "--by",
            "3",
            "--date",
            "2025-02-10",
        ],
    );
    let text = pdftotext(&print(
        &b,
        t,
        &["loan-application", "--loan", &loan],
        "application-approved.pdf",
    ));
    let f = flat(&text);
    assert!(
        f.contains(&format!(
            "อนุมัติให้กู้ได้จำนวน3,001.00บาท({words})ผ่อน6งวดเมื่อวันที่10กุมภาพันธ์"
        )),
        "{text}"
    );
    assert!(f.contains("ลงนามอนุมัติโดยนายสามมั่นคง"), "{text}");

    // The group's other เอ็ด convention changes the words, not the figures.
    b.json(
        t,
        &[
            "settings",
            "set",
            "bahttext",
            "libreoffice",
            "--from",
            "1/1/2568",
        ],
    );
    let f = flat(&pdftotext(&print(
        &b,
        t,
        &["loan-application", "--loan", &loan],
        "application-lo.pdf",
    )));
    let lo = thai::bahttext(principal, BahtTextConvention::LibreOffice);
    assert!(f.contains(&format!("3,001.00บาท({lo})")), "{f}");
    assert!(!f.contains(&words), "{f}");

    // An unknown loan is refused and writes nothing.
    let out = b.dir.path().join("none.pdf");
    let msg = b.refused(
        t,
        &[
            "print",
            "loan-application",
            "--loan",
            "2568/999",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(msg.contains("2568/999"), "{msg}");
    assert!(!out.exists());
}

#[test]
fn the_rate_is_written_in_the_products_word_and_the_guarantee_binds_each_guarantor() {
    let b = cli_group();
    let t = "2025-02-10";
    b.json(
        t,
        &[
            "loan",
            "product",
            "add",
            "--code",
            "B",
            "--name",
            "เงินกู้เพื่อการผลิต",
            "--rate",
            "1",
            "--method",
            "declining-equal-principal",
            "--max-months",
            "12",
            "--max-amount",
            "20000",
            "--max-times-savings",
            "2",
            "--guarantors-above",
            "1000",
            "--charge-word",
            "ค่าบำรุง",
        ],
    );
    let loan = paid_loan(&b, t, "B");
    let f = flat(&pdftotext(&print(
        &b,
        t,
        &["loan-contract", "--loan", &loan],
        "c.pdf",
    )));
    assert!(f.contains("ยอมเสียค่าบำรุงให้แก่กลุ่ม"), "{f}");
    assert!(!f.contains("ดอกเบี้ย"), "the product says ค่าบำรุง: {f}");

    let text = pdftotext(&print(&b, t, &["guarantee", "--loan", &loan], "g.pdf"));
    let g = flat(&text);
    assert!(text.contains("สัญญาค้ำประกัน"));
    assert!(g.contains("ข้าพเจ้านางสองศรีสุขสมาชิกเลขที่2"), "{text}");
    assert!(g.contains(&format!("สัญญากู้เงินเลขที่{loan}")), "{text}");
    assert!(g.contains("3,001.00บาท(สามพันเอ็ดบาทถ้วน)"), "{text}");
    assert!(g.contains("ค่าบำรุงร้อยละ1ต่อเดือน"), "{text}");
    for block in ["ผู้ค้ำประกัน", "คู่สมรสผู้ค้ำประกัน", "พยาน"]
    {
        assert!(text.contains(block), "{block}");
    }

    // A loan with no guarantor has no guarantee to print; a waiting loan no contract yet.
    let small = b.json(
        t,
        &[
            "loan",
            "apply",
            "--member",
            "4",
            "--product",
            "A",
            "--amount",
            "500",
            "--months",
            "5",
            "--date",
            "2025-02-10",
        ],
    );
    let small = small["loan"].as_str().unwrap();
    let out = b.dir.path().join("none.pdf");
    let msg = b.refused(
        t,
        &[
            "print",
            "loan-contract",
            "--loan",
            small,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(msg.contains("รออนุมัติ"), "{msg}");
    b.json(t, &["loan", "approve", "--loan", small, "--by", "3"]);
    let msg = b.refused(
        t,
        &[
            "print",
            "guarantee",
            "--loan",
            small,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(msg.contains("ไม่มีผู้ค้ำประกัน"), "{msg}");
    assert!(!out.exists());
}

#[test]
fn the_application_carries_the_beneficiaries_and_the_card_the_member() {
    let b = cli_group();
    let t = "2025-02-10";
    b.json(
        t,
        &[
            "member",
            "add",
            "--name",
            "นางห้า ทองดี",
            "--joined",
            "5/2/2568",
            "--shares",
            "3",
            "--beneficiary",
            "นายหก ทองดี:บุตร:60",
            "--beneficiary",
            "นางสาวเจ็ด ทองดี:บุตร:40",
        ],
    );
    let text = pdftotext(&print(&b, t, &["application", "--member", "5"], "app.pdf"));
    let f = flat(&text);
    assert!(text.contains("อทผ-01"));
    assert!(text.contains("ใบสมัครเข้าเป็นสมาชิก"));
    assert!(f.contains("ข้าพเจ้านางห้าทองดี"), "{text}");
    // 3 shares of 50 baht = 150 a month; the fee of 20 baht in words.
    assert!(
        f.contains("เดือนละ3หุ้นหุ้นละ50.00บาทรวมเดือนละ150.00บาท(หนึ่งร้อยห้าสิบบาทถ้วน)"),
        "{text}"
    );
    assert!(f.contains("20.00บาท(ยี่สิบบาทถ้วน)"), "{text}");
    assert!(f.contains("สมาชิกเลขที่5"));
    assert!(text.contains("หนังสือแสดงเจตนาการรับโอนผลประโยชน์"));
    assert!(
        f.contains("นายหกทองดี") && f.contains("นางสาวเจ็ดทองดี"),
        "{text}"
    );
    assert!(f.contains("60.00") && f.contains("40.00"), "{text}");
    assert!(text.contains("ผู้สมัคร") && text.contains("พยาน"));

    let card = pdftotext(&print(&b, t, &["member-card", "--member", "5"], "card.pdf"));
    let c = flat(&card);
    assert!(card.contains("บัตรประจำตัวสมาชิก"));
    assert!(
        c.contains("นางห้าทองดี") && c.contains("5กุมภาพันธ์พ.ศ.2568"),
        "{card}"
    );

    let out = b.dir.path().join("nobody.pdf");
    let msg = b.refused(
        t,
        &[
            "print",
            "application",
            "--member",
            "99",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(msg.contains("99"), "{msg}");
}

#[test]
fn the_regulation_prints_the_rules_in_force_in_chapter_order_with_each_amendment() {
    let b = cli_group();
    let t = "2025-02-10";
    b.json(
        t,
        &[
            "meeting",
            "new",
            "--kind",
            "annual",
            "--date",
            "8/2/2568",
            "--place",
            "ศาลากลางบ้าน",
        ],
    );
    // A change decided at the meeting is an amendment; one without a meeting is not.
    b.json(
        t,
        &[
            "settings",
            "set",
            "fine_per_month",
            "15",
            "--from",
            "1/3/2568",
            "--meeting",
            "2568/01",
        ],
    );
    b.json(
        t,
        &[
            "settings",
            "set",
            "late_after_day",
            "12",
            "--from",
            "1/3/2568",
        ],
    );
    // An unknown meeting is refused and changes nothing.
    let before = b.dump();
    let msg = b.refused(
        t,
        &[
            "settings",
            "set",
            "share_value",
            "100",
            "--from",
            "1/3/2568",
            "--meeting",
            "2568/09",
        ],
    );
    assert!(msg.contains("2568/09"), "{msg}");
    assert_eq!(before, b.dump());

    let text = pdftotext(&print(&b, "2025-03-02", &["regulation"], "reg.pdf"));
    let f = flat(&text);
    assert!(f.contains("ระเบียบกลุ่มทดสอบเงินกู้"), "{text}");
    let chapters = [
        "หมวด1ชื่อที่ตั้งและวัตถุประสงค์",
        "หมวด2สมาชิก",
        "หมวด3เงินสัจจะสะสม",
        "หมวด4เงินฝาก",
        "หมวด5เงินกู้",
        "หมวด6คณะกรรมการ",
        "หมวด7การประชุม",
        "หมวด8การบัญชีและการเงิน",
        "หมวด9การจัดสรรกำไรสุทธิ",
        "หมวด10สวัสดิการ",
        "หมวด11ค่าปรับและบทลงโทษ",
        "หมวด12การแก้ไขระเบียบและการเลิกกลุ่ม",
        "บันทึกการแก้ไขเพิ่มเติมระเบียบ",
    ];
    let mut at = 0;
    for c in chapters {
        let found = f[at..]
            .find(c)
            .unwrap_or_else(|| panic!("{c} missing or out of order:\n{text}"));
        at += found + c.len();
    }
    // Adopted at the founding; the rules in force; the product; the amendment.
    assert!(f.contains("ใช้บังคับตั้งแต่วันที่1มกราคมพ.ศ.2568"), "{text}");
    assert!(f.contains("หุ้นละ50.00บาท(ห้าสิบบาทถ้วน)"), "{text}");
    assert!(
        f.contains("เดือนละ15.00บาท(สิบห้าบาทถ้วน)ต่อเดือนที่ส่งช้า"),
        "{text}"
    );
    assert!(f.contains("ผู้ส่งหลังวันที่12"), "{text}");
    assert!(f.contains("เงินกู้ประเภทเงินกู้สามัญดอกเบี้ยร้อยละ1ต่อเดือน"), "{text}");
    let amendments = &f[f.find("บันทึกการแก้ไขเพิ่มเติมระเบียบ").unwrap()..];
    // The section up to the page's check-code line.
    let amendments = &amendments[..amendments.find("รหัสตรวจสอบ").unwrap_or(amendments.len())];
    assert_eq!(
        amendments,
        "บันทึกการแก้ไขเพิ่มเติมระเบียบครั้งที่1มติการประชุมใหญ่สามัญประจำปีครั้งที่1/2568เมื่อวันที่8กุมภาพันธ์พ.ศ.2568แก้ไขค่าปรับส่งสัจจะช้า(บาทต่อเดือนที่ช้า)จาก10.00บาทเป็น15.00บาทมีผลตั้งแต่วันที่1มีนาคมพ.ศ.2568",
        "one amendment, the change without a meeting is not one:\n{text}"
    );
    // Continuation pages carry their number at the top: the top strip of page 2.
    let top = std::process::Command::new("pdftotext")
        .args([
            "-f", "2", "-l", "2", "-x", "0", "-y", "0", "-W", "600", "-H", "70",
        ])
        .arg(b.dir.path().join("reg.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext");
    assert_eq!(String::from_utf8(top.stdout).unwrap().trim(), "- ๒ -");
}
