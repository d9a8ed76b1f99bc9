//! Year-end (ปิดบัญชีประจำปี): the net profit of the operating capital, its allocation by the
//! group's regulation, dividends on pledged savings and average returns on interest paid, the
//! closing entries that lock the year, and the payout.
//!
//! The preview and the close share one computation ([`compute`]), so what the committee saw
//! is what is posted. The close posts ordinary balanced entries dated on the year's last day:
//! income and expense to the year's surplus (the expense fund's own to the expense fund), the
//! surplus to each pool, dividends and average returns to a payable per member. Those are the
//! only entries ever allowed into a closed month (`journal::post_year_close` and the lock
//! trigger), and only once per year.

pub mod shares;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;

use crate::account::{self, AccountKind, Fund};
use crate::clock;
use crate::db::{self, CachedExt};
use crate::error::{Error, Result};
use crate::journal::{self, EntryKind, NewEntry, Posting};
use crate::ledger;
use crate::meeting_ref;
use crate::member::MemberStatus;
use crate::money::Money;
use crate::period;
use crate::settings::Timeline;
use crate::thai::{self, Digits};
use shares::{Method, Rounding};

/// The allocation headings of the regulation: key (settings `allocation_<key>`, preview
/// `pools`), Thai label, and the account the pool is credited to.
pub const HEADINGS: [(&str, &str, &str); 9] = [
    ("dividend", "ปันผลตามเงินสัจจะ", account::DIVIDENDS_PAYABLE),
    (
        "average_return",
        "เฉลี่ยคืนตามดอกเบี้ยเงินกู้",
        account::AVERAGE_RETURN_PAYABLE,
    ),
    (
        "purchase_return",
        "เฉลี่ยคืนตามยอดซื้อ",
        account::PURCHASE_RETURN_PAYABLE,
    ),
    ("reserve", "ทุนสำรอง", account::RESERVE),
    (
        "committee",
        "ค่าตอบแทนคณะกรรมการ",
        account::COMMITTEE_PAYABLE,
    ),
    ("welfare", "สวัสดิการสมาชิก", account::WELFARE_FUND),
    (
        "public_benefit",
        "สาธารณประโยชน์",
        account::PUBLIC_BENEFIT_FUND,
    ),
    ("expense_fund", "ทุนค่าใช้สอย", account::EXPENSE_FUND),
    ("other", "อื่น ๆ ตามระเบียบกลุ่ม", account::OTHER_FUNDS),
];

/// The year-end rules in force on the year's last day.
#[derive(Clone, Debug)]
pub struct Rules {
    pub method: Method,
    pub rounding: Rounding,
    pub includes_leavers: bool,
    pub excludes_defaulters: bool,
    /// (heading key, percent) in `HEADINGS` order.
    pub percents: Vec<(&'static str, Decimal)>,
    pub other_label: String,
}

impl Rules {
    pub fn load(conn: &Connection, on: NaiveDate) -> Result<Rules> {
        let t = Timeline::load(conn)?;
        let mut percents = Vec::new();
        for (key, _, _) in HEADINGS {
            let raw = t.raw(&format!("allocation_{key}"), on)?;
            let pct: Decimal = raw
                .parse()
                .map_err(|_| Error::Refused(format!("ค่าตั้ง allocation_{key} เสียหาย")))?;
            percents.push((key, pct));
        }
        Ok(Rules {
            method: Method::parse(&t.raw("dividend_method", on)?)?,
            rounding: Rounding::parse(&t.raw("dividend_rounding", on)?)?,
            includes_leavers: t.raw("dividend_includes_leavers", on)? == "true",
            excludes_defaulters: t.raw("average_return_excludes_defaulters", on)? == "true",
            percents,
            other_label: t.raw("allocation_other_label", on)?,
        })
    }

    /// Refuses percentages that do not sum to exactly 100.
    pub fn check_percents(&self) -> Result<()> {
        let sum: Decimal = self.percents.iter().map(|(_, p)| *p).sum();
        if sum != Decimal::from(100) {
            let list: Vec<String> = self
                .percents
                .iter()
                .map(|(k, p)| format!("{} {}", label_of(k, &self.other_label), p.normalize()))
                .collect();
            return Err(Error::Refused(format!(
                "ร้อยละการจัดสรรกำไรรวมกันได้ {} ต้องเท่ากับ 100 ({}) — แก้ค่าตั้ง allocation_… ให้ตรงกับระเบียบกลุ่ม",
                sum.normalize(),
                list.join(", ")
            )));
        }
        Ok(())
    }
}

fn label_of(key: &str, other_label: &str) -> String {
    if key == "other" {
        return other_label.to_string();
    }
    HEADINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, l, _)| l.to_string())
        .unwrap_or_default()
}

/// The accounting year with this พ.ศ. label: (first day, last day).
pub fn year_bounds(conn: &Connection, year_be: i32) -> Result<(NaiveDate, NaiveDate)> {
    let start_month = Timeline::load(conn)?.at(clock::today())?.year_start_month;
    // The year's own start month (a group may have changed it): the setting on its last day.
    let (_, guess_end) = period::accounting_year_bounds(year_be, start_month);
    let start_month = Timeline::load(conn)?.at(guess_end)?.year_start_month;
    Ok(period::accounting_year_bounds(year_be, start_month))
}

/// The year's own income less expenses, by income and expense account, between two dates:
/// the closing entries left out (so a closed year still shows what it earned), and the
/// balances brought in from the paper books on a cut-over inside the span too (they are the
/// books as they stood, not money earned in the year): account → debit balance in satang.
pub(crate) fn year_flows(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<&'static str, i64>> {
    let apart = ledger::set_apart(conn, from, to)?;
    Ok(own_flows(conn, from, to, &apart)?.0)
}

/// Each income and expense account's movement between two dates (index-only sums over
/// `posting_account`), split into the span's own (closing and opening entries left out) and
/// what was brought in; zero accounts left out of both.
type Flows = BTreeMap<&'static str, i64>;

fn own_flows(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    apart: &ledger::SetApart,
) -> Result<(Flows, Flows)> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(sum(amount), 0) FROM posting WHERE account = ?1 AND date BETWEEN ?2 AND ?3",
    )?;
    let (mut own, mut brought) = (BTreeMap::new(), BTreeMap::new());
    for a in account::CHART
        .iter()
        .filter(|a| matches!(a.kind, AccountKind::Income | AccountKind::Expense))
    {
        let all: i64 = stmt.query_row(params![a.code, from, to], |r| r.get(0))?;
        let get = |m: &HashMap<&'static str, i64>| m.get(a.code).copied().unwrap_or(0);
        let opening = get(&apart.opening);
        let mine = all - get(&apart.closing) - opening;
        if mine != 0 {
            own.insert(a.code, mine);
        }
        if opening != 0 {
            brought.insert(a.code, opening);
        }
    }
    Ok((own, brought))
}

