//! The businesses' part of `sajja verify`: every item replayed from its movements (the cost of
//! every sale and shortage recomputed by the costing in force, quantities never below zero,
//! the kept quantity and value after each movement), every movement's value booked on the
//! stock account in its entry, the stock account equal to the sum of the items' values, and
//! each business's cash never below zero at the end of any day.

use std::collections::HashMap;

use rusqlite::Connection;

use super::stock::{self, Costing, Lots};
use crate::account::{BUSINESS_CASH, STOCK};
use crate::error::Result;
use crate::money::Money;

pub(crate) fn verify(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    items(conn, problems)?;
    booked(conn, problems)?;
    cash_never_negative(conn, problems)?;
    kept_balances(conn, problems)?;
    super::rice::verify(conn, problems)?;
    super::rice::verify_deposits(conn, problems)
}

fn items(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT i.id, i.name, b.name FROM item i JOIN business b ON b.id = i.business_id
         ORDER BY b.number, i.number",
    )?;
    let list: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut total = 0i64;
    for (id, name, business) in list {
        let moves = stock::moves_of(conn, &id)?;
        let mut lots = Lots::default();
        let mut before: HashMap<i64, Lots> = HashMap::new();
        let mut last_date = None;
        for m in &moves {
            let what = format!("{business} สินค้า {name} รายการที่ {}", m.id);
            if last_date.is_some_and(|d| m.date < d) {
                problems.push(format!("{what} ลงวันที่ย้อนหลังรายการก่อนหน้า"));
            }
            last_date = Some(m.date);
            before.insert(m.id, lots.clone());
            let costing = Costing::at(conn, m.date)?;
            if let Some(reversed) = m.reverses {
                match before.get(&reversed) {
                    Some(l) => lots = l.clone(),
                    None => problems.push(format!("{what} ยกเลิกรายการที่ไม่มีอยู่")),
                }
            } else if m.qty < 0 {
                if -m.qty > lots.qty() {
                    problems.push(format!("{what} ทำให้จำนวนสินค้าติดลบ"));
                }
                let cost = lots.take(-m.qty, costing);
                if cost != -m.value {
                    problems.push(format!(
                        "{what} ต้นทุน {} บาท แต่คำนวณใหม่ได้ {} บาท",
                        Money::from_satang(-m.value).grouped(),
                        Money::from_satang(cost).grouped()
                    ));
                }
            } else {
                lots.put(m.qty, m.value, costing);
            }
            if (lots.qty(), lots.value()) != (m.qty_after, m.value_after) {
                problems.push(format!(
                    "{what} ยอดคงเหลือที่เก็บไว้ไม่ตรงกับการคำนวณจากรายการทั้งหมด"
                ));
                lots = Lots::default();
                lots.put(m.qty_after, m.value_after, Costing::Average);
            }
            if m.qty_after < 0 || m.value_after < 0 {
                problems.push(format!("{what} จำนวนหรือมูลค่าสินค้าติดลบ"));
            }
        }
        total += lots.value();
    }
    let booked: i64 = conn.query_row(
        "SELECT coalesce(sum(amount), 0) FROM posting WHERE account = ?1",
        [STOCK],
        |r| r.get(0),
    )?;
    if booked != total {
        problems.push(format!(
            "มูลค่าสินค้าคงเหลือในบัญชี ({} บาท) ไม่เท่ากับผลรวมจำนวน × ต้นทุนของสินค้าทุกรายการ ({} บาท)",
            Money::from_satang(booked).grouped(),
            Money::from_satang(total).grouped()
        ));
    }
    Ok(())
}

/// Every movement with a value has an entry posting exactly that value on the stock account;
/// every posting on the stock account or a business's cash belongs to a business's entry.
fn booked(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT m.id, m.value, m.entry_id,
                (SELECT coalesce(sum(p.amount), 0) FROM journal_entry e
                 JOIN posting p ON p.entry_seq = e.seq AND p.account = ?1
                 WHERE e.id = m.entry_id)
         FROM stock_move m WHERE m.value <> 0 OR m.entry_id IS NOT NULL",
    )?;
    let rows = stmt.query_map([STOCK], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    for row in rows {
        let (id, value, entry, posted) = row?;
        if entry.is_none() || posted != value {
            problems.push(format!(
                "รายการสินค้าที่ {id} มูลค่า {} บาท แต่บันทึกในบัญชีสินค้าคงเหลือ {} บาท",
                Money::from_satang(value).grouped(),
                Money::from_satang(posted).grouped()
            ));
        }
    }
    let stray: i64 = conn.query_row(
        "SELECT count(*) FROM posting p WHERE p.account IN (?1, ?2)
         AND NOT EXISTS (SELECT 1 FROM business_entry b WHERE b.entry_seq = p.entry_seq)",
        [STOCK, BUSINESS_CASH],
        |r| r.get(0),
    )?;
    if stray > 0 {
        problems.push(format!(
            "มีบรรทัดบัญชีสินค้าหรือเงินสดของธุรกิจ {stray} บรรทัดที่ไม่ได้เป็นของธุรกิจใด"
        ));
    }
    Ok(())
}

fn cash_never_negative(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT bs.name, p.date, sum(p.amount) FROM business_entry b
         JOIN business bs ON bs.id = b.business_id
         JOIN posting p ON p.entry_seq = b.entry_seq AND p.account = ?1
         GROUP BY bs.number, p.date ORDER BY bs.number, p.date",
    )?;
    let rows = stmt.query_map([BUSINESS_CASH], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut running: HashMap<String, i64> = HashMap::new();
    for row in rows {
        let (name, date, sum) = row?;
        let r = running.entry(name.clone()).or_default();
        *r += sum;
        if *r < 0 {
            problems.push(format!(
                "เงินสดของ{name}ติดลบ {} บาท ณ สิ้นวันที่ {date}",
                Money::from_satang(-*r).grouped()
            ));
        }
    }
    Ok(())
}

/// The kept balances of each business equal the sums of its entries' postings.
fn kept_balances(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let differ: i64 = conn.query_row(
        "WITH derived AS (
             SELECT b.business_id, p.account, sum(p.amount) AS amount FROM business_entry b
             JOIN posting p ON p.entry_seq = b.entry_seq GROUP BY 1, 2)
         SELECT count(*) FROM (
             SELECT d.business_id FROM derived d LEFT JOIN business_balance k
               ON k.business_id = d.business_id AND k.account = d.account
             WHERE coalesce(k.amount, 0) <> d.amount
             UNION ALL
             SELECT k.business_id FROM business_balance k LEFT JOIN derived d
               ON k.business_id = d.business_id AND k.account = d.account
             WHERE k.amount <> coalesce(d.amount, 0))",
        [],
        |r| r.get(0),
    )?;
    if differ > 0 {
        problems.push("ยอดคงเหลือที่เก็บไว้ของธุรกิจกลุ่มไม่ตรงกับผลรวมของรายการบัญชี".into());
    }
    Ok(())
}
