//! Moving committed pages from the write-ahead log into the books file, off the user's path.
//!
//! A commit is durable once its frames are in the WAL and the WAL is synced (`synchronous=FULL`).
//! Copying those pages into the main file (a checkpoint) is needed only to keep the WAL short.
//! SQLite's automatic checkpoint does it inside the commit that crosses the threshold, so a
//! collection sheet would wait for a second copy of everything it wrote. Here a thread with its
//! own connection checkpoints after each write instead, while the treasurer reads the receipt.
//! The automatic checkpoint stays on, at a higher threshold, in case this thread falls behind.
//!
//! A checkpoint can stop at any moment (power cut, process exit) without harm: SQLite finishes
//! or redoes it from the WAL when the file is next opened.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;

use rusqlite::Connection;

use crate::db;

pub(crate) struct Checkpointer {
    wake: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the thread for the books file at `path`. None if it cannot get a connection:
    /// the automatic checkpoint then does the work, as before.
    pub(crate) fn start(path: &Path) -> Option<Checkpointer> {
        let conn = db::open_for_checkpoints(path).ok()?;
        // One pending wake-up is enough: a checkpoint copies everything committed so far.
        let (wake, asleep) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("sajja-checkpoint".into())
            .spawn(move || run(conn, asleep))
            .ok()?;
        Some(Checkpointer {
            wake: Some(wake),
            thread: Some(thread),
        })
    }

    /// Asks for a checkpoint soon; never blocks the caller.
    pub(crate) fn nudge(&self) {
        if let Some(wake) = &self.wake {
            // Full: a checkpoint is already due and will copy this write too.
            let _ = wake.try_send(());
        }
    }
}

fn run(conn: Connection, asleep: Receiver<()>) {
    while asleep.recv().is_ok() {
        // PASSIVE never waits for readers or the writer; what it cannot copy now waits for the
        // next wake-up. A failure here loses nothing: the frames stay in the WAL.
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Closing the channel ends the loop after any checkpoint under way.
        self.wake = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Books, MemberInput, NewGroup};

    /// Whether the bytes are in the main file itself: a committed page is only in the WAL until
    /// a checkpoint copies it there.
    fn in_main_file(path: &std::path::Path, needle: &str) -> bool {
        let bytes = std::fs::read(path).unwrap();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    #[test]
    fn a_write_reaches_the_main_file_without_waiting_for_the_threshold() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("books.db");
        let group = NewGroup {
            founded: "2568-01-01".into(),
            ..NewGroup::named("กลุ่มทดสอบ")
        };
        let mut books = Books::create(&path, &group).unwrap();
        let name = "นายสมชายตรวจจุด ใจดี";
        books
            .add_member(&MemberInput {
                name: name.into(),
                joined: "2568-01-05".into(),
                ..Default::default()
            })
            .unwrap();
        // A few pages, far below the automatic threshold: only the thread copies them now.
        let copied = (0..500).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(10));
            in_main_file(&path, "สมชายตรวจจุด")
        });
        assert!(copied, "the new member never reached the main file");
        drop(books);
        assert!(
            !dir.path().join("books.db-wal").exists(),
            "closing the books leaves no WAL behind: the checkpoint thread closed first"
        );
        assert_eq!(Books::open(&path).unwrap().members("").unwrap().len(), 1);
    }
}
