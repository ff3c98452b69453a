//! An agent's metadata (`crm_resource --show-metadata`) as the checks and
//! completion need it: parameters and actions.

use crate::xml::Element;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentMeta {
    /// `<resource-agent version=…>`, when the agent says.
    pub version: Option<String>,
    pub params: Vec<ParamMeta>,
    pub actions: Vec<ActionMeta>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParamMeta {
    pub name: String,
    /// Required, and neither deprecated nor obsoleted by another.
    pub required: bool,
    pub unique: bool,
    pub kind: String,
    pub default: Option<String>,
    /// The values of a `select`.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionMeta {
    pub name: String,
    pub timeout: Option<String>,
    pub interval: Option<String>,
    pub role: Option<String>,
    pub depth: Option<String>,
}

impl AgentMeta {
    /// Reads a `<resource-agent>` document; `None` for anything else.
    pub fn from_xml(root: &Element) -> Option<AgentMeta> {
        if root.name != "resource-agent" {
            return None;
        }
        let params = root
            .child("parameters")
            .map(|ps| {
                ps.elements()
                    .filter(|e| e.name == "parameter")
                    .filter_map(param)
                    .collect()
            })
            .unwrap_or_default();
        let actions = root
            .child("actions")
            .map(|a| {
                a.elements()
                    .filter(|e| e.name == "action")
                    .filter_map(|e| {
                        Some(ActionMeta {
                            name: e.get("name")?.to_string(),
                            timeout: e.get("timeout").map(String::from),
                            interval: e.get("interval").map(String::from),
                            role: e.get("role").map(String::from),
                            depth: e.get("depth").map(String::from),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(AgentMeta {
            version: root.get("version").map(String::from),
            params,
            actions,
        })
    }

    pub fn param(&self, name: &str) -> Option<&ParamMeta> {
        self.params.iter().find(|p| p.name == name)
    }

    /// Adds parameters another source defines (the fencer's `pcmk_*`
    /// for stonith agents), keeping the agent's own where names clash.
    pub fn add_params(&mut self, more: &[ParamMeta]) {
        for p in more {
            if self.param(&p.name).is_none() {
                self.params.push(p.clone());
            }
        }
    }
}

fn param(p: &Element) -> Option<ParamMeta> {
    let content = p.child("content");
    let superseded = p.get("deprecated").is_some_and(|d| d != "0") || p.has("obsoletes");
    Some(ParamMeta {
        name: p.get("name")?.to_string(),
        required: p.get("required") == Some("1") && !superseded,
        unique: p.get("unique") == Some("1"),
        kind: content
            .and_then(|c| c.get("type"))
            .unwrap_or("")
            .to_string(),
        default: content.and_then(|c| c.get("default")).map(String::from),
        values: content
            .map(|c| {
                c.elements()
                    .filter(|o| o.name == "option")
                    .filter_map(|o| o.get("value").map(String::from))
                    .collect()
            })
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_and_actions_are_read() {
        let xml = r#"<resource-agent name="X" version="1.2">
          <parameters>
            <parameter name="ip" required="1" unique="1"><content type="string"/></parameter>
            <parameter name="old" required="1" deprecated="true"><content type="string"/></parameter>
            <parameter name="mode"><content type="select" default="a"><option value="a"/><option value="b"/></content></parameter>
          </parameters>
          <actions><action name="start" timeout="20s"/><action name="monitor" timeout="20s" interval="10s" depth="0"/></actions>
        </resource-agent>"#;
        let m = AgentMeta::from_xml(&crate::xml::parse(xml).expect("xml")).expect("agent");
        assert_eq!(m.version.as_deref(), Some("1.2"));
        assert!(m.param("ip").is_some_and(|p| p.required && p.unique));
        assert!(m.param("old").is_some_and(|p| !p.required));
        assert_eq!(m.param("mode").map(|p| p.values.len()), Some(2));
        assert_eq!(m.actions[1].interval.as_deref(), Some("10s"));
    }
}
