//! Machine-readable output: serde views over the same model the text
//! printers read (the CIB element tree and its objects, and the XML
//! answers of Pacemaker's tools), documented with their schemas in
//! `docs/json.md`. Nothing here formats text by hand.

mod config;
mod error;
mod node;
mod ra;
mod resource;
mod sheet;
mod status;

pub use config::{configuration, Configuration, NvSet};
pub use error::{errors, ErrorView, Errors};
pub use node::{nodes, NodeList, NodeView};
pub use ra::{info as ra_info, RaAgents, RaClass, RaClasses, RaInfo, RaProviders, ShadowList};
pub use resource::{constraints, fail_counts, location, operations, scores, Locations};
pub use sheet::{sheet, Sheet};
pub use status::{resource_status, status, ResourceStatus, Status};

/// The JSON text of a view, pretty-printed, with a final newline.
pub fn render<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        // The views hold only strings, numbers and lists; serde_json
        // fails only on maps with non-string keys, which they have none of.
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}
