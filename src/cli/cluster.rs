//! The `cluster` level: the cluster's services on this node or on all
//! (`--all`, or node names; other nodes over ssh as crmsh does), a command
//! or a file across the nodes, and bootstrapping (`init`, `join`,
//! `remove`, `rename`).

use super::corosync_conf::{self, Conf};
use super::remote::{cluster_nodes, this_node, Remote};
use super::services;
use super::{misuse, usage, Failure, Output};
use crate::cib::process::Call;
use crate::error::{Error, ErrorKind};
use std::path::Path;
use std::time::{Duration, Instant};

type R = std::result::Result<(), Failure>;

const AUTHKEY: &str = "/etc/corosync/authkey";

/// `--all` → every node; names → those; nothing → this node.
fn targets(args: &[&str]) -> Vec<String> {
    if args.contains(&"--all") || args.contains(&"-a") {
        let nodes = cluster_nodes();
        if !nodes.is_empty() {
            return nodes;
        }
    }
    let named: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(|a| a.to_string())
        .collect();
    if named.is_empty() {
        vec![this_node()]
    } else {
        named
    }
}

/// Writes a file other programs read (corosync.conf, authkey) safely.
pub(super) fn save(path: &Path, bytes: &[u8], mode: u32) -> R {
    crate::safe_file::write(path, bytes, mode).map_err(|e| Failure::from(Error::file(path, e)))
}

pub(super) fn crm_exe() -> String {
    std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "crm".into())
}

/// Runs `crm cluster WORDS…` on `node` (here, in this process, for this node).
fn on_node(node: &str, words: &[&str], out: &mut Output) -> R {
    if node == this_node() {
        return run(words, out);
    }
    let mut argv = vec![crm_exe(), "cluster".to_string()];
    argv.extend(words.iter().map(|w| w.to_string()));
    let call = Remote::default().call(node, &argv);
    let o = call.run()?;
    if !o.stderr.trim().is_empty() {
        out.progress(&o.stderr);
    }
    if !o.success() {
        return Err(Error::new(ErrorKind::RemoteFailed {
            node: node.into(),
            message: call.failure(&o).to_string(),
        })
        .into());
    }
    if !o.stdout.is_empty() {
        out.print(&o.stdout);
    }
    Ok(())
}

pub fn run(words: &[&str], out: &mut Output) -> R {
    match words {
        ["start", rest @ ..] => each(rest, "start", out),
        ["stop", rest @ ..] => each(rest, "stop", out),
        ["restart", rest @ ..] => {
            each(rest, "stop", out)?;
            each(rest, "start", out)
        }
        ["enable", rest @ ..] => each(rest, "enable", out),
        ["disable", rest @ ..] => each(rest, "disable", out),
        ["__local", action] => local(action, out),
        ["status"] => status(out),
        ["wait_for_startup"] => wait_for_startup("10", out),
        ["wait_for_startup", t] => wait_for_startup(t, out),
        ["run", cmd, nodes @ ..] => run_everywhere(cmd, nodes, out),
        ["health", nodes @ ..] => health(nodes, out),
        ["copy", file, nodes @ ..] => copy(file, nodes, out),
        ["diff", file, nodes @ ..] => diff(file, nodes, out),
        ["__receive", path, mode] => receive(path, mode),
        ["__health_facts"] => super::cluster_health::print_facts(out),
        ["__pubkey", user] => super::cluster_ssh::print_public_key(user, out),
        ["__authorize", user] => super::cluster_ssh::authorize_from_stdin(user),
        ["init", rest @ ..] => init(rest, out),
        ["join", rest @ ..] => join(rest, out),
        ["remove", rest @ ..] => remove(rest, out),
        ["rename", name] => rename(name, out),
        [cmd, ..] => Err(usage(
            &crate::notice::Misuse::WrongArguments {
                level: "cluster",
                cmd: cmd.to_string(),
                commands: super::levels::Level::Cluster.commands().join(", "),
            }
            .to_string(),
        )
        .into()),
        [] => Err(usage(
            &crate::notice::Misuse::GiveCommandOf {
                level: "cluster",
                some: "start, stop, status",
            }
            .to_string(),
        )
        .into()),
    }
}

