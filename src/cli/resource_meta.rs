//! Setting a meta attribute of a resource the way crmsh's
//! `set_deep_meta_attr` does (`start`, `stop`, `manage`, `unmanage`,
//! `maintenance`): on the outermost container (a group member keeps its
//! own), the same attribute removed where it would override the new value,
//! and the attribute that contradicts it (`maintenance` against
//! `is-managed`) removed where the user agrees.

use super::confirm::confirm;
use super::Output;
use crate::cib::{at_path_mut, find_object, Cib};
use crate::error::{Error, ErrorKind};
use crate::ids::IdStore;
use crate::kind::Kind;
use crate::notice::Said;
use crate::xml::{Element, Node};

/// crmsh's `core.manage_children`: what to do with a group member that
/// sets the attribute too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManageChildren {
    Ask,
    Never,
    Always,
}

impl ManageChildren {
    /// The `manage-children` option in force.
    pub fn in_force() -> ManageChildren {
        match crate::crm_conf::get("core", "manage_children").as_str() {
            "never" => ManageChildren::Never,
            "always" => ManageChildren::Always,
            _ => ManageChildren::Ask,
        }
    }
}

/// How questions are answered.
pub struct Answers<'a> {
    pub force: bool,
    pub manage_children: ManageChildren,
    pub out: &'a mut Output,
}

impl Answers<'_> {
    fn ask(&mut self, q: Said) -> bool {
        confirm(&q, self.force, self.out)
    }

    /// A question about a member: `always` and `never` answer it.
    fn ask_member(&mut self, q: Said) -> bool {
        match self.manage_children {
            ManageChildren::Always => true,
            ManageChildren::Never => false,
            ManageChildren::Ask => self.ask(q),
        }
    }
}

/// Sets `name=value` for the resource `id` (a tag stands for its
/// members) in `cib`.
pub fn set_deep_meta(
    cib: &mut Cib,
    id: &str,
    name: &str,
    value: &str,
    answers: &mut Answers,
) -> Result<(), Error> {
    let targets = targets(cib.configuration(), id)?;
    let mut store = IdStore::from_tree(cib.configuration());
    for path in targets {
        let Some(target) = at_path_mut(cib.configuration_mut(), &path) else {
            return Err(no_such(id));
        };
        set_on(target, name, value, answers, &mut store);
    }
    Ok(())
}

fn no_such(id: &str) -> Error {
    Error::new(ErrorKind::NoSuchResource { id: id.to_string() })
}

fn is_resource(kind: Kind) -> bool {
    kind.is_resource() && kind != Kind::Template
}

/// The paths of the elements that get the attribute.
fn targets(conf: &Element, id: &str) -> Result<Vec<Vec<usize>>, Error> {
    let mut ids = vec![id.to_string()];
    let mut seen = Vec::new();
    let mut paths = Vec::new();
    while let Some(next) = ids.pop() {
        if seen.contains(&next) {
            continue;
        }
        seen.push(next.clone());
        let Some(obj) = find_object(conf, &next, false) else {
            continue;
        };
        if obj.kind == Kind::Tag {
            // Members in their order.
            let members: Vec<String> = obj
                .elem
                .elements()
                .filter(|e| e.name == "obj_ref")
                .filter_map(|e| e.id().map(String::from))
                .collect();
            ids.extend(members.into_iter().rev());
            continue;
        }
        if !is_resource(obj.kind) {
            continue;
        }
        let path = target_path(conf, &obj.path, obj.kind);
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    if paths.is_empty() {
        return Err(no_such(id));
    }
    Ok(paths)
}

pub fn element_at<'a>(conf: &'a Element, path: &[usize]) -> Option<&'a Element> {
    let mut e = conf;
    for i in path {
        e = match e.children.get(*i)? {
            Node::Element(c) => c,
            _ => return None,
        };
    }
    Some(e)
}

fn is_container(name: &str) -> bool {
    matches!(name, "group" | "clone" | "master" | "bundle")
}

/// A group member keeps the attribute itself; anything else goes up to
/// the outermost container, which decides for what it holds.
fn target_path(conf: &Element, path: &[usize], kind: Kind) -> Vec<usize> {
    let mut path = path.to_vec();
    let parent_is = |p: &[usize], names: &dyn Fn(&str) -> bool| {
        p.len() > 1 && element_at(conf, &p[..p.len() - 1]).is_some_and(|e| names(e.name.as_str()))
    };
    if kind == Kind::Primitive && parent_is(&path, &|n| n == "group") {
        return path;
    }
    while parent_is(&path, &is_container) {
        path.pop();
    }
    path
}

fn conflicting(name: &str) -> Option<&'static str> {
    match name {
        "maintenance" => Some("is-managed"),
        "is-managed" => Some("maintenance"),
        _ => None,
    }
}

fn is_child_resource(e: &Element) -> bool {
    matches!(e.name.as_str(), "group" | "primitive")
}

fn has_meta(e: &Element, name: &str) -> bool {
    e.elements()
        .filter(|s| s.name == "meta_attributes")
        .any(|s| s.elements().any(|p| p.get("name") == Some(name)))
}

