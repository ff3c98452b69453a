//! `node`, `property`/`rsc_defaults`/`op_defaults`, `fencing_topology`,
//! `tag` (crm-language §4, §7, §8.1, §8.2).

use super::sets::{attr_set, nvpairs};
use super::{rule, Cursor, Parser};
use crate::error::{Error, ErrorKind, Result};
use crate::kind::Kind;
use crate::xml::{Element, Node};
use std::collections::HashMap;

const NODE_TYPES: [&str; 4] = ["normal", "member", "ping", "remote"];
const NODE_TERMS: [&str; 2] = ["attributes", "utilization"];

/// ```ebnf
/// node       ::= "node" [ id ":" | "$id=" id ] uname [ ":" type ] [ "description=" text ]
///                [ nvpairs ] { attributes | utilization }
/// type       ::= "normal" | "member" | "ping" | "remote"
/// ```
pub fn node(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let mut id = cur.accept_prefixed("$id=").map(String::from);
    if id.is_none() {
        if let (Some(t), Some(_)) = (cur.peek(), cur.peek_at(1)) {
            // crmsh takes `ID:` as the id only for `[\w-]+` ids; any
            // other word ending in `:` is a uname with an empty type.
            if t.text.len() > 1
                && t.text.ends_with(':')
                && t.text[..t.text.len() - 1]
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                id = Some(t.text[..t.text.len() - 1].to_string());
                cur.advance();
            }
        }
    }
    let spec = cur.advance().ok_or_else(|| p.too_few(cur, 1))?;
    let (uname, ty) = match spec.text.split_once(':') {
        Some((u, t)) => {
            let t = t.to_ascii_lowercase();
            if !NODE_TYPES.contains(&t.as_str()) || u.is_empty() {
                return Err(cur.error_prev(ErrorKind::UnknownNodeType {
                    spec: spec.text.clone(),
                }));
            }
            (u.to_string(), Some(t))
        }
        None => (spec.text.clone(), None),
    };
    let mut e = Element::new("node").with_attr("uname", &uname);
    if let Some(t) = ty {
        e.set("type", &t);
    }
    if let Some(d) = cur.accept_prefixed("description=") {
        e.set("description", d);
    }
    e.set("id", id.as_deref().unwrap_or(&uname));
    let mut first = true;
    while let Some(t) = cur.peek() {
        if t.is("attributes") || t.is("utilization") {
            let tag = if t.is("attributes") {
                "instance_attributes"
            } else {
                "utilization"
            };
            cur.advance();
            e.push(attr_set(p, cur, tag, &NODE_TERMS)?);
        } else if first {
            let pairs = nvpairs(p, cur, &NODE_TERMS)?;
            if pairs.is_empty() {
                return Err(cur.error_expected("attributes or utilization", &NODE_TERMS));
            }
            let mut set = Element::new("instance_attributes");
            set.children.extend(pairs.into_iter().map(Node::Element));
            e.push(set);
        } else {
            return Err(cur.error_expected("attributes or utilization", &NODE_TERMS));
        }
        first = false;
    }
    Ok(e)
}

