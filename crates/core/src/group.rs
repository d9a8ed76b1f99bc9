//! The group itself: its name, where it is, when it was founded.

use crate::db::CachedExt;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::clock;
use crate::error::{Error, Result};
use crate::thai;

/// What the first-start form (or `sajja init`) provides. Strings are as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct NewGroup {
    pub name: String,
    pub village: String,
    pub moo: String,
    pub tambon: String,
    pub amphoe: String,
    pub province: String,
    /// Date founded, in any accepted Thai form; empty = today.
    pub founded: String,
    /// 1–12; empty = January.
    pub year_start_month: String,
    pub share_value: String,
    pub min_shares: String,
    pub max_shares: String,
    pub entrance_fee: String,
}

/// The group's details as edited later (rules are settings, not here).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct GroupInput {
    pub name: String,
    pub village: String,
    pub moo: String,
    pub tambon: String,
    pub amphoe: String,
    pub province: String,
    pub founded: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub village: String,
    pub moo: String,
    pub tambon: String,
    pub amphoe: String,
    pub province: String,
    pub founded: NaiveDate,
    /// "บ้านหนองแวง หมู่ที่ 5 ตำบล… อำเภอ… จังหวัด…", for document headers.
    pub address: String,
}

impl NewGroup {
    /// Just a name: everything else takes its default.
    pub fn named(name: &str) -> NewGroup {
        NewGroup {
            name: name.to_string(),
            ..NewGroup::default()
        }
    }

    pub(crate) fn founded_date(&self) -> Result<NaiveDate> {
        parse_optional_date("founded", &self.founded).map(|d| d.unwrap_or_else(clock::today))
    }

    /// The rules given on the form, as (setting key, typed value) pairs.
    pub(crate) fn initial_settings(&self) -> Vec<(&'static str, String)> {
        [
            ("year_start_month", &self.year_start_month),
            ("share_value", &self.share_value),
            ("min_shares", &self.min_shares),
            ("max_shares", &self.max_shares),
            ("entrance_fee", &self.entrance_fee),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.trim().to_string()))
        .collect()
    }
}

pub(crate) fn parse_optional_date(field: &'static str, text: &str) -> Result<Option<NaiveDate>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    thai::parse_date(text)
        .map(Some)
        .map_err(|e| Error::invalid(field, e.to_string()))
}

fn required_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "name",
            "กรุณาใส่ชื่อกลุ่ม เช่น กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง",
        ));
    }
    crate::text::check("name", "ชื่อกลุ่ม", name, crate::text::NAME_MAX)
}

/// The group's name and address: (column, what the form calls it), in the order
/// [`checked_place`] takes and returns them. The first-start form and the later edit both
/// pass through the same checks.
const PLACE: [(&str, &str); 6] = [
    ("name", "ชื่อกลุ่ม"),
    ("village", "ชื่อหมู่บ้าน"),
    ("moo", "หมู่ที่"),
    ("tambon", "ตำบล"),
    ("amphoe", "อำเภอ"),
    ("province", "จังหวัด"),
];

/// The name and address as typed, checked like every typed text: the name is required and
/// the village number is kept in Arabic digits.
fn checked_place(typed: [&str; 6]) -> Result<[String; 6]> {
    let check = |field, label, text| crate::text::check(field, label, text, crate::text::NAME_MAX);
    let mut checked: [String; 6] = Default::default();
    for (slot, ((field, label), text)) in checked.iter_mut().zip(PLACE.iter().zip(typed)) {
        *slot = match *field {
            "name" => required_name(text)?,
            "moo" => thai::to_arabic_digits(&check(field, label, text)?),
            _ => check(field, label, text)?,
        };
    }
    Ok(checked)
}

pub(crate) fn insert(conn: &Connection, g: &NewGroup, founded: NaiveDate) -> Result<()> {
    let [name, village, moo, tambon, amphoe, province] = checked_place([
        &g.name,
        &g.village,
        &g.moo,
        &g.tambon,
        &g.amphoe,
        &g.province,
    ])?;
    conn.execute_cached(
        "INSERT INTO group_info (id, uuid, name, village, moo, tambon, amphoe, province, founded, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            uuid::Uuid::now_v7().to_string(),
            name,
            village,
            moo,
            tambon,
            amphoe,
            province,
            founded.to_string(),
            clock::now_utc()
        ],
    )?;
    Ok(())
}

