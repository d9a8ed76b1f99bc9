//! `sajja`: the command line. Every command is a few lines over the core; output is Thai text
//! for people, or JSON with `--json` (amounts as strings, dates ISO). Exit status 0 on success,
//! 1 with a Thai message on stderr on any refusal.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use cli::collect;
use cli::Out;
use sajja_core::thai::{self, BahtTextConvention, Digits};
use sajja_core::{Books, Error, MemberInput, NewGroup, Result};

mod cli;

#[derive(Parser)]
#[command(name = "sajja", version, about = "บัญชีกลุ่มออมทรัพย์เพื่อการผลิต (Sajja)")]
struct Cli {
    /// ไฟล์บัญชีของกลุ่ม (ค่าเริ่มต้น: SAJJA_DB หรือไฟล์ในโฟลเดอร์ข้อมูลของเครื่อง)
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// แสดงผลเป็น JSON สำหรับโปรแกรมอื่น
    #[arg(long, global = true)]
    json: bool,
    /// ผู้ใช้ที่บันทึก (เลขที่สมาชิก) เมื่อกลุ่มมีผู้ใช้แล้ว; PIN จากแป้นพิมพ์หรือ SAJJA_PIN
    /// (ใส่ก่อนชื่อคำสั่ง: sajja --as 1 reverse …)
    #[arg(long = "as")]
    as_user: Option<u32>,
    /// ผู้ตรวจคนที่สอง (เลขที่สมาชิก) ของรายการที่ต้องมีสองคน; PIN จากแป้นพิมพ์หรือ
    /// SAJJA_CHECKER_PIN (ใส่ก่อนชื่อคำสั่ง; ไม่ใช่ --checker ของ meeting close)
    #[arg(long = "checker")]
    checker: Option<u32>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// สร้างบัญชีกลุ่มใหม่
    Init(InitArgs),
    /// สมาชิก
    #[command(subcommand)]
    Member(MemberCommand),
    /// ระเบียบกลุ่ม (ค่าตั้ง)
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// ตรวจความถูกต้องของไฟล์บัญชีทั้งหมด หรือรหัสตรวจสอบบนเอกสาร (--code)
    Verify {
        /// รหัสตรวจสอบที่พิมพ์บนเอกสาร เช่น 7KQ4-M2XD
        #[arg(long)]
        code: Option<String>,
    },
    /// สำรองบัญชี ดูรายการสำเนา กู้คืน คัดลอกไปแฟลชไดรฟ์
    #[command(subcommand)]
    Backup(cli::trust::BackupCommand),
    /// บันทึกการตรวจสอบ: สำรอง กู้คืน พิมพ์ ผนึก ตั้งแต่วันที่ถึงวันที่
    Audit(cli::trust::AuditArgs),
    /// ผู้ใช้ของโปรแกรม: เพิ่มผู้ใช้ (ผูกกับสมาชิก บทบาท PIN) และรายชื่อผู้ใช้
    #[command(subcommand)]
    User(cli::trust::UserCommand),
    /// ผนึกรายการบัญชีด้วยรหัสผ่านของคณะกรรมการตรวจสอบ (--set) หรือตรวจผนึก (--check);
    /// รหัสผ่านจากแป้นพิมพ์ หรือ SAJJA_SEAL
    Seal(cli::trust::SealArgs),
    /// เครื่องมือภาษาไทย: จำนวนเงินเป็นตัวอักษร และวันที่ พ.ศ.
    #[command(subcommand)]
    Thai(ThaiCommand),
    /// สร้างกลุ่มตัวอย่างพร้อมข้อมูล
    Demo(DemoArgs),
    /// แสดงไฟล์บัญชีที่ใช้อยู่
    Where,
    /// ยอดที่สมาชิกต้องชำระ ณ วันที่
    Due(collect::DueArgs),
    /// รับเงินสมาชิกหนึ่งแถว (หรือทั้งแผ่นด้วย --batch)
    Collect(collect::CollectArgs),
    /// รายจ่ายของกลุ่ม (จ่ายจากทุนค่าใช้สอย)
    Expense(collect::ExpenseArgs),
    /// รายรับอื่น เงินอุดหนุน เงินบริจาค
    Income(collect::IncomeArgs),
    /// เงินฝากธนาคารของกลุ่ม
    #[command(subcommand)]
    Bank(collect::BankCommand),
    /// เงินของกลุ่ม: เงินสด เงินฝากธนาคาร ทุนค่าใช้สอย ณ วันที่
    Money(collect::MoneyArgs),
    /// ยกเลิกใบเสร็จหรือรายการ (พร้อมเหตุผล)
    Reverse(collect::ReverseArgs),
    /// บันทึกการนับเงินสด
    CashCount(collect::CashCountArgs),
    /// ปิดบัญชีประจำเดือน (เช่น 2568-03)
    CloseMonth(collect::CloseMonthArgs),
    /// ยอดคงเหลือของสมาชิก
    Balance(collect::BalanceArgs),
    /// สมุดเงินสดประจำเดือน
    Cashbook(collect::MonthArgs),
    /// ทะเบียนคุมเงินสัจจะ (สมาชิก × เดือน) ของปีบัญชี
    Register(collect::YearArgs),
    /// ประวัติบัญชีของสมาชิก
    History(collect::HistoryArgs),
    /// เงินกู้: ประเภทเงินกู้ คำขอกู้ อนุมัติ จ่ายเงิน ตารางผ่อน บัตรลูกหนี้ ลูกหนี้ค้างชำระ
    #[command(subcommand)]
    Loan(cli::loan::LoanCommand),
    /// ธุรกิจของกลุ่ม (ร้านค้าชุมชน ปุ๋ย ยุ้งฉาง ธนาคารข้าว) จากทุนดำเนินการ
    #[command(subcommand)]
    Business(cli::business::BusinessCommand),
    /// สินค้าของธุรกิจกลุ่ม
    #[command(subcommand)]
    Item(cli::business::ItemCommand),
    /// สินค้า: ซื้อเข้า ขาย (เงินสด/เงินเชื่อสมาชิก) ตรวจนับ สินค้าคงเหลือ
    #[command(subcommand)]
    Stock(cli::business::StockCommand),
    /// ธนาคารข้าว: ให้ยืมข้าว รับคืนพร้อมดอกเบี้ยข้าว สัญญาที่ค้างและอายุหนี้
    #[command(subcommand)]
    Rice(cli::business::RiceCommand),
    /// นำเข้าข้อมูลจาก Excel หรือ CSV: สมาชิก ยอดยกมา เงินกู้ ทุน และแบบฟอร์ม
    #[command(subcommand)]
    Import(cli::import::ImportCommand),
    /// ส่งออกทะเบียนและรายงานเป็นไฟล์ Excel
    Export(cli::export::ExportArgs),
    /// ยอดยกมาจากสมุดบัญชีเดิม
    #[command(subcommand)]
    Opening(cli::import::OpeningCommand),
    /// คณะกรรมการ: ทะเบียนผู้ดำรงตำแหน่ง (ผู้อนุมัติเงินกู้ต้องเป็นกรรมการเงินกู้ในวันนั้น)
    #[command(subcommand)]
    Committee(cli::governance::CommitteeCommand),
    /// การประชุม: ผู้มาประชุม ระเบียบวาระ มติ รายงานการประชุม
    #[command(subcommand)]
    Meeting(cli::governance::MeetingCommand),
    /// พิมพ์เอกสาร: สมุดคู่ฝาก ใบเสร็จ ใบสำคัญจ่าย รายงานสมาชิก รายงานฐานะการเงิน สมุดเงินสด ทะเบียนคุมเงินสัจจะ
    Print(cli::print::PrintArgs),
    /// งบการเงินประจำปี: งบทดลอง งบรายได้–ค่าใช้จ่าย งบแสดงฐานะการเงิน งบรับ–จ่าย
    #[command(subcommand)]
    Report(cli::yearend::ReportCommand),
    /// สิ้นปีบัญชี: ร่างการจัดสรรกำไร ปิดบัญชีประจำปี จ่ายปันผลและเฉลี่ยคืน
    #[command(subcommand)]
    Yearend(cli::yearend::YearendCommand),
}

