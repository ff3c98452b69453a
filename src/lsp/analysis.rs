//! What the server knows about one document: its logical lines parsed one
//! by one (a bad statement does not hide the good ones around it), the
//! good statements applied to a CIB as `configure load update` would, and
//! the offline checks of that CIB (references, schema, agents).
//!
//! Re-analysis after a change is per statement: the text is cut into
//! chunks where logical lines start ([`chunks`]), and a chunk the change
//! did not touch keeps its parse. When the statements are the same, the
//! old errors and checks move; when one primitive or simple constraint
//! changed, [`super::patch`] applies it alone to the kept CIB of every
//! statement; otherwise everything is applied again.

use super::chunks::{self, Chunk};
use crate::check::Finding;
use crate::cib::{apply, validate, Cib, Method};
use crate::error::{Error, ErrorKind};
use crate::parse::{Context, Statement};
use crate::span::Span;
use crate::token::Token;
use std::collections::HashSet;

/// One logical line of the document.
#[derive(Debug, Clone, PartialEq)]
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
    /// What its statement makes, as a hash (0 without a statement): two
    /// texts whose statements have the same keys in the same order apply
    /// alike.
    pub key: u64,
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
    /// `configure verify`'s checks of the CIB.
    pub findings: Vec<Finding>,
    /// The previous analysis' errors and checks were moved here, nothing
    /// was applied (its statements were the same).
    pub moved: bool,
    /// Only the one statement that changed was applied again, to the
    /// previous CIB ([`super::patch`]); the checks of the CIB ran whole.
    pub patched: bool,
    /// How many of `semantic` came from applying (the rest from the
    /// schema check).
    pub(super) apply_errors: usize,
    /// Applying every statement at once failed only on references to
    /// what does not exist, or did not fail ([`super::patch`] can then
    /// work from the CIB of every statement).
    pub(super) modelled: bool,
    /// That CIB, when it is not `cib` (references were refused).
    pub(super) whole: Option<Cib>,
    /// Applying warned (statements merged into the base CIB's objects).
    pub(super) apply_warned: bool,
    /// The chunks of the text (logical lines with the blank lines after
    /// them) and the text, for the next analysis to reuse.
    chunks: Vec<Chunk>,
    text: String,
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

/// How many statements at most are left out, one after the other, to find
/// the further errors of applying (each costs one more application).
pub(super) const MAX_APPLY_RETRIES: usize = 10;

/// Analyses `text` against `base` (an empty CIB, or `CIB_file`'s or the
/// cluster's). `prev`, the analysis of the document's previous text
/// against the same base, lends the parses of the chunks that did not
/// change; without it everything is lexed and parsed.
pub fn analyze(text: &str, base: &Cib, prev: Option<Analysis>) -> Analysis {
    let ctx = Context {
        schema: base.schema(),
        nodes: base.node_names(),
    };
    let (old_text, old_chunks, old_entries, old_semantic) = match prev {
        Some(p) => {
            let semantic = Semantic {
                applied: p.statements().map(|(e, s)| Placed::of(e, s)).collect(),
                cib: p.cib,
                errors: p.semantic,
                apply_errors: p.apply_errors,
                modelled: p.modelled,
                whole: p.whole,
                apply_warned: p.apply_warned,
                warnings: p.warnings,
                findings: p.findings,
            };
            (p.text, p.chunks, p.entries, Some(semantic))
        }
        None => (String::new(), Vec::new(), Vec::new(), None),
    };
    let mut old_entries: Vec<Option<Entry>> = old_entries.into_iter().map(Some).collect();
    let (prefix, suffix) = chunks::common_ends(&old_text, text);
    let delta = text.len() as isize - old_text.len() as isize;
    let old_chunk = |start: usize, end: usize| {
        let i = old_chunks.partition_point(|c| c.start < start);
        old_chunks
            .get(i)
            .filter(|c| c.start == start && c.end == end)
            .cloned()
    };
    let mut entries: Vec<Entry> = Vec::new();
    let mut chunks = Vec::new();
    for span in chunks::spans(text) {
        let number = entries.len() + 1;
        let first = entries.len();
        // A chunk inside the common prefix is where it was; one inside the
        // common suffix moved by the change's length.
        let kept = if span.end <= prefix {
            old_chunk(span.start, span.end).map(|c| (c, 0))
        } else if span.start >= text.len() - suffix {
            let back = |o: usize| o.saturating_add_signed(-delta);
            old_chunk(back(span.start), back(span.end)).map(|c| (c, delta))
        } else {
            None
        };
        let taken: Option<Vec<Entry>> = kept.and_then(|(c, by)| {
            let mut es = Vec::with_capacity(c.count);
            for slot in old_entries.get_mut(c.first..c.first + c.count)? {
                let mut e = slot.take()?;
                chunks::shift(&mut e, by);
                es.push(e);
            }
            Some(es)
        });
        match taken {
            Some(es) => {
                for (k, mut e) in es.into_iter().enumerate() {
                    if e.number != number + k {
                        chunks::renumber(&mut e, number + k);
                    }
                    entries.push(e);
                }
            }
            None => entries.extend(chunks::lex_chunk(text, span, number, &ctx)),
        }
        chunks.push(Chunk {
            start: span.start,
            end: span.end,
            first,
            count: entries.len() - first,
        });
    }
    let mut analysis = Analysis {
        entries,
        chunks,
        text: text.to_string(),
        ..Analysis::default()
    };
    let mut old_semantic = old_semantic;
    if old_semantic
        .as_mut()
        .is_some_and(|old| old.moved_to(&mut analysis))
    {
        return analysis;
    }
    if !old_semantic.is_some_and(|old| super::patch::patched(old, &mut analysis, base)) {
        apply_good(&mut analysis, base);
        analysis.findings = match &analysis.cib {
            Some(cib) => crate::agents::with_registry(|r| crate::check::for_verify(cib, r)),
            None => Vec::new(),
        };
    }
    analysis
}

