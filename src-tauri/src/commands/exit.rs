//! A member leaves or dies: the settlement, previewed (a dry run) and posted.

use sajja_core::exit::{ExitPayment, Settlement};
use sajja_core::Money;
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

/// A member's leaving as the screen has it: `reason` resign | death | expel, paid from
/// (`pay_from`) cash | bank; the date as typed.
#[derive(serde::Deserialize)]
pub struct Leaving {
    number: u32,
    date: String,
    reason: String,
    pay_from: String,
}

/// The settlement the leaving would post; changes nothing.
#[tauri::command(async)]
pub fn member_exit_preview(state: State<'_, BooksState>, input: Leaving) -> Result<Settlement> {
    with_books(&state, |b| {
        b.member_exit_preview(input.number, &input.date, &input.reason, &input.pay_from)
    })
}

#[tauri::command(async)]
pub fn member_exit(state: State<'_, BooksState>, input: Leaving) -> Result<Settlement> {
    with_books(&state, |b| {
        b.member_exit(input.number, &input.date, &input.reason, &input.pay_from)
    })
}

/// What a former member (or the heirs) is still to be paid from the exit payable.
#[tauri::command(async)]
pub fn exit_payable(state: State<'_, BooksState>, number: u32) -> Result<Money> {
    with_books(&state, |b| b.exit_payable(number))
}

/// Pays what the exit booked to the exit payable; `from`: cash | bank; `to`: who received it.
#[tauri::command(async)]
pub fn pay_exit(
    state: State<'_, BooksState>,
    number: u32,
    date: String,
    from: String,
    to: String,
) -> Result<ExitPayment> {
    with_books(&state, |b| b.pay_exit(number, &date, &from, &to))
}
