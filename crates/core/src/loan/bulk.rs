//! Reading loans in bulk for the due and arrears lists: every loan being repaid on a date in two
//! passes over indexes (the loans, then each loan's postings, `posting_loan` covering), decoded
//! without the general parsers (this runs for every posting of every loan), and their positions
//! computed in memory, in parallel chunks that keep the order.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::state::{Flow, LateRules, Ledger, Position, Terms};
use super::{schedule::Method, MonthlyRate};
use crate::error::Result;

/// What the bulk views need of a loan.
pub(crate) struct Head {
    pub id: String,
    pub number: String,
    pub member_id: String,
    pub product: String,
    pub charge_word: String,
}

/// "YYYY-MM-DD" without the general parser (this runs for every posting of every loan).
pub(super) fn iso_date_bytes(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &[u8]| -> Option<u32> {
        s.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(&b[0..4])? as i32, num(&b[5..7])?, num(&b[8..10])?)
}

/// A text column without copying it.
fn text_ref<'a>(r: &'a rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'a str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Adds posting rows `(loan rowid, date, account, amount)`, which come loan by loan, to the
/// flows of the loans `slots` places in `loans` (by rowid); rows of other loans are skipped.
pub(super) fn add_flows_by_loan<T>(
    mut rows: rusqlite::Rows<'_>,
    slots: &HashMap<i64, usize>,
    loans: &mut [T],
    flows: impl Fn(&mut T) -> &mut Vec<Flow>,
) -> rusqlite::Result<()> {
    let mut current: Option<(i64, Option<usize>)> = None;
    while let Some(r) = rows.next()? {
        let rowid: i64 = r.get(0)?;
        let slot = match current {
            Some((id, slot)) if id == rowid => slot,
            _ => {
                let slot = slots.get(&rowid).copied();
                current = Some((rowid, slot));
                slot
            }
        };
        let Some(i) = slot else { continue };
        let d = date_ref(r, 1)?;
        Flow::add_raw(flows(&mut loans[i]), d, bytes_ref(r, 2)?, r.get(3)?);
    }
    Ok(())
}

/// A text column's bytes, unchecked (codes and dates are ASCII).
pub(super) fn bytes_ref<'a>(r: &'a rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'a [u8]> {
    r.get_ref(i)?.as_bytes().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn date_ref(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let bytes = bytes_ref(r, i)?;
    iso_date_bytes(bytes).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("not a date: {}", String::from_utf8_lossy(bytes)).into(),
        )
    })
}

/// The columns [`read_loan`] reads, from `loan l` and its disbursement `e`.
pub(super) const LOAN_COLUMNS: &str =
    "l.id, l.number, l.member_id, l.amount, l.months, l.monthly_rate,
    l.method, e.date, e.due_day, l.charge_word, l.product_id,
    (SELECT o.owed FROM loan_opening o WHERE o.loan_id = l.id),
    (SELECT o.interest_paid_to FROM loan_opening o WHERE o.loan_id = l.id),
    (SELECT cutover FROM opening WHERE id = 1)";
/// How many columns [`LOAN_COLUMNS`] has: the index of the first column a query adds after them.
pub(super) const LOAN_COLUMN_COUNT: usize = 14;

/// A brought-in loan's opening position from its `loan_opening` row and the cut-over.
pub(super) fn brought_in(
    owed: Option<i64>,
    interest_paid_to: Option<String>,
    cutover: Option<NaiveDate>,
) -> Option<super::state::BroughtIn> {
    Some(super::state::BroughtIn {
        on: cutover?,
        owed: owed?,
        interest_paid_to: interest_paid_to.and_then(|m| m.parse().ok()),
    })
}

/// One loan's head and terms from a row of [`LOAN_COLUMNS`].
pub(super) fn read_loan(
    r: &rusqlite::Row<'_>,
    rates: &mut HashMap<String, MonthlyRate>,
    products: &HashMap<String, String>,
) -> Result<(Head, Terms)> {
    let rate_text = text_ref(r, 5)?;
    let rate = match rates.get(rate_text) {
        Some(rate) => *rate,
        None => {
            let rate = MonthlyRate::parse(rate_text)?;
            rates.insert(rate_text.to_string(), rate);
            rate
        }
    };
    let head = Head {
        id: r.get(0)?,
        number: r.get(1)?,
        member_id: r.get(2)?,
        charge_word: r.get(9)?,
        product: products.get(text_ref(r, 10)?).cloned().unwrap_or_default(),
    };
    let terms = Terms {
        amount: r.get(3)?,
        months: r.get(4)?,
        rate,
        method: Method::parse(text_ref(r, 6)?)?,
        disbursed: date_ref(r, 7)?,
        due_day: r.get::<_, Option<u32>>(8)?.unwrap_or(5),
        brought_in: brought_in(r.get(11)?, r.get(12)?, r.get(13)?),
    };
    Ok((head, terms))
}

