//! `crm-bench --live`: the same generated configurations against a
//! running cluster, ours beside crmsh and beside the floor — Pacemaker's
//! own tool doing the same write. The cluster's configuration is saved
//! first and put back after every step that changed it (and at the end,
//! also after a failure), so the run leaves the cluster as it found it.
//!
//! Each measurement is one row of one table, printed (and flushed) as
//! soon as it is measured, with the load average beside it: a run at
//! 5,000 primitives takes long, and one that dies half-way still leaves
//! what it measured. Before every timed run the bench waits until the
//! DC is idle, and every command is stopped after a limit, which the
//! row then names instead of a time.
//!
//! Run it under the lock the cluster's users share:
//! `flock /tmp/crm-live.lock crm-bench --live 100 1000`,
//! or inside a private cluster (see the README's Performance section).

use super::exec::{best, exec, timed, Took};
use super::generate;
use super::term::Term;
use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The prefix of every id the benchmark creates.
pub const PREFIX: &str = "cb";

pub struct Options {
    pub sizes: Vec<usize>,
    pub crmsh_max: usize,
    pub runs: usize,
    /// The limit of one command.
    pub limit: Duration,
}

/// One table row: a step at one size, ours, crmsh's and the floor's
/// time. `None` = not measured (crmsh past its limit, no floor).
struct Row<'a> {
    n: &'a str,
    step: &'a str,
    crm: Option<Took>,
    crmsh: Option<Took>,
    floor: Option<Took>,
    floor_name: &'a str,
    note: String,
}

pub fn run(opts: &Options, crm: &Path, crmsh: Option<&Path>) -> i32 {
    let Some(orig) = query(&["--query", "--scope", "configuration"], opts.limit) else {
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
        limit: opts.limit,
        crmsh_installed: crmsh.is_some(),
        failed: std::cell::Cell::new(0),
    };
    if cfg!(debug_assertions) {
        println!("(a debug build: the times say that it works, not how fast)\n");
    }
    println!("| primitives | step | crm | crmsh | floor | crm/floor | crm/crmsh | load average |");
    println!("|---|---|---|---|---|---|---|---|");
    flush();
    for &n in &opts.sizes {
        bench.size(n, n <= opts.crmsh_max);
        bench.restore();
    }
    bench.wait();
    bench.restore();
    let _ = std::fs::remove_dir_all(&dir);
    if bench.failed.get() > 0 {
        eprintln!(
            "crm-bench --live: our crm failed in {} row(s)",
            bench.failed.get()
        );
        return 1;
    }
    0
}

fn flush() {
    let _ = std::io::stdout().flush();
}

struct Bench {
    crm: PathBuf,
    crmsh: Option<PathBuf>,
    /// The cluster's `<configuration>` as found.
    orig: String,
    dir: PathBuf,
    runs: usize,
    limit: Duration,
    crmsh_installed: bool,
    /// Rows where our crm failed: the run exits non-zero then, so that
    /// CI does not pass on a table of failures.
    failed: std::cell::Cell<usize>,
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// `cibadmin ARGS`: its stdout when it succeeded.
fn query(args: &[&str], limit: Duration) -> Option<String> {
    exec(&tool("cibadmin"), args, None, limit)
        .filter(|d| d.ok)
        .map(|d| d.stdout)
}

fn tool(name: &str) -> PathBuf {
    PathBuf::from(name)
}

impl Bench {
    /// One row, printed and flushed now.
    fn print(&self, r: Row) {
        if matches!(r.crm, Some(Took::Failed)) {
            self.failed.set(self.failed.get() + 1);
        }
        let cell = |t: Option<Took>| match t {
            None => "–".to_string(),
            Some(Took::Ok(d)) => format!("{:.1} ms", d.as_secs_f64() * 1000.0),
            Some(Took::Failed) => "failed".into(),
            Some(Took::TimedOut(s)) => format!("stopped after {s} s"),
        };
        let ratio =
            |a: Option<Took>, b: Option<Took>| match (a.and_then(Took::ok), b.and_then(Took::ok)) {
                (Some(a), Some(b)) => {
                    format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64().max(1e-9))
                }
                _ => "–".into(),
            };
        let sh = if self.crmsh_installed {
            cell(r.crmsh)
        } else {
            "not installed".into()
        };
        let floor = match r.floor {
            Some(_) => format!("{} ({})", cell(r.floor), r.floor_name),
            None => "–".into(),
        };
        println!(
            "| {} | {}{} | {} | {} | {} | {} | {} | {} |",
            r.n,
            r.step,
            r.note,
            cell(r.crm),
            sh,
            floor,
            ratio(r.crm, r.floor),
            ratio(r.crm, r.crmsh),
            load_average()
        );
        flush();
    }

