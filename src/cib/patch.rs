//! The change from one `<configuration>` to another as a Pacemaker v2
//! patch (`<diff format="2">`), computed here instead of by `crm_diff`:
//! its size and cost follow the change, not the CIB (crm_diff reads and
//! compares two whole documents).
//!
//! The changes are the ones Pacemaker's own diff makes and its patch
//! applier understands (lib/common/patchset.c in Pacemaker 2.1):
//! `delete` by path, `modify` with the element's whole new attribute list,
//! `create` of a subtree at a position, and `move` to a position. The
//! applier deletes and modifies first, in patch order, parks moved
//! elements at the end of their parent, then places creates and moves by
//! ascending position; this module orders its changes for that.
//!
//! An element with more than a few dozen creates and moves inside it
//! (a load of many objects) is sent whole instead, deleted and created
//! again: Pacemaker 2.1 places each create by counting the siblings before
//! it, so thousands of them kept the CIB manager busy until pacemakerd
//! killed it as unresponsive.
//!
//! Paths name elements as `tag[@id='ID']` (or `tag` alone), so shapes
//! a path cannot name unambiguously — two id-less siblings of one tag, an
//! id with a quote or a slash, text content between elements — are not
//! handled here: [`diff`] says so and the caller asks `crm_diff`.

use crate::xml::{Element, Node};
use std::collections::HashMap;

/// Why a change is left to `crm_diff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

/// The changes from `old` to `new` (both `<configuration>` elements),
/// in apply order; empty when they are the same.
pub fn diff(old: &Element, new: &Element) -> Result<Vec<Element>, Unsupported> {
    diff_over(old, new, PLACES_BEFORE_REWRITE)
}

/// As [`diff`], but never sending an element whole for many changes in
/// it: each change on its own (what `cibadmin --modify` can merge).
pub fn diff_each(old: &Element, new: &Element) -> Result<Vec<Element>, Unsupported> {
    diff_over(old, new, usize::MAX)
}

fn diff_over(old: &Element, new: &Element, rewrite: usize) -> Result<Vec<Element>, Unsupported> {
    let mut out = Changes {
        rewrite,
        ..Changes::default()
    };
    compare(old, new, "/cib/configuration", &mut out)?;
    let Changes {
        mut deletes,
        modifies,
        places,
        ..
    } = out;
    deletes.extend(modifies);
    deletes.extend(places);
    Ok(deletes)
}

/// The patch document: `changes` under a version stamp. `source` is the
/// version the patch applies to (`num_updates` left out when `None`: then
/// Pacemaker compares only admin_epoch and epoch); the target is one
/// epoch later.
pub fn document(changes: Vec<Element>, admin: u64, epoch: u64, updates: Option<u64>) -> Element {
    let mut source = Element::new("source")
        .with_attr("admin_epoch", &admin.to_string())
        .with_attr("epoch", &epoch.to_string());
    if let Some(n) = updates {
        source.set("num_updates", &n.to_string());
    }
    let target = Element::new("target")
        .with_attr("admin_epoch", &admin.to_string())
        .with_attr("epoch", &(epoch + 1).to_string())
        .with_attr("num_updates", "0");
    let mut version = Element::new("version");
    version.push(source);
    version.push(target);
    let mut diff = Element::new("diff").with_attr("format", "2");
    diff.children.reserve_exact(changes.len() + 1);
    diff.push(version);
    for c in changes {
        diff.push(c);
    }
    diff
}

/// Above this many creates and moves inside one element, the element
/// is deleted and created again whole, in two changes (see `compare`).
const PLACES_BEFORE_REWRITE: usize = 32;

#[derive(Default)]
struct Changes {
    deletes: Vec<Element>,
    modifies: Vec<Element>,
    /// Creates and moves: the applier sorts them by position (stably), so
    /// within one parent they must come in ascending position.
    places: Vec<Element>,
    /// Above this many creates and moves inside one element, it is sent
    /// whole.
    rewrite: usize,
}

/// A child as the diff matches it: an element by tag and id, a comment by
/// its text and how many equal comments come before it.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key<'a> {
    Element(&'a str, Option<&'a str>),
    Comment(&'a str, usize),
}

