//! Applying parsed statements to a CIB: `load update|replace|push`
//! (crm-commands §1.3) and the object rules of crm-language §2.

use super::adopt::{adopt_children, REF_ATTRS};
use super::objects::{at_path_mut, find_object, objects, remove_object};
use super::top_index::{compact, TopIndex};
use super::Cib;
use crate::error::{Error, ErrorKind, Result};
use crate::fasthash::FxHashSet as HashSet;
use crate::ids::{generate, IdStore, Reuse};
use crate::kind::Kind;
use crate::parse::Statement;
use crate::xml::{Element, Node};

/// How a load treats objects already in the CIB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Objects in the input replace their namesakes; others stay.
    Update,
    /// Everything but nodes is erased first.
    Replace,
    /// Objects not in the input are deleted, nodes included.
    Push,
}

/// Applies statements as one batch. On error `cib` is half changed:
/// callers apply to a copy and keep it only on success (as `load_text`
/// does). Returns informational messages (constraint redirections, ...).
pub fn apply(cib: &mut Cib, mut statements: Vec<Statement>, method: Method) -> Result<Vec<String>> {
    check_duplicates(&statements)?;
    statements.sort_by_key(|s| s.kind.show_rank());
    let work = cib;
    let mut notes = Vec::new();
    match method {
        Method::Update => {}
        Method::Replace => erase(work, &statements),
        Method::Push => keep_only(work, &statements),
    }
    let mut store = IdStore::from_tree(work.configuration());
    let mut present: HashSet<(bool, String)> = objects(work.configuration())
        .into_iter()
        .map(|o| (o.kind == Kind::Node, o.id))
        .collect();
    let mut top = TopIndex::default();
    let mut created: Vec<(String, usize, crate::span::Span)> = Vec::new();
    for st in &mut statements {
        apply_one(
            work,
            &mut store,
            st,
            method,
            &mut present,
            &mut notes,
            &mut top,
        )
        .map_err(|e| e.in_statement(st.number))?;
        if st.kind.is_constraint() {
            created.push((st.id.clone(), st.number, st.span));
        }
    }
    // The statements' elements now live in the CIB; what is left of them
    // and the id store would only raise the peak memory of a large load.
    drop(statements);
    drop(store);
    if let Some(r) = work.configuration_mut().child_mut("resources") {
        compact(r);
    }
    check_references(work, &created)?;
    Ok(notes)
}

fn check_duplicates(statements: &[Statement]) -> Result<()> {
    let mut seen = HashSet::default();
    for st in statements.iter().filter(|s| s.kind != Kind::Monitor) {
        let node = st.kind == Kind::Node;
        if !seen.insert((node, st.id.clone())) {
            return Err(Error::at(
                ErrorKind::DuplicateObject {
                    node,
                    id: st.id.clone(),
                },
                st.span,
            )
            .in_statement(st.number));
        }
    }
    Ok(())
}

/// `erase`: every object except nodes. Property and defaults sets that
/// the input redefines stay, to be replaced pair by pair in place.
fn erase(cib: &mut Cib, statements: &[Statement]) {
    let redefined: HashSet<&str> = statements
        .iter()
        .filter(|s| s.kind.is_nvset())
        .map(|s| s.id.as_str())
        .collect();
    for name in [
        "resources",
        "constraints",
        "crm_config",
        "rsc_defaults",
        "op_defaults",
        "tags",
        "acls",
        "alerts",
    ] {
        if let Some(s) = cib.configuration_mut().child_mut(name) {
            s.children.retain(|n| match n {
                Node::Element(e) => {
                    matches!(name, "crm_config" | "rsc_defaults" | "op_defaults")
                        && e.id().is_some_and(|id| redefined.contains(id))
                }
                _ => false,
            });
        }
    }
    let conf = cib.configuration_mut();
    conf.children
        .retain(|n| !matches!(n, Node::Element(e) if e.name == "fencing-topology"));
}

/// `push`: delete the objects the input does not mention.
fn keep_only(cib: &mut Cib, statements: &[Statement]) {
    let keep: HashSet<(bool, &str)> = statements
        .iter()
        .map(|s| (s.kind == Kind::Node, s.id.as_str()))
        .collect();
    loop {
        let doomed = objects(cib.configuration())
            .into_iter()
            .rev()
            .find(|o| !keep.contains(&(o.kind == Kind::Node, o.id.as_str())))
            .map(|o| o.path);
        let Some(path) = doomed else { break };
        let conf = cib.configuration_mut();
        if let Some(old) = remove_object(conf, &path) {
            relink_children(cib, &old);
        }
    }
}

/// The resources inside a removed container go back to the top level.
fn relink_children(cib: &mut Cib, old: &Element) {
    let children: Vec<Element> = old
        .elements()
        .filter(|c| matches!(c.name.as_str(), "primitive" | "group" | "clone" | "master"))
        .cloned()
        .collect();
    let resources = cib.section_mut("resources");
    for c in children {
        resources.push(c);
    }
}