#[derive(Args)]
struct InitArgs {
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    founded: String,
    #[arg(long = "year-start", default_value = "", hide_default_value = true)]
    year_start: String,
    #[arg(long = "share-value", default_value = "", hide_default_value = true)]
    share_value: String,
    #[arg(long = "min-shares", default_value = "", hide_default_value = true)]
    min_shares: String,
    #[arg(long = "max-shares", default_value = "", hide_default_value = true)]
    max_shares: String,
    #[arg(long = "entrance-fee", default_value = "", hide_default_value = true)]
    entrance_fee: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    village: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    moo: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    tambon: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    amphoe: String,
    #[arg(long, default_value = "", hide_default_value = true)]
    province: String,
}

#[derive(Subcommand)]
enum MemberCommand {
    /// รับสมาชิกใหม่
    Add(MemberFields),
    /// รายชื่อสมาชิก (ค้นด้วยเลขที่หรือชื่อได้)
    List {
        #[arg(long, default_value = "", hide_default_value = true)]
        search: String,
    },
    /// ข้อมูลสมาชิกหนึ่งคน (เลขประจำตัวประชาชนแสดงเฉพาะ 3 หลักท้าย)
    Show {
        number: u32,
        /// แสดงเลขประจำตัวประชาชนเต็ม 13 หลัก
        #[arg(long = "show-id")]
        show_id: bool,
    },
    /// แก้ไขข้อมูลสมาชิก (เก็บประวัติทุกครั้ง)
    Update {
        number: u32,
        #[command(flatten)]
        fields: MemberFields,
        /// วันที่มีผลของการแก้ไข (ค่าเริ่มต้น: วันนี้)
        #[arg(long, default_value = "", hide_default_value = true)]
        on: String,
    },
    /// ประวัติการแก้ไขข้อมูลสมาชิก
    History { number: u32 },
    /// สมาชิกพ้นสภาพ (ลาออก เสียชีวิต ให้ออก): คืนเงินและปิดบัญชีสมาชิก
    Exit(collect::ExitArgs),
    /// จ่ายเงินรอจ่ายคืนสมาชิกพ้นสภาพ (ที่ตั้งค้างจ่ายไว้ตอนพ้นสภาพ) พร้อมเลขที่ใบสำคัญจ่าย
    PayExit(collect::PayExitArgs),
}

