//! The audit log: what happened to the books beside the money — backups, restores, exports,
//! prints with their check codes, seals — for the audit committee. Rows are never changed or
//! deleted (triggers); the money itself is in the journal.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::error::Result;

/// One event of the log.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Event {
    pub id: i64,
    /// The treasurer's date.
    pub date: NaiveDate,
    /// UTC timestamp (RFC 3339).
    pub at: String,
    pub kind: String,
    /// What it was about, in Thai.
    pub detail: String,
    pub user_member: Option<i64>,
    pub checker_member: Option<i64>,
}

/// Appends an event.
pub(crate) fn record(conn: &Connection, kind: &str, detail: &str) -> Result<()> {
    record_who(conn, kind, detail, None, None)
}

/// Appends an event naming the user at the keyboard and the second person who confirmed.
pub(crate) fn record_who(
    conn: &Connection,
    kind: &str,
    detail: &str,
    user: Option<u32>,
    checker: Option<u32>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_event (on_date, at, kind, detail, user_member, checker_member)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            crate::clock::today().to_string(),
            crate::clock::now_utc(),
            kind,
            detail,
            user,
            checker
        ],
    )?;
    Ok(())
}

/// The events recorded from `from` to `to` (both included; `None`: no limit), oldest first.
pub fn between(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Event>> {
    // ISO dates compare as text; the open ends are dates no event can carry.
    let from = from.map_or("0000-01-01".to_string(), |d| d.to_string());
    let to = to.map_or("9999-12-31".to_string(), |d| d.to_string());
    let mut stmt = conn.prepare(
        "SELECT id, on_date, at, kind, detail, user_member, checker_member FROM audit_event
         WHERE on_date BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok(Event {
            id: r.get(0)?,
            date: r.get(1)?,
            at: r.get(2)?,
            kind: r.get(3)?,
            detail: r.get(4)?,
            user_member: r.get(5)?,
            checker_member: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