fn each(args: &[&str], action: &str, out: &mut Output) -> R {
    for node in targets(args) {
        on_node(&node, &["__local", action], out)?;
    }
    Ok(())
}

/// One action on this node; the messages are crmsh's.
fn local(action: &str, out: &mut Output) -> R {
    let node = this_node();
    let up = services::is_active("corosync") && services::is_active("pacemaker");
    use crate::notice::ServicesDid;
    let did = match action {
        "start" if up => ServicesDid::AlreadyStarted,
        "start" => {
            services::start_cluster()?;
            ServicesDid::Started
        }
        "stop" if !services::is_active("corosync") && !services::is_active("pacemaker") => {
            ServicesDid::AlreadyStopped
        }
        "stop" => {
            services::stop_cluster()?;
            ServicesDid::Stopped
        }
        "enable" | "disable" => {
            services::enable(action == "enable")?;
            if action == "enable" {
                ServicesDid::Enabled
            } else {
                ServicesDid::Disabled
            }
        }
        other => {
            return Err(misuse(crate::notice::Misuse::UnknownAction {
                cmd: "cluster",
                action: other.to_string(),
            })
            .into())
        }
    };
    out.info(&crate::notice::Said::Services { node, did }.to_string());
    Ok(())
}

fn status(out: &mut Output) -> R {
    let name = if services::is_active("corosync") {
        Call::new("corosync-cmapctl")
            .args(["-g", "totem.cluster_name"])
            .run()
            .ok()
            .and_then(|o| o.stdout.rsplit(" = ").next().map(|v| v.trim().to_string()))
    } else {
        std::fs::read_to_string(corosync_conf::path())
            .ok()
            .and_then(|t| Conf::parse(&t).ok())
            .and_then(|c| c.get("totem.cluster_name").first().cloned())
    };
    let mut text = format!(
        "Name: {}\n\nServices:\n",
        name.unwrap_or_else(|| "None".into())
    );
    for svc in ["corosync", "pacemaker"] {
        let active = if services::is_active(svc) {
            "active"
        } else {
            "inactive"
        };
        text.push_str(&format!(
            "{svc:<16} {}/{active}\n",
            services::enabled_state(svc)
        ));
    }
    match Call::new("corosync-cfgtool").arg("-s").run() {
        Ok(o) if o.success() => text.push_str(&format!("\n{}", o.stdout)),
        _ => text.push_str("Failed to get corosync status\n"),
    }
    out.print(&text);
    Ok(())
}

