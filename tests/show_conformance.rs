//! Golden tests of `show` against the conformance corpus
//! (`../shared/conformance`, skipped when absent):
//!
//! * crmsh mode (`lossless: false`) prints every valid case byte for byte
//!   as crmsh did;
//! * the default (lossless) mode prints the same bytes for every case
//!   crmsh's show is not lossy for (ROUNDTRIP.tsv), and for every case its
//!   text loads back (minimal loader below) into the same XML, ids
//!   included, top-level object order within a section ignored.

use crmtool::ids::{self, IdStore};
use crmtool::kind::Kind;
use crmtool::parse::{parse_text, Context};
use crmtool::schema::Schema;
use crmtool::show::{show, ShowOptions};
use crmtool::xml::{self, Element, Node};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

struct Case {
    name: String,
    config: Element,
    schema: Schema,
    expected_show: String,
    /// crmsh's own show does not reload to the same XML.
    lossy: bool,
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: no conformance corpus at {}", dir.display());
        None
    }
}

fn cases(dir: &Path) -> Vec<Case> {
    let roundtrip = fs::read_to_string(dir.join("ROUNDTRIP.tsv")).unwrap_or_default();
    let verdicts: HashMap<&str, &str> = roundtrip
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?))
        })
        .collect();
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(".show").map(String::from))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let read = |ext: &str| fs::read_to_string(dir.join(format!("{name}{ext}")));
            let config = xml::parse(&read(".xml").expect("xml file")).expect("valid xml");
            let schema = read(".opts")
                .ok()
                .and_then(|o| {
                    let words: Vec<&str> = o.split_whitespace().collect();
                    let i = words.iter().position(|w| *w == "--schema")?;
                    words.get(i + 1).map(|s| Schema::new(s))
                })
                .unwrap_or_default();
            let lossy = verdicts
                .get(name.as_str())
                .is_some_and(|v| !matches!(*v, "identical" | "same-except-element-order"));
            Case {
                expected_show: read(".show").expect("show file"),
                name,
                config,
                schema,
                lossy,
            }
        })
        .collect()
}

fn opts(case: &Case, lossless: bool, obscure: bool) -> ShowOptions {
    ShowOptions {
        schema: case.schema.clone(),
        selection: None,
        obscure: if obscure {
            vec!["passw*".into()]
        } else {
            Vec::new()
        },
        lossless,
    }
}

/// The first differing line of two texts, for compact reports.
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

fn report(what: &str, failures: &[(String, String)], total: usize) {
    eprintln!("{what}: {} of {total} passed", total - failures.len());
    for (name, why) in failures {
        eprintln!("FAIL {name}: {why}");
    }
    assert!(failures.is_empty(), "{what}: {} failing", failures.len());
}

#[test]
fn crmsh_mode_is_byte_exact_for_every_case() {
    let Some(dir) = corpus() else { return };
    let all = cases(&dir);
    let mut failures = Vec::new();
    for c in &all {
        let got = show(&c.config, &opts(c, false, true));
        if got != c.expected_show {
            failures.push((c.name.clone(), text_diff(&c.expected_show, &got)));
        }
    }
    report("crmsh-mode byte-exact", &failures, all.len());
}

/// Cases whose `show` output is lossy in a way the lossless mode fixes
/// although ROUNDTRIP.tsv does not list them (loaded onto a base CIB).
const LOSSY_UNLISTED: [(&str, &str); 1] = [(
    "089-fencing-topology-existing-nodes",
    "compact fencing_topology only re-expands to nodes already in the CIB",
)];

#[test]
fn lossless_mode_is_byte_exact_where_crmsh_is_not_lossy() {
    let Some(dir) = corpus() else { return };
    let all = cases(&dir);
    let mut failures = Vec::new();
    let mut total = 0;
    for c in all.iter().filter(|c| !c.lossy) {
        if LOSSY_UNLISTED.iter().any(|(n, _)| *n == c.name) {
            continue;
        }
        total += 1;
        let got = show(&c.config, &opts(c, true, true));
        if got != c.expected_show {
            failures.push((c.name.clone(), text_diff(&c.expected_show, &got)));
        }
    }
    report("lossless byte-exact (non-lossy cases)", &failures, total);
}

