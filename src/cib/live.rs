//! The live backend: the CIB of the running cluster (or of the shadow
//! named by `CIB_shadow`), read with `cibadmin --query`. A commit is a
//! versioned patch (`crm_diff`, then `cibadmin --patch`), which Pacemaker
//! applies only while the CIB is still at the patch's source version: a
//! change someone else makes between our check and our write makes the
//! patch fail instead of being overwritten. `commit force` replaces the
//! `<configuration>` section.

use super::backend::unchanged_since;
use super::process::{failure_text, Call};
use super::{Backend, Cib};
use crate::error::{Error, ErrorKind, Result};
use std::io::Write;
use std::path::PathBuf;

/// Patches refused because the cluster wrote status in between are
/// retried this many times.
const ATTEMPTS: usize = 5;

/// The cluster this machine belongs to, through Pacemaker's own tools.
#[derive(Debug, Default)]
pub struct LiveBackend;

impl LiveBackend {
    pub fn new() -> Self {
        LiveBackend
    }
}

/// The shadow CIB Pacemaker's tools will use, if any.
pub fn shadow_in_use() -> Option<String> {
    std::env::var("CIB_shadow").ok().filter(|s| !s.is_empty())
}

impl Backend for LiveBackend {
    fn read(&self) -> Result<Cib> {
        let call = Call::new("cibadmin").arg("--query");
        let out = match call.run() {
            Ok(out) => out,
            Err(e) if matches!(*e.kind, ErrorKind::ToolMissing { .. }) => {
                return Err(Error::new(ErrorKind::NoCluster {
                    call: call.describe(),
                    status: "not run".into(),
                    stderr: e.to_string(),
                }))
            }
            Err(e) => return Err(e),
        };
        if !out.success() {
            return Err(Error::new(ErrorKind::NoCluster {
                call: call.describe(),
                status: out.status(),
                stderr: failure_text(&out),
            }));
        }
        Cib::parse(&out.stdout)
    }

    /// Replaces only `<configuration>`: the status section belongs to the
    /// cluster, and Pacemaker bumps `epoch` itself. Replace is all or
    /// nothing — a change Pacemaker refuses (schema, ACL) leaves the CIB
    /// as it was, and its own message is shown.
    fn write(&self, cib: &Cib) -> Result<()> {
        let call =
            Call::new("cibadmin").args(["--replace", "--scope", "configuration", "--xml-pipe"]);
        let out = call
            .clone()
            .stdin(crate::xml::to_pretty(cib.configuration()))
            .run()?;
        if !out.success() {
            return Err(Error::new(ErrorKind::CommitRejected {
                call: call.describe(),
                status: out.status(),
                stderr: failure_text(&out),
            }));
        }
        Ok(())
    }

    fn write_if_unchanged(&self, cib: &Cib, started: &Cib) -> Result<()> {
        for _ in 0..ATTEMPTS {
            let current = self.read()?;
            unchanged_since(started, &current)?;
            let patch = versioned_patch(&current, cib)?;
            let Some(patch) = patch else {
                return Ok(());
            };
            let call = Call::new("cibadmin").args(["--patch", "--xml-pipe"]);
            let out = call.clone().stdin(patch).run()?;
            if out.success() {
                return Ok(());
            }
            // Refused: either the version moved under the patch (someone
            // wrote: a conflict if it was configuration, a retry if it was
            // only status) or Pacemaker refused the change itself.
            let after = self.read()?;
            if after.epoch() == current.epoch() {
                return Err(Error::new(ErrorKind::CommitRejected {
                    call: call.describe(),
                    status: out.status(),
                    stderr: failure_text(&out),
                }));
            }
            unchanged_since(started, &after)?;
        }
        Err(Error::new(ErrorKind::Cib {
            message: format!(
                "the cluster kept updating the CIB; the commit was tried {ATTEMPTS} times and not applied"
            ),
        }))
    }

    fn name(&self) -> String {
        shadow_in_use().unwrap_or_else(|| "live".into())
    }

    fn is_live(&self) -> bool {
        true
    }
}

