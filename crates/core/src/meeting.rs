//! Meetings and their minutes (รายงานการประชุม): committee, monthly member, annual general
//! and extraordinary meetings (DOMAIN §1.3, §5.1).
//!
//! A meeting is numbered per พ.ศ. year (`2568/03`, printed ครั้งที่ ๓/๒๕๖๘). Attendance comes
//! from the register (the committee for a committee meeting, the members otherwise): present,
//! absent with a reason, or present in place of a seat holder (มาประชุมแทน); outside attendees
//! are guests. The quorum of the group's rule is checked on what was recorded. The minutes are
//! items under the five standard ระเบียบวาระ, each with its resolution; loan decisions taken at
//! the meeting are listed under agenda 4 from the loan history, never retyped.
//!
//! Closing a meeting records its times and the recorder, and certifies the previous minutes of
//! the same kind (agenda 2 of this meeting). Certified minutes are read-only: triggers refuse
//! any change to them.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock;
use crate::committee::{self, Seat};
use crate::error::{Error, Result};
use crate::loan::LoanEventKind;
use crate::meeting_ref::normalize_key;
pub use crate::meeting_ref::{find_id, looks_like_number, lookup, MeetingKind};
use crate::member::{self, Member};
use crate::money::Money;
use crate::settings;
use crate::thai::{self, Digits, YearMonth};

