//! The checks every new contract passes, whether applied for or restructured (limits, the legal
//! rate, the borrower's standing, each guarantor), and the parsing of typed input.

use super::*;

pub(super) fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    Ok(parse_optional_date(field, text)?.unwrap_or_else(clock::today))
}

pub(super) fn parse_member_number(field: &'static str, label: &str, text: &str) -> Result<u32> {
    member::parse_number(field, &format!("ของ{label}"), text)
}

/// What a new loan needs checked (at application and again at approval).
pub(super) struct Check<'a> {
    pub(super) borrower: &'a member::Member,
    pub(super) product: &'a LoanProduct,
    pub(super) amount: Money,
    pub(super) months: u32,
    pub(super) date: NaiveDate,
    pub(super) guarantors: &'a [member::Member],
    /// The loan itself (at approval), left out of counts.
    pub(super) this: Option<&'a str>,
    /// The loan being restructured: its borrower may be behind, and it is replaced.
    pub(super) replaces: Option<&'a str>,
}

impl<'a> Check<'a> {
    /// The terms of a new contract as applied for: no loan of its own yet, replacing none.
    pub(super) fn new(
        borrower: &'a member::Member,
        product: &'a LoanProduct,
        amount: Money,
        months: u32,
        date: NaiveDate,
        guarantors: &'a [member::Member],
    ) -> Check<'a> {
        Check {
            borrower,
            product,
            amount,
            months,
            date,
            guarantors,
            this: None,
            replaces: None,
        }
    }
}

pub(super) fn money_text(m: Money) -> String {
    format!("{} บาท", m.grouped())
}

pub(super) fn check_limits(conn: &Connection, c: &Check<'_>) -> Result<()> {
    let p = c.product;
    if c.months > p.max_months {
        return Err(Error::invalid(
            "months",
            format!(
                "{} ผ่อนได้ไม่เกิน {} งวด (เดือน) — ขอ {} งวด",
                p.name, p.max_months, c.months
            ),
        ));
    }
    if c.replaces.is_none() {
        if let Some(max) = p.max_amount {
            if c.amount > max {
                return Err(Error::invalid(
                    "amount",
                    format!(
                        "ยอดกู้ {} เกินวงเงินสูงสุดของ{} ({})",
                        money_text(c.amount),
                        p.name,
                        money_text(max)
                    ),
                ));
            }
        }
        if let Some(times) = &p.max_times_savings {
            let times: rust_decimal::Decimal = times.parse().unwrap_or_default();
            let saved = savings(conn, &c.borrower.id, c.date)?;
            let limit = Money::from_decimal_rounded(saved.as_decimal() * times);
            if c.amount > limit {
                return Err(Error::invalid(
                    "amount",
                    format!(
                        "ยอดกู้ {} เกิน {} เท่าของเงินสัจจะสะสม — {} มีเงินสัจจะสะสม {} จึงกู้{}ได้ไม่เกิน {}",
                        money_text(c.amount),
                        times.normalize(),
                        c.borrower.full_name,
                        money_text(saved),
                        p.name,
                        money_text(limit)
                    ),
                ));
            }
        }
    }
    Ok(())
}

