//! `primitive`, `rsc_template`, `op`, `monitor`, `group`, `clone`, `ms`,
//! `bundle` (crm-language §5).

use super::sets::{attr_set, nvpair, nvpairs, TERMINATORS};
use super::{Cursor, Parser};
use crate::agents::default_provider;
use crate::error::{ErrorKind, Result};
use crate::kind::Kind;
use crate::xml::Element;

/// ```ebnf
/// primitive  ::= ( "primitive" | "rsc_template" ) id agent [ "description=" text ]
///                [ nvpairs ] { params | meta | utilization | operations | op }
/// agent      ::= [ class ":" [ provider ":" ] ] type | "@" template
/// ```
pub fn primitive(p: &mut Parser, cur: &mut Cursor, kind: Kind) -> Result<Element> {
    if cur.remaining() < 2 {
        cur.pos = cur.toks.len();
        return Err(p.too_few(cur, 2));
    }
    let id = cur.expect_word("an id")?;
    let tag = if kind == Kind::Template {
        "template"
    } else {
        "primitive"
    };
    let mut e = Element::new(tag).with_attr("id", &id.text);
    let spec = cur.expect_word("a resource agent")?;
    agent(&mut e, &spec.text).map_err(|k| cur.error_prev(k))?;
    description(cur, &mut e);
    resource_body(p, cur, &mut e, true)?;
    Ok(e)
}

fn agent(e: &mut Element, spec: &str) -> Result<(), ErrorKind> {
    if let Some(t) = spec.strip_prefix('@') {
        e.set("template", t);
        return Ok(());
    }
    let parts: Vec<&str> = spec.split(':').collect();
    let (class, provider, ty) = match parts.as_slice() {
        [t] => ("ocf", Some(default_provider(t)), *t),
        [c, t] if c.eq_ignore_ascii_case("ocf") => (*c, Some(default_provider(t)), *t),
        [c, t] => (*c, None, *t),
        [c, p, t] => (*c, Some(p.to_string()), *t),
        _ => {
            return Err(ErrorKind::BadAgentSpec {
                spec: spec.to_string(),
            })
        }
    };
    if ty.is_empty() || class.is_empty() {
        return Err(ErrorKind::BadAgentSpec {
            spec: spec.to_string(),
        });
    }
    e.set("class", class);
    if let Some(p) = provider {
        e.set("provider", &p);
    }
    e.set("type", ty);
    Ok(())
}

pub fn description(cur: &mut Cursor, e: &mut Element) {
    if let Some(d) = cur.accept_prefixed("description=") {
        e.set("description", d);
    }
}

/// The attribute sets and ops of a resource, in input order. `implicit`
/// allows the first pair list without the `params` keyword.
fn resource_body(p: &mut Parser, cur: &mut Cursor, e: &mut Element, ops: bool) -> Result<()> {
    let mut first = true;
    while let Some(t) = cur.peek() {
        let word = t.lower();
        match word.as_str() {
            "params" | "meta" | "utilization" => {
                cur.advance();
                let tag = set_tag(&word);
                e.push(attr_set(p, cur, tag, &TERMINATORS)?);
            }
            "operations" if ops => {
                cur.advance();
                let o = e.child_or_insert("operations");
                if let Some(r) = cur.accept_prefixed("$id-ref=") {
                    o.set("id-ref", r);
                } else if let Some(r) = cur.accept_prefixed("$id=") {
                    o.set("id", r);
                }
            }
            "op" if ops => {
                cur.advance();
                let op = op(p, cur)?;
                e.child_or_insert("operations").push(op);
            }
            _ if first && nvpair(p, &t.text).is_some() => {
                let pairs = nvpairs(p, cur, &TERMINATORS)?;
                if !pairs.is_empty() {
                    let mut set = Element::new("instance_attributes");
                    set.children
                        .extend(pairs.into_iter().map(crate::xml::Node::Element));
                    e.push(set);
                }
            }
            _ => {
                let expected = if ops {
                    &["params", "meta", "utilization", "operations", "op"][..]
                } else {
                    &["params", "meta"][..]
                };
                return Err(
                    cur.error_expected(&format!("one of {}", expected.join(", ")), expected)
                );
            }
        }
        first = false;
    }
    Ok(())
}

fn set_tag(word: &str) -> &'static str {
    match word {
        "params" | "op_params" | "attributes" => "instance_attributes",
        "meta" | "op_meta" => "meta_attributes",
        _ => "utilization",
    }
}

