//! The documents the treasurer prints every month, drawn from the report models with the
//! Thai typesetting engine ([`crate::print`]).
//!
//! | document | model | renderer |
//! |---|---|---|
//! | passbook, A4 account history | [`crate::register::AccountHistory`] | [`passbook`] |
//! | passbook, continued in the member's own book | [`passbook_continue::Plan`] | [`passbook_continue`] |
//! | receipt, one or a whole day | [`crate::report::receipt::ReceiptDoc`] | [`receipt`] |
//! | payment voucher (money paid out) | [`crate::report::voucher::Voucher`] | [`voucher`] |
//! | monthly member statements | [`crate::report::statement::MemberStatement`] | [`statement`] |
//! | monthly fund report | [`crate::report::fund::FundReport`] | [`fund_report`] |
//! | cash book of a month | [`crate::register::CashBook`] | [`cashbook`] |
//! | pledged-savings register of a year | [`crate::register::SajjaRegister`] | [`register`] |
//! | year's statements and allocation | [`crate::report::yearly::YearStatements`], [`crate::yearend::Preview`] | [`yearend`] |
//! | dividend and average-return register, member yearly statements | [`crate::yearend::Preview`] | [`yearend`] |
//! | minutes of a meeting | [`crate::meeting::Meeting`] | [`minutes`] |
//! | loan contract, guarantee contract | [`loan_papers::LoanPapers`] | [`loan_papers`] |
//! | membership application with beneficiaries, member card | [`membership::MemberPapers`] | [`membership`] |
//! | the group's regulation with its amendments | [`regulation::Regulation`] | [`regulation`] |
//! | the audit committee's report of a period | [`crate::report::audit_trail::AuditReport`] | [`audit`] |
//! | the member register (ID numbers masked) | [`crate::report::members::MemberList`] | [`members`] |
//!
//! A print is three steps, so the desktop app can let go of the books while a long job draws:
//! [`job`] gathers the model and the letterhead (reads only), [`PrintJob::write`] draws and
//! writes the file(s) (no database), [`finish`] remembers what the job printed (only the
//! passbook's next line). `Books::print` does all three.
//!
//! **Invariants.** Renderers never compute money: every figure printed is a field of a model,
//! formatted. A file is written to `FILE.tmp` and renamed, and a failed series removes the
//! files it wrote, so a refused or failed print leaves nothing behind. Every number is printed
//! in the group's digits (setting `digits`) and every amount in words by its bahttext setting.

pub mod audit;
pub mod business;
pub mod cashbook;
pub mod chart;
pub mod common;
mod flow;
pub mod fund_report;
pub mod loan_papers;
pub mod members;
pub mod membership;
pub mod minutes;
pub mod passbook;
pub mod passbook_continue;
pub mod receipt;
pub mod register;
pub mod regulation;
pub mod statement;
pub mod voucher;
pub mod yearend;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use common::{engine, Look, Progress};

use crate::error::{Error, Result};
use crate::register::{AccountHistory, CashBook, SajjaRegister};
use crate::report::fund::FundReport;
use crate::report::receipt::ReceiptDoc;
use crate::report::statement::MemberStatement;
use crate::report::Letterhead;
use crate::thai::{self, YearMonth};
use crate::Books;

/// What to print, as typed on the command line or in the app. Which fields matter depends on
/// `document`: `passbook` (member, from, to), `passbook-continue` (member, new_book, again),
/// `receipt` (receipt, or date for a whole day), `statements` / `fund-report` / `cashbook`
/// (month), `register` (year).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PrintRequest {
    pub document: String,
    pub member: String,
    pub from: String,
    pub to: String,
    pub receipt: String,
    pub voucher: String,
    pub date: String,
    pub month: String,
    pub year: String,
    pub new_book: bool,
    pub again: bool,
    /// Replace an existing PDF at the output path (`--force`, or the app's own folder).
    pub replace: bool,
    /// `minutes`: the meeting number (`2568/03`).
    pub meeting: String,
    /// `business`: the business (number or name).
    pub business: String,
    /// `loan-application`, `loan-contract`, `guarantee`: the contract number (`2568/007`).
    pub loan: String,
}

/// The documents, by their command-line names.
pub const DOCUMENTS: &[(&str, &str)] = &[
    ("passbook", "สมุดคู่ฝาก (ประวัติบัญชี A4)"),
    ("passbook-continue", "พิมพ์ต่อในสมุดคู่ฝากของสมาชิก"),
    ("receipt", "ใบเสร็จรับเงิน"),
    ("voucher", "ใบสำคัญจ่าย / ใบถอนเงิน"),
    ("statements", "รายงานบัญชีสมาชิกประจำเดือน"),
    ("fund-report", "รายงานฐานะการเงินประจำเดือน"),
    ("cashbook", "สมุดเงินสดประจำเดือน"),
    ("register", "ทะเบียนคุมเงินสัจจะ"),
    ("yearend", "งบการเงินและการจัดสรรกำไรประจำปี"),
    ("dividends", "ทะเบียนปันผล-เฉลี่ยคืน และใบแจ้งปันผลของสมาชิก"),
    ("minutes", "รายงานการประชุม"),
    ("business", "งบกำไรขาดทุนของธุรกิจกลุ่ม"),
    ("loan-application", "คำขอกู้เงิน"),
    ("loan-contract", "สัญญากู้เงิน"),
    ("guarantee", "สัญญาค้ำประกัน"),
    (
        "application",
        "ใบสมัครสมาชิกและหนังสือแสดงเจตนาการรับโอนผลประโยชน์",
    ),
    ("member-card", "บัตรประจำตัวสมาชิก"),
    ("regulation", "ระเบียบกลุ่ม"),
    ("audit", "รายงานการตรวจสอบสำหรับคณะกรรมการตรวจสอบ"),
    ("members", "ทะเบียนสมาชิก (เลขประจำตัวประชาชนปิดบางส่วน)"),
];

