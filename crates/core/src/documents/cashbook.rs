//! The cash book of a month (สมุดเงินสด): every entry that moved cash or the bank account, in
//! order, with receipts, payments and the running balance of each, brought forward from the
//! month before and carried to the next. A4 landscape.
//!
//! A month of a very large group (tens of thousands of rows) is written as a numbered series
//! of parts, each a complete document whose first line brings the balances forward.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::common::{self, Look, Part, Progress};
use crate::error::Result;
use crate::money::Money;
use crate::print::{Column, DocBuilder, Engine, PageSetup, Table};
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

/// The table of the lines of `part`, brought forward from before it; the totals row only on
/// the last part.
fn table(engine: &Engine, cb: &CashBook, look: &Look, part: &Part) -> Table {
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
    let (mut cash, mut bank) = balances_before(cb, part.rows.start);
    let (date, label) = if part.index == 0 {
        (look.date_short(cb.from), "ยอดยกมา".to_string())
    } else {
        (
            String::new(),
            look.num(format!("ยอดยกมาจากส่วนที่ {}", part.index)),
        )
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
    for l in &cb.lines[part.rows.clone()] {
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
    if part.is_last() {
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

/// Draws `part` as a complete document into `doc`.
fn draw_part(
    doc: &mut DocBuilder<'_>,
    lh: &Letterhead,
    cb: &CashBook,
    part: &Part,
    printed: NaiveDate,
) -> Result<()> {
    let look = Look::of(lh);
    let month = YearMonth::of(cb.from);
    let first_page = doc.page_count();
    let subtitle = format!("เดือน{}{}", look.month_long(month), part.label(&look));
    let top = common::letterhead(doc.new_page(), lh, TITLE, &subtitle);
    let t = table(doc.engine(), cb, &look, part);
    common::book_table(doc, t, top, (TITLE, &subtitle), part, "เหรัญญิก ผู้บันทึก")?;
    common::number_pages(doc, first_page, look, printed);
    Ok(())
}

/// Writes the cash book to `out`, or as a series of parts beside it for a very large month
/// (more than [`LINES_PER_PART`] lines). Returns the files and the number of pages.
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
    let title = format!(
        "{TITLE} {}",
        Look::of(lh).month_long(YearMonth::of(cb.from))
    );
    let opts = common::series_options(lh, out, 1, PageSetup::a4_landscape(), title);
    common::write_parts(
        engine,
        &opts,
        cb.lines.len(),
        LINES_PER_PART,
        progress,
        |doc, part| draw_part(doc, lh, cb, part, printed),
    )
}
