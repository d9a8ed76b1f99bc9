//! Read-only views for the screens: where the group's money is, and what an irreversible step
//! (closing a month, a member leaving) would do before the treasurer confirms it.
//!
//! The previews are dry runs: the real use case runs inside a transaction that is then rolled
//! back ([`crate::Books::close_month_preview`], [`crate::Books::member_exit_preview`]), so the
//! figures, warnings and refusals shown are exactly those the real step gives. No rule is
//! repeated here.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::account::{BANK, CASH};
use crate::error::{Error, Result};
use crate::ledger;
use crate::money::Money;
use crate::period::{CashCount, MonthClose};
use crate::thai::YearMonth;

/// The group's money as at a date: cash box, bank, the expense fund, the lock date and the
/// last cash count.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MoneyPosition {
    /// `None` = now (everything posted so far).
    pub date: Option<NaiveDate>,
    pub cash: Money,
    pub bank: Money,
    /// ทุนค่าใช้สอย: what expenses can still be paid from.
    pub expense_fund: Money,
    /// Why the expense fund is below zero (bank fees the bank took), shown in red; else None.
    pub expense_fund_note: Option<String>,
    /// Nothing can be posted on or before this date.
    pub lock_date: Option<NaiveDate>,
    /// The last cash count on or before `date`.
    pub last_count: Option<CashCount>,
}

pub fn money_position(conn: &Connection, date: Option<NaiveDate>) -> Result<MoneyPosition> {
    Ok(MoneyPosition {
        date,
        cash: ledger::account_balance(conn, CASH, date)?,
        bank: ledger::account_balance(conn, BANK, date)?,
        expense_fund: ledger::expense_fund(conn, date)?,
        expense_fund_note: ledger::expense_fund_note(conn, date)?,
        lock_date: crate::journal::lock_date(conn)?,
        last_count: last_cash_count(conn, date)?,
    })
}

/// The most recent cash count on or before `date` (None = ever).
pub fn last_cash_count(conn: &Connection, date: Option<NaiveDate>) -> Result<Option<CashCount>> {
    let to = date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "9999-12-31".into());
    Ok(conn
        .query_row(
            "SELECT date, expected, counted, entry_id, note FROM cash_count
             WHERE date <= ?1 ORDER BY date DESC, id DESC LIMIT 1",
            params![to],
            crate::period::cash_count_row,
        )
        .optional()?)
}

/// What closing a month would do, or why it cannot be closed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ClosePreview {
    /// The month asked about, "YYYY-MM".
    pub month: String,
    /// Its last day: after closing, nothing can be posted on or before it.
    pub through: NaiveDate,
    /// The books are locked through this date now (before closing).
    pub lock_date: Option<NaiveDate>,
    /// Cash and bank at the end of the month.
    pub cash: Money,
    pub bank: Money,
    /// The last cash count on or before the month's end.
    pub last_count: Option<CashCount>,
    /// What the committee should know; closing is still allowed.
    pub warnings: Vec<String>,
    /// Earlier open months the close would lock too ("YYYY-MM").
    pub skipped_months: Vec<String>,
    /// Cash was found short at a count in the month: the committee's note is asked for.
    pub cash_short: bool,
    /// Why the month cannot be closed (the core's Thai message), if it cannot.
    pub refused: Option<String>,
}

