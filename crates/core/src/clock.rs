//! Today's date and the audit timestamp, in one place.

use chrono::NaiveDate;

/// UTC timestamp for `recorded_at` columns (when a row was typed, not the business date).
pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// The treasurer's today. `SAJJA_TODAY=YYYY-MM-DD` pins it, so scripted demos and tests can
/// replay a collection day of the past.
pub fn today() -> NaiveDate {
    std::env::var("SAJJA_TODAY")
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
