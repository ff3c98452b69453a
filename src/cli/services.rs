//! Starting and stopping corosync and Pacemaker on this node. With systemd
//! running (as crmsh requires) this is `systemctl start|stop|enable|…
//! UNIT.service`. Where no service manager runs (a container, the test
//! cluster's namespaces) the daemons are started directly and stopped with
//! their own tools: `corosync-cfgtool -H` and SIGTERM to pacemakerd,
//! which shuts down its children and stops the resources first.

use crate::cib::process::Call;
use crate::error::{Error, ErrorKind, Result};
use std::path::Path;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Manager {
    Systemd,
    Direct,
}

pub fn manager() -> Manager {
    if Path::new("/run/systemd/system").is_dir() {
        Manager::Systemd
    } else {
        Manager::Direct
    }
}

/// `systemctl VERB NAME.service`
pub fn systemctl(verb: &str, service: &str) -> Call {
    Call::new("systemctl")
        .arg(verb)
        .arg(format!("{service}.service"))
}

/// Processes of this node called `name`: same network and mount namespace
/// as crm (so the daemons of other nodes sharing this kernel, as in the
/// test cluster, are not taken for ours).
pub fn pids_of(name: &str) -> Vec<u32> {
    let ns = |pid: &str, kind: &str| std::fs::read_link(format!("/proc/{pid}/ns/{kind}")).ok();
    let (net, mnt) = (ns("self", "net"), ns("self", "mnt"));
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let pid = e.file_name().to_string_lossy().into_owned();
            let n: u32 = pid.parse().ok()?;
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let zombie = stat
                .rsplit(')')
                .next()
                .is_some_and(|s| s.trim_start().starts_with('Z'));
            (comm.trim() == name && !zombie && ns(&pid, "net") == net && ns(&pid, "mnt") == mnt)
                .then_some(n)
        })
        .collect()
}

pub fn is_active(service: &str) -> bool {
    match manager() {
        Manager::Systemd => systemctl("is-active", service)
            .run()
            .map(|o| o.success())
            .unwrap_or(false),
        Manager::Direct => !pids_of(daemon(service)).is_empty(),
    }
}

/// `enabled`/`disabled` under systemd; without one there is no such state.
pub fn enabled_state(service: &str) -> String {
    match manager() {
        Manager::Systemd => systemctl("is-enabled", service)
            .run()
            .map(|o| o.stdout.trim().to_string())
            .unwrap_or_else(|_| "unknown".into()),
        Manager::Direct => "no-systemd".into(),
    }
}

fn daemon(service: &str) -> &str {
    match service {
        "pacemaker" => "pacemakerd",
        other => other,
    }
}

fn wait_until(secs: u64, mut ok: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    ok()
}

fn timeout(what: &str) -> Error {
    Error::new(ErrorKind::Cib {
        message: format!("{what}: timed out"),
    })
}

/// Starts corosync, then Pacemaker.
pub fn start_cluster() -> Result<()> {
    match manager() {
        Manager::Systemd => {
            systemctl("start", "corosync").run_ok()?;
            systemctl("start", "pacemaker").run_ok()?;
        }
        Manager::Direct => {
            if pids_of("corosync").is_empty() {
                let _ = std::fs::create_dir_all("/var/log/corosync");
                Call::new("corosync")
                    .arg("-f")
                    .spawn_daemon(Path::new("/var/log/corosync/corosync.out"))?;
                let answers = || {
                    Call::new("corosync-cmapctl")
                        .args(["-g", "totem.cluster_name"])
                        .run()
                        .map(|o| o.success())
                        .unwrap_or(false)
                };
                if !wait_until(30, answers) {
                    return Err(timeout("corosync start"));
                }
            }
            if pids_of("pacemakerd").is_empty() {
                let _ = std::fs::create_dir_all("/var/log/pacemaker");
                Call::new("pacemakerd")
                    .spawn_daemon(Path::new("/var/log/pacemaker/pacemakerd.out"))?;
            }
        }
    }
    Ok(())
}

/// Stops Pacemaker (its resources first), then corosync.
pub fn stop_cluster() -> Result<()> {
    match manager() {
        Manager::Systemd => {
            systemctl("stop", "pacemaker").run_ok()?;
            systemctl("stop", "corosync").run_ok()?;
        }
        Manager::Direct => {
            for pid in pids_of("pacemakerd") {
                Call::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .run_ok()?;
            }
            if !wait_until(120, || pids_of("pacemakerd").is_empty()) {
                return Err(timeout("pacemaker stop"));
            }
            if !pids_of("corosync").is_empty() {
                Call::new("corosync-cfgtool")
                    .args(["-H", "--force"])
                    .run_ok()?;
                if !wait_until(30, || pids_of("corosync").is_empty()) {
                    return Err(timeout("corosync stop"));
                }
            }
        }
    }
    Ok(())
}

/// `systemctl enable|disable pacemaker.service` (and corosync's).
pub fn enable(on: bool) -> Result<()> {
    match manager() {
        Manager::Systemd => {
            let verb = if on { "enable" } else { "disable" };
            systemctl(verb, "pacemaker").run_ok()?;
            systemctl(verb, "corosync").run_ok()?;
            Ok(())
        }
        Manager::Direct => Err(Error::new(ErrorKind::ToolMissing {
            tool: "systemd (enable/disable need a service manager)".into(),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn systemd_calls_name_the_units() {
        let c = systemctl("start", "pacemaker");
        assert_eq!(c.describe(), "systemctl start pacemaker.service");
        assert_eq!(
            systemctl("is-enabled", "corosync").describe(),
            "systemctl is-enabled corosync.service"
        );
    }

    #[test]
    fn processes_are_found_in_our_namespaces_only() {
        // this test runs in some process tree: our own name is found, a
        // name nothing has is not
        let me = std::fs::read_to_string("/proc/self/comm").expect("comm");
        assert!(pids_of(me.trim()).contains(&std::process::id()));
        assert!(pids_of("crmtool-no-such-daemon").is_empty());
    }
}
