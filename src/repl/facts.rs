//! The shell's answers to completion: objects from the session's CIB,
//! agents and their metadata from Pacemaker's tools, each asked once per
//! session so that Tab stays instant.

use super::complete::{Facts, ObjectInfo, Param};
use crate::cib::process::Call;
use crate::cib::Cib;
use crate::kind::Kind;
use crate::xml::Element;
use std::cell::RefCell;
use std::collections::HashMap;

/// Cached answers; `objects`/`nodes` follow the CIB the shell works on.
#[derive(Default)]
pub struct ShellFacts {
    objects: RefCell<Vec<ObjectInfo>>,
    nodes: RefCell<Vec<String>>,
    /// `crm_resource` answers by query.
    lists: RefCell<HashMap<Vec<String>, Vec<String>>>,
    metadata: RefCell<HashMap<String, Option<Element>>>,
    /// Template id → its agent, for `primitive p @tmpl params …`.
    templates: RefCell<HashMap<String, String>>,
    properties: RefCell<Option<Vec<Param>>>,
    option_docs: RefCell<Option<Vec<Element>>>,
}

impl ShellFacts {
    pub fn new() -> Self {
        ShellFacts::default()
    }

    /// Takes the ids and nodes of the CIB the shell now works on.
    pub fn update(&self, cib: &Cib) {
        let mut out = Vec::new();
        let mut templates = HashMap::new();
        for o in crate::cib::objects(cib.configuration()) {
            if o.kind == Kind::Template {
                let e = o.elem;
                let agent = match (e.get("class"), e.get("provider"), e.get("type")) {
                    (Some(c), Some(p), Some(t)) => format!("{c}:{p}:{t}"),
                    (Some(c), None, Some(t)) => format!("{c}:{t}"),
                    _ => String::new(),
                };
                templates.insert(o.id.clone(), agent);
            }
            // Objects nested below the top of their section sit in a
            // container (group, clone, bundle).
            out.push(ObjectInfo {
                kind: o.kind,
                id: o.id.clone(),
                contained: o.path.len() > 2,
            });
        }
        *self.objects.borrow_mut() = out;
        *self.templates.borrow_mut() = templates;
        *self.nodes.borrow_mut() = cib.node_names();
    }

    fn crm_resource(&self, args: &[&str]) -> Vec<String> {
        let key: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        if let Some(v) = self.lists.borrow().get(&key) {
            return v.clone();
        }
        let mut v: Vec<String> = Call::new("crm_resource")
            .args(args.iter().copied())
            .output_lines();
        v.sort();
        v.dedup();
        self.lists.borrow_mut().insert(key, v.clone());
        v
    }

    /// The agent's metadata, read once; `None` when it has none (also
    /// the language server's hover and completion documentation).
    pub fn metadata(&self, agent: &str) -> Option<Element> {
        let name = match agent.strip_prefix('@') {
            Some(t) => self.templates.borrow().get(t).cloned()?,
            None => full_agent_name(agent),
        };
        if let Some(m) = self.metadata.borrow().get(&name) {
            return m.clone();
        }
        let meta = Call::new("crm_resource")
            .args(["--show-metadata", &name])
            .run()
            .ok()
            .filter(|o| o.success())
            .and_then(|o| crate::xml::parse(&o.stdout).ok());
        self.metadata.borrow_mut().insert(name, meta.clone());
        meta
    }
}

/// `Dummy` and `ocf:Dummy` → `ocf:pacemaker:Dummy` (crmsh's provider
/// lookup); full names stay.
fn full_agent_name(agent: &str) -> String {
    let typ = match agent.split(':').collect::<Vec<_>>().as_slice() {
        [t] | ["ocf", t] => t.to_string(),
        _ => return agent.to_string(),
    };
    format!("ocf:{}:{typ}", crate::agents::default_provider(&typ))
}

