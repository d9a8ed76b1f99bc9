//! Loan products (ประเภทเงินกู้): the terms the group's regulation offers, as data.
//!
//! A product is written once and never changed; to change a rate, add a new product. A loan
//! copies the rate, method and charge word when it is applied for.

use rusqlite::{params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;

use super::schedule::{self, Method, MonthlyRate};
use crate::clock;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::settings;

/// A product as typed on the form or the command line. Strings are as typed; empty = not set.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LoanProductInput {
    pub code: String,
    pub name: String,
    /// สามัญ, ฉุกเฉิน, เพื่อการผลิต … (empty: the name).
    pub kind: String,
    /// Percent a month, e.g. "1" or "0.75".
    pub rate: String,
    pub method: String,
    pub max_months: String,
    pub max_amount: String,
    pub max_times_savings: String,
    pub guarantors_above: String,
    /// How many guarantors a loan above `guarantors_above` needs (empty: 1).
    pub guarantors_required: String,
    /// May a member hold more than one loan of this kind at once?
    pub multiple_allowed: bool,
    /// ดอกเบี้ย or ค่าบำรุง (empty: the group's setting).
    pub charge_word: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LoanProduct {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: String,
    /// Percent a month.
    pub rate: String,
    pub method: String,
    pub method_label: String,
    pub max_months: u32,
    pub max_amount: Option<Money>,
    pub max_times_savings: Option<String>,
    pub guarantors_above: Option<Money>,
    pub guarantors_required: u32,
    pub multiple_allowed: bool,
    /// The word printed for the charge; `None` follows the group's setting.
    pub charge_word: Option<String>,
    /// 12 × the monthly rate, percent a year (the contract rate of a declining loan).
    pub yearly_rate: String,
    /// Effective annual rate of a 12-month (or shorter) loan of this product, with a warning
    /// when its nominal rate is above the legal 15 %.
    pub example_effective_annual_rate: String,
    pub example_nominal_annual_rate: String,
    pub above_legal_cap: bool,
}

impl LoanProduct {
    pub fn method(&self) -> Method {
        Method::parse(&self.method).expect("stored methods are valid")
    }

    pub fn monthly_rate(&self) -> MonthlyRate {
        MonthlyRate::parse(&self.rate).expect("stored rates are valid")
    }
}

fn optional_money(field: &'static str, text: &str) -> Result<Option<Money>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let m = Money::parse(text).map_err(|e| Error::from(e).in_field(field))?;
    Ok((!m.is_zero()).then_some(m))
}

fn whole(field: &'static str, label: &str, text: &str, min: u32, max: u32) -> Result<u32> {
    let arabic = crate::thai::to_arabic_digits(text.trim());
    let n: u32 = arabic.trim().parse().map_err(|_| {
        Error::invalid(
            field,
            format!("{label} \"{}\" ไม่ใช่จำนวนเต็ม — พิมพ์ตัวเลข เช่น 12", text.trim()),
        )
    })?;
    if n < min || n > max {
        return Err(Error::invalid(
            field,
            format!("{label}ต้องอยู่ระหว่าง {min} ถึง {max}"),
        ));
    }
    Ok(n)
}

/// Checks a product form and adds it.
pub(crate) fn add(conn: &Connection, input: &LoanProductInput) -> Result<LoanProduct> {
    let code = input.code.trim();
    if code.is_empty() || code.chars().count() > 20 || code.contains(char::is_whitespace) {
        return Err(Error::invalid(
            "code",
            "กรุณาใส่รหัสประเภทเงินกู้สั้น ๆ ไม่มีช่องว่าง เช่น A หรือ ฉฉ",
        ));
    }
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "กรุณาใส่ชื่อประเภทเงินกู้ เช่น เงินกู้สามัญ"));
    }
    let kind = match input.kind.trim() {
        "" => name,
        k => k,
    };
    let rate = MonthlyRate::parse(&input.rate)?;
    let method = Method::parse(&input.method)?;
    let max_months = whole(
        "max_months",
        "จำนวนงวดสูงสุด",
        &input.max_months,
        1,
        schedule::MAX_MONTHS,
    )?;
    let max_amount = optional_money("max_amount", &input.max_amount)?;
    let max_times_savings = match input.max_times_savings.trim() {
        "" => None,
        t => {
            let arabic = crate::thai::to_arabic_digits(t);
            let d: Decimal = arabic.trim().parse().map_err(|_| {
                Error::invalid(
                    "max_times_savings",
                    format!("\"{t}\" ไม่ใช่ตัวเลข — พิมพ์จำนวนเท่าของเงินสัจจะ เช่น 2 หรือ 1.5"),
                )
            })?;
            if d <= Decimal::ZERO || d > Decimal::from(1000) || d.scale() > 2 {
                return Err(Error::invalid(
                    "max_times_savings",
                    "จำนวนเท่าของเงินสัจจะต้องมากกว่า 0 ไม่เกิน 1,000 และมีทศนิยมไม่เกินสองตำแหน่ง",
                ));
            }
            Some(d.normalize().to_string())
        }
    };
    let guarantors_above = match input.guarantors_above.trim() {
        "" => None,
        t => Some(Money::parse(t).map_err(|e| Error::from(e).in_field("guarantors_above"))?),
    };
    let guarantors_required = match input.guarantors_required.trim() {
        "" => 1,
        t => whole("guarantors_required", "จำนวนผู้ค้ำ", t, 0, 5)?,
    };
    let charge_word = match input.charge_word.trim() {
        "" => None,
        w => Some(
            settings::normalize("loan_charge_word", w).map_err(|e| match e {
                Error::Invalid { message, .. } => Error::invalid("charge_word", message),
                other => other,
            })?,
        ),
    };
    let taken: Option<String> = conn
        .query_row(
            "SELECT name FROM loan_product WHERE code = ?1",
            [code],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = taken {
        return Err(Error::invalid(
            "code",
            format!("รหัส {code} ใช้กับ \"{other}\" แล้ว — เลือกรหัสอื่น"),
        ));
    }
    let id = uuid::Uuid::now_v7().to_string();
    conn.execute(
        "INSERT INTO loan_product (id, code, name, kind, monthly_rate, method, max_months, max_amount,
             max_times_savings, guarantors_above, guarantors_required, multiple_allowed, charge_word, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            id,
            code,
            name,
            kind,
            rate.to_string(),
            method.as_str(),
            max_months,
            max_amount,
            max_times_savings,
            guarantors_above,
            guarantors_required,
            input.multiple_allowed,
            charge_word,
            clock::now_utc()
        ],
    )?;
    get(conn, &id)
}

