//! `configure rsctest RSC… [NODE…]`: crmsh 4.4's resource test. The
//! agents of stopped resources are run directly (no cluster involved):
//! first a probe (`monitor`) of every resource on every node of the
//! configuration, which must find them all stopped; then, node by node,
//! `start` (and `promote` in a promotable clone) of the resources in
//! turn, and `stop` (`demote` first) of the started ones in reverse.
//!
//! crmsh runs every agent through ssh, this node included; here this
//! node's agents run directly and only other nodes are reached through
//! ssh. What crmsh prints, and where (progress on stderr, the agents'
//! output on stdout), is kept. Like crmsh 4.4, a failed start is shown
//! but the command still ends well once the probe found all stopped.

use super::agent_call::{pairs, service_call};
use super::{Failure, Output};
use crate::cib::process::Call;
use crate::cib::{find_object, Cib};
use crate::error::{ConfigureError, Error};
use crate::notice::Told;
use crate::xml::Element;

/// What an agent run gave on a node: its exit code (`None` when it could
/// not run or was killed) and what it printed.
#[derive(Debug, Clone, Default)]
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// A resource to test: its primitive and how its agent says "stopped",
/// "running" and "promoted".
struct Driver<'a> {
    id: String,
    class: String,
    kind: String,
    provider: String,
    prim: &'a Element,
    /// The topmost clone (or master) above it, if any.
    clone: Option<&'a Element>,
    promotable: bool,
    ok: i32,
    stopped: Option<i32>,
    master: Option<i32>,
}

/// The classes crmsh can test and their codes (ok, stopped, promoted).
fn codes(class: &str) -> Option<(i32, Option<i32>, Option<i32>)> {
    match class {
        "ocf" => Some((0, Some(7), Some(8))),
        "lsb" | "systemd" => Some((0, Some(3), None)),
        "stonith" => Some((0, Some(1), None)),
        _ => None,
    }
}

pub fn run(cib: &Cib, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let conf = cib.configuration();
    let mut prims: Vec<(&Element, Vec<usize>)> = Vec::new();
    let mut nodes: Vec<String> = Vec::new();
    let mut missing = false;
    let mut at_nodes = false;
    for word in words {
        if let Some(o) = find_object(conf, word, false) {
            if at_nodes || !o.kind.is_resource() {
                return Err(Error::from(ConfigureError::RsctestSyntax {
                    word: word.to_string(),
                })
                .into());
            }
            if o.kind == crate::kind::Kind::Primitive {
                prims.push((o.elem, o.path.clone()));
            } else {
                // A container's own primitives (crmsh looks one level down).
                for (i, c) in o.elem.children.iter().enumerate() {
                    if let crate::xml::Node::Element(e) = c {
                        if e.name == "primitive" {
                            let mut p = o.path.clone();
                            p.push(i);
                            prims.push((e, p));
                        }
                    }
                }
            }
        } else if let Some(n) = node_named(conf, word) {
            at_nodes = true;
            nodes.push(n);
        } else {
            out.report(&Failure::from(Error::from(
                ConfigureError::RsctestNoElement {
                    id: word.to_string(),
                },
            )));
            missing = true;
        }
    }
    if missing {
        return Err(Error::new(crate::error::ErrorKind::Reported).into());
    }
    if prims.is_empty() {
        return Err(Error::from(ConfigureError::RsctestNoResource).into());
    }
    let all_nodes = cib.node_names();
    if nodes.is_empty() {
        nodes = all_nodes.clone();
    }
    let mut supported = true;
    for (prim, _) in &prims {
        let id = prim.id().unwrap_or("").to_string();
        match prim.get("class") {
            None => {
                out.warning(&Told::RsctestNoClass { id }.to_string());
                supported = false;
            }
            Some(class) if codes(class).is_none() => {
                out.warning(
                    &Told::RsctestClass {
                        class: class.to_string(),
                    }
                    .to_string(),
                );
                supported = false;
            }
            Some(_) => {}
        }
    }
    if !supported {
        return Err(Error::new(crate::error::ErrorKind::Reported).into());
    }
    let drivers: Vec<Driver> = prims
        .iter()
        .filter_map(|(prim, path)| driver(conf, prim, path))
        .collect();
    let me = super::remote::this_node();
    if !all_stopped(&drivers, &all_nodes, &me, out)? {
        out.progress(&format!("{}\n", Told::RsctestStopFirst));
        return Err(Error::new(crate::error::ErrorKind::Reported).into());
    }
    for node in &nodes {
        test_node(&drivers, node, &me, out)?;
    }
    Ok(())
}

