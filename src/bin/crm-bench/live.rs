//! `crm-bench --live`: the same generated configurations against a
//! running cluster, ours beside crmsh and beside the floor — Pacemaker's
//! own tool doing the same write. The cluster's configuration is saved
//! first and put back after every step that changed it (and at the end,
//! also after a failure), so the run leaves the cluster as it found it.
//!
//! Run it under the lock the cluster's users share:
//! `flock /tmp/crm-live.lock crm-bench --live 100 1000`.

use super::term::Term;
use super::{generate, ms};
use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The prefix of every id the benchmark creates.
pub const PREFIX: &str = "cb";

pub struct Options {
    pub sizes: Vec<usize>,
    pub crmsh_max: usize,
    pub runs: usize,
}

/// One size's measurements; `None` = not measured (crmsh past its limit,
/// or a step that failed, which is reported on stderr).
#[derive(Default)]
struct Row {
    n: usize,
    cib_kb: usize,
    load: [Option<Duration>; 3],
    add: [Option<Duration>; 3],
    add_busy: [Option<Duration>; 2],
    busy_rate: f64,
    param: [Option<Duration>; 3],
    status: [Option<Duration>; 3],
    show: [Option<Duration>; 3],
    enter: [Option<Duration>; 2],
    tab: [Option<Duration>; 2],
}

/// One `-w` command: (time, whether the resource had reached its state
/// when the command returned), for ours and for crmsh.
type WaitRow = (String, [Option<(Duration, bool)>; 2]);

