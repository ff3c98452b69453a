//! Loading the same file twice changes nothing the second time, for every
//! file that crmsh 4.4 loads twice unchanged (issue 9). Which files those
//! are comes from crmsh itself: `tests/load_twice/crmsh.tsv`, recorded by
//! `tests/load_twice/record-crmsh.py` (crmsh's `load update` twice on a
//! fresh offline CIB, the two configurations compared with cibdiff): the
//! rows where both loads exit 0 and the second changes nothing.

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use crmtool::source::Source;
use std::path::{Path, PathBuf};
use std::process::Command;

mod support;

/// ../shared itself, when its conformance corpus is there.
fn shared() -> Option<PathBuf> {
    support::shared("conformance").and_then(|c| c.parent().map(Path::to_path_buf))
}

/// A file crmsh loads twice with nothing changed, and the CIB it starts
/// from (schema, base file) as the corpus's NAME.opts says.
struct Case {
    file: PathBuf,
    schema: String,
    base: Option<PathBuf>,
}

fn cases(shared: &Path) -> Vec<Case> {
    let listing = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/load_twice/crmsh.tsv");
    let text = std::fs::read_to_string(listing).expect("the crmsh listing is in the tree");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            // Both loads exit 0 and the second changes nothing.
            let passes = cols.len() == 4 && cols[1] == "0" && cols[2] == "0" && cols[3] == "same";
            passes.then(|| shared.join(cols[0]))
        })
        .map(|file| {
            let opts = std::fs::read_to_string(file.with_extension("opts")).unwrap_or_default();
            let arg = |flag: &str| support::opt(&opts, flag);
            Case {
                schema: arg("--schema").unwrap_or_else(|| "pacemaker-3.9".into()),
                base: arg("--base").and_then(|b| file.parent().map(|d| d.join(b))),
                file,
            }
        })
        .collect()
}

fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("readable");
    let name = path.display().to_string();
    Source::from_bytes(&name, &bytes)
        .expect("the corpus files decode")
        .text
        .to_string()
}

fn start(case: &Case) -> Cib {
    let mut cib = Cib::empty(&case.schema);
    if let Some(base) = &case.base {
        load_text(&mut cib, &text_of(base), Method::Update).expect("base loads");
    }
    cib
}

#[test]
fn a_second_load_changes_nothing() {
    let Some(shared) = shared() else { return };
    let cases = cases(&shared);
    assert!(cases.len() >= 100, "only {} cases listed", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let text = text_of(&case.file);
        let name = case.file.display();
        let mut cib = start(case);
        if let Err(e) = load_text(&mut cib, &text, Method::Update) {
            failures.push(format!("{name}: first load: {e}"));
            continue;
        }
        let first = cib.clone();
        match load_text(&mut cib, &text, Method::Update) {
            Err(e) => failures.push(format!("{name}: second load: {e}")),
            Ok(_) if cib.configuration() != first.configuration() => {
                failures.push(format!("{name}: the second load changed the configuration"))
            }
            Ok(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Through the binary (`crm -F`, as crmsh was run): the second load
/// exits 0 and does not write.
#[test]
fn the_binary_does_not_write_on_the_second_load() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    let cases = cases(&shared);
    for case in &cases {
        let cib_file = tmp.path().join("cib.xml");
        std::fs::write(&cib_file, start(case).to_xml()).expect("write");
        let load = || {
            Command::new(env!("CARGO_BIN_EXE_crm"))
                // `-F` as crmsh was run (tests/load_twice/record-crmsh.py):
                // agent checks that fail on this machine do not stop it.
                .args(["-F", "configure", "load", "update"])
                .arg(&case.file)
                .env("CIB_file", &cib_file)
                .output()
                .expect("crm runs")
        };
        let name = case.file.display();
        let first = load();
        if !first.status.success() {
            failures.push(format!(
                "{name}: first load: {}",
                String::from_utf8_lossy(&first.stderr)
            ));
            continue;
        }
        let after_first = std::fs::read(&cib_file).expect("read");
        let second = load();
        if !second.status.success() {
            failures.push(format!(
                "{name}: second load: {}",
                String::from_utf8_lossy(&second.stderr)
            ));
        } else if std::fs::read(&cib_file).expect("read") != after_first {
            failures.push(format!("{name}: the second load rewrote the CIB"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
