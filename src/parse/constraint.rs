//! `location`, `colocation`, `order`, `rsc_ticket` and resource sets
//! (crm-language §3.6, §6).

use super::resource::canonical_role;
use super::values::{boolean, split_ref};
use super::{rule, score_attr, Cursor, Parser};
use crate::error::{Error, ErrorKind, Result};
use crate::span::Span;
use crate::token::Token;
use crate::xml::Element;

const ACTIONS: [&str; 4] = ["start", "stop", "promote", "demote"];
const KINDS: [&str; 3] = ["Mandatory", "Optional", "Serialize"];
const LOSS_POLICIES: [&str; 4] = ["stop", "demote", "fence", "freeze"];

/// What qualifies a reference: a role (colocation, ticket, location sets)
/// or an action (order).
#[derive(Clone, Copy, PartialEq)]
enum Qualifier {
    Role,
    Action,
}

/// ```ebnf
/// location   ::= "location" id ( rsc | "/" regex "/" | "{" resource_sets "}" )
///                { attribute "=" value } ( score ":" node [ "role=" role ] | rule { rule } )
/// ```
pub fn location(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    if cur.remaining() < 2 {
        cur.pos = cur.toks.len();
        return Err(p.too_few(cur, 2));
    }
    let id = cur.expect_word("an id")?;
    let mut e = Element::new("rsc_location").with_attr("id", &id.text);
    let mut sets = Vec::new();
    let spec = cur.expect_word("a resource")?;
    if spec.text.starts_with('{') {
        let toks = braced(cur, spec)?;
        sets = resource_sets(p, &toks, Qualifier::Role, cur.end)?;
    } else if spec.text.len() >= 2 && spec.text.starts_with('/') && spec.text.ends_with('/') {
        let pattern = &spec.text[1..spec.text.len() - 1];
        if pattern.is_empty() {
            return Err(cur.error_prev(ErrorKind::Expected {
                what: "a resource pattern between the slashes".into(),
                found: Some(spec.text.clone()),
                suggestion: None,
            }));
        }
        e.set("rsc-pattern", pattern);
    } else if spec.text == "/" || spec.text == "//" {
        return Err(cur.error_prev(ErrorKind::Expected {
            what: "a resource pattern between the slashes".into(),
            found: Some(spec.text.clone()),
            suggestion: None,
        }));
    } else {
        e.set("rsc", &spec.text);
    }
    while let Some(t) = cur.peek() {
        let Some((k, v)) = t.text.split_once('=') else {
            break;
        };
        let k = k.strip_prefix('$').unwrap_or(k);
        let v = if k == "role" {
            p.role_value(v)
        } else {
            v.to_string()
        };
        e.set(k, &v);
        cur.advance();
    }
    // The resource sets come before the rules, as crmsh writes them.
    for s in std::mem::take(&mut sets) {
        e.push(s);
    }
    match cur.peek() {
        Some(t) if super::is_score_word(&t.text) => {
            cur.advance();
            let (attr, value) = score_attr(&t.text[..t.text.len() - 1]);
            e.set(attr, &value);
            let node = cur.advance().ok_or_else(|| {
                cur.error_here(ErrorKind::Expected {
                    what: "identifier".into(),
                    found: None,
                    suggestion: None,
                })
            })?;
            e.set("node", &node.text);
            if let Some(r) = cur.accept_prefixed("role=") {
                let r = p.role_value(r);
                e.set("role", &r);
            }
        }
        Some(t) if t.is("rule") => {
            while cur.accept("rule") {
                e.push(rule::rule(p, cur)?);
            }
        }
        _ => {
            return Err(cur.error_expected("<score>: <node> or <rule> [<rule> ...]", &["rule"]));
        }
    }
    if !cur.at_end() {
        return Err(Error::at(
            ErrorKind::UnknownArguments {
                args: cur.rest_text(),
            },
            cur.rest_span(),
        ));
    }
    Ok(e)
}

/// The words between `{` and `}` (braces may be glued to names).
fn braced(cur: &mut Cursor, open: &Token) -> Result<Vec<Token>> {
    let mut toks = Vec::new();
    let first = open.text[1..].to_string();
    let mut pending = vec![first];
    let mut span = open.span;
    loop {
        for w in pending.drain(..) {
            if let Some(w) = w.strip_suffix('}') {
                if !w.is_empty() {
                    toks.push(Token {
                        text: w.to_string(),
                        span,
                    });
                }
                return Ok(toks);
            }
            if !w.is_empty() {
                toks.push(Token { text: w, span });
            }
        }
        match cur.advance() {
            Some(t) => {
                span = t.span;
                pending.push(t.text.clone());
            }
            None => return Err(cur.error_here(ErrorKind::UnmatchedOpeningBracket)),
        }
    }
}

