//! Text → statements. crmsh's rules (crm-language §1): physical lines are
//! stripped; a trailing `\` joins the next line with no separator; a blank
//! line ends a pending continuation; a logical line starting with `#` is a
//! comment; everything else is one statement, split into words by POSIX
//! shell rules. We also take a trailing `¥` or `￥` as the continuation,
//! since Japanese fonts draw the backslash as a yen sign and text copied
//! from slides carries it.

use crate::error::{Error, ErrorKind, Result};
use crate::span::Span;
use crate::token::Token;

/// One logical line of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based index among the logical lines (what crmsh calls the line).
    pub number: usize,
    pub span: Span,
    pub kind: LineKind,
    /// Its last piece ended in a continuation, but a blank line came
    /// next and ended it: the statement is probably cut short.
    pub cut: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Comment(String),
    /// `xml ...`: the text after the keyword, whitespace runs collapsed.
    Xml(String),
    Words(Vec<Token>),
}

const CONTINUATIONS: [char; 3] = ['\\', '¥', '￥'];

/// Splits a whole input into logical lines and tokenises the statements;
/// the error carries those of every bad line (`Error::also`).
pub fn lex(text: &str) -> Result<Vec<Line>> {
    let (lines, errors) = lex_all(text);
    match Error::all(errors) {
        Some(e) => Err(e),
        None => Ok(lines),
    }
}

/// Like [`lex`], but goes on after a bad line: the good lines and the
/// errors of the bad ones (every typographic quote of a line included).
pub fn lex_all(text: &str) -> (Vec<Line>, Vec<Error>) {
    let mut good = Vec::new();
    let mut errors = Vec::new();
    for line in lines(text) {
        match line {
            Ok(l) => good.push(l),
            Err(es) => errors.extend(es),
        }
    }
    (good, errors)
}

/// [`lex`] one logical line at a time, so a large input is never held as
/// tokens all at once; a bad line gives all its errors.
pub fn lines(text: &str) -> impl Iterator<Item = std::result::Result<Line, Vec<Error>>> + '_ {
    let mut number = 0;
    logical_lines(text).map(move |logical| {
        number += 1;
        let span = Span::new(logical.source_offset(0), logical.source_end());
        match classify(&logical) {
            Ok(kind) => Ok(Line {
                number,
                span,
                kind,
                cut: logical.cut,
            }),
            Err(es) => Err(es.into_iter().map(|e| e.in_statement(number)).collect()),
        }
    })
}

/// One line split into words by the shell's rules (quotes removed), with
/// no statement rules: `#` and `xml` are plain words here. The command
/// line of a one-shot `crm …` is split this way.
pub fn split_words(line: &str) -> Result<Vec<String>> {
    let logical = Logical {
        text: line.to_string(),
        pieces: vec![(0, 0)],
        cut: false,
    };
    match words(&logical) {
        Ok(tokens) => Ok(tokens.into_iter().map(|t| t.text).collect()),
        Err(mut errors) if !errors.is_empty() => Err(errors.remove(0)),
        Err(_) => Ok(Vec::new()),
    }
}

/// A logical line and where each of its pieces came from in the source.
struct Logical {
    text: String,
    /// (offset in `text`, offset in the source) at the start of each piece.
    pieces: Vec<(usize, usize)>,
    /// Ended by a blank line after a continuation.
    cut: bool,
}

impl Logical {
    fn source_offset(&self, at: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|(l, _)| *l <= at)
            .saturating_sub(1);
        let (l, s) = self.pieces[i];
        s + (at - l)
    }

    fn source_end(&self) -> usize {
        if self.text.is_empty() {
            return self.source_offset(0);
        }
        let ch_len = self.text.chars().next_back().map_or(0, char::len_utf8);
        self.source_offset(self.text.len() - ch_len) + ch_len
    }

    fn span(&self, start: usize, end: usize) -> Span {
        if end <= start {
            let s = self.source_offset(start.min(self.text.len().saturating_sub(1)));
            return Span::new(s, s);
        }
        // `end` is a char boundary: step back over the last char only.
        let ch_len = self.text[..end]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        let last = (end - ch_len).max(start);
        Span::new(self.source_offset(start), self.source_offset(last) + ch_len)
    }
}

fn logical_lines(text: &str) -> LogicalLines<'_> {
    LogicalLines {
        raw: text.split('\n'),
        offset: 0,
        pending: None,
        marks: CommentMarks::default(),
    }
}

/// The logical lines of a text, joined from its physical lines.
struct LogicalLines<'a> {
    raw: std::str::Split<'a, char>,
    offset: usize,
    pending: Option<Logical>,
    /// The comment marks of (a prefix of) `pending`'s text, brought up to
    /// date as pieces are appended (rescanning the whole text for each continued line
    /// made a statement of many continued lines quadratic).
    marks: CommentMarks,
}

