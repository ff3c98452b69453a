//! crmsh's id derivation (crm-language §9), the one place that knows it.
//!
//! Ids are generated when an object is applied, walking its element
//! depth-first in document order. Each element that needs an id and has
//! none gets a candidate derived from the prefix (the nearest ancestor's
//! id) and its tag; a candidate already taken anywhere in the CIB becomes
//! `candidate-0`, `-1`, ... The store is global, so the same statement can
//! get different ids in different CIBs: callers pass every id in use.

use crate::fasthash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::xml::{Element, Node};

/// Every id in use in a CIB.
#[derive(Debug, Clone, Default)]
pub struct IdStore {
    ids: HashSet<String>,
    /// Per candidate, a number below which every `candidate-N` is taken:
    /// without it, n elements with one candidate cost n² lookups (a rule
    /// of 10,000 terms took a minute).
    taken_below: std::cell::RefCell<HashMap<String, usize>>,
}

impl IdStore {
    pub fn new() -> Self {
        IdStore::default()
    }

    /// All ids defined in an element tree (references excluded).
    pub fn from_tree(root: &Element) -> Self {
        let mut s = IdStore::new();
        s.add_tree(root);
        s
    }

    pub fn add_tree(&mut self, root: &Element) {
        root.walk(&mut |e| {
            if defines_id(e) {
                if let Some(id) = e.id() {
                    self.ids.insert(id.to_string());
                }
            }
        });
    }

    pub fn remove_tree(&mut self, root: &Element) {
        root.walk(&mut |e| {
            if defines_id(e) {
                if let Some(id) = e.id() {
                    if self.ids.remove(id) {
                        self.freed(id);
                    }
                }
            }
        });
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    pub fn insert(&mut self, id: &str) {
        self.ids.insert(id.to_string());
    }

    pub fn remove(&mut self, id: &str) {
        if self.ids.remove(id) {
            self.freed(id);
        }
    }

    /// `candidate-N` is free again: the search for `candidate` must look
    /// at N again.
    fn freed(&self, id: &str) {
        if let Some((base, n)) = id.rsplit_once('-') {
            if let Ok(n) = n.parse::<usize>() {
                if let Some(below) = self.taken_below.borrow_mut().get_mut(base) {
                    *below = (*below).min(n);
                }
            }
        }
    }

    /// The candidate itself when free, else the first free `candidate-N`.
    pub fn free(&self, candidate: &str) -> String {
        if !self.contains(candidate) {
            return candidate.to_string();
        }
        let start = self
            .taken_below
            .borrow()
            .get(candidate)
            .copied()
            .unwrap_or(0);
        for n in start.. {
            let c = format!("{candidate}-{n}");
            if !self.contains(&c) {
                self.taken_below
                    .borrow_mut()
                    .insert(candidate.to_string(), n);
                return c;
            }
        }
        unreachable!("the counter is unbounded")
    }
}

/// Whether an element's `id` attribute names the element itself (rather
/// than referring to another one).
pub fn defines_id(e: &Element) -> bool {
    !matches!(
        e.name.as_str(),
        "resource_ref" | "obj_ref" | "crmsh-ref" | "role_ref" | "role"
    ) && !e.has("id-ref")
}

/// Elements that never get a generated id.
fn needs_id(e: &Element) -> bool {
    if e.has("id-ref") {
        return false;
    }
    !matches!(
        e.name.as_str(),
        "operations"
            | "fencing-topology"
            | "network"
            | "docker"
            | "rkt"
            | "podman"
            | "storage"
            | "select"
            | "select_nodes"
            | "select_fencing"
            | "select_resources"
            | "select_attributes"
            | "resource_ref"
            | "obj_ref"
            | "crmsh-ref"
            | "role_ref"
            | "role"
            | "crm_config"
            | "rsc_defaults"
            | "op_defaults"
    )
}

/// The id crmsh would first try for `e` under `prefix`.
pub fn candidate(e: &Element, prefix: &str) -> String {
    let prefix =
        if !prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_digit()) && e.name != "node" {
            format!("num-{prefix}")
        } else {
            prefix.to_string()
        };
    match e.name.as_str() {
        "nvpair" => format!("{prefix}-{}", e.get("name").unwrap_or("")),
        "op" => match e.get("interval") {
            Some(i) => format!("{prefix}-{}-{i}", e.get("name").unwrap_or("")),
            None => format!("{prefix}-{}", e.get("name").unwrap_or("")),
        },
        "instance_attributes"
        | "meta_attributes"
        | "utilization"
        | "rule"
        | "duration"
        | "date_spec"
        | "read"
        | "write"
        | "deny" => format!("{prefix}-{}", e.name),
        "expression" | "date_expression" => format!("{prefix}-expression"),
        _ => prefix,
    }
}

