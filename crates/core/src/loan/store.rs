//! Reading and writing loan rows: contracts, events, guarantors, and the postings that hold a
//! loan's money (the loan tables hold terms and dated events, never balances).

use super::*;
use crate::db::CachedExt;

/// The next contract number of the accounting year of `date`: "2568/007".
pub(super) fn next_contract_number(conn: &Connection, date: NaiveDate) -> Result<String> {
    let year = period::accounting_year_label(date, settings::at(conn, date)?.year_start_month);
    period::next_number(conn, "loan", year, 3)
}

/// A contract number as typed ("2568/7", "๒๕๖๘/๐๐๗") in its stored form, or the text as is.
pub(super) fn normalize_key(text: &str) -> String {
    let t = thai::to_arabic_digits(text.trim());
    if let Some((y, n)) = t.split_once('/') {
        if let (Ok(y), Ok(n)) = (y.trim().parse::<i32>(), n.trim().parse::<u32>()) {
            return format!("{y}/{n:03}");
        }
    }
    t
}

/// A loan row as stored.
#[derive(Clone, Debug)]
pub(crate) struct Stored {
    pub id: String,
    pub number: String,
    pub member_id: String,
    pub product_id: String,
    pub applied_on: NaiveDate,
    pub amount: Money,
    pub months: u32,
    pub rate: MonthlyRate,
    pub method: Method,
    pub charge_word: String,
    pub purpose: String,
    pub recorded_by: Option<String>,
    pub restructures: Option<String>,
    pub status: LoanStatus,
}

pub(super) const STORED: &str =
    "SELECT id, number, member_id, product_id, applied_on, amount, months, monthly_rate,
        method, charge_word, purpose, recorded_by, restructures, status FROM loan";

pub(super) fn stored_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    let rate: String = r.get(7)?;
    let method: String = r.get(8)?;
    Ok(Stored {
        id: r.get(0)?,
        number: r.get(1)?,
        member_id: r.get(2)?,
        product_id: r.get(3)?,
        applied_on: r.get(4)?,
        amount: r.get(5)?,
        months: r.get(6)?,
        rate: MonthlyRate::parse(&rate).unwrap_or(MonthlyRate::from_percent(Default::default())),
        method: Method::parse(&method).unwrap_or(Method::DecliningEqualPrincipal),
        charge_word: r.get(9)?,
        purpose: r.get(10)?,
        recorded_by: r.get(11)?,
        restructures: r.get(12)?,
        status: r.get(13)?,
    })
}

/// The loan with this contract number or id.
pub(crate) fn find(conn: &Connection, key: &str) -> Result<Stored> {
    let key = normalize_key(key);
    if key.is_empty() {
        return Err(Error::invalid("loan", "กรุณาใส่เลขที่สัญญาเงินกู้ เช่น 2568/001"));
    }
    conn.query_row(
        &format!("{STORED} WHERE number = ?1 OR id = ?1"),
        [&key],
        stored_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "สัญญาเงินกู้เลขที่",
        id: key,
    })
}

/// The disbursement of a loan: (date, due day, entry).
pub(super) fn disbursement(conn: &Connection, loan_id: &str) -> Result<Option<(NaiveDate, u32)>> {
    Ok(conn
        .query_row(
            "SELECT date, due_day FROM loan_event WHERE loan_id = ?1 AND kind = 'disbursed'
             ORDER BY id LIMIT 1",
            [loan_id],
            |r| Ok((r.get(0)?, r.get::<_, Option<u32>>(1)?.unwrap_or(5))),
        )
        .optional()?)
}

/// All money that moved on a loan (postings on 1200, 4100, 4200), merged by date.
pub(crate) fn flows(
    conn: &Connection,
    loan_id: &str,
    through: Option<NaiveDate>,
) -> Result<Vec<Flow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, account, amount FROM posting
         WHERE loan_id = ?1 AND date <= ?2 AND account IN ('1200', '4100', '4200')
         ORDER BY date",
    )?;
    let through = through.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
    let mut rows = stmt.query(params![loan_id, through])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let date: NaiveDate = r.get(0)?;
        let account: String = r.get(1)?;
        Flow::add(&mut out, date, &account, r.get(2)?);
    }
    Ok(out)
}

