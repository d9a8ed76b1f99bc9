//! Bringing a group's existing books into Sajja (ยอดยกมา) and importing from spreadsheets:
//! members, opening balances of members (pledged savings with the last month paid, deposits,
//! unpaid fines), the group's funds, and open loans, from .xlsx or .csv.
//!
//! Every import is all or nothing. Each row runs through the same use-case code as a typed
//! entry (inside a savepoint, so one bad row does not hide the next one's mistakes); every
//! mistake is collected with its spreadsheet row, its column and a Thai message saying what is
//! wrong and what is expected; then the transaction is rolled back if there was any mistake or
//! if only a preview was asked for. Nothing is ever half imported.
//!
//! Balances are posted as balanced journal entries of kind `opening`, one per kind of balance,
//! on the cut-over date, each against 3950 ผลต่างยอดยกมา; when everything is in, that account
//! is zero (the paper books balanced) and `verify` says so. The cut-over locks every date
//! before it. Opening balances can only be brought in while the books hold nothing but
//! opening entries.

mod balances;
mod columns;
mod funds;
mod loans;
mod members;
pub mod table;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};

use crate::account::OPENING_DIFFERENCE;
use crate::clock;
use crate::db::CachedExt;
use crate::error::{Error, Result};
use crate::journal::{self, NewEntry};
use crate::member::{self, Member};
use crate::money::Money;
use crate::thai::{self, Digits, YearMonth};
use columns::{Columns, Field};
pub use funds::{accounts as fund_accounts, FundAccount};
pub use table::Table;

/// What is being imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Members,
    Opening,
    Loans,
    Funds,
}

impl Kind {
    pub fn parse(text: &str) -> Result<Kind> {
        match text.trim() {
            "members" | "สมาชิก" => Ok(Kind::Members),
            "opening" | "ยอดยกมา" => Ok(Kind::Opening),
            "loans" | "เงินกู้" => Ok(Kind::Loans),
            "funds" | "ทุน" => Ok(Kind::Funds),
            other => Err(Error::invalid(
                "kind",
                format!("ไม่รู้จักข้อมูล \"{other}\" — เลือก members, opening, loans หรือ funds"),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Members => "members",
            Kind::Opening => "opening",
            Kind::Loans => "loans",
            Kind::Funds => "funds",
        }
    }

    /// The sheet of the template workbook that holds this kind (also its English name).
    pub fn sheet_names(self) -> &'static [&'static str] {
        match self {
            Kind::Members => &["สมาชิก", "members"],
            Kind::Opening => &["ยอดยกมาสมาชิก", "opening"],
            Kind::Loans => &["เงินกู้", "loans"],
            Kind::Funds => &["ยอดยกมาทุน", "funds"],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Members => "ทะเบียนสมาชิก",
            Kind::Opening => "ยอดยกมาของสมาชิก",
            Kind::Loans => "เงินกู้ยกมา",
            Kind::Funds => "ยอดยกมาของทุนและเงินของกลุ่ม",
        }
    }

    /// The columns this kind reads.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Members => members::FIELDS,
            Kind::Opening => balances::FIELDS,
            Kind::Loans => loans::FIELDS,
            Kind::Funds => funds::FIELDS,
        }
    }
}

/// One mistake: the spreadsheet row (0 = the file as a whole), the column as the sheet names
/// it (empty when none), and what is wrong and what is expected, in Thai.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    pub row: usize,
    pub column: String,
    pub message: String,
}

/// One line of the preview: what a row will create.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PreviewLine {
    pub row: usize,
    pub text: String,
}

/// A total of the preview (e.g. เงินสัจจะยกมา 1,234,500.00).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Total {
    pub label: String,
    pub amount: Money,
}

/// A column of the sheet and the field it was read as.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ColumnMap {
    pub header: String,
    pub field: String,
    /// The field's Thai name, as the template heads it.
    pub label: String,
}

/// What an import did, or would do (`dry_run`), or why it was refused (`errors`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct ImportReport {
    pub kind: Kind,
    pub file: String,
    pub sheet: String,
    /// The cut-over date (the opening entries' date), for opening balances and loans.
    pub date: Option<NaiveDate>,
    pub dry_run: bool,
    /// True only when the books were changed.
    pub committed: bool,
    /// Rows read (not counting the header).
    pub rows: usize,
    pub columns: Vec<ColumnMap>,
    pub unknown_columns: Vec<String>,
    pub lines: Vec<PreviewLine>,
    pub totals: Vec<Total>,
    pub errors: Vec<RowError>,
}

