//! Where this computer saves the group's documents: a preference of the laptop, not of the
//! books, so it lives in the shell (the program's settings folder), never in the group's file.

use std::path::{Path, PathBuf};

/// Where the app saves documents by default: `~/เอกสาร/สัจจะ/<group>/` (the desktop's
/// documents folder, whatever its name), or `$SAJJA_PRINT_DIR/<group>/` when that is set.
pub fn default(group: &str) -> PathBuf {
    let base = match std::env::var_os("SAJJA_PRINT_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => directories::UserDirs::new()
            .and_then(|u| u.document_dir().map(Path::to_path_buf))
            .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join("เอกสาร")))
            .unwrap_or_else(|| PathBuf::from("เอกสาร"))
            .join("สัจจะ"),
    };
    base.join(safe_name(group))
}

/// A group name usable as a folder name (no path separators or control characters).
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "กลุ่ม".to_string()
    } else {
        cleaned
    }
}

fn folders_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("th", "Sajja", "sajja")
        .map(|d| d.config_dir().join("print-folders.json"))
}

/// The folder the treasurer chose last for this group's documents, else the default. With
/// `SAJJA_PRINT_DIR` set (tests), always the default.
pub fn remembered(group: &str) -> PathBuf {
    if std::env::var_os("SAJJA_PRINT_DIR").is_some_and(|v| !v.is_empty()) {
        return default(group);
    }
    folders_file()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v.get(group).and_then(|p| p.as_str()).map(PathBuf::from))
        .unwrap_or_else(|| default(group))
}

/// Remembers `folder` for this group's documents (in the program's settings folder, not in
/// the books: the folder belongs to this computer).
///
/// # Errors
/// The settings folder cannot be written.
pub fn remember(group: &str, folder: &Path) -> sajja_core::Result<()> {
    let Some(file) = folders_file() else {
        return Ok(());
    };
    let mut all: serde_json::Map<String, serde_json::Value> = std::fs::read_to_string(&file)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    all.insert(group.to_string(), folder.display().to_string().into());
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_string_pretty(&all).unwrap_or_default();
    Ok(sajja_core::print::write_atomic(&file, text.as_bytes())?)
}

/// Where a file is, in words a treasurer reads: "โฟลเดอร์ เอกสาร/สัจจะ" (under the documents or
/// home folder), a temporary folder said as such, else the last two folders of the path.
/// Never the full path (that stays in a tooltip for whoever needs it).
pub fn in_words(file: &Path) -> String {
    let folder = file.parent().unwrap_or(file);
    let temporary = [std::env::temp_dir(), "/tmp".into(), "/var/tmp".into()];
    if temporary.iter().any(|t| folder.starts_with(t)) {
        return "โฟลเดอร์ชั่วคราวของเครื่อง".to_string();
    }
    // The program's own data folder (where new books go by default) is hidden on Linux
    // (`~/.local/share/sajja`) and deep in AppData on Windows: name it, not its path.
    let own = sajja_core::books::default_db_path();
    if own.parent() == Some(folder) {
        return "โฟลเดอร์ข้อมูลของโปรแกรมสัจจะ".to_string();
    }
    let documents =
        directories::UserDirs::new().and_then(|u| u.document_dir().map(Path::to_path_buf));
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let under = |base: &Path, name: &str| -> Option<String> {
        let rest = folder.strip_prefix(base).ok()?;
        let mut words = vec![name.to_string()];
        words.extend(rest.iter().map(|c| c.to_string_lossy().into_owned()));
        Some(words.join("/"))
    };
    if let Some(w) = documents.as_deref().and_then(|d| under(d, "เอกสาร")) {
        return format!("โฟลเดอร์ {w}");
    }
    if let Some(w) = home.as_deref().and_then(|h| under(h, "โฟลเดอร์ส่วนตัว"))
    {
        return w;
    }
    let names: Vec<String> = folder
        .iter()
        .filter(|c| c.to_string_lossy() != "/")
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    match names.len() {
        0 => "โฟลเดอร์หลักของเครื่อง".to_string(),
        n => format!("โฟลเดอร์ {}", names[n.saturating_sub(2)..].join("/")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_in_words_never_shows_the_whole_path() {
        let tmp = std::env::temp_dir().join("sajja-demo-1.db");
        assert_eq!(in_words(&tmp), "โฟลเดอร์ชั่วคราวของเครื่อง");
        assert_eq!(in_words(Path::new("/sajja.db")), "โฟลเดอร์หลักของเครื่อง");
        if let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()) {
            let w = in_words(&home.join("บัญชีกลุ่ม").join("sajja.db"));
            assert_eq!(w, "โฟลเดอร์ส่วนตัว/บัญชีกลุ่ม");
            assert!(!w.contains(&*home.to_string_lossy()), "{w}");
        }
        assert_eq!(
            in_words(Path::new("/media/usb/กลุ่ม/sajja.db")),
            "โฟลเดอร์ usb/กลุ่ม"
        );
        // New books' default place, hidden on Linux, is named rather than shown.
        let own = sajja_core::books::default_db_path();
        assert_eq!(in_words(&own), "โฟลเดอร์ข้อมูลของโปรแกรมสัจจะ");
        assert!(!in_words(&own).contains(".local"));
    }
}
