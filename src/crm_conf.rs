//! crmsh's preferences (`crm options …`), kept where crmsh keeps them:
//! `/etc/crm/crm.conf` is the system default, `~/.config/crm/crm.conf`
//! (`$XDG_CONFIG_HOME/crm/crm.conf`) the user's own, both INI files with
//! `[core]`, `[path]`, `[color]` and `[report]` sections. The user's value
//! wins over the system's, which wins over the built-in default.
//!
//! The preferences are process-wide (the options level changes them and
//! every later command honours the change), so they sit behind one lock.

use crate::error::{Error, ErrorKind, Result};
use std::path::PathBuf;
use std::sync::Mutex;

/// What values an option takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// A program found on PATH (or an absolute path).
    Program(&'static [&'static str]),
    Text,
    Choice(&'static [&'static str]),
    /// Comma-separated choices.
    MultiChoice(&'static [&'static str]),
    Boolean,
    Directory,
    /// Space-separated colour words.
    Color,
}

/// One option: `section.name`, its values and its built-in default.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub section: &'static str,
    pub name: &'static str,
    pub value: Value,
    default: Default,
}

#[derive(Debug, Clone, Copy)]
enum Default {
    Fixed(&'static str),
    /// `$VAR` when set, else the first of the programs that is installed.
    Program(&'static str),
}

const BOOLEANS: &[&str] = &["yes", "true", "on", "1", "no", "false", "off", "0"];
const COLORS: &[&str] = &[
    "black",
    "blue",
    "green",
    "cyan",
    "red",
    "magenta",
    "yellow",
    "white",
    "bold",
    "blink",
    "dim",
    "reverse",
    "underline",
    "normal",
];

macro_rules! spec {
    ($s:literal, $n:literal, $v:expr, $d:literal) => {
        Spec {
            section: $s,
            name: $n,
            value: $v,
            default: Default::Fixed($d),
        }
    };
    ($s:literal, $n:literal, $v:expr, env $e:literal) => {
        Spec {
            section: $s,
            name: $n,
            value: $v,
            default: Default::Program($e),
        }
    };
}

/// crmsh 4.4's options, in its order.
pub const SPECS: &[Spec] = &[
    spec!("core", "editor", Value::Program(&["vim", "vi", "emacs", "nano"]), env "EDITOR"),
    spec!("core", "pager", Value::Program(&["less", "more", "pg"]), env "PAGER"),
    spec!("core", "user", Value::Text, ""),
    spec!("core", "skill_level", Value::Choice(&["operator", "administrator", "expert"]), "expert"),
    spec!("core", "sort_elements", Value::Boolean, "yes"),
    spec!("core", "check_frequency", Value::Choice(&["always", "on-verify", "never"]), "always"),
    spec!("core", "check_mode", Value::Choice(&["strict", "relaxed"]), "strict"),
    spec!("core", "wait", Value::Boolean, "no"),
    spec!("core", "add_quotes", Value::Boolean, "yes"),
    spec!("core", "manage_children", Value::Choice(&["ask", "never", "always"]), "ask"),
    spec!("core", "force", Value::Boolean, "no"),
    spec!("core", "debug", Value::Boolean, "no"),
    spec!("core", "ptest", Value::Program(&["ptest", "crm_simulate"]), env ""),
    spec!("core", "dotty", Value::Program(&["dotty"]), env ""),
    spec!("core", "dot", Value::Program(&["dot"]), env ""),
    spec!("core", "ignore_missing_metadata", Value::Boolean, "no"),
    spec!("core", "report_tool_options", Value::Text, ""),
    spec!("core", "lock_timeout", Value::Text, "120"),
    spec!("core", "OCF_1_1_SUPPORT", Value::Boolean, "no"),
    spec!("core", "obscure_pattern", Value::Text, "passw*"),
    spec!("path", "sharedir", Value::Directory, "/usr/share/crmsh"),
    spec!("path", "cache", Value::Directory, "/var/cache/crm"),
    spec!("path", "crm_config", Value::Directory, "/var/lib/pacemaker/cib"),
    spec!("path", "crm_daemon_dir", Value::Directory, "/usr/lib/pacemaker"),
    spec!("path", "crm_daemon_user", Value::Text, "hacluster"),
    spec!("path", "ocf_root", Value::Directory, "/usr/lib/ocf"),
    spec!("path", "crm_dtd_dir", Value::Directory, "/usr/share/pacemaker"),
    spec!("path", "pe_state_dir", Value::Directory, "/var/lib/pacemaker/pengine"),
    spec!("path", "heartbeat_dir", Value::Directory, "/var/lib/heartbeat"),
    spec!("path", "hb_delnode", Value::Program(&["/usr/share/heartbeat/hb_delnode"]), env ""),
    spec!("path", "nagios_plugins", Value::Directory, "/usr/lib/nagios/plugins"),
    spec!("path", "hawk_wizards", Value::Directory, "/srv/www/hawk/config/wizard"),
    spec!("color", "style", Value::MultiChoice(&["plain", "color-always", "color", "uppercase"]), "color"),
    spec!("color", "error", Value::Color, "red bold"),
    spec!("color", "ok", Value::Color, "green bold"),
    spec!("color", "warn", Value::Color, "yellow bold"),
    spec!("color", "info", Value::Color, "cyan"),
    spec!("color", "help_keyword", Value::Color, "blue bold underline"),
    spec!("color", "help_header", Value::Color, "normal bold"),
    spec!("color", "help_topic", Value::Color, "yellow bold"),
    spec!("color", "help_block", Value::Color, "cyan"),
    spec!("color", "keyword", Value::Color, "yellow"),
    spec!("color", "identifier", Value::Color, "normal"),
    spec!("color", "attr_name", Value::Color, "cyan"),
    spec!("color", "attr_value", Value::Color, "red"),
    spec!("color", "resource_reference", Value::Color, "green"),
    spec!("color", "id_reference", Value::Color, "green"),
    spec!("color", "score", Value::Color, "magenta"),
    spec!("color", "ticket", Value::Color, "magenta"),
    spec!("report", "from_time", Value::Text, "-12H"),
    spec!("report", "compress", Value::Boolean, "yes"),
    spec!("report", "speed_up", Value::Boolean, "no"),
    spec!("report", "collect_extra_logs", Value::Text, "/var/log/messages /var/log/pacemaker/pacemaker.log /var/log/pacemaker.log /var/log/crmsh/crmsh.log /etc/crm/profiles.yml /etc/crm/crm.conf"),
    spec!("report", "remove_exist_dest", Value::Boolean, "no"),
    spec!("report", "single_node", Value::Boolean, "no"),
    spec!("report", "sanitize_rule", Value::Text, "passw.*"),
    spec!("report", "verbosity", Value::Text, "0"),
];

/// The system-wide file.
pub const SYSTEM_FILE: &str = "/etc/crm/crm.conf";

/// The user's file: `$XDG_CONFIG_HOME/crm/crm.conf`, else `~/.config/crm/crm.conf`.
pub fn user_file() -> PathBuf {
    let base = match std::env::var_os("XDG_CONFIG_HOME") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => {
            let home = std::env::var_os("HOME").unwrap_or_else(|| "/root".into());
            PathBuf::from(home).join(".config")
        }
    };
    base.join("crm").join("crm.conf")
}

/// An INI file as configparser reads it: sections of `key = value`,
/// order kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ini {
    sections: Vec<(String, Vec<(String, String)>)>,
}

