//! Matching a sheet's header to the fields of an import: by name, English or Thai, in any
//! order, ignoring case, spaces, dashes and underscores. Columns nobody asked for are named in
//! the preview; a required column that is missing is a mistake of row 1.

/// One field an import reads: its English name (the contract), the Thai header the template
/// writes, other Thai names treasurers use, and whether the sheet must have it.
pub struct Field {
    pub name: &'static str,
    pub thai: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// Which column holds each field, and the columns that were not recognised.
pub struct Columns {
    /// Per field (in the order of the field list): the column index and the header as written.
    found: Vec<Option<(usize, String)>>,
    pub unknown: Vec<String>,
    pub missing: Vec<&'static Field>,
}

fn normal(text: &str) -> String {
    text.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '(' | ')' | '*'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Columns {
    pub fn match_header(header: &[String], fields: &'static [Field]) -> Columns {
        let mut found: Vec<Option<(usize, String)>> = vec![None; fields.len()];
        let mut unknown = Vec::new();
        for (i, h) in header.iter().enumerate() {
            let n = normal(h);
            if n.is_empty() {
                continue;
            }
            let hit = fields.iter().position(|f| {
                normal(f.name) == n
                    || normal(f.thai) == n
                    || f.aliases.iter().any(|a| normal(a) == n)
            });
            match hit {
                Some(k) if found[k].is_none() => found[k] = Some((i, h.trim().to_string())),
                _ => unknown.push(h.trim().to_string()),
            }
        }
        let missing = fields
            .iter()
            .zip(&found)
            .filter(|(f, at)| f.required && at.is_none())
            .map(|(f, _)| f)
            .collect();
        Columns {
            found,
            unknown,
            missing,
        }
    }

    /// The cell of field number `k` in `row` (empty when the column is absent).
    pub fn cell<'r>(&self, row: &'r [String], k: usize) -> &'r str {
        self.found[k]
            .as_ref()
            .and_then(|(i, _)| row.get(*i))
            .map_or("", |s| s.trim())
    }

    /// The header of field number `k` as the sheet wrote it, or its template name.
    pub fn header(&self, fields: &[Field], k: usize) -> String {
        self.found[k]
            .as_ref()
            .map_or_else(|| fields[k].thai.to_string(), |(_, h)| h.clone())
    }

    /// Is field number `k` in the sheet?
    pub fn has(&self, k: usize) -> bool {
        self.found[k].is_some()
    }
}
