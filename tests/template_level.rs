//! The template level (`configure template`): `list`, `load`, `show`,
//! `edit` and `delete` beside crmsh 4.4 (/usr/sbin/crm, the oracle): the
//! same script through both shells, each with a home of its own, gives
//! the same transcript and leaves the same configurations behind.

mod support;
use support::strip_ansi;

use std::path::Path;
use std::process::{Command, Stdio};

const CRM: &str = env!("CARGO_BIN_EXE_crm");
const CRMSH: &str = "/usr/sbin/crm";

/// What `script` run by `program` as `crm -f -` in `home` printed, with
/// colours taken out, and its exit code.
struct Said {
    code: i32,
    /// stdout without INFO and WARNING lines (crmsh prints those there,
    /// ours on stderr).
    out: String,
    /// The INFO and WARNING lines, wherever they went.
    notes: Vec<String>,
    /// The ERROR lines (stderr for both).
    errors: Vec<String>,
}

fn shell(program: &str, home: &Path, cib: &Path, script: &str, editor: &str) -> Said {
    use std::io::Write;
    let mut child = Command::new(program)
        .args(["-f", "-"])
        .env("CIB_file", cib)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("EDITOR", editor)
        .env_remove("CIB_shadow")
        .env_remove("COLS")
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("crm runs");
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(script.as_bytes());
    }
    let o = child.wait_with_output().expect("crm ends");
    let note = |l: &str| l.starts_with("INFO: ") || l.starts_with("WARNING: ");
    let stdout = strip_ansi(&String::from_utf8_lossy(&o.stdout));
    let stderr = strip_ansi(&String::from_utf8_lossy(&o.stderr));
    let mut notes: Vec<String> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for l in stderr.lines().chain(stdout.lines()) {
        if note(l) {
            notes.push(l.to_string());
        } else if l.starts_with("ERROR: ") {
            errors.push(l.to_string());
        }
    }
    Said {
        code: o.status.code().unwrap_or(-1),
        out: stdout.split_inclusive('\n').filter(|l| !note(l)).collect(),
        notes,
        errors,
    }
}

/// Both said the same.
fn same(a: &Said, b: &Said) {
    assert_eq!(a.out, b.out);
    assert_eq!(a.notes, b.notes);
    assert_eq!(a.errors, b.errors);
    assert_eq!(a.code, b.code);
}

/// The configurations a home holds, name and text.
fn configs(home: &Path) -> Vec<(String, String)> {
    let dir = home.join(".config/crm/crmconf");
    let mut all: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| {
                    let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                    (e.file_name().to_string_lossy().into_owned(), text)
                })
                .collect()
        })
        .unwrap_or_default();
    all.sort();
    all
}

struct Pair {
    _dir: tempfile::TempDir,
    ours: std::path::PathBuf,
    theirs: std::path::PathBuf,
    cib: std::path::PathBuf,
}

