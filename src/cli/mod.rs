//! Subcommand groups of the `sajja` command line, one file each.

pub mod collect;
pub mod governance;
pub mod loan;
pub mod print;
pub mod yearend;

use serde::Serialize;

/// Prints either JSON (`--json`) or the human text.
#[derive(Clone, Copy)]
pub struct Out {
    pub json: bool,
}

/// `value` as JSON with `"voucher"` added: the payment voucher of the entry, or null when it
/// paid nothing out (the contract scripts rely on).
pub fn with_voucher<T: Serialize>(value: &T, voucher: Option<String>) -> serde_json::Value {
    let mut v = serde_json::to_value(value).expect("plain data serialises");
    if let Some(map) = v.as_object_mut() {
        map.insert("voucher".to_string(), serde_json::json!(voucher));
    }
    v
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
