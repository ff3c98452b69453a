//! `schema [NAME]` and `upgrade [force]`: which RelaxNG schema the CIB
//! names in `validate-with`, and moving it to the newest one Pacemaker
//! installs. Both change the staged CIB only; `commit` writes them.

use super::{Failure, Output};
use crate::cib::process::Call;
use crate::cib::Cib;
use crate::cib::PrivateFile;
use crate::error::{ConfigureError, Error};
use crate::notice::Told;

/// `schema`: the schema in use; `schema NAME`: use NAME, when Pacemaker
/// has it and the configuration validates against it. True when the CIB
/// changed.
pub fn schema(cib: &mut Cib, name: Option<&str>, out: &mut Output) -> Result<bool, Failure> {
    let current = cib.root.get("validate-with").unwrap_or("").to_string();
    let Some(name) = name else {
        out.print(&current);
        return Ok(false);
    };
    if name == current {
        out.info(&Told::AlreadySchema { name: name.into() }.to_string());
        return Ok(false);
    }
    let dir = crate::schema::schema_dir();
    if crate::schema::locate(&dir, name).is_none() {
        return Err(Error::from(ConfigureError::NoSuchSchema { name: name.into() }).into());
    }
    let mut candidate = cib.clone();
    candidate.root.set("validate-with", name);
    if let Err(e) = crate::schema::relaxng(&candidate) {
        return Err(Error::from(ConfigureError::SchemaConflicts {
            name: name.into(),
            problem: e.kind.to_string(),
        })
        .into());
    }
    cib.root.set("validate-with", name);
    Ok(true)
}

/// The newest `pacemaker-X.Y` schema installed.
fn newest() -> Option<String> {
    let entries = std::fs::read_dir(crate::schema::schema_dir()).ok()?;
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let v = name.strip_prefix("pacemaker-")?.strip_suffix(".rng")?;
            let (a, b) = v.split_once('.')?;
            Some(((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?), name))
        })
        .max()
        .map(|(_, n)| n.trim_end_matches(".rng").to_string())
}

/// `upgrade [force]`: Pacemaker's own upgrade (`cibadmin --upgrade
/// --force`, its XSL transformations: roles, `master` to promotable
/// `clone` where the schema wants it) run on a copy of the staged CIB.
/// As crmsh, only a 0.6 CIB is upgraded without `force`.
pub fn upgrade(cib: &mut Cib, force: bool, out: &mut Output) -> Result<bool, Failure> {
    let current = cib.root.get("validate-with").unwrap_or("").to_string();
    if !force && !current.is_empty() && !current.starts_with("0.6") {
        out.info(&Told::UpgradeNeedsForce { schema: current }.to_string());
        return Ok(false);
    }
    if newest().is_some_and(|n| n == current) {
        out.info(&Told::UpgradeNothing { schema: current }.to_string());
        return Ok(false);
    }
    let file = PrivateFile::create("upgrade", &crate::xml::to_pretty(&cib.root))?;
    crate::regression::external("cibadmin --upgrade --force");
    Call::new("cibadmin")
        .args(["--upgrade", "--force"])
        .with_env("CIB_file", &file.path.display().to_string())
        .without_env("CIB_shadow")
        .run_ok()?;
    let text = std::fs::read_to_string(&file.path).map_err(|e| {
        Error::new(crate::error::ErrorKind::Io {
            path: file.path.display().to_string(),
            message: e.to_string(),
        })
    })?;
    let upgraded = Cib::parse(&text)?;
    let to = upgraded.root.get("validate-with").unwrap_or("").to_string();
    let origins = std::mem::take(&mut cib.origins);
    *cib = upgraded;
    cib.origins = origins;
    out.info(&Told::Upgraded { from: current, to }.to_string());
    Ok(true)
}
