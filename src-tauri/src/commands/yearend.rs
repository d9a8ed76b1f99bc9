//! Year-end: the year's statements, the allocation preview (recording who prepared it), the
//! close approved by the meeting, and the payout.

use sajja_core::report::yearly::YearStatements;
use sajja_core::yearend::{Payout, Preview};
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

/// The four statements of an accounting year (พ.ศ.), each with the previous year beside it.
#[tauri::command(async)]
pub fn year_statements(state: State<'_, BooksState>, year: String) -> Result<YearStatements> {
    with_books(&state, |b| {
        let span = b.statement_span(&year, "")?;
        sajja_core::report::yearly::year_statements(b.conn(), span)
    })
}

/// The allocation preview; with `prepared_by` (a member number) the preparer is recorded.
#[tauri::command(async)]
pub fn yearend_preview(
    state: State<'_, BooksState>,
    year: String,
    prepared_by: Option<String>,
) -> Result<Preview> {
    with_books(&state, |b| match prepared_by.as_deref() {
        Some(who) if !who.trim().is_empty() => b.yearend_prepare(&year, who),
        _ => b.yearend_preview(&year),
    })
}

/// Closes the year approved by a general meeting: `meeting` (its number, recorded with the
/// close) or, without one, the meeting's date. It posts the preview the screen showed, whose
/// figures the confirmation repeats, or is refused (`changed_since_shown`) if the books
/// changed since.
#[tauri::command(async)]
pub fn yearend_close(
    state: State<'_, BooksState>,
    year: String,
    meeting: Option<String>,
    meeting_date: String,
    approved_by: String,
) -> Result<Preview> {
    with_books(&state, |b| {
        b.yearend_close_as_shown(
            &year,
            meeting.as_deref().unwrap_or(""),
            &meeting_date,
            &approved_by,
        )
    })
}

/// Pays one member (`member`) or everyone still owed (`member` = None).
#[tauri::command(async)]
pub fn yearend_pay(
    state: State<'_, BooksState>,
    year: String,
    member: Option<u32>,
    to: String,
    date: String,
) -> Result<Payout> {
    with_books(&state, |b| b.yearend_pay(&year, member, &to, &date))
}