impl Ini {
    pub fn parse(text: &str) -> Ini {
        let mut ini = Ini::default();
        let mut current: Option<usize> = None;
        for raw in text.lines() {
            let line = raw.trim_end();
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with(';') || trimmed.starts_with('#') {
                continue;
            }
            // An indented line continues the previous value.
            if line.starts_with([' ', '\t']) {
                if let Some((_, pairs)) = current.and_then(|i| ini.sections.get_mut(i)) {
                    if let Some((_, v)) = pairs.last_mut() {
                        v.push('\n');
                        v.push_str(trimmed);
                    }
                }
                continue;
            }
            if let Some(name) = trimmed.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
                current = Some(ini.section_index(name.trim()));
                continue;
            }
            let Some(i) = current else { continue };
            let (k, v) = match trimmed.find(['=', ':']) {
                Some(p) => (trimmed[..p].trim(), trimmed[p + 1..].trim()),
                None => (trimmed, ""),
            };
            ini.put(i, &k.to_ascii_lowercase(), v);
        }
        ini
    }

    fn section_index(&mut self, name: &str) -> usize {
        match self.sections.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.sections.push((name.to_string(), Vec::new()));
                self.sections.len() - 1
            }
        }
    }

    fn put(&mut self, section: usize, key: &str, value: &str) {
        let pairs = &mut self.sections[section].1;
        match pairs.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value.to_string(),
            None => pairs.push((key.to_string(), value.to_string())),
        }
    }

    pub fn get(&self, section: &str, key: &str) -> Option<&str> {
        let key = key.to_ascii_lowercase();
        self.sections
            .iter()
            .find(|(n, _)| n == section)
            .and_then(|(_, pairs)| pairs.iter().find(|(k, _)| *k == key))
            .map(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, section: &str, key: &str, value: &str) {
        let i = self.section_index(section);
        self.put(i, &key.to_ascii_lowercase(), value);
    }

    pub fn keys(&self, section: &str) -> Vec<String> {
        self.sections
            .iter()
            .filter(|(n, _)| n == section)
            .flat_map(|(_, pairs)| pairs.iter().map(|(k, _)| k.clone()))
            .collect()
    }

    /// configparser's layout: `[section]`, `key = value`, a blank line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (name, pairs) in &self.sections {
            out.push_str(&format!("[{name}]\n"));
            for (k, v) in pairs {
                out.push_str(&format!("{k} = {}\n", v.replace('\n', "\n\t")));
            }
            out.push('\n');
        }
        out
    }
}

