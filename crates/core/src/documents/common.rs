//! What every document shares: the one typesetting engine, the letterhead, amounts and dates in
//! the group's digits, signature blocks, page numbers, and progress/cancel of long jobs.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::Money;
use crate::print::{
    Align, Colour, DocBuilder, Engine, Page, PageSetup, PrintError, SeriesOptions, Signature,
    Table, TableStyle, TextStyle,
};
use crate::report::Letterhead;
use crate::thai::{self, BahtTextConvention, Digits, YearMonth};

/// The typesetting engine, built once per program (fonts and the Thai line breaker) and shared
/// by every document and thread.
///
/// # Errors
/// [`Error::Print`] if the embedded fonts cannot be read (a broken build).
pub fn engine() -> Result<&'static Engine> {
    static ENGINE: OnceLock<std::result::Result<Engine, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| Engine::new().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::Document(e.clone()))
}

/// The engine's error as the core's (kept for `map_err`; `?` does the same through `From`).
pub fn print_error(e: PrintError) -> Error {
    Error::Print(e)
}

/// How numbers and amounts in words look on this group's documents (its settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Thai (๐–๙) or Arabic digits for every number printed: amounts, dates, numbers.
    pub digits: Digits,
    /// The เอ็ด convention of amounts in words.
    pub bahttext: BahtTextConvention,
}

impl Default for Look {
    /// Arabic digits, the Excel/Royal Institute reading.
    fn default() -> Self {
        Look {
            digits: Digits::Arabic,
            bahttext: BahtTextConvention::default(),
        }
    }
}

impl Look {
    /// The look the letterhead's settings ask for.
    pub fn of(letterhead: &Letterhead) -> Look {
        Look {
            digits: letterhead.digits.parse().unwrap_or_default(),
            bahttext: letterhead.bahttext.parse().unwrap_or_default(),
        }
    }

    /// Any text with its digits in the group's style (receipt and member numbers, counts).
    pub fn num(&self, text: impl AsRef<str>) -> String {
        self.digits.apply(text.as_ref())
    }

    /// `1,234.50`.
    pub fn amount(&self, m: Money) -> String {
        self.digits.apply(&thai::format_amount(m.as_decimal()))
    }

    /// An amount, or nothing for zero: passbook and register cells stay empty rather than
    /// filling the page with `0.00`.
    pub fn amount_or_blank(&self, m: Money) -> String {
        if m.is_zero() {
            String::new()
        } else {
            self.amount(m)
        }
    }

    /// `20,000`.
    pub fn int(&self, n: i64) -> String {
        self.digits.apply(&thai::format_int(n))
    }

    /// `15 มี.ค. 2568`.
    pub fn date(&self, d: NaiveDate) -> String {
        thai::format_date(d, self.digits)
    }

    /// `15/03/2568`: fixed width, for table columns.
    pub fn date_numeric(&self, d: NaiveDate) -> String {
        thai::format_date_numeric(d, self.digits)
    }

    /// `15/03/68`: the short พ.ศ. date of passbooks and narrow columns.
    pub fn date_short(&self, d: NaiveDate) -> String {
        use chrono::Datelike;
        self.num(format!(
            "{:02}/{:02}/{:02}",
            d.day(),
            d.month(),
            thai::be_year(d.year()) % 100
        ))
    }

    /// A table's text size for this look: Thai digits are about a tenth wider than Arabic
    /// ones, so tables of amounts set in Thai digits go one point smaller to keep their widths.
    pub fn fit_pt(&self, pt: f32) -> f32 {
        match self.digits {
            Digits::Thai => pt - 1.0,
            Digits::Arabic => pt,
        }
    }

    /// `15 มีนาคม พ.ศ. 2568`.
    pub fn date_long(&self, d: NaiveDate) -> String {
        thai::format_date_long(d, self.digits)
    }

    /// `มีนาคม พ.ศ. 2568`.
    pub fn month_long(&self, m: YearMonth) -> String {
        thai::format_month_long(m, self.digits)
    }

