//! `crm report`: what happened on every node in a time window, in one
//! archive that `crm history` opens (here or on another machine). Per node:
//! the CIB (`cib.xml`, `cib.txt` as crm text), the pe-inputs of the window
//! (`pengine/`), the log lines of the window (`ha-log.txt`), corosync.conf,
//! `crm_mon.txt`, `members.txt`, `crm_verify.txt`, our own checks
//! (`sanity.txt`), versions (`sysinfo.txt`), the events (`events.txt`).
//! At the top: `description.txt`, `analysis.txt` (what differs between
//! nodes), `events.txt`. Other nodes are reached over ssh (see `remote`);
//! each runs `crm report __collector` and sends its folder back as tar.

use super::history_log::{build, EventKind};
use super::history_time::{log_stamp, Stamp};
use super::remote::{cluster_nodes, this_node, Remote};
use super::{misuse, usage, Failure, Output};
use crate::cib::process::Call;
use crate::error::{Error, ErrorKind, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The options crmsh's report takes that matter here.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub from: Option<Stamp>,
    pub to: Option<Stamp>,
    pub nodes: Vec<String>,
    pub remote: Remote,
    pub single_node: bool,
    pub keep_dir: bool,
    pub replace: bool,
    pub dest: Option<String>,
}

fn parse_options(words: &[&str]) -> std::result::Result<Options, Failure> {
    let mut o = Options::default();
    let mut it = words.iter();
    while let Some(&w) = it.next() {
        let mut value = |flag: &str| {
            it.next().map(|v| v.to_string()).ok_or_else(|| {
                Failure::from(usage(
                    &crate::notice::Misuse::NeedsValue {
                        cmd: "report",
                        flag: flag.to_string(),
                    }
                    .to_string(),
                ))
            })
        };
        match w {
            "-f" => o.from = Some(time(&value("-f")?)?),
            "-t" => o.to = Some(time(&value("-t")?)?),
            "-n" => o
                .nodes
                .extend(value("-n")?.split_whitespace().map(String::from)),
            "-u" => o.remote.user = Some(value("-u")?),
            "-X" => o
                .remote
                .ssh_options
                .extend(value("-X")?.split_whitespace().map(String::from)),
            "-S" => o.single_node = true,
            "-d" => o.keep_dir = true,
            "-Z" => o.replace = true,
            // accepted for crmsh's command lines; nothing to do here
            "-Q" | "-M" | "-D" | "-s" | "-v" => {}
            "-l" | "-e" | "-E" | "-p" | "-L" => {
                value(w)?;
            }
            flag if flag.starts_with('-') => {
                return Err(usage(
                    &crate::notice::Misuse::UnknownOption {
                        cmd: "report",
                        flag: flag.to_string(),
                    }
                    .to_string(),
                )
                .into())
            }
            dest => {
                if o.dest.is_some() {
                    return Err(usage(&crate::notice::Misuse::OneDestination.to_string()).into());
                }
                o.dest = Some(dest.to_string());
            }
        }
    }
    Ok(o)
}

