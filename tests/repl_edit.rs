//! `configure edit` with a scripted `$EDITOR`: the editor is a shell
//! script that changes the file as a person would.

use crmtool::cib::{Cib, Method};
use crmtool::cli::Output;
use crmtool::load::load_text;
use crmtool::repl::edit::edit;
use crmtool::repl::session::Session;
use std::path::{Path, PathBuf};

const CONFIG: &str = "\
property cib-bootstrap-options: stonith-enabled=false no-quorum-policy=ignore
primitive p1 ocf:pacemaker:Dummy op monitor interval=10s
primitive p2 ocf:pacemaker:Dummy params passwd=secret
group g1 p1
location l1 p2 100: node1
";

fn session() -> Session {
    let mut cib = Cib::empty("pacemaker-3.9");
    load_text(&mut cib, CONFIG, Method::Update).expect("fixture loads");
    Session::from_cib(cib)
}

/// An editor: a shell script in `dir` with this body (`$1` is the file).
fn editor(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write editor");
    format!("sh {}", path.display())
}

fn never_asked(q: &str) -> bool {
    panic!("unexpected question: {q}")
}

fn out() -> Output {
    Output::new(true)
}

fn show(s: &Session) -> String {
    crmtool::cli::show_text(&s.working, None)
}

#[test]
fn saving_unchanged_text_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = session();
    let before = s.working.to_xml();
    // Rewrites the file with the same bytes, as `:wq` does.
    let ed = editor(
        dir.path(),
        "same.sh",
        "cp \"$1\" \"$1.x\" && cat \"$1.x\" > \"$1\" && rm \"$1.x\"",
    );
    let changed = edit(&mut s, &[], &ed, &mut never_asked, &mut out()).expect("edit");
    assert!(!changed);
    assert_eq!(s.working.to_xml(), before);
    // A selection too.
    let changed = edit(&mut s, &["p2", "g1"], &ed, &mut never_asked, &mut out()).expect("edit");
    assert!(!changed);
    assert_eq!(s.working.to_xml(), before);
}

#[test]
fn the_text_is_lossless_secrets_included() {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("seen.crm");
    let ed = editor(
        dir.path(),
        "look.sh",
        &format!("cp \"$1\" {}", copy.display()),
    );
    let mut s = session();
    edit(&mut s, &["p2"], &ed, &mut never_asked, &mut out()).expect("edit");
    let seen = std::fs::read_to_string(&copy).expect("editor saw the file");
    assert!(seen.contains("passwd=secret"), "{seen}");
    assert!(!seen.contains("primitive p1"), "only the selection: {seen}");
}

#[test]
fn edited_objects_are_replaced_and_removed_ones_deleted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ed = editor(
        dir.path(),
        "change.sh",
        "sed -i -e 's/interval=10s/interval=20s/' -e '/^primitive p2/,/passwd/d' \"$1\"",
    );
    let mut s = session();
    let changed = edit(&mut s, &["p1", "p2"], &ed, &mut never_asked, &mut out()).expect("edit");
    assert!(changed);
    let text = show(&s);
    assert!(text.contains("interval=20s"), "{text}");
    assert!(!text.contains("primitive p2"), "{text}");
    // The constraint on the deleted resource follows it, as in delete.
    assert!(!text.contains("location l1"), "{text}");
    // p1 stays in its group.
    assert!(text.contains("group g1 p1"), "{text}");
    // Staged only: the session's starting CIB is untouched.
    assert!(s.changed());
    assert!(s.changed_ids().contains(&"p1".to_string()));
}

#[test]
fn a_property_removed_in_the_editor_is_gone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ed = editor(
        dir.path(),
        "prop.sh",
        "sed -i '/no-quorum-policy/d; s/stonith-enabled=false \\\\/stonith-enabled=false/' \"$1\"",
    );
    let mut s = session();
    let changed = edit(
        &mut s,
        &["cib-bootstrap-options"],
        &ed,
        &mut never_asked,
        &mut out(),
    )
    .expect("edit");
    assert!(changed);
    let text = show(&s);
    assert!(!text.contains("no-quorum-policy"), "{text}");
    assert!(text.contains("stonith-enabled=false"), "{text}");
}