    /// `มี.ค. 2568`.
    pub fn month_short(&self, m: YearMonth) -> String {
        thai::format_month(m, self.digits)
    }

    /// The amount in Thai words by the group's convention, e.g. `หนึ่งร้อยเอ็ดบาทถ้วน`.
    pub fn words(&self, m: Money) -> String {
        thai::bahttext(m.as_decimal(), self.bahttext)
    }
}

/// Body text of documents (Thai official documents use 16 pt; tables a little smaller).
pub const BODY_PT: f32 = 14.0;

/// The usual table look of the documents: 13 pt, grey header, thin row rules.
pub fn table_style(size_pt: f32) -> TableStyle {
    TableStyle {
        size_pt,
        ..TableStyle::default()
    }
}

/// Width in mm of a table column that must hold `sample` on one line at `size_pt` (with the
/// table's padding): dates and numbers whose width depends on the group's digits.
pub fn fit_width(engine: &Engine, sample: &str, size_pt: f32) -> f32 {
    let padding = TableStyle::default().padding_mm;
    (engine.text_width_mm(sample, crate::print::FontStyle::Regular, size_pt) + 2.0 * padding + 1.0)
        .ceil()
}

/// Draws the letterhead at the top of `page`: the group's name and address centred, then the
/// document title in bold and an optional subtitle (the period, the member; one line per
/// `\n`). Returns the y below it, where the content starts.
pub fn letterhead(page: &mut Page<'_>, lh: &Letterhead, title: &str, subtitle: &str) -> f32 {
    let setup = *page.setup();
    let cx = setup.left() + setup.content_width() / 2.0;
    let mut y = setup.top() - 6.0;
    let name = TextStyle::new(15.0).bold().align(Align::Centre);
    page.text(cx, y, &lh.group, &name);
    y += page.line_height(&name) - 1.0;
    if !lh.address.is_empty() {
        let address = TextStyle::new(12.0)
            .align(Align::Centre)
            .colour(Colour::DARK_GREY);
        page.text(cx, y, &Look::of(lh).num(&lh.address), &address);
        y += page.line_height(&address);
    }
    y += 1.0;
    let heading = TextStyle::new(18.0).bold().align(Align::Centre);
    page.text(cx, y, title, &heading);
    y += page.line_height(&heading) - 1.0;
    let sub = TextStyle::new(BODY_PT).align(Align::Centre);
    for line in subtitle.lines().filter(|l| !l.is_empty()) {
        page.text(cx, y, line, &sub);
        y += page.line_height(&sub) - 0.5;
    }
    page.hline(setup.left(), setup.right(), y + 1.0, 0.6);
    y + 4.0
}

/// A smaller header for the continuation pages of a long table: title and subtitle on one
/// line. Returns the y below it.
pub fn running_head(page: &mut Page<'_>, title: &str, subtitle: &str) -> f32 {
    let setup = *page.setup();
    let style = TextStyle::new(12.0).bold();
    page.text(setup.left(), setup.top() - 6.0, title, &style);
    let right = TextStyle::new(12.0).align(Align::Right);
    page.text(setup.right(), setup.top() - 6.0, subtitle, &right);
    let y = setup.top() - 6.0 + page.line_height(&style);
    page.hline(setup.left(), setup.right(), y, 0.4);
    y + 3.0
}

/// A numbered section's heading at the left margin, 15 pt bold. Returns its height.
pub fn heading(page: &mut Page<'_>, y: f32, text: &str) -> f32 {
    let style = TextStyle::new(15.0).bold();
    page.text(page.setup().left(), y, text, &style);
    page.line_height(&style)
}

/// The page being drawn on: the document's last, or a first one when it has none yet.
pub fn last_page<'d, 'e>(doc: &'d mut DocBuilder<'e>) -> &'d mut Page<'e> {
    if doc.page_count() == 0 {
        doc.new_page();
    }
    doc.last_page_mut().expect("a page exists")
}

