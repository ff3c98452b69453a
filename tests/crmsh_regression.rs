//! crmsh 4.4.1's own regression suite (`../shared/crmsh-tests`), run
//! through our `crm` by `../shared/tools/crmsh-regression` with crmsh's
//! harness rules and pass criterion.
//!
//! Only the tests that crmsh 4.4.1 itself passes on this Pacemaker are
//! required (node, resource, ra and scripts differ for crmsh too).
//! Without `../shared`, or where network namespaces cannot be made, the
//! test says so and passes.

mod support;

use std::path::Path;
use std::process::Command;

/// The tests crmsh 4.4.1 passes under `--netns` here (configure level,
/// cib level, files and shadows, and history on crmsh's Pacemaker 1.1.7
/// report archive).
const PASSING: &[&str] = &[
    "confbasic",
    "bundle",
    "confbasic-xml",
    "edit",
    "rset",
    "rset-xml",
    "delete",
    "file",
    "shadow",
    "acl",
    "newfeatures",
    "commit",
    "bugs",
    "history",
];

#[test]
fn crmsh_regression_suite_identical() {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/crmsh-regression");
    if !tool.exists() {
        support::skip(
            "crmsh_regression_suite_identical",
            "../shared/tools/crmsh-regression is not here",
        );
        return;
    }
    let netns = Command::new("unshare")
        .args(["-n", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !netns {
        support::skip(
            "crmsh_regression_suite_identical",
            "`unshare -n` cannot make a network namespace here (crmsh's harness needs one)",
        );
        return;
    }
    let out = Command::new(&tool)
        .arg(env!("CARGO_BIN_EXE_crm"))
        .arg("--netns")
        .args(PASSING)
        .output()
        .expect("the regression tool runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let identical: Vec<&str> = text
        .lines()
        .filter(|l| l.split_whitespace().nth(1) == Some("identical"))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let missing: Vec<&&str> = PASSING.iter().filter(|t| !identical.contains(t)).collect();
    assert!(
        missing.is_empty() && out.status.success(),
        "not identical to crmsh: {missing:?}\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
