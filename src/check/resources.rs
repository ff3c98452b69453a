//! Primitives and templates against their agent's metadata; containers'
//! meta attributes; parameters that must be unique across resources.

use super::time::{longer, msec};
use super::{pairs, Context, Finding};
use crate::agents::{Agent, AgentMeta, Lookup};
use crate::cib::Object;
use crate::kind::Kind;
use crate::notice::Check;
use crate::xml::Element;

/// Meta attributes of every resource: Pacemaker's, and the few more
/// crmsh accepts without a warning.
pub const RESOURCE_META: &[&str] = &[
    "allow-migrate",
    "allow-unhealthy-nodes",
    "container-attribute-target",
    "critical",
    "description",
    "failure-timeout",
    "interval-origin",
    "is-managed",
    "maintenance",
    "migration-threshold",
    "multiple-active",
    "priority",
    "provides",
    "remote-addr",
    "remote-allow-migrate",
    "remote-connect-timeout",
    "remote-node",
    "remote-port",
    "requires",
    "resource-stickiness",
    "restart-type",
    "target-role",
];

const GROUP_META: &[&str] = &["container"];

const CLONE_META: &[&str] = &[
    "clone-max",
    "clone-min",
    "clone-node-max",
    "clone-state",
    "globally-unique",
    "interleave",
    "notify",
    "ordered",
    "promotable",
    "promoted-max",
    "promoted-node-max",
];

/// The old master/slave names, accepted on `ms`.
const MS_META: &[&str] = &["master-max", "master-node-max"];

/// Words of the language that a misspelt parameter name may have been.
const KEYWORDS: &[&str] = &["params", "meta", "utilization", "op", "operations"];

/// An op as the checks see it.
struct Op<'a> {
    name: &'a str,
    interval: Option<&'a str>,
    timeout: Option<&'a str>,
    role: Option<&'a str>,
}

/// A primitive with the template it names folded in.
struct Merged<'a> {
    head: &'a Element,
    params: Vec<(&'a str, Option<&'a str>)>,
    ops: Vec<Op<'a>>,
}

fn ops_of(elem: &Element) -> Vec<Op<'_>> {
    elem.elements()
        .filter(|e| e.name == "operations")
        .flat_map(|ops| ops.elements())
        .filter(|op| op.name == "op")
        .filter_map(|op| {
            Some(Op {
                name: op.get("name")?,
                interval: op.get("interval"),
                timeout: op.get("timeout"),
                role: op.get("role"),
            })
        })
        .collect()
}

fn merged<'a>(elem: &'a Element, template: Option<&'a Element>) -> Merged<'a> {
    let Some(t) = template else {
        return Merged {
            head: elem,
            params: pairs(elem, "instance_attributes"),
            ops: ops_of(elem),
        };
    };
    let mut params = pairs(t, "instance_attributes");
    for (n, v) in pairs(elem, "instance_attributes") {
        params.retain(|(m, _)| *m != n);
        params.push((n, v));
    }
    let own = ops_of(elem);
    let mut ops: Vec<Op> = ops_of(t)
        .into_iter()
        .filter(|o| {
            !own.iter()
                .any(|p| p.name == o.name && p.interval == o.interval)
        })
        .collect();
    ops.extend(own);
    Merged {
        head: t,
        params,
        ops,
    }
}

fn meta_check(id: &str, elem: &Element, lists: &[&[&str]], out: &mut Vec<Finding>) {
    for (name, _) in pairs(elem, "meta_attributes") {
        if !lists.iter().any(|l| l.contains(&name)) {
            out.push(
                Finding::warning(Check::UnknownAttribute {
                    id: id.to_string(),
                    name: name.to_string(),
                })
                .suggest(name, lists.iter().flat_map(|l| l.iter().copied())),
            );
        }
    }
}

/// `group`, `clone`, `ms`: their meta attributes.
pub fn container(o: &Object, out: &mut Vec<Finding>) {
    let lists: &[&[&str]] = match o.kind {
        Kind::Group => &[RESOURCE_META, GROUP_META],
        Kind::Clone => &[RESOURCE_META, CLONE_META],
        _ => &[RESOURCE_META, CLONE_META, MS_META],
    };
    meta_check(&o.id, o.elem, lists, out);
}

/// The template a primitive names, when it names one.
fn template_of<'a>(ctx: &Context<'a>, elem: &Element) -> Result<Option<&'a Element>, String> {
    let Some(t) = elem.get("template") else {
        return Ok(None);
    };
    match ctx.objects.get(t) {
        Some((Kind::Template, e)) => Ok(Some(e)),
        _ => Err(t.to_string()),
    }
}

