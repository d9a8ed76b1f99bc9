//! A realistic demo group, for looking around and for benchmarks.
//!
//! Deterministic for a given seed: the same seed gives the same members (names, ID numbers,
//! pledges, joining dates). Later capabilities add their activity here so the demo always
//! shows everything the program can do.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::error::Result;
use crate::group::NewGroup;
use crate::idcard;
use crate::member::MemberInput;
use crate::thai::YearMonth;
use crate::Books;

#[derive(Clone, Debug)]
pub struct DemoOptions {
    pub members: u32,
    pub seed: u64,
    /// Months of history up to and including `last_month`.
    pub months: u32,
    pub last_month: YearMonth,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            members: 60,
            seed: 2517,
            months: 24,
            last_month: YearMonth::of(crate::clock::today()),
        }
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct DemoSummary {
    pub path: Option<String>,
    pub group: String,
    pub members: u32,
    pub first_month: String,
    pub last_month: String,
}

const MALE: &[&str] = &[
    "สมชาย",
    "สมศักดิ์",
    "ประเสริฐ",
    "บุญมี",
    "สุรชัย",
    "วิชัย",
    "สมบัติ",
    "ทองดี",
    "บุญเลิศ",
    "ชัยวัฒน์",
    "อนันต์",
    "สมพงษ์",
    "ประยูร",
    "เสถียร",
    "มานพ",
    "สุเทพ",
    "จำลอง",
    "ณรงค์",
    "ไพโรจน์",
    "สมหมาย",
];
const FEMALE: &[&str] = &[
    "สมศรี",
    "มาลี",
    "บุญเรือน",
    "ประไพ",
    "สุนีย์",
    "ทองใบ",
    "จันทร์เพ็ญ",
    "วันเพ็ญ",
    "สมหญิง",
    "อำไพ",
    "บัวผัน",
    "ละเอียด",
    "นงลักษณ์",
    "ปิ่นแก้ว",
    "สายสุนีย์",
    "ศรีนวล",
    "คำปุ่น",
    "ดวงใจ",
    "พิมพ์ใจ",
    "น้ำฝน",
];
const SURNAMES: &[&str] = &[
    "ใจดี",
    "ศรีสุข",
    "มั่นคง",
    "บุญมา",
    "แก้วมณี",
    "ทองคำ",
    "สุขสวัสดิ์",
    "พรหมมา",
    "ศรีสุวรรณ",
    "คำแก้ว",
    "อินทร์แก้ว",
    "จันทร์หอม",
    "ปัญญาดี",
    "วงศ์ใหญ่",
    "เพ็ชรรัตน์",
    "ชัยมงคล",
    "บุญประเสริฐ",
    "สายทอง",
    "ผาสุข",
    "ดวงดี",
    "ไชยวงศ์",
    "ธรรมสอน",
    "หอมจันทร์",
    "นาคสุข",
    "สีดา",
    "กองแก้ว",
];
const RELATIONS: &[&str] = &["บุตร", "คู่สมรส", "บิดา", "มารดา", "พี่", "น้อง", "หลาน"];

/// Creates a demo group at `path` (which must not exist yet).
pub fn create(path: &Path, opts: &DemoOptions) -> Result<DemoSummary> {
    let first_month = first_month(opts);
    let mut books = Books::create(path, &demo_group(first_month.first_day()))?;
    books.build_unsynced(|books| populate(books, opts))?;
    Ok(summary(&books, opts))
}

/// Fills new books with demo members and their history.
pub fn populate(books: &mut Books, opts: &DemoOptions) -> Result<()> {
    let mut rng = fastrand::Rng::with_seed(opts.seed);
    let first = first_month(opts).first_day();
    let span_days = (opts.last_month.last_day() - first).num_days().max(1);
    let mut joins: Vec<NaiveDate> = (0..opts.members)
        .map(|i| {
            // Most members join in the first months; later ones trickle in.
            if i < opts.members * 2 / 3 || span_days < 60 {
                first + chrono::Days::new(rng.u64(0..(span_days as u64).min(45)))
            } else {
                first + chrono::Days::new(rng.u64(0..span_days as u64))
            }
        })
        .collect();
    joins.sort();
    books.write(|tx| {
        for joined in joins {
            crate::member::add(tx, &demo_member(&mut rng, joined))?;
        }
        Ok(())
    })?;
    demo_collections(books, &mut rng, opts)?;
    Ok(())
}

