//! Year-end documents for the annual general meeting:
//! - `yearend`: the year's statements with the previous year beside them (income statement
//!   with the two funds apart, balance sheet, receipts and payments, trial balance) and the
//!   allocation table of the net profit, with signature blocks;
//! - `dividends`: the dividend and average-return register (ทะเบียนปันผล-เฉลี่ยคืน) with a
//!   signature column for the member who receives it, then each member's yearly statement
//!   (ใบแจ้งปันผลและเฉลี่ยคืน), four to a page, the amount also in words.
//!
//! Both draw the report models of `report::yearly` and `yearend` only; every figure is a field.

use chrono::NaiveDate;

use super::common::{self, Look};
use crate::error::Result;
use crate::money::Money;
use crate::print::{
    Align, Column, DocBuilder, Engine, Page, PageSetup, Signature, Table, TextStyle,
};
use crate::report::yearly::{Line, YearStatements};
use crate::report::Letterhead;
use crate::yearend::Preview;

pub const TITLE: &str = "งบการเงินและการจัดสรรกำไรประจำปี";
pub const REGISTER_TITLE: &str = "ทะเบียนปันผล-เฉลี่ยคืน";

const PT: f32 = 12.0;

/// A section's heading on the last page; returns the y under it.
fn heading(doc: &mut DocBuilder<'_>, y: f32, text: &str) -> f32 {
    y + common::heading(common::last_page(doc), y, text)
}

/// A table of (label, this year, previous year) with the years as headers.
fn two_years(look: &Look, width: f32, this: &str, prev: &str) -> Table {
    let mut t = Table::new(vec![
        Column::left("รายการ", width - 64.0),
        Column::right(this, 32.0),
        Column::right(prev, 32.0),
    ]);
    t.style = common::table_style(look.fit_pt(PT));
    t
}

fn add_lines(t: &mut Table, look: &Look, lines: &[Line], indent: bool) {
    for l in lines {
        let name = if indent {
            format!("    {}", l.name)
        } else {
            l.name.clone()
        };
        t.row([name, signed(look, l.amount), signed(look, l.previous)]);
    }
}

/// An amount; a negative one in brackets, as accounts print it.
fn signed(look: &Look, m: Money) -> String {
    if m.is_negative() {
        format!("({})", look.amount(m.abs()))
    } else {
        look.amount(m)
    }
}

