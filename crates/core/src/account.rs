//! The chart of accounts of a savings group, with Thai names.
//!
//! Codes are stable identifiers used by every posting. `Fund` keeps the expense fund
//! (ทุนค่าใช้สอย: fees in, administration costs out) apart from the operating capital
//! (ทุนดำเนินการ: savings, deposits, subsidies, lending), as the group's founding documents
//! require (DOMAIN §10).

use rusqlite::Connection;

use crate::error::Result;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountKind {
    Asset,
    Liability,
    Equity,
    Income,
    Expense,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Asset => "asset",
            AccountKind::Liability => "liability",
            AccountKind::Equity => "equity",
            AccountKind::Income => "income",
            AccountKind::Expense => "expense",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fund {
    /// ทุนดำเนินการ
    Operating,
    /// ทุนค่าใช้สอย
    Expense,
}

impl Fund {
    pub fn as_str(self) -> &'static str {
        match self {
            Fund::Operating => "operating",
            Fund::Expense => "expense",
        }
    }
}

/// One account of the chart.
#[derive(Clone, Copy, Debug)]
pub struct Account {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: AccountKind,
    pub fund: Fund,
}

macro_rules! accounts {
    ($($id:ident = $code:literal, $name:literal, $kind:ident, $fund:ident;)*) => {
        $(pub const $id: &str = $code;)*
        /// The whole chart, in code order.
        pub const CHART: &[Account] = &[
            $(Account { code: $code, name: $name, kind: AccountKind::$kind, fund: Fund::$fund },)*
        ];
    };
}

accounts! {
    CASH = "1100", "เงินสด", Asset, Operating;
    BANK = "1110", "เงินฝากธนาคาร", Asset, Operating;
    BUSINESS_CASH = "1120", "เงินสดของธุรกิจกลุ่ม", Asset, Operating;
    LOANS = "1200", "ลูกหนี้เงินกู้", Asset, Operating;
    FINES_RECEIVABLE = "1210", "ลูกหนี้ค่าปรับ", Asset, Operating;
    INTEREST_RECEIVABLE = "1220", "ดอกเบี้ยเงินกู้ค้างรับ", Asset, Operating;
    GOODS_RECEIVABLE = "1230", "ลูกหนี้ค่าสินค้า", Asset, Operating;
    RICE_LOANS = "1240", "ลูกหนี้ข้าว (ธนาคารข้าว)", Asset, Operating;
    STOCK = "1300", "สินค้าและข้าวคงเหลือ", Asset, Operating;
    DEPOSITS = "2100", "เงินฝากสมาชิก", Liability, Operating;
    RICE_DEPOSITS = "2110", "ข้าวฝากของสมาชิก (ธนาคารข้าว)", Liability, Operating;
    EXIT_PAYABLE = "2200", "เงินรอจ่ายคืนสมาชิกพ้นสภาพ", Liability, Operating;
    DIVIDENDS_PAYABLE = "2300", "เงินปันผลค้างจ่าย", Liability, Operating;
    AVERAGE_RETURN_PAYABLE = "2310", "เงินเฉลี่ยคืนค้างจ่าย", Liability, Operating;
    PURCHASE_RETURN_PAYABLE = "2315", "เงินเฉลี่ยคืนตามยอดซื้อค้างจ่าย", Liability, Operating;
    COMMITTEE_PAYABLE = "2320", "ค่าตอบแทนกรรมการค้างจ่าย", Liability, Operating;
    SAJJA = "3100", "เงินสัจจะสะสม", Equity, Operating;
    RESERVE = "3200", "ทุนสำรอง", Equity, Operating;
    WELFARE_FUND = "3210", "ทุนสวัสดิการสมาชิก", Equity, Operating;
    PUBLIC_BENEFIT_FUND = "3220", "ทุนสาธารณประโยชน์", Equity, Operating;
    OTHER_FUNDS = "3230", "ทุนอื่นตามระเบียบกลุ่ม", Equity, Operating;
    EXPENSE_FUND = "3300", "ทุนค่าใช้สอย", Equity, Expense;
    SUBSIDIES = "3400", "เงินอุดหนุนและเงินบริจาค", Equity, Operating;
    YEAR_SURPLUS = "3800", "กำไร(ขาดทุน)สุทธิประจำปี", Equity, Operating;
    RETAINED = "3900", "กำไรสะสม", Equity, Operating;
    OPENING_DIFFERENCE = "3950", "ผลต่างยอดยกมา", Equity, Operating;
    LOAN_INTEREST = "4100", "ดอกเบี้ยเงินกู้", Income, Operating;
    FINES = "4200", "ค่าปรับ", Income, Operating;
    ENTRANCE_FEES = "4300", "ค่าสมัครและค่าธรรมเนียมแรกเข้า", Income, Expense;
    BANK_INTEREST = "4400", "ดอกเบี้ยเงินฝากธนาคาร", Income, Operating;
    SALES = "4500", "รายได้จากการขายสินค้า", Income, Operating;
    RICE_INTEREST = "4510", "ดอกเบี้ยข้าว (ธนาคารข้าว)", Income, Operating;
    OTHER_INCOME = "4900", "รายได้อื่น", Income, Operating;
    CASH_OVER = "4950", "เงินสดเกินบัญชี", Income, Operating;
    SUPPLIES = "5100", "ค่าวัสดุและเครื่องเขียน", Expense, Expense;
    MEETINGS = "5200", "ค่าประชุม", Expense, Expense;
    BANK_FEES = "5300", "ค่าธรรมเนียมธนาคาร", Expense, Expense;
    ALLOWANCES = "5400", "ค่าตอบแทน", Expense, Expense;
    COST_OF_SALES = "5500", "ต้นทุนสินค้าที่ขาย", Expense, Operating;
    STOCK_COUNT_DIFFERENCE = "5510", "สินค้าขาด (เกิน) จากการตรวจนับ", Expense, Operating;
    OTHER_EXPENSES = "5900", "ค่าใช้จ่ายอื่น", Expense, Expense;
    CASH_SHORT = "5950", "เงินสดขาดบัญชี", Expense, Operating;
    BAD_DEBTS = "5800", "หนี้สูญ", Expense, Operating;
}

/// Looks an account up by code.
pub fn by_code(code: &str) -> Option<&'static Account> {
    CHART.iter().find(|a| a.code == code)
}

/// Writes the chart into a new books file.
pub(crate) fn install(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare(
        "INSERT OR IGNORE INTO account (code, name, kind, fund) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for a in CHART {
        stmt.execute((a.code, a.name, a.kind.as_str(), a.fund.as_str()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_fees_feed_the_expense_fund() {
        let mut codes: Vec<_> = CHART.iter().map(|a| a.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), CHART.len());
        assert_eq!(by_code(ENTRANCE_FEES).unwrap().fund, Fund::Expense);
        assert_eq!(by_code(SUPPLIES).unwrap().fund, Fund::Expense);
        assert_eq!(by_code(SAJJA).unwrap().fund, Fund::Operating);
    }
}
