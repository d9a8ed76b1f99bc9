//! Loans (เงินกู้): products, application → approval → payout, repayment in the collection row,
//! arrears, restructure and write-off.
//!
//! Tables hold the terms and the history of a loan (migrations/0002_loans.sql); its money lives
//! only in journal postings that carry its id: the payout debits 1200 ลูกหนี้เงินกู้, repayments
//! credit it, interest goes to 4100, loan fines to 4200, a write-off to 5800. A loan's balance is
//! the sum of its 1200 postings, and the books close it (a trigger) when that sum reaches zero.
//!
//! - [`schedule`]: the four interest methods and the annual rates (pure arithmetic).
//! - [`state`]: where a loan stands on a date, from its terms and postings, under the dated
//!   rules of `rules`; `bulk` reads every loan being repaid at once for the lists.
//! - [`product`]: loan products.
//! - [`arrears`]: the bulk views (due list, arrears list) and the collection seam
//!   ([`due_for_member`], [`dues`], [`repayment`]).
//! - [`leaving`]: a member leaving with loans, applications and guarantees.
//!
//! Loans are known to people by their contract number per accounting year, "2568/007"; every
//! function that takes a loan also accepts its UUID.

pub mod arrears;
pub mod leaving;
pub mod product;
pub mod schedule;
pub mod state;

mod audit;
mod bulk;
mod card;
mod checks;
mod lifecycle;
pub(crate) mod opening;
mod rules;
mod status;
mod store;
#[doc(hidden)]
#[cfg(feature = "bench")]
pub mod synthetic;
mod types;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

pub use arrears::{
    due_for_member, dues, repayment, ArrearsList, ArrearsRow, LoanDue, LoanPaymentLine,
    RepaymentSplit,
};
pub use leaving::{BlockingLoan, ExitDebt, ExitLoan, GuarantorChange};
pub use product::{LoanProduct, LoanProductInput};
pub use schedule::{Method, MonthlyRate};
pub use state::Position;

use crate::account::{self, BAD_DEBTS, BANK, CASH, LOANS};
use crate::clock;
use crate::error::{Error, Result};
use crate::group::parse_optional_date;
use crate::journal::{self, EntryKind, NewEntry, Posting};
use crate::member;
use crate::money::Money;
use crate::period;
use crate::settings;
use crate::thai::{self, Digits};
use state::{Flow, LateRules, Ledger, Terms};

pub use audit::*;
pub(crate) use card::*;
use checks::*;
pub(crate) use lifecycle::*;
pub use status::*;
pub use store::*;
pub use types::*;

#[cfg(test)]
mod tests;
