//! `crm lsp` driven end to end by a real LSP client: Neovim's built-in
//! one, headless, running `tests/lsp/client.lua` on a file with errors
//! (`tests/lsp/errors.crm`) and on one to format (`tests/lsp/format.crm`,
//! whose expected text is crmsh's `configure show` of it, made with
//! `../shared/tools/crmsh-oracle --show`). Skipped, visibly, without nvim.

mod support;

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn labels(v: &Value) -> Vec<String> {
    v["result"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i["label"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether Pacemaker can describe agents here (crm_resource and the
/// heartbeat agents): the metadata-backed answers need it.
fn have_agents() -> bool {
    support::have("crm_resource", "--version")
        && Path::new("/usr/lib/ocf/resource.d/heartbeat/IPaddr2").exists()
}

/// Written as Shift_JIS for the editor to decode: a Japanese comment,
/// a statement continued with `￥`, a misspelt keyword on the last line.
const SJIS_TEXT: &str = "node node1
# ウェブサーバの設定（日本語のコメント）
primitive web2 ocf:pacemaker:Dummy ￥
\tparams state=/run/web2 ￥
\top monitor interval=10s timeout=20s
location loc2 web2 100: node1
primitve db2 ocf:pacemaker:Dummy
";

/// A statement continued with `¥` (U+00A5), UTF-8.
const YEN_TEXT: &str = "primitive y1 ocf:pacemaker:Dummy ¥
    params state=/run/y1 ¥
    op monitor interval=10s timeout=20s
";

fn run_client(dir: &Path) -> Value {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp");
    let errors = dir.join("errors.crm");
    let format = dir.join("format.crm");
    std::fs::copy(here.join("errors.crm"), &errors).unwrap();
    std::fs::copy(here.join("format.crm"), &format).unwrap();
    let sjis = dir.join("sjis.crm");
    let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(SJIS_TEXT);
    assert!(!lossy, "the Shift_JIS text is all Shift_JIS");
    std::fs::write(&sjis, &bytes).unwrap();
    let yen = dir.join("yen.crm");
    std::fs::write(&yen, YEN_TEXT).unwrap();
    let out = dir.join("out.json");
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", here.join("client.lua").display()))
        .env("CRM_BIN", env!("CARGO_BIN_EXE_crm"))
        .env("CRM_OUT", &out)
        .env("CRM_ERRORS", &errors)
        .env("CRM_FORMAT", &format)
        .env("CRM_SJIS", &sjis)
        .env("CRM_YEN", &yen)
        .env_remove("CIB_file")
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    // The script quits by itself; a hung editor is killed, not waited for.
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&out).expect("the client wrote its answers");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn neovim_client_gets_diagnostics_completion_hover_rename_and_formatting() {
    if !support::have("nvim", "--version") {
        support::skip(
            "lsp_nvim",
            "nvim is not installed (apt-get install neovim): the LSP client test did not run",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let r = run_client(dir.path());
    assert!(
        r["failure"].is_null(),
        "client script failed: {}",
        r["failure"]
    );

    // Diagnostics: both typographic quotes of line 3, with their fix,
    // and the missing group member of line 4 pointed at.
    let diags = r["diagnostics"].as_array().unwrap();
    let quotes: Vec<&Value> = diags.iter().filter(|d| d["code"] == "SmartQuote").collect();
    assert_eq!(quotes.len(), 2, "{diags:?}");
    assert!(quotes.iter().all(|d| d["line"] == 2 && d["severity"] == 1));
    assert_eq!(quotes[0]["col"], 31);
    assert_eq!(quotes[0]["data"]["replace"], "\"");
    let missing = diags
        .iter()
        .find(|d| d["line"] == 3)
        .expect("an error on the group line");
    assert!(
        missing["message"].as_str().unwrap().contains("ghost"),
        "{missing}"
    );
    assert_eq!(
        (&missing["col"], &missing["end_col"]),
        (&14.into(), &19.into())
    );
    assert_eq!(diags.len(), 3, "{diags:?}");

    let actions = r["code_actions"]["result"]
        .as_array()
        .expect("code actions");
    let edit = &actions[0]["edit"]["changes"];
    let edits: Vec<&Value> = edit
        .as_object()
        .unwrap()
        .values()
        .flat_map(|v| v.as_array().unwrap())
        .collect();
    assert_eq!(edits[0]["newText"], "\"");
    assert_eq!(actions[0]["kind"], "quickfix");

    // Completion at several places.
    assert_eq!(labels(&r["complete_keyword"]), ["primitive"]);
    assert!(
        labels(&r["complete_ids"]).contains(&"web".to_string()),
        "{}",
        r["complete_ids"]
    );
    assert!(labels(&r["complete_node"]).contains(&"node1".to_string()));
    assert!(labels(&r["complete_property"]).contains(&"stonith-enabled=".to_string()));

    // Hover and navigation on the id `web`.
    let hover = r["hover_ref"]["result"]["contents"]["value"]
        .as_str()
        .unwrap();
    assert!(
        hover.contains("primitive web ocf:heartbeat:IPaddr2"),
        "{hover}"
    );
    let def = &r["definition"]["result"]["range"]["start"];
    assert_eq!((&def["line"], &def["character"]), (&1.into(), &10.into()));
    let refs = r["references"]["result"].as_array().unwrap();
    let lines: Vec<&Value> = refs.iter().map(|l| &l["range"]["start"]["line"]).collect();
    assert_eq!(lines, [&Value::from(1), &3.into(), &4.into()]);

    // Rename: everywhere `web` is named, nothing else; a bad id refused.
    let changes = r["rename"]["result"]["changes"].as_object().unwrap();
    let edits: Vec<&Value> = changes
        .values()
        .flat_map(|v| v.as_array().unwrap())
        .collect();
    assert_eq!(edits.len(), 3, "{edits:?}");
    assert!(edits.iter().all(|e| e["newText"] == "www"));
    assert!(r["rename_bad"]["error"].as_str().unwrap().contains("9x"));

    let names: Vec<&str> = r["symbols"]["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["node1", "web", "grp", "loc-web", "cib-bootstrap-options"]
    );

    // Formatting: refused while the file has errors; a good file becomes
    // crmsh's `configure show` of it, comment kept, and stays so.
    assert!(r["format_errors"]["error"].is_string());
    let expected = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/format.expected"),
    )
    .unwrap();
    let formatted: Vec<&str> = r["formatted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(formatted, expected.lines().collect::<Vec<_>>());
    assert_eq!(r["format_again"]["result"], Value::Array(Vec::new()));

    // The Shift_JIS file: decoded by the editor, its one error the
    // misspelt keyword with `primitive` as the fix.
    assert_eq!(r["sjis_encoding"], "cp932", "{}", r["sjis_encoding"]);
    let sd = r["sjis_diagnostics"].as_array().unwrap();
    assert_eq!(sd.len(), 1, "{sd:?}");
    assert_eq!((&sd[0]["line"], &sd[0]["col"]), (&6.into(), &0.into()));
    assert_eq!(sd[0]["data"]["replace"], "primitive", "{sd:?}");
    let fix = &r["sjis_actions"]["result"][0];
    assert_eq!(fix["kind"], "quickfix", "{}", r["sjis_actions"]);
    let fix_edits: Vec<&Value> = fix["edit"]["changes"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|v| v.as_array().unwrap())
        .collect();
    assert_eq!(fix_edits.len(), 1);
    assert_eq!(fix_edits[0]["newText"], "primitive");
    assert_eq!(fix_edits[0]["range"]["end"]["character"], 8);
    // The outline: web2 runs over its three physical lines (`￥`).
    let symbols = r["sjis_symbols"]["result"].as_array().unwrap();
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["node1", "web2", "loc2"]);
    assert_eq!(symbols[1]["range"]["start"]["line"], 2);
    assert_eq!(symbols[1]["range"]["end"]["line"], 4);
    let def = &r["sjis_definition"]["result"]["range"]["start"];
    assert_eq!((&def["line"], &def["character"]), (&2.into(), &10.into()));
    let refs: Vec<(&Value, &Value)> = r["sjis_references"]["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                &l["range"]["start"]["line"],
                &l["range"]["start"]["character"],
            )
        })
        .collect();
    assert_eq!(refs, [(&2.into(), &10.into()), (&5.into(), &14.into())]);
    // `¥` joins lines as `\` does.
    let y = &r["yen_symbols"]["result"][0];
    assert_eq!(y["name"], "y1", "{}", r["yen_symbols"]);
    assert_eq!(
        (&y["range"]["start"]["line"], &y["range"]["end"]["line"]),
        (&0.into(), &2.into())
    );

    // What needs the agents' metadata.
    if !have_agents() {
        support::skip(
            "lsp_nvim (agent parts)",
            "crm_resource or the heartbeat agents are missing: agent and parameter completion and hover not checked",
        );
        return;
    }
    assert!(labels(&r["complete_agent"]).contains(&"ocf:heartbeat:IPaddr2".to_string()));
    let params = r["complete_param"]["result"].as_array().unwrap();
    let ip = params
        .iter()
        .find(|i| i["label"] == "ip=")
        .expect("ip= offered");
    assert_eq!(ip["detail"], "ip= (string, required)");
    assert!(ip["documentation"]["value"]
        .as_str()
        .unwrap()
        .contains("IPv4"));
    let hover = r["hover_param"]["result"]["contents"]["value"]
        .as_str()
        .unwrap();
    assert!(
        hover.contains("ip= (string, required)") && hover.contains("IPv6"),
        "{hover}"
    );
    // A parameter on a line continued with `¥`: the statement's agent.
    let hover = r["yen_hover"]["result"]["contents"]["value"]
        .as_str()
        .unwrap_or("");
    assert!(hover.contains("state="), "{}", r["yen_hover"]);
}
