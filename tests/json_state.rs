//! JSON of the commands that show state: `status`, `resource
//! status|locate|operations|constraints|scores|failcount`, `ra
//! info|providers`, `cib list`, and errors in JSON mode. Each output is
//! validated against its schema in `docs/json/`, and its values are
//! checked against what Pacemaker's own tools answer (their XML, read by
//! xmllint) or against the CIB, never against our own earlier output.

mod json_schema;
mod support;

use json_schema::{schema, validate};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The crm under test: ours from this build, or an installed one
/// (`CRMTOOL_CRM=/usr/sbin/crm`, as CI runs these tests once after
/// installing the package).
fn crm_bin() -> String {
    std::env::var("CRMTOOL_CRM").unwrap_or_else(|_| env!("CARGO_BIN_EXE_crm").to_string())
}

fn crm(cib: Option<&Path>, args: &[&str]) -> Output {
    let mut c = Command::new(crm_bin());
    c.args(args).env_remove("CIB_shadow");
    match cib {
        Some(cib) => c.env("CIB_file", cib),
        None => c.env_remove("CIB_file"),
    };
    c.output().expect("crm runs")
}

fn crm_json(cib: Option<&Path>, args: &[&str]) -> Value {
    let out = crm(cib, args);
    assert!(
        out.status.success(),
        "crm {args:?} on {cib:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// A Pacemaker tool's `--output-as=xml` answer, saved to a file for
/// xmllint.
fn tool_xml(cib: Option<&Path>, dir: &Path, name: &str, program: &str, args: &[&str]) -> PathBuf {
    let mut c = Command::new(program);
    c.args(args).arg("--output-as=xml").env_remove("CIB_shadow");
    match cib {
        Some(cib) => c.env("CIB_file", cib),
        None => c.env_remove("CIB_file"),
    };
    let out = c.output().expect("tool runs");
    let path = dir.join(name);
    std::fs::write(&path, &out.stdout).expect("write tool XML");
    path
}

/// XPath string values of `file`, by xmllint, a hundred a call.
fn xpath(file: &Path, queries: &[String]) -> Vec<String> {
    const SEP: &str = "@@|@@";
    let mut out = Vec::new();
    for chunk in queries.chunks(100) {
        let parts: Vec<String> = chunk.iter().map(|q| format!("string({q})")).collect();
        let expr = format!("concat({},'{SEP}')", parts.join(&format!(",'{SEP}',")));
        let run = Command::new("xmllint")
            .arg("--xpath")
            .arg(&expr)
            .arg(file)
            .output()
            .expect("xmllint runs");
        let text = String::from_utf8_lossy(&run.stdout).into_owned();
        let mut values: Vec<String> = text.split(SEP).map(String::from).collect();
        values.pop();
        out.extend(values);
    }
    out
}

/// Questions and the answers the JSON gives, asked of a file at once;
/// returns how many were compared.
#[derive(Default)]
struct Checks {
    q: Vec<String>,
    want: Vec<String>,
}

impl Checks {
    fn ask(&mut self, q: String, want: impl ToString) {
        self.q.push(q);
        self.want.push(want.to_string());
    }

    fn run(self, file: &Path) -> usize {
        let got = xpath(file, &self.q);
        assert_eq!(
            got.len(),
            self.q.len(),
            "xmllint answers on {}",
            file.display()
        );
        for ((q, w), g) in self.q.iter().zip(&self.want).zip(&got) {
            assert_eq!(g, w, "{q} on {}", file.display());
        }
        self.q.len()
    }
}

fn tools_here(test: &str) -> bool {
    for (program, arg) in [("xmllint", "--version"), ("crm_mon", "--version")] {
        if !support::have(program, arg) {
            support::skip(test, &format!("no {program}"));
            return false;
        }
    }
    true
}

fn status_cibs(test: &str) -> Vec<PathBuf> {
    let mut list = vec![root().join("tests/completion/cib.xml")];
    let corpus = root().join("../shared/pacemaker-cibs");
    if corpus.is_dir() {
        for f in [
            "bug-lf-2551.xml",
            "1484.xml",
            "ticket-clone-11.xml",
            "bug-1718.xml",
            "bundle-order-fencing.xml",
            "migrate-partial-4.xml",
        ] {
            list.push(corpus.join(f));
        }
    } else {
        support::skip(test, "no ../shared/pacemaker-cibs; the fixture only");
    }
    list
}

/// The resources of a status view in document order (pre-order).
fn flat(list: &Value, into: &mut Vec<Value>) {
    for r in list.as_array().expect("resources") {
        into.push(r.clone());
        flat(&r["members"], into);
    }
}

const RSC_ELEMENTS: &str =
    "*[self::resource or self::group or self::clone or self::bundle or self::replica]";

/// Every node, resource, failure and ticket of a status view against
/// crm_mon's XML answer.
fn check_status(v: &Value, xml: &Path) -> usize {
    let mut c = Checks::default();
    let nodes = v["nodes"].as_array().unwrap();
    c.ask("count(/*/nodes/node)".into(), nodes.len());
    for (i, n) in nodes.iter().enumerate() {
        let me = format!("/*/nodes/node[{}]", i + 1);
        for f in ["name", "id", "type"] {
            c.ask(format!("{me}/@{f}"), n[f].as_str().unwrap());
        }
        for f in ["online", "standby", "maintenance", "unclean", "is_dc"] {
            c.ask(format!("{me}/@{f}"), n[f].as_bool().unwrap());
        }
        c.ask(format!("{me}/@resources_running"), &n["resources_running"]);
        c.ask(
            format!(
                "count(/*/node_attributes/node[@name='{}']/attribute)",
                n["name"].as_str().unwrap()
            ),
            n["attributes"].as_array().unwrap().len(),
        );
    }
    let mut all = Vec::new();
    flat(&v["resources"], &mut all);
    c.ask(format!("count(/*/resources//{RSC_ELEMENTS})"), all.len());
    for (i, r) in all.iter().enumerate() {
        let me = format!("(/*/resources//{RSC_ELEMENTS})[{}]", i + 1);
        c.ask(format!("{me}/@id"), r["id"].as_str().unwrap());
        let element = match r["kind"].as_str().unwrap() {
            "primitive" => "resource",
            k => k,
        };
        c.ask(format!("local-name({me})"), element);
        if let Some(a) = r["agent"].as_str() {
            c.ask(format!("{me}/@resource_agent"), a);
        }
        if let Some(role) = r["role"].as_str() {
            c.ask(format!("{me}/@role"), role);
        }
        if element == "resource" {
            c.ask(format!("{me}/@active"), r["active"].as_bool().unwrap());
            c.ask(format!("{me}/@failed"), r["failed"].as_bool().unwrap());
        }
        let on = r["nodes"].as_array().unwrap();
        c.ask(format!("count({me}/node)"), on.len());
        for (j, n) in on.iter().enumerate() {
            c.ask(format!("{me}/node[{}]/@name", j + 1), n.as_str().unwrap());
        }
    }
    let failures = v["failures"].as_array().unwrap();
    c.ask("count(/*/failures/failure)".into(), failures.len());
    for (i, f) in failures.iter().enumerate() {
        let me = format!("/*/failures/failure[{}]", i + 1);
        c.ask(
            format!("concat({me}/@op_key, {me}/@id)"),
            f["op_key"].as_str().unwrap(),
        );
        c.ask(format!("{me}/@node"), f["node"].as_str().unwrap());
        c.ask(format!("{me}/@exitcode"), &f["exitcode"]);
        c.ask(format!("{me}/@call"), &f["call"]);
        c.ask(format!("{me}/@status"), f["status"].as_str().unwrap());
    }
    let tickets = v["tickets"].as_array().unwrap();
    c.ask("count(/*/tickets/ticket)".into(), tickets.len());
    for (i, t) in tickets.iter().enumerate() {
        let me = format!("/*/tickets/ticket[{}]", i + 1);
        c.ask(format!("{me}/@id"), t["id"].as_str().unwrap());
        c.ask(format!("{me}/@status"), t["status"].as_str().unwrap());
        c.ask(format!("{me}/@standby"), t["standby"].as_bool().unwrap());
    }
    let s = &v["summary"];
    c.ask(
        "/*/summary/nodes_configured/@number".into(),
        &s["nodes_configured"],
    );
    c.ask(
        "/*/summary/resources_configured/@number".into(),
        &s["resources_configured"],
    );
    c.ask(
        "/*/summary/current_dc/@name".into(),
        s["dc"]["name"].as_str().unwrap_or_default(),
    );
    c.run(xml)
}

#[test]
fn status_json_follows_its_schema_and_crm_mon() {
    let test = "status_json_follows_its_schema_and_crm_mon";
    if !tools_here(test) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let s = schema("status.schema.json");
    let cibs = status_cibs(test);
    let floor = if cibs.len() > 1 { 300 } else { 10 };
    let (mut compared, mut tickets, mut failures) = (0, 0, 0);
    for cib in &cibs {
        let v = crm_json(Some(cib), &["status", "json"]);
        validate(&v, &s, &s, "$").unwrap_or_else(|e| panic!("{}: {e}", cib.display()));
        let xml = tool_xml(Some(cib), dir.path(), "mon.xml", "crm_mon", &["-1", "-r"]);
        compared += check_status(&v, &xml);
        tickets += v["tickets"].as_array().unwrap().len();
        failures += v["failures"].as_array().unwrap().len();
    }
    assert!(compared > floor, "only {compared} values compared");
    if cibs.len() > 1 {
        assert!(
            tickets > 0 && failures > 0,
            "the corpus CIBs hold tickets and failures"
        );
    }
}

#[test]
fn status_json_of_the_live_cluster_follows_crm_mon() {
    let test = "status_json_of_the_live_cluster_follows_crm_mon";
    if !tools_here(test) {
        return;
    }
    let mon = Command::new("crm_mon")
        .args(["-1"])
        .env_remove("CIB_file")
        .output();
    let up = mon.is_ok_and(|o| {
        o.status.success() && String::from_utf8_lossy(&o.stdout).contains("Current DC: ")
    });
    if !up {
        support::skip(test, "no running cluster (crm_mon -1 shows no DC)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let s = schema("status.schema.json");
    // The live cluster may change between the two answers (another
    // engineer's test); three tries to see the same state twice.
    let mut last = String::new();
    for _ in 0..3 {
        let v = crm_json(None, &["status", "json"]);
        validate(&v, &s, &s, "$").unwrap();
        assert!(v["summary"]["dc"]["name"].is_string(), "{v}");
        let xml = tool_xml(None, dir.path(), "mon.xml", "crm_mon", &["-1", "-r"]);
        let again = crm_json(None, &["status", "json"]);
        if again["resources"] == v["resources"] && again["nodes"] == v["nodes"] {
            assert!(check_status(&v, &xml) > 5);
            let rs = crm_json(None, &["resource", "status", "json"]);
            let s = schema("resource-status.schema.json");
            validate(&rs, &s, &s, "$").unwrap();
            return;
        }
        last = format!("{v}\n{again}");
    }
    panic!("the cluster kept changing: {last}");
}

#[test]
fn resource_status_and_locate_json_follow_crm_mon_and_crm_resource() {
    let test = "resource_status_and_locate_json_follow_crm_mon_and_crm_resource";
    if !tools_here(test) {
        return;
    }
    let corpus = root().join("../shared/pacemaker-cibs/bug-lf-2551.xml");
    let cib = if corpus.exists() {
        corpus
    } else {
        support::skip(test, "no ../shared/pacemaker-cibs; the fixture only");
        root().join("tests/completion/cib.xml")
    };
    let dir = tempfile::tempdir().unwrap();
    let all = crm_json(Some(&cib), &["resource", "status", "json"]);
    let s = schema("resource-status.schema.json");
    validate(&all, &s, &s, "$").unwrap();
    let mut flat_all = Vec::new();
    flat(&all["resources"], &mut flat_all);
    // Two top-level resources by id: those and nothing else.
    let tops: Vec<&str> = all["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .take(2)
        .collect();
    let mut args = vec!["resource", "status", "json"];
    args.extend(&tops);
    let some = crm_json(Some(&cib), &args);
    validate(&some, &s, &s, "$").unwrap();
    let got: Vec<&str> = some["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, tops);
    let s = schema("resource-locate.schema.json");
    let mut compared = 0;
    for id in &tops {
        let v = crm_json(Some(&cib), &["resource", "locate", id, "json"]);
        validate(&v, &s, &s, "$").unwrap();
        let xml = tool_xml(
            Some(&cib),
            dir.path(),
            "locate.xml",
            "crm_resource",
            &["--locate", "--resource", id],
        );
        let nodes = v["resources"][0]["nodes"].as_array().unwrap();
        let mut c = Checks::default();
        c.ask("count(/*/nodes/node)".into(), nodes.len());
        c.ask("/*/nodes/@resource".into(), *id);
        for (i, n) in nodes.iter().enumerate() {
            c.ask(
                format!("/*/nodes/node[{}]", i + 1),
                n["name"].as_str().unwrap(),
            );
        }
        compared += c.run(&xml);
    }
    assert!(compared >= 4, "only {compared} values compared");
    // An id that is not a resource is an error, in JSON.
    let o = crm(Some(&cib), &["resource", "status", "json", "no-such-rsc"]);
    assert!(!o.status.success());
    assert!(o.stdout.is_empty());
    let e: Value = serde_json::from_slice(&o.stderr).expect("stderr is JSON");
    let s = schema("errors.schema.json");
    validate(&e, &s, &s, "$").unwrap();
    assert!(e["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("no-such-rsc"));
}

#[test]
fn resource_operations_constraints_scores_json_follow_the_tools() {
    let test = "resource_operations_constraints_scores_json_follow_the_tools";
    if !tools_here(test) {
        return;
    }
    let corpus = root().join("../shared/pacemaker-cibs");
    if !corpus.is_dir() {
        support::skip(test, "no ../shared/pacemaker-cibs");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cib = corpus.join("bug-1718.xml");
    let mut compared = 0;

    let v = crm_json(Some(&cib), &["resource", "operations", "json"]);
    let s = schema("resource-operations.schema.json");
    validate(&v, &s, &s, "$").unwrap();
    let xml = tool_xml(Some(&cib), dir.path(), "ops.xml", "crm_resource", &["-O"]);
    let ops = v["operations"].as_array().unwrap();
    assert!(!ops.is_empty());
    let mut c = Checks::default();
    c.ask("count(/*/operations/operation)".into(), ops.len());
    for (i, o) in ops.iter().enumerate() {
        let me = format!("/*/operations/operation[{}]", i + 1);
        for (f, x) in [
            ("op_key", "op"),
            ("resource", "rsc"),
            ("node", "node"),
            ("status", "status"),
        ] {
            c.ask(format!("{me}/@{x}"), o[f].as_str().unwrap());
        }
        c.ask(format!("{me}/@call"), &o["call"]);
        c.ask(format!("{me}/@rc"), &o["rc"]);
    }
    compared += c.run(&xml);

    let s = schema("resource-constraints.schema.json");
    let lf = corpus.join("bug-lf-2551.xml");
    let v = crm_json(Some(&lf), &["resource", "constraints", "vm-00", "json"]);
    validate(&v, &s, &s, "$").unwrap();
    let xml = tool_xml(
        Some(&lf),
        dir.path(),
        "cons.xml",
        "crm_resource",
        &["-a", "-r", "vm-00"],
    );
    let cons = v["constraints"].as_array().unwrap();
    assert!(!cons.is_empty());
    let mut c = Checks::default();
    c.ask("count(/*/constraints/*)".into(), cons.len());
    for (i, k) in cons.iter().enumerate() {
        let me = format!("/*/constraints/*[{}]", i + 1);
        c.ask(format!("local-name({me})"), k["element"].as_str().unwrap());
        c.ask(format!("{me}/@id"), k["id"].as_str().unwrap());
        for a in k["attributes"].as_array().unwrap() {
            c.ask(
                format!("{me}/@{}", a["name"].as_str().unwrap()),
                a["value"].as_str().unwrap(),
            );
        }
    }
    compared += c.run(&xml);

    let s = schema("resource-scores.schema.json");
    let v = crm_json(Some(&cib), &["resource", "scores", "json"]);
    validate(&v, &s, &s, "$").unwrap();
    let xml = tool_xml(
        Some(&cib),
        dir.path(),
        "scores.xml",
        "crm_simulate",
        &["-sL"],
    );
    let scores = v["scores"].as_array().unwrap();
    assert!(!scores.is_empty());
    let mut c = Checks::default();
    c.ask("count(/*/allocations/node_weight)".into(), scores.len());
    for (i, w) in scores.iter().enumerate() {
        let me = format!("/*/allocations/node_weight[{}]", i + 1);
        for (f, x) in [
            ("resource", "id"),
            ("node", "node"),
            ("score", "score"),
            ("function", "function"),
        ] {
            c.ask(format!("{me}/@{x}"), w[f].as_str().unwrap());
        }
    }
    compared += c.run(&xml);
    assert!(compared > 50, "only {compared} values compared");
}

#[test]
fn resource_failcount_json_follows_the_status_section() {
    let test = "resource_failcount_json_follows_the_status_section";
    if !tools_here(test) {
        return;
    }
    let cib = root().join("../shared/pacemaker-cibs/bug-5025-1.xml");
    if !cib.exists() {
        support::skip(test, "no ../shared/pacemaker-cibs");
        return;
    }
    let s = schema("resource-failcount.schema.json");
    let mut compared = 0;
    let mut nonzero = 0;
    let nodes = xpath(&cib, &["count(//configuration/nodes/node)".into()])[0]
        .parse::<usize>()
        .unwrap();
    for i in 1..=nodes {
        let node = xpath(&cib, &[format!("//configuration/nodes/node[{i}]/@uname")]).remove(0);
        let v = crm_json(
            Some(&cib),
            &["resource", "failcount", "A", "show", &node, "json"],
        );
        validate(&v, &s, &s, "$").unwrap();
        let state = format!("//status/node_state[@uname='{node}']");
        let mut c = Checks::default();
        let counts = v["counts"].as_array().unwrap();
        c.ask(
            format!("count({state}//nvpair[starts-with(@name, 'fail-count-A#')])"),
            counts.len(),
        );
        for k in counts {
            let name = k["name"].as_str().unwrap();
            c.ask(
                format!("{state}//nvpair[@name='{name}']/@value"),
                &k["value"],
            );
        }
        c.ask(
            format!("sum({state}//nvpair[starts-with(@name, 'fail-count-A#')]/@value)"),
            &v["total"],
        );
        nonzero += usize::from(v["total"].as_i64().unwrap() > 0);
        compared += c.run(&cib);
    }
    assert!(nonzero > 0, "some node has a fail count");
    assert!(compared >= 6, "only {compared} values compared");
}

#[test]
fn ra_info_and_providers_json_follow_the_meta_data() {
    let test = "ra_info_and_providers_json_follow_the_meta_data";
    if !tools_here(test) || !support::have("crm_resource", "--version") {
        support::skip(test, "no crm_resource");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let s = schema("ra-info.schema.json");
    let mut compared = 0;
    for agent in [
        "ocf:pacemaker:Dummy",
        "ocf:heartbeat:IPaddr2",
        "ocf:pacemaker:Stateful",
    ] {
        let meta = Command::new("crm_resource")
            .args(["--show-metadata", agent])
            .output()
            .unwrap();
        if !meta.status.success() {
            support::skip(test, &format!("{agent} not installed"));
            continue;
        }
        let xml = dir.path().join("meta.xml");
        std::fs::write(&xml, &meta.stdout).unwrap();
        let v = crm_json(None, &["ra", "info", agent, "json"]);
        validate(&v, &s, &s, "$").unwrap();
        assert_eq!(v["name"], agent);
        let mut c = Checks::default();
        c.ask("normalize-space(/resource-agent/shortdesc)".into(), {
            let d = v["shortdesc"].as_str().unwrap();
            d.split_whitespace().collect::<Vec<_>>().join(" ")
        });
        let params = v["parameters"].as_array().unwrap();
        c.ask(
            "count(/resource-agent/parameters/parameter)".into(),
            params.len(),
        );
        for (i, p) in params.iter().enumerate() {
            let me = format!("/resource-agent/parameters/parameter[{}]", i + 1);
            c.ask(format!("{me}/@name"), p["name"].as_str().unwrap());
            c.ask(
                format!("boolean({me}[@required='1' or @required='true'])"),
                p["required"].as_bool().unwrap(),
            );
            c.ask(
                format!("{me}/content/@default"),
                p["default"].as_str().unwrap_or_default(),
            );
            c.ask(
                format!("{me}/content/@type"),
                p["type"].as_str().unwrap_or_default(),
            );
        }
        let actions = v["actions"].as_array().unwrap();
        c.ask(
            "count(/resource-agent/actions/action)".into(),
            actions.len(),
        );
        for (i, a) in actions.iter().enumerate() {
            let me = format!("/resource-agent/actions/action[{}]", i + 1);
            c.ask(format!("{me}/@name"), a["name"].as_str().unwrap());
            for x in a["attributes"].as_array().unwrap() {
                c.ask(
                    format!("{me}/@{}", x["name"].as_str().unwrap()),
                    x["value"].as_str().unwrap(),
                );
            }
        }
        compared += c.run(&xml);
    }
    assert!(compared > 20, "only {compared} values compared");

    let s = schema("ra-providers.schema.json");
    let v = crm_json(None, &["ra", "providers", "Dummy", "json"]);
    validate(&v, &s, &s, "$").unwrap();
    let out = Command::new("crm_resource")
        .args(["--list-ocf-alternatives", "Dummy"])
        .output()
        .unwrap();
    let mut want: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    want.sort();
    want.dedup();
    assert!(!want.is_empty());
    assert_eq!(v["providers"], serde_json::json!(want));
}

#[test]
fn cib_list_json_lists_the_shadow_directory() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["alpha", "beta"] {
        std::fs::write(dir.path().join(format!("shadow.{name}")), "<cib/>").unwrap();
    }
    std::fs::write(dir.path().join("other.txt"), "").unwrap();
    let out = Command::new(crm_bin())
        .args(["cib", "list", "json"])
        .env("CIB_shadow_dir", dir.path())
        .env_remove("CIB_shadow")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = schema("cib-list.schema.json");
    validate(&v, &s, &s, "$").unwrap();
    assert_eq!(v["shadows"], serde_json::json!(["alpha", "beta"]));
}

#[test]
fn errors_in_json_mode_are_json_with_the_diagnostics_location() {
    let cib = root().join("tests/completion/cib.xml");
    let s = schema("errors.schema.json");
    // An unclosed quote on the command line: located in `<command line>`.
    let args = ["configure", "show", "json", "'vip"];
    let o = crm(Some(&cib), &args);
    assert!(!o.status.success());
    assert!(o.stdout.is_empty());
    let v: Value = serde_json::from_slice(&o.stderr).expect("stderr is JSON");
    validate(&v, &s, &s, "$").unwrap();
    let e = &v["errors"][0];
    // The same error in text form (a word as long as `json` in its
    // place) names the same place.
    let text = crm(Some(&cib), &["configure", "show", "abcd", "'vip"]);
    let text = String::from_utf8_lossy(&text.stderr).into_owned();
    let place = format!(
        "{}:{}:{}:",
        e["file"].as_str().expect("file"),
        e["line"].as_i64().expect("line"),
        e["column"].as_i64().expect("column")
    );
    assert!(text.contains(&place), "{place} not in {text}");
    assert!(e["end_column"].as_i64().unwrap() >= e["column"].as_i64().unwrap());
    // An unknown id: the message, no location.
    let o = crm(Some(&cib), &["configure", "show", "json", "no-such-id"]);
    let v: Value = serde_json::from_slice(&o.stderr).expect("stderr is JSON");
    validate(&v, &s, &s, "$").unwrap();
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("no-such-id"));
    assert!(v["errors"][0].get("line").is_none());
    // Without json, the same error is text.
    let o = crm(Some(&cib), &["configure", "show", "no-such-id"]);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("ERROR: "));
}
