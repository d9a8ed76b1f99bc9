//! The group's rules (ระเบียบกลุ่ม) as dated settings.
//!
//! Each rule has a key, a Thai label, a default and a validator. Changing a rule adds a row
//! with the date it takes effect; the value in force on a date is the latest row on or before
//! it, so old months are always computed with the rules of their time.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::clock;
use crate::error::{Error, Result};
use crate::journal;
use crate::money::Money;
use crate::thai::{BahtTextConvention, Digits};
use Normalize::{OneOf, Rule};

/// The rules in force on one date, typed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Settings {
    pub share_value: Money,
    pub min_shares: u32,
    pub max_shares: u32,
    pub entrance_fee: Money,
    pub year_start_month: u32,
    pub collection_day: u32,
    pub late_after_day: u32,
    pub fine_per_month: Money,
    /// May a part of a month's pledged savings be paid?
    pub sajja_partial: bool,
    /// Months after the current one that pledged savings may be paid ahead.
    pub sajja_ahead_months: u32,
    /// What happens to an amount above that: "refuse" or "deposit" (the member's deposits).
    pub sajja_excess: String,
    #[serde(serialize_with = "ser_bahttext")]
    pub bahttext: BahtTextConvention,
    #[serde(serialize_with = "ser_digits")]
    pub digits: Digits,
    pub loan_charge_word: String,
    /// How a late loan instalment is charged: "fine", "default-interest" or "none".
    pub loan_late_rule: String,
    /// Fine per late loan instalment (rule "fine").
    pub loan_late_fine: Money,
    /// Default interest, percent a year on the overdue principal only (rule "default-interest").
    pub loan_default_rate: String,
    /// Most a member may guarantee in total (outstanding balances); zero = no limit.
    pub guarantee_limit: Money,
    /// Most loans a member may guarantee at once.
    pub guarantee_max_loans: u32,
    /// How many members of the loan committee must sign an approval.
    pub loan_approvals_required: u32,
    /// Quorum of a committee meeting, percent of the seats held that day.
    pub quorum_committee_percent: u32,
    /// Quorum of a member meeting (monthly, annual, extraordinary), percent of the members.
    pub quorum_members_percent: u32,
    /// Digits of the official documents: minutes, contracts, the regulation.
    #[serde(serialize_with = "ser_digits")]
    pub official_digits: Digits,
}

fn ser_bahttext<S: serde::Serializer>(v: &BahtTextConvention, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.as_str())
}

fn ser_digits<S: serde::Serializer>(v: &Digits, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.as_str())
}

/// One rule with its value in force and the date it took effect (for the settings screen).
#[derive(Clone, Debug, serde::Serialize)]
pub struct SettingRow {
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub value: String,
    pub effective: Option<NaiveDate>,
}

/// A rule: key, Thai label, short help, default, and how to check and normalise a typed value.
struct Def {
    key: &'static str,
    label: &'static str,
    help: &'static str,
    default: &'static str,
    normalize: Normalize,
}

