//! Sajja's desktop shell: a Tauri 2 window over the `sajja` core.
//!
//! Layout: `state` (the books file in use, behind a `Mutex`), `error` (the core's error sent to
//! the UI as `{kind, message, field}`), `commands/<concept>.rs` (thin commands: lock the state,
//! call the core, `?`). The UI is the static `ui/` folder, embedded at build time.
//!
//! The books file: `--db PATH` on the command line, else `SAJJA_DB`, else the platform default
//! ([`sajja_core::default_db_path`]), the same file the `sajja` command line uses.

mod commands;
pub mod error;
mod folders;
pub mod state;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Mutex;

use tauri::Manager;

/// The `--db PATH` (or `--db=PATH`) argument, if given.
pub fn db_arg(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return Some(PathBuf::from(path));
        }
    }
    None
}

pub fn run() {
    let explicit = db_arg(std::env::args_os().skip(1));
    let path = sajja_core::resolve_db_path(explicit.as_deref());
    let shelf: state::BooksState = Mutex::new(state::Shelf::at(path));

    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // PDFs are opened from Rust (commands::print); no opener permission for the window.
        .plugin(
            tauri_plugin_opener::Builder::new()
                .open_js_links_on_click(false)
                .build(),
        )
        .manage(shelf)
        .invoke_handler(tauri::generate_handler![
            commands::books::app_status,
            commands::import::import_pick_file,
            commands::import::import_preview,
            commands::import::import_confirm,
            commands::import::opening_show,
            commands::import::opening_enter,
            commands::import::opening_accounts,
            commands::import::import_template,
            commands::import::export_report,
            commands::books::create_books,
            commands::books::open_books_file,
            commands::books::open_demo,
            commands::books::close_books,
            commands::group::overview,
            commands::group::trend_charts,
            commands::group::update_group,
            commands::settings::settings_list,
            commands::settings::set_setting,
            commands::members::members,
            commands::members::member,
            commands::members::member_history,
            commands::members::add_member,
            commands::members::update_member,
            commands::collection::due,
            commands::collection::collect,
            commands::collection::collection_day,
            commands::collection::count_cash,
            commands::collection::reverse_entry,
            commands::collection::journal_entry,
            commands::money::expense,
            commands::money::income,
            commands::money::bank_movement,
            commands::money::money_position,
            commands::period::close_month_preview,
            commands::period::close_month,
            commands::registers::cashbook,
            commands::registers::sajja_register,
            commands::registers::account_history,
            commands::registers::member_balance,
            commands::exit::member_exit_preview,
            commands::exit::member_exit,
            commands::exit::exit_payable,
            commands::exit::pay_exit,
            commands::loans::loan_products,
            commands::loans::add_loan_product,
            commands::loans::loan_preview,
            commands::loans::apply_loan,
            commands::loans::approve_loan,
            commands::loans::reject_loan,
            commands::loans::disburse_loan,
            commands::loans::repay_loan,
            commands::loans::restructure_loan,
            commands::loans::write_off_loan,
            commands::loans::replace_guarantor,
            commands::loans::release_guarantor,
            commands::loans::loan,
            commands::loans::loan_schedule,
            commands::loans::loans,
            commands::loans::loan_arrears,
            commands::loans::member_loans,
            commands::print::print_options,
            commands::print::print_preview,
            commands::print::print_document,
            commands::print::print_progress,
            commands::print::print_cancel,
            commands::print::open_saved,
            commands::print::choose_print_folder,
            commands::yearend::year_statements,
            commands::yearend::yearend_preview,
            commands::yearend::yearend_close,
            commands::yearend::yearend_pay,
            commands::users::user_list,
            commands::users::sign_in,
            commands::users::sign_out,
            commands::users::confirm_checker,
            commands::backup::backups,
            commands::backup::backup_now,
            commands::backup::backup_export,
            commands::backup::backup_pick_folder,
            commands::backup::restore_pick_file,
            commands::backup::restore_preview,
            commands::backup::restore_confirm,
            commands::backup::check_code,
            commands::business::businesses,
            commands::business::business,
            commands::business::add_business,
            commands::business::business_items,
            commands::business::add_item,
            commands::business::stock_buy,
            commands::business::stock_sell,
            commands::business::stock_count,
            commands::business::stock_on_hand,
            commands::business::business_day,
            commands::business::rice_lend,
            commands::business::rice_repay,
            commands::business::rice_receive,
            commands::business::rice_bank,
            commands::business::business_report,
            commands::governance::committee,
            commands::governance::set_seat,
            commands::governance::meetings,
            commands::governance::meeting,
            commands::governance::new_meeting,
            commands::governance::meeting_attend,
            commands::governance::meeting_guest,
            commands::governance::meeting_item,
            commands::governance::close_meeting,
            commands::governance::meeting_offers,
        ])
        .build(tauri::generate_context!())
        .expect("error while starting the Sajja window");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            commands::books::remove_demo(&handle.state::<state::BooksState>());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    /// Every command in `generate_handler!` is listed in build.rs, allowed in
    /// capabilities/main.json (otherwise the window gets "not allowed" at run time) and
    /// invoked by ui/api.js; and api.js invokes nothing else (it would fail at run time).
    #[test]
    fn every_command_is_listed_allowed_and_used() {
        let lib = include_str!("lib.rs");
        let handler = &lib[lib.find("generate_handler![").unwrap()..];
        let handler = &handler[..handler.find(']').unwrap()];
        let mut handled: Vec<&str> = handler
            .split(',')
            .filter_map(|item| item.trim().rsplit("::").next())
            .filter(|name| !name.is_empty() && !name.contains('['))
            .collect();
        handled.sort();

        let build = include_str!("../build.rs");
        let listed = &build[build.find("COMMANDS").unwrap()..];
        let listed = &listed[..listed.find("];").unwrap()];
        let mut listed: Vec<&str> = listed.split('"').skip(1).step_by(2).collect();
        listed.sort();
        assert_eq!(handled, listed, "build.rs COMMANDS vs generate_handler!");

        let caps: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        let mut allowed: Vec<String> = caps["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        allowed.sort();
        let mut expected: Vec<String> = listed
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        expected.sort();
        assert_eq!(allowed, expected, "capabilities/main.json permissions");

        // The UI's side: every command ui/api.js invokes is offered, and none goes unused.
        let mut invoked = invoked_commands(include_str!("../../ui/api.js"));
        invoked.sort();
        invoked.dedup();
        assert_eq!(
            invoked, handled,
            "ui/api.js invoke(...) calls vs generate_handler!"
        );
    }

    /// The command names in `invoke('name'` / `invoke("name"` calls of a script.
    fn invoked_commands(script: &str) -> Vec<&str> {
        script
            .split("invoke(")
            .skip(1)
            .filter_map(|call| {
                let quote = call.chars().next().filter(|c| *c == '\'' || *c == '"')?;
                let name = &call[1..];
                Some(&name[..name.find(quote)?])
            })
            .collect()
    }

    #[test]
    fn reads_invoked_command_names() {
        let script = "function invoke(command, args) { return tauri.core.invoke(command, args); }
            export const a = () => invoke('app_status');
            export const b = (x) => invoke(\"due\", { x });
            export const c = () => invoke('due', {});";
        assert_eq!(invoked_commands(script), ["app_status", "due", "due"]);
    }

    #[test]
    fn reads_the_db_argument() {
        assert_eq!(
            db_arg(args(&["--db", "/tmp/a.db"])),
            Some("/tmp/a.db".into())
        );
        assert_eq!(db_arg(args(&["--db=/tmp/b.db"])), Some("/tmp/b.db".into()));
        assert_eq!(
            db_arg(args(&["-x", "--db", "c.db", "--db", "d.db"])),
            Some("c.db".into())
        );
        assert_eq!(db_arg(args(&[])), None);
        assert_eq!(db_arg(args(&["--db"])), None);
    }
}
