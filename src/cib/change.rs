//! What another writer changed in the CIB, in words, for the message that
//! refuses a commit over it.

use super::{objects, Cib};
use std::collections::BTreeMap;

/// "changed by cibadmin (root) on node1 at …; added: a; changed: b".
pub fn describe_change(before: &Cib, after: &Cib) -> String {
    let mut parts = Vec::new();
    let root = &after.root;
    if let Some(client) = root.get("update-client") {
        let mut who = format!("last written by {client}");
        if let Some(user) = root.get("update-user") {
            who.push_str(&format!(" ({user})"));
        }
        if let Some(origin) = root.get("update-origin") {
            who.push_str(&format!(" on {origin}"));
        }
        if let Some(when) = root.get("cib-last-written") {
            who.push_str(&format!(" at {when}"));
        }
        parts.push(who);
    }
    let index = |cib: &Cib| -> BTreeMap<String, crate::xml::Element> {
        objects(cib.configuration())
            .into_iter()
            .map(|o| (o.id, o.elem.without_comments()))
            .collect()
    };
    let (old, new) = (index(before), index(after));
    let list = |ids: Vec<&String>| {
        ids.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let added: Vec<&String> = new.keys().filter(|k| !old.contains_key(*k)).collect();
    let removed: Vec<&String> = old.keys().filter(|k| !new.contains_key(*k)).collect();
    let changed: Vec<&String> = new
        .iter()
        .filter(|(k, v)| old.get(*k).is_some_and(|o| !o.same_as(v)))
        .map(|(k, _)| k)
        .collect();
    for (label, ids) in [("added", added), ("removed", removed), ("changed", changed)] {
        if !ids.is_empty() {
            parts.push(format!("{label}: {}", list(ids)));
        }
    }
    if parts.is_empty() {
        return "its version moved".into();
    }
    parts.join("; ")
}
