//! `node fence|clearstate|delete|server`: the node commands that act on a
//! node's membership and state rather than its attributes, as crmsh 4.4
//! runs them. The first three ask first (`-F` answers yes; a script that
//! cannot be asked is refused).

use super::commit::CommitOptions;
use super::confirm::{cannot_ask, confirm};
use super::{run_tool, Failure, Output};
use crate::cib::process::Call;
use crate::cib::{Backend, Cib};
use crate::error::{CommandError, Error, ErrorKind};
use crate::notice::Said;

fn settle(opts: CommitOptions, out: &mut Output) -> Result<(), Failure> {
    if opts.wait {
        super::status::wait_for_idle(out)?;
    }
    Ok(())
}

/// Asks `question`; a no is an error saying why nothing happened. With
/// `-F` nothing is asked nor said (crmsh tests its force option before
/// it would ask).
fn require_yes(
    question: Said,
    what: &str,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    if opts.force {
        return Ok(());
    }
    if cannot_ask(opts.force) {
        return Err(Error::from(CommandError::NeedsForce {
            what: what.to_string(),
        })
        .into());
    }
    if confirm(&question, opts.force, out) {
        return Ok(());
    }
    Err(Error::from(CommandError::Declined {
        what: what.to_string(),
    })
    .into())
}

fn node_state<'a>(cib: &'a Cib, node: &str) -> Option<&'a crate::xml::Element> {
    cib.root
        .child("status")?
        .elements()
        .find(|s| s.name == "node_state" && s.get("uname") == Some(node))
}

/// `fence NODE`: the controller fences a cluster node when its
/// `terminate` status attribute is set; a remote node is fenced by the
/// fencer directly.
pub fn fence(
    backend: &dyn Backend,
    node: &str,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let what = format!("node fence {node}");
    require_yes(Said::AskFence { node: node.into() }, &what, opts, out)?;
    let remote =
        node_state(&backend.read()?, node).is_some_and(|s| s.get("remote_node") == Some("true"));
    let call = if remote {
        Call::new("stonith_admin").args(["-F", node])
    } else {
        Call::new("crm_attribute").args([
            "-t",
            "status",
            "-N",
            node,
            "-n",
            "terminate",
            "-v",
            "true",
        ])
    };
    run_tool(&call, out)?;
    settle(opts, out)
}

/// `clearstate NODE`: an online node gets its resources' state cleaned
/// up; an offline one is confirmed as fenced, so the cluster takes it as
/// cleanly down.
pub fn clearstate(
    backend: &dyn Backend,
    node: &str,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let what = format!("node clearstate {node}");
    require_yes(Said::AskClearState { node: node.into() }, &what, opts, out)?;
    let cib = backend.read()?;
    let state = node_state(&cib, node);
    let call = if state.is_some_and(|s| s.get("crmd") == Some("online")) {
        Call::new("crm_resource").args(["--cleanup", "--node", node])
    } else if state.is_some_and(|s| {
        s.get("in_ccm")
            .is_some_and(|v| v != "false" && !v.is_empty())
    }) {
        return Err(Error::from(CommandError::NodeInMembership { node: node.into() }).into());
    } else {
        Call::new("stonith_admin").args(["--confirm", node])
    };
    run_tool(&call, out)?;
    settle(opts, out)
}

