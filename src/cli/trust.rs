//! `sajja backup …`, `sajja verify --code` and `sajja audit`: copies that restore, check codes
//! typed back from paper, and the audit log.

use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args, Subcommand};
use sajja_core::backup::BackupInfo;
use sajja_core::{Error, Result};

use super::Out;

#[derive(Subcommand)]
pub enum BackupCommand {
    /// สำรองบัญชีเดี๋ยวนี้ (เก็บในโฟลเดอร์ <ชื่อไฟล์>-backups ข้างไฟล์บัญชี)
    Now,
    /// รายการสำเนาสำรอง ใหม่สุดก่อน
    List,
    /// กู้คืนบัญชีจากสำเนา: --preview ดูก่อนว่าสำเนามีอะไร แล้ว --confirm เพื่อกู้คืนจริง
    Restore(RestoreArgs),
    /// คัดลอกบัญชีไปแฟลชไดรฟ์ แล้วตรวจสำเนาที่นั่น
    Export {
        /// โฟลเดอร์ปลายทาง เช่น /media/usb
        #[arg(long)]
        to: PathBuf,
        /// เข้ารหัสสำเนาด้วยรหัสผ่าน (age) — รหัสผ่านจากแป้นพิมพ์ หรือ SAJJA_EXPORT_PASSPHRASE
        #[arg(long)]
        encrypt: bool,
    },
}

#[derive(Args)]
#[command(group(ArgGroup::new("step").required(true).args(["preview", "confirm"])))]
pub struct RestoreArgs {
    /// ไฟล์สำรอง
    pub file: PathBuf,
    /// แสดงว่าสำเนามีอะไร (กลุ่ม วันที่รายการล่าสุด ใบเสร็จล่าสุด รหัสตรวจสอบ) โดยไม่เปลี่ยนอะไร
    #[arg(long)]
    pub preview: bool,
    /// กู้คืนจริง (บัญชีที่ใช้อยู่ถูกสำรองไว้ก่อน)
    #[arg(long)]
    pub confirm: bool,
}

#[derive(Args)]
#[command(group(ArgGroup::new("step").required(true).args(["set", "check"])))]
pub struct SealArgs {
    /// ผนึกรายการบัญชีถึงปัจจุบันด้วยรหัสผ่านของคณะกรรมการตรวจสอบ
    #[arg(long)]
    pub set: bool,
    /// ตรวจว่ารายการบัญชียังตรงกับผนึกทุกครั้ง
    #[arg(long)]
    pub check: bool,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// เพิ่มผู้ใช้ผูกกับสมาชิก: บทบาท treasurer|chair|audit|clerk|viewer และ PIN
    Add {
        /// เลขที่สมาชิก
        #[arg(long)]
        member: u32,
        /// treasurer | chair | audit | clerk | viewer
        #[arg(long)]
        role: String,
        /// PIN อย่างน้อย 4 ตัว (เก็บเฉพาะค่าที่เข้ารหัสด้วย argon2)
        #[arg(long)]
        pin: String,
    },
    /// รายชื่อผู้ใช้และบทบาท
    List,
}

#[derive(Args)]
pub struct AuditArgs {
    /// ตั้งแต่วันที่ เช่น 1/3/2568
    #[arg(long, default_value = "", hide_default_value = true)]
    pub from: String,
    /// ถึงวันที่
    #[arg(long, default_value = "", hide_default_value = true)]
    pub to: String,
}

fn describe(b: &BackupInfo) -> String {
    format!(
        "{}\n  กลุ่ม {} — {} รายการ สมาชิก {} คน รายการล่าสุด {} ใบเสร็จล่าสุด {} รหัสตรวจสอบ {}{}",
        b.path,
        b.group,
        b.entries,
        b.members,
        super::thai_date_or_dash(b.last_entry_date),
        b.last_receipt.as_deref().unwrap_or("-"),
        b.check_code,
        b.reason_label
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default()
    )
}

pub fn backup(path: &Path, c: &BackupCommand, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    match c {
        BackupCommand::Now => {
            let info = books.backup_now()?;
            out.print(&info, || format!("สำรองบัญชีแล้ว: {}", describe(&info)))
        }
        BackupCommand::List => {
            let list = books.backups()?;
            out.print(&list, || {
                if list.is_empty() {
                    "ยังไม่มีสำเนาสำรอง".into()
                } else {
                    list.iter().map(describe).collect::<Vec<_>>().join("\n")
                }
            })
        }
        BackupCommand::Restore(a) if a.preview => {
            let passphrase = copy_passphrase(&a.file)?;
            let p = books.restore_preview_of(&a.file, passphrase.as_deref())?;
            out.print(&p, || {
                let mut s = format!(
                    "สำเนา: {}\nบัญชีที่ใช้อยู่: {}",
                    describe(&p.backup),
                    describe(&p.current)
                );
                if p.can_restore {
                    s += "\nกู้คืนได้: สั่ง sajja backup restore FILE --confirm (บัญชีที่ใช้อยู่จะถูกสำรองไว้ก่อน)";
                } else {
                    for problem in &p.problems {
                        s += &format!("\nกู้คืนไม่ได้: {problem}");
                    }
                }
                s
            })?;
            if p.can_restore {
                Ok(())
            } else {
                Err(Error::Refused(p.problems.join("; ")))
            }
        }
        BackupCommand::Restore(a) => {
            let passphrase = copy_passphrase(&a.file)?;
            let done = books.restore_from(&a.file, passphrase.as_deref())?;
            out.print(&done, || {
                format!(
                    "กู้คืนแล้ว: {}\nบัญชีก่อนกู้คืนเก็บไว้ที่ {}\nตรวจบัญชีแล้ว: {}",
                    describe(&done.books),
                    done.saved_before,
                    if done.verify.ok {
                        "ถูกต้อง".to_string()
                    } else {
                        done.verify.problems.join("; ")
                    }
                )
            })
        }
        BackupCommand::Export { to, encrypt } => {
            let passphrase = if *encrypt {
                Some(secret(
                    "SAJJA_EXPORT_PASSPHRASE",
                    "รหัสผ่านสำหรับเข้ารหัสสำเนา",
                    true,
                )?)
            } else {
                None
            };
            let done = books.export_copy(to, passphrase.as_deref())?;
            out.print(&done, || {
                format!(
                    "คัดลอกบัญชีไปที่ {} แล้ว{} และตรวจสำเนาแล้วถูกต้อง ({} รายการ) รหัสตรวจสอบ {}",
                    done.path,
                    if done.encrypted {
                        " (เข้ารหัสแล้ว: เปิดได้ด้วยรหัสผ่านเท่านั้น)"
                    } else {
                        ""
                    },
                    done.verify.entries,
                    done.check_code
                )
            })
        }
    }
}