/// What a job will contain, for the app's "see what it will contain" step.
#[derive(Clone, Debug, serde::Serialize)]
pub struct JobSummary {
    pub document: String,
    pub title: String,
    /// A sensible Thai file name, e.g. `ใบเสร็จ-2568-0153.pdf`.
    pub file_name: String,
    /// Thai lines describing the content (who, which period, how many items, totals).
    pub lines: Vec<String>,
    /// Members, receipts, lines: what progress counts.
    pub items: usize,
    /// The check code every page will carry (`XXXX-XXXX`).
    pub check_code: String,
}

impl JobSummary {
    /// The summary of a `document` job whose check code is issued when it is printed.
    fn new(
        document: &str,
        title: String,
        file_name: String,
        lines: Vec<String>,
        items: usize,
    ) -> JobSummary {
        JobSummary {
            document: document.into(),
            title,
            file_name,
            lines,
            items,
            check_code: String::new(),
        }
    }

    /// The summary of a month's document (statements, fund report, cash book): the month
    /// after its `title`, in its file name after `file`, and as its first line.
    fn of_month(
        document: &str,
        title: &str,
        file: &str,
        month: YearMonth,
        lines: Vec<String>,
        items: usize,
    ) -> JobSummary {
        let name = thai::format_month_long(month, thai::Digits::Arabic);
        let lines = std::iter::once(format!("เดือน{name}"))
            .chain(lines)
            .collect();
        JobSummary::new(
            document,
            format!("{title} {name}"),
            format!("{file}-{}.pdf", be_month(month)),
            lines,
            items,
        )
    }
}

/// What a print wrote.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Printed {
    pub document: String,
    pub title: String,
    /// The file, or the files of a series, in order.
    pub files: Vec<String>,
    pub pages: usize,
    /// For a passbook continuation: where the lines went.
    pub passbook: Option<PassbookPrinted>,
    /// The check code printed on every page (`รหัสตรวจสอบ XXXX-XXXX`).
    pub check_code: String,
}

/// Where a continuation print put its lines.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PassbookPrinted {
    pub book: u32,
    pub first_line: u32,
    pub last_line: u32,
    pub lines: usize,
    /// `เล่มที่ 1 หน้า 2 บรรทัดที่ 3–9`.
    pub placement: String,
    pub new_book: bool,
    pub brought_forward: bool,
}

enum Job {
    Passbook(AccountHistory),
    PassbookContinue(passbook_continue::Plan),
    Receipts(Vec<ReceiptDoc>),
    Voucher(crate::report::voucher::Voucher),
    Statements(YearMonth, Vec<MemberStatement>),
    FundReport(Box<(FundReport, crate::report::trend::Trend)>),
    Business(Box<crate::business::statement::BusinessReport>),
    CashBook(CashBook),
    Register(SajjaRegister),
    YearEnd(
        Box<(
            crate::report::yearly::YearStatements,
            crate::yearend::Preview,
        )>,
    ),
    Dividends(Box<crate::yearend::Preview>),
    Minutes(Box<crate::meeting::Meeting>, Look),
    LoanApplication(Box<loan_papers::LoanPapers>, Look),
    LoanContract(Box<loan_papers::LoanPapers>, Look),
    Guarantee(Box<loan_papers::LoanPapers>, Look),
    Application(Box<membership::MemberPapers>, Look),
    MemberCard(Box<membership::MemberPapers>, Look),
    Regulation(Box<regulation::Regulation>, Look),
    Audit(Box<crate::report::audit_trail::AuditReport>),
    Members(crate::report::members::MemberList),
}

/// A document ready to draw: its model, the letterhead and what it will contain.
pub struct PrintJob {
    letterhead: Letterhead,
    job: Job,
    printed: NaiveDate,
    summary: JobSummary,
    /// The books file the job came from: never a print's output.
    books: Option<PathBuf>,
    replace: bool,
    /// The check code and what it was derived from, recorded by [`finish`].
    issued: crate::checkcode::Issued,
}

impl PrintJob {
    /// What the job will contain.
    pub fn summary(&self) -> &JobSummary {
        &self.summary
    }

    /// The passbook continuation plan, when the job is one.
    pub fn passbook_plan(&self) -> Option<&passbook_continue::Plan> {
        match &self.job {
            Job::PassbookContinue(p) => Some(p),
            _ => None,
        }
    }

