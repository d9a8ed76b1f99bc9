//! Importing the member register: each row added exactly as a member typed on the form
//! (`member::add`), keeping the paper register's number when the sheet has one.

use rusqlite::Connection;

use super::columns::Field;
use super::{in_savepoint, Run, Table};
use crate::member::{self, BeneficiaryInput, MemberInput};

pub const FIELDS: &[Field] = &[
    Field {
        name: "number",
        thai: "เลขที่สมาชิก",
        aliases: &["เลขที่", "ลำดับที่สมาชิก", "member"],
        required: false,
    },
    Field {
        name: "name",
        thai: "ชื่อ-สกุล",
        aliases: &["ชื่อ", "ชื่อ-นามสกุล", "ชื่อสกุล", "full_name"],
        required: true,
    },
    Field {
        name: "id_card",
        thai: "เลขประจำตัวประชาชน",
        aliases: &["เลขบัตรประชาชน", "บัตรประชาชน", "id"],
        required: false,
    },
    Field {
        name: "joined",
        thai: "วันที่เข้าเป็นสมาชิก",
        aliases: &["วันที่สมัคร", "วันเข้ากลุ่ม", "วันที่เข้ากลุ่ม"],
        required: true,
    },
    Field {
        name: "shares",
        thai: "จำนวนหุ้น",
        aliases: &["หุ้น", "หุ้นต่อเดือน"],
        required: true,
    },
    Field {
        name: "address",
        thai: "ที่อยู่",
        aliases: &[],
        required: false,
    },
    Field {
        name: "phone",
        thai: "โทรศัพท์",
        aliases: &["เบอร์โทร", "เบอร์โทรศัพท์"],
        required: false,
    },
    Field {
        name: "birth_date",
        thai: "วันเกิด",
        aliases: &["birth", "วันเดือนปีเกิด"],
        required: false,
    },
    Field {
        name: "beneficiaries",
        thai: "ผู้รับผลประโยชน์",
        aliases: &["beneficiary"],
        required: false,
    },
];

const NUMBER: usize = 0;
const NAME: usize = 1;
const ID_CARD: usize = 2;
const JOINED: usize = 3;
const SHARES: usize = 4;
const ADDRESS: usize = 5;
const PHONE: usize = 6;
const BIRTH: usize = 7;
const BENEFICIARIES: usize = 8;

pub(crate) fn import(conn: &Connection, table: &Table, run: &mut Run<'_>) -> crate::Result<()> {
    let mut shares_total: i64 = 0;
    for (row, cells) in &table.rows {
        let row = *row;
        let Some(number) = run.whole(row, NUMBER, cells) else {
            continue;
        };
        let Some(beneficiaries) = beneficiaries(run, row, run.cols.cell(cells, BENEFICIARIES))
        else {
            continue;
        };
        let text = |k| run.cols.cell(cells, k).to_string();
        let input = MemberInput {
            name: text(NAME),
            id_card: text(ID_CARD).replace([' ', '-'], ""),
            joined: text(JOINED),
            shares: crate::thai::to_arabic_digits(&text(SHARES)),
            address: text(ADDRESS),
            phone: text(PHONE),
            birth_date: text(BIRTH),
            beneficiaries,
            ..MemberInput::default()
        };
        if input.joined.is_empty() {
            run.fail(
                row,
                JOINED,
                "ไม่ได้ใส่วันที่เข้าเป็นสมาชิก — ใส่วันที่ตามทะเบียน เช่น 1/6/2563",
            );
            continue;
        }
        match in_savepoint(conn, || member::add_numbered(conn, &input, number)) {
            Ok(m) => {
                shares_total += i64::from(m.shares);
                run.line(
                    row,
                    format!(
                        "สมาชิกเลขที่ {} {} เข้าเมื่อ {} หุ้นละเดือน {} หุ้น",
                        m.number,
                        m.full_name,
                        crate::thai::format_date(m.joined, crate::thai::Digits::Arabic),
                        m.shares
                    ),
                );
            }
            Err(e) => run.fail_with(row, &e, NAME),
        }
    }
    let _ = shares_total;
    Ok(())
}

/// "ชื่อ:ความสัมพันธ์:ร้อยละ[:เลขประจำตัว]" separated by ";" or new lines.
fn beneficiaries(run: &mut Run<'_>, row: usize, text: &str) -> Option<Vec<BeneficiaryInput>> {
    let mut out = Vec::new();
    for part in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let f: Vec<&str> = part.split(':').map(str::trim).collect();
        match f.as_slice() {
            [name, relation, percent] | [name, relation, percent, _] => {
                out.push(BeneficiaryInput {
                    name: name.to_string(),
                    relation: relation.to_string(),
                    id_card: f
                        .get(3)
                        .map_or(String::new(), |s| s.replace([' ', '-'], "")),
                    share_percent: crate::thai::to_arabic_digits(percent),
                })
            }
            _ => {
                run.fail(
                    row,
                    BENEFICIARIES,
                    format!(
                        "ผู้รับผลประโยชน์ \"{part}\" ต้องเขียนเป็น ชื่อ:ความสัมพันธ์:ร้อยละ เช่น \"นางมาลี ใจดี:คู่สมรส:100\" (หลายคนคั่นด้วย ;)"
                    ),
                );
                return None;
            }
        }
    }
    Some(out)
}
