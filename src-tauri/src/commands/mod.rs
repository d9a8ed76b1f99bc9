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
