//! Opening a books file: pragmas, identity check and migrations.
//!
//! Only this module sets pragmas. A file is checked before anything is written to it: a file
//! that is not Sajja's, or that a newer program migrated, is refused untouched (even the switch
//! to WAL writes the header, so it happens after the checks).

use std::path::Path;
use std::sync::LazyLock;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// `ToSql` and `FromSql` for a state stored as one word of a fixed set (a CHECK in the schema
/// lists the same words). The type gives `as_str` and `ALL`; a word read back that is not one
/// of them is an error naming `what`, so a damaged file is never read as some other state.
macro_rules! stored_as_word {
    ($type:ty, $what:literal) => {
        impl rusqlite::types::ToSql for $type {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $type {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                <$type>::ALL
                    .into_iter()
                    .find(|word| word.as_str() == text)
                    .ok_or_else(|| {
                        rusqlite::types::FromSqlError::Other(format!("{} {text}", $what).into())
                    })
            }
        }
    };
}
pub(crate) use stored_as_word;

/// `PRAGMA application_id` of every Sajja books file: "SAJJ" in ASCII.
pub const APPLICATION_ID: i64 = 0x5341_4A4A;

/// Numbered migrations, embedded in the binary. Append only: a released file never changes.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("../migrations/0001_books.sql")),
        M::up(include_str!("../migrations/0002_loans.sql")),
        M::up(include_str!("../migrations/0003_passbook.sql")),
        M::up(include_str!("../migrations/0004_entry_member_index.sql")),
        M::up(include_str!("../migrations/0005_governance.sql")),
        M::up(include_str!("../migrations/0006_yearend.sql")),
        M::up(include_str!(
            "../migrations/0007_members_leaving_with_loans.sql"
        )),
        M::up(include_str!("../migrations/0008_opening.sql")),
        M::up(include_str!("../migrations/0009_trust.sql")),
        M::up(include_str!("../migrations/0010_businesses.sql")),
        M::up(include_str!("../migrations/0011_users.sql")),
        M::up(include_str!(
            "../migrations/0012_goods_fines_and_rice_deposits.sql"
        )),
        M::up(include_str!("../migrations/0013_statement_indexes.sql")),
        M::up(include_str!("../migrations/0014_audit_topics.sql")),
        M::up(include_str!("../migrations/0015_year_close_meeting.sql")),
        M::up(include_str!("../migrations/0016_purchase_return.sql")),
        M::up(include_str!("../migrations/0017_kept_by_triggers.sql")),
    ])
});

/// The schema version this program writes (`PRAGMA user_version`).
pub fn schema_version() -> i64 {
    MIGRATION_COUNT
}
const MIGRATION_COUNT: i64 = 17;
/// An opened books file: the connection and, when SQLite's quick check found damage, what
/// it found. A damaged file is open for reading only (`query_only`), so the treasurer can
/// still look and `verify` can list the problems, but nothing more is written into it.
pub struct Opened {
    pub conn: Connection,
    pub damage: Option<String>,
}

/// Opens an existing books file for writing, after checking it is ours, not too new, complete
/// and undamaged. Each fault has its own Thai diagnosis, and a refusal writes nothing.
pub fn open_existing(path: &Path) -> Result<Connection> {
    let opened = open_checked(path)?;
    match opened.damage {
        Some(detail) => Err(Error::Damaged(detail)),
        None => Ok(opened.conn),
    }
}

/// Like [`open_existing`], but a damaged file is opened read-only instead of refused. A file
/// of an older version is copied into its backups folder before it is migrated.
pub fn open_checked(path: &Path) -> Result<Opened> {
    open_checked_with(path, true)
}

