//! The audit committee's report of a period (รายงานการตรวจสอบ), A4 landscape: one numbered
//! section per kind of change (reversals with their reason, maker and checker; closes;
//! settings; users; loan decisions; refused PINs; restores, copies and seals; prints), each a
//! table that flows over pages, then the committee's signatures. Draws
//! [`crate::report::audit_trail::AuditReport`] only.

use chrono::NaiveDate;

use super::common::{self, Look};
use crate::error::Result;
use crate::print::{Column, DocBuilder, Engine, PageSetup, Signature, Table, TextStyle};
use crate::report::audit_trail::{AuditReport, Person, Section};
use crate::report::Letterhead;

pub const TITLE: &str = "รายงานการตรวจสอบสำหรับคณะกรรมการตรวจสอบ";

const PT: f32 = 11.5;

/// The name over `สมาชิกเลขที่ n`, or `-` when nobody is recorded.
fn who(look: &Look, p: Option<&Person>) -> String {
    match p {
        Some(p) => look.num(format!("{}\nสมาชิกเลขที่ {}", p.name, p.member)),
        None => "-".to_string(),
    }
}

fn table(engine: &Engine, look: &Look, s: &Section, sample_date: NaiveDate) -> Table {
    let pt = look.fit_pt(PT);
    let width = PageSetup::a4_landscape().content_width();
    let no = common::fit_width(engine, &look.num("000"), pt);
    let date = common::fit_width(engine, &look.date_short(sample_date), pt);
    let time = common::fit_width(engine, &look.num("00:00 น."), pt);
    let person = 46.0;
    let mut t = Table::new(vec![
        Column::centre("ที่", no),
        Column::centre("วันที่", date),
        Column::centre("เวลา", time),
        Column::left("รายการ", width - no - date - time - 2.0 * person),
        Column::left("ผู้ทำ", person),
        Column::left("ผู้ตรวจ (คนที่สอง)", person),
    ]);
    t.style = common::table_style(pt);
    for (i, l) in s.lines.iter().enumerate() {
        let mut what = l.what.clone();
        if !l.reason.is_empty() {
            what.push_str(&format!("\nเหตุผล: {}", l.reason));
        }
        t.row([
            look.num((i + 1).to_string()),
            look.date_short(l.date),
            if l.time.is_empty() {
                String::new()
            } else {
                look.num(format!("{} น.", l.time))
            },
            look.num(what),
            who(look, l.maker.as_ref()),
            who(look, l.checker.as_ref()),
        ]);
    }
    if s.lines.is_empty() {
        t.row(["", "", "", "ไม่มีในช่วงนี้"]);
    }
    t
}

/// The report as one document.
///
/// # Errors
/// Layout errors of the engine (none expected).
pub fn document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    r: &AuditReport,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let look = Look::of(lh);
    let mut doc = DocBuilder::new(engine, PageSetup::a4_landscape());
    common::stamp(&mut doc, lh);
    let period = format!(
        "ตั้งแต่วันที่ {} ถึงวันที่ {}",
        look.date_long(r.from),
        look.date_long(r.to)
    );
    doc.set_title(format!("{TITLE} {period}"));
    let mut y = common::letterhead(doc.new_page(), lh, TITLE, &period);
    let x = doc.setup().left();
    let width = doc.setup().content_width();
    let body = TextStyle::new(common::BODY_PT - 1.0);
    {
        let page = common::last_page(&mut doc);
        let mut intro = format!(
            "รายการทุกเรื่องที่เปลี่ยนแปลงบัญชีนอกเหนือจากการรับ–จ่ายเงินตามปกติ รวม {} รายการ",
            r.line_count()
        );
        if !r.has_users {
            intro.push_str(" — กลุ่มยังไม่มีผู้ใช้ในโปรแกรม จึงไม่มีชื่อผู้ทำและผู้ตรวจ");
        }
        y += page.paragraph(x, y, width, &look.num(intro), &body) + 2.0;
    }
    let heading = TextStyle::new(14.0).bold();
    for (i, s) in r.sections.iter().enumerate() {
        y = common::room(&mut doc, y, 30.0, TITLE, &period);
        let page = common::last_page(&mut doc);
        let text = look.num(format!("{}. {} ({} รายการ)", i + 1, s.title, s.lines.len()));
        page.text(x, y, &text, &heading);
        y += page.line_height(&heading);
        let t = table(doc.engine(), &look, s, r.to);
        let running = period.clone();
        y = doc
            .table(&t, x, y, |page| common::running_head(page, TITLE, &running))
            .map_err(common::print_error)?
            + 5.0;
    }
    y = common::room(&mut doc, y, 40.0, TITLE, &period);
    let page = common::last_page(&mut doc);
    y += page.paragraph(x, y, width, "คณะกรรมการตรวจสอบได้ตรวจรายการข้างต้นแล้ว", &body) + 4.0;
    common::signed(
        page,
        y,
        &[
            Signature::new("", "กรรมการตรวจสอบ"),
            Signature::new("", "กรรมการตรวจสอบ"),
            Signature::new("", "ประธานกรรมการตรวจสอบ"),
        ],
        false,
    );
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}
