//! The loan application (คำขอกู้เงิน), the loan contract (สัญญากู้เงิน) and the guarantee
//! contract (สัญญาค้ำประกัน), printed from the loan record: the parties, the amount in figures and in words (the group's bahttext
//! convention), the rate in the product's own word (ดอกเบี้ย or ค่าบำรุง), the term and the
//! schedule, the guarantors, and the signature and witness blocks.
//!
//! Every figure is a field of the loan card or its contract schedule; the renderer only
//! formats them. The contract's date is the payout date; before the payout it is left to be
//! written by hand, and the schedule's due dates are marked as counted from the payout.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::common::{self, Look};
use super::flow::Flow;
use crate::committee::{self, Seat};
use crate::error::{Error, Result};
use crate::loan::{LoanCard, LoanStatus, LoanSummary, ScheduleView};
use crate::member::Member;
use crate::print::{Align, Column, DocBuilder, Engine, PageSetup, Signature, Table, TextStyle};
use crate::report::Letterhead;

/// Titles of the three documents.
pub const APPLICATION_TITLE: &str = "คำขอกู้เงิน";
pub const CONTRACT_TITLE: &str = "สัญญากู้เงิน";
pub const GUARANTEE_TITLE: &str = "สัญญาค้ำประกัน";

const PT: f32 = 14.0;

/// Everything the two contracts print, gathered from the books.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoanPapers {
    pub card: LoanCard,
    pub schedule: ScheduleView,
    pub borrower: Member,
    /// The guarantors bound today, as members (for their ID number and address).
    pub guarantors: Vec<Member>,
    /// Who signs for the group: the executive chair and the treasurer on the contract date
    /// (from the committee register; empty names are left for hand writing).
    pub chair: Option<Seat>,
    pub treasurer: Option<Seat>,
    /// The contract date: the payout, if the loan has been paid out.
    pub date: Option<NaiveDate>,
}

/// Gathers the papers of `loan`, refusing a loan that was never approved.
///
/// # Errors
/// Unknown loan, a loan still waiting for approval or rejected.
pub fn gather(conn: &Connection, loan: &str) -> Result<LoanPapers> {
    let p = gather_record(conn, loan)?;
    match p.card.summary.status {
        LoanStatus::Applied => {
            return Err(Error::Refused(format!(
                "เงินกู้เลขที่ {} ยังรออนุมัติ — พิมพ์สัญญาได้เมื่อคณะกรรมการเงินกู้อนุมัติแล้ว (คำขอกู้พิมพ์ได้เลย: sajja print loan-application)",
                p.card.summary.loan
            )))
        }
        LoanStatus::Rejected => {
            return Err(Error::Refused(format!(
                "เงินกู้เลขที่ {} ไม่ได้รับอนุมัติ — ไม่มีสัญญาให้พิมพ์",
                p.card.summary.loan
            )))
        }
        _ => {}
    }
    Ok(p)
}

/// Gathers what the papers of `loan` print, whatever its status: the application is printed
/// from the day it is recorded, approved or not.
///
/// # Errors
/// No loan number, an unknown loan.
pub fn gather_record(conn: &Connection, loan: &str) -> Result<LoanPapers> {
    if loan.trim().is_empty() {
        return Err(Error::invalid("loan", "ใส่เลขที่สัญญาเงินกู้ เช่น 2568/001"));
    }
    let card = crate::loan::card(conn, loan, crate::clock::today())?;
    let schedule = crate::loan::schedule_view(conn, loan)?;
    let borrower = crate::member::get(conn, card.summary.member)?;
    let guarantors = card
        .summary
        .guarantors
        .iter()
        .map(|g| crate::member::get(conn, g.member))
        .collect::<Result<Vec<_>>>()?;
    let date = card.summary.disbursed_on;
    let on = date
        .or(card.summary.approved_on)
        .unwrap_or(card.summary.applied_on);
    let officers = committee::holders(conn, "executive", on)?;
    let chair = officers.iter().find(|s| s.position == "ประธาน").cloned();
    let treasurer = officers.iter().find(|s| s.position == "เหรัญญิก").cloned();
    Ok(LoanPapers {
        card,
        schedule,
        borrower,
        guarantors,
        chair,
        treasurer,
        date,
    })
}

