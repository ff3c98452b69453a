//! The `crm` command line: global flags, then crmsh's words
//! (`configure load update FILE`, `configure show`, ...).

mod arguments;
mod cib_level;
pub mod commit;
pub mod configure;
mod diagnostic;
mod node;
pub mod options;
mod output;
mod ra;
mod resource;
mod status;

pub use arguments::Arguments;
pub use cib_level::{shadow_dir, shadow_names};
pub use configure::show_text;
pub use output::Output;

use crate::cib::process::Call;
use crate::cib::{Backend, FileBackend, LiveBackend};
use crate::error::{Error, ErrorKind};
use clap::Parser as _;
use std::ffi::OsString;

/// Runs `crm` with these arguments; returns the exit status.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
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
    if args.regression {
        crate::regression::enable();
    }
    let mut out = Output::new(!matches!(
        args.display.as_deref(),
        Some("color" | "color256")
    ));
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
    if args.words.is_empty() || args.file.is_some() {
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
        Failure::from(usage(&format!(
            "Expected -o <section>.<name>=<value>: {opt}"
        )))
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
    let words = rejoin(&args.words)?;
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] => Err(usage("give a command, e.g. `crm configure show`").into()),
        ["help", ..] | ["--help", ..] => {
            out.print(HELP);
            Ok(())
        }
        ["configure", rest @ ..] | ["cfg", rest @ ..] => {
            // `edit` waits for a person: it must not hold the file's lock.
            let backend = if rest.first() == Some(&"edit") {
                backend()?
            } else {
                one_shot_backend()?
            };
            configure::run(args, backend.as_ref(), rest, out)
        }
        ["status", rest @ ..] => status::run(rest, out),
        ["node", rest @ ..] => node::run(one_shot_backend()?.as_ref(), rest, args.wait, out),
        ["resource", rest @ ..] | ["rsc", rest @ ..] => resource::run(
            one_shot_backend()?.as_ref(),
            rest,
            commit_options(args, false),
            out,
        ),
        ["ra", rest @ ..] => ra::run(rest, out),
        ["options", rest @ ..] => {
            options::run(rest, out)?;
            options::save_after_one_shot()
        }
        ["cib", rest @ ..] => cib_level::run(rest, out),
        [other, ..] => Err(usage(&format!("unknown command '{other}'; try `crm help`")).into()),
    }
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

const HELP: &str = "\
usage: crm [-F] [-D plain|color] [-d] [-f FILE] COMMAND ...
       crm                     the interactive shell (crm -f FILE, crm < FILE: a script)

Commands:
  configure load replace|update|push FILE|-   apply a crm file to the CIB
  configure show [xml] [ID ...]               print the configuration
  configure verify                            check it with crm_verify
  configure delete ID ...                     remove objects
  configure rename OLD NEW                    rename an object
  configure erase [nodes]                     remove all objects but nodes
  configure STATEMENT ...                     add one object (e.g. primitive p1 Dummy)
  status [OPTION ...]                         cluster status (crm_mon -1)
  node standby|online [NODE|all] [reboot]     take a node out of / back into service
  node maintenance|ready [NODE]               node maintenance mode on / off
  node attribute|utilization NODE set|delete|show NAME [VALUE]
  node show [NODE]                            nodes and their attributes
  resource start|stop|restart RSC ...         set target-role and commit
  resource manage|unmanage RSC ...            set is-managed and commit
  resource cleanup|refresh [RSC] [NODE]       forget operation history
  resource move RSC NODE [LIFETIME] | clear RSC | locate RSC
  resource param|meta RSC set|delete|show NAME [VALUE]
  resource failcount RSC set|delete|show NODE [VALUE]
  ra classes | providers TYPE | list CLASS [PROVIDER] | info AGENT
  cib new|use|commit|delete|reset|list [NAME] shadow CIBs (crm -c NAME uses one)
  help                                        this text

Without CIB_file, crm talks to the cluster on this machine through
Pacemaker's tools (cibadmin, crm_resource, crm_attribute, crm_mon). With
CIB_file=PATH set, crm reads and writes that file (created empty when
missing) instead of a cluster. -w waits for the cluster to settle after a
change; -F commits past a concurrent change or crm_verify errors.
";
