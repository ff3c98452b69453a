//! The document cut where its logical lines start, so that a change
//! re-lexes and re-parses only the lines it touched.
//!
//! A chunk runs from the physical start of a logical line to the start of
//! the next one (blank lines after it included). Lexing a chunk alone
//! gives what lexing the whole text gives for that line, because the
//! lexer's only state between physical lines is the pending continuation,
//! which a chunk boundary never crosses; so a chunk whose text did not
//! change keeps its parse, only moved.

use super::analysis::Entry;
use crate::lexer::{lines, LineKind};
use crate::parse::{parse_line, Context};
use crate::span::Span;

/// Continuation marks at the end of a physical line (the lexer's).
const CONTINUATIONS: [char; 3] = ['\\', '¥', '￥'];

/// One chunk and the logical lines lexed from it (one, or none for a
/// lone continuation mark cut by a blank line).
#[derive(Debug, Clone)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    /// Index of its first entry in the analysis' entries, and how many.
    pub first: usize,
    pub count: usize,
}

/// Where the logical lines of `text` start: a non-blank physical line
/// starts one unless the line just before it is non-blank and ends in a
/// continuation mark (the rule of `lexer::lines`: a blank line ends a
/// pending continuation).
pub fn starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut continued = false;
    let mut at = 0;
    for raw in text.split('\n') {
        let t = raw.trim();
        if t.is_empty() {
            continued = false;
        } else {
            if !continued {
                out.push(at);
            }
            continued = t.ends_with(CONTINUATIONS);
        }
        at += raw.len() + 1;
    }
    out
}

/// The chunks' spans of `text`.
pub fn spans(text: &str) -> Vec<Span> {
    let s = starts(text);
    s.iter()
        .enumerate()
        .map(|(i, &a)| Span::new(a, s.get(i + 1).copied().unwrap_or(text.len())))
        .collect()
}

/// Lexes and parses one chunk (`text` is the whole document, `span` the
/// chunk's): its entries, spans absolute, numbered from `number`.
pub fn lex_chunk(text: &str, span: Span, number: usize, ctx: &Context) -> Vec<Entry> {
    let src = &text[span.start..span.end];
    let mut out = Vec::new();
    for line in lines(src) {
        let n = number + out.len();
        let mut entry = match line {
            Err(errors) => Entry {
                number: n,
                span: errors_span(&errors),
                comment: false,
                words: Vec::new(),
                statement: None,
                errors,
                key: 0,
            },
            Ok(line) => {
                let (statement, errors) = match &line.kind {
                    LineKind::Comment(_) => (None, Vec::new()),
                    _ => match parse_line(&line, ctx) {
                        Ok(s) => (Some(s), Vec::new()),
                        Err(e) => (None, e.each().cloned().collect()),
                    },
                };
                let comment = matches!(line.kind, LineKind::Comment(_));
                let words = match line.kind {
                    LineKind::Words(w) => w,
                    _ => Vec::new(),
                };
                Entry {
                    number: n,
                    span: line.span,
                    comment,
                    words,
                    key: statement.as_ref().map_or(0, key),
                    statement,
                    errors,
                }
            }
        };
        shift(&mut entry, span.start as isize);
        renumber(&mut entry, n);
        out.push(entry);
    }
    out
}

/// What a statement makes, wherever it stands: a hash of everything in
/// it but its number and span (its warnings carry the number the chunk's
/// own lexing gave, the same wherever the chunk is).
fn key(s: &crate::parse::Statement) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!(
        "{:?}",
        (&s.kind, &s.id, &s.elem, &s.target, &s.warnings, s.xml)
    )
    .hash(&mut h);
    // 0 marks "no statement".
    h.finish().max(1)
}

/// The span covering a bad line's errors.
fn errors_span(errors: &[crate::error::Error]) -> Span {
    let spans = errors.iter().filter_map(|e| e.span);
    let start = spans.clone().map(|s| s.start).min().unwrap_or(0);
    let end = spans.map(|s| s.end).max().unwrap_or(start);
    Span::new(start, end)
}

/// Moves an entry's spans by `by` bytes.
pub fn shift(e: &mut Entry, by: isize) {
    if by == 0 {
        return;
    }
    let mv = |s: &mut Span| {
        s.start = s.start.saturating_add_signed(by);
        s.end = s.end.saturating_add_signed(by);
    };
    mv(&mut e.span);
    for t in &mut e.words {
        mv(&mut t.span);
    }
    if let Some(s) = &mut e.statement {
        mv(&mut s.span);
    }
    for err in &mut e.errors {
        if let Some(s) = &mut err.span {
            mv(s);
        }
    }
}

/// Gives an entry its logical line number.
pub fn renumber(e: &mut Entry, number: usize) {
    e.number = number;
    if let Some(s) = &mut e.statement {
        s.number = number;
    }
    for err in &mut e.errors {
        err.statement = Some(number);
    }
}

/// The old text and the new one agree on `[..prefix]` and on their last
/// `suffix` bytes (the two never overlap).
pub fn common_ends(old: &str, new: &str) -> (usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_start_where_logical_lines_start() {
        // A continued line (each mark), a blank line cutting one, a lone
        // mark, indentation.
        let text = "a \\\n b\nc ¥\nd ￥\ne\nf \\\n\n  g\n\\\n\nh";
        let got: Vec<&str> = spans(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            got,
            [
                "a \\\n b\n",
                "c ¥\nd ￥\ne\n",
                "f \\\n\n",
                "  g\n",
                "\\\n\n",
                "h"
            ]
        );
        let n = lines(text).count();
        assert_eq!(n, 5, "the lone mark makes no logical line");
    }

    #[test]
    fn common_ends_never_overlap() {
        assert_eq!(common_ends("abcabc", "abc"), (3, 0));
        assert_eq!(common_ends("aXa", "aYa"), (1, 1));
        assert_eq!(common_ends("aa", "aaa"), (2, 0));
        assert_eq!(common_ends("", "x"), (0, 0));
    }
}