pub fn run(opts: &Options, crm: &Path, crmsh: Option<&Path>) -> i32 {
    let Some(orig) = query(&["--query", "--scope", "configuration"]) else {
        // Part of the table CI prints, so on stdout.
        let _ = writeln!(
            std::io::stdout(),
            "crm-bench --live: skipped: no running cluster (`cibadmin --query` failed)"
        );
        return 0;
    };
    let dir = std::env::temp_dir().join(format!("crm-bench-live-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("crm-bench: {}: {e}", dir.display());
        return 1;
    }
    let bench = Bench {
        crm: crm.to_path_buf(),
        crmsh: crmsh.map(Path::to_path_buf),
        orig,
        dir: dir.clone(),
        runs: opts.runs.max(1),
    };
    eprintln!("crm-bench: load average {}", load_average());
    if cfg!(debug_assertions) {
        println!("(a debug build: the times say that it works, not how fast)\n");
    }
    let mut rows = Vec::new();
    for &n in &opts.sizes {
        let with_crmsh = n <= opts.crmsh_max;
        rows.push(bench.size(n, with_crmsh));
        bench.restore();
    }
    let wait = bench.wait();
    bench.restore();
    let _ = std::fs::remove_dir_all(&dir);
    print_tables(&rows, &wait, crmsh.is_some());
    eprintln!("crm-bench: load average {}", load_average());
    0
}

struct Bench {
    crm: PathBuf,
    crmsh: Option<PathBuf>,
    /// The cluster's `<configuration>` as found.
    orig: String,
    dir: PathBuf,
    runs: usize,
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// `cibadmin ARGS`: its stdout when it succeeded.
fn query(args: &[&str]) -> Option<String> {
    let out = Command::new("cibadmin")
        .args(args)
        .env_remove("CIB_file")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A whole process run and timed; `None` (with the reason on stderr)
/// when it failed.
fn timed(bin: &Path, args: &[&str], stdin: Option<&str>) -> Option<Duration> {
    let t = Instant::now();
    let out = exec(bin, args, stdin)?;
    let d = t.elapsed();
    if out.status.success() {
        Some(d)
    } else {
        eprintln!(
            "crm-bench: {} {} failed: {}",
            bin.display(),
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .take(3)
                .collect::<Vec<_>>()
                .join(" / ")
        );
        None
    }
}

fn exec(bin: &Path, args: &[&str], stdin: Option<&str>) -> Option<Output> {
    let mut c = Command::new(bin);
    c.args(args)
        .env_remove("CIB_file")
        .env_remove("CIB_shadow")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().ok()?;
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        let _ = pipe.write_all(text.as_bytes());
    }
    child.wait_with_output().ok()
}

/// `exec` of a query that must answer within `limit`: a `crmadmin` that
/// asked a controller which then restarted can spin forever.
fn exec_bounded(bin: &Path, args: &[&str], limit: Duration) -> Option<Output> {
    let mut child = Command::new(bin)
        .args(args)
        .env_remove("CIB_file")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + limit;
    while child.try_wait().ok()?.is_none() {
        if Instant::now() > deadline {
            eprintln!(
                "crm-bench: {} {} did not answer in {} s; stopped it",
                bin.display(),
                args.join(" "),
                limit.as_secs()
            );
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().ok()
}

fn tool(name: &str) -> PathBuf {
    PathBuf::from(name)
}

/// The fastest of the measured runs.
fn best(runs: impl IntoIterator<Item = Option<Duration>>) -> Option<Duration> {
    runs.into_iter().flatten().min()
}

impl Bench {
    /// Puts the configuration back as found and waits until the DC is idle
    /// (it removes what the deleted resources left in the status).
    fn restore(&self) {
        let ok = exec(
            &tool("cibadmin"),
            &["--replace", "--scope", "configuration", "--xml-pipe"],
            Some(&self.orig),
        )
        .is_some_and(|o| o.status.success());
        if !ok {
            eprintln!("crm-bench: WARNING: could not restore the configuration");
        }
        settle();
    }

    /// The generated configuration for the cluster: no node statements
    /// (the cluster has its own), ids prefixed, maintenance mode on so
    /// the cluster only records status instead of starting thousands of
    /// resources.
    fn input(&self, n: usize) -> (PathBuf, String) {
        let mut text = String::from("property maintenance-mode=true\n");
        text.push_str(&generate(n, PREFIX, false));
        let file = self.dir.join(format!("live-{n}.crm"));
        let _ = std::fs::write(&file, &text);
        // The floor replaces the configuration with what the load makes.
        let base = format!("<cib>{}</cib>", self.orig);
        let xml = Cib::parse(&base)
            .ok()
            .and_then(|mut cib| {
                load_text(&mut cib, &text, Method::Update).ok()?;
                Some(crmtool::xml::to_pretty(cib.configuration()))
            })
            .unwrap_or_default();
        (file, xml)
    }

    fn size(&self, n: usize, with_crmsh: bool) -> Row {
        eprintln!(
            "crm-bench: {n} primitives (load average {})",
            load_average()
        );
        let crmsh = self.crmsh.as_deref().filter(|_| with_crmsh);
        let (file, xml) = self.input(n);
        let file = file.display().to_string();
        let replace = |xml: &str| {
            timed(
                &tool("cibadmin"),
                &["--replace", "--scope", "configuration", "--xml-pipe"],
                Some(xml),
            )
        };
        let mut row = Row {
            n,
            ..Row::default()
        };
        // Loads, each onto the configuration as found.
        let load_args = ["configure", "load", "update", file.as_str()];
        row.load[2] = best((0..self.runs).map(|_| {
            self.restore();
            replace(&xml)
        }));
        row.load[0] = best((0..self.runs).map(|_| {
            self.restore();
            timed(&self.crm, &load_args, None)
        }));
        if let Some(sh) = crmsh {
            self.restore();
            row.load[1] = timed(sh, &load_args, None);
        }
        // The N-resource CIB for the rest.
        self.restore();
        let _ = replace(&xml);
        settle();
        row.cib_kb = query(&["--query"]).map_or(0, |s| s.len() / 1024);
        let one = format!("{PREFIX}one");
        let add_args = [
            "configure",
            "primitive",
            one.as_str(),
            "ocf:pacemaker:Dummy",
        ];
        let one_xml =
            format!(r#"<primitive id="{one}" class="ocf" provider="pacemaker" type="Dummy"/>"#);
        let delete_one = || {
            let _ = exec(
                &tool("cibadmin"),
                &[
                    "--delete",
                    "--xml-text",
                    &format!(r#"<primitive id="{one}"/>"#),
                ],
                None,
            );
        };
        let floor_add = || {
            let q = timed(&tool("cibadmin"), &["--query"], None)?;
            let c = timed(
                &tool("cibadmin"),
                &["--create", "--scope", "resources", "--xml-text", &one_xml],
                None,
            );
            delete_one();
            Some(q + c?)
        };
        let ours_add = || {
            let d = timed(&self.crm, &add_args, None);
            delete_one();
            d
        };
        row.add[2] = best((0..self.runs).map(|_| floor_add()));
        row.add[0] = best((0..self.runs).map(|_| ours_add()));
        if let Some(sh) = crmsh {
            row.add[1] = timed(sh, &add_args, None);
            delete_one();
        }
        // The same while the cluster records status without pause.
        let churn = Churn::start();
        row.add_busy[1] = best((0..self.runs).map(|_| floor_add()));
        row.add_busy[0] = best((0..self.runs).map(|_| ours_add()));
        row.busy_rate = churn.stop();
        // One parameter of one primitive.
        let p0 = format!("{PREFIX}p0");
        let mut k = 0;
        let mut value = || {
            k += 1;
            format!("/run/{PREFIX}-changed-{k}")
        };
        row.param[0] = best((0..self.runs).map(|_| {
            let v = value();
            timed(
                &self.crm,
                &["resource", "param", &p0, "set", "state", &v],
                None,
            )
        }));
        if let Some(sh) = crmsh {
            let v = value();
            row.param[1] = timed(sh, &["resource", "param", &p0, "set", "state", &v], None);
        }
        row.param[2] = best((0..self.runs).map(|_| {
            let v = value();
            timed(
                &tool("crm_resource"),
                &[
                    "--resource",
                    &p0,
                    "--set-parameter",
                    "state",
                    "--parameter-value",
                    &v,
                ],
                None,
            )
        }));
        // Reads.
        row.status[0] = best((0..self.runs).map(|_| timed(&self.crm, &["status"], None)));
        row.status[2] = best((0..self.runs).map(|_| timed(&tool("crm_mon"), &["-1", "-r"], None)));
        row.show[0] = best((0..self.runs).map(|_| timed(&self.crm, &["configure", "show"], None)));
        row.show[2] = best((0..self.runs).map(|_| timed(&tool("cibadmin"), &["--query"], None)));
        if let Some(sh) = crmsh {
            row.status[1] = timed(sh, &["status"], None);
            row.show[1] = timed(sh, &["configure", "show"], None);
        }
        // The shell: the prompt after `configure`, and Tab after a
        // resource id that only one resource has.
        let last = format!("{PREFIX}p{}", n.saturating_sub(1));
        let (enter, tab) = self.shell(&self.crm, &last);
        row.enter[0] = enter;
        row.tab[0] = tab;
        if let Some(sh) = crmsh {
            let (enter, tab) = self.shell(sh, &last);
            row.enter[1] = enter;
            row.tab[1] = tab;
        }
        row
    }

    /// Time to the `configure#` prompt, and to the answer to Tab after
    /// `show ID-but-its-last-character` (best of the runs).
    fn shell(&self, bin: &Path, id: &str) -> (Option<Duration>, Option<Duration>) {
        let Some(mut t) = Term::start(bin, &[]) else {
            eprintln!(
                "crm-bench: cannot start {} in a terminal (is script(1) installed?)",
                bin.display()
            );
            return (None, None);
        };
        let limit = Duration::from_secs(600);
        let _ = t.type_and_wait("", "# ", limit);
        let enter = t.type_and_wait("configure\n", "configure# ", limit);
        let stem = &id[..id.len().saturating_sub(1)];
        let mut tabs = Vec::new();
        for _ in 0..self.runs.max(3) {
            t.send(&format!("show {stem}"));
            let _ = t.type_and_wait("", stem, Duration::from_secs(10));
            tabs.push(t.type_and_answer("\t", Duration::from_secs(60)));
            // Drop the line and wait for a fresh prompt.
            t.send("\x15");
            let _ = t.type_and_wait("\x03", "configure# ", Duration::from_secs(10));
        }
        t.quit();
        (enter, best(tabs))
    }

    /// `-w resource stop` and `-w resource start` of one running Dummy;
    /// ours and crmsh. Each result also says whether the resource had
    /// reached its state when the command returned.
    fn wait(&self) -> Vec<WaitRow> {
        let id = format!("{PREFIX}w");
        let xml = format!(
            r#"<primitive id="{id}" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="{id}-meta_attributes"><nvpair id="{id}-meta_attributes-target-role" name="target-role" value="Started"/></meta_attributes></primitive>"#
        );
        if self
            .orig
            .contains(r#"name="maintenance-mode" value="true""#)
        {
            eprintln!("crm-bench: the cluster is in maintenance mode: -w not measured");
            return Vec::new();
        }
        let created = exec(
            &tool("cibadmin"),
            &["--create", "--scope", "resources", "--xml-text", &xml],
            None,
        )
        .is_some_and(|o| o.status.success());
        if !created {
            eprintln!("crm-bench: could not create {id}: -w not measured");
            return Vec::new();
        }
        settle();
        let running = || {
            exec(
                &tool("crm_resource"),
                &["--locate", "--resource", &id],
                None,
            )
            // crm_resource says "NOT running" on stderr.
            .is_some_and(|o| {
                !String::from_utf8_lossy(&o.stdout).contains("NOT running")
                    && !String::from_utf8_lossy(&o.stderr).contains("NOT running")
            })
        };
        let mut out = Vec::new();
        let tools: Vec<Option<&Path>> = vec![Some(self.crm.as_path()), self.crmsh.as_deref()];
        for action in ["stop", "start"] {
            let mut cells: [Option<(Duration, bool)>; 2] = [None, None];
            for (i, bin) in tools.iter().enumerate() {
                let Some(bin) = bin else { continue };
                let mut best_run: Option<(Duration, bool)> = None;
                for _ in 0..self.runs {
                    // From the other state, settled.
                    let other = if action == "stop" { "start" } else { "stop" };
                    let _ = exec(bin, &["-w", "resource", other, &id], None);
                    settle();
                    let Some(d) = timed(bin, &["-w", "resource", action, &id], None) else {
                        continue;
                    };
                    let reached = running() == (action == "start");
                    if best_run.is_none_or(|(b, _)| d < b) {
                        best_run = Some((d, reached));
                    }
                }
                cells[i] = best_run;
            }
            out.push((format!("`-w resource {action}`"), cells));
        }
        let _ = exec(
            &tool("cibadmin"),
            &[
                "--delete",
                "--xml-text",
                &format!(r#"<primitive id="{id}"/>"#),
            ],
            None,
        );
        settle();
        out
    }
}

/// Waits (up to two minutes) until the DC's controller is idle.
fn settle() {
    let limit = Duration::from_secs(20);
    let deadline = Instant::now() + Duration::from_secs(120);
    // The DC's name from a lookup that succeeded: on a loaded cluster the
    // lookup can time out, and `crmadmin --status` of its error text
    // spins forever.
    let lookup = || {
        exec_bounded(&tool("crmadmin"), &["--dc_lookup", "--quiet"], limit)
            .filter(|o| o.status.success())
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .split_whitespace()
                    .next()
                    .filter(|w| !w.contains(':'))
                    .map(String::from)
            })
    };
    let mut dc = lookup();
    let mut idle_in_a_row = 0;
    while Instant::now() < deadline && idle_in_a_row < 3 {
        let Some(name) = dc.as_deref() else {
            std::thread::sleep(Duration::from_millis(500));
            dc = lookup();
            continue;
        };
        let idle = exec_bounded(&tool("crmadmin"), &["--status", name, "--quiet"], limit)
            .is_some_and(|o| {
                format!(
                    "{}{}",
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                )
                .contains("S_IDLE")
            });
        idle_in_a_row = if idle { idle_in_a_row + 1 } else { 0 };
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A thread writing a transient attribute into the status section as
/// fast as the CIB takes it: what a busy cluster does all the time.
struct Churn {
    stop: Arc<AtomicBool>,
    writes: Arc<AtomicUsize>,
    started: Instant,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Churn {
    fn start() -> Churn {
        let stop = Arc::new(AtomicBool::new(false));
        let writes = Arc::new(AtomicUsize::new(0));
        let node = query(&["--query", "--scope", "status"])
            .and_then(|s| {
                let e = crmtool::xml::parse(&s).ok()?;
                e.child("node_state").and_then(|n| n.id()).map(String::from)
            })
            .unwrap_or_else(|| "1".into());
        let (s, w) = (stop.clone(), writes.clone());
        let thread = std::thread::spawn(move || {
            let mut i = 0u64;
            while !s.load(Ordering::Relaxed) {
                i += 1;
                let xml = format!(
                    r#"<node_state id="{node}"><transient_attributes id="{node}"><instance_attributes id="status-{node}"><nvpair id="status-{node}-{PREFIX}-churn" name="{PREFIX}-churn" value="{i}"/></instance_attributes></transient_attributes></node_state>"#
                );
                if exec(
                    &tool("cibadmin"),
                    &["--modify", "--scope", "status", "--xml-text", &xml],
                    None,
                )
                .is_some_and(|o| o.status.success())
                {
                    w.fetch_add(1, Ordering::Relaxed);
                }
            }
            let _ = exec(
                &tool("cibadmin"),
                &[
                    "--delete",
                    "--xml-text",
                    &format!(r#"<nvpair id="status-{node}-{PREFIX}-churn"/>"#),
                ],
                None,
            );
        });
        Churn {
            stop,
            writes,
            started: Instant::now(),
            thread: Some(thread),
        }
    }

    /// Stops; the status writes per second while it ran.
    fn stop(mut self) -> f64 {
        self.stop.store(true, Ordering::Relaxed);
        let secs = self.started.elapsed().as_secs_f64();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.writes.load(Ordering::Relaxed) as f64 / secs.max(1e-9)
    }
}

fn cell(d: Option<Duration>) -> String {
    d.map_or_else(|| "–".into(), ms)
}

fn ratio(a: Option<Duration>, b: Option<Duration>) -> String {
    match (a, b) {
        (Some(a), Some(b)) => format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64().max(1e-9)),
        _ => "–".into(),
    }
}

fn print_tables(rows: &[Row], wait: &[WaitRow], crmsh: bool) {
    let sh = |d: Option<Duration>| {
        if crmsh {
            cell(d)
        } else {
            "not installed".into()
        }
    };
    println!("| primitives | CIB | load update: crm | crmsh | floor: cibadmin --replace | crm/floor | add one primitive: crm | crmsh | floor: cibadmin --query + --create | crm/floor | add one while status is written: crm | floor | crm/floor | status writes/s | change a parameter: crm | crmsh | floor: crm_resource |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {} KB | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.0} | {} | {} | {} |",
            r.n,
            r.cib_kb,
            cell(r.load[0]),
            sh(r.load[1]),
            cell(r.load[2]),
            ratio(r.load[0], r.load[2]),
            cell(r.add[0]),
            sh(r.add[1]),
            cell(r.add[2]),
            ratio(r.add[0], r.add[2]),
            cell(r.add_busy[0]),
            cell(r.add_busy[1]),
            ratio(r.add_busy[0], r.add_busy[1]),
            r.busy_rate,
            cell(r.param[0]),
            sh(r.param[1]),
            cell(r.param[2]),
        );
    }
    println!();
    println!("| primitives | crm status | crmsh status | floor: crm_mon -1 -r | configure show: crm | crmsh | floor: cibadmin --query | shell, to the configure# prompt: crm | crmsh | Tab after a resource id: crm | crmsh |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.n,
            cell(r.status[0]),
            sh(r.status[1]),
            cell(r.status[2]),
            cell(r.show[0]),
            sh(r.show[1]),
            cell(r.show[2]),
            cell(r.enter[0]),
            sh(r.enter[1]),
            cell(r.tab[0]),
            sh(r.tab[1]),
        );
    }
    if wait.is_empty() {
        return;
    }
    println!();
    println!("| one Dummy | crm | crmsh | crm/crmsh |");
    println!("|---|---|---|---|");
    let w = |c: &Option<(Duration, bool)>| match c {
        Some((d, true)) => ms(*d),
        Some((d, false)) => format!("{} (returned before the resource got there)", ms(*d)),
        None => "–".into(),
    };
    for (what, cells) in wait {
        println!(
            "| {what} | {} | {} | {} |",
            w(&cells[0]),
            if crmsh {
                w(&cells[1])
            } else {
                "not installed".into()
            },
            ratio(cells[0].map(|c| c.0), cells[1].map(|c| c.0))
        );
    }
}
