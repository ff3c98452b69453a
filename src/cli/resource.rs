//! The `resource` level, as crmsh 4.4 runs it. start/stop/restart,
//! manage/unmanage, maintenance and trace/untrace change the CIB and
//! commit like `configure` does (same conflict check); the rest are calls
//! of Pacemaker's `crm_resource`, `crm_failcount`, `crm_attribute`,
//! `crm_simulate` and `cibsecret`.

use super::commit::{commit_quietly, CommitOptions};
use super::resource_meta::{is_promotable, set_deep_meta, Answers, ManageChildren};
use super::resource_trace::{self as tracing, TRACE_ROOT};
use super::{run_tool, Failure, Level, Output};
use crate::cib::process::Call;
use crate::cib::{find_object, Backend, Cib};
use crate::error::{CommandError, Error, ErrorKind};
use crate::notice::Said;

pub fn run(
    backend: &dyn Backend,
    words: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    super::alias_notice(Level::Resource, words, out);
    if super::json_mode::requested("resource", words) {
        return json(backend, words, out);
    }
    match words {
        ["status" | "show" | "list"] => run_tool(&Call::new("crm_resource").arg("--list"), out),
        ["status" | "show" | "list", ids @ ..] => {
            for id in ids {
                run_tool(
                    &Call::new("crm_resource").args(["--locate", "--resource", id]),
                    out,
                )?;
            }
            Ok(())
        }
        ["locate", ids @ ..] if !ids.is_empty() => {
            for id in ids {
                run_tool(&rsc(id).arg("--locate"), out)?;
            }
            Ok(())
        }
        ["start", ids @ ..] if !ids.is_empty() => {
            set_meta_all(backend, ids, "target-role", "Started", opts, out)
        }
        ["stop", ids @ ..] if !ids.is_empty() => {
            set_meta_all(backend, ids, "target-role", "Stopped", opts, out)
        }
        ["manage", ids @ ..] if !ids.is_empty() => {
            set_meta_all(backend, ids, "is-managed", "true", opts, out)
        }
        ["unmanage", ids @ ..] if !ids.is_empty() => {
            set_meta_all(backend, ids, "is-managed", "false", opts, out)
        }
        ["restart", ids @ ..] if !ids.is_empty() => {
            let rscs = ids.join(", ");
            out.info(
                &Said::Ordering {
                    rscs: rscs.clone(),
                    to: "stop",
                }
                .to_string(),
            );
            // The start must see the stop done, whatever -w says.
            let stop = CommitOptions { wait: true, ..opts };
            set_meta_all(backend, ids, "target-role", "Stopped", stop, out)?;
            out.info(&Said::Ordering { rscs, to: "start" }.to_string());
            set_meta_all(backend, ids, "target-role", "Started", opts, out)
        }
        ["maintenance", id] => set_meta_all(backend, &[id], "maintenance", "true", opts, out),
        ["maintenance", id, onoff] => {
            let value = match onoff.to_ascii_lowercase().as_str() {
                "on" | "true" => "true",
                "off" | "false" => "false",
                _ => {
                    return Err(Error::from(CommandError::ExpectedOnOff {
                        word: onoff.to_string(),
                    })
                    .into())
                }
            };
            set_meta_all(backend, &[id], "maintenance", value, opts, out)
        }
        ["promote", id] => set_role(backend, id, "Master", opts, out),
        ["demote", id] => set_role(backend, id, "Slave", opts, out),
        ["cleanup", rest @ ..] if rest.len() <= 3 => refresh_like("cleanup", rest, opts, out),
        ["refresh" | "reprobe", rest @ ..] if rest.len() <= 3 => {
            refresh_like("refresh", rest, opts, out)
        }
        ["move" | "migrate", id, rest @ ..] => move_like(backend, "move", id, rest, opts, out),
        ["ban", id, rest @ ..] => move_like(backend, "ban", id, rest, opts, out),
        ["clear" | "unmove" | "unmigrate" | "unban", id, node @ ..] if node.len() <= 1 => {
            // With a node, only the constraints for that node go.
            let mut call = Call::new("crm_resource").args(["--quiet", "--clear", "--resource", id]);
            if let [n] = node {
                call = call.args(["--node", n]);
            }
            run_tool(&call, out)?;
            out.info(
                &Said::ConstraintsRemoved {
                    rsc: id.to_string(),
                }
                .to_string(),
            );
            settle(opts, out)
        }
        ["param", id, rest @ ..] => parameter("param", id, rest, &[], opts, out),
        ["meta", id, rest @ ..] => parameter("meta", id, rest, &["--meta"], opts, out),
        ["utilization", id, rest @ ..] => {
            parameter("utilization", id, rest, &["--utilization"], opts, out)
        }
        ["secret", id, rest @ ..] => secret(id, rest, out),
        ["failcount", id, rest @ ..] => failcount(backend, id, rest, opts, out),
        ["operations", rest @ ..] if rest.len() <= 2 => {
            let mut c = Call::new("crm_resource").arg("-O");
            if let Some(r) = rest.first() {
                c = c.args(["-r", r]);
            }
            if let Some(n) = rest.get(1) {
                c = c.args(["-N", n]);
            }
            run_tool(&c, out)
        }
        ["constraints", id] => run_tool(&Call::new("crm_resource").args(["-a", "-r", id]), out),
        ["scores"] => run_tool(&Call::new("crm_simulate").arg("-sUL"), out),
        ["trace", id, rest @ ..] => trace(backend, id, rest, opts, out),
        ["untrace", id, rest @ ..] if rest.len() <= 2 => untrace(
            backend,
            id,
            rest.first().copied(),
            rest.get(1).copied(),
            opts,
            out,
        ),
        _ => Err(super::bad_arguments(Level::Resource, words).into()),
    }
}

