//! The levels other than configure, offline: each case of
//! `tests/levels/offline/` runs its commands in turn with our crm on a
//! copy of `tests/levels/base.xml` (through `CIB_file`), and the
//! transcript (exit status, stdout, INFO/WARNING lines) and the CIB
//! afterwards must be what crmsh 4.4 gave for the same commands
//! (`NAME.out` and `NAME.xml`, recorded by `tests/levels/record-crmsh.sh`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod support;
use support::strip_ansi;

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/levels")
}

/// A tool a case needs that this machine may lack.
fn missing_tool() -> Option<&'static str> {
    for tool in ["crm_resource", "crm_attribute", "crm_ticket", "cibadmin"] {
        let found = std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()));
        if !found {
            return Some(tool);
        }
    }
    None
}

/// A skip said straight to stderr (libtest would hide an `eprintln!`).
fn skip(what: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: levels_offline {what}: {why}");
}

/// Our transcript of one case, and the CIB it leaves.
fn run_ours(name: &str) -> (String, String) {
    let here = here();
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    std::fs::copy(here.join("base.xml"), &cib).expect("copy base.xml");
    let shadow = dir.path().join("shadow");
    std::fs::create_dir(&shadow).expect("shadow dir");
    let cmds =
        std::fs::read_to_string(here.join("offline").join(format!("{name}.cmds"))).expect("cmds");
    let at = here.display().to_string();
    let mut out = String::new();
    for line in cmds.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.replace('@', &at);
        let o = Command::new(env!("CARGO_BIN_EXE_crm"))
            .args(line.split_whitespace())
            .env("CIB_file", &cib)
            .env("CIB_shadow_dir", &shadow)
            .env("HOME", dir.path())
            .env("TZ", "UTC")
            .env_remove("CIB_shadow")
            .stdin(Stdio::null())
            .output()
            .expect("crm runs");
        out.push_str(&format!("$ crm {}\n", line.replace(&at, "@")));
        out.push_str(&format!("rc={}\n", o.status.code().unwrap_or(-1)));
        // stdout, then the INFO/WARNING lines of both streams (crmsh
        // prints them on stdout with -f), as record-crmsh.sh writes them.
        let notice = |l: &str| l.starts_with("INFO: ") || l.starts_with("WARNING: ");
        let stdout = strip_ansi(&String::from_utf8_lossy(&o.stdout));
        let stderr = strip_ansi(&String::from_utf8_lossy(&o.stderr));
        for l in stdout.lines().filter(|l| !notice(l)) {
            out.push_str(l);
            out.push('\n');
        }
        for l in stdout.lines().chain(stderr.lines()).filter(|l| notice(l)) {
            out.push_str(l);
            out.push('\n');
        }
    }
    (out, std::fs::read_to_string(&cib).expect("cib"))
}

/// The CIB without what changes on every write (epochs, who wrote it
/// when) and without layout whitespace.
fn normal(xml: &str) -> String {
    let mut root = crmtool::xml::parse(xml).expect("a CIB");
    for a in [
        "epoch",
        "num_updates",
        "admin_epoch",
        "cib-last-written",
        "update-origin",
        "update-client",
        "update-user",
        "have-quorum",
        "dc-uuid",
    ] {
        root.remove_attr(a);
    }
    fn drop_blank(e: &mut crmtool::xml::Element) {
        e.children
            .retain(|n| !matches!(n, crmtool::xml::Node::Text(t) if t.trim().is_empty()));
        for c in e.elements_mut() {
            drop_blank(c);
        }
    }
    drop_blank(&mut root);
    // When a ticket was last granted is the clock's.
    fn drop_clock(e: &mut crmtool::xml::Element) {
        if e.name.as_str() == "ticket_state" {
            e.remove_attr("last-granted");
        }
        for c in e.elements_mut() {
            drop_clock(c);
        }
    }
    drop_clock(&mut root);
    crmtool::xml::to_pretty(&root)
}