/// A node of the configuration by its id or name: its name.
fn node_named(conf: &Element, word: &str) -> Option<String> {
    let nodes = conf.child("nodes")?;
    nodes
        .elements()
        .filter(|n| n.name == "node")
        // crmsh tests only normal nodes (a remote or ping node is none).
        .filter(|n| matches!(n.get("type"), None | Some("normal") | Some("member")))
        .find(|n| n.get("uname") == Some(word) || n.id() == Some(word))
        .map(|n| n.get("uname").or(n.id()).unwrap_or(word).to_string())
}

fn driver<'a>(conf: &'a Element, prim: &'a Element, path: &[usize]) -> Option<Driver<'a>> {
    let class = prim.get("class")?.to_string();
    let (ok, stopped, master) = codes(&class)?;
    // The topmost container above the primitive (group, clone, …).
    let mut top = None;
    let mut p = path.to_vec();
    while p.len() > 2 {
        p.pop();
        match super::resource_meta::element_at(conf, &p) {
            Some(e) if matches!(e.name.as_str(), "group" | "clone" | "master" | "bundle") => {
                top = Some(e)
            }
            _ => break,
        }
    }
    let clone = top.filter(|t| matches!(t.name.as_str(), "clone" | "master"));
    let promotable = clone.is_some_and(|c| {
        c.name == "master"
            || pairs(c, "meta_attributes").any(|(k, v)| {
                k == "promotable"
                    && matches!(
                        v.to_ascii_lowercase().as_str(),
                        "true" | "yes" | "1" | "on" | "y"
                    )
            })
    });
    Some(Driver {
        id: prim.id().unwrap_or("").to_string(),
        kind: prim.get("type").unwrap_or("").to_string(),
        provider: prim.get("provider").unwrap_or("heartbeat").to_string(),
        class,
        prim,
        clone,
        promotable,
        ok,
        stopped,
        master,
    })
}

/// The op's timeout in ms (a probe's is the non-recurring monitor's),
/// 20 s when none is configured.
fn timeout_ms(prim: &Element, op: &str) -> u64 {
    let name = if op == "probe" { "monitor" } else { op };
    let recurring = op == "monitor";
    prim.child("operations")
        .and_then(|ops| {
            ops.elements().find(|o| {
                o.get("name") == Some(name)
                    && super::resource_trace::msec(o.get("interval").unwrap_or("0"))
                        .is_some_and(|ms| recurring == (ms > 0))
            })
        })
        .and_then(|o| o.get("timeout"))
        .and_then(super::resource_trace::msec)
        .unwrap_or(20_000)
}

impl Driver<'_> {
    /// The agent's call for `op` (`probe` runs `monitor`), with crmsh's
    /// environment (a `-` in a variable's name becomes `_`).
    fn call(&self, op: &str) -> Call {
        let action = if op == "probe" { "monitor" } else { op };
        let mut env: Vec<(String, String)> = vec![(
            "OCF_RESKEY_CRM_meta_timeout".into(),
            timeout_ms(self.prim, op).to_string(),
        )];
        if op == "monitor" {
            env.push(("OCF_RESKEY_CRM_meta_interval".into(), "10000".into()));
        }
        // Agents of clones read the clone's meta attributes.
        if let Some(c) = self.clone {
            for (k, v) in pairs(c, "meta_attributes") {
                env.push((format!("OCF_RESKEY_CRM_meta_{k}"), v.into()));
            }
        }
        let call = match self.class.as_str() {
            "ocf" => {
                let root = std::env::var("OCF_ROOT").unwrap_or_else(|_| "/usr/lib/ocf".into());
                for (k, v) in pairs(self.prim, "instance_attributes") {
                    env.push((format!("OCF_RESKEY_{k}"), v.into()));
                }
                env.push(("OCF_RESOURCE_INSTANCE".into(), self.id.clone()));
                env.push(("OCF_ROOT".into(), root.clone()));
                Call::new(&format!(
                    "{root}/resource.d/{}/{}",
                    self.provider, self.kind
                ))
                .arg(action)
            }
            class => match service_call(class, &self.kind, action) {
                Some(call) => call,
                // crmsh's stonith test: the device's status, whatever the op.
                None => {
                    for (k, v) in pairs(self.prim, "instance_attributes") {
                        env.push((k.into(), v.into()));
                    }
                    Call::new("stonith").args(["-t", &self.kind, "-E", "-S"])
                }
            },
        };
        env.into_iter()
            .fold(call, |c, (k, v)| c.with_env(&k.replace('-', "_"), &v))
    }

    fn run(&self, op: &str, node: &str, me: &str) -> Ran {
        let call = self.call(op);
        let call = if node == me {
            call
        } else {
            call.over_ssh(node)
        };
        match call.run() {
            Ok(o) => Ran {
                code: o.code,
                stdout: o.stdout,
                stderr: o.stderr,
            },
            // The program is not there (or could not start).
            Err(_) => Ran::default(),
        }
    }

    fn warn(&self, node: &str, state: &'static str, out: &mut Output) {
        out.warning(
            &Told::RsctestProbe {
                id: self.id.clone(),
                node: node.to_string(),
                state,
            }
            .to_string(),
        );
    }
}

