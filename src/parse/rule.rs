//! Rules and expressions (crm-language §3.4).

use super::values::value_source;
use super::{score_attr, Cursor, Parser};
use crate::error::{ErrorKind, Result};
use crate::xml::Element;

const BINOPS: [&str; 6] = ["lt", "gt", "lte", "gte", "eq", "ne"];
const TYPES: [&str; 4] = ["string", "integer", "number", "version"];
const DATE_KEYS: [&str; 9] = [
    "hours",
    "monthdays",
    "weekdays",
    "yearsdays",
    "months",
    "weeks",
    "years",
    "weekyears",
    "moon",
];

/// ```ebnf
/// rule       ::= "rule" [ "$id=" id | "$id-ref=" ref ] [ ( "$role=" | "role=" ) role ]
///                [ score ":" ] expression { boolop expression }
/// boolop     ::= "and" | "or"
/// ```
pub fn rule(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let mut r = Element::new("rule");
    if let Some(id) = cur.accept_prefixed("$id-ref=") {
        r.set("id-ref", id);
        return Ok(r);
    }
    let id = cur.accept_prefixed("$id=");
    if let Some(id) = id {
        r.set("id", id);
    }
    let role = cur
        .accept_prefixed("$role=")
        .or_else(|| cur.accept_prefixed("role="));
    let (attr, value) = match cur.peek() {
        Some(t) if super::is_score_word(&t.text) => {
            cur.advance();
            score_attr(&t.text[..t.text.len() - 1])
        }
        _ => ("score", "INFINITY".to_string()),
    };
    r.set(attr, &value);
    let mut boolop: Option<String> = None;
    r.push(expression(cur)?);
    while cur.peek_is_any(&["and", "or"]) {
        let op = cur.advance().map(|t| t.lower()).unwrap_or_default();
        match &boolop {
            Some(first) if *first != op => {
                return Err(cur.error_prev(ErrorKind::MixedBoolOps {
                    first: first.clone(),
                    second: op,
                }));
            }
            _ => boolop = Some(op),
        }
        r.push(expression(cur)?);
    }
    if boolop.as_deref() == Some("or") {
        r.set("boolean-op", "or");
    }
    if let Some(role) = role {
        let role = p.role_value(role);
        r.set("role", &role);
    }
    Ok(r)
}

/// ```ebnf
/// expression ::= attribute [ type ":" ] binop value | "defined" attribute
///              | "not_defined" attribute | "date" date_expression
/// ```
fn expression(cur: &mut Cursor) -> Result<Element> {
    if cur.accept("defined") || cur.accept("not_defined") {
        let opname = cur.toks[cur.pos - 1].lower();
        let attr = cur.expect_word("an attribute name")?;
        return Ok(Element::new("expression")
            .with_attr("operation", &opname)
            .with_attr("attribute", &attr.text));
    }
    if cur.peek_is("date") {
        cur.advance();
        return date_expression(cur);
    }
    let attr = cur.expect_word("an expression")?;
    let op = cur.expect_word("an operator")?;
    let (ty, opname) = match op.text.split_once(':') {
        Some((t, o)) => (Some(t.to_ascii_lowercase()), o.to_ascii_lowercase()),
        None => (None, op.text.to_ascii_lowercase()),
    };
    let valid_type = ty.as_deref().is_none_or(|t| TYPES.contains(&t));
    if !valid_type || !BINOPS.contains(&opname.as_str()) {
        return Err(cur.error_prev(ErrorKind::Expected {
            what: "((string|integer|number|version):)?(lt|gt|lte|gte|eq|ne)".into(),
            found: Some(op.text.clone()),
            suggestion: crate::error::suggest(&opname, BINOPS),
        }));
    }
    let value = cur.expect_word("a value")?;
    let mut e = Element::new("expression")
        .with_attr("operation", &opname)
        .with_attr("attribute", &attr.text);
    if let Some(t) = ty {
        e.set("type", &t);
    }
    match value_source(&value.text) {
        Some((source, name)) if source != "literal" || !name.is_empty() => {
            e.set("value", name);
            e.set("value-source", source);
        }
        _ => e.set("value", &value.text),
    }
    Ok(e)
}

/// ```ebnf
/// date_expression ::= "lt" end | "gt" start | ( "in" | "in_range" ) date_pairs
///                   | ( "spec" | "date_spec" ) date_pairs
/// ```
fn date_expression(cur: &mut Cursor) -> Result<Element> {
    let op = cur.expect_word("a date operation")?;
    let mut e = Element::new("date_expression");
    match op.lower().as_str() {
        "lt" | "gt" => {
            let v = cur.expect_word("a date")?;
            e.set("operation", &op.lower());
            e.set(if op.is("lt") { "end" } else { "start" }, &v.text);
        }
        "in" | "in_range" => {
            e.set("operation", "in_range");
            let pairs = date_pairs(cur, &["start", "end"])?;
            let mut duration = Element::new("duration");
            for (k, v) in pairs {
                if k == "start" || k == "end" {
                    e.set(&k, &v);
                } else {
                    duration.set(&k, &v);
                }
            }
            if !duration.attrs().is_empty() {
                e.push(duration);
            }
        }
        "spec" | "date_spec" => {
            e.set("operation", "date_spec");
            let mut spec = Element::new("date_spec");
            for (k, v) in date_pairs(cur, &[])? {
                spec.set(&k, &v);
            }
            e.push(spec);
        }
        _ => {
            return Err(cur.error_prev(ErrorKind::Expected {
                what: "lt, gt, in_range or date_spec".into(),
                found: Some(op.text.clone()),
                suggestion: crate::error::suggest(&op.text, ["lt", "gt", "in_range", "date_spec"]),
            }))
        }
    }
    Ok(e)
}

fn date_pairs(cur: &mut Cursor, extra: &[&str]) -> Result<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    while let Some(t) = cur.peek() {
        let Some((k, v)) = t.text.split_once('=') else {
            break;
        };
        if !DATE_KEYS.contains(&k) && !extra.contains(&k) {
            break;
        }
        pairs.push((k.to_string(), v.to_string()));
        cur.advance();
    }
    if pairs.len() < 2 && !extra.is_empty() {
        return Err(cur.error_here(ErrorKind::AtLeastPairs));
    }
    if pairs.is_empty() {
        return Err(cur.error_here(ErrorKind::AtLeastPairs));
    }
    Ok(pairs)
}
