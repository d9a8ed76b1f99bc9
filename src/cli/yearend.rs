//! `sajja report …` (the year's statements) and `sajja yearend …` (preview, close, pay).

use std::path::Path;

use clap::{Args, Subcommand};
use sajja_core::report::yearly::Line;
use sajja_core::{Books, Money, Result};

use super::Out;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// งบทดลอง (ก่อนปิดบัญชีประจำปี) เทียบปีก่อน
    TrialBalance(YearAsAt),
    /// บัญชีแยกประเภททั่วไป: ยอดยกมา ทุกรายการ ยอดคงเหลือ ของแต่ละบัญชี
    GeneralLedger(LedgerArgs),
    /// งบรายได้–ค่าใช้จ่าย (ทุนดำเนินการ และทุนค่าใช้สอยแยกกัน) เทียบปีก่อน
    IncomeStatement(YearAsAt),
    /// งบแสดงฐานะการเงิน ณ วันสิ้นปี (หรือวันที่) เทียบปีก่อน
    BalanceSheet(YearAsAt),
    /// งบรับ–จ่าย เงินสดและเงินฝากธนาคาร เทียบปีก่อน
    ReceiptsPayments(YearAsAt),
    /// งบกำไรขาดทุนของธุรกิจกลุ่มหนึ่งธุรกิจ: ขาย ต้นทุนขาย ค่าใช้จ่าย กำไร รายเดือน สินค้าคงเหลือ ลูกหนี้
    Business(super::business::BusinessReportArgs),
    /// รายงานฐานะการเงินประจำเดือน (รายรับ รายจ่าย เงินสด ธนาคาร ทุนสองทุน)
    Fund {
        /// เดือน เช่น 2568-07
        #[arg(long)]
        month: String,
    },
}

#[derive(Args)]
pub struct YearAsAt {
    /// ปีบัญชี (พ.ศ. เช่น 2568 หรือ ค.ศ.)
    #[arg(long)]
    pub year: String,
    /// ณ วันที่ (ภายในปีบัญชี; ค่าเริ่มต้น: วันสิ้นปีบัญชี)
    #[arg(long = "as-at", default_value = "", hide_default_value = true)]
    pub as_at: String,
}

#[derive(Args)]
pub struct LedgerArgs {
    #[command(flatten)]
    pub span: YearAsAt,
    /// เฉพาะบัญชีรหัสนี้ เช่น 1100 (ค่าเริ่มต้น: ทุกบัญชีที่มียอดหรือมีรายการ)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub account: String,
}

#[derive(Subcommand)]
pub enum YearendCommand {
    /// ร่างการจัดสรรกำไร ปันผล และเฉลี่ยคืน (ไม่บันทึกบัญชี)
    Preview {
        /// ปีบัญชี (พ.ศ.)
        #[arg(long)]
        year: String,
        /// ผู้จัดทำ (เลขที่สมาชิก) — บันทึกไว้ ผู้อนุมัติต้องเป็นคนอื่น
        #[arg(long = "prepared-by")]
        prepared_by: Option<String>,
    },
    /// ปิดบัญชีประจำปีตามมติที่ประชุมใหญ่: บันทึกการจัดสรรและล็อกปีบัญชี
    Close {
        /// ปีบัญชี (พ.ศ.)
        #[arg(long)]
        year: String,
        /// การประชุมใหญ่ที่อนุมัติ (เลขที่การประชุม เช่น 2569/01; สามัญประจำปีหรือวิสามัญ) — บันทึกไว้กับการปิดบัญชี
        #[arg(long, required_unless_present = "meeting_date")]
        meeting: Option<String>,
        /// วันประชุมใหญ่ที่อนุมัติ (เมื่อไม่ได้บันทึกการประชุมไว้ในโปรแกรม)
        #[arg(long = "meeting-date")]
        meeting_date: Option<String>,
        /// ผู้อนุมัติ (เลขที่สมาชิก ต้องไม่ใช่ผู้จัดทำ)
        #[arg(long = "approved-by")]
        approved_by: String,
        /// ผู้จัดทำ (เลขที่สมาชิก) ถ้ายังไม่ได้บันทึกตอนร่าง
        #[arg(long = "prepared-by", default_value = "", hide_default_value = true)]
        prepared_by: String,
    },
    /// จ่ายปันผลและเฉลี่ยคืนของปีที่ปิดแล้ว
    Pay(PayArgs),
}

#[derive(Args)]
pub struct PayArgs {
    /// ปีบัญชี (พ.ศ.)
    #[arg(long)]
    year: String,
    /// เลขที่สมาชิก
    #[arg(long, conflicts_with = "all", required_unless_present = "all")]
    member: Option<u32>,
    /// ทุกคนที่ยังไม่ได้รับ
    #[arg(long)]
    all: bool,
    /// cash (เงินสด), savings (เข้าเงินสัจจะ) หรือ deposit (เข้าเงินฝาก)
    #[arg(long)]
    to: String,
    /// วันที่จ่าย (ค่าเริ่มต้น: วันนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
}

