//! The loan cards (บัตรเงินกู้ / ทะเบียนคุมลูกหนี้) as one workbook: a sheet of every contract
//! (terms, paid out, repaid, still owed) and a sheet of every card's movements, one row each
//! (payout, repayments with their principal, interest and fines, the balance after), so the
//! committee can filter one loan or one member. Laid out from the loan card `sajja loan show
//! --json` prints.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::book::{col, date, headers, number, save, sum, sums, xlsx_error, Styles};
use crate::error::Result;
use crate::loan::LoanCard;
use crate::money::Money;

/// What a card's movements add up to: principal paid out and repaid, interest, fines.
struct Totals {
    lent: Money,
    repaid: Money,
    interest: Money,
    fines: Money,
}

fn totals(card: &LoanCard) -> Totals {
    let mut t = Totals {
        lent: Money::ZERO,
        repaid: Money::ZERO,
        interest: Money::ZERO,
        fines: Money::ZERO,
    };
    // A movement that raises the balance lends (the payout, or a balance taken over from an
    // earlier contract); one that lowers it repays.
    let mut before = Money::ZERO;
    for m in &card.movements {
        if m.balance_after > before {
            t.lent += m.principal;
        } else {
            t.repaid += m.principal;
        }
        before = m.balance_after;
        t.interest += m.interest;
        t.fines += m.fines;
    }
    t
}

/// Writes every card of `cards` (in contract order).
pub fn write(cards: &[LoanCard], group: &str, path: &Path) -> Result<()> {
    let s = Styles::new();
    let mut wb = Workbook::new();

    let ws = wb.add_worksheet();
    ws.set_name("สัญญาเงินกู้").map_err(xlsx_error)?;
    let cols = [
        col("เลขที่สัญญา", 12.0),
        col("เลขที่สมาชิก", 10.0),
        col("ผู้กู้", 28.0),
        col("ประเภทเงินกู้", 16.0),
        col("วันที่จ่ายเงินกู้", 13.0),
        col("จำนวนเงินกู้", 14.0),
        col("จำนวนงวด", 9.0),
        col("อัตราดอกเบี้ย", 12.0),
        col("วิธีคิดดอกเบี้ย", 22.0),
        col("ผู้ค้ำประกัน", 30.0),
        col("สถานะ", 14.0),
        col("เงินต้นที่ชำระแล้ว", 15.0),
        col("ดอกเบี้ยที่ชำระแล้ว", 15.0),
        col("ค่าปรับที่ชำระแล้ว", 14.0),
        col("เงินต้นคงเหลือ", 14.0),
    ];
    let first = headers(ws, &s, "ทะเบียนคุมลูกหนี้เงินกู้ (บัตรเงินกู้)", group, &cols)?;
    let mut all = Totals {
        lent: Money::ZERO,
        repaid: Money::ZERO,
        interest: Money::ZERO,
        fines: Money::ZERO,
    };
    for (i, c) in cards.iter().enumerate() {
        let r = first + i as u32;
        let l = &c.summary;
        let t = totals(c);
        ws.write_string(r, 0, &l.loan).map_err(xlsx_error)?;
        ws.write_number_with_format(r, 1, f64::from(l.member), &s.int)
            .map_err(xlsx_error)?;
        ws.write_string(r, 2, &l.name).map_err(xlsx_error)?;
        ws.write_string(r, 3, &l.product_name).map_err(xlsx_error)?;
        if let Some(d) = l.disbursed_on {
            ws.write_datetime_with_format(r, 4, date(d)?, &s.date)
                .map_err(xlsx_error)?;
        }
        ws.write_number_with_format(r, 5, number(l.amount), &s.money)
            .map_err(xlsx_error)?;
        ws.write_number_with_format(r, 6, f64::from(l.months), &s.int)
            .map_err(xlsx_error)?;
        ws.write_string(r, 7, format!("{} {}", l.rate, l.charge_word))
            .map_err(xlsx_error)?;
        ws.write_string(r, 8, &l.method_label).map_err(xlsx_error)?;
        let guarantors: Vec<String> = l
            .guarantors
            .iter()
            .map(|g| format!("{} {}", g.member, g.name))
            .collect();
        ws.write_string(r, 9, guarantors.join(", "))
            .map_err(xlsx_error)?;
        ws.write_string(r, 10, &l.status_label)
            .map_err(xlsx_error)?;
        for (c, v) in [
            (11u16, t.repaid),
            (12, t.interest),
            (13, t.fines),
            (14, l.balance),
        ] {
            ws.write_number_with_format(r, c, number(v), &s.money)
                .map_err(xlsx_error)?;
        }
        all.lent += l.amount;
        all.repaid += t.repaid;
        all.interest += t.interest;
        all.fines += t.fines;
    }
    let end = first + cards.len() as u32;
    ws.write_string_with_format(end, 2, "รวม", &s.total_label)
        .map_err(xlsx_error)?;
    let last = end.saturating_sub(1);
    let balance: Money = cards.iter().map(|c| c.summary.balance).sum();
    for (c, v) in [
        (5u16, all.lent),
        (11, all.repaid),
        (12, all.interest),
        (13, all.fines),
        (14, balance),
    ] {
        sum(ws, &s, end, c, first, last, v)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("รายการในบัตรเงินกู้").map_err(xlsx_error)?;
    let cols = [
        col("เลขที่สัญญา", 12.0),
        col("เลขที่สมาชิก", 10.0),
        col("ผู้กู้", 28.0),
        col("วันที่", 13.0),
        col("เลขที่ใบเสร็จ", 13.0),
        col("รายการ", 36.0),
        col("เงินต้น", 14.0),
        col("ดอกเบี้ย", 13.0),
        col("ค่าปรับ", 12.0),
        col("รวม", 14.0),
        col("เงินต้นคงเหลือ", 14.0),
    ];
    let first = headers(ws, &s, "รายการในบัตรเงินกู้", group, &cols)?;
    let mut r = first;
    let (mut interest, mut fines) = (Money::ZERO, Money::ZERO);
    for c in cards {
        for m in &c.movements {
            ws.write_string(r, 0, &c.summary.loan).map_err(xlsx_error)?;
            ws.write_number_with_format(r, 1, f64::from(c.summary.member), &s.int)
                .map_err(xlsx_error)?;
            ws.write_string(r, 2, &c.summary.name).map_err(xlsx_error)?;
            ws.write_datetime_with_format(r, 3, date(m.date)?, &s.date)
                .map_err(xlsx_error)?;
            ws.write_string(r, 4, m.receipt.as_deref().unwrap_or(""))
                .map_err(xlsx_error)?;
            ws.write_string(r, 5, &m.memo).map_err(xlsx_error)?;
            for (c, v) in [
                (6u16, m.principal),
                (7, m.interest),
                (8, m.fines),
                (9, m.total),
                (10, m.balance_after),
            ] {
                ws.write_number_with_format(r, c, number(v), &s.money)
                    .map_err(xlsx_error)?;
            }
            interest += m.interest;
            fines += m.fines;
            r += 1;
        }
    }
    ws.write_string_with_format(r, 5, "รวมดอกเบี้ยและค่าปรับที่รับ", &s.total_label)
        .map_err(xlsx_error)?;
    let last = r.saturating_sub(1);
    sums(ws, &s, r, first, last, &[(7, interest), (8, fines)])?;
    save(&mut wb, path)
}
