//! The crmsh 4.4 conformance corpus in ../shared/conformance: every valid
//! case must compile to the stored `<configuration>`, every invalid case
//! must be refused with the CIB untouched.

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use crmtool::xml;
use std::path::{Path, PathBuf};

mod support;

fn corpus() -> Option<PathBuf> {
    support::shared("conformance")
}

/// One case: its name and the oracle options that change how it loads.
struct Case {
    dir: PathBuf,
    name: String,
    schema: String,
    base: Option<PathBuf>,
    method: Method,
}

fn cases(dir: &Path) -> Vec<Case> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("corpus readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".crm").map(String::from))
        .filter(|n| !n.ends_with(".base"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let opts =
                std::fs::read_to_string(dir.join(format!("{name}.opts"))).unwrap_or_default();
            let arg = |flag: &str| support::opt(&opts, flag);
            Case {
                dir: dir.to_path_buf(),
                schema: arg("--schema").unwrap_or_else(|| "pacemaker-3.9".into()),
                base: arg("--base").map(|b| dir.join(b)),
                method: match arg("--method").as_deref() {
                    Some("replace") => Method::Replace,
                    Some("push") => Method::Push,
                    _ => Method::Update,
                },
                name,
            }
        })
        .collect()
}

impl Case {
    fn file(&self, ext: &str) -> PathBuf {
        self.dir.join(format!("{}.{ext}", self.name))
    }

    fn valid(&self) -> bool {
        self.file("xml").exists()
    }

    /// The starting CIB and the CIB after loading the case.
    fn run(&self) -> (Cib, Result<Cib, String>) {
        let mut cib = Cib::empty(&self.schema);
        if let Some(base) = &self.base {
            let text = std::fs::read_to_string(base).expect("base readable");
            load_text(&mut cib, &text, Method::Update).expect("base loads");
        }
        let before = cib.clone();
        let bytes = std::fs::read(self.file("crm")).expect("case readable");
        let text = crmtool::source::decode(&bytes);
        let mut after = cib.clone();
        let result = load_text(&mut after, &text, self.method)
            .map(|_| after.clone())
            .map_err(|e| e.to_string());
        (before, result)
    }
}

/// The project's own cases, recorded with crmsh-oracle.
fn own_cases() -> Vec<Case> {
    cases(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/compile"))
}

fn all_cases() -> Vec<Case> {
    let mut all = own_cases();
    if let Some(dir) = corpus() {
        all.extend(cases(&dir));
    }
    all
}

#[test]
fn valid_cases_compile_to_the_stored_xml() {
    let mut failures = Vec::new();
    let mut passed = 0;
    for case in all_cases().iter().filter(|c| c.valid()) {
        let expected_text = std::fs::read_to_string(case.file("xml")).expect("xml readable");
        let expected = xml::parse(&expected_text).expect("expected xml parses");
        match case.run().1 {
            Err(e) => failures.push(format!("{}: refused: {e}", case.name)),
            Ok(cib) => {
                let got = cib.configuration();
                if got.same_as(&expected) {
                    passed += 1;
                } else {
                    if let Ok(d) = std::env::var("CONFORMANCE_DUMP") {
                        let _ =
                            std::fs::write(format!("{d}/{}.xml", case.name), xml::to_pretty(got));
                    }
                    failures.push(format!(
                        "{}: XML differs\n--- expected\n{}--- got\n{}",
                        case.name,
                        expected_text,
                        xml::to_pretty(got)
                    ));
                }
            }
        }
    }
    eprintln!("valid cases: {passed} passed, {} failed", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_cases_are_refused_and_change_nothing() {
    let mut failures = Vec::new();
    for case in all_cases().iter().filter(|c| !c.valid()) {
        let (before, result) = case.run();
        match result {
            Ok(after) if after != before => failures.push(format!("{}: accepted", case.name)),
            Ok(_) => failures.push(format!("{}: accepted (no change)", case.name)),
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
