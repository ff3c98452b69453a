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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Comment(String),
    /// `xml ...`: the text after the keyword, whitespace runs collapsed.
    Xml(String),
    Words(Vec<Token>),
}

const CONTINUATIONS: [char; 3] = ['\\', '¥', '￥'];

/// Splits a whole input into logical lines and tokenises the statements.
pub fn lex(text: &str) -> Result<Vec<Line>> {
    let mut lines = Vec::new();
    for logical in logical_lines(text) {
        let number = lines.len() + 1;
        let span = Span::new(logical.source_offset(0), logical.source_end());
        let kind = classify(&logical).map_err(|e| e.in_statement(number))?;
        lines.push(Line { number, span, kind });
    }
    Ok(lines)
}

/// One line split into words by the shell's rules (quotes removed), with
/// no statement rules: `#` and `xml` are plain words here. The command
/// line of a one-shot `crm …` is split this way.
pub fn split_words(line: &str) -> Result<Vec<String>> {
    let logical = Logical {
        text: line.to_string(),
        pieces: vec![(0, 0)],
    };
    Ok(words(&logical)?.into_iter().map(|t| t.text).collect())
}

/// A logical line and where each of its pieces came from in the source.
struct Logical {
    text: String,
    /// (offset in `text`, offset in the source) at the start of each piece.
    pieces: Vec<(usize, usize)>,
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

fn logical_lines(text: &str) -> Vec<Logical> {
    let mut out = Vec::new();
    let mut pending: Option<Logical> = None;
    let mut offset = 0;
    for raw in text.split('\n') {
        let line_start = offset;
        offset += raw.len() + 1;
        let stripped = raw.trim();
        let lead = raw.len() - raw.trim_start().len();
        if stripped.is_empty() {
            if let Some(p) = pending.take() {
                push_nonempty(&mut out, p);
            }
            continue;
        }
        let (body, continued) = match stripped.strip_suffix(CONTINUATIONS) {
            Some(_) => (stripped.trim_end_matches(CONTINUATIONS), true),
            None => (stripped, false),
        };
        let logical = pending.get_or_insert_with(|| Logical {
            text: String::new(),
            pieces: Vec::new(),
        });
        logical.pieces.push((logical.text.len(), line_start + lead));
        logical.text.push_str(body);
        if !continued {
            if let Some(p) = pending.take() {
                push_nonempty(&mut out, p);
            }
        }
    }
    if let Some(p) = pending.take() {
        push_nonempty(&mut out, p);
    }
    out
}

fn push_nonempty(out: &mut Vec<Logical>, l: Logical) {
    if !l.text.is_empty() {
        out.push(l);
    }
}

fn classify(logical: &Logical) -> Result<LineKind> {
    let text = logical.text.as_str();
    if text.starts_with('#') {
        return Ok(LineKind::Comment(text.to_string()));
    }
    let first = text.split_whitespace().next().unwrap_or("");
    if first.eq_ignore_ascii_case("xml") {
        let rest: Vec<&str> = text.split_whitespace().skip(1).collect();
        return Ok(LineKind::Xml(rest.join(" ")));
    }
    Ok(LineKind::Words(words(logical)?))
}

/// POSIX shell word splitting (Python's `shlex.split`, comments off).
fn words(logical: &Logical) -> Result<Vec<Token>> {
    let text = logical.text.as_str();
    let mut tokens = Vec::new();
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
                '“' | '”' | '„' | '‟' | '‘' | '’' => {
                    return Err(Error::at(
                        ErrorKind::SmartQuote { quote: c },
                        logical.span(i, i + c.len_utf8()),
                    ));
                }
                '\'' => {
                    chars.next();
                    loop {
                        match chars.next() {
                            Some((_, '\'')) => break,
                            Some((_, ch)) => word.push(ch),
                            None => return Err(unclosed(logical, i)),
                        }
                    }
                }
                '"' => {
                    chars.next();
                    loop {
                        match chars.next() {
                            Some((_, '"')) => break,
                            Some((j, '“' | '”' | '„' | '‟' | '‘' | '’')) => {
                                let q = text[j..].chars().next().unwrap_or('"');
                                return Err(Error::at(
                                    ErrorKind::SmartQuote { quote: q },
                                    logical.span(j, j + q.len_utf8()),
                                ));
                            }
                            Some((_, '\\')) => match chars.peek() {
                                Some(&(_, n @ ('"' | '\\' | '$' | '`'))) => {
                                    word.push(n);
                                    chars.next();
                                }
                                _ => word.push('\\'),
                            },
                            Some((_, ch)) => word.push(ch),
                            None => return Err(unclosed(logical, i)),
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
    Ok(tokens)
}

fn unclosed(logical: &Logical, at: usize) -> Error {
    Error::at(ErrorKind::NoClosingQuotation, logical.span(at, at + 1))
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
}
