//! The checks against agent and Pacemaker metadata, case by case against
//! what crmsh 4.4 did with the same input on this machine's agents
//! (`tests/cases/agent_checks/NAME.expected`, written by `regen.sh` from
//! crmsh itself): the same ERROR and WARNING lines, the same exit status
//! and the same effect on the CIB, without `-F` and with it.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

const CRM: &str = env!("CARGO_BIN_EXE_crm");

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/agent_checks")
}

/// Why the expected answers cannot hold here, if they cannot: they come
/// from this machine's resource-agents and Pacemaker.
fn missing_agents() -> Option<&'static str> {
    let ok = |agent: &str| {
        Command::new("crm_resource")
            .args(["--show-metadata", agent])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !ok("ocf:heartbeat:IPaddr2") {
        return Some("resource-agents (ocf:heartbeat:IPaddr2) or crm_resource is not installed");
    }
    if !ok("ocf:pacemaker:Dummy") || !ok("stonith:fence_ipmilan") {
        return Some("Pacemaker's agents or fence-agents are not installed");
    }
    None
}

struct Expected {
    rc: i32,
    committed: bool,
    lines: Vec<String>,
}

/// `[no-force] rc=1 not-committed` then the lines, then `[force] …`.
fn expected(text: &str) -> Vec<(String, Expected)> {
    let mut out: Vec<(String, Expected)> = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if let Some(head) = line.strip_prefix('[') {
            let (mode, rest) = head.split_once("] ").expect("a mode line");
            let mut words = rest.split_whitespace();
            let rc = words
                .next()
                .and_then(|w| w.strip_prefix("rc="))
                .and_then(|n| n.parse().ok())
                .expect("rc=N");
            let committed = words.next() == Some("committed");
            out.push((
                mode.to_string(),
                Expected {
                    rc,
                    committed,
                    lines: Vec::new(),
                },
            ));
        } else if let Some((_, e)) = out.last_mut() {
            e.lines.push(line.to_string());
        }
    }
    out
}

fn crm(dir: &Path, cib: &Path, args: &[&str]) -> std::process::Output {
    Command::new(CRM)
        .args(args)
        .env("CIB_file", cib)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()
        .expect("crm runs")
}

#[test]
fn checks_agree_with_crmsh() {
    if let Some(why) = missing_agents() {
        support::skip("checks_agree_with_crmsh", why);
        return;
    }
    let cases = cases_dir();
    let dir = tempfile::tempdir().expect("tempdir");
    let base = dir.path().join("base.xml");
    let o = crm(
        dir.path(),
        &base,
        &[
            "configure",
            "load",
            "update",
            &cases.join("base.crm").display().to_string(),
        ],
    );
    assert!(
        o.status.success(),
        "base: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&cases)
        .expect("cases")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".expected").map(String::from))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "only {} cases", names.len());
    let mut failures = Vec::new();
    let mut checked = 0;
    for name in &names {
        let text =
            std::fs::read_to_string(cases.join(format!("{name}.expected"))).expect("expected");
        let input = cases.join(format!("{name}.crm")).display().to_string();
        for (mode, want) in expected(&text) {
            let cib = dir.path().join(format!("{name}-{mode}.xml"));
            std::fs::copy(&base, &cib).expect("copy");
            let before = std::fs::read(&cib).expect("read");
            let mut args = vec!["configure", "load", "update", input.as_str()];
            if mode == "force" {
                args.insert(0, "-F");
            }
            let o = crm(dir.path(), &cib, &args);
            let committed = std::fs::read(&cib).expect("read") != before;
            let stderr = String::from_utf8_lossy(&o.stderr);
            let mut lines: Vec<String> = stderr
                .lines()
                .filter(|l| l.starts_with("ERROR: ") || l.starts_with("WARNING: "))
                // Our own last word on a refused commit; crmsh says nothing.
                .filter(|l| !l.ends_with("nothing was committed"))
                .map(String::from)
                .collect();
            lines.sort();
            lines.dedup();
            let rc = o.status.code().unwrap_or(-1);
            if rc != want.rc || committed != want.committed || lines != want.lines {
                failures.push(format!(
                    "{name} [{mode}]: crmsh rc={} committed={} {:?}\n    ours rc={rc} committed={committed} {lines:?}\n{stderr}",
                    want.rc, want.committed, want.lines
                ));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{checked} runs agree with crmsh");
}

#[test]
fn an_agent_not_installed_here_is_said_once_and_not_refused() {
    if let Some(why) = missing_agents() {
        support::skip(
            "an_agent_not_installed_here_is_said_once_and_not_refused",
            why,
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let file = dir.path().join("drbd.crm");
    // No machine here has the linbit provider: offline work for another.
    std::fs::write(
        &file,
        "property stonith-enabled=false\nprimitive d1 ocf:linbit:drbd params drbd_resource=r0\nprimitive d2 ocf:linbit:drbd params drbd_resource=r1\n",
    )
    .expect("written");
    if Path::new("/usr/lib/ocf/resource.d/linbit").exists() {
        support::skip(
            "an_agent_not_installed_here_is_said_once_and_not_refused",
            "drbd's agent is installed here",
        );
        return;
    }
    let o = crm(
        dir.path(),
        &cib,
        &["configure", "load", "update", &file.display().to_string()],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert_eq!(
        stderr
            .matches("ocf:linbit:drbd is not installed on this machine")
            .count(),
        1,
        "{stderr}"
    );
    assert!(std::fs::read_to_string(&cib)
        .expect("cib")
        .contains("drbd_resource"));
}

#[test]
fn metadata_is_cached_on_disk_by_agent_version() {
    if let Some(why) = missing_agents() {
        support::skip("metadata_is_cached_on_disk_by_agent_version", why);
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let o = crm(
        dir.path(),
        &cib,
        &[
            "configure",
            "primitive",
            "ip",
            "ocf:heartbeat:IPaddr2",
            "params",
            "ip=192.0.2.7",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cached = dir
        .path()
        .join("cache/crm/metadata/agent-ocf_heartbeat_IPaddr2.xml");
    let text = std::fs::read_to_string(&cached).expect("metadata cached");
    assert!(text.starts_with("<!-- crm metadata cache: "), "{text}");
    assert!(text.contains("<resource-agent"), "{text}");
}
