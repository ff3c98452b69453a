//! The `crm` command line: global flags, then crmsh's words
//! (`configure load update FILE`, `configure show`, ...).

mod agent_call;
mod arguments;
mod assist;
mod cib_import;
mod cib_level;
pub mod cibstatus;
pub mod cluster;
mod cluster_health;
mod cluster_ssh;
pub mod commit;
mod compgen;
pub mod completion;
pub mod configure;
mod configure_agent;
mod configure_check;
mod configure_diff;
mod configure_filter;
mod configure_graph;
mod configure_schema;
mod configure_show;
mod configure_simulate;
mod confirm;
pub mod corosync;
pub mod corosync_conf;
mod diagnostic;
mod export_sheet;
pub mod help;
pub mod history;
mod history_graph;
mod history_log;
mod history_session;
mod history_source;
pub mod history_time;
mod json_mode;
pub mod levels;
mod lsp;
mod maintenance;
mod metadata;
mod node;
mod node_admin;
pub mod options;
mod output;
mod pager;
mod ra;
mod remote;
pub mod report;
mod resource;
mod resource_meta;
mod resource_trace;
mod rsctest;
mod services;
mod site;
pub mod skill;
mod status;
pub mod template;
mod transition_graph;

pub use arguments::Arguments;
pub use cib_level::{shadow_dir, shadow_names, Switch};
pub use configure::show_text;
pub use configure_check::RSC_META as RESOURCE_META;
pub use levels::Level;
pub use maintenance::ACTIONS as MAINTENANCE_ACTIONS;
pub use output::Output;
pub use site::SUBCOMMANDS as TICKET_COMMANDS;

use crate::cib::process::Call;
use crate::cib::{Backend, FileBackend, LiveBackend};
use crate::error::{Error, ErrorKind};
use clap::Parser as _;
use std::ffi::OsString;

/// Runs `crm` with these arguments; returns the exit status.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let args: Vec<OsString> = args.into_iter().collect();
    // crmsh's completion protocol comes before any other parsing, as in
    // crmsh: bash calls `crm --compgen POINT LINE` on every Tab.
    if args.get(1).is_some_and(|a| a == "--compgen") {
        let rest: Vec<String> = args[2..]
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        for line in compgen::answer(&rest) {
            println!("{line}");
        }
        return 0;
    }
    // `crm completion SHELL [PROGRAM]`: a script for the shell's
    // completion, for crm under the name it runs as by default.
    if args.get(1).is_some_and(|a| a == "completion") {
        let rest: Vec<String> = args[2..]
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let own = args
            .first()
            .map(|a| {
                a.to_string_lossy()
                    .rsplit('/')
                    .next()
                    .unwrap_or("crm")
                    .to_string()
            })
            .unwrap_or_else(|| "crm".into());
        let (shell, program) = match rest.as_slice() {
            [shell] => (shell.as_str(), own.as_str()),
            [shell, program] => (shell.as_str(), program.as_str()),
            _ => ("", ""),
        };
        let mut out = Output::new(true);
        return match completion::script(shell, program) {
            Some(text) => {
                out.print(&text);
                0
            }
            None => {
                out.report(&Failure::from(usage(
                    &crate::notice::Misuse::Syntax {
                        usage: format!("crm completion {} [PROGRAM]", completion::SHELLS.join("|")),
                    }
                    .to_string(),
                )));
                1
            }
        };
    }
    // `crm lsp` is ours alone (crmsh has no such command): an editor
    // starts it with no other option.
    if args.get(1).is_some_and(|a| a == "lsp") {
        let rest: Vec<String> = args[2..]
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        return match lsp::run(&rest) {
            Ok(()) => 0,
            Err(failure) => {
                Output::new(true).report(&failure);
                1
            }
        };
    }
    let args = match Arguments::try_parse_from(args) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 1 } else { 0 };
        }
    };
    if let Some(lang) = args.lang.as_deref().and_then(crate::i18n::Lang::parse) {
        crate::i18n::set(lang);
    }
    if args.debug {
        crate::trace::enable();
    }
    if args.regression {
        crate::regression::enable();
    }
    if let Some(style) = args.display.as_deref() {
        // As crmsh: `-D` is `[color] style` for this run.
        let style = if style == "color256" { "color" } else { style };
        let _ = crate::crm_conf::with(|c| c.set("color", "style", style));
    }
    let mut out = Output::new(!diagnostics_in_color());
    for opt in &args.opt {
        if let Err(failure) = set_option(opt) {
            out.report(&failure);
            return 1;
        }
    }
    if let Some(name) = &args.cib {
        if let Err(failure) = cib_level::require_exists(name) {
            out.report(&failure);
            return 1;
        }
        // Every Pacemaker tool crm starts from here on works on the shadow.
        std::env::set_var("CIB_shadow", name);
    }
    // No command words, `-f FILE`, or commands on stdin: the shell.
    if (args.words.is_empty() && !args.help) || args.file.is_some() {
        return crate::repl::run(&args, &mut out);
    }
    match dispatch(&args, &mut out) {
        Ok(()) => 0,
        Err(failure) => {
            out.report(&failure);
            1
        }
    }
}

