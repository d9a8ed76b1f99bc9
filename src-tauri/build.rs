// The app's own commands are listed here so that each needs an explicit `allow-<command>`
// in capabilities/main.json: the window can call these and nothing else.
const COMMANDS: &[&str] = &[
    "app_status",
    "create_books",
    "open_books_file",
    "open_demo",
    "close_books",
    "overview",
    "update_group",
    "settings_list",
    "set_setting",
    "members",
    "member",
    "member_history",
    "add_member",
    "update_member",
    "due",
    "collect",
    "collection_day",
    "count_cash",
    "reverse_entry",
    "journal_entry",
    "expense",
    "income",
    "bank_movement",
    "money_position",
    "close_month_preview",
    "close_month",
    "cashbook",
    "sajja_register",
    "account_history",
    "member_balance",
    "member_exit_preview",
    "member_exit",
    "loan_products",
    "add_loan_product",
    "loan_preview",
    "apply_loan",
    "approve_loan",
    "reject_loan",
    "disburse_loan",
    "repay_loan",
    "restructure_loan",
    "write_off_loan",
    "loan",
    "loan_schedule",
    "loans",
    "loan_arrears",
    "member_loans",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