/// ```ebnf
/// colocation ::= ( "colocation" | "collocation" ) id score ":" resource_refs
///                [ "node-attribute=" name ]
/// ```
pub fn colocation(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let id = cur.advance().ok_or_else(|| p.too_few(cur, 2))?;
    let mut e = Element::new("rsc_colocation").with_attr("id", &id.text);
    let score = match cur.peek() {
        Some(t) if super::is_score_word(&t.text) => t,
        _ => return Err(cur.error_expected("<score>:", &[])),
    };
    cur.advance();
    let (attr, value) = score_attr(&score.text[..score.text.len() - 1]);
    e.set(attr, &value);
    let mut refs: Vec<Token> = cur.toks[cur.pos..].to_vec();
    let mut node_attr = None;
    if let Some(last) = refs.last() {
        if let Some(v) = last.text.strip_prefix("node-attribute=") {
            node_attr = Some(v.to_ascii_lowercase());
            refs.pop();
        }
    }
    if let Some(na) = node_attr {
        e.set("node-attribute", &na);
    }
    cur.pos = cur.toks.len();
    pair_or_sets(p, cur, &mut e, &refs, ["rsc", "with-rsc"], Qualifier::Role)?;
    Ok(e)
}

/// Two references make the simple form (`attrs`), anything else sets.
fn pair_or_sets(
    p: &Parser,
    cur: &Cursor,
    e: &mut Element,
    refs: &[Token],
    attrs: [&str; 2],
    q: Qualifier,
) -> Result<()> {
    if refs.len() == 2 {
        return simple_refs(p, e, refs, attrs, q);
    }
    let refs = strip_marker(refs);
    if refs.is_empty() {
        return Err(p.too_few(cur, 3));
    }
    for s in resource_sets(p, &refs, q, cur.end)? {
        e.push(s);
    }
    Ok(())
}

/// ```ebnf
/// order      ::= "order" id [ kind ":" | score ":" ] resource_refs [ "symmetrical=" bool ]
/// kind       ::= "Mandatory" | "Optional" | "Serialize"
/// ```
pub fn order(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let id = cur.advance().ok_or_else(|| p.too_few(cur, 2))?;
    let mut e = Element::new("rsc_order").with_attr("id", &id.text);
    if let Some(t) = cur.peek() {
        if super::is_score_word(&t.text) {
            let word = &t.text[..t.text.len() - 1];
            let kind = KINDS.iter().find(|k| k.eq_ignore_ascii_case(word));
            let kind = match kind {
                Some(k) => k.to_string(),
                None => match score_attr(word) {
                    ("score", v) if v == "0" => "Optional".to_string(),
                    ("score", _) => "Mandatory".to_string(),
                    _ => {
                        return Err(cur.error_here(ErrorKind::InvalidKind {
                            kind: word.to_string(),
                        }))
                    }
                },
            };
            e.set("kind", &kind);
            cur.advance();
        }
    }
    let mut refs: Vec<Token> = cur.toks[cur.pos..].to_vec();
    cur.pos = cur.toks.len();
    if let Some(last) = refs.last() {
        if let Some(v) = last.text.strip_prefix("symmetrical=") {
            let b = boolean(v).ok_or_else(|| {
                Error::at(
                    ErrorKind::UnknownAttribute {
                        attr: last.text.clone(),
                    },
                    last.span,
                )
            })?;
            e.set("symmetrical", if b { "true" } else { "false" });
            refs.pop();
        }
    }
    pair_or_sets(p, cur, &mut e, &refs, ["first", "then"], Qualifier::Action)?;
    Ok(e)
}

/// ```ebnf
/// rsc_ticket ::= "rsc_ticket" id ticket ":" resource_refs [ "loss-policy=" policy ]
/// ```
pub fn ticket(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let id = cur.advance().ok_or_else(|| p.too_few(cur, 2))?;
    let mut e = Element::new("rsc_ticket").with_attr("id", &id.text);
    let ticket = match cur.peek() {
        Some(t) if super::is_score_word(&t.text) => t,
        _ => return Err(cur.error_expected("<ticket>:", &[])),
    };
    cur.advance();
    e.set("ticket", &ticket.text[..ticket.text.len() - 1]);
    let mut refs: Vec<Token> = cur.toks[cur.pos..].to_vec();
    cur.pos = cur.toks.len();
    if let Some(last) = refs.last() {
        if let Some(v) = last.text.strip_prefix("loss-policy=") {
            if LOSS_POLICIES.contains(&v) {
                e.set("loss-policy", v);
                refs.pop();
            }
        }
    }
    if refs.len() == 1 {
        let (rsc, q) = split_ref(&refs[0].text);
        e.set("rsc", rsc);
        if let Some(q) = q {
            qualify(p, &mut e, "rsc", rsc, q, Qualifier::Role, refs[0].span)?;
        }
    } else if refs.is_empty() {
        return Err(p.too_few(cur, 3));
    } else {
        for s in resource_sets(p, &strip_marker(&refs), Qualifier::Role, cur.end)? {
            e.push(s);
        }
    }
    Ok(e)
}