/// How a typed value of a rule is checked and put in its stored form.
enum Normalize {
    /// By a function of its own (amounts, counts, percents, dates…).
    Rule(fn(&str) -> Result<String>),
    /// One of a few named values.
    OneOf(&'static [Choice]),
}

impl Normalize {
    fn apply(&self, value: &str) -> Result<String> {
        match self {
            Rule(f) => f(value),
            OneOf(choices) => one_of(value, choices),
        }
    }
}

const DEFS: &[Def] = &[
    Def {
        key: "share_value",
        label: "มูลค่าหุ้นละ (บาท)",
        help: "เงินสัจจะต่อหนึ่งหุ้นต่อเดือน",
        default: "50.00",
        normalize: Rule(positive_money),
    },
    Def {
        key: "min_shares",
        label: "หุ้นขั้นต่ำต่อคน",
        help: "จำนวนหุ้นน้อยที่สุดที่สมาชิกต้องส่งต่อเดือน",
        default: "1",
        normalize: Rule(count),
    },
    Def {
        key: "max_shares",
        label: "หุ้นสูงสุดต่อคน",
        help: "จำนวนหุ้นมากที่สุดที่สมาชิกส่งได้ต่อเดือน",
        default: "20",
        normalize: Rule(count),
    },
    Def {
        key: "entrance_fee",
        label: "ค่าสมัครและค่าธรรมเนียมแรกเข้า (บาท)",
        help: "เข้ากองทุนค่าใช้สอย",
        default: "20.00",
        normalize: Rule(money),
    },
    Def {
        key: "year_start_month",
        label: "เดือนแรกของปีบัญชี",
        help: "1 = มกราคม … 12 = ธันวาคม",
        default: "1",
        normalize: Rule(month),
    },
    Def {
        key: "collection_day",
        label: "วันรับเงินสัจจะ (วันที่ของเดือน)",
        help: "วันที่กลุ่มรับเงินทุกเดือน",
        default: "5",
        normalize: Rule(day),
    },
    Def {
        key: "late_after_day",
        label: "ส่งหลังวันที่นี้ถือว่าส่งช้า",
        help: "วันที่ของเดือน หลังจากนี้คิดค่าปรับ",
        default: "10",
        normalize: Rule(day),
    },
    Def {
        key: "fine_per_month",
        label: "ค่าปรับส่งสัจจะช้า (บาทต่อเดือนที่ช้า)",
        help: "0 = ไม่ปรับ",
        default: "10.00",
        normalize: Rule(money),
    },
    Def {
        key: "sajja_partial",
        label: "รับเงินสัจจะไม่เต็มเดือนได้",
        help: "yes = รับบางส่วนของเดือนได้ ส่วนที่ขาดยังค้างอยู่, no = ต้องส่งเต็มเดือน (ครบจำนวนหุ้นของเดือน)",
        default: "yes",
        normalize: OneOf(PARTIAL_RULE),
    },
    Def {
        key: "sajja_ahead_months",
        label: "รับเงินสัจจะล่วงหน้าได้ไม่เกิน (เดือน)",
        help: "จำนวนเดือนหลังเดือนปัจจุบันที่สมาชิกส่งสัจจะล่วงหน้าได้ 0 = ไม่รับล่วงหน้า",
        default: "24",
        normalize: Rule(months_ahead),
    },
    Def {
        key: "sajja_excess",
        label: "เงินที่ส่งเกินสัจจะที่รับได้",
        help: "refuse = ไม่รับ ให้เหรัญญิกแยกเป็นเงินฝากเอง, deposit = ส่วนที่เกินเข้าบัญชีเงินฝากของสมาชิก",
        default: "refuse",
        normalize: OneOf(EXCESS_RULE),
    },
    Def {
        key: "bahttext",
        label: "การอ่านจำนวนเงินเป็นตัวอักษร",
        help: "excel = หนึ่งร้อยเอ็ดบาท (ราชบัณฑิตยสถาน), libreoffice = หนึ่งร้อยหนึ่งบาท",
        default: "excel",
        normalize: Rule(bahttext),
    },
    Def {
        key: "digits",
        label: "ตัวเลขบนเอกสารพิมพ์",
        help: "arabic = 0-9, thai = ๐-๙",
        default: "arabic",
        normalize: Rule(digits),
    },
    Def {
        key: "loan_charge_word",
        label: "คำเรียกค่าตอบแทนเงินกู้",
        help: "ดอกเบี้ย หรือ ค่าบำรุง",
        default: "ดอกเบี้ย",
        normalize: OneOf(CHARGE_WORD),
    },
    Def {
        key: "loan_late_rule",
        label: "ค่าปรับเมื่อส่งเงินกู้ช้า",
        help:
            "fine = ปรับเป็นเงินต่องวดที่ช้า, default-interest = ดอกเบี้ยผิดนัดเฉพาะเงินต้นงวดที่ค้าง, none = ไม่ปรับ",
        default: "fine",
        normalize: OneOf(LATE_RULE),
    },
    Def {
        key: "loan_late_fine",
        label: "ค่าปรับส่งเงินกู้ช้า (บาทต่องวดที่ช้า)",
        help: "ใช้เมื่อเลือกปรับเป็นเงินต่องวด",
        default: "20.00",
        normalize: Rule(money),
    },
    Def {
        key: "loan_default_rate",
        label: "ดอกเบี้ยผิดนัด (ร้อยละต่อปี)",
        help: "คิดเฉพาะเงินต้นของงวดที่ค้าง ตามประมวลกฎหมายแพ่งและพาณิชย์ (ปกติไม่เกิน 5)",
        default: "5",
        normalize: Rule(yearly_percent),
    },
    Def {
        key: "loan_first_period",
        label: "ดอกเบี้ยงวดแรกของเงินกู้",
        help: "full-month = คิดเต็มเดือนแม้จ่ายเงินกู้กลางเดือน, by-days = คิดตามจำนวนวันตั้งแต่วันจ่ายเงินกู้ถึงวันครบกำหนดงวดแรก (ใช้กับสัญญาที่จ่ายเงินตั้งแต่วันที่มีผล)",
        default: "full-month",
        normalize: OneOf(FIRST_PERIOD),
    },
    Def {
        key: "loan_interest_basis",
        label: "การคิดดอกเบี้ยเงินกู้รายงวด",
        help: "monthly = คิดรายเดือนจากเงินต้นคงเหลือ ส่งภายในวันผ่อนผันไม่เสียค่าปรับและดอกเบี้ยงวดถัดไปไม่เพิ่ม, daily = คิดตามจำนวนวันที่ค้างเงินต้นจริง (ร้อยละต่อเดือน × 12 ÷ 365 ต่อวัน)",
        default: "monthly",
        normalize: OneOf(INTEREST_BASIS),
    },
    Def {
        key: "loan_after_maturity",
        label: "ดอกเบี้ยหลังครบกำหนดสัญญา",
        help: "เงินต้นที่ยังค้างหลังงวดสุดท้ายคิดดอกเบี้ยต่อทุกเดือนจนกว่าจะชำระ: contract = ตามวิธีและอัตราของสัญญา, default-rate = ตามอัตราดอกเบี้ยผิดนัดต่อปีของกลุ่ม",
        default: "contract",
        normalize: OneOf(AFTER_MATURITY),
    },
    Def {
        key: "guarantee_limit",
        label: "วงเงินค้ำประกันรวมสูงสุดต่อผู้ค้ำ (บาท)",
        help: "ยอดหนี้คงเหลือของทุกสัญญาที่สมาชิกหนึ่งคนค้ำได้รวมกัน 0 = ไม่จำกัด",
        default: "0.00",
        normalize: Rule(money),
    },
    Def {
        key: "guarantee_max_loans",
        label: "ค้ำประกันได้ไม่เกิน (สัญญา)",
        help: "จำนวนสัญญาเงินกู้ที่สมาชิกหนึ่งคนค้ำได้พร้อมกัน",
        default: "3",
        normalize: Rule(count),
    },
    Def {
        key: "stock_costing",
        label: "การคิดต้นทุนสินค้าที่ขายของธุรกิจกลุ่ม",
        help: "average = ต้นทุนถัวเฉลี่ย (มูลค่าคงเหลือ ÷ จำนวนคงเหลือ), fifo = เข้าก่อนออกก่อน (ล็อตที่ซื้อก่อนออกก่อน)",
        default: "average",
        normalize: OneOf(STOCK_COSTING),
    },
    Def {
        key: "goods_late_fine",
        label: "ค่าปรับค่าสินค้าเงินเชื่อที่ส่งช้า (บาทต่องวดที่ช้า)",
        help: "สินค้าที่ขายเชื่อครบกำหนดชำระในวันรับเงินถัดไป ถ้าไม่ชำระครบภายในวันส่งช้าของเดือนนั้น ปรับหนึ่งครั้งต่องวด เป็นรายได้ค่าปรับของทุนดำเนินการ 0 = ไม่ปรับ",
        default: "0.00",
        normalize: Rule(money),
    },
    Def {
        key: "rice_interest_per_100",
        label: "ดอกเบี้ยข้าวของธนาคารข้าว (กิโลกรัมต่อข้าวที่ยืม 100 กิโลกรัมต่อฤดู)",
        help: "คิดเป็นข้าว เช่น 10 = ยืม 100 กก. คืน 110 กก. ภายในหนึ่งฤดู; คิดจากข้าวที่ยังค้างเมื่อเริ่มแต่ละฤดู",
        default: "10",
        normalize: Rule(rice_rate),
    },
    Def {
        key: "rice_season_months",
        label: "ระยะเวลาหนึ่งฤดูของธนาคารข้าว (เดือน)",
        help: "ข้าวที่ยืมครบกำหนดคืนเมื่อสิ้นฤดูแรก คืนหลังจากนั้นคิดดอกเบี้ยข้าวเพิ่มทุกฤดูที่เริ่ม",
        default: "6",
        normalize: Rule(season_months),
    },
    Def {
        key: "rice_price",
        label: "ราคาข้าวที่คณะกรรมการกำหนดประจำปี (บาทต่อกิโลกรัม)",
        help: "ใช้ตีมูลค่าข้าวดอกเบี้ยที่รับคืน และมูลค่าข้าวคงคลังตามราคาคณะกรรมการในรายงาน",
        default: "0.00",
        normalize: Rule(money),
    },
    // Year-end (src/yearend): how the net profit is allocated and dividends are computed.
    Def {
        key: "dividend_method",
        label: "วิธีคิดปันผล",
        help: "x12 = ยอดต้นปีถึงสิ้นเดือนที่ 11 (ไม่นับเดือนที่ฝาก), month-end = ยอดสิ้นเดือนที่ 1–12, days = ยอดสิ้นวันทุกวันของปี",
        default: "x12",
        normalize: OneOf(DIVIDEND_METHOD),
    },
    Def {
        key: "dividend_rounding",
        label: "การปัดเศษปันผลและเฉลี่ยคืน",
        help: "satang = ปัดครึ่งขึ้นเป็นสตางค์, baht = ปัดลงเป็นบาทเต็ม; เศษที่เหลือเข้าทุนสำรอง",
        default: "satang",
        normalize: OneOf(DIVIDEND_ROUNDING),
    },
    Def {
        key: "dividend_includes_leavers",
        label: "ให้ปันผลและเฉลี่ยคืนแก่สมาชิกที่พ้นสภาพระหว่างปี",
        help: "true = ได้ตามน้ำหนักเดียวกัน (ยอดเป็นศูนย์หลังรับคืน), false = เฉพาะผู้เป็นสมาชิก ณ สิ้นปี",
        default: "false",
        normalize: OneOf(YES_NO),
    },
    Def {
        key: "average_return_excludes_defaulters",
        label: "ผู้ผิดนัดชำระเงินกู้ในปีไม่ได้เฉลี่ยคืน",
        help: "true = สมาชิกที่มีงวดถึงกำหนดในปีแต่ชำระไม่ครบภายในสิ้นเดือนนั้นไม่ได้เฉลี่ยคืน",
        default: "true",
        normalize: OneOf(YES_NO),
    },
    Def {
        key: "allocation_dividend",
        label: "จัดสรรกำไร: ปันผลตามเงินสัจจะ (ร้อยละ)",
        help: "ทุกหมวดรวมกันต้องเท่ากับ 100",
        default: "60",
        normalize: Rule(allocation_percent),
    },
    Def {
        key: "allocation_average_return",
        label: "จัดสรรกำไร: เฉลี่ยคืนตามดอกเบี้ยที่จ่าย (ร้อยละ)",
        help: "ทุกหมวดรวมกันต้องเท่ากับ 100",
        default: "15",
        normalize: Rule(allocation_percent),
    },
    Def {
        key: "allocation_purchase_return",
        label: "จัดสรรกำไร: เฉลี่ยคืนตามยอดซื้อจากธุรกิจของกลุ่ม (ร้อยละ)",
        help: "แบ่งตามยอดที่สมาชิกซื้อสินค้าจากธุรกิจของกลุ่มในปี (ทั้งเงินสดและเงินเชื่อ) — 0 = ระเบียบไม่มีหมวดนี้; ทุกหมวดรวมกันต้องเท่ากับ 100",
        default: "0",
        normalize: Rule(allocation_percent),
    },
    Def {
        key: "allocation_reserve",
        label: "จัดสรรกำไร: ทุนสำรอง (ร้อยละ)",
        help: "ทุนสำรองรับเศษที่เหลือจากการปัดทุกหมวด",
        default: "10",
        normalize: Rule(allocation_percent),
    },
    Def {
        key: "allocation_committee",
        label: "จัดสรรกำไร: ค่าตอบแทนคณะกรรมการ (ร้อยละ)",
        help: "ทุกหมวดรวมกันต้องเท่ากับ 100",
        default: "5",
        normalize: Rule(allocation_percent),
    },
    Def {
        key: "allocation_welfare",
        label: "จัดสรรกำไร: สวัสดิการสมาชิก (ร้อยละ)",
        help: "ทุกหมวดรวมกันต้องเท่ากับ 100",
        default: "5",
        normalize: Rule(allocation_percent),
    },
    Def {
        key: "allocation_public_benefit",
        label: "จัดสรรกำไร: สาธารณประโยชน์ (ร้อยละ)",
        help: "ทุกหมวดรวมกันต้องเท่ากับ 100",
        default: "2",
        normalize: Rule(allocation_percent),
    },
    Def {
        key: "allocation_expense_fund",
        label: "จัดสรรกำไร: ทุนค่าใช้สอย (ร้อยละ)",
        help: "เข้ากองทุนค่าใช้สอยของกลุ่ม",
        default: "3",
        normalize: Rule(allocation_percent),
    },
    Def {
        key: "allocation_other",
        label: "จัดสรรกำไร: อื่น ๆ ตามระเบียบกลุ่ม (ร้อยละ)",
        help: "ชื่อหมวดตั้งที่ allocation_other_label",
        default: "0",
        normalize: Rule(allocation_percent),
    },
    Def {
        key: "allocation_other_label",
        label: "ชื่อหมวดจัดสรรอื่น ๆ",
        help: "เช่น ทุนการศึกษา หรือ ทุนพัฒนากลุ่ม",
        default: "อื่น ๆ ตามระเบียบกลุ่ม",
        normalize: Rule(label_text),
    },
    Def {
        key: "dividend_payout",
        label: "จ่ายปันผลและเฉลี่ยคืนโดยปกติเป็น",
        help: "cash = เงินสด, savings = เข้าเงินสัจจะ, deposit = เข้าเงินฝาก (สมาชิกเลือกอย่างอื่นได้)",
        default: "cash",
        normalize: OneOf(PAYOUT_PLACE),
    },
    Def {
        key: "loan_approvals_required",
        label: "กรรมการเงินกู้ที่ต้องลงนามอนุมัติเงินกู้ (คน)",
        help: "ผู้อนุมัติต้องดำรงตำแหน่งในคณะกรรมการเงินกู้ในวันที่อนุมัติ",
        default: "1",
        normalize: Rule(count),
    },
    Def {
        key: "quorum_committee_percent",
        label: "องค์ประชุมคณะกรรมการ (ร้อยละของกรรมการ)",
        help: "ต้องมีกรรมการมาประชุมไม่น้อยกว่าร้อยละนี้ของกรรมการทั้งหมดในวันประชุม",
        default: "50",
        normalize: Rule(percent),
    },
    Def {
        key: "quorum_members_percent",
        label: "องค์ประชุมสมาชิก (ร้อยละของสมาชิก)",
        help: "ประชุมใหญ่และประชุมสมาชิก: ต้องมีสมาชิกมาประชุมไม่น้อยกว่าร้อยละนี้",
        default: "50",
        normalize: Rule(percent),
    },
    Def {
        key: "official_digits",
        label: "ตัวเลขในรายงานการประชุม สัญญา และระเบียบกลุ่ม",
        help: "thai = ๐-๙ (แบบหนังสือราชการ), arabic = 0-9",
        default: "thai",
        normalize: Rule(digits),
    },
    // Passbook geometry for continuation printing (read by documents::passbook_continue).
    Def {
        key: "passbook_page_mm",
        label: "สมุดคู่ฝาก: ขนาดหน้าที่ป้อนเข้าเครื่องพิมพ์ (กว้างxสูง มม.)",
        help: "วัดหน้าสมุดที่กางออกตามที่ป้อนเข้าเครื่องพิมพ์ เช่น 180x230",
        default: "180x230",
        normalize: Rule(crate::length::normalize_page),
    },
    Def {
        key: "passbook_lines",
        label: "สมุดคู่ฝาก: จำนวนบรรทัดต่อหน้า",
        help: "นับทั้งครึ่งบนและครึ่งล่างของรอยพับ",
        default: "24",
        normalize: Rule(count),
    },
    Def {
        key: "passbook_first_line_mm",
        label: "สมุดคู่ฝาก: ระยะจากขอบบนถึงบรรทัดแรก (มม.)",
        help: "วัดจากขอบบนของหน้าถึงด้านบนของบรรทัดแรก",
        default: "22",
        normalize: Rule(crate::length::normalize_mm),
    },
    Def {
        key: "passbook_line_mm",
        label: "สมุดคู่ฝาก: ระยะระหว่างบรรทัด (มม.)",
        help: "จากบรรทัดหนึ่งถึงบรรทัดถัดไป",
        default: "7",
        normalize: Rule(crate::length::normalize_line_mm),
    },
    Def {
        key: "passbook_fold_after",
        label: "สมุดคู่ฝาก: รอยพับอยู่หลังบรรทัดที่",
        help: "บรรทัดหลังรอยพับเลื่อนลงตามช่องว่างที่รอยพับ สมุดไม่มีรอยพับ: ใส่เท่ากับจำนวนบรรทัดต่อหน้า",
        default: "12",
        normalize: Rule(count),
    },
    Def {
        key: "passbook_fold_gap_mm",
        label: "สมุดคู่ฝาก: ช่องว่างที่รอยพับ (มม.)",
        help: "ระยะที่เว้นไว้ข้ามรอยพับกลางหน้า",
        default: "14",
        normalize: Rule(crate::length::normalize_mm),
    },
    Def {
        key: "passbook_columns_mm",
        label: "สมุดคู่ฝาก: ตำแหน่งคอลัมน์ (มม. จากขอบซ้าย)",
        help: "11 ค่า: วันที่, รายการ (ขอบซ้าย); ส่งสัจจะ, สัจจะคงเหลือ, ฝาก, ถอน, เงินฝากคงเหลือ, ค่าปรับ, ส่งต้น, ดอกเบี้ย, ต้นคงเหลือ (ขอบขวา)",
        default: crate::length::PASSBOOK_COLUMNS_DEFAULT,
        normalize: Rule(crate::length::normalize_columns),
    },
    Def {
        key: "passbook_pages",
        label: "สมุดคู่ฝาก: จำนวนหน้าต่อเล่ม",
        help: "เมื่อพิมพ์ครบทุกหน้า รายการต่อไปขึ้นเล่มใหม่พร้อมยอดยกมา",
        default: "16",
        normalize: Rule(count),
    },
    Def {
        key: "passbook_bring_forward_after",
        label: "สมุดคู่ฝาก: ยกยอดเมื่อรายการค้างพิมพ์เกิน (บรรทัด)",
        help: "รายการเก่ากว่านั้นรวมเป็นบรรทัดยกยอดบรรทัดเดียว",
        default: "12",
        normalize: Rule(count),
    },
    Def {
        key: "money_days_ahead",
        label: "บันทึกรายการเงินล่วงหน้าได้ไม่เกิน (วัน)",
        help: "รายการเงินลงวันที่ได้ตั้งแต่วันก่อตั้งกลุ่มถึงวันนี้บวกจำนวนวันนี้ กันพิมพ์ปีผิด",
        default: "31",
        normalize: Rule(days_ahead),
    },
];

fn days_ahead(v: &str) -> Result<String> {
    let n = whole_number(v)?;
    if n > 366 {
        return Err(Error::invalid("value", "ต้องอยู่ระหว่าง 0 ถึง 366 วัน"));
    }
    Ok(n.to_string())
}

fn def(key: &str) -> Result<&'static Def> {
    DEFS.iter().find(|d| d.key == key).ok_or_else(|| {
        let keys: Vec<&str> = DEFS.iter().map(|d| d.key).collect();
        Error::invalid(
            "key",
            format!("ไม่รู้จักค่าตั้ง \"{key}\" — ค่าที่ตั้งได้: {}", keys.join(", ")),
        )
    })
}