/// `delete NODE`: out of the membership (`crm_node -R`) and out of the
/// CIB's nodes and status sections. A node the membership still lists is
/// refused unless `-F`.
pub fn delete(
    backend: &dyn Backend,
    node: &str,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let cib = backend.read()?;
    let known = cib
        .node_names()
        .iter()
        .any(|n| n.eq_ignore_ascii_case(node))
        || node_state(&cib, node).is_some_and(|s| s.get("remote_node") == Some("true"));
    if !known {
        return Err(Error::new(ErrorKind::NoSuchNode { node: node.into() }).into());
    }
    let partition = Call::new("crm_node").arg("-p").run()?;
    let active = partition.stdout.split_whitespace().any(|n| n == node);
    let refusal = if partition.stdout.trim().is_empty() {
        Some(Call::new("crm_node").arg("-p").failure(&partition))
    } else if active {
        Some(Error::from(CommandError::NodeStillActive {
            node: node.into(),
        }))
    } else {
        None
    };
    if let Some(refusal) = refusal {
        if !opts.force {
            return Err(refusal.into());
        }
        out.warning(&refusal.to_string());
        out.info(&Said::ProceedingRemoval { node: node.into() }.to_string());
    }
    let removed = Call::new("crm_node").args(["--force", "-R", node]).run()?;
    if !removed.success() {
        let xpath = format!("//nodes/node[@uname='{node}']");
        Call::new("cibadmin")
            .args(["--delete-all", "--force", "--xpath", &xpath])
            .run_ok()?;
    }
    let nodes = Call::new("cibadmin").args([
        "-D",
        "-o",
        "nodes",
        "-X",
        &format!("<node uname=\"{}\"/>", xml_attr(node)),
    ]);
    let status = Call::new("cibadmin").args([
        "-D",
        "-o",
        "status",
        "-X",
        &format!("<node_state uname=\"{}\"/>", xml_attr(node)),
    ]);
    for call in [nodes, status] {
        let o = call.run()?;
        if !o.success() {
            out.warning(&call.failure(&o).to_string());
            return Err(Error::from(CommandError::NodeNotRemoved { node: node.into() }).into());
        }
    }
    out.info(&Said::NodeDeleted { node: node.into() }.to_string());
    Ok(())
}

fn xml_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

/// `server [NODE…]`: a remote node's `server` address, else the node's
/// name, for the named nodes (all of them when none is named).
pub fn server(cib: &Cib, nodes: &[&str], out: &mut Output) -> Result<(), Failure> {
    let mut text = String::new();
    let conf = cib.configuration();
    let Some(section) = conf.child("nodes") else {
        return Ok(());
    };
    for n in section.elements().filter(|e| e.name == "node") {
        let name = n.get("uname").or(n.id()).unwrap_or("");
        if !nodes.is_empty() && !nodes.contains(&name) {
            continue;
        }
        let mut line = name.to_string();
        if n.get("type") == Some("remote") {
            if let Some(server) = remote_server(conf, name) {
                line = server;
            }
        }
        text.push_str(&line);
        text.push('\n');
    }
    for n in nodes {
        if !section
            .elements()
            .any(|e| e.get("uname").or(e.id()) == Some(*n))
        {
            return Err(Error::new(ErrorKind::NoSuchNode {
                node: n.to_string(),
            })
            .into());
        }
    }
    out.print(&text);
    Ok(())
}

/// The `server` parameter of the remote node's connection resource.
fn remote_server(conf: &crate::xml::Element, name: &str) -> Option<String> {
    let obj = crate::cib::find_object(conf, name, false)?;
    let mut found = None;
    obj.elem.walk(&mut |e| {
        if found.is_none() && e.name == "nvpair" && e.get("name") == Some("server") {
            found = e.get("value").map(String::from);
        }
    });
    found
}