/// The preferences in force: system file, user file, and what this
/// process changed on top of the user file (saved by `save`).
#[derive(Debug, Clone, Default)]
pub struct CrmConf {
    system: Ini,
    user: Ini,
}

static CONF: Mutex<Option<CrmConf>> = Mutex::new(None);

/// Runs `f` on the process's preferences (read from disk the first time).
pub fn with<T>(f: impl FnOnce(&mut CrmConf) -> T) -> T {
    let mut guard = CONF.lock().unwrap_or_else(|p| p.into_inner());
    let conf = guard.get_or_insert_with(CrmConf::load);
    f(conf)
}

/// The value of `section.name` in force.
pub fn get(section: &str, name: &str) -> String {
    with(|c| c.get(section, name))
}

/// A boolean option in force.
pub fn flag(section: &str, name: &str) -> bool {
    truthy(&get(section, name))
}

pub fn truthy(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "yes" | "true" | "on" | "1")
}

pub fn spec(section: &str, name: &str) -> Option<&'static Spec> {
    SPECS
        .iter()
        .find(|s| s.section == section && s.name.eq_ignore_ascii_case(name))
}

impl CrmConf {
    pub fn load() -> CrmConf {
        let read = |p: &std::path::Path| {
            std::fs::read_to_string(p)
                .map(|t| Ini::parse(&t))
                .unwrap_or_default()
        };
        CrmConf {
            system: read(std::path::Path::new(SYSTEM_FILE)),
            user: read(&user_file()),
        }
    }

    /// From given texts (tests).
    pub fn from_texts(system: &str, user: &str) -> CrmConf {
        CrmConf {
            system: Ini::parse(system),
            user: Ini::parse(user),
        }
    }

    pub fn get(&self, section: &str, name: &str) -> String {
        if let Some(v) = self.user.get(section, name) {
            return v.to_string();
        }
        if let Some(v) = self.system.get(section, name) {
            return v.to_string();
        }
        spec(section, name)
            .map(Spec::default_value)
            .unwrap_or_default()
    }

    /// Sets `section.name` for this process (after checking the value);
    /// [`CrmConf::save`] makes it stay.
    pub fn set(&mut self, section: &str, name: &str, value: &str) -> Result<()> {
        let bad = |message: String| Error::new(ErrorKind::BadOption { message });
        if !matches!(section, "core" | "path" | "color" | "report") {
            return Err(bad(format!("Setting invalid section {section}")));
        }
        let Some(spec) = spec(section, name) else {
            return Err(bad(format!("Setting invalid option {section}.{name}")));
        };
        spec.check(value).map_err(bad)?;
        self.user.set(section, spec.name, value);
        Ok(())
    }

    /// Writes the user's file (as crmsh: the whole user layer).
    pub fn save(&self) -> Result<()> {
        let path = user_file();
        let io = |e: std::io::Error| {
            Error::new(ErrorKind::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            })
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        std::fs::write(&path, self.user.render()).map_err(io)
    }

    /// Forgets this process's unsaved changes: the user's file again.
    pub fn reset(&mut self) {
        self.user = std::fs::read_to_string(user_file())
            .map(|t| Ini::parse(&t))
            .unwrap_or_default();
    }

    /// `section.name` of the options set in a file (system, then user).
    pub fn configured(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for section in ["core", "path", "color", "report"] {
            for ini in [&self.system, &self.user] {
                for k in ini.keys(section) {
                    let name = spec(section, &k).map_or(k.clone(), |s| s.name.to_string());
                    let full = format!("{section}.{name}");
                    if !out.contains(&full) {
                        out.push(full);
                    }
                }
            }
        }
        out
    }
}

/// Every option as `section.name`, sorted (crmsh's `show all`).
pub fn all_options() -> Vec<String> {
    let mut v: Vec<String> = SPECS
        .iter()
        .map(|s| format!("{}.{}", s.section, s.name))
        .collect();
    v.sort();
    v
}