/// [`open_checked`]; `backup_before_migration` is off only for a scratch copy (a backup being
/// checked before a restore), which is itself the copy.
pub(crate) fn open_checked_with(path: &Path, backup_before_migration: bool) -> Result<Opened> {
    let shown = || path.display().to_string();
    if !path.exists() {
        return Err(Error::NoBooks(shown()));
    }
    check_header(path)?;
    check_writable(path)?;
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| diagnose(e, path))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let damage = match check_identity(&conn, path) {
        Ok(()) => quick_check(&conn).map_err(|e| diagnose(e, path))?,
        // Its header says Sajja, but the table of tables cannot be read: open it read-only
        // all the same, so `verify` can say so in its list.
        Err(Error::Damaged(detail)) => Some(detail),
        Err(e) => return Err(e),
    };
    if damage.is_some() {
        conn.pragma_update(None, "query_only", true)?;
        return Ok(Opened { conn, damage });
    }
    configure(&conn).map_err(|e| match e {
        Error::Db(e) => diagnose(e, path),
        other => other,
    })?;
    if backup_before_migration && user_version(&conn)? < MIGRATION_COUNT {
        crate::snapshot::make(
            &conn,
            path,
            crate::snapshot::Reason::Migration,
            crate::clock::today(),
        )
        .map_err(|e| Error::Refused(format!("สำรองไฟล์ก่อนปรับรุ่นไม่สำเร็จ จึงยังไม่ปรับรุ่น: {e}")))?;
    }
    migrate(&mut conn)?;
    Ok(Opened { conn, damage })
}

/// The first 100 bytes are SQLite's header: an empty file, or one that is not a database at
/// all, is told apart here without SQLite touching it. A file shorter than the size its header
/// records was cut short (a copy that stopped, a full disk).
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let shown = path.display().to_string();
    let len = std::fs::metadata(path)?.len();
    if len == 0 {
        return Err(Error::NotSajjaFile(shown));
    }
    let mut head = [0u8; 100];
    let mut f = std::fs::File::open(path)?;
    let n = f.read(&mut head)?;
    if n < 100 || &head[..16] != b"SQLite format 3\0" {
        return Err(Error::NotSajjaFile(shown));
    }
    let page_size = match u32::from(u16::from_be_bytes([head[16], head[17]])) {
        1 => 65_536,
        n => n,
    };
    let pages = u32::from_be_bytes([head[28], head[29], head[30], head[31]]);
    // The page count is valid when the change counter matches "version-valid-for".
    let valid = head[24..28] == head[92..96];
    // A power cut in the middle of a checkpoint can leave the main file shorter than its
    // header says while the WAL beside it still holds every page: SQLite reads them from
    // there (and its quick check, run next, finds real damage). Only without a WAL is a short
    // file cut short.
    let wal = {
        let mut p = path.as_os_str().to_owned();
        p.push("-wal");
        std::fs::metadata(std::path::PathBuf::from(p)).is_ok_and(|m| m.len() > 0)
    };
    if valid && !wal && pages > 0 && len < u64::from(pages) * u64::from(page_size) {
        return Err(Error::Damaged(format!(
            "ไฟล์ถูกตัดสั้น: ยาว {len} ไบต์ แต่ควรยาว {} ไบต์",
            u64::from(pages) * u64::from(page_size)
        )));
    }
    Ok(())
}

/// SQLite needs to write the file and to create its WAL and SHM files beside it. A good file
/// in a folder it may not write is read-only, not "not ours".
fn check_writable(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    let file_ro = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied);
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let wal = with_suffix(path, "-wal");
    let folder_ro = !wal.exists() && !folder_writable(folder);
    if file_ro || folder_ro {
        return Err(Error::ReadOnlyBooks(shown));
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    s.into()
}

/// Whether a file can be created in `folder` (tried with a uniquely named empty file that is
/// removed at once; the books file is not touched).
fn folder_writable(folder: &Path) -> bool {
    let probe = folder.join(format!(".sajja-write-test-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => {
            e.kind() != std::io::ErrorKind::PermissionDenied
                && e.kind() != std::io::ErrorKind::ReadOnlyFilesystem
        }
    }
}

