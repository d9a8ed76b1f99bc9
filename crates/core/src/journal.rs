//! The journal: balanced double-entry entries, written once and never changed.
//!
//! `post` is the only way money enters the books. It checks the entry before writing: at least
//! two postings, none zero, debits equal credits to the satang, known accounts, and a date after
//! the lock date. Corrections are `reverse`: a new dated entry with every posting negated, linked
//! to the original, with a reason. Each entry carries a sha256 hash chained to the previous one,
//! which `verify` recomputes to prove that no posted row was altered.

use crate::db::CachedExt;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::account;
use crate::clock;
use crate::error::{Error, Result};
use crate::ledger::{self, Guard};
use crate::money::Money;

/// What kind of money event an entry records; stored as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Collection,
    Expense,
    Income,
    Transfer,
    CashCount,
    Settlement,
    LoanPayout,
    LoanRepayment,
    /// A loan's balance moved to a new loan with new terms (no money changes hands).
    LoanRestructure,
    /// A loan's balance written off as a bad debt.
    LoanWriteOff,
    Reversal,
    Opening,
    /// The year's income and expense closed and the net profit allocated (posted once, on the
    /// last day of the accounting year, by `yearend::close`).
    YearClose,
    /// A dividend or average return paid out after the year was closed.
    YearEndPayout,
    /// Operating capital assigned to one of the group's businesses.
    BusinessCapital,
    /// A business buying goods in.
    StockBuy,
    /// A business selling goods (for cash or on a member's credit), with its cost.
    StockSale,
    /// A stock count's difference from the books.
    StockCount,
    /// The rice bank lending rice to a member, or taking it back with interest in kind.
    RiceLoan,
    /// Rice received into the granary: donated, or deposited by a member (and taken back).
    RiceReceive,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Collection => "collection",
            EntryKind::Expense => "expense",
            EntryKind::Income => "income",
            EntryKind::Transfer => "transfer",
            EntryKind::CashCount => "cash_count",
            EntryKind::Settlement => "settlement",
            EntryKind::LoanPayout => "loan_payout",
            EntryKind::LoanRepayment => "loan_repayment",
            EntryKind::LoanRestructure => "loan_restructure",
            EntryKind::LoanWriteOff => "loan_writeoff",
            EntryKind::Reversal => "reversal",
            EntryKind::Opening => "opening",
            EntryKind::YearClose => "year_close",
            EntryKind::YearEndPayout => "yearend_payout",
            EntryKind::BusinessCapital => "business_capital",
            EntryKind::StockBuy => "stock_buy",
            EntryKind::StockSale => "stock_sale",
            EntryKind::StockCount => "stock_count",
            EntryKind::RiceLoan => "rice_loan",
            EntryKind::RiceReceive => "rice_receive",
        }
    }
}

/// One line of an entry: a signed amount on an account (debit > 0, credit < 0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posting {
    pub account: &'static str,
    pub amount: Money,
    pub member_id: Option<String>,
    pub loan_id: Option<String>,
}

impl Posting {
    pub fn debit(account: &'static str, amount: Money) -> Posting {
        Posting {
            account,
            amount,
            member_id: None,
            loan_id: None,
        }
    }

    pub fn credit(account: &'static str, amount: Money) -> Posting {
        Posting::debit(account, -amount)
    }

    pub fn for_member(mut self, member_id: &str) -> Posting {
        self.member_id = Some(member_id.to_string());
        self
    }

    pub fn for_loan(mut self, loan_id: &str) -> Posting {
        self.loan_id = Some(loan_id.to_string());
        self
    }
}

/// An entry about to be posted.
#[derive(Clone, Debug)]
pub struct NewEntry {
    pub date: NaiveDate,
    pub kind: EntryKind,
    pub memo: String,
    pub member_id: Option<String>,
    pub receipt: Option<String>,
    pub postings: Vec<Posting>,
}

impl NewEntry {
    pub fn new(date: NaiveDate, kind: EntryKind, memo: impl Into<String>) -> NewEntry {
        NewEntry {
            date,
            kind,
            memo: memo.into(),
            member_id: None,
            receipt: None,
            postings: Vec::new(),
        }
    }

    /// Adds a posting unless its amount is zero (a row where nothing was paid in a column).
    pub fn push(&mut self, posting: Posting) {
        if !posting.amount.is_zero() {
            self.postings.push(posting);
        }
    }
}

/// A posted entry as read back.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Entry {
    pub id: String,
    pub seq: i64,
    pub date: NaiveDate,
    pub kind: String,
    pub memo: String,
    pub member_id: Option<String>,
    pub receipt: Option<String>,
    pub reverses: Option<String>,
    pub reversed_by: Option<String>,
    pub reason: Option<String>,
    pub recorded_at: String,
    pub postings: Vec<PostingView>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct PostingView {
    pub account: String,
    pub account_name: String,
    pub amount: Money,
    pub member_id: Option<String>,
    pub loan_id: Option<String>,
}

