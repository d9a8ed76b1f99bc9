//! What the screens show of loans: the summary, the schedule, the card, the lists and a
//! member's loans.

use super::*;

pub(super) fn guarantor_refs(
    conn: &Connection,
    loan_id: &str,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<Vec<GuarantorRef>> {
    guarantor_members(conn, loan_id)?
        .into_iter()
        .map(|m| {
            Ok(GuarantorRef {
                in_arrears: member_in_arrears(conn, &m.id, rules, date)?,
                member: m.number,
                member_id: m.id,
                name: m.full_name,
            })
        })
        .collect()
}

/// The head of the loan card.
pub(crate) fn summary(
    conn: &Connection,
    loan: &Stored,
    rules: &LateRules,
    date: NaiveDate,
) -> Result<LoanSummary> {
    let borrower = member::get_by_id(conn, &loan.member_id)?;
    let product = product::get(conn, &loan.product_id)?;
    let lines = schedule::contract(loan.amount, loan.months, loan.rate, loan.method)?;
    let rates = schedule::rates(loan.amount, &lines);
    let events = raw_events(conn, &loan.id)?;
    let approved = events
        .iter()
        .rev()
        .find(|e| e.kind == LoanEventKind::Approved);
    let disbursed = events.iter().find(|e| e.kind == LoanEventKind::Disbursed);
    let ended = events
        .iter()
        .rev()
        .find(|e| e.kind.ends_the_contract())
        .filter(|_| loan.status != LoanStatus::Active);
    let restructured_into: Option<String> = conn
        .query_row(
            "SELECT number FROM loan WHERE restructures = ?1 AND status NOT IN ('rejected')",
            [&loan.id],
            |r| r.get(0),
        )
        .optional()?;
    let restructures = match &loan.restructures {
        Some(id) => Some(find(conn, id)?.number),
        None => None,
    };
    let confirmation = conn
        .query_row(
            "SELECT nominal_annual, effective_annual, warning, confirmed_at FROM loan_rate_confirmation WHERE loan_id = ?1",
            [&loan.id],
            |r| {
                Ok(RateConfirmation {
                    nominal_annual: r.get(0)?,
                    effective_annual: r.get(1)?,
                    warning: r.get(2)?,
                    confirmed_at: r.get(3)?,
                })
            },
        )
        .optional()?;
    let by = |id: &Option<String>| -> Result<Option<MemberRef>> {
        id.as_deref().map(|id| member_ref(conn, id)).transpose()
    };
    let disbursed_on = disbursed.map(|e| e.date);
    let due_day = disbursed.and_then(|e| e.due_day);
    Ok(LoanSummary {
        loan: loan.number.clone(),
        id: loan.id.clone(),
        member: borrower.number,
        member_id: borrower.id.clone(),
        name: borrower.full_name.clone(),
        product: product.code.clone(),
        product_name: product.name.clone(),
        kind: product.kind.clone(),
        amount: loan.amount,
        months: loan.months,
        rate: loan.rate.to_string(),
        method: loan.method.as_str().to_string(),
        method_label: loan.method.label().to_string(),
        charge_word: loan.charge_word.clone(),
        purpose: loan.purpose.clone(),
        status: loan.status,
        status_label: match events.last() {
            Some(e) if e.kind == LoanEventKind::Cancelled => e.kind.label(),
            _ => loan.status.label(),
        }
        .to_string(),
        applied_on: loan.applied_on,
        recorded_by: by(&loan.recorded_by)?,
        approved_on: approved.map(|e| e.date),
        approved_by: by(&approved.and_then(|e| e.by.clone()))?,
        meeting: approved
            .map(|e| e.meeting.clone())
            .filter(|m| !m.is_empty()),
        disbursed_on,
        due_day,
        first_due: disbursed_on
            .zip(due_day)
            .map(|(d, day)| schedule::due_date(d, day, 1)),
        last_due: disbursed_on
            .zip(due_day)
            .map(|(d, day)| schedule::due_date(d, day, loan.months)),
        ended_on: ended.map(|e| e.date),
        restructures,
        restructured_into,
        guarantors: guarantor_refs(conn, &loan.id, rules, date)?,
        nominal_annual_rate: schedule::pct(rates.nominal_annual),
        effective_annual_rate: schedule::pct(rates.effective_annual),
        above_legal_cap: rates.above_legal_cap(),
        rate_confirmation: confirmation,
        balance: balance(conn, &loan.id, None)?,
    })
}

/// A contract schedule with dates, and the interest of each instalment as the group's rules
/// charge it when every instalment is paid on its due date: the first, broken period by days
/// when the group says so, every month by days on the daily basis.
struct Dated {
    installments: Vec<Installment>,
    first: state::FirstPeriod,
    first_days: i64,
    basis: state::Basis,
}

impl Dated {
    fn new(
        lines: &[schedule::Line],
        amount: Money,
        rate: MonthlyRate,
        method: Method,
        from: NaiveDate,
        due_day: u32,
        rules: &LateRules,
    ) -> Dated {
        let first = rules.first_period(from);
        let basis = rules.basis(from);
        let yearly = i128::from(rate.millionths()) * 12;
        let mut before = from;
        let mut owed = amount;
        let installments = lines
            .iter()
            .map(|l| {
                let due = schedule::due_date(from, due_day, l.no);
                let days = (due - before).num_days();
                let by_days = basis == state::Basis::Daily
                    || (l.no == 1 && first == state::FirstPeriod::ByDays);
                let on = if method == Method::Flat { amount } else { owed };
                let interest = if by_days {
                    Money::from_satang(state::interest_by_days(
                        i128::from(on.satang()) * i128::from(days),
                        yearly,
                    ))
                } else {
                    l.interest
                };
                before = due;
                owed = l.balance;
                Installment {
                    no: l.no,
                    due,
                    principal: l.principal,
                    interest,
                    total: l.principal + interest,
                    balance: l.balance,
                    state: None,
                }
            })
            .collect::<Vec<_>>();
        let first_days = installments
            .first()
            .map_or(0, |i: &Installment| (i.due - from).num_days());
        Dated {
            installments,
            first,
            first_days,
            basis,
        }
    }

    fn basis_str(&self) -> &'static str {
        match self.basis {
            state::Basis::Monthly => "monthly",
            state::Basis::Daily => "daily",
        }
    }

    fn first_label(&self, word: &str) -> String {
        match (self.basis, self.first) {
            (state::Basis::Daily, _) => format!(
                "{word}คิดตามจำนวนวันที่ค้างเงินต้นจริงทุกงวด งวดแรก {} วัน",
                self.first_days
            ),
            (_, state::FirstPeriod::ByDays) => {
                format!("{word}งวดแรกคิดตามจำนวนวันที่กู้จริง {} วัน", self.first_days)
            }
            _ => format!("{word}งวดแรกคิดเต็มเดือน (กู้จริง {} วัน)", self.first_days),
        }
    }
}