/// Where the next block starts: at `y` when `needed` mm are left below it, else on a new page
/// under the running head of `title` and `running`.
pub fn room(doc: &mut DocBuilder<'_>, y: f32, needed: f32, title: &str, running: &str) -> f32 {
    if y + needed <= doc.setup().bottom() {
        return y;
    }
    let page = doc.new_page();
    running_head(page, title, running)
}

/// Label on the left and value on the right of a line `width` mm wide starting at `x`: the
/// key–value lines of statements and the fund report. Returns the line height.
pub fn pair(
    page: &mut Page<'_>,
    x: f32,
    y: f32,
    width: f32,
    label: &str,
    value: &str,
    style: &TextStyle,
) -> f32 {
    page.text(x, y, label, &style.align(Align::Left));
    page.text(x + width, y, value, &style.align(Align::Right));
    page.line_height(style)
}

/// Signature blocks side by side from `y`, 14 pt. Returns the height used.
pub fn signatures(page: &mut Page<'_>, y: f32, blocks: &[Signature]) -> f32 {
    page.signatures(y, blocks, &TextStyle::new(BODY_PT))
}

/// Signature blocks, each with a date line under it, and (with `stamp`) a box for the
/// group's stamp under the last block: what a committee signs. Returns the height used.
pub fn signed(page: &mut Page<'_>, y: f32, blocks: &[Signature], stamp: bool) -> f32 {
    let style = TextStyle::new(BODY_PT);
    let mut h = page.signatures(y, blocks, &style);
    if blocks.is_empty() {
        return h;
    }
    let setup = *page.setup();
    let slot = setup.content_width() / blocks.len() as f32;
    for i in 0..blocks.len() {
        let cx = setup.left() + slot * (i as f32 + 0.5);
        page.text(
            cx,
            y + h,
            "วันที่ ......../......../........",
            &style.align(Align::Centre),
        );
    }
    h += page.line_height(&style);
    if stamp {
        let (w, bh) = (34.0, 22.0);
        let x = setup.right() - w;
        let top = y + h + 2.0;
        page.rect(x, top, w, bh, 0.5);
        let small = TextStyle::new(10.0).colour(Colour::DARK_GREY);
        page.text(
            x + w / 2.0,
            top + 1.0,
            "ประทับตรากลุ่ม",
            &small.align(Align::Centre),
        );
        h += bh + 2.0;
    }
    h
}

/// Room a sign-off takes below a table (the gap, three lines and the date line), mm: what a
/// table keeps free on the page of its last rows ([`crate::print::Table::keep_below_mm`]).
pub const SIGN_OFF_MM: f32 = 36.0;

/// The sign-off under a book's last lines (the cash book, the savings register): each signer
/// with a date line, on the page of the table's end (the table kept the room).
pub fn sign_off(doc: &mut DocBuilder<'_>, y: f32, blocks: &[Signature]) {
    if let Some(page) = doc.last_page_mut() {
        signed(page, y, blocks, false);
    }
}

/// The signatures under a book the treasurer keeps (the cash book, the savings register):
/// the treasurer as `treasurer_as`, the president who checks it, the audit committee.
pub fn sign_off_book(doc: &mut DocBuilder<'_>, y: f32, treasurer_as: &str) {
    sign_off(
        doc,
        y,
        &[
            Signature::new("", treasurer_as),
            Signature::new("", "ประธานกรรมการ ผู้ตรวจ"),
            Signature::new("", "คณะกรรมการตรวจสอบ"),
        ],
    );
}

/// The table of a book's part (the cash book, the savings register) from `y` on the last
/// page, its continuation pages under the running head of `title` and `running`. Under the
/// last part comes the treasurer's sign-off ([`sign_off_book`], as `treasurer_as`), and the
/// table keeps room for it on its last page.
///
/// # Errors
/// Layout errors of the engine (none expected).
pub fn book_table(
    doc: &mut DocBuilder<'_>,
    mut table: Table,
    y: f32,
    (title, running): (&str, &str),
    part: &Part,
    treasurer_as: &str,
) -> Result<()> {
    if part.is_last() {
        table.keep_below_mm = SIGN_OFF_MM;
    }
    let x = doc.setup().left();
    let end = doc.table(&table, x, y, |page| running_head(page, title, running))?;
    if part.is_last() {
        sign_off_book(doc, end + 6.0, treasurer_as);
    }
    Ok(())
}

