//! The `configure template` level: configurations made from templates.
//! A template (crmsh's format: `%name`, `%depends_on`, `%required`,
//! `%optional`, `%% PARAM`, `%generate`, `%if`/`%else`/`%fi`) describes
//! a few resources with blanks; `new CONFIG TEMPLATE… [params K=V…]`
//! writes a configuration file to fill in (`~/.config/crm/crmconf/`),
//! `show` prints the crm text it makes, `apply` loads that text.
//!
//! Templates are read from crmsh's directory (`path.sharedir/templates`)
//! when there is one, else from the few this program carries.

use super::{Failure, Output};
use crate::cib::Cib;
use crate::error::{Error, ErrorKind};
use crate::notice::Told;
use std::cell::RefCell;
use std::path::PathBuf;

/// Templates this program carries (our own text, crmsh's format).
const BUILTIN: &[(&str, &str)] = &[
    ("virtual-ip", include_str!("templates/virtual-ip")),
    ("filesystem", include_str!("templates/filesystem")),
    ("apache", include_str!("templates/apache")),
];

thread_local! {
    /// The configuration `load` chose (crmsh keeps it while the level is
    /// open).
    static CURRENT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Entering the level starts without a loaded configuration.
pub fn enter() {
    CURRENT.with(|c| c.borrow_mut().clear());
}

fn failed(command: &str, message: String) -> Failure {
    Error::new(ErrorKind::CommandFailed {
        command: format!("template.{command}"),
        message,
    })
    .into()
}

fn logged(out: &mut Output, message: &str) -> Failure {
    out.error(message);
    Error::new(ErrorKind::Reported).into()
}

/// Where configurations are kept.
pub fn config_dir() -> PathBuf {
    let base = match std::env::var_os("XDG_CONFIG_HOME") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into()))
            .join(".config"),
    };
    base.join("crm").join("crmconf")
}

fn template_dir() -> PathBuf {
    PathBuf::from(crate::crm_conf::get("path", "sharedir")).join("templates")
}

/// The files of a directory in the order the directory gives them
/// (crmsh lists them so, unsorted).
fn files_in(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The names of the templates there are.
pub fn templates() -> Vec<String> {
    let mut names = files_in(&template_dir());
    for (n, _) in BUILTIN {
        if !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
    }
    names
}

/// The names of the configurations made so far.
pub fn configs() -> Vec<String> {
    files_in(&config_dir())
}

/// A list as crmsh's `list` prints it: in columns.
fn columns(names: &[String]) -> String {
    super::ra::multicolumn(names, super::ra::terminal_width())
}

fn template_text(name: &str) -> Option<String> {
    if let Ok(t) = std::fs::read_to_string(template_dir().join(name)) {
        return Some(t);
    }
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_string())
}

fn sane(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.+".contains(c))
}

/// A configuration being made from templates.
#[derive(Default)]
struct Builder {
    before: Vec<String>,
    after: Vec<String>,
    prefixes: Vec<String>,
}

impl Builder {
    fn prefix(&mut self, name: &str) -> String {
        let mut p = name.to_string();
        let mut i = 1;
        while self.prefixes.contains(&p) {
            p = format!("{name}_{i}");
            i += 1;
        }
        self.prefixes.push(p.clone());
        p
    }

