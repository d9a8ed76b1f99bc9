// The only file that talks to the Rust side. One async function per command.
// A refused command throws `{kind, message, field}`: `message` is the core's Thai text,
// `field` (or null) names the form field it belongs to.

function call(command, args) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    return Promise.reject({
      kind: 'no_backend',
      message: 'ไม่พบส่วนโปรแกรมหลัก — เปิดหน้านี้จากโปรแกรมสัจจะเท่านั้น',
      field: null,
    });
  }
  return tauri.core.invoke(command, args).catch((e) => {
    if (e && typeof e === 'object' && typeof e.message === 'string') {
      throw { kind: e.kind || 'error', message: e.message, field: e.field ?? null };
    }
    throw { kind: 'internal', message: `เกิดข้อผิดพลาดภายในโปรแกรม: ${String(e)}`, field: null };
  });
}

// Two people: a command refused with kind 'checker_needed' (a reversal, a write-off, a loan
// approval, a month or year close, a setting, a user) asks the second person for their PIN on
// the same screen (`askChecker`, set by main.js, resolves true once `confirmChecker`
// succeeded) and is sent once more; backing out keeps the refusal. 'sign_in_needed' (the app
// was locked) goes back to the sign-in screen.
let askChecker = null;
let signInNeeded = null;
export function onCheckerNeeded(fn) {
  askChecker = fn;
}
export function onSignInNeeded(fn) {
  signInNeeded = fn;
}

async function invoke(command, args = {}) {
  try {
    return await call(command, args);
  } catch (e) {
    if (e.kind === 'checker_needed' && askChecker && (await askChecker(e.message))) {
      return call(command, args);
    }
    if (e.kind === 'sign_in_needed' && signInNeeded) signInNeeded();
    throw e;
  }
}

// {path, start_path|null, demo, today, open, overview|null, users, user|null, open_error|null}: which file,
// whether books are open, and the core's today ("YYYY-MM-DD").
export const appStatus = () => invoke('app_status');

// First start.
export const createBooks = (group) => invoke('create_books', { group });
export const openBooksFile = () => invoke('open_books_file'); // null when the dialog is cancelled
export const openDemo = () => invoke('open_demo');
// Leave the file in use (a demo group is deleted) and go back to the start-up file.
export const closeBooks = () => invoke('close_books');

// The open books.
export const overview = () => invoke('overview');
// [svg, …]: the last 24 months as four bar charts drawn by the core.
export const trendCharts = () => invoke('trend_charts');
export const updateGroup = (input) => invoke('update_group', { input });
export const settingsList = () => invoke('settings_list');
export const setSetting = (key, value, effective) =>
  invoke('set_setting', { key, value, effective: effective || null });

// Members.
export const members = (search = '') => invoke('members', { search });
// IDs come masked; `reveal` (the reveal button, the edit form) asks for the full number.
export const member = (number, reveal = false) => invoke('member', { number, reveal });
export const memberHistory = (number) => invoke('member_history', { number });
export const addMember = (input) => invoke('add_member', { input });
export const updateMember = (number, input, on) =>
  invoke('update_member', { number, input, on: on || null });

// Collection day. Dates and amounts are sent as typed; the core parses them.
export const due = (date, member = null) => invoke('due', { date, member });
// One member's row -> {receipt, due (their fresh row), day (totals), receipts, last_seq}: the
// day's receipts after journal sequence number `after` (the last the screen has seen), so
// posting a row is one round trip however long the day.
export const collect = (row, after = null) => invoke('collect', { row, after });
// The day's totals, cash counts and receipts (only those after `after`, when given), last_seq.
export const collectionDay = (date, after = null) => invoke('collection_day', { date, after });
export const countCash = (date, counted, note = '') => invoke('count_cash', { date, counted, note });
// Reverse a receipt (number) or entry (id) with a reason, booked on `date`.
export const reverseEntry = (target, reason, date = '') => invoke('reverse_entry', { target, reason, date });
export const journalEntry = (target) => invoke('journal_entry', { target });

