//! Applying parsed statements to a CIB: `load update|replace|push`
//! (crm-commands §1.3) and the object rules of crm-language §2.
//!
//! A statement naming an object that exists is merged into it
//! ([`super::merge`]): an object whose text says nothing new is not
//! touched, a changed one is written back at its own place keeping the
//! ids and the layout of what still corresponds (lossless-writes §4).

use super::adopt::{adopt_children, REF_ATTRS};
use super::loose_comments::{put_before, take_marked, Place};
use super::merge::{merge, Cx};
use super::object_index::{Found, ObjectIndex};
use super::objects::{at_path_mut, find_object, objects};
use super::prune::remove_unnamed;
use super::slots::is_member_tag;
use super::top_index::{compact, take_object, TopIndex};
use super::Cib;
use crate::error::{Error, ErrorKind, Result};
use crate::fasthash::FxHashSet as HashSet;
use crate::ids::{defines_id, generate, IdStore};
use crate::kind::Kind;
use crate::parse::Statement;
use crate::xml::{Element, Node};

/// How a load treats objects already in the CIB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Objects in the input are merged into their namesakes; property and
    /// defaults sets take the input's pairs without losing their others
    /// (crmsh's `load update`); objects not in the input stay.
    Update,
    /// Objects not in the input are deleted, except nodes; the others are
    /// merged (the same result as crmsh's erase, then load).
    Replace,
    /// Objects not in the input are deleted, nodes included; property and
    /// defaults sets merge as under `Update` (crmsh's push is an update
    /// that removes).
    Push,
    /// Objects in the input are redefined by it, property and defaults
    /// sets included; others stay (`edit` of a selection).
    Redefine,
}

/// What applying reported besides success.
#[derive(Debug, Default, Clone)]
pub struct Applied {
    /// Constraint redirections and the like.
    pub notes: Vec<String>,
    pub warnings: Vec<String>,
}

/// Applies statements as one batch. On error `cib` is half changed:
/// callers apply to a copy and keep it only on success (as `load_text`
/// does).
pub fn apply(cib: &mut Cib, mut statements: Vec<Statement>, method: Method) -> Result<Applied> {
    check_duplicates(&statements)?;
    statements.sort_by_key(|s| s.kind.show_rank());
    match method {
        Method::Update | Method::Redefine => {}
        Method::Replace => remove_unnamed(cib, &statements, true),
        Method::Push => remove_unnamed(cib, &statements, false),
    }
    let mut run = Run {
        store: IdStore::from_tree(cib.configuration()),
        index: ObjectIndex::default(),
        top: TopIndex::default(),
        own: statements
            .iter()
            .filter(|s| s.kind != Kind::Node)
            .map(|s| s.id.clone())
            .collect(),
        obscure: mask_globs(),
        method,
        out: Applied::default(),
        loose: Vec::new(),
    };
    let mut created: Vec<(String, usize, crate::span::Span)> = Vec::new();
    for st in &mut statements {
        run.apply_one(cib, st)
            .map_err(|e| e.in_statement(st.number))?;
        if st.kind.is_constraint() {
            created.push((st.id.clone(), st.number, st.span));
        }
    }
    // The statements' elements now live in the CIB; what is left of them
    // and the id store would only raise the peak memory of a large load.
    drop(statements);
    let mut out = std::mem::take(&mut run.out);
    let loose = std::mem::take(&mut run.loose);
    drop(run);
    if let Some(r) = cib.configuration_mut().child_mut("resources") {
        compact(r);
    }
    place_loose(cib, loose);
    check_references(cib, &created)?;
    let mut seen = HashSet::default();
    out.warnings.retain(|w| seen.insert(w.clone()));
    Ok(out)
}

