//! The committee register (ทะเบียนคณะกรรมการ): who holds which seat on which of the four
//! committees, from a date to a date (DOMAIN §1.2).
//!
//! The register is history: a seat is never deleted, only ended. Electing a new holder of a
//! one-person position (ประธาน, เหรัญญิก …) ends the previous holder's seat the day before, and
//! a member holds one position per committee at a time.
//!
//! Who may decide is read from the register on the date of the decision: loans, write-offs
//! and restructures by the loan committee ([`authorise`]), with the number of signatures the
//! group's rule `loan_approvals_required` asks for. **Transition:** a group that has not yet
//! recorded any seat of a committee on or before a date keeps the rule it had before the
//! register existed (any member other than the borrower, the recorder and the guarantors), and
//! [`register_started`] lets the caller say so.

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock;
use crate::error::{Error, Result};
use crate::member::{self, Member};
use crate::thai::{self, Digits};

/// The four committees: command-line name and Thai name.
pub const COMMITTEES: &[(&str, &str)] = &[
    ("executive", "คณะกรรมการอำนวยการ"),
    ("loans", "คณะกรรมการเงินกู้"),
    ("audit", "คณะกรรมการตรวจสอบ"),
    ("promotion", "คณะกรรมการส่งเสริม"),
];

/// Positions held by one person at a time on a committee; any other (กรรมการ …) may be
/// held by several.
const SINGLE_HOLDER: &[&str] = &["ประธาน", "รองประธาน", "เลขานุการ", "เหรัญญิก", "ปฏิคม"];

/// A seat as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SeatInput {
    pub committee: String,
    pub member: String,
    pub position: String,
    pub from: String,
    /// Empty: the seat is open-ended (until the next election).
    pub to: String,
    /// The meeting that elected or appointed (its number, e.g. 2568/01), optional.
    pub meeting: String,
}

/// One seat of the register.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Seat {
    pub id: i64,
    pub committee: String,
    pub committee_label: String,
    pub member: u32,
    pub member_id: String,
    pub name: String,
    pub position: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// The electing meeting's number.
    pub meeting: Option<String>,
}

impl Seat {
    /// `นายสมชาย ใจดี (ประธานกรรมการเงินกู้)`.
    pub fn describe(&self) -> String {
        format!("{} ({})", self.name, self.title())
    }

    /// The position as said in minutes: `ประธานกรรมการ`, `เหรัญญิก` (the group's officers on
    /// the executive committee); `ประธานกรรมการเงินกู้`, `กรรมการตรวจสอบ`,
    /// `เลขานุการคณะกรรมการเงินกู้` on the others.
    pub fn title(&self) -> String {
        let body = short_label(&self.committee);
        let chair = matches!(self.position.as_str(), "ประธาน" | "รองประธาน");
        if self.committee == "executive" {
            return if chair {
                format!("{}กรรมการ", self.position)
            } else {
                self.position.clone()
            };
        }
        if self.position.starts_with("กรรมการ") {
            format!("{}{}", self.position, body.trim_start_matches("กรรมการ"))
        } else if chair {
            format!("{}{body}", self.position)
        } else {
            format!("{}คณะ{body}", self.position)
        }
    }
}

/// `กรรมการเงินกู้` for `loans`.
fn short_label(committee: &str) -> &'static str {
    match committee {
        "executive" => "กรรมการอำนวยการ",
        "loans" => "กรรมการเงินกู้",
        "audit" => "กรรมการตรวจสอบ",
        _ => "กรรมการส่งเสริม",
    }
}

/// The Thai name of a committee.
pub fn label(committee: &str) -> &'static str {
    COMMITTEES
        .iter()
        .find(|(k, _)| *k == committee)
        .map_or("คณะกรรมการ", |(_, l)| l)
}

/// Checks a typed committee name (English key or Thai name).
pub fn committee_key(text: &str) -> Result<&'static str> {
    let t = text.trim();
    COMMITTEES
        .iter()
        .find(|(k, l)| *k == t || *l == t || l.trim_start_matches("คณะ") == t)
        .map(|(k, _)| *k)
        .ok_or_else(|| {
            Error::invalid(
                "committee",
                format!(
                    "ไม่รู้จักคณะกรรมการ \"{t}\" — เลือก loans (เงินกู้), executive (อำนวยการ), audit (ตรวจสอบ) หรือ promotion (ส่งเสริม)"
                ),
            )
        })
}

fn date_of(field: &'static str, text: &str) -> Result<Option<NaiveDate>> {
    crate::group::parse_optional_date(field, text)
}

