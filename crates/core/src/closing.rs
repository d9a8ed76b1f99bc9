//! What the committee should look at before a month is closed: cash found short at a count,
//! members' rows of the month with nothing posted, and a bank balance that does not agree with
//! the bank's own book. These are warnings, not refusals (the refusals live in
//! [`crate::period::close_month`]); the close screen lists them and asks the committee's note
//! when cash was short. One refusal lives here: months close one at a time, in order, so a
//! month whose earlier months are still open is refused, naming them (the preview lists them
//! as a warning too).

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::account::BANK;
use crate::error::Result;
use crate::ledger;
use crate::money::Money;
use crate::thai::{self, Digits, YearMonth};

/// What the treasurer adds when closing: the committee's note (asked for when cash was short)
/// and the balance in the bank's own book at the month's end, if they have it.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CloseInput {
    pub note: String,
    /// As typed ("12,500.00"); empty = not compared.
    pub bank_statement: String,
}

/// The checks' findings, in the order the close screen lists them.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    /// Earlier months still open ("YYYY-MM"): the close is refused until they are closed.
    pub skipped: Vec<YearMonth>,
    pub warnings: Vec<String>,
    /// A count in the month found the cash box short: the committee's note is asked for.
    pub cash_short: bool,
}

/// "มกราคม 2568".
fn month_words(m: YearMonth) -> String {
    format!("{} {}", thai::month_name(m.month), thai::be_year(m.year))
}

/// The open months before `month` (from the first month not yet closed).
pub fn skipped_months(open: YearMonth, month: YearMonth) -> Vec<YearMonth> {
    let mut out = Vec::new();
    let mut m = open;
    while m < month {
        out.push(m);
        m = m.next();
    }
    out
}

/// The skipped months in words: all of them when few, else the first, the last and how many.
fn skipped_names(skipped: &[YearMonth]) -> Option<String> {
    let (first, last) = (skipped.first()?, skipped.last()?);
    Some(if skipped.len() <= 4 {
        skipped
            .iter()
            .map(|m| month_words(*m))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        format!(
            "{} ถึง {} ({} เดือน)",
            month_words(*first),
            month_words(*last),
            skipped.len()
        )
    })
}

/// The warning the close screen lists for skipped months (see [`refuse_skipped`]).
pub fn skipped_warning(skipped: &[YearMonth]) -> Option<String> {
    let names = skipped_names(skipped)?;
    Some(format!(
        "ข้ามเดือนที่ยังไม่ได้ปิด: {names} — ต้องปิดทีละเดือนตามลำดับ เริ่มจากเดือน{}",
        month_words(*skipped.first()?)
    ))
}

/// Months close one at a time, in order: closing `month` while an earlier month is still open
/// is refused, naming the months to close first. Nothing is changed.
pub fn refuse_skipped(open: YearMonth, month: YearMonth) -> Result<()> {
    let skipped = skipped_months(open, month);
    let Some(names) = skipped_names(&skipped) else {
        return Ok(());
    };
    Err(crate::Error::Refused(format!(
        "ยังปิดเดือน{} ไม่ได้ เพราะเดือนก่อนหน้ายังไม่ได้ปิด: {names} — ปิดทีละเดือนตามลำดับ เริ่มจากเดือน{}",
        month_words(month),
        month_words(skipped[0])
    )))
}

/// Cash counts that found the box short in the months this close locks (`open` to `month`),
/// each with the note written then.
fn cash_short_warnings(
    conn: &Connection,
    open: YearMonth,
    month: YearMonth,
    note: &str,
) -> Result<Vec<String>> {
    let counts = crate::period::cash_counts(conn, open.first_day(), month.last_day())?;
    Ok(counts
        .iter()
        .filter(|c| c.difference.is_negative())
        .map(|c| {
            let said = match (c.note.is_empty(), note.trim().is_empty()) {
                (false, _) => format!("บันทึกตอนนับ: {}", c.note),
                (true, false) => format!("บันทึกของคณะกรรมการ: {}", note.trim()),
                (true, true) => "ให้คณะกรรมการตรวจและเขียนบันทึกเหตุผลก่อนปิด".to_string(),
            };
            format!(
                "นับเงินสดวันที่ {} เงินขาด {} บาท (ควรมี {} นับได้ {}) — {said}",
                thai::format_date(c.date, Digits::Arabic),
                (-c.difference).grouped(),
                c.expected.grouped(),
                c.counted.grouped()
            )
        })
        .collect())
}

