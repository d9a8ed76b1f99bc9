//! Open loans brought in mid-schedule: the contract as signed (member, product, amount, payout
//! date, months, guarantors) and where it stood at the cut-over (principal still owed, the
//! last month whose interest was paid). One opening entry posts every loan's principal owed.

use std::collections::HashSet;

use rusqlite::Connection;

use super::columns::Field;
use super::{in_savepoint, month_text, post_opening, Run, Table};
use crate::account::LOANS;
use crate::journal::{EntryKind, NewEntry, Posting};
use crate::loan::opening::{bring_in, BroughtInLoan};
use crate::member::{self, Member};
use crate::money::Money;
use crate::thai::{self, Digits, YearMonth};

pub const FIELDS: &[Field] = &[
    Field {
        name: "member",
        thai: "เลขที่สมาชิก",
        aliases: &["ผู้กู้", "เลขที่ผู้กู้", "สมาชิก", "borrower"],
        required: true,
    },
    Field {
        name: "name",
        thai: "ชื่อ-สกุล",
        aliases: &["ชื่อผู้กู้", "ชื่อ"],
        required: false,
    },
    Field {
        name: "product",
        thai: "ประเภทเงินกู้",
        aliases: &["ประเภท", "รหัสประเภทเงินกู้"],
        required: true,
    },
    Field {
        name: "amount",
        thai: "จำนวนเงินกู้",
        aliases: &["เงินกู้", "ยอดกู้", "วงเงินกู้"],
        required: true,
    },
    Field {
        name: "date",
        thai: "วันที่จ่ายเงินกู้",
        aliases: &["วันที่กู้", "วันที่รับเงินกู้", "disbursed"],
        required: true,
    },
    Field {
        name: "months",
        thai: "จำนวนงวด",
        aliases: &["งวด", "ระยะเวลา(เดือน)", "จำนวนเดือน"],
        required: true,
    },
    Field {
        name: "principal_owed",
        thai: "เงินต้นคงเหลือ",
        aliases: &["คงเหลือ", "เงินต้นค้าง", "owed"],
        required: true,
    },
    Field {
        name: "interest_paid_to",
        thai: "ชำระดอกเบี้ยถึงเดือน",
        aliases: &["ดอกเบี้ยถึงเดือน", "ส่งดอกเบี้ยถึงเดือน"],
        required: true,
    },
    Field {
        name: "guarantors",
        thai: "ผู้ค้ำประกัน",
        aliases: &["ผู้ค้ำ", "เลขที่ผู้ค้ำ"],
        required: false,
    },
];

const MEMBER: usize = 0;
const PRODUCT: usize = 2;
const AMOUNT: usize = 3;
const DATE: usize = 4;
const MONTHS: usize = 5;
const OWED: usize = 6;
const PAID_TO: usize = 7;
const GUARANTORS: usize = 8;

