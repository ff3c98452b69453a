//! References between objects, checked by our own code whether or not
//! Pacemaker's grammar is installed: `@template`, `$id-ref`, ACL `ref:`
//! and roles, constraint members (errors, as Pacemaker refuses them), tag
//! members and fencing devices (warnings, as crmsh gives: Pacemaker
//! accepts them).

use crate::cib::{object_kind, objects, Cib};
use crate::error::{Error, ErrorKind, Notice, ObjectName, Reference, Result};
use crate::fasthash::{FxHashMap, FxHashSet};
use crate::kind::Kind;
use crate::xml::Element;

/// Attributes of constraints that name a resource.
const MEMBER_ATTRS: [&str; 4] = ["rsc", "with-rsc", "first", "then"];

pub fn name_of(kind: Kind, e: &Element) -> ObjectName {
    ObjectName {
        keyword: kind.name().to_string(),
        id: if kind == Kind::Fencing {
            String::new()
        } else {
            e.id().unwrap_or("").to_string()
        },
    }
}

/// Visits `e` and what it holds, except the objects nested in it (the
/// primitives of a group are objects of their own).
fn walk_own<'a>(e: &'a Element, f: &mut impl FnMut(&'a Element)) {
    f(e);
    for c in e.elements() {
        if object_kind(c, &e.name).is_none() {
            walk_own(c, f);
        }
    }
}

/// Errors for references Pacemaker refuses; warnings (for the objects in
/// `changed`, or all when `None`) for those crmsh only warns about.
pub fn check(cib: &Cib, changed: Option<&FxHashSet<String>>) -> Result<Vec<Notice>> {
    let conf = cib.configuration();
    let mut by_id: FxHashMap<&str, &Element> = FxHashMap::default();
    conf.walk(&mut |e| {
        if crate::ids::defines_id(e) {
            if let Some(id) = e.id() {
                by_id.entry(id).or_insert(e);
            }
        }
    });
    let resources: FxHashSet<&str> = objects(conf)
        .into_iter()
        .filter(|o| o.kind.is_resource() || matches!(o.kind, Kind::Template | Kind::Tag))
        .map(|o| o.elem.id().unwrap_or(""))
        .collect();
    let is_node = |name: &str| {
        conf.child("nodes").is_some_and(|n| {
            n.elements()
                .any(|e| e.get("uname").or(e.id()) == Some(name))
        })
    };
    let mut notices = Vec::new();
    for o in objects(conf) {
        let object = || name_of(o.kind, o.elem);
        let missing = |what, id: &str| {
            Err(Error::new(ErrorKind::MissingReference {
                object: object(),
                what,
                id: id.to_string(),
            }))
        };
        let mut problem: Result<()> = Ok(());
        walk_own(o.elem, &mut |e| {
            if problem.is_err() {
                return;
            }
            if let Some(target) = e.get("id-ref") {
                if by_id.get(target).is_none_or(|t| t.name != e.name) {
                    problem = missing(Reference::IdRef, target);
                    return;
                }
            }
            match e.name.as_str() {
                "primitive" => {
                    if let Some(t) = e.get("template") {
                        if by_id.get(t).is_none_or(|t| t.name != "template") {
                            problem = missing(Reference::Template, t);
                        }
                    }
                }
                "acl_permission" | "permission" => {
                    if let Some(r) = e.get("reference") {
                        if !by_id.contains_key(r) {
                            problem = missing(Reference::AclReference, r);
                        }
                    }
                }
                "role" | "role_ref" if !matches!(o.kind, Kind::Role) => {
                    let role = e.id().unwrap_or("");
                    let known = by_id
                        .get(role)
                        .is_some_and(|t| matches!(t.name.as_str(), "acl_role" | "role"));
                    if !known {
                        problem = missing(Reference::AclRole, role);
                    }
                }
                "rsc_location" | "rsc_colocation" | "rsc_order" | "rsc_ticket" | "resource_set" => {
                    let mut members: Vec<&str> =
                        MEMBER_ATTRS.iter().filter_map(|a| e.get(a)).collect();
                    if e.name == "resource_set" {
                        members.extend(
                            e.elements()
                                .filter(|r| r.name == "resource_ref")
                                .filter_map(|r| r.id()),
                        );
                    }
                    if let Some(m) = members.into_iter().find(|m| !resources.contains(m)) {
                        problem = Err(Error::new(ErrorKind::MissingConstraintResource {
                            constraint: o.id.clone(),
                            rsc: m.to_string(),
                        })
                        .did_you_mean(m, resources.iter().copied()));
                    }
                }
                _ => {}
            }
        });
        problem?;
        if changed.is_some_and(|c| !c.contains(&o.id)) {
            continue;
        }
        match o.kind {
            Kind::Tag => {
                for r in o.elem.elements().filter(|r| r.name == "obj_ref") {
                    let id = r.id().unwrap_or("");
                    if !by_id.contains_key(id) {
                        notices.push(Notice::TagMemberMissing {
                            tag: o.id.clone(),
                            id: id.to_string(),
                        });
                    }
                }
            }
            Kind::Fencing => {
                for level in o.elem.elements() {
                    if let Some(target) = level.get("target") {
                        if !is_node(target) {
                            notices.push(Notice::FencingTargetNotNode {
                                target: target.to_string(),
                            });
                        }
                    }
                    let devices = level.get("devices").unwrap_or("");
                    for d in devices.split(',').filter(|d| !d.is_empty()) {
                        if !resources.contains(d) {
                            notices.push(Notice::FencingDeviceMissing {
                                device: d.to_string(),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(notices)
}