fn member_on(conn: &Connection, text: &str, date: NaiveDate) -> Result<Member> {
    let n = member::parse_number("member", "", text)?;
    let m = member::get(conn, n).map_err(|e| match e {
        Error::MemberNotFound(n) => Error::invalid("member", format!("ไม่พบสมาชิกเลขที่ {n}")),
        other => other,
    })?;
    if m.joined > date || m.left_on.is_some_and(|left| left <= date) {
        return Err(Error::invalid(
            "member",
            format!(
                "{} (เลขที่ {}) ไม่ได้เป็นสมาชิกในวันที่ {} — กรรมการต้องเป็นสมาชิกของกลุ่ม",
                m.full_name,
                m.number,
                thai::format_date(date, Digits::Arabic)
            ),
        ));
    }
    Ok(m)
}

const SEAT_SELECT: &str =
    "SELECT s.id, s.committee, m.number, m.id, s.position, s.from_date, s.to_date,
        (SELECT number FROM meeting WHERE id = s.meeting_id)
     FROM committee_seat s JOIN member m ON m.id = s.member_id";

fn seat_from_row(conn: &Connection, r: &rusqlite::Row<'_>) -> rusqlite::Result<Seat> {
    let committee: String = r.get(1)?;
    let member_id: String = r.get(3)?;
    let name = member::get_by_id(conn, &member_id)
        .map(|m| m.full_name)
        .unwrap_or_default();
    Ok(Seat {
        id: r.get(0)?,
        committee_label: label(&committee).to_string(),
        committee,
        member: r.get(2)?,
        member_id,
        name,
        position: r.get(4)?,
        from: r.get(5)?,
        to: r.get(6)?,
        meeting: r.get(7)?,
    })
}

