//! Check codes on paper (รหัสตรวจสอบ): a short code printed on every document, derived from
//! the journal's chain head at the moment the figures were taken and from the document's own
//! figures, so that one old paper proves what the books said.
//!
//! The code is `XXXX-XXXX` over 32 characters that cannot be mistaken for one another on
//! paper or when typed back (no 0/O, no 1/I), 40 bits of sha256 over the group's id, the
//! sequence number and hash of the last journal entry, the document's kind and the digest of
//! its figures. Each code printed is recorded (`issued_code`), but a check never trusts that
//! record alone: the chain head at its sequence number is recomputed from the entries
//! themselves, so a history rewritten and rehashed by someone holding the file no longer
//! gives the code on the paper. Someone who also edits the record must find a digest that
//! gives the old code: a search of 2^40 hashes per paper.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::journal::{chain_hash, EntryRow, StoredPostings};

/// The characters of a code: digits 2–9 and capitals without I and O.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// The kind recorded for the code of a whole books file (a backup's code).
pub const BOOKS: &str = "books";

/// The code of `document` with figures `content` taken when the journal ended at entry `seq`
/// with hash `head`, for the group `group` (its uuid).
pub fn code(group: &str, seq: i64, head: &str, document: &str, content: &str) -> String {
    let mut h = Sha256::new();
    for part in [
        "sajja-check-code",
        group,
        &seq.to_string(),
        head,
        document,
        content,
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    let digest = h.finalize();
    let mut bits: u64 = 0;
    for b in &digest[..5] {
        bits = (bits << 8) | u64::from(*b);
    }
    let chars: String = (0..8)
        .rev()
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// The digest of a document's figures: sha256 of the report model as JSON.
pub fn content_digest<T: Serialize>(model: &T) -> String {
    let bytes = serde_json::to_vec(model).unwrap_or_default();
    hex(&Sha256::digest(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A code as typed: any case, with or without the dash or spaces, Thai digits allowed.
pub fn normalise(typed: &str) -> Result<String> {
    let plain: String = crate::thai::to_arabic_digits(typed.trim())
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if plain.chars().count() != 8 || !plain.bytes().all(|b| ALPHABET.contains(&b)) {
        return Err(Error::invalid(
            "code",
            format!(
                "รหัสตรวจสอบ \"{}\" ไม่ถูกรูปแบบ — รหัสมี 8 ตัว เช่น 7KQ4-M2XD (ตัวเลข 2–9 และอักษรอังกฤษตัวใหญ่)",
                typed.trim()
            ),
        ));
    }
    Ok(format!("{}-{}", &plain[..4], &plain[4..]))
}

/// What a printed document was stamped with, recorded once it is written.
#[derive(Clone, Debug, Serialize)]
pub struct Issued {
    pub code: String,
    pub document: String,
    pub title: String,
    pub printed_on: chrono::NaiveDate,
    pub chain_seq: i64,
    pub chain_head: String,
    pub content: String,
}

/// The code of a document about to be printed from the books on `conn`.
pub fn issue<T: Serialize>(
    conn: &Connection,
    document: &str,
    title: &str,
    printed_on: chrono::NaiveDate,
    model: &T,
) -> Result<Issued> {
    let (seq, head) = crate::snapshot::chain_head(conn)?;
    let content = content_digest(model);
    Ok(Issued {
        code: code(&group_uuid(conn)?, seq, &head, document, &content),
        document: document.to_string(),
        title: title.to_string(),
        printed_on,
        chain_seq: seq,
        chain_head: head,
        content,
    })
}

/// The code of the whole books as they stand (shown for a backup before it is restored).
pub fn books_code(conn: &Connection) -> Result<String> {
    let (seq, head) = crate::snapshot::chain_head(conn)?;
    Ok(code(&group_uuid(conn)?, seq, &head, BOOKS, ""))
}

fn group_uuid(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row("SELECT uuid FROM group_info WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// Records a printed code; the same figures printed again keep their first record.
pub(crate) fn record(conn: &Connection, issued: &Issued) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO issued_code
            (code, document, title, printed_on, issued_at, chain_seq, chain_head, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            issued.code,
            issued.document,
            issued.title,
            issued.printed_on.to_string(),
            crate::clock::now_utc(),
            issued.chain_seq,
            issued.chain_head,
            issued.content
        ],
    )?;
    Ok(())
}

/// What `sajja verify --code` answers.
#[derive(Clone, Debug, Serialize)]
pub struct CodeCheck {
    pub code: String,
    /// The code was printed from these books (or is the code of these books at some entry).
    pub found: bool,
    /// Nothing in the journal up to the paper's point differs from when it was printed.
    pub unchanged: bool,
    pub document: Option<String>,
    pub title: Option<String>,
    pub printed_on: Option<chrono::NaiveDate>,
    /// The last journal entry the document's figures included.
    pub chain_seq: Option<i64>,
    /// The answer in Thai.
    pub message: String,
}

/// Whether `typed` belongs to these books, which document and date it came from, and whether
/// anything before it has changed since.
pub fn check(conn: &Connection, typed: &str) -> Result<CodeCheck> {
    let code_text = normalise(typed)?;
    let group = group_uuid(conn)?;
    let heads = recomputed_heads(conn)?;
    let head_at = |seq: i64| -> String {
        if seq <= 0 {
            String::new()
        } else {
            heads
                .get(usize::try_from(seq - 1).unwrap_or(usize::MAX))
                .cloned()
                .unwrap_or_default()
        }
    };
    let row = conn
        .query_row(
            "SELECT document, title, printed_on, chain_seq, content FROM issued_code WHERE code = ?1",
            [&code_text],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, chrono::NaiveDate>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?;
    let date = |d: chrono::NaiveDate| crate::thai::format_date(d, crate::thai::Digits::Arabic);
    if let Some((document, title, printed_on, seq, content)) = row {
        let exists = seq as usize <= heads.len();
        let unchanged =
            exists && code(&group, seq, &head_at(seq), &document, &content) == code_text;
        let message = if unchanged {
            format!(
                "รหัส {code_text} เป็นของบัญชีนี้: {title} พิมพ์เมื่อ {} — รายการบัญชีก่อนเอกสารนี้ (ถึงรายการที่ {seq}) ไม่ถูกแก้ไขตั้งแต่พิมพ์",
                date(printed_on)
            )
        } else {
            format!(
                "รหัส {code_text} ({title} พิมพ์เมื่อ {}) ไม่ตรงกับบัญชีในไฟล์นี้แล้ว — รายการบัญชีก่อนเอกสารนี้ (ถึงรายการที่ {seq}) ถูกแก้ไขหลังพิมพ์ ให้คณะกรรมการตรวจสอบเทียบกับเอกสารฉบับพิมพ์",
                date(printed_on)
            )
        };
        return Ok(CodeCheck {
            code: code_text,
            found: true,
            unchanged,
            document: Some(document),
            title: Some(title),
            printed_on: Some(printed_on),
            chain_seq: Some(seq),
            message,
        });
    }
    // The code of the books themselves at some entry (shown with a backup)?
    for seq in 0..=heads.len() as i64 {
        if code(&group, seq, &head_at(seq), BOOKS, "") == code_text {
            return Ok(CodeCheck {
                code: code_text.clone(),
                found: true,
                unchanged: true,
                document: Some(BOOKS.into()),
                title: Some("รหัสของไฟล์บัญชี (สำเนาสำรอง)".into()),
                printed_on: None,
                chain_seq: Some(seq),
                message: format!(
                    "รหัส {code_text} เป็นรหัสของไฟล์บัญชีนี้เมื่อมีรายการถึงรายการที่ {seq} — รายการก่อนหน้านั้นไม่ถูกแก้ไข"
                ),
            });
        }
    }
    Ok(CodeCheck {
        code: code_text.clone(),
        found: false,
        unchanged: false,
        document: None,
        title: None,
        printed_on: None,
        chain_seq: None,
        message: format!(
            "ไม่พบรหัส {code_text} ในบัญชีนี้ — เอกสารนี้ไม่ได้พิมพ์จากบัญชีของกลุ่มนี้ หรือบัญชีถูกแก้ไขจนรหัสเดิมหายไป ให้คณะกรรมการตรวจสอบเทียบตัวเลขกับเอกสารฉบับพิมพ์"
        ),
    })
}

/// The chain hash after each entry, recomputed from the entries and postings themselves (the
/// stored hashes are not trusted).
pub(crate) fn recomputed_heads(conn: &Connection) -> Result<Vec<String>> {
    let mut entries = conn.prepare(&format!(
        "SELECT {} FROM journal_entry ORDER BY seq",
        EntryRow::COLUMNS
    ))?;
    let mut lines = StoredPostings::new(conn)?;
    let mut heads = Vec::new();
    let mut prev = String::new();
    let mut rows = entries.query([])?;
    while let Some(r) = rows.next()? {
        let row = EntryRow::read(r)?;
        let postings = lines.of(row.seq)?;
        prev = chain_hash(&prev, &row, &postings);
        heads.push(prev.clone());
    }
    Ok(heads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_two_groups_of_four_safe_characters_and_read_back() {
        let c = code("g", 12, "abc", "receipt", "d");
        assert_eq!(c.len(), 9);
        assert_eq!(&c[4..5], "-");
        assert!(c
            .chars()
            .filter(|ch| *ch != '-')
            .all(|ch| ALPHABET.contains(&(ch as u8))));
        assert_eq!(normalise(&c.to_lowercase().replace('-', " ")).unwrap(), c);
        assert_ne!(c, code("g", 12, "abd", "receipt", "d"));
        assert_ne!(c, code("g", 12, "abc", "receipt", "e"));
        assert!(normalise("0000-1111").is_err());
        assert!(normalise("ABC").is_err());
    }
}
