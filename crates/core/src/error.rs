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

    #[error("รายการไม่สมดุล: ยอดสองด้านต่างกัน {residual} บาท")]
    Unbalanced { residual: String },

    #[error("เดือนบัญชีถึงวันที่ {through} ปิดแล้ว — บันทึกหรือแก้ไขรายการในวันที่นั้นหรือก่อนหน้าไม่ได้")]
    PeriodClosed { through: String },

    #[error("{0}")]
    Refused(String),

    /// The group has users and nobody is signed in (the app shows its sign-in screen).
    #[error("{0}")]
    SignInNeeded(String),

    /// A two-person operation without its second person (the app asks for the checker's PIN
    /// on the same screen, then sends the operation again).
    #[error("{0}")]
    CheckerNeeded(String),

    #[error("ไฟล์บัญชีนี้สร้างด้วยโปรแกรมรุ่นใหม่กว่า (รุ่นข้อมูล {found}, โปรแกรมนี้รู้จักถึงรุ่น {supported}) — กรุณาปรับปรุงโปรแกรมก่อนเปิดไฟล์นี้ ไฟล์ไม่ถูกแก้ไขใด ๆ")]
    SchemaTooNew { found: i64, supported: i64 },

    #[error("ไฟล์ {0} ไม่ใช่ไฟล์บัญชีของโปรแกรมสัจจะ — เลือกไฟล์บัญชีของกลุ่ม (ไฟล์นี้ไม่ถูกแก้ไขใด ๆ)")]
    NotSajjaFile(String),

    #[error("ไฟล์บัญชี {0} เปิดได้แต่เขียนไม่ได้ (ไฟล์หรือโฟลเดอร์เป็นแบบอ่านอย่างเดียว) — คัดลอกไฟล์ไปไว้ในโฟลเดอร์ที่เขียนได้ เช่น เอกสารของผู้ใช้ หรือแก้สิทธิ์ของโฟลเดอร์ แล้วเปิดใหม่ (ไฟล์นี้ไม่ถูกแก้ไขใด ๆ)")]
    ReadOnlyBooks(String),

    #[error("ไฟล์บัญชีเสียหาย ({0}) — เปิดได้เพื่ออ่านเท่านั้น บันทึกรายการเพิ่มไม่ได้ ให้กู้คืนจากสำเนาสำรองล่าสุด แล้วตรวจด้วย sajja verify")]
    Damaged(String),

    #[error("ไฟล์บัญชี {0} ถูกโปรแกรมอื่นใช้อยู่ — ปิดโปรแกรมสัจจะหน้าต่างอื่นหรือโปรแกรมที่เปิดไฟล์นี้ค้างไว้ แล้วลองใหม่ (ไฟล์นี้ไม่ถูกแก้ไขใด ๆ)")]
    LockedBooks(String),

    #[error("ไฟล์ {0} มีรหัสของโปรแกรมสัจจะแต่ไม่มีข้อมูลบัญชี (สร้างไม่เสร็จ) — ไม่แก้ไขไฟล์นี้ ให้กู้คืนจากสำเนาสำรอง หรือลบไฟล์แล้วสร้างใหม่ด้วย sajja init")]
    IncompleteBooks(String),

    #[error("ยังไม่มีไฟล์บัญชีที่ {0} — สร้างบัญชีกลุ่มใหม่ก่อน (ตั้งชื่อกลุ่มและวันตั้งกลุ่ม)")]
    NoBooks(String),

    #[error("มีไฟล์บัญชีอยู่แล้วที่ {0} — จะไม่เขียนทับ เลือกไฟล์อื่นหรือเปิดไฟล์เดิม")]
    BooksExist(String),

    #[error("{}", db_message(.0))]
    Db(#[from] rusqlite::Error),

    #[error("{}", io_message(.0))]
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

    /// The year-end approved on the screen may no longer be what the books say: something was
    /// written after its figures were shown, so they are shown again instead of posted.
    #[error("มีการบันทึกในสมุดบัญชีหลังจากที่แสดงตัวเลขปีบัญชี {year} ให้อนุมัติ — ตรวจตัวเลขล่าสุดบนจอแล้วอนุมัติอีกครั้ง ยังไม่มีการบันทึกใด")]
    ChangedSinceShown { year: i32 },
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
            Error::SignInNeeded(_) => "sign_in_needed",
            Error::CheckerNeeded(_) => "checker_needed",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotSajjaFile(_) => "not_sajja_file",
            Error::ReadOnlyBooks(_) => "read_only",
            Error::Damaged(_) => "damaged",
            Error::LockedBooks(_) => "locked",
            Error::IncompleteBooks(_) => "incomplete_books",
            Error::NoBooks(_) => "no_books",
            Error::BooksExist(_) => "books_exist",
            Error::Db(e) => match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ReadOnly) => "read_only",
                Some(rusqlite::ErrorCode::DiskFull) => "disk_full",
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                    "locked"
                }
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                    "damaged"
                }
                _ => "database",
            },
            Error::Io(_) => "io",
            Error::Print(PrintError::Cancelled) => "cancelled",
            Error::Print(_) | Error::Document(_) => "print",
            Error::LoanState { .. } => "loan_state",
            Error::SettingDamaged(_) => "setting_damaged",
            Error::ChangedSinceShown { .. } => "changed_since_shown",
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

