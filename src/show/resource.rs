//! Resources: primitive, rsc_template, group, clone, ms, bundle
//! (crm-language §10.3).

use super::attrs::attr_set;
use super::style::Style;
use crate::agents::default_provider;
use crate::xml::Element;

/// Tags of elements that are resources of their own inside a container.
pub fn is_resource(tag: &str) -> bool {
    matches!(tag, "primitive" | "group" | "clone" | "master" | "bundle")
}

/// `description=...` as its own part, when present.
pub fn description(e: &Element, st: &Style, parts: &mut Vec<String>) {
    if let Some(d) = e.get("description") {
        parts.push(st.pair("description", d));
    }
}

/// `primitive ID SPEC` / `rsc_template ID SPEC`, then sets and ops.
pub fn primitive(e: &Element, st: &Style) -> Vec<String> {
    let keyword = if e.name == "template" {
        "rsc_template"
    } else {
        "primitive"
    };
    let id = e.id().unwrap_or("");
    let mut parts = vec![format!("{keyword} {id} {}", agent(e, st))];
    description(e, st, &mut parts);
    for c in e.elements() {
        match c.name.as_str() {
            "instance_attributes" => parts.push(attr_set("params", c, st)),
            "meta_attributes" => parts.push(attr_set("meta", c, st)),
            "utilization" => parts.push(attr_set("utilization", c, st)),
            "operations" => operations(c, st, &mut parts),
            _ => {}
        }
    }
    parts
}

/// The agent: `@TEMPLATE`, `TYPE` for ocf:heartbeat, else
/// `class:provider:type` or `class:type`.
fn agent(e: &Element, st: &Style) -> String {
    if let Some(t) = e.get("template") {
        return format!("@{t}");
    }
    let class = e.get("class").unwrap_or("");
    let ty = e.get("type").unwrap_or("");
    match e.get("provider") {
        Some("heartbeat")
            if class == "ocf" && (!st.lossless || default_provider(ty) == "heartbeat") =>
        {
            ty.to_string()
        }
        Some(p) => format!("{class}:{p}:{ty}"),
        None => format!("{class}:{ty}"),
    }
}

/// `operations $id=X` / `operations  $id-ref=X` (two spaces, as crmsh),
/// then one part per op, each followed by its op_params/op_meta parts.
fn operations(ops: &Element, st: &Style, parts: &mut Vec<String>) {
    if let Some(r) = ops.get("id-ref") {
        parts.push(format!("operations  $id-ref={r}"));
    } else if let Some(id) = ops.id() {
        parts.push(format!("operations $id={id}"));
    }
    for op in ops.elements().filter(|o| o.name == "op") {
        let mut w = vec!["op".to_string(), op.get("name").unwrap_or("").to_string()];
        for (k, v) in op.attrs() {
            if k == "name" || (k == "id" && st.explicit_id(op).is_none()) {
                continue;
            }
            w.push(st.pair(k, v));
        }
        parts.push(w.join(" "));
        for c in op.elements() {
            match c.name.as_str() {
                "instance_attributes" => parts.push(attr_set("op_params", c, st)),
                "meta_attributes" => parts.push(attr_set("op_meta", c, st)),
                _ => {}
            }
        }
    }
}

/// `group ID CHILD...`, `clone ID CHILD`, `ms ID CHILD`, then sets.
pub fn container(e: &Element, st: &Style) -> Vec<String> {
    let keyword = match e.name.as_str() {
        "master" => "ms",
        other => other,
    };
    let mut head = vec![keyword.to_string(), e.id().unwrap_or("").to_string()];
    head.extend(
        e.elements()
            .filter(|c| is_resource(&c.name))
            .map(|c| c.id().unwrap_or("").to_string()),
    );
    let mut parts = vec![head.join(" ")];
    description(e, st, &mut parts);
    for c in e.elements() {
        match c.name.as_str() {
            "instance_attributes" => parts.push(attr_set("params", c, st)),
            "meta_attributes" => parts.push(attr_set("meta", c, st)),
            _ => {}
        }
    }
    parts
}

/// `bundle ID`, then `docker ...`, `network ... port-mapping ...`,
/// `storage storage-mapping ...`, `meta ...`, `primitive ID` parts.
pub fn bundle(e: &Element, st: &Style) -> Vec<String> {
    let mut parts = vec![format!("bundle {}", e.id().unwrap_or(""))];
    description(e, st, &mut parts);
    let attrs = |x: &Element, w: &mut Vec<String>| {
        for (k, v) in x.attrs() {
            w.push(st.pair(k, v));
        }
    };
    for c in e.elements() {
        match c.name.as_str() {
            "docker" | "rkt" | "podman" => {
                let mut w = vec![c.name.to_string()];
                attrs(c, &mut w);
                parts.push(w.join(" "));
            }
            "network" | "storage" => {
                let mut w = vec![c.name.to_string()];
                attrs(c, &mut w);
                for m in c.elements() {
                    w.push(m.name.to_string());
                    attrs(m, &mut w);
                }
                parts.push(w.join(" "));
            }
            "meta_attributes" => parts.push(attr_set("meta", c, st)),
            "primitive" => parts.push(format!("primitive {}", c.id().unwrap_or(""))),
            _ => {}
        }
    }
    parts
}

/// Whether crmsh reads the bundle's text back as written: the pairs of a
/// `meta` part run on up to the next `network`, `storage` or `primitive`,
/// so a `docker`, `rkt` or second `meta` part after it would be read as
/// pairs of that set.
pub fn bundle_reparses(e: &Element) -> bool {
    let printed = |c: &&Element| {
        matches!(
            c.name.as_str(),
            "docker" | "rkt" | "podman" | "network" | "storage" | "meta_attributes" | "primitive"
        )
    };
    let parts: Vec<&str> = e
        .elements()
        .filter(printed)
        .map(|c| c.name.as_str())
        .collect();
    parts
        .windows(2)
        .all(|w| w[0] != "meta_attributes" || matches!(w[1], "network" | "storage" | "primitive"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    #[test]
    fn ops_and_operations() {
        let e = parse(r#"<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"><operations id="d1-ops"><op name="monitor" interval="120m" id="x"><instance_attributes id="y"><nvpair name="OCF_CHECK_LEVEL" value="10" id="z"/></instance_attributes></op></operations></primitive>"#).expect("xml");
        assert_eq!(
            primitive(&e, &Style::default()),
            vec![
                "primitive d1 ocf:pacemaker:Dummy",
                "operations $id=d1-ops",
                "op monitor interval=120m",
                "op_params OCF_CHECK_LEVEL=10"
            ]
        );
        let e = parse(r#"<primitive id="s5" class="stonith" type="ssh"><operations id-ref="d1-ops"/></primitive>"#).expect("xml");
        assert_eq!(
            primitive(&e, &Style::default()),
            vec!["primitive s5 stonith:ssh", "operations  $id-ref=d1-ops"]
        );
    }
}
