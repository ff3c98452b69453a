//! Cluster options and defaults against Pacemaker's names; fencing
//! topology targets and devices; the nodes a location names.

use super::resources::RESOURCE_META;
use super::{Context, Finding};
use crate::cib::Object;
use crate::kind::Kind;
use crate::notice::Check;
use crate::xml::Element;

/// Options Pacemaker sets itself, which its metadata does not list.
const SET_BY_PACEMAKER: &[&str] = &[
    "cluster-infrastructure",
    "cluster-name",
    "dc-version",
    "last-lrm-refresh",
];

/// The attributes an operation takes (Pacemaker's schema), which is what
/// `op_defaults` may set.
const OP_ATTRIBUTES: &[&str] = &[
    "description",
    "enabled",
    "id",
    "interval",
    "interval-origin",
    "name",
    "on-fail",
    "record-pending",
    "requires",
    "role",
    "start-delay",
    "timeout",
];

/// `property` (only the `cib-bootstrap-options` set: other sets hold
/// agents' own state), `rsc_defaults` and `op_defaults`.
pub fn nvset(ctx: &Context, o: &Object, out: &mut Vec<Finding>) {
    let options: Vec<&str>;
    let known: &[&str] = match o.kind {
        Kind::Property => {
            if o.id != "cib-bootstrap-options" {
                return;
            }
            let Some(all) = ctx.registry.cluster_options() else {
                if ctx.noted.borrow_mut().insert("cluster options".into()) {
                    out.push(Finding::note(Check::OptionsNotChecked));
                }
                return;
            };
            options = all
                .iter()
                .map(|p| p.name.as_str())
                .chain(SET_BY_PACEMAKER.iter().copied())
                .collect();
            &options
        }
        Kind::RscDefaults => RESOURCE_META,
        _ => OP_ATTRIBUTES,
    };
    for n in o.elem.elements().filter(|e| e.name == "nvpair") {
        let Some(name) = n.get("name") else { continue };
        if !known.contains(&name) {
            out.push(
                Finding::warning(Check::UnknownAttribute {
                    id: o.id.clone(),
                    name: name.to_string(),
                })
                .suggest(name, known.iter().copied()),
            );
        }
    }
}

fn is_node(ctx: &Context, name: &str) -> bool {
    ctx.nodes.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// A stonith primitive, or one made from a stonith template.
fn is_stonith(ctx: &Context, elem: &Element) -> bool {
    let head = match elem.get("template") {
        Some(t) => match ctx.objects.get(t) {
            Some((_, e)) => *e,
            None => return false,
        },
        None => elem,
    };
    head.get("class") == Some("stonith")
}

/// Each level's target is a node, each device a stonith resource.
pub fn fencing(ctx: &Context, elem: &Element, out: &mut Vec<Finding>) {
    let levels: Vec<&Element> = elem
        .elements()
        .filter(|e| e.name == "fencing-level")
        .collect();
    for target in levels.iter().filter_map(|l| l.get("target")) {
        if !is_node(ctx, target) {
            out.push(
                Finding::warning(Check::FencingTarget {
                    target: target.to_string(),
                })
                .suggest(target, ctx.nodes.iter().map(String::as_str)),
            );
        }
    }
    for devices in levels.iter().filter_map(|l| l.get("devices")) {
        for dev in devices.split(',') {
            match ctx.objects.get(dev) {
                None => {
                    let stonith = ctx
                        .objects
                        .iter()
                        .filter(|(_, (k, e))| *k == Kind::Primitive && is_stonith(ctx, e))
                        .map(|(id, _)| id.as_str());
                    out.push(
                        Finding::warning(Check::FencingDevice {
                            device: dev.to_string(),
                        })
                        .suggest(dev, stonith),
                    );
                }
                Some((Kind::Primitive, e)) if is_stonith(ctx, e) => {}
                Some(_) => out.push(Finding::warning(Check::NotStonith {
                    device: dev.to_string(),
                })),
            }
        }
    }
}

/// The node a location scores, and the nodes its rules compare `#uname`
/// with, exist.
pub fn location(ctx: &Context, o: &Object, out: &mut Vec<Finding>) {
    let mut named: Vec<&str> = o.elem.get("node").into_iter().collect();
    for rule in o.elem.elements().filter(|e| e.name == "rule") {
        for e in rule.elements().filter(|e| e.name == "expression") {
            if e.get("attribute") == Some("#uname") {
                named.extend(e.get("value"));
            }
        }
    }
    for node in named {
        if !is_node(ctx, node) {
            out.push(
                Finding::warning(Check::NodeMissing {
                    id: o.id.clone(),
                    node: node.to_string(),
                })
                .suggest(node, ctx.nodes.iter().map(String::as_str)),
            );
        }
    }
}