/// Two homes and an empty CIB, or `None` (said visibly) without crmsh,
/// its templates or Pacemaker's tools.
fn setup(test: &str) -> Option<Pair> {
    if !Path::new(CRMSH).exists() {
        support::skip(test, "crmsh (/usr/sbin/crm), the oracle, is not installed");
        return None;
    }
    if !Path::new("/usr/share/crmsh/templates/virtual-ip").exists() {
        support::skip(
            test,
            "crmsh's templates (/usr/share/crmsh/templates) are missing",
        );
        return None;
    }
    let empty = Command::new("cibadmin").arg("--empty").output().ok();
    let Some(empty) = empty.filter(|o| o.status.success()) else {
        support::skip(test, "cibadmin (Pacemaker's CLI tools) is not installed");
        return None;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let ours = dir.path().join("ours");
    let theirs = dir.path().join("crmsh");
    std::fs::create_dir(&ours).expect("home");
    std::fs::create_dir(&theirs).expect("home");
    let cib = dir.path().join("cib.xml");
    std::fs::write(&cib, &empty.stdout).expect("write");
    Some(Pair {
        _dir: dir,
        ours,
        theirs,
        cib,
    })
}

/// `list`, `load`, `show` and `delete`, the configuration in use kept by
/// a script (nobody to say yes) and removed with `force`; missing
/// configurations refused; `show` of one with a required value unset.
#[test]
fn list_load_show_delete_as_crmsh() {
    let Some(p) = setup("list_load_show_delete_as_crmsh") else {
        return;
    };
    let script = "configure\ntemplate\nlist templates\n\
        new vip virtual-ip params ip=192.0.2.10\nlist configs\nlist\n\
        show vip\nload vip\nshow\nload\nshow\n\
        delete nosuch\nload nosuch\nshow nosuch\n\
        new web apache params ip=192.0.2.11\nlist configs\n\
        delete web\nlist configs\ndelete vip force\nlist configs\n\
        show\ndelete web force\nlist\nup\nup\n";
    let a = shell(CRM, &p.ours, &p.cib, script, "true");
    let b = shell(CRMSH, &p.theirs, &p.cib, script, "true");
    same(&a, &b);
    assert!(
        a.out
            .contains("primitive virtual-ip ocf:heartbeat:IPaddr \\\n\tparams ip=\"192.0.2.10\""),
        "{}",
        a.out
    );
    assert!(a
        .errors
        .contains(&"ERROR: nosuch: no such config".to_string()));
    assert!(a
        .errors
        .contains(&"ERROR: 80: required parameter configfile not set".to_string()));
    assert_eq!(configs(&p.ours), configs(&p.theirs));
    assert!(configs(&p.ours).is_empty());
}

/// `edit` opens the editor on the configuration in use or the one
/// named; `show` then prints what the edit made.
#[test]
fn edit_changes_the_configuration_as_crmsh() {
    let Some(p) = setup("edit_changes_the_configuration_as_crmsh") else {
        return;
    };
    // The editor turns the address into another one.
    let editor = p.cib.with_file_name("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/192.0.2.10/192.0.2.99/' \"$1\"\necho '# edited' >> \"$1\"\n",
    )
    .expect("editor");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let editor = editor.display().to_string();
    let script = "configure\ntemplate\nedit\nnew vip virtual-ip params ip=192.0.2.10\n\
        edit\nshow\nload\nedit vip\nedit nosuch\nshow vip\nup\nup\n";
    let a = shell(CRM, &p.ours, &p.cib, script, &editor);
    let b = shell(CRMSH, &p.theirs, &p.cib, script, &editor);
    same(&a, &b);
    assert!(a
        .errors
        .contains(&"ERROR: please load a config first".to_string()));
    assert!(a.out.contains("params ip=\"192.0.2.99\""), "{}", a.out);
    let (ours, theirs) = (configs(&p.ours), configs(&p.theirs));
    assert_eq!(ours, theirs);
    assert_eq!(ours[0].1.matches("# edited").count(), 2, "{}", ours[0].1);
}

/// The `editor` option (`options editor PROGRAM`, saved in crm.conf) is
/// the editor `edit` runs, before `$EDITOR`, in crmsh and ours.
#[test]
fn options_editor_is_the_editor_edit_runs() {
    let Some(p) = setup("options_editor_is_the_editor_edit_runs") else {
        return;
    };
    let editor = p.cib.with_file_name("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\necho '# by the option' >> \"$1\"\n").expect("editor");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let script = format!(
        "options editor {}\nconfigure\ntemplate\nnew vip virtual-ip params ip=192.0.2.10\n\
         edit\nup\nup\n",
        editor.display()
    );
    // `false` as $EDITOR would fail the edit if it were run.
    let a = shell(CRM, &p.ours, &p.cib, &script, "false");
    let b = shell(CRMSH, &p.theirs, &p.cib, &script, "false");
    same(&a, &b);
    let (ours, theirs) = (configs(&p.ours), configs(&p.theirs));
    assert_eq!(ours, theirs);
    assert!(ours[0].1.ends_with("# by the option\n"), "{}", ours[0].1);
    // A later run reads the saved option.
    let a = shell(
        CRM,
        &p.ours,
        &p.cib,
        "configure\ntemplate\nedit vip\n",
        "false",
    );
    assert_eq!(a.code, 0, "{:?}", a.errors);
    assert_eq!(configs(&p.ours)[0].1.matches("# by the option").count(), 2);
}
