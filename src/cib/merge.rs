//! Merging a parsed statement into the stored object it names
//! (lossless-writes §4): the stored element S is how the object is written
//! down, the parsed element P is what the user means. The result is S with
//! P's meaning: what P does not change keeps S's ids, attribute order,
//! element order and comments, and an object whose text says nothing new
//! is not touched at all.
//!
//! Children are paired slot by slot ([`super::slots`]): explicit id, then
//! key, then equal content, then position. Paired children merge
//! recursively; new ones go right after the nearest paired sibling that
//! precedes them in P (toml_edit's "after the last sibling"); unpaired
//! stored ones go, unless the policy is union or the text cannot show them.

use super::slots::{
    invisible, is_default, key, pairing, same_value, slot_of, union_passes, unordered, Pairing,
    MEMBERS,
};
use crate::error::ErrorKind;
use crate::fasthash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::ids::defines_id;
use crate::xml::{Attrs, Element, Node};
use std::collections::VecDeque;

/// What a merge needs besides the two elements.
pub(super) struct Cx<'a> {
    /// Ids that have a statement of their own in the batch: an embedded
    /// copy of such a member (`xml <bundle …>`) never overrides it.
    pub own: &'a HashSet<String>,
    /// Globs of secret parameter names (`passw*`): a masked value that
    /// arrives for one of them keeps the stored secret (§4.10).
    pub obscure: &'a [String],
    /// P's ids were generated for a throwaway copy (a node found by
    /// uname): they never rename a stored element.
    pub ignore_parsed_ids: bool,
    pub warnings: Vec<String>,
}

/// How a level merges.
#[derive(Debug, Clone, Copy)]
struct Level {
    /// Union: stored children and attributes the text leaves out stay.
    union: bool,
    /// The object's own element, whose comments are its text-level decor.
    root: bool,
}

/// The value `show` prints for a masked secret.
const MASK: &str = "******";

/// Merges P into S. `None`: P says nothing S does not already say, so S
/// stays exactly as it is.
pub(super) fn merge(s: &Element, p: &Element, union: bool, cx: &mut Cx) -> Option<Element> {
    merge_at(s, p, cx, Level { union, root: true })
}

fn merge_at(s: &Element, p: &Element, cx: &mut Cx, lv: Level) -> Option<Element> {
    let attrs = merge_attrs(s, p, cx, lv.union);
    let children = merge_children(s, p, cx, lv);
    if attrs.is_none() && children.is_none() && s.name == p.name {
        return None;
    }
    Some(Element::from_parts(
        p.name.clone(),
        attrs.unwrap_or_else(|| s.attrs().clone()),
        children.unwrap_or_else(|| s.children.clone()),
    ))
}

/// S's attributes with P's values, in S's order (new ones appended); an
/// id or a default value P leaves out stays, and under union everything
/// P leaves out stays.
fn merge_attrs(s: &Element, p: &Element, cx: &mut Cx, union: bool) -> Option<Attrs> {
    let mut out: Option<Attrs> = None;
    for (k, v) in p.attrs() {
        if k == "id" && cx.ignore_parsed_ids && s.has("id") {
            continue;
        }
        match s.get(k) {
            Some(sv) if same_value(k, sv, v) => continue,
            Some(_) if is_masked_secret(p, k, v, cx.obscure) => {
                let kind = ErrorKind::MaskedSecretKept {
                    name: p.get("name").unwrap_or("").to_string(),
                    id: s.id().unwrap_or("").to_string(),
                };
                cx.warnings.push(kind.to_string());
                continue;
            }
            None if is_default(&s.name, k, v) => continue,
            _ => {}
        }
        out.get_or_insert_with(|| s.attrs().clone()).set(k, v);
    }
    for (k, v) in s.attrs() {
        if p.has(k) || k == "id" || union || is_default(&s.name, k, v) {
            continue;
        }
        out.get_or_insert_with(|| s.attrs().clone()).remove(k);
    }
    out
}

fn is_masked_secret(p: &Element, attr: &str, value: &str, globs: &[String]) -> bool {
    p.name == "nvpair"
        && attr == "value"
        && value == MASK
        && globs
            .iter()
            .any(|g| crate::show::glob(g, p.get("name").unwrap_or("")))
}

/// Comment texts compared word by word and without one leading `#`:
/// `show` prints an object's comment as crmsh does (`# ` put before a text
/// that has none, the lines of an `xml` statement re-indented), and that
/// text loaded back says nothing new (the comment is then kept as stored).
fn same_comments<'a>(a: impl Iterator<Item = &'a str>, b: impl Iterator<Item = &'a str>) -> bool {
    let a: Vec<&str> = a.collect();
    let b: Vec<&str> = b.collect();
    let words = |c: &'a str| {
        let c = c.trim();
        c.strip_prefix('#').unwrap_or(c).split_whitespace()
    };
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| words(x).eq(words(y)))
}

