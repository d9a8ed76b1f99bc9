//! The passbook as an A4 account history (สมุดบัญชีเงินสัจจะ): every entry on the member's
//! savings, deposits and loans over any date range, with running balances. Loan columns
//! (ส่งต้น, ดอกเบี้ย or ค่าบำรุง, ต้นคงเหลือ) appear only for a member who has had a loan.

use chrono::NaiveDate;

use super::common::{self, Look};
use crate::error::Result;
use crate::money::Money;
use crate::print::{Column, DocBuilder, Engine, Margins, PageSetup, PageSize, Signature, Table};
use crate::register::{AccountHistory, HistoryLine};
use crate::report::Letterhead;

/// Title of the document.
pub const TITLE: &str = "สมุดบัญชีเงินสัจจะ";

/// A4 portrait with narrower side margins than a letter: eight columns must fit.
pub fn setup() -> PageSetup {
    PageSetup {
        size: PageSize::A4_PORTRAIT,
        margins: Margins {
            top: 20.0,
            right: 12.0,
            bottom: 18.0,
            left: 15.0,
        },
    }
}

/// The short Thai description of a history line, as a passbook shows it: what happened and
/// the receipt number; a reversed line says so.
pub fn line_label(line: &HistoryLine, look: &Look) -> String {
    let what = match line.kind.as_str() {
        "collection" => "รับเงิน",
        "reversal" => "ยกเลิกรายการ",
        "settlement" => "พ้นสภาพ คืนเงิน",
        "loan_payout" => "รับเงินกู้",
        "loan_repayment" => "ชำระเงินกู้",
        "loan_restructure" => "ปรับโครงสร้างหนี้",
        "loan_writeoff" => "ตัดหนี้สูญ",
        "opening" => "ยอดยกมา",
        "expense" | "income" => return other_label(line, look),
        _ => "รายการ",
    };
    let mut s = match &line.receipt {
        Some(r) => format!("{what} {}", look.num(r)),
        None => what.to_string(),
    };
    if line.reversed {
        s.push_str(" (ยกเลิก)");
    }
    s
}

/// An entry that is not a collection row (a late fine charged): its memo without the member's
/// name and number, which the page already shows.
fn other_label(line: &HistoryLine, look: &Look) -> String {
    let memo = match line.memo.find(" สมาชิกเลขที่ ") {
        Some(i) => {
            let rest = &line.memo[i + " สมาชิกเลขที่ ".len()..];
            let after = rest.find(' ').map_or("", |j| &rest[j..]);
            format!("{}{after}", &line.memo[..i])
        }
        None => line.memo.clone(),
    };
    let mut s = look.num(memo.trim());
    if line.reversed {
        s.push_str(" (ยกเลิก)");
    }
    s
}

/// The period line under the title: `ตั้งแต่ … ถึง …`, `ทั้งหมดถึง …`.
fn period(h: &AccountHistory, look: &Look, printed: NaiveDate) -> String {
    match (h.from, h.to) {
        (Some(f), Some(t)) => format!("ตั้งแต่ {} ถึง {}", look.date(f), look.date(t)),
        (Some(f), None) => format!("ตั้งแต่ {} ถึง {}", look.date(f), look.date(printed)),
        (None, Some(t)) => format!("ตั้งแต่เริ่มเป็นสมาชิก ถึง {}", look.date(t)),
        (None, None) => format!("ตั้งแต่เริ่มเป็นสมาชิก ถึง {}", look.date(printed)),
    }
}

