//! One meaning per function key across the app, and a help text for every screen. Reads the
//! UI's own files (no browser needed): every `data-key="F…"` button in ui/ must carry a label
//! that ui/keys.json lists under that key, no irreversible step may sit on a function key, and
//! ui/help-text.js must have a help text for every screen module the app routes to.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui")
}

fn json(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(ui_dir().join(name)).expect(name);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The help texts: ui/help-text.js is JSON after `export default` (the UI imports it).
fn help() -> serde_json::Value {
    let text = std::fs::read_to_string(ui_dir().join("help-text.js")).expect("help-text.js");
    let start = text.find("\nexport default").expect("export default") + "\nexport default".len();
    let body = text[start..].trim().trim_end_matches(';');
    serde_json::from_str(body).unwrap_or_else(|e| panic!("help-text.js: {e}"))
}

/// Source without its whole-line `//` comments (which may quote keys as examples).
fn code(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every .js and .html file under ui/, as (path relative to ui/, code without comments).
fn ui_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![ui_dir()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("js" | "html")
            ) {
                let rel = path.strip_prefix(ui_dir()).unwrap().display().to_string();
                out.push((rel, code(&std::fs::read_to_string(&path).unwrap())));
            }
        }
    }
    out.sort();
    out
}

/// A function key offered on a screen: which key, its visible label, where.
#[derive(Debug)]
struct KeyUse {
    file: String,
    key: String,
    kbd: Option<String>,
    label: String,
}

/// The `data-key="F…"` buttons of a source file with the `<kbd>` hint and label after them.
/// A label that goes on with a template value (`${…}`) is read up to it.
fn key_uses(file: &str, source: &str) -> Vec<KeyUse> {
    let mut out = Vec::new();
    let marker = "data-key=\"F";
    let mut rest = source;
    while let Some(i) = rest.find(marker) {
        let after = &rest[i + marker.len() - 1..];
        let key: String = after.chars().take_while(|c| *c != '"').collect();
        let tail = &after[key.len()..];
        // The hint belongs to this element: before the next key or a closing tag other
        // than the hint's own.
        let mut element_end = tail.find("data-key=").unwrap_or(tail.len());
        let mut from = 0;
        while let Some(j) = tail[from..element_end].find("</") {
            if tail[from + j..].starts_with("</kbd>") {
                from += j + 2;
            } else {
                element_end = from + j;
                break;
            }
        }
        let element = &tail[..element_end];
        let (kbd, label) = match element.find("<kbd>") {
            Some(k) => {
                let inner = &element[k + "<kbd>".len()..];
                let close = inner.find("</kbd>").unwrap_or(inner.len());
                let kbd = inner[..close].to_string();
                let text = inner.get(close + "</kbd>".len()..).unwrap_or("");
                let end = text
                    .find(['<', '`', '\n'])
                    .unwrap_or(text.len())
                    .min(text.find("${").unwrap_or(text.len()));
                (Some(kbd), text[..end].trim().to_string())
            }
            None => (None, String::new()),
        };
        out.push(KeyUse {
            file: file.to_string(),
            key,
            kbd,
            label,
        });
        rest = tail;
    }
    out
}

/// Function keys named in key handlers (`e.key === 'F2'`) and key lists (`'F5'`).
fn quoted_keys(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for quote in ['\'', '"'] {
        let mut rest = source;
        let open = format!("{quote}F");
        while let Some(i) = rest.find(&open) {
            let after = &rest[i + 1..];
            let key: String = after
                .chars()
                .take(1)
                .chain(after.chars().skip(1).take_while(|c| c.is_ascii_digit()))
                .collect();
            if key.len() > 1 && after[key.len()..].starts_with(quote) {
                out.insert(key);
            }
            rest = after;
        }
    }
    out
}

