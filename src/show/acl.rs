//! ACLs: `role`, `acl_target`, `acl_group`, `user`, new and legacy
//! syntax (crm-language §8.4, §10.3).

use super::resource::description;
use super::style::Style;
use crate::parse::SHORTCUTS;
use crate::xml::Element;

/// `role ID`, description, one part per permission (new syntax) or per
/// legacy rule; `user ID` with `role:NAME` and rule parts.
pub fn role(e: &Element, st: &Style) -> Vec<String> {
    let keyword = if e.name == "acl_user" || e.name == "user" {
        "user"
    } else {
        "role"
    };
    let mut parts = vec![format!("{keyword} {}", e.id().unwrap_or(""))];
    description(e, st, &mut parts);
    for c in e.elements() {
        match c.name.as_str() {
            "acl_permission" => parts.push(permission(c, st)),
            "read" | "write" | "deny" => parts.push(legacy_rule(c, st)),
            "role_ref" => parts.push(format!("role:{}", c.id().unwrap_or(""))),
            _ => {}
        }
    }
    parts
}

/// `acl_target ID` / `acl_group ID`, one part per role.
pub fn target(e: &Element) -> Vec<String> {
    let mut parts = vec![format!("{} {}", e.name, e.id().unwrap_or(""))];
    parts.extend(e.elements().map(|r| r.id().unwrap_or("").to_string()));
    parts
}

/// `KIND [ID:] [description=...] [xpath:X | SHORTCUT] [ref:R] [attr:A] [type:T]`.
fn permission(p: &Element, st: &Style) -> String {
    let mut w = vec![p.get("kind").unwrap_or("").to_string()];
    if let Some(id) = st.explicit_id(p) {
        w.push(format!("{id}:"));
    }
    if let Some(d) = p.get("description") {
        w.push(st.pair("description", d));
    }
    if let Some(x) = p.get("xpath") {
        w.push(xpath(x, st));
    }
    if let Some(r) = p.get("reference") {
        w.push(format!("ref:{r}"));
    }
    if let Some(a) = p.get("attribute") {
        w.push(format!("attr:{a}"));
    }
    if let Some(t) = p.get("object-type") {
        w.push(format!("type:{t}"));
    }
    w.join(" ")
}

/// `KIND xpath:X|SHORTCUT ref:R tag:T attribute:A` (schemas before 2.0).
fn legacy_rule(r: &Element, st: &Style) -> String {
    let mut w = vec![r.name.to_string()];
    if let Some(x) = r.get("xpath") {
        w.push(xpath(x, st));
    }
    for (attr, word) in [("ref", "ref"), ("tag", "tag"), ("attribute", "attribute")] {
        if let Some(v) = r.get(attr) {
            w.push(format!("{word}:{v}"));
        }
    }
    w.join(" ")
}

/// A shortcut when one expands to exactly this xpath, else `xpath:X`.
fn xpath(x: &str, st: &Style) -> String {
    shortcut_for(x).unwrap_or_else(|| format!("xpath:{}", st.quote(x)))
}

/// The shortcut (`meta:rsc:attr`, `cib`, ...) whose expansion is `x`.
pub fn shortcut_for(x: &str) -> Option<String> {
    for (name, head, tail) in SHORTCUTS {
        let mut forms = vec![head.to_string()];
        if !tail.is_empty() {
            forms.insert(0, format!("{head}{tail}"));
        }
        for form in forms {
            let Some(args) = captures(&form, x) else {
                continue;
            };
            let args = if name == "location" {
                match args.as_slice() {
                    [a, b] if a == b => vec![a.clone()],
                    _ => continue,
                }
            } else {
                args
            };
            return Some(if args.is_empty() {
                name.to_string()
            } else {
                format!("{name}:{}", args.join(":"))
            });
        }
    }
    None
}

/// The texts standing for the `@@` of `template` in `x`, if it fits.
fn captures(template: &str, x: &str) -> Option<Vec<String>> {
    let mut lits = template.split("@@");
    let mut rest = x.strip_prefix(lits.next().unwrap_or(""))?;
    let mut args = Vec::new();
    for lit in lits {
        let end = if lit.is_empty() {
            rest.len()
        } else {
            rest.find(lit)?
        };
        let arg = &rest[..end];
        if arg.is_empty() || arg.contains(['\'', ':', ' ', '"']) {
            return None;
        }
        args.push(arg.to_string());
        rest = &rest[end + lit.len()..];
    }
    rest.is_empty().then_some(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xpaths_map_back_to_shortcuts() {
        let cases = [
            (
                "//primitive[@id='bigdb']/meta_attributes/nvpair[@name='target-role']",
                "meta:bigdb:target-role",
            ),
            ("//primitive[@id='bigdb']/meta_attributes", "meta:bigdb"),
            (
                "//rsc_location[@id='cli-prefer-bigdb' and @rsc='bigdb']",
                "location:bigdb",
            ),
            ("/cib", "cib"),
            ("/cib/status", "status"),
            ("//crm_config/cluster_property_set", "property"),
            (
                "//crm_config/cluster_property_set/nvpair[@name='stonith-enabled']",
                "property:stonith-enabled",
            ),
            ("//nodes/node[@uname='node1']", "node:node1"),
            (
                "//nodes/node/instance_attributes/nvpair[@name='standby']",
                "nodeattr:standby",
            ),
            ("//primitive[@id='bigdb']/utilization", "utilization:bigdb"),
        ];
        for (x, s) in cases {
            assert_eq!(shortcut_for(x).as_deref(), Some(s), "{x}");
        }
        assert_eq!(shortcut_for("//crm_config"), None);
        assert_eq!(
            shortcut_for("//rsc_location[@id='cli-prefer-a' and @rsc='b']"),
            None
        );
        assert_eq!(
            xpath("*[@name=\"karl\"]", &Style::default()),
            "xpath:\"*[@name=\\\"karl\\\"]\""
        );
    }
}
