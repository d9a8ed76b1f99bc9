//! A member leaves or dies: the settlement, previewed (a dry run) and posted.

use sajja_core::exit::Settlement;
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

/// `reason`: resign | death | expel; `pay_from`: cash | bank.
#[tauri::command(async)]
pub fn member_exit_preview(
    state: State<'_, BooksState>,
    number: u32,
    date: String,
    reason: String,
    pay_from: String,
) -> Result<Settlement> {
    with_books(&state, |b| {
        b.member_exit_preview(number, &date, &reason, &pay_from)
    })
}

#[tauri::command(async)]
pub fn member_exit(
    state: State<'_, BooksState>,
    number: u32,
    date: String,
    reason: String,
    pay_from: String,
) -> Result<Settlement> {
    with_books(&state, |b| b.member_exit(number, &date, &reason, &pay_from))
}
