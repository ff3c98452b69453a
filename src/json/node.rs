//! `node show json [NODE]`: the nodes `node show` prints, as data.

use super::config::{nvset, own_attributes, Attribute, NvSet};
use crate::xml::Element;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct NodeList {
    pub nodes: Vec<NodeView>,
}

#[derive(Debug, Serialize)]
pub struct NodeView {
    pub uname: String,
    /// The XML id (`<node id=…>`).
    pub id: String,
    /// `member`, `remote`, `ping` (`member` when the XML says nothing).
    #[serde(rename = "type")]
    pub kind: String,
    /// The status section says the node's controller is offline.
    pub offline: bool,
    /// The node's other XML attributes (`description`, …).
    pub attributes: Vec<Attribute>,
    /// Its `instance_attributes` and `utilization` sets.
    pub sets: Vec<NvSet>,
}

/// The view of these nodes (each with whether it is offline).
pub fn nodes(list: &[(&Element, bool)], obscure: &[String]) -> NodeList {
    NodeList {
        nodes: list
            .iter()
            .map(|(n, offline)| NodeView {
                uname: n.get("uname").unwrap_or_default().to_string(),
                id: n.id().unwrap_or_default().to_string(),
                kind: n.get("type").unwrap_or("member").to_string(),
                offline: *offline,
                attributes: own_attributes(n)
                    .into_iter()
                    .filter(|a| a.name != "uname" && a.name != "type")
                    .collect(),
                sets: n
                    .elements()
                    .filter(|c| matches!(c.name.as_str(), "instance_attributes" | "utilization"))
                    .map(|c| nvset(c, obscure))
                    .collect(),
            })
            .collect(),
    }
}
