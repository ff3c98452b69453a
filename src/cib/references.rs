//! What deleting, renaming or wrapping a resource does to the objects
//! that name it, exactly as crmsh 4.4 does it, with crmsh's notes:
//!
//! - deleting a resource moves its children to the top level; a simple
//!   constraint on a container moves to its first child ("modified
//!   location:l1 from g1 to d1"); references to the resource are removed
//!   from constraints ("constraint order:o1 updated"), and a constraint
//!   left with nothing to constrain goes ("hanging location:l1 deleted");
//!   a resource set constraint left with two resources becomes a simple
//!   one; a tag left empty goes; deleting the only child of a container
//!   deletes the container first;
//! - renaming a resource renames it in constraints and tags;
//! - a new container takes over the constraints of its children
//!   ("modified location:l1 from d1 to g1").

use super::objects::{find_object, objects};
use super::Cib;
use crate::kind::Kind;
use crate::xml::{Element, Node};

const REFS: [&str; 4] = ["rsc", "with-rsc", "first", "then"];
const CHILD_TAGS: [&str; 4] = ["primitive", "group", "clone", "master"];

/// The notes crmsh prints while it rewrites references.
pub type Notes = Vec<String>;

fn label(kind: Kind, id: &str) -> String {
    format!("{}:{id}", kind.name())
}

/// The id of the container holding `id`, if any.
fn parent_of(cib: &Cib, id: &str) -> Option<String> {
    let all = objects(cib.configuration());
    let me = all.iter().find(|o| o.id == id && o.kind != Kind::Node)?;
    if me.path.len() <= 2 {
        return None;
    }
    let up = &me.path[..me.path.len() - 1];
    all.iter()
        .find(|o| o.path.as_slice() == up)
        .map(|o| o.id.clone())
}

/// The ids of a container's direct child resources.
fn children_of(e: &Element) -> Vec<String> {
    e.elements()
        .filter(|c| CHILD_TAGS.contains(&c.name.as_str()))
        .filter_map(|c| c.id().map(String::from))
        .collect()
}

fn constraints_mut(cib: &mut Cib) -> Option<&mut Element> {
    cib.configuration_mut().child_mut("constraints")
}

/// Ids of the constraints naming `rsc`, in document order.
fn related_constraints(cib: &Cib, rsc: &str) -> Vec<String> {
    let Some(cons) = cib.configuration().child("constraints") else {
        return Vec::new();
    };
    cons.elements()
        .filter(|c| names(c, rsc))
        .filter_map(|c| c.id().map(String::from))
        .collect()
}

fn names(c: &Element, rsc: &str) -> bool {
    REFS.iter().any(|a| c.get(a) == Some(rsc))
        || c.elements()
            .filter(|s| s.name == "resource_set")
            .flat_map(|s| s.elements())
            .any(|r| r.name == "resource_ref" && r.id() == Some(rsc))
}

fn constraint_mut<'a>(cib: &'a mut Cib, id: &str) -> Option<&'a mut Element> {
    constraints_mut(cib)?
        .elements_mut()
        .find(|c| c.id() == Some(id))
}

fn constraint_kind(e: &Element) -> Kind {
    match e.name.as_str() {
        "rsc_location" => Kind::Location,
        "rsc_colocation" => Kind::Colocation,
        "rsc_order" => Kind::Order,
        _ => Kind::Ticket,
    }
}

fn has_sets(c: &Element) -> bool {
    c.elements().any(|s| s.name == "resource_set")
}

fn refs_mut(c: &mut Element) -> impl Iterator<Item = &mut Element> {
    c.elements_mut()
        .filter(|s| s.name == "resource_set")
        .flat_map(|s| s.elements_mut())
        .filter(|r| r.name == "resource_ref")
}

fn ref_count(c: &Element) -> usize {
    c.elements()
        .filter(|s| s.name == "resource_set")
        .flat_map(|s| s.elements())
        .filter(|r| r.name == "resource_ref")
        .count()
}

/// Renames `old` to `new` in one constraint; true when it changed. A
/// set constraint also loses duplicate references (the last one stays)
/// and becomes simple when two references are left.
fn rename_in(c: &mut Element, old: &str, new: &str) -> bool {
    let mut changed = false;
    for a in REFS {
        if c.get(a) == Some(old) {
            c.set(a, new);
            changed = true;
        }
    }
    if changed {
        return true;
    }
    for r in refs_mut(c) {
        if r.id() == Some(old) {
            r.set("id", new);
            changed = true;
        }
    }
    if !has_sets(c) {
        return changed;
    }
    dedup_refs(c);
    if ref_count(c) == 2 {
        to_simple(c);
    }
    changed
}

