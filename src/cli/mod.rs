//! Subcommand groups of the `sajja` command line, one file each.

pub mod business;
pub mod collect;
pub mod export;
pub mod governance;
pub mod import;
pub mod loan;
pub mod print;
pub mod trust;
pub mod usage;
pub mod yearend;

use serde::Serialize;

/// A date as the command line prints it: Thai, with Arabic digits ("15 มี.ค. 2568").
pub fn thai_date(date: chrono::NaiveDate) -> String {
    sajja_core::thai::format_date(date, sajja_core::thai::Digits::Arabic)
}

/// [`thai_date`], or "-" where there is no date.
pub fn thai_date_or_dash(date: Option<chrono::NaiveDate>) -> String {
    date.map(thai_date).unwrap_or_else(|| "-".into())
}

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
        let text = if self.json {
            serde_json::to_string_pretty(value)
                .map_err(|e| sajja_core::Error::Refused(format!("แปลงผลเป็น JSON ไม่ได้: {e}")))?
        } else {
            human()
        };
        write_stdout(&text)
    }
}

/// Writes a line to stdout. A reader that stopped early (`sajja … | head -1`) is not an
/// error: the output was wanted only that far.
pub fn write_stdout(text: &str) -> sajja_core::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Opens the books for a command. A damaged file opens read-only: reading commands still
/// work, with the diagnosis on stderr first; writing commands are refused by the core.
pub fn open(path: &std::path::Path) -> sajja_core::Result<Opened> {
    let mut books = sajja_core::Books::open(path)?;
    sign_in(&mut books)?;
    if let Some(warning) = books.damage_warning() {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "คำเตือน: {warning}");
    }
    Ok(Opened(books))
}

/// The books a command opened. When the command is done, an automatic copy that could not be
/// made is said on stderr (the command itself went ahead).
pub struct Opened(sajja_core::Books);

impl std::ops::Deref for Opened {
    type Target = sajja_core::Books;
    fn deref(&self) -> &sajja_core::Books {
        &self.0
    }
}

impl std::ops::DerefMut for Opened {
    fn deref_mut(&mut self) -> &mut sajja_core::Books {
        &mut self.0
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        if let Some(warning) = self.0.backup_warning() {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "คำเตือน: {warning}");
        }
    }
}

/// Who is at the keyboard (`--as`) and who confirms (`--checker`), for every command.
static WHO: std::sync::OnceLock<(Option<u32>, Option<u32>)> = std::sync::OnceLock::new();

pub fn set_who(user: Option<u32>, checker: Option<u32>) {
    let _ = WHO.set((user, checker));
}

/// The PINs typed for this command ([user, checker]), read once: a command that opens the
/// books more than once (a print opens them for each step) asks only once.
static PINS: std::sync::Mutex<[Option<String>; 2]> = std::sync::Mutex::new([None, None]);

/// PIN `slot` (0: the user, 1: the checker) from `var` or the terminal, or as typed before.
fn pin(slot: usize, var: &str, prompt: String) -> sajja_core::Result<String> {
    let mut pins = PINS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(p) = &pins[slot] {
        return Ok(p.clone());
    }
    let typed = trust::secret(var, &prompt, false)?;
    pins[slot] = Some(typed.clone());
    Ok(typed)
}

/// Signs the user and the checker in with their PINs (`SAJJA_PIN`, `SAJJA_CHECKER_PIN`, or
/// typed at the terminal). A group without users needs neither.
fn sign_in(books: &mut sajja_core::Books) -> sajja_core::Result<()> {
    let (user, checker) = WHO.get().copied().unwrap_or((None, None));
    if let Some(n) = user {
        books.sign_in(n, &pin(0, "SAJJA_PIN", format!("PIN ของผู้ใช้เลขที่ {n}"))?)?;
    }
    if let Some(n) = checker {
        let p = pin(1, "SAJJA_CHECKER_PIN", format!("PIN ของผู้ตรวจเลขที่ {n}"))?;
        books.confirm_checker(n, &p)?;
    }
    Ok(())
}

/// A books file opened afresh, with the user signed in, for each step of a print: so the print
/// is recorded under the user at the keyboard (`--as`), and nothing is held while it draws.
pub struct SignedIn<'a>(pub &'a std::path::Path);

impl sajja_core::documents::BooksAccess for SignedIn<'_> {
    fn with_books<T>(
        &self,
        f: impl FnOnce(&mut sajja_core::Books) -> sajja_core::Result<T>,
    ) -> sajja_core::Result<T> {
        let mut books = open(self.0)?;
        f(&mut books)
    }
}
