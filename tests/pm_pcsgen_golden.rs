//! pm_pcsgen sheets: `pm_crmgen -x` on each sheet of `tests/pm_pcsgen/cases`
//! gives the CIB the real pm_pcsgen made from it (recorded beside it, see
//! `tests/pm_pcsgen/README.md`), and refuses with pm_pcsgen's own located
//! messages where pm_pcsgen refused.
//!
//! Equal means: the same `<configuration>` after one normalisation applied
//! to both sides, for what pcs decides and a sheet does not say: ids of
//! attribute sets, operations, constraints, rules and levels (pcs and crm
//! name them differently; resource and alert ids are compared), the order of
//! pairs inside one set and of operations inside one primitive (pcs sorts
//! them), the order of top-level resources (compared by id) and of sections,
//! a rule's `boolean-op="and"` (Pacemaker's default, which crm leaves out),
//! empty sections, and the operations pcs copies from the installed
//! agent's metadata for actions the sheet does not name (each one dropped is
//! counted and printed).

mod pm_crmgen_common;

use crmtool::xml::{parse, to_pretty, Element, Node};
use pm_crmgen_common::{run_in, scratch_dir};
use std::io::Write;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pm_pcsgen/cases")
}

fn names_with(ext: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("cases dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_suffix(ext).map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

fn configuration(xml: &str) -> Element {
    let root = parse(xml).expect("well-formed CIB XML");
    if root.name.as_str() == "configuration" {
        return root;
    }
    let found = root
        .elements()
        .find(|e| e.name.as_str() == "configuration")
        .cloned();
    found.expect("a <configuration>")
}

/// Elements whose `id` is a name the sheet gives (kept in the comparison).
const NAMED: [&str; 6] = ["primitive", "group", "clone", "master", "bundle", "alert"];

fn normalise(e: &mut Element) {
    if !NAMED.contains(&e.name.as_str()) {
        e.remove_attr("id");
    }
    if e.name.as_str() == "rule" && e.get("boolean-op") == Some("and") {
        e.remove_attr("boolean-op");
    }
    e.attrs_mut().sort();
    e.children.retain(|n| matches!(n, Node::Element(_)));
    for c in e.elements_mut() {
        normalise(c);
    }
    e.children.retain(|n| match n {
        Node::Element(c) => !(c.children.is_empty() && c.attrs().is_empty()),
        _ => false,
    });
    let key = |n: &Node| -> (u8, String) {
        let Node::Element(c) = n else {
            return (9, String::new());
        };
        match c.name.as_str() {
            "nvpair" => (0, c.get("name").unwrap_or("").to_string()),
            "op" => (
                0,
                format!(
                    "{} {} {}",
                    c.get("name").unwrap_or(""),
                    c.get("interval").unwrap_or(""),
                    c.get("role").unwrap_or("")
                ),
            ),
            "meta_attributes" => (1, String::new()),
            "instance_attributes" => (2, String::new()),
            "utilization" => (3, String::new()),
            "operations" => (4, String::new()),
            _ => (5, String::new()),
        }
    };
    if e.name.as_str() == "configuration" {
        e.children.sort_by_key(|n| match n {
            Node::Element(c) => c.name.as_str().to_string(),
            _ => String::new(),
        });
        return;
    }
    if e.name.as_str() == "resources" {
        // crm lists standalone primitives before containers, pcs keeps
        // creation order; the order of top-level resources is compared by id.
        e.children.sort_by_key(|n| match n {
            Node::Element(c) => c.get("id").unwrap_or("").to_string(),
            _ => String::new(),
        });
        return;
    }
    // Only sets and their kin move; group members, levels, rules keep their order.
    e.children.sort_by_key(|n| {
        let k = key(n);
        if k.0 == 5 {
            (5, String::new())
        } else {
            k
        }
    });
}

/// Op names per primitive id.
fn op_names(e: &Element, out: &mut Vec<(String, String)>) {
    if e.name.as_str() == "primitive" {
        let id = e.get("id").unwrap_or("").to_string();
        if let Some(ops) = e.child("operations") {
            for op in ops.elements() {
                out.push((id.clone(), op.get("name").unwrap_or("").to_string()));
            }
        }
    }
    for c in e.elements() {
        op_names(c, out);
    }
}

/// Drops the oracle's operations for actions the sheet (hence ours) does not name.
fn drop_agent_defaults(e: &mut Element, ours: &[(String, String)], dropped: &mut Vec<String>) {
    if e.name.as_str() == "primitive" {
        let id = e.get("id").unwrap_or("").to_string();
        if let Some(ops) = e.child_mut("operations") {
            ops.children.retain(|n| {
                let Node::Element(op) = n else { return true };
                let name = op.get("name").unwrap_or("");
                let keep = ours.iter().any(|(i, o)| *i == id && o == name);
                if !keep {
                    dropped.push(format!("{id}:{name}"));
                }
                keep
            });
        }
    }
    for c in e.elements_mut() {
        drop_agent_defaults(c, ours, dropped);
    }
}

#[test]
fn pcsgen_sheets_compile_to_the_cib_pm_pcsgen_made() {
    let dir = cases_dir();
    let (mut equal, mut failures, mut dropped) = (0, Vec::new(), Vec::new());
    let names = names_with(".xml");
    assert!(names.len() >= 3, "golden cases present: {names:?}");
    for name in &names {
        let rc = std::fs::read_to_string(dir.join(format!("{name}.rc"))).expect("rc");
        if rc.trim() == "1" {
            continue;
        }
        let work = scratch_dir(&format!("pcsgen-{name}"));
        std::fs::copy(dir.join(format!("{name}.csv")), work.join("in.csv")).expect("copy");
        let res = run_in(&work, &["-x".into(), "out.xml".into(), "in.csv".into()]);
        let got = std::fs::read_to_string(work.join("out.xml"));
        let (0 | 2, Ok(got)) = (res.code, got) else {
            failures.push(format!(
                "{name}: pm_crmgen -x gave {}: {}",
                res.code,
                String::from_utf8_lossy(&res.stderr)
            ));
            continue;
        };
        let want = std::fs::read_to_string(dir.join(format!("{name}.xml"))).expect("oracle xml");
        let mut want = configuration(&want);
        let mut got = configuration(&got);
        let mut ours = Vec::new();
        op_names(&got, &mut ours);
        drop_agent_defaults(&mut want, &ours, &mut dropped);
        normalise(&mut want);
        normalise(&mut got);
        let (w, g) = (to_pretty(&want), to_pretty(&got));
        if w == g {
            equal += 1;
        } else {
            let _ = std::fs::write(work.join("want.norm.xml"), &w);
            let _ = std::fs::write(work.join("got.norm.xml"), &g);
            failures.push(format!(
                "{name}: differs from pm_pcsgen's CIB ({}), see {}",
                pm_crmgen_common::first_difference(w.as_bytes(), g.as_bytes()),
                work.display()
            ));
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "pm_pcsgen sheets: {equal} equal to pm_pcsgen's CIB, {} failed; agent-default ops of pcs left out: {}",
        failures.len(),
        dropped.join(" ")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(equal >= 3);
}

/// Where pm_pcsgen refused a sheet, we refuse too, write nothing, and say
/// each of its ERROR lines (same text, same row).
#[test]
fn pcsgen_sheets_pm_pcsgen_refuses_are_refused_with_its_messages() {
    let dir = cases_dir();
    let mut checked = 0;
    let mut failures = Vec::new();
    for name in names_with(".stderr") {
        let work = scratch_dir(&format!("pcsgen-err-{name}"));
        std::fs::copy(dir.join(format!("{name}.csv")), work.join("in.csv")).expect("copy");
        let res = run_in(&work, &["-x".into(), "out.xml".into(), "in.csv".into()]);
        let said = String::from_utf8_lossy(&res.stderr).into_owned();
        if res.code != 1 || work.join("out.xml").exists() {
            failures.push(format!(
                "{name}: expected a refusal, got {} ({said})",
                res.code
            ));
            continue;
        }
        let oracle = std::fs::read_to_string(dir.join(format!("{name}.stderr"))).expect("stderr");
        for line in oracle.lines().filter(|l| l.starts_with("ERROR")) {
            // pm_pcsgen: `ERROR : (CSV:L12 ) text`; ours: `ERROR : in.csv(L12): text`.
            let Some(rest) = line.split_once("(CSV:L") else {
                continue;
            };
            let Some((num, text)) = rest.1.split_once(')') else {
                continue;
            };
            let want = format!("in.csv(L{}): {}", num.trim(), text.trim());
            if !said
                .lines()
                .any(|l| l.starts_with("ERROR") && l.contains(&want))
            {
                failures.push(format!("{name}: missing {want:?} in:\n{said}"));
            } else {
                checked += 1;
            }
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "pm_pcsgen refusals: {checked} located messages as pm_pcsgen's, {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 3, "error cases present");
}

/// Our own warnings, which pm_pcsgen has no counterpart for (see the
/// README): each `.warnings` line is printed with `-V`, the XML is still
/// written, the exit status is 2; English with `--lang en`, the same rows.
#[test]
fn pcsgen_sheets_with_renumbered_levels_warn_naming_the_row() {
    let dir = cases_dir();
    let names = names_with(".warnings");
    assert!(!names.is_empty(), "warning cases present");
    for name in &names {
        let work = scratch_dir(&format!("pcsgen-warn-{name}"));
        std::fs::copy(dir.join(format!("{name}.csv")), work.join("in.csv")).expect("copy");
        let want = std::fs::read_to_string(dir.join(format!("{name}.warnings"))).expect("warnings");
        let res = run_in(
            &work,
            &["-V".into(), "-x".into(), "out.xml".into(), "in.csv".into()],
        );
        let said = String::from_utf8_lossy(&res.stderr).into_owned();
        assert_eq!(res.code, 2, "{name}: {said}");
        let warned: Vec<&str> = said.lines().filter(|l| l.starts_with("WARN")).collect();
        let wanted: Vec<&str> = want.lines().collect();
        assert_eq!(warned, wanted, "{name}");
        assert!(work.join("out.xml").exists(), "{name}: no XML written");
        // Without -V the warnings are not printed, but the status says so.
        let quiet = run_in(&work, &["-x".into(), "quiet.xml".into(), "in.csv".into()]);
        assert_eq!(quiet.code, 2);
        assert!(!String::from_utf8_lossy(&quiet.stderr).contains("WARN"));
        // English names the same rows.
        let en = run_in(
            &work,
            &["--lang".into(), "en".into(), "-V".into(), "in.csv".into()],
        );
        let en_said = String::from_utf8_lossy(&en.stderr).into_owned();
        let rows = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with("WARN"))
                .filter_map(|l| l.split(": ").nth(1).map(str::to_string))
                .collect()
        };
        assert_eq!(rows(&en_said), rows(&want), "{name}: {en_said}");
        assert!(en_said.contains("is written as level"), "{en_said}");
        if name != "own-level-renumbered" {
            continue;
        }
        // The levels written: node1's 1 and 3 became 1 and 2, node2's 2 became 1.
        let xml = std::fs::read_to_string(work.join("out.xml")).expect("xml");
        let conf = configuration(&xml);
        let mut levels = Vec::new();
        fn walk(e: &Element, out: &mut Vec<String>) {
            if e.name.as_str() == "fencing-level" {
                out.push(format!(
                    "{} {} {}",
                    e.get("target").unwrap_or(""),
                    e.get("index").unwrap_or(""),
                    e.get("devices").unwrap_or("")
                ));
            }
            for c in e.elements() {
                walk(c, out);
            }
        }
        walk(&conf, &mut levels);
        assert_eq!(
            levels,
            [
                "node1 1 fence-kdump1",
                "node1 2 fence-ipmi1,fence-sbd",
                "node2 1 fence-ipmi2"
            ]
        );
    }
    // A sheet whose levels are 1, 2, ... per node says nothing of them.
    let work = scratch_dir("pcsgen-warn-none");
    std::fs::copy(dir.join("own-all-tables.csv"), work.join("in.csv")).expect("copy");
    let res = run_in(&work, &["-V".into(), "in.csv".into()]);
    let said = String::from_utf8_lossy(&res.stderr);
    assert!(!said.contains("'level'列"), "{said}");
}
