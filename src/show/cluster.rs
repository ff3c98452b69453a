//! Nodes, property/rsc_defaults/op_defaults sets, fencing_topology, tags
//! (crm-language §10.3).

use super::attrs::{attr_set, nvpair};
use super::layout::is_plain;
use super::resource::description;
use super::rule::rule;
use super::style::Style;
use crate::xml::Element;

/// `node [ID: | $id="ID"] UNAME[:TYPE]`, description, `attributes`,
/// `utilization` parts.
pub fn node(e: &Element, st: &Style) -> Vec<String> {
    let id = e.id().unwrap_or("");
    let uname = e.get("uname").unwrap_or(id);
    let mut head = vec!["node".to_string()];
    if id != uname {
        if is_plain(id) {
            head.push(format!("{id}:"));
        } else {
            head.push(format!("$id=\"{}\"", id.replace('"', "\\\"")));
        }
    }
    match e.get("type") {
        Some(t) if t != "normal" || st.lossless => head.push(format!("{uname}:{t}")),
        _ => head.push(uname.to_string()),
    }
    let mut parts = vec![head.join(" ")];
    description(e, st, &mut parts);
    for c in e.elements() {
        match c.name.as_str() {
            "instance_attributes" => parts.push(attr_set("attributes", c, st)),
            "utilization" => parts.push(attr_set("utilization", c, st)),
            _ => {}
        }
    }
    parts
}

/// `property ID:` (`rsc_defaults`, `op_defaults`), one part per rule and
/// one per pair.
pub fn nvset(keyword: &str, e: &Element, st: &Style) -> Vec<String> {
    let id = e.id().unwrap_or("");
    let head = if let Some(r) = e.get("id-ref") {
        format!("{keyword} $id-ref={r}")
    } else if set_name(id, st.lossless) {
        format!("{keyword} {id}:")
    } else {
        format!("{keyword} $id=\"{}\"", id.replace('"', "\\\""))
    };
    let mut parts = vec![head];
    for c in e.elements() {
        match c.name.as_str() {
            "rule" => parts.push(rule(c, st)),
            "nvpair" => parts.push(nvpair(c, st)),
            _ => {}
        }
    }
    parts
}

/// Whether a set id prints as `ID:`. crmsh uses its value rule (so
/// `my.set:` is printed, fails its own check and falls back to xml); the
/// parser only takes `[\w-]+:`, which lossless printing follows.
fn set_name(id: &str, lossless: bool) -> bool {
    if !lossless {
        return is_plain(id);
    }
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A fencing target as printed and its levels' devices in index order.
type Targets = Vec<(String, Vec<(u64, String)>)>;

/// `fencing_topology DEV...` when every node has the same levels (and
/// only nodes are targets), else one part per target: `NODE: DEV...`,
/// `attr:N=V DEV...`, `pattern:RE DEV...` in first-appearance order.
pub fn fencing(e: &Element, st: &Style) -> Vec<String> {
    let mut targets: Targets = Vec::new();
    let mut all_nodes = true;
    for l in e.elements().filter(|l| l.name == "fencing-level") {
        let target = if let Some(a) = l.get("target-attribute") {
            all_nodes = false;
            format!("attr:{a}={}", l.get("target-value").unwrap_or(""))
        } else if let Some(p) = l.get("target-pattern") {
            all_nodes = false;
            format!("pattern:{p}")
        } else {
            format!("{}:", l.get("target").unwrap_or(""))
        };
        let index = l.get("index").and_then(|i| i.parse().ok()).unwrap_or(0);
        let devices = l.get("devices").unwrap_or("").to_string();
        match targets.iter_mut().find(|(t, _)| *t == target) {
            Some((_, levels)) => levels.push((index, devices)),
            None => targets.push((target, vec![(index, devices)])),
        }
    }
    for (_, levels) in targets.iter_mut() {
        levels.sort_by_key(|(i, _)| *i);
    }
    let lists: Vec<String> = targets
        .iter()
        .map(|(_, levels)| {
            levels
                .iter()
                .map(|(_, d)| d.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let same = lists.windows(2).all(|w| w[0] == w[1]);
    let compact =
        !st.lossless && all_nodes && !lists.is_empty() && same && targets.len() == st.node_count;
    if compact {
        return vec![format!("fencing_topology {}", lists[0])];
    }
    let mut parts = vec!["fencing_topology".to_string()];
    for ((target, _), devs) in targets.iter().zip(lists) {
        parts.push(format!("{target} {devs}"));
    }
    parts
}

/// `tag ID REF...` (no colon).
pub fn tag(e: &Element) -> Vec<String> {
    let mut w = vec!["tag".to_string(), e.id().unwrap_or("").to_string()];
    w.extend(e.elements().map(|r| r.id().unwrap_or("").to_string()));
    vec![w.join(" ")]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    #[test]
    fn node_heads() {
        let st = Style::default();
        let n = |x: &str| node(&parse(x).expect("xml"), &st).join(" \\ ");
        assert_eq!(
            n(r#"<node id="testid" uname="node-1"/>"#),
            "node testid: node-1"
        );
        assert_eq!(
            n(r#"<node id="nid4" uname="node-4" type="member"/>"#),
            "node nid4: node-4:member"
        );
        assert_eq!(n(r#"<node id="n" uname="n" type="normal"/>"#), "node n");
        assert_eq!(n(r#"<node id="a b" uname="n"/>"#), "node $id=\"a b\" n");
        let p = r#"<cluster_property_set id="my.set"><nvpair name="a" value="1" id="my.set-a"/></cluster_property_set>"#;
        let p = parse(p).expect("xml");
        assert_eq!(nvset("property", &p, &st), vec!["property my.set:", "a=1"]);
        let lossless = Style {
            lossless: true,
            ..Style::default()
        };
        assert_eq!(
            nvset("property", &p, &lossless)[0],
            "property $id=\"my.set\""
        );
    }

    #[test]
    fn fencing_forms() {
        let mut st = Style {
            node_count: 1,
            ..Style::default()
        };
        let f = |x: &str, st: &Style| fencing(&parse(x).expect("xml"), st).join(" \\ ");
        let one = r#"<fencing-topology><fencing-level target="v" index="1" devices="a,b" id="fencing"/></fencing-topology>"#;
        assert_eq!(f(one, &st), "fencing_topology a,b");
        st.lossless = true;
        assert_eq!(f(one, &st), "fencing_topology \\ v: a,b");
        assert_eq!(f("<fencing-topology/>", &st), "fencing_topology");
        let mixed = r#"<fencing-topology><fencing-level index="2" devices="p" target-attribute="rack" target-value="1"/><fencing-level index="1" devices="q" target-attribute="rack" target-value="1"/><fencing-level index="1" devices="q" target-pattern="n.*"/></fencing-topology>"#;
        assert_eq!(
            f(mixed, &st),
            "fencing_topology \\ attr:rack=1 q p \\ pattern:n.* q"
        );
    }
}