fn apply_one(
    cib: &mut Cib,
    store: &mut IdStore,
    st: &mut Statement,
    method: Method,
    present: &mut HashSet<(bool, String)>,
    notes: &mut Vec<String>,
    top: &mut TopIndex,
) -> Result<()> {
    if st.kind == Kind::Monitor {
        return add_monitor(cib, store, st);
    }
    // Moved out, not copied: a large load would otherwise hold every
    // object twice.
    let mut elem = std::mem::take(&mut st.elem);
    let st = &*st;
    resolve_refs(cib.configuration(), &mut elem);
    let node = st.kind == Kind::Node;
    // Most statements create new objects: only look for a namesake when
    // the id is known to be taken.
    let existing = if present.contains(&(node, st.id.clone())) {
        find_object(cib.configuration(), &st.id, node).map(|o| (o.path, o.kind))
    } else {
        None
    };
    present.insert((node, st.id.clone()));
    if st.kind.is_nvset() {
        if let Some((path, _)) = &existing {
            let conf = cib.configuration_mut();
            if let Some(old) = at_path_mut(conf, path) {
                merge_nvset(old, elem, store, method == Method::Replace);
            }
            return Ok(());
        }
    }
    let mut slot: Option<Vec<usize>> = None;
    let mut reuse = None;
    // The children a replaced container gives back: the new one may take
    // them again wherever it sits (a group inside a clone too).
    let mut returned: Vec<String> = Vec::new();
    if let Some((path, kind)) = existing {
        if st.kind == Kind::Fencing || kind.section() == st.kind.section() {
            let conf = cib.configuration_mut();
            if let Some(old) = remove_object(conf, &path) {
                store.remove_tree(&old);
                reuse = Some(Reuse::from_old(&old));
                if kind.is_resource() {
                    let kids = child_resources(&old);
                    if !kids.is_empty() {
                        returned = kids
                            .iter()
                            .filter_map(|k| k.id().map(String::from))
                            .collect();
                        put_back(cib, &path, &kids);
                        top.valid = false;
                    }
                }
            }
            slot = Some(path);
        } else {
            return Err(Error::at(ErrorKind::IdInUse { id: st.id.clone() }, st.span));
        }
    }
    if matches!(
        st.kind,
        Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
    ) {
        adopt_children(cib, &mut elem, st, top, notes, &returned)?;
        // Children the new version does not name go to the top level,
        // at its end (crmsh relinks them there).
        let kept: Vec<&str> = elem.elements().filter_map(|c| c.id()).collect();
        let orphans: Vec<String> = returned
            .iter()
            .filter(|id| !kept.contains(&id.as_str()))
            .cloned()
            .collect();
        for id in orphans {
            let Some(o) = find_object(cib.configuration(), &id, false) else {
                continue;
            };
            let path = o.path;
            if let Some(e) = super::top_index::take_object(cib.configuration_mut(), &path) {
                cib.section_mut("resources").push(e);
                top.valid = false;
            }
        }
    }
    generate(&mut elem, store, reuse.as_mut());
    if slot.is_none() && st.kind.section() == "resources" {
        top.appended(cib, &st.id);
    }
    place(cib, st.kind, elem, slot);
    Ok(())
}

/// Resources directly inside a container element.
fn child_resources(e: &Element) -> Vec<Element> {
    e.elements()
        .filter(|c| matches!(c.name.as_str(), "primitive" | "group" | "clone" | "master"))
        .cloned()
        .collect()
}

/// When a container is replaced, its children stay where it was until
/// the new container (or nothing) takes them.
fn put_back(cib: &mut Cib, path: &[usize], kids: &[Element]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    let conf = cib.configuration_mut();
    if let Some(p) = at_path_mut(conf, parent) {
        for (i, k) in kids.iter().enumerate() {
            let at = (*last + i).min(p.children.len());
            p.children.insert(at, Node::Element(k.clone()));
        }
    }
}

fn place(cib: &mut Cib, kind: Kind, elem: Element, slot: Option<Vec<usize>>) {
    if kind == Kind::Fencing {
        let conf = cib.configuration_mut();
        match slot {
            Some(path) if path.len() == 1 => conf.children.insert(path[0], Node::Element(elem)),
            _ => conf.children.push(Node::Element(elem)),
        }
        return;
    }
    if let Some(path) = slot {
        if let Some((last, parent)) = path.split_last() {
            let conf = cib.configuration_mut();
            if let Some(p) = at_path_mut(conf, parent) {
                let at = (*last).min(p.children.len());
                p.children.insert(at, Node::Element(elem));
                return;
            }
        }
    }
    cib.section_mut(kind.section()).push(elem);
}

