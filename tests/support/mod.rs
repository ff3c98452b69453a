//! Shared by the integration tests (`mod support;`).

use std::io::Write;

/// Says that a test could not run here and why. Written to stderr
/// directly, not through `eprintln!`, so that the test harness does not
/// capture it: plain `cargo test` shows the line, and a skipped test is
/// never mistaken for one that ran.
pub fn skip(test: &str, reason: &str) {
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}

/// Whether a program can be started (`PROGRAM --version` or similar).
#[allow(dead_code)]
pub fn have(program: &str, arg: &str) -> bool {
    std::process::Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}