#[derive(Args, Default)]
struct MemberFields {
    /// ชื่อเต็มพร้อมคำนำหน้า เช่น "นายสมชาย ใจดี"
    #[arg(long)]
    name: Option<String>,
    #[arg(long = "id-card")]
    id_card: Option<String>,
    #[arg(long)]
    birth: Option<String>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    joined: Option<String>,
    #[arg(long)]
    shares: Option<String>,
    /// ผู้รับผลประโยชน์ "ชื่อ:ความสัมพันธ์:ร้อยละ" (ใส่ได้ถึง 3 ครั้ง)
    #[arg(long = "beneficiary")]
    beneficiaries: Vec<String>,
}

#[derive(Subcommand)]
enum SettingsCommand {
    /// ระเบียบที่ใช้อยู่วันนี้ พร้อมชื่อค่าตั้ง (key) และวันที่เริ่มใช้
    Show,
    /// เปลี่ยนระเบียบข้อหนึ่งตั้งแต่วันที่กำหนด (ก่อนวันนั้นยังใช้ค่าเดิม)
    Set {
        /// ชื่อค่าตั้ง เช่น share_value, fine_per_month, bahttext (ดูด้วย sajja settings show)
        key: String,
        /// ค่าใหม่ เช่น 50, 10.00, libreoffice
        value: String,
        /// วันที่เริ่มใช้ (ค่าเริ่มต้น: วันนี้)
        #[arg(long, default_value = "", hide_default_value = true)]
        from: String,
        /// การประชุมที่มีมติแก้ไข เช่น 2568/12: ระเบียบกลุ่มที่พิมพ์แสดงเป็นการแก้ไขเพิ่มเติม
        #[arg(long, default_value = "", hide_default_value = true)]
        meeting: String,
    },
}

