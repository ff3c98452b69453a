//! Each `options` preference honoured by the commands it affects, as
//! crmsh 4.4 (/usr/sbin/crm, the oracle) honours it: the same script
//! through `crm -f -` of both, on CIB files of their own in homes of
//! their own, must leave the same CIB and print the same text (crmsh's
//! INFO/WARNING lines, which it writes to stdout, aside). The `editor`
//! option is tested in tests/template_level.rs.

mod support;
use support::strip_ansi;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const CRM: &str = env!("CARGO_BIN_EXE_crm");
const CRMSH: &str = "/usr/sbin/crm";

struct Side {
    home: PathBuf,
    cib: PathBuf,
}

struct Pair {
    _dir: tempfile::TempDir,
    ours: Side,
    theirs: Side,
}

/// A home and an empty CIB (fencing off) for each, or `None` (said
/// visibly) without crmsh or Pacemaker's tools.
fn setup(test: &str) -> Option<Pair> {
    if !Path::new(CRMSH).exists() {
        support::skip(test, "crmsh (/usr/sbin/crm), the oracle, is not installed");
        return None;
    }
    let empty = Command::new("cibadmin").arg("--empty").output().ok();
    let Some(empty) = empty.filter(|o| o.status.success()) else {
        support::skip(test, "cibadmin (Pacemaker's CLI tools) is not installed");
        return None;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let side = |name: &str| {
        let home = dir.path().join(name);
        std::fs::create_dir(&home).expect("home");
        let cib = dir.path().join(format!("{name}.xml"));
        std::fs::write(&cib, &empty.stdout).expect("cib");
        Side { home, cib }
    };
    let (ours, theirs) = (side("ours"), side("crmsh"));
    let pair = Pair {
        _dir: dir,
        ours,
        theirs,
    };
    both(&pair, "configure property stonith-enabled=false\n", &["-F"]);
    Some(pair)
}

/// What a run printed: stdout without INFO/WARNING lines, the ERROR
/// lines (wherever they went, without our source excerpt), exit code.
#[derive(Debug, PartialEq)]
struct Said {
    out: String,
    errors: Vec<String>,
    code: i32,
}

fn shell(program: &str, side: &Side, script: &str, flags: &[&str]) -> Said {
    use std::io::Write;
    let mut child = Command::new(program)
        .args(flags)
        .args(["-f", "-"])
        .env("CIB_file", &side.cib)
        .env("HOME", &side.home)
        .env("XDG_CONFIG_HOME", side.home.join(".config"))
        .env_remove("CIB_shadow")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crm runs");
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(script.as_bytes());
    }
    let o = child.wait_with_output().expect("crm ends");
    let stdout = strip_ansi(&String::from_utf8_lossy(&o.stdout));
    let stderr = strip_ansi(&String::from_utf8_lossy(&o.stderr));
    let note = |l: &str| l.starts_with("INFO: ") || l.starts_with("WARNING: ");
    let mut errors = Vec::new();
    for l in stderr.lines().chain(stdout.lines()) {
        if let Some(text) = l.strip_prefix("ERROR: ") {
            // crmsh's scheduler chatter on a CIB file (no quorum there).
            if text.starts_with("(cluster_status)") {
                continue;
            }
            // Ours names the script's line first (`<stdin>:7:1: `).
            let text = match text.split_once(": ") {
                Some((at, rest)) if at.contains(':') && !at.contains(' ') => rest,
                _ => text,
            };
            // Ours sums a refused commit up in a line of its own.
            if text.starts_with("the configuration has ") {
                continue;
            }
            errors.push(text.to_string());
        }
    }
    Said {
        out: stdout.split_inclusive('\n').filter(|l| !note(l)).collect(),
        errors,
        code: o.status.code().unwrap_or(-1),
    }
}

/// The same script through both; both said the same. Ours is returned.
fn both(p: &Pair, script: &str, flags: &[&str]) -> Said {
    let a = shell(CRM, &p.ours, script, flags);
    let b = shell(CRMSH, &p.theirs, script, flags);
    assert_eq!(a, b, "ours / crmsh for:\n{script}");
    a
}

