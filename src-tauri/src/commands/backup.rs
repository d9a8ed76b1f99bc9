//! Backups and the audit committee's tools: the copies beside the books, backing up now, a
//! copy to a USB stick checked there, restoring (preview first, then confirm), a check code
//! typed back from paper.

use std::path::PathBuf;

use sajja_core::backup::{BackupInfo, Exported, RestorePreview, Restored};
use sajja_core::checkcode::CodeCheck;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::Result;
use crate::state::{with_books, BooksState};

/// The copies in the backups folder, newest first, each with what it holds.
#[tauri::command(async)]
pub fn backups(state: State<'_, BooksState>) -> Result<Vec<BackupInfo>> {
    with_books(&state, |b| b.backups())
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, BooksState>) -> Result<BackupInfo> {
    with_books(&state, |b| b.backup_now())
}

/// Asks for a folder (the USB stick) to copy the books to; `None` when cancelled.
#[tauri::command(async)]
pub fn backup_pick_folder(app: AppHandle) -> Result<Option<String>> {
    // The dialog blocks this worker thread and holds no lock.
    super::picked_text(
        app.dialog()
            .file()
            .set_title("เลือกแฟลชไดรฟ์หรือโฟลเดอร์ที่จะคัดลอกบัญชีไปเก็บ")
            .blocking_pick_folder(),
    )
}

/// Copies the books to the folder `dir` (the USB stick) and verifies the copy there; with a
/// `passphrase`, the copy is encrypted with it.
#[tauri::command(async)]
pub fn backup_export(
    state: State<'_, BooksState>,
    dir: String,
    passphrase: Option<String>,
) -> Result<Exported> {
    let passphrase = passphrase.filter(|p| !p.is_empty());
    with_books(&state, |b| {
        b.export_copy(&PathBuf::from(dir.trim()), passphrase.as_deref())
    })
}

/// Lets the treasurer pick a copy kept elsewhere (a USB stick); `None` when cancelled.
#[tauri::command(async)]
pub fn restore_pick_file(app: AppHandle) -> Result<Option<String>> {
    super::picked_text(
        app.dialog()
            .file()
            .set_title("เลือกสำเนาบัญชีที่จะกู้คืน")
            .add_filter("สำเนาบัญชีสัจจะ (*.db, *.db.age)", &["db", "sajja", "age"])
            .blocking_pick_file(),
    )
}

/// What restoring `file` would bring back beside the books in use; changes nothing. An
/// encrypted copy (`….db.age`) is opened with `passphrase`.
#[tauri::command(async)]
pub fn restore_preview(
    state: State<'_, BooksState>,
    file: String,
    passphrase: Option<String>,
) -> Result<RestorePreview> {
    with_books(&state, |b| {
        b.restore_preview_of(&PathBuf::from(&file), passphrase.as_deref())
    })
}

/// Restores `file` (the books in use are copied first); refused as the preview said.
#[tauri::command(async)]
pub fn restore_confirm(
    state: State<'_, BooksState>,
    file: String,
    passphrase: Option<String>,
) -> Result<Restored> {
    with_books(&state, |b| {
        b.restore_from(&PathBuf::from(&file), passphrase.as_deref())
    })
}

/// Whether a check code from a printed paper belongs to these books, which document and date
/// it came from, and whether anything before it has changed.
#[tauri::command(async)]
pub fn check_code(state: State<'_, BooksState>, code: String) -> Result<CodeCheck> {
    with_books(&state, |b| b.check_code(&code))
}
