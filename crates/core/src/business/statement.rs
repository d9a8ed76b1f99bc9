//! A business's own figures for an accounting year: sales, cost of goods sold, expenses and
//! profit, month by month; its stock on hand, its cash, members' debts for goods, and each
//! member's purchases in the year (the basis of a purchase-based return). Read from the
//! postings of the business's own entries, so they agree with the group's statements.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::stock::{self, StockOnHand};
use super::Business;
use crate::account::{self, AccountKind, COST_OF_SALES, GOODS_RECEIVABLE, RICE_LOANS, SALES};
use crate::db::CachedExt;
use crate::error::Result;
use crate::money::Money;
use crate::thai::YearMonth;

/// One month (or the year) of a business.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Figures {
    pub sales: Money,
    pub cost_of_goods_sold: Money,
    pub gross_profit: Money,
    /// Other income of the business (the rice bank's interest in kind).
    pub other_income: Money,
    /// Its expenses: stock counted short (less found over), and any other.
    pub expenses: Money,
    pub profit: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct MonthFigures {
    /// "YYYY-MM".
    pub month: YearMonth,
    #[serde(flatten)]
    pub figures: Figures,
}

/// A member's purchases from the business in the year, and what they owe for goods.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MemberLine {
    pub member: u32,
    pub name: String,
    /// Everything bought in the year, cash and credit (after reversals).
    pub purchases: Money,
    /// Goods bought on credit still owed at the year's end (all the group's businesses: a
    /// payment in the collection row settles a member's goods debt as a whole).
    pub owed: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct BusinessReport {
    pub business: u32,
    pub name: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    /// Accounting year, พ.ศ.
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub capital: Money,
    /// The year's figures; its `profit` is operating-capital income of the group.
    #[serde(flatten)]
    pub totals: Figures,
    pub months: Vec<MonthFigures>,
    pub stock: StockOnHand,
    /// The business's cash at the year's end.
    pub cash: Money,
    /// Members' goods debts and rice loans' value at the year's end.
    pub receivables: Money,
    pub members: Vec<MemberLine>,
}

impl Figures {
    fn add(&mut self, code: &str, amount: i64) {
        let m = Money::from_satang(amount);
        match code {
            SALES => self.sales -= m,
            COST_OF_SALES => self.cost_of_goods_sold += m,
            _ => match account::by_code(code).map(|a| a.kind) {
                Some(AccountKind::Income) => self.other_income -= m,
                Some(AccountKind::Expense) => self.expenses += m,
                _ => return,
            },
        }
        self.gross_profit = self.sales - self.cost_of_goods_sold;
        self.profit = self.gross_profit + self.other_income - self.expenses;
    }
}

/// One business in the group's reports for a period: its figures, its stock and cash at the
/// period's end.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BusinessLine {
    pub business: u32,
    pub name: String,
    pub kind_label: &'static str,
    #[serde(flatten)]
    pub figures: Figures,
    pub stock_value: Money,
    pub cash: Money,
}

/// Every business's figures for `from`–`to` (the fund report's businesses).
pub fn lines(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<BusinessLine>> {
    super::list(conn)?
        .into_iter()
        .filter(|b| b.opened <= to)
        .map(|b| {
            Ok(BusinessLine {
                business: b.number,
                name: b.name.clone(),
                kind_label: b.kind.label(),
                figures: figures(conn, &b, from, to)?.1,
                stock_value: stock::on_hand(conn, &b, to)?.total_value,
                cash: super::cash(conn, &b.id, Some(to))?,
            })
        })
        .collect()
}

/// A business's figures for `from`–`to`, by month and in all.
fn figures(
    conn: &Connection,
    b: &Business,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<MonthFigures>, Figures)> {
    let mut stmt = conn.prepare_cached(
        "SELECT substr(p.date, 1, 7), p.account, sum(p.amount)
         FROM business_entry be JOIN posting p ON p.entry_seq = be.entry_seq
         WHERE be.business_id = ?1 AND p.date BETWEEN ?2 AND ?3
           AND p.account >= '4' AND p.account < '6'
         GROUP BY 1, 2",
    )?;
    let rows = stmt.query_map(params![b.id, from.to_string(), to.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut months: BTreeMap<String, Figures> = BTreeMap::new();
    let mut all = Figures::default();
    for row in rows {
        let (month, code, sum) = row?;
        months.entry(month).or_default().add(&code, sum);
        all.add(&code, sum);
    }
    let months = months
        .into_iter()
        .filter_map(|(m, figures)| {
            let ym: YearMonth = m.parse().ok()?;
            Some(MonthFigures { month: ym, figures })
        })
        .collect();
    Ok((months, all))
}

/// The report of business `b` for the accounting year `year` (พ.ศ.) running `from`–`to`.
pub fn report(
    conn: &Connection,
    b: &Business,
    year: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BusinessReport> {
    let (months, year_figures) = figures(conn, b, from, to)?;
    let receivables: i64 = conn.query_row_cached(
        "SELECT coalesce(sum(amount), 0) FROM posting WHERE account IN (?1, ?2) AND date <= ?3
         AND member_id IN (SELECT DISTINCT member_id FROM stock_move m JOIN item i ON i.id = m.item_id
                           WHERE i.business_id = ?4 AND m.member_id IS NOT NULL)",
        params![GOODS_RECEIVABLE, RICE_LOANS, to.to_string(), b.id],
        |r| r.get(0),
    )?;
    Ok(BusinessReport {
        business: b.number,
        name: b.name.clone(),
        kind: b.kind.as_str(),
        kind_label: b.kind.label(),
        year,
        from,
        to,
        capital: b.capital,
        totals: year_figures,
        months,
        stock: stock::on_hand(conn, b, to)?,
        cash: super::cash(conn, &b.id, Some(to))?,
        receivables: Money::from_satang(receivables),
        members: members(conn, b, from, to)?,
    })
}

/// Each member's purchases in the span and goods debt at its end. The debt is one seek in
/// `posting_member` per member: left to itself SQLite walked every posting of the account for
/// each member (50,000 sales: 378 ms against 105 ms).
fn members(
    conn: &Connection,
    b: &Business,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MemberLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT mb.number, mb.title || mb.first_name || ' ' || mb.last_name,
                sum(CASE WHEN m.date BETWEEN ?2 AND ?3 THEN m.amount ELSE 0 END),
                (SELECT coalesce(sum(p.amount), 0) FROM posting p INDEXED BY posting_member
                 WHERE p.member_id = m.member_id AND p.account = ?4 AND p.date <= ?3)
         FROM stock_move m JOIN item i ON i.id = m.item_id JOIN member mb ON mb.id = m.member_id
         WHERE i.business_id = ?1 AND m.kind IN ('sell', 'reversal') AND m.date <= ?3
         GROUP BY m.member_id ORDER BY mb.number",
    )?;
    let rows = stmt.query_map(
        params![b.id, from.to_string(), to.to_string(), GOODS_RECEIVABLE],
        |r| {
            Ok(MemberLine {
                member: r.get(0)?,
                name: r.get(1)?,
                purchases: Money::from_satang(r.get(2)?),
                owed: Money::from_satang(r.get(3)?),
            })
        },
    )?;
    Ok(rows
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|m| !m.purchases.is_zero() || !m.owed.is_zero())
        .collect())
}
