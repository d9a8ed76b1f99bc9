//! The group's regulation (ระเบียบกลุ่ม) printed from its dated settings, in the usual chapter
//! order of DOMAIN §1.4: 1 name, seat and objectives · 2 members · 3 pledged savings · 4
//! deposits · 5 loans · 6 the committee · 7 meetings · 8 accounts and money · 9 allocation of
//! the net profit · 10 welfare · 11 fines · 12 amending the regulation and dissolution.
//!
//! Every figure is the value in force on the day printed; the date it was adopted is the
//! founding of the group, and each change of a rule made with a meeting reference (`sajja
//! settings set … --meeting 2568/03`) is listed as an amendment: which meeting, what changed
//! from what to what, from when.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::common::Look;
use super::flow::Flow;
use crate::error::Result;
use crate::loan::LoanProduct;
use crate::money::Money;
use crate::print::{Align, DocBuilder, Engine, PageSetup, Signature, TextStyle};
use crate::report::Letterhead;
use crate::settings::Settings;
use crate::thai;

pub const TITLE: &str = "ระเบียบกลุ่ม";

const PT: f32 = 15.0;

/// One amendment as printed: the meeting that decided it and the change.
#[derive(Clone, Debug, serde::Serialize)]
pub struct AmendmentLine {
    /// `2568/03` and the meeting's kind and date.
    pub meeting: String,
    pub meeting_label: String,
    pub meeting_date: NaiveDate,
    pub effective: NaiveDate,
    pub key: &'static str,
    pub label: &'static str,
    pub before: String,
    pub value: String,
}

/// The regulation's model: the group, the rules in force, the loan products, the amendments.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Regulation {
    pub group: String,
    pub address: String,
    /// Adopted at the founding of the group.
    pub adopted: NaiveDate,
    /// The day whose rules are printed.
    pub as_of: NaiveDate,
    pub rules: Settings,
    pub raw: BTreeMap<&'static str, String>,
    pub products: Vec<LoanProduct>,
    pub amendments: Vec<AmendmentLine>,
    /// The chapter headings, in order.
    pub chapters: Vec<&'static str>,
}

/// The chapter headings, in the usual order.
pub const CHAPTERS: [&str; 12] = [
    "ชื่อ ที่ตั้ง และวัตถุประสงค์",
    "สมาชิก",
    "เงินสัจจะสะสม",
    "เงินฝาก",
    "เงินกู้",
    "คณะกรรมการ",
    "การประชุม",
    "การบัญชีและการเงิน",
    "การจัดสรรกำไรสุทธิ",
    "สวัสดิการ",
    "ค่าปรับและบทลงโทษ",
    "การแก้ไขระเบียบและการเลิกกลุ่ม",
];