/// The five standard ระเบียบวาระ (DOMAIN §5.1).
pub const AGENDA: [&str; 5] = [
    "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
    "เรื่องรับรองรายงานการประชุมครั้งที่แล้ว",
    "เรื่องสืบเนื่อง",
    "เรื่องเสนอเพื่อพิจารณา",
    "เรื่องอื่น ๆ (ถ้ามี)",
];

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct MeetingInput {
    pub kind: String,
    pub date: String,
    pub place: String,
    /// Fill agenda 3 and 4 from the books at once (the fund report, members admitted and
    /// leaving, the arrears list), as the app's new-meeting form does.
    pub prefill: bool,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AttendInput {
    pub meeting: String,
    pub member: String,
    /// present | absent | substitute | none (the tick taken back)
    pub status: String,
    pub reason: String,
    /// The seat holder a substitute sits in for (member number).
    pub substitute_for: String,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct GuestInput {
    pub meeting: String,
    pub name: String,
    pub position: String,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ItemInput {
    pub meeting: String,
    pub agenda: String,
    pub title: String,
    pub text: String,
    pub resolution: String,
    pub votes_for: String,
    pub votes_against: String,
    pub votes_abstain: String,
    /// Instead of typing: `fund`, `members`, `loans` or `arrears` composes the item from the
    /// books (agenda 3 or 4).
    pub from_books: String,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CloseInput {
    pub meeting: String,
    pub start: String,
    pub end: String,
    pub recorder: String,
    pub checker: String,
}

/// A person at (or missing from) the meeting, with the position the minutes give them.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Person {
    pub member: u32,
    pub name: String,
    pub position: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Attendee {
    pub member: u32,
    pub name: String,
    pub position: String,
    /// Present in place of this seat holder (มาประชุมแทน).
    pub substitute_for: Option<Person>,
    pub reason: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Guest {
    pub name: String,
    pub position: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Quorum {
    /// Who the meeting is for: seats held that day, or members.
    pub expected: u32,
    pub present: u32,
    pub required: u32,
    pub met: bool,
    /// `ครบองค์ประชุม (มา 7 จาก 9 คน ต้องไม่น้อยกว่า 5 คน)`.
    pub text: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Item {
    /// 0 for items composed from the loan history (they cannot be edited here).
    pub id: i64,
    pub title: String,
    pub text: String,
    pub resolution: String,
    pub votes_for: Option<u32>,
    pub votes_against: Option<u32>,
    pub votes_abstain: Option<u32>,
    pub source: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Agenda {
    pub number: u32,
    pub title: String,
    pub items: Vec<Item>,
}

/// A loan decided at the meeting.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoanDecisionLine {
    pub loan: String,
    pub member: u32,
    pub name: String,
    pub amount: Money,
    pub months: u32,
    pub kind: LoanEventKind,
    pub purpose: String,
}

/// A meeting with its minutes, as `sajja meeting show` and the minutes PDF see it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Meeting {
    /// The key, `2568/03`.
    pub meeting: String,
    pub id: String,
    /// `3/2568`, as printed after ครั้งที่.
    pub number_label: String,
    pub kind: MeetingKind,
    pub kind_label: String,
    /// The body meeting: `คณะกรรมการกลุ่มออมทรัพย์เพื่อการผลิตบ้าน…`.
    pub body: String,
    pub date: NaiveDate,
    pub place: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub present: Vec<Attendee>,
    pub absent: Vec<Attendee>,
    /// Members not present at a member meeting (named only when marked absent).
    pub absent_count: u32,
    pub guests: Vec<Guest>,
    pub quorum: Quorum,
    pub agenda: Vec<Agenda>,
    pub loan_decisions: Vec<LoanDecisionLine>,
    /// Accounting years closed by this meeting's approval (the year-end), with the net
    /// profit and the pools as posted.
    pub year_closes: Vec<crate::yearend::ApprovedYear>,
    pub recorder: Option<Person>,
    pub checker: Option<Person>,
    pub closed: bool,
    /// The meeting that certified these minutes; they are read-only.
    pub certified_by: Option<String>,
    /// The previous minutes this meeting certifies (or will, when closed).
    pub certifies: Option<String>,
}

/// One line of the list of meetings.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MeetingRow {
    pub meeting: String,
    pub kind: MeetingKind,
    pub kind_label: String,
    pub date: NaiveDate,
    pub place: String,
    pub closed: bool,
    pub certified: bool,
    pub present: u32,
    pub items: u32,
}

/// What the books offer for agenda 3/4 of a meeting: the month's figures, members admitted
/// and leaving, loan applications waiting for a decision, the arrears list.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Offers {
    pub month: String,
    pub month_label: String,
    pub fund: FundFigures,
    pub admitted: Vec<Person>,
    pub leaving: Vec<Person>,
    pub waiting_loans: Vec<crate::loan::LoanRow>,
    pub arrears: Vec<ArrearsLine>,
    /// A general meeting (annual or extraordinary): the last accounting year ended before the
    /// meeting, its statements and the allocation of its profit, from the books.
    pub year_end: Option<YearEndOffer>,
    /// Why a general meeting has no year to offer (empty otherwise).
    pub year_end_note: String,
}

/// The accounting year a general meeting approves: the statements' summary and the
/// allocation preview, the same figures `sajja yearend preview` and the statements give.
#[derive(Clone, Debug, serde::Serialize)]
pub struct YearEndOffer {
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The operating capital: income, expenses, net profit (what the meeting allocates).
    pub operating_income: Money,
    pub operating_expenses: Money,
    pub net_profit: Money,
    pub previous_net_profit: Money,
    /// The expense fund, apart (its fees are not profit, DOMAIN §10).
    pub expense_fund_income: Money,
    pub expense_fund_expenses: Money,
    pub expense_fund: Money,
    /// Balance-sheet totals on the year's last day.
    pub total_assets: Money,
    pub total_liabilities: Money,
    pub total_operating_capital: Money,
    pub total_liabilities_and_funds: Money,
    pub balanced: bool,
    /// The allocation preview: each heading's pool, the rates, what rounding leaves. Empty
    /// when the regulation's percentages cannot be used yet (see `allocation_note`).
    pub allocation: Vec<crate::yearend::PoolLine>,
    pub pools: std::collections::BTreeMap<String, Money>,
    pub residual: Money,
    pub reserve_total: Money,
    pub dividend_rate: String,
    pub average_return_rate: String,
    pub purchase_return_rate: String,
    pub members_eligible_dividend: u32,
    pub members_eligible_average_return: u32,
    pub allocation_note: String,
    /// Months of the year not yet closed (the close waits for them).
    pub months_open: Vec<String>,
    /// The meeting that already approved the year, if it is closed.
    pub closed_by: Option<String>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct FundFigures {
    pub receipts: Money,
    pub payments: Money,
    pub cash: Money,
    pub bank: Money,
    pub sajja: Money,
    pub deposits: Money,
    pub loans_outstanding: Money,
    pub loans_in_arrears: Money,
    pub expense_fund: Money,
    pub members_active: u32,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct ArrearsLine {
    pub loan: String,
    pub member: u32,
    pub name: String,
    pub total: Money,
    pub months_overdue: u32,
}

fn kind_key(text: &str) -> Result<MeetingKind> {
    MeetingKind::parse(text).ok_or_else(|| {
        Error::invalid(
            "kind",
            format!(
                "ไม่รู้จักการประชุมแบบ \"{}\" — เลือก committee (คณะกรรมการ), monthly (สมาชิกประจำเดือน), annual (ใหญ่สามัญประจำปี) หรือ extraordinary (ใหญ่วิสามัญ)",
                text.trim()
            ),
        )
    })
}

struct Stored {
    id: String,
    number: String,
    year: i32,
    seq: u32,
    kind: MeetingKind,
    date: NaiveDate,
    place: String,
    start: Option<String>,
    end: Option<String>,
    recorder: Option<String>,
    checker: Option<String>,
    closed: bool,
    certified_by: Option<String>,
}

const STORED: &str = "SELECT id, number, year, seq, kind, date, place, start_time, end_time,
        recorder_id, checker_id, closed_at IS NOT NULL,
        (SELECT c.number FROM meeting c WHERE c.id = meeting.certified_by)
     FROM meeting";

fn stored_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        number: r.get(1)?,
        year: r.get(2)?,
        seq: r.get(3)?,
        kind: r.get(4)?,
        date: r.get(5)?,
        place: r.get(6)?,
        start: r.get(7)?,
        end: r.get(8)?,
        recorder: r.get(9)?,
        checker: r.get(10)?,
        closed: r.get(11)?,
        certified_by: r.get(12)?,
    })
}

fn find(conn: &Connection, text: &str) -> Result<Stored> {
    let key = normalize_key(text);
    conn.query_row(
        &format!("{STORED} WHERE number = ?1 OR id = ?1"),
        [&key],
        stored_from_row,
    )
    .optional()?
    .ok_or_else(|| crate::meeting_ref::not_found(text))
}

/// Refuses any change to certified minutes, with a Thai message.
fn writable(m: &Stored) -> Result<()> {
    if let Some(by) = &m.certified_by {
        return Err(Error::Refused(format!(
            "รายงานการประชุมครั้งที่ {} ได้รับการรับรองแล้วในการประชุมครั้งที่ {} จึงแก้ไขไม่ได้",
            number_label(m.year, m.seq),
            label_of_key(by)
        )));
    }
    Ok(())
}

fn number_label(year: i32, seq: u32) -> String {
    format!("{seq}/{year}")
}

/// `2568/03` → `3/2568`.
fn label_of_key(key: &str) -> String {
    match key.split_once('/') {
        Some((y, s)) => format!("{}/{y}", s.trim_start_matches('0')),
        None => key.to_string(),
    }
}

/// Records a new meeting, numbered next in its พ.ศ. year.
pub(crate) fn new(conn: &Connection, input: &MeetingInput) -> Result<String> {
    let kind = kind_key(&input.kind)?;
    let date = crate::group::parse_optional_date("date", &input.date)?
        .ok_or_else(|| Error::invalid("date", "ใส่วันที่ประชุม เช่น 6/3/2568"))?;
    let founded = crate::group::get(conn)?.founded;
    if date < founded {
        return Err(Error::invalid(
            "date",
            format!(
                "วันที่ประชุมต้องไม่ก่อนวันตั้งกลุ่ม ({})",
                thai::format_date(founded, Digits::Arabic)
            ),
        ));
    }
    let year = thai::be_year(date.year());
    let seq: u32 = conn.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM meeting WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let number = format!("{year}/{seq:02}");
    conn.execute(
        "INSERT INTO meeting (id, number, year, seq, kind, date, place, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            uuid::Uuid::now_v7().to_string(),
            number,
            year,
            seq,
            kind,
            date,
            input.place.trim(),
            clock::now_utc()
        ],
    )?;
    if input.prefill {
        prefill(conn, &number, kind, date)?;
    }
    Ok(number)
}

/// What the books put on a new meeting's agenda: the month's fund report (agenda 3), members
/// admitted and leaving and the arrears list (agenda 4). Waiting loan applications are not
/// items: approving them at the meeting lists them under agenda 4 by itself.
/// A general meeting is also given the year's statements and the allocation of its profit
/// (agenda 4, for its approval) when a year has ended before it and its figures are ready.
fn prefill(conn: &Connection, number: &str, kind: MeetingKind, date: NaiveDate) -> Result<()> {
    let mut wanted = vec![("3", "fund"), ("4", "members"), ("4", "arrears")];
    if kind.is_general() {
        let o = offers(conn, date, kind)?;
        if let Some(y) = &o.year_end {
            wanted.push(("4", "statements"));
            if y.allocation_note.is_empty() {
                wanted.push(("4", "allocation"));
            }
        }
    }
    for (agenda, what) in wanted {
        item(
            conn,
            &ItemInput {
                meeting: number.to_string(),
                agenda: agenda.into(),
                from_books: what.into(),
                ..ItemInput::default()
            },
        )?;
    }
    Ok(())
}

fn member_on(
    conn: &Connection,
    field: &'static str,
    text: &str,
    date: NaiveDate,
) -> Result<Member> {
    let m = member::get(conn, member::parse_number(field, "", text)?).map_err(|e| match e {
        Error::MemberNotFound(n) => Error::invalid(field, format!("ไม่พบสมาชิกเลขที่ {n}")),
        other => other,
    })?;
    if m.joined > date || m.left_on.is_some_and(|l| l <= date) {
        return Err(Error::invalid(
            field,
            format!("{} (เลขที่ {}) ไม่ได้เป็นสมาชิกในวันประชุม", m.full_name, m.number),
        ));
    }
    Ok(m)
}

/// How a member was ticked on a meeting's attendance list. Stored as text
/// (`meeting_attendance.status` CHECK in migrations/0005_governance.sql); a tick taken back
/// leaves no row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Attendance {
    Present,
    Absent,
    /// Present in a committee member's seat (`substitute_for`).
    Substitute,
}

impl Attendance {
    pub(crate) const ALL: [Attendance; 3] = [
        Attendance::Present,
        Attendance::Absent,
        Attendance::Substitute,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Absent => "absent",
            Attendance::Substitute => "substitute",
        }
    }
}

