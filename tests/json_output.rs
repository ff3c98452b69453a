//! JSON output: each command's output is validated against its schema in
//! `docs/json/` and its values are checked against the CIB file it was
//! run on, read by xmllint (not by us).

mod json_schema;
mod support;

use json_schema::{schema, validate};

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn crm_json(cib: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(args)
        .env("CIB_file", cib)
        .output()
        .expect("crm runs");
    assert!(
        out.status.success(),
        "crm {args:?} on {}: {}",
        cib.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// XPath string values from the CIB, by xmllint: a hundred queries a
/// call, joined by `concat()` with a separator no value holds.
fn xpath_strings(cib: &Path, queries: &[String]) -> Vec<String> {
    const SEP: &str = "@@|@@";
    let mut out = Vec::new();
    for chunk in queries.chunks(100) {
        let parts: Vec<String> = chunk.iter().map(|q| format!("string({q})")).collect();
        let expr = format!("concat({},'{SEP}')", parts.join(&format!(",'{SEP}',")));
        let run = Command::new("xmllint")
            .arg("--xpath")
            .arg(&expr)
            .arg(cib)
            .output()
            .expect("xmllint runs");
        let text = String::from_utf8_lossy(&run.stdout).into_owned();
        let mut values: Vec<String> = text.split(SEP).map(String::from).collect();
        values.pop(); // after the last separator: xmllint's newline
        out.extend(values);
    }
    out
}

fn attr_of(a: &Value, name: &str) -> Option<String> {
    a.as_array()?
        .iter()
        .find(|x| x["name"] == name)
        .and_then(|x| x["value"].as_str())
        .map(String::from)
}

/// Every id, element, attribute, agent, nvpair, op and member of the JSON
/// checked against the CIB; returns the number of values compared.
fn check_against_cib(cib: &Path, v: &Value) -> usize {
    let mut queries = Vec::new();
    let mut expected = Vec::new();
    let mut ask = |q: String, want: String| {
        queries.push(q);
        expected.push(want);
    };
    let objects = v["objects"].as_array().expect("objects");
    for o in objects {
        let id = o["id"].as_str().expect("id");
        let el = o["element"].as_str().expect("element");
        let me = if id == "fencing_topology" {
            "//configuration/fencing-topology".to_string()
        } else {
            format!("//configuration//{el}[@id='{id}']")
        };
        ask(format!("count({me})"), "1".into());
        let own = o["attributes"].as_array().expect("attributes");
        ask(
            format!("count({me}/@*[name()!='id'])"),
            own.len().to_string(),
        );
        for a in own {
            let (n, val) = (a["name"].as_str().unwrap(), a["value"].as_str().unwrap());
            ask(format!("{me}/@{n}"), val.into());
        }
        if let Some(agent) = o["agent"].as_str() {
            let parts: Vec<&str> = agent.split(':').collect();
            let want = match parts.as_slice() {
                [c, p, t] => format!("{c}:{p}:{t}"),
                [c, t] => format!("{c}:{t}"),
                _ => agent.to_string(),
            };
            assert_eq!(
                want,
                match (
                    attr_of(&o["attributes"], "class"),
                    attr_of(&o["attributes"], "provider"),
                    attr_of(&o["attributes"], "type")
                ) {
                    (Some(c), Some(p), Some(t)) => format!("{c}:{p}:{t}"),
                    (Some(c), None, Some(t)) => format!("{c}:{t}"),
                    _ => format!(
                        "@{}",
                        attr_of(&o["attributes"], "template").unwrap_or_default()
                    ),
                }
            );
        }
        let members = o["members"].as_array().expect("members");
        for (i, m) in members.iter().enumerate() {
            ask(
                format!(
                    "{me}/*[self::primitive or self::group or self::clone or self::master][{}]/@id",
                    i + 1
                ),
                m.as_str().unwrap().into(),
            );
        }
        for s in o["sets"].as_array().expect("sets") {
            let sid = s["id"].as_str().unwrap();
            ask(
                format!("name(//*[@id='{sid}'])"),
                s["element"].as_str().unwrap().into(),
            );
            let pairs = s["nvpairs"].as_array().unwrap();
            ask(
                format!("count(//*[@id='{sid}']/nvpair)"),
                pairs.len().to_string(),
            );
            for p in pairs {
                let pid = p["id"].as_str().unwrap();
                let at = format!("//*[@id='{sid}']/nvpair[@id='{pid}']");
                ask(format!("{at}/@name"), p["name"].as_str().unwrap().into());
                if let Some(val) = p["value"].as_str() {
                    if val != "******" {
                        ask(format!("{at}/@value"), val.into());
                    }
                }
            }
        }
        let ops = o["ops"].as_array().unwrap();
        ask(format!("count({me}/operations/op)"), ops.len().to_string());
        for op in ops {
            let oid = op["id"].as_str().unwrap();
            ask(
                format!("{me}/operations/op[@id='{oid}']/@name"),
                op["name"].as_str().unwrap().into(),
            );
            ask(
                format!("{me}/operations/op[@id='{oid}']/@interval"),
                op["interval"].as_str().unwrap().into(),
            );
        }
        for rs in o["resource_sets"].as_array().unwrap() {
            let rid = rs["id"].as_str().unwrap();
            for (i, r) in rs["resources"].as_array().unwrap().iter().enumerate() {
                ask(
                    format!("{me}/resource_set[@id='{rid}']/resource_ref[{}]/@id", i + 1),
                    r.as_str().unwrap().into(),
                );
            }
        }
        for r in o["rules"].as_array().unwrap() {
            let rid = r["id"].as_str().unwrap();
            ask(
                format!("count({me}/rule[@id='{rid}']/*)"),
                r["expressions"].as_array().unwrap().len().to_string(),
            );
        }
    }
    let got = xpath_strings(cib, &queries);
    assert_eq!(
        got.len(),
        queries.len(),
        "xmllint answered every query on {}",
        cib.display()
    );
    for ((q, want), got) in queries.iter().zip(&expected).zip(&got) {
        assert_eq!(got, want, "{q} on {}", cib.display());
    }
    queries.len()
}

/// The fixture and, when the shared corpus is there, CIBs from it with
/// rules, resource sets, groups, clones and ops.
fn cibs() -> Vec<PathBuf> {
    let mut list = vec![root().join("tests/completion/cib.xml")];
    let corpus = root().join("../shared/pacemaker-cibs");
    if corpus.is_dir() {
        for f in [
            "594.xml",
            "bug-5014-ordered-set-symmetrical-false.xml",
            "coloc-clone-stays-active.xml",
            "bug-lf-2551.xml",
            "load-stopped-loop.xml",
        ] {
            list.push(corpus.join(f));
        }
    } else {
        support::skip(
            "json_output corpus part",
            "no ../shared/pacemaker-cibs; the fixture only",
        );
    }
    list
}

#[test]
fn configure_show_json_follows_its_schema_and_the_cib() {
    if !support::have("xmllint", "--version") {
        support::skip(
            "configure_show_json_follows_its_schema_and_the_cib",
            "no xmllint",
        );
        return;
    }
    let s = schema("configure-show.schema.json");
    let mut compared = 0;
    let cibs = cibs();
    // The fixture alone holds about 50 values; with the corpus, hundreds.
    let floor = if cibs.len() > 1 { 100 } else { 40 };
    for cib in cibs {
        let v = crm_json(&cib, &["configure", "show", "json"]);
        validate(&v, &s, &s, "$").unwrap_or_else(|e| panic!("{}: {e}", cib.display()));
        assert!(!v["objects"].as_array().unwrap().is_empty());
        compared += check_against_cib(&cib, &v);
    }
    assert!(compared > floor, "only {compared} values compared");
}

#[test]
fn configure_show_json_with_ids_lists_only_those() {
    let cib = root().join("tests/completion/cib.xml");
    let v = crm_json(&cib, &["configure", "show", "json", "vip", "grp"]);
    let s = schema("configure-show.schema.json");
    validate(&v, &s, &s, "$").unwrap();
    let ids: Vec<&str> = v["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["vip", "grp"]);
    assert_eq!(v["objects"][0]["agent"], "ocf:heartbeat:IPaddr2");
    assert_eq!(v["objects"][1]["members"], serde_json::json!(["inner"]));
}

#[test]
fn node_show_json_follows_its_schema_and_the_cib() {
    if !support::have("xmllint", "--version") {
        support::skip(
            "node_show_json_follows_its_schema_and_the_cib",
            "no xmllint",
        );
        return;
    }
    let s = schema("node-show.schema.json");
    let mut list = vec![root().join("tests/completion/cib.xml")];
    let corpus = root().join("../shared/pacemaker-cibs");
    if corpus.is_dir() {
        for f in [
            "year-2038.xml",
            "bundle-order-fencing.xml",
            "migrate-partial-4.xml",
        ] {
            list.push(corpus.join(f));
        }
    } else {
        support::skip(
            "node_show_json corpus part",
            "no ../shared/pacemaker-cibs; the fixture only",
        );
    }
    let mut compared = 0;
    // The fixture alone holds a few node values; with the corpus, dozens.
    let floor = if list.len() > 1 { 50 } else { 5 };
    for cib in list {
        let v = crm_json(&cib, &["node", "show", "json"]);
        validate(&v, &s, &s, "$").unwrap_or_else(|e| panic!("{}: {e}", cib.display()));
        let nodes = v["nodes"].as_array().unwrap();
        // Every configured node is listed; a node only in the status
        // section is described by its node_state.
        let conf_count: usize = xpath_strings(&cib, &["count(//configuration/nodes/node)".into()])
            [0]
        .parse()
        .unwrap();
        let conf_names = xpath_strings(
            &cib,
            &(1..=conf_count)
                .map(|i| format!("//configuration/nodes/node[{i}]/@uname"))
                .collect::<Vec<_>>(),
        );
        for name in &conf_names {
            assert!(
                nodes.iter().any(|n| n["uname"] == name.as_str()),
                "{name} missing on {}",
                cib.display()
            );
        }
        let mut q = Vec::new();
        let mut want: Vec<String> = Vec::new();
        for n in nodes {
            let uname = n["uname"].as_str().unwrap();
            let me = if conf_names.iter().any(|c| c == uname) {
                format!("//configuration/nodes/node[@uname='{uname}']")
            } else {
                format!("//status/node_state[@uname='{uname}']")
            };
            q.push(format!("{me}/@id"));
            want.push(n["id"].as_str().unwrap().into());
            q.push(format!(
                "concat({me}/@type, substring('member', 1, 6 * not({me}/@type)))"
            ));
            want.push(n["type"].as_str().unwrap().into());
            q.push(format!(
                "count(//status/node_state[@uname='{uname}' and @crmd='offline'])"
            ));
            want.push(if n["offline"] == true { "1" } else { "0" }.into());
            let sets = n["sets"].as_array().unwrap();
            q.push(format!(
                "count({me}/instance_attributes | {me}/utilization)"
            ));
            want.push(sets.len().to_string());
            for set in sets {
                let sid = set["id"].as_str().unwrap();
                for p in set["nvpairs"].as_array().unwrap() {
                    let pid = p["id"].as_str().unwrap();
                    q.push(format!("{me}/*[@id='{sid}']/nvpair[@id='{pid}']/@name"));
                    want.push(p["name"].as_str().unwrap().into());
                    if let Some(val) = p["value"].as_str() {
                        q.push(format!("{me}/*[@id='{sid}']/nvpair[@id='{pid}']/@value"));
                        want.push(val.into());
                    }
                }
            }
        }
        let got = xpath_strings(&cib, &q);
        assert_eq!(got.len(), q.len());
        for ((q, w), g) in q.iter().zip(&want).zip(&got) {
            assert_eq!(g, w, "{q} on {}", cib.display());
        }
        compared += q.len();
    }
    assert!(compared > floor, "only {compared} values compared");
}

/// `crm_resource`'s own answer, sorted, for the ra commands' checks.
fn crm_resource(args: &[&str]) -> Option<Vec<String>> {
    let out = Command::new("crm_resource").args(args).output().ok()?;
    let mut l: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    l.sort();
    l.dedup();
    Some(l)
}

#[test]
fn ra_classes_and_list_json_follow_their_schemas_and_crm_resource() {
    let test = "ra_classes_and_list_json_follow_their_schemas_and_crm_resource";
    let Some(standards) = crm_resource(&["--list-standards"]) else {
        support::skip(test, "no crm_resource (pacemaker-cli-utils)");
        return;
    };
    let none = root().join("tests/completion/cib.xml");
    let v = crm_json(&none, &["ra", "classes", "json"]);
    let s = schema("ra-classes.schema.json");
    validate(&v, &s, &s, "$").unwrap();
    let classes: Vec<&str> = v["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["class"].as_str().unwrap())
        .collect();
    assert_eq!(classes, standards);
    let providers = crm_resource(&["--list-ocf-providers"]).unwrap_or_default();
    let ocf = v["classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["class"] == "ocf");
    if let Some(ocf) = ocf {
        assert_eq!(ocf["providers"], serde_json::json!(providers));
    }
    let s = schema("ra-list.schema.json");
    for p in &providers {
        let v = crm_json(&none, &["ra", "list", "ocf", p, "json"]);
        validate(&v, &s, &s, "$").unwrap();
        assert_eq!(v["provider"], p.as_str());
        let want = crm_resource(&["--list-agents", &format!("ocf:{p}")]).unwrap();
        assert_eq!(v["agents"], serde_json::json!(want));
    }
}