/// What a schedule view is drawn from: the loan's terms, the day its due dates count from,
/// and the loan's number and id (empty before it is applied for).
struct Offer {
    loan: String,
    id: String,
    amount: Money,
    months: u32,
    rate: MonthlyRate,
    method: Method,
    charge_word: String,
    from: NaiveDate,
    due_day: u32,
    provisional_dates: bool,
}

impl Offer {
    fn view(self, conn: &Connection) -> Result<ScheduleView> {
        let lines = schedule::contract(self.amount, self.months, self.rate, self.method)?;
        let rates = schedule::rates(self.amount, &lines);
        let rules = LateRules::load(conn)?;
        let dated = Dated::new(
            &lines,
            self.amount,
            self.rate,
            self.method,
            self.from,
            self.due_day,
            &rules,
        );
        Ok(ScheduleView {
            loan: self.loan,
            id: self.id,
            amount: self.amount,
            months: self.months,
            rate: self.rate.to_string(),
            method: self.method.as_str().to_string(),
            method_label: self.method.label().to_string(),
            first_period_label: dated.first_label(&self.charge_word),
            charge_word: self.charge_word,
            from: self.from,
            provisional_dates: self.provisional_dates,
            first_period: dated.first.as_str().to_string(),
            first_period_days: dated.first_days,
            interest_basis: dated.basis_str().to_string(),
            total_interest: dated.installments.iter().map(|l| l.interest).sum(),
            total_payments: dated.installments.iter().map(|l| l.total).sum(),
            installments: dated.installments,
            nominal_annual_rate: schedule::pct(rates.nominal_annual),
            effective_annual_rate: schedule::pct(rates.effective_annual),
            monthly_irr: schedule::pct(rates.monthly_irr * rust_decimal::Decimal::ONE_HUNDRED),
            above_legal_cap: rates.above_legal_cap(),
            legal_warning: rates.warning(),
            legal_why: rates.warning_why(),
        })
    }
}

