//! The minutes of a meeting (รายงานการประชุม) in the form of the Regulation on Official
//! Correspondence (DOMAIN §5.1): the headings in their order and approved wording —
//! รายงานการประชุม, ครั้งที่, เมื่อ, ณ, ผู้มาประชุม, ผู้ไม่มาประชุม, ผู้เข้าร่วมประชุม, เริ่มประชุมเวลา,
//! ระเบียบวาระที่ ๑–๕ each item with มติที่ประชุม, เลิกประชุมเวลา, ผู้จดรายงานการประชุม,
//! ผู้ตรวจรายงานการประชุม.
//!
//! Body paragraphs are justified and broken only at Thai word boundaries; numbers are in the
//! group's digits for official documents (setting `official_digits`, Thai by default); the
//! continuation pages carry their number at the top (`- ๒ -`), as official documents do.

use super::common::Look;
use super::flow::Flow;
use crate::error::Result;
use crate::meeting::{Attendee, Item, Meeting};
use crate::print::{Align, DocBuilder, Engine, PageSetup, TextStyle};

/// Title of the document.
pub const TITLE: &str = "รายงานการประชุม";

/// Body size: official documents use 16 pt Sarabun.
const PT: f32 = 16.0;

fn attendee_line(look: &Look, i: usize, a: &Attendee) -> (String, String) {
    let name = format!("{}. {}", look.num((i + 1).to_string()), a.name);
    let what = match &a.substitute_for {
        Some(f) => format!("มาประชุมแทน {} ({})", f.name, f.position),
        None if a.reason.is_empty() => a.position.clone(),
        None => format!("{} ({})", a.position, a.reason),
    };
    (name, what)
}

fn votes(look: &Look, it: &Item) -> Option<String> {
    if it.votes_for.is_none() && it.votes_against.is_none() && it.votes_abstain.is_none() {
        return None;
    }
    Some(look.num(format!(
        "เห็นด้วย {} เสียง ไม่เห็นด้วย {} เสียง งดออกเสียง {} เสียง",
        it.votes_for.unwrap_or(0),
        it.votes_against.unwrap_or(0),
        it.votes_abstain.unwrap_or(0)
    )))
}

/// `09:30` → `๐๙.๓๐ น.` (official documents write the time with a full stop).
fn time(look: &Look, t: &Option<String>) -> String {
    match t {
        Some(t) => look.num(format!("{} น.", t.replace(':', "."))),
        None => "........ น.".to_string(),
    }
}