/// Months of collection days: most members pay on the day, some late with a fine, a few skip;
/// deposits and withdrawals; the treasurer banks the cash, pays the meeting from the expense
/// fund, counts the cash and closes every finished month. One receipt is reversed and re-taken,
/// and one member dies and is settled to the beneficiaries, as happens in real groups.
fn demo_collections(books: &mut Books, rng: &mut fastrand::Rng, opts: &DemoOptions) -> Result<()> {
    let today = crate::clock::today();
    // Loans draw from their own generator, so the rest of the demo stays as it was.
    let mut loan_rng = fastrand::Rng::with_seed(opts.seed.wrapping_add(654));
    let mut month = first_month(opts);
    let mut index = 0u32;
    while month <= opts.last_month {
        let day = books.settings_at(month.first_day())?.collection_day;
        let date = month.first_day() + chrono::Days::new(u64::from(day) - 1);
        if date > today {
            break;
        }
        let late = collection_day(books, rng, date)?;
        let after = date + chrono::Days::new(1);
        if after <= today {
            treasurer_chores(books, rng, after, index)?;
            demo_loans(books, &mut loan_rng, opts, after, index)?;
        }
        let late_day = month.first_day() + chrono::Days::new(19);
        if late_day <= today {
            for number in late {
                pay_in_full(books, number, late_day, "")?;
            }
        }
        if index == 2 {
            correct_a_mistake(books, date)?;
        }
        if index == opts.months / 2 {
            settle_a_death(books, after.min(today))?;
        }
        if month < YearMonth::of(today) {
            let last = month.last_day();
            let cash =
                crate::ledger::account_balance(books.conn(), crate::account::CASH, Some(last))?;
            books.count_cash(&last.to_string(), &cash.to_string(), "นับเงินสิ้นเดือน")?;
            books.close_month(&month.to_string())?;
        }
        month = month.next();
        index += 1;
    }
    Ok(())
}

/// One collection day as a single sheet; returns the members who will come late this month.
fn collection_day(books: &mut Books, rng: &mut fastrand::Rng, date: NaiveDate) -> Result<Vec<u32>> {
    let due = books.due(&date.to_string(), None)?;
    let mut rows = Vec::new();
    let mut late = Vec::new();
    for d in &due.members {
        let roll = rng.u8(0..100);
        if roll < 6 {
            continue;
        }
        if roll < 13 {
            late.push(d.member);
            continue;
        }
        let mut row = full_row(d);
        if loan_holdout(d.member, date) {
            row.loan_payment.clear();
        }
        match rng.u8(0..100) {
            0..=14 => row.deposit = (rng.u32(2..40) * 50).to_string(),
            15..=19 if d.deposits.is_positive() => {
                let most = d.deposits.satang() / 100;
                row.withdraw = rng.i64(1..=most.max(1)).min(most).to_string();
            }
            _ => {}
        }
        rows.push(row);
    }
    if !rows.is_empty() {
        books.collect_batch(&date.to_string(), &rows)?;
    }
    Ok(late)
}

fn full_row(d: &crate::collection::DueRow) -> crate::collection::CollectionInput {
    let text = |m: crate::Money| {
        if m.is_zero() {
            String::new()
        } else {
            m.to_string()
        }
    };
    crate::collection::CollectionInput {
        member: d.member.to_string(),
        sajja: text(d.sajja),
        fee: text(d.fee),
        fine: text(d.fines),
        loan_payment: text(d.loan),
        ..Default::default()
    }
}

fn pay_in_full(books: &mut Books, number: u32, date: NaiveDate, memo: &str) -> Result<()> {
    let due = books.due(&date.to_string(), Some(number))?;
    if let Some(d) = due.members.first().filter(|d| d.total.is_positive()) {
        let mut row = full_row(d);
        row.date = date.to_string();
        row.memo = memo.to_string();
        books.collect(&row)?;
    }
    Ok(())
}

