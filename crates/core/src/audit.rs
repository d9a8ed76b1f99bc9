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
    /// What a logged change was about ([`Topic`]), or null for events that are not changes.
    pub topic: Option<String>,
    /// The journal entries the change posted (sequence numbers), or null.
    pub first_seq: Option<i64>,
    pub last_seq: Option<i64>,
}

/// What a logged change of the books was about: the sections of the audit committee's report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// A reversal of an entry or receipt (with its reason, in the journal).
    Reversal,
    /// A month or year close (a lock).
    Close,
    /// A change of the group's dated rules.
    Setting,
    /// A user added.
    User,
    /// A loan approval or write-off.
    Loan,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Reversal => "reversal",
            Topic::Close => "close",
            Topic::Setting => "setting",
            Topic::User => "user",
            Topic::Loan => "loan",
        }
    }
}

/// Who did a change and what it posted, for [`record_change`].
pub(crate) struct Change<'a> {
    pub kind: &'a str,
    pub detail: &'a str,
    pub user: Option<u32>,
    pub checker: Option<u32>,
    pub topic: Option<Topic>,
    /// First and last journal sequence numbers posted, when any.
    pub entries: Option<(i64, i64)>,
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
    record_change(
        conn,
        &Change {
            kind,
            detail,
            user,
            checker,
            topic: None,
            entries: None,
        },
    )
}

/// Appends the event of a change: who made it, who confirmed it, what it was about and which
/// journal entries it posted.
pub(crate) fn record_change(conn: &Connection, c: &Change<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_event (on_date, at, kind, detail, user_member, checker_member,
                                  topic, first_seq, last_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            crate::clock::today().to_string(),
            crate::clock::now_utc(),
            c.kind,
            c.detail,
            c.user,
            c.checker,
            c.topic.map(Topic::as_str),
            c.entries.map(|e| e.0),
            c.entries.map(|e| e.1),
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
        "SELECT id, on_date, at, kind, detail, user_member, checker_member, topic, first_seq,
                last_seq FROM audit_event
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
            topic: r.get(7)?,
            first_seq: r.get(8)?,
            last_seq: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
