//! Benchmark: generated configurations of N primitives (with groups,
//! rule-based locations, colocations and orders), timed phase by phase
//! in-process and as whole `crm` runs; crmsh side by side when installed.
//!
//! Usage: crm-bench [--crmsh-max N] [--keep] [N ...]   (default: 1000 10000 50000;
//!        --keep leaves the generated files in the temp directory)
//!        crm-bench --live [--runs R] [--crmsh-max N] [--limit S] [N ...]   (default: 100 1000)
//!        crm-bench --tab SHELL ID [--runs R]   (the shell rows alone, e.g. against CIB_file)
//!
//! crmsh runs only for sizes up to `--crmsh-max` (default 1000): it needs
//! minutes for 10,000 primitives and hours for 50,000. `--live` works on
//! the running cluster (see `live.rs`); `--limit` stops any one command
//! there after S seconds (default 900).

mod exec;
mod live;
mod term;

// The same allocator as `crm`, so in-process figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The flags followed by a number that is not a size.
const VALUE_FLAGS: [&str; 3] = ["--crmsh-max", "--runs", "--limit"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| -> Option<usize> {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
    };
    let crmsh_max = value("--crmsh-max").unwrap_or(1000);
    let sizes: Vec<usize> = args
        .iter()
        .enumerate()
        // Not the value of a flag that takes one (`--live` takes none).
        .filter(|(i, _)| *i == 0 || !VALUE_FLAGS.contains(&args[i - 1].as_str()))
        .filter_map(|(_, a)| a.parse().ok())
        .collect();
    let crm = sibling("crm");
    let crmsh = Path::new("/usr/sbin/crm")
        .exists()
        .then(|| PathBuf::from("/usr/sbin/crm"));
    if let Some(i) = args.iter().position(|a| a == "--tab") {
        // `--tab BIN ID`: the shell rows alone, for any shell and CIB
        // (`CIB_file` is passed on), e.g. to check the timing by hand
        // against a shell whose completion is slowed on purpose.
        let (Some(bin), Some(id)) = (args.get(i + 1), args.get(i + 2)) else {
            eprintln!("crm-bench: --tab needs a shell and a resource id");
            std::process::exit(2);
        };
        let limit = Duration::from_secs(value("--limit").unwrap_or(60) as u64);
        let (enter, tab) = live::shell(Path::new(bin), id, value("--runs").unwrap_or(3), limit);
        println!("configure# prompt: {enter:?}\nTab Tab to the list: {tab:?}");
        return;
    }
    if args.iter().any(|a| a == "--live") {
        let opts = live::Options {
            sizes: if sizes.is_empty() {
                vec![100, 1000]
            } else {
                sizes
            },
            crmsh_max,
            runs: value("--runs").unwrap_or(3),
            limit: Duration::from_secs(value("--limit").unwrap_or(900) as u64),
        };
        std::process::exit(live::run(&opts, &crm, crmsh.as_deref()));
    }
    let sizes = if sizes.is_empty() {
        vec![1000, 10_000, 50_000]
    } else {
        sizes
    };
    let dir = std::env::temp_dir().join(format!("crm-bench-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("crm-bench: {}: {e}", dir.display());
        std::process::exit(1);
    }
    println!(
        "| primitives | parse+compile | validate | validate 1 change (live) | XML read | show | crm load update | crm show | CIB XML | peak RSS (load) | peak RSS (show) | RSS/XML |{}",
        if crmsh.is_some() { " crmsh load | crmsh show | load ratio | show ratio |" } else { "" }
    );
    println!(
        "|---|---|---|---|---|---|---|---|---|---|---|---|{}",
        if crmsh.is_some() {
            "---|---|---|---|"
        } else {
            ""
        }
    );
    for n in sizes {
        let text = generate(n, "", true);
        let file = dir.join(format!("bench-{n}.crm"));
        let _ = std::fs::write(&file, &text);
        let mut cib = Cib::empty("pacemaker-3.9");
        let t = Instant::now();
        if let Err(e) = load_text(&mut cib, &text, Method::Update) {
            eprintln!("crm-bench: generated input refused: {e}");
            std::process::exit(1);
        }
        let compile = t.elapsed();
        let (validate, validate_one) = validation(&cib);
        let xml = cib.to_xml();
        let t = Instant::now();
        let read = Cib::parse(&xml).map(|_| t.elapsed()).unwrap_or_default();
        let t = Instant::now();
        let shown = crmtool::cli::show_text(&cib, None);
        let show = t.elapsed();
        drop(shown);
        let cib_file = dir.join(format!("cib-{n}.xml"));
        // Best of five for ours (a run is short and noisy); crmsh once.
        let (load_p, rss) = best_of(5, || {
            run(
                &crm,
                &cib_file,
                &[
                    "-F",
                    "configure",
                    "load",
                    "update",
                    &file.display().to_string(),
                ],
                true,
            )
        });
        let (show_p, show_rss) = best_of(5, || run(&crm, &cib_file, &["configure", "show"], false));
        // The memory goal is relative to the document written and
        // read, so the table shows the file beside the peaks.
        let xml_kb = std::fs::metadata(&cib_file).map_or(0, |m| m.len() / 1024);
        let mut row = format!(
            "| {n} | {} | {} | {} | {} | {} | {} | {} | {} | {} MB | {} MB | {:.1}× |",
            ms(compile),
            validate,
            validate_one,
            ms(read),
            ms(show),
            ms(load_p),
            ms(show_p),
            size(xml_kb),
            rss / 1024,
            show_rss / 1024,
            rss.max(show_rss) as f64 / xml_kb.max(1) as f64
        );
        if let Some(sh) = crmsh.as_ref().filter(|_| n <= crmsh_max) {
            let sh_file = dir.join(format!("crmsh-{n}.xml"));
            let (l, _) = run(
                sh,
                &sh_file,
                &[
                    "-F",
                    "configure",
                    "load",
                    "update",
                    &file.display().to_string(),
                ],
                true,
            );
            let (s, _) = run(sh, &sh_file, &["configure", "show"], false);
            row.push_str(&format!(
                " {} | {} | {:.0}× | {:.0}× |",
                ms(l),
                ms(s),
                l.as_secs_f64() / load_p.as_secs_f64().max(1e-9),
                s.as_secs_f64() / show_p.as_secs_f64().max(1e-9)
            ));
        }
        if crmsh.is_some() && n > crmsh_max {
            row.push_str(" – | – | – | – |");
        }
        println!("{row}");
    }
    startup(&crm, &dir);
    // `--keep` leaves the generated .crm and CIB files for profiling.
    if args.iter().any(|a| a == "--keep") {
        println!("\n(files kept in {})", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// A size in KB as the table prints it (MB from 10 MB on).
fn size(kb: u64) -> String {
    if kb >= 10 * 1024 {
        format!("{:.1} MB", kb as f64 / 1024.0)
    } else {
        format!("{kb} KB")
    }
}

/// The commit check of the whole CIB (a file commit), and of a live
/// commit that changed one primitive (the rest was validated by
/// Pacemaker); "skipped" without Pacemaker's schema files.
fn validation(cib: &Cib) -> (String, String) {
    use crmtool::schema::{check_commit, Baseline, Coverage};
    let t = Instant::now();
    let full = match check_commit(cib, None) {
        Ok(c) if c.coverage == Coverage::Full => ms(t.elapsed()),
        Ok(_) => return ("skipped".into(), "skipped".into()),
        Err(e) => {
            eprintln!("crm-bench: generated CIB refused: {e}");
            std::process::exit(1);
        }
    };
    let mut changed = cib.clone();
    // The first primitive, inside its group.
    let resources = changed.section_mut("resources");
    if let Some(g) = resources.elements_mut().next() {
        if g.name == "primitive" {
            g.set("description", "changed");
        } else if let Some(p) = g.elements_mut().find(|e| e.name == "primitive") {
            p.set("description", "changed");
        }
    }
    let baseline = Baseline {
        cib,
        validated: true,
    };
    let t = Instant::now();
    let one = match check_commit(&changed, Some(baseline)) {
        Ok(_) => ms(t.elapsed()),
        Err(e) => format!("refused: {e}"),
    };
    (full, one)
}

/// `crm --version` and `crm configure show` of a small CIB: best of 20.
fn startup(crm: &Path, dir: &Path) {
    let cib = dir.join("small.xml");
    let small = dir.join("small.crm");
    let _ = std::fs::write(&small, generate(5, "", true));
    run(
        crm,
        &cib,
        &[
            "-F",
            "configure",
            "load",
            "update",
            &small.display().to_string(),
        ],
        true,
    );
    let best = |args: &[&str]| {
        (0..20)
            .map(|_| {
                let t = Instant::now();
                let _ = Command::new(crm).args(args).env("CIB_file", &cib).output();
                t.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    println!();
    println!("| start-up | best of 20 |");
    println!("|---|---|");
    println!("| crm --version | {} |", ms(best(&["--version"])));
    println!(
        "| crm configure show (5 primitives) | {} |",
        ms(best(&["configure", "show"]))
    );
}

/// The fastest of `n` runs, with the peak RSS of that run.
fn best_of(n: usize, mut f: impl FnMut() -> (Duration, u64)) -> (Duration, u64) {
    (0..n)
        .map(|_| f())
        .min_by_key(|(d, _)| *d)
        .unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The `crm` binary next to this one.
fn sibling(name: &str) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join(name)))
        .unwrap_or_else(|| PathBuf::from(name))
}

/// Runs a whole process with `CIB_file`; returns its time and peak RSS (KB).
fn run(bin: &Path, cib: &Path, args: &[&str], fresh: bool) -> (Duration, u64) {
    if fresh {
        let _ = std::fs::remove_file(cib);
        let _ = std::fs::write(cib, Cib::empty("pacemaker-3.9").to_xml());
    }
    let t = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg(bin)
        .args(args)
        .env("CIB_file", cib)
        .output()
        .or_else(|_| Command::new(bin).args(args).env("CIB_file", cib).output());
    let elapsed = t.elapsed();
    let rss = out
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .last()
                .and_then(|l| l.trim().parse().ok())
        })
        .unwrap_or(0);
    (elapsed, rss)
}

/// N primitives in groups of five, each group with a rule-based location,
/// and a colocation and an order between neighbouring groups. Ids start
/// with `prefix`; `nodes` adds two node statements and
/// `stonith-enabled=false` (an offline CIB has no nodes of its own).
pub fn generate(n: usize, prefix: &str, nodes: bool) -> String {
    let p = prefix;
    let mut s = String::new();
    if nodes {
        s.push_str("node node1\nnode node2\nproperty stonith-enabled=false\n");
    }
    for i in 0..n {
        s.push_str(&format!(
            "primitive {p}p{i} ocf:pacemaker:Dummy \\\n\tparams state=/run/{p}p{i} \\\n\top monitor interval=10s timeout=20s\n"
        ));
    }
    let groups = n / 5;
    for g in 0..groups {
        let members: Vec<String> = (0..5).map(|j| format!("{p}p{}", g * 5 + j)).collect();
        s.push_str(&format!("group {p}g{g} {}\n", members.join(" ")));
        s.push_str(&format!(
            "location {p}l{g} {p}g{g} \\\n\trule 100: #uname eq node{} \\\n\trule -inf: not_defined pingd or pingd lte 0\n",
            g % 2 + 1
        ));
    }
    for g in 1..groups {
        s.push_str(&format!(
            "colocation {p}c{g} inf: {p}g{g} {p}g{}\norder {p}o{g} Mandatory: {p}g{} {p}g{g}\n",
            g - 1,
            g - 1
        ));
    }
    s
}
