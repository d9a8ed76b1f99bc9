//! Continuation printing onto a member's physical passbook (สมุดคู่ฝาก).
//!
//! The treasurer feeds the member's own book into the printer; Sajja prints only the entries
//! posted since that book was last printed, each on the next free line, at the place the
//! group's passbook geometry says (settings `passbook_*`: page size, lines per page, where the
//! first line is, line spacing, the gap at the fold, column positions, pages per book).
//!
//! - **Where the book is** lives in the `passbook` table: per member the book number, the last
//!   line printed in it (counted over the whole book) and the last journal entry printed, plus
//!   the same for the print before, so a jammed print can be printed again (`again`).
//! - **Many pending entries** (more than `passbook_bring_forward_after`) are not all printed:
//!   the oldest are summed into one brought-forward line (`ยกยอด`), the latest follow
//!   one per line.
//! - **A full book** (or `new_book`): the count continues in book n+1 from line 1, which carries
//!   the balance brought forward (`ยอดยกมา`).
//!
//! Entries are printed in the order they were posted (journal sequence), so an entry typed
//! late with an earlier date still appears once, after what the book already shows, and the
//! balances printed always follow on from the line above.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::common::Look;
use crate::error::{Error, Result};
use crate::length::{self, COLUMNS};
use crate::member;
use crate::money::Money;
use crate::print::{Align, DocBuilder, Engine, Margins, PageSetup, PageSize, TextStyle};
use crate::register::{self, HistoryLine};
use crate::report::Letterhead;
use crate::settings::Timeline;

/// Title of the document (shown by PDF viewers, not printed on the book).
pub const TITLE: &str = "สมุดคู่ฝาก (พิมพ์ต่อ)";

/// Text size of the lines printed in the book.
const LINE_PT: f32 = 10.0;

/// Where lines go on a passbook page, from the group's settings (all in mm from the top-left
/// corner of the open book as it is fed into the printer).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Geometry {
    pub page_width_mm: f32,
    pub page_height_mm: f32,
    pub lines_per_page: u32,
    /// Top of the first line's box.
    pub first_line_mm: f32,
    /// Distance from one line to the next.
    pub line_mm: f32,
    /// The fold comes after this many lines of a page.
    pub fold_after: u32,
    /// Extra space at the fold.
    pub fold_gap_mm: f32,
    /// x of: date, description (left edges); pledged savings paid, pledged savings balance,
    /// deposit, withdrawal, deposits balance, fine, principal, interest, loan balance (right
    /// edges).
    pub columns_mm: [f32; COLUMNS],
    pub pages_per_book: u32,
    /// More pending lines than this are summed into one brought-forward line.
    pub bring_forward_after: u32,
}

impl Geometry {
    /// The geometry in force on `date`.
    ///
    /// # Errors
    /// A Thai refusal when the settings contradict each other (lines below the page, columns
    /// off the page, the fold after the last line).
    pub fn at(conn: &Connection, date: NaiveDate) -> Result<Geometry> {
        let t = Timeline::load(conn)?;
        let get = |key: &str| t.raw(key, date);
        let num = |key: &str| -> Result<u32> {
            get(key)?
                .parse()
                .map_err(|_| Error::SettingDamaged(key.to_string()))
        };
        let mm = |key: &str| -> Result<f32> { length::parse_mm(&get(key)?) };
        let (w, h) = length::parse_page(&get("passbook_page_mm")?)?;
        let cols = length::parse_columns(&get("passbook_columns_mm")?)?;
        let g = Geometry {
            page_width_mm: w,
            page_height_mm: h,
            lines_per_page: num("passbook_lines")?,
            first_line_mm: mm("passbook_first_line_mm")?,
            line_mm: mm("passbook_line_mm")?,
            fold_after: num("passbook_fold_after")?,
            fold_gap_mm: mm("passbook_fold_gap_mm")?,
            columns_mm: cols,
            pages_per_book: num("passbook_pages")?,
            bring_forward_after: num("passbook_bring_forward_after")?,
        };
        g.check()?;
        Ok(g)
    }