/// Drops earlier duplicates of a reference, keeping its last one.
fn dedup_refs(c: &mut Element) {
    let mut remaining: Vec<String> = c
        .elements()
        .filter(|s| s.name == "resource_set")
        .flat_map(|s| s.elements())
        .filter(|r| r.name == "resource_ref")
        .filter_map(|r| r.id().map(String::from))
        .collect();
    for set in c.elements_mut().filter(|s| s.name == "resource_set") {
        set.children.retain(|n| {
            let Node::Element(r) = n else { return true };
            if r.name != "resource_ref" {
                return true;
            }
            let id = r.id().unwrap_or("").to_string();
            let count = remaining.iter().filter(|x| **x == id).count();
            if count > 1 {
                if let Some(p) = remaining.iter().position(|x| *x == id) {
                    remaining.remove(p);
                }
                return false;
            }
            true
        });
    }
}

/// Removes references to `rsc` from one constraint; true when it changed.
fn delete_in(c: &mut Element, rsc: &str) -> bool {
    let mut changed = false;
    for a in REFS {
        if c.get(a) == Some(rsc) {
            c.remove_attr(a);
            changed = true;
        }
    }
    if changed {
        return true;
    }
    for set in c.elements_mut().filter(|s| s.name == "resource_set") {
        let before = set.children.len();
        set.children.retain(
            |n| !matches!(n, Node::Element(r) if r.name == "resource_ref" && r.id() == Some(rsc)),
        );
        changed |= set.children.len() != before;
    }
    let before = c.children.len();
    c.children.retain(|n| {
        !matches!(n, Node::Element(s) if s.name == "resource_set"
            && !s.elements().any(|r| r.name == "resource_ref"))
    });
    changed |= c.children.len() != before;
    let non_sequential_pair = c.elements().any(|s| {
        s.name == "resource_set"
            && matches!(s.get("sequential"), Some("false" | "no" | "0" | "off"))
            && s.elements().filter(|r| r.name == "resource_ref").count() > 1
    });
    if !non_sequential_pair && ref_count(c) == 2 {
        to_simple(c);
    }
    changed
}

/// A set constraint with two references becomes the simple constraint
/// crmsh writes for the same text (a single colocation set `A B` means
/// "B with A", so its ends swap).
fn to_simple(c: &mut Element) {
    let sets: Vec<Element> = c
        .elements()
        .filter(|s| s.name == "resource_set")
        .cloned()
        .collect();
    for s in c.elements_mut().filter(|s| s.name == "resource_set") {
        s.remove_attr("sequential");
    }
    let refs: Vec<(String, Option<String>, Option<String>)> = sets
        .iter()
        .flat_map(|s| {
            s.elements()
                .filter(|r| r.name == "resource_ref")
                .map(move |r| {
                    (
                        r.id().unwrap_or("").to_string(),
                        s.get("role").map(String::from),
                        s.get("action").map(String::from),
                    )
                })
        })
        .collect();
    let [a, b] = refs.as_slice() else { return };
    let (first, second, swap) = match c.name.as_str() {
        "rsc_colocation" => ("rsc", "with-rsc", sets.len() == 1),
        "rsc_order" => ("first", "then", false),
        _ => return,
    };
    let (a, b) = if swap { (b, a) } else { (a, b) };
    c.children
        .retain(|n| !matches!(n, Node::Element(s) if s.name == "resource_set"));
    c.set(first, &a.0);
    c.set(second, &b.0);
    let (role_a, role_b) = if c.name == "rsc_order" {
        ("first-action", "then-action")
    } else {
        ("rsc-role", "with-rsc-role")
    };
    let order = c.name == "rsc_order";
    let extra = |x: &(String, Option<String>, Option<String>)| {
        if order {
            x.2.clone()
        } else {
            x.1.clone()
        }
    };
    if let Some(v) = extra(a) {
        c.set(role_a, &v);
    }
    if let Some(v) = extra(b) {
        c.set(role_b, &v);
    }
}

/// A constraint that constrains nothing any more (crmsh's "silly"
/// constraint): no resource left, or (except for locations and tickets)
/// one resource, or the same resource at both ends.
fn silly(c: &Element, rsc: &str) -> bool {
    let single = matches!(c.name.as_str(), "rsc_location" | "rsc_ticket");
    if has_sets(c) {
        let n = ref_count(c);
        return if single { n < 1 } else { n <= 1 };
    }
    let present: Vec<&str> = REFS.iter().filter_map(|a| c.get(a)).collect();
    if single {
        return present.is_empty();
    }
    present.iter().filter(|v| **v == rsc).count() == 2 || present.len() < 2
}