fn time(spec: &str) -> std::result::Result<Stamp, Failure> {
    super::history_time::parse(spec)
        .ok_or_else(|| Error::new(ErrorKind::BadTime { spec: spec.into() }).into())
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// `report [-f FROM] [-t TO] [-n NODES] [-u USER] [-X SSHOPTS] [-S] [-d] [-Z] [DEST]`
pub fn run(words: &[&str], out: &mut Output) -> std::result::Result<(), Failure> {
    if let ["__collector", from, to] = words {
        let (Ok(from), Ok(to)) = (from.parse::<i64>(), to.parse::<i64>()) else {
            return Err(misuse(crate::notice::Misuse::Form {
                usage: "report __collector FROM TO (Unix times)",
            })
            .into());
        };
        return collector(Stamp::from_unix(from), Stamp::from_unix(to));
    }
    let mut o = parse_options(words)?;
    let now = Stamp::now();
    let from = o.from.unwrap_or(Stamp(now.0 - 12 * 3600));
    let to = o.to.unwrap_or(now);
    o.from = Some(from);
    o.to = Some(to);
    let dest = o.dest.clone().unwrap_or_else(|| {
        let (y, m, d, ..) = now.parts();
        format!("crm_report-{y:04}-{m:02}-{d:02}")
    });
    let dest_path = PathBuf::from(&dest);
    let name = dest_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Failure::from(misuse(crate::notice::Misuse::BadDestination)))?;
    let parent = match dest_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let archive = parent.join(format!("{name}.tar.bz2"));
    let final_dir = parent.join(&name);
    for existing in [&archive, &final_dir] {
        if existing.exists() {
            if !o.replace {
                return Err(misuse(crate::notice::Misuse::DestinationExists {
                    path: existing.display().to_string(),
                })
                .into());
            }
            remove(existing);
        }
    }
    let work = TempDir::new()?;
    let top = work.path.join(&name);
    std::fs::create_dir_all(&top).map_err(|e| io(&top, e))?;
    collect_all(&top, &o, out)?;
    if o.keep_dir {
        copy_tree(&top, &final_dir)?;
        out.info(
            &crate::notice::Said::ReportSavedIn {
                path: final_dir.display().to_string(),
            }
            .to_string(),
        );
    } else {
        let call = Call::new("tar")
            .arg("-C")
            .arg(work.path.display().to_string())
            .arg("-cjf")
            .arg(absolute(&archive).display().to_string())
            .arg(&name);
        call.run_ok()?;
        out.info(
            &crate::notice::Said::ReportSavedIn {
                path: archive.display().to_string(),
            }
            .to_string(),
        );
    }
    out.info(
        &crate::notice::Said::ReportTimespan {
            from: from.to_string(),
            to: to.to_string(),
        }
        .to_string(),
    );
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    }
}

fn remove(p: &Path) {
    if p.is_dir() {
        let _ = std::fs::remove_dir_all(p);
    } else {
        let _ = std::fs::remove_file(p);
    }
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| io(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| io(from, e))?.flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| io(&target, e))?;
        }
    }
    Ok(())
}

/// Collects every node into `top` (one folder each) and writes the
/// top-level files. A node that cannot be reached is reported and left out.
pub fn collect_all(top: &Path, o: &Options, out: &mut Output) -> Result<()> {
    let (from, to) = (o.from.unwrap_or(Stamp(0)), o.to.unwrap_or_else(Stamp::now));
    let me = this_node();
    let mut nodes = if o.nodes.is_empty() {
        cluster_nodes()
    } else {
        o.nodes.clone()
    };
    if nodes.is_empty() {
        nodes.push(me.clone());
    }
    if o.single_node {
        nodes.retain(|n| *n == me);
        if nodes.is_empty() {
            nodes.push(me.clone());
        }
    }
    for node in &nodes {
        if *node == me {
            collect_node(&top.join(node), node, from, to)?;
            continue;
        }
        let argv = vec![
            std::env::current_exe()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| "crm".into()),
            "report".into(),
            "__collector".into(),
            from.to_unix().to_string(),
            to.to_unix().to_string(),
        ];
        let call = o.remote.call(node, &argv);
        match call.run_bytes() {
            Ok((Some(0), tar, _)) if !tar.is_empty() => {
                Call::new("tar")
                    .arg("-C")
                    .arg(top.display().to_string())
                    .arg("-xf")
                    .arg("-")
                    .stdin(tar)
                    .run_ok()?;
            }
            Ok((code, _, err)) => out.warning(
                &Error::new(ErrorKind::RemoteFailed {
                    node: node.clone(),
                    message: format!(
                        "{} failed (rc={}): {}",
                        call.describe(),
                        code.map(|c| c.to_string())
                            .unwrap_or_else(|| "signal".into()),
                        err.trim()
                    ),
                })
                .to_string(),
            ),
            Err(e) => out.warning(&e.to_string()),
        }
    }
    write_top(top, &nodes, from, to)
}

