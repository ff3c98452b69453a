//! Helpers shared by the pm_crmgen integration tests: locating the golden data,
//! splitting `.args` lines, running the binary in a scratch directory.
#![allow(dead_code)]

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `../shared/pm_crmgen` next to the repository, if present.
pub fn golden_root() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pm_crmgen");
    if p.is_dir() {
        Some(p)
    } else {
        let _ = writeln!(
            std::io::stderr(),
            "skipping: {} not found (golden data lives in the shared folder)",
            p.display()
        );
        None
    }
}

/// Splits a shell-quoted line into words (single/double quotes, backslashes).
pub fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for d in chars.by_ref() {
                    if d == '\'' {
                        break;
                    }
                    cur.push(d);
                }
            }
            '"' => {
                in_word = true;
                while let Some(d) = chars.next() {
                    match d {
                        '"' => break,
                        '\\' => {
                            if let Some(&n) = chars.peek() {
                                if matches!(n, '"' | '\\' | '$' | '`') {
                                    cur.push(n);
                                    chars.next();
                                    continue;
                                }
                            }
                            cur.push('\\');
                        }
                        _ => cur.push(d),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

pub struct RunResult {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs the binary as `pm_crmgen` with `args` inside `dir`.
pub fn run_in(dir: &Path, args: &[String]) -> RunResult {
    let out = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"))
        .arg0("pm_crmgen")
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "80")
        .output()
        .expect("the pm_crmgen binary runs");
    RunResult {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

/// A fresh scratch directory under the target dir.
pub fn scratch_dir(name: &str) -> PathBuf {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pm_crmgen");
    let dir = base.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// First line where two byte strings differ, for failure summaries.
pub fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let el: Vec<&str> = e.split('\n').collect();
    let al: Vec<&str> = a.split('\n').collect();
    for i in 0..el.len().max(al.len()) {
        let x = el.get(i).copied();
        let y = al.get(i).copied();
        if x != y {
            return format!(
                "line {}:\n      expected: {:?}\n      actual:   {:?}",
                i + 1,
                x.unwrap_or("<none>"),
                y.unwrap_or("<none>")
            );
        }
    }
    "identical".into()
}

/// Names of the golden cases (`NAME.args`), sorted.
pub fn case_names(cases_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir)
        .expect("cases dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_suffix(".args").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

/// `../shared/tools/cibdiff A B`: `Ok(())` when equal, else its report.
/// `None` when the tool is missing (the caller skips visibly).
pub fn cibdiff(a: &Path, b: &Path) -> Option<Result<(), String>> {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/cibdiff");
    if !tool.is_file() {
        return None;
    }
    let out = Command::new("python3")
        .arg(&tool)
        .arg(a)
        .arg(b)
        .output()
        .ok()?;
    if out.status.success() {
        Some(Ok(()))
    } else {
        Some(Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )))
    }
}
