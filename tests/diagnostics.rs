//! Diagnostics a person can act on: a did-you-mean for misspelt commands
//! and subcommands at every level and in every mode (one wording, with
//! file:line in scripts), every error of a file in one run, and the
//! hints for a blank line after a continuation, typographic quotes and a
//! spreadsheet given to crm.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const CRM: &str = env!("CARGO_BIN_EXE_crm");

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn crm(cib: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    use std::io::Write;
    let mut child = Command::new(CRM)
        .args(args)
        .env("CIB_file", cib)
        .env("XDG_CONFIG_HOME", cib.with_extension("config"))
        .env("XDG_CACHE_HOME", cib.with_extension("cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crm runs");
    if let Some(mut s) = child.stdin.take() {
        let _ = s.write_all(stdin.unwrap_or("").as_bytes());
    }
    let o: Output = child.wait_with_output().expect("crm ends");
    Run {
        status: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let r = crm(&cib, &["configure", "node", "node1"], None);
    assert_eq!(r.status, 0, "{}", r.stderr);
    (dir, cib)
}

/// The `ERROR:` lines of a run.
fn errors(r: &Run) -> Vec<&str> {
    r.stderr
        .lines()
        .filter(|l| l.starts_with("ERROR: "))
        .collect()
}

#[test]
fn misspelt_commands_get_the_closest_one_at_every_level() {
    let (_dir, cib) = setup();
    // (words, the misspelt word, what it should have been)
    let cases: &[(&[&str], &str, &str)] = &[
        (&["confgure", "show"], "confgure", "configure"),
        (&["stauts"], "stauts", "status"),
        (&["configure", "shw"], "shw", "show"),
        (&["configure", "comit"], "comit", "commit"),
        (&["node", "standy", "node1"], "standy", "standby"),
        (&["resource", "stp", "p1"], "stp", "stop"),
        (&["resource", "cleanpu", "p1"], "cleanpu", "cleanup"),
        (&["ra", "clases"], "clases", "classes"),
        (&["cib", "lst"], "lst", "list"),
    ];
    for (args, word, meant) in cases {
        let message = format!("ERROR: {word}: No such command");
        let hint = format!("help: did you mean '{meant}'?");
        // One-shot.
        let r = crm(&cib, args, None);
        assert_eq!(r.status, 1, "crm {args:?}");
        assert!(r.stderr.contains(&message), "crm {args:?}:\n{}", r.stderr);
        assert!(r.stderr.contains(&hint), "crm {args:?}:\n{}", r.stderr);
        // A script on stdin, and the same through -f: same words, with
        // the file and line.
        let script = format!("# a script\n{}\n", args.join(" "));
        let r = crm(&cib, &[], Some(&script));
        assert_eq!(r.status, 1, "stdin {args:?}");
        assert!(r.stderr.contains(&hint), "stdin {args:?}:\n{}", r.stderr);
        let file = cib.with_file_name("script.crm");
        std::fs::write(&file, &script).expect("script written");
        let name = file.display().to_string();
        let r = crm(&cib, &["-f", &name], None);
        assert_eq!(r.status, 1, "-f {args:?}");
        let located = format!("ERROR: {name}:2:");
        let line = errors(&r).join("\n");
        assert!(
            line.contains(&located) && line.contains(&format!("{word}: No such command")),
            "-f {args:?}:\n{}",
            r.stderr
        );
        assert!(r.stderr.contains(&hint), "-f {args:?}:\n{}", r.stderr);
    }
}

#[test]
fn misspelt_subcommands_get_the_closest_one() {
    let (_dir, cib) = setup();
    let r = crm(
        &cib,
        &["node", "attribute", "node1", "sett", "rack", "r1"],
        None,
    );
    assert_eq!(r.status, 1);
    assert!(
        r.stderr
            .contains("expected set, delete or show, found 'sett'"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean 'set'?"), "{}", r.stderr);
    let file = cib.with_file_name("x.crm");
    std::fs::write(&file, "primitive p Dummy\n").expect("written");
    let r = crm(
        &cib,
        &["configure", "load", "updat", &file.display().to_string()],
        None,
    );
    assert!(r.stderr.contains("did you mean 'update'?"), "{}", r.stderr);
    // A known command with the wrong arguments shows its usage.
    let r = crm(&cib, &["configure", "rename", "only-one"], None);
    assert!(
        r.stderr.contains("configure rename: wrong arguments"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("usage: rename OLD NEW"), "{}", r.stderr);
}

#[test]
fn resource_clear_takes_a_node() {
    let (_dir, cib) = setup();
    let ok = |args: &[&str]| {
        let r = crm(&cib, args, None);
        assert_eq!(r.status, 0, "crm {args:?}: {}", r.stderr);
        r
    };
    ok(&["configure", "node", "node2"]);
    ok(&["configure", "primitive", "p1", "ocf:pacemaker:Dummy"]);
    if crm(&cib, &["resource", "ban", "p1", "node1"], None).status != 0 {
        support::skip(
            "resource_clear_takes_a_node",
            "crm_resource is not installed",
        );
        return;
    }
    ok(&["resource", "ban", "p1", "node2"]);
    ok(&["resource", "clear", "p1", "node1"]);
    let shown = ok(&["configure", "show"]).stdout;
    assert!(!shown.contains("cli-ban-p1-on-node1"), "{shown}");
    assert!(shown.contains("cli-ban-p1-on-node2"), "{shown}");
    ok(&["resource", "unban", "p1"]);
    assert!(!ok(&["configure", "show"]).stdout.contains("cli-ban"));
}

#[test]
fn every_error_of_a_file_in_one_run() {
    let (_dir, cib) = setup();
    let before = std::fs::read_to_string(&cib).expect("cib");
    // 25 bad statements between good ones: 20 are shown, the rest counted.
    let mut text = String::new();
    for i in 0..25 {
        text.push_str(&format!("primitive ok{i} Dummy\nprimitiv bad{i} Dummy\n"));
    }
    let file = cib.with_file_name("many.crm");
    std::fs::write(&file, &text).expect("written");
    let name = file.display().to_string();
    let r = crm(&cib, &["configure", "load", "update", &name], None);
    assert_eq!(r.status, 1);
    let errs = errors(&r);
    assert_eq!(errs.len(), 21, "{}", r.stderr);
    for (i, e) in errs.iter().take(20).enumerate() {
        let at = format!(
            "ERROR: {name}:{}:1: syntax: Unknown command near primitiv",
            2 * i + 2
        );
        assert_eq!(*e, at);
    }
    assert_eq!(errs[20], "ERROR: 5 more errors not shown");
    // Nothing was applied.
    assert_eq!(std::fs::read_to_string(&cib).expect("cib"), before);
}

#[test]
fn the_2010_slide_reports_all_its_typographic_quotes_at_once() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/docs/seed-examples/ipaddr-repl.txt");
    let Ok(session) = std::fs::read_to_string(&path) else {
        support::skip(
            "the_2010_slide_reports_all_its_typographic_quotes_at_once",
            "../shared/docs/seed-examples/ipaddr-repl.txt not found",
        );
        return;
    };
    let (_dir, cib) = setup();
    let quotes = session.matches(['“', '”']).count();
    assert_eq!(quotes, 4);
    // As a script: the statement's four quotes, each located, in one run.
    let r = crm(&cib, &[], Some(&session));
    let errs = errors(&r);
    let smart: Vec<&&str> = errs
        .iter()
        .filter(|l| l.contains("typographic quote"))
        .collect();
    assert_eq!(smart.len(), quotes, "{}", r.stderr);
    // Lines 3, 5, 6 and 7 of the slide hold them.
    for (e, line) in smart.iter().zip([3, 5, 6, 7]) {
        assert!(e.starts_with(&format!("ERROR: <stdin>:{line}:")), "{e}");
    }
    // The hint is given once, not four times.
    assert_eq!(
        r.stderr.matches("type a plain \" instead").count(),
        1,
        "{}",
        r.stderr
    );
}

#[test]
fn a_blank_line_after_a_continuation_is_pointed_out() {
    let (_dir, cib) = setup();
    let text = "primitive p1 Dummy \\\n\nop monitor interval=10s\n";
    let file = cib.with_file_name("pdf.crm");
    std::fs::write(&file, text).expect("written");
    let name = file.display().to_string();
    let hint = "line 1 ends with a continuation";
    let r = crm(&cib, &["configure", "load", "update", &name], None);
    assert_eq!(r.status, 1);
    assert!(
        r.stderr.contains(&format!(
            "ERROR: {name}:3:1: syntax: Unknown command near op"
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(hint), "{}", r.stderr);
    // The same in a script (`¥` this time).
    let script = format!("configure\n{}", text.replace('\\', "¥"));
    let r = crm(&cib, &[], Some(&script));
    assert!(
        r.stderr.contains("line 2 ends with a continuation"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_spreadsheet_given_to_crm_points_to_pm_crmgen() {
    let (_dir, cib) = setup();
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for sheet in ["example-pgsql.csv", "example-pgsql.xlsx"] {
        let path = templates.join(sheet).display().to_string();
        let bytes = std::fs::read(&path).expect("template");
        for r in [
            crm(&cib, &["configure", "load", "update", &path], None),
            crm(&cib, &["-f", &path], None),
            crm(&cib, &[], Some(&String::from_utf8_lossy(&bytes))),
        ] {
            assert_eq!(r.status, 1);
            assert!(r.stderr.contains("looks like"), "{sheet}: {}", r.stderr);
            assert!(
                r.stderr.contains("pm_crmgen -o cluster.crm"),
                "{sheet}: {}",
                r.stderr
            );
            // No screen of bytes.
            assert!(r.stderr.lines().count() <= 3, "{sheet}: {}", r.stderr);
        }
    }
}
