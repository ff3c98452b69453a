//! The configure commands that call Pacemaker's tools or an agent
//! (`default-timeouts`, `validate-all`, `schema`, `upgrade`, `graph`,
//! `ptest`) and `show changed diff`, on `CIB_file` copies, with crmsh
//! 4.4.1 (/usr/sbin/crm) run beside ours on the same steps as the oracle.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

const CRM: &str = env!("CARGO_BIN_EXE_crm");
const CRMSH: &str = "/usr/sbin/crm";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(program: &str, cib: &Path, home: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    use std::io::Write;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .env("CIB_file", cib)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env_remove("CIB_shadow")
        // Lists in columns are as wide as these say (80 without them), for
        // crmsh through curses too.
        .env_remove("COLS")
        .env_remove("COLUMNS")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("crm runs");
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(stdin.unwrap_or("").as_bytes());
    }
    let o = child.wait_with_output().expect("crm ends");
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Two empty CIB files (ours, crmsh's) in a fresh directory, or `None`
/// (said visibly) when Pacemaker's tools or crmsh are missing.
fn setup(test: &str) -> Option<(tempfile::TempDir, PathBuf, PathBuf)> {
    let empty = Command::new("cibadmin").arg("--empty").output().ok();
    let Some(empty) = empty.filter(|o| o.status.success()) else {
        support::skip(test, "cibadmin (Pacemaker's CLI tools) is not installed");
        return None;
    };
    if !Path::new(CRMSH).exists() {
        support::skip(test, "crmsh (/usr/sbin/crm), the oracle, is not installed");
        return None;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let ours = dir.path().join("ours.xml");
    let theirs = dir.path().join("crmsh.xml");
    std::fs::write(&ours, &empty.stdout).expect("write");
    std::fs::write(&theirs, &empty.stdout).expect("write");
    // crmsh runs crm_verify at every commit, also on a file: without
    // fencing configured it would refuse the first primitive.
    both(
        dir.path(),
        &ours,
        &theirs,
        &[&["-F", "configure", "property", "stonith-enabled=false"]],
    );
    Some((dir, ours, theirs))
}

/// The same one-shot steps through both programs; every step must end
/// alike.
fn both(dir: &Path, ours: &Path, theirs: &Path, steps: &[&[&str]]) {
    for step in steps {
        let a = run(CRM, ours, dir, step, None);
        let b = run(CRMSH, theirs, dir, step, None);
        assert_eq!(
            a.code, b.code,
            "{step:?}: ours {} / crmsh {}",
            a.stderr, b.stderr
        );
    }
}

fn show(program: &str, cib: &Path, dir: &Path, ids: &[&str]) -> String {
    let mut args = vec!["configure", "show"];
    args.extend_from_slice(ids);
    run(program, cib, dir, &args, None).stdout
}

#[test]
fn default_timeouts_gives_the_ops_crmsh_gives() {
    let Some((dir, ours, theirs)) = setup("default_timeouts_gives_the_ops_crmsh_gives") else {
        return;
    };
    let d = dir.path();
    both(
        d,
        &ours,
        &theirs,
        &[
            &[
                "configure",
                "primitive",
                "p1",
                "Dummy",
                "op",
                "monitor",
                "interval=10s",
            ],
            &[
                "configure",
                "primitive",
                "p2",
                "IPaddr2",
                "params",
                "ip=192.0.2.9",
            ],
            &["configure", "default-timeouts", "p1", "p2"],
        ],
    );
    let want = show(CRMSH, &theirs, d, &["p1", "p2"]);
    assert!(want.contains("op start timeout="), "{want}");
    assert_eq!(show(CRM, &ours, d, &["p1", "p2"]), want);
    // The ids in the CIB, too.
    let xml = |p: &Path| run(CRM, p, d, &["configure", "show", "xml", "p1"], None).stdout;
    assert_eq!(xml(&ours), xml(&theirs));
    // An unknown id is an error; ours then changes nothing at all.
    let before = std::fs::read_to_string(&ours).expect("read");
    let r = run(
        CRM,
        &ours,
        d,
        &["configure", "default-timeouts", "p1", "nope"],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("object nope does not exist"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&ours).expect("read"), before);
}

#[test]
fn validate_all_runs_the_agent_as_crmsh() {
    let Some((dir, ours, theirs)) = setup("validate_all_runs_the_agent_as_crmsh") else {
        return;
    };
    let d = dir.path();
    both(
        d,
        &ours,
        &theirs,
        &[
            &["configure", "primitive", "ok", "Dummy"],
            // No interface holds this address: the agent refuses.
            &[
                "configure",
                "primitive",
                "bad",
                "IPaddr2",
                "params",
                "ip=203.0.113.77",
            ],
            &["configure", "group", "g", "ok"],
        ],
    );
    for (rsc, code) in [("ok", 0), ("bad", 1), ("nope", 1), ("g", 1)] {
        let a = run(CRM, &ours, d, &["configure", "validate-all", rsc], None);
        let b = run(CRMSH, &theirs, d, &["configure", "validate-all", rsc], None);
        assert_eq!(
            (a.code, b.code),
            (code, code),
            "{rsc}: {} / {}",
            a.stderr,
            b.stderr
        );
    }
    let a = run(CRM, &ours, d, &["configure", "validate-all", "g"], None);
    assert!(a.stderr.contains("Not a primitive: g"), "{}", a.stderr);
    let a = run(CRM, &ours, d, &["configure", "validate-all", "bad"], None);
    assert!(a.stderr.contains("Unable to find nic"), "{}", a.stderr);
}

#[test]
fn schema_and_upgrade_change_validate_with() {
    let Some((dir, ours, theirs)) = setup("schema_and_upgrade_change_validate_with") else {
        return;
    };
    let d = dir.path();
    let schema = |p: &str, f: &Path| run(p, f, d, &["configure", "schema"], None).stdout;
    assert_eq!(schema(CRM, &ours), schema(CRMSH, &theirs));
    let r = run(
        CRM,
        &ours,
        d,
        &["configure", "schema", "pacemaker-3.2"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(&ours)
        .expect("read")
        .contains("validate-with=\"pacemaker-3.2\""));
    // crmsh says the same of a schema Pacemaker does not have.
    let a = run(CRM, &ours, d, &["configure", "schema", "pacemaker-9"], None);
    let b = run(
        CRMSH,
        &theirs,
        d,
        &["configure", "schema", "pacemaker-9"],
        None,
    );
    assert_eq!((a.code, b.code), (1, 1));
    assert!(b.stderr.contains("schema pacemaker-9 does not exist"));
    assert!(a.stderr.contains("schema pacemaker-9 does not exist"));
    // Not 0.6: without force nothing changes, as in crmsh.
    let r = run(CRM, &ours, d, &["configure", "upgrade"], None);
    assert_eq!(r.code, 0);
    assert_eq!(schema(CRM, &ours), "pacemaker-3.2\n");
    // With force: what Pacemaker's own upgrade makes of a copy.
    let copy = d.join("copy.xml");
    std::fs::copy(&ours, &copy).expect("copy");
    let up = Command::new("cibadmin")
        .args(["--upgrade", "--force"])
        .env("CIB_file", &copy)
        .output()
        .expect("cibadmin");
    assert!(up.status.success());
    let r = run(CRM, &ours, d, &["configure", "upgrade", "force"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(schema(CRM, &ours), schema(CRM, &copy));
    assert_ne!(schema(CRM, &ours), "pacemaker-3.2\n");
}

#[test]
fn graph_writes_crmsh_s_dot_text() {
    let Some((dir, ours, theirs)) = setup("graph_writes_crmsh_s_dot_text") else {
        return;
    };
    let d = dir.path();
    both(
        d,
        &ours,
        &theirs,
        &[
            &["configure", "node", "node1"],
            &["configure", "primitive", "a", "Dummy"],
            &["configure", "primitive", "b", "Dummy"],
            &["configure", "primitive", "c", "Dummy"],
            &[
                "configure",
                "primitive",
                "st",
                "stonith:null",
                "params",
                "hostlist=node1",
            ],
            &["configure", "group", "g", "a", "b"],
            &["configure", "clone", "cl", "c"],
            &["configure", "location", "l1", "g", "100:", "node1"],
            &["configure", "location", "l2", "cl", "inf:", "node1"],
            &["configure", "order", "o1", "Mandatory:", "cl", "g"],
        ],
    );
    let want = d.join("crmsh.dot");
    let got = d.join("ours.dot");
    let w = want.to_string_lossy().into_owned();
    let g = got.to_string_lossy().into_owned();
    assert_eq!(
        run(CRMSH, &theirs, d, &["configure", "graph", "dot", &w], None).code,
        0
    );
    let r = run(CRM, &ours, d, &["configure", "graph", "dot", &g], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let want = std::fs::read_to_string(&want).expect("crmsh's graph");
    assert!(want.contains("subgraph cluster_g"), "{want}");
    assert_eq!(std::fs::read_to_string(&got).expect("our graph"), want);
    // Printed without a file (crmsh would open dotty).
    assert_eq!(
        run(CRM, &ours, d, &["configure", "graph"], None).stdout,
        want
    );
    if support::have("dot", "-V") {
        let svg = d.join("g.svg").to_string_lossy().into_owned();
        let r = run(
            CRM,
            &ours,
            d,
            &["configure", "graph", "dot", &svg, "svg"],
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(std::fs::read_to_string(&svg).expect("svg").contains("<svg"));
    } else {
        support::skip(
            "graph_writes_crmsh_s_dot_text (svg)",
            "graphviz's dot is not installed",
        );
    }
}

#[test]
fn ptest_prints_what_crmsh_prints() {
    let Some((dir, ours, theirs)) = setup("ptest_prints_what_crmsh_prints") else {
        return;
    };
    let d = dir.path();
    both(
        d,
        &ours,
        &theirs,
        &[
            &["configure", "node", "node1"],
            &[
                "configure",
                "primitive",
                "p1",
                "Dummy",
                "op",
                "monitor",
                "interval=10s",
            ],
        ],
    );
    for words in [
        &["nograph"][..],
        &["nograph", "scores"],
        &["nograph", "actions"],
    ] {
        let mut args = vec!["configure", "ptest"];
        args.extend_from_slice(words);
        let a = run(CRM, &ours, d, &args, None);
        let b = run(CRMSH, &theirs, d, &args, None);
        assert_eq!(a.code, b.code, "{words:?}");
        // crmsh reads crm_simulate's two streams through one pipe, so
        // where the scheduler's own log lines fall among the report
        // depends on timing; the report itself and the set of log lines
        // must be the same.
        let split = |t: &str| {
            let (mut log, mut report): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
            for l in t.lines() {
                // crmsh's own WARNING lines (they went to its stdout).
                if l.contains("No actions found.") {
                    continue;
                }
                if l.starts_with('(') {
                    log.push(l.to_string());
                } else {
                    report.push(l.to_string());
                }
            }
            log.sort();
            (report, log)
        };
        assert_eq!(split(&a.stdout), split(&b.stdout), "{words:?}");
        let said = |r: &Run| format!("{}{}", r.stdout, r.stderr).contains("No actions found.");
        assert_eq!(said(&a), said(&b), "{words:?}");
    }
    let a = run(CRM, &ours, d, &["configure", "ptest", "nograph"], None);
    // The staged primitive is in the scheduler's picture (the file has no
    // status, so node1 is offline and nothing starts).
    assert!(
        a.stdout.contains("p1\t(ocf:heartbeat:Dummy)"),
        "{}",
        a.stdout
    );
}

#[test]
fn show_changed_diff_is_crmsh_s_text_before_and_after() {
    let Some((dir, ours, theirs)) = setup("show_changed_diff_is_crmsh_s_text_before_and_after")
    else {
        return;
    };
    let d = dir.path();
    both(
        d,
        &ours,
        &theirs,
        &[
            &[
                "configure",
                "primitive",
                "p1",
                "Dummy",
                "op",
                "monitor",
                "interval=10s",
            ],
            &["configure", "primitive", "gone", "Dummy"],
        ],
    );
    let before = show(CRMSH, &theirs, d, &["p1"]);
    let gone = show(CRMSH, &theirs, d, &["gone"]);
    let script =
        "configure\nset p1.monitor.10s.timeout 30s\ndelete gone\nshow changed diff\nrefresh\n";
    let r = run(CRM, &ours, d, &[], Some(script));
    assert_eq!(r.code, 0, "{}", r.stderr);
    both(
        d,
        &ours,
        &theirs,
        &[&["configure", "set", "p1.monitor.10s.timeout", "30s"]],
    );
    let after = show(CRMSH, &theirs, d, &["p1"]);
    let side = |mark: char| -> String {
        r.stdout
            .lines()
            .filter(|l| l.starts_with(mark) || l.starts_with(' '))
            .map(|l| format!("{}\n", &l[1..]))
            .collect()
    };
    assert_eq!(side('-'), format!("{before}{gone}"), "{}", r.stdout);
    assert_eq!(side('+'), after, "{}", r.stdout);
}

#[test]
fn configure_cib_runs_the_cib_level_and_guards_staged_changes() {
    let Some((dir, ours, _theirs)) =
        setup("configure_cib_runs_the_cib_level_and_guards_staged_changes")
    else {
        return;
    };
    let d = dir.path();
    let shadows = d.join("shadows");
    std::fs::create_dir_all(&shadows).expect("dir");
    let script = "configure\nprimitive p1 Dummy\ncib new tst\ncommit\ncib new tst\nprimitive p2 Dummy\ncommit\ncib use\nshow\n";
    let mut cmd = Command::new(CRM);
    cmd.env("CIB_file", &ours)
        .env("CIB_shadow_dir", &shadows)
        .env("HOME", d)
        .env("XDG_CONFIG_HOME", d.join(".config"))
        .env_remove("CIB_shadow")
        .stdin(std::process::Stdio::piped());
    use std::io::Write;
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("crm");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("write");
    let o = child.wait_with_output().expect("crm ends");
    let stderr = String::from_utf8_lossy(&o.stderr);
    // The first `cib new` comes with p1 staged: refused, nothing made.
    assert!(stderr.contains("there are staged changes"), "{stderr}");
    let shadow = std::fs::read_to_string(shadows.join("shadow.tst")).expect("the shadow exists");
    // Made after p1's commit, then p2 committed into the shadow only.
    assert!(shadow.contains("id=\"p1\"") && shadow.contains("id=\"p2\""));
    let file = std::fs::read_to_string(&ours).expect("read");
    assert!(file.contains("id=\"p1\"") && !file.contains("id=\"p2\""));
    // `cib use` came back to the file: its show has no p2.
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("primitive p1") && !stdout.contains("p2"),
        "{stdout}"
    );
}

/// `edit xml`: crmsh allows `edit` only on a terminal, so both programs
/// run under `script` (a pty); the editor is a shell script that keeps a
/// copy of what it was given and changes one object and removes another.
#[test]
fn edit_xml_edits_the_objects_as_crmsh() {
    let Some((dir, ours, theirs)) = setup("edit_xml_edits_the_objects_as_crmsh") else {
        return;
    };
    if !Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        support::skip(
            "edit_xml_edits_the_objects_as_crmsh",
            "util-linux's script (a pty for the editor) is not installed",
        );
        return;
    }
    let d = dir.path();
    both(
        d,
        &ours,
        &theirs,
        &[
            &[
                "configure",
                "primitive",
                "d1",
                "Dummy",
                "op",
                "monitor",
                "interval=10s",
            ],
            &["configure", "primitive", "d2", "Dummy"],
            &["configure", "primitive", "d3", "Dummy"],
        ],
    );
    let editor = d.join("ed.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\ncp \"$1\" \"$(dirname \"$0\")/seen-$(basename \"$CIB_file\")\"\n\
         sed -i 's/interval=\"10s\"/interval=\"20s\"/; s/<primitive id=\"d1\"/<primitive id=\"d1\" description=\"x\"/; /<primitive id=\"d2\"/d' \"$1\"\n",
    )
    .expect("editor");
    for (program, cib) in [(CRMSH, &theirs), (CRM, &ours)] {
        let o = Command::new("script")
            .args([
                "-qec",
                &format!("{program} configure edit xml d1 d2"),
                "/dev/null",
            ])
            .env("CIB_file", cib)
            .env("HOME", d)
            .env("XDG_CONFIG_HOME", d.join(".config"))
            .env("EDITOR", format!("sh {}", editor.display()))
            .env_remove("CIB_shadow")
            .output()
            .expect("script runs");
        assert!(
            o.status.success(),
            "{program}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    // The editor saw the same document (the <cib> line's version aside:
    // the two files' epochs differ).
    let seen = |f: &str| {
        std::fs::read_to_string(d.join(format!("seen-{f}")))
            .expect("the editor ran")
            .lines()
            .filter(|l| !l.starts_with("<cib "))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(seen("crmsh.xml"), seen("ours.xml"));
    assert!(seen("ours.xml")
        .iter()
        .any(|l| l.contains("<primitive id=\"d2\"")));
    let after = show(CRMSH, &theirs, d, &[]);
    assert_eq!(after, show(CRM, &ours, d, &[]));
    assert!(
        after.contains("description=x") && after.contains("interval=20s"),
        "{after}"
    );
    assert!(
        !after.contains("primitive d2 ") && after.contains("primitive d3 "),
        "{after}"
    );
}

/// `get_property` (and its old name `get-property`): a set value, a
/// default, `-t`, an unknown name, and the list of every property in
/// columns, each as crmsh prints it.
#[test]
fn get_property_prints_what_crmsh_prints() {
    let Some((dir, ours, theirs)) = setup("get_property_prints_what_crmsh_prints") else {
        return;
    };
    let d = dir.path();
    both(
        d,
        &ours,
        &theirs,
        &[&["configure", "property", "no-quorum-policy=ignore"]],
    );
    for args in [
        &["configure", "get_property", "stonith-enabled"][..],
        &["configure", "get_property", "no-quorum-policy"],
        &["configure", "get_property", "-t", "stonith-enabled"],
        &["configure", "get_property", "--true", "nosuch"],
        &[
            "configure",
            "get_property",
            "symmetric-cluster",
            "batch-limit",
        ],
        &["configure", "get-property", "no-quorum-policy"],
        &["configure", "get_property", "nosuch"],
        &["configure", "get_property"],
    ] {
        let a = run(CRM, &ours, d, args, None);
        let b = run(CRMSH, &theirs, d, args, None);
        assert_eq!(a.code, b.code, "{args:?}: {} / {}", a.stderr, b.stderr);
        assert_eq!(a.stdout, without_notes(&b.stdout), "{args:?}");
    }
    let a = run(
        CRM,
        &ours,
        d,
        &["configure", "get_property", "no-quorum-policy"],
        None,
    );
    assert_eq!(a.stdout, "ignore\n");
    let a = run(
        CRM,
        &ours,
        d,
        &["configure", "get_property", "nosuch"],
        None,
    );
    assert!(
        a.stderr
            .contains("configure.get_property: nosuch: Property not set"),
        "{}",
        a.stderr
    );
    let a = run(
        CRM,
        &ours,
        d,
        &["configure", "get-property", "stonith-enabled"],
        None,
    );
    assert!(
        a.stderr.contains("'get-property' is deprecated"),
        "{}",
        a.stderr
    );
}

/// `show obscure:PATTERN`: the values of the parameters the patterns
/// name are masked (instead of the `passw*` default), with ids, with
/// `xml` after the pattern, as crmsh masks them.
#[test]
fn show_obscure_masks_what_crmsh_masks() {
    let Some((dir, ours, theirs)) = setup("show_obscure_masks_what_crmsh_masks") else {
        return;
    };
    let d = dir.path();
    both(
        d,
        &ours,
        &theirs,
        &[
            &[
                "configure",
                "primitive",
                "d1",
                "ocf:pacemaker:Dummy",
                "params",
                "passwd=secret1",
                "fake=plain1",
            ],
            &[
                "configure",
                "primitive",
                "d2",
                "ocf:pacemaker:Dummy",
                "params",
                "passwd=secret2",
                "fake=plain2",
            ],
        ],
    );
    for args in [
        &["configure", "show", "d1"][..],
        &["configure", "show", "obscure:fake", "d1"],
        &["configure", "show", "obscure:passwd", "obscure:fake", "d2"],
        &["configure", "show", "obscure:f*"],
        &["configure", "show", "d1", "obscure:nothing"],
        &["configure", "show", "obscure:fake", "xml", "d2"],
    ] {
        let a = run(CRM, &ours, d, args, None);
        let b = run(CRMSH, &theirs, d, args, None);
        assert_eq!(a.code, b.code, "{args:?}: {} / {}", a.stderr, b.stderr);
        assert_eq!(a.stdout, b.stdout, "{args:?}");
    }
    let a = run(
        CRM,
        &ours,
        d,
        &["configure", "show", "obscure:fake", "d1"],
        None,
    );
    assert!(
        a.stdout.contains("passwd=secret1 fake=\"******\""),
        "{}",
        a.stdout
    );
    // The file itself keeps the values.
    let xml = std::fs::read_to_string(&ours).expect("read");
    assert!(xml.contains("value=\"plain1\"") && xml.contains("value=\"secret1\""));
}

/// crmsh's stdout without the INFO and WARNING lines it writes there
/// (ours writes them to stderr).
fn without_notes(stdout: &str) -> String {
    stdout
        .split_inclusive('\n')
        .filter(|l| {
            let plain = l.replace("\u{1b}[0m", "");
            let plain = plain.trim_start_matches(['\u{1b}', '[']);
            let plain = plain.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';');
            let plain = plain.strip_prefix('m').unwrap_or(plain);
            !(plain.starts_with("INFO: ") || plain.starts_with("WARNING: "))
        })
        .collect()
}