fn wait_for_startup(secs: &str, out: &mut Output) -> R {
    let Ok(secs) = secs.parse::<f64>() else {
        return Err(usage(
            &crate::notice::Misuse::NotSeconds {
                cmd: "wait_for_startup",
                value: secs.to_string(),
            }
            .to_string(),
        )
        .into());
    };
    let deadline = Instant::now() + Duration::from_secs_f64(secs.max(0.0));
    loop {
        let o = Call::new("crm_mon").args(["-bD1"]).run()?;
        if o.success() {
            return Ok(());
        }
        if Instant::now() >= deadline || !matches!(o.code, Some(107 | 64 | 102 | 69)) {
            out.progress(&o.stderr);
            return Err(Error::new(ErrorKind::Cib {
                message: format!("Timed out waiting for cluster (rc = {})", o.status()),
            })
            .into());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// The words of a command line: split at blanks, quotes group (no shell:
/// `sh -c '…'` when pipes or variables are wanted).
fn split_command(cmd: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in cmd.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() || any {
                    words.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() || any {
        words.push(cur);
    }
    words
}

fn all_or(nodes: &[&str]) -> Vec<String> {
    if nodes.is_empty() {
        let all = cluster_nodes();
        if all.is_empty() {
            vec![this_node()]
        } else {
            all
        }
    } else {
        nodes.iter().map(|n| n.to_string()).collect()
    }
}

/// `run CMD [NODE…]`: on every node (this one too), `[node]` then output.
fn run_everywhere(cmd: &str, nodes: &[&str], out: &mut Output) -> R {
    let argv = split_command(cmd);
    if argv.is_empty() {
        return Err(misuse(crate::notice::Misuse::NoCommand {
            cmd: "cluster run".into(),
        })
        .into());
    }
    let me = this_node();
    let mut failed = false;
    for node in all_or(nodes) {
        let call = if node == me {
            Call::new(&argv[0]).args(argv[1..].iter().cloned())
        } else {
            Remote::default().call(&node, &argv)
        };
        match call.run() {
            Ok(o) if o.success() => {
                if o.stdout.is_empty() {
                    out.info(&format!("[{node}]"));
                } else {
                    out.info(&format!("[{node}]\n{}", o.stdout.trim_end()));
                }
            }
            Ok(o) => {
                failed = true;
                out.report(&Failure::from(Error::new(ErrorKind::RemoteFailed {
                    node: format!("[{node}]"),
                    message: format!("rc={}\n{}\n{}", o.status(), o.stdout, o.stderr),
                })));
            }
            Err(e) => {
                failed = true;
                out.report(&Failure::from(Error::new(ErrorKind::RemoteFailed {
                    node: format!("[{node}]"),
                    message: e.to_string(),
                })));
            }
        }
    }
    if failed {
        return Err(Error::new(ErrorKind::RemoteFailed {
            node: "cluster run".into(),
            message: "failed on some nodes (see above)".into(),
        })
        .into());
    }
    Ok(())
}

/// crmsh's health check over every node (or those named).
fn health(nodes: &[&str], out: &mut Output) -> R {
    super::cluster_health::run(&all_or(nodes), out)
}

fn others(nodes: &[&str]) -> Vec<String> {
    let me = this_node();
    all_or(nodes).into_iter().filter(|n| *n != me).collect()
}

/// `copy FILE [NODE…]`: the file to the same path on the other nodes.
fn copy(file: &str, nodes: &[&str], out: &mut Output) -> R {
    use std::os::unix::fs::PermissionsExt;
    let path = std::fs::canonicalize(file).map_err(|e| {
        Failure::from(Error::new(ErrorKind::Io {
            path: file.into(),
            message: e.to_string(),
        }))
    })?;
    let meta = std::fs::metadata(&path).map_err(|e| {
        Failure::from(Error::new(ErrorKind::Io {
            path: file.into(),
            message: e.to_string(),
        }))
    })?;
    let bytes = std::fs::read(&path).map_err(|e| {
        Failure::from(Error::new(ErrorKind::Io {
            path: file.into(),
            message: e.to_string(),
        }))
    })?;
    let mode = format!("{:o}", meta.permissions().mode() & 0o7777);
    for node in others(nodes) {
        let argv = vec![
            crm_exe(),
            "cluster".into(),
            "__receive".into(),
            path.display().to_string(),
            mode.clone(),
        ];
        let call = Remote::default().call(&node, &argv).stdin(bytes.clone());
        let o = call.run()?;
        if !o.success() {
            return Err(Error::new(ErrorKind::RemoteFailed {
                node,
                message: call.failure(&o).to_string(),
            })
            .into());
        }
        out.info(
            &crate::notice::Said::FileCopied {
                path: path.display().to_string(),
                node,
            }
            .to_string(),
        );
    }
    Ok(())
}

/// The receiving end of `copy`: stdin to PATH (atomically), mode MODE.
fn receive(path: &str, mode: &str) -> R {
    use std::io::Read;
    let mode = u32::from_str_radix(mode, 8)
        .map_err(|_| Failure::from(misuse(crate::notice::Misuse::BadMode)))?;
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
        Failure::from(Error::new(ErrorKind::Io {
            path: "stdin".into(),
            message: e.to_string(),
        }))
    })?;
    super::cluster::save(Path::new(path), &bytes, mode)?;
    Ok(())
}

fn fetch(node: &str, path: &str) -> std::result::Result<String, Failure> {
    let me = this_node();
    if node == me {
        return std::fs::read_to_string(path).map_err(|e| {
            Failure::from(Error::new(ErrorKind::Io {
                path: path.into(),
                message: e.to_string(),
            }))
        });
    }
    let call = Remote::default().call(node, &["cat".into(), path.into()]);
    let o = call.run()?;
    if !o.success() {
        return Err(Error::new(ErrorKind::RemoteFailed {
            node: node.into(),
            message: call.failure(&o).to_string(),
        })
        .into());
    }
    Ok(o.stdout)
}

/// `diff FILE [--checksum] [NODE…]`: the file on other nodes against this
/// node's copy.
pub fn diff(file: &str, nodes: &[&str], out: &mut Output) -> R {
    let (checksum, nodes): (bool, &[&str]) = match nodes {
        ["--checksum", rest @ ..] => (true, rest),
        other => (false, other),
    };
    let me = this_node();
    let list = all_or(nodes);
    let base_node = if list.contains(&me) {
        me.clone()
    } else {
        list[0].clone()
    };
    let base = fetch(&base_node, file)?;
    let mut same = true;
    for node in list.iter().filter(|n| **n != base_node) {
        let other = fetch(node, file)?;
        if checksum {
            out.print(&format!(
                "{node}: {}",
                if other == base { "OK" } else { "differs" }
            ));
            same &= other == base;
            continue;
        }
        if other != base {
            same = false;
            let work = super::report::TempDir::new()?;
            let (a, b) = (work.path.join("a"), work.path.join("b"));
            let write = |p: &Path, t: &str| {
                std::fs::write(p, t).map_err(|e| {
                    Failure::from(Error::new(ErrorKind::Io {
                        path: p.display().to_string(),
                        message: e.to_string(),
                    }))
                })
            };
            write(&a, &base)?;
            write(&b, &other)?;
            let o = Call::new("diff")
                .args([
                    "-u",
                    "--label",
                    &format!("{base_node}:{file}"),
                    "--label",
                    &format!("{node}:{file}"),
                ])
                .arg(a.display().to_string())
                .arg(b.display().to_string())
                .run()?;
            out.print(&o.stdout);
        }
    }
    if same && !checksum {
        out.info(
            &crate::notice::Said::FileSameOn {
                file: file.to_string(),
                nodes: list.join(", "),
            }
            .to_string(),
        );
    }
    Ok(())
}

/// A value after an option (`-n NAME`, `--name=NAME`).
fn option<'a>(args: &[&'a str], short: &str, long: &str) -> Option<&'a str> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if *a == short || *a == long {
            return it.next().copied();
        }
        if let Some(v) = a.strip_prefix(&format!("{long}=")) {
            return Some(v);
        }
    }
    None
}