    fn check(&self) -> Result<()> {
        let bad = |what: &str| {
            Err(Error::Refused(format!(
                "ค่าตั้งสมุดคู่ฝากขัดกัน: {what} — แก้ที่ ตั้งค่าระเบียบกลุ่ม (passbook_…)"
            )))
        };
        let last = self.line_top(self.lines_per_page) + self.line_mm;
        if last > self.page_height_mm {
            return bad(&format!(
                "บรรทัดสุดท้ายลงไปถึง {last:.1} มม. เกินความสูงหน้า {:.1} มม.",
                self.page_height_mm
            ));
        }
        if self.columns_mm.iter().any(|&x| x > self.page_width_mm) {
            return bad(&format!(
                "มีตำแหน่งคอลัมน์เกินความกว้างหน้า {:.1} มม.",
                self.page_width_mm
            ));
        }
        if self.fold_after > self.lines_per_page {
            return bad("รอยพับอยู่หลังบรรทัดสุดท้ายของหน้า");
        }
        if self.bring_forward_after < 2 {
            return bad("ยกยอดเมื่อค้างพิมพ์เกินต้องอย่างน้อย 2 บรรทัด");
        }
        Ok(())
    }

    /// Lines in one book.
    pub fn lines_per_book(&self) -> u32 {
        self.lines_per_page * self.pages_per_book
    }

    /// Page (1-based) of `line` (1-based, counted over the book).
    pub fn page_of(&self, line: u32) -> u32 {
        (line.max(1) - 1) / self.lines_per_page + 1
    }

    /// Line on its page (1-based) of `line` (counted over the book).
    pub fn line_on_page(&self, line: u32) -> u32 {
        (line.max(1) - 1) % self.lines_per_page + 1
    }

    /// Top of the box of line `n` of a page (1-based), in mm: lines after the fold are moved
    /// down by the gap.
    pub fn line_top(&self, n: u32) -> f32 {
        let i = n.max(1) - 1;
        let gap = if n > self.fold_after {
            self.fold_gap_mm
        } else {
            0.0
        };
        self.first_line_mm + i as f32 * self.line_mm + gap
    }

    fn setup(&self) -> PageSetup {
        PageSetup {
            size: PageSize::custom(self.page_width_mm, self.page_height_mm),
            margins: Margins::all(0.0),
        }
    }
}

/// Where a member's book was printed up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub book: u32,
    /// Last printed line, counted over the whole book (0 = nothing printed yet).
    pub line: u32,
    /// Journal sequence of the last printed entry (0 = none).
    pub entry_seq: i64,
    /// Pledged savings + deposits printed on that line (each is printed in its own column;
    /// the sum is kept to recognise the book again).
    pub balance: Money,
    pub loan_balance: Money,
}

impl Default for Position {
    fn default() -> Self {
        Position {
            book: 1,
            line: 0,
            entry_seq: 0,
            balance: Money::ZERO,
            loan_balance: Money::ZERO,
        }
    }
}

/// The remembered positions of a member's book: now, and before the last print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Remembered {
    pub current: Position,
    pub previous: Position,
    pub printed_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// What the book shows now for member id `member_id` (never printed: book 1, no lines).
pub fn remembered(conn: &Connection, member_id: &str) -> Result<Option<Remembered>> {
    let row = conn
        .query_row(
            "SELECT book, line, entry_seq, balance, loan_balance,
                    prev_book, prev_line, prev_entry_seq, prev_balance, prev_loan_balance, printed_at
             FROM passbook WHERE member_id = ?1",
            [member_id],
            |r| {
                let pos = |i: usize| -> rusqlite::Result<Position> {
                    Ok(Position {
                        book: r.get(i)?,
                        line: r.get(i + 1)?,
                        entry_seq: r.get(i + 2)?,
                        balance: Money::from_satang(r.get(i + 3)?),
                        loan_balance: Money::from_satang(r.get(i + 4)?),
                    })
                };
                let at: String = r.get(10)?;
                Ok(Remembered {
                    current: pos(0)?,
                    previous: pos(5)?,
                    printed_at: chrono::DateTime::parse_from_rfc3339(&at)
                        .ok()
                        .map(|d| d.with_timezone(&chrono::Utc)),
                })
            },
        )
        .optional()?;
    Ok(row)
}

/// Options of a continuation print.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct Options {
    /// Start a new book now (the old one is full or lost); line 1 brings the balance forward.
    pub new_book: bool,
    /// Print the last print again, at the same place (the printer jammed).
    pub again: bool,
}