/// The day after collection: bank the cash above a float, pay the meeting, count the box;
/// twice a year the bank pays interest.
fn treasurer_chores(
    books: &mut Books,
    rng: &mut fastrand::Rng,
    date: NaiveDate,
    index: u32,
) -> Result<()> {
    let d = date.to_string();
    let fund = crate::ledger::expense_fund(books.conn(), None)?;
    let meeting = crate::Money::from_baht(if rng.bool() { 150 } else { 200 });
    if fund >= meeting {
        books.expense(&crate::movement::ExpenseInput {
            date: d.clone(),
            amount: meeting.to_string(),
            memo: "ค่าน้ำดื่มและอาหารว่างประชุมประจำเดือน".into(),
            payee: "ร้านค้าชุมชน".into(),
            category: "meeting".into(),
            from: "cash".into(),
        })?;
    }
    let cash = crate::ledger::account_balance(books.conn(), crate::account::CASH, None)?;
    let float = crate::Money::from_baht(3000);
    if cash > float {
        let to_bank = crate::Money::from_baht((cash - float).satang() / 100 / 100 * 100);
        if to_bank.is_positive() {
            books.bank("deposit", &d, &to_bank.to_string(), "")?;
        }
    }
    if index % 6 == 5 {
        let bank = crate::ledger::account_balance(books.conn(), crate::account::BANK, None)?;
        let interest = crate::Money::from_decimal_rounded(
            bank.as_decimal() * rust_decimal::Decimal::new(25, 4),
        );
        if interest.is_positive() {
            books.bank("interest", &d, &interest.to_string(), "")?;
        }
    }
    let expected = crate::ledger::account_balance(books.conn(), crate::account::CASH, None)?;
    books.count_cash(&d, &expected.to_string(), "นับเงินหลังวันรับเงิน")?;
    Ok(())
}

/// A receipt typed for the wrong amount is reversed with its reason and taken again.
fn correct_a_mistake(books: &mut Books, date: NaiveDate) -> Result<()> {
    let day = books.collection_day(&date.to_string())?;
    let Some(line) = day
        .receipts
        .iter()
        .find(|l| !l.reversed && l.member.is_some())
    else {
        return Ok(());
    };
    let number = line.member.unwrap_or_default();
    books.reverse(
        &line.receipt,
        "บันทึกจำนวนเงินผิด รับใหม่ในใบเสร็จถัดไป",
        &date.to_string(),
    )?;
    pay_in_full(books, number, date, "รับใหม่แทนใบเสร็จที่ยกเลิก")
}

/// A member with beneficiaries dies: savings and deposits go to them in their shares.
fn settle_a_death(books: &mut Books, date: NaiveDate) -> Result<()> {
    let candidate = books
        .members("")?
        .into_iter()
        .filter(|m| m.status.is_active() && m.joined < date)
        .find_map(|m| {
            let full = books.member(m.number).ok()?;
            (full.beneficiaries.len() == 2).then_some(m.number)
        });
    if let Some(number) = candidate {
        books.member_exit(number, &date.to_string(), "death", "cash")?;
    }
    Ok(())
}

/// Some borrowers keep paying their savings but not their loan, so the arrears list has old
/// and recent cases: members 3, 10, 17, … always, members 5, 12, 19, … in the last two and a
/// half months.
fn loan_holdout(member: u32, date: NaiveDate) -> bool {
    member % 7 == 3 || (member % 7 == 5 && date + chrono::Days::new(75) >= crate::clock::today())
}

const LOAN_PURPOSES: &[&str] = &[
    "ซื้อปุ๋ยและเมล็ดพันธุ์ข้าว",
    "ซ่อมรถไถนาเดินตาม",
    "ค่าเทอมบุตร",
    "ซื้อลูกหมูมาเลี้ยง",
    "ลงทุนขายของชำ",
    "ค่ารักษาพยาบาล",
    "ซ่อมหลังคาบ้าน",
    "ซื้อพันธุ์ปลานิล",
];