fn remove_constraint(cib: &mut Cib, id: &str) {
    if let Some(cons) = constraints_mut(cib) {
        cons.children
            .retain(|n| !matches!(n, Node::Element(c) if c.id() == Some(id)));
    }
}

/// Deletes objects as `configure delete ID…` does: each id that exists
/// (containers first), with the notes crmsh prints. Ids that do not exist
/// are returned; nothing is deleted for them.
pub fn delete(cib: &mut Cib, ids: &[&str], notes: &mut Notes) -> Vec<String> {
    let mut missing = Vec::new();
    let mut found: Vec<(Kind, String)> = Vec::new();
    for id in ids {
        let o = find_object(cib.configuration(), id, false)
            .or_else(|| find_object(cib.configuration(), id, true));
        let Some(o) = o else {
            missing.push(id.to_string());
            continue;
        };
        if o.kind == Kind::Template {
            // Primitives made from the template go with it.
            for p in objects(cib.configuration()) {
                if p.kind == Kind::Primitive
                    && p.elem.get("template") == Some(id)
                    && !ids.contains(&p.id.as_str())
                    && !found.iter().any(|(_, f)| *f == p.id)
                {
                    notes.push(format!("hanging {} deleted", label(p.kind, &p.id)));
                    found.push((p.kind, p.id.clone()));
                }
            }
        }
        found.push((o.kind, o.id.clone()));
    }
    sort_for_processing(&mut found);
    for (_, id) in found.iter().rev() {
        delete_one(cib, id, notes, true);
    }
    missing
}

/// crmsh's processing order: by kind, then (when sorting) by id.
fn sort_for_processing(list: &mut [(Kind, String)]) {
    let sort_ids = crate::crm_conf::flag("core", "sort_elements");
    list.sort_by(|(ka, a), (kb, b)| {
        let ord = ka.show_rank().cmp(&kb.show_rank());
        if sort_ids {
            ord.then_with(|| a.cmp(b))
        } else {
            ord
        }
    });
}

/// Deletes one object; the only child of a container takes the
/// container with it.
fn delete_one(cib: &mut Cib, id: &str, notes: &mut Notes, loud: bool) {
    if let Some(parent) = parent_of(cib, id) {
        let only = find_object(cib.configuration(), &parent, false)
            .map(|p| children_of(p.elem).len() == 1)
            .unwrap_or(false);
        if only {
            delete_one(cib, &parent, notes, loud);
        }
    }
    let exists = find_object(cib.configuration(), id, false)
        .or_else(|| find_object(cib.configuration(), id, true))
        .is_some();
    if exists {
        remove(cib, id, notes, loud);
    }
}

