//! `history graph`: the configuration of a pe-input as a Graphviz graph —
//! resources as boxes (groups and clones as clusters around their
//! members), order constraints as arrows, colocations as dashed edges.

use crate::xml::Element;

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn resource(e: &Element, out: &mut String, depth: usize) {
    let pad = "\t".repeat(depth);
    let Some(id) = e.id() else { return };
    match e.name.as_str() {
        "primitive" => {
            let agent = [e.get("class"), e.get("provider"), e.get("type")]
                .iter()
                .flatten()
                .copied()
                .collect::<Vec<_>>()
                .join(":");
            out.push_str(&format!(
                "{pad}{} [shape=box label={}];\n",
                quoted(id),
                quoted(&format!("{id}\n{agent}"))
            ));
        }
        "group" | "clone" | "master" | "bundle" => {
            out.push_str(&format!(
                "{pad}subgraph {} {{\n{pad}\tlabel={};\n",
                quoted(&format!("cluster_{id}")),
                quoted(&format!("{} {id}", e.name))
            ));
            for child in e.elements() {
                resource(child, out, depth + 1);
            }
            out.push_str(&format!("{pad}}}\n"));
        }
        _ => {}
    }
}

pub fn dot(config: &Element) -> String {
    let mut out = String::from("digraph \"configuration\" {\n\tcompound=true;\n");
    if let Some(resources) = config.child("resources") {
        for r in resources.elements() {
            resource(r, &mut out, 1);
        }
    }
    if let Some(constraints) = config.child("constraints") {
        for c in constraints.elements() {
            match c.name.as_str() {
                "rsc_order" => {
                    if let (Some(a), Some(b)) = (c.get("first"), c.get("then")) {
                        out.push_str(&format!(
                            "\t{} -> {} [label={}];\n",
                            quoted(a),
                            quoted(b),
                            quoted(c.id().unwrap_or(""))
                        ));
                    }
                }
                "rsc_colocation" => {
                    if let (Some(a), Some(b)) = (c.get("rsc"), c.get("with-rsc")) {
                        out.push_str(&format!(
                            "\t{} -> {} [style=dashed label={}];\n",
                            quoted(a),
                            quoted(b),
                            quoted(c.get("score").unwrap_or(""))
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    out.push_str("}\n");
    out
}
