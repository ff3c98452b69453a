//! `cluster health`: crmsh's health check. Every node reports facts
//! about itself (host, kernel, load, uptime, packages, disks, checksums
//! of the cluster's configuration files); this node compares them, adds
//! the analysis of a `crm report` of the last day, and lists errors and
//! warnings, or says that there are none.

use super::remote::{this_node, Remote};
use super::{Failure, Output};
use crate::cib::process::Call;
use crate::error::{Error, ErrorKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

type R = std::result::Result<(), Failure>;

/// The packages whose versions are compared (crmsh's list).
const PACKAGES: [&str; 20] = [
    "booth",
    "cluster-glue",
    "corosync",
    "crmsh",
    "csync2",
    "drbd",
    "fence-agents",
    "gfs2",
    "gfs2-utils",
    "ha-cluster-bootstrap",
    "haproxy",
    "hawk",
    "libdlm",
    "libqb",
    "ocfs2",
    "ocfs2-tools",
    "pacemaker",
    "pacemaker-mgmt",
    "resource-agents",
    "sbd",
];

/// Without these on some node, the cluster cannot run.
const CORE_PACKAGES: [&str; 3] = ["corosync", "pacemaker", "resource-agents"];

/// Files that must be the same on every node.
const FILES: [&str; 6] = [
    "/etc/csync2/key_hagroup",
    "/etc/csync2/csync2.cfg",
    "/etc/corosync/corosync.conf",
    "/etc/sysconfig/sbd",
    "/etc/sysconfig/SuSEfirewall2",
    "/etc/sysconfig/SuSEfirewall2.d/services/cluster",
];

/// Below this uptime (seconds) a node has just rebooted.
const LOW_UPTIME: f64 = 60.0;
/// Above this 15-minute load average a node is busy.
const HIGH_LOAD: f64 = 1.0;
/// A disk fuller than this (percent) is a warning.
const FULL_DISK: u32 = 90;

/// What one node says about itself.
#[derive(Debug, Serialize, Deserialize, Default)]
pub struct Facts {
    pub hostname: String,
    pub machine: String,
    pub release: String,
    pub distro: String,
    pub uptime: f64,
    pub load15: f64,
    /// package → installed version (None: not installed)
    pub packages: BTreeMap<String, Option<String>>,
    /// mount point → use in percent
    pub disks: Vec<(String, u32)>,
    /// file → sha1 of its content ("" when missing)
    pub files: BTreeMap<String, String>,
}

fn first_line(call: Call) -> String {
    call.run()
        .ok()
        .filter(|o| o.success())
        .map(|o| o.stdout.trim().to_string())
        .unwrap_or_default()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn distro() -> String {
    let text = read("/etc/os-release");
    let field = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .map(|v| v.trim_matches('"').to_string())
    };
    field("PRETTY_NAME")
        .or_else(|| field("NAME"))
        .unwrap_or_else(|| "Unknown".into())
}

/// Installed versions, from dpkg or rpm, whichever this system has.
fn packages() -> BTreeMap<String, Option<String>> {
    let mut found = BTreeMap::new();
    for name in PACKAGES {
        let dpkg = Call::new("dpkg-query")
            .args(["-W", "-f", "${db:Status-Abbrev} ${Version}", name])
            .run();
        let version = match dpkg {
            Ok(o) if o.success() && o.stdout.starts_with("ii") => {
                o.stdout.split_whitespace().nth(1).map(String::from)
            }
            Ok(_) => None,
            Err(_) => Call::new("rpm")
                .args(["-q", "--qf", "%{VERSION}-%{RELEASE}", name])
                .run()
                .ok()
                .filter(|o| o.success())
                .map(|o| o.stdout.trim().to_string()),
        };
        found.insert(name.to_string(), version);
    }
    found
}

fn disks() -> Vec<(String, u32)> {
    let Ok(o) = Call::new("df").args(["-P"]).run() else {
        return Vec::new();
    };
    o.stdout
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let used = f.get(4)?.strip_suffix('%')?.parse().ok()?;
            Some((f.get(5)?.to_string(), used))
        })
        .collect()
}

