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

/// A copy of the Pacemaker 1.1.7 report (lines of crmsh's own
/// `history-test` archive), its CIB's dc-version set to `version`.
fn old_report(version: &str) -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/history-fixture/pcmk-1.1.7");
    let to = tempfile::tempdir().expect("tmp");
    for f in ["description.txt", "xen-e/ha-log.txt", "xen-e/cib.xml"] {
        let target = to.path().join(f);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        let text = std::fs::read_to_string(from.join(f)).expect("fixture");
        let text = text.replace(
            "value=\"1.1.7-77eeb099a504ceda05d648ed161ef8b1582c7daf\"",
            &format!("value=\"{version}\""),
        );
        std::fs::write(target, text).expect("copy");
    }
    to
}

/// crmsh picks its log patterns by the report CIB's Pacemaker: before
/// 1.1.8 the lrmd's `rsc:NAME start[N]` and the corosync plugin's
/// `pcmk_peer_update` lines are events and the controller's
/// `te_rsc_command` lines are not; from 1.1.8 on it is the other way.
#[test]
fn an_old_pacemaker_s_report_is_read_with_the_old_patterns() {
    let lrmd = "lrmd: [24225]: info: rsc:s-libvirt start[4]";
    let te = "te_rsc_command: Initiating action 11: start s-libvirt_start_0";
    let lost = "pcmk_peer_update: lost: xen-d";
    let failed = "ERROR: log_operation: s-libvirt: failed";

    let old = old_report("1.1.7-77eeb099a504ceda05d648ed161ef8b1582c7daf");
    let run = |cmds: &str| {
        let (ok, out, err) = history(&format!("source {}\n{cmds}\n", old.path().display()));
        assert!(ok, "{out}\n{err}");
        out
    };
    let out = run("info\nresource s-libvirt");
    assert!(out.contains("Transitions: 44*"), "{out}");
    assert!(out.contains(lrmd) && !out.contains(te), "{out}");
    let out = run("node xen-d");
    assert!(out.contains(lost), "{out}");
    // by type: the errors first, then nodes, quorum and resources
    let events = run("events");
    let first = events.lines().next().unwrap_or("");
    assert!(first.contains(failed), "{events}");
    assert!(
        events.contains("quorum acquired") && events.contains(lrmd),
        "{events}"
    );

    let modern = old_report("2.1.5-a3f44794f94");
    let (ok, out, err) = history(&format!(
        "source {}\nresource s-libvirt\nnode xen-d\n",
        modern.path().display()
    ));
    assert!(ok, "{out}\n{err}");
    assert!(out.contains(te), "{out}");
    assert!(!out.contains(lrmd) && !out.contains(lost), "{out}");
}