/// Checks and normalises a typed value for `key` (without saving it).
pub fn normalize(key: &str, value: &str) -> Result<String> {
    let d = def(key)?;
    d.normalize.apply(value.trim()).map_err(|e| match e {
        Error::Invalid { message, .. } => Error::Invalid {
            field: d.key,
            message: format!("{}: {message}", d.label),
        },
        Error::Money(m) => Error::Invalid {
            field: d.key,
            message: format!("{}: {m}", d.label),
        },
        other => other,
    })
}

/// Writes the defaults (and any initial values given) effective from `from`.
pub(crate) fn install(
    conn: &Connection,
    from: NaiveDate,
    initial: &[(&str, String)],
) -> Result<()> {
    for d in DEFS {
        let value = match initial.iter().find(|(k, _)| *k == d.key) {
            Some((_, v)) => normalize(d.key, v)?,
            None => d.default.to_string(),
        };
        insert(conn, d.key, &value, from, None)?;
    }
    check_consistent(conn, from)
}

/// Changes a rule from `effective` on. Refused inside a closed period: closed months keep
/// the rules they were computed with.
pub(crate) fn set(conn: &Connection, key: &str, value: &str, effective: NaiveDate) -> Result<()> {
    amend(conn, key, value, effective, None)
}

/// Changes a rule from `effective` on by the decision of the meeting `meeting_id` (its id):
/// the printed regulation lists it as an amendment. `None` is a change without a meeting.
pub(crate) fn amend(
    conn: &Connection,
    key: &str,
    value: &str,
    effective: NaiveDate,
    meeting_id: Option<&str>,
) -> Result<()> {
    let value = normalize(key, value)?;
    journal::ensure_writable(conn, effective)?;
    insert(conn, key, &value, effective, meeting_id)?;
    check_consistent(conn, effective)
}

