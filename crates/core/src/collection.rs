//! Collection day (วันสัจจะ): what each member owes, and taking a member's row of payments.
//!
//! What is due is derived, never stored: the pledged savings of every month since joining
//! (shares in force that month × share value in force that month) less what the member has
//! paid, oldest month first. A month not fully paid by the group's late day is fined once,
//! at the fine in force that month; the fine is charged (posted as owed) when the member next
//! comes to pay, and the row can pay it. A whole row is one balanced entry with a receipt
//! number, so it posts entirely or not at all.

use std::collections::HashMap;

use crate::db::CachedExt;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use crate::account::{
    CASH, DEPOSITS, ENTRANCE_FEES, FINES, FINES_RECEIVABLE, GOODS_RECEIVABLE, OTHER_INCOME, SAJJA,
};
use crate::error::{Error, Result};
use crate::journal::{self, EntryKind, NewEntry, Posting};
use crate::ledger;
use crate::member;
use crate::money::Money;
use crate::period;
use crate::settings;
use crate::thai::{self, Digits, YearMonth};

/// What one member owes on a date.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DueRow {
    pub member: u32,
    pub member_id: String,
    pub name: String,
    pub shares: u32,
    /// Pledged savings due now: this month's unpaid part plus earlier unpaid months.
    pub sajja: Money,
    pub sajja_this_month: Money,
    pub sajja_arrears: Money,
    /// Months not yet fully paid ("YYYY-MM" in JSON).
    pub unpaid_months: Vec<YearMonth>,
    /// Fines owed: charged and unpaid, plus those for months now late.
    pub fines: Money,
    /// Entrance fee, if the member has never paid it.
    pub fee: Money,
    /// Loan instalment and arrears due (0 until the member has a loan).
    pub loan: Money,
    /// Behind on a loan (overdue instalments or unpaid loan fines): flagged on the row.
    pub loan_in_arrears: bool,
    /// Goods bought on credit from the group's businesses and not yet paid.
    pub goods: Money,
    /// The late day passed of the oldest unpaid credit (by the group's late rule), if any.
    pub goods_late_since: Option<NaiveDate>,
    pub total: Money,
    /// Pledged savings paid ahead of time (beyond this month).
    pub paid_ahead: Money,
    pub deposits: Money,
    pub savings: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct DueList {
    pub date: NaiveDate,
    pub members: Vec<DueRow>,
    pub total: Money,
}

/// One row of the collection sheet, as typed. Empty amounts are zero.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CollectionInput {
    pub date: String,
    /// Member number.
    pub member: String,
    pub sajja: String,
    pub deposit: String,
    pub withdraw: String,
    pub fee: String,
    pub fine: String,
    pub other: String,
    pub loan_payment: String,
    /// Paid towards goods bought on credit from the group's businesses.
    pub goods: String,
    pub memo: String,
}

/// A posted collection row.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Receipt {
    pub receipt: String,
    pub entry: String,
    pub date: NaiveDate,
    pub member: u32,
    pub name: String,
    pub sajja: Money,
    pub deposit: Money,
    pub withdraw: Money,
    pub fee: Money,
    pub fine: Money,
    pub other: Money,
    pub loan_payment: Money,
    pub goods: Money,
    /// The months the pledged savings paid went to, oldest first.
    pub sajja_months: Vec<SettledMonth>,
    /// What was typed as สัจจะ beyond what may be taken as สัจจะ, put in the member's deposits
    /// because the group's rule says so (`sajja_excess` = deposit).
    pub excess_to_deposit: Money,
    /// Fines charged by this row for months paid late.
    pub fines_charged: Money,
    /// How a loan payment was applied (fines → interest → principal), when there was one.
    pub loan: Option<crate::loan::RepaymentSplit>,
    /// Money received less money paid out (withdrawals).
    pub total_received: Money,
    pub net_cash: Money,
    pub balances: crate::collection::Balances,
}

/// One month a สัจจะ payment went to.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SettledMonth {
    /// "YYYY-MM" in JSON.
    pub month: YearMonth,
    pub amount: Money,
    /// The month is fully paid after this payment.
    pub complete: bool,
}

/// A member's balances after a row (or as at a date).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Balances {
    pub member: u32,
    pub date: NaiveDate,
    pub sajja: Money,
    pub deposits: Money,
    pub fines_owed: Money,
    pub loans: Money,
    /// Goods bought on credit from the group's businesses, not yet paid.
    pub goods: Money,
}

/// The rules that matter for dues, per month, in satang.
struct MonthRules {
    share_value: i64,
    fine: i64,
    late_day: u32,
    /// The collection day: a member joining after it is not fined for that month.
    due_day: u32,
}

/// The dues rules of every month from the group's founding, computed once from the dated
/// settings and shared by every member of a due list or collection sheet.
pub(crate) struct Rules {
    first: YearMonth,
    months: Vec<MonthRules>,
    timeline: settings::Timeline,
    /// The first day kept in Sajja when the group brought its paper books in (ยอดยกมา).
    cutover: Option<NaiveDate>,
    /// The rules of the last date asked for: a sheet's rows share one date, and building the
    /// whole rule set again for each row was a tenth of posting it.
    last: std::cell::RefCell<Option<(NaiveDate, settings::Settings)>>,
    /// The money date last checked ([`journal::money_date`]): the rules are loaded inside the
    /// transaction that posts the rows, so the check holds for all of them.
    day: std::cell::RefCell<Option<journal::MoneyDate>>,
}

impl Rules {
    /// Rules from the founding month through two years past today (or past the last dated
    /// change, if later), so any date a treasurer types is covered.
    pub(crate) fn load(conn: &Connection) -> Result<Rules> {
        let founded = crate::group::get(conn)?.founded;
        let timeline = settings::Timeline::load(conn)?;
        let last_change: Option<NaiveDate> =
            conn.query_row_cached("SELECT max(effective) FROM setting", [], |r| r.get(0))?;
        let horizon = crate::clock::today()
            .max(last_change.unwrap_or(founded))
            .max(founded);
        let to = crate::period::add_months(YearMonth::of(horizon), 24).first_day();
        let first = YearMonth::of(founded);
        let mut months = Vec::new();
        let mut m = first;
        loop {
            let day = m.first_day();
            let money =
                |key| -> Result<i64> { Ok(Money::parse(&timeline.raw(key, day)?)?.satang()) };
            months.push(MonthRules {
                share_value: money("share_value")?,
                fine: money("fine_per_month")?,
                late_day: timeline.raw("late_after_day", day)?.parse().unwrap_or(10),
                due_day: timeline.raw("collection_day", day)?.parse().unwrap_or(5),
            });
            if m >= YearMonth::of(to) {
                break;
            }
            m = m.next();
        }
        let cutover = conn
            .query_row_cached("SELECT cutover FROM opening WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        Ok(Rules {
            first,
            months,
            timeline,
            cutover,
            last: std::cell::RefCell::new(None),
            day: std::cell::RefCell::new(None),
        })
    }

    fn get(&self, m: YearMonth) -> &MonthRules {
        let i = months_between(self.first, m).max(0) as usize;
        &self.months[i.min(self.months.len() - 1)]
    }

    /// Did a member who joined on `joined` join before the books came into Sajja?
    fn joined_before_cutover(&self, joined: NaiveDate) -> bool {
        self.cutover.is_some_and(|c| joined < c)
    }

    /// All rules in force on a date.
    pub(crate) fn settings(&self, date: NaiveDate) -> Result<settings::Settings> {
        if let Some((d, rules)) = &*self.last.borrow() {
            if *d == date {
                return Ok(rules.clone());
            }
        }
        let rules = self.timeline.at(date)?;
        *self.last.borrow_mut() = Some((date, rules.clone()));
        Ok(rules)
    }

    /// [`journal::money_date`] of `date`, checked once for all the rows of a sheet that share it.
    fn money_date(&self, conn: &Connection, date: NaiveDate) -> Result<journal::MoneyDate> {
        if let Some(day) = &*self.day.borrow() {
            if day.date() == date {
                return Ok(day.clone());
            }
        }
        let day = journal::money_date(conn, date)?;
        *self.day.borrow_mut() = Some(day.clone());
        Ok(day)
    }
}

