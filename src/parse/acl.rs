//! ACL statements: `role`, `acl_target`, `acl_group`, `user`
//! (crm-language §8.4), in the syntax the target schema uses.

use super::{Cursor, Parser};
use crate::error::{ErrorKind, Result};
use crate::kind::Kind;
use crate::xml::Element;

const RIGHTS: [&str; 3] = ["read", "write", "deny"];

/// A shortcut's xpath template; `@@` placeholders take the arguments in
/// order, and the optional tail is added only when its argument is given.
pub const SHORTCUTS: [(&str, &str, &str); 10] = [
    (
        "meta",
        "//primitive[@id='@@']/meta_attributes",
        "/nvpair[@name='@@']",
    ),
    (
        "params",
        "//primitive[@id='@@']/instance_attributes",
        "/nvpair[@name='@@']",
    ),
    ("utilization", "//primitive[@id='@@']/utilization", ""),
    (
        "location",
        "//rsc_location[@id='cli-prefer-@@' and @rsc='@@']",
        "",
    ),
    (
        "property",
        "//crm_config/cluster_property_set",
        "/nvpair[@name='@@']",
    ),
    (
        "nodeattr",
        "//nodes/node/instance_attributes",
        "/nvpair[@name='@@']",
    ),
    ("nodeutil", "//nodes/node/utilization", "[@uname='@@']"),
    ("node", "//nodes/node", "[@uname='@@']"),
    ("status", "/cib/status", ""),
    ("cib", "/cib", ""),
];

/// ```ebnf
/// role       ::= "role" id [ "description=" text ] permission { permission }
/// permission ::= right [ id ":" ] [ "description=" text ] spec { spec }
/// right      ::= "read" | "write" | "deny"
/// spec       ::= "xpath:" xpath | ( "ref:" | "reference:" ) id | ( "tag:" | "type:" ) tag
///              | ( "attr:" | "attribute:" ) name | shortcut [ ":" args ]
/// ```
pub fn role(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let id = cur.advance().ok_or_else(|| p.too_few(cur, 2))?;
    let legacy = !p.ctx.schema.new_acls();
    let mut e = Element::new("acl_role").with_attr("id", &id.text);
    if !legacy {
        if let Some(d) = cur.accept_prefixed("description=") {
            e.set("description", d);
        }
    }
    if cur.at_end() {
        return Err(p.too_few(cur, 2));
    }
    while !cur.at_end() {
        for perm in permission(cur, legacy)? {
            e.push(perm);
        }
    }
    Ok(e)
}

fn permission(cur: &mut Cursor, legacy: bool) -> Result<Vec<Element>> {
    let right = match cur.peek() {
        Some(t) if RIGHTS.iter().any(|r| t.is(r)) => t.lower(),
        _ => return Err(cur.error_expected("(read|write|deny)", &RIGHTS)),
    };
    cur.advance();
    let mut id = None;
    let mut description = None;
    if !legacy {
        if let Some(t) = cur.peek() {
            if t.text.len() > 1
                && t.text.ends_with(':')
                && !t.text[..t.text.len() - 1].contains(':')
            {
                id = Some(t.text[..t.text.len() - 1].to_string());
                cur.advance();
            }
        }
        description = cur.accept_prefixed("description=");
    }
    let (mut xpath, mut reference, mut ty, mut attr) = (None, None, None, None);
    let mut any = false;
    while let Some(t) = cur.peek() {
        let w = t.text.as_str();
        let (key, val) = w.split_once(':').unwrap_or((w, ""));
        match key {
            "xpath" => xpath = Some(val.to_string()),
            "ref" | "reference" => reference = Some(val.to_string()),
            "tag" | "type" => ty = Some(val.to_string()),
            "attr" | "attribute" => attr = Some(val.to_string()),
            _ => match shortcut(key, val) {
                Some(x) => xpath = Some(x),
                None => break,
            },
        }
        any = true;
        cur.advance();
    }
    if !any {
        return Err(cur.error_expected(
            "an ACL specification (xpath:, ref:, type:, attr: or a shortcut)",
            &[],
        ));
    }
    if legacy {
        let mut r = Element::new(&right);
        if let Some(x) = xpath {
            r.set("xpath", &x);
        }
        if let Some(x) = reference {
            r.set("ref", &x);
        }
        if let Some(x) = ty {
            r.set("tag", &x);
        }
        if let Some(x) = attr {
            r.set("attribute", &x);
        }
        return Ok(vec![r]);
    }
    if attr.is_some() && ty.is_none() {
        return Err(cur.error_prev(ErrorKind::AclAttributeWithoutType));
    }
    let base = || {
        let mut e = Element::new("acl_permission").with_attr("kind", &right);
        if let Some(i) = &id {
            e.set("id", i);
        }
        if let Some(d) = description {
            e.set("description", d);
        }
        e
    };
    let mut out = Vec::new();
    if let Some(x) = xpath {
        out.push(base().with_attr("xpath", &x));
    }
    if let Some(r) = reference {
        out.push(base().with_attr("reference", &r));
    }
    if let Some(t) = ty {
        let mut e = base().with_attr("object-type", &t);
        if let Some(a) = attr {
            e.set("attribute", &a);
        }
        out.push(e);
    }
    Ok(out)
}

fn shortcut(name: &str, args: &str) -> Option<String> {
    let (_, head, tail) = SHORTCUTS.iter().find(|(n, _, _)| *n == name)?;
    let mut args: Vec<&str> = if args.is_empty() {
        Vec::new()
    } else {
        args.split(':').collect()
    };
    let mut out = String::new();
    let fill = |tpl: &str, args: &mut Vec<&str>, out: &mut String| {
        let mut parts = tpl.split("@@");
        out.push_str(parts.next().unwrap_or(""));
        for part in parts {
            let a = if args.is_empty() { "" } else { args.remove(0) };
            out.push_str(a);
            out.push_str(part);
        }
    };
    let needed = head.matches("@@").count();
    if name == "location" {
        let a = args.first().copied().unwrap_or("");
        return Some(head.replace("@@", a));
    }
    if args.len() < needed {
        return None;
    }
    fill(head, &mut args, &mut out);
    if !args.is_empty() && !tail.is_empty() {
        fill(tail, &mut args, &mut out);
    }
    Some(out)
}

/// ```ebnf
/// acl_target ::= ( "acl_target" | "acl_group" ) id role { role }
/// ```
pub fn target(p: &mut Parser, cur: &mut Cursor, kind: Kind) -> Result<Element> {
    let tag = if kind == Kind::AclGroup {
        "acl_group"
    } else {
        "acl_target"
    };
    let id = cur.advance().ok_or_else(|| p.too_few(cur, 2))?;
    let mut e = Element::new(tag).with_attr("id", &id.text);
    while let Some(t) = cur.advance() {
        e.push(Element::new("role").with_attr("id", &t.text));
    }
    Ok(e)
}

/// ```ebnf
/// user       ::= "user" id { "role:" role | right spec { spec } }
/// ```
pub fn user(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let id = cur.advance().ok_or_else(|| p.too_few(cur, 2))?;
    let mut e = Element::new("acl_user").with_attr("id", &id.text);
    if cur.at_end() {
        return Err(p.too_few(cur, 2));
    }
    while let Some(t) = cur.peek() {
        if let Some(r) = t.text.strip_prefix("role:") {
            e.push(Element::new("role_ref").with_attr("id", r));
            cur.advance();
        } else {
            for perm in permission(cur, true)? {
                e.push(perm);
            }
        }
    }
    Ok(e)
}
