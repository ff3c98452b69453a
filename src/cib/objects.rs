//! Top-level objects of a configuration: every node, resource (also those
//! inside groups and clones), constraint, property set, defaults set,
//! fencing topology, tag, ACL object and alert.

use crate::kind::Kind;
use crate::xml::{Element, Node};

/// Where an object sits: the path of child indices from `<configuration>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Object<'a> {
    pub kind: Kind,
    pub id: String,
    pub elem: &'a Element,
    pub path: Vec<usize>,
}

/// The kind of an element that is an object, given its parent's tag.
pub fn object_kind(e: &Element, parent: &str) -> Option<Kind> {
    if matches!(parent, "rsc_defaults" | "op_defaults") && e.name != "meta_attributes" {
        return None;
    }
    Kind::from_element(&e.name, parent)
}

/// All objects, in document order.
pub fn objects(config: &Element) -> Vec<Object<'_>> {
    let mut out = Vec::new();
    for (si, section) in config.children.iter().enumerate() {
        let Node::Element(section) = section else {
            continue;
        };
        if section.name == "fencing-topology" {
            out.push(Object {
                kind: Kind::Fencing,
                id: "fencing_topology".into(),
                elem: section,
                path: vec![si],
            });
            continue;
        }
        collect(section, &mut vec![si], &mut out);
    }
    out
}

fn collect<'a>(parent: &'a Element, path: &mut Vec<usize>, out: &mut Vec<Object<'a>>) {
    for (i, c) in parent.children.iter().enumerate() {
        let Node::Element(e) = c else { continue };
        let Some(kind) = object_kind(e, &parent.name) else {
            continue;
        };
        path.push(i);
        out.push(Object {
            kind,
            id: e.id().unwrap_or("").to_string(),
            elem: e,
            path: path.clone(),
        });
        if matches!(
            kind,
            Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
        ) {
            collect(e, path, out);
        }
        path.pop();
    }
}

/// The object with this id (nodes are only found with `node == true`).
/// Walks without collecting, since loads call it once per statement.
pub fn find_object<'a>(config: &'a Element, id: &str, node: bool) -> Option<Object<'a>> {
    for (si, section) in config.children.iter().enumerate() {
        let Node::Element(section) = section else {
            continue;
        };
        if section.name == "fencing-topology" {
            if !node && id == "fencing_topology" {
                return Some(Object {
                    kind: Kind::Fencing,
                    id: id.to_string(),
                    elem: section,
                    path: vec![si],
                });
            }
            continue;
        }
        if (section.name == "nodes") != node {
            continue;
        }
        let mut path = vec![si];
        if let Some(o) = search(section, id, &mut path) {
            return Some(o);
        }
    }
    None
}

fn search<'a>(parent: &'a Element, id: &str, path: &mut Vec<usize>) -> Option<Object<'a>> {
    for (i, c) in parent.children.iter().enumerate() {
        let Node::Element(e) = c else { continue };
        let Some(kind) = object_kind(e, &parent.name) else {
            continue;
        };
        path.push(i);
        if e.id() == Some(id) {
            return Some(Object {
                kind,
                id: id.to_string(),
                elem: e,
                path: path.clone(),
            });
        }
        if matches!(
            kind,
            Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
        ) {
            if let Some(o) = search(e, id, path) {
                return Some(o);
            }
        }
        path.pop();
    }
    None
}

/// Removes the element at `path`, returning it.
pub fn remove_object(config: &mut Element, path: &[usize]) -> Option<Element> {
    let (last, parents) = path.split_last()?;
    let mut e = config;
    for i in parents {
        e = match e.children.get_mut(*i)? {
            Node::Element(c) => c,
            _ => return None,
        };
    }
    match e.children.remove(*last) {
        Node::Element(x) => Some(x),
        other => {
            e.children.insert(*last, other);
            None
        }
    }
}

/// The element at `path`.
pub fn at_path_mut<'a>(config: &'a mut Element, path: &[usize]) -> Option<&'a mut Element> {
    let mut e = config;
    for i in path {
        e = match e.children.get_mut(*i)? {
            Node::Element(c) => c,
            _ => return None,
        };
    }
    Some(e)
}
