//! The one error type of the core.
//!
//! Every refusal a treasurer can meet is a variant here with a Thai message that says what is
//! wrong and what to do. The desktop shell sends `{kind, message, field}` to the UI, the CLI
//! prints the message on stderr; neither adds wording of its own.

use crate::money::MoneyError;
use crate::print::PrintError;
use crate::thai::ThaiDateError;

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value the user typed is not acceptable; `field` names the form field it came from.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },

    #[error("{0}")]
    Money(#[from] MoneyError),

    #[error("{0}")]
    Date(#[from] ThaiDateError),

    #[error("ไม่พบสมาชิกเลขที่ {0} — ตรวจสอบเลขที่สมาชิกอีกครั้ง")]
    MemberNotFound(u32),

    #[error("สมาชิกเลขที่ {number} พ้นสภาพแล้วเมื่อ {on} — บันทึกรายการให้ไม่ได้")]
    MemberLeft { number: u32, on: String },

    #[error("ไม่พบ{what} \"{id}\"")]
    NotFound { what: &'static str, id: String },

    #[error("รายการไม่สมดุล: ยอดเดบิตกับเครดิตต่างกัน {residual} บาท")]
    Unbalanced { residual: String },

    #[error("งวดบัญชีถึงวันที่ {through} ปิดแล้ว — บันทึกหรือแก้ไขรายการในวันที่นั้นหรือก่อนหน้าไม่ได้")]
    PeriodClosed { through: String },

    #[error("{0}")]
    Refused(String),

    #[error("ไฟล์บัญชีนี้สร้างด้วยโปรแกรมรุ่นใหม่กว่า (รุ่นข้อมูล {found}, โปรแกรมนี้รู้จักถึงรุ่น {supported}) — กรุณาปรับปรุงโปรแกรมก่อนเปิดไฟล์นี้ ไฟล์ไม่ถูกแก้ไขใด ๆ")]
    SchemaTooNew { found: i64, supported: i64 },

    #[error("ไฟล์ {0} ไม่ใช่ไฟล์บัญชีของโปรแกรมสัจจะ")]
    NotSajjaFile(String),

    #[error("ยังไม่มีไฟล์บัญชีที่ {0} — สร้างบัญชีกลุ่มก่อนด้วยคำสั่ง sajja init --name \"ชื่อกลุ่ม\"")]
    NoBooks(String),

    #[error("มีไฟล์บัญชีอยู่แล้วที่ {0} — จะไม่เขียนทับ เลือกไฟล์อื่นหรือเปิดไฟล์เดิม")]
    BooksExist(String),

    #[error("ฐานข้อมูลผิดพลาด: {0}")]
    Db(#[from] rusqlite::Error),

    #[error("อ่านหรือเขียนไฟล์ไม่ได้: {0}")]
    Io(#[from] std::io::Error),

    /// The typesetting engine's own error (its Thai message says what to do); a cancelled job
    /// is [`PrintError::Cancelled`].
    #[error("{0}")]
    Print(#[from] PrintError),

    /// A document cannot be made from what was asked (no receipts that day, an output folder
    /// that cannot be made, …).
    #[error("{0}")]
    Document(String),

    /// A loan step asked of a loan in the wrong state (approving one already paid out, …).
    #[error("สัญญา {loan} {doing}ไม่ได้ — สถานะตอนนี้คือ \"{status}\"")]
    LoanState {
        loan: String,
        doing: String,
        status: &'static str,
    },

    /// A stored setting no longer reads as its kind of value (the file was edited by hand).
    #[error("ค่าตั้ง {0} เสียหาย — แก้ค่าในหน้าตั้งค่าระเบียบกลุ่มใหม่")]
    SettingDamaged(String),
}

impl Error {
    /// Shorthand for a refused form value.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    /// A stable machine name of the variant, sent to the UI beside the Thai message.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::Money(_) => "invalid_amount",
            Error::Date(_) => "invalid_date",
            Error::MemberNotFound(_) => "member_not_found",
            Error::MemberLeft { .. } => "member_left",
            Error::NotFound { .. } => "not_found",
            Error::Unbalanced { .. } => "unbalanced",
            Error::PeriodClosed { .. } => "period_closed",
            Error::Refused(_) => "refused",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotSajjaFile(_) => "not_sajja_file",
            Error::NoBooks(_) => "no_books",
            Error::BooksExist(_) => "books_exist",
            Error::Db(_) => "database",
            Error::Io(_) => "io",
            Error::Print(PrintError::Cancelled) => "cancelled",
            Error::Print(_) | Error::Document(_) => "print",
            Error::LoanState { .. } => "loan_state",
            Error::SettingDamaged(_) => "setting_damaged",
        }
    }

    /// The form field the error belongs to, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Attaches a field name to a money or date parse error so the UI can show it in place.
    pub fn in_field(self, field: &'static str) -> Self {
        match self {
            Error::Money(_) | Error::Date(_) => Error::Invalid {
                field,
                message: self.to_string(),
            },
            other => other,
        }
    }
}
