//! `sajja committee …` and `sajja meeting …`: the committee register, meetings, attendance,
//! agenda items and closing. Meetings are named by number (`2568/03`).

use std::path::Path;

use clap::{ArgGroup, Args, Subcommand};
use sajja_core::committee::{Seat, SeatInput};
use sajja_core::meeting::{AttendInput, CloseInput, GuestInput, ItemInput, Meeting, MeetingInput};
use sajja_core::thai::{self, Digits};
use sajja_core::{Books, Result};

use super::Out;

#[derive(Subcommand)]
pub enum CommitteeCommand {
    /// บันทึกผู้ดำรงตำแหน่งกรรมการ (หรือวันพ้นตำแหน่งด้วย --to)
    Set(SetArgs),
    /// ทะเบียนคณะกรรมการ ณ วันที่ (ไม่ใส่วันที่: ประวัติทั้งหมด)
    List {
        /// วันที่ เช่น 1/3/2568
        #[arg(long, default_value = "", hide_default_value = true)]
        date: String,
    },
}

#[derive(Args)]
pub struct SetArgs {
    /// loans | executive | audit | promotion
    #[arg(long)]
    committee: String,
    /// เลขที่สมาชิก
    #[arg(long)]
    member: String,
    /// ตำแหน่ง เช่น ประธาน รองประธาน เลขานุการ เหรัญญิก ปฏิคม กรรมการ
    #[arg(long)]
    position: String,
    /// วันที่เริ่มดำรงตำแหน่ง
    #[arg(long)]
    from: String,
    /// วันที่พ้นตำแหน่ง (ถ้ามี)
    #[arg(long, default_value = "", hide_default_value = true)]
    to: String,
    /// การประชุมที่เลือกตั้ง เช่น 2568/01 (ถ้ามี)
    #[arg(long, default_value = "", hide_default_value = true)]
    meeting: String,
}

#[derive(Subcommand)]
pub enum MeetingCommand {
    /// เปิดการประชุมใหม่ (ได้เลขที่ เช่น 2568/03)
    New {
        /// committee | monthly | annual | extraordinary
        #[arg(long)]
        kind: String,
        #[arg(long)]
        date: String,
        /// สถานที่ประชุม
        #[arg(long, default_value = "", hide_default_value = true)]
        place: String,
    },
    /// บันทึกการมาประชุมของสมาชิกหรือกรรมการ
    Attend(AttendArgs),
    /// ผู้เข้าร่วมประชุมที่ไม่ใช่กรรมการ เช่น พัฒนากร
    Guest {
        #[arg(long)]
        meeting: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "", hide_default_value = true)]
        position: String,
    },
    /// เพิ่มเรื่องในระเบียบวาระ พร้อมมติที่ประชุม
    Item(ItemArgs),
    /// ปิดการประชุม: เวลาเริ่มและเลิกประชุม ผู้จดและผู้ตรวจรายงาน
    Close {
        #[arg(long)]
        meeting: String,
        /// เวลาเริ่มประชุม เช่น 09:30
        #[arg(long)]
        start: String,
        /// เวลาเลิกประชุม เช่น 11:45
        #[arg(long)]
        end: String,
        /// เลขที่สมาชิกของผู้จดรายงานการประชุม
        #[arg(long)]
        recorder: String,
        /// เลขที่สมาชิกของผู้ตรวจรายงานการประชุม
        #[arg(long, default_value = "", hide_default_value = true)]
        checker: String,
    },
    /// การประชุมพร้อมรายงานการประชุม
    Show {
        #[arg(long)]
        meeting: String,
    },
    /// เรื่องจากบัญชีที่เสนอที่ประชุมได้: ฐานะการเงิน สมาชิกเข้าออก คำขอกู้ที่รอ ลูกหนี้ค้าง; การประชุมใหญ่: งบการเงินและการจัดสรรกำไรของปีบัญชีที่สิ้นสุดก่อนวันประชุม
    Offers {
        #[arg(long)]
        meeting: String,
    },
    /// รายการการประชุม
    List,
}