fn address_of_this_node() -> String {
    Call::new("hostname")
        .arg("-I")
        .run()
        .ok()
        .and_then(|o| o.stdout.split_whitespace().next().map(String::from))
        .unwrap_or_else(|| "127.0.0.1".into())
}

/// `-i IF` as crmsh means it (the IPv4 address of interface IF); an
/// address is taken as it is.
fn address_of(value: Option<&str>) -> std::result::Result<String, Failure> {
    let Some(v) = value else {
        return Ok(address_of_this_node());
    };
    if v.parse::<std::net::IpAddr>().is_ok() {
        return Ok(v.to_string());
    }
    let o = Call::new("ip")
        .args(["-o", "-4", "addr", "show", "dev", v])
        .run()?;
    o.stdout
        .split_whitespace()
        .skip_while(|w| *w != "inet")
        .nth(1)
        .and_then(|a| a.split('/').next())
        .filter(|_| o.success())
        .map(String::from)
        .ok_or_else(|| Error::new(ErrorKind::NotAddress { value: v.into() }).into())
}

/// A new corosync.conf for a cluster of this one node.
pub fn new_conf(name: &str, node: &str, addr: &str) -> Conf {
    let text = format!(
        "totem {{\n version: 2\n cluster_name: {name}\n transport: knet\n crypto_cipher: aes256\n crypto_hash: sha256\n token: 3000\n}}\nlogging {{\n to_logfile: yes\n logfile: /var/log/cluster/corosync.log\n to_syslog: yes\n timestamp: on\n}}\nquorum {{\n provider: corosync_votequorum\n}}\nnodelist {{\n node {{\n ring0_addr: {addr}\n name: {node}\n nodeid: 1\n }}\n}}\n"
    );
    Conf::parse(&text).expect("the built-in corosync.conf parses")
}