/// The whole account history as a document, ready to write.
///
/// # Errors
/// Layout errors of the engine (none expected for this layout).
pub fn document<'e>(
    engine: &'e Engine,
    lh: &Letterhead,
    h: &AccountHistory,
    printed: NaiveDate,
) -> Result<DocBuilder<'e>> {
    let look = Look::of(lh);
    let mut doc = DocBuilder::new(engine, setup());
    doc.set_title(format!("{TITLE} สมาชิกเลขที่ {} {}", h.member, h.name));
    let who = format!("สมาชิกเลขที่ {}  {}", look.num(h.member.to_string()), h.name);
    let subtitle = format!("{who}\n{}", period(h, &look, printed));
    let top = common::letterhead(doc.new_page(), lh, TITLE, &subtitle);
    let table = table(engine, h, &look, &lh.loan_charge_word);
    let running = who;
    let end = doc
        .table(&table, setup().left(), top, |page| {
            common::running_head(page, TITLE, &running)
        })
        .map_err(common::print_error)?;
    // The closing balances in words, and who checked the book.
    let closing = h.lines.last().map_or(h.opening_balance, |l| l.balance);
    let bottom = setup().size.height_mm - setup().margins.bottom;
    let needed = 34.0;
    if end + needed > bottom {
        let page = doc.new_page();
        common::running_head(page, TITLE, &running);
    }
    let y = if end + needed > bottom {
        setup().top() + 10.0
    } else {
        end + 4.0
    };
    if let Some(page) = doc.last_page_mut() {
        let style = crate::print::TextStyle::new(13.0);
        let mut text = format!(
            "เงินสัจจะและเงินฝากคงเหลือ {} บาท ({})",
            look.amount(closing),
            look.words(closing)
        );
        if h.has_loans {
            let loan = h.lines.last().map_or(h.opening_loan, |l| l.loan_balance);
            text.push_str(&format!(
                "\nเงินกู้คงเหลือ {} บาท ({})",
                look.amount(loan),
                look.words(loan)
            ));
        }
        let s = *page.setup();
        let used = page.paragraph(s.left(), y, s.content_width(), &text, &style);
        common::signatures(
            page,
            y + used + 4.0,
            &[Signature::new("", "เหรัญญิก"), Signature::new("", "สมาชิก")],
        );
    }
    common::number_pages(&mut doc, 0, look, printed);
    Ok(doc)
}

/// The history table: opening line, one row per entry, totals.
fn table(engine: &Engine, h: &AccountHistory, look: &Look, charge_word: &str) -> Table {
    let pt = look.fit_pt(11.0);
    let sample = NaiveDate::from_ymd_opt(2025, 12, 28).unwrap_or_default();
    let date = common::fit_width(engine, &look.date_short(sample), pt);
    // The description takes what the other columns leave of the content width.
    let numbers = if h.has_loans { 129.0 } else { 66.0 };
    let mut cols = vec![
        Column::centre("วันที่", date),
        Column::left("รายการ", setup().content_width() - date - numbers),
        Column::right("สัจจะ/ฝาก", 21.0),
        Column::right("ถอน", 21.0),
        Column::right("คงเหลือ", 24.0),
    ];
    if h.has_loans {
        cols.extend([
            Column::right("ส่งต้น", 21.0),
            Column::right(charge_word, 18.0),
            Column::right("ต้นคงเหลือ", 24.0),
        ]);
    }
    let mut t = Table::new(cols);
    t.style = common::table_style(pt);
    if h.from.is_some() {
        let mut row = vec![
            String::new(),
            "ยอดยกมา".to_string(),
            String::new(),
            String::new(),
            look.amount(h.opening_balance),
        ];
        if h.has_loans {
            row.extend([String::new(), String::new(), look.amount(h.opening_loan)]);
        }
        t.row(row);
    }
    let (mut saved, mut withdrawn, mut principal, mut interest) =
        (Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO);
    for l in &h.lines {
        saved += l.saved;
        withdrawn += l.withdrawn;
        principal += l.principal_paid;
        interest += l.interest_paid;
        let mut row = vec![
            look.date_short(l.date),
            line_label(l, look),
            look.amount_or_blank(l.saved),
            look.amount_or_blank(l.withdrawn),
            look.amount(l.balance),
        ];
        if h.has_loans {
            row.extend([
                look.amount_or_blank(l.principal_paid),
                look.amount_or_blank(l.interest_paid),
                look.amount(l.loan_balance),
            ]);
        }
        t.row(row);
    }
    if h.lines.is_empty() {
        t.row(["", "ไม่มีรายการในช่วงนี้"]);
    }
    let closing = h.lines.last().map_or(h.opening_balance, |l| l.balance);
    let mut total = vec![
        String::new(),
        "รวม".to_string(),
        look.amount(saved),
        look.amount(withdrawn),
        look.amount(closing),
    ];
    if h.has_loans {
        let loan = h.lines.last().map_or(h.opening_loan, |l| l.loan_balance);
        total.extend([
            look.amount(principal),
            look.amount(interest),
            look.amount(loan),
        ]);
    }
    t.total_row(total);
    t
}