/// Loans: the loan committee meets the day after collection day. The products are set up in
/// the first month; from the third month a few members borrow each month, some with
/// guarantors, and repay in their collection rows (`full_row` pays what is due); members who
/// skip a collection day fall into arrears. One application is turned down, one loan in
/// arrears gets a new term, and in the last month some applications wait for the committee.
fn demo_loans(
    books: &mut Books,
    rng: &mut fastrand::Rng,
    opts: &DemoOptions,
    date: NaiveDate,
    index: u32,
) -> Result<()> {
    use crate::loan::{LoanApplication, LoanDecision, LoanDisbursement, LoanProductInput};
    let d = date.to_string();
    if index == 0 {
        for (code, name, kind, rate, method, months, max, times, above, word) in [
            (
                "A",
                "เงินกู้สามัญ",
                "สามัญ",
                "1",
                "declining-equal-principal",
                "24",
                "50000",
                "3",
                "10000",
                "",
            ),
            (
                "B",
                "เงินกู้ฉุกเฉิน",
                "ฉุกเฉิน",
                "1",
                "declining-annuity",
                "6",
                "5000",
                "",
                "",
                "",
            ),
            (
                "C",
                "เงินกู้เพื่อการผลิต",
                "เพื่อการผลิต",
                "0.75",
                "interest-only",
                "12",
                "30000",
                "2",
                "5000",
                "ค่าบำรุง",
            ),
        ] {
            books.add_loan_product(&LoanProductInput {
                code: code.into(),
                name: name.into(),
                kind: kind.into(),
                rate: rate.into(),
                method: method.into(),
                max_months: months.into(),
                max_amount: max.into(),
                max_times_savings: times.into(),
                guarantors_above: above.into(),
                charge_word: word.into(),
                ..LoanProductInput::default()
            })?;
        }
    }
    if index < 2 {
        return Ok(());
    }
    let last_month = index + 1 >= opts.months;
    let members: Vec<crate::member::MemberRow> = books
        .members("")?
        .into_iter()
        .filter(|m| m.status.is_active() && m.joined < date)
        .collect();
    if members.len() < 6 {
        return Ok(());
    }
    let committee: Vec<u32> = members.iter().take(5).map(|m| m.number).collect();
    let treasurer = committee[2];
    if index == 2 {
        elect_committee(books, &committee, date)?;
    }
    // The loan committee meets the day after collection day; its approvals are recorded
    // at that meeting and listed in its minutes.
    let meeting = committee_meeting(books, date)?;
    let loan_committee: Vec<u32> = crate::committee::holders(books.conn(), "loans", date)?
        .iter()
        .map(|s| s.member)
        .collect();
    let wanted = (members.len() / 25).clamp(1, 6);
    for i in 0..wanted {
        let m = &members[rng.usize(0..members.len())];
        let (code, max, times, above, terms): (&str, i64, i64, i64, &[u32]) = match rng.u8(0..100) {
            0..=59 => ("A", 50_000, 3, 10_000, &[6, 10, 12, 18, 24]),
            60..=84 => ("B", 5_000, 0, i64::MAX, &[3, 4, 6]),
            _ => ("C", 30_000, 2, 5_000, &[6, 12]),
        };
        let saved = crate::loan::savings(books.conn(), &m.id, date)?.satang() / 100;
        let limit = if times > 0 {
            max.min(saved * times)
        } else {
            max
        };
        if limit < 1_000 {
            continue;
        }
        let amount = rng.i64(2..=limit / 500) * 500;
        let mut guarantors = Vec::new();
        if amount > above {
            let g = &members[rng.usize(0..members.len())];
            if g.number != m.number {
                guarantors.push(g.number.to_string());
            }
        }
        let application = LoanApplication {
            member: m.number.to_string(),
            product: code.into(),
            amount: amount.to_string(),
            months: terms[rng.usize(0..terms.len())].to_string(),
            date: d.clone(),
            guarantors: guarantors.clone(),
            purpose: pick(rng, LOAN_PURPOSES).into(),
            recorded_by: if m.number == treasurer {
                String::new()
            } else {
                treasurer.to_string()
            },
            ..LoanApplication::default()
        };
        // Refusals are part of the day: over the limit, behind on a loan, one of a kind.
        let Ok(card) = books.apply_loan(&application) else {
            continue;
        };
        let loan = card.summary.loan;
        let approver = loan_committee
            .iter()
            .find(|c| **c != m.number && **c != treasurer && !guarantors.contains(&c.to_string()))
            .copied();
        let Some(approver) = approver else { continue };
        let decision = LoanDecision {
            loan: loan.clone(),
            by: approver.to_string(),
            date: d.clone(),
            meeting: meeting.clone(),
            reason: String::new(),
        };
        if index == 4 && i == 0 {
            books.reject_loan(&LoanDecision {
                reason: "เงินทุนของกลุ่มไม่พอในเดือนนี้ ให้ยื่นใหม่เดือนหน้า".into(),
                ..decision
            })?;
            continue;
        }
        if last_month && i % 2 == 0 {
            continue; // waits for the committee
        }
        if books.approve_loan(&decision).is_err() || last_month {
            continue;
        }
        // Loans go out from the bank; cash only above the float the treasurer keeps.
        let balance = |account| crate::ledger::account_balance(books.conn(), account, None);
        let amount = card.summary.amount;
        let from = if balance(crate::account::BANK)? >= amount {
            "bank"
        } else if balance(crate::account::CASH)? >= amount + crate::Money::from_baht(3000) {
            "cash"
        } else {
            continue; // approved, waiting for money to come in
        };
        books.disburse_loan(&LoanDisbursement {
            loan,
            date: d.clone(),
            from: from.into(),
        })?;
    }
    // Near the end, a borrower who fell behind gets a new term for what is left.
    if index + 3 == opts.months {
        let behind = books.loan_arrears(&d)?;
        if let Some(row) = behind.loans.first() {
            let card = books.restructure_loan(&crate::loan::RestructureInput {
                loan: row.loan.clone(),
                date: d.clone(),
                months: "12".into(),
                guarantors: row
                    .guarantors
                    .iter()
                    .map(|g| g.member.to_string())
                    .collect(),
                recorded_by: treasurer.to_string(),
                ..Default::default()
            });
            if let Ok(card) = card {
                let by = loan_committee
                    .iter()
                    .find(|c| **c != row.member && **c != treasurer)
                    .copied()
                    .unwrap_or(committee[0]);
                let decided = books.approve_loan(&LoanDecision {
                    loan: card.summary.loan.clone(),
                    by: by.to_string(),
                    date: d.clone(),
                    meeting: meeting.clone(),
                    reason: String::new(),
                });
                if decided.is_ok() {
                    books.disburse_loan(&LoanDisbursement {
                        loan: card.summary.loan,
                        date: d.clone(),
                        from: String::new(),
                    })?;
                }
            }
        }
    }
    close_meeting(books, &meeting, &committee)?;
    if last_month {
        annual_meeting(books, date, &committee)?;
    }
    Ok(())
}

