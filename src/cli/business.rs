//! `sajja business …`, `sajja item …`, `sajja stock …` and `sajja rice …`: the group's
//! businesses run from the operating capital (shop, farm inputs, granary and rice bank).

use std::path::Path;

use clap::{Args, Subcommand};
use sajja_core::business::rice::{ReceiveInput, RiceInput};
use sajja_core::business::stock::{BuyInput, CountInput, Moved, SellInput, StockOnHand};
use sajja_core::business::{Business, BusinessInput, ItemInput};
use sajja_core::Result;

use super::Out;

#[derive(Subcommand)]
pub enum BusinessCommand {
    /// เปิดธุรกิจของกลุ่ม พร้อมทุนที่คณะกรรมการจัดสรรจากทุนดำเนินการ
    Add(BusinessArgs),
    /// รายการธุรกิจของกลุ่ม พร้อมเงินสดของแต่ละธุรกิจ
    List,
}

#[derive(Args)]
pub struct BusinessArgs {
    /// shop (ร้านค้าชุมชน) | granary (ยุ้งฉาง/ธนาคารข้าว) | inputs (ปุ๋ยและปัจจัยการผลิต) | other
    #[arg(long)]
    kind: String,
    #[arg(long)]
    name: String,
    /// ทุนที่จัดสรรจากทุนดำเนินการ (บาท; ย้ายจากเงินสดหรือเงินฝากธนาคารของกลุ่มเป็นเงินสดของธุรกิจ)
    #[arg(long)]
    capital: String,
    #[arg(long)]
    date: String,
    /// ผู้จัดการธุรกิจ
    #[arg(long, default_value = "", hide_default_value = true)]
    manager: String,
    /// ทุนมาจาก cash (เงินสดของกลุ่ม, ค่าเริ่มต้น) หรือ bank (เงินฝากธนาคารของกลุ่ม)
    #[arg(long, default_value = "", hide_default_value = true)]
    from: String,
}

#[derive(Subcommand)]
pub enum ItemCommand {
    /// เพิ่มสินค้าของธุรกิจ พร้อมหน่วยนับ
    Add(ItemArgs),
    /// รายการสินค้าของธุรกิจ
    List {
        #[arg(long)]
        business: String,
    },
}

#[derive(Args)]
pub struct ItemArgs {
    #[arg(long)]
    business: String,
    #[arg(long)]
    name: String,
    /// หน่วยนับ เช่น ถุง กระสอบ กิโลกรัม ขวด
    #[arg(long)]
    unit: String,
    /// ราคาขายต่อหน่วย (ไม่บังคับ)
    #[arg(long, default_value = "", hide_default_value = true)]
    price: String,
}

#[derive(Subcommand)]
pub enum StockCommand {
    /// ซื้อสินค้าเข้า (--cost คือราคารวมทั้งล็อตตามใบเสร็จของผู้ขาย)
    Buy(BuyArgs),
    /// ขายสินค้า เป็นเงินสด หรือเงินเชื่อของสมาชิก (--member N --credit)
    Sell(SellArgs),
    /// ตรวจนับสินค้า: บันทึกจำนวนที่นับได้ ส่วนต่างกับบัญชีลงเป็นสินค้าขาด/เกิน
    Count(CountArgs),
    /// สินค้าคงเหลือ (จำนวนและมูลค่า) ณ วันที่
    Show(ShowArgs),
}

/// Which item of which business a stock command moves: `--business` and `--item`.
#[derive(Args)]
pub struct GoodsArgs {
    #[arg(long)]
    business: String,
    /// รหัสหรือชื่อสินค้า
    #[arg(long)]
    item: String,
}

#[derive(Args)]
pub struct BuyArgs {
    #[command(flatten)]
    goods: GoodsArgs,
    #[arg(long)]
    qty: String,
    /// ราคารวมที่จ่ายทั้งล็อต (บาท)
    #[arg(long)]
    cost: String,
    #[arg(long)]
    date: String,
    /// cash (เงินสดของธุรกิจ, ค่าเริ่มต้น) หรือ bank (เงินฝากธนาคารของกลุ่ม)
    #[arg(long, default_value = "", hide_default_value = true)]
    from: String,
    /// ผู้ขาย
    #[arg(long, default_value = "", hide_default_value = true)]
    supplier: String,
}

