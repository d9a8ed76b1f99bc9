//! Printing is one step for the treasurer: choose the document, see what it will contain, save
//! it under the group's folder with a Thai file name and open it in the system's PDF viewer,
//! where it is printed.
//!
//! The file is opened from Rust with tauri-plugin-opener, so the window needs no opener
//! permission. Where no viewer exists (CI, a bare machine) opening is skipped or fails quietly:
//! the command still succeeds. The screen then offers "พิมพ์" (the PDF in the viewer, whose
//! print dialog prints it) and "เปิดโฟลเดอร์" ([`open_saved`]), and says where the file is in
//! words, never as a path to copy.
//!
//! A long job (statements of a large group) draws without holding the books, reports its
//! progress to `print_progress` and stops on `print_cancel`, leaving no file behind.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::LazyLock;

use sajja_core::documents::{self, BooksAccess, JobSummary, PrintRequest, Printed, Progress};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use super::group_folder;
use crate::error::Result;
use crate::folders;
use crate::state::{lock, with_books, BooksState};

/// The one print job at a time, its progress and whether it runs.
struct Job {
    progress: Progress,
    running: AtomicBool,
}

static JOB: LazyLock<Job> = LazyLock::new(|| Job {
    progress: Progress::new(),
    running: AtomicBool::new(false),
});

/// What the print screen offers: the documents and the folder files are saved in.
#[derive(Serialize)]
pub struct PrintOptions {
    documents: Vec<(&'static str, &'static str)>,
    folder: String,
    /// The folder in words ("โฟลเดอร์ เอกสาร/สัจจะ/<group>").
    place: String,
}

/// What a document will contain and where it will be saved.
#[derive(Serialize)]
pub struct PrintPreview {
    #[serde(flatten)]
    summary: JobSummary,
    folder: String,
    path: String,
    place: String,
}

/// What was written, and whether the viewer was asked to open it.
#[derive(Serialize)]
pub struct PrintResult {
    #[serde(flatten)]
    printed: Printed,
    /// The file to open (the first of a series).
    path: String,
    folder: String,
    /// The folder in words, for the screen.
    place: String,
    opened: bool,
    /// Why the file was not opened (no viewer), in Thai.
    open_note: Option<String>,
}

#[derive(Serialize)]
pub struct PrintProgress {
    done: usize,
    total: usize,
    running: bool,
}

/// The app's open books, lent to the core's print sequence one step at a time, so the rest of
/// the app stays usable while a long job draws.
struct OpenBooks<'a>(&'a BooksState);

impl BooksAccess for OpenBooks<'_> {
    fn with_books<T>(
        &self,
        f: impl FnOnce(&mut sajja_core::Books) -> sajja_core::Result<T>,
    ) -> sajja_core::Result<T> {
        let mut shelf = lock(self.0);
        let path = shelf.path.display().to_string();
        let books = shelf
            .books
            .as_mut()
            .ok_or(sajja_core::Error::NoBooks(path))?;
        f(books)
    }
}

#[tauri::command(async)]
pub fn print_options(state: State<'_, BooksState>) -> Result<PrintOptions> {
    let folder = group_folder(&state)?;
    Ok(PrintOptions {
        documents: documents::DOCUMENTS.to_vec(),
        place: folders::in_words(&folder.join("-")),
        folder: folder.display().to_string(),
    })
}

/// Gathers the document without writing it: what it will contain, and its file.
#[tauri::command(async)]
pub fn print_preview(state: State<'_, BooksState>, request: PrintRequest) -> Result<PrintPreview> {
    let job = with_books(&state, |b| b.print_job(&request))?;
    let folder = group_folder(&state)?;
    let summary = job.summary().clone();
    Ok(PrintPreview {
        place: folders::in_words(&folder.join(&summary.file_name)),
        path: folder.join(&summary.file_name).display().to_string(),
        folder: folder.display().to_string(),
        summary,
    })
}

/// Saves the document in the group's folder and opens it in the PDF viewer.
#[tauri::command(async)]
pub fn print_document(
    app: AppHandle,
    state: State<'_, BooksState>,
    request: PrintRequest,
) -> Result<PrintResult> {
    if JOB.running.swap(true, Ordering::SeqCst) {
        return Err(sajja_core::Error::Refused(
            "กำลังพิมพ์เอกสารอื่นอยู่ — รอให้เสร็จหรือกดหยุดพิมพ์ก่อน".to_string(),
        )
        .into());
    }
    // Marks the job finished however `print` ends, a panic included, so the screen never
    // waits on a job that is gone.
    struct Finished;
    impl Drop for Finished {
        fn drop(&mut self) {
            JOB.running.store(false, Ordering::SeqCst);
        }
    }
    let _finished = Finished;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        print(&app, &state, &request)
    }))
    .unwrap_or_else(|_| {
        Err(sajja_core::Error::Document(
            "การพิมพ์หยุดกลางคันโดยไม่คาดคิด — ไม่ได้บันทึกไฟล์ใด ลองพิมพ์ใหม่อีกครั้ง".to_string(),
        )
        .into())
    })
}

