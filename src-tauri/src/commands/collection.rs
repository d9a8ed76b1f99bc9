//! Collection day: what is due, a member's row of payments, the day's receipts and totals,
//! the cash count, and reversing a receipt or entry.

use sajja_core::collection::{CollectionInput, DaySummary, DueList, Receipt};
use sajja_core::journal::Entry;
use sajja_core::period::CashCount;
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

/// What every member (or one) owes on `date` (as typed; empty = today).
#[tauri::command(async)]
pub fn due(state: State<'_, BooksState>, date: String, member: Option<u32>) -> Result<DueList> {
    with_books(&state, |b| b.due(&date, member))
}

/// Posts one member's row, whole or not at all.
#[tauri::command(async)]
pub fn collect(state: State<'_, BooksState>, row: CollectionInput) -> Result<Receipt> {
    with_books(&state, |b| b.collect(&row))
}

#[tauri::command(async)]
pub fn collection_day(state: State<'_, BooksState>, date: String) -> Result<DaySummary> {
    with_books(&state, |b| b.collection_day(&date))
}

#[tauri::command(async)]
pub fn count_cash(
    state: State<'_, BooksState>,
    date: String,
    counted: String,
    note: String,
) -> Result<CashCount> {
    with_books(&state, |b| b.count_cash(&date, &counted, &note))
}

/// Reverses a receipt (by number) or an entry (by id) with a reason, on `date`.
#[tauri::command(async)]
pub fn reverse_entry(
    state: State<'_, BooksState>,
    target: String,
    reason: String,
    date: String,
) -> Result<Entry> {
    with_books(&state, |b| b.reverse(&target, &reason, &date))
}

/// An entry by id or receipt number, with its postings and reversal link.
#[tauri::command(async)]
pub fn journal_entry(state: State<'_, BooksState>, target: String) -> Result<Entry> {
    with_books(&state, |b| b.entry(&target))
}
