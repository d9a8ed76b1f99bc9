//! Registers on screen: the cash book, the pledged-savings register, a member's account
//! history and balances.

use sajja_core::collection::Balances;
use sajja_core::register::{AccountHistory, CashBook, SajjaRegister};
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

/// The cash book of a month typed in any Thai form (`10/2569`, `ต.ค. 2569`, …).
#[tauri::command(async)]
pub fn cashbook(state: State<'_, BooksState>, month: String) -> Result<CashBook> {
    with_books(&state, |b| b.cashbook(&month))
}

/// The member × month register of an accounting year (its พ.ศ. label).
#[tauri::command(async)]
pub fn sajja_register(state: State<'_, BooksState>, year: String) -> Result<SajjaRegister> {
    with_books(&state, |b| b.sajja_register(&year))
}

/// `from`/`to` as typed; empty = from the start / to now.
#[tauri::command(async)]
pub fn account_history(
    state: State<'_, BooksState>,
    number: u32,
    from: String,
    to: String,
) -> Result<AccountHistory> {
    with_books(&state, |b| b.account_history(number, &from, &to))
}

/// A member's balances as at `date` (empty = now), with fines for late months.
#[tauri::command(async)]
pub fn member_balance(state: State<'_, BooksState>, number: u32, date: String) -> Result<Balances> {
    with_books(&state, |b| b.balance(number, &date))
}