/// crmsh's account of a failed run: the exit status on stderr, then what
/// the agent printed (stderr first) on stdout.
fn show_log(node: &str, ran: &Ran, out: &mut Output) {
    let status = match ran.code {
        Some(c) => format!("exit code {c}"),
        None => "unknown reason (the RA couldn't run?)".to_string(),
    };
    out.progress(&format!(
        "{}\n",
        Told::RsctestHost {
            node: node.to_string(),
            status
        }
    ));
    for (what, text) in [("stderr", &ran.stderr), ("stdout", &ran.stdout)] {
        if !text.is_empty() {
            out.print(&format!("{node} {what}:\n{text}\n"));
        }
    }
}

fn all_stopped(
    drivers: &[Driver],
    nodes: &[String],
    me: &str,
    out: &mut Output,
) -> Result<bool, Failure> {
    let mut all = true;
    out.progress(&Told::RsctestProbing.to_string());
    for d in drivers {
        out.progress(".");
        // A fence device is never "running" (crmsh does not probe it).
        if d.class == "stonith" {
            continue;
        }
        for node in nodes {
            let ran = d.run("probe", node, me);
            if ran.code.is_some() && ran.code == d.stopped {
                continue;
            }
            all = false;
            if ran.code == Some(d.ok) {
                d.warn(node, "running", out);
            } else if d.promotable && ran.code.is_some() && ran.code == d.master {
                d.warn(node, "master", out);
            } else {
                d.warn(node, "not clean", out);
                show_log(node, &ran, out);
            }
        }
    }
    out.progress("\n");
    Ok(all)
}

/// Starts the resources on `node` in turn, then stops the started ones in
/// reverse; false when one did not start.
fn test_node(drivers: &[Driver], node: &str, me: &str, out: &mut Output) -> Result<bool, Failure> {
    out.progress(&format!("testing on {node}:"));
    let mut started: Vec<&Driver> = Vec::new();
    let mut passed = true;
    for d in drivers {
        out.progress(&format!(" {}", d.id));
        let rhcs =
            d.class == "stonith" && (d.kind.starts_with("rhcs/") || d.kind.starts_with("fence_"));
        let ran = if rhcs {
            // crmsh cannot run these agents' way of testing; nothing runs.
            out.error(&Told::RsctestRhcs { id: d.id.clone() }.to_string());
            Ran::default()
        } else {
            let ran = d.run("start", node, me);
            if d.promotable && ran.code == Some(d.ok) {
                d.run("promote", node, me)
            } else {
                ran
            }
        };
        if ran.code == Some(d.ok) {
            started.push(d);
        } else {
            out.progress("\n");
            show_log(node, &ran, out);
            passed = false;
            break;
        }
    }
    if passed {
        out.progress("\n");
    }
    while let Some(d) = started.pop() {
        // A fence device has nothing to stop.
        if d.class == "stonith" {
            continue;
        }
        if d.promotable {
            d.run("demote", node, me);
        }
        let ran = d.run("stop", node, me);
        if ran.code != Some(d.ok) {
            out.error(
                &Told::RsctestStopFailed {
                    id: d.id.clone(),
                    node: node.to_string(),
                }
                .to_string(),
            );
            show_log(node, &ran, out);
        }
    }
    Ok(passed)
}
