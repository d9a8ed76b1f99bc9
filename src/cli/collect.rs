//! Collection day commands: due, collect, expense, income, bank, reverse, cash count, month
//! close, balance, cash book, register, history.

use std::path::Path;

use clap::{Args, Subcommand};
use sajja_core::collection::CollectionInput;
use sajja_core::movement::{ExpenseInput, IncomeInput};
use sajja_core::thai;
use sajja_core::{Error, Money, Result};

use super::Out;

#[derive(Args)]
pub struct DueArgs {
    /// วันที่ เช่น 5/3/2568 (ค่าเริ่มต้น: วันนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub date: String,
    /// เลขที่สมาชิก
    #[arg(long)]
    pub member: Option<u32>,
}

#[derive(Args)]
pub struct CollectArgs {
    /// วันที่รับเงิน เช่น 5/3/2568 (ค่าเริ่มต้น: วันนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub date: String,
    /// เลขที่สมาชิก
    #[arg(long)]
    pub member: Option<String>,
    /// เงินสัจจะ (บาท)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub sajja: String,
    /// เงินฝาก (บาท)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub deposit: String,
    /// ถอนเงินฝาก (บาท)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub withdraw: String,
    /// ค่าธรรมเนียมแรกเข้า (บาท)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub fee: String,
    /// ค่าปรับที่รับ (บาท ไม่เกินค่าปรับค้าง)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub fine: String,
    /// รายได้อื่น
    #[arg(long, default_value = "", hide_default_value = true)]
    pub other: String,
    /// ส่งเงินกู้ (บาท; ตัดค่าปรับ → ดอกเบี้ย → เงินต้น)
    #[arg(long = "loan-payment", default_value = "", hide_default_value = true)]
    pub loan_payment: String,
    /// ชำระค่าสินค้าที่ซื้อเชื่อจากธุรกิจของกลุ่ม (บาท ไม่เกินยอดค้าง)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub goods: String,
    /// หมายเหตุบนใบเสร็จ
    #[arg(long, default_value = "", hide_default_value = true)]
    pub memo: String,
    /// แผ่นรับเงินทั้งวัน (CSV มีหัวตาราง member,sajja,deposit,withdraw,fee,fine,other,loan_payment,goods)
    #[arg(long)]
    pub batch: Option<std::path::PathBuf>,
    /// ยืนยันว่าตั้งใจให้สมาชิกคนเดียวอยู่หลายแถวในแผ่นเดียว (ปกติถือว่าพิมพ์ซ้ำและไม่บันทึก)
    #[arg(long = "allow-repeats", requires = "batch")]
    pub allow_repeats: bool,
}

/// The day and the amount of an entry written in the books: `--date` and `--amount`.
#[derive(Args)]
pub struct EntryArgs {
    /// วันที่ เช่น 5/3/2568 (ค่าเริ่มต้น: วันนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub date: String,
    /// จำนวนเงิน (บาท)
    #[arg(long)]
    pub amount: String,
}

#[derive(Args)]
pub struct ExpenseArgs {
    #[command(flatten)]
    pub entry: EntryArgs,
    /// รายละเอียดที่ลงในบัญชี
    #[arg(long)]
    pub memo: String,
    /// จ่ายจาก cash (เงินสด) หรือ bank (ธนาคาร)
    #[arg(long, default_value = "cash")]
    pub from: String,
    /// ผู้รับเงิน
    #[arg(long, default_value = "", hide_default_value = true)]
    pub payee: String,
    /// supplies | meeting | bank_fee | allowance | other
    #[arg(long, default_value = "other")]
    pub category: String,
}

#[derive(Args)]
pub struct IncomeArgs {
    #[command(flatten)]
    pub entry: EntryArgs,
    /// รายละเอียดที่ลงในบัญชี
    #[arg(long)]
    pub memo: String,
    /// รับเข้า cash (เงินสด) หรือ bank (ธนาคาร)
    #[arg(long, default_value = "cash")]
    pub to: String,
    /// other | subsidy | donation
    #[arg(long, default_value = "other")]
    pub kind: String,
    /// operating | expense (กองทุนที่เงินอุดหนุนเข้า)
    #[arg(long, default_value = "operating")]
    pub fund: String,
}