pub(crate) fn import(conn: &Connection, table: &Table, run: &mut Run<'_>) -> crate::Result<()> {
    let cutover = run.cutover.expect("settled");
    let founded = crate::group::get(conn)?.founded;
    let mut entry = NewEntry::new(cutover, EntryKind::Opening, "ยอดยกมา ลูกหนี้เงินกู้");
    for (row, cells) in &table.rows {
        let row = *row;
        let Some(borrower) = run.member(conn, row, MEMBER, cells) else {
            continue;
        };
        let product_text = run.cols.cell(cells, PRODUCT).to_string();
        let product = match crate::loan::product::get(conn, &product_text) {
            Ok(p) => Some(p),
            Err(e) => {
                run.fail(
                    row,
                    PRODUCT,
                    format!("{e} — ใส่รหัสประเภทเงินกู้ที่ตั้งไว้ (sajja loan product list)"),
                );
                None
            }
        };
        let (amount, date, months, owed, paid_to) = (
            run.money(row, AMOUNT, cells),
            run.date(row, DATE, cells),
            run.whole(row, MONTHS, cells),
            run.money(row, OWED, cells),
            run.month(row, PAID_TO, cells),
        );
        let guarantors = guarantors(conn, run, row, cells, &borrower);
        let (
            Some(product),
            Some(amount),
            Some(date),
            Some(months),
            Some(owed),
            Some(paid_to),
            Some(guarantors),
        ) = (product, amount, date, months, owed, paid_to, guarantors)
        else {
            continue;
        };
        let mut ok = true;
        if amount.is_zero() {
            run.fail(row, AMOUNT, "ไม่ได้ใส่จำนวนเงินกู้ — ใส่จำนวนเงินตามสัญญา");
            ok = false;
        }
        let Some(date) = date else {
            run.fail(row, DATE, "ไม่ได้ใส่วันที่จ่ายเงินกู้ — ใส่วันที่ตามสัญญา เช่น 15/3/2567");
            continue;
        };
        if date >= cutover || date < founded {
            run.fail(
                row,
                DATE,
                format!(
                    "วันที่จ่ายเงินกู้ {} ต้องอยู่ระหว่างวันก่อตั้งกลุ่ม ({}) กับก่อนวันยกยอด ({}) — สัญญาหลังวันยกยอดให้บันทึกเป็นเงินกู้ใหม่ตามปกติ",
                    thai::format_date(date, Digits::Arabic),
                    thai::format_date(founded, Digits::Arabic),
                    thai::format_date(cutover, Digits::Arabic)
                ),
            );
            ok = false;
        }
        let months = match months {
            Some(m) if (1..=360).contains(&m) => m,
            _ => {
                run.fail(
                    row,
                    MONTHS,
                    "จำนวนงวดต้องเป็น 1 ถึง 360 เดือน — ใส่จำนวนงวดตามสัญญา",
                );
                continue;
            }
        };
        if owed.is_zero() {
            run.fail(
                row,
                OWED,
                "เงินต้นคงเหลือเป็น 0 — สัญญาที่ชำระครบแล้วไม่ต้องนำเข้า ลบแถวนี้ออก",
            );
            ok = false;
        } else if owed > amount {
            run.fail(
                row,
                OWED,
                format!(
                    "เงินต้นคงเหลือ {} บาท มากกว่าจำนวนเงินกู้ {} บาท — ตรวจตัวเลขอีกครั้ง",
                    owed.grouped(),
                    amount.grouped()
                ),
            );
            ok = false;
        }
        if let Some(m) = paid_to {
            if m < YearMonth::of(date) || m > YearMonth::of(cutover) {
                run.fail(
                    row,
                    PAID_TO,
                    format!(
                        "ชำระดอกเบี้ยถึงเดือน {} ต้องอยู่ระหว่างเดือนที่กู้ ({}) กับเดือนที่ยกยอด ({}) — เว้นว่างถ้ายังไม่เคยชำระดอกเบี้ย",
                        month_text(m),
                        month_text(YearMonth::of(date)),
                        month_text(YearMonth::of(cutover))
                    ),
                );
                ok = false;
            }
        }
        if !borrower.status.is_active() {
            run.fail(
                row,
                MEMBER,
                format!(
                    "สมาชิกเลขที่ {} พ้นสภาพแล้ว — เงินกู้ยกมาใส่เฉพาะสมาชิกปัจจุบัน",
                    borrower.number
                ),
            );
            ok = false;
        } else if borrower.joined > date {
            run.fail(
                row,
                DATE,
                format!(
                    "สมาชิกเลขที่ {} เข้ากลุ่มเมื่อ {} หลังวันที่กู้ — ตรวจวันที่อีกครั้ง",
                    borrower.number,
                    thai::format_date(borrower.joined, Digits::Arabic)
                ),
            );
            ok = false;
        }
        if !ok {
            continue;
        }
        let input = BroughtInLoan {
            borrower: &borrower,
            product: &product,
            amount,
            months,
            disbursed: date,
            guarantors: &guarantors,
            owed,
            interest_paid_to: paid_to,
        };
        match in_savepoint(conn, || bring_in(conn, &input)) {
            Ok((id, number)) => {
                entry.push(
                    Posting::debit(LOANS, owed)
                        .for_member(&borrower.id)
                        .for_loan(&id),
                );
                run.line(
                    row,
                    format!(
                        "สัญญา {number} {} (เลขที่ {}) {} {} บาท {months} งวด จ่ายเมื่อ {} เงินต้นคงเหลือ {} บาท ดอกเบี้ยชำระถึง {}",
                        borrower.full_name,
                        borrower.number,
                        product.name,
                        amount.grouped(),
                        thai::format_date(date, Digits::Arabic),
                        owed.grouped(),
                        paid_to.map_or("-".to_string(), month_text)
                    ),
                );
            }
            Err(e) => run.fail_with(row, &e, MEMBER),
        }
    }
    if !run.errors.is_empty() {
        return Ok(());
    }
    let total: Money = entry.postings.iter().map(|p| p.amount).sum();
    run.total("เงินต้นคงเหลือยกมา", total);
    post_opening(conn, run, "loans", entry)?;
    Ok(())
}

/// Guarantors as member numbers separated by spaces or commas: current members, not the
/// borrower, each once.
fn guarantors(
    conn: &Connection,
    run: &mut Run<'_>,
    row: usize,
    cells: &[String],
    borrower: &Member,
) -> Option<Vec<Member>> {
    let text = thai::to_arabic_digits(run.cols.cell(cells, GUARANTORS));
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for part in text.split([' ', ',', ';', '\t']).filter(|p| !p.is_empty()) {
        let Ok(number) = part.parse::<u32>() else {
            run.fail(
                row,
                GUARANTORS,
                format!("\"{part}\" ไม่ใช่เลขที่สมาชิก — ใส่เลขที่สมาชิกของผู้ค้ำ คั่นด้วยเว้นวรรค เช่น 12 45"),
            );
            return None;
        };
        let g = match member::get(conn, number) {
            Ok(g) => g,
            Err(e) => {
                run.fail(row, GUARANTORS, format!("ผู้ค้ำ: {e}"));
                return None;
            }
        };
        if g.id == borrower.id {
            run.fail(row, GUARANTORS, "ผู้กู้ค้ำประกันเงินกู้ของตนเองไม่ได้ — ใส่สมาชิกคนอื่น");
            return None;
        }
        if !g.status.is_active() {
            run.fail(
                row,
                GUARANTORS,
                format!("ผู้ค้ำเลขที่ {number} พ้นสภาพแล้ว — ใส่ผู้ค้ำที่เป็นสมาชิกอยู่"),
            );
            return None;
        }
        if !seen.insert(number) {
            run.fail(
                row,
                GUARANTORS,
                format!("ผู้ค้ำเลขที่ {number} ซ้ำกัน — ใส่แต่ละคนครั้งเดียว"),
            );
            return None;
        }
        out.push(g);
    }
    Some(out)
}