/// The statements and the allocation table.
pub fn statements_document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    s: &YearStatements,
    p: &Preview,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let look = Look::of(lh);
    let setup = PageSetup::a4_portrait();
    let mut doc = DocBuilder::new(engine, setup);
    let year = look.num(p.year.to_string());
    let running = format!("ปีบัญชี {year}");
    doc.set_title(format!("{TITLE} {running}"));
    let span = s.income_statement.span;
    let subtitle = format!(
        "ปีบัญชี {year} ({} ถึง {}) เทียบกับปีก่อน",
        look.date_long(span.from),
        look.date_long(span.to)
    );
    let head = |page: &mut Page<'_>| common::running_head(page, TITLE, &running);
    let mut y = common::letterhead(doc.new_page(), lh, TITLE, &subtitle);
    let x = setup.left();
    let width = setup.content_width();
    let this = format!("ปี {year}");
    let prev = format!("ปี {}", look.num((p.year - 1).to_string()));

    // 1. Income statement: the operating capital's profit, the expense fund apart.
    let is = &s.income_statement;
    y = heading(&mut doc, y, &look.num("1. งบรายได้–ค่าใช้จ่าย"));
    let mut t = two_years(&look, width, &this, &prev);
    t.row(["ทุนดำเนินการ: รายได้", "", ""]);
    add_lines(&mut t, &look, &is.operating.income, true);
    t.total_row([
        "รวมรายได้".to_string(),
        look.amount(is.operating.income_total),
        look.amount(is.operating.previous_income_total),
    ]);
    t.row(["ทุนดำเนินการ: ค่าใช้จ่าย", "", ""]);
    add_lines(&mut t, &look, &is.operating.expenses, true);
    t.total_row([
        "รวมค่าใช้จ่าย".to_string(),
        look.amount(is.operating.expenses_total),
        look.amount(is.operating.previous_expenses_total),
    ]);
    t.total_row([
        "กำไร(ขาดทุน)สุทธิ".to_string(),
        signed(&look, is.net_profit),
        signed(&look, is.previous_net_profit),
    ]);
    t.row(["ทุนค่าใช้สอย (แยกจากกำไร): รับ", "", ""]);
    add_lines(&mut t, &look, &is.expense_fund.income, true);
    t.row(["ทุนค่าใช้สอย: จ่าย", "", ""]);
    add_lines(&mut t, &look, &is.expense_fund.expenses, true);
    t.total_row([
        "ทุนค่าใช้สอย รับสูง(ต่ำ)กว่าจ่าย".to_string(),
        signed(&look, is.expense_fund.net),
        signed(&look, is.expense_fund.previous_net),
    ]);
    y = doc.table(&t, x, y, head).map_err(common::print_error)? + 5.0;

    // 2. Balance sheet.
    let bs = &s.balance_sheet;
    y = common::room(&mut doc, y, 60.0, TITLE, &running);
    y = heading(
        &mut doc,
        y,
        &look.num(format!(
            "2. งบแสดงฐานะการเงิน ณ วันที่ {}",
            look.date_long(bs.span.to)
        )),
    );
    let mut t = two_years(&look, width, &this, &prev);
    t.row(["สินทรัพย์", "", ""]);
    add_lines(&mut t, &look, &bs.assets, true);
    t.total_row([
        "รวมสินทรัพย์".to_string(),
        look.amount(bs.total_assets),
        look.amount(bs.previous_total_assets),
    ]);
    t.row(["หนี้สิน", "", ""]);
    add_lines(&mut t, &look, &bs.liabilities, true);
    t.row(["ทุนดำเนินการ", "", ""]);
    add_lines(&mut t, &look, &bs.operating_capital, true);
    t.row([
        "ทุนค่าใช้สอย".to_string(),
        signed(&look, bs.expense_fund),
        signed(&look, bs.previous_expense_fund),
    ]);
    t.total_row([
        "รวมหนี้สินและทุน".to_string(),
        look.amount(bs.total_liabilities_and_funds),
        look.amount(bs.previous_total_liabilities_and_funds),
    ]);
    y = doc.table(&t, x, y, head).map_err(common::print_error)? + 5.0;

    // 3. Receipts and payments.
    let rp = &s.receipts_payments;
    y = common::room(&mut doc, y, 60.0, TITLE, &running);
    y = heading(&mut doc, y, &look.num("3. งบรับ–จ่าย (เงินสดและเงินฝากธนาคาร)"));
    let mut t = two_years(&look, width, &this, &prev);
    t.row([
        "ยอดยกมาต้นปี".to_string(),
        look.amount(rp.opening),
        look.amount(rp.previous_opening),
    ]);
    t.row(["รับ", "", ""]);
    add_lines(&mut t, &look, &rp.receipts, true);
    t.total_row([
        "รวมรับ".to_string(),
        look.amount(rp.receipts_total),
        look.amount(rp.previous_receipts_total),
    ]);
    t.row(["จ่าย", "", ""]);
    add_lines(&mut t, &look, &rp.payments, true);
    t.total_row([
        "รวมจ่าย".to_string(),
        look.amount(rp.payments_total),
        look.amount(rp.previous_payments_total),
    ]);
    t.total_row([
        "ยอดคงเหลือยกไป".to_string(),
        look.amount(rp.closing),
        look.amount(rp.previous_closing),
    ]);
    y = doc.table(&t, x, y, head).map_err(common::print_error)? + 5.0;

    // 4. Trial balance (before the closing entries).
    let tb = &s.trial_balance;
    y = common::room(&mut doc, y, 50.0, TITLE, &running);
    y = heading(&mut doc, y, &look.num("4. งบทดลอง (ก่อนปิดบัญชีประจำปี)"));
    let mut t = Table::new(vec![
        Column::centre("รหัส", 14.0),
        Column::left("ชื่อบัญชี", width - 14.0 - 4.0 * 26.0),
        Column::right(format!("เดบิต {this}"), 26.0),
        Column::right(format!("เครดิต {this}"), 26.0),
        Column::right(format!("เดบิต {prev}"), 26.0),
        Column::right(format!("เครดิต {prev}"), 26.0),
    ]);
    t.style = common::table_style(look.fit_pt(PT - 1.0));
    for r in &tb.rows {
        t.row([
            look.num(&r.code),
            r.name.clone(),
            look.amount_or_blank(r.debit),
            look.amount_or_blank(r.credit),
            look.amount_or_blank(r.previous_debit),
            look.amount_or_blank(r.previous_credit),
        ]);
    }
    t.total_row([
        String::new(),
        "รวม".to_string(),
        look.amount(tb.total_debit),
        look.amount(tb.total_credit),
        look.amount(tb.previous_total_debit),
        look.amount(tb.previous_total_credit),
    ]);
    y = doc.table(&t, x, y, head).map_err(common::print_error)? + 5.0;

    // 5. The general ledger in summary: every account from brought forward to carried forward.
    let gl = &s.ledger_summary;
    y = common::room(&mut doc, y, 50.0, TITLE, &running);
    y = heading(
        &mut doc,
        y,
        &look.num("5. บัญชีแยกประเภท (สรุปรายบัญชี ยอดคงเหลือด้านเดบิตเป็นบวก)"),
    );
    let mut t = Table::new(vec![
        Column::centre("รหัส", 14.0),
        Column::left("ชื่อบัญชี", width - 14.0 - 4.0 * 26.0),
        Column::right("ยอดยกมา", 26.0),
        Column::right("เดบิต", 26.0),
        Column::right("เครดิต", 26.0),
        Column::right("ยอดยกไป", 26.0),
    ]);
    t.style = common::table_style(look.fit_pt(PT - 1.0));
    for a in &gl.accounts {
        t.row([
            look.num(&a.code),
            a.name.clone(),
            signed(&look, a.opening),
            look.amount_or_blank(a.total_debit),
            look.amount_or_blank(a.total_credit),
            signed(&look, a.closing),
        ]);
    }
    y = doc.table(&t, x, y, head).map_err(common::print_error)? + 5.0;

    // 6. Allocation of the net profit.
    y = common::room(&mut doc, y, 90.0, TITLE, &running);
    y = allocation(&mut doc, &look, p, y, head)?;

    y = common::room(&mut doc, y, 28.0, TITLE, &running);
    common::signatures(
        common::last_page(&mut doc),
        y + 4.0,
        &[
            Signature::new("", "เหรัญญิก ผู้จัดทำ"),
            Signature::new("", "ประธานกรรมการ"),
            Signature::new("", "ผู้ตรวจสอบบัญชี"),
        ],
    );
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}