fn keys(e: &Element) -> Result<Vec<(Key<'_>, &Node)>, Unsupported> {
    let mut out = Vec::with_capacity(e.children.len());
    let mut comments: HashMap<&str, usize> = HashMap::new();
    let mut idless: HashMap<&str, usize> = HashMap::new();
    for n in &e.children {
        match n {
            Node::Element(c) => {
                let id = c.id();
                if let Some(id) = id {
                    if id.contains(['\'', '/']) {
                        return Err(Unsupported(format!("id {id:?} cannot be named in a path")));
                    }
                } else {
                    let seen = idless.entry(&c.name).or_default();
                    *seen += 1;
                    if *seen > 1 {
                        return Err(Unsupported(format!(
                            "two <{}> without id under <{}>",
                            c.name, e.name
                        )));
                    }
                }
                out.push((Key::Element(&c.name, id), n));
            }
            Node::Comment(t) => {
                let seen = comments.entry(t).or_default();
                out.push((Key::Comment(t, *seen), n));
                *seen += 1;
            }
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Text(_) => {
                return Err(Unsupported(format!("text content in <{}>", e.name)));
            }
        }
    }
    Ok(out)
}

fn segment(e: &Element) -> String {
    match e.id() {
        Some(id) => format!("{}[@id='{id}']", e.name),
        None => e.name.to_string(),
    }
}

fn change(op: &str, path: &str) -> Element {
    Element::new("change")
        .with_attr("operation", op)
        .with_attr("path", path)
}

fn compare(old: &Element, new: &Element, path: &str, out: &mut Changes) -> Result<(), Unsupported> {
    if old.attrs() != new.attrs() {
        out.modifies.push(modify(old, new, path));
    }
    if old.children == new.children {
        return Ok(());
    }
    let before = keys(old)?;
    let after = keys(new)?;
    let index: HashMap<&Key, usize> = before
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k, i))
        .collect();
    if index.len() != before.len() {
        return Err(Unsupported(format!(
            "two children of <{}> with one id",
            old.name
        )));
    }
    let distinct: std::collections::HashSet<&Key> = after.iter().map(|(k, _)| k).collect();
    if distinct.len() != after.len() {
        return Err(Unsupported(format!(
            "two children of <{}> with one id",
            new.name
        )));
    }
    // For each child of `new`, its place among the children of `old`.
    let matched: Vec<Option<usize>> = after.iter().map(|(k, _)| index.get(k).copied()).collect();
    let stable = longest_increasing(&matched);
    // What of `old` stays: matched elements (moved if need be) and
    // matched comments already in order. A comment cannot be moved (a
    // path names the first comment), so one out of order is deleted and
    // created again.
    let mut stays = vec![false; before.len()];
    for (j, m) in matched.iter().enumerate() {
        if let Some(i) = *m {
            stays[i] = stable[j] || matches!(after[j].0, Key::Element(..));
        }
    }
    let mut gone = 0;
    for (i, (_, node)) in before.iter().enumerate() {
        if stays[i] {
            continue;
        }
        let c = match node {
            Node::Element(e) => change("delete", &format!("{path}/{}", segment(e))),
            // The applier finds a comment by its position, counted after
            // the deletions before it.
            _ => change("delete", &format!("{path}/comment"))
                .with_attr("position", &(i - gone).to_string()),
        };
        out.deletes.push(c);
        gone += 1;
    }
    for (j, ((_, node), m)) in after.iter().zip(&matched).enumerate() {
        match (node, m) {
            (Node::Element(e), Some(i)) => {
                let Node::Element(o) = before[*i].1 else {
                    continue;
                };
                let child_path = format!("{path}/{}", segment(e));
                let mut inner = Changes {
                    rewrite: out.rewrite,
                    ..Changes::default()
                };
                compare(o, e, &child_path, &mut inner)?;
                if inner.places.len() > out.rewrite {
                    // Sent whole instead: Pacemaker 2.1 finds the place of
                    // each create or move by counting the siblings before
                    // it, again for each sibling it passes, so thousands
                    // of them (a load) keep the CIB manager busy until
                    // pacemakerd kills it as unresponsive.
                    out.deletes.push(change("delete", &child_path));
                    let mut c = change("create", path);
                    c.set("position", &j.to_string());
                    c.push(e.clone());
                    out.places.push(c);
                    continue;
                }
                if !stable[j] {
                    let mut c = change("move", &child_path);
                    c.set("position", &j.to_string());
                    out.places.push(c);
                }
                out.deletes.append(&mut inner.deletes);
                out.modifies.append(&mut inner.modifies);
                out.places.append(&mut inner.places);
            }
            (Node::Comment(_), Some(_)) if stable[j] => {}
            _ => {
                let mut c = change("create", path);
                c.set("position", &j.to_string());
                c.push_node((*node).clone());
                out.places.push(c);
            }
        }
    }
    Ok(())
}