#[derive(Args)]
#[command(group(ArgGroup::new("mark").required(true).args(["present", "absent", "substitute_for"])))]
pub struct AttendArgs {
    #[arg(long)]
    meeting: String,
    /// เลขที่สมาชิก
    #[arg(long)]
    member: String,
    /// มาประชุม
    #[arg(long)]
    present: bool,
    /// ไม่มาประชุม
    #[arg(long)]
    absent: bool,
    /// เหตุที่ไม่มาประชุม
    #[arg(
        long,
        default_value = "",
        hide_default_value = true,
        requires = "absent"
    )]
    reason: String,
    /// มาประชุมแทนกรรมการเลขที่สมาชิกนี้
    #[arg(long = "substitute-for")]
    substitute_for: Option<String>,
}

#[derive(Args)]
pub struct ItemArgs {
    #[arg(long)]
    meeting: String,
    /// ระเบียบวาระที่ 1–5
    #[arg(long)]
    agenda: String,
    /// ชื่อเรื่อง
    #[arg(long, default_value = "", hide_default_value = true)]
    title: String,
    /// รายละเอียด
    #[arg(long, default_value = "", hide_default_value = true)]
    text: String,
    /// มติที่ประชุม
    #[arg(long, default_value = "", hide_default_value = true)]
    resolution: String,
    #[arg(long = "votes-for", default_value = "", hide_default_value = true)]
    votes_for: String,
    #[arg(long = "votes-against", default_value = "", hide_default_value = true)]
    votes_against: String,
    #[arg(long = "votes-abstain", default_value = "", hide_default_value = true)]
    votes_abstain: String,
    /// เรื่องจากบัญชี: fund | members | loans | arrears; การประชุมใหญ่: statements (งบการเงินประจำปี) | allocation (การจัดสรรกำไร)
    #[arg(long = "from-books", default_value = "", hide_default_value = true)]
    from_books: String,
}

fn seat_line(s: &Seat) -> String {
    format!(
        "{:<22} {:<28} เลขที่ {:>4} {}  {} – {}{}",
        s.committee_label,
        s.title(),
        s.member,
        s.name,
        super::thai_date(s.from),
        s.to.map(super::thai_date).unwrap_or_default(),
        s.meeting
            .as_deref()
            .map(|m| format!(" (ประชุม {m})"))
            .unwrap_or_default()
    )
}

pub fn committee(path: &Path, c: &CommitteeCommand, out: Out) -> Result<()> {
    match c {
        CommitteeCommand::Set(a) => {
            let mut books = Books::open(path)?;
            let seat = books.set_seat(&SeatInput {
                committee: a.committee.clone(),
                member: a.member.clone(),
                position: a.position.clone(),
                from: a.from.clone(),
                to: a.to.clone(),
                meeting: a.meeting.clone(),
            })?;
            out.print(&seat, || format!("บันทึกแล้ว: {}", seat_line(&seat)))
        }
        CommitteeCommand::List { date } => {
            let books = Books::open(path)?;
            let list = books.committee(date)?;
            out.print(&list, || {
                if list.is_empty() {
                    return "ยังไม่มีกรรมการในทะเบียน — บันทึกด้วย sajja committee set (ระหว่างนี้ใช้กฎเดิม: สมาชิกที่ไม่ใช่ผู้กู้ ผู้บันทึกคำขอ หรือผู้ค้ำ อนุมัติเงินกู้ได้)".into();
                }
                list.iter().map(seat_line).collect::<Vec<_>>().join("\n")
            })
        }
    }
}

