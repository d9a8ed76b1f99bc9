//! A business's profit and loss for the year (งบกำไรขาดทุนของธุรกิจกลุ่ม): month by month
//! sales, cost of goods sold, expenses and profit; the year's totals; stock on hand with its
//! quantity, average cost and value; members' purchases in the year (the basis of a
//! purchase-based return) and their debts; signature blocks for the manager and the treasurer.

use chrono::NaiveDate;

use super::common::{self, Look};
use crate::business::statement::BusinessReport;
use crate::error::Result;
use crate::print::{Column, DocBuilder, Engine, Page, PageSetup, Signature, Table};
use crate::report::Letterhead;

/// Title of the document.
pub const TITLE: &str = "งบกำไรขาดทุนของธุรกิจกลุ่ม";

const PT: f32 = 11.5;

/// The report as a document, ready to write.
///
/// # Errors
/// Layout errors of the engine (none expected).
pub fn document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    r: &BusinessReport,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let look = Look::of(lh);
    let setup = PageSetup::a4_portrait();
    let mut doc = DocBuilder::new(engine, setup);
    let running = look.num(format!("{} ปีบัญชี {}", r.name, r.year));
    doc.set_title(format!("{TITLE} {running}"));
    let subtitle = look.num(format!(
        "{} ({}) ปีบัญชี {} ตั้งแต่ {} ถึง {}",
        r.name,
        r.kind_label,
        r.year,
        look.date_long(r.from),
        look.date_long(r.to)
    ));
    let head = |page: &mut Page<'_>| common::running_head(page, TITLE, &running);
    let mut y = common::letterhead(doc.new_page(), lh, TITLE, &subtitle);
    let x = setup.left() + 6.0;
    let inner = setup.content_width() - 6.0;
    let pt = look.fit_pt(PT);

    // 1. Month by month.
    y += common::heading(
        common::last_page(&mut doc),
        y,
        &look.num("1. รายได้ ต้นทุน และกำไรรายเดือน"),
    );
    let w = (inner - 34.0) / 5.0;
    let mut t = Table::new(vec![
        Column::left("เดือน", 34.0),
        Column::right("ขาย", w),
        Column::right("ต้นทุนขาย", w),
        Column::right("รายได้อื่น", w),
        Column::right("ค่าใช้จ่าย", w),
        Column::right("กำไร (ขาดทุน)", w),
    ]);
    t.style = common::table_style(pt);
    if r.months.is_empty() {
        t.row(["ไม่มีรายการในปีนี้", "", "", "", "", ""]);
    }
    // A month's (or the year's) figures after its label, as the columns run.
    let cells = |label: String, f: &crate::business::statement::Figures| {
        [
            label,
            look.amount(f.sales),
            look.amount(f.cost_of_goods_sold),
            look.amount(f.other_income),
            look.amount(f.expenses),
            look.amount(f.profit),
        ]
    };
    for m in &r.months {
        t.row(cells(look.month_short(m.month), &m.figures));
    }
    t.total_row(cells("รวมทั้งปี".to_string(), &r.totals));
    y = doc.table(&t, x, y, head).map_err(common::print_error)? + 5.0;

    // 2. The year's profit and loss.
    y = common::room(&mut doc, y, 60.0, TITLE, &running);
    y += common::heading(
        common::last_page(&mut doc),
        y,
        &look.num("2. งบกำไรขาดทุนประจำปี"),
    );
    let mut t = Table::new(vec![
        Column::left("", inner - 40.0),
        Column::right("บาท", 40.0),
    ]);
    t.style = common::table_style(pt);
    let f = &r.totals;
    t.row(["รายได้จากการขาย", &look.amount(f.sales)]);
    t.row(["หัก ต้นทุนสินค้าที่ขาย", &look.amount(f.cost_of_goods_sold)]);
    t.total_row(["กำไรขั้นต้น", &look.amount(f.gross_profit)]);
    t.row(["บวก รายได้อื่น (ดอกเบี้ยข้าว)", &look.amount(f.other_income)]);
    t.row([
        "หัก ค่าใช้จ่าย (สินค้าขาดจากการตรวจนับ สุทธิ)",
        &look.amount(f.expenses),
    ]);
    t.total_row([
        if f.profit.is_negative() {
            "ขาดทุนสุทธิ (ลดรายได้ของทุนดำเนินการ)"
        } else {
            "กำไรสุทธิ (เป็นรายได้ของทุนดำเนินการ)"
        },
        &look.amount(f.profit.abs()),
    ]);
    t.row(["ทุนที่คณะกรรมการจัดสรรจากทุนดำเนินการ", &look.amount(r.capital)]);
    t.row(["เงินสดของธุรกิจ ณ สิ้นปี", &look.amount(r.cash)]);
    t.row(["สินค้าคงเหลือ ณ สิ้นปี", &look.amount(r.stock.total_value)]);
    t.row([
        "ลูกหนี้สมาชิก (ค่าสินค้าและข้าว) ณ สิ้นปี",
        &look.amount(r.receivables),
    ]);
    y = doc.table(&t, x, y, head).map_err(common::print_error)? + 5.0;

    // 3. Stock on hand.
    y = common::room(&mut doc, y, 30.0, TITLE, &running);
    y += common::heading(
        common::last_page(&mut doc),
        y,
        &look.num(format!("3. สินค้าคงเหลือ ณ วันที่ {}", look.date_long(r.to))),
    );
    let mut t = Table::new(vec![
        Column::right("รหัส", 12.0),
        Column::left("สินค้า", inner - 12.0 - 26.0 - 20.0 - 28.0 - 32.0),
        Column::right("จำนวน", 26.0),
        Column::left("หน่วย", 20.0),
        Column::right("ต้นทุนเฉลี่ย", 28.0),
        Column::right("มูลค่า", 32.0),
    ]);
    t.style = common::table_style(pt);
    for l in &r.stock.items {
        t.row([
            look.int(i64::from(l.item)),
            l.name.clone(),
            look.num(l.qty.to_string()),
            l.unit.clone(),
            look.amount(l.average_cost),
            look.amount(l.value),
        ]);
    }
    t.total_row([
        String::new(),
        "รวม".into(),
        String::new(),
        String::new(),
        String::new(),
        look.amount(r.stock.total_value),
    ]);
    y = doc.table(&t, x, y, head).map_err(common::print_error)? + 5.0;

    // 4. Members.
    if !r.members.is_empty() {
        y = common::room(&mut doc, y, 30.0, TITLE, &running);
        y += common::heading(
            common::last_page(&mut doc),
            y,
            &look.num("4. ยอดซื้อของสมาชิกในปี และหนี้ค่าสินค้าคงค้าง"),
        );
        let mut t = Table::new(vec![
            Column::right("เลขที่", 16.0),
            Column::left("ชื่อสมาชิก", inner - 16.0 - 70.0),
            Column::right("ยอดซื้อในปี", 35.0),
            Column::right("ค้างชำระ", 35.0),
        ]);
        t.style = common::table_style(pt);
        for m in &r.members {
            t.row([
                look.int(i64::from(m.member)),
                m.name.clone(),
                look.amount(m.purchases),
                look.amount(m.owed),
            ]);
        }
        t.total_row([
            String::new(),
            "รวม".into(),
            look.amount(r.members.iter().map(|m| m.purchases).sum()),
            look.amount(r.members.iter().map(|m| m.owed).sum()),
        ]);
        y = doc.table(&t, x, y, head).map_err(common::print_error)? + 5.0;
    }

    y = common::room(&mut doc, y, 23.0, TITLE, &running);
    common::signatures(
        common::last_page(&mut doc),
        y,
        &[
            Signature::new("", "ผู้จัดการธุรกิจ ผู้จัดทำ"),
            Signature::new("", "เหรัญญิก ผู้ตรวจ"),
        ],
    );
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}
