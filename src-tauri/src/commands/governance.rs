//! The group's governance: the committee register (seats from a date to a date, ended never
//! deleted) and its meetings (attendance, guests, agenda items, closing, and what the books
//! offer agenda 3/4). Each command calls one `Books` method; the core checks everything.

use sajja_core::committee::{Seat, SeatInput};
use sajja_core::meeting::{
    AttendInput, CloseInput, GuestInput, ItemInput, Meeting, MeetingInput, MeetingRow, Offers,
};
use tauri::State;

use crate::error::Result;
use crate::state::{with_books, BooksState};

/// The register on `date` (any Thai date form), or its whole history when empty.
#[tauri::command(async)]
pub fn committee(state: State<'_, BooksState>, date: String) -> Result<Vec<Seat>> {
    with_books(&state, |b| b.committee(&date))
}

/// Records a seat, or ends one (the same seat with an end date).
#[tauri::command(async)]
pub fn set_seat(state: State<'_, BooksState>, input: SeatInput) -> Result<Seat> {
    with_books(&state, |b| b.set_seat(&input))
}

#[tauri::command(async)]
pub fn meetings(state: State<'_, BooksState>) -> Result<Vec<MeetingRow>> {
    with_books(&state, |b| b.meetings())
}

#[tauri::command(async)]
pub fn meeting(state: State<'_, BooksState>, meeting: String) -> Result<Meeting> {
    with_books(&state, |b| b.meeting(&meeting))
}

#[tauri::command(async)]
pub fn new_meeting(state: State<'_, BooksState>, input: MeetingInput) -> Result<Meeting> {
    with_books(&state, |b| b.new_meeting(&input))
}

/// One tick of the attendance list (present, absent with a reason, substitute, or none).
#[tauri::command(async)]
pub fn meeting_attend(state: State<'_, BooksState>, input: AttendInput) -> Result<Meeting> {
    with_books(&state, |b| b.meeting_attend(&input))
}

#[tauri::command(async)]
pub fn meeting_guest(state: State<'_, BooksState>, input: GuestInput) -> Result<Meeting> {
    with_books(&state, |b| b.meeting_guest(&input))
}

#[tauri::command(async)]
pub fn meeting_item(state: State<'_, BooksState>, input: ItemInput) -> Result<Meeting> {
    with_books(&state, |b| b.meeting_item(&input))
}

#[tauri::command(async)]
pub fn close_meeting(state: State<'_, BooksState>, input: CloseInput) -> Result<Meeting> {
    with_books(&state, |b| b.close_meeting(&input))
}

/// What the books offer agenda 3/4: the month's figures, members admitted and leaving,
/// waiting loan applications, the arrears list.
#[tauri::command(async)]
pub fn meeting_offers(state: State<'_, BooksState>, meeting: String) -> Result<Offers> {
    with_books(&state, |b| b.meeting_offers(&meeting))
}