/// Builds the preview from the dry run's outcome (`lock_date` as it was before it). Refusals become `refused`; anything else
/// (a broken file, a database error) is an error.
pub(crate) fn close_preview(
    conn: &Connection,
    month: YearMonth,
    lock_date: Option<NaiveDate>,
    outcome: Result<MonthClose>,
) -> Result<ClosePreview> {
    let through = month.last_day();
    let last_count = last_cash_count(conn, Some(through))?;
    match outcome {
        Ok(c) => Ok(ClosePreview {
            month: c.month,
            through,
            lock_date,
            cash: c.cash,
            bank: c.bank,
            last_count,
            warnings: c.warnings,
            skipped_months: c.skipped_months,
            cash_short: c.cash_short,
            refused: None,
        }),
        Err(e @ (Error::Refused(_) | Error::PeriodClosed { .. })) => {
            // Months left open before this one stay on the list: they are why it is refused.
            let skipped = crate::closing::skipped_months(crate::period::open_month(conn)?, month);
            Ok(ClosePreview {
                month: month.to_string(),
                through,
                lock_date,
                cash: ledger::account_balance(conn, CASH, Some(through))?,
                bank: ledger::account_balance(conn, BANK, Some(through))?,
                last_count,
                warnings: crate::closing::skipped_warning(&skipped)
                    .into_iter()
                    .collect(),
                skipped_months: skipped.iter().map(YearMonth::to_string).collect(),
                cash_short: false,
                refused: Some(e.to_string()),
            })
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use crate::collection::CollectionInput;
    use crate::{Books, MemberInput, NewGroup};

    fn books() -> Books {
        let mut b = Books::in_memory(&NewGroup {
            name: "กลุ่มทดสอบ".into(),
            founded: "1/1/2568".into(),
            ..Default::default()
        })
        .unwrap();
        b.add_member(&MemberInput {
            title: "นาง".into(),
            first_name: "สมศรี".into(),
            last_name: "ใจงาม".into(),
            joined: "1/1/2568".into(),
            shares: "2".into(),
            ..Default::default()
        })
        .unwrap();
        b
    }

    fn collect(b: &mut Books, sajja: &str, deposit: &str) -> String {
        b.collect(&CollectionInput {
            date: "5/1/2568".into(),
            member: "1".into(),
            sajja: sajja.into(),
            deposit: deposit.into(),
            fee: "20".into(),
            ..Default::default()
        })
        .unwrap()
        .receipt
    }

    #[test]
    fn position_shows_cash_bank_fund_and_the_last_count() {
        let mut b = books();
        collect(&mut b, "100", "500");
        b.count_cash("5/1/2568", "615", "").unwrap();
        let p = b.money_position("").unwrap();
        assert_eq!(p.cash.to_string(), "615.00");
        assert_eq!(p.bank.to_string(), "0.00");
        assert_eq!(p.expense_fund.to_string(), "20.00");
        let count = p.last_count.unwrap();
        assert_eq!(count.difference.to_string(), "-5.00");
        assert!(b.money_position("4/1/2568").unwrap().last_count.is_none());
    }

    #[test]
    fn close_preview_changes_nothing_and_matches_the_close() {
        let mut b = books();
        collect(&mut b, "100", "");
        let preview = b.close_month_preview("1/2568").unwrap();
        assert_eq!(preview.refused, None);
        assert_eq!(preview.cash.to_string(), "120.00");
        assert_eq!(preview.warnings, vec!["ไม่มีการนับเงินสดในเดือนนี้"]);
        assert_eq!(preview.lock_date, None, "the dry run locked nothing");
        assert_eq!(b.overview().unwrap().lock_date, None);

        let closed = b.close_month("1/2568").unwrap();
        assert_eq!(closed.warnings, preview.warnings);
        assert_eq!(closed.cash, preview.cash);

        let again = b.close_month_preview("มกราคม 2568").unwrap();
        assert!(again.refused.unwrap().contains("ปิดไปแล้ว"));
        assert!(b.close_month_preview("13/2568").is_err());
    }

    #[test]
    fn exit_preview_changes_nothing() {
        let mut b = books();
        collect(&mut b, "100", "300");
        let before = b.member(1).unwrap();
        let preview = b
            .member_exit_preview(1, "6/1/2568", "ลาออก", "cash")
            .unwrap();
        assert_eq!(preview.payout.to_string(), "400.00");
        assert_eq!(preview.entry, None);
        let after = b.member(1).unwrap();
        assert_eq!(before.status, after.status);
        assert_eq!(b.money_position("").unwrap().cash.to_string(), "420.00");
        // The real exit gives the same figures.
        let done = b.member_exit(1, "6/1/2568", "resign", "cash").unwrap();
        assert_eq!(done.payout, preview.payout);
        assert!(done.entry.is_some());
        assert!(b.member_exit_preview(1, "7/1/2568", "", "").is_err());
    }

    /// The collection screen's running totals leave out a receipt reversed the same day, cash
    /// in and out included: a voided receipt is not cash paid out.
    #[test]
    fn day_totals_net_out_a_reversed_receipt() {
        let mut b = books();
        let kept = collect(&mut b, "100", "");
        let wrong = b
            .collect(&CollectionInput {
                date: "5/1/2568".into(),
                member: "1".into(),
                deposit: "50".into(),
                withdraw: "30".into(),
                ..Default::default()
            })
            .unwrap()
            .receipt;
        let before = b.collection_day("5/1/2568").unwrap();
        assert_eq!(before.totals.deposits.to_string(), "50.00");
        assert_eq!(before.totals.withdrawals.to_string(), "30.00");
        b.reverse(&wrong, "บันทึกผิดแถว", "5/1/2568").unwrap();
        let day = b.collection_day("5/1/2568").unwrap();
        assert_eq!(day.totals.sajja.to_string(), "100.00");
        assert_eq!(day.totals.deposits.to_string(), "0.00");
        assert_eq!(day.totals.withdrawals.to_string(), "0.00");
        assert_eq!(day.totals.fees.to_string(), "20.00");
        assert_eq!(day.totals.cash_expected.to_string(), "120.00");
        assert_eq!(day.totals.cash_in.to_string(), "120.00");
        assert_eq!(day.totals.cash_out.to_string(), "0.00");
        assert_eq!(day.totals.voided_cash.to_string(), "20.00");
        assert_eq!(day.totals.reversed_count, 1);
        let lines: Vec<(&str, bool)> = day
            .receipts
            .iter()
            .map(|l| (l.receipt.as_str(), l.reversed))
            .collect();
        assert_eq!(lines, vec![(kept.as_str(), false), (wrong.as_str(), true)]);
    }
}
