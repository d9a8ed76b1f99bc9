//! The member register (ทะเบียนสมาชิก), A4 portrait: every member by number with the ID number
//! masked as on every printed list (`1-xxxx-xxxxx-xx-0`), the day they joined, their shares
//! and whether they left; the counts at the end. Draws [`crate::report::members::MemberList`].

use chrono::NaiveDate;

use super::common::{self, Look};
use crate::error::Result;
use crate::print::{Column, DocBuilder, Engine, PageSetup, Table};
use crate::report::members::MemberList;
use crate::report::Letterhead;

pub const TITLE: &str = "ทะเบียนสมาชิก";

fn table(engine: &Engine, look: &Look, list: &MemberList) -> Table {
    let pt = look.fit_pt(12.0);
    let width = PageSetup::a4_portrait().content_width();
    let no = common::fit_width(engine, &look.num("00000"), pt);
    let id = common::fit_width(engine, "0-xxxx-xxxxx-xx-0", pt);
    let date = common::fit_width(engine, &look.date_short(list.on), pt);
    let shares = 14.0;
    let status = 34.0;
    let mut t = Table::new(vec![
        Column::centre("เลขที่", no),
        Column::left("ชื่อ–สกุล", width - no - id - date - shares - status),
        Column::centre("เลขประจำตัวประชาชน", id),
        Column::centre("วันที่เป็น\nสมาชิก", date),
        Column::right("หุ้น", shares),
        Column::left("สถานะ", status),
    ]);
    t.style = common::table_style(pt);
    for l in &list.lines {
        let status = match (l.left_on, &l.left_reason) {
            (Some(d), Some(why)) => format!("{why} {}", look.date_short(d)),
            (Some(d), None) => format!("พ้นสภาพ {}", look.date_short(d)),
            _ => "เป็นสมาชิก".to_string(),
        };
        t.row([
            look.num(l.number.to_string()),
            l.full_name.clone(),
            if l.id_masked.is_empty() {
                "-".to_string()
            } else {
                look.num(&l.id_masked)
            },
            look.date_short(l.joined),
            look.num(l.shares.to_string()),
            status,
        ]);
    }
    if list.lines.is_empty() {
        t.row(["", "ยังไม่มีสมาชิก"]);
    }
    t.total_row([
        String::new(),
        look.num(format!("รวม {} คน", list.lines.len())),
        String::new(),
        String::new(),
        String::new(),
        look.num(format!(
            "เป็นสมาชิก {} คน\nพ้นสภาพ {} คน",
            list.active, list.left
        )),
    ]);
    t
}

/// The register as one document.
///
/// # Errors
/// Layout errors of the engine (none expected).
pub fn document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    list: &MemberList,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let look = Look::of(lh);
    let mut doc = DocBuilder::new(engine, PageSetup::a4_portrait());
    common::stamp(&mut doc, lh);
    let subtitle = format!("ณ วันที่ {}", look.date_long(list.on));
    doc.set_title(format!("{TITLE} {subtitle}"));
    let top = common::letterhead(doc.new_page(), lh, TITLE, &subtitle);
    let t = table(doc.engine(), &look, list);
    let left = doc.setup().left();
    let running = subtitle.clone();
    doc.table(&t, left, top, |page| {
        common::running_head(page, TITLE, &running)
    })
    .map_err(common::print_error)?;
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}
