//! `sajja loan …`: loan products, application → approval → payout, repayment, the loan card,
//! schedules, arrears, restructure and write-off. Loans are named by contract number
//! ("2568/007") or UUID.

use std::path::Path;

use clap::{Args, Subcommand};
use sajja_core::loan::{
    GuarantorChange, LoanApplication, LoanCard, LoanDecision, LoanDisbursement, LoanFilter,
    LoanProductInput, LoanRepaymentInput, RestructureInput,
};
use sajja_core::{Money, Result};

use super::Out;

#[derive(Subcommand)]
pub enum LoanCommand {
    /// ประเภทเงินกู้ของกลุ่ม
    #[command(subcommand)]
    Product(ProductCommand),
    /// ยื่นคำขอกู้ (ตรวจวงเงิน ผู้ค้ำ และอัตราดอกเบี้ยตามกฎหมาย)
    Apply(ApplyArgs),
    /// คณะกรรมการอนุมัติคำขอกู้
    Approve(DecisionArgs),
    /// คณะกรรมการไม่อนุมัติคำขอกู้ (ต้องมีเหตุผล)
    Reject(DecisionArgs),
    /// จ่ายเงินกู้ที่อนุมัติแล้ว
    Disburse(DisburseArgs),
    /// ส่งเงินกู้นอกวันรับเงิน (ปกติรับในแถวของวันรับเงิน: sajja collect --loan-payment)
    Repay(RepayArgs),
    /// ตารางผ่อนชำระตามสัญญา พร้อมอัตราดอกเบี้ยต่อปี
    Schedule(LoanArg),
    /// บัตรลูกหนี้: สัญญา ตารางผ่อน การชำระทุกครั้ง ยอดคงเหลือ
    Show(ShowArgs),
    /// รายการสัญญาเงินกู้
    List(ListArgs),
    /// ลูกหนี้ค้างชำระ แยกตามอายุหนี้
    Arrears(DateArg),
    /// ยอดเงินกู้ที่ต้องชำระในวันรับเงิน
    Due(DueArgs),
    /// เงินกู้และการค้ำประกันของสมาชิกหนึ่งคน
    Member(MemberArgs),
    /// ปรับโครงสร้างหนี้: ยื่นคำขอสัญญาใหม่สำหรับเงินต้นคงเหลือ (แล้วอนุมัติและจ่ายเหมือนเงินกู้ใหม่)
    Restructure(RestructureArgs),
    /// ตัดเป็นหนี้สูญ (คณะกรรมการอนุมัติ ต้องมีเหตุผล)
    WriteOff(DecisionArgs),
    /// ผู้ค้ำประกัน: สัญญาที่ทำให้ยังพ้นสภาพไม่ได้ เปลี่ยนผู้ค้ำ หรือมติให้พ้นจากการค้ำ
    #[command(subcommand)]
    Guarantor(GuarantorCommand),
}

#[derive(Subcommand)]
pub enum GuarantorCommand {
    /// สัญญาที่สมาชิกค้ำอยู่และยังผ่อนไม่หมด (ต้องแก้ก่อนจึงลาออกพร้อมรับเงินคืนได้)
    Blocking(MemberArgs),
    /// สมาชิกอื่นค้ำประกันแทน (มติคณะกรรมการ บันทึกไว้ในบัตรลูกหนี้)
    Replace(GuarantorArgs),
    /// คณะกรรมการมีมติให้ผู้ค้ำพ้นจากการค้ำประกัน (ต้องมีเหตุผล)
    Release(GuarantorArgs),
}

#[derive(Args)]
pub struct GuarantorArgs {
    #[arg(long)]
    loan: String,
    /// เลขที่สมาชิกของผู้ค้ำที่จะพ้นจากการค้ำ
    #[arg(long)]
    member: String,
    /// เลขที่สมาชิกของผู้ค้ำคนใหม่ (เฉพาะ replace)
    #[arg(long, default_value = "", hide_default_value = true)]
    with: String,
    /// เลขที่สมาชิกของกรรมการผู้บันทึกมติ
    #[arg(long)]
    by: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
    /// การประชุมคณะกรรมการ เช่น "ครั้งที่ 3/2568"
    #[arg(long, default_value = "", hide_default_value = true)]
    meeting: String,
    /// เหตุผล (จำเป็นสำหรับ release)
    #[arg(long, default_value = "", hide_default_value = true)]
    reason: String,
}

