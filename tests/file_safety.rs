//! The CIB file and the other files crm writes, attacked and raced:
//! concurrent writers, symlinks planted at temp names, modes and owners,
//! read-only files, leftovers of killed writers, bytes that are not UTF-8.

use crmtool::cib::{Backend, Cib, FileBackend};
use crmtool::error::ErrorKind;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn crm_cmd(cib: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crm"));
    c.args(args).env("CIB_file", cib);
    c
}

fn crm(cib: &Path, args: &[&str]) -> Output {
    crm_cmd(cib, args).output().expect("crm runs")
}

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

fn primitives(prefix: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("primitive {prefix}-{i} Dummy\n"))
        .collect()
}

fn ids_in(cib: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(cib).expect("cib readable");
    let cib = Cib::parse(&text).expect("cib parses");
    let mut ids = Vec::new();
    cib.configuration().walk(&mut |e| {
        if e.name == "primitive" {
            ids.extend(e.id().map(String::from));
        }
    });
    ids
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Two one-shot loads at once, 20 times: before the lock, one run's 50
/// primitives vanished in 12 of 20 pairs while both exited 0.
#[test]
fn twenty_concurrent_pairs_lose_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.crm");
    let b = dir.path().join("b.crm");
    std::fs::write(&a, primitives("a", 50)).expect("write");
    std::fs::write(&b, primitives("b", 50)).expect("write");
    for pair in 0..20 {
        let cib = dir.path().join(format!("cib{pair}.xml"));
        // Half the pairs race on creating the file too.
        if pair % 2 == 0 {
            assert!(crm(&cib, &["configure", "show"]).status.success());
        }
        let spawn = |f: &Path| {
            crm_cmd(
                &cib,
                &["configure", "load", "update", f.to_str().expect("utf8")],
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn crm")
        };
        let (ra, rb) = (spawn(&a), spawn(&b));
        let (oa, ob) = (
            ra.wait_with_output().expect("wait"),
            rb.wait_with_output().expect("wait"),
        );
        assert!(oa.status.success(), "pair {pair}: {}", stderr(&oa));
        assert!(ob.status.success(), "pair {pair}: {}", stderr(&ob));
        let ids = ids_in(&cib);
        for p in ["a", "b"] {
            let n = ids
                .iter()
                .filter(|i| i.starts_with(&format!("{p}-")))
                .count();
            assert_eq!(n, 50, "pair {pair}: {p}'s primitives lost");
        }
        let text = std::fs::read_to_string(&cib).expect("read");
        assert!(text.contains(r#"epoch="2""#), "pair {pair}: two commits");
    }
}

/// A session (the interactive shell) reads, another crm writes, the
/// session commits: refused, naming the change; nothing of the other
/// writer is lost. `-F` overwrites knowingly.
#[test]
fn a_session_commit_after_another_write_is_refused_not_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let backend = FileBackend::new(&cib);
    let started = backend.read().expect("read");
    let mut mine = started.clone();
    crmtool::load::load_into(
        &mut mine,
        "primitive mine Dummy\n",
        crmtool::cib::Method::Update,
    )
    .expect("load");
    let other = dir.path().join("o.crm");
    std::fs::write(&other, "primitive theirs Dummy\n").expect("write");
    let o = crm(
        &cib,
        &["configure", "load", "update", other.to_str().expect("utf8")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let refused = backend
        .write_if_unchanged(&mine, &started)
        .expect_err("a stale session must not overwrite");
    assert!(
        matches!(*refused.kind, ErrorKind::CibChanged { .. }),
        "{refused}"
    );
    assert_eq!(ids_in(&cib), ["theirs"]);
    backend.write(&mine).expect("forced write");
    assert_eq!(ids_in(&cib), ["mine"]);
}

/// Symlinks sprayed at every name the old code used (`.NAME.<pid>.tmp`)
/// and at names of the new pattern: the write goes to the CIB only, the
/// CIB stays a regular file, the symlinks are neither followed nor removed.
#[test]
fn symlink_spray_writes_nowhere_but_the_cib() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).expect("chmod");
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious\n").expect("write");
    let cib = shared.join("cib.xml");
    assert!(crm(&cib, &["configure", "show"]).status.success());
    let me = std::process::id();
    let mut planted = Vec::new();
    for pid in me..me + 3000 {
        planted.push(shared.join(format!(".cib.xml.{pid}.tmp")));
    }
    for i in 0..500u64 {
        planted.push(shared.join(format!(
            ".cib.xml.{:016x}.crmtmp",
            i.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        )));
    }
    for p in &planted {
        std::os::unix::fs::symlink(&victim, p).expect("symlink");
    }
    let f = dir.path().join("p.crm");
    std::fs::write(&f, primitives("p", 5)).expect("write");
    for _ in 0..5 {
        let o = crm(
            &cib,
            &[
                "-F",
                "configure",
                "load",
                "update",
                f.to_str().expect("utf8"),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious\n"
    );
    let meta = std::fs::symlink_metadata(&cib).expect("cib");
    assert!(meta.file_type().is_file(), "the CIB is a regular file");
    assert_eq!(ids_in(&cib).len(), 5);
    for p in &planted {
        assert!(
            std::fs::symlink_metadata(p)
                .expect("still there")
                .file_type()
                .is_symlink(),
            "{} untouched",
            p.display()
        );
    }
    // Nothing else appeared: the directory holds the CIB and the links.
    let n = std::fs::read_dir(&shared).expect("ls").count();
    assert_eq!(n, planted.len() + 1);
}

#[test]
fn mode_and_owner_are_kept_and_a_new_file_is_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let f = dir.path().join("p.crm");
    std::fs::write(&f, "primitive p Dummy params passwd=secret\n").expect("write");
    let g = dir.path().join("q.crm");
    std::fs::write(&g, "primitive q Dummy\n").expect("write");
    let load = |cib: &Path, f: &Path| {
        let o = crm(
            cib,
            &[
                "-F",
                "configure",
                "load",
                "update",
                f.to_str().expect("utf8"),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    };
    load(&cib, &f);
    let mode = |p: &Path| std::fs::metadata(p).expect("stat").mode() & 0o7777;
    assert_eq!(mode(&cib), 0o600, "a new CIB file is private");
    std::fs::set_permissions(&cib, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    if is_root() {
        std::os::unix::fs::chown(&cib, Some(4242), Some(4343)).expect("chown");
    } else {
        let _ = writeln!(
            std::io::stderr(),
            "skipped (not root): keeping another user's ownership"
        );
    }
    let before = std::fs::metadata(&cib).expect("stat");
    load(&cib, &g);
    let after = std::fs::metadata(&cib).expect("stat");
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert_ne!(
        after.ino(),
        before.ino(),
        "replaced by rename, not in place"
    );
    // `save` holds secrets unmasked: 0600 even over a 0644 file.
    let saved = dir.path().join("saved.crm");
    std::fs::write(&saved, "old").expect("write");
    std::fs::set_permissions(&saved, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let o = crm(&cib, &["configure", "save", saved.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&saved), 0o600);
    assert!(std::fs::read_to_string(&saved)
        .expect("read")
        .contains("passwd=secret"));
    let fresh = dir.path().join("fresh.xml");
    let o = crm(
        &cib,
        &["configure", "save", "xml", fresh.to_str().expect("utf8")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&fresh), 0o600);
    // No temp file is left beside them.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_symlinked_cib_file_is_written_through_to_its_target() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).expect("mkdir");
    let target = real_dir.join("cib.xml");
    let link = dir.path().join("link.xml");
    assert!(crm(&target, &["configure", "show"]).status.success());
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let f = dir.path().join("p.crm");
    std::fs::write(&f, "primitive p Dummy\n").expect("write");
    let o = crm(
        &link,
        &["configure", "load", "update", f.to_str().expect("utf8")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    assert_eq!(ids_in(&target), ["p"]);
    // A link to nothing is refused, and creates nothing.
    let dangling = dir.path().join("dangling.xml");
    std::os::unix::fs::symlink(dir.path().join("nowhere.xml"), &dangling).expect("symlink");
    let o = crm(
        &dangling,
        &["configure", "load", "update", f.to_str().expect("utf8")],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("symbolic link to a file that does not exist"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("nowhere.xml").exists());
}

#[test]
fn a_read_only_cib_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    assert!(crm(&cib, &["configure", "show"]).status.success());
    std::fs::set_permissions(&cib, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&cib).expect("read");
    let f = dir.path().join("p.crm");
    std::fs::write(&f, "primitive p Dummy\n").expect("write");
    for force in [false, true] {
        let mut args = vec!["configure", "load", "update", f.to_str().expect("utf8")];
        if force {
            args.insert(0, "-F");
        }
        let o = crm(&cib, &args);
        assert!(!o.status.success());
        assert!(
            stderr(&o).contains("cib.xml: the file is read-only; nothing was written"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(std::fs::read(&cib).expect("read"), before);
    assert_eq!(std::fs::metadata(&cib).expect("stat").mode() & 0o777, 0o444);
    // Reading it is fine.
    assert!(crm(&cib, &["configure", "show"]).status.success());
}

/// A kill between write and rename leaves a temp copy (with secrets):
/// the next write removes such leftovers of ours, and only those.
#[test]
fn stale_temp_files_of_ours_are_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    assert!(crm(&cib, &["configure", "show"]).status.success());
    let stale = dir.path().join(".cib.xml.0123456789abcdef.crmtmp");
    std::fs::write(&stale, "<cib passwd=\"x\"/>").expect("write");
    let not_ours = dir.path().join(".cib.xml.backup");
    std::fs::write(&not_ours, "keep").expect("write");
    let foreign = dir.path().join(".cib.xml.fedcba9876543210.crmtmp");
    std::fs::write(&foreign, "keep").expect("write");
    if is_root() {
        std::os::unix::fs::chown(&foreign, Some(4242), None).expect("chown");
    }
    let f = dir.path().join("p.crm");
    std::fs::write(&f, "primitive p Dummy\n").expect("write");
    let o = crm(
        &cib,
        &["configure", "load", "update", f.to_str().expect("utf8")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stale.exists(), "stale temp removed");
    assert!(not_ours.exists(), "other names untouched");
    if is_root() {
        assert!(foreign.exists(), "another user's file untouched");
    }
}

#[test]
fn a_cib_file_that_is_not_utf8_is_a_located_error_and_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    assert!(crm(&cib, &["configure", "show"]).status.success());
    let mut bytes = std::fs::read(&cib).expect("read");
    let at = bytes.windows(5).position(|w| w == b"epoch").expect("epoch") + 1;
    bytes[at] = 0xFF;
    std::fs::write(&cib, &bytes).expect("write");
    let f = dir.path().join("p.crm");
    std::fs::write(&f, "primitive p Dummy\n").expect("write");
    let o = crm(
        &cib,
        &[
            "-F",
            "configure",
            "load",
            "update",
            f.to_str().expect("utf8"),
        ],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(&format!("not valid UTF-8 (nor Shift_JIS) at byte {at}")),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&cib).expect("read"), bytes);
    // A .crm file with bytes that are neither UTF-8 nor Shift_JIS too.
    std::fs::write(&cib, b"").expect("truncate");
    std::fs::remove_file(&cib).expect("rm");
    std::fs::write(&f, b"primitive p Dummy \\\n  params a=\xFF\n").expect("write");
    let o = crm(
        &cib,
        &["configure", "load", "update", f.to_str().expect("utf8")],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("p.crm:2: not valid UTF-8 (nor Shift_JIS) at byte 31"),
        "{}",
        stderr(&o)
    );
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf8 path")
}

fn pm_crmgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pm_crmgen"))
        .args(args)
        .output()
        .expect("pm_crmgen runs")
}

fn example_sheet() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/example-pgsql.csv")
}

#[test]
fn pm_crmgen_never_overwrites_its_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.csv");
    std::fs::copy(example_sheet(), &input).expect("copy");
    let before = std::fs::read(&input).expect("read");
    let alias = dir.path().join("alias.csv");
    std::os::unix::fs::symlink(&input, &alias).expect("symlink");
    let hard = dir.path().join("hard.csv");
    std::fs::hard_link(&input, &hard).expect("link");
    for out in [&input, &alias, &hard] {
        let o = pm_crmgen(&["-o", path_str(out), path_str(&input)]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("出力ファイルが入力ファイルと同じです"),
            "{}",
            stderr(&o)
        );
        assert_eq!(std::fs::read(&input).expect("read"), before);
    }
}

/// A write error on a device the user named (`-o /dev/full`): reported,
/// and the device is still there (it used to be removed).
#[test]
fn pm_crmgen_leaves_a_device_it_could_not_write_in_place() {
    if !is_root() {
        let _ = writeln!(
            std::io::stderr(),
            "skipped (not root): making a device node"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let full = dir.path().join("full");
    // The same device as /dev/full (char 1:7), made here so that a
    // regression cannot remove the machine's own.
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &full,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::from_raw_mode(0o666),
        rustix::fs::makedev(1, 7),
    )
    .expect("mknod");
    let o = pm_crmgen(&["-o", path_str(&full), path_str(&example_sheet())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("crmファイルの出力に失敗しました"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("No space left on device"),
        "{}",
        stderr(&o)
    );
    let meta = std::fs::symlink_metadata(&full).expect("still there");
    use std::os::unix::fs::FileTypeExt;
    assert!(meta.file_type().is_char_device());
}

#[test]
fn pm_crmgen_replaces_a_regular_output_keeping_its_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.crm");
    let o = pm_crmgen(&["-o", path_str(&out), path_str(&example_sheet())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&out).expect("stat").mode() & 0o777, 0o600);
    let text = std::fs::read(&out).expect("read");
    std::fs::write(&out, "old").expect("write");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let o = pm_crmgen(&["-o", path_str(&out), path_str(&example_sheet())]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).expect("read"), text);
    assert_eq!(std::fs::metadata(&out).expect("stat").mode() & 0o777, 0o640);
    // A failed run (unwritable directory) leaves an older output alone.
    let locked_dir = dir.path().join("ro");
    std::fs::create_dir(&locked_dir).expect("mkdir");
    let kept = locked_dir.join("out.crm");
    std::fs::write(&kept, "older").expect("write");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let o = pm_crmgen(&["-o", path_str(&kept), path_str(&example_sheet())]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&kept).expect("read"), "older");
}
