//! The audit committee's report of a period (รายงานการตรวจสอบ): every reversal with its reason
//! and the two people who made and confirmed it, every month and year close, settings change,
//! user change, loan decision, refused PIN, restore, copy and print, in sections.
//!
//! Reversals are read from the journal (so none is missed, whoever made it) and joined to the
//! audit log by the entries the logged change posted; everything else is the audit log itself.
//! Dates are the treasurer's dates: a reversal's entry date, an event's `on_date`.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use crate::audit::Event;
use crate::error::{Error, Result};

/// One line of a section.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Line {
    pub date: NaiveDate,
    /// Time of day in Thailand (`14:05`), when recorded.
    pub time: String,
    /// What happened, in Thai (the receipt reversed and its amount, the month closed, …).
    pub what: String,
    /// The reason given (reversals).
    pub reason: String,
    /// Who did it, when recorded.
    pub maker: Option<Person>,
    /// Who confirmed it with their PIN, when somebody had to.
    pub checker: Option<Person>,
}

/// A user named on the report: the member number and the name.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Person {
    pub member: i64,
    pub name: String,
}

/// A section of the report: a heading and its lines, oldest first.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Section {
    pub key: String,
    pub title: String,
    pub lines: Vec<Line>,
}

/// The report of `from`–`to`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct AuditReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub sections: Vec<Section>,
    /// Whether the group has users (else nobody is named, and the report says so).
    pub has_users: bool,
}

impl AuditReport {
    pub fn line_count(&self) -> usize {
        self.sections.iter().map(|s| s.lines.len()).sum()
    }
}

/// The sections, in the order the committee reads them: key, Thai heading, and which events
/// belong there (by topic or by kind).
const SECTIONS: &[(&str, &str)] = &[
    ("reversal", "การยกเลิกรายการ"),
    ("close", "การปิดบัญชีเดือนและปีบัญชี"),
    ("setting", "การเปลี่ยนระเบียบและค่าตั้งของกลุ่ม"),
    ("user", "ผู้ใช้และสิทธิ์"),
    ("loan", "การอนุมัติเงินกู้และตัดหนี้สูญ"),
    ("pin-failed", "การใส่ PIN ไม่ถูกต้อง"),
    ("restore", "การกู้คืน คัดลอก และผนึกบัญชี"),
    ("print", "การพิมพ์เอกสาร"),
];

/// The section an event belongs to, if any (plain entries and automatic backups are the
/// journal's and the backups folder's business, not this report's).
fn section_of(e: &Event) -> Option<&'static str> {
    if let Some(topic) = e.topic.as_deref() {
        return match topic {
            // Reversals come from the journal.
            "reversal" => None,
            "close" => Some("close"),
            "setting" => Some("setting"),
            "user" => Some("user"),
            "loan" => Some("loan"),
            _ => None,
        };
    }
    match e.kind.as_str() {
        "pin-failed" => Some("pin-failed"),
        "restore" | "export" | "seal" => Some("restore"),
        "print" => Some("print"),
        _ => None,
    }
}

/// `14:05`: the time of an RFC 3339 UTC timestamp in Thailand (UTC+7, no daylight saving).
fn thai_time(at: &str) -> String {
    let Ok(t) = DateTime::parse_from_rfc3339(at) else {
        return String::new();
    };
    let ict = FixedOffset::east_opt(7 * 3600).expect("a valid offset");
    t.with_timezone(&ict).format("%H:%M").to_string()
}

/// The member `number` with their name (empty if the member is not found).
fn person(conn: &Connection, number: Option<i64>) -> Result<Option<Person>> {
    let Some(n) = number else {
        return Ok(None);
    };
    let name = conn
        .query_row(
            "SELECT title || first_name || ' ' || last_name FROM member WHERE number = ?1",
            [n],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .unwrap_or_default();
    Ok(Some(Person {
        member: n,
        name: name.trim().to_string(),
    }))
}

/// Every reversal dated `from`–`to`, with the logged change that posted it (if any).
fn reversals(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    log: &[Event],
) -> Result<Vec<Line>> {
    let mut stmt = conn.prepare(
        "SELECT r.seq, r.date, r.recorded_at, coalesce(r.reason, ''), o.seq, o.receipt, o.date,
                o.memo,
                (SELECT coalesce(sum(amount), 0) FROM posting WHERE entry_seq = o.seq AND amount > 0)
         FROM journal_entry r JOIN journal_entry o ON o.id = r.reverses
         WHERE r.date BETWEEN ?1 AND ?2 ORDER BY r.date, r.seq",
    )?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, NaiveDate>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, NaiveDate>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, i64>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, date, at, reason, oseq, receipt, odate, memo, satang) = row?;
        let amount = crate::money::Money::from_satang(satang);
        let original = match receipt {
            Some(r) => format!("ใบเสร็จเลขที่ {r}"),
            None => format!("รายการที่ {oseq}"),
        };
        let what = format!(
            "ยกเลิก{original} ลงวันที่ {} {} จำนวน {} บาท (รายการหักล้างที่ {seq})",
            crate::thai::format_date(odate, crate::thai::Digits::Arabic),
            memo.trim(),
            crate::thai::format_amount(amount.as_decimal())
        );
        // The logged change whose entries include this reversal: who made and confirmed it.
        let by = log.iter().find(|e| {
            e.topic.as_deref() == Some("reversal")
                && e.first_seq.is_some_and(|f| f <= seq)
                && e.last_seq.is_some_and(|l| l >= seq)
        });
        out.push(Line {
            date,
            time: thai_time(&at),
            what,
            reason,
            maker: person(conn, by.and_then(|e| e.user_member))?,
            checker: person(conn, by.and_then(|e| e.checker_member))?,
        });
    }
    Ok(out)
}

/// The report of `from`–`to` (both included).
///
/// # Errors
/// `to` before `from`.
pub fn audit_report(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<AuditReport> {
    if to < from {
        return Err(Error::invalid("to", "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น"));
    }
    let log = crate::audit::between(conn, Some(from), Some(to))?;
    // A reversal dated in the period may have been logged on a later day: its event is
    // looked for over the whole log.
    let whole = crate::audit::between(conn, Some(from), None)?;
    let mut sections: Vec<Section> = SECTIONS
        .iter()
        .map(|(key, title)| Section {
            key: (*key).to_string(),
            title: (*title).to_string(),
            lines: Vec::new(),
        })
        .collect();
    sections[0].lines = reversals(conn, from, to, &whole)?;
    for e in &log {
        let Some(key) = section_of(e) else { continue };
        let line = Line {
            date: e.date,
            time: thai_time(&e.at),
            what: e.detail.clone(),
            reason: String::new(),
            maker: person(conn, e.user_member)?,
            checker: person(conn, e.checker_member)?,
        };
        if let Some(s) = sections.iter_mut().find(|s| s.key == key) {
            s.lines.push(line);
        }
    }
    Ok(AuditReport {
        from,
        to,
        sections,
        has_users: crate::users::any(conn)?,
    })
}
