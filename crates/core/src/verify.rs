//! `sajja verify`: proves a books file is sound, listing every problem rather than the first.
//!
//! Checks: SQLite's own integrity check and foreign keys; the immutability triggers are in
//! place; every entry has at least two postings that balance and carry the entry's date; the
//! hash chain over all entries is intact (so no posted row was altered, even with the triggers
//! dropped); the derived balances equal the sums of postings; receipt numbers have no gaps;
//! every counter equals what it counts (entries, receipts, loans, members, closed months), so
//! deleting the newest entry or a month-lock row is caught; the lock history only grows; the
//! derived tables (balances, fine accruals, passbooks) agree with the journal.
//!
//! A check that cannot run (a damaged page, a value of the wrong type) is itself a problem
//! on the list, and the other checks still run.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::journal::{chain_hash, EntryRow, StoredPostings};

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Report {
    pub ok: bool,
    pub entries: i64,
    pub postings: i64,
    pub members: i64,
    /// Every problem found, in Thai.
    pub problems: Vec<String>,
}

/// Refuses with the problems found when the books are not sound (month close runs this
/// before locking a month).
pub(crate) fn refuse_unsound(conn: &Connection) -> Result<()> {
    let report = run(conn)?;
    if report.ok {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "ปิดเดือนไม่ได้: ไฟล์บัญชีมีปัญหา — {}",
        report.problems.join("; ")
    )))
}

type Check = fn(&Connection, &mut Vec<String>) -> Result<()>;

/// Every check with the Thai name used when it cannot run.
const CHECKS: &[(&str, Check)] = &[
    ("ความสมบูรณ์ของไฟล์", integrity),
    ("ตัวป้องกันการแก้ไข", triggers),
    ("ความสมดุลของรายการ", balanced),
    ("ลายมือชื่อดิจิทัลของรายการ", hash_chain),
    ("ยอดคงเหลือที่เก็บไว้", derived_balances),
    ("เลขที่ใบเสร็จ", receipt_gaps),
    ("ตัวนับเลขที่", counters),
    ("ประวัติการปิดบัญชี", lock_history),
    ("ค่าปรับที่คิดแล้ว", fine_accruals),
    ("สมุดคู่ฝาก", passbooks),
    ("เงินกู้", crate::loan::verify),
    ("สินค้าและเงินสดของธุรกิจกลุ่ม", crate::business::audit::verify),
    ("ยอดยกมา", crate::import::verify),
    ("สถานะสมาชิกกับเงินของสมาชิก", crate::exit::verify),
    ("เงินสด เงินฝากธนาคาร และทุนค่าใช้สอยรายวัน", never_negative),
];

pub fn run(conn: &Connection) -> Result<Report> {
    let mut problems = Vec::new();
    for (name, check) in CHECKS {
        if let Err(e) = check(conn, &mut problems) {
            problems.push(format!("ตรวจ{name}ไม่ได้: {e}"));
        }
    }
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap_or(-1) };
    Ok(Report {
        ok: problems.is_empty(),
        entries: count("SELECT count(*) FROM journal_entry"),
        postings: count("SELECT count(*) FROM posting"),
        members: count("SELECT count(*) FROM member"),
        problems,
    })
}

/// Cash, bank and the expense fund are never below zero at the end of any day; the fund only
/// through bank fees the bank took itself, which reports show with the reason.
fn never_negative(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    use crate::ledger::{first_negative, Guard};
    let Some(first) = conn.query_row("SELECT min(date) FROM posting", [], |r| {
        r.get::<_, Option<chrono::NaiveDate>>(0)
    })?
    else {
        return Ok(());
    };
    for guard in [Guard::Cash, Guard::Bank, Guard::ExpenseFundBeforeBankFees] {
        if let Some((day, amount)) = first_negative(conn, guard, first, crate::Money::ZERO)? {
            problems.push(format!(
                "{}ติดลบ {} บาท ในวันที่ {}",
                guard.label(),
                (-amount).grouped(),
                crate::thai::format_date(day, crate::thai::Digits::Arabic)
            ));
        }
    }
    Ok(())
}

fn integrity(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
        match line {
            Ok(line) if line == "ok" => {}
            Ok(line) => problems.push(format!("ไฟล์ฐานข้อมูลเสียหาย: {line}")),
            Err(e) => {
                problems.push(format!("ไฟล์ฐานข้อมูลเสียหาย: {e}"));
                break;
            }
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let table: String = r.get(0)?;
        problems.push(format!("ข้อมูลอ้างอิงไม่ครบในตาราง {table}"));
    }
    Ok(())
}

const REQUIRED_TRIGGERS: &[&str] = &[
    "journal_entry_no_update",
    "journal_entry_no_delete",
    "posting_no_update",
    "posting_no_delete",
    "journal_entry_locked",
    "posting_balance",
    "period_lock_no_update",
    "period_lock_no_delete",
];

