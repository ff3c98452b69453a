//! The shell's history file, kept across sessions as crmsh keeps it:
//! `~/.config/crm/history` (`$XDG_CONFIG_HOME/crm/history`).

use std::path::PathBuf;

/// Most lines kept.
pub const MAX_LINES: usize = 1000;

/// Where the history lives, from the environment.
pub fn path() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME");
    let home = std::env::var_os("HOME");
    path_from(xdg.as_deref(), home.as_deref())
}

pub fn path_from(xdg: Option<&std::ffi::OsStr>, home: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    let config = match xdg.filter(|x| !x.is_empty()) {
        Some(x) => PathBuf::from(x),
        None => PathBuf::from(home.filter(|h| !h.is_empty())?).join(".config"),
    };
    Some(config.join("crm").join("history"))
}

/// Makes the folder; a history that cannot be kept is no reason to fail.
pub fn prepare(path: &std::path::Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn history_is_in_the_config_dir() {
        assert_eq!(
            path_from(None, Some(OsStr::new("/home/u"))),
            Some(PathBuf::from("/home/u/.config/crm/history"))
        );
        assert_eq!(
            path_from(Some(OsStr::new("/x")), Some(OsStr::new("/home/u"))),
            Some(PathBuf::from("/x/crm/history"))
        );
        assert_eq!(path_from(None, None), None);
    }
}
