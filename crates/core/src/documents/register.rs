//! The pledged-savings register of an accounting year (ทะเบียนคุมเงินสัจจะรายตัว): one row per
//! member, the savings held at the start of the year, what was paid in each of the twelve
//! months, the year's total and the savings held at the end; totals per month. A4 landscape.
//!
//! When every amount is in whole baht (the usual case: pledges are whole shares) the month
//! columns drop the `.00` and the note says so; otherwise they keep satang in a smaller size.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::common::{self, Look, Part, Progress};
use crate::error::Result;
use crate::money::Money;
use crate::print::{
    Align, Column, DocBuilder, Engine, Margins, PageSetup, PageSize, Table, TextStyle,
};
use crate::register::SajjaRegister;
use crate::report::Letterhead;
use crate::thai::{self, YearMonth};

/// Title of the document.
pub const TITLE: &str = "ทะเบียนคุมเงินสัจจะ";

/// Members per part (and file) of a series.
pub const ROWS_PER_PART: usize = 1_500;

/// A4 landscape with 10 mm sides: seventeen columns.
pub fn setup() -> PageSetup {
    PageSetup {
        size: PageSize::A4_LANDSCAPE,
        margins: Margins {
            top: 15.0,
            right: 10.0,
            bottom: 13.0,
            left: 10.0,
        },
    }
}

fn whole_baht(r: &SajjaRegister) -> bool {
    let whole = |m: &Money| m.satang() % 100 == 0;
    r.rows.iter().all(|row| {
        row.months.iter().all(whole)
            && whole(&row.opening)
            && whole(&row.refund)
            && whole(&row.closing)
    })
}

/// An amount in the register's style: whole baht without decimals, or with satang.
fn cell(look: &Look, m: Money, whole: bool, blank_zero: bool) -> String {
    if blank_zero && m.is_zero() {
        return String::new();
    }
    let text = if whole {
        look.int(m.abs().satang() / 100)
    } else {
        look.amount(m.abs())
    };
    // Money paid back (a member who left) in brackets, never as a bare minus.
    if m.is_negative() {
        format!("({text})")
    } else {
        text
    }
}

fn table(r: &SajjaRegister, look: &Look, part: &Part) -> Table {
    let whole = whole_baht(r);
    let (pt, no, amount, month) = if whole {
        (look.fit_pt(10.0), 10.0, 20.0, 13.0)
    } else {
        (look.fit_pt(9.0), 9.0, 19.0, 14.5)
    };
    // The name takes what the numbers leave of the page.
    let name = setup().content_width() - no - 4.0 * amount - 12.0 * month;
    let mut cols = vec![
        Column::centre("เลขที่", no),
        Column::left("ชื่อ–สกุล", name),
        Column::right("ยกมา\nต้นปี", amount),
    ];
    for m in &r.months {
        let ym: YearMonth = m.parse().unwrap_or(YearMonth::of(r.from));
        let label = format!(
            "{}\n{}",
            thai::month_abbr(ym.month),
            look.num((ym.be_year() % 100).to_string())
        );
        cols.push(Column::right(label, month));
    }
    cols.push(Column::right("รวม\nปีนี้", amount));
    cols.push(Column::right("คืนเมื่อ\nพ้นสภาพ", amount));
    cols.push(Column::right("คงเหลือ\nสิ้นปี", amount));
    let mut t = Table::new(cols);
    t.style = common::table_style(pt);
    t.style.padding_mm = 1.0;
    for row in &r.rows[part.rows.clone()] {
        let mut name = row.name.clone();
        if !row.status.is_active() {
            name.push_str(" (พ้นสภาพ)");
        }
        let mut cells = vec![
            look.num(row.member.to_string()),
            name,
            cell(look, row.opening, whole, false),
        ];
        cells.extend(row.months.iter().map(|&m| cell(look, m, whole, true)));
        cells.push(cell(look, row.total, whole, false));
        cells.push(cell(look, row.refund, whole, true));
        cells.push(cell(look, row.closing, whole, false));
        t.row(cells);
    }
    if r.rows.is_empty() {
        t.row(["", "ไม่มีสมาชิกในปีนี้"]);
    }
    if part.is_last() {
        let opening: Money = r.rows.iter().map(|x| x.opening).sum();
        let closing: Money = r.rows.iter().map(|x| x.closing).sum();
        let mut cells = vec![
            String::new(),
            "รวม".to_string(),
            cell(look, opening, whole, false),
        ];
        cells.extend(r.month_totals.iter().map(|&m| cell(look, m, whole, false)));
        cells.push(cell(look, r.total, whole, false));
        cells.push(cell(look, r.refund_total, whole, false));
        cells.push(cell(look, closing, whole, false));
        t.total_row(cells);
    }
    t
}

fn draw_part(
    doc: &mut DocBuilder<'_>,
    lh: &Letterhead,
    r: &SajjaRegister,
    part: &Part,
    printed: NaiveDate,
) -> Result<()> {
    let look = Look::of(lh);
    let first_page = doc.page_count();
    let subtitle = format!(
        "ปีบัญชี {} ({} ถึง {}){}",
        look.num(r.year.to_string()),
        look.date_long(r.from),
        look.date_long(r.to),
        part.label(&look)
    );
    let page = doc.new_page();
    let top = common::letterhead(page, lh, TITLE, &subtitle);
    let unit = if whole_baht(r) {
        "หน่วย: บาท"
    } else {
        "หน่วย: บาท.สตางค์"
    };
    let s = *page.setup();
    page.text(
        s.right(),
        top - 3.0,
        unit,
        &TextStyle::new(10.0).align(Align::Right),
    );
    let t = table(r, &look, part);
    common::book_table(doc, t, top + 2.0, (TITLE, &subtitle), part, "เหรัญญิก ผู้จัดทำ")?;
    common::number_pages(doc, first_page, look, printed);
    Ok(())
}

/// Writes the register to `out`, or as a series of parts for a very large group (more than
/// [`ROWS_PER_PART`] members). Returns the files and the number of pages.
///
/// # Errors
/// Unwritable output (nothing partial is left), cancellation.
pub fn write(
    engine: &Engine,
    lh: &Letterhead,
    r: &SajjaRegister,
    out: &Path,
    printed: NaiveDate,
    progress: &Progress,
) -> Result<(Vec<PathBuf>, usize)> {
    let title = format!("{TITLE} ปีบัญชี {}", r.year);
    let opts = common::series_options(lh, out, 1, setup(), title);
    common::write_parts(
        engine,
        &opts,
        r.rows.len(),
        ROWS_PER_PART,
        progress,
        |doc, part| draw_part(doc, lh, r, part, printed),
    )
}
