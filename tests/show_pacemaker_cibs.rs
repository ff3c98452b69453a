//! Golden test of `configure show` against real CIBs: every
//! `NAME.xml` of `../shared/pacemaker-cibs` that has a `NAME.show`
//! (crmsh 4.4.1's output for it) must show byte for byte the same, except
//! the cases listed in [`EXCEPTIONS`], each with the reason crmsh's bytes
//! are not worth copying. Skipped, visibly, when the corpus is absent.

use crmtool::cib::Cib;
use crmtool::show::{show, ShowOptions};
use std::fs;
use std::path::{Path, PathBuf};

/// Cases whose crmsh output we deliberately do not reproduce.
const EXCEPTIONS: &[(&str, &str)] = &[];

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pacemaker-cibs");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: no pacemaker-cibs corpus at {}", dir.display());
        None
    }
}

/// The names of the cases having both files, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(".show").map(String::from))
        .filter(|n| dir.join(format!("{n}.xml")).is_file())
        .collect();
    names.sort();
    names
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
    let all = names(&dir);
    for name in &all {
        let read = |ext: &str| fs::read_to_string(dir.join(format!("{name}{ext}")));
        let cib = Cib::parse(&read(".xml").expect("xml file")).expect("valid cib");
        let want = read(".show").expect("show file");
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
