//! Copies of a books file: where they go, how they are named, written with SQLite's online
//! backup API and checked before they count, and how many of each kind are kept.
//!
//! The bottom layer of backups: `db` uses it to copy a file before migrating it; `backup` (the
//! use cases: list, restore, export) is built on it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::error::{Error, Result};

/// Why a copy was made; part of its file name, and how many of each are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The first write of a day on which the books change.
    Daily,
    /// A month was closed.
    MonthClose,
    /// Before the program migrated the file to a new version.
    Migration,
    /// `sajja backup now` or the backup screen.
    Manual,
    /// The books as they were just before a restore replaced them.
    BeforeRestore,
}

impl Reason {
    pub const ALL: [Reason; 5] = [
        Reason::Daily,
        Reason::MonthClose,
        Reason::Migration,
        Reason::Manual,
        Reason::BeforeRestore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::MonthClose => "month-close",
            Reason::Migration => "migration",
            Reason::Manual => "manual",
            Reason::BeforeRestore => "before-restore",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Reason::Daily => "สำรองประจำวัน",
            Reason::MonthClose => "ปิดเดือน",
            Reason::Migration => "ก่อนปรับรุ่นไฟล์",
            Reason::Manual => "สำรองเอง",
            Reason::BeforeRestore => "ก่อนกู้คืน",
        }
    }

    /// How many copies of this kind are kept (the oldest beyond are removed): two weeks of
    /// working days, two years of month closes.
    pub fn keep(self) -> usize {
        match self {
            Reason::Daily => 14,
            Reason::MonthClose => 24,
            Reason::Migration => 3,
            Reason::Manual => 30,
            Reason::BeforeRestore => 5,
        }
    }

    pub fn parse(text: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// The folder of automatic copies of `books`: `<folder>/<name>-backups/` beside the file.
pub fn folder_for(books: &Path) -> PathBuf {
    let stem = books
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sajja".into());
    let parent = books
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!("{stem}-backups"))
}

/// `books-2568-03-05-143002-daily.db`: the พ.ศ. date the books were on, the time of day, the
/// reason. Names sort by date and time.
fn file_name(books: &Path, reason: Reason, on: chrono::NaiveDate, n: u32) -> String {
    use chrono::Datelike;
    let stem = books
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sajja".into());
    let time = chrono::Local::now().format("%H%M%S");
    let extra = if n == 0 {
        String::new()
    } else {
        format!("-{n}")
    };
    format!(
        "{stem}-{}-{:02}-{:02}-{time}{extra}-{}.db",
        on.year() + 543,
        on.month(),
        on.day(),
        reason.as_str()
    )
}

/// The reason and the พ.ศ. date of a copy, read from its file name.
pub fn parse_name(path: &Path) -> Option<(Reason, String)> {
    let name = path.file_name()?.to_str()?;
    let base = name.strip_suffix(".db")?;
    let reason = Reason::ALL
        .into_iter()
        .find(|r| base.ends_with(&format!("-{}", r.as_str())))?;
    let head = base.strip_suffix(&format!("-{}", reason.as_str()))?;
    // …-YYYY-MM-DD-HHMMSS[-n]
    let parts: Vec<&str> = head.rsplitn(6, '-').collect();
    let date = parts
        .iter()
        .rev()
        .collect::<Vec<_>>()
        .windows(3)
        .find(|w| w[0].len() == 4 && w[1].len() == 2 && w[2].len() == 2)
        .map(|w| format!("{}-{}-{}", w[0], w[1], w[2]))?;
    Some((reason, date))
}

/// The copies in `folder`, oldest first.
pub fn copies(folder: &Path) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    // By the date in the name, then by when the file was written (two copies in the same
    // second), then by name.
    let mut found: Vec<(String, std::time::SystemTime, PathBuf)> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let (_, date) = parse_name(&p)?;
            let written = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            Some((date, written, p))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, _, p)| p).collect()
}

/// Whether a copy of this reason was already made for the books on `on` (พ.ศ. date).
pub fn made_on(books: &Path, reason: Reason, on: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    let date = format!("{}-{:02}-{:02}", on.year() + 543, on.month(), on.day());
    copies(&folder_for(books))
        .iter()
        .filter_map(|p| parse_name(p))
        .any(|(r, d)| r == reason && d == date)
}