// The group's own money.
export const expense = (input) => invoke('expense', { input });
export const income = (input) => invoke('income', { input });
// action: 'deposit' (cash -> bank), 'withdraw' (bank -> cash) or 'interest'.
export const bankMovement = (action, date, amount, memo = '') =>
  invoke('bank_movement', { action, date, amount, memo });
export const moneyPosition = (date = '') => invoke('money_position', { date });

// Month close: what it would do (nothing is changed), and doing it.
export const closeMonthPreview = (month, input = {}) => invoke('close_month_preview', { month, input });
export const closeMonth = (month, input = {}) => invoke('close_month', { month, input });

// Bringing the paper books in (import wizard) and spreadsheets out. kind: members, opening,
// loans or funds; file: a path; sheet and date ('' = the template's sheet, the cut-over set).
// A report: {kind, file, sheet, date, dry_run, committed, rows, columns: [{header, field}],
// unknown_columns, lines: [{row, text}], totals: [{label, amount}], errors: [{row, column, message}]}.
export const importPickFile = () => invoke('import_pick_file'); // path or null
export const importPreview = (kind, file, sheet = '', date = '') => invoke('import_preview', { input: { kind, file, sheet, date } });
export const importConfirm = (kind, file, sheet = '', date = '') => invoke('import_confirm', { input: { kind, file, sheet, date } });
export const openingShow = () => invoke('opening_show');
// Opening balances typed on screen, checked and posted by the same core code as the import:
// rows are [line, cells] in the order of `fields`; `post` false = a preview that changes nothing.
export const openingEnter = (kind, date, fields, rows, post) =>
  invoke('opening_enter', { kind, date, fields, rows, post });
export const openingAccounts = () => invoke('opening_accounts'); // [{code, name, side}]
export const importTemplate = () => invoke('import_template'); // {file, name, place}
// report: members, register, cashbook, loans, arrears, fund-report, district; format xlsx|csv.
export const exportReport = (report, { year = '', month = '', format = 'xlsx' } = {}) =>
  invoke('export_report', { report, year, month, format }); // {report, file, name, place, rows, summary?}

// Registers.
export const cashbook = (month) => invoke('cashbook', { month });
export const sajjaRegister = (year) => invoke('sajja_register', { year });
export const accountHistory = (number, from = '', to = '') => invoke('account_history', { number, from, to });
export const memberBalance = (number, date = '') => invoke('member_balance', { number, date });

// A member leaves or dies. reason: 'resign' | 'death' | 'expel'; payFrom: 'cash' | 'bank'.
export const memberExitPreview = (number, date, reason, payFrom) =>
  invoke('member_exit_preview', { input: { number, date, reason, pay_from: payFrom } });
export const memberExit = (number, date, reason, payFrom) =>
  invoke('member_exit', { input: { number, date, reason, pay_from: payFrom } });
// What a former member (or the heirs) is still to be paid, and paying it later (from: 'cash' | 'bank').
export const exitPayable = (number) => invoke('exit_payable', { number });
export const payExit = (number, date, from, to = '') => invoke('pay_exit', { number, date, from, to });

// Loans. Dates and amounts are sent as typed; a loan is named by its contract number
// ("2568/007") or its id. Refusals come back as {kind, message, field} with the form field.
export const loanProducts = () => invoke('loan_products');
export const addLoanProduct = (input) => invoke('add_loan_product', { input });
// The schedule and yearly rates a loan would have, before applying.
export const loanPreview = (product, amount, months, date = '') =>
  invoke('loan_preview', { product, amount, months, date });