/// Gathers the regulation in force on `as_of`.
///
/// # Errors
/// A damaged setting.
pub fn gather(conn: &Connection, as_of: NaiveDate) -> Result<Regulation> {
    let group = crate::group::get(conn)?;
    let mut amendments = Vec::new();
    for a in crate::settings::amendments(conn)? {
        let (number, kind, date): (String, crate::meeting::MeetingKind, NaiveDate) = conn
            .query_row(
                "SELECT number, kind, date FROM meeting WHERE id = ?1",
                [&a.meeting_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
        amendments.push(AmendmentLine {
            meeting: number,
            meeting_label: kind.label().to_string(),
            meeting_date: date,
            effective: a.effective,
            key: a.key,
            label: a.label,
            before: a.before,
            value: a.value,
        });
    }
    Ok(Regulation {
        group: group.name,
        address: group.address,
        adopted: group.founded,
        as_of,
        rules: crate::settings::at(conn, as_of)?,
        raw: crate::settings::raw_values(conn, as_of)?,
        products: crate::loan::product::list(conn)?,
        amendments,
        chapters: CHAPTERS.to_vec(),
    })
}

/// A stored value as the regulation says it: money in baht, choices in words.
pub fn say(look: &Look, key: &str, value: &str) -> String {
    let money = |v: &str| {
        Money::parse(v)
            .map(|m| format!("{} บาท", look.amount(m)))
            .unwrap_or_else(|_| v.to_string())
    };
    let text = match (key, value) {
        (
            "share_value" | "entrance_fee" | "fine_per_month" | "loan_late_fine"
            | "guarantee_limit",
            v,
        ) => money(v),
        (k, v) if k.starts_with("allocation_") && k != "allocation_other_label" => {
            format!("ร้อยละ {v}")
        }
        ("quorum_committee_percent" | "quorum_members_percent" | "loan_default_rate", v) => {
            format!("ร้อยละ {v}")
        }
        ("year_start_month", v) => v
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .map(|m| thai::month_name(m).to_string())
            .unwrap_or_else(|| v.to_string()),
        ("sajja_partial", "yes") => "รับได้".into(),
        ("sajja_partial", _) => "ไม่รับ".into(),
        ("sajja_excess", "deposit") => "เข้าเงินฝากของสมาชิก".into(),
        ("sajja_excess", _) => "ไม่รับ".into(),
        ("bahttext", "libreoffice") => "อ่านเอ็ดเฉพาะหลักหน่วยที่มีหลักสิบ".into(),
        ("bahttext", _) => "อ่านเอ็ดตามพจนานุกรม".into(),
        ("digits" | "official_digits", "thai") => "เลขไทย".into(),
        ("digits" | "official_digits", _) => "เลขอารบิก".into(),
        ("loan_late_rule", "fine") => "ค่าปรับต่องวดที่ส่งช้า".into(),
        ("loan_late_rule", "default-interest") => "ดอกเบี้ยผิดนัดเฉพาะเงินต้นที่ค้าง".into(),
        ("loan_late_rule", _) => "ไม่คิดค่าปรับ".into(),
        ("dividend_method", "x12") => "ตามยอดเงินสัจจะรายเดือน (คูณสิบสอง)".into(),
        ("dividend_method", "month-end") => "ตามยอดเงินสัจจะสิ้นเดือน".into(),
        ("dividend_method", "days") => "ตามจำนวนวันที่เงินอยู่ในกลุ่ม".into(),
        ("dividend_rounding", "baht") => "ปัดเป็นบาท".into(),
        ("dividend_rounding", _) => "ปัดเป็นสตางค์".into(),
        (_, "true" | "yes") => "ใช่".into(),
        (_, "false" | "no") => "ไม่ใช่".into(),
        (_, v) => v.to_string(),
    };
    look.num(text)
}

/// The clauses of each chapter, numbered on through the whole regulation (ข้อ ๑, ๒, …).
fn chapters(look: &Look, r: &Regulation) -> Vec<(&'static str, Vec<String>)> {
    let s = &r.rules;
    let raw = |k: &str| r.raw.get(k).cloned().unwrap_or_default();
    let amount = |m: Money| format!("{} บาท ({})", look.amount(m), look.words(m));
    let n = |v: u32| look.num(v.to_string());
    let place = if r.address.is_empty() {
        String::new()
    } else {
        format!(" ตั้งอยู่ที่{}", look.num(&r.address))
    };
    let mut out = vec![
        (
            CHAPTERS[0],
            vec![
                format!("กลุ่มนี้ชื่อว่า {}{place} ก่อตั้งเมื่อวันที่ {}", r.group, look.date_long(r.adopted)),
                "กลุ่มมีวัตถุประสงค์เพื่อส่งเสริมให้สมาชิกรู้จักการประหยัดและออมทรัพย์ เป็นแหล่งเงินทุนให้สมาชิกกู้ยืมไปใช้ในการประกอบอาชีพและเพื่อการผลิต และพัฒนาคนด้วยคุณธรรมห้าประการ คือ ความซื่อสัตย์ ความเสียสละ ความรับผิดชอบ ความเห็นอกเห็นใจกัน และความไว้วางใจซึ่งกันและกัน".to_string(),
            ],
        ),
        (
            CHAPTERS[1],
            vec![
                "ผู้สมัครเป็นสมาชิกต้องมีภูมิลำเนาอยู่ในหมู่บ้านหรือชุมชนที่ตั้งกลุ่ม เป็นผู้มีความประพฤติดี และยินยอมปฏิบัติตามระเบียบของกลุ่ม โดยยื่นใบสมัครต่อคณะกรรมการ ซึ่งพิจารณารับเข้าเป็นสมาชิกในที่ประชุมคณะกรรมการ".to_string(),
                format!(
                    "ผู้สมัครต้องชำระค่าสมัครและค่าธรรมเนียมแรกเข้าครั้งเดียว เป็นเงิน {} ซึ่งนำเข้าเป็นทุนค่าใช้สอยของกลุ่ม",
                    amount(s.entrance_fee)
                ),
                "สมาชิกภาพสิ้นสุดเมื่อ ตาย ลาออก หรือที่ประชุมใหญ่มีมติให้ออก สมาชิกที่พ้นสภาพได้รับเงินสัจจะสะสมและเงินฝากคืนหลังหักหนี้ที่มีต่อกลุ่ม".to_string(),
                "สมาชิกแต่งตั้งผู้รับผลประโยชน์ได้ไม่เกินสามคน พร้อมส่วนแบ่งเป็นร้อยละ โดยทำหนังสือแสดงเจตนาการรับโอนผลประโยชน์ไว้กับกลุ่ม เมื่อสมาชิกตาย กลุ่มจ่ายเงินของสมาชิกหลังหักหนี้แก่ผู้รับผลประโยชน์ตามส่วนนั้น".to_string(),
            ],
        ),
        (
            CHAPTERS[2],
            vec![
                format!(
                    "สมาชิกส่งเงินสัจจะสะสมเป็นหุ้นทุกเดือน หุ้นละ {} อย่างน้อยเดือนละ {} หุ้น และไม่เกินเดือนละ {} หุ้น",
                    amount(s.share_value),
                    n(s.min_shares),
                    n(s.max_shares)
                ),
                format!(
                    "กลุ่มรับเงินสัจจะทุกวันที่ {} ของเดือน ผู้ส่งหลังวันที่ {} ของเดือนถือว่าส่งช้า",
                    n(s.collection_day),
                    n(s.late_after_day)
                ),
                format!(
                    "สมาชิกส่งเงินสัจจะล่วงหน้าได้ไม่เกิน {} เดือน การส่งไม่เต็มเดือน{} เงินที่ส่งเกินกว่าที่รับได้{}",
                    n(s.sajja_ahead_months),
                    if s.sajja_partial { "รับได้" } else { "ไม่รับ" },
                    if s.sajja_excess == "deposit" {
                        "นำเข้าบัญชีเงินฝากของสมาชิก"
                    } else {
                        "กลุ่มไม่รับ"
                    }
                ),
            ],
        ),
        (
            CHAPTERS[3],
            vec!["สมาชิกฝากเงินกับกลุ่มได้ และถอนได้ตามที่คณะกรรมการกำหนด เงินฝากเป็นของสมาชิกแยกจากเงินสัจจะสะสม กลุ่มรับฝากเงินจากสมาชิกเท่านั้น".to_string()],
        ),
    ];
    let mut loans = vec![format!(
        "สมาชิกกู้เงินจากกลุ่มได้ตามประเภทเงินกู้ที่กลุ่มกำหนด ผู้กู้เสียค่าตอบแทนซึ่งกลุ่มเรียกว่า \"{}\" ตามอัตราของแต่ละประเภท",
        s.loan_charge_word
    )];
    for p in &r.products {
        let mut limits = vec![format!("ส่งคืนไม่เกิน {} งวด", n(p.max_months))];
        if let Some(m) = p.max_amount {
            limits.push(format!("วงเงินไม่เกิน {}", amount(m)));
        }
        if let Some(x) = &p.max_times_savings {
            limits.push(format!("ไม่เกิน {} เท่าของเงินสัจจะสะสมของผู้กู้", look.num(x)));
        }
        if let Some(a) = p.guarantors_above {
            limits.push(format!(
                "กู้เกิน {} บาท ต้องมีสมาชิกค้ำประกัน {} คน",
                look.amount(a),
                n(p.guarantors_required.max(1))
            ));
        }
        loans.push(format!(
            "เงินกู้ประเภท{} {}ร้อยละ {} ต่อเดือน คิดแบบ{} {}",
            p.name,
            p.charge_word.as_deref().unwrap_or(&s.loan_charge_word),
            look.num(&p.rate),
            p.method_label,
            limits.join(" ")
        ));
    }
    loans.push(format!(
        "คณะกรรมการเงินกู้พิจารณาอนุมัติเงินกู้ โดยต้องมีกรรมการเงินกู้ลงนามอนุมัติอย่างน้อย {} คน และติดตามการใช้เงินกู้ให้ตรงตามวัตถุประสงค์",
        n(s.loan_approvals_required)
    ));
    let limit = if s.guarantee_limit.is_zero() {
        String::new()
    } else {
        format!(" และวงเงินค้ำประกันรวมไม่เกิน {}", amount(s.guarantee_limit))
    };
    loans.push(format!(
        "สมาชิกคนหนึ่งค้ำประกันเงินกู้ได้ไม่เกิน {} สัญญา{limit}",
        n(s.guarantee_max_loans)
    ));
    out.push((CHAPTERS[4], loans));
    out.push((
        CHAPTERS[5],
        vec![
            "กลุ่มมีคณะกรรมการสี่คณะ ได้แก่ คณะกรรมการอำนวยการ คณะกรรมการเงินกู้ คณะกรรมการตรวจสอบ และคณะกรรมการส่งเสริม ซึ่งที่ประชุมใหญ่เลือกตั้งจากสมาชิก".to_string(),
            "คณะกรรมการอำนวยการประกอบด้วย ประธาน รองประธาน เลขานุการ เหรัญญิก ปฏิคม และกรรมการ ทำหน้าที่บริหารงานของกลุ่ม เรียกประชุม และเป็นผู้แทนของกลุ่ม คณะกรรมการเงินกู้พิจารณาคำขอกู้ ตรวจผู้ค้ำประกัน และติดตามหนี้ คณะกรรมการตรวจสอบตรวจบัญชี เงินสด และเงินฝากธนาคารทุกเดือนและก่อนประชุมใหญ่ คณะกรรมการส่งเสริมชักชวนสมาชิกและส่งเสริมการออม".to_string(),
        ],
    ));
    out.push((
        CHAPTERS[6],
        vec![
            "คณะกรรมการประชุมทุกเดือนหลังวันรับเงินสัจจะ เพื่อสรุปผลการดำเนินงานของเดือน และประชุมใหญ่สามัญประจำปีเมื่อสิ้นปีบัญชี เพื่ออนุมัติงบการเงินและการจัดสรรกำไร และเลือกตั้งคณะกรรมการ".to_string(),
            format!(
                "การประชุมคณะกรรมการต้องมีกรรมการมาประชุมไม่น้อยกว่าร้อยละ {} ของกรรมการ การประชุมสมาชิกต้องมีสมาชิกมาประชุมไม่น้อยกว่าร้อยละ {} ของสมาชิก จึงเป็นองค์ประชุม",
                n(s.quorum_committee_percent),
                n(s.quorum_members_percent)
            ),
        ],
    ));
    let first_month = thai::month_name(s.year_start_month.clamp(1, 12));
    out.push((
        CHAPTERS[7],
        vec![
            format!("ปีบัญชีของกลุ่มเริ่มวันที่ {} {first_month} ของทุกปี", n(1)),
            "กลุ่มแยกเงินเป็นสองกองทุน คือ เงินทุนดำเนินการ ได้แก่ เงินสัจจะสะสม เงินฝาก และเงินอุดหนุน ใช้ให้สมาชิกกู้และดำเนินกิจกรรมของกลุ่ม และเงินทุนค่าใช้สอย ได้แก่ ค่าสมัคร ค่าธรรมเนียมแรกเข้า และกำไรส่วนที่จัดสรรให้ ใช้จ่ายในการบริหารงานของกลุ่มเท่านั้น".to_string(),
            "เหรัญญิกนำเงินที่รับในวันรับเงินฝากเข้าบัญชีธนาคารของกลุ่มในวันเดียวกัน การถอนเงินจากธนาคารต้องมีกรรมการผู้มีอำนาจลงนามร่วมกัน".to_string(),
        ],
    ));
    let mut allocation = vec![
        ("allocation_dividend", "ปันผลตามเงินสัจจะสะสม"),
        ("allocation_average_return", "เฉลี่ยคืนตามค่าตอบแทนเงินกู้ที่สมาชิกส่ง"),
        (
            "allocation_purchase_return",
            "เฉลี่ยคืนตามยอดซื้อสินค้าจากธุรกิจของกลุ่ม",
        ),
        ("allocation_reserve", "ทุนสำรอง"),
        ("allocation_committee", "ค่าตอบแทนคณะกรรมการ"),
        ("allocation_welfare", "สวัสดิการสมาชิก"),
        ("allocation_public_benefit", "สาธารณประโยชน์"),
        ("allocation_expense_fund", "ทุนค่าใช้สอย"),
    ]
    .into_iter()
    .map(|(k, l)| (l.to_string(), raw(k)))
    .collect::<Vec<_>>();
    if raw("allocation_other") != "0" {
        allocation.push((raw("allocation_other_label"), raw("allocation_other")));
    }
    let parts: Vec<String> = allocation
        .iter()
        .filter(|(_, v)| v != "0")
        .map(|(l, v)| format!("{l} ร้อยละ {}", look.num(v)))
        .collect();
    out.push((
        CHAPTERS[8],
        vec![
            format!("เมื่อสิ้นปีบัญชี กำไรสุทธิของกลุ่มจัดสรรดังนี้ {}", parts.join(" ")),
            format!(
                "ปันผลคิด{} {}",
                say(look, "dividend_method", &raw("dividend_method")),
                say(look, "dividend_rounding", &raw("dividend_rounding"))
            ),
        ],
    ));
    out.push((
        CHAPTERS[9],
        vec![format!(
            "กลุ่มจัดสวัสดิการแก่สมาชิกจากเงินที่จัดสรรจากกำไรสุทธิ ร้อยละ {} ตามที่คณะกรรมการเสนอและที่ประชุมใหญ่อนุมัติ",
            look.num(raw("allocation_welfare"))
        )],
    ));
    let loan_late = match s.loan_late_rule.as_str() {
        "fine" => format!(
            "ผู้กู้ที่ส่งเงินงวดช้ากว่ากำหนด เสียค่าปรับงวดละ {}",
            amount(s.loan_late_fine)
        ),
        "default-interest" => format!(
            "ผู้กู้ที่ส่งเงินงวดช้ากว่ากำหนด เสียดอกเบี้ยผิดนัดร้อยละ {} ต่อปี เฉพาะเงินต้นที่ค้าง",
            look.num(&s.loan_default_rate)
        ),
        _ => "ผู้กู้ที่ส่งเงินงวดช้ากว่ากำหนดไม่ต้องเสียค่าปรับ แต่คณะกรรมการเงินกู้ติดตามทวงถาม".to_string(),
    };
    let sajja_late = if s.fine_per_month.is_zero() {
        "สมาชิกที่ส่งเงินสัจจะช้าไม่ต้องเสียค่าปรับ".to_string()
    } else {
        format!(
            "สมาชิกที่ส่งเงินสัจจะช้ากว่ากำหนด เสียค่าปรับเดือนละ {} ต่อเดือนที่ส่งช้า",
            amount(s.fine_per_month)
        )
    };
    out.push((CHAPTERS[10], vec![sajja_late, loan_late]));
    out.push((
        CHAPTERS[11],
        vec![
            "การแก้ไขเพิ่มเติมระเบียบนี้ทำได้โดยมติของที่ประชุมใหญ่ และมีผลตั้งแต่วันที่ที่ประชุมกำหนด".to_string(),
            "การเลิกกลุ่มทำได้โดยมติของที่ประชุมใหญ่ไม่น้อยกว่าสองในสามของสมาชิกทั้งหมด เมื่อเลิกกลุ่ม ให้จ่ายหนี้สินของกลุ่มและคืนเงินสัจจะสะสมและเงินฝากแก่สมาชิกก่อน ทรัพย์สินที่เหลือให้เป็นไปตามมติของที่ประชุมใหญ่".to_string(),
        ],
    ));
    out
}

/// The regulation as a document.
///
/// # Errors
/// None expected (layout only).
pub fn document<'e>(
    engine: &'e Engine,
    _lh: &Letterhead,
    look: Look,
    r: &Regulation,
) -> Result<DocBuilder<'e>> {
    let mut doc = DocBuilder::new(engine, PageSetup::a4_portrait());
    // "ระเบียบ" + the group's name, without saying กลุ่ม twice.
    doc.set_title(match r.group.strip_prefix("กลุ่ม") {
        Some(_) => format!("ระเบียบ{}", r.group),
        None => format!("{TITLE}{}", r.group),
    });
    let body = TextStyle::new(PT);
    let bold = body.bold();
    {
        let mut f = Flow::new(&mut doc, body);
        let cx = f.width() / 2.0;
        for l in engine.break_lines(&format!("ระเบียบ{}", r.group), bold.font, 18.0, f.width())
        {
            f.line(cx, &l, &bold.size(18.0).align(Align::Centre));
        }
        f.line(
            cx,
            &format!(
                "พ.ศ. {}",
                look.num(thai::be_year(chrono::Datelike::year(&r.adopted)).to_string())
            ),
            &bold.align(Align::Centre),
        );
        f.gap(1.0);
        f.paragraph(
            0.0,
            15.0,
            &format!(
                "เพื่อให้การดำเนินงานของ{} เป็นไปด้วยความเรียบร้อย สมาชิกจึงได้ร่วมกันวางระเบียบไว้ดังต่อไปนี้ ระเบียบนี้ใช้บังคับตั้งแต่วันที่ {}{}",
                r.group,
                look.date_long(r.adopted),
                if r.amendments.is_empty() {
                    String::new()
                } else {
                    format!(
                        " และแก้ไขเพิ่มเติมตามมติที่ประชุม {} ครั้ง ตามบันทึกท้ายระเบียบ ข้อความในระเบียบนี้เป็นฉบับที่ใช้อยู่ ณ {}",
                        look.num(r.amendments.len().to_string()),
                        look.date_long(r.as_of)
                    )
                }
            ),
        );
        let mut clause = 0;
        for (i, (title, clauses)) in chapters(&look, r).iter().enumerate() {
            f.gap(2.0);
            f.room(3);
            f.line(
                cx,
                &look.num(format!("หมวด {} {title}", i + 1)),
                &bold.align(Align::Centre),
            );
            for c in clauses {
                clause += 1;
                f.labelled(15.0, &look.num(format!("ข้อ {clause}")), &body, c);
            }
        }
        f.gap(2.0);
        f.line(
            cx + 20.0,
            &format!("ประกาศ ณ วันที่ {}", look.date_long(r.adopted)),
            &body.align(Align::Centre),
        );
        f.gap(8.0);
        f.signatures(&[Signature::new("", "ประธานกรรมการ")]);

        if !r.amendments.is_empty() {
            f.gap(6.0);
            f.room(4);
            f.line(
                cx,
                "บันทึกการแก้ไขเพิ่มเติมระเบียบ",
                &bold.size(17.0).align(Align::Centre),
            );
            for (i, a) in r.amendments.iter().enumerate() {
                f.gap(1.0);
                f.labelled(
                    0.0,
                    &look.num(format!("ครั้งที่ {}", i + 1)),
                    &bold,
                    &format!(
                        "มติ{} ครั้งที่ {} เมื่อวันที่ {} แก้ไข{} จาก {} เป็น {} มีผลตั้งแต่วันที่ {}",
                        a.meeting_label,
                        look.num(crate::meeting_ref::label(&a.meeting)),
                        look.date_long(a.meeting_date),
                        a.label,
                        say(&look, a.key, &a.before),
                        say(&look, a.key, &a.value),
                        look.date_long(a.effective)
                    ),
                );
            }
        }
    }
    super::common::number_pages_at_top(&mut doc, look, PT);
    Ok(doc)
}
