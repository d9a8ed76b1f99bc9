//! Monthly member statements (รายงานบัญชีสมาชิกประจำเดือน): one A4 page per member with the
//! month's pledged savings paid and the total held, deposits, the loan balance and the next
//! instalment, fines and arrears. All members print in one job; a large group is written as a
//! numbered series of files built on two threads, so memory stays bounded whatever the size.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::common::{self, Look, Progress};
use crate::error::Result;
use crate::money::Money;
use crate::print::{
    self, Align, Colour, DocBuilder, Engine, Page, PageSetup, Signature, TextStyle,
};
use crate::report::statement::MemberStatement;
use crate::report::Letterhead;
use crate::thai::YearMonth;

/// Title of the document.
pub const TITLE: &str = "รายงานบัญชีสมาชิกประจำเดือน";

/// Statements per file in a series. Measured on 20,000 members (benches/documents.rs): the
/// whole process peaks at about 250 MB with two threads of 250 pages each (a statement page
/// holds about 0.18 MB until its file is written), and each file costs about 17 ms for its
/// embedded fonts, so fewer, larger files are faster but need more memory.
pub const PER_FILE: usize = 250;

const SECTION_PT: f32 = 14.0;

/// A4 portrait, the usual margins.
pub fn setup() -> PageSetup {
    PageSetup::a4_portrait()
}

