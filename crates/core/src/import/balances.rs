//! Members' balances brought in: pledged savings to date with the last month paid, deposits
//! and unpaid fines. Posted as three opening entries (one per kind), each member's amount on
//! their own line, so every register and passbook starts from the paper figure.

use std::collections::HashSet;

use rusqlite::{params, Connection};

use super::columns::Field;
use super::{month_text, post_opening, Run, Table};
use crate::account::{DEPOSITS, FINES_RECEIVABLE, SAJJA};
use crate::journal::{EntryKind, NewEntry, Posting};
use crate::money::Money;
use crate::thai::{self, Digits, YearMonth};

pub const FIELDS: &[Field] = &[
    Field {
        name: "member",
        thai: "เลขที่สมาชิก",
        aliases: &["สมาชิก", "เลขที่", "number"],
        required: true,
    },
    Field {
        name: "name",
        thai: "ชื่อ-สกุล",
        aliases: &["ชื่อ"],
        required: false,
    },
    Field {
        name: "sajja",
        thai: "เงินสัจจะสะสม",
        aliases: &["สัจจะ", "เงินสัจจะ", "เงินสัจจะยกมา", "savings"],
        required: true,
    },
    Field {
        name: "paid_through",
        thai: "ส่งสัจจะถึงเดือน",
        aliases: &["ส่งถึงเดือน", "เดือนสุดท้ายที่ส่ง"],
        required: true,
    },
    Field {
        name: "deposits",
        thai: "เงินฝาก",
        aliases: &["เงินฝากยกมา", "deposit"],
        required: false,
    },
    Field {
        name: "fines",
        thai: "ค่าปรับค้าง",
        aliases: &["ค่าปรับค้างชำระ", "ค่าปรับ", "fine"],
        required: false,
    },
];

const MEMBER: usize = 0;
const SAJJA_AMOUNT: usize = 2;
const PAID_THROUGH: usize = 3;
const DEPOSIT_AMOUNT: usize = 4;
const FINE_AMOUNT: usize = 5;

struct Line {
    member_id: String,
    paid_through: Option<YearMonth>,
    sajja: Money,
    deposits: Money,
    fines: Money,
}

