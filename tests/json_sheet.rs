//! `pm_crmgen --json`: the parsed sheet of every golden case that the
//! real pm_crmgen 2.2 turned into a crm file is validated against
//! `docs/json/pm_crmgen-sheet.schema.json`, and its values are checked
//! against what the real program wrote for that sheet (the golden
//! `.crm`) and against the sheet's own cells (the record numbers).

mod json_schema;
mod support;

use json_schema::{schema, validate};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// A crm statement of the golden file: its words, quotes removed from
/// `name="value"` (kept as `name=value`).
fn statements(crm: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in crm.lines() {
        if line.starts_with('#') {
            continue;
        }
        let (body, more) = match line.strip_suffix('\\') {
            Some(b) => (b, true),
            None => (line, false),
        };
        current.push_str(body);
        current.push(' ');
        if !more {
            let words = words(&current);
            if !words.is_empty() {
                out.push((current.clone(), words));
            }
            current.clear();
        }
    }
    out
}

fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// `name=value` of every pair of the JSON blocks (plain and rule-scoped).
fn block_pairs(blocks: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks.as_array().into_iter().flatten() {
        let plain = b["pairs"].as_array().into_iter().flatten();
        let ruled = b["rules"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|r| r["pairs"].as_array().into_iter().flatten());
        for p in plain.chain(ruled) {
            out.push(format!("{}=\"{}\"", s(&p["name"]), s(&p["value"])));
        }
    }
    out
}

fn pair_list(list: &Value) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|p| format!("{}=\"{}\"", s(&p["name"]), s(&p["value"])))
        .collect()
}

/// The JSON pairs (`name="value"`) are those of the crm text `raw`: as
/// many as it has `name=value` words, each written there as pm_crmgen
/// writes it (quotes are not escaped, so the words cannot be split
/// back reliably), and in order when `ordered`.
fn same_pairs(what: &str, raw: &str, kv_words: usize, json: &[String], ordered: bool) {
    assert_eq!(json.len(), kv_words, "{what}: {json:?} in {raw}");
    let mut from = 0;
    for p in json {
        let at = raw[if ordered { from } else { 0 }..]
            .find(p.as_str())
            .unwrap_or_else(|| panic!("{what}: {p} not in {raw}"));
        if ordered {
            from += at + p.len();
        }
    }
}

fn kv_words(words: &[String]) -> Vec<String> {
    words.iter().filter(|w| w.contains('=')).cloned().collect()
}