/// A primitive (or template): meta attributes, then the agent's
/// operations and parameters.
pub fn primitive(ctx: &Context, o: &Object, out: &mut Vec<Finding>) {
    let id = o.id.as_str();
    meta_check(id, o.elem, &[RESOURCE_META], out);
    let template = match template_of(ctx, o.elem) {
        Ok(t) => t,
        Err(t) => {
            out.push(Finding::error(Check::NoSuchTemplate { template: t }));
            return;
        }
    };
    let m = merged(o.elem, template);
    let Some(agent) = Agent::of(m.head) else {
        return;
    };
    let meta = match ctx.registry.agent(&agent) {
        Lookup::Found(meta) => meta,
        Lookup::Missing => {
            let spec = agent.to_string();
            out.push(Finding::error(Check::NoMetadata {
                agent: spec.clone(),
            }));
            let known = ctx.registry.agents_like(&agent);
            let mut f = Finding::error(Check::NoSuchAgent { agent: spec });
            if let Some(s) = crate::error::suggest(&agent.kind, known.iter().map(String::as_str)) {
                f.suggestion = Some(
                    Agent {
                        kind: s,
                        ..agent.clone()
                    }
                    .to_string(),
                );
            }
            out.push(f);
            return;
        }
        Lookup::Unavailable => {
            let spec = agent.to_string();
            if ctx.noted.borrow_mut().insert(spec.clone()) {
                out.push(Finding::note(Check::NotChecked { agent: spec }));
            }
            return;
        }
    };
    operations(ctx, id, &agent, &meta, &m.ops, out);
    params(id, &agent, &meta, &m.params, o.kind == Kind::Template, out);
}

/// The advised value of `key` for a monitor of this role (or the first
/// monitor the agent lists).
fn monitor_advice(meta: &AgentMeta, key: &str, role: Option<&str>) -> Option<String> {
    let monitors: Vec<_> = meta
        .actions
        .iter()
        .filter(|a| a.name == "monitor")
        .collect();
    let pick = match role {
        None => monitors.first().copied(),
        Some(r) => monitors
            .iter()
            .copied()
            .find(|a| a.role.as_deref() == Some(r)),
    }?;
    match key {
        "timeout" => pick.timeout.clone(),
        _ => pick.interval.clone(),
    }
}

fn operations(
    ctx: &Context,
    id: &str,
    agent: &Agent,
    meta: &AgentMeta,
    ops: &[Op],
    out: &mut Vec<Finding>,
) {
    let stonith = agent.class == "stonith";
    let known = |name: &str| {
        name == "monitor"
            || meta
                .actions
                .iter()
                .any(|a| a.name == name && !matches!(name, "meta-data" | "validate-all"))
    };
    // One entry per op name (the last op of a name counts), monitors all;
    // start and stop are checked with the default timeout when absent.
    let monitors: Vec<&Op> = ops.iter().filter(|o| o.name == "monitor").collect();
    let mut others: Vec<(&str, &Op)> = Vec::new();
    for op in ops.iter().filter(|o| o.name != "monitor") {
        match others.iter_mut().find(|(n, _)| *n == op.name) {
            Some(slot) => slot.1 = op,
            None => others.push((op.name, op)),
        }
    }
    let absent = Op {
        name: "",
        interval: None,
        timeout: None,
        role: None,
    };
    let required: Vec<&str> = ["start", "stop"]
        .into_iter()
        .filter(|r| !stonith && !others.iter().any(|(n, _)| n == r))
        .collect();
    let short = |op: &str, item: &Op, advised: Option<String>, out: &mut Vec<Finding>| {
        let (actual, default) = match item.timeout {
            Some(t) => (Some(t.to_string()), false),
            None => (ctx.default_timeout.clone(), true),
        };
        if let (Some(actual), Some(advised)) = (actual, advised) {
            if longer(&advised, &actual) {
                out.push(Finding::warning(Check::ShortTimeout {
                    id: id.to_string(),
                    op: op.to_string(),
                    timeout: actual,
                    advised,
                    default,
                }));
            }
        }
    };
    // Monitors first, as crmsh lists them.
    let mut seen: Vec<Option<i64>> = Vec::new();
    for m in &monitors {
        let advised = monitor_advice(meta, "interval", m.role).unwrap_or_else(|| "None".into());
        let interval = m.interval.and_then(msec);
        if interval == Some(0) {
            out.push(Finding::warning(Check::MonitorIntervalZero {
                id: id.to_string(),
                advised,
            }));
        } else if seen.contains(&interval) {
            out.push(Finding::warning(Check::MonitorIntervalTwice {
                id: id.to_string(),
                advised,
            }));
        } else {
            seen.push(interval);
        }
    }
    for m in &monitors {
        short("monitor", m, monitor_advice(meta, "timeout", m.role), out);
    }
    let listed = others.iter().map(|(n, o)| (*n, *o));
    for (name, op) in listed.chain(required.iter().map(|r| (*r, &absent))) {
        if stonith && matches!(name, "start" | "stop") {
            continue;
        }
        if !known(name) {
            let names = meta.actions.iter().map(|a| a.name.as_str());
            out.push(
                Finding::warning(Check::UnknownAction {
                    id: id.to_string(),
                    action: name.to_string(),
                })
                .suggest(name, names),
            );
            continue;
        }
        if let Some(v) = op.interval {
            if matches!(name, "start" | "stop" | "promote" | "demote") && msec(v) != Some(0) {
                out.push(Finding::warning(Check::IntervalNotZero {
                    id: id.to_string(),
                    op: name.to_string(),
                    interval: v.to_string(),
                }));
            }
        }
        let advised = meta
            .actions
            .iter()
            .rev()
            .find(|a| a.name == name)
            .and_then(|a| a.timeout.clone());
        short(name, op, advised, out);
    }
}

