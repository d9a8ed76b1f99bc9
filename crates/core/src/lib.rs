//! Sajja (สัจจะ): the books of a Thai village savings group (กลุ่มออมทรัพย์เพื่อการผลิต).
//!
//! This crate is the books: storage, money, the journal, members, the group's rules, reports
//! and the printed documents. Thai text (`sajja-thai`) and the typesetting engine
//! (`sajja-print`) are crates of their own below it; the command-line program `sajja` (the
//! root package) and the desktop shell (`src-tauri/`) are thin layers over [`Books`].
//!
//! # Layout
//! - [`books`]: `Books`, one open group file, and its use cases (one transaction each).
//! - [`db`]: opening files, pragmas, embedded migrations, refusing newer files.
//! - [`money`]: `Money`, baht at two decimals over `rust_decimal`, satang in SQLite.
//! - [`thai`]: พ.ศ. dates, Thai month names and digits, amounts in words (bahttext).
//! - [`account`]: the chart of accounts and its two funds.
//! - [`journal`]: balanced entries, reversals, the lock date, the hash chain.
//! - [`group`], [`settings`], [`member`], [`idcard`]: the group, its dated rules, its members.
//! - [`collection`]: what is due, collection rows with receipts, fines for late months.
//! - [`movement`], [`exit`], [`period`]: expenses/income/bank, a member leaving, month close
//!   and cash counts.
//! - [`ledger`], [`register`]: balances as at any date, the cash book and registers.
//! - [`committee`], [`meeting`]: the committee register (who may decide, on which date),
//!   meetings with attendance, quorum and minutes.
//! - [`loan`]: loan products, application → approval → payout, repayment, arrears,
//!   restructure and write-off.
//! - [`business`]: the group's businesses run from the operating capital (shop, farm
//!   inputs, granary and rice bank): items, stock movements and their costing, rice loans.
//! - [`report`]: report models (receipt, member statements, fund report) for documents.
//! - [`documents`]: the printed documents (passbook, receipts, statements, fund report, cash
//!   book, register) drawn from the report models.
//! - [`print`]: the Thai typesetting engine over printpdf (shaping, line breaking, tables).
//! - [`verify`]: the soundness check behind `sajja verify`.
//! - [`snapshot`], [`backup`]: checked copies of the books (daily, month close, before a
//!   migration, by hand), restore with a preview, export to a USB stick.
//! - [`checkcode`]: the check code printed on every document, and checking one typed back.
//! - [`seal`]: the journal sealed with the audit committee's passphrase (argon2id, HMAC).
//! - [`users`]: users at the keyboard, roles, PINs (argon2id), maker-checker.
//! - [`audit`]: the log of backups, restores, prints and seals for the audit committee.
//! - [`views`]: read-only views for the screens (money position, dry-run previews).
//! - [`yearend`]: the year's net profit, its allocation, dividends and average returns, the
//!   closing entries that lock the year, and the payout.
//! - [`import`]: bringing a group's paper or spreadsheet books in (ยอดยกมา): members, opening
//!   balances, funds and open loans from .xlsx or .csv, all or nothing.
//! - [`export`]: registers and reports as .xlsx workbooks, the import template, the district
//!   summary.
//! - [`demo`]: a realistic demo group.

pub mod account;
pub mod audit;
pub mod backup;
pub mod books;
pub mod business;
pub mod checkcode;
mod checkpoint;
pub mod clock;
pub mod closing;
pub mod collection;
pub mod committee;
pub mod db;
pub mod demo;
pub mod documents;
pub mod error;
pub mod exit;
pub mod export;
pub mod group;
pub mod idcard;
pub mod import;
pub mod journal;
pub mod ledger;
pub mod length;
pub mod loan;
pub mod meeting;
pub mod meeting_ref;
pub mod member;
pub mod money;
pub mod movement;
pub mod period;
pub mod register;
pub mod report;
pub mod seal;
pub mod settings;
pub mod sheet;
pub mod snapshot;
pub mod text;
pub mod users;
pub mod verify;
pub mod views;
pub mod yearend;

/// Writes the benchmarks' synthetic history needs below the use cases (one transaction per
/// month of rows). Never in the programs: the `bench` feature is enabled only by the root
/// package's dev-dependencies.
#[cfg(feature = "bench")]
pub mod bench_support {
    use crate::journal::NewEntry;
    use crate::Result;

    /// Posts one balanced entry on `conn` (a transaction of the benchmark's own connection).
    pub fn post(conn: &rusqlite::Connection, entry: &NewEntry) -> Result<String> {
        crate::journal::post(conn, entry)
    }

    /// Buys goods in for a business on `conn` (a transaction of the benchmark's own
    /// connection), as `Books::stock_buy` does in its own transaction.
    pub fn stock_buy(
        conn: &rusqlite::Connection,
        input: &crate::business::stock::BuyInput,
    ) -> Result<crate::business::stock::Moved> {
        crate::business::stock::buy(conn, input)
    }

    /// Sells goods on `conn`, as `Books::stock_sell` does in its own transaction.
    pub fn stock_sell(
        conn: &rusqlite::Connection,
        input: &crate::business::stock::SellInput,
    ) -> Result<crate::business::stock::Moved> {
        crate::business::stock::sell(conn, input)
    }

    /// Locks the books through `through`, as month close does (without its checks).
    pub fn lock_through(
        conn: &rusqlite::Connection,
        through: chrono::NaiveDate,
        note: &str,
    ) -> Result<()> {
        crate::journal::lock_through(conn, through, note)
    }
}

/// The Thai typesetting engine: its own crate, which knows nothing of the books.
pub use sajja_print as print;
/// Thai text (dates, digits, bahttext): its own crate, with no database and no PDF.
pub use sajja_thai as thai;

pub use books::{default_db_path, resolve_db_path, Books, Overview};
pub use error::{Error, Result};
pub use group::{Group, GroupInput, NewGroup};
pub use member::{BeneficiaryInput, Member, MemberInput, MemberRow};
pub use money::Money;
