//! `crm` against a real one-node Pacemaker cluster (`.ci/start-cluster`).
//!
//! There is one cluster, so everything runs in one #[test], step after
//! step. Every object the test makes is named `lt-…` and removed at the
//! end (also when a step fails). Without a cluster that has a DC, the test
//! prints "skipped: …" and passes.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const NODE: &str = "node1";

mod support;
use support::{live_tool as tool, outcome as text};

fn crm(args: &[&str]) -> Output {
    support::live_crm(args).output().expect("crm runs")
}

fn ok(args: &[&str]) -> Output {
    let o = crm(args);
    assert!(o.status.success(), "crm {}: {}", args.join(" "), text(&o));
    o
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Why the live tests cannot run here, if they cannot.
fn no_cluster() -> Option<String> {
    match Command::new("crm_mon").args(["-1"]).output() {
        Err(_) => Some("crm_mon is not installed (Pacemaker's tools are missing)".into()),
        Ok(o) => {
            let s = stdout(&o);
            if o.status.success() && s.contains("Current DC: ") && !s.contains("Current DC: NONE") {
                None
            } else {
                Some(
                    "no running cluster with a DC (`crm_mon -1`); run .ci/start-cluster as root"
                        .into(),
                )
            }
        }
    }
}

/// The resource's tag in `crm_mon --output-as=xml`, if listed.
fn resource_started(id: &str) -> bool {
    let xml = stdout(&tool("crm_mon", &["-1", "--output-as=xml"]));
    let needle = format!("<resource id=\"{id}\"");
    xml.match_indices(&needle).any(|(at, _)| {
        let tag = &xml[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        tag.contains("role=\"Started\"") && tag.contains("active=\"true\"")
    })
}

fn wait_for(what: &str, secs: u64, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(secs) {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    panic!(
        "timed out after {secs} s waiting for {what}\n{}",
        stdout(&tool("crm_mon", &["-1", "-r"]))
    );
}

fn all_started(ids: &[&str]) -> bool {
    ids.iter().all(|id| resource_started(id))
}

fn none_started(ids: &[&str]) -> bool {
    ids.iter().all(|id| !resource_started(id))
}

fn configuration() -> String {
    stdout(&tool("cibadmin", &["--query", "--scope", "configuration"]))
}

/// Removes everything the test makes, and restores what it changed.
struct Cleanup {
    stonith: Option<String>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        remove_test_objects();
        let _ = tool(
            "crm_attribute",
            &["-t", "nodes", "-N", NODE, "-n", "standby", "-D"],
        );
        let _ = tool(
            "crm_attribute",
            &["-t", "nodes", "-N", NODE, "-n", "lt-attr", "-D"],
        );
        let _ = tool("crm_shadow", &["-b", "-D", "lt-shadow", "--force"]);
        match &self.stonith {
            Some(v) => {
                let _ = tool(
                    "crm_attribute",
                    &["-t", "crm_config", "-n", "stonith-enabled", "-v", v],
                );
            }
            None => {
                let _ = tool(
                    "crm_attribute",
                    &["-t", "crm_config", "-n", "stonith-enabled", "-D"],
                );
            }
        }
    }
}

/// Deletes every `lt-…` constraint and resource (constraints first, so
/// the resources can go), stopping nothing by hand: Pacemaker stops what
/// is removed from the configuration.
fn remove_test_objects() {
    for scope in ["constraints", "resources"] {
        let xml = stdout(&tool("cibadmin", &["--query", "--scope", scope]));
        for line in xml.lines() {
            let line = line.trim_start();
            let top = match scope {
                "constraints" => line.starts_with("<rsc_"),
                _ => {
                    line.starts_with("<primitive")
                        || line.starts_with("<group")
                        || line.starts_with("<clone")
                }
            };
            let Some(id) = line.split("id=\"").nth(1).and_then(|s| s.split('"').next()) else {
                continue;
            };
            let ours = id.starts_with("lt-")
                || id.starts_with("cli-prefer-lt-")
                || id.starts_with("cli-ban-lt-");
            if top && ours {
                let name = line[1..].split([' ', '>', '/']).next().unwrap_or("");
                let _ = tool(
                    "cibadmin",
                    &[
                        "--delete",
                        "--scope",
                        scope,
                        "--xml-text",
                        &format!("<{name} id=\"{id}\"/>"),
                    ],
                );
            }
        }
    }
}

fn write(dir: &Path, name: &str, body: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, body).expect("write");
    p.display().to_string()
}

const CONFIG: &str = "\
# the live test's configuration: ¥ continues a line as \\ does
primitive lt-d1 ocf:pacemaker:Dummy ¥
\top monitor interval=10s timeout=20s
primitive lt-d2 ocf:pacemaker:Dummy ¥
\top monitor interval=10s timeout=20s
group lt-g lt-d1 lt-d2
primitive lt-ping ocf:pacemaker:ping ¥
\tparams host_list=127.0.0.1 multiplier=100 dampen=0 ¥
\top monitor interval=15s timeout=60s
clone lt-ping-clone lt-ping
location lt-loc lt-g ¥
\trule 100: #uname eq node1 ¥
\trule -inf: not_defined pingd or pingd lte 0
colocation lt-col inf: lt-g lt-ping-clone
order lt-ord Mandatory: lt-ping-clone lt-g
";

const GROUP: [&str; 2] = ["lt-d1", "lt-d2"];

#[test]
fn live_cluster() {
    if let Some(reason) = no_cluster() {
        // Straight to stderr: libtest's capture would hide a println!
        // from a passing test, and the skip must be seen.
        let _ = writeln!(std::io::stderr(), "skipped: live_cluster: {reason}");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    remove_test_objects();
    let stonith = tool(
        "crm_attribute",
        &["-t", "crm_config", "-n", "stonith-enabled", "-G", "-q"],
    );
    let _cleanup = Cleanup {
        stonith: stonith
            .status
            .success()
            .then(|| stdout(&stonith).trim().to_string()),
    };
    ok(&["configure", "property", "stonith-enabled=false"]);

    load_and_start(dir.path());
    standby_and_online();
    stop_and_start_group();
    cleanup_and_refresh();
    move_and_clear();
    node_and_resource_attributes();
    concurrent_change_is_refused(dir.path());
    rejected_commit_changes_nothing(dir.path());
    shadow_cib();
    status_and_ra();
    println!("live_cluster: all steps passed against the running cluster");
}

fn load_and_start(dir: &Path) {
    let f = write(dir, "live.crm", CONFIG);
    ok(&["-F", "configure", "load", "update", &f]);
    wait_for("the group and the ping clone to start", 90, || {
        all_started(&["lt-d1", "lt-d2", "lt-ping"])
    });
    let conf = configuration();
    for id in ["lt-loc", "lt-col", "lt-ord", "lt-ping-clone", "lt-g"] {
        assert!(conf.contains(&format!("id=\"{id}\"")), "{id} in the CIB");
    }
}

fn standby_and_online() {
    ok(&["node", "standby", NODE]);
    wait_for("standby to stop the group", 60, || none_started(&GROUP));
    let shown = stdout(&ok(&["node", "show", NODE]));
    assert!(shown.contains("standby=on"), "{shown}");
    ok(&["-w", "node", "online", NODE]);
    wait_for("online to start the group again", 60, || {
        all_started(&GROUP)
    });
}

fn stop_and_start_group() {
    ok(&["resource", "stop", "lt-g"]);
    wait_for("the group to stop", 60, || none_started(&GROUP));
    assert!(resource_started("lt-ping"), "the clone keeps running");
    ok(&["resource", "start", "lt-g"]);
    wait_for("the group to start", 60, || all_started(&GROUP));
    let o = ok(&["-w", "resource", "restart", "lt-g"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("waiting for the cluster to settle"), "{err}");
    wait_for("the group to run after restart", 60, || all_started(&GROUP));
}

fn cleanup_and_refresh() {
    ok(&["resource", "cleanup", "lt-d1"]);
    ok(&["resource", "refresh", "lt-d2", NODE]);
    wait_for("the group after cleanup", 60, || all_started(&GROUP));
}

fn move_and_clear() {
    // On one node the group already runs where it is moved to, which
    // crm_resource only accepts with `force`.
    ok(&["resource", "move", "lt-g", NODE, "force"]);
    assert!(
        configuration().contains("cli-prefer-lt-g"),
        "move adds a constraint"
    );
    let located = stdout(&ok(&["resource", "locate", "lt-g"]));
    assert!(located.contains(NODE), "{located}");
    ok(&["resource", "clear", "lt-g"]);
    assert!(
        !configuration().contains("cli-prefer-lt-g"),
        "clear removes it"
    );
    let o = crm(&["resource", "move", "lt-g"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "move without a node: {}",
        text(&o)
    );
    // A ban from the only node stops the group; clearing it starts it.
    ok(&["resource", "ban", "lt-g", NODE]);
    wait_for("the ban to stop the group", 60, || none_started(&GROUP));
    ok(&["resource", "clear", "lt-g"]);
    wait_for("the group after clear", 60, || all_started(&GROUP));
}

fn node_and_resource_attributes() {
    ok(&["node", "attribute", NODE, "set", "lt-attr", "42"]);
    let shown = stdout(&ok(&["node", "attribute", NODE, "show", "lt-attr"]));
    assert!(shown.contains("42"), "{shown}");
    ok(&["node", "attribute", NODE, "delete", "lt-attr"]);
    ok(&["resource", "param", "lt-d1", "set", "fake", "lt-value"]);
    let shown = stdout(&ok(&["resource", "param", "lt-d1", "show", "fake"]));
    assert!(shown.contains("lt-value"), "{shown}");
    ok(&["resource", "param", "lt-d1", "delete", "fake"]);
    ok(&[
        "resource",
        "meta",
        "lt-d2",
        "set",
        "resource-stickiness",
        "5",
    ]);
    ok(&["resource", "failcount", "lt-d1", "show", NODE]);
    ok(&["resource", "unmanage", "lt-d1"]);
    assert!(configuration().contains("name=\"is-managed\" value=\"false\""));
    ok(&["resource", "manage", "lt-d1"]);
    let o = crm(&["node", "standby", "lt-no-such-node"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("lt-no-such-node"), "{}", text(&o));
    wait_for("the group after attribute changes", 60, || {
        all_started(&GROUP)
    });
}

/// A session reads the CIB, another writer changes it, the session's
/// commit is refused and the other change survives.
fn concurrent_change_is_refused(dir: &Path) {
    let _ = dir;
    let mut session = Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(["configure", "load", "update", "-"])
        .env_remove("CIB_file")
        .env_remove("CIB_shadow")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crm starts");
    // The session reads the CIB as it starts (milliseconds), then waits
    // for its input on stdin.
    std::thread::sleep(Duration::from_secs(2));
    let other = tool(
        "cibadmin",
        &[
            "--create",
            "--scope",
            "resources",
            "--xml-text",
            r#"<primitive id="lt-other" class="ocf" provider="pacemaker" type="Dummy"/>"#,
        ],
    );
    assert!(other.status.success(), "cibadmin --create: {other:?}");
    if let Some(mut stdin) = session.stdin.take() {
        stdin
            .write_all(b"primitive lt-mine ocf:pacemaker:Dummy\n")
            .expect("write to the session");
    }
    let o = session.wait_with_output().expect("session ends");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(err.contains("CIB changed in the meantime"), "{err}");
    assert!(
        err.contains("lt-other"),
        "the message says what changed: {err}"
    );
    let conf = configuration();
    assert!(
        conf.contains("id=\"lt-other\""),
        "the other change survives"
    );
    assert!(
        !conf.contains("id=\"lt-mine\""),
        "the session wrote nothing"
    );
    // The same change commits once the session starts from the new CIB.
    let f = write(dir, "mine.crm", "primitive lt-mine ocf:pacemaker:Dummy\n");
    ok(&["configure", "load", "update", &f]);
    let conf = configuration();
    assert!(conf.contains("id=\"lt-mine\"") && conf.contains("id=\"lt-other\""));
    ok(&["configure", "delete", "lt-mine", "lt-other"]);
}

/// Pacemaker refuses the change (schema): nothing is applied, its message
/// is shown, the exit status is 1.
fn rejected_commit_changes_nothing(dir: &Path) {
    let f = write(
        dir,
        "bad.crm",
        "xml <primitive id=\"lt-bad\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\" lt-bogus=\"1\"/>\n",
    );
    let before = configuration();
    let epoch = |x: &str| {
        let cib = stdout(&tool("cibadmin", &["--query"]));
        let head = cib.lines().next().unwrap_or("").to_string();
        head.split(&format!(" {x}=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .map(String::from)
    };
    let e0 = (epoch("admin_epoch"), epoch("epoch"));
    // Our check against Pacemaker's grammar refuses it before anything
    // reaches the cluster, forced or not, naming the statement and why.
    for args in [
        &["configure", "load", "update", &f][..],
        &["-F", "configure", "load", "update", &f],
    ] {
        let o = crm(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(
            err.contains("bad.crm:1:1: primitive lt-bad does not conform to the pacemaker-"),
            "{err}"
        );
        assert!(err.contains("lt-bogus"), "{err}");
        assert!(!err.contains("Pacemaker refused"), "{err}");
    }
    assert_eq!(
        configuration(),
        before,
        "the configuration is byte-identical"
    );
    assert_eq!((epoch("admin_epoch"), epoch("epoch")), e0);
    // Without the grammar (none where crm looks for it) the skip is said,
    // and with -F the change reaches cibadmin, which refuses it whole.
    let empty = dir.join("no-schemas");
    std::fs::create_dir_all(&empty).expect("dir");
    let o = Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(["-F", "configure", "load", "update", &f])
        .env_remove("CIB_file")
        .env_remove("CIB_shadow")
        .env("PCMK_schema_directory", &empty)
        .stdin(Stdio::null())
        .output()
        .expect("crm runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(err.contains("full schema validation skipped"), "{err}");
    assert!(err.contains("Pacemaker refused the change"), "{err}");
    assert!(
        err.contains("does not conform to the configured schema"),
        "{err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("Traceback"),
        "{err}"
    );
    assert_eq!(
        configuration(),
        before,
        "the configuration is byte-identical"
    );
    assert_eq!((epoch("admin_epoch"), epoch("epoch")), e0);
}

fn shadow_cib() {
    ok(&["cib", "new", "lt-shadow", "force"]);
    let listed = stdout(&ok(&["cib", "list"]));
    // crmsh lists the shadows in columns.
    assert!(
        listed.split_whitespace().any(|w| w == "lt-shadow"),
        "{listed}"
    );
    ok(&[
        "-c",
        "lt-shadow",
        "configure",
        "primitive",
        "lt-sh",
        "ocf:pacemaker:Dummy",
    ]);
    assert!(
        !configuration().contains("id=\"lt-sh\""),
        "the live CIB is untouched"
    );
    let shadow = Command::new("cibadmin")
        .args(["--query", "--scope", "resources"])
        .env("CIB_shadow", "lt-shadow")
        .output()
        .expect("cibadmin");
    assert!(
        stdout(&shadow).contains("id=\"lt-sh\""),
        "the shadow has it"
    );
    ok(&["cib", "delete", "lt-shadow"]);
    let o = crm(&["-c", "lt-shadow", "status"]);
    assert_eq!(o.status.code(), Some(1), "a deleted shadow: {}", text(&o));
}

fn status_and_ra() {
    let s = stdout(&ok(&["status"]));
    assert!(s.contains("lt-d1") && s.contains("Current DC"), "{s}");
    let classes = stdout(&ok(&["ra", "classes"]));
    assert!(classes.contains("ocf / "), "{classes}");
    let info = stdout(&ok(&["ra", "info", "ocf:pacemaker:Dummy"]));
    assert!(
        info.starts_with("Example stateless resource agent (ocf:pacemaker:Dummy)"),
        "{info}"
    );
    let providers = stdout(&ok(&["ra", "providers", "Dummy"]));
    assert!(providers.contains("pacemaker"), "{providers}");
    ok(&["configure", "verify"]);
}
