//! Backups that restore: what a copy holds, the list of copies, the restore (preview first,
//! refusing another group's copy or a newer version, the copy verified before it replaces the
//! books) and the export to a USB stick with `verify` run on the copy.
//!
//! Copies are made by [`crate::snapshot`] (online backup API, checked after writing); `Books`
//! makes them automatically at the first write of each day, at every month close and (in
//! `db`) before every migration.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::error::{Error, Result};
use crate::snapshot;

/// What a books file (a copy, or the books in use) holds.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// Why the copy was made (`daily`, `month-close`, `migration`, `manual`, `before-restore`);
    /// `None` for a file not named by the program (a copy made by hand).
    pub reason: Option<String>,
    pub reason_label: Option<String>,
    /// The พ.ศ. date in the copy's name (`2568-03-05`).
    pub made_on: Option<String>,
    pub bytes: u64,
    pub group: String,
    pub group_uuid: String,
    /// The file's schema version (`PRAGMA user_version`).
    pub version: i64,
    pub entries: i64,
    pub members: i64,
    pub last_entry_date: Option<NaiveDate>,
    pub last_receipt: Option<String>,
    /// The check code of the books in the copy (`sajja verify --code` knows it).
    pub check_code: String,
}

/// Opens a copy for reading only, after checking it is a Sajja books file.
fn open_copy(path: &Path) -> Result<Connection> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(Error::NotFound {
            what: "ไฟล์สำรอง",
            id: shown,
        });
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| Error::NotSajjaFile(shown.clone()))?;
    let id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| Error::NotSajjaFile(shown.clone()))?;
    if id != crate::db::APPLICATION_ID {
        return Err(Error::NotSajjaFile(shown));
    }
    Ok(conn)
}

/// What the copy at `path` holds.
pub fn describe(path: &Path) -> Result<BackupInfo> {
    let conn = open_copy(path)?;
    info_of(&conn, path).map_err(|e| {
        Error::Refused(format!(
            "อ่านไฟล์สำรอง {} ไม่ได้: {e} — ไฟล์อาจเสียหาย ลองใช้สำเนาอื่น",
            path.display()
        ))
    })
}