/// Draws the statement of one member on a new page of `doc`.
pub fn draw(
    doc: &mut DocBuilder<'_>,
    lh: &Letterhead,
    look: &Look,
    month: YearMonth,
    st: &MemberStatement,
    printed: NaiveDate,
) {
    let page = doc.new_page();
    let s = *page.setup();
    let mut y = common::letterhead(page, lh, TITLE, &format!("เดือน{}", look.month_long(month)));
    let body = TextStyle::new(SECTION_PT);
    let bold = body.bold();
    // Label, number and name as separate runs: the label is shaped once for all pages and
    // the number is composed from digit glyphs; only the name is new on each page.
    let who = TextStyle::new(16.0).bold();
    let mut x = s.left();
    x += page.text(x, y, "สมาชิกเลขที่ ", &who);
    x += page.text(x, y, &look.num(st.member.to_string()), &who);
    page.text(x + 5.0, y, &st.name, &who);
    y += page.line_height(&who);
    // The pledge on a line of its own, in baht as well as shares (a long name never runs
    // into it).
    if st.shares > 0 {
        page.text(
            s.left(),
            y,
            &look.num(format!(
                "สัจจะที่ตั้งไว้ เดือนละ {} หุ้น เป็นเงิน {} บาท",
                st.shares,
                look.amount(st.pledge)
            )),
            &body,
        );
        y += page.line_height(&body);
    }
    y += 3.0;

    let gap = 9.0;
    let col = (s.content_width() - gap) / 2.0;
    let (x1, x2) = (s.left(), s.left() + col + gap);
    let arrears = if st.sajja_arrears.is_zero() {
        "ไม่มี".to_string()
    } else {
        format!(
            "{} ({} เดือน)",
            look.amount(st.sajja_arrears),
            look.num(st.sajja_arrears_months.to_string())
        )
    };
    let sajja = [
        ("ยอดยกมาต้นเดือน", look.amount(st.sajja_opening)),
        ("ส่งในเดือนนี้", look.amount(st.sajja_paid)),
        ("สะสมถึงสิ้นเดือน", look.amount(st.sajja_total)),
        ("ค้างส่ง ณ สิ้นเดือน", arrears),
    ];
    let deposits = [
        ("ยอดยกมาต้นเดือน", look.amount(st.deposits_opening)),
        ("ฝากในเดือนนี้", look.amount(st.deposits_in)),
        ("ถอนในเดือนนี้", look.amount(st.deposits_out)),
        ("คงเหลือสิ้นเดือน", look.amount(st.deposits_closing)),
    ];
    let has_loan = !(st.loan_balance.is_zero()
        && st.loan_principal_paid.is_zero()
        && st.loan_interest_paid.is_zero()
        && st.next_installment.is_zero()
        && st.loan_arrears.is_zero());
    let charge = if lh.loan_charge_word.is_empty() {
        "ดอกเบี้ย"
    } else {
        lh.loan_charge_word.as_str()
    };
    let loan_rows: Vec<(&str, String)> = if has_loan {
        // Never a bare dash while money is owed: the next instalment (with what is overdue),
        // else, when only overdue money is owed, that amount due now, else when the schedule
        // next asks for money.
        let overdue = if st.loan_arrears.is_zero() {
            st.next_installment
        } else {
            st.loan_arrears
        };
        let next = match st.next_due {
            Some(d) if !st.next_regular.is_zero() => {
                format!("{} ({})", look.amount(st.next_installment), look.date(d))
            }
            _ if !overdue.is_zero() => {
                format!("ค้างชำระ {} ถึงกำหนดแล้ว", look.amount(overdue))
            }
            _ => match st.next_scheduled {
                Some(d) if !st.loan_balance.is_zero() => format!("ครบกำหนด {}", look.date(d)),
                _ if st.loan_balance.is_zero() => "ไม่มี".to_string(),
                _ => "ตามตารางผ่อน".to_string(),
            },
        };
        vec![
            ("ส่งเงินต้นในเดือนนี้", look.amount(st.loan_principal_paid)),
            ("ส่ง{charge}ในเดือนนี้", look.amount(st.loan_interest_paid)),
            ("เงินต้นคงเหลือ", look.amount(st.loan_balance)),
            ("งวดถัดไป", next),
            (
                "ค้างชำระรวมค่าปรับ",
                if st.loan_arrears.is_zero() {
                    "ไม่มี".to_string()
                } else {
                    look.amount(st.loan_arrears)
                },
            ),
        ]
    } else {
        vec![("ไม่มีเงินกู้คงค้าง", String::new())]
    };
    let loan_rows: Vec<(String, String)> = loan_rows
        .into_iter()
        .map(|(l, v)| (l.replace("{charge}", charge), v))
        .collect();
    let loan: Vec<(&str, String)> = loan_rows
        .iter()
        .map(|(l, v)| (l.as_str(), v.clone()))
        .collect();
    let fines = [
        ("ปรับส่งสัจจะช้าในเดือนนี้", look.amount(st.fines_charged)),
        ("ชำระค่าปรับสัจจะ/เงินกู้", look.amount(st.fines_paid)),
        ("ค่าปรับสัจจะช้าค้างชำระ", look.amount(st.fines_owed)),
    ];
    // Two columns of boxes, each box under the one before: the member's money on the left,
    // what the member owes on the right. The total goes under the longer column.
    let columns = [
        (x1, [("เงินสัจจะ", &sajja[..]), ("เงินฝาก", &deposits[..])]),
        (x2, [("เงินกู้", &loan[..]), ("ค่าปรับ", &fines[..])]),
    ];
    let mut bottom = y;
    for (x, boxes) in columns {
        let mut y = y;
        for (i, (heading, rows)) in boxes.into_iter().enumerate() {
            if i > 0 {
                y += 4.0;
            }
            y += section(page, x, y, col, heading, rows);
        }
        bottom = bottom.max(y);
    }

    let mut y = bottom + 6.0;
    let held = st.sajja_total + st.deposits_closing;
    page.fill_rect(s.left(), y, s.content_width(), 11.0, Colour(242, 242, 242));
    page.rect(s.left(), y, s.content_width(), 11.0, 0.6);
    page.text(
        s.left() + 3.0,
        y + 1.5,
        "รวมเงินสัจจะและเงินฝากของท่าน ณ สิ้นเดือน",
        &bold,
    );
    let unit = page.text(s.right() - 3.0, y + 1.5, " บาท", &bold.align(Align::Right));
    page.text(
        s.right() - 3.0 - unit,
        y + 1.5,
        &look.amount(held),
        &bold.align(Align::Right),
    );
    y += 11.0;
    page.text(
        s.right() - 3.0,
        y + 0.5,
        &format!("({})", look.words(held)),
        &TextStyle::new(12.0).align(Align::Right),
    );
    y += 10.0;
    if st.in_arrears {
        let notice = TextStyle::new(15.0).bold().align(Align::Centre);
        common::boxed(
            page,
            s.left() + s.content_width() / 2.0,
            y,
            "มียอดค้างชำระ — โปรดชำระในวันรับเงินครั้งถัดไป",
            &notice,
        );
        y += 14.0;
    }
    let note = TextStyle::new(12.0).colour(Colour::DARK_GREY);
    page.paragraph(
        s.left(),
        y,
        s.content_width(),
        "หากยอดในรายงานนี้ไม่ตรงกับสมุดบัญชีของท่าน โปรดแจ้งเหรัญญิกหรือคณะกรรมการตรวจสอบภายในวันรับเงินครั้งถัดไป",
        &note,
    );
    let sig_y = s.bottom() - 30.0;
    page.signatures(
        sig_y,
        &[
            Signature::new("", "เหรัญญิก"),
            Signature::new("", "ประธานกรรมการ"),
        ],
        &TextStyle::new(SECTION_PT),
    );
    footer(page, look, printed, st.member);
}