/// `status|locate|scores|failcount|operations|constraints … json`.
fn json(backend: &dyn Backend, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    use super::json_mode::tool_xml;
    let (_, words) = super::json_mode::strip(words);
    let text = match words.as_slice() {
        ["status" | "show" | "list", ids @ ..] => {
            let root = tool_xml(super::status::crm_mon_xml())?;
            for id in ids {
                if find_object(backend.read()?.configuration(), id, false).is_none() {
                    return Err(Error::new(ErrorKind::NoSuchResource { id: id.to_string() }).into());
                }
            }
            crate::json::render(&crate::json::resource_status(&root, ids))
        }
        ["locate", ids @ ..] if !ids.is_empty() => {
            let mut resources = Vec::new();
            for id in ids {
                let root = tool_xml(rsc(id).arg("--locate"))?;
                resources.push(crate::json::location(id, &root));
            }
            crate::json::render(&crate::json::Locations { resources })
        }
        ["operations", rest @ ..] if rest.len() <= 2 => {
            let mut c = Call::new("crm_resource").arg("-O");
            if let Some(r) = rest.first() {
                c = c.args(["-r", r]);
            }
            if let Some(n) = rest.get(1) {
                c = c.args(["-N", n]);
            }
            crate::json::render(&crate::json::operations(&tool_xml(c)?))
        }
        ["constraints", id] => {
            let root = tool_xml(Call::new("crm_resource").args(["-a", "-r", id]))?;
            crate::json::render(&crate::json::constraints(id, &root))
        }
        ["scores"] => {
            // Not -U: with it crm_simulate 2.1 leaves the scores out of its XML.
            let root = tool_xml(Call::new("crm_simulate").arg("-sL"))?;
            crate::json::render(&crate::json::scores(&root))
        }
        ["failcount", id, "show", node] => {
            let cib = backend.read()?;
            failcount_target(&cib, id, node)?;
            crate::json::render(&crate::json::fail_counts(&cib.root, id, node))
        }
        _ => return Err(super::bad_arguments(Level::Resource, &words).into()),
    };
    out.print(&text);
    Ok(())
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
    let started = backend.read()?;
    let mut cib = started.clone();
    {
        let mut answers = Answers {
            force: opts.force,
            manage_children: ManageChildren::in_force(),
            out,
        };
        for id in ids {
            set_deep_meta(&mut cib, id, name, value, &mut answers)?;
        }
    }
    commit_quietly(backend, &started, cib, opts, out)
}

/// `promote`/`demote`: `target-role` through crm_resource, on a
/// promotable clone only. crmsh 4.4 writes the old role names
/// (`Master`/`Slave`), which Pacemaker 2.1 still reads.
fn set_role(
    backend: &dyn Backend,
    id: &str,
    role: &str,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    if !is_promotable(&backend.read()?, id) {
        return Err(Error::from(CommandError::NotPromotable {
            rsc: id.to_string(),
        })
        .into());
    }
    run_tool(
        &Call::new("crm_resource").args([
            "--meta",
            "--resource",
            id,
            "--set-parameter",
            "target-role",
            "--parameter-value",
            role,
        ]),
        out,
    )?;
    settle(opts, out)
}