/// `หน้า x/y` at the bottom right of every page from `first` (0-based) on, numbered from 1,
/// in the group's digits, and `พิมพ์เมื่อ <date>` at the bottom left.
pub fn number_pages(doc: &mut DocBuilder<'_>, first: usize, look: Look, printed: NaiveDate) {
    let style = TextStyle::new(11.0).colour(Colour::DARK_GREY);
    let stamp = format!("พิมพ์เมื่อ {}", look.date(printed));
    doc.decorate_from(first, |page, info| {
        let setup = *page.setup();
        let lh = page.line_height(&style);
        let y = setup.bottom() + (setup.margins.bottom - lh) / 2.0;
        let text = look.num(format!("หน้า {}/{}", info.number, info.total));
        page.text(setup.right(), y, &text, &style.align(Align::Right));
        page.text(setup.left(), y, &stamp, &style);
    });
}

/// `รหัสตรวจสอบ XXXX-XXXX`, the line every page of a document carries (empty: none), its
/// digits in the group's style like every number printed (typed back either way).
pub fn stamp_text(lh: &Letterhead) -> String {
    if lh.check_code.is_empty() {
        String::new()
    } else {
        format!("รหัสตรวจสอบ {}", Look::of(lh).num(&lh.check_code))
    }
}

/// Stamps `doc` as the group's: [`stamp_text`] on every page, the group as its author.
pub fn stamp(doc: &mut DocBuilder<'_>, lh: &Letterhead) {
    doc.set_stamp(stamp_text(lh));
    doc.set_metadata(lh.group.clone(), String::new());
}

/// Progress and cancellation of a print job, shared between the job and whoever watches it
/// (the desktop app polls it; the command line ignores it).
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
}

impl Progress {
    /// A fresh counter.
    pub fn new() -> Progress {
        Progress::default()
    }

    /// Starts a job of `total` items (members, receipts, pages).
    pub fn start(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.cancel.store(false, Ordering::Relaxed);
    }

    /// One more item done; refuses when the job was cancelled (the job then removes what it
    /// wrote).
    ///
    /// # Errors
    /// [`PrintError::Cancelled`], which travels through the engine's series writer like any
    /// other failure.
    pub fn step(&self) -> std::result::Result<(), PrintError> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(PrintError::Cancelled);
        }
        self.done.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Asks the running job to stop.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Was the job asked to stop?
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// (items done, items in the job).
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// Items per file of a series: `default`, or `SAJJA_SERIES_PER_FILE` when set (to try the
/// series on a small group, or to trade memory for fewer files).
pub fn per_file(default: usize) -> usize {
    std::env::var("SAJJA_SERIES_PER_FILE")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(default)
}

/// The files of a print job of the group as a series: each stamped with the check code and
/// authored by the group, `per_file` items a file, built on two threads.
pub fn series_options(
    lh: &Letterhead,
    out: &Path,
    per_file: usize,
    setup: PageSetup,
    title: String,
) -> SeriesOptions {
    let mut opts = SeriesOptions::new(out, per_file);
    opts.stamp = stamp_text(lh);
    opts.author = lh.group.clone();
    opts.threads = 2;
    opts.setup = setup;
    opts.title = title;
    opts
}

/// One part of a book printed in parts: its rows and its place in the series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The rows (lines, members) of the book this part prints.
    pub rows: std::ops::Range<usize>,
    /// 0-based.
    pub index: usize,
    pub count: usize,
}

impl Part {
    /// The last part carries the totals and the sign-off.
    pub fn is_last(&self) -> bool {
        self.index + 1 == self.count
    }

