//! A crash at any moment loses nothing that was confirmed and leaves no half-posted sheet: the
//! real `sajja` process is killed (SIGKILL) at moments spread over a collection sheet, then
//! the books are opened again and checked.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sajja_core::{Books, MemberInput, NewGroup};

use crate::util::TempBooks;

const MEMBERS: usize = 200;
const ROUNDS: u32 = 10;

fn sheet(dir: &std::path::Path, round: u32) -> std::path::PathBuf {
    let path = dir.join(format!("sheet-{round}.csv"));
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(f, "member,sajja,deposit").unwrap();
    for n in 1..=MEMBERS {
        let deposit = if n % 5 == 0 { "20" } else { "" };
        writeln!(f, "{n},100,{deposit}").unwrap();
    }
    path
}

/// Receipts dated on the collection day of `round` (stored as ISO ค.ศ.).
fn receipts_on(books: &Books, round: u32) -> usize {
    books
        .conn()
        .query_row(
            "SELECT count(*) FROM journal_entry WHERE receipt IS NOT NULL AND date = ?1",
            [format!("2025-{:02}-05", round + 1)],
            |r| r.get(0),
        )
        .unwrap()
}

/// The 5th of a month of 2568, as the treasurer types it.
fn collection_day(round: u32) -> String {
    format!("5/{}/2568", round + 1)
}

/// Starts `sajja collect --batch` for a round; kills it after `after` unless it has finished.
/// Returns whether it finished on its own, and then the receipts it printed.
fn run_and_kill(b: &TempBooks, round: u32, after: Option<Duration>) -> Option<usize> {
    // To a file, not a pipe: a full pipe would hold the process up after its commit.
    let printed_to = b.dir.path().join(format!("receipts-{round}.json"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_sajja"))
        .arg("--db")
        .arg(&b.path)
        .args([
            "collect",
            "--json",
            "--date",
            &collection_day(round),
            "--batch",
        ])
        .arg(sheet(b.dir.path(), round))
        .env("SAJJA_TODAY", "2568-12-31")
        .env_remove("SAJJA_DB")
        .stdout(std::fs::File::create(&printed_to).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    if let Some(after) = after {
        std::thread::sleep(after);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            child.wait().unwrap();
            return None;
        }
    }
    assert!(child.wait().unwrap().success(), "the sheet should post");
    let printed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&printed_to).unwrap()).unwrap();
    Some(printed["count"].as_u64().unwrap() as usize)
}

#[test]
fn killing_the_program_mid_sheet_loses_nothing_confirmed_and_posts_no_half_sheet() {
    let b = TempBooks::new();
    let mut books = Books::create(
        &b.path,
        &NewGroup {
            founded: "2568-01-01".into(),
            ..NewGroup::named("กลุ่มทดสอบไฟดับ")
        },
    )
    .unwrap();
    let members: Vec<MemberInput> = (1..=MEMBERS)
        .map(|n| MemberInput {
            name: format!("นายสมาชิก{n} ทดสอบ"),
            joined: "2568-01-05".into(),
            shares: "2".into(),
            ..Default::default()
        })
        .collect();
    books.add_members(&members).unwrap();
    drop(books);

    // The first sheet runs to the end: how long a whole sheet takes here aims the kills below.
    let started = Instant::now();
    assert_eq!(run_and_kill(&b, 0, None), Some(MEMBERS));
    let whole = started.elapsed();

    let mut killed = 0;
    let mut finished = 1;
    for round in 1..ROUNDS {
        // From start-up to three times the first sheet (later sheets also charge the fines of
        // the months killed before them), denser early on.
        let share = f64::from(round) / f64::from(ROUNDS - 1);
        let after = whole.mul_f64(3.0 * share * share);
        let outcome = run_and_kill(&b, round, Some(after));
        let books = Books::open(&b.path).expect("the books open after a kill");
        let report = books.verify().unwrap();
        assert!(report.ok, "round {round}: {report:?}");
        let posted = receipts_on(&books, round);
        eprintln!("round {round}: after {after:?} (whole {whole:?}): {outcome:?}, {posted} posted");
        match outcome {
            Some(printed) => {
                finished += 1;
                assert_eq!(printed, MEMBERS);
                assert_eq!(posted, MEMBERS, "round {round}: a confirmed sheet was lost");
            }
            None => {
                killed += 1;
                assert!(
                    posted == 0 || posted == MEMBERS,
                    "round {round}: {posted} of {MEMBERS} rows posted: a half sheet"
                );
            }
        }
        // Every earlier confirmed sheet is still there.
        assert_eq!(receipts_on(&books, 0), MEMBERS);
    }
    assert!(killed > 0, "no run was killed: the kills missed");
    eprintln!("{finished} sheets finished, {killed} killed part-way");
}