fn footer(page: &mut Page<'_>, look: &Look, printed: NaiveDate, member: u32) {
    let s = *page.setup();
    let style = TextStyle::new(11.0).colour(Colour::DARK_GREY);
    let y = s.bottom() + (s.margins.bottom - page.line_height(&style)) / 2.0;
    page.text(
        s.left(),
        y,
        &format!("พิมพ์เมื่อ {}", look.date(printed)),
        &style,
    );
    let number = page.text(
        s.right(),
        y,
        &look.num(member.to_string()),
        &style.align(Align::Right),
    );
    page.text(
        s.right() - number,
        y,
        "สมาชิกเลขที่ ",
        &style.align(Align::Right),
    );
}

/// A heading with a rule and label–value lines under it. Returns the height used.
fn section(
    page: &mut Page<'_>,
    x: f32,
    y0: f32,
    width: f32,
    heading: &str,
    rows: &[(&str, String)],
) -> f32 {
    let head = TextStyle::new(SECTION_PT).bold();
    let body = TextStyle::new(SECTION_PT);
    let mut y = y0;
    page.fill_rect(x, y, width, page.line_height(&head), Colour::LIGHT_GREY);
    page.text(x + 2.0, y, heading, &head);
    y += page.line_height(&head);
    for (label, value) in rows {
        y += common::pair(page, x + 2.0, y + 0.5, width - 4.0, label, value, &body) + 1.0;
        page.hline(x, x + width, y, 0.2);
    }
    page.rect(x, y0, width, y - y0, 0.6);
    y - y0
}

/// Statements of `list` in one document (for a few hundred members or fewer).
pub fn document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    month: YearMonth,
    list: &[MemberStatement],
    printed: NaiveDate,
) -> DocBuilder<'e> {
    let look = Look::of(lh);
    let mut doc = DocBuilder::new(engine, setup());
    common::stamp(&mut doc, lh);
    doc.set_title(format!("{TITLE} {}", look.month_long(month)));
    for st in list {
        draw(&mut doc, lh, &look, month, st, printed);
    }
    if doc.page_count() == 0 {
        doc.new_page();
    }
    doc
}

/// Writes every statement to `out` (up to [`PER_FILE`] members) or to the series
/// `out-0001.pdf`, … of [`PER_FILE`] members each, built on two threads. Returns the files.
///
/// # Errors
/// Unwritable output (a failed series is removed), cancellation.
pub fn write(
    engine: &Engine,
    lh: &Letterhead,
    month: YearMonth,
    list: &[MemberStatement],
    out: &Path,
    printed: NaiveDate,
    progress: &Progress,
) -> Result<Vec<PathBuf>> {
    let per_file = common::per_file(PER_FILE);
    let look = Look::of(lh);
    let title = format!("{TITLE} {}", look.month_long(month));
    let opts = common::series_options(lh, out, per_file, setup(), title);
    progress.start(list.len());
    if list.len() <= per_file {
        let mut doc = opts.document(engine);
        for st in list {
            progress.step().map_err(common::job_error)?;
            draw(&mut doc, lh, &look, month, st, printed);
        }
        if doc.page_count() == 0 {
            doc.new_page();
        }
        doc.write(out).map_err(common::print_error)?;
        return Ok(vec![out.to_path_buf()]);
    }
    print::write_series(engine, &opts, list.len(), |doc, i| {
        progress.step()?;
        draw(doc, lh, &look, month, &list[i], printed);
        Ok(())
    })
    .map_err(common::job_error)
}

/// Sum of what the statements say the members hold (savings + deposits), for checks.
pub fn total_held(list: &[MemberStatement]) -> Money {
    list.iter()
        .map(|s| s.sajja_total + s.deposits_closing)
        .sum()
}
