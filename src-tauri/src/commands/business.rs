//! The group's businesses (shop, farm inputs, granary and rice bank): the list, items, buying
//! in, selling (cash or a member's credit), stock counts, the rice bank and the year's report.
//! Everything is sent as typed; the core parses and checks it.

use sajja_core::business::rice::{ReceiveInput, Received, RiceBank, RiceInput, RiceMoved};
use sajja_core::business::statement::BusinessReport;
use sajja_core::business::stock::{
    BuyInput, CountInput, Counted, DayMove, Moved, SellInput, StockOnHand,
};
use sajja_core::business::{Business, BusinessInput, Item, ItemInput};
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

#[tauri::command(async)]
pub fn businesses(state: State<'_, BooksState>) -> Result<Vec<Business>> {
    with_books(&state, |b| b.businesses())
}

#[tauri::command(async)]
pub fn business(state: State<'_, BooksState>, business: String) -> Result<Business> {
    with_books(&state, |b| b.business(&business))
}

#[tauri::command(async)]
pub fn add_business(state: State<'_, BooksState>, input: BusinessInput) -> Result<Business> {
    with_books(&state, |b| b.add_business(&input))
}

#[tauri::command(async)]
pub fn business_items(state: State<'_, BooksState>, business: String) -> Result<Vec<Item>> {
    with_books(&state, |b| b.items(&business))
}

#[tauri::command(async)]
pub fn add_item(state: State<'_, BooksState>, input: ItemInput) -> Result<Item> {
    with_books(&state, |b| b.add_item(&input))
}

#[tauri::command(async)]
pub fn stock_buy(state: State<'_, BooksState>, input: BuyInput) -> Result<Moved> {
    with_books(&state, |b| b.stock_buy(&input))
}

#[tauri::command(async)]
pub fn stock_sell(state: State<'_, BooksState>, input: SellInput) -> Result<Moved> {
    with_books(&state, |b| b.stock_sell(&input))
}

#[tauri::command(async)]
pub fn stock_count(state: State<'_, BooksState>, input: CountInput) -> Result<Counted> {
    with_books(&state, |b| b.stock_count(&input))
}

/// Stock on hand at the end of `date` (empty = today).
#[tauri::command(async)]
pub fn stock_on_hand(
    state: State<'_, BooksState>,
    business: String,
    date: String,
) -> Result<StockOnHand> {
    with_books(&state, |b| b.stock_on_hand(&business, &date))
}

/// The business's movements of `date` (empty = today).
#[tauri::command(async)]
pub fn business_day(
    state: State<'_, BooksState>,
    business: String,
    date: String,
) -> Result<Vec<DayMove>> {
    with_books(&state, |b| b.business_day(&business, &date))
}

#[tauri::command(async)]
pub fn rice_lend(state: State<'_, BooksState>, input: RiceInput) -> Result<RiceMoved> {
    with_books(&state, |b| b.rice_lend(&input))
}

#[tauri::command(async)]
pub fn rice_repay(state: State<'_, BooksState>, input: RiceInput) -> Result<RiceMoved> {
    with_books(&state, |b| b.rice_repay(&input))
}

/// Rice received into the granary in kind: donated, deposited by a member, or a member's
/// deposit taken back (`input.how`: donation | deposit | withdraw).
#[tauri::command(async)]
pub fn rice_receive(state: State<'_, BooksState>, input: ReceiveInput) -> Result<Received> {
    with_books(&state, |b| b.rice_receive(&input))
}

/// The rice bank on `date` (empty = today); `item` empty = the granary's first item.
#[tauri::command(async)]
pub fn rice_bank(
    state: State<'_, BooksState>,
    business: String,
    item: String,
    date: String,
) -> Result<RiceBank> {
    with_books(&state, |b| b.rice_bank(&business, &item, &date))
}

/// The business's profit and loss for an accounting year (พ.ศ.).
#[tauri::command(async)]
pub fn business_report(
    state: State<'_, BooksState>,
    business: String,
    year: String,
) -> Result<BusinessReport> {
    with_books(&state, |b| b.business_report(&business, &year))
}