/// Age in whole years on `on`.
fn age(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// `นายสมชาย ใจดี สมาชิกเลขที่ 12 เลขประจำตัวประชาชน 3 4101 00123 45 6 อายุ 45 ปี อยู่บ้านเลขที่ …`:
/// who a party is, as contracts describe them.
pub(crate) fn party(look: &Look, m: &Member, on: NaiveDate) -> String {
    let mut s = format!(
        "{} สมาชิกเลขที่ {}",
        m.full_name,
        look.num(m.number.to_string())
    );
    match &m.id_card {
        Some(id) => s.push_str(&format!(" เลขประจำตัวประชาชน {}", look.num(id))),
        None => s.push_str(" เลขประจำตัวประชาชน ........................"),
    }
    match m.birth_date {
        Some(b) => s.push_str(&look.num(format!(" อายุ {} ปี", age(b, on)))),
        None => s.push_str(" อายุ ........ ปี"),
    }
    if m.address.is_empty() {
        s.push_str(" อยู่บ้านเลขที่ ............ หมู่ที่ ...... ตำบล .....................");
    } else {
        s.push_str(&format!(" อยู่{}", look.num(&m.address)));
    }
    s
}

/// `ร้อยละ 1 ต่อเดือน`.
fn rate(look: &Look, card: &LoanCard) -> String {
    look.num(format!("ร้อยละ {} ต่อเดือน", card.summary.rate))
}

/// `ร้อยละ 1 ต่อเดือน (คิดเป็นร้อยละ 12 ต่อปี) คิดแบบลดต้นลดดอก`: the rate as the
/// application and the contract both state it.
fn rate_terms(look: &Look, card: &LoanCard) -> String {
    let s = &card.summary;
    format!(
        "{} (คิดเป็นร้อยละ {} ต่อปี) คิดแบบ{}",
        rate(look, card),
        look.num(&s.nominal_annual_rate),
        s.method_label
    )
}

/// ` เพื่อใช้ในการ…`: what the loan is for, or `none` when the record does not say.
fn purpose(s: &LoanSummary, none: &str) -> String {
    if s.purpose.is_empty() {
        none.to_string()
    } else {
        format!(" เพื่อใช้ในการ{}", s.purpose.trim_start_matches("เพื่อ"))
    }
}

/// `นายก (สมาชิกเลขที่ 3) และ นางข (สมาชิกเลขที่ 9)`: the guarantors as the papers name them.
fn guarantor_names(look: &Look, guarantors: &[Member]) -> String {
    guarantors
        .iter()
        .map(|g| {
            format!(
                "{} (สมาชิกเลขที่ {})",
                g.full_name,
                look.num(g.number.to_string())
            )
        })
        .collect::<Vec<_>>()
        .join(" และ ")
}

/// ` ในการประชุมครั้งที่ 3/2568`: the committee meeting of a decision, or nothing when none
/// is recorded.
fn at_meeting(look: &Look, meeting: Option<&str>) -> String {
    match meeting {
        Some(m) => format!(" ในการประชุมครั้งที่ {}", look.num(crate::meeting_ref::label(m))),
        None => String::new(),
    }
}

/// `20,000.00 บาท (สองหมื่นบาทถ้วน)`.
fn amount(look: &Look, m: crate::Money) -> String {
    format!("{} บาท ({})", look.amount(m), look.words(m))
}

/// The date line of a contract: the payout date, or a line to write it in by hand.
fn dated(look: &Look, date: Option<NaiveDate>) -> String {
    match date {
        Some(d) => format!("วันที่ {}", look.date_long(d)),
        None => "วันที่ ........ เดือน .................... พ.ศ. ............".to_string(),
    }
}

/// Starts a loan paper on a new page of `doc` under its head: its title and number centred,
/// where and when it is made on the right. Its pages are numbered at the foot, so a
/// continuation page keeps no room at the top.
fn start<'d, 'e>(
    doc: &'d mut DocBuilder<'e>,
    title: &str,
    number: &str,
    place: &str,
    date: &str,
) -> Flow<'d, 'e> {
    let mut f = Flow::new(doc, TextStyle::new(PT));
    f.head_lines = 0.0;
    let cx = f.width() / 2.0;
    let body = f.style;
    f.line(cx, title, &body.bold().size(20.0).align(Align::Centre));
    f.line(cx, number, &body.align(Align::Centre));
    f.gap(2.0);
    let right = f.width();
    f.line(right, place, &body.align(Align::Right));
    f.line(right, date, &body.align(Align::Right));
    f.gap(2.0);
    f
}

fn seat_signature(seat: &Option<Seat>, position: &str) -> Signature {
    match seat {
        Some(s) => Signature::new(s.name.clone(), position),
        None => Signature::new("", position),
    }
}

/// The schedule table under the contract: the contract's own schedule, instalment by
/// instalment, with its totals.
fn schedule_table(engine: &Engine, look: &Look, p: &LoanPapers, width: f32) -> Table {
    let s = &p.schedule;
    let pt = look.fit_pt(13.0);
    let date_w = common::fit_width(engine, &look.date_numeric(p.schedule.from), pt).max(28.0);
    let w = (width - 14.0 - date_w) / 4.0;
    let mut t = Table::new(vec![
        Column::centre("งวดที่", 14.0),
        Column::centre("ครบกำหนด", date_w),
        Column::right("เงินต้น", w),
        Column::right(s.charge_word.clone(), w),
        Column::right("รวมส่ง", w),
        Column::right("ต้นคงเหลือ", w),
    ]);
    t.style = common::table_style(pt);
    for i in &s.installments {
        t.row([
            look.num(i.no.to_string()),
            look.date_numeric(i.due),
            look.amount(i.principal),
            look.amount(i.interest),
            look.amount(i.total),
            look.amount(i.balance),
        ]);
    }
    t.total_row([
        String::new(),
        "รวม".to_string(),
        look.amount(s.amount),
        look.amount(s.total_interest),
        look.amount(s.total_payments),
        String::new(),
    ]);
    t
}

/// The loan contract: the parties, the clauses, the signatures and witnesses, the receipt of
/// the money, then the schedule.
///
/// # Errors
/// A layout failure of the schedule table (wider than the page).
pub fn contract<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    look: Look,
    p: &LoanPapers,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let s = &p.card.summary;
    let on = p.date.unwrap_or(printed);
    let mut doc = DocBuilder::new(engine, PageSetup::a4_portrait());
    doc.set_title(format!("{CONTRACT_TITLE} เลขที่ {}", s.loan));
    let body = TextStyle::new(PT);
    let bold = body.bold();
    let table_y;
    {
        let mut f = start(
            &mut doc,
            CONTRACT_TITLE,
            &format!("สัญญาเลขที่ {}", look.num(&s.loan)),
            &format!("ทำที่ {}", lh.group),
            &dated(&look, p.date),
        );
        let cx = f.width() / 2.0;
        f.paragraph(
            0.0,
            15.0,
            &format!(
                "ข้าพเจ้า {} ซึ่งต่อไปในสัญญานี้เรียกว่า \"ผู้กู้\" ได้ทำสัญญากู้เงินไว้ต่อ{} ซึ่งต่อไปในสัญญานี้เรียกว่า \"กลุ่ม\" ดังมีข้อความต่อไปนี้",
                party(&look, &p.borrower, on),
                lh.group
            ),
        );
        let purpose = purpose(s, "");
        let mut clauses = vec![
            format!(
                "ผู้กู้ได้กู้เงินจากกลุ่ม ประเภท{} เป็นจำนวนเงิน {}{purpose}",
                s.product_name,
                amount(&look, s.amount)
            ),
            format!(
                "ผู้กู้ยอมเสีย{}ให้แก่กลุ่มในอัตรา{}",
                s.charge_word,
                rate_terms(&look, &p.card)
            ),
            {
                let first = p.schedule.installments.first();
                let last = p.schedule.installments.last();
                let when = match (first, last) {
                    (Some(a), Some(b)) => format!(
                        " งวดแรกภายในวันที่ {} งวดสุดท้ายภายในวันที่ {}",
                        look.date_long(a.due),
                        look.date_long(b.due)
                    ),
                    _ => String::new(),
                };
                let provisional = if p.schedule.provisional_dates {
                    " (วันครบกำหนดนับจากวันที่ได้รับเงินกู้ หากรับเงินวันอื่น วันครบกำหนดเลื่อนตาม)"
                } else {
                    ""
                };
                format!(
                    "ผู้กู้จะส่งคืนเงินกู้เป็นงวดรายเดือน รวม {} งวด{when}{provisional} ตามตารางการส่งคืนเงินกู้ท้ายสัญญานี้ รวมเงินต้น {} บาท {}ตามตาราง {} บาท รวมทั้งสิ้น {}",
                    look.num(s.months.to_string()),
                    look.amount(p.schedule.amount),
                    s.charge_word,
                    look.amount(p.schedule.total_interest),
                    amount(&look, p.schedule.total_payments)
                )
            },
        ];
        if p.guarantors.is_empty() {
            clauses
                .push("เงินกู้นี้ไม่มีผู้ค้ำประกัน ผู้กู้ยอมให้เงินสัจจะสะสมของผู้กู้เป็นหลักประกันตามระเบียบของกลุ่ม".into());
        } else {
            clauses.push(format!(
                "ผู้กู้ได้จัดให้ {} เป็นผู้ค้ำประกันเงินกู้นี้ ตามสัญญาค้ำประกันที่ทำไว้ต่อกลุ่มต่างหาก",
                guarantor_names(&look, &p.guarantors)
            ));
        }
        clauses.push(format!(
            "หากผู้กู้ผิดนัดส่งเงินงวดใด ผู้กู้ยอมเสียค่าปรับตามระเบียบของกลุ่ม และยอมเสีย{}สำหรับเงินต้นที่ยังค้างอยู่จนกว่าจะชำระเสร็จ",
            s.charge_word
        ));
        clauses.push(
            "ผู้กู้จะใช้เงินกู้ตามวัตถุประสงค์ที่ระบุไว้ และยินยอมให้คณะกรรมการเงินกู้ติดตามการใช้เงินกู้ หากผู้กู้ใช้เงินผิดวัตถุประสงค์หรือผิดสัญญาข้อใด กลุ่มเรียกให้ส่งเงินกู้ที่เหลือทั้งหมดคืนได้ทันที".into(),
        );
        f.clauses(&look, &clauses);
        if let (Some(on), Some(by)) = (s.approved_on, &s.approved_by) {
            let at = at_meeting(&look, s.meeting.as_deref());
            f.gap(1.0);
            f.paragraph(
                0.0,
                15.0,
                &format!(
                    "เงินกู้นี้ได้รับอนุมัติจากคณะกรรมการเงินกู้ เมื่อวันที่ {}{at} ลงนามอนุมัติโดย {}",
                    look.date_long(on),
                    by.name
                ),
            );
        }
        f.gap(1.0);
        f.paragraph(
            0.0,
            15.0,
            "ผู้กู้ได้อ่านและเข้าใจข้อความในสัญญานี้โดยตลอดแล้ว เห็นว่าถูกต้องตามความประสงค์ จึงได้ลงลายมือชื่อไว้เป็นสำคัญต่อหน้าพยาน",
        );
        f.gap(4.0);
        f.signatures(&[
            Signature::new(p.borrower.full_name.clone(), "ผู้กู้"),
            seat_signature(&p.chair, "ประธานกรรมการ ผู้ให้กู้แทนกลุ่ม"),
        ]);
        f.gap(4.0);
        f.signatures(&[Signature::new("", "พยาน"), Signature::new("", "พยาน")]);
        f.gap(6.0);
        f.room(5);
        f.paragraph(
            0.0,
            15.0,
            &format!(
                "ข้าพเจ้า {} ได้รับเงินกู้จำนวน {} ตามสัญญานี้ไปถูกต้องครบถ้วนแล้ว",
                p.borrower.full_name,
                amount(&look, s.amount)
            ),
        );
        f.gap(4.0);
        f.signatures(&[
            Signature::new(p.borrower.full_name.clone(), "ผู้รับเงิน"),
            seat_signature(&p.treasurer, "เหรัญญิก ผู้จ่ายเงิน"),
        ]);
        // The schedule on a page of its own: it is read beside the passbook for years.
        f.page_break();
        f.y = f.doc.setup().top();
        f.line(
            cx,
            &format!("ตารางการส่งคืนเงินกู้ท้ายสัญญาเลขที่ {}", look.num(&s.loan)),
            &bold.size(17.0).align(Align::Centre),
        );
        let sub = format!(
            "{} จำนวน {} บาท {} งวด {}{} คิดแบบ{}",
            p.borrower.full_name,
            look.amount(s.amount),
            look.num(s.months.to_string()),
            s.charge_word,
            rate(&look, &p.card),
            s.method_label
        );
        for l in engine.break_lines(&sub, body.font, body.size_pt, f.width()) {
            f.line(cx, &l, &body.align(Align::Centre));
        }
        if p.schedule.provisional_dates {
            f.line(
                cx,
                "วันครบกำหนดนับจากวันที่ได้รับเงินกู้ (ยังไม่ได้จ่ายเงินกู้)",
                &body.size(13.0).align(Align::Centre),
            );
        }
        f.gap(2.0);
        table_y = f.y;
    }
    let width = doc.setup().content_width();
    let x = doc.setup().left();
    let table = schedule_table(engine, &look, p, width);
    doc.table(&table, x, table_y, |page| page.setup().top())?;
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}

