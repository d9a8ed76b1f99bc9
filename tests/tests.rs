//! Integration tests of the core and the `sajja` command line: whole scenarios on real
//! SQLite files, one test binary.

mod agm;
mod audit_paper;
mod business;
mod collection;
mod committee_papers;
mod day_totals;
mod documents;
mod durability;
mod foundation;
mod fuzz;
mod glossary;
mod governance;
mod hardening;
mod import;
mod keys;
mod loan_rules;
mod loans;
mod money_rules;
mod month_close;
mod papers;
mod paperwork;
mod printed_figures;
mod property;
mod purchase_return;
mod trust;
mod util;
mod work_date;
mod yearend;