/// Whether diagnostics are coloured: the colour style, stderr a
/// terminal (or `color-always`), no `NO_COLOR`.
fn diagnostics_in_color() -> bool {
    use std::io::IsTerminal;
    let style = crate::crm_conf::get("color", "style");
    let words: Vec<&str> = style.split([',', ' ']).collect();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color
        && (words.contains(&"color-always")
            || (words.contains(&"color") && std::io::stderr().is_terminal()))
}

/// The text `crm` prints on stderr for a failure (plain, no colour).
pub fn render_failure(failure: &Failure) -> String {
    diagnostic::render(failure, false)
}

/// An error and the text it points into, if any.
#[derive(Debug)]
pub struct Failure {
    pub error: Error,
    pub source: Option<crate::source::Source>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error,
            source: None,
        }
    }
}

/// `-o section.name=value`: an option for this run only.
fn set_option(opt: &str) -> Result<(), Failure> {
    let bad = || {
        Failure::from(misuse(crate::notice::Misuse::ExpectedOption {
            opt: opt.to_string(),
        }))
    };
    let (key, value) = opt.split_once('=').ok_or_else(bad)?;
    let (section, name) = key.split_once('.').ok_or_else(bad)?;
    crate::crm_conf::with(|c| c.set(section, name, value))?;
    Ok(())
}

/// The command words as crmsh sees them: joined into one line (a word
/// holding a space quoted again, crmsh's `add_quotes`), then split by the
/// shell's rules, so `param p0 set a0 "1 2 3"` passed as separate words
/// gives the value `1 2 3`.
pub fn rejoin(words: &[String]) -> Result<Vec<String>, Failure> {
    let add_quotes = crate::crm_conf::flag("core", "add_quotes");
    let line = words
        .iter()
        .map(|w| {
            if add_quotes && w.contains(' ') {
                let q = if w.contains('"') { '\'' } else { '"' };
                if !w.contains(q) {
                    return format!("{q}{w}{q}");
                }
            }
            w.clone()
        })
        .collect::<Vec<_>>()
        .join(" ");
    crate::lexer::split_words(&line).map_err(|error| Failure {
        error,
        source: Some(crate::source::Source::new("<command line>", &line)),
    })
}