/// `cleanup|refresh [RESOURCE] [NODE] [force]`.
fn refresh_like(
    action: &str,
    words: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let force = words.contains(&"force");
    let words: Vec<&str> = words.iter().copied().filter(|w| *w != "force").collect();
    let mut c = Call::new("crm_resource").arg(format!("--{action}"));
    match words.as_slice() {
        [] => {}
        [r] => c = c.args(["--resource", r]),
        [r, n] => c = c.args(["--resource", r, "--node", n]),
        _ => return Err(super::bad_arguments(Level::Resource, &[action]).into()),
    }
    if force {
        c = c.arg("--force");
    }
    run_tool(&c, out)?;
    settle(opts, out)
}

/// Whether crmsh would take `word` for a lifetime: `reboot`, `forever`,
/// or something that looks like an ISO 8601 duration or time.
fn is_lifetime(word: &str) -> bool {
    if matches!(word, "reboot" | "forever") {
        return true;
    }
    let b = word.as_bytes();
    let duration = b.first() == Some(&b'P')
        && (b.get(1).is_some_and(u8::is_ascii_digit)
            || (b.get(1) == Some(&b'T') && b.get(2).is_some_and(u8::is_ascii_digit)));
    let time = b.first().is_some_and(u8::is_ascii_digit)
        && b.iter().skip(1).any(|c| matches!(c, b':' | b'-'));
    duration || time
}

/// The node names crmsh matches against: the CIB's nodes and remote
/// nodes from the status.
fn our_node(cib: &Cib, word: &str) -> Option<String> {
    let mut names = cib.node_names();
    if let Some(status) = cib.root.child("status") {
        names.extend(
            status
                .elements()
                .filter(|s| s.get("remote_node") == Some("true"))
                .filter_map(|s| s.get("uname").map(String::from)),
        );
    }
    names.into_iter().find(|n| n.eq_ignore_ascii_case(word))
}

/// `move|ban RESOURCE [NODE] [LIFETIME] [force]`.
fn move_like(
    backend: &dyn Backend,
    action: &'static str,
    id: &str,
    words: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let force = words.contains(&"force") || opts.force;
    let words: Vec<&str> = words.iter().copied().filter(|w| *w != "force").collect();
    let cib = backend.read()?;
    let (node, lifetime) = match words.as_slice() {
        [] => (None, None),
        [one] => match our_node(&cib, one) {
            Some(_) => (Some(one.to_string()), None),
            None => (None, is_lifetime(one).then(|| one.to_string())),
        },
        [n, l] => {
            if our_node(&cib, n).is_none() {
                return Err(Error::from(CommandError::NotOurNode {
                    node: n.to_string(),
                })
                .into());
            }
            (Some(n.to_string()), is_lifetime(l).then(|| l.to_string()))
        }
        _ => return Err(super::bad_arguments(Level::Resource, &[action]).into()),
    };
    if action == "move" && node.is_none() && !force {
        return Err(Error::from(CommandError::NoTargetNode).into());
    }
    let mut c = Call::new("crm_resource");
    c = match action {
        "move" => c.args(["--quiet", "--move", "--resource", id]),
        _ => c.args(["--ban", "--resource", id]),
    };
    if let Some(n) = &node {
        c = c.args(["--node", n]);
    }
    if let Some(l) = &lifetime {
        c = c.args(["--lifetime", l]);
    }
    if force {
        c = c.arg("--force");
    }
    run_tool(&c, out)?;
    let action = if action == "move" { "Move" } else { "Ban" };
    out.info(
        &Said::ConstraintCreated {
            action,
            rsc: id.to_string(),
            node,
        }
        .to_string(),
    );
    out.info(
        &Said::UseClear {
            rsc: id.to_string(),
        }
        .to_string(),
    );
    settle(opts, out)
}

const ACTIONS: &[&str] = &["set", "delete", "show"];

/// `param|meta|utilization RESOURCE set|delete|show NAME [VALUE]`.
fn parameter(
    command: &str,
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
        _ => Err(super::bad_arguments(Level::Resource, &[command]).into()),
    }
}

const SECRET_ACTIONS: &[&str] = &["set", "stash", "unstash", "delete", "show", "check"];

