//! The cibstatus level beside crmsh 4.4.1 (/usr/sbin/crm, the oracle):
//! the same script through both programs on copies of a status made by
//! crm_simulate (`tests/cibstatus/two-nodes.xml`), comparing the status
//! each shows after the same changes, the scheduler's report on it, and
//! `ptest` with the changed status. Where crmsh 4.4.1 is broken (it
//! finds no operation without a node, forgets all but the last change,
//! crashes in `save FILE`), crm is checked against Pacemaker's own view
//! of what it wrote (crm_mon on the saved file).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

const CRM: &str = env!("CARGO_BIN_EXE_crm");
const CRMSH: &str = "/usr/sbin/crm";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cibstatus/two-nodes.xml")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `crm -f SCRIPT` with `CIB_file=cib`, in a home of its own.
fn script(program: &str, dir: &Path, cib: &Path, text: &str) -> Run {
    let name = format!(
        "{}.crm",
        Path::new(program)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("p")
    );
    let file = dir.join(format!(
        "{}-{name}",
        cib.file_stem().and_then(|s| s.to_str()).unwrap_or("x")
    ));
    std::fs::write(&file, text).expect("script");
    let o = Command::new(program)
        .arg("-f")
        .arg(&file)
        .env("CIB_file", cib)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join(".config"))
        .env_remove("CIB_shadow")
        .output()
        .expect("crm runs");
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Ready when crmsh and crm_simulate are here; else said visibly.
fn setup(test: &str) -> Option<tempfile::TempDir> {
    if !Path::new(CRMSH).exists() {
        support::skip(test, "crmsh (/usr/sbin/crm), the oracle, is not installed");
        return None;
    }
    if !support::have("crm_simulate", "--version") {
        support::skip(
            test,
            "crm_simulate (Pacemaker's CLI tools) is not installed",
        );
        return None;
    }
    Some(tempfile::tempdir().expect("tempdir"))
}

fn copy(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::copy(fixture(), &p).expect("copy fixture");
    p
}

/// XML as both print it, without what differs by accident: crmsh's
/// lxml keeps the file's indentation below the element it prints, and
/// crm_simulate stamps an injected operation with the current time.
fn normalized(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut out = String::new();
            let mut rest = l;
            while let Some(i) = rest.find("last-rc-change=\"") {
                let (head, tail) = rest.split_at(i + "last-rc-change=\"".len());
                out.push_str(head);
                out.push('T');
                rest = tail.find('"').map(|j| &tail[j..]).unwrap_or("");
            }
            out.push_str(rest);
            out
        })
        .collect()
}

/// The same script (with the loaded file's name put in) through crmsh
/// and crm, each on its own copy; the copies' paths are made equal in
/// the output.
fn beside(dir: &Path, test: &str, body: &str) -> (Run, Run) {
    let theirs = copy(dir, "theirs.xml");
    let ours = copy(dir, "ours.xml");
    let cib_t = copy(dir, "cib-theirs.xml");
    let cib_o = copy(dir, "cib-ours.xml");
    let a = script(
        CRMSH,
        dir,
        &cib_t,
        &body.replace("@FILE@", &theirs.display().to_string()),
    );
    let b = script(
        CRM,
        dir,
        &cib_o,
        &body.replace("@FILE@", &ours.display().to_string()),
    );
    let fix = |r: Run, p: &Path| Run {
        stdout: r.stdout.replace(&p.display().to_string(), "@FILE@"),
        ..r
    };
    let (a, b) = (fix(a, &theirs), fix(b, &ours));
    assert_eq!(
        a.code, b.code,
        "{test}: exit status; crmsh stderr {}\nours {}",
        a.stderr, b.stderr
    );
    (a, b)
}

#[test]
fn changes_show_the_status_crmsh_shows() {
    let Some(dir) = setup("changes_show_the_status_crmsh_shows") else {
        return;
    };
    let (a, b) = beside(
        dir.path(),
        "changes",
        "cibstatus\nload @FILE@\nshow\nnode node2 offline\n\
         op start d1 not_running done node1\nticket t1 revoke\nshow\norigin\n",
    );
    assert_eq!(a.code, 0, "crmsh: {}", a.stderr);
    let (na, nb) = (normalized(&a.stdout), normalized(&b.stdout));
    assert_eq!(na, nb, "crmsh:\n{}\nours:\n{}", a.stdout, b.stdout);
    // The changes are there (not a vacuous equality of two unchanged
    // copies): node2 down, d1's start failed, t1 revoked.
    assert!(nb
        .iter()
        .any(|l| l.contains("id=\"node2\"") && l.contains("crmd=\"offline\"")));
    assert!(nb
        .iter()
        .any(|l| l.contains("d1_last_failure_0") && l.contains("rc-code=\"7\"")));
    assert!(nb
        .iter()
        .any(|l| l == "<ticket_state id=\"t1\" granted=\"false\"/>"));
    assert_eq!(nb.last().map(String::as_str), Some("@FILE@ (modified)"));
    // crm changes its copy, not the file it loaded (crmsh writes into it).
    let ours = std::fs::read(dir.path().join("ours.xml")).expect("read");
    assert_eq!(ours, std::fs::read(fixture()).expect("fixture"));
}