/// SQLite's faults in the treasurer's words: what happened and what to do. Nothing was
/// written by the refused step (each is one transaction).
fn db_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::ReadOnly) => "บันทึกไม่ได้: ไฟล์บัญชีหรือโฟลเดอร์ของไฟล์เป็นแบบอ่านอย่างเดียว — ย้ายไฟล์ไปไว้ในโฟลเดอร์ที่เขียนได้ หรือแก้สิทธิ์ให้เขียนได้ แล้วทำใหม่ (ไม่มีรายการใดถูกบันทึก)".into(),
        Some(C::DiskFull) => "บันทึกไม่ได้: พื้นที่ดิสก์เต็ม — ลบไฟล์ที่ไม่ใช้แล้วให้มีที่ว่าง แล้วทำใหม่ (ไม่มีรายการใดถูกบันทึก)".into(),
        Some(C::DatabaseBusy | C::DatabaseLocked) => "ไฟล์บัญชีถูกโปรแกรมอื่นใช้อยู่ — ปิดโปรแกรมสัจจะหน้าต่างอื่นหรือโปรแกรมที่เปิดไฟล์นี้ค้างไว้ แล้วลองใหม่ (ไม่มีรายการใดถูกบันทึก)".into(),
        Some(C::DatabaseCorrupt | C::NotADatabase) => "ไฟล์บัญชีเสียหาย — อย่าบันทึกต่อ ให้กู้คืนจากสำเนาสำรองล่าสุด (ไฟล์ .db ในโฟลเดอร์สำรอง) แล้วเปิดใหม่".into(),
        Some(C::CannotOpen | C::PermissionDenied) => "เปิดไฟล์บัญชีไม่ได้ — ตรวจว่าโฟลเดอร์มีอยู่ และผู้ใช้นี้มีสิทธิ์อ่านเขียนไฟล์".into(),
        Some(C::ConstraintViolation) => "บันทึกไม่ได้เพราะขัดกับกฎของบัญชี — ไม่มีรายการใดถูกบันทึก ตรวจตัวเลขที่ใส่แล้วทำใหม่".into(),
        _ => "บันทึกลงไฟล์บัญชีไม่สำเร็จ — ไม่มีรายการใดถูกบันทึก ลองใหม่อีกครั้ง หากยังไม่ได้ ให้ปิดโปรแกรมแล้วเปิดใหม่ หรือกู้คืนจากสำเนาสำรองล่าสุด".into(),
    }
}

/// The operating system's file faults in Thai.
fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied | K::ReadOnlyFilesystem => {
            "เขียนไฟล์ไม่ได้: ไม่มีสิทธิ์เขียน หรือโฟลเดอร์เป็นแบบอ่านอย่างเดียว — เลือกโฟลเดอร์อื่นหรือแก้สิทธิ์".into()
        }
        K::StorageFull => "เขียนไฟล์ไม่ได้: พื้นที่ดิสก์เต็ม — ลบไฟล์ที่ไม่ใช้แล้วให้มีที่ว่าง แล้วทำใหม่".into(),
        K::NotFound => "ไม่พบไฟล์หรือโฟลเดอร์ที่ระบุ — ตรวจชื่อและที่อยู่ของไฟล์อีกครั้ง".into(),
        K::InvalidData => {
            "อ่านไฟล์ไม่ได้: เนื้อหาไม่ใช่ข้อความที่อ่านได้ — บันทึกไฟล์เป็น CSV (UTF-8) แล้วลองใหม่".into()
        }
        _ => "อ่านหรือเขียนไฟล์ไม่ได้ — ตรวจว่าไฟล์และโฟลเดอร์มีอยู่และเขียนได้ แล้วลองใหม่".into(),
    }
}