/// `report __collector FROM TO`: this node's folder as a tar stream on
/// stdout (what the node collecting the report asked for over ssh).
fn collector(from: Stamp, to: Stamp) -> std::result::Result<(), Failure> {
    let me = this_node();
    let work = TempDir::new()?;
    collect_node(&work.path.join(&me), &me, from, to)?;
    let call = Call::new("tar")
        .arg("-C")
        .arg(work.path.display().to_string())
        .arg("-cf")
        .arg("-")
        .arg(&me);
    let (code, tar, err) = call.run_bytes()?;
    if code != Some(0) {
        return Err(Error::new(ErrorKind::ToolFailed {
            call: call.describe(),
            status: code
                .map(|c| c.to_string())
                .unwrap_or_else(|| "signal".into()),
            stderr: err,
        })
        .into());
    }
    let mut o = std::io::stdout().lock();
    o.write_all(&tar)
        .and_then(|_| o.flush())
        .map_err(|e| Failure::from(io(Path::new("stdout"), e)))
}

fn tool_text(call: Call) -> String {
    match call.run() {
        Ok(o) => {
            let mut t = o.stdout;
            t.push_str(&o.stderr);
            t
        }
        Err(e) => format!("{e}\n"),
    }
}

fn put(dir: &Path, name: &str, text: &str) -> Result<()> {
    let p = dir.join(name);
    std::fs::write(&p, text).map_err(|e| io(&p, e))
}

/// Where Pacemaker logs on this machine (`PCMK_logfile`, else the default).
fn pacemaker_log() -> Option<PathBuf> {
    let mut candidates = Vec::new();
    for conf in ["/etc/sysconfig/pacemaker", "/etc/default/pacemaker"] {
        if let Ok(text) = std::fs::read_to_string(conf) {
            for line in text.lines() {
                if let Some(v) = line.trim().strip_prefix("PCMK_logfile=") {
                    candidates.push(PathBuf::from(v.trim_matches('"')));
                }
            }
        }
    }
    candidates.push("/var/log/pacemaker/pacemaker.log".into());
    candidates.push("/var/log/pacemaker.log".into());
    candidates.push("/var/log/cluster/corosync.log".into());
    candidates.into_iter().find(|p| p.is_file())
}

