//! Accounting periods: the accounting year and its label, month close, cash counts.

use crate::db::CachedExt;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use crate::account::{CASH, CASH_OVER, CASH_SHORT};
use crate::clock;
use crate::error::{Error, Result};
use crate::journal::{self, EntryKind, NewEntry, Posting};
use crate::ledger::{self, Guard};
use crate::money::Money;
use crate::settings;
use crate::thai::{self, Digits, YearMonth};

/// The SQL condition "entry `e` pays money out" (and so has a payment voucher): a collection
/// row with a withdrawal, or a loan payout, exit settlement or expense that takes cash or bank
/// (or books an exit payable). Reversals never do.
pub(crate) const PAYS_OUT: &str = "e.reverses IS NULL AND (
    (e.kind = 'collection' AND EXISTS (SELECT 1 FROM posting x WHERE x.entry_seq = e.seq
        AND x.account = '2100' AND x.amount > 0))
    OR (e.kind IN ('loan_payout', 'settlement', 'expense') AND EXISTS (
        SELECT 1 FROM posting x WHERE x.entry_seq = e.seq
        AND x.account IN ('1100', '1110', '2200') AND x.amount < 0)))";

/// The accounting year of `date`: its พ.ศ. label and bounds.
pub(crate) fn year_of(conn: &Connection, date: NaiveDate) -> Result<(i32, NaiveDate, NaiveDate)> {
    let start = settings::at(conn, date)?.year_start_month;
    let label = accounting_year_label(date, start);
    let (from, to) = accounting_year_bounds(label, start);
    Ok((label, from, to))
}

/// The payment voucher number (`2568/0001`) of every entry dated `from`..=`to` that pays
/// money out, keyed by entry id: its place among the paying entries of its accounting year, in
/// posting order. One pass per accounting year the span touches.
pub(crate) fn voucher_numbers(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<std::collections::HashMap<String, String>> {
    let mut out = std::collections::HashMap::new();
    let mut day = from;
    while day <= to {
        let (label, year_from, year_to) = year_of(conn, day)?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT e.id, e.date FROM journal_entry e
             WHERE e.date BETWEEN ?1 AND ?2 AND {PAYS_OUT} ORDER BY e.seq"
        ))?;
        let mut rows = stmt.query(params![year_from, year_to.min(to)])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            n += 1;
            let date: NaiveDate = r.get(1)?;
            if date >= from {
                out.insert(r.get(0)?, format!("{label}/{n:04}"));
            }
        }
        match year_to.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    Ok(out)
}

/// The พ.ศ. label of the accounting year containing `date`. A year that does not start in
/// January is labelled by the year it ends in, as the government's fiscal year is
/// (ปีบัญชี 2568 = ต.ค. 2567 – ก.ย. 2568 when it starts in October).
pub fn accounting_year_label(date: NaiveDate, start_month: u32) -> i32 {
    let ends_next_year = start_month > 1 && date.month() >= start_month;
    thai::be_year(date.year() + i32::from(ends_next_year))
}

/// First and last day of the accounting year with this พ.ศ. label.
pub fn accounting_year_bounds(label_be: i32, start_month: u32) -> (NaiveDate, NaiveDate) {
    let end_year = label_be - 543;
    let start_year = if start_month > 1 {
        end_year - 1
    } else {
        end_year
    };
    let start = NaiveDate::from_ymd_opt(start_year, start_month, 1).expect("valid month");
    (start, add_months(YearMonth::of(start), 11).last_day())
}

/// `n` months after `m`.
pub fn add_months(m: YearMonth, n: u32) -> YearMonth {
    (0..n).fold(m, |m, _| m.next())
}

/// The date every form starts from: today when today falls in the open accounting month,
/// else the open month's collection day (never before the group was founded, never past the
/// month's end). A treasurer catching up on an earlier month types in that month, not in the
/// computer's; a loan applied in February must not be approved in December by default.
pub fn work_date(conn: &Connection, open_month: YearMonth) -> Result<NaiveDate> {
    work_date_on(conn, open_month, clock::today())
}