/// What applying and checking the previous text found, and where its
/// statements stood.
pub(super) struct Semantic {
    /// Each statement, in order.
    pub applied: Vec<Placed>,
    pub cib: Option<Cib>,
    pub errors: Vec<Error>,
    /// How many of `errors` came from applying (the rest, at most one,
    /// from the schema check).
    pub apply_errors: usize,
    pub modelled: bool,
    pub whole: Option<Cib>,
    pub apply_warned: bool,
    pub warnings: Vec<(Option<usize>, String)>,
    pub findings: Vec<Finding>,
}

/// What a statement of the previous text was and where it stood.
pub(super) struct Placed {
    pub key: u64,
    pub number: usize,
    pub span: Span,
    pub kind: crate::kind::Kind,
    pub id: String,
    pub target: Option<String>,
    /// Written as XML, or with warnings of its own parsing.
    pub special: bool,
}

impl Placed {
    fn of(e: &Entry, s: &Statement) -> Placed {
        Placed {
            key: e.key,
            number: e.number,
            span: e.span,
            kind: s.kind,
            id: s.id.clone(),
            target: s.target.clone(),
            special: s.xml || !s.warnings.is_empty(),
        }
    }
}

/// Errors and warnings of the previous text moved to the new one.
pub(super) type Moved = (Vec<Error>, Vec<(Option<usize>, String)>);

impl Semantic {
    /// When the new text's statements are the old ones (same keys, same
    /// order: a change of comments, blank lines, layout, or of a line that
    /// did not parse and still does not, as while a statement is typed),
    /// applying them again would find the same: the old findings move to
    /// the statements' new numbers and places. False when they differ, or
    /// when a finding points somewhere it cannot be moved from.
    fn moved_to(&mut self, a: &mut Analysis) -> bool {
        let now: Vec<(u64, usize, Span)> = a
            .statements()
            .map(|(e, _)| (e.key, e.number, e.span))
            .collect();
        if now.len() != self.applied.len()
            || now.iter().zip(&self.applied).any(|(n, o)| n.0 != o.key)
        {
            return false;
        }
        let Some((errors, warnings)) = self.moved(a, &|i| Some(i)) else {
            return false;
        };
        a.cib = self.cib.take();
        a.semantic = errors;
        a.apply_errors = self.apply_errors;
        a.modelled = self.modelled;
        a.whole = self.whole.take();
        a.apply_warned = self.apply_warned;
        a.warnings = warnings;
        a.findings = std::mem::take(&mut self.findings);
        a.moved = true;
        true
    }