#[derive(Subcommand)]
pub enum BankCommand {
    /// นำเงินสดฝากธนาคาร
    Deposit(BankArgs),
    /// ถอนเงินจากธนาคารเป็นเงินสด
    Withdraw(BankArgs),
    /// ดอกเบี้ยเงินฝากธนาคาร
    Interest(BankArgs),
    /// ค่าธรรมเนียมที่ธนาคารหักจากบัญชีแล้ว (บันทึกได้แม้ทุนค่าใช้สอยไม่พอ)
    Fee(BankArgs),
}

#[derive(Args)]
pub struct BankArgs {
    #[command(flatten)]
    pub entry: EntryArgs,
    /// รายละเอียดที่ลงในบัญชี
    #[arg(long, default_value = "", hide_default_value = true)]
    pub memo: String,
}

#[derive(Args)]
pub struct ReverseArgs {
    /// เลขที่ใบเสร็จ เช่น 2568/0012
    #[arg(long)]
    pub receipt: Option<String>,
    /// รหัสรายการบัญชี (แทนเลขที่ใบเสร็จ)
    #[arg(long)]
    pub entry: Option<String>,
    /// เหตุผลของการยกเลิก (เก็บไว้ในบัญชี)
    #[arg(long)]
    pub reason: String,
    /// วันที่ยกเลิก (ค่าเริ่มต้น: วันนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub date: String,
}

#[derive(Args)]
pub struct CashCountArgs {
    /// วันที่ เช่น 5/3/2568 (ค่าเริ่มต้น: วันนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub date: String,
    /// เงินสดที่นับได้ (บาท)
    #[arg(long)]
    pub counted: String,
    /// หมายเหตุ
    #[arg(long, default_value = "", hide_default_value = true)]
    pub note: String,
}

#[derive(Args)]
pub struct BalanceArgs {
    /// เลขที่สมาชิก
    #[arg(long)]
    pub member: u32,
    /// ยอด ณ วันที่ (ค่าเริ่มต้น: ปัจจุบัน)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub date: String,
}

#[derive(Args)]
pub struct CloseMonthArgs {
    /// เดือนที่จะปิด เช่น 2568-03, 3/2568 หรือ มี.ค. 2568
    pub month: String,
    /// บันทึกของคณะกรรมการ (เช่น เหตุผลที่เงินสดขาด)
    #[arg(long, default_value = "")]
    pub note: String,
    /// ยอดในสมุดบัญชีธนาคาร ณ สิ้นเดือน เพื่อเทียบกับยอดตามบัญชี
    #[arg(long, default_value = "")]
    pub bank_statement: String,
}

#[derive(Args)]
pub struct MonthArgs {
    /// เดือน เช่น 2568-03, 3/2568 หรือ มี.ค. 2568
    #[arg(long)]
    pub month: String,
}

#[derive(Args)]
pub struct YearArgs {
    /// ปีบัญชี (พ.ศ.) เช่น 2568
    #[arg(long)]
    pub year: String,
}

#[derive(Args)]
pub struct HistoryArgs {
    /// เลขที่สมาชิก
    #[arg(long)]
    pub member: u32,
    /// ตั้งแต่วันที่ (ค่าเริ่มต้น: ตั้งแต่เข้ากลุ่ม)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub from: String,
    /// ถึงวันที่ (ค่าเริ่มต้น: ถึงรายการล่าสุด)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub to: String,
}

#[derive(Args)]
pub struct ExitArgs {
    /// เลขที่สมาชิก
    pub number: u32,
    /// วันที่ เช่น 5/3/2568 (ค่าเริ่มต้น: วันนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub date: String,
    /// resign | death | expel
    #[arg(long, default_value = "resign")]
    pub reason: String,
    /// จ่ายจาก cash (เงินสด), bank (ธนาคาร) หรือ payable (ตั้งเป็นเงินรอจ่ายคืน จ่ายภายหลัง);
    /// ถ้าเงินไม่พอจ่ายวันนี้ ตั้งเป็นเงินรอจ่ายคืนให้เอง
    #[arg(long = "pay-from", default_value = "cash")]
    pub pay_from: String,
}