fn dispatch(args: &Arguments, out: &mut Output) -> Result<(), Failure> {
    // Until the words are known, a `json` among them is taken at its
    // word, so that an error in the command line itself is JSON too.
    out.json = args.words.iter().any(|w| w == "json");
    let words = rejoin(&args.words)?;
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    if args.help {
        out.print(&help::answer(Level::Root, &words)?);
        return Ok(());
    }
    if let Some(page) = help::for_command(Level::Root, &words) {
        out.print(&page?);
        return Ok(());
    }
    let Some((first, rest)) = words.split_first() else {
        return Err(misuse(crate::notice::Misuse::GiveAnyCommand).into());
    };
    let Some(cmd) = Level::Root.resolve(first) else {
        return Err(no_such_command(Level::Root, first).into());
    };
    levels::announce(cmd, first, out);
    out.json = json_mode::requested(cmd.name, rest);
    // The level's command sees its own name, whatever word ran it.
    let mut canonical: Vec<&str> = rest.to_vec();
    if let (Some(level), Some(w)) = (Level::from_word(cmd.name), rest.first()) {
        if let Some(c) = level.resolve(w) {
            levels::announce(c, w, out);
            canonical[0] = c.name;
        }
    }
    let rest = canonical.as_slice();
    if let Some(level) = Level::from_word(cmd.name) {
        match rest.first().map(|w| (w, level.resolve(w))) {
            Some((_, Some(c))) if c.name == "help" => {
                out.print(&help::answer(level, &rest[1..])?);
                return Ok(());
            }
            Some((_, Some(c))) if c.name == "ls" => {
                out.print(&level.commands().join(" "));
                return Ok(());
            }
            // `__…` words are crm talking to itself on another node
            // (`cluster __receive`), not commands a person types.
            Some((w, None)) if !is_statement(level, w) && !w.starts_with("__") => {
                return Err(no_such_command(level, w).into());
            }
            Some((w, c)) => skill::check(level, c.map_or(*w, |c| c.name))?,
            None => {}
        }
    }
    match (cmd.name, rest) {
        ("help", topic) => {
            out.print(&help::answer(Level::Root, topic)?);
            Ok(())
        }
        ("ls", _) => {
            out.print(&Level::Root.commands().join(" "));
            Ok(())
        }
        ("configure", rest) => {
            // `edit` waits for a person: it must not hold the file's lock.
            let backend = if rest.first() == Some(&"edit") {
                backend()?
            } else {
                one_shot_backend()?
            };
            configure::run(args, backend.as_ref(), rest, out)
        }
        ("status", rest) => status::run(rest, out),
        ("node", rest) => node::run(
            one_shot_backend()?.as_ref(),
            rest,
            commit_options(args, false),
            out,
        ),
        ("resource", rest) => resource::run(
            one_shot_backend()?.as_ref(),
            rest,
            commit_options(args, false),
            out,
        ),
        ("ra", rest) => ra::run(rest, out),
        ("options", rest) => {
            options::run(rest, out)?;
            options::save_after_one_shot()
        }
        ("cib", ["cibstatus", rest @ ..]) => cibstatus::run(rest, out),
        ("cib", rest) => cib_level::run(rest, out),
        ("cibstatus", rest) => cibstatus::run(rest, out),
        ("maintenance", rest) => maintenance::run(
            one_shot_backend()?.as_ref(),
            rest,
            commit_options(args, false),
            out,
        ),
        ("site", rest) => site::run(rest, commit_options(args, false), out),
        ("history", rest) => history::run(rest, out),
        ("report", rest) => report::run(rest, out),
        ("cluster", rest) => cluster::run(rest, out),
        ("corosync", rest) => corosync::run(rest, out),
        // Navigation means nothing outside the shell.
        (other, _) => Err(no_such_command(Level::Root, other).into()),
    }
}

/// `crm configure ra …` and `crm configure history …`: the top-level
/// level's commands, run as they are from the top (crmsh's levels below
/// configure are the same levels).
pub fn below_configure(level: Level, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let mut canonical: Vec<&str> = words.to_vec();
    if let Some(w) = words.first() {
        match level.resolve(w) {
            Some(c) => {
                levels::announce(c, w, out);
                canonical[0] = c.name;
            }
            None => return Err(no_such_command(level, w).into()),
        }
    }
    match canonical.as_slice() {
        ["help", topic @ ..] => {
            out.print(&help::answer(level, topic)?);
            Ok(())
        }
        ["ls", ..] => {
            out.print(&level.commands().join(" "));
            Ok(())
        }
        rest => match level.base() {
            Level::History => history::run(rest, out),
            _ => ra::run(rest, out),
        },
    }
}

/// A configure statement keyword (any case) or `xml`.
pub fn is_statement(level: Level, word: &str) -> bool {
    level == Level::Configure
        && (crate::kind::Kind::from_keyword(word).is_some() || word.eq_ignore_ascii_case("xml"))
}

/// Arguments a command does not take: its usage, from its help page
/// (an unknown command gets "No such command" instead).
pub fn bad_arguments(level: Level, words: &[&str]) -> Error {
    let Some(word) = words.first() else {
        return misuse(crate::notice::Misuse::NoCommand {
            cmd: level.help_name().to_string(),
        });
    };
    let Some(cmd) = level.resolve(word) else {
        return no_such_command(level, word);
    };
    let usage = crate::help::book(level.help_name())
        .and_then(|b| b.entry(cmd.name))
        .map(|e| e.usage.clone())
        .unwrap_or_default();
    Error::new(ErrorKind::BadArguments {
        command: format!("{} {}", level.help_name(), cmd.name),
        usage,
    })
}

/// A word where one of `expected` belongs (`set`, `delete` or `show`),
/// with the closest of them.
pub fn expected_word(word: &str, expected: &[&str]) -> Error {
    let what = match expected.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    Error::new(ErrorKind::Expected {
        what,
        found: Some(word.to_string()),
        suggestion: crate::error::suggest(word, expected.iter().copied()),
    })
}

/// "No such command", with the closest command of the level.
pub fn no_such_command(level: Level, word: &str) -> Error {
    Error::new(ErrorKind::NoSuchCommand {
        word: word.to_string(),
    })
    .did_you_mean(word, level.words())
}