#[derive(Subcommand)]
pub enum ProductCommand {
    /// เพิ่มประเภทเงินกู้
    Add(Box<ProductArgs>),
    /// รายการประเภทเงินกู้
    List,
}

#[derive(Args)]
pub struct ProductArgs {
    /// รหัสสั้น ๆ เช่น A
    #[arg(long)]
    code: String,
    #[arg(long)]
    name: String,
    /// อัตราดอกเบี้ยร้อยละต่อเดือน เช่น 1 หรือ 0.75
    #[arg(long)]
    rate: String,
    /// declining-equal-principal | declining-annuity | flat | interest-only
    #[arg(long)]
    method: String,
    #[arg(long = "max-months")]
    max_months: String,
    #[arg(long = "max-amount", default_value = "", hide_default_value = true)]
    max_amount: String,
    /// กู้ได้ไม่เกินกี่เท่าของเงินสัจจะสะสม
    #[arg(
        long = "max-times-savings",
        default_value = "",
        hide_default_value = true
    )]
    max_times_savings: String,
    /// ยอดกู้เกินเท่านี้ต้องมีผู้ค้ำ
    #[arg(
        long = "guarantors-above",
        default_value = "",
        hide_default_value = true
    )]
    guarantors_above: String,
    /// จำนวนผู้ค้ำที่ต้องมี (ค่าเริ่มต้น 1)
    #[arg(long = "guarantors", default_value = "", hide_default_value = true)]
    guarantors: String,
    /// ประเภท เช่น สามัญ ฉุกเฉิน เพื่อการผลิต (ค่าเริ่มต้น: ชื่อ)
    #[arg(long, default_value = "", hide_default_value = true)]
    kind: String,
    /// สมาชิกกู้ประเภทนี้ได้หลายสัญญาพร้อมกัน
    #[arg(long)]
    multiple: bool,
    /// ดอกเบี้ย หรือ ค่าบำรุง (ค่าเริ่มต้น: ตามระเบียบกลุ่ม)
    #[arg(long = "charge-word", default_value = "", hide_default_value = true)]
    charge_word: String,
}

#[derive(Args)]
pub struct ApplyArgs {
    #[arg(long)]
    member: String,
    #[arg(long)]
    product: String,
    #[arg(long)]
    amount: String,
    #[arg(long)]
    months: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
    #[command(flatten)]
    terms: TermsArgs,
}

/// What a loan application (a new loan or a restructure) says besides the money: guarantors,
/// purpose, the confirmed rate and who recorded it.
#[derive(Args)]
pub struct TermsArgs {
    /// เลขที่สมาชิกผู้ค้ำ (ใส่ได้หลายครั้ง)
    #[arg(long = "guarantor")]
    guarantors: Vec<String>,
    #[arg(long, default_value = "", hide_default_value = true)]
    purpose: String,
    /// ยืนยันอัตราดอกเบี้ยที่เกินร้อยละ 15 ต่อปี (บันทึกไว้กับสัญญา)
    #[arg(long = "confirm-rate")]
    confirm_rate: bool,
    /// เลขที่สมาชิกของผู้บันทึกคำขอ (จะเป็นผู้อนุมัติไม่ได้)
    #[arg(long = "recorded-by", default_value = "", hide_default_value = true)]
    recorded_by: String,
}

#[derive(Args)]
pub struct DecisionArgs {
    #[arg(long)]
    loan: String,
    /// เลขที่สมาชิกของกรรมการผู้อนุมัติ
    #[arg(long)]
    by: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
    /// การประชุมคณะกรรมการ เช่น "ครั้งที่ 3/2568"
    #[arg(long, default_value = "", hide_default_value = true)]
    meeting: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    reason: String,
}

#[derive(Args)]
pub struct DisburseArgs {
    #[arg(long)]
    loan: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
    /// cash | bank
    #[arg(long, default_value = "cash")]
    from: String,
}

