//! The monthly fund report (รายงานฐานะการเงินประจำเดือน) the committee reads after collection
//! day: the month's receipts and payments by kind, cash and bank at the start and end of the
//! month, the funds, loans outstanding and in arrears, the number of members, and signature
//! blocks for the treasurer and the chair.
//!
//! The expense fund (ทุนค่าใช้สอย: fees in, administration costs out) is shown apart from the
//! operating capital (ทุนดำเนินการ), as the group's founding documents require.

use chrono::NaiveDate;

use super::common::{self, Look};
use crate::error::Result;
use crate::money::Money;
use crate::print::{Column, DocBuilder, Engine, Page, PageSetup, Signature, Table, TextStyle};
use crate::report::fund::{self, FundLine, FundReport};
use crate::report::trend::{self, Trend};
use crate::report::Letterhead;
use crate::thai::YearMonth;

/// Title of the document.
pub const TITLE: &str = fund::TITLE;

const PT: f32 = 11.5;

/// The report as a document, ready to write.
///
/// # Errors
/// Layout errors of the engine (none expected).
pub fn document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    r: &FundReport,
    trend: &Trend,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let look = Look::of(lh);
    let month = YearMonth::of(r.from);
    let setup = PageSetup::a4_portrait();
    let mut doc = DocBuilder::new(engine, setup);
    doc.set_title(format!("{TITLE} {}", look.month_long(month)));
    // A heading's date is long: the month's days within it.
    let subtitle = format!(
        "เดือน{}  (ตั้งแต่วันที่ {} ถึงวันที่ {})",
        look.month_long(month),
        look.num(chrono::Datelike::day(&r.from).to_string()),
        look.num(chrono::Datelike::day(&r.to).to_string())
    );
    let running = look.month_long(month);
    let head = |page: &mut Page<'_>| common::running_head(page, TITLE, &running);
    let mut y = common::letterhead(doc.new_page(), lh, TITLE, &subtitle);
    let x = setup.left();
    let width = setup.content_width();
    let pt = look.fit_pt(PT);

    // 1. Cash in and out: every baht that came into or left the cash box and the bank, by
    // kind. Savings, deposits and principal repaid come in here but are not income.
    let inner = width - 6.0;
    let half = (inner - 4.0) / 2.0;
    let (xl, xr) = (x + 6.0, x + 6.0 + half + 4.0);
    y += common::heading(
        common::last_page(&mut doc),
        y,
        &look.num(fund::SECTION_CASH),
    );
    // The half-width tables of label and baht that stand two side by side.
    let half_table = |title: &str| {
        let mut t = Table::new(vec![
            Column::left(title, half - 25.0),
            Column::right("บาท", 25.0),
        ]);
        t.style = common::table_style(pt);
        t
    };
    let side = |title: &str, lines: &[FundLine], total_label: &str, total: Money| {
        let mut t = half_table(title);
        flow_lines(&mut t, lines, &look);
        t.total_row([total_label, &look.amount(total)]);
        t
    };
    let receipts = side(
        fund::CASH_IN,
        &r.receipts,
        fund::CASH_IN_TOTAL,
        r.receipts_total,
    );
    let payments = side(
        fund::CASH_OUT,
        &r.payments,
        fund::CASH_OUT_TOTAL,
        r.payments_total,
    );
    let (y1, y2) = side_by_side(&mut doc, [&receipts, &payments], [xl, xr], y, head)?;
    y = y1.max(y2) + 2.0;
    // The section's total that balances: brought forward + in − out = carried forward.
    let w = (inner - 60.0) / 4.0;
    let mut t = Table::new(vec![
        Column::left("", 60.0),
        Column::right("ยอดต้นเดือน", w),
        Column::right("บวก รับ", w),
        Column::right("หัก จ่าย", w),
        Column::right("ยอดสิ้นเดือน", w),
    ]);
    t.style = common::table_style(pt);
    for (label, c) in [("เงินสด", &r.cash), ("เงินฝากธนาคาร", &r.bank)]
    {
        t.row([
            label.to_string(),
            look.amount(c.opening),
            look.amount(c.receipts),
            look.amount(c.payments),
            look.amount(c.closing),
        ]);
    }
    let transfers = r.cash.receipts + r.bank.receipts - r.receipts_total;
    if !transfers.is_zero() {
        t.row([
            "หัก ย้ายระหว่างเงินสดกับธนาคาร".to_string(),
            String::new(),
            look.amount(transfers),
            look.amount(transfers),
            String::new(),
        ]);
    }
    t.total_row([
        "รวมเงินสดและเงินฝากธนาคาร".to_string(),
        look.amount(r.cash.opening + r.bank.opening),
        look.amount(r.receipts_total),
        look.amount(r.payments_total),
        look.amount(r.cash.closing + r.bank.closing),
    ]);
    y = doc.table(&t, xl, y, head).map_err(common::print_error)? + 1.0;
    let note = TextStyle::new(11.0).colour(crate::print::Colour::DARK_GREY);
    y += common::last_page(&mut doc).paragraph(
        xl,
        y,
        inner,
        "เงินสัจจะ เงินฝาก และเงินต้นที่สมาชิกส่งคืน เป็นเงินที่รับเข้า ไม่ใช่รายได้ของกลุ่ม (รายได้อยู่ในข้อ 2)",
        &note,
    ) + 3.0;

    // 2. Income and expenses of the month, as booked, and the month's net income.
    y = common::room(&mut doc, y, 45.0, TITLE, &running);
    y += common::heading(
        common::last_page(&mut doc),
        y,
        &look.num(fund::SECTION_INCOME),
    );
    let income = side(fund::INCOME, &r.income, fund::INCOME_TOTAL, r.income_total);
    let expenses = side(
        fund::EXPENSES,
        &r.expenses,
        fund::EXPENSES_TOTAL,
        r.expenses_total,
    );
    let (y1, y2) = side_by_side(&mut doc, [&income, &expenses], [xl, xr], y, head)?;
    let mut t = half_table("");
    t.row([fund::INCOME_TOTAL, &look.amount(r.income_total)]);
    t.row([
        &format!("หัก {}", fund::EXPENSES_TOTAL),
        &look.amount(r.expenses_total),
    ]);
    t.total_row([
        fund::net_income_label(r.net_income),
        &look.amount(r.net_income.abs()),
    ]);
    // Under the expenses, beside the income: the section's total that balances.
    let y3 = doc
        .table(&t, xr, y2 + 2.0, head)
        .map_err(common::print_error)?;
    y = y1.max(y3) + 5.0;

    // 3. The two funds, apart: operating capital on the left, expense fund on the right.
    y = common::room(&mut doc, y, 60.0, TITLE, &running);
    y += common::heading(
        common::last_page(&mut doc),
        y,
        &look.num(fund::SECTION_FUNDS),
    );
    let mut operating = half_table("ทุนดำเนินการ");
    operating.row(["เงินสัจจะสะสมของสมาชิก", &look.amount(r.sajja_total)]);
    operating.row(["เงินฝากของสมาชิก", &look.amount(r.deposits_total)]);
    operating.row(["ลูกหนี้เงินกู้คงเหลือ", &look.amount(r.loans_outstanding)]);
    operating.row([
        format!(
            "ลูกหนี้ค้างชำระ ({} ราย)",
            look.num(r.borrowers_in_arrears.to_string())
        ),
        look.amount(r.loans_in_arrears),
    ]);
    operating.row([
        if r.operating_surplus.is_negative() {
            "ขาดทุนสุทธิของทุนดำเนินการในเดือน"
        } else {
            "รายได้สุทธิของทุนดำเนินการในเดือน"
        },
        &look.amount(r.operating_surplus.abs()),
    ]);
    let mut expense = half_table("ทุนค่าใช้สอย");
    expense.row(["ยอดยกมาต้นเดือน", &look.amount(r.expense_fund_opening)]);
    expense.row(["รับเข้าในเดือน", &look.amount(r.expense_fund_in)]);
    expense.row(["จ่ายออกในเดือน", &look.amount(r.expense_fund_out)]);
    expense.total_row(["คงเหลือสิ้นเดือน", &look.amount(r.expense_fund)]);
    let (y1, y2) = side_by_side(&mut doc, [&operating, &expense], [xl, xr], y, head)?;
    y = y1.max(y2) + 1.0;
    let page = common::last_page(&mut doc);
    y += page.paragraph(
        xl,
        y,
        inner,
        "ทุนค่าใช้สอยมาจากค่าสมัครและค่าธรรมเนียม ใช้จ่ายในการบริหารกลุ่ม แยกบัญชีจากทุนดำเนินการตามระเบียบกลุ่ม",
        &note,
    ) + 3.0;
    if let Some(why) = &r.expense_fund_note {
        let red = TextStyle::new(pt).bold().colour(crate::print::Colour::RED);
        y += common::last_page(&mut doc).paragraph(xl, y, inner, &look.num(why), &red) + 3.0;
    }

    // 4. The group's businesses, run from the operating capital.
    if !r.businesses.is_empty() {
        y = common::room(&mut doc, y, 30.0, TITLE, &running);
        y += common::heading(
            common::last_page(&mut doc),
            y,
            &look.num("4. ธุรกิจของกลุ่ม (ทุนดำเนินการ) ในเดือน"),
        );
        let w = (inner - 50.0) / 4.0;
        let mut t = Table::new(vec![
            Column::left("ธุรกิจ", 50.0),
            Column::right("ขาย", w),
            Column::right("กำไร (ขาดทุน)", w),
            Column::right("สินค้าคงเหลือ", w),
            Column::right("เงินสดของธุรกิจ", w),
        ]);
        t.style = common::table_style(pt);
        for b in &r.businesses {
            t.row([
                b.name.clone(),
                look.amount(b.figures.sales),
                look.amount(b.figures.profit),
                look.amount(b.stock_value),
                look.amount(b.cash),
            ]);
        }
        y = doc.table(&t, xl, y, head).map_err(common::print_error)? + 5.0;
    }

    // 5. Members, kept on one page with the signatures that follow: the committee signs
    // under figures, never on a page of its own.
    let blocks = signers();
    y = common::room(&mut doc, y, 20.0 + SIGNATURES_MM, TITLE, &running);
    y += common::heading(
        common::last_page(&mut doc),
        y,
        &look.num(if r.businesses.is_empty() {
            "4. สมาชิก"
        } else {
            "5. สมาชิก"
        }),
    );
    let body = TextStyle::new(pt + 1.0);
    let members = format!(
        "สมาชิก ณ สิ้นเดือน {} คน   เข้าใหม่ในเดือน {} คน   พ้นสภาพในเดือน {} คน",
        look.int(i64::from(r.members_active)),
        look.int(i64::from(r.members_joined)),
        look.int(i64::from(r.members_left))
    );
    let page = common::last_page(&mut doc);
    page.text(x + 6.0, y, &members, &body);
    y += page.line_height(&body) + 6.0;

    // Who prepared it, who checked it, and the audit committee; dated, with the stamp.
    common::signed(common::last_page(&mut doc), y, &blocks, true);
    charts_page(&mut doc, trend, look, &running);
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}

