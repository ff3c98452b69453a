//! crmsh's test of whether its text of an object is good enough: the
//! reparsed element must equal the stored one with children compared as
//! a multiset (crmsh sorts both child lists by tag and attributes, except
//! inside resource sets, where order is meaning). Primitives all share
//! one sort key, so the members of a group keep their order; everything
//! else may come in any order, e.g. a group's `<meta_attributes>` after
//! its members.

use crate::xml::{Element, Node};

/// Whether `a` and `b` are equal for crmsh, attributes filtered by `keep`.
pub fn crmsh_equal(a: &Element, b: &Element, keep: &dyn Fn(&Element, &str) -> bool) -> bool {
    if a.name != b.name || !same_attrs(a, b, keep) || text(a) != text(b) {
        return false;
    }
    let mut ca = children(a);
    let mut cb = children(b);
    if ca.len() != cb.len() {
        return false;
    }
    if a.name != "resource_set" {
        let keys = |c: &Child| sort_key(c, keep);
        ca.sort_by_cached_key(keys);
        cb.sort_by_cached_key(keys);
    }
    ca.iter().zip(&cb).all(|pair| match pair {
        (Child::Element(x), Child::Element(y)) => crmsh_equal(x, y, keep),
        (Child::Comment(x), Child::Comment(y)) => x.trim() == y.trim(),
        _ => false,
    })
}

enum Child<'a> {
    Element(&'a Element),
    Comment(&'a str),
}

fn children(e: &Element) -> Vec<Child<'_>> {
    e.children
        .iter()
        .filter_map(|n| match n {
            Node::Element(c) => Some(Child::Element(c)),
            Node::Comment(c) => Some(Child::Comment(c)),
            Node::Text(_) => None,
        })
        .collect()
}

fn text(e: &Element) -> String {
    let mut s = String::new();
    for n in &e.children {
        if let Node::Text(t) = n {
            s.push_str(t);
        }
    }
    s.trim().to_string()
}

fn same_attrs(a: &Element, b: &Element, keep: &dyn Fn(&Element, &str) -> bool) -> bool {
    fn pick<'e>(e: &'e Element, keep: &dyn Fn(&Element, &str) -> bool) -> Vec<(&'e str, &'e str)> {
        let mut v: Vec<(&str, &str)> = e.attrs().iter().filter(|(k, _)| keep(e, k)).collect();
        v.sort_unstable();
        v
    }
    pick(a, keep) == pick(b, keep)
}

/// crmsh's key: the tag (a comment's text) followed by the sorted list of
/// its attribute names and values together; every primitive sorts alike.
/// Ids that are not compared are left out of the key too, so that both
/// sides sort the same way.
fn sort_key(c: &Child, keep: &dyn Fn(&Element, &str) -> bool) -> String {
    match c {
        Child::Comment(t) => t.trim().to_string(),
        Child::Element(e) if e.name == "primitive" => e.name.to_string(),
        Child::Element(e) => {
            let mut words: Vec<&str> = Vec::new();
            for (k, v) in e.attrs().iter().filter(|(k, _)| keep(e, k)) {
                words.push(k);
                words.push(v);
            }
            words.sort_unstable();
            let mut key = e.name.to_string();
            for w in words {
                key.push_str(w);
            }
            key
        }
    }
}