    /// Pulls a template in (and those it depends on); its prefix.
    fn load(&mut self, name: &str, out: &mut Output) -> Option<String> {
        let Some(text) = template_text(name) else {
            out.error(
                &Told::NoSuchTemplateFile {
                    name: name.to_string(),
                }
                .to_string(),
            );
            return None;
        };
        let lines: Vec<String> = text.split('\n').map(String::from).collect();
        let key = |l: &str, k: &str| l.split_whitespace().next() == Some(k);
        let has_name = lines.iter().any(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            w.len() == 2 && w[0] == "%name"
        });
        if !has_name {
            out.error(&Told::TemplateMissing { what: "'%name'" }.to_string());
            return None;
        }
        let Some(g) = lines.iter().position(|l| l == "%generate") else {
            out.error(
                &Told::TemplateMissing {
                    what: "'%generate'",
                }
                .to_string(),
            );
            return None;
        };
        if !lines[..g]
            .iter()
            .any(|l| key(l, "%required") || key(l, "%optional"))
        {
            out.error(
                &Told::TemplateMissing {
                    what: "'%required' or '%optional'",
                }
                .to_string(),
            );
            return None;
        }
        out.info(
            &Told::PullingInTemplate {
                name: name.to_string(),
            }
            .to_string(),
        );
        let mut pre: Vec<String> = lines[..g].to_vec();
        let mut post: Vec<String> = lines[g + 1..].to_vec();
        let tname = pre
            .iter()
            .find_map(|l| {
                let w: Vec<&str> = l.split_whitespace().collect();
                (w.len() == 2 && w[0] == "%name").then(|| w[1].to_string())
            })
            .unwrap_or_default();
        for l in lines[..g].iter().filter(|l| l.starts_with("%depends_on")) {
            let w: Vec<&str> = l.split_whitespace().collect();
            if w.len() != 2 {
                out.warning(&Told::TemplateWrongUsage { line: l.clone() }.to_string());
                continue;
            }
            if let Some(p) = self.load(w[1], out) {
                for x in post.iter_mut() {
                    *x = x.replace(&format!("%{}", w[1]), &format!("%{p}"));
                }
            }
        }
        let pfx = self.prefix(&tname);
        for x in post.iter_mut() {
            *x = x.replace("%_:", &format!("%{pfx}:")).replace("%_", &pfx);
        }
        let at = pre
            .iter()
            .position(|l| l == "%required")
            .or_else(|| pre.iter().position(|l| l == "%optional"))
            .unwrap_or(pre.len());
        pre.insert(at, format!("%pfx {pfx}"));
        self.before.extend(pre);
        self.after.extend(post);
        Some(pfx)
    }

    /// Fills in the given parameters and settles `%if` blocks.
    fn finish(&mut self, params: &[(String, String)]) {
        for (n, v) in params {
            for l in self.before.iter_mut() {
                *l = l.replace(&format!("%% {n}"), &format!("%% {n}  {v}"));
            }
        }
        // `%PREFIX` alone (not `%PREFIX:param`) means the prefix itself.
        for l in self.after.iter_mut() {
            for p in &self.prefixes {
                *l = replace_bare(l, &format!("%{p}"), p);
            }
        }
        let mut keep = Vec::new();
        let mut in_if = false;
        let mut outcome = false;
        for l in &self.after {
            let w: Vec<&str> = l.split_whitespace().collect();
            if in_if {
                match w.first() {
                    Some(&"%fi") => in_if = false,
                    Some(&"%else") => outcome = !outcome,
                    _ if outcome => keep.push(l.clone()),
                    _ => {}
                }
                continue;
            }
            if w.len() == 2 && w[0] == "%if" {
                // A reference left unreplaced is false.
                outcome = !w[1].starts_with('%');
                in_if = true;
                continue;
            }
            keep.push(l.clone());
        }
        self.after = keep;
    }

    fn text(&self, name: &str) -> String {
        [
            format!("# Configuration: {name}"),
            String::new(),
            EDIT_INSTRUCTIONS.to_string(),
            String::new(),
            self.before.join("\n"),
            "# Don't edit anything below this line.".to_string(),
            String::new(),
            "%generate".to_string(),
            self.after.join("\n"),
        ]
        .join("\n")
            + "\n"
    }
}

const EDIT_INSTRUCTIONS: &str = "# Edit instructions:
#
# Add content only at the end of lines starting with '%%'.
# Only add content, don't remove or replace anything.
# The parameters following '%required' are not optional,
# unlike those following '%optional'.
# You may also add comments for future reference.";