export const applyLoan = (input) => invoke('apply_loan', { input }); // -> LoanCard
export const approveLoan = (decision) => invoke('approve_loan', { decision });
export const rejectLoan = (decision) => invoke('reject_loan', { decision });
export const disburseLoan = (input) => invoke('disburse_loan', { input });
export const repayLoan = (input) => invoke('repay_loan', { input }); // -> {entry, loan_payment}
export const restructureLoan = (input) => invoke('restructure_loan', { input });
export const writeOffLoan = (decision) => invoke('write_off_loan', { decision });
// change: {loan, member, with, by, date, meeting, reason} -> LoanCard
export const replaceGuarantor = (change) => invoke('replace_guarantor', { change });
export const releaseGuarantor = (change) => invoke('release_guarantor', { change });
export const loan = (loan, date = '') => invoke('loan', { loan, date: date || null });
export const loanSchedule = (loan) => invoke('loan_schedule', { loan });
// filter: {member: '12' | '', status: 'open' | 'active' | … | ''}
export const loans = (filter = {}) => invoke('loans', { filter: { member: '', status: '', ...filter } });
export const loanArrears = (date = '') => invoke('loan_arrears', { date: date || null });
export const memberLoans = (number, date = '') => invoke('member_loans', { number, date: date || null });

// Printing. A request names the document ('receipt', 'passbook', 'passbook-continue',
// 'statements', 'fund-report', 'cashbook', 'register') and what it needs, as typed:
// {document, member, from, to, receipt, date, month, year, new_book, again}.
export const printOptions = () => invoke('print_options'); // {documents, folder}
// What the document will contain and where it will be saved: {title, lines, file_name, path, folder, items}.
export const printPreview = (request) => invoke('print_preview', { request });
// Saves the PDF in the group's folder and opens it in the PDF viewer:
// {title, files, pages, path, folder, opened, open_note, passbook|null}.
export const printDocument = (request) => invoke('print_document', { request });
export const printProgress = () => invoke('print_progress'); // {done, total, running}
export const printCancel = () => invoke('print_cancel');
export const choosePrintFolder = () => invoke('choose_print_folder'); // the folder in words, null when cancelled
// Opens a saved document: the PDF in the system's viewer (to print), or its folder.
export const openSaved = (path, folder) => invoke('open_saved', { path, folder }); // {opened, note}

// Year-end (สิ้นปีบัญชี): the statements of a year (พ.ศ.), the allocation preview (with
// preparedBy, a member number, the preparer is recorded), the close approved by the meeting
// (the approver must not be the preparer), and the payout (member null = everyone still owed;
// to: 'cash' | 'savings' | 'deposit').
export const yearStatements = (year) => invoke('year_statements', { year });
export const yearendPreview = (year, preparedBy = null) =>
  invoke('yearend_preview', { year, preparedBy });
// meeting: the approving general meeting's number ('' = none recorded; then meetingDate).
export const yearendClose = (year, meeting, meetingDate, approvedBy) =>
  invoke('yearend_close', { year, meeting, meetingDate, approvedBy });
export const yearendPay = (year, member, to, date) => invoke('yearend_pay', { year, member, to, date });

// Who is at the keyboard. users: [{member, name, role, role_label, added_at}]. A wrong PIN is
// refused ({field: 'pin'}) and logged for the audit committee.
export const userList = () => invoke('user_list');
export const signIn = (member, pin) => invoke('sign_in', { member, pin }); // -> the user
export const signOut = () => invoke('sign_out');
// The second person of a two-person operation; counts for the next command only.
export const confirmChecker = (member, pin) => invoke('confirm_checker', { member, pin });

// Backups (สำรองข้อมูล): copies beside the books, newest first, each {path, file_name, reason_label,
// made_on, group, entries, members, last_entry_date, last_receipt, check_code, …}.
export const backups = () => invoke('backups');
export const backupNow = () => invoke('backup_now');
// Chooses a folder (USB stick), copies and verifies there: {path, bytes, verify, check_code} or null.
// The folder chosen in the system dialog (the USB stick), or null.
export const backupPickFolder = () => invoke('backup_pick_folder');
// {path, bytes, verify, check_code, encrypted}: the copy in `dir`, verified there; encrypted
// with `passphrase` when one is given.
export const backupExport = (dir, passphrase) => invoke('backup_export', { dir, passphrase: passphrase || null });
export const restorePickFile = () => invoke('restore_pick_file'); // a path or null
// {backup, current, problems, can_restore}: nothing is changed. An encrypted copy (….db.age)
// needs the passphrase it was made with.
export const restorePreview = (file, passphrase) => invoke('restore_preview', { file, passphrase: passphrase || null });
// {books, saved_before, verify}
export const restoreConfirm = (file, passphrase) => invoke('restore_confirm', { file, passphrase: passphrase || null });
// A check code from paper: {code, found, unchanged, document, title, printed_on, chain_seq, message}.
export const checkCode = (code) => invoke('check_code', { code });

