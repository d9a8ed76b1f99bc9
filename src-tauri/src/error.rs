//! The shell's error: the core's [`sajja_core::Error`] plus the few things only the shell can
//! meet. Sent to the UI as `{kind, message, field}` with the core's Thai message.

use serde::ser::SerializeStruct;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] sajja_core::Error),

    #[error("ยังไม่ได้เปิดไฟล์บัญชี — สร้างบัญชีกลุ่มใหม่ หรือเปิดไฟล์บัญชีที่มีอยู่ก่อน")]
    NotOpen,

    #[error("ใช้ไฟล์ที่เลือกไม่ได้: {0}")]
    Dialog(String),
}

impl Error {
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Core(e) => e.kind(),
            Error::NotOpen => "not_open",
            Error::Dialog(_) => "dialog",
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Core(e) => e.field(),
            _ => None,
        }
    }
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Error", 3)?;
        out.serialize_field("kind", self.kind())?;
        out.serialize_field("message", &self.to_string())?;
        out.serialize_field("field", &self.field())?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_kind_message_and_field() {
        let e = Error::from(sajja_core::Error::invalid(
            "id_card",
            "เลขประจำตัวประชาชนไม่ถูกต้อง",
        ));
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({
                "kind": "invalid",
                "message": "เลขประจำตัวประชาชนไม่ถูกต้อง",
                "field": "id_card",
            })
        );
        let v = serde_json::to_value(Error::NotOpen).unwrap();
        assert_eq!(v["kind"], "not_open");
        assert_eq!(v["field"], serde_json::Value::Null);
        assert!(v["message"]
            .as_str()
            .unwrap()
            .starts_with("ยังไม่ได้เปิดไฟล์บัญชี"));
    }
}
