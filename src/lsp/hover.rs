//! Hover: an agent's description, a parameter's or cluster option's
//! documentation (type, default, required as the shell's completion list
//! shows them, then the metadata's descriptions), an id's definition.

use super::analysis::Analysis;
use super::document::Document;
use super::navigation::{piece_at, token_at};
use crate::kind::Kind;
use crate::repl::complete::describe;
use crate::repl::facts::{params_of, ShellFacts};
use crate::xml::Element;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

/// Where documentation comes from: the shell's cached metadata.
pub type Docs = ShellFacts;

/// The hover at `pos`.
pub fn hover(doc: &Document, a: &Analysis, pos: Position, docs: &Docs) -> Option<Hover> {
    let offset = doc.offset(pos);
    let entry = a.entry_at(offset)?;
    let (index, token) = token_at(entry, offset)?;
    let keyword = entry.words.first()?.lower();
    let kind = Kind::from_keyword(&keyword);
    let clause = entry.words[..index]
        .iter()
        .rev()
        .map(|t| t.text.as_str())
        .find(|w| matches!(*w, "params" | "meta" | "op" | "utilization"));
    let value = if matches!(kind, Some(Kind::Primitive | Kind::Template)) && index == 2 {
        agent_hover(docs, &token.text)
    } else if let Some((name, _)) = token.text.split_once('=') {
        match kind {
            Some(Kind::Primitive | Kind::Template) if clause == Some("params") => {
                let agent = entry.words.get(2)?;
                param_doc(&docs.metadata(&agent.text)?, name)
            }
            Some(Kind::Property) => option_doc(docs, name),
            _ => None,
        }
    } else {
        let (id, span) = piece_at(doc, token, offset)?;
        let _ = span;
        definition_hover(doc, a, &id)
    }?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(doc.range(token.span)),
    })
}

/// The statement that defines `id`, as written.
fn definition_hover(doc: &Document, a: &Analysis, id: &str) -> Option<String> {
    let (entry, _) = a.definition(id)?;
    let text = &doc.text[entry.span.start..entry.span.end.min(doc.text.len())];
    let line = doc.position(entry.span.start).line + 1;
    Some(format!(
        "```crm\n{}\n```\n{}",
        text.trim_end(),
        line_note(line)
    ))
}

fn line_note(line: u32) -> String {
    super::wording::defined_at(line as usize)
}

fn agent_hover(docs: &Docs, agent: &str) -> Option<String> {
    let meta = docs.metadata(agent)?;
    let mut out = format!("**{agent}**");
    let short = text_of(&meta, "shortdesc");
    if !short.is_empty() {
        out.push_str(&format!(": {short}"));
    }
    let long = text_of(&meta, "longdesc");
    if !long.is_empty() {
        out.push_str("\n\n");
        out.push_str(&long);
    }
    Some(out)
}

/// A parameter of an agent's metadata (`meta` is the agent's document).
pub fn param_doc(meta: &Element, name: &str) -> Option<String> {
    let p = params_of(meta).into_iter().find(|p| p.name == name)?;
    let element = meta
        .child("parameters")?
        .elements()
        .find(|e| e.name == "parameter" && e.get("name") == Some(name))?;
    Some(documented(&describe(&p), element))
}

/// A cluster option (`property name=…`).
pub fn option_doc(docs: &Docs, name: &str) -> Option<String> {
    docs.option_metadata()
        .iter()
        .find_map(|meta| param_doc(meta, name))
}

fn documented(head: &str, e: &Element) -> String {
    let mut out = format!("`{head}`");
    let short = text_of(e, "shortdesc");
    let long = text_of(e, "longdesc");
    if !short.is_empty() {
        out.push_str("\n\n");
        out.push_str(&short);
    }
    if !long.is_empty() && long != short {
        out.push_str("\n\n");
        out.push_str(&long);
    }
    out
}

/// The text of the first `<tag>` child (English first when several).
fn text_of(e: &Element, tag: &str) -> String {
    let all: Vec<&Element> = e.elements().filter(|c| c.name == tag).collect();
    let chosen = all
        .iter()
        .find(|c| c.get("lang").is_none_or(|l| l == "en"))
        .or(all.first());
    chosen.map(|c| c.text()).unwrap_or_default()
}
