//! The keyed seal of the journal (`sajja seal --set|--check`): the audit committee's
//! passphrase, through argon2id, gives a key that is never stored; a seal is an HMAC of the
//! chain head at an entry, chained to the previous seal. Someone who rewrites the history and
//! recomputes every hash cannot make new seals without the passphrase, so the next check shows
//! which sealed stretch of the journal was changed.
//!
//! The file keeps only the salt, the argon2 parameters and a check value (an HMAC of a fixed
//! text) that tells a mistyped passphrase from a tampered chain.

use argon2::{Algorithm, Argon2, Params, Version};
use hmac::{Hmac, Mac};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

type HmacSha256 = Hmac<Sha256>;

/// argon2id with OWASP's minimum for interactive use: 19 MiB, two passes, one lane.
const M_COST_KIB: u32 = 19_456;
const T_COST: u32 = 2;
const P_COST: u32 = 1;
const KEY_CHECK_TEXT: &[u8] = b"sajja-seal-key-check";

/// What a seal or a check found.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SealReport {
    /// Every seal matched the journal as it is now.
    pub ok: bool,
    pub seals: usize,
    /// The last sealed entry (sequence number) and when it was sealed.
    pub sealed_through: Option<i64>,
    pub last_sealed_at: Option<String>,
    /// Entries posted after the last seal (not yet covered).
    pub unsealed_entries: i64,
    /// Every seal that no longer matches, in Thai.
    pub problems: Vec<String>,
    pub message: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn derive(passphrase: &str, salt: &str) -> Result<[u8; 32]> {
    let params = Params::new(M_COST_KIB, T_COST, P_COST, Some(32))
        .map_err(|e| Error::Refused(format!("ตั้งค่าการคำนวณกุญแจไม่ได้: {e}")))?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt.as_bytes(), &mut key)
        .map_err(|e| Error::Refused(format!("คำนวณกุญแจจากรหัสผ่านไม่ได้: {e}")))?;
    Ok(key)
}

fn mac(key: &[u8; 32], parts: &[&[u8]]) -> String {
    let mut m = <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    for p in parts {
        m.update(p);
        m.update(&[0x1f]);
    }
    hex(&m.finalize().into_bytes())
}

fn seal_mac(key: &[u8; 32], seq: i64, head: &str, prev: &str) -> String {
    mac(
        key,
        &[
            b"seal",
            seq.to_string().as_bytes(),
            head.as_bytes(),
            prev.as_bytes(),
        ],
    )
}

fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < 8 {
        return Err(Error::invalid(
            "passphrase",
            "รหัสผ่านผนึกบัญชีต้องยาวอย่างน้อย 8 ตัวอักษร — ใช้ประโยคที่คณะกรรมการตรวจสอบจำได้ แต่คนอื่นเดาไม่ได้",
        ));
    }
    Ok(())
}

/// The key of the seal set on these books, from the passphrase; refused when the passphrase
/// does not match the one the seal was set with. `None`: never sealed.
fn key_of(conn: &Connection, passphrase: &str) -> Result<Option<[u8; 32]>> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT salt, key_check FROM seal_key WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((salt, key_check)) = row else {
        return Ok(None);
    };
    let key = derive(passphrase, &salt)?;
    if mac(&key, &[KEY_CHECK_TEXT]) != key_check {
        return Err(Error::invalid(
            "passphrase",
            "รหัสผ่านผนึกบัญชีไม่ตรงกับที่ตั้งไว้ — ถ้าแน่ใจว่าพิมพ์ถูก แปลว่าการผนึกในไฟล์ถูกเปลี่ยน ให้คณะกรรมการตรวจสอบเทียบกับสำเนาสำรองและเอกสารฉบับพิมพ์",
        ));
    }
    Ok(Some(key))
}