#[test]
fn run_and_simulate_report_what_crmsh_reports() {
    let Some(dir) = setup("run_and_simulate_report_what_crmsh_reports") else {
        return;
    };
    let (a, b) = beside(
        dir.path(),
        "run",
        "cibstatus\nload @FILE@\nnode node2 offline\nop start d1 not_running done node1\n\
         run nograph\nsimulate nograph\nrun nograph scores\n",
    );
    assert_eq!(a.code, 0, "crmsh: {}", a.stderr);
    assert_eq!(normalized(&a.stdout), normalized(&b.stdout));
    assert!(b.stdout.contains("OFFLINE: [ node2 ]"), "{}", b.stdout);
    assert!(b.stdout.contains("Recover    d1"), "{}", b.stdout);
    assert!(b.stdout.contains("Revised Cluster Status"), "{}", b.stdout);
    assert!(
        b.stdout.contains("d1 allocation score on node1"),
        "{}",
        b.stdout
    );
}

#[test]
fn ptest_runs_the_staged_configuration_with_the_changed_status() {
    let Some(dir) = setup("ptest_runs_the_staged_configuration_with_the_changed_status") else {
        return;
    };
    let (a, b) = beside(
        dir.path(),
        "ptest",
        "configure\ncibstatus load @FILE@\ncibstatus node node2 offline\n\
         primitive d3 ocf:heartbeat:Dummy\nptest nograph\n",
    );
    // crmsh logs the end-of-script commit's crm_verify warning to
    // stdout (crm to stderr): not part of ptest's report.
    let report: Vec<String> = normalized(&a.stdout)
        .into_iter()
        .filter(|l| !l.contains("WARNING"))
        .collect();
    assert_eq!(report, normalized(&b.stdout));
    assert!(b.stdout.contains("OFFLINE: [ node2 ]"), "{}", b.stdout);
    assert!(b.stdout.contains("Start      d3"), "{}", b.stdout);
}

#[test]
fn bad_words_are_refused_as_crmsh_refuses_them() {
    let Some(dir) = setup("bad_words_are_refused_as_crmsh_refuses_them") else {
        return;
    };
    let d = dir.path();
    let load = format!("load {}", fixture().display());
    for bad in [
        "node node1 weird",
        "quorum maybe",
        "ticket t1 frob",
        "show bogus",
        "op start d1 bogus done node1",
        "op start d1 7 nonsense node1",
        "load /nonexistent/cib.xml",
    ] {
        let body = format!("cibstatus\n{load}\n{bad}\n");
        let (a, b) = beside(d, bad, &body);
        assert_eq!(a.code, 1, "{bad}: crmsh {}", a.stderr);
        assert!(b.stderr.contains("ERROR"), "{bad}: {}", b.stderr);
    }
}

/// crmsh 4.4.1 cannot save (a Python TypeError); what crm writes is read
/// back by Pacemaker's crm_mon.
#[test]
fn save_writes_a_cib_pacemaker_reads_with_the_changes() {
    let Some(dir) = setup("save_writes_a_cib_pacemaker_reads_with_the_changes") else {
        return;
    };
    let d = dir.path();
    let cib = copy(d, "cib.xml");
    let saved = d.join("saved.xml");
    let r = script(
        CRM,
        d,
        &cib,
        &format!(
            "cibstatus\nsave\nnode node2 offline\nop monitor d1 not_running\nshow changed\nsave {}\nsave live\n",
            saved.display()
        ),
    );
    assert_eq!(
        r.code, 1,
        "save of an unchanged copy and save live fail: {}",
        r.stderr
    );
    assert_eq!(
        r.stdout.lines().collect::<Vec<_>>(),
        ["node2 offline", "node1:d1:monitor rc=7"],
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("apparently you didn't modify status"));
    assert!(r.stderr.contains("cannot save status to the cluster"));
    let mon = Command::new("crm_mon")
        .args(["-1", "-r"])
        .env("CIB_file", &saved)
        .output()
        .expect("crm_mon");
    let text = String::from_utf8_lossy(&mon.stdout);
    assert!(text.contains("OFFLINE: [ node2 ]"), "{text}");
    // The monitor's failure is an injected op-fail: seen when the
    // scheduler runs the monitor, not yet in the status.
    assert!(
        text.contains("d1") && text.contains("Started node1"),
        "{text}"
    );
    // The CIB the copy came from is left alone.
    assert_eq!(
        std::fs::read(&cib).expect("cib"),
        std::fs::read(fixture()).expect("fixture")
    );
}