/// ```ebnf
/// nvset      ::= ( "property" | "rsc_defaults" | "op_defaults" )
///                [ id ":" | "$id=" id | "$id-ref=" ref ] { rule } nvpairs
/// ```
pub fn nvset(p: &mut Parser, cur: &mut Cursor, kind: Kind) -> Result<Element> {
    let (tag, default) = match kind {
        Kind::Property => ("cluster_property_set", "cib-bootstrap-options"),
        Kind::RscDefaults => ("meta_attributes", "rsc-options"),
        _ => ("meta_attributes", "op-options"),
    };
    let mut e = Element::new(tag);
    if let Some(r) = cur.accept_prefixed("$id-ref=") {
        e.set("id-ref", r);
        e.set("id", r);
    } else if let Some(id) = cur.accept_prefixed("$id=") {
        e.set("id", id);
    } else if let Some(t) = cur.peek() {
        let w = t.text.as_str();
        if w.len() > 1 && w.ends_with(':') && is_set_name(&w[..w.len() - 1]) {
            e.set("id", &w[..w.len() - 1]);
            cur.advance();
        }
    }
    if !e.has("id") {
        e.set("id", default);
    }
    while cur.accept("rule") {
        e.push(rule::rule(p, cur)?);
    }
    for pair in nvpairs(p, cur, &["rule"])? {
        // crmsh writes `property foo` as a pair without a value, silently.
        if !pair.has("value") {
            p.warnings.push(
                crate::error::Notice::PropertyWithoutValue {
                    name: pair.get("name").unwrap_or("").to_string(),
                }
                .to_string(),
            );
        }
        e.push(pair);
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

/// What crmsh refuses in a `property`/`rsc_defaults`/`op_defaults` typed
/// as a command (one-shot or in the shell), though a loaded file may hold
/// it: a name without `=value` ("Unknown arguments") or an empty value.
pub fn command_line_nvset(statements: &[super::Statement]) -> Result<()> {
    for st in statements.iter().filter(|s| s.kind.is_nvset()) {
        for pair in st.elem.elements().filter(|e| e.name == "nvpair") {
            let name = pair.get("name").unwrap_or("").to_string();
            let kind = match pair.get("value") {
                None => ErrorKind::UnknownArguments { args: name },
                Some("") => ErrorKind::EmptyValue { name },
                Some(_) => continue,
            };
            return Err(Error::at(kind, st.span).in_statement(st.number));
        }
    }
    Ok(())
}

fn is_set_name(w: &str) -> bool {
    !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// ```ebnf
/// fencing_topology ::= ( "fencing_topology" | "fencing-topology" )
///                      { [ node ":" | "attr:" name "=" value | "pattern:" regex ] devices }
/// ```
pub fn fencing(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    // (target, devices) in input order; `None` until a target is given.
    let mut levels: Vec<(Option<Target>, String)> = Vec::new();
    let mut target: Option<Target> = None;
    while let Some(t) = cur.advance() {
        match fencing_target(&t.text) {
            Some(new) => target = Some(new),
            None => levels.push((target.clone(), t.text.clone())),
        }
    }
    // crmsh: when the first level has no target, every level is repeated
    // for each node of the CIB (in sorted order), targets or not.
    if levels.first().is_some_and(|(t, _)| t.is_none()) {
        let mut nodes = p.ctx.nodes.clone();
        nodes.sort();
        levels = nodes
            .iter()
            .flat_map(|n| {
                levels
                    .iter()
                    .map(move |(_, dev)| (Some(Target::Node(n.clone())), dev.clone()))
            })
            .collect();
    }
    let mut e = Element::new("fencing-topology");
    // One counter per node name, attribute name or pattern, shared by the
    // three kinds, as crmsh counts.
    let mut index: HashMap<String, usize> = HashMap::new();
    for (target, dev) in levels {
        let Some(target) = target else { continue };
        let key = match &target {
            Target::Node(n) => n.clone(),
            Target::Attr(k, _) => k.clone(),
            Target::Pattern(r) => r.clone(),
        };
        let n = index.entry(key).or_insert(0);
        *n += 1;
        let n = n.to_string();
        let level = match target {
            Target::Node(node) => Element::new("fencing-level")
                .with_attr("target", &node)
                .with_attr("index", &n)
                .with_attr("devices", &dev),
            Target::Attr(k, v) => Element::new("fencing-level")
                .with_attr("index", &n)
                .with_attr("devices", &dev)
                .with_attr("target-attribute", &k)
                .with_attr("target-value", &v),
            Target::Pattern(r) => Element::new("fencing-level")
                .with_attr("index", &n)
                .with_attr("devices", &dev)
                .with_attr("target-pattern", &r),
        };
        e.push(level);
    }
    Ok(e)
}

/// The target of the fencing levels that follow.
#[derive(Clone)]
enum Target {
    Node(String),
    Attr(String, String),
    Pattern(String),
}

/// crmsh's three target forms, tried in its order: `attr:NAME=VALUE`
/// (word characters and `-` only), `pattern:REGEX`, `NODE:`.
fn fencing_target(w: &str) -> Option<Target> {
    let word = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    };
    let prefixed = |prefix: &str| {
        (w.len() >= prefix.len() && w.is_char_boundary(prefix.len()))
            .then(|| w.split_at(prefix.len()))
            .filter(|(head, _)| head.eq_ignore_ascii_case(prefix))
            .map(|(_, rest)| rest)
    };
    if let Some((k, v)) = prefixed("attr:").and_then(|r| r.split_once('=')) {
        if word(k) && word(v) {
            return Some(Target::Attr(k.to_string(), v.to_string()));
        }
    }
    if let Some(r) = prefixed("pattern:").filter(|r| !r.is_empty()) {
        return Some(Target::Pattern(r.to_string()));
    }
    let node = w.strip_suffix(':')?;
    (!node.is_empty() && !node.contains(':')).then(|| Target::Node(node.to_string()))
}

/// ```ebnf
/// tag        ::= "tag" id [ ":" ] ref { ref }
/// ```
pub fn tag(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let first = cur.advance().ok_or_else(|| p.too_few(cur, 2))?;
    let id = first.text.strip_suffix(':').unwrap_or(&first.text);
    if id.is_empty() || id.contains(':') {
        return Err(cur.error_prev(ErrorKind::Expected {
            what: "tag name".into(),
            found: Some(first.text.clone()),
            suggestion: None,
        }));
    }
    let mut e = Element::new("tag").with_attr("id", id);
    if cur.at_end() {
        return Err(p.too_few(cur, 2));
    }
    while let Some(t) = cur.advance() {
        e.push(Element::new("obj_ref").with_attr("id", &t.text));
    }
    Ok(e)
}
