//! `crm history` on a report without any cluster: the fixture is the
//! report our `crm report` collected during a three-node run
//! (`tests/multinode.rs`), cut down to the minute in which prmPg reached
//! migration-threshold on n2 and n1 was fenced (level 1 failing, level 2
//! succeeding). The log lines and pe-inputs in it are Pacemaker's own; the
//! assertions name lines that are in them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/history-fixture/crm_report-fencing")
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Runs a crm script at the history level in a fresh home directory.
fn history(script: &str) -> (bool, String, String) {
    let home = tempfile::tempdir().expect("home");
    let mut child = Command::new(env!("CARGO_BIN_EXE_crm"))
        .current_dir(home.path())
        .env("HOME", home.path())
        .env_remove("XDG_CACHE_HOME")
        .env_remove("CIB_file")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crm runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("history\n{script}").as_bytes())
        .expect("script");
    let o = child.wait_with_output().expect("crm ends");
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_report_directory_answers_what_happened() {
    let dir = fixture();
    let (ok, out, err) = history(&format!(
        "source {}\ninfo\ntransitions\nnode n1\nresource grpPg\ntransition tags pe-warn-0\n",
        dir.display()
    ));
    assert!(ok, "{out}\n{err}");
    assert!(out.contains("Nodes: n2 n3"), "{out}");
    assert!(out.contains("Groups: grpPg"), "{out}");
    assert!(out.contains("Clones: clnPing"), "{out}");
    // the fencing transition is tagged with the fenced node
    let line = out
        .lines()
        .find(|l| l.contains(": pe-warn-0 "))
        .unwrap_or_else(|| panic!("no pe-warn-0 transition:\n{out}"));
    assert!(line.contains(" n2 "), "DC column: {line}");
    assert!(line.split_whitespace().skip(5).any(|t| t == "n1"), "{line}");
    // the node's story: scheduled, both levels tried, terminated
    for story in [
        "Cluster node n1 will be fenced",
        "targeting n1 using prmStonith-1 returned 1",
        "targeting n1 using prmStonith-2 returned 0",
        "Peer n1 was terminated (reboot) by n2",
    ] {
        assert!(out.contains(story), "no '{story}':\n{out}");
    }
    // the group stands for its members: the failed monitor and the move
    assert!(
        out.contains("Result of monitor operation for prmPg on n2: not running"),
        "{out}"
    );
    assert!(out.contains("Actions: Recover    prmPg"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.split_whitespace().any(|t| t == "n1") && l.contains("prmpg")),
        "{out}"
    );
}

#[test]
fn a_pe_input_shows_as_crm_text() {
    if !have("bzip2") {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: bzip2 is not installed (pe-inputs are bzip2 files)"
        );
        return;
    }
    let (ok, out, err) = history(&format!(
        "source {}\nshow pe-warn-0\npeinputs v\n",
        fixture().display()
    ));
    assert!(ok, "{out}\n{err}");
    assert!(out.contains("group grpPg prmEx prmPg prmIp"), "{out}");
    // the same two levels for every node: crmsh prints them once
    assert!(
        out.contains("fencing_topology prmStonith-1 prmStonith-2"),
        "{out}"
    );
    assert!(
        out.contains("Date       Start    End       Filename"),
        "{out}"
    );
    assert!(out.contains("pe-warn-0"), "{out}");
}

#[test]
fn an_archive_opens_like_its_directory() {
    if !have("tar") || !have("bzip2") {
        let _ = writeln!(std::io::stderr(), "skipped: tar/bzip2 are not installed");
        return;
    }
    let work = tempfile::tempdir().expect("tmp");
    let archive = work.path().join("incident.tar.bz2");
    let dir = fixture();
    let st = Command::new("tar")
        .arg("-C")
        .arg(dir.parent().expect("parent"))
        .arg("-cjf")
        .arg(&archive)
        .arg("crm_report-fencing")
        .status()
        .expect("tar");
    assert!(st.success());
    let (ok, out, err) = history(&format!("source {}\ninfo\nnode n1\n", archive.display()));
    assert!(ok, "{out}\n{err}");
    assert!(
        out.contains(&format!("Source: {}", archive.display())),
        "{out}"
    );
    assert!(
        out.contains("Peer n1 was terminated (reboot) by n2"),
        "{out}"
    );
}

#[test]
fn bad_sources_and_times_are_errors() {
    let (ok, _, err) = history("source /nonexistent/report\n");
    assert!(!ok);
    assert!(
        err.contains("source /nonexistent/report doesn't exist"),
        "{err}"
    );
    let (ok, _, err) = history("limit yesterday-ish\n");
    assert!(!ok);
    assert!(
        err.contains("bad time specification: yesterday-ish"),
        "{err}"
    );
    let not_report = tempfile::tempdir().expect("tmp");
    let (ok, _, err) = history(&format!("source {}\ninfo\n", not_report.path().display()));
    assert!(!ok);
    assert!(err.contains("not a report"), "{err}");
}