const SELECT: &str = "SELECT id, code, name, kind, monthly_rate, method, max_months, max_amount,
        max_times_savings, guarantors_above, guarantors_required, multiple_allowed, charge_word
     FROM loan_product";

fn from_row(r: &Row<'_>) -> rusqlite::Result<LoanProduct> {
    let rate: String = r.get(4)?;
    let method: String = r.get(5)?;
    let max_months: u32 = r.get(6)?;
    let m = Method::parse(&method).unwrap_or(Method::DecliningEqualPrincipal);
    let monthly = MonthlyRate::parse(&rate).unwrap_or(MonthlyRate::from_percent(Decimal::ZERO));
    // The example: 12,000 baht over 12 months (or the longest term, if shorter).
    let example_amount = Money::from_baht(12_000);
    let lines =
        schedule::contract(example_amount, max_months.min(12), monthly, m).unwrap_or_default();
    let rates = schedule::rates(example_amount, &lines);
    Ok(LoanProduct {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        yearly_rate: schedule::pct(monthly.yearly_percent()),
        rate,
        method_label: m.label().to_string(),
        method,
        max_months,
        max_amount: r.get(7)?,
        max_times_savings: r.get(8)?,
        guarantors_above: r.get(9)?,
        guarantors_required: r.get(10)?,
        multiple_allowed: r.get(11)?,
        charge_word: r.get(12)?,
        example_effective_annual_rate: schedule::pct(rates.effective_annual),
        example_nominal_annual_rate: schedule::pct(rates.nominal_annual),
        above_legal_cap: rates.above_legal_cap(),
    })
}

/// The product with this id, or this code.
pub fn get(conn: &Connection, id_or_code: &str) -> Result<LoanProduct> {
    let code = id_or_code.trim();
    conn.query_row(
        &format!("{SELECT} WHERE id = ?1 OR code = ?1"),
        [code],
        from_row,
    )
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            "product",
            format!("ไม่พบประเภทเงินกู้รหัส \"{code}\" — ดูรายการด้วยคำสั่ง sajja loan product list"),
        )
    })
}

/// All products, by code.
pub fn list(conn: &Connection) -> Result<Vec<LoanProduct>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY code"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Books, NewGroup};

    fn input(code: &str, rate: &str, method: &str) -> LoanProductInput {
        LoanProductInput {
            code: code.into(),
            name: "เงินกู้สามัญ".into(),
            rate: rate.into(),
            method: method.into(),
            max_months: "24".into(),
            max_amount: "50000".into(),
            max_times_savings: "2".into(),
            guarantors_above: "10000".into(),
            ..Default::default()
        }
    }

    #[test]
    fn products_are_checked_and_listed() {
        let books = Books::in_memory(&NewGroup::named("ทดสอบ")).unwrap();
        let conn = books.conn();
        let p = add(conn, &input("A", "1", "declining-equal-principal")).unwrap();
        assert_eq!(p.kind, "เงินกู้สามัญ");
        assert_eq!(p.max_amount, Some(Money::from_baht(50_000)));
        assert_eq!(p.yearly_rate, "12.00");
        assert_eq!(p.example_effective_annual_rate, "12.68");
        assert!(!p.above_legal_cap);
        assert_eq!(p.guarantors_required, 1);
        let flat = add(conn, &input("F", "1", "flat")).unwrap();
        assert!(flat.above_legal_cap);
        assert_eq!(list(conn).unwrap().len(), 2);
        assert_eq!(get(conn, "a").unwrap().id, p.id);

        for (bad, field) in [
            (input("A", "1", "flat"), "code"),
            (input("B", "x", "flat"), "rate"),
            (input("B", "1", "monthly"), "method"),
            (
                LoanProductInput {
                    max_months: "0".into(),
                    ..input("B", "1", "flat")
                },
                "max_months",
            ),
            (
                LoanProductInput {
                    charge_word: "ค่าธรรมเนียม".into(),
                    ..input("B", "1", "flat")
                },
                "charge_word",
            ),
        ] {
            let e = add(conn, &bad).unwrap_err();
            assert_eq!(e.field(), Some(field), "{e}");
        }
        let e = conn
            .execute("UPDATE loan_product SET monthly_rate = '2'", [])
            .unwrap_err();
        assert!(e.to_string().contains("never changed"));
    }
}