fn print(app: &AppHandle, state: &BooksState, request: &PrintRequest) -> Result<PrintResult> {
    JOB.progress.start(0);
    // The app saves into the group's own folder under its own names: printing the same
    // document again replaces the PDF it wrote before (never anything else, see the core).
    let request = &PrintRequest {
        replace: true,
        ..request.clone()
    };
    let folder = group_folder(state)?;
    // What a print killed before its rename left behind.
    sajja_core::print::remove_leftovers(&folder);
    let chosen = std::cell::OnceCell::new();
    let printed = documents::print(
        &OpenBooks(state),
        request,
        |summary| {
            std::fs::create_dir_all(&folder).map_err(|e| {
                sajja_core::Error::Document(format!(
                    "สร้างโฟลเดอร์ {} ไม่ได้ ({e}) — เลือกโฟลเดอร์อื่นสำหรับเก็บเอกสาร",
                    folder.display()
                ))
            })?;
            Ok(chosen
                .get_or_init(|| folder.join(&summary.file_name))
                .clone())
        },
        &JOB.progress,
    )?;
    let path = printed.files.first().cloned().unwrap_or_else(|| {
        chosen
            .get()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    });
    let (opened, open_note) = open(app, &path);
    Ok(PrintResult {
        printed,
        place: folders::in_words(std::path::Path::new(&path)),
        path,
        folder: folder.display().to_string(),
        opened,
        open_note,
    })
}

/// Asks the system to open `path` (a PDF in its viewer, a folder in the file manager). Never
/// fails the print: without a viewer the screen says so. `SAJJA_NO_OPEN=1` skips it, and
/// `SAJJA_OPEN_WITH=<program>` opens with that program instead of the system's (tests).
fn open(app: &AppHandle, path: &str) -> (bool, Option<String>) {
    if std::env::var_os("SAJJA_NO_OPEN").is_some_and(|v| !v.is_empty()) {
        return (
            false,
            Some("ไม่ได้เปิดไฟล์อัตโนมัติ — กดปุ่ม พิมพ์ หรือ เปิดโฟลเดอร์".to_string()),
        );
    }
    if let Some(program) = std::env::var_os("SAJJA_OPEN_WITH").filter(|v| !v.is_empty()) {
        return match std::process::Command::new(program).arg(path).status() {
            Ok(s) if s.success() => (true, None),
            _ => (false, Some(NO_VIEWER.to_string())),
        };
    }
    match app.opener().open_path(path, None::<&str>) {
        Ok(()) => (true, None),
        Err(e) => {
            // The launcher's own words (with an escaped path) help nobody at the counter.
            eprintln!("sajja: opening {path} failed: {e}");
            (false, Some(NO_VIEWER.to_string()))
        }
    }
}

const NO_VIEWER: &str =
    "เปิดไม่ได้ (ไม่พบโปรแกรมดู PDF หรือโปรแกรมจัดการไฟล์ในเครื่องนี้) — ลองกด เปิดโฟลเดอร์ แล้วเปิดไฟล์จากที่นั่น";

/// What the "พิมพ์" and "เปิดโฟลเดอร์" buttons did.
#[derive(Serialize)]
pub struct Opened {
    opened: bool,
    /// Why nothing opened, in Thai.
    note: Option<String>,
}

/// Opens a document the app saved: the PDF in the system's viewer, where it is printed
/// (`folder` false), or its folder in the file manager. Only a file in the group's own
/// document folder, so the window cannot open anything else on the computer.
#[tauri::command(async)]
pub fn open_saved(
    app: AppHandle,
    state: State<'_, BooksState>,
    path: String,
    folder: bool,
) -> Result<Opened> {
    let base = group_folder(&state)?;
    let file = PathBuf::from(&path);
    let inside = match (file.canonicalize(), base.canonicalize()) {
        (Ok(f), Ok(b)) => f.starts_with(&b) && f.is_file(),
        _ => false,
    };
    if !inside {
        return Err(sajja_core::Error::Refused(
            "ไม่พบไฟล์นี้ในโฟลเดอร์เอกสารของกลุ่มแล้ว — พิมพ์เอกสารใหม่อีกครั้ง".to_string(),
        )
        .into());
    }
    let target = if folder {
        file.parent().unwrap_or(&base).display().to_string()
    } else {
        path
    };
    let (opened, note) = open(&app, &target);
    Ok(Opened { opened, note })
}

#[tauri::command(async)]
pub fn print_progress() -> PrintProgress {
    let (done, total) = JOB.progress.get();
    PrintProgress {
        done,
        total,
        running: JOB.running.load(Ordering::SeqCst),
    }
}

/// Stops the running job; what it wrote so far is removed.
#[tauri::command(async)]
pub fn print_cancel() {
    if JOB.running.load(Ordering::SeqCst) {
        JOB.progress.cancel();
    }
}

/// Lets the treasurer choose where documents are saved; remembered for this group on this
/// computer. The folder in words, or `None` when the dialog is cancelled.
#[tauri::command(async)]
pub fn choose_print_folder(app: AppHandle, state: State<'_, BooksState>) -> Result<Option<String>> {
    let current = group_folder(&state)?;
    let Some(folder) = super::picked(
        app.dialog()
            .file()
            .set_title("เลือกโฟลเดอร์สำหรับเก็บเอกสารที่พิมพ์")
            .set_directory(current.parent().unwrap_or(&current))
            .blocking_pick_folder(),
    )?
    else {
        return Ok(None);
    };
    let group = with_books(&state, |b| Ok(b.group()?.name))?;
    folders::remember(&group, &folder)?;
    Ok(Some(folders::in_words(&folder.join("-"))))
}
