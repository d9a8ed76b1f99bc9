//! The year's statements (งบการเงินประจำปี) for the annual general meeting, each with the
//! previous year beside it and the two funds (operating capital, expense fund; DOMAIN §10)
//! shown apart: trial balance, income statement, balance sheet, receipts and payments.
//!
//! A period is an accounting year, or its start to an "as at" date; the previous column is
//! the same span one year earlier. The closing entries of a year are left out of its trial
//! balance and income statement (they would show every income and expense as zero); the
//! balance sheet shows the books as they stand on the date, closing entries included, with any
//! profit not yet allocated as a line of its own, so it balances before and after the close.

use std::collections::{BTreeMap, HashMap};

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection};

use crate::account::{self, AccountKind, Fund, BANK, CASH, CHART};
use crate::error::{Error, Result};
use crate::ledger;
use crate::money::Money;
use crate::register::CashColumn;

/// The span of a statement and of its previous-year column.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Span {
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
}

impl Span {
    /// The accounting year `year_be`, through `as_at` if given (inside the year).
    pub fn of(conn: &Connection, year_be: i32, as_at: Option<NaiveDate>) -> Result<Span> {
        let (from, end) = crate::yearend::year_bounds(conn, year_be)?;
        let to = as_at.unwrap_or(end);
        if to < from || to > end {
            return Err(Error::invalid(
                "as_at",
                format!(
                    "วันที่ต้องอยู่ในปีบัญชี {year_be} ({} – {})",
                    crate::thai::format_date(from, crate::thai::Digits::Arabic),
                    crate::thai::format_date(end, crate::thai::Digits::Arabic)
                ),
            ));
        }
        let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
        // The previous year's span ends on the same day of the year; at a month's last day
        // (28/29 February) it ends on that month's last day too.
        let previous_to = if to == crate::thai::YearMonth::of(to).last_day() {
            crate::thai::YearMonth::of(back(to)).last_day()
        } else {
            back(to)
        };
        Ok(Span {
            year: year_be,
            from,
            to,
            previous_from: back(from),
            previous_to,
        })
    }
}

/// One statement line with the previous year's figure beside it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Line {
    pub code: String,
    pub name: String,
    pub fund: String,
    pub amount: Money,
    pub previous: Money,
}

/// Account balances over one span, in satang (debit > 0).
struct Balances {
    /// Every posting through `to`.
    at_to: HashMap<&'static str, i64>,
    /// Postings from `from` through `to`.
    within: HashMap<&'static str, i64>,
    /// The closing entries of the year inside the span.
    closing: HashMap<&'static str, i64>,
    /// The balances brought in from the paper books on a cut-over inside the span.
    opening: HashMap<&'static str, i64>,
}

