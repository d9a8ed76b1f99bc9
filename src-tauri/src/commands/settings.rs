//! The group's rules (ระเบียบกลุ่ม), each dated.

use sajja_core::settings::SettingRow;
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

#[tauri::command(async)]
pub fn settings_list(state: State<'_, BooksState>) -> Result<Vec<SettingRow>> {
    with_books(&state, |b| b.settings_list())
}

/// `effective`: the date the new value takes effect, as typed (`None` = today).
#[tauri::command(async)]
pub fn set_setting(
    state: State<'_, BooksState>,
    key: String,
    value: String,
    effective: Option<String>,
) -> Result<()> {
    with_books(&state, |b| {
        b.set_setting(&key, &value, effective.as_deref())
    })
}
