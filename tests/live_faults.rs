//! Faults against the real one-node cluster (`.ci/start-cluster`):
//! Pacemaker stopped in the middle of a shell session, `cibadmin`
//! missing, a user whom a Pacemaker ACL role allows only to read, and a
//! CIB replaced by another writer between read and commit.
//!
//! One #[test], step after step (there is one cluster). Everything it
//! makes is named `lf-…` and removed at the end, the ACL switch and the
//! system user included. It stops Pacemaker and starts it again: run it
//! only holding the cluster lock (`flock /tmp/crm-live.lock cargo test`),
//! as CI does by being alone. Without a cluster, or not as root (users,
//! stopping daemons), it says "skipped: …" on the terminal (written past
//! the test harness's capture, so plain `cargo test` shows it).

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const USER: &str = "lf-reader";

mod support;
use support::{has_dc, live_crm as crm_cmd, live_tool as tool, outcome as text};

fn crm(args: &[&str]) -> Output {
    crm_cmd(args).output().expect("crm runs")
}

fn why_skipped() -> Option<&'static str> {
    if !has_dc() {
        return Some("no running cluster with a DC (`crm_mon -1`); run .ci/start-cluster as root");
    }
    if !rustix::process::geteuid().is_root() {
        return Some("not root: the fault tests stop Pacemaker and create a system user");
    }
    None
}

fn configuration() -> String {
    String::from_utf8_lossy(&tool("cibadmin", &["--query", "--scope", "configuration"]).stdout)
        .into_owned()
}

fn epoch() -> String {
    let cib = String::from_utf8_lossy(&tool("cibadmin", &["--query", "--no-children"]).stdout)
        .into_owned();
    let at = cib.find(" epoch=\"").map(|i| i + 8).unwrap_or(0);
    cib[at..].split('"').next().unwrap_or("").to_string()
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

/// The crm shell reading a script from a pipe, its output collected as
/// it comes: the test waits for what the shell printed, never a fixed time.
struct Shell {
    child: Child,
    lines: Receiver<String>,
    seen: String,
}

impl Shell {
    fn start() -> Shell {
        let mut child = crm_cmd(&[])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("crm shell");
        let (tx, lines) = channel();
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Shell {
            child,
            lines,
            seen: String::new(),
        }
    }

    fn send(&mut self, line: &str) {
        let stdin = self.child.stdin.as_mut().expect("stdin");
        writeln!(stdin, "{line}").expect("write to the shell");
        stdin.flush().expect("flush");
    }

    /// Waits until the shell printed a line containing `what` (after
    /// what was already waited for); returns everything seen since.
    fn expect(&mut self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut since = String::new();
        while Instant::now() < deadline {
            match self.lines.recv_timeout(Duration::from_millis(200)) {
                Ok(line) => {
                    since.push_str(&line);
                    since.push('\n');
                    if line.contains(what) {
                        self.seen.push_str(&since);
                        return since;
                    }
                }
                Err(_) => continue,
            }
        }
        panic!(
            "the shell never printed {what:?}; it printed:\n{}{since}",
            self.seen
        );
    }

    fn finish(mut self) -> (Option<i32>, String) {
        drop(self.child.stdin.take());
        let status = self.child.wait().expect("wait");
        let mut rest = String::new();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(500)) {
            rest.push_str(&line);
            rest.push('\n');
        }
        (status.code(), rest)
    }
}

/// This network namespace's pacemakerd: the three-node test cluster runs
/// its own in namespaces, which this test must neither stop nor wait for.
fn pacemakerd_pid() -> Option<i32> {
    let here = std::fs::read_link("/proc/self/ns/net").ok();
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let comm = std::fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
        if comm.trim() == "pacemakerd"
            && std::fs::read_link(entry.path().join("ns/net")).ok() == here
        {
            return Some(pid);
        }
    }
    None
}

fn cib_reachable() -> bool {
    tool("cibadmin", &["--query", "--no-children"])
        .status
        .success()
}

