//! Writing files that other people read, share or attack: the CIB file,
//! `configure save`, pm_crmgen's `-o`. The only code that makes the file
//! system calls this takes (through rustix).
//!
//! - New content goes to a temp file in the target's own directory, created
//!   `O_CREAT | O_EXCL | O_NOFOLLOW` under an unpredictable name with mode
//!   0600, and is renamed over the target: readers see the old file or the
//!   new one, a symlink planted at a temp name is never followed, and a copy
//!   left behind by a kill is private.
//! - The new file gets the mode and owner of the file it replaces (a file
//!   whose owner cannot be kept is refused, not silently given away); a new
//!   file gets the mode asked for.
//! - A symlink is written through: its target is replaced, the link stays.
//! - The temp file is fsynced before the rename, the directory after it.
//! - [`Locked`] is an exclusive `flock(2)` on the file itself, re-taken when
//!   a writer renamed a new file over the name while we waited. Every crm
//!   process takes it around read-check-write, so two crm writers are
//!   serialized. It is advisory: programs that do not take it (`cibadmin`
//!   with `CIB_file`, an editor) are not held back; against them only the
//!   re-read under the lock helps, which sees any change they finished
//!   before it.

use rustix::fs::{self as rfs, Access, AtFlags, FlockOperation, Mode, OFlags, RenameFlags};
use rustix::io::Errno;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::os::fd::OwnedFd;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

/// Why a file was not written.
#[derive(Debug)]
pub enum FileError {
    /// The directory could not be opened or the new file not created there.
    Open(io::Error),
    Io(io::Error),
    /// No write permission on the file (its mode has no write bit, or it
    /// does not grant one to us).
    ReadOnly,
    /// A directory, device or pipe where a regular file was expected.
    NotRegular,
    /// A symbolic link whose target does not exist.
    DanglingLink,
    /// The file belongs to another user, which a replacement made by us
    /// could not keep.
    Owner {
        uid: u32,
        gid: u32,
    },
}

impl From<io::Error> for FileError {
    fn from(e: io::Error) -> Self {
        FileError::Io(e)
    }
}

impl From<Errno> for FileError {
    fn from(e: Errno) -> Self {
        FileError::Io(e.into())
    }
}

pub type Result<T> = std::result::Result<T, FileError>;

/// Where a path's file lives: its directory, opened once so that every
/// later step is relative to the same directory, and its name in it.
struct Place {
    dir: OwnedFd,
    name: OsString,
}