/// One line to print in the book.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BookLine {
    pub book: u32,
    /// Line counted over the book, 1-based.
    pub line: u32,
    pub page: u32,
    pub line_on_page: u32,
    pub date: NaiveDate,
    pub label: String,
    /// Pledged savings paid (negative: returned at exit) and the balance after.
    pub sajja: Money,
    pub sajja_balance: Money,
    pub deposit_in: Money,
    pub deposit_out: Money,
    pub deposit_balance: Money,
    /// Pledged savings + deposits after the line.
    pub balance: Money,
    /// A fine charged (on its own line) or fines paid (on a receipt's line).
    pub fine: Money,
    pub principal: Money,
    pub interest: Money,
    pub loan_balance: Money,
    /// A brought-forward line (new book) or the sum of several entries (many pending).
    pub brought_forward: bool,
    /// How many journal entries the line stands for (0 for a new book's opening line).
    pub entries: usize,
}

/// A planned continuation print: the model the renderer draws and the position to remember.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Plan {
    pub member: u32,
    pub member_id: String,
    pub name: String,
    pub has_loans: bool,
    pub geometry: Geometry,
    /// The book as found (for `again`: as it was before the last print).
    pub before: Position,
    /// The book once these lines are printed.
    pub after: Position,
    pub lines: Vec<BookLine>,
    /// Entries not yet printed when the plan was made.
    pub pending: usize,
    /// A new book starts in this print (asked for, or the old one filled up).
    pub new_book: bool,
    pub again: bool,
    /// What the table said before planning (checked again when remembering).
    #[serde(skip)]
    found: Option<Remembered>,
}

/// One history line with its journal sequence and the change it made.
struct Step {
    seq: i64,
    line: HistoryLine,
    d_sajja: Money,
    d_deposits: Money,
    d_loan: Money,
}

/// Plans the next continuation print of member `number`'s book.
///
/// # Errors
/// Unknown member; `again` with nothing printed before; nothing new to print (unless a new
/// book is asked for); contradictory geometry settings.
pub fn plan(conn: &Connection, number: u32, opts: Options, today: NaiveDate) -> Result<Plan> {
    let m = member::get(conn, number)?;
    let geometry = Geometry::at(conn, today)?;
    let found = remembered(conn, &m.id)?;
    let start = match (&found, opts.again) {
        (Some(r), true) => r.previous,
        (None, true) => {
            return Err(Error::Refused(format!(
                "ยังไม่เคยพิมพ์สมุดคู่ฝากของสมาชิกเลขที่ {number} — ไม่มีรายการให้พิมพ์ซ้ำ"
            )))
        }
        (Some(r), false) => r.current,
        (None, false) => Position::default(),
    };
    let history = register::account_history(conn, number, None, None)?;
    let seqs = entry_seqs(conn, &m.id)?;
    let mut steps = Vec::with_capacity(history.lines.len());
    let (mut sajja, mut deposits, mut loan) = (Money::ZERO, Money::ZERO, Money::ZERO);
    for line in history.lines {
        let seq = seqs.get(&line.entry).copied().unwrap_or(i64::MAX);
        steps.push(Step {
            seq,
            d_sajja: line.sajja_balance - sajja,
            d_deposits: line.deposit_balance - deposits,
            d_loan: line.loan_balance - loan,
            line,
        });
        if let Some(s) = steps.last() {
            (sajja, deposits, loan) = (
                s.line.sajja_balance,
                s.line.deposit_balance,
                s.line.loan_balance,
            );
        }
    }
    steps.sort_by_key(|s| s.seq);
    // The balances the book shows after its last printed entry, from the journal itself.
    let mut at = Balances::default();
    for s in steps.iter().filter(|s| s.seq <= start.entry_seq) {
        at.sajja += s.d_sajja;
        at.deposits += s.d_deposits;
        at.loan += s.d_loan;
    }
    let start_at = at;
    let all_pending: Vec<&Step> = steps.iter().filter(|s| s.seq > start.entry_seq).collect();
    // Entries that change nothing the book shows take no line, but are remembered as printed.
    // A late fine charged takes its line, with its amount in the fine column.
    let pending: Vec<&Step> = all_pending
        .iter()
        .copied()
        .filter(|s| {
            !(s.line.saved.is_zero()
                && s.line.withdrawn.is_zero()
                && s.line.principal_paid.is_zero()
                && s.line.interest_paid.is_zero()
                && s.line.fines_paid.is_zero()
                && s.line.fine_charged.is_zero()
                && s.d_sajja.is_zero()
                && s.d_deposits.is_zero()
                && s.d_loan.is_zero())
        })
        .collect();
    if pending.is_empty() && !opts.new_book {
        return Err(Error::Refused(format!(
            "ไม่มีรายการใหม่ที่ยังไม่ได้พิมพ์ในสมุดคู่ฝากของสมาชิกเลขที่ {number} (พิมพ์ถึงเล่มที่ {} บรรทัดที่ {} แล้ว)",
            start.book, start.line
        )));
    }

    let look = Look::default();
    let mut rows: Vec<BookLine> = Vec::new();
    let keep = geometry.bring_forward_after as usize;
    let (older, latest) = if pending.len() > keep {
        pending.split_at(pending.len() - (keep - 1))
    } else {
        pending.split_at(0)
    };
    if !older.is_empty() {
        let mut row = blank_row(older[older.len() - 1].line.date, at);
        row.label = "ยกยอด".to_string();
        row.brought_forward = true;
        row.entries = older.len();
        for s in older {
            add_step(&mut row, s);
            // A summed line shows the fines paid; the charges it covers are in the history.
            row.fine -= s.line.fine_charged;
            row.date = row.date.max(s.line.date);
        }
        at = Balances::of(&row);
        rows.push(row);
    }
    for s in latest {
        let mut row = blank_row(s.line.date, at);
        row.label = short_label(&s.line, &look);
        row.entries = 1;
        add_step(&mut row, s);
        at = Balances::of(&row);
        rows.push(row);
    }

    // Place the rows: a new book when asked or when the book is full, its first line bringing
    // the balance forward.
    let mut book = start.book;
    let mut line = start.line;
    let mut new_book = false;
    let mut placed = Vec::with_capacity(rows.len() + 1);
    let mut carried = start_at;
    if opts.new_book {
        (book, line) = (book + 1, 0);
        new_book = true;
        placed.push(opening_row(today, carried));
        line += 1;
        set_place(placed.last_mut(), book, line, &geometry);
    }
    for row in rows {
        if line >= geometry.lines_per_book() {
            (book, line) = (book + 1, 0);
            new_book = true;
            placed.push(opening_row(row.date, carried));
            line += 1;
            set_place(placed.last_mut(), book, line, &geometry);
        }
        carried = Balances::of(&row);
        placed.push(row);
        line += 1;
        set_place(placed.last_mut(), book, line, &geometry);
    }
    let after = Position {
        book,
        line,
        entry_seq: all_pending.last().map_or(start.entry_seq, |s| s.seq),
        balance: at.sajja + at.deposits,
        loan_balance: at.loan,
    };
    Ok(Plan {
        member: number,
        member_id: m.id,
        name: m.full_name,
        has_loans: history.has_loans,
        geometry,
        before: Position {
            balance: start_at.sajja + start_at.deposits,
            loan_balance: start_at.loan,
            ..start
        },
        after,
        lines: placed,
        pending: pending.len(),
        new_book,
        again: opts.again,
        found,
    })
}

