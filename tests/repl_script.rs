//! `crm -f FILE` and `crm < FILE`: the shell's commands without a
//! terminal — no prompts, no questions, exit status 1 when a command failed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const CRM: &str = env!("CARGO_BIN_EXE_crm");

fn with_file(cib: &Path, script: &str) -> Output {
    let dir = cib.parent().expect("dir");
    let file = dir.join("script.crm");
    std::fs::write(&file, script).expect("write script");
    Command::new(CRM)
        .arg("-f")
        .arg(&file)
        .env("CIB_file", cib)
        .stdin(Stdio::null())
        .output()
        .expect("crm runs")
}

fn with_stdin(cib: &Path, script: &str) -> Output {
    let mut child = Command::new(CRM)
        .env("CIB_file", cib)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crm runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("crm ends")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn cib_text(cib: &Path) -> String {
    std::fs::read_to_string(cib).unwrap_or_default()
}

const SETUP: &str = "configure\nproperty stonith-enabled=false\n";

#[test]
fn a_script_stages_shows_and_commits_at_the_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let out = with_file(
        &cib,
        &format!("{SETUP}primitive d1 Dummy \\\n  op monitor interval=10s\nshow d1\nup\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout, "primitive d1 Dummy \\\n\top monitor interval=10s\n");
    assert!(!text(&out.stderr).contains("crm("), "no prompts");
    assert!(cib_text(&cib).contains("id=\"d1\""));
}

#[test]
fn stdin_runs_the_same_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    // A line continued with a yen sign, as typed from a Japanese slide.
    let out = with_stdin(
        &cib,
        &format!("{SETUP}primitive d2 Dummy ¥\n  meta target-role=Stopped\nshow changed\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("primitive d2 Dummy"), "{stdout}");
    assert!(stdout.contains("target-role=Stopped"), "{stdout}");
    // End of input leaves the level: the changes are committed.
    assert!(cib_text(&cib).contains("id=\"d2\""));
}

#[test]
fn a_failed_command_makes_the_exit_status_1_and_the_rest_still_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let out = with_stdin(
        &cib,
        &format!("{SETUP}primitiv bad Dummy\nprimitive d3 Dummy\nshow d3\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("ERROR"), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "primitive d3 Dummy\n");
}

#[test]
fn show_changed_lists_only_staged_objects_and_refresh_drops_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let first = with_stdin(&cib, &format!("{SETUP}primitive old Dummy\ncommit\n"));
    assert!(first.status.success(), "{}", text(&first.stderr));
    let out = with_stdin(
        &cib,
        "configure\nprimitive new Dummy\nshow changed\nrefresh\nshow changed\nshow\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let parts: Vec<&str> = stdout.splitn(2, "primitive old").collect();
    assert_eq!(parts[0], "primitive new Dummy\n", "{stdout}");
    assert!(!cib_text(&cib).contains("id=\"new\""), "refresh dropped it");
}

#[test]
fn root_commands_reach_a_level_and_come_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let out = with_stdin(
        &cib,
        "configure property stonith-enabled=false\nconfigure primitive d4 Dummy\nconfigure show d4\nhelp\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("primitive d4 Dummy\n"), "{stdout}");
    assert!(stdout.contains("configure"), "root help: {stdout}");
    assert!(cib_text(&cib).contains("id=\"d4\""));
}

#[test]
fn an_unknown_command_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let out = with_stdin(&cib, "bogus\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("bogus: No such command"));
}

#[test]
fn a_missing_script_file_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(CRM)
        .args(["-f"])
        .arg(dir.path().join("nope.crm"))
        .env("CIB_file", dir.path().join("cib.xml"))
        .output()
        .expect("crm runs");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn show_changed_names_deleted_objects() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let first = with_stdin(&cib, &format!("{SETUP}primitive gone Dummy\ncommit\n"));
    assert!(first.status.success(), "{}", text(&first.stderr));
    let out = with_stdin(&cib, "configure\ndelete gone\nshow changed\nrefresh\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "# deleted: gone\n");
    assert!(cib_text(&cib).contains("id=\"gone\""), "refresh kept it");
}