    /// `  (ส่วนที่ 2/5)`, what a part of a series adds to its subtitle; nothing for a book in
    /// one part.
    pub fn label(&self, look: &Look) -> String {
        if self.count > 1 {
            look.num(format!("  (ส่วนที่ {}/{})", self.index + 1, self.count))
        } else {
            String::new()
        }
    }
}

/// Writes a book of `rows` rows (the cash book, the savings register) in parts of
/// `per_part` rows (or `SAJJA_SERIES_PER_FILE`): one part to `opts.path`, more as the
/// numbered series beside it, a part a file (`opts` has one item a file). `draw(doc, part)`
/// draws a part as a complete document. Progress counts parts. Returns the files and the
/// number of pages.
///
/// # Errors
/// Unwritable output, cancellation; a failed series removes what it wrote.
pub fn write_parts<F>(
    engine: &Engine,
    opts: &SeriesOptions,
    rows: usize,
    per_part: usize,
    progress: &Progress,
    draw: F,
) -> Result<(Vec<PathBuf>, usize)>
where
    F: Fn(&mut DocBuilder<'_>, &Part) -> Result<()> + Sync,
{
    debug_assert_eq!(opts.items_per_file, 1, "a part a file");
    let per = per_file(per_part);
    let count = rows.div_ceil(per).max(1);
    let part = |index: usize| Part {
        rows: index * per..((index + 1) * per).min(rows),
        index,
        count,
    };
    progress.start(count);
    if count == 1 {
        let mut doc = opts.document(engine);
        draw(&mut doc, &part(0))?;
        let pages = doc.page_count();
        doc.write(&opts.path).map_err(print_error)?;
        let _ = progress.step();
        return Ok((vec![opts.path.clone()], pages));
    }
    let pages = AtomicUsize::new(0);
    let files = crate::print::write_series(engine, opts, count, |doc, p| {
        progress.step()?;
        draw(doc, &part(p)).map_err(|e| PrintError::Layout(e.to_string()))?;
        pages.fetch_add(doc.page_count(), Ordering::Relaxed);
        Ok(())
    })
    .map_err(job_error)?;
    Ok((files, pages.into_inner()))
}

/// The message of a cancelled job.
pub const CANCELLED: &str = "หยุดพิมพ์แล้ว — ไม่ได้บันทึกไฟล์ใด";

/// Maps an engine error of a whole job (kept for `map_err`; a cancellation stays
/// [`PrintError::Cancelled`], its message [`CANCELLED`]).
pub fn job_error(e: PrintError) -> Error {
    Error::Print(e)
}

/// Fails early, before any work, when `out` cannot be written: its folder is missing or it
/// names a folder. The engine would fail too, but only after building the whole document.
///
/// It also guards what must never be overwritten by a print: the books file (and its WAL,
/// SHM and journal beside it), any SQLite file (a backup), any existing file that is not a
/// PDF, and, unless `replace` says the user chose to, an existing PDF.
pub fn check_output(out: &Path, books: Option<&Path>, replace: bool) -> Result<()> {
    let folder = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if out.as_os_str().is_empty() || out.is_dir() || !folder.is_dir() {
        return Err(Error::Document(format!(
            "เขียนไฟล์ไม่ได้: {} — ตรวจสอบว่าโฟลเดอร์มีอยู่และมีสิทธิ์เขียน",
            out.display()
        )));
    }
    if let Some(books) = books {
        if is_books_file(out, books) {
            return Err(Error::Document(format!(
                "{} คือไฟล์บัญชีของกลุ่ม (หรือไฟล์ประกอบของมัน) — ห้ามพิมพ์ทับ เลือกชื่อไฟล์ใหม่ที่ลงท้ายด้วย .pdf",
                out.display()
            )));
        }
    }
    let is_pdf_name = out
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("pdf"));
    if !is_pdf_name {
        return Err(Error::Document(format!(
            "ไฟล์ที่จะเขียน ({}) ต้องลงท้ายด้วย .pdf — เลือกชื่อไฟล์ใหม่ เช่น เอกสาร.pdf",
            out.display()
        )));
    }
    match existing_kind(out) {
        Existing::None => Ok(()),
        Existing::Sqlite => Err(Error::Document(format!(
            "{} เป็นไฟล์บัญชีหรือสำเนาสำรองของบัญชี — ห้ามพิมพ์ทับ เลือกชื่อไฟล์อื่น",
            out.display()
        ))),
        Existing::Other => Err(Error::Document(format!(
            "มีไฟล์ {} อยู่แล้วและไม่ใช่ไฟล์ PDF — ไม่เขียนทับ เลือกชื่อไฟล์อื่น",
            out.display()
        ))),
        Existing::Pdf if replace => Ok(()),
        Existing::Pdf => Err(Error::Document(format!(
            "มีไฟล์ {} อยู่แล้ว — เลือกชื่อไฟล์อื่น หรือสั่งเขียนทับด้วย --force",
            out.display()
        ))),
    }
}