fn triggers(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    for name in crate::db::missing_triggers(conn, REQUIRED_TRIGGERS)? {
        problems.push(format!(
            "ตัวป้องกันการแก้ไขบัญชี \"{name}\" ถูกลบออก — ไฟล์อาจถูกแก้ไขนอกโปรแกรม"
        ));
    }
    Ok(())
}

fn balanced(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT e.seq, e.id, count(p.line), coalesce(sum(p.amount), 0),
                count(*) FILTER (WHERE p.date <> e.date)
         FROM journal_entry e LEFT JOIN posting p ON p.entry_seq = e.seq
         GROUP BY e.seq
         HAVING count(p.line) < 2 OR coalesce(sum(p.amount), 0) <> 0
             OR count(*) FILTER (WHERE p.date <> e.date) > 0",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (seq, id, lines, sum, wrong_dates): (i64, String, i64, i64, i64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        if lines < 2 {
            problems.push(format!("รายการที่ {seq} ({id}) มีน้อยกว่าสองบรรทัด"));
        }
        if sum != 0 {
            let residual = crate::money::Money::from_satang(sum).grouped();
            problems.push(format!("รายการที่ {seq} ({id}) ไม่สมดุล ต่างกัน {residual} บาท"));
        }
        if wrong_dates > 0 {
            problems.push(format!("รายการที่ {seq} ({id}) มีบรรทัดที่วันที่ไม่ตรงกับรายการ"));
        }
    }
    let orphans: i64 = conn.query_row(
        "SELECT count(*) FROM posting p WHERE NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.seq = p.entry_seq)",
        [],
        |r| r.get(0),
    )?;
    if orphans > 0 {
        problems.push(format!("มีบรรทัดบัญชี {orphans} บรรทัดที่ไม่มีรายการแม่"));
    }
    Ok(())
}

fn hash_chain(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut entries = conn.prepare(&format!(
        "SELECT {}, hash FROM journal_entry ORDER BY seq",
        EntryRow::COLUMNS
    ))?;
    let mut lines = StoredPostings::new(conn)?;
    let mut prev = String::new();
    let mut expected_seq = 1;
    let mut rows = entries.query([])?;
    while let Some(r) = rows.next()? {
        let row = EntryRow::read(r)?;
        let stored: String = r.get(10)?;
        if row.seq != expected_seq {
            problems.push(format!("ลำดับรายการขาดหาย: ไม่พบรายการที่ {expected_seq}"));
        }
        expected_seq = row.seq + 1;
        let postings = lines.of(row.seq)?;
        if chain_hash(&prev, &row, &postings) != stored {
            problems.push(format!(
                "รายการที่ {} ({}) ถูกแก้ไขหลังบันทึก (ลายมือชื่อดิจิทัลไม่ตรง)",
                row.seq, row.id
            ));
        }
        prev = stored;
    }
    Ok(())
}

fn derived_balances(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let collect = |sql: &str| -> Result<BTreeMap<(String, String), i64>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let cached = collect("SELECT account, member_key, amount FROM balance WHERE amount <> 0")?;
    let actual = collect(
        "SELECT account, coalesce(member_id, ''), sum(amount) FROM posting
         GROUP BY account, coalesce(member_id, '') HAVING sum(amount) <> 0",
    )?;
    if cached != actual {
        problems.push("ยอดคงเหลือที่เก็บไว้ไม่ตรงกับผลรวมของรายการบัญชี".into());
    }
    Ok(())
}

/// Receipt numbers are `YYYY/NNNN` per accounting year; within a year they run 1..n.
fn receipt_gaps(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare("SELECT receipt FROM journal_entry WHERE receipt IS NOT NULL")?;
    let mut by_year: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for r in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let r = r?;
        if let Some((year, n)) = r.split_once('/') {
            if let Ok(n) = n.parse() {
                by_year.entry(year.to_string()).or_default().push(n);
                continue;
            }
        }
        problems.push(format!("เลขที่ใบเสร็จ \"{r}\" ผิดรูปแบบ"));
    }
    for (year, mut numbers) in by_year {
        numbers.sort_unstable();
        for (i, n) in numbers.iter().enumerate() {
            if *n != i as u32 + 1 {
                problems.push(format!("เลขที่ใบเสร็จปี {year} ขาดช่วงก่อนเลขที่ {n}"));
                break;
            }
        }
    }
    Ok(())
}

