//! Dates the way Thais write them: พ.ศ. years, Thai month names, and a
//! forgiving parser for what a bookkeeper types (`15/3/68`, `15 มี.ค. 2568`,
//! `๑๕/๓/๒๕๖๘`, `2025-03-15`, …).
//!
//! Dates are stored and computed as CE [`NaiveDate`]s; พ.ศ. exists only at
//! the edges (parsing and formatting), so date arithmetic never has to know
//! about the Buddhist Era.
//!
//! How a typed year is read:
//! - four digits ≥ 2400 are พ.ศ. (CE = year − 543); four digits below 2400
//!   are ค.ศ. (no group was keeping books in พ.ศ. 2399 = 1856, and no one
//!   types a CE year after 2399), so both `2568` and `2025` work;
//! - two digits are the last two digits of a พ.ศ. 25xx year (`68` → 2568 →
//!   2025), the everyday short form in Thailand;
//! - an explicit `พ.ศ.` or `ค.ศ.` before the year overrides the guess.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use super::digits::{to_arabic_digits, Digits};

/// Years to add to a CE year to get the Buddhist Era year.
const BE_OFFSET: i32 = 543;

/// Four-digit years from here on are taken as พ.ศ.
const FIRST_BE_YEAR: i32 = 2400;

/// Full month names, January first.
const MONTH_NAMES: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Standard abbreviations, January first.
const MONTH_ABBRS: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// Spoken short forms people also type ("มีนา", "เมษา"), January first.
const MONTH_SHORT_SPOKEN: [&str; 12] = [
    "มกรา",
    "กุมภา",
    "มีนา",
    "เมษา",
    "พฤษภา",
    "มิถุนา",
    "กรกฎา",
    "สิงหา",
    "กันยา",
    "ตุลา",
    "พฤศจิกา",
    "ธันวา",
];

/// Labels from printed forms ("วันที่ … เดือน … พ.ศ. …") that carry no
/// value and are skipped when parsing.
const FILLER_WORDS: [&str; 4] = ["วันที่", "ที่", "เดือน", "ปี"];

/// Why a typed date or month could not be read. The messages are Thai and
/// say what to type instead, because they are shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThaiDateError {
    /// Nothing was typed.
    #[error("กรุณาพิมพ์วันที่ เช่น 15/3/2568")]
    EmptyDate,
    /// The text is not a date, or names a day that does not exist
    /// (31/2/2568). Holds the text as typed (trimmed).
    #[error("วันที่ไม่ถูกต้อง: \"{0}\" — กรุณาพิมพ์เป็น วัน/เดือน/ปี พ.ศ. เช่น 15/3/2568")]
    InvalidDate(String),
    /// Nothing was typed where a month was expected.
    #[error("กรุณาพิมพ์เดือน เช่น 3/2568 หรือ มี.ค. 2568")]
    EmptyMonth,
    /// The text is not a month. Holds the text as typed (trimmed).
    #[error("เดือนไม่ถูกต้อง: \"{0}\" — กรุณาพิมพ์เป็น เดือน/ปี พ.ศ. เช่น 3/2568 หรือ มี.ค. 2568")]
    InvalidMonth(String),
    /// A real date, but past the years the books keep (พ.ศ. 2942 = ค.ศ. 2399). Beyond it a
    /// four-digit ISO year would read back as พ.ศ., so such dates are never accepted.
    #[error("วันที่ \"{0}\" ไกลเกินไป — บัญชีรับวันที่ได้ถึงปี พ.ศ. 2942 เท่านั้น ตรวจปี พ.ศ. ที่พิมพ์อีกครั้ง")]
    OutOfRange(String),
}

/// The last CE year the books keep: every date they hold or print is below
/// [`FIRST_BE_YEAR`], so its ISO form (`2399-12-31`) always reads back as ค.ศ.
pub const LAST_CE_YEAR: i32 = FIRST_BE_YEAR - 1;

