//! The core's modules form layers: settings and dated rules at the bottom, then members and the
//! journal, then collection, loans, exit and period, then reports and documents, with `books`,
//! `views`, `verify` and `demo` on top. No module uses one that uses it back, directly or
//! through others. This test reads the `crate::` paths of every source file (comments left
//! out) and fails with the loop it finds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn strip_comments(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.insert(name);
        }
        rest = after;
    }
    found
}

/// Top-level module → the top-level modules its files name through `crate::`.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).expect("inside src");
            let first = rel.components().next().expect("a path");
            let module = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if module == "lib" {
                continue;
            }
            let code = strip_comments(&std::fs::read_to_string(&path).expect("read file"));
            let uses = graph.entry(module.clone()).or_default();
            uses.extend(crate_paths(&code).into_iter().filter(|m| *m != module));
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for uses in graph.values_mut() {
        uses.retain(|m| modules.contains(m));
    }
    graph
}

/// A path `from → … → from` if `from` reaches itself.
fn loop_through(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        target: &str,
        at: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in &graph[at] {
            if next == target {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, target, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![from.to_string()];
    walk(graph, from, from, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn no_module_uses_one_that_uses_it_back() {
    let graph = module_graph();
    assert!(graph.len() > 20, "read the core's modules: {graph:?}");
    let loops: Vec<String> = graph
        .keys()
        .filter_map(|m| loop_through(&graph, m))
        .map(|path| path.join(" → "))
        .collect();
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
}

#[test]
fn the_layers_point_down() {
    let graph = module_graph();
    // What sits at the bottom must not reach up into what is built on it.
    let below_everything = [
        "money", "error", "clock", "length", "account", "db", "settings",
    ];
    let above = [
        "collection",
        "loan",
        "exit",
        "period",
        "report",
        "documents",
        "books",
    ];
    for low in below_everything {
        for high in above {
            assert!(
                !graph.get(low).is_some_and(|uses| uses.contains(high)),
                "{low} uses {high}, which is built on it"
            );
        }
    }
}

#[test]
fn the_loop_finder_finds_a_loop() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    graph.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        loop_through(&graph, "a").map(|p| p.join(" → ")),
        Some("a → b → c → a".to_string())
    );
}