/// Net profit of the operating capital (its income less its expenses) from year flows.
pub fn net_profit_of(flows: &BTreeMap<&'static str, i64>) -> i64 {
    flows
        .iter()
        .filter(|(c, _)| account::by_code(c).is_some_and(|a| a.fund == Fund::Operating))
        .map(|(_, v)| -v)
        .sum()
}

/// One allocation heading of the preview.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PoolLine {
    pub heading: String,
    pub label: String,
    pub percent: String,
    pub amount: Money,
    /// What rounding of the member shares left of this pool (dividend and average return),
    /// moved to the reserve.
    pub residual: Money,
    pub account: String,
}

/// One member's line of the preview (and of the dividend register).
#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberShare {
    pub member: u32,
    #[serde(skip)]
    pub member_id: String,
    pub name: String,
    pub status: MemberStatus,
    /// Pledged savings at the start and end of the year.
    pub savings_opening: Money,
    pub savings_closing: Money,
    /// The dividend weight: baht-months (x12, month-end) or baht-days (days).
    pub weight: Money,
    /// Loan interest received from the member in the year.
    pub interest_paid: Money,
    /// What the member bought from the group's businesses in the year (cash and credit,
    /// reversals netted): the weight of the purchase-based return.
    pub purchases: Money,
    pub dividend: Money,
    pub average_return: Money,
    pub purchase_return: Money,
    pub total: Money,
    pub eligible_dividend: bool,
    pub eligible_average_return: bool,
    pub eligible_purchase_return: bool,
    /// Why a share was withheld (empty when none was).
    pub excluded: String,
    /// Paid so far and what is still owed (before the close: nothing paid, all to be owed).
    pub paid: Money,
    pub unpaid: Money,
}

/// The record of a closed year.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Closed {
    pub year: i32,
    pub meeting_date: NaiveDate,
    /// The general meeting that approved the year (its number, `2569/01`), when the close
    /// named it.
    pub meeting: Option<String>,
    /// `ครั้งที่ 1/2569`-style label of that meeting and its kind, for documents and screens.
    pub meeting_label: Option<String>,
    pub prepared_by: String,
    pub approved_by: u32,
    pub approver_name: String,
    pub closed_at: String,
    pub entries: Vec<String>,
}

/// What the year-end would post (or, for a closed year, what was posted).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Preview {
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub method: String,
    pub method_label: String,
    pub rounding: String,
    pub rounding_label: String,
    pub includes_leavers: bool,
    pub excludes_defaulters: bool,
    pub operating_income: Money,
    pub operating_expenses: Money,
    pub net_profit: Money,
    /// A loss is not allocated: it is carried forward (กำไร(ขาดทุน)สะสม).
    pub loss_carried_forward: Money,
    /// The expense fund's own fees and costs of the year (not profit, DOMAIN §10).
    pub expense_fund_income: Money,
    pub expense_fund_expenses: Money,
    /// heading → pool amount (contract: heading keys without the `allocation_` prefix).
    pub pools: BTreeMap<String, Money>,
    pub allocation: Vec<PoolLine>,
    pub percent_total: String,
    pub dividend_paid_out: Money,
    pub average_return_paid_out: Money,
    pub purchase_return_paid_out: Money,
    pub dividend_residual: Money,
    pub average_return_residual: Money,
    pub purchase_return_residual: Money,
    /// What rounding leaves of the member-shared pools together (dividend, average return and
    /// purchase-based return; to the reserve).
    pub residual: Money,
    /// The reserve pool plus the residual: what the reserve receives.
    pub reserve_total: Money,
    pub total_weight: Money,
    pub total_interest: Money,
    /// Members' purchases from the businesses in the year (eligible members).
    pub total_purchases: Money,
    /// The dividend as a yearly rate on the average pledged savings, percent.
    pub dividend_rate: String,
    /// The average return per 100 baht of interest paid.
    pub average_return_rate: String,
    /// The purchase-based return per 100 baht of purchases.
    pub purchase_return_rate: String,
    pub members_eligible_dividend: u32,
    pub members_eligible_average_return: u32,
    pub members_eligible_purchase_return: u32,
    pub members: Vec<MemberShare>,
    pub months_open: Vec<String>,
    pub prepared_by: Option<String>,
    /// The general meeting that approved the year (its number), once closed by a named meeting.
    pub meeting: Option<String>,
    pub closed: Option<Closed>,
}

struct Candidate {
    id: String,
    number: u32,
    name: String,
    status: MemberStatus,
    left_on: Option<NaiveDate>,
}