#[derive(Args)]
pub struct RepayArgs {
    #[arg(long)]
    loan: String,
    #[arg(long)]
    amount: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
    /// cash | bank
    #[arg(long, default_value = "cash")]
    to: String,
}

#[derive(Args)]
pub struct LoanArg {
    #[arg(long)]
    loan: String,
}

#[derive(Args)]
pub struct ShowArgs {
    #[arg(long)]
    loan: String,
    /// ยอด ณ วันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
}

#[derive(Args)]
pub struct ListArgs {
    #[arg(long, default_value = "", hide_default_value = true)]
    member: String,
    /// applied | approved | active | closed | rejected | restructured | written_off | open
    #[arg(long, default_value = "", hide_default_value = true)]
    status: String,
}

#[derive(Args)]
pub struct DateArg {
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
}

#[derive(Args)]
pub struct DueArgs {
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
    #[arg(long)]
    member: Option<u32>,
}

#[derive(Args)]
pub struct MemberArgs {
    #[arg(long)]
    member: u32,
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
}

#[derive(Args)]
pub struct RestructureArgs {
    #[arg(long)]
    loan: String,
    #[arg(long)]
    months: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
    /// ประเภทเงินกู้ของสัญญาใหม่ (ค่าเริ่มต้น: ประเภทเดิม)
    #[arg(long, default_value = "", hide_default_value = true)]
    product: String,
    #[command(flatten)]
    terms: TermsArgs,
}

