//! `ra classes json`, `ra list CLASS [PROVIDER] json`: what
//! `crm_resource` lists, as the text forms print it.

use crate::xml::Element;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct RaClasses {
    pub classes: Vec<RaClass>,
}

#[derive(Debug, Serialize)]
pub struct RaClass {
    /// `ocf`, `lsb`, `service`, `stonith`, `systemd`, …
    pub class: String,
    /// The OCF providers (`heartbeat`, `pacemaker`); empty for other
    /// classes.
    pub providers: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct RaAgents {
    pub class: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Agent types, sorted.
    pub agents: Vec<String>,
}

/// `ra providers AGENT json`.
#[derive(Debug, Serialize)]
pub struct RaProviders {
    pub agent: String,
    pub providers: Vec<String>,
}

/// `ra info AGENT json`: the agent's meta-data.
#[derive(Debug, Serialize)]
pub struct RaInfo {
    /// The full name crm_resource knows it by (`ocf:heartbeat:IPaddr2`).
    pub name: String,
    pub class: String,
    /// Empty for classes without providers.
    pub provider: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub shortdesc: String,
    pub longdesc: String,
    pub parameters: Vec<RaParameter>,
    pub actions: Vec<RaAction>,
}

#[derive(Debug, Serialize)]
pub struct RaParameter {
    pub name: String,
    pub required: bool,
    pub unique: bool,
    /// `<content type=…>` (`string`, `integer`, `boolean`, …).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    pub shortdesc: String,
    pub longdesc: String,
}

#[derive(Debug, Serialize)]
pub struct RaAction {
    pub name: String,
    /// The action's other XML attributes (`timeout`, `interval`, `role`, …).
    pub attributes: Vec<super::config::Attribute>,
}

fn desc(e: &Element, tag: &str) -> String {
    e.child(tag)
        .map(|c| {
            c.children
                .iter()
                .filter_map(|n| match n {
                    crate::xml::Node::Text(t) => Some(t.as_str()),
                    _ => None,
                })
                .collect::<String>()
        })
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The view of an agent's `<resource-agent>` meta-data.
pub fn info(name: &str, class: &str, provider: &str, kind: &str, root: &Element) -> RaInfo {
    let parameters = root
        .child("parameters")
        .into_iter()
        .flat_map(|p| p.elements())
        .filter(|p| p.name == "parameter")
        .map(|p| {
            let content = p.child("content");
            RaParameter {
                name: p.get("name").unwrap_or_default().to_string(),
                required: matches!(p.get("required"), Some("1" | "true")),
                unique: matches!(p.get("unique"), Some("1" | "true")),
                kind: content.and_then(|c| c.get("type")).map(String::from),
                default: content.and_then(|c| c.get("default")).map(String::from),
                shortdesc: desc(p, "shortdesc"),
                longdesc: desc(p, "longdesc"),
            }
        })
        .collect();
    let actions = root
        .child("actions")
        .into_iter()
        .flat_map(|a| a.elements())
        .filter(|a| a.name == "action")
        .map(|a| RaAction {
            name: a.get("name").unwrap_or_default().to_string(),
            attributes: a
                .attrs()
                .iter()
                .filter(|(n, _)| *n != "name")
                .map(|(name, value)| super::config::Attribute {
                    name: name.to_string(),
                    value: value.to_string(),
                })
                .collect(),
        })
        .collect();
    RaInfo {
        name: name.to_string(),
        class: class.to_string(),
        provider: provider.to_string(),
        kind: kind.to_string(),
        version: root.child("version").map(|_| desc(root, "version")),
        shortdesc: desc(root, "shortdesc"),
        longdesc: desc(root, "longdesc"),
        parameters,
        actions,
    }
}

/// `cib list json`: the shadow CIBs.
#[derive(Debug, Serialize)]
pub struct ShadowList {
    pub shadows: Vec<String>,
}