crate::db::stored_as_word!(Attendance, "attendance");

/// Ticks one person on the attendance list (replacing what was ticked for them before).
pub(crate) fn attend(conn: &Connection, input: &AttendInput) -> Result<()> {
    let m = find(conn, &input.meeting)?;
    writable(&m)?;
    let who = member_on(conn, "member", &input.member, m.date)?;
    let status = match input.status.trim() {
        "present" | "มา" => Attendance::Present,
        "absent" | "ไม่มา" => Attendance::Absent,
        "substitute" | "แทน" => Attendance::Substitute,
        "none" => {
            // A tick taken back on the screen: the person is simply not marked.
            conn.execute(
                "DELETE FROM meeting_attendance WHERE meeting_id = ?1 AND member_id = ?2",
                params![m.id, who.id],
            )?;
            return Ok(());
        }
        other => {
            return Err(Error::invalid(
                "status",
                format!("\"{other}\": เลือก --present, --absent หรือ --substitute-for"),
            ))
        }
    };
    let committee_meeting = m.kind == MeetingKind::Committee;
    let keeps_register = !committee::everyone(conn, m.date)?.is_empty();
    let mut substitute_for = None;
    if status == Attendance::Substitute {
        let seat_holder = member_on(conn, "substitute_for", &input.substitute_for, m.date)?;
        if seat_holder.id == who.id {
            return Err(Error::invalid("substitute_for", "มาประชุมแทนตัวเองไม่ได้"));
        }
        if committee_meeting
            && keeps_register
            && !committee::everyone(conn, m.date)?
                .iter()
                .any(|s| s.member_id == seat_holder.id)
        {
            return Err(Error::invalid(
                "substitute_for",
                format!(
                    "{} ไม่ได้เป็นกรรมการในวันประชุม จึงไม่มีตำแหน่งให้มาประชุมแทน",
                    seat_holder.full_name
                ),
            ));
        }
        substitute_for = Some(seat_holder.id);
    } else if committee_meeting
        && keeps_register
        && !committee::everyone(conn, m.date)?
            .iter()
            .any(|s| s.member_id == who.id)
    {
        return Err(Error::invalid(
            "member",
            format!(
                "{} ไม่ได้เป็นกรรมการในวันประชุม — ผู้ที่ไม่ใช่กรรมการบันทึกเป็นผู้เข้าร่วมประชุม (sajja meeting guest) หรือมาประชุมแทนกรรมการ (--substitute-for)",
                who.full_name
            ),
        ));
    }
    conn.execute(
        "INSERT INTO meeting_attendance (meeting_id, member_id, status, reason, substitute_for)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (meeting_id, member_id) DO UPDATE
         SET status = excluded.status, reason = excluded.reason, substitute_for = excluded.substitute_for",
        params![m.id, who.id, status, input.reason.trim(), substitute_for],
    )?;
    Ok(())
}

/// Records an outside attendee (ผู้เข้าร่วมประชุม).
pub(crate) fn guest(conn: &Connection, input: &GuestInput) -> Result<()> {
    let m = find(conn, &input.meeting)?;
    writable(&m)?;
    if input.name.trim().is_empty() {
        return Err(Error::invalid("name", "ใส่ชื่อผู้เข้าร่วมประชุม"));
    }
    conn.execute(
        "INSERT INTO meeting_guest (meeting_id, name, position) VALUES (?1, ?2, ?3)",
        params![m.id, input.name.trim(), input.position.trim()],
    )?;
    Ok(())
}

fn votes(field: &'static str, text: &str) -> Result<Option<u32>> {
    let t = thai::to_arabic_digits(text.trim());
    if t.is_empty() {
        return Ok(None);
    }
    t.parse()
        .map(Some)
        .map_err(|_| Error::invalid(field, "จำนวนเสียงต้องเป็นจำนวนเต็ม เช่น 12"))
}