pub fn run(path: &Path, c: &LoanCommand, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    match c {
        LoanCommand::Product(ProductCommand::Add(a)) => {
            let p = books.add_loan_product(&LoanProductInput {
                code: a.code.clone(),
                name: a.name.clone(),
                kind: a.kind.clone(),
                rate: a.rate.clone(),
                method: a.method.clone(),
                max_months: a.max_months.clone(),
                max_amount: a.max_amount.clone(),
                max_times_savings: a.max_times_savings.clone(),
                guarantors_above: a.guarantors_above.clone(),
                guarantors_required: a.guarantors.clone(),
                multiple_allowed: a.multiple,
                charge_word: a.charge_word.clone(),
            })?;
            out.print(&p, || {
                let mut s = format!(
                    "เพิ่มประเภทเงินกู้ {} \"{}\" แล้ว: ร้อยละ {} ต่อเดือน ({} ต่อปี) {}",
                    p.code, p.name, p.rate, p.yearly_rate, p.method_label
                );
                if p.above_legal_cap {
                    s += &format!(
                        "\nคำเตือน: กู้ 12 เดือนด้วยประเภทนี้ อัตราที่แท้จริงเท่ากับร้อยละ {} ต่อปี เกินร้อยละ 15 ที่กฎหมายกำหนด ทุกสัญญาต้องยืนยันอัตราดอกเบี้ย",
                        p.example_nominal_annual_rate
                    );
                }
                s
            })
        }
        LoanCommand::Product(ProductCommand::List) => {
            let list = books.loan_products()?;
            out.print(&list, || {
                let mut s = format!(
                    "{:<6} {:<24} {:>8} {:<34} {:>6} {:>14}\n",
                    "รหัส", "ชื่อ", "%/เดือน", "วิธีคิดดอกเบี้ย", "งวด", "วงเงินสูงสุด"
                );
                for p in &list {
                    s += &format!(
                        "{:<6} {:<24} {:>8} {:<34} {:>6} {:>14}\n",
                        p.code,
                        p.name,
                        p.rate,
                        p.method_label,
                        p.max_months,
                        p.max_amount.map(|m| m.grouped()).unwrap_or("-".into())
                    );
                }
                s + &format!("รวม {} ประเภท", list.len())
            })
        }
        LoanCommand::Apply(a) => {
            let card = books.apply_loan(&LoanApplication {
                member: a.member.clone(),
                product: a.product.clone(),
                amount: a.amount.clone(),
                months: a.months.clone(),
                date: a.date.clone(),
                guarantors: a.terms.guarantors.clone(),
                purpose: a.terms.purpose.clone(),
                confirm_rate: a.terms.confirm_rate,
                recorded_by: a.terms.recorded_by.clone(),
            })?;
            print_card(out, &card, "รับคำขอกู้")
        }
        LoanCommand::Approve(a) => {
            let card = books.approve_loan(&decision(a))?;
            print_card(out, &card, "อนุมัติ")
        }
        LoanCommand::Reject(a) => {
            let card = books.reject_loan(&decision(a))?;
            print_card(out, &card, "ไม่อนุมัติ")
        }
        LoanCommand::Disburse(a) => {
            let card = books.disburse_loan(&LoanDisbursement {
                loan: a.loan.clone(),
                date: a.date.clone(),
                from: a.from.clone(),
            })?;
            let voucher = books.voucher_of_loan_payout(&card.summary.id)?;
            if out.json {
                return out.print(&super::with_voucher(&card, voucher), String::new);
            }
            print_card(out, &card, "จ่ายเงินกู้")?;
            println!("ใบสำคัญจ่ายเลขที่ {}", voucher.as_deref().unwrap_or("-"));
            Ok(())
        }
        LoanCommand::Repay(a) => {
            let (entry, split) = books.repay_loan(&LoanRepaymentInput {
                loan: a.loan.clone(),
                date: a.date.clone(),
                amount: a.amount.clone(),
                to: a.to.clone(),
            })?;
            let value = serde_json::json!({ "entry": entry, "loan_payment": split });
            out.print(&value, || {
                let mut s = format!(
                    "ส่งเงินกู้สัญญา {} รวม {} บาท: ค่าปรับ {} {} {} เงินต้น {}",
                    split.loan,
                    amount(split.total),
                    amount(split.fines),
                    split.charge_word,
                    amount(split.interest),
                    amount(split.principal)
                );
                for l in split.loans.iter().filter(|l| l.closed) {
                    s += &format!("\nสัญญา {} ชำระครบแล้ว", l.loan);
                }
                s
            })
        }
        LoanCommand::Schedule(a) => {
            let v = books.loan_schedule(&a.loan)?;
            out.print(&v, || {
                let mut s = format!(
                    "ตารางผ่อนชำระสัญญา {}: {} บาท {} งวด ร้อยละ {} ต่อเดือน {}\n",
                    v.loan,
                    amount(v.amount),
                    v.months,
                    v.rate,
                    v.method_label
                );
                if v.provisional_dates {
                    s += "(ยังไม่จ่ายเงิน วันครบกำหนดนับจากวันยื่นคำขอ)\n";
                }
                s += &format!(
                    "{:>4}  {:<14} {:>12} {:>12} {:>12} {:>14}\n",
                    "งวด", "ครบกำหนด", "เงินต้น", v.charge_word, "รวม", "ต้นคงเหลือ"
                );
                for i in &v.installments {
                    s += &format!(
                        "{:>4}  {:<14} {:>12} {:>12} {:>12} {:>14}\n",
                        i.no,
                        super::thai_date(i.due),
                        amount(i.principal),
                        amount(i.interest),
                        amount(i.total),
                        amount(i.balance)
                    );
                }
                s += &format!(
                    "รวม{} {} บาท รวมชำระ {} บาท\nอัตราต่อปี: ร้อยละ {} (อัตราตามสัญญา) / ร้อยละ {} (แบบทบต้น)",
                    v.charge_word,
                    amount(v.total_interest),
                    amount(v.total_payments),
                    v.nominal_annual_rate,
                    v.effective_annual_rate
                );
                if let Some(w) = &v.legal_warning {
                    s += &format!("\nคำเตือน: {w}");
                }
                if let Some(why) = &v.legal_why {
                    s += &format!("\n  {why}");
                }
                s
            })
        }
        LoanCommand::Show(a) => {
            let card = books.loan(&a.loan, &a.date)?;
            print_card(out, &card, "")
        }
        LoanCommand::List(a) => {
            let rows = books.loans(&LoanFilter {
                member: a.member.clone(),
                status: a.status.clone(),
            })?;
            out.print(&rows, || {
                let mut s = format!(
                    "{:<10} {:>6}  {:<30} {:<6} {:>12} {:>12}  {}\n",
                    "สัญญา", "เลขที่", "ผู้กู้", "ประเภท", "ยอดกู้", "คงเหลือ", "สถานะ"
                );
                for r in &rows {
                    s += &format!(
                        "{:<10} {:>6}  {:<30} {:<6} {:>12} {:>12}  {}\n",
                        r.loan,
                        r.member,
                        r.name,
                        r.product,
                        amount(r.amount),
                        amount(r.balance),
                        r.status_label
                    );
                }
                s + &format!("รวม {} สัญญา", rows.len())
            })
        }
        LoanCommand::Arrears(a) => {
            let list = books.loan_arrears(&a.date)?;
            out.print(&list, || {
                let mut s = format!("ลูกหนี้ค้างชำระ ณ {}\n", super::thai_date(list.date));
                for b in &list.buckets {
                    s += &format!("  {}: {} สัญญา {} บาท\n", b.label, b.loans, amount(b.total));
                }
                s += &format!(
                    "{:<10} {:>6}  {:<30} {:>12} {:>10} {:>8} {:>12}  {:<16} {}\n",
                    "สัญญา", "เลขที่", "ผู้กู้", "ค้างต้น", "ค้างดอก", "ค่าปรับ", "รวมค้าง", "อายุหนี้", "ผู้ค้ำ"
                );
                for r in &list.loans {
                    let guarantors: Vec<String> = r
                        .guarantors
                        .iter()
                        .map(|g| format!("{} {}", g.member, g.name))
                        .collect();
                    s += &format!(
                        "{:<10} {:>6}  {:<30} {:>12} {:>10} {:>8} {:>12}  {:<16} {}\n",
                        r.loan,
                        r.member,
                        r.name,
                        amount(r.overdue_principal),
                        amount(r.overdue_interest),
                        amount(r.fines),
                        amount(r.total),
                        r.bucket_label,
                        guarantors.join(", ")
                    );
                }
                s + &format!(
                    "ค้างชำระ {} สัญญา รวม {} บาท (เงินต้นคงเหลือของสัญญาเหล่านี้ {} บาท)",
                    list.loans.len(),
                    amount(list.total),
                    amount(list.balance)
                )
            })
        }
        LoanCommand::Due(a) => {
            let mut dues: Vec<sajja_core::loan::LoanDue> = match a.member {
                Some(n) => vec![books.member_loans(n, &a.date)?.due],
                None => books.loan_dues(&a.date)?.into_values().collect(),
            };
            dues.retain(|d| !d.loans.is_empty());
            dues.sort_by(|x, y| x.loans.cmp(&y.loans));
            let total: Money = dues.iter().map(|d| d.total).sum();
            let value = serde_json::json!({ "dues": dues, "total": total });
            out.print(&value, || {
                let mut s = format!(
                    "{:<22} {:>12} {:>12} {:>10} {:>12} {:>14}\n",
                    "สัญญา", "งวดนี้", "ค้างชำระ", "ค่าปรับ", "รวม", "ปิดบัญชี"
                );
                for d in &dues {
                    s += &format!(
                        "{:<22} {:>12} {:>12} {:>10} {:>12} {:>14}{}\n",
                        d.loans.join(","),
                        amount(d.installment),
                        amount(d.arrears),
                        amount(d.fines),
                        amount(d.total),
                        amount(d.payoff),
                        if d.in_arrears {
                            "  ⚠ ค้างชำระ"
                        } else {
                            ""
                        }
                    );
                }
                s + &format!("รวมต้องชำระ {} บาท", amount(total))
            })
        }
        LoanCommand::Member(a) => {
            let m = books.member_loans(a.member, &a.date)?;
            out.print(&m, || {
                let mut s = format!("สมาชิกเลขที่ {} {}", m.member, m.name);
                if m.in_arrears {
                    s += "  ⚠ ค้างชำระเงินกู้";
                }
                s += &format!("\nเงินสัจจะสะสม {} บาท\nเงินกู้:", amount(m.savings));
                for l in &m.loans {
                    s += &format!(
                        "\n  {} {} ยอดกู้ {} คงเหลือ {} ({})",
                        l.loan,
                        l.product,
                        amount(l.amount),
                        amount(l.balance),
                        l.status_label
                    );
                }
                s += &format!(
                    "\nต้องชำระเดือนนี้ {} บาท (ยอดปิดสัญญา {} บาท)\nค้ำประกัน (รวม {} บาท):",
                    amount(m.due.total),
                    amount(m.due.payoff),
                    amount(m.guaranteed_total)
                );
                for g in &m.guarantees {
                    s += &format!(
                        "\n  {} ของ {} {} คงเหลือ {} ({}){}",
                        g.loan,
                        g.borrower,
                        g.name,
                        amount(g.balance),
                        g.status_label,
                        if g.in_arrears {
                            "  ⚠ ผู้กู้ค้างชำระ"
                        } else {
                            ""
                        }
                    );
                }
                s
            })
        }
        LoanCommand::Restructure(a) => {
            let card = books.restructure_loan(&RestructureInput {
                loan: a.loan.clone(),
                date: a.date.clone(),
                months: a.months.clone(),
                product: a.product.clone(),
                guarantors: a.terms.guarantors.clone(),
                purpose: a.terms.purpose.clone(),
                confirm_rate: a.terms.confirm_rate,
                recorded_by: a.terms.recorded_by.clone(),
            })?;
            print_card(out, &card, "รับคำขอปรับโครงสร้างหนี้")
        }
        LoanCommand::WriteOff(a) => {
            let card = books.write_off_loan(&decision(a))?;
            print_card(out, &card, "ตัดหนี้สูญ")
        }
        LoanCommand::Guarantor(GuarantorCommand::Blocking(a)) => {
            let list = books.blocking_guarantees(a.member, &a.date)?;
            out.print(&list, || {
                if list.is_empty() {
                    return format!(
                        "สมาชิกเลขที่ {} ไม่ได้ค้ำประกันสัญญาที่ยังผ่อนอยู่ — พ้นสภาพได้",
                        a.member
                    );
                }
                let mut s = format!(
                    "สมาชิกเลขที่ {} ค้ำประกันสัญญาที่ยังผ่อนอยู่ {} สัญญา (ต้องชำระครบ หาผู้ค้ำแทน หรือมีมติให้พ้นจากการค้ำก่อนพ้นสภาพ):",
                    a.member,
                    list.len()
                );
                for l in &list {
                    s += &format!(
                        "\n  {} ของ {} {} คงเหลือ {} บาท",
                        l.loan,
                        l.borrower,
                        l.name,
                        amount(l.balance)
                    );
                }
                s
            })
        }
        LoanCommand::Guarantor(GuarantorCommand::Replace(a)) => {
            let card = books.replace_guarantor(&guarantor_change(a))?;
            print_card(out, &card, "เปลี่ยนผู้ค้ำประกัน")
        }
        LoanCommand::Guarantor(GuarantorCommand::Release(a)) => {
            let card = books.release_guarantor(&guarantor_change(a))?;
            print_card(out, &card, "บันทึกมติให้ผู้ค้ำพ้นจากการค้ำประกัน")
        }
    }
}

