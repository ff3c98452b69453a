//! `verify` and the checks before `commit`, as crmsh makes them:
//! `crm_verify` on the whole configuration, then the semantic checks of
//! the objects concerned (all of them for `verify`, the changed ones for
//! `commit`): meta attributes a resource does not have, constraints on
//! members of a group, nodes that do not exist, cluster options nobody
//! declares, resources sharing a value a unique parameter must not share.
//!
//! crmsh's levels of result: 0 fine, 1 warnings, 2 errors (errors only in
//! `check-mode strict`; `relaxed` makes them warnings).

use super::{metadata, Output};
use crate::cib::process::Call;
use crate::cib::{objects, Cib, Object};
use crate::error::Result;
use crate::kind::Kind;
use crate::notice::Told;
use crate::xml::Element;
use std::collections::HashMap;

/// The resource meta attributes crmsh 4.4 knows: its checks warn of others
/// and Tab offers these (Pacemaker knows a few more, which can be typed).
pub const RSC_META: &[&str] = &[
    "allow-migrate",
    "maintenance",
    "is-managed",
    "interval-origin",
    "migration-threshold",
    "priority",
    "multiple-active",
    "failure-timeout",
    "resource-stickiness",
    "target-role",
    "restart-type",
    "description",
    "remote-node",
    "requires",
    "provides",
    "remote-port",
    "remote-addr",
    "remote-connect-timeout",
];
const COMMON_META: &[&str] = &["priority", "target-role", "is-managed"];
const GROUP_META: &[&str] = &["container"];
const CLONE_META: &[&str] = &[
    "ordered",
    "notify",
    "interleave",
    "globally-unique",
    "clone-max",
    "clone-node-max",
    "clone-state",
    "description",
    "clone-min",
    "promotable",
    "promoted-max",
    "promoted-node-max",
];
const MS_META: &[&str] = &[
    "clone-max",
    "clone-node-max",
    "notify",
    "globally-unique",
    "ordered",
    "interleave",
    "master-max",
    "master-node-max",
    "description",
];
/// Cluster options the daemons do not declare but Pacemaker sets.
const EXTRA_PROPERTIES: &[&str] = &[
    "dc-version",
    "cluster-infrastructure",
    "last-lrm-refresh",
    "cluster-name",
];
const OP_ATTRIBUTES: &[&str] = &[
    "id",
    "name",
    "interval",
    "description",
    "start-delay",
    "interval-origin",
    "timeout",
    "enabled",
    "record-pending",
    "role",
    "requires",
    "on-fail",
];

/// Which objects a check looks at.
pub enum Scope<'a> {
    All,
    Ids(&'a [String]),
}

/// crm_verify on the configuration (status left out: a check of the
/// configuration must not see nodes as unclean because an offline copy
/// has no status for them). Prints what it says as crmsh does: the first
/// line a warning if it is one, every other line an error. True when
/// crm_verify found nothing worse than warnings.
pub fn crm_verify(cib: &Cib, out: &mut Output) -> Result<bool> {
    let mut root = cib.root.clone();
    root.children
        .retain(|n| !matches!(n, crate::xml::Node::Element(e) if e.name == "status"));
    let call = Call::new("crm_verify")
        .args(["-VV", "-p"])
        .without_env("CIB_file")
        .stdin(crate::xml::to_pretty(&root));
    crate::regression::external("crm_verify -VV -p");
    let result = match call.run() {
        Ok(r) => r,
        Err(e) if matches!(*e.kind, crate::error::ErrorKind::ToolMissing { .. }) => {
            out.info(&crate::notice::Told::NoCrmVerify { schema_only: false }.to_string());
            return Ok(true);
        }
        Err(e) => return Err(e),
    };
    for (i, line) in result.stderr.lines().filter(|l| !l.is_empty()).enumerate() {
        if i == 0 && line.contains("warning:") {
            out.warning(line);
        } else if i == 0 {
            out.error(line);
        } else {
            out.error(&format!("       {line}"));
        }
    }
    Ok(matches!(result.code, Some(0 | 1)))
}

