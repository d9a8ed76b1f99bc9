//! The membership documents: the application (ใบสมัครสมาชิก, in the style of the อทผ-01 form
//! of DOMAIN §1.4) with the beneficiary designation (หนังสือแสดงเจตนาการรับโอนผลประโยชน์)
//! on its second page, and the member card (บัตรประจำตัวสมาชิก), front and back side by side
//! on A4 with cutting marks.
//!
//! Printed from the member record and the rules in force on the joining date: the pledged
//! shares, the share value and the monthly amount, the entrance fee, in figures and in words.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::common::{self, Look};
use super::flow::Flow;
use crate::error::Result;
use crate::member::Member;
use crate::money::Money;
use crate::print::{
    Align, Colour, Column, DocBuilder, Engine, PageSetup, Signature, Table, TextStyle,
};
use crate::report::Letterhead;

pub const APPLICATION_TITLE: &str = "ใบสมัครเข้าเป็นสมาชิก";
pub const BENEFICIARY_TITLE: &str = "หนังสือแสดงเจตนาการรับโอนผลประโยชน์";
pub const CARD_TITLE: &str = "บัตรประจำตัวสมาชิก";
/// The form code printed at the top right, as on the group forms it follows.
pub const FORM_CODE: &str = "อทผ-01";

const PT: f32 = 14.0;

/// A member with the figures of their joining.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberPapers {
    pub member: Member,
    /// Shares pledged a month (the current pledge), the share value on the joining date and
    /// their product.
    pub shares: u32,
    pub share_value: Money,
    pub monthly: Money,
    /// The entrance fee in force on the joining date.
    pub entrance_fee: Money,
    /// Collection day of the month (the card's back).
    pub collection_day: u32,
    /// The executive chair on the joining date, who signs the admission and the card.
    pub chair: Option<String>,
}

/// Gathers the papers of member `number`.
///
/// # Errors
/// Unknown member.
pub fn gather(conn: &Connection, number: u32) -> Result<MemberPapers> {
    let member = crate::member::get(conn, number)?;
    let rules = crate::settings::at(conn, member.joined)?;
    let chair = crate::committee::holders(conn, "executive", member.joined)?
        .into_iter()
        .find(|s| s.position == "ประธาน")
        .map(|s| s.name);
    Ok(MemberPapers {
        shares: member.shares,
        share_value: rules.share_value,
        monthly: rules.share_value.times(i64::from(member.shares)),
        entrance_fee: rules.entrance_fee,
        collection_day: rules.collection_day,
        chair,
        member,
    })
}

fn or_dots(text: &str, dots: &str) -> String {
    if text.trim().is_empty() {
        dots.to_string()
    } else {
        text.to_string()
    }
}

/// The head of a page of the form: its code at the top right, its title (in `size` pt) and
/// the group centred, then `right_lines` (where and when it is written) on the right.
fn form_head(
    f: &mut Flow<'_, '_>,
    lh: &Letterhead,
    (title, size): (&str, f32),
    right_lines: &[String],
) {
    let body = f.style;
    let (cx, right) = (f.width() / 2.0, f.width());
    f.line(right, FORM_CODE, &body.size(13.0).align(Align::Right));
    f.line(cx, title, &body.bold().size(size).align(Align::Centre));
    f.line(cx, &lh.group, &body.bold().align(Align::Centre));
    f.gap(2.0);
    for line in right_lines {
        f.line(right, line, &body.align(Align::Right));
    }
}

