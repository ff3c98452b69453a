//! The `maintenance` level: maintenance mode for one resource or the
//! whole cluster, and resource actions run directly by the agent (out of
//! band, so only while the cluster leaves the resource alone).

use super::agent_call::{pairs, service_call};
use super::commit::{commit_quietly, CommitOptions};
use super::{run_tool, Failure, Level, Output};
use crate::cib::process::Call;
use crate::cib::{find_object, Backend, Cib, Method};
use crate::error::{CommandError, Error, ErrorKind};
use crate::xml::Element;

pub fn run(
    backend: &dyn Backend,
    words: &[&str],
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    match words {
        ["on"] => cluster_mode(backend, "true", opts, out),
        ["off"] => cluster_mode(backend, "false", opts, out),
        ["on", rsc] => resource_mode(rsc, "true", out),
        ["off", rsc] => resource_mode(rsc, "false", out),
        ["action", rsc, action] => action_command(backend, rsc, action, false, opts, out),
        ["action", rsc, action, "ssh"] => action_command(backend, rsc, action, true, opts, out),
        ["action", _, _, other] => Err(Error::from(CommandError::ExpectedSsh {
            word: other.to_string(),
        })
        .into()),
        _ => Err(super::bad_arguments(Level::Maintenance, words).into()),
    }
}

/// The actions Tab offers after `action RSC`.
pub const ACTIONS: &[&str] = &[
    "start",
    "stop",
    "monitor",
    "meta-data",
    "validate-all",
    "promote",
    "demote",
    "notify",
    "reload",
    "migrate_from",
    "migrate_to",
    "recover",
];

/// `maintenance-mode` of the whole cluster: a property, committed like
/// `configure property maintenance-mode=…`.
fn cluster_mode(
    backend: &dyn Backend,
    value: &str,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let started = backend.read()?;
    let mut cib = started.clone();
    crate::load::load_text(
        &mut cib,
        &format!("property maintenance-mode={value}\n"),
        Method::Update,
    )?;
    commit_quietly(backend, &started, cib, opts, out)
}

/// One resource's `maintenance` meta attribute, through crm_resource.
fn resource_mode(rsc: &str, value: &str, out: &mut Output) -> Result<(), Failure> {
    run_tool(
        &Call::new("crm_resource").args(["-r", rsc, "--meta", "-p", "maintenance", "-v", value]),
        out,
    )
}

fn is_true(v: &str) -> bool {
    matches!(
        v.to_ascii_lowercase().as_str(),
        "true" | "yes" | "on" | "1" | "y"
    )
}

/// crmsh's test: the cluster in maintenance mode, or every `maintenance`
/// meta attribute of the resource true (and at least one).
fn in_maintenance(cib: &Cib, rsc: &Element) -> bool {
    let mut cluster = false;
    if let Some(config) = cib.configuration().child("crm_config") {
        config.walk(&mut |e| {
            if e.name == "nvpair" && e.get("name") == Some("maintenance-mode") {
                cluster = e.get("value").is_some_and(is_true);
            }
        });
    }
    if cluster {
        return true;
    }
    let values: Vec<&str> = rsc
        .elements()
        .filter(|s| s.name == "meta_attributes")
        .flat_map(|s| s.elements())
        .filter(|p| p.get("name") == Some("maintenance"))
        .filter_map(|p| p.get("value"))
        .collect();
    !values.is_empty() && values.iter().all(|v| is_true(v))
}

/// The nodes crm_resource says the resource runs on.
fn running_on(rsc: &str) -> Result<Vec<String>, Failure> {
    let o = Call::new("crm_resource")
        .args(["--resource", rsc, "--locate"])
        .run()?;
    if !o.success() {
        return Ok(Vec::new());
    }
    let head = format!("resource {rsc} is running on: ");
    Ok(o.stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix(head.as_str()))
        .filter_map(|rest| rest.split_whitespace().next().map(String::from))
        .collect())
}