fn seats(conn: &Connection, filter: &str, p: &[&dyn rusqlite::ToSql]) -> Result<Vec<Seat>> {
    let sql = format!(
        "{SEAT_SELECT} {filter} ORDER BY CASE s.committee WHEN 'executive' THEN 0 WHEN 'loans' THEN 1
            WHEN 'audit' THEN 2 ELSE 3 END, s.from_date, s.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(p, |r| seat_from_row(conn, r))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The register on `date` (seats held that day), or its whole history without a date.
pub fn list(conn: &Connection, date: Option<NaiveDate>) -> Result<Vec<Seat>> {
    match date {
        Some(d) => seats(
            conn,
            "WHERE s.from_date <= ?1 AND (s.to_date IS NULL OR s.to_date >= ?1)",
            &[&d],
        ),
        None => seats(conn, "", &[]),
    }
}

/// The holders of seats on `committee` on `date`.
pub fn holders(conn: &Connection, committee: &str, date: NaiveDate) -> Result<Vec<Seat>> {
    seats(
        conn,
        "WHERE s.committee = ?1 AND s.from_date <= ?2 AND (s.to_date IS NULL OR s.to_date >= ?2)",
        &[&committee, &date],
    )
}

/// Everyone on any committee on `date`, each member once (their first seat in committee
/// order): the people a committee meeting is called for.
pub fn everyone(conn: &Connection, date: NaiveDate) -> Result<Vec<Seat>> {
    let mut out: Vec<Seat> = Vec::new();
    for s in list(conn, Some(date))? {
        if !out.iter().any(|o| o.member_id == s.member_id) {
            out.push(s);
        }
    }
    Ok(out)
}

/// The seat `member_id` holds on `committee` on `date`, if any.
pub fn seat_of(
    conn: &Connection,
    committee: &str,
    member_id: &str,
    date: NaiveDate,
) -> Result<Option<Seat>> {
    Ok(holders(conn, committee, date)?
        .into_iter()
        .find(|s| s.member_id == member_id))
}

/// Whether the group keeps a register of `committee` on `date`: a seat of it began on or
/// before that day. Before that the rules of a group without a register apply.
pub fn register_started(conn: &Connection, committee: &str, date: NaiveDate) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM committee_seat WHERE committee = ?1 AND from_date <= ?2 LIMIT 1",
            params![committee, date],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Says who may decide on `committee` on `date`: `ผู้ที่อนุมัติได้: นาย ก (ประธานกรรมการเงินกู้,
/// เลขที่ 3), …`, or that nobody holds a seat that day.
pub fn who_may(conn: &Connection, committee: &str, date: NaiveDate) -> Result<String> {
    let list = holders(conn, committee, date)?;
    if list.is_empty() {
        return Ok(format!(
            "ไม่มีผู้ดำรงตำแหน่งใน{}ในวันที่ {} — บันทึกกรรมการก่อน (sajja committee set)",
            label(committee),
            thai::format_date(date, Digits::Arabic)
        ));
    }
    let names: Vec<String> = list
        .iter()
        .map(|s| format!("{} ({}, เลขที่ {})", s.name, s.title(), s.member))
        .collect();
    Ok(format!("ผู้ที่มีอำนาจในวันนั้น: {}", names.join(", ")))
}

/// Checks that `signers` may decide for `committee` on `date` — each holds a seat of it that
/// day and there are at least `required` of them — and returns each signer's seat. Before
/// the group keeps a register of that committee, returns no seats (the old rule applies).
///
/// # Errors
/// A Thai refusal naming who may decide instead.
pub(crate) fn authorise(
    conn: &Connection,
    committee: &str,
    date: NaiveDate,
    signers: &[Member],
    required: u32,
    doing: &str,
) -> Result<Vec<Option<i64>>> {
    if !register_started(conn, committee, date)? {
        return Ok(vec![None; signers.len()]);
    }
    let mut out = Vec::with_capacity(signers.len());
    for m in signers {
        match seat_of(conn, committee, &m.id, date)? {
            Some(seat) => out.push(Some(seat.id)),
            None => {
                return Err(Error::invalid(
                    "by",
                    format!(
                        "{} (เลขที่ {}) ไม่ได้ดำรงตำแหน่งใน{}ในวันที่ {} จึง{doing}ไม่ได้ — {}",
                        m.full_name,
                        m.number,
                        label(committee),
                        thai::format_date(date, Digits::Arabic),
                        who_may(conn, committee, date)?
                    ),
                ))
            }
        }
    }
    if (signers.len() as u32) < required {
        return Err(Error::invalid(
            "by",
            format!(
                "ต้องมี{}ลงนาม{doing}อย่างน้อย {required} คน (ตอนนี้ {} คน) — ใส่เลขที่สมาชิกของผู้ลงนามทุกคน คั่นด้วยจุลภาค เช่น 3,5 — {}",
                short_label(committee),
                signers.len(),
                who_may(conn, committee, date)?
            ),
        ));
    }
    Ok(out)
}

fn single_holder(position: &str) -> bool {
    SINGLE_HOLDER.contains(&position.trim())
}

/// Records a seat, ending the seats it replaces; or, given an end date for a seat already
/// recorded (same committee, member, position and start), ends that seat.
pub(crate) fn set(conn: &Connection, input: &SeatInput) -> Result<Seat> {
    let committee = committee_key(&input.committee)?;
    let position = input.position.trim();
    if position.is_empty() {
        return Err(Error::invalid(
            "position",
            "ใส่ตำแหน่ง เช่น ประธาน รองประธาน เลขานุการ เหรัญญิก ปฏิคม หรือ กรรมการ",
        ));
    }
    let from = date_of("from", &input.from)?
        .ok_or_else(|| Error::invalid("from", "ใส่วันที่เริ่มดำรงตำแหน่ง เช่น 1/1/2568"))?;
    let to = date_of("to", &input.to)?;
    if to.is_some_and(|t| t < from) {
        return Err(Error::invalid("to", "วันที่พ้นตำแหน่งต้องไม่ก่อนวันที่เริ่มดำรงตำแหน่ง"));
    }
    let m = member_on(conn, &input.member, from)?;
    let meeting_id = match input.meeting.trim() {
        "" => None,
        t => Some(crate::meeting_ref::find_id(conn, t)?),
    };
    let same: Option<(i64, Option<NaiveDate>)> = conn
        .query_row(
            "SELECT id, to_date FROM committee_seat
             WHERE committee = ?1 AND member_id = ?2 AND position = ?3 AND from_date = ?4",
            params![committee, m.id, position, from],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, end)) = same {
        let Some(to) = to else {
            return Err(Error::Refused(format!(
                "{} เป็น{position}ใน{}ตั้งแต่วันที่ {} บันทึกไว้แล้ว — ถ้าพ้นตำแหน่ง ใส่ --to",
                m.full_name,
                label(committee),
                thai::format_date(from, Digits::Arabic)
            )));
        };
        if end.is_some() {
            return Err(Error::Refused(format!(
                "ตำแหน่งนี้ของ {} สิ้นสุดไปแล้ว — ประวัติในทะเบียนกรรมการแก้ไขไม่ได้ บันทึกตำแหน่งใหม่แทน",
                m.full_name
            )));
        }
        conn.execute(
            "UPDATE committee_seat SET to_date = ?2 WHERE id = ?1",
            params![id, to],
        )?;
        return get(conn, id);
    }
    // Seats this one replaces: the member's own seat on the committee, and the previous
    // holder of a one-person position. They end the day before.
    let mut stmt = conn.prepare(
        "SELECT id, from_date, member_id FROM committee_seat
         WHERE committee = ?1 AND (to_date IS NULL OR to_date >= ?3)
           AND (member_id = ?2 OR (?4 AND position = ?5))",
    )?;
    let clashing: Vec<(i64, NaiveDate, String)> = stmt
        .query_map(
            params![committee, m.id, from, single_holder(position), position],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    for (id, start, holder) in clashing {
        if start >= from {
            let other = member::get_by_id(conn, &holder)?;
            return Err(Error::Refused(format!(
                "{} มีตำแหน่งใน{}ตั้งแต่วันที่ {} อยู่แล้ว — ตำแหน่งใหม่ต้องเริ่มหลังจากนั้น",
                other.full_name,
                label(committee),
                thai::format_date(start, Digits::Arabic)
            )));
        }
        let end = from - Days::new(1);
        conn.execute(
            "UPDATE committee_seat SET to_date = ?2 WHERE id = ?1",
            params![id, end],
        )?;
    }
    conn.execute(
        "INSERT INTO committee_seat (committee, member_id, position, from_date, to_date, meeting_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![committee, m.id, position, from, to, meeting_id, clock::now_utc()],
    )?;
    get(conn, conn.last_insert_rowid())
}

fn get(conn: &Connection, id: i64) -> Result<Seat> {
    seats(conn, "WHERE s.id = ?1", &[&id])?
        .pop()
        .ok_or_else(|| Error::NotFound {
            what: "ตำแหน่งกรรมการ",
            id: id.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Books, MemberInput, NewGroup};

    fn books(n: u32) -> Books {
        let mut b = Books::in_memory(&NewGroup {
            name: "กลุ่มทดสอบ".into(),
            founded: "1/1/2568".into(),
            ..NewGroup::default()
        })
        .unwrap();
        for i in 0..n {
            b.add_member(&MemberInput {
                name: format!("นายสมาชิก ที่{i}"),
                joined: "1/1/2568".into(),
                shares: "1".into(),
                ..MemberInput::default()
            })
            .unwrap();
        }
        b
    }

    fn seat(b: &mut Books, committee: &str, member: u32, position: &str, from: &str) -> Seat {
        b.set_seat(&SeatInput {
            committee: committee.into(),
            member: member.to_string(),
            position: position.into(),
            from: from.into(),
            ..SeatInput::default()
        })
        .unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_new_chair_ends_the_old_one_and_history_stays() {
        let mut b = books(3);
        seat(&mut b, "loans", 1, "ประธาน", "1/1/2568");
        seat(&mut b, "loans", 2, "กรรมการ", "1/1/2568");
        seat(&mut b, "loans", 3, "ประธาน", "1/7/2568");
        let june = holders(b.conn(), "loans", d("2025-06-30")).unwrap();
        assert_eq!(
            june.iter().map(|s| s.member).collect::<Vec<_>>(),
            vec![1, 2]
        );
        let july = holders(b.conn(), "loans", d("2025-07-01")).unwrap();
        assert_eq!(
            july.iter().map(|s| s.member).collect::<Vec<_>>(),
            vec![2, 3]
        );
        let all = list(b.conn(), None).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].to, Some(d("2025-06-30")));
        assert_eq!(all[0].title(), "ประธานกรรมการเงินกู้");
        // The register refuses deleting its history.
        assert!(b.conn().execute("DELETE FROM committee_seat", []).is_err());
    }

    #[test]
    fn only_seat_holders_authorise_and_the_refusal_names_them() {
        let mut b = books(3);
        let m1 = member::get(b.conn(), 1).unwrap();
        let m3 = member::get(b.conn(), 3).unwrap();
        // No register yet: the old rule.
        assert_eq!(
            authorise(
                b.conn(),
                "loans",
                d("2025-02-01"),
                std::slice::from_ref(&m3),
                1,
                "อนุมัติ"
            )
            .unwrap(),
            vec![None]
        );
        seat(&mut b, "loans", 1, "ประธาน", "1/1/2568");
        seat(&mut b, "loans", 2, "กรรมการ", "1/1/2568");
        let e = authorise(b.conn(), "loans", d("2025-02-01"), &[m3], 1, "อนุมัติ")
            .unwrap_err()
            .to_string();
        assert!(e.contains("ไม่ได้ดำรงตำแหน่งในคณะกรรมการเงินกู้"), "{e}");
        assert!(e.contains("ประธานกรรมการเงินกู้, เลขที่ 1"), "{e}");
        assert!(authorise(
            b.conn(),
            "loans",
            d("2025-02-01"),
            std::slice::from_ref(&m1),
            1,
            "อนุมัติ"
        )
        .is_ok());
        let e = authorise(b.conn(), "loans", d("2025-02-01"), &[m1], 2, "อนุมัติ")
            .unwrap_err()
            .to_string();
        assert!(e.contains("อย่างน้อย 2 คน"), "{e}");
    }
}