    /// Best of the runs of `f`, each after the DC has settled.
    fn runs(&self, mut f: impl FnMut() -> Took) -> Option<Took> {
        best((0..self.runs).map(|_| {
            settle(self.limit);
            f()
        }))
    }

    /// One run of `f` after the DC has settled, if `bin` is there.
    fn once(&self, bin: Option<&Path>, f: impl FnOnce(&Path) -> Took) -> Option<Took> {
        let bin = bin?;
        settle(self.limit);
        Some(f(bin))
    }

    fn cibadmin(&self, args: &[&str], stdin: Option<&str>) -> Took {
        timed(&tool("cibadmin"), args, stdin, self.limit)
    }

    /// Puts the configuration back as found and waits until the DC is idle
    /// (it removes what the deleted resources left in the status).
    fn restore(&self) {
        settle(self.limit);
        let ok = self
            .cibadmin(
                &["--replace", "--scope", "configuration", "--xml-pipe"],
                Some(&self.orig),
            )
            .ok()
            .is_some();
        if !ok {
            eprintln!("crm-bench: WARNING: could not restore the configuration");
        }
        settle(self.limit);
    }

    /// The generated configuration for the cluster: no node statements
    /// (the cluster has its own), ids prefixed, maintenance mode on so
    /// the cluster only records status instead of starting thousands of
    /// resources, and no probes: each load would otherwise make the
    /// cluster probe every new resource (minutes at 1,000, one status
    /// write each), and each restore clean them up again, so waiting
    /// for the DC between steps would measure probing.
    fn input(&self, n: usize) -> (PathBuf, String) {
        // No fencing device either: without stonith-enabled=false every
        // commit on a fresh cluster is refused by crm_verify.
        let mut text = String::from(
            "property maintenance-mode=true enable-startup-probes=false stonith-enabled=false\n",
        );
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

    fn size(&self, n: usize, with_crmsh: bool) {
        eprintln!(
            "crm-bench: {n} primitives (load average {})",
            load_average()
        );
        let ns = n.to_string();
        let ns = ns.as_str();
        let crm = self.crm.as_path();
        let crmsh = self.crmsh.as_deref().filter(|_| with_crmsh);
        let limit = self.limit;
        let (file, xml) = self.input(n);
        let file = file.display().to_string();
        let replace = |xml: &str| {
            self.cibadmin(
                &["--replace", "--scope", "configuration", "--xml-pipe"],
                Some(xml),
            )
        };
        let row = |step, crm, crmsh, floor, floor_name| Row {
            n: ns,
            step,
            crm,
            crmsh,
            floor,
            floor_name,
            note: String::new(),
        };
        // Loads, each onto the configuration as found; ours and crmsh's
        // back to back, then the floor.
        let load_args = ["configure", "load", "update", file.as_str()];
        let mut load = [None, None, None];
        for _ in 0..self.runs {
            self.restore();
            load[0] = best(
                load[0]
                    .into_iter()
                    .chain([timed(crm, &load_args, None, limit)]),
            );
            if let Some(sh) = crmsh.filter(|_| load[1].is_none()) {
                self.restore();
                load[1] = Some(timed(sh, &load_args, None, limit));
            }
            self.restore();
            load[2] = best(load[2].into_iter().chain([replace(&xml)]));
        }
        let [l0, l1, l2] = load;
        self.print(row("load update", l0, l1, l2, "cibadmin --replace"));
        // The N-resource CIB for the rest.
        self.restore();
        let _ = replace(&xml);
        settle(limit);
        let kb = query(&["--query"], limit).map_or(0, |s| s.len() / 1024);
        eprintln!("crm-bench: the CIB holds {kb} KB");
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
            let _ = self.cibadmin(
                &[
                    "--delete",
                    "--xml-text",
                    &format!(r#"<primitive id="{one}"/>"#),
                ],
                None,
            );
        };
        let floor_add = || {
            let q = self.cibadmin(&["--query"], None);
            let c = self.cibadmin(
                &["--create", "--scope", "resources", "--xml-text", &one_xml],
                None,
            );
            delete_one();
            match (q, c) {
                (Took::Ok(q), Took::Ok(c)) => Took::Ok(q + c),
                (Took::Ok(_), bad) | (bad, _) => bad,
            }
        };
        let add = |bin: &Path| {
            let d = timed(bin, &add_args, None, limit);
            delete_one();
            d
        };
        let a0 = self.runs(|| add(crm));
        let a1 = self.once(crmsh, add);
        let a2 = self.runs(floor_add);
        self.print(Row {
            note: format!(" (CIB {kb} KB)"),
            ..row(
                "add one primitive",
                a0,
                a1,
                a2,
                "cibadmin --query + --create",
            )
        });
        // The same while the cluster records status without pause.
        // No waiting for the DC here: each status write makes it run the
        // scheduler, so it is never idle for long while this goes on.
        settle(limit);
        let churn = Churn::start(limit);
        let b0 = best((0..self.runs).map(|_| add(crm)));
        let b1 = crmsh.map(add);
        let b2 = best((0..self.runs).map(|_| floor_add()));
        let rate = churn.stop();
        self.print(Row {
            note: format!(" while status is written ({rate:.0} writes/s)"),
            ..row(
                "add one primitive",
                b0,
                b1,
                b2,
                "cibadmin --query + --create",
            )
        });
        // One parameter of one primitive.
        let p0 = format!("{PREFIX}p0");
        let k = std::cell::Cell::new(0);
        let value = || {
            k.set(k.get() + 1);
            format!("/run/{PREFIX}-changed-{}", k.get())
        };
        let param = |bin: &Path| {
            let v = value();
            timed(
                bin,
                &["resource", "param", &p0, "set", "state", &v],
                None,
                limit,
            )
        };
        let c0 = self.runs(|| param(crm));
        let c1 = self.once(crmsh, param);
        let c2 = self.runs(|| {
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
                limit,
            )
        });
        self.print(row("change a parameter", c0, c1, c2, "crm_resource"));
        // Reads.
        let status = |bin: &Path| timed(bin, &["status"], None, limit);
        let s0 = self.runs(|| status(crm));
        let s1 = self.once(crmsh, status);
        let s2 = self.runs(|| timed(&tool("crm_mon"), &["-1", "-r"], None, limit));
        self.print(row("status", s0, s1, s2, "crm_mon -1 -r"));
        let show = |bin: &Path| timed(bin, &["configure", "show"], None, limit);
        let w0 = self.runs(|| show(crm));
        let w1 = self.once(crmsh, show);
        let w2 = self.runs(|| self.cibadmin(&["--query"], None));
        self.print(row("configure show", w0, w1, w2, "cibadmin --query"));
        // The shell: the prompt after `configure`, and Tab after a
        // resource id that only one resource has.
        let last = format!("{PREFIX}p{}", n.saturating_sub(1));
        settle(limit);
        let (e0, t0) = self.shell(crm, &last);
        let (e1, t1) = match crmsh {
            Some(sh) => {
                settle(limit);
                let (e, t) = self.shell(sh, &last);
                (Some(e), Some(t))
            }
            None => (None, None),
        };
        self.print(row(
            "shell: to the configure# prompt",
            Some(e0),
            e1,
            None,
            "",
        ));
        // How many ids the list shows (11 when N-1 has two digits or
        // more and ends in 9, as at 20, 1,000 and 5,000).
        let stem = &last[..last.len().saturating_sub(1)];
        let listed = (0..n)
            .filter(|i| format!("{PREFIX}p{i}").starts_with(stem))
            .count();
        let tab_step = format!("shell: Tab Tab to the list of {listed} resource ids");
        self.print(row(&tab_step, Some(t0), t1, None, ""));
    }