/// The globs of secret names `show` masks by default, and those of
/// `CRM_OBSCURE_PATTERN` (the text being loaded may come from either).
fn mask_globs() -> Vec<String> {
    let mut globs = vec!["passw*".to_string()];
    if let Ok(p) = std::env::var("CRM_OBSCURE_PATTERN") {
        globs.extend(p.split('|').filter(|s| !s.is_empty()).map(String::from));
    }
    globs
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

/// The state of one batch.
struct Run {
    store: IdStore,
    index: ObjectIndex,
    top: TopIndex,
    /// Ids that have a statement in this batch.
    own: HashSet<String>,
    obscure: Vec<String>,
    method: Method,
    out: Applied,
    loose: Vec<Loose>,
}

/// Loose comments to put back once every object is in place: the
/// section's tag, the object's element id (empty for the fencing
/// topology) and the marked comments of its statement.
type Loose = (String, String, Vec<(Place, String)>);

fn is_container(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
    )
}

impl Run {
    fn apply_one(&mut self, cib: &mut Cib, st: &mut Statement) -> Result<()> {
        if st.kind == Kind::Monitor {
            return add_monitor(cib, &mut self.store, st);
        }
        // Moved out, not copied: a large load would otherwise hold every
        // object twice.
        let mut elem = std::mem::take(&mut st.elem);
        let st = &*st;
        let marks = take_marked(&mut elem);
        resolve_refs(cib.configuration(), &mut elem);
        let node = st.kind == Kind::Node;
        // A node statement without an id of its own also names the node
        // of that uname (crmsh's find_node).
        let found = self
            .index
            .find(cib.configuration(), node, &st.id)
            .filter(|f| !f.by_uname || elem.id() == elem.get("uname"));
        let path = match found {
            None => self.create(cib, st, elem)?,
            Some(f) => self.update(cib, st, elem, f)?,
        };
        if !marks.is_empty() {
            self.note_loose(cib, &path, marks);
        }
        Ok(())
    }

    /// Remembers where the marked comments of the object at `path` go
    /// (only objects directly in a section, or the fencing topology, have
    /// loose comments).
    fn note_loose(&mut self, cib: &Cib, path: &[usize], marks: Vec<(Place, String)>) {
        let conf = cib.configuration();
        let Some(Node::Element(section)) = path.first().and_then(|i| conf.children.get(*i)) else {
            return;
        };
        let id = match path {
            [_] => String::new(),
            [_, i] => match section.children.get(*i) {
                Some(Node::Element(e)) => e.id().unwrap_or("").to_string(),
                _ => return,
            },
            _ => return,
        };
        self.loose.push((section.name.to_string(), id, marks));
    }

    fn create(&mut self, cib: &mut Cib, st: &Statement, mut elem: Element) -> Result<Vec<usize>> {
        if st.kind.is_nvset() {
            first_copy_of_comments(&mut elem);
        }
        if is_container(st.kind) {
            adopt_children(cib, &mut elem, st, &mut self.top, &mut self.out.notes, &[])?;
        }
        generate(&mut elem, &mut self.store, None);
        if st.kind.section() == "resources" {
            self.top.appended(cib, &st.id);
        }
        let path = place_new(cib, st.kind, elem);
        self.index.index_at(cib.configuration(), &path);
        Ok(path)
    }

