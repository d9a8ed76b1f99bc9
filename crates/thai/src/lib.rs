//! Thai text for the books: พ.ศ. dates, month names, Thai/Arabic digits,
//! grouped amounts and amounts in words (bahttext).
//!
//! Everything here is pure (no I/O, no clock, no database) so it can be
//! used from the core, the PDF printer and the UI layer alike, and so it can
//! be tested exhaustively. It depends only on `std`, `rust_decimal`,
//! `chrono` and `thiserror`.
//!
//! Conventions, decided once here so every screen and printout agrees:
//! - Years are shown in พ.ศ. (CE + 543); dates are stored as CE
//!   [`chrono::NaiveDate`] values.
//! - Digits are Arabic by default; Thai digits are a display setting
//!   ([`Digits`]), never a different value.
//! - Money is rounded half away from zero to satang before it is shown or
//!   read out in words.

pub mod bahttext;
pub mod date;
pub mod digits;

pub use bahttext::{bahttext, read_integer, BahtTextConvention};
pub use date::{
    be_year, format_date, format_date_long, format_date_numeric, format_month, format_month_long,
    month_abbr, month_name, parse_date, parse_month, ThaiDateError, YearMonth,
};
pub use digits::{format_amount, format_int, to_arabic_digits, to_thai_digits, Digits};

/// A settings value (e.g. from the config file or a command-line flag) that
/// is not one of the allowed choices.
///
/// The message is Thai and lists what may be typed, because the person who
/// sees it is the group's bookkeeper, not a programmer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ค่า{setting}ไม่ถูกต้อง: \"{value}\" — ใช้ได้เฉพาะ {allowed}")]
pub struct InvalidChoice {
    /// What is being set, in Thai (e.g. "รูปแบบตัวเลข").
    pub setting: &'static str,
    /// What was given.
    pub value: String,
    /// The accepted spellings, for the message.
    pub allowed: &'static str,
}

#[cfg(test)]
mod bahttext_tests;
