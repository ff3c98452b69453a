//! `configure show json`: every object of the configuration with its
//! XML id, kind, agent, attribute sets (with rules), operations, members,
//! and constraints with their resource sets and rules.

use crate::cib::{objects, Object};
use crate::xml::Element;
use serde::Serialize;

/// The whole answer.
#[derive(Debug, Serialize)]
pub struct Configuration {
    pub objects: Vec<ObjectView>,
}

/// One object (a node, resource, constraint, property set, …).
#[derive(Debug, Serialize)]
pub struct ObjectView {
    /// The XML id (`fencing_topology` for the topology).
    pub id: String,
    /// crmsh's keyword for it (`primitive`, `location`, `property`, …).
    pub kind: &'static str,
    /// The XML element it is (`primitive`, `rsc_location`, …).
    pub element: String,
    /// The element's own XML attributes other than `id`, in XML order.
    pub attributes: Vec<Attribute>,
    /// `class:provider:type` of a primitive (`@template` for one made
    /// from a template); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// Attribute sets: `instance_attributes` (params), `meta_attributes`,
    /// `utilization`, and the property/defaults sets themselves.
    pub sets: Vec<NvSet>,
    /// Operations (`<op>`), in order.
    pub ops: Vec<Op>,
    /// Children ids of a group, clone, ms or bundle.
    pub members: Vec<String>,
    /// `<resource_set>`s of a constraint.
    pub resource_sets: Vec<ResourceSet>,
    /// Rules directly on the object (a location's rules).
    pub rules: Vec<Rule>,
}

#[derive(Debug, Serialize)]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct NvSet {
    /// `instance_attributes`, `meta_attributes`, `utilization`,
    /// `cluster_property_set`.
    pub element: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<String>,
    pub rules: Vec<Rule>,
    pub nvpairs: Vec<NvPair>,
}

#[derive(Debug, Serialize)]
pub struct NvPair {
    pub id: String,
    pub name: String,
    /// Absent for `<nvpair>` without a value; masked (`******`) as in
    /// `show` when the name is a secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Op {
    pub id: String,
    pub name: String,
    pub interval: String,
    /// The other XML attributes of the `<op>`.
    pub attributes: Vec<Attribute>,
    pub sets: Vec<NvSet>,
}

