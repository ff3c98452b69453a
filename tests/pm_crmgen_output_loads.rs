//! What pm_crmgen writes must be accepted by our own `crm`: every golden
//! `.crm` loads into an empty CIB exactly when crmsh 4.4 (forced) loaded
//! it (../shared/pm_crmgen/crmsh/crmsh-load-results.txt), and the
//! project's filled example converts and loads.

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// case → whether crmsh with `-F` committed it.
fn crmsh_verdicts(text: &str) -> BTreeMap<String, bool> {
    text.lines()
        .filter_map(|l| l.strip_prefix("=== "))
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let name = words.next()?.to_string();
            let relaxed = words.find_map(|w| w.strip_prefix("relaxed="))?;
            Some((name, relaxed == "0"))
        })
        .collect()
}

#[test]
fn golden_outputs_load_exactly_when_crmsh_loaded_them() {
    let shared = root().join("../shared/pm_crmgen");
    let Ok(results) = std::fs::read_to_string(shared.join("crmsh/crmsh-load-results.txt")) else {
        let _ = writeln!(std::io::stderr(), "skipped: ../shared/pm_crmgen not found");
        return;
    };
    let verdicts = crmsh_verdicts(&results);
    assert!(verdicts.len() > 20, "verdicts parsed: {}", verdicts.len());
    let mut disagreements = Vec::new();
    for (name, crmsh_ok) in &verdicts {
        let Ok(bytes) = std::fs::read(shared.join(format!("cases/{name}.crm"))) else {
            continue;
        };
        let text = crmtool::source::decode(&bytes);
        let mut cib = Cib::empty("pacemaker-3.9");
        let ours = load_text(&mut cib, &text, Method::Update);
        if ours.is_ok() != *crmsh_ok {
            disagreements.push(format!(
                "{name}: crmsh ok={crmsh_ok}, ours={:?}",
                ours.err().map(|e| e.to_string())
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn the_filled_example_converts_and_loads() {
    let csv = root().join("templates/example-pgsql.csv");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.crm");
    let args = vec![
        "pm_crmgen".into(),
        "-o".into(),
        out.clone().into_os_string(),
        csv.into_os_string(),
    ];
    let (mut o, mut e) = (Vec::new(), Vec::new());
    let rc = crmtool::pm_crmgen::run(args, &mut o, &mut e);
    assert_eq!(rc, 0, "{}", String::from_utf8_lossy(&e));
    let text = std::fs::read_to_string(&out).expect("written");
    let mut cib = Cib::empty("pacemaker-3.9");
    let report = load_text(&mut cib, &text, Method::Update).expect("loads");
    let xml = cib.to_xml();
    for id in ["prmPg", "grpPg", "clnPing", "clnDiskd"] {
        assert!(
            xml.contains(&format!("id=\"{id}")),
            "{id} missing in\n{xml}"
        );
    }
    drop(report);
}