impl Balances {
    fn load(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Balances> {
        let mut at_to = HashMap::new();
        let mut within = HashMap::new();
        for a in CHART {
            at_to.insert(
                a.code,
                ledger::account_balance(conn, a.code, Some(to))?.satang(),
            );
            let (dr, cr) = ledger::account_flows(conn, a.code, from, to)?;
            within.insert(a.code, (dr - cr).satang());
        }
        let apart = ledger::set_apart(conn, from, to)?;
        Ok(Balances {
            at_to,
            within,
            closing: apart.closing,
            opening: apart.opening,
        })
    }

    /// The span's own income or expense on an account: what was posted in it, less the
    /// year's closing entries and the balances brought in on a cut-over (the books as they
    /// stood then, not money earned or spent in the year).
    fn own(&self, code: &'static str, kind: AccountKind) -> i64 {
        self.pre_closing(code, kind) - Self::get(&self.opening, code)
    }

    fn get(map: &HashMap<&'static str, i64>, code: &str) -> i64 {
        map.get(code).copied().unwrap_or(0)
    }

    /// Before the year's closing entries: balance-sheet accounts as at `to`, income and
    /// expense for the span.
    fn pre_closing(&self, code: &'static str, kind: AccountKind) -> i64 {
        let c = Self::get(&self.closing, code);
        match kind {
            AccountKind::Income | AccountKind::Expense => Self::get(&self.within, code) - c,
            _ => Self::get(&self.at_to, code) - c,
        }
    }

    /// Income and expense of earlier years never closed (what no year-end has allocated).
    fn earlier_unclosed(&self) -> i64 {
        CHART
            .iter()
            .filter(|a| matches!(a.kind, AccountKind::Income | AccountKind::Expense))
            .map(|a| Self::get(&self.at_to, a.code) - Self::get(&self.within, a.code))
            .sum()
    }
}

fn fund_of(a: &account::Account) -> String {
    a.fund.as_str().to_string()
}

// ── Trial balance ────────────────────────────────────────────────────────────────────────

#[derive(Clone, Debug, serde::Serialize)]
pub struct TrialRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub fund: String,
    pub debit: Money,
    pub credit: Money,
    pub previous_debit: Money,
    pub previous_credit: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct TrialBalance {
    #[serde(flatten)]
    pub span: Span,
    pub rows: Vec<TrialRow>,
    pub total_debit: Money,
    pub total_credit: Money,
    pub previous_total_debit: Money,
    pub previous_total_credit: Money,
    pub balanced: bool,
}

pub fn trial_balance(conn: &Connection, span: Span) -> Result<TrialBalance> {
    let now = Balances::load(conn, span.from, span.to)?;
    let before = Balances::load(conn, span.previous_from, span.previous_to)?;
    let split = |v: i64| {
        if v >= 0 {
            (Money::from_satang(v), Money::ZERO)
        } else {
            (Money::ZERO, Money::from_satang(-v))
        }
    };
    let mut rows = Vec::new();
    for a in CHART {
        let (d, c) = split(now.pre_closing(a.code, a.kind));
        let (pd, pc) = split(before.pre_closing(a.code, a.kind));
        if d.is_zero() && c.is_zero() && pd.is_zero() && pc.is_zero() {
            continue;
        }
        rows.push(TrialRow {
            code: a.code.into(),
            name: a.name.into(),
            kind: a.kind.as_str().into(),
            fund: fund_of(a),
            debit: d,
            credit: c,
            previous_debit: pd,
            previous_credit: pc,
        });
    }
    let (d, c) = split(now.earlier_unclosed());
    let (pd, pc) = split(before.earlier_unclosed());
    if !(d.is_zero() && c.is_zero() && pd.is_zero() && pc.is_zero()) {
        rows.push(TrialRow {
            code: String::new(),
            name: "ผลการดำเนินงานปีก่อนที่ยังไม่ได้ปิดบัญชี".into(),
            kind: "equity".into(),
            fund: "operating".into(),
            debit: d,
            credit: c,
            previous_debit: pd,
            previous_credit: pc,
        });
    }
    let sum = |f: fn(&TrialRow) -> Money| rows.iter().map(f).sum::<Money>();
    let (td, tc) = (sum(|r| r.debit), sum(|r| r.credit));
    Ok(TrialBalance {
        span,
        total_debit: td,
        total_credit: tc,
        previous_total_debit: sum(|r| r.previous_debit),
        previous_total_credit: sum(|r| r.previous_credit),
        balanced: td == tc,
        rows,
    })
}

// ── Income statement ─────────────────────────────────────────────────────────────────────

#[derive(Clone, Debug, serde::Serialize)]
pub struct FundResult {
    pub income: Vec<Line>,
    pub income_total: Money,
    pub previous_income_total: Money,
    pub expenses: Vec<Line>,
    pub expenses_total: Money,
    pub previous_expenses_total: Money,
    /// Income less expenses.
    pub net: Money,
    pub previous_net: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct IncomeStatement {
    #[serde(flatten)]
    pub span: Span,
    /// ทุนดำเนินการ: its net is the net profit the meeting allocates.
    pub operating: FundResult,
    pub net_profit: Money,
    pub previous_net_profit: Money,
    /// ทุนค่าใช้สอย: fees and administration costs, kept apart; not profit.
    pub expense_fund: FundResult,
}

fn fund_result(now: &Balances, before: &Balances, fund: Fund) -> FundResult {
    let lines = |kind: AccountKind, sign: i64| -> Vec<Line> {
        CHART
            .iter()
            .filter(|a| a.fund == fund && a.kind == kind)
            .map(|a| Line {
                code: a.code.into(),
                name: a.name.into(),
                fund: fund_of(a),
                amount: Money::from_satang(sign * now.own(a.code, kind)),
                previous: Money::from_satang(sign * before.own(a.code, kind)),
            })
            .filter(|l| !(l.amount.is_zero() && l.previous.is_zero()))
            .collect()
    };
    let income = lines(AccountKind::Income, -1);
    let expenses = lines(AccountKind::Expense, 1);
    let total = |l: &[Line], prev: bool| -> Money {
        l.iter()
            .map(|x| if prev { x.previous } else { x.amount })
            .sum()
    };
    let (it, pit) = (total(&income, false), total(&income, true));
    let (et, pet) = (total(&expenses, false), total(&expenses, true));
    FundResult {
        income,
        income_total: it,
        previous_income_total: pit,
        expenses,
        expenses_total: et,
        previous_expenses_total: pet,
        net: it - et,
        previous_net: pit - pet,
    }
}

pub fn income_statement(conn: &Connection, span: Span) -> Result<IncomeStatement> {
    let now = Balances::load(conn, span.from, span.to)?;
    let before = Balances::load(conn, span.previous_from, span.previous_to)?;
    let operating = fund_result(&now, &before, Fund::Operating);
    Ok(IncomeStatement {
        span,
        net_profit: operating.net,
        previous_net_profit: operating.previous_net,
        operating,
        expense_fund: fund_result(&now, &before, Fund::Expense),
    })
}

// ── Balance sheet ────────────────────────────────────────────────────────────────────────

#[derive(Clone, Debug, serde::Serialize)]
pub struct BalanceSheet {
    #[serde(flatten)]
    pub span: Span,
    pub assets: Vec<Line>,
    pub total_assets: Money,
    pub previous_total_assets: Money,
    pub liabilities: Vec<Line>,
    pub total_liabilities: Money,
    pub previous_total_liabilities: Money,
    /// ทุนดำเนินการ: pledged savings, reserve and funds, profit not yet allocated.
    pub operating_capital: Vec<Line>,
    pub total_operating_capital: Money,
    pub previous_total_operating_capital: Money,
    /// ทุนค่าใช้สอย: its balance (capital, fees and allocations less costs).
    pub expense_fund: Money,
    pub previous_expense_fund: Money,
    pub total_liabilities_and_funds: Money,
    pub previous_total_liabilities_and_funds: Money,
    pub balanced: bool,
}

pub fn balance_sheet(conn: &Connection, span: Span) -> Result<BalanceSheet> {
    let now = Balances::load(conn, span.from, span.to)?;
    let before = Balances::load(conn, span.previous_from, span.previous_to)?;
    let lines = |kind: AccountKind, sign: i64| -> Vec<Line> {
        CHART
            .iter()
            .filter(|a| a.kind == kind && a.fund == Fund::Operating)
            .map(|a| Line {
                code: a.code.into(),
                name: a.name.into(),
                fund: fund_of(a),
                amount: Money::from_satang(sign * Balances::get(&now.at_to, a.code)),
                previous: Money::from_satang(sign * Balances::get(&before.at_to, a.code)),
            })
            .filter(|l| !(l.amount.is_zero() && l.previous.is_zero()))
            .collect()
    };
    let assets = lines(AccountKind::Asset, 1);
    let liabilities = lines(AccountKind::Liability, -1);
    let mut capital = lines(AccountKind::Equity, -1);
    // The operating capital's income less expenses not yet closed into the funds.
    let unallocated = |b: &Balances| -> i64 {
        -CHART
            .iter()
            .filter(|a| {
                a.fund == Fund::Operating
                    && matches!(a.kind, AccountKind::Income | AccountKind::Expense)
            })
            .map(|a| Balances::get(&b.at_to, a.code))
            .sum::<i64>()
    };
    let (u, pu) = (unallocated(&now), unallocated(&before));
    if u != 0 || pu != 0 {
        capital.push(Line {
            code: String::new(),
            name: "กำไร(ขาดทุน)สุทธิที่ยังไม่ได้จัดสรร".into(),
            fund: "operating".into(),
            amount: Money::from_satang(u),
            previous: Money::from_satang(pu),
        });
    }
    let total = |l: &[Line], prev: bool| -> Money {
        l.iter()
            .map(|x| if prev { x.previous } else { x.amount })
            .sum()
    };
    let expense_fund = ledger::expense_fund(conn, Some(span.to))?;
    let previous_expense_fund = ledger::expense_fund(conn, Some(span.previous_to))?;
    let (ta, pta) = (total(&assets, false), total(&assets, true));
    let (tl, ptl) = (total(&liabilities, false), total(&liabilities, true));
    let (tc, ptc) = (total(&capital, false), total(&capital, true));
    let (tlf, ptlf) = (tl + tc + expense_fund, ptl + ptc + previous_expense_fund);
    Ok(BalanceSheet {
        span,
        assets,
        total_assets: ta,
        previous_total_assets: pta,
        liabilities,
        total_liabilities: tl,
        previous_total_liabilities: ptl,
        operating_capital: capital,
        total_operating_capital: tc,
        previous_total_operating_capital: ptc,
        expense_fund,
        previous_expense_fund,
        total_liabilities_and_funds: tlf,
        previous_total_liabilities_and_funds: ptlf,
        balanced: ta == tlf && pta == ptlf,
    })
}

// ── Receipts and payments ────────────────────────────────────────────────────────────────

#[derive(Clone, Debug, serde::Serialize)]
pub struct ReceiptsPayments {
    #[serde(flatten)]
    pub span: Span,
    pub receipts: Vec<Line>,
    pub receipts_total: Money,
    pub previous_receipts_total: Money,
    pub payments: Vec<Line>,
    pub payments_total: Money,
    pub previous_payments_total: Money,
    pub cash: CashColumn,
    pub bank: CashColumn,
    pub previous_cash: CashColumn,
    pub previous_bank: CashColumn,
    /// Cash and bank together at the start and the end.
    pub opening: Money,
    pub closing: Money,
    pub previous_opening: Money,
    pub previous_closing: Money,
}

/// Money received and paid between two dates by kind: (fund, label) → (receipts, payments).
fn cash_flows(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<(String, String, bool), i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.account, sum(p.amount) FILTER (WHERE p.amount < 0), sum(p.amount) FILTER (WHERE p.amount > 0)
         FROM posting p
         WHERE p.date BETWEEN ?1 AND ?2 AND p.account NOT IN (?3, ?4)
           AND p.entry_seq IN (SELECT entry_seq FROM posting WHERE date BETWEEN ?1 AND ?2 AND account IN (?3, ?4))
         GROUP BY p.account",
    )?;
    let mut out = BTreeMap::new();
    let mut rows = stmt.query(params![from, to, CASH, BANK])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let credits: Option<i64> = r.get(1)?;
        let debits: Option<i64> = r.get(2)?;
        let fund = account::by_code(&code)
            .map(|a| a.fund.as_str())
            .unwrap_or("operating")
            .to_string();
        if let Some(c) = credits.filter(|c| *c != 0) {
            *out.entry((fund.clone(), super::fund::kind_label(&code, true), true))
                .or_default() += -c;
        }
        if let Some(d) = debits.filter(|d| *d != 0) {
            *out.entry((fund, super::fund::kind_label(&code, false), false))
                .or_default() += d;
        }
    }
    Ok(out)
}

