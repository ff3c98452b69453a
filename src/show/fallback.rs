//! The reload check behind every printed object, and the `xml` fallback.
//!
//! An object's text is parsed back ([`crate::parse::parse_text`]), its
//! ids derived ([`crate::ids::generate`]) with the ids of all objects
//! printed before (a reload into an empty CIB creates the objects in
//! `show` order), and compared with the stored element:
//!
//! * crmsh mode (the default): the object as crmsh holds it
//!   ([`crmsh_view`]), compared as crmsh compares ([`crmsh_equal`]: ids
//!   ignored, children as a multiset, the object's own comments apart);
//!   a difference → `xml <...>` in lxml's layout.
//! * lossless mode: compared exactly (cibdiff: attribute order ignored).
//!   If only ids differ, the elements whose ids can be written in the
//!   language are marked explicit and the object is printed again (a few
//!   rounds, since one explicit id can move another's collision suffix);
//!   any other difference → `xml <...>`.

use super::attrs::{has_obscured, obscure};
use super::compare::crmsh_equal;
use super::crmsh_view;
use super::layout::{join, xml_fallback};
use super::resource::is_resource;
use super::style::Style;
use super::{parts, Object, ShowOptions};
use crate::ids::{self, defines_id, IdStore};
use crate::kind::Kind;
use crate::parse::{parse_text, Context};
use crate::xml::{Element, Node};
use std::borrow::Cow;
use std::collections::HashSet;
use std::rc::Rc;

/// What stays the same for all objects of one `show`.
pub struct Env {
    ctx: Context,
    obscure: Vec<String>,
    lossless: bool,
    referenced: Rc<HashSet<String>>,
    node_count: usize,
}

impl Env {
    pub fn new(opts: &ShowOptions, referenced: HashSet<String>, mut nodes: Vec<String>) -> Self {
        let node_count = nodes.len();
        // crmsh expands target-less levels over its sorted node list (#089).
        nodes.sort();
        Env {
            // A reload parses the whole text before creating anything, so
            // no node exists yet for fencing_topology; crmsh's own check
            // parses against the CIB it shows.
            ctx: Context {
                schema: opts.schema.clone(),
                nodes: if opts.lossless { Vec::new() } else { nodes },
            },
            obscure: opts.obscure.clone(),
            lossless: opts.lossless,
            referenced: Rc::new(referenced),
            node_count,
        }
    }
}

/// How a reparsed object compares with the stored one.
enum Verdict {
    Same,
    /// Same except the ids of these stored elements (tag, stored id).
    Ids(Vec<(String, Option<String>)>),
    Different,
}

/// Rounds of marking ids explicit before giving up.
const ROUNDS: usize = 16;

/// The text of one object (comment lines, then the statement), and the
/// object's ids registered in `store`.
pub fn render(obj: &Object, env: &Env, store: &mut IdStore) -> String {
    // Copy only when the printed form differs from the stored element.
    let elem: Cow<Element> = if has_obscured(obj.elem, &env.obscure) || !env.lossless {
        let mut e = obj.elem.clone();
        obscure(&mut e, &env.obscure);
        if !env.lossless {
            drop_defaults(&mut e);
            crmsh_view::view(&mut e, obj.depth);
        }
        Cow::Owned(e)
    } else {
        Cow::Borrowed(obj.elem)
    };
    let text = obj.kind.and_then(|kind| cli_text(kind, &elem, env, store));
    store.add_tree(obj.elem);
    text.unwrap_or_else(|| {
        if !env.lossless {
            return crmsh_view::xml_text(&elem);
        }
        // A bare defaults set would not say which section it is for.
        match obj.kind {
            Some(k @ (Kind::RscDefaults | Kind::OpDefaults)) => {
                let mut section = Element::new(k.section());
                section.push(elem.into_owned());
                xml_fallback(&section)
            }
            _ => xml_fallback(&elem),
        }
    })
}

fn cli_text(kind: Kind, elem: &Element, env: &Env, store: &mut IdStore) -> Option<String> {
    if kind == Kind::Bundle && !super::resource::bundle_reparses(elem) {
        return None;
    }
    let expected = with_placeholders(elem);
    let mut style = Style {
        explicit: HashSet::new(),
        referenced: env.referenced.clone(),
        lossless: env.lossless,
        node_count: env.node_count,
    };
    for _ in 0..ROUNDS {
        let text = statement(kind, elem, &style);
        match check(&text, kind, &expected, env, store) {
            Verdict::Same => return Some(text),
            Verdict::Ids(diff) if env.lossless => {
                let mut progress = false;
                for (tag, id) in diff {
                    let id = id.filter(|_| expressible(&tag))?;
                    progress |= style.explicit.insert(id);
                }
                if !progress {
                    return None;
                }
            }
            _ => return None,
        }
    }
    None
}