/// The committee elected when the group starts lending: the executive and the loan
/// committee (the treasurer keeps the books and does not approve loans).
fn elect_committee(books: &mut Books, c: &[u32], date: NaiveDate) -> Result<()> {
    let from = date.to_string();
    for (committee, member, position) in [
        ("executive", c[0], "ประธาน"),
        ("executive", c[1], "รองประธาน"),
        ("executive", c[2], "เหรัญญิก"),
        ("executive", c[3], "เลขานุการ"),
        ("loans", c[0], "ประธาน"),
        ("loans", c[1], "กรรมการ"),
        ("loans", c[3], "กรรมการ"),
        ("loans", c[4], "เลขานุการ"),
        ("audit", c[4], "ประธาน"),
    ] {
        books.set_seat(&crate::committee::SeatInput {
            committee: committee.into(),
            member: member.to_string(),
            position: position.into(),
            from: from.clone(),
            ..Default::default()
        })?;
    }
    Ok(())
}

/// A committee meeting on `date` with everyone on the committee ticked present and the
/// month's figures from the books at agenda 3. Returns its number.
fn committee_meeting(books: &mut Books, date: NaiveDate) -> Result<String> {
    let m = books.new_meeting(&crate::meeting::MeetingInput {
        kind: "committee".into(),
        date: date.to_string(),
        place: "ศาลาประชาคมหมู่บ้าน".into(),
        ..crate::meeting::MeetingInput::default()
    })?;
    for seat in crate::committee::everyone(books.conn(), date)? {
        // A seat holder who has since left the group is simply not there.
        let _ = books.meeting_attend(&crate::meeting::AttendInput {
            meeting: m.meeting.clone(),
            member: seat.member.to_string(),
            status: "present".into(),
            ..Default::default()
        });
    }
    fund_report_noted(books, &m.meeting)?;
    Ok(m.meeting)
}

