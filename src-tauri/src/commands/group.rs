//! The group: overview for the header and home screen, and its details.

use sajja_core::{Group, GroupInput, Overview};
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

#[tauri::command(async)]
pub fn overview(state: State<'_, BooksState>) -> Result<Overview> {
    with_books(&state, |b| b.overview())
}

/// The home screen's charts of the last 24 months, as SVG.
#[tauri::command(async)]
pub fn trend_charts(state: State<'_, BooksState>) -> Result<Vec<String>> {
    with_books(&state, |b| b.trend_charts())
}

#[tauri::command(async)]
pub fn update_group(state: State<'_, BooksState>, input: GroupInput) -> Result<Group> {
    with_books(&state, |b| b.update_group(&input))
}
