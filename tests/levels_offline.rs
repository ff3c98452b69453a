//! The levels other than configure, offline: each case of
//! `tests/levels/offline/` runs its commands in turn with our crm on a
//! copy of `tests/levels/base.xml` (through `CIB_file`), and the
//! transcript (exit status, stdout, INFO/WARNING lines) and the CIB
//! afterwards must be what crmsh 4.4 gave for the same commands
//! (`NAME.out` and `NAME.xml`, recorded by `tests/levels/record-crmsh.sh`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/levels")
}

/// A tool a case needs that this machine may lack.
fn missing_tool() -> Option<&'static str> {
    for tool in ["crm_resource", "crm_attribute", "crm_ticket", "cibadmin"] {
        let found = std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()));
        if !found {
            return Some(tool);
        }
    }
    None
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Our transcript of one case, and the CIB it leaves.
fn run_ours(name: &str) -> (String, String) {
    let here = here();
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    std::fs::copy(here.join("base.xml"), &cib).expect("copy base.xml");
    let shadow = dir.path().join("shadow");
    std::fs::create_dir(&shadow).expect("shadow dir");
    let cmds =
        std::fs::read_to_string(here.join("offline").join(format!("{name}.cmds"))).expect("cmds");
    let at = here.display().to_string();
    let mut out = String::new();
    for line in cmds.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.replace('@', &at);
        let o = Command::new(env!("CARGO_BIN_EXE_crm"))
            .args(line.split_whitespace())
            .env("CIB_file", &cib)
            .env("CIB_shadow_dir", &shadow)
            .env("HOME", dir.path())
            .env_remove("CIB_shadow")
            .stdin(Stdio::null())
            .output()
            .expect("crm runs");
        out.push_str(&format!("$ crm {}\n", line.replace(&at, "@")));
        out.push_str(&format!("rc={}\n", o.status.code().unwrap_or(-1)));
        out.push_str(&strip_ansi(&String::from_utf8_lossy(&o.stdout)));
        for l in strip_ansi(&String::from_utf8_lossy(&o.stderr)).lines() {
            if l.starts_with("INFO: ") || l.starts_with("WARNING: ") {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    (out, std::fs::read_to_string(&cib).expect("cib"))
}

/// The CIB without what changes on every write (epochs, who wrote it
/// when) and without layout whitespace.
fn normal(xml: &str) -> String {
    let mut root = crmtool::xml::parse(xml).expect("a CIB");
    for a in [
        "epoch",
        "num_updates",
        "admin_epoch",
        "cib-last-written",
        "update-origin",
        "update-client",
        "update-user",
        "have-quorum",
        "dc-uuid",
    ] {
        root.remove_attr(a);
    }
    fn drop_blank(e: &mut crmtool::xml::Element) {
        e.children
            .retain(|n| !matches!(n, crmtool::xml::Node::Text(t) if t.trim().is_empty()));
        for c in e.elements_mut() {
            drop_blank(c);
        }
    }
    drop_blank(&mut root);
    // When a ticket was last granted is the clock's.
    fn drop_clock(e: &mut crmtool::xml::Element) {
        if e.name.as_str() == "ticket_state" {
            e.remove_attr("last-granted");
        }
        for c in e.elements_mut() {
            drop_clock(c);
        }
    }
    drop_clock(&mut root);
    crmtool::xml::to_pretty(&root)
}

fn check(name: &str) {
    if let Some(tool) = missing_tool() {
        eprintln!("skipped: levels_offline {name}: {tool} is not installed");
        return;
    }
    let dir = here().join("offline");
    let want_out = std::fs::read_to_string(dir.join(format!("{name}.out"))).expect("NAME.out");
    let want_cib = std::fs::read_to_string(dir.join(format!("{name}.xml"))).expect("NAME.xml");
    let (out, cib) = run_ours(name);
    if let Some(d) = std::env::var_os("LEVELS_DUMP") {
        let d = Path::new(&d);
        let _ = std::fs::write(d.join(format!("{name}.out")), &out);
        let _ = std::fs::write(d.join(format!("{name}.ours.xml")), normal(&cib));
        let _ = std::fs::write(d.join(format!("{name}.want.xml")), normal(&want_cib));
    }
    assert_eq!(out, want_out, "{name}: the transcript differs from crmsh's");
    assert_eq!(
        normal(&cib),
        normal(&want_cib),
        "{name}: the CIB differs from crmsh's"
    );
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*
        /// Every case file has its test.
        #[test]
        fn every_case_is_run() {
            let listed = [$(stringify!($name)),*];
            let mut found = Vec::new();
            for e in std::fs::read_dir(here().join("offline")).expect("offline dir") {
                let p = e.expect("entry").path();
                if p.extension().is_some_and(|x| x == "cmds") {
                    found.push(p.file_stem().expect("stem").to_string_lossy().into_owned());
                }
            }
            found.sort();
            let mut listed: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
            listed.sort();
            assert_eq!(found, listed);
        }
    };
}

cases!(
    cib_shadow,
    maintenance_level,
    node_admin,
    node_attributes,
    ra_validate,
    resource_attributes,
    resource_failcount,
    resource_maintenance,
    resource_move_ban,
    resource_promote,
    resource_start_stop,
    resource_status,
    resource_trace,
    resource_trace_errors,
    site_ticket,
);
