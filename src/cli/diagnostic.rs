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
    source: Option<Shifted>,
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

/// The text printed on stderr for a failure: each of its errors (an
/// input's errors all come at once), a help line repeated only when it
/// differs from the one before.
pub fn render(failure: &Failure, color: bool) -> String {
    let mut out = String::new();
    let mut last_help: Option<String> = None;
    for e in failure.error.each() {
        let help = e.help();
        let shown = if help == last_help {
            None
        } else {
            help.clone()
        };
        render_one(&mut out, e, failure.source.as_ref(), shown, color);
        last_help = help;
    }
    out
}

fn render_one(
    out: &mut String,
    e: &crate::error::Error,
    source: Option<&crate::source::Source>,
    help: Option<String>,
    color: bool,
) {
    let location = match (source, e.span) {
        (Some(src), Some(span)) => {
            let (line, col) = span.line_col(&src.text);
            format!("{}:{}:{col}: ", src.name, line + src.line_offset)
        }
        _ => String::new(),
    };
    if location.is_empty() {
        out.push_str(&format!("ERROR: {e}\n"));
    } else {
        out.push_str(&format!("ERROR: {location}{}\n", e.kind));
    }
    let (Some(src), Some(span)) = (source, e.span) else {
        if let Some(h) = help {
            out.push_str(&format!("  help: {h}\n"));
        }
        return;
    };
    let report = Report {
        message: e.kind.to_string(),
        help,
        label: Some(LabeledSpan::new(
            Some(label_of(&e.kind)),
            span.start,
            span.len().max(1),
        )),
        source: Some(Shifted {
            inner: NamedSource::new(src.name.clone(), src.text.to_string()),
            lines: src.line_offset,
        }),
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
}

/// A source whose first line is line `lines + 1` of its file (a
/// statement of a script), so that the snippet shows the file's numbers.
#[derive(Debug)]
struct Shifted {
    inner: NamedSource<String>,
    lines: usize,
}

impl miette::SourceCode for Shifted {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let c = self.inner.read_span(span, before, after)?;
        // Columns in characters, as the `ERROR:` line counts them (miette
        // counts bytes, which differ after `¥` or a typographic quote).
        let text = self.inner.inner().as_str();
        let start = c.span().offset().min(text.len());
        let line_start = text
            .get(..start)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let column = text
            .get(line_start..start)
            .map_or(c.column(), |t| t.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            c.name().unwrap_or_default().to_string(),
            c.data(),
            *c.span(),
            c.line() + self.lines,
            column,
            c.line_count(),
        )))
    }
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