#[derive(Args)]
pub struct PayExitArgs {
    /// เลขที่สมาชิก (ที่พ้นสภาพแล้ว)
    pub number: u32,
    /// วันที่จ่าย เช่น 25/3/2568 (ค่าเริ่มต้น: วันนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub date: String,
    /// จ่ายจาก cash (เงินสด) หรือ bank (ธนาคาร)
    #[arg(long, default_value = "cash")]
    pub from: String,
    /// ชื่อผู้รับเงิน เช่น ทายาท (ค่าเริ่มต้น: สมาชิก หรือทายาทโดยธรรม)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub to: String,
}

fn amount(a: Money) -> String {
    a.grouped()
}

pub fn due(path: &Path, a: &DueArgs, out: Out) -> Result<()> {
    let books = super::open(path)?;
    let list = books.due(&a.date, a.member)?;
    out.print(&list, || {
        let mut s = format!("ยอดที่ต้องชำระ ณ {}\n", super::thai_date(list.date));
        s += &format!(
            "{:>6}  {:<32} {:>12} {:>10} {:>10} {:>12}\n",
            "เลขที่", "ชื่อ", "สัจจะ", "ค่าปรับ", "เงินกู้", "รวม"
        );
        for r in &list.members {
            s += &format!(
                "{:>6}  {:<32} {:>12} {:>10} {:>10} {:>12}\n",
                r.member,
                r.name,
                amount(r.sajja),
                amount(r.fines),
                amount(r.loan),
                amount(r.total)
            );
        }
        s + &format!("รวมทั้งสิ้น {} บาท", amount(list.total))
    })
}

pub fn collect(path: &Path, a: &CollectArgs, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    if let Some(file) = &a.batch {
        let rows = read_batch(file)?;
        let receipts = books.collect_sheet(&a.date, &rows, a.allow_repeats)?;
        let total: Money = receipts.iter().map(|r| r.net_cash).sum();
        let rows: Vec<serde_json::Value> = receipts
            .iter()
            .map(|r| Ok(super::with_voucher(r, books.voucher_of_entry(&r.entry)?)))
            .collect::<Result<_>>()?;
        let value =
            serde_json::json!({ "receipts": rows, "count": receipts.len(), "net_cash": total });
        return out.print(&value, || {
            format!("บันทึก {} แถว เงินสดสุทธิ {} บาท", receipts.len(), amount(total))
        });
    }
    let member = a.member.clone().ok_or_else(|| {
        Error::invalid("member", "กรุณาระบุ --member เลขที่สมาชิก หรือ --batch ไฟล์ CSV")
    })?;
    let input = CollectionInput {
        date: a.date.clone(),
        member,
        sajja: a.sajja.clone(),
        deposit: a.deposit.clone(),
        withdraw: a.withdraw.clone(),
        fee: a.fee.clone(),
        fine: a.fine.clone(),
        other: a.other.clone(),
        loan_payment: a.loan_payment.clone(),
        goods: a.goods.clone(),
        memo: a.memo.clone(),
    };
    let r = books.collect(&input)?;
    let voucher = books.voucher_of_entry(&r.entry)?;
    out.print(&super::with_voucher(&r, voucher.clone()), || {
        let mut s = format!(
            "ใบเสร็จเลขที่ {}  {}  รับ {} บาท ({})",
            r.receipt,
            r.name,
            amount(r.total_received),
            thai::bahttext(
                r.total_received.as_decimal(),
                books.settings().map(|s| s.bahttext).unwrap_or_default()
            )
        );
        if let Some(v) = &voucher {
            s += &format!("\nถอนเงินฝาก {} บาท: ใบถอนเงินเลขที่ {v}", amount(r.withdraw));
        }
        s
    })
}

