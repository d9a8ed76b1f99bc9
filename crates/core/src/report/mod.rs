//! Report models: plain data computed from the books, with exact figures, for the printed
//! documents (and the screens). The PDF renderers in `crate::documents` only draw them.

pub mod audit_trail;
pub mod fund;
pub mod general_ledger;
pub mod members;
pub mod receipt;
pub mod statement;
pub mod trend;
pub mod voucher;
pub mod yearly;

use crate::error::Result;
use crate::Books;

/// What every document's header shows about the group.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Letterhead {
    pub group: String,
    pub address: String,
    pub digits: String,
    pub bahttext: String,
    pub loan_charge_word: String,
    /// The document's check code (`XXXX-XXXX`), printed on every page as
    /// `รหัสตรวจสอบ XXXX-XXXX`; empty until the job has its figures.
    pub check_code: String,
}

impl Letterhead {
    pub fn of(books: &Books) -> Result<Letterhead> {
        let g = books.group()?;
        let s = books.settings()?;
        Ok(Letterhead {
            group: g.name,
            address: g.address,
            digits: s.digits.as_str().to_string(),
            bahttext: s.bahttext.as_str().to_string(),
            loan_charge_word: s.loan_charge_word,
            check_code: String::new(),
        })
    }
}