#[test]
fn lossless_mode_round_trips_every_case() {
    let Some(dir) = corpus() else { return };
    let all = cases(&dir);
    let mut failures = Vec::new();
    for c in &all {
        let text = show(&c.config, &opts(c, true, false));
        match load(&text, &c.schema) {
            Err(e) => failures.push((c.name.clone(), format!("reload failed: {e}\n{text}"))),
            Ok(got) => {
                if let Some(d) = config_diff(&c.config, &got) {
                    failures.push((c.name.clone(), d));
                }
            }
        }
    }
    report("lossless round trip", &failures, all.len());
}

// ---------------------------------------------------------------------
// Minimal loader (the lead replaces it with the real one): parse, sort by
// kind (stable, crmsh's creation order), move container children in,
// derive ids with a growing store, place into the sections.

fn load(text: &str, schema: &Schema) -> Result<Element, String> {
    let ctx = Context {
        schema: schema.clone(),
        nodes: Vec::new(),
    };
    let mut statements = parse_text(text, &ctx).map_err(|e| format!("{e:?}"))?;
    statements.sort_by_key(|s| s.kind.show_rank());
    let mut config = Element::new("configuration");
    for s in ["crm_config", "nodes", "resources", "constraints"] {
        config.push(Element::new(s));
    }
    let mut store = IdStore::new();
    for st in statements {
        let mut e = st.elem;
        for child in e.children.iter_mut() {
            if let Node::Element(c) = child {
                if c.name == "crmsh-ref" {
                    let id = c.id().unwrap_or("").to_string();
                    let resources = config.child_or_insert("resources");
                    let pos = resources
                        .children
                        .iter()
                        .position(|n| matches!(n, Node::Element(r) if r.id() == Some(&id)))
                        .ok_or_else(|| format!("missing child {id}"))?;
                    if let Node::Element(r) = resources.children.remove(pos) {
                        *c = r;
                    }
                }
            }
        }
        ids::generate(&mut e, &mut store, None);
        match st.kind {
            Kind::Fencing => {
                config
                    .children
                    .retain(|n| !matches!(n, Node::Element(x) if x.name == "fencing-topology"));
                config.push(e);
            }
            kind => config.child_or_insert(kind.section()).push(e),
        }
    }
    Ok(config)
}

/// Differences between two configurations, top-level objects of a
/// section compared as a set (sorted by tag and id); empty sections are
/// the same as missing ones.
fn config_diff(want: &Element, got: &Element) -> Option<String> {
    let norm = |c: &Element| -> Vec<(String, Vec<Element>)> {
        let mut secs: Vec<(String, Vec<Element>)> = Vec::new();
        for s in c.elements() {
            let mut kids: Vec<Element> = if s.name == "fencing-topology" {
                vec![s.clone()]
            } else {
                s.elements().cloned().collect()
            };
            if kids.is_empty() && s.name != "fencing-topology" {
                continue;
            }
            kids.sort_by(|a, b| (&a.name, a.id()).cmp(&(&b.name, b.id())));
            secs.push((s.name.clone(), kids));
        }
        secs.sort_by(|a, b| a.0.cmp(&b.0));
        secs
    };
    let (w, g) = (norm(want), norm(got));
    let names: Vec<&String> = w.iter().chain(g.iter()).map(|(n, _)| n).collect();
    let mut out = String::new();
    let empty = Vec::new();
    for name in names {
        let a = w.iter().find(|(n, _)| n == name).map_or(&empty, |(_, k)| k);
        let b = g.iter().find(|(n, _)| n == name).map_or(&empty, |(_, k)| k);
        let same = a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_as(y));
        if same || out.contains(&format!("<{name}>")) {
            continue;
        }
        out.push_str(&format!("section <{name}>:\n"));
        for x in a.iter().filter(|x| !b.iter().any(|y| y.same_as(x))) {
            out.push_str(&format!("  - {}\n", xml::to_string_compact(x)));
        }
        for y in b.iter().filter(|y| !a.iter().any(|x| x.same_as(y))) {
            out.push_str(&format!("  + {}\n", xml::to_string_compact(y)));
        }
    }
    (!out.is_empty()).then_some(out)
}
