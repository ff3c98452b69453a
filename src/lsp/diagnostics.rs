//! The analysis as LSP diagnostics: syntax errors where the lexer and the
//! parser point, errors of applying (references, duplicates) and of the
//! schema on their statement, and the checks `configure verify` makes
//! against the agents' metadata on the object they name. Wording is the
//! errors' and notices' own (`error.rs`, `notice.rs`).

use super::analysis::{Analysis, Entry};
use super::document::Document;
use crate::check::{Finding, Severity};
use crate::error::{Error, ErrorKind};
use crate::notice::Check;
use crate::span::Span;
use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString};
use serde::{Deserialize, Serialize};

/// Where the server says a diagnostic comes from.
pub const SOURCE: &str = "crm";

/// What a diagnostic's obvious fix is: the text its range becomes, kept
/// in the diagnostic's `data` so that a code action can offer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub replace: String,
    /// Byte span of the text replaced (the diagnostic's range may be wider).
    pub start: usize,
    pub end: usize,
}

/// Every diagnostic of the document.
pub fn diagnostics(doc: &Document, a: &Analysis) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for entry in &a.entries {
        for e in &entry.errors {
            out.push(from_error(doc, e, Some(entry)));
        }
    }
    for e in &a.semantic {
        let entry = e.statement.and_then(|n| a.entry_by_number(n));
        out.push(from_error(doc, e, entry));
    }
    for (number, w) in &a.warnings {
        let span = number
            .and_then(|n| a.entry_by_number(n))
            .map_or(Span::default(), |e| e.span);
        out.push(diagnostic(
            doc,
            span,
            DiagnosticSeverity::WARNING,
            "warning",
            w.clone(),
        ));
    }
    for f in &a.findings {
        out.push(from_finding(doc, a, f));
    }
    out
}