/// The last locked date (month close), if any.
pub fn lock_date(conn: &Connection) -> Result<Option<NaiveDate>> {
    let through: Option<String> =
        conn.query_row_cached("SELECT max(through) FROM period_lock", [], |r| r.get(0))?;
    Ok(through.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()))
}

/// Refuses a date on or before the lock date.
pub fn ensure_open(conn: &Connection, date: NaiveDate) -> Result<()> {
    match lock_date(conn)? {
        Some(through) if date <= through => Err(Error::PeriodClosed {
            through: crate::thai::format_date(through, crate::thai::Digits::Arabic),
        }),
        _ => Ok(()),
    }
}

/// The one rule for every dated write (entries, pledges, joining dates, settings, loan events,
/// cash counts): never on or before the lock date, never before the group's founding.
pub fn ensure_writable(conn: &Connection, date: NaiveDate) -> Result<()> {
    ensure_open(conn, date)?;
    ensure_founded(date, founded(conn)?)
}

/// The group's founding date (None before the group is set up).
fn founded(conn: &Connection) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row_cached("SELECT founded FROM group_info WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?)
}

fn ensure_founded(date: NaiveDate, founded: Option<NaiveDate>) -> Result<()> {
    if let Some(founded) = founded.filter(|f| date < *f) {
        return Err(Error::Refused(format!(
            "วันที่ {} อยู่ก่อนวันก่อตั้งกลุ่ม ({}) — ใส่วันที่ตั้งแต่วันก่อตั้งกลุ่มเป็นต้นไป",
            crate::thai::format_date(date, crate::thai::Digits::Arabic),
            crate::thai::format_date(founded, crate::thai::Digits::Arabic)
        )));
    }
    Ok(())
}

/// Locks the books through `through` (inclusive).
pub(crate) fn lock_through(conn: &Connection, through: NaiveDate, note: &str) -> Result<()> {
    if let Some(current) = lock_date(conn)? {
        if through <= current {
            return Err(Error::PeriodClosed {
                through: crate::thai::format_date(current, crate::thai::Digits::Arabic),
            });
        }
    }
    conn.execute_cached(
        "INSERT INTO period_lock (through, locked_at, note) VALUES (?1, ?2, ?3)",
        params![through.to_string(), clock::now_utc(), note],
    )?;
    // How many closes were made, so `verify` notices a lock row removed.
    conn.execute_cached(
        "INSERT INTO counter (name, last) VALUES ('period_lock', (SELECT count(*) FROM period_lock))
         ON CONFLICT (name) DO UPDATE SET last = excluded.last",
        [],
    )?;
    Ok(())
}

/// The dates a money event may carry, as at today: from the group's founding (and after
/// the lock date, see [`ensure_open`]) to today plus the `money_days_ahead` setting. One
/// mistyped year must not post decades of fines.
pub fn money_window(conn: &Connection) -> Result<(NaiveDate, NaiveDate, i64)> {
    window_from(conn, founded(conn)?)
}

fn window_from(
    conn: &Connection,
    founded: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate, i64)> {
    let today = clock::today();
    // Read here rather than through `settings`, which uses this module (no import loop). The
    // value in force today; never set, the default of 31 days.
    let ahead: i64 = conn
        .query_row_cached(
            "SELECT value FROM setting WHERE key = 'money_days_ahead' AND effective <= ?1
             ORDER BY effective DESC, id DESC LIMIT 1",
            [today],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|v| v.parse().ok())
        .unwrap_or(31);
    let latest = today
        .checked_add_signed(chrono::Duration::days(ahead))
        .unwrap_or(today);
    Ok((founded.unwrap_or(NaiveDate::MIN), latest, ahead))
}

/// Refuses a money event dated outside [`money_window`], naming the window in Thai.
pub fn ensure_in_window(conn: &Connection, date: NaiveDate) -> Result<()> {
    in_window(conn, date, founded(conn)?)
}

fn in_window(conn: &Connection, date: NaiveDate, founded: Option<NaiveDate>) -> Result<()> {
    let (earliest, latest, ahead) = window_from(conn, founded)?;
    if date >= earliest && date <= latest {
        return Ok(());
    }
    let f = |d| crate::thai::format_date(d, crate::thai::Digits::Arabic);
    let why = if date < earliest {
        format!("ก่อนวันก่อตั้งกลุ่ม ({})", f(earliest))
    } else {
        format!("เกินวันนี้ไปมากกว่า {ahead} วัน")
    };
    Err(Error::invalid(
        "date",
        format!(
            "วันที่ {} {why} — บันทึกรายการเงินได้ตั้งแต่ {} ถึง {} เท่านั้น ตรวจปี พ.ศ. ที่พิมพ์อีกครั้ง (ช่วงล่วงหน้าเปลี่ยนได้ที่ค่าตั้ง money_days_ahead)",
            f(date),
            f(earliest),
            f(latest)
        ),
    ))
}

/// A date checked, inside the current transaction, for money events: writable (after the
/// lock date, not before the founding) and inside the money window. Posting on it skips the
/// two date checks a collection row already made: a sheet of 1,000 rows asks them once a
/// row, not once an entry. Only this module makes one; a copy never outlives the transaction
/// it was checked in (the collection rules that keep one are loaded inside it).
#[derive(Clone)]
pub(crate) struct MoneyDate(NaiveDate);

