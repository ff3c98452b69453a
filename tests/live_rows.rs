//! The resource, node, cib and maintenance commands whose effect only a
//! running cluster shows, on the one-node cluster of
//! `/work/private-node.sh 'cargo test --test live_rows'`: a Dummy's
//! monitor made to fail (its state file removed) and its failure history
//! cleared by `resource cleanup`, `resource refresh` and `node
//! clearstate -F`; a shadow committed with `cib commit`; `maintenance
//! action` run on a resource that is running; `resource secret` through
//! cibsecret. Each step is done by our crm and then, when it is here, by
//! crmsh 4.4 (/usr/sbin/crm), and the same effect is asserted for both.
//!
//! One #[test] (there is one cluster). What it makes is named `lr-…` and
//! removed at the end; STONITH is disabled for the run and put back.
//! Without a cluster with a DC, or not as root, it prints "skipped: …".

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod support;
use support::{has_dc, live_tool as tool, outcome as text};

const CRMSH: &str = "/usr/sbin/crm";
const RSC: &str = "lr-fail";
const STATE: &str = "/run/lr-fail.state";
/// A Dummy whose start and stop take two seconds (its op_sleep).
const SLOW: &str = "lr-slow";
const SLOW_STATE: &str = "/run/lr-slow.state";

/// A crm program (ours or crmsh) against the live cluster.
fn run(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .env_remove("CIB_file")
        .env_remove("CIB_shadow")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

/// The programs each step is run with: ours, then crmsh when installed.
fn programs() -> Vec<&'static str> {
    let mut p = vec![env!("CARGO_BIN_EXE_crm")];
    if Path::new(CRMSH).exists() {
        p.push(CRMSH);
    } else {
        said("crmsh (/usr/sbin/crm) is not installed: only ours is run");
    }
    p
}

/// A line on the terminal, past the test harness's capture.
fn said(what: &str) {
    let _ = writeln!(std::io::stderr(), "live_rows: {what}");
}

