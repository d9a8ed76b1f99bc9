//! A sheet of rows as the treasurer's spreadsheet has it, whatever file it came in: an Excel
//! workbook (.xlsx, .xlsm, .xls) or OpenDocument sheet (.ods) read with calamine, or a CSV
//! file read by [`crate::sheet`] (encoding detection, RFC 4180). Every cell becomes the text a
//! person would type; rows keep the numbers the spreadsheet shows (the header is the first
//! non-empty row).

use std::path::Path;

use calamine::{Data, Reader};

use crate::error::{Error, Result};

/// One sheet: its header cells and its non-empty rows with their spreadsheet row numbers.
#[derive(Clone, Debug)]
pub struct Table {
    /// The sheet's name in a workbook; empty for CSV.
    pub sheet: String,
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// Rows typed on a screen (opening balances entered by hand): `header` names the fields
    /// (English or Thai, as a sheet's header would), each row carries its line number on the
    /// screen, which the mistakes then name. The import checks and posts them exactly as it
    /// would the same rows of a spreadsheet.
    pub fn typed(header: Vec<String>, rows: Vec<(usize, Vec<String>)>) -> Table {
        Table {
            sheet: String::new(),
            header,
            rows,
        }
    }
}

/// Reads `path`: the sheet named `sheet`, else the first sheet whose name is one of
/// `preferred` (the template's names), else the first sheet.
pub fn read(path: &Path, sheet: Option<&str>, preferred: &[&str]) -> Result<Table> {
    let ext = crate::text::file_extension(path);
    match ext.as_str() {
        "csv" | "txt" => read_csv(path),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path, sheet, preferred),
        _ => Err(Error::invalid(
            "file",
            format!(
                "อ่านไฟล์ \"{}\" ไม่ได้ — ใช้ไฟล์ Excel (.xlsx) หรือ CSV (.csv)",
                path.display()
            ),
        )),
    }
}

fn read_csv(path: &Path) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|e| not_readable(path, &e.to_string()))?;
    let sheet = crate::sheet::parse(&crate::sheet::decode(&bytes)?)?;
    Ok(Table {
        sheet: String::new(),
        header: sheet.header,
        rows: sheet.rows,
    })
}

fn not_readable(path: &Path, why: &str) -> Error {
    Error::invalid(
        "file",
        format!(
            "เปิดไฟล์ \"{}\" ไม่ได้ ({why}) — ตรวจว่าไฟล์มีอยู่และไม่ได้เปิดค้างในโปรแกรมอื่น",
            path.display()
        ),
    )
}

fn read_workbook(path: &Path, sheet: Option<&str>, preferred: &[&str]) -> Result<Table> {
    let mut book =
        calamine::open_workbook_auto(path).map_err(|e| not_readable(path, &e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.trim() == wanted.trim())
            .cloned()
            .ok_or_else(|| {
                Error::invalid(
                    "sheet",
                    format!(
                        "ไม่พบแผ่นงาน \"{wanted}\" ในไฟล์ — แผ่นงานที่มี: {}",
                        names.join(", ")
                    ),
                )
            })?,
        None => names
            .iter()
            .find(|n| preferred.iter().any(|p| n.trim() == *p))
            .or(names.first())
            .cloned()
            .ok_or_else(|| Error::invalid("sheet", "ไฟล์นี้ไม่มีแผ่นงาน"))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| not_readable(path, &e.to_string()))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        // Cells left of the used range are empty: keep the columns where the sheet has them.
        let mut texts: Vec<String> = vec![String::new(); first_col];
        texts.extend(cells.iter().map(cell_text));
        if texts.iter().all(|t| t.is_empty()) {
            continue;
        }
        match header {
            None => header = Some(texts),
            Some(_) => rows.push((first_row + i + 1, texts)),
        }
    }
    let header = header.ok_or_else(|| {
        Error::invalid(
            "sheet",
            format!("แผ่นงาน \"{name}\" ว่าง — แถวแรกต้องเป็นหัวตาราง"),
        )
    })?;
    Ok(Table {
        sheet: name,
        header,
        rows,
    })
}

/// A cell as the text a person would have typed. Numbers come from the file as binary
/// fractions: they are written with at most two decimals (money has two) before the books
/// read them as decimals, so no `f64` goes further than this function.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.0}")
            } else {
                let text = format!("{f:.2}");
                text.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| t.date().to_string())
            .unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