fn files() -> BTreeMap<String, String> {
    FILES
        .iter()
        .map(|f| {
            let sum = if std::path::Path::new(f).is_file() {
                first_line(Call::new("sha1sum").arg(*f))
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string()
            } else {
                String::new()
            };
            (f.to_string(), sum)
        })
        .collect()
}

/// This node's facts.
pub fn facts() -> Facts {
    let uptime = read("/proc/uptime");
    let load = read("/proc/loadavg");
    Facts {
        hostname: read("/proc/sys/kernel/hostname").trim().to_string(),
        machine: first_line(Call::new("uname").arg("-m")),
        release: first_line(Call::new("uname").arg("-r")),
        distro: distro(),
        uptime: uptime
            .split_whitespace()
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0),
        load15: load
            .split_whitespace()
            .nth(2)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0),
        packages: packages(),
        disks: disks(),
        files: files(),
    }
}

/// `__health_facts`: this node's facts as JSON, for the node asking.
pub fn print_facts(out: &mut Output) -> R {
    let json = serde_json::to_string(&facts()).map_err(|e| {
        Failure::from(Error::new(ErrorKind::Io {
            path: "health facts".into(),
            message: e.to_string(),
        }))
    })?;
    out.print(&json);
    Ok(())
}

fn facts_of(node: &str) -> std::result::Result<Facts, Failure> {
    if node == this_node() {
        return Ok(facts());
    }
    let argv = vec![
        super::cluster::crm_exe(),
        "cluster".to_string(),
        "__health_facts".to_string(),
    ];
    let call = Remote::default().call(node, &argv);
    let o = call.run()?;
    if !o.success() {
        return Err(Error::new(ErrorKind::RemoteFailed {
            node: format!("[{node}]"),
            message: call.failure(&o).to_string(),
        })
        .into());
    }
    serde_json::from_str(o.stdout.trim()).map_err(|e| {
        Error::new(ErrorKind::RemoteFailed {
            node: format!("[{node}]"),
            message: e.to_string(),
        })
        .into()
    })
}

