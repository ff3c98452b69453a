//! `crm lsp` with the running cluster as its context: without `CIB_file`
//! the server reads the cluster's CIB, so a resource that exists only in
//! the cluster resolves in a constraint and completes as an id, and the
//! cluster's node completes after a score; `--offline` knows neither.
//! Against the real one-node cluster (`.ci/start-cluster`); the resource
//! the test makes (`lsp-live-d`, stopped) is removed at the end. Without
//! a cluster the test says so on stderr and passes.

mod support;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

const RSC: &str = "lsp-live-d";
const TEXT: &str =
    "location lsp-l0 lsp-live-d 100: node1\nlocation lsp-l lsp-live-d 100: \ncolocation lsp-c inf: \n";

/// Why the test cannot run here, if it cannot.
fn no_cluster() -> Option<String> {
    match Command::new("crm_mon").arg("-1").output() {
        Err(_) => Some("crm_mon is not installed (Pacemaker's tools are missing)".into()),
        Ok(o) => {
            let s = String::from_utf8_lossy(&o.stdout);
            let dc = s.contains("Current DC: ") && !s.contains("Current DC: NONE");
            (!(o.status.success() && dc))
                .then(|| "no running cluster with a DC (`crm_mon -1`)".into())
        }
    }
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = support::live_crm(&["lsp"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("crm lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut s = Server {
            child,
            stdin,
            stdout,
        };
        s.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
        s.response(1);
        s.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        s
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "the server closed its output"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                len = n.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn response(&mut self, id: i64) -> Value {
        loop {
            let m = self.receive();
            if m["id"] == id {
                return m;
            }
        }
    }

    /// Opens `text`; its diagnostics.
    fn open(&mut self, text: &str) -> Vec<Value> {
        self.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": "file:///live/test.crm", "languageId": "crm", "version": 1, "text": text}}}));
        loop {
            let m = self.receive();
            if m["method"] == "textDocument/publishDiagnostics" {
                return m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    fn complete(&mut self, id: i64, line: u32, character: u32) -> Vec<String> {
        self.send(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/completion", "params": {
            "textDocument": {"uri": "file:///live/test.crm"},
            "position": {"line": line, "character": character}}}),
        );
        let r = self.response(id);
        r["result"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|i| i["label"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn stop(mut self) {
        self.send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown", "params": null}));
        self.response(99);
        self.send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
        let _ = self.child.wait();
    }
}

/// What a server says about [`TEXT`]: the diagnostics of its first line,
/// the completions after the score and after `inf:`.
fn session(args: &[&str]) -> (Vec<Value>, Vec<String>, Vec<String>) {
    let mut s = Server::start(args);
    let diags = s.open(TEXT);
    let first: Vec<Value> = diags
        .into_iter()
        .filter(|d| d["range"]["start"]["line"] == 0)
        .collect();
    let nodes = s.complete(2, 1, "location lsp-l lsp-live-d 100: ".len() as u32);
    let ids = s.complete(3, 2, "colocation lsp-c inf: ".len() as u32);
    s.stop();
    (first, nodes, ids)
}

/// Removes the test's resource and restores `stonith-enabled`, also when
/// an assertion failed.
struct Cleanup {
    stonith: Option<String>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = support::live_crm(&["configure", "delete", RSC]).output();
        let restore: Vec<&str> = match &self.stonith {
            Some(v) => vec!["-t", "crm_config", "-n", "stonith-enabled", "-v", v],
            None => vec!["-t", "crm_config", "-n", "stonith-enabled", "-D"],
        };
        let _ = support::live_tool("crm_attribute", &restore);
    }
}

#[test]
fn the_running_clusters_ids_and_nodes_resolve_and_complete() {
    if let Some(why) = no_cluster() {
        support::skip("lsp_live", &why);
        return;
    }
    // A fresh cluster has no fencing: the commit's crm_verify refuses any
    // resource until STONITH is disabled (as tests/live_cluster.rs does).
    // A killed earlier run (no Drop) may have left the resource behind.
    let _ = support::live_crm(&["configure", "delete", RSC]).output();
    let stonith = support::live_tool(
        "crm_attribute",
        &["-t", "crm_config", "-n", "stonith-enabled", "-G", "-q"],
    );
    let _cleanup = Cleanup {
        stonith: stonith
            .status
            .success()
            .then(|| String::from_utf8_lossy(&stonith.stdout).trim().to_string()),
    };
    let off = support::live_tool(
        "crm_attribute",
        &["-t", "crm_config", "-n", "stonith-enabled", "-v", "false"],
    );
    assert!(off.status.success(), "{}", support::outcome(&off));
    let made = support::live_crm(&[
        "configure",
        "primitive",
        RSC,
        "ocf:pacemaker:Dummy",
        "meta",
        "target-role=Stopped",
    ])
    .output()
    .unwrap();
    assert!(made.status.success(), "{made:?}");

    let (errors, nodes, ids) = session(&[]);
    assert_eq!(errors, Vec::<Value>::new(), "the cluster's {RSC} is known");
    assert!(nodes.contains(&"node1".to_string()), "{nodes:?}");
    assert!(ids.contains(&RSC.to_string()), "{ids:?}");

    let (errors, nodes, ids) = session(&["--offline"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]["message"].as_str().unwrap().contains(RSC),
        "{errors:?}"
    );
    assert!(!nodes.contains(&"node1".to_string()), "{nodes:?}");
    assert!(!ids.contains(&RSC.to_string()), "{ids:?}");
}