/// Members whose row of the month's sheet has nothing posted for the month: this month's
/// savings or a loan instalment still owed at its end.
fn unposted_rows(conn: &Connection, month: YearMonth) -> Result<Option<String>> {
    let due = crate::collection::due(conn, month.last_day(), None)?;
    let owing: Vec<u32> = due
        .members
        .iter()
        .filter(|r| r.sajja_this_month.is_positive() || r.loan.is_positive())
        .map(|r| r.member)
        .collect();
    if owing.is_empty() {
        return Ok(None);
    }
    const SHOWN: usize = 10;
    let mut numbers = owing
        .iter()
        .take(SHOWN)
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if owing.len() > SHOWN {
        numbers += &format!(" และอีก {} คน", owing.len() - SHOWN);
    }
    Ok(Some(format!(
        "ยังไม่ได้บันทึกแถวของสมาชิก {} คนในเดือนนี้ (ยังค้างเงินสัจจะหรืองวดเงินกู้ของเดือน): เลขที่ {numbers}",
        owing.len()
    )))
}

/// The bank balance in the books against the bank's own book, when the treasurer typed it.
fn bank_warning(conn: &Connection, through: NaiveDate, typed: &str) -> Result<Option<String>> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    let statement =
        Money::parse(typed).map_err(|e| crate::Error::invalid("bank_statement", e.to_string()))?;
    let books = ledger::account_balance(conn, BANK, Some(through))?;
    if statement == books {
        return Ok(None);
    }
    Ok(Some(format!(
        "เงินฝากธนาคารไม่ตรงกับสมุดบัญชีธนาคาร: ตามบัญชีของกลุ่ม {} บาท สมุดธนาคาร {} บาท (ต่างกัน {} บาท) — หารายการที่ยังไม่ได้บันทึก เช่น ดอกเบี้ยหรือค่าธรรมเนียมที่ธนาคารลง",
        books.grouped(),
        statement.grouped(),
        (statement - books).abs().grouped()
    )))
}

/// Everything to look at before closing `month` whose first open month is `open`.
pub fn findings(
    conn: &Connection,
    open: YearMonth,
    month: YearMonth,
    input: &CloseInput,
) -> Result<Findings> {
    let skipped = skipped_months(open, month);
    let mut warnings = Vec::new();
    warnings.extend(skipped_warning(&skipped));
    let short = cash_short_warnings(conn, open.min(month), month, &input.note)?;
    let cash_short = !short.is_empty();
    warnings.extend(short);
    warnings.extend(unposted_rows(conn, month)?);
    warnings.extend(bank_warning(conn, month.last_day(), &input.bank_statement)?);
    Ok(Findings {
        skipped,
        warnings,
        cash_short,
    })
}

/// Closes `month` with the checks above: the refusals of [`crate::period::close_month`], the
/// file's soundness (`sound`, which lives above this module), then these warnings.
pub(crate) fn close(
    conn: &Connection,
    month: YearMonth,
    input: &CloseInput,
    sound: impl FnOnce(&Connection) -> Result<()>,
) -> Result<crate::period::MonthClose> {
    let open = crate::period::open_month(conn)?;
    if month > open {
        refuse_skipped(open, month)?;
    }
    let mut found = Findings::default();
    let mut closed = crate::period::close_month(conn, month, &lock_note(month, input), |c| {
        sound(c)?;
        found = findings(c, open, month, input)?;
        Ok(found.warnings.clone())
    })?;
    closed.skipped_months = found.skipped.iter().map(YearMonth::to_string).collect();
    closed.cash_short = found.cash_short;
    Ok(closed)
}

/// The months a close locks, as the period lock's note records them, with the committee's note.
pub fn lock_note(month: YearMonth, input: &CloseInput) -> String {
    let note = input.note.trim();
    if note.is_empty() {
        format!("ปิดบัญชีเดือน {month}")
    } else {
        format!("ปิดบัญชีเดือน {month} — บันทึกของคณะกรรมการ: {note}")
    }
}