fn guarantor_change(a: &GuarantorArgs) -> GuarantorChange {
    GuarantorChange {
        loan: a.loan.clone(),
        member: a.member.clone(),
        with: a.with.clone(),
        by: a.by.clone(),
        date: a.date.clone(),
        meeting: a.meeting.clone(),
        reason: a.reason.clone(),
    }
}

fn decision(a: &DecisionArgs) -> LoanDecision {
    LoanDecision {
        loan: a.loan.clone(),
        by: a.by.clone(),
        date: a.date.clone(),
        meeting: a.meeting.clone(),
        reason: a.reason.clone(),
    }
}

fn amount(m: Money) -> String {
    m.grouped()
}

/// The loan card as text (JSON: the whole card, with `loan` = the contract number).
fn print_card(out: Out, card: &LoanCard, done: &str) -> Result<()> {
    out.print(card, || {
        let l = &card.summary;
        let mut s = String::new();
        if !done.is_empty() {
            s += &format!("{done}แล้ว: ");
        }
        s += &format!(
            "สัญญาเงินกู้เลขที่ {} — {}\nผู้กู้ {} (เลขที่ {})  {} ({})\nยอดกู้ {} บาท {} งวด ร้อยละ {} ต่อเดือน {}\nอัตราต่อปี ร้อยละ {} (ตามสัญญา) / {} (แบบทบต้น)",
            l.loan,
            l.status_label,
            l.name,
            l.member,
            l.product_name,
            l.kind,
            amount(l.amount),
            l.months,
            l.rate,
            l.method_label,
            l.nominal_annual_rate,
            l.effective_annual_rate
        );
        if let Some(c) = &l.rate_confirmation {
            s += &format!("\nยืนยันอัตราดอกเบี้ยเกินกฎหมายแล้วเมื่อ {}: {}", c.confirmed_at, c.warning);
        }
        if !l.purpose.is_empty() {
            s += &format!("\nวัตถุประสงค์ {}", l.purpose);
        }
        let guarantors: Vec<String> = l
            .guarantors
            .iter()
            .map(|g| {
                format!(
                    "{} {}{}",
                    g.member,
                    g.name,
                    if g.in_arrears { " (ค้างชำระ)" } else { "" }
                )
            })
            .collect();
        s += &format!(
            "\nผู้ค้ำประกัน {}\nยื่นคำขอ {}  อนุมัติ {}{}  จ่ายเงิน {}",
            if guarantors.is_empty() { "-".to_string() } else { guarantors.join(", ") },
            super::thai_date(l.applied_on),
            super::thai_date_or_dash(l.approved_on),
            l.approved_by
                .as_ref()
                .map(|m| format!(" โดย {} {}", m.member, m.name))
                .unwrap_or_default(),
            super::thai_date_or_dash(l.disbursed_on)
        );
        if let Some(r) = &l.restructures {
            s += &format!("\nปรับโครงสร้างจากสัญญา {r}");
        }
        if let Some(r) = &l.restructured_into {
            s += &format!("\nปรับโครงสร้างเป็นสัญญา {r}");
        }
        s += &format!(
            "\n{:>4}  {:<14} {:>12} {:>12} {:>12} {:>14}  {}",
            "งวด", "ครบกำหนด", "เงินต้น", l.charge_word, "รวม", "ต้นคงเหลือ", ""
        );
        for i in &card.schedule {
            let state = match i.state {
                Some("paid") => "ชำระแล้ว",
                Some("overdue") => "⚠ ค้างชำระ",
                Some("due") => "งวดนี้",
                _ => "",
            };
            s += &format!(
                "\n{:>4}  {:<14} {:>12} {:>12} {:>12} {:>14}  {}",
                i.no,
                super::thai_date(i.due),
                amount(i.principal),
                amount(i.interest),
                amount(i.total),
                amount(i.balance),
                state
            );
        }
        if !card.movements.is_empty() {
            s += "\nการรับ-จ่าย:";
            for m in &card.movements {
                s += &format!(
                    "\n  {}  {:<44} ต้น {:>12} {} {:>10} ปรับ {:>8}  คงเหลือ {:>12}",
                    super::thai_date(m.date),
                    m.memo,
                    amount(m.principal),
                    l.charge_word,
                    amount(m.interest),
                    amount(m.fines),
                    amount(m.balance_after)
                );
            }
        }
        s += &format!("\nเงินต้นคงเหลือ {} บาท", amount(l.balance));
        if let Some(p) = &card.position {
            s += &format!(
                "\nณ {}: ต้องชำระ {} บาท (งวดนี้ {} ค้าง {} ค่าปรับ {}) ยอดปิดสัญญา {} บาท{}",
                super::thai_date_or_dash(p.date),
                amount(p.total_due),
                amount(p.installment),
                amount(p.arrears),
                amount(p.fines),
                amount(p.payoff),
                if p.in_arrears() { "  ⚠ ค้างชำระ" } else { "" }
            );
        }
        if let Some(d) = &card.exit_debt {
            s += &format!(
                "\n⚠ {} (หักจากเงินสัจจะและเงินฝากแล้ว {} บาท)",
                d.label,
                amount(d.from_savings)
            );
        }
        for e in card.events.iter().filter(|e| {
            matches!(
                e.kind.as_str(),
                "cancelled" | "member_left" | "guarantor_replaced" | "guarantor_released"
            )
        }) {
            s += &format!("\n{}  {}: {}", super::thai_date(e.date), e.label, e.note);
        }
        s
    })
}
