//! The commands the UI calls, one file per concept. Each is a few lines: lock the state, call
//! the core, `?`. All run off the main thread (`#[tauri::command(async)]`).
//! Keep `build.rs` (`COMMANDS`) and `capabilities/main.json` in step with this list.

pub mod backup;
pub mod books;
pub mod business;
pub mod collection;
pub mod exit;
pub mod governance;
pub mod group;
pub mod import;
pub mod loans;
pub mod members;
pub mod money;
pub mod period;
pub mod print;
pub mod registers;
pub mod settings;
pub mod users;
pub mod yearend;

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::folders;
use crate::state::{with_books, BooksState};

/// The path the treasurer chose in a file or folder dialog; `None` when they cancelled it.
pub(crate) fn picked(choice: Option<tauri_plugin_dialog::FilePath>) -> Result<Option<PathBuf>> {
    choice
        .map(|p| p.into_path().map_err(|e| Error::Dialog(e.to_string())))
        .transpose()
}

/// The folder where the app saves the open group's documents and spreadsheets: the one the
/// treasurer chose for this group, else the default ([`folders::remembered`]).
pub(crate) fn group_folder(state: &BooksState) -> Result<PathBuf> {
    with_books(state, |b| Ok(folders::remembered(&b.group()?.name)))
}

/// [`picked`] as the text the window shows and sends back.
pub(crate) fn picked_text(choice: Option<tauri_plugin_dialog::FilePath>) -> Result<Option<String>> {
    Ok(picked(choice)?.map(|p| p.display().to_string()))
}
