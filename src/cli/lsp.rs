//! `crm lsp [--stdio] [--offline]`: the language server for `.crm` files
//! (`crate::lsp`), on stdin/stdout. Files are read against `CIB_file`, or
//! else the running cluster's CIB unless `--offline`.

use super::{misuse, Failure};
use crate::error::{Error, ErrorKind};

pub fn run(args: &[String]) -> Result<(), Failure> {
    if args.iter().any(|a| a != "--stdio" && a != "--offline") {
        return Err(misuse(crate::notice::Misuse::Syntax {
            usage: "crm lsp [--stdio] [--offline]".into(),
        })
        .into());
    }
    let context = if args.iter().any(|a| a == "--offline") {
        crate::lsp::Context::Offline
    } else {
        crate::lsp::Context::Cluster
    };
    crate::lsp::run_stdio(context).map_err(|e| {
        Failure::from(Error::new(ErrorKind::LanguageServer {
            detail: e.to_string(),
        }))
    })
}