fn insert(
    conn: &Connection,
    key: &str,
    value: &str,
    effective: NaiveDate,
    meeting_id: Option<&str>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, effective, value, recorded_at, meeting_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            key,
            effective.to_string(),
            value,
            clock::now_utc(),
            meeting_id
        ],
    )?;
    Ok(())
}

/// A change of a rule decided at a meeting: what the regulation prints as an amendment.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Amendment {
    pub key: &'static str,
    pub label: &'static str,
    pub effective: NaiveDate,
    /// The value before (in force the day before `effective`) and the new value, as stored.
    pub before: String,
    pub value: String,
    /// The deciding meeting's id.
    pub meeting_id: String,
}

/// Every rule change made with a meeting reference, in the order they take effect.
pub fn amendments(conn: &Connection) -> Result<Vec<Amendment>> {
    let timeline = Timeline::load(conn)?;
    let mut stmt = conn.prepare(
        "SELECT key, effective, value, meeting_id FROM setting
         WHERE meeting_id IS NOT NULL ORDER BY effective, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, NaiveDate>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (key, effective, value, meeting_id) = row?;
        let Ok(d) = def(&key) else { continue };
        let before = match effective.pred_opt() {
            Some(day) => timeline.raw(d.key, day)?,
            None => d.default.to_string(),
        };
        out.push(Amendment {
            key: d.key,
            label: d.label,
            effective,
            before,
            value,
            meeting_id,
        });
    }
    Ok(out)
}