fn remove_own_meta(e: &mut Element, name: &str) {
    for set in e.elements_mut().filter(|s| s.name == "meta_attributes") {
        set.children.retain(
            |n| !matches!(n, Node::Element(p) if p.name == "nvpair" && p.get("name") == Some(name)),
        );
    }
}

/// crmsh's `rm_meta_attribute`: the attribute in `e`'s own sets and in
/// the resources inside it, except inside a group unless `all`.
fn remove_meta(e: &mut Element, name: &str, all: bool) {
    remove_own_meta(e, name);
    let in_group = e.name == "group";
    for c in e.elements_mut() {
        if all || (is_child_resource(c) && !in_group) {
            remove_meta(c, name, all);
        }
    }
}

/// The primitives anywhere inside `e` whose own meta sets name `attr`.
fn primitives_with(e: &Element, attr: &str, out: &mut Vec<String>) {
    for c in e.elements() {
        if c.name == "primitive" && has_meta(c, attr) {
            out.push(c.id().unwrap_or("").to_string());
        }
        primitives_with(c, attr, out);
    }
}

fn remove_from_primitive(e: &mut Element, id: &str, name: &str) {
    for c in e.elements_mut() {
        if c.name == "primitive" && c.id() == Some(id) {
            remove_meta(c, name, true);
        } else {
            remove_from_primitive(c, id, name);
        }
    }
}

fn set_on(
    target: &mut Element,
    name: &str,
    value: &str,
    answers: &mut Answers,
    store: &mut IdStore,
) {
    let conflict = conflicting(name);
    let target_id = target.id().unwrap_or("").to_string();
    sets_first(target);
    if target.name == "clone" {
        for c in target.elements_mut() {
            if is_child_resource(c) {
                remove_meta(c, name, false);
            }
        }
    }
    let holds_group = target.name == "group"
        || (target.name == "clone" && target.elements().any(|c| c.name == "group"));
    if answers.manage_children != ManageChildren::Never && holds_group {
        if let Some(other) = conflict {
            let mut odd = Vec::new();
            primitives_with(target, other, &mut odd);
            for child in odd {
                let q = Said::AskChildConflict {
                    attr: name.into(),
                    conflicting: other.into(),
                    child: child.clone(),
                };
                if answers.ask_member(q) {
                    remove_from_primitive(target, &child, other);
                }
            }
        }
        let mut odd = Vec::new();
        primitives_with(target, name, &mut odd);
        for child in odd {
            let q = Said::AskOverrideChild {
                attr: name.into(),
                child: child.clone(),
            };
            if answers.ask_member(q) {
                remove_from_primitive(target, &child, name);
            }
        }
    }
    if let Some(other) = conflict {
        if has_meta(target, other) {
            let q = Said::AskResourceConflict {
                attr: name.into(),
                conflicting: other.into(),
                rsc: target_id.clone(),
            };
            if answers.ask(q) {
                remove_own_meta(target, other);
            }
        }
    }
    remove_empty_sets(target);
    if has_meta(target, name) {
        for set in target
            .elements_mut()
            .filter(|s| s.name == "meta_attributes")
        {
            for p in set.elements_mut() {
                if p.name == "nvpair" && p.get("name") == Some(name) {
                    p.set("value", value);
                }
            }
        }
        return;
    }
    if target.child("meta_attributes").is_none() {
        // At the end, after the operations and members, as crmsh adds it.
        let set_id = store.free(&format!("{target_id}-meta_attributes"));
        store.insert(&set_id);
        target.push(Element::new("meta_attributes").with_attr("id", &set_id));
    }
    for set in target
        .elements_mut()
        .filter(|s| s.name == "meta_attributes")
    {
        let set_id = set.id().unwrap_or("").to_string();
        let pair_id = store.free(&format!("{set_id}-{name}"));
        store.insert(&pair_id);
        set.push(
            Element::new("nvpair")
                .with_attr("id", &pair_id)
                .with_attr("name", name)
                .with_attr("value", value),
        );
    }
}

/// crmsh writes a group or clone it changes with the attribute sets it
/// read before the members (a set it adds goes after them).
fn sets_first(e: &mut Element) {
    if !matches!(e.name.as_str(), "group" | "clone" | "master") {
        return;
    }
    let is_set = |n: &Node| {
        matches!(n, Node::Element(c)
            if matches!(c.name.as_str(), "meta_attributes" | "instance_attributes" | "utilization"))
    };
    let (sets, rest): (Vec<Node>, Vec<Node>) = std::mem::take(&mut e.children)
        .into_iter()
        .partition(|n| is_set(n));
    e.children = sets;
    e.children.extend(rest);
}

/// Attribute sets left empty (crmsh drops them; an `id-ref` set stays).
fn remove_empty_sets(e: &mut Element) {
    e.children.retain(|n| match n {
        Node::Element(s) => {
            !(matches!(
                s.name.as_str(),
                "meta_attributes" | "instance_attributes" | "utilization"
            ) && !s.has("id-ref")
                && s.children.is_empty())
        }
        _ => true,
    });
    for c in e.elements_mut() {
        remove_empty_sets(c);
    }
}