/// ```ebnf
/// op         ::= "op" name { attribute "=" value } [ nvpairs ] { op_params | op_meta }
/// ```
fn op(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let name = cur.expect_word("an operation name")?;
    // crmsh's identifier: no `=` (`op interval=10s` forgot the name).
    let starts_well = name
        .text
        .starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '#' | '$' | '-'));
    if !starts_well || name.text.contains('=') {
        return Err(cur.error_prev(ErrorKind::Expected {
            what: "an operation name".into(),
            found: Some(name.text.clone()),
            suggestion: None,
        }));
    }
    let mut op = Element::new("op").with_attr("name", &name.text);
    let attrs = p.ctx.schema.op_attributes();
    let mut params: Option<Element> = None;
    while let Some(t) = cur.peek() {
        if TERMINATORS.iter().any(|k| t.is(k)) {
            break;
        }
        let Some((k, v)) = t.text.split_once('=') else {
            break;
        };
        if attrs.contains(&k) {
            if params.is_some() {
                return Err(cur.error_here(ErrorKind::AttributeOrder {
                    name: k.to_string(),
                }));
            }
            let v = if k == "role" {
                p.role_value(v)
            } else {
                v.to_string()
            };
            op.set(k, &v);
        } else {
            let pair = nvpair(p, &t.text);
            let set = params.get_or_insert_with(|| Element::new("instance_attributes"));
            if let Some(pair) = pair {
                set.push(pair);
            }
        }
        cur.advance();
    }
    if !op.has("interval") {
        op.set("interval", "0");
    }
    if let Some(set) = params {
        op.push(set);
    }
    while cur.peek_is_any(&["op_params", "op_meta"]) {
        let word = cur.advance().map(|t| t.lower()).unwrap_or_default();
        op.push(attr_set(p, cur, set_tag(&word), &TERMINATORS)?);
    }
    Ok(op)
}

/// ```ebnf
/// monitor    ::= "monitor" rsc [ ":" role ] interval [ ":" timeout ]
/// ```
pub fn monitor(p: &mut Parser, cur: &mut Cursor) -> Result<(String, Element)> {
    if cur.remaining() < 2 {
        cur.pos = cur.toks.len();
        return Err(p.too_few(cur, 2));
    }
    let rsc = cur.expect_word("a resource")?;
    let (id, role) = match rsc.text.split_once(':') {
        Some((id, role)) => (id, Some(role)),
        None => (rsc.text.as_str(), None),
    };
    let mut op = Element::new("op").with_attr("name", "monitor");
    if let Some(role) = role {
        if role.chars().all(|c| c.is_ascii_digit()) {
            op.set("instance", role);
        } else {
            let canon = canonical_role(p, role).ok_or_else(|| {
                cur.error_prev(ErrorKind::InvalidRole {
                    role: role.to_string(),
                    rsc: id.to_string(),
                })
            })?;
            op.set("role", &canon);
        }
    }
    let iv = cur.expect_word("an interval")?;
    match iv.text.split_once(':') {
        Some((i, t)) => {
            op.set("interval", i);
            op.set("timeout", t);
        }
        None => op.set("interval", &iv.text),
    }
    if !cur.at_end() {
        return Err(cur.error_here(ErrorKind::UnknownArguments {
            args: cur.rest_text(),
        }));
    }
    Ok((id.to_string(), op))
}

/// The schema's spelling of a role word, matched case-insensitively.
pub fn canonical_role(p: &Parser, role: &str) -> Option<String> {
    let schema = &p.ctx.schema;
    let found = schema.roles().iter().find(|r| r.eq_ignore_ascii_case(role));
    match found {
        Some(r) => Some(r.to_string()),
        // Old schemas know the new words only through crmsh's conversion.
        None if role.eq_ignore_ascii_case("promoted") => Some(schema.convert_role("Promoted").0),
        None if role.eq_ignore_ascii_case("unpromoted") => {
            Some(schema.convert_role("Unpromoted").0)
        }
        None => None,
    }
}

/// ```ebnf
/// group      ::= "group" id rsc { rsc } [ "description=" text ] [ nvpairs ] { params | meta }
/// ```
pub fn group(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let id = match cur.advance() {
        Some(t) => t.text.clone(),
        None => return Err(p.too_few(cur, 2)),
    };
    let mut e = Element::new("group").with_attr("id", &id);
    let mut children: Vec<String> = Vec::new();
    while let Some(t) = cur.peek() {
        if t.text.contains('=') || t.is("params") || t.is("meta") {
            break;
        }
        if children.contains(&t.text) {
            return Err(cur.error_here(ErrorKind::DuplicateChild {
                child: t.text.clone(),
                parent: id.clone(),
            }));
        }
        children.push(t.text.clone());
        cur.advance();
    }
    if children.is_empty() {
        return Err(p.too_few(cur, 2));
    }
    description(cur, &mut e);
    resource_body(p, cur, &mut e, false)?;
    for c in children {
        e.push(Element::new("crmsh-ref").with_attr("id", &c));
    }
    Ok(e)
}

