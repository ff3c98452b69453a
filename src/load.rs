//! `configure load`: text → statements → applied to a CIB → checked.

use crate::cib::{apply, validate, Cib, Method};
use crate::error::Result;
use crate::parse::{parse_text, Context};

/// What a load reported besides success.
#[derive(Debug, Default, Clone)]
pub struct LoadReport {
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
}

/// Loads crm text into `cib`. All or nothing: on error `cib` is unchanged.
pub fn load_text(cib: &mut Cib, text: &str, method: Method) -> Result<LoadReport> {
    let mut work = cib.clone();
    let report = load_into(&mut work, text, method)?;
    *cib = work;
    Ok(report)
}

/// Like [`load_text`] without the copy: on error `cib` may be half
/// changed, so callers must discard it (the CLI's one-shot commands do).
pub fn load_into(cib: &mut Cib, text: &str, method: Method) -> Result<LoadReport> {
    let ctx = Context {
        schema: cib.schema(),
        nodes: cib.node_names(),
    };
    let statements = parse_text(text, &ctx)?;
    crate::trace::debug(|| format!("parsed {} statements", statements.len()));
    let warnings = statements.iter().flat_map(|s| s.warnings.clone()).collect();
    let notes = apply(cib, statements, method)?;
    validate(cib)?;
    Ok(LoadReport { warnings, notes })
}