/// What the books open on `conn` (stored at `path`) hold.
pub fn info_of(conn: &Connection, path: &Path) -> Result<BackupInfo> {
    let (group, group_uuid): (String, String) = conn
        .query_row("SELECT name, uuid FROM group_info WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| Error::IncompleteBooks(path.display().to_string()))?;
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let last_entry_date: Option<NaiveDate> = conn
        .query_row("SELECT max(date) FROM journal_entry", [], |r| r.get(0))
        .optional()?
        .flatten();
    let last_receipt: Option<String> = conn
        .query_row(
            "SELECT receipt FROM journal_entry WHERE receipt IS NOT NULL ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let named = snapshot::parse_name(path);
    Ok(BackupInfo {
        path: path.display().to_string(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        reason: named.as_ref().map(|(r, _)| r.as_str().to_string()),
        reason_label: named.as_ref().map(|(r, _)| r.label().to_string()),
        made_on: named.map(|(_, d)| d),
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        group,
        group_uuid,
        version: crate::db::user_version(conn)?,
        entries: count("SELECT count(*) FROM journal_entry")?,
        members: count("SELECT count(*) FROM member")?,
        last_entry_date,
        last_receipt,
        check_code: crate::checkcode::books_code(conn)?,
    })
}

/// The copies of the books at `books`, newest first. A copy that cannot be read is left out
/// of the list (and left on the disk).
pub fn list(books: &Path) -> Vec<BackupInfo> {
    let mut all: Vec<BackupInfo> = snapshot::copies(&snapshot::folder_for(books))
        .iter()
        .filter_map(|p| describe(p).ok())
        .collect();
    all.reverse();
    all
}

/// What a restore would do: the copy and the books in use side by side, and why it would be
/// refused.
#[derive(Clone, Debug, serde::Serialize)]
pub struct RestorePreview {
    pub backup: BackupInfo,
    pub current: BackupInfo,
    /// Why the copy cannot be restored (another group, a newer version), in Thai; empty
    /// when it can.
    pub problems: Vec<String>,
    pub can_restore: bool,
}

/// Compares a copy with the books in use (`conn` at `books`).
pub fn preview(conn: &Connection, books: &Path, copy: &Path) -> Result<RestorePreview> {
    let backup = describe(copy)?;
    let current = info_of(conn, books)?;
    let mut problems = Vec::new();
    if backup.group_uuid != current.group_uuid {
        problems.push(format!(
            "สำเนานี้เป็นบัญชีของกลุ่มอื่น (\"{}\") ไม่ใช่ \"{}\" — กู้คืนทับไม่ได้",
            backup.group, current.group
        ));
    }
    if backup.version > crate::db::schema_version() {
        problems.push(format!(
            "สำเนานี้ทำจากโปรแกรมรุ่นใหม่กว่า (รุ่นไฟล์ {} แต่โปรแกรมนี้รู้จักถึงรุ่น {}) — ปรับปรุงโปรแกรมก่อนกู้คืน",
            backup.version,
            crate::db::schema_version()
        ));
    }
    if same_file(copy, books) {
        problems.push("ไฟล์ที่เลือกคือไฟล์บัญชีที่ใช้อยู่ ไม่ใช่สำเนา".into());
    }
    Ok(RestorePreview {
        can_restore: problems.is_empty(),
        backup,
        current,
        problems,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A copy checked before it replaces the books: brought to this version (a scratch copy is
/// migrated, never the backup itself) and verified. Removed when dropped.
pub(crate) struct Checked {
    pub conn: Connection,
    path: PathBuf,
}

impl Drop for Checked {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.path.as_os_str().to_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

/// Copies the backup to a scratch file beside the books, migrates and verifies it. A copy
/// that does not pass `verify` is refused with its problems.
pub(crate) fn checked_copy(books: &Path, copy: &Path) -> Result<Checked> {
    let folder = snapshot::folder_for(books);
    std::fs::create_dir_all(&folder)?;
    let scratch = folder.join(format!("restore-check-{}.db.tmp", std::process::id()));
    let _ = std::fs::remove_file(&scratch);
    std::fs::copy(copy, &scratch)?;
    // The guard removes the scratch file on every way out below.
    let opened = crate::db::open_checked_with(&scratch, false);
    let conn = match opened {
        Ok(o) if o.damage.is_none() => o.conn,
        Ok(o) => {
            drop(o);
            let _ = std::fs::remove_file(&scratch);
            return Err(Error::Refused(
                "ไฟล์สำรองเสียหาย กู้คืนไม่ได้ — เลือกสำเนาอื่น".into(),
            ));
        }
        Err(e) => {
            let _ = std::fs::remove_file(&scratch);
            return Err(e);
        }
    };
    let checked = Checked {
        conn,
        path: scratch,
    };
    let report = crate::verify::run(&checked.conn)?;
    if !report.ok {
        return Err(Error::Refused(format!(
            "ไฟล์สำรองไม่ผ่านการตรวจ จึงไม่กู้คืน — {}",
            report.problems.join("; ")
        )));
    }
    Ok(checked)
}

/// What an export to a USB stick wrote, and what `verify` said of the copy.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Exported {
    pub path: String,
    pub bytes: u64,
    /// `verify` of the copy on the stick (an encrypted copy decrypted back from there).
    pub verify: crate::verify::Report,
    pub check_code: String,
    /// Encrypted with a passphrase (age, scrypt): the file on the stick ends in `.db.age`.
    pub encrypted: bool,
}

/// The shortest passphrase an encrypted export accepts.
pub const MIN_PASSPHRASE: usize = 8;

/// Copies the books open on `conn` into `dir` (a USB stick) and runs `verify` on the copy
/// there. A copy that does not verify is removed and refused.
///
/// With `passphrase`, the copy is encrypted with it (age's scrypt recipient) as
/// `….db.age`: the plain copy is made and verified in a scratch file on this computer and never
/// written to the stick; the encrypted file is then read back from the stick, decrypted to
/// scratch and verified again, so what is on the stick is known to open with the passphrase.
pub fn export(conn: &Connection, dir: &Path, passphrase: Option<&str>) -> Result<Exported> {
    if !dir.is_dir() {
        return Err(Error::invalid(
            "to",
            format!(
                "ไม่พบโฟลเดอร์ {} — เสียบแฟลชไดรฟ์แล้วเลือกโฟลเดอร์ที่มีอยู่",
                dir.display()
            ),
        ));
    }
    if let Some(p) = passphrase {
        if p.chars().count() < MIN_PASSPHRASE {
            return Err(Error::invalid(
                "passphrase",
                format!(
                    "รหัสผ่านสำหรับเข้ารหัสสำเนาต้องยาวอย่างน้อย {MIN_PASSPHRASE} ตัว — จดเก็บไว้คนละที่กับแฟลชไดรฟ์ ถ้าลืมจะเปิดสำเนานี้ไม่ได้อีกเลย"
                ),
            ));
        }
    }
    let name: String = conn
        .query_row("SELECT name FROM group_info WHERE id = 1", [], |r| {
            r.get::<_, String>(0)
        })?
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || ('\u{0e00}'..='\u{0e7f}').contains(&c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let today = crate::clock::today();
    let stamp = {
        use chrono::Datelike;
        format!(
            "{}-{:02}-{:02}-{}",
            today.year() + 543,
            today.month(),
            today.day(),
            chrono::Local::now().format("%H%M%S")
        )
    };
    let ext = if passphrase.is_some() { "db.age" } else { "db" };
    let mut dest = dir.join(format!("สำรอง-{name}-{stamp}.{ext}"));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        dest = dir.join(format!("สำรอง-{name}-{stamp}-{n}.{ext}"));
    }
    let Some(passphrase) = passphrase else {
        snapshot::copy_verified(conn, &dest)?;
        let (report, check_code) = verified(&dest)?;
        if !report.ok {
            let _ = std::fs::remove_file(&dest);
            return Err(Error::Refused(format!(
                "สำเนาบนแฟลชไดรฟ์ไม่ผ่านการตรวจ จึงลบทิ้ง — {}",
                report.problems.join("; ")
            )));
        }
        return Ok(Exported {
            path: dest.display().to_string(),
            bytes: std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0),
            verify: report,
            check_code,
            encrypted: false,
        });
    };
    let scratch = Scratch::new();
    snapshot::copy_verified(conn, &scratch.plain)?;
    let (report, _) = verified(&scratch.plain)?;
    if !report.ok {
        return Err(Error::Refused(format!(
            "สำเนาไม่ผ่านการตรวจ จึงไม่ได้คัดลอก — {}",
            report.problems.join("; ")
        )));
    }
    encrypt_file(&scratch.plain, &dest, passphrase)?;
    // What is on the stick, opened with the passphrase and checked.
    let checked =
        decrypt_copy(&dest, passphrase, &scratch.back).and_then(|()| verified(&scratch.back));
    match checked {
        Ok((report, check_code)) if report.ok => Ok(Exported {
            path: dest.display().to_string(),
            bytes: std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0),
            verify: report,
            check_code,
            encrypted: true,
        }),
        Ok((report, _)) => {
            let _ = std::fs::remove_file(&dest);
            Err(Error::Refused(format!(
                "สำเนาที่เข้ารหัสบนแฟลชไดรฟ์ไม่ผ่านการตรวจ จึงลบทิ้ง — {}",
                report.problems.join("; ")
            )))
        }
        Err(e) => {
            let _ = std::fs::remove_file(&dest);
            Err(Error::Refused(format!(
                "อ่านสำเนาที่เข้ารหัสบนแฟลชไดรฟ์กลับไม่ได้ จึงลบทิ้ง — {e}"
            )))
        }
    }
}

/// `verify` and the check code of the books file at `path`, opened read-only.
fn verified(path: &Path) -> Result<(crate::verify::Report, String)> {
    let copy = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let report = crate::verify::run(&copy)?;
    let code = crate::checkcode::books_code(&copy)?;
    Ok((report, code))
}

/// Scratch files of an encrypted export on this computer (the plain copy, and the copy
/// decrypted back from the stick), removed however the export ends.
struct Scratch {
    plain: PathBuf,
    back: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let id = uuid::Uuid::now_v7();
        let dir = std::env::temp_dir();
        Scratch {
            plain: dir.join(format!("sajja-export-{id}.db")),
            back: dir.join(format!("sajja-export-{id}-check.db")),
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        for p in [&self.plain, &self.back] {
            for suffix in ["", ".tmp", "-journal"] {
                let mut s = p.as_os_str().to_os_string();
                s.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(s));
            }
        }
    }
}

/// Encrypts `plain` into `dest` with `passphrase` (age, scrypt recipient): written to
/// `dest.tmp`, synced, renamed, the folder synced.
fn encrypt_file(plain: &Path, dest: &Path, passphrase: &str) -> Result<()> {
    use std::io::Write;
    let tmp = {
        let mut s = dest.as_os_str().to_os_string();
        s.push(".tmp");
        PathBuf::from(s)
    };
    let written = (|| -> std::io::Result<()> {
        let out = std::fs::File::create(&tmp)?;
        let secret = age::secrecy::SecretString::from(passphrase.to_owned());
        let encryptor = age::Encryptor::with_user_passphrase(secret);
        let mut writer = encryptor.wrap_output(std::io::BufWriter::new(out))?;
        std::io::copy(&mut std::fs::File::open(plain)?, &mut writer)?;
        let mut out = writer.finish()?;
        out.flush()?;
        out.get_ref().sync_all()?;
        std::fs::rename(&tmp, dest)?;
        if let Some(folder) = dest.parent() {
            if let Ok(d) = std::fs::File::open(folder) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::Refused(format!(
            "เขียนสำเนาที่เข้ารหัสลงแฟลชไดรฟ์ไม่ได้ ({e}) — ตรวจว่าแฟลชไดรฟ์ยังเสียบอยู่และมีที่ว่างพอ"
        ))
    })
}

/// Decrypts an exported `.db.age` copy with `passphrase` into `to` (a books file again).
///
/// # Errors
/// A wrong passphrase, or a file that is not an encrypted copy, in Thai.
pub fn decrypt_copy(file: &Path, passphrase: &str, to: &Path) -> Result<()> {
    let input = std::fs::File::open(file)?;
    let decryptor = age::Decryptor::new(std::io::BufReader::new(input)).map_err(|e| {
        Error::invalid(
            "file",
            format!("{} ไม่ใช่สำเนาที่เข้ารหัสของสัจจะ ({e})", file.display()),
        )
    })?;
    let identity =
        age::scrypt::Identity::new(age::secrecy::SecretString::from(passphrase.to_owned()));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| {
            Error::invalid("passphrase", "รหัสผ่านไม่ถูกต้อง — ใช้รหัสผ่านเดียวกับตอนคัดลอกสำเนานี้")
        })?;
    let mut out = std::fs::File::create(to)?;
    std::io::copy(&mut reader, &mut out).map_err(|e| {
        let _ = std::fs::remove_file(to);
        Error::Refused(format!("ถอดรหัสสำเนาไม่สำเร็จ ({e}) — ไฟล์อาจเสียหาย"))
    })?;
    out.sync_all()?;
    Ok(())
}

/// An encrypted copy (`….db.age`, made by `backup export --encrypt`), by its name.
pub fn is_encrypted(file: &Path) -> bool {
    file.extension().is_some_and(|e| e == "age")
}

/// The copy to restore from as a books file: the file itself, or for an encrypted copy a
/// decrypted scratch file beside the books (the same disk, never a shared temporary folder),
/// removed when this is dropped. Used alike by the command line and the app.
pub struct PlainCopy {
    file: std::path::PathBuf,
    scratch: bool,
}

impl PlainCopy {
    /// # Errors
    /// An encrypted copy without a passphrase, or with a wrong one, in Thai.
    pub fn of(books: &Path, file: &Path, passphrase: Option<&str>) -> Result<PlainCopy> {
        if !is_encrypted(file) {
            return Ok(PlainCopy {
                file: file.to_path_buf(),
                scratch: false,
            });
        }
        let passphrase = passphrase.filter(|p| !p.is_empty()).ok_or_else(|| {
            Error::invalid("passphrase", "สำเนานี้เข้ารหัสไว้ — ใส่รหัสผ่านที่ตั้งไว้ตอนคัดลอกสำเนา")
        })?;
        let stem = books
            .file_stem()
            .map_or("sajja".into(), |s| s.to_string_lossy());
        let made = PlainCopy {
            file: books.with_file_name(format!("{stem}-decrypted-{}.db", std::process::id())),
            scratch: true,
        };
        decrypt_copy(file, passphrase, &made.file)?;
        Ok(made)
    }

    pub fn path(&self) -> &Path {
        &self.file
    }
}

impl Drop for PlainCopy {
    fn drop(&mut self) {
        if self.scratch {
            for suffix in ["", "-wal", "-shm"] {
                let mut p = self.file.as_os_str().to_owned();
                p.push(suffix);
                let _ = std::fs::remove_file(std::path::PathBuf::from(p));
            }
        }
    }
}

/// What a restore did.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Restored {
    /// The books as restored.
    pub books: BackupInfo,
    /// The copy of the books as they were just before the restore.
    pub saved_before: String,
    pub verify: crate::verify::Report,
}