/// `sajja verify --code CODE`: whether a code on paper belongs to these books. Refused (exit
/// 1) when it does not, or when history before it changed.
pub fn verify_code(path: &Path, code: &str, out: Out) -> Result<()> {
    let books = super::open(path)?;
    let check = books.check_code(code)?;
    out.print(&check, || check.message.clone())?;
    if check.found && check.unchanged {
        Ok(())
    } else {
        Err(Error::Refused(check.message))
    }
}

pub fn audit(path: &Path, a: &AuditArgs, out: Out) -> Result<()> {
    let books = super::open(path)?;
    let events = books.audit_log(&a.from, &a.to)?;
    out.print(&events, || {
        if events.is_empty() {
            return "ไม่มีเหตุการณ์ในช่วงนี้".into();
        }
        events
            .iter()
            .map(|e| {
                let who = match (e.user_member, e.checker_member) {
                    (Some(u), Some(c)) => format!(" โดยสมาชิก {u} ผู้ตรวจ {c}"),
                    (Some(u), None) => format!(" โดยสมาชิก {u}"),
                    _ => String::new(),
                };
                format!(
                    "{}  {:<14} {}{who}",
                    super::thai_date(e.date),
                    e.kind,
                    e.detail
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// The passphrase of an encrypted copy (`….age`, made by `backup export --encrypt`), asked
/// for only when the copy is one.
fn copy_passphrase(file: &Path) -> Result<Option<String>> {
    if !sajja_core::backup::is_encrypted(file) {
        return Ok(None);
    }
    secret("SAJJA_EXPORT_PASSPHRASE", "รหัสผ่านของสำเนาที่เข้ารหัส", false).map(Some)
}

/// A secret from the environment variable `var` (scripts), or typed at the terminal without
/// echo. `twice` asks again to confirm a new secret.
pub fn secret(var: &str, prompt: &str, twice: bool) -> Result<String> {
    if let Some(v) = std::env::var_os(var).filter(|v| !v.is_empty()) {
        return v
            .into_string()
            .map_err(|_| Error::invalid("passphrase", format!("ค่าใน {var} ต้องเป็นตัวอักษร UTF-8")));
    }
    let read = |p: &str| {
        rpassword::prompt_password(p).map_err(|e| {
            Error::invalid(
                "passphrase",
                format!("อ่านรหัสจากแป้นพิมพ์ไม่ได้ ({e}) — ใส่ในตัวแปร {var} แทน"),
            )
        })
    };
    let first = read(&format!("{prompt}: "))?;
    if twice && read(&format!("{prompt} (อีกครั้ง): "))? != first {
        return Err(Error::invalid("passphrase", "รหัสที่พิมพ์สองครั้งไม่ตรงกัน"));
    }
    Ok(first)
}

pub fn seal(path: &Path, a: &SealArgs, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    let report = if a.set {
        let pass = secret("SAJJA_SEAL", "รหัสผ่านผนึกบัญชี", true)?;
        books.seal_set(&pass)?
    } else {
        let pass = secret("SAJJA_SEAL", "รหัสผ่านผนึกบัญชี", false)?;
        books.seal_check(&pass)?
    };
    out.print(&report, || report.message.clone())?;
    if report.ok {
        Ok(())
    } else {
        Err(Error::Refused(report.message))
    }
}

pub fn user(path: &Path, c: &UserCommand, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    match c {
        UserCommand::Add { member, role, pin } => {
            let u = books.add_user(*member, role, pin)?;
            out.print(&u, || {
                format!(
                    "เพิ่มผู้ใช้สมาชิกเลขที่ {} {} ({}) แล้ว",
                    u.member, u.name, u.role_label
                )
            })
        }
        UserCommand::List => {
            let list = books.users()?;
            out.print(&list, || {
                if list.is_empty() {
                    return "ยังไม่มีผู้ใช้: ใครก็บันทึกได้โดยไม่ต้องใส่ PIN".into();
                }
                list.iter()
                    .map(|u| format!("{:>6}  {:<30} {}", u.member, u.name, u.role_label))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}
