//! Constraints: location, colocation, order, rsc_ticket, and the
//! resource-set notation they share (crm-language §3.6, §10.3).

use super::layout::{score, score_word};
use super::rule::rule;
use super::style::Style;
use crate::xml::Element;

/// `location ID RSC|/PATTERN/|{ SETS } [attr=value...] [SCORE: NODE]`,
/// then one part per rule.
pub fn location(e: &Element, st: &Style) -> Vec<String> {
    let mut head = vec!["location".to_string(), e.id().unwrap_or("").to_string()];
    if let Some(r) = e.get("rsc") {
        head.push(r.to_string());
    } else if let Some(p) = e.get("rsc-pattern") {
        head.push(format!("/{p}/"));
    } else {
        head.push("{".into());
        head.extend(sets(e));
        head.push("}".into());
    }
    for (k, v) in e.attrs() {
        if !matches!(
            k,
            "id" | "rsc" | "rsc-pattern" | "score" | "score-attribute" | "node"
        ) {
            head.push(st.pair(k, v));
        }
    }
    if let Some(node) = e.get("node") {
        if let Some(s) = score_word(e) {
            head.push(s);
        }
        head.push(node.to_string());
    }
    let mut parts = vec![head.join(" ")];
    parts.extend(
        e.elements()
            .filter(|c| c.name == "rule")
            .map(|r| rule(r, st)),
    );
    parts
}

/// `colocation ID SCORE: REFS [node-attribute=X]`.
pub fn colocation(e: &Element, st: &Style) -> Vec<String> {
    let mut w = vec!["colocation".to_string(), e.id().unwrap_or("").to_string()];
    w.extend(score_word(e));
    w.extend(refs(e, ["rsc", "with-rsc"], 2));
    if let Some(a) = e.get("node-attribute") {
        w.push(st.pair("node-attribute", a));
    }
    vec![w.join(" ")]
}

/// `order ID [KIND: | SCORE:] REFS [symmetrical=B]`.
pub fn order(e: &Element, st: &Style) -> Vec<String> {
    let mut w = vec!["order".to_string(), e.id().unwrap_or("").to_string()];
    if let Some(k) = e.get("kind") {
        w.push(format!("{k}:"));
    } else if let Some(s) = e.get("score") {
        w.push(format!("{}:", score(s)));
    }
    w.extend(refs(e, ["first", "then"], 2));
    if let Some(s) = e.get("symmetrical") {
        w.push(st.pair("symmetrical", s));
    }
    vec![w.join(" ")]
}

/// `rsc_ticket ID TICKET: REFS [loss-policy=P]`.
pub fn ticket(e: &Element, st: &Style) -> Vec<String> {
    let mut w = vec!["rsc_ticket".to_string(), e.id().unwrap_or("").to_string()];
    w.push(format!("{}:", e.get("ticket").unwrap_or("")));
    w.extend(refs(e, ["rsc", ""], 1));
    if let Some(p) = e.get("loss-policy") {
        w.push(st.pair("loss-policy", p));
    }
    vec![w.join(" ")]
}

/// The references of a colocation/order/ticket: the simple attributes
/// (`rsc`, `with-rsc`... with `-role`/`-action`/`-instance`) or the sets,
/// marked `_rsc_set_` when plain sets would re-read as the simple form.
fn refs(e: &Element, attrs: [&str; 2], simple_count: usize) -> Vec<String> {
    let has_sets = e.elements().any(|c| c.name == "resource_set");
    if !has_sets {
        return attrs
            .iter()
            .filter(|a| !a.is_empty())
            .filter_map(|a| {
                let r = e.get(a)?;
                let q = ["role", "action", "instance"]
                    .iter()
                    .find_map(|s| e.get(&format!("{a}-{s}")));
                Some(match q {
                    Some(q) => format!("{r}:{q}"),
                    None => r.to_string(),
                })
            })
            .collect();
    }
    let words = sets(e);
    if degenerate(e, simple_count) {
        return std::iter::once("_rsc_set_".to_string())
            .chain(words)
            .collect();
    }
    words
}

/// crmsh prefixes `_rsc_set_` when all sets are plain and hold at most
/// `simple_count` references in all (#096), so that the set form is kept
/// on reload.
fn degenerate(e: &Element, simple_count: usize) -> bool {
    let sets: Vec<&Element> = e.elements().filter(|c| c.name == "resource_set").collect();
    let plain = sets
        .iter()
        .all(|s| s.get("require-all") != Some("false") && s.get("sequential") != Some("false"));
    let count: usize = sets
        .iter()
        .map(|s| s.elements().filter(|r| r.name == "resource_ref").count())
        .sum();
    plain && count <= simple_count
}

