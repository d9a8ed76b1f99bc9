//! `sajja print …`: the documents as PDF files. Each subcommand gathers the report model,
//! draws it and writes FILE (or, for a very large job, the numbered series FILE-0001.pdf, …
//! beside it), then lists what it wrote.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use sajja_core::documents::{self, PrintRequest, Printed, Progress};
use sajja_core::Result;

use super::Out;

#[derive(clap::Args)]
pub struct PrintArgs {
    /// เขียนทับไฟล์ PDF ที่มีอยู่แล้ว (ไม่เขียนทับไฟล์บัญชีหรือไฟล์อื่นที่ไม่ใช่ PDF เด็ดขาด)
    #[arg(long, global = true)]
    pub force: bool,
    #[command(subcommand)]
    pub command: PrintCommand,
}

#[derive(Subcommand)]
pub enum PrintCommand {
    /// สมุดคู่ฝาก: ประวัติบัญชีของสมาชิกบนกระดาษ A4 (ช่วงวันที่ใดก็ได้)
    Passbook {
        /// เลขที่สมาชิก
        #[arg(long)]
        member: String,
        /// ตั้งแต่วันที่ (ค่าเริ่มต้น: ตั้งแต่เริ่มเป็นสมาชิก)
        #[arg(long, default_value = "", hide_default_value = true)]
        from: String,
        /// ถึงวันที่ (ค่าเริ่มต้น: ถึงปัจจุบัน)
        #[arg(long, default_value = "", hide_default_value = true)]
        to: String,
        /// ไฟล์ PDF ที่จะเขียน
        #[arg(long)]
        out: PathBuf,
    },
    /// พิมพ์ต่อในสมุดคู่ฝากของสมาชิก: เฉพาะรายการใหม่ ตรงบรรทัดถัดไป
    PassbookContinue {
        #[arg(long)]
        member: String,
        #[arg(long)]
        out: PathBuf,
        /// เริ่มสมุดเล่มใหม่ (บรรทัดแรกเป็นยอดยกมา)
        #[arg(long = "new-book")]
        new_book: bool,
        /// พิมพ์ครั้งล่าสุดซ้ำที่ตำแหน่งเดิม (เช่น กระดาษติด)
        #[arg(long, conflicts_with = "new_book")]
        again: bool,
    },
    /// ใบเสร็จรับเงิน: ใบเดียว (--receipt) หรือทั้งวัน (--date)
    Receipt {
        /// เลขที่ใบเสร็จ เช่น 2568/0153
        #[arg(long, required_unless_present = "date", conflicts_with = "date")]
        receipt: Option<String>,
        /// วันที่: พิมพ์ใบเสร็จทุกใบของวันนั้น หลายใบต่อหน้า
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// ใบสำคัญจ่าย / ใบถอนเงิน: เงินที่จ่ายออก (ถอนเงินฝาก จ่ายเงินกู้ คืนเงินสมาชิกพ้นสภาพ รายจ่าย)
    Voucher {
        /// เลขที่ใบสำคัญจ่าย เช่น 2568/0001 (ได้จากช่อง voucher ของรายการที่จ่ายเงิน)
        #[arg(long)]
        voucher: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// รายงานบัญชีสมาชิกประจำเดือน: ทุกคน คนละหนึ่งหน้า
    Statements {
        /// เดือน เช่น 2568-03 หรือ 3/2568
        #[arg(long)]
        month: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// รายงานฐานะการเงินประจำเดือน
    FundReport {
        #[arg(long)]
        month: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// สมุดเงินสดประจำเดือน
    Cashbook {
        #[arg(long)]
        month: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// งบกำไรขาดทุนของธุรกิจกลุ่มประจำปี: รายเดือน สินค้าคงเหลือ ยอดซื้อและหนี้ของสมาชิก
    Business {
        /// ธุรกิจ (ลำดับหรือชื่อ)
        #[arg(long)]
        business: String,
        /// ปีบัญชี (พ.ศ.)
        #[arg(long)]
        year: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// รายงานการประชุม ตามแบบระเบียบงานสารบรรณ
    Minutes {
        /// เลขที่การประชุม เช่น 2568/03
        #[arg(long)]
        meeting: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// คำขอกู้เงิน จากบัตรลูกหนี้ (พิมพ์ได้ตั้งแต่บันทึกคำขอ)
    LoanApplication {
        /// เลขที่คำขอ/สัญญาเงินกู้ เช่น 2568/001
        #[arg(long)]
        loan: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// สัญญากู้เงิน พร้อมตารางการส่งคืนท้ายสัญญา
    LoanContract {
        /// เลขที่สัญญาเงินกู้ เช่น 2568/001
        #[arg(long)]
        loan: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// สัญญาค้ำประกัน: ผู้ค้ำประกันคนละฉบับ
    Guarantee {
        /// เลขที่สัญญาเงินกู้ เช่น 2568/001
        #[arg(long)]
        loan: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// ใบสมัครสมาชิก (แบบ อทผ-01) และหนังสือแสดงเจตนาการรับโอนผลประโยชน์
    Application {
        /// เลขที่สมาชิก
        #[arg(long)]
        member: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// บัตรประจำตัวสมาชิก (ด้านหน้าและด้านหลัง บนกระดาษ A4)
    MemberCard {
        /// เลขที่สมาชิก
        #[arg(long)]
        member: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// ระเบียบกลุ่ม จากค่าตั้งของกลุ่ม พร้อมบันทึกการแก้ไขเพิ่มเติม
    Regulation {
        #[arg(long)]
        out: PathBuf,
    },
    /// รายงานการตรวจสอบสำหรับคณะกรรมการตรวจสอบ: การยกเลิกรายการ (เหตุผล ผู้ทำ ผู้ตรวจ) การปิดบัญชี
    /// การเปลี่ยนระเบียบ ผู้ใช้ PIN ผิด การกู้คืน และการพิมพ์ในช่วงวันที่
    Audit {
        /// ตั้งแต่วันที่ (ค่าเริ่มต้น: ตั้งแต่ตั้งกลุ่ม)
        #[arg(long, default_value = "", hide_default_value = true)]
        from: String,
        /// ถึงวันที่ (ค่าเริ่มต้น: วันนี้)
        #[arg(long, default_value = "", hide_default_value = true)]
        to: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// ทะเบียนสมาชิก: ทุกคนตามเลขที่ เลขประจำตัวประชาชนพิมพ์เฉพาะหลักแรกและหลักสุดท้าย
    Members {
        #[arg(long)]
        out: PathBuf,
    },
    /// ทะเบียนคุมเงินสัจจะ (สมาชิก × 12 เดือน) ของปีบัญชี
    Register {
        /// ปีบัญชี พ.ศ. เช่น 2568
        #[arg(long)]
        year: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// งบการเงินประจำปี (เทียบปีก่อน) และตารางจัดสรรกำไรสุทธิ
    Yearend {
        /// ปีบัญชี พ.ศ. เช่น 2568
        #[arg(long)]
        year: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// ทะเบียนปันผล-เฉลี่ยคืน (มีช่องลายมือชื่อผู้รับ) และใบแจ้งปันผลของสมาชิกทุกคน
    Dividends {
        /// ปีบัญชี พ.ศ. เช่น 2568
        #[arg(long)]
        year: String,
        #[arg(long)]
        out: PathBuf,
    },
}

impl PrintCommand {
    /// The request and the output file.
    fn request(&self) -> (PrintRequest, &Path) {
        let r = |document: &str| PrintRequest {
            document: document.to_string(),
            ..PrintRequest::default()
        };
        match self {
            PrintCommand::Passbook {
                member,
                from,
                to,
                out,
            } => (
                PrintRequest {
                    member: member.clone(),
                    from: from.clone(),
                    to: to.clone(),
                    ..r("passbook")
                },
                out,
            ),
            PrintCommand::PassbookContinue {
                member,
                out,
                new_book,
                again,
            } => (
                PrintRequest {
                    member: member.clone(),
                    new_book: *new_book,
                    again: *again,
                    ..r("passbook-continue")
                },
                out,
            ),
            PrintCommand::Receipt { receipt, date, out } => (
                PrintRequest {
                    receipt: receipt.clone().unwrap_or_default(),
                    date: date.clone().unwrap_or_default(),
                    ..r("receipt")
                },
                out,
            ),
            PrintCommand::Voucher { voucher, out } => (
                PrintRequest {
                    voucher: voucher.clone(),
                    ..r("voucher")
                },
                out,
            ),
            PrintCommand::Statements { month, out } => (
                PrintRequest {
                    month: month.clone(),
                    ..r("statements")
                },
                out,
            ),
            PrintCommand::FundReport { month, out } => (
                PrintRequest {
                    month: month.clone(),
                    ..r("fund-report")
                },
                out,
            ),
            PrintCommand::Cashbook { month, out } => (
                PrintRequest {
                    month: month.clone(),
                    ..r("cashbook")
                },
                out,
            ),
            PrintCommand::Register { year, out } => (
                PrintRequest {
                    year: year.clone(),
                    ..r("register")
                },
                out,
            ),
            PrintCommand::Yearend { year, out } => (
                PrintRequest {
                    year: year.clone(),
                    ..r("yearend")
                },
                out,
            ),
            PrintCommand::Dividends { year, out } => (
                PrintRequest {
                    year: year.clone(),
                    ..r("dividends")
                },
                out,
            ),
            PrintCommand::Business {
                business,
                year,
                out,
            } => (
                PrintRequest {
                    business: business.clone(),
                    year: year.clone(),
                    ..r("business")
                },
                out,
            ),
            PrintCommand::LoanApplication { loan, out } => (
                PrintRequest {
                    loan: loan.clone(),
                    ..r("loan-application")
                },
                out,
            ),
            PrintCommand::LoanContract { loan, out } => (
                PrintRequest {
                    loan: loan.clone(),
                    ..r("loan-contract")
                },
                out,
            ),
            PrintCommand::Guarantee { loan, out } => (
                PrintRequest {
                    loan: loan.clone(),
                    ..r("guarantee")
                },
                out,
            ),
            PrintCommand::Application { member, out } => (
                PrintRequest {
                    member: member.clone(),
                    ..r("application")
                },
                out,
            ),
            PrintCommand::MemberCard { member, out } => (
                PrintRequest {
                    member: member.clone(),
                    ..r("member-card")
                },
                out,
            ),
            PrintCommand::Regulation { out } => (r("regulation"), out),
            PrintCommand::Members { out } => (r("members"), out),
            PrintCommand::Audit { from, to, out } => (
                PrintRequest {
                    from: from.clone(),
                    to: to.clone(),
                    ..r("audit")
                },
                out,
            ),
            PrintCommand::Minutes { meeting, out } => (
                PrintRequest {
                    meeting: meeting.clone(),
                    ..r("minutes")
                },
                out,
            ),
        }
    }
}

pub fn run(path: &Path, c: &PrintCommand, force: bool, out: Out) -> Result<()> {
    let (mut request, file) = c.request();
    request.replace = force;
    // A print killed between writing and renaming leaves `NAME.pdf.tmp`; the next print into
    // that folder clears them.
    let folder = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    sajja_core::print::remove_leftovers(folder);
    // The books are opened for each step and closed while the document is drawn: a long job
    // needs no database, and SQLite's cache and mapped pages are given back.
    // Each step signs the user in (`--as`), so the print is recorded under their name.
    let printed = documents::print(
        &super::SignedIn(path),
        &request,
        |_| Ok(file.to_path_buf()),
        &Progress::new(),
    )?;
    out.print(&printed, || human(&printed))
}

fn human(p: &Printed) -> String {
    let mut s = if p.files.len() == 1 {
        format!("เขียน{} แล้ว: {} ({} หน้า)", p.title, p.files[0], p.pages)
    } else {
        let mut s = format!(
            "เขียน{} แล้ว {} หน้า เป็น {} ไฟล์:",
            p.title,
            p.pages,
            p.files.len()
        );
        for f in &p.files {
            s.push_str("\n  ");
            s.push_str(f);
        }
        s
    };
    if let Some(b) = &p.passbook {
        s.push_str(&format!("\nใส่สมุดแล้วพิมพ์ที่ {}", b.placement));
        if b.new_book {
            s.push_str(&format!(" — เริ่มเล่มใหม่ เล่มที่ {}", b.book));
        }
    }
    s
}