/// The semantic checks; returns crmsh's level (0, 1 or 2).
pub fn semantic(cib: &Cib, scope: Scope, out: &mut Output) -> u8 {
    let strict = crate::crm_conf::get("core", "check_mode") != "relaxed";
    let error_rc = if strict { 2 } else { 1 };
    let all = objects(cib.configuration());
    let checked: Vec<&Object> = match &scope {
        Scope::All => all.iter().collect(),
        Scope::Ids(ids) => all.iter().filter(|o| ids.contains(&o.id)).collect(),
    };
    let index = Index::new(&all);
    let mut rc = unique_clash(cib, &all, &checked, out);
    let mut sorted = checked.clone();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    for o in sorted {
        rc |= object(cib, o, &index, error_rc, out);
    }
    rc
}

/// Parents of objects and what the nodes are called.
struct Index<'a> {
    parent: HashMap<&'a str, Kind>,
    kind: HashMap<&'a str, Kind>,
    nodes: Vec<String>,
}

impl<'a> Index<'a> {
    fn new(all: &'a [Object<'a>]) -> Self {
        let by_path: HashMap<&[usize], &Object> =
            all.iter().map(|o| (o.path.as_slice(), o)).collect();
        let mut parent = HashMap::new();
        let mut kind = HashMap::new();
        let mut nodes = Vec::new();
        for o in all {
            if o.kind == Kind::Node {
                nodes.push(o.elem.get("uname").unwrap_or(&o.id).to_ascii_lowercase());
                nodes.push(o.id.to_ascii_lowercase());
                continue;
            }
            kind.insert(o.id.as_str(), o.kind);
            if o.path.len() > 2 {
                if let Some(p) = by_path.get(&o.path[..o.path.len() - 1]) {
                    parent.insert(o.id.as_str(), p.kind);
                }
            }
        }
        Index {
            parent,
            kind,
            nodes,
        }
    }

    fn is_node(&self, name: &str) -> bool {
        self.nodes.contains(&name.to_ascii_lowercase())
    }
}

/// A primitive's own element with its template's agent filled in.
fn agent_element<'a>(cib: &'a Cib, e: &'a Element) -> Option<&'a Element> {
    match e.get("template") {
        Some(t) => crate::cib::find_object(cib.configuration(), t, false).map(|o| o.elem),
        None => Some(e),
    }
}

/// Two resources of one agent with the same value of a parameter the
/// agent declares unique. Only when a checked object is a primitive; the
/// whole CIB is looked at, since a clash may come from an object
/// committed earlier.
fn unique_clash(cib: &Cib, all: &[Object], checked: &[&Object], out: &mut Output) -> u8 {
    if !checked.iter().any(|o| o.kind == Kind::Primitive) {
        return 0;
    }
    let mut clashes: Vec<((String, String, String), Vec<String>)> = Vec::new();
    for o in all.iter().filter(|o| o.kind == Kind::Primitive) {
        let Some(a) = agent_element(cib, o.elem) else {
            continue;
        };
        let Some(spec) = metadata::agent_of(a) else {
            continue;
        };
        let Some(meta) = metadata::agent(&spec) else {
            continue;
        };
        let unique = unique_parameters(&meta);
        for set in o
            .elem
            .elements()
            .filter(|c| c.name == "instance_attributes")
        {
            for nv in set.elements().filter(|c| c.name == "nvpair") {
                let (Some(n), Some(v)) = (nv.get("name"), nv.get("value")) else {
                    continue;
                };
                if !unique.iter().any(|u| u == n) {
                    continue;
                }
                let key = (spec.clone(), n.to_string(), v.to_string());
                match clashes.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, ids)) => ids.push(o.id.clone()),
                    None => clashes.push((key, vec![o.id.clone()])),
                }
            }
        }
    }
    let mut rc = 0;
    for ((_, name, value), mut ids) in clashes {
        if ids.len() > 1 && ids.iter().any(|i| checked.iter().any(|c| &c.id == i)) {
            ids.sort();
            out.warning(&crate::i18n::check_text(
                &crate::notice::Check::UniqueClash {
                    ids: ids.iter().map(|i| i.to_string()).collect(),
                    param: name.to_string(),
                    value: value.to_string(),
                },
            ));
            rc = 2;
        }
    }
    rc
}

fn unique_parameters(meta: &str) -> Vec<String> {
    let Ok(doc) = crate::xml::parse(meta) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    doc.walk(&mut |e| {
        if e.name == "parameter" && e.get("unique") == Some("1") {
            if let Some(n) = e.get("name") {
                out.push(n.to_string());
            }
        }
    });
    out
}