/// Agenda 3 of every meeting: the month's figures from the books, noted by the meeting.
fn fund_report_noted(books: &mut Books, meeting: &str) -> Result<()> {
    books.meeting_item(&crate::meeting::ItemInput {
        meeting: meeting.to_string(),
        agenda: "3".into(),
        from_books: "fund".into(),
        resolution: "ที่ประชุมรับทราบ".into(),
        ..Default::default()
    })?;
    Ok(())
}

fn close_meeting(books: &mut Books, meeting: &str, c: &[u32]) -> Result<()> {
    books.close_meeting(&crate::meeting::CloseInput {
        meeting: meeting.into(),
        start: "13:00".into(),
        end: "15:30".into(),
        recorder: c[3].to_string(),
        checker: c[0].to_string(),
    })?;
    Ok(())
}

/// The annual general meeting at the end of the demo: the members present, the year's report
/// and the committee's re-election.
fn annual_meeting(books: &mut Books, date: NaiveDate, c: &[u32]) -> Result<()> {
    let on = date + chrono::Days::new(1);
    let m = books.new_meeting(&crate::meeting::MeetingInput {
        kind: "annual".into(),
        date: on.to_string(),
        place: "ศาลาประชาคมหมู่บ้าน".into(),
        ..crate::meeting::MeetingInput::default()
    })?;
    let members: Vec<u32> = books
        .members("")?
        .into_iter()
        .filter(|m| m.status.is_active() && m.joined <= on)
        .map(|m| m.number)
        .collect();
    // Most members come; a few send word they cannot.
    for (i, n) in members.iter().enumerate() {
        books.meeting_attend(&crate::meeting::AttendInput {
            meeting: m.meeting.clone(),
            member: n.to_string(),
            status: if i % 7 == 6 { "absent" } else { "present" }.into(),
            reason: if i % 7 == 6 {
                "ติดธุระ"
            } else {
                ""
            }
            .into(),
            ..Default::default()
        })?;
    }
    books.meeting_guest(&crate::meeting::GuestInput {
        meeting: m.meeting.clone(),
        name: "นางสาววรรณา พัฒนศักดิ์".into(),
        position: "พัฒนากรผู้รับผิดชอบตำบล".into(),
    })?;
    for (agenda, title, text, resolution) in [
        ("1", "ผลการดำเนินงานของกลุ่มในรอบปี", "ประธานแจ้งผลการดำเนินงานของกลุ่มในรอบปีที่ผ่านมา สมาชิกส่งเงินสัจจะสะสมสม่ำเสมอ และคณะกรรมการเงินกู้พิจารณาเงินกู้ทุกเดือนหลังวันรับเงิน", "รับทราบ"),
        ("4", "เลือกตั้งคณะกรรมการชุดใหม่", "ที่ประชุมพิจารณาเลือกตั้งคณะกรรมการแทนชุดเดิมที่ครบวาระ", "ที่ประชุมมีมติให้คณะกรรมการชุดเดิมดำรงตำแหน่งต่ออีกหนึ่งวาระ"),
    ] {
        books.meeting_item(&crate::meeting::ItemInput {
            meeting: m.meeting.clone(),
            agenda: agenda.into(),
            title: title.into(),
            text: text.into(),
            resolution: resolution.into(),
            ..Default::default()
        })?;
    }
    fund_report_noted(books, &m.meeting)?;
    // The year that ended before the meeting: its statements and the committee's proposal
    // for its profit, from the books. The demo leaves the close itself to the treasurer (the
    // year-end screen, naming this meeting).
    let offers = books.meeting_offers(&m.meeting)?;
    if let Some(y) = &offers.year_end {
        let mut wanted = vec![("statements", "ที่ประชุมมีมติอนุมัติงบการเงิน")];
        if y.allocation_note.is_empty() {
            wanted.push((
                "allocation",
                "ที่ประชุมมีมติอนุมัติการจัดสรรกำไรสุทธิตามที่คณะกรรมการเสนอ",
            ));
        }
        for (what, resolution) in wanted {
            books.meeting_item(&crate::meeting::ItemInput {
                meeting: m.meeting.clone(),
                agenda: "4".into(),
                from_books: what.into(),
                resolution: resolution.into(),
                ..Default::default()
            })?;
        }
    }
    books.close_meeting(&crate::meeting::CloseInput {
        meeting: m.meeting,
        start: "09:00".into(),
        end: "12:00".into(),
        recorder: c[3].to_string(),
        checker: c[0].to_string(),
    })?;
    Ok(())
}