fn minutes_text(m: &Meeting) -> String {
    let mut s = format!(
        "รายงานการประชุม{}\nครั้งที่ {}\nเมื่อ {}\nณ {}\n",
        m.body,
        m.number_label,
        thai::format_date_long(m.date, Digits::Arabic),
        if m.place.is_empty() { "-" } else { &m.place }
    );
    s += &format!("ผู้มาประชุม {} คน\n", m.present.len());
    for (i, a) in m.present.iter().enumerate() {
        match &a.substitute_for {
            Some(f) => {
                s += &format!(
                    "  {}. {} มาประชุมแทน {} ({})\n",
                    i + 1,
                    a.name,
                    f.name,
                    f.position
                )
            }
            None => s += &format!("  {}. {} {}\n", i + 1, a.name, a.position),
        }
    }
    s += &format!("ผู้ไม่มาประชุม {} คน\n", m.absent_count);
    for (i, a) in m.absent.iter().enumerate() {
        let why = if a.reason.is_empty() {
            String::new()
        } else {
            format!(" ({})", a.reason)
        };
        s += &format!("  {}. {} {}{why}\n", i + 1, a.name, a.position);
    }
    if !m.guests.is_empty() {
        s += "ผู้เข้าร่วมประชุม\n";
        for (i, g) in m.guests.iter().enumerate() {
            s += &format!("  {}. {} {}\n", i + 1, g.name, g.position);
        }
    }
    s += &format!("{}\n", m.quorum.text);
    s += &format!("เริ่มประชุมเวลา {} น.\n", m.start.as_deref().unwrap_or("-"));
    for a in &m.agenda {
        s += &format!("ระเบียบวาระที่ {} {}\n", a.number, a.title);
        for (i, it) in a.items.iter().enumerate() {
            s += &format!("  {}.{} {}\n", a.number, i + 1, it.title);
            for line in it.text.lines() {
                s += &format!("      {line}\n");
            }
            if !it.resolution.is_empty() {
                s += &format!("      มติที่ประชุม {}\n", it.resolution);
            }
        }
    }
    s += &format!("เลิกประชุมเวลา {} น.\n", m.end.as_deref().unwrap_or("-"));
    if let Some(r) = &m.recorder {
        s += &format!("ผู้จดรายงานการประชุม {} {}\n", r.name, r.position);
    }
    if let Some(c) = &m.checker {
        s += &format!("ผู้ตรวจรายงานการประชุม {} {}\n", c.name, c.position);
    }
    match (&m.certified_by, m.closed) {
        (Some(by), _) => s += &format!("รับรองแล้วในการประชุม {by} (แก้ไขไม่ได้)"),
        (None, true) => s += "ปิดการประชุมแล้ว รอรับรองในการประชุมครั้งถัดไป",
        (None, false) => s += "ยังไม่ปิดการประชุม",
    }
    s
}

