//! Where each object of the configuration sits, by id (nodes also by
//! uname), so that a load finds the namesake of every statement in
//! constant time: a no-op reload of a large CIB stays linear.

use super::objects::{object_kind, objects};
use crate::fasthash::FxHashMap as HashMap;
use crate::kind::Kind;
use crate::xml::{Element, Node};

/// Paths are kept valid by the load: changed objects are written back at
/// their own path, new ones are appended, containers re-index what they
/// hold after a change. A stale entry is noticed (the element at the path
/// has another id) and the index is rebuilt.
#[derive(Default)]
pub(super) struct ObjectIndex {
    built: bool,
    paths: HashMap<(bool, String), Vec<usize>>,
    /// Node uname → node id.
    unames: HashMap<String, String>,
}

/// A found object: where it is and what it is.
pub(super) struct Found {
    pub path: Vec<usize>,
    pub kind: Kind,
    /// Found through its uname, not its id (a node).
    pub by_uname: bool,
}

impl ObjectIndex {
    fn build(&mut self, config: &Element) {
        self.paths.clear();
        self.unames.clear();
        for o in objects(config) {
            self.note(o.kind, o.elem, o.path);
        }
        self.built = true;
    }

    fn note(&mut self, kind: Kind, e: &Element, path: Vec<usize>) {
        let node = kind == Kind::Node;
        let id = match kind {
            Kind::Fencing => "fencing_topology",
            _ => e.id().unwrap_or(""),
        };
        if node {
            if let Some(u) = e.get("uname") {
                self.unames.insert(u.to_string(), id.to_string());
            }
        }
        self.paths.insert((node, id.to_string()), path);
    }

    /// The object with this id; a node also by uname when no node has
    /// that id (crmsh's `find_node`).
    pub(super) fn find(&mut self, config: &Element, node: bool, id: &str) -> Option<Found> {
        if !self.built {
            self.build(config);
        }
        for attempt in 0..2 {
            let mut hit = self.lookup(config, node, id);
            if hit.is_none() && node {
                if let Some(real) = self.unames.get(id) {
                    hit = self.lookup(config, true, real).map(|r| {
                        r.map(|mut f| {
                            f.by_uname = true;
                            f
                        })
                    });
                }
            }
            match hit {
                Some(Ok(f)) => return Some(f),
                Some(Err(())) if attempt == 0 => self.build(config),
                _ => return None,
            }
        }
        None
    }

    /// `Err` when the entry is stale.
    fn lookup(&self, config: &Element, node: bool, id: &str) -> Option<Result<Found, ()>> {
        let path = self.paths.get(&(node, id.to_string()))?;
        Some(check(config, path, node, id).ok_or(()))
    }

    /// Records the object at `path` and every object inside it.
    pub(super) fn index_at(&mut self, config: &Element, path: &[usize]) {
        if !self.built {
            return;
        }
        let Some((parent, e)) = parent_and_elem(config, path) else {
            return;
        };
        let Some(kind) = object_kind(e, &parent.name) else {
            return;
        };
        self.note(kind, e, path.to_vec());
        if matches!(
            kind,
            Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
        ) {
            for (i, c) in e.children.iter().enumerate() {
                if let Node::Element(_) = c {
                    let mut p = path.to_vec();
                    p.push(i);
                    self.index_at(config, &p);
                }
            }
        }
    }
}

fn check(config: &Element, path: &[usize], node: bool, id: &str) -> Option<Found> {
    let (parent, e) = parent_and_elem(config, path)?;
    let kind = object_kind(e, &parent.name)?;
    let same = match kind {
        Kind::Fencing => id == "fencing_topology",
        _ => e.id() == Some(id) || (node && e.get("uname") == Some(id)),
    };
    (same && (kind == Kind::Node) == node).then(|| Found {
        path: path.to_vec(),
        kind,
        by_uname: false,
    })
}

fn parent_and_elem<'a>(config: &'a Element, path: &[usize]) -> Option<(&'a Element, &'a Element)> {
    let (last, parents) = path.split_last()?;
    let mut parent = config;
    for i in parents {
        parent = match parent.children.get(*i)? {
            Node::Element(c) => c,
            _ => return None,
        };
    }
    match parent.children.get(*last)? {
        Node::Element(e) => Some((parent, e)),
        _ => None,
    }
}