/// What the caller asked for.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The cut-over date as typed (empty: the one already set, else the first day of this
    /// month).
    pub date: String,
    pub dry_run: bool,
    /// The file's name, for the report and the opening record.
    pub file: String,
}

/// The state of one import run: the columns found, the mistakes and the preview so far.
pub(crate) struct Run<'a> {
    pub fields: &'static [Field],
    pub cols: Columns,
    pub errors: Vec<RowError>,
    pub lines: Vec<PreviewLine>,
    pub totals: Vec<Total>,
    pub cutover: Option<NaiveDate>,
    pub source: &'a str,
}

impl Run<'_> {
    /// Records a mistake of `row` in field number `k`.
    pub fn fail(&mut self, row: usize, k: usize, message: impl Into<String>) {
        let column = self.cols.header(self.fields, k);
        self.errors.push(RowError {
            row,
            column,
            message: message.into(),
        });
    }

    /// Records an error raised by the books for `row`, in the column of the field it names.
    pub fn fail_with(&mut self, row: usize, e: &Error, fallback: usize) {
        let k = e
            .field()
            .and_then(|f| self.fields.iter().position(|x| x.name == f))
            .unwrap_or(fallback);
        self.fail(row, k, e.to_string());
    }

    pub fn line(&mut self, row: usize, text: String) {
        self.lines.push(PreviewLine { row, text });
    }

    pub fn total(&mut self, label: &str, amount: Money) {
        self.totals.push(Total {
            label: label.to_string(),
            amount,
        });
    }

    /// An amount of baht, zero or more: empty is zero. Thai digits and separators are read.
    pub fn money(&mut self, row: usize, k: usize, cells: &[String]) -> Option<Money> {
        let text = self.cols.cell(cells, k).replace(' ', "");
        if text.is_empty() || text == "-" {
            return Some(Money::ZERO);
        }
        match Money::parse(&text) {
            Ok(m) => Some(m),
            Err(e) => {
                self.fail(
                    row,
                    k,
                    format!("{e} — ใส่จำนวนเงินเป็นตัวเลข ไม่ติดลบ เช่น 1,500.00"),
                );
                None
            }
        }
    }

    /// A whole number; `None` (with the mistake recorded) when malformed, Some(None) when empty.
    pub fn whole(&mut self, row: usize, k: usize, cells: &[String]) -> Option<Option<u32>> {
        let text = thai::to_arabic_digits(self.cols.cell(cells, k)).replace(',', "");
        if text.is_empty() {
            return Some(None);
        }
        match text.parse::<u32>() {
            Ok(n) => Some(Some(n)),
            Err(_) => {
                let shown = self.cols.cell(cells, k).to_string();
                self.fail(
                    row,
                    k,
                    format!("\"{shown}\" ไม่ใช่จำนวนเต็ม — ใส่ตัวเลขจำนวนเต็ม เช่น 12"),
                );
                None
            }
        }
    }

    /// A date in any Thai or ISO form (พ.ศ. or ค.ศ.); empty is `Some(None)`.
    pub fn date(&mut self, row: usize, k: usize, cells: &[String]) -> Option<Option<NaiveDate>> {
        let text = self.cols.cell(cells, k).to_string();
        if text.is_empty() {
            return Some(None);
        }
        match thai::parse_date(&text) {
            Ok(d) => Some(Some(d)),
            Err(e) => {
                self.fail(row, k, format!("{e} — ใส่วันที่ เช่น 15/3/2568 หรือ 2568-03-15"));
                None
            }
        }
    }

    /// A month ("2568-06", "6/2568", "มิ.ย. 2568"); empty is `Some(None)`.
    pub fn month(&mut self, row: usize, k: usize, cells: &[String]) -> Option<Option<YearMonth>> {
        let text = self.cols.cell(cells, k).to_string();
        if text.is_empty() {
            return Some(None);
        }
        // A date typed where a month is asked (Excel turns 2568-06 into a date) names its month.
        let parsed = thai::parse_month(&text)
            .or_else(|e| thai::parse_date(&text).map(YearMonth::of).map_err(|_| e));
        match parsed {
            Ok(m) => Some(Some(m)),
            Err(e) => {
                self.fail(row, k, format!("{e} — ใส่เดือน เช่น 2568-06 หรือ 6/2568"));
                None
            }
        }
    }

    /// The member whose number is in field `k`.
    pub fn member(
        &mut self,
        conn: &Connection,
        row: usize,
        k: usize,
        cells: &[String],
    ) -> Option<Member> {
        let number = match self.whole(row, k, cells)? {
            Some(n) => n,
            None => {
                self.fail(row, k, "ไม่ได้ใส่เลขที่สมาชิก — ใส่เลขที่สมาชิกตามทะเบียน");
                return None;
            }
        };
        match member::get(conn, number) {
            Ok(m) => Some(m),
            Err(e) => {
                self.fail(row, k, format!("{e} — นำเข้าทะเบียนสมาชิกก่อน หรือแก้เลขที่สมาชิก"));
                None
            }
        }
    }
}

