//! Nothing invalid is committed: the invalid inputs of issue 9 and the
//! dangling references are refused with a located error and the CIB file
//! byte-identical, as crmsh 4.4 (through Pacemaker) refuses them; what
//! crmsh accepts with a warning is accepted with one; a CIB that only
//! Pacemaker's RelaxNG grammar refuses is refused naming the element; and
//! without the grammar files the skip is said, once.
//!
//! The verdicts and crmsh's messages in the tables were recorded with
//! `../shared/tools/crmsh-oracle --all DIR FILE` (rc, committed or not,
//! stderr) on crmsh 4.4.1 / Pacemaker 2.1.5.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod support;

fn crm(cib: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crm"));
    c.args(args)
        .env("CIB_file", cib)
        .env_remove("CIB_shadow")
        .env_remove("PCMK_schema_directory")
        .stdin(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("crm runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn skip(reason: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: {reason}");
}

/// Pacemaker's schema files, or a visible skip.
fn grammar_installed(test: &str) -> bool {
    let dir = crmtool::schema::schema_dir();
    let ok = dir.join("pacemaker-3.9.rng").is_file();
    if !ok {
        skip(&format!(
            "{test}: no Pacemaker schema files in {} (apt-get install pacemaker-common)",
            dir.display()
        ));
    }
    ok
}

/// A CIB file holding a base configuration (a node, a primitive, a
/// template), so that refusals are seen to leave real content alone.
fn base_cib(dir: &Path) -> PathBuf {
    let cib = dir.join("cib.xml");
    let base = dir.join("base.crm");
    std::fs::write(
        &base,
        "node node1\nprimitive base Dummy\nrsc_template tmpl ocf:heartbeat:Dummy\n",
    )
    .expect("write");
    let o = crm(
        &cib,
        &["configure", "load", "update", &base.to_string_lossy()],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    cib
}

/// (input, crmsh's verdict and message, what our message must hold).
/// Every one is refused by crmsh 4.4 (rc=1, nothing committed).
const REFUSED: &[(&str, &str, &[&str])] = &[
    (
        "role r1 read ref:missing",
        "Call failed: Update does not conform to the configured schema (IDREF reference)",
        &["in.crm:1:", "role r1", "ref:missing"],
    ),
    (
        "primitive p @no_such_template",
        "no_such_template: no such resource template",
        &[
            "in.crm:1:",
            "primitive p",
            "no_such_template: no such resource template",
        ],
    ),
    (
        "primitive p Dummy operations $id-ref=missing",
        "Reference not found: missing",
        &["in.crm:1:", "primitive p", "Reference not found: missing"],
    ),
    (
        "primitive p Dummy meta $id-ref=nothere",
        "Reference not found: nothere",
        &["in.crm:1:", "primitive p", "Reference not found: nothere"],
    ),
    (
        "primitive r Dummy\nlocation l1 r abc: node1",
        "rsc_location: Expecting an element rule, got nothing",
        &["in.crm:2:", "location l1", "score 'abc'", "needs a rule"],
    ),
    (
        "primitive p Dummy op interval=10s",
        "syntax in primitive: Expected identifier near <interval=10s>",
        &[
            "in.crm:1:22:",
            "expected an operation name, found 'interval=10s'",
        ],
    ),
    (
        "primitive p ocf;heartbeat:Dummy",
        "primitive: Invalid sequence in interleave (class)",
        &[
            "in.crm:1:",
            "primitive p",
            "unknown resource class 'ocf;heartbeat'",
        ],
    ),
    (
        "primitive p Dummy\nlocation l1 p rule $id-ref=norule",
        "Reference not found: norule",
        &["in.crm:2:", "location l1", "Reference not found: norule"],
    ),
    (
        "role r1 write xpath:/cib\nacl_target u1 r1 missingrole",
        "IDREF attribute id references an unknown ID \"missingrole\"",
        &[
            "in.crm:2:",
            "acl_target u1",
            "role missingrole does not exist",
        ],
    ),
    (
        "colocation c1 inf: base missing",
        "constraint c1 references a resource missing which doesn't exist",
        &["in.crm:1:", "constraint c1 references a resource missing"],
    ),
    (
        "order o1 Mandatory: base ( missing base )",
        "constraint o1 references a resource missing which doesn't exist",
        &["in.crm:1:", "constraint o1 references a resource missing"],
    ),
    (
        "rsc_ticket t1 tk: missing",
        "constraint t1 references a resource missing which doesn't exist",
        &["in.crm:1:", "constraint t1 references a resource missing"],
    ),
];

#[test]
fn invalid_inputs_are_refused_located_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = base_cib(dir.path());
    let before = std::fs::read(&cib).expect("read");
    let input = dir.path().join("in.crm");
    let mut failures = Vec::new();
    for (text, crmsh, expected) in REFUSED {
        std::fs::write(&input, format!("{text}\n")).expect("write");
        let o = crm(
            &cib,
            &["configure", "load", "update", &input.to_string_lossy()],
            &[],
        );
        let err = stderr(&o);
        let after = std::fs::read(&cib).expect("read");
        if o.status.code() != Some(1) {
            failures.push(format!(
                "{text:?}: rc {:?} (crmsh refuses: {crmsh})\n{err}",
                o.status.code()
            ));
        }
        if after != before {
            failures.push(format!("{text:?}: the CIB file changed"));
        }
        for piece in *expected {
            if !err.contains(piece) {
                failures.push(format!(
                    "{text:?}: message lacks {piece:?} (crmsh: {crmsh})\n{err}"
                ));
            }
        }
        if err.contains("panicked") {
            failures.push(format!("{text:?}: panicked\n{err}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// crmsh commits these (rc=0) with the warnings shown; so do we.
const WARNED: &[(&str, &[&str])] = &[
    (
        "tag t1 base missing",
        &["WARNING: tag t1: member missing does not exist"],
    ),
    (
        "fencing_topology node9: missingdev",
        &[
            "WARNING: fencing_topology: target node9 not a node",
            "WARNING: fencing_topology: resource missingdev does not exist",
        ],
    ),
    // crmsh writes the valueless pair silently; we say so.
    ("property foo", &["WARNING: property foo has no value"]),
];

#[test]
fn what_crmsh_accepts_with_a_warning_is_committed_with_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.crm");
    for (text, expected) in WARNED {
        let cib = base_cib(dir.path());
        let before = std::fs::read(&cib).expect("read");
        std::fs::write(&input, format!("{text}\n")).expect("write");
        let o = crm(
            &cib,
            &["configure", "load", "update", &input.to_string_lossy()],
            &[],
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(0), "{text}: {err}");
        assert_ne!(
            std::fs::read(&cib).expect("read"),
            before,
            "{text}: committed"
        );
        for piece in *expected {
            assert!(err.contains(piece), "{text}: lacks {piece:?}\n{err}");
        }
    }
}

/// crmsh: "syntax in property: Unknown arguments: --list near <--list>",
/// "… Unknown arguments: foo …", "Empty value for foo is not allowed";
/// nothing written.
#[test]
fn property_without_value_is_refused_on_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = base_cib(dir.path());
    let before = std::fs::read(&cib).expect("read");
    for (args, expected) in [
        (
            &["configure", "property", "--list"][..],
            "Unknown arguments: --list",
        ),
        (&["configure", "property", "foo"], "Unknown arguments: foo"),
        (
            &["configure", "rsc_defaults", "foo"],
            "Unknown arguments: foo",
        ),
        (
            &["configure", "property", "foo="],
            "Empty value for foo is not allowed",
        ),
    ] {
        let o = crm(&cib, args, &[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(std::fs::read(&cib).expect("read"), before, "{args:?}");
    }
    let o = crm(&cib, &["configure", "property", "foo=bar"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Only Pacemaker's grammar knows that a primitive has no attribute
/// `bogus`: the commit is refused naming the object, the element and the
/// statement, and the file is byte-identical — through a crm file's
/// `xml` statement and through `load xml`.
#[test]
fn a_schema_invalid_commit_is_refused_naming_the_element() {
    if !grammar_installed("a_schema_invalid_commit_is_refused_naming_the_element") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = base_cib(dir.path());
    let before = std::fs::read(&cib).expect("read");
    let crm_file = dir.path().join("bad.crm");
    std::fs::write(
        &crm_file,
        "primitive good Dummy\n\
         xml <primitive id=\"bad\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">\\\n\
         <operations><op id=\"bad-op\" name=\"monitor\" interval=\"10s\" bogus=\"1\"/></operations></primitive>\n",
    )
    .expect("write");
    let o = crm(
        &cib,
        &["configure", "load", "update", &crm_file.to_string_lossy()],
        &[],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("bad.crm:2:1: primitive bad: <op id=\"bad-op\" name=\"monitor\" interval=\"10s\" bogus=\"1\"> does not conform to the pacemaker-3.9 schema"),
        "{err}"
    );
    assert!(err.contains("bogus"), "{err}");
    assert_eq!(std::fs::read(&cib).expect("read"), before);

    let xml_file = dir.path().join("bad.xml");
    std::fs::write(
        &xml_file,
        "<configuration><resources><primitive id=\"bad2\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\" bogus=\"1\"/></resources></configuration>\n",
    )
    .expect("write");
    let o = crm(
        &cib,
        &[
            "configure",
            "load",
            "xml",
            "update",
            &xml_file.to_string_lossy(),
        ],
        &[],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("bad.xml:1:27: primitive bad2 does not conform to the pacemaker-3.9 schema: Invalid attribute bogus for element primitive"),
        "{err}"
    );
    assert_eq!(std::fs::read(&cib).expect("read"), before);
}

/// Without the grammar files our own checks still run, and the output
/// says once that full validation was skipped.
#[test]
fn missing_schema_files_are_said_once_and_own_checks_still_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("no-schemas");
    std::fs::create_dir_all(&empty).expect("dir");
    let env = [("PCMK_schema_directory", empty.as_path())];
    let cib = base_cib(dir.path());
    // A script with two commits: the note comes once.
    let script = dir.path().join("two.crm");
    std::fs::write(
        &script,
        "configure\nprimitive a Dummy\ncommit\nprimitive b Dummy\ncommit\nup\n",
    )
    .expect("write");
    let o = crm(&cib, &["-f", &script.to_string_lossy()], &env);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(
        err.matches("full schema validation skipped").count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("skipped for this pacemaker-3.9 CIB: there is no RelaxNG schema for it in"),
        "{err}"
    );
    // The references are still ours to check.
    let before = std::fs::read(&cib).expect("read");
    let input = dir.path().join("in.crm");
    std::fs::write(&input, "primitive p @no_such_template\n").expect("write");
    let o = crm(
        &cib,
        &["configure", "load", "update", &input.to_string_lossy()],
        &env,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no such resource template"));
    assert_eq!(std::fs::read(&cib).expect("read"), before);
}

fn conformance() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    if dir.is_dir() {
        Some(dir)
    } else {
        skip("../shared/conformance not found");
        None
    }
}

/// Every valid case of the crmsh corpus compiles to XML that Pacemaker's
/// grammar accepts (the stored expected XML validates too: checked with
/// xmllint when this test was written).
#[test]
fn valid_conformance_cases_validate_clean() {
    let Some(dir) = conformance() else { return };
    if !grammar_installed("valid_conformance_cases_validate_clean") {
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".xml").map(String::from))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for name in &names {
        let opts = std::fs::read_to_string(dir.join(format!("{name}.opts"))).unwrap_or_default();
        let arg = |flag: &str| support::opt(&opts, flag);
        let mut cib = crmtool::cib::Cib::empty(&arg("--schema").unwrap_or("pacemaker-3.9".into()));
        if let Some(base) = arg("--base") {
            let text = std::fs::read_to_string(dir.join(base)).expect("base");
            crmtool::load::load_text(&mut cib, &text, crmtool::cib::Method::Update)
                .expect("base loads");
        }
        let method = match arg("--method").as_deref() {
            Some("replace") => crmtool::cib::Method::Replace,
            Some("push") => crmtool::cib::Method::Push,
            _ => crmtool::cib::Method::Update,
        };
        let text =
            crmtool::source::decode(&std::fs::read(dir.join(format!("{name}.crm"))).expect("crm"));
        if let Err(e) = crmtool::load::load_text(&mut cib, &text, method) {
            failures.push(format!("{name}: refused: {e}"));
            continue;
        }
        match crmtool::schema::check_commit(&cib, None) {
            Ok(c) if c.coverage == crmtool::schema::Coverage::Full => checked += 1,
            Ok(c) => failures.push(format!("{name}: not fully validated: {:?}", c.coverage)),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(checked, names.len());
    assert!(checked >= 96, "only {checked} valid cases");
}

/// Our sliced validation gives libxml2's verdict on the whole document
/// (`xmllint --relaxng`, the same library Pacemaker uses) for every CIB of
/// Pacemaker's scheduler regression set, valid or not.
#[test]
fn sliced_validation_agrees_with_xmllint_on_pacemakers_cibs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pacemaker-cibs");
    if !dir.is_dir() {
        return skip("../shared/pacemaker-cibs not found");
    }
    if !grammar_installed("sliced_validation_agrees_with_xmllint_on_pacemakers_cibs") {
        return;
    }
    if Command::new("xmllint").arg("--version").output().is_err() {
        return skip(
            "sliced_validation_agrees_with_xmllint_on_pacemakers_cibs: xmllint not installed",
        );
    }
    let schemas = crmtool::schema::schema_dir();
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    names.sort();
    // One xmllint run per schema: it validates many files at once.
    let mut by_schema: std::collections::BTreeMap<String, Vec<(PathBuf, crmtool::cib::Cib)>> =
        Default::default();
    for (i, path) in names.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("readable");
        let Ok(mut cib) = crmtool::cib::Cib::parse(&text) else {
            continue;
        };
        // The status section is Pacemaker's, not validated by us.
        cib.root
            .children
            .retain(|n| !matches!(n, crmtool::xml::Node::Element(e) if e.name == "status"));
        let whole = tmp.path().join(format!("{i}.xml"));
        std::fs::write(&whole, cib.to_xml()).expect("write");
        by_schema
            .entry(cib.schema().name)
            .or_default()
            .push((whole, cib));
    }
    let (mut valid, mut invalid, mut failures) = (0, 0, Vec::new());
    for (schema, cibs) in &by_schema {
        let rng = schemas.join(format!("{schema}.rng"));
        let o = Command::new("xmllint")
            .args(["--noout", "--relaxng"])
            .arg(&rng)
            .args(cibs.iter().map(|(p, _)| p))
            .output()
            .expect("xmllint runs");
        let report = String::from_utf8_lossy(&o.stderr);
        for (path, cib) in cibs {
            let theirs = report.contains(&format!("{} validates", path.display()));
            let ours = crmtool::schema::relaxng(cib);
            if ours.is_ok() != theirs {
                failures.push(format!(
                    "{}: xmllint {} but ours {:?}",
                    path.display(),
                    if theirs { "accepts" } else { "refuses" },
                    ours.err().map(|e| e.to_string()),
                ));
            }
            // Our reference checks refuse nothing Pacemaker accepts.
            if theirs {
                if let Err(e) = crmtool::schema::check_commit(cib, None) {
                    failures.push(format!(
                        "{}: valid, but our checks say: {e}",
                        path.display()
                    ));
                }
                valid += 1;
            } else {
                invalid += 1;
            }
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "pacemaker-cibs: {valid} valid, {invalid} invalid, {} disagreements",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(valid > 300, "only {valid} valid CIBs");
}

/// `configure verify` runs the same checks on a CIB edited by hand.
#[test]
fn verify_names_what_the_grammar_refuses_in_a_hand_edited_cib() {
    if !grammar_installed("verify_names_what_the_grammar_refuses_in_a_hand_edited_cib") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = base_cib(dir.path());
    let text = std::fs::read_to_string(&cib).expect("read");
    let edited = text.replacen(
        "<primitive id=\"base\"",
        "<primitive id=\"base\" bogus=\"1\"",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&cib, &edited).expect("write");
    let o = crm(&cib, &["configure", "verify"], &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("primitive base does not conform to the pacemaker-3.9 schema"),
        "{err}"
    );
    // A commit on top of it is refused too: the file stays as it was.
    let o = crm(&cib, &["configure", "primitive", "other", "Dummy"], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&cib).expect("read"), edited);
}
