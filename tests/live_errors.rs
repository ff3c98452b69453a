//! What `crm` says when there is no cluster to talk to; needs no cluster.

use std::process::Command;

#[test]
fn without_a_cluster_the_error_names_cibadmin_and_suggests_cib_file() {
    let empty = tempfile::tempdir().expect("tempdir");
    // No Pacemaker tools on PATH: the same as a machine without a cluster.
    let out = Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(["configure", "show", "xml"])
        .env("PATH", empty.path())
        .env_remove("CIB_file")
        .env_remove("CIB_shadow")
        .output()
        .expect("crm runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cibadmin --query"), "{err}");
    assert!(err.contains("CIB_file="), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn status_without_crm_mon_fails_honestly() {
    let empty = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(["status"])
        .env("PATH", empty.path())
        .output()
        .expect("crm runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("crm_mon is not installed"), "{err}");
}
