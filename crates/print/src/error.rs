//! The one error type of the print engine.
//!
//! Messages are Thai because they reach the treasurer unchanged: each says what went wrong
//! and what to do about it.

use std::path::PathBuf;

/// Everything that can go wrong while laying out or writing a PDF.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PrintError {
    /// A font that is compiled into the program could not be read. This is a build defect,
    /// not something the user caused.
    #[error("อ่านแบบอักษร {name} ไม่ได้ — ไฟล์แบบอักษรในโปรแกรมเสียหาย โปรดติดตั้งโปรแกรมใหม่")]
    Font {
        /// Which face failed (e.g. `Sarabun-Regular`).
        name: &'static str,
    },

    /// The output file (or its temporary sibling) could not be created, written or renamed.
    #[error("เขียนไฟล์ไม่ได้: {} — ตรวจสอบว่าโฟลเดอร์มีอยู่และมีสิทธิ์เขียน", path.display())]
    Write {
        /// The file the user asked for.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },

    /// The caller asked for something the layout cannot do (a table wider than the page, a
    /// page smaller than its margins, a row taller than a page, …).
    #[error("จัดหน้าเอกสารไม่ได้: {0}")]
    Layout(String),

    /// The person printing asked the job to stop; what it wrote is removed.
    #[error("ยกเลิกการพิมพ์แล้ว — ไม่ได้บันทึกไฟล์ใด")]
    Cancelled,

    /// A worker thread of a parallel job stopped unexpectedly.
    #[error("การพิมพ์หยุดกลางคัน — งานย่อยหยุดทำงานโดยไม่คาดคิด โปรดลองใหม่อีกครั้ง")]
    Worker,
}

/// Shorthand used throughout the module.
pub type Result<T, E = PrintError> = std::result::Result<T, E>;