/// Members who were members at some time in the year, by number.
fn candidates(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Candidate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, title, first_name, last_name, status, left_on FROM member
         WHERE joined <= ?2 AND (status = 'active' OR left_on IS NULL OR left_on >= ?1)
         ORDER BY number",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        let (t, f, l): (String, String, String) = (r.get(2)?, r.get(3)?, r.get(4)?);
        Ok(Candidate {
            id: r.get(0)?,
            number: r.get(1)?,
            name: crate::member::full_name(&t, &f, &l),
            status: r.get(5)?,
            left_on: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each member's dated changes of pledged savings inside the year, by member id.
type Changes = HashMap<String, Vec<(NaiveDate, i64)>>;

/// Each member's pledged savings at the start of the year, S(0), and the dated changes of it
/// inside the year (credit = +, date order, one per day, none zero), all in satang.
///
/// One index-only pass over the savings postings from the year's start on: the kept balances
/// less everything posted since give S(0) without summing the years before.
fn savings_movements(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(HashMap<String, i64>, Changes)> {
    let mut opening: HashMap<String, i64> = HashMap::new();
    let mut kept = conn.prepare_cached(
        "SELECT member_key, amount FROM balance WHERE account = ?1 AND member_key <> ''",
    )?;
    let mut rows = kept.query([account::SAJJA])?;
    while let Some(r) = rows.next()? {
        let amount: i64 = r.get(1)?;
        opening.insert(r.get(0)?, -amount);
    }
    let mut changes: Changes = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, date, amount FROM posting
         WHERE account = ?1 AND date >= ?2 AND member_id IS NOT NULL ORDER BY date",
    )?;
    let mut rows = stmt.query(params![account::SAJJA, from])?;
    let to_text = to.to_string();
    let mut day: Option<(String, NaiveDate)> = None;
    while let Some(r) = rows.next()? {
        let member = text(r, 0)?;
        let date_text = text(r, 1)?;
        let credit = -r.get::<_, i64>(2)?;
        match opening.get_mut(member) {
            Some(s0) => *s0 -= credit,
            None => {
                opening.insert(member.to_string(), -credit);
            }
        }
        if date_text > to_text.as_str() {
            continue;
        }
        let date = match &day {
            Some((t, d)) if t == date_text => *d,
            _ => {
                let d: NaiveDate = r.get(1)?;
                day = Some((date_text.to_string(), d));
                d
            }
        };
        let list = match changes.get_mut(member) {
            Some(list) => list,
            None => changes.entry(member.to_string()).or_default(),
        };
        match list.last_mut() {
            Some((d, sum)) if *d == date => *sum += credit,
            _ => list.push((date, credit)),
        }
    }
    for list in changes.values_mut() {
        list.retain(|(_, amount)| *amount != 0);
    }
    Ok((opening, changes))
}

/// A text column borrowed from the row (no copy for each of many rows).
fn text<'a>(r: &'a rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'a str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Loan interest each member paid in the year (received; reversals netted), satang: one
/// index-only pass over the year's interest postings.
fn interest_paid(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, amount FROM posting
         WHERE account = ?1 AND date BETWEEN ?2 AND ?3 AND member_id IS NOT NULL",
    )?;
    let mut rows = stmt.query(params![account::LOAN_INTEREST, from, to])?;
    let mut out: HashMap<String, i64> = HashMap::new();
    while let Some(r) = rows.next()? {
        let member = text(r, 0)?;
        let paid = -r.get::<_, i64>(1)?;
        match out.get_mut(member) {
            Some(sum) => *sum += paid,
            None => {
                out.insert(member.to_string(), paid);
            }
        }
    }
    Ok(out)
}

/// What each member bought from the group's businesses in the year (every business, cash and
/// credit, a reversed sale netted), satang: the sales' own stock movements.
fn purchases(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, sum(amount) FROM stock_move
         WHERE member_id IS NOT NULL AND kind IN ('sell', 'reversal') AND date BETWEEN ?1 AND ?2
         GROUP BY member_id",
    )?;
    let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The months of the year not yet closed, as "YYYY-MM".
fn months_open(conn: &Connection, from: NaiveDate) -> Result<Vec<String>> {
    let lock = journal::lock_date(conn)?;
    Ok(shares::month_ends(from)
        .iter()
        .filter(|end| lock.is_none_or(|l| l < **end))
        .map(|end| thai::YearMonth::of(*end).to_string())
        .collect())
}

/// The year's figures, pools and member shares, as the close would post them.
pub fn compute(conn: &Connection, year_be: i32) -> Result<Preview> {
    let (from, to) = year_bounds(conn, year_be)?;
    let founded = crate::group::get(conn)?.founded;
    if to < founded {
        return Err(Error::invalid(
            "year",
            format!(
                "ปีบัญชี {year_be} อยู่ก่อนตั้งกลุ่ม ({})",
                thai::format_date(founded, Digits::Arabic)
            ),
        ));
    }
    let rules = Rules::load(conn, to)?;
    rules.check_percents()?;
    // A large group's year is mostly reading: the defaulters' loan histories on a side
    // connection while this one reads the rest.
    let (defaulters, (flows, members, (opening, changes), interest, bought)) = db::side_reads(
        conn,
        |c| {
            if rules.excludes_defaulters {
                crate::loan::arrears::defaulters(c, from, to)
            } else {
                Ok(Default::default())
            }
        },
        |c| {
            Ok((
                year_flows(c, from, to)?,
                candidates(c, from, to)?,
                savings_movements(c, from, to)?,
                interest_paid(c, from, to)?,
                purchases(c, from, to)?,
            ))
        },
    )?;
    let fund_sum = |fund: Fund, kind: AccountKind| -> i64 {
        flows
            .iter()
            .filter(|(c, _)| account::by_code(c).is_some_and(|a| a.fund == fund && a.kind == kind))
            .map(|(_, v)| *v)
            .sum()
    };
    let income = -fund_sum(Fund::Operating, AccountKind::Income);
    let expenses = fund_sum(Fund::Operating, AccountKind::Expense);
    let net = income - expenses;

    // Pools: each heading but the reserve is half-up of net × %; the reserve takes the rest.
    let mut pools: Vec<(&'static str, i64)> = Vec::new();
    for (key, pct) in &rules.percents {
        let amount = if net > 0 && *key != "reserve" {
            Money::from_decimal_rounded(
                Money::from_satang(net).as_decimal() * pct / Decimal::from(100),
            )
            .satang()
        } else {
            0
        };
        pools.push((key, amount));
    }
    let others: i64 = pools.iter().map(|(_, a)| a).sum();
    if net > 0 {
        if let Some(r) = pools.iter_mut().find(|(k, _)| *k == "reserve") {
            r.1 = net - others;
        }
    }
    let pool = |key: &str| pools.iter().find(|(k, _)| *k == key).map_or(0, |p| p.1);

    // Members and their weights.
    let none: Vec<(NaiveDate, i64)> = Vec::new();
    let mut lines = Vec::with_capacity(members.len());
    let mut div_weights = Vec::with_capacity(members.len());
    let mut ar_weights = Vec::with_capacity(members.len());
    let mut pr_weights = Vec::with_capacity(members.len());
    for m in &members {
        let s0 = opening.get(&m.id).copied().unwrap_or_default();
        let ch = changes.get(&m.id).unwrap_or(&none);
        let w = shares::weight(rules.method, from, to, s0, ch);
        let paid = interest.get(&m.id).copied().unwrap_or(0);
        let purchased = bought.get(&m.id).copied().unwrap_or(0).max(0);
        let left_in_year = !m.status.is_active() && m.left_on.is_some_and(|l| l <= to);
        let mut why = Vec::new();
        let member_ok = if left_in_year && !rules.includes_leavers {
            why.push("พ้นสภาพระหว่างปี");
            false
        } else {
            true
        };
        let defaulted = defaulters.contains(&m.id);
        if defaulted && paid != 0 {
            why.push("ผิดนัดชำระเงินกู้ในปี (ไม่ได้เฉลี่ยคืน)");
        }
        let eligible_dividend = member_ok;
        let eligible_ar = member_ok && !defaulted;
        // The purchase-based return follows the dividend's membership rule (members at the
        // year's end, or leavers too by setting); a loan in default does not withhold it.
        let eligible_pr = member_ok;
        div_weights.push(if eligible_dividend { w } else { 0 });
        ar_weights.push(if eligible_ar { paid } else { 0 });
        pr_weights.push(if eligible_pr { purchased } else { 0 });
        let closing = s0 + ch.iter().map(|(_, a)| a).sum::<i64>();
        lines.push(MemberShare {
            member: m.number,
            member_id: m.id.clone(),
            name: m.name.clone(),
            status: if left_in_year {
                MemberStatus::Left
            } else {
                MemberStatus::Active
            },
            savings_opening: Money::from_satang(s0),
            savings_closing: Money::from_satang(closing),
            weight: Money::from_satang(w),
            interest_paid: Money::from_satang(paid),
            purchases: Money::from_satang(purchased),
            dividend: Money::ZERO,
            average_return: Money::ZERO,
            purchase_return: Money::ZERO,
            total: Money::ZERO,
            eligible_dividend,
            eligible_average_return: eligible_ar,
            eligible_purchase_return: eligible_pr,
            excluded: why.join("; "),
            paid: Money::ZERO,
            unpaid: Money::ZERO,
        });
    }
    let (div, div_left) = shares::divide(pool("dividend"), &div_weights, rules.rounding);
    let (ar, ar_left) = shares::divide(pool("average_return"), &ar_weights, rules.rounding);
    // The purchase-based return: the same division and rounding as the average return.
    let (pr, pr_left) = shares::divide(pool("purchase_return"), &pr_weights, rules.rounding);
    for (((line, d), a), r) in lines.iter_mut().zip(&div).zip(&ar).zip(&pr) {
        line.dividend = Money::from_satang(*d);
        line.average_return = Money::from_satang(*a);
        line.purchase_return = Money::from_satang(*r);
        line.total = line.dividend + line.average_return + line.purchase_return;
        line.unpaid = line.total;
    }
    let total_weight: i64 = div_weights.iter().sum();
    let total_interest: i64 = ar_weights.iter().sum();
    let total_purchases: i64 = pr_weights.iter().sum();
    let div_paid: i64 = div.iter().sum();
    let ar_paid: i64 = ar.iter().sum();
    let pr_paid: i64 = pr.iter().sum();
    let residual = div_left + ar_left + pr_left;

    let allocation: Vec<PoolLine> = HEADINGS
        .iter()
        .zip(&rules.percents)
        .map(|((key, _, acct), (_, pct))| PoolLine {
            heading: key.to_string(),
            label: label_of(key, &rules.other_label),
            percent: pct.normalize().to_string(),
            amount: Money::from_satang(pool(key)),
            residual: Money::from_satang(match *key {
                "dividend" => div_left,
                "average_return" => ar_left,
                "purchase_return" => pr_left,
                _ => 0,
            }),
            account: acct.to_string(),
        })
        .collect();
    let mut preview = Preview {
        year: year_be,
        from,
        to,
        method: rules.method.as_str().into(),
        method_label: rules.method.label().into(),
        rounding: rules.rounding.as_str().into(),
        rounding_label: rules.rounding.label().into(),
        includes_leavers: rules.includes_leavers,
        excludes_defaulters: rules.excludes_defaulters,
        operating_income: Money::from_satang(income),
        operating_expenses: Money::from_satang(expenses),
        net_profit: Money::from_satang(net),
        loss_carried_forward: Money::from_satang((-net).max(0)),
        expense_fund_income: Money::from_satang(-fund_sum(Fund::Expense, AccountKind::Income)),
        expense_fund_expenses: Money::from_satang(fund_sum(Fund::Expense, AccountKind::Expense)),
        pools: pools
            .iter()
            .map(|(k, a)| (k.to_string(), Money::from_satang(*a)))
            .collect(),
        allocation,
        percent_total: rules
            .percents
            .iter()
            .map(|(_, p)| *p)
            .sum::<Decimal>()
            .normalize()
            .to_string(),
        dividend_paid_out: Money::from_satang(div_paid),
        average_return_paid_out: Money::from_satang(ar_paid),
        purchase_return_paid_out: Money::from_satang(pr_paid),
        dividend_residual: Money::from_satang(div_left),
        average_return_residual: Money::from_satang(ar_left),
        purchase_return_residual: Money::from_satang(pr_left),
        residual: Money::from_satang(residual),
        reserve_total: Money::from_satang(pool("reserve") + residual),
        total_weight: Money::from_satang(total_weight),
        total_interest: Money::from_satang(total_interest),
        total_purchases: Money::from_satang(total_purchases),
        dividend_rate: format!(
            "{:.2}",
            shares::yearly_rate(rules.method, from, to, div_paid, total_weight)
        ),
        average_return_rate: format!("{:.2}", shares::percent_of(ar_paid, total_interest)),
        purchase_return_rate: format!("{:.2}", shares::percent_of(pr_paid, total_purchases)),
        members_eligible_dividend: lines.iter().filter(|l| l.eligible_dividend).count() as u32,
        members_eligible_average_return: lines.iter().filter(|l| l.eligible_average_return).count()
            as u32,
        members_eligible_purchase_return: lines
            .iter()
            .filter(|l| l.eligible_purchase_return && l.purchases.is_positive())
            .count() as u32,
        members: lines,
        months_open: months_open(conn, from)?,
        prepared_by: last_preparer(conn, year_be)?,
        meeting: None,
        closed: closed(conn, year_be)?,
    };
    preview.meeting = preview.closed.as_ref().and_then(|c| c.meeting.clone());
    if preview.closed.is_some() {
        attach_payouts(conn, &mut preview)?;
    }
    Ok(preview)
}

/// Who last prepared the year's allocation, if anyone recorded it.
fn last_preparer(conn: &Connection, year_be: i32) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT prepared_by FROM year_preparation WHERE year_be = ?1 ORDER BY id DESC LIMIT 1",
            [year_be],
            |r| r.get(0),
        )
        .optional()?)
}

