//! The payment voucher (ใบสำคัญจ่าย; ใบถอนเงิน for a member's withdrawal): the group, the
//! voucher number and date, who receives the money, each item, the amount in figures and in
//! Thai words, where it was paid from, and the signatures — the receiver first — each with a
//! date line, beside a box for the group's stamp. One voucher fills the top half of an A4
//! page, so the signatures are always on the page with the figures.

use chrono::NaiveDate;

use super::common::{self, Look};
use crate::error::Result;
use crate::print::{Align, Colour, DocBuilder, Engine, Margins, PageSetup, PageSize, TextStyle};
use crate::report::voucher::Voucher;
use crate::report::Letterhead;

const ITEM_PT: f32 = 12.0;
const BODY_PT: f32 = 13.0;

/// A4 portrait; the voucher uses the top half.
pub fn setup() -> PageSetup {
    PageSetup {
        size: PageSize::A4_PORTRAIT,
        margins: Margins {
            top: 12.0,
            right: 15.0,
            bottom: 12.0,
            left: 15.0,
        },
    }
}

/// The voucher as a one-page document.
///
/// # Errors
/// None expected (the layout is fixed).
pub fn document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    v: &Voucher,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let look = Look::of(lh);
    let mut doc = DocBuilder::new(engine, setup());
    doc.set_title(format!(
        "{} เลขที่ {} วันที่ {}",
        v.title,
        v.voucher,
        look.date_long(v.date)
    ));
    let page = doc.new_page();
    let s = *page.setup();
    let (left, right) = (s.left(), s.right());
    let cx = left + s.content_width() / 2.0;
    let mut y = s.top();

    let name = TextStyle::new(15.0).bold().align(Align::Centre);
    page.text(cx, y, &lh.group, &name);
    y += page.line_height(&name);
    let small = TextStyle::new(11.0).colour(Colour::DARK_GREY);
    page.text(cx, y, &look.num(&lh.address), &small.align(Align::Centre));
    y += page.line_height(&small) + 1.0;
    let title = TextStyle::new(18.0).bold().align(Align::Centre);
    page.text(cx, y, &v.title, &title);
    let body = TextStyle::new(BODY_PT);
    let side = (page.line_height(&title) - page.line_height(&body)) * 0.6;
    page.text(
        left,
        y + side,
        &look.num(format!("เลขที่ {}", v.voucher)),
        &body.bold(),
    );
    page.text(
        right,
        y + side,
        &format!("วันที่ {}", look.date_long(v.date)),
        &body.align(Align::Right),
    );
    y += page.line_height(&title) + 1.0;
    let payee = match v.member {
        Some(n) if v.payee.is_empty() => format!("จ่ายให้  สมาชิกเลขที่ {}", look.num(n.to_string())),
        Some(n) => format!(
            "จ่ายให้  {}  (สมาชิกเลขที่ {})",
            v.payee,
            look.num(n.to_string())
        ),
        None if v.payee.is_empty() => {
            "จ่ายให้  ...........................................".to_string()
        }
        None => format!("จ่ายให้  {}", v.payee),
    };
    page.text(left, y, &payee, &body);
    if v.cancelled.is_some() {
        common::cancelled_mark(page, right, y);
    }
    y += page.line_height(&body) + 2.0;

    // Debts set against an exit payout are taken off: shown in brackets.
    let items: Vec<(String, String)> = v
        .items
        .iter()
        .map(|it| {
            let amount = look.amount(it.amount.abs());
            let amount = if it.amount.is_negative() {
                format!("({amount})")
            } else {
                amount
            };
            (look.num(&it.label), amount)
        })
        .collect();
    y = common::item_box(
        page,
        look,
        y,
        &common::ItemBox {
            left,
            right,
            size_pt: ITEM_PT,
            padding: 1.0,
            baseline: 0.5,
            amount_width: 45.0,
            items: &items,
            none: None,
            total_label: "รวมเงินที่จ่าย",
            total: look.amount(v.amount),
        },
    );
    y += 1.5;
    let words = body.bold();
    page.text(
        left,
        y,
        &format!("จำนวนเงิน (ตัวอักษร)  {}", v.amount_words),
        &words,
    );
    y += page.line_height(&words);
    let mut from = format!("จ่ายจาก {}", v.paid_from);
    if let Some(r) = &v.receipt {
        if v.kind == "collection" {
            from.push_str(&format!("  (เงินที่รับในคราวเดียวกันอยู่ในใบเสร็จเลขที่ {r})"));
        }
    }
    page.text(left, y, &look.num(from), &body);
    y += page.line_height(&body);
    if let Some(c) = &v.cancelled {
        let note = body.bold();
        page.text(left, y, &format!("ใบนี้{}", look.num(c)), &note);
        y += page.line_height(&note);
    }
    y += 4.0;
    common::signed(
        page,
        y,
        &[
            crate::print::Signature::new("", "ผู้รับเงิน"),
            crate::print::Signature::new("", "ผู้จ่ายเงิน (เหรัญญิก)"),
            crate::print::Signature::new("", "ผู้อนุมัติ (ประธานกรรมการ)"),
        ],
        true,
    );
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}