/// Where the last `<!--` and the last `-->` of a text are.
#[derive(Debug, Default, Clone, Copy)]
struct CommentMarks {
    open: Option<usize>,
    close: Option<usize>,
    /// The length of the text these marks are of.
    upto: usize,
}

impl CommentMarks {
    /// The marks of `text` followed by `added`, where `self` are the marks
    /// of a prefix of `text`: only what follows that prefix (and the three
    /// bytes before it, where a mark may begin) is scanned.
    fn with(self, text: &str, added: &str) -> CommentMarks {
        let from = self.upto.saturating_sub(3).min(text.len());
        let mut window = text.as_bytes()[from..].to_vec();
        window.extend_from_slice(added.as_bytes());
        let last = |mark: &[u8]| {
            window
                .windows(mark.len())
                .rposition(|w| w == mark)
                .map(|i| from + i)
        };
        CommentMarks {
            open: last(b"<!--").or(self.open),
            close: last(b"-->").or(self.close),
            upto: text.len() + added.len(),
        }
    }

    fn is_open(&self) -> bool {
        match (self.open, self.close) {
            (Some(open), Some(close)) => open > close,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

impl Iterator for LogicalLines<'_> {
    type Item = Logical;

    fn next(&mut self) -> Option<Logical> {
        for raw in self.raw.by_ref() {
            let line_start = self.offset;
            self.offset += raw.len() + 1;
            let stripped = raw.trim();
            let lead = raw.len() - raw.trim_start().len();
            if stripped.is_empty() {
                // A pending line here was continued: the blank line cuts it.
                match self.pending.take() {
                    Some(mut p) if !p.text.is_empty() => {
                        p.cut = true;
                        return Some(p);
                    }
                    _ => continue,
                }
            }
            if self.pending.is_none() {
                self.marks = CommentMarks::default();
            }
            let logical = self.pending.get_or_insert_with(|| Logical {
                text: String::new(),
                pieces: Vec::new(),
                cut: false,
            });
            // Inside a comment of an `xml` statement a continued line keeps
            // its indentation, so that a comment of several lines reads back
            // as it was written (`save` prints one that way).
            // The marks are brought up to date only for an `xml` statement;
            // `with` scans from wherever they were last brought.
            let keep_lead = is_xml_statement(&logical.text, "") && {
                self.marks = self.marks.with(&logical.text, "");
                self.marks.is_open()
            };
            let (piece, lead) = if keep_lead {
                (raw.trim_end(), 0)
            } else {
                (stripped, lead)
            };
            let continued = piece.ends_with(CONTINUATIONS);
            logical.pieces.push((logical.text.len(), line_start + lead));
            if continued {
                let once = piece.strip_suffix(CONTINUATIONS).unwrap_or(piece);
                if is_xml_statement(&logical.text, once)
                    && self.marks.with(&logical.text, once).is_open()
                {
                    // The line break is the comment's: `save` wrote it as
                    // " \" (one space, one backslash) at the end of the line.
                    logical
                        .text
                        .push_str(once.strip_suffix(' ').unwrap_or(once));
                    logical.text.push('\n');
                } else {
                    logical.text.push_str(piece.trim_end_matches(CONTINUATIONS));
                }
            } else {
                logical.text.push_str(piece);
            }
            if !continued {
                match self.pending.take() {
                    Some(p) if !p.text.is_empty() => return Some(p),
                    _ => continue,
                }
            }
        }
        self.pending.take().filter(|p| !p.text.is_empty())
    }
}

/// Whether `text` followed by `added` starts with the word `xml` (its
/// first three characters after leading whitespace, then whitespace or
/// the end), without copying either.
fn is_xml_statement(text: &str, added: &str) -> bool {
    let mut chars = text
        .chars()
        .chain(added.chars())
        .skip_while(|c| c.is_whitespace());
    let word: String = chars.by_ref().take(3).collect();
    word.eq_ignore_ascii_case("xml") && chars.next().is_none_or(char::is_whitespace)
}

/// The text of an `xml` statement after its keyword: runs of whitespace
/// collapsed to one space, except inside a comment that spans lines,
/// which is kept as written.
fn xml_text(text: &str) -> String {
    let rest = text.trim_start().get(3..).unwrap_or("").trim_start();
    let mut out = String::with_capacity(rest.len());
    let mut left = rest;
    while let Some(open) = left.find("<!--") {
        let (before, from) = left.split_at(open);
        push_collapsed(&mut out, before);
        let end = from[4..].find("-->").map_or(from.len(), |c| c + 7);
        let comment = &from[..end];
        if comment.contains('\n') {
            out.push_str(comment);
        } else {
            push_collapsed(&mut out, comment);
        }
        left = &from[end..];
    }
    push_collapsed(&mut out, left);
    out.trim_end().to_string()
}

fn push_collapsed(out: &mut String, s: &str) {
    for (i, w) in s.split_whitespace().enumerate() {
        let glued = i == 0 && !s.starts_with(char::is_whitespace);
        if !glued && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(w);
    }
    if s.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

fn classify(logical: &Logical) -> std::result::Result<LineKind, Vec<Error>> {
    let text = logical.text.as_str();
    if text.starts_with('#') {
        return Ok(LineKind::Comment(text.to_string()));
    }
    let first = text.split_whitespace().next().unwrap_or("");
    if first.eq_ignore_ascii_case("xml") {
        return Ok(LineKind::Xml(xml_text(text)));
    }
    Ok(LineKind::Words(words(logical)?))
}

fn is_double_smart(c: char) -> bool {
    matches!(c, '“' | '”' | '„' | '‟')
}

fn is_single_smart(c: char) -> bool {
    matches!(c, '‘' | '’')
}

/// POSIX shell word splitting (Python's `shlex.split`, comments off).
/// A typographic quote is an error; the line is read on as if it were the
/// plain quote it stands for, so that all of them are reported at once.
fn words(logical: &Logical) -> std::result::Result<Vec<Token>, Vec<Error>> {
    let text = logical.text.as_str();
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    let smart = |errors: &mut Vec<Error>, at: usize, c: char| {
        errors.push(Error::at(
            ErrorKind::SmartQuote { quote: c },
            logical.span(at, at + c.len_utf8()),
        ));
    };
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, _)) = chars.peek() {
        let mut word = String::new();
        let mut in_word = false;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            match c {
                ' ' | '\t' | '\r' | '\n' => {
                    if in_word {
                        break;
                    }
                    chars.next();
                    continue;
                }
                '\'' | '‘' | '’' => {
                    if c != '\'' {
                        smart(&mut errors, i, c);
                    }
                    chars.next();
                    loop {
                        match chars.next() {
                            Some((_, '\'')) => break,
                            Some((j, q)) if is_single_smart(q) => {
                                smart(&mut errors, j, q);
                                break;
                            }
                            Some((j, q)) if is_double_smart(q) => {
                                smart(&mut errors, j, q);
                                word.push(q);
                            }
                            Some((_, ch)) => word.push(ch),
                            None => {
                                errors.push(unclosed(logical, i, c));
                                return Err(errors);
                            }
                        }
                    }
                }
                '"' | '“' | '”' | '„' | '‟' => {
                    if c != '"' {
                        smart(&mut errors, i, c);
                    }
                    chars.next();
                    loop {
                        match chars.next() {
                            Some((_, '"')) => break,
                            Some((j, q)) if is_double_smart(q) => {
                                smart(&mut errors, j, q);
                                break;
                            }
                            Some((j, q)) if is_single_smart(q) => {
                                smart(&mut errors, j, q);
                                word.push(q);
                            }
                            Some((_, '\\')) => match chars.peek() {
                                Some(&(_, n @ ('"' | '\\' | '$' | '`'))) => {
                                    word.push(n);
                                    chars.next();
                                }
                                _ => word.push('\\'),
                            },
                            Some((_, ch)) => word.push(ch),
                            None => {
                                errors.push(unclosed(logical, i, c));
                                return Err(errors);
                            }
                        }
                    }
                }
                '\\' => {
                    chars.next();
                    if let Some((_, n)) = chars.next() {
                        word.push(n);
                    }
                }
                _ => {
                    chars.next();
                    word.push(c);
                }
            }
            in_word = true;
            end = chars.peek().map_or(text.len(), |&(j, _)| j);
        }
        if in_word {
            let word_start = start + (text[start..].len() - text[start..].trim_start().len());
            tokens.push(Token {
                text: char_refs(word),
                span: logical.span(word_start, end),
            });
        }
    }
    if errors.is_empty() {
        Ok(tokens)
    } else {
        Err(errors)
    }
}

