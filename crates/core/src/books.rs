//! `Books`: one group's open books file, and the use cases run on it.
//!
//! Every public method that writes runs in one IMMEDIATE transaction: it either commits whole
//! or leaves the file as it was (rusqlite rolls back on drop, so an early `?` is safe).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::checkpoint::Checkpointer;
use crate::clock;
use crate::db;
use crate::error::{Error, Result};
use crate::group::{self, Group, GroupInput, NewGroup};
use crate::member::{self, Member, MemberChange, MemberInput, MemberRow};
use crate::settings::{self, SettingRow, Settings};

pub struct Books {
    // Declared first so it stops, and closes its connection, before `conn` closes the file.
    checkpointer: Option<Checkpointer>,
    conn: Connection,
    path: Option<PathBuf>,
    /// What SQLite's quick check found when the file was opened: the books are then read-only.
    damage: Option<String>,
    /// Whether today's automatic copy was made (or found) already, so only the first write
    /// of a day looks in the backups folder.
    daily_checked: bool,
    /// Why an automatic copy could not be made (the write itself went ahead), in Thai.
    backup_warning: Option<String>,
    /// Whether closing a month copies the books into the backups folder: not while throwaway
    /// books are built (the demo closes two years of months; 24 copies nobody wants).
    automatic_copies: bool,
    /// The user at the keyboard (member number, role) and the second person who confirmed
    /// with their PIN; see [`crate::users`].
    user: Option<(u32, crate::users::Role)>,
    checker: Option<u32>,
    /// Rows this connection changed in records that are not the books (the audit log, the
    /// print records): they leave a year-end preview true. See [`Books::book_changes`].
    record_changes: u64,
    /// The year-end preview last shown, for the approval that follows it.
    seen_year: std::sync::Mutex<Option<crate::yearend::Seen>>,
}

/// What the header of every screen shows.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Overview {
    pub path: Option<String>,
    pub group: Group,
    pub settings: Settings,
    /// The first month not yet closed, "YYYY-MM".
    pub open_month: String,
    /// The date the forms offer: today if it falls in the open month, else the open month's
    /// collection day ([`crate::period::work_date`]).
    pub work_date: NaiveDate,
    pub lock_date: Option<NaiveDate>,
    pub member_count: u32,
    pub active_member_count: u32,
}

impl Books {
    /// Opens an existing books file.
    pub fn open(path: &Path) -> Result<Books> {
        let opened = db::open_checked(path)?;
        if let Some(damage) = opened.damage {
            // Read-only: no checkpoint thread, no migration; reads and `verify` still work.
            return Ok(Books {
                damage: Some(damage),
                ..Books::with(opened.conn, Some(path), None)
            });
        }
        group::get(&opened.conn)?;
        Books::on_file(opened.conn, path)
    }

    /// Why the books are read-only (damage found on opening), in Thai; `None` when sound.
    pub fn damage_warning(&self) -> Option<String> {
        self.damage
            .as_ref()
            .map(|d| Error::Damaged(d.clone()).to_string())
    }

    fn on_file(conn: Connection, path: &Path) -> Result<Books> {
        let checkpointer = Checkpointer::start(path);
        if checkpointer.is_some() {
            db::leave_checkpoints_to_thread(&conn)?;
        }
        Ok(Books {
            // The first write of the day on a real file looks for today's automatic copy.
            daily_checked: false,
            ..Books::with(conn, Some(path), checkpointer)
        })
    }

    /// Books on `conn` as any opening starts them: sound, no user signed in, nothing changed
    /// yet; no daily copy to make (only a real file's opening asks for one).
    fn with(conn: Connection, path: Option<&Path>, checkpointer: Option<Checkpointer>) -> Books {
        Books {
            checkpointer,
            conn,
            path: path.map(Path::to_path_buf),
            damage: None,
            daily_checked: true,
            automatic_copies: true,
            backup_warning: None,
            user: None,
            checker: None,
            record_changes: 0,
            seen_year: Default::default(),
        }
    }

    /// Creates a new books file for a group; refuses to overwrite an existing one.
    pub fn create(path: &Path, group: &NewGroup) -> Result<Books> {
        // Validate before touching the disk, so a refused form leaves no empty file behind.
        Books::in_memory(group)?;
        let conn = db::create_new(path)?;
        let mut books = Books::on_file(conn, path)?;
        // New books need no copy of their empty state.
        books.daily_checked = true;
        if let Err(e) = books.init(group) {
            drop(books);
            let _ = std::fs::remove_file(path);
            return Err(e);
        }
        Ok(books)
    }

    /// New books in memory (tests, validation).
    pub fn in_memory(group: &NewGroup) -> Result<Books> {
        let mut books = Books::with(db::in_memory()?, None, None);
        books.init(group)?;
        Ok(books)
    }

    fn init(&mut self, g: &NewGroup) -> Result<()> {
        let founded = g.founded_date()?;
        self.write(|tx| {
            group::insert(tx, g, founded)?;
            crate::account::install(tx)?;
            settings::install(tx, founded, &g.initial_settings())
        })
    }

    pub(crate) fn tx(&mut self) -> Result<Transaction<'_>> {
        if let Some(d) = &self.damage {
            return Err(Error::Damaged(d.clone()));
        }
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Builds throwaway books in one go (the demo group): its hundreds of writes are not synced
    /// one by one (on a busy disk that took a minute and a half), and the whole file is synced
    /// once at the end by a full checkpoint with `synchronous=FULL` back on. Nothing here is
    /// confirmed to anyone before that: a power cut during the build loses only the demo.
    pub(crate) fn build_unsynced<T>(
        &mut self,
        f: impl FnOnce(&mut Books) -> Result<T>,
    ) -> Result<T> {
        let checkpointer = self.checkpointer.take();
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        self.automatic_copies = false;
        let built = f(self);
        self.automatic_copies = true;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.checkpointer = checkpointer;
        let out = built?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(out)
    }