/// The raw value of every rule in force on `date` (the regulation's clauses read the values
/// a typed [`Settings`] does not carry, e.g. the allocation percentages).
pub fn raw_values(
    conn: &Connection,
    date: NaiveDate,
) -> Result<std::collections::BTreeMap<&'static str, String>> {
    let timeline = Timeline::load(conn)?;
    DEFS.iter()
        .map(|d| Ok((d.key, timeline.raw(d.key, date)?)))
        .collect()
}

fn check_consistent(conn: &Connection, on: NaiveDate) -> Result<()> {
    let s = at(conn, on)?;
    if s.min_shares > s.max_shares {
        return Err(Error::invalid(
            "min_shares",
            format!(
                "หุ้นขั้นต่ำ ({}) มากกว่าหุ้นสูงสุด ({}) ไม่ได้",
                s.min_shares, s.max_shares
            ),
        ));
    }
    Ok(())
}

/// The raw value of `key` in force on `date` (or the earliest one, for dates before any).
pub(crate) fn raw_at(
    conn: &Connection,
    key: &str,
    date: NaiveDate,
) -> Result<(String, Option<NaiveDate>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT value, effective FROM setting WHERE key = ?1
         ORDER BY (effective <= ?2) DESC,
                  CASE WHEN effective <= ?2 THEN effective END DESC,
                  effective ASC, id DESC
         LIMIT 1",
    )?;
    let mut rows = stmt.query(params![key, date.to_string()])?;
    match rows.next()? {
        Some(r) => Ok((r.get(0)?, Some(r.get(1)?))),
        None => Ok((def(key)?.default.to_string(), None)),
    }
}

