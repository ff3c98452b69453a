//! A one-attribute change on a 1,000-primitive CIB changes exactly that
//! attribute (issue 9, lossless writes): through `configure edit` with a
//! scripted `$EDITOR`, through `load update` in process and through the
//! binary on a CIB file. The CIB is written here as Pacemaker stores it
//! (its ids, pcs-style layout, comments), not produced by our loader.

use crmtool::cib::{Cib, Method};
use crmtool::cli::Output;
use crmtool::load::load_text;
use crmtool::repl::edit::edit;
use crmtool::repl::session::Session;
use crmtool::xml::{Element, Node};
use std::fmt::Write as _;
use std::process::Command;

const N: usize = 1000;

/// 1,000 primitives with params, meta and three ops each, a group, a
/// clone, constraints, a property set and comments; ids as pcs writes them.
fn big_cib() -> String {
    let mut x = String::from(
        "<cib validate-with=\"pacemaker-3.9\" admin_epoch=\"0\" epoch=\"7\" num_updates=\"0\">\n\
         <configuration>\n<crm_config>\n\
         <cluster_property_set id=\"cib-bootstrap-options\">\n\
         <nvpair id=\"cib-bootstrap-options-stonith-enabled\" name=\"stonith-enabled\" value=\"false\"/>\n\
         </cluster_property_set>\n</crm_config>\n\
         <nodes>\n<node id=\"1\" uname=\"node1\"/>\n</nodes>\n<resources>\n",
    );
    for i in 0..N {
        if i % 100 == 0 {
            let _ = writeln!(x, "<!-- block {i} -->");
        }
        let _ = write!(
            x,
            "<primitive id=\"p{i}\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">\n\
             <instance_attributes id=\"p{i}-instance_attributes\">\n\
             <nvpair id=\"p{i}-instance_attributes-state\" name=\"state\" value=\"/run/p{i}.state\"/>\n\
             </instance_attributes>\n\
             <meta_attributes id=\"p{i}-meta_attributes\">\n\
             <nvpair id=\"p{i}-meta_attributes-target-role\" name=\"target-role\" value=\"Started\"/>\n\
             </meta_attributes>\n\
             <operations>\n\
             <op id=\"p{i}-monitor-interval-10s\" interval=\"10s\" name=\"monitor\" timeout=\"20s\"/>\n\
             <op id=\"p{i}-start-interval-0s\" interval=\"0s\" name=\"start\" timeout=\"20s\"/>\n\
             <op id=\"p{i}-stop-interval-0s\" interval=\"0s\" name=\"stop\" timeout=\"20s\"/>\n\
             </operations>\n</primitive>\n"
        );
    }
    x.push_str(
        "<group id=\"g\">\n<primitive id=\"ga\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>\n\
         <primitive id=\"gb\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>\n</group>\n\
         <clone id=\"cl\">\n<meta_attributes id=\"cl-meta_attributes\">\n\
         <nvpair id=\"cl-meta_attributes-interleave\" name=\"interleave\" value=\"true\"/>\n\
         </meta_attributes>\n\
         <primitive id=\"cp\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/>\n</clone>\n\
         </resources>\n<constraints>\n",
    );
    for i in (0..N).step_by(50) {
        let _ = writeln!(
            x,
            "<rsc_location id=\"loc-p{i}\" rsc=\"p{i}\" node=\"node1\" score=\"100\"/>"
        );
    }
    x.push_str(
        "<rsc_order id=\"o1\" first=\"p1\" then=\"g\" kind=\"Mandatory\"/>\n\
         </constraints>\n</configuration>\n<status/>\n</cib>\n",
    );
    x
}

