//! Members: registration, edits with history, search, pledged shares.
//!
//! A member's number is handed out once from a counter and never reused; members are never
//! deleted (a member who leaves keeps the number in history). Every edit is stored field by
//! field in `member_change` with the date it takes effect.

use crate::db::CachedExt;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::clock;
use crate::error::{Error, Result};
use crate::group::parse_optional_date;
use crate::idcard;
use crate::settings;
use crate::text;
use crate::thai;

/// Titles recognised at the start of a full name, longest first so นางสาว wins over นาง.
pub const TITLES: &[&str] = &[
    "นางสาว",
    "เด็กชาย",
    "เด็กหญิง",
    "นาง",
    "นาย",
    "น.ส.",
    "ด.ช.",
    "ด.ญ.",
];

/// A member as typed on the form or the command line. Strings are as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct MemberInput {
    /// Full name with title ("นายสมชาย ใจดี"); used when first_name is empty.
    pub name: String,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub id_card: String,
    pub birth_date: String,
    pub address: String,
    pub phone: String,
    pub joined: String,
    pub shares: String,
    pub beneficiaries: Vec<BeneficiaryInput>,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct BeneficiaryInput {
    pub name: String,
    pub relation: String,
    pub id_card: String,
    /// Percent as typed, e.g. "50" or "33.34".
    pub share_percent: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Beneficiary {
    pub name: String,
    pub relation: String,
    pub id_card: Option<String>,
    /// Percent with two decimals, e.g. "33.34".
    pub share_percent: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Member {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub full_name: String,
    pub id_card: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub address: String,
    pub phone: String,
    pub joined: NaiveDate,
    pub shares: u32,
    pub status: MemberStatus,
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<String>,
    /// The reason in Thai (ลาออก, เสียชีวิต, ให้ออก), for display.
    pub left_reason_label: Option<String>,
    pub beneficiaries: Vec<Beneficiary>,
}

/// One line of the member list.
impl Member {
    /// Refuses a member who has left the group: nothing more is recorded for them.
    pub fn ensure_active(&self) -> Result<()> {
        if self.status.is_active() {
            Ok(())
        } else {
            Err(self.left_error())
        }
    }

    /// [`Error::MemberLeft`] of this member, with the day they left.
    pub fn left_error(&self) -> Error {
        Error::MemberLeft {
            number: self.number,
            on: self
                .left_on
                .map(|d| thai::format_date(d, thai::Digits::Arabic))
                .unwrap_or_else(|| "—".into()),
        }
    }

    /// The member as shown by default: ID numbers (the member's and beneficiaries') with
    /// only their last three digits. The full number is shown only on an explicit action.
    pub fn masked(mut self) -> Member {
        if let Some(id) = &mut self.id_card {
            *id = idcard::masked(id);
        }
        for b in &mut self.beneficiaries {
            if let Some(id) = &mut b.id_card {
                *id = idcard::masked(id);
            }
        }
        self
    }
}

/// A member's change history as shown by default: ID numbers masked (see [`Member::masked`]).
pub fn mask_history(history: Vec<MemberChange>) -> Vec<MemberChange> {
    history
        .into_iter()
        .map(|mut c| {
            if c.field == "id_card" {
                c.old_value = idcard::masked(&c.old_value);
                c.new_value = idcard::masked(&c.new_value);
            }
            c
        })
        .collect()
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberRow {
    pub id: String,
    pub number: u32,
    pub full_name: String,
    pub joined: NaiveDate,
    pub shares: u32,
    pub status: MemberStatus,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberChange {
    pub changed_on: NaiveDate,
    pub field: String,
    pub field_label: String,
    pub old_value: String,
    pub new_value: String,
    pub recorded_at: String,
}

/// A validated member, ready to store.
struct Clean {
    title: String,
    first_name: String,
    last_name: String,
    id_card: Option<String>,
    birth_date: Option<NaiveDate>,
    address: String,
    phone: String,
    joined: Option<NaiveDate>,
    shares: Option<u32>,
    beneficiaries: Vec<Beneficiary>,
}

pub(crate) fn add(conn: &Connection, input: &MemberInput) -> Result<Member> {
    add_numbered(conn, input, None)
}

/// [`add`] keeping the number the member has in the paper register, when one is given: it
/// must be above every number handed out so far (numbers are never reused), and the counter
/// moves up to it.
pub(crate) fn add_numbered(
    conn: &Connection,
    input: &MemberInput,
    wanted: Option<u32>,
) -> Result<Member> {
    let c = clean(input)?;
    let joined = c.joined.unwrap_or_else(clock::today);
    let group = crate::group::get(conn)?;
    if joined < group.founded {
        return Err(Error::invalid(
            "joined",
            format!(
                "วันที่เข้าเป็นสมาชิกต้องไม่ก่อนวันก่อตั้งกลุ่ม ({})",
                thai::format_date(group.founded, thai::Digits::Arabic)
            ),
        ));
    }
    // A member joining inside a closed month would change what that month was owed.
    crate::journal::ensure_writable(conn, joined).map_err(|e| in_field("joined", e))?;
    let rules = settings::at(conn, joined)?;
    let shares = c.shares.unwrap_or(rules.min_shares);
    check_shares(shares, rules.min_shares, rules.max_shares)?;
    if let Some(id) = &c.id_card {
        ensure_id_card_unused(conn, id, None)?;
    }
    let number = match wanted {
        None => next_number(conn)?,
        Some(n) => take_number(conn, n)?,
    };
    let id = uuid::Uuid::now_v7().to_string();
    conn.execute_cached(
        "INSERT INTO member (id, number, title, first_name, last_name, id_card, birth_date, address, phone, joined, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            id, number, c.title, c.first_name, c.last_name, c.id_card, c.birth_date, c.address, c.phone,
            joined, clock::now_utc()
        ],
    )?;
    conn.execute_cached(
        "INSERT INTO member_pledge (member_id, effective, shares) VALUES (?1, ?2, ?3)",
        params![id, joined, shares],
    )?;
    write_beneficiaries(conn, &id, &c.beneficiaries)?;
    get(conn, number)
}

pub(crate) fn update(
    conn: &Connection,
    number: u32,
    input: &MemberInput,
    on: NaiveDate,
) -> Result<Member> {
    let old = get(conn, number)?;
    old.ensure_active()?;
    let c = clean(input)?;
    if let Some(id) = &c.id_card {
        ensure_id_card_unused(conn, id, Some(&old.id))?;
    }
    let joined = c.joined.unwrap_or(old.joined);
    let shares = c.shares.unwrap_or(old.shares);
    // Every change is dated: never on or before the lock date, never before the founding.
    crate::journal::ensure_writable(conn, on).map_err(|e| in_field("changed_on", e))?;
    if shares != old.shares {
        let rules = settings::at(conn, on)?;
        check_shares(shares, rules.min_shares, rules.max_shares)?;
        // The new pledge counts from the first of the month: that day must be open too.
        let from = NaiveDate::from_ymd_opt(on.year(), on.month(), 1).expect("first of month");
        crate::journal::ensure_writable(conn, from).map_err(|e| in_field("shares", e))?;
    }
    if joined != old.joined {
        // Moving a joining date changes what every month since the earlier of the two was
        // owed: both must be open, and it cannot pass the member's first money.
        for d in [joined, old.joined] {
            crate::journal::ensure_writable(conn, d).map_err(|e| in_field("joined", e))?;
        }
        let first: Option<NaiveDate> = conn.query_row_cached(
            "SELECT min(date) FROM posting WHERE member_id = ?1",
            [&old.id],
            |r| r.get(0),
        )?;
        if let Some(first) = first.filter(|f| joined > *f) {
            return Err(Error::invalid(
                "joined",
                format!(
                    "สมาชิกมีรายการเงินตั้งแต่ {} — วันที่เข้าเป็นสมาชิกต้องไม่หลังวันนั้น",
                    thai::format_date(first, thai::Digits::Arabic)
                ),
            ));
        }
    }
    let opt = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let changes: Vec<(&str, String, String)> = vec![
        ("title", old.title.clone(), c.title.clone()),
        ("first_name", old.first_name.clone(), c.first_name.clone()),
        ("last_name", old.last_name.clone(), c.last_name.clone()),
        (
            "id_card",
            old.id_card.clone().unwrap_or_default(),
            c.id_card.clone().unwrap_or_default(),
        ),
        ("birth_date", opt(old.birth_date), opt(c.birth_date)),
        ("address", old.address.clone(), c.address.clone()),
        ("phone", old.phone.clone(), c.phone.clone()),
        ("joined", old.joined.to_string(), joined.to_string()),
        ("shares", old.shares.to_string(), shares.to_string()),
        (
            "beneficiaries",
            describe(&old.beneficiaries),
            describe(&c.beneficiaries),
        ),
    ];
    let now = clock::now_utc();
    for (field, before, after) in changes.iter().filter(|(_, b, a)| b != a) {
        conn.execute_cached(
            "INSERT INTO member_change (member_id, changed_on, field, old_value, new_value, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![old.id, on, field, before, after, now],
        )?;
        apply_change(conn, &old.id, field, after, on, &c)?;
    }
    get(conn, number)
}

fn apply_change(
    conn: &Connection,
    id: &str,
    field: &str,
    value: &str,
    on: NaiveDate,
    c: &Clean,
) -> Result<()> {
    match field {
        "shares" => {
            // A new pledge counts from the month of the change.
            let from = NaiveDate::from_ymd_opt(on.year(), on.month(), 1).expect("first of month");
            conn.execute_cached(
                "INSERT INTO member_pledge (member_id, effective, shares) VALUES (?1, ?2, ?3)
                 ON CONFLICT (member_id, effective) DO UPDATE SET shares = excluded.shares",
                params![id, from, value.parse::<u32>().unwrap_or_default()],
            )?;
        }
        "beneficiaries" => write_beneficiaries(conn, id, &c.beneficiaries)?,
        "id_card" | "birth_date" => {
            let v = (!value.is_empty()).then_some(value);
            conn.execute_cached(
                &format!("UPDATE member SET {field} = ?1 WHERE id = ?2"),
                params![v, id],
            )?;
        }
        // Field names come from the fixed list in `update`, never from input.
        _ => {
            conn.execute_cached(
                &format!("UPDATE member SET {field} = ?1 WHERE id = ?2"),
                params![value, id],
            )?;
        }
    }
    Ok(())
}

/// A member number as typed (Thai or Arabic digits). `whose` follows "เลขที่สมาชิก" in a
/// refusal ("ของผู้กู้", or empty); `field` is the form field it points at.
pub fn parse_number(field: &'static str, whose: &str, text: &str) -> Result<u32> {
    let t = thai::to_arabic_digits(text.trim());
    if t.is_empty() {
        return Err(Error::invalid(field, format!("กรุณาใส่เลขที่สมาชิก{whose}")));
    }
    t.parse::<u32>().map_err(|_| {
        Error::invalid(
            field,
            format!("เลขที่สมาชิก{whose} \"{}\" ต้องเป็นตัวเลข เช่น 12", text.trim()),
        )
    })
}

/// The member with this number.
pub fn get(conn: &Connection, number: u32) -> Result<Member> {
    let mut m = get_record(conn, number)?;
    m.beneficiaries = beneficiaries(conn, &m.id)?;
    Ok(m)
}

/// The member with this number, without the beneficiaries (a collection row needs only the
/// record itself, once for each of a sheet's rows).
pub(crate) fn get_record(conn: &Connection, number: u32) -> Result<Member> {
    conn.query_row_cached(MEMBER_BY_NUMBER, [number], member_from_row)
        .optional()?
        .ok_or(Error::MemberNotFound(number))
}

/// The member with this id (UUID).
pub fn get_by_id(conn: &Connection, id: &str) -> Result<Member> {
    let number: u32 = conn
        .query_row("SELECT number FROM member WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "สมาชิก",
            id: id.to_string(),
        })?;
    get(conn, number)
}

/// One member by number, cached: every collection row looks its member up.
const MEMBER_BY_NUMBER: &str = "SELECT m.id, m.number, m.title, m.first_name, m.last_name, m.id_card, m.birth_date,
        m.address, m.phone, m.joined, m.status, m.left_on, m.left_reason,
        (SELECT p.shares FROM member_pledge p WHERE p.member_id = m.id ORDER BY p.effective DESC LIMIT 1)
     FROM member m WHERE m.number = ?1";

fn member_from_row(r: &Row<'_>) -> rusqlite::Result<Member> {
    let title: String = r.get(2)?;
    let first: String = r.get(3)?;
    let last: String = r.get(4)?;
    Ok(Member {
        id: r.get(0)?,
        number: r.get(1)?,
        full_name: full_name(&title, &first, &last),
        title,
        first_name: first,
        last_name: last,
        id_card: r.get(5)?,
        birth_date: r.get(6)?,
        address: r.get(7)?,
        phone: r.get(8)?,
        joined: r.get(9)?,
        status: r.get(10)?,
        left_on: r.get(11)?,
        left_reason_label: r
            .get::<_, Option<String>>(12)?
            .and_then(|code| ExitReason::parse(&code).ok())
            .map(|reason| reason.label().to_string()),
        left_reason: r.get(12)?,
        shares: r.get::<_, Option<u32>>(13)?.unwrap_or(0),
        beneficiaries: Vec::new(),
    })
}

/// Members whose number or name matches `search` (all when empty), by number.
pub fn list(conn: &Connection, search: &str) -> Result<Vec<MemberRow>> {
    let search = thai::to_arabic_digits(search.trim());
    let by_number = search.parse::<u32>().ok();
    let pattern = format!("%{}%", search.replace(' ', "%"));
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.number, m.title, m.first_name, m.last_name, m.joined, m.status,
                (SELECT p.shares FROM member_pledge p WHERE p.member_id = m.id ORDER BY p.effective DESC LIMIT 1)
         FROM member m
         WHERE ?1 = '' OR m.number = ?2
            OR (m.title || m.first_name || ' ' || m.last_name) LIKE ?3
            OR (m.first_name || ' ' || m.last_name) LIKE ?3
         ORDER BY m.number",
    )?;
    let rows = stmt.query_map(params![search, by_number, pattern], |r| {
        let title: String = r.get(2)?;
        let first: String = r.get(3)?;
        let last: String = r.get(4)?;
        Ok(MemberRow {
            id: r.get(0)?,
            number: r.get(1)?,
            full_name: full_name(&title, &first, &last),
            joined: r.get(5)?,
            status: r.get(6)?,
            shares: r.get::<_, Option<u32>>(7)?.unwrap_or(0),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every recorded change of a member, oldest first.
pub fn history(conn: &Connection, number: u32) -> Result<Vec<MemberChange>> {
    let m = get(conn, number)?;
    let mut stmt = conn.prepare_cached(
        "SELECT changed_on, field, old_value, new_value, recorded_at FROM member_change
         WHERE member_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([&m.id], |r| {
        let field: String = r.get(1)?;
        Ok(MemberChange {
            changed_on: r.get(0)?,
            field_label: field_label(&field).to_string(),
            field,
            old_value: r.get(2)?,
            new_value: r.get(3)?,
            recorded_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many belonged to the group over a period: members on its last day, and those who
/// joined and who left within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Headcount {
    pub members: u32,
    pub joined: u32,
    pub left: u32,
}

/// The [`Headcount`] of `from`..=`to`. A member who leaves on a day is no longer counted on it.
pub fn headcount(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Headcount> {
    Ok(conn.query_row_cached(
        "SELECT count(*) FILTER (WHERE joined <= ?2 AND (left_on IS NULL OR left_on > ?2)),
                count(*) FILTER (WHERE joined BETWEEN ?1 AND ?2),
                count(*) FILTER (WHERE left_on BETWEEN ?1 AND ?2)
         FROM member",
        params![from, to],
        |r| {
            Ok(Headcount {
                members: r.get(0)?,
                joined: r.get(1)?,
                left: r.get(2)?,
            })
        },
    )?)
}

/// Pledged shares of a member in force for `month_start` (first day of a month).
pub fn shares_on(conn: &Connection, member_id: &str, month_start: NaiveDate) -> Result<u32> {
    let shares: Option<u32> = conn
        .query_row(
            "SELECT shares FROM member_pledge WHERE member_id = ?1 AND effective <= ?2
             ORDER BY effective DESC LIMIT 1",
            params![member_id, month_start.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(shares.unwrap_or(0))
}

pub fn field_label(field: &str) -> &'static str {
    match field {
        "title" => "คำนำหน้า",
        "first_name" => "ชื่อ",
        "last_name" => "นามสกุล",
        "id_card" => "เลขประจำตัวประชาชน",
        "birth_date" => "วันเกิด",
        "address" => "ที่อยู่",
        "phone" => "โทรศัพท์",
        "joined" => "วันที่เข้าเป็นสมาชิก",
        "shares" => "หุ้นสัจจะต่อเดือน",
        "beneficiaries" => "ผู้รับผลประโยชน์",
        "status" => "สถานะ",
        _ => "ข้อมูล",
    }
}

pub fn full_name(title: &str, first: &str, last: &str) -> String {
    format!("{title}{first} {last}").trim().to_string()
}

/// Splits "นายสมชาย ใจดี" into (title, first, last).
pub fn split_name(full: &str) -> (String, String, String) {
    let full = full.trim();
    let (title, rest) = TITLES
        .iter()
        .find_map(|t| {
            full.strip_prefix(t)
                .map(|rest| (t.to_string(), rest.trim_start()))
        })
        .unwrap_or((String::new(), full));
    let mut words = rest.split_whitespace();
    let first = words.next().unwrap_or_default().to_string();
    let last = words.collect::<Vec<_>>().join(" ");
    (title, first, last)
}

fn clean(input: &MemberInput) -> Result<Clean> {
    let (title, first_name, last_name) = if input.first_name.trim().is_empty() {
        split_name(&input.name)
    } else {
        (
            input.title.trim().to_string(),
            input.first_name.trim().to_string(),
            input.last_name.trim().to_string(),
        )
    };
    if first_name.is_empty() {
        return Err(Error::invalid(
            "first_name",
            "กรุณาใส่ชื่อสมาชิก เช่น นายสมชาย ใจดี",
        ));
    }
    if last_name.is_empty() {
        return Err(Error::invalid("last_name", "กรุณาใส่นามสกุลของสมาชิก"));
    }
    let (title, first_name, last_name) = (
        text::check("title", "คำนำหน้าชื่อ", &title, text::NAME_MAX)?,
        text::check("first_name", "ชื่อ", &first_name, text::NAME_MAX)?,
        text::check("last_name", "นามสกุล", &last_name, text::NAME_MAX)?,
    );
    text::check(
        "name",
        "ชื่อเต็ม",
        &format!("{title}{first_name} {last_name}"),
        text::NAME_MAX,
    )?;
    let id_card = match input.id_card.trim() {
        "" => None,
        text => Some(idcard::parse("id_card", text)?),
    };
    let birth_date = parse_optional_date("birth_date", &input.birth_date)?;
    if birth_date.is_some_and(|b| b > clock::today()) {
        return Err(Error::invalid("birth_date", "วันเกิดต้องไม่เป็นวันในอนาคต"));
    }
    let shares = match thai::to_arabic_digits(input.shares.trim()).as_str() {
        "" => None,
        s => Some(s.parse::<u32>().map_err(|_| {
            Error::invalid(
                "shares",
                format!("จำนวนหุ้น \"{}\" ต้องเป็นจำนวนเต็ม เช่น 2", input.shares.trim()),
            )
        })?),
    };
    Ok(Clean {
        title,
        first_name,
        last_name,
        id_card,
        birth_date,
        address: text::check("address", "ที่อยู่", &input.address, text::MEMO_MAX)?,
        phone: text::check("phone", "โทรศัพท์", &input.phone, 50)?,
        joined: parse_optional_date("joined", &input.joined)?,
        shares,
        beneficiaries: clean_beneficiaries(&input.beneficiaries)?,
    })
}

/// A refusal of a dated write, shown beside the form field it came from.
fn in_field(field: &'static str, e: Error) -> Error {
    match e {
        Error::PeriodClosed { .. } | Error::Refused(_) => Error::invalid(field, e.to_string()),
        other => other,
    }
}

fn check_shares(shares: u32, min: u32, max: u32) -> Result<()> {
    if shares < min || shares > max {
        return Err(Error::invalid(
            "shares",
            format!("จำนวนหุ้นต้องอยู่ระหว่าง {min} ถึง {max} หุ้นตามระเบียบกลุ่ม"),
        ));
    }
    Ok(())
}

/// Up to three beneficiaries whose shares total exactly 100 %.
fn clean_beneficiaries(input: &[BeneficiaryInput]) -> Result<Vec<Beneficiary>> {
    let given: Vec<&BeneficiaryInput> = input
        .iter()
        .filter(|b| !(b.name.trim().is_empty() && b.share_percent.trim().is_empty()))
        .collect();
    if given.len() > 3 {
        return Err(Error::invalid(
            "beneficiaries",
            "ระบุผู้รับผลประโยชน์ได้ไม่เกิน 3 คน",
        ));
    }
    let mut out = Vec::new();
    let mut total_bp = 0u32;
    for (i, b) in given.iter().enumerate() {
        let n = i + 1;
        if b.name.trim().is_empty() {
            return Err(Error::invalid(
                "beneficiaries",
                format!("กรุณาใส่ชื่อผู้รับผลประโยชน์คนที่ {n}"),
            ));
        }
        let bp = percent_bp(&b.share_percent).ok_or_else(|| {
            Error::invalid(
                "beneficiaries",
                format!("สัดส่วนของผู้รับผลประโยชน์คนที่ {n} ต้องเป็นร้อยละ เช่น 50 หรือ 33.34"),
            )
        })?;
        total_bp += bp;
        let id_card = match b.id_card.trim() {
            "" => None,
            text => Some(idcard::parse("beneficiaries", text)?),
        };
        out.push(Beneficiary {
            name: text::check(
                "beneficiaries",
                &format!("ชื่อผู้รับผลประโยชน์คนที่ {n} "),
                &b.name,
                text::NAME_MAX,
            )?,
            relation: text::check(
                "beneficiaries",
                &format!("ความสัมพันธ์ของผู้รับผลประโยชน์คนที่ {n} "),
                &b.relation,
                text::NAME_MAX,
            )?,
            id_card,
            share_percent: format!("{}.{:02}", bp / 100, bp % 100),
        });
    }
    if !out.is_empty() && total_bp != 10_000 {
        return Err(Error::invalid(
            "beneficiaries",
            format!(
                "สัดส่วนของผู้รับผลประโยชน์รวมกันต้องเท่ากับ 100% (ตอนนี้รวมได้ {}.{:02}%)",
                total_bp / 100,
                total_bp % 100
            ),
        ));
    }
    Ok(out)
}

/// "33.34" → 3334 basis points; at most two decimals, more than 0 and at most 100.
fn percent_bp(text: &str) -> Option<u32> {
    let t = thai::to_arabic_digits(text.trim().trim_end_matches('%').trim());
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole
            .chars()
            .chain(frac.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let bp = whole.parse::<u32>().ok()? * 100 + format!("{frac:0<2}").parse::<u32>().ok()?;
    (1..=10_000).contains(&bp).then_some(bp)
}

fn beneficiaries(conn: &Connection, member_id: &str) -> Result<Vec<Beneficiary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, relation, id_card, share_bp FROM beneficiary WHERE member_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([member_id], |r| {
        let bp: u32 = r.get(3)?;
        Ok(Beneficiary {
            name: r.get(0)?,
            relation: r.get(1)?,
            id_card: r.get(2)?,
            share_percent: format!("{}.{:02}", bp / 100, bp % 100),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn write_beneficiaries(conn: &Connection, member_id: &str, list: &[Beneficiary]) -> Result<()> {
    conn.execute_cached("DELETE FROM beneficiary WHERE member_id = ?1", [member_id])?;
    for (i, b) in list.iter().enumerate() {
        conn.execute_cached(
            "INSERT INTO beneficiary (member_id, seq, name, relation, id_card, share_bp) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![member_id, i as i64 + 1, b.name, b.relation, b.id_card, percent_bp(&b.share_percent)],
        )?;
    }
    Ok(())
}

fn describe(list: &[Beneficiary]) -> String {
    list.iter()
        .map(|b| format!("{} ({}) {}%", b.name, b.relation, b.share_percent))
        .collect::<Vec<_>>()
        .join("; ")
}

fn ensure_id_card_unused(conn: &Connection, id_card: &str, except: Option<&str>) -> Result<()> {
    let holder: Option<(u32, String)> = conn
        .query_row(
            "SELECT number, id FROM member WHERE id_card = ?1",
            [id_card],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match holder {
        // Who holds it is not said: the error must not tell one member another's ID.
        Some((_, id)) if Some(id.as_str()) != except => Err(Error::invalid(
            "id_card",
            "เลขประจำตัวประชาชนนี้มีอยู่ในทะเบียนสมาชิกแล้ว — คนหนึ่งเป็นสมาชิกได้ครั้งเดียว ตรวจเลขจากบัตรอีกครั้ง",
        )),
        _ => Ok(()),
    }
}

fn take_number(conn: &Connection, number: u32) -> Result<u32> {
    let last: u32 = conn
        .query_row_cached("SELECT last FROM counter WHERE name = 'member'", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or(0);
    if number == 0 || number <= last {
        return Err(Error::invalid(
            "number",
            format!(
                "เลขที่สมาชิก {number} ใช้ไปแล้ว (เลขที่ใช้ไปแล้วถึง {last}) — เลขที่สมาชิกใช้ซ้ำไม่ได้ ใส่เลขที่มากกว่า {last} หรือเว้นว่างให้โปรแกรมออกเลขให้"
            ),
        ));
    }
    conn.execute_cached(
        "INSERT INTO counter (name, last) VALUES ('member', ?1)
         ON CONFLICT (name) DO UPDATE SET last = excluded.last",
        [number],
    )?;
    Ok(number)
}

fn next_number(conn: &Connection) -> Result<u32> {
    conn.execute_cached(
        "INSERT INTO counter (name, last) VALUES ('member', 1)
         ON CONFLICT (name) DO UPDATE SET last = last + 1",
        [],
    )?;
    Ok(
        conn.query_row_cached("SELECT last FROM counter WHERE name = 'member'", [], |r| {
            r.get(0)
        })?,
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitReason {
    Resign,
    Death,
    Expel,
}

impl ExitReason {
    pub fn parse(text: &str) -> Result<ExitReason> {
        match text.trim() {
            "" | "resign" | "ลาออก" => Ok(ExitReason::Resign),
            "death" | "ตาย" | "เสียชีวิต" => Ok(ExitReason::Death),
            "expel" | "ให้ออก" => Ok(ExitReason::Expel),
            other => Err(Error::invalid(
                "reason",
                format!("\"{other}\" ไม่ใช่ resign, death หรือ expel"),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExitReason::Resign => "resign",
            ExitReason::Death => "death",
            ExitReason::Expel => "expel",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExitReason::Resign => "ลาออก",
            ExitReason::Death => "เสียชีวิต",
            ExitReason::Expel => "ให้ออก",
        }
    }
}

/// Whether someone is a member now. Stored as text (`member.status` CHECK in
/// migrations/0001_books.sql) and sent as that text in JSON; death is a reason for leaving
/// ([`ExitReason`]), not a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    Active,
    Left,
}

impl MemberStatus {
    pub const ALL: [MemberStatus; 2] = [MemberStatus::Active, MemberStatus::Left];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Left => "left",
        }
    }

    pub fn is_active(self) -> bool {
        self == MemberStatus::Active
    }
}

crate::db::stored_as_word!(MemberStatus, "member status");

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form reads a member number alike: Thai or Arabic digits, spaces around; a blank
    /// or a word is refused in Thai, pointing at the form's field.
    #[test]
    fn a_member_number_is_read_in_either_digits_and_refused_in_thai() {
        assert_eq!(parse_number("member", "", " ๑๒ ").unwrap(), 12);
        assert_eq!(parse_number("member", "", "45").unwrap(), 45);
        let refusal = |text: &str| match parse_number("by", "ของผู้อนุมัติ", text)
        {
            Err(Error::Invalid { field, message }) => (field, message),
            other => panic!("{text:?} should be refused: {other:?}"),
        };
        assert_eq!(refusal("  "), ("by", "กรุณาใส่เลขที่สมาชิกของผู้อนุมัติ".to_string()));
        assert_eq!(
            refusal("สิบ"),
            (
                "by",
                "เลขที่สมาชิกของผู้อนุมัติ \"สิบ\" ต้องเป็นตัวเลข เช่น 12".to_string()
            )
        );
        refusal("-3");
    }
}