impl Place {
    /// Symlinks are followed to the file they name.
    fn of(path: &Path) -> Result<Place> {
        let real = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(path) {
                Ok(p) => p,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(FileError::DanglingLink)
                }
                Err(e) => return Err(e.into()),
            },
            _ => path.to_path_buf(),
        };
        let name = real
            .file_name()
            .ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?
            .to_os_string();
        let dir = match real.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = rfs::open(
            &dir,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| FileError::Open(e.into()))?;
        Ok(Place { dir, name })
    }

    fn temp_prefix(&self) -> Vec<u8> {
        let mut p = b".".to_vec();
        p.extend_from_slice(self.name.as_bytes());
        p.push(b'.');
        p
    }

    /// `.NAME.<16 random hex digits>.crmtmp`
    fn temp_name(&self) -> Result<OsString> {
        let mut random = [0u8; 8];
        rustix::rand::getrandom(&mut random, rustix::rand::GetRandomFlags::empty())?;
        let mut n = self.temp_prefix();
        for b in random {
            n.extend_from_slice(format!("{b:02x}").as_bytes());
        }
        n.extend_from_slice(TEMP_SUFFIX);
        Ok(OsString::from_vec(n))
    }

    fn is_our_temp(&self, entry: &[u8]) -> bool {
        let prefix = self.temp_prefix();
        entry.len() == prefix.len() + 16 + TEMP_SUFFIX.len()
            && entry.starts_with(&prefix)
            && entry.ends_with(TEMP_SUFFIX)
            && entry[prefix.len()..prefix.len() + 16]
                .iter()
                .all(u8::is_ascii_hexdigit)
    }

    /// Holds the directory lock while `f` runs: it keeps a writer that
    /// creates a new file apart from one that sweeps stale temp files.
    fn with_dir_lock<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        rfs::flock(&self.dir, FlockOperation::LockExclusive)?;
        let r = f();
        let _ = rfs::flock(&self.dir, FlockOperation::Unlock);
        r
    }

    /// Removes temp files a killed writer of this file left behind: ours
    /// by name, a regular file, owned by us.
    fn sweep(&self) -> Result<()> {
        let me = rustix::process::geteuid().as_raw();
        self.with_dir_lock(|| {
            let dir = rfs::Dir::read_from(&self.dir)?;
            for entry in dir {
                let Ok(entry) = entry else { break };
                let name = entry.file_name().to_bytes();
                if !self.is_our_temp(name) {
                    continue;
                }
                let name = OsStr::from_bytes(name);
                match rfs::statat(&self.dir, name, AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(st) if is_regular(st.st_mode) && st.st_uid == me => {
                        crate::trace::debug(|| {
                            format!("removing a stale temp file {}", name.to_string_lossy())
                        });
                        let _ = rfs::unlinkat(&self.dir, name, AtFlags::empty());
                    }
                    _ => {}
                }
            }
            Ok(())
        })
    }

    /// Writes `bytes` to a new private temp file, gives it `mode` and
    /// (when given) the owner, fsyncs it; returns its name and the file,
    /// locked: once renamed, the new file is ours before anyone sees it.
    fn write_temp(
        &self,
        bytes: &[u8],
        mode: u32,
        owner: Option<(u32, u32)>,
    ) -> Result<(OsString, File)> {
        let mut last = Errno::EXIST;
        for _ in 0..16 {
            let name = self.temp_name()?;
            let fd = match rfs::openat(
                &self.dir,
                &name,
                OFlags::RDWR | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o600),
            ) {
                Ok(fd) => fd,
                Err(e) if e == Errno::EXIST => {
                    last = e;
                    continue;
                }
                Err(e) => return Err(FileError::Open(e.into())),
            };
            let mut file = File::from(fd);
            let done = (|| -> Result<()> {
                rfs::flock(&file, FlockOperation::NonBlockingLockExclusive)?;
                file.write_all(bytes)?;
                if let Some((uid, gid)) = owner {
                    let st = rfs::fstat(&file)?;
                    if (st.st_uid, st.st_gid) != (uid, gid) {
                        rfs::fchown(
                            &file,
                            Some(rustix::fs::Uid::from_raw(uid)),
                            Some(rustix::fs::Gid::from_raw(gid)),
                        )
                        .map_err(|e| match e {
                            Errno::PERM => FileError::Owner { uid, gid },
                            e => e.into(),
                        })?;
                    }
                }
                // After fchown, which may clear set-id bits.
                rfs::fchmod(&file, Mode::from_raw_mode(mode & 0o7777))?;
                file.sync_all()?;
                Ok(())
            })();
            if let Err(e) = done {
                let _ = rfs::unlinkat(&self.dir, &name, AtFlags::empty());
                return Err(e);
            }
            return Ok((name, file));
        }
        Err(last.into())
    }

    fn sync_dir(&self) -> Result<()> {
        match rfs::fsync(&self.dir) {
            // Some file systems cannot sync a directory; the rename stands.
            Err(Errno::INVAL) | Err(Errno::NOTSUP) => Ok(()),
            r => Ok(r?),
        }
    }

    /// Creates the file with `bytes` unless a file of that name exists:
    /// `Ok(false)` then, and nothing is written.
    fn create(&self, bytes: &[u8], mode: u32) -> Result<bool> {
        self.with_dir_lock(|| {
            let (tmp, _file) = self.write_temp(bytes, mode, None)?;
            let moved = match rfs::renameat_with(
                &self.dir,
                &tmp,
                &self.dir,
                &self.name,
                RenameFlags::NOREPLACE,
            ) {
                // File systems without renameat2: a hard link fails on an
                // existing name just as well.
                Err(Errno::INVAL) | Err(Errno::NOSYS) => {
                    let linked =
                        rfs::linkat(&self.dir, &tmp, &self.dir, &self.name, AtFlags::empty());
                    let _ = rfs::unlinkat(&self.dir, &tmp, AtFlags::empty());
                    linked
                }
                r => r,
            };
            match moved {
                Ok(()) => {
                    self.sync_dir()?;
                    Ok(true)
                }
                Err(e) => {
                    let _ = rfs::unlinkat(&self.dir, &tmp, AtFlags::empty());
                    if e == Errno::EXIST {
                        Ok(false)
                    } else {
                        Err(e.into())
                    }
                }
            }
        })
    }
}

const TEMP_SUFFIX: &[u8] = b".crmtmp";

fn is_regular(mode: u32) -> bool {
    rfs::FileType::from_raw_mode(mode) == rfs::FileType::RegularFile
}

/// An existing regular file, locked exclusively for as long as this lives.
pub struct Locked {
    place: Place,
    file: File,
}

