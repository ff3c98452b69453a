//! Where `crm` writes: stdout for results, stderr for messages.

use super::diagnostic;
use super::Failure;
use std::io::Write;

pub struct Output {
    pub plain: bool,
    /// The command answers in JSON: so do its errors (on stderr).
    pub json: bool,
    /// The interactive shell: output taller than the terminal goes
    /// through the pager (crm's `pager` option).
    pub page: bool,
}

impl Output {
    pub fn new(plain: bool) -> Self {
        Output {
            plain,
            json: false,
            page: false,
        }
    }

    pub fn print(&mut self, text: &str) {
        if self.page && super::pager::page(text) {
            return;
        }
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(text.as_bytes());
        if !text.is_empty() && !text.ends_with('\n') {
            let _ = o.write_all(b"\n");
        }
    }

    pub fn info(&mut self, text: &str) {
        self.note("INFO", text);
    }

    pub fn warning(&mut self, text: &str) {
        self.note("WARNING", text);
    }

    /// Notes and warnings go to stderr; crmsh's transcript (`-R`) has
    /// them on stdout, where crmsh prints them.
    fn note(&mut self, level: &str, text: &str) {
        let line = format!("{level}: {}{text}\n", crate::regression::line_prefix());
        if crate::regression::enabled() {
            let mut o = std::io::stdout().lock();
            let _ = o.write_all(line.as_bytes());
            let _ = o.flush();
        } else {
            eprint!("{line}");
        }
    }

    /// An error message that does not stop the command (crmsh logs it
    /// and goes on).
    pub fn error(&mut self, text: &str) {
        eprintln!("ERROR: {}{text}", crate::regression::line_prefix());
    }

    pub fn report(&mut self, failure: &Failure) {
        if matches!(*failure.error.kind, crate::error::ErrorKind::Reported) {
            return;
        }
        if crate::regression::enabled() {
            // crmsh's transcript: one line, numbered by the input line
            // (or by the statement of a text being loaded).
            let e = &failure.error;
            let _ = std::io::stdout().flush();
            if let Some(trace) = crate::regression::traceback(&e.kind) {
                eprint!("{trace}");
            }
            let message = crmsh_syntax(failure).unwrap_or_else(|| e.kind.to_string());
            match e.statement {
                Some(n) => eprintln!("ERROR: {n}: {message}"),
                None => eprintln!("ERROR: {}{message}", crate::regression::line_prefix()),
            }
            return;
        }
        if self.json {
            let view = crate::json::errors(&failure.error, failure.source.as_ref());
            eprint!("{}", crate::json::render(&view));
            return;
        }
        eprint!("{}", diagnostic::render(failure, !self.plain));
    }
}

impl Output {
    /// A piece of a progress line on stderr (no newline, flushed now).
    pub fn progress(&mut self, text: &str) {
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(text.as_bytes());
        let _ = e.flush();
    }
}

/// A parse error as crmsh words it: `syntax in KEYWORD: MESSAGE [near
/// <WORD>] parsing 'THE STATEMENT'`.
fn crmsh_syntax(failure: &Failure) -> Option<String> {
    use crate::error::ErrorKind::*;
    let e = &failure.error;
    let (src, span) = (failure.source.as_ref()?, e.span?);
    let (near, in_set) = match &*e.kind {
        Expected { .. }
        | AtLeastArguments { .. }
        | UnknownCommand { .. }
        | InvalidAction { .. }
        | InvalidKind { .. }
        | MixedBoolOps { .. }
        | UnknownArguments { .. }
        | UnknownNodeType { .. }
        | BadAgentSpec { .. } => (true, false),
        NestedSets
        | EmptySet
        | MismatchedBracket
        | UnmatchedOpeningBracket
        | UnmatchedClosingBracket
        | UnknownAttribute { .. } => (true, true),
        InvalidSetRole { .. } => (false, true),
        DuplicateChild { .. } | AttributeOrder { .. } | AtLeastPairs | XmlElementUnknown { .. } => {
            (false, false)
        }
        _ => return None,
    };
    let lines = crate::lexer::lex(&src.text).ok()?;
    let line = lines
        .iter()
        .find(|l| l.span.start <= span.start && span.start <= l.span.end)?;
    let words: Vec<String> = match &line.kind {
        crate::lexer::LineKind::Words(t) => t.iter().map(|t| t.text.clone()).collect(),
        crate::lexer::LineKind::Xml(x) => vec!["xml".into(), x.clone()],
        crate::lexer::LineKind::Comment(_) => return None,
    };
    let keyword = words.first().cloned().unwrap_or_default();
    let context = match keyword.as_str() {
        _ if in_set => "role".to_string(),
        "collocation" => "colocation".to_string(),
        "master" => "ms".to_string(),
        k => k.to_string(),
    };
    let message = match &*e.kind {
        UnknownCommand { .. } => {
            return Some(format!(
                "syntax: Unknown command near <{keyword}> parsing '{}'",
                words.join(" ")
            ))
        }
        k => k.to_string(),
    };
    let token = src.text.get(span.start..span.end).unwrap_or("").trim();
    let near = if near && !token.is_empty() {
        format!(" near <{token}>")
    } else {
        String::new()
    };
    Some(format!(
        "syntax in {context}: {message}{near} parsing '{}'",
        words.join(" ")
    ))
}