/// Checks the JSON of one case against the golden crm text; returns the
/// number of values compared.
fn check_against_crm(name: &str, v: &Value, crm: &str) -> usize {
    let mut checked = 0;
    let resources = v["resources"].as_array().cloned().unwrap_or_default();
    let find = |id: &str| resources.iter().find(|r| s(&r["id"]) == id).cloned();
    let mut kinds_in_crm = Vec::new();
    let mut locations = 0;
    let mut nodes = 0;
    let mut fencing = Vec::new();
    for (raw, st) in statements(crm) {
        let head = st[0].as_str();
        match head {
            "property" | "rsc_defaults" | "op_defaults" => {
                same_pairs(
                    &format!("{name}: {head}"),
                    &raw,
                    kv_words(&st[1..]).len(),
                    &pair_list(&v[head]),
                    true,
                );
                checked += 1;
            }
            "primitive" => {
                kinds_in_crm.push(("primitive", st[1].clone()));
                let r = find(&st[1]).unwrap_or_else(|| panic!("{name}: no resource {}", st[1]));
                assert_eq!(s(&r["kind"]), "primitive", "{name}: {}", st[1]);
                let agent: Vec<&str> = ["class", "provider", "type"]
                    .iter()
                    .map(|k| s(&r[*k]))
                    .filter(|p| !p.is_empty())
                    .collect();
                let agent = agent.join(":");
                assert_eq!(agent, st[2], "{name}: agent of {}", st[1]);
                // The pairs before the first `op`, and each op's.
                let mut parts = st[3..].split(|w| w == "op");
                let attrs = kv_words(parts.next().unwrap_or_default()).len();
                let head_text = raw.split(" op ").next().unwrap_or_default();
                let what = format!("{name}: pairs of {}", st[1]);
                same_pairs(&what, head_text, attrs, &block_pairs(&r["blocks"]), false);
                let ops: Vec<String> = parts.map(|p| p.join(" ")).collect();
                let json_ops: Vec<String> = r["ops"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    // pm_crmgen prints no `op` for a row without values.
                    .filter(|o| o["attributes"].as_array().is_some_and(|a| !a.is_empty()))
                    .map(|o| {
                        let mut w = vec![s(&o["name"]).to_string()];
                        for a in o["attributes"].as_array().into_iter().flatten() {
                            w.push(format!("{}={}", s(&a["name"]), s(&a["value"])));
                        }
                        w.join(" ")
                    })
                    .collect();
                assert_eq!(json_ops, ops, "{name}: ops of {}", st[1]);
                checked += 3;
            }
            "group" | "clone" | "ms" => {
                kinds_in_crm.push((
                    match head {
                        "group" => "group",
                        "clone" => "clone",
                        _ => "ms",
                    },
                    st[1].clone(),
                ));
                let r = find(&st[1]).unwrap_or_else(|| panic!("{name}: no resource {}", st[1]));
                assert_eq!(s(&r["kind"]), head, "{name}: kind of {}", st[1]);
                let members: Vec<String> = st[2..]
                    .iter()
                    .take_while(|w| *w != "meta" && *w != "params")
                    .cloned()
                    .collect();
                let children: Vec<String> = r["children"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|c| s(c).to_string())
                    .collect();
                assert_eq!(children, members, "{name}: members of {}", st[1]);
                let attrs = kv_words(&st[2..]).len();
                let what = format!("{name}: pairs of {}", st[1]);
                same_pairs(&what, &raw, attrs, &block_pairs(&r["blocks"]), false);
                checked += 2;
            }
            "node" => {
                let (uname, ntype) = st[1].split_once(':').unwrap_or((st[1].as_str(), ""));
                // One statement per NODE row, in order (a name may repeat).
                nodes += 1;
                let n = &v["nodes"][nodes - 1];
                assert_eq!(s(&n["uname"]), uname, "{name}: node {nodes}");
                assert_eq!(s(&n["type"]), ntype, "{name}: type of node {uname}");
                let attrs = kv_words(&st[2..]).len();
                let what = format!("{name}: node {uname}");
                same_pairs(&what, &raw, attrs, &block_pairs(&n["blocks"]), false);
                checked += 2;
            }
            "location" => {
                locations += 1;
                // rsc_location-RSC-N: N counts simple then expert locations.
                let all: Vec<&Value> = v["locations"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .chain(v["expert_locations"].as_array().into_iter().flatten())
                    .collect();
                let l = all
                    .get(locations - 1)
                    .unwrap_or_else(|| panic!("{name}: location {locations} missing"));
                assert_eq!(s(&l["resource"]), st[2], "{name}: location {}", st[1]);
                let scores: Vec<String> = st
                    .windows(2)
                    .filter(|w| w[0] == "rule")
                    .map(|w| {
                        // `rule [$role=R] SCORE:`: the word ending in `:`.
                        w[1].trim_end_matches(':').to_string()
                    })
                    .collect();
                let json_scores: Vec<String> = l["rules"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|r| s(&r["id_spec"]).is_empty() && s(&r["role"]).is_empty())
                    .map(|r| s(&r["score"]).to_string())
                    .collect();
                if json_scores.len() == scores.len() {
                    assert_eq!(json_scores, scores, "{name}: rule scores of {}", st[1]);
                }
                assert_eq!(
                    l["rules"].as_array().map_or(0, Vec::len),
                    scores.len(),
                    "{name}: rules of {}",
                    st[1]
                );
                checked += 2;
            }
            // Lines of the CONFIG table are the sheet's own crm text.
            _ if v["configs"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|c| words(s(c)) == st) =>
            {
                checked += 1;
            }
            "colocation" | "order" => {
                let list = if head == "colocation" {
                    &v["colocations"]
                } else {
                    &v["orders"]
                };
                let n: usize = st[1]
                    .rsplit('-')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("{name}: id {}", st[1]));
                let c = &list[n - 1];
                let (a, b) = if head == "colocation" {
                    (s(&c["rsc"]), s(&c["with_rsc"]))
                } else {
                    (s(&c["first"]), s(&c["then"]))
                };
                assert_eq!(format!("{}:", s(&c["score"])), st[2], "{name}: {}", st[1]);
                assert_eq!(st[3].split(':').next(), Some(a), "{name}: {}", st[1]);
                assert_eq!(st[4].split(':').next(), Some(b), "{name}: {}", st[1]);
                checked += 3;
            }
            "fencing_topology" => {
                let mut node = String::new();
                for w in &st[1..] {
                    match w.strip_suffix(':') {
                        Some(n) => node = n.to_string(),
                        None => {
                            for rsc in w.split(',') {
                                fencing.push(format!("{node} {rsc}"));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // Every resource of the JSON is one statement of the crm file.
    let mut from_json: Vec<(String, String)> = resources
        .iter()
        .map(|r| (s(&r["kind"]).to_string(), s(&r["id"]).to_string()))
        .collect();
    let mut from_crm: Vec<(String, String)> = kinds_in_crm
        .into_iter()
        .map(|(k, id)| (k.to_string(), id))
        .collect();
    from_json.sort();
    from_crm.sort();
    assert_eq!(from_json, from_crm, "{name}: resources");
    let mut json_fencing: Vec<String> = v["fencing_topology"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| format!("{} {}", s(&f["node"]), s(&f["resource"])))
        .collect();
    json_fencing.sort();
    fencing.sort();
    assert_eq!(json_fencing, fencing, "{name}: fencing levels");
    assert_eq!(
        v["nodes"].as_array().map_or(0, Vec::len),
        nodes,
        "{name}: nodes"
    );
    checked + from_crm.len() + fencing.len()
}

/// The sheet's records, cells trimmed (bytes: the cases are CP932,
/// UTF-8 or UTF-8 with a BOM; ids and names are ASCII in all). Excel's
/// CSV: `"` quotes a cell (doubled inside), CR, LF or CRLF end a record.
fn records(csv: &Path) -> Vec<Vec<Vec<u8>>> {
    let bytes = std::fs::read(csv).expect("case sheet");
    let mut out = Vec::new();
    let mut record: Vec<Vec<u8>> = Vec::new();
    let mut cell = Vec::new();
    let mut quoted = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' && bytes.get(i + 1) == Some(&b'"') {
                cell.push(b'"');
                i += 1;
            } else if b == b'"' {
                quoted = false;
            } else {
                cell.push(b);
            }
        } else {
            match b {
                b'"' => quoted = true,
                b',' => record.push(std::mem::take(&mut cell)),
                b'\r' | b'\n' => {
                    if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    record.push(std::mem::take(&mut cell));
                    out.push(std::mem::take(&mut record));
                }
                _ => cell.push(b),
            }
        }
        i += 1;
    }
    if !cell.is_empty() || !record.is_empty() {
        record.push(cell);
        out.push(record);
    }
    out.into_iter()
        .map(|r| r.into_iter().map(|c| c.trim_ascii().to_vec()).collect())
        .collect()
}

/// Checks that the records the JSON names hold the values it gives.
fn check_against_sheet(name: &str, v: &Value, csv: &Path) -> usize {
    let recs = records(csv);
    let has = |line: &Value, cell: &str| -> bool {
        let n = line.as_u64().unwrap_or(0) as usize;
        // Every word of the value in one of the record's cells (pm_crmgen
        // trims full-width blanks and joins a cell's lines with spaces).
        n >= 1
            && recs.get(n - 1).is_some_and(|r| {
                cell.split_whitespace().all(|w| {
                    r.iter()
                        .any(|c| c.windows(w.len()).any(|x| x == w.as_bytes()))
                })
            })
    };
    let mut checked = 0;
    for r in v["resources"].as_array().into_iter().flatten() {
        assert!(
            has(&r["line"], s(&r["id"])),
            "{name}: record {} holds {}",
            r["line"],
            r["id"]
        );
        if let Some(d) = r.get("described") {
            assert!(
                has(d, s(&r["id"])),
                "{name}: record {d} describes {}",
                r["id"]
            );
            checked += 1;
        }
        for b in r["blocks"].as_array().into_iter().flatten() {
            for p in b["pairs"].as_array().into_iter().flatten() {
                assert!(
                    has(&p["line"], s(&p["name"])),
                    "{name}: record {} holds {}",
                    p["line"],
                    p["name"]
                );
                checked += 1;
            }
        }
        checked += 1;
    }
    for part in ["property", "rsc_defaults", "op_defaults"] {
        for p in v[part].as_array().into_iter().flatten() {
            assert!(
                has(&p["line"], s(&p["name"])),
                "{name}: record {} holds {}",
                p["line"],
                p["name"]
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn pm_crmgen_json_follows_its_schema_the_golden_output_and_the_sheet() {
    let Some(cases) = support::shared("pm_crmgen/cases") else {
        return;
    };
    let sch = schema("pm_crmgen-sheet.schema.json");
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut names: Vec<String> = std::fs::read_dir(&cases)
        .expect("cases")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_suffix(".crm").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(
        names.len() >= 30,
        "golden cases with a crm file: {}",
        names.len()
    );
    let mut checked = 0;
    for name in &names {
        let csv = cases.join(format!("{name}.csv"));
        let here = tmp.path().join(format!("{name}.csv"));
        std::fs::copy(&csv, &here).expect("copy sheet");
        let args = std::fs::read_to_string(cases.join(format!("{name}.args"))).expect("args");
        let rc: i32 = std::fs::read_to_string(cases.join(format!("{name}.rc")))
            .expect("rc")
            .trim()
            .parse()
            .expect("rc number");
        let json_path = tmp.path().join(format!("{name}.json"));
        let args: Vec<String> = args
            .split_whitespace()
            .map(|a| {
                if a == format!("{name}.crm") {
                    json_path.to_string_lossy().into_owned()
                } else {
                    a.to_string()
                }
            })
            .collect();
        let out = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"))
            .arg("--json")
            .args(&args)
            .current_dir(tmp.path())
            .output()
            .expect("pm_crmgen runs");
        assert_eq!(
            out.status.code(),
            Some(rc),
            "{name}: exit status as pm_crmgen's: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&json_path).expect("JSON written");
        let v: Value = serde_json::from_str(&text).expect("JSON");
        if let Err(e) = validate(&v, &sch, &sch, "$") {
            panic!("{name}: {e}");
        }
        let crm = std::fs::read(cases.join(format!("{name}.crm"))).expect("golden crm");
        let crm = String::from_utf8_lossy(&crm);
        checked += check_against_crm(name, &v, &crm);
        checked += check_against_sheet(name, &v, &here);
    }
    assert!(checked > 1000, "values compared: {checked}");
    eprintln!("pm_crmgen --json: {} sheets, {checked} values", names.len());
}

#[test]
fn pm_crmgen_json_goes_where_the_crm_text_would_and_refuses_reverse() {
    let Some(samples) = support::shared("pm_crmgen/samples") else {
        return;
    };
    let sheet = samples.join("sample-v2.2-ex1.utf8.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"))
        .arg("--json")
        .arg(&sheet)
        .output()
        .expect("pm_crmgen runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let ids: Vec<&str> = v["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| s(&r["id"]))
        .collect();
    assert!(ids.contains(&"prmEx") && ids.contains(&"grpPg"), "{ids:?}");
    let out = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"))
        .args(["--json", "--reverse"])
        .arg(&sheet)
        .output()
        .expect("pm_crmgen runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--json and --reverse"));
}