/// `%name` followed by a character that cannot continue a name.
fn replace_bare(line: &str, pat: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find(pat) {
        out.push_str(&rest[..i]);
        let after = &rest[i + pat.len()..];
        if after.starts_with(':') {
            out.push_str(pat);
        } else {
            out.push_str(with);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The crm text a configuration file makes; `None` when it cannot be
/// made (the reason printed).
fn process(text: &str, out: &mut Output) -> Option<String> {
    let before = crate::regression::set_line(0);
    let made = process_lines(text, out);
    crate::regression::restore_line(before);
    made
}

fn process_lines(text: &str, out: &mut Output) -> Option<String> {
    #[derive(PartialEq)]
    enum State {
        Start,
        Prefix,
        Data,
        Generate,
    }
    let mut state = State::Start;
    let mut pieces: Vec<Vec<Vec<String>>> = Vec::new();
    let mut piece: Vec<Vec<String>> = Vec::new();
    let mut data: Vec<(String, String)> = Vec::new();
    let mut pfx = String::new();
    let mut required = false;
    let mut ok = true;
    for (n, raw) in text.lines().enumerate() {
        crate::regression::set_line(n + 1);
        if raw.starts_with('#') {
            continue;
        }
        let line = raw.trim();
        let Ok(words) = crate::lexer::split_words(line) else {
            out.error(
                &Told::TemplateNoClosingQuotation {
                    line: line.to_string(),
                }
                .to_string(),
            );
            continue;
        };
        let Some(first) = words.first() else {
            if state == State::Generate && !piece.is_empty() {
                pieces.push(std::mem::take(&mut piece));
            }
            continue;
        };
        match first.as_str() {
            "%name" | "%depends_on" | "%suggests" => {}
            "%pfx" if words.len() == 2 => {
                pfx = words[1].clone();
                state = State::Prefix;
            }
            "%required" => {
                state = State::Data;
                required = true;
            }
            "%optional" => {
                state = State::Data;
                required = false;
            }
            "%%" => match words.len() {
                1 => out.warning(&Told::TemplateParamNameMissing.to_string()),
                2 => {
                    if required {
                        out.error(
                            &Told::TemplateRequiredNotSet {
                                name: words[1].clone(),
                            }
                            .to_string(),
                        );
                        ok = false;
                    }
                }
                3 => data.push((format!("{pfx}:{}", words[1]), words[2].clone())),
                _ => out.error(
                    &Told::TemplateSyntax {
                        line: line.to_string(),
                    }
                    .to_string(),
                ),
            },
            "%generate" => {
                state = State::Generate;
                piece.clear();
            }
            _ if state == State::Generate => piece.push(words),
            _ => out.error(
                &Told::TemplateUnexpected {
                    line: line.to_string(),
                }
                .to_string(),
            ),
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    if !ok {
        return None;
    }
    let mut blocks = Vec::new();
    for piece in pieces {
        let mut lines = Vec::new();
        for words in piece {
            let words = fill(words, &data);
            if !words.is_empty() {
                lines.push(words.join(" "));
            }
        }
        if !lines.is_empty() {
            blocks.push(lines.join(" \\\n\t"));
        }
    }
    Some(blocks.join("\n"))
}

/// Puts the user's values into a line; an `opt` line with nothing filled
/// in goes.
fn fill(mut words: Vec<String>, data: &[(String, String)]) -> Vec<String> {
    let mut changed = false;
    for w in words.iter_mut() {
        for (p, v) in data {
            let key = format!("%{p}");
            let Some(pos) = w.find(&key) else { continue };
            let end = pos + key.len();
            if w[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                continue;
            }
            let quoted = if v.contains(' ') || w[..pos].ends_with('=') {
                format!("\"{v}\"")
            } else {
                v.clone()
            };
            *w = w.replace(&key, &quoted);
            changed = true;
        }
    }
    if let Some(i) = words.iter().position(|w| w == "opt") {
        if !changed {
            return Vec::new();
        }
        words.remove(i);
    }
    words
}

fn config_path(name: &str) -> PathBuf {
    config_dir().join(name)
}

fn existing(name: &str, out: &mut Output) -> Result<String, Failure> {
    if !sane(name) {
        return Err(logged(
            out,
            &Told::ConfigBadName {
                name: name.to_string(),
            }
            .to_string(),
        ));
    }
    std::fs::read_to_string(config_path(name)).map_err(|_| {
        logged(
            out,
            &Told::NoSuchConfig {
                name: name.to_string(),
            }
            .to_string(),
        )
    })
}

fn current_or(name: Option<&str>, out: &mut Output) -> Result<String, Failure> {
    match name {
        Some(n) => Ok(n.to_string()),
        None => {
            let c = CURRENT.with(|c| c.borrow().clone());
            if c.is_empty() {
                return Err(logged(out, &Told::LoadConfigFirst.to_string()));
            }
            Ok(c)
        }
    }
}

/// Runs a template-level command. `apply` changes the configure session
/// (`cib`); the return value says whether it did.
pub fn run(cib: &mut Cib, words: &[&str], force: bool, out: &mut Output) -> Result<bool, Failure> {
    let _ = std::fs::create_dir_all(config_dir());
    match words {
        ["new", name, rest @ ..] => new(name, rest, out).map(|_| false),
        ["new"] => Err(failed(
            "new",
            "usage: new [<config>] <template> [<template> ...] [params name=value ...]".into(),
        )),
        ["delete", name, rest @ ..] => {
            if let Some(f) = rest.first() {
                if !matches!(*f, "force" | "--force") {
                    return Err(logged(
                        out,
                        &Told::TemplateDeleteSyntax {
                            word: f.to_string(),
                        }
                        .to_string(),
                    ));
                }
            }
            existing(name, out)?;
            if CURRENT.with(|c| *c.borrow() == *name) {
                // The configuration in use goes only when someone says so
                // (crmsh: a script's answer is no, and nothing is said).
                // `-F` skips the question without a word, as in crmsh.
                let sure = !rest.is_empty()
                    || force
                    || crate::crm_conf::flag("core", "force")
                    || super::confirm::confirm(
                        &crate::notice::Said::AskRemoveConfigInUse {
                            name: name.to_string(),
                        },
                        false,
                        out,
                    );
                if !sure {
                    return Err(Error::new(ErrorKind::Reported).into());
                }
                CURRENT.with(|c| c.borrow_mut().clear());
            }
            std::fs::remove_file(config_path(name)).map_err(|e| {
                Failure::from(Error::new(ErrorKind::Io {
                    path: config_path(name).display().to_string(),
                    message: e.to_string(),
                }))
            })?;
            Ok(false)
        }
        ["load"] => {
            CURRENT.with(|c| c.borrow_mut().clear());
            Ok(false)
        }
        ["load", name] => {
            existing(name, out)?;
            CURRENT.with(|c| *c.borrow_mut() = name.to_string());
            Ok(false)
        }
        ["edit", rest @ ..] => {
            let name = current_or(rest.first().copied(), out)?;
            existing(&name, out)?;
            let editor = crate::repl::edit::editor();
            let call = crate::cib::process::Call::new("sh")
                .arg("-c")
                .arg(format!("{editor} \"$1\""))
                .arg("crm-template")
                .arg(config_path(&name).display().to_string());
            call.run_in_terminal()?;
            Ok(false)
        }
        ["show", rest @ ..] => {
            let name = current_or(rest.first().copied(), out)?;
            let text = existing(&name, out)?;
            // What could not be made is said, and an empty line printed
            // in its place, as crmsh does (and `show` then succeeds).
            let t = process(&text, out).unwrap_or_default();
            if t.is_empty() {
                out.print("\n");
            } else {
                out.print(&t);
            }
            Ok(false)
        }
        ["apply", rest @ ..] => apply(cib, rest, out).map(|_| true),
        ["list"] | ["list", ""] => {
            out.print("Templates:");
            out.print(&columns(&templates()));
            out.print("\nConfigurations:");
            out.print(&columns(&configs()));
            Ok(false)
        }
        ["list", "templates"] => {
            out.print(&columns(&templates()));
            Ok(false)
        }
        ["list", "configs"] => {
            out.print(&columns(&configs()));
            Ok(false)
        }
        [other, ..] => Err(Error::new(ErrorKind::NoSuchCommand {
            word: other.to_string(),
        })
        .into()),
        [] => Ok(false),
    }
}

fn new(name: &str, rest: &[&str], out: &mut Output) -> Result<(), Failure> {
    if !sane(name) {
        return Err(logged(
            out,
            &Told::ConfigBadName {
                name: name.to_string(),
            }
            .to_string(),
        ));
    }
    if config_path(name).is_file() {
        return Err(logged(
            out,
            &Told::ConfigExists {
                name: name.to_string(),
            }
            .to_string(),
        ));
    }
    let mut builder = Builder::default();
    let mut params = vec![("id".to_string(), name.to_string())];
    let mut in_params = false;
    let mut loaded = false;
    let mut ok = true;
    for w in rest {
        if !in_params && *w == "params" {
            in_params = true;
        } else if in_params {
            match w.split_once('=') {
                Some((k, v)) if !v.contains('=') => params.push((k.to_string(), v.to_string())),
                _ => {
                    out.error(
                        &Told::TemplateNewSyntax {
                            args: rest.join(" "),
                        }
                        .to_string(),
                    );
                    ok = false;
                }
            }
        } else if builder.load(w, out).is_some() {
            loaded = true;
        } else {
            ok = false;
        }
    }
    let mut name = name.to_string();
    if !loaded {
        if !templates().contains(&name) {
            return Err(logged(out, &Told::TemplateArgumentExpected.to_string()));
        }
        let tmpl = name.clone();
        name = (0..99)
            .map(|n| format!("{tmpl}-{n}"))
            .find(|c| !config_path(c).is_file())
            .ok_or_else(|| failed("new", "Failed to generate unique configuration name".into()))?;
        builder = Builder::default();
        builder.load(&tmpl, out);
    }
    if !ok {
        return Err(Error::new(ErrorKind::Reported).into());
    }
    builder.finish(&params);
    std::fs::write(config_path(&name), builder.text(&name)).map_err(|e| {
        Failure::from(Error::new(ErrorKind::Io {
            path: config_path(&name).display().to_string(),
            message: e.to_string(),
        }))
    })?;
    CURRENT.with(|c| *c.borrow_mut() = name);
    Ok(())
}

fn apply(cib: &mut Cib, rest: &[&str], out: &mut Output) -> Result<(), Failure> {
    let (method, name) = match rest {
        [m @ ("replace" | "update"), n] => (*m, Some(*n)),
        [m @ ("replace" | "update")] => (*m, None),
        [n] => ("replace", Some(*n)),
        _ => ("replace", None),
    };
    let name = current_or(name, out)?;
    let text = existing(&name, out)?;
    let Some(crm) = process(&text, out) else {
        return Err(Error::new(ErrorKind::Reported).into());
    };
    if crm.is_empty() {
        return Err(Error::new(ErrorKind::Reported).into());
    }
    if method == "replace" {
        let mut notes = Vec::new();
        crate::cib::references::erase(cib, &mut notes);
    }
    super::configure::load_text_as(cib, &crm, crate::cib::Method::Update, out)?;
    Ok(())
}

/// Completion: templates after `new CONFIG`, configurations after the
/// commands that take one.
pub fn complete(first: &str, rest: &[&str]) -> Vec<String> {
    match (first, rest.len()) {
        ("new", n) if n >= 1 => {
            let mut t = templates();
            t.push("params".into());
            t
        }
        ("load" | "edit" | "show" | "delete", 0) => configs(),
        ("apply", 0) => {
            let mut c = configs();
            c.extend(["replace".to_string(), "update".to_string()]);
            c
        }
        ("apply", 1) => configs(),
        ("list", 0) => vec!["configs".into(), "templates".into()],
        _ => Vec::new(),
    }
}
