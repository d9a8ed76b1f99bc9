//! Fixtures: temp books files, the real `sajja` binary, and a dump of a file's contents to
//! prove that a refusal changed nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::Connection;

/// A fresh directory with a books file path in it (the file is not created).
pub struct TempBooks {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempBooks {
    pub fn new() -> TempBooks {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("books.db");
        TempBooks { dir, path }
    }

    /// Runs `sajja --db <file> args…` with today pinned to `today`.
    pub fn sajja(&self, today: &str, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_sajja"))
            .arg("--db")
            .arg(&self.path)
            .args(args)
            .env("SAJJA_TODAY", today)
            .env_remove("SAJJA_DB")
            .output()
            .expect("run sajja");
        Run::from(out)
    }

    /// Like `sajja` but must succeed; returns stdout parsed as JSON (adds `--json`).
    pub fn json(&self, today: &str, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let run = self.sajja(today, &all);
        assert!(
            run.ok,
            "sajja {args:?} failed: {}\n{}",
            run.stderr, run.stdout
        );
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout))
    }

    /// Like `sajja` but must be refused with a Thai message; returns the message.
    pub fn refused(&self, today: &str, args: &[&str]) -> String {
        let run = self.sajja(today, args);
        assert!(
            !run.ok,
            "sajja {args:?} should have been refused: {}",
            run.stdout
        );
        assert!(
            is_thai(&run.stderr),
            "refusal should be in Thai: {}",
            run.stderr
        );
        run.stderr
    }

    pub fn dump(&self) -> String {
        dump(&self.path)
    }
}

pub struct Run {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    /// A finished `sajja` run: whether it succeeded and what it printed (always UTF-8).
    fn from(out: std::process::Output) -> Run {
        Run {
            ok: out.status.success(),
            stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
        }
    }
}

pub fn is_thai(s: &str) -> bool {
    s.chars().any(|c| ('\u{0e01}'..='\u{0e5b}').contains(&c))
}

/// [`dump`] without the records a print leaves by design: its check code (`issued_code`) and
/// the audit log.
pub fn dump_books(path: &Path) -> String {
    dump(path)
        .split("## ")
        .filter(|t| !t.starts_with("audit_event\n") && !t.starts_with("issued_code\n"))
        .collect::<Vec<_>>()
        .join("## ")
}

/// Every row of every table, in a stable order: equal dumps mean equal books.
pub fn dump(path: &Path) -> String {
    let conn = Connection::open(path).expect("open for dump");
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let cols = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..cols)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out += &format!("## {t}\n{}\n", rows.join("\n"));
    }
    out
}

pub fn money(v: &serde_json::Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("amount should be a string: {v}"))
        .to_string()
}

/// Loan product A (1 % a month, declining principal, up to 12 months) added on `product_on`,
/// then 600 baht lent to member 3 for 6 months: applied 12/2/2568 (recorded by member 2),
/// approved by member 1 the same day, paid out in cash on 15/2/2568 as loan 2568/001.
pub fn pay_out_a_600_baht_loan_to_member_3(b: &TempBooks, product_on: &str) {
    b.json(
        product_on,
        &[
            "loan",
            "product",
            "add",
            "--code",
            "A",
            "--name",
            "เงินกู้สามัญ",
            "--rate",
            "1",
            "--method",
            "declining-equal-principal",
            "--max-months",
            "12",
            "--max-times-savings",
            "2",
            "--guarantors-above",
            "5000",
        ],
    );
    b.json(
        "2025-02-12",
        &[
            "loan",
            "apply",
            "--member",
            "3",
            "--product",
            "A",
            "--amount",
            "600",
            "--months",
            "6",
            "--date",
            "12/2/2568",
            "--purpose",
            "ซื้อปุ๋ย",
            "--recorded-by",
            "2",
        ],
    );
    b.json(
        "2025-02-12",
        &[
            "loan",
            "approve",
            "--loan",
            "2568/001",
            "--by",
            "1",
            "--date",
            "12/2/2568",
        ],
    );
    b.json(
        "2025-02-15",
        &[
            "loan",
            "disburse",
            "--loan",
            "2568/001",
            "--date",
            "15/2/2568",
            "--from",
            "cash",
        ],
    );
}
