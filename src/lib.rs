//! crm configure language toolchain.
//!
//! Phases, each with one entry point:
//! - [`lexer::lex`]: text → logical lines → words (continuations joined);
//! - [`parse::parse_text`]: words → statements, each the CIB element it makes;
//! - [`ids`]: crmsh's id derivation for sub-elements;
//! - [`cib`]: the CIB document and applying statements (load update/replace/push);
//! - [`show`]: CIB elements → crm text, exactly as `crm configure show`;
//! - [`pm_crmgen`]: the environment sheet (CSV, Excel) → crm text.

pub mod agents;
pub mod check;
pub mod cib;
pub mod cli;
pub mod crm_conf;
pub mod error;
pub mod fasthash;
pub mod fuzzing;
pub mod help;
pub mod i18n;
pub mod ids;
pub mod json;
pub mod kind;
pub mod lexer;
pub mod load;
pub mod lsp;
pub mod notice;
pub mod parse;
pub mod pm_crmgen;
pub mod present;
pub mod regression;
pub mod repl;
pub mod safe_file;
pub mod schema;
pub mod secrets;
pub mod show;
pub mod sniff;
pub mod source;
pub mod span;
pub mod token;
pub mod trace;
pub mod xml;