enum Existing {
    None,
    Pdf,
    Sqlite,
    Other,
}

/// What kind of file already sits at `path`, by its first bytes.
fn existing_kind(path: &Path) -> Existing {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return if path.exists() {
            Existing::Other
        } else {
            Existing::None
        };
    };
    let mut head = [0u8; 16];
    let n = f.read(&mut head).unwrap_or(0);
    if head[..n].starts_with(b"%PDF-") {
        Existing::Pdf
    } else if head[..n].starts_with(b"SQLite format 3") {
        Existing::Sqlite
    } else {
        Existing::Other
    }
}

/// `out` is the books file itself or one of the files SQLite keeps beside it.
fn is_books_file(out: &Path, books: &Path) -> bool {
    let absolute = |p: &Path| -> PathBuf {
        let folder = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let folder = folder
            .canonicalize()
            .unwrap_or_else(|_| folder.to_path_buf());
        folder.join(p.file_name().unwrap_or_default())
    };
    let out = absolute(out);
    let books = absolute(books);
    if out == books {
        return true;
    }
    ["-wal", "-shm", "-journal"].iter().any(|suffix| {
        let mut name = books.as_os_str().to_os_string();
        name.push(suffix);
        out.as_os_str() == name
    })
}

/// Continuation pages carry their number at the top centre, as official Thai documents
/// (หนังสือราชการ, minutes, regulations) do: `- ๒ -`.
pub fn number_pages_at_top(doc: &mut DocBuilder<'_>, look: Look, size_pt: f32) {
    let number = TextStyle::new(size_pt).align(Align::Centre);
    doc.decorate_from(1, move |page, info| {
        let setup = *page.setup();
        let x = setup.left() + setup.content_width() / 2.0;
        page.text(
            x,
            setup.top() - 4.0,
            &look.num(format!("- {} -", info.number + 1)),
            &number,
        );
    });
}

/// Text in a grey box, e.g. `ยกเลิก` across a cancelled receipt or a notice on a statement.
pub fn boxed(page: &mut Page<'_>, x: f32, y: f32, text: &str, style: &TextStyle) -> (f32, f32) {
    let w = page.text_width(text, style) + 6.0;
    let h = page.line_height(style);
    let left = match style.align {
        Align::Left => x,
        Align::Centre => x - w / 2.0,
        Align::Right => x - w,
    };
    page.rect(left, y, w, h, 1.2);
    page.text(left + 3.0, y, text, &style.align(Align::Left));
    (w, h)
}

/// `ยกเลิก` boxed at `right` on the payer line (at `y`) of a reversed receipt or voucher.
pub fn cancelled_mark(page: &mut Page<'_>, right: f32, y: f32) {
    let mark = TextStyle::new(14.0).bold().align(Align::Right);
    boxed(page, right, y - 0.6, "ยกเลิก", &mark);
}

