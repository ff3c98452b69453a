//! What the server knows about one document: its logical lines parsed one
//! by one (a bad statement does not hide the good ones around it), the
//! good statements applied to a CIB as `configure load update` would, and
//! the offline checks of that CIB (references, schema, agents).
//!
//! Re-analysis after a change is per statement: the parse of a logical
//! line is kept by its text, so an edit re-parses only the lines it
//! touched; applying and checking run on the whole set, as they must.

use crate::cib::{apply, validate, Cib, Method};
use crate::error::Error;
use crate::lexer::{lines, LineKind};
use crate::parse::{parse_line, Context, Statement};
use crate::span::Span;
use crate::token::Token;
use std::collections::{HashMap, HashSet};

/// One logical line of the document.
#[derive(Debug, Clone)]
pub struct Entry {
    /// 1-based logical line number (crmsh's statement number).
    pub number: usize,
    pub span: Span,
    pub comment: bool,
    /// The shell words (empty for comments, `xml` and bad lines).
    pub words: Vec<Token>,
    pub statement: Option<Statement>,
    /// Lexing or parsing errors of this line.
    pub errors: Vec<Error>,
}

/// The document analysed.
#[derive(Debug, Default)]
pub struct Analysis {
    pub entries: Vec<Entry>,
    /// The good statements applied to the base CIB; `None` when applying
    /// failed whatever statement was left out.
    pub cib: Option<Cib>,
    /// Errors of applying (duplicate ids, missing references…) and of
    /// the schema check, each with the statement it belongs to if known.
    pub semantic: Vec<Error>,
    /// Warnings of parsing and applying, by statement number.
    pub warnings: Vec<(Option<usize>, String)>,
}

impl Analysis {
    /// The entry whose logical line holds `offset` (its end included).
    pub fn entry_at(&self, offset: usize) -> Option<&Entry> {
        let i = self.entries.partition_point(|e| e.span.end < offset);
        self.entries
            .get(i)
            .filter(|e| e.span.start <= offset && offset <= e.span.end)
    }

    pub fn entry_by_number(&self, number: usize) -> Option<&Entry> {
        let i = self.entries.partition_point(|e| e.number < number);
        self.entries.get(i).filter(|e| e.number == number)
    }

    /// The statements, in the document's order.
    pub fn statements(&self) -> impl Iterator<Item = (&Entry, &Statement)> {
        self.entries
            .iter()
            .filter_map(|e| e.statement.as_ref().map(|s| (e, s)))
    }

    /// The statement that defines object `id` (a node by its name).
    pub fn definition(&self, id: &str) -> Option<(&Entry, &Statement)> {
        self.statements()
            .find(|(_, s)| s.id == id && s.kind != crate::kind::Kind::Monitor)
    }
}

/// A parsed logical line, kept by its text with spans relative to its
/// start, so that it can be reused wherever the line moves.
#[derive(Debug, Clone)]
struct Cached {
    words: Vec<Token>,
    statement: Option<Statement>,
    errors: Vec<Error>,
    comment: bool,
}

/// Parses of the lines of the last analysis of a document.
#[derive(Debug, Default)]
pub struct Cache {
    lines: HashMap<String, Cached>,
}

/// How many statements at most are left out, one after the other, to find
/// the further errors of applying (each costs one more application).
const MAX_APPLY_RETRIES: usize = 10;

/// Analyses `text` against `base` (an empty CIB, or `CIB_file`'s).
pub fn analyze(text: &str, base: &Cib, cache: &mut Cache) -> Analysis {
    let ctx = Context {
        schema: base.schema(),
        nodes: base.node_names(),
    };
    let mut entries = Vec::new();
    let mut next = HashMap::with_capacity(cache.lines.len());
    for (i, line) in lines(text).enumerate() {
        let number = i + 1;
        let line = match line {
            Ok(l) => l,
            Err(errors) => {
                let span = errors_span(&errors);
                entries.push(Entry {
                    number,
                    span,
                    comment: false,
                    words: Vec::new(),
                    statement: None,
                    errors: errors.into_iter().map(|e| e.in_statement(number)).collect(),
                });
                continue;
            }
        };
        let source = &text[line.span.start..line.span.end.min(text.len())];
        let parsed = match cache.lines.remove(source) {
            Some(c) => c,
            None => {
                let (statement, errors) = match &line.kind {
                    LineKind::Comment(_) => (None, Vec::new()),
                    _ => match parse_line(&line, &ctx) {
                        Ok(s) => (Some(s), Vec::new()),
                        Err(e) => (None, e.each().cloned().collect()),
                    },
                };
                let words = match &line.kind {
                    LineKind::Words(w) => w.clone(),
                    _ => Vec::new(),
                };
                let mut c = Cached {
                    words,
                    statement,
                    errors,
                    comment: matches!(line.kind, LineKind::Comment(_)),
                };
                shift(&mut c, -(line.span.start as isize));
                c
            }
        };
        let mut here = parsed.clone();
        next.insert(source.to_string(), parsed);
        shift(&mut here, line.span.start as isize);
        if let Some(s) = &mut here.statement {
            s.number = number;
        }
        entries.push(Entry {
            number,
            span: line.span,
            comment: here.comment,
            words: here.words,
            statement: here.statement,
            errors: here
                .errors
                .into_iter()
                .map(|mut e| {
                    e.statement = Some(number);
                    e
                })
                .collect(),
        });
    }
    cache.lines = next;
    let mut analysis = Analysis {
        entries,
        ..Analysis::default()
    };
    apply_good(&mut analysis, base);
    analysis
}