/// Reads a collection sheet: a header row naming the columns (member, sajja, deposit,
/// withdraw, fee, fine, other, loan_payment, memo, date), then one row per member. Each row
/// keeps its spreadsheet row number for every message about it.
fn read_batch(file: &Path) -> Result<Vec<(usize, CollectionInput)>> {
    let sheet = sajja_core::sheet::parse(&sajja_core::sheet::decode(&std::fs::read(file)?)?)?;
    let header: Vec<String> = sheet
        .header
        .iter()
        .map(|h| h.replace('-', "_").to_lowercase())
        .collect();
    const KNOWN: &[&str] = &[
        "member",
        "sajja",
        "deposit",
        "withdraw",
        "fee",
        "fine",
        "other",
        "loan_payment",
        "goods",
        "memo",
        "date",
    ];
    if let Some(bad) = header.iter().find(|h| !KNOWN.contains(&h.as_str())) {
        return Err(Error::invalid(
            "batch",
            format!("ไม่รู้จักคอลัมน์ \"{bad}\" — ใช้ได้: {}", KNOWN.join(", ")),
        ));
    }
    sajja_core::sheet::refuse_repeated_columns(&header)?;
    if !header.iter().any(|h| h == "member") {
        return Err(Error::invalid("batch", "หัวตารางต้องมีคอลัมน์ member"));
    }
    sheet
        .rows
        .into_iter()
        .map(|(n, cells)| {
            if cells.len() > header.len() {
                return Err(Error::invalid(
                    "batch",
                    format!("แถวที่ {n} มีช่องมากกว่าหัวตาราง"),
                ));
            }
            let mut row = CollectionInput::default();
            for (h, v) in header.iter().zip(cells) {
                let slot = match h.as_str() {
                    "member" => &mut row.member,
                    "sajja" => &mut row.sajja,
                    "deposit" => &mut row.deposit,
                    "withdraw" => &mut row.withdraw,
                    "fee" => &mut row.fee,
                    "fine" => &mut row.fine,
                    "other" => &mut row.other,
                    "loan_payment" => &mut row.loan_payment,
                    "goods" => &mut row.goods,
                    "memo" => &mut row.memo,
                    _ => &mut row.date,
                };
                *slot = v;
            }
            Ok((n, row))
        })
        .collect()
}

pub fn expense(path: &Path, a: &ExpenseArgs, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    let p = books.expense(&ExpenseInput {
        date: a.entry.date.clone(),
        amount: a.entry.amount.clone(),
        memo: a.memo.clone(),
        payee: a.payee.clone(),
        category: a.category.clone(),
        from: a.from.clone(),
    })?;
    let voucher = books.voucher_of_entry(&p.entry)?;
    out.print(&super::with_voucher(&p, voucher.clone()), || {
        format!(
            "บันทึกรายจ่าย {} บาท: {} — ใบสำคัญจ่ายเลขที่ {}",
            amount(p.amount),
            p.memo,
            voucher.as_deref().unwrap_or("-")
        )
    })
}

pub fn income(path: &Path, a: &IncomeArgs, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    let p = books.income(&IncomeInput {
        date: a.entry.date.clone(),
        amount: a.entry.amount.clone(),
        memo: a.memo.clone(),
        kind: a.kind.clone(),
        fund: a.fund.clone(),
        to: a.to.clone(),
    })?;
    out.print(&p, || {
        format!("บันทึกรายรับ {} บาท: {}", amount(p.amount), p.memo)
    })
}

pub fn bank(path: &Path, c: &BankCommand, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    let (action, a) = match c {
        BankCommand::Deposit(a) => ("deposit", a),
        BankCommand::Withdraw(a) => ("withdraw", a),
        BankCommand::Interest(a) => ("interest", a),
        BankCommand::Fee(a) => ("fee", a),
    };
    let p = books.bank(action, &a.entry.date, &a.entry.amount, &a.memo)?;
    out.print(&p, || {
        format!(
            "{} {} บาท — เงินสด {} บาท ธนาคาร {} บาท",
            p.memo,
            amount(p.amount),
            amount(p.cash),
            amount(p.bank)
        )
    })
}

pub fn reverse(path: &Path, a: &ReverseArgs, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    let target = a
        .receipt
        .clone()
        .or_else(|| a.entry.clone())
        .ok_or_else(|| {
            Error::invalid(
                "receipt",
                "กรุณาระบุ --receipt เลขที่ใบเสร็จ หรือ --entry รหัสรายการ",
            )
        })?;
    let r = books.reverse(&target, &a.reason, &a.date)?;
    out.print(&r, || {
        format!(
            "ยกเลิกรายการแล้ว: {} (เหตุผล: {})",
            r.memo,
            r.reason.clone().unwrap_or_default()
        )
    })
}