pub fn meeting(path: &Path, c: &MeetingCommand, out: Out) -> Result<()> {
    let mut books = Books::open(path)?;
    let shown = |out: Out, m: &Meeting, done: &str| -> Result<()> {
        out.print(m, || format!("{done}\n{}", minutes_text(m)))
    };
    match c {
        MeetingCommand::New { kind, date, place } => {
            let m = books.new_meeting(&MeetingInput {
                kind: kind.clone(),
                date: date.clone(),
                place: place.clone(),
                ..MeetingInput::default()
            })?;
            out.print(&m, || {
                format!(
                    "เปิด{} ครั้งที่ {} (เลขที่ {}) วันที่ {}",
                    m.kind_label,
                    m.number_label,
                    m.meeting,
                    super::thai_date(m.date)
                )
            })
        }
        MeetingCommand::Attend(a) => {
            let (status, sub) = match (&a.substitute_for, a.absent) {
                (Some(s), _) => ("substitute", s.clone()),
                (None, true) => ("absent", String::new()),
                (None, false) => ("present", String::new()),
            };
            let m = books.meeting_attend(&AttendInput {
                meeting: a.meeting.clone(),
                member: a.member.clone(),
                status: status.into(),
                reason: a.reason.clone(),
                substitute_for: sub,
            })?;
            out.print(&m, || {
                format!(
                    "บันทึกแล้ว — มาประชุม {} คน: {}",
                    m.present.len(),
                    m.quorum.text
                )
            })
        }
        MeetingCommand::Guest {
            meeting,
            name,
            position,
        } => {
            let m = books.meeting_guest(&GuestInput {
                meeting: meeting.clone(),
                name: name.clone(),
                position: position.clone(),
            })?;
            out.print(&m, || {
                format!("บันทึกผู้เข้าร่วมประชุมแล้ว ({} คน)", m.guests.len())
            })
        }
        MeetingCommand::Item(a) => {
            let m = books.meeting_item(&ItemInput {
                meeting: a.meeting.clone(),
                agenda: a.agenda.clone(),
                title: a.title.clone(),
                text: a.text.clone(),
                resolution: a.resolution.clone(),
                votes_for: a.votes_for.clone(),
                votes_against: a.votes_against.clone(),
                votes_abstain: a.votes_abstain.clone(),
                from_books: a.from_books.clone(),
            })?;
            shown(out, &m, "เพิ่มเรื่องแล้ว")
        }
        MeetingCommand::Close {
            meeting,
            start,
            end,
            recorder,
            checker,
        } => {
            let m = books.close_meeting(&CloseInput {
                meeting: meeting.clone(),
                start: start.clone(),
                end: end.clone(),
                recorder: recorder.clone(),
                checker: checker.clone(),
            })?;
            shown(out, &m, "ปิดการประชุมแล้ว")
        }
        MeetingCommand::Show { meeting } => {
            let m = books.meeting(meeting)?;
            out.print(&m, || minutes_text(&m))
        }
        MeetingCommand::Offers { meeting } => {
            let o = books.meeting_offers(meeting)?;
            out.print(&o, || {
                let mut s = format!(
                    "เดือน{}: รายรับ {} รายจ่าย {} เงินสด {} ธนาคาร {}\nสมาชิกเข้าใหม่ {} คน พ้นสภาพ {} คน\nคำขอกู้รอพิจารณา {} ราย\nลูกหนี้ค้างชำระ {} ราย",
                    o.month_label,
                    o.fund.receipts.grouped(),
                    o.fund.payments.grouped(),
                    o.fund.cash.grouped(),
                    o.fund.bank.grouped(),
                    o.admitted.len(),
                    o.leaving.len(),
                    o.waiting_loans.len(),
                    o.arrears.len()
                );
                if let Some(y) = &o.year_end {
                    s += &format!(
                        "\nปีบัญชี {}: รายได้ {} ค่าใช้จ่าย {} กำไรสุทธิ {} (ทุนค่าใช้สอย รับ {} จ่าย {})\nสินทรัพย์รวม {} หนี้สินและทุนรวม {}",
                        y.year,
                        y.operating_income.grouped(),
                        y.operating_expenses.grouped(),
                        y.net_profit.grouped(),
                        y.expense_fund_income.grouped(),
                        y.expense_fund_expenses.grouped(),
                        y.total_assets.grouped(),
                        y.total_liabilities_and_funds.grouped()
                    );
                    for p in &y.allocation {
                        s += &format!("\n  {:<36} {:>6}%  {:>14}", p.label, p.percent, p.amount.grouped());
                    }
                    if !y.allocation_note.is_empty() {
                        s += &format!("\n{}", y.allocation_note);
                    }
                } else if !o.year_end_note.is_empty() {
                    s += &format!("\n{}", o.year_end_note);
                }
                s
            })
        }
        MeetingCommand::List => {
            let list = books.meetings()?;
            out.print(&list, || {
                list.iter()
                    .map(|m| {
                        format!(
                            "{}  {}  {}  มา {} คน  {} เรื่อง  {}",
                            m.meeting,
                            super::thai_date(m.date),
                            m.kind_label,
                            m.present,
                            m.items,
                            if m.certified {
                                "รับรองแล้ว"
                            } else if m.closed {
                                "ปิดแล้ว"
                            } else {
                                "ยังไม่ปิด"
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}
