//! Ids across the statements of a file: go to definition, find
//! references, rename (every place the id is named, as `configure rename`
//! renames it in constraints and tags, and in the group, clone and set
//! lists a file also spells out), and the outline of the objects.
//!
//! A reference is a word of a statement in a place that names objects:
//! the members of containers and tags, the resources and nodes of
//! constraints, a template after `@`, ACL `ref:` targets; never a value
//! after `=` nor the parameters and operations of a primitive.

use super::analysis::{Analysis, Entry};
use super::document::Document;
use crate::kind::Kind;
use crate::span::Span;
use crate::token::Token;
use lsp_types::{DocumentSymbol, Location, Position, Range, SymbolKind, TextEdit, Url};
use std::collections::HashMap;

/// The token of `entry` holding `offset` (its end included) and its index.
pub fn token_at(entry: &Entry, offset: usize) -> Option<(usize, &Token)> {
    entry
        .words
        .iter()
        .enumerate()
        .find(|(_, t)| t.span.start <= offset && offset <= t.span.end)
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// The id-like piece of `token` at `offset` (`p1` in `p1:Started`).
pub fn piece_at(doc: &Document, token: &Token, offset: usize) -> Option<(String, Span)> {
    pieces(doc, token)
        .into_iter()
        .find(|(_, s)| s.start <= offset && offset <= s.end)
}

/// The id-like runs of a token's source text, with their spans.
fn pieces(doc: &Document, token: &Token) -> Vec<(String, Span)> {
    let end = token.span.end.min(doc.text.len());
    let src = &doc.text[token.span.start..end];
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in src.char_indices().chain(std::iter::once((src.len(), ' '))) {
        match (is_id_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let span = Span::new(token.span.start + s, token.span.start + i);
                out.push((src[s..i].to_string(), span));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether word `index` of a statement of `kind` may name objects.
fn names_objects(kind: Kind, index: usize, token: &Token, entry: &Entry) -> bool {
    if token.text.contains('=') {
        return false;
    }
    match kind {
        Kind::Primitive | Kind::Template => {
            index == 1 || (index == 2 && token.text.starts_with('@'))
        }
        Kind::Property | Kind::RscDefaults | Kind::OpDefaults | Kind::Alert => false,
        Kind::Group | Kind::Clone | Kind::Master => entry.words[1..=index]
            .iter()
            .all(|t| !matches!(t.text.as_str(), "params" | "meta")),
        Kind::Bundle => index == 1 || entry.words[index - 1].text == "primitive",
        _ => index >= 1,
    }
}

/// Every place `id` is named in the document, the definition first.
pub fn occurrences(doc: &Document, a: &Analysis, id: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if let Some((e, _)) = a.definition(id) {
        if let Some(t) = e.words.get(1) {
            out.extend(
                pieces(doc, t)
                    .into_iter()
                    .filter(|(p, _)| p == id)
                    .map(|(_, s)| s),
            );
        }
    }
    for (e, st) in a.statements() {
        for (i, t) in e.words.iter().enumerate().skip(1) {
            if !names_objects(st.kind, i, t, e) {
                continue;
            }
            for (p, s) in pieces(doc, t) {
                if p == id && !out.contains(&s) {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// The id under the cursor, when it is one the document defines.
pub fn id_at(doc: &Document, a: &Analysis, pos: Position) -> Option<(String, Span)> {
    let offset = doc.offset(pos);
    let entry = a.entry_at(offset)?;
    let (_, token) = token_at(entry, offset)?;
    let (id, span) = piece_at(doc, token, offset)?;
    a.definition(&id)?;
    Some((id, span))
}

pub fn definition(doc: &Document, a: &Analysis, uri: &Url, pos: Position) -> Option<Location> {
    let (id, _) = id_at(doc, a, pos)?;
    let span = *occurrences(doc, a, &id).first()?;
    Some(Location::new(uri.clone(), doc.range(span)))
}

pub fn references(
    doc: &Document,
    a: &Analysis,
    uri: &Url,
    pos: Position,
    include_declaration: bool,
) -> Vec<Location> {
    let Some((id, _)) = id_at(doc, a, pos) else {
        return Vec::new();
    };
    occurrences(doc, a, &id)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| include_declaration || *i > 0)
        .map(|(_, s)| Location::new(uri.clone(), doc.range(s)))
        .collect()
}

/// Why a rename cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameRefusal {
    NotAnId,
    InvalidId(String),
    InUse(String),
}

/// The edits renaming the id under the cursor to `new`.
pub fn rename(
    doc: &Document,
    a: &Analysis,
    uri: &Url,
    pos: Position,
    new: &str,
) -> Result<HashMap<Url, Vec<TextEdit>>, RenameRefusal> {
    let (id, _) = id_at(doc, a, pos).ok_or(RenameRefusal::NotAnId)?;
    if !crate::parse::is_valid_id(new) {
        return Err(RenameRefusal::InvalidId(new.to_string()));
    }
    if new != id && a.definition(new).is_some() {
        return Err(RenameRefusal::InUse(new.to_string()));
    }
    let edits = occurrences(doc, a, &id)
        .into_iter()
        .map(|s| TextEdit::new(doc.range(s), new.to_string()))
        .collect();
    Ok(HashMap::from([(uri.clone(), edits)]))
}

/// The range `prepareRename` answers: the id under the cursor.
pub fn prepare_rename(doc: &Document, a: &Analysis, pos: Position) -> Option<Range> {
    id_at(doc, a, pos).map(|(_, s)| doc.range(s))
}

fn symbol_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::Node => SymbolKind::MODULE,
        Kind::Primitive | Kind::Template => SymbolKind::OBJECT,
        Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle | Kind::Tag => SymbolKind::ARRAY,
        Kind::Location | Kind::Colocation | Kind::Order | Kind::Ticket | Kind::Fencing => {
            SymbolKind::INTERFACE
        }
        Kind::Property | Kind::RscDefaults | Kind::OpDefaults => SymbolKind::PROPERTY,
        Kind::Monitor => SymbolKind::EVENT,
        _ => SymbolKind::KEY,
    }
}

/// The outline: one symbol per statement, named by its id.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
pub fn symbols(doc: &Document, a: &Analysis) -> Vec<DocumentSymbol> {
    a.statements()
        .map(|(e, st)| {
            let keyword = e.words.first().map_or("xml", |t| t.text.as_str());
            let name = match (st.kind, st.target.as_deref()) {
                (Kind::Monitor, Some(t)) => format!("{t} {}", st.id),
                _ if st.id.is_empty() => keyword.to_string(),
                _ => st.id.clone(),
            };
            let selection = e
                .words
                .get(1)
                .filter(|_| st.kind != Kind::Fencing)
                .map_or(e.span, |t| t.span);
            DocumentSymbol {
                name,
                detail: Some(keyword.to_string()),
                kind: symbol_kind(st.kind),
                tags: None,
                deprecated: None,
                range: doc.range(e.span),
                selection_range: doc.range(selection),
                children: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cib::Cib;
    use crate::lsp::analysis::analyze;

    fn setup(text: &str) -> (Document, Analysis) {
        let doc = Document::new(text.to_string(), 1);
        let a = analyze(text, &Cib::empty("pacemaker-3.9"), None);
        (doc, a)
    }

    fn texts(doc: &Document, spans: &[Span]) -> Vec<String> {
        spans
            .iter()
            .map(|s| {
                format!(
                    "{}@{}",
                    &doc.text[s.start..s.end],
                    doc.position(s.start).line
                )
            })
            .collect()
    }

    #[test]
    fn references_are_ids_in_naming_places_only() {
        let text = "rsc_template t Dummy\n\
                    primitive p1 @t params state=p1 op monitor interval=10s\n\
                    primitive p2 Dummy meta description=p1\n\
                    ms m p1 meta notify=true\n\
                    colocation c inf: p2 m:Master\n\
                    order o Mandatory: m:promote p2:start\n\
                    tag tg p1 p2\n";
        let (doc, a) = setup(text);
        assert_eq!(
            texts(&doc, &occurrences(&doc, &a, "p1")),
            ["p1@1", "p1@3", "p1@6"]
        );
        assert_eq!(
            texts(&doc, &occurrences(&doc, &a, "m")),
            ["m@3", "m@4", "m@5"]
        );
        assert_eq!(texts(&doc, &occurrences(&doc, &a, "t")), ["t@0", "t@1"]);
    }

    #[test]
    fn rename_refuses_a_bad_or_taken_id() {
        let (doc, a) = setup("primitive p1 Dummy\nprimitive p2 Dummy\ngroup g p1 p2\n");
        let uri = Url::parse("file:///x.crm").unwrap();
        let at = Position::new(2, 8);
        assert_eq!(
            rename(&doc, &a, &uri, at, "p2"),
            Err(RenameRefusal::InUse("p2".into()))
        );
        assert_eq!(
            rename(&doc, &a, &uri, at, "1x"),
            Err(RenameRefusal::InvalidId("1x".into()))
        );
        let edits = rename(&doc, &a, &uri, at, "first").unwrap();
        assert_eq!(edits[&uri].len(), 2);
        assert_eq!(
            rename(&doc, &a, &uri, Position::new(0, 0), "x"),
            Err(RenameRefusal::NotAnId)
        );
    }
}
