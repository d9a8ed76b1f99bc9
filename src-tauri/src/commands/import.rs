//! Bringing the paper books in and taking spreadsheets out: the import wizard (choose a file,
//! see how its columns were read and what it would create, confirm), what was brought in,
//! and the Excel exports of the registers and the district summary, saved in the group's
//! documents folder.

use std::path::{Path, PathBuf};

use sajja_core::export::Written;
use sajja_core::import::{FundAccount, ImportReport, Kind, OpeningView, Options, Table};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{Error, Result};
use crate::folders;
use crate::state::{with_books, BooksState};

/// Lets the treasurer pick the workbook or CSV to import; `None` when cancelled.
#[tauri::command(async)]
pub fn import_pick_file(app: AppHandle) -> Result<Option<String>> {
    super::picked_text(
        app.dialog()
            .file()
            .set_title("เลือกไฟล์ Excel หรือ CSV ที่จะนำเข้า")
            .add_filter("Excel หรือ CSV", &["xlsx", "xls", "ods", "csv"])
            .blocking_pick_file(),
    )
}

/// The file the import wizard reads, as typed: `kind` (members, opening, loans or funds), its
/// path, the sheet ('' = the template's) and the cut-over date ('' = the one set).
#[derive(serde::Deserialize)]
pub struct ImportFile {
    kind: String,
    file: String,
    sheet: String,
    date: String,
}

fn run(state: &BooksState, input: &ImportFile, dry_run: bool) -> Result<ImportReport> {
    let kind = Kind::parse(&input.kind)?;
    let path = PathBuf::from(input.file.trim());
    let options = Options {
        date: input.date.clone(),
        dry_run,
        file: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    };
    let sheet = Some(input.sheet.trim()).filter(|s| !s.is_empty());
    with_books(state, |b| b.import(kind, &path, sheet, &options))
}

/// How the file's columns were read and what it would create, or every mistake; changes
/// nothing.
#[tauri::command(async)]
pub fn import_preview(state: State<'_, BooksState>, input: ImportFile) -> Result<ImportReport> {
    run(&state, &input, true)
}

/// Imports the file, all or nothing (`committed` is false with the mistakes when refused).
#[tauri::command(async)]
pub fn import_confirm(state: State<'_, BooksState>, input: ImportFile) -> Result<ImportReport> {
    run(&state, &input, false)
}

/// Opening balances typed on the ยอดยกมา screen: `rows` are `(line, cells)` in the order of
/// `fields` (the import's field names). They go through the import of `kind` exactly as the
/// same rows of a spreadsheet would; `post` false is a preview that changes nothing.
#[tauri::command(async)]
pub fn opening_enter(
    state: State<'_, BooksState>,
    kind: String,
    date: String,
    fields: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
    post: bool,
) -> Result<ImportReport> {
    let kind = Kind::parse(&kind)?;
    let options = Options {
        date,
        dry_run: !post,
        file: "พิมพ์บนหน้าจอยอดยกมา".into(),
    };
    let table = Table::typed(fields, rows);
    with_books(&state, |b| b.import_table(kind, &table, &options))
}

/// The group's accounts the ยอดยกมา screen offers for the funds (cash, bank, the funds, ...).
#[tauri::command]
pub fn opening_accounts() -> Vec<FundAccount> {
    sajja_core::import::fund_accounts()
}

/// What was brought in from the paper books, as at which date.
#[tauri::command(async)]
pub fn opening_show(state: State<'_, BooksState>) -> Result<OpeningView> {
    with_books(&state, |b| b.opening())
}

/// [`super::group_folder`], made if it is not there yet.
fn folder(state: &BooksState) -> Result<PathBuf> {
    let dir = super::group_folder(state)?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::Core(e.into()))?;
    Ok(dir)
}

/// A file name not yet used in `dir`: `name.ext`, else `name (2).ext`, …
fn free_name(dir: &Path, name: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{name}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{name} ({n}).{ext}")))
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// Writes the import template into the group's folder; returns its path.
#[tauri::command(async)]
pub fn import_template(state: State<'_, BooksState>) -> Result<Saved> {
    let path = free_name(&folder(&state)?, "แบบฟอร์มนำเข้าข้อมูล", "xlsx");
    sajja_core::export::template(&path)?;
    Ok(Saved::at(&path))
}

/// A file the app saved in the group's folder, as the screen names it: the file's own name
/// and its folder in words ([`folders::in_words`]); the full path only for opening it.
#[derive(serde::Serialize)]
pub struct Saved {
    pub file: String,
    pub name: String,
    pub place: String,
}

impl Saved {
    fn at(path: &Path) -> Saved {
        Saved {
            file: path.display().to_string(),
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            place: folders::in_words(path),
        }
    }
}

/// An export as written, with where it was saved in words.
#[derive(serde::Serialize)]
pub struct Exported {
    #[serde(flatten)]
    pub written: Written,
    pub name: String,
    pub place: String,
}

/// Exports a register or report (`members`, `register`, `cashbook`, `loans`, `loan-cards`,
/// `arrears`, `fund-report`, `yearend`, `district`) into the group's folder; `format` is
/// `xlsx` or (district only) `csv`.
#[tauri::command(async)]
pub fn export_report(
    state: State<'_, BooksState>,
    report: String,
    year: String,
    month: String,
    format: String,
) -> Result<Exported> {
    let label = match report.as_str() {
        "members" => "ทะเบียนสมาชิก",
        "register" => "ทะเบียนคุมเงินสัจจะ",
        "cashbook" => "สมุดเงินสด",
        "loans" => "ทะเบียนเงินกู้",
        "loan-cards" => "บัตรเงินกู้",
        "yearend" => "งบการเงินประจำปี",
        "arrears" => "ลูกหนี้ค้างชำระ",
        "fund-report" => "รายงานประจำเดือน",
        "district" => "สรุปส่งอำเภอ",
        _ => "รายงาน",
    };
    let period = [year.trim(), month.trim()]
        .into_iter()
        .find(|p| !p.is_empty())
        .unwrap_or("")
        .replace('/', "-");
    let name = if period.is_empty() {
        label.to_string()
    } else {
        format!("{label} {period}")
    };
    let ext = if format == "csv" { "csv" } else { "xlsx" };
    let path = free_name(&folder(&state)?, &name, ext);
    let written = with_books(&state, |b| {
        sajja_core::export::write(b, &report, &year, &month, &path)
    })?;
    let Saved { name, place, .. } = Saved::at(&path);
    Ok(Exported {
        written,
        name,
        place,
    })
}
