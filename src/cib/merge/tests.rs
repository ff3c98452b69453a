//! Matcher tables: a stored fragment S, a parsed fragment P (as the parser
//! makes it: no sub-ids), and what the merge keeps, pairs, adds and drops.

use super::*;
use crate::xml::{parse, to_string_compact};

fn run(s: &str, p: &str, union: bool) -> (Option<String>, Vec<String>) {
    let s = parse(s).expect("S parses");
    let p = parse(p).expect("P parses");
    let own = HashSet::default();
    let globs = vec!["passw*".to_string()];
    let mut cx = Cx {
        own: &own,
        obscure: &globs,
        ignore_parsed_ids: false,
        warnings: Vec::new(),
    };
    let out = merge(&s, &p, union, &mut cx).map(|e| to_string_compact(&e));
    (out, cx.warnings)
}

fn merged(s: &str, p: &str) -> Option<String> {
    run(s, p, false).0
}

const PRIM: &str = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes id="p-ia"><nvpair id="p-a" name="a" value="1"/><nvpair id="p-b" name="b" value="2"/></instance_attributes><operations><op id="p-mon" name="monitor" interval="10s" timeout="20s"/><op id="p-mon-m" name="monitor" interval="11s" role="Master"/></operations></primitive>"#;

#[test]
fn the_same_text_keeps_the_stored_element() {
    // Attribute order, pair order and op order do not matter; ids the
    // text leaves out are the stored ones; the role is a synonym.
    let p = r#"<primitive id="p" type="Dummy" class="ocf" provider="heartbeat"><instance_attributes><nvpair name="b" value="2"/><nvpair name="a" value="1"/></instance_attributes><operations><op name="monitor" interval="11s" role="Promoted"/><op name="monitor" interval="10s" timeout="20s"/></operations></primitive>"#;
    assert_eq!(merged(PRIM, p), None);
}