/// crmsh's promotable test: a `master`, or a clone with `promotable=true`.
pub fn is_promotable(cib: &Cib, id: &str) -> bool {
    let Some(obj) = find_object(cib.configuration(), id, false) else {
        return false;
    };
    match obj.elem.name.as_str() {
        "master" => true,
        "clone" => obj
            .elem
            .child("meta_attributes")
            .and_then(|s| {
                s.elements()
                    .find(|p| p.name == "nvpair" && p.get("name") == Some("promotable"))
            })
            .and_then(|p| p.get("value"))
            .is_some_and(|v| {
                matches!(
                    v.to_ascii_lowercase().as_str(),
                    "true" | "yes" | "1" | "on" | "y"
                )
            }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cib(text: &str) -> Cib {
        let mut cib = Cib::empty("pacemaker-3.9");
        crate::load::load_text(&mut cib, text, crate::cib::Method::Update).expect("loads");
        cib
    }

    fn xml(cib: &Cib, id: &str) -> String {
        find_object(cib.configuration(), id, false)
            .map(|o| crate::xml::to_string_compact(o.elem))
            .unwrap_or_default()
    }

    fn set(cib: &mut Cib, id: &str, name: &str, value: &str, force: bool) {
        let mut out = Output::new(true);
        let mut answers = Answers {
            force,
            manage_children: ManageChildren::Ask,
            out: &mut out,
        };
        set_deep_meta(cib, id, name, value, &mut answers).expect("sets");
    }

    #[test]
    fn a_clone_member_sets_it_on_the_clone_and_loses_its_own() {
        let mut c = cib("primitive d Dummy meta target-role=Started\nclone cl d\n");
        set(&mut c, "d", "target-role", "Stopped", false);
        let clone = xml(&c, "cl");
        assert!(
            clone.contains(r#"<nvpair id="cl-meta_attributes-target-role" name="target-role" value="Stopped"/>"#),
            "{clone}"
        );
        assert!(!xml(&c, "d").contains("target-role"), "{}", xml(&c, "d"));
    }

    #[test]
    fn a_group_member_keeps_it_itself() {
        let mut c = cib("primitive d Dummy\ngroup g d\n");
        set(&mut c, "d", "target-role", "Stopped", false);
        assert!(xml(&c, "d").contains("d-meta_attributes-target-role"));
        assert!(!xml(&c, "g").contains("g-meta_attributes"));
    }

    #[test]
    fn group_members_keep_theirs_unless_forced() {
        let text = "primitive d Dummy meta target-role=Started\ngroup g d\n";
        let mut c = cib(text);
        set(&mut c, "g", "target-role", "Stopped", false);
        assert!(xml(&c, "d").contains("target-role"));
        let mut c = cib(text);
        set(&mut c, "g", "target-role", "Stopped", true);
        assert!(!xml(&c, "d").contains("target-role"));
        assert!(xml(&c, "g").contains(r#"name="target-role" value="Stopped""#));
    }

    #[test]
    fn an_existing_pair_gets_the_new_value_in_place() {
        let mut c = cib("primitive d Dummy meta is-managed=true\n");
        set(&mut c, "d", "is-managed", "false", false);
        assert!(xml(&c, "d").contains(
            r#"<nvpair name="is-managed" value="false" id="d-meta_attributes-is-managed"/>"#
        ));
    }

    #[test]
    fn a_conflicting_attribute_stays_unless_confirmed() {
        let mut c = cib("primitive d Dummy meta maintenance=true\n");
        set(&mut c, "d", "is-managed", "false", false);
        assert!(xml(&c, "d").contains("maintenance"));
        set(&mut c, "d", "is-managed", "true", true);
        assert!(!xml(&c, "d").contains("maintenance"));
    }

    #[test]
    fn a_tag_stands_for_its_members_and_unknown_ids_are_errors() {
        let mut c = cib("primitive a Dummy\nprimitive b Dummy\ntag t a b\n");
        set(&mut c, "t", "target-role", "Stopped", false);
        assert!(xml(&c, "a").contains("target-role"));
        assert!(xml(&c, "b").contains("target-role"));
        let mut out = Output::new(true);
        let mut answers = Answers {
            force: false,
            manage_children: ManageChildren::Ask,
            out: &mut out,
        };
        let e = set_deep_meta(&mut c, "nope", "target-role", "Stopped", &mut answers).unwrap_err();
        assert_eq!(e.to_string(), "resource nope does not exist");
    }

    #[test]
    fn promotable_means_master_or_promotable_clone() {
        let c = cib(
            "primitive s Stateful\nclone c s meta promotable=true\nprimitive d Dummy\nclone e d\n",
        );
        assert!(is_promotable(&c, "c"));
        assert!(!is_promotable(&c, "s"));
        assert!(!is_promotable(&c, "e"));
    }
}