/// The loan application (คำขอกู้เงิน) as the borrower signs it on the day it is recorded:
/// addressed to the loan committee, the borrower, the amount in figures and words, the
/// purpose, the rate in the product's word, the term with the first instalment and the
/// schedule's totals, the guarantors (each signs their consent), and the committee's
/// decision — as recorded when there is one, else left to be filled in at the meeting.
///
/// # Errors
/// A layout failure (never expected: the application is running text).
pub fn application<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    look: Look,
    p: &LoanPapers,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let s = &p.card.summary;
    let on = s.applied_on;
    let mut doc = DocBuilder::new(engine, PageSetup::a4_portrait());
    doc.set_title(format!("{APPLICATION_TITLE} เลขที่ {}", s.loan));
    let body = TextStyle::new(PT);
    let bold = body.bold();
    {
        let mut f = start(
            &mut doc,
            APPLICATION_TITLE,
            &format!("คำขอเลขที่ {}", look.num(&s.loan)),
            &format!("เขียนที่ {}", lh.group),
            &format!("วันที่ {}", look.date_long(on)),
        );
        f.line(0.0, &format!("เรียน คณะกรรมการเงินกู้{}", lh.group), &body);
        f.gap(1.0);
        f.paragraph(
            0.0,
            15.0,
            &format!(
                "ข้าพเจ้า {} ขอเสนอคำขอกู้เงินต่อคณะกรรมการเงินกู้เพื่อโปรดพิจารณา ดังต่อไปนี้",
                party(&look, &p.borrower, on)
            ),
        );
        let purpose = purpose(
            s,
            " เพื่อใช้ในการ ..........................................................",
        );
        let first = p.schedule.installments.first();
        let mut clauses = vec![
            format!(
                "ข้าพเจ้าขอกู้เงินประเภท{} จำนวน {}{purpose}",
                s.product_name,
                amount(&look, s.amount)
            ),
            format!(
                "ข้าพเจ้ายินยอมเสีย{}ในอัตรา{}",
                s.charge_word,
                rate_terms(&look, &p.card)
            ),
            format!(
                "ข้าพเจ้าขอส่งคืนเงินกู้เป็นงวดรายเดือน รวม {} งวด{} รวมเงินต้น {} บาท {}ตามตาราง {} บาท รวมทั้งสิ้น {} บาท{}",
                look.num(s.months.to_string()),
                match first {
                    Some(i) => format!(" งวดแรก {} บาท", look.amount(i.total)),
                    None => String::new(),
                },
                look.amount(p.schedule.amount),
                s.charge_word,
                look.amount(p.schedule.total_interest),
                look.amount(p.schedule.total_payments),
                if p.schedule.provisional_dates {
                    " โดยงวดแรกครบกำหนดในวันรับเงินของเดือนถัดจากเดือนที่ได้รับเงินกู้"
                } else {
                    ""
                }
            ),
        ];
        if p.guarantors.is_empty() {
            clauses.push(
                "ข้าพเจ้าไม่มีผู้ค้ำประกัน และยินยอมให้เงินสัจจะสะสมของข้าพเจ้าเป็นหลักประกันตามระเบียบของกลุ่ม".into(),
            );
        } else {
            clauses.push(format!(
                "ข้าพเจ้าขอเสนอ {} เป็นผู้ค้ำประกัน ซึ่งได้ลงลายมือชื่อยินยอมไว้ท้ายคำขอนี้",
                guarantor_names(&look, &p.guarantors)
            ));
        }
        clauses.push(
            "หากคณะกรรมการเงินกู้อนุมัติ ข้าพเจ้าจะทำสัญญากู้เงินตามแบบของกลุ่ม และปฏิบัติตามระเบียบของกลุ่มทุกประการ"
                .into(),
        );
        f.clauses(&look, &clauses);
        f.gap(4.0);
        let mut signs = vec![Signature::new(p.borrower.full_name.clone(), "ผู้ขอกู้")];
        if let Some(r) = &s.recorded_by {
            signs.push(Signature::new(r.name.clone(), "ผู้รับคำขอ"));
        } else {
            signs.push(Signature::new("", "ผู้รับคำขอ"));
        }
        f.signatures(&signs);
        for pair in p.guarantors.chunks(2) {
            f.gap(4.0);
            let blocks: Vec<Signature> = pair
                .iter()
                .map(|g| Signature::new(g.full_name.clone(), "ผู้ค้ำประกัน (ยินยอม)"))
                .collect();
            f.signatures(&blocks);
        }
        // The committee's part: what it decided, from the loan history, or blank lines.
        f.gap(6.0);
        f.room(6);
        f.line(0.0, "ความเห็นของคณะกรรมการเงินกู้", &bold);
        let rejected = p
            .card
            .events
            .iter()
            .find(|e| e.kind == crate::loan::LoanEventKind::Rejected);
        match (s.approved_on, &s.approved_by, rejected) {
            (Some(d), Some(by), _) => {
                let at = at_meeting(&look, s.meeting.as_deref());
                f.paragraph(
                    0.0,
                    15.0,
                    &format!(
                        "อนุมัติให้กู้ได้ จำนวน {} ผ่อน {} งวด เมื่อวันที่ {}{at} ลงนามอนุมัติโดย {}",
                        amount(&look, s.amount),
                        look.num(s.months.to_string()),
                        look.date_long(d),
                        by.name
                    ),
                );
                f.gap(4.0);
                f.signatures(&[Signature::new(by.name.clone(), "คณะกรรมการเงินกู้")]);
            }
            (_, _, Some(e)) => {
                let at = at_meeting(&look, Some(e.meeting.as_str()).filter(|m| !m.is_empty()));
                f.paragraph(
                    0.0,
                    15.0,
                    &format!(
                        "ไม่อนุมัติ เมื่อวันที่ {}{at} เหตุผล {}",
                        look.date_long(e.date),
                        if e.note.is_empty() { "-" } else { &e.note }
                    ),
                );
                f.gap(4.0);
                let by = e.by.as_ref().map(|b| b.name.clone()).unwrap_or_default();
                f.signatures(&[Signature::new(by, "คณะกรรมการเงินกู้")]);
            }
            _ => {
                f.paragraph(
                    0.0,
                    15.0,
                    "[  ] อนุมัติให้กู้ได้ จำนวน ...................... บาท ผ่อน ........ งวด     [  ] ไม่อนุมัติ เพราะ ..........................................",
                );
                f.gap(4.0);
                f.signatures(&[
                    Signature::new("", "ประธานกรรมการเงินกู้"),
                    Signature::new("", "กรรมการเงินกู้"),
                ]);
            }
        }
    }
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}