pub fn cash_count(path: &Path, a: &CashCountArgs, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    let c = books.count_cash(&a.date, &a.counted, &a.note)?;
    out.print(&c, || {
        let diff = if c.difference.is_zero() {
            "ตรงกับบัญชี".to_string()
        } else if c.difference.is_positive() {
            format!("เกินบัญชี {} บาท (บันทึกแล้ว)", amount(c.difference))
        } else {
            format!("ขาดบัญชี {} บาท (บันทึกแล้ว)", amount(-c.difference))
        };
        format!(
            "เงินสดตามบัญชี {} บาท นับได้ {} บาท — {}",
            amount(c.expected),
            amount(c.counted),
            diff
        )
    })
}

pub fn close_month(path: &Path, a: &CloseMonthArgs, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    let c = books.close_month_with(
        &a.month,
        &sajja_core::closing::CloseInput {
            note: a.note.clone(),
            bank_statement: a.bank_statement.clone(),
        },
    )?;
    out.print(&c, || {
        let mut s = format!(
            "ปิดบัญชีถึง {} แล้ว — เงินสด {} บาท เงินฝากธนาคาร {} บาท",
            super::thai_date(c.locked_through),
            amount(c.cash),
            amount(c.bank)
        );
        for w in &c.warnings {
            s += &format!("\nข้อสังเกต: {w}");
        }
        s
    })
}

pub fn balance(path: &Path, a: &BalanceArgs, out: Out) -> Result<()> {
    let books = super::open(path)?;
    let b = books.balance(a.member, &a.date)?;
    out.print(&b, || {
        format!(
            "สมาชิกเลขที่ {} ณ {}: เงินสัจจะ {} บาท เงินฝาก {} บาท ค่าปรับค้าง {} บาท เงินกู้คงเหลือ {} บาท",
            b.member,
            super::thai_date(b.date),
            amount(b.sajja),
            amount(b.deposits),
            amount(b.fines_owed),
            amount(b.loans)
        )
    })
}

pub fn cashbook(path: &Path, a: &MonthArgs, out: Out) -> Result<()> {
    let books = super::open(path)?;
    let cb = books.cashbook(&a.month)?;
    out.print(&cb, || {
        let mut s = format!("สมุดเงินสด {}\n", cb.month);
        for l in &cb.lines {
            s += &format!(
                "{}  {:<10} {:<50} เงินสด +{} -{}  ธนาคาร +{} -{}{}\n",
                super::thai_date(l.date),
                l.receipt.clone().unwrap_or_default(),
                l.memo,
                amount(l.cash_in),
                amount(l.cash_out),
                amount(l.bank_in),
                amount(l.bank_out),
                if l.reversed {
                    "  (ยกเลิกแล้ว)"
                } else {
                    ""
                }
            );
        }
        s + &format!(
            "เงินสด: ยกมา {} รับ {} จ่าย {} คงเหลือ {}\nธนาคาร: ยกมา {} รับ {} จ่าย {} คงเหลือ {}",
            amount(cb.cash.opening),
            amount(cb.cash.receipts),
            amount(cb.cash.payments),
            amount(cb.cash.closing),
            amount(cb.bank.opening),
            amount(cb.bank.receipts),
            amount(cb.bank.payments),
            amount(cb.bank.closing)
        )
    })
}

pub fn register(path: &Path, a: &YearArgs, out: Out) -> Result<()> {
    let books = super::open(path)?;
    let r = books.sajja_register(&a.year)?;
    out.print(&r, || {
        let mut s = format!("ทะเบียนคุมเงินสัจจะ ปีบัญชี {}\n", r.year);
        for row in &r.rows {
            s += &format!(
                "{:>6} {:<30} ยกมา {:>12} รับปีนี้ {:>12} คงเหลือ {:>12}\n",
                row.member,
                row.name,
                amount(row.opening),
                amount(row.total),
                amount(row.closing)
            );
        }
        s + &format!("รวมรับปีนี้ {} บาท", amount(r.total))
    })
}