#[test]
fn one_changed_value_changes_one_attribute() {
    let p = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes><nvpair name="a" value="1"/><nvpair name="b" value="2"/></instance_attributes><operations><op name="monitor" interval="10s" timeout="30s"/><op name="monitor" interval="11s" role="Master"/></operations></primitive>"#;
    let want = PRIM.replace(r#"timeout="20s""#, r#"timeout="30s""#);
    assert_eq!(merged(PRIM, p), Some(want));
}

#[test]
fn a_new_pair_follows_the_last_pair_and_a_dropped_one_goes() {
    let p = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes><nvpair name="c" value="3"/><nvpair name="a" value="1"/></instance_attributes><operations><op name="monitor" interval="10s" timeout="20s"/><op name="monitor" interval="11s" role="Master"/></operations></primitive>"#;
    let want = PRIM.replace(
        r#"<nvpair id="p-b" name="b" value="2"/>"#,
        r#"<nvpair name="c" value="3"/>"#,
    );
    assert_eq!(merged(PRIM, p), Some(want));
}

#[test]
fn an_op_whose_interval_changed_is_a_new_op() {
    let p = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes><nvpair name="a" value="1"/><nvpair name="b" value="2"/></instance_attributes><operations><op name="monitor" interval="12s" timeout="20s"/><op name="monitor" interval="11s" role="Master"/></operations></primitive>"#;
    let out = merged(PRIM, p).expect("changed");
    assert!(!out.contains("p-mon\""), "{out}");
    assert!(
        out.contains(r#"<op name="monitor" interval="12s" timeout="20s"/>"#),
        "{out}"
    );
    assert!(out.contains(r#"id="p-mon-m""#), "{out}");
}

#[test]
fn group_members_follow_the_text_order_and_sets_after_them_stay() {
    let s = r#"<group id="g"><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/><meta_attributes id="g-meta"><nvpair id="g-tr" name="target-role" value="Stopped"/></meta_attributes></group>"#;
    // The parser puts meta first and names members by reference.
    let same = r#"<group id="g"><meta_attributes><nvpair name="target-role" value="Stopped"/></meta_attributes><crmsh-ref id="a"/><crmsh-ref id="b"/></group>"#;
    assert_eq!(merged(s, same), None);
    let swapped = r#"<group id="g"><meta_attributes><nvpair name="target-role" value="Stopped"/></meta_attributes><crmsh-ref id="b"/><crmsh-ref id="a"/></group>"#;
    let out = merged(s, swapped).expect("reordered");
    let want = r#"<group id="g"><primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/><meta_attributes id="g-meta"><nvpair id="g-tr" name="target-role" value="Stopped"/></meta_attributes></group>"#;
    assert_eq!(out, want);
}

#[test]
fn defaults_the_text_drops_are_kept() {
    let s = r#"<rsc_location id="l" rsc="r"><rule id="l-rule" score="10" boolean-op="and"><expression id="l-e" attribute="a" operation="eq" value="1" type="string"/></rule></rsc_location>"#;
    let p = r#"<rsc_location id="l" rsc="r"><rule score="10"><expression attribute="a" operation="eq" value="1"/></rule></rsc_location>"#;
    assert_eq!(merged(s, p), None);
    // A changed value keeps the rule's and the expression's ids.
    let p2 = p.replace(r#"value="1""#, r#"value="2""#);
    let want = s.replace(r#"value="1""#, r#"value="2""#);
    assert_eq!(merged(s, &p2), Some(want));
}

#[test]
fn deleting_the_first_of_two_sets_leaves_the_second_its_ids() {
    let s = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes id="s1"><nvpair id="s1-a" name="a" value="1"/></instance_attributes><instance_attributes id="s2"><nvpair id="s2-b" name="b" value="2"/></instance_attributes><instance_attributes id="s3"><nvpair id="s3-c" name="c" value="3"/></instance_attributes></primitive>"#;
    let p = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes><nvpair name="b" value="2"/></instance_attributes><instance_attributes><nvpair name="c" value="3"/></instance_attributes></primitive>"#;
    let want = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes id="s2"><nvpair id="s2-b" name="b" value="2"/></instance_attributes><instance_attributes id="s3"><nvpair id="s3-c" name="c" value="3"/></instance_attributes></primitive>"#;
    assert_eq!(merged(s, p).as_deref(), Some(want));
}

#[test]
fn a_comment_inside_a_set_survives_an_edit_of_its_neighbour() {
    let s = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes id="ia"><nvpair id="ia-a" name="a" value="1"/><!-- keep me --><nvpair id="ia-b" name="b" value="2"/></instance_attributes></primitive>"#;
    let p = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes><nvpair name="a" value="9"/><nvpair name="b" value="2"/></instance_attributes></primitive>"#;
    let want = s.replace(r#"value="1""#, r#"value="9""#);
    assert_eq!(merged(s, p), Some(want));
    // It goes with the pair it stands before.
    let p = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes><nvpair name="a" value="1"/></instance_attributes></primitive>"#;
    let out = merged(s, p).expect("changed");
    assert!(!out.contains("keep me"), "{out}");
}

#[test]
fn the_objects_own_comments_are_replaced_in_place_when_they_differ() {
    let s = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><!--# one--><instance_attributes id="ia"><nvpair id="ia-a" name="a" value="1"/></instance_attributes></primitive>"#;
    let same = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><!--# one--><instance_attributes><nvpair name="a" value="1"/></instance_attributes></primitive>"#;
    assert_eq!(merged(s, same), None);
    let other = same.replace("# one", "# two");
    assert_eq!(merged(s, &other), Some(s.replace("# one", "# two")));
    let none = same.replace("<!--# one-->", "");
    assert_eq!(merged(s, &none), Some(s.replace("<!--# one-->", "")));
}

#[test]
fn a_masked_secret_keeps_the_stored_value_and_warns() {
    let s = r#"<primitive id="p" class="stonith" type="fence_x"><instance_attributes id="ia"><nvpair id="ia-pw" name="passwd" value="s3cret"/></instance_attributes></primitive>"#;
    let p = r#"<primitive id="p" class="stonith" type="fence_x"><instance_attributes><nvpair name="passwd" value="******"/></instance_attributes></primitive>"#;
    let (out, warnings) = run(s, p, false);
    assert_eq!(out, None);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("ia-pw"), "{warnings:?}");
    // A real new value is taken.
    let p = p.replace("******", "n3w");
    assert_eq!(merged(s, &p), Some(s.replace("s3cret", "n3w")));
}

#[test]
fn union_keeps_what_the_text_leaves_out_and_appends() {
    let s = r#"<cluster_property_set id="cib-bootstrap-options"><!--# banner--><nvpair id="o-a" name="a" value="1"/><nvpair id="o-b" name="b" value="2"/></cluster_property_set>"#;
    let p = r#"<cluster_property_set id="cib-bootstrap-options"><!--# other--><nvpair name="c" value="3"/><nvpair name="a" value="1"/></cluster_property_set>"#;
    let (out, _) = run(s, p, true);
    assert_eq!(
        out.as_deref(),
        Some(
            r#"<cluster_property_set id="cib-bootstrap-options"><!--# banner--><nvpair id="o-a" name="a" value="1"/><nvpair id="o-b" name="b" value="2"/><nvpair name="c" value="3"/></cluster_property_set>"#
        )
    );
    // Nothing new: untouched, the text's comments included.
    let p = r#"<cluster_property_set id="cib-bootstrap-options"><!--# other--><nvpair name="b" value="2"/></cluster_property_set>"#;
    assert_eq!(run(s, p, true).0, None);
}

#[test]
fn repeated_pair_names_pair_up_in_order() {
    let s = r#"<meta_attributes id="m"><nvpair id="m-x" name="x" value="1"/><nvpair id="m-x-0" name="x" value="2"/></meta_attributes>"#;
    let p = r#"<meta_attributes id="m"><nvpair name="x" value="1"/><nvpair name="x" value="3"/></meta_attributes>"#;
    assert_eq!(
        merged(s, p).as_deref(),
        Some(
            r#"<meta_attributes id="m"><nvpair id="m-x" name="x" value="1"/><nvpair id="m-x-0" name="x" value="3"/></meta_attributes>"#
        )
    );
}

#[test]
fn an_explicit_id_pairs_before_anything_else() {
    // The text names the second set by its id and changes it.
    let s = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes id="s1"><nvpair id="s1-a" name="a" value="1"/></instance_attributes><instance_attributes id="s2"><nvpair id="s2-a" name="a" value="2"/></instance_attributes></primitive>"#;
    let p = r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes id="s2"><nvpair name="a" value="5"/></instance_attributes></primitive>"#;
    assert_eq!(
        merged(s, p).as_deref(),
        Some(
            r#"<primitive id="p" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes id="s2"><nvpair id="s2-a" name="a" value="5"/></instance_attributes></primitive>"#
        )
    );
}
