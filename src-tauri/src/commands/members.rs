//! Members: list and search, one member, history, add and edit.

use sajja_core::member::MemberChange;
use sajja_core::{Member, MemberInput, MemberRow};
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

#[tauri::command(async)]
pub fn members(state: State<'_, BooksState>, search: String) -> Result<Vec<MemberRow>> {
    with_books(&state, |b| b.members(&search))
}

/// One member, ID numbers masked unless `reveal` (the reveal button, the edit form).
#[tauri::command(async)]
pub fn member(state: State<'_, BooksState>, number: u32, reveal: Option<bool>) -> Result<Member> {
    let m = with_books(&state, |b| b.member(number))?;
    Ok(if reveal == Some(true) { m } else { m.masked() })
}

#[tauri::command(async)]
pub fn member_history(state: State<'_, BooksState>, number: u32) -> Result<Vec<MemberChange>> {
    with_books(&state, |b| b.member_history(number)).map(sajja_core::member::mask_history)
}

#[tauri::command(async)]
pub fn add_member(state: State<'_, BooksState>, input: MemberInput) -> Result<Member> {
    with_books(&state, |b| b.add_member(&input)).map(Member::masked)
}

/// `on`: the date the change takes effect, as typed (`None` = today).
#[tauri::command(async)]
pub fn update_member(
    state: State<'_, BooksState>,
    number: u32,
    input: MemberInput,
    on: Option<String>,
) -> Result<Member> {
    with_books(&state, |b| b.update_member(number, &input, on.as_deref())).map(Member::masked)
}