impl MoneyDate {
    pub fn date(&self) -> NaiveDate {
        self.0
    }
}

/// Checks `date` for a money event ([`ensure_writable`], [`ensure_in_window`]).
pub(crate) fn money_date(conn: &Connection, date: NaiveDate) -> Result<MoneyDate> {
    ensure_open(conn, date)?;
    let founded = founded(conn)?;
    ensure_founded(date, founded)?;
    in_window(conn, date, founded)?;
    Ok(MoneyDate(date))
}

/// [`post`] of an entry dated on a [`MoneyDate`] checked in this transaction; any other date
/// is checked in full.
pub(crate) fn post_on(conn: &Connection, day: &MoneyDate, entry: &NewEntry) -> Result<String> {
    if entry.date != day.0 {
        return post(conn, entry);
    }
    check_balanced(&entry.postings)?;
    ensure_never_negative(conn, entry.date, &entry.postings)?;
    write(conn, entry, None, None)
}

/// Checks an entry and writes it with its postings. Returns the new entry's id.
pub(crate) fn post(conn: &Connection, entry: &NewEntry) -> Result<String> {
    check_balanced(&entry.postings)?;
    ensure_writable(conn, entry.date)?;
    ensure_in_window(conn, entry.date)?;
    ensure_never_negative(conn, entry.date, &entry.postings)?;
    write(conn, entry, None, None)
}

/// Writes a balanced entry of a benchmark's synthetic history without the checks that look at
/// the rest of the books (writable month, date window, cash never below zero). A history
/// written borrower by borrower dates each payout before the later years already written, and
/// the cash check would read every later cash posting for each one; the synthetic group is
/// funded so its cash never goes below zero, which `verify` confirms on the built file.
#[cfg(feature = "bench")]
pub(crate) fn post_history(conn: &Connection, entry: &NewEntry) -> Result<String> {
    check_balanced(&entry.postings)?;
    write(conn, entry, None, None)
}

/// No entry, whatever its date, may leave the cash box, the bank account or the expense fund
/// below zero at the end of its own date or of any later date. A bank fee the bank already
/// took is booked even when the expense fund is short: the only way the fund goes below zero.
fn ensure_never_negative(conn: &Connection, date: NaiveDate, postings: &[Posting]) -> Result<()> {
    for guard in [Guard::Cash, Guard::Bank, Guard::ExpenseFund] {
        let change = guard.change(postings.iter().map(|p| (p.account, p.amount)));
        if !change.is_negative() || (guard == Guard::ExpenseFund && is_bank_fee(postings)) {
            continue;
        }
        if let Some((day, amount)) = ledger::first_negative(conn, guard, date, change)? {
            return Err(Error::Refused(format!(
                "{}จะติดลบ {} บาท ในวันที่ {} — {}",
                guard.label(),
                (-amount).grouped(),
                crate::thai::format_date(day, crate::thai::Digits::Arabic),
                guard.advice()
            )));
        }
    }
    Ok(())
}

/// A bank fee the bank took from the group's account: bank fees debited, the bank credited,
/// nothing else.
pub fn is_bank_fee(postings: &[Posting]) -> bool {
    postings.len() == 2
        && postings
            .iter()
            .any(|p| p.account == account::BANK_FEES && p.amount.is_positive())
        && postings
            .iter()
            .any(|p| p.account == account::BANK && p.amount.is_negative())
}

/// Posts one of the closing entries of an accounting year, dated on its last day after its
/// months were closed: the one exception to the lock, used only by `yearend::close` inside its
/// transaction. The lock trigger allows it only while the year (and no later one) is unclosed.
pub(crate) fn post_year_close(conn: &Connection, entry: &NewEntry) -> Result<String> {
    check_balanced(&entry.postings)?;
    if entry.kind != EntryKind::YearClose {
        return Err(Error::Refused(
            "เดือนบัญชีนี้ปิดแล้ว — บันทึกรายการในเดือนที่ปิดไม่ได้".into(),
        ));
    }
    write(conn, entry, None, None)
}

/// The memo of a reversal: one name for the line that undoes an entry (รายการหักล้าง), with the
/// receipt it voids when there is one. ยกเลิก is the act of voiding, never the line's name.
pub fn reversal_memo(original: &Entry) -> String {
    match &original.receipt {
        Some(receipt) => format!("รายการหักล้าง ใบเสร็จ {receipt}: {}", original.memo),
        None => format!("รายการหักล้าง: {}", original.memo),
    }
}