/// Stops Pacemaker (only pacemakerd: it stops its daemons; corosync
/// stays), waiting until the CIB is gone.
fn stop_pacemaker() {
    let pid = pacemakerd_pid().expect("pacemakerd runs");
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(pid).expect("pid"),
        rustix::process::Signal::TERM,
    )
    .expect("stop pacemakerd");
    wait_for("Pacemaker to stop", 120, || {
        !cib_reachable() && pacemakerd_pid().is_none()
    });
}

/// Starts the cluster again as `.ci/start-cluster` does; the pids of what
/// it started are added to the file the CI script stops at its end.
fn start_pacemaker() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pids = dir.path().join("pids");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/start-cluster");
    let o = Command::new("bash")
        .arg(&script)
        .env("CLUSTER_PIDS", &pids)
        .output()
        .expect("start-cluster");
    assert!(o.status.success(), "start-cluster: {}", text(&o));
    let started = std::fs::read_to_string(&pids).unwrap_or_default();
    let ci_pids =
        std::env::var("CLUSTER_PIDS").unwrap_or_else(|_| "/tmp/crmtool-cluster.pids".into());
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(ci_pids)
    {
        let _ = f.write_all(started.as_bytes());
    }
}

/// Puts back what the test changed, whatever step failed.
struct Cleanup {
    /// Cluster properties this test sets, with the value each had before
    /// (None: it was not set), put back when the test ends.
    saved: Vec<(&'static str, Option<String>)>,
}

/// Removes the objects the test makes: at the end, and at the start too,
/// since a run that was killed (no Drop) leaves them behind.
fn remove_test_objects() {
    for (kind, id) in [
        ("acl_target", USER),
        ("acl_role", "lf-read-only"),
        ("primitive", "lf-stop"),
        ("primitive", "lf-acl"),
        ("primitive", "lf-race"),
        ("primitive", "lf-other"),
        ("primitive", "lf-nocib"),
    ] {
        let _ = tool(
            "cibadmin",
            &["--delete", "--xml-text", &format!("<{kind} id=\"{id}\"/>")],
        );
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if !cib_reachable() {
            start_pacemaker();
        }
        remove_test_objects();
        for (name, value) in &self.saved {
            let _ = match value {
                Some(v) => tool("crm_attribute", &["-t", "crm_config", "-n", name, "-v", v]),
                None => tool("crm_attribute", &["-t", "crm_config", "-n", name, "-D"]),
            };
        }
        let _ = tool("userdel", &[USER]);
    }
}

#[test]
fn live_faults() {
    if let Some(why) = why_skipped() {
        // Straight to the process's stderr: libtest would hide eprintln!.
        if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/stderr") {
            let _ = writeln!(tty, "live_faults skipped: {why}");
        }
        return;
    }
    let property = |name: &str| {
        let o = tool(
            "crm_attribute",
            &["-t", "crm_config", "-n", name, "-G", "-q"],
        );
        o.status
            .success()
            .then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    remove_test_objects();
    let _cleanup = Cleanup {
        saved: vec![
            ("enable-acl", property("enable-acl")),
            ("stonith-enabled", property("stonith-enabled")),
        ],
    };
    // A fresh cluster has no fencing device: without this every commit
    // below would be refused by crm_verify, whatever it is testing.
    let o = tool(
        "crm_attribute",
        &["-t", "crm_config", "-n", "stonith-enabled", "-v", "false"],
    );
    assert!(o.status.success(), "{}", text(&o));
    pacemaker_stopped_mid_session();
    cibadmin_missing();
    acl_limited_user();
    cib_replaced_between_read_and_commit();
}

/// The shell stages a primitive, Pacemaker stops, `commit` is refused
/// with a clear message, the staged change is still there (`show
/// changed`), and after Pacemaker is back nothing of it was written.
fn pacemaker_stopped_mid_session() {
    let mut sh = Shell::start();
    sh.send("configure");
    sh.send("primitive lf-stop ocf:pacemaker:Dummy");
    sh.send("show changed");
    sh.expect("primitive lf-stop");
    stop_pacemaker();
    sh.send("commit");
    let refused = sh.expect("ERROR");
    sh.send("show changed");
    let kept = sh.expect("primitive lf-stop");
    sh.send("up");
    sh.send("quit");
    let (status, rest) = sh.finish();
    start_pacemaker();
    assert!(
        refused.contains("cibadmin") && refused.contains("failed"),
        "the refusal names the failing call:\n{refused}"
    );
    assert!(
        format!("{refused}{kept}{rest}").contains("is Pacemaker running"),
        "the refusal says what to check:\n{refused}{kept}{rest}"
    );
    assert!(kept.contains("primitive lf-stop"), "{kept}");
    assert_eq!(status, Some(1), "a failed commit makes the exit status 1");
    assert!(!configuration().contains("lf-stop"), "nothing was written");
}

/// Without `cibadmin` on PATH: a read and a write fail naming it, and the
/// CIB is unchanged.
fn cibadmin_missing() {
    let before = epoch();
    let empty = tempfile::tempdir().expect("tempdir");
    for args in [
        vec!["configure", "show"],
        vec!["configure", "primitive", "lf-nocib", "ocf:pacemaker:Dummy"],
    ] {
        let o = crm_cmd(&args)
            .env("PATH", empty.path())
            .output()
            .expect("crm runs");
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("cibadmin"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(epoch(), before);
    assert!(!configuration().contains("lf-nocib"));
}

/// A system user in haclient whom an ACL role lets only read: reads
/// work, every kind of write is refused with Pacemaker's reason, and the
/// CIB is unchanged after each.
fn acl_limited_user() {
    let o = tool(
        "useradd",
        &["--system", "--no-create-home", "--gid", "haclient", USER],
    );
    assert!(
        o.status.success() || text(&o).contains("already exists"),
        "{}",
        text(&o)
    );
    let acl_file = tempfile::NamedTempFile::new().expect("temp");
    std::fs::write(
        acl_file.path(),
        format!("role lf-read-only read xpath:\"/cib\"\nacl_target {USER} lf-read-only\nproperty enable-acl=true\nprimitive lf-acl ocf:pacemaker:Dummy\n"),
    )
    .expect("write");
    let o = crm(&[
        "configure",
        "load",
        "update",
        acl_file.path().to_str().expect("utf8"),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let uid = rustix::process::Uid::from_raw(user_id(USER));
    let gid = group_id("haclient");
    let as_user = |args: &[&str]| {
        crm_cmd(args)
            .uid(uid.as_raw())
            .gid(gid)
            .env("HOME", "/tmp")
            .current_dir("/tmp")
            .output()
            .expect("crm runs as the user")
    };
    let o = as_user(&["configure", "show", "lf-acl"]);
    assert!(o.status.success(), "reading is allowed: {}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("primitive lf-acl"));
    let before = configuration();
    for args in [
        vec!["configure", "primitive", "lf-other", "ocf:pacemaker:Dummy"],
        vec!["configure", "delete", "lf-acl"],
        vec!["configure", "property", "lf-prop=1"],
        vec!["resource", "stop", "lf-acl"],
        vec![
            "-F",
            "configure",
            "primitive",
            "lf-other",
            "ocf:pacemaker:Dummy",
        ],
    ] {
        let o = as_user(&args);
        assert_eq!(
            o.status.code(),
            Some(1),
            "crm {}: {}",
            args.join(" "),
            text(&o)
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("Permission denied") || err.contains("Insufficient privileges"),
            "crm {}: Pacemaker's reason is shown: {err}",
            args.join(" ")
        );
        assert_eq!(
            configuration(),
            before,
            "crm {}: nothing partial",
            args.join(" ")
        );
    }
    user_option_runs_the_tools_as_that_user(&before);
}

/// Root with crm's `user` option naming the ACL-limited user: crm runs
/// Pacemaker's tools through `sudo -E -u lf-reader`, as crmsh does, so the
/// role's limits apply: reading works, a write is refused with
/// Pacemaker's reason. crmsh 4.4 (when installed) is refused the same.
fn user_option_runs_the_tools_as_that_user(before: &str) {
    if !support::have("sudo", "--version") {
        support::skip(
            "live_faults (option user)",
            "sudo is not installed (apt-get install sudo)",
        );
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let conf = home.path().join(".config/crm");
    std::fs::create_dir_all(&conf).expect("config dir");
    std::fs::write(conf.join("crm.conf"), format!("[core]\nuser = {USER}\n")).expect("crm.conf");
    let mut programs = vec![env!("CARGO_BIN_EXE_crm")];
    if std::path::Path::new("/usr/sbin/crm").exists() {
        programs.push("/usr/sbin/crm");
    }
    for program in programs {
        let as_option = |args: &[&str]| {
            Command::new(program)
                .args(args)
                .env_remove("CIB_file")
                .env_remove("CIB_shadow")
                .env("HOME", home.path())
                .env_remove("XDG_CONFIG_HOME")
                .stdin(std::process::Stdio::null())
                .output()
                .expect("crm runs")
        };
        let o = as_option(&["configure", "show", "lf-acl"]);
        assert!(
            o.status.success(),
            "{program}: reading is allowed: {}",
            text(&o)
        );
        assert!(String::from_utf8_lossy(&o.stdout).contains("primitive lf-acl"));
        let o = as_option(&["configure", "primitive", "lf-other", "ocf:pacemaker:Dummy"]);
        assert!(
            !o.status.success(),
            "{program}: the write is refused: {}",
            text(&o)
        );
        if program == env!("CARGO_BIN_EXE_crm") {
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                err.contains("Permission denied") || err.contains("Insufficient privileges"),
                "Pacemaker's reason is shown: {err}"
            );
        }
        assert_eq!(configuration(), before, "{program}: nothing written");
    }
    // Without the option the same root writes (the refusal above came
    // from the option, not from the cluster).
    let o = crm(&["configure", "primitive", "lf-other", "ocf:pacemaker:Dummy"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = crm(&["configure", "delete", "lf-other"]);
    assert!(o.status.success(), "{}", text(&o));
}

fn user_id(name: &str) -> u32 {
    let o = tool("id", &["-u", name]);
    String::from_utf8_lossy(&o.stdout)
        .trim()
        .parse()
        .expect("uid")
}

fn group_id(name: &str) -> u32 {
    let o = tool("getent", &["group", name]);
    String::from_utf8_lossy(&o.stdout)
        .split(':')
        .nth(2)
        .and_then(|g| g.trim().parse().ok())
        .expect("gid")
}

/// A session reads the CIB, another writer replaces it whole (cibadmin
/// --replace, a new epoch), the session commits: refused, the other
/// writer's CIB stays.
fn cib_replaced_between_read_and_commit() {
    let mut sh = Shell::start();
    sh.send("configure");
    sh.send("primitive lf-race ocf:pacemaker:Dummy");
    sh.send("show changed");
    sh.expect("primitive lf-race");
    let mut cib = String::from_utf8_lossy(&tool("cibadmin", &["--query"]).stdout).into_owned();
    // A newer epoch, as another node's replacement would carry.
    let e = epoch();
    let next: u64 = e.parse::<u64>().expect("epoch") + 1;
    cib = cib.replacen(&format!(" epoch=\"{e}\""), &format!(" epoch=\"{next}\""), 1);
    let at = cib
        .find("<resources>")
        .map(|i| i + "<resources>".len())
        .expect("resources");
    cib.insert_str(
        at,
        "<primitive id=\"lf-other\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>",
    );
    let replaced = Command::new("cibadmin")
        .args(["--replace", "--xml-pipe"])
        .stdin(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().expect("stdin").write_all(cib.as_bytes())?;
            c.wait()
        })
        .expect("cibadmin --replace");
    assert!(replaced.success());
    sh.send("commit");
    let refused = sh.expect("ERROR");
    sh.send("refresh");
    sh.send("up");
    sh.send("quit");
    let _ = sh.finish();
    assert!(refused.contains("CIB changed"), "{refused}");
    let now = configuration();
    assert!(
        now.contains("lf-other") && !now.contains("lf-race"),
        "{now}"
    );
}