/// `_rsc_set_` (printed by crmsh for degenerate sets) is skipped in the
/// set form. It still counts when deciding the simple form, as crmsh
/// counts the raw words (brackets glued to names included): so
/// `_rsc_set_ a b` stays one set while `_rsc_set_ a` reads as the simple
/// form with a resource `_rsc_set_` (which then does not exist, #095).
fn strip_marker(refs: &[Token]) -> Vec<Token> {
    refs.iter()
        .filter(|t| t.text != "_rsc_set_")
        .cloned()
        .collect()
}

fn simple_refs(
    p: &Parser,
    e: &mut Element,
    refs: &[Token],
    attrs: [&str; 2],
    q: Qualifier,
) -> Result<()> {
    for (tok, attr) in refs.iter().zip(attrs) {
        let (rsc, _) = split_ref(&tok.text);
        e.set(attr, rsc);
    }
    for (tok, attr) in refs.iter().zip(attrs) {
        let (rsc, qual) = split_ref(&tok.text);
        if let Some(qual) = qual {
            qualify(p, e, attr, rsc, qual, q, tok.span)?;
        }
    }
    Ok(())
}

/// Adds `attr-role`/`attr-action`/`attr-instance` for a qualifier.
fn qualify(
    p: &Parser,
    e: &mut Element,
    attr: &str,
    rsc: &str,
    qual: &str,
    q: Qualifier,
    span: Span,
) -> Result<()> {
    if !qual.is_empty() && qual.chars().all(|c| c.is_ascii_digit()) {
        e.set(&format!("{attr}-instance"), qual);
        return Ok(());
    }
    match q {
        Qualifier::Role => {
            let role = canonical_role(p, qual).ok_or_else(|| {
                Error::at(
                    ErrorKind::InvalidRole {
                        role: qual.to_string(),
                        rsc: rsc.to_string(),
                    },
                    span,
                )
            })?;
            e.set(&format!("{attr}-role"), &role);
        }
        Qualifier::Action => {
            let action = ACTIONS
                .iter()
                .find(|a| a.eq_ignore_ascii_case(qual))
                .ok_or_else(|| {
                    Error::at(
                        ErrorKind::InvalidAction {
                            action: qual.to_string(),
                            rsc: rsc.to_string(),
                        },
                        span,
                    )
                })?;
            e.set(&format!("{attr}-action"), action);
        }
    }
    Ok(())
}

/// Splits brackets glued to names: `(a` → `(`, `a`.
fn unglue(refs: &[Token]) -> Vec<Token> {
    let mut out = Vec::new();
    for t in refs {
        let mut text = t.text.as_str();
        let mut tail = Vec::new();
        while let Some(c) = text.chars().next().filter(|c| "([".contains(*c)) {
            out.push(Token {
                text: c.to_string(),
                span: t.span,
            });
            text = &text[1..];
        }
        while let Some(c) = text.chars().last().filter(|c| ")]".contains(*c)) {
            tail.push(Token {
                text: c.to_string(),
                span: t.span,
            });
            text = &text[..text.len() - 1];
        }
        if !text.is_empty() {
            out.push(Token {
                text: text.to_string(),
                span: t.span,
            });
        }
        out.extend(tail.into_iter().rev());
    }
    out
}

/// A set being built.
struct Set {
    refs: Vec<String>,
    qualifier: Option<String>,
    sequential: Option<bool>,
    require_all: Option<bool>,
    instance: Option<String>,
}

impl Set {
    fn new(sequential: Option<bool>, require_all: Option<bool>) -> Self {
        Set {
            refs: Vec::new(),
            qualifier: None,
            sequential,
            require_all,
            instance: None,
        }
    }

    fn element(self, q: Qualifier) -> Element {
        let mut e = Element::new("resource_set");
        if self.require_all == Some(false) {
            e.set("require-all", "false");
        }
        if self.sequential == Some(false) {
            e.set("sequential", "false");
        }
        if let Some(v) = self.qualifier {
            e.set(
                if q == Qualifier::Role {
                    "role"
                } else {
                    "action"
                },
                &v,
            );
        }
        if let Some(i) = self.instance {
            e.set("rsc-instance", &i);
        }
        for r in self.refs {
            e.push(Element::new("resource_ref").with_attr("id", &r));
        }
        e
    }
}