/// The minutes as a document, ready to write.
///
/// # Errors
/// None expected (layout only).
pub fn document<'e>(engine: &'e Engine, m: &Meeting, look: Look) -> Result<DocBuilder<'e>> {
    let mut doc = DocBuilder::new(engine, PageSetup::a4_portrait());
    doc.set_title(format!("{TITLE}ครั้งที่ {}", m.number_label));
    let body = TextStyle::new(PT);
    let bold = body.bold();
    let centre = bold.align(Align::Centre);
    let mut f = Flow::new(&mut doc, body);
    let cx = f.width() / 2.0;
    // Header: centred, as the form sets it.
    let title = format!("{TITLE}{}", m.body);
    let lines = engine.break_lines(&title, bold.font, 18.0, f.width());
    for l in &lines {
        f.line(cx, l, &centre.size(18.0));
    }
    f.line(cx, &look.num(format!("ครั้งที่ {}", m.number_label)), &centre);
    f.line(
        cx,
        &format!("เมื่อ {}", look.date_long(m.date)),
        &body.align(Align::Centre),
    );
    f.line(
        cx,
        &format!(
            "ณ {}",
            if m.place.is_empty() {
                "..........................."
            } else {
                &m.place
            }
        ),
        &body.align(Align::Centre),
    );
    f.gap(2.0);

    let tab = 70.0;
    f.line(0.0, "ผู้มาประชุม", &bold);
    for (i, a) in m.present.iter().enumerate() {
        let (name, what) = attendee_line(&look, i, a);
        f.tabbed(8.0, &name, tab, &what);
    }
    if m.present.is_empty() {
        f.line(8.0, "ไม่มี", &body);
    }
    f.line(0.0, "ผู้ไม่มาประชุม", &bold);
    for (i, a) in m.absent.iter().enumerate() {
        let (name, what) = attendee_line(&look, i, a);
        f.tabbed(8.0, &name, tab, &what);
    }
    let unnamed = m.absent_count as usize - m.absent.len().min(m.absent_count as usize);
    if m.kind != crate::meeting::MeetingKind::Committee && unnamed > 0 {
        f.line(
            8.0,
            &look.num(format!(
                "สมาชิกไม่มาประชุม{} {} คน",
                if m.absent.is_empty() {
                    ""
                } else {
                    "อื่น"
                },
                unnamed
            )),
            &body,
        );
    } else if m.absent.is_empty() {
        f.line(8.0, "ไม่มี", &body);
    }
    f.line(0.0, "ผู้เข้าร่วมประชุม", &bold);
    for (i, g) in m.guests.iter().enumerate() {
        let name = format!("{}. {}", look.num((i + 1).to_string()), g.name);
        f.tabbed(8.0, &name, tab, &g.position);
    }
    if m.guests.is_empty() {
        f.line(8.0, "ไม่มี", &body);
    }
    f.gap(1.0);
    f.line(
        0.0,
        &format!("เริ่มประชุมเวลา {}", time(&look, &m.start)),
        &body,
    );
    f.paragraph(
        0.0,
        15.0,
        &look.num(format!(
            "{} ประธานกล่าวเปิดการประชุมและดำเนินการประชุมตามระเบียบวาระดังนี้",
            m.quorum.text
        )),
    );
    for a in &m.agenda {
        f.gap(1.0);
        f.room(3);
        f.line(
            0.0,
            &look.num(format!("ระเบียบวาระที่ {} {}", a.number, a.title)),
            &bold,
        );
        if a.items.is_empty() {
            f.line(15.0, "ไม่มี", &body);
            continue;
        }
        for (i, it) in a.items.iter().enumerate() {
            f.room(2);
            let heading = look.num(format!("{}.{} {}", a.number, i + 1, it.title));
            if a.items.len() > 1 || it.title != a.title {
                f.paragraph(8.0, 0.0, &heading);
            }
            if !it.text.is_empty() {
                f.paragraph(8.0, 15.0, &look.num(&it.text));
            }
            f.room(1);
            let mut resolution = if it.resolution.is_empty() {
                "รับทราบ".to_string()
            } else {
                look.num(&it.resolution)
            };
            if let Some(v) = votes(&look, it) {
                resolution = format!("{resolution} ({v})");
            }
            f.labelled(8.0, "มติที่ประชุม", &bold, &resolution);
        }
    }
    f.gap(2.0);
    f.line(0.0, &format!("เลิกประชุมเวลา {}", time(&look, &m.end)), &body);
    f.gap(8.0);
    // Signature blocks on the right half, as the form sets them.
    for (person, role) in [
        (&m.recorder, "ผู้จดรายงานการประชุม"),
        (&m.checker, "ผู้ตรวจรายงานการประชุม"),
    ] {
        f.room(4);
        let x = f.left() + f.width() * 0.45;
        let mid = f.left() + f.width() * 0.7;
        let y = f.y;
        let right = f.left() + f.width();
        if let Some(page) = f.doc.last_page_mut() {
            let w = page.text(x, y, "ลงชื่อ", &body);
            let role_w = page.text_width(role, &body);
            let end = right - role_w - 1.0;
            page.dotted_line(x + w + 1.0, end, y, &body);
            page.text(end + 1.0, y, role, &body);
        }
        f.y += f.lh;
        let (name, position) = match person {
            Some(p) => (format!("({})", p.name), p.position.clone()),
            None => (
                "(.......................................)".to_string(),
                String::new(),
            ),
        };
        f.line(mid - f.left(), &name, &body.align(Align::Centre));
        if !position.is_empty() {
            f.line(mid - f.left(), &position, &body.align(Align::Centre));
        }
        f.gap(6.0);
    }
    super::common::number_pages_at_top(&mut doc, look, PT);
    Ok(doc)
}
