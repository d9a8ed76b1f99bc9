//! What the app holds between commands: the books file in use and, once opened, its `Books`.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use sajja_core::Books;

use crate::error::{Error, Result};

/// The one file the app works on.
pub struct Shelf {
    /// The file chosen at start-up: `--db`, `SAJJA_DB` or the default.
    pub start_path: PathBuf,
    /// The file in use: `start_path` until "open" or "demo" picks another.
    pub path: PathBuf,
    /// The open books, or `None` while the first-start screen is shown.
    pub books: Option<Books>,
    /// Why the file at `path` could not be opened at start-up, shown on the first-start screen.
    pub open_error: Option<Error>,
}

/// The managed state. Always use this alias in `State<'_, BooksState>`: a wrong type is a
/// runtime panic in Tauri, not a compile error.
pub type BooksState = Mutex<Shelf>;

impl Shelf {
    /// Opens `path` if the file exists; otherwise starts with no books (first-start screen).
    pub fn at(path: PathBuf) -> Shelf {
        let mut shelf = Shelf {
            start_path: path.clone(),
            path,
            books: None,
            open_error: None,
        };
        if shelf.path.exists() {
            match Books::open(&shelf.path) {
                Ok(books) => shelf.books = Some(books),
                Err(e) => shelf.open_error = Some(e.into()),
            }
        }
        shelf
    }

    /// Makes `books` (opened from `path`) the ones in use.
    pub fn replace(&mut self, path: PathBuf, books: Books) {
        self.path = path;
        self.books = Some(books);
        self.open_error = None;
    }
}

/// Locks the state. A command that panicked cannot leave half a transaction behind (rusqlite
/// rolls back on drop), so a poisoned lock is safe to take over.
pub fn lock(state: &BooksState) -> MutexGuard<'_, Shelf> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `f` on the open books, or refuses when none are open. A second person's PIN
/// (`confirm_checker`) counts for the one command that follows it, whatever its outcome: the
/// next two-person operation asks again.
pub fn with_books<T>(
    state: &BooksState,
    f: impl FnOnce(&mut Books) -> sajja_core::Result<T>,
) -> Result<T> {
    let mut shelf = lock(state);
    let books = shelf.books.as_mut().ok_or(Error::NotOpen)?;
    let out = f(books);
    books.forget_checker();
    Ok(out?)
}
