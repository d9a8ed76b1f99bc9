//! `sajja export …`: registers and reports as Excel workbooks.

use std::path::{Path, PathBuf};

use clap::Args;
use sajja_core::Result;

use super::Out;

#[derive(Args)]
pub struct ExportArgs {
    /// members, register, cashbook, loans, loan-cards, arrears, fund-report, yearend หรือ district
    report: String,
    /// ไฟล์ที่จะเขียน (.xlsx)
    #[arg(long)]
    out: PathBuf,
    /// ปีบัญชี (พ.ศ.) สำหรับทะเบียน งบการเงินประจำปี (yearend) และสรุปรายปี
    #[arg(
        long,
        default_value = "",
        hide_default_value = true,
        conflicts_with = "month"
    )]
    year: String,
    /// เดือน (เช่น 2568-07) สำหรับสมุดเงินสด รายงานฐานะการเงิน และสรุปรายเดือน
    #[arg(long, default_value = "", hide_default_value = true)]
    month: String,
}

pub fn run(db: &Path, a: &ExportArgs, out: Out) -> Result<()> {
    let books = super::open(db)?;
    let w = sajja_core::export::write(&books, &a.report, &a.year, &a.month, &a.out)?;
    out.print(&w, || {
        format!("เขียน {} ({} แถว) ที่ {} แล้ว", w.report, w.rows, w.file)
    })
}