/// The rules in force on `date`.
pub fn at(conn: &Connection, date: NaiveDate) -> Result<Settings> {
    Timeline::load(conn)?.at(date)
}

/// Every dated rule, read in one query, answering "the rules in force on a date" from memory.
/// Due lists and collection sheets ask this for every month of every member.
pub struct Timeline {
    /// key → (effective, value) in the order typed (id).
    rows: std::collections::HashMap<String, Vec<(NaiveDate, String)>>,
}

impl Timeline {
    pub fn load(conn: &Connection) -> Result<Timeline> {
        let mut stmt =
            conn.prepare_cached("SELECT key, effective, value FROM setting ORDER BY id")?;
        let mut rows: std::collections::HashMap<String, Vec<(NaiveDate, String)>> =
            std::collections::HashMap::new();
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            rows.entry(r.get(0)?)
                .or_default()
                .push((r.get(1)?, r.get(2)?));
        }
        Ok(Timeline { rows })
    }

    /// The value in force on `date`: the latest effective on or before it (the last typed on
    /// a tie); before any, the earliest; never set, the default.
    pub fn raw(&self, key: &str, date: NaiveDate) -> Result<String> {
        let Some(rows) = self.rows.get(key) else {
            return Ok(def(key)?.default.to_string());
        };
        let in_force = rows
            .iter()
            .enumerate()
            .filter(|(_, (eff, _))| *eff <= date)
            .max_by_key(|(i, (eff, _))| (*eff, *i));
        let chosen = in_force.or_else(|| {
            rows.iter()
                .enumerate()
                .min_by_key(|(i, (eff, _))| (*eff, std::cmp::Reverse(*i)))
        });
        Ok(chosen.map(|(_, (_, v))| v.clone()).unwrap_or_default())
    }

    pub fn at(&self, date: NaiveDate) -> Result<Settings> {
        build(|key| self.raw(key, date))
    }
}

fn build(get: impl Fn(&str) -> Result<String>) -> Result<Settings> {
    let num = |key: &str| -> Result<u32> {
        get(key)?
            .parse()
            .map_err(|_| Error::SettingDamaged(key.to_string()))
    };
    let cash = |key: &str| -> Result<Money> { Ok(Money::parse(&get(key)?)?) };
    Ok(Settings {
        share_value: cash("share_value")?,
        min_shares: num("min_shares")?,
        max_shares: num("max_shares")?,
        entrance_fee: cash("entrance_fee")?,
        year_start_month: num("year_start_month")?,
        collection_day: num("collection_day")?,
        late_after_day: num("late_after_day")?,
        fine_per_month: cash("fine_per_month")?,
        sajja_partial: get("sajja_partial")? == "yes",
        sajja_ahead_months: get("sajja_ahead_months")?
            .parse()
            .map_err(|_| Error::Refused("ค่าตั้ง sajja_ahead_months เสียหาย".into()))?,
        sajja_excess: get("sajja_excess")?,
        bahttext: get("bahttext")?.parse().unwrap_or_default(),
        digits: get("digits")?.parse().unwrap_or_default(),
        loan_charge_word: get("loan_charge_word")?,
        loan_late_rule: get("loan_late_rule")?,
        loan_late_fine: cash("loan_late_fine")?,
        loan_default_rate: get("loan_default_rate")?,
        guarantee_limit: cash("guarantee_limit")?,
        guarantee_max_loans: num("guarantee_max_loans")?,
        loan_approvals_required: num("loan_approvals_required")?,
        quorum_committee_percent: num("quorum_committee_percent")?,
        quorum_members_percent: num("quorum_members_percent")?,
        official_digits: get("official_digits")?.parse().unwrap_or(Digits::Thai),
    })
}

/// Every rule with its value in force on `date`, for display.
pub fn rows_at(conn: &Connection, date: NaiveDate) -> Result<Vec<SettingRow>> {
    DEFS.iter()
        .map(|d| {
            let (value, effective) = raw_at(conn, d.key, date)?;
            Ok(SettingRow {
                key: d.key,
                label: d.label,
                help: d.help,
                value,
                effective,
            })
        })
        .collect()
}

