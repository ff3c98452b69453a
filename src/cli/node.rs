//! The `node` level: standby/online/maintenance/ready through
//! `crm_attribute` (Pacemaker's own race-free attribute writer), `show`
//! and `server` from the CIB, fence/clearstate/delete as crmsh 4.4 runs
//! them (`node_admin.rs`).

use super::commit::CommitOptions;
use super::{run_tool, usage, Failure, Output};
use crate::cib::process::Call;
use crate::cib::{Backend, Cib};
use crate::error::{Error, ErrorKind};
use crate::notice::Said;
use crate::xml::Element;

pub fn run(
    backend: &dyn Backend,
    words: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    super::alias_notice(super::Level::Node, words, out);
    let wait = opts.wait;
    match words {
        [] => Err(usage(
            &crate::notice::Misuse::GiveCommand {
                level: "node",
                example: "crm node show",
            }
            .to_string(),
        )
        .into()),
        ["show", rest @ ..] | ["list", rest @ ..] => show(&backend.read()?, rest, out),
        ["standby", rest @ ..] => {
            let (nodes, lifetime) = nodes_and_lifetime(backend, rest)?;
            for n in &nodes {
                standby(n, lifetime, out)?;
            }
            for n in nodes {
                out.info(
                    &Said::NodeState {
                        state: "standby",
                        node: n,
                    }
                    .to_string(),
                );
            }
            settle(wait, out)
        }
        ["online", rest @ ..] => {
            let nodes = resolve_nodes(backend, rest)?;
            for n in &nodes {
                online(n, out)?;
            }
            for n in nodes {
                out.info(
                    &Said::NodeState {
                        state: "online",
                        node: n,
                    }
                    .to_string(),
                );
            }
            settle(wait, out)
        }
        ["fence", node] => super::node_admin::fence(backend, node, opts, out),
        ["clearstate"] => super::node_admin::clearstate(backend, &local_node()?, opts, out),
        ["clearstate", node] => super::node_admin::clearstate(backend, node, opts, out),
        ["delete", node] => super::node_admin::delete(backend, node, opts, out),
        ["server", nodes @ ..] => super::node_admin::server(&backend.read()?, nodes, out),
        ["maintenance", rest @ ..] if rest.len() <= 2 => {
            let (node, value) = match rest {
                [n, "off"] => (n.to_string(), "off"),
                [n, "on"] | [n] => (n.to_string(), "true"),
                [] => (local_node()?, "true"),
                _ => return Err(super::bad_arguments(super::Level::Node, words).into()),
            };
            check_node(backend, &node)?;
            super::node_admin::maintenance(backend, &node, value, opts, out)
        }
        ["ready", rest @ ..] => {
            for n in &resolve_nodes(backend, rest)? {
                run_tool(&attribute(n, "maintenance").args(["-v", "off"]), out)?;
            }
            settle(wait, out)
        }
        ["attribute", node, rest @ ..] => nvpair(backend, "attribute", node, rest, &[], out),
        ["utilization", node, rest @ ..] => {
            nvpair(backend, "utilization", node, rest, &["-z"], out)
        }
        ["status-attr", node, rest @ ..] => nvpair(
            backend,
            "status-attr",
            node,
            rest,
            &["-t", "status", "-l", "reboot"],
            out,
        ),
        _ => Err(super::bad_arguments(super::Level::Node, words).into()),
    }
}

fn settle(wait: bool, out: &mut Output) -> Result<(), Failure> {
    if wait {
        super::status::wait_for_idle(out)?;
    }
    Ok(())
}

/// `crm_attribute -t nodes -N NODE -n NAME` (permanent node attribute).
fn attribute(node: &str, name: &str) -> Call {
    Call::new("crm_attribute").args(["-t", "nodes", "-N", node, "-n", name])
}

#[derive(Clone, Copy, PartialEq)]
enum Lifetime {
    Forever,
    Reboot,
}

/// Standby in the chosen place, and the other place's value removed so
/// that it cannot contradict it (crmsh does the same).
fn standby(node: &str, lifetime: Lifetime, out: &mut Output) -> Result<(), Failure> {
    let (set, clear) = match lifetime {
        Lifetime::Forever => ("nodes", "status"),
        Lifetime::Reboot => ("status", "nodes"),
    };
    let base = |section: &str| {
        Call::new("crm_attribute").args(["-t", section, "-N", node, "-n", "standby"])
    };
    run_tool(&base(set).args(["-v", "on"]), out)?;
    run_tool(&base(clear).arg("-D"), out)?;
    Ok(())
}

fn online(node: &str, out: &mut Output) -> Result<(), Failure> {
    run_tool(&attribute(node, "standby").args(["-v", "off"]), out)?;
    run_tool(
        &Call::new("crm_attribute").args(["-t", "status", "-N", node, "-n", "standby", "-D"]),
        out,
    )?;
    Ok(())
}

/// `[NODE|all] [reboot|forever]`.
fn nodes_and_lifetime(
    backend: &dyn Backend,
    words: &[&str],
) -> Result<(Vec<String>, Lifetime), Failure> {
    let (words, lifetime) = match words.split_last() {
        Some((&"reboot", rest)) => (rest, Lifetime::Reboot),
        Some((&"forever", rest)) => (rest, Lifetime::Forever),
        _ => (words, Lifetime::Forever),
    };
    Ok((resolve_nodes(backend, words)?, lifetime))
}