pub fn get(conn: &Connection) -> Result<Group> {
    conn.query_row_cached(
        "SELECT uuid, name, village, moo, tambon, amphoe, province, founded FROM group_info WHERE id = 1",
        [],
        |r| {
            let mut g = Group {
                id: r.get(0)?,
                name: r.get(1)?,
                village: r.get(2)?,
                moo: r.get(3)?,
                tambon: r.get(4)?,
                amphoe: r.get(5)?,
                province: r.get(6)?,
                founded: r.get(7)?,
                address: String::new(),
            };
            g.address = address_line(&g);
            Ok(g)
        },
    )
    .map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => Error::Refused("ไฟล์นี้ยังไม่มีข้อมูลกลุ่ม".into()),
        other => other.into(),
    })
}

/// Updates the group's details, keeping every old value in `group_change`.
pub(crate) fn update(conn: &Connection, input: &GroupInput) -> Result<Group> {
    let old = get(conn)?;
    let founded = parse_optional_date("founded", &input.founded)?.unwrap_or(old.founded);
    let typed = [
        &input.name,
        &input.village,
        &input.moo,
        &input.tambon,
        &input.amphoe,
        &input.province,
    ];
    let stored = [
        &old.name,
        &old.village,
        &old.moo,
        &old.tambon,
        &old.amphoe,
        &old.province,
    ];
    let mut new_values: Vec<(&str, String, String)> = PLACE
        .iter()
        .zip(stored)
        .zip(checked_place(typed.map(String::as_str))?)
        .map(|(((field, _), before), after)| (*field, before.clone(), after))
        .collect();
    new_values.push(("founded", old.founded.to_string(), founded.to_string()));
    let now = clock::now_utc();
    for (field, before, after) in new_values.iter().filter(|(_, b, a)| b != a) {
        conn.execute_cached(
            "INSERT INTO group_change (field, old_value, new_value, changed_at) VALUES (?1, ?2, ?3, ?4)",
            params![field, before, after, now],
        )?;
        // The field name comes from the fixed list above, never from input.
        conn.execute_cached(
            &format!("UPDATE group_info SET {field} = ?1 WHERE id = 1"),
            [after],
        )?;
    }
    get(conn)
}

fn address_line(g: &Group) -> String {
    let parts = [
        (g.village.as_str(), "บ้าน"),
        (g.moo.as_str(), "หมู่ที่ "),
        (g.tambon.as_str(), "ตำบล"),
        (g.amphoe.as_str(), "อำเภอ"),
        (g.province.as_str(), "จังหวัด"),
    ];
    parts
        .iter()
        .filter(|(v, _)| !v.is_empty())
        .map(|(v, prefix)| {
            if v.starts_with(prefix.trim()) {
                v.to_string()
            } else {
                format!("{prefix}{v}")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Books;

    fn details(name: &str, moo: &str) -> GroupInput {
        GroupInput {
            name: name.into(),
            village: "บ้านหนองแวง".into(),
            moo: moo.into(),
            tambon: "หนองแวง".into(),
            amphoe: "เมืองชัยภูมิ".into(),
            province: "ชัยภูมิ".into(),
            founded: "1/1/2568".into(),
        }
    }

    fn refused_field(result: Result<impl std::fmt::Debug>) -> &'static str {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("should be refused: {other:?}"),
        }
    }

    /// The first-start form and the later edit check the name and address alike: a blank
    /// name is refused on both, a village number in Thai digits is kept in Arabic on both,
    /// and an edit keeps what each changed field said before.
    #[test]
    fn the_first_start_and_the_edit_check_the_name_and_address_alike() {
        let blank = NewGroup {
            name: "  ".into(),
            ..NewGroup::named("")
        };
        assert_eq!(refused_field(Books::in_memory(&blank).map(|_| ())), "name");

        let mut books = Books::in_memory(&NewGroup {
            village: "บ้านหนองแวง".into(),
            moo: "๕".into(),
            founded: "1/1/2568".into(),
            ..NewGroup::named("กลุ่มออมทรัพย์บ้านหนองแวง")
        })
        .unwrap();
        assert_eq!(books.group().unwrap().moo, "5");

        assert_eq!(
            refused_field(books.update_group(&details(" ", "5"))),
            "name"
        );
        let edited = books
            .update_group(&details("กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง", "๑๒"))
            .unwrap();
        assert_eq!(edited.moo, "12");
        assert_eq!(edited.name, "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง");

        let changes: Vec<(String, String, String)> = books
            .conn()
            .prepare("SELECT field, old_value, new_value FROM group_change ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let changed = |field: &str| {
            changes
                .iter()
                .find(|(f, _, _)| f == field)
                .map(|(_, old, new)| (old.as_str(), new.as_str()))
        };
        assert_eq!(changed("moo"), Some(("5", "12")));
        assert_eq!(
            changed("name"),
            Some(("กลุ่มออมทรัพย์บ้านหนองแวง", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแวง"))
        );
        assert_eq!(
            changed("village"),
            None,
            "an unchanged field leaves no trace"
        );
    }
}