#[derive(Subcommand)]
enum ThaiCommand {
    /// จำนวนเงินเป็นตัวอักษร เช่น 101 → หนึ่งร้อยเอ็ดบาทถ้วน
    Bahttext {
        amount: String,
        #[arg(long)]
        convention: Option<String>,
    },
    /// วันที่แบบไทย เช่น 2025-03-15 → 15 มี.ค. 2568
    Date {
        date: String,
        #[arg(long)]
        long: bool,
        #[arg(long = "thai-digits")]
        thai_digits: bool,
    },
}

#[derive(Args)]
struct DemoArgs {
    #[arg(long, default_value_t = 60)]
    members: u32,
    #[arg(long, default_value_t = 2517)]
    seed: u64,
    #[arg(long, default_value_t = 24)]
    months: u32,
    /// เดือนสุดท้ายของข้อมูลตัวอย่าง (ค่าเริ่มต้น: เดือนนี้)
    #[arg(long = "last-month")]
    last_month: Option<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version; a closed pipe is not an error.
            let _ = cli::write_stdout(e.render().to_string().trim_end());
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            warn(&format!("ผิดพลาด: {}", cli::usage::thai_message(&e)));
            return ExitCode::from(2);
        }
    };
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            warn(&format!("ผิดพลาด: {e}{}", command_hint(&e)));
            ExitCode::FAILURE
        }
    }
}

/// What to type next, for messages the core words for every user (the app shows a form or a
/// checkbox instead of a command).
fn command_hint(e: &sajja_core::Error) -> &'static str {
    match (e, e.field()) {
        (sajja_core::Error::NoBooks(_), _) => "\nสร้างด้วยคำสั่ง: sajja init --name \"ชื่อกลุ่ม\"",
        (_, Some("confirm_rate")) => "\nยืนยันอัตราในคำสั่งด้วย --confirm-rate",
        (_, Some("product")) if e.to_string().contains("ไม่พบประเภทเงินกู้") => {
            "\nดูรายการด้วยคำสั่ง sajja loan product list"
        }
        _ => "",
    }
}

