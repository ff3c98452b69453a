//! Where the CIB lives. The file backend serves `CIB_file=PATH`.

use super::Cib;
use crate::error::{Error, ErrorKind, Result};
use crate::safe_file;
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
///
/// Every write happens under an exclusive lock on the file (see
/// [`crate::safe_file`]): a commit re-reads the file under it and is refused
/// when another writer changed it since the session read it, so two crm
/// processes never lose each other's changes. The file keeps its mode and
/// owner; a new one is created 0600 (it may hold passwords).
///
/// A one-shot command ([`FileBackend::holding`]) takes the lock when it
/// first reads and keeps it until it ends, so concurrent one-shot commands
/// run one after the other and none is refused.
pub struct FileBackend {
    pub path: PathBuf,
    hold: bool,
    held: std::cell::RefCell<Option<safe_file::Locked>>,
}

impl FileBackend {
    /// Locks only around each commit (the interactive shell).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FileBackend {
            path: path.into(),
            hold: false,
            held: Default::default(),
        }
    }

    /// Locks at the first read and holds the lock for its lifetime.
    pub fn holding(path: impl Into<PathBuf>) -> Self {
        FileBackend {
            hold: true,
            ..FileBackend::new(path)
        }
    }

    /// The held lock, taken now if not yet (the file created when
    /// missing); `None` when not holding or the file is no regular file.
    fn hold_lock(&self) -> Result<bool> {
        if !self.hold {
            return Ok(false);
        }
        if self.held.borrow().is_some() {
            return Ok(true);
        }
        loop {
            match safe_file::Locked::lock(&self.path) {
                Ok(Some(locked)) => {
                    *self.held.borrow_mut() = Some(locked);
                    return Ok(true);
                }
                Ok(None) => {
                    self.create(&Cib::empty("pacemaker-3.9"))?;
                }
                // A pipe or device is read without a lock (and never written).
                Err(safe_file::FileError::NotRegular) => return Ok(false),
                Err(e) => return Err(Error::file(&self.path, e)),
            }
        }
    }

    fn parse(&self, bytes: &[u8]) -> Result<Cib> {
        let text = crate::source::utf8(&self.path.display().to_string(), bytes)?;
        Cib::parse(text)
    }

    /// Creates the file with `cib` unless someone else just did: `false` then.
    fn create(&self, cib: &Cib) -> Result<bool> {
        self.trace_write(cib);
        safe_file::create_new(&self.path, cib.to_xml().as_bytes(), 0o600)
            .map_err(|e| Error::file(&self.path, e))
    }

    fn lock(&self) -> Result<Option<safe_file::Locked>> {
        safe_file::Locked::lock(&self.path).map_err(|e| Error::file(&self.path, e))
    }

    fn replace(&self, locked: &mut safe_file::Locked, cib: &Cib) -> Result<()> {
        self.trace_write(cib);
        locked
            .replace(cib.to_xml().as_bytes())
            .map_err(|e| Error::file(&self.path, e))
    }

    fn check_and_replace(
        &self,
        locked: &mut safe_file::Locked,
        cib: &Cib,
        started: &Cib,
    ) -> Result<()> {
        locked
            .check_writable()
            .map_err(|e| Error::file(&self.path, e))?;
        let bytes = locked.contents().map_err(|e| Error::file(&self.path, e))?;
        unchanged_since(started, &self.parse(&bytes)?)?;
        self.replace(locked, cib)
    }

    fn trace_write(&self, cib: &Cib) {
        crate::trace::debug(|| {
            let (admin, epoch, updates) = cib.epoch();
            format!(
                "writing the CIB to {} (admin_epoch {admin}, epoch {epoch}, num_updates {updates})",
                self.path.display()
            )
        });
    }
}

impl Backend for FileBackend {
    /// A missing file is an empty CIB (it is created on the first read, as
    /// Pacemaker's tools do).
    fn read(&self) -> Result<Cib> {
        crate::trace::debug(|| format!("reading the CIB from {}", self.path.display()));
        if self.hold_lock()? {
            if let Some(locked) = self.held.borrow().as_ref() {
                let bytes = locked.contents().map_err(|e| Error::file(&self.path, e))?;
                return self.parse(&bytes);
            }
        }
        loop {
            match std::fs::read(&self.path) {
                Ok(bytes) => return self.parse(&bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let cib = Cib::empty("pacemaker-3.9");
                    if self.create(&cib)? {
                        return Ok(cib);
                    }
                    // Another crm created it meanwhile: read that one.
                }
                Err(e) => return Err(io_error(&self.path, e)),
            }
        }
    }

    /// Writes under the lock, whatever the file holds now (`-F`).
    fn write(&self, cib: &Cib) -> Result<()> {
        if self.hold_lock()? {
            if let Some(locked) = self.held.borrow_mut().as_mut() {
                return self.replace(locked, cib);
            }
        }
        loop {
            match self.lock()? {
                Some(mut locked) => return self.replace(&mut locked, cib),
                None if self.create(cib)? => return Ok(()),
                None => {}
            }
        }
    }

    fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The check and the write are one step under the lock: the file is
    /// read again after the lock is taken.
    fn write_if_unchanged(&self, cib: &Cib, started: &Cib) -> Result<()> {
        if self.hold_lock()? {
            if let Some(locked) = self.held.borrow_mut().as_mut() {
                return self.check_and_replace(locked, cib, started);
            }
        }
        loop {
            match self.lock()? {
                Some(mut locked) => return self.check_and_replace(&mut locked, cib, started),
                None => {
                    // Removed since it was read: a change like any other,
                    // unless what was read was the empty CIB.
                    unchanged_since(started, &Cib::empty("pacemaker-3.9"))?;
                    if self.create(cib)? {
                        return Ok(());
                    }
                }
            }
        }
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}