    fn update(
        &mut self,
        cib: &mut Cib,
        st: &Statement,
        mut elem: Element,
        f: Found,
    ) -> Result<Vec<usize>> {
        // An `xml <meta_attributes …>` is for whichever defaults section
        // holds a set of its id.
        let defaults = |k: Kind| matches!(k, Kind::RscDefaults | Kind::OpDefaults);
        let moved = st.xml && defaults(st.kind) && defaults(f.kind);
        if st.kind != Kind::Fencing && f.kind.section() != st.kind.section() && !moved {
            return Err(Error::at(ErrorKind::IdInUse { id: st.id.clone() }, st.span));
        }
        // crmsh merges into property sets on update, and into a node it
        // found by uname; everything else is redefined by its statement.
        let union = match st.kind {
            Kind::Node => f.by_uname,
            k if k.is_nvset() => matches!(self.method, Method::Update | Method::Push),
            _ => false,
        };
        if f.by_uname {
            // The pairs that are new get the ids crmsh gives them: those
            // of the statement as if it made a node of its own.
            generate(&mut elem, &mut self.store, None);
        }
        let Some(stored) = take_object(cib.configuration_mut(), &f.path) else {
            return self.create(cib, st, elem);
        };
        check_embedded(&stored, &elem, &self.own, st)?;
        let mut cx = Cx {
            own: &self.own,
            obscure: &self.obscure,
            ignore_parsed_ids: f.by_uname,
            warnings: Vec::new(),
        };
        let merged = merge(&stored, &elem, union, &mut cx);
        self.out.warnings.append(&mut cx.warnings);
        let Some(mut merged) = merged else {
            put_at(cib, &f.path, stored);
            return Ok(f.path);
        };
        let kept = own_ids(&merged);
        let mut gone = own_ids(&stored);
        gone.retain(|id| !kept.contains(id));
        for id in &gone {
            self.store.remove(id);
        }
        for id in &kept {
            self.store.insert(id);
        }
        if is_container(st.kind) {
            let staying: Vec<String> = members(&merged)
                .filter(|m| m.name != "crmsh-ref")
                .filter_map(|m| m.id().map(String::from))
                .collect();
            adopt_children(
                cib,
                &mut merged,
                st,
                &mut self.top,
                &mut self.out.notes,
                &staying,
            )?;
            let now: HashSet<&str> = members(&merged).filter_map(|m| m.id()).collect();
            let released: Vec<Element> = members(&stored)
                .filter(|m| m.id().is_some_and(|id| !now.contains(id)))
                .cloned()
                .collect();
            for r in released {
                let id = r.id().unwrap_or("").to_string();
                self.top.appended(cib, &id);
                let path = place_new(cib, Kind::Primitive, r);
                self.index.index_at(cib.configuration(), &path);
            }
        }
        generate(&mut merged, &mut self.store, None);
        put_at(cib, &f.path, merged);
        self.index.index_at(cib.configuration(), &f.path);
        Ok(f.path)
    }
}

/// Puts loose comments back (see [`super::loose_comments`]), after every
/// object has its final place, since they shift the positions of those
/// after them.
fn place_loose(cib: &mut Cib, loose: Vec<Loose>) {
    let conf = cib.configuration_mut();
    for (section, id, marks) in loose {
        for place in [
            Place::BeforeSection,
            Place::Before,
            Place::SectionEnd,
            Place::End,
        ] {
            let texts: Vec<String> = marks
                .iter()
                .filter(|(p, _)| *p == place)
                .map(|(_, t)| t.clone())
                .collect();
            if texts.is_empty() {
                continue;
            }
            let Some(si) = conf
                .children
                .iter()
                .position(|n| matches!(n, Node::Element(e) if e.name == section.as_str()))
            else {
                continue;
            };
            match place {
                Place::End => {
                    let end = conf.children.len();
                    put_before(conf, end, &texts);
                }
                Place::BeforeSection => put_before(conf, si, &texts),
                Place::Before if id.is_empty() => put_before(conf, si, &texts),
                Place::Before | Place::SectionEnd => {
                    let Some(Node::Element(sec)) = conf.children.get_mut(si) else {
                        continue;
                    };
                    let at = match place {
                        Place::Before => sec.children.iter().position(
                            |n| matches!(n, Node::Element(e) if e.id() == Some(id.as_str())),
                        ),
                        _ => Some(sec.children.len()),
                    };
                    if let Some(at) = at {
                        put_before(sec, at, &texts);
                    }
                }
            }
        }
    }
}

/// The child resources directly inside a container.
fn members(e: &Element) -> impl Iterator<Item = &Element> {
    e.elements().filter(|c| is_member_tag(&c.name))
}

/// The ids an object defines itself (those of its members are theirs).
fn own_ids(e: &Element) -> HashSet<String> {
    fn walk(e: &Element, container: bool, out: &mut HashSet<String>) {
        if defines_id(e) {
            if let Some(id) = e.id() {
                out.insert(id.to_string());
            }
        }
        for c in e.elements() {
            if container && is_member_tag(&c.name) {
                continue;
            }
            let inner = matches!(c.name.as_str(), "group" | "clone" | "master" | "bundle");
            walk(c, inner, out);
        }
    }
    let mut out = HashSet::default();
    let container = matches!(e.name.as_str(), "group" | "clone" | "master" | "bundle");
    walk(e, container, &mut out);
    out
}