/// A counter (`counter` table) against what it counts. Counters only grow and numbers are
/// never reused, so a counter ahead of its rows means rows were removed.
fn counters(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let counter = |name: &str| -> Result<Option<i64>> {
        Ok(conn
            .query_row("SELECT last FROM counter WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?)
    };
    let one = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    // Journal entries: the counter follows the last seq written.
    if let Some(last) = counter("journal")? {
        let max_seq = one("SELECT coalesce(max(seq), 0) FROM journal_entry")?;
        if max_seq != last {
            problems.push(format!(
                "ตัวนับรายการบัญชีอยู่ที่ {last} แต่รายการล่าสุดในไฟล์คือรายการที่ {max_seq} — รายการล่าสุดถูกลบออกนอกโปรแกรม"
            ));
        }
    }
    // Members: numbers 1..=last, none ever deleted.
    if let Some(last) = counter("member")? {
        let (count, max) = conn.query_row(
            "SELECT count(*), coalesce(max(number), 0) FROM member",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        )?;
        if count != last || max != last {
            problems.push(format!(
                "ตัวนับเลขที่สมาชิกอยู่ที่ {last} แต่มีสมาชิก {count} คน (เลขที่สูงสุด {max}) — ทะเบียนสมาชิกถูกแก้ไขนอกโปรแกรม"
            ));
        }
    }
    // Receipts and loans: per accounting year, the counter equals the highest number used.
    for (sequence, what, sql) in [
        (
            "receipt",
            "ใบเสร็จ",
            "SELECT receipt FROM journal_entry WHERE receipt IS NOT NULL",
        ),
        ("loan", "สัญญาเงินกู้", "SELECT number FROM loan"),
    ] {
        let mut used: BTreeMap<String, i64> = BTreeMap::new();
        let mut stmt = conn.prepare(sql)?;
        for number in stmt.query_map([], |r| r.get::<_, String>(0))? {
            if let Some((year, n)) = number?.split_once('/') {
                if let Ok(n) = n.parse::<i64>() {
                    let e = used.entry(year.to_string()).or_default();
                    *e = (*e).max(n);
                }
            }
        }
        let mut stmt = conn.prepare("SELECT name, last FROM counter WHERE name LIKE ?1")?;
        let kept: BTreeMap<String, i64> = stmt
            .query_map([format!("{sequence}:%")], |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|(name, last)| {
                name.split_once(':')
                    .map(|(_, year)| (year.to_string(), last))
            })
            .collect();
        for year in kept
            .keys()
            .chain(used.keys())
            .collect::<std::collections::BTreeSet<_>>()
        {
            let (k, u) = (
                kept.get(year).copied().unwrap_or(0),
                used.get(year).copied().unwrap_or(0),
            );
            if k != u {
                problems.push(format!(
                    "ตัวนับเลขที่{what}ปี {year} อยู่ที่ {k} แต่เลขที่สูงสุดที่ใช้คือ {u} — {what}ถูกลบหรือเพิ่มนอกโปรแกรม"
                ));
            }
        }
    }
    // Closed months: one lock row per close, never removed.
    if let Some(last) = counter("period_lock")? {
        let rows = one("SELECT count(*) FROM period_lock")?;
        if rows != last {
            problems.push(format!(
                "ปิดบัญชีไปแล้ว {last} ครั้ง แต่พบบันทึกการปิดบัญชี {rows} รายการ — ประวัติการปิดบัญชีถูกแก้ไขนอกโปรแกรม"
            ));
        }
    }
    Ok(())
}

/// Locks only move forward: each later lock (by when it was made) closes a later date, and
/// every month-close entry of the journal has its lock row.
fn lock_history(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt =
        conn.prepare("SELECT through, locked_at FROM period_lock ORDER BY locked_at, rowid")?;
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for pair in rows.windows(2) {
        if pair[1].0 <= pair[0].0 {
            problems.push(format!(
                "ประวัติการปิดบัญชีย้อนหลัง: ปิดถึง {} หลังจากปิดถึง {} แล้ว — ประวัติถูกแก้ไขนอกโปรแกรม",
                pair[1].0, pair[0].0
            ));
        }
    }
    Ok(())
}

/// Each fined month names the entry that charged it: that entry exists, is the member's, and
/// carries the same date.
fn fine_accruals(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT f.member_id, f.month, f.entry_id, f.date, e.member_id, e.date
         FROM fine_accrual f LEFT JOIN journal_entry e ON e.id = f.entry_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (member, month, entry, date): (String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let (e_member, e_date): (Option<String>, Option<String>) = (r.get(4)?, r.get(5)?);
        if e_date.is_none() {
            problems.push(format!("ค่าปรับเดือน {month} อ้างถึงรายการ {entry} ที่ไม่มีในบัญชี"));
        } else if e_member.as_deref() != Some(member.as_str()) || e_date.as_deref() != Some(&date) {
            problems.push(format!(
                "ค่าปรับเดือน {month} ไม่ตรงกับรายการ {entry} ที่คิดค่าปรับ (สมาชิกหรือวันที่ต่างกัน)"
            ));
        }
    }
    Ok(())
}

/// A passbook's last printed line names a journal entry that exists.
fn passbooks(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let bad: i64 = conn.query_row(
        "SELECT count(*) FROM passbook
         WHERE entry_seq > (SELECT coalesce(max(seq), 0) FROM journal_entry)
            OR prev_entry_seq > entry_seq",
        [],
        |r| r.get(0),
    )?;
    if bad > 0 {
        problems.push(format!(
            "สมุดคู่ฝาก {bad} เล่มอ้างถึงรายการที่ไม่มีในบัญชี — ข้อมูลการพิมพ์สมุดถูกแก้ไขนอกโปรแกรม"
        ));
    }
    Ok(())
}
