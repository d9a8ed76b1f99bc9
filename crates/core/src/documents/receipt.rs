//! The receipt (ใบเสร็จรับเงิน) of a collection row: the group, the receipt number and date, the
//! member, each item, the total in figures and in Thai words, and signature lines. A reversed
//! receipt is printed marked ยกเลิก with the date and reason of the reversal.
//!
//! Receipts are packed several to an A4 page (as many as fit, usually three) with a cut line
//! between them, so a whole collection day prints on few sheets. The packing is computed
//! before drawing, so a day of thousands of receipts can be written as a series of files on
//! several threads, page by page.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::common::{self, Look, Progress};
use crate::error::Result;
use crate::print::{
    self, Align, Colour, DocBuilder, Engine, Margins, Page, PageSetup, PageSize, Signature,
    TextStyle,
};
use crate::report::receipt::ReceiptDoc;
use crate::report::Letterhead;

/// Title of the document.
pub const TITLE: &str = "ใบเสร็จรับเงิน";

/// Pages per file when a day's receipts are written as a series (about 600 receipts).
pub const PAGES_PER_FILE: usize = 200;

const GAP_MM: f32 = 5.0;
const ITEM_PT: f32 = 11.0;
const TITLE_PT: f32 = 16.0;
const BODY_PT: f32 = 12.0;
const SIGN_PT: f32 = 11.0;

/// A4 portrait with small margins: receipts are cut apart, not bound.
pub fn setup() -> PageSetup {
    PageSetup {
        size: PageSize::A4_PORTRAIT,
        margins: Margins {
            top: 8.0,
            right: 15.0,
            bottom: 8.0,
            left: 15.0,
        },
    }
}

/// Which receipts go on which page, and where: (index, top y) per page.
pub fn pack(engine: &Engine, receipts: &[ReceiptDoc]) -> Vec<Vec<(usize, f32)>> {
    let s = setup();
    let mut pages: Vec<Vec<(usize, f32)>> = Vec::new();
    let mut y = f32::INFINITY;
    for (i, r) in receipts.iter().enumerate() {
        let h = height(engine, r);
        if pages.is_empty() || y + h > s.bottom() {
            pages.push(Vec::new());
            y = s.top();
        }
        if let Some(page) = pages.last_mut() {
            page.push((i, y));
        }
        y += h + GAP_MM;
    }
    pages
}

/// Height of one receipt in mm, exactly as [`draw`] lays it out.
pub fn height(engine: &Engine, r: &ReceiptDoc) -> f32 {
    let lh = |pt: f32, bold: bool| {
        engine.line_height_mm(
            if bold {
                print::FontStyle::Bold
            } else {
                print::FontStyle::Regular
            },
            pt,
        )
    };
    let row = lh(ITEM_PT, false) + 0.8;
    let items = r.items.len().max(1) as f32;
    let mut h = lh(14.0, true) + lh(11.0, false) + lh(TITLE_PT, true) + lh(BODY_PT, false) + 2.0;
    h += row * (items + 2.0) + 1.0;
    h += lh(BODY_PT, true) + 1.0;
    if r.voucher.is_some() {
        h += lh(BODY_PT - 1.0, false);
    }
    if r.cancelled.is_some() {
        h += lh(BODY_PT - 1.0, true);
    }
    h + 2.0 + 3.0 * lh(SIGN_PT, false)
}

