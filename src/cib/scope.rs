//! The part of a configuration a change can affect, for the `crm_verify`
//! run before a live commit. crm_verify runs Pacemaker's whole scheduler,
//! whose cost grows faster than the configuration (a chain of 1,000
//! colocated groups takes it seconds); checking every object again for a
//! change to one would make a one-primitive commit cost as much as
//! loading them all.
//!
//! The scope of a change to resources and constraints is: the changed
//! top-level resources (whole, with their children), every constraint
//! that changed or names anything in them (or anything deleted), the
//! resources those constraints name, the templates the included
//! primitives use, and every fencing resource (the scheduler's checks of
//! fencing look at all of them). All other sections are small and kept
//! whole. A change to anything else (cluster options, defaults, nodes,
//! tags, …), a constraint naming resources by pattern, or a change
//! touching most of the objects checks the whole configuration.

use super::Cib;
use crate::xml::{Element, Node};
use std::collections::{HashMap, HashSet};

/// Attributes by which a constraint names resources (or tags).
const REFS: [&str; 4] = ["rsc", "with-rsc", "first", "then"];

/// The configuration `crm_verify` should check for the commit of `new`
/// over `old`: `new` with an empty status section (the cluster's history
/// only slows the scheduler down), cut to the change's scope.
pub fn verification_cib(old: &Cib, new: &Cib) -> Cib {
    let mut root = Element::from_parts(new.root.name.clone(), new.root.attrs().clone(), Vec::new());
    root.push(
        scoped(old.configuration(), new.configuration())
            .unwrap_or_else(|| new.configuration().clone()),
    );
    // An empty status, not none: without one crm_verify only does its
    // minimal checks (no scheduling, so e.g. duplicate operations pass).
    root.push(Element::new("status"));
    Cib {
        root,
        origins: Default::default(),
    }
}

fn section<'a>(conf: &'a Element, name: &str) -> Option<&'a Element> {
    conf.child(name)
}

fn by_id(section: Option<&Element>) -> HashMap<&str, &Element> {
    section
        .map(|s| {
            s.elements()
                .filter_map(|e| e.id().map(|i| (i, e)))
                .collect()
        })
        .unwrap_or_default()
}

/// Ids a constraint refers to.
fn references(c: &Element) -> Vec<&str> {
    let mut out: Vec<&str> = REFS.iter().filter_map(|a| c.get(a)).collect();
    c.walk(&mut |e| {
        if e.name == "resource_ref" {
            out.extend(e.id());
        }
    });
    out
}

/// `None` when the whole configuration is the scope.
fn scoped(old: &Element, new: &Element) -> Option<Element> {
    // Every section but resources and constraints unchanged.
    let others = |c: &Element| -> Vec<Element> {
        c.elements()
            .filter(|s| s.name != "resources" && s.name != "constraints")
            .cloned()
            .collect()
    };
    if others(old) != others(new) {
        return None;
    }
    let (old_res, new_res) = (
        by_id(section(old, "resources")),
        by_id(section(new, "resources")),
    );
    let (old_con, new_con) = (
        by_id(section(old, "constraints")),
        by_id(section(new, "constraints")),
    );
    let resources = section(new, "resources")?;
    // Every id inside each top-level resource, mapped to that resource.
    let mut top_of: HashMap<&str, &str> = HashMap::new();
    for r in resources.elements() {
        let top = r.id()?;
        r.walk(&mut |e| {
            if let Some(id) = e.id() {
                top_of.insert(id, top);
            }
        });
    }
    let changed: Vec<&str> = new_res
        .iter()
        .filter(|(id, e)| old_res.get(*id) != Some(*e))
        .map(|(id, _)| *id)
        .collect();
    // Ids the change touched: inside changed resources, and deleted ones.
    let mut touched: HashSet<&str> = HashSet::new();
    for id in &changed {
        if let Some(e) = new_res.get(id) {
            e.walk(&mut |x| touched.extend(x.id()));
        }
    }
    for (id, e) in &old_res {
        if !new_res.contains_key(id) {
            e.walk(&mut |x| touched.extend(x.id()));
        }
    }
    let mut kept_constraints: HashSet<&str> = HashSet::new();
    for (id, c) in &new_con {
        let refs = references(c);
        if old_con.get(id) != Some(c) || refs.iter().any(|r| touched.contains(r)) {
            if c.walk_any(&|e| e.has("rsc-pattern")) {
                return None;
            }
            kept_constraints.insert(id);
        }
    }
    let total = new_res.len() + new_con.len();
    if (changed.len() + kept_constraints.len()) * 2 > total {
        return None;
    }
    // The resources to keep: changed ones, those the kept constraints
    // name (through tags too), fencing devices, templates in use.
    let tags = tag_members(new);
    let mut kept: HashSet<&str> = changed.iter().copied().collect();
    for id in &kept_constraints {
        for r in references(new_con[id]) {
            for member in tags.get(r).map_or_else(|| vec![r], |m| m.clone()) {
                kept.extend(top_of.get(member).copied());
            }
        }
    }
    for r in resources.elements() {
        if r.walk_any(&|e| e.name == "primitive" && e.get("class") == Some("stonith")) {
            kept.extend(r.id());
        }
    }
    let mut templates: Vec<&str> = Vec::new();
    for id in &kept {
        if let Some(r) = new_res.get(id) {
            r.walk(&mut |e| templates.extend(e.get("template")));
        }
    }
    kept.extend(templates);
    let mut out = Element::from_parts(new.name.clone(), new.attrs().clone(), Vec::new());
    for n in &new.children {
        match n {
            Node::Element(s) if s.name == "resources" => {
                out.push(filtered(s, |e| e.id().is_some_and(|i| kept.contains(i))));
            }
            Node::Element(s) if s.name == "constraints" => {
                out.push(filtered(s, |e| {
                    e.id().is_some_and(|i| kept_constraints.contains(i))
                }));
            }
            other => out.push_node(other.clone()),
        }
    }
    Some(out)
}