    /// Draws the document and writes it to `out` (or a numbered series beside it for a very
    /// large job). Touches no database. `progress` counts and may cancel.
    ///
    /// # Errors
    /// Unwritable output, cancellation; nothing partial is left behind.
    pub fn write(&self, out: &Path, progress: &Progress) -> Result<Printed> {
        common::check_output(out, self.books.as_deref(), self.replace)?;
        let engine = engine()?;
        let lh = &self.letterhead;
        let today = self.printed;
        let one = |mut doc: crate::print::DocBuilder<'_>| -> Result<(Vec<PathBuf>, usize)> {
            common::stamp(&mut doc, lh);
            let pages = doc.page_count();
            progress.start(1);
            doc.write(out).map_err(common::print_error)?;
            let _ = progress.step();
            Ok((vec![out.to_path_buf()], pages))
        };
        let (files, pages) = match &self.job {
            Job::Passbook(h) => one(passbook::document(engine, lh, h, today)?)?,
            Job::PassbookContinue(p) => one(passbook_continue::document(engine, lh, p)?)?,
            Job::Receipts(list) => receipt::write(engine, lh, list, out, progress)?,
            Job::Voucher(v) => one(voucher::document(engine, lh, v, today)?)?,
            Job::Statements(month, list) => {
                let files = statement::write(engine, lh, *month, list, out, today, progress)?;
                (files, list.len().max(1))
            }
            Job::FundReport(r) => one(fund_report::document(engine, lh, &r.0, &r.1, today)?)?,
            Job::Business(r) => one(business::document(engine, lh, r, today)?)?,
            Job::CashBook(cb) => cashbook::write(engine, lh, cb, out, today, progress)?,
            Job::Register(r) => register::write(engine, lh, r, out, today, progress)?,
            Job::YearEnd(y) => one(yearend::statements_document(engine, lh, &y.0, &y.1, today)?)?,
            Job::Dividends(p) => one(yearend::dividends_document(engine, lh, p, today)?)?,
            Job::Minutes(m, look) => one(minutes::document(engine, m, *look)?)?,
            Job::LoanApplication(p, look) => {
                one(loan_papers::application(engine, lh, *look, p, today)?)?
            }
            Job::LoanContract(p, look) => one(loan_papers::contract(engine, lh, *look, p, today)?)?,
            Job::Guarantee(p, look) => one(loan_papers::guarantee(engine, lh, *look, p, today)?)?,
            Job::Application(p, look) => {
                one(membership::application(engine, lh, *look, p, today)?)?
            }
            Job::MemberCard(p, look) => one(membership::card(engine, lh, *look, p)?)?,
            Job::Regulation(r, look) => one(regulation::document(engine, lh, *look, r)?)?,
            Job::Audit(r) => one(audit::document(engine, lh, r, today)?)?,
            Job::Members(l) => one(members::document(engine, lh, l, today)?)?,
        };
        let passbook = self.passbook_plan().map(|p| PassbookPrinted {
            book: p.after.book,
            first_line: p.lines.first().map_or(0, |l| l.line),
            last_line: p.after.line,
            lines: p.lines.len(),
            placement: passbook_continue::placement(p),
            new_book: p.new_book,
            brought_forward: p.lines.iter().any(|l| l.entries > 1),
        });
        Ok(Printed {
            document: self.summary.document.clone(),
            title: self.summary.title.clone(),
            files: files.iter().map(|f| f.display().to_string()).collect(),
            pages,
            passbook,
            check_code: self.issued.code.clone(),
        })
    }
}

/// The figures a document prints, as one value for its check code.
fn content(job: &Job) -> String {
    use crate::checkcode::content_digest as d;
    match job {
        Job::Passbook(h) => d(h),
        Job::PassbookContinue(p) => d(p),
        Job::Receipts(list) => d(list),
        Job::Voucher(v) => d(v),
        Job::Statements(month, list) => d(&(month.to_string(), list)),
        Job::FundReport(r) => d(r),
        Job::Business(r) => d(r),
        Job::CashBook(cb) => d(cb),
        Job::Register(r) => d(r),
        Job::YearEnd(y) => d(&(&y.0, &y.1)),
        Job::Dividends(p) => d(p),
        Job::Minutes(m, _) => d(m),
        Job::LoanApplication(p, _) | Job::LoanContract(p, _) | Job::Guarantee(p, _) => d(p),
        Job::Application(p, _) | Job::MemberCard(p, _) => d(p),
        Job::Regulation(r, _) => d(r),
        Job::Audit(r) => d(r),
        Job::Members(l) => d(l),
    }
}

fn month_of(text: &str) -> Result<YearMonth> {
    if text.trim().is_empty() {
        return Err(Error::invalid("month", "ใส่เดือน เช่น 3/2568 หรือ มี.ค. 2568"));
    }
    thai::parse_month(text).map_err(|e| Error::invalid("month", e.to_string()))
}

/// The accounting year asked for (`2568`), refusing none.
fn year_of(request: &PrintRequest) -> Result<&str> {
    if request.year.trim().is_empty() {
        return Err(Error::invalid("year", "ใส่ปีบัญชี เช่น 2568"));
    }
    Ok(&request.year)
}

/// Refuses a month the books have nothing for: before the group was founded, or not yet begun.
fn check_month(books: &Books, month: YearMonth, today: NaiveDate) -> Result<()> {
    let founded = books.group()?.founded;
    let name = thai::format_month_long(month, thai::Digits::Arabic);
    if month.last_day() < founded {
        return Err(Error::Refused(format!(
            "ยังไม่มีบัญชีในเดือน{name} — กลุ่มตั้งขึ้นเมื่อ {}",
            thai::format_date(founded, thai::Digits::Arabic)
        )));
    }
    if month.first_day() > today {
        return Err(Error::Refused(format!(
            "ยังไม่มีบัญชีในเดือน{name} — ยังไม่ถึงเดือนนั้น (วันนี้ {})",
            thai::format_date(today, thai::Digits::Arabic)
        )));
    }
    Ok(())
}

/// `2568-03`: the พ.ศ. month for file names.
fn be_month(m: YearMonth) -> String {
    format!("{}-{:02}", m.be_year(), m.month)
}

