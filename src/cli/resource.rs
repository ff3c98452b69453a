//! The `resource` level. start/stop/manage/unmanage change meta attributes
//! in the CIB and commit like `configure` does (same conflict check);
//! the rest are `crm_resource`/`crm_failcount` calls.

use super::commit::{commit, CommitOptions};
use super::{run_tool, usage, Failure, Output};
use crate::cib::process::Call;
use crate::cib::{at_path_mut, find_object, Backend, Cib};
use crate::error::{Error, ErrorKind};
use crate::ids::IdStore;
use crate::xml::{Element, Node};

pub fn run(
    backend: &dyn Backend,
    words: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    match words {
        [] => Err(usage("resource: give a command, e.g. `crm resource status`").into()),
        ["status" | "show" | "list"] => run_tool(&Call::new("crm_resource").arg("--list"), out),
        ["status" | "show" | "list", ids @ ..] | ["locate", ids @ ..] if !ids.is_empty() => {
            for id in ids {
                run_tool(&rsc(id).arg("--locate"), out)?;
            }
            Ok(())
        }
        ["start", ids @ ..] => set_meta_all(backend, ids, "target-role", "Started", opts, out),
        ["stop", ids @ ..] => set_meta_all(backend, ids, "target-role", "Stopped", opts, out),
        ["manage", ids @ ..] => set_meta_all(backend, ids, "is-managed", "true", opts, out),
        ["unmanage", ids @ ..] => set_meta_all(backend, ids, "is-managed", "false", opts, out),
        ["maintenance", id, rest @ ..] if rest.len() <= 1 => {
            let value = match rest.first().map(|v| v.to_ascii_lowercase()).as_deref() {
                None | Some("on" | "true") => "true",
                Some("off" | "false") => "false",
                Some(_) => {
                    return Err(crate::error::Error::new(ErrorKind::CommandFailed {
                        command: "resource.maintenance".into(),
                        message: "Expected <resource> [on|off|true|false]".into(),
                    })
                    .into())
                }
            };
            set_meta_all(backend, &[id], "maintenance", value, opts, out)
        }
        ["restart", ids @ ..] => {
            // The start must see the stop done, whatever -w says.
            let stop = CommitOptions { wait: true, ..opts };
            set_meta_all(backend, ids, "target-role", "Stopped", stop, out)?;
            set_meta_all(backend, ids, "target-role", "Started", opts, out)
        }
        ["cleanup", rest @ ..] => refresh_like("--cleanup", rest, opts, out),
        ["refresh", rest @ ..] => refresh_like("--refresh", rest, opts, out),
        ["move" | "migrate", rest @ ..] => move_like("--move", rest, opts, out),
        ["ban", rest @ ..] => move_like("--ban", rest, opts, out),
        ["clear" | "unmove" | "unmigrate" | "unban", id, node @ ..] if node.len() <= 1 => {
            // With a node, only the constraints for that node go.
            let mut call = Call::new("crm_resource").args(["--quiet", "--clear", "--resource", id]);
            if let [n] = node {
                call = call.args(["--node", n]);
            }
            run_tool(&call, out)?;
            settle(opts, out)
        }
        ["param", id, rest @ ..] => parameter(id, rest, &[], opts, out),
        ["meta", id, rest @ ..] => parameter(id, rest, &["--meta"], opts, out),
        ["utilization", id, rest @ ..] => parameter(id, rest, &["--utilization"], opts, out),
        ["failcount", id, rest @ ..] => failcount(id, rest, out),
        ["operations", rest @ ..] => {
            let mut c = Call::new("crm_resource").arg("-O");
            if let Some(r) = rest.first() {
                c = c.args(["-r", r]);
            }
            if let Some(n) = rest.get(1) {
                c = c.args(["-N", n]);
            }
            run_tool(&c, out)
        }
        ["constraints", id] => run_tool(&rsc(id).arg("-a"), out),
        _ => Err(super::bad_arguments(super::Level::Resource, words).into()),
    }
}

fn rsc(id: &str) -> Call {
    Call::new("crm_resource").args(["--resource", id])
}

