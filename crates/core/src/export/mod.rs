//! Spreadsheets out: every register and report as an .xlsx workbook (rust_xlsxwriter) with
//! Thai headers, numbers with separators, dates as real dates shown in พ.ศ., a frozen header
//! row, column widths that fit and totals as formulas; the import template; the district
//! summary.
//!
//! Figures come from the same report models the screens, the PDFs and `--json` show: the
//! workbook only lays them out. A spreadsheet keeps numbers as binary fractions, so amounts
//! are handed to it from their decimal text (exact for every amount the books can hold);
//! nothing is computed in floating point.

mod book;
pub mod registers;
pub mod template;

pub use template::template;

use std::path::Path;

use crate::books::Books;
use crate::error::{Error, Result};

/// What was written.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Written {
    pub report: String,
    pub file: String,
    /// Data rows written (not counting headers and totals).
    pub rows: usize,
}

/// The reports that export to a workbook, as the command line names them.
pub const REPORTS: &[&str] = &["members", "register", "cashbook"];

/// Writes `report` of the books to `path`: `year` (พ.ศ. label) for the register, `month` for
/// the cash book (empty: this year or this month).
pub fn write(books: &Books, report: &str, year: &str, month: &str, path: &Path) -> Result<Written> {
    let group = books.group()?;
    let heading = format!("{} {}", group.name, group.address);
    let today = crate::clock::today();
    let this_month = crate::thai::YearMonth::of(today).to_string();
    let month = if month.trim().is_empty() {
        this_month.as_str()
    } else {
        month
    };
    let rows = match report {
        "members" => {
            let rows = books.members("")?;
            registers::members(&rows, &heading, path)?;
            rows.len()
        }
        "register" => {
            let year = if year.trim().is_empty() {
                let start = books.settings()?.year_start_month;
                crate::period::accounting_year_label(today, start).to_string()
            } else {
                year.to_string()
            };
            let reg = books.sajja_register(&year)?;
            registers::register(&reg, &heading, path)?;
            reg.rows.len()
        }
        "cashbook" => {
            let book = books.cashbook(month)?;
            registers::cashbook(&book, &heading, path)?;
            book.lines.len()
        }
        other => {
            return Err(Error::invalid(
                "report",
                format!("ไม่รู้จักรายงาน \"{other}\" — เลือก {}", REPORTS.join(", ")),
            ))
        }
    };
    Ok(Written {
        report: report.to_string(),
        file: path.display().to_string(),
        rows,
    })
}