fn node_text(n: &Node) -> &str {
    match n {
        Node::Comment(c) | Node::Text(c) => c,
        Node::Element(_) => "",
    }
}

/// A stored element child with the comments (and text) right before it,
/// which live and die with it.
struct Unit {
    lead: Vec<usize>,
    elem: usize,
}

/// What happens to a stored unit.
#[derive(Clone, Copy, PartialEq)]
enum Fate {
    /// Paired with P's element of this index.
    Paired(usize),
    Kept,
    Dropped,
}

fn merge_children(s: &Element, p: &Element, cx: &mut Cx, lv: Level) -> Option<Vec<Node>> {
    // The stored side: units, the object's own comments, the tail.
    let mut units: Vec<Unit> = Vec::new();
    let mut own_comments: Vec<usize> = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    for (i, n) in s.children.iter().enumerate() {
        match n {
            Node::Element(_) => units.push(Unit {
                lead: std::mem::take(&mut pending),
                elem: i,
            }),
            Node::Comment(_) if lv.root => own_comments.push(i),
            _ => pending.push(i),
        }
    }
    let tail = pending;
    let s_elem = |u: &Unit| match &s.children[u.elem] {
        Node::Element(e) => e,
        _ => unreachable!("units are elements"),
    };

    // The parsed side.
    let mut p_elems: Vec<&Element> = Vec::new();
    let mut p_lead: Vec<Vec<&Node>> = Vec::new();
    let mut p_pending: Vec<&Node> = Vec::new();
    let mut p_own: Vec<&str> = Vec::new();
    for n in &p.children {
        match n {
            Node::Element(e) => {
                p_elems.push(e);
                p_lead.push(std::mem::take(&mut p_pending));
            }
            Node::Comment(c) if lv.root => p_own.push(c),
            Node::Comment(_) => p_pending.push(n),
            Node::Text(t) if !t.trim().is_empty() => p_pending.push(n),
            Node::Text(_) => {}
        }
    }
    let p_tail = p_pending;

    let mut changed = false;
    // The object's own comments: P's replace S's when the texts differ;
    // under union (property sets, nodes) the text's comments are not
    // merged, as in crmsh.
    let s_own: Vec<&str> = own_comments
        .iter()
        .filter_map(|&i| match &s.children[i] {
            Node::Comment(c) => Some(c.as_str()),
            _ => None,
        })
        .collect();
    let own_changed =
        lv.root && !lv.union && !same_comments(s_own.iter().copied(), p_own.iter().copied());
    changed |= own_changed;
    // Deeper comments only count when P has some (an `xml` statement or
    // `load xml`); crm text cannot say them, so S's stay.
    let p_deep = p_lead.iter().any(|l| !l.is_empty()) || !p_tail.is_empty();
    if p_deep {
        let s_deep: Vec<&Node> = units
            .iter()
            .flat_map(|u| u.lead.iter())
            .chain(tail.iter())
            .map(|&i| &s.children[i])
            .filter(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()))
            .collect();
        let p_all: Vec<&Node> = p_lead
            .iter()
            .flatten()
            .chain(p_tail.iter())
            .copied()
            .collect();
        changed |= !same_comments(
            s_deep.iter().map(|n| node_text(n)),
            p_all.iter().map(|n| node_text(n)),
        );
    }

    // Pairing, slot by slot.
    let child_level = |child: &str| Level {
        union: lv.union && union_passes(&s.name, child),
        root: false,
    };
    let mut fate: Vec<Fate> = vec![Fate::Dropped; units.len()];
    let mut p_unit: Vec<Option<usize>> = vec![None; p_elems.len()];
    let mut known_same: Vec<bool> = vec![false; p_elems.len()];
    let mut slots: Vec<(&str, Vec<usize>, Vec<usize>)> = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        let slot = slot_of(&s.name, s_elem(u));
        match slots.iter_mut().find(|(n, _, _)| *n == slot) {
            Some(entry) => entry.1.push(ui),
            None => slots.push((slot, vec![ui], Vec::new())),
        }
    }
    for (pi, e) in p_elems.iter().enumerate() {
        let slot = slot_of(&p.name, e);
        match slots.iter_mut().find(|(n, _, _)| *n == slot) {
            Some(entry) => entry.2.push(pi),
            None => slots.push((slot, Vec::new(), vec![pi])),
        }
    }
    for (slot, su, sp) in &slots {
        if su.is_empty() || sp.is_empty() {
            continue;
        }
        let pair = |ui: usize, pi: usize, fate: &mut [Fate], p_unit: &mut [Option<usize>]| {
            fate[ui] = Fate::Paired(pi);
            p_unit[pi] = Some(ui);
        };
        // 1. Explicit ids.
        if !cx.ignore_parsed_ids && *slot != MEMBERS {
            let by_id: HashMap<&str, usize> = su
                .iter()
                .filter_map(|&ui| s_elem(&units[ui]).id().map(|id| (id, ui)))
                .collect();
            for &pi in sp {
                let e = p_elems[pi];
                if !defines_id(e) {
                    continue;
                }
                if let Some(&ui) = e.id().and_then(|id| by_id.get(id)) {
                    if fate[ui] == Fate::Dropped {
                        pair(ui, pi, &mut fate, &mut p_unit);
                    }
                }
            }
        }
        let how = pairing(slot);
        // 2. Keys.
        if how != Pairing::Position {
            let mut by_key: HashMap<String, VecDeque<usize>> = HashMap::default();
            for &ui in su.iter().filter(|&&ui| fate[ui] == Fate::Dropped) {
                by_key
                    .entry(key(s_elem(&units[ui])))
                    .or_default()
                    .push_back(ui);
            }
            for &pi in sp {
                if p_unit[pi].is_some() {
                    continue;
                }
                if let Some(ui) = by_key
                    .get_mut(&key(p_elems[pi]))
                    .and_then(|q| q.pop_front())
                {
                    pair(ui, pi, &mut fate, &mut p_unit);
                }
            }
        }
        if how == Pairing::Key {
            continue;
        }
        let rest_s: Vec<usize> = su
            .iter()
            .copied()
            .filter(|&ui| fate[ui] == Fate::Dropped)
            .collect();
        let rest_p: Vec<usize> = sp
            .iter()
            .copied()
            .filter(|&pi| p_unit[pi].is_none())
            .collect();
        // 3. Equal content (worth it only when position could pair wrongly;
        // bounded so that a huge keyless slot stays linear).
        if rest_s.len() > 1 && rest_p.len() > 1 && rest_s.len() * rest_p.len() <= 4096 {
            for &pi in &rest_p {
                for &ui in &rest_s {
                    if fate[ui] != Fate::Dropped {
                        continue;
                    }
                    let level = child_level(&p_elems[pi].name);
                    if merge_at(s_elem(&units[ui]), p_elems[pi], cx, level).is_none() {
                        pair(ui, pi, &mut fate, &mut p_unit);
                        known_same[pi] = true;
                        break;
                    }
                }
            }
        }
        // 4. Position.
        let rest_s: Vec<usize> = rest_s
            .into_iter()
            .filter(|&ui| fate[ui] == Fate::Dropped)
            .collect();
        let rest_p: Vec<usize> = rest_p
            .into_iter()
            .filter(|&pi| p_unit[pi].is_none())
            .collect();
        for (ui, pi) in rest_s.into_iter().zip(rest_p) {
            pair(ui, pi, &mut fate, &mut p_unit);
        }
    }

    // Unpaired stored units: kept under union and when the text cannot
    // show them; container members go (the caller returns them to the
    // top level).
    for (ui, u) in units.iter().enumerate() {
        if fate[ui] != Fate::Dropped {
            continue;
        }
        let e = s_elem(u);
        let member = slot_of(&s.name, e) == MEMBERS;
        if !member && (lv.union || invisible(e)) {
            fate[ui] = Fate::Kept;
        } else {
            changed = true;
        }
    }

    // Paired children merge; members are objects of their own and stay
    // as they are unless P embeds a full copy that has no statement.
    let mut results: Vec<Option<Element>> = vec![None; p_elems.len()];
    for (pi, e) in p_elems.iter().enumerate() {
        let Some(ui) = p_unit[pi] else {
            changed = true;
            continue;
        };
        if known_same[pi] {
            continue;
        }
        let se = s_elem(&units[ui]);
        if slot_of(&p.name, e) == MEMBERS
            && (e.name == "crmsh-ref" || e.id().is_some_and(|id| cx.own.contains(id)))
        {
            continue;
        }
        results[pi] = merge_at(se, e, cx, child_level(&e.name));
        changed |= results[pi].is_some();
    }

    // Ordered slots take P's order over the positions their paired
    // members hold in S.
    let mut content: Vec<usize> = (0..units.len()).collect();
    for (slot, su, _) in &slots {
        if unordered(slot) {
            continue;
        }
        let positions: Vec<usize> = su
            .iter()
            .copied()
            .filter(|&ui| matches!(fate[ui], Fate::Paired(_)))
            .collect();
        let mut by_p: Vec<(usize, usize)> = positions
            .iter()
            .filter_map(|&ui| match fate[ui] {
                Fate::Paired(pi) => Some((pi, ui)),
                _ => None,
            })
            .collect();
        by_p.sort_unstable();
        for (pos, (_, ui)) in positions.iter().zip(by_p) {
            if content[*pos] != ui {
                content[*pos] = ui;
                changed = true;
            }
        }
    }

    if !changed {
        return None;
    }

    // Where new elements go: after the nearest preceding paired element
    // of P, else before the first paired one, else at the end.
    let mut where_placed: Vec<usize> = vec![0; units.len()];
    for (pos, &ui) in content.iter().enumerate() {
        where_placed[ui] = pos;
    }
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    let mut at_end: Vec<usize> = Vec::new();
    let mut before_first: Vec<usize> = Vec::new();
    let mut first_pos: Option<usize> = None;
    let mut last: Option<usize> = None;
    for (pi, unit) in p_unit.iter().enumerate() {
        match unit {
            Some(ui) => {
                let pos = where_placed[*ui];
                first_pos.get_or_insert(pos);
                last = Some(pos);
            }
            // Where order means nothing (pairs, ops) a new one follows
            // the last of its kind, as crmsh appends; under union new
            // sets are appended too.
            None if unordered(slot_of(&p.name, p_elems[pi])) || lv.union => {
                let slot = slot_of(&p.name, p_elems[pi]);
                let last_of_slot = (0..units.len()).rev().find(|&pos| {
                    let ui = content[pos];
                    fate[ui] != Fate::Dropped && slot_of(&s.name, s_elem(&units[ui])) == slot
                });
                match last_of_slot {
                    Some(pos) => after[pos].push(pi),
                    None if lv.union => at_end.push(pi),
                    None => match last {
                        Some(pos) => after[pos].push(pi),
                        None => before_first.push(pi),
                    },
                }
            }
            None => match last {
                Some(pos) => after[pos].push(pi),
                None => before_first.push(pi),
            },
        }
    }
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    match first_pos {
        Some(pos) => before[pos] = before_first,
        None => at_end.extend(before_first),
    }

    let mut out: Vec<Node> = Vec::with_capacity(s.children.len() + p_elems.len());
    let push_new = |out: &mut Vec<Node>, pi: usize| {
        if p_deep {
            out.extend(p_lead[pi].iter().map(|n| (*n).clone()));
        }
        out.push(Node::Element(p_elems[pi].clone()));
    };
    if own_changed && own_comments.is_empty() {
        out.extend(p_own.iter().map(|c| Node::Comment(c.to_string())));
    }
    let mut own_done = false;
    let mut unit_at: Vec<Option<usize>> = vec![None; s.children.len()];
    for (ui, u) in units.iter().enumerate() {
        unit_at[u.elem] = Some(ui);
    }
    for (i, n) in s.children.iter().enumerate() {
        if lv.root && matches!(n, Node::Comment(_)) {
            if !own_changed {
                out.push(n.clone());
            } else if !own_done {
                out.extend(p_own.iter().map(|c| Node::Comment(c.to_string())));
                own_done = true;
            }
            continue;
        }
        let Some(pos) = unit_at[i] else { continue };
        for &pi in &before[pos] {
            push_new(&mut out, pi);
        }
        let ui = content[pos];
        let u = &units[ui];
        match fate[ui] {
            Fate::Dropped => {}
            Fate::Kept => {
                out.extend(u.lead.iter().map(|&j| s.children[j].clone()));
                out.push(s.children[u.elem].clone());
            }
            Fate::Paired(pi) => {
                if p_deep {
                    out.extend(p_lead[pi].iter().map(|n| (*n).clone()));
                } else {
                    out.extend(u.lead.iter().map(|&j| s.children[j].clone()));
                }
                match results[pi].take() {
                    Some(m) => out.push(Node::Element(m)),
                    None => out.push(s.children[u.elem].clone()),
                }
            }
        }
        for &pi in &after[pos] {
            push_new(&mut out, pi);
        }
    }
    for &pi in &at_end {
        push_new(&mut out, pi);
    }
    if p_deep {
        out.extend(p_tail.iter().map(|n| (*n).clone()));
    } else {
        out.extend(tail.iter().map(|&j| s.children[j].clone()));
    }
    Some(out)
}

#[cfg(test)]
mod tests;
