//! Errors in JSON mode: the same diagnostics the text form shows, with
//! the same location fields (file, line, column), as data on stderr.

use crate::error::Error;
use crate::source::Source;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Errors {
    pub errors: Vec<ErrorView>,
}

#[derive(Debug, Serialize)]
pub struct ErrorView {
    /// The message, as the `ERROR:` line words it (secrets masked).
    pub message: String,
    /// The input's name (a file, `<command line>`), when the error
    /// points into text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line and column (in characters) of the error's start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Where it ends (exclusive), the same way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<usize>,
    /// 1-based statement number (crmsh's numbering), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<usize>,
    /// The help line (`did you mean …`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// The view of an error (and those it carries) in `source`.
pub fn errors(error: &Error, source: Option<&Source>) -> Errors {
    let globs = crate::secrets::globs();
    let masked = |m: String| crate::secrets::mask_line(&m, &globs, &[]).0;
    let errors = error
        .each()
        .map(|e| {
            let at = match (source, e.span) {
                (Some(src), Some(span)) => {
                    let (line, column) = span.line_col(&src.text);
                    let end = crate::span::Span::new(span.end, span.end);
                    let (end_line, end_column) = end.line_col(&src.text);
                    Some((
                        src.name.clone(),
                        line + src.line_offset,
                        column,
                        end_line + src.line_offset,
                        end_column,
                    ))
                }
                _ => None,
            };
            ErrorView {
                message: masked(e.kind.to_string()),
                file: at.as_ref().map(|a| a.0.clone()),
                line: at.as_ref().map(|a| a.1),
                column: at.as_ref().map(|a| a.2),
                end_line: at.as_ref().map(|a| a.3),
                end_column: at.as_ref().map(|a| a.4),
                statement: e.statement,
                help: e.help().map(masked),
            }
        })
        .collect();
    Errors { errors }
}
