//! The schema rules Pacemaker enforces at commit that a crm file can
//! break (crm-language §11). Offline we are the only one to check them,
//! so an invalid configuration is refused before anything is written.

use super::Cib;
use crate::error::{Error, ErrorKind, ObjectName, Result};
use crate::fasthash::FxHashSet;
use crate::xml::Element;

/// Cluster options the 3.x schemas refuse (`options-3.0.rng` on).
const REMOVED_OPTIONS: [&str; 26] = [
    "cluster_recheck_interval",
    "dc_deadtime",
    "default-action-timeout",
    "default_action_timeout",
    "default-migration-threshold",
    "default_migration_threshold",
    "default-resource-failure-stickiness",
    "default_resource_failure_stickiness",
    "default-resource-stickiness",
    "default_resource_stickiness",
    "election_timeout",
    "expected-quorum-votes",
    "is-managed-default",
    "is_managed_default",
    "no_quorum_policy",
    "notification-agent",
    "notification-recipient",
    "remove_after_stop",
    "shutdown_escalation",
    "startup_fencing",
    "stonith_action",
    "stonith_enabled",
    "stop_orphan_actions",
    "stop_orphan_resources",
    "symmetric_cluster",
    "transition_idle_timeout",
];

const OLD_STACKS: [&str; 5] = [
    "heartbeat",
    "openais",
    "classic openais",
    "classic openais (with plugin)",
    "cman",
];

pub fn validate(cib: &Cib) -> Result<()> {
    let schema = cib.schema();
    let conf = cib.configuration();
    let mut ids = FxHashSet::default();
    let mut found = None;
    for section in conf.elements() {
        let object = (section.name == "fencing-topology").then(|| ObjectName {
            keyword: "fencing_topology".into(),
            id: String::new(),
        });
        walk(
            section,
            "configuration",
            object,
            &schema,
            &mut ids,
            &mut found,
        );
        if found.is_some() {
            break;
        }
    }
    match found {
        None => Ok(()),
        Some(kind) => Err(Error::new(kind)),
    }
}

/// Checks `e` and below; `object` is the configuration object holding it.
fn walk<'a>(
    e: &'a Element,
    parent: &str,
    object: Option<ObjectName>,
    schema: &crate::schema::Schema,
    ids: &mut FxHashSet<&'a str>,
    found: &mut Option<ErrorKind>,
) {
    let object = match super::object_kind(e, parent) {
        Some(kind) if kind != crate::kind::Kind::Fencing => Some(ObjectName {
            keyword: kind.name().to_string(),
            id: e.id().unwrap_or("").to_string(),
        }),
        _ => object,
    };
    if let Some(kind) = check(e, object.as_ref(), schema, ids) {
        *found = Some(kind);
        return;
    }
    for c in e.elements() {
        walk(c, &e.name, object.clone(), schema, ids, found);
        if found.is_some() {
            return;
        }
    }
}

/// Resource classes of the grammars (`resources-*.rng`); `ocf` alone
/// takes a provider.
const CLASSES: [&str; 8] = [
    "ocf",
    "lsb",
    "heartbeat",
    "stonith",
    "upstart",
    "service",
    "systemd",
    "nagios",
];

fn check<'a>(
    e: &'a Element,
    object: Option<&ObjectName>,
    schema: &crate::schema::Schema,
    ids: &mut FxHashSet<&'a str>,
) -> Option<ErrorKind> {
    let id = e.id().unwrap_or("");
    let schema_error = |message: String| {
        Some(ErrorKind::Schema {
            message,
            object: object.cloned(),
        })
    };
    // Node ids live in a namespace of their own (#085).
    if crate::ids::defines_id(e) && e.name != "node" && !id.is_empty() && !ids.insert(id) {
        return schema_error(format!("{id}: the id is used more than once"));
    }
    let invalid = |what: &str| {
        schema_error(format!(
            "{}{}: {what}",
            e.name,
            if id.is_empty() {
                String::new()
            } else {
                format!(" {id}")
            }
        ))
    };
    let this_object = || {
        object.cloned().unwrap_or_else(|| ObjectName {
            keyword: e.name.to_string(),
            id: id.to_string(),
        })
    };
    match e.name.as_str() {
        "node" => {
            if let Some(t) = e.get("type") {
                if !["member", "ping", "remote"].contains(&t) {
                    return invalid(&format!(
                        "node type \"{t}\" is not allowed by {}",
                        schema.name
                    ));
                }
            }
        }
        "primitive" | "template" => {
            let class = e.get("class").unwrap_or("");
            if e.has("class") && !CLASSES.contains(&class) {
                return Some(ErrorKind::UnknownResourceClass {
                    object: this_object(),
                    class: class.to_string(),
                    known: CLASSES.join(", "),
                });
            }
            if e.has("provider") && class != "ocf" {
                return invalid(&format!("class {class} does not take a provider"));
            }
            if e.name == "primitive" && !e.has("template") && !e.has("type") {
                return invalid("no resource agent type");
            }
        }
        "clone" | "master"
            if !e
                .elements()
                .any(|c| matches!(c.name.as_str(), "primitive" | "group")) =>
        {
            return invalid("a clone needs one primitive or group inside it");
        }
        "group" if !e.elements().any(|c| c.name == "primitive") => {
            return invalid("a group needs at least one primitive");
        }
        "rsc_location" if e.has("score-attribute") => {
            return Some(ErrorKind::LocationScoreAttribute {
                object: this_object(),
                score: e.get("score-attribute").unwrap_or("").to_string(),
            });
        }
        "rsc_colocation" | "rsc_order" | "rsc_location" | "rsc_ticket" => {
            if e.name != "rsc_location" && e.has("score-attribute") {
                return invalid("Invalid attribute score-attribute");
            }
            let has_sets = e.elements().any(|c| c.name == "resource_set");
            if e.name == "rsc_colocation" && has_sets && e.has("node-attribute") {
                return invalid("node-attribute cannot be combined with resource sets");
            }
            if !schema.is_next() {
                if let Some((a, _)) = e.attrs().iter().find(|(k, _)| k.ends_with("-instance")) {
                    return invalid(&format!("attribute {a} needs the pacemaker-next schema"));
                }
            }
        }
        "cluster_property_set" if schema.version >= (3, 0) => {
            for pair in e.elements().filter(|p| p.name == "nvpair") {
                let name = pair.get("name").unwrap_or("");
                let value = pair.get("value").unwrap_or("");
                let old_stack = name == "cluster-infrastructure" && OLD_STACKS.contains(&value);
                if REMOVED_OPTIONS.contains(&name) || old_stack {
                    return invalid(&format!(
                        "cluster option {name}={value} is not supported by {} (removed in Pacemaker 2.0)",
                        schema.name
                    ));
                }
            }
        }
        "acl_user" if schema.new_acls() => {
            return invalid(&format!(
                "acl_user is not allowed by {}; use acl_target",
                schema.name
            ));
        }
        _ => {}
    }
    None
}
