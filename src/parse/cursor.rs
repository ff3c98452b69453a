use crate::error::{suggest, Error, ErrorKind, Result};
use crate::span::Span;
use crate::token::Token;

/// A position in the words of one statement.
///
/// Vocabulary used throughout the parser: `peek*` looks without moving,
/// `accept*` takes a word only if it fits, `expect*` takes a word or fails
/// with an error naming what was expected.
pub struct Cursor<'a> {
    pub toks: &'a [Token],
    pub pos: usize,
    /// Where an "end of statement" error points.
    pub end: Span,
}

impl<'a> Cursor<'a> {
    pub fn new(toks: &'a [Token], end: Span) -> Self {
        Cursor { toks, pos: 0, end }
    }

    pub fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.pos)
    }

    pub fn peek_at(&self, n: usize) -> Option<&'a Token> {
        self.toks.get(self.pos + n)
    }

    pub fn peek_text(&self) -> Option<&'a str> {
        self.peek().map(|t| t.text.as_str())
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    pub fn remaining(&self) -> usize {
        self.toks.len().saturating_sub(self.pos)
    }

    pub fn advance(&mut self) -> Option<&'a Token> {
        let t = self.toks.get(self.pos);
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    pub fn peek_is(&self, keyword: &str) -> bool {
        self.peek().is_some_and(|t| t.is(keyword))
    }

    pub fn peek_is_any(&self, keywords: &[&str]) -> bool {
        self.peek()
            .is_some_and(|t| keywords.iter().any(|k| t.is(k)))
    }

    pub fn accept(&mut self, keyword: &str) -> bool {
        if self.peek_is(keyword) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Takes a word of the form `prefix...`, returning the rest.
    pub fn accept_prefixed(&mut self, prefix: &str) -> Option<&'a str> {
        let t = self.peek()?;
        let rest = t.text.strip_prefix(prefix)?;
        self.pos += 1;
        Some(rest)
    }

    pub fn expect_word(&mut self, what: &str) -> Result<&'a Token> {
        match self.advance() {
            Some(t) => Ok(t),
            None => Err(self.error_expected(what, &[])),
        }
    }

    /// The span of the current word, or the end of the statement.
    pub fn here(&self) -> Span {
        self.peek().map_or(self.end, |t| t.span)
    }

    pub fn span_of_prev(&self) -> Span {
        self.pos
            .checked_sub(1)
            .and_then(|p| self.toks.get(p))
            .map_or(self.end, |t| t.span)
    }

    pub fn error_here(&self, kind: ErrorKind) -> Error {
        Error::at(kind, self.here())
    }

    pub fn error_prev(&self, kind: ErrorKind) -> Error {
        Error::at(kind, self.span_of_prev())
    }

    /// "expected X, found Y", with a suggestion among `candidates`.
    pub fn error_expected(&self, what: &str, candidates: &[&str]) -> Error {
        let found = self.peek().map(|t| t.text.clone());
        let suggestion = found
            .as_deref()
            .and_then(|f| suggest(f, candidates.iter().copied()));
        self.error_here(ErrorKind::Expected {
            what: what.to_string(),
            found,
            suggestion,
        })
    }

    /// The words left, joined for "Unknown arguments" messages.
    pub fn rest_text(&self) -> String {
        self.toks[self.pos.min(self.toks.len())..]
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn rest_span(&self) -> Span {
        match (self.peek(), self.toks.last()) {
            (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
            _ => self.end,
        }
    }
}