/// Runs an import of `table` on `conn` (a transaction the caller commits only when the
/// report has no mistakes and is not a dry run).
pub(crate) fn run(
    conn: &Connection,
    kind: Kind,
    table: &Table,
    opts: &Options,
) -> Result<ImportReport> {
    let fields = kind.fields();
    let cols = Columns::match_header(&table.header, fields);
    let mut run = Run {
        fields,
        cols,
        errors: Vec::new(),
        lines: Vec::new(),
        totals: Vec::new(),
        cutover: None,
        source: &opts.file,
    };
    for f in run.cols.missing.clone() {
        run.errors.push(RowError {
            row: 1,
            column: f.thai.to_string(),
            message: format!(
                "ไม่มีคอลัมน์ \"{}\" ({}) — เพิ่มคอลัมน์นี้ในแถวหัวตาราง (ดูแบบฟอร์มจาก sajja import template)",
                f.thai, f.name
            ),
        });
    }
    if table.rows.is_empty() {
        run.errors.push(RowError {
            row: 2,
            column: String::new(),
            message: "ไม่มีข้อมูลใต้หัวตาราง — ใส่ข้อมูลตั้งแต่แถวที่ 2".into(),
        });
    }
    if run.errors.is_empty() {
        let outcome = match kind {
            Kind::Members => members::import(conn, table, &mut run),
            Kind::Opening => with_cutover(conn, opts, &mut run)
                .and_then(|()| balances::import(conn, table, &mut run)),
            Kind::Loans => with_cutover(conn, opts, &mut run)
                .and_then(|()| loans::import(conn, table, &mut run)),
            Kind::Funds => with_cutover(conn, opts, &mut run)
                .and_then(|()| funds::import(conn, table, &mut run)),
        };
        if let Err(e) = outcome {
            run.errors.push(RowError {
                row: 0,
                column: String::new(),
                message: e.to_string(),
            });
        }
    }
    let columns = (0..fields.len())
        .filter(|k| run.cols.has(*k))
        .map(|k| ColumnMap {
            header: run.cols.header(fields, k),
            field: fields[k].name.to_string(),
            label: fields[k].thai.to_string(),
        })
        .collect();
    Ok(ImportReport {
        kind,
        file: opts.file.clone(),
        sheet: table.sheet.clone(),
        date: run.cutover,
        dry_run: opts.dry_run,
        committed: false,
        rows: table.rows.len(),
        columns,
        unknown_columns: run.cols.unknown.clone(),
        lines: run.lines,
        totals: run.totals,
        errors: run.errors,
    })
}

/// Runs `f` for one row inside a savepoint: a row that fails leaves nothing behind, so the
/// rows after it are checked against the books as they would be.
pub(crate) fn in_savepoint<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT import_row")?;
    match f() {
        Ok(v) => {
            conn.execute_batch("RELEASE import_row")?;
            Ok(v)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
            Err(e)
        }
    }
}

/// The cut-over date already set, if any.
pub fn cutover(conn: &Connection) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row_cached("SELECT cutover FROM opening WHERE id = 1", [], |r| r.get(0))
        .optional()?)
}

