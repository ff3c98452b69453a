//! Colour in `configure show`: the same bytes as crmsh's `-D color`
//! (keywords, ids, attribute names and values, references, scores,
//! tickets in crm.conf's colours, the terminal's codes), plain when
//! stdout is no terminal unless forced (`color-always`), and plain under
//! `NO_COLOR`. crmsh is the oracle: `/usr/sbin/crm` run on the same CIB.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CRMSH: &str = "/usr/sbin/crm";

/// CIBs of the shared corpus that crmsh shows without complaint and
/// that hold every kind of statement colour treats differently: rules
/// with roles and scores, resource sets, tickets, bundles, raw xml,
/// alerts, templates, utilization, fencing topology.
const CIBS: &[&str] = &[
    "rsc-sets-promoted",
    "failcount",
    "remote-reconnect-delay",
    "notifs-for-unrunnable",
    "ticket-clone-15",
    "ticket-promoted-22",
    "coloc-with-inner-group-member",
    "bundle-order-fencing",
    "utilization-order1",
    "date-2",
    "template-1",
    "template-3",
    "order-serialize-set",
    "bug-cl-5212",
];

fn cibs() -> Vec<PathBuf> {
    let mut out = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/completion/cib.xml")];
    if let Some(dir) = support::shared("pacemaker-cibs") {
        out.extend(
            CIBS.iter()
                .map(|n| dir.join(format!("{n}.xml")))
                .filter(|p| p.is_file()),
        );
    }
    out
}

/// `PROGRAM ARGS` with the CIB in a private copy, a private HOME (no
/// user crm.conf) and `TERM=xterm`.
fn run(program: &str, cib: &Path, home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let copy = home.join("cib.xml");
    std::fs::copy(cib, &copy).expect("copy CIB");
    let mut c = Command::new(program);
    c.args(args)
        .env("CIB_file", &copy)
        .env("HOME", home)
        .env("TERM", "xterm")
        .env("PAGER", "cat")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("runs")
}

fn crmsh_here(test: &str) -> bool {
    if Path::new(CRMSH).is_file() {
        return true;
    }
    support::skip(test, "crmsh (/usr/sbin/crm) is not installed");
    false
}

#[test]
fn color_always_gives_crmsh_bytes() {
    if !crmsh_here("color_always_gives_crmsh_bytes") {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let list = cibs();
    let mut colored = 0;
    for cib in &list {
        let args = ["-D", "color-always", "configure", "show"];
        let want = run(CRMSH, cib, home.path(), &args, &[]);
        let got = run(env!("CARGO_BIN_EXE_crm"), cib, home.path(), &args, &[]);
        assert!(
            got.status.success(),
            "{}",
            String::from_utf8_lossy(&got.stderr)
        );
        let want = String::from_utf8_lossy(&want.stdout).into_owned();
        let got = String::from_utf8_lossy(&got.stdout).into_owned();
        assert!(
            want.contains("\x1b[33m"),
            "crmsh coloured {}",
            cib.display()
        );
        assert_eq!(
            got.trim_end(),
            want.trim_end(),
            "colours of {} differ from crmsh's",
            cib.display()
        );
        colored += 1;
    }
    assert!(colored >= 10 || list.len() == 1, "{colored} CIBs compared");
    println!("{colored} CIBs coloured as crmsh colours them");
}

#[test]
fn color_is_plain_off_a_terminal_and_under_no_color() {
    if !crmsh_here("color_is_plain_off_a_terminal_and_under_no_color") {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let cib = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/completion/cib.xml");
    let crm = env!("CARGO_BIN_EXE_crm");
    let plain = run(crm, &cib, home.path(), &["configure", "show"], &[]);
    // `-D color` with stdout a pipe: plain, as crmsh's.
    let want = run(
        CRMSH,
        &cib,
        home.path(),
        &["-D", "color", "configure", "show"],
        &[],
    );
    let got = run(
        crm,
        &cib,
        home.path(),
        &["-D", "color", "configure", "show"],
        &[],
    );
    assert!(!want.stdout.contains(&0x1b), "crmsh coloured a pipe");
    assert_eq!(got.stdout, want.stdout);
    assert_eq!(got.stdout, plain.stdout);
    // NO_COLOR (our addition) wins even over color-always.
    let args = ["-D", "color-always", "configure", "show"];
    let got = run(crm, &cib, home.path(), &args, &[("NO_COLOR", "1")]);
    assert_eq!(got.stdout, plain.stdout);
    // crm.conf's style is what -D overrides.
    let conf = home.path().join(".config/crm");
    std::fs::create_dir_all(&conf).expect("conf dir");
    std::fs::write(conf.join("crm.conf"), "[color]\nstyle = color-always\n").expect("conf");
    let want = run(CRMSH, &cib, home.path(), &["configure", "show"], &[]);
    let got = run(crm, &cib, home.path(), &["configure", "show"], &[]);
    assert!(want.stdout.contains(&0x1b), "crmsh coloured by crm.conf");
    assert_eq!(got.stdout, want.stdout);
    let got = run(
        crm,
        &cib,
        home.path(),
        &["-D", "plain", "configure", "show"],
        &[],
    );
    assert_eq!(got.stdout, plain.stdout);
}

#[test]
fn color_on_a_terminal_is_crmsh_s() {
    let test = "color_on_a_terminal_is_crmsh_s";
    if !crmsh_here(test) {
        return;
    }
    if !support::have("script", "--version") {
        support::skip(test, "script (util-linux) is not installed");
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let cib = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/completion/cib.xml");
    // Under a pseudo-terminal (script), `-D color` colours; the default
    // style (crm.conf's `color`) does too, as crmsh's.
    let on_tty = |program: &str, display: &str| -> String {
        let line = format!("{program} {display} configure show");
        let o = run(
            "script",
            &cib,
            home.path(),
            &["-qec", &line, "/dev/null"],
            &[],
        );
        String::from_utf8_lossy(&o.stdout).replace("\r\n", "\n")
    };
    for display in ["-D color", ""] {
        let want = on_tty(CRMSH, display);
        let got = on_tty(env!("CARGO_BIN_EXE_crm"), display);
        assert!(
            want.contains("\x1b[33mprimitive"),
            "crmsh {display}: {want:?}"
        );
        assert_eq!(got.trim_end(), want.trim_end(), "{display}");
    }
}