fn work_date_on(conn: &Connection, open_month: YearMonth, today: NaiveDate) -> Result<NaiveDate> {
    if YearMonth::of(today) == open_month {
        return Ok(today);
    }
    let day = settings::at(conn, open_month.first_day())?
        .collection_day
        .max(1);
    let collection = open_month
        .first_day()
        .with_day(day)
        .unwrap_or_else(|| open_month.last_day());
    let founded = crate::group::get(conn)?.founded;
    let first_open = first_open_day(conn)?.unwrap_or(founded);
    Ok(collection
        .max(founded)
        .max(first_open)
        .min(open_month.last_day()))
}

/// The next number of a per-year sequence (receipts, loan contracts): "2568/0153".
pub(crate) fn next_number(
    conn: &Connection,
    sequence: &str,
    year_be: i32,
    width: usize,
) -> Result<String> {
    let n: i64 = conn.query_row_cached(
        "INSERT INTO counter (name, last) VALUES (?1, 1)
         ON CONFLICT (name) DO UPDATE SET last = last + 1 RETURNING last",
        [counter_name(sequence, year_be)],
        |r| r.get(0),
    )?;
    Ok(numbered(year_be, n, width))
}

/// The counter row of a per-year sequence: "receipt:2568".
fn counter_name(sequence: &str, year_be: i32) -> String {
    format!("{sequence}:{year_be}")
}

/// Number `n` of `year_be`, zero-padded to `width`: "2568/0153".
fn numbered(year_be: i32, n: i64, width: usize) -> String {
    format!("{year_be}/{n:0width$}")
}

/// Numbers of a per-year sequence handed out to the rows of one write (a collection sheet):
/// each year's counter is read once, the numbers are counted on in memory, and
/// [`Numbers::finish`] writes the counters back once, in the same transaction. Forgetting
/// `finish` cannot hand a number out twice: receipts are unique in the journal.
pub(crate) struct Numbers {
    sequence: &'static str,
    width: usize,
    last: std::collections::BTreeMap<i32, i64>,
}

impl Numbers {
    pub(crate) fn new(sequence: &'static str, width: usize) -> Numbers {
        Numbers {
            sequence,
            width,
            last: Default::default(),
        }
    }

    /// The next number of `year_be`: "2568/0153".
    pub(crate) fn take(&mut self, conn: &Connection, year_be: i32) -> Result<String> {
        let n = match self.last.get_mut(&year_be) {
            Some(last) => {
                *last += 1;
                *last
            }
            None => {
                let stored: Option<i64> = conn
                    .query_row_cached(
                        "SELECT last FROM counter WHERE name = ?1",
                        [counter_name(self.sequence, year_be)],
                        |r| r.get(0),
                    )
                    .optional()?;
                let n = stored.unwrap_or(0) + 1;
                self.last.insert(year_be, n);
                n
            }
        };
        Ok(numbered(year_be, n, self.width))
    }

    /// Writes back the last number handed out of each year.
    pub(crate) fn finish(self, conn: &Connection) -> Result<()> {
        for (year_be, last) in &self.last {
            conn.execute_cached(
                "INSERT INTO counter (name, last) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET last = excluded.last",
                params![counter_name(self.sequence, *year_be), last],
            )?;
        }
        Ok(())
    }
}

/// The result of counting the cash box.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CashCount {
    pub date: NaiveDate,
    pub expected: Money,
    pub counted: Money,
    /// counted − expected: positive = over, negative = short.
    pub difference: Money,
    pub entry: Option<String>,
    pub note: String,
}