/// The boxed list of a receipt or voucher: ลำดับ | รายการ | จำนวนเงิน, one row an item
/// (label and amount already written in the group's digits), a total row under it.
pub struct ItemBox<'a> {
    pub left: f32,
    pub right: f32,
    /// The item rows' type size.
    pub size_pt: f32,
    /// Space added to each row's line height, and the text's drop inside its row.
    pub padding: f32,
    pub baseline: f32,
    /// The amount column's width.
    pub amount_width: f32,
    pub items: &'a [(String, String)],
    /// What the box says when there are no items; `None` leaves it empty.
    pub none: Option<&'a str>,
    pub total_label: &'a str,
    pub total: String,
}

/// Draws `b` from `y` down; returns the `y` under the box.
pub fn item_box(page: &mut Page<'_>, look: Look, y: f32, b: &ItemBox<'_>) -> f32 {
    let (left, right, dy) = (b.left, b.right, b.baseline);
    let item = TextStyle::new(b.size_pt);
    let row = page.line_height(&item) + b.padding;
    let (c1, c3) = (left + 14.0, right - b.amount_width);
    let top = y;
    let mut y = y;
    page.fill_rect(left, y, right - left, row, Colour::LIGHT_GREY);
    let head = item.bold().align(Align::Centre);
    page.text(left + 7.0, y + dy, "ลำดับ", &head);
    page.text((c1 + c3) / 2.0, y + dy, "รายการ", &head);
    page.text((c3 + right) / 2.0, y + dy, "จำนวนเงิน (บาท)", &head);
    y += row;
    page.hline(left, right, y, 0.6);
    for (i, (label, amount)) in b.items.iter().enumerate() {
        let n = look.num((i + 1).to_string());
        page.text(left + 7.0, y + dy, &n, &item.align(Align::Centre));
        page.text(c1 + 2.0, y + dy, label, &item);
        page.text(right - 2.0, y + dy, amount, &item.align(Align::Right));
        y += row;
        page.hline(left, right, y, 0.3);
    }
    if let (true, Some(none)) = (b.items.is_empty(), b.none) {
        page.text(c1 + 2.0, y + dy, none, &item);
        y += row;
    }
    let total = item.bold().align(Align::Right);
    page.hline(left, right, y, 0.8);
    page.text(c3 - 2.0, y + dy, b.total_label, &total);
    page.text(right - 2.0, y + dy, &b.total, &total);
    y += row;
    page.rect(left, top, right - left, y - top, 0.8);
    page.line(c1, top, c1, y - row, 0.4);
    page.line(c3, top, c3, y, 0.4);
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_job_stops_at_its_next_step_with_a_thai_refusal() {
        let p = Progress::new();
        p.start(3);
        assert!(p.step().is_ok());
        assert_eq!(p.get(), (1, 3));
        p.cancel();
        let e = job_error(p.step().unwrap_err());
        assert!(matches!(e, Error::Print(PrintError::Cancelled)), "{e}");
        assert_eq!(p.get(), (1, 3), "a refused step is not counted");
        p.start(2);
        assert!(!p.is_cancelled(), "a new job starts afresh");
    }

    #[test]
    fn numbers_follow_the_digits_setting() {
        let thai = Look {
            digits: Digits::Thai,
            bahttext: BahtTextConvention::default(),
        };
        let m = Money::from_satang(123_450);
        assert_eq!(thai.amount(m), "๑,๒๓๔.๕๐");
        assert_eq!(thai.amount_or_blank(Money::ZERO), "");
        let d = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
        assert_eq!(thai.date_short(d), "๐๕/๐๓/๖๘");
        assert_eq!(thai.date_long(d), "๕ มีนาคม พ.ศ. ๒๕๖๘");
        assert_eq!(Look::default().date_short(d), "05/03/68");
        assert_eq!(
            Look::default().words(Money::from_baht(101)),
            "หนึ่งร้อยเอ็ดบาทถ้วน"
        );
    }

    #[test]
    fn an_output_in_a_missing_folder_is_refused_before_any_work() {
        let e = check_output(Path::new("/no/such/folder/x.pdf"), None, false).unwrap_err();
        assert!(e.to_string().starts_with("เขียนไฟล์ไม่ได้"), "{e}");
        assert!(check_output(Path::new("/"), None, true).is_err());
    }
}
