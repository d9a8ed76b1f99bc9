//! Subcommand groups of the `sajja` command line, one file each.

pub mod collect;
pub mod loan;
pub mod print;

use serde::Serialize;

/// Prints either JSON (`--json`) or the human text.
#[derive(Clone, Copy)]
pub struct Out {
    pub json: bool,
}

impl Out {
    pub fn print<T: Serialize>(
        self,
        value: &T,
        human: impl FnOnce() -> String,
    ) -> sajja_core::Result<()> {
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(value).expect("plain data serialises")
            );
        } else {
            println!("{}", human());
        }
        Ok(())
    }
}
