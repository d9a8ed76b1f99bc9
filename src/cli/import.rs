//! `sajja import …` and `sajja opening show`: bringing a group's existing books in from a
//! workbook or CSV, all or nothing, with a preview (`--dry-run`) and every mistake named.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use sajja_core::import::{ImportReport, Kind, Options};
use sajja_core::{Error, Result};

use super::Out;

#[derive(Subcommand)]
pub enum ImportCommand {
    /// ทะเบียนสมาชิก (ชื่อ เลขประจำตัวประชาชน วันที่เข้า จำนวนหุ้น ที่อยู่ ผู้รับผลประโยชน์)
    Members(ImportArgs),
    /// ยอดยกมาของสมาชิก (เงินสัจจะสะสม ส่งถึงเดือน เงินฝาก ค่าปรับค้าง)
    Opening(ImportArgs),
    /// เงินกู้ที่ยังผ่อนอยู่ (ยอดกู้ วันที่ จำนวนงวด เงินต้นคงเหลือ ดอกเบี้ยชำระถึงเดือน ผู้ค้ำ)
    Loans(ImportArgs),
    /// ยอดยกมาของทุนและเงินของกลุ่ม (เงินสด เงินฝากธนาคาร ทุนสำรอง ทุนค่าใช้สอย …)
    Funds(ImportArgs),
    /// เขียนแบบฟอร์ม Excel (หัวตารางภาษาไทย) สำหรับกรอกข้อมูลนำเข้า
    Template {
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct ImportArgs {
    /// ไฟล์ .xlsx หรือ .csv
    #[arg(long)]
    file: PathBuf,
    /// ชื่อแผ่นงานในไฟล์ Excel (ค่าเริ่มต้น: แผ่นงานตามแบบฟอร์ม หรือแผ่นแรก)
    #[arg(long)]
    sheet: Option<String>,
    /// ตรวจและแสดงสิ่งที่จะนำเข้าโดยไม่บันทึก
    #[arg(long = "dry-run")]
    dry_run: bool,
    /// วันยกยอด: วันแรกที่บันทึกบัญชีในโปรแกรม (ค่าเริ่มต้น: วันที่ตั้งไว้แล้ว หรือวันที่ 1 ของเดือนนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
}

#[derive(Subcommand)]
pub enum OpeningCommand {
    /// ยอดยกมาที่นำเข้าแล้ว ณ วันยกยอด
    Show,
}

pub fn run(db: &Path, c: &ImportCommand, out: Out) -> Result<()> {
    let (kind, a) = match c {
        ImportCommand::Members(a) => (Kind::Members, a),
        ImportCommand::Opening(a) => (Kind::Opening, a),
        ImportCommand::Loans(a) => (Kind::Loans, a),
        ImportCommand::Funds(a) => (Kind::Funds, a),
        ImportCommand::Template { out: file } => return template(file, out),
    };
    let mut books = super::open(db)?;
    let options = Options {
        date: a.date.clone(),
        dry_run: a.dry_run,
        file: a
            .file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    };
    let report = books.import(kind, &a.file, a.sheet.as_deref(), &options)?;
    out.print(&report, || human(&report))?;
    if report.errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Refused(format!(
            "นำเข้าไม่ได้: พบข้อผิดพลาด {} แห่ง — ไม่มีการเปลี่ยนแปลงใดในบัญชี แก้ไฟล์แล้วนำเข้าใหม่",
            report.errors.len()
        )))
    }
}

fn human(r: &ImportReport) -> String {
    let mut lines = Vec::new();
    let sheet = if r.sheet.is_empty() {
        String::new()
    } else {
        format!(" แผ่นงาน \"{}\"", r.sheet)
    };
    lines.push(format!("ไฟล์ {}{sheet}: {} แถว", r.file, r.rows));
    if let Some(d) = r.date {
        lines.push(format!("วันยกยอด {}", super::thai_date(d)));
    }
    if !r.unknown_columns.is_empty() {
        lines.push(format!("คอลัมน์ที่ไม่ได้ใช้: {}", r.unknown_columns.join(", ")));
    }
    if !r.errors.is_empty() {
        lines.push(format!("พบข้อผิดพลาด {} แห่ง:", r.errors.len()));
        for e in &r.errors {
            let column = if e.column.is_empty() {
                String::new()
            } else {
                format!(" คอลัมน์ \"{}\"", e.column)
            };
            lines.push(format!("  แถว {}{column}: {}", e.row, e.message));
        }
        return lines.join("\n");
    }
    for l in &r.lines {
        lines.push(format!("  แถว {}: {}", l.row, l.text));
    }
    for t in &r.totals {
        lines.push(format!("{} {} บาท", t.label, t.amount.grouped()));
    }
    lines.push(if r.committed {
        "นำเข้าแล้ว".to_string()
    } else {
        "ตรวจแล้วไม่พบข้อผิดพลาด (ยังไม่ได้บันทึก — สั่งอีกครั้งโดยไม่ใส่ --dry-run เพื่อนำเข้า)".to_string()
    });
    lines.join("\n")
}

fn template(file: &Path, out: Out) -> Result<()> {
    sajja_core::export::template(file)?;
    let shown = file.display().to_string();
    out.print(&serde_json::json!({ "file": shown }), || {
        format!("เขียนแบบฟอร์มนำเข้าที่ {shown} แล้ว")
    })
}

pub fn opening(db: &Path, c: &OpeningCommand, out: Out) -> Result<()> {
    let OpeningCommand::Show = c;
    let books = super::open(db)?;
    let v = books.opening()?;
    out.print(&v, || {
        let Some(date) = v.date else {
            return "ยังไม่ได้นำเข้ายอดยกมา".to_string();
        };
        let mut lines = vec![format!(
            "ยอดยกมา ณ วันที่ {} (บัญชีก่อนหน้านั้นปิดแล้ว)",
            super::thai_date(date)
        )];
        lines.push(format!(
            "สมาชิก {} คน: เงินสัจจะ {} บาท เงินฝาก {} บาท ค่าปรับค้าง {} บาท",
            v.members.len(),
            v.totals.sajja.grouped(),
            v.totals.deposits.grouped(),
            v.totals.fines.grouped()
        ));
        lines.push(format!(
            "เงินกู้ {} สัญญา: เงินต้นคงเหลือ {} บาท",
            v.loans.len(),
            v.totals.loans.grouped()
        ));
        for f in &v.funds {
            lines.push(format!(
                "{} {}: {} บาท",
                f.account,
                f.name,
                f.amount.grouped()
            ));
        }
        lines.push(if v.balanced {
            "ยอดยกมาลงตัว".to_string()
        } else {
            format!("ยอดยกมายังไม่ลงตัว ต่างกัน {} บาท", v.difference.grouped())
        });
        lines.join("\n")
    })
}
