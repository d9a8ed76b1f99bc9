//! The loans' part of `sajja verify`.

use super::*;

/// Checks for `sajja verify`: every loan posting names a known loan, balances agree with
/// statuses, and the loan triggers are in place.
pub fn verify(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    for name in [
        "loan_terms_fixed",
        "loan_status_by_event",
        "loan_event_no_update",
        "loan_event_no_delete",
        "loan_paid_off",
    ] {
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [name],
            |r| r.get(0),
        )?;
        if n == 0 {
            problems.push(format!(
                "ตัวป้องกันข้อมูลเงินกู้ \"{name}\" ถูกลบออก — ไฟล์อาจถูกแก้ไขนอกโปรแกรม"
            ));
        }
    }
    let untagged: i64 = conn.query_row(
        "SELECT count(*) FROM posting p WHERE p.account = '1200'
           AND (p.loan_id IS NULL OR NOT EXISTS (SELECT 1 FROM loan l WHERE l.id = p.loan_id))",
        [],
        |r| r.get(0),
    )?;
    if untagged > 0 {
        problems.push(format!("มีรายการลูกหนี้เงินกู้ {untagged} บรรทัดที่ไม่ได้ระบุสัญญาเงินกู้"));
    }
    let mut stmt = conn.prepare(
        "SELECT l.number, l.status, coalesce(sum(p.amount), 0) AS bal
         FROM loan l LEFT JOIN posting p ON p.loan_id = l.id AND p.account = '1200'
         GROUP BY l.id
         HAVING (l.status = 'active' AND bal <= 0) OR (l.status <> 'active' AND bal <> 0)",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (number, status, bal): (String, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        problems.push(format!(
            "สัญญาเงินกู้ {number} สถานะ \"{}\" แต่ยอดคงเหลือในบัญชีเป็น {} บาท",
            status_label(&status),
            Money::from_satang(bal).grouped()
        ));
    }
    Ok(())
}