/// A container statement (`xml <bundle …>`) may carry a full copy of a
/// member that also has a statement of its own: the statement decides,
/// and a copy that says something else is an error, not a silent loss.
fn check_embedded(
    stored: &Element,
    elem: &Element,
    own: &HashSet<String>,
    st: &Statement,
) -> Result<()> {
    for copy in members(elem).filter(|m| m.name != "crmsh-ref") {
        let Some(id) = copy.id().filter(|id| own.contains(*id)) else {
            continue;
        };
        let Some(current) = members(stored).find(|m| m.id() == Some(id)) else {
            continue;
        };
        let empty = HashSet::default();
        let mut cx = Cx {
            own: &empty,
            obscure: &[],
            ignore_parsed_ids: false,
            warnings: Vec::new(),
        };
        if merge(current, copy, false, &mut cx).is_some() {
            return Err(Error::at(
                ErrorKind::EmbeddedCopyDiffers {
                    container: st.id.clone(),
                    member: id.to_string(),
                },
                st.span,
            ));
        }
    }
    Ok(())
}

/// Several comment lines of one text before a property or defaults set
/// are kept once, as crmsh's `copy_comment` does.
fn first_copy_of_comments(elem: &mut Element) {
    let mut seen: HashSet<String> = HashSet::default();
    elem.children.retain(|n| match n {
        Node::Comment(c) => seen.insert(c.clone()),
        _ => true,
    });
}

/// Writes an element back into the slot `take_object` emptied.
fn put_at(cib: &mut Cib, path: &[usize], elem: Element) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    if let Some(p) = at_path_mut(cib.configuration_mut(), parent) {
        if let Some(slot) = p.children.get_mut(*last) {
            *slot = Node::Element(elem);
        }
    }
}

/// Appends a new object to its section; returns its path.
fn place_new(cib: &mut Cib, kind: Kind, elem: Element) -> Vec<usize> {
    let conf = cib.configuration_mut();
    if kind == Kind::Fencing {
        conf.children.push(Node::Element(elem));
        return vec![conf.children.len() - 1];
    }
    let name = kind.section();
    let si = match conf
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(e) if e.name == name))
    {
        Some(i) => i,
        None => {
            conf.children.push(Node::Element(Element::new(name)));
            conf.children.len() - 1
        }
    };
    let Some(Node::Element(section)) = conf.children.get_mut(si) else {
        return Vec::new();
    };
    section.children.push(Node::Element(elem));
    vec![si, section.children.len() - 1]
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
    let known = referable_ids(conf);
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
        if let Some(e) = missing_reference(c, &known, *number, *span) {
            return Err(e);
        }
    }
    Ok(())
}

/// The ids a constraint may name: resources, templates and tags (the
/// language server checks one changed file this way, see `lsp::patch`).
pub fn referable_ids(conf: &Element) -> HashSet<&str> {
    let mut known: HashSet<&str> = HashSet::default();
    for o in objects(conf) {
        if o.kind.is_resource() || matches!(o.kind, Kind::Template | Kind::Tag) {
            known.insert(o.elem.id().unwrap_or(""));
        }
    }
    known
}

/// The error of constraint `c` (statement `number` at `span`) naming
/// something not in `known`, for the first such name.
pub fn missing_reference(
    c: &Element,
    known: &HashSet<&str>,
    number: usize,
    span: crate::span::Span,
) -> Option<Error> {
    let mut refs: Vec<&str> = REF_ATTRS.iter().filter_map(|a| c.get(a)).collect();
    for set in c.elements().filter(|s| s.name == "resource_set") {
        refs.extend(set.elements().filter_map(|r| r.id()));
    }
    let missing = refs.into_iter().find(|r| !known.contains(r))?;
    Some(
        Error::at(
            ErrorKind::MissingConstraintResource {
                constraint: c.id().unwrap_or("").to_string(),
                rsc: missing.to_string(),
            },
            span,
        )
        .in_statement(number)
        .did_you_mean(missing, known.iter().copied()),
    )
}