/// `secret RESOURCE set|stash|unstash|delete|show|check PARAM [VALUE]`:
/// Pacemaker's `cibsecret` keeps the value in a local file (and copies
/// it to the other live nodes over ssh) with a reference in the CIB.
fn secret(id: &str, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let call = match words {
        ["set", name, value] => Call::new("cibsecret").args(["set", id, name, value]),
        ["show", name] => Call::new("cibsecret").args(["get", id, name]),
        [sub @ ("stash" | "unstash" | "delete" | "check"), name] => {
            Call::new("cibsecret").args([*sub, id, name])
        }
        [sub, ..] if !SECRET_ACTIONS.contains(sub) => {
            return Err(super::expected_word(sub, SECRET_ACTIONS).into())
        }
        _ => return Err(super::bad_arguments(Level::Resource, &["secret"]).into()),
    };
    let result = call.run()?;
    out.print(&result.stdout);
    if !result.stderr.trim().is_empty() {
        out.progress(&result.stderr);
    }
    if result.success() {
        return Ok(());
    }
    // cibsecret says what went wrong ("ERROR: …" on stdout, just shown),
    // and crmsh adds nothing; a frame repeating it would also show the
    // command line, the value of `set` among it.
    if result.stdout.contains("ERROR:") || result.stderr.contains("ERROR:") {
        return Err(Error::new(ErrorKind::Reported).into());
    }
    Err(call.failure(&result).into())
}

/// The fail counts of `rsc` on `node` in the status section, as
/// (operation, interval in ms) from `fail-count-RSC#OP_INTERVAL`.
fn fail_counts(cib: &Cib, rsc: &str, node: &str) -> Vec<(String, String)> {
    let prefix = format!("fail-count-{rsc}#");
    let mut found = Vec::new();
    let Some(status) = cib.root.child("status") else {
        return found;
    };
    for state in status.elements().filter(|s| s.name == "node_state") {
        if state.get("uname") != Some(node) && state.id() != Some(node) {
            continue;
        }
        state.walk(&mut |e| {
            if e.name != "nvpair" {
                return;
            }
            let Some(rest) = e.get("name").and_then(|n| n.strip_prefix(prefix.as_str())) else {
                return;
            };
            if let Some((op, interval)) = rest.rsplit_once('_') {
                found.push((op.to_string(), interval.to_string()));
            }
        });
    }
    found
}

/// Milliseconds as crmsh shows an interval to choose from (seconds).
fn secs(ms: &str) -> &str {
    ms.strip_suffix("000").unwrap_or(ms)
}

/// A fail count names a resource of the CIB and one of its nodes (the
/// text and the JSON form of `failcount` refuse the same way).
fn failcount_target(cib: &Cib, id: &str, node: &str) -> Result<(), Failure> {
    let is_resource =
        find_object(cib.configuration(), id, false).is_some_and(|o| o.kind.is_resource());
    if !is_resource {
        return Err(Error::from(CommandError::FailCountNoResource {
            rsc: id.to_string(),
        })
        .into());
    }
    if !cib.node_names().iter().any(|n| n == node) {
        return Err(Error::new(ErrorKind::NoSuchNode {
            node: node.to_string(),
        })
        .into());
    }
    Ok(())
}

/// `failcount RESOURCE set|delete|show NODE [VALUE [OP [INTERVAL]]]`.
fn failcount(
    backend: &dyn Backend,
    id: &str,
    words: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let fc = |node: &str| Call::new("crm_failcount").args(["-r", id, "-N", node]);
    let (sub, node, rest) = match words {
        [sub, node, rest @ ..] => (*sub, *node, rest),
        [sub] if !ACTIONS.contains(sub) => return Err(super::expected_word(sub, ACTIONS).into()),
        _ => return Err(super::bad_arguments(Level::Resource, &["failcount"]).into()),
    };
    if !ACTIONS.contains(&sub) {
        return Err(super::expected_word(sub, ACTIONS).into());
    }
    let cib = backend.read()?;
    failcount_target(&cib, id, node)?;
    match (sub, rest) {
        ("show", []) => run_tool(&fc(node).arg("-G"), out),
        ("delete", []) => {
            run_tool(&fc(node).arg("-D"), out)?;
            settle(opts, out)
        }
        ("set", [value, more @ ..]) if more.len() <= 2 => {
            let call = failcount_set(&cib, id, node, value, more.first(), more.get(1))?;
            if let Some(call) = call {
                run_tool(&call, out)?;
            }
            settle(opts, out)
        }
        _ => Err(super::bad_arguments(Level::Resource, &["failcount"]).into()),
    }
}