/// A calendar month (CE year), e.g. for monthly collection days and
/// statements. Orders chronologically (year, then month).
///
/// The fields are public for matching and building; [`YearMonth::new`] and
/// [`parse_month`] check them. Methods never panic: a month outside 1..=12
/// is treated as the nearest valid month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// CE year.
    pub year: i32,
    /// 1 = January … 12 = December.
    pub month: u32,
}

impl YearMonth {
    /// A checked month: `None` unless `month` is 1..=12 and the year is
    /// within the calendar's range.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| YearMonth { year, month })
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The 1st of the month.
    pub fn first_day(&self) -> NaiveDate {
        clamped_date(self.year, self.month, 1)
    }

    /// The last day of the month (28, 29, 30 or 31).
    pub fn last_day(&self) -> NaiveDate {
        let (year, month) = self.clamped();
        clamped_date(year, month, days_in_month(year, month))
    }

    /// The following month (December → January of the next year).
    pub fn next(&self) -> Self {
        let (year, month) = self.clamped();
        if month == 12 {
            YearMonth {
                year: year.saturating_add(1),
                month: 1,
            }
        } else {
            YearMonth {
                year,
                month: month + 1,
            }
        }
    }

    /// The previous month (January → December of the year before).
    pub fn prev(&self) -> Self {
        let (year, month) = self.clamped();
        if month == 1 {
            YearMonth {
                year: year.saturating_sub(1),
                month: 12,
            }
        } else {
            YearMonth {
                year,
                month: month - 1,
            }
        }
    }

    /// Whether the date falls in this month.
    pub fn contains(&self, date: NaiveDate) -> bool {
        YearMonth::of(date) == *self
    }

    /// The พ.ศ. year of this month.
    pub fn be_year(&self) -> i32 {
        be_year(self.year)
    }

    fn clamped(&self) -> (i32, u32) {
        (self.year, self.month.clamp(1, 12))
    }
}

impl fmt::Display for YearMonth {
    /// ISO `2025-03` (CE), for storage, file names and logs; use
    /// [`format_month`] for people.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// As its ISO text (`"2025-03"`), like dates in the CLI's JSON.
impl serde::Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for YearMonth {
    type Err = ThaiDateError;

    /// Same as [`parse_month`], so ISO `2025-03` from `Display` reads back.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_month(s)
    }
}

/// The Buddhist Era year of a CE year (2025 → 2568).
pub fn be_year(ce_year: i32) -> i32 {
    ce_year.saturating_add(BE_OFFSET)
}

/// The full Thai name of a month (1 → "มกราคม"); an empty string outside
/// 1..=12 so a bad value never stops a printout.
pub fn month_name(month: u32) -> &'static str {
    table_entry(&MONTH_NAMES, month)
}

/// The standard abbreviation of a month (1 → "ม.ค."); an empty string
/// outside 1..=12.
pub fn month_abbr(month: u32) -> &'static str {
    table_entry(&MONTH_ABBRS, month)
}