/// Every loan being repaid on `date` with its postings through it, oldest payout first.
///
/// Two streaming passes, so the time grows with the loans being repaid, not with the years of
/// history: the loans now being repaid (status index) with all their postings (one statement
/// over `posting_loan`), then the few that ended after `date`, one by one.
fn load_active(conn: &Connection, date: NaiveDate) -> Result<Vec<(Head, Terms, Vec<Flow>)>> {
    let through = date.to_string();
    let products: HashMap<String, String> = conn
        .prepare_cached("SELECT id, code FROM loan_product")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rates: HashMap<String, MonthlyRate> = HashMap::new();
    let mut out: Vec<(Head, Terms, Vec<Flow>)> = Vec::new();
    let mut by_rowid: HashMap<i64, usize> = HashMap::new();

    // The covering index of open loans' terms (books made before it existed scan `loan`).
    let covering: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'index' AND name = 'loan_active'",
        [],
        |r| r.get(0),
    )?;
    let mut loans = conn.prepare_cached(&format!(
        "SELECT {LOAN_COLUMNS}, l.rowid FROM loan l {}
         JOIN loan_event e ON e.loan_id = l.id AND e.kind = 'disbursed'
         WHERE l.status = 'active' AND e.date <= ?1",
        if covering {
            "INDEXED BY loan_active"
        } else {
            ""
        }
    ))?;
    let mut rows = loans.query([&through])?;
    while let Some(r) = rows.next()? {
        let (head, terms) = read_loan(r, &mut rates, &products)?;
        by_rowid.insert(r.get(LOAN_COLUMN_COUNT)?, out.len());
        out.push((head, terms, Vec::new()));
    }
    // All their postings in one pass over two covering indexes (loan_status, posting_loan):
    // rows come loan by loan, in date order within a loan, named by the loan's rowid.
    let mut postings = conn.prepare_cached(
        "SELECT l.rowid, p.date, p.account, p.amount
         FROM loan l JOIN posting p INDEXED BY posting_loan ON p.loan_id = l.id
         WHERE l.status = 'active' AND p.date <= ?1",
    )?;
    add_flows_by_loan(postings.query([&through])?, &by_rowid, &mut out, |l| {
        &mut l.2
    })?;
    // Loans that have ended since `date` were still being repaid on it (none of them is
    // among the loans above: their status is no longer 'active').
    let mut ended = conn.prepare_cached(&format!(
        "SELECT {LOAN_COLUMNS} FROM loan_event x
         JOIN loan l ON l.id = x.loan_id
         JOIN loan_event e ON e.loan_id = l.id AND e.kind = 'disbursed'
         WHERE x.kind IN ('paid_off', 'restructured', 'written_off') AND x.date > ?1
           AND l.status <> 'active' AND e.date <= ?1"
    ))?;
    let mut rows = ended.query([&through])?;
    while let Some(r) = rows.next()? {
        let (head, terms) = read_loan(r, &mut rates, &products)?;
        let mut flows = Vec::new();
        loan_flows(conn, &head.id, &through, &mut flows)?;
        out.push((head, terms, flows));
    }
    out.sort_by(|a, b| (a.1.disbursed, &a.0.number).cmp(&(b.1.disbursed, &b.0.number)));
    Ok(out)
}

/// The postings of one loan through `date`, as flows (the covering index `posting_loan`).
pub(super) fn loan_flows(
    conn: &Connection,
    loan_id: &str,
    date: &str,
    out: &mut Vec<Flow>,
) -> Result<()> {
    out.clear();
    let mut stmt = conn.prepare_cached(
        "SELECT date, account, amount FROM posting INDEXED BY posting_loan
         WHERE loan_id = ?1 AND date <= ?2",
    )?;
    let mut rows = stmt.query(params![loan_id, date])?;
    while let Some(r) = rows.next()? {
        let d = date_ref(r, 0)?;
        let account = text_ref(r, 1)?;
        Flow::add(out, d, account, r.get(2)?);
    }
    Ok(())
}

/// Positions of every loan being repaid on `date`, in payout order.
pub(super) fn positions(conn: &Connection, date: NaiveDate) -> Result<Vec<(Head, Position)>> {
    positions_through(conn, date, date)
}

/// Positions on `date` of every loan being repaid on `through`, from the postings through
/// `through` only: what a report as at `through` says will be due on a later day.
pub(super) fn positions_through(
    conn: &Connection,
    through: NaiveDate,
    date: NaiveDate,
) -> Result<Vec<(Head, Position)>> {
    let rules = LateRules::load(conn)?;
    let loans = load_active(conn, through)?;
    let total = loans.len();
    // Everything is read (one snapshot); the schedules and splits are pure arithmetic, shared
    // out over the cores in chunks that keep the order.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parts = split_in_order(loans, total.div_ceil(cores).max(1));
    let results: Vec<Result<Vec<(Head, Position)>>> = std::thread::scope(|s| {
        let rules = &rules;
        let workers: Vec<_> = parts
            .into_iter()
            .map(|part| s.spawn(move || positions_of(part, rules, date)))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("loan positions do not panic"))
            .collect()
    });
    let mut out = Vec::with_capacity(total);
    for part in results {
        out.extend(part?);
    }
    Ok(out)
}

pub(super) fn split_in_order<T>(mut items: Vec<T>, size: usize) -> Vec<Vec<T>> {
    let mut parts = Vec::new();
    while items.len() > size {
        let rest = items.split_off(size);
        parts.push(std::mem::replace(&mut items, rest));
    }
    parts.push(items);
    parts
}

pub(super) fn positions_of(
    loans: Vec<(Head, Terms, Vec<Flow>)>,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<Vec<(Head, Position)>> {
    let mut out = Vec::new();
    for (head, terms, flows) in loans {
        let pos = Ledger::from_flows(&terms, flows, rules)?.position(date);
        if pos.balance.is_positive() || pos.payoff.is_positive() {
            out.push((head, pos));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_parse_fast_and_strictly() {
        let iso = |s: &str| iso_date_bytes(s.as_bytes());
        assert_eq!(iso("2025-03-05"), NaiveDate::from_ymd_opt(2025, 3, 5));
        assert_eq!(iso("2025-3-05"), None);
        assert_eq!(iso("2025-02-30"), None);
        assert_eq!(iso("2025-0a-05"), None);
    }
}