/// `maintenance [NODE]`, as crmsh 4.4 does it: the node's
/// `maintenance=true` written in a CIB session, and — where the user
/// agrees — the resources' own `maintenance` (and the conflicting
/// `is-managed`) removed, since they would override the node's.
pub fn maintenance(
    backend: &dyn Backend,
    node: &str,
    value: &str,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let started = backend.read()?;
    let mut cib = started.clone();
    let (attr, conflicting) = ("maintenance", "is-managed");
    let ask = |q: Said, out: &mut Output| confirm(&q, opts.force, out);
    let conf = cib.configuration();
    // Resources moved to another node by `move` are left alone.
    let mut excluded = Vec::new();
    if let Some(cons) = conf.child("constraints") {
        for c in cons.elements().filter(|c| c.name == "rsc_location") {
            if c.get("node").is_some_and(|n| n != node) {
                let id = c.id().unwrap_or("");
                excluded.push(id.strip_prefix("cli-prefer-").unwrap_or(id).to_string());
            }
        }
    }
    let mut targets = Vec::new();
    for o in crate::cib::objects(conf) {
        let kind = o.kind;
        if matches!(
            kind,
            crate::kind::Kind::Primitive | crate::kind::Kind::Group | crate::kind::Kind::Clone
        ) && !excluded.contains(&o.id)
        {
            targets.push((o.id.clone(), o.path.clone()));
        }
    }
    for (id, path) in targets {
        for (name, question) in [
            (
                attr,
                Said::AskAttributeExists {
                    attr: attr.into(),
                    owner: id.clone(),
                },
            ),
            (
                conflicting,
                Said::AskConflictsIn {
                    attr: conflicting.into(),
                    with: attr.into(),
                    owner: id.clone(),
                },
            ),
        ] {
            let has = crate::cib::at_path_mut(cib.configuration_mut(), &path)
                .is_some_and(|e| own_pair(e, "meta_attributes", name));
            if has && ask(question, out) {
                if let Some(e) = crate::cib::at_path_mut(cib.configuration_mut(), &path) {
                    remove_pairs(e, "meta_attributes", name);
                }
            }
        }
    }
    let mut store = crate::ids::IdStore::from_tree(cib.configuration());
    let nodes = cib.section_mut("nodes");
    let Some(n) = nodes
        .elements_mut()
        .find(|n| n.name == "node" && (n.get("uname") == Some(node) || n.id() == Some(node)))
    else {
        return Err(Error::new(ErrorKind::NoSuchNode { node: node.into() }).into());
    };
    let uname = n.get("uname").or(n.id()).unwrap_or(node).to_string();
    if own_pair(n, "instance_attributes", conflicting)
        && ask(
            Said::AskConflictsIn {
                attr: conflicting.into(),
                with: attr.into(),
                owner: uname,
            },
            out,
        )
    {
        remove_pairs(n, "instance_attributes", conflicting);
    }
    if own_pair(n, "instance_attributes", attr) {
        for set in n.elements_mut().filter(|s| s.name == "instance_attributes") {
            for p in set.elements_mut().filter(|p| p.get("name") == Some(attr)) {
                p.set("value", value);
            }
        }
    } else {
        // crmsh's ids: the set `nodes-NODEID`, the pair `SETID-ATTR`,
        // and `id` written first.
        if n.child("instance_attributes").is_none() {
            let set_id = store.free(&format!("nodes-{}", n.id().unwrap_or(node)));
            store.insert(&set_id);
            n.push(crate::xml::Element::new("instance_attributes").with_attr("id", &set_id));
        }
        for set in n.elements_mut().filter(|s| s.name == "instance_attributes") {
            let set_id = set.id().unwrap_or(node).to_string();
            let pair_id = store.free(&format!("{set_id}-{attr}"));
            store.insert(&pair_id);
            set.push(
                crate::xml::Element::new("nvpair")
                    .with_attr("id", &pair_id)
                    .with_attr("name", attr)
                    .with_attr("value", value),
            );
        }
    }
    super::commit::commit_quietly(backend, &started, cib, opts, out)
}

fn own_pair(e: &crate::xml::Element, set: &str, name: &str) -> bool {
    e.elements().filter(|s| s.name == set).any(|s| {
        s.elements()
            .any(|p| p.name == "nvpair" && p.get("name") == Some(name))
    })
}

/// Removes the pairs, and sets left empty.
fn remove_pairs(e: &mut crate::xml::Element, set: &str, name: &str) {
    use crate::xml::Node;
    for s in e.elements_mut().filter(|s| s.name == set) {
        s.children.retain(
            |n| !matches!(n, Node::Element(p) if p.name == "nvpair" && p.get("name") == Some(name)),
        );
    }
    e.children.retain(|n| {
        !matches!(n, Node::Element(s) if s.name == set && s.children.is_empty() && !s.has("id-ref"))
    });
}