/// The record of a closed year (None while open).
pub fn closed(conn: &Connection, year_be: i32) -> Result<Option<Closed>> {
    type Row = (
        NaiveDate,
        String,
        u32,
        String,
        Option<String>,
        Option<meeting_ref::MeetingKind>,
    );
    let row: Option<Row> = conn
        .query_row(
            "SELECT c.meeting_date, c.prepared_by, c.approved_by, c.closed_at, m.number, m.kind
             FROM year_close c LEFT JOIN year_close_meeting ym ON ym.year_be = c.year_be
             LEFT JOIN meeting m ON m.id = ym.meeting_id WHERE c.year_be = ?1",
            [year_be],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((meeting_date, prepared_by, approved_by, closed_at, meeting, kind)) = row else {
        return Ok(None);
    };
    let meeting_label = meeting.as_ref().map(|n| {
        format!(
            "{} ครั้งที่ {}",
            kind.map_or("การประชุม", meeting_ref::MeetingKind::label),
            meeting_ref::label(n)
        )
    });
    let (_, to) = year_bounds(conn, year_be)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM journal_entry WHERE kind = 'year_close' AND date = ?1 ORDER BY seq",
    )?;
    let entries = stmt
        .query_map([to], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(Closed {
        year: year_be,
        meeting_date,
        meeting,
        meeting_label,
        prepared_by,
        approved_by,
        approver_name: crate::member::get(conn, approved_by)
            .map(|m| m.full_name)
            .unwrap_or_default(),
        closed_at,
        entries,
    }))
}