fn first_month(opts: &DemoOptions) -> YearMonth {
    let mut m = opts.last_month;
    for _ in 1..opts.months.max(1) {
        m = m.prev();
    }
    m
}

fn summary(books: &Books, opts: &DemoOptions) -> DemoSummary {
    DemoSummary {
        path: books.path().map(|p| p.display().to_string()),
        group: books.group().map(|g| g.name).unwrap_or_default(),
        members: opts.members,
        first_month: first_month(opts).to_string(),
        last_month: opts.last_month.to_string(),
    }
}

fn demo_group(founded: NaiveDate) -> NewGroup {
    NewGroup {
        name: "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง".into(),
        village: "บ้านหนองแวง".into(),
        moo: "5".into(),
        tambon: "หนองแวง".into(),
        amphoe: "เมืองชัยภูมิ".into(),
        province: "ชัยภูมิ".into(),
        founded: founded.to_string(),
        year_start_month: "1".into(),
        share_value: "50".into(),
        min_shares: "1".into(),
        max_shares: "20".into(),
        entrance_fee: "20".into(),
    }
}

fn pick<'a>(rng: &mut fastrand::Rng, list: &'a [&'a str]) -> &'a str {
    list[rng.usize(0..list.len())]
}

fn demo_member(rng: &mut fastrand::Rng, joined: NaiveDate) -> MemberInput {
    let female = rng.bool();
    let age = rng.i32(20..75);
    let (title, first) = if female {
        (
            if age < 30 && rng.bool() {
                "นางสาว"
            } else {
                "นาง"
            },
            pick(rng, FEMALE),
        )
    } else {
        ("นาย", pick(rng, MALE))
    };
    let birth = NaiveDate::from_ymd_opt(joined.year() - age, rng.u32(1..13), rng.u32(1..29))
        .expect("day 1–28 exists in every month");
    let first12: String = std::iter::once(char::from(b'1' + rng.u8(0..3)))
        .chain((0..11).map(|_| char::from(b'0' + rng.u8(0..10))))
        .collect();
    let beneficiaries = match rng.u8(0..3) {
        0 => vec![],
        1 => vec![beneficiary(rng, "100")],
        _ => vec![beneficiary(rng, "60"), beneficiary(rng, "40")],
    };
    MemberInput {
        title: title.into(),
        first_name: first.into(),
        last_name: pick(rng, SURNAMES).into(),
        id_card: idcard::with_check_digit(&first12),
        birth_date: birth.to_string(),
        address: format!("{} หมู่ 5 ต.หนองแวง อ.เมืองชัยภูมิ จ.ชัยภูมิ", rng.u32(1..250)),
        phone: format!(
            "08{}",
            (0..8)
                .map(|_| char::from(b'0' + rng.u8(0..10)))
                .collect::<String>()
        ),
        joined: joined.to_string(),
        shares: [1, 1, 2, 2, 2, 3, 4, 5, 10][rng.usize(0..9)].to_string(),
        beneficiaries,
        ..MemberInput::default()
    }
}

fn beneficiary(rng: &mut fastrand::Rng, percent: &str) -> crate::member::BeneficiaryInput {
    let names = if rng.bool() { MALE } else { FEMALE };
    crate::member::BeneficiaryInput {
        name: format!("{} {}", pick(rng, names), pick(rng, SURNAMES)),
        relation: pick(rng, RELATIONS).into(),
        id_card: String::new(),
        share_percent: percent.into(),
    }
}
