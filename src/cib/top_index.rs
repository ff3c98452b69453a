//! Finding top-level resources by id in constant time during a load.

use super::objects::{at_path_mut, find_object, object_kind, Object};
use super::Cib;
use crate::fasthash::FxHashMap;
use crate::xml::{Element, Node};

/// Positions of the top-level resources by id, so that containers find
/// their children without scanning (loads of many groups stay linear).
/// Positions stay valid because adopted children leave placeholders.
#[derive(Default)]
pub(super) struct TopIndex {
    section: usize,
    pos: FxHashMap<String, usize>,
    pub(super) valid: bool,
}

impl TopIndex {
    fn rebuild(&mut self, cib: &Cib) {
        self.pos.clear();
        let conf = cib.configuration();
        let Some(si) = conf
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if e.name == "resources"))
        else {
            return;
        };
        self.section = si;
        if let Node::Element(r) = &conf.children[si] {
            for (i, n) in r.children.iter().enumerate() {
                if let Node::Element(e) = n {
                    if let Some(id) = e.id() {
                        self.pos.insert(id.to_string(), i);
                    }
                }
            }
        }
        self.valid = true;
    }

    /// Records a resource about to be appended to `<resources>`.
    pub(super) fn appended(&mut self, cib: &Cib, id: &str) {
        if !self.valid {
            return;
        }
        match cib.configuration().child("resources") {
            Some(r) => {
                self.pos.insert(id.to_string(), r.children.len());
            }
            None => self.valid = false,
        }
    }

    pub(super) fn find<'a>(&mut self, cib: &'a Cib, id: &str) -> Option<Object<'a>> {
        if !self.valid {
            self.rebuild(cib);
        }
        let conf = cib.configuration();
        if let Some(&i) = self.pos.get(id) {
            if let Some(Node::Element(r)) = conf.children.get(self.section) {
                if let Some(Node::Element(e)) = r.children.get(i) {
                    if e.id() == Some(id) {
                        if let Some(kind) = object_kind(e, "resources") {
                            return Some(Object {
                                kind,
                                id: id.to_string(),
                                elem: e,
                                path: vec![self.section, i],
                            });
                        }
                    }
                }
            }
        }
        find_object(conf, id, false)
    }
}

/// Takes the element at `path` out, leaving an empty text node in its
/// place: removing from the front of a long resource list would shift
/// every later sibling (quadratic over a load), and paths stay valid.
/// [`compact`] drops the placeholders at the end of the load.
pub(super) fn take_object(config: &mut Element, path: &[usize]) -> Option<Element> {
    let (last, parent) = path.split_last()?;
    let p = at_path_mut(config, parent)?;
    let slot = p.children.get_mut(*last)?;
    match std::mem::replace(slot, Node::Text(String::new())) {
        Node::Element(e) => Some(e),
        other => {
            *slot = other;
            None
        }
    }
}

pub(super) fn compact(e: &mut Element) {
    e.children
        .retain(|n| !matches!(n, Node::Text(t) if t.is_empty()));
    for c in e.elements_mut() {
        if matches!(c.name.as_str(), "group" | "clone" | "master" | "bundle") {
            compact(c);
        }
    }
}
