//! The group's own money movements: expenses, other income and subsidies, cash ↔ bank,
//! bank interest. Expenses are paid from the expense fund (ทุนค่าใช้สอย), never from the
//! operating capital (DOMAIN §10).

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::account::{self, BANK, BANK_INTEREST, CASH, EXPENSE_FUND, OTHER_INCOME, SUBSIDIES};
use crate::error::{Error, Result};
use crate::journal::{self, EntryKind, NewEntry, Posting};
use crate::ledger;
use crate::money::Money;
use crate::thai;

/// Where money is taken from or put: the cash box or the group's bank account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Cash,
    Bank,
}

impl Place {
    pub fn parse(text: &str) -> Result<Place> {
        match text.trim() {
            "" | "cash" | "เงินสด" => Ok(Place::Cash),
            "bank" | "ธนาคาร" => Ok(Place::Bank),
            other => Err(Error::invalid(
                "from",
                format!("\"{other}\" ไม่ใช่ cash (เงินสด) หรือ bank (ธนาคาร)"),
            )),
        }
    }

    fn account(self) -> &'static str {
        match self {
            Place::Cash => CASH,
            Place::Bank => BANK,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Place::Cash => "เงินสด",
            Place::Bank => "เงินฝากธนาคาร",
        }
    }
}

/// An expense as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ExpenseInput {
    pub date: String,
    pub amount: String,
    pub memo: String,
    /// Who was paid.
    pub payee: String,
    /// supplies | meeting | bank_fee | allowance | other (default other).
    pub category: String,
    /// cash | bank (default cash).
    pub from: String,
}

/// Income or a subsidy as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct IncomeInput {
    pub date: String,
    pub amount: String,
    pub memo: String,
    /// other | subsidy | donation (default other).
    pub kind: String,
    /// operating | expense: which fund a subsidy or donation feeds (default operating).
    pub fund: String,
    /// cash | bank (default cash).
    pub to: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Posted {
    pub entry: String,
    pub date: NaiveDate,
    pub kind: String,
    pub amount: Money,
    pub memo: String,
    pub cash: Money,
    pub bank: Money,
    pub expense_fund: Money,
}

fn posted(
    conn: &Connection,
    entry: String,
    date: NaiveDate,
    kind: &str,
    amount: Money,
    memo: String,
) -> Result<Posted> {
    Ok(Posted {
        entry,
        date,
        kind: kind.to_string(),
        amount,
        memo,
        cash: ledger::account_balance(conn, CASH, None)?,
        bank: ledger::account_balance(conn, BANK, None)?,
        expense_fund: ledger::expense_fund(conn, None)?,
    })
}

fn date(text: &str) -> Result<NaiveDate> {
    if text.trim().is_empty() {
        return Err(Error::invalid("date", "กรุณาใส่วันที่ เช่น 5/3/2568"));
    }
    thai::parse_date(text).map_err(|e| Error::invalid("date", e.to_string()))
}

fn positive(text: &str) -> Result<Money> {
    let m = Money::parse(text).map_err(|e| Error::invalid("amount", e.to_string()))?;
    if m.is_zero() {
        return Err(Error::invalid("amount", "จำนวนเงินต้องมากกว่าศูนย์"));
    }
    Ok(m)
}

fn ensure_available(conn: &Connection, place: Place, amount: Money) -> Result<()> {
    let have = ledger::account_balance(conn, place.account(), None)?;
    if have < amount {
        return Err(Error::invalid(
            "amount",
            format!(
                "{}ไม่พอจ่าย: มี {} บาท ต้องจ่าย {} บาท",
                place.label(),
                have.grouped(),
                amount.grouped()
            ),
        ));
    }
    Ok(())
}

pub(crate) fn expense(conn: &Connection, input: &ExpenseInput) -> Result<Posted> {
    let date = date(&input.date)?;
    let amount = positive(&input.amount)?;
    let memo = required_memo(&input.memo, "กรุณาใส่รายการว่าจ่ายค่าอะไร เช่น ค่าสมุดบัญชี")?;
    let expense_account = match input.category.trim() {
        "" | "other" => account::OTHER_EXPENSES,
        "supplies" => account::SUPPLIES,
        "meeting" => account::MEETINGS,
        "bank_fee" => account::BANK_FEES,
        "allowance" => account::ALLOWANCES,
        other => {
            return Err(Error::invalid(
                "category",
                format!(
                    "ไม่รู้จักหมวด \"{other}\" — ใช้ supplies, meeting, bank_fee, allowance หรือ other"
                ),
            ))
        }
    };
    let place = Place::parse(&input.from)?;
    journal::ensure_writable(conn, date)?;
    // A bank fee the bank already took is booked even when the fund is short (see `bank`).
    let taken_by_bank = expense_account == account::BANK_FEES && place == Place::Bank;
    let fund = ledger::expense_fund(conn, None)?;
    if fund < amount && !taken_by_bank {
        return Err(Error::invalid(
            "amount",
            format!(
                "ทุนค่าใช้สอยคงเหลือ {} บาท ไม่พอจ่าย {} บาท — ค่าใช้จ่ายของกลุ่มจ่ายจากทุนค่าใช้สอย (ค่าสมัคร ค่าธรรมเนียม และเงินที่จัดสรรไว้) ไม่ใช่จากทุนดำเนินการ",
                fund.grouped(),
                amount.grouped()
            ),
        ));
    }
    ensure_available(conn, place, amount)?;
    let payee = input.payee.trim();
    let memo = if payee.is_empty() {
        memo.to_string()
    } else {
        format!("{memo} — จ่ายให้ {payee}")
    };
    let mut e = NewEntry::new(date, EntryKind::Expense, memo.clone());
    e.push(Posting::debit(expense_account, amount));
    e.push(Posting::credit(place.account(), amount));
    let id = journal::post(conn, &e)?;
    posted(conn, id, date, "expense", amount, memo)
}

