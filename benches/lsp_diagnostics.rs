//! How long `crm lsp` takes from a change of a 5,000-statement file to
//! the diagnostics of that change, measured from outside through its
//! stdio protocol as an editor sees it. Run it with
//! `cargo bench --bench lsp_diagnostics` (release build); it prints the
//! times of each change and their median, for two kinds of change: an
//! existing statement edited, and a new one typed at the end keystroke by
//! keystroke. Nothing is asserted.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

const STATEMENTS: usize = 5_000;
const CHANGES: usize = 20;

/// 2,500 primitives, 1,000 locations, 750 colocations and 750 orders.
fn document() -> String {
    let mut s = String::from("node node1\n");
    let prims = STATEMENTS / 2;
    for i in 0..prims {
        s.push_str(&format!(
            "primitive p{i} ocf:pacemaker:Dummy params state=/run/p{i} op monitor interval=10s timeout=20s\n"
        ));
    }
    for i in 0..STATEMENTS / 5 {
        s.push_str(&format!("location l{i} p{i} 100: node1\n"));
    }
    for i in 0..(STATEMENTS * 3 / 20) {
        s.push_str(&format!(
            "colocation c{i} inf: p{} p{}\n",
            i + 1000,
            i + 1001
        ));
        s.push_str(&format!(
            "order o{i} Mandatory: p{}:start p{}:start\n",
            i + 1700,
            i + 1701
        ));
    }
    s.push_str("property stonith-enabled=false\n");
    s
}

struct Client {
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Client {
    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            if self.stdout.read_line(&mut line).unwrap() == 0 {
                panic!("the server closed its output");
            }
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

    /// Waits for the diagnostics of `version`; how many there were.
    fn diagnostics_of(&mut self, version: i64) -> usize {
        loop {
            let m = self.receive();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
            {
                return m["params"]["diagnostics"].as_array().map_or(0, Vec::len);
            }
        }
    }
}

fn main() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(["lsp", "--offline"])
        .env_remove("CIB_file")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("crm lsp starts");
    let mut c = Client {
        stdin: child.stdin.take().unwrap(),
        stdout: BufReader::new(child.stdout.take().unwrap()),
    };
    c.send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    c.receive();
    c.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let uri = "file:///bench/big.crm";
    let text = document();
    let t = Instant::now();
    c.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "crm", "version": 1, "text": text}}}),
    );
    let n = c.diagnostics_of(1);
    println!(
        "open: {} statements, {} diagnostics in {:.1} ms (first analysis, agents' metadata read)",
        STATEMENTS,
        n,
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut times: Vec<Duration> = Vec::new();
    for k in 0..CHANGES {
        let version = k as i64 + 2;
        // Line 1200 (a primitive): its interval typed anew, every other
        // change a typographic quote that makes it an error.
        let line = 1200 + k;
        let new = if k % 2 == 0 { "11s" } else { "“1s" };
        // The column of `10s` on that line (all ASCII: bytes are units).
        let i = (line - 1).to_string();
        let col = "primitive p ocf:pacemaker:Dummy params state=/run/p op monitor interval=".len()
            + 2 * i.len();
        let t = Instant::now();
        c.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": col},
                "end": {"line": line, "character": col + 3}}, "text": new}]}}),
        );
        let n = c.diagnostics_of(version);
        let d = t.elapsed();
        println!(
            "change {version}: {n} diagnostics in {:.1} ms",
            d.as_secs_f64() * 1e3
        );
        times.push(d);
    }
    report("changing a statement", &mut times);

    // A new statement typed at the end, one keystroke a change: while
    // the line does not parse, the statements are the ones applied
    // before; once it does, they are not.
    let typed = "primitive t1 ocf:pacemaker:Dummy op monitor interval=10s";
    let last = text.lines().count();
    let mut times: Vec<Duration> = Vec::new();
    for (k, ch) in typed.chars().enumerate() {
        let version = (CHANGES + 2 + k) as i64;
        let t = Instant::now();
        c.send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": last, "character": k},
                "end": {"line": last, "character": k}}, "text": ch.to_string()}]}}),
        );
        let n = c.diagnostics_of(version);
        let d = t.elapsed();
        println!(
            "keystroke {version} ({ch:?}): {n} diagnostics in {:.1} ms",
            d.as_secs_f64() * 1e3
        );
        times.push(d);
    }
    report("typing a new statement", &mut times);
    c.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    c.receive();
    c.send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = child.wait();
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let n = times.len();
    println!(
        "diagnostics after {what}, {STATEMENTS} statements: median {:.1} ms, min {:.1} ms, max {:.1} ms ({n} changes)",
        ms(times[n / 2]),
        ms(times[0]),
        ms(times[n - 1])
    );
}
