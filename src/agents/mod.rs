//! Resource agents: which OCF provider ships an agent (read from the agent
//! directories), and their metadata (`metadata.rs`: what an agent's
//! parameters and operations are; `lookup.rs`: asking Pacemaker for it,
//! cached per session and on disk).

pub mod lookup;
pub mod metadata;

pub use lookup::{with_registry, Agent, Lookup, Registry};
pub use metadata::{ActionMeta, AgentMeta, ParamMeta};

use std::path::Path;

const OCF_ROOT: &str = "/usr/lib/ocf/resource.d";

/// The OCF agents directory (`$OCF_ROOT/resource.d`).
pub fn ocf_dir() -> String {
    std::env::var("OCF_ROOT")
        .map(|r| format!("{r}/resource.d"))
        .unwrap_or_else(|_| OCF_ROOT.to_string())
}

/// crmsh's choice for a bare `TYPE` or `ocf:TYPE`: heartbeat if it has the
/// agent or nobody does, else pacemaker if it has it, else the first.
pub fn default_provider(agent: &str) -> String {
    let root = ocf_dir();
    let has = |p: &str| Path::new(&root).join(p).join(agent).exists();
    if agent.contains('/') || has("heartbeat") {
        return "heartbeat".into();
    }
    if has("pacemaker") {
        return "pacemaker".into();
    }
    let mut providers: Vec<String> = std::fs::read_dir(&root)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|p| has(p))
                .collect()
        })
        .unwrap_or_default();
    providers.sort();
    providers
        .into_iter()
        .next()
        .unwrap_or_else(|| "heartbeat".into())
}
