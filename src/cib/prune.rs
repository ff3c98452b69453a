//! `load replace` and `load push`: the objects the input does not name
//! go before the input is merged in, each with the comments right before
//! it; the named ones stay where they are.

use super::objects::object_kind;
use super::Cib;
use crate::fasthash::FxHashSet as HashSet;
use crate::kind::Kind;
use crate::parse::Statement;
use crate::xml::{Element, Node};

/// Deletes every object no statement names (nodes only when
/// `keep_nodes` is false). Named resources inside a deleted container go
/// back to the top level.
pub(super) fn remove_unnamed(cib: &mut Cib, statements: &[Statement], keep_nodes: bool) {
    let named: HashSet<(bool, &str)> = statements
        .iter()
        .map(|s| (s.kind == Kind::Node, s.id.as_str()))
        .collect();
    let keep = |kind: Kind, e: &Element| {
        if kind == Kind::Fencing {
            return named.contains(&(false, "fencing_topology"));
        }
        if kind == Kind::Node {
            return keep_nodes
                || named.contains(&(true, e.id().unwrap_or("")))
                || e.get("uname").is_some_and(|u| named.contains(&(true, u)));
        }
        named.contains(&(false, e.id().unwrap_or("")))
    };
    let conf = cib.configuration_mut();
    let mut released = Vec::new();
    prune(conf, &keep, &mut released);
    if !released.is_empty() {
        let resources = cib.section_mut("resources");
        for r in released {
            resources.push(r);
        }
    }
}

fn is_section(name: &str) -> bool {
    matches!(
        name,
        "crm_config"
            | "nodes"
            | "resources"
            | "constraints"
            | "rsc_defaults"
            | "op_defaults"
            | "tags"
            | "acls"
            | "alerts"
    )
}

/// Prunes the objects among `parent`'s children (and inside the kept
/// containers and sections).
fn prune(parent: &mut Element, keep: &dyn Fn(Kind, &Element) -> bool, released: &mut Vec<Element>) {
    let children = std::mem::take(&mut parent.children);
    let mut out = Vec::with_capacity(children.len());
    let mut pending: Vec<Node> = Vec::new();
    for n in children {
        let Node::Element(mut e) = n else {
            pending.push(n);
            continue;
        };
        let kind = if parent.name == "configuration" && e.name == "fencing-topology" {
            Some(Kind::Fencing)
        } else {
            object_kind(&e, &parent.name)
        };
        match kind {
            Some(kind) if !keep(kind, &e) => {
                pending.clear();
                if is_container(kind) {
                    rescue(&mut e, keep, released);
                }
            }
            Some(kind) => {
                if is_container(kind) {
                    prune(&mut e, keep, released);
                }
                out.append(&mut pending);
                out.push(Node::Element(e));
            }
            None => {
                if parent.name == "configuration" && is_section(&e.name) {
                    prune(&mut e, keep, released);
                }
                out.append(&mut pending);
                out.push(Node::Element(e));
            }
        }
    }
    out.append(&mut pending);
    parent.children = out;
}

/// The named resources inside a container that goes.
fn rescue(e: &mut Element, keep: &dyn Fn(Kind, &Element) -> bool, released: &mut Vec<Element>) {
    for n in std::mem::take(&mut e.children) {
        let Node::Element(mut c) = n else { continue };
        let Some(kind) = object_kind(&c, &e.name) else {
            continue;
        };
        if keep(kind, &c) {
            if is_container(kind) {
                prune(&mut c, keep, released);
            }
            released.push(c);
        } else if is_container(kind) {
            rescue(&mut c, keep, released);
        }
    }
}

fn is_container(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
    )
}