/// The full dated history of one rule, oldest first: (effective, value).
pub fn history(conn: &Connection, key: &str) -> Result<Vec<(NaiveDate, String)>> {
    def(key)?;
    let mut stmt =
        conn.prepare("SELECT effective, value FROM setting WHERE key = ?1 ORDER BY effective, id")?;
    let rows = stmt.query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn money(v: &str) -> Result<String> {
    Ok(Money::parse(v)?.to_string())
}

fn positive_money(v: &str) -> Result<String> {
    let m = Money::parse(v)?;
    if !m.is_positive() {
        return Err(Error::invalid("value", "ต้องมากกว่าศูนย์"));
    }
    Ok(m.to_string())
}

fn whole_number(v: &str) -> Result<u32> {
    let arabic = crate::thai::to_arabic_digits(v);
    arabic
        .trim()
        .parse::<u32>()
        .map_err(|_| Error::invalid("value", format!("\"{v}\" ไม่ใช่จำนวนเต็ม — พิมพ์ตัวเลข เช่น 5")))
}

fn count(v: &str) -> Result<String> {
    let n = whole_number(v)?;
    if n == 0 || n > 10_000 {
        return Err(Error::invalid("value", "ต้องอยู่ระหว่าง 1 ถึง 10,000"));
    }
    Ok(n.to_string())
}

fn percent(v: &str) -> Result<String> {
    let n = whole_number(v.trim().trim_end_matches('%'))?;
    if !(1..=100).contains(&n) {
        return Err(Error::invalid("value", "ร้อยละต้องอยู่ระหว่าง 1 ถึง 100"));
    }
    Ok(n.to_string())
}

fn month(v: &str) -> Result<String> {
    let n = whole_number(v)?;
    if !(1..=12).contains(&n) {
        return Err(Error::invalid("value", "เดือนต้องอยู่ระหว่าง 1 ถึง 12"));
    }
    Ok(n.to_string())
}

fn day(v: &str) -> Result<String> {
    let n = whole_number(v)?;
    if !(1..=28).contains(&n) {
        return Err(Error::invalid(
            "value",
            "วันที่ต้องอยู่ระหว่าง 1 ถึง 28 (ทุกเดือนมีวันนั้น)",
        ));
    }
    Ok(n.to_string())
}

/// The values a rule may take: (stored value, its meaning in Thai, other words typed for it).
type Choice = (&'static str, &'static str, &'static [&'static str]);

const PARTIAL_RULE: &[Choice] = &[
    ("yes", "ได้", &["ได้", "ใช่"]),
    ("no", "ไม่ได้", &["ไม่ได้", "ไม่"]),
];

const EXCESS_RULE: &[Choice] = &[
    ("refuse", "ไม่รับส่วนที่เกิน", &["ไม่รับ"]),
    ("deposit", "ส่วนที่เกินเข้าเงินฝาก", &["เงินฝาก"]),
];

const CHARGE_WORD: &[Choice] = &[("ดอกเบี้ย", "", &[]), ("ค่าบำรุง", "", &[])];

const LATE_RULE: &[Choice] = &[
    ("fine", "ปรับต่องวด", &[]),
    ("default-interest", "ดอกเบี้ยผิดนัด", &[]),
    ("none", "ไม่ปรับ", &[]),
];

const STOCK_COSTING: &[Choice] = &[
    ("average", "ต้นทุนถัวเฉลี่ย", &[]),
    ("fifo", "เข้าก่อนออกก่อน", &[]),
];

const FIRST_PERIOD: &[Choice] = &[
    ("full-month", "คิดเต็มเดือน", &[]),
    ("by-days", "คิดตามจำนวนวันที่กู้จริง", &[]),
];

const INTEREST_BASIS: &[Choice] = &[
    ("monthly", "รายเดือน", &[]),
    ("daily", "ตามจำนวนวันที่ค้างจริง", &[]),
];

const AFTER_MATURITY: &[Choice] = &[
    ("contract", "ตามสัญญา", &[]),
    ("default-rate", "อัตราดอกเบี้ยผิดนัด", &[]),
];

const DIVIDEND_METHOD: &[Choice] = &[("x12", "", &[]), ("month-end", "", &[]), ("days", "", &[])];

const DIVIDEND_ROUNDING: &[Choice] = &[("satang", "ปัดเป็นสตางค์", &[]), ("baht", "ปัดลงเป็นบาท", &[])];

const YES_NO: &[Choice] = &[
    ("true", "ใช่", &["yes", "1", "ใช่"]),
    ("false", "ไม่ใช่", &["no", "0", "ไม่", "ไม่ใช่"]),
];

const PAYOUT_PLACE: &[Choice] = &[
    ("cash", "", &[]),
    ("savings", "", &[]),
    ("deposit", "", &[]),
];

/// One of the `(value, what it means, other spellings)` choices of a setting, stored as its
/// value (letters in any case); the refusal lists every choice with its meaning.
fn one_of(v: &str, choices: &[Choice]) -> Result<String> {
    let typed = v.trim().to_lowercase();
    if let Some((value, _, _)) = choices
        .iter()
        .find(|(value, _, other)| *value == typed || other.contains(&typed.as_str()))
    {
        return Ok(value.to_string());
    }
    let names: Vec<String> = choices
        .iter()
        .map(|(value, meaning, _)| match *meaning {
            "" => value.to_string(),
            m => format!("{value} ({m})"),
        })
        .collect();
    let (last, rest) = names.split_last().expect("a setting has choices");
    let listed = match rest {
        [] => last.clone(),
        _ => format!("{} หรือ {last}", rest.join(", ")),
    };
    Err(Error::invalid("value", format!("เลือก {listed}")))
}

fn months_ahead(v: &str) -> Result<String> {
    let n = whole_number(v)?;
    if n > 120 {
        return Err(Error::invalid("value", "ต้องอยู่ระหว่าง 0 ถึง 120 เดือน"));
    }
    Ok(n.to_string())
}

