//! Re-analysis after a change of one statement without applying all the
//! others again: applying 5,000 statements costs far more than the 200 ms
//! an editor may wait, and almost all of it is the other statements'
//! elements being made again exactly as before.
//!
//! The analysis keeps the CIB of every good statement applied at once
//! (when applying them failed at most on references to what does not
//! exist). When exactly one statement was edited (same kind and id), added
//! or removed, and it is a primitive or a simple constraint standing alone
//! at the top of its section, that object's element is taken out of that
//! CIB, the new statement applied alone and its element put where
//! applying everything would have put it. What applying everything again
//! would then find follows from that CIB: the constraints naming what does
//! not exist, in the order they are applied, are refused one after the
//! other (as [`super::analysis`] leaves them out and applies again, at
//! most [`MAX_APPLY_RETRIES`] times) and the CIB is the whole one without
//! them; the schema check and `configure verify`'s checks run on it whole
//! (they are cheap). Every condition under which the outcome could differ
//! from applying the whole set (a base CIB with resources or constraints
//! of its own, see [`plain_base`], the object named
//! by anything but constraints, ids that could have been generated
//! differently, `$id-ref`s, loose comments, warnings) makes this decline,
//! and the caller applies everything. `tests/lsp_incremental.rs` checks
//! the outcome against a full analysis.

use super::analysis::{parse_warnings, Analysis, Placed, Semantic, MAX_APPLY_RETRIES};
use crate::cib::{apply, missing_reference, referable_ids, validate, Cib, Method};
use crate::error::{Error, ErrorKind};
use crate::kind::Kind;
use crate::parse::Statement;
use crate::xml::{Element, Node};

/// How the new statements differ from the old ones: at index `old` of
/// the old ones and `new` of the new ones, one statement edited, added
/// or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Edited { old: usize, new: usize },
    Added { new: usize },
    Removed { old: usize },
}

/// Applies the one changed statement to the previous CIB of every
/// statement; false (and `a` untouched) when the outcome might differ
/// from applying everything.
pub(super) fn patched(old: Semantic, a: &mut Analysis, base: &Cib) -> bool {
    if !old.modelled || !plain_base(base, &old) {
        return false;
    }
    let now: Vec<(&Statement, u64)> = a.statements().map(|(e, s)| (s, e.key)).collect();
    let Some(change) = change_of(&old.applied, &now) else {
        return false;
    };
    let (old_st, new_st) = match change {
        Change::Edited { old: o, new: n } => (Some(&old.applied[o]), Some(now[n].0)),
        Change::Added { new } => (None, Some(now[new].0)),
        Change::Removed { old: o } => (Some(&old.applied[o]), None),
    };
    let (kind, id) = match (old_st, new_st) {
        (_, Some(s)) => (s.kind, s.id.as_str()),
        (Some(p), None) => (p.kind, p.id.as_str()),
        (None, None) => return false,
    };
    let simple = |k: Kind| {
        matches!(
            k,
            Kind::Primitive | Kind::Location | Kind::Colocation | Kind::Order
        )
    };
    if !simple(kind)
        || old_st.is_some_and(|p| p.special || p.kind != kind || p.id != id)
        || new_st.is_some_and(|s| s.xml || !s.warnings.is_empty() || s.target.is_some())
    {
        return false;
    }
    // A monitor statement adds to the primitive.
    let named_by_monitor = now.iter().any(|(s, _)| s.target.as_deref() == Some(id))
        || old.applied.iter().any(|p| p.target.as_deref() == Some(id));
    if named_by_monitor {
        return false;
    }
    let Some(mut whole) = old.whole.or(old.cib) else {
        return false;
    };
    let section_name = kind.section();
    if has_loose_comments(&whole, section_name) {
        return false;
    }
    let ok = match change {
        Change::Edited { .. } => match take_out(&mut whole, section_name, id) {
            Some(at) => put_in(&mut whole, section_name, id, at, new_st),
            None => false,
        },
        Change::Removed { .. } => {
            take_out(&mut whole, section_name, id).is_some()
                && !named_outside_constraints(&whole, id)
        }
        Change::Added { new } => match place_of_added(&whole, &now, new) {
            Some(at) => put_in(&mut whole, section_name, id, at, new_st),
            None => false,
        },
    };
    if !ok || has_loose_comments(&whole, section_name) {
        return false;
    }
    let constraints: Vec<&Statement> = {
        let mut c: Vec<&Statement> = now
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| s.kind.is_constraint())
            .collect();
        c.sort_by_key(|s| s.kind.show_rank());
        c
    };
    let Some((refused, refused_ids)) = refused(&whole, &constraints) else {
        return false;
    };
    let warnings = parse_warnings(a);
    let apply_errors = refused.len();
    let (cib, kept_whole) = if refused.is_empty() {
        (Some(whole), None)
    } else if refused.len() > MAX_APPLY_RETRIES {
        (None, Some(whole))
    } else {
        let mut cib = whole.clone();
        for rid in &refused_ids {
            if take_out(&mut cib, "constraints", rid).is_none() {
                return false;
            }
        }
        (Some(cib), Some(whole))
    };
    let mut errors = refused;
    a.findings = match &cib {
        Some(cib) => {
            if let Err(e) = validate(cib) {
                errors.push(e);
            }
            crate::agents::with_registry(|r| crate::check::for_verify(cib, r))
        }
        None => Vec::new(),
    };
    a.cib = cib;
    a.whole = kept_whole;
    a.modelled = true;
    a.apply_warned = false;
    a.semantic = errors;
    a.apply_errors = apply_errors;
    a.warnings = warnings;
    a.patched = true;
    true
}