fn months_between(a: YearMonth, b: YearMonth) -> i32 {
    (b.year - a.year) * 12 + b.month as i32 - a.month as i32
}

/// A member's pledge history: (month it counts from, shares), ascending.
type Pledges = Vec<(YearMonth, u32)>;

fn shares_for(pledges: &Pledges, m: YearMonth) -> u32 {
    pledges
        .iter()
        .rev()
        .find(|(from, _)| *from <= m)
        .map(|(_, s)| *s)
        .unwrap_or(0)
}

/// Where the walk over a member's pledged months begins. A member who joined in Sajja starts
/// at the joining month with nothing counted. A member brought in from the paper books starts
/// the month after the last month paid then, with the savings brought in already counted;
/// months whose late day fell before the cut-over are never fined again (their fines came in
/// with the opening balances).
#[derive(Clone, Copy, Debug)]
struct Start {
    joined: NaiveDate,
    from: YearMonth,
    /// Savings brought in, satang: they paid every month before `from`.
    brought: i64,
    no_fines_before: Option<NaiveDate>,
}

/// A member's opening position as stored (`member_opening`).
#[derive(Clone, Copy, Debug)]
struct BroughtIn {
    paid_through: Option<YearMonth>,
    sajja: i64,
}

impl Start {
    fn of(rules: &Rules, joined: NaiveDate, brought: Option<&BroughtIn>) -> Start {
        let joined_month = YearMonth::of(joined);
        match brought {
            None => Start {
                joined,
                from: joined_month,
                brought: 0,
                // A member who joined before the cut-over without savings brought in still
                // owes no fine the paper books did not record.
                no_fines_before: rules.cutover.filter(|c| joined < *c),
            },
            Some(b) => Start {
                joined,
                from: b
                    .paid_through
                    .map_or(joined_month, |m| m.next().max(joined_month)),
                brought: b.sajja,
                no_fines_before: rules.cutover,
            },
        }
    }
}

/// The opening positions of every member (or one), by member id.
fn load_brought_in(conn: &Connection, only: Option<&str>) -> Result<HashMap<String, BroughtIn>> {
    let mut stmt = conn.prepare_cached(if only.is_some() {
        "SELECT member_id, paid_through, sajja FROM member_opening WHERE member_id = ?1"
    } else {
        "SELECT member_id, paid_through, sajja FROM member_opening WHERE ?1 IS NULL"
    })?;
    let mut out = HashMap::new();
    let mut rows = stmt.query([only])?;
    while let Some(r) = rows.next()? {
        let through: Option<String> = r.get(1)?;
        out.insert(
            r.get(0)?,
            BroughtIn {
                paid_through: through.and_then(|t| t.parse().ok()),
                sajja: r.get(2)?,
            },
        );
    }
    Ok(out)
}

/// The start of one member's walk.
fn start_of(conn: &Connection, rules: &Rules, m: &member::Member) -> Result<Start> {
    let brought = load_brought_in(conn, Some(&m.id))?;
    Ok(Start::of(rules, m.joined, brought.get(&m.id)))
}

/// What a collection row needs to know of a member's pledged savings, read once per row:
/// the pledges, where the months start, and what is paid so far (the fines and the plan of
/// the typed amount both work from it; fines do not change it).
struct Standing {
    pledges: Pledges,
    start: Start,
    paid: Money,
}

impl Standing {
    fn load(conn: &Connection, rules: &Rules, m: &member::Member) -> Result<Standing> {
        let paid = -ledger::member_balance(conn, SAJJA, &m.id, None)?;
        Standing::with_paid(conn, rules, m, paid)
    }

    /// The standing of a member whose pledged savings paid so far are already known.
    fn with_paid(
        conn: &Connection,
        rules: &Rules,
        m: &member::Member,
        paid: Money,
    ) -> Result<Standing> {
        Ok(Standing {
            pledges: load_pledges(conn, Some(&m.id))?
                .remove(&m.id)
                .unwrap_or_default(),
            start: start_of(conn, rules, m)?,
            paid,
        })
    }
}

/// How a member stands with pledged savings on a date.
struct SajjaPosition {
    this_month: Money,
    arrears: Money,
    paid_ahead: Money,
    unpaid: Vec<YearMonth>,
    /// Unpaid months whose late day has passed.
    late: Vec<YearMonth>,
}

/// Walks the months since joining, oldest first, setting what was paid against what was
/// pledged. Integer satang inside the loop: it runs for every month of every member.
/// A month is fined only while the member was one: not the joining month when they joined
/// after its collection day, not the month of `leaving`.
fn sajja_position(
    rules: &Rules,
    pledges: &Pledges,
    start: Start,
    paid: Money,
    date: NaiveDate,
    leaving: Option<NaiveDate>,
) -> SajjaPosition {
    let joined = start.joined;
    let joined_month = YearMonth::of(joined);
    let leaving_month = leaving.map(YearMonth::of);
    let current = YearMonth::of(date);
    let paid = paid.satang();
    let mut cumulative: i64 = start.brought;
    let (mut this_month, mut arrears) = (0i64, 0i64);
    let mut unpaid = Vec::new();
    let mut late = Vec::new();
    let mut m = start.from;
    while m <= current {
        let r = rules.get(m);
        let before = cumulative;
        cumulative += r.share_value * i64::from(shares_for(pledges, m));
        if cumulative > paid {
            let unpaid_part = cumulative - paid.max(before);
            unpaid.push(m);
            if m == current {
                this_month = unpaid_part;
            } else {
                arrears += unpaid_part;
            }
            let joined_late = m == joined_month && joined.day() > r.due_day;
            let leaving_now = leaving_month.is_some_and(|l| m >= l);
            let deadline = late_deadline(m, r.late_day);
            let brought_in = start.no_fines_before.is_some_and(|c| deadline < c);
            if deadline < date && !joined_late && !leaving_now && !brought_in {
                late.push(m);
            }
        }
        m = m.next();
    }
    SajjaPosition {
        this_month: Money::from_satang(this_month),
        arrears: Money::from_satang(arrears),
        paid_ahead: Money::from_satang((paid - cumulative).max(0)),
        unpaid,
        late,
    }
}

fn late_deadline(m: YearMonth, late_day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(m.year, m.month, late_day.clamp(1, 28)).expect("day 1–28 exists")
}