fn entry_seqs(conn: &Connection, member_id: &str) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT e.id, e.seq FROM journal_entry e JOIN posting p ON p.entry_seq = e.seq
         WHERE p.member_id = ?1",
    )?;
    let rows = stmt.query_map([member_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The balances a book line shows.
#[derive(Debug, Clone, Copy, Default)]
struct Balances {
    sajja: Money,
    deposits: Money,
    loan: Money,
}

impl Balances {
    fn of(row: &BookLine) -> Balances {
        Balances {
            sajja: row.sajja_balance,
            deposits: row.deposit_balance,
            loan: row.loan_balance,
        }
    }
}

fn blank_row(date: NaiveDate, at: Balances) -> BookLine {
    BookLine {
        book: 0,
        line: 0,
        page: 0,
        line_on_page: 0,
        date,
        label: String::new(),
        sajja: Money::ZERO,
        sajja_balance: at.sajja,
        deposit_in: Money::ZERO,
        deposit_out: Money::ZERO,
        deposit_balance: at.deposits,
        balance: at.sajja + at.deposits,
        fine: Money::ZERO,
        principal: Money::ZERO,
        interest: Money::ZERO,
        loan_balance: at.loan,
        brought_forward: false,
        entries: 0,
    }
}

fn add_step(row: &mut BookLine, s: &Step) {
    row.sajja += s.line.sajja;
    row.deposit_in += s.line.deposit_in;
    row.deposit_out += s.line.deposit_out;
    row.fine += s.line.fine_charged + s.line.fines_paid;
    row.principal += s.line.principal_paid;
    row.interest += s.line.interest_paid;
    row.sajja_balance += s.d_sajja;
    row.deposit_balance += s.d_deposits;
    row.balance += s.d_sajja + s.d_deposits;
    row.loan_balance += s.d_loan;
}

fn opening_row(date: NaiveDate, at: Balances) -> BookLine {
    let mut row = blank_row(date, at);
    row.label = "ยอดยกมา".to_string();
    row.brought_forward = true;
    row
}

fn set_place(row: Option<&mut BookLine>, book: u32, line: u32, g: &Geometry) {
    if let Some(row) = row {
        row.book = book;
        row.line = line;
        row.page = g.page_of(line);
        row.line_on_page = g.line_on_page(line);
    }
}

/// What a passbook line says in its narrow description column.
fn short_label(line: &HistoryLine, look: &Look) -> String {
    let what = match line.kind.as_str() {
        "collection" if line.saved.is_zero() && !line.withdrawn.is_zero() => "ถอน",
        "collection" => "ใบเสร็จ",
        "reversal" => "หักล้าง",
        "settlement" => "ปิดบัญชี",
        "loan_payout" => "รับเงินกู้",
        "loan_repayment" => "ส่งเงินกู้",
        "loan_restructure" => "ปรับหนี้",
        "loan_writeoff" => "หนี้สูญ",
        _ if !line.fine_charged.is_zero() => "ปรับส่งช้า",
        _ => "รายการ",
    };
    match &line.receipt {
        Some(r) => format!("{what} {}", look.num(r)),
        None => what.to_string(),
    }
}

/// Remembers that the plan's lines were printed. Refuses if someone printed the same book in
/// the meantime (the table no longer says what the plan found).
///
/// # Errors
/// [`Error::Refused`] when the remembered position changed since planning.
pub(crate) fn remember(conn: &Connection, plan: &Plan) -> Result<()> {
    if remembered(conn, &plan.member_id)? != plan.found {
        return Err(Error::Refused(format!(
            "สมุดคู่ฝากของสมาชิกเลขที่ {} เพิ่งถูกพิมพ์จากที่อื่น — สั่งพิมพ์ใหม่อีกครั้ง",
            plan.member
        )));
    }
    let prev = if plan.again {
        plan.found.map(|f| f.previous).unwrap_or_default()
    } else {
        plan.found.map(|f| f.current).unwrap_or_default()
    };
    let a = plan.after;
    conn.execute(
        "INSERT INTO passbook (member_id, book, line, entry_seq, balance, loan_balance,
                               prev_book, prev_line, prev_entry_seq, prev_balance, prev_loan_balance, printed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (member_id) DO UPDATE SET
            book = excluded.book, line = excluded.line, entry_seq = excluded.entry_seq,
            balance = excluded.balance, loan_balance = excluded.loan_balance,
            prev_book = excluded.prev_book, prev_line = excluded.prev_line,
            prev_entry_seq = excluded.prev_entry_seq, prev_balance = excluded.prev_balance,
            prev_loan_balance = excluded.prev_loan_balance, printed_at = excluded.printed_at",
        params![
            plan.member_id,
            a.book,
            a.line,
            a.entry_seq,
            a.balance.satang(),
            a.loan_balance.satang(),
            prev.book,
            prev.line,
            prev.entry_seq,
            prev.balance.satang(),
            prev.loan_balance.satang(),
            crate::clock::now_utc(),
        ],
    )?;
    Ok(())
}

/// The lines of the plan as PDF pages the size of a passbook page: one page per book page
/// touched, each line at its place and nothing else on the page.
///
/// # Errors
/// Layout errors of the engine (none expected).
pub fn document<'e>(engine: &'e Engine, lh: &Letterhead, plan: &Plan) -> Result<DocBuilder<'e>> {
    let look = Look::of(lh);
    let g = &plan.geometry;
    let mut doc = DocBuilder::new(engine, g.setup());
    doc.set_title(format!(
        "{TITLE} สมาชิกเลขที่ {} {} เล่มที่ {}",
        plan.member,
        plan.name,
        plan.lines.first().map_or(plan.after.book, |l| l.book)
    ));
    let text = TextStyle::new(look.fit_pt(LINE_PT));
    let right = text.align(Align::Right);
    let c = g.columns_mm;
    let mut at: Option<(u32, u32)> = None;
    for l in &plan.lines {
        if at != Some((l.book, l.page)) {
            doc.new_page();
            at = Some((l.book, l.page));
        }
        let Some(page) = doc.last_page_mut() else {
            continue;
        };
        let y = g.line_top(l.line_on_page);
        page.text(c[0], y, &look.date_short(l.date), &text);
        page.text(c[1], y, &look.num(&l.label), &text);
        page.text(c[2], y, &look.amount_or_blank(l.sajja), &right);
        page.text(c[3], y, &look.amount(l.sajja_balance), &right);
        page.text(c[4], y, &look.amount_or_blank(l.deposit_in), &right);
        page.text(c[5], y, &look.amount_or_blank(l.deposit_out), &right);
        page.text(c[6], y, &look.amount(l.deposit_balance), &right);
        page.text(c[7], y, &look.amount_or_blank(l.fine), &right);
        if plan.has_loans {
            page.text(c[8], y, &look.amount_or_blank(l.principal), &right);
            page.text(c[9], y, &look.amount_or_blank(l.interest), &right);
            page.text(c[10], y, &look.amount(l.loan_balance), &right);
        }
    }
    if doc.page_count() == 0 {
        doc.new_page();
    }
    Ok(doc)
}

