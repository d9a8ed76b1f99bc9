//! The cash book of a month (สมุดเงินสด): every entry that moved cash or the bank account, in
//! order, with receipts, payments and the running balance of each, brought forward from the
//! month before and carried to the next. A4 landscape.
//!
//! A month of a very large group (tens of thousands of rows) is written as a numbered series
//! of parts, each a complete document whose first line brings the balances forward.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::common::{self, Look, Progress};
use crate::error::Result;
use crate::money::Money;
use crate::print::{self, Column, DocBuilder, Engine, PageSetup, SeriesOptions, Table};
use crate::register::CashBook;
use crate::report::Letterhead;
use crate::thai::YearMonth;

/// Title of the document.
pub const TITLE: &str = "สมุดเงินสด";

/// Lines per part (and file) of a series; one part is about 100 landscape pages.
pub const LINES_PER_PART: usize = 2_000;

/// The running balances before line `index` of the month.
fn balances_before(cb: &CashBook, index: usize) -> (Money, Money) {
    cb.lines[..index]
        .iter()
        .fold((cb.cash.opening, cb.bank.opening), |(c, b), l| {
            (c + l.cash_in - l.cash_out, b + l.bank_in - l.bank_out)
        })
}

/// The table of lines `range` (part `part` of `parts`), brought forward from before it; the
/// totals row only on the last part.
fn table(
    engine: &Engine,
    cb: &CashBook,
    look: &Look,
    range: std::ops::Range<usize>,
    (part, parts): (usize, usize),
) -> Table {
    let last = part + 1 == parts;
    let pt = look.fit_pt(10.5);
    let date = common::fit_width(engine, &look.date_short(cb.to), pt);
    let number = common::fit_width(engine, &look.num("จ2568/0000"), pt);
    let mut t = Table::new(vec![
        Column::centre("วันที่", date),
        Column::centre("เลขที่\nเอกสาร", number),
        Column::left(
            "รายการ",
            PageSetup::a4_landscape().content_width() - 6.0 * 24.0 - date - number,
        ),
        Column::right("เงินสด\nรับ", 24.0),
        Column::right("เงินสด\nจ่าย", 24.0),
        Column::right("เงินสด\nคงเหลือ", 24.0),
        Column::right("ธนาคาร\nฝาก/รับ", 24.0),
        Column::right("ธนาคาร\nถอน/จ่าย", 24.0),
        Column::right("ธนาคาร\nคงเหลือ", 24.0),
    ]);
    t.style = common::table_style(pt);
    if last {
        t.keep_below_mm = common::SIGN_OFF_MM;
    }
    let (mut cash, mut bank) = balances_before(cb, range.start);
    let (date, label) = if part == 0 {
        (look.date_short(cb.from), "ยอดยกมา".to_string())
    } else {
        (String::new(), look.num(format!("ยอดยกมาจากส่วนที่ {part}")))
    };
    t.row([
        date,
        String::new(),
        label,
        String::new(),
        String::new(),
        look.amount(cash),
        String::new(),
        String::new(),
        look.amount(bank),
    ]);
    for l in &cb.lines[range] {
        cash += l.cash_in - l.cash_out;
        bank += l.bank_in - l.bank_out;
        let mut memo = l.memo.clone();
        if l.reversed {
            memo.push_str(" (ยกเลิกแล้ว)");
        }
        t.row([
            look.date_short(l.date),
            look.num(&l.document),
            look.num(memo),
            look.amount_or_blank(l.cash_in),
            look.amount_or_blank(l.cash_out),
            look.amount(cash),
            look.amount_or_blank(l.bank_in),
            look.amount_or_blank(l.bank_out),
            look.amount(bank),
        ]);
    }
    if cb.lines.is_empty() {
        t.row(["", "", "ไม่มีรายการในเดือนนี้"]);
    }
    if last {
        t.total_row([
            String::new(),
            String::new(),
            "รวมทั้งเดือน / ยอดคงเหลือยกไป".to_string(),
            look.amount(cb.cash.receipts),
            look.amount(cb.cash.payments),
            look.amount(cb.cash.closing),
            look.amount(cb.bank.receipts),
            look.amount(cb.bank.payments),
            look.amount(cb.bank.closing),
        ]);
    }
    t
}

