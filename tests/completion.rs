//! `crm --compgen` against crmsh's own bash completion: every line of
//! `tests/completion/lines.txt` is completed by crmsh's completion
//! function in a real bash twice, with crmsh as `crm` (the oracle) and
//! with ours, on the same CIB file; the candidates must be the same.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

const COMPLETION_FILE: &str = "/usr/share/bash-completion/completions/crm";
const CRMSH: &str = "/usr/sbin/crm";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/completion")
}

/// A directory whose only `crm` is `target`, to put first on PATH.
fn bin_dir(root: &Path, name: &str, target: &Path) -> PathBuf {
    let d = root.join(name);
    std::fs::create_dir_all(&d).expect("temp dir");
    std::os::unix::fs::symlink(target, d.join("crm")).expect("symlink");
    d
}

/// The candidates bash's Tab gets on `line`, sorted (bash sorts them
/// before showing them).
fn tab(line: &str, bin: &Path, cib: &Path, home: &Path) -> Vec<String> {
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg(dir().join("tab.bash"))
        .arg(COMPLETION_FILE)
        .arg(line)
        .env("PATH", path)
        .env("CIB_file", cib)
        .env("HOME", home)
        .output()
        .expect("bash runs");
    let mut c: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect();
    c.sort();
    c
}

#[test]
fn crmsh_bash_completion_gets_crmsh_candidates_from_ours() {
    let test = "crmsh_bash_completion_gets_crmsh_candidates_from_ours";
    if !Path::new(COMPLETION_FILE).exists() || !Path::new(CRMSH).exists() {
        support::skip(
            test,
            "crmsh 4.4 (its bash completion and crm) not installed",
        );
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let cib = tmp.path().join("cib.xml");
    std::fs::copy(dir().join("cib.xml"), &cib).expect("fixture CIB");
    let oracle = bin_dir(tmp.path(), "oracle", Path::new(CRMSH));
    let ours = bin_dir(tmp.path(), "ours", Path::new(env!("CARGO_BIN_EXE_crm")));
    let lines = std::fs::read_to_string(dir().join("lines.txt")).expect("lines.txt");
    let cases: Vec<&str> = lines
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    // crmsh takes a second or more a line: four lines at a time.
    let results: Vec<(String, Vec<String>, Vec<String>)> = cases
        .chunks(4)
        .flat_map(|chunk| {
            std::thread::scope(|s| {
                let handles: Vec<_> = chunk
                    .iter()
                    .map(|line| {
                        let (oracle, ours, cib, home) = (&oracle, &ours, &cib, tmp.path());
                        s.spawn(move || {
                            let expected = tab(line, oracle, cib, home);
                            let got = tab(line, ours, cib, home);
                            (line.to_string(), expected, got)
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("completion thread"))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut failures = Vec::new();
    for (line, expected, got) in &results {
        assert!(
            !expected.is_empty(),
            "crmsh offers nothing on {line:?}: not a useful case"
        );
        if expected != got {
            failures.push(format!("{line:?}\n  crmsh: {expected:?}\n  ours:  {got:?}"));
        }
    }
    let checked = results.len();
    assert!(checked >= 10, "only {checked} lines");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