fn object(cib: &Cib, o: &Object, index: &Index, error_rc: u8, out: &mut Output) -> u8 {
    let id = o.id.as_str();
    match o.kind {
        Kind::Primitive | Kind::Template => {
            let mut rc = meta_attributes(id, o.elem, &[RSC_META], out);
            if let Some(spec) = agent_element(cib, o.elem).and_then(metadata::agent_of) {
                if metadata::agent(&spec).is_none() {
                    out.error(&crate::i18n::check_text(
                        &crate::notice::Check::NoSuchAgent {
                            agent: spec.to_string(),
                        },
                    ));
                    rc |= error_rc;
                }
            }
            rc
        }
        Kind::Group => meta_attributes(id, o.elem, &[RSC_META, GROUP_META, COMMON_META], out),
        Kind::Clone => meta_attributes(id, o.elem, &[RSC_META, COMMON_META, CLONE_META], out),
        Kind::Master => meta_attributes(
            id,
            o.elem,
            &[RSC_META, COMMON_META, CLONE_META, MS_META],
            out,
        ),
        Kind::Location => location(o, index, out),
        Kind::Colocation | Kind::Order | Kind::Ticket => references(o, index, out),
        Kind::Property if id == "cib-bootstrap-options" => {
            let Some(mut known) = metadata::cluster_options() else {
                return 0;
            };
            known.extend(EXTRA_PROPERTIES.iter().map(|s| s.to_string()));
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            nvpairs(id, o.elem, &known, out)
        }
        Kind::RscDefaults => nvpairs(id, o.elem, RSC_META, out),
        Kind::OpDefaults => nvpairs(id, o.elem, OP_ATTRIBUTES, out),
        Kind::Fencing => fencing(cib, o, index, out),
        _ => 0,
    }
}

fn nvpairs(id: &str, set: &Element, known: &[&str], out: &mut Output) -> u8 {
    let mut rc = 0;
    for nv in set.elements().filter(|c| c.name == "nvpair") {
        if let Some(n) = nv.get("name") {
            if !known.contains(&n) {
                out.warning(&crate::i18n::check_text(
                    &crate::notice::Check::UnknownAttribute {
                        id: id.to_string(),
                        name: n.to_string(),
                    },
                ));
                rc = 1;
            }
        }
    }
    rc
}

fn meta_attributes(id: &str, e: &Element, lists: &[&[&str]], out: &mut Output) -> u8 {
    let known: Vec<&str> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    let mut rc = 0;
    for set in e.elements().filter(|c| c.name == "meta_attributes") {
        rc |= nvpairs(id, set, &known, out);
    }
    rc
}

/// The resources a constraint names (`rsc`, `with-rsc`, `first`, `then`,
/// and the members of its sets).
fn referenced(e: &Element) -> Vec<String> {
    let mut ids: Vec<String> = ["rsc", "with-rsc", "first", "then"]
        .iter()
        .filter_map(|a| e.get(a).map(String::from))
        .collect();
    for set in e.elements().filter(|c| c.name == "resource_set") {
        ids.extend(
            set.elements()
                .filter(|r| r.name == "resource_ref")
                .filter_map(|r| r.id().map(String::from)),
        );
    }
    ids
}

fn references(o: &Object, index: &Index, out: &mut Output) -> u8 {
    let mut rc = 0;
    for rsc in referenced(o.elem) {
        if !index.kind.contains_key(rsc.as_str()) {
            out.warning(
                &Told::ConstraintRscMissing {
                    id: o.id.to_string(),
                    rsc: rsc.to_string(),
                }
                .to_string(),
            );
            rc = 1;
            continue;
        }
        match index.parent.get(rsc.as_str()) {
            Some(Kind::Group) if o.kind == Kind::Colocation => {
                out.warning(
                    &Told::ConstraintRscGrouped {
                        id: o.id.to_string(),
                        rsc: rsc.to_string(),
                    }
                    .to_string(),
                );
                rc = 1;
            }
            Some(Kind::Group) => {}
            Some(Kind::Clone | Kind::Master | Kind::Bundle) => {
                out.warning(
                    &Told::ConstraintRscAmbiguous {
                        id: o.id.to_string(),
                        rsc: rsc.to_string(),
                    }
                    .to_string(),
                );
                rc = 1;
            }
            _ => {}
        }
    }
    rc
}