fn table_entry(table: &[&'static str; 12], month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| table.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// `15 มี.ค. 2568`: the short form for screens and tables.
pub fn format_date(date: NaiveDate, digits: Digits) -> String {
    digits.apply(&format!(
        "{} {} {}",
        date.day(),
        month_abbr(date.month()),
        be_year(date.year())
    ))
}

/// `15 มีนาคม พ.ศ. 2568`: the long form for minutes and letters.
pub fn format_date_long(date: NaiveDate, digits: Digits) -> String {
    digits.apply(&format!(
        "{} {} พ.ศ. {}",
        date.day(),
        month_name(date.month()),
        be_year(date.year())
    ))
}

/// `15/03/2568`: fixed width, so dates line up in table columns.
pub fn format_date_numeric(date: NaiveDate, digits: Digits) -> String {
    digits.apply(&format!(
        "{:02}/{:02}/{}",
        date.day(),
        date.month(),
        be_year(date.year())
    ))
}

/// `มี.ค. 2568`.
pub fn format_month(month: YearMonth, digits: Digits) -> String {
    digits.apply(&format!(
        "{} {}",
        month_abbr(month.month),
        be_year(month.year)
    ))
}

/// `มีนาคม พ.ศ. 2568`.
pub fn format_month_long(month: YearMonth, digits: Digits) -> String {
    digits.apply(&format!(
        "{} พ.ศ. {}",
        month_name(month.month),
        be_year(month.year)
    ))
}

/// Reads a typed date. Accepts day/month/year with `/`, `-` or `.`
/// (`15/3/2568`, `15/03/2568`, `15-3-68`), ISO year-first order when the
/// first number has four digits (`2568-03-15`, `2025-03-15`), Thai month
/// names, abbreviations (with or without dots) and spoken short forms
/// (`15 มี.ค. 68`, `15 มีนาคม พ.ศ. 2568`, `15 มีนา 2568`), Thai digits, and
/// surrounding whitespace. See the module docs for how years are read.
///
/// Impossible days (31/2/2568), anything else and empty input are errors.
pub fn parse_date(input: &str) -> Result<NaiveDate, ThaiDateError> {
    let tokens = tokenize(input);
    if tokens.is_empty() {
        return Err(ThaiDateError::EmptyDate);
    }
    let invalid = || ThaiDateError::InvalidDate(input.trim().to_string());
    let (year, month, day) = date_fields(&tokens).ok_or_else(invalid)?;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid)?;
    if year > LAST_CE_YEAR {
        return Err(ThaiDateError::OutOfRange(input.trim().to_string()));
    }
    Ok(date)
}

/// Reads a typed month: `2568-03`, `2025-03`, `3/2568`, `03/2568`, `3/68`,
/// `มี.ค. 2568`, `มีนาคม 2568`, `มีนาคม พ.ศ. 2568`, with Thai digits allowed.
/// Years are read as in [`parse_date`].
pub fn parse_month(input: &str) -> Result<YearMonth, ThaiDateError> {
    if let Some(m) = stored_month(input) {
        return Ok(m);
    }
    let tokens = tokenize(input);
    if tokens.is_empty() {
        return Err(ThaiDateError::EmptyMonth);
    }
    let m = month_fields(&tokens)
        .and_then(|(year, month)| YearMonth::new(year, month))
        .ok_or_else(|| ThaiDateError::InvalidMonth(input.trim().to_string()))?;
    if m.year > LAST_CE_YEAR {
        return Err(ThaiDateError::OutOfRange(input.trim().to_string()));
    }
    Ok(m)
}

// ---------------------------------------------------------------------------
// Parsing internals.

/// The month as the books store it, ISO `2025-03` with a ค.ศ. year: read without the general
/// parser, because a due list reads one for every fined month of every member.
fn stored_month(s: &str) -> Option<YearMonth> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 7 || b[4] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    // A year from 2400 on is พ.ศ.: the general parser converts it (and judges odd years).
    if !(1000..2400).contains(&year) {
        return None;
    }
    YearMonth::new(year, digits(5..7)?)
}

/// A piece of typed date text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A run of ASCII digits (Thai digits are converted first).
    Number(String),
    /// A run of other characters, dots included ("มี.ค.", "พ.ศ.").
    Word(String),
}

/// An explicit era written before a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    Buddhist,
    Common,
}

/// Splits typed text into numbers and words. Whitespace (including the
/// zero-width space common in Thai text), commas, `/` and `-` only
/// separate. A `.` belongs to a word when it follows a letter ("มี.ค.") and
/// otherwise separates numbers (`15.3.2568`). Filler labels are dropped.
fn tokenize(input: &str) -> Vec<Token> {
    let text = to_arabic_digits(input);
    let mut tokens = Vec::new();
    let mut current: Option<Token> = None;
    for c in text.chars() {
        let in_word = matches!(current, Some(Token::Word(_)));
        if c.is_ascii_digit() {
            match current.as_mut() {
                Some(Token::Number(n)) => n.push(c),
                _ => flush_and_start(&mut tokens, &mut current, Token::Number(c.to_string())),
            }
        } else if is_separator(c) || (c == '.' && !in_word) {
            flush(&mut tokens, &mut current);
        } else {
            match current.as_mut() {
                Some(Token::Word(w)) => w.push(c),
                _ => flush_and_start(&mut tokens, &mut current, Token::Word(c.to_string())),
            }
        }
    }
    flush(&mut tokens, &mut current);
    tokens
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | ',' | '/' | '-')
}