fn check(name: &str) {
    if let Some(tool) = missing_tool() {
        skip(name, &format!("{tool} is not installed"));
        return;
    }
    // `node delete` asks the controller (crm_node -p) which nodes are
    // active, as crmsh does.
    if name == "node_admin"
        && !Command::new("crm_node")
            .arg("-p")
            .output()
            .is_ok_and(|o| o.status.success())
    {
        skip(name, "crm_node -p cannot reach the cluster's controller");
        return;
    }
    let dir = here().join("offline");
    let want_out = std::fs::read_to_string(dir.join(format!("{name}.out"))).expect("NAME.out");
    let want_cib = std::fs::read_to_string(dir.join(format!("{name}.xml"))).expect("NAME.xml");
    let (out, cib) = run_ours(name);
    if let Some(d) = std::env::var_os("LEVELS_DUMP") {
        let d = Path::new(&d);
        let _ = std::fs::write(d.join(format!("{name}.out")), &out);
        let _ = std::fs::write(d.join(format!("{name}.ours.xml")), normal(&cib));
        let _ = std::fs::write(d.join(format!("{name}.want.xml")), normal(&want_cib));
    }
    assert_eq!(out, want_out, "{name}: the transcript differs from crmsh's");
    assert_eq!(
        normal(&cib),
        normal(&want_cib),
        "{name}: the CIB differs from crmsh's"
    );
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*
        /// Every case file has its test.
        #[test]
        fn every_case_is_run() {
            let listed = [$(stringify!($name)),*];
            let mut found = Vec::new();
            for e in std::fs::read_dir(here().join("offline")).expect("offline dir") {
                let p = e.expect("entry").path();
                if p.extension().is_some_and(|x| x == "cmds") {
                    found.push(p.file_stem().expect("stem").to_string_lossy().into_owned());
                }
            }
            found.sort();
            let mut listed: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
            listed.sort();
            assert_eq!(found, listed);
        }
    };
}

cases!(
    cib_shadow,
    configure_cib,
    configure_assist,
    configure_sublevels,
    maintenance_level,
    node_admin,
    node_attributes,
    ra_validate,
    resource_attributes,
    resource_failcount,
    resource_maintenance,
    resource_move_ban,
    resource_promote,
    resource_start_stop,
    resource_status,
    resource_trace,
    resource_trace_errors,
    shell_levels,
    site_ticket,
);

/// One command with our crm on `cib` (shadows under `shadow`).
fn ours(cib: &Path, shadow: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(args)
        .env("CIB_file", cib)
        .env("CIB_shadow_dir", shadow)
        .env_remove("CIB_shadow")
        .stdin(Stdio::null())
        .output()
        .expect("crm runs")
}

fn scratch() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    std::fs::copy(here().join("base.xml"), &cib).expect("copy base.xml");
    let shadow = dir.path().join("shadow");
    std::fs::create_dir(&shadow).expect("shadow dir");
    (dir, cib, shadow)
}

/// A trace directory lands in the op as crmsh writes it (crmsh 4.4:
/// `trace_dir` after `trace_ra` in the op's instance attributes); ours
/// then names that directory as where the traces go.
#[test]
fn trace_with_a_directory() {
    if let Some(tool) = missing_tool() {
        skip(
            "trace_with_a_directory",
            &format!("{tool} is not installed"),
        );
        return;
    }
    let (_dir, cib, shadow) = scratch();
    let o = ours(
        &cib,
        &shadow,
        &["resource", "trace", "d1", "monitor", "10", "/tmp/x"],
    );
    assert!(o.status.success(), "{o:?}");
    let text = std::fs::read_to_string(&cib).expect("cib");
    assert!(
        text.contains(concat!(
            r#"<nvpair name="trace_ra" value="1" id="d1-monitor-10s-instance_attributes-trace_ra"/>"#,
            "\n",
            r#"              <nvpair name="trace_dir" value="/tmp/x" id="d1-monitor-10s-instance_attributes-trace_dir"/>"#
        )),
        "{text}"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("INFO: Trace for d1:monitor is written to /tmp/x"),
        "{err}"
    );
}