/// Records a cash count. Any difference is posted (เงินสดขาด/เกินบัญชี) so the books match the
/// box, and the count itself is kept: a difference is recorded, never hidden.
pub(crate) fn count_cash(
    conn: &Connection,
    date: NaiveDate,
    counted: Money,
    note: &str,
) -> Result<CashCount> {
    journal::ensure_writable(conn, date)?;
    let expected = ledger::account_balance(conn, CASH, Some(date))?;
    let difference = counted - expected;
    let entry = if difference.is_zero() {
        None
    } else {
        let memo = if difference.is_positive() {
            "เงินสดเกินบัญชีจากการนับเงิน"
        } else {
            "เงินสดขาดบัญชีจากการนับเงิน"
        };
        let mut e = NewEntry::new(
            date,
            EntryKind::CashCount,
            format!("{memo} {}", note.trim()).trim().to_string(),
        );
        if difference.is_positive() {
            e.push(Posting::debit(CASH, difference));
            e.push(Posting::credit(CASH_OVER, difference));
        } else {
            e.push(Posting::debit(CASH_SHORT, -difference));
            e.push(Posting::credit(CASH, -difference));
        }
        Some(journal::post(conn, &e)?)
    };
    conn.execute_cached(
        "INSERT INTO cash_count (date, expected, counted, entry_id, note, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![date, expected, counted, entry, note.trim(), clock::now_utc()],
    )?;
    Ok(CashCount {
        date,
        expected,
        counted,
        difference,
        entry,
        note: note.trim().to_string(),
    })
}

/// A `cash_count` row read as `SELECT date, expected, counted, entry_id, note`.
pub(crate) fn cash_count_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CashCount> {
    let expected: Money = r.get(1)?;
    let counted: Money = r.get(2)?;
    Ok(CashCount {
        date: r.get(0)?,
        expected,
        counted,
        difference: counted - expected,
        entry: r.get(3)?,
        note: r.get(4)?,
    })
}

