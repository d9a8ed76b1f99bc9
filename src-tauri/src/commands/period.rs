//! Closing a month: what it would do (a dry run), and doing it.

use sajja_core::closing::CloseInput;
use sajja_core::period::MonthClose;
use sajja_core::views::ClosePreview;
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

/// `input`: the committee's note and the bank's own balance, when the treasurer gave them.
#[tauri::command(async)]
pub fn close_month_preview(
    state: State<'_, BooksState>,
    month: String,
    input: Option<CloseInput>,
) -> Result<ClosePreview> {
    with_books(&state, |b| {
        b.close_month_preview_with(&month, &input.unwrap_or_default())
    })
}

#[tauri::command(async)]
pub fn close_month(
    state: State<'_, BooksState>,
    month: String,
    input: Option<CloseInput>,
) -> Result<MonthClose> {
    with_books(&state, |b| {
        b.close_month_with(&month, &input.unwrap_or_default())
    })
}