/// An agent as the primitive (or its template) names it.
struct Agent {
    class: String,
    provider: String,
    kind: String,
}

impl Agent {
    fn of(conf: &Element, prim: &Element) -> Agent {
        let template = prim
            .get("template")
            .and_then(|t| find_object(conf, t, false))
            .map(|o| o.elem);
        let get = |name: &str| {
            prim.get(name)
                .or_else(|| template.and_then(|t| t.get(name)))
                .unwrap_or("")
                .to_string()
        };
        Agent {
            class: get("class"),
            provider: get("provider"),
            kind: get("type"),
        }
    }

    fn spec(&self) -> String {
        if self.class == "ocf" {
            format!("ocf:{}:{}", self.provider, self.kind)
        } else {
            format!("{}:{}", self.class, self.kind)
        }
    }
}

/// The actions the agent's meta-data lists (plus the two every agent
/// answers).
fn agent_actions(agent: &Agent) -> Result<Vec<String>, Failure> {
    let meta = Call::new("crm_resource")
        .args(["--show-metadata", &agent.spec()])
        .run_ok()?;
    let root = crate::xml::parse(&meta.stdout).map_err(|e| {
        Error::new(ErrorKind::Cib {
            message: format!("{}: cannot read the agent's meta-data: {e}", agent.spec()),
        })
    })?;
    let mut names: Vec<String> = root
        .child("actions")
        .map(|a| {
            a.elements()
                .filter(|e| e.name == "action")
                .filter_map(|e| e.get("name").map(String::from))
                .collect()
        })
        .unwrap_or_default();
    names.extend(["meta-data".to_string(), "validate-all".to_string()]);
    Ok(names)
}

/// The op's timeout in ms (20 s when none is configured), as crmsh
/// passes it to the agent.
fn timeout_ms(prim: &Element, action: &str) -> u64 {
    let op = prim.child("operations").and_then(|ops| {
        ops.elements().find(|o| {
            o.get("name") == Some(action)
                && super::resource_trace::msec(o.get("interval").unwrap_or("0"))
                    .is_some_and(|ms| (action == "monitor") == (ms > 0))
        })
    });
    op.and_then(|o| o.get("timeout"))
        .and_then(super::resource_trace::msec)
        .unwrap_or(20_000)
}

/// The agent's command line and environment, as crmsh's resource test
/// driver builds them.
fn agent_call(
    cib: &Cib,
    path: &[usize],
    prim: &Element,
    agent: &Agent,
    action: &str,
) -> Result<Call, Failure> {
    let call = match agent.class.as_str() {
        "ocf" => {
            let root = std::env::var("OCF_ROOT").unwrap_or_else(|_| "/usr/lib/ocf".into());
            let program = format!("{root}/resource.d/{}/{}", agent.provider, agent.kind);
            let mut c = Call::new(&program).arg(action).with_env("OCF_ROOT", &root);
            for (k, v) in pairs(prim, "instance_attributes") {
                c = c.with_env(&format!("OCF_RESKEY_{k}"), v);
            }
            c.with_env("OCF_RESOURCE_INSTANCE", prim.id().unwrap_or(""))
        }
        other => match service_call(other, &agent.kind, action) {
            Some(call) => call,
            None => {
                return Err(Error::from(CommandError::ClassUnsupported {
                    action: action.to_string(),
                    class: other.to_string(),
                })
                .into())
            }
        },
    };
    let mut call = call.with_env(
        "OCF_RESKEY_CRM_meta_timeout",
        &timeout_ms(prim, action).to_string(),
    );
    if action == "monitor" {
        call = call.with_env("OCF_RESKEY_CRM_meta_interval", "10000");
    }
    // A clone's meta attributes (clone-max, notify, …) are read by agents.
    let conf = cib.configuration();
    let mut p = path.to_vec();
    let mut top = None;
    while p.len() > 1 {
        p.pop();
        match super::resource_meta::element_at(conf, &p) {
            Some(e) if matches!(e.name.as_str(), "group" | "clone" | "master" | "bundle") => {
                top = Some(e)
            }
            _ => break,
        }
    }
    if let Some(top) = top.filter(|t| matches!(t.name.as_str(), "clone" | "master")) {
        for (k, v) in pairs(top, "meta_attributes") {
            call = call.with_env(&format!("OCF_RESKEY_CRM_meta_{}", k.replace('-', "_")), v);
        }
    }
    Ok(call)
}

