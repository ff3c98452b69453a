//! `resource locate|operations|constraints|scores|failcount … json`: the
//! answers of `crm_resource`/`crm_simulate` (their `--output-as=xml`) and
//! the fail counts of the CIB's status section, as typed data.

use super::config::Attribute;
use crate::xml::Element;
use serde::Serialize;

fn text(e: &Element, name: &str) -> String {
    e.get(name).unwrap_or_default().to_string()
}

fn signed(e: &Element, name: &str) -> i64 {
    e.get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn element_text(e: &Element) -> String {
    e.children
        .iter()
        .filter_map(|n| match n {
            crate::xml::Node::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

#[derive(Debug, Serialize)]
pub struct Locations {
    pub resources: Vec<Location>,
}

#[derive(Debug, Serialize)]
pub struct Location {
    pub id: String,
    /// The nodes the resource runs on, as crm_resource lists them.
    pub nodes: Vec<LocatedNode>,
}

#[derive(Debug, Serialize)]
pub struct LocatedNode {
    pub name: String,
    /// crm_resource's `state` (`promoted`) where it gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// One `crm_resource --locate --output-as=xml` answer.
pub fn location(id: &str, root: &Element) -> Location {
    let nodes = root
        .child("nodes")
        .into_iter()
        .flat_map(|n| n.elements())
        .filter(|n| n.name == "node")
        .map(|n| LocatedNode {
            name: element_text(n),
            state: n.get("state").map(String::from),
        })
        .collect();
    Location {
        id: id.to_string(),
        nodes,
    }
}

#[derive(Debug, Serialize)]
pub struct Operations {
    pub operations: Vec<Operation>,
}

/// An operation in the resource history (`crm_resource -O`).
#[derive(Debug, Serialize)]
pub struct Operation {
    /// `RESOURCE_TASK_INTERVAL`.
    pub op_key: String,
    pub resource: String,
    pub agent: String,
    pub node: String,
    pub call: i64,
    pub rc: i64,
    /// The execution status (`complete`, `Error`, …).
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_rc_change: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exec_time_ms: Option<i64>,
}

pub fn operations(root: &Element) -> Operations {
    let operations = root
        .child("operations")
        .into_iter()
        .flat_map(|o| o.elements())
        .filter(|o| o.name == "operation")
        .map(|o| Operation {
            op_key: text(o, "op"),
            resource: text(o, "rsc"),
            agent: text(o, "agent"),
            node: text(o, "node"),
            call: signed(o, "call"),
            rc: signed(o, "rc"),
            status: text(o, "status"),
            last_rc_change: o.get("last-rc-change").map(String::from),
            exec_time_ms: o
                .get("exec-time")
                .and_then(|v| v.trim_end_matches("ms").parse().ok()),
        })
        .collect();
    Operations { operations }
}

#[derive(Debug, Serialize)]
pub struct Constraints {
    pub resource: String,
    pub constraints: Vec<ConstraintRef>,
}

/// A constraint crm_resource says involves the resource.
#[derive(Debug, Serialize)]
pub struct ConstraintRef {
    pub id: String,
    /// The XML element (`rsc_location`, `rsc_colocation`, `rsc_order`, …).
    pub element: String,
    /// Its XML attributes other than `id`, in XML order.
    pub attributes: Vec<Attribute>,
}

pub fn constraints(id: &str, root: &Element) -> Constraints {
    let constraints = root
        .child("constraints")
        .into_iter()
        .flat_map(|c| c.elements())
        .map(|c| ConstraintRef {
            id: text(c, "id"),
            element: c.name.as_str().to_string(),
            attributes: c
                .attrs()
                .iter()
                .filter(|(n, _)| *n != "id")
                .map(|(name, value)| Attribute {
                    name: name.to_string(),
                    value: value.to_string(),
                })
                .collect(),
        })
        .collect();
    Constraints {
        resource: id.to_string(),
        constraints,
    }
}

#[derive(Debug, Serialize)]
pub struct Scores {
    pub scores: Vec<Score>,
}

/// One allocation score the scheduler computed (`crm_simulate -s`).
#[derive(Debug, Serialize)]
pub struct Score {
    pub resource: String,
    pub node: String,
    /// As the scheduler prints it: a number, `INFINITY` or `-INFINITY`.
    pub score: String,
    /// The scheduler function that computed it.
    pub function: String,
}

pub fn scores(root: &Element) -> Scores {
    let scores = root
        .child("allocations")
        .into_iter()
        .flat_map(|a| a.elements())
        .filter(|w| w.name == "node_weight")
        .map(|w| Score {
            resource: text(w, "id"),
            node: text(w, "node"),
            score: text(w, "score"),
            function: text(w, "function"),
        })
        .collect();
    Scores { scores }
}

/// `failcount RESOURCE show NODE json`.
#[derive(Debug, Serialize)]
pub struct FailCounts {
    pub resource: String,
    pub node: String,
    /// The sum of `counts` (what `crm_failcount --query` prints).
    pub total: i64,
    pub counts: Vec<FailCount>,
}

#[derive(Debug, Serialize)]
pub struct FailCount {
    /// The status nvpair (`fail-count-RSC#OP_INTERVAL`).
    pub name: String,
    pub operation: String,
    pub interval_ms: String,
    /// `INFINITY` counts as crm_failcount counts it (1000000).
    pub value: i64,
}

/// The fail counts of `rsc` on `node` in a CIB's status section.
pub fn fail_counts(cib: &Element, rsc: &str, node: &str) -> FailCounts {
    let prefix = format!("fail-count-{rsc}#");
    let mut counts = Vec::new();
    let states = cib
        .child("status")
        .into_iter()
        .flat_map(|s| s.elements())
        .filter(|s| s.name == "node_state")
        .filter(|s| s.get("uname") == Some(node) || s.id() == Some(node));
    for state in states {
        state.walk(&mut |e| {
            if e.name != "nvpair" {
                return;
            }
            let Some(name) = e.get("name") else { return };
            let Some(rest) = name.strip_prefix(prefix.as_str()) else {
                return;
            };
            let Some((op, interval)) = rest.rsplit_once('_') else {
                return;
            };
            let value = e.get("value").unwrap_or("0");
            let value = match value.trim_start_matches('+') {
                "INFINITY" => 1_000_000,
                v => v.parse().unwrap_or(0),
            };
            counts.push(FailCount {
                name: name.to_string(),
                operation: op.to_string(),
                interval_ms: interval.to_string(),
                value,
            });
        });
    }
    FailCounts {
        resource: rsc.to_string(),
        node: node.to_string(),
        total: counts.iter().map(|c| c.value).sum::<i64>().min(1_000_000),
        counts,
    }
}