fn remove(cib: &mut Cib, id: &str, notes: &mut Notes, loud: bool) {
    let Some(o) = find_object(cib.configuration(), id, false)
        .or_else(|| find_object(cib.configuration(), id, true))
    else {
        return;
    };
    let kind = o.kind;
    let path = o.path.clone();
    let children = if kind.is_resource() {
        children_of(o.elem)
    } else {
        Vec::new()
    };
    let Some(old) = super::remove_object(cib.configuration_mut(), &path) else {
        return;
    };
    super::edit::drop_leading_comments(cib, &path);
    // The children go back to the top level, at its end.
    for c in old
        .elements()
        .filter(|c| CHILD_TAGS.contains(&c.name.as_str()))
    {
        cib.section_mut("resources").push(c.clone());
    }
    if kind == Kind::Node {
        return;
    }
    // A defaults section without sets goes with its last set.
    if matches!(kind, Kind::RscDefaults | Kind::OpDefaults) {
        let section = kind.section();
        let conf = cib.configuration_mut();
        if conf
            .child(section)
            .is_some_and(|s| s.elements().next().is_none())
        {
            conf.children
                .retain(|n| !matches!(n, Node::Element(e) if e.name == section));
        }
    }
    // Tags lose the object; an empty tag goes.
    let tags: Vec<String> = cib
        .configuration()
        .child("tags")
        .map(|t| {
            t.elements()
                .filter(|t| t.elements().any(|r| r.id() == Some(id)))
                .filter_map(|t| t.id().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    for t in tags {
        let Some(section) = cib.configuration_mut().child_mut("tags") else {
            break;
        };
        let mut empty = false;
        if let Some(tag) = section.elements_mut().find(|e| e.id() == Some(t.as_str())) {
            tag.children
                .retain(|n| !matches!(n, Node::Element(r) if r.id() == Some(id)));
            empty = !tag.elements().any(|r| r.name == "obj_ref");
        }
        if empty {
            section
                .children
                .retain(|n| !matches!(n, Node::Element(e) if e.id() == Some(t.as_str())));
            if loud {
                notes.push(format!("hanging {} deleted", label(Kind::Tag, &t)));
            }
        }
    }
    if !kind.is_resource() && kind != Kind::Template {
        return;
    }
    for cid in related_constraints(cib, id) {
        let Some(c) = constraint_mut(cib, &cid) else {
            continue;
        };
        let ckind = constraint_kind(c);
        if !has_sets(c) && !children.is_empty() && rename_in(c, id, &children[0]) {
            notes.push(format!(
                "modified {} from {id} to {}",
                label(ckind, &cid),
                children[0]
            ));
        }
        let deleted = delete_in(c, id);
        if silly(c, id) {
            remove_constraint(cib, &cid);
            if loud {
                notes.push(format!("hanging {} deleted", label(ckind, &cid)));
            }
        } else if deleted {
            notes.push(format!("constraint {} updated", label(ckind, &cid)));
        }
    }
}

/// `configure erase`: every object without children that is no
/// constraint and no node, deleted one by one (constraints and containers
/// follow), without the "hanging" notes.
pub fn erase(cib: &mut Cib, notes: &mut Notes) {
    let bottom: Vec<String> = objects(cib.configuration())
        .into_iter()
        .filter(|o| {
            let container = o.kind.is_resource() && !children_of(o.elem).is_empty();
            o.kind != Kind::Node && !o.kind.is_constraint() && !container
        })
        .map(|o| o.id)
        .collect();
    for id in bottom {
        delete_one(cib, &id, notes, false);
    }
    // What is left (empty containers, unreferenced constraints) goes too.
    loop {
        let rest = objects(cib.configuration())
            .into_iter()
            .rev()
            .find(|o| o.kind != Kind::Node)
            .map(|o| o.path);
        let Some(path) = rest else { break };
        super::remove_object(cib.configuration_mut(), &path);
    }
}

/// `configure erase nodes`.
pub fn erase_nodes(cib: &mut Cib) {
    if let Some(n) = cib.configuration_mut().child_mut("nodes") {
        n.children.clear();
    }
}

/// Renames `old` in the constraints that name it (with crmsh's notes)
/// and in tags.
pub fn rename(cib: &mut Cib, old: &str, new: &str, notes: &mut Notes) {
    for cid in related_constraints(cib, old) {
        if let Some(c) = constraint_mut(cib, &cid) {
            let kind = constraint_kind(c);
            if rename_in(c, old, new) {
                notes.push(format!(
                    "modified {} from {old} to {new}",
                    label(kind, &cid)
                ));
            }
        }
    }
    if let Some(tags) = cib.configuration_mut().child_mut("tags") {
        for t in tags.elements_mut() {
            for r in t.elements_mut() {
                if r.name == "obj_ref" && r.id() == Some(old) {
                    r.set("id", new);
                }
            }
        }
    }
}

/// A new container takes over the constraints that named its children
/// (only those in `existing`: constraints made in the same load come
/// after the container and are left as written); constraints that then
/// constrain the container with itself go without a word.
pub fn adopt_constraints(cib: &mut Cib, container: &str, existing: &[String], notes: &mut Notes) {
    let Some(o) = find_object(cib.configuration(), container, false) else {
        return;
    };
    let children = children_of(o.elem);
    let mut renamed: Vec<String> = Vec::new();
    for child in &children {
        for cid in related_constraints(cib, child) {
            if !existing.contains(&cid) {
                continue;
            }
            if let Some(c) = constraint_mut(cib, &cid) {
                let kind = constraint_kind(c);
                if rename_in(c, child, container) {
                    notes.push(format!(
                        "modified {} from {child} to {container}",
                        label(kind, &cid)
                    ));
                    renamed.push(cid.clone());
                }
            }
        }
    }
    // Only what the renaming made silly: a constraint written with the
    // container at both ends (`order o Optional: ms:demote ms:promote`)
    // is the user's and stays.
    for cid in renamed {
        let is_silly = cib
            .configuration()
            .child("constraints")
            .and_then(|c| c.elements().find(|e| e.id() == Some(cid.as_str())))
            .is_some_and(|c| silly(c, container));
        if is_silly {
            remove_constraint(cib, &cid);
        }
    }
}

/// [`adopt_constraints`] for each of `containers` in turn (what a load
/// that created them needs), with the same result and notes, but in time
/// linear in the configuration: the constraints naming each resource and
/// the children of each container are indexed once, instead of every
/// container scanning all objects and all constraints (quadratic: 15 s of
/// CPU for a load of 5,000 primitives in 1,000 groups).
pub fn adopt_constraints_all(
    cib: &mut Cib,
    containers: &[&str],
    existing: &[String],
    notes: &mut Notes,
) {
    use std::collections::{HashMap, HashSet};
    if containers.is_empty() {
        return;
    }
    let existing: HashSet<&str> = existing.iter().map(String::as_str).collect();
    let mut children: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(res) = cib.configuration().child("resources") {
        res.walk(&mut |e| {
            if matches!(e.name.as_str(), "group" | "clone" | "master" | "bundle") {
                if let Some(id) = e.id() {
                    children
                        .entry(id.to_string())
                        .or_insert_with(|| children_of(e));
                }
            }
        });
    }
    // Constraint id → its place among the section's children (stable:
    // removals wait until the end), and resource id → the constraints
    // naming it, in document order.
    let mut place: HashMap<String, usize> = HashMap::new();
    let mut naming: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(cons) = cib.configuration().child("constraints") {
        for (i, n) in cons.children.iter().enumerate() {
            let Node::Element(c) = n else { continue };
            let Some(cid) = c.id() else { continue };
            place.insert(cid.to_string(), i);
            let mut named: Vec<&str> = REFS.iter().filter_map(|a| c.get(a)).collect();
            for set in c.elements().filter(|s| s.name == "resource_set") {
                named.extend(
                    set.elements()
                        .filter(|r| r.name == "resource_ref")
                        .filter_map(|r| r.id()),
                );
            }
            named.sort_unstable();
            named.dedup();
            for r in named {
                naming
                    .entry(r.to_string())
                    .or_default()
                    .push(cid.to_string());
            }
        }
    }
    let mut removed: HashSet<String> = HashSet::new();
    for container in containers {
        let Some(kids) = children.get(*container) else {
            continue;
        };
        let mut renamed: Vec<String> = Vec::new();
        for child in kids {
            let cids = naming.get(child).cloned().unwrap_or_default();
            for cid in cids {
                if !existing.contains(cid.as_str()) || removed.contains(&cid) {
                    continue;
                }
                let Some(c) = constraint_at(cib, &place, &cid) else {
                    continue;
                };
                // The index may be stale: what the constraint names now.
                if !names(c, child) {
                    continue;
                }
                let kind = constraint_kind(c);
                if rename_in(c, child, container) {
                    notes.push(format!(
                        "modified {} from {child} to {container}",
                        label(kind, &cid)
                    ));
                    let list = naming.entry(container.to_string()).or_default();
                    if !list.contains(&cid) {
                        list.push(cid.clone());
                    }
                    renamed.push(cid.clone());
                }
            }
        }
        // As in adopt_constraints: only what the renaming made silly goes;
        // a constraint written with the container at both ends is the
        // user's and stays.
        renamed.sort_by_key(|c| place.get(c).copied());
        renamed.dedup();
        for cid in renamed {
            if removed.contains(&cid) {
                continue;
            }
            if let Some(c) = constraint_at(cib, &place, &cid) {
                if names(c, container) && silly(c, container) {
                    removed.insert(cid);
                }
            }
        }
    }
    if !removed.is_empty() {
        if let Some(cons) = constraints_mut(cib) {
            cons.children.retain(
                |n| !matches!(n, Node::Element(c) if c.id().is_some_and(|i| removed.contains(i))),
            );
        }
    }
}

/// The constraint `cid` through the index of places.
fn constraint_at<'a>(
    cib: &'a mut Cib,
    place: &std::collections::HashMap<String, usize>,
    cid: &str,
) -> Option<&'a mut Element> {
    let i = *place.get(cid)?;
    match constraints_mut(cib)?.children.get_mut(i)? {
        Node::Element(c) if c.id() == Some(cid) => Some(c),
        _ => None,
    }
}

/// The ids of all constraints, for [`adopt_constraints`].
pub fn constraint_ids(cib: &Cib) -> Vec<String> {
    cib.configuration()
        .child("constraints")
        .map(|c| {
            c.elements()
                .filter_map(|e| e.id().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}
