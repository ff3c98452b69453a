//! The conformance corpus through the real `crm` binary and a CIB file:
//! `crm -F configure load METHOD NNN.crm` then `crm configure show`.
//! Valid cases: the file's `<configuration>` equals NNN.xml and show
//! equals NNN.show byte for byte; where crmsh's show is lossy, `save`
//! (the annotated text) → `load` into an empty CIB must also give the
//! same XML back. Invalid cases: exit 1 and the CIB file byte-identical.

use crmtool::cib::Cib;
use crmtool::xml;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

mod support;

fn corpus() -> Option<PathBuf> {
    support::shared("conformance")
}

use support::offline_crm as crm;

/// Cases whose crmsh show output does not load back to the same XML.
fn lossy(dir: &Path) -> HashSet<String> {
    let text = std::fs::read_to_string(dir.join("ROUNDTRIP.tsv")).unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            let name = f.next()?;
            let result = f.next()?;
            (!matches!(result, "identical" | "same-except-element-order")).then(|| name.to_string())
        })
        .collect()
}

#[test]
fn every_case_through_the_binary() {
    let Some(dir) = corpus() else { return };
    let (valid, invalid, failures) = run_dir(&dir);
    eprintln!(
        "through the binary: {valid} valid, {invalid} invalid, {} failures",
        failures.len()
    );
    assert!(
        valid >= 96 && invalid >= 50,
        "corpus incomplete: {valid} valid, {invalid} invalid"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn own_golden_cases_through_the_binary() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/compile");
    let (valid, _, failures) = run_dir(&dir);
    assert!(valid >= 3);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs every case of a folder; returns (valid, invalid, failures).
fn run_dir(dir: &Path) -> (usize, usize, Vec<String>) {
    let dir = dir.to_path_buf();
    let lossy = lossy(&dir);
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_suffix(".crm")
                .map(String::from)
        })
        .filter(|n| !n.ends_with(".base"))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for name in &names {
        let file = |ext: &str| dir.join(format!("{name}.{ext}"));
        let opts = std::fs::read_to_string(file("opts")).unwrap_or_default();
        let schema = support::opt(&opts, "--schema").unwrap_or_else(|| "pacemaker-3.9".into());
        let method = support::opt(&opts, "--method").unwrap_or_else(|| "update".into());
        let cib = tmp.path().join(format!("{name}.cib.xml"));
        std::fs::write(&cib, Cib::empty(&schema).to_xml()).expect("write cib");
        if let Some(base) = support::opt(&opts, "--base") {
            let out = crm(
                &cib,
                &[
                    "-F",
                    "configure",
                    "load",
                    "update",
                    &dir.join(base).display().to_string(),
                ],
            );
            assert!(out.status.success(), "{name}: base refused");
        }
        let before = std::fs::read(&cib).expect("cib");
        let input = file("crm").display().to_string();
        let out = crm(&cib, &["-F", "configure", "load", &method, &input]);
        if !file("xml").exists() {
            invalid += 1;
            if out.status.code() != Some(1) {
                failures.push(format!(
                    "{name}: invalid input exited {:?}",
                    out.status.code()
                ));
            } else if std::fs::read(&cib).expect("cib") != before {
                failures.push(format!("{name}: the refused load changed the CIB file"));
            }
            continue;
        }
        valid += 1;
        if !out.status.success() {
            failures.push(format!(
                "{name}: refused: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let stored = Cib::parse(&std::fs::read_to_string(&cib).expect("cib")).expect("cib parses");
        let want =
            xml::parse(&std::fs::read_to_string(file("xml")).expect("xml")).expect("xml parses");
        if let Some(diff) = cibdiff(&file("xml"), &cib) {
            failures.push(format!("{name}: ../shared/tools/cibdiff reports\n{diff}"));
        }
        if !stored.configuration().same_as(&want) {
            failures.push(format!(
                "{name}: stored configuration differs from {name}.xml"
            ));
        }
        let shown = crm(&cib, &["configure", "show"]);
        let shown_text = String::from_utf8_lossy(&shown.stdout).into_owned();
        let expected_show = std::fs::read_to_string(file("show")).expect("show");
        if shown_text != expected_show {
            failures.push(format!(
                "{name}: show differs\n--- crmsh\n{expected_show}--- ours\n{shown_text}"
            ));
        }
        if lossy.contains(name) || name == "089-fencing-topology-existing-nodes" {
            // Lossless promise: save → load gives the same XML.
            let shown_file = tmp.path().join(format!("{name}.shown.crm"));
            let saved = crm(
                &cib,
                &["configure", "save", &shown_file.display().to_string()],
            );
            assert!(saved.status.success(), "{name}: save failed");
            let text = std::fs::read(&shown_file).expect("saved file");
            let reloaded = tmp.path().join(format!("{name}.reload.xml"));
            std::fs::write(&reloaded, Cib::empty(&schema).to_xml()).expect("write");
            let out = crm(
                &reloaded,
                &[
                    "-F",
                    "configure",
                    "load",
                    "update",
                    &shown_file.display().to_string(),
                ],
            );
            let again =
                Cib::parse(&std::fs::read_to_string(&reloaded).expect("reload")).expect("parses");
            if !out.status.success() || !same_objects(again.configuration(), &want) {
                failures.push(format!(
                    "{name}: save → load does not reproduce the XML\n{}",
                    String::from_utf8_lossy(&text)
                ));
            }
        }
    }
    (valid, invalid, failures)
}

/// The project's reference comparator, `../shared/tools/cibdiff` (ids and
/// order compared), when it and python3 are there: `Some(report)` when the
/// documents differ.
fn cibdiff(expected: &Path, cib: &Path) -> Option<String> {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/cibdiff");
    if !tool.exists() {
        return None;
    }
    let out = Command::new("python3")
        .arg(&tool)
        .arg(expected)
        .arg(cib)
        .output()
        .ok()?;
    match out.status.code() {
        Some(0) => None,
        _ => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
    }
}

/// Equal configurations, top-level objects of each section compared in
/// any order (show sorts them, as crmsh's does).
fn same_objects(a: &xml::Element, b: &xml::Element) -> bool {
    let norm = |e: &xml::Element| {
        let mut sections: Vec<String> = e
            .elements()
            .filter(|s| s.elements().next().is_some() || s.name == "fencing-topology")
            .map(|s| {
                let mut kids: Vec<String> = s
                    .elements()
                    .map(|k| xml::to_string_compact(&sorted(k)))
                    .collect();
                kids.sort();
                format!("{}:{}", s.name, kids.join(""))
            })
            .collect();
        sections.sort();
        sections
    };
    norm(a) == norm(b)
}

/// A copy with attributes sorted, so the compact text ignores their order.
fn sorted(e: &xml::Element) -> xml::Element {
    let mut c = e.clone();
    c.attrs_mut().sort();
    c.children = c
        .children
        .iter()
        .map(|n| match n {
            xml::Node::Element(x) => xml::Node::Element(sorted(x)),
            other => other.clone(),
        })
        .collect();
    c
}
