//! A meeting named by its number (`2568/03`, `ครั้งที่ 3/2568`, `๓/๒๕๖๘`): the lookups the
//! decisions below the meetings need (a loan approved at a meeting, a committee seat elected
//! at one). Kept apart from `meeting`, which reads the books for the agenda, so that loans and
//! the committee can name a meeting without an import loop.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::thai;

/// A kind of meeting. Stored as text (`meeting.kind` CHECK in migrations/0005_governance.sql)
/// and sent as that text in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    Committee,
    Monthly,
    Annual,
    Extraordinary,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 4] = [
        MeetingKind::Committee,
        MeetingKind::Monthly,
        MeetingKind::Annual,
        MeetingKind::Extraordinary,
    ];

    /// The stored and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Committee => "committee",
            MeetingKind::Monthly => "monthly",
            MeetingKind::Annual => "annual",
            MeetingKind::Extraordinary => "extraordinary",
        }
    }

    /// The Thai name, as the minutes and the registers print it.
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::Committee => "การประชุมคณะกรรมการ",
            MeetingKind::Monthly => "การประชุมสมาชิกประจำเดือน",
            MeetingKind::Annual => "การประชุมใหญ่สามัญประจำปี",
            MeetingKind::Extraordinary => "การประชุมใหญ่วิสามัญ",
        }
    }

    /// Whether it is a general meeting of the members, which alone approves the year's
    /// statements and the allocation of its profit.
    pub fn is_general(self) -> bool {
        matches!(self, MeetingKind::Annual | MeetingKind::Extraordinary)
    }

    /// The kind `text` names: its command-line name or its Thai name.
    pub fn parse(text: &str) -> Option<MeetingKind> {
        let t = text.trim();
        MeetingKind::ALL
            .into_iter()
            .find(|k| k.as_str() == t || k.label() == t)
    }
}

crate::db::stored_as_word!(MeetingKind, "meeting kind");

/// `2568/03` from what people type: `2568/3`, `3/2568`, `๒๕๖๘/๐๓`, or the id.
pub(crate) fn normalize_key(text: &str) -> String {
    let t = thai::to_arabic_digits(text.trim());
    let t = t.trim_start_matches("ครั้งที่").trim();
    if let Some((a, b)) = t.split_once('/') {
        if let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>()) {
            let (year, seq) = if a >= 2400 { (a, b) } else { (b, a) };
            return format!("{year}/{seq:02}");
        }
    }
    t.to_string()
}

/// `2568/03` → `3/2568`: a meeting's number as written after ครั้งที่.
pub fn label(key: &str) -> String {
    match key.split_once('/') {
        Some((year, seq)) if year.len() == 4 => {
            format!("{}/{year}", seq.trim_start_matches('0'))
        }
        _ => key.to_string(),
    }
}

/// Whether `text` is written as a meeting key (`2568/03`), so a miss is a typo, not a note
/// such as `ครั้งที่ 2/2568` typed before meetings were recorded.
pub fn looks_like_number(text: &str) -> bool {
    let t = thai::to_arabic_digits(text.trim());
    matches!(t.split_once('/'), Some((y, s)) if y.len() == 4 && y.parse::<u32>().is_ok_and(|y| y >= 2400)
        && !s.is_empty() && s.len() <= 3 && s.parse::<u32>().is_ok())
}

/// The refusal for a meeting `text` does not name, saying how to find one.
pub fn not_found(text: &str) -> Error {
    Error::invalid(
        "meeting",
        format!(
            "ไม่พบการประชุม \"{}\" — ใช้เลขที่การประชุม เช่น 2568/03 (ดูด้วย sajja meeting list)",
            text.trim()
        ),
    )
}

/// The id of a meeting given its number (or id).
pub fn find_id(conn: &Connection, text: &str) -> Result<String> {
    match lookup(conn, text)? {
        Some((id, _, _)) => Ok(id),
        None => Err(not_found(text)),
    }
}

/// The number (key) and date of a meeting given its number, if there is one.
pub fn lookup(conn: &Connection, text: &str) -> Result<Option<(String, String, NaiveDate)>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let key = normalize_key(text);
    Ok(conn
        .query_row(
            "SELECT id, number, date FROM meeting WHERE number = ?1 OR id = ?1",
            [&key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// A meeting named by its number, with its kind (`annual`, `committee`, …) and whether its
/// minutes were certified: what a decision needs to check it was taken at the right meeting.
#[derive(Clone, Debug)]
pub struct Named {
    pub id: String,
    pub number: String,
    pub date: NaiveDate,
    pub kind: MeetingKind,
    pub certified: bool,
}

/// The meeting `text` names (its number or id), or a Thai refusal saying how to find one.
pub fn named(conn: &Connection, text: &str) -> Result<Named> {
    let key = normalize_key(text);
    conn.query_row(
        "SELECT id, number, date, kind, certified_by IS NOT NULL FROM meeting WHERE number = ?1 OR id = ?1",
        [&key],
        |r| {
            Ok(Named {
                id: r.get(0)?,
                number: r.get(1)?,
                date: r.get(2)?,
                kind: r.get(3)?,
                certified: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| not_found(text))
}