/// Gathers everything `request` needs: the report model and the letterhead, and what the
/// document will contain. Reads only.
///
/// # Errors
/// Thai refusals: unknown document or member, a month with no books, a receipt that does not
/// exist, nothing new for a passbook.
pub fn job(books: &Books, request: &PrintRequest) -> Result<PrintJob> {
    let today = crate::clock::today();
    let letterhead = Letterhead::of(books)?;
    let look = Look::of(&letterhead);
    let document = request.document.trim();
    let (job, summary) = match document {
        "passbook" => {
            let n = crate::member::parse_number("member", "", &request.member)?;
            let h = books.account_history(n, &request.from, &request.to)?;
            let (sajja, deposits) = h
                .lines
                .last()
                .map_or((h.opening_sajja, h.opening_deposits), |l| {
                    (l.sajja_balance, l.deposit_balance)
                });
            let mut lines = vec![
                format!("สมาชิกเลขที่ {n} {}", h.name),
                format!("{} รายการ", h.lines.len()),
                format!(
                    "เงินสัจจะคงเหลือ {} บาท เงินฝากคงเหลือ {} บาท",
                    look.amount(sajja),
                    look.amount(deposits)
                ),
            ];
            if h.has_loans {
                lines.push(format!(
                    "มีเงินกู้: แสดงคอลัมน์ส่งต้น {} และต้นคงเหลือ",
                    letterhead.loan_charge_word
                ));
            }
            let summary = JobSummary::new(
                document,
                format!("{} สมาชิกเลขที่ {n} {}", passbook::TITLE, h.name),
                format!("สมุดคู่ฝาก-A4-สมาชิก-{n}.pdf"),
                lines,
                h.lines.len(),
            );
            (Job::Passbook(h), summary)
        }
        "passbook-continue" => {
            let n = crate::member::parse_number("member", "", &request.member)?;
            let opts = passbook_continue::Options {
                new_book: request.new_book,
                again: request.again,
            };
            let plan = passbook_continue::plan(books.conn(), n, opts, today)?;
            let mut lines = vec![
                format!("สมาชิกเลขที่ {n} {}", plan.name),
                format!(
                    "พิมพ์ {} บรรทัด: {}",
                    plan.lines.len(),
                    passbook_continue::placement(&plan)
                ),
                format!("รายการที่ยังไม่ได้พิมพ์ {} รายการ", plan.pending),
            ];
            if plan.lines.iter().any(|l| l.entries > 1) {
                lines.push("รายการเก่ารวมเป็นบรรทัดยกยอดบรรทัดเดียว".to_string());
            }
            if plan.new_book {
                lines.push(format!(
                    "เริ่มสมุดเล่มใหม่ เล่มที่ {} — ใส่สมุดเล่มใหม่ก่อนพิมพ์",
                    plan.after.book
                ));
            }
            if plan.again {
                lines.push("พิมพ์ซ้ำครั้งก่อน ที่ตำแหน่งเดิม".to_string());
            }
            let first = plan.lines.first().map_or(0, |l| l.line);
            let summary = JobSummary::new(
                document,
                format!("{} สมาชิกเลขที่ {n} {}", passbook_continue::TITLE, plan.name),
                format!(
                    "สมุดคู่ฝาก-สมาชิก-{n}-เล่ม-{}-บรรทัด-{first}.pdf",
                    plan.lines.first().map_or(plan.after.book, |l| l.book)
                ),
                lines,
                plan.lines.len(),
            );
            (Job::PassbookContinue(plan), summary)
        }
        "receipt" | "receipts" => {
            let (list, day) = if !request.receipt.trim().is_empty() {
                (vec![books.receipt_doc(&request.receipt)?], false)
            } else if !request.date.trim().is_empty() {
                (books.receipts_of_day(&request.date)?, true)
            } else {
                return Err(Error::invalid(
                    "receipt",
                    "ใส่เลขที่ใบเสร็จ หรือวันที่เพื่อพิมพ์ใบเสร็จทั้งวัน",
                ));
            };
            let received: crate::Money = list.iter().map(|r| r.received).sum();
            let cancelled = list.iter().filter(|r| r.cancelled.is_some()).count();
            let Some(first) = list.first() else {
                return Err(Error::Refused("ไม่มีใบเสร็จให้พิมพ์".to_string()));
            };
            let mut lines = Vec::new();
            let (title, file_name) = if day {
                lines.push(format!(
                    "ใบเสร็จวันที่ {} จำนวน {} ใบ",
                    thai::format_date(first.date, thai::Digits::Arabic),
                    list.len()
                ));
                (
                    format!(
                        "{} วันที่ {}",
                        receipt::TITLE,
                        thai::format_date(first.date, thai::Digits::Arabic)
                    ),
                    format!("ใบเสร็จ-วันที่-{}.pdf", be_date(first.date)),
                )
            } else {
                lines.push(format!(
                    "ใบเสร็จเลขที่ {} วันที่ {}",
                    first.receipt,
                    thai::format_date(first.date, thai::Digits::Arabic)
                ));
                if !first.member_name.is_empty() {
                    lines.push(format!(
                        "สมาชิกเลขที่ {} {}",
                        first.member.unwrap_or(0),
                        first.member_name
                    ));
                }
                (
                    format!("{} เลขที่ {}", receipt::TITLE, first.receipt),
                    format!("ใบเสร็จ-{}.pdf", first.receipt.replace('/', "-")),
                )
            };
            lines.push(format!(
                "รวมรับ {} บาท",
                crate::thai::format_amount(received.as_decimal())
            ));
            if cancelled > 0 {
                lines.push(format!("ยกเลิกแล้ว {cancelled} ใบ (พิมพ์ประทับคำว่า ยกเลิก)"));
            }
            let summary = JobSummary::new("receipt", title, file_name, lines, list.len());
            (Job::Receipts(list), summary)
        }
        "voucher" => {
            if request.voucher.trim().is_empty() {
                return Err(Error::invalid("voucher", "ใส่เลขที่ใบสำคัญจ่าย เช่น 2568/0001"));
            }
            let v = crate::report::voucher::voucher(books.conn(), &request.voucher)?;
            let title = format!(
                "{} เลขที่ {} วันที่ {}",
                v.title,
                v.voucher,
                thai::format_date(v.date, thai::Digits::Arabic)
            );
            let mut lines = vec![title.clone()];
            if !v.payee.is_empty() {
                lines.push(format!("จ่ายให้ {}", v.payee));
            }
            lines.push(format!(
                "รวมจ่าย {} บาท",
                crate::thai::format_amount(v.amount.as_decimal())
            ));
            let file_name = format!("{}-{}.pdf", v.title, v.voucher.replace('/', "-"));
            let summary = JobSummary::new(document, title, file_name, lines, 1);
            (Job::Voucher(v), summary)
        }
        "statements" => {
            let month = month_of(&request.month)?;
            check_month(books, month, today)?;
            let list = crate::report::statement::statements(books.conn(), month)?;
            let per_file = common::per_file(statement::PER_FILE);
            let files = list.len().div_ceil(per_file).max(1);
            let mut lines = vec![
                format!("สมาชิก {} คน คนละหนึ่งหน้า", list.len()),
                format!(
                    "ค้างชำระ {} คน",
                    list.iter().filter(|s| s.in_arrears).count()
                ),
            ];
            if files > 1 {
                lines.push(format!(
                    "งานใหญ่: แบ่งเป็น {files} ไฟล์ ไฟล์ละไม่เกิน {per_file} หน้า"
                ));
            }
            let summary = JobSummary::of_month(
                document,
                statement::TITLE,
                "รายงานสมาชิก",
                month,
                lines,
                list.len(),
            );
            (Job::Statements(month, list), summary)
        }
        "fund-report" => {
            let month = month_of(&request.month)?;
            check_month(books, month, today)?;
            let r = crate::report::fund::fund_report(books.conn(), month)?;
            let lines = vec![
                format!(
                    "รายรับ {} บาท รายจ่าย {} บาท",
                    thai::format_amount(r.receipts_total.as_decimal()),
                    thai::format_amount(r.payments_total.as_decimal())
                ),
                format!(
                    "เงินสดและเงินฝากธนาคารสิ้นเดือน {} บาท",
                    thai::format_amount((r.cash.closing + r.bank.closing).as_decimal())
                ),
                format!("สมาชิก {} คน", r.members_active),
            ];
            let summary = JobSummary::of_month(
                document,
                fund_report::TITLE,
                "รายงานฐานะการเงิน",
                month,
                lines,
                1,
            );
            let trend =
                crate::report::trend::trend(books.conn(), month, crate::report::trend::MONTHS)?;
            (Job::FundReport(Box::new((r, trend))), summary)
        }
        "cashbook" => {
            let month = month_of(&request.month)?;
            check_month(books, month, today)?;
            let cb = crate::register::cashbook(books.conn(), month)?;
            let lines = vec![
                format!("{} รายการ", cb.lines.len()),
                format!(
                    "เงินสดคงเหลือ {} บาท เงินฝากธนาคาร {} บาท",
                    thai::format_amount(cb.cash.closing.as_decimal()),
                    thai::format_amount(cb.bank.closing.as_decimal())
                ),
            ];
            let summary = JobSummary::of_month(
                document,
                cashbook::TITLE,
                "สมุดเงินสด",
                month,
                lines,
                cb.lines.len(),
            );
            (Job::CashBook(cb), summary)
        }
        "business" => {
            let year = year_of(request)?;
            let r = books.business_report(&request.business, year)?;
            let lines = vec![
                format!(
                    "{} ปีบัญชี {} ({} ถึง {})",
                    r.name,
                    r.year,
                    thai::format_date(r.from, thai::Digits::Arabic),
                    thai::format_date(r.to, thai::Digits::Arabic)
                ),
                format!(
                    "ขาย {} บาท กำไร {} บาท",
                    thai::format_amount(r.totals.sales.as_decimal()),
                    thai::format_amount(r.totals.profit.as_decimal())
                ),
            ];
            let summary = JobSummary::new(
                document,
                format!("{} {} ปีบัญชี {}", business::TITLE, r.name, r.year),
                format!("งบกำไรขาดทุน-{}-{}.pdf", r.name, r.year),
                lines,
                1,
            );
            (Job::Business(Box::new(r)), summary)
        }
        "register" => {
            let year = year_of(request)?;
            let r = books.sajja_register(year)?;
            let founded = books.group()?.founded;
            if r.to < founded || r.from > today {
                return Err(Error::Refused(format!(
                    "ยังไม่มีบัญชีในปีบัญชี {} — กลุ่มตั้งขึ้นเมื่อ {}",
                    r.year,
                    thai::format_date(founded, thai::Digits::Arabic)
                )));
            }
            let lines = vec![
                format!(
                    "ปีบัญชี {} ({} ถึง {})",
                    r.year,
                    thai::format_date(r.from, thai::Digits::Arabic),
                    thai::format_date(r.to, thai::Digits::Arabic)
                ),
                format!("สมาชิก {} คน", r.rows.len()),
                format!(
                    "เงินสัจจะที่ส่งทั้งปี {} บาท",
                    thai::format_amount(r.total.as_decimal())
                ),
            ];
            let summary = JobSummary::new(
                document,
                format!("{} ปีบัญชี {}", register::TITLE, r.year),
                format!("ทะเบียนคุมเงินสัจจะ-{}.pdf", r.year),
                lines,
                r.rows.len(),
            );
            (Job::Register(r), summary)
        }
        "yearend" | "dividends" => {
            let asked = year_of(request)?;
            let preview = books.yearend_preview(asked)?;
            let year = preview.year;
            let status = match &preview.closed {
                Some(c) => format!(
                    "ปิดบัญชีแล้ว ตามมติที่ประชุมใหญ่ {}",
                    thai::format_date(c.meeting_date, thai::Digits::Arabic)
                ),
                None => "ร่าง: ยังไม่ได้ปิดบัญชีประจำปี".to_string(),
            };
            let mut lines = vec![
                format!(
                    "ปีบัญชี {year} ({} ถึง {})",
                    thai::format_date(preview.from, thai::Digits::Arabic),
                    thai::format_date(preview.to, thai::Digits::Arabic)
                ),
                format!(
                    "กำไรสุทธิ {} บาท",
                    thai::format_amount(preview.net_profit.as_decimal())
                ),
                status,
            ];
            if document == "yearend" {
                let span = books.statement_span(asked, "")?;
                let statements = crate::report::yearly::year_statements(books.conn(), span)?;
                lines.push(
                    "งบรายได้–ค่าใช้จ่าย งบแสดงฐานะการเงิน งบรับ–จ่าย งบทดลอง และตารางจัดสรรกำไร".into(),
                );
                let summary = JobSummary::new(
                    document,
                    format!("{} ปีบัญชี {year}", yearend::TITLE),
                    format!("งบการเงิน-{year}.pdf"),
                    lines,
                    1,
                );
                (Job::YearEnd(Box::new((statements, preview))), summary)
            } else {
                lines.push(format!(
                    "สมาชิก {} คน ปันผลรวม {} บาท เฉลี่ยคืนรวม {} บาท",
                    preview.members.len(),
                    thai::format_amount(preview.dividend_paid_out.as_decimal()),
                    thai::format_amount(preview.average_return_paid_out.as_decimal())
                ));
                let summary = JobSummary::new(
                    document,
                    format!("{} ปีบัญชี {year}", yearend::REGISTER_TITLE),
                    format!("ทะเบียนปันผล-เฉลี่ยคืน-{year}.pdf"),
                    lines,
                    preview.members.len(),
                );
                (Job::Dividends(Box::new(preview)), summary)
            }
        }
        "minutes" => {
            if request.meeting.trim().is_empty() {
                return Err(Error::invalid("meeting", "ใส่เลขที่การประชุม เช่น 2568/03"));
            }
            let m = books.meeting(&request.meeting)?;
            let rules = books.settings_at(m.date)?;
            let official = Look {
                digits: rules.official_digits,
                bahttext: rules.bahttext,
            };
            let mut lines = vec![
                format!("{} ครั้งที่ {}", m.kind_label, m.number_label),
                format!(
                    "เมื่อ {} ณ {}",
                    thai::format_date_long(m.date, thai::Digits::Arabic),
                    m.place
                ),
                format!(
                    "ผู้มาประชุม {} คน ผู้ไม่มาประชุม {} คน — {}",
                    m.present.len(),
                    m.absent_count,
                    m.quorum.text
                ),
                format!(
                    "{} เรื่อง ใน 5 ระเบียบวาระ",
                    m.agenda.iter().map(|a| a.items.len()).sum::<usize>()
                ),
            ];
            if !m.closed {
                lines.push("ยังไม่ปิดการประชุม: เวลาและผู้จดรายงานยังว่าง".to_string());
            }
            if let Some(by) = &m.certified_by {
                lines.push(format!("รับรองแล้วในการประชุม {by}"));
            }
            let summary = JobSummary::new(
                document,
                format!("{} ครั้งที่ {}", minutes::TITLE, m.number_label),
                format!("รายงานการประชุม-{}.pdf", m.meeting.replace('/', "-")),
                lines,
                m.present.len(),
            );
            (Job::Minutes(Box::new(m), official), summary)
        }
        "loan-application" => {
            let p = loan_papers::gather_record(books.conn(), &request.loan)?;
            let look = official(books, &letterhead, p.card.summary.applied_on)?;
            let s = &p.card.summary;
            let mut lines = vec![
                format!("คำขอกู้เลขที่ {} {} สมาชิกเลขที่ {}", s.loan, s.name, s.member),
                loan_terms(&look, s),
                format!("สถานะ: {}", s.status_label),
            ];
            lines.extend(guarantors_line(&p));
            let summary = JobSummary::new(
                document,
                format!("{} เลขที่ {}", loan_papers::APPLICATION_TITLE, s.loan),
                format!("คำขอกู้เงิน-{}.pdf", s.loan.replace('/', "-")),
                lines,
                1,
            );
            (Job::LoanApplication(Box::new(p), look), summary)
        }
        "loan-contract" | "guarantee" => {
            let p = loan_papers::gather(books.conn(), &request.loan)?;
            if document == "guarantee" && p.guarantors.is_empty() {
                return Err(Error::Refused(format!(
                    "เงินกู้เลขที่ {} ไม่มีผู้ค้ำประกัน — ไม่มีสัญญาค้ำประกันให้พิมพ์",
                    p.card.summary.loan
                )));
            }
            let look = official(books, &letterhead, p.date.unwrap_or(today))?;
            let s = &p.card.summary;
            let mut lines = vec![
                format!("เงินกู้เลขที่ {} {} สมาชิกเลขที่ {}", s.loan, s.name, s.member),
                loan_terms(&look, s),
            ];
            lines.extend(guarantors_line(&p));
            if p.date.is_none() {
                lines.push("ยังไม่ได้จ่ายเงินกู้: วันที่สัญญาเว้นไว้เขียนด้วยมือ".to_string());
            }
            let (title, file, job) = if document == "loan-contract" {
                (
                    loan_papers::CONTRACT_TITLE,
                    "สัญญากู้เงิน",
                    Job::LoanContract as fn(_, _) -> Job,
                )
            } else {
                lines.push(format!("{} ฉบับ คนละฉบับ", p.guarantors.len()));
                (
                    loan_papers::GUARANTEE_TITLE,
                    "สัญญาค้ำประกัน",
                    Job::Guarantee as fn(_, _) -> Job,
                )
            };
            let summary = JobSummary::new(
                document,
                format!("{title} เงินกู้เลขที่ {}", s.loan),
                format!("{file}-{}.pdf", s.loan.replace('/', "-")),
                lines,
                1,
            );
            (job(Box::new(p), look), summary)
        }
        "application" | "member-card" => {
            let n = crate::member::parse_number("member", "", &request.member)?;
            let p = membership::gather(books.conn(), n)?;
            let look = official(books, &letterhead, p.member.joined)?;
            let m = &p.member;
            let mut lines = vec![
                format!("สมาชิกเลขที่ {n} {}", m.full_name),
                format!(
                    "เป็นสมาชิกตั้งแต่ {} ส่งสัจจะเดือนละ {} หุ้น {} บาท",
                    thai::format_date(m.joined, thai::Digits::Arabic),
                    p.shares,
                    thai::format_amount(p.monthly.as_decimal())
                ),
            ];
            let (title, file, job) = if document == "application" {
                lines.push(format!("ผู้รับผลประโยชน์ {} คน", m.beneficiaries.len()));
                (
                    membership::APPLICATION_TITLE,
                    "ใบสมัครสมาชิก",
                    Job::Application as fn(_, _) -> Job,
                )
            } else {
                (
                    membership::CARD_TITLE,
                    "บัตรสมาชิก",
                    Job::MemberCard as fn(_, _) -> Job,
                )
            };
            let summary = JobSummary::new(
                document,
                format!("{title} สมาชิกเลขที่ {n} {}", m.full_name),
                format!("{file}-{n}.pdf"),
                lines,
                1,
            );
            (job(Box::new(p), look), summary)
        }
        "regulation" => {
            let r = regulation::gather(books.conn(), today)?;
            let look = official(books, &letterhead, today)?;
            let lines = vec![
                format!(
                    "ระเบียบ{} ใช้ตั้งแต่ {}",
                    letterhead.group,
                    thai::format_date(r.adopted, thai::Digits::Arabic)
                ),
                format!(
                    "{} หมวด แก้ไขเพิ่มเติม {} ครั้ง",
                    r.chapters.len(),
                    r.amendments.len()
                ),
            ];
            let summary = JobSummary::new(
                document,
                regulation::TITLE.to_string(),
                format!("ระเบียบกลุ่ม-{}.pdf", be_date(today)),
                lines,
                r.chapters.len(),
            );
            (Job::Regulation(Box::new(r), look), summary)
        }
        "audit" => {
            let r = books.audit_report(&request.from, &request.to)?;
            let period = format!(
                "ตั้งแต่ {} ถึง {}",
                thai::format_date(r.from, thai::Digits::Arabic),
                thai::format_date(r.to, thai::Digits::Arabic)
            );
            let mut lines = vec![period.clone()];
            for s in &r.sections {
                lines.push(format!("{} {} รายการ", s.title, s.lines.len()));
            }
            let summary = JobSummary::new(
                document,
                format!("{} {period}", audit::TITLE),
                format!(
                    "รายงานการตรวจสอบ-{}-ถึง-{}.pdf",
                    be_date(r.from),
                    be_date(r.to)
                ),
                lines,
                r.line_count(),
            );
            (Job::Audit(Box::new(r)), summary)
        }
        "members" => {
            let list = crate::report::members::member_list(books.conn(), today)?;
            let lines = vec![
                format!(
                    "สมาชิก {} คน (เป็นสมาชิก {} คน พ้นสภาพ {} คน)",
                    list.lines.len(),
                    list.active,
                    list.left
                ),
                "เลขประจำตัวประชาชนพิมพ์เฉพาะหลักแรกและหลักสุดท้าย".to_string(),
            ];
            let summary = JobSummary::new(
                document,
                format!(
                    "{} ณ วันที่ {}",
                    members::TITLE,
                    thai::format_date(today, thai::Digits::Arabic)
                ),
                format!("ทะเบียนสมาชิก-{}.pdf", be_date(today)),
                lines,
                list.lines.len(),
            );
            (Job::Members(list), summary)
        }
        other => {
            let names: Vec<&str> = DOCUMENTS.iter().map(|(k, _)| *k).collect();
            return Err(Error::invalid(
                "document",
                format!("ไม่รู้จักเอกสาร \"{other}\" — เลือกได้: {}", names.join(", ")),
            ));
        }
    };
    let mut summary = summary;
    let mut letterhead = letterhead;
    let issued = {
        let (seq, head) = crate::snapshot::chain_head(books.conn())?;
        let content = content(&job);
        let group = books.group()?.id;
        crate::checkcode::Issued {
            code: crate::checkcode::code(&group, seq, &head, &summary.document, &content),
            document: summary.document.clone(),
            title: summary.title.clone(),
            printed_on: today,
            chain_seq: seq,
            chain_head: head,
            content,
        }
    };
    summary.check_code = issued.code.clone();
    summary.lines.push(format!("รหัสตรวจสอบ {}", issued.code));
    letterhead.check_code = issued.code.clone();
    Ok(PrintJob {
        issued,
        letterhead,
        job,
        printed: today,
        summary,
        books: books.path().map(Path::to_path_buf),
        replace: request.replace,
    })
}