fn bahttext(v: &str) -> Result<String> {
    v.parse::<BahtTextConvention>()
        .map(|c| c.as_str().to_string())
        .map_err(|_| Error::invalid("value", "เลือก excel หรือ libreoffice"))
}

fn digits(v: &str) -> Result<String> {
    v.parse::<Digits>()
        .map(|d| d.as_str().to_string())
        .map_err(|_| Error::invalid("value", "เลือก arabic (0-9) หรือ thai (๐-๙)"))
}

fn rice_rate(v: &str) -> Result<String> {
    match v.parse::<rust_decimal::Decimal>() {
        Ok(d)
            if !d.is_sign_negative() && d <= rust_decimal::Decimal::from(100) && d.scale() <= 3 =>
        {
            Ok(d.normalize().to_string())
        }
        _ => Err(Error::invalid(
            "value",
            "ใส่จำนวนกิโลกรัมต่อ 100 กิโลกรัมต่อฤดู ระหว่าง 0 ถึง 100 เช่น 10",
        )),
    }
}

fn season_months(v: &str) -> Result<String> {
    match v.parse::<u32>() {
        Ok(n) if (1..=24).contains(&n) => Ok(n.to_string()),
        _ => Err(Error::invalid("value", "ใส่จำนวนเดือนของหนึ่งฤดู 1 ถึง 24 เช่น 6")),
    }
}

/// A yearly interest rate: 0–15 percent a year, at most two decimals.
fn yearly_percent(v: &str) -> Result<String> {
    percent_up_to(v, 15, "5", "ต่อปี ")
}

/// A share of the net profit: 0–100 percent, at most two decimals.
fn allocation_percent(v: &str) -> Result<String> {
    percent_up_to(v, 100, "10", "")
}

/// A percent from 0 to `max` with at most two decimals ("2.5", "๑๐", "10%"), stored
/// normalised; the refusal gives `example` and says `per` after the range ("ต่อปี ").
fn percent_up_to(v: &str, max: u32, example: &str, per: &str) -> Result<String> {
    let arabic = crate::thai::to_arabic_digits(v);
    let d: rust_decimal::Decimal = arabic.trim().trim_end_matches('%').parse().map_err(|_| {
        Error::invalid(
            "value",
            format!("\"{v}\" ไม่ใช่ตัวเลข — พิมพ์เช่น {example} หรือ 2.5"),
        )
    })?;
    if d.is_sign_negative() || d > rust_decimal::Decimal::from(max) || d.scale() > 2 {
        return Err(Error::invalid(
            "value",
            format!("ต้องอยู่ระหว่าง 0 ถึง {max} {per}ทศนิยมไม่เกินสองตำแหน่ง"),
        ));
    }
    Ok(d.normalize().to_string())
}

fn label_text(v: &str) -> Result<String> {
    if v.is_empty() || v.chars().count() > 60 {
        return Err(Error::invalid("value", "ใส่ชื่อหมวด 1–60 ตัวอักษร"));
    }
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_stored_as_its_value_and_a_refusal_lists_every_choice() {
        assert_eq!(one_of(" YES ", YES_NO).unwrap(), "true");
        assert_eq!(one_of("ไม่ใช่", YES_NO).unwrap(), "false");
        assert_eq!(one_of("เงินฝาก", EXCESS_RULE).unwrap(), "deposit");
        assert_eq!(one_of("ค่าบำรุง", CHARGE_WORD).unwrap(), "ค่าบำรุง");
        let refused = |r: Result<String>| match r {
            Err(Error::Invalid { message, .. }) => message,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refused(one_of("sometimes", LATE_RULE)),
            "เลือก fine (ปรับต่องวด), default-interest (ดอกเบี้ยผิดนัด) หรือ none (ไม่ปรับ)"
        );
        assert_eq!(
            refused(one_of("bank", PAYOUT_PLACE)),
            "เลือก cash, savings หรือ deposit"
        );
        assert_eq!(
            refused(one_of("maybe", PARTIAL_RULE)),
            "เลือก yes (ได้) หรือ no (ไม่ได้)"
        );
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn rules_are_dated() {
        let conn = crate::db::in_memory().unwrap();
        install(&conn, d("2024-01-01"), &[("share_value", "50".into())]).unwrap();
        set(&conn, "share_value", "100", d("2025-01-01")).unwrap();
        assert_eq!(
            at(&conn, d("2024-12-31")).unwrap().share_value,
            Money::from_baht(50)
        );
        assert_eq!(
            at(&conn, d("2025-01-01")).unwrap().share_value,
            Money::from_baht(100)
        );
        assert_eq!(
            at(&conn, d("2023-05-01")).unwrap().share_value,
            Money::from_baht(50)
        );
        assert_eq!(history(&conn, "share_value").unwrap().len(), 2);
    }

    #[test]
    fn bad_values_are_refused_with_thai_messages() {
        let conn = crate::db::in_memory().unwrap();
        install(&conn, d("2024-01-01"), &[]).unwrap();
        for (k, v) in [
            ("share_value", "0"),
            ("share_value", "abc"),
            ("year_start_month", "13"),
            ("bahttext", "word"),
            ("nonsense", "1"),
        ] {
            let e = set(&conn, k, v, d("2024-02-01")).unwrap_err();
            assert!(
                e.to_string()
                    .chars()
                    .any(|c| ('\u{0e00}'..='\u{0e7f}').contains(&c)),
                "{k}={v}: {e}"
            );
        }
        assert!(set(&conn, "min_shares", "30", d("2024-02-01")).is_err());
    }
}