/// Reverses a posted entry: a new entry on `date` with every posting negated and the reason.
pub(crate) fn reverse(
    conn: &Connection,
    entry_id: &str,
    date: NaiveDate,
    reason: &str,
) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "กรุณาใส่เหตุผลของการยกเลิกรายการ — เหตุผลจะถูกเก็บไว้ในบัญชี",
        ));
    }
    let original = entry(conn, entry_id)?;
    if original.kind == EntryKind::YearClose.as_str() {
        return Err(Error::Refused(
            "รายการปิดบัญชีประจำปียกเลิกไม่ได้ — ปีบัญชีที่ปิดแล้วคงอยู่ตามมติที่ประชุมใหญ่".into(),
        ));
    }
    if original.reverses.is_some() {
        return Err(Error::Refused(
            "รายการนี้เป็นรายการหักล้างอยู่แล้ว ยกเลิกซ้ำไม่ได้ — บันทึกรายการที่ถูกต้องใหม่แทน".into(),
        ));
    }
    if let Some(by) = &original.reversed_by {
        return Err(Error::Refused(format!(
            "รายการนี้ถูกยกเลิกไปแล้ว (รายการหักล้าง {by})"
        )));
    }
    if date < original.date {
        return Err(Error::invalid("date", "วันที่ยกเลิกต้องไม่ก่อนวันที่ของรายการเดิม"));
    }
    ensure_open(conn, date)?;
    ensure_in_window(conn, date)?;
    let mut reversal = NewEntry::new(date, EntryKind::Reversal, reversal_memo(&original));
    reversal.member_id = original.member_id.clone();
    for p in &original.postings {
        let account = account::by_code(&p.account)
            .ok_or_else(|| Error::Refused(format!("ไม่รู้จักบัญชี {}", p.account)))?;
        reversal.postings.push(Posting {
            account: account.code,
            amount: -p.amount,
            member_id: p.member_id.clone(),
            loan_id: p.loan_id.clone(),
        });
    }
    ensure_never_negative(conn, date, &reversal.postings)?;
    write(conn, &reversal, Some(entry_id), Some(reason))
}

/// The entry with this id (or receipt number), with its postings and reversal link.
pub fn entry(conn: &Connection, id_or_receipt: &str) -> Result<Entry> {
    let found = conn
        .query_row(
            "SELECT e.id, e.seq, e.date, e.kind, e.memo, e.member_id, e.receipt, e.reverses,
                    (SELECT r.id FROM journal_entry r WHERE r.reverses = e.id), e.reason, e.recorded_at
             FROM journal_entry e WHERE e.id = ?1 OR e.receipt = ?1",
            [id_or_receipt],
            |r| {
                Ok(Entry {
                    id: r.get(0)?,
                    seq: r.get(1)?,
                    date: r.get(2)?,
                    kind: r.get(3)?,
                    memo: r.get(4)?,
                    member_id: r.get(5)?,
                    receipt: r.get(6)?,
                    reverses: r.get(7)?,
                    reversed_by: r.get(8)?,
                    reason: r.get(9)?,
                    recorded_at: r.get(10)?,
                    postings: Vec::new(),
                })
            },
        )
        .optional()?;
    let mut e = found.ok_or_else(|| Error::NotFound {
        what: "รายการบัญชี",
        id: id_or_receipt.to_string(),
    })?;
    e.postings = postings_of(conn, e.seq)?;
    Ok(e)
}