/// The resource sets as words: `[ a b ]` for require-all=false (with
/// `sequential=true` unless the set is also non-sequential), `( a b )` for
/// sequential=false, bare references otherwise; each reference carries the
/// set's role or action.
fn sets(e: &Element) -> Vec<String> {
    let mut w = Vec::new();
    for s in e.elements().filter(|c| c.name == "resource_set") {
        let q = s
            .get("role")
            .or_else(|| s.get("action"))
            .or_else(|| s.get("rsc-instance"));
        let refs = s.elements().filter(|r| r.name == "resource_ref").map(|r| {
            let id = r.id().unwrap_or("");
            match q {
                Some(q) => format!("{id}:{q}"),
                None => id.to_string(),
            }
        });
        let sequential = s.get("sequential") != Some("false");
        if s.get("require-all") == Some("false") {
            w.push("[".into());
            w.extend(refs);
            if sequential {
                w.push("sequential=true".into());
            }
            w.push("]".into());
        } else if !sequential {
            w.push("(".into());
            w.extend(refs);
            w.push(")".into());
        } else {
            w.extend(refs);
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    fn one(f: fn(&Element, &Style) -> Vec<String>, xml: &str) -> String {
        f(&parse(xml).expect("xml"), &Style::default()).join(" \\ ")
    }

    #[test]
    fn set_brackets() {
        assert_eq!(
            one(
                colocation,
                r#"<rsc_colocation id="c2" score="INFINITY"><resource_set require-all="false" sequential="false" id="c2-0"><resource_ref id="p1"/><resource_ref id="p2"/></resource_set><resource_set id="c2-1"><resource_ref id="p3"/></resource_set></rsc_colocation>"#
            ),
            "colocation c2 inf: [ p1 p2 ] p3"
        );
        assert_eq!(
            one(
                colocation,
                r#"<rsc_colocation id="c" score="INFINITY"><resource_set require-all="false" id="c-0"><resource_ref id="a"/><resource_ref id="b"/></resource_set><resource_set require-all="false" role="Promoted" id="c-1"><resource_ref id="m"/></resource_set></rsc_colocation>"#
            ),
            "colocation c inf: [ a b sequential=true ] [ m:Promoted sequential=true ]"
        );
        assert_eq!(
            one(
                order,
                r#"<rsc_order id="o5" kind="Serialize" symmetrical="false"><resource_set id="o5-0"><resource_ref id="A"/></resource_set><resource_set sequential="false" id="o5-1"><resource_ref id="B"/><resource_ref id="C"/></resource_set></rsc_order>"#
            ),
            "order o5 Serialize: A ( B C ) symmetrical=false"
        );
    }

    #[test]
    fn degenerate_sets_get_the_marker() {
        assert_eq!(
            one(
                colocation,
                r#"<rsc_colocation id="c3" score="INFINITY"><resource_set id="c3-0"><resource_ref id="a"/><resource_ref id="b"/></resource_set></rsc_colocation>"#
            ),
            "colocation c3 inf: _rsc_set_ a b"
        );
        assert_eq!(
            one(
                ticket,
                r#"<rsc_ticket id="t" ticket="tk" loss-policy="stop"><resource_set id="t-0"><resource_ref id="a"/></resource_set></rsc_ticket>"#
            ),
            "rsc_ticket t tk: _rsc_set_ a loss-policy=stop"
        );
        assert_eq!(
            one(
                ticket,
                r#"<rsc_ticket id="t" ticket="tk"><resource_set id="t-0"><resource_ref id="a"/><resource_ref id="b"/></resource_set></rsc_ticket>"#
            ),
            "rsc_ticket t tk: a b"
        );
    }

    #[test]
    fn simple_forms_and_locations() {
        assert_eq!(
            one(
                colocation,
                r#"<rsc_colocation id="c4" score="INFINITY" rsc="a" rsc-role="Started" with-rsc="ms" with-rsc-role="Unpromoted"/>"#
            ),
            "colocation c4 inf: a:Started ms:Unpromoted"
        );
        assert_eq!(
            one(
                order,
                r#"<rsc_order id="o2" kind="Optional" first="a" first-action="start" then="ms" then-action="promote"/>"#
            ),
            "order o2 Optional: a:start ms:promote"
        );
        assert_eq!(
            one(
                location,
                r#"<rsc_location id="l1" rsc="ms1" role="Promoted" score="100" node="node1"/>"#
            ),
            "location l1 ms1 role=Promoted 100: node1"
        );
        assert_eq!(
            one(
                location,
                r#"<rsc_location id="l" score="INFINITY" node="bar"><resource_set id="l-0"><resource_ref id="one"/></resource_set><resource_set sequential="false" id="l-1"><resource_ref id="two"/><resource_ref id="three"/></resource_set></rsc_location>"#
            ),
            "location l { one ( two three ) } inf: bar"
        );
    }
}
