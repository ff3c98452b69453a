//! The real `crm` binary against an offline CIB file.

use std::path::Path;
use std::process::{Command, Output};

fn crm(cib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(args)
        .env("CIB_file", cib)
        .output()
        .expect("crm runs")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p.display().to_string()
}

#[test]
fn load_creates_the_cib_file_and_bumps_epoch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let f = write(
        dir.path(),
        "a.crm",
        "primitive p1 Dummy ¥\n\top monitor interval=10s\n",
    );
    let out = crm(&cib, &["-F", "configure", "load", "update", &f]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&cib).expect("cib written");
    assert!(text.contains(r#"validate-with="pacemaker-3.9""#));
    assert!(text.contains(r#"epoch="1""#));
    assert!(text.contains(r#"<op name="monitor" interval="10s" id="p1-monitor-10s"/>"#));
    let f2 = write(dir.path(), "b.crm", "primitive p2 Dummy\n");
    assert!(crm(&cib, &["configure", "load", "update", &f2])
        .status
        .success());
    let text = std::fs::read_to_string(&cib).expect("cib");
    assert!(text.contains(r#"epoch="2""#) && text.contains(r#"id="p1""#));
}

#[test]
fn bad_input_exits_1_and_leaves_the_file_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let good = write(dir.path(), "good.crm", "primitive p1 Dummy\n");
    assert!(crm(&cib, &["configure", "load", "update", &good])
        .status
        .success());
    let before = std::fs::read(&cib).expect("cib");
    for (name, text, needle) in [
        (
            "syntax.crm",
            "primitive p2 Dummy\nprimitiv p3 Dummy\n",
            "did you mean 'primitive'",
        ),
        ("ref.crm", "location l1 nosuch 100: node1\n", "nosuch"),
        (
            "quote.crm",
            "primitive p4 Dummy params ip=\"1.2.3.4“\n",
            "typographic quote",
        ),
    ] {
        let f = write(dir.path(), name, text);
        let out = crm(&cib, &["configure", "load", "update", &f]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(needle), "{name}: {err}");
        assert!(err.contains(name), "{name}: the file is named: {err}");
        assert_eq!(
            std::fs::read(&cib).expect("cib"),
            before,
            "{name} changed the CIB"
        );
    }
}

#[test]
fn statements_delete_rename_and_show_xml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    assert!(crm(
        &cib,
        &[
            "configure",
            "primitive",
            "p1",
            "Dummy",
            "params",
            "state=/run/a b"
        ]
    )
    .status
    .success());
    let again = crm(&cib, &["configure", "primitive", "p1", "Dummy"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(crm(&cib, &["configure", "rename", "p1", "p2"])
        .status
        .success());
    let out = crm(&cib, &["configure", "show", "xml", "p2"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("<?xml version=\"1.0\" ?>\n<cib "),
        "{text}"
    );
    assert!(text.contains(r#"value="/run/a b""#), "{text}");
    assert!(crm(&cib, &["configure", "delete", "p2"]).status.success());
    let missing = crm(&cib, &["configure", "delete", "p2"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn version_and_help() {
    let out = Command::new(env!("CARGO_BIN_EXE_crm"))
        .arg("--version")
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("crm "));
    let out = Command::new(env!("CARGO_BIN_EXE_crm"))
        .arg("help")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("configure ") && text.contains("Topics:"),
        "{text}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(["help", "configure", "load"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("load [xml] update|replace|push FILE|-"),
        "{text}"
    );
}

#[test]
fn shift_jis_files_and_did_you_mean_for_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    // "# テスト" in Shift_JIS, then a statement with a description.
    let mut bytes =
        b"# \x83\x65\x83\x58\x83\x67\nprimitive web Dummy \\\n\tmeta target-role=Stopped\n"
            .to_vec();
    bytes.extend_from_slice(b"group grp-web web\n");
    let f = dir.path().join("sjis.crm");
    std::fs::write(&f, &bytes).expect("write");
    let out = crm(
        &cib,
        &["configure", "load", "update", &f.display().to_string()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&cib).expect("cib");
    assert!(
        text.contains("<!--# &#12486;&#12473;&#12488;-->") || text.contains("テスト"),
        "{text}"
    );
    let typo = write(dir.path(), "typo.crm", "location l1 grp-wbe 100: node1\n");
    let out = crm(&cib, &["configure", "load", "update", &typo]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("did you mean 'grp-web'?"), "{err}");
}

#[test]
fn a_missing_cib_file_is_created_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("new.xml");
    let out = crm(&cib, &["configure", "show"]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&cib).expect("created");
    assert!(text.contains(r#"validate-with="pacemaker-3.9""#), "{text}");
}

#[test]
fn debug_flag_traces_and_display_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let f = write(dir.path(), "a.crm", "primitive p1 Dummy\n");
    let out = crm(&cib, &["-d", "configure", "load", "update", &f]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("DEBUG: parsed 1 statements"), "{err}");
    assert!(err.contains("DEBUG: writing the CIB"), "{err}");
    let quiet = crm(&cib, &["configure", "show"]);
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("DEBUG"));
    let bad = crm(&cib, &["-D", "rainbow", "configure", "show"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn show_xml_loads_back_with_load_xml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar/examples/constraints.crm");
    assert!(crm(
        &cib,
        &[
            "configure",
            "load",
            "update",
            &example.display().to_string()
        ]
    )
    .status
    .success());
    let xml = crm(&cib, &["configure", "show", "xml"]);
    let dump = dir.path().join("dump.xml");
    std::fs::write(&dump, &xml.stdout).expect("write");
    let copy = dir.path().join("copy.xml");
    let out = crm(
        &copy,
        &[
            "configure",
            "load",
            "xml",
            "update",
            &dump.display().to_string(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = crmtool::cib::Cib::parse(&std::fs::read_to_string(&cib).expect("a")).expect("a");
    let b = crmtool::cib::Cib::parse(&std::fs::read_to_string(&copy).expect("b")).expect("b");
    assert!(a.configuration().same_as(b.configuration()));
}

#[test]
fn save_then_load_replace_restores_the_cib() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let f = write(
        dir.path(),
        "a.crm",
        "primitive st stonith:fence_ipmilan params $st-pw:passwd=secret ip=10.0.0.1\nprimitive p1 Dummy\ngroup g p1\n",
    );
    assert!(crm(&cib, &["configure", "load", "update", &f])
        .status
        .success());
    let saved = dir.path().join("backup.crm").display().to_string();
    assert!(crm(&cib, &["configure", "save", &saved]).status.success());
    let text = std::fs::read_to_string(&saved).expect("saved");
    assert!(text.contains("secret"), "save is unmasked: {text}");
    let before =
        crmtool::cib::Cib::parse(&std::fs::read_to_string(&cib).expect("cib")).expect("cib");
    let other = write(dir.path(), "b.crm", "primitive p2 Dummy\n");
    assert!(crm(&cib, &["configure", "load", "update", &other])
        .status
        .success());
    assert!(crm(&cib, &["configure", "load", "replace", &saved])
        .status
        .success());
    let after =
        crmtool::cib::Cib::parse(&std::fs::read_to_string(&cib).expect("cib")).expect("cib");
    assert!(after.configuration().same_as(before.configuration()));
}

#[test]
fn a_configuration_changed_behind_the_sessions_back_is_not_overwritten() {
    // Another writer edits the file between our read and our write: only
    // num_updates moves (as a careless tool might), the content differs.
    let dir = tempfile::tempdir().expect("tempdir");
    let cib_path = dir.path().join("cib.xml");
    let f = write(dir.path(), "a.crm", "primitive p1 Dummy\n");
    assert!(crm(&cib_path, &["configure", "load", "update", &f])
        .status
        .success());
    let mut session =
        crmtool::repl::session::Session::open(&crmtool::cib::FileBackend::new(&cib_path))
            .expect("session");
    let text = std::fs::read_to_string(&cib_path).expect("cib");
    let edited = text
        .replace(r#"num_updates="0""#, r#"num_updates="1""#)
        .replace(r#"<primitive id="p1""#, r#"<primitive id="p9" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="p1""#);
    std::fs::write(&cib_path, &edited).expect("edit");
    crmtool::load::load_text(
        &mut session.working,
        "primitive p2 Dummy",
        crmtool::cib::Method::Update,
    )
    .expect("staged");
    use crmtool::cib::Backend;
    let backend = crmtool::cib::FileBackend::new(&cib_path);
    assert!(backend.check_unchanged(&session.started).is_err());
}

/// A constraint written with a clone at both ends (demote before promote,
/// in Pacemaker's novell-239079 CIB) is the user's: `load` keeps it, as
/// crmsh does (`../shared/tools/crmsh-oracle` writes this rsc_order).
/// Only constraints that a new container's adoption of its children
/// makes point at the container twice go.
#[test]
fn load_keeps_an_order_between_two_actions_of_one_clone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let f = write(
        dir.path(),
        "a.crm",
        "primitive d ocf:pacemaker:Stateful\n\
         clone ms-drbd0 d meta promotable=true\n\
         order promote_after_demote Optional: ms-drbd0:demote ms-drbd0:promote\n",
    );
    for method in ["update", "replace"] {
        let out = crm(&cib, &["-F", "configure", "load", method, &f]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&cib).expect("cib written");
        let root = crmtool::xml::parse(&text).expect("the CIB parses");
        let order = root
            .child("configuration")
            .and_then(|c| c.child("constraints"))
            .and_then(|c| c.elements().find(|e| e.name == "rsc_order"));
        // crmsh's attributes, compared as a set (cibdiff's equality).
        let want = [
            ("id", "promote_after_demote"),
            ("kind", "Optional"),
            ("first", "ms-drbd0"),
            ("first-action", "demote"),
            ("then", "ms-drbd0"),
            ("then-action", "promote"),
        ];
        let got: Vec<(String, String)> = order
            .map(|o| {
                o.attrs()
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want_sorted: Vec<(String, String)> = want
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        want_sorted.sort();
        assert_eq!(got_sorted, want_sorted, "load {method}: {text}");
    }
}
