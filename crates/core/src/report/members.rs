//! The member register as printed (ทะเบียนสมาชิก): every member by number with the ID number
//! masked for a list ([`crate::idcard::masked_for_lists`]), the day they joined, their shares
//! and whether they are still members. The full ID number never enters this model, so no
//! printed list (nor its check code's digest) can carry it.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::error::Result;

/// One member of the register.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberLine {
    pub number: u32,
    pub full_name: String,
    /// `1-xxxx-xxxxx-xx-0`, or empty when no number was recorded.
    pub id_masked: String,
    pub joined: NaiveDate,
    pub shares: u32,
    /// The day they left, and why in Thai (ลาออก, เสียชีวิต, ให้ออก); none for a member.
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<String>,
}

/// The register on `on`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberList {
    pub on: NaiveDate,
    pub lines: Vec<MemberLine>,
    pub active: usize,
    pub left: usize,
}

/// Every member recorded on or before `on`, by number.
pub fn member_list(conn: &Connection, on: NaiveDate) -> Result<MemberList> {
    let mut stmt = conn.prepare(
        "SELECT m.number, m.title, m.first_name, m.last_name, coalesce(m.id_card, ''), m.joined,
                (SELECT p.shares FROM member_pledge p WHERE p.member_id = m.id
                 ORDER BY p.effective DESC LIMIT 1),
                CASE WHEN m.status = 'left' THEN m.left_on END,
                CASE WHEN m.status = 'left' THEN m.left_reason END
         FROM member m WHERE m.joined <= ?1 ORDER BY m.number",
    )?;
    let rows = stmt.query_map([on.to_string()], |r| {
        let id: String = r.get(4)?;
        Ok(MemberLine {
            number: r.get(0)?,
            full_name: crate::member::full_name(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
            ),
            id_masked: crate::idcard::masked_for_lists(&id),
            joined: r.get(5)?,
            shares: r.get::<_, Option<u32>>(6)?.unwrap_or(0),
            left_on: r.get(7)?,
            left_reason: r
                .get::<_, Option<String>>(8)?
                .and_then(|code| crate::member::ExitReason::parse(&code).ok())
                .map(|reason| reason.label().to_string()),
        })
    })?;
    let lines: Vec<MemberLine> = rows.collect::<rusqlite::Result<_>>()?;
    let left = lines.iter().filter(|l| l.left_on.is_some()).count();
    Ok(MemberList {
        on,
        active: lines.len() - left,
        left,
        lines,
    })
}