/// `$id-ref` naming an object means that object's first element of the
/// same tag (crm-language §3.2).
fn resolve_refs(config: &Element, elem: &mut Element) {
    fn visit(config: &Element, e: &mut Element) {
        for c in e.elements_mut() {
            if let Some(r) = c.get("id-ref").map(String::from) {
                if let Some(obj) = find_object(config, &r, false) {
                    let mut found = None;
                    for d in obj.elem.elements() {
                        d.walk(&mut |x| {
                            if found.is_none() && x.name == c.name && x.id().is_some() {
                                found = x.id().map(String::from);
                            }
                        });
                    }
                    if let Some(f) = found {
                        c.set("id-ref", &f);
                    }
                }
            }
            visit(config, c);
        }
    }
    visit(config, elem);
}

/// Pairs of the same name change value in place, new ones are appended;
/// with `prune` (load replace) pairs the input does not name go.
fn merge_nvset(old: &mut Element, new: Element, store: &mut IdStore, prune: bool) {
    if prune {
        let names: HashSet<String> = new
            .elements()
            .filter_map(|e| e.get("name").map(String::from))
            .collect();
        old.children.retain(|n| match n {
            Node::Element(e) if e.name == "nvpair" => {
                let keep = e.get("name").is_some_and(|n| names.contains(n));
                if !keep {
                    if let Some(id) = e.id() {
                        store.remove(id);
                    }
                }
                keep
            }
            _ => true,
        });
    }
    for child in new.children {
        match child {
            Node::Element(pair) if pair.name == "nvpair" => {
                let name = pair.get("name").map(String::from);
                let same = old
                    .elements_mut()
                    .find(|e| e.name == "nvpair" && e.get("name").map(String::from) == name);
                match (same, pair.get("value")) {
                    (Some(existing), Some(v)) => existing.set("value", v),
                    (Some(_), None) => {}
                    (None, _) => old.push(pair),
                }
            }
            Node::Element(other) => old.push(other),
            Node::Comment(c) => old.children.insert(0, Node::Comment(c)),
            Node::Text(_) => {}
        }
    }
    generate(old, store, None);
}

fn add_monitor(cib: &mut Cib, store: &mut IdStore, st: &Statement) -> Result<()> {
    let target = st.target.clone().unwrap_or_default();
    let found = find_object(cib.configuration(), &target, false);
    let path = match found {
        Some(o) if o.kind == Kind::Primitive => o.path,
        _ => return Err(Error::at(ErrorKind::MonitorTarget { rsc: target }, st.span)),
    };
    let conf = cib.configuration_mut();
    let Some(prim) = at_path_mut(conf, &path) else {
        return Err(Error::at(ErrorKind::MonitorTarget { rsc: target }, st.span));
    };
    let interval = st.elem.get("interval").unwrap_or("").to_string();
    let ops = prim.child_or_insert("operations");
    if ops
        .elements()
        .any(|o| o.get("name") == Some("monitor") && o.get("interval") == Some(interval.as_str()))
    {
        return Err(Error::at(
            ErrorKind::MonitorExists {
                rsc: target,
                interval,
            },
            st.span,
        ));
    }
    // A monitor statement derives its id from the primitive even when the
    // operations element has an id of its own (#081).
    let mut op = st.elem.clone();
    let id = store.free(&crate::ids::candidate(&op, &target));
    store.insert(&id);
    op.set("id", &id);
    ops.push(op);
    Ok(())
}

/// A constraint naming a resource that does not exist fails the load.
fn check_references(cib: &Cib, created: &[(String, usize, crate::span::Span)]) -> Result<()> {
    let conf = cib.configuration();
    let mut known: HashSet<&str> = HashSet::default();
    for o in objects(conf) {
        if o.kind.is_resource() || matches!(o.kind, Kind::Template | Kind::Tag) {
            known.insert(o.elem.id().unwrap_or(""));
        }
    }
    let Some(cons) = conf.child("constraints") else {
        return Ok(());
    };
    let by_id: std::collections::HashMap<&str, &Element> = cons
        .elements()
        .filter_map(|c| c.id().map(|i| (i, c)))
        .collect();
    for (id, number, span) in created {
        let Some(c) = by_id.get(id.as_str()) else {
            continue;
        };
        let mut refs: Vec<&str> = REF_ATTRS.iter().filter_map(|a| c.get(a)).collect();
        for set in c.elements().filter(|s| s.name == "resource_set") {
            refs.extend(set.elements().filter_map(|r| r.id()));
        }
        if let Some(missing) = refs.into_iter().find(|r| !known.contains(r)) {
            return Err(Error::at(
                ErrorKind::MissingConstraintResource {
                    constraint: id.clone(),
                    rsc: missing.to_string(),
                },
                *span,
            )
            .in_statement(*number)
            .did_you_mean(missing, known.iter().copied()));
        }
    }
    Ok(())
}