/// Draws two tables side by side from `y`, at `xs`. Returns the y under each.
fn side_by_side(
    doc: &mut DocBuilder<'_>,
    [left, right]: [&Table; 2],
    [xl, xr]: [f32; 2],
    y: f32,
    head: impl Fn(&mut Page<'_>) -> f32 + Copy,
) -> Result<(f32, f32)> {
    Ok((
        doc.table(left, xl, y, head)?,
        doc.table(right, xr, y, head)?,
    ))
}

/// Height of the signature rows with their date lines and the stamp box, mm.
const SIGNATURES_MM: f32 = 50.0;

/// Who signs the report: the treasurer prepares it, the chair checks it, the audit committee
/// (คณะกรรมการตรวจสอบ) certifies it.
fn signers() -> [Signature; 3] {
    [
        Signature::new("", "เหรัญญิก ผู้จัดทำรายงาน"),
        Signature::new("", "ประธานกรรมการ ผู้ตรวจรายงาน"),
        Signature::new("", "คณะกรรมการตรวจสอบ"),
    ]
}

/// The last months as four bar charts on a page of their own, for the meeting.
fn charts_page(doc: &mut DocBuilder<'_>, t: &Trend, look: Look, running: &str) {
    if t.months.is_empty() {
        return;
    }
    let page = doc.new_page();
    let setup = *page.setup();
    let mut y = common::running_head(page, TITLE, running);
    let months = look.num(t.months.len().to_string());
    let first = t
        .months
        .first()
        .map(|m| m.label.clone())
        .unwrap_or_default();
    let last = t.months.last().map(|m| m.label.clone()).unwrap_or_default();
    y += common::heading(
        page,
        y,
        &look.num(format!(
            "ภาพรวม {months} เดือน ({first} ถึง {last}) ยอด ณ สิ้นเดือน"
        )),
    ) + 2.0;
    let charts = trend::charts(t, look.digits);
    let h = ((setup.bottom() - y) / charts.len() as f32).min(60.0);
    for c in &charts {
        super::chart::draw(page, setup.left(), y, setup.content_width(), h - 4.0, c);
        y += h;
    }
}

/// The lines of one fund after the other, each under its fund's name.
fn flow_lines(t: &mut Table, lines: &[FundLine], look: &Look) {
    if lines.is_empty() {
        t.row(["ไม่มี".to_string(), look.amount(Money::ZERO)]);
        return;
    }
    for (fund, name) in [("operating", "ทุนดำเนินการ"), ("expense", "ทุนค่าใช้สอย")]
    {
        let of_fund: Vec<&FundLine> = lines.iter().filter(|l| l.fund == fund).collect();
        if of_fund.is_empty() {
            continue;
        }
        t.row([name.to_string(), String::new()]);
        for l in of_fund {
            t.row([format!("  {}", l.label), look.amount(l.amount)]);
        }
    }
}