fn settle(opts: CommitOptions, out: &mut Output) -> Result<(), Failure> {
    if opts.wait {
        super::status::wait_for_idle(out)?;
    }
    Ok(())
}

/// One session for all named resources: one read, one commit.
fn set_meta_all(
    backend: &dyn Backend,
    ids: &[&str],
    name: &str,
    value: &str,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    if ids.is_empty() {
        return Err(
            usage("usage: resource start|stop|restart|manage|unmanage RESOURCE ...").into(),
        );
    }
    let started = backend.read()?;
    let mut cib = started.clone();
    for id in ids {
        for note in set_meta(&mut cib, id, name, value)? {
            out.info(&note);
        }
    }
    commit(backend, &started, cib, opts, out)
}

/// Sets meta attribute `name` on the resource — on its clone when it is a
/// clone's child, since the clone decides for all instances — and removes
/// the same attribute from the resources inside it, which would otherwise
/// override it. Returns notes about what else changed.
pub fn set_meta(cib: &mut Cib, id: &str, name: &str, value: &str) -> Result<Vec<String>, Error> {
    let conf = cib.configuration();
    let obj = find_object(conf, id, false)
        .filter(|o| o.kind.is_resource())
        .ok_or_else(|| Error::new(ErrorKind::NoSuchResource { id: id.to_string() }))?;
    let mut path = obj.path.clone();
    if path.len() > 2 {
        let parent = &path[..path.len() - 1];
        let is_clone =
            objects_at(conf, parent).is_some_and(|p| matches!(p.name.as_str(), "clone" | "master"));
        if is_clone {
            path.pop();
        }
    }
    let mut store = IdStore::from_tree(conf);
    let Some(target) = at_path_mut(cib.configuration_mut(), &path) else {
        return Err(Error::new(ErrorKind::NoSuchResource { id: id.to_string() }));
    };
    let mut notes = Vec::new();
    let target_id = target.id().unwrap_or(id).to_string();
    for child in target.elements_mut() {
        if matches!(
            child.name.as_str(),
            "primitive" | "group" | "clone" | "master"
        ) {
            remove_meta_deep(child, name, &mut notes);
        }
    }
    if target.child("meta_attributes").is_none() {
        let set_id = store.free(&format!("{target_id}-meta_attributes"));
        store.insert(&set_id);
        // Before the children and operations, where crmsh puts it.
        let at = target
            .children
            .iter()
            .position(|n| {
                matches!(n, Node::Element(e)
                    if matches!(e.name.as_str(), "operations" | "primitive" | "group"))
            })
            .unwrap_or(target.children.len());
        target.children.insert(
            at,
            Node::Element(Element::new("meta_attributes").with_attr("id", &set_id)),
        );
    }
    let Some(set) = target.child_mut("meta_attributes") else {
        return Err(Error::new(ErrorKind::NoSuchResource { id: id.to_string() }));
    };
    let set_id = set.id().unwrap_or_default().to_string();
    let existing = set
        .elements()
        .position(|p| p.name == "nvpair" && p.get("name") == Some(name));
    match existing.and_then(|i| set.elements_mut().nth(i)) {
        Some(pair) => pair.set("value", value),
        None => {
            let pair_id = store.free(&format!("{set_id}-{name}"));
            set.push(
                Element::new("nvpair")
                    .with_attr("name", name)
                    .with_attr("value", value)
                    .with_attr("id", &pair_id),
            );
        }
    }
    Ok(notes)
}

fn objects_at<'a>(conf: &'a Element, path: &[usize]) -> Option<&'a Element> {
    let mut e = conf;
    for i in path {
        e = match e.children.get(*i)? {
            Node::Element(c) => c,
            _ => return None,
        };
    }
    Some(e)
}

fn remove_meta_deep(e: &mut Element, name: &str, notes: &mut Vec<String>) {
    let id = e.id().unwrap_or("").to_string();
    for set in e.elements_mut().filter(|s| s.name == "meta_attributes") {
        let before = set.children.len();
        set.children.retain(
            |n| !matches!(n, Node::Element(p) if p.name == "nvpair" && p.get("name") == Some(name)),
        );
        if set.children.len() != before {
            notes.push(format!(
                "removed {name} from {id}, where it would override the new value"
            ));
        }
    }
    for child in e.elements_mut() {
        if matches!(
            child.name.as_str(),
            "primitive" | "group" | "clone" | "master"
        ) {
            remove_meta_deep(child, name, notes);
        }
    }
}