/// The look of the group's official documents on `date` (contracts, the application, the
/// regulation): the digits of setting `official_digits`, the group's bahttext.
fn official(books: &Books, letterhead: &Letterhead, date: NaiveDate) -> Result<Look> {
    let rules = books.settings_at(date)?;
    Ok(Look {
        digits: rules.official_digits,
        bahttext: Look::of(letterhead).bahttext,
    })
}

/// `20,000.00 บาท (สองหมื่นบาทถ้วน) 12 งวด ดอกเบี้ยร้อยละ 1 ต่อเดือน`: a loan's terms as its
/// papers' summaries state them.
fn loan_terms(look: &Look, s: &crate::loan::LoanSummary) -> String {
    format!(
        "{} บาท ({}) {} งวด {}ร้อยละ {} ต่อเดือน",
        thai::format_amount(s.amount.as_decimal()),
        look.words(s.amount),
        s.months,
        s.charge_word,
        s.rate
    )
}

/// `ผู้ค้ำประกัน ก, ข` when the loan has guarantors.
fn guarantors_line(p: &loan_papers::LoanPapers) -> Option<String> {
    if p.guarantors.is_empty() {
        return None;
    }
    let names: Vec<&str> = p.guarantors.iter().map(|g| g.full_name.as_str()).collect();
    Some(format!("ผู้ค้ำประกัน {}", names.join(", ")))
}

