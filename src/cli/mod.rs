//! The `crm` command line: global flags, then crmsh's words
//! (`configure load update FILE`, `configure show`, ...).

mod arguments;
mod configure;
mod diagnostic;
mod output;

pub use arguments::Arguments;
pub use configure::show_text;
pub use output::Output;

use crate::cib::{Backend, FileBackend};
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
    let mut out = Output::new(args.display.as_deref() != Some("color"));
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

fn dispatch(args: &Arguments, out: &mut Output) -> Result<(), Failure> {
    let words: Vec<&str> = args.words.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] => Err(usage(
            "interactive mode is not available yet; give a command, e.g. `crm configure show`",
        )
        .into()),
        ["help", ..] | ["--help", ..] => {
            out.print(HELP);
            Ok(())
        }
        ["configure", rest @ ..] | ["cfg", rest @ ..] => {
            let backend = backend()?;
            configure::run(args, backend.as_ref(), rest, out)
        }
        [other, ..] => Err(usage(&format!("unknown command '{other}'; try `crm help`")).into()),
    }
}

pub fn usage(message: &str) -> Error {
    Error::new(ErrorKind::Usage {
        message: message.to_string(),
    })
}

/// The CIB to work on: the file named by `CIB_file`, else the cluster.
fn backend() -> Result<Box<dyn Backend>, Failure> {
    match std::env::var_os("CIB_file") {
        Some(path) if !path.is_empty() => Ok(Box::new(FileBackend::new(path))),
        _ => Err(Error::new(ErrorKind::Cib {
            message:
                "no cluster connection is implemented yet; set CIB_file=PATH to work on a CIB file"
                    .into(),
        })
        .into()),
    }
}

const HELP: &str = "\
usage: crm [-F] [-D plain|color] [-d] [-f FILE] COMMAND ...

Commands:
  configure load replace|update|push FILE|-   apply a crm file to the CIB
  configure show [xml] [ID ...]               print the configuration
  configure verify                            check it with crm_verify
  configure delete ID ...                     remove objects
  configure rename OLD NEW                    rename an object
  configure erase [nodes]                     remove all objects but nodes
  configure STATEMENT ...                     add one object (e.g. primitive p1 Dummy)
  help                                        this text

With CIB_file=PATH set, crm reads and writes that file (created empty when
missing) instead of a cluster.
";