/// The contract schedule of a loan, dated from its payout (or, until then, its application).
pub(crate) fn schedule_view(conn: &Connection, key: &str) -> Result<ScheduleView> {
    let loan = find(conn, key)?;
    let paid_out = disbursement(conn, &loan.id)?;
    let (from, due_day) = match paid_out {
        Some(d) => d,
        None => (
            loan.applied_on,
            settings::at(conn, loan.applied_on)?.collection_day,
        ),
    };
    Offer {
        loan: loan.number.clone(),
        id: loan.id.clone(),
        amount: loan.amount,
        months: loan.months,
        rate: loan.rate,
        method: loan.method,
        charge_word: loan.charge_word.clone(),
        from,
        due_day,
        provisional_dates: paid_out.is_none(),
    }
    .view(conn)
}

/// The schedule and rates a loan of `product` would have, before applying (the apply form).
pub(crate) fn preview(
    conn: &Connection,
    product_code: &str,
    amount: &str,
    months: &str,
    date: &str,
) -> Result<ScheduleView> {
    let product = product::get(conn, product_code)?;
    let amount = positive_amount(amount, "amount")?;
    let months = parse_months(months)?;
    let date = parse_date("date", date)?;
    let settings = settings::at(conn, date)?;
    Offer {
        loan: String::new(),
        id: String::new(),
        amount,
        months,
        rate: product.monthly_rate(),
        method: product.method(),
        charge_word: product
            .charge_word
            .clone()
            .unwrap_or(settings.loan_charge_word),
        from: date,
        due_day: settings.collection_day,
        provisional_dates: true,
    }
    .view(conn)
}

/// Every entry that moved money on the loan, with the balance after each.
pub(super) fn movements(conn: &Connection, loan_id: &str) -> Result<Vec<LoanMovement>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.date, e.receipt, e.kind, e.memo, p.account, p.amount
         FROM posting p JOIN journal_entry e ON e.seq = p.entry_seq
         WHERE p.loan_id = ?1 AND p.account IN ('1200', '4100', '4200')
         ORDER BY e.seq, p.line",
    )?;
    let mut rows = stmt.query([loan_id])?;
    let mut out: Vec<LoanMovement> = Vec::new();
    let mut balance = Money::ZERO;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let account: String = r.get(5)?;
        let amount: Money = r.get(6)?;
        if out.last().is_none_or(|m| m.entry != id) {
            out.push(LoanMovement {
                date: r.get(1)?,
                entry: id,
                receipt: r.get(2)?,
                kind: r.get(3)?,
                memo: r.get(4)?,
                principal: Money::ZERO,
                interest: Money::ZERO,
                fines: Money::ZERO,
                total: Money::ZERO,
                balance_after: balance,
            });
        }
        let m = out.last_mut().expect("pushed above");
        match account.as_str() {
            LOANS => {
                balance += amount;
                m.principal += amount.abs();
                m.balance_after = balance;
            }
            account::LOAN_INTEREST => m.interest -= amount,
            _ => m.fines -= amount,
        }
        m.total = if m.kind == EntryKind::LoanPayout.as_str() {
            m.principal
        } else {
            m.principal + m.interest + m.fines
        };
    }
    Ok(out)
}

/// The loan card as on `date`.
pub(crate) fn card(conn: &Connection, key: &str, date: NaiveDate) -> Result<LoanCard> {
    let loan = find(conn, key)?;
    let rules = LateRules::load(conn)?;
    let summary = summary(conn, &loan, &rules, date)?;
    let view = schedule_view(conn, &loan.id)?;
    let first_period_label = view.first_period_label;
    let mut schedule = view.installments;
    let mut position = None;
    if let Some(terms) = terms_of(conn, &loan)? {
        let all = flows(conn, &loan.id, Some(date))?;
        let mut ledger = Ledger::new(&terms, &all, &rules)?;
        let pos = ledger.position(date);
        let active = loan.status == LoanStatus::Active;
        for (i, inst) in schedule.iter_mut().enumerate() {
            let k = i as u32 + 1;
            inst.state = Some(
                if ledger.paid(k as usize, date) || loan.status == LoanStatus::Closed {
                    "paid"
                } else if !active {
                    "closed"
                } else if inst.due < date {
                    "overdue"
                } else if pos.installment_no == Some(k) {
                    "due"
                } else {
                    "upcoming"
                },
            );
        }
        if active {
            position = Some(pos);
        }
    }
    let events = raw_events(conn, &loan.id)?
        .into_iter()
        .map(|e| {
            Ok(LoanEvent {
                label: e.kind.label().to_string(),
                by: e.by.as_deref().map(|id| member_ref(conn, id)).transpose()?,
                date: e.date,
                kind: e.kind,
                meeting: e.meeting,
                entry: e.entry,
                note: e.note,
            })
        })
        .collect::<Result<_>>()?;
    let mut card = LoanCard {
        summary,
        schedule,
        movements: movements(conn, &loan.id)?,
        events,
        position,
        as_of: date,
        exit_debt: None,
        first_period_label,
    };
    if card.summary.status == LoanStatus::Active {
        card.exit_debt = leaving::exit_debt(conn, &card)?;
    }
    Ok(card)
}