fn params(
    id: &str,
    agent: &Agent,
    meta: &AgentMeta,
    given: &[(&str, Option<&str>)],
    existence_only: bool,
    out: &mut Vec<Finding>,
) {
    if !existence_only {
        // The fencer supplies these to Red Hat's fence agents itself.
        let supplied = agent.class == "stonith"
            && (agent.kind.starts_with("fence_") || agent.kind.starts_with("rhcs/"));
        for p in meta.params.iter().filter(|p| p.required) {
            if supplied && matches!(p.name.as_str(), "action" | "port") {
                continue;
            }
            if !given.iter().any(|(n, _)| *n == p.name) {
                out.push(Finding::error(Check::MissingParam {
                    id: id.to_string(),
                    name: p.name.clone(),
                }));
            }
        }
    }
    let mut reported: std::collections::HashSet<&str> = Default::default();
    for (name, _) in given {
        if name.starts_with('$') || meta.param(name).is_some() || !reported.insert(name) {
            continue;
        }
        let names = meta.params.iter().map(|p| p.name.as_str());
        let mut f = Finding::error(Check::UnknownParam {
            id: id.to_string(),
            name: name.to_string(),
        })
        .suggest(name, names);
        if f.suggestion.is_none() {
            f = f.suggest(name, KEYWORDS.iter().copied());
        }
        out.push(f);
    }
}

/// Primitives of the same agent giving a `unique` parameter the same
/// value, when one of them is among the checked objects.
pub fn unique_clashes(ctx: &Context, chosen: &[&Object]) -> Vec<Finding> {
    let checked: Vec<&str> = chosen
        .iter()
        .filter(|o| o.kind == Kind::Primitive)
        .map(|o| o.id.as_str())
        .collect();
    if checked.is_empty() {
        return Vec::new();
    }
    let mut primitives: Vec<(&String, &Element)> = ctx
        .objects
        .iter()
        .filter(|(_, (k, _))| *k == Kind::Primitive)
        .map(|(id, (_, e))| (id, *e))
        .collect();
    primitives.sort_by(|a, b| a.0.cmp(b.0));
    let mut clashes: Vec<((String, String, String), Vec<String>)> = Vec::new();
    for (id, elem) in primitives {
        let Ok(template) = template_of(ctx, elem) else {
            continue;
        };
        let m = merged(elem, template);
        let Some(agent) = Agent::of(m.head) else {
            continue;
        };
        let Lookup::Found(meta) = ctx.registry.agent(&agent) else {
            continue;
        };
        for (name, value) in &m.params {
            let (Some(value), Some(p)) = (value, meta.param(name)) else {
                continue;
            };
            if !p.unique {
                continue;
            }
            let key = (agent.to_string(), name.to_string(), value.to_string());
            match clashes.iter_mut().find(|(k, _)| *k == key) {
                Some((_, ids)) => ids.push(id.clone()),
                None => clashes.push((key, vec![id.clone()])),
            }
        }
    }
    clashes
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1 && ids.iter().any(|i| checked.contains(&i.as_str())))
        .map(|((_, param, value), mut ids)| {
            ids.sort();
            Finding::warning(Check::UniqueClash { ids, param, value })
        })
        .collect()
}