/// Late months of a member that were already fined: on or before `date`, or (None) by any
/// entry at all, whatever its date.
fn fined_months(
    conn: &Connection,
    member_id: &str,
    date: Option<NaiveDate>,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT month FROM fine_accrual WHERE member_id = ?1 AND (?2 IS NULL OR date <= ?2)",
    )?;
    let rows = stmt.query_map(params![member_id, date], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn pending_fines(
    conn: &Connection,
    rules: &Rules,
    member_id: &str,
    late: &[YearMonth],
    date: Option<NaiveDate>,
) -> Result<(Money, Vec<YearMonth>)> {
    if late.is_empty() {
        return Ok((Money::ZERO, Vec::new()));
    }
    let fined = fined_months(conn, member_id, date)?;
    Ok(unfined(rules, late, |m| fined.contains(&m.to_string())))
}

/// The late months not yet fined, and their fines.
fn unfined(
    rules: &Rules,
    late: &[YearMonth],
    fined: impl Fn(YearMonth) -> bool,
) -> (Money, Vec<YearMonth>) {
    let to_fine: Vec<YearMonth> = late.iter().copied().filter(|m| !fined(*m)).collect();
    let total = Money::from_satang(to_fine.iter().map(|m| rules.get(*m).fine).sum());
    (total, to_fine)
}

/// Every fined month of every member (on or before `date`), for a whole due list at once.
fn all_fined_months(
    conn: &Connection,
    date: NaiveDate,
    only: Option<&str>,
) -> Result<HashMap<String, Vec<YearMonth>>> {
    // Two statements rather than `?2 IS NULL OR member_id = ?2`, which SQLite cannot answer
    // from the index.
    let mut stmt = match only {
        Some(_) => conn.prepare_cached(
            "SELECT member_id, month FROM fine_accrual WHERE member_id = ?2 AND date <= ?1",
        )?,
        None => conn.prepare_cached(
            "SELECT member_id, month FROM fine_accrual WHERE date <= ?1 AND ?2 IS NULL",
        )?,
    };
    let mut out: HashMap<String, Vec<YearMonth>> = HashMap::new();
    let mut rows = stmt.query(params![date, only])?;
    while let Some(r) = rows.next()? {
        let month: String = r.get(1)?;
        if let Ok(ym) = month.parse::<YearMonth>() {
            out.entry(r.get(0)?).or_default().push(ym);
        }
    }
    Ok(out)
}

struct MemberFacts {
    id: String,
    number: u32,
    name: String,
    joined: NaiveDate,
    status: crate::member::MemberStatus,
    left_on: Option<NaiveDate>,
}

fn load_members(conn: &Connection, only: Option<u32>) -> Result<Vec<MemberFacts>> {
    let sql_all = "SELECT id, number, title || first_name || ' ' || last_name, joined, status, left_on FROM member WHERE ?1 IS NULL ORDER BY number";
    let sql_one = "SELECT id, number, title || first_name || ' ' || last_name, joined, status, left_on FROM member WHERE number = ?1";
    let mut stmt = conn.prepare_cached(if only.is_some() { sql_one } else { sql_all })?;
    let rows = stmt.query_map([only], |r| {
        Ok(MemberFacts {
            id: r.get(0)?,
            number: r.get(1)?,
            name: r.get(2)?,
            joined: r.get(3)?,
            status: r.get(4)?,
            left_on: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn load_pledges(conn: &Connection, only: Option<&str>) -> Result<HashMap<String, Pledges>> {
    let mut stmt = conn.prepare_cached(if only.is_some() {
        "SELECT member_id, effective, shares FROM member_pledge WHERE member_id = ?1 ORDER BY effective"
    } else {
        "SELECT member_id, effective, shares FROM member_pledge WHERE ?1 IS NULL ORDER BY member_id, effective"
    })?;
    let mut out: HashMap<String, Pledges> = HashMap::new();
    let mut rows = stmt.query([only])?;
    while let Some(r) = rows.next()? {
        let effective: NaiveDate = r.get(1)?;
        out.entry(r.get(0)?)
            .or_default()
            .push((YearMonth::of(effective), r.get(2)?));
    }
    Ok(out)
}

/// Every member's balance of `account` as at `date`, or only member `only`'s (by id): a
/// posted row redraws one member's due row, and need not read everyone's.
fn balances_of(
    conn: &Connection,
    account: &str,
    date: NaiveDate,
    only: Option<&str>,
) -> Result<HashMap<String, Money>> {
    match only {
        Some(id) => Ok(HashMap::from([(
            id.to_string(),
            ledger::member_balance(conn, account, id, Some(date))?,
        )])),
        None => ledger::member_balances(conn, account, Some(date)),
    }
}

/// What every current member (or one) owes on `date`.
pub fn due(conn: &Connection, date: NaiveDate, only: Option<u32>) -> Result<DueList> {
    due_with(conn, &Rules::load(conn)?, date, only)
}

/// [`due`] with the rules already loaded (posting a row loads them once for both).
pub(crate) fn due_with(
    conn: &Connection,
    rules: &Rules,
    date: NaiveDate,
    only: Option<u32>,
) -> Result<DueList> {
    let members = load_members(conn, only)?;
    if let (Some(n), true) = (only, members.is_empty()) {
        return Err(Error::MemberNotFound(n));
    }
    if let (Some(n), Some(m)) = (only, members.first()) {
        if !m.status.is_active() && m.left_on.is_some_and(|d| d <= date) {
            return Err(Error::MemberLeft {
                number: n,
                on: thai::format_date(m.left_on.unwrap_or(date), Digits::Arabic),
            });
        }
    }
    let only_id = only.and(members.first().map(|m| m.id.as_str()));
    let pledges = load_pledges(conn, only_id)?;
    let brought_in = load_brought_in(conn, only_id)?;
    let sajja = balances_of(conn, SAJJA, date, only_id)?;
    let deposits = balances_of(conn, DEPOSITS, date, only_id)?;
    let fines = balances_of(conn, FINES_RECEIVABLE, date, only_id)?;
    let fees = balances_of(conn, ENTRANCE_FEES, date, only_id)?;
    let loans = loan_dues(conn, date, only_id)?;
    let goods = crate::business::credit::debts(conn, date, only_id)?;
    let fined_by_member = all_fined_months(conn, date, only_id)?;
    let empty = Vec::new();
    let mut rows = Vec::with_capacity(members.len());
    for m in members.iter().filter(|m| {
        m.joined <= date && (m.status.is_active() || m.left_on.is_some_and(|d| d > date))
    }) {
        let get = |map: &HashMap<String, Money>| map.get(&m.id).copied().unwrap_or_default();
        let paid = -get(&sajja);
        let pos = sajja_position(
            rules,
            pledges.get(&m.id).unwrap_or(&empty),
            Start::of(rules, m.joined, brought_in.get(&m.id)),
            paid,
            date,
            None,
        );
        let fined = fined_by_member
            .get(&m.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let (pending, _) = unfined(rules, &pos.late, |ym| fined.contains(&ym));
        let g = goods.get(&m.id).cloned().unwrap_or_default();
        // Late goods instalments are fined like late months, charged by the next row.
        let fines_owed = get(&fines) + pending + g.fines_pending;
        // Charged once, at the amount in force on the joining date (a member who joined
        // before the cut-over paid it on paper).
        let fee = if get(&fees).is_zero() && !rules.joined_before_cutover(m.joined) {
            rules.settings(m.joined)?.entrance_fee
        } else {
            Money::ZERO
        };
        let (loan, loan_in_arrears) = loans.get(&m.id).copied().unwrap_or_default();
        let sajja_due = pos.this_month + pos.arrears;
        rows.push(DueRow {
            member: m.number,
            member_id: m.id.clone(),
            name: m.name.clone(),
            shares: shares_for(pledges.get(&m.id).unwrap_or(&empty), YearMonth::of(date)),
            sajja: sajja_due,
            sajja_this_month: pos.this_month,
            sajja_arrears: pos.arrears,
            unpaid_months: pos.unpaid,
            fines: fines_owed,
            fee,
            loan,
            loan_in_arrears,
            goods: g.owed,
            goods_late_since: g.late_since,
            total: sajja_due + fines_owed + fee + loan + g.owed,
            paid_ahead: pos.paid_ahead,
            deposits: -get(&deposits),
            savings: paid,
        });
    }
    let total = rows.iter().map(|r| r.total).sum();
    Ok(DueList {
        date,
        members: rows,
        total,
    })
}

/// A typed collection row, checked.
struct Row {
    date: NaiveDate,
    member: member::Member,
    sajja: Money,
    deposit: Money,
    withdraw: Money,
    fee: Money,
    fine: Money,
    other: Money,
    loan_payment: Money,
    goods: Money,
    memo: String,
}

fn amount(field: &'static str, text: &str) -> Result<Money> {
    if text.trim().is_empty() {
        return Ok(Money::ZERO);
    }
    Money::parse(text).map_err(|e| Error::invalid(field, e.to_string()))
}

fn check_row(
    conn: &Connection,
    input: &CollectionInput,
    default_date: Option<NaiveDate>,
) -> Result<Row> {
    let date = match (input.date.trim(), default_date) {
        ("", Some(d)) => d,
        ("", None) => return Err(Error::invalid("date", "กรุณาใส่วันที่รับเงิน เช่น 5/3/2568")),
        (text, _) => thai::parse_date(text).map_err(|e| Error::invalid("date", e.to_string()))?,
    };
    let number = member::parse_number("member", "", &input.member)?;
    let member = member::get_record(conn, number)?;
    member.ensure_active()?;
    if date < member.joined {
        return Err(Error::invalid(
            "date",
            format!(
                "สมาชิกเลขที่ {number} เข้ากลุ่มเมื่อ {} — รับเงินก่อนวันนั้นไม่ได้",
                thai::format_date(member.joined, Digits::Arabic)
            ),
        ));
    }
    let row = Row {
        date,
        sajja: amount("sajja", &input.sajja)?,
        deposit: amount("deposit", &input.deposit)?,
        withdraw: amount("withdraw", &input.withdraw)?,
        fee: amount("fee", &input.fee)?,
        fine: amount("fine", &input.fine)?,
        other: amount("other", &input.other)?,
        loan_payment: amount("loan_payment", &input.loan_payment)?,
        goods: amount("goods", &input.goods)?,
        memo: crate::text::check("memo", "หมายเหตุ", &input.memo, crate::text::MEMO_MAX)?,
        member,
    };
    let all = [
        row.sajja,
        row.deposit,
        row.withdraw,
        row.fee,
        row.fine,
        row.other,
        row.loan_payment,
        row.goods,
    ];
    if all.iter().all(|a| a.is_zero()) {
        return Err(Error::invalid(
            "sajja",
            "แถวนี้ไม่มีจำนวนเงิน — ใส่จำนวนเงินอย่างน้อยหนึ่งช่อง",
        ));
    }
    Ok(row)
}

/// A member on more than one row of one sheet is usually a row typed twice: refused with the
/// rows named, so the treasurer can confirm it was meant (`--allow-repeats`).
pub fn refuse_repeats(rows: &[(usize, CollectionInput)]) -> Result<()> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, row) in rows {
        let member = thai::to_arabic_digits(row.member.trim());
        let member = member.trim_start_matches('0').to_string();
        if let Some(first) = seen.get(&member) {
            return Err(Error::invalid(
                "batch",
                format!(
                    "สมาชิกเลขที่ {member} อยู่ในแผ่นนี้มากกว่าหนึ่งแถว (แถวที่ {first} และแถวที่ {n}) — ถ้าพิมพ์ซ้ำให้ลบแถวที่เกิน ถ้าตั้งใจรับเงินสองครั้งให้สั่งใหม่พร้อม --allow-repeats (ยังไม่ได้บันทึกแถวใดเลย)"
                ),
            ));
        }
        seen.insert(member, *n);
    }
    Ok(())
}

/// Posts one member's row: fines for late months first (their own entry, so reversing the
/// row does not undo a fine already due), then the row itself with its receipt number.
pub(crate) fn collect(
    conn: &Connection,
    rules: &Rules,
    input: &CollectionInput,
    default_date: Option<NaiveDate>,
) -> Result<Receipt> {
    let mut receipts = receipt_numbers();
    let receipt = collect_numbered(conn, rules, &mut receipts, input, default_date)?;
    receipts.finish(conn)?;
    Ok(receipt)
}

/// Receipt numbers for the rows of one write: "2568/0153", per accounting year.
pub(crate) fn receipt_numbers() -> period::Numbers {
    period::Numbers::new("receipt", 4)
}

/// [`collect`] of one row of a sheet, its receipt number taken from the sheet's `receipts`
/// (written back once the sheet is done: [`period::Numbers::finish`]).
pub(crate) fn collect_numbered(
    conn: &Connection,
    rules: &Rules,
    receipts: &mut period::Numbers,
    input: &CollectionInput,
    default_date: Option<NaiveDate>,
) -> Result<Receipt> {
    let row = check_row(conn, input, default_date)?;
    let day = rules.money_date(conn, row.date)?;
    let rules_now = rules.settings(row.date)?;
    let m = &row.member;
    // The member's kept balances in one read, before the fines of this row are charged.
    let [sajja_paid, fines_before, deposits, goods_owed, loans_before] =
        ledger::member_balances_now(
            conn,
            &m.id,
            [
                SAJJA,
                FINES_RECEIVABLE,
                DEPOSITS,
                GOODS_RECEIVABLE,
                crate::account::LOANS,
            ],
        )?;
    let standing = Standing::with_paid(conn, rules, m, -sajja_paid)?;
    // Each fine charged here is a debit of fines receivable by its own amount.
    let fines_charged = fines_for(conn, rules, m, &standing, &day, None)?
        + crate::business::credit::charge_fines(conn, m, row.date)?;
    let fines_owed = fines_before + fines_charged;
    let deposits = -deposits;
    if row.fine > fines_owed {
        return Err(Error::invalid(
            "fine",
            format!(
                "ค่าปรับที่รับ ({}) มากกว่าค่าปรับค้าง ({}) — ใส่ไม่เกินยอดค้าง หรือบันทึกเป็นรายได้อื่น",
                row.fine.grouped(),
                fines_owed.grouped()
            ),
        ));
    }
    check_fee(conn, rules, m, row.fee)?;
    let sajja = plan_sajja(rules, &rules_now, m, &standing, row.date, row.sajja)?;
    let deposited = row.deposit + sajja.excess;
    if row.withdraw > deposits + deposited {
        return Err(Error::invalid(
            "withdraw",
            format!(
                "ยอดถอนเกินเงินฝากคงเหลือ (คงเหลือ {} บาท)",
                (deposits + deposited).grouped()
            ),
        ));
    }

    if row.goods > goods_owed {
        return Err(Error::invalid(
            "goods",
            format!(
                "ค่าสินค้าที่รับ ({}) มากกว่าหนี้ค่าสินค้าของสมาชิก ({}) — ใส่ไม่เกินยอดค้าง",
                row.goods.grouped(),
                goods_owed.grouped()
            ),
        ));
    }
    let received =
        row.sajja + row.deposit + row.fee + row.fine + row.other + row.loan_payment + row.goods;
    let net_cash = received - row.withdraw;
    if net_cash.is_negative() {
        let cash = ledger::account_balance(conn, CASH, None)?;
        if cash + net_cash < Money::ZERO {
            return Err(Error::invalid(
                "withdraw",
                format!(
                    "เงินสดในมือไม่พอจ่ายถอน (มีเงินสด {} บาท) — ถอนจากธนาคารมาก่อน",
                    cash.grouped()
                ),
            ));
        }
    }

    let year = period::accounting_year_label(row.date, rules_now.year_start_month);
    let receipt = receipts.take(conn, year)?;
    let mut entry = NewEntry::new(row.date, EntryKind::Collection, receipt_memo(&row));
    entry.member_id = Some(m.id.clone());
    entry.receipt = Some(receipt.clone());
    entry.push(Posting::debit(CASH, net_cash));
    entry.push(Posting::credit(SAJJA, sajja.to_sajja).for_member(&m.id));
    // Deposit and withdrawal stay two lines, so reports and passbooks show both.
    entry.push(Posting::credit(DEPOSITS, deposited).for_member(&m.id));
    entry.push(Posting::debit(DEPOSITS, row.withdraw).for_member(&m.id));
    entry.push(Posting::credit(ENTRANCE_FEES, row.fee).for_member(&m.id));
    entry.push(Posting::credit(FINES_RECEIVABLE, row.fine).for_member(&m.id));
    entry.push(Posting::credit(OTHER_INCOME, row.other).for_member(&m.id));
    entry.push(Posting::credit(GOODS_RECEIVABLE, row.goods).for_member(&m.id));
    let loan_split = if row.loan_payment.is_zero() {
        None
    } else {
        let (postings, split) = loan_repayment(conn, &m.id, row.date, row.loan_payment)?;
        for p in postings {
            entry.push(p);
        }
        Some(split)
    };
    if entry.postings.len() < 2 {
        // Only a deposit and an equal withdrawal: nothing moves.
        return Err(Error::invalid(
            "deposit",
            "ฝากและถอนเท่ากันในแถวเดียว ไม่มีเงินเคลื่อนไหว",
        ));
    }
    let loans_after = loans_before
        + entry
            .postings
            .iter()
            .filter(|p| {
                p.account == crate::account::LOANS && p.member_id.as_deref() == Some(m.id.as_str())
            })
            .map(|p| p.amount)
            .sum::<Money>();
    let entry_id = journal::post_on(conn, &day, &entry)?;
    Ok(Receipt {
        receipt,
        entry: entry_id,
        date: row.date,
        member: m.number,
        name: m.full_name.clone(),
        sajja: sajja.to_sajja,
        deposit: row.deposit,
        withdraw: row.withdraw,
        fee: row.fee,
        fine: row.fine,
        other: row.other,
        loan_payment: row.loan_payment,
        goods: row.goods,
        sajja_months: sajja.months,
        excess_to_deposit: sajja.excess,
        fines_charged,
        loan: loan_split,
        total_received: received,
        net_cash,
        balances: Balances {
            member: m.number,
            date: row.date,
            sajja: standing.paid + sajja.to_sajja,
            deposits: deposits + deposited - row.withdraw,
            fines_owed: fines_owed - row.fine,
            loans: loans_after,
            goods: goods_owed - row.goods,
        },
    })
}

/// The words in front of a collection row's memo: "รับเงินสมาชิกเลขที่ 12 นางสมศรี ใจงาม: ...".
const RECEIPT_HEAD: &str = "รับเงินสมาชิกเลขที่";
/// A row that only pays a withdrawal out: money paid, never "received".
const WITHDRAW_HEAD: &str = "จ่ายถอนเงินฝากสมาชิกเลขที่";
/// A row that takes money in and pays a withdrawal out.
const BOTH_HEAD: &str = "รับและจ่ายเงินสมาชิกเลขที่";
/// Every head a row's memo may start with, and how the member's own account says it.
const HEADS: [(&str, &str); 3] = [
    (RECEIPT_HEAD, "รับเงิน:"),
    (WITHDRAW_HEAD, "จ่ายถอนเงินฝาก:"),
    (BOTH_HEAD, "รับและจ่ายเงิน:"),
];

/// How a typed สัจจะ amount is taken: into the months due, oldest first, then months ahead up
/// to the group's limit; beyond that only where the group's rule sends it (the member's
/// deposits), else refused. A part of a month only when the group allows it.
struct SajjaPlan {
    to_sajja: Money,
    excess: Money,
    months: Vec<SettledMonth>,
}

fn plan_sajja(
    rules: &Rules,
    s: &settings::Settings,
    m: &member::Member,
    standing: &Standing,
    date: NaiveDate,
    typed: Money,
) -> Result<SajjaPlan> {
    if typed.is_zero() {
        return Ok(SajjaPlan {
            to_sajja: Money::ZERO,
            excess: Money::ZERO,
            months: Vec::new(),
        });
    }
    let current = YearMonth::of(date);
    let through = period::add_months(current, s.sajja_ahead_months);
    let ends = pledged_through(rules, &standing.pledges, standing.start, through);
    let paid = standing.paid.satang();
    let cap = (ends.last().map_or(0, |e| e.1) - paid).max(0);
    let to_sajja = typed.satang().min(cap);
    let excess = typed.satang() - to_sajja;
    let baht = |satang: i64| Money::from_satang(satang).grouped();
    if excess > 0 && s.sajja_excess != "deposit" {
        let due_now = ends
            .iter()
            .find(|(month, _)| *month == current)
            .map_or(0, |e| e.1 - paid)
            .max(0);
        return Err(Error::invalid(
            "sajja",
            format!(
                "รับเงินสัจจะของสมาชิกเลขที่ {} ได้ไม่เกิน {} บาท (ถึงเดือนนี้ {} บาท และล่วงหน้าได้อีกไม่เกิน {} เดือนตามระเบียบกลุ่ม) — ส่วนที่เกินให้ใส่เป็นเงินฝาก",
                m.number,
                baht(cap),
                baht(due_now),
                s.sajja_ahead_months
            ),
        ));
    }
    if !s.sajja_partial && to_sajja < cap && !ends.iter().any(|e| e.1 == paid + to_sajja) {
        let whole: Vec<String> = ends
            .iter()
            .filter(|e| e.1 > paid)
            .take(3)
            .map(|e| baht(e.1 - paid))
            .collect();
        return Err(Error::invalid(
            "sajja",
            format!(
                "ระเบียบกลุ่มให้ส่งเงินสัจจะเต็มเดือน — ใส่ {} บาท",
                whole.join(" หรือ ")
            ),
        ));
    }
    let mut months = Vec::new();
    let mut start = 0;
    for (month, end) in &ends {
        let (lo, hi) = (start.max(paid), (*end).min(paid + to_sajja));
        if hi > lo {
            months.push(SettledMonth {
                month: *month,
                amount: Money::from_satang(hi - lo),
                complete: paid + to_sajja >= *end,
            });
        }
        start = *end;
    }
    Ok(SajjaPlan {
        to_sajja: Money::from_satang(to_sajja),
        excess: Money::from_satang(excess),
        months,
    })
}

/// Pledged savings owed in total at the end of each month from joining through `through`,
/// in satang (the same sums `sajja_position` walks).
fn pledged_through(
    rules: &Rules,
    pledges: &Pledges,
    start: Start,
    through: YearMonth,
) -> Vec<(YearMonth, i64)> {
    let mut out = Vec::new();
    let mut total = start.brought;
    let mut m = start.from;
    while m <= through {
        total += rules.get(m).share_value * i64::from(shares_for(pledges, m));
        out.push((m, total));
        m = m.next();
    }
    out
}

/// The entrance fee is charged once, at the amount in force on the joining date.
fn check_fee(conn: &Connection, rules: &Rules, m: &member::Member, fee: Money) -> Result<()> {
    if fee.is_zero() {
        return Ok(());
    }
    let paid = -ledger::member_balance(conn, ENTRANCE_FEES, &m.id, None)?;
    if rules.joined_before_cutover(m.joined) {
        return Err(Error::invalid(
            "fee",
            format!(
                "สมาชิกเลขที่ {} เข้ากลุ่มก่อนยกยอดมาใช้โปรแกรม จ่ายค่าสมัครไว้ในบัญชีเดิมแล้ว — เก็บซ้ำไม่ได้",
                m.number
            ),
        ));
    }
    if !paid.is_zero() {
        return Err(Error::invalid(
            "fee",
            format!(
                "สมาชิกเลขที่ {} จ่ายค่าสมัครและค่าธรรมเนียมแรกเข้าแล้ว ({} บาท) — เก็บซ้ำไม่ได้",
                m.number,
                paid.grouped()
            ),
        ));
    }
    let rule = rules.settings(m.joined)?.entrance_fee;
    if fee != rule {
        return Err(Error::invalid(
            "fee",
            format!(
                "ค่าสมัครและค่าธรรมเนียมแรกเข้าของสมาชิกเลขที่ {} คือ {} บาท ตามระเบียบในวันที่เข้าเป็นสมาชิก ({}) — ใส่ {} บาท",
                m.number,
                rule.grouped(),
                thai::format_date(m.joined, Digits::Arabic),
                rule.grouped()
            ),
        ));
    }
    Ok(())
}

fn receipt_memo(row: &Row) -> String {
    let mut parts = Vec::new();
    let mut add = |label: &str, a: Money| {
        if !a.is_zero() {
            parts.push(format!("{label} {}", a.grouped()));
        }
    };
    add("สัจจะ", row.sajja);
    add("ฝาก", row.deposit);
    add("ถอน", row.withdraw);
    add("ค่าธรรมเนียม", row.fee);
    add("ค่าปรับ", row.fine);
    add("รายได้อื่น", row.other);
    add("ส่งเงินกู้", row.loan_payment);
    add("ค่าสินค้า", row.goods);
    let received =
        row.sajja + row.deposit + row.fee + row.fine + row.other + row.loan_payment + row.goods;
    let head = match (received.is_zero(), row.withdraw.is_zero()) {
        (true, false) => WITHDRAW_HEAD,
        (false, false) => BOTH_HEAD,
        _ => RECEIPT_HEAD,
    };
    let mut memo = format!(
        "{head} {} {}: {}",
        row.member.number,
        row.member.full_name,
        parts.join(", ")
    );
    if !row.memo.is_empty() {
        memo = format!("{memo} ({})", row.memo);
    }
    memo
}

/// What a collection row took, as its receipt memo says it without the member in front
/// ("สัจจะ 200.00, ฝาก 1,200.00"); `None` for any other memo. Posted memos are never
/// rewritten and the member's name may have changed since, so the memo written by
/// [`receipt_memo`] is read back here, next to the one place that writes it.
fn receipt_items(memo: &str, number: u32) -> Option<&str> {
    row_memo(memo, number).map(|(_, items)| items)
}

/// The head of a row's memo in the member's own words ("รับเงิน", "จ่ายถอนเงินฝาก", …) and
/// what the row took or paid.
fn row_memo(memo: &str, number: u32) -> Option<(&'static str, &str)> {
    HEADS.iter().find_map(|(head, own)| {
        let rest = memo.strip_prefix(head)?.strip_prefix(' ')?;
        let rest = rest
            .strip_prefix(number.to_string().as_str())?
            .strip_prefix(' ')?;
        rest.split_once(": ").map(|(_name, items)| (*own, items))
    })
}

/// A memo as the member's own account shows it: their number and name in front go without
/// saying. "รับเงินสมาชิกเลขที่ 3 นายสมชาย ดีมาก: สัจจะ 100.00" → "รับเงิน: สัจจะ 100.00";
/// "ค่าปรับส่งสัจจะช้า สมาชิกเลขที่ 3 เดือน ก.ย. 2569" → "ค่าปรับส่งสัจจะช้า เดือน ก.ย. 2569".
pub fn member_memo(memo: &str, number: u32) -> String {
    if let Some((own, items)) = row_memo(memo, number) {
        return format!("{own} {items}");
    }
    let who = format!(" สมาชิกเลขที่ {number}");
    let mut from = 0;
    while let Some(i) = memo[from..].find(&who).map(|i| i + from) {
        let end = i + who.len();
        // " สมาชิกเลขที่ 1" must not take the front of " สมาชิกเลขที่ 12".
        if !memo[end..].starts_with(|c: char| c.is_ascii_digit()) {
            return format!("{}{}", &memo[..i], &memo[end..]);
        }
        from = end;
    }
    memo.to_string()
}

/// Charges the fines of every month of this member that is late on `date` and not yet fined.
/// Returns the amount charged.
pub(crate) fn charge_late_fines(
    conn: &Connection,
    rules: &Rules,
    m: &member::Member,
    date: NaiveDate,
    leaving: Option<NaiveDate>,
) -> Result<Money> {
    let day = journal::money_date(conn, date)?;
    fines_for(
        conn,
        rules,
        m,
        &Standing::load(conn, rules, m)?,
        &day,
        leaving,
    )
}

/// [`charge_late_fines`] for a member whose standing was read in this transaction.
fn fines_for(
    conn: &Connection,
    rules: &Rules,
    m: &member::Member,
    standing: &Standing,
    day: &journal::MoneyDate,
    leaving: Option<NaiveDate>,
) -> Result<Money> {
    let date = day.date();
    let pos = sajja_position(
        rules,
        &standing.pledges,
        standing.start,
        standing.paid,
        date,
        leaving,
    );
    // A month is fined once, whatever order rows are entered in: a row dated before one
    // that already fined the month (20/12 typed, then 15/12) does not fine it again.
    let (total, months) = pending_fines(conn, rules, &m.id, &pos.late, None)?;
    if total.is_zero() {
        return Ok(Money::ZERO);
    }
    let labels: Vec<String> = months
        .iter()
        .map(|ym| thai::format_month(*ym, Digits::Arabic))
        .collect();
    let mut e = NewEntry::new(
        date,
        EntryKind::Income,
        format!(
            "ค่าปรับส่งสัจจะช้า สมาชิกเลขที่ {} เดือน {}",
            m.number,
            labels.join(", ")
        ),
    );
    e.member_id = Some(m.id.clone());
    e.push(Posting::debit(FINES_RECEIVABLE, total).for_member(&m.id));
    e.push(Posting::credit(FINES, total).for_member(&m.id));
    let entry_id = journal::post_on(conn, day, &e)?;
    for ym in months.iter().filter(|ym| rules.get(**ym).fine != 0) {
        conn.execute_cached(
            "INSERT INTO fine_accrual (member_id, month, entry_id, date) VALUES (?1, ?2, ?3, ?4)",
            params![m.id, ym.to_string(), entry_id, date],
        )?;
    }
    Ok(total)
}

/// A member's balances as at `date` (None = now).
pub fn balances(conn: &Connection, number: u32, date: Option<NaiveDate>) -> Result<Balances> {
    let m = member::get(conn, number)?;
    let at = date.unwrap_or_else(crate::clock::today);
    Ok(Balances {
        member: number,
        date: at,
        sajja: -ledger::member_balance(conn, SAJJA, &m.id, date)?,
        deposits: -ledger::member_balance(conn, DEPOSITS, &m.id, date)?,
        fines_owed: ledger::member_balance(conn, FINES_RECEIVABLE, &m.id, date)?,
        loans: ledger::member_balance(conn, crate::account::LOANS, &m.id, date)?,
        goods: ledger::member_balance(conn, GOODS_RECEIVABLE, &m.id, date)?,
    })
}

/// `balance --member N`: balances plus fines for months that are late but not yet charged.
pub fn balance_report(conn: &Connection, number: u32, date: Option<NaiveDate>) -> Result<Balances> {
    let mut b = balances(conn, number, date)?;
    let m = member::get(conn, number)?;
    let at = date.unwrap_or_else(crate::clock::today);
    if m.status.is_active() && at >= m.joined {
        let rules = Rules::load(conn)?;
        let pledges = load_pledges(conn, Some(&m.id))?
            .remove(&m.id)
            .unwrap_or_default();
        let pos = sajja_position(
            &rules,
            &pledges,
            start_of(conn, &rules, &m)?,
            b.sajja,
            at,
            None,
        );
        b.fines_owed += pending_fines(conn, &rules, &m.id, &pos.late, Some(at))?.0;
        if let Some(g) = crate::business::credit::debts(conn, at, Some(&m.id))?.remove(&m.id) {
            b.fines_owed += g.fines_pending;
        }
    }
    Ok(b)
}

/// What the collection screen gets back for one posted row, so a row is one round trip: the
/// receipt, the member's fresh row of the sheet, the day's totals and the day's receipts the
/// screen has not shown yet.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Collected {
    pub receipt: Receipt,
    /// The member's due row after the payment (`None` only if they are off the sheet).
    pub due: Option<DueRow>,
    pub day: DayTotals,
    /// The day's receipts after the screen's last one (`after`), this row's among them.
    pub receipts: Vec<DayLine>,
    /// The journal's last sequence number: the `after` of the next row.
    pub last_seq: i64,
}

/// Posts one row for the collection screen (see [`Collected`]). `after` is the last journal
/// sequence number the screen has seen; `None` returns only this row's receipt.
pub(crate) fn collect_on_sheet(
    conn: &Connection,
    input: &CollectionInput,
    after: Option<i64>,
) -> Result<Collected> {
    let rules = Rules::load(conn)?;
    let after = match after {
        Some(seq) => seq,
        None => last_seq(conn)?,
    };
    let receipt = collect(conn, &rules, input, None)?;
    let due = due_with(conn, &rules, receipt.date, Some(receipt.member))?
        .members
        .into_iter()
        .next();
    Ok(Collected {
        due,
        day: day_totals(conn, receipt.date)?,
        receipts: day_receipts(conn, receipt.date, after)?,
        last_seq: last_seq(conn)?,
        receipt,
    })
}

/// The highest journal sequence number so far (0 for empty books).
fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row_cached("SELECT coalesce(max(seq), 0) FROM journal_entry", [], |r| {
            r.get(0)
        })?,
    )
}

/// One collection day for the collection screen: its totals, its receipts (all, or those
/// after a sequence number) and its cash counts.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DaySummary {
    #[serde(flatten)]
    pub totals: DayTotals,
    pub receipts: Vec<DayLine>,
    pub counts: Vec<period::CashCount>,
    /// The journal's last sequence number: receipts after it are new to the screen.
    pub last_seq: i64,
}

/// The running totals of one collection day: what its receipts took, less the receipts
/// reversed, and the cash the box should hold.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DayTotals {
    pub date: NaiveDate,
    pub sajja: Money,
    pub deposits: Money,
    pub withdrawals: Money,
    pub fees: Money,
    pub fines: Money,
    pub other: Money,
    pub loan_payments: Money,
    /// Paid towards goods bought on credit from the group's businesses.
    pub goods: Money,
    /// Cash taken and paid out on the day. An entry voided the same day and its reversal
    /// are left out of both: a voided receipt is not money paid out.
    pub cash_in: Money,
    pub cash_out: Money,
    /// Cash the box should hold at the end of the day.
    pub cash_expected: Money,
    /// Receipts of the day, reversed ones included, and how many of them are reversed.
    pub receipt_count: u32,
    pub reversed_count: u32,
    /// The cash the day's voided receipts had moved (taken in > 0), counted in no total.
    pub voided_cash: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct DayLine {
    /// Journal sequence number: the order of the day, and where the next fetch starts.
    pub seq: i64,
    pub receipt: String,
    pub entry: String,
    pub member: Option<u32>,
    pub name: String,
    pub memo: String,
    /// What the row took, for the day's list: the memo without the member in front.
    pub what: String,
    pub cash: Money,
    pub reversed: bool,
}

/// The day's totals, receipts (those after `after`; `None` = all) and cash counts.
pub fn day(conn: &Connection, date: NaiveDate, after: Option<i64>) -> Result<DaySummary> {
    Ok(DaySummary {
        totals: day_totals(conn, date)?,
        receipts: day_receipts(conn, date, after.unwrap_or(0))?,
        counts: period::cash_counts(conn, date, date)?,
        last_seq: last_seq(conn)?,
    })
}

/// The day's receipts with a journal sequence number above `after`, in order.
pub fn day_receipts(conn: &Connection, date: NaiveDate, after: i64) -> Result<Vec<DayLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.seq, e.receipt, e.id, m.number, coalesce(m.title || m.first_name || ' ' || m.last_name, ''), e.memo,
                coalesce((SELECT sum(p.amount) FROM posting p WHERE p.entry_seq = e.seq AND p.account = ?2), 0),
                EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id)
         FROM journal_entry e LEFT JOIN member m ON m.id = e.member_id
         WHERE e.date = ?1 AND e.receipt IS NOT NULL AND e.seq > ?3 ORDER BY e.seq",
    )?;
    let lines = stmt
        .query_map(params![date, CASH, after], |r| {
            let member: Option<u32> = r.get(3)?;
            let memo: String = r.get(5)?;
            let what = member
                .and_then(|n| receipt_items(&memo, n))
                .unwrap_or(&memo)
                .to_string();
            Ok(DayLine {
                seq: r.get(0)?,
                receipt: r.get(1)?,
                entry: r.get(2)?,
                member,
                name: r.get(4)?,
                what,
                memo,
                cash: Money::from_satang(r.get(6)?),
                reversed: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines)
}

/// The running totals of a day (see [`DayTotals`]): one pass over the day's entries, each
/// classified once (a receipt, the reversal of one, reversed, voided the same day: the
/// classes are MATERIALIZED, or SQLite would look them up again for every posting and every
/// sum), and their postings summed by account. Every row posted on the collection screen
/// reads them again, so they cost a few lookups per entry of the day, not a scan of the day
/// per figure.
pub fn day_totals(conn: &Connection, date: NaiveDate) -> Result<DayTotals> {
    #[derive(Default)]
    struct Sums {
        /// Receipts and reversals of receipts (debit > 0): what the day's figures show.
        flow: i64,
        /// Of `flow`, deposits paid out: receipts' debits and reversals' credits.
        paid_out: i64,
        /// Every entry's money in and out, but an entry and its same-day reversal.
        cash_in: i64,
        cash_out: i64,
        /// Receipts reversed (any day): what they had moved.
        voided: i64,
    }
    let mut stmt = conn.prepare_cached(
        "WITH day AS MATERIALIZED (
             SELECT e.seq,
                    e.receipt IS NOT NULL AS receipt,
                    EXISTS (SELECT 1 FROM journal_entry o
                            WHERE o.id = e.reverses AND o.receipt IS NOT NULL) AS voids_receipt,
                    EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id) AS reversed,
                    EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id AND r.date = e.date)
                      OR EXISTS (SELECT 1 FROM journal_entry o
                                 WHERE o.id = e.reverses AND o.date = e.date) AS same_day_pair
             FROM journal_entry e WHERE e.date = ?1)
         SELECT p.account,
                coalesce(sum(p.amount) FILTER (WHERE d.receipt OR d.voids_receipt), 0),
                coalesce(sum(p.amount) FILTER (WHERE d.receipt AND p.amount > 0), 0)
                  + coalesce(sum(p.amount) FILTER (WHERE NOT d.receipt AND d.voids_receipt
                                                   AND p.amount < 0), 0),
                coalesce(sum(p.amount) FILTER (WHERE NOT d.same_day_pair AND p.amount > 0), 0),
                coalesce(-sum(p.amount) FILTER (WHERE NOT d.same_day_pair AND p.amount < 0), 0),
                coalesce(sum(p.amount) FILTER (WHERE d.receipt AND d.reversed), 0)
         FROM day d JOIN posting p ON p.entry_seq = d.seq
         GROUP BY p.account",
    )?;
    let mut by_account: HashMap<String, Sums> = HashMap::new();
    let mut rows = stmt.query(params![date])?;
    while let Some(r) = rows.next()? {
        by_account.insert(
            r.get(0)?,
            Sums {
                flow: r.get(1)?,
                paid_out: r.get(2)?,
                cash_in: r.get(3)?,
                cash_out: r.get(4)?,
                voided: r.get(5)?,
            },
        );
    }
    let none = Sums::default();
    let of = |account: &str| by_account.get(account).unwrap_or(&none);
    // Money received shows as a credit of the account it went to.
    let flow = |account: &str| Money::from_satang(-of(account).flow);
    let (receipt_count, reversed_count): (u32, u32) = conn.query_row_cached(
        "SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id))
         FROM journal_entry e WHERE e.date = ?1 AND e.receipt IS NOT NULL",
        params![date],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let withdrawals = Money::from_satang(of(DEPOSITS).paid_out);
    let cash = of(CASH);
    Ok(DayTotals {
        date,
        sajja: flow(SAJJA),
        deposits: flow(DEPOSITS) + withdrawals,
        withdrawals,
        fees: flow(ENTRANCE_FEES),
        fines: flow(FINES_RECEIVABLE),
        other: flow(OTHER_INCOME),
        loan_payments: flow(crate::account::LOANS)
            + flow(crate::account::LOAN_INTEREST)
            + flow(FINES),
        goods: flow(GOODS_RECEIVABLE),
        cash_in: Money::from_satang(cash.cash_in),
        cash_out: Money::from_satang(cash.cash_out),
        cash_expected: ledger::account_balance(conn, CASH, Some(date))?,
        receipt_count,
        reversed_count,
        voided_cash: Money::from_satang(cash.voided),
    })
}

