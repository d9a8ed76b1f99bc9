//! Text a person typed into the books: names, addresses, memos. It is echoed to terminals,
//! drawn on PDFs and shown in the window, so it is refused when it carries control characters
//! (a terminal escape sequence, a line break in a name) or is longer than a printed line can
//! hold. Refused with the reason, never silently altered.

use crate::error::{Error, Result};

/// A file's extension in lower case, "" when it has none: `.XLSX` saved by Excel on Windows
/// is an `.xlsx`.
pub fn file_extension(path: &std::path::Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Longest name (a person, a beneficiary, the group) in characters: two full lines of a
/// register column.
pub const NAME_MAX: usize = 100;
/// Longest memo, reason, address or payee in characters.
pub const MEMO_MAX: usize = 500;

/// Checks one field: no control characters (C0, DEL, C1, and the bidirectional overrides that
/// can make text display differently from what it says), at most `max` characters. Returns
/// the trimmed text.
pub fn check(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if let Some(c) = value.chars().find(|&c| forbidden(c)) {
        let what = if c == '\u{1b}' {
            "รหัสควบคุมหน้าจอ (escape)".to_string()
        } else if c == '\n' || c == '\r' {
            "การขึ้นบรรทัดใหม่".to_string()
        } else {
            format!("อักขระควบคุม U+{:04X}", c as u32)
        };
        return Err(Error::invalid(
            field,
            format!("{label}มี{what}ซึ่งใส่ไม่ได้ — พิมพ์เป็นข้อความธรรมดาบรรทัดเดียว"),
        ));
    }
    let n = value.chars().count();
    if n > max {
        return Err(Error::invalid(
            field,
            format!("{label}ยาว {n} ตัวอักษร เกิน {max} ตัวอักษร — ย่อให้สั้นลง"),
        ));
    }
    Ok(value.to_string())
}

fn forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escapes_and_length_keeps_thai() {
        assert_eq!(
            check("name", "ชื่อ", " นายสมชาย ใจดี ", NAME_MAX).unwrap(),
            "นายสมชาย ใจดี"
        );
        assert!(check("name", "ชื่อ", "a\u{1b}[2Jb", NAME_MAX).is_err());
        assert!(check("name", "ชื่อ", "a\nb", NAME_MAX).is_err());
        assert!(check("name", "ชื่อ", "a\u{202e}b", NAME_MAX).is_err());
        assert!(check("name", "ชื่อ", &"ก".repeat(101), NAME_MAX).is_err());
        assert!(check("name", "ชื่อ", &"ก".repeat(100), NAME_MAX).is_ok());
    }
}
