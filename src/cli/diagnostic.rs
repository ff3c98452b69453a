//! Errors rendered for people: crmsh's `ERROR:` line, then a miette
//! report pointing at the file, line, column and word.

use super::Failure;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::fmt;

#[derive(Debug)]
struct Report {
    message: String,
    help: Option<String>,
    label: Option<LabeledSpan>,
    source: Option<NamedSource<String>>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

/// The text printed on stderr for a failure.
pub fn render(failure: &Failure, color: bool) -> String {
    let e = &failure.error;
    let mut out = String::new();
    let location = match (&failure.source, e.span) {
        (Some(src), Some(span)) => {
            let (line, col) = span.line_col(&src.text);
            format!("{}:{line}:{col}: ", src.name)
        }
        _ => String::new(),
    };
    if location.is_empty() {
        out.push_str(&format!("ERROR: {e}\n"));
    } else {
        out.push_str(&format!("ERROR: {location}{}\n", e.kind));
    }
    let (Some(src), Some(span)) = (&failure.source, e.span) else {
        if let Some(h) = e.help() {
            out.push_str(&format!("  help: {h}\n"));
        }
        return out;
    };
    let report = Report {
        message: e.kind.to_string(),
        help: e.help(),
        label: Some(LabeledSpan::new(
            Some(label_of(&e.kind)),
            span.start,
            span.len().max(1),
        )),
        source: Some(NamedSource::new(src.name.clone(), src.text.to_string())),
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut text = String::new();
    if handler.render_report(&mut text, &report).is_ok() {
        out.push_str(&text);
    }
    out
}

fn label_of(kind: &crate::error::ErrorKind) -> String {
    use crate::error::ErrorKind::*;
    match kind {
        Expected { what, .. } => format!("expected {what}"),
        SmartQuote { .. } => "typographic quote".into(),
        NoClosingQuotation => "quote opened here".into(),
        UnknownCommand { .. } => "unknown statement".into(),
        ParamNameSplit { .. } => "separate word".into(),
        _ => "here".into(),
    }
}