/// The patch from `current` to `current` with `cib`'s configuration, its
/// source version `current`'s and its target one epoch later; `None` when
/// there is nothing to change.
fn versioned_patch(current: &Cib, cib: &Cib) -> Result<Option<String>> {
    let mut target = current.clone();
    if let Some(slot) = target.root.child_mut("configuration") {
        *slot = cib.configuration().clone();
    }
    let (_, epoch, _) = current.epoch();
    target.root.set("epoch", &(epoch + 1).to_string());
    target.root.set("num_updates", "0");
    let old = PrivateFile::create("old", &current.to_xml())?;
    let new = PrivateFile::create("new", &target.to_xml())?;
    let call = Call::new("crm_diff").args([
        "--original".to_string(),
        old.path.display().to_string(),
        "--new".to_string(),
        new.path.display().to_string(),
    ]);
    let out = call.run()?;
    // crm_diff: 0 = no difference, 1 = a patch on stdout, else an error.
    match out.code {
        Some(0) => Ok(None),
        Some(1) => Ok(Some(out.stdout)),
        _ => Err(call.failure(&out)),
    }
}

/// A temporary file only its owner can read (a CIB may hold secrets),
/// removed when dropped.
struct PrivateFile {
    path: PathBuf,
}

impl PrivateFile {
    fn create(tag: &str, text: &str) -> Result<Self> {
        use std::os::unix::fs::OpenOptionsExt;
        let path = std::env::temp_dir().join(format!(
            "crm-commit-{}-{}-{tag}.xml",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        let io = |e: std::io::Error| {
            Error::new(ErrorKind::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            })
        };
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(io)?;
        let file = PrivateFile { path: path.clone() };
        f.write_all(text.as_bytes()).map_err(io)?;
        Ok(file)
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn cluster_up() -> bool {
        std::env::var_os("CIB_file").is_none()
            && Command::new("crm_mon")
                .arg("-1")
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("Current DC: node"))
    }

    fn cibadmin(args: &[&str], stdin: Option<&str>) -> bool {
        let mut c = Command::new("cibadmin");
        c.args(args).env_remove("CIB_shadow");
        if stdin.is_some() {
            c.stdin(std::process::Stdio::piped());
        }
        let Ok(mut child) = c
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
        else {
            return false;
        };
        if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
            let _ = pipe.write_all(text.as_bytes());
        }
        child.wait().is_ok_and(|s| s.success())
    }

    /// The property the commit relies on: a patch made against one
    /// version is refused once someone else has written, and nothing of
    /// it is applied.
    #[test]
    fn a_patch_from_a_stale_version_is_refused() {
        if !cluster_up() {
            let _ = writeln!(
                std::io::stderr(),
                "skipped: a_patch_from_a_stale_version_is_refused: no running cluster"
            );
            return;
        }
        let backend = LiveBackend::new();
        let Ok(stale) = backend.read() else {
            let _ = writeln!(std::io::stderr(), "skipped: cibadmin --query failed");
            return;
        };
        let mut mine = stale.clone();
        let add =
            r#"<primitive id="lt-patch-mine" class="ocf" provider="pacemaker" type="Dummy"/>"#;
        if let (Some(res), Ok(e)) = (
            mine.configuration_mut().child_mut("resources"),
            crate::xml::parse(add),
        ) {
            res.push(e);
        }
        let patch = versioned_patch(&stale, &mine)
            .expect("crm_diff")
            .expect("a change");
        let other =
            r#"<primitive id="lt-patch-other" class="ocf" provider="pacemaker" type="Dummy"/>"#;
        assert!(cibadmin(
            &["--create", "--scope", "resources", "--xml-text", other],
            None
        ));
        let applied = cibadmin(&["--patch", "--xml-pipe"], Some(&patch));
        let now = backend.read().expect("query").to_xml();
        let _ = cibadmin(
            &[
                "--delete",
                "--xml-text",
                r#"<primitive id="lt-patch-other"/>"#,
            ],
            None,
        );
        let _ = cibadmin(
            &[
                "--delete",
                "--xml-text",
                r#"<primitive id="lt-patch-mine"/>"#,
            ],
            None,
        );
        assert!(!applied, "a stale patch must be refused");
        assert!(now.contains("lt-patch-other") && !now.contains("lt-patch-mine"));
    }
}