/// The lines of `path` inside the window; a line without a time stays with
/// the line before it.
fn log_window(path: &Path, from: Stamp, to: Stamp) -> String {
    let Ok(bytes) = std::fs::read(path) else {
        return String::new();
    };
    let year = Stamp::of_file(path).unwrap_or_else(Stamp::now).year();
    let text = String::from_utf8_lossy(&bytes);
    let mut out = String::new();
    let mut keep = false;
    for line in text.lines() {
        if let Some((s, _)) = log_stamp(line, year) {
            keep = s >= from && s <= to;
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Everything one node contributes, into `dir`.
pub fn collect_node(dir: &Path, node: &str, from: Stamp, to: Stamp) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let live = Call::new("cibadmin").arg("-Ql").run();
    let cib_text = match live {
        Ok(o) if o.success() => {
            put(dir, "RUNNING", "")?;
            put(
                dir,
                "crm_mon.txt",
                &tool_text(Call::new("crm_mon").arg("-1"))
                    .lines()
                    .filter(|l| !l.contains("Last updated") && !l.contains("last updated"))
                    .map(|l| format!("{l}\n"))
                    .collect::<String>(),
            )?;
            put(
                dir,
                "members.txt",
                &tool_text(Call::new("crm_node").arg("-p")),
            )?;
            let xml = tool_text(Call::new("crm_mon").args(["-1", "--output-as=xml"]));
            if xml.contains("<current_dc present=\"true\"") && dc_name(&xml) == Some(node) {
                put(dir, "DC", "")?;
            }
            o.stdout
        }
        _ => {
            put(dir, "STOPPED", "")?;
            std::fs::read_to_string("/var/lib/pacemaker/cib/cib.xml").unwrap_or_default()
        }
    };
    if !cib_text.is_empty() {
        put(dir, "cib.xml", &cib_text)?;
        put(
            dir,
            "crm_verify.txt",
            &tool_text(
                Call::new("crm_verify")
                    .arg("-V")
                    .arg("-x")
                    .arg(dir.join("cib.xml").display().to_string())
                    .without_env("CIB_file"),
            ),
        )?;
        match crate::cib::Cib::parse(&cib_text) {
            Ok(cib) => {
                put(dir, "cib.txt", &super::configure::show_text(&cib, None))?;
                let checks = match crate::cib::validate(&cib) {
                    Ok(()) => "OK: the CIB passes crm's schema and reference checks\n".to_string(),
                    Err(e) => format!("{e}\n"),
                };
                put(dir, "sanity.txt", &checks)?;
            }
            Err(e) => put(dir, "sanity.txt", &format!("{e}\n"))?,
        }
    }
    let conf = super::corosync_conf::path();
    if let Ok(text) = std::fs::read_to_string(&conf) {
        put(dir, "corosync.conf", &text)?;
        if let Ok(c) = super::corosync_conf::Conf::parse(&text) {
            if let Some(log) = c.get("logging.logfile").first() {
                put(dir, "corosync.log", &log_window(Path::new(log), from, to))?;
            }
        }
    }
    if let Some(log) = pacemaker_log() {
        let lines = log_window(&log, from, to);
        put(dir, "ha-log.txt", &lines)?;
        put(dir, "events.txt", &events_of(&lines, node))?;
    }
    collect_pe_inputs(dir, from, to)?;
    put(dir, "sysinfo.txt", &sysinfo())?;
    put(dir, "time.txt", &format!("{}\n", Stamp::now()))?;
    Ok(())
}

fn dc_name(xml: &str) -> Option<&str> {
    let at = xml.find("<current_dc ")?;
    let tag = &xml[at..at + xml[at..].find('>')?];
    let v = &tag[tag.find(" name=\"")? + 7..];
    Some(&v[..v.find('"')?])
}

fn collect_pe_inputs(dir: &Path, from: Stamp, to: Stamp) -> Result<()> {
    let pe_dir = Path::new("/var/lib/pacemaker/pengine");
    let Ok(entries) = std::fs::read_dir(pe_dir) else {
        return Ok(());
    };
    let target = dir.join("pengine");
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with("pe-") || name.ends_with(".last") {
            continue;
        }
        let Some(t) = Stamp::of_file(&e.path()) else {
            continue;
        };
        if t < from || t > to {
            continue;
        }
        std::fs::create_dir_all(&target).map_err(|e| io(&target, e))?;
        std::fs::copy(e.path(), target.join(&name)).map_err(|err| io(&e.path(), err))?;
    }
    Ok(())
}

fn events_of(lines: &str, node: &str) -> String {
    let rx: Vec<regex::Regex> = [EventKind::Events, EventKind::Quorum]
        .iter()
        .flat_map(|k| build(*k, 0, &[]))
        .chain(build(EventKind::Node, 0, &[regex::escape(node)]))
        .collect();
    lines
        .lines()
        .filter(|l| rx.iter().any(|r| r.is_match(l)))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn sysinfo() -> String {
    let mut s = String::from("#####Cluster info:\n");
    s.push_str(&tool_text(Call::new("corosync").arg("-v")));
    s.push_str(&tool_text(Call::new("pacemakerd").arg("--version")));
    s.push_str(&format!("crm (crmtool) {}\n", env!("CARGO_PKG_VERSION")));
    s.push_str("\n#####Cluster related packages:\n");
    s.push_str(&tool_text(Call::new("dpkg-query").args([
        "-W",
        "-f",
        "${Package} ${Version}\n",
        "pacemaker",
        "pacemaker-cli-utils",
        "corosync",
        "resource-agents",
        "fence-agents",
        "sbd",
    ])));
    s.push_str("\n#####System info:\n");
    for (label, file) in [
        ("Kernel release", "/proc/sys/kernel/osrelease"),
        ("Host name", "/proc/sys/kernel/hostname"),
    ] {
        if let Ok(v) = std::fs::read_to_string(file) {
            s.push_str(&format!("{label}: {}\n", v.trim()));
        }
    }
    if let Ok(os) = std::fs::read_to_string("/etc/os-release") {
        if let Some(p) = os.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=")) {
            s.push_str(&format!("Distribution: {}\n", p.trim_matches('"')));
        }
    }
    s
}

/// description.txt, analysis.txt and events.txt at the top.
fn write_top(top: &Path, nodes: &[String], from: Stamp, to: Stamp) -> Result<()> {
    put(
        top,
        "description.txt",
        &format!(
            "Date: {}\nBy: crm report (crmtool {})\nPeriod: {from} - {to}\nNodes: {}\n",
            Stamp::now(),
            env!("CARGO_PKG_VERSION"),
            nodes.join(" ")
        ),
    )?;
    let present: Vec<&String> = nodes.iter().filter(|n| top.join(n).is_dir()).collect();
    let mut analysis = String::new();
    for file in [
        "members.txt",
        "crm_mon.txt",
        "corosync.conf",
        "sysinfo.txt",
        "cib.xml",
    ] {
        analysis.push_str(&format!("Diff {file}... "));
        let texts: Vec<(String, String)> = present
            .iter()
            .filter_map(|n| {
                std::fs::read_to_string(top.join(n).join(file))
                    .ok()
                    .map(|t| (n.to_string(), t))
            })
            .collect();
        if texts.is_empty() {
            analysis.push_str(&format!("no {file} :/\n"));
        } else if texts
            .iter()
            .all(|(_, t)| comparable(file, t) == comparable(file, &texts[0].1))
        {
            analysis.push_str("OK\n");
        } else {
            let differ: Vec<String> = texts
                .iter()
                .filter(|(_, t)| comparable(file, t) != comparable(file, &texts[0].1))
                .map(|(n, _)| n.clone())
                .collect();
            analysis.push_str(&format!(
                "{}\n",
                Error::new(ErrorKind::NodesDiffer {
                    what: file.into(),
                    nodes: std::iter::once(texts[0].0.clone()).chain(differ).collect(),
                })
            ));
        }
    }
    for n in &present {
        let v = std::fs::read_to_string(top.join(n).join("crm_verify.txt")).unwrap_or_default();
        if !v.trim().is_empty() {
            analysis.push_str(&format!(
                "\nWARN: crm_verify reported warnings at {n}:\n{v}"
            ));
        }
    }
    put(top, "analysis.txt", &analysis)?;
    let mut events: Vec<String> = present
        .iter()
        .flat_map(|n| {
            std::fs::read_to_string(top.join(n).join("events.txt"))
                .unwrap_or_default()
                .lines()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    events.sort_by_key(|l| log_stamp(l, to.year()).map(|(s, _)| s));
    put(
        top,
        "events.txt",
        &events.iter().map(|l| format!("{l}\n")).collect::<String>(),
    )
}

/// What must be equal on every node: a CIB compares by its configuration
/// (status and version counters move all the time).
fn comparable(file: &str, text: &str) -> String {
    if file != "cib.xml" {
        return text.to_string();
    }
    match crate::cib::Cib::parse(text) {
        Ok(cib) => crate::xml::to_string_compact(cib.configuration()),
        Err(_) => text.to_string(),
    }
}

/// A private working directory, removed when dropped.
pub struct TempDir {
    pub path: PathBuf,
}

impl TempDir {
    pub fn new() -> Result<TempDir> {
        use std::os::unix::fs::DirBuilderExt;
        let base = std::env::temp_dir();
        for attempt in 0..100u32 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let path = base.join(format!(
                "crm-report.{}.{nanos}.{attempt}",
                std::process::id()
            ));
            match std::fs::DirBuilder::new().mode(0o700).create(&path) {
                Ok(()) => return Ok(TempDir { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io(&path, e)),
            }
        }
        Err(io(&base, std::io::Error::other("no free temporary name")))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