#[derive(Args)]
pub struct SellArgs {
    #[command(flatten)]
    goods: GoodsArgs,
    #[arg(long)]
    qty: String,
    /// ราคาขายต่อหน่วย (บาท; ไม่ใส่ = ราคาของสินค้า)
    #[arg(long, default_value = "", hide_default_value = true)]
    price: String,
    #[arg(long)]
    date: String,
    /// เลขที่สมาชิกผู้ซื้อ (เก็บเป็นยอดซื้อของสมาชิกในปี)
    #[arg(long, default_value = "", hide_default_value = true)]
    member: String,
    /// ขายเชื่อ: เป็นหนี้ของสมาชิก ชำระในแถวรับเงินวันสัจจะ
    #[arg(long)]
    credit: bool,
}

#[derive(Args)]
pub struct CountArgs {
    #[command(flatten)]
    goods: GoodsArgs,
    /// จำนวนที่นับได้จริง
    #[arg(long)]
    qty: String,
    #[arg(long)]
    date: String,
}

#[derive(Args)]
pub struct ShowArgs {
    #[arg(long)]
    business: String,
    /// ณ วันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long, default_value = "", hide_default_value = true)]
    date: String,
}

fn business_line(b: &Business) -> String {
    format!(
        "{:>3}  {} ({})  ทุนที่จัดสรร {} บาท  เงินสดของธุรกิจ {} บาท  เปิดเมื่อ {}{}",
        b.number,
        b.name,
        b.kind_label,
        b.capital.grouped(),
        b.cash.grouped(),
        super::thai_date(b.opened),
        if b.manager.is_empty() {
            String::new()
        } else {
            format!("  ผู้จัดการ {}", b.manager)
        }
    )
}