/// Every difference between two trees: structure must match; attribute
/// differences are listed as `path@name: old -> new`.
fn differences(a: &Element, b: &Element, path: &str, out: &mut Vec<String>) {
    let here = format!("{path}/{}[{}]", a.name, a.get("id").unwrap_or(""));
    if a.name != b.name {
        out.push(format!("{here}: element {} became {}", a.name, b.name));
        return;
    }
    let names: std::collections::BTreeSet<&str> = a
        .attrs()
        .iter()
        .chain(b.attrs().iter())
        .map(|(k, _)| k)
        .collect();
    for n in names {
        if a.get(n) != b.get(n) {
            out.push(format!("{here}@{n}: {:?} -> {:?}", a.get(n), b.get(n)));
        }
    }
    if a.attrs()
        .iter()
        .map(|(k, _)| k)
        .ne(b.attrs().iter().map(|(k, _)| k))
    {
        out.push(format!("{here}: attribute order changed"));
    }
    let kids = |e: &Element| -> Vec<Node> {
        e.children
            .iter()
            .filter(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()))
            .cloned()
            .collect()
    };
    let (ka, kb) = (kids(a), kids(b));
    if ka.len() != kb.len() {
        out.push(format!("{here}: {} children became {}", ka.len(), kb.len()));
        return;
    }
    for (x, y) in ka.iter().zip(kb.iter()) {
        match (x, y) {
            (Node::Element(x), Node::Element(y)) => differences(x, y, &here, out),
            (x, y) if x == y => {}
            (x, y) => out.push(format!("{here}: child {x:?} became {y:?}")),
        }
    }
}

fn diff(before: &Cib, after: &Cib) -> Vec<String> {
    let mut out = Vec::new();
    differences(before.configuration(), after.configuration(), "", &mut out);
    out
}

const WANTED: &str =
    "/configuration[]/resources[]/primitive[p500]/operations[]/op[p500-monitor-interval-10s]@timeout: Some(\"20s\") -> Some(\"30s\")";

#[test]
fn an_editor_changing_one_timeout_changes_one_attribute() {
    let cib = Cib::parse(&big_cib()).expect("fixture parses");
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("ed.sh");
    // The person changes the monitor timeout of p500 and nothing else;
    // the op is the line after `primitive p500`'s first line or two.
    std::fs::write(
        &script,
        "#!/bin/sh\nsed -i '/^primitive p500 /,/^primitive p501 /s/interval=10s timeout=20s/interval=10s timeout=30s/' \"$1\"\n",
    )
    .expect("write editor");
    let ed = format!("sh {}", script.display());
    let mut never = |q: &str| -> bool { panic!("unexpected question: {q}") };
    for selection in [&[][..], &["p500"][..]] {
        let mut s = Session::from_cib(cib.clone());
        let changed =
            edit(&mut s, selection, &ed, &mut never, &mut Output::new(true)).expect("edit");
        assert!(changed, "the editor changed the text ({selection:?})");
        assert_eq!(
            diff(&cib, &s.working),
            vec![WANTED.to_string()],
            "selection {selection:?}"
        );
    }
}

#[test]
fn load_update_of_one_changed_primitive_changes_one_attribute() {
    let cib = Cib::parse(&big_cib()).expect("fixture parses");
    let mut work = cib.clone();
    load_text(
        &mut work,
        "primitive p500 ocf:pacemaker:Dummy \\\n\
         \tparams state=/run/p500.state \\\n\
         \tmeta target-role=Started \\\n\
         \top monitor interval=10s timeout=30s \\\n\
         \top start interval=0s timeout=20s \\\n\
         \top stop interval=0s timeout=20s\n",
        Method::Update,
    )
    .expect("load update");
    assert_eq!(diff(&cib, &work), vec![WANTED.to_string()]);
}

#[test]
fn load_update_of_the_whole_changed_show_text_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("cib.xml");
    std::fs::write(&file, big_cib()).expect("write cib");
    let crm = env!("CARGO_BIN_EXE_crm");
    let run = |args: &[&str]| {
        let o = Command::new(crm)
            .args(args)
            .env("CIB_file", &file)
            .env("CRM_OBSCURE_PATTERN", "")
            .env_remove("CIB_shadow")
            .output()
            .expect("run crm");
        assert!(
            o.status.success(),
            "crm {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let text = run(&["configure", "show"]);
    let (head, tail) = text
        .split_once("primitive p500 ")
        .expect("p500 in the show text");
    let tail = tail.replacen("interval=10s timeout=20s", "interval=10s timeout=30s", 1);
    let edited = dir.path().join("edited.crm");
    std::fs::write(&edited, format!("{head}primitive p500 {tail}")).expect("write text");
    let before = Cib::parse(&std::fs::read_to_string(&file).expect("read")).expect("parse");
    run(&["configure", "load", "update", &edited.display().to_string()]);
    let after = Cib::parse(&std::fs::read_to_string(&file).expect("read")).expect("parse");
    assert_eq!(diff(&before, &after), vec![WANTED.to_string()]);
    assert_eq!(
        after.epoch().1,
        before.epoch().1 + 1,
        "one write, one epoch"
    );
}