/// The application and, on its second page, the beneficiary designation.
///
/// # Errors
/// A layout failure of the beneficiary table.
pub fn application<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    look: Look,
    p: &MemberPapers,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let m = &p.member;
    let mut doc = DocBuilder::new(engine, PageSetup::a4_portrait());
    doc.set_title(format!("{APPLICATION_TITLE} สมาชิกเลขที่ {}", m.number));
    let body = TextStyle::new(PT);
    let bold = body.bold();
    let table_y;
    {
        let mut f = Flow::new(&mut doc, body);
        f.head_lines = 0.0;
        let dated = format!("วันที่ {}", look.date_long(m.joined));
        form_head(
            &mut f,
            lh,
            (APPLICATION_TITLE, 20.0),
            &[format!("เขียนที่ {}", lh.group), dated.clone()],
        );
        f.gap(1.0);
        f.line(0.0, &format!("เรียน ประธานกรรมการ{}", lh.group), &body);
        f.gap(1.0);
        let birth = match m.birth_date {
            Some(b) => format!(" เกิดวันที่ {}", look.date_long(b)),
            None => " เกิดวันที่ ........ เดือน .................... พ.ศ. ............".to_string(),
        };
        f.paragraph(
            0.0,
            15.0,
            &format!(
                "ข้าพเจ้า {} เลขประจำตัวประชาชน {}{birth} อยู่{} โทรศัพท์ {} มีความประสงค์ขอสมัครเข้าเป็นสมาชิก{} และขอให้คำรับรองไว้ดังต่อไปนี้",
                m.full_name,
                look.num(or_dots(m.id_card.as_deref().unwrap_or(""), "........................")),
                look.num(or_dots(&m.address, "บ้านเลขที่ ............ หมู่ที่ ...... ตำบล ....................")),
                look.num(or_dots(&m.phone, "....................")),
                lh.group
            ),
        );
        let clauses = [
            format!(
                "ข้าพเจ้าจะส่งเงินสัจจะสะสมทุกเดือน เดือนละ {} หุ้น หุ้นละ {} บาท รวมเดือนละ {} บาท ({}) ภายในวันที่ {} ของทุกเดือน",
                look.num(p.shares.to_string()),
                look.amount(p.share_value),
                look.amount(p.monthly),
                look.words(p.monthly),
                look.num(p.collection_day.to_string())
            ),
            format!(
                "ข้าพเจ้ายินดีชำระค่าสมัครและค่าธรรมเนียมแรกเข้า เป็นเงิน {} บาท ({}) ซึ่งกลุ่มนำเข้าเป็นทุนค่าใช้สอยของกลุ่ม",
                look.amount(p.entrance_fee),
                look.words(p.entrance_fee)
            ),
            "ข้าพเจ้าได้ทราบระเบียบของกลุ่มแล้ว และจะปฏิบัติตามระเบียบ และมติของที่ประชุมทุกประการ".to_string(),
            "ข้าพเจ้าได้แนบหนังสือแสดงเจตนาการรับโอนผลประโยชน์มาพร้อมใบสมัครนี้".to_string(),
        ];
        f.clauses(&look, &clauses);
        f.gap(6.0);
        f.signatures(&[Signature::new(m.full_name.clone(), "ผู้สมัคร")]);
        f.gap(4.0);
        // The committee's part: the admission, with the numbers the books gave.
        f.room(7);
        let top = f.y;
        f.gap(2.0);
        f.line(0.0, "สำหรับคณะกรรมการ", &bold);
        f.paragraph(
            0.0,
            12.0,
            &format!(
                "คณะกรรมการพิจารณาในการประชุมครั้งที่ ............ เมื่อ .................................. มีมติรับเข้าเป็นสมาชิก ตั้งแต่วันที่ {} สมาชิกเลขที่ {} และได้รับค่าสมัครและค่าธรรมเนียมแรกเข้า {} บาท แล้ว",
                look.date_long(m.joined),
                look.num(m.number.to_string()),
                look.amount(p.entrance_fee)
            ),
        );
        f.gap(2.0);
        f.signatures(&[
            Signature::new(p.chair.clone().unwrap_or_default(), "ประธานกรรมการ"),
            Signature::new("", "เลขานุการ"),
        ]);
        let bottom = f.y + 2.0;
        let width = f.width();
        let left = f.left();
        if let Some(page) = f.doc.last_page_mut() {
            // The box stands just outside the text column.
            page.rect(left - 3.0, top, width + 6.0, bottom - top, 0.6);
        }
        f.y = bottom;

        // Page 2: the beneficiary designation.
        f.page_break();
        f.y = f.doc.setup().top();
        form_head(&mut f, lh, (BENEFICIARY_TITLE, 18.0), &[dated]);
        f.gap(1.0);
        f.paragraph(
            0.0,
            15.0,
            &format!(
                "ข้าพเจ้า {} สมาชิกเลขที่ {} ขอแสดงเจตนาว่า เมื่อข้าพเจ้าถึงแก่กรรม ให้กลุ่มจ่ายเงินสัจจะสะสม เงินฝาก และผลประโยชน์ทั้งปวงที่ข้าพเจ้ามีอยู่ในกลุ่ม หลังหักหนี้ที่ข้าพเจ้ามีต่อกลุ่มแล้ว แก่ผู้รับผลประโยชน์ต่อไปนี้ ตามส่วนที่ระบุไว้",
                m.full_name,
                look.num(m.number.to_string())
            ),
        );
        f.gap(2.0);
        table_y = f.y;
    }
    let width = doc.setup().content_width();
    let x = doc.setup().left();
    let mut t = Table::new(vec![
        Column::centre("ลำดับ", 15.0),
        Column::left("ชื่อ-สกุล", width - 15.0 - 48.0 - 16.0 - 30.0 - 22.0),
        Column::centre("เลขประจำตัวประชาชน", 48.0),
        Column::centre("อายุ", 16.0),
        Column::centre("ความสัมพันธ์", 30.0),
        Column::right("ร้อยละ", 22.0),
    ]);
    t.style = common::table_style(look.fit_pt(14.0));
    // Up to three beneficiaries; the empty rows are there to be filled in by hand.
    for i in 0..3.max(m.beneficiaries.len()) {
        match m.beneficiaries.get(i) {
            Some(b) => t.row([
                look.num((i + 1).to_string()),
                b.name.clone(),
                look.num(b.id_card.clone().unwrap_or_default()),
                String::new(),
                b.relation.clone(),
                look.num(&b.share_percent),
            ]),
            None => t.row([look.num((i + 1).to_string())]),
        };
    }
    let mut y = doc.table(&t, x, table_y, |page| page.setup().top())?;
    let page = doc.last_page_mut().expect("a page");
    let style = TextStyle::new(PT);
    y += 3.0;
    y += page.paragraph(
        x,
        y,
        width,
        "หากผู้รับผลประโยชน์คนใดถึงแก่กรรมก่อนข้าพเจ้า ให้แบ่งส่วนของผู้นั้นแก่ผู้รับผลประโยชน์ที่เหลือตามสัดส่วน ข้าพเจ้าขอเปลี่ยนแปลงหนังสือนี้ได้โดยแจ้งเป็นหนังสือต่อคณะกรรมการ",
        &style,
    );
    y += 8.0;
    y += page.signatures(
        y,
        &[Signature::new(m.full_name.clone(), "ผู้แสดงเจตนา")],
        &style,
    );
    y += 6.0;
    page.signatures(
        y,
        &[Signature::new("", "พยาน"), Signature::new("", "พยาน")],
        &style,
    );
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}