/// Copies the books open on `conn` into the backups folder of `books`, checks the copy and
/// removes the oldest copies of the same kind beyond [`Reason::keep`]. Returns the copy.
pub fn make(
    conn: &Connection,
    books: &Path,
    reason: Reason,
    on: chrono::NaiveDate,
) -> Result<PathBuf> {
    let folder = folder_for(books);
    std::fs::create_dir_all(&folder)?;
    remove_leftovers(&folder);
    let mut n = 0;
    let dest = loop {
        let dest = folder.join(file_name(books, reason, on, n));
        if !dest.exists() {
            break dest;
        }
        n += 1;
    };
    copy_verified(conn, &dest)?;
    rotate(&folder, reason);
    Ok(dest)
}

/// A copy left half-written by a program that stopped (`*.db.tmp`) is removed.
fn remove_leftovers(folder: &Path) {
    if let Ok(dir) = std::fs::read_dir(folder) {
        for e in dir.flatten() {
            if e.file_name().to_string_lossy().ends_with(".db.tmp") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

fn rotate(folder: &Path, reason: Reason) {
    let mine: Vec<PathBuf> = copies(folder)
        .into_iter()
        .filter(|p| parse_name(p).is_some_and(|(r, _)| r == reason))
        .collect();
    let extra = mine.len().saturating_sub(reason.keep());
    for old in &mine[..extra] {
        let _ = std::fs::remove_file(old);
    }
}

/// The last journal entry of a file (sequence number and hash), what a copy must agree on.
pub fn chain_head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM journal_entry ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, String::new())))
}

/// Writes a consistent copy of the database open on `conn` to `dest` with SQLite's online
/// backup API: to `dest.tmp` first, as one self-contained file (rollback journal, not WAL, so
/// it can be carried on a USB stick alone), then checked — SQLite's integrity check and the
/// same journal head as the books — synced and renamed. A copy that fails its check is
/// removed and the error says why; `dest` is never a half-written file.
pub fn copy_verified(conn: &Connection, dest: &Path) -> Result<()> {
    let tmp = {
        let mut s = dest.as_os_str().to_os_string();
        s.push(".tmp");
        PathBuf::from(s)
    };
    let _ = std::fs::remove_file(&tmp);
    let result = (|| -> Result<()> {
        // The head is read in the same read transaction the copy is made in, so another
        // program's write between the two cannot make a good copy look wrong.
        let head = {
            let mut out = Connection::open(&tmp)?;
            conn.execute_batch("BEGIN DEFERRED")?;
            let copied = (|| -> Result<(i64, String)> {
                let head = chain_head(conn)?;
                let backup = rusqlite::backup::Backup::new(conn, &mut out)?;
                backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
                Ok(head)
            })();
            conn.execute_batch("COMMIT")?;
            let head = copied?;
            out.pragma_update(None, "journal_mode", "DELETE")?;
            head
        };
        check_copy(&tmp, &head)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, dest)?;
        if let Some(dir) = dest.parent() {
            // The rename itself is on the disk only once the folder is synced.
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A copy counts only if SQLite finds it sound and its journal ends where the books did.
fn check_copy(path: &Path, head: &(i64, String)) -> Result<()> {
    let copy = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = copy.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Refused(format!(
            "สำเนาที่เพิ่งเขียนเสียหาย ({check}) — ตรวจพื้นที่ว่างของดิสก์แล้วสำรองใหม่"
        )));
    }
    if &chain_head(&copy)? != head {
        return Err(Error::Refused(
            "สำเนาที่เพิ่งเขียนไม่ตรงกับบัญชี — สำรองใหม่อีกครั้ง".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_their_reason_and_date() {
        let books = Path::new("/tmp/กลุ่ม-บ้าน.db");
        let on = chrono::NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
        for r in Reason::ALL {
            for n in [0, 2] {
                let name = file_name(books, r, on, n);
                assert!(name.starts_with("กลุ่ม-บ้าน-2568-03-05-"), "{name}");
                assert_eq!(
                    parse_name(Path::new(&name)),
                    Some((r, "2568-03-05".to_string())),
                    "{name}"
                );
            }
        }
        assert_eq!(parse_name(Path::new("books.db")), None);
        assert_eq!(
            folder_for(books),
            Path::new("/tmp/กลุ่ม-บ้าน-backups").to_path_buf()
        );
    }
}