/// `crm -c SHADOW` changes the shadow, not `CIB_file`; `cib diff` shows
/// the change with exit 0; `cib import` copies a CIB file into a shadow.
#[test]
fn shadow_commands_change_the_shadow() {
    if let Some(tool) = missing_tool() {
        skip(
            "shadow_commands_change_the_shadow",
            &format!("{tool} is not installed"),
        );
        return;
    }
    let (_dir, cib, shadow) = scratch();
    let before = std::fs::read_to_string(&cib).expect("cib");
    assert!(ours(&cib, &shadow, &["cib", "new", "sh1"]).status.success());
    let o = ours(&cib, &shadow, &["-c", "sh1", "resource", "stop", "d1"]);
    assert!(o.status.success(), "{o:?}");
    assert_eq!(std::fs::read_to_string(&cib).expect("cib"), before);
    let sh1 = std::fs::read_to_string(shadow.join("shadow.sh1")).expect("shadow.sh1");
    assert!(
        sh1.contains(
            r#"<nvpair id="d1-meta_attributes-target-role" name="target-role" value="Stopped"/>"#
        ),
        "{sh1}"
    );
    let o = ours(&cib, &shadow, &["-c", "sh1", "cib", "diff"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let diff = String::from_utf8_lossy(&o.stdout);
    assert!(
        diff.lines()
            .any(|l| l.starts_with("++ /cib/configuration/resources/primitive[@id='d1']:")),
        "{diff}"
    );
    assert!(
        diff.contains(r#"name="target-role" value="Stopped""#),
        "{diff}"
    );
    let base = here().join("base.xml");
    let o = ours(
        &cib,
        &shadow,
        &["cib", "import", &base.display().to_string(), "imp1"],
    );
    assert!(o.status.success(), "{o:?}");
    let imp = std::fs::read_to_string(shadow.join("shadow.imp1")).expect("shadow.imp1");
    for id in ["d1", "d2", "g1", "ms1"] {
        assert!(imp.contains(&format!("id=\"{id}\"")), "{id} in {imp}");
    }
}

/// `maintenance action` runs the agent's action itself, once the
/// resource is in maintenance (crmsh 4.4: "Not in maintenance mode."
/// before, then the Dummy agent's monitor answers 7, not running).
#[test]
fn maintenance_action_runs_the_agent() {
    if let Some(tool) = missing_tool() {
        skip(
            "maintenance_action_runs_the_agent",
            &format!("{tool} is not installed"),
        );
        return;
    }
    if !Path::new("/usr/lib/ocf/resource.d/pacemaker/Dummy").exists() {
        skip(
            "maintenance_action_runs_the_agent",
            "no ocf:pacemaker:Dummy",
        );
        return;
    }
    let (_dir, cib, shadow) = scratch();
    let o = ours(&cib, &shadow, &["maintenance", "action", "d1", "monitor"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("Not in maintenance mode"),
        "{o:?}"
    );
    assert!(ours(&cib, &shadow, &["maintenance", "on", "d1"])
        .status
        .success());
    let o = ours(&cib, &shadow, &["maintenance", "action", "d1", "monitor"]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("monitor failed with rc=7"), "{err}");
}

/// A write to a shadow (`crm -c NAME`) bumps its epoch once, as crmsh's
/// does, so `cib diff` shows crmsh's versions and changes.
#[test]
fn shadow_write_bumps_the_epoch_once_as_crmsh() {
    if let Some(tool) = missing_tool() {
        skip(
            "shadow_write_bumps_the_epoch_once_as_crmsh",
            &format!("{tool} is not installed"),
        );
        return;
    }
    let crmsh = Path::new("/usr/sbin/crm");
    if !crmsh.exists() {
        skip(
            "shadow_write_bumps_the_epoch_once_as_crmsh",
            "crmsh (/usr/sbin/crm), the oracle, is not installed",
        );
        return;
    }
    let epoch = |shadow: &Path| {
        let text = std::fs::read_to_string(shadow.join("shadow.sh1")).expect("shadow.sh1");
        let at = text.find(" epoch=\"").expect("epoch") + 8;
        text[at..].split('"').next().unwrap_or("").to_string()
    };
    let theirs = |cib: &Path, shadow: &Path, args: &[&str]| {
        Command::new(crmsh)
            .args(args)
            .env("CIB_file", cib)
            .env("CIB_shadow_dir", shadow)
            .env_remove("CIB_shadow")
            .stdin(Stdio::null())
            .output()
            .expect("crmsh runs")
    };
    let (_a, cib_a, shadow_a) = scratch();
    let (_b, cib_b, shadow_b) = scratch();
    let steps: [&[&str]; 3] = [
        &["cib", "new", "sh1"],
        &["-c", "sh1", "resource", "stop", "d1"],
        &[
            "-c",
            "sh1",
            "configure",
            "primitive",
            "d9",
            "ocf:pacemaker:Dummy",
        ],
    ];
    for step in steps {
        let a = ours(&cib_a, &shadow_a, step);
        let b = theirs(&cib_b, &shadow_b, step);
        assert_eq!(a.status.code(), b.status.code(), "{step:?}: {a:?} / {b:?}");
        assert_eq!(epoch(&shadow_a), epoch(&shadow_b), "after {step:?}");
    }
    let a = ours(&cib_a, &shadow_a, &["-c", "sh1", "cib", "diff"]);
    let b = theirs(&cib_b, &shadow_b, &["-c", "sh1", "cib", "diff"]);
    assert_eq!(a.status.code(), b.status.code());
    assert_eq!(
        String::from_utf8_lossy(&a.stdout),
        String::from_utf8_lossy(&b.stdout)
    );
    assert!(
        String::from_utf8_lossy(&a.stdout).contains("Diff: +++ 0.4.0"),
        "{a:?}"
    );
}