    fn shell(&self, bin: &Path, id: &str) -> (Took, Took) {
        shell(bin, id, self.runs, self.limit)
    }

    /// `-w resource stop` and `-w resource start` of one running Dummy;
    /// ours and crmsh. A row also says whether the resource had reached
    /// its state when the command returned.
    fn wait(&self) {
        let id = format!("{PREFIX}w");
        let xml = format!(
            r#"<primitive id="{id}" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="{id}-meta_attributes"><nvpair id="{id}-meta_attributes-target-role" name="target-role" value="Started"/></meta_attributes></primitive>"#
        );
        if self
            .orig
            .contains(r#"name="maintenance-mode" value="true""#)
        {
            eprintln!("crm-bench: the cluster is in maintenance mode: -w not measured");
            return;
        }
        // As in the generated configuration: on a cluster without a
        // fencing device nothing starts and every commit is refused. The
        // restore after this step puts the original properties back.
        let _ = exec(
            &tool("crm_attribute"),
            &["-t", "crm_config", "-n", "stonith-enabled", "-v", "false"],
            None,
            self.limit,
        );
        let created = self
            .cibadmin(
                &["--create", "--scope", "resources", "--xml-text", &xml],
                None,
            )
            .ok()
            .is_some();
        if !created {
            eprintln!("crm-bench: could not create {id}: -w not measured");
            return;
        }
        settle(self.limit);
        let running = || {
            exec(
                &tool("crm_resource"),
                &["--locate", "--resource", &id],
                None,
                self.limit,
            )
            // crm_resource says "NOT running" on stderr.
            .is_some_and(|o| !o.stdout.contains("NOT running") && !o.stderr.contains("NOT running"))
        };
        for action in ["stop", "start"] {
            let mut cells: [Option<Took>; 2] = [None, None];
            let mut early = false;
            let tools = [Some(self.crm.as_path()), self.crmsh.as_deref()];
            for (i, bin) in tools.iter().enumerate() {
                let Some(bin) = bin else { continue };
                cells[i] = self.runs(|| {
                    // From the other state, settled.
                    let other = if action == "stop" { "start" } else { "stop" };
                    let _ = exec(bin, &["-w", "resource", other, &id], None, self.limit);
                    settle(self.limit);
                    let d = timed(bin, &["-w", "resource", action, &id], None, self.limit);
                    if d.ok().is_some() && running() != (action == "start") {
                        early = true;
                    }
                    d
                });
            }
            let step = format!("`-w resource {action}` of one Dummy");
            self.print(Row {
                n: "–",
                step: &step,
                crm: cells[0],
                crmsh: cells[1],
                floor: None,
                floor_name: "",
                note: if early {
                    " (a run returned before the resource got there)".into()
                } else {
                    String::new()
                },
            });
        }
        let _ = self.cibadmin(
            &[
                "--delete",
                "--xml-text",
                &format!(r#"<primitive id="{id}"/>"#),
            ],
            None,
        );
        settle(self.limit);
    }
}

/// Waits (up to the limit, at least two minutes) until the DC's
/// controller says S_IDLE three times in a row.
fn settle(limit: Duration) {
    let ask = Duration::from_secs(20);
    let deadline = Instant::now() + limit.max(Duration::from_secs(120));
    // The DC's name from a lookup that succeeded: on a loaded cluster the
    // lookup can time out, and `crmadmin --status` of its error text
    // spins forever.
    let lookup = || {
        exec(&tool("crmadmin"), &["--dc_lookup", "--quiet"], None, ask)
            .filter(|o| o.ok)
            .and_then(|o| {
                o.stdout
                    .split_whitespace()
                    .next()
                    .filter(|w| !w.contains(':'))
                    .map(String::from)
            })
    };
    let mut dc = lookup();
    let mut idle_in_a_row = 0;
    while idle_in_a_row < 3 {
        if Instant::now() > deadline {
            eprintln!(
                "crm-bench: the DC was not idle within {} s; going on",
                limit.max(Duration::from_secs(120)).as_secs()
            );
            return;
        }
        let Some(name) = dc.as_deref() else {
            std::thread::sleep(Duration::from_millis(500));
            dc = lookup();
            continue;
        };
        let idle = exec(&tool("crmadmin"), &["--status", name, "--quiet"], None, ask)
            .is_some_and(|o| format!("{}{}", o.stdout, o.stderr).contains("S_IDLE"));
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
    fn start(limit: Duration) -> Churn {
        let stop = Arc::new(AtomicBool::new(false));
        let writes = Arc::new(AtomicUsize::new(0));
        let node = query(&["--query", "--scope", "status"], limit)
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
                    limit,
                )
                .is_some_and(|o| o.ok)
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
                limit,
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

/// Time to the `configure#` prompt, and from Tab Tab after `show ID`
/// without its last character to the list of candidates on screen
/// (best of the runs).
pub fn shell(bin: &Path, id: &str, runs: usize, limit: Duration) -> (Took, Took) {
    let Some(mut t) = Term::start(bin, &[]) else {
        eprintln!(
            "crm-bench: cannot start {} in a terminal (is script(1) installed?)",
            bin.display()
        );
        return (Took::Failed, Took::Failed);
    };
    let gone = Took::TimedOut(limit.as_secs());
    let _ = t.type_and_wait("", "# ", limit);
    let enter = t
        .type_and_wait("configure\n", "configure# ", limit)
        .map_or(gone, Took::Ok);
    // The id without its last digit: that shorter id and the ten
    // that extend it (`p99`, `p990`..`p999` for `p999`) are the
    // candidates, the answer is their list, and `id` is in it.
    let stem = &id[..id.len().saturating_sub(1)];
    let mut tabs = Vec::new();
    for _ in 0..runs.max(3) {
        tabs.push(
            t.tab(&format!("show {stem}"), id, Duration::from_secs(60))
                .map_or(Took::TimedOut(60), Took::Ok),
        );
        // Drop the line and wait for a fresh prompt.
        t.send("\x15");
        let _ = t.type_and_wait("\x03", "configure# ", Duration::from_secs(10));
    }
    t.quit();
    (enter, best(tabs).unwrap_or(Took::Failed))
}