fn flush(tokens: &mut Vec<Token>, current: &mut Option<Token>) {
    match current.take() {
        Some(Token::Word(w)) if FILLER_WORDS.contains(&w.as_str()) => {}
        Some(token) => tokens.push(token),
        None => {}
    }
}

fn flush_and_start(tokens: &mut Vec<Token>, current: &mut Option<Token>, next: Token) {
    flush(tokens, current);
    *current = Some(next);
}

/// (CE year, month, day) from the token shapes a date may take.
fn date_fields(tokens: &[Token]) -> Option<(i32, u32, u32)> {
    use Token::{Number, Word};
    match tokens {
        [Number(a), Number(b), Number(c)] if a.len() == 4 => {
            Some((ce_year(a, None)?, small_number(b)?, small_number(c)?))
        }
        [Number(d), Number(m), Number(y)] => {
            Some((ce_year(y, None)?, small_number(m)?, small_number(d)?))
        }
        [Number(d), Word(m), Number(y)] => {
            Some((ce_year(y, None)?, month_from_word(m)?, small_number(d)?))
        }
        [Number(d), Word(m), Word(era), Number(y)] => Some((
            ce_year(y, Some(era_from_word(era)?))?,
            month_from_word(m)?,
            small_number(d)?,
        )),
        _ => None,
    }
}

/// (CE year, month) from the token shapes a month may take.
fn month_fields(tokens: &[Token]) -> Option<(i32, u32)> {
    use Token::{Number, Word};
    match tokens {
        [Number(y), Number(m)] if y.len() == 4 => Some((ce_year(y, None)?, small_number(m)?)),
        [Number(m), Number(y)] => Some((ce_year(y, None)?, small_number(m)?)),
        [Word(m), Number(y)] => Some((ce_year(y, None)?, month_from_word(m)?)),
        [Word(m), Word(era), Number(y)] => {
            Some((ce_year(y, Some(era_from_word(era)?))?, month_from_word(m)?))
        }
        _ => None,
    }
}