/// Everything wrong with the keys of `sources` against the table in keys.json.
fn key_problems(sources: &[(String, String)], table: &serde_json::Value) -> Vec<String> {
    let keys = table["keys"].as_object().expect("keys");
    let never: Vec<&str> = table["never_on_a_function_key"]
        .as_array()
        .expect("never_on_a_function_key")
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    let mut problems = Vec::new();
    // key → label → files, to name a second meaning where it is.
    let mut seen: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (file, source) in sources {
        for u in key_uses(file, source) {
            seen.entry(u.key.clone())
                .or_default()
                .entry(u.label.clone())
                .or_default()
                .insert(u.file.clone());
            if u.kbd.as_deref() != Some(u.key.as_str()) {
                problems.push(format!(
                    "{}: {} shows the hint {:?}, not its own key",
                    u.file, u.key, u.kbd
                ));
            }
            if let Some(word) = never.iter().find(|w| u.label.starts_with(**w)) {
                problems.push(format!(
                    "{}: {} \"{}\" is irreversible ({word}): it must not sit on a function key",
                    u.file, u.key, u.label
                ));
            }
            match keys.get(&u.key) {
                None => problems.push(format!(
                    "{}: {} \"{}\" — {} has no meaning in ui/keys.json",
                    u.file, u.key, u.label, u.key
                )),
                Some(k) => {
                    let labels = k["labels"].as_array().unwrap();
                    if !labels.iter().any(|l| l.as_str() == Some(u.label.as_str())) {
                        problems.push(format!(
                            "{}: {} \"{}\" is not what {} means (\"{}\")",
                            u.file,
                            u.key,
                            u.label,
                            u.key,
                            k["meaning"].as_str().unwrap()
                        ));
                    }
                }
            }
        }
        for key in quoted_keys(source) {
            if !keys.contains_key(&key) && key != "F1" {
                problems.push(format!(
                    "{file}: handles {key}, which has no meaning in ui/keys.json"
                ));
            }
        }
    }
    // The same key with labels from two different meanings' lists (a label can only be in
    // one list, so this names both screens when a key is reused for something else).
    for (key, labels) in &seen {
        if let Some(k) = keys.get(key) {
            let allowed: BTreeSet<&str> = k["labels"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|l| l.as_str())
                .collect();
            let (ok, other): (Vec<_>, Vec<_>) = labels
                .iter()
                .partition(|(l, _)| allowed.contains(l.as_str()));
            for (label, files) in other {
                if let Some((first, where_)) = ok.first() {
                    problems.push(format!(
                        "{key} means \"{first}\" in {} but \"{label}\" in {}",
                        where_.iter().next().unwrap(),
                        files.iter().next().unwrap()
                    ));
                }
            }
        }
    }
    problems
}

#[test]
fn every_function_key_has_one_meaning_across_the_app() {
    let problems = key_problems(&ui_sources(), &json("keys.json"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_key_check_catches_a_second_meaning_and_an_irreversible_step() {
    let table = json("keys.json");
    let sources = vec![
        (
            "screens/a.js".to_string(),
            r#"<button data-key="F8" id="count"><kbd>F8</kbd>นับเงินสด</button>"#.to_string(),
        ),
        (
            "screens/b.js".to_string(),
            r#"<button data-key="F8" id="w"><kbd>F8</kbd>ตัดหนี้สูญ…</button>
               <a data-key="F5" href="x"><kbd>F5</kbd>สินค้า</a>"#
                .to_string(),
        ),
    ];
    let problems = key_problems(&sources, &table).join("\n");
    assert!(
        problems.contains("F8 means \"นับเงินสด\" in screens/a.js but \"ตัดหนี้สูญ…\" in screens/b.js"),
        "{problems}"
    );
    assert!(problems.contains("irreversible (ตัดหนี้สูญ)"), "{problems}");
    assert!(problems.contains("F5 has no meaning"), "{problems}");
}

#[test]
fn every_screen_has_a_help_text_for_f1() {
    let help = help();
    let screens = help["screens"].as_object().expect("screens");
    let main = std::fs::read_to_string(ui_dir().join("main.js")).unwrap();
    let mut missing = Vec::new();
    for (file, source) in ui_sources() {
        let Some(name) = file
            .strip_prefix("screens/")
            .and_then(|f| f.strip_suffix(".js"))
        else {
            continue;
        };
        let routed = source.contains("export async function show")
            || source.contains("export function show");
        if !routed {
            continue;
        }
        match screens.get(name) {
            None => missing.push(format!("{name}: no help text in ui/help-text.js")),
            Some(h) => {
                let lines = h["lines"].as_array().map_or(0, Vec::len);
                if h["title"].as_str().unwrap_or("").is_empty() || lines == 0 {
                    missing.push(format!("{name}: help without a title or text"));
                }
            }
        }
        if !main.contains(&format!("'{name}']")) {
            missing.push(format!("{name}: main.js does not name it for F1"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // Help that names a function key uses it in its one meaning.
    let keys = json("keys.json");
    for (name, h) in screens {
        for line in h["lines"].as_array().unwrap() {
            let line = line.as_str().unwrap();
            for (i, _) in line.match_indices('F') {
                let digits: String = line[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if digits.is_empty() {
                    continue;
                }
                let key = format!("F{digits}");
                let after = line[i + 1 + digits.len()..].trim_start();
                let labels = keys["keys"][&key]["labels"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{name}: help names {key}, which has no meaning"));
                assert!(
                    labels
                        .iter()
                        .any(|l| after.starts_with(l.as_str().unwrap().trim_end_matches('…'))),
                    "{name}: help says \"{key} {after}\", not what {key} means"
                );
            }
        }
    }
}
