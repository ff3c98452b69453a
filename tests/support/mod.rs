//! Shared by the integration tests (`mod support;`).

use std::io::Write;

/// Says that a test could not run here and why. Written to stderr
/// directly, not through `eprintln!`, so that the test harness does not
/// capture it: plain `cargo test` shows the line, and a skipped test is
/// never mistaken for one that ran.
#[allow(dead_code)]
pub fn skip(test: &str, reason: &str) {
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}

/// `../shared/PART` (the shared corpora), or `None` after saying so on
/// stderr as [`skip`] does, when it is not on this machine.
#[allow(dead_code)]
pub fn shared(part: &str) -> Option<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(part);
    if dir.is_dir() {
        return Some(dir);
    }
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {} not found (the shared corpus is not on this machine)",
        dir.display()
    );
    None
}

/// The word after `flag` in the text of a corpus case's `NAME.opts`
/// (`--schema pacemaker-2.0 --base x.base.crm`).
#[allow(dead_code)]
pub fn opt(opts: &str, flag: &str) -> Option<String> {
    let words: Vec<&str> = opts.split_whitespace().collect();
    let i = words.iter().position(|w| *w == flag)?;
    words.get(i + 1).map(|s| s.to_string())
}

/// Whether a program can be started (`PROGRAM --version` or similar).
#[allow(dead_code)]
pub fn have(program: &str, arg: &str) -> bool {
    std::process::Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Our `crm` against the live cluster: `CIB_file` and `CIB_shadow` of the
/// caller's environment removed, no stdin.
#[allow(dead_code)]
pub fn live_crm(args: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_crm"));
    c.args(args)
        .env_remove("CIB_file")
        .env_remove("CIB_shadow")
        .stdin(std::process::Stdio::null());
    c
}

/// A Pacemaker tool against the live cluster, for setting up and checking
/// (never the thing tested).
#[allow(dead_code)]
pub fn live_tool(program: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(program)
        .args(args)
        .env_remove("CIB_file")
        .env_remove("CIB_shadow")
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

/// A run's exit code, stdout and stderr, for an assertion's message.
#[allow(dead_code)]
pub fn outcome(o: &std::process::Output) -> String {
    format!(
        "rc={:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Our `crm` on a CIB file (`CIB_file`), secrets unmasked in what it
/// shows (`CRM_OBSCURE_PATTERN` of the caller's environment removed).
#[allow(dead_code)]
pub fn offline_crm(cib: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(args)
        .env("CIB_file", cib)
        .env_remove("CRM_OBSCURE_PATTERN")
        .output()
        .expect("crm runs")
}

/// Whether `crm_mon -1` shows a running cluster with an elected DC.
#[allow(dead_code)]
pub fn has_dc() -> bool {
    std::process::Command::new("crm_mon")
        .arg("-1")
        .output()
        .map(|o| {
            let s = String::from_utf8_lossy(&o.stdout);
            o.status.success() && s.contains("Current DC: ") && !s.contains("Current DC: NONE")
        })
        .unwrap_or(false)
}

/// The text without its escape sequences: an ESC and what follows it up
/// to the sequence's final letter (CSI colours such as `ESC [ 1 m`, and
/// the `ESC ( B` that terminals' sgr0 puts before them).
#[allow(dead_code)]
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