/// Applies the statements that parsed; when applying fails, the statement
/// it names is left out and the rest applied again, so that one missing
/// reference does not hide the checks of everything else.
fn apply_good(a: &mut Analysis, base: &Cib) {
    let parsed: Vec<(Option<usize>, String)> = a
        .statements()
        .flat_map(|(e, s)| {
            s.warnings
                .iter()
                .map(move |w| (Some(e.number), strip_number(w).to_string()))
        })
        .collect();
    a.warnings.extend(parsed);
    let mut left_out: HashSet<usize> = HashSet::new();
    for _ in 0..=MAX_APPLY_RETRIES {
        let statements: Vec<Statement> = a
            .statements()
            .filter(|(e, _)| !left_out.contains(&e.number))
            .map(|(_, s)| s.clone())
            .collect();
        let mut cib = base.clone();
        match apply(&mut cib, statements, Method::Update) {
            Ok(applied) => {
                for w in applied.warnings {
                    let n = leading_number(&w);
                    a.warnings.push((n, strip_number(&w).to_string()));
                }
                if let Err(e) = validate(&cib) {
                    a.semantic.push(e);
                }
                a.cib = Some(cib);
                return;
            }
            Err(e) => {
                let number = e.statement.or_else(|| {
                    e.span
                        .and_then(|s| a.entry_at(s.start))
                        .map(|entry| entry.number)
                });
                a.semantic.push(e);
                match number {
                    Some(n) if left_out.insert(n) => {}
                    _ => return,
                }
            }
        }
    }
}

/// `"12: text"` → 12.
fn leading_number(w: &str) -> Option<usize> {
    w.split_once(": ").and_then(|(n, _)| n.parse().ok())
}

fn strip_number(w: &str) -> &str {
    match w.split_once(": ") {
        Some((n, rest)) if n.parse::<usize>().is_ok() => rest,
        _ => w,
    }
}

/// The span covering a bad line's errors.
fn errors_span(errors: &[Error]) -> Span {
    let spans = errors.iter().filter_map(|e| e.span);
    let start = spans.clone().map(|s| s.start).min().unwrap_or(0);
    let end = spans.map(|s| s.end).max().unwrap_or(start);
    Span::new(start, end)
}

fn shift(c: &mut Cached, by: isize) {
    let mv = |s: &mut Span| {
        s.start = s.start.saturating_add_signed(by);
        s.end = s.end.saturating_add_signed(by);
    };
    for t in &mut c.words {
        mv(&mut t.span);
    }
    if let Some(s) = &mut c.statement {
        mv(&mut s.span);
    }
    for e in &mut c.errors {
        if let Some(s) = &mut e.span {
            mv(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Analysis {
        analyze(text, &Cib::empty("pacemaker-3.9"), &mut Cache::default())
    }

    #[test]
    fn a_bad_statement_leaves_the_others_parsed() {
        let a = run("primitive p1 Dummy\nprimitive p2 Dummy params a=“x”\ngroup g p1\n");
        assert_eq!(a.entries.len(), 3);
        assert!(a.entries[0].statement.is_some());
        assert!(!a.entries[1].errors.is_empty());
        assert_eq!(a.entries[1].errors[0].statement, Some(2));
        assert!(a.entries[2].statement.is_some());
        assert!(a.cib.is_some());
        assert!(a.semantic.is_empty(), "{:?}", a.semantic);
    }

    #[test]
    fn every_missing_reference_is_found() {
        let a = run("primitive p1 Dummy\ngroup g1 nope1\ngroup g2 nope2\n");
        let numbers: Vec<Option<usize>> = a.semantic.iter().map(|e| e.statement).collect();
        assert_eq!(numbers, vec![Some(2), Some(3)], "{:?}", a.semantic);
        assert!(a.cib.is_some());
    }

    #[test]
    fn cached_lines_move_with_the_text() {
        let mut cache = Cache::default();
        let base = Cib::empty("pacemaker-3.9");
        let first = "primitive p1 Dummy\n";
        analyze(first, &base, &mut cache);
        let text = format!("# moved\n{first}");
        let a = analyze(&text, &base, &mut cache);
        let (e, s) = a.statements().next().unwrap();
        assert_eq!(e.number, 2);
        assert_eq!(s.span.start, "# moved\n".len());
        assert_eq!(&text[e.words[1].span.start..e.words[1].span.end], "p1");
    }
}
