//! Where the CIB lives. The file backend serves `CIB_file=PATH`.

use super::Cib;
use crate::error::{Error, ErrorKind, Result};
use std::path::{Path, PathBuf};

/// Reads and writes the whole CIB.
pub trait Backend {
    fn read(&self) -> Result<Cib>;
    /// Writes a CIB that was read from this backend and changed.
    fn write(&self, cib: &Cib) -> Result<()>;
    /// A short name for prompts and messages.
    fn name(&self) -> String;
    /// `crm_verify` on the CIB: its report, or `None` when not installed.
    fn verify(&self, cib: &Cib) -> Result<Option<String>> {
        super::process::crm_verify(&cib.to_xml())
    }
    /// Whether this is a running cluster (checks at commit, `--wait`).
    fn is_live(&self) -> bool {
        false
    }
    /// Refuses when the CIB changed since `started` was read: another
    /// writer's change would otherwise be silently overwritten.
    fn check_unchanged(&self, started: &Cib) -> Result<()> {
        let now = self.read()?;
        unchanged_since(started, &now)
    }

    /// Writes `cib` only if the CIB is still the one `started` was read
    /// from (see [`Backend::check_unchanged`]). The live backend makes the
    /// check and the write one step; for a file the check comes first.
    fn write_if_unchanged(&self, cib: &Cib, started: &Cib) -> Result<()> {
        self.check_unchanged(started)?;
        self.write(cib)
    }
}

/// `Err(CibChanged)` when `now` is not the CIB `started` was read as.
/// Pacemaker moves `num_updates` for status changes (operation results)
/// too: a new `num_updates` alone is a conflict only when the
/// configuration itself differs.
pub fn unchanged_since(started: &Cib, now: &Cib) -> Result<()> {
    let (a0, e0, n0) = started.epoch();
    let (a1, e1, n1) = now.epoch();
    let same_version = (a0, e0) == (a1, e1);
    if same_version && (n0 == n1 || now.configuration() == started.configuration()) {
        return Ok(());
    }
    Err(Error::new(ErrorKind::CibChanged {
        started: format!("{a0}.{e0}.{n0}"),
        now: format!("{a1}.{e1}.{n1}"),
        what: super::change::describe_change(started, now),
    }))
}

/// A CIB kept in a file, as Pacemaker's tools do with `CIB_file`.
pub struct FileBackend {
    pub path: PathBuf,
}

impl FileBackend {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FileBackend { path: path.into() }
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

impl Backend for FileBackend {
    /// A missing file is an empty CIB (it is created on the first write).
    fn read(&self) -> Result<Cib> {
        crate::trace::debug(|| format!("reading the CIB from {}", self.path.display()));
        match std::fs::read(&self.path) {
            Ok(bytes) => Cib::parse(&String::from_utf8_lossy(&bytes)),
            // Pacemaker's tools create a missing CIB_file as an empty CIB.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let cib = Cib::empty("pacemaker-3.9");
                self.write(&cib)?;
                Ok(cib)
            }
            Err(e) => Err(io_error(&self.path, e)),
        }
    }

    /// Temp file in the same directory, then rename: readers see the old
    /// or the new CIB, never half of one.
    fn write(&self, cib: &Cib) -> Result<()> {
        crate::trace::debug(|| {
            let (admin, epoch, updates) = cib.epoch();
            format!(
                "writing the CIB to {} (admin_epoch {admin}, epoch {epoch}, num_updates {updates})",
                self.path.display()
            )
        });
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "cib.xml".into());
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let result = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            cib.write_xml(&mut f)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &self.path)
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(io_error(&self.path, e));
        }
        Ok(())
    }

    fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}