/// `action RSC ACTION [ssh]`.
fn action_command(
    backend: &dyn Backend,
    rsc: &str,
    action: &str,
    ssh: bool,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let cib = backend.read()?;
    let conf = cib.configuration();
    let obj = find_object(conf, rsc, false).ok_or_else(|| {
        Error::new(ErrorKind::NoSuchResource {
            id: rsc.to_string(),
        })
    })?;
    if !obj.kind.is_resource() {
        return Err(Error::new(ErrorKind::NoSuchResource {
            id: rsc.to_string(),
        })
        .into());
    }
    if !opts.force && !in_maintenance(&cib, obj.elem) {
        return Err(Error::from(CommandError::NotInMaintenance {
            rsc: rsc.to_string(),
        })
        .into());
    }
    let me = super::node::local_node()?;
    let local_only = !ssh
        || matches!(
            action,
            "start" | "promote" | "demote" | "recover" | "meta-data"
        );
    if !ssh && !matches!(action, "start" | "monitor") {
        let nodes = running_on(rsc)?;
        if nodes != [me.clone()] {
            return Err(Error::from(CommandError::MustRunHere {
                rsc: rsc.to_string(),
                node: me,
            })
            .into());
        }
    }
    if obj.kind != crate::kind::Kind::Primitive {
        return Err(Error::from(CommandError::ClassUnsupported {
            action: action.to_string(),
            class: obj.elem.name.to_string(),
        })
        .into());
    }
    let agent = Agent::of(conf, obj.elem);
    if !agent_actions(&agent)?.iter().any(|a| a == action) {
        return Err(Error::from(CommandError::ActionUnsupported {
            action: action.to_string(),
            agent: agent.spec(),
        })
        .into());
    }
    let call = agent_call(&cib, &obj.path, obj.elem, &agent, action)?;
    let nodes = if local_only {
        vec![me.clone()]
    } else {
        cib.node_names()
    };
    // The same crm, crm.conf and CRM_REMOTE reach the other nodes as in
    // `cluster run`; BatchMode because nobody is there to type a
    // password for a node after node (crmsh: PasswordAuthentication=no).
    let remote = super::remote::Remote {
        ssh_options: vec!["-o".into(), "BatchMode=yes".into()],
        ..Default::default()
    };
    let mut failed = 0;
    for node in &nodes {
        let o = if *node == me {
            call.run()?
        } else {
            remote_call(&remote, node, &call).run()?
        };
        out.print(&o.stdout);
        if !o.stderr.is_empty() {
            out.progress(&o.stderr);
        }
        if !o.success() {
            // One line per node, as crmsh logs each node whose call failed.
            failed += 1;
            let e = ErrorKind::Command(CommandError::ActionFailed {
                action: action.to_string(),
                rc: o.status(),
                node: node.clone(),
            });
            out.error(&crate::i18n::kind_text(&e));
        }
    }
    if failed > 0 {
        return Err(Error::new(ErrorKind::Reported).into());
    }
    Ok(())
}

/// `call` on `node`, its environment given by `env` there (ssh passes
/// no variables).
fn remote_call(remote: &super::remote::Remote, node: &str, call: &Call) -> Call {
    let mut argv = vec!["env".to_string()];
    argv.extend(call.env_pairs().iter().map(|(k, v)| format!("{k}={v}")));
    argv.push(call.program().to_string());
    argv.extend(call.arguments().iter().cloned());
    remote.call(node, &argv)
}
