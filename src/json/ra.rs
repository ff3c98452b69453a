//! `ra classes json`, `ra list CLASS [PROVIDER] json`: what
//! `crm_resource` lists, as the text forms print it.

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