/// The guarantee contract: one for each guarantor bound to the loan, each on its own pages.
///
/// # Errors
/// A loan without guarantors has no guarantee to print.
pub fn guarantee<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    look: Look,
    p: &LoanPapers,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let s = &p.card.summary;
    if p.guarantors.is_empty() {
        return Err(Error::Refused(format!(
            "เงินกู้เลขที่ {} ไม่มีผู้ค้ำประกัน — ไม่มีสัญญาค้ำประกันให้พิมพ์",
            s.loan
        )));
    }
    let on = p.date.unwrap_or(printed);
    let mut doc = DocBuilder::new(engine, PageSetup::a4_portrait());
    doc.set_title(format!("{GUARANTEE_TITLE} เงินกู้เลขที่ {}", s.loan));
    for g in &p.guarantors {
        let mut f = start(
            &mut doc,
            GUARANTEE_TITLE,
            &format!("ตามสัญญากู้เงินเลขที่ {}", look.num(&s.loan)),
            &format!("ทำที่ {}", lh.group),
            &dated(&look, p.date),
        );
        f.paragraph(
            0.0,
            15.0,
            &format!(
                "ข้าพเจ้า {} ซึ่งต่อไปในสัญญานี้เรียกว่า \"ผู้ค้ำประกัน\" ได้ทำสัญญาค้ำประกันไว้ต่อ{} ซึ่งต่อไปในสัญญานี้เรียกว่า \"กลุ่ม\" ดังมีข้อความต่อไปนี้",
                party(&look, g, on),
                lh.group
            ),
        );
        let loan_date = match p.date {
            Some(d) => format!(" ลงวันที่ {}", look.date_long(d)),
            None => String::new(),
        };
        let clauses = [
            format!(
                "ตามที่ {} สมาชิกเลขที่ {} ซึ่งต่อไปเรียกว่า \"ผู้กู้\" ได้กู้เงินจากกลุ่มตามสัญญากู้เงินเลขที่ {}{loan_date} เป็นจำนวนเงิน {} {}{} ส่งคืนเป็นงวดรายเดือน {} งวด ผู้ค้ำประกันยอมค้ำประกันการส่งเงินกู้ตามสัญญากู้เงินนั้น ทั้งเงินต้น {} และค่าปรับตามระเบียบของกลุ่ม",
                p.borrower.full_name,
                look.num(p.borrower.number.to_string()),
                look.num(&s.loan),
                amount(&look, s.amount),
                s.charge_word,
                rate(&look, &p.card),
                look.num(s.months.to_string()),
                s.charge_word
            ),
            "หากผู้กู้ผิดนัดไม่ส่งเงินงวดใดงวดหนึ่ง เมื่อกลุ่มมีหนังสือบอกกล่าวไปยังผู้ค้ำประกันแล้ว ผู้ค้ำประกันยอมส่งเงินกู้ที่ค้างนั้นแทนผู้กู้ภายในเวลาที่กลุ่มกำหนด".to_string(),
            "ผู้ค้ำประกันจะไม่ถอนตัวจากการค้ำประกันตลอดเวลาที่ผู้กู้ยังมีหนี้ตามสัญญากู้เงินอยู่ เว้นแต่คณะกรรมการเงินกู้อนุมัติให้เปลี่ยนผู้ค้ำประกันหรือปลดจากการค้ำประกัน และหากผู้ค้ำประกันจะลาออกจากกลุ่ม ต้องให้ผู้กู้ส่งเงินกู้จนหมดหรือจัดหาผู้ค้ำประกันรายใหม่ก่อน".to_string(),
            "ความรับผิดของผู้ค้ำประกันสิ้นสุดเมื่อผู้กู้ส่งเงินกู้ตามสัญญากู้เงินครบถ้วนแล้ว".to_string(),
        ];
        f.clauses(&look, &clauses);
        f.gap(1.0);
        f.paragraph(
            0.0,
            15.0,
            "ผู้ค้ำประกันได้อ่านและเข้าใจข้อความในสัญญานี้โดยตลอดแล้ว จึงได้ลงลายมือชื่อไว้เป็นสำคัญต่อหน้าพยาน",
        );
        f.gap(4.0);
        f.signatures(&[
            Signature::new(g.full_name.clone(), "ผู้ค้ำประกัน"),
            seat_signature(&p.chair, "ประธานกรรมการ ผู้รับสัญญาแทนกลุ่ม"),
        ]);
        f.gap(4.0);
        f.signatures(&[
            Signature::new(p.borrower.full_name.clone(), "ผู้กู้"),
            Signature::new("", "คู่สมรสผู้ค้ำประกัน (ให้ความยินยอม)"),
        ]);
        f.gap(4.0);
        f.signatures(&[Signature::new("", "พยาน"), Signature::new("", "พยาน")]);
    }
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}