/// Checks the year of a receipt number matches its date (used by reversal lookups).
pub fn find_receipt(conn: &Connection, receipt: &str) -> Result<String> {
    let normalized = thai::to_arabic_digits(receipt.trim());
    conn.query_row_cached(
        "SELECT id FROM journal_entry WHERE receipt = ?1",
        [&normalized],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "ใบเสร็จเลขที่",
        id: normalized,
    })
}

/// Loan instalments, arrears and loan fines due per member (or just `only`), for the due list,
/// and whether the member is behind on a loan.
fn loan_dues(
    conn: &Connection,
    date: NaiveDate,
    only: Option<&str>,
) -> Result<HashMap<String, (Money, bool)>> {
    if let Some(id) = only {
        let due = crate::loan::due_for_member(conn, id, date)?;
        return Ok(HashMap::from([(
            id.to_string(),
            (due.total, due.in_arrears),
        )]));
    }
    Ok(crate::loan::dues(conn, date)?
        .into_iter()
        .map(|(member, due)| (member, (due.total, due.in_arrears)))
        .collect())
}

/// The credit postings of a loan repayment and how it was split (fines → interest →
/// principal; see `crate::loan::repayment`).
fn loan_repayment(
    conn: &Connection,
    member_id: &str,
    date: NaiveDate,
    amount: Money,
) -> Result<(Vec<Posting>, crate::loan::RepaymentSplit)> {
    crate::loan::repayment(conn, member_id, date, amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(memo: &str, sajja: &str, deposit: &str) -> Row {
        Row {
            date: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
            member: member::Member {
                id: "m12".into(),
                number: 12,
                title: "นาง".into(),
                first_name: "สมศรี".into(),
                last_name: "ใจงาม".into(),
                full_name: "นางสมศรี ใจงาม".into(),
                id_card: None,
                birth_date: None,
                address: String::new(),
                phone: String::new(),
                joined: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
                shares: 2,
                status: member::MemberStatus::Active,
                left_on: None,
                left_reason: None,
                left_reason_label: None,
                beneficiaries: Vec::new(),
            },
            sajja: Money::parse(sajja).unwrap(),
            deposit: Money::parse(deposit).unwrap(),
            withdraw: Money::ZERO,
            fee: Money::ZERO,
            fine: Money::ZERO,
            other: Money::ZERO,
            loan_payment: Money::ZERO,
            goods: Money::ZERO,
            memo: memo.into(),
        }
    }

    #[test]
    fn the_items_of_a_receipt_memo_are_read_back_as_written() {
        let memo = receipt_memo(&row("", "200", "1200"));
        assert_eq!(
            memo,
            "รับเงินสมาชิกเลขที่ 12 นางสมศรี ใจงาม: สัจจะ 200.00, ฝาก 1,200.00"
        );
        assert_eq!(receipt_items(&memo, 12), Some("สัจจะ 200.00, ฝาก 1,200.00"));
        let noted = receipt_memo(&row("ฝากแทนลูก: เดือนนี้", "100", "0"));
        assert_eq!(
            receipt_items(&noted, 12),
            Some("สัจจะ 100.00 (ฝากแทนลูก: เดือนนี้)")
        );
        // Another member's number, or another kind of memo: not a receipt of this member.
        assert_eq!(receipt_items(&memo, 1), None);
        assert_eq!(receipt_items(&memo, 120), None);
        assert_eq!(receipt_items("ค่าเครื่องเขียน", 12), None);
    }

    #[test]
    fn a_members_own_account_leaves_their_number_out() {
        let memo = receipt_memo(&row("", "200", "0"));
        assert_eq!(member_memo(&memo, 12), "รับเงิน: สัจจะ 200.00");
        assert_eq!(
            member_memo("ค่าปรับส่งสัจจะช้า สมาชิกเลขที่ 12 เดือน ก.ย. 2569", 12),
            "ค่าปรับส่งสัจจะช้า เดือน ก.ย. 2569"
        );
        // Member 1 is not the front of member 12.
        assert_eq!(
            member_memo("ค่าปรับส่งสัจจะช้า สมาชิกเลขที่ 12 เดือน ก.ย. 2569", 1),
            "ค่าปรับส่งสัจจะช้า สมาชิกเลขที่ 12 เดือน ก.ย. 2569"
        );
        assert_eq!(
            member_memo(&format!("รายการหักล้าง: {memo}"), 12),
            format!("รายการหักล้าง: {memo}")
        );
        assert_eq!(member_memo("ค่าเครื่องเขียน", 12), "ค่าเครื่องเขียน");
    }

    fn sheet_books() -> crate::Books {
        let mut b = crate::Books::in_memory(&crate::NewGroup {
            name: "กลุ่มทดสอบ".into(),
            founded: "1/1/2568".into(),
            ..Default::default()
        })
        .unwrap();
        for first_name in ["สมศรี", "บุญมี"] {
            b.add_member(&crate::MemberInput {
                title: "นาง".into(),
                first_name: first_name.into(),
                last_name: "ใจงาม".into(),
                joined: "1/1/2568".into(),
                shares: "2".into(),
                ..Default::default()
            })
            .unwrap();
        }
        b
    }

    fn input(member: &str, sajja: &str, deposit: &str) -> CollectionInput {
        CollectionInput {
            date: "5/1/2568".into(),
            member: member.into(),
            sajja: sajja.into(),
            deposit: deposit.into(),
            ..Default::default()
        }
    }

    fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
        serde_json::to_value(v).unwrap()
    }

    #[test]
    fn a_row_on_the_sheet_answers_with_everything_the_screen_redraws() {
        let mut b = sheet_books();
        let empty = b.collection_day("5/1/2568").unwrap();
        assert!(empty.receipts.is_empty());

        let first = b
            .collect_on_sheet(&input("๑", "100", "50"), Some(empty.last_seq))
            .unwrap();
        assert_eq!(first.receipt.member, 1);
        // The member's due row and the day's totals are those a fresh look gives.
        assert_eq!(
            json(&first.due),
            json(&b.due("5/1/2568", Some(1)).unwrap().members.first())
        );
        assert_eq!(
            json(&first.day),
            json(&b.collection_day("5/1/2568").unwrap().totals)
        );
        assert_eq!(first.day.receipt_count, 1);
        assert_eq!(first.day.sajja.to_string(), "100.00");
        let lines: Vec<(&str, &str)> = first
            .receipts
            .iter()
            .map(|l| (l.receipt.as_str(), l.what.as_str()))
            .collect();
        assert_eq!(
            lines,
            [(first.receipt.receipt.as_str(), "สัจจะ 100.00, ฝาก 50.00")]
        );

        // A receipt posted meanwhile by another program on the file comes with the next row;
        // the ones the screen has are not sent again.
        let elsewhere = b.collect(&input("2", "200", "")).unwrap();
        let second = b
            .collect_on_sheet(&input("1", "", "30"), Some(first.last_seq))
            .unwrap();
        let numbers: Vec<&str> = second.receipts.iter().map(|l| l.receipt.as_str()).collect();
        assert_eq!(
            numbers,
            [elsewhere.receipt.as_str(), second.receipt.receipt.as_str()]
        );
        assert_eq!(second.day.receipt_count, 3);
        assert_eq!(second.day.sajja.to_string(), "300.00");
        assert_eq!(second.due.unwrap().deposits.to_string(), "80.00");

        // Without a sequence number: this row's receipt only.
        let third = b.collect_on_sheet(&input("2", "", "10"), None).unwrap();
        assert_eq!(third.receipts.len(), 1);
        assert_eq!(third.receipts[0].receipt, third.receipt.receipt);

        // The day from a sequence number on, and whole.
        let after = b
            .collection_day_after("5/1/2568", Some(second.last_seq))
            .unwrap();
        assert_eq!(after.receipts.len(), 1);
        assert_eq!(after.receipts[0].receipt, third.receipt.receipt);
        assert_eq!(after.last_seq, third.last_seq);
        assert_eq!(b.collection_day("5/1/2568").unwrap().receipts.len(), 4);

        // A refused row changes nothing and answers nothing.
        let refused = b.collect_on_sheet(&input("1", "", ""), Some(third.last_seq));
        assert!(refused.is_err());
        assert_eq!(
            b.collection_day("5/1/2568").unwrap().totals.receipt_count,
            4
        );
    }
}