/// The errors of the constraints that name what does not exist, in the
/// order applying everything again and again refuses them (at most one
/// more than it leaves out), and their ids. `None` when a constraint has
/// no element of its own at the top of the constraints.
fn refused(whole: &Cib, constraints: &[&Statement]) -> Option<(Vec<Error>, Vec<String>)> {
    let conf = whole.configuration();
    let known = referable_ids(conf);
    let by_id: std::collections::HashMap<&str, &Element> = conf
        .child("constraints")
        .map(|c| {
            c.elements()
                .filter_map(|c| c.id().map(|i| (i, c)))
                .collect()
        })
        .unwrap_or_default();
    let mut errors = Vec::new();
    let mut ids = Vec::new();
    for st in constraints {
        let c = by_id.get(st.id.as_str())?;
        if let Some(e) = missing_reference(c, &known, st.number, st.span) {
            errors.push(e);
            ids.push(st.id.clone());
            if errors.len() > MAX_APPLY_RETRIES {
                break;
            }
        }
    }
    Some((errors, ids))
}

/// Whether comments stand loose in `<configuration>`, in `section` or in
/// the constraints (applying a part of the statements could place them
/// otherwise).
fn has_loose_comments(cib: &Cib, section: &str) -> bool {
    let conf = cib.configuration();
    let loose = |e: &Element| e.children.iter().any(|n| matches!(n, Node::Comment(_)));
    loose(conf)
        || conf.child(section).is_some_and(loose)
        || conf.child("constraints").is_some_and(loose)
}

/// Whether the base CIB cannot change what applying does beyond what is
/// modelled here: it holds no resources, constraints or tags (nodes and
/// property sets, as a cluster's, may be merged into), and when it holds
/// anything, applying everything last succeeded without a warning (those
/// of merging into the base would otherwise have to be known again).
fn plain_base(base: &Cib, old: &Semantic) -> bool {
    let objects = crate::cib::objects(base.configuration());
    if objects.is_empty() {
        return true;
    }
    let plain = objects.iter().all(|o| {
        !o.kind.is_resource()
            && !o.kind.is_constraint()
            && !matches!(o.kind, Kind::Template | Kind::Tag)
    });
    plain && old.cib.is_some() && !old.apply_warned
}

/// The one statement edited, added or removed, if that is the difference.
fn change_of(old: &[Placed], now: &[(&Statement, u64)]) -> Option<Change> {
    let same_head = old
        .iter()
        .zip(now)
        .take_while(|(o, n)| o.key == n.1)
        .count();
    let same_tail = |skip_old: usize, skip_new: usize| {
        old[skip_old..]
            .iter()
            .zip(&now[skip_new..])
            .all(|(o, n)| o.key == n.1)
            && old.len() - skip_old == now.len() - skip_new
    };
    if old.len() == now.len() {
        (same_head < old.len() && same_tail(same_head + 1, same_head + 1)).then_some(
            Change::Edited {
                old: same_head,
                new: same_head,
            },
        )
    } else if now.len() == old.len() + 1 {
        same_tail(same_head, same_head + 1).then_some(Change::Added { new: same_head })
    } else if old.len() == now.len() + 1 {
        same_tail(same_head + 1, same_head).then_some(Change::Removed { old: same_head })
    } else {
        None
    }
}

fn section<'a>(cib: &'a Cib, name: &str) -> Option<&'a Element> {
    cib.configuration().child(name)
}