/// The key by which an element of an updated object reuses an old id.
fn match_key(e: &Element) -> String {
    let keys: &[&str] = match e.name.as_str() {
        "nvpair" => &["name"],
        "op" => &["name", "interval"],
        "rule" => &["score", "score-attribute", "role"],
        "expression" => &["attribute", "operation", "value"],
        "node" => &["uname"],
        "fencing-level" => &["target", "devices"],
        "recipient" => &["value"],
        _ => &[],
    };
    let mut k = e.name.to_string();
    for a in keys {
        k.push('\u{1}');
        k.push_str(e.get(a).unwrap_or(""));
    }
    k
}

/// Old ids of a replaced object, by match key, each usable once.
#[derive(Debug, Default)]
pub struct Reuse {
    by_key: HashMap<String, Vec<String>>,
}

impl Reuse {
    pub fn from_old(old: &Element) -> Self {
        let mut r = Reuse::default();
        for c in old.elements() {
            c.walk(&mut |e| {
                if needs_id(e) {
                    if let Some(id) = e.id() {
                        r.by_key
                            .entry(match_key(e))
                            .or_default()
                            .push(id.to_string());
                    }
                }
            });
        }
        for v in r.by_key.values_mut() {
            v.reverse();
        }
        r
    }

    fn take(&mut self, e: &Element) -> Option<String> {
        self.by_key.get_mut(&match_key(e))?.pop()
    }
}

/// Fills in the missing ids below `root` (whose own id is set), the way
/// crmsh's `postprocess` does; registers every id in `store`.
pub fn generate(root: &mut Element, store: &mut IdStore, mut reuse: Option<&mut Reuse>) {
    let prefix = prefix_of(root, "");
    if let Some(id) = root.id() {
        if defines_id(root) {
            store.insert(id);
        }
    }
    walk(root, &prefix, store, &mut reuse);
}

fn prefix_of(e: &Element, inherited: &str) -> String {
    // Roots without an id use a hint: the fencing topology's levels are
    // `fencing`, `fencing-0`, ... (crm-language §9).
    if e.name == "fencing-topology" {
        return "fencing".into();
    }
    if e.name == "node" {
        if let Some(u) = e.get("uname") {
            return u.to_string();
        }
    }
    match e.id() {
        Some(id) if defines_id(e) => id.to_string(),
        _ => inherited.to_string(),
    }
}

fn walk(e: &mut Element, prefix: &str, store: &mut IdStore, reuse: &mut Option<&mut Reuse>) {
    for child in e.children.iter_mut() {
        let Node::Element(c) = child else { continue };
        if needs_id(c) {
            match c.id() {
                Some(id) => store.insert(id),
                None => {
                    let reused = reuse
                        .as_deref_mut()
                        .and_then(|r| r.take(c))
                        .filter(|id| !store.contains(id));
                    let id = reused.unwrap_or_else(|| store.free(&candidate(c, prefix)));
                    store.insert(&id);
                    c.set("id", &id);
                }
            }
        }
        let p = prefix_of(c, prefix);
        walk(c, &p, store, reuse);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    fn gen(xml: &str, taken: &[&str]) -> String {
        let mut e = parse(xml).expect("xml");
        let mut store = IdStore::new();
        for t in taken {
            store.insert(t);
        }
        generate(&mut e, &mut store, None);
        crate::xml::to_string_compact(&e)
    }

    #[test]
    fn nvpairs_ops_and_collisions() {
        let out = gen(
            r#"<primitive id="c1"><instance_attributes><nvpair name="fake"/><nvpair name="fake"/></instance_attributes><instance_attributes/><operations><op name="monitor" interval="10s"/><op name="start" interval="0"/></operations></primitive>"#,
            &[],
        );
        assert!(
            out.contains(r#"id="c1-instance_attributes-fake"/>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"id="c1-instance_attributes-fake-0""#),
            "{out}"
        );
        assert!(
            out.contains(r#"<instance_attributes id="c1-instance_attributes-0"/>"#),
            "{out}"
        );
        assert!(out.contains(r#"id="c1-monitor-10s""#), "{out}");
        assert!(out.contains(r#"id="c1-start-0""#), "{out}");
    }

    #[test]
    fn sets_collide_with_their_parent_and_numeric_prefixes_get_num() {
        let out = gen(
            r#"<rsc_order id="o1"><resource_set><resource_ref id="a"/></resource_set><resource_set/></rsc_order>"#,
            &[],
        );
        assert!(out.contains(r#"<resource_set id="o1-0">"#), "{out}");
        assert!(out.contains(r#"<resource_set id="o1-1"/>"#), "{out}");
        let out = gen(
            r#"<x id="1"><instance_attributes/></x>"#,
            &["num-1-instance_attributes"],
        );
        assert!(out.contains(r#"id="num-1-instance_attributes-0""#), "{out}");
    }
}