/// A day or month number: one or two digits.
fn small_number(digits: &str) -> Option<u32> {
    if (1..=2).contains(&digits.len()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// The CE year for typed year digits; see the module docs for the rule.
fn ce_year(digits: &str, era: Option<Era>) -> Option<i32> {
    let value: i32 = match digits.len() {
        2 | 4 => digits.parse().ok()?,
        _ => return None,
    };
    if digits.len() == 2 {
        return Some(match era {
            Some(Era::Common) => 2000 + value,
            _ => 2500 + value - BE_OFFSET,
        });
    }
    if digits.starts_with('0') {
        return None;
    }
    let is_buddhist = match era {
        Some(Era::Buddhist) => true,
        Some(Era::Common) => false,
        None => value >= FIRST_BE_YEAR,
    };
    Some(if is_buddhist {
        value - BE_OFFSET
    } else {
        value
    })
}

/// Removes dots so "มี.ค.", "มี.ค" and "มีค" compare equal.
fn without_dots(word: &str) -> String {
    word.chars().filter(|&c| c != '.').collect()
}

/// The month number named by a full name, an abbreviation (dots optional)
/// or a spoken short form.
fn month_from_word(word: &str) -> Option<u32> {
    let bare = without_dots(word);
    (0..12)
        .find(|&i| {
            bare == MONTH_NAMES[i]
                || bare == without_dots(MONTH_ABBRS[i])
                || bare == MONTH_SHORT_SPOKEN[i]
        })
        .map(|i| i as u32 + 1)
}

fn era_from_word(word: &str) -> Option<Era> {
    match without_dots(word).as_str() {
        "พศ" => Some(Era::Buddhist),
        "คศ" => Some(Era::Common),
        _ => None,
    }
}

/// A valid date for any year and month: the month is clamped to 1..=12,
/// the year to the calendar's range, and the day to the month's length.
fn clamped_date(year: i32, month: u32, day: u32) -> NaiveDate {
    let year = year.clamp(NaiveDate::MIN.year(), NaiveDate::MAX.year());
    let month = month.clamp(1, 12);
    let day = day.clamp(1, days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    #[test]
    fn stored_months_read_as_the_general_parser_reads_them() {
        let general = |s: &str| {
            month_fields(&tokenize(s)).and_then(|(year, month)| YearMonth::new(year, month))
        };
        for text in [
            "2025-03",
            "1999-12",
            "2399-01",
            "2400-01",
            "2568-03",
            "2025-13",
            "2025-00",
            "0999-05",
            "2025-3",
            "2025/03",
            "๒๐๒๕-๐๓",
            "2025-03 ",
        ] {
            if let Some(fast) = stored_month(text) {
                assert_eq!(Some(fast), general(text), "{text}");
            }
            assert_eq!(parse_month(text).ok(), general(text), "{text}");
        }
        assert_eq!(stored_month("2025-03"), YearMonth::new(2025, 3));
        assert_eq!(
            stored_month("2568-03"),
            None,
            "พ.ศ. goes to the general parser"
        );
    }

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    #[test]
    fn parses_every_documented_date_form() {
        let march_15 = ymd(2025, 3, 15);
        let forms = [
            "15/3/2568",
            "15/03/2568",
            "15/3/68",
            "15/03/68",
            "15-3-2568",
            "15-03-68",
            "15.3.2568",
            "15 3 2568",
            "15 มี.ค. 2568",
            "15 มี.ค. 68",
            "15 มี.ค 2568",
            "15 มีค 2568",
            "15 มีนาคม 2568",
            "15 มีนาคม พ.ศ. 2568",
            "15 มีนาคม พ.ศ.2568",
            "15 มีนาคม พศ 2568",
            "15 มีนา 2568",
            "15มี.ค.2568",
            "15 มีนาคม 2025",
            "15 มีนาคม ค.ศ. 2025",
            "15 มี.ค. ค.ศ. 25",
            "วันที่ 15 เดือน มีนาคม พ.ศ. 2568",
            "วันที่ 15 มีนาคม 2568",
            "15 มีนาคม, 2568",
            "2568-03-15",
            "2568-3-15",
            "2025-03-15",
            "2025/03/15",
            "๑๕/๓/๒๕๖๘",
            "๑๕ มี.ค. ๖๘",
            "๒๕๖๘-๐๓-๑๕",
            "  15/3/2568  ",
            "\t15 / 3 / 2568\n",
            "15\u{a0}มี.ค.\u{a0}2568",
            "15\u{200b}มีนาคม\u{200b}2568",
        ];
        for form in forms {
            assert_eq!(parse_date(form), Ok(march_15), "{form:?}");
        }
    }

    #[test]
    fn year_rule_two_and_four_digits() {
        assert_eq!(parse_date("1/1/2400"), Ok(ymd(1857, 1, 1)));
        assert_eq!(parse_date("1/1/2399"), Ok(ymd(2399, 1, 1)));
        assert_eq!(parse_date("1/1/2000"), Ok(ymd(2000, 1, 1)));
        assert_eq!(parse_date("1/1/1999"), Ok(ymd(1999, 1, 1)));
        assert_eq!(parse_date("1/1/00"), Ok(ymd(1957, 1, 1)));
        assert_eq!(parse_date("1/1/99"), Ok(ymd(2056, 1, 1)));
        assert_eq!(parse_date("31/12/67"), Ok(ymd(2024, 12, 31)));
        assert_eq!(parse_date("1 ม.ค. พ.ศ. 2000"), Ok(ymd(1457, 1, 1)));
        // ค.ศ. 2568 exists, but the books keep nothing past ค.ศ. 2399: its ISO form would
        // read back as พ.ศ.
        assert!(matches!(
            parse_date("1 ม.ค. ค.ศ. 2568"),
            Err(ThaiDateError::OutOfRange(_))
        ));
        assert_eq!(parse_date("31 ธ.ค. ค.ศ. 2399"), Ok(ymd(2399, 12, 31)));
    }

    #[test]
    fn leap_days() {
        // 2567 = 2024 is a leap year, 2568 = 2025 is not.
        assert_eq!(parse_date("29/2/2567"), Ok(ymd(2024, 2, 29)));
        assert_eq!(parse_date("29 ก.พ. 67"), Ok(ymd(2024, 2, 29)));
        assert!(parse_date("29/2/2568").is_err());
        assert_eq!(parse_date("29/2/2000"), Ok(ymd(2000, 2, 29)));
        assert!(parse_date("29/2/1900").is_err());
    }

    #[test]
    fn every_month_name_abbreviation_and_short_form() {
        for month in 1..=12 {
            let expected = Ok(ymd(2025, month, 1));
            let forms = [
                format!("1 {} 2568", month_name(month)),
                format!("1 {} 2568", month_abbr(month)),
                format!("1 {} 2568", month_abbr(month).replace('.', "")),
                format!("1 {} 2568", MONTH_SHORT_SPOKEN[month as usize - 1]),
                format!("1/{month}/2568"),
            ];
            for form in forms {
                assert_eq!(parse_date(&form), expected, "{form}");
            }
        }
    }

    #[test]
    fn rejects_impossible_dates_and_garbage() {
        let bad = [
            "31/2/2568",
            "30/2/2568",
            "31/4/2568",
            "0/3/2568",
            "15/0/2568",
            "15/13/2568",
            "32/1/2568",
            "15/3",
            "15",
            "15/3/568",
            "15/3/25680",
            "15/3/8",
            "115/3/2568",
            "15/003/2568",
            "15/3/0568",
            "2568-02-30",
            "2568-13-01",
            "68-03-15",
            "15 มีนาคา 2568",
            "15 march 2568",
            "15 มีนาคม",
            "มีนาคม 2568",
            "15 มีนาคม พ.ศ.",
            "15 มีนาคม ร.ศ. 2568",
            "abc",
            "15/3/2568/1",
            "เมื่อวาน",
            "1.5",
            "๑๕",
        ];
        for input in bad {
            assert_eq!(
                parse_date(input),
                Err(ThaiDateError::InvalidDate(input.trim().to_string())),
                "{input:?}"
            );
        }
    }

    #[test]
    fn empty_input_is_its_own_error() {
        for input in ["", "   ", "\n\t", "\u{200b}", "วันที่"] {
            assert_eq!(
                parse_date(input),
                Err(ThaiDateError::EmptyDate),
                "{input:?}"
            );
            assert_eq!(
                parse_month(input),
                Err(ThaiDateError::EmptyMonth),
                "{input:?}"
            );
        }
    }

    #[test]
    fn error_messages_are_thai_and_say_what_to_type() {
        let err = parse_date("31/2/2568").expect_err("no such day");
        assert_eq!(
            err.to_string(),
            "วันที่ไม่ถูกต้อง: \"31/2/2568\" — กรุณาพิมพ์เป็น วัน/เดือน/ปี พ.ศ. เช่น 15/3/2568"
        );
        let err = parse_date("  xyz ").expect_err("garbage");
        assert!(err.to_string().contains("\"xyz\""), "{err}");
        assert_eq!(
            parse_date("").expect_err("empty").to_string(),
            "กรุณาพิมพ์วันที่ เช่น 15/3/2568"
        );
        let err = parse_month("13/2568").expect_err("no month 13");
        assert_eq!(
            err.to_string(),
            "เดือนไม่ถูกต้อง: \"13/2568\" — กรุณาพิมพ์เป็น เดือน/ปี พ.ศ. เช่น 3/2568 หรือ มี.ค. 2568"
        );
        assert!(parse_month("")
            .expect_err("empty")
            .to_string()
            .contains("มี.ค. 2568"));
    }

    #[test]
    fn parses_every_documented_month_form() {
        let march = ym(2025, 3);
        let forms = [
            "2568-03",
            "2568-3",
            "2025-03",
            "2025/03",
            "3/2568",
            "03/2568",
            "3/68",
            "3-2568",
            "มี.ค. 2568",
            "มี.ค. 68",
            "มีค 2568",
            "มีนาคม 2568",
            "มีนาคม พ.ศ. 2568",
            "เดือน มีนาคม พ.ศ. 2568",
            "มีนา 2025",
            "มีนาคม ค.ศ. 2025",
            "๓/๒๕๖๘",
            "มี.ค. ๒๕๖๘",
            "  มีนาคม 2568 ",
        ];
        for form in forms {
            assert_eq!(parse_month(form), Ok(march), "{form:?}");
        }
    }

    #[test]
    fn rejects_bad_months() {
        for input in [
            "13/2568",
            "0/2568",
            "2568-13",
            "2568-00",
            "3",
            "2568",
            "มีนาคม",
            "15/3/2568",
            "3/568",
            "march 2568",
            "มีนาคม พ.ศ.",
            "123/2568",
        ] {
            assert_eq!(
                parse_month(input),
                Err(ThaiDateError::InvalidMonth(input.trim().to_string())),
                "{input:?}"
            );
        }
    }

    #[test]
    fn formats() {
        let d = ymd(2025, 3, 15);
        assert_eq!(format_date(d, Digits::Arabic), "15 มี.ค. 2568");
        assert_eq!(format_date(d, Digits::Thai), "๑๕ มี.ค. ๒๕๖๘");
        assert_eq!(format_date_long(d, Digits::Arabic), "15 มีนาคม พ.ศ. 2568");
        assert_eq!(format_date_long(d, Digits::Thai), "๑๕ มีนาคม พ.ศ. ๒๕๖๘");
        assert_eq!(format_date_numeric(d, Digits::Arabic), "15/03/2568");
        assert_eq!(
            format_date_numeric(ymd(2025, 1, 5), Digits::Arabic),
            "05/01/2568"
        );
        assert_eq!(format_date_numeric(d, Digits::Thai), "๑๕/๐๓/๒๕๖๘");
        assert_eq!(format_date(ymd(2024, 12, 1), Digits::Arabic), "1 ธ.ค. 2567");
        let m = ym(2025, 3);
        assert_eq!(format_month(m, Digits::Arabic), "มี.ค. 2568");
        assert_eq!(format_month(m, Digits::Thai), "มี.ค. ๒๕๖๘");
        assert_eq!(format_month_long(m, Digits::Arabic), "มีนาคม พ.ศ. 2568");
        assert_eq!(format_month_long(m, Digits::Thai), "มีนาคม พ.ศ. ๒๕๖๘");
    }

    #[test]
    fn names_and_years() {
        assert_eq!(be_year(2025), 2568);
        assert_eq!(be_year(1957), 2500);
        assert_eq!(be_year(i32::MAX), i32::MAX);
        let names: Vec<&str> = (1..=12).map(month_name).collect();
        assert_eq!(names, MONTH_NAMES);
        let abbrs: Vec<&str> = (1..=12).map(month_abbr).collect();
        assert_eq!(
            abbrs.join(" "),
            "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค."
        );
        assert_eq!(month_name(1), "มกราคม");
        assert_eq!(month_name(12), "ธันวาคม");
        for bad in [0, 13, u32::MAX] {
            assert_eq!(month_name(bad), "");
            assert_eq!(month_abbr(bad), "");
        }
    }

    #[test]
    fn every_day_round_trips_through_every_format() {
        let mut d = ymd(1950, 1, 1);
        let end = ymd(2150, 12, 31);
        while d <= end {
            for digits in [Digits::Arabic, Digits::Thai] {
                assert_eq!(parse_date(&format_date(d, digits)), Ok(d), "{d}");
                assert_eq!(parse_date(&format_date_long(d, digits)), Ok(d), "{d}");
                assert_eq!(parse_date(&format_date_numeric(d, digits)), Ok(d), "{d}");
            }
            assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Ok(d), "{d}");
            assert_eq!(
                parse_date(&format!("{}/{}/{}", d.day(), d.month(), d.year())),
                Ok(d)
            );
            d = match d.succ_opt() {
                Some(next) => next,
                None => break,
            };
        }
    }

    #[test]
    fn two_digit_years_cover_2500_to_2599() {
        for yy in 0..100 {
            let typed = format!("1/1/{yy:02}");
            assert_eq!(parse_date(&typed), Ok(ymd(1957 + yy, 1, 1)), "{typed}");
        }
    }

    #[test]
    fn year_month_navigation() {
        let m = ym(2025, 3);
        assert_eq!(m.first_day(), ymd(2025, 3, 1));
        assert_eq!(m.last_day(), ymd(2025, 3, 31));
        assert_eq!(ym(2024, 2).last_day(), ymd(2024, 2, 29));
        assert_eq!(ym(2025, 2).last_day(), ymd(2025, 2, 28));
        assert_eq!(ym(2100, 2).last_day(), ymd(2100, 2, 28));
        assert_eq!(ym(2000, 2).last_day(), ymd(2000, 2, 29));
        assert_eq!(ym(2025, 4).last_day(), ymd(2025, 4, 30));
        assert_eq!(m.next(), ym(2025, 4));
        assert_eq!(m.prev(), ym(2025, 2));
        assert_eq!(ym(2025, 12).next(), ym(2026, 1));
        assert_eq!(ym(2025, 1).prev(), ym(2024, 12));
        assert_eq!(YearMonth::of(ymd(2025, 3, 15)), m);
        assert!(m.contains(ymd(2025, 3, 31)));
        assert!(!m.contains(ymd(2025, 4, 1)));
        assert_eq!(m.be_year(), 2568);
        assert_eq!(YearMonth::new(2025, 3), Some(m));
        assert_eq!(YearMonth::new(2025, 0), None);
        assert_eq!(YearMonth::new(2025, 13), None);
        assert!(ym(2024, 12) < ym(2025, 1));
        assert!(ym(2025, 1) < ym(2025, 2));
    }

    #[test]
    fn year_month_walk_agrees_with_chrono() {
        let mut m = ym(1990, 1);
        for _ in 0..2400 {
            let next = m.next();
            assert_eq!(next.prev(), m);
            assert_eq!(m.last_day().succ_opt(), Some(next.first_day()), "{m}");
            assert_eq!(YearMonth::of(m.first_day()), m);
            assert_eq!(YearMonth::of(m.last_day()), m);
            assert_eq!(parse_month(&m.to_string()), Ok(m));
            assert_eq!(m.to_string().parse::<YearMonth>(), Ok(m));
            for digits in [Digits::Arabic, Digits::Thai] {
                assert_eq!(parse_month(&format_month(m, digits)), Ok(m), "{m}");
                assert_eq!(parse_month(&format_month_long(m, digits)), Ok(m), "{m}");
            }
            assert!(next > m);
            m = next;
        }
    }

    #[test]
    fn year_month_display_is_iso() {
        assert_eq!(ym(2025, 3).to_string(), "2025-03");
        assert_eq!(ym(2025, 12).to_string(), "2025-12");
    }

    #[test]
    fn out_of_range_year_month_does_not_panic() {
        let bad = ym(2025, 13);
        assert_eq!(bad.first_day(), ymd(2025, 12, 1));
        assert_eq!(bad.last_day(), ymd(2025, 12, 31));
        assert_eq!(bad.next(), ym(2026, 1));
        assert_eq!(ym(2025, 0).prev(), ym(2024, 12));
        let far = ym(i32::MAX, 6);
        assert_eq!(far.first_day().year(), NaiveDate::MAX.year());
        assert_eq!(far.last_day().year(), NaiveDate::MAX.year());
        assert_eq!(ym(i32::MAX, 12).next().year, i32::MAX);
        assert_eq!(ym(i32::MIN, 1).prev().year, i32::MIN);
        assert_eq!(ym(i32::MIN, 1).first_day().year(), NaiveDate::MIN.year());
    }

    #[test]
    fn tokenizer_keeps_dots_inside_words_only() {
        assert_eq!(
            tokenize("15.3.2568"),
            vec![
                Token::Number("15".into()),
                Token::Number("3".into()),
                Token::Number("2568".into())
            ]
        );
        assert_eq!(
            tokenize("15มี.ค.2568"),
            vec![
                Token::Number("15".into()),
                Token::Word("มี.ค.".into()),
                Token::Number("2568".into())
            ]
        );
    }
}