/// The allocation table and what it amounts to. Returns the y below it.
fn allocation(
    doc: &mut DocBuilder<'_>,
    look: &Look,
    p: &Preview,
    y: f32,
    head: impl FnMut(&mut Page<'_>) -> f32,
) -> Result<f32> {
    let setup = *doc.setup();
    let (x, width) = (setup.left(), setup.content_width());
    let mut y = heading(doc, y, &look.num("6. การจัดสรรกำไรสุทธิตามระเบียบกลุ่ม"));
    let body = TextStyle::new(PT + 1.0);
    let page = common::last_page(doc);
    let status = match &p.closed {
        Some(c) => format!(
            "อนุมัติโดยที่ประชุมใหญ่เมื่อ {} ผู้อนุมัติ {} (สมาชิกเลขที่ {}) ผู้จัดทำ {}",
            look.date(c.meeting_date),
            c.approver_name,
            look.num(c.approved_by.to_string()),
            preparer(look, &c.prepared_by)
        ),
        None => "ร่างเพื่อเสนอที่ประชุมใหญ่ — ยังไม่ได้บันทึกบัญชี".to_string(),
    };
    y += page.paragraph(x, y, width, &status, &body);
    if p.net_profit.is_negative() {
        let text = format!(
            "ปีนี้ขาดทุนสุทธิ {} บาท ({}) ไม่มีการจัดสรร ยกไปเป็นขาดทุนสะสม",
            look.amount(p.loss_carried_forward),
            look.words(p.loss_carried_forward)
        );
        y += page.paragraph(x, y, width, &text, &body) + 3.0;
        return Ok(y);
    }
    let text = format!(
        "กำไรสุทธิ {} บาท ({})",
        look.amount(p.net_profit),
        look.words(p.net_profit)
    );
    y += page.paragraph(x, y, width, &text, &body) + 1.0;
    let mut t = Table::new(vec![
        Column::left("หมวด", width - 90.0),
        Column::right("ร้อยละ", 20.0),
        Column::right("จำนวนเงิน (บาท)", 35.0),
        Column::right("เศษจากการปัด", 35.0),
    ]);
    t.style = common::table_style(look.fit_pt(PT));
    for a in &p.allocation {
        t.row([
            a.label.clone(),
            look.num(&a.percent),
            look.amount(a.amount),
            if a.residual.is_zero() {
                String::new()
            } else {
                signed(look, a.residual)
            },
        ]);
    }
    t.total_row([
        "รวม".to_string(),
        look.num(&p.percent_total),
        look.amount(p.pools.values().copied().sum()),
        signed(look, p.residual),
    ]);
    y = doc.table(&t, x, y, head).map_err(common::print_error)? + 2.0;
    let page = common::last_page(doc);
    let lines = [
        format!(
            "ปันผลจ่ายจริง {} บาท คิดเป็นอัตราร้อยละ {} ต่อปีของเงินสัจจะถัวเฉลี่ย ({})",
            look.amount(p.dividend_paid_out),
            look.num(&p.dividend_rate),
            p.method_label
        ),
        format!(
            "เฉลี่ยคืนจ่ายจริง {} บาท คิดเป็นร้อยละ {} ของดอกเบี้ยที่สมาชิกผู้มีสิทธิ์จ่าย ({} บาท)",
            look.amount(p.average_return_paid_out),
            look.num(&p.average_return_rate),
            look.amount(p.total_interest)
        ),
        if p.total_purchases.is_zero() && p.purchase_return_paid_out.is_zero() {
            String::new()
        } else {
            format!(
                "เฉลี่ยคืนตามยอดซื้อจ่ายจริง {} บาท คิดเป็นร้อยละ {} ของยอดซื้อสินค้าจากธุรกิจของกลุ่ม ({} บาท)",
                look.amount(p.purchase_return_paid_out),
                look.num(&p.purchase_return_rate),
                look.amount(p.total_purchases)
            )
        },
        format!(
            "ปัดเศษ: {} — เศษ {} บาท เข้าทุนสำรอง รวมทุนสำรองปีนี้ {} บาท",
            p.rounding_label,
            signed(look, p.residual),
            look.amount(p.reserve_total)
        ),
        format!(
            "สมาชิกได้ปันผล {} คน ได้เฉลี่ยคืน {} คน",
            look.int(i64::from(p.members_eligible_dividend)),
            look.int(i64::from(p.members_eligible_average_return))
        ),
    ];
    let small = TextStyle::new(PT);
    for l in lines.iter().filter(|l| !l.is_empty()) {
        y += page.paragraph(x, y, width, l, &small);
    }
    Ok(y + 3.0)
}

/// The preparer as recorded: a member number, or "ผู้ใช้ <name>" (the user at the computer).
fn preparer(look: &Look, who: &str) -> String {
    if !who.is_empty() && who.chars().all(|c| c.is_ascii_digit()) {
        format!("สมาชิกเลขที่ {}", look.num(who))
    } else {
        who.to_string()
    }
}

/// The register and each member's yearly statement.
pub fn dividends_document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    p: &Preview,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let look = Look::of(lh);
    // The savings register's page: A4 landscape, 10 mm sides, for its ten columns.
    let setup = super::register::setup();
    let mut doc = DocBuilder::new(engine, setup);
    let year = look.num(p.year.to_string());
    let running = format!("ปีบัญชี {year}");
    doc.set_title(format!("{REGISTER_TITLE} {running}"));
    let subtitle = format!(
        "ปีบัญชี {year} ({} ถึง {})  ปันผลร้อยละ {} ต่อปี  เฉลี่ยคืนร้อยละ {} ของดอกเบี้ย{}",
        look.date_long(p.from),
        look.date_long(p.to),
        look.num(&p.dividend_rate),
        look.num(&p.average_return_rate),
        if p.closed.is_none() {
            "  (ร่าง)"
        } else {
            ""
        }
    );
    let head = |page: &mut Page<'_>| common::running_head(page, REGISTER_TITLE, &running);
    let y = common::letterhead(doc.new_page(), lh, REGISTER_TITLE, &subtitle);
    let pt = look.fit_pt(11.0);
    // A group whose regulation has a purchase-based return gets its column too (the amounts
    // a little narrower so the name keeps its room).
    let with_purchases = p.members.iter().any(|m| !m.purchase_return.is_zero());
    let amount = if with_purchases { 21.0 } else { 24.0 };
    let weight_header = match p.method.as_str() {
        "days" => "ยอดสัจจะรวม\nรายวัน",
        _ => "ยอดสัจจะรวม\nสิ้นเดือน",
    };
    let amounts = if with_purchases { 7.0 } else { 6.0 };
    let fixed = 13.0 + 12.0 + amount * amounts + 34.0 + 36.0;
    let mut columns = vec![
        Column::centre("ลำดับ", 13.0),
        Column::centre("เลขที่", 12.0),
        Column::left("ชื่อ–สกุล", setup.content_width() - fixed),
        Column::right(weight_header, amount),
        Column::right("ดอกเบี้ย\nที่จ่าย", amount),
        Column::right("ปันผล", amount),
        Column::right("เฉลี่ยคืน", amount),
    ];
    if with_purchases {
        columns.push(Column::right("เฉลี่ยคืน\nตามยอดซื้อ", amount));
    }
    columns.extend([
        Column::right("รวม", amount),
        Column::right("จ่ายแล้ว", amount),
        Column::left("หมายเหตุ", 34.0),
        Column::centre("ลายมือชื่อผู้รับ", 36.0),
    ]);
    let mut t = Table::new(columns);
    t.style = common::table_style(pt);
    t.style.row_padding_mm = 2.2;
    for (i, m) in p.members.iter().enumerate() {
        let mut cells = vec![
            look.int(i as i64 + 1),
            look.num(m.member.to_string()),
            m.name.clone(),
            look.amount_or_blank(m.weight),
            look.amount_or_blank(m.interest_paid),
            look.amount(m.dividend),
            look.amount(m.average_return),
        ];
        if with_purchases {
            cells.push(look.amount(m.purchase_return));
        }
        cells.extend([
            look.amount(m.total),
            look.amount_or_blank(m.paid),
            m.excluded.clone(),
            String::new(),
        ]);
        t.row(cells);
    }
    let mut totals = vec![
        String::new(),
        String::new(),
        format!("รวม {} คน", look.int(p.members.len() as i64)),
        look.amount(p.total_weight),
        look.amount(p.total_interest),
        look.amount(p.dividend_paid_out),
        look.amount(p.average_return_paid_out),
    ];
    if with_purchases {
        totals.push(look.amount(p.purchase_return_paid_out));
    }
    totals.extend([
        look.amount(p.dividend_paid_out + p.average_return_paid_out + p.purchase_return_paid_out),
        look.amount(p.members.iter().map(|m| m.paid).sum()),
        String::new(),
        String::new(),
    ]);
    t.total_row(totals);
    let mut y = doc
        .table(&t, setup.left(), y, head)
        .map_err(common::print_error)?
        + 3.0;
    let note = TextStyle::new(11.0);
    let text = format!(
        "เงินปันผลทั้งหมด {} บาท จ่ายแก่สมาชิก {} บาท เงินเฉลี่ยคืนทั้งหมด {} บาท จ่ายแก่สมาชิก {} บาท เศษจากการปัด {} บาทเข้าทุนสำรอง ({})",
        look.amount(p.pools.get("dividend").copied().unwrap_or_default()),
        look.amount(p.dividend_paid_out),
        look.amount(p.pools.get("average_return").copied().unwrap_or_default()),
        look.amount(p.average_return_paid_out),
        signed(&look, p.residual),
        p.rounding_label
    );
    y = common::room(&mut doc, y, 30.0, REGISTER_TITLE, &running);
    let page = common::last_page(&mut doc);
    y += page.paragraph(setup.left(), y, setup.content_width(), &text, &note);
    y = common::room(&mut doc, y, 28.0, REGISTER_TITLE, &running);
    common::signatures(
        common::last_page(&mut doc),
        y + 4.0,
        &[
            Signature::new("", "เหรัญญิก ผู้จ่าย"),
            Signature::new("", "ประธานกรรมการ"),
        ],
    );
    let register_pages = doc.page_count();
    member_slips(&mut doc, &look, lh, p)?;
    let _ = register_pages;
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}

