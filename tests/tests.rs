//! Integration tests of the core and the `sajja` command line: whole scenarios on real
//! SQLite files, one test binary.

mod collection;
mod documents;
mod durability;
mod foundation;
mod loans;
mod money_rules;
mod property;
mod util;