/// Takes the element `id` out of the top of its section; where it stood
/// among the section's children. `None` when it is not there, or when
/// its ids could have changed others' generated ones.
fn take_out(cib: &mut Cib, section_name: &str, id: &str) -> Option<usize> {
    let s = cib.configuration_mut().child_mut(section_name)?;
    let at = s
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(e) if e.id() == Some(id)))?;
    let Node::Element(gone) = s.children.remove(at) else {
        return None;
    };
    // Its ids, and those the others' generated ids could have avoided.
    if clashes(cib, &gone) {
        return None;
    }
    Some(at)
}

/// Applies `st` alone to `cib` and moves the element it made from the
/// end of its section to child index `at`. False when applying fails or
/// makes anything else (warnings, comments, ids that clash).
fn put_in(cib: &mut Cib, section_name: &str, id: &str, at: usize, st: Option<&Statement>) -> bool {
    let Some(st) = st else {
        return false;
    };
    // Its `$id-ref`s are resolved against the CIB as it is when applied.
    if st.elem.walk_any(&|x| x.has("id-ref")) {
        return false;
    }
    let before = section(cib, section_name).map_or(0, |s| s.children.len());
    if cib.configuration().walk_any(&|x| x.id() == Some(id)) {
        return false;
    }
    // Refused references are found afterwards: the element is in place
    // by then.
    match apply(cib, vec![st.clone()], Method::Update) {
        Ok(applied) if applied.warnings.is_empty() => {}
        Err(e) if matches!(*e.kind, ErrorKind::MissingConstraintResource { .. }) => {}
        _ => return false,
    }
    let Some(s) = cib.configuration_mut().child_mut(section_name) else {
        return false;
    };
    if s.children.len() != before + 1 || at > before {
        return false;
    }
    // Checked while it is out, against everything else.
    let Some(Node::Element(made)) = s.children.pop() else {
        return false;
    };
    if made.id() != Some(id) || clashes(cib, &made) {
        return false;
    }
    match cib.configuration_mut().child_mut(section_name) {
        Some(s) => {
            s.children.insert(at, Node::Element(made));
            true
        }
        None => false,
    }
}

/// Where applying everything puts an added statement's element: after
/// the elements of the statements applied before it (by `show`'s rank,
/// then in the text's order), in a section that holds nothing else.
fn place_of_added(cib: &Cib, now: &[(&Statement, u64)], new: usize) -> Option<usize> {
    let me = now[new].0;
    let section_name = me.kind.section();
    let s = section(cib, section_name)?;
    let ids: Vec<&str> = s
        .children
        .iter()
        .map(|n| match n {
            Node::Element(e) => e.id(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let mut order: Vec<&Statement> = now
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| s.kind != Kind::Monitor && s.kind.section() == section_name)
        .collect();
    order.sort_by_key(|s| s.kind.show_rank());
    let at = order.iter().position(|s| std::ptr::eq(*s, me))?;
    let others: Vec<&str> = order
        .iter()
        .filter(|s| !std::ptr::eq(**s, me))
        .map(|s| s.id.as_str())
        .collect();
    (ids == others).then_some(at)
}

/// Whether an attribute of anything but a constraint names `id` (a tag,
/// an `id-ref`, a rule). Only the constraints' references are refused
/// while applying, and checked again here; what else names a removed
/// object is found by the checks of the whole CIB, so this only keeps
/// the path to the cases the tests cover (a guard, not a need shown).
fn named_outside_constraints(cib: &Cib, id: &str) -> bool {
    let mut named = false;
    for section in cib.configuration().elements() {
        if section.name == "constraints" {
            continue;
        }
        section.walk(&mut |e| {
            named |= e.attrs().iter().any(|(_, v)| v == id);
        });
    }
    named
}

fn ids_of(e: &Element) -> Vec<&str> {
    let mut out = Vec::new();
    e.walk(&mut |x| out.extend(x.id()));
    out
}

/// Whether an id of `elem` is one of the CIB's, or one the CIB's could
/// have been made from by a suffix (`x-1` when `x` was taken): then
/// applying in another order could have given other ids. Or whether an
/// `$id-ref` of the CIB names one of them: it was resolved against the
/// element as it was when it was applied.
fn clashes(cib: &Cib, elem: &Element) -> bool {
    let mine = ids_of(elem);
    let mut clash = false;
    cib.configuration().walk(&mut |x| {
        if let Some(r) = x.get("id-ref") {
            clash |= mine.contains(&r);
        }
        if let Some(r) = x.id() {
            clash |= mine.iter().any(|m| {
                r == *m
                    || r.strip_prefix(m).is_some_and(|t| t.starts_with('-'))
                    || m.strip_prefix(r).is_some_and(|t| t.starts_with('-'))
            });
        }
    });
    clash
}