/// A `modify`: the changed attributes (informational) and the element's
/// whole new attribute list, which is what the applier uses.
fn modify(old: &Element, new: &Element, path: &str) -> Element {
    let mut list = Element::new("change-list");
    for (k, _) in old.attrs() {
        if new.get(k).is_none() {
            list.push(
                Element::new("change-attr")
                    .with_attr("name", k)
                    .with_attr("operation", "unset"),
            );
        }
    }
    let old_pos: HashMap<&str, usize> = old
        .attrs()
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k, i))
        .collect();
    for (i, (k, v)) in new.attrs().iter().enumerate() {
        let same = old.get(k) == Some(v) && old_pos.get(k) == Some(&i);
        if !same {
            list.push(
                Element::new("change-attr")
                    .with_attr("name", k)
                    .with_attr("operation", "set")
                    .with_attr("value", v),
            );
        }
    }
    let result = Element::from_parts(new.name.clone(), new.attrs().clone(), Vec::new());
    let mut holder = Element::new("change-result");
    holder.push(result);
    let mut c = change("modify", path);
    c.push(list);
    c.push(holder);
    c
}

/// Marks the entries of a longest run of matched children whose places in
/// the old list increase: they stay where they are; the others move.
fn longest_increasing(seq: &[Option<usize>]) -> Vec<bool> {
    // Patience sorting over the matched entries, O(n log n).
    let mut tails: Vec<usize> = Vec::new(); // indices into seq
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (j, v) in seq.iter().enumerate() {
        let Some(v) = v else { continue };
        let at = tails.partition_point(|&t| seq[t].is_some_and(|x| x < *v));
        if at > 0 {
            prev[j] = Some(tails[at - 1]);
        }
        if at == tails.len() {
            tails.push(j);
        } else {
            tails[at] = j;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut cur = tails.last().copied();
    while let Some(j) = cur {
        keep[j] = true;
        cur = prev[j];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::{parse, to_pretty, to_string_compact};
    use std::io::Write;
    use std::path::{Path, PathBuf};

    fn skip(why: &str) {
        // Straight to stderr: the harness would hide an eprintln!.
        let _ = writeln!(std::io::stderr(), "SKIPPED patch oracle: {why}");
    }

    fn conf(e: &Element) -> &Element {
        e.child("configuration").expect("a configuration")
    }

    /// Pacemaker's own applier (`crm_diff --patch`) on `old` and our patch
    /// from `old` to `new`: the result must be `new`.
    fn applied_by_pacemaker(dir: &Path, old: &Element, new: &Element) -> Option<Element> {
        let changes = diff(conf(old), conf(new)).ok()?;
        let doc = document(changes, 0, 1, Some(0));
        let o = dir.join("old.xml");
        let p = dir.join("patch.xml");
        std::fs::write(&o, to_pretty(old)).expect("write");
        std::fs::write(&p, to_string_compact(&doc)).expect("write");
        let out = std::process::Command::new("crm_diff")
            .arg("--original")
            .arg(&o)
            .arg("--patch")
            .arg(&p)
            .output()
            .expect("crm_diff runs");
        assert!(
            out.status.success(),
            "crm_diff refused the patch: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            to_pretty(&doc)
        );
        Some(parse(&String::from_utf8_lossy(&out.stdout)).expect("crm_diff prints XML"))
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    /// Paths (child indices) of every element under `e`.
    fn paths(e: &Element, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        for (i, c) in e.children.iter().enumerate() {
            if let Node::Element(c) = c {
                at.push(i);
                out.push(at.clone());
                paths(c, at, out);
                at.pop();
            }
        }
    }

    fn at<'a>(e: &'a mut Element, path: &[usize]) -> &'a mut Element {
        let mut cur = e;
        for i in path {
            let Node::Element(c) = &mut cur.children[*i] else {
                unreachable!("paths lead to elements")
            };
            cur = c;
        }
        cur
    }

    /// One random edit of the kinds commits make: delete, add, change or
    /// drop attributes, reorder siblings, add or move comments.
    fn mutate(cfg: &mut Element, rng: &mut Rng, serial: usize) {
        let mut all = Vec::new();
        paths(cfg, &mut Vec::new(), &mut all);
        if all.is_empty() {
            return;
        }
        let path = all[rng.next(all.len())].clone();
        match rng.next(7) {
            0 if path.len() > 1 => {
                let (last, parent) = path.split_last().expect("non-empty");
                at(cfg, parent).children.remove(*last);
            }
            1 => {
                let e = at(cfg, &path);
                let new = Element::new("primitive")
                    .with_attr("id", &format!("oracle-{serial}"))
                    .with_attr("class", "ocf")
                    .with_attr("provider", "pacemaker")
                    .with_attr("type", "Dummy");
                let pos = rng.next(e.children.len() + 1);
                e.children.insert(pos, Node::Element(new));
            }
            2 => {
                let e = at(cfg, &path);
                e.set("description", &format!("changed {serial}"));
            }
            3 => {
                let e = at(cfg, &path);
                let names: Vec<String> = e.attrs().iter().map(|(k, _)| k.to_string()).collect();
                if let Some(k) = names.iter().find(|k| *k != "id") {
                    e.remove_attr(k);
                } else if let Some(k) = names.first() {
                    let v = e.get(k).unwrap_or("").to_string();
                    e.set(k, &format!("{v}-x"));
                }
            }
            4 => {
                let e = at(cfg, &path);
                let n = e.children.len();
                if n >= 2 {
                    let a = rng.next(n);
                    let b = rng.next(n);
                    e.children.swap(a, b);
                }
            }
            5 => {
                let e = at(cfg, &path);
                let pos = rng.next(e.children.len() + 1);
                e.children
                    .insert(pos, Node::Comment(format!(" oracle {serial} ")));
            }
            _ => {
                let e = at(cfg, &path);
                if let Some(i) = e
                    .children
                    .iter()
                    .position(|n| matches!(n, Node::Comment(_)))
                {
                    let c = e.children.remove(i);
                    let pos = rng.next(e.children.len() + 1);
                    e.children.insert(pos, c);
                } else {
                    e.set("oracle", "1");
                }
            }
        }
    }

    /// The real CIBs, and a scratch directory of the test's own.
    fn corpus(test: &str) -> Option<(PathBuf, Vec<PathBuf>)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pacemaker-cibs");
        let Ok(rd) = std::fs::read_dir(&dir) else {
            skip(&format!("no corpus at {}", dir.display()));
            return None;
        };
        if std::process::Command::new("crm_diff")
            .arg("--version")
            .output()
            .is_err()
        {
            skip("crm_diff is not installed");
            return None;
        }
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        files.sort();
        let tmp = std::env::temp_dir().join(format!("crm-patch-{test}-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).expect("temp dir");
        Some((tmp, files))
    }

    /// Over the real CIBs, a few random edits each: Pacemaker's applier
    /// turns the old CIB and our patch into exactly the edited CIB.
    #[test]
    fn pacemaker_applies_our_patches_to_exactly_the_new_configuration() {
        let Some((tmp, files)) = corpus("apply") else {
            return;
        };
        let (mut checked, mut unsupported) = (0, 0);
        for (n, f) in files.iter().enumerate().step_by(2) {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            let Ok(old) = parse(&text) else { continue };
            if old.child("configuration").is_none() {
                continue;
            }
            let mut rng = Rng(n as u64 + 1);
            let mut new = old.clone();
            for k in 0..1 + rng.next(4) {
                let cfg = new.child_mut("configuration").expect("configuration");
                mutate(cfg, &mut rng, n * 10 + k);
            }
            match applied_by_pacemaker(&tmp, &old, &new) {
                Some(got) => {
                    assert!(
                        conf(&got) == conf(&new),
                        "{}: the patched configuration differs\n--- want\n{}\n--- got\n{}",
                        f.display(),
                        to_pretty(conf(&new)),
                        to_pretty(conf(&got))
                    );
                    checked += 1;
                }
                None => unsupported += 1,
            }
        }
        let _ = std::fs::remove_dir_all(&tmp);
        eprintln!("{checked} patches checked, {unsupported} left to crm_diff");
        assert!(
            checked > 100,
            "only {checked} patches checked ({unsupported} unsupported)"
        );
        assert!(
            unsupported * 10 < checked,
            "{unsupported} unsupported of {checked}"
        );
    }

    /// For the everyday edits (add, change, delete), the changes are the
    /// ones `crm_diff` itself makes: same operations, paths, positions and
    /// results. (For a reorder crm_diff may also move elements that a
    /// longest run of unmoved ones lets stay; the applier test above
    /// covers reorders.)
    #[test]
    fn everyday_edits_give_the_changes_crm_diff_gives() {
        let Some((tmp, _)) = corpus("shape") else {
            return;
        };
        let old = parse(
            r#"<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" admin_epoch="0" epoch="5" num_updates="0"><configuration><crm_config/><nodes/><resources><primitive id="a" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="a-m"><nvpair id="a-m-t" name="target-role" value="Started"/></meta_attributes></primitive><primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/><primitive id="c" class="ocf" provider="pacemaker" type="Dummy"/></resources><constraints/></configuration><status/></cib>"#,
        )
        .expect("xml");
        let added = parse(r#"<primitive id="d" class="ocf" provider="pacemaker" type="Dummy"><operations><op name="monitor" interval="10s" id="d-monitor-10s"/></operations></primitive>"#).expect("xml");
        type Edit = Box<dyn Fn(&mut Element)>;
        let edits: Vec<Edit> = vec![
            Box::new(move |r: &mut Element| r.push(added.clone())),
            Box::new(|r: &mut Element| {
                if let Some(Node::Element(a)) = r.children.first_mut() {
                    a.child_mut("meta_attributes")
                        .and_then(|m| m.child_mut("nvpair"))
                        .expect("pair")
                        .set("value", "Stopped");
                }
            }),
            Box::new(|r: &mut Element| {
                r.children.remove(1);
            }),
        ];
        for (i, edit) in edits.iter().enumerate() {
            let mut new = old.clone();
            edit(
                new.child_mut("configuration")
                    .and_then(|c| c.child_mut("resources"))
                    .expect("resources"),
            );
            let (o, n) = (tmp.join("o.xml"), tmp.join("n.xml"));
            std::fs::write(&o, to_pretty(&old)).expect("write");
            std::fs::write(&n, to_pretty(&new)).expect("write");
            let out = std::process::Command::new("crm_diff")
                .args(["--no-version", "--original"])
                .arg(&o)
                .arg("--new")
                .arg(&n)
                .output()
                .expect("crm_diff runs");
            let theirs = parse(&String::from_utf8_lossy(&out.stdout)).expect("a diff");
            let summary = |changes: Vec<&Element>| -> Vec<String> {
                changes
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {} {} {:?}",
                            c.get("operation").unwrap_or(""),
                            c.get("path").unwrap_or(""),
                            c.get("position").unwrap_or("-"),
                            c.child("change-result").map(to_string_compact)
                        )
                    })
                    .collect()
            };
            let ours = diff(conf(&old), conf(&new)).expect("supported");
            assert_eq!(
                summary(ours.iter().collect()),
                summary(theirs.elements().filter(|c| c.name == "change").collect()),
                "edit {i}"
            );
        }
        let _ = std::fs::remove_dir_all(&tmp);
    }

    /// A load's thousands of new objects go as one element created whole
    /// (Pacemaker 2.1 places each create by counting siblings, so one
    /// change per object would keep its CIB manager busy for minutes),
    /// and Pacemaker's applier still makes exactly the new configuration.
    #[test]
    fn many_new_children_rewrite_their_parent_in_one_create() {
        let Some((tmp, _)) = corpus("rewrite") else {
            return;
        };
        let old = parse(
            r#"<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" admin_epoch="0" epoch="5" num_updates="0"><configuration><crm_config/><nodes/><resources><primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/><!-- kept --><primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/></resources><constraints/></configuration><status/></cib>"#,
        )
        .expect("xml");
        for many in [PLACES_BEFORE_REWRITE, PLACES_BEFORE_REWRITE + 1, 500] {
            let mut new = old.clone();
            let res = new
                .child_mut("configuration")
                .and_then(|c| c.child_mut("resources"))
                .expect("resources");
            res.children.remove(0);
            for i in 0..many {
                let p = parse(&format!(
                    r#"<primitive id="n{i}" class="ocf" provider="pacemaker" type="Dummy"/>"#
                ))
                .expect("xml");
                res.children.insert(i % 3, Node::Element(p));
            }
            let changes = diff(conf(&old), conf(&new)).expect("supported");
            let whole = changes.len() == 2
                && changes[0].get("operation") == Some("delete")
                && changes[0].get("path") == Some("/cib/configuration/resources")
                && changes[1].get("operation") == Some("create")
                && changes[1].get("position") == Some("2");
            assert_eq!(whole, many > PLACES_BEFORE_REWRITE, "{many} new primitives");
            let got = applied_by_pacemaker(&tmp, &old, &new).expect("supported");
            assert!(
                conf(&got) == conf(&new),
                "{many}: {}",
                to_pretty(conf(&got))
            );
        }
        let _ = std::fs::remove_dir_all(&tmp);
    }

    #[test]
    fn ambiguous_paths_are_left_to_crm_diff() {
        let old = parse(r#"<configuration><x><op/><op/></x></configuration>"#).expect("xml");
        let mut new = old.clone();
        new.child_mut("x").expect("x").set("a", "1");
        new.child_mut("x").expect("x").children.pop();
        assert!(diff(&old, &new).is_err());
    }

    #[test]
    fn the_longest_increasing_run_stays() {
        let seq = [Some(2), Some(0), None, Some(1), Some(3)];
        assert_eq!(longest_increasing(&seq), [false, true, false, true, true]);
    }
}