fn cash_column(
    conn: &Connection,
    code: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<CashColumn> {
    let opening = ledger::account_balance(conn, code, from.pred_opt())?;
    let (r, p) = ledger::account_flows(conn, code, from, to)?;
    Ok(CashColumn {
        opening,
        receipts: r,
        payments: p,
        closing: opening + r - p,
    })
}

pub fn receipts_payments(conn: &Connection, span: Span) -> Result<ReceiptsPayments> {
    let now = cash_flows(conn, span.from, span.to)?;
    let before = cash_flows(conn, span.previous_from, span.previous_to)?;
    // Operating capital first, then the expense fund; each kind once with both years.
    let mut keys: Vec<&(String, String, bool)> = now.keys().chain(before.keys()).collect();
    keys.sort_by_key(|(fund, label, credit)| (fund != "operating", !*credit, label.clone()));
    keys.dedup();
    let mut receipts = Vec::new();
    let mut payments = Vec::new();
    for key in keys {
        let line = Line {
            code: String::new(),
            name: key.1.clone(),
            fund: key.0.clone(),
            amount: Money::from_satang(now.get(key).copied().unwrap_or(0)),
            previous: Money::from_satang(before.get(key).copied().unwrap_or(0)),
        };
        if key.2 {
            receipts.push(line);
        } else {
            payments.push(line);
        }
    }
    let total = |l: &[Line], prev: bool| -> Money {
        l.iter()
            .map(|x| if prev { x.previous } else { x.amount })
            .sum()
    };
    let cash = cash_column(conn, CASH, span.from, span.to)?;
    let bank = cash_column(conn, BANK, span.from, span.to)?;
    let previous_cash = cash_column(conn, CASH, span.previous_from, span.previous_to)?;
    let previous_bank = cash_column(conn, BANK, span.previous_from, span.previous_to)?;
    Ok(ReceiptsPayments {
        span,
        receipts_total: total(&receipts, false),
        previous_receipts_total: total(&receipts, true),
        payments_total: total(&payments, false),
        previous_payments_total: total(&payments, true),
        receipts,
        payments,
        opening: cash.opening + bank.opening,
        closing: cash.closing + bank.closing,
        previous_opening: previous_cash.opening + previous_bank.opening,
        previous_closing: previous_cash.closing + previous_bank.closing,
        cash,
        bank,
        previous_cash,
        previous_bank,
    })
}

/// Everything the year-end document prints: the four statements of the year.
#[derive(Clone, Debug, serde::Serialize)]
pub struct YearStatements {
    pub trial_balance: TrialBalance,
    /// Each account brought forward, moved and carried forward (no lines).
    pub ledger_summary: crate::report::general_ledger::GeneralLedger,
    pub income_statement: IncomeStatement,
    pub balance_sheet: BalanceSheet,
    pub receipts_payments: ReceiptsPayments,
}

pub fn year_statements(conn: &Connection, span: Span) -> Result<YearStatements> {
    Ok(YearStatements {
        trial_balance: trial_balance(conn, span)?,
        ledger_summary: crate::report::general_ledger::summary(conn, span)?,
        income_statement: income_statement(conn, span)?,
        balance_sheet: balance_sheet(conn, span)?,
        receipts_payments: receipts_payments(conn, span)?,
    })
}
