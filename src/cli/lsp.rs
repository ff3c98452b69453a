//! `crm lsp [--stdio]`: the language server for `.crm` files
//! (`crate::lsp`), on stdin/stdout.

use super::{usage, Failure};
use crate::error::{Error, ErrorKind};

pub fn run(args: &[String]) -> Result<(), Failure> {
    if args.iter().any(|a| a != "--stdio") {
        return Err(usage("usage: crm lsp [--stdio]").into());
    }
    crate::lsp::run_stdio().map_err(|e| {
        Failure::from(Error::new(ErrorKind::LanguageServer {
            detail: e.to_string(),
        }))
    })
}
