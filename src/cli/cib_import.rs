//! `cib import FILE|NUMBER [NAME]`: a CIB file, or one of the
//! scheduler's saved inputs (`pe-input-N.bz2` and friends), copied into a
//! shadow CIB, status section and all.

use super::Failure;
use crate::cib::process::Call;
use crate::error::{CommandError, Error, ErrorKind};
use std::path::{Path, PathBuf};

/// Where the scheduler keeps its inputs.
pub const PE_STATE_DIR: &str = "/var/lib/pacemaker/pengine";

/// crmsh's test for a shadow name: nothing a path or a glob would read.
pub fn check_name(name: &str) -> Result<(), Failure> {
    if name.is_empty() || name.contains(['\'', '`', '/', '#', '*', '?', '$', '[', ']', ';']) {
        return Err(Error::from(CommandError::BadShadowName {
            name: name.to_string(),
        })
        .into());
    }
    Ok(())
}

/// The file `infile` names: itself when it exists, else a scheduler
/// input of that name or number.
pub fn find_input(infile: &str) -> Result<PathBuf, Failure> {
    let p = Path::new(infile);
    if p.exists() {
        return Ok(p.to_path_buf());
    }
    if infile.contains('/') {
        return Err(Error::from(CommandError::NoSuchFile {
            path: infile.to_string(),
        })
        .into());
    }
    let dir = Path::new(PE_STATE_DIR);
    let entries: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    // crmsh's three patterns, in order: the name, the name with .bz2,
    // and pe-*-NAME.bz2.
    let patterns: [&dyn Fn(&str) -> bool; 3] = [
        &|n: &str| n == infile,
        &|n: &str| n.strip_suffix(".bz2") == Some(infile),
        &|n: &str| {
            n.strip_prefix("pe-")
                .and_then(|r| r.strip_suffix(".bz2"))
                .and_then(|r| r.split_once('-'))
                .is_some_and(|(_, number)| number == infile)
        },
    ];
    for matches in patterns {
        let mut found: Vec<&String> = entries.iter().filter(|n| matches(n)).collect();
        found.sort();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(dir.join(one)),
            many => {
                return Err(Error::from(CommandError::SeveralPeInputs {
                    name: infile.to_string(),
                    files: many
                        .iter()
                        .map(|n| dir.join(n).display().to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                })
                .into())
            }
        }
    }
    Err(Error::from(CommandError::NoPeInput {
        name: infile.to_string(),
    })
    .into())
}

/// The shadow name for an input: its file name without `.bz2`.
pub fn default_name(path: &Path) -> String {
    let base = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    base.strip_suffix(".bz2").unwrap_or(&base).to_string()
}

/// The file's bytes, decompressed when it is a `.bz2`.
fn contents(path: &Path) -> Result<Vec<u8>, Failure> {
    let io = |e: std::io::Error| {
        Failure::from(Error::new(ErrorKind::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }))
    };
    if path.extension().is_some_and(|e| e == "bz2") {
        let o = Call::new("bzip2")
            .args(["-dc", &path.display().to_string()])
            .run_ok()?;
        return Ok(o.stdout.into_bytes());
    }
    std::fs::read(path).map_err(io)
}

/// Copies the input into the shadow `name` (made or replaced); returns
/// the shadow's name.
pub fn import(infile: &str, name: Option<&str>) -> Result<String, Failure> {
    if let Some(n) = name {
        check_name(n)?;
    }
    let path = find_input(infile)?;
    let name = match name {
        Some(n) => n.to_string(),
        None => default_name(&path),
    };
    check_name(&name)?;
    let bytes = contents(&path)?;
    // Pacemaker would refuse anything but a CIB later; say so now.
    let text = String::from_utf8_lossy(&bytes);
    let root = crate::xml::parse(&text).map_err(|e| {
        Failure::from(Error::new(ErrorKind::Cib {
            message: format!("{}: not a CIB: {e}", path.display()),
        }))
    })?;
    if root.name != "cib" {
        return Err(Error::new(ErrorKind::Cib {
            message: format!(
                "{}: not a CIB (its root is <{}>)",
                path.display(),
                root.name
            ),
        })
        .into());
    }
    let target = super::shadow_dir().join(format!("shadow.{name}"));
    crate::safe_file::write_private(&target, &bytes)
        .map_err(|e| Failure::from(Error::file(&target, e)))?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_would_be_paths_are_refused() {
        assert!(check_name("trial-1").is_ok());
        for bad in ["a/b", "x*", "it's", ""] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_shadow_is_named_after_the_file() {
        assert_eq!(default_name(Path::new("/x/pe-input-12.bz2")), "pe-input-12");
        assert_eq!(default_name(Path::new("cib.xml")), "cib.xml");
    }
}