/// crmsh's rules for which fail count `set` writes: the only one, the one
/// named by operation (and interval), or with 0 all of them by pattern.
fn failcount_set(
    cib: &Cib,
    id: &str,
    node: &str,
    value: &str,
    op: Option<&&str>,
    interval: Option<&&str>,
) -> Result<Option<Call>, Failure> {
    let counts = fail_counts(cib, id, node);
    let zero = value.trim().parse::<i64>().ok() == Some(0);
    if counts.is_empty() {
        if zero {
            return Ok(None);
        }
        return Err(Error::from(CommandError::NoFailCount {
            rsc: id.to_string(),
            node: node.to_string(),
        })
        .into());
    }
    let choices = || {
        counts
            .iter()
            .map(|(o, i)| format!("({o}, {})", secs(i)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let ambiguous = || {
        Failure::from(Error::from(CommandError::FailCountAmbiguous {
            rsc: id.to_string(),
            choices: choices(),
        }))
    };
    if let Some(op) = op {
        if !counts.iter().any(|(o, _)| o == *op) {
            return Err(ambiguous());
        }
        if let Some(iv) = interval {
            let ms = format!("{iv}000");
            if !counts.iter().any(|(o, i)| o == *op && *i == ms) {
                return Err(ambiguous());
            }
        }
    }
    let attribute = |name: String, flag: &str| {
        Call::new("crm_attribute").args(["-t", "status", flag, &name, "-N", node, "-v", value])
    };
    let name = match (counts.as_slice(), op, interval) {
        ([(o, i)], _, _) => format!("fail-count-{id}#{o}_{i}"),
        (_, Some(o), Some(iv)) => format!("fail-count-{id}#{o}_{iv}000"),
        (_, op, _) if zero => {
            let alternatives: Vec<String> = counts
                .iter()
                .filter(|(o, _)| op.is_none_or(|op| o == *op))
                .map(|(o, i)| format!("{o}_{i}"))
                .collect();
            let pattern = format!("fail-count-{id}#({})", alternatives.join("|"));
            return Ok(Some(attribute(pattern, "-P")));
        }
        (_, Some(o), None) => {
            let of_op: Vec<&(String, String)> = counts.iter().filter(|(x, _)| x == *o).collect();
            match of_op.as_slice() {
                [(x, i)] => format!("fail-count-{id}#{x}_{i}"),
                _ => return Err(ambiguous()),
            }
        }
        _ => return Err(ambiguous()),
    };
    Ok(Some(attribute(name, "-n")))
}

/// `trace RSC [OP] [INTERVAL] [DIR]`.
fn trace(
    backend: &dyn Backend,
    id: &str,
    words: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let req = tracing::parse_request(words)?;
    let started = backend.read()?;
    let mut cib = started.clone();
    tracing::trace(&mut cib, id, &req)?;
    let kind = tracing::agent_type(&cib, id);
    commit_quietly(backend, &started, cib, opts, out)?;
    let dir = match &req.dir {
        Some(d) => d.clone(),
        None => format!("{TRACE_ROOT}/{kind}"),
    };
    out.info(
        &Said::TraceWritten {
            rsc: id.to_string(),
            op: req.op.clone(),
            dir,
        }
        .to_string(),
    );
    out.info(
        &Said::TraceRestart {
            rsc: id.to_string(),
            op: req.op,
        }
        .to_string(),
    );
    Ok(())
}

fn untrace(
    backend: &dyn Backend,
    id: &str,
    op: Option<&str>,
    interval: Option<&str>,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let started = backend.read()?;
    let mut cib = started.clone();
    tracing::untrace(&mut cib, id, op, interval)?;
    commit_quietly(backend, &started, cib, opts, out)?;
    let op = op.map(|o| if o == "probe" { "monitor" } else { o });
    out.info(
        &Said::TraceStopped {
            rsc: id.to_string(),
            op: op.map(String::from),
        }
        .to_string(),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_are_told_from_node_names_as_crmsh_does() {
        for w in ["PT1H", "P1D", "2026-12-01", "12:00", "reboot", "forever"] {
            assert!(is_lifetime(w), "{w}");
        }
        for w in ["node1", "P", "PTX", "n-1"] {
            assert!(!is_lifetime(w), "{w}");
        }
    }
}
