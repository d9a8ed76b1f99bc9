//! The loans' part of `sajja verify`.

use super::*;

/// Checks for `sajja verify`: every loan posting names a known loan, balances agree with
/// statuses, and the loan triggers are in place.
pub fn verify(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let guards = [
        "loan_terms_fixed",
        "loan_status_by_event",
        "loan_event_no_update",
        "loan_event_no_delete",
        "loan_paid_off",
    ];
    for name in crate::db::missing_triggers(conn, &guards)? {
        problems.push(format!(
            "ตัวป้องกันข้อมูลเงินกู้ \"{name}\" ถูกลบออก — ไฟล์อาจถูกแก้ไขนอกโปรแกรม"
        ));
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

/// After a reversal: every loan it touched keeps a principal balance its status agrees with,
/// the rule `verify` checks — owed while being repaid, nothing once it has ended. Reversing a
/// payout after repayments (or a repayment of a loan since written off or restructured) would
/// leave the loan card and the ledger apart, so it is refused and nothing is written.
pub(crate) fn ensure_balances_agree<'a>(
    conn: &Connection,
    loan_ids: impl IntoIterator<Item = &'a str>,
) -> Result<()> {
    for id in loan_ids {
        let loan = find(conn, id)?;
        let owed = balance(conn, id, None)?;
        let agrees = if loan.status == LoanStatus::Active {
            owed.is_positive()
        } else {
            owed.is_zero()
        };
        if agrees {
            continue;
        }
        return Err(Error::Refused(if owed.is_negative() {
            format!(
                "ยกเลิกรายการนี้ไม่ได้ — สัญญาเงินกู้ {} จะมียอดเงินต้นคงเหลือติดลบ {} บาท เพราะมีการชำระคืนหลังรายการนี้แล้ว ยกเลิกรายการชำระคืนที่หลังกว่าก่อน",
                loan.number,
                (-owed).grouped()
            )
        } else {
            format!(
                "ยกเลิกรายการนี้ไม่ได้ — สัญญาเงินกู้ {} {} แล้ว แต่จะมียอดเงินต้นค้าง {} บาท",
                loan.number,
                loan.status.label(),
                owed.grouped()
            )
        }));
    }
    Ok(())
}