/// One account on a statement: code, name and two amounts side by side (this year and the
/// previous, or debit and credit).
fn account_row(code: &str, name: &str, left: Money, right: Money) -> String {
    format!(
        "  {:<6} {:<44} {:>16} {:>16}\n",
        code,
        name,
        left.grouped(),
        right.grouped()
    )
}

fn lines_text(title: &str, lines: &[Line]) -> String {
    let mut s = format!("{title}\n");
    for l in lines {
        s += &account_row(&l.code, &l.name, l.amount, l.previous);
    }
    s
}

fn ledger_text(g: &sajja_core::report::general_ledger::GeneralLedger) -> String {
    let mut s = format!(
        "บัญชีแยกประเภททั่วไป ปีบัญชี {} ({} – {})\n",
        g.year,
        super::thai_date(g.from),
        super::thai_date(g.to)
    );
    for a in &g.accounts {
        s += &format!(
            "\n{} {}\n  ยอดยกมา {:>58}\n",
            a.code,
            a.name,
            a.opening.grouped()
        );
        for l in &a.lines {
            s += &format!(
                "  {:<10} {:<10} {:<34} {:>14} {:>14} {:>16}\n",
                super::thai_date(l.date),
                l.receipt.as_deref().unwrap_or(""),
                l.memo.chars().take(34).collect::<String>(),
                l.debit.grouped(),
                l.credit.grouped(),
                l.balance.grouped()
            );
        }
        s += &format!(
            "  รวม {:>62} {:>14}\n  ยอดคงเหลือ {:>56}\n",
            a.total_debit.grouped(),
            a.total_credit.grouped(),
            a.closing.grouped()
        );
    }
    s
}

fn header(span: &sajja_core::report::yearly::Span, what: &str) -> String {
    format!(
        "{what} ปีบัญชี {} ({} – {})   เทียบ {} – {}\n",
        span.year,
        super::thai_date(span.from),
        super::thai_date(span.to),
        super::thai_date(span.previous_from),
        super::thai_date(span.previous_to)
    )
}

pub fn report(path: &Path, c: &ReportCommand, out: Out) -> Result<()> {
    if let ReportCommand::Business(a) = c {
        return super::business::report(path, a, out);
    }
    let books = Books::open(path)?;
    match c {
        ReportCommand::Business(_) => Ok(()),
        ReportCommand::Fund { month } => {
            let r = books.fund_report(month)?;
            out.print(&r, || {
                let mut s = format!("รายงานฐานะการเงินประจำเดือน {}\n", r.month);
                for l in r.receipts.iter().chain(&r.payments) {
                    s += &format!("  {:<44} {:>16}\n", l.label, l.amount.grouped());
                }
                s + &format!(
                    "  รวมรับ {} รวมจ่าย {} เงินสดคงเหลือ {} เงินฝากธนาคารคงเหลือ {}",
                    r.receipts_total.grouped(),
                    r.payments_total.grouped(),
                    r.cash.closing.grouped(),
                    r.bank.closing.grouped()
                )
            })
        }
        ReportCommand::TrialBalance(a) => {
            let t = books.trial_balance(&a.year, &a.as_at)?;
            out.print(&t, || {
                let mut s = header(&t.span, "งบทดลอง");
                for r in &t.rows {
                    s += &account_row(&r.code, &r.name, r.debit, r.credit);
                }
                s + &format!(
                    "  รวม {:>66} {:>16}",
                    t.total_debit.grouped(),
                    t.total_credit.grouped()
                )
            })
        }
        ReportCommand::GeneralLedger(a) => {
            let g = books.general_ledger(&a.span.year, &a.span.as_at, &a.account)?;
            out.print(&g, || ledger_text(&g))
        }
        ReportCommand::IncomeStatement(a) => {
            let i = books.income_statement(&a.year, &a.as_at)?;
            out.print(&i, || {
                header(&i.span, "งบรายได้–ค่าใช้จ่าย")
                    + &lines_text("ทุนดำเนินการ: รายได้", &i.operating.income)
                    + &lines_text("ทุนดำเนินการ: ค่าใช้จ่าย", &i.operating.expenses)
                    + &format!(
                        "กำไร(ขาดทุน)สุทธิ {} (ปีก่อน {})\n",
                        i.net_profit.grouped(),
                        i.previous_net_profit.grouped()
                    )
                    + &lines_text("ทุนค่าใช้สอย: รับ", &i.expense_fund.income)
                    + &lines_text("ทุนค่าใช้สอย: จ่าย", &i.expense_fund.expenses)
            })
        }
        ReportCommand::BalanceSheet(a) => {
            let b = books.balance_sheet(&a.year, &a.as_at)?;
            out.print(&b, || {
                header(&b.span, "งบแสดงฐานะการเงิน")
                    + &lines_text("สินทรัพย์", &b.assets)
                    + &format!("รวมสินทรัพย์ {}\n", b.total_assets.grouped())
                    + &lines_text("หนี้สิน", &b.liabilities)
                    + &lines_text("ทุนดำเนินการ", &b.operating_capital)
                    + &format!("ทุนค่าใช้สอย {}\n", b.expense_fund.grouped())
                    + &format!("รวมหนี้สินและทุน {}", b.total_liabilities_and_funds.grouped())
            })
        }
        ReportCommand::ReceiptsPayments(a) => {
            let r = books.receipts_payments(&a.year, &a.as_at)?;
            out.print(&r, || {
                header(&r.span, "งบรับ–จ่าย")
                    + &format!("ยอดยกมา {}\n", r.opening.grouped())
                    + &lines_text("รับ", &r.receipts)
                    + &lines_text("จ่าย", &r.payments)
                    + &format!("ยอดคงเหลือ {}", r.closing.grouped())
            })
        }
    }
}