#[test]
fn a_parse_error_offers_to_edit_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let count = dir.path().join("count");
    // First save: a typo. Second save: fixed.
    let ed = editor(
        dir.path(),
        "typo.sh",
        &format!(
            "if [ -e {c} ]; then sed -i 's/^primitiv /primitive /' \"$1\"; \
             else touch {c}; sed -i 's/^primitive p1/primitiv p1/; s/interval=10s/interval=30s/' \"$1\"; fi",
            c = count.display()
        ),
    );
    let mut s = session();
    let mut questions = Vec::new();
    let changed = edit(
        &mut s,
        &["p1"],
        &ed,
        &mut |q: &str| {
            questions.push(q.to_string());
            true
        },
        &mut out(),
    )
    .expect("edit");
    assert_eq!(
        questions,
        ["Edit or discard changes (yes to edit, no to discard)?"]
    );
    assert!(changed);
    assert!(show(&s).contains("interval=30s"));
}

#[test]
fn discarding_after_a_parse_error_keeps_the_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ed = editor(dir.path(), "bad.sh", "echo 'primitiv x Dummy' >> \"$1\"");
    let mut s = session();
    let before = s.working.to_xml();
    let changed = edit(&mut s, &[], &ed, &mut |_: &str| false, &mut out()).expect("edit");
    assert!(!changed);
    assert_eq!(s.working.to_xml(), before);
}

#[test]
fn an_id_clash_with_an_object_outside_the_selection_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ed = editor(
        dir.path(),
        "clash.sh",
        "echo 'primitive p2 ocf:pacemaker:Dummy' >> \"$1\"",
    );
    let mut s = session();
    let before = s.working.to_xml();
    let changed = edit(&mut s, &["p1"], &ed, &mut |_: &str| false, &mut out()).expect("edit");
    assert!(!changed);
    assert_eq!(s.working.to_xml(), before);
}

#[test]
fn the_temp_file_is_private_and_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let record = dir.path().join("record");
    let ed = editor(
        dir.path(),
        "stat.sh",
        &format!(
            "stat -c '%a' \"$1\" > {r}; echo \"$1\" >> {r}",
            r = record.display()
        ),
    );
    let mut s = session();
    edit(&mut s, &[], &ed, &mut never_asked, &mut out()).expect("edit");
    let rec = std::fs::read_to_string(&record).expect("editor ran");
    let mut lines = rec.lines();
    assert_eq!(lines.next(), Some("600"));
    let path = PathBuf::from(lines.next().expect("path"));
    assert!(!path.exists(), "{} was left behind", path.display());
}

#[test]
fn a_failing_editor_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ed = editor(dir.path(), "fail.sh", "echo x >> \"$1\"; exit 3");
    let mut s = session();
    let before = s.working.to_xml();
    assert!(edit(&mut s, &[], &ed, &mut never_asked, &mut out()).is_err());
    assert_eq!(s.working.to_xml(), before);
}

#[test]
fn an_unknown_id_is_an_error() {
    let mut s = session();
    assert!(edit(&mut s, &["nope"], "true", &mut never_asked, &mut out()).is_err());
}

#[test]
fn edit_xml_refuses_text_that_is_no_cib_document_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = session();
    let before = s.working.to_xml();
    for (name, body) in [
        (
            "broken.sh",
            "echo '<cib><configuration><resources>' > \"$1\"",
        ),
        ("other.sh", "echo '<status/>' > \"$1\""),
    ] {
        let ed = editor(dir.path(), name, body);
        let mut asked = 0;
        let changed = edit(
            &mut s,
            &["xml", "p1"],
            &ed,
            &mut |_| {
                asked += 1;
                false
            },
            &mut out(),
        )
        .expect("edit");
        assert!(!changed, "{name}");
        assert_eq!(asked, 1, "{name}: the edit-or-discard question");
        assert_eq!(s.working.to_xml(), before, "{name}");
    }
}