/// SQLite's quick check: `None` when the file is sound, else the first problems found.
fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check(20)")?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .or_else(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Ok(vec![e.to_string()])
            }
            _ => Err(e),
        })?;
    Ok(if lines == ["ok"] {
        None
    } else {
        Some(lines.join("; "))
    })
}

/// The Thai diagnosis of a fault met while opening.
fn diagnose(e: rusqlite::Error, path: &Path) -> Error {
    use rusqlite::ErrorCode as C;
    let shown = path.display().to_string();
    match e.sqlite_error_code() {
        Some(C::NotADatabase) => Error::NotSajjaFile(shown),
        Some(C::DatabaseCorrupt) => Error::Damaged(e.to_string()),
        Some(C::ReadOnly | C::CannotOpen | C::PermissionDenied) => Error::ReadOnlyBooks(shown),
        Some(C::DatabaseBusy | C::DatabaseLocked) => Error::LockedBooks(shown),
        _ => Error::Db(e),
    }
}

/// Creates a new books file; refuses to touch a file that already has content.
pub fn create_new(path: &Path) -> Result<Connection> {
    if path.exists() && std::fs::metadata(path)?.len() > 0 {
        return Err(Error::BooksExist(path.display().to_string()));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// An in-memory books database, for tests.
pub fn in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// The schema version of an open file (`PRAGMA user_version`).
pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| diagnose(e, path))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotSajjaFile(path.display().to_string()));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| diagnose(e, path))?;
    if version > MIGRATION_COUNT {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: MIGRATION_COUNT,
        });
    }
    // Our id but no books in it: a creation that never finished. Migrating it would create
    // empty tables under a file the treasurer may think holds the group.
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'group_info'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| diagnose(e, path))?;
    if version == 0 || tables == 0 {
        return Err(Error::IncompleteBooks(path.display().to_string()));
    }
    Ok(())
}

/// A second connection to `path` for the checkpoint thread (see `crate::checkpoint`). It syncs
/// the main file before it lets the WAL be reused.
pub(crate) fn open_for_checkpoints(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(conn)
}

/// A read-only side connection to the file `conn` has open, for reads shared out over the
/// cores ([`side_reads`]): `None` for a database in memory or while `conn` is inside a
/// transaction (its own uncommitted changes would be invisible to the side connection).
pub(crate) fn side_reader(conn: &Connection) -> Result<Option<Connection>> {
    let Some(path) = conn.path().filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    if !conn.is_autocommit() {
        return Ok(None);
    }
    let side = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    side.pragma_update(None, "cache_size", -65_536)?;
    side.pragma_update(None, "mmap_size", 268_435_456)?;
    side.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(Some(side))
}

/// How many times other connections have committed to the file, as `conn` has seen: equal
/// before and after a read shared out over side connections means they all read the books
/// `conn` sees (SQLite's `data_version`).
pub(crate) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// Runs `side` on a side connection ([`side_reader`]) while `main` runs on `conn`, when the
/// file allows it and nothing was committed meanwhile; otherwise both in turn on `conn`. The
/// two must only read.
pub(crate) fn side_reads<A: Send, B>(
    conn: &Connection,
    side: impl Fn(&Connection) -> Result<A> + Sync,
    main: impl Fn(&Connection) -> Result<B>,
) -> Result<(A, B)> {
    // A side connection that cannot be had (a file on a read-only disk, say) only means the
    // reads run in turn.
    if let Ok(Some(reader)) = side_reader(conn) {
        let before = data_version(conn)?;
        let (a, b) = std::thread::scope(|s| {
            let side = &side;
            let other = s.spawn(move || side(&reader));
            let b = main(conn);
            (other.join().expect("a side read panicked"), b)
        });
        if data_version(conn)? == before {
            return Ok((a?, b?));
        }
    }
    Ok((side(conn)?, main(conn)?))
}

