//! `configure delete` and `configure rename` (crm-commands §1.7, §1.8).

use super::objects::{at_path_mut, find_object, objects, remove_object};
use super::Cib;
use crate::error::{Error, ErrorKind, Result};
use crate::kind::Kind;
use crate::parse::is_valid_id;
use crate::xml::{Element, Node};

const REF_ATTRS: [&str; 4] = ["rsc", "with-rsc", "first", "then"];

/// Deletes an object; constraints lose their references to it (and go
/// when nothing is left), tags lose it, a container's children return to
/// the top level.
pub fn delete_object(cib: &mut Cib, id: &str) -> Result<()> {
    let found = find_object(cib.configuration(), id, false)
        .or_else(|| find_object(cib.configuration(), id, true))
        .map(|o| (o.path, o.kind));
    let Some((path, kind)) = found else {
        let known: Vec<String> = objects(cib.configuration())
            .into_iter()
            .map(|o| o.id)
            .collect();
        return Err(Error::new(ErrorKind::NoSuchObject { id: id.to_string() })
            .did_you_mean(id, known.iter().map(String::as_str)));
    };
    let Some(old) = remove_object(cib.configuration_mut(), &path) else {
        return Err(Error::new(ErrorKind::NoSuchObject { id: id.to_string() }));
    };
    drop_leading_comments(cib, &path);
    if kind.is_resource() {
        let kids: Vec<Element> = old
            .elements()
            .filter(|c| matches!(c.name.as_str(), "primitive" | "group" | "clone" | "master"))
            .cloned()
            .collect();
        for k in kids {
            cib.section_mut("resources").push(k);
        }
        drop_references(cib, id);
    }
    Ok(())
}

/// Comments right before an object in its section belong to it
/// (lossless-writes §4.7) and go with it. Inside a container they are the
/// container's own, and stay.
fn drop_leading_comments(cib: &mut Cib, path: &[usize]) {
    let [section, at] = path else { return };
    let Some(Node::Element(sec)) = cib.configuration_mut().children.get_mut(*section) else {
        return;
    };
    let mut start = *at;
    while start > 0 && matches!(sec.children.get(start - 1), Some(Node::Comment(_))) {
        start -= 1;
    }
    sec.children.drain(start..*at);
}

fn drop_references(cib: &mut Cib, id: &str) {
    let conf = cib.configuration_mut();
    if let Some(cons) = conf.child_mut("constraints") {
        cons.children.retain_mut(|n| match n {
            Node::Element(c) => {
                if REF_ATTRS.iter().any(|a| c.get(a) == Some(id)) {
                    return false;
                }
                let had_sets = c.elements().any(|s| s.name == "resource_set");
                for set in c.elements_mut().filter(|s| s.name == "resource_set") {
                    set.children
                        .retain(|r| !matches!(r, Node::Element(r) if r.id() == Some(id)));
                }
                c.children.retain(|s| {
                    !matches!(s, Node::Element(s) if s.name == "resource_set" && s.elements().next().is_none())
                });
                !had_sets || c.elements().any(|s| s.name == "resource_set")
            }
            _ => true,
        });
    }
    if let Some(tags) = conf.child_mut("tags") {
        for t in tags.elements_mut() {
            t.children
                .retain(|r| !matches!(r, Node::Element(r) if r.id() == Some(id)));
        }
        tags.children
            .retain(|t| !matches!(t, Node::Element(t) if t.elements().next().is_none()));
    }
}

/// Renames an object and every reference to it; sub-element ids keep
/// their names, as in crmsh.
pub fn rename_object(cib: &mut Cib, old: &str, new: &str) -> Result<()> {
    if !is_valid_id(new) {
        return Err(Error::new(ErrorKind::InvalidId {
            id: new.to_string(),
        }));
    }
    if objects(cib.configuration())
        .iter()
        .any(|o| o.id == new && o.kind != Kind::Node)
    {
        return Err(Error::new(ErrorKind::IdInUse {
            id: new.to_string(),
        }));
    }
    let Some(obj) = find_object(cib.configuration(), old, false) else {
        return Err(Error::new(ErrorKind::NoSuchObject {
            id: old.to_string(),
        }));
    };
    let path = obj.path;
    if let Some(e) = at_path_mut(cib.configuration_mut(), &path) {
        e.set("id", new);
    }
    rename_refs(cib.configuration_mut(), old, new);
    Ok(())
}

fn rename_refs(e: &mut Element, old: &str, new: &str) {
    for c in e.elements_mut() {
        for a in REF_ATTRS {
            if c.get(a) == Some(old) && c.name.starts_with("rsc_") {
                c.set(a, new);
            }
        }
        if matches!(c.name.as_str(), "resource_ref" | "obj_ref") && c.id() == Some(old) {
            c.set("id", new);
        }
        rename_refs(c, old, new);
    }
}