fn wait_for(what: &str, secs: u64, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(secs) {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    panic!("timed out after {secs} s waiting for {what}");
}

fn node() -> String {
    String::from_utf8_lossy(&tool("crm_node", &["-n"]).stdout)
        .trim()
        .to_string()
}

fn configuration() -> String {
    String::from_utf8_lossy(&tool("cibadmin", &["--query", "--scope", "configuration"]).stdout)
        .into_owned()
}

fn status_section() -> String {
    String::from_utf8_lossy(&tool("cibadmin", &["--query", "--scope", "status"]).stdout)
        .into_owned()
}

/// The resource's fail-count on this node (0 when there is none).
fn failcount() -> u64 {
    let o = tool("crm_failcount", &["--query", "-r", RSC, "-N", &node()]);
    let s = String::from_utf8_lossy(&o.stdout);
    let value = s
        .split_whitespace()
        .find_map(|w| w.strip_prefix("value="))
        .unwrap_or("0");
    match value {
        "INFINITY" => u64::MAX,
        v => v.parse().unwrap_or(0),
    }
}

/// Whether the cluster reports the failed monitor (crm_mon's "Failed
/// Resource Actions", from the operation history in the status section).
/// A probe that finds the resource stopped is no failure there.
fn failure_recorded() -> bool {
    let o = tool("crm_mon", &["-1", "--output-as=xml"]);
    let s = String::from_utf8_lossy(&o.stdout);
    s.split("<failure ")
        .skip(1)
        .any(|f| f.contains(&format!("op_key=\"{RSC}_monitor_3000\"")))
}

fn running() -> bool {
    is_running(RSC)
}

fn is_running(id: &str) -> bool {
    let o = tool("crm_resource", &["--locate", "-r", id]);
    String::from_utf8_lossy(&o.stdout).contains("is running on")
}

/// Makes the monitor fail (Dummy's monitor looks for its state file) and
/// waits until the cluster counted the failure.
fn fail_the_monitor() {
    wait_for("the resource to run", 60, running);
    let _ = std::fs::remove_file(STATE);
    wait_for("the failure to be counted", 60, || {
        failcount() >= 1 && failure_recorded()
    });
}

fn wait_cleared(how: &str) {
    let start = Instant::now();
    while failcount() != 0 || failure_recorded() {
        if start.elapsed() > Duration::from_secs(60) {
            panic!(
                "{how} did not clear the failure: fail-count {}, status:\n{}",
                failcount(),
                status_section()
            );
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// Puts back what the test changed, whatever step failed.
struct Cleanup {
    stonith: Option<String>,
}

/// Removes what the test makes: at the end, and at the start too, since
/// a run that was killed (no unwinding, no Drop) leaves them in the
/// cluster's CIB and the next run's first `configure primitive` would be
/// refused with "object lr-fail already exists".
fn remove_test_objects() {
    for id in [RSC, SLOW, "lr-shadowed-0", "lr-shadowed-1"] {
        let _ = tool(
            "cibadmin",
            &[
                "--delete",
                "--xml-text",
                &format!("<primitive id=\"{id}\"/>"),
            ],
        );
    }
    for name in ["lr-shadow-0", "lr-shadow-1"] {
        let _ = tool("crm_shadow", &["--delete", name, "--force"]);
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        remove_test_objects();
        let _ = match &self.stonith {
            Some(v) => tool(
                "crm_attribute",
                &["-t", "crm_config", "-n", "stonith-enabled", "-v", v],
            ),
            None => tool(
                "crm_attribute",
                &["-t", "crm_config", "-n", "stonith-enabled", "-D"],
            ),
        };
    }
}

#[test]
fn live_rows() {
    let why = if !has_dc() {
        Some("no running cluster with a DC (run it in /work/private-node.sh)")
    } else if !rustix::process::geteuid().is_root() {
        Some("not root: cibsecret and the secrets directory need root")
    } else {
        None
    };
    if let Some(why) = why {
        let _ = writeln!(std::io::stderr(), "skipped: live_rows: {why}");
        return;
    }
    if configuration().contains(&format!("id=\"{RSC}\"")) {
        said("an earlier run left its objects in the CIB: removing them first");
    }
    remove_test_objects();
    let o = tool(
        "crm_attribute",
        &["-t", "crm_config", "-n", "stonith-enabled", "-G", "-q"],
    );
    let _cleanup = Cleanup {
        stonith: o
            .status
            .success()
            .then(|| String::from_utf8_lossy(&o.stdout).trim().to_string()),
    };
    // A fresh cluster has no fencing device: without this every commit
    // would be refused by crm_verify, whatever it is testing.
    let o = tool(
        "crm_attribute",
        &["-t", "crm_config", "-n", "stonith-enabled", "-v", "false"],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = run(
        env!("CARGO_BIN_EXE_crm"),
        &[
            "configure",
            "primitive",
            RSC,
            "ocf:pacemaker:Dummy",
            "params",
            &format!("state={STATE}"),
            "op",
            "monitor",
            "interval=3s",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = run(
        env!("CARGO_BIN_EXE_crm"),
        &[
            "configure",
            "primitive",
            SLOW,
            "ocf:pacemaker:Dummy",
            "params",
            "op_sleep=2",
            &format!("state={SLOW_STATE}"),
            "meta",
            "target-role=Stopped",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    for program in programs() {
        wait_option(program);
        cleanup_refresh_clearstate(program);
        maintenance_action(program);
        secrets(program);
    }
    for (n, program) in programs().into_iter().enumerate() {
        shadow_commit(program, n);
    }
}

/// crm's `wait` option (`[core] wait = yes` in the user's crm.conf):
/// `resource start` and `resource stop` return only when the cluster
/// has done it. The resource's start and stop take two seconds, so
/// without the wait it would still be starting or stopping right after.
fn wait_option(program: &str) {
    let home = tempfile::tempdir().expect("home");
    let conf = home.path().join(".config/crm");
    std::fs::create_dir_all(&conf).expect("config dir");
    std::fs::write(conf.join("crm.conf"), "[core]\nwait = yes\n").expect("crm.conf");
    let waiting = |args: &[&str]| {
        let o = Command::new(program)
            .args(args)
            .env_remove("CIB_file")
            .env_remove("CIB_shadow")
            .env_remove("XDG_CONFIG_HOME")
            .env("HOME", home.path())
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(o.status.success(), "{program} {args:?}: {}", text(&o));
    };
    waiting(&["resource", "start", SLOW]);
    assert!(
        is_running(SLOW),
        "{program}: `resource start` returned before the resource ran"
    );
    waiting(&["resource", "stop", SLOW]);
    // The cluster calls it stopped as soon as the stop begins; the agent
    // removes its state file at the end of its two seconds.
    assert!(
        !is_running(SLOW) && !Path::new(SLOW_STATE).exists(),
        "{program}: `resource stop` returned before the agent's stop ended"
    );
}

/// `resource cleanup`, `resource refresh` and `node clearstate -F` each
/// clear a failed monitor: the fail-count and the failed operation in
/// the status section are gone.
fn cleanup_refresh_clearstate(program: &str) {
    let node = node();
    let steps: [(&str, Vec<&str>); 3] = [
        ("resource cleanup", vec!["resource", "cleanup", RSC]),
        ("resource refresh", vec!["resource", "refresh", RSC]),
        (
            "node clearstate -F",
            vec!["-F", "node", "clearstate", &node],
        ),
    ];
    for (how, args) in steps {
        fail_the_monitor();
        let o = run(program, &args);
        assert!(o.status.success(), "{program} {how}: {}", text(&o));
        wait_cleared(&format!("{program} {how}"));
    }
    wait_for("the resource to run again", 60, running);
}

/// `maintenance action RSC monitor` on a running resource in
/// maintenance: the agent answers "running" and the command succeeds.
fn maintenance_action(program: &str) {
    wait_for("the resource to run", 60, running);
    let o = run(program, &["resource", "maintenance", RSC, "on"]);
    assert!(o.status.success(), "{program}: {}", text(&o));
    let o = run(program, &["maintenance", "action", RSC, "monitor"]);
    assert_eq!(o.status.code(), Some(0), "{program}: {}", text(&o));
    // The resource was left alone: still running, still in maintenance.
    assert!(running());
    assert!(
        configuration().contains("name=\"maintenance\" value=\"true\""),
        "{}",
        configuration()
    );
    let o = run(program, &["resource", "maintenance", RSC, "off"]);
    assert!(o.status.success(), "{program}: {}", text(&o));
}

fn param_in_cib(name: &str) -> Option<String> {
    let o = tool(
        "crm_resource",
        &["-r", RSC, "--get-parameter", name, "--quiet"],
    );
    // crm_resource answers an unset parameter with an empty line.
    let value = String::from_utf8_lossy(&o.stdout).trim().to_string();
    (o.status.success() && !value.is_empty()).then_some(value)
}

/// `resource secret`. Pacemaker's cibsecret (2.1) copies every change to
/// the other live nodes and fails when there is none (`sync_one`), so on
/// this one-node cluster `set` fails for crmsh and ours alike and leaves
/// the CIB alone; `show` and `check` read a secret kept as cibsecret
/// keeps it (the value and its md5 in the secrets directory, `lrm://` in
/// the CIB), and `check` notices a changed value.
fn secrets(program: &str) {
    let o = run(
        program,
        &["resource", "secret", RSC, "set", "passwd", "s3cret"],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{program} secret set: {}",
        text(&o)
    );
    assert_eq!(param_in_cib("passwd"), None);

    let dir = format!("/var/lib/pacemaker/lrm/secrets/{RSC}");
    std::fs::create_dir_all(&dir).expect("secrets directory");
    let file = format!("{dir}/passwd");
    std::fs::write(&file, "s3cret\n").expect("secret");
    let o = tool("crm_resource", &["-r", RSC, "-p", "passwd", "-v", "lrm://"]);
    assert!(o.status.success(), "{}", text(&o));
    // The md5 of the value without its newline, as cibsecret signs it.
    let sum = String::from_utf8_lossy(
        &Command::new("sh")
            .args(["-c", "printf %s s3cret | md5sum"])
            .output()
            .expect("md5sum")
            .stdout,
    )
    .split_whitespace()
    .next()
    .unwrap_or("")
    .to_string();
    std::fs::write(format!("{file}.sign"), format!("{sum}\n")).expect("sign");

    let o = run(program, &["resource", "secret", RSC, "show", "passwd"]);
    if program == CRMSH && String::from_utf8_lossy(&o.stdout).contains("pacemaker not running?") {
        // cibsecret's own test (`ps -ef | grep '[p]acemaker-controld'`)
        // fails when crmsh starts it here, with the controller running.
        said("skipped: crmsh's secret show/check: cibsecret, started by crmsh, says \"pacemaker not running?\" although pacemaker-controld runs");
    } else {
        assert!(o.status.success(), "{program} secret show: {}", text(&o));
        assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "s3cret");
        secret_check(program, &file);
    }
    let o = tool("crm_resource", &["-r", RSC, "-d", "passwd"]);
    assert!(o.status.success(), "{}", text(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `secret check`: the value matches its md5, then no longer does.
fn secret_check(program: &str, file: &str) {
    let o = run(program, &["resource", "secret", RSC, "check", "passwd"]);
    assert!(o.status.success(), "{program} secret check: {}", text(&o));
    std::fs::write(file, "changed\n").expect("secret");
    let o = run(program, &["resource", "secret", RSC, "check", "passwd"]);
    assert_ne!(
        o.status.code(),
        Some(0),
        "{program} secret check: {}",
        text(&o)
    );
}

/// `cib commit NAME`: a primitive made in a shadow reaches the cluster
/// only when the shadow is committed.
fn shadow_commit(program: &str, n: usize) {
    let shadow = format!("lr-shadow-{n}");
    let id = format!("lr-shadowed-{n}");
    let o = run(program, &["cib", "new", &shadow]);
    assert!(o.status.success(), "{program} cib new: {}", text(&o));
    let o = run(
        program,
        &[
            "-c",
            &shadow,
            "configure",
            "primitive",
            &id,
            "ocf:pacemaker:Dummy",
        ],
    );
    assert!(o.status.success(), "{program} -c: {}", text(&o));
    let marker = format!("<primitive id=\"{id}\"");
    assert!(!configuration().contains(&marker), "written before commit");
    let o = run(program, &["cib", "commit", &shadow]);
    assert!(o.status.success(), "{program} cib commit: {}", text(&o));
    assert!(configuration().contains(&marker), "{}", configuration());
    let o = run(program, &["cib", "delete", &shadow]);
    assert!(o.status.success(), "{program} cib delete: {}", text(&o));
}