/// A year approved at a general meeting, as its minutes list it: the net profit and each
/// heading's pool as posted at the close.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ApprovedYear {
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub net_profit: Money,
    /// The pools as posted, in the regulation's order (zero pools included).
    pub pools: Vec<PoolLine>,
    /// What rounding of the member shares left of their pools (to the reserve).
    pub residual: Money,
}

/// The years closed by the approval of the meeting with this id.
pub fn approved_at(conn: &Connection, meeting_id: &str) -> Result<Vec<ApprovedYear>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.year_be, c.year_start, c.year_end, c.net_profit
         FROM year_close_meeting ym JOIN year_close c ON c.year_be = ym.year_be
         WHERE ym.meeting_id = ?1 ORDER BY c.year_be",
    )?;
    let years: Vec<(i32, NaiveDate, NaiveDate, Money)> = stmt
        .query_map([meeting_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut pools = conn.prepare_cached(
        "SELECT heading, percent, amount, residual FROM year_pool WHERE year_be = ?1",
    )?;
    let mut out = Vec::new();
    for (year, from, to, net_profit) in years {
        let other_label = Timeline::load(conn)?.raw("allocation_other_label", to)?;
        let posted: HashMap<String, (String, Money, Money)> = pools
            .query_map([year], |r| {
                Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let lines: Vec<PoolLine> = HEADINGS
            .iter()
            .filter_map(|(key, _, acct)| {
                let (percent, amount, residual) = posted.get(*key)?.clone();
                Some(PoolLine {
                    heading: key.to_string(),
                    label: label_of(key, &other_label),
                    percent,
                    amount,
                    residual,
                    account: acct.to_string(),
                })
            })
            .collect();
        out.push(ApprovedYear {
            year,
            from,
            to,
            net_profit,
            residual: lines.iter().map(|p| p.residual).sum(),
            pools: lines,
        });
    }
    Ok(out)
}

/// What each member was paid of a closed year (payouts not reversed), satang: (dividend,
/// average return, purchase-based return).
fn paid_so_far(conn: &Connection, year_be: i32) -> Result<HashMap<String, (i64, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT y.member_id, sum(y.dividend), sum(y.average_return), sum(y.purchase_return)
         FROM year_payout y JOIN journal_entry e ON e.id = y.entry_id
         WHERE y.year_be = ?1 AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id)
         GROUP BY y.member_id",
    )?;
    let rows = stmt.query_map([year_be], |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// For a closed year: the shares as posted (kept at close) and what was paid of them.
fn attach_payouts(conn: &Connection, preview: &mut Preview) -> Result<()> {
    let paid = paid_so_far(conn, preview.year)?;
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, dividend, average_return, purchase_return FROM year_member WHERE year_be = ?1",
    )?;
    let posted: HashMap<String, (i64, i64, i64)> = stmt
        .query_map([preview.year], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for line in &mut preview.members {
        if let Some((d, a, p)) = posted.get(&line.member_id) {
            line.dividend = Money::from_satang(*d);
            line.average_return = Money::from_satang(*a);
            line.purchase_return = Money::from_satang(*p);
            line.total = line.dividend + line.average_return + line.purchase_return;
        }
        let (pd, pa, pp) = paid.get(&line.member_id).copied().unwrap_or((0, 0, 0));
        line.paid = Money::from_satang(pd + pa + pp);
        line.unpaid = line.total - line.paid;
    }
    Ok(())
}

/// Records who prepared the year's allocation (a member number, or the user at the computer).
pub(crate) fn record_preparer(
    conn: &Connection,
    year_be: i32,
    preparer: &str,
    net: Money,
) -> Result<()> {
    conn.execute(
        "INSERT INTO year_preparation (year_be, prepared_by, prepared_at, net_profit) VALUES (?1, ?2, ?3, ?4)",
        params![year_be, preparer, clock::now_utc(), net],
    )?;
    Ok(())
}

/// The preparer as typed: a member number (checked), or empty for the user at the computer.
pub(crate) fn parse_preparer(conn: &Connection, text: &str) -> Result<String> {
    let t = thai::to_arabic_digits(text.trim());
    if t.is_empty() {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "ผู้ใช้โปรแกรม".into());
        return Ok(format!("ผู้ใช้ {user}"));
    }
    let n: u32 = t.parse().map_err(|_| {
        Error::invalid(
            "prepared_by",
            format!("ผู้จัดทำ \"{}\" ต้องเป็นเลขที่สมาชิก เช่น 3", text.trim()),
        )
    })?;
    let m = crate::member::get(conn, n)
        .map_err(|_| Error::invalid("prepared_by", format!("ไม่พบสมาชิกเลขที่ {n} (ผู้จัดทำ)")))?;
    Ok(m.number.to_string())
}

/// The general meeting that approved a year: named by its number (the meeting is recorded
/// with the close), or given only by its date (books kept before meetings were recorded).
#[derive(Clone, Debug)]
pub enum Approval {
    Meeting(String),
    Date(NaiveDate),
}

/// The approving meeting's date and id, after checking the meeting may approve a year: an
/// annual or extraordinary general meeting whose minutes are not yet certified.
fn approving_meeting(
    conn: &Connection,
    approval: &Approval,
) -> Result<(NaiveDate, Option<String>)> {
    let text = match approval {
        Approval::Date(d) => return Ok((*d, None)),
        Approval::Meeting(text) => text,
    };
    let m = meeting_ref::named(conn, text)?;
    if !m.kind.is_general() {
        return Err(Error::invalid(
            "meeting",
            format!(
                "การประชุมครั้งที่ {} เป็น{} ซึ่งอนุมัติงบการเงินและการจัดสรรกำไรไม่ได้ — เลือกการประชุมใหญ่สามัญประจำปี (หรือใหญ่วิสามัญ) ที่อนุมัติ หรือบันทึกการประชุมใหญ่ก่อน (sajja meeting new --kind annual)",
                meeting_ref::label(&m.number),
                m.kind.label()
            ),
        ));
    }
    if m.certified {
        return Err(Error::Refused(format!(
            "รายงานการประชุมครั้งที่ {} ได้รับการรับรองแล้ว จึงบันทึกการอนุมัติเพิ่มไม่ได้ — ปิดบัญชีตามมติของการประชุมใหญ่ที่ยังไม่ได้รับรองรายงาน",
            meeting_ref::label(&m.number)
        )));
    }
    Ok((m.date, Some(m.id)))
}

/// A year's preview computed before the close's transaction opened, with the version of the
/// books it read: the close posts it only if nothing was committed since, so the reading can
/// use every core (side connections see nothing of an open transaction).
pub struct Computed {
    year_be: i32,
    version: i64,
    preview: Preview,
}

impl Computed {
    /// The preview of `year_be` as the books stand now; `None` when it cannot be computed (the
    /// close then computes it itself and says why in its own order of checks).
    pub fn now(conn: &Connection, year_be: i32) -> Result<Option<Computed>> {
        let version = db::data_version(conn)?;
        Ok(compute(conn, year_be).ok().map(|preview| Computed {
            year_be,
            version,
            preview,
        }))
    }

    /// The preview, if still true of the books `conn` sees for `year_be`.
    fn still_true(self, conn: &Connection, year_be: i32) -> Result<Option<Preview>> {
        Ok(
            (self.year_be == year_be && db::data_version(conn)? == self.version)
                .then_some(self.preview),
        )
    }
}

/// The preview a treasurer last saw on one connection, with the state of the books it was read
/// from: the version other connections' commits move ([`db::data_version`]) and how many rows
/// this connection had changed in the books (see `Books::book_changes`). The approval that
/// follows it on the year-end screen posts it instead of reading the year again (for 20,000
/// members that reading takes most of a second) while both still stand; any write to the
/// books, here or by another program, moves one of them and the close reads the year anew.
pub struct Seen {
    computed: Computed,
    changes: u64,
}

impl Seen {
    /// `preview` of `year_be`, read at `version` after `changes` rows of the books changed
    /// here; the two must be taken before the reading (or inside its transaction), so that a
    /// commit during it leaves them behind.
    pub fn new(year_be: i32, version: i64, changes: u64, preview: Preview) -> Seen {
        Seen {
            computed: Computed {
                year_be,
                version,
                preview,
            },
            changes,
        }
    }

    /// The preview for the close of `year_be`, if it was seen of the books as they stand here
    /// (`changes` unchanged). The close checks the version again inside its transaction. A copy:
    /// an approval refused (the approver is the preparer, say) leaves it to the next one.
    pub fn for_close(&self, year_be: i32, changes: u64) -> Option<Computed> {
        let c = &self.computed;
        (c.year_be == year_be && self.changes == changes).then(|| Computed {
            year_be,
            version: c.version,
            preview: c.preview.clone(),
        })
    }
}

/// What a close posts.
pub enum ToPost {
    /// The preview the approver was shown (on the year-end screen), exactly: if the books no
    /// longer read as it did (or none was shown), the close is refused.
    Shown(Option<Computed>),
    /// The year as the books say: the preview read before the transaction if still true, else
    /// read again inside it (the command line).
    Current(Option<Computed>),
}

impl ToPost {
    /// The preview to post, checked inside the close's transaction.
    fn preview(self, conn: &Connection, year_be: i32) -> Result<Preview> {
        let (computed, shown) = match self {
            ToPost::Shown(c) => (c, true),
            ToPost::Current(c) => (c, false),
        };
        let still_true = match computed {
            Some(c) => c.still_true(conn, year_be)?,
            None => None,
        };
        match still_true {
            Some(p) => Ok(p),
            None if shown => Err(Error::ChangedSinceShown { year: year_be }),
            None => compute(conn, year_be),
        }
    }
}

/// Closes the year: the checks, the closing entries, the record. One transaction (the caller's).
pub(crate) fn close(
    conn: &Connection,
    year_be: i32,
    approval: &Approval,
    approved_by: &str,
    prepared_by: &str,
    to_post: ToPost,
) -> Result<Preview> {
    if let Some(c) = closed(conn, year_be)? {
        return Err(Error::Refused(format!(
            "ปีบัญชี {year_be} ปิดไปแล้ว (ประชุมอนุมัติ {}) — ปิดซ้ำไม่ได้ ไม่มีการเปลี่ยนแปลงใด",
            thai::format_date(c.meeting_date, Digits::Arabic)
        )));
    }
    let (meeting_date, meeting_id) = approving_meeting(conn, approval)?;
    let preview = to_post.preview(conn, year_be)?;
    let (from, to) = (preview.from, preview.to);
    if !preview.months_open.is_empty() {
        return Err(Error::Refused(format!(
            "ยังปิดบัญชีประจำปี {year_be} ไม่ได้: ยังไม่ได้ปิดเดือน {} — ปิดทุกเดือนของปีก่อน",
            preview.months_open.join(", ")
        )));
    }
    let later: Option<i32> = conn.query_row(
        "SELECT max(year_be) FROM year_close WHERE year_end > ?1",
        [to],
        |r| r.get(0),
    )?;
    if let Some(l) = later {
        return Err(Error::Refused(format!(
            "ปิดปีบัญชี {year_be} ไม่ได้ เพราะปีบัญชี {l} ซึ่งอยู่หลังปิดไปแล้ว"
        )));
    }
    let field = if meeting_id.is_some() {
        "meeting"
    } else {
        "meeting_date"
    };
    if meeting_date <= to {
        return Err(Error::invalid(
            field,
            format!(
                "วันประชุมใหญ่ ({}) ต้องอยู่หลังวันสิ้นปีบัญชี ({}) — เลือกการประชุมใหญ่ที่จัดหลังสิ้นปี",
                thai::format_date(meeting_date, Digits::Arabic),
                thai::format_date(to, Digits::Arabic)
            ),
        ));
    }
    if meeting_date > clock::today() {
        return Err(Error::invalid(
            field,
            "วันประชุมใหญ่ยังมาไม่ถึง — อนุมัติได้เมื่อประชุมแล้ว",
        ));
    }
    let approver_n = crate::member::parse_number("approved_by", "ของผู้อนุมัติ", approved_by)?;
    let approver = crate::member::get(conn, approver_n).map_err(|_| {
        Error::invalid("approved_by", format!("ไม่พบสมาชิกเลขที่ {approver_n} (ผู้อนุมัติ)"))
    })?;
    if !approver.status.is_active() && approver.left_on.is_none_or(|l| l <= meeting_date) {
        return Err(Error::invalid(
            "approved_by",
            format!("ผู้อนุมัติ {} พ้นสภาพสมาชิกแล้ว", approver.full_name),
        ));
    }
    // Once the group keeps its committee register, the year is approved for the meeting by
    // someone holding a seat on the executive committee (คณะกรรมการอำนวยการ) that day.
    crate::committee::authorise(
        conn,
        "executive",
        meeting_date,
        std::slice::from_ref(&approver),
        1,
        "อนุมัติปิดปีบัญชี",
    )
    .map_err(|e| match e {
        Error::Invalid { message, .. } => Error::invalid("approved_by", message),
        other => other,
    })?;
    let preparer = if prepared_by.trim().is_empty() {
        match preview.prepared_by.clone() {
            Some(p) => p,
            None => parse_preparer(conn, "")?,
        }
    } else {
        parse_preparer(conn, prepared_by)?
    };
    if preparer == approver_n.to_string() {
        return Err(Error::invalid(
            "approved_by",
            format!(
                "ผู้อนุมัติต้องไม่ใช่ผู้จัดทำ — {} (เลขที่ {approver_n}) เป็นผู้จัดทำการจัดสรรนี้",
                approver.full_name
            ),
        ));
    }
    let entries = post_closing(conn, year_be, from, to, &preview)?;
    conn.execute(
        "INSERT INTO year_close (year_be, year_start, year_end, meeting_date, prepared_by, approved_by,
                                 net_profit, method, rounding, closed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            year_be,
            from,
            to,
            meeting_date,
            preparer,
            approver_n,
            preview.net_profit,
            preview.method,
            preview.rounding,
            clock::now_utc()
        ],
    )?;
    if let Some(id) = &meeting_id {
        conn.execute(
            "INSERT INTO year_close_meeting (year_be, meeting_id) VALUES (?1, ?2)",
            params![year_be, id],
        )?;
    }
    let mut pool_row = conn.prepare_cached(
        "INSERT INTO year_pool (year_be, heading, percent, amount, residual) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for p in &preview.allocation {
        pool_row.execute(params![year_be, p.heading, p.percent, p.amount, p.residual])?;
    }
    let mut member_row = conn.prepare_cached(
        "INSERT INTO year_member (year_be, member_id, weight, interest_paid, dividend, average_return,
                                  eligible_dividend, eligible_average_return, note,
                                  purchases, purchase_return, eligible_purchase_return)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for m in &preview.members {
        member_row.execute(params![
            year_be,
            m.member_id,
            m.weight,
            m.interest_paid,
            m.dividend,
            m.average_return,
            m.eligible_dividend,
            m.eligible_average_return,
            m.excluded,
            m.purchases,
            m.purchase_return,
            m.eligible_purchase_return
        ])?;
    }
    debug_assert!(!entries.is_empty() || preview.net_profit.is_zero());
    // The preview as a closed year shows it: the same figures (the closing entries are left
    // out of the year's flows and touch no pledged savings), with the record and the payouts.
    let mut done = preview;
    done.closed = closed(conn, year_be)?;
    done.meeting = done.closed.as_ref().and_then(|c| c.meeting.clone());
    attach_payouts(conn, &mut done)?;
    Ok(done)
}

/// The closing entries, dated on the year's last day. Returns their ids.
fn post_closing(
    conn: &Connection,
    year_be: i32,
    from: NaiveDate,
    to: NaiveDate,
    preview: &Preview,
) -> Result<Vec<String>> {
    let apart = ledger::set_apart(conn, from, to)?;
    let (flows, brought) = own_flows(conn, from, to, &apart)?;
    let mut ids = Vec::new();
    // Each fund's income and expense closed: the operating capital's to the year's surplus,
    // the expense fund's to the expense fund itself (fees are not profit). Income and expense
    // brought in from the paper books on a cut-over in the year were earned before it: the
    // operating capital's go to retained profit (กำไรสะสม), not into this year's allocation.
    for (fund, target, earlier, memo) in [
        (
            Fund::Operating,
            account::YEAR_SURPLUS,
            account::RETAINED,
            "ปิดบัญชีรายได้และค่าใช้จ่ายทุนดำเนินการเข้ากำไรสุทธิประจำปี",
        ),
        (
            Fund::Expense,
            account::EXPENSE_FUND,
            account::EXPENSE_FUND,
            "ปิดบัญชีรายได้และค่าใช้จ่ายของทุนค่าใช้สอยเข้าทุนค่าใช้สอย",
        ),
    ] {
        let mut e = NewEntry::new(to, EntryKind::YearClose, format!("{memo} ปีบัญชี {year_be}"));
        let in_fund = |code: &&str| account::by_code(code).is_some_and(|a| a.fund == fund);
        let codes: std::collections::BTreeSet<&'static str> = flows
            .keys()
            .chain(brought.keys())
            .copied()
            .filter(|c| in_fund(c))
            .collect();
        let (mut own_sum, mut brought_sum) = (0, 0);
        for code in codes {
            let (own, before) = (
                flows.get(code).copied().unwrap_or(0),
                brought.get(code).copied().unwrap_or(0),
            );
            e.push(Posting::debit(code, Money::from_satang(-(own + before))));
            own_sum += own;
            brought_sum += before;
        }
        if target == earlier {
            e.push(Posting::debit(
                target,
                Money::from_satang(own_sum + brought_sum),
            ));
        } else {
            e.push(Posting::debit(target, Money::from_satang(own_sum)));
            e.push(Posting::debit(earlier, Money::from_satang(brought_sum)));
        }
        if e.postings.len() >= 2 {
            ids.push(journal::post_year_close(conn, &e)?);
        }
    }
    let net = preview.net_profit;
    if net.is_negative() {
        let mut e = NewEntry::new(
            to,
            EntryKind::YearClose,
            format!("ขาดทุนสุทธิปีบัญชี {year_be} ยกไปเป็นขาดทุนสะสม ไม่มีการจัดสรร"),
        );
        e.push(Posting::debit(account::RETAINED, -net));
        e.push(Posting::credit(account::YEAR_SURPLUS, -net));
        ids.push(journal::post_year_close(conn, &e)?);
    } else if net.is_positive() {
        let mut e = NewEntry::new(
            to,
            EntryKind::YearClose,
            format!("จัดสรรกำไรสุทธิปีบัญชี {year_be} ตามมติที่ประชุมใหญ่"),
        );
        e.push(Posting::debit(account::YEAR_SURPLUS, net));
        for p in &preview.allocation {
            let amount = match p.heading.as_str() {
                // Member shares are credited one by one below; the reserve also receives
                // what rounding left of them.
                "dividend" | "average_return" | "purchase_return" => continue,
                "reserve" => preview.reserve_total,
                _ => p.amount,
            };
            let code = account::by_code(&p.account).expect("heading accounts are in the chart");
            e.push(Posting::credit(code.code, amount));
        }
        for m in &preview.members {
            e.push(
                Posting::credit(account::DIVIDENDS_PAYABLE, m.dividend).for_member(&m.member_id),
            );
            e.push(
                Posting::credit(account::AVERAGE_RETURN_PAYABLE, m.average_return)
                    .for_member(&m.member_id),
            );
            if !m.purchase_return.is_zero() {
                e.push(
                    Posting::credit(account::PURCHASE_RETURN_PAYABLE, m.purchase_return)
                        .for_member(&m.member_id),
                );
            }
        }
        ids.push(journal::post_year_close(conn, &e)?);
    }
    Ok(ids)
}

/// Where a payout goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayTo {
    Cash,
    Savings,
    Deposit,
}

