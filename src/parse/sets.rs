//! Name/value pairs and attribute sets (crm-language §3.1, §3.2).

use super::{rule, Cursor, Parser};
use crate::error::{ErrorKind, Result};
use crate::xml::Element;

/// Words that end a list of pairs in resource statements.
pub const TERMINATORS: [&str; 9] = [
    "params",
    "meta",
    "utilization",
    "operations",
    "op",
    "op_params",
    "op_meta",
    "rule",
    "attributes",
];

/// ```ebnf
/// nvpairs    ::= nvpair*
/// nvpair     ::= name "=" value | name | "$" id ":" name "=" value | "$" id "=" value
///              | "@" ref [ ":" name ]
/// ```
pub fn nvpairs(p: &mut Parser, cur: &mut Cursor, terminators: &[&str]) -> Result<Vec<Element>> {
    let mut out = Vec::new();
    while let Some(tok) = cur.peek() {
        if terminators.iter().any(|t| tok.is(t)) {
            break;
        }
        let Some(pair) = nvpair(p, &tok.text) else {
            break;
        };
        if pair.get("value").is_none() && pair.get("id-ref").is_none() {
            // `user id="x"`: a slide's typo for `userid="x"` (the space
            // makes a value-less pair and a pair named `id`).
            if let Some(next) = cur.peek_at(1) {
                if next.text.starts_with("id=") {
                    cur.advance();
                    return Err(cur.error_here(ErrorKind::ParamNameSplit {
                        first: tok.text.clone(),
                        second: "id".into(),
                    }));
                }
            }
        }
        cur.advance();
        out.push(pair);
    }
    Ok(out)
}

/// One pair word, or `None` when the word is no pair at all.
pub fn nvpair(p: &mut Parser, word: &str) -> Option<Element> {
    if let Some(r) = word.strip_prefix('@') {
        let mut e = Element::new("nvpair");
        match r.split_once(':') {
            Some((id, name)) => {
                e.set("id-ref", id);
                e.set("name", name);
            }
            None => e.set("id-ref", r),
        }
        return (!r.is_empty()).then_some(e);
    }
    if let Some(r) = word.strip_prefix('$') {
        let (lhs, value) = r.split_once('=')?;
        let mut e = Element::new("nvpair");
        match lhs.split_once(':') {
            Some((id, name)) => {
                e.set("id", id);
                e.set("name", name);
            }
            None => {
                e.set("id", lhs);
                e.set("name", lhs);
            }
        }
        e.set("value", value);
        return Some(e);
    }
    match word.split_once('=') {
        Some((name, value)) if !name.is_empty() => {
            let value = if name == "role" || name == "target-role" {
                p.role_value(value)
            } else {
                value.to_string()
            };
            Some(
                Element::new("nvpair")
                    .with_attr("name", name)
                    .with_attr("value", &value),
            )
        }
        Some(_) => None,
        None if word.ends_with(':') => None,
        None => Some(Element::new("nvpair").with_attr("name", word)),
    }
}

/// ```ebnf
/// attr_set   ::= [ "$id=" id | "$id-ref=" ref ] [ score ":" ] rule* nvpairs
/// ```
/// The set keyword has been taken already; `tag` is its XML element.
pub fn attr_set(p: &mut Parser, cur: &mut Cursor, tag: &str, terms: &[&str]) -> Result<Element> {
    let mut set = Element::new(tag);
    if let Some(r) = cur.accept_prefixed("$id-ref=") {
        set.set("id-ref", r);
        return Ok(set);
    }
    if let Some(id) = cur.accept_prefixed("$id=") {
        set.set("id", id);
    }
    if let Some(t) = cur.peek() {
        if super::is_score_word(&t.text) {
            set.set("score", &t.text[..t.text.len() - 1]);
            cur.advance();
        }
    }
    while cur.peek_is("rule") {
        cur.advance();
        set.push(rule::rule(p, cur)?);
    }
    for pair in nvpairs(p, cur, terms)? {
        set.push(pair);
    }
    Ok(set)
}