pub(crate) fn import(conn: &Connection, table: &Table, run: &mut Run<'_>) -> crate::Result<()> {
    let cutover = run.cutover.expect("settled");
    let cut_month = YearMonth::of(cutover);
    let ahead = crate::settings::at(conn, cutover)?.sajja_ahead_months;
    let mut seen = HashSet::new();
    let mut lines = Vec::new();
    for (row, cells) in &table.rows {
        let row = *row;
        let Some(m) = run.member(conn, row, MEMBER, cells) else {
            continue;
        };
        let (sajja, through, deposits, fines) = (
            run.money(row, SAJJA_AMOUNT, cells),
            run.month(row, PAID_THROUGH, cells),
            run.money(row, DEPOSIT_AMOUNT, cells),
            run.money(row, FINE_AMOUNT, cells),
        );
        let (Some(sajja), Some(through), Some(deposits), Some(fines)) =
            (sajja, through, deposits, fines)
        else {
            continue;
        };
        if !seen.insert(m.number) {
            run.fail(
                row,
                MEMBER,
                format!(
                    "สมาชิกเลขที่ {} มีสองแถว — ใส่ยอดยกมาของสมาชิกแต่ละคนแถวเดียว",
                    m.number
                ),
            );
            continue;
        }
        if !m.status.is_active() {
            run.fail(
                row,
                MEMBER,
                format!(
                    "สมาชิกเลขที่ {} พ้นสภาพแล้ว — ยอดยกมาใส่เฉพาะสมาชิกปัจจุบัน",
                    m.number
                ),
            );
            continue;
        }
        if m.joined >= cutover {
            run.fail(
                row,
                MEMBER,
                format!(
                    "สมาชิกเลขที่ {} เข้ากลุ่มเมื่อ {} ซึ่งไม่ก่อนวันยกยอด ({}) — สมาชิกใหม่ไม่มียอดยกมา ให้รับเงินตามปกติ",
                    m.number,
                    thai::format_date(m.joined, Digits::Arabic),
                    thai::format_date(cutover, Digits::Arabic)
                ),
            );
            continue;
        }
        let brought: bool = conn.query_row(
            "SELECT count(*) > 0 FROM member_opening WHERE member_id = ?1",
            [&m.id],
            |r| r.get(0),
        )?;
        if brought {
            run.fail(
                row,
                MEMBER,
                format!("ยอดยกมาของสมาชิกเลขที่ {} นำเข้าแล้ว — นำเข้าซ้ำไม่ได้", m.number),
            );
            continue;
        }
        let joined = YearMonth::of(m.joined);
        match through {
            None if sajja.is_positive() => {
                run.fail(
                    row,
                    PAID_THROUGH,
                    "มีเงินสัจจะยกมาแต่ไม่ได้บอกว่าส่งถึงเดือนไหน — ใส่เดือนสุดท้ายที่ส่งแล้ว เช่น 2568-06",
                );
                continue;
            }
            Some(t) if t < joined.prev() => {
                run.fail(
                    row,
                    PAID_THROUGH,
                    format!(
                        "ส่งถึงเดือน {} ก่อนเข้าเป็นสมาชิก ({}) — ใส่เดือนตั้งแต่เดือนที่เข้ากลุ่ม",
                        month_text(t),
                        month_text(joined)
                    ),
                );
                continue;
            }
            Some(t) if t > crate::period::add_months(cut_month, ahead) => {
                run.fail(
                    row,
                    PAID_THROUGH,
                    format!(
                        "ส่งถึงเดือน {} ล่วงหน้าเกิน {ahead} เดือนจากวันยกยอดตามระเบียบกลุ่ม — ตรวจปี พ.ศ. ที่พิมพ์",
                        month_text(t)
                    ),
                );
                continue;
            }
            Some(t) if t >= joined && sajja.is_zero() => {
                run.fail(
                    row,
                    SAJJA_AMOUNT,
                    format!(
                        "ส่งถึงเดือน {} แต่เงินสัจจะสะสมเป็น 0 — ใส่ยอดเงินสัจจะสะสม หรือเว้นเดือนที่ส่งถึงให้ว่าง",
                        month_text(t)
                    ),
                );
                continue;
            }
            _ => {}
        }
        run.line(
            row,
            format!(
                "สมาชิกเลขที่ {} {}: สัจจะ {} บาท (ส่งถึง {}) เงินฝาก {} บาท ค่าปรับค้าง {} บาท",
                m.number,
                m.full_name,
                sajja.grouped(),
                through.map_or("-".to_string(), month_text),
                deposits.grouped(),
                fines.grouped()
            ),
        );
        lines.push(Line {
            member_id: m.id,
            paid_through: through,
            sajja,
            deposits,
            fines,
        });
    }
    if !run.errors.is_empty() {
        return Ok(());
    }
    let date = cutover;
    let mut entries = [
        (
            "sajja",
            NewEntry::new(date, EntryKind::Opening, "ยอดยกมา เงินสัจจะสะสมของสมาชิก"),
            "เงินสัจจะยกมา",
        ),
        (
            "deposits",
            NewEntry::new(date, EntryKind::Opening, "ยอดยกมา เงินฝากของสมาชิก"),
            "เงินฝากยกมา",
        ),
        (
            "fines",
            NewEntry::new(date, EntryKind::Opening, "ยอดยกมา ค่าปรับค้างรับของสมาชิก"),
            "ค่าปรับค้างรับยกมา",
        ),
    ];
    let mut stmt = conn.prepare_cached(
        "INSERT INTO member_opening (member_id, paid_through, sajja, deposits, fines)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for l in &lines {
        entries[0]
            .1
            .push(Posting::credit(SAJJA, l.sajja).for_member(&l.member_id));
        entries[1]
            .1
            .push(Posting::credit(DEPOSITS, l.deposits).for_member(&l.member_id));
        entries[2]
            .1
            .push(Posting::debit(FINES_RECEIVABLE, l.fines).for_member(&l.member_id));
        stmt.execute(params![
            l.member_id,
            l.paid_through.map(|m| m.to_string()),
            l.sajja,
            l.deposits,
            l.fines
        ])?;
    }
    for (kind, entry, label) in entries {
        let total: Money = entry.postings.iter().map(|p| p.amount.abs()).sum();
        run.total(label, total);
        if !entry.postings.is_empty() {
            post_opening(conn, run, kind, entry)?;
        }
    }
    Ok(())
}
