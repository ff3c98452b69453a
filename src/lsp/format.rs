//! Formatting: the file as `configure show` prints it (crmsh's canonical
//! layout and order, comments kept where they belong), and range
//! formatting of the statements a range touches, each printed in place.
//!
//! The text is printed in the annotated (lossless) mode and without
//! masking secrets, and the result is read back and compared with the
//! CIB the original makes: a formatting that would change the
//! configuration is not offered.

use super::analysis::Analysis;
use super::document::Document;
use crate::cib::{Cib, Method};
use crate::kind::Kind;
use crate::show::{show, ShowOptions};
use crate::span::Span;
use lsp_types::{Range, TextEdit};

/// The schema a file is read against when no CIB is given.
pub const BASE_SCHEMA: &str = "pacemaker-3.9";

/// Why a document cannot be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatRefusal {
    /// It has errors: they come first.
    HasErrors,
    /// Printing it again would not give the same configuration.
    NotSame,
}

fn options(cib: &Cib, selection: Option<Vec<String>>) -> ShowOptions {
    ShowOptions {
        schema: cib.schema(),
        selection,
        obscure: Vec::new(),
        lossless: true,
        ..ShowOptions::default()
    }
}

/// The configuration `text` makes on its own.
fn load(text: &str) -> Option<Cib> {
    let mut cib = Cib::empty(BASE_SCHEMA);
    crate::load::load_text(&mut cib, text, Method::Update).ok()?;
    Some(cib)
}

/// The whole document formatted, checked by reading it back.
fn formatted(doc: &Document, a: &Analysis) -> Result<(Cib, String), FormatRefusal> {
    if a.entries.iter().any(|e| !e.errors.is_empty()) {
        return Err(FormatRefusal::HasErrors);
    }
    let cib = load(&doc.text).ok_or(FormatRefusal::HasErrors)?;
    let text = show(cib.configuration(), &options(&cib, None));
    let again = load(&text).ok_or(FormatRefusal::NotSame)?;
    if !again.configuration().same_as(cib.configuration()) {
        return Err(FormatRefusal::NotSame);
    }
    Ok((cib, text))
}

/// The edits formatting the whole document (none when it is formatted).
pub fn format_document(doc: &Document, a: &Analysis) -> Result<Vec<TextEdit>, FormatRefusal> {
    let (_, text) = formatted(doc, a)?;
    if text == doc.text {
        return Ok(Vec::new());
    }
    Ok(vec![TextEdit::new(doc.full_range(), text)])
}

/// The edits formatting the statements `range` touches, each in place.
pub fn format_range(
    doc: &Document,
    a: &Analysis,
    range: Range,
) -> Result<Vec<TextEdit>, FormatRefusal> {
    let (cib, _) = formatted(doc, a)?;
    let (from, to) = (doc.offset(range.start), doc.offset(range.end));
    let mut edits = Vec::new();
    let mut comments_from: Option<usize> = None;
    for e in &a.entries {
        if e.comment {
            comments_from.get_or_insert(e.span.start);
            continue;
        }
        // The comments just before a statement are printed with it.
        let start = comments_from.take().unwrap_or(e.span.start);
        let Some(st) = &e.statement else { continue };
        if e.span.end < from || e.span.start > to || matches!(st.kind, Kind::Monitor) {
            continue;
        }
        let text = show(
            cib.configuration(),
            &options(&cib, Some(vec![st.id.clone()])),
        );
        let text = text.trim_end();
        let span = Span::new(start, e.span.end);
        if text.is_empty() || &doc.text[span.start..span.end] == text {
            continue;
        }
        edits.push(TextEdit::new(doc.range(span), text.to_string()));
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::analysis::analyze;

    fn setup(text: &str) -> (Document, Analysis) {
        let doc = Document::new(text.to_string(), 1);
        let a = analyze(text, &Cib::empty(BASE_SCHEMA), None);
        (doc, a)
    }

    #[test]
    fn range_formatting_prints_one_statement_in_place_with_its_comment() {
        let text = "primitive b Dummy\n# about a\nprimitive   a   Dummy   op monitor interval=10s\ngroup g a b\n";
        let (doc, a) = setup(text);
        let range = Range::new(
            lsp_types::Position::new(2, 3),
            lsp_types::Position::new(2, 4),
        );
        let edits = format_range(&doc, &a, range).unwrap();
        assert_eq!(edits.len(), 1, "{edits:?}");
        assert_eq!(edits[0].range.start, lsp_types::Position::new(1, 0));
        assert_eq!(
            edits[0].new_text,
            "# about a\nprimitive a Dummy \\\n\top monitor interval=10s"
        );
    }

    #[test]
    fn formatting_waits_for_errors_and_keeps_secrets() {
        let (doc, a) = setup("primitive a Dummy params passwd=“x”\n");
        assert_eq!(format_document(&doc, &a), Err(FormatRefusal::HasErrors));
        let (doc, a) = setup("primitive a Dummy params passwd=secret\n");
        let edits = format_document(&doc, &a).unwrap();
        assert!(edits[0].new_text.contains("passwd=secret"), "{edits:?}");
    }
}