fn write_conf(conf: &Conf) -> R {
    save(
        Path::new(&corosync_conf::path()),
        conf.to_string().as_bytes(),
        0o644,
    )?;
    Ok(())
}

/// crmsh's bootstrap stages that exist here, in their order.
const INIT_STAGES: [&str; 6] = ["ssh", "ssh_remote", "corosync", "sbd", "cluster", "admin"];

/// Options of init/join that take a value.
const VALUED: [&str; 12] = [
    "-A",
    "--admin-ip",
    "-n",
    "--name",
    "-i",
    "--interface",
    "-s",
    "--sbd-device",
    "-c",
    "--cluster-node",
    "--qnetd-hostname",
    "-N",
];

/// The stage word of `init STAGE …` (a word that is no option's value).
fn stage<'a>(args: &[&'a str]) -> std::result::Result<Option<&'a str>, Failure> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if VALUED.contains(a) {
            it.next();
        } else if !a.starts_with('-') {
            if INIT_STAGES.contains(a) {
                return Ok(Some(a));
            }
            return Err(misuse(crate::notice::Misuse::NoStage {
                stage: a.to_string(),
                stages: INIT_STAGES.join(", "),
            })
            .into());
        }
    }
    Ok(None)
}

/// The authkey, new (a key of an earlier cluster only with `-y` or a yes).
fn authkey(yes: bool, out: &mut Output) -> R {
    if Path::new(AUTHKEY).exists() {
        let q = crate::notice::Said::AskOverwrite {
            path: AUTHKEY.into(),
        };
        if !super::confirm::confirm(&q, yes, out) {
            return Ok(());
        }
        std::fs::remove_file(AUTHKEY).map_err(|e| {
            Failure::from(Error::new(ErrorKind::Io {
                path: AUTHKEY.into(),
                message: e.to_string(),
            }))
        })?;
    }
    Call::new("corosync-keygen")
        .args(["-l", "-k", AUTHKEY])
        .run_ok()?;
    out.info(
        &crate::notice::Said::Generated {
            path: AUTHKEY.to_string(),
        }
        .to_string(),
    );
    Ok(())
}

fn init_corosync(args: &[&str], yes: bool, out: &mut Output) -> R {
    authkey(yes, out)?;
    let path = corosync_conf::path();
    if Path::new(&path).exists() {
        let q = crate::notice::Said::AskOverwrite { path: path.clone() };
        if !super::confirm::confirm(&q, yes, out) {
            return Ok(());
        }
    }
    let name = option(args, "-n", "--name").unwrap_or("hacluster");
    let addr = address_of(option(args, "-i", "--interface"))?;
    out.info(&crate::notice::Said::ConfiguringCorosync.to_string());
    let conf = new_conf(name, &this_node(), &addr);
    // corosync does not start when the directory of its logfile is missing
    for log in conf.get("logging.logfile") {
        if let Some(dir) = Path::new(&log).parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                Failure::from(Error::new(ErrorKind::Io {
                    path: dir.display().to_string(),
                    message: e.to_string(),
                }))
            })?;
        }
    }
    write_conf(&conf)?;
    out.info(
        &crate::notice::Said::Wrote {
            path: path.to_string(),
        }
        .to_string(),
    );
    Ok(())
}

