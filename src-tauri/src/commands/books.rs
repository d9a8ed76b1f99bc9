//! Which books file is open: start-up status, create, open with a file dialog, demo group.

use std::path::PathBuf;

use sajja_core::{Books, NewGroup, Overview};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::Result;
use crate::state::{self, BooksState};

/// What the UI needs at start-up to choose between the first-start screen and the app.
#[derive(Serialize)]
pub struct AppStatus {
    /// The books file in use (or the one "create" will write).
    path: String,
    /// Its folder in words for the screen ("เอกสาร/สัจจะ"): the full path is never shown.
    place: String,
    /// The file chosen at start-up, when another one is in use now (else `None`).
    start_path: Option<String>,
    /// The demo group is open (a temporary file, not real books).
    demo: bool,
    /// The core's "today" (`SAJJA_TODAY` can pin it), which the forms offer as the default date.
    today: String,
    open: bool,
    overview: Option<Overview>,
    /// The group has users: the app asks who is at the keyboard before anything else.
    users: bool,
    /// The user signed in, if any.
    user: Option<sajja_core::users::User>,
    /// Why the file at `path` could not be opened, as `{kind, message, field}`.
    open_error: Option<serde_json::Value>,
}

#[tauri::command(async)]
pub fn app_status(state: State<'_, BooksState>) -> Result<AppStatus> {
    let shelf = state::lock(&state);
    let overview = shelf.books.as_ref().map(Books::overview).transpose()?;
    let users = match &shelf.books {
        Some(b) => b.has_users()?,
        None => false,
    };
    let user = match &shelf.books {
        Some(b) => b.signed_in()?,
        None => None,
    };
    Ok(AppStatus {
        path: shelf.path.display().to_string(),
        place: if shelf.path == demo_path() {
            "ไฟล์ชั่วคราว ลบเมื่อปิดโปรแกรม".to_string()
        } else {
            crate::folders::in_words(&shelf.path)
        },
        start_path: (shelf.path != shelf.start_path)
            .then(|| shelf.start_path.display().to_string()),
        demo: shelf.path == demo_path(),
        today: sajja_core::clock::today().to_string(),
        open: overview.is_some(),
        overview,
        users,
        user,
        open_error: shelf
            .open_error
            .as_ref()
            .map(|e| serde_json::to_value(e).unwrap_or_default()),
    })
}

/// New books for a group at the path in use (refused if a file is already there).
#[tauri::command(async)]
pub fn create_books(state: State<'_, BooksState>, group: NewGroup) -> Result<Overview> {
    let mut shelf = state::lock(&state);
    let path = shelf.path.clone();
    let books = Books::create(&path, &group)?;
    let overview = books.overview()?;
    shelf.replace(path, books);
    Ok(overview)
}

/// Lets the treasurer pick an existing books file; `None` when the dialog is cancelled.
#[tauri::command(async)]
pub fn open_books_file(app: AppHandle, state: State<'_, BooksState>) -> Result<Option<Overview>> {
    // The dialog blocks this worker thread (not the main thread) and holds no lock.
    let Some(path) = super::picked(
        app.dialog()
            .file()
            .set_title("เปิดไฟล์บัญชีของกลุ่ม")
            .add_filter("ไฟล์บัญชีสัจจะ (*.db)", &["db", "sajja"])
            .blocking_pick_file(),
    )?
    else {
        return Ok(None);
    };
    let books = Books::open(&path)?;
    let overview = books.overview()?;
    state::lock(&state).replace(path, books);
    Ok(Some(overview))
}

/// A made-up group in a temporary file, to try the program without touching real books.
/// The file is removed when the app closes.
#[tauri::command(async)]
pub fn open_demo(state: State<'_, BooksState>) -> Result<Overview> {
    let path = demo_path();
    remove_demo(&state); // a demo already open is closed before its file goes
    remove_db_files(&path);
    remove_abandoned_demos();
    sajja_core::demo::create(&path, &sajja_core::demo::DemoOptions::default())?;
    let books = Books::open(&path)?;
    let overview = books.overview()?;
    state::lock(&state).replace(path, books);
    Ok(overview)
}

fn demo_path() -> PathBuf {
    std::env::temp_dir().join(format!("sajja-demo-{}.db", std::process::id()))
}

/// Demo files left behind by an app that did not close normally (killed, or a power cut),
/// once they are a day old: no running app is still using a demo that old.
fn remove_abandoned_demos() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    let a_day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(24 * 3600);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let abandoned = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < a_day_ago);
        if name.starts_with("sajja-demo-") && name.ends_with(".db") && abandoned {
            remove_db_files(&entry.path());
        }
    }
}

/// Leaves the file in use (the demo group is deleted) and goes back to the start-up file:
/// opened again if it exists, else the first-start screen.
#[tauri::command(async)]
pub fn close_books(state: State<'_, BooksState>) -> Result<()> {
    remove_demo(&state);
    let mut shelf = state::lock(&state);
    let start = shelf.start_path.clone();
    *shelf = state::Shelf::at(start);
    Ok(())
}

/// On exit: if the demo group is what is open, close it and delete its temporary file.
pub fn remove_demo(state: &BooksState) {
    let mut shelf = state::lock(state);
    if shelf.path == demo_path() {
        shelf.books = None;
        remove_db_files(&shelf.path);
    }
}

/// The books file, its WAL and shared-memory files, and the backups folder beside it.
fn remove_db_files(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    let _ = std::fs::remove_dir_all(sajja_core::snapshot::folder_for(path));
}
