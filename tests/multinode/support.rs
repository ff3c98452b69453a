//! The three-node test cluster as the tests see it: bring it up, run our
//! `crm` in a node, crash and restart nodes, poll its state.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const STATE: &str = "/tmp/crmt";

/// crmsh 4.4, the behaviour crm is compared with where it is installed.
pub const CRMSH: &str = "/usr/sbin/crm";

/// A lock `cluster.sh up` runs under; free again once `up` returns.
const FD_PROBE: &str = "/tmp/crmt-fd-probe.lock";

pub fn asset(name: &str) -> String {
    format!("{}/tests/multinode/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn script() -> String {
    asset("cluster.sh")
}

pub fn crm_bin() -> &'static str {
    env!("CARGO_BIN_EXE_crm")
}

/// Why the cluster cannot be built here, if it cannot.
pub fn missing_environment() -> Option<String> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some("not root (namespaces and mounts need root)".into());
    }
    for tool in [
        "corosync",
        "pacemakerd",
        "crm_mon",
        "ip",
        "nsenter",
        "unshare",
        "sshd",
        "flock",
    ] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if !found {
            return Some(format!("{tool} is not installed"));
        }
    }
    None
}

pub fn text(o: &Output) -> String {
    format!(
        "rc={:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

pub struct Out {
    pub status: std::process::ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Out {
    fn from(o: Output) -> Self {
        Out {
            status: o.status,
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Out {
    pub fn describe(&self) -> String {
        format!(
            "rc={:?}\nstdout:\n{}\nstderr:\n{}",
            self.status.code(),
            self.stdout,
            self.stderr
        )
    }
}

/// The running cluster; dropping it takes it down.
pub struct Cluster {
    _lock: std::fs::File,
}

impl Cluster {
    pub fn up() -> Cluster {
        // One test cluster per machine at a time.
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open("/tmp/crmt.lock")
            .expect("lock file");
        lock.lock().expect("lock");
        // Started under a plain flock (as someone might under
        // /tmp/crm-live.lock): the daemons must not keep its descriptor.
        let o = Command::new("flock")
            .args([FD_PROBE, "bash", &script(), "up", "3"])
            .env("CRMT_STATE", STATE)
            .output()
            .expect("cluster.sh runs");
        let c = Cluster { _lock: lock };
        assert!(o.status.success(), "cluster.sh up: {}", text(&o));
        let free = Command::new("flock")
            .args(["-n", FD_PROBE, "true"])
            .output()
            .expect("flock runs");
        assert!(
            free.status.success(),
            "the cluster's daemons inherited the lock of {FD_PROBE}: {}",
            text(&free)
        );
        eprintln!("{}", String::from_utf8_lossy(&o.stdout).trim());
        // crm_mon seeing a DC is not yet every node's CIB taking clients:
        // right after startup a node's CIB can still drop a connection.
        c.wait("the CIB answering on every node", 60, || {
            (1..=3).all(|n| {
                c.exec(n, &["cibadmin", "--query", "--scope", "nodes"])
                    .status
                    .success()
            })
        });
        c
    }

    fn command(&self, verb: &str, node: u32, args: &[&str]) -> Command {
        let mut cmd = Command::new("bash");
        cmd.arg(script())
            .arg(verb)
            .arg(node.to_string())
            .args(args)
            .env("CRMT_STATE", STATE)
            // our crm reaches other nodes through the namespaces, not ssh
            .env("CRM_REMOTE", format!("{} remote", script()))
            .env_remove("CIB_file")
            .env_remove("CIB_shadow")
            .stdin(Stdio::null());
        cmd
    }

    /// A command in node `node`'s namespaces.
    pub fn exec(&self, node: u32, args: &[&str]) -> Out {
        self.command("exec", node, args)
            .output()
            .expect("cluster.sh exec")
            .into()
    }

    pub fn exec_ok(&self, node: u32, args: &[&str]) -> String {
        let o = self.exec(node, args);
        assert!(
            o.status.success(),
            "n{node}: {}: {}",
            args.join(" "),
            o.describe()
        );
        o.stdout
    }

    /// Our crm in node `node`.
    pub fn crm(&self, node: u32, args: &[&str]) -> Out {
        let mut all = vec![crm_bin()];
        all.extend_from_slice(args);
        self.exec(node, &all)
    }

    /// Our crm in node `node`, reaching other nodes over real ssh (no
    /// CRM_REMOTE), with `password` as what an operator would type when
    /// ssh asks for root's.
    pub fn crm_over_ssh(&self, node: u32, password: &str, args: &[&str]) -> Out {
        let mut all = vec![crm_bin()];
        all.extend_from_slice(args);
        self.command("exec", node, &all)
            .env_remove("CRM_REMOTE")
            .env("SSH_ASKPASS", asset("askpass"))
            .env("SSH_ASKPASS_REQUIRE", "force")
            .env("CRMT_ROOT_PASSWORD", password)
            .output()
            .expect("cluster.sh exec")
            .into()
    }

    /// crmsh 4.4 (`/usr/sbin/crm`) in node `node`, when it is installed
    /// (None, said on stderr, when not). It reaches other nodes over real
    /// ssh, never through CRM_REMOTE.
    pub fn crmsh(&self, node: u32, args: &[&str]) -> Option<Out> {
        if !Path::new(CRMSH).exists() {
            // Straight to stderr: libtest would hide an eprintln! skip.
            let _ = writeln!(
                std::io::stderr(),
                "skipped: crmsh's side of crm {}: {CRMSH} is not installed",
                args.join(" ")
            );
            return None;
        }
        // crmsh will not start without its log directory, and each node's
        // /var/log is a fresh one of its own.
        self.exec_ok(node, &["mkdir", "-p", "/var/log/crmsh"]);
        let mut all = vec![CRMSH];
        all.extend_from_slice(args);
        Some(
            self.command("exec", node, &all)
                // Without a terminal crmsh exports COLUMNS=80, and cibsecret's
                // `ps -ef | grep '[p]acemaker-controld'` then misses the
                // controller's line (cut at 80 columns): "pacemaker not
                // running?". A wide terminal is what an operator has.
                .env("COLUMNS", "250")
                .output()
                .expect("cluster.sh exec")
                .into(),
        )
    }

    pub fn crm_ok(&self, node: u32, args: &[&str]) -> String {
        let o = self.crm(node, args);
        assert!(
            o.status.success(),
            "n{node}: crm {}: {}",
            args.join(" "),
            o.describe()
        );
        o.stdout
    }

    /// Our crm in a node with piped stdin (a shell session).
    pub fn spawn_crm(&self, node: u32, args: &[&str]) -> Session {
        let mut all = vec![crm_bin()];
        all.extend_from_slice(args);
        let child = self
            .command("exec", node, &all)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("crm session");
        Session::new(child)
    }

    pub fn status_xml(&self, node: u32) -> String {
        self.crm(node, &["status", "xml"]).stdout
    }

    pub fn kill(&self, node: u32) {
        let o = Command::new("bash")
            .args([&script(), "kill", &node.to_string()])
            .env("CRMT_STATE", STATE)
            .output()
            .expect("cluster.sh kill");
        assert!(o.status.success(), "kill n{node}: {}", text(&o));
    }

    pub fn start(&self, node: u32) {
        let o = Command::new("bash")
            .args([&script(), "start", &node.to_string()])
            .env("CRMT_STATE", STATE)
            .output()
            .expect("cluster.sh start");
        assert!(o.status.success(), "start n{node}: {}", text(&o));
    }

    pub fn fence_log(&self) -> String {
        std::fs::read_to_string(Path::new(STATE).join("fence.log")).unwrap_or_default()
    }

    pub fn fail_fence_device(&self, tag: &str) {
        std::fs::write(Path::new(STATE).join(format!("fence_test.fail.{tag}")), "")
            .expect("marker");
    }

    pub fn clear_fence_failures(&self) {
        for entry in std::fs::read_dir(STATE).expect("state dir").flatten() {
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with("fence_test.fail")
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    pub fn node_dir(&self, node: u32) -> PathBuf {
        Path::new(STATE).join(format!("n{node}"))
    }

    /// Now, as `crm history limit`/`crm report -f` take it.
    pub fn log_time_now(&self) -> String {
        let o = Command::new("date")
            .arg("+%Y-%m-%d %H:%M:%S")
            .output()
            .expect("date");
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }

    /// Polls `ok` every half second until it holds; fails after `secs`.
    pub fn wait(&self, what: &str, secs: u64, mut ok: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if ok() {
                return;
            }
            if Instant::now() > deadline {
                let status = self.exec(1, &["crm_mon", "-1", "-f"]);
                panic!(
                    "timed out after {secs}s waiting for: {what}\ncrm_mon on n1:\n{}",
                    status.describe()
                );
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .args([&script(), "down"])
            .env("CRMT_STATE", STATE)
            .output();
    }
}

/// The nodes a resource (every instance of it) is active on, from
/// `crm_mon --output-as=xml`.
pub fn running_on(xml: &str, id: &str) -> Vec<String> {
    let needle = format!("<resource id=\"{id}\"");
    let mut nodes = Vec::new();
    for (at, _) in xml.match_indices(&needle) {
        let rest = &xml[at..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if !tag.contains("active=\"true\"") || tag.ends_with('/') {
            continue;
        }
        let body = &rest[..rest.find("</resource>").unwrap_or(rest.len())];
        if let Some(n) = body.find("<node name=\"") {
            let name = &body[n + 12..];
            nodes.push(name[..name.find('"').unwrap_or(0)].to_string());
        }
    }
    nodes.sort();
    nodes
}

/// An attribute of a node's `<node name=…>` in `crm_mon --output-as=xml`.
pub fn node_attr(xml: &str, node: &str, attr: &str) -> Option<String> {
    let needle = format!("<node name=\"{node}\" ");
    let at = xml.find(&needle)?;
    let tag = &xml[at..at + xml[at..].find('>')?];
    let key = format!(" {attr}=\"");
    let v = &tag[tag.find(&key)? + key.len()..];
    Some(v[..v.find('"')?].to_string())
}

pub fn node_number(name: &str) -> u32 {
    name.trim_start_matches('n').parse().expect("node name nN")
}

/// A running crm with a pipe on stdin; its output is collected by threads.
pub struct Session {
    child: Child,
    stdout: std::sync::Arc<std::sync::Mutex<String>>,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Session {
    fn new(mut child: Child) -> Session {
        let stdout = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut readers = Vec::new();
        let pipes: [(Box<dyn Read + Send>, _); 2] = [
            (
                Box::new(child.stdout.take().expect("stdout")),
                stdout.clone(),
            ),
            (
                Box::new(child.stderr.take().expect("stderr")),
                stderr.clone(),
            ),
        ];
        for (mut pipe, sink) in pipes {
            readers.push(std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    sink.lock()
                        .expect("sink")
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            }));
        }
        Session {
            child,
            stdout,
            stderr,
            readers,
        }
    }

    pub fn send(&mut self, text: &str) {
        let stdin = self.child.stdin.as_mut().expect("stdin");
        stdin.write_all(text.as_bytes()).expect("write to crm");
        stdin.flush().expect("flush");
    }

    pub fn wait_stdout(&self, needle: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while !self.stdout.lock().expect("out").contains(needle) {
            assert!(
                Instant::now() < deadline,
                "crm session: no '{needle}' after {secs}s\nstdout:\n{}\nstderr:\n{}",
                self.stdout.lock().expect("out"),
                self.stderr.lock().expect("err")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Closes stdin, waits for the end: exit code, stdout, stderr.
    pub fn finish(mut self, secs: u64) -> (Option<i32>, String, String) {
        drop(self.child.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(secs);
        let code = loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                break s.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("crm session did not end in {secs}s");
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        let out = self.stdout.lock().expect("out").clone();
        let err = self.stderr.lock().expect("err").clone();
        (code, out, err)
    }
}