/// The configuration both CIBs hold now, as our `show` prints it.
fn same_cib(p: &Pair) -> String {
    let show = |side: &Side| {
        let o = Command::new(CRM)
            .args(["configure", "show"])
            .env("CIB_file", &side.cib)
            .env("HOME", &side.home)
            .env("XDG_CONFIG_HOME", side.home.join(".config"))
            .output()
            .expect("crm runs");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let ours = show(&p.ours);
    assert_eq!(ours, show(&p.theirs));
    ours
}

#[test]
fn sort_elements_orders_show() {
    let Some(p) = setup("sort_elements_orders_show") else {
        return;
    };
    let said = both(
        &p,
        "options sort-elements no\n\
         configure primitive zz ocf:pacemaker:Dummy\n\
         configure primitive aa ocf:pacemaker:Dummy\n\
         configure show\n\
         options sort-elements yes\n\
         configure show\n",
        &[],
    );
    let zz = "primitive zz ocf:pacemaker:Dummy\nprimitive aa ocf:pacemaker:Dummy\n";
    let aa = "primitive aa ocf:pacemaker:Dummy\nprimitive zz ocf:pacemaker:Dummy\n";
    let (first, second) = said.out.split_at(said.out.len() / 2);
    assert!(first.starts_with(zz), "{}", said.out);
    assert!(second.starts_with(aa), "{}", said.out);
}

#[test]
fn check_mode_relaxed_lets_errors_through() {
    let Some(p) = setup("check_mode_relaxed_lets_errors_through") else {
        return;
    };
    let said = both(
        &p,
        "configure primitive p1 ocf:pacemaker:Dummy params nosuchparam=1\n\
         options check-mode relaxed\n\
         configure primitive p2 ocf:pacemaker:Dummy params nosuchparam=1\n\
         configure verify\n",
        &[],
    );
    assert!(said
        .errors
        .contains(&"p2: parameter \"nosuchparam\" is not known".to_string()));
    let cib = same_cib(&p);
    assert!(!cib.contains("primitive p1"), "{cib}");
    assert!(cib.contains("primitive p2"), "{cib}");
}

#[test]
fn check_frequency_never_skips_the_checks() {
    let Some(p) = setup("check_frequency_never_skips_the_checks") else {
        return;
    };
    let said = both(
        &p,
        "options check-frequency never\n\
         configure primitive p3 ocf:pacemaker:Dummy params nosuchparam=1\n\
         options check-frequency on-verify\n\
         configure primitive p4 ocf:pacemaker:Dummy params nosuchparam=1\n\
         configure verify\n",
        &[],
    );
    // `never` committed p3 without a word; `on-verify` still checks a
    // commit (and `verify` finds p3).
    assert_eq!(
        said.errors
            .iter()
            .filter(|e| e.contains("p3: parameter"))
            .count(),
        1,
        "{:?}",
        said.errors
    );
    let cib = same_cib(&p);
    assert!(cib.contains("primitive p3"), "{cib}");
    assert!(!cib.contains("primitive p4"), "{cib}");
    assert_eq!(said.code, 1);
}

#[test]
fn skill_level_operator_refuses_administrators_commands() {
    let Some(p) = setup("skill_level_operator_refuses_administrators_commands") else {
        return;
    };
    let said = both(
        &p,
        "configure primitive p1 ocf:pacemaker:Dummy\n\
         options skill-level operator\n\
         configure primitive p2 ocf:pacemaker:Dummy\n\
         configure show p1\n\
         resource stop p1\n\
         options skill-level administrator\n\
         configure primitive p3 ocf:pacemaker:Dummy\n\
         configure role r1 read xpath:/cib\n\
         options skill-level expert\n",
        &[],
    );
    assert_eq!(
        said.errors,
        [
            "configure.primitive: ACL administrator skill level required",
            "configure.show: ACL administrator skill level required",
            "configure.role: ACL expert skill level required",
        ]
    );
    let cib = same_cib(&p);
    assert!(
        !cib.contains("primitive p2") && cib.contains("primitive p3"),
        "{cib}"
    );
    // The operator's `resource stop` ran.
    assert!(cib.contains("target-role=Stopped"), "{cib}");
}

#[test]
fn add_quotes_keeps_a_value_with_blanks_whole() {
    let Some(p) = setup("add_quotes_keeps_a_value_with_blanks_whole") else {
        return;
    };
    // One-shot words as a shell leaves them: `fake=a b` is one word.
    for (side, program) in [(&p.ours, CRM), (&p.theirs, CRMSH)] {
        let run = |args: &[&str]| {
            Command::new(program)
                .args(args)
                .env("CIB_file", &side.cib)
                .env("HOME", &side.home)
                .env("XDG_CONFIG_HOME", side.home.join(".config"))
                .stdin(Stdio::null())
                .output()
                .expect("crm runs")
        };
        let o = run(&[
            "configure",
            "primitive",
            "p1",
            "ocf:pacemaker:Dummy",
            "params",
            "fake=a b",
        ]);
        assert!(o.status.success(), "{program}: {o:?}");
        assert!(run(&["options", "add-quotes", "no"]).status.success());
        // Unquoted, `b` is a parameter of its own, which Dummy lacks.
        let o = run(&[
            "configure",
            "primitive",
            "p2",
            "ocf:pacemaker:Dummy",
            "params",
            "fake=c d",
        ]);
        assert_eq!(o.status.code(), Some(1), "{program}: {o:?}");
        let err = strip_ansi(&String::from_utf8_lossy(&o.stderr));
        assert!(
            err.contains("p2: parameter \"d\" is not known"),
            "{program}: {err}"
        );
    }
    let cib = same_cib(&p);
    assert!(cib.contains("params fake=\"a b\""), "{cib}");
    assert!(!cib.contains("p2"), "{cib}");
}

/// stdout of a script, colours kept (`NO_COLOR` removed), stderr dropped.
fn raw(program: &str, side: &Side, script: &str) -> String {
    use std::io::Write;
    let mut child = Command::new(program)
        .args(["-f", "-"])
        .env("CIB_file", &side.cib)
        .env("HOME", &side.home)
        .env("XDG_CONFIG_HOME", side.home.join(".config"))
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("crm runs");
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(script.as_bytes());
    }
    let o = child.wait_with_output().expect("crm ends");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn output_chooses_the_colours_of_show() {
    let Some(p) = setup("output_chooses_the_colours_of_show") else {
        return;
    };
    both(&p, "configure primitive p1 ocf:pacemaker:Dummy\n", &[]);
    for (style, coloured) in [("color-always", true), ("plain", false)] {
        let script = format!("options output {style}\nconfigure show p1\n");
        let ours = raw(CRM, &p.ours, &script);
        let theirs = raw(CRMSH, &p.theirs, &script);
        assert_eq!(ours, theirs, "{style}");
        assert_eq!(ours.contains('\u{1b}'), coloured, "{style}: {ours:?}");
    }
}

#[test]
fn manage_children_decides_for_the_members() {
    let Some(p) = setup("manage_children_decides_for_the_members") else {
        return;
    };
    both(
        &p,
        "configure primitive p1 ocf:pacemaker:Dummy meta target-role=Stopped\n\
         configure primitive p2 ocf:pacemaker:Dummy meta target-role=Stopped\n\
         configure group g p1 p2\n",
        &[],
    );
    // `ask` with nobody to ask: the members keep theirs.
    both(&p, "resource start g\n", &[]);
    let cib = same_cib(&p);
    assert_eq!(cib.matches("target-role=Stopped").count(), 2, "{cib}");
    // `always`: the members lose theirs.
    both(
        &p,
        "options manage-children always\nresource start g\n",
        &[],
    );
    let cib = same_cib(&p);
    assert!(!cib.contains("target-role=Stopped"), "{cib}");
    // `never`: a member's own stays.
    both(
        &p,
        "resource stop p1\noptions manage-children never\nresource stop g\nresource start g\n",
        &[],
    );
    let cib = same_cib(&p);
    assert!(
        cib.contains("primitive p1 ocf:pacemaker:Dummy \\\n\tmeta target-role=Stopped"),
        "{cib}"
    );
}

/// crmsh 4.4's manual: the six places of `colorscheme` colour keywords,
/// ids, attribute names, attribute values, resource references and
/// scores (crmsh 4.4 itself keeps nothing of it). Ours gives the bytes
/// crmsh prints after setting the same `[color]` options one by one.
#[test]
fn colorscheme_sets_the_colours_its_manual_lists() {
    let Some(p) = setup("colorscheme_sets_the_colours_its_manual_lists") else {
        return;
    };
    both(
        &p,
        "configure primitive p1 ocf:pacemaker:Dummy params state=/run/p1 op monitor interval=10s\n\
         configure primitive p2 ocf:pacemaker:Dummy\n\
         configure location l1 p1 100: node1\n\
         configure colocation c1 inf: p2 p1\n",
        &[],
    );
    let show = "options output color-always\nconfigure show\n";
    let before = raw(CRM, &p.ours, show);
    let ours = raw(
        CRM,
        &p.ours,
        &format!("options colorscheme blue,green,,magenta,red,cyan\n{show}"),
    );
    let set: String = [
        ("keyword", "blue"),
        ("identifier", "green"),
        ("attr_value", "magenta"),
        ("resource_reference", "red"),
        ("id_reference", "red"),
        ("score", "cyan"),
        ("ticket", "cyan"),
    ]
    .iter()
    .map(|(name, colour)| format!("options set color.{name} {colour}\n"))
    .collect();
    let theirs = raw(CRMSH, &p.theirs, &format!("{set}{show}"));
    assert_eq!(ours, theirs);
    // the scheme changed something, and (a line that enters and leaves
    // the level saves, as crmsh saves) it stays
    assert_ne!(ours, before);
    assert_eq!(raw(CRM, &p.ours, show), ours);
    // a one-shot run saves it too
    let keyword = |side: &Side| raw(CRM, side, "options show color.keyword\n");
    let saved = Command::new(CRM)
        .args(["options", "colorscheme", "blue,green"])
        .env("HOME", &p.ours.home)
        .env("XDG_CONFIG_HOME", p.ours.home.join(".config"))
        .output()
        .expect("crm runs");
    assert!(saved.status.success(), "{saved:?}");
    assert_eq!(keyword(&p.ours), "color.keyword = blue\n");
    // a bad colour, or a seventh place, changes nothing
    for bad in ["red,nocolour", "red,red,red,red,red,red,red"] {
        let refused = Command::new(CRM)
            .args(["options", "colorscheme", bad])
            .env("HOME", &p.ours.home)
            .env("XDG_CONFIG_HOME", p.ours.home.join(".config"))
            .output()
            .expect("crm runs");
        assert!(!refused.status.success(), "{bad}");
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("ERROR: options.colorscheme:"),
            "{refused:?}"
        );
        assert_eq!(keyword(&p.ours), "color.keyword = blue\n", "{bad}");
    }
}
