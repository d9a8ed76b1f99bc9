//! The group's own money: expenses, other income and subsidies, cash ↔ bank, bank interest,
//! and where the money is.

use sajja_core::movement::{ExpenseInput, IncomeInput, Posted};
use sajja_core::views::MoneyPosition;
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

#[tauri::command(async)]
pub fn expense(state: State<'_, BooksState>, input: ExpenseInput) -> Result<Posted> {
    with_books(&state, |b| b.expense(&input))
}

#[tauri::command(async)]
pub fn income(state: State<'_, BooksState>, input: IncomeInput) -> Result<Posted> {
    with_books(&state, |b| b.income(&input))
}

/// `action`: deposit (cash → bank), withdraw (bank → cash) or interest.
#[tauri::command(async)]
pub fn bank_movement(
    state: State<'_, BooksState>,
    action: String,
    date: String,
    amount: String,
    memo: String,
) -> Result<Posted> {
    with_books(&state, |b| b.bank(&action, &date, &amount, &memo))
}

/// Cash, bank and the expense fund as at `date` (empty = now), with the last cash count.
#[tauri::command(async)]
pub fn money_position(state: State<'_, BooksState>, date: String) -> Result<MoneyPosition> {
    with_books(&state, |b| b.money_position(&date))
}
