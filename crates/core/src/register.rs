//! The registers kept on screen and printed: the cash book (สมุดเงินสด), the pledged-savings
//! register (ทะเบียนคุมเงินสัจจะ, member × month) and a member's account history. Each is a
//! plain report model computed from the postings; renderers only draw them.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::account::{BANK, CASH, DEPOSITS, FINES, FINES_RECEIVABLE, LOANS, LOAN_INTEREST, SAJJA};
use crate::error::Result;
use crate::ledger;
use crate::member;
use crate::money::Money;
use crate::period;
use crate::settings;
use crate::thai::YearMonth;

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct CashColumn {
    pub opening: Money,
    pub receipts: Money,
    pub payments: Money,
    pub closing: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct CashBookLine {
    pub date: NaiveDate,
    pub entry: String,
    pub receipt: Option<String>,
    pub kind: String,
    pub memo: String,
    pub member: Option<u32>,
    pub cash_in: Money,
    pub cash_out: Money,
    pub bank_in: Money,
    pub bank_out: Money,
    pub reversed: bool,
    pub reverses: Option<String>,
    /// The payment voucher of an entry that paid money out (`2568/0007`).
    pub voucher: Option<String>,
    /// The paper behind the line, as the cash book prints it: the receipt number, `จ` and the
    /// voucher number, both for a row that received and paid, `หักล้าง` and the voided paper's
    /// number for a reversal, or `ลำดับ` and the journal's sequence number for an entry with no
    /// paper of its own (a deposit at the bank, bank interest).
    pub document: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct CashBook {
    pub month: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub cash: CashColumn,
    pub bank: CashColumn,
    pub lines: Vec<CashBookLine>,
}

/// Opening, receipts, payments and closing of cash or bank over a period; balances brought in
/// from the paper books count as its opening.
pub(crate) fn column(
    conn: &Connection,
    account: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<CashColumn> {
    let mut opening = ledger::account_balance(conn, account, from.pred_opt())?;
    let (mut receipts, mut payments) = ledger::account_flows(conn, account, from, to)?;
    // Balances brought in from the paper books (ยอดยกมา) are where the month starts, not
    // money received in it.
    let (brought_in, brought_out): (i64, i64) = conn.query_row(
        "SELECT coalesce(sum(p.amount) FILTER (WHERE p.amount > 0), 0),
                coalesce(-sum(p.amount) FILTER (WHERE p.amount < 0), 0)
         FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
         WHERE p.account = ?1 AND p.date BETWEEN ?2 AND ?3 AND e.kind = 'opening'",
        params![account, from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (brought_in, brought_out) = (
        Money::from_satang(brought_in),
        Money::from_satang(brought_out),
    );
    opening += brought_in - brought_out;
    receipts -= brought_in;
    payments -= brought_out;
    Ok(CashColumn {
        opening,
        receipts,
        payments,
        closing: opening + receipts - payments,
    })
}

pub fn cashbook(conn: &Connection, month: YearMonth) -> Result<CashBook> {
    let (from, to) = (month.first_day(), month.last_day());
    let mut stmt = conn.prepare(
        "SELECT e.date, e.id, e.receipt, e.kind, e.memo, m.number,
                coalesce(sum(p.amount) FILTER (WHERE p.account = ?3 AND p.amount > 0), 0),
                coalesce(-sum(p.amount) FILTER (WHERE p.account = ?3 AND p.amount < 0), 0),
                coalesce(sum(p.amount) FILTER (WHERE p.account = ?4 AND p.amount > 0), 0),
                coalesce(-sum(p.amount) FILTER (WHERE p.account = ?4 AND p.amount < 0), 0),
                EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id), e.reverses, e.seq
         FROM journal_entry e JOIN posting p ON p.entry_seq = e.seq
         LEFT JOIN member m ON m.id = e.member_id
         WHERE e.date BETWEEN ?1 AND ?2 AND p.account IN (?3, ?4) AND p.date BETWEEN ?1 AND ?2
           AND e.kind <> 'opening'
         GROUP BY e.seq ORDER BY e.date, e.seq",
    )?;
    let vouchers = crate::period::voucher_numbers(conn, from, to)?;
    let mut lines = stmt
        .query_map(params![from, to, CASH, BANK], |r| {
            let entry: String = r.get(1)?;
            let seq: i64 = r.get(12)?;
            Ok(CashBookLine {
                voucher: vouchers.get(&entry).cloned(),
                document: format!("ลำดับ {seq}"),
                date: r.get(0)?,
                entry,
                receipt: r.get(2)?,
                kind: r.get(3)?,
                memo: r.get(4)?,
                member: r.get(5)?,
                cash_in: Money::from_satang(r.get(6)?),
                cash_out: Money::from_satang(r.get(7)?),
                bank_in: Money::from_satang(r.get(8)?),
                bank_out: Money::from_satang(r.get(9)?),
                reversed: r.get(10)?,
                reverses: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for l in &mut lines {
        if let Some(paper) = papers(l.receipt.as_deref(), l.voucher.as_deref()) {
            l.document = paper;
        }
        if let Some(voided) = &l.reverses {
            let (receipt, date): (Option<String>, NaiveDate) = conn.query_row(
                "SELECT receipt, date FROM journal_entry WHERE id = ?1",
                [voided],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let voucher = crate::period::voucher_numbers(conn, date, date)?.remove(voided);
            if let Some(paper) = papers(receipt.as_deref(), voucher.as_deref()) {
                l.document = format!("หักล้าง {paper}");
            }
        }
    }
    Ok(CashBook {
        month: month.to_string(),
        from,
        to,
        cash: column(conn, CASH, from, to)?,
        bank: column(conn, BANK, from, to)?,
        lines,
    })
}

/// The receipt and voucher numbers of an entry, as one cell: `2568/0153`, `จ2568/0007`, or
/// both on two lines.
fn papers(receipt: Option<&str>, voucher: Option<&str>) -> Option<String> {
    match (receipt, voucher) {
        (Some(r), Some(v)) => Some(format!("{r}\nจ{v}")),
        (Some(r), None) => Some(r.to_string()),
        (None, Some(v)) => Some(format!("จ{v}")),
        (None, None) => None,
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct RegisterRow {
    pub member: u32,
    pub name: String,
    pub status: crate::member::MemberStatus,
    pub joined: NaiveDate,
    /// The day the member left or died, if they have.
    pub left_on: Option<NaiveDate>,
    /// Savings held at the start of the year.
    pub opening: Money,
    /// Pledged savings paid in each month of the accounting year (12 entries); a correction
    /// (reversal) counts in the month it is dated. Savings returned at exit are not here.
    pub months: Vec<Money>,
    pub total: Money,
    /// Savings returned to the member (or their beneficiaries) on leaving, in the year.
    pub refund: Money,
    /// opening + total − refund.
    pub closing: Money,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct SajjaRegister {
    /// The พ.ศ. label of the accounting year.
    pub year: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The 12 months of the year, "YYYY-MM".
    pub months: Vec<String>,
    pub rows: Vec<RegisterRow>,
    pub month_totals: Vec<Money>,
    pub total: Money,
    pub refund_total: Money,
}

/// The member × month register of pledged savings for the accounting year labelled `year_be`:
/// every member who was a member at any time in the year (the basis of dividends), with what
/// they paid each month and, in its own column, what was returned to them on leaving.
pub fn sajja_register(conn: &Connection, year_be: i32) -> Result<SajjaRegister> {
    let start_month = settings::at(
        conn,
        NaiveDate::from_ymd_opt(year_be - 543, 12, 31).expect("date"),
    )?
    .year_start_month;
    let (from, to) = period::accounting_year_bounds(year_be, start_month);
    let months: Vec<YearMonth> = (0..12)
        .map(|i| period::add_months(YearMonth::of(from), i))
        .collect();
    let opening = ledger::member_balances(conn, SAJJA, from.pred_opt())?;
    let mut paid: HashMap<String, Vec<Money>> = HashMap::new();
    let mut refunds: HashMap<String, Money> = HashMap::new();
    // Savings brought in from the paper books during the year belong to the opening column.
    let mut brought: HashMap<String, Money> = HashMap::new();
    // An exit's settlement (and the reversal of one) is a refund; everything else on the
    // member's savings is a contribution of its month.
    let mut stmt = conn.prepare(
        "SELECT p.member_id, substr(p.date, 1, 7), -sum(p.amount),
                e.kind = 'settlement' OR (e.kind = 'reversal' AND r.kind = 'settlement'),
                e.kind = 'opening'
         FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
         LEFT JOIN journal_entry r ON r.id = e.reverses
         WHERE p.account = ?1 AND p.member_id IS NOT NULL AND p.date BETWEEN ?2 AND ?3
         GROUP BY p.member_id, substr(p.date, 1, 7), 4, 5",
    )?;
    let mut q = stmt.query(params![SAJJA, from, to])?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let ym: String = r.get(1)?;
        let amount = Money::from_satang(r.get(2)?);
        if r.get::<_, bool>(4)? {
            *brought.entry(id).or_default() += amount;
        } else if r.get::<_, bool>(3)? {
            *refunds.entry(id).or_default() -= amount;
        } else if let Some(i) = months.iter().position(|m| m.to_string() == ym) {
            paid.entry(id).or_insert_with(|| vec![Money::ZERO; 12])[i] += amount;
        }
    }
    let left: HashMap<String, NaiveDate> = conn
        .prepare("SELECT id, left_on FROM member WHERE left_on IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows = Vec::new();
    for m in member::list(conn, "")? {
        // A member at any time in the year: joined by its end, not gone before its start.
        let left_on = left.get(&m.id).copied();
        if m.joined > to || left_on.is_some_and(|d| d < from) {
            continue;
        }
        let open = -opening.get(&m.id).copied().unwrap_or_default()
            + brought.get(&m.id).copied().unwrap_or_default();
        let month_amounts = paid.remove(&m.id).unwrap_or_else(|| vec![Money::ZERO; 12]);
        let total: Money = month_amounts.iter().sum();
        let refund = refunds.remove(&m.id).unwrap_or_default();
        rows.push(RegisterRow {
            member: m.number,
            name: m.full_name,
            status: m.status,
            joined: m.joined,
            left_on,
            opening: open,
            closing: open + total - refund,
            total,
            refund,
            months: month_amounts,
        });
    }
    let month_totals: Vec<Money> = (0..12)
        .map(|i| rows.iter().map(|r| r.months[i]).sum())
        .collect();
    Ok(SajjaRegister {
        year: year_be,
        from,
        to,
        months: months.iter().map(|m| m.to_string()).collect(),
        total: month_totals.iter().sum(),
        refund_total: rows.iter().map(|r| r.refund).sum(),
        month_totals,
        rows,
    })
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct HistoryLine {
    pub date: NaiveDate,
    pub entry: String,
    pub receipt: Option<String>,
    pub kind: String,
    pub memo: String,
    /// The memo as the member's own account shows it (their number and name left out).
    pub what: String,
    /// Pledged savings and deposits in (สัจจะ/ฝาก) and out (ถอน), together: the account
    /// history screen's columns. Printed books keep the two apart (the fields below).
    pub saved: Money,
    pub withdrawn: Money,
    /// Pledged savings paid in (positive) or returned at exit (negative).
    pub sajja: Money,
    /// Voluntary deposits in and out.
    pub deposit_in: Money,
    pub deposit_out: Money,
    pub sajja_balance: Money,
    pub deposit_balance: Money,
    /// Savings + deposits (คงเหลือ).
    pub balance: Money,
    pub principal_paid: Money,
    pub interest_paid: Money,
    pub loan_balance: Money,
    /// Fines paid: late-savings fines settled and loan fines paid.
    pub fines_paid: Money,
    /// A late-savings fine charged to the member (owed, not paid).
    pub fine_charged: Money,
    pub reversed: bool,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct AccountHistory {
    pub member: u32,
    pub name: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub opening_balance: Money,
    pub opening_sajja: Money,
    pub opening_deposits: Money,
    pub opening_loan: Money,
    pub has_loans: bool,
    pub lines: Vec<HistoryLine>,
}

/// Every entry touching a member's savings, deposits, loans or fines, with running balances.
pub fn account_history(
    conn: &Connection,
    number: u32,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<AccountHistory> {
    let m = member::get(conn, number)?;
    let before = from.and_then(|d| d.pred_opt());
    let bal = |acct: &str| -> Result<Money> {
        match before {
            Some(d) => ledger::member_balance(conn, acct, &m.id, Some(d)),
            None => Ok(Money::ZERO),
        }
    };
    let mut sajja = -bal(SAJJA)?;
    let mut deposits = -bal(DEPOSITS)?;
    let mut loan = bal(LOANS)?;
    let (opening_sajja, opening_deposits, opening_loan) = (sajja, deposits, loan);
    let has_loans: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM posting WHERE member_id = ?1 AND account = ?2)",
        params![m.id, LOANS],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT e.date, e.id, e.receipt, e.kind, e.memo,
                coalesce(-sum(p.amount) FILTER (WHERE p.account = ?2), 0),
                coalesce(-sum(p.amount) FILTER (WHERE p.account = ?3), 0),
                coalesce(sum(p.amount) FILTER (WHERE p.account = ?4), 0),
                coalesce(-sum(p.amount) FILTER (WHERE p.account = ?5), 0),
                coalesce(-sum(p.amount) FILTER (WHERE p.account = ?8 AND p.amount < 0), 0),
                coalesce(sum(p.amount) FILTER (WHERE p.account = ?8 AND p.amount > 0), 0),
                coalesce(-sum(p.amount) FILTER (WHERE p.account = ?9 AND p.loan_id IS NOT NULL), 0),
                EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses = e.id)
         FROM journal_entry e JOIN posting p ON p.entry_seq = e.seq
         WHERE p.member_id = ?1 AND e.date >= ?6 AND e.date <= ?7
         GROUP BY e.seq ORDER BY e.date, e.seq",
    )?;
    let from_s = from
        .map(|d| d.to_string())
        .unwrap_or_else(|| "0000-01-01".into());
    let to_s = to
        .map(|d| d.to_string())
        .unwrap_or_else(|| "9999-12-31".into());
    let mut lines = Vec::new();
    let mut q = stmt.query(params![
        m.id,
        SAJJA,
        DEPOSITS,
        LOANS,
        LOAN_INTEREST,
        from_s,
        to_s,
        FINES_RECEIVABLE,
        FINES
    ])?;
    while let Some(r) = q.next()? {
        let d_sajja = Money::from_satang(r.get(5)?);
        let d_dep = Money::from_satang(r.get(6)?);
        let d_loan = Money::from_satang(r.get(7)?);
        let interest = Money::from_satang(r.get(8)?);
        let memo: String = r.get(4)?;
        let (fr_credit, fr_debit) = (
            Money::from_satang(r.get(9)?),
            Money::from_satang(r.get(10)?),
        );
        let loan_fines = Money::from_satang(r.get(11)?);
        let kind: String = r.get(3)?;
        // A fine charge debits the member's fines owed; a payment credits it. A reversal
        // undoes one or the other, so it shows as a negative charge or a negative payment.
        let (fines_settled, fine_charged) = if kind == "reversal" {
            (-fr_debit, -fr_credit)
        } else {
            (fr_credit, fr_debit)
        };
        sajja += d_sajja;
        deposits += d_dep;
        loan += d_loan;
        let saved = d_sajja.max(Money::ZERO) + d_dep.max(Money::ZERO);
        let withdrawn = (-d_sajja).max(Money::ZERO) + (-d_dep).max(Money::ZERO);
        lines.push(HistoryLine {
            date: r.get(0)?,
            entry: r.get(1)?,
            receipt: r.get(2)?,
            kind,
            what: crate::collection::member_memo(&memo, number),
            memo,
            saved,
            withdrawn,
            sajja_balance: sajja,
            deposit_balance: deposits,
            balance: sajja + deposits,
            principal_paid: (-d_loan).max(Money::ZERO),
            interest_paid: interest,
            loan_balance: loan,
            sajja: d_sajja,
            deposit_in: d_dep.max(Money::ZERO),
            deposit_out: (-d_dep).max(Money::ZERO),
            fines_paid: fines_settled + loan_fines,
            fine_charged,
            reversed: r.get(12)?,
        });
    }
    Ok(AccountHistory {
        member: number,
        name: m.full_name,
        from,
        to,
        opening_balance: opening_sajja + opening_deposits,
        opening_sajja,
        opening_deposits,
        opening_loan,
        has_loans,
        lines,
    })
}