pub(super) fn check_borrower(conn: &Connection, c: &Check<'_>, rules: &LateRules) -> Result<()> {
    if c.replaces.is_none() {
        for (loan, pos) in member_positions(conn, &c.borrower.id, rules, c.date)? {
            if pos.in_arrears() {
                return Err(Error::invalid(
                    "member",
                    format!(
                        "{} ค้างชำระเงินกู้สัญญา {} อยู่ {} — ต้องชำระให้เป็นปัจจุบันก่อนจึงกู้ใหม่ได้",
                        c.borrower.full_name,
                        loan.number,
                        money_text(pos.overdue + pos.fines)
                    ),
                ));
            }
        }
    }
    if !c.product.multiple_allowed {
        let other: Option<String> = conn
            .query_row(
                "SELECT l.number FROM loan l JOIN loan_product p ON p.id = l.product_id
                 WHERE l.member_id = ?1 AND p.kind = ?2 AND l.status IN ('applied', 'approved', 'active')
                   AND l.id IS NOT ?3 AND l.id IS NOT ?4
                 ORDER BY l.applied_on LIMIT 1",
                params![c.borrower.id, c.product.kind, c.this, c.replaces],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(number) = other {
            return Err(Error::invalid(
                "product",
                format!(
                    "{} มีเงินกู้ประเภท{}อยู่แล้ว (สัญญา {}) — ระเบียบให้กู้ประเภทนี้ได้ครั้งละหนึ่งสัญญา",
                    c.borrower.full_name, c.product.kind, number
                ),
            ));
        }
    }
    Ok(())
}

pub(super) fn check_guarantors(conn: &Connection, c: &Check<'_>, rules: &LateRules) -> Result<()> {
    let p = c.product;
    if let Some(above) = p.guarantors_above {
        if c.amount > above && (c.guarantors.len() as u32) < p.guarantors_required {
            return Err(Error::invalid(
                "guarantors",
                format!(
                    "{}ที่กู้เกิน {} ต้องมีผู้ค้ำประกันอย่างน้อย {} คน — ใส่เลขที่สมาชิกของผู้ค้ำ",
                    p.name,
                    money_text(above),
                    p.guarantors_required
                ),
            ));
        }
    }
    for (i, g) in c.guarantors.iter().enumerate() {
        if g.id == c.borrower.id {
            return Err(Error::invalid(
                "guarantors",
                "ผู้กู้ค้ำประกันเงินกู้ของตัวเองไม่ได้ — เลือกสมาชิกคนอื่นเป็นผู้ค้ำ",
            ));
        }
        if c.guarantors[..i].iter().any(|o| o.id == g.id) {
            return Err(Error::invalid(
                "guarantors",
                format!("ใส่ผู้ค้ำ {} ซ้ำ", g.full_name),
            ));
        }
        let except = c.this.or(c.replaces);
        ensure_may_guarantee(conn, "guarantors", g, c.amount, c.date, except, rules)?;
    }
    Ok(())
}

/// Refuses `g` as the guarantor of one more loan of `amount` on `date`: behind on their own
/// loans, or over the group's limits on how many loans and how much one member may guarantee.
/// `except` is a loan left out of what they guarantee already (the one being approved or
/// replaced); `field` is the form field a refusal points at.
pub(super) fn ensure_may_guarantee(
    conn: &Connection,
    field: &'static str,
    g: &member::Member,
    amount: Money,
    date: NaiveDate,
    except: Option<&str>,
    rules: &LateRules,
) -> Result<()> {
    if member_in_arrears(conn, &g.id, rules, date)? {
        return Err(Error::invalid(
            field,
            format!(
                "ผู้ค้ำ {} (เลขที่ {}) ค้างชำระเงินกู้ของตัวเองอยู่ — ค้ำประกันไม่ได้จนกว่าจะชำระให้เป็นปัจจุบัน",
                g.full_name, g.number
            ),
        ));
    }
    let rule = settings::at(conn, date)?;
    let (total, count) = guaranteed(conn, &g.id, date, except)?;
    if count + 1 > rule.guarantee_max_loans {
        return Err(Error::invalid(
            field,
            format!(
                "ผู้ค้ำ {} (เลขที่ {}) ค้ำประกันอยู่แล้ว {count} สัญญา — ระเบียบให้ค้ำได้ไม่เกิน {} สัญญา",
                g.full_name, g.number, rule.guarantee_max_loans
            ),
        ));
    }
    if rule.guarantee_limit.is_positive() && total + amount > rule.guarantee_limit {
        return Err(Error::invalid(
            field,
            format!(
                "ผู้ค้ำ {} (เลขที่ {}) ค้ำประกันอยู่แล้ว {} รวมกับสัญญานี้เป็น {} เกินวงเงินค้ำประกันของกลุ่ม ({})",
                g.full_name,
                g.number,
                money_text(total),
                money_text(total + amount),
                money_text(rule.guarantee_limit)
            ),
        ));
    }
    Ok(())
}

pub(super) fn parse_months(text: &str) -> Result<u32> {
    let t = thai::to_arabic_digits(text.trim());
    let n: u32 = t.parse().map_err(|_| {
        Error::invalid(
            "months",
            format!("จำนวนงวด \"{}\" ต้องเป็นจำนวนเต็ม เช่น 12", text.trim()),
        )
    })?;
    if n == 0 || n > schedule::MAX_MONTHS {
        return Err(Error::invalid(
            "months",
            format!("จำนวนงวดต้องอยู่ระหว่าง 1 ถึง {}", schedule::MAX_MONTHS),
        ));
    }
    Ok(n)
}

pub(super) fn parse_guarantors(
    conn: &Connection,
    list: &[String],
    date: NaiveDate,
) -> Result<Vec<member::Member>> {
    list.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| current_member(conn, "guarantors", "ผู้ค้ำประกัน", s, date))
        .collect()
}