/// With a checkpoint thread running, a commit checkpoints by itself only past this many WAL
/// pages (about 32 MB), in case the thread falls behind.
pub(crate) fn leave_checkpoints_to_thread(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "wal_autocheckpoint", 8_000)?;
    Ok(())
}

/// No checkpoint inside this connection's commits at all, for one large write whose pages
/// the checkpoint thread copies afterwards; [`leave_checkpoints_to_thread`] sets the usual
/// fallback back.
pub(crate) fn no_checkpoint_in_commits(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    Ok(())
}

/// Test-only: `synchronous=OFF` on `conn` — no fsync at all — so the power-cut test can show
/// that it fails when confirmed writes are not on the disk.
#[cfg(feature = "durability-test")]
pub(crate) fn weaken_durability(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "synchronous", "OFF")?;
    Ok(())
}

/// Durability first: WAL with `synchronous=FULL` means a confirmed write survives a power cut.
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // A large group's indexes are far bigger than SQLite's 2 MB default cache; inserting a
    // collection sheet touches member-keyed index pages all over the file.
    conn.pragma_update(None, "cache_size", -65_536)?;
    conn.pragma_update(None, "mmap_size", 268_435_456)?;
    // Statement journals (a trigger's upsert inside a batch) stay in memory, not in temp files.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // A collection row runs some twenty distinct statements; rusqlite's default cache of 16
    // would evict and re-prepare them on every row.
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    MIGRATIONS
        .to_latest(conn)
        .map_err(|e| Error::Refused(format!("ปรับรุ่นไฟล์บัญชีไม่สำเร็จ: {e}")))
}

/// `query_row` and `execute` through the connection's statement cache. Collection sheets run
/// the same few statements thousands of times in one transaction; preparing them once each
/// saves most of the time a row takes.
pub trait CachedExt {
    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>;

    fn execute_cached<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
}

impl CachedExt for Connection {
    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    fn execute_cached<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }
}

/// Which of the named triggers are missing from the file (dropped by someone editing it
/// outside the program). `verify` reports them.
pub(crate) fn missing_triggers<'a>(conn: &Connection, names: &[&'a str]) -> Result<Vec<&'a str>> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
    )?;
    let mut missing = Vec::new();
    for &name in names {
        let n: i64 = stmt.query_row([name], |r| r.get(0))?;
        if n == 0 {
            missing.push(name);
        }
    }
    Ok(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
        let conn = in_memory().unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATION_COUNT);
    }

    fn count(conn: &Connection) -> Result<i64> {
        Ok(conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))?)
    }

    /// Reads shared out over a side connection are kept only if nothing was committed while
    /// they ran; otherwise both are read again on the main connection, which then agree.
    #[test]
    fn side_reads_agree_with_the_main_connection_or_are_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("side.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
        )
        .unwrap();
        let (side, main) = side_reads(&conn, count, count).unwrap();
        assert_eq!((side, main), (1, 1));

        // Another connection commits while the main read runs (once): the side connection
        // may have read before it, so both are read again.
        let other = Connection::open(&path).unwrap();
        let calls = std::cell::Cell::new(0);
        let (side, main) = side_reads(&conn, count, |c| {
            calls.set(calls.get() + 1);
            if calls.get() == 1 {
                other.execute("INSERT INTO t VALUES (2)", []).unwrap();
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            count(c)
        })
        .unwrap();
        assert_eq!(calls.get(), 2, "read again after the commit");
        assert_eq!((side, main), (2, 2));

        // Inside a transaction the side connection would not see its changes: no side reads.
        conn.execute_batch("BEGIN; INSERT INTO t VALUES (3);")
            .unwrap();
        assert!(side_reader(&conn).unwrap().is_none());
        let (side, main) = side_reads(&conn, count, count).unwrap();
        assert_eq!((side, main), (3, 3));
        conn.execute_batch("ROLLBACK").unwrap();
    }
}