fn unclosed(logical: &Logical, at: usize, quote: char) -> Error {
    Error::at(
        ErrorKind::NoClosingQuotation,
        logical.span(at, at + quote.len_utf8()),
    )
}

/// crmsh encodes statements to ASCII with `xmlcharrefreplace` before
/// parsing, so `café` is stored (and shown) as the text `caf&#233;`.
pub fn char_refs(s: String) -> String {
    if s.is_ascii() {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("&#{};", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<Vec<String>> {
        lex(src)
            .expect("lexes")
            .into_iter()
            .map(|l| match l.kind {
                LineKind::Words(w) => w.into_iter().map(|t| t.text).collect(),
                LineKind::Comment(c) => vec![c],
                LineKind::Xml(x) => vec!["xml".into(), x],
            })
            .collect()
    }

    #[test]
    fn continuation_joins_without_separator() {
        assert_eq!(
            texts("primitive p Dummy\\\nparams a=\\\n 1"),
            vec![vec!["primitive", "p", "Dummyparams", "a=1"]]
        );
    }

    #[test]
    fn a_comment_of_several_lines_in_xml_keeps_its_lines() {
        let src = "xml <a> \\\n  <!-- one \\\n     two\\ \\\n  --> \\\n  <b/>   <c/> \\\n</a>";
        assert_eq!(
            texts(src),
            vec![vec![
                "xml",
                "<a> <!-- one\n     two\\\n  --> <b/> <c/> </a>"
            ]]
        );
        // On one line, whitespace runs collapse as before.
        assert_eq!(
            texts("xml <a>  <!--  x   y -->  </a>"),
            vec![vec!["xml", "<a> <!-- x y --> </a>"]]
        );
    }

    #[test]
    fn yen_signs_continue_lines_too() {
        assert_eq!(
            texts("primitive p Dummy ¥\n\tparams a=1 ￥\n  meta b=2"),
            vec![vec![
                "primitive",
                "p",
                "Dummy",
                "params",
                "a=1",
                "meta",
                "b=2"
            ]]
        );
    }

    #[test]
    fn blank_line_ends_a_continuation_and_comments_count() {
        let lines = lex("# c\nprimitive a Dummy \\\n\nprimitive b Dummy").expect("lexes");
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2].number, 3);
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(
            texts(r#"a x="1 2" y='3 "4"' z="tab\there" w="q\"q" v=a\ b"#),
            vec![vec![
                "a",
                "x=1 2",
                "y=3 \"4\"",
                "z=tab\\there",
                "w=q\"q",
                "v=a b"
            ]]
        );
    }

    #[test]
    fn non_ascii_becomes_char_refs() {
        assert_eq!(texts("a x=café"), vec![vec!["a", "x=caf&#233;"]]);
    }

    #[test]
    fn spans_point_into_the_source() {
        let src = "primitive p Dummy \\\n\tparams ip=1";
        let lines = lex(src).expect("lexes");
        let LineKind::Words(w) = &lines[0].kind else {
            panic!("words")
        };
        let ip = &w[4];
        assert_eq!(&src[ip.span.start..ip.span.end], "ip=1");
    }

    #[test]
    fn unclosed_and_smart_quotes_are_errors() {
        assert_eq!(
            *lex("a x=\"1").unwrap_err().kind,
            ErrorKind::NoClosingQuotation
        );
        let e = lex("a\nb nic=\"eth1“ ¥\nc=\"2\"").unwrap_err();
        assert_eq!(*e.kind, ErrorKind::SmartQuote { quote: '“' });
        assert_eq!(e.statement, Some(2));
    }

    #[test]
    fn every_typographic_quote_is_reported_at_once() {
        // The 2010 slide: four of them in one statement, one on another.
        let src = "p x=\"1“ ¥\ny=“2” ¥\nz='3’\nq ‘4’";
        let e = lex(src).unwrap_err();
        let found: Vec<(char, usize)> = e
            .each()
            .map(|e| match *e.kind {
                ErrorKind::SmartQuote { quote } => (quote, e.span.map_or(0, |s| s.start)),
                _ => panic!("{e}"),
            })
            .collect();
        let expected: Vec<(char, usize)> = src
            .char_indices()
            .filter(|(_, c)| is_double_smart(*c) || is_single_smart(*c))
            .map(|(i, c)| (c, i))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(e.each().filter(|e| e.statement == Some(2)).count(), 2);
    }

    #[test]
    fn an_unclosed_typographic_quote_is_located() {
        let e = lex("p ip=\"1“ nic=“eth0").unwrap_err();
        let kinds: Vec<ErrorKind> = e.each().map(|e| (*e.kind).clone()).collect();
        assert_eq!(
            kinds,
            [
                ErrorKind::SmartQuote { quote: '“' },
                ErrorKind::SmartQuote { quote: '“' },
                ErrorKind::NoClosingQuotation
            ]
        );
    }

    #[test]
    fn a_blank_line_after_a_continuation_marks_the_line_cut() {
        let lines = lex("primitive p Dummy ¥\n\nop monitor interval=10s\n").expect("lexes");
        assert!(lines[0].cut);
        assert!(!lines[1].cut);
    }
}