/// Adds an item to the minutes, typed or composed from the books. Returns its id.
pub(crate) fn item(conn: &Connection, input: &ItemInput) -> Result<i64> {
    let m = find(conn, &input.meeting)?;
    writable(&m)?;
    let agenda: u32 = thai::to_arabic_digits(input.agenda.trim())
        .parse()
        .ok()
        .filter(|a| (1..=5).contains(a))
        .ok_or_else(|| Error::invalid("agenda", "ระเบียบวาระต้องเป็น 1 ถึง 5"))?;
    let (title, body, source) = match input.from_books.trim() {
        "" => (
            input.title.trim().to_string(),
            input.text.trim().to_string(),
            String::new(),
        ),
        what => {
            let offers = offers(conn, m.date, m.kind)?;
            let (t, b) = compose(&offers, what)?;
            let title = if input.title.trim().is_empty() {
                t
            } else {
                input.title.trim().to_string()
            };
            (title, b, format!("books:{what}"))
        }
    };
    if title.is_empty() {
        return Err(Error::invalid("title", "ใส่ชื่อเรื่อง"));
    }
    conn.execute(
        "INSERT INTO meeting_item (meeting_id, agenda, title, body, resolution, votes_for, votes_against, votes_abstain, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            m.id,
            agenda,
            title,
            body,
            input.resolution.trim(),
            votes("votes_for", &input.votes_for)?,
            votes("votes_against", &input.votes_against)?,
            votes("votes_abstain", &input.votes_abstain)?,
            source
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn time(field: &'static str, text: &str) -> Result<String> {
    let t = thai::to_arabic_digits(text.trim()).replace('.', ":");
    let t = t.trim_end_matches("น").trim();
    let ok = chrono::NaiveTime::parse_from_str(t, "%H:%M")
        .map_err(|_| Error::invalid(field, format!("เวลา \"{}\" ใช้รูปแบบ 09:30", text.trim())))?;
    Ok(ok.format("%H:%M").to_string())
}

/// The previous minutes of the same kind still waiting for certification.
fn previous_uncertified(conn: &Connection, m: &Stored) -> Result<Option<Stored>> {
    Ok(conn
        .query_row(
            &format!(
                "{STORED} WHERE kind = ?1 AND id <> ?2 AND closed_at IS NOT NULL AND certified_by IS NULL
                   AND (date < ?3 OR (date = ?3 AND (year, seq) < (?4, ?5)))
                 ORDER BY date DESC, year DESC, seq DESC LIMIT 1"
            ),
            params![m.kind, m.id, m.date, m.year, m.seq],
            stored_from_row,
        )
        .optional()?)
}

/// Closes a meeting: times, recorder and checker; certifies the previous minutes of the same
/// kind at agenda 2 (adding the agenda 2 item when none was typed).
pub(crate) fn close(conn: &Connection, input: &CloseInput) -> Result<()> {
    let m = find(conn, &input.meeting)?;
    writable(&m)?;
    let start = time("start", &input.start)?;
    let end = time("end", &input.end)?;
    if end <= start {
        return Err(Error::invalid("end", "เวลาเลิกประชุมต้องหลังเวลาเริ่มประชุม"));
    }
    let recorder = member_on(conn, "recorder", &input.recorder, m.date)?;
    let checker = match input.checker.trim() {
        "" => None,
        t => Some(member_on(conn, "checker", t, m.date)?),
    };
    conn.execute(
        "UPDATE meeting SET start_time = ?2, end_time = ?3, recorder_id = ?4, checker_id = ?5,
             closed_at = coalesce(closed_at, ?6) WHERE id = ?1",
        params![
            m.id,
            start,
            end,
            recorder.id,
            checker.map(|c| c.id),
            clock::now_utc()
        ],
    )?;
    if let Some(prev) = previous_uncertified(conn, &m)? {
        let typed: bool = conn.query_row(
            "SELECT count(*) > 0 FROM meeting_item WHERE meeting_id = ?1 AND agenda = 2",
            [&m.id],
            |r| r.get(0),
        )?;
        if !typed {
            let label = number_label(prev.year, prev.seq);
            conn.execute(
                "INSERT INTO meeting_item (meeting_id, agenda, title, body, resolution, source)
                 VALUES (?1, 2, ?2, '', ?3, 'certify')",
                params![
                    m.id,
                    format!("รับรองรายงานการประชุมครั้งที่ {label}"),
                    format!("ที่ประชุมมีมติรับรองรายงานการประชุมครั้งที่ {label}")
                ],
            )?;
        }
        conn.execute(
            "UPDATE meeting SET certified_by = ?2 WHERE id = ?1",
            params![prev.id, m.id],
        )?;
    }
    Ok(())
}

fn person(conn: &Connection, member_id: &str, date: NaiveDate) -> Result<Person> {
    let m = member::get_by_id(conn, member_id)?;
    Ok(Person {
        member: m.number,
        position: position_of(conn, &m, date)?,
        name: m.full_name,
    })
}

/// The position the minutes give a member: their committee seat that day, else สมาชิก.
fn position_of(conn: &Connection, m: &Member, date: NaiveDate) -> Result<String> {
    Ok(committee::everyone(conn, date)?
        .into_iter()
        .find(|s| s.member_id == m.id)
        .map_or_else(|| "สมาชิก".to_string(), |s: Seat| s.title()))
}

/// Members of the group on `date`.
fn members_on(conn: &Connection, date: NaiveDate) -> Result<u32> {
    Ok(crate::member::headcount(conn, date, date)?.members)
}

/// The meeting with its minutes.
pub fn show(conn: &Connection, text: &str) -> Result<Meeting> {
    let m = find(conn, text)?;
    let group = crate::group::get(conn)?;
    let rules = settings::at(conn, m.date)?;
    let seats = committee::everyone(conn, m.date)?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.member_id, a.status, a.reason, a.substitute_for FROM meeting_attendance a
         JOIN member x ON x.id = a.member_id WHERE a.meeting_id = ?1 ORDER BY x.number",
    )?;
    let marks: Vec<(String, Attendance, String, Option<String>)> = stmt
        .query_map([&m.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut present = Vec::new();
    let mut absent = Vec::new();
    for (member_id, status, reason, sub) in &marks {
        let p = person(conn, member_id, m.date)?;
        let substitute_for = match sub {
            Some(s) => Some(person(conn, s, m.date)?),
            None => None,
        };
        let a = Attendee {
            member: p.member,
            name: p.name,
            position: if substitute_for.is_some() {
                String::new()
            } else {
                p.position
            },
            substitute_for,
            reason: reason.clone(),
        };
        if *status == Attendance::Absent {
            absent.push(a);
        } else {
            present.push(a);
        }
    }
    // Seats in the register nobody sat in are absent from a committee meeting.
    let committee_meeting = m.kind == MeetingKind::Committee;
    if committee_meeting {
        for s in &seats {
            let marked = marks.iter().any(|(id, _, _, sub)| {
                *id == s.member_id || sub.as_deref() == Some(s.member_id.as_str())
            });
            if !marked {
                absent.push(Attendee {
                    member: s.member,
                    name: s.name.clone(),
                    position: s.title(),
                    substitute_for: None,
                    reason: String::new(),
                });
            }
        }
        absent.sort_by_key(|a| a.member);
    }
    let expected = if committee_meeting {
        seats.len() as u32
    } else {
        members_on(conn, m.date)?
    };
    let here = present.len() as u32;
    let pct = if committee_meeting {
        rules.quorum_committee_percent
    } else {
        rules.quorum_members_percent
    };
    let required = (expected * pct).div_ceil(100).max(1);
    let who = if committee_meeting {
        "กรรมการ"
    } else {
        "สมาชิก"
    };
    let quorum = if expected == 0 {
        // A committee meeting of a group that has not recorded its committee yet: nobody
        // to count against, so the minutes say so instead of inventing a quorum.
        Quorum {
            expected,
            present: here,
            required: 0,
            met: here > 0,
            text: format!("ผู้มาประชุม {here} คน (ยังไม่ได้บันทึกทะเบียนกรรมการ จึงไม่ได้ตรวจองค์ประชุม)"),
        }
    } else {
        let met = here >= required;
        Quorum {
            expected,
            present: here,
            required,
            met,
            text: format!(
                "{} ({who}มาประชุม {here} คน จาก {expected} คน ต้องไม่น้อยกว่า {required} คน ตามระเบียบร้อยละ {pct})",
                if met { "ครบองค์ประชุม" } else { "ไม่ครบองค์ประชุม" }
            ),
        }
    };
    let absent_count = if committee_meeting {
        absent.len() as u32
    } else {
        expected.saturating_sub(here)
    };
    let mut stmt = conn.prepare_cached(
        "SELECT name, position FROM meeting_guest WHERE meeting_id = ?1 ORDER BY id",
    )?;
    let guests: Vec<Guest> = stmt
        .query_map([&m.id], |r| {
            Ok(Guest {
                name: r.get(0)?,
                position: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, agenda, title, body, resolution, votes_for, votes_against, votes_abstain, source
         FROM meeting_item WHERE meeting_id = ?1 ORDER BY agenda, id",
    )?;
    let mut agenda: Vec<Agenda> = AGENDA
        .iter()
        .enumerate()
        .map(|(i, t)| Agenda {
            number: i as u32 + 1,
            title: t.to_string(),
            items: Vec::new(),
        })
        .collect();
    let rows = stmt.query_map([&m.id], |r| {
        Ok((
            r.get::<_, u32>(1)?,
            Item {
                id: r.get(0)?,
                title: r.get(2)?,
                text: r.get(3)?,
                resolution: r.get(4)?,
                votes_for: r.get(5)?,
                votes_against: r.get(6)?,
                votes_abstain: r.get(7)?,
                source: r.get(8)?,
            },
        ))
    })?;
    for row in rows {
        let (a, item) = row?;
        agenda[(a - 1) as usize].items.push(item);
    }
    let loan_decisions = decisions(conn, &m.id)?;
    if !loan_decisions.is_empty() {
        agenda[3]
            .items
            .push(loans_item(&loan_decisions, Digits::Arabic, rules.bahttext));
    }
    let year_closes = crate::yearend::approved_at(conn, &m.id)?;
    for y in &year_closes {
        agenda[3].items.push(approved_year_item(y, Digits::Arabic));
    }
    let certifies = match previous_uncertified(conn, &m)? {
        Some(p) => Some(p.number),
        None => conn
            .query_row(
                "SELECT number FROM meeting WHERE certified_by = ?1",
                [&m.id],
                |r| r.get(0),
            )
            .optional()?,
    };
    let body = match m.kind {
        MeetingKind::Committee => format!("คณะกรรมการ{}", group.name),
        MeetingKind::Monthly => format!(
            "สมาชิก{} ประจำเดือน{}",
            group.name,
            thai::month_name(m.date.month())
        ),
        MeetingKind::Annual => format!(
            "ใหญ่สามัญประจำปี {} {}",
            thai::be_year(m.date.year()),
            group.name
        ),
        MeetingKind::Extraordinary => format!("ใหญ่วิสามัญ {}", group.name),
    };
    Ok(Meeting {
        meeting: m.number.clone(),
        number_label: number_label(m.year, m.seq),
        kind_label: m.kind.label().to_string(),
        body,
        date: m.date,
        place: m.place.clone(),
        start: m.start.clone(),
        end: m.end.clone(),
        present,
        absent,
        absent_count,
        guests,
        quorum,
        agenda,
        loan_decisions,
        year_closes,
        recorder: match &m.recorder {
            Some(id) => Some(person(conn, id, m.date)?),
            None => None,
        },
        checker: match &m.checker {
            Some(id) => Some(person(conn, id, m.date)?),
            None => None,
        },
        closed: m.closed,
        certified_by: m.certified_by.clone(),
        certifies,
        id: m.id,
        kind: m.kind,
    })
}

/// Loans decided at the meeting (approvals and rejections), from the loan history.
fn decisions(conn: &Connection, meeting_id: &str) -> Result<Vec<LoanDecisionLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.number, m.number, m.title || m.first_name || ' ' || m.last_name, l.amount, l.months, e.kind, l.purpose
         FROM loan_event e JOIN loan l ON l.id = e.loan_id JOIN member m ON m.id = l.member_id
         WHERE e.meeting_id = ?1 ORDER BY e.id",
    )?;
    let rows = stmt.query_map([meeting_id], |r| {
        Ok(LoanDecisionLine {
            loan: r.get(0)?,
            member: r.get(1)?,
            name: r.get(2)?,
            amount: r.get(3)?,
            months: r.get(4)?,
            kind: r.get(5)?,
            purpose: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn loans_item(list: &[LoanDecisionLine], digits: Digits, words: thai::BahtTextConvention) -> Item {
    let lines: Vec<String> = list
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let verb = match d.kind {
                LoanEventKind::Approved => "อนุมัติ",
                LoanEventKind::Rejected => "ไม่อนุมัติ",
                LoanEventKind::WrittenOff => "ตัดเป็นหนี้สูญ",
                _ => "พิจารณา",
            };
            digits.apply(&format!(
                "{}. {verb} สัญญาเลขที่ {} {} สมาชิกเลขที่ {} จำนวนเงิน {} บาท ({}) ผ่อน {} งวด{}",
                i + 1,
                d.loan,
                d.name,
                d.member,
                thai::format_amount(d.amount.as_decimal()),
                thai::bahttext(d.amount.as_decimal(), words),
                d.months,
                if d.purpose.is_empty() {
                    String::new()
                } else {
                    format!(" เพื่อ{}", d.purpose)
                }
            ))
        })
        .collect();
    let approved = list
        .iter()
        .filter(|d| d.kind == LoanEventKind::Approved)
        .count();
    let total: Money = list
        .iter()
        .filter(|d| d.kind == LoanEventKind::Approved)
        .map(|d| d.amount)
        .sum();
    Item {
        id: 0,
        title: "พิจารณาคำขอกู้เงินของสมาชิก".into(),
        text: lines.join("\n"),
        resolution: digits.apply(&format!(
            "ที่ประชุมมีมติอนุมัติเงินกู้ {approved} ราย รวมเป็นเงิน {} บาท ตามรายการข้างต้น",
            thai::format_amount(total.as_decimal())
        )),
        votes_for: None,
        votes_against: None,
        votes_abstain: None,
        source: "books:loan-decisions".into(),
    }
}

/// The month a meeting on `date` reports on: the month of the date once its collection day
/// has passed, else the month before.
fn report_month(conn: &Connection, date: NaiveDate) -> Result<YearMonth> {
    let rules = settings::at(conn, date)?;
    let month = YearMonth::of(date);
    Ok(if date.day() >= rules.collection_day {
        month
    } else {
        month.prev()
    })
}

/// The accounting year a general meeting on `date` approves: the last one ended before it
/// (None before the group's first year ended).
pub fn year_before(conn: &Connection, date: NaiveDate) -> Result<Option<i32>> {
    let founded = crate::group::get(conn)?.founded;
    let label = thai::be_year(date.year());
    for year in [label + 1, label, label - 1] {
        let (_, to) = crate::yearend::year_bounds(conn, year)?;
        if to < date {
            return Ok((to >= founded).then_some(year));
        }
    }
    Ok(None)
}

/// The year's statements summary and allocation preview offered to a general meeting.
fn year_end_offer(conn: &Connection, year: i32) -> Result<YearEndOffer> {
    let span = crate::report::yearly::Span::of(conn, year, None)?;
    let is = crate::report::yearly::income_statement(conn, span)?;
    let bs = crate::report::yearly::balance_sheet(conn, span)?;
    let mut offer = YearEndOffer {
        year,
        from: span.from,
        to: span.to,
        operating_income: is.operating.income_total,
        operating_expenses: is.operating.expenses_total,
        net_profit: is.net_profit,
        previous_net_profit: is.previous_net_profit,
        expense_fund_income: is.expense_fund.income_total,
        expense_fund_expenses: is.expense_fund.expenses_total,
        expense_fund: bs.expense_fund,
        total_assets: bs.total_assets,
        total_liabilities: bs.total_liabilities,
        total_operating_capital: bs.total_operating_capital,
        total_liabilities_and_funds: bs.total_liabilities_and_funds,
        balanced: bs.balanced,
        allocation: Vec::new(),
        pools: Default::default(),
        residual: Money::ZERO,
        reserve_total: Money::ZERO,
        dividend_rate: String::new(),
        average_return_rate: String::new(),
        purchase_return_rate: String::new(),
        members_eligible_dividend: 0,
        members_eligible_average_return: 0,
        allocation_note: String::new(),
        months_open: Vec::new(),
        closed_by: None,
    };
    // The allocation is the year-end's own computation (the close posts exactly this); a
    // regulation whose percentages do not add up yet leaves the statements on offer alone.
    match crate::yearend::compute(conn, year) {
        Ok(p) => {
            offer.net_profit = p.net_profit;
            offer.allocation = p.allocation;
            offer.pools = p.pools;
            offer.residual = p.residual;
            offer.reserve_total = p.reserve_total;
            offer.dividend_rate = p.dividend_rate;
            offer.average_return_rate = p.average_return_rate;
            offer.purchase_return_rate = p.purchase_return_rate;
            offer.members_eligible_dividend = p.members_eligible_dividend;
            offer.members_eligible_average_return = p.members_eligible_average_return;
            offer.months_open = p.months_open;
            offer.closed_by = p.closed.and_then(|c| c.meeting_label);
        }
        Err(Error::Refused(why)) | Err(Error::Invalid { message: why, .. }) => {
            offer.allocation_note = why;
        }
        Err(e) => return Err(e),
    }
    Ok(offer)
}

/// What the books offer a meeting on `date` for agenda 3/4; a general meeting (`kind`
/// annual or extraordinary) is also offered the year's statements and allocation.
pub fn offers(conn: &Connection, date: NaiveDate, kind: MeetingKind) -> Result<Offers> {
    let month = report_month(conn, date)?;
    let r = crate::report::fund::fund_report(conn, month)?;
    let people = |sql: &str| -> Result<Vec<Person>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![month.first_day(), month.last_day()], |r| {
            Ok(Person {
                member: r.get(0)?,
                name: r.get(1)?,
                position: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let admitted = people(
        "SELECT number, title || first_name || ' ' || last_name, '' FROM member
         WHERE joined BETWEEN ?1 AND ?2 ORDER BY number",
    )?;
    let leaving = people(
        "SELECT number, title || first_name || ' ' || last_name, coalesce(left_reason, '') FROM member
         WHERE left_on BETWEEN ?1 AND ?2 ORDER BY number",
    )?
    .into_iter()
    .map(|mut p| {
        p.position = crate::exit::ExitReason::parse(&p.position)
            .map(|r| r.label().to_string())
            .unwrap_or(p.position);
        p
    })
    .collect();
    let waiting_loans = crate::loan::list(
        conn,
        &crate::loan::LoanFilter {
            member: String::new(),
            status: "applied".into(),
        },
    )?;
    let arrears = crate::loan::arrears::arrears(conn, date)?
        .loans
        .into_iter()
        .map(|a| ArrearsLine {
            loan: a.loan,
            member: a.member,
            name: a.name,
            total: a.total,
            months_overdue: a.months_overdue,
        })
        .collect();
    let (year_end, year_end_note) = if !kind.is_general() {
        (None, String::new())
    } else {
        match year_before(conn, date)? {
            Some(year) => (Some(year_end_offer(conn, year)?), String::new()),
            None => (
                None,
                "ยังไม่มีปีบัญชีที่สิ้นสุดก่อนวันประชุม จึงยังไม่มีงบการเงินประจำปีให้เสนอ".to_string(),
            ),
        }
    };
    Ok(Offers {
        month: month.to_string(),
        month_label: thai::format_month_long(month, Digits::Arabic),
        fund: FundFigures {
            receipts: r.receipts_total,
            payments: r.payments_total,
            cash: r.cash.closing,
            bank: r.bank.closing,
            sajja: r.sajja_total,
            deposits: r.deposits_total,
            loans_outstanding: r.loans_outstanding,
            loans_in_arrears: r.loans_in_arrears,
            expense_fund: r.expense_fund,
            members_active: r.members_active,
        },
        admitted,
        leaving,
        waiting_loans,
        arrears,
        year_end,
        year_end_note,
    })
}

/// The offers of a meeting, by its number.
pub fn offers_for(conn: &Connection, text: &str) -> Result<Offers> {
    let m = find(conn, text)?;
    offers(conn, m.date, m.kind)
}

fn amount(m: Money) -> String {
    thai::format_amount(m.as_decimal())
}

/// Title and text of an item composed from the books.
fn compose(o: &Offers, what: &str) -> Result<(String, String)> {
    Ok(match what {
        "fund" => (
            format!("รายงานฐานะการเงินประจำเดือน{}", o.month_label),
            format!(
                "เหรัญญิกรายงานฐานะการเงินของกลุ่มประจำเดือน{}: รายรับ {} บาท รายจ่าย {} บาท เงินสดคงเหลือ {} บาท เงินฝากธนาคาร {} บาท เงินสัจจะสะสมของสมาชิก {} บาท เงินฝากสมาชิก {} บาท เงินกู้คงเหลือ {} บาท ในจำนวนนี้ค้างชำระ {} บาท ทุนค่าใช้สอย {} บาท สมาชิก {} คน",
                o.month_label,
                amount(o.fund.receipts),
                amount(o.fund.payments),
                amount(o.fund.cash),
                amount(o.fund.bank),
                amount(o.fund.sajja),
                amount(o.fund.deposits),
                amount(o.fund.loans_outstanding),
                amount(o.fund.loans_in_arrears),
                amount(o.fund.expense_fund),
                o.fund.members_active
            ),
        ),
        "members" => {
            let list = |people: &[Person]| -> String {
                if people.is_empty() {
                    "ไม่มี".to_string()
                } else {
                    people
                        .iter()
                        .map(|p| {
                            if p.position.is_empty() {
                                format!("{} (เลขที่ {})", p.name, p.member)
                            } else {
                                format!("{} (เลขที่ {}, {})", p.name, p.member, p.position)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            (
                format!("สมาชิกเข้าใหม่และพ้นสภาพ เดือน{}", o.month_label),
                format!(
                    "สมาชิกเข้าใหม่ {} คน: {} สมาชิกพ้นสภาพ {} คน: {}",
                    o.admitted.len(),
                    list(&o.admitted),
                    o.leaving.len(),
                    list(&o.leaving)
                ),
            )
        }
        "loans" => (
            "คำขอกู้เงินที่รอการพิจารณา".to_string(),
            if o.waiting_loans.is_empty() {
                "ไม่มีคำขอกู้ค้างพิจารณา".to_string()
            } else {
                o.waiting_loans
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        format!(
                            "{}. คำขอเลขที่ {} {} สมาชิกเลขที่ {} ขอกู้ {} บาท {} งวด",
                            i + 1,
                            l.loan,
                            l.name,
                            l.member,
                            amount(l.amount),
                            l.months
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        ),
        "arrears" => (
            "ลูกหนี้เงินกู้ค้างชำระ".to_string(),
            if o.arrears.is_empty() {
                "ไม่มีลูกหนี้ค้างชำระ".to_string()
            } else {
                o.arrears
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        format!(
                            "{}. สัญญาเลขที่ {} {} สมาชิกเลขที่ {} ค้างชำระ {} บาท ({} เดือน)",
                            i + 1,
                            a.loan,
                            a.name,
                            a.member,
                            amount(a.total),
                            a.months_overdue
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        ),
        "statements" => statements_text(general_year(o)?),
        "allocation" => allocation_text(general_year(o)?)?,
        other => {
            return Err(Error::invalid(
                "from_books",
                format!(
                    "\"{other}\": เลือก fund, members, loans, arrears หรือ (ในการประชุมใหญ่) statements, allocation"
                ),
            ))
        }
    })
}

/// The year a general meeting approves, or why there is none to put on the agenda.
fn general_year(o: &Offers) -> Result<&YearEndOffer> {
    o.year_end.as_ref().ok_or_else(|| {
        Error::invalid(
            "from_books",
            if o.year_end_note.is_empty() {
                "งบการเงินประจำปีและการจัดสรรกำไรเสนอได้ในการประชุมใหญ่สามัญประจำปี (หรือใหญ่วิสามัญ) เท่านั้น — บันทึกการประชุมใหญ่ก่อน".to_string()
            } else {
                o.year_end_note.clone()
            },
        )
    })
}

fn year_span(y: &YearEndOffer) -> String {
    format!(
        "ปีบัญชี {} ({} – {})",
        y.year,
        thai::format_date(y.from, Digits::Arabic),
        thai::format_date(y.to, Digits::Arabic)
    )
}

/// Agenda item: the year's statements for the meeting's approval.
fn statements_text(y: &YearEndOffer) -> (String, String) {
    let result = if y.net_profit.is_negative() {
        format!("ขาดทุนสุทธิ {} บาท", amount(-y.net_profit))
    } else {
        format!("กำไรสุทธิ {} บาท", amount(y.net_profit))
    };
    (
        format!("พิจารณาอนุมัติงบการเงินประจำปีบัญชี {}", y.year),
        format!(
            "เหรัญญิกเสนองบการเงิน{}: ทุนดำเนินการ มีรายได้ {} บาท ค่าใช้จ่าย {} บาท {result} ส่วนทุนค่าใช้สอย (แยกจากทุนดำเนินการ ไม่นับเป็นกำไร) มีรายรับ {} บาท รายจ่าย {} บาท คงเหลือ {} บาท งบแสดงฐานะการเงิน ณ วันที่ {} มีสินทรัพย์รวม {} บาท หนี้สินรวม {} บาท ทุนดำเนินการ {} บาท หนี้สินและทุนรวม {} บาท",
            year_span(y),
            amount(y.operating_income),
            amount(y.operating_expenses),
            amount(y.expense_fund_income),
            amount(y.expense_fund_expenses),
            amount(y.expense_fund),
            thai::format_date(y.to, Digits::Arabic),
            amount(y.total_assets),
            amount(y.total_liabilities),
            amount(y.total_operating_capital),
            amount(y.total_liabilities_and_funds),
        ),
    )
}

/// The allocation's headings as numbered lines of minutes ("1. ทุนสำรอง ร้อยละ 20 เป็นเงิน …"),
/// the headings that received nothing left out; proposed and approved years read alike.
fn pool_lines(pools: &[crate::yearend::PoolLine]) -> Vec<String> {
    pools
        .iter()
        .filter(|p| !p.amount.is_zero())
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{}. {} ร้อยละ {} เป็นเงิน {} บาท",
                i + 1,
                p.label,
                p.percent,
                amount(p.amount)
            )
        })
        .collect()
}

/// Agenda item: the allocation of the year's net profit by the regulation.
fn allocation_text(y: &YearEndOffer) -> Result<(String, String)> {
    let title = format!("พิจารณาจัดสรรกำไรสุทธิประจำปีบัญชี {}", y.year);
    if !y.allocation_note.is_empty() {
        return Err(Error::invalid(
            "from_books",
            format!("ยังเสนอการจัดสรรกำไรไม่ได้: {}", y.allocation_note),
        ));
    }
    if !y.net_profit.is_positive() {
        return Ok((
            title,
            format!(
                "{} มีผลขาดทุนสุทธิ {} บาท จึงไม่มีการจัดสรรกำไร ยอดขาดทุนยกไปเป็นขาดทุนสะสม",
                year_span(y),
                amount(-y.net_profit)
            ),
        ));
    }
    let lines = pool_lines(&y.allocation);
    Ok((
        title,
        format!(
            "คณะกรรมการเสนอการจัดสรรกำไรสุทธิ{} จำนวน {} บาท ตามระเบียบกลุ่ม ดังนี้\n{}\nคิดเป็นเงินปันผลร้อยละ {} ต่อปีของเงินสัจจะเฉลี่ย (สมาชิก {} คน) และเงินเฉลี่ยคืนร้อยละ {} ของดอกเบี้ยเงินกู้ที่สมาชิกชำระ (สมาชิก {} คน){} เศษจากการปัดเศษ {} บาทเข้าทุนสำรอง รวมทุนสำรองได้รับ {} บาท",
            year_span(y),
            amount(y.net_profit),
            lines.join("\n"),
            y.dividend_rate,
            y.members_eligible_dividend,
            y.average_return_rate,
            y.members_eligible_average_return,
            if y.pools.get("purchase_return").is_none_or(|a| a.is_zero()) {
                String::new()
            } else {
                format!(
                    " เฉลี่ยคืนตามยอดซื้อร้อยละ {} ของยอดซื้อสินค้าจากธุรกิจของกลุ่ม",
                    y.purchase_return_rate
                )
            },
            amount(y.residual),
            amount(y.reserve_total),
        ),
    ))
}

/// The approval of a year closed at this meeting, for its minutes (agenda 4): the net
/// profit and each pool as posted, never retyped.
fn approved_year_item(y: &crate::yearend::ApprovedYear, digits: Digits) -> Item {
    let lines = pool_lines(&y.pools);
    let span = format!(
        "ปีบัญชี {} ({} – {})",
        y.year,
        thai::format_date(y.from, Digits::Arabic),
        thai::format_date(y.to, Digits::Arabic)
    );
    let (text, resolution) = if y.net_profit.is_positive() {
        (
            format!(
                "งบการเงิน{span} มีกำไรสุทธิ {} บาท จัดสรรตามระเบียบกลุ่ม ดังนี้\n{}\nเศษจากการปัดเศษปันผลและเฉลี่ยคืน {} บาทเข้าทุนสำรอง",
                amount(y.net_profit),
                lines.join("\n"),
                amount(y.residual)
            ),
            format!(
                "ที่ประชุมมีมติอนุมัติงบการเงินและการจัดสรรกำไรสุทธิ {} บาท ตามรายการข้างต้น และให้ปิดบัญชีประจำปีบัญชี {}",
                amount(y.net_profit),
                y.year
            ),
        )
    } else {
        (
            format!(
                "งบการเงิน{span} มีผลขาดทุนสุทธิ {} บาท จึงไม่มีการจัดสรรกำไร ยอดขาดทุนยกไปเป็นขาดทุนสะสม",
                amount(-y.net_profit)
            ),
            format!("ที่ประชุมมีมติอนุมัติงบการเงินและให้ปิดบัญชีประจำปีบัญชี {}", y.year),
        )
    };
    Item {
        id: 0,
        title: format!("อนุมัติงบการเงินและการจัดสรรกำไรสุทธิประจำปีบัญชี {}", y.year),
        text: digits.apply(&text),
        resolution: digits.apply(&resolution),
        votes_for: None,
        votes_against: None,
        votes_abstain: None,
        source: "books:year-close".into(),
    }
}

/// Meetings, newest first.
pub fn list(conn: &Connection) -> Result<Vec<MeetingRow>> {
    let mut stmt = conn.prepare(
        "SELECT number, kind, date, place, closed_at IS NOT NULL, certified_by IS NOT NULL,
                (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = meeting.id AND a.status <> 'absent'),
                (SELECT count(*) FROM meeting_item i WHERE i.meeting_id = meeting.id)
         FROM meeting ORDER BY date DESC, year DESC, seq DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: MeetingKind = r.get(1)?;
        Ok(MeetingRow {
            meeting: r.get(0)?,
            kind_label: kind.label().to_string(),
            kind,
            date: r.get(2)?,
            place: r.get(3)?,
            closed: r.get(4)?,
            certified: r.get(5)?,
            present: r.get(6)?,
            items: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Books, MemberInput, NewGroup};

    fn books() -> Books {
        let mut b = Books::in_memory(&NewGroup {
            name: "กลุ่มทดสอบ".into(),
            founded: "1/1/2568".into(),
            ..NewGroup::default()
        })
        .unwrap();
        for i in 0..4 {
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

    fn open(b: &mut Books, prefill: bool) -> Meeting {
        b.new_meeting(&MeetingInput {
            kind: "monthly".into(),
            date: "15/2/2568".into(),
            place: "ศาลา".into(),
            prefill,
        })
        .unwrap()
    }

    fn mark(b: &mut Books, m: &Meeting, member: u32, status: &str, reason: &str) -> Meeting {
        b.meeting_attend(&AttendInput {
            meeting: m.meeting.clone(),
            member: member.to_string(),
            status: status.into(),
            reason: reason.into(),
            ..AttendInput::default()
        })
        .unwrap()
    }

    #[test]
    fn a_tick_taken_back_leaves_the_person_unmarked_and_the_quorum_follows() {
        let mut b = books();
        let m = open(&mut b, false);
        mark(&mut b, &m, 1, "present", "");
        mark(&mut b, &m, 2, "present", "");
        let both = mark(&mut b, &m, 3, "absent", "ป่วย");
        assert_eq!(both.present.len(), 2);
        assert!(both.quorum.met, "{}", both.quorum.text);
        let after = mark(&mut b, &m, 2, "none", "");
        assert_eq!(
            after.present.iter().map(|a| a.member).collect::<Vec<_>>(),
            vec![1]
        );
        assert!(!after.quorum.met, "1 of 4 is short: {}", after.quorum.text);
        // Taking back an absence works the same way; the list keeps nobody twice.
        let cleared = mark(&mut b, &m, 3, "none", "");
        assert!(cleared.absent.iter().all(|a| a.member != 3));
    }

    #[test]
    fn prefill_puts_the_books_on_agenda_3_and_4_and_certified_minutes_refuse_a_tick() {
        let mut b = books();
        let plain = open(&mut b, false);
        assert!(plain.agenda.iter().all(|a| a.items.is_empty()));
        let m = open(&mut b, true);
        let sources = |n: usize| -> Vec<String> {
            m.agenda[n].items.iter().map(|i| i.source.clone()).collect()
        };
        assert_eq!(sources(2), vec!["books:fund"]);
        assert_eq!(sources(3), vec!["books:members", "books:arrears"]);
        assert!(m.agenda[2].items[0].text.contains("เหรัญญิกรายงานฐานะการเงิน"));

        // The first meeting is certified when the next one of its kind closes: no more ticks.
        let close = |b: &mut Books, meeting: &str| {
            b.close_meeting(&CloseInput {
                meeting: meeting.into(),
                start: "09:00".into(),
                end: "10:00".into(),
                recorder: "1".into(),
                checker: String::new(),
            })
            .unwrap()
        };
        close(&mut b, &plain.meeting);
        let closed = close(&mut b, &m.meeting);
        assert_eq!(closed.certifies.as_deref(), Some(plain.meeting.as_str()));
        let refused = b
            .meeting_attend(&AttendInput {
                meeting: plain.meeting.clone(),
                member: "1".into(),
                status: "none".into(),
                ..AttendInput::default()
            })
            .unwrap_err();
        assert!(refused.to_string().contains("รับรองแล้ว"), "{refused}");
    }
}