fn init_sbd(args: &[&str]) -> R {
    let Some(device) = option(args, "-s", "--sbd-device") else {
        return Ok(());
    };
    Call::new("sbd").args(["-d", device, "create"]).run_ok()?;
    let conf = format!("SBD_DEVICE={device}\nSBD_WATCHDOG_DEV=/dev/watchdog\n");
    let target = if Path::new("/etc/sysconfig").is_dir() {
        "/etc/sysconfig/sbd"
    } else {
        "/etc/default/sbd"
    };
    save(Path::new(target), conf.as_bytes(), 0o644)?;
    if services::manager() == services::Manager::Systemd {
        services::systemctl("enable", "sbd").run_ok()?;
    }
    Ok(())
}

/// crmsh's cluster stage: the services started (and enabled under
/// systemd), then, on a cluster of this one node, the first options:
/// no fencing yet, generous operation timeouts, pending operations
/// recorded, a migration threshold and a little stickiness.
fn init_cluster(out: &mut Output) -> R {
    if services::manager() == services::Manager::Systemd {
        services::enable(true)?;
    }
    local("start", out)?;
    wait_until_online(120, out)?;
    let o = Call::new("crm_node").arg("-l").run_ok()?;
    match o.stdout.lines().filter(|l| !l.trim().is_empty()).count() {
        0 => return Err(Error::new(ErrorKind::NoNodes).into()),
        1 => {}
        _ => return Err(Error::new(ErrorKind::JoinedExisting).into()),
    }
    out.info(&crate::notice::Said::LoadingInitialConfiguration.to_string());
    let set = |kind: &str, set: &str, name: &str, value: &str| {
        Call::new("crm_attribute")
            .args(["-t", kind, "-s", set, "-n", name, "-v", value])
            .run_ok()
            .map(|_| ())
    };
    set(
        "crm_config",
        "cib-bootstrap-options",
        "stonith-enabled",
        "false",
    )?;
    set("op_defaults", "op-options", "timeout", "600")?;
    set("op_defaults", "op-options", "record-pending", "true")?;
    set("rsc_defaults", "rsc-options", "migration-threshold", "3")?;
    let sticky = Call::new("crm_attribute")
        .args([
            "-t",
            "rsc_defaults",
            "-n",
            "resource-stickiness",
            "-G",
            "-q",
        ])
        .run()
        .map(|o| o.success())
        .unwrap_or(false);
    if !sticky {
        set("rsc_defaults", "rsc-options", "resource-stickiness", "1")?;
    }
    Ok(())
}