impl Spec {
    pub fn default_value(&self) -> String {
        match self.default {
            Default::Fixed(v) => v.to_string(),
            Default::Program(var) => {
                if let Some(v) = (!var.is_empty()).then(|| std::env::var(var).ok()).flatten() {
                    if !v.is_empty() {
                        return v;
                    }
                }
                let Value::Program(progs) = self.value else {
                    return String::new();
                };
                progs
                    .iter()
                    .find_map(|p| find_program(p))
                    .unwrap_or_default()
            }
        }
    }

    /// The values completion offers.
    pub fn completions(&self) -> &'static [&'static str] {
        match self.value {
            Value::Program(p) | Value::Choice(p) | Value::MultiChoice(p) => p,
            Value::Boolean => BOOLEANS,
            Value::Color => COLORS,
            Value::Text | Value::Directory => &[],
        }
    }

    /// crmsh's check of a new value; the message is crmsh's.
    pub fn check(&self, value: &str) -> std::result::Result<(), String> {
        match self.value {
            Value::Program(_) => match find_program(value) {
                Some(_) => Ok(()),
                None => Err(format!("{value} does not exist or is not a program")),
            },
            Value::Text => Ok(()),
            Value::Choice(c) => {
                if c.contains(&value) {
                    Ok(())
                } else {
                    Err(format!("{value} not in {}", c.join(", ")))
                }
            }
            Value::MultiChoice(c) => {
                if value.split(',').all(|v| c.contains(&v.trim())) {
                    Ok(())
                } else {
                    Err(format!("{value} not in {}", c.join(", ")))
                }
            }
            Value::Boolean => {
                let v = value.to_ascii_lowercase();
                if BOOLEANS.contains(&v.as_str()) {
                    Ok(())
                } else {
                    Err(format!(
                        "Not a boolean: {v} (try one of: {})",
                        BOOLEANS.join(", ")
                    ))
                }
            }
            Value::Directory => {
                if std::path::Path::new(value).is_dir() {
                    Ok(())
                } else {
                    Err(format!("Directory not found: {value}"))
                }
            }
            Value::Color => {
                if value.split(' ').all(|v| COLORS.contains(&v)) {
                    Ok(())
                } else {
                    Err(format!("Invalid color {value}"))
                }
            }
        }
    }
}

/// An executable on PATH (or the standard bin directories), or an
/// absolute path to one.
pub fn find_program(prog: &str) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let runnable = |p: &std::path::Path| {
        p.is_file()
            && p.metadata()
                .map(|m| m.permissions().mode() & 0o111 != 0)
                .unwrap_or(false)
    };
    if prog.is_empty() {
        return None;
    }
    if prog.starts_with('/') {
        return runnable(std::path::Path::new(prog)).then(|| prog.to_string());
    }
    let path = std::env::var("PATH").unwrap_or_default();
    let found = path
        .split(':')
        .chain(["/usr/bin", "/usr/sbin", "/bin", "/sbin"])
        .filter(|d| !d.is_empty())
        .map(|d| std::path::Path::new(d).join(prog))
        .find(|p| runnable(p))
        .map(|p| p.display().to_string());
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_wins_over_system_over_default() {
        let c = CrmConf::from_texts(
            "[core]\ncheck_mode = relaxed\nwait = yes\n",
            "; mine\n[core]\nwait = no\n",
        );
        assert_eq!(c.get("core", "check_mode"), "relaxed");
        assert_eq!(c.get("core", "wait"), "no");
        assert_eq!(c.get("core", "skill_level"), "expert");
    }

    #[test]
    fn set_checks_values_with_crmsh_messages() {
        let mut c = CrmConf::default();
        let e = c.set("core", "check_mode", "foo").unwrap_err();
        assert_eq!(e.to_string(), "foo not in strict, relaxed");
        let e = c.set("core", "wait", "happy").unwrap_err();
        assert!(e.to_string().starts_with("Not a boolean: happy"));
        let e = c.set("core", "nosuch", "1").unwrap_err();
        assert_eq!(e.to_string(), "Setting invalid option core.nosuch");
        c.set("core", "sort_elements", "no").unwrap();
        assert_eq!(c.get("core", "sort_elements"), "no");
        assert!(c.user.render().contains("[core]\nsort_elements = no\n"));
    }

    #[test]
    fn ini_round_trip() {
        let text = "[core]\nwait = no\ncheck_mode = relaxed\n\n[color]\nstyle = plain\n\n";
        assert_eq!(Ini::parse(text).render(), text);
    }
}
