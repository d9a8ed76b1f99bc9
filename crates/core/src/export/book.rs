//! The workbook plumbing every export shares: formats, headers, columns, money and dates.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use crate::error::{Error, Result};
use crate::money::Money;

/// Excel's format for a date in the Thai Buddhist calendar (พ.ศ.): calendar 07 of the th-TH
/// locale, so the cell holds a real date and shows 15/3/2568.
pub const THAI_DATE: &str = "[$-th-TH,107]d/m/yyyy";
/// Amounts with thousands separators and two decimals; negatives in brackets as Thai
/// accounts show them.
pub const MONEY: &str = "#,##0.00;(#,##0.00);-";

/// The formats of one workbook.
pub struct Styles {
    pub header: Format,
    pub money: Format,
    pub money_total: Format,
    pub date: Format,
    pub total_label: Format,
    pub title: Format,
    pub int: Format,
}

impl Styles {
    pub fn new() -> Styles {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin)
            .set_background_color(0xDDEBF7);
        Styles {
            header,
            money: Format::new().set_num_format(MONEY),
            money_total: Format::new()
                .set_num_format(MONEY)
                .set_bold()
                .set_border_top(FormatBorder::Thin)
                .set_border_bottom(FormatBorder::Double),
            date: Format::new()
                .set_num_format(THAI_DATE)
                .set_align(FormatAlign::Center),
            total_label: Format::new().set_bold(),
            title: Format::new().set_bold().set_font_size(14),
            int: Format::new().set_num_format("#,##0"),
        }
    }
}

pub fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Refused(format!("เขียนไฟล์ Excel ไม่ได้: {e}"))
}

/// The amount as the spreadsheet's number, from its decimal text.
pub fn number(m: Money) -> f64 {
    m.to_string().parse().unwrap_or(0.0)
}

pub fn date(d: chrono::NaiveDate) -> Result<ExcelDateTime> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(xlsx_error)
}

/// A column of a table: its header and its width in characters.
pub struct Col {
    pub header: String,
    pub width: f64,
}

pub fn col(header: &str, width: f64) -> Col {
    Col {
        header: header.to_string(),
        width,
    }
}

/// Writes a title line, then the header row at `header_row`, freezes the panes below it and
/// sets the widths.
pub fn headers(
    ws: &mut Worksheet,
    s: &Styles,
    title: &str,
    subtitle: &str,
    cols: &[Col],
) -> Result<u32> {
    ws.write_string_with_format(0, 0, title, &s.title)
        .map_err(xlsx_error)?;
    ws.write_string(1, 0, subtitle).map_err(xlsx_error)?;
    let row = 3;
    for (i, c) in cols.iter().enumerate() {
        ws.write_string_with_format(row, i as u16, &c.header, &s.header)
            .map_err(xlsx_error)?;
        ws.set_column_width(i as u16, c.width).map_err(xlsx_error)?;
    }
    ws.set_row_height(row, 33).map_err(xlsx_error)?;
    ws.set_freeze_panes(row + 1, 0).map_err(xlsx_error)?;
    Ok(row + 1)
}

/// A SUM formula over one column from `first` to `last` (0-based rows), with its value cached
/// so readers that do not calculate (and calamine) see the figure.
pub fn sum(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    col: u16,
    first: u32,
    last: u32,
    value: Money,
) -> Result<()> {
    let letter = rust_xlsxwriter::utility::column_number_to_name(col);
    let formula = if last < first {
        "=0".to_string()
    } else {
        format!("=SUM({letter}{}:{letter}{})", first + 1, last + 1)
    };
    let f = rust_xlsxwriter::Formula::new(formula).set_result(value.to_string());
    ws.write_formula_with_format(row, col, f, &s.money_total)
        .map_err(xlsx_error)?;
    Ok(())
}

/// [`sum`] in each of `cols` (column, the total it must come to) of the total row `row`.
pub fn sums(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    first: u32,
    last: u32,
    cols: &[(u16, Money)],
) -> Result<()> {
    for &(col, value) in cols {
        sum(ws, s, row, col, first, last, value)?;
    }
    Ok(())
}

/// Saves the workbook to `path` through a temporary file renamed into place, refusing to
/// replace anything that is not a spreadsheet (the books file above all).
pub fn save(wb: &mut Workbook, path: &Path) -> Result<()> {
    let ext = crate::text::file_extension(path);
    if ext != "xlsx" {
        return Err(Error::invalid(
            "out",
            format!("ไฟล์ที่จะเขียนต้องลงท้ายด้วย .xlsx (ได้ \"{}\")", path.display()),
        ));
    }
    let tmp = path.with_extension("xlsx.tmp");
    wb.save(&tmp).map_err(xlsx_error)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::Refused(format!("บันทึกไฟล์ {} ไม่ได้: {e}", path.display()))
    })?;
    Ok(())
}