/// Waits, as crmsh's bootstrap does, until this node is online with a
/// DC elected (crm_mon answering is not yet the controller taking
/// clients).
fn wait_until_online(secs: u64, out: &mut Output) -> R {
    out.info(&crate::notice::Said::WaitingForCluster.to_string());
    let me = this_node();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let online = format!("<node name=\"{me}\" ");
    loop {
        if let Ok(o) = Call::new("crm_mon").args(["-1", "--output-as=xml"]).run() {
            let up = o.stdout.contains("<current_dc present=\"true\"")
                && o.stdout
                    .lines()
                    .any(|l| l.trim_start().starts_with(&online) && l.contains("online=\"true\""));
            if o.success() && up {
                return Ok(());
            }
        }
        if Instant::now() >= deadline {
            return Err(Error::new(ErrorKind::Cib {
                message: format!("Timed out waiting for {me} to come online"),
            })
            .into());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// `-A IP`, checked before any stage runs as crmsh checks it: an IP
/// address that nothing answers at yet (one ping).
fn admin_address(args: &[&str]) -> std::result::Result<Option<String>, Failure> {
    let Some(value) = option(args, "-A", "--admin-ip") else {
        return Ok(None);
    };
    let Ok(addr) = value.parse::<std::net::IpAddr>() else {
        return Err(Error::new(ErrorKind::NotAdminAddress {
            value: value.into(),
        })
        .into());
    };
    let family = if addr.is_ipv6() { "-6" } else { "-4" };
    let answered = Call::new("ping")
        .args([family, "-c", "1", "-W", "2", value])
        .run()
        .is_ok_and(|o| o.success());
    if answered {
        return Err(Error::new(ErrorKind::AddressInUse { addr: value.into() }).into());
    }
    Ok(Some(value.to_string()))
}

/// crmsh's admin stage: an IPaddr2 primitive `admin-ip` on the address,
/// with a monitor every 10 s, and a wait until it has started.
fn init_admin(addr: &str, out: &mut Output) -> R {
    out.info(
        &crate::notice::Said::ConfiguringVirtualIp {
            addr: addr.to_string(),
        }
        .to_string(),
    );
    // `load update`, as crmsh loads it: an admin-ip of an earlier run of
    // the stage is replaced, not refused.
    let text = format!(
        "primitive admin-ip IPaddr2 params ip=\"{addr}\" op monitor interval=10 timeout=20\n"
    );
    Call::new(&crm_exe())
        .args(["configure", "load", "update", "-"])
        .stdin(text)
        .run_ok()?;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Ok(o) = Call::new("crm_mon").args(["-1", "--output-as=xml"]).run() {
            let started = o.stdout.lines().any(|l| {
                l.trim_start().starts_with("<resource id=\"admin-ip\"")
                    && l.contains("role=\"Started\"")
                    && l.contains("active=\"true\"")
            });
            if started {
                return Ok(());
            }
        }
        if Instant::now() >= deadline {
            return Err(Error::new(ErrorKind::Cib {
                message: "Timed out waiting for admin-ip to start".into(),
            })
            .into());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// `init [STAGE] [-y] [-n NAME] [-i IF|ADDR] [-s SBD_DEVICE] [-A IP]
/// [--no-start]`: make this node the first node of a new cluster, stage
/// by stage as crmsh does (ssh, corosync, sbd, cluster, admin), or one
/// stage.
fn init(args: &[&str], out: &mut Output) -> R {
    let yes = args.contains(&"-y") || args.contains(&"--yes");
    let only = stage(args)?;
    let run = |s: &str| only.is_none_or(|o| o == s);
    let admin = admin_address(args)?;
    if only == Some("ssh_remote") {
        return super::cluster_ssh::authorize_own_keys();
    }
    if only.is_none() && services::is_active("pacemaker") {
        return Err(Error::new(ErrorKind::ClusterActive { node: this_node() }).into());
    }
    if only == Some("admin") && !services::is_active("pacemaker") {
        return Err(Error::new(ErrorKind::ClusterInactive {
            stage: "admin".into(),
        })
        .into());
    }
    if run("ssh") {
        super::cluster_ssh::init(yes, out)?;
    }
    if run("corosync") {
        init_corosync(args, yes, out)?;
    }
    if run("sbd") {
        init_sbd(args)?;
    }
    if run("cluster") && !args.contains(&"--no-start") {
        init_cluster(out)?;
    }
    // Without -A there is nothing to do: crmsh asks for an address only
    // without -y, a question not asked here.
    if let Some(addr) = admin.filter(|_| run("admin") && !args.contains(&"--no-start")) {
        init_admin(&addr, out)?;
    }
    Ok(())
}

/// `join -c SEED [-y] [-i IF|ADDR]`: ssh keys swapped with the seed and
/// the members, corosync.conf and authkey from the seed, this node added
/// to the nodelist everywhere, the CIB of any earlier cluster dropped,
/// the services started.
fn join(args: &[&str], out: &mut Output) -> R {
    let seed = option(args, "-c", "--cluster-node")
        .ok_or_else(|| Failure::from(misuse(crate::notice::Misuse::NoSeed)))?;
    let yes = args.contains(&"-y") || args.contains(&"--yes");
    let node = this_node();
    if services::is_active("pacemaker") {
        return Err(Error::new(ErrorKind::ClusterActive { node }).into());
    }
    let addr = address_of(option(args, "-i", "--interface"))?;
    super::cluster_ssh::join(seed, yes, out)?;
    let mut conf = Conf::parse(&fetch(seed, &corosync_conf::path())?)?;
    if !conf.node_names().contains(&node) {
        conf.add_node(&addr, Some(&node));
    }
    write_conf(&conf)?;
    if let Ok(key) = Remote::default()
        .call(seed, &["cat".into(), AUTHKEY.into()])
        .run_bytes()
    {
        if key.0 == Some(0) && !key.1.is_empty() {
            super::cluster::save(Path::new(AUTHKEY), &key.1, 0o400)?;
        }
    }
    // A CIB of an earlier cluster here would compete with the cluster's.
    for dir in ["/var/lib/pacemaker/cib", "/var/lib/heartbeat/crm"] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                if e.path().is_file() {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
    // everyone gets the new nodelist, then reloads it
    super::corosync::push(&[], out)?;
    for n in conf.node_names().iter().filter(|n| **n != node) {
        let _ = Remote::default()
            .call(n, &["corosync-cfgtool".into(), "-R".into()])
            .run();
    }
    local("start", out)
}

/// `remove [-c] NODE`: stop the node's services, take it out of
/// corosync.conf everywhere and out of the CIB.
fn remove(args: &[&str], out: &mut Output) -> R {
    let node = option(args, "-c", "--cluster-node")
        .or_else(|| args.iter().find(|a| !a.starts_with('-')).copied())
        .ok_or_else(|| {
            Failure::from(misuse(crate::notice::Misuse::Form {
                usage: "cluster remove NODE",
            }))
        })?;
    if node != this_node() {
        on_node(node, &["__local", "stop"], out)?;
    }
    let mut conf = Conf::parse(&fetch(&this_node(), &corosync_conf::path())?)?;
    if !conf.del_node(node) {
        return Err(Error::new(ErrorKind::NoSuchNode { node: node.into() }).into());
    }
    write_conf(&conf)?;
    super::corosync::push(&[], out)?;
    let _ = Call::new("corosync-cfgtool").arg("-R").run();
    Call::new("crm_node")
        .args(["-R", node, "--force"])
        .run_ok()?;
    out.info(
        &crate::notice::Said::RemovedFromCluster {
            node: node.to_string(),
        }
        .to_string(),
    );
    Ok(())
}

/// `rename NAME`: cluster_name in corosync.conf on every node and the
/// cluster-name property; corosync reads the name at its next start.
fn rename(name: &str, out: &mut Output) -> R {
    let mut conf = Conf::parse(&fetch(&this_node(), &corosync_conf::path())?)?;
    conf.set("totem.cluster_name", name);
    write_conf(&conf)?;
    super::corosync::push(&[], out)?;
    if services::is_active("pacemaker") {
        Call::new("crm_attribute")
            .args(["-t", "crm_config", "-n", "cluster-name", "-v", name])
            .run_ok()?;
    }
    out.info(
        "To apply the new cluster name, restart the cluster services (crm cluster restart --all)",
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_words_without_a_shell() {
        assert_eq!(split_command("hostname"), ["hostname"]);
        assert_eq!(
            split_command("sh -c 'echo a | wc -c'"),
            ["sh", "-c", "echo a | wc -c"]
        );
        assert_eq!(split_command("echo \"\" $(x)"), ["echo", "", "$(x)"]);
    }

    #[test]
    fn a_new_cluster_conf_names_the_node() {
        let c = new_conf("hacluster", "n1", "10.0.0.1");
        assert_eq!(c.get("totem.cluster_name"), ["hacluster"]);
        assert_eq!(c.node_names(), ["n1"]);
        assert_eq!(c.get("nodelist.node.ring0_addr"), ["10.0.0.1"]);
    }
}