pub(super) fn positive_amount(text: &str, field: &'static str) -> Result<Money> {
    let m = Money::parse(text).map_err(|e| Error::from(e).in_field(field))?;
    if !m.is_positive() {
        return Err(Error::invalid(field, "จำนวนเงินต้องมากกว่าศูนย์"));
    }
    Ok(m)
}

pub(super) fn require_status(loan: &Stored, allowed: &[LoanStatus], doing: &str) -> Result<()> {
    if allowed.contains(&loan.status) {
        return Ok(());
    }
    Err(Error::LoanState {
        loan: loan.number.clone(),
        doing: doing.to_string(),
        status: loan.status.label(),
    })
}

pub(super) fn not_before(date: NaiveDate, earlier: NaiveDate, what: &str) -> Result<()> {
    if date < earlier {
        return Err(Error::invalid(
            "date",
            format!(
                "วันที่ต้องไม่ก่อนวัน{what} ({})",
                thai::format_date(earlier, Digits::Arabic)
            ),
        ));
    }
    Ok(())
}

/// A step that takes a loan's whole balance as at `date` (a write-off, a restructure) is dated
/// on or after the loan's last movement: dated before a repayment already booked, it would take
/// a balance that repayment has since lowered and leave the loan owed below zero.
pub(super) fn not_before_last_movement(
    conn: &Connection,
    loan: &Stored,
    date: NaiveDate,
) -> Result<()> {
    let last: Option<NaiveDate> = conn.query_row(
        "SELECT max(date) FROM posting WHERE loan_id = ?1 AND account = '1200'",
        [&loan.id],
        |r| r.get(0),
    )?;
    match last {
        Some(last) => not_before(date, last, "ที่มีรายการล่าสุดของสัญญานี้"),
        None => Ok(()),
    }
}

pub(super) fn required_reason(text: &str) -> Result<&str> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::invalid(
            "reason",
            "กรุณาใส่เหตุผล — เหตุผลจะถูกบันทึกไว้กับสัญญา",
        ));
    }
    Ok(t)
}

pub(super) fn cash_account(text: &str, field: &'static str) -> Result<&'static str> {
    match text.trim() {
        "" | "cash" | "เงินสด" => Ok(CASH),
        "bank" | "ธนาคาร" => Ok(BANK),
        other => Err(Error::invalid(
            field,
            format!("\"{other}\" — เลือก cash (เงินสด) หรือ bank (ธนาคาร)"),
        )),
    }
}

/// Every check a new contract passes, whether applied for or restructured: the group's limits,
/// a schedule that can be computed (the legal rate guard included), the borrower's standing and
/// each guarantor. One function, so a new rule cannot be added to one path only.
pub(super) fn check_new_contract(conn: &Connection, check: &Check<'_>) -> Result<()> {
    let rules = LateRules::load(conn)?;
    check_limits(conn, check)?;
    schedule::contract(
        check.amount,
        check.months,
        check.product.monthly_rate(),
        check.product.method(),
    )?;
    check_borrower(conn, check, &rules)?;
    check_guarantors(conn, check, &rules)
}

/// Who recorded an application (optional; approval must then be by someone else).
pub(super) fn recorder(
    conn: &Connection,
    typed: &str,
    date: NaiveDate,
) -> Result<Option<member::Member>> {
    match typed.trim() {
        "" => Ok(None),
        t => current_member(conn, "recorded_by", "ผู้บันทึกคำขอ", t, date).map(Some),
    }
}