/// ```ebnf
/// resource_sets ::= { rsc_ref | "(" | ")" | "[" | "]" | "sequential=" bool | "require-all=" bool }
/// ```
fn resource_sets(p: &Parser, refs: &[Token], q: Qualifier, end: Span) -> Result<Vec<Element>> {
    let toks = unglue(refs);
    let mut out = Vec::new();
    let mut bracket: Option<char> = None;
    let mut outside = (None::<bool>, None::<bool>);
    let mut cur: Option<Set> = None;
    for t in &toks {
        let w = t.text.as_str();
        match w {
            "(" | "[" => {
                if bracket.is_some() {
                    return Err(Error::at(ErrorKind::NestedSets, t.span));
                }
                if let Some(s) = cur.take() {
                    out.push(s.element(q));
                }
                bracket = w.chars().next();
                cur = Some(if w == "(" {
                    Set::new(Some(false), None)
                } else {
                    Set::new(Some(false), Some(false))
                });
            }
            ")" | "]" => {
                let want = if w == ")" { '(' } else { '[' };
                match bracket {
                    None if cur.as_ref().is_none_or(|s| s.refs.is_empty()) => {
                        return Err(Error::at(ErrorKind::EmptySet, t.span))
                    }
                    None => return Err(Error::at(ErrorKind::UnmatchedClosingBracket, t.span)),
                    Some(b) if b != want => {
                        return Err(Error::at(ErrorKind::MismatchedBracket, t.span))
                    }
                    Some(_) => {}
                }
                let s = cur.take().filter(|s| !s.refs.is_empty());
                let Some(s) = s else {
                    return Err(Error::at(ErrorKind::EmptySet, t.span));
                };
                out.push(s.element(q));
                bracket = None;
            }
            _ if w.contains('=') => {
                let (k, v) = w.split_once('=').unwrap_or((w, ""));
                let b = boolean(v);
                let target = match (k, b) {
                    ("sequential", Some(b)) => (Some(b), None),
                    ("require-all", Some(b)) => (None, Some(b)),
                    _ => {
                        return Err(Error::at(
                            ErrorKind::UnknownAttribute {
                                attr: w.to_string(),
                            },
                            t.span,
                        ))
                    }
                };
                if bracket.is_none() {
                    if let Some(s) = target.0 {
                        outside.0 = Some(s);
                    }
                    if let Some(r) = target.1 {
                        outside.1 = Some(r);
                    }
                }
                let s = cur.get_or_insert_with(|| Set::new(outside.0, outside.1));
                if let Some(v) = target.0 {
                    s.sequential = Some(v);
                }
                if let Some(v) = target.1 {
                    s.require_all = Some(v);
                }
            }
            _ => {
                let (rsc, qual) = split_ref(w);
                let (qualifier, instance) = match qual {
                    Some(d) if !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()) => {
                        (None, Some(d.to_string()))
                    }
                    Some(qual) => (Some(set_qualifier(p, rsc, qual, q, t.span)?), None),
                    None => (None, None),
                };
                if bracket.is_none() {
                    let change = cur
                        .as_ref()
                        .is_some_and(|s| !s.refs.is_empty() && s.qualifier != qualifier);
                    if change {
                        if let Some(s) = cur.take() {
                            out.push(s.element(q));
                        }
                    }
                }
                let s = cur.get_or_insert_with(|| Set::new(outside.0, outside.1));
                if s.refs.is_empty() || bracket.is_none() {
                    s.qualifier = qualifier.or(s.qualifier.take());
                }
                if instance.is_some() {
                    s.instance = instance;
                }
                s.refs.push(rsc.to_string());
            }
        }
    }
    if bracket.is_some() {
        return Err(Error::at(ErrorKind::UnmatchedOpeningBracket, end));
    }
    if let Some(s) = cur.take() {
        if !s.refs.is_empty() {
            out.push(s.element(q));
        }
    }
    Ok(out)
}

fn set_qualifier(p: &Parser, rsc: &str, qual: &str, q: Qualifier, span: Span) -> Result<String> {
    match q {
        Qualifier::Role => canonical_role(p, qual).ok_or_else(|| {
            Error::at(
                ErrorKind::InvalidSetRole {
                    item: format!("{rsc}:{qual}"),
                },
                span,
            )
        }),
        Qualifier::Action => ACTIONS
            .iter()
            .find(|a| a.eq_ignore_ascii_case(qual))
            .map(|a| a.to_string())
            .ok_or_else(|| {
                Error::at(
                    ErrorKind::InvalidAction {
                        action: qual.to_string(),
                        rsc: rsc.to_string(),
                    },
                    span,
                )
            }),
    }
}
