//! Metadata the configure checks read from Pacemaker, once per process
//! (crmsh caches it the same way): an agent's meta-data, the fencer's
//! common parameters, and the cluster options the daemons declare.
//! Each first read is a real run of the tool, and `crm -R` echoes it as
//! crmsh does (`.EXT crm_resource --show-metadata ocf:pacemaker:Dummy`).

use crate::cib::process::Call;
use crate::xml::Element;
use std::collections::HashMap;
use std::sync::Mutex;

static CACHE: Mutex<Option<HashMap<String, Option<String>>>> = Mutex::new(None);

/// The output of a metadata call, run the first time it is asked for.
fn cached(key: &str, call: impl FnOnce() -> Call) -> Option<String> {
    {
        let guard = CACHE.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(v) = guard.as_ref().and_then(|m| m.get(key)) {
            return v.clone();
        }
    }
    let call = call();
    crate::regression::external(&call.describe());
    let text = call
        .run()
        .ok()
        .filter(|o| o.success() && !o.stdout.trim().is_empty())
        .map(|o| o.stdout);
    let mut guard = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    guard
        .get_or_insert_with(HashMap::new)
        .insert(key.to_string(), text.clone());
    text
}

/// `class[:provider]:type` of a primitive or template element, as
/// crm_resource names agents (a bare OCF type gets crmsh's default
/// provider).
pub fn agent_of(e: &Element) -> Option<String> {
    let class = e.get("class")?;
    let kind = e.get("type")?;
    Some(match (class, e.get("provider")) {
        ("ocf", Some(p)) => format!("ocf:{p}:{kind}"),
        ("ocf", None) => format!("ocf:{}:{kind}", crate::agents::default_provider(kind)),
        (c, _) => format!("{c}:{kind}"),
    })
}

/// An agent's meta-data XML (`crm_resource --show-metadata AGENT`); for a
/// fence agent also the fencer's own parameters, as crmsh reads them.
pub fn agent(spec: &str) -> Option<String> {
    let text = cached(spec, || {
        Call::new("crm_resource").args(["--show-metadata", spec])
    });
    if spec.starts_with("stonith:") {
        daemon("pacemaker-fenced");
    }
    text
}

/// A Pacemaker daemon's `metadata` (its options).
pub fn daemon(name: &str) -> Option<String> {
    let dir = crate::crm_conf::get("path", "crm_daemon_dir");
    let program = format!("{dir}/{name}");
    cached(&program.clone(), || Call::new(&program).arg("metadata"))
}

/// The names of every cluster option (`property` names the controller,
/// the scheduler and the CIB manager declare). `None` when none of the
/// daemons could tell.
pub fn cluster_options() -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut any = false;
    for d in [
        "pacemaker-controld",
        "pacemaker-schedulerd",
        "pacemaker-based",
    ] {
        if let Some(text) = daemon(d) {
            any = true;
            names.extend(parameter_names(&text));
        }
    }
    any.then_some(names)
}

/// The `<parameter name=…>` names of a meta-data document.
pub fn parameter_names(xml: &str) -> Vec<String> {
    let Ok(doc) = crate::xml::parse(xml) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    doc.walk(&mut |e| {
        if e.name == "parameter" {
            if let Some(n) = e.get("name") {
                names.push(n.to_string());
            }
        }
    });
    names
}

/// A cluster option's default, as the daemon declaring it says.
pub fn option_default(name: &str) -> Option<String> {
    for d in [
        "pacemaker-controld",
        "pacemaker-schedulerd",
        "pacemaker-based",
    ] {
        let Some(text) = daemon(d) else { continue };
        let Ok(doc) = crate::xml::parse(&text) else {
            continue;
        };
        let mut found = None;
        doc.walk(&mut |e| {
            if found.is_none() && e.name == "parameter" && e.get("name") == Some(name) {
                found = e
                    .child("content")
                    .and_then(|c| c.get("default"))
                    .map(String::from);
            }
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The OCF providers that have an agent (`crm_resource
/// --list-ocf-alternatives TYPE`).
pub fn alternatives(kind: &str) -> Vec<String> {
    cached(&format!("alternatives:{kind}"), || {
        Call::new("crm_resource").args(["--list-ocf-alternatives", kind])
    })
    .map(|t| t.lines().map(|l| l.trim().to_string()).collect())
    .unwrap_or_default()
}