/// Draws part `part` of `parts` (lines `range`) as a complete document into `doc`.
fn draw_part(
    doc: &mut DocBuilder<'_>,
    lh: &Letterhead,
    cb: &CashBook,
    range: std::ops::Range<usize>,
    (part, parts): (usize, usize),
    printed: NaiveDate,
) -> Result<()> {
    let look = Look::of(lh);
    let month = YearMonth::of(cb.from);
    let first_page = doc.page_count();
    let mut subtitle = format!("เดือน{}", look.month_long(month));
    if parts > 1 {
        subtitle.push_str(&look.num(format!("  (ส่วนที่ {}/{})", part + 1, parts)));
    }
    let top = common::letterhead(doc.new_page(), lh, TITLE, &subtitle);
    let t = table(doc.engine(), cb, &look, range, (part, parts));
    let running = subtitle.clone();
    let left = doc.setup().left();
    let end = doc
        .table(&t, left, top, |page| {
            common::running_head(page, TITLE, &running)
        })
        .map_err(common::print_error)?;
    if part + 1 == parts {
        common::sign_off_book(doc, end + 6.0, "เหรัญญิก ผู้บันทึก");
    }
    common::number_pages(doc, first_page, look, printed);
    Ok(())
}

fn parts(cb: &CashBook) -> Vec<std::ops::Range<usize>> {
    let n = cb.lines.len();
    if n == 0 {
        return std::iter::once(0..0).collect();
    }
    let per = common::per_file(LINES_PER_PART);
    (0..n.div_ceil(per))
        .map(|p| p * per..((p + 1) * per).min(n))
        .collect()
}

/// The whole month as one document (for months up to [`LINES_PER_PART`] lines).
///
/// # Errors
/// Layout errors of the engine (none expected).
pub fn document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    cb: &CashBook,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let mut doc = DocBuilder::new(engine, PageSetup::a4_landscape());
    doc.set_stamp(common::stamp_text(lh));
    doc.set_metadata(lh.group.clone(), String::new());
    doc.set_title(format!(
        "{TITLE} {}",
        Look::of(lh).month_long(YearMonth::of(cb.from))
    ));
    draw_part(&mut doc, lh, cb, 0..cb.lines.len(), (0, 1), printed)?;
    Ok(doc)
}

/// Writes the cash book to `out`, or as a series of parts beside it for a very large month.
/// Returns the files and the number of pages.
///
/// # Errors
/// Unwritable output (nothing partial is left), cancellation.
pub fn write(
    engine: &Engine,
    lh: &Letterhead,
    cb: &CashBook,
    out: &Path,
    printed: NaiveDate,
    progress: &Progress,
) -> Result<(Vec<PathBuf>, usize)> {
    let ranges = parts(cb);
    progress.start(ranges.len());
    if ranges.len() == 1 {
        let doc = document(engine, lh, cb, printed)?;
        let pages = doc.page_count();
        doc.write(out).map_err(common::print_error)?;
        let _ = progress.step();
        return Ok((vec![out.to_path_buf()], pages));
    }
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let mut opts = SeriesOptions::new(out, 1);
    opts.stamp = common::stamp_text(lh);
    opts.author = lh.group.clone();
    opts.threads = 2;
    opts.setup = PageSetup::a4_landscape();
    opts.title = format!(
        "{TITLE} {}",
        Look::of(lh).month_long(YearMonth::of(cb.from))
    );
    let n = ranges.len();
    let files = print::write_series(engine, &opts, n, |doc, p| {
        progress.step()?;
        draw_part(doc, lh, cb, ranges[p].clone(), (p, n), printed)
            .map_err(|e| print::PrintError::Layout(e.to_string()))?;
        pages.fetch_add(doc.page_count(), std::sync::atomic::Ordering::Relaxed);
        Ok(())
    })
    .map_err(common::job_error)?;
    Ok((files, pages.into_inner()))
}