/// Each member's yearly statement, four to an A4 portrait page, cut along the rules.
fn member_slips(doc: &mut DocBuilder<'_>, look: &Look, lh: &Letterhead, p: &Preview) -> Result<()> {
    let portrait = PageSetup::a4_portrait();
    let slot = (portrait.bottom() - portrait.top()) / 4.0;
    let year = look.num(p.year.to_string());
    let title = TextStyle::new(14.0).bold();
    let body = TextStyle::new(12.0);
    let small = TextStyle::new(11.0);
    let with_purchases = !p.pools.get("purchase_return").is_none_or(|a| a.is_zero());
    for (i, m) in p.members.iter().enumerate() {
        if i % 4 == 0 {
            doc.new_page_with(portrait);
        }
        let page = common::last_page(doc);
        let (x, w) = (portrait.left(), portrait.content_width());
        let mut y = portrait.top() + slot * (i % 4) as f32;
        if i % 4 != 0 {
            page.hline(x, x + w, y - 2.0, 0.3);
        }
        page.text(
            x,
            y,
            &format!("ใบแจ้งปันผลและเฉลี่ยคืน ปีบัญชี {year}  {}", lh.group),
            &title,
        );
        y += page.line_height(&title);
        page.text(
            x,
            y,
            &format!("สมาชิกเลขที่ {}  {}", look.num(m.member.to_string()), m.name),
            &body,
        );
        y += page.line_height(&body);
        let half = (w - 6.0) / 2.0;
        let mut left = vec![
            ("เงินสัจจะต้นปี", look.amount(m.savings_opening)),
            ("เงินสัจจะสิ้นปี", look.amount(m.savings_closing)),
            ("ยอดสัจจะรวมที่ใช้คิดปันผล", look.amount(m.weight)),
            ("ปันผล", look.amount(m.dividend)),
        ];
        let mut right = vec![
            ("ดอกเบี้ยเงินกู้ที่จ่ายในปี", look.amount(m.interest_paid)),
            ("เฉลี่ยคืน", look.amount(m.average_return)),
        ];
        // The purchase-based return, when the regulation has one this year.
        if with_purchases {
            left.push(("ยอดซื้อสินค้าจากธุรกิจในปี", look.amount(m.purchases)));
            right.push(("เฉลี่ยคืนตามยอดซื้อ", look.amount(m.purchase_return)));
        }
        right.extend([
            ("รวมได้รับ", look.amount(m.total)),
            ("จ่ายแล้ว", look.amount(m.paid)),
        ]);
        let mut yl = y;
        for (label, value) in left {
            yl += common::pair(page, x, yl, half, label, &value, &body);
        }
        let mut yr = y;
        for (label, value) in right {
            yr += common::pair(page, x + half + 6.0, yr, half, label, &value, &body);
        }
        y = yl.max(yr);
        let words = format!("({})", look.words(m.total));
        page.text(x, y, &words, &body.align(Align::Left));
        y += page.line_height(&body);
        let why = if m.excluded.is_empty() {
            format!(
                "ปันผลร้อยละ {} ต่อปี ({})",
                look.num(&p.dividend_rate),
                p.method_label
            )
        } else {
            m.excluded.clone()
        };
        page.paragraph(x, y, w, &why, &small);
    }
    Ok(())
}