/// A one-line Thai description of where the lines go, for the command line and the app:
/// `เล่มที่ 1 หน้า 2 บรรทัดที่ 3–9`.
pub fn placement(plan: &Plan) -> String {
    let look = Look::default();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < plan.lines.len() {
        let first = &plan.lines[i];
        let mut j = i;
        while j + 1 < plan.lines.len()
            && (plan.lines[j + 1].book, plan.lines[j + 1].page) == (first.book, first.page)
        {
            j += 1;
        }
        let last = &plan.lines[j];
        let lines = if first.line_on_page == last.line_on_page {
            format!("บรรทัดที่ {}", first.line_on_page)
        } else {
            format!("บรรทัดที่ {}–{}", first.line_on_page, last.line_on_page)
        };
        parts.push(look.num(format!("เล่มที่ {} หน้า {} {lines}", first.book, first.page)));
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry() -> Geometry {
        Geometry {
            page_width_mm: 180.0,
            page_height_mm: 230.0,
            lines_per_page: 24,
            first_line_mm: 22.0,
            line_mm: 7.0,
            fold_after: 12,
            fold_gap_mm: 14.0,
            columns_mm: [
                6.0, 20.0, 56.0, 74.0, 91.0, 108.0, 126.0, 140.0, 155.0, 167.0, 178.0,
            ],
            pages_per_book: 16,
            bring_forward_after: 12,
        }
    }

    #[test]
    fn lines_skip_the_fold_and_pages_follow_each_other() {
        let g = geometry();
        assert_eq!(g.line_top(1), 22.0);
        assert_eq!(g.line_top(12), 22.0 + 11.0 * 7.0);
        assert_eq!(g.line_top(13), 22.0 + 12.0 * 7.0 + 14.0);
        assert_eq!((g.page_of(24), g.line_on_page(24)), (1, 24));
        assert_eq!((g.page_of(25), g.line_on_page(25)), (2, 1));
        assert_eq!(g.lines_per_book(), 384);
        assert!(g.check().is_ok());
        let mut tall = g.clone();
        tall.line_mm = 10.0;
        assert!(tall
            .check()
            .unwrap_err()
            .to_string()
            .contains("เกินความสูงหน้า"));
    }

    #[test]
    fn settings_values_are_read_and_normalised() {
        assert_eq!(length::normalize_mm("๗.๕").unwrap(), "7.5");
        assert_eq!(length::normalize_mm("7 มม.").unwrap(), "7");
        assert!(length::normalize_mm("เจ็ด").is_err());
        assert!(length::normalize_mm("-3").is_err());
        assert_eq!(length::normalize_page("180 x 230").unwrap(), "180x230");
        assert!(length::normalize_page("180").is_err());
        assert_eq!(
            length::normalize_columns("6, 20, 56, 74, 91, 108, 126, 140, 155, 167, 178.5").unwrap(),
            "6,20,56,74,91,108,126,140,155,167,178.5"
        );
        assert!(length::normalize_columns("1,2,3").is_err());
        // The older eight positions still read: the amounts share their span.
        assert_eq!(
            length::normalize_columns("8,26,70,92,116,138,157,178").unwrap(),
            "8,26,70,83.5,97,110.5,124,137.5,151,164.5,178"
        );
    }
}