/// `2568-10-05`: a พ.ศ. date for file names (sorts by date).
fn be_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "{}-{:02}-{:02}",
        thai::be_year(d.year()),
        d.month(),
        d.day()
    )
}

/// Remembers what a written job printed: its check code (with the chain head and the digest
/// of its figures, so `sajja verify --code` can find it), who printed it (`user`, the member
/// number of the user at the keyboard) and, for a passbook, its next free line.
///
/// # Errors
/// The passbook was printed elsewhere since the job was planned.
pub(crate) fn finish(conn: &rusqlite::Connection, job: &PrintJob, user: Option<u32>) -> Result<()> {
    if let Job::PassbookContinue(plan) = &job.job {
        passbook_continue::remember(conn, plan)?;
    }
    crate::checkcode::record(conn, &job.issued)?;
    crate::audit::record_who(
        conn,
        "print",
        &format!("{} — รหัสตรวจสอบ {}", job.summary.title, job.issued.code),
        user,
        None,
    )
}

/// Lends the open books to the print sequence. The CLI opens the file for each step, so
/// nothing is held while a long job draws; the desktop lends the books it has open;
/// [`Books::print`] lends itself.
pub trait BooksAccess {
    fn with_books<T>(&self, f: impl FnOnce(&mut Books) -> Result<T>) -> Result<T>;
}