pub fn history(path: &Path, a: &HistoryArgs, out: Out) -> Result<()> {
    let books = super::open(path)?;
    let h = books.account_history(a.member, &a.from, &a.to)?;
    out.print(&h, || {
        let mut s = format!("บัญชีสมาชิกเลขที่ {} {}\n", h.member, h.name);
        for l in &h.lines {
            s += &format!(
                "{}  {:<10} ฝาก {:>10} ถอน {:>10} คงเหลือ {:>12}{}\n",
                super::thai_date(l.date),
                l.receipt.clone().unwrap_or_default(),
                amount(l.saved),
                amount(l.withdrawn),
                amount(l.balance),
                if l.reversed {
                    "  (ยกเลิกแล้ว)"
                } else {
                    ""
                }
            );
        }
        s
    })
}

pub fn exit(path: &Path, a: &ExitArgs, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    let s = books.member_exit(a.number, &a.date, &a.reason, &a.pay_from)?;
    let voucher = match &s.entry {
        Some(e) => books.voucher_of_entry(e)?,
        None => None,
    };
    out.print(&super::with_voucher(&s, voucher.clone()), || {
        let mut t = format!(
            "สมาชิกเลขที่ {} {} พ้นสภาพ — เงินสัจจะ {} เงินฝาก {} หักหนี้ {} คืนเงิน {} บาท",
            s.member,
            s.name,
            amount(s.sajja),
            amount(s.deposits),
            amount(s.fines_owed + s.loans_owed),
            amount(s.payout)
        );
        if s.payable.is_positive() {
            t += &format!(
                "\n  ตั้งเป็นเงินรอจ่ายคืนสมาชิกพ้นสภาพ {} บาท: {} (จ่ายด้วย sajja member pay-exit)",
                amount(s.payable),
                s.payable_note
            );
        }
        if s.remaining_debt.is_positive() {
            t += &format!(
                "\n  หนี้ที่เงินสัจจะและเงินฝากไม่พอหัก {} บาท ยังค้างอยู่ในบัตรลูกหนี้",
                amount(s.remaining_debt)
            );
        }
        for l in &s.cancelled_applications {
            t += &format!("\n  ยกเลิกคำขอกู้สัญญา {l} (ผู้กู้พ้นสภาพ)");
        }
        for p in &s.payees {
            t += &format!(
                "\n  จ่ายให้ {} ({}) {} บาท",
                p.name,
                p.relation,
                amount(p.amount)
            );
        }
        if let Some(v) = &voucher {
            t += &format!("\nใบสำคัญจ่ายเลขที่ {v}");
        }
        t
    })
}

pub fn pay_exit(path: &Path, a: &PayExitArgs, out: Out) -> Result<()> {
    let mut books = sajja_core::Books::open(path)?;
    let p = books.pay_exit(a.number, &a.date, &a.from, &a.to)?;
    out.print(&p, || {
        format!(
            "จ่ายเงินรอจ่ายคืนสมาชิกพ้นสภาพ เลขที่ {} {} ให้ {} {} บาท จาก{} ใบสำคัญจ่ายเลขที่ {} (พิมพ์ได้ด้วย sajja print voucher)",
            p.member,
            p.name,
            p.paid_to,
            amount(p.amount),
            if p.paid_from == "bank" {
                "เงินฝากธนาคาร"
            } else {
                "เงินสด"
            },
            p.voucher
        )
    })
}

#[derive(Args)]
pub struct MoneyArgs {
    /// ณ วันที่ เช่น 31/3/2568 (ค่าเริ่มต้น: ทุกรายการถึงตอนนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    pub date: String,
}

/// Where the group's money is: cash, bank, the expense fund (with the reason when it is below
/// zero), the lock date.
pub fn money(path: &Path, a: &MoneyArgs, out: Out) -> Result<()> {
    let books = super::open(path)?;
    let p = books.money_position(&a.date)?;
    out.print(&p, || {
        let mut s = format!(
            "เงินสด {} บาท  เงินฝากธนาคาร {} บาท  ทุนค่าใช้สอย {} บาท",
            amount(p.cash),
            amount(p.bank),
            amount(p.expense_fund)
        );
        if let Some(note) = &p.expense_fund_note {
            s += &format!("\n{note}");
        }
        s
    })
}
