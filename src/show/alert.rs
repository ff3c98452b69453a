//! `alert` (crm-language §10.3, quirk Q19).

use super::attrs::attr_set;
use super::resource::description;
use super::style::Style;
use crate::xml::Element;

fn set_keyword(tag: &str) -> Option<&'static str> {
    match tag {
        "instance_attributes" => Some("attributes"),
        "meta_attributes" => Some("meta"),
        _ => None,
    }
}

/// `alert ID "PATH"`, description, sets, `select ...`, `to ...` parts.
/// Recipients are braced only when an alert-level set follows the first
/// recipient (otherwise that set would be read as the recipient's).
pub fn alert(e: &Element, st: &Style) -> Vec<String> {
    let mut parts = vec![format!(
        "alert {} {}",
        e.id().unwrap_or(""),
        st.quote(e.get("path").unwrap_or(""))
    )];
    description(e, st, &mut parts);
    let kids: Vec<&Element> = e.elements().collect();
    let first_recipient = kids.iter().position(|c| c.name == "recipient");
    let braces =
        first_recipient.is_some_and(|i| kids[i..].iter().any(|c| set_keyword(&c.name).is_some()));
    for c in kids {
        if let Some(k) = set_keyword(&c.name) {
            parts.push(attr_set(k, c, st));
        } else if c.name == "select" {
            parts.push(select(c));
        } else if c.name == "recipient" {
            parts.push(recipient(c, st, braces));
        }
    }
    parts
}

fn select(s: &Element) -> String {
    let mut w = vec!["select".to_string()];
    for c in s.elements() {
        let what = c.name.strip_prefix("select_").unwrap_or(&c.name);
        w.push(what.to_string());
        if what == "attributes" {
            w.push("{".into());
            w.extend(
                c.elements()
                    .map(|a| a.get("name").unwrap_or("").to_string()),
            );
            w.push("}".into());
        }
    }
    w.join(" ")
}

fn recipient(r: &Element, st: &Style, braces: bool) -> String {
    let mut w = vec!["to".to_string()];
    if braces {
        w.push("{".into());
    }
    w.push(st.quote(r.get("value").unwrap_or("")));
    if let Some(d) = r.get("description") {
        w.push(st.pair("description", d));
    }
    for c in r.elements() {
        if let Some(k) = set_keyword(&c.name) {
            w.push(attr_set(k, c, st));
        }
    }
    if braces {
        w.push("}".into());
    }
    w.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    #[test]
    fn braces_only_when_a_set_follows_a_recipient() {
        let st = Style::default();
        let a = parse(r#"<alert id="a" path="/p.sh"><recipient id="a-recipient-1" value="x"><meta_attributes id="m"><nvpair name="timeout" value="1s" id="n"/></meta_attributes></recipient></alert>"#).expect("xml");
        assert_eq!(
            alert(&a, &st),
            vec!["alert a \"/p.sh\"", "to x meta timeout=1s"]
        );
        let a = parse(r#"<alert id="a" path="/p.sh"><recipient id="a-recipient-1" value="x"/><meta_attributes id="m"/><select><select_nodes/><select_attributes><attribute name="s" id="a-0"/></select_attributes></select></alert>"#).expect("xml");
        assert_eq!(
            alert(&a, &st),
            vec![
                "alert a \"/p.sh\"",
                "to { x }",
                "meta",
                "select nodes attributes { s }"
            ]
        );
    }
}