/// A books file on disk, opened afresh for each step.
impl BooksAccess for Path {
    fn with_books<T>(&self, f: impl FnOnce(&mut Books) -> Result<T>) -> Result<T> {
        f(&mut Books::open(self)?)
    }
}

/// Books already open and borrowed for the whole sequence.
impl BooksAccess for std::cell::RefCell<&mut Books> {
    fn with_books<T>(&self, f: impl FnOnce(&mut Books) -> Result<T>) -> Result<T> {
        f(&mut self.borrow_mut())
    }
}

/// The one print sequence of the CLI, the desktop and [`Books::print`]: gather the figures,
/// choose the output file (`out` sees what the job will contain, e.g. its Thai file name),
/// draw them without holding the books, then record the check code and remember where a
/// passbook was printed up to. If
/// that last step fails the files just written are removed, so a print either happened whole
/// or left nothing behind and the books unchanged.
///
/// # Errors
/// Any refusal of the request, an unwritable output, cancellation, or a passbook printed
/// elsewhere meanwhile.
pub fn print(
    books: &(impl BooksAccess + ?Sized),
    request: &PrintRequest,
    out: impl FnOnce(&JobSummary) -> Result<PathBuf>,
    progress: &Progress,
) -> Result<Printed> {
    let job = books.with_books(|b| b.print_job(request))?;
    let out = out(job.summary())?;
    let printed = job.write(&out, progress)?;
    if let Err(e) = books.with_books(|b| b.finish_print(&job)) {
        for f in &printed.files {
            let _ = std::fs::remove_file(f);
        }
        return Err(e);
    }
    Ok(printed)
}