/// Errors and warnings about what the nodes said.
#[derive(Debug, Default, PartialEq)]
pub struct Findings {
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

/// `values`: (node, value) in node order; a warning when they differ.
fn differ(what: &str, values: &[(&str, String)], f: &mut Findings) {
    let first = values.first().map(|(_, v)| v);
    if values.iter().any(|(_, v)| Some(v) != first) {
        let list: Vec<String> = values.iter().map(|(n, v)| format!("{n}: {v}")).collect();
        f.warnings.push(format!("{what}: {}", list.join(", ")));
    }
}

/// crmsh's checks over every node's facts.
pub fn analyse(nodes: &[(String, Facts)]) -> Findings {
    let mut f = Findings::default();
    // package → version → nodes
    let mut versions: BTreeMap<&str, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for (node, info) in nodes {
        if *node != info.hostname {
            f.errors.push(format!(
                "Hostname mismatch: {node} is not {}",
                info.hostname
            ));
        }
        if info.uptime < LOW_UPTIME {
            f.warnings
                .push(format!("{node}: Uptime is low: {}s", info.uptime));
        }
        if info.load15 > HIGH_LOAD {
            f.warnings
                .push(format!("{node}: 15 minute load average is {}", info.load15));
        }
        for (name, version) in &info.packages {
            if let Some(v) = version {
                versions
                    .entry(name)
                    .or_default()
                    .entry(v)
                    .or_default()
                    .push(node);
            }
        }
        for (disk, used) in &info.disks {
            if *used > FULL_DISK {
                f.warnings
                    .push(format!("On {node}, disk {disk} usage is {used}%"));
            }
        }
    }
    for core in CORE_PACKAGES {
        if !versions.contains_key(core) {
            f.errors
                .push(format!("Core package '{core}' not installed on any node"));
        }
    }
    for (name, by_version) in &versions {
        if by_version.len() > 1 {
            let desc: Vec<String> = by_version
                .iter()
                .map(|(v, ns)| format!("{v} ({})", ns.join(", ")))
                .collect();
            f.warnings.push(format!(
                "Package {name}: Versions differ! {}",
                desc.join(", ")
            ));
        }
        for (node, _) in nodes {
            if !by_version.values().any(|ns| ns.contains(&node.as_str())) {
                f.warnings
                    .push(format!("Package '{name}' not installed on host '{node}'"));
            }
        }
    }
    let pick = |get: &dyn Fn(&Facts) -> String| -> Vec<(&str, String)> {
        nodes.iter().map(|(n, i)| (n.as_str(), get(i))).collect()
    };
    differ(
        "Architecture differs",
        &pick(&|i| i.machine.clone()),
        &mut f,
    );
    differ(
        "Kernel release differs",
        &pick(&|i| i.release.clone()),
        &mut f,
    );
    differ("Distribution differs", &pick(&|i| i.distro.clone()), &mut f);
    for file in FILES {
        differ(
            &format!("Files differ: {file}"),
            &pick(&|i| i.files.get(file).cloned().unwrap_or_default()),
            &mut f,
        );
    }
    f
}

/// The analysis of a `crm report` of the last day (crmsh's health runs
/// one too), or why there is none.
fn report_analysis(out: &mut Output) -> std::result::Result<String, Failure> {
    let work = super::report::TempDir::new()?;
    let dest = work.path.join("health-report");
    let from = crate::cli::history_time::Stamp(crate::cli::history_time::Stamp::now().0 - 86_400);
    let o = Call::new(&super::cluster::crm_exe())
        .args(["report", "-f", &from.to_string(), "-d", "-Z"])
        .arg(dest.display().to_string())
        .run()?;
    if !o.success() {
        out.warning(
            &crate::notice::Said::HealthReportFailed {
                detail: o.stderr.trim().to_string(),
            }
            .to_string(),
        );
        return Ok(String::new());
    }
    Ok(std::fs::read_to_string(dest.join("analysis.txt")).unwrap_or_default())
}

/// `health [NODE…]`.
pub fn run(nodes: &[String], out: &mut Output) -> R {
    out.info(&crate::notice::Said::VerifyHealth.to_string());
    out.info(
        &crate::notice::Said::HealthNodes {
            nodes: nodes.join(", "),
        }
        .to_string(),
    );
    let mut facts = Vec::new();
    for node in nodes {
        facts.push((node.clone(), facts_of(node)?));
    }
    out.print("Processing collected information...");
    let analysis = report_analysis(out)?;
    if !analysis.trim().is_empty() {
        out.print(&format!("INFO: Cluster report:\n{}", analysis.trim_end()));
    }
    let found = analyse(&facts);
    for e in &found.errors {
        out.print(&format!("ERROR: {e}"));
    }
    for w in &found.warnings {
        out.print(&format!("WARNING: {w}"));
    }
    if found.errors.is_empty() && found.warnings.is_empty() {
        out.print("No issues found.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str, corosync: &str, conf: &str) -> (String, Facts) {
        let mut packages = BTreeMap::new();
        for p in CORE_PACKAGES {
            packages.insert(p.to_string(), Some("1.0".to_string()));
        }
        packages.insert("corosync".into(), Some(corosync.into()));
        let mut files = BTreeMap::new();
        files.insert("/etc/corosync/corosync.conf".to_string(), conf.to_string());
        (
            name.into(),
            Facts {
                hostname: name.into(),
                machine: "x86_64".into(),
                release: "6.1".into(),
                distro: "Debian".into(),
                uptime: 3600.0,
                load15: 0.2,
                packages,
                disks: vec![("/".into(), 41)],
                files,
            },
        )
    }

    #[test]
    fn a_healthy_cluster_has_no_findings() {
        let f = analyse(&[node("n1", "3.1", "ab"), node("n2", "3.1", "ab")]);
        assert_eq!(f, Findings::default());
    }

    #[test]
    fn differences_between_nodes_are_warnings() {
        let mut n2 = node("n2", "3.0", "cd");
        n2.1.disks.push(("/var".into(), 95));
        n2.1.hostname = "other".into();
        let f = analyse(&[node("n1", "3.1", "ab"), n2]);
        assert_eq!(f.errors, ["Hostname mismatch: n2 is not other"]);
        assert!(f
            .warnings
            .contains(&"Package corosync: Versions differ! 3.0 (n2), 3.1 (n1)".to_string()));
        assert!(f
            .warnings
            .contains(&"Files differ: /etc/corosync/corosync.conf: n1: ab, n2: cd".to_string()));
        assert!(f
            .warnings
            .contains(&"On n2, disk /var usage is 95%".to_string()));
    }
}