fn filtered(section: &Element, keep: impl Fn(&Element) -> bool) -> Element {
    let children = section
        .elements()
        .filter(|e| keep(e))
        .cloned()
        .map(Node::Element)
        .collect();
    Element::from_parts(section.name.clone(), section.attrs().clone(), children)
}

/// Tag id → the ids it names.
fn tag_members(conf: &Element) -> HashMap<&str, Vec<&str>> {
    let mut out = HashMap::new();
    if let Some(tags) = conf.child("tags") {
        for t in tags.elements() {
            if let Some(id) = t.id() {
                out.insert(id, t.elements().filter_map(|r| r.id()).collect());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cib::Method;
    use crate::load::load_text;

    /// 100 primitives in 20 groups with locations and a colocation and an
    /// order chain, plus one fencing device.
    fn base() -> Cib {
        let mut text =
            String::from("property stonith-enabled=true\nprimitive fence stonith:fence_dummy\n");
        for i in 0..100 {
            text.push_str(&format!(
                "primitive p{i} ocf:pacemaker:Dummy op monitor interval=10s\n"
            ));
        }
        for g in 0..20 {
            let m: Vec<String> = (0..5).map(|j| format!("p{}", g * 5 + j)).collect();
            text.push_str(&format!(
                "group g{g} {}\nlocation l{g} g{g} 100: node1\n",
                m.join(" ")
            ));
            if g > 0 {
                text.push_str(&format!("colocation c{g} inf: g{g} g{}\n", g - 1));
            }
        }
        let mut cib = Cib::empty("pacemaker-3.9");
        load_text(&mut cib, &text, Method::Update).expect("loads");
        cib
    }

    fn ids(cib: &Cib, section: &str) -> Vec<String> {
        cib.configuration()
            .child(section)
            .map(|s| {
                s.elements()
                    .filter_map(|e| e.id().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn changed(base: &Cib, text: &str) -> Cib {
        let mut new = base.clone();
        load_text(&mut new, text, Method::Update).expect("loads");
        new
    }

    #[test]
    fn one_new_primitive_is_checked_with_the_fencing_devices_only() {
        let old = base();
        let new = changed(&old, "primitive one ocf:pacemaker:Dummy\n");
        let scope = verification_cib(&old, &new);
        assert_eq!(ids(&scope, "resources"), ["fence", "one"]);
        assert!(ids(&scope, "constraints").is_empty());
        assert_eq!(scope.root.child("status"), Some(&Element::new("status")));
    }

    #[test]
    fn a_changed_member_brings_its_group_its_constraints_and_their_resources() {
        let old = base();
        let new = changed(&old, "primitive p7 ocf:pacemaker:Dummy params fake=1\n");
        let scope = verification_cib(&old, &new);
        // p7 is in g1: l1, c1 (g1 with g0) and c2 (g2 with g1).
        assert_eq!(ids(&scope, "constraints"), ["l1", "c1", "c2"]);
        let mut res = ids(&scope, "resources");
        res.sort();
        assert_eq!(res, ["fence", "g0", "g1", "g2"]);
    }

    #[test]
    fn a_change_to_cluster_options_checks_everything() {
        let old = base();
        let new = changed(&old, "property no-quorum-policy=ignore\n");
        assert_eq!(
            verification_cib(&old, &new).configuration(),
            new.configuration()
        );
    }

    /// crm_verify finds in the scope the errors it finds in the whole
    /// configuration for what the change brought.
    #[test]
    fn crm_verify_reports_the_same_errors_on_the_scope() {
        let old = base();
        let text = "primitive bad ocf:pacemaker:Dummy op monitor interval=10s op monitor interval=10s role=Started meta requires=bogus\n\
                    colocation badc inf: bad p3\n";
        let new = changed(&old, text);
        let run = |cib: &Cib| crate::cib::process::crm_verify(&cib.to_xml());
        let whole = match run(&new) {
            Ok(Some(r)) => r,
            Ok(None) => {
                use std::io::Write;
                let _ = writeln!(std::io::stderr(), "SKIPPED crm_verify_reports_the_same_errors_on_the_scope: crm_verify is not installed");
                return;
            }
            Err(e) => e.to_string(),
        };
        let scoped = match run(&verification_cib(&old, &new)) {
            Ok(r) => r.unwrap_or_default(),
            Err(e) => e.to_string(),
        };
        let errors = |r: &str| -> Vec<String> {
            let mut v: Vec<String> = r
                .lines()
                .filter(|l| l.contains("error:"))
                .map(String::from)
                .collect();
            v.sort();
            v.dedup();
            v
        };
        assert!(!errors(&whole).is_empty(), "the change has errors: {whole}");
        assert_eq!(errors(&scoped), errors(&whole));
    }
}