    /// Runs `f` in one IMMEDIATE transaction and commits it, or changes nothing if `f` fails;
    /// then asks for the new pages to be copied into the main file, off the caller's path.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.write_as(None, f)
    }

    /// [`Books::write`] of a two-person operation named `what` (Thai) about `topic`: once the
    /// group has users it needs a maker who may make it and a checker who confirmed with their
    /// PIN. It is logged for the audit committee whether or not the group has users.
    fn write_two<T>(
        &mut self,
        topic: crate::audit::Topic,
        what: &str,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write_as(
            Some(Logged {
                topic,
                what,
                two: true,
            }),
            f,
        )
    }

    /// The rights of the user at the keyboard for a write (`two`: the two-person operation it
    /// is). A group without users needs nobody.
    fn allow(&self, two: Option<&str>) -> Result<bool> {
        if !crate::users::any(&self.conn)? {
            return Ok(false);
        }
        let Some((number, role)) = self.user else {
            return Err(Error::SignInNeeded(
                "กลุ่มนี้มีผู้ใช้แล้ว: บอกว่าใครเป็นผู้บันทึก (ในโปรแกรม เลือกชื่อแล้วใส่ PIN; ในบรรทัดคำสั่ง --as เลขที่สมาชิก พร้อม PIN)".into(),
            ));
        };
        if !role.may_write() {
            return Err(Error::Refused(format!(
                "ผู้ใช้เลขที่ {number} ({}) บันทึกรายการไม่ได้",
                role.label()
            )));
        }
        if let Some(what) = two {
            if !role.may_make() {
                return Err(Error::Refused(format!(
                    "{what}: ต้องเป็นเหรัญญิกหรือประธาน — ผู้ใช้เลขที่ {number} เป็น{}",
                    role.label()
                )));
            }
            if self.checker.is_none() {
                return Err(Error::CheckerNeeded(format!(
                    "{what} ต้องมีผู้ตรวจคนที่สองยืนยันด้วย PIN ของตนเอง (ในบรรทัดคำสั่ง --checker เลขที่สมาชิก)"
                )));
            }
        }
        Ok(true)
    }

    /// A write, with the rights of the user at the keyboard checked first. Once the group has
    /// users every write is logged with who did it; a `logged` change (reversals, closes,
    /// settings, users, loan decisions) is logged always, so the audit committee's report
    /// lists it even for a group without users.
    fn write_as<T>(
        &mut self,
        logged: Option<Logged<'_>>,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let two = logged.as_ref().filter(|l| l.two).map(|l| l.what);
        let named = self.allow(two)?;
        let user = self.user.map(|u| u.0);
        let checker = two.and(self.checker);
        self.write_unchecked(|tx| {
            let last = || -> Result<i64> {
                Ok(
                    tx.query_row("SELECT coalesce(max(seq), 0) FROM journal_entry", [], |r| {
                        r.get(0)
                    })?,
                )
            };
            let log = named || logged.is_some();
            let before = if log { last()? } else { 0 };
            let out = f(tx)?;
            if log {
                // Who did it: the user, the checker of a two-person operation, the entries.
                let after = last()?;
                let entries = match after - before {
                    0 => String::new(),
                    1 => format!("รายการที่ {after}"),
                    _ => format!("รายการที่ {}–{after}", before + 1),
                };
                let (kind, detail) = match &logged {
                    Some(l) if l.two => ("two-person", format!("{} {entries}", l.what)),
                    Some(l) => (l.topic.as_str(), format!("{} {entries}", l.what)),
                    None if entries.is_empty() => ("change", "แก้ไขข้อมูล".to_string()),
                    None => ("entries", entries),
                };
                crate::audit::record_change(
                    tx,
                    &crate::audit::Change {
                        kind,
                        detail: detail.trim(),
                        user,
                        checker,
                        topic: logged.as_ref().map(|l| l.topic),
                        entries: (after > before).then_some((before + 1, after)),
                    },
                )?;
            }
            Ok(out)
        })
    }

    /// A record that is not the books (who did what, a print), in its own transaction: the
    /// rows it changes are counted apart from the books' ([`Books::book_changes`]).
    fn write_record<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let before = self.conn.total_changes();
        let out = self.write_unchecked(f);
        self.record_changes += self.conn.total_changes() - before;
        out
    }

    /// How many rows this connection has changed in the books since it opened: every insert,
    /// update and delete it made (SQLite's count, whatever the path), less the records of
    /// [`Books::write_record`]. Unchanged, with [`db::data_version`] unchanged, means the books
    /// read the same as before.
    pub(crate) fn book_changes(&self) -> u64 {
        self.conn.total_changes() - self.record_changes
    }

    /// A write needing no user: the records of a print and of a backup (anyone at the
    /// keyboard may print and copy the books).
    fn write_unchecked<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.daily_backup();
        let tx = self.tx()?;
        let out = f(&tx)?;
        tx.commit()?;
        if let Some(c) = &self.checkpointer {
            c.nudge();
        }
        Ok(out)
    }

    /// Runs `f`, a write that may be large (the year-end close and its payout write postings
    /// for every member: tens of thousands of pages), with SQLite's own checkpoint off: its commit is
    /// durable once the WAL is synced, and the checkpoint thread copies the pages into the file
    /// afterwards instead of the treasurer waiting for it.
    fn leaving_checkpoint_to_thread<T>(
        &mut self,
        f: impl FnOnce(&mut Books) -> Result<T>,
    ) -> Result<T> {
        if self.checkpointer.is_none() {
            return f(self);
        }
        db::no_checkpoint_in_commits(&self.conn)?;
        let out = f(self);
        // Back to the usual fallback. Setting a pragma cannot fail here; if it ever did, the
        // write's own result (committed or not) is still what the caller must hear.
        let _ = db::leave_checkpoints_to_thread(&self.conn);
        out
    }

    /// Test-only (`durability-test` feature): the books' connection stops fsyncing
    /// (`synchronous=OFF`), to show that the power-cut test catches a confirmed write that
    /// never reached the disk.
    #[cfg(feature = "durability-test")]
    pub fn weaken_durability_for_test(&self) -> Result<()> {
        db::weaken_durability(&self.conn)
    }

    /// Read access for queries and reports.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn group(&self) -> Result<Group> {
        group::get(&self.conn)
    }

    pub fn update_group(&mut self, input: &GroupInput) -> Result<Group> {
        self.write(|tx| group::update(tx, input))
    }

    /// The rules in force today.
    pub fn settings(&self) -> Result<Settings> {
        settings::at(&self.conn, clock::today())
    }

    pub fn settings_at(&self, date: NaiveDate) -> Result<Settings> {
        settings::at(&self.conn, date)
    }

    pub fn settings_list(&self) -> Result<Vec<SettingRow>> {
        settings::rows_at(&self.conn, clock::today())
    }

    /// Changes a rule from `effective` (any Thai date form; empty = today) on.
    pub fn set_setting(&mut self, key: &str, value: &str, effective: Option<&str>) -> Result<()> {
        let from = group::parse_optional_date("effective", effective.unwrap_or(""))?
            .unwrap_or_else(clock::today);
        self.write_two(
            crate::audit::Topic::Setting,
            &format!("เปลี่ยนระเบียบ {key} = {value}"),
            |tx| settings::set(tx, key, value, from),
        )
    }

    /// The home screen's pictures: the last 24 months up to today's as SVG bar charts
    /// (savings and deposits, loans outstanding, arrears, cash and bank), in the group's
    /// digits. Self-contained SVG built from the books' figures, no script.
    pub fn trend_charts(&self) -> Result<Vec<String>> {
        use crate::report::trend;
        let month = crate::thai::YearMonth::of(clock::today());
        let t = trend::trend(&self.conn, month, trend::MONTHS)?;
        let digits = self.settings()?.digits;
        Ok(trend::charts(&t, digits)
            .iter()
            .map(|c| trend::svg(c, 520, 230))
            .collect())
    }

    /// Changes a rule from `effective` on by the decision of `meeting` (its number, e.g.
    /// `2568/03`; empty = no meeting, as [`Books::set_setting`]). The printed regulation lists
    /// a change made at a meeting as an amendment.
    pub fn amend_setting(
        &mut self,
        key: &str,
        value: &str,
        effective: Option<&str>,
        meeting: &str,
    ) -> Result<()> {
        let from = group::parse_optional_date("effective", effective.unwrap_or(""))?
            .unwrap_or_else(clock::today);
        self.write_two(
            crate::audit::Topic::Setting,
            &format!("เปลี่ยนระเบียบ {key} = {value}"),
            |tx| {
                let id = if meeting.trim().is_empty() {
                    None
                } else {
                    Some(crate::meeting_ref::find_id(tx, meeting)?)
                };
                settings::amend(tx, key, value, from, id.as_deref())
            },
        )
    }

    pub fn add_member(&mut self, input: &MemberInput) -> Result<Member> {
        self.write(|tx| member::add(tx, input))
    }

    /// Registers many members in one transaction (e.g. a register moved from paper): all of
    /// them, or none if any is refused.
    pub fn add_members(&mut self, inputs: &[MemberInput]) -> Result<Vec<Member>> {
        self.write(|tx| {
            let mut added = Vec::with_capacity(inputs.len());
            for (i, input) in inputs.iter().enumerate() {
                let m = member::add(tx, input).map_err(|e| {
                    crate::Error::Refused(format!("รายชื่อที่ {}: {e} — ไม่ได้บันทึกรายชื่อใดเลย", i + 1))
                })?;
                added.push(m);
            }
            Ok(added)
        })
    }

    /// Edits a member; `on` is the date the change takes effect (empty = today).
    pub fn update_member(
        &mut self,
        number: u32,
        input: &MemberInput,
        on: Option<&str>,
    ) -> Result<Member> {
        let on = group::parse_optional_date("changed_on", on.unwrap_or(""))?
            .unwrap_or_else(clock::today);
        self.write(|tx| member::update(tx, number, input, on))
    }

    pub fn member(&self, number: u32) -> Result<Member> {
        member::get(&self.conn, number)
    }

    pub fn members(&self, search: &str) -> Result<Vec<MemberRow>> {
        member::list(&self.conn, search)
    }

    pub fn member_history(&self, number: u32) -> Result<Vec<MemberChange>> {
        member::history(&self.conn, number)
    }

    pub fn overview(&self) -> Result<Overview> {
        let lock_date = crate::journal::lock_date(&self.conn)?;
        let open_month = crate::period::open_month(&self.conn)?;
        let (member_count, active_member_count) = self.conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE status = 'active') FROM member",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Overview {
            path: self.path.as_ref().map(|p| p.display().to_string()),
            group: self.group()?,
            settings: self.settings()?,
            open_month: open_month.to_string(),
            work_date: crate::period::work_date(&self.conn, open_month)?,
            lock_date,
            member_count,
            active_member_count,
        })
    }

    /// Checks the whole file; see [`crate::verify`].
    pub fn verify(&self) -> Result<crate::verify::Report> {
        crate::verify::run(&self.conn)
    }

    /// A consistent, checked copy of the open books to `dest` (SQLite online backup).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        crate::snapshot::copy_verified(&self.conn, dest)
    }

    // ── Backups (crate::backup, crate::snapshot) ────────────────────────────────────────

    /// Before the first write of a day, a copy of the books as they were (kept 14 days). A
    /// copy that cannot be made does not stop the write: [`Books::backup_warning`] says why.
    /// Makes today's automatic copy now if it is not made yet (the day's first write would
    /// make it otherwise): for a caller that would rather pay for it before the first receipt.
    pub fn make_daily_backup(&mut self) -> Option<&str> {
        self.daily_backup();
        self.backup_warning()
    }

    fn daily_backup(&mut self) {
        if self.daily_checked || self.damage.is_some() {
            return;
        }
        let Some(path) = self.path.clone() else {
            return;
        };
        self.daily_checked = true;
        let today = clock::today();
        if crate::snapshot::made_on(&path, crate::snapshot::Reason::Daily, today) {
            return;
        }
        if let Err(e) =
            crate::snapshot::make(&self.conn, &path, crate::snapshot::Reason::Daily, today)
        {
            self.backup_warning = Some(format!("สำรองบัญชีประจำวันไม่สำเร็จ: {e}"));
        }
    }

    /// Why an automatic copy could not be made, if one failed since the books were opened.
    pub fn backup_warning(&self) -> Option<&str> {
        self.backup_warning.as_deref()
    }

    fn books_path(&self) -> Result<PathBuf> {
        self.path
            .clone()
            .ok_or_else(|| Error::Refused("บัญชีนี้ไม่ได้อยู่ในไฟล์ จึงสำรองไม่ได้".into()))
    }

    /// A copy now, into the backups folder beside the books; what it holds.
    pub fn backup_now(&mut self) -> Result<crate::backup::BackupInfo> {
        let path = self.books_path()?;
        let copy = crate::snapshot::make(
            &self.conn,
            &path,
            crate::snapshot::Reason::Manual,
            clock::today(),
        )?;
        let info = crate::backup::describe(&copy)?;
        self.audit("backup", &format!("สำรองบัญชี {}", info.file_name))?;
        Ok(info)
    }

    /// The copies of these books, newest first.
    pub fn backups(&self) -> Result<Vec<crate::backup::BackupInfo>> {
        Ok(crate::backup::list(&self.books_path()?))
    }

    /// What restoring `copy` would bring back, beside the books in use, and why it would be
    /// refused. Changes nothing.
    pub fn restore_preview(&self, copy: &Path) -> Result<crate::backup::RestorePreview> {
        crate::backup::preview(&self.conn, &self.books_path()?, copy)
    }

    /// [`Books::restore_preview`] of a copy that may be encrypted (`….db.age`): decrypted with
    /// `passphrase` into a scratch file beside the books for the look, the scratch file removed.
    /// The preview names the copy as it was given.
    pub fn restore_preview_of(
        &self,
        copy: &Path,
        passphrase: Option<&str>,
    ) -> Result<crate::backup::RestorePreview> {
        let plain = crate::backup::PlainCopy::of(&self.books_path()?, copy, passphrase)?;
        let mut preview = self.restore_preview(plain.path())?;
        name_copy(&mut preview, copy);
        Ok(preview)
    }

    /// [`Books::restore`] from a copy that may be encrypted (`….db.age`), decrypted with
    /// `passphrase` into a scratch file beside the books, which is removed afterwards.
    pub fn restore_from(
        &mut self,
        copy: &Path,
        passphrase: Option<&str>,
    ) -> Result<crate::backup::Restored> {
        let plain = crate::backup::PlainCopy::of(&self.books_path()?, copy, passphrase)?;
        self.restore_shown_as(plain.path(), copy)
    }

    /// Replaces the books with `copy`: refused for another group's copy, a newer version or a
    /// copy that does not pass `verify`; the books in use are copied first (`before-restore`),
    /// and the restore is recorded in the audit log of the restored books.
    pub fn restore(&mut self, copy: &Path) -> Result<crate::backup::Restored> {
        self.restore_shown_as(copy, copy)
    }

    /// [`Books::restore`] of `copy`, named in the audit log as `shown_as` (the encrypted copy
    /// the treasurer chose, not its decrypted scratch file).
    fn restore_shown_as(
        &mut self,
        copy: &Path,
        shown_as: &Path,
    ) -> Result<crate::backup::Restored> {
        if let Some(d) = &self.damage {
            return Err(Error::Damaged(d.clone()));
        }
        self.allow(None)?;
        let path = self.books_path()?;
        let mut preview = self.restore_preview(copy)?;
        name_copy(&mut preview, shown_as);
        if !preview.can_restore {
            return Err(Error::Refused(preview.problems.join("; ")));
        }
        let checked = crate::backup::checked_copy(&path, copy)?;
        let saved = crate::snapshot::make(
            &self.conn,
            &path,
            crate::snapshot::Reason::BeforeRestore,
            clock::today(),
        )?;
        {
            let backup = rusqlite::backup::Backup::new(&checked.conn, &mut self.conn)?;
            backup.run_to_completion(1024, std::time::Duration::from_millis(5), None)?;
        }
        drop(checked);
        self.audit(
            "restore",
            &format!(
                "กู้คืนจาก {} (รหัสตรวจสอบ {}); บัญชีก่อนกู้คืนเก็บไว้ที่ {}",
                preview.backup.file_name,
                preview.backup.check_code,
                saved.display()
            ),
        )?;
        let verify = self.verify()?;
        Ok(crate::backup::Restored {
            books: crate::backup::info_of(&self.conn, &path)?,
            saved_before: saved.display().to_string(),
            verify,
        })
    }

    /// Copies the books to `dir` (a USB stick) and verifies the copy there; with
    /// `passphrase`, the copy is encrypted with it ([`crate::backup::export`]).
    pub fn export_copy(
        &mut self,
        dir: &Path,
        passphrase: Option<&str>,
    ) -> Result<crate::backup::Exported> {
        let out = crate::backup::export(&self.conn, dir, passphrase)?;
        let how = if out.encrypted {
            " (เข้ารหัสด้วยรหัสผ่าน)"
        } else {
            ""
        };
        self.audit("export", &format!("คัดลอกบัญชีไปที่ {}{how}", out.path))?;
        Ok(out)
    }

    /// Records an event in the audit log (in its own transaction).
    fn audit(&mut self, kind: &str, detail: &str) -> Result<()> {
        if self.damage.is_some() {
            return Ok(());
        }
        let user = self.user.map(|u| u.0);
        self.write_record(|tx| crate::audit::record_who(tx, kind, detail, user, None))
    }

    /// The audit log from `from` to `to` (any Thai date form).
    pub fn audit_log(&self, from: &str, to: &str) -> Result<Vec<crate::audit::Event>> {
        let from = crate::group::parse_optional_date("from", from)?;
        let to = crate::group::parse_optional_date("to", to)?;
        crate::audit::between(&self.conn, from, to)
    }

    /// The audit committee's report of `from`–`to` (any Thai date form; empty: from the
    /// group's founding, to today).
    pub fn audit_report(
        &self,
        from: &str,
        to: &str,
    ) -> Result<crate::report::audit_trail::AuditReport> {
        let from =
            crate::group::parse_optional_date("from", from)?.unwrap_or(self.group()?.founded);
        let to = crate::group::parse_optional_date("to", to)?.unwrap_or_else(clock::today);
        crate::report::audit_trail::audit_report(&self.conn, from, to)
    }

    // ── Users at the keyboard (crate::users) ───────────────────────────────────────────

    /// Who is at the keyboard: member `number` with their PIN. A wrong PIN is refused and
    /// logged for the audit committee.
    pub fn sign_in(&mut self, number: u32, pin: &str) -> Result<crate::users::Role> {
        match crate::users::check_pin(&self.conn, number, pin) {
            Ok(role) => {
                self.user = Some((number, role));
                Ok(role)
            }
            Err(e) => {
                self.failed_pin(number, "ผู้ใช้");
                Err(e)
            }
        }
    }

    /// The second person of a two-person operation confirms with their own PIN.
    pub fn confirm_checker(&mut self, number: u32, pin: &str) -> Result<()> {
        if self.user.map(|u| u.0) == Some(number) {
            return Err(Error::invalid(
                "checker",
                "ผู้ตรวจต้องเป็นคนละคนกับผู้บันทึก — ให้กรรมการอีกคนใส่ PIN ของตนเอง",
            ));
        }
        match crate::users::check_pin(&self.conn, number, pin) {
            Ok(role) if role.may_check() => {
                self.checker = Some(number);
                Ok(())
            }
            Ok(role) => Err(Error::invalid(
                "checker",
                format!(
                    "ผู้ใช้เลขที่ {number} เป็น{} จึงยืนยันแทนไม่ได้ — ผู้ตรวจต้องเป็นเหรัญญิก ประธาน หรือกรรมการตรวจสอบ",
                    role.label()
                ),
            )),
            Err(e) => {
                self.failed_pin(number, "ผู้ตรวจ");
                Err(e)
            }
        }
    }

    /// Logs a refused PIN in its own transaction (the command itself is refused).
    fn failed_pin(&mut self, number: u32, as_what: &str) {
        if self.damage.is_some() {
            return;
        }
        let detail = format!("PIN ไม่ถูกต้อง: {as_what} เลขที่ {number}");
        let _ = self.write_record(|tx| {
            crate::audit::record_who(tx, "pin-failed", &detail, Some(number), None)
        });
    }

    /// Adds a user bound to member `number`. The first user needs nobody; after that, adding
    /// one is a two-person operation.
    pub fn add_user(&mut self, number: u32, role: &str, pin: &str) -> Result<crate::users::User> {
        let role = crate::users::Role::parse(role)?;
        let what = format!("เพิ่มผู้ใช้เลขที่ {number} ({})", role.label());
        // Until two users can confirm, a second person cannot exist to confirm.
        if crate::users::checkers(&self.conn)? >= 2 {
            self.write_two(crate::audit::Topic::User, &what, |tx| {
                crate::users::add(tx, number, role, pin)
            })
        } else {
            let logged = Logged {
                topic: crate::audit::Topic::User,
                what: &what,
                two: false,
            };
            self.write_as(Some(logged), |tx| crate::users::add(tx, number, role, pin))
        }
    }

    pub fn users(&self) -> Result<Vec<crate::users::User>> {
        crate::users::list(&self.conn)
    }

    /// Whether the group has users (then every write needs the user at the keyboard).
    pub fn has_users(&self) -> Result<bool> {
        crate::users::any(&self.conn)
    }

    /// The user at the keyboard, if one signed in.
    pub fn signed_in(&self) -> Result<Option<crate::users::User>> {
        let Some((number, _)) = self.user else {
            return Ok(None);
        };
        Ok(self.users()?.into_iter().find(|u| u.member == number))
    }

    /// Nobody at the keyboard any more (the app's lock button): the next write needs a
    /// sign-in again.
    pub fn sign_out(&mut self) {
        self.user = None;
        self.checker = None;
    }

    /// Forgets the second person's confirmation, so the next two-person operation asks for
    /// it again (the app calls this after every command; a command line run ends anyway).
    pub fn forget_checker(&mut self) {
        self.checker = None;
    }

    /// Seals the journal as it stands with the audit committee's passphrase; see
    /// [`crate::seal`].
    pub fn seal_set(&mut self, passphrase: &str) -> Result<crate::seal::SealReport> {
        // The audit committee seals; it records no money, so any user may.
        if crate::users::any(&self.conn)? && self.user.is_none() {
            self.allow(None)?;
        }
        self.write_unchecked(|tx| crate::seal::set(tx, passphrase))
    }

    /// Whether the journal still matches every seal (reads only).
    pub fn seal_check(&self, passphrase: &str) -> Result<crate::seal::SealReport> {
        crate::seal::check(&self.conn, passphrase)
    }

    /// Whether a check code printed on paper belongs to these books; see [`crate::checkcode`].
    pub fn check_code(&self, code: &str) -> Result<crate::checkcode::CodeCheck> {
        crate::checkcode::check(&self.conn, code)
    }

    // ── Collection day ──────────────────────────────────────────────────────────────────

    /// What every member (or one) owes on a date typed in any Thai form.
    pub fn due(&self, date: &str, member: Option<u32>) -> Result<crate::collection::DueList> {
        crate::collection::due(&self.conn, parse_date_or_today("date", date)?, member)
    }

    /// Posts one member's collection row; returns its receipt.
    pub fn collect(
        &mut self,
        row: &crate::collection::CollectionInput,
    ) -> Result<crate::collection::Receipt> {
        self.write(|tx| {
            let rules = crate::collection::Rules::load(tx)?;
            crate::collection::collect(tx, &rules, row, None)
        })
    }

    /// Posts one row from the collection screen and answers with all the screen redraws: the
    /// receipt, the member's fresh due row, the day's totals and the day's receipts after
    /// journal sequence number `after` (the last the screen has; `None` = this row's only).
    pub fn collect_on_sheet(
        &mut self,
        row: &crate::collection::CollectionInput,
        after: Option<i64>,
    ) -> Result<crate::collection::Collected> {
        self.write(|tx| crate::collection::collect_on_sheet(tx, row, after))
    }

    /// Posts a whole collection sheet in one transaction: every row, or none.
    pub fn collect_batch(
        &mut self,
        date: &str,
        rows: &[crate::collection::CollectionInput],
    ) -> Result<Vec<crate::collection::Receipt>> {
        // Numbered as in a spreadsheet: the header is row 1.
        let numbered: Vec<(usize, crate::collection::CollectionInput)> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (i + 2, r.clone()))
            .collect();
        self.collect_sheet(date, &numbered, true)
    }

    /// Posts a collection sheet whose rows carry their spreadsheet row numbers (used in every
    /// message). A member on two rows is refused unless `allow_repeats` confirms it was meant.
    pub fn collect_sheet(
        &mut self,
        date: &str,
        rows: &[(usize, crate::collection::CollectionInput)],
        allow_repeats: bool,
    ) -> Result<Vec<crate::collection::Receipt>> {
        let date = parse_date_or_today("date", date)?;
        if !allow_repeats {
            crate::collection::refuse_repeats(rows)?;
        }
        self.write(|tx| {
            let rules = crate::collection::Rules::load(tx)?;
            let mut numbers = crate::collection::receipt_numbers();
            let mut receipts = Vec::with_capacity(rows.len());
            for (n, row) in rows {
                let r =
                    crate::collection::collect_numbered(tx, &rules, &mut numbers, row, Some(date))
                        .map_err(|e| {
                            crate::Error::Refused(format!(
                                "แถวที่ {n} (สมาชิก {}): {e} — ไม่ได้บันทึกแถวใดเลย",
                                row.member.trim()
                            ))
                        })?;
                receipts.push(r);
            }
            numbers.finish(tx)?;
            Ok(receipts)
        })
    }

    /// The receipts and running totals of one collection day.
    pub fn collection_day(&self, date: &str) -> Result<crate::collection::DaySummary> {
        self.collection_day_after(date, None)
    }

    /// [`Books::collection_day`] with only the receipts after journal sequence number
    /// `after` (`None` = all), for a screen that already shows the others.
    pub fn collection_day_after(
        &self,
        date: &str,
        after: Option<i64>,
    ) -> Result<crate::collection::DaySummary> {
        crate::collection::day(&self.conn, parse_date_or_today("date", date)?, after)
    }

    pub fn expense(
        &mut self,
        input: &crate::movement::ExpenseInput,
    ) -> Result<crate::movement::Posted> {
        self.write(|tx| crate::movement::expense(tx, input))
    }

    pub fn income(
        &mut self,
        input: &crate::movement::IncomeInput,
    ) -> Result<crate::movement::Posted> {
        self.write(|tx| crate::movement::income(tx, input))
    }

    /// `deposit` (cash → bank), `withdraw` (bank → cash) or `interest`.
    pub fn bank(
        &mut self,
        action: &str,
        date: &str,
        amount: &str,
        memo: &str,
    ) -> Result<crate::movement::Posted> {
        self.write(|tx| crate::movement::bank(tx, action, date, amount, memo))
    }

    /// Reverses a receipt (by number) or an entry (by id) with a reason, on `date` (empty =
    /// today). The original stays, marked reversed.
    pub fn reverse(
        &mut self,
        receipt_or_entry: &str,
        reason: &str,
        date: &str,
    ) -> Result<crate::journal::Entry> {
        let date = parse_date_or_today("date", date)?;
        let what = format!("ยกเลิกรายการ {}", receipt_or_entry.trim());
        self.write_two(crate::audit::Topic::Reversal, &what, |tx| {
            let original = crate::journal::entry(
                tx,
                crate::thai::to_arabic_digits(receipt_or_entry.trim()).as_str(),
            )?;
            let id = crate::journal::reverse(tx, &original.id, date, reason)?;
            crate::business::stock::on_reverse(tx, &original, &id, date)?;
            if original.kind == crate::journal::EntryKind::Settlement.as_str() {
                // Reversing an exit restores the member in the same transaction, or nothing.
                crate::exit::restore(tx, &original, date, reason)?;
            }
            if original.kind == crate::journal::EntryKind::LoanWriteOff.as_str() {
                // Reversing a write-off puts the loan back to being repaid, in the same
                // transaction.
                crate::loan::reopen_written_off(tx, &original, &id, date, reason)?;
            }
            crate::movement::ensure_no_negative(tx, original.member_id.as_deref())?;
            crate::loan::ensure_balances_agree(
                tx,
                original
                    .postings
                    .iter()
                    .filter(|p| p.account == crate::account::LOANS)
                    .filter_map(|p| p.loan_id.as_deref()),
            )?;
            crate::journal::entry(tx, &id)
        })
    }

    /// An entry (by id or receipt number) with its postings.
    pub fn entry(&self, id_or_receipt: &str) -> Result<crate::journal::Entry> {
        crate::journal::entry(
            &self.conn,
            crate::thai::to_arabic_digits(id_or_receipt.trim()).as_str(),
        )
    }

    /// A member leaves or dies: the settlement, posted.
    pub fn member_exit(
        &mut self,
        number: u32,
        date: &str,
        reason: &str,
        pay_from: &str,
    ) -> Result<crate::exit::Settlement> {
        let (date, reason, from) = exit_terms(date, reason, pay_from)?;
        self.write(|tx| crate::exit::settle(tx, number, date, reason, from, false))
    }

    /// Pays a former member (or the heirs) what their exit booked to the exit payable, with
    /// its own voucher number. `to` names who received it (empty = the member, or the estate).
    pub fn pay_exit(
        &mut self,
        number: u32,
        date: &str,
        from: &str,
        to: &str,
    ) -> Result<crate::exit::ExitPayment> {
        let date = parse_date_or_today("date", date)?;
        let from = crate::movement::Place::parse(from)?;
        self.write(|tx| crate::exit::pay_exit(tx, number, date, from, to))
    }

    /// What a former member (or their heirs) is still to be paid from the exit payable.
    pub fn exit_payable(&self, number: u32) -> Result<crate::Money> {
        let m = crate::member::get(&self.conn, number)?;
        Ok(-crate::ledger::member_balance(
            &self.conn,
            crate::account::EXIT_PAYABLE,
            &m.id,
            None,
        )?)
    }

    /// The loans still being repaid that keep a guarantor from leaving on `date`.
    pub fn blocking_guarantees(
        &self,
        number: u32,
        date: &str,
    ) -> Result<Vec<crate::loan::BlockingLoan>> {
        let date = parse_date_or_today("date", date)?;
        let m = crate::member::get(&self.conn, number)?;
        crate::loan::leaving::blocking_guarantees(&self.conn, &m.id, date)
    }

    /// Another member takes over a guarantee (a committee decision); the loan card after.
    pub fn replace_guarantor(
        &mut self,
        change: &crate::loan::GuarantorChange,
    ) -> Result<crate::loan::LoanCard> {
        self.loan_step_on(&change.date, |tx| crate::loan::leaving::replace(tx, change))
    }

    /// The committee releases a guarantor (with the reason); the loan card after.
    pub fn release_guarantor(
        &mut self,
        change: &crate::loan::GuarantorChange,
    ) -> Result<crate::loan::LoanCard> {
        self.loan_step_on(&change.date, |tx| crate::loan::leaving::release(tx, change))
    }

    /// Records the cash counted in the box on `date`; any difference is booked, never hidden.
    pub fn count_cash(
        &mut self,
        date: &str,
        counted: &str,
        note: &str,
    ) -> Result<crate::period::CashCount> {
        let date = parse_date_or_today("date", date)?;
        let counted = crate::Money::parse(counted)
            .map_err(|e| crate::Error::invalid("counted", e.to_string()))?;
        self.write(|tx| crate::period::count_cash(tx, date, counted, note))
    }

    /// Locks a month (typed `2568-03`, `3/2568`, `มี.ค. 2568`, …).
    pub fn close_month(&mut self, month: &str) -> Result<crate::period::MonthClose> {
        self.close_month_with(month, &crate::closing::CloseInput::default())
    }

    /// [`Books::close_month`] with the committee's note and the bank's own balance to compare
    /// ([`crate::closing`]).
    pub fn close_month_with(
        &mut self,
        month: &str,
        input: &crate::closing::CloseInput,
    ) -> Result<crate::period::MonthClose> {
        let month = crate::thai::parse_month(month)
            .map_err(|e| crate::Error::invalid("month", e.to_string()))?;
        let closed = self.write_two(
            crate::audit::Topic::Close,
            &format!(
                "ปิดบัญชีเดือน{}",
                crate::thai::format_month_long(month, crate::thai::Digits::Arabic)
            ),
            |tx| crate::closing::close(tx, month, input, crate::verify::refuse_unsound),
        )?;
        // A copy of every closed month (kept two years); the close stands if it fails.
        if let Some(path) = self.path.clone().filter(|_| self.automatic_copies) {
            if let Err(e) = crate::snapshot::make(
                &self.conn,
                &path,
                crate::snapshot::Reason::MonthClose,
                clock::today(),
            ) {
                self.backup_warning = Some(format!("สำรองบัญชีหลังปิดเดือนไม่สำเร็จ: {e}"));
            }
        }
        Ok(closed)
    }

    /// A member's balances as at `date` (empty = now), including fines for late months.
    pub fn balance(&self, number: u32, date: &str) -> Result<crate::collection::Balances> {
        let date = crate::group::parse_optional_date("date", date)?;
        crate::collection::balance_report(&self.conn, number, date)
    }

    pub fn cashbook(&self, month: &str) -> Result<crate::register::CashBook> {
        let month = crate::thai::parse_month(month)
            .map_err(|e| crate::Error::invalid("month", e.to_string()))?;
        crate::register::cashbook(&self.conn, month)
    }

    /// The pledged-savings register of an accounting year (its พ.ศ. label; ค.ศ. accepted).
    pub fn sajja_register(&self, year: &str) -> Result<crate::register::SajjaRegister> {
        crate::register::sajja_register(&self.conn, parse_year_be(year)?)
    }

    pub fn account_history(
        &self,
        number: u32,
        from: &str,
        to: &str,
    ) -> Result<crate::register::AccountHistory> {
        let from = crate::group::parse_optional_date("from", from)?;
        let to = crate::group::parse_optional_date("to", to)?;
        crate::register::account_history(&self.conn, number, from, to)
    }

    // ---- Loans (src/loan): each use case is one transaction; refusals change nothing. ----

    pub fn add_loan_product(
        &mut self,
        input: &crate::loan::LoanProductInput,
    ) -> Result<crate::loan::LoanProduct> {
        self.write(|tx| crate::loan::product::add(tx, input))
    }

    pub fn loan_products(&self) -> Result<Vec<crate::loan::LoanProduct>> {
        crate::loan::product::list(&self.conn)
    }

    /// Records a loan application after checking the product's limits, the borrower, each
    /// guarantor and the legal rate; returns its card.
    pub fn apply_loan(
        &mut self,
        input: &crate::loan::LoanApplication,
    ) -> Result<crate::loan::LoanCard> {
        self.loan_step(|tx| crate::loan::apply(tx, input))
    }

    pub fn approve_loan(
        &mut self,
        decision: &crate::loan::LoanDecision,
    ) -> Result<crate::loan::LoanCard> {
        let id = self.write_two(
            crate::audit::Topic::Loan,
            "อนุมัติเงินกู้",
            |tx| crate::loan::approve(tx, decision),
        )?;
        self.loan(&id, "")
    }

    pub fn reject_loan(
        &mut self,
        decision: &crate::loan::LoanDecision,
    ) -> Result<crate::loan::LoanCard> {
        self.loan_step(|tx| crate::loan::reject(tx, decision))
    }

    pub fn disburse_loan(
        &mut self,
        input: &crate::loan::LoanDisbursement,
    ) -> Result<crate::loan::LoanCard> {
        self.loan_step(|tx| crate::loan::disburse(tx, input))
    }

    /// A repayment of one loan taken on its card (the collection row is the usual way).
    pub fn repay_loan(
        &mut self,
        input: &crate::loan::LoanRepaymentInput,
    ) -> Result<(String, crate::loan::RepaymentSplit)> {
        self.write(|tx| crate::loan::repay(tx, input))
    }

    pub fn restructure_loan(
        &mut self,
        input: &crate::loan::RestructureInput,
    ) -> Result<crate::loan::LoanCard> {
        self.loan_step(|tx| crate::loan::restructure(tx, input))
    }

    pub fn write_off_loan(
        &mut self,
        decision: &crate::loan::LoanDecision,
    ) -> Result<crate::loan::LoanCard> {
        let id = self.write_two(
            crate::audit::Topic::Loan,
            "ตัดหนี้สูญ",
            |tx| crate::loan::write_off(tx, decision),
        )?;
        self.loan(&id, "")
    }

    /// Runs one step of a loan's life in its own transaction and answers with the loan's card
    /// as it now stands.
    fn loan_step(
        &mut self,
        step: impl FnOnce(&Transaction<'_>) -> Result<String>,
    ) -> Result<crate::loan::LoanCard> {
        self.loan_step_on("", step)
    }

    /// [`Books::loan_step`] answering with the card as at `on` (any Thai date form).
    fn loan_step_on(
        &mut self,
        on: &str,
        step: impl FnOnce(&Transaction<'_>) -> Result<String>,
    ) -> Result<crate::loan::LoanCard> {
        let id = self.write(step)?;
        self.loan(&id, on)
    }

    /// Records one step of a meeting in its own transaction and answers with the meeting
    /// (its minutes) as it now stands.
    fn meeting_step<T>(
        &mut self,
        meeting: &str,
        step: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<crate::meeting::Meeting> {
        self.write(step)?;
        self.meeting(meeting)
    }

    /// Records a committee seat (or ends one); see [`crate::committee::set`].
    pub fn set_seat(
        &mut self,
        input: &crate::committee::SeatInput,
    ) -> Result<crate::committee::Seat> {
        self.write(|tx| crate::committee::set(tx, input))
    }

    /// The committee register on `date` (any Thai date form), or its whole history when empty.
    pub fn committee(&self, date: &str) -> Result<Vec<crate::committee::Seat>> {
        let on = crate::group::parse_optional_date("date", date)?;
        crate::committee::list(&self.conn, on)
    }

    /// A new meeting; returns it with its number (e.g. `2568/03`).
    pub fn new_meeting(
        &mut self,
        input: &crate::meeting::MeetingInput,
    ) -> Result<crate::meeting::Meeting> {
        let number = self.write(|tx| crate::meeting::new(tx, input))?;
        self.meeting(&number)
    }

    pub fn meeting_attend(
        &mut self,
        input: &crate::meeting::AttendInput,
    ) -> Result<crate::meeting::Meeting> {
        self.meeting_step(&input.meeting, |tx| crate::meeting::attend(tx, input))
    }

    pub fn meeting_guest(
        &mut self,
        input: &crate::meeting::GuestInput,
    ) -> Result<crate::meeting::Meeting> {
        self.meeting_step(&input.meeting, |tx| crate::meeting::guest(tx, input))
    }

    pub fn meeting_item(
        &mut self,
        input: &crate::meeting::ItemInput,
    ) -> Result<crate::meeting::Meeting> {
        self.meeting_step(&input.meeting, |tx| crate::meeting::item(tx, input))
    }

    pub fn close_meeting(
        &mut self,
        input: &crate::meeting::CloseInput,
    ) -> Result<crate::meeting::Meeting> {
        self.meeting_step(&input.meeting, |tx| crate::meeting::close(tx, input))
    }

    /// A meeting with its minutes, by number (`2568/03`, `3/2568`) or id.
    pub fn meeting(&self, meeting: &str) -> Result<crate::meeting::Meeting> {
        crate::meeting::show(&self.conn, meeting)
    }

    pub fn meetings(&self) -> Result<Vec<crate::meeting::MeetingRow>> {
        crate::meeting::list(&self.conn)
    }

    /// What the books offer agenda 3/4 of a meeting.
    pub fn meeting_offers(&self, meeting: &str) -> Result<crate::meeting::Offers> {
        crate::meeting::offers_for(&self.conn, meeting)
    }

    /// The loan card (contract number or id) as on `date` (empty = today).
    pub fn loan(&self, loan: &str, date: &str) -> Result<crate::loan::LoanCard> {
        crate::loan::card(&self.conn, loan, parse_date_or_today("date", date)?)
    }

    pub fn loan_schedule(&self, loan: &str) -> Result<crate::loan::ScheduleView> {
        crate::loan::schedule_view(&self.conn, loan)
    }

    /// The schedule and annual rates a loan would have (before applying).
    pub fn loan_preview(
        &self,
        product: &str,
        amount: &str,
        months: &str,
        date: &str,
    ) -> Result<crate::loan::ScheduleView> {
        crate::loan::preview(&self.conn, product, amount, months, date)
    }

    pub fn loans(&self, filter: &crate::loan::LoanFilter) -> Result<Vec<crate::loan::LoanRow>> {
        crate::loan::list(&self.conn, filter)
    }

    pub fn loan_arrears(&self, date: &str) -> Result<crate::loan::ArrearsList> {
        crate::loan::arrears::arrears(&self.conn, parse_date_or_today("date", date)?)
    }

    /// Loan dues of every member on `date`, by member id.
    pub fn loan_dues(
        &self,
        date: &str,
    ) -> Result<std::collections::HashMap<String, crate::loan::LoanDue>> {
        crate::loan::dues(&self.conn, parse_date_or_today("date", date)?)
    }

    /// A member's loans, dues and guarantees on `date`.
    pub fn member_loans(&self, number: u32, date: &str) -> Result<crate::loan::MemberLoans> {
        crate::loan::member_loans(&self.conn, number, parse_date_or_today("date", date)?)
    }

    // ── Report models (documents draw these) ────────────────────────────────────────────

    /// The payment voucher number of an entry that paid money out (withdrawal, loan payout,
    /// exit payout, expense), or None.
    pub fn voucher_of_entry(&self, entry: &str) -> Result<Option<String>> {
        crate::report::voucher::number_of_entry(&self.conn, entry)
    }

    /// The payment voucher number of a loan's payout, or None before it is paid out.
    pub fn voucher_of_loan_payout(&self, loan_id: &str) -> Result<Option<String>> {
        crate::report::voucher::number_of_loan_payout(&self.conn, loan_id)
    }

    /// The payment voucher with this number.
    pub fn voucher(&self, number: &str) -> Result<crate::report::voucher::Voucher> {
        crate::report::voucher::voucher(&self.conn, number)
    }

    /// The receipt with this number.
    pub fn receipt_doc(&self, number: &str) -> Result<crate::report::receipt::ReceiptDoc> {
        crate::report::receipt::receipt(&self.conn, number)
    }

    /// Every receipt of a collection day.
    pub fn receipts_of_day(&self, date: &str) -> Result<Vec<crate::report::receipt::ReceiptDoc>> {
        crate::report::receipt::receipts_of_day(&self.conn, parse_date_or_today("date", date)?)
    }

    /// Monthly statements of every member for a month (typed `2568-03`, `มี.ค. 2568`, …).
    pub fn statements(
        &self,
        month: &str,
    ) -> Result<Vec<crate::report::statement::MemberStatement>> {
        let month = crate::thai::parse_month(month)
            .map_err(|e| crate::Error::invalid("month", e.to_string()))?;
        crate::report::statement::statements(&self.conn, month)
    }

    /// The monthly fund report.
    pub fn fund_report(&self, month: &str) -> Result<crate::report::fund::FundReport> {
        let month = crate::thai::parse_month(month)
            .map_err(|e| crate::Error::invalid("month", e.to_string()))?;
        crate::report::fund::fund_report(&self.conn, month)
    }

    // ── Year-end (src/yearend, src/report/yearly) ──────────────────────────────────────

    /// The span of a year's statements: the accounting year (พ.ศ. or ค.ศ.), through `as_at`
    /// (empty = the year's end).
    pub fn statement_span(&self, year: &str, as_at: &str) -> Result<crate::report::yearly::Span> {
        let as_at = crate::group::parse_optional_date("as_at", as_at)?;
        crate::report::yearly::Span::of(&self.conn, parse_year_be(year)?, as_at)
    }

    pub fn trial_balance(
        &self,
        year: &str,
        as_at: &str,
    ) -> Result<crate::report::yearly::TrialBalance> {
        crate::report::yearly::trial_balance(&self.conn, self.statement_span(year, as_at)?)
    }

    /// The general ledger of the year (through `as_at`), every account or only `account`
    /// (a code of the chart; empty = every account with a balance or a movement).
    pub fn general_ledger(
        &self,
        year: &str,
        as_at: &str,
        account: &str,
    ) -> Result<crate::report::general_ledger::GeneralLedger> {
        let only = Some(account.trim()).filter(|a| !a.is_empty());
        crate::report::general_ledger::general_ledger(
            &self.conn,
            self.statement_span(year, as_at)?,
            only,
        )
    }

    pub fn income_statement(
        &self,
        year: &str,
        as_at: &str,
    ) -> Result<crate::report::yearly::IncomeStatement> {
        crate::report::yearly::income_statement(&self.conn, self.statement_span(year, as_at)?)
    }

    pub fn balance_sheet(
        &self,
        year: &str,
        as_at: &str,
    ) -> Result<crate::report::yearly::BalanceSheet> {
        crate::report::yearly::balance_sheet(&self.conn, self.statement_span(year, as_at)?)
    }

    pub fn receipts_payments(
        &self,
        year: &str,
        as_at: &str,
    ) -> Result<crate::report::yearly::ReceiptsPayments> {
        crate::report::yearly::receipts_payments(&self.conn, self.statement_span(year, as_at)?)
    }

    /// The year's figures, pools and member shares as the close would post them (or, for a
    /// closed year, as posted, with what was paid). Reads only.
    pub fn yearend_preview(&self, year: &str) -> Result<crate::yearend::Preview> {
        let year = parse_year_be(year)?;
        let (version, changes) = (db::data_version(&self.conn)?, self.book_changes());
        let preview = crate::yearend::compute(&self.conn, year)?;
        self.saw_year(year, version, changes, &preview);
        Ok(preview)
    }

    /// Keeps the preview of an open year for the approval that follows it on the screen.
    fn saw_year(&self, year: i32, version: i64, changes: u64, preview: &crate::yearend::Preview) {
        let seen = preview
            .closed
            .is_none()
            .then(|| crate::yearend::Seen::new(year, version, changes, preview.clone()));
        *self.seen_year.lock().unwrap_or_else(|e| e.into_inner()) = seen;
    }

    /// The preview, recording who prepared it for the committee (a member number; empty =
    /// the user at the computer). The approver at close must be someone else.
    pub fn yearend_prepare(
        &mut self,
        year: &str,
        prepared_by: &str,
    ) -> Result<crate::yearend::Preview> {
        let year = parse_year_be(year)?;
        let (version, preview) = self.write(|tx| {
            let mut preview = crate::yearend::compute(tx, year)?;
            let who = crate::yearend::parse_preparer(tx, prepared_by)?;
            crate::yearend::record_preparer(tx, year, &who, preview.net_profit)?;
            // The record just made is the year's last preparation: nothing else changed.
            preview.prepared_by = Some(who);
            // Read under the write lock: a commit by anyone after this one moves it.
            Ok((db::data_version(tx)?, preview))
        })?;
        self.saw_year(year, version, self.book_changes(), &preview);
        Ok(preview)
    }

    /// Posts the year-end approved by a general meeting and locks the year. The meeting is
    /// named by its number (`meeting`, recorded with the close; its date is the approval's),
    /// or, for books kept before meetings were recorded, given by its date alone.
    pub fn yearend_close(
        &mut self,
        year: &str,
        meeting: &str,
        meeting_date: &str,
        approved_by: &str,
        prepared_by: &str,
    ) -> Result<crate::yearend::Preview> {
        self.close_year(year, meeting, meeting_date, approved_by, prepared_by, false)
    }

    /// [`Books::yearend_close`] of exactly the preview last shown (the year-end screen's
    /// approval, whose confirmation shows its figures): refused with
    /// [`Error::ChangedSinceShown`], nothing written, if the books changed since.
    pub fn yearend_close_as_shown(
        &mut self,
        year: &str,
        meeting: &str,
        meeting_date: &str,
        approved_by: &str,
    ) -> Result<crate::yearend::Preview> {
        self.close_year(year, meeting, meeting_date, approved_by, "", true)
    }

    /// The close as asked (the meeting by its number, or only its date): `as_shown`, of the
    /// preview last shown or refused.
    fn close_year(
        &mut self,
        year: &str,
        meeting: &str,
        meeting_date: &str,
        approved_by: &str,
        prepared_by: &str,
        as_shown: bool,
    ) -> Result<crate::yearend::Preview> {
        let year = parse_year_be(year)?;
        let date = crate::group::parse_optional_date("meeting_date", meeting_date)?;
        let approval = match (meeting.trim(), date) {
            ("", Some(d)) => crate::yearend::Approval::Date(d),
            ("", None) => {
                return Err(crate::Error::invalid(
                    "meeting",
                    "เลือกการประชุมใหญ่ที่อนุมัติ (เลขที่การประชุม เช่น 2569/01) หรือใส่วันประชุมใหญ่",
                ))
            }
            (m, None) => crate::yearend::Approval::Meeting(m.to_string()),
            (m, Some(d)) => {
                // Both given: they must name the same meeting.
                let named = crate::meeting_ref::named(&self.conn, m)?;
                if named.date != d {
                    return Err(crate::Error::invalid(
                        "meeting_date",
                        format!(
                            "การประชุมครั้งที่ {} ประชุมวันที่ {} ไม่ตรงกับวันประชุมที่ใส่ — ใส่เฉพาะเลขที่การประชุมก็พอ",
                            crate::meeting_ref::label(&named.number),
                            crate::thai::format_date(named.date, crate::thai::Digits::Arabic)
                        ),
                    ));
                }
                crate::yearend::Approval::Meeting(m.to_string())
            }
        };
        // The preview just shown if the books still stand as it read them; else computed
        // before the transaction opens, on every core. Posted only if still true.
        let changes = self.book_changes();
        let shown = self
            .seen_year
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .and_then(|s| s.for_close(year, changes));
        let to_post = match (as_shown, shown) {
            (true, shown) => crate::yearend::ToPost::Shown(shown),
            (false, Some(c)) => crate::yearend::ToPost::Current(Some(c)),
            (false, None) => {
                crate::yearend::ToPost::Current(crate::yearend::Computed::now(&self.conn, year)?)
            }
        };
        let closed = self.leaving_checkpoint_to_thread(|books| {
            books.write_two(
                crate::audit::Topic::Close,
                &format!("ปิดบัญชีประจำปี {year}"),
                |tx| crate::yearend::close(tx, year, &approval, approved_by, prepared_by, to_post),
            )
        })?;
        // The preview shown is of the year before its close: no longer anything to post.
        *self.seen_year.lock().unwrap_or_else(|e| e.into_inner()) = None;
        Ok(closed)
    }

    /// Pays a closed year's dividends and average returns (one member, or all still owed).
    pub fn yearend_pay(
        &mut self,
        year: &str,
        member: Option<u32>,
        to: &str,
        date: &str,
    ) -> Result<crate::yearend::Payout> {
        let year = parse_year_be(year)?;
        let to = crate::yearend::PayTo::parse(to)?;
        let date = parse_date_or_today("date", date)?;
        // Paying everyone at once is as large a write as the close.
        self.leaving_checkpoint_to_thread(|books| {
            books.write(|tx| crate::yearend::pay(tx, year, member, to, date))
        })
    }

    // ── Bringing the paper books in (src/import/): all or nothing, previews rolled back ──

    /// Imports a sheet of `kind` from `path` (.xlsx, .ods or .csv; `sheet` names the sheet of a
    /// workbook). The report lists what was (or would be) created, and every mistake with its
    /// row and column; the books change only when there is no mistake and it is not a dry run.
    pub fn import(
        &mut self,
        kind: crate::import::Kind,
        path: &Path,
        sheet: Option<&str>,
        options: &crate::import::Options,
    ) -> Result<crate::import::ImportReport> {
        let table = crate::import::table::read(path, sheet, kind.sheet_names())?;
        self.import_table(kind, &table, options)
    }

    /// [`Books::import`] of a sheet already read.
    pub fn import_table(
        &mut self,
        kind: crate::import::Kind,
        table: &crate::import::Table,
        options: &crate::import::Options,
    ) -> Result<crate::import::ImportReport> {
        let tx = self.tx()?;
        let mut report = crate::import::run(&tx, kind, table, options)?;
        if report.errors.is_empty() && !options.dry_run {
            tx.commit()?;
            report.committed = true;
            if let Some(c) = &self.checkpointer {
                c.nudge();
            }
        } else {
            tx.rollback()?;
        }
        Ok(report)
    }

    /// What was brought in from the paper books, as at which date.
    pub fn opening(&self) -> Result<crate::import::OpeningView> {
        crate::import::show(&self.conn)
    }

    // ── Views for the screens (src/views.rs): read-only; previews are rolled-back dry runs ──

    /// Cash, bank, the expense fund, the lock date and the last cash count as at `date`
    /// (empty = now).
    pub fn money_position(&self, date: &str) -> Result<crate::views::MoneyPosition> {
        let date = crate::group::parse_optional_date("date", date)?;
        crate::views::money_position(&self.conn, date)
    }

    /// What `close_month` would do for this month, or why it would be refused. Changes nothing.
    pub fn close_month_preview(&mut self, month: &str) -> Result<crate::views::ClosePreview> {
        self.close_month_preview_with(month, &crate::closing::CloseInput::default())
    }

    /// [`Books::close_month_preview`] with the note and bank balance the close would be given.
    pub fn close_month_preview_with(
        &mut self,
        month: &str,
        input: &crate::closing::CloseInput,
    ) -> Result<crate::views::ClosePreview> {
        let month = crate::thai::parse_month(month)
            .map_err(|e| crate::Error::invalid("month", e.to_string()))?;
        let tx = self.tx()?;
        let locked = crate::journal::lock_date(&tx)?;
        let outcome = crate::closing::close(&tx, month, input, crate::verify::refuse_unsound);
        let preview = crate::views::close_preview(&tx, month, locked, outcome);
        tx.rollback()?;
        preview
    }

    /// The settlement `member_exit` would post, with the same refusals. Changes nothing.
    pub fn member_exit_preview(
        &mut self,
        number: u32,
        date: &str,
        reason: &str,
        pay_from: &str,
    ) -> Result<crate::exit::Settlement> {
        let (date, reason, from) = exit_terms(date, reason, pay_from)?;
        let tx = self.tx()?;
        let mut s = crate::exit::settle(&tx, number, date, reason, from, true)?;
        tx.rollback()?;
        s.entry = None;
        Ok(s)
    }

    // ── Printing (crate::documents draws the report models into PDF) ────────────────────

    /// Gathers what a document needs (model, letterhead) and what it will contain; reads only.
    pub fn print_job(
        &self,
        request: &crate::documents::PrintRequest,
    ) -> Result<crate::documents::PrintJob> {
        crate::documents::job(self, request)
    }

    /// Remembers what a written job printed: its check code, who printed it (the user at the
    /// keyboard, when one signed in), and a passbook's next free line.
    /// A damaged file (read-only) still prints; its codes are then not recorded.
    pub fn finish_print(&mut self, job: &crate::documents::PrintJob) -> Result<()> {
        if self.damage.is_some() && job.passbook_plan().is_none() {
            return Ok(());
        }
        let user = self.user.map(|u| u.0);
        self.write_record(|tx| crate::documents::finish(tx, job, user))
    }

    /// Prints a document to `out` in one step (the one print sequence,
    /// [`crate::documents::print`]). If anything fails, no file is left behind and the books are
    /// unchanged.
    pub fn print(
        &mut self,
        request: &crate::documents::PrintRequest,
        out: &Path,
        progress: &crate::documents::Progress,
    ) -> Result<crate::documents::Printed> {
        crate::documents::print(
            &std::cell::RefCell::new(self),
            request,
            |_| Ok(out.to_path_buf()),
            progress,
        )
    }

    /// Opens one of the group's businesses with the capital the committee assigned.
    pub fn add_business(
        &mut self,
        input: &crate::business::BusinessInput,
    ) -> Result<crate::business::Business> {
        self.write(|tx| crate::business::add(tx, input))
    }

    pub fn businesses(&self) -> Result<Vec<crate::business::Business>> {
        crate::business::list(&self.conn)
    }

    pub fn business(&self, key: &str) -> Result<crate::business::Business> {
        crate::business::get(&self.conn, key)
    }

    pub fn add_item(
        &mut self,
        input: &crate::business::ItemInput,
    ) -> Result<crate::business::Item> {
        self.write(|tx| crate::business::add_item(tx, input))
    }

    pub fn items(&self, business: &str) -> Result<Vec<crate::business::Item>> {
        let b = crate::business::get(&self.conn, business)?;
        crate::business::items(&self.conn, &b)
    }

    pub fn stock_buy(
        &mut self,
        input: &crate::business::stock::BuyInput,
    ) -> Result<crate::business::stock::Moved> {
        self.write(|tx| crate::business::stock::buy(tx, input))
    }

    pub fn stock_sell(
        &mut self,
        input: &crate::business::stock::SellInput,
    ) -> Result<crate::business::stock::Moved> {
        self.write(|tx| crate::business::stock::sell(tx, input))
    }

    pub fn stock_count(
        &mut self,
        input: &crate::business::stock::CountInput,
    ) -> Result<crate::business::stock::Counted> {
        self.write(|tx| crate::business::stock::count(tx, input))
    }

    /// Stock on hand of a business at the end of `date` (empty = today).
    pub fn stock_on_hand(
        &self,
        business: &str,
        date: &str,
    ) -> Result<crate::business::stock::StockOnHand> {
        let b = crate::business::get(&self.conn, business)?;
        crate::business::stock::on_hand(&self.conn, &b, parse_date_or_today("date", date)?)
    }

    /// The movements of a business on `date` (empty = today), in the order entered.
    pub fn business_day(
        &self,
        business: &str,
        date: &str,
    ) -> Result<Vec<crate::business::stock::DayMove>> {
        let b = crate::business::get(&self.conn, business)?;
        crate::business::stock::day_moves(&self.conn, &b, parse_date_or_today("date", date)?)
    }

    /// The rice bank lends rice to a member (kilograms out of the granary).
    pub fn rice_lend(
        &mut self,
        input: &crate::business::rice::RiceInput,
    ) -> Result<crate::business::rice::RiceMoved> {
        self.write(|tx| crate::business::rice::lend(tx, input))
    }

    /// A member brings rice back: interest in kind first, then the rice lent, oldest first.
    pub fn rice_repay(
        &mut self,
        input: &crate::business::rice::RiceInput,
    ) -> Result<crate::business::rice::RiceMoved> {
        self.write(|tx| crate::business::rice::repay(tx, input))
    }

    /// Rice received into the granary: donated, deposited by a member, or a deposit taken back.
    pub fn rice_receive(
        &mut self,
        input: &crate::business::rice::ReceiveInput,
    ) -> Result<crate::business::rice::Received> {
        self.write(|tx| crate::business::rice::receive(tx, input))
    }

    /// The rice bank on `date` (empty = today): rice in the granary, loans with their age.
    pub fn rice_bank(
        &self,
        business: &str,
        item: &str,
        date: &str,
    ) -> Result<crate::business::rice::RiceBank> {
        let b = crate::business::get(&self.conn, business)?;
        crate::business::rice::show(&self.conn, &b, item, parse_date_or_today("date", date)?)
    }

    /// A business's profit and loss for an accounting year (พ.ศ. or ค.ศ.).
    pub fn business_report(
        &self,
        business: &str,
        year: &str,
    ) -> Result<crate::business::statement::BusinessReport> {
        let b = crate::business::get(&self.conn, business)?;
        let year = parse_year_be(year)?;
        let start = settings::at(&self.conn, clock::today())?.year_start_month;
        let (from, to) = crate::period::accounting_year_bounds(year, start);
        crate::business::statement::report(&self.conn, &b, year, from, to)
    }

    /// Where member `number`'s passbook was printed up to (None: never printed).
    pub fn passbook_position(
        &self,
        number: u32,
    ) -> Result<Option<crate::documents::passbook_continue::Remembered>> {
        let m = member::get(&self.conn, number)?;
        crate::documents::passbook_continue::remembered(&self.conn, &m.id)
    }
}

fn parse_date_or_today(field: &'static str, text: &str) -> Result<NaiveDate> {
    Ok(crate::group::parse_optional_date(field, text)?.unwrap_or_else(clock::today))
}

/// A member's exit as the forms give it: the date (empty = today), why, and where the money
/// comes from; the preview and the posting read them alike.
fn exit_terms(
    date: &str,
    reason: &str,
    pay_from: &str,
) -> Result<(NaiveDate, crate::exit::ExitReason, crate::exit::PayFrom)> {
    Ok((
        parse_date_or_today("date", date)?,
        crate::exit::ExitReason::parse(reason)?,
        crate::exit::PayFrom::parse(pay_from)?,
    ))
}

/// A year typed as พ.ศ. (≥ 2400) or ค.ศ., returned as พ.ศ.
pub fn parse_year_be(text: &str) -> Result<i32> {
    let y: i32 = crate::thai::to_arabic_digits(text.trim())
        .parse()
        .map_err(|_| {
            crate::Error::invalid(
                "year",
                format!("ปี \"{}\" ต้องเป็นตัวเลข เช่น 2568", text.trim()),
            )
        })?;
    let be = if y >= 2400 { y } else { y + 543 };
    // The books keep ค.ศ. 1857–2399 (พ.ศ. 2400–2942); anything else is a typing slip, and
    // would overflow the calendar further on.
    if !(2400..=crate::thai::date::LAST_CE_YEAR + 543).contains(&be) {
        return Err(crate::Error::invalid(
            "year",
            format!(
                "ปี \"{}\" อยู่นอกช่วงที่บัญชีรับได้ — ใส่ปี พ.ศ. ระหว่าง 2400 ถึง 2942 เช่น 2568",
                text.trim()
            ),
        ));
    }
    Ok(be)
}

/// The default books file, shared by the app and the command line:
/// `~/.local/share/sajja/sajja.db` on Linux (the platform data folder elsewhere).
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("th", "Sajja", "sajja")
        .map(|d| d.data_dir().join("sajja.db"))
        .unwrap_or_else(|| PathBuf::from("sajja.db"))
}

/// The books file to use: an explicit path, else `SAJJA_DB`, else the default.
pub fn resolve_db_path(explicit: Option<&Path>) -> PathBuf {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os("SAJJA_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(default_db_path)
}

/// A change the audit log always records: what it was about, its Thai name, and whether it
/// needs a second person (maker-checker).
struct Logged<'a> {
    topic: crate::audit::Topic,
    what: &'a str,
    two: bool,
}

/// A restore preview names the copy as the treasurer chose it (an encrypted copy is looked at
/// through a decrypted scratch file).
fn name_copy(preview: &mut crate::backup::RestorePreview, shown_as: &Path) {
    preview.backup.path = shown_as.display().to_string();
    if let Some(name) = shown_as.file_name() {
        preview.backup.file_name = name.to_string_lossy().into_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words the schema's CHECK lets `column` of `table` hold (`column IN ('a', 'b')`).
    fn words_allowed(conn: &Connection, table: &str, column: &str) -> Vec<String> {
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        let sql = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        let check = format!("CHECK ({column} IN (");
        let from = sql.find(&check).expect("a CHECK ... IN list") + check.len();
        let to = from + sql[from..].find(')').unwrap();
        let mut words: Vec<String> = sql[from..to]
            .split(',')
            .map(|w| w.trim().trim_matches('\'').to_string())
            .collect();
        words.sort();
        words
    }

    /// What a state type writes and reads back through `db::stored_as_word!`, and its words.
    fn round_trip<T>(conn: &Connection, all: &[T], as_str: fn(T) -> &'static str) -> Vec<String>
    where
        T: rusqlite::ToSql + rusqlite::types::FromSql + PartialEq + std::fmt::Debug + Copy,
    {
        for &state in all {
            let back: T = conn.query_row("SELECT ?1", [state], |r| r.get(0)).unwrap();
            assert_eq!(back, state);
        }
        let read = conn.query_row("SELECT 'lost'", [], |r| r.get::<_, T>(0));
        assert!(read.is_err(), "a word that is no state is not read as one");
        let mut words: Vec<String> = all.iter().map(|&s| as_str(s).to_string()).collect();
        words.sort();
        words
    }

    /// Every state kept as a word (loan status and event, member status, meeting kind,
    /// attendance) reads back as itself, refuses a word it does not know, and has exactly the
    /// words the schema's CHECK allows: a state added on one side only fails here.
    #[test]
    fn every_stored_state_has_exactly_the_words_its_check_allows() {
        use crate::loan::{LoanEventKind, LoanStatus};
        use crate::meeting::{Attendance, MeetingKind};
        use crate::member::MemberStatus;
        let conn = crate::db::in_memory().unwrap();
        assert_eq!(
            round_trip(&conn, &LoanStatus::ALL, LoanStatus::as_str),
            words_allowed(&conn, "loan", "status")
        );
        assert_eq!(
            round_trip(&conn, &MemberStatus::ALL, MemberStatus::as_str),
            words_allowed(&conn, "member", "status")
        );
        assert_eq!(
            round_trip(&conn, &MeetingKind::ALL, MeetingKind::as_str),
            words_allowed(&conn, "meeting", "kind")
        );
        assert_eq!(
            round_trip(&conn, &LoanEventKind::ALL, LoanEventKind::as_str),
            words_allowed(&conn, "loan_event", "kind")
        );
        assert_eq!(
            round_trip(&conn, &Attendance::ALL, Attendance::as_str),
            words_allowed(&conn, "meeting_attendance", "status")
        );
    }

    fn autocheckpoint(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap()
    }

    /// A large write leaves the checkpoint to the thread while it runs, and the usual fallback
    /// threshold is back afterwards, whether the write succeeded or was refused.
    #[test]
    fn a_large_write_leaves_the_checkpoint_to_the_thread_and_restores_the_fallback() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("books.db");
        let group = NewGroup {
            founded: "2568-01-01".into(),
            ..NewGroup::named("กลุ่มทดสอบ")
        };
        let mut books = Books::create(&path, &group).unwrap();
        assert!(books.checkpointer.is_some());
        assert_eq!(autocheckpoint(&books.conn), 8_000);
        let inside = books
            .leaving_checkpoint_to_thread(|b| Ok(autocheckpoint(&b.conn)))
            .unwrap();
        assert_eq!(inside, 0, "no checkpoint inside the large write's commit");
        assert_eq!(autocheckpoint(&books.conn), 8_000);
        let refused: Result<()> =
            books.leaving_checkpoint_to_thread(|_| Err(Error::Refused("ไม่บันทึก".into())));
        assert!(refused.is_err());
        assert_eq!(autocheckpoint(&books.conn), 8_000);
    }

    /// Whether the approval of 2568 would post the preview last shown (and forgets it).
    fn posts_the_preview_shown(books: &Books) -> bool {
        let seen = books.seen_year.lock().unwrap().take();
        seen.is_some_and(|s| s.for_close(2568, books.book_changes()).is_some())
    }

    /// The preview shown stays the one the approval posts through records that are not the
    /// books (the audit log) and through its own preparation record, not through a write.
    #[test]
    fn a_year_end_preview_outlives_records_but_not_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let mut books = Books::create(
            &dir.path().join("books.db"),
            &NewGroup {
                founded: "2568-01-01".into(),
                ..NewGroup::named("กลุ่มทดสอบ")
            },
        )
        .unwrap();
        let member = |name: &str| MemberInput {
            name: name.into(),
            joined: "2568-01-01".into(),
            shares: "2".into(),
            ..MemberInput::default()
        };
        books.add_member(&member("นายหนึ่ง ใจดี")).unwrap();
        books.yearend_preview("2568").unwrap();
        assert!(posts_the_preview_shown(&books), "nothing changed");
        books.yearend_preview("2568").unwrap();
        books.audit("test", "บันทึกทดสอบ").unwrap();
        assert!(posts_the_preview_shown(&books), "an audit record");
        books.yearend_prepare("2568", "1").unwrap();
        assert!(posts_the_preview_shown(&books), "its own preparation");
        books.yearend_preview("2568").unwrap();
        books.add_member(&member("นางสอง ศรีสุข")).unwrap();
        assert!(!posts_the_preview_shown(&books), "a new member");
    }
    /// A period's headcount counts who belonged on its last day: not a member who left on it,
    /// nor one who joined after it; joining and leaving count on their own days.
    #[test]
    fn a_headcount_counts_who_belonged_on_the_last_day() {
        let mut books = Books::in_memory(&NewGroup {
            founded: "2568-01-01".into(),
            ..NewGroup::named("กลุ่มทดสอบ")
        })
        .unwrap();
        for (name, joined) in [
            ("นายหนึ่ง ใจดี", "2568-01-01"),
            ("นางสอง ศรีสุข", "2568-01-01"),
            ("นายสาม มั่นคง", "2568-02-15"),
        ] {
            books
                .add_member(&MemberInput {
                    name: name.into(),
                    joined: joined.into(),
                    shares: "2".into(),
                    ..MemberInput::default()
                })
                .unwrap();
        }
        books.member_exit(2, "2568-02-10", "resign", "").unwrap();
        let heads = |from: &str, to: &str| {
            let day = |d: &str| crate::group::parse_optional_date("d", d).unwrap().unwrap();
            let h = member::headcount(&books.conn, day(from), day(to)).unwrap();
            (h.members, h.joined, h.left)
        };
        assert_eq!(heads("2568-01-01", "2568-01-31"), (2, 2, 0));
        assert_eq!(heads("2568-02-09", "2568-02-09"), (2, 0, 0));
        assert_eq!(heads("2568-02-10", "2568-02-10"), (1, 0, 1));
        assert_eq!(heads("2568-02-01", "2568-02-28"), (2, 1, 1));
    }
}
