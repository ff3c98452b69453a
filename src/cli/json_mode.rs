//! Which commands answer in JSON (the word `json` among their
//! arguments), and the XML answers of Pacemaker's tools their JSON views
//! read.

use super::Failure;
use crate::cib::process::Call;
use crate::error::{Error, ErrorKind};
use crate::xml::Element;

/// Whether this command line (after the root command word) asks for
/// JSON: its errors are then JSON too.
pub fn requested(level: &str, rest: &[&str]) -> bool {
    let (Some(command), args) = (rest.first(), rest.get(1..).unwrap_or_default()) else {
        return false;
    };
    let has_json = args.contains(&"json");
    match level {
        "status" => rest.contains(&"json"),
        "configure" | "node" => *command == "show" && has_json,
        "resource" => {
            matches!(
                *command,
                "status"
                    | "show"
                    | "list"
                    | "locate"
                    | "scores"
                    | "failcount"
                    | "operations"
                    | "constraints"
            ) && has_json
        }
        "ra" => matches!(*command, "classes" | "list" | "info" | "meta" | "providers") && has_json,
        "cib" => *command == "list" && has_json,
        _ => false,
    }
}

/// The words without `json`, and whether it was there.
pub fn strip<'a>(words: &[&'a str]) -> (bool, Vec<&'a str>) {
    let json = words.contains(&"json");
    (
        json,
        words.iter().copied().filter(|w| *w != "json").collect(),
    )
}

/// Runs a Pacemaker tool with `--output-as=xml`; its answer's root.
/// A failure carries the tool's own message (its `<status>` errors).
pub fn tool_xml(call: Call) -> Result<Element, Failure> {
    let call = call.arg("--output-as=xml");
    let result = call.run()?;
    let parsed = crate::xml::parse(&result.stdout);
    let root = parsed.as_ref().ok();
    if !result.success() {
        let said = root
            .as_ref()
            .and_then(|r| r.child("status"))
            .map(|s| {
                let mut lines = Vec::new();
                s.walk(&mut |e| {
                    if e.name == "error" {
                        lines.push(
                            e.children
                                .iter()
                                .filter_map(|n| match n {
                                    crate::xml::Node::Text(t) => Some(t.trim().to_string()),
                                    _ => None,
                                })
                                .collect::<String>(),
                        );
                    }
                });
                if lines.is_empty() {
                    s.get("message").unwrap_or_default().to_string()
                } else {
                    lines.join("\n")
                }
            })
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| crate::cib::process::failure_text(&result));
        return Err(Error::new(ErrorKind::ToolFailed {
            call: call.describe(),
            status: result.status(),
            stderr: said,
        })
        .into());
    }
    parsed.map_err(|e| {
        Error::new(ErrorKind::ToolNotXml {
            call: call.describe(),
            error: e.to_string(),
        })
        .into()
    })
}