/// `cleanup|refresh [RESOURCE] [NODE] [force]`.
fn refresh_like(
    flag: &str,
    words: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let force = words.contains(&"force");
    let words: Vec<&str> = words.iter().copied().filter(|w| *w != "force").collect();
    let mut c = Call::new("crm_resource").arg(flag);
    match words.as_slice() {
        [] => {}
        [r] => c = c.args(["--resource", r]),
        [r, n] => c = c.args(["--resource", r, "--node", n]),
        _ => {
            return Err(usage(&format!(
                "usage: resource {} [RESOURCE] [NODE] [force]",
                &flag[2..]
            ))
            .into())
        }
    }
    if force {
        c = c.arg("--force");
    }
    run_tool(&c, out)?;
    settle(opts, out)
}

/// `move|ban RESOURCE [NODE] [LIFETIME] [force]`; a lifetime is an ISO
/// 8601 duration (`P…`/`PT…`).
fn move_like(
    flag: &str,
    words: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let force = words.contains(&"force");
    let words: Vec<&str> = words.iter().copied().filter(|w| *w != "force").collect();
    let Some((id, rest)) = words.split_first() else {
        return Err(usage(&format!(
            "usage: resource {} RESOURCE [NODE] [LIFETIME] [force]",
            &flag[2..]
        ))
        .into());
    };
    let mut c = Call::new("crm_resource").args(["--quiet", flag, "--resource", id]);
    let mut node = None;
    for w in rest {
        if w.starts_with('P') && w.len() > 1 {
            c = c.args(["--lifetime", w]);
        } else if node.is_none() {
            node = Some(*w);
            c = c.args(["--node", w]);
        } else {
            return Err(usage(&format!("resource {}: unexpected '{w}'", &flag[2..])).into());
        }
    }
    if flag == "--move" && node.is_none() && !force {
        return Err(usage("resource move: name the node to move to, or add `force` to move it away from where it runs").into());
    }
    if force {
        c = c.arg("--force");
    }
    run_tool(&c, out)?;
    settle(opts, out)
}

/// `param|meta|utilization RESOURCE set|delete|show NAME [VALUE]`.
fn parameter(
    id: &str,
    words: &[&str],
    extra: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let base = || rsc(id).args(extra.iter().copied());
    match words {
        ["set", name, value] => {
            run_tool(
                &base().args(["--set-parameter", name, "--parameter-value", value]),
                out,
            )?;
            settle(opts, out)
        }
        ["delete", name] => {
            run_tool(&base().args(["--delete-parameter", name]), out)?;
            settle(opts, out)
        }
        ["show", name] => run_tool(&base().args(["--get-parameter", name]), out),
        [sub, ..] if !ACTIONS.contains(sub) => Err(super::expected_word(sub, ACTIONS).into()),
        _ => Err(usage(
            "usage: resource param|meta|utilization RESOURCE set|delete|show NAME [VALUE]",
        )
        .into()),
    }
}

const ACTIONS: &[&str] = &["set", "delete", "show"];

/// `failcount RESOURCE set|delete|show NODE [VALUE]`.
fn failcount(id: &str, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let fc = |node: &str| Call::new("crm_failcount").args(["-r", id, "-N", node]);
    match words {
        ["show", node] => run_tool(&fc(node).arg("-G"), out),
        ["delete", node] | ["set", node, "0"] => run_tool(&fc(node).arg("-D"), out),
        ["set", node, value] => run_tool(
            &Call::new("crm_attribute").args([
                "-t",
                "status",
                "-n",
                &format!("fail-count-{id}"),
                "-N",
                node,
                "-v",
                value,
            ]),
            out,
        ),
        [sub, ..] if !ACTIONS.contains(sub) => Err(super::expected_word(sub, ACTIONS).into()),
        _ => Err(usage("usage: resource failcount RESOURCE set|delete|show NODE [VALUE]").into()),
    }
}