/// The named nodes (checked against the CIB), every node for `all`, or
/// this node when none is named.
fn resolve_nodes(backend: &dyn Backend, words: &[&str]) -> Result<Vec<String>, Failure> {
    match words {
        [] => {
            let me = local_node()?;
            check_node(backend, &me)?;
            Ok(vec![me])
        }
        ["all" | "--all"] => Ok(backend.read()?.node_names()),
        nodes => {
            for n in nodes {
                check_node(backend, n)?;
            }
            Ok(nodes.iter().map(|s| s.to_string()).collect())
        }
    }
}

/// The node names come from the CIB, never from DNS.
fn check_node(backend: &dyn Backend, node: &str) -> Result<(), Failure> {
    if backend.read()?.node_names().iter().any(|n| n == node) {
        return Ok(());
    }
    Err(Error::new(ErrorKind::NoSuchNode {
        node: node.to_string(),
    })
    .into())
}

/// This machine's cluster node name (`crm_node -n`), else its host name.
pub fn local_node() -> Result<String, Failure> {
    if let Ok(out) = Call::new("crm_node").arg("-n").run() {
        let name = out.stdout.trim();
        if out.success() && !name.is_empty() {
            return Ok(name.to_string());
        }
    }
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    if host.trim().is_empty() {
        return Err(super::misuse(crate::notice::Misuse::NameTheNode).into());
    }
    Ok(host.trim().to_string())
}

const ACTIONS: &[&str] = &["set", "delete", "show"];

/// `attribute|utilization|status-attr NODE set|delete|show NAME [VALUE]`.
fn nvpair(
    backend: &dyn Backend,
    command: &str,
    node: &str,
    words: &[&str],
    extra: &[&str],
    out: &mut Output,
) -> Result<(), Failure> {
    check_node(backend, node)?;
    let base = || {
        let mut c = Call::new("crm_attribute");
        if !extra.contains(&"-t") {
            c = c.args(["-t", "nodes"]);
        }
        c.args(extra.iter().copied()).args(["-N", node])
    };
    let call = match words {
        ["set", name, value] => base().args(["-n", name, "-v", value]),
        ["delete", name] => base().args(["-n", name, "-D"]),
        ["show", name] => base().args(["-n", name, "-G"]),
        [sub, ..] if !ACTIONS.contains(sub) => {
            return Err(super::expected_word(sub, ACTIONS).into())
        }
        _ => return Err(super::bad_arguments(super::Level::Node, &[command]).into()),
    };
    run_tool(&call, out)
}

/// `node show [NODE]`: each node as `uname(id): type`, then its
/// attributes, as crmsh prints them.
fn show(cib: &Cib, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let conf_nodes: Vec<&Element> = cib
        .configuration()
        .child("nodes")
        .map(|n| n.elements().filter(|e| e.name == "node").collect())
        .unwrap_or_default();
    let states: Vec<&Element> = cib
        .root
        .child("status")
        .map(|s| s.elements().filter(|e| e.name == "node_state").collect())
        .unwrap_or_default();
    let find = |list: &[&'_ Element], uname: &str| -> Option<Element> {
        list.iter()
            .find(|e| e.get("uname") == Some(uname))
            .map(|e| (*e).clone())
    };
    let mut names: Vec<String> = conf_nodes
        .iter()
        .chain(states.iter())
        .filter_map(|e| e.get("uname").map(String::from))
        .collect();
    names.sort();
    names.dedup();
    let (json, words) = match words {
        ["json", rest @ ..] => (true, rest),
        rest => (false, rest),
    };
    let names = match words {
        [] => names,
        [n] if names.iter().any(|x| x == n) => vec![n.to_string()],
        [n] => {
            return Err(Error::new(ErrorKind::NoSuchNode {
                node: n.to_string(),
            })
            .into())
        }
        _ => {
            return Err(usage(
                &crate::notice::Misuse::Syntax {
                    usage: "node show [json] [NODE]".into(),
                }
                .to_string(),
            )
            .into())
        }
    };
    let mut shown: Vec<(Element, bool)> = Vec::new();
    for uname in names {
        let state = find(&states, &uname);
        let Some(node) = find(&conf_nodes, &uname).or_else(|| state.clone()) else {
            continue;
        };
        let offline = state.is_some_and(|s| s.get("crmd") == Some("offline"));
        shown.push((node, offline));
    }
    if json {
        let list: Vec<(&Element, bool)> = shown.iter().map(|(n, o)| (n, *o)).collect();
        out.print(&crate::json::render(&crate::json::nodes(
            &list,
            &crate::secrets::globs(),
        )));
        return Ok(());
    }
    let text: String = shown
        .iter()
        .map(|(node, offline)| print_node(node, *offline))
        .collect();
    out.print(&text);
    Ok(())
}

fn print_node(node: &Element, offline: bool) -> String {
    let uname = node.get("uname").unwrap_or("");
    let ident = node.id().unwrap_or("");
    let typ = node.get("type").unwrap_or("member");
    let offline = if offline { "(offline)" } else { "" };
    let mut s = if uname == ident {
        format!("{uname}: {typ}{offline}\n")
    } else {
        format!("{uname}({ident}): {typ}{offline}\n")
    };
    for (k, v) in node.attrs() {
        if !matches!(k, "type" | "uname" | "id") {
            s.push_str(&format!("\t{k}: {v}\n"));
        }
    }
    for set in node.elements().filter(|e| e.name == "instance_attributes") {
        let pairs: Vec<String> = set
            .elements()
            .filter(|e| e.name == "nvpair")
            .map(|p| {
                let v = p.get("value").unwrap_or("");
                let name = p.get("name").unwrap_or("");
                if v.chars().any(char::is_whitespace) || v.is_empty() {
                    format!("{name}=\"{v}\"")
                } else {
                    format!("{name}={v}")
                }
            })
            .collect();
        s.push_str(&format!("\t{}\n", pairs.join(" ")));
    }
    s
}
