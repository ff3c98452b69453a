//! What the crm language says about the children of an element, for the
//! merge (lossless-writes §4.3): which *slot* (family of alike children) a
//! child belongs to, how the stored and the parsed members of a slot are
//! paired, whether their order means anything, and which attribute values
//! are defaults that the text never shows.

use crate::xml::Element;

/// The slot of container members: the stored element holds the child
/// resources themselves, the parsed one `crmsh-ref` placeholders.
pub(super) const MEMBERS: &str = "\u{0}members";

/// Tags of the resources a container can hold.
pub(super) fn is_member_tag(tag: &str) -> bool {
    matches!(
        tag,
        "primitive" | "group" | "clone" | "master" | "bundle" | "crmsh-ref"
    )
}

fn is_container(tag: &str) -> bool {
    matches!(tag, "group" | "clone" | "master" | "bundle")
}

/// The slot `child` belongs to under `parent`.
pub(super) fn slot_of<'a>(parent: &str, child: &'a Element) -> &'a str {
    if is_container(parent) && is_member_tag(&child.name) {
        return MEMBERS;
    }
    child.name.as_str()
}

/// How the members of a slot pair up, after explicit ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pairing {
    /// By [`key`] only: a changed key is a new element (nvpair names, op
    /// name + interval + role, references).
    Key,
    /// By [`key`], then equal content, then position (fencing levels,
    /// alert recipients).
    KeyThenPosition,
    /// By equal content, then position (sets, rules, expressions, …).
    Position,
}

pub(super) fn pairing(slot: &str) -> Pairing {
    match slot {
        "nvpair" | "op" | MEMBERS | "resource_ref" | "obj_ref" | "role_ref" | "role" => {
            Pairing::Key
        }
        "fencing-level" | "recipient" => Pairing::KeyThenPosition,
        _ => Pairing::Position,
    }
}

/// Whether the order of a slot's members means nothing to Pacemaker, so
/// that the stored order is kept whatever the text's order.
pub(super) fn unordered(slot: &str) -> bool {
    matches!(slot, "nvpair" | "op")
}

/// The matching key of a keyed element.
pub(super) fn key(e: &Element) -> String {
    let attrs: &[&str] = match e.name.as_str() {
        "nvpair" => &["name", "id-ref"],
        "op" => &["name", "interval"],
        "fencing-level" => &[
            "target",
            "target-attribute",
            "target-value",
            "target-pattern",
            "devices",
        ],
        "recipient" => &["value"],
        _ => &["id"],
    };
    let mut k = String::new();
    for a in attrs {
        k.push_str(e.get(a).unwrap_or(""));
        k.push('\u{1}');
    }
    if e.name == "op" {
        k.push_str(&role_class(e.get("role").unwrap_or("")));
    }
    k
}

/// Roles that mean the same across schema versions compare equal.
fn role_class(v: &str) -> String {
    match v {
        "Master" | "Promoted" => "Promoted".into(),
        "Slave" | "Unpromoted" => "Unpromoted".into(),
        other => other.to_string(),
    }
}

/// Whether two values of attribute `attr` mean the same.
pub(super) fn same_value(attr: &str, stored: &str, parsed: &str) -> bool {
    stored == parsed
        || (matches!(attr, "role" | "rsc-role" | "with-rsc-role")
            && role_class(stored) == role_class(parsed))
}

/// Attribute values that the printer drops and the parser may leave out
/// (`drop_defaults` in `show/fallback.rs`, crmsh's Q26).
pub(super) fn is_default(tag: &str, attr: &str, value: &str) -> bool {
    matches!(
        (tag, attr, value),
        ("expression", "type", "string")
            | ("rule", "boolean-op", "and")
            | ("resource_set", "sequential", "true")
            | ("resource_set", "require-all", "true")
            | ("node", "type", "normal")
    )
}

/// Stored elements the text never shows, which a merge keeps when the
/// parsed element has no counterpart: empty attribute sets and an empty
/// `operations`.
pub(super) fn invisible(e: &Element) -> bool {
    matches!(
        e.name.as_str(),
        "instance_attributes" | "meta_attributes" | "utilization" | "operations"
    ) && e.elements().next().is_none()
}

/// Whether the union policy (crmsh's `merge_attributes`/`merge_nodes`:
/// nothing the text leaves out goes) reaches from `parent` into `child`:
/// from a node into its sets, from sets into their pairs, from
/// `operations` into its ops. Rules and everything else merge as usual.
pub(super) fn union_passes(parent: &str, child: &str) -> bool {
    let set = |t: &str| {
        matches!(
            t,
            "instance_attributes" | "meta_attributes" | "utilization" | "cluster_property_set"
        )
    };
    (parent == "node" && (set(child) || child == "operations"))
        || (set(parent) && child == "nvpair")
        || (parent == "operations" && child == "op")
}