/// The `<parameter>`s of a metadata document.
pub fn params_of(meta: &Element) -> Vec<Param> {
    let Some(params) = meta.child("parameters") else {
        return Vec::new();
    };
    params
        .elements()
        .filter(|e| e.name == "parameter")
        .filter_map(|p| {
            let content = p.child("content");
            Some(Param {
                name: p.get("name")?.to_string(),
                kind: content
                    .and_then(|c| c.get("type"))
                    .unwrap_or("")
                    .to_string(),
                default: content.and_then(|c| c.get("default")).map(String::from),
                required: p.get("required") == Some("1"),
                values: content
                    .map(|c| {
                        c.elements()
                            .filter(|o| o.name == "option")
                            .filter_map(|o| o.get("value").map(String::from))
                            .collect()
                    })
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Where Pacemaker's daemons answer `metadata` with the cluster options.
const OPTION_DAEMONS: &[&str] = &[
    "/usr/lib/pacemaker/pacemaker-schedulerd",
    "/usr/lib/pacemaker/pacemaker-controld",
    "/usr/lib/pacemaker/pacemaker-based",
    "/usr/libexec/pacemaker/pacemaker-schedulerd",
    "/usr/libexec/pacemaker/pacemaker-controld",
    "/usr/libexec/pacemaker/pacemaker-based",
];

/// Well-known cluster options, for machines without Pacemaker.
const KNOWN_PROPERTIES: &[(&str, &str)] = &[
    ("stonith-enabled", "boolean"),
    ("no-quorum-policy", "select"),
    ("symmetric-cluster", "boolean"),
    ("maintenance-mode", "boolean"),
    ("stop-all-resources", "boolean"),
    ("cluster-recheck-interval", "time"),
    ("stonith-timeout", "time"),
    ("start-failure-is-fatal", "boolean"),
    ("placement-strategy", "select"),
    ("have-watchdog", "boolean"),
    ("cluster-name", "string"),
    ("dc-deadtime", "time"),
    ("shutdown-lock", "boolean"),
    ("priority-fencing-delay", "time"),
];

impl ShellFacts {
    /// The cluster options' metadata documents of Pacemaker's daemons,
    /// read once.
    pub fn option_metadata(&self) -> Vec<Element> {
        if let Some(m) = self.option_docs.borrow().as_ref() {
            return m.clone();
        }
        let docs: Vec<Element> = OPTION_DAEMONS
            .iter()
            .filter(|d| std::path::Path::new(d).exists())
            .filter_map(|daemon| {
                Call::new(daemon)
                    .arg("metadata")
                    .run()
                    .ok()
                    .filter(|o| o.success())
                    .and_then(|o| crate::xml::parse(&o.stdout).ok())
            })
            .collect();
        *self.option_docs.borrow_mut() = Some(docs.clone());
        docs
    }
}

impl Facts for ShellFacts {
    fn objects(&self) -> Vec<ObjectInfo> {
        self.objects.borrow().clone()
    }

    fn nodes(&self) -> Vec<String> {
        self.nodes.borrow().clone()
    }

    fn ra_classes(&self) -> Vec<String> {
        self.crm_resource(&["--list-standards"])
    }

    fn ocf_providers(&self) -> Vec<String> {
        self.crm_resource(&["--list-ocf-providers"])
    }

    fn ra_types(&self, class: &str, provider: Option<&str>) -> Vec<String> {
        let spec = match provider {
            Some(p) => format!("{class}:{p}"),
            None => class.to_string(),
        };
        self.crm_resource(&["--list-agents", &spec])
    }

    fn ra_params(&self, agent: &str) -> Vec<Param> {
        self.metadata(agent)
            .map(|m| params_of(&m))
            .unwrap_or_default()
    }

    fn ra_actions(&self, agent: &str) -> Vec<String> {
        let Some(meta) = self.metadata(agent) else {
            return Vec::new();
        };
        let mut out: Vec<String> = meta
            .child("actions")
            .map(|a| {
                a.elements()
                    .filter(|e| e.name == "action")
                    .filter_map(|e| e.get("name").map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out.dedup();
        out
    }

    fn ra_action_defaults(&self, agent: &str, action: &str) -> Vec<(String, String)> {
        let Some(meta) = self.metadata(agent) else {
            return Vec::new();
        };
        // The first `<action name=…>` of that name, as crmsh reads it.
        meta.child("actions")
            .and_then(|a| {
                a.elements()
                    .find(|e| e.name == "action" && e.get("name") == Some(action))
                    .map(|e| {
                        e.attrs()
                            .iter()
                            .filter(|(n, _)| *n != "name")
                            .map(|(n, v)| (n.to_string(), v.to_string()))
                            .collect()
                    })
            })
            .unwrap_or_default()
    }

    fn properties(&self) -> Vec<Param> {
        if let Some(p) = self.properties.borrow().as_ref() {
            return p.clone();
        }
        let mut all: Vec<Param> = Vec::new();
        for m in self.option_metadata() {
            for p in params_of(&m) {
                if !all.iter().any(|q| q.name == p.name) {
                    all.push(p);
                }
            }
        }
        if all.is_empty() {
            all = KNOWN_PROPERTIES
                .iter()
                .map(|(n, k)| Param {
                    name: n.to_string(),
                    kind: k.to_string(),
                    ..Param::default()
                })
                .collect();
        }
        *self.properties.borrow_mut() = Some(all.clone());
        all
    }

    fn shadows(&self) -> Vec<String> {
        crate::cli::shadow_names()
    }
}
