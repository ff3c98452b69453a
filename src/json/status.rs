//! `status json` and `resource status json`: what `crm_mon
//! --output-as=xml` reports (nodes, resources, failures, tickets, bans),
//! as typed data. The view reads crm_mon's XML, so the JSON says what
//! crm_mon says, never our own reading of the status section.

use super::config::Attribute;
use crate::xml::Element;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Status {
    pub summary: Summary,
    pub nodes: Vec<StatusNode>,
    pub resources: Vec<StatusResource>,
    pub failures: Vec<Failure>,
    pub tickets: Vec<Ticket>,
    pub bans: Vec<Ban>,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    /// `corosync`, `unknown` (a CIB file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
    /// The designated controller; absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dc: Option<Dc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_change: Option<String>,
    pub nodes_configured: u64,
    pub resources_configured: u64,
    pub resources_disabled: u64,
    pub resources_blocked: u64,
    /// crm_mon's `cluster_options` (`stonith-enabled`, `no-quorum-policy`, …).
    pub cluster_options: Vec<Attribute>,
}

#[derive(Debug, Serialize)]
pub struct Dc {
    pub name: String,
    pub id: String,
    pub version: String,
    pub with_quorum: bool,
}

#[derive(Debug, Serialize)]
pub struct StatusNode {
    pub name: String,
    pub id: String,
    /// `member`, `remote`, `ping`.
    #[serde(rename = "type")]
    pub kind: String,
    pub online: bool,
    pub standby: bool,
    pub maintenance: bool,
    pub pending: bool,
    pub unclean: bool,
    pub shutdown: bool,
    pub is_dc: bool,
    pub resources_running: u64,
    /// The node's transient and permanent attributes crm_mon shows
    /// (`-A`), in its order.
    pub attributes: Vec<Attribute>,
}

/// A resource as crm_mon reports it: a primitive (one instance of it),
/// or a group, clone, bundle or bundle replica holding `members`.
#[derive(Debug, Serialize)]
pub struct StatusResource {
    /// `primitive`, `group`, `clone`, `bundle`, `replica`.
    pub kind: &'static str,
    pub id: String,
    /// A primitive's `class:provider:type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// A primitive's current role (`Started`, `Stopped`, `Promoted`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_role: Option<String>,
    /// A primitive is active; a container has an active member.
    pub active: bool,
    pub managed: bool,
    pub failed: bool,
    /// The nodes a primitive runs on.
    pub nodes: Vec<String>,
    pub members: Vec<StatusResource>,
}

