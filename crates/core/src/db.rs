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
    ])
});

/// The schema version this program writes (`PRAGMA user_version`).
pub fn schema_version() -> i64 {
    MIGRATION_COUNT
}
const MIGRATION_COUNT: i64 = 6;
/// Opens an existing books file for writing, after checking it is ours and not too new.
pub fn open_existing(path: &Path) -> Result<Connection> {
    if !path.exists() {
        return Err(Error::NoBooks(path.display().to_string()));
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    check_identity(&conn, path)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
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

fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| Error::NotSajjaFile(path.display().to_string()))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotSajjaFile(path.display().to_string()));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > MIGRATION_COUNT {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: MIGRATION_COUNT,
        });
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

/// With a checkpoint thread running, a commit checkpoints by itself only past this many WAL
/// pages (about 32 MB), in case the thread falls behind.
pub(crate) fn leave_checkpoints_to_thread(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "wal_autocheckpoint", 8_000)?;
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
}