impl PayTo {
    pub fn parse(text: &str) -> Result<PayTo> {
        match text.trim() {
            "cash" | "เงินสด" => Ok(PayTo::Cash),
            "savings" | "สัจจะ" | "เงินสัจจะ" => Ok(PayTo::Savings),
            "deposit" | "เงินฝาก" => Ok(PayTo::Deposit),
            other => Err(Error::invalid(
                "to",
                format!(
                    "\"{other}\" ไม่ใช่ cash (เงินสด), savings (เข้าเงินสัจจะ) หรือ deposit (เข้าเงินฝาก)"
                ),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PayTo::Cash => "cash",
            PayTo::Savings => "savings",
            PayTo::Deposit => "deposit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PayTo::Cash => "จ่ายเป็นเงินสด",
            PayTo::Savings => "โอนเข้าเงินสัจจะ",
            PayTo::Deposit => "โอนเข้าเงินฝาก",
        }
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct PaidLine {
    pub member: u32,
    pub name: String,
    pub dividend: Money,
    pub average_return: Money,
    pub purchase_return: Money,
    pub total: Money,
    pub entry: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Payout {
    pub year: i32,
    pub date: NaiveDate,
    pub to: String,
    pub members: Vec<PaidLine>,
    pub total: Money,
}

/// Pays what is still owed of a closed year's dividends and average returns: one member, or
/// everyone still owed; each member one balanced entry.
pub(crate) fn pay(
    conn: &Connection,
    year_be: i32,
    member: Option<u32>,
    to: PayTo,
    date: NaiveDate,
) -> Result<Payout> {
    let Some(record) = closed(conn, year_be)? else {
        return Err(Error::Refused(format!(
            "ปีบัญชี {year_be} ยังไม่ได้ปิดบัญชี — จ่ายปันผลได้หลังที่ประชุมใหญ่อนุมัติและปิดบัญชีแล้ว"
        )));
    };
    journal::ensure_open(conn, date)?;
    if date < record.meeting_date {
        return Err(Error::invalid("date", "วันที่จ่ายต้องไม่ก่อนวันประชุมใหญ่ที่อนุมัติ"));
    }
    let preview = compute(conn, year_be)?;
    let wanted: Vec<&MemberShare> = match member {
        Some(n) => {
            let line = preview
                .members
                .iter()
                .find(|m| m.member == n)
                .ok_or_else(|| {
                    Error::invalid(
                        "member",
                        format!("สมาชิกเลขที่ {n} ไม่มีปันผลหรือเฉลี่ยคืนของปีบัญชี {year_be}"),
                    )
                })?;
            if !line.unpaid.is_positive() {
                return Err(Error::Refused(format!(
                    "สมาชิกเลขที่ {n} {} ได้รับปันผลและเฉลี่ยคืนปีบัญชี {year_be} ครบแล้ว (ไม่มียอดค้างจ่าย)",
                    line.name
                )));
            }
            vec![line]
        }
        None => preview
            .members
            .iter()
            .filter(|m| m.unpaid.is_positive())
            .collect(),
    };
    if wanted.is_empty() {
        return Err(Error::Refused(format!(
            "ไม่มีปันผลหรือเฉลี่ยคืนปีบัญชี {year_be} ค้างจ่าย"
        )));
    }
    if to != PayTo::Cash {
        let mut gone = Vec::new();
        for m in &wanted {
            let member = crate::member::get_by_id(conn, &m.member_id)?;
            if !member.status.is_active() {
                gone.push(format!("{} {}", m.member, m.name));
            }
        }
        if !gone.is_empty() {
            return Err(Error::invalid(
                "to",
                format!(
                    "สมาชิกที่พ้นสภาพแล้วรับได้เป็นเงินสดเท่านั้น: {} — จ่ายรายคนด้วย --to cash ก่อน",
                    gone.join(", ")
                ),
            ));
        }
    }
    let paid_before = paid_so_far(conn, year_be)?;
    if to == PayTo::Cash {
        let need: Money = wanted.iter().map(|m| m.unpaid).sum();
        let cash = ledger::account_balance(conn, account::CASH, Some(date))?;
        if cash < need {
            return Err(Error::Refused(format!(
                "เงินสดในมือ {} บาทไม่พอจ่าย {} บาท — ถอนเงินจากธนาคารก่อน",
                cash.grouped(),
                need.grouped()
            )));
        }
    }
    let mut lines = Vec::new();
    for m in wanted {
        let (pd, pa, pp) = paid_before.get(&m.member_id).copied().unwrap_or((0, 0, 0));
        let dividend = m.dividend - Money::from_satang(pd);
        let average_return = m.average_return - Money::from_satang(pa);
        let purchase_return = m.purchase_return - Money::from_satang(pp);
        let total = dividend + average_return + purchase_return;
        let mut e = NewEntry::new(
            date,
            EntryKind::YearEndPayout,
            format!("ปันผลและเฉลี่ยคืนปีบัญชี {year_be} {}", to.label()),
        );
        e.member_id = Some(m.member_id.clone());
        e.push(Posting::debit(account::DIVIDENDS_PAYABLE, dividend).for_member(&m.member_id));
        e.push(
            Posting::debit(account::AVERAGE_RETURN_PAYABLE, average_return)
                .for_member(&m.member_id),
        );
        if !purchase_return.is_zero() {
            e.push(
                Posting::debit(account::PURCHASE_RETURN_PAYABLE, purchase_return)
                    .for_member(&m.member_id),
            );
        }
        e.push(match to {
            PayTo::Cash => Posting::credit(account::CASH, total),
            PayTo::Savings => Posting::credit(account::SAJJA, total).for_member(&m.member_id),
            PayTo::Deposit => Posting::credit(account::DEPOSITS, total).for_member(&m.member_id),
        });
        let id = journal::post(conn, &e)?;
        conn.execute_cached(
            "INSERT INTO year_payout (year_be, member_id, entry_id, dividend, average_return, paid_to,
                                      purchase_return)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                year_be,
                m.member_id,
                id,
                dividend,
                average_return,
                to.as_str(),
                purchase_return
            ],
        )?;
        lines.push(PaidLine {
            member: m.member,
            name: m.name.clone(),
            dividend,
            average_return,
            purchase_return,
            total,
            entry: id,
        });
    }
    Ok(Payout {
        year: year_be,
        date,
        to: to.as_str().into(),
        total: lines.iter().map(|l| l.total).sum(),
        members: lines,
    })
}
