//! The `crm` command line: global flags, then crmsh's words
//! (`configure load update FILE`, `configure show`, ...).

mod arguments;
mod cib_level;
pub mod cluster;
pub mod commit;
mod compgen;
pub mod configure;
pub mod corosync;
pub mod corosync_conf;
mod diagnostic;
pub mod help;
pub mod history;
mod history_graph;
mod history_log;
mod history_session;
mod history_source;
pub mod history_time;
pub mod levels;
mod node;
mod output;
mod ra;
mod remote;
pub mod report;
mod resource;
mod services;
mod status;

pub use arguments::Arguments;
pub use cib_level::{shadow_dir, shadow_names};
pub use configure::show_text;
pub use levels::Level;
pub use output::Output;

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
    let args = match Arguments::try_parse_from(args) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 1 } else { 0 };
        }
    };
    if args.debug {
        crate::trace::enable();
    }
    let mut out = Output::new(!matches!(
        args.display.as_deref(),
        Some("color" | "color256")
    ));
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

fn dispatch(args: &Arguments, out: &mut Output) -> Result<(), Failure> {
    let words: Vec<&str> = args.words.iter().map(String::as_str).collect();
    if args.help {
        out.print(&help::answer(Level::Root, &words)?);
        return Ok(());
    }
    if let Some(page) = help::for_command(Level::Root, &words) {
        out.print(&page?);
        return Ok(());
    }
    let Some((first, rest)) = words.split_first() else {
        return Err(usage("give a command, e.g. `crm configure show`").into());
    };
    let Some(cmd) = Level::Root.resolve(first) else {
        return Err(no_such_command(Level::Root, first).into());
    };
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
            _ => {}
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
        ("node", rest) => node::run(one_shot_backend()?.as_ref(), rest, args.wait, out),
        ("resource", rest) => resource::run(
            one_shot_backend()?.as_ref(),
            rest,
            commit_options(args, false),
            out,
        ),
        ("ra", rest) => ra::run(rest, out),
        ("cib", rest) => cib_level::run(rest, out),
        ("history", rest) => history::run(rest, out),
        ("report", rest) => report::run(rest, out),
        ("cluster", rest) => cluster::run(rest, out),
        ("corosync", rest) => corosync::run(rest, out),
        // Navigation means nothing outside the shell.
        (other, _) => Err(no_such_command(Level::Root, other).into()),
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
        return usage(&format!("{}: give a command", level.help_name()));
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

pub fn usage(message: &str) -> Error {
    Error::new(ErrorKind::Usage {
        message: message.to_string(),
    })
}

/// The CIB to work on: the file named by `CIB_file`, else the cluster
/// (or the shadow named by `CIB_shadow`, which Pacemaker's tools honour).
pub fn backend() -> Result<Box<dyn Backend>, Failure> {
    match std::env::var_os("CIB_file") {
        Some(path) if !path.is_empty() => Ok(Box::new(FileBackend::new(path))),
        _ => Ok(Box::new(LiveBackend::new())),
    }
}

/// [`backend`] for one command that reads, changes and commits at once: a
/// CIB file stays locked from the read to the end, so concurrent commands
/// run one after the other instead of refusing each other.
fn one_shot_backend() -> Result<Box<dyn Backend>, Failure> {
    match std::env::var_os("CIB_file") {
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
    node::run(backend, words, args.wait, out)
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
        wait: args.wait,
    }
}

/// Runs a Pacemaker tool: its output is shown, a failure names the call
/// and carries the tool's own message.
pub fn run_tool(call: &Call, out: &mut Output) -> Result<(), Failure> {
    let result = call.run()?;
    if !result.success() {
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
