//! Sheets the treasurer saves from a spreadsheet as CSV: decoded whatever encoding Thai Excel
//! used, parsed per RFC 4180 (quoted fields with commas, quotes and line breaks), every row
//! numbered as the spreadsheet numbers it (the header is row 1).

use crate::error::{Error, Result};

/// The text of a saved sheet. Thai Excel saves "CSV" as Windows-874 (TIS-620 plus a few
/// signs), "CSV UTF-8" with a byte-order mark, and "Unicode text" as UTF-16: the encoding is
/// told from the byte-order mark, else from whether the bytes are valid UTF-8, else from the
/// zero bytes UTF-16 without a mark leaves; anything else is read as Windows-874.
pub fn decode(bytes: &[u8]) -> Result<String> {
    use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8, WINDOWS_874};
    let (encoding, body) = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        (enc, &bytes[bom..])
    } else if looks_utf16(bytes, 1) {
        // Checked before UTF-8: UTF-16 text of ASCII is valid UTF-8 full of NULs.
        (UTF_16LE, bytes)
    } else if looks_utf16(bytes, 0) {
        (UTF_16BE, bytes)
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, bytes)
    } else {
        (WINDOWS_874, bytes)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(Error::invalid(
            "batch",
            "อ่านตัวอักษรในไฟล์ไม่ออก — บันทึกจากโปรแกรมตารางคำนวณใหม่เป็น CSV (UTF-8) หรือ CSV ธรรมดา แล้วลองอีกครั้ง",
        ));
    }
    Ok(text.into_owned())
}

/// UTF-16 text of mostly ASCII and Thai has a zero (ASCII) or 0x0E (Thai) byte at every other
/// position; `high` is 1 for little-endian, 0 for big-endian.
fn looks_utf16(bytes: &[u8], high: usize) -> bool {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return false;
    }
    let pairs = bytes.len() / 2;
    let plausible = bytes
        .chunks_exact(2)
        .filter(|p| p[high] == 0 || p[high] == 0x0E)
        .count();
    plausible * 10 >= pairs * 9
}

/// A parsed sheet: its header (trimmed) and its rows with their spreadsheet row numbers.
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Parses CSV text per RFC 4180. Rows that are entirely empty (a blank line, or only commas)
/// are skipped but still counted, so numbers match the spreadsheet.
pub fn parse(text: &str) -> Result<Sheet> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    // The spreadsheet row of a record: one per record, plus one per blank line before it
    // (which the reader skips). A line break inside a quoted cell is not a new row. Counted
    // from byte offsets: between two records' starts lie the first record, its terminator and
    // any blank lines.
    let bytes = text.as_bytes();
    let newlines = |from: usize, to: usize| bytes[from..to].iter().filter(|&&b| b == b'\n').count();
    let mut previous: Option<(usize, usize)> = None; // (start byte, line breaks inside cells)
    let mut row_number = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::invalid(
                "batch",
                format!("อ่านไฟล์ CSV ไม่ได้ใกล้บรรทัดที่ {line} — ตรวจเครื่องหมายคำพูด (\") ที่เปิดแล้วไม่ได้ปิด"),
            )
        })?;
        // The reader's position is where it began looking, before the blank lines it skipped.
        let mut start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        row_number = match previous {
            None => 1 + newlines(0, start),
            Some((prev, inside)) => {
                row_number + newlines(prev, start).saturating_sub(inside).max(1)
            }
        };
        previous = Some((start, record.iter().map(|c| c.matches('\n').count()).sum()));
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match &header {
            None => {
                header = Some(
                    cells
                        .iter()
                        .map(|c| c.trim_start_matches('\u{feff}').trim().to_string())
                        .collect(),
                )
            }
            Some(_) => rows.push((row_number, cells)),
        }
    }
    let header = header.ok_or_else(|| {
        Error::invalid(
            "batch",
            "ไฟล์ว่าง — บรรทัดแรกต้องเป็นหัวตาราง เช่น member,sajja,deposit",
        )
    })?;
    Ok(Sheet { header, rows })
}

/// Refuses a header that names a column twice: which of the two was meant cannot be known.
pub fn refuse_repeated_columns(header: &[String]) -> Result<()> {
    for (i, h) in header.iter().enumerate() {
        if header[..i].contains(h) {
            return Err(Error::invalid(
                "batch",
                format!("หัวตารางมีคอลัมน์ \"{h}\" ซ้ำกันสองคอลัมน์ — ลบหรือเปลี่ยนชื่อคอลัมน์ที่ซ้ำ แล้วลองใหม่"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_encoding_thai_excel_saves() {
        let text = "member,memo\n1,ค่าหุ้น\n";
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16le_bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let (tis, _, _) = encoding_rs::WINDOWS_874.encode(text);
        let bom8: Vec<u8> = b"\xEF\xBB\xBF"
            .iter()
            .copied()
            .chain(text.bytes())
            .collect();
        for bytes in [
            text.as_bytes(),
            &bom8,
            &utf16le,
            &utf16le_bare,
            &utf16be,
            &tis,
        ] {
            assert_eq!(decode(bytes).unwrap(), text);
        }
    }

    #[test]
    fn quoted_fields_and_row_numbers() {
        let s = parse("member,sajja,memo\n1,\"1,234.50\",\"a, \"\"b\"\"\nc\"\n\n2,50,x\n").unwrap();
        assert_eq!(s.header, ["member", "sajja", "memo"]);
        assert_eq!(s.rows[0].0, 2);
        assert_eq!(s.rows[0].1, ["1", "1,234.50", "a, \"b\"\nc"]);
        // The blank line is spreadsheet row 3; member 2 is row 4.
        assert_eq!(s.rows[1].0, 4);
    }
}