#[derive(Debug, Serialize)]
pub struct ResourceSet {
    pub id: String,
    pub attributes: Vec<Attribute>,
    pub resources: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Rule {
    pub id: String,
    pub attributes: Vec<Attribute>,
    /// Expressions and nested rules, each as its element and attributes.
    pub expressions: Vec<Expression>,
}

#[derive(Debug, Serialize)]
pub struct Expression {
    /// `expression`, `date_expression`, `rule`, `rsc_expression`, …
    pub element: String,
    pub id: String,
    pub attributes: Vec<Attribute>,
    /// The children of a nested rule or date expression
    /// (`date_spec`, `duration`, expressions).
    pub expressions: Vec<Expression>,
}

const SETS: &[&str] = &[
    "instance_attributes",
    "meta_attributes",
    "utilization",
    "cluster_property_set",
];

const MASK: &str = "******";

/// The configuration's objects, or those whose ids are in `selection`.
pub fn configuration(
    config: &Element,
    selection: Option<&[String]>,
    obscure: &[String],
) -> Configuration {
    let objects = objects(config)
        .iter()
        .filter(|o| selection.is_none_or(|s| s.contains(&o.id)))
        .map(|o| object(o, obscure))
        .collect();
    Configuration { objects }
}

fn object(o: &Object<'_>, obscure: &[String]) -> ObjectView {
    let e = o.elem;
    let is_set = SETS.contains(&e.name.as_str());
    let agent = (e.name == "primitive").then(|| agent(e)).flatten();
    let members = if o.kind.is_resource() && e.name != "primitive" {
        e.elements()
            .filter(|c| matches!(c.name.as_str(), "primitive" | "group" | "clone" | "master"))
            .filter_map(|c| c.id().map(String::from))
            .collect()
    } else {
        Vec::new()
    };
    let sets = if is_set {
        vec![nvset(e, obscure)]
    } else {
        e.elements()
            .filter(|c| SETS.contains(&c.name.as_str()))
            .map(|c| nvset(c, obscure))
            .collect()
    };
    ObjectView {
        id: o.id.clone(),
        kind: o.kind.name(),
        element: e.name.to_string(),
        attributes: own_attributes(e),
        agent,
        sets,
        ops: e
            .child("operations")
            .map(|ops| {
                ops.elements()
                    .filter(|c| c.name == "op")
                    .map(|c| op(c, obscure))
                    .collect()
            })
            .unwrap_or_default(),
        members,
        resource_sets: e
            .elements()
            .filter(|c| c.name == "resource_set")
            .map(resource_set)
            .collect(),
        rules: if is_set {
            Vec::new()
        } else {
            e.elements()
                .filter(|c| c.name == "rule")
                .map(rule)
                .collect()
        },
    }
}

fn agent(e: &Element) -> Option<String> {
    if let Some(t) = e.get("template") {
        return Some(format!("@{t}"));
    }
    let class = e.get("class")?;
    let kind = e.get("type")?;
    Some(match e.get("provider") {
        Some(p) => format!("{class}:{p}:{kind}"),
        None => format!("{class}:{kind}"),
    })
}

pub(super) fn own_attributes(e: &Element) -> Vec<Attribute> {
    e.attrs()
        .iter()
        .filter(|(n, _)| *n != "id")
        .map(|(n, v)| Attribute {
            name: n.to_string(),
            value: v.to_string(),
        })
        .collect()
}

pub(super) fn nvset(e: &Element, obscure: &[String]) -> NvSet {
    NvSet {
        element: e.name.to_string(),
        id: e.id().unwrap_or_default().to_string(),
        score: e.get("score").map(String::from),
        rules: e
            .elements()
            .filter(|c| c.name == "rule")
            .map(rule)
            .collect(),
        nvpairs: e
            .elements()
            .filter(|c| c.name == "nvpair")
            .map(|p| {
                let name = p.get("name").unwrap_or_default().to_string();
                let secret = !obscure.is_empty() && crate::secrets::is_secret(&name, obscure);
                NvPair {
                    id: p.id().unwrap_or_default().to_string(),
                    value: p.get("value").map(|v| {
                        if secret {
                            MASK.to_string()
                        } else {
                            v.to_string()
                        }
                    }),
                    name,
                }
            })
            .collect(),
    }
}

fn op(e: &Element, obscure: &[String]) -> Op {
    Op {
        id: e.id().unwrap_or_default().to_string(),
        name: e.get("name").unwrap_or_default().to_string(),
        interval: e.get("interval").unwrap_or_default().to_string(),
        attributes: own_attributes(e)
            .into_iter()
            .filter(|a| a.name != "name" && a.name != "interval")
            .collect(),
        sets: e
            .elements()
            .filter(|c| SETS.contains(&c.name.as_str()))
            .map(|c| nvset(c, obscure))
            .collect(),
    }
}

fn resource_set(e: &Element) -> ResourceSet {
    ResourceSet {
        id: e.id().unwrap_or_default().to_string(),
        attributes: own_attributes(e),
        resources: e
            .elements()
            .filter(|c| c.name == "resource_ref")
            .filter_map(|c| c.id().map(String::from))
            .collect(),
    }
}

fn rule(e: &Element) -> Rule {
    Rule {
        id: e.id().unwrap_or_default().to_string(),
        attributes: own_attributes(e),
        expressions: e.elements().map(expression).collect(),
    }
}

fn expression(e: &Element) -> Expression {
    Expression {
        element: e.name.to_string(),
        id: e.id().unwrap_or_default().to_string(),
        attributes: own_attributes(e),
        expressions: e.elements().map(expression).collect(),
    }
}