/// A line on stderr; nothing to do if stderr is gone.
fn warn(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

fn run(cli: &Cli) -> Result<()> {
    let path = sajja_core::resolve_db_path(cli.db.as_deref());
    let out = Out { json: cli.json };
    cli::set_who(cli.as_user, cli.checker);
    match &cli.command {
        Command::Init(a) => init(&path, a, out),
        Command::Member(c) => member(&path, c, out),
        Command::Settings(c) => settings(&path, c, out),
        Command::Verify { code: None } => verify(&path, out),
        Command::Verify { code: Some(code) } => cli::trust::verify_code(&path, code, out),
        Command::Backup(c) => cli::trust::backup(&path, c, out),
        Command::Audit(a) => cli::trust::audit(&path, a, out),
        Command::Seal(a) => cli::trust::seal(&path, a, out),
        Command::User(c) => cli::trust::user(&path, c, out),
        Command::Thai(c) => thai_tool(c, out),
        Command::Demo(a) => demo(&path, a, out),
        Command::Due(a) => collect::due(&path, a, out),
        Command::Collect(a) => collect::collect(&path, a, out),
        Command::Expense(a) => collect::expense(&path, a, out),
        Command::Income(a) => collect::income(&path, a, out),
        Command::Bank(c) => collect::bank(&path, c, out),
        Command::Money(a) => collect::money(&path, a, out),
        Command::Reverse(a) => collect::reverse(&path, a, out),
        Command::CashCount(a) => collect::cash_count(&path, a, out),
        Command::CloseMonth(a) => collect::close_month(&path, a, out),
        Command::Balance(a) => collect::balance(&path, a, out),
        Command::Cashbook(a) => collect::cashbook(&path, a, out),
        Command::Register(a) => collect::register(&path, a, out),
        Command::History(a) => collect::history(&path, a, out),
        Command::Loan(c) => cli::loan::run(&path, c, out),
        Command::Import(c) => cli::import::run(&path, c, out),
        Command::Opening(c) => cli::import::opening(&path, c, out),
        Command::Export(a) => cli::export::run(&path, a, out),
        Command::Print(p) => cli::print::run(&path, &p.command, p.force, out),
        Command::Business(c) => cli::business::business(&path, c, out),
        Command::Item(c) => cli::business::item(&path, c, out),
        Command::Stock(c) => cli::business::stock(&path, c, out),
        Command::Rice(c) => cli::business::rice(&path, c, out),
        Command::Committee(c) => cli::governance::committee(&path, c, out),
        Command::Meeting(c) => cli::governance::meeting(&path, c, out),
        Command::Report(c) => cli::yearend::report(&path, c, out),
        Command::Yearend(c) => cli::yearend::yearend(&path, c, out),
        Command::Where => out.print(
            &serde_json::json!({ "db": path.display().to_string() }),
            || path.display().to_string(),
        ),
    }
}

fn init(path: &Path, a: &InitArgs, out: Out) -> Result<()> {
    let group = NewGroup {
        name: a.name.clone(),
        village: a.village.clone(),
        moo: a.moo.clone(),
        tambon: a.tambon.clone(),
        amphoe: a.amphoe.clone(),
        province: a.province.clone(),
        founded: a.founded.clone(),
        year_start_month: a.year_start.clone(),
        share_value: a.share_value.clone(),
        min_shares: a.min_shares.clone(),
        max_shares: a.max_shares.clone(),
        entrance_fee: a.entrance_fee.clone(),
    };
    let books = Books::create(path, &group)?;
    let overview = books.overview()?;
    out.print(&overview, || {
        format!(
            "สร้างบัญชี \"{}\" แล้วที่ {}",
            overview.group.name,
            path.display()
        )
    })
}

fn member_input(f: &MemberFields, base: Option<&sajja_core::Member>) -> Result<MemberInput> {
    let mut input = match base {
        Some(m) => MemberInput {
            title: m.title.clone(),
            first_name: m.first_name.clone(),
            last_name: m.last_name.clone(),
            id_card: m.id_card.clone().unwrap_or_default(),
            birth_date: m.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            address: m.address.clone(),
            phone: m.phone.clone(),
            joined: m.joined.to_string(),
            shares: m.shares.to_string(),
            beneficiaries: m
                .beneficiaries
                .iter()
                .map(|b| sajja_core::BeneficiaryInput {
                    name: b.name.clone(),
                    relation: b.relation.clone(),
                    id_card: b.id_card.clone().unwrap_or_default(),
                    share_percent: b.share_percent.clone(),
                })
                .collect(),
            ..MemberInput::default()
        },
        None => MemberInput::default(),
    };
    if let Some(name) = &f.name {
        let (title, first, last) = sajja_core::member::split_name(name);
        (input.title, input.first_name, input.last_name) = (title, first, last);
        input.name = name.clone();
    }
    let set = |target: &mut String, v: &Option<String>| {
        if let Some(v) = v {
            *target = v.clone();
        }
    };
    set(&mut input.id_card, &f.id_card);
    set(&mut input.birth_date, &f.birth);
    set(&mut input.address, &f.address);
    set(&mut input.phone, &f.phone);
    set(&mut input.joined, &f.joined);
    set(&mut input.shares, &f.shares);
    if !f.beneficiaries.is_empty() {
        input.beneficiaries = f
            .beneficiaries
            .iter()
            .map(|b| parse_beneficiary(b))
            .collect::<Result<_>>()?;
    }
    Ok(input)
}

fn parse_beneficiary(text: &str) -> Result<sajja_core::BeneficiaryInput> {
    let parts: Vec<&str> = text.split(':').collect();
    match parts.as_slice() {
        [name, relation, percent] => Ok(sajja_core::BeneficiaryInput {
            name: name.to_string(),
            relation: relation.to_string(),
            id_card: String::new(),
            share_percent: percent.to_string(),
        }),
        [name, relation, percent, id] => Ok(sajja_core::BeneficiaryInput {
            name: name.to_string(),
            relation: relation.to_string(),
            id_card: id.to_string(),
            share_percent: percent.to_string(),
        }),
        _ => Err(Error::invalid(
            "beneficiaries",
            format!("ผู้รับผลประโยชน์ \"{text}\" ต้องเขียนเป็น ชื่อ:ความสัมพันธ์:ร้อยละ เช่น \"นางมาลี ใจดี:คู่สมรส:100\""),
        )),
    }
}

fn member(path: &Path, c: &MemberCommand, out: Out) -> Result<()> {
    let mut books = cli::open(path)?;
    match c {
        MemberCommand::Add(f) => {
            let m = books.add_member(&member_input(f, None)?)?.masked();
            out.print(&m, || {
                format!("รับสมาชิกเลขที่ {} {} แล้ว", m.number, m.full_name)
            })
        }
        MemberCommand::List { search } => {
            let rows = books.members(search)?;
            out.print(&rows, || {
                let mut s = format!("{:>6}  {:<40} {:>5}  {}\n", "เลขที่", "ชื่อ-สกุล", "หุ้น", "สถานะ");
                for r in &rows {
                    let status = if r.status.is_active() {
                        "สมาชิก"
                    } else {
                        "พ้นสภาพ"
                    };
                    s += &format!(
                        "{:>6}  {:<40} {:>5}  {}\n",
                        r.number, r.full_name, r.shares, status
                    );
                }
                s + &format!("รวม {} คน", rows.len())
            })
        }
        MemberCommand::Show { number, show_id } => {
            let mut m = books.member(*number)?;
            if !show_id {
                m = m.masked();
            }
            out.print(&m, || describe_member(&m))
        }
        MemberCommand::Update { number, fields, on } => {
            let current = books.member(*number)?;
            let input = member_input(fields, Some(&current))?;
            let m = books.update_member(*number, &input, Some(on))?.masked();
            out.print(&m, || format!("แก้ไขข้อมูลสมาชิกเลขที่ {} แล้ว", m.number))
        }
        MemberCommand::PayExit(a) => {
            drop(books);
            collect::pay_exit(path, a, out)
        }
        MemberCommand::Exit(a) => {
            drop(books);
            collect::exit(path, a, out)
        }
        MemberCommand::History { number } => {
            let h = sajja_core::member::mask_history(books.member_history(*number)?);
            out.print(&h, || {
                h.iter()
                    .map(|c| {
                        format!(
                            "{}  {}: {} → {}",
                            cli::thai_date(c.changed_on),
                            c.field_label,
                            c.old_value,
                            c.new_value
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}

fn describe_member(m: &sajja_core::Member) -> String {
    let mut s = format!(
        "สมาชิกเลขที่ {}  {}\nเลขประจำตัวประชาชน {}\nวันเกิด {}\nที่อยู่ {}\nโทรศัพท์ {}\nเข้าเป็นสมาชิก {}\nหุ้นสัจจะ {} หุ้นต่อเดือน\nสถานะ {}",
        m.number,
        m.full_name,
        m.id_card.as_deref().map(sajja_core::idcard::format).unwrap_or("-".into()),
        cli::thai_date_or_dash(m.birth_date),
        if m.address.is_empty() { "-" } else { &m.address },
        if m.phone.is_empty() { "-" } else { &m.phone },
        cli::thai_date(m.joined),
        m.shares,
        if m.status.is_active() { "สมาชิก".to_string() } else { format!("พ้นสภาพ {}", cli::thai_date_or_dash(m.left_on)) },
    );
    for b in &m.beneficiaries {
        s += &format!(
            "\nผู้รับผลประโยชน์: {} ({}) {}%",
            b.name, b.relation, b.share_percent
        );
    }
    s
}

fn settings(path: &Path, c: &SettingsCommand, out: Out) -> Result<()> {
    let mut books = cli::open(path)?;
    match c {
        SettingsCommand::Show => {
            let rows = books.settings_list()?;
            let current = books.settings()?;
            let value = serde_json::json!({ "settings": current, "rules": rows });
            out.print(&value, || {
                rows.iter()
                    .map(|r| {
                        let since = r.effective.map(cli::thai_date).unwrap_or_default();
                        format!(
                            "{:<18} {:<12} {}  (ตั้งแต่ {})",
                            r.key, r.value, r.label, since
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        SettingsCommand::Set {
            key,
            value,
            from,
            meeting,
        } => {
            books.amend_setting(key, value, Some(from), meeting)?;
            let rows = books.settings_list()?;
            out.print(&rows, || format!("ตั้งค่า {key} = {value} แล้ว"))
        }
    }
}

fn verify(path: &Path, out: Out) -> Result<()> {
    let books = cli::open(path)?;
    let report = books.verify()?;
    out.print(&report, || {
        if report.ok {
            format!(
                "ไฟล์บัญชีถูกต้อง: {} รายการ {} บรรทัดบัญชี สมาชิก {} คน",
                report.entries, report.postings, report.members
            )
        } else {
            report
                .problems
                .iter()
                .map(|p| format!("- {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        }
    })?;
    if report.ok {
        Ok(())
    } else {
        Err(Error::Refused(format!(
            "พบปัญหา {} ข้อในไฟล์บัญชี",
            report.problems.len()
        )))
    }
}

fn thai_tool(c: &ThaiCommand, out: Out) -> Result<()> {
    match c {
        ThaiCommand::Bahttext { amount, convention } => {
            let convention: BahtTextConvention = match convention {
                Some(c) => c
                    .parse()
                    .map_err(|_| Error::invalid("convention", "เลือก excel หรือ libreoffice"))?,
                None => BahtTextConvention::default(),
            };
            let money = sajja_core::Money::parse_signed(amount)?;
            let text = thai::bahttext(money.as_decimal(), convention);
            out.print(
                &serde_json::json!({ "amount": money, "text": text }),
                || text.clone(),
            )
        }
        ThaiCommand::Date {
            date,
            long,
            thai_digits,
        } => {
            let d = thai::parse_date(date)?;
            let digits = if *thai_digits {
                Digits::Thai
            } else {
                Digits::Arabic
            };
            let text = if *long {
                thai::format_date_long(d, digits)
            } else {
                thai::format_date(d, digits)
            };
            out.print(&serde_json::json!({ "date": d, "text": text }), || {
                text.clone()
            })
        }
    }
}

fn demo(path: &Path, a: &DemoArgs, out: Out) -> Result<()> {
    let mut opts = sajja_core::demo::DemoOptions {
        members: a.members,
        seed: a.seed,
        months: a.months,
        ..Default::default()
    };
    if let Some(m) = &a.last_month {
        opts.last_month = thai::parse_month(m)?;
    }
    let summary = sajja_core::demo::create(path, &opts)?;
    out.print(&summary, || {
        format!(
            "สร้างกลุ่มตัวอย่าง \"{}\" สมาชิก {} คน ข้อมูล {} ถึง {} ที่ {}",
            summary.group,
            summary.members,
            summary.first_month,
            summary.last_month,
            path.display()
        )
    })
}
