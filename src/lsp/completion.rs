//! Completion: the shell's engine (`repl::complete`) asked about the
//! statement under the cursor, as if it were typed at `configure`. The
//! facts it needs come from the document's CIB (its ids and nodes, plus
//! `CIB_file`'s) and from Pacemaker's tools, cached for the session.

use super::analysis::Analysis;
use super::document::Document;
use super::hover::{option_doc, param_doc, Docs};
use crate::kind::Kind;
use crate::repl::complete::{complete, Facts};
use crate::repl::levels::Level;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, Position, Range, TextEdit,
};

/// The candidates at `pos`.
pub fn completions(
    doc: &Document,
    a: &Analysis,
    pos: Position,
    facts: &dyn Facts,
    docs: &Docs,
) -> Vec<CompletionItem> {
    let offset = doc.offset(pos);
    let start = a
        .entry_at(offset)
        .filter(|e| !e.comment)
        .map_or_else(|| line_start(&doc.text, offset), |e| e.span.start);
    let before = &doc.text[start..offset];
    if before.trim_start().starts_with('#') {
        return Vec::new();
    }
    let line = joined(before);
    let (word_start, candidates) = complete(Level::Configure, &line, facts);
    let first_word = line[..word_start].trim().is_empty();
    // The word being typed never spans a continuation: it ends at the
    // cursor in the source as in the joined line.
    let replace_from = offset - (line.len() - word_start);
    let range = Range::new(doc.position(replace_from), pos);
    let words: Vec<&str> = line[..word_start].split_whitespace().collect();
    candidates
        .into_iter()
        .filter(|c| !first_word || is_statement_word(c.display.as_str()))
        .map(|c| {
            let text = c.replacement.trim_end().to_string();
            let name = text.strip_suffix('=');
            let documentation = name
                .and_then(|n| describe_name(&words, n, docs))
                .map(|value| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value,
                    })
                });
            CompletionItem {
                label: text.clone(),
                kind: Some(kind_of(first_word, name.is_some())),
                detail: (c.display != text && c.display != c.replacement.trim_end())
                    .then(|| c.display.clone()),
                documentation,
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, text))),
                ..CompletionItem::default()
            }
        })
        .collect()
}

/// Statement keywords only (the level's other commands, `show`, `commit`…,
/// are no statements of a file).
fn is_statement_word(w: &str) -> bool {
    Kind::from_keyword(w).is_some() || w == "xml"
}

fn kind_of(first_word: bool, name: bool) -> CompletionItemKind {
    if first_word {
        CompletionItemKind::KEYWORD
    } else if name {
        CompletionItemKind::PROPERTY
    } else {
        CompletionItemKind::VALUE
    }
}

/// The documentation of `name=` in the statement begun with `words`.
fn describe_name(words: &[&str], name: &str, docs: &Docs) -> Option<String> {
    match words.first().copied() {
        Some("primitive" | "rsc_template") => {
            let agent = words.get(2)?;
            let in_params = words
                .iter()
                .rev()
                .find(|w| matches!(**w, "params" | "meta" | "op" | "utilization"))
                .is_some_and(|w| *w == "params");
            in_params
                .then(|| param_doc(&docs.metadata(agent)?, name))
                .flatten()
        }
        Some("property") => option_doc(docs, name),
        _ => None,
    }
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The statement's text with its continuations (`\`, `¥`, `￥` before a
/// newline) joined, as the shell reads one line.
fn joined(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '\\' | '¥' | '￥') && chars.peek() == Some(&'\n') {
            chars.next();
            out.push(' ');
        } else if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_join_with_the_same_length_before_the_word() {
        let j = joined("primitive p ¥\n Dummy \\\n  par");
        assert!(j.ends_with("  par"));
        assert_eq!(
            j.split_whitespace().collect::<Vec<_>>(),
            ["primitive", "p", "Dummy", "par"]
        );
    }
}