fn diagnostic(
    doc: &Document,
    span: Span,
    severity: DiagnosticSeverity,
    code: &str,
    message: String,
) -> Diagnostic {
    Diagnostic {
        range: doc.range(span),
        severity: Some(severity),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}

/// The variant name of an enum value (`SmartQuote { .. }` → `SmartQuote`),
/// a stable code for clients to filter on.
fn code_of(debug: String) -> String {
    debug
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("")
        .to_string()
}

fn from_error(doc: &Document, e: &Error, entry: Option<&Entry>) -> Diagnostic {
    // An error of applying points at its whole statement: the word its
    // message names is the better place.
    let span = match (e.span, entry) {
        (Some(s), Some(en)) if s == en.span => {
            Some(quoted_word(en, &e.kind.to_string()).unwrap_or(s))
        }
        (Some(s), _) => Some(s),
        (None, Some(en)) => Some(quoted_word(en, &e.kind.to_string()).unwrap_or(en.span)),
        (None, None) => None,
    };
    let mut message = e.kind.to_string();
    if let Some(h) = e.help() {
        message.push('\n');
        message.push_str(&h);
    }
    let mut d = diagnostic(
        doc,
        span.unwrap_or_default(),
        DiagnosticSeverity::ERROR,
        &code_of(format!("{:?}", e.kind)),
        message,
    );
    if let Some(fix) = span.and_then(|s| fix_of_error(doc, e, s)) {
        d.data = serde_json::to_value(fix).ok();
    }
    d
}

/// A word of the statement that the message names (the missing member of
/// a group, the unknown parameter…), to point at it rather than the whole
/// statement.
fn quoted_word(entry: &Entry, message: &str) -> Option<Span> {
    let own = entry.statement.as_ref().map(|s| s.id.as_str());
    entry.words.iter().skip(1).find_map(|t| {
        let name = t.text.split('=').next().unwrap_or("");
        let named = name.len() > 1
            && Some(name) != own
            && message
                .match_indices(name)
                .any(|(i, _)| is_whole_word(message, i, name.len()));
        named.then(|| Span::new(t.span.start, t.span.start + name.len().min(t.span.len())))
    })
}

fn is_whole_word(text: &str, at: usize, len: usize) -> bool {
    let is_id = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    !before.is_some_and(is_id) && !after.is_some_and(is_id)
}

fn fix_of_error(doc: &Document, e: &Error, span: Span) -> Option<Fix> {
    let replace = match &*e.kind {
        ErrorKind::SmartQuote { quote } => if matches!(quote, '‘' | '’') {
            "'"
        } else {
            "\""
        }
        .to_string(),
        ErrorKind::UnknownCommand {
            suggestion: Some(s),
            ..
        }
        | ErrorKind::Expected {
            suggestion: Some(s),
            ..
        } => s.clone(),
        _ => e.suggestion()?.to_string(),
    };
    let span = Span::new(span.start, span.end.min(doc.text.len()));
    Some(Fix {
        replace,
        start: span.start,
        end: span.end,
    })
}

/// The object id a check is about.
fn object_of(c: &Check) -> Option<&str> {
    use Check::*;
    match c {
        UnknownParam { id, .. }
        | MissingParam { id, .. }
        | UnknownAction { id, .. }
        | ShortTimeout { id, .. }
        | MonitorIntervalZero { id, .. }
        | MonitorIntervalTwice { id, .. }
        | IntervalNotZero { id, .. }
        | UnknownAttribute { id, .. }
        | NodeMissing { id, .. } => Some(id),
        UniqueClash { ids, .. } => ids.first().map(String::as_str),
        _ => None,
    }
}

/// The word of a statement a check is about, when it names one.
fn word_of(c: &Check) -> Option<&str> {
    use Check::*;
    match c {
        UnknownParam { name, .. } | UnknownAttribute { name, .. } => Some(name),
        UnknownAction { action, .. } => Some(action),
        ShortTimeout { op, .. } | IntervalNotZero { op, .. } => Some(op),
        NodeMissing { node, .. } => Some(node),
        FencingTarget { target } => Some(target),
        FencingDevice { device } | NotStonith { device } => Some(device),
        NoSuchAgent { agent } | NoMetadata { agent } | NotChecked { agent } => {
            Some(agent.rsplit(':').next().unwrap_or(agent))
        }
        NoSuchTemplate { template } => Some(template),
        UniqueClash { param, .. } => Some(param),
        _ => None,
    }
}

fn from_finding(doc: &Document, a: &Analysis, f: &Finding) -> Diagnostic {
    let entry = match object_of(&f.check) {
        Some(id) => a.definition(id).map(|(e, _)| e),
        None => word_of(&f.check).and_then(|w| {
            a.statements()
                .find(|(e, _)| e.words.iter().any(|t| word_in(&t.text, w)))
                .map(|(e, _)| e)
        }),
    };
    let word = entry.and_then(|e| {
        let w = word_of(&f.check)?;
        e.words
            .iter()
            .skip(2)
            .find(|t| word_in(&t.text, w))
            .map(|t| {
                let at = t.text.find(w).unwrap_or(0);
                // Quoted words differ from their source: the whole word.
                if t.span.len() == t.text.len() {
                    Span::new(t.span.start + at, t.span.start + at + w.len())
                } else {
                    t.span
                }
            })
    });
    let span = word.or(entry.map(|e| e.span)).unwrap_or_default();
    let severity = match f.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    };
    let mut message = f.check.to_string();
    if let Some(s) = &f.suggestion {
        message.push('\n');
        message.push_str(&crate::notice::did_you_mean(s));
    }
    let mut d = diagnostic(
        doc,
        span,
        severity,
        &code_of(format!("{:?}", f.check)),
        message,
    );
    if let (Some(s), Some(w)) = (&f.suggestion, word) {
        let fix = Fix {
            replace: s.clone(),
            start: w.start,
            end: w.end,
        };
        d.data = serde_json::to_value(fix).ok();
    }
    d
}

/// `w` is `text`, or its name before `=`, or a piece between `:`s.
fn word_in(text: &str, w: &str) -> bool {
    text == w || text.split('=').next() == Some(w) || text.split(':').any(|p| p == w)
}
