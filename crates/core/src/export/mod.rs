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
pub mod district;
pub mod loan_cards;
pub mod registers;
pub mod reports;
pub mod template;
pub mod yearend;

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
    /// The district summary's figures, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<district::DistrictRow>,
}

/// The reports that export to a workbook, as the command line names them.
pub const REPORTS: &[&str] = &[
    "members",
    "register",
    "cashbook",
    "loans",
    "arrears",
    "fund-report",
    "district",
    "yearend",
    "loan-cards",
];

/// Writes `report` of the books to `path`: `year` (พ.ศ. label) for the register and the
/// year-end, `month` for the cash book (empty: this year or this month).
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
    let mut summary = None;
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
        "loans" => {
            let rows = books.loans(&crate::loan::LoanFilter::default())?;
            reports::loans(&rows, &heading, path)?;
            rows.len()
        }
        "arrears" => {
            // As at the end of the month asked for (today when none).
            let on = if month.trim().is_empty() || month == this_month {
                today
            } else {
                crate::thai::parse_month(month)
                    .map_err(|e| Error::invalid("month", e.to_string()))?
                    .last_day()
            };
            let list = books.loan_arrears(&on.to_string())?;
            reports::arrears(&list, &heading, path)?;
            list.loans.len()
        }
        "fund-report" => {
            let r = books.fund_report(month)?;
            reports::fund_report(&r, &heading, path)?;
            r.receipts.len() + r.payments.len()
        }
        "yearend" => {
            // The year asked for; by default the last accounting year that has ended.
            let year = if year.trim().is_empty() {
                let start = books.settings()?.year_start_month;
                (crate::period::accounting_year_label(today, start) - 1).to_string()
            } else {
                year.to_string()
            };
            let preview = books.yearend_preview(&year)?;
            yearend::write(
                &yearend::YearEnd {
                    trial: &books.trial_balance(&year, "")?,
                    income: &books.income_statement(&year, "")?,
                    balance: &books.balance_sheet(&year, "")?,
                    receipts: &books.receipts_payments(&year, "")?,
                    preview: &preview,
                },
                &heading,
                path,
            )?;
            preview.members.len()
        }
        "loan-cards" => {
            let rows = books.loans(&crate::loan::LoanFilter::default())?;
            let mut cards = Vec::with_capacity(rows.len());
            for r in &rows {
                cards.push(books.loan(&r.id, "")?);
            }
            loan_cards::write(&cards, &heading, path)?;
            cards.len()
        }
        "district" => {
            let (label, from, to) = if !year.trim().is_empty() {
                let be = crate::books::parse_year_be(year)?;
                let start = books.settings()?.year_start_month;
                let (from, to) = crate::period::accounting_year_bounds(be, start);
                (be.to_string(), from, to)
            } else {
                let m = crate::thai::parse_month(month)
                    .map_err(|e| Error::invalid("month", e.to_string()))?;
                (
                    format!("{}-{:02}", m.year + 543, m.month),
                    m.first_day(),
                    m.last_day(),
                )
            };
            let row = district::row(books.conn(), &label, from, to)?;
            district::write(&row, path)?;
            summary = Some(row);
            1
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
        summary,
    })
}
