//! Golden tests against real CIBs (`../shared/pacemaker-cibs`; skipped,
//! visibly, when absent):
//!
//! * every `NAME.xml` that has a `NAME.show` (crmsh 4.4.1's output for it)
//!   shows byte for byte the same, except the cases in [`EXCEPTIONS`],
//!   each with the reason crmsh's bytes are not worth copying;
//! * for every `NAME.xml`, the annotated text `configure save` writes,
//!   loaded with `load replace` into an empty CIB of the same
//!   `validate-with`, gives the configuration back: ids, comments and the
//!   order inside objects compared, the order of objects in a section and
//!   empty sections not (as `../shared/tools/xml-corpus` checks it);
//!   except the cases in [`SAVE_EXCEPTIONS`].

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use crmtool::show::{show, ShowOptions};
use crmtool::xml::{Element, Node};
use std::fs;
use std::path::{Path, PathBuf};

/// Cases whose crmsh output we deliberately do not reproduce.
const EXCEPTIONS: &[(&str, &str)] = &[];

/// Cases whose saved text does not restore the configuration yet, each
/// for a reason outside the printer (the text has no way to say it).
const SAVE_EXCEPTIONS: &[(&str, &str)] = &[];

mod support;

fn corpus() -> Option<PathBuf> {
    support::shared("pacemaker-cibs")
}

/// The names of the cases having a file with this extension, sorted.
fn names(dir: &Path, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(ext).map(String::from))
        .filter(|n| dir.join(format!("{n}.xml")).is_file())
        .collect();
    names.sort();
    names
}

fn read_cib(dir: &Path, name: &str) -> Cib {
    let text = fs::read_to_string(dir.join(format!("{name}.xml"))).expect("xml file");
    Cib::parse(&text).expect("valid cib")
}

/// The first differing line of two texts.
fn text_diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    for i in 0..w.len().max(g.len()) {
        if w.get(i) != g.get(i) {
            return format!(
                "line {}:\n    want: {:?}\n    got:  {:?}",
                i + 1,
                w.get(i).unwrap_or(&"<end>"),
                g.get(i).unwrap_or(&"<end>")
            );
        }
    }
    "trailing newline differs".into()
}

#[test]
fn show_equals_crmsh_for_every_real_cib() {
    let Some(dir) = corpus() else { return };
    let mut failures = Vec::new();
    let mut passed = 0;
    let all = names(&dir, ".show");
    for name in &all {
        let cib = read_cib(&dir, name);
        let want = fs::read_to_string(dir.join(format!("{name}.show"))).expect("show file");
        let opts = ShowOptions::for_cib(&cib.root);
        let got = show(cib.configuration(), &opts);
        let excepted = EXCEPTIONS.iter().any(|(n, _)| n == name);
        match (got == want, excepted) {
            (true, false) => passed += 1,
            (false, false) => failures.push(format!("{name}: {}", text_diff(&want, &got))),
            (true, true) => failures.push(format!("{name}: listed as an exception but equal")),
            (false, true) => {}
        }
    }
    eprintln!(
        "show exact: {passed} of {} ({} documented exceptions)",
        all.len(),
        EXCEPTIONS.len()
    );
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} failing", failures.len());
}

#[test]
fn save_then_load_replace_restores_every_real_cib() {
    let Some(dir) = corpus() else { return };
    let mut failures = Vec::new();
    let mut passed = 0;
    let all = names(&dir, ".xml");
    for name in &all {
        let cib = read_cib(&dir, name);
        // What `configure save FILE` writes.
        let mut opts = ShowOptions::for_cib(&cib.root);
        opts.obscure.clear();
        opts.lossless = true;
        let text = show(cib.configuration(), &opts);
        let schema = cib.root.get("validate-with").unwrap_or("pacemaker-3.9");
        let mut fresh = Cib::empty(schema);
        let outcome = match load_text(&mut fresh, &text, Method::Replace) {
            Err(e) => Err(format!("load replace refused: {e}")),
            Ok(_) => config_diff(cib.configuration(), fresh.configuration()),
        };
        let excepted = SAVE_EXCEPTIONS.iter().any(|(n, _)| n == name);
        match (outcome, excepted) {
            (Ok(()), false) => passed += 1,
            (Err(why), false) => failures.push(format!("{name}: {why}")),
            (Ok(()), true) => failures.push(format!("{name}: listed as an exception but restores")),
            (Err(_), true) => {}
        }
    }
    eprintln!(
        "save/restore: {passed} of {} ({} documented exceptions)",
        all.len(),
        SAVE_EXCEPTIONS.len()
    );
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} failing", failures.len());
}

