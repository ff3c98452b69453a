//! Rules and expressions (crm-language §10.5).

use super::layout::score;
use super::style::Style;
use crate::xml::Element;

/// `rule [$id=ID] [$role=ROLE] [SCORE:] EXPR (and|or EXPR)...`, or
/// `rule $id-ref=REF`. A score of exactly `INFINITY` is not printed.
pub fn rule(e: &Element, st: &Style) -> String {
    if let Some(r) = e.get("id-ref") {
        return format!("rule $id-ref={r}");
    }
    let mut w = vec!["rule".to_string()];
    if let Some(id) = e.id() {
        if st.explicit.contains(id) || st.referenced.contains(id) {
            w.push(format!("$id={id}"));
        }
    }
    if let Some(role) = e.get("role") {
        w.push(format!("$role={role}"));
    }
    match (e.get("score"), e.get("score-attribute")) {
        (Some("INFINITY"), _) => {}
        (Some(s), _) => w.push(format!("{}:", score(s))),
        (None, Some(a)) => w.push(format!("{a}:")),
        (None, None) => {}
    }
    let op = format!(" {} ", e.get("boolean-op").unwrap_or("and"));
    let exprs: Vec<String> = e.elements().map(|x| expression(x, st)).collect();
    w.push(exprs.join(&op));
    w.join(" ")
}

/// One expression: `ATTR [TYPE:]OP VALUE`, `defined ATTR`, `date ...`.
pub fn expression(e: &Element, st: &Style) -> String {
    match e.name.as_str() {
        "expression" => {
            let attr = e.get("attribute").unwrap_or("");
            let op = e.get("operation").unwrap_or("");
            let Some(v) = e.get("value") else {
                return format!("{op} {attr}");
            };
            let ty = e.get("type").map(|t| format!("{t}:")).unwrap_or_default();
            let value = match e.get("value-source") {
                Some(src) if src != "literal" => format!("{src}{{{v}}}"),
                _ => v.to_string(),
            };
            format!("{attr} {ty}{op} {value}")
        }
        "date_expression" => date_expression(e, st),
        other => other.to_string(),
    }
}

fn date_expression(e: &Element, st: &Style) -> String {
    let op = e.get("operation").unwrap_or("");
    match op {
        "lt" => format!("date lt {}", st.quote(e.get("end").unwrap_or(""))),
        "gt" => format!("date gt {}", st.quote(e.get("start").unwrap_or(""))),
        "in_range" | "date_spec" => {
            let word = if op == "in_range" { "in" } else { "spec" };
            let mut w = vec!["date".to_string(), word.to_string()];
            let pairs = |x: &Element, w: &mut Vec<String>| {
                for (k, v) in x.attrs() {
                    if k != "id" && k != "operation" {
                        w.push(st.pair(k, v));
                    }
                }
            };
            pairs(e, &mut w);
            for c in e.elements() {
                pairs(c, &mut w);
            }
            w.join(" ")
        }
        _ => format!("date {op}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    fn show(xml: &str, st: &Style) -> String {
        rule(&parse(xml).expect("xml"), st)
    }

    #[test]
    fn scores_roles_and_boolean_ops() {
        let st = Style::default();
        assert_eq!(
            show(
                r##"<rule score="INFINITY" id="r"><expression operation="eq" attribute="#uname" value="n1" id="e"/><expression operation="gt" attribute="pingd" value="0" id="e0"/></rule>"##,
                &st
            ),
            "rule #uname eq n1 and pingd gt 0"
        );
        assert_eq!(
            show(
                r##"<rule score="-INFINITY" boolean-op="or" id="r"><expression operation="not_defined" attribute="pingd" id="e"/><expression operation="lte" attribute="pingd" value="0" id="e0"/></rule>"##,
                &st
            ),
            "rule -inf: not_defined pingd or pingd lte 0"
        );
        assert_eq!(
            show(
                r##"<rule score="50" role="Promoted" id="r"><expression operation="eq" attribute="#uname" value="n1" id="e"/></rule>"##,
                &st
            ),
            "rule $role=Promoted 50: #uname eq n1"
        );
        assert_eq!(
            show(
                r##"<rule score-attribute="pingd" id="r"><expression operation="defined" attribute="pingd" id="e"/></rule>"##,
                &st
            ),
            "rule pingd: defined pingd"
        );
        assert_eq!(
            show(r##"<rule id-ref="l2-rule1"/>"##, &st),
            "rule $id-ref=l2-rule1"
        );
    }

    #[test]
    fn referenced_rules_keep_their_id_and_values_print_raw() {
        let st = Style {
            referenced: std::rc::Rc::new(["r1".to_string()].into()),
            ..Style::default()
        };
        assert_eq!(
            show(
                r##"<rule score="100" id="r1"><expression operation="eq" attribute="#uname" type="string" value="param" value-source="param" id="e"/></rule>"##,
                &st
            ),
            "rule $id=r1 100: #uname string:eq param{param}"
        );
    }

    #[test]
    fn date_expressions() {
        let st = Style::default();
        assert_eq!(
            show(r##"<rule score="+INFINITY" id="r"><date_expression operation="lt" end="2009-05-26" id="a"/><date_expression operation="in_range" start="2009-05-26" id="b"><duration years="2009" id="c"/></date_expression><date_expression operation="date_spec" id="d"><date_spec years="2009" hours="09-17" id="e"/></date_expression></rule>"##, &st),
            "rule +inf: date lt 2009-05-26 and date in start=2009-05-26 years=2009 and date spec years=2009 hours=09-17"
        );
    }
}