/// crmsh's notice when a command is given by one of its aliases
/// (`resource show` for `resource status`), shell and one-shot alike.
pub fn alias_notice(level: Level, words: &[&str], out: &mut Output) {
    let Some(word) = words.first() else {
        return;
    };
    if let Some(cmd) = level.resolve(word) {
        if cmd.name != *word && cmd.aliases.contains(word) {
            let (alias, name) = (word.to_string(), cmd.name.to_string());
            out.warning(
                &crate::notice::Said::DeprecatedAlias {
                    alias: alias.clone(),
                    name: name.clone(),
                }
                .to_string(),
            );
            out.info(&crate::notice::Said::AcceptedAs { alias, name }.to_string());
        }
    }
}

pub fn usage(message: &str) -> Error {
    Error::new(ErrorKind::Usage {
        message: message.to_string(),
    })
}

/// A usage error in the words of `notice::Misuse` (the language in force).
pub fn misuse(m: crate::notice::Misuse) -> Error {
    usage(&m.to_string())
}

/// `CIB_file`, unless a shadow is in use: Pacemaker's tools take
/// `CIB_shadow` first when both are set, and so does crm.
fn cib_file() -> Option<std::ffi::OsString> {
    if crate::cib::shadow_in_use().is_some() {
        return None;
    }
    std::env::var_os("CIB_file")
}

/// The CIB to work on: the file named by `CIB_file`, else the cluster
/// (or the shadow named by `CIB_shadow`, which Pacemaker's tools honour).
pub fn backend() -> Result<Box<dyn Backend>, Failure> {
    match cib_file() {
        Some(path) if !path.is_empty() => Ok(Box::new(FileBackend::new(path))),
        _ => Ok(Box::new(LiveBackend::new())),
    }
}

/// [`backend`] for one command that reads, changes and commits at once: a
/// CIB file stays locked from the read to the end, so concurrent commands
/// run one after the other instead of refusing each other.
fn one_shot_backend() -> Result<Box<dyn Backend>, Failure> {
    match cib_file() {
        Some(path) if !path.is_empty() => Ok(Box::new(FileBackend::holding(path))),
        _ => Ok(Box::new(LiveBackend::new())),
    }
}

// The level commands, for the interactive shell: the same functions the
// one-shot words above call.

pub fn status_command(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    status::run(words, out)
}

pub fn node_command(
    backend: &dyn Backend,
    words: &[&str],
    args: &Arguments,
    out: &mut Output,
) -> Result<(), Failure> {
    node::run(backend, words, commit_options(args, false), out)
}

pub fn resource_command(
    backend: &dyn Backend,
    words: &[&str],
    args: &Arguments,
    out: &mut Output,
) -> Result<(), Failure> {
    resource::run(backend, words, commit_options(args, false), out)
}

pub fn ra_command(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    ra::run(words, out)
}

pub fn maintenance_command(
    backend: &dyn Backend,
    words: &[&str],
    args: &Arguments,
    out: &mut Output,
) -> Result<(), Failure> {
    maintenance::run(backend, words, commit_options(args, false), out)
}

pub fn site_command(words: &[&str], args: &Arguments, out: &mut Output) -> Result<(), Failure> {
    site::run(words, commit_options(args, false), out)
}

/// A cib command in the shell: what to work on afterwards.
pub fn cib_switch(at: Level, words: &[&str], out: &mut Output) -> Result<Switch, Failure> {
    cib_level::switch(at, words, out)
}

pub fn cib_command(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    cib_level::run(words, out)
}

pub fn require_shadow(name: &str) -> Result<(), Failure> {
    cib_level::require_exists(name)
}

/// `-F` (or `commit force`) and `-w` as a commit sees them.
pub fn commit_options(args: &Arguments, force: bool) -> commit::CommitOptions {
    commit::CommitOptions {
        force: args.force || force,
        wait: args.wait || crate::crm_conf::flag("core", "wait"),
        checked: false,
    }
}

/// Runs a Pacemaker tool: its output is shown, a failure names the call
/// and carries the tool's own message.
pub fn run_tool(call: &Call, out: &mut Output) -> Result<(), Failure> {
    let result = call.run()?;
    if !result.success() {
        // What the tool printed still reaches the user, as crmsh lets it
        // through (crm_ticket explains there why it wants --force).
        if !result.stdout.is_empty() {
            out.print(&result.stdout);
        }
        return Err(call.failure(&result).into());
    }
    if !result.stdout.is_empty() {
        out.print(&result.stdout);
    }
    if !result.stderr.trim().is_empty() {
        out.progress(&result.stderr);
    }
    Ok(())
}