/// Principal balance of a loan (sum of its 1200 postings), as at `date` (None = now).
pub fn balance(conn: &Connection, loan_id: &str, date: Option<NaiveDate>) -> Result<Money> {
    let through = date.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
    let satang: i64 = conn.query_row(
        "SELECT coalesce(sum(amount), 0) FROM posting WHERE loan_id = ?1 AND account = '1200' AND date <= ?2",
        params![loan_id, through],
        |r| r.get(0),
    )?;
    Ok(Money::from_satang(satang))
}

pub(super) fn terms_of(conn: &Connection, loan: &Stored) -> Result<Option<Terms>> {
    let Some((disbursed, due_day)) = disbursement(conn, &loan.id)? else {
        return Ok(None);
    };
    let (owed, paid_to, cutover) = conn
        .query_row_cached(
            "SELECT o.owed, o.interest_paid_to, (SELECT cutover FROM opening WHERE id = 1)
             FROM loan_opening o WHERE o.loan_id = ?1",
            [&loan.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .unwrap_or((None, None, None));
    Ok(Some(Terms {
        amount: loan.amount,
        months: loan.months,
        rate: loan.rate,
        method: loan.method,
        disbursed,
        due_day,
        brought_in: super::bulk::brought_in(owed, paid_to, cutover),
    }))
}

/// Where a paid-out loan stands on `date`.
pub(crate) fn position_of(
    conn: &Connection,
    loan: &Stored,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<Option<Position>> {
    let Some(terms) = terms_of(conn, loan)? else {
        return Ok(None);
    };
    let flows = flows(conn, &loan.id, Some(date))?;
    Ok(Some(Ledger::new(&terms, &flows, rules)?.position(date)))
}

pub(super) fn member_ref(conn: &Connection, id: &str) -> Result<MemberRef> {
    let m = member::get_by_id(conn, id)?;
    Ok(MemberRef {
        member: m.number,
        member_id: m.id,
        name: m.full_name,
    })
}

/// A member who is a member on `date` (joined, not yet left), by number.
pub(super) fn current_member(
    conn: &Connection,
    field: &'static str,
    label: &str,
    text: &str,
    date: NaiveDate,
) -> Result<member::Member> {
    let number = parse_member_number(field, label, text)?;
    let m = member::get(conn, number).map_err(|e| match e {
        Error::MemberNotFound(n) => Error::invalid(
            field,
            format!("ไม่พบสมาชิกเลขที่ {n} ({label}) — ตรวจสอบเลขที่สมาชิกอีกครั้ง"),
        ),
        other => other,
    })?;
    if m.joined > date {
        return Err(Error::invalid(
            field,
            format!(
                "{label} {} (เลขที่ {}) ยังไม่เป็นสมาชิกในวันที่ {} (เข้าเป็นสมาชิก {})",
                m.full_name,
                m.number,
                thai::format_date(date, Digits::Arabic),
                thai::format_date(m.joined, Digits::Arabic)
            ),
        ));
    }
    if !m.status.is_active() && m.left_on.is_none_or(|left| left <= date) {
        return Err(Error::invalid(
            field,
            format!("{label} {} (เลขที่ {}) พ้นสภาพสมาชิกแล้ว", m.full_name, m.number),
        ));
    }
    Ok(m)
}

/// A member's accumulated pledged savings (เงินสัจจะสะสม) as at `date`.
pub fn savings(conn: &Connection, member_id: &str, date: NaiveDate) -> Result<Money> {
    let satang: i64 = conn.query_row(
        "SELECT coalesce(-sum(amount), 0) FROM posting WHERE member_id = ?1 AND account = ?2 AND date <= ?3",
        params![member_id, account::SAJJA, date],
        |r| r.get(0),
    )?;
    Ok(Money::from_satang(satang))
}

/// Positions of a member's loans being repaid on `date`.
pub(super) fn member_positions(
    conn: &Connection,
    member_id: &str,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<Vec<(Stored, Position)>> {
    let mut out = Vec::new();
    for loan in arrears::active_loans_of(conn, member_id, date)? {
        if let Some(p) = position_of(conn, &loan, rules, date)? {
            out.push((loan, p));
        }
    }
    Ok(out)
}

pub(super) fn member_in_arrears(
    conn: &Connection,
    member_id: &str,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<bool> {
    Ok(member_positions(conn, member_id, rules, date)?
        .iter()
        .any(|(_, p)| p.in_arrears()))
}

/// What a member guarantees on `date`: (total, loans), counting balances of loans being repaid
/// and amounts of loans applied for or approved, except `except`.
pub(super) fn guaranteed(
    conn: &Connection,
    member_id: &str,
    date: NaiveDate,
    except: Option<&str>,
) -> Result<(Money, u32)> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id, l.status, l.amount FROM loan_guarantor g JOIN loan l ON l.id = g.loan_id
         WHERE g.member_id = ?1 AND l.status IN ('applied', 'approved', 'active')
           AND {GUARANTEE_IN_FORCE}"
    ))?;
    let rows: Vec<(String, LoanStatus, Money)> = stmt
        .query_map([member_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut total = Money::ZERO;
    let mut count = 0;
    for (id, status, amount) in rows {
        if Some(id.as_str()) == except {
            continue;
        }
        total += if status == LoanStatus::Active {
            balance(conn, &id, Some(date))?
        } else {
            amount
        };
        count += 1;
    }
    Ok((total, count))
}

/// A guarantee still in force, of the `loan_guarantor` row `g`: not ended by the
/// committee's release or replacement of the guarantor.
pub(super) const GUARANTEE_IN_FORCE: &str = "NOT EXISTS (SELECT 1 FROM loan_guarantor_end x
                    WHERE x.loan_id = g.loan_id AND x.member_id = g.member_id)";

/// Everything a new loan row needs: the terms [`check_new_contract`] checked, and the rest.
pub(super) struct NewLoan<'a> {
    pub(super) terms: Check<'a>,
    pub(super) purpose: &'a str,
    pub(super) confirm_rate: bool,
    pub(super) recorded_by: Option<&'a member::Member>,
    pub(super) replaces: Option<&'a Stored>,
}

pub(super) fn insert_loan(conn: &Connection, n: &NewLoan<'_>) -> Result<String> {
    let t = &n.terms;
    let rate = t.product.monthly_rate();
    let method = t.product.method();
    let lines = schedule::contract(t.amount, t.months, rate, method)?;
    let rates = schedule::rates(t.amount, &lines);
    let warning = rates.recorded_warning();
    if let (Some(_), false) = (&rates.warning(), n.confirm_rate) {
        // Beside the box it names: short, and what to do next.
        return Err(Error::invalid(
            "confirm_rate",
            format!(
                "ดอกเบี้ยร้อยละ {} ต่อปี เกินร้อยละ 15 — ทำเครื่องหมายยืนยันเมื่อคณะกรรมการเห็นชอบแล้ว",
                schedule::pct(rates.nominal_annual)
            ),
        ));
    }
    let charge_word = match &t.product.charge_word {
        Some(w) => w.clone(),
        None => settings::at(conn, t.date)?.loan_charge_word,
    };
    let id = uuid::Uuid::now_v7().to_string();
    let number = next_contract_number(conn, t.date)?;
    let now = clock::now_utc();
    conn.execute(
        "INSERT INTO loan (id, number, member_id, product_id, applied_on, amount, months, monthly_rate,
             method, charge_word, purpose, recorded_by, restructures, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'applied', ?14)",
        params![
            id,
            number,
            t.borrower.id,
            t.product.id,
            t.date,
            t.amount,
            t.months,
            rate.to_string(),
            method.as_str(),
            charge_word,
            n.purpose.trim(),
            n.recorded_by.map(|m| m.id.clone()),
            n.replaces.map(|l| l.id.clone()),
            now
        ],
    )
    .map_err(|e| {
        if e.to_string().contains("loan.restructures") {
            Error::invalid(
                "loan",
                "สัญญานี้มีคำขอปรับโครงสร้างหนี้ค้างอยู่แล้ว — อนุมัติหรือไม่อนุมัติคำขอเดิมก่อน",
            )
        } else {
            Error::Db(e)
        }
    })?;
    let mut stmt =
        conn.prepare_cached("INSERT INTO loan_guarantor (loan_id, member_id) VALUES (?1, ?2)")?;
    for g in t.guarantors {
        stmt.execute(params![id, g.id])?;
    }
    if let Some(w) = warning {
        conn.execute(
            "INSERT INTO loan_rate_confirmation (loan_id, nominal_annual, effective_annual, warning, confirmed_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                schedule::pct(rates.nominal_annual),
                schedule::pct(rates.effective_annual),
                w,
                now
            ],
        )?;
    }
    let note = match n.replaces {
        Some(old) => format!("ปรับโครงสร้างหนี้สัญญา {}", old.number),
        None => String::new(),
    };
    add_event(
        conn,
        &id,
        LoanEventKind::Applied,
        LoanStatus::Applied,
        t.date,
        None,
        "",
        None,
        None,
        &note,
    )?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn add_event(
    conn: &Connection,
    loan_id: &str,
    kind: LoanEventKind,
    status: LoanStatus,
    date: NaiveDate,
    by: Option<&str>,
    meeting: &str,
    entry: Option<&str>,
    due_day: Option<u32>,
    note: &str,
) -> Result<()> {
    // The one lock-date rule of every dated write.
    crate::journal::ensure_writable(conn, date)?;
    conn.execute(
        "INSERT INTO loan_event (loan_id, kind, status, date, by_member, meeting, entry_id, due_day, note, recorded_at, meeting_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, (SELECT id FROM meeting WHERE number = ?6))",
        params![
            loan_id,
            kind,
            status,
            date,
            by,
            meeting.trim(),
            entry,
            due_day,
            note,
            clock::now_utc()
        ],
    )?;
    conn.execute(
        "UPDATE loan SET status = ?2 WHERE id = ?1 AND status <> ?2",
        params![loan_id, status],
    )?;
    Ok(())
}

pub(super) fn guarantor_members(conn: &Connection, loan_id: &str) -> Result<Vec<member::Member>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.number FROM loan_guarantor g JOIN member m ON m.id = g.member_id
         WHERE g.loan_id = ?1
           AND {GUARANTEE_IN_FORCE}
         ORDER BY m.number"
    ))?;
    let numbers: Vec<u32> = stmt
        .query_map([loan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    numbers.into_iter().map(|n| member::get(conn, n)).collect()
}

pub(super) fn event_date(
    conn: &Connection,
    loan_id: &str,
    kind: LoanEventKind,
) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row(
            "SELECT date FROM loan_event WHERE loan_id = ?1 AND kind = ?2 ORDER BY id DESC LIMIT 1",
            params![loan_id, kind],
            |r| r.get(0),
        )
        .optional()?)
}

pub(super) struct RawEvent {
    pub(super) kind: LoanEventKind,
    pub(super) date: NaiveDate,
    pub(super) by: Option<String>,
    pub(super) meeting: String,
    pub(super) entry: Option<String>,
    pub(super) due_day: Option<u32>,
    pub(super) note: String,
}

pub(super) fn raw_events(conn: &Connection, loan_id: &str) -> Result<Vec<RawEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, date, by_member, meeting, entry_id, due_day, note FROM loan_event
         WHERE loan_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([loan_id], |r| {
        Ok(RawEvent {
            kind: r.get(0)?,
            date: r.get(1)?,
            by: r.get(2)?,
            meeting: r.get(3)?,
            entry: r.get(4)?,
            due_day: r.get(5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
