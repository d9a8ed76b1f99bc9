//! Users at the keyboard and their rights: each bound to a member, with a role (treasurer,
//! chair, audit committee, clerk, viewer) and a PIN kept only as an argon2id hash. A group
//! without users works as before; once it has one, every write needs the user at the keyboard,
//! the role must allow it, and the two-person operations (reversals, write-offs, loan
//! approval, month and year close, settings, users) need a second user's PIN (maker-checker).
//! A wrong PIN is refused and logged.

use argon2::{Algorithm, Argon2, Params, Version};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// What a user may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Treasurer,
    Chair,
    Audit,
    Clerk,
    Viewer,
}

impl Role {
    pub fn parse(text: &str) -> Result<Role> {
        Ok(match text.trim() {
            "treasurer" => Role::Treasurer,
            "chair" => Role::Chair,
            "audit" => Role::Audit,
            "clerk" => Role::Clerk,
            "viewer" => Role::Viewer,
            other => {
                return Err(Error::invalid(
                    "role",
                    format!("ไม่รู้จักบทบาท \"{other}\" — เลือก treasurer (เหรัญญิก), chair (ประธาน), audit (กรรมการตรวจสอบ), clerk (ผู้ช่วยบันทึก) หรือ viewer (ดูอย่างเดียว)"),
                ))
            }
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Treasurer => "treasurer",
            Role::Chair => "chair",
            Role::Audit => "audit",
            Role::Clerk => "clerk",
            Role::Viewer => "viewer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Treasurer => "เหรัญญิก",
            Role::Chair => "ประธาน",
            Role::Audit => "กรรมการตรวจสอบ",
            Role::Clerk => "ผู้ช่วยบันทึก",
            Role::Viewer => "ดูอย่างเดียว",
        }
    }

    /// Records money and members (the audit committee and viewers only read; the audit
    /// committee confirms as checker and seals).
    pub fn may_write(self) -> bool {
        matches!(self, Role::Treasurer | Role::Chair | Role::Clerk)
    }

    /// May start a two-person operation (the maker).
    pub fn may_make(self) -> bool {
        matches!(self, Role::Treasurer | Role::Chair)
    }

    /// May confirm a two-person operation (the checker).
    pub fn may_check(self) -> bool {
        matches!(self, Role::Treasurer | Role::Chair | Role::Audit)
    }
}

/// A user as listed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct User {
    pub member: u32,
    pub name: String,
    pub role: Role,
    pub role_label: String,
    pub added_at: String,
}

/// argon2id for PINs: 19 MiB, two passes (OWASP's minimum); a PIN has few digits, so the
/// hash must be slow.
fn hash_pin(pin: &str, salt: &str) -> Result<String> {
    let params = Params::new(19_456, 2, 1, Some(32))
        .map_err(|e| Error::Refused(format!("ตั้งค่าการเข้ารหัส PIN ไม่ได้: {e}")))?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(pin.as_bytes(), salt.as_bytes(), &mut out)
        .map_err(|e| Error::Refused(format!("เข้ารหัส PIN ไม่ได้: {e}")))?;
    Ok(out.iter().map(|b| format!("{b:02x}")).collect())
}

fn check_pin_form(pin: &str) -> Result<()> {
    let n = pin.chars().count();
    if !(4..=64).contains(&n) || pin.chars().any(char::is_control) {
        return Err(Error::invalid(
            "pin",
            "PIN ต้องยาว 4 ตัวขึ้นไป (ตัวเลขหรือรหัสผ่าน) — ห้ามใช้วันเกิดหรือเลขที่สมาชิก",
        ));
    }
    Ok(())
}

/// Whether the group has any user (then writes need one).
pub fn any(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM app_user)", [], |r| r.get(0))?)
}

/// How many users may confirm a two-person operation.
pub fn checkers(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM app_user WHERE role IN ('treasurer', 'chair', 'audit')",
        [],
        |r| r.get(0),
    )?)
}

/// Adds a user for member `number` with `role` and `pin` (only the hash is kept).
pub(crate) fn add(conn: &Connection, number: u32, role: Role, pin: &str) -> Result<User> {
    check_pin_form(pin)?;
    let m = crate::member::get(conn, number)?;
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM app_user WHERE member_number = ?1)",
        [number],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::Refused(format!("สมาชิกเลขที่ {number} เป็นผู้ใช้อยู่แล้ว")));
    }
    let salt = {
        let mut h = Sha256::new();
        h.update(uuid::Uuid::now_v7().as_bytes());
        h.update(number.to_string().as_bytes());
        h.finalize()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let stored = format!("argon2id$m=19456,t=2,p=1${salt}${}", hash_pin(pin, &salt)?);
    conn.execute(
        "INSERT INTO app_user (member_number, role, pin_hash, added_at) VALUES (?1, ?2, ?3, ?4)",
        params![number, role.as_str(), stored, crate::clock::now_utc()],
    )?;
    Ok(User {
        member: number,
        name: m.full_name,
        role,
        role_label: role.label().into(),
        added_at: crate::clock::now_utc(),
    })
}

pub fn list(conn: &Connection) -> Result<Vec<User>> {
    let mut stmt = conn.prepare(
        "SELECT u.member_number, m.title || m.first_name || ' ' || m.last_name, u.role, u.added_at
         FROM app_user u JOIN member m ON m.number = u.member_number ORDER BY u.member_number",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (member, name, role, added_at) = row?;
        let role = Role::parse(&role)?;
        out.push(User {
            member,
            name: name.trim().to_string(),
            role,
            role_label: role.label().into(),
            added_at,
        });
    }
    Ok(out)
}

/// The role of member `number` if `pin` is theirs. `Err` names no detail that would help a
/// guesser (unknown user and wrong PIN read the same).
pub fn check_pin(conn: &Connection, number: u32, pin: &str) -> Result<Role> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT role, pin_hash FROM app_user WHERE member_number = ?1",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let refused = || {
        Error::invalid(
            "pin",
            format!("ผู้ใช้เลขที่ {number} หรือ PIN ไม่ถูกต้อง — บันทึกความพยายามนี้ไว้ให้คณะกรรมการตรวจสอบแล้ว"),
        )
    };
    let Some((role, stored)) = row else {
        return Err(refused());
    };
    let parts: Vec<&str> = stored.split('$').collect();
    let [_, _, salt, hash] = parts.as_slice() else {
        return Err(refused());
    };
    if hash_pin(pin, salt)? != *hash {
        return Err(refused());
    }
    Role::parse(&role)
}