/// A section's children in a canonical order: sorted by (tag, id), each
/// comment kept with the element after it; `None` for an empty section.
fn canonical(section: &Element) -> Option<Vec<Vec<&Node>>> {
    let mut units: Vec<(String, String, Vec<&Node>)> = Vec::new();
    let mut pending: Vec<&Node> = Vec::new();
    for n in &section.children {
        match n {
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Element(e) => {
                pending.push(n);
                let id = e.id().unwrap_or("").to_string();
                units.push((e.name.to_string(), id, std::mem::take(&mut pending)));
            }
            _ => pending.push(n),
        }
    }
    if units.is_empty() && pending.is_empty() && section.attrs().is_empty() {
        return None;
    }
    units.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let mut out: Vec<Vec<&Node>> = units.into_iter().map(|u| u.2).collect();
    if !pending.is_empty() {
        out.push(pending);
    }
    Some(out)
}

/// cibdiff's equality: attribute order, blank text and the blanks around
/// a comment's text aside.
fn same_node(a: &Node, b: &Node) -> bool {
    match (a, b) {
        (Node::Element(x), Node::Element(y)) => {
            let attrs = |e: &Element| {
                let mut v: Vec<(String, String)> = e.attrs().to_vec();
                v.sort();
                v
            };
            let kids = |e: &Element| -> Vec<Node> {
                e.children
                    .iter()
                    .filter(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()))
                    .cloned()
                    .collect()
            };
            let (kx, ky) = (kids(x), kids(y));
            x.name == y.name
                && attrs(x) == attrs(y)
                && kx.len() == ky.len()
                && kx.iter().zip(&ky).all(|(p, q)| same_node(p, q))
        }
        (Node::Comment(x), Node::Comment(y)) => x.trim() == y.trim(),
        (Node::Text(x), Node::Text(y)) => x.trim() == y.trim(),
        _ => false,
    }
}

/// The first difference between two configurations (see the module doc).
fn config_diff(want: &Element, got: &Element) -> Result<(), String> {
    fn sections(c: &Element) -> Vec<(String, Vec<Vec<&Node>>)> {
        let mut v: Vec<(String, Vec<Vec<&Node>>)> = c
            .elements()
            .filter_map(|s| canonical(s).map(|k| (s.name.to_string(), k)))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }
    let top_comments =
        |c: &Element| -> Vec<String> { c.comments().map(|t| t.trim().to_string()).collect() };
    if top_comments(want) != top_comments(got) {
        return Err("comments directly in <configuration> differ".into());
    }
    let (w, g) = (sections(want), sections(got));
    let wn: Vec<&String> = w.iter().map(|s| &s.0).collect();
    let gn: Vec<&String> = g.iter().map(|s| &s.0).collect();
    if wn != gn {
        return Err(format!("sections differ: {wn:?} vs {gn:?}"));
    }
    for ((name, a), (_, b)) in w.iter().zip(&g) {
        if a.len() != b.len() {
            return Err(format!("<{name}>: {} children vs {}", a.len(), b.len()));
        }
        for (x, y) in a.iter().zip(b) {
            if x.len() != y.len() || !x.iter().zip(y).all(|(p, q)| same_node(p, q)) {
                let show = |u: &Vec<&Node>| match u.last() {
                    Some(Node::Element(e)) => crmtool::xml::to_string_compact(e),
                    _ => "comments".to_string(),
                };
                return Err(format!("<{name}>: {} became {}", show(x), show(y)));
            }
        }
    }
    Ok(())
}