pub(crate) fn income(conn: &Connection, input: &IncomeInput) -> Result<Posted> {
    let date = date(&input.date)?;
    let amount = positive(&input.amount)?;
    let memo = required_memo(&input.memo, "กรุณาใส่รายการว่ารับเงินอะไร เช่น เงินอุดหนุนจาก อบต.")?;
    let to_expense_fund = match input.fund.trim() {
        "" | "operating" => false,
        "expense" => true,
        other => {
            return Err(Error::invalid(
                "fund",
                format!("\"{other}\" ไม่ใช่ operating หรือ expense"),
            ))
        }
    };
    let credit = match (input.kind.trim(), to_expense_fund) {
        ("" | "other", _) => OTHER_INCOME,
        ("subsidy" | "donation", false) => SUBSIDIES,
        ("subsidy" | "donation", true) => EXPENSE_FUND,
        (other, _) => {
            return Err(Error::invalid(
                "kind",
                format!("ไม่รู้จักประเภท \"{other}\" — ใช้ other, subsidy หรือ donation"),
            ))
        }
    };
    let place = Place::parse(&input.to)?;
    journal::ensure_writable(conn, date)?;
    let mut e = NewEntry::new(date, EntryKind::Income, memo.to_string());
    e.push(Posting::debit(place.account(), amount));
    e.push(Posting::credit(credit, amount));
    let id = journal::post(conn, &e)?;
    posted(conn, id, date, "income", amount, memo.to_string())
}

/// Cash to the bank (`deposit`), bank to cash (`withdraw`), interest the bank paid, or a fee
/// the bank took (`fee`).
pub(crate) fn bank(
    conn: &Connection,
    action: &str,
    date_text: &str,
    amount_text: &str,
    memo: &str,
) -> Result<Posted> {
    let date = date(date_text)?;
    let amount = positive(amount_text)?;
    journal::ensure_writable(conn, date)?;
    let (debit, credit, default_memo) = match action {
        "deposit" => {
            ensure_available(conn, Place::Cash, amount)?;
            (BANK, CASH, "นำเงินสดฝากธนาคาร")
        }
        "withdraw" => {
            ensure_available(conn, Place::Bank, amount)?;
            (CASH, BANK, "ถอนเงินจากธนาคารเป็นเงินสด")
        }
        "interest" => (BANK, BANK_INTEREST, "ดอกเบี้ยเงินฝากธนาคาร"),
        // The bank has already taken it: booked even when the expense fund is short, which
        // is the only way the fund goes below zero (reports then say so).
        "fee" => {
            ensure_available(conn, Place::Bank, amount)?;
            (account::BANK_FEES, BANK, "ธนาคารหักค่าธรรมเนียม")
        }
        other => {
            return Err(Error::invalid(
                "action",
                format!("ไม่รู้จักคำสั่ง \"{other}\" — ใช้ deposit, withdraw, interest หรือ fee"),
            ))
        }
    };
    let memo = if memo.trim().is_empty() {
        default_memo.to_string()
    } else {
        memo.trim().to_string()
    };
    let mut e = NewEntry::new(date, EntryKind::Transfer, memo.clone());
    e.push(Posting::debit(debit, amount));
    e.push(Posting::credit(credit, amount));
    let id = journal::post(conn, &e)?;
    posted(conn, id, date, action, amount, memo)
}

/// After a reversal: no member's savings or deposits, and neither cash nor bank, may go below
/// zero (e.g. reversing a deposit that was since withdrawn), and a member who left may not be
/// left holding any.
pub(crate) fn ensure_no_negative(conn: &Connection, member_id: Option<&str>) -> Result<()> {
    for place in [Place::Cash, Place::Bank] {
        let b = ledger::account_balance(conn, place.account(), None)?;
        if b.is_negative() {
            return Err(Error::Refused(format!(
                "{}จะติดลบ ({} บาท) — ทำรายการนี้ไม่ได้",
                place.label(),
                b.grouped()
            )));
        }
    }
    if let Some(id) = member_id {
        let m = crate::member::get_by_id(conn, id)?;
        for (acct, label) in [(account::SAJJA, "เงินสัจจะ"), (account::DEPOSITS, "เงินฝาก")]
        {
            let b = -ledger::member_balance(conn, acct, id, None)?;
            if b.is_negative() {
                return Err(Error::Refused(format!(
                    "{label}ของสมาชิกจะติดลบ ({} บาท) — ต้องยกเลิกรายการที่ใช้เงินนั้นก่อน",
                    b.grouped()
                )));
            }
            // A member who left holds nothing: their status must agree with their money.
            if !m.status.is_active() && !b.is_zero() {
                return Err(Error::Refused(format!(
                    "สมาชิกเลขที่ {} พ้นสภาพแล้ว การยกเลิกรายการนี้จะทำให้มี{label}ค้างอยู่ {} บาท — ยกเลิกรายการคืนเงินพ้นสภาพก่อน แล้วจึงยกเลิกรายการนี้",
                    m.number,
                    b.grouped()
                )));
            }
        }
    }
    Ok(())
}

/// What the money was for: required, with an example of what to type when missing.
fn required_memo<'a>(typed: &'a str, ask: &str) -> Result<&'a str> {
    match typed.trim() {
        "" => Err(Error::invalid("memo", ask)),
        memo => Ok(memo),
    }
}