/// Cash counts recorded in a date range.
pub fn cash_counts(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<CashCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, expected, counted, entry_id, note FROM cash_count WHERE date BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![from, to], cash_count_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct MonthClose {
    pub month: String,
    pub locked_through: NaiveDate,
    pub cash: Money,
    pub bank: Money,
    /// Things the committee should know (months closed along with it, cash found short, rows
    /// with nothing posted, a bank balance that disagrees, no cash count); not refusals.
    pub warnings: Vec<String>,
    /// Earlier months still open ("YYYY-MM"): always empty on a close, which refuses them
    /// (kept for scripts reading the field; the preview lists them).
    pub skipped_months: Vec<String>,
    /// A cash count in the month found the box short (the committee's note is asked for).
    pub cash_short: bool,
}

/// The first month not yet closed: the month of the first day after the lock date, or the
/// founding month. A month close locks through a month's end, but a cut-over on the 15th locks
/// through the 14th: the rest of that month is still open.
pub fn open_month(conn: &Connection) -> Result<YearMonth> {
    Ok(match first_open_day(conn)? {
        Some(d) => YearMonth::of(d),
        None => YearMonth::of(crate::group::get(conn)?.founded),
    })
}

/// The day after the lock date (None: nothing locked).
fn first_open_day(conn: &Connection) -> Result<Option<NaiveDate>> {
    Ok(journal::lock_date(conn)?.and_then(|d| d.succ_opt()))
}

/// Locks the books through the last day of `month`. Refused when the month is already closed
/// or not yet over, when cash or bank would be negative on any day, or when `checks` refuses
/// (the file is not sound); `checks` returns the warnings found above this module, and this
/// adds those about the month's cash count. `note` is what the lock records.
pub(crate) fn close_month(
    conn: &Connection,
    month: YearMonth,
    note: &str,
    checks: impl FnOnce(&Connection) -> Result<Vec<String>>,
) -> Result<MonthClose> {
    let through = month.last_day();
    if let Some(locked) = journal::lock_date(conn)? {
        if through <= locked {
            return Err(Error::Refused(format!(
                "เดือน{} ปิดไปแล้ว (ปิดบัญชีถึง {})",
                thai::format_month_long(month, Digits::Arabic),
                thai::format_date(locked, Digits::Arabic)
            )));
        }
    }
    if through >= clock::today() {
        return Err(Error::Refused(format!(
            "ยังปิดเดือน{} ไม่ได้ เพราะยังไม่สิ้นเดือน — ปิดได้ตั้งแต่วันที่ 1 ของเดือนถัดไป",
            thai::format_month_long(month, Digits::Arabic)
        )));
    }
    let cash = ledger::account_balance(conn, CASH, Some(through))?;
    let bank = ledger::account_balance(conn, crate::account::BANK, Some(through))?;
    if cash.is_negative() || bank.is_negative() {
        return Err(Error::Refused(format!(
            "ปิดเดือนไม่ได้: ยอดเงินสด ({}) หรือเงินฝากธนาคาร ({}) ติดลบ — ตรวจสอบรายการก่อน",
            cash.grouped(),
            bank.grouped()
        )));
    }
    // Re-checked at every day end since the last close, not only at the month end: money
    // that was not there on a day cannot have been paid out that day.
    let from = match journal::lock_date(conn)? {
        Some(locked) => locked.succ_opt().unwrap_or(locked),
        None => crate::group::get(conn)?.founded,
    };
    for guard in [Guard::Cash, Guard::Bank, Guard::ExpenseFundBeforeBankFees] {
        if let Some((day, amount)) = ledger::first_negative(conn, guard, from, Money::ZERO)? {
            if day <= through {
                return Err(Error::Refused(format!(
                    "ปิดเดือนไม่ได้: {}ติดลบ {} บาท ในวันที่ {} — ตรวจสอบรายการของวันนั้นก่อน",
                    guard.label(),
                    (-amount).grouped(),
                    thai::format_date(day, Digits::Arabic)
                )));
            }
        }
    }
    // The whole-file soundness check and the month's other checks live above this module
    // (they read every domain); the use case passes them in, so closing still refuses a
    // damaged file before locking it.
    let mut warnings = checks(conn)?;
    let counted: Option<NaiveDate> = conn
        .query_row(
            "SELECT max(date) FROM cash_count WHERE date BETWEEN ?1 AND ?2",
            params![month.first_day(), through],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let last_cash: Option<NaiveDate> = conn.query_row_cached(
        "SELECT max(date) FROM posting WHERE account = ?1 AND date BETWEEN ?2 AND ?3",
        params![CASH, month.first_day(), through],
        |r| r.get(0),
    )?;
    match (counted, last_cash) {
        (None, Some(_)) => warnings.push("ไม่มีการนับเงินสดในเดือนนี้".to_string()),
        (Some(c), Some(l)) if c < l => warnings.push(format!(
            "มีรายการเงินสดหลังการนับเงินครั้งสุดท้าย ({})",
            thai::format_date(c, Digits::Arabic)
        )),
        _ => {}
    }
    let _ = settings::at(conn, through)?;
    journal::lock_through(conn, through, note)?;
    Ok(MonthClose {
        month: month.to_string(),
        locked_through: through,
        cash,
        bank,
        warnings,
        skipped_months: Vec::new(),
        cash_short: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet's numbers run on from the stored counter, per year, and the counter holds the
    /// last handed out once the sheet is done, so the next write goes on from there.
    #[test]
    fn a_sheets_numbers_run_on_per_year_and_the_counter_follows() {
        let conn = crate::db::in_memory().unwrap();
        assert_eq!(next_number(&conn, "receipt", 2568, 4).unwrap(), "2568/0001");
        let mut sheet = Numbers::new("receipt", 4);
        assert_eq!(sheet.take(&conn, 2568).unwrap(), "2568/0002");
        assert_eq!(sheet.take(&conn, 2569).unwrap(), "2569/0001");
        assert_eq!(sheet.take(&conn, 2568).unwrap(), "2568/0003");
        sheet.finish(&conn).unwrap();
        assert_eq!(next_number(&conn, "receipt", 2568, 4).unwrap(), "2568/0004");
        let mut next = Numbers::new("receipt", 4);
        assert_eq!(next.take(&conn, 2569).unwrap(), "2569/0002");
        // Another sequence keeps its own count.
        assert_eq!(next_number(&conn, "loan", 2568, 3).unwrap(), "2568/001");
    }
}
