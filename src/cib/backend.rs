//! Where the CIB lives. The file backend serves `CIB_file=PATH`.

use super::Cib;
use crate::error::{Error, ErrorKind, Result};
use std::io::Write;
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
        run_crm_verify(cib)
    }
}

/// Runs `crm_verify -V -p` with the CIB on stdin (argv only, no shell).
fn run_crm_verify(cib: &Cib) -> Result<Option<String>> {
    use std::process::{Command, Stdio};
    let child = Command::new("crm_verify")
        .args(["-V", "-p"])
        .env_remove("CIB_file")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(Path::new("crm_verify"), e)),
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(cib.to_xml().as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(|e| io_error(Path::new("crm_verify"), e))?;
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    if out.status.code().unwrap_or(2) > 1 {
        return Err(Error::new(ErrorKind::Cib {
            message: format!("crm_verify found errors:\n{text}"),
        }));
    }
    Ok(Some(text))
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
        match std::fs::read(&self.path) {
            Ok(bytes) => Cib::parse(&String::from_utf8_lossy(&bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Cib::empty("pacemaker-3.9")),
            Err(e) => Err(io_error(&self.path, e)),
        }
    }

    /// Temp file in the same directory, then rename: readers see the old
    /// or the new CIB, never half of one.
    fn write(&self, cib: &Cib) -> Result<()> {
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
            f.write_all(cib.to_xml().as_bytes())?;
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
