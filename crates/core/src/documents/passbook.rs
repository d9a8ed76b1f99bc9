//! The passbook as an A4 account history (สมุดบัญชีเงินสัจจะ): every entry on the member's
//! savings, deposits, fines and loans over any date range, with running balances. Pledged
//! savings and voluntary deposits are kept apart (their own columns and balances), fines
//! charged apart from fines paid; loan columns (ส่งต้น, ดอกเบี้ย or ค่าบำรุง, ต้นคงเหลือ)
//! appear only for a member who has had a loan.

use chrono::NaiveDate;

use super::common::{self, Look};
use crate::error::Result;
use crate::money::Money;
use crate::print::{Column, DocBuilder, Engine, Margins, PageSetup, PageSize, Signature, Table};
use crate::register::{AccountHistory, HistoryLine};
use crate::report::Letterhead;

/// Title of the document.
pub const TITLE: &str = "สมุดคู่ฝาก";

/// A4 landscape: pledged savings, deposits, fines and the loan each need their own columns.
pub fn setup() -> PageSetup {
    PageSetup {
        size: PageSize::A4_LANDSCAPE,
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
        "collection" => "ใบเสร็จ",
        "reversal" => "รายการหักล้าง",
        "settlement" => "พ้นสภาพ คืนเงิน",
        "loan_payout" => "รับเงินกู้",
        "loan_repayment" => "ส่งเงินกู้",
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
        (Some(f), Some(t)) => format!("ตั้งแต่ {} ถึง {}", look.date_long(f), look.date_long(t)),
        (Some(f), None) => format!("ตั้งแต่ {} ถึง {}", look.date_long(f), look.date_long(printed)),
        (None, Some(t)) => format!("ตั้งแต่เริ่มเป็นสมาชิก ถึง {}", look.date_long(t)),
        (None, None) => format!("ตั้งแต่เริ่มเป็นสมาชิก ถึง {}", look.date_long(printed)),
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
    let (sajja, deposits, loan) = closing(h);
    let bottom = setup().size.height_mm - setup().margins.bottom;
    let needed = 40.0;
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
            "เงินสัจจะคงเหลือ {} บาท ({})\nเงินฝากคงเหลือ {} บาท ({})",
            look.amount(sajja),
            look.words(sajja),
            look.amount(deposits),
            look.words(deposits)
        );
        if h.has_loans {
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

/// The history table: opening line, one row per entry, totals. Pledged savings (สัจจะ, held
/// until the member leaves) and voluntary deposits (withdrawable) have their own columns and
/// balances; fines charged and fines paid have a column each, so a charge never reads as money
/// received; the loan columns follow for a member who has borrowed.
fn table(engine: &Engine, h: &AccountHistory, look: &Look, charge_word: &str) -> Table {
    let pt = look.fit_pt(11.0);
    let sample = NaiveDate::from_ymd_opt(2025, 12, 28).unwrap_or_default();
    let date = common::fit_width(engine, &look.date_short(sample), pt);
    let amount = 20.0;
    let numbers = amount * if h.has_loans { 10.0 } else { 7.0 };
    let mut cols = vec![
        Column::centre("วันที่", date),
        Column::left("รายการ", setup().content_width() - date - numbers),
        Column::right("ส่ง\nสัจจะ", amount),
        Column::right("สัจจะ\nคงเหลือ", amount),
        Column::right("ฝาก", amount),
        Column::right("ถอน", amount),
        Column::right("เงินฝาก\nคงเหลือ", amount),
        Column::right("ค่าปรับ\nที่ปรับ", amount),
        Column::right("ชำระ\nค่าปรับ", amount),
    ];
    if h.has_loans {
        cols.extend([
            Column::right("ส่งต้น", amount),
            Column::right(charge_word, amount),
            Column::right("เงินต้น\nคงเหลือ", amount),
        ]);
    }
    let mut t = Table::new(cols);
    t.style = common::table_style(pt);
    let blank = String::new;
    if h.from.is_some() {
        let mut row = vec![
            blank(),
            "ยอดยกมา".to_string(),
            blank(),
            look.amount(h.opening_sajja),
            blank(),
            blank(),
            look.amount(h.opening_deposits),
            blank(),
            blank(),
        ];
        if h.has_loans {
            row.extend([blank(), blank(), look.amount(h.opening_loan)]);
        }
        t.row(row);
    }
    let mut sum = Sums::default();
    for l in &h.lines {
        sum.add(l);
        let mut row = vec![
            look.date_short(l.date),
            line_label(l, look),
            look.amount_or_blank(l.sajja),
            look.amount(l.sajja_balance),
            look.amount_or_blank(l.deposit_in),
            look.amount_or_blank(l.deposit_out),
            look.amount(l.deposit_balance),
            look.amount_or_blank(l.fine_charged),
            look.amount_or_blank(l.fines_paid),
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
    let (sajja, deposits, loan) = closing(h);
    let mut total = vec![
        blank(),
        "รวม".to_string(),
        look.amount(sum.sajja),
        look.amount(sajja),
        look.amount(sum.deposit_in),
        look.amount(sum.deposit_out),
        look.amount(deposits),
        look.amount(sum.fine_charged),
        look.amount(sum.fines_paid),
    ];
    if h.has_loans {
        total.extend([
            look.amount(sum.principal),
            look.amount(sum.interest),
            look.amount(loan),
        ]);
    }
    t.total_row(total);
    t
}

/// Column totals of the history table.
#[derive(Default)]
struct Sums {
    sajja: Money,
    deposit_in: Money,
    deposit_out: Money,
    fine_charged: Money,
    fines_paid: Money,
    principal: Money,
    interest: Money,
}

impl Sums {
    fn add(&mut self, l: &HistoryLine) {
        self.sajja += l.sajja;
        self.deposit_in += l.deposit_in;
        self.deposit_out += l.deposit_out;
        self.fine_charged += l.fine_charged;
        self.fines_paid += l.fines_paid;
        self.principal += l.principal_paid;
        self.interest += l.interest_paid;
    }
}

/// Pledged savings, deposits and loan principal at the end of the history.
fn closing(h: &AccountHistory) -> (Money, Money, Money) {
    h.lines
        .last()
        .map_or((h.opening_sajja, h.opening_deposits, h.opening_loan), |l| {
            (l.sajja_balance, l.deposit_balance, l.loan_balance)
        })
}
