//! Errors rendered for people: crmsh's `ERROR:` line, then a miette
//! report pointing at the file, line, column and word.

use super::Failure;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use std::fmt;

#[derive(Debug)]
struct Report {
    message: String,
    help: Option<String>,
    label: Option<LabeledSpan>,
    source: Option<Window>,
}

/// Characters of one line the frame shows at most: the error's line is cut
/// around the error (miette cannot draw a column past 65,535, and a frame
/// of a 100 KB line helps nobody).
const WIDTH: usize = 160;

/// The part of the source a frame shows: the error's line and one line on
/// either side (miette's context), each cut to [`WIDTH`] characters, with
/// secret values masked. It reports the real line and column numbers.
#[derive(Debug)]
struct Window {
    name: String,
    text: String,
    /// 0-based line number of the window's first line in the source.
    first_line: usize,
    /// The window line holding the error, and how many characters its
    /// error lies further right in the source than in the window.
    label_line: usize,
    cut: isize,
}

impl Window {
    /// The window around `span` of `text`, and the span inside it.
    fn new(name: &str, text: &str, span: crate::span::Span) -> (Window, usize, usize) {
        let start = floor_char(text, span.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let end = floor_char(text, span.end.clamp(start, line_end));
        let line_no = text[..line_start].matches('\n').count();
        let globs = crate::secrets::globs();
        let mut window = String::new();
        let mut first_line = line_no;
        // The line before.
        if line_start > 0 {
            let prev_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
            let (cut_line, _, _) = cut(&text[prev_start..line_start - 1], 0, 0);
            window.push_str(&crate::secrets::mask_line(&cut_line, &globs, &[]).0);
            window.push('\n');
            first_line -= 1;
        }
        let label_line = line_no - first_line;
        let line = &text[line_start..line_end];
        let (cut_line, s, e) = cut(line, start - line_start, end - line_start);
        let (masked, marks) = crate::secrets::mask_line(&cut_line, &globs, &[s, e]);
        let base = window.len();
        window.push_str(&masked);
        // Cutting and masking moved the error: the frame's column is
        // corrected by the difference.
        let cut_chars = line[..start - line_start].chars().count() as isize
            - masked[..marks[0]].chars().count() as isize;
        // The line after.
        if line_end < text.len() {
            let next_end = text[line_end + 1..]
                .find('\n')
                .map_or(text.len(), |i| line_end + 1 + i);
            let (cut_line, _, _) = cut(&text[line_end + 1..next_end], 0, 0);
            window.push('\n');
            window.push_str(&crate::secrets::mask_line(&cut_line, &globs, &[]).0);
        }
        let w = Window {
            name: name.to_string(),
            text: window,
            first_line,
            label_line,
            cut: cut_chars,
        };
        (w, base + marks[0], marks[1].saturating_sub(marks[0]))
    }
}

/// `line` cut to at most [`WIDTH`] characters keeping `s..e` (byte
/// offsets) in view, with `…` where it was cut; `s` and `e` in the result.
fn cut(line: &str, s: usize, e: usize) -> (String, usize, usize) {
    let chars = line.chars().count();
    if chars <= WIDTH {
        return (line.to_string(), s, e);
    }
    let s_char = line[..s].chars().count();
    let from_char = s_char.saturating_sub(WIDTH / 2);
    let from = line
        .char_indices()
        .nth(from_char)
        .map_or(line.len(), |(i, _)| i);
    let to = line[from..]
        .char_indices()
        .nth(WIDTH)
        .map_or(line.len(), |(i, _)| from + i);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let shift = out.len();
    out.push_str(&line[from..to]);
    if to < line.len() {
        out.push('…');
    }
    let s2 = shift + s - from;
    let e2 = shift + e.min(to).max(s) - from;
    (out, s2, e2)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl miette::SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        // miette counts bytes; crm's columns (the ERROR line) count
        // characters, and the line may have been cut.
        let line = self.text.split('\n').nth(inner.line()).unwrap_or("");
        let prefix = &line[..floor_char(line, inner.column().min(line.len()))];
        let mut column = prefix.chars().count();
        if inner.line() == self.label_line {
            column = column.saturating_add_signed(self.cut);
        }
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
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
        let help = crate::i18n::help_text(e);
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
    // A message may quote a word of the input: its secret is masked too.
    let globs = crate::secrets::globs();
    let masked = |m: String| crate::secrets::mask_line(&m, &globs, &[]).0;
    if location.is_empty() {
        out.push_str(&format!("ERROR: {}\n", masked(crate::i18n::error_text(e))));
    } else {
        out.push_str(&format!(
            "ERROR: {location}{}\n",
            masked(crate::i18n::kind_text(&e.kind))
        ));
    }
    let (Some(src), Some(span)) = (source, e.span) else {
        if let Some(h) = help {
            out.push_str(&format!("  help: {h}\n"));
        }
        return;
    };
    let (mut window, start, len) = Window::new(&src.name, &src.text, span);
    // A statement of a script: the frame shows the file's line numbers.
    window.first_line += src.line_offset;
    let report = Report {
        message: masked(crate::i18n::kind_text(&e.kind)),
        help,
        label: Some(LabeledSpan::new(Some(label_of(&e.kind)), start, len.max(1))),
        source: Some(window),
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

fn label_of(kind: &crate::error::ErrorKind) -> String {
    use crate::error::ErrorKind::*;
    if let Some(label) = crate::i18n::label(kind) {
        return label;
    }
    match kind {
        Expected { what, .. } => format!("expected {what}"),
        SmartQuote { .. } => "typographic quote".into(),
        NoClosingQuotation => "quote opened here".into(),
        UnknownCommand { .. } => "unknown statement".into(),
        ParamNameSplit { .. } => "separate word".into(),
        _ => "here".into(),
    }
}