fn location(o: &Object, index: &Index, out: &mut Output) -> u8 {
    let mut rc = 0;
    let mut node_ref = |uname: &str, out: &mut Output| {
        if !index.is_node(uname) {
            out.warning(&crate::i18n::check_text(
                &crate::notice::Check::NodeMissing {
                    id: o.id.to_string(),
                    node: uname.to_string(),
                },
            ));
            rc = 1;
        }
    };
    if let Some(n) = o.elem.get("node") {
        node_ref(n, out);
    }
    for rule in o.elem.elements().filter(|c| c.name == "rule") {
        for expr in rule.elements().filter(|c| c.name == "expression") {
            if expr.get("attribute") == Some("#uname") {
                if let Some(v) = expr.get("value") {
                    node_ref(v, out);
                }
            }
        }
    }
    rc.max(references(o, index, out))
}

fn fencing(cib: &Cib, o: &Object, index: &Index, out: &mut Output) -> u8 {
    let mut rc = 0;
    let levels: Vec<&Element> = o
        .elem
        .elements()
        .filter(|c| c.name == "fencing-level")
        .collect();
    for t in levels.iter().filter_map(|l| l.get("target")) {
        if !index.is_node(t) {
            out.warning(
                &Told::LevelTargetNotNode {
                    id: o.id.to_string(),
                    target: t.to_string(),
                }
                .to_string(),
            );
            rc = 1;
        }
    }
    for level in &levels {
        for dev in level.get("devices").unwrap_or("").split(',') {
            let Some(d) = crate::cib::find_object(cib.configuration(), dev, false) else {
                out.warning(
                    &Told::LevelDeviceMissing {
                        id: o.id.to_string(),
                        device: dev.to_string(),
                    }
                    .to_string(),
                );
                rc = 1;
                continue;
            };
            let stonith = d.kind == Kind::Primitive
                && agent_element(cib, d.elem).is_some_and(|a| a.get("class") == Some("stonith"));
            if !stonith {
                out.warning(
                    &Told::LevelDeviceNotStonith {
                        id: o.id.to_string(),
                        device: dev.to_string(),
                    }
                    .to_string(),
                );
                rc = 1;
            }
        }
    }
    rc
}

/// What `verify` does: crm_verify, then the semantic checks of every
/// object. False when either found more than warnings.
pub fn verify(cib: &Cib, out: &mut Output) -> Result<bool> {
    let ok = crm_verify(cib, out)?;
    let rc = if crate::crm_conf::get("core", "check_frequency") == "never" {
        0
    } else {
        semantic(cib, Scope::All, out)
    };
    Ok(ok && rc <= 1)
}

/// The checks before a commit (unless the configuration has no
/// primitive at all): crm_verify on the whole candidate, the semantic
/// checks of the changed objects. On problems the commit goes on only
/// when forced or when a person at a terminal says so.
pub fn before_commit(
    cib: &Cib,
    changed: &[String],
    live: bool,
    force: bool,
    out: &mut Output,
) -> Result<bool> {
    let mut has_primitive = false;
    cib.configuration()
        .walk(&mut |e| has_primitive |= e.name == "primitive");
    if !has_primitive {
        return Ok(true);
    }
    // crm_verify takes a while: a CIB file is checked only by `verify`
    // (crmsh's transcript, `-R`, has it at every commit).
    let ok = if live || crate::regression::enabled() {
        crm_verify(cib, out)?
    } else {
        true
    };
    let rc = if crate::crm_conf::get("core", "check_frequency") == "never" {
        0
    } else {
        semantic(cib, Scope::Ids(changed), out)
    };
    if ok && rc <= 1 {
        return Ok(true);
    }
    if force {
        out.info(&crate::notice::Notice::CommitForced.to_string());
        return Ok(true);
    }
    Ok(std::io::IsTerminal::is_terminal(&std::io::stdin())
        && crate::repl::edit::ask_terminal("Do you still want to commit (y/n)?"))
}

/// The checks crmsh makes of an object as it is created, with
/// `check-frequency always` (the default): the object's own checks, no
/// uniqueness check across the CIB. The level (0, 1, 2).
pub fn on_create(cib: &Cib, ids: &[String], out: &mut Output) -> u8 {
    if crate::crm_conf::get("core", "check_frequency") != "always" {
        return 0;
    }
    let strict = crate::crm_conf::get("core", "check_mode") != "relaxed";
    let error_rc = if strict { 2 } else { 1 };
    let all = objects(cib.configuration());
    let index = Index::new(&all);
    let mut rc = 0;
    for o in all.iter().filter(|o| ids.contains(&o.id)) {
        rc |= object(cib, o, &index, error_rc, out);
    }
    rc
}