impl Locked {
    /// Locks the file at `path` (through a symlink); `None` when there is
    /// no file. Waits while another crm holds the lock.
    pub fn lock(path: &Path) -> Result<Option<Locked>> {
        let mut renamed = 0;
        loop {
            let place = Place::of(path)?;
            let fd = match rfs::openat(
                &place.dir,
                &place.name,
                OFlags::RDONLY
                    | OFlags::CLOEXEC
                    | OFlags::NONBLOCK
                    | OFlags::NOCTTY
                    | OFlags::NOFOLLOW,
                Mode::empty(),
            ) {
                Ok(fd) => fd,
                Err(Errno::NOENT) => return Ok(None),
                // The name became a symlink after we resolved it.
                Err(Errno::LOOP) if renamed < 100 => {
                    renamed += 1;
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            let st = rfs::fstat(&fd)?;
            if !is_regular(st.st_mode) {
                return Err(FileError::NotRegular);
            }
            if rfs::flock(&fd, FlockOperation::NonBlockingLockExclusive).is_err() {
                crate::trace::debug(|| {
                    format!("waiting for another crm's lock on {}", path.display())
                });
                rfs::flock(&fd, FlockOperation::LockExclusive)?;
            }
            // A writer that held the lock renamed a new file over the
            // name: our lock is on the old one, take it on the new one.
            match rfs::statat(&place.dir, &place.name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(now) if (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino) => {
                    return Ok(Some(Locked {
                        place,
                        file: File::from(fd),
                    }))
                }
                _ if renamed < 100 => renamed += 1,
                Ok(_) => return Err(io::Error::from(io::ErrorKind::Interrupted).into()),
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The whole content, as it is under the lock.
    pub fn contents(&self) -> Result<Vec<u8>> {
        let mut f = &self.file;
        f.rewind()?;
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// Refuses a file we may not write: no write bit at all (even for
    /// root, who could), or none that applies to us.
    pub fn check_writable(&self) -> Result<()> {
        let st = rfs::fstat(&self.file)?;
        if st.st_mode & 0o222 == 0 {
            return Err(FileError::ReadOnly);
        }
        match rfs::accessat(
            &self.place.dir,
            &self.place.name,
            Access::WRITE_OK,
            AtFlags::EACCESS,
        ) {
            Err(Errno::ACCESS) | Err(Errno::ROFS) | Err(Errno::PERM) => Err(FileError::ReadOnly),
            _ => Ok(()),
        }
    }

    /// Replaces the file's content, keeping its mode and owner; stale temp
    /// files of earlier, killed writers are removed first. The lock moves
    /// to the new file, so a later read and write see this content.
    pub fn replace(&mut self, bytes: &[u8]) -> Result<()> {
        self.replace_with_mode(bytes, None)
    }

    /// [`Locked::replace`], the new file with `mode` when given.
    pub fn replace_with_mode(&mut self, bytes: &[u8], mode: Option<u32>) -> Result<()> {
        self.check_writable()?;
        self.place.sweep()?;
        let st = rfs::fstat(&self.file)?;
        let mode = mode.unwrap_or(st.st_mode);
        let (tmp, file) = self
            .place
            .write_temp(bytes, mode, Some((st.st_uid, st.st_gid)))?;
        if let Err(e) = rfs::renameat(&self.place.dir, &tmp, &self.place.dir, &self.place.name) {
            let _ = rfs::unlinkat(&self.place.dir, &tmp, AtFlags::empty());
            return Err(e.into());
        }
        self.file = file;
        self.place.sync_dir()
    }
}

/// Creates the file at `path` (mode `mode`) unless one exists:
/// `Ok(false)` then, and nothing is written.
pub fn create_new(path: &Path, bytes: &[u8], mode: u32) -> Result<bool> {
    Place::of(path)?.create(bytes, mode)
}

/// Writes `bytes` to `path`: an existing file is replaced keeping its
/// mode and owner (under the lock), a new one is made with `mode`.
pub fn write(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    write_as(path, bytes, mode, false)
}

/// Writes `bytes` to `path` with mode 0600 whether the file existed or
/// not (its owner is kept): for copies that hold secrets.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_as(path, bytes, 0o600, true)
}

fn write_as(path: &Path, bytes: &[u8], mode: u32, force_mode: bool) -> Result<()> {
    if is_special(path) {
        return write_in_place(path, bytes);
    }
    for _ in 0..100 {
        match Locked::lock(path)? {
            Some(mut locked) => return locked.replace_with_mode(bytes, force_mode.then_some(mode)),
            None => {
                if create_new(path, bytes, mode)? {
                    return Ok(());
                }
            }
        }
    }
    Err(io::Error::from(io::ErrorKind::Interrupted).into())
}

/// Writes into an existing device or pipe (`/dev/stdout`); never creates,
/// replaces or removes anything.
pub fn write_in_place(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
    f.write_all(bytes)?;
    f.flush()?;
    Ok(())
}

/// Device and inode of the file `path` names (through symlinks), to tell
/// whether two paths are one file.
pub fn identity(path: &Path) -> Option<(u64, u64)> {
    let st = rfs::stat(path).ok()?;
    Some((st.st_dev, st.st_ino))
}

/// Whether `path` names an existing file that is not a regular file
/// (a device, a pipe): such a target is written in place, never replaced.
pub fn is_special(path: &Path) -> bool {
    rfs::stat(path).is_ok_and(|st| {
        let t = rfs::FileType::from_raw_mode(st.st_mode);
        t != rfs::FileType::RegularFile && t != rfs::FileType::Directory
    })
}