fn postings_of(conn: &Connection, seq: i64) -> Result<Vec<PostingView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.account, a.name, p.amount, p.member_id, p.loan_id
         FROM posting p JOIN account a ON a.code = p.account
         WHERE p.entry_seq = ?1 ORDER BY p.line",
    )?;
    let rows = stmt.query_map([seq], |r| {
        Ok(PostingView {
            account: r.get(0)?,
            account_name: r.get(1)?,
            amount: r.get(2)?,
            member_id: r.get(3)?,
            loan_id: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Debits equal credits, at least two lines, none zero, every account known.
fn check_balanced(postings: &[Posting]) -> Result<()> {
    if postings.len() < 2 {
        return Err(Error::Refused(
            "รายการบัญชีต้องมีอย่างน้อยสองบรรทัด (ด้านเงินเข้าและด้านเงินออก) — ไม่มีจำนวนเงินให้บันทึก".into(),
        ));
    }
    if let Some(p) = postings
        .iter()
        .find(|p| account::by_code(p.account).is_none())
    {
        return Err(Error::Refused(format!("ไม่รู้จักบัญชี {}", p.account)));
    }
    if postings.iter().any(|p| p.amount.is_zero()) {
        return Err(Error::Refused("รายการบัญชีมีบรรทัดที่เป็นศูนย์".into()));
    }
    let residual: Money = postings.iter().map(|p| p.amount).sum();
    if !residual.is_zero() {
        return Err(Error::Unbalanced {
            residual: residual.grouped(),
        });
    }
    Ok(())
}

fn write(
    conn: &Connection,
    entry: &NewEntry,
    reverses: Option<&str>,
    reason: Option<&str>,
) -> Result<String> {
    check_range(&entry.postings)?;
    // Memos are built from typed names and notes; the longest allowed parts fit in 2,000.
    crate::text::check("memo", "รายละเอียดรายการ", &entry.memo, 2_000)?;
    if let Some(reason) = reason {
        crate::text::check("reason", "เหตุผล", reason, crate::text::MEMO_MAX)?;
    }
    let id = uuid::Uuid::now_v7().to_string();
    let (last_seq, prev_hash): (i64, String) = conn
        .query_row_cached(
            "SELECT seq, hash FROM journal_entry ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, String::new()));
    let seq = last_seq + 1;
    let row = EntryRow {
        seq,
        id: id.clone(),
        date: entry.date.to_string(),
        kind: entry.kind.as_str().to_string(),
        memo: entry.memo.clone(),
        member_id: entry.member_id.clone(),
        receipt: entry.receipt.clone(),
        reverses: reverses.map(str::to_string),
        reason: reason.map(str::to_string),
        recorded_at: clock::now_utc(),
    };
    let lines: Vec<PostingRow> = entry
        .postings
        .iter()
        .enumerate()
        .map(|(i, p)| PostingRow {
            line: i as i64 + 1,
            account: p.account.to_string(),
            amount: p.amount.satang(),
            member_id: p.member_id.clone(),
            loan_id: p.loan_id.clone(),
        })
        .collect();
    let hash = chain_hash(&prev_hash, &row, &lines);
    conn.execute_cached(
        "INSERT INTO journal_entry (seq, id, date, kind, memo, member_id, receipt, reverses, reason, recorded_at, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            row.seq, row.id, row.date, row.kind, row.memo, row.member_id, row.receipt, row.reverses,
            row.reason, row.recorded_at, hash
        ],
    )
    .map_err(|e| lock_error(conn, e))?;
    // The journal's counter follows by trigger (migration 17), so `verify` notices the newest
    // entry removed (the hash chain alone cannot: what is left still chains).
    insert_postings(conn, seq, &row.date, &lines)?;
    Ok(id)
}

/// The row counts of the posting INSERTs: up to eight postings (every collection row) in one
/// statement of their own count, longer entries (a year-end close has one posting per member)
/// in statements of these sizes, so a few cached statements serve every entry.
const POSTING_CHUNKS: [usize; 12] = [128, 64, 32, 16, 8, 7, 6, 5, 4, 3, 2, 1];

/// The INSERT of `n` postings at once, by [`POSTING_CHUNKS`] size.
static POSTING_INSERTS: std::sync::LazyLock<Vec<(usize, String)>> = std::sync::LazyLock::new(
    || {
        POSTING_CHUNKS
            .iter()
            .map(|&n| {
                let rows = vec!["(?, ?, ?, ?, ?, ?, ?)"; n].join(", ");
                (
                    n,
                    format!(
                        "INSERT INTO posting (entry_seq, line, date, account, amount, member_id, loan_id) VALUES {rows}"
                    ),
                )
            })
            .collect()
    },
);

/// Inserts an entry's postings, in line order, several to a statement. SQLite copies each
/// page a statement changes into the statement's own rollback journal the first time that
/// statement changes it (the posting triggers may abort it); one statement for many postings
/// copies a page once instead of once per posting.
fn insert_postings(conn: &Connection, seq: i64, date: &str, lines: &[PostingRow]) -> Result<()> {
    let mut rest = lines;
    while !rest.is_empty() {
        let (n, sql) = POSTING_INSERTS
            .iter()
            .find(|(n, _)| *n <= rest.len())
            .expect("the chunk sizes end with 1");
        let (chunk, tail) = rest.split_at(*n);
        if let Err(e) = insert_chunk(conn, sql, seq, date, chunk) {
            return Err(posting_error(conn, seq, date, chunk, e));
        }
        rest = tail;
    }
    Ok(())
}

/// One INSERT of `chunk`, whose length is the row count of `sql`.
fn insert_chunk(
    conn: &Connection,
    sql: &str,
    seq: i64,
    date: &str,
    chunk: &[PostingRow],
) -> rusqlite::Result<usize> {
    let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(7 * chunk.len());
    for l in chunk {
        values.extend([
            &seq as &dyn rusqlite::ToSql,
            &l.line,
            &date,
            &l.account,
            &l.amount,
            &l.member_id,
            &l.loan_id,
        ]);
    }
    conn.prepare_cached(sql)?
        .execute(rusqlite::params_from_iter(values))
}

/// Why a statement of postings was refused (SQLite undid the whole statement). A kept
/// balance past the books' range is said naming the posting that took it there: the
/// postings are tried again one by one, as far as the first refused.
fn posting_error(
    conn: &Connection,
    seq: i64,
    date: &str,
    chunk: &[PostingRow],
    e: rusqlite::Error,
) -> Error {
    if !is_range_error(&e) || chunk.len() == 1 {
        return range_error(e, chunk[0].amount);
    }
    let one = &POSTING_INSERTS.last().expect("the one-posting insert").1;
    for l in chunk {
        if let Err(e) = insert_chunk(conn, one, seq, date, std::slice::from_ref(l)) {
            return range_error(e, l.amount);
        }
    }
    Error::Db(e)
}

/// Refuses an entry with a posting past the books' range
/// ([`crate::money::BOOKS_MAX_SATANG`]), before anything is written. A kept balance taken past
/// it is refused by the balance table's own triggers (migration 17) as the posting is
/// inserted: see [`range_error`].
fn check_range(postings: &[Posting]) -> Result<()> {
    match postings.iter().find(|p| !p.amount.in_books_range()) {
        Some(p) => Err(past_the_range(p.amount)),
        None => Ok(()),
    }
}

fn past_the_range(amount: Money) -> Error {
    Error::Refused(format!(
        "จำนวนเงิน {} บาท ทำให้ยอดในบัญชีเกินขอบเขตที่บัญชีเก็บได้ (±100 ล้านล้านบาท) — ตรวจจำนวนเงินที่พิมพ์อีกครั้ง ไม่มีรายการใดถูกบันทึก",
        amount.grouped()
    ))
}

/// The balance table's range triggers abort the posting that would take a kept balance past
/// the books' range: said in Thai, naming that posting's amount.
fn range_error(e: rusqlite::Error, amount: i64) -> Error {
    if is_range_error(&e) {
        past_the_range(Money::from_satang(amount))
    } else {
        Error::Db(e)
    }
}

fn is_range_error(e: &rusqlite::Error) -> bool {
    e.to_string().contains("past the books' range")
}

/// The lock trigger is a second line of defence; its abort is the same refusal as
/// [`ensure_open`]'s, naming the lock date, so the screen tells it apart the same way.
fn lock_error(conn: &Connection, e: rusqlite::Error) -> Error {
    if !e.to_string().contains("the period is closed") {
        return Error::Db(e);
    }
    match lock_date(conn) {
        Ok(Some(through)) => Error::PeriodClosed {
            through: crate::thai::format_date(through, crate::thai::Digits::Arabic),
        },
        _ => Error::Refused("เดือนบัญชีนี้ปิดแล้ว — บันทึกรายการในเดือนที่ปิดไม่ได้".into()),
    }
}

/// The stored columns of an entry, as hashed.
pub(crate) struct EntryRow {
    pub seq: i64,
    pub id: String,
    pub date: String,
    pub kind: String,
    pub memo: String,
    pub member_id: Option<String>,
    pub receipt: Option<String>,
    pub reverses: Option<String>,
    pub reason: Option<String>,
    pub recorded_at: String,
}

impl EntryRow {
    /// The columns [`EntryRow::read`] expects first, in order; a query may select more after.
    pub const COLUMNS: &'static str =
        "seq, id, date, kind, memo, member_id, receipt, reverses, reason, recorded_at";

    /// The entry of a row selected with [`EntryRow::COLUMNS`].
    pub fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntryRow> {
        Ok(EntryRow {
            seq: r.get(0)?,
            id: r.get(1)?,
            date: r.get(2)?,
            kind: r.get(3)?,
            memo: r.get(4)?,
            member_id: r.get(5)?,
            receipt: r.get(6)?,
            reverses: r.get(7)?,
            reason: r.get(8)?,
            recorded_at: r.get(9)?,
        })
    }
}

pub(crate) struct PostingRow {
    pub line: i64,
    pub account: String,
    pub amount: i64,
    pub member_id: Option<String>,
    pub loan_id: Option<String>,
}

/// Reads the stored postings of entries, as hashed, with one prepared statement for a whole
/// walk of the chain (verify and the check codes recompute every hash from these).
pub(crate) struct StoredPostings<'c>(rusqlite::CachedStatement<'c>);

impl<'c> StoredPostings<'c> {
    pub fn new(conn: &'c Connection) -> Result<StoredPostings<'c>> {
        Ok(StoredPostings(conn.prepare_cached(
            "SELECT line, account, amount, member_id, loan_id FROM posting WHERE entry_seq = ?1 ORDER BY line",
        )?))
    }

    pub fn of(&mut self, seq: i64) -> Result<Vec<PostingRow>> {
        let rows = self
            .0
            .query_map([seq], |p| {
                Ok(PostingRow {
                    line: p.get(0)?,
                    account: p.get(1)?,
                    amount: p.get(2)?,
                    member_id: p.get(3)?,
                    loan_id: p.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// sha256(previous hash ‖ canonical entry ‖ canonical postings), hex. Fields are separated by
/// US (0x1F) and records by RS (0x1E), characters that never occur in typed text.
pub(crate) fn chain_hash(prev: &str, e: &EntryRow, lines: &[PostingRow]) -> String {
    fn opt(o: &Option<String>) -> &str {
        o.as_deref().unwrap_or("")
    }
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    let seq = e.seq.to_string();
    let head = [
        seq.as_str(),
        &e.id,
        &e.date,
        &e.kind,
        &e.memo,
        opt(&e.member_id),
        opt(&e.receipt),
        opt(&e.reverses),
        opt(&e.reason),
        &e.recorded_at,
    ];
    hash_fields(&mut h, &head);
    for l in lines {
        h.update(RECORD_SEPARATOR);
        let (line, amount) = (l.line.to_string(), l.amount.to_string());
        let fields = [
            line.as_str(),
            &l.account,
            &amount,
            opt(&l.member_id),
            opt(&l.loan_id),
        ];
        hash_fields(&mut h, &fields);
    }
    let mut hex = String::with_capacity(64);
    for b in h.finalize() {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    hex
}

/// Separators of the hashed text: ASCII's record (before each posting) and unit (between
/// fields) separators, which no stored field contains.
const RECORD_SEPARATOR: &[u8] = b"\x1e";
const UNIT_SEPARATOR: &[u8] = b"\x1f";
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Feeds `fields` joined by the unit separator, without building the joined text (a
/// collection sheet hashes an entry a row).
fn hash_fields(h: &mut Sha256, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            h.update(UNIT_SEPARATOR);
        }
        h.update(field.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{BANK, BANK_FEES, CASH, OTHER_INCOME, SUPPLIES};

    /// The chain of every file ever written depends on these bytes: a known answer, so that a
    /// faster way of hashing cannot change them unnoticed (verify would then fail old books).
    #[test]
    fn the_chain_hash_of_an_entry_is_a_known_answer() {
        let entry = EntryRow {
            seq: 153,
            id: "0190b3c2-7d1a-7000-8000-00000000abcd".into(),
            date: "2025-03-05".into(),
            kind: "collection".into(),
            memo: "รับเงินสมาชิกเลขที่ 12 นางสมศรี ใจงาม".into(),
            member_id: Some("0190b3c2-0000-7000-8000-000000000012".into()),
            receipt: Some("2568/0153".into()),
            reverses: None,
            reason: None,
            recorded_at: "2025-03-05T03:04:05Z".into(),
        };
        let lines = [
            PostingRow {
                line: 1,
                account: "1010".into(),
                amount: 12_050,
                member_id: None,
                loan_id: None,
            },
            PostingRow {
                line: 2,
                account: "3100".into(),
                amount: -10_000,
                member_id: Some("0190b3c2-0000-7000-8000-000000000012".into()),
                loan_id: None,
            },
            PostingRow {
                line: 3,
                account: "1200".into(),
                amount: -2_050,
                member_id: Some("0190b3c2-0000-7000-8000-000000000012".into()),
                loan_id: Some("loan-1".into()),
            },
        ];
        let prev = "9f".repeat(32);
        assert_eq!(
            chain_hash(&prev, &entry, &lines),
            "9a3595ad0d7d245c9d05e972f1c3cb8c88b14a12dcdb4664c4467f5a768354b6"
        );
        assert_eq!(chain_hash("", &entry, &[]).len(), 64);
    }

    fn books() -> Connection {
        let conn = crate::db::in_memory().unwrap();
        account::install(&conn).unwrap();
        conn
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Postings go in several to a statement: a long entry (a year-end close has one posting
    /// per member) is stored whole, in line order, with each line's own amount.
    #[test]
    fn a_long_entry_is_stored_whole_in_line_order() {
        let conn = books();
        let mut e = NewEntry::new(d("2025-03-05"), EntryKind::Income, "รายได้อื่น");
        let amounts: Vec<i64> = (1..=300).collect();
        for a in &amounts {
            e.push(Posting::debit(CASH, Money::from_satang(*a)));
        }
        e.push(Posting::credit(
            OTHER_INCOME,
            Money::from_satang(amounts.iter().sum()),
        ));
        post(&conn, &e).unwrap();
        let mut stmt = conn
            .prepare("SELECT line, amount FROM posting ORDER BY line")
            .unwrap();
        let stored: Vec<(i64, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(stored.len(), 301);
        for (i, (line, amount)) in stored.iter().take(300).enumerate() {
            assert_eq!((*line, *amount), (i as i64 + 1, amounts[i]));
        }
        assert_eq!(stored[300], (301, -45_150));
        assert_eq!(
            ledger::account_balance(&conn, CASH, None).unwrap(),
            Money::from_satang(45_150)
        );
    }

    /// A kept balance taken past the books' range by a line deep inside a long entry: the
    /// refusal names that line's amount, not the first of its statement.
    #[test]
    fn a_long_entry_past_the_range_names_the_posting_that_took_it_there() {
        let conn = books();
        let trillion = |n: i64| Money::from_baht(n * 1_000_000_000_000);
        let mut e = NewEntry::new(d("2025-03-05"), EntryKind::Income, "รายได้อื่น");
        e.push(Posting::debit(CASH, trillion(60)));
        e.push(Posting::debit(BANK, trillion(60)));
        for _ in 0..8 {
            e.push(Posting::debit(CASH, Money::from_baht(1)));
            e.push(Posting::credit(OTHER_INCOME, Money::from_baht(1)));
        }
        e.push(Posting::credit(OTHER_INCOME, trillion(50)));
        e.push(Posting::credit(OTHER_INCOME, trillion(70)));
        let err = post(&conn, &e).unwrap_err().to_string();
        assert!(err.contains("70,000,000,000,000"), "{err}");
        assert!(!err.contains("50,000,000,000,000"), "{err}");
    }

    /// Money coming into the cash box (so no guard stops it).
    fn expense(amount: i64, date: &str) -> NewEntry {
        let mut e = NewEntry::new(d(date), EntryKind::Income, "รายได้อื่น");
        e.push(Posting::debit(CASH, Money::from_baht(amount)));
        e.push(Posting::credit(OTHER_INCOME, Money::from_baht(amount)));
        e
    }

    #[test]
    fn no_entry_leaves_cash_or_the_expense_fund_below_zero_on_a_later_date() {
        let conn = books();
        post(&conn, &expense(100, "2025-03-01")).unwrap();
        let mut out = NewEntry::new(d("2025-03-05"), EntryKind::Transfer, "ฝากธนาคาร");
        out.push(Posting::debit(BANK, Money::from_baht(100)));
        out.push(Posting::credit(CASH, Money::from_baht(100)));
        post(&conn, &out).unwrap();
        post(&conn, &expense(100, "2025-03-10")).unwrap();
        // 60 out on 3 March leaves 40 that day but −60 on 5 March.
        let mut back = NewEntry::new(d("2025-03-03"), EntryKind::Transfer, "ฝากธนาคาร");
        back.push(Posting::debit(BANK, Money::from_baht(60)));
        back.push(Posting::credit(CASH, Money::from_baht(60)));
        let e = post(&conn, &back).unwrap_err().to_string();
        assert!(e.contains("5 มี.ค. 2568") && e.contains("60.00"), "{e}");
        back.date = d("2025-03-10");
        post(&conn, &back).unwrap();
        // The expense fund: only a bank fee the bank took may take it below zero.
        let mut fee = NewEntry::new(d("2025-03-11"), EntryKind::Expense, "ค่าธรรมเนียม");
        fee.push(Posting::debit(SUPPLIES, Money::from_baht(5)));
        fee.push(Posting::credit(BANK, Money::from_baht(5)));
        assert!(post(&conn, &fee).is_err());
        fee.postings[0].account = BANK_FEES;
        post(&conn, &fee).unwrap();
    }

    #[test]
    fn unbalanced_entries_are_refused() {
        let conn = books();
        let mut e = expense(100, "2025-03-01");
        e.postings[1].amount = Money::from_baht(-99);
        assert!(matches!(post(&conn, &e), Err(Error::Unbalanced { .. })));
        let single = NewEntry {
            postings: vec![Posting::debit(CASH, Money::from_baht(1))],
            ..expense(1, "2025-03-01")
        };
        assert!(post(&conn, &single).is_err());
        let count: i64 = conn
            .query_row("SELECT count(*) FROM journal_entry", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 0);
    }

    #[test]
    fn posted_rows_cannot_be_updated_or_deleted() {
        let conn = books();
        post(&conn, &expense(100, "2025-03-01")).unwrap();
        for sql in [
            "UPDATE posting SET amount = 1",
            "DELETE FROM posting",
            "UPDATE journal_entry SET memo = 'x'",
            "DELETE FROM journal_entry",
        ] {
            let err = conn.execute(sql, []).unwrap_err().to_string();
            assert!(err.contains("never"), "{sql}: {err}");
        }
    }

    #[test]
    fn reversal_negates_and_links_and_cannot_repeat() {
        let conn = books();
        let id = post(&conn, &expense(100, "2025-03-01")).unwrap();
        assert!(reverse(&conn, &id, d("2025-03-02"), "  ").is_err());
        let rid = reverse(&conn, &id, d("2025-03-02"), "บันทึกผิด").unwrap();
        let original = entry(&conn, &id).unwrap();
        assert_eq!(original.reversed_by.as_deref(), Some(rid.as_str()));
        let rev = entry(&conn, &rid).unwrap();
        assert_eq!(rev.postings[0].amount, Money::from_baht(-100));
        assert_eq!(rev.reason.as_deref(), Some("บันทึกผิด"));
        assert!(reverse(&conn, &id, d("2025-03-02"), "อีกครั้ง").is_err());
        assert!(reverse(&conn, &rid, d("2025-03-02"), "อีกครั้ง").is_err());
        let cash: i64 = conn
            .query_row(
                "SELECT amount FROM balance WHERE account = ?1",
                [CASH],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(cash, 0);
    }

    #[test]
    fn locked_dates_refuse_postings() {
        let conn = books();
        lock_through(&conn, d("2025-03-31"), "").unwrap();
        assert!(matches!(
            post(&conn, &expense(5, "2025-03-31")),
            Err(Error::PeriodClosed { .. })
        ));
        post(&conn, &expense(5, "2025-04-01")).unwrap();
        assert!(lock_through(&conn, d("2025-02-28"), "").is_err());
        // The trigger holds even if a caller skipped the check, with the same refusal.
        let e = expense(5, "2025-03-15");
        match write(&conn, &e, None, None) {
            Err(Error::PeriodClosed { through }) => assert_eq!(through, "31 มี.ค. 2568"),
            other => panic!("the lock trigger should refuse as PeriodClosed: {other:?}"),
        }
    }

    #[test]
    fn hash_chain_links_entries() {
        let conn = books();
        post(&conn, &expense(1, "2025-03-01")).unwrap();
        post(&conn, &expense(2, "2025-03-02")).unwrap();
        let hashes: Vec<String> = conn
            .prepare("SELECT hash FROM journal_entry ORDER BY seq")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(hashes.len(), 2);
        assert_ne!(hashes[0], hashes[1]);
        assert_eq!(hashes[0].len(), 64);
    }
}