/// The member card: front (group, member, number, joining date, pledge) and back (what the
/// card is for, collection day, signatures), each 85.6 × 54 mm, side by side on A4 with
/// cutting marks.
///
/// # Errors
/// None expected (the layout is fixed).
pub fn card<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    look: Look,
    p: &MemberPapers,
) -> Result<DocBuilder<'e>> {
    let m = &p.member;
    let mut doc = DocBuilder::new(engine, PageSetup::a4_portrait());
    doc.set_title(format!("{CARD_TITLE} สมาชิกเลขที่ {}", m.number));
    let page = doc.new_page();
    let s = *page.setup();
    let (w, h) = (85.6, 54.0);
    let gap = 6.0;
    let x0 = s.left() + (s.content_width() - 2.0 * w - gap) / 2.0;
    let y0 = s.top() + 10.0;
    let note = TextStyle::new(11.0).colour(Colour::DARK_GREY);
    page.text(
        s.left(),
        s.top(),
        "ตัดตามเส้นทั้งสองชิ้น ประกบหลังกันแล้วเคลือบ: ชิ้นซ้ายเป็นด้านหน้า ชิ้นขวาเป็นด้านหลัง",
        &note,
    );
    for i in 0..2 {
        let x = x0 + i as f32 * (w + gap);
        page.rect(x, y0, w, h, 0.6);
    }
    // Front.
    let cx = x0 + w / 2.0;
    let band = 11.0;
    page.fill_rect(x0, y0, w, band, Colour::LIGHT_GREY);
    let group = TextStyle::new(11.0).bold().align(Align::Centre);
    let lines = engine.break_lines(&lh.group, group.font, group.size_pt, w - 4.0);
    let mut y = y0 + 0.5;
    for l in lines.iter().take(2) {
        page.text(
            cx,
            y,
            l,
            &group.size(if lines.len() > 1 { 9.5 } else { 11.0 }),
        );
        y += if lines.len() > 1 { 4.6 } else { 5.0 };
    }
    let small = TextStyle::new(10.0);
    page.text(
        cx,
        y0 + band + 0.5,
        CARD_TITLE,
        &TextStyle::new(13.0).bold().align(Align::Centre),
    );
    let left = x0 + 4.0;
    let mut y = y0 + band + 7.5;
    let row = 5.6;
    let label = TextStyle::new(11.0).colour(Colour::DARK_GREY);
    let value = TextStyle::new(12.0).bold();
    for (l, v) in [
        ("ชื่อ-สกุล", m.full_name.clone()),
        ("สมาชิกเลขที่", look.num(m.number.to_string())),
        ("เป็นสมาชิกตั้งแต่", look.date_long(m.joined)),
        (
            "ส่งสัจจะเดือนละ",
            format!(
                "{} หุ้น {} บาท",
                look.num(p.shares.to_string()),
                look.amount(p.monthly)
            ),
        ),
    ] {
        page.text(left, y + 0.6, l, &label);
        page.text(left + 31.0, y, &v, &value);
        y += row;
    }
    page.text(left, y0 + h - 6.5, "ลายมือชื่อสมาชิก", &small);
    page.dotted_line(left + 24.0, x0 + w - 4.0, y0 + h - 6.5, &small);
    // Back.
    let bx = x0 + w + gap;
    let bcx = bx + w / 2.0;
    let mut y = y0 + 3.0;
    let back = TextStyle::new(11.0);
    for line in engine.break_lines(
        &look.num(format!(
            "ให้นำบัตรนี้และสมุดคู่ฝากมาทุกครั้งในวันรับเงินสัจจะ วันที่ {} ของทุกเดือน บัตรนี้ใช้เฉพาะตัวสมาชิก หากบัตรหายให้แจ้งคณะกรรมการทันที",
            p.collection_day
        )),
        back.font,
        back.size_pt,
        w - 8.0,
    ) {
        page.text(bx + 4.0, y, &line, &back);
        y += 5.0;
    }
    page.text(
        bcx,
        y0 + h - 17.0,
        &format!("ออกให้ ณ วันที่ {}", look.date_long(m.joined)),
        &small.align(Align::Centre),
    );
    page.dotted_line(bx + 14.0, bx + w - 14.0, y0 + h - 11.5, &small);
    let chair = match &p.chair {
        Some(n) => format!("({n}) ประธานกรรมการ"),
        None => "ประธานกรรมการ".to_string(),
    };
    page.text(bcx, y0 + h - 6.5, &chair, &small.align(Align::Centre));
    Ok(doc)
}