    /// The old errors and warnings at the new numbers and places of their
    /// statements; `to_new` maps an old statement's index to the new
    /// one's. `None` when one belongs to a statement with no new place,
    /// or points somewhere it cannot be moved from.
    pub(super) fn moved(
        &self,
        a: &Analysis,
        to_new: &dyn Fn(usize) -> Option<usize>,
    ) -> Option<Moved> {
        let now: Vec<(usize, Span)> = a.statements().map(|(e, _)| (e.number, e.span)).collect();
        // Old statement number → its new number, its old span and how far
        // it moved.
        let place = |number: usize| {
            let i = self.applied.partition_point(|o| o.number < number);
            let old = self.applied.get(i).filter(|o| o.number == number)?;
            let (new_number, new_span) = *now.get(to_new(i)?)?;
            Some((
                new_number,
                old.span,
                new_span.start as isize - old.span.start as isize,
            ))
        };
        let mut errors = Vec::with_capacity(self.errors.len());
        for e in &self.errors {
            let mut e = e.clone();
            if e.each().count() > 1 {
                return None;
            }
            match (e.statement, e.span) {
                (None, None) => {}
                (Some(n), _) => {
                    let (new, old_span, by) = place(n)?;
                    e.statement = Some(new);
                    if let Some(s) = &mut e.span {
                        if s.start < old_span.start || s.end > old_span.end {
                            return None;
                        }
                        s.start = s.start.saturating_add_signed(by);
                        s.end = s.end.saturating_add_signed(by);
                    }
                }
                (None, Some(_)) => return None,
            }
            errors.push(e);
        }
        let mut warnings = Vec::with_capacity(self.warnings.len());
        for (n, w) in &self.warnings {
            let n = match n {
                Some(n) => Some(place(*n)?.0),
                None => None,
            };
            warnings.push((n, w.clone()));
        }
        Some((errors, warnings))
    }
}

/// Applies the statements that parsed; when applying fails, the statement
/// it names is left out and the rest applied again, so that one missing
/// reference does not hide the checks of everything else.
fn apply_good(a: &mut Analysis, base: &Cib) {
    a.warnings = parse_warnings(a);
    let mut left_out: HashSet<usize> = HashSet::new();
    for _ in 0..=MAX_APPLY_RETRIES {
        let statements: Vec<Statement> = a
            .statements()
            .filter(|(e, _)| !left_out.contains(&e.number))
            .map(|(_, s)| s.clone())
            .collect();
        let mut cib = base.clone();
        let first = left_out.is_empty();
        match apply(&mut cib, statements, Method::Update) {
            Ok(applied) => {
                // After refusals it stays what the first application said.
                a.modelled |= first;
                a.apply_warned = !applied.warnings.is_empty();
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
                if first && matches!(*e.kind, ErrorKind::MissingConstraintResource { .. }) {
                    // Every statement was applied; only the references
                    // were refused.
                    a.modelled = true;
                    a.whole = Some(cib);
                }
                let number = e.statement.or_else(|| {
                    e.span
                        .and_then(|s| a.entry_at(s.start))
                        .map(|entry| entry.number)
                });
                a.semantic.push(e);
                a.apply_errors += 1;
                match number {
                    Some(n) if left_out.insert(n) => {}
                    _ => return,
                }
            }
        }
    }
}

/// The warnings of parsing, by statement, in the text's order.
pub(super) fn parse_warnings(a: &Analysis) -> Vec<(Option<usize>, String)> {
    a.statements()
        .flat_map(|(e, s)| {
            s.warnings
                .iter()
                .map(move |w| (Some(e.number), strip_number(w).to_string()))
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Analysis {
        analyze(text, &Cib::empty("pacemaker-3.9"), None)
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
    fn findings_move_with_their_statements_when_only_comments_change() {
        let base = Cib::empty("pacemaker-3.9");
        let text = "primitive p1 Dummy\ngroup g1 nope1\n";
        let prev = analyze(text, &base, None);
        assert!(!prev.moved);
        let text = format!("# a comment\n\n{text}#typing a line\nprimitive\n");
        let a = analyze(&text, &base, Some(prev));
        assert!(a.moved);
        let full = analyze(&text, &base, None);
        assert_eq!(a.semantic, full.semantic);
        assert_eq!(a.semantic[0].statement, Some(3));
        let span = a.semantic[0].span.unwrap();
        assert!(
            text[span.start..span.end].starts_with("group g1"),
            "{span:?}"
        );
    }

    #[test]
    fn cached_lines_move_with_the_text() {
        let base = Cib::empty("pacemaker-3.9");
        let first = "primitive p1 Dummy\n";
        let prev = analyze(first, &base, None);
        let text = format!("# moved\n{first}");
        let a = analyze(&text, &base, Some(prev));
        let (e, s) = a.statements().next().unwrap();
        assert_eq!(e.number, 2);
        assert_eq!(s.span.start, "# moved\n".len());
        assert_eq!(&text[e.words[1].span.start..e.words[1].span.end], "p1");
    }
}
