//! Closing a month: what it would do (a dry run), and doing it.

use sajja_core::period::MonthClose;
use sajja_core::views::ClosePreview;
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

#[tauri::command(async)]
pub fn close_month_preview(state: State<'_, BooksState>, month: String) -> Result<ClosePreview> {
    with_books(&state, |b| b.close_month_preview(&month))
}

#[tauri::command(async)]
pub fn close_month(state: State<'_, BooksState>, month: String) -> Result<MonthClose> {
    with_books(&state, |b| b.close_month(&month))
}