pub(crate) fn list(conn: &Connection, filter: &LoanFilter) -> Result<Vec<LoanRow>> {
    let member_id = match filter.member.trim() {
        "" => None,
        t => Some(member::get(conn, parse_member_number("member", "สมาชิก", t)?)?.id),
    };
    let status = filter.status.trim();
    // Conditions written out (not `?1 IS NULL OR …`) so SQLite can use the indexes.
    let mut conditions = vec!["1"];
    if member_id.is_some() {
        conditions.push("l.member_id = ?1");
    }
    match status {
        "" => {}
        "open" => conditions.push("l.status IN ('applied', 'approved', 'active')"),
        _ => conditions.push("l.status = ?2"),
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT l.number, l.id, m.number, m.title || m.first_name || ' ' || m.last_name, p.code,
                l.amount, l.months, l.status, l.applied_on,
                (SELECT coalesce(sum(x.amount), 0) FROM posting x WHERE x.loan_id = l.id AND x.account = '1200')
         FROM loan l JOIN member m ON m.id = l.member_id JOIN loan_product p ON p.id = l.product_id
         WHERE {} AND coalesce(?1, ?2, 1) IS NOT NULL -- (both parameters are always bound)
         ORDER BY l.applied_on DESC, l.number DESC",
        conditions.join(" AND ")
    ))?;
    let rows = stmt.query_map(params![member_id, status], |r| {
        let status: LoanStatus = r.get(7)?;
        Ok(LoanRow {
            loan: r.get(0)?,
            id: r.get(1)?,
            member: r.get(2)?,
            name: r.get(3)?,
            product: r.get(4)?,
            amount: r.get(5)?,
            months: r.get(6)?,
            status_label: status.label().to_string(),
            status,
            applied_on: r.get(8)?,
            balance: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member's loans, what they owe now, and the loans they guarantee.
pub(crate) fn member_loans(conn: &Connection, number: u32, date: NaiveDate) -> Result<MemberLoans> {
    let m = member::get(conn, number)?;
    let loans = list(
        conn,
        &LoanFilter {
            member: number.to_string(),
            status: String::new(),
        },
    )?;
    let due = due_for_member(conn, &m.id, date)?;
    let rules = LateRules::load(conn)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id FROM loan_guarantor g JOIN loan l ON l.id = g.loan_id
         WHERE g.member_id = ?1
           AND {GUARANTEE_IN_FORCE}
         ORDER BY l.applied_on DESC, l.number DESC"
    ))?;
    let ids: Vec<String> = stmt
        .query_map([&m.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut guarantees = Vec::new();
    for id in ids {
        let loan = find(conn, &id)?;
        let borrower = member::get_by_id(conn, &loan.member_id)?;
        let pos = if loan.status == LoanStatus::Active {
            position_of(conn, &loan, &rules, date)?
        } else {
            None
        };
        guarantees.push(Guarantee {
            loan: loan.number.clone(),
            id: loan.id.clone(),
            borrower: borrower.number,
            name: borrower.full_name,
            status_label: loan.status.label().to_string(),
            status: loan.status,
            amount: loan.amount,
            balance: balance(conn, &loan.id, Some(date))?,
            in_arrears: pos.as_ref().is_some_and(Position::in_arrears),
            overdue: pos.map(|p| p.overdue + p.fines).unwrap_or_default(),
        });
    }
    let (guaranteed_total, _) = guaranteed(conn, &m.id, date, None)?;
    Ok(MemberLoans {
        member: m.number,
        name: m.full_name.clone(),
        date,
        in_arrears: due.in_arrears,
        loans,
        due,
        guarantees,
        guaranteed_total,
        savings: savings(conn, &m.id, date)?,
        member_id: m.id,
    })
}