/// Settles the cut-over of this import and refuses books that already hold ordinary entries.
fn with_cutover(conn: &Connection, opts: &Options, run: &mut Run<'_>) -> Result<()> {
    let typed = crate::group::parse_optional_date("date", &opts.date)?;
    let set = cutover(conn)?;
    let date = match (set, typed) {
        (Some(set), Some(typed)) if set != typed => {
            return Err(Error::invalid(
                "date",
                format!(
                    "วันยกยอดของกลุ่มตั้งไว้แล้วเป็น {} — ยอดยกมาทุกอย่างต้องเป็นวันเดียวกัน",
                    thai::format_date(set, Digits::Arabic)
                ),
            ))
        }
        (Some(set), _) => set,
        (None, Some(typed)) => typed,
        (None, None) => {
            let today = clock::today();
            today.with_day(1).unwrap_or(today)
        }
    };
    let ordinary: i64 = conn.query_row(
        "SELECT count(*) FROM journal_entry WHERE kind <> 'opening'",
        [],
        |r| r.get(0),
    )?;
    if ordinary > 0 {
        return Err(Error::Refused(format!(
            "บัญชีนี้มีรายการที่บันทึกในโปรแกรมแล้ว {ordinary} รายการ — ยอดยกมานำเข้าได้เฉพาะก่อนเริ่มบันทึกรายการ (ใช้ไฟล์บัญชีใหม่)"
        )));
    }
    let founded = crate::group::get(conn)?.founded;
    if date <= founded {
        return Err(Error::invalid(
            "date",
            format!(
                "วันยกยอด {} ต้องอยู่หลังวันก่อตั้งกลุ่ม ({})",
                thai::format_date(date, Digits::Arabic),
                thai::format_date(founded, Digits::Arabic)
            ),
        ));
    }
    journal::ensure_in_window(conn, date)?;
    run.cutover = Some(date);
    Ok(())
}

/// Posts one opening entry on the cut-over date against 3950 and records it; sets the cut-over
/// and locks every date before it, the first time.
pub(crate) fn post_opening(
    conn: &Connection,
    run: &Run<'_>,
    kind: &str,
    mut entry: NewEntry,
) -> Result<String> {
    let cutover = run
        .cutover
        .expect("opening imports settle the cut-over first");
    let net: Money = entry.postings.iter().map(|p| p.amount).sum();
    entry.push(crate::journal::Posting::debit(OPENING_DIFFERENCE, -net));
    if cutover_of(conn)?.is_none() {
        conn.execute(
            "INSERT INTO opening (id, cutover, recorded_at) VALUES (1, ?1, ?2)",
            rusqlite::params![cutover, clock::now_utc()],
        )?;
    }
    if let Some(before) = cutover.pred_opt() {
        if journal::lock_date(conn)?.is_none_or(|l| l < before) {
            journal::lock_through(conn, before, "ยอดยกมา: บัญชีก่อนวันยกยอดอยู่ในสมุดเดิม")?;
        }
    }
    let id = journal::post(conn, &entry)?;
    conn.execute(
        "INSERT INTO opening_entry (kind, entry_id, source) VALUES (?1, ?2, ?3)",
        rusqlite::params![kind, id, run.source],
    )?;
    Ok(id)
}

fn cutover_of(conn: &Connection) -> Result<Option<NaiveDate>> {
    cutover(conn)
}