/// Draws one receipt with its top at `y`. Returns its height.
pub fn draw(page: &mut Page<'_>, y0: f32, lh: &Letterhead, look: &Look, r: &ReceiptDoc) -> f32 {
    let s = *page.setup();
    let (left, right) = (s.left(), s.right());
    let cx = left + s.content_width() / 2.0;
    let mut y = y0;

    let name = TextStyle::new(14.0).bold().align(Align::Centre);
    page.text(cx, y, &lh.group, &name);
    y += page.line_height(&name);
    let small = TextStyle::new(11.0).colour(Colour::DARK_GREY);
    page.text(cx, y, &look.num(&lh.address), &small.align(Align::Centre));
    y += page.line_height(&small);
    let title = TextStyle::new(TITLE_PT).bold().align(Align::Centre);
    page.text(cx, y, TITLE, &title);
    // Number on the left and date on the right of the title line, on its baseline.
    let side = (page.line_height(&title) - page.line_height(&TextStyle::new(BODY_PT))) * 0.6;
    page.text(
        left,
        y + side,
        &format!("เลขที่ {}", look.num(&r.receipt)),
        &TextStyle::new(BODY_PT).bold(),
    );
    page.text(
        right,
        y + side,
        &format!("วันที่ {}", look.date_long(r.date)),
        &TextStyle::new(BODY_PT).align(Align::Right),
    );
    y += page.line_height(&title);
    let body = TextStyle::new(BODY_PT);
    let payer = match r.member {
        Some(n) => format!(
            "ได้รับเงินจาก  {}  สมาชิกเลขที่ {}",
            r.member_name,
            look.num(n.to_string())
        ),
        None => "ได้รับเงินตามรายการต่อไปนี้".to_string(),
    };
    page.text(left, y, &payer, &body);
    if r.cancelled.is_some() {
        common::cancelled_mark(page, right, y);
    }
    y += page.line_height(&body) + 2.0;

    let items: Vec<(String, String)> = r
        .items
        .iter()
        .map(|it| (it.label.clone(), look.amount(it.amount.abs())))
        .collect();
    y = common::item_box(
        page,
        *look,
        y,
        &common::ItemBox {
            left,
            right,
            size_pt: ITEM_PT,
            padding: 0.8,
            baseline: 0.4,
            amount_width: 48.0,
            items: &items,
            none: Some("ไม่มีรายการ"),
            total_label: "รวมเงินที่ได้รับ",
            total: look.amount(r.received),
        },
    );
    y += 1.0;

    let words = TextStyle::new(BODY_PT).bold();
    page.text(
        left,
        y,
        &format!("จำนวนเงิน (ตัวอักษร)  {}", r.received_words),
        &words,
    );
    y += page.line_height(&words);
    if let Some(v) = &r.voucher {
        // The money paid out in the same row has its own paper, signed by the member.
        let note = TextStyle::new(BODY_PT - 1.0);
        page.text(
            left,
            y,
            &look.num(format!("เงินที่จ่ายให้สมาชิกในคราวเดียวกัน: ดูใบถอนเงินเลขที่ {v}")),
            &note,
        );
        y += page.line_height(&note);
    }
    if let Some(c) = &r.cancelled {
        let note = TextStyle::new(BODY_PT - 1.0).bold();
        page.text(left, y, &format!("ใบเสร็จนี้{}", look.num(c)), &note);
        y += page.line_height(&note);
    }
    y += 2.0;
    let sig = TextStyle::new(SIGN_PT);
    let h = page.signatures(
        y,
        &[
            Signature::new("", "ผู้ชำระเงิน"),
            Signature::new("", "ผู้รับเงิน (เหรัญญิก)"),
        ],
        &sig,
    );
    y += h;
    y - y0
}

/// Draws the receipts of `pages[page]` onto a new page of `doc`, with cut lines between them.
fn draw_page(
    doc: &mut DocBuilder<'_>,
    lh: &Letterhead,
    look: &Look,
    receipts: &[ReceiptDoc],
    slots: &[(usize, f32)],
) {
    let page = doc.new_page();
    let s = *page.setup();
    for (k, &(i, y)) in slots.iter().enumerate() {
        let h = draw(page, y, lh, look, &receipts[i]);
        if k + 1 < slots.len() {
            let cut = y + h + GAP_MM / 2.0;
            page.dotted_line(
                s.left() - 8.0,
                s.right() + 8.0,
                cut - 2.0,
                &TextStyle::new(8.0),
            );
        }
    }
}

/// All receipts in one document (one receipt, or a day's worth that fits in memory).
pub fn document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    receipts: &[ReceiptDoc],
) -> Result<DocBuilder<'e>> {
    let look = Look::of(lh);
    let mut doc = DocBuilder::new(engine, setup());
    common::stamp(&mut doc, lh);
    doc.set_title(title(receipts, &Look::of(lh)));
    for slots in pack(engine, receipts) {
        draw_page(&mut doc, lh, &look, receipts, &slots);
    }
    if doc.page_count() == 0 {
        doc.new_page();
    }
    Ok(doc)
}

/// The file's own title, in Thai with the พ.ศ. date as on the paper.
fn title(receipts: &[ReceiptDoc], look: &Look) -> String {
    match receipts {
        [one] => format!("{TITLE} เลขที่ {}", look.num(&one.receipt)),
        [first, ..] => format!("{TITLE} วันที่ {}", look.date_long(first.date)),
        [] => TITLE.to_string(),
    }
}

/// Writes the receipts to `out`, or, for a day with more than [`PAGES_PER_FILE`] pages, to
/// the series `out-0001.pdf`, … on two threads. Returns the files and the page count.
///
/// # Errors
/// Unwritable output (nothing is left behind), cancellation.
pub fn write(
    engine: &Engine,
    lh: &Letterhead,
    receipts: &[ReceiptDoc],
    out: &Path,
    progress: &Progress,
) -> Result<(Vec<PathBuf>, usize)> {
    let look = Look::of(lh);
    let pages = pack(engine, receipts);
    progress.start(pages.len());
    let per_file = common::per_file(PAGES_PER_FILE);
    if pages.len() <= per_file {
        let doc = document(engine, lh, receipts)?;
        let n = doc.page_count();
        doc.write(out).map_err(common::print_error)?;
        progress.start(n);
        for _ in 0..n {
            let _ = progress.step();
        }
        return Ok((vec![out.to_path_buf()], n));
    }
    let opts = common::series_options(lh, out, per_file, setup(), title(receipts, &look));
    let files = print::write_series(engine, &opts, pages.len(), |doc, p| {
        progress.step()?;
        draw_page(doc, lh, &look, receipts, &pages[p]);
        Ok(())
    })
    .map_err(common::job_error)?;
    Ok((files, pages.len()))
}

/// The day a receipts job covers, for file names.
pub fn day_of(receipts: &[ReceiptDoc]) -> Option<NaiveDate> {
    receipts.first().map(|r| r.date)
}
