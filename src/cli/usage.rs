//! clap's refusals in Thai: which word was wrong and what to type instead. clap's own English
//! text never reaches the treasurer.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The Thai message for a command line clap refused.
pub fn thai_message(e: &clap::Error) -> String {
    let get = |kind: ContextKind| -> String {
        match e.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let suggestion = match get(ContextKind::SuggestedArg) {
        s if !s.is_empty() => format!(" หมายถึง {s} หรือไม่"),
        _ => match get(ContextKind::SuggestedSubcommand) {
            s if !s.is_empty() => format!(" หมายถึง {s} หรือไม่"),
            _ => String::new(),
        },
    };
    let what = match e.kind() {
        ErrorKind::UnknownArgument if looks_negative(&arg) => {
            "ค่าติดลบ (ขึ้นต้นด้วย -) ใส่ไม่ได้ — จำนวนเงินและจำนวนต้องไม่ติดลบ (การคืนเงินหรือแก้รายการให้ใช้คำสั่งยกเลิก sajja reverse)".to_string()
        }
        ErrorKind::UnknownArgument => format!("ไม่รู้จักตัวเลือก {arg}{suggestion}"),
        ErrorKind::InvalidSubcommand => {
            format!("ไม่รู้จักคำสั่ง \"{}\"{suggestion}", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = get(ContextKind::ValidValue);
            let valid = if valid.is_empty() {
                String::new()
            } else {
                format!(" — ใช้ได้: {valid}")
            };
            if value.is_empty() {
                format!("ตัวเลือก {arg} ต้องมีค่า{valid}")
            } else if looks_negative(&value) {
                format!("ค่า {value} ของ {arg} ติดลบใส่ไม่ได้{valid}")
            } else {
                format!("ค่า \"{value}\" ของ {arg} ไม่ถูกต้อง{valid}")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("ขาดตัวเลือกที่ต้องใส่: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "ต้องระบุคำสั่งย่อย".to_string()
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            format!("ใช้ {arg} พร้อมกับ {prior} ไม่ได้ — เลือกอย่างใดอย่างหนึ่ง")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("จำนวนค่าของ {arg} ไม่ถูกต้อง{}", quoted(&value))
        }
        ErrorKind::NoEquals => format!("ตัวเลือก {arg} ต้องเขียนแบบ {arg}=ค่า"),
        ErrorKind::InvalidUtf8 => "ตัวอักษรในคำสั่งอ่านไม่ออก — พิมพ์ใหม่เป็นข้อความธรรมดา".to_string(),
        _ => "คำสั่งไม่ถูกต้อง".to_string(),
    };
    format!("คำสั่งหรือตัวเลือกไม่ถูกต้อง: {what} — ดูวิธีใช้ด้วย sajja --help (หรือ sajja คำสั่ง --help)")
}

fn quoted(v: &str) -> String {
    if v.is_empty() {
        String::new()
    } else {
        format!(" (\"{v}\")")
    }
}

/// `-100`, `-1.5`: a negative number clap took for an option.
fn looks_negative(s: &str) -> bool {
    s.strip_prefix('-').is_some_and(|r| {
        r.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '.')
    })
}