/// Comment lines, then the parts joined.
fn statement(kind: Kind, e: &Element, st: &Style) -> String {
    let mut out = String::new();
    for c in e.comments() {
        out.push_str(c);
        out.push('\n');
    }
    out.push_str(&join(&parts(kind, e, st)));
    out
}

/// Elements whose id the language can state.
fn expressible(tag: &str) -> bool {
    matches!(
        tag,
        "instance_attributes"
            | "meta_attributes"
            | "utilization"
            | "nvpair"
            | "rule"
            | "op"
            | "acl_permission"
    )
}

fn check(text: &str, kind: Kind, expected: &Element, env: &Env, store: &mut IdStore) -> Verdict {
    let Ok(mut statements) = parse_text(text, &env.ctx) else {
        return Verdict::Different;
    };
    if statements.len() != 1 {
        return Verdict::Different;
    }
    let Some(st) = statements.pop() else {
        return Verdict::Different;
    };
    if st.kind != kind {
        return Verdict::Different;
    }
    let mut got = st.elem;
    derive_ids(&mut got, store);
    let ignore_ids = |e: &Element, k: &str| k != "id" || !defines_id(e);
    if !env.lossless {
        let (a, b) = (without_own_comments(&got), without_own_comments(expected));
        return if crmsh_equal(&a, &b, &ignore_ids) {
            Verdict::Same
        } else {
            Verdict::Different
        };
    }
    if got.same_as(expected) {
        return Verdict::Same;
    }
    if !got.same_with(expected, &ignore_ids) {
        return Verdict::Different;
    }
    let mut diff = Vec::new();
    id_diff(expected, &got, &mut diff);
    Verdict::Ids(diff)
}

/// Derives the ids of a reparsed object as a reload would, leaving
/// `store` as it was (cheaper than cloning it for every object): the ids
/// generation adds are new by construction, so removing the object's ids
/// except those present before restores it.
fn derive_ids(got: &mut Element, store: &mut IdStore) {
    let mut present = Vec::new();
    got.walk(&mut |e| {
        if let Some(id) = e.id().filter(|id| defines_id(e) && store.contains(id)) {
            present.push(id.to_string());
        }
    });
    ids::generate(got, store, None);
    store.remove_tree(got);
    for id in present {
        store.insert(&id);
    }
}

/// The top-most stored elements whose id differs from the reparsed one
/// (ids below them derive from theirs, so they are looked at again in the
/// next round); both trees have the same shape.
fn id_diff(want: &Element, got: &Element, out: &mut Vec<(String, Option<String>)>) {
    if defines_id(want) && want.id() != got.id() {
        out.push((want.name.to_string(), want.id().map(String::from)));
        return;
    }
    for (w, g) in want.elements().zip(got.elements()) {
        id_diff(w, g, out);
    }
}

/// The element without its own comment children: those print as the
/// statement's comment lines, checked apart from the statement. Comments
/// deeper down have no text form and must make the check fail.
fn without_own_comments(e: &Element) -> Cow<'_, Element> {
    if e.comments().next().is_none() {
        return Cow::Borrowed(e);
    }
    let mut e = e.clone();
    e.children.retain(|n| !matches!(n, Node::Comment(_)));
    Cow::Owned(e)
}

/// The stored element as the parser produces it: child resources of a
/// container become `<crmsh-ref id=.../>` placeholders.
fn with_placeholders(e: &Element) -> Cow<'_, Element> {
    if !matches!(e.name.as_str(), "group" | "clone" | "master" | "bundle") {
        return Cow::Borrowed(e);
    }
    let children = e
        .children
        .iter()
        .map(|c| match c {
            Node::Element(r) if is_resource(&r.name) => {
                Node::Element(Element::new("crmsh-ref").with_attr("id", r.id().unwrap_or("")))
            }
            other => other.clone(),
        })
        .collect();
    Cow::Owned(Element::from_parts(
        e.name.clone(),
        e.attrs().clone(),
        children,
    ))
}

/// crmsh drops default-valued attributes when it reads the CIB (Q26):
/// expression `type="string"`, rule `boolean-op="and"`, resource set
/// `sequential`/`require-all` `"true"`, node `type="normal"`.
fn drop_defaults(e: &mut Element) {
    let drops: &[(&str, &str)] = match e.name.as_str() {
        "expression" => &[("type", "string")],
        "rule" => &[("boolean-op", "and")],
        "resource_set" => &[("sequential", "true"), ("require-all", "true")],
        "node" => &[("type", "normal")],
        _ => &[],
    };
    for (k, v) in drops {
        if e.get(k) == Some(v) {
            e.remove_attr(k);
        }
    }
    for c in e.elements_mut() {
        drop_defaults(c);
    }
}
