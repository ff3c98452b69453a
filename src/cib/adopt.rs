//! Containers taking in their children (crm-language §2.5–2.6): a new
//! group, clone, ms or bundle moves the named resources inside itself and
//! existing constraints on those children follow the container.

use super::objects::objects;
use super::top_index::{take_object, TopIndex};
use super::Cib;
use crate::error::{Error, ErrorKind, Result};
use crate::kind::Kind;
use crate::parse::Statement;
use crate::xml::{Element, Node};

/// Moves the named child resources into a container and redirects
/// existing constraints that named them (crm-language §2.5–2.6).
/// `staying` are the members a changed container already holds.
pub(super) fn adopt_children(
    cib: &mut Cib,
    elem: &mut Element,
    st: &Statement,
    top: &mut TopIndex,
    notes: &mut Vec<String>,
    staying: &[String],
) -> Result<()> {
    let parent_name = format!("{}:{}", st.kind.name(), st.id);
    let mut i = 0;
    let mut adopted = Vec::new();
    while i < elem.children.len() {
        let Node::Element(c) = &elem.children[i] else {
            i += 1;
            continue;
        };
        if c.id().is_some_and(|id| staying.iter().any(|s| s == id)) {
            i += 1;
            continue;
        }
        // `xml <group>` statements name their children as elements: an
        // existing resource of that id is moved in, as with a reference.
        let named_existing = matches!(c.name.as_str(), "primitive" | "group")
            && c.id().is_some_and(|id| top.find(cib, id).is_some());
        if c.name != "crmsh-ref" && !named_existing {
            i += 1;
            continue;
        }
        let child_id = c.id().unwrap_or("").to_string();
        // crmsh drops the reference and lets the schema refuse the empty
        // container at commit; saying so here is clearer.
        let Some(obj) = top.find(cib, &child_id) else {
            let conf = cib.configuration();
            let known: Vec<String> = objects(conf)
                .into_iter()
                .filter(|o| o.kind.is_resource())
                .map(|o| o.id)
                .collect();
            return Err(Error::at(
                ErrorKind::MissingChild {
                    parent: st.id.clone(),
                    child: child_id.clone(),
                },
                st.span,
            )
            .did_you_mean(&child_id, known.iter().map(String::as_str)));
        };
        let ok = match st.kind {
            Kind::Group => obj.kind == Kind::Primitive,
            Kind::Clone | Kind::Master => matches!(obj.kind, Kind::Primitive | Kind::Group),
            _ => obj.kind == Kind::Primitive,
        };
        if !ok {
            let kind = if st.kind == Kind::Group {
                ErrorKind::GroupChildNotPrimitive {
                    group: st.id.clone(),
                    child: child_id.clone(),
                    kind: obj.kind.name().to_string(),
                }
            } else {
                ErrorKind::ContainerChildKind {
                    parent: st.id.clone(),
                    child: child_id.clone(),
                    kind: obj.kind.name().to_string(),
                }
            };
            return Err(Error::at(kind, st.span));
        }
        if obj.path.len() > 2 {
            let container = container_at(cib.configuration(), &obj.path);
            return Err(Error::at(
                ErrorKind::ChildInOtherContainer {
                    parent: parent_name.clone(),
                    child: format!("{}:{child_id}", obj.kind.name()),
                    other: container,
                },
                st.span,
            ));
        }
        let path = obj.path.clone();
        let conf = cib.configuration_mut();
        let Some(child) = take_object(conf, &path) else {
            i += 1;
            continue;
        };
        elem.children[i] = Node::Element(child);
        adopted.push(child_id);
        i += 1;
    }
    redirect_constraints(cib, &st.id, &adopted, notes);
    Ok(())
}

fn container_at(config: &Element, path: &[usize]) -> String {
    let mut e = config;
    for i in &path[..path.len() - 1] {
        if let Some(Node::Element(c)) = e.children.get(*i) {
            e = c;
        }
    }
    let kind = Kind::from_element(&e.name, "").map_or("resource", |k| k.name());
    format!("{kind}:{}", e.id().unwrap_or(""))
}

pub(super) const REF_ATTRS: [&str; 4] = ["rsc", "with-rsc", "first", "then"];

fn redirect_constraints(
    cib: &mut Cib,
    container: &str,
    children: &[String],
    notes: &mut Vec<String>,
) {
    if children.is_empty() {
        return;
    }
    let Some(cons) = cib.configuration_mut().child_mut("constraints") else {
        return;
    };
    let mut silly = Vec::new();
    for (i, node) in cons.children.iter_mut().enumerate() {
        let Node::Element(c) = node else { continue };
        let cid = c.id().unwrap_or("").to_string();
        for a in REF_ATTRS {
            if let Some(v) = c.get(a).map(String::from) {
                if children.contains(&v) {
                    c.set(a, container);
                    notes.push(format!(
                        "modified {}:{cid} from {v} to {container}",
                        constraint_word(&c.name)
                    ));
                }
            }
        }
        let refs: Vec<&str> = REF_ATTRS.iter().filter_map(|a| c.get(a)).collect();
        if refs.len() == 2 && refs[0] == refs[1] {
            silly.push(i);
        }
    }
    for i in silly.into_iter().rev() {
        cons.children.remove(i);
    }
}

fn constraint_word(tag: &str) -> &'static str {
    match tag {
        "rsc_location" => "location",
        "rsc_colocation" => "colocation",
        "rsc_order" => "order",
        _ => "rsc_ticket",
    }
}
