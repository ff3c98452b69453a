//! `crm lsp`: a Language Server Protocol server on stdin/stdout for
//! `.crm` files, built on the same phases as the shell: the located
//! lexer and parser for syntax errors, `configure load update`'s
//! application and schema check for reference errors, `configure
//! verify`'s agent checks, the shell's completion engine, the `configure
//! show` printer for formatting.
//!
//! Crates: `lsp-server` and `lsp-types`, the pair rust-analyzer is built
//! on and maintains. The server is synchronous (every answer is a pure
//! function of the open text and cached metadata, and the library's
//! phases are synchronous), so a message loop on a channel is all it
//! needs; tower-lsp would bring an async runtime for nothing. One file
//! per part: [`server`] (the loop), [`document`] (the open texts and
//! UTF-16 positions), [`analysis`] (per-statement parsing, applying,
//! checking), [`patch`] (one changed statement applied alone), [`diagnostics`], [`completion`], [`hover`],
//! [`navigation`], [`format`]; [`wording`] holds what the server says.

pub mod analysis;
pub mod chunks;
pub mod completion;
pub mod diagnostics;
pub mod document;
pub mod format;
pub mod hover;
pub mod navigation;
pub mod patch;
pub mod server;
pub mod wording;

pub use server::{run_stdio, Context};
