//! The transition graph after a simulation, as crmsh 4.4 shows it:
//! `configure ptest` and `history transition` without `nograph` hand
//! crm_simulate's DOT to the viewer of the `dotty` option and say so, or
//! say to install graphviz when there is no viewer; `nograph` says
//! neither. The viewer here is a script that keeps what it was given.
//! crmsh runs beside ours where it is installed (it prints its INFO lines
//! on stdout, ours on stderr).

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CRMSH: &str = "/usr/sbin/crm";

struct Run {
    ok: bool,
    /// stdout and stderr together (crmsh and ours split them differently)
    said: String,
}

/// A crm script run in `home` (its own crm.conf) on the CIB file `cib`.
fn run(program: &str, home: &Path, cib: &Path, script: &str) -> Run {
    let mut child = Command::new(program)
        .current_dir(home)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("CIB_file", cib)
        .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crm runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("script");
    let o = child.wait_with_output().expect("crm ends");
    Run {
        ok: o.status.success(),
        // crmsh colours its level words even into a pipe
        said: support::strip_ansi(&format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )),
    }
}

/// A home directory and a CIB file with one node and one primitive.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().expect("home");
    std::fs::create_dir_all(home.path().join(".config/crm")).expect("config dir");
    let cib = home.path().join("cib.xml");
    let mut cib_doc = crmtool::cib::Cib::empty("pacemaker-3.9");
    crmtool::load::load_text(
        &mut cib_doc,
        "node node1\nprimitive p1 ocf:pacemaker:Dummy\nproperty stonith-enabled=false\n",
        crmtool::cib::Method::Update,
    )
    .expect("loads");
    std::fs::write(&cib, cib_doc.to_xml()).expect("cib");
    (home, cib)
}

/// A viewer that copies the file it is given to `DIR/seen.dot`.
fn viewer(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("viewer");
    let seen = dir.join("seen.dot");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncat \"$1\" > '{0}.tmp' && mv '{0}.tmp' '{0}'\n",
            seen.display()
        ),
    )
    .expect("viewer");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("mode");
    script
}

/// The DOT the viewer got, once it has it (it runs in the background).
fn seen(dir: &Path) -> String {
    let seen = dir.join("seen.dot");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(text) = std::fs::read_to_string(&seen) {
            let _ = std::fs::remove_file(&seen);
            return text;
        }
        assert!(Instant::now() < deadline, "the viewer never got a graph");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn programs() -> Vec<&'static str> {
    let mut p = vec![env!("CARGO_BIN_EXE_crm")];
    if Path::new(CRMSH).exists() {
        p.push(CRMSH);
    } else {
        support::skip("transition_graph (crmsh's side)", "crmsh is not installed");
    }
    p
}

#[test]
fn ptest_hands_the_graph_to_the_viewer_or_says_to_install_graphviz() {
    if !support::have("crm_simulate", "--version") {
        support::skip("transition_graph", "crm_simulate is not installed");
        return;
    }
    for program in programs() {
        let (home, cib) = setup();
        let hint = "INFO: install graphviz to see a transition graph";
        // no dotty on PATH, none configured
        let r = run(program, home.path(), &cib, "configure ptest\n");
        assert!(r.ok, "{program}: {}", r.said);
        assert!(r.said.contains(hint), "{program}: {}", r.said);
        assert!(r.said.contains("p1"), "{program}: {}", r.said);
        let r = run(program, home.path(), &cib, "configure ptest nograph\n");
        assert!(r.ok && !r.said.contains(hint), "{program}: {}", r.said);
        // a viewer configured: it gets crm_simulate's DOT
        let view = viewer(home.path());
        let set = format!("options set core.dotty {}\n", view.display());
        let r = run(
            program,
            home.path(),
            &cib,
            &format!("{set}configure ptest\n"),
        );
        assert!(r.ok, "{program}: {}", r.said);
        let started = format!("INFO: starting {} to show transition graph", view.display());
        assert!(r.said.contains(&started), "{program}: {}", r.said);
        assert!(!r.said.contains(hint), "{program}: {}", r.said);
        let dot = seen(home.path());
        assert!(dot.trim_start().starts_with("digraph"), "{program}: {dot}");
        // nograph: no viewer started
        let r = run(program, home.path(), &cib, "configure ptest nograph\n");
        assert!(r.ok && !r.said.contains(&started), "{program}: {}", r.said);
        assert!(!home.path().join("seen.dot").exists());
    }
}

#[test]
fn history_transition_hands_the_graph_to_the_viewer() {
    if !support::have("crm_simulate", "--version") {
        support::skip("transition_graph", "crm_simulate is not installed");
        return;
    }
    let report =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/history-fixture/crm_report-fencing");
    let (home, cib) = setup();
    let view = viewer(home.path());
    let script = format!(
        "options set core.dotty {}\nhistory\nsource {}\ntransition\n",
        view.display(),
        report.display()
    );
    let r = run(env!("CARGO_BIN_EXE_crm"), home.path(), &cib, &script);
    assert!(r.ok, "{}", r.said);
    let started = format!("INFO: starting {} to show transition graph", view.display());
    assert!(r.said.contains(&started), "{}", r.said);
    let dot = seen(home.path());
    // the fencing transition of the fixture: n1 fenced
    assert!(dot.trim_start().starts_with("digraph"), "{dot}");
    assert!(dot.contains("stonith"), "{dot}");
}