fn preview_text(p: &sajja_core::yearend::Preview) -> String {
    let mut s = format!(
        "ปีบัญชี {}: รายได้ {}  ค่าใช้จ่าย {}  กำไรสุทธิ {}\n",
        p.year,
        p.operating_income.grouped(),
        p.operating_expenses.grouped(),
        p.net_profit.grouped()
    );
    for a in &p.allocation {
        s += &format!(
            "  {:<36} {:>6}%  {:>14}\n",
            a.label,
            a.percent,
            a.amount.grouped()
        );
    }
    s += &format!(
        "เศษจากการปัดเข้าทุนสำรอง {}   ปันผลคิดเป็นร้อยละ {} ต่อปี\n",
        p.residual.grouped(),
        p.dividend_rate
    );
    let with_purchases = p.members.iter().any(|m| !m.purchase_return.is_zero());
    for m in &p.members {
        // The purchase-based return's column, when the regulation has one this year.
        let bought = if with_purchases {
            format!(" {:>12}", m.purchase_return.grouped())
        } else {
            String::new()
        };
        s += &format!(
            "  {:>5} {:<36} {:>14} {:>12} {:>12}{bought} {}\n",
            m.member,
            m.name,
            m.weight.grouped(),
            m.dividend.grouped(),
            m.average_return.grouped(),
            m.excluded
        );
    }
    if let Some(c) = &p.closed {
        s += &format!(
            "ปิดบัญชีแล้ว ตามมติที่ประชุมใหญ่ {}{} อนุมัติโดยสมาชิกเลขที่ {}",
            super::thai_date(c.meeting_date),
            c.meeting_label
                .as_ref()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default(),
            c.approved_by
        );
    } else if !p.months_open.is_empty() {
        s += &format!("ยังไม่ได้ปิดเดือน: {}", p.months_open.join(", "));
    }
    s
}

pub fn yearend(path: &Path, c: &YearendCommand, out: Out) -> Result<()> {
    let mut books = Books::open(path)?;
    match c {
        YearendCommand::Preview { year, prepared_by } => {
            let p = match prepared_by {
                Some(who) => books.yearend_prepare(year, who)?,
                None => books.yearend_preview(year)?,
            };
            out.print(&p, || preview_text(&p))
        }
        YearendCommand::Close {
            year,
            meeting,
            meeting_date,
            approved_by,
            prepared_by,
        } => {
            let p = books.yearend_close(
                year,
                meeting.as_deref().unwrap_or(""),
                meeting_date.as_deref().unwrap_or(""),
                approved_by,
                prepared_by,
            )?;
            out.print(&p, || {
                format!(
                    "ปิดบัญชีปี {} แล้ว: กำไรสุทธิ {} บาท ปันผล {} บาท เฉลี่ยคืน {} บาท เศษเข้าทุนสำรอง {} บาท",
                    p.year,
                    p.net_profit.grouped(),
                    p.dividend_paid_out.grouped(),
                    p.average_return_paid_out.grouped(),
                    p.residual.grouped()
                )
            })
        }
        YearendCommand::Pay(a) => {
            let member = if a.all { None } else { a.member };
            let paid = books.yearend_pay(&a.year, member, &a.to, &a.date)?;
            out.print(&paid, || {
                let total: Money = paid.total;
                format!(
                    "จ่ายปันผลและเฉลี่ยคืนปี {} แล้ว {} คน รวม {} บาท",
                    paid.year,
                    paid.members.len(),
                    total.grouped()
                )
            })
        }
    }
}
