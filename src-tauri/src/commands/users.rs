//! Who is at the keyboard: the sign-in at start (once the group has users), the lock button,
//! and the second person's PIN for a two-person operation.

use sajja_core::users::User;
use tauri::State;

use crate::error::{Error, Result};
use crate::state::{self, with_books, BooksState};

/// The users to choose from on the sign-in screen and in the checker's dialog.
#[tauri::command(async)]
pub fn user_list(state: State<'_, BooksState>) -> Result<Vec<User>> {
    with_books(&state, |b| b.users())
}

/// Member `member` with their PIN becomes the user at the keyboard; a wrong PIN is refused
/// in Thai and logged for the audit committee.
#[tauri::command(async)]
pub fn sign_in(state: State<'_, BooksState>, member: u32, pin: String) -> Result<Option<User>> {
    with_books(&state, |b| {
        b.sign_in(member, &pin)?;
        b.signed_in()
    })
}

/// Locks the app: nobody is at the keyboard until the next sign-in.
#[tauri::command(async)]
pub fn sign_out(state: State<'_, BooksState>) -> Result<()> {
    with_books(&state, |b| {
        b.sign_out();
        Ok(())
    })
}

/// The second person confirms the operation the screen is about to send again. Kept for that
/// one command only (see `state::with_books`).
#[tauri::command(async)]
pub fn confirm_checker(state: State<'_, BooksState>, member: u32, pin: String) -> Result<()> {
    let mut shelf = state::lock(&state);
    let books = shelf.books.as_mut().ok_or(Error::NotOpen)?;
    Ok(books.confirm_checker(member, &pin)?)
}