// The group's businesses (ร้านค้าชุมชน, ปุ๋ยและปัจจัยการผลิต, ยุ้งฉาง/ธนาคารข้าว). A business is
// named by its number or name; quantities, amounts and dates are sent as typed.
export const businesses = () => invoke('businesses');
export const business = (business) => invoke('business', { business });
// input: {kind: shop|granary|inputs|other, name, capital, date, manager, from: cash|bank}
export const addBusiness = (input) => invoke('add_business', { input });
export const businessItems = (business) => invoke('business_items', { business });
// input: {business, name, unit, price}
export const addItem = (input) => invoke('add_item', { input });
// input: {business, item, qty, cost (the whole lot), date, from: cash|bank, supplier}
export const stockBuy = (input) => invoke('stock_buy', { input });
// input: {business, item, qty, price (per unit; '' = the item's price), date, member, credit}
export const stockSell = (input) => invoke('stock_sell', { input });
// input: {business, item, qty (counted), date} -> {expected, counted, difference, ...}
export const stockCount = (input) => invoke('stock_count', { input });
export const stockOnHand = (business, date = '') => invoke('stock_on_hand', { business, date });
// The business's movements of a day, in the order entered.
export const businessDay = (business, date = '') => invoke('business_day', { business, date });
// input: {business, item ('' = the granary's rice), member, kg, date}
export const riceLend = (input) => invoke('rice_lend', { input });
export const riceRepay = (input) => invoke('rice_repay', { input });
// input: {business, item ('' = the granary's rice), how: donation | deposit | withdraw, member
// (deposit, withdraw), from (who donated), kg, date}
export const riceReceive = (input) => invoke('rice_receive', { input });
export const riceBank = (business, item = '', date = '') => invoke('rice_bank', { business, item, date });
// Sales, cost of goods sold, expenses and profit by month; stock; members' purchases and debts.
export const businessReport = (business, year) => invoke('business_report', { business, year });
// The committee register: seats on `date` (typed, พ.ศ.) or, with '', its whole history.
// A seat: {id, committee, committee_label, member, name, position, from, to|null, meeting|null}.
export const committee = (date = '') => invoke('committee', { date });
// Records a seat {committee, member, position, from, to, meeting}; the same seat again with
// `to` ends it (history is kept, nothing is deleted).
export const setSeat = (input) => invoke('set_seat', { input });

// Meetings. Each write answers with the meeting as it now stands (quorum, agenda, …).
export const meetings = () => invoke('meetings');
export const meeting = (meeting) => invoke('meeting', { meeting });
// {kind: committee|monthly|annual|extraordinary, date, place, prefill}: prefill puts the
// month's figures, members admitted/leaving and the arrears list on agenda 3/4.
export const newMeeting = (input) => invoke('new_meeting', { input });
// {meeting, member, status: present|absent|substitute|none, reason, substitute_for}.
export const meetingAttend = (input) => invoke('meeting_attend', { input });
export const meetingGuest = (input) => invoke('meeting_guest', { input });
// {meeting, agenda: 1..5, title, text, resolution, votes_for, votes_against, votes_abstain, from_books}.
export const meetingItem = (input) => invoke('meeting_item', { input });
// {meeting, start, end, recorder, checker}: also certifies the previous minutes of its kind.
export const closeMeeting = (input) => invoke('close_meeting', { input });
// What the books offer agenda 3/4: {month_label, fund, admitted, leaving, waiting_loans, arrears}.
export const meetingOffers = (meeting) => invoke('meeting_offers', { meeting });