/// What was brought in, as at which date (`sajja opening show`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct OpeningView {
    /// The cut-over date (None: nothing brought in).
    pub date: Option<NaiveDate>,
    pub locked_through: Option<NaiveDate>,
    pub entries: Vec<OpeningEntry>,
    pub members: Vec<MemberOpening>,
    pub funds: Vec<FundOpening>,
    pub loans: Vec<LoanOpening>,
    pub totals: OpeningTotals,
    /// What is left in 3950 ผลต่างยอดยกมา: zero when the paper books balanced and everything
    /// is in.
    pub difference: Money,
    pub balanced: bool,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct OpeningEntry {
    pub kind: String,
    pub entry: String,
    pub date: NaiveDate,
    pub source: String,
    pub amount: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberOpening {
    pub member: u32,
    pub name: String,
    pub sajja: Money,
    pub paid_through: Option<String>,
    pub deposits: Money,
    pub fines: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct FundOpening {
    pub account: String,
    pub name: String,
    pub amount: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct LoanOpening {
    pub loan: String,
    pub member: u32,
    pub name: String,
    pub amount: Money,
    pub disbursed: NaiveDate,
    pub months: u32,
    pub principal_owed: Money,
    pub interest_paid_to: Option<String>,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct OpeningTotals {
    pub sajja: Money,
    pub deposits: Money,
    pub fines: Money,
    pub loans: Money,
}

/// Everything brought in, read back from the books.
pub fn show(conn: &Connection) -> Result<OpeningView> {
    let date = cutover(conn)?;
    let mut entries = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT o.kind, e.id, e.date, o.source,
                (SELECT coalesce(sum(amount), 0) FROM posting p WHERE p.entry_seq = e.seq AND p.amount > 0)
         FROM opening_entry o JOIN journal_entry e ON e.id = o.entry_id ORDER BY e.seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        entries.push(OpeningEntry {
            kind: r.get(0)?,
            entry: r.get(1)?,
            date: r.get(2)?,
            source: r.get(3)?,
            amount: Money::from_satang(r.get(4)?),
        });
    }
    let mut members = Vec::new();
    let mut totals = OpeningTotals::default();
    let mut stmt = conn.prepare(
        "SELECT m.number, m.title || m.first_name || ' ' || m.last_name, o.sajja, o.paid_through,
                o.deposits, o.fines
         FROM member_opening o JOIN member m ON m.id = o.member_id ORDER BY m.number",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let m = MemberOpening {
            member: r.get(0)?,
            name: r.get(1)?,
            sajja: Money::from_satang(r.get(2)?),
            paid_through: r.get(3)?,
            deposits: Money::from_satang(r.get(4)?),
            fines: Money::from_satang(r.get(5)?),
        };
        totals.sajja += m.sajja;
        totals.deposits += m.deposits;
        totals.fines += m.fines;
        members.push(m);
    }
    let mut funds = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT p.account, a.name, a.kind, p.amount FROM opening_entry o
         JOIN journal_entry e ON e.id = o.entry_id
         JOIN posting p ON p.entry_seq = e.seq JOIN account a ON a.code = p.account
         WHERE o.kind = 'funds' AND p.account <> '3950' ORDER BY p.line",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(2)?;
        let amount = Money::from_satang(r.get(3)?);
        funds.push(FundOpening {
            account: r.get(0)?,
            name: r.get(1)?,
            amount: if matches!(kind.as_str(), "asset" | "expense") {
                amount
            } else {
                -amount
            },
        });
    }
    let mut loans = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT l.number, m.number, m.title || m.first_name || ' ' || m.last_name, l.amount,
                (SELECT date FROM loan_event e WHERE e.loan_id = l.id AND e.kind = 'disbursed'),
                l.months, o.owed, o.interest_paid_to
         FROM loan_opening o JOIN loan l ON l.id = o.loan_id JOIN member m ON m.id = l.member_id
         ORDER BY l.rowid",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let l = LoanOpening {
            loan: r.get(0)?,
            member: r.get(1)?,
            name: r.get(2)?,
            amount: Money::from_satang(r.get(3)?),
            disbursed: r.get(4)?,
            months: r.get(5)?,
            principal_owed: Money::from_satang(r.get(6)?),
            interest_paid_to: r.get(7)?,
        };
        totals.loans += l.principal_owed;
        loans.push(l);
    }
    let difference = crate::ledger::account_balance(conn, OPENING_DIFFERENCE, None)?;
    Ok(OpeningView {
        date,
        locked_through: journal::lock_date(conn)?,
        entries,
        members,
        funds,
        loans,
        totals,
        balanced: difference.is_zero(),
        difference,
    })
}

/// `verify`'s part: brought-in balances that do not add up are named.
pub fn verify(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    if cutover(conn)?.is_none() {
        return Ok(());
    }
    let difference = crate::ledger::account_balance(conn, OPENING_DIFFERENCE, None)?;
    if !difference.is_zero() {
        problems.push(format!(
            "ยอดยกมาไม่ลงตัว: บัญชีผลต่างยอดยกมา (3950) คงเหลือ {} บาท — ทรัพย์สินที่ยกมาไม่เท่ากับหนี้สินและทุนที่ยกมา ตรวจยอดยกมาของทุน เงินสด เงินฝากธนาคาร และเงินกู้ให้ครบ",
            difference.grouped()
        ));
    }
    Ok(())
}

/// The first day of the month after `m`, for messages.
pub(crate) fn month_text(m: YearMonth) -> String {
    thai::format_month(m, Digits::Arabic)
}
