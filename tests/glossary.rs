//! One name for one thing: every screen, document and message follows the glossary
//! (`ui/glossary.json`). A word the glossary refuses, found anywhere outside a comment in the
//! app's screens or the program's text, fails this test with the file and line.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if !p.ends_with("fonts") && !p.ends_with("target") {
                files(&p, out);
            }
        } else if p
            .extension()
            .is_some_and(|x| x == "rs" || x == "js" || x == "html")
        {
            out.push(p);
        }
    }
}

/// A line that is only a comment (Rust `//`, JS `//` and `*` block lines, HTML `<!--`). The
/// command line's `///` doc comments are its `--help` text (clap prints them): read as text.
fn is_comment(line: &str, cli: bool) -> bool {
    let t = line.trim_start();
    if cli && t.starts_with("///") {
        return false;
    }
    t.starts_with("//") || t.starts_with("* ") || t.starts_with("/*") || t.starts_with("<!--")
}

#[test]
fn screens_documents_and_messages_use_the_glossary_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let glossary: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("ui/glossary.json")).expect("ui/glossary.json"),
    )
    .expect("the glossary is JSON");
    let terms = glossary["terms"].as_array().expect("terms");
    assert!(terms.len() >= 8, "{glossary}");
    let mut all = Vec::new();
    for dir in ["ui", "src", "crates", "src-tauri/src"] {
        files(&root.join(dir), &mut all);
    }
    assert!(
        all.len() > 50,
        "the screens and sources were found: {}",
        all.len()
    );
    let mut found = Vec::new();
    for file in &all {
        let text = std::fs::read_to_string(file).expect("readable");
        // Unit tests beside the code may name a refused word to prove it is refused.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let rel = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        let cli = rel.starts_with("src/main.rs") || rel.starts_with("src/cli/");
        for (n, line) in text.lines().enumerate() {
            if is_comment(line, cli) {
                continue;
            }
            for term in terms {
                let allowed = term["allowed_in"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|p| rel.starts_with(p.as_str().unwrap_or("-"))));
                if allowed {
                    continue;
                }
                for bad in term["not"].as_array().expect("not") {
                    let bad = bad.as_str().expect("a word");
                    if line.contains(bad) {
                        found.push(format!(
                            "{rel}:{}: {bad} — use {} ({})",
                            n + 1,
                            term["word"],
                            term["concept"]
                        ));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "words outside the glossary:\n{}",
        found.join("\n")
    );
}