/// A failed operation (crm_mon's "Failed Resource Actions").
#[derive(Debug, Serialize)]
pub struct Failure {
    /// `RESOURCE_TASK_INTERVAL` (`web_start_0`).
    pub op_key: String,
    pub node: String,
    /// `error`, `not running`, …
    pub exitstatus: String,
    pub exitreason: String,
    pub exitcode: i64,
    pub call: i64,
    /// The execution status (`complete`, `Error`, `Timed Out`, …).
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_rc_change: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Ticket {
    pub id: String,
    /// `granted` or `revoked`.
    pub status: String,
    pub standby: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_granted: Option<String>,
}

/// A location constraint that keeps a resource off a node (`ban`).
#[derive(Debug, Serialize)]
pub struct Ban {
    pub id: String,
    pub resource: String,
    pub node: String,
    pub weight: i64,
    pub promoted_only: bool,
}

fn text(e: &Element, name: &str) -> String {
    e.get(name).unwrap_or_default().to_string()
}

fn opt(e: &Element, name: &str) -> Option<String> {
    e.get(name).map(String::from)
}

fn flag(e: &Element, name: &str, default: bool) -> bool {
    match e.get(name) {
        Some(v) => v == "true",
        None => default,
    }
}

fn number(e: &Element, name: &str) -> u64 {
    e.get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn signed(e: &Element, name: &str) -> i64 {
    e.get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn attributes(e: &Element) -> Vec<Attribute> {
    e.attrs()
        .iter()
        .map(|(name, value)| Attribute {
            name: name.to_string(),
            value: value.to_string(),
        })
        .collect()
}

fn children<'e>(e: Option<&'e Element>, name: &'e str) -> impl Iterator<Item = &'e Element> {
    e.into_iter()
        .flat_map(|e| e.elements())
        .filter(move |c| c.name == name)
}

/// The view of crm_mon's answer (`<pacemaker-result>`, or an older
/// `<crm_mon>` root: both hold the same sections).
pub fn status(root: &Element) -> Status {
    let summary = root.child("summary");
    let part = |name: &str| summary.and_then(|s| s.child(name));
    let dc = part("current_dc")
        .filter(|d| d.get("present") == Some("true"))
        .map(|d| Dc {
            name: text(d, "name"),
            id: text(d, "id"),
            version: text(d, "version"),
            with_quorum: flag(d, "with_quorum", false),
        });
    let configured = part("resources_configured");
    let summary = Summary {
        stack: part("stack").and_then(|s| opt(s, "type")),
        dc,
        last_change: part("last_change").and_then(|s| opt(s, "time")),
        nodes_configured: part("nodes_configured").map_or(0, |n| number(n, "number")),
        resources_configured: configured.map_or(0, |n| number(n, "number")),
        resources_disabled: configured.map_or(0, |n| number(n, "disabled")),
        resources_blocked: configured.map_or(0, |n| number(n, "blocked")),
        cluster_options: part("cluster_options").map(attributes).unwrap_or_default(),
    };
    let node_attributes = root.child("node_attributes");
    let nodes = children(root.child("nodes"), "node")
        .map(|n| {
            let name = text(n, "name");
            let attributes = children(node_attributes, "node")
                .filter(|a| a.get("name") == Some(name.as_str()))
                .flat_map(|a| a.elements().filter(|x| x.name == "attribute"))
                .map(|x| Attribute {
                    name: text(x, "name"),
                    value: text(x, "value"),
                })
                .collect();
            StatusNode {
                id: text(n, "id"),
                kind: n.get("type").unwrap_or("member").to_string(),
                online: flag(n, "online", false),
                standby: flag(n, "standby", false),
                maintenance: flag(n, "maintenance", false),
                pending: flag(n, "pending", false),
                unclean: flag(n, "unclean", false),
                shutdown: flag(n, "shutdown", false),
                is_dc: flag(n, "is_dc", false),
                resources_running: number(n, "resources_running"),
                attributes,
                name,
            }
        })
        .collect();
    let failures = children(root.child("failures"), "failure")
        .map(|f| Failure {
            op_key: f
                .get("op_key")
                .or(f.get("id"))
                .unwrap_or_default()
                .to_string(),
            node: text(f, "node"),
            exitstatus: text(f, "exitstatus"),
            exitreason: text(f, "exitreason"),
            exitcode: signed(f, "exitcode"),
            call: signed(f, "call"),
            status: text(f, "status"),
            task: opt(f, "task"),
            interval_ms: f.get("interval").and_then(|v| v.parse().ok()),
            last_rc_change: opt(f, "last-rc-change"),
        })
        .collect();
    let tickets = children(root.child("tickets"), "ticket")
        .map(|t| Ticket {
            id: text(t, "id"),
            status: text(t, "status"),
            standby: flag(t, "standby", false),
            last_granted: opt(t, "last-granted"),
        })
        .collect();
    let bans = children(root.child("bans"), "ban")
        .map(|b| Ban {
            id: text(b, "id"),
            resource: text(b, "resource"),
            node: text(b, "node"),
            weight: signed(b, "weight"),
            promoted_only: flag(b, "promoted-only", false) || flag(b, "master_only", false),
        })
        .collect();
    Status {
        summary,
        nodes,
        resources: resources(root.child("resources")),
        failures,
        tickets,
        bans,
    }
}

/// The resources of a crm_mon `<resources>` (or a container's) element.
pub fn resources(e: Option<&Element>) -> Vec<StatusResource> {
    e.into_iter()
        .flat_map(|e| e.elements())
        .filter_map(resource)
        .collect()
}

fn resource(e: &Element) -> Option<StatusResource> {
    let kind = match e.name.as_str() {
        "resource" => "primitive",
        "group" => "group",
        "clone" => "clone",
        "bundle" => "bundle",
        "replica" => "replica",
        _ => return None,
    };
    let members = if kind == "primitive" {
        Vec::new()
    } else {
        resources(Some(e))
    };
    let active = if kind == "primitive" {
        flag(e, "active", false)
    } else {
        members.iter().any(|m| m.active)
    };
    Some(StatusResource {
        kind,
        id: text(e, "id"),
        agent: opt(e, "resource_agent"),
        role: opt(e, "role"),
        target_role: opt(e, "target_role"),
        active,
        managed: flag(e, "managed", true),
        failed: flag(e, "failed", false),
        nodes: children(Some(e), "node").map(|n| text(n, "name")).collect(),
        members,
    })
}

/// `resource status json [ID…]`: the resources crm_mon lists, or those
/// with these ids (at any depth, every instance of a clone's member).
#[derive(Debug, Serialize)]
pub struct ResourceStatus {
    pub resources: Vec<StatusResource>,
}

pub fn resource_status(root: &Element, ids: &[&str]) -> ResourceStatus {
    let all = resources(root.child("resources"));
    if ids.is_empty() {
        return ResourceStatus { resources: all };
    }
    let mut found = Vec::new();
    fn pick(list: Vec<StatusResource>, ids: &[&str], found: &mut Vec<StatusResource>) {
        for mut r in list {
            if ids.contains(&r.id.as_str()) {
                found.push(r);
            } else {
                pick(std::mem::take(&mut r.members), ids, found);
            }
        }
    }
    pick(all, ids, &mut found);
    ResourceStatus { resources: found }
}
