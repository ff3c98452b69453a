//! `show xml`: the selected objects in a `<cib>` document, as crmsh
//! prints them (lxml pretty print after an XML declaration).

use crate::cib::{objects, Cib};
use crate::xml::{self, Element, Node};

/// `obscure`: the globs of secret names whose values print as `******`
/// (crmsh masks them in `show xml` as in `show`); empty for `save xml`.
pub fn show_xml(cib: &Cib, selection: Option<&[String]>, obscure: &[String]) -> String {
    let mut root = Element::new(&cib.root.name);
    *root.attrs_mut() = cib.root.attrs().clone();
    let conf = cib.configuration();
    let chosen = |id: &str| selection.is_none_or(|s| s.iter().any(|x| x == id));
    let mut out_conf = Element::new("configuration");
    for section in conf.elements() {
        let mut s = Element::new(&section.name);
        *s.attrs_mut() = section.attrs().clone();
        if section.name == "fencing-topology" {
            if !chosen("fencing_topology") {
                continue;
            }
            s = section.clone();
        } else {
            let top: Vec<&Element> = objects(conf)
                .into_iter()
                .filter(|o| o.path.len() == 2 && conf_section(conf, o.path[0]) == Some(section))
                .filter(|o| chosen(&o.id) || selection.is_some_and(|sel| contains_any(o.elem, sel)))
                .map(|o| o.elem)
                .collect();
            for e in top {
                s.children.push(Node::Element(e.clone()));
            }
        }
        // With a selection crmsh keeps the four basic sections, empty or
        // not, and leaves out other sections holding nothing selected.
        let basic = matches!(
            section.name.as_str(),
            "crm_config" | "nodes" | "resources" | "constraints"
        );
        if selection.is_some() && !basic && s.children.is_empty() {
            continue;
        }
        out_conf.push(s);
    }
    root.push(out_conf);
    mask(&mut root, obscure);
    format!("<?xml version=\"1.0\" ?>\n{}", xml::to_pretty(&root))
}

/// Every `nvpair` whose name is a secret gets the value `******`.
fn mask(e: &mut Element, obscure: &[String]) {
    if obscure.is_empty() {
        return;
    }
    if e.name == "nvpair" && e.has("value") {
        let name = e.get("name").unwrap_or("");
        if crate::secrets::is_secret(name, obscure) {
            e.set("value", crate::secrets::MASK);
        }
    }
    for c in e.elements_mut() {
        mask(c, obscure);
    }
}

fn conf_section(conf: &Element, i: usize) -> Option<&Element> {
    match conf.children.get(i)? {
        Node::Element(e) => Some(e),
        _ => None,
    }
}

fn contains_any(e: &Element, ids: &[String]) -> bool {
    let mut found = false;
    e.walk(&mut |x| {
        if x.id().is_some_and(|id| ids.iter().any(|s| s == id)) {
            found = true;
        }
    });
    found
}
