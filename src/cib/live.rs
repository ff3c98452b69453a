//! The live backend: the CIB of the running cluster (or of the shadow
//! named by `CIB_shadow`), read with `cibadmin --query` and written with
//! `cibadmin --replace` of the `<configuration>` section.

use super::process::{failure_text, Call};
use super::{Backend, Cib};
use crate::error::{Error, ErrorKind, Result};

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

    fn name(&self) -> String {
        shadow_in_use().unwrap_or_else(|| "live".into())
    }

    fn is_live(&self) -> bool {
        true
    }
}