/// Checks every seal against the journal recomputed from its entries.
fn run_check(conn: &Connection, key: &[u8; 32]) -> Result<SealReport> {
    let heads = crate::checkcode::recomputed_heads(conn)?;
    let mut stmt = conn.prepare("SELECT chain_seq, mac, sealed_at FROM seal ORDER BY id")?;
    let seals: Vec<(i64, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut problems = Vec::new();
    let mut prev = String::new();
    for (i, (seq, stored, at)) in seals.iter().enumerate() {
        let head = match usize::try_from(*seq) {
            Ok(0) => Some(String::new()),
            Ok(n) => heads.get(n - 1).cloned(),
            Err(_) => None,
        };
        match head {
            None => problems.push(format!(
                "ผนึกครั้งที่ {} ({at}) ครอบคลุมถึงรายการที่ {seq} แต่ในไฟล์เหลือเพียง {} รายการ — รายการบัญชีถูกลบ",
                i + 1,
                heads.len()
            )),
            Some(head) if seal_mac(key, *seq, &head, &prev) != *stored => problems.push(format!(
                "ผนึกครั้งที่ {} ({at}) ไม่ตรงกับบัญชี — รายการบัญชีถึงรายการที่ {seq} ถูกแก้ไขหลังผนึก",
                i + 1
            )),
            Some(_) => {}
        }
        prev = stored.clone();
    }
    let last = seals.last();
    let sealed_through = last.map(|s| s.0);
    let unsealed = heads.len() as i64 - sealed_through.unwrap_or(0);
    let ok = problems.is_empty();
    let message = if ok {
        format!(
            "ผนึกบัญชีตรงกันทั้ง {} ครั้ง: รายการบัญชีถึงรายการที่ {} ไม่ถูกแก้ไขตั้งแต่ผนึก{}",
            seals.len(),
            sealed_through.unwrap_or(0),
            if unsealed > 0 {
                format!(" (มีรายการหลังผนึกครั้งล่าสุดอีก {unsealed} รายการ)")
            } else {
                String::new()
            }
        )
    } else {
        problems.join("; ")
    };
    Ok(SealReport {
        ok,
        seals: seals.len(),
        sealed_through,
        last_sealed_at: last.map(|s| s.2.clone()),
        unsealed_entries: unsealed.max(0),
        problems,
        message,
    })
}

/// `seal --check`: whether the journal still matches every seal.
pub fn check(conn: &Connection, passphrase: &str) -> Result<SealReport> {
    let Some(key) = key_of(conn, passphrase)? else {
        return Err(Error::Refused(
            "บัญชีนี้ยังไม่ได้ผนึก — ให้คณะกรรมการตรวจสอบผนึกบัญชีก่อน (sajja seal --set)".into(),
        ));
    };
    run_check(conn, &key)
}

/// `seal --set`: seals the journal as it stands with the passphrase (set on first use; later
/// seals need the same passphrase). Refused when an earlier seal no longer matches: sealing
/// over a changed history would hide it.
pub(crate) fn set(conn: &Connection, passphrase: &str) -> Result<SealReport> {
    check_passphrase(passphrase)?;
    let key = match key_of(conn, passphrase)? {
        Some(key) => {
            let report = run_check(conn, &key)?;
            if !report.ok {
                return Err(Error::Refused(format!(
                    "ผนึกใหม่ไม่ได้ เพราะบัญชีไม่ตรงกับผนึกเดิม — {}",
                    report.message
                )));
            }
            key
        }
        None => {
            let salt = {
                let mut h = Sha256::new();
                h.update(uuid::Uuid::now_v7().as_bytes());
                h.update(crate::clock::now_utc().as_bytes());
                hex(&h.finalize()[..16])
            };
            let key = derive(passphrase, &salt)?;
            conn.execute(
                "INSERT INTO seal_key (id, salt, params, key_check, set_at) VALUES (1, ?1, ?2, ?3, ?4)",
                params![
                    salt,
                    format!("argon2id m={M_COST_KIB} t={T_COST} p={P_COST}"),
                    mac(&key, &[KEY_CHECK_TEXT]),
                    crate::clock::now_utc()
                ],
            )?;
            key
        }
    };
    let heads = crate::checkcode::recomputed_heads(conn)?;
    let (seq, stored_head) = crate::snapshot::chain_head(conn)?;
    let head = heads.last().cloned().unwrap_or_default();
    if head != stored_head {
        return Err(Error::Refused(
            "ผนึกไม่ได้: ลายมือชื่อดิจิทัลของรายการล่าสุดไม่ตรงกับเนื้อหา — ตรวจด้วย sajja verify ก่อน".into(),
        ));
    }
    let prev: String = conn
        .query_row("SELECT mac FROM seal ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_default();
    conn.execute(
        "INSERT INTO seal (chain_seq, chain_head, mac, sealed_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            seq,
            head,
            seal_mac(&key, seq, &head, &prev),
            crate::clock::now_utc()
        ],
    )?;
    crate::audit::record(conn, "seal", &format!("ผนึกบัญชีถึงรายการที่ {seq}"))?;
    run_check(conn, &key)
}