pub fn business(path: &Path, c: &BusinessCommand, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    match c {
        BusinessCommand::Add(a) => {
            let b = books.add_business(&BusinessInput {
                kind: a.kind.clone(),
                name: a.name.clone(),
                capital: a.capital.clone(),
                date: a.date.clone(),
                manager: a.manager.clone(),
                from: a.from.clone(),
            })?;
            out.print(&b, || format!("เปิดธุรกิจแล้ว\n{}", business_line(&b)))
        }
        BusinessCommand::List => {
            let list = books.businesses()?;
            out.print(&list, || {
                if list.is_empty() {
                    return "ยังไม่มีธุรกิจของกลุ่ม — เปิดด้วย sajja business add".into();
                }
                list.iter()
                    .map(business_line)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

pub fn item(path: &Path, c: &ItemCommand, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    match c {
        ItemCommand::Add(a) => {
            let it = books.add_item(&ItemInput {
                business: a.business.clone(),
                name: a.name.clone(),
                unit: a.unit.clone(),
                price: a.price.clone(),
            })?;
            out.print(&it, || {
                format!(
                    "เพิ่มสินค้าแล้ว: รหัส {} {} (หน่วย {}){}",
                    it.number,
                    it.name,
                    it.unit,
                    it.price
                        .map(|p| format!(" ราคาขาย {} บาท", p.grouped()))
                        .unwrap_or_default()
                )
            })
        }
        ItemCommand::List { business } => {
            let list = books.items(business)?;
            out.print(&list, || {
                list.iter()
                    .map(|i| format!("{:>3}  {} ({})", i.number, i.name, i.unit))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

fn moved_text(what: &str, m: &Moved) -> String {
    format!(
        "{what} {} {} {} วันที่ {}  จำนวนเงิน {} บาท  ต้นทุน {} บาท\nคงเหลือ {} {} มูลค่า {} บาท  เงินสดของธุรกิจ {} บาท",
        m.name,
        m.qty.trim_start_matches('-'),
        m.unit,
        super::thai_date(m.date),
        m.amount.grouped(),
        m.cost.grouped(),
        m.qty_after,
        m.unit,
        m.value_after.grouped(),
        m.business_cash.grouped()
    )
}

fn stock_text(s: &StockOnHand) -> String {
    let mut t = format!(
        "สินค้าคงเหลือของ{} ณ วันที่ {}\n",
        s.name,
        super::thai_date(s.date)
    );
    for l in &s.items {
        t += &format!(
            "  {:>3}  {:<30} {:>12} {:<10} ต้นทุนเฉลี่ย {:>12}  มูลค่า {:>14}\n",
            l.item,
            l.name,
            l.qty.to_string(),
            l.unit,
            l.average_cost.grouped(),
            l.value.grouped()
        );
    }
    t += &format!(
        "  รวมมูลค่าสินค้าคงเหลือ {} บาท  เงินสดของธุรกิจ {} บาท",
        s.total_value.grouped(),
        s.cash.grouped()
    );
    t
}

pub fn stock(path: &Path, c: &StockCommand, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    match c {
        StockCommand::Buy(a) => {
            let m = books.stock_buy(&BuyInput {
                business: a.goods.business.clone(),
                item: a.goods.item.clone(),
                qty: a.qty.clone(),
                cost: a.cost.clone(),
                date: a.date.clone(),
                from: a.from.clone(),
                supplier: a.supplier.clone(),
            })?;
            out.print(&m, || moved_text("ซื้อเข้า", &m))
        }
        StockCommand::Sell(a) => {
            let m = books.stock_sell(&SellInput {
                business: a.goods.business.clone(),
                item: a.goods.item.clone(),
                qty: a.qty.clone(),
                price: a.price.clone(),
                date: a.date.clone(),
                member: a.member.clone(),
                credit: a.credit,
            })?;
            out.print(&m, || {
                let what = match (m.member, m.credit) {
                    (Some(n), true) => format!("ขายเชื่อให้สมาชิกเลขที่ {n}:"),
                    (Some(n), false) => format!("ขายเงินสดให้สมาชิกเลขที่ {n}:"),
                    _ => "ขายเงินสด:".into(),
                };
                moved_text(&what, &m)
            })
        }
        StockCommand::Count(a) => {
            let c = books.stock_count(&CountInput {
                business: a.goods.business.clone(),
                item: a.goods.item.clone(),
                qty: a.qty.clone(),
                date: a.date.clone(),
            })?;
            out.print(&c, || {
                format!(
                    "ตรวจนับ {}: ตามบัญชี {} นับได้ {} {} ส่วนต่าง {} (มูลค่า {} บาท)\nคงเหลือ {} {} มูลค่า {} บาท",
                    c.moved.name,
                    c.expected,
                    c.counted,
                    c.moved.unit,
                    c.difference,
                    c.moved.cost.grouped(),
                    c.moved.qty_after,
                    c.moved.unit,
                    c.moved.value_after.grouped()
                )
            })
        }
        StockCommand::Show(a) => {
            let s = books.stock_on_hand(&a.business, &a.date)?;
            out.print(&s, || stock_text(&s))
        }
    }
}

#[derive(Subcommand)]
pub enum RiceCommand {
    /// ธนาคารข้าวให้สมาชิกยืมข้าว (กิโลกรัม)
    Lend(RiceArgs),
    /// สมาชิกคืนข้าว: ตัดดอกเบี้ยข้าวก่อน แล้วจึงข้าวที่ยืม สัญญาเก่าก่อน
    Repay(RiceArgs),
    /// รับข้าวเข้ายุ้งฉาง: รับบริจาค (--donation) สมาชิกฝากข้าว (--deposit --member N) หรือสมาชิกถอนข้าวฝาก (--withdraw --member N)
    Receive(ReceiveArgs),
    /// ธนาคารข้าว: ข้าวในยุ้งฉาง (กิโลกรัมและมูลค่า) สัญญายืมข้าวที่ค้าง อายุหนี้ ผู้ค้างชำระ และข้าวฝากของสมาชิก
    Show {
        #[arg(long)]
        business: String,
        /// ข้าว (รหัสหรือชื่อสินค้า; ค่าเริ่มต้น: สินค้ารายการแรกของยุ้งฉาง)
        #[arg(long, default_value = "", hide_default_value = true)]
        item: String,
        /// ณ วันที่ (ค่าเริ่มต้น: วันนี้)
        #[arg(long, default_value = "", hide_default_value = true)]
        date: String,
    },
}

#[derive(Args)]
pub struct RiceArgs {
    #[arg(long)]
    business: String,
    #[arg(long)]
    member: String,
    #[command(flatten)]
    rice: RiceKgArgs,
}

/// How much rice moves, when, and which rice: `--kg`, `--date`, `--item`.
#[derive(Args)]
pub struct RiceKgArgs {
    /// กิโลกรัม
    #[arg(long)]
    kg: String,
    #[arg(long)]
    date: String,
    /// ข้าว (รหัสหรือชื่อสินค้า; ค่าเริ่มต้น: สินค้ารายการแรกของยุ้งฉาง)
    #[arg(long, default_value = "", hide_default_value = true)]
    item: String,
}

#[derive(Args)]
pub struct ReceiveArgs {
    #[arg(long)]
    business: String,
    /// รับบริจาค (มูลค่าตามราคาข้าวที่คณะกรรมการกำหนด เป็นเงินบริจาคของกลุ่ม)
    #[arg(long)]
    donation: bool,
    /// สมาชิกฝากข้าว (กลุ่มเป็นหนี้ข้าวสมาชิกเป็นกิโลกรัม)
    #[arg(long)]
    deposit: bool,
    /// สมาชิกถอนข้าวที่ฝากไว้
    #[arg(long)]
    withdraw: bool,
    /// สมาชิกผู้ฝากหรือถอน
    #[arg(long, default_value = "", hide_default_value = true)]
    member: String,
    /// ผู้บริจาค
    #[arg(long = "from", default_value = "", hide_default_value = true)]
    from: String,
    #[command(flatten)]
    rice: RiceKgArgs,
}

pub fn rice(path: &Path, c: &RiceCommand, out: Out) -> Result<()> {
    let mut books = super::open(path)?;
    let input = |a: &RiceArgs| RiceInput {
        business: a.business.clone(),
        item: a.rice.item.clone(),
        member: a.member.clone(),
        kg: a.rice.kg.clone(),
        date: a.rice.date.clone(),
    };
    match c {
        RiceCommand::Lend(a) => {
            let r = books.rice_lend(&input(a))?;
            out.print(&r, || {
                format!(
                    "สมาชิกเลขที่ {} {} ยืมข้าว {} กิโลกรัม (สัญญาที่ {}) วันที่ {}  มูลค่าตามต้นทุน {} บาท  ข้าวในยุ้งฉางเหลือ {} กิโลกรัม",
                    r.member,
                    r.name,
                    r.kg,
                    r.loans.first().copied().unwrap_or_default(),
                    super::thai_date(r.date),
                    r.value.grouped(),
                    r.stock_kg
                )
            })
        }
        RiceCommand::Repay(a) => {
            let r = books.rice_repay(&input(a))?;
            out.print(&r, || {
                format!(
                    "สมาชิกเลขที่ {} {} คืนข้าว {} กิโลกรัม วันที่ {}: ดอกเบี้ยข้าว {} กิโลกรัม ({} บาท) ข้าวที่ยืม {} กิโลกรัม  ข้าวในยุ้งฉาง {} กิโลกรัม",
                    r.member,
                    r.name,
                    r.kg,
                    super::thai_date(r.date),
                    r.interest_kg,
                    r.interest_value.grouped(),
                    r.principal_kg,
                    r.stock_kg
                )
            })
        }
        RiceCommand::Receive(a) => {
            let how = match (a.donation, a.deposit, a.withdraw) {
                (true, false, false) => "donation",
                (false, true, false) => "deposit",
                (false, false, true) => "withdraw",
                _ => {
                    return Err(sajja_core::Error::invalid(
                        "how",
                        "เลือกอย่างใดอย่างหนึ่ง: --donation (รับบริจาค) --deposit (สมาชิกฝากข้าว) หรือ --withdraw (สมาชิกถอนข้าวฝาก)",
                    ))
                }
            };
            let r = books.rice_receive(&ReceiveInput {
                business: a.business.clone(),
                item: a.rice.item.clone(),
                how: how.into(),
                member: a.member.clone(),
                from: a.from.clone(),
                kg: a.rice.kg.clone(),
                date: a.rice.date.clone(),
            })?;
            out.print(&r, || {
                let who = match r.member {
                    Some(n) => format!("สมาชิกเลขที่ {n} {}", r.name),
                    None => "รับบริจาค".into(),
                };
                format!(
                    "{who} ข้าว {} กิโลกรัม วันที่ {}  มูลค่า {} บาท{}  ข้าวในยุ้งฉาง {} กิโลกรัม",
                    r.kg,
                    super::thai_date(r.date),
                    r.value.grouped(),
                    r.deposit_kg
                        .map(|k| format!("  ข้าวฝากคงเหลือ {k} กิโลกรัม"))
                        .unwrap_or_default(),
                    r.stock_kg
                )
            })
        }
        RiceCommand::Show {
            business,
            item,
            date,
        } => {
            let r = books.rice_bank(business, item, date)?;
            out.print(&r, || {
                let mut t = format!(
                    "{} ({}) ณ วันที่ {}  ราคาที่คณะกรรมการกำหนด {} บาท/กก.\n  ข้าวในยุ้งฉาง {} กิโลกรัม มูลค่าตามต้นทุน {} บาท ตามราคาคณะกรรมการ {} บาท\n",
                    r.name,
                    r.item,
                    super::thai_date(r.date),
                    r.price.grouped(),
                    r.stock_kg,
                    r.stock_value.grouped(),
                    r.stock_value_at_price.grouped()
                );
                for l in &r.loans {
                    t += &format!(
                        "  สัญญาที่ {:>3}  สมาชิก {:>4} {:<28} ยืม {} กก. {}  ครบกำหนด {}  ค้างข้าว {} + ดอกเบี้ย {} กก.{}\n",
                        l.number,
                        l.member,
                        l.name,
                        l.kg,
                        super::thai_date(l.lent_on),
                        super::thai_date(l.due),
                        l.principal_kg,
                        l.interest_kg,
                        l.bucket_label
                            .map(|b| format!("  {b} ({} วัน)", l.days_overdue))
                            .unwrap_or_default()
                    );
                }
                for dl in &r.deposits {
                    t += &format!(
                        "  ข้าวฝาก สมาชิก {:>4} {:<28} {} กก.\n",
                        dl.member, dl.name, dl.kg
                    );
                }
                t += &format!(
                    "  รวมค้าง {} กก. ดอกเบี้ยข้าว {} กก.  ค้างเกินกำหนด {} สัญญา {} กก.",
                    r.lent_kg, r.interest_kg, r.in_arrears, r.arrears_kg
                );
                t
            })
        }
    }
}

#[derive(Args)]
pub struct BusinessReportArgs {
    #[arg(long)]
    pub business: String,
    /// ปีบัญชี (พ.ศ. เช่น 2568 หรือ ค.ศ.)
    #[arg(long)]
    pub year: String,
}

pub fn report(path: &Path, a: &BusinessReportArgs, out: Out) -> Result<()> {
    let books = super::open(path)?;
    let r = books.business_report(&a.business, &a.year)?;
    out.print(&r, || {
        let mut t = format!(
            "งบกำไรขาดทุนของ{} ปีบัญชี {} ({} – {})\n",
            r.name,
            r.year,
            super::thai_date(r.from),
            super::thai_date(r.to)
        );
        t += "  เดือน        ขาย            ต้นทุนขาย       ค่าใช้จ่าย        กำไร\n";
        for m in &r.months {
            t += &format!(
                "  {:<10} {:>14} {:>14} {:>14} {:>14}\n",
                m.month.to_string(),
                m.figures.sales.grouped(),
                m.figures.cost_of_goods_sold.grouped(),
                m.figures.expenses.grouped(),
                m.figures.profit.grouped()
            );
        }
        t += &format!(
            "  รายได้จากการขาย {} บาท\n  ต้นทุนสินค้าที่ขาย {} บาท\n  กำไรขั้นต้น {} บาท\n  รายได้อื่น {} บาท\n  ค่าใช้จ่าย {} บาท\n  กำไร (ขาดทุน) สุทธิ {} บาท — เป็นรายได้ของทุนดำเนินการ\n",
            r.totals.sales.grouped(),
            r.totals.cost_of_goods_sold.grouped(),
            r.totals.gross_profit.grouped(),
            r.totals.other_income.grouped(),
            r.totals.expenses.grouped(),
            r.totals.profit.grouped()
        );
        t += &format!(
            "  สินค้าคงเหลือสิ้นปี {} บาท  เงินสดของธุรกิจ {} บาท  ลูกหนี้สมาชิก {} บาท",
            r.stock.total_value.grouped(),
            r.cash.grouped(),
            r.receivables.grouped()
        );
        t
    })
}