/// ```ebnf
/// clone      ::= ( "clone" | "ms" | "master" ) id rsc [ "description=" text ]
///                [ nvpairs ] { params | meta }
/// ```
pub fn clone(p: &mut Parser, cur: &mut Cursor, kind: Kind) -> Result<Element> {
    let tag = if kind == Kind::Master {
        "master"
    } else {
        "clone"
    };
    let id = match cur.advance() {
        Some(t) => t.text.clone(),
        None => return Err(p.too_few(cur, 2)),
    };
    let child = match cur.peek() {
        Some(t) if is_child_name(&t.text) => t.text.clone(),
        _ => return Err(p.too_few(cur, 2)),
    };
    cur.advance();
    let mut e = Element::new(tag).with_attr("id", &id);
    description(cur, &mut e);
    resource_body(p, cur, &mut e, false)?;
    e.push(Element::new("crmsh-ref").with_attr("id", &child));
    Ok(e)
}

fn is_child_name(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '_' | '#' | '$'))
        && !w.contains('=')
        && !w.eq_ignore_ascii_case("params")
        && !w.eq_ignore_ascii_case("meta")
}

const BUNDLE_TERMS: [&str; 7] = [
    "network",
    "storage",
    "meta",
    "primitive",
    "port-mapping",
    "storage-mapping",
    "docker",
];

/// ```ebnf
/// bundle     ::= "bundle" id [ "description=" text ] container { network | storage | meta }
///                [ "primitive" rsc ]
/// container  ::= ( "docker" | "rkt" | "podman" ) options
/// network    ::= "network" options { "port-mapping" options }
/// storage    ::= "storage" { "storage-mapping" options }
/// ```
pub fn bundle(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let id = match cur.advance() {
        Some(t) => t.text.clone(),
        None => return Err(p.too_few(cur, 2)),
    };
    let mut e = Element::new("bundle").with_attr("id", &id);
    description(cur, &mut e);
    while let Some(t) = cur.peek() {
        let word = t.lower();
        cur.advance();
        match word.as_str() {
            "docker" | "rkt" | "podman" => {
                let mut c = Element::new(&word);
                options(cur, &mut c);
                e.push(c);
            }
            "network" => {
                let mut n = Element::new("network");
                options(cur, &mut n);
                while cur.accept("port-mapping") {
                    let mut m = Element::new("port-mapping");
                    options(cur, &mut m);
                    n.push(m);
                }
                e.push(n);
            }
            "storage" => {
                let mut s = Element::new("storage");
                while cur.accept("storage-mapping") {
                    let mut m = Element::new("storage-mapping");
                    options(cur, &mut m);
                    s.push(m);
                }
                e.push(s);
            }
            "meta" => e.push(attr_set(p, cur, "meta_attributes", &BUNDLE_TERMS)?),
            "primitive" => {
                let r = cur.expect_word("a primitive reference")?;
                // Up to the next part of the bundle, only the one id.
                let mut end = cur.pos;
                while end < cur.toks.len()
                    && !matches!(
                        cur.toks[end].lower().as_str(),
                        "network" | "storage" | "meta" | "primitive"
                    )
                {
                    end += 1;
                }
                if end > cur.pos || r.text.contains('=') {
                    let pair = |w: &str| match w.split_once('=') {
                        Some(_) => w.to_string(),
                        None => format!("{w}="),
                    };
                    let got = std::iter::once(pair(&r.text))
                        .chain(cur.toks[cur.pos..end].iter().map(|t| pair(&t.text)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err(cur.error_here(ErrorKind::Expected {
                        what: "primitive reference".into(),
                        found: Some(got),
                        suggestion: None,
                    }));
                }
                e.push(Element::new("crmsh-ref").with_attr("id", &r.text));
            }
            _ => {
                cur.pos -= 1;
                return Err(cur.error_expected(
                    "docker, rkt, podman, network, storage, meta or primitive",
                    &[
                        "docker",
                        "rkt",
                        "podman",
                        "network",
                        "storage",
                        "meta",
                        "primitive",
                    ],
                ));
            }
        }
    }
    Ok(e)
}

fn options(cur: &mut Cursor, e: &mut Element) {
    while let Some(t) = cur.peek() {
        if BUNDLE_TERMS.iter().any(|k| t.is(k)) {
            break;
        }
        let Some((k, v)) = t.text.split_once('=') else {
            break;
        };
        e.set(k, v);
        cur.advance();
    }
}
