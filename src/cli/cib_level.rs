//! The `cib` level: shadow CIBs through `crm_shadow` in batch mode.
//! `crm -c NAME …` (or `CIB_shadow=NAME`) makes every command work on the
//! shadow instead of the cluster.

use super::{run_tool, usage, Failure, Output};
use crate::cib::process::Call;
use crate::cib::shadow_in_use;
use std::path::PathBuf;

pub fn run(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    match words {
        ["new", rest @ ..] => new(rest, out),
        ["use"] | ["use", "live"] => {
            out.info("one-shot commands use the live cluster unless given `crm -c NAME …` or CIB_shadow=NAME");
            Ok(())
        }
        ["use", name] => {
            require_exists(name)?;
            out.info(&format!(
                "`cib use` lasts only for one crm process; run `crm -c {name} …` or export CIB_shadow={name}"
            ));
            Ok(())
        }
        ["commit"] => match shadow_in_use() {
            Some(name) => commit(&name, out),
            None => Err(usage("cib commit: name the shadow CIB to commit").into()),
        },
        ["commit", name] => commit(name, out),
        ["delete", name] => {
            if shadow_in_use().as_deref() == Some(*name) {
                return Err(failed("delete", format!("{name} shadow CIB is in use")));
            }
            echo(&format!("-D '{name}' --force"));
            quiet(&Call::new("crm_shadow").args(["-b", "-D", name, "--force"]))?;
            out.info(&format!("cib.delete: {name} shadow CIB deleted"));
            Ok(())
        }
        ["reset", name] => {
            echo(&format!("-r '{name}'"));
            quiet(&Call::new("crm_shadow").args(["-b", "-r", name]))?;
            out.info(&format!("cib.reset: copied live CIB to {name}"));
            Ok(())
        }
        ["diff"] => run_tool(&Call::new("crm_shadow").args(["-b", "-d"]), out),
        ["list"] => {
            out.print(&shadow_names().join("\n"));
            Ok(())
        }
        _ => Err(super::bad_arguments(super::Level::Cib, words).into()),
    }
}

fn new(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let name = words
        .iter()
        .find(|w| !matches!(**w, "withstatus" | "force" | "empty"))
        .ok_or_else(|| usage("usage: cib new NAME [empty] [force]"))?;
    let flag = if words.contains(&"empty") { "-e" } else { "-c" };
    let mut c = Call::new("crm_shadow").args(["-b", flag, name]);
    let force = words.contains(&"force") || crate::crm_conf::flag("core", "force");
    if force {
        c = c.arg("--force");
    }
    echo(&format!(
        "{flag} '{name}'{}",
        if force { " --force" } else { "" }
    ));
    // crm_shadow copies the live CIB: a shadow in use must not be its source.
    quiet(&c.without_env("CIB_shadow"))?;
    out.info(&format!("cib.new: {name} shadow CIB created"));
    Ok(())
}

fn commit(name: &str, out: &mut Output) -> Result<(), Failure> {
    require_exists(name)?;
    echo(&format!("-C '{name}' --force"));
    quiet(
        &Call::new("crm_shadow")
            .args(["-b", "-C", name, "--force"])
            .without_env("CIB_shadow"),
    )?;
    out.info(&format!(
        "cib.commit: committed '{name}' shadow CIB to the cluster"
    ));
    Ok(())
}

/// crmsh's transcript line for its crm_shadow call (`-R`).
fn echo(args: &str) {
    crate::regression::external(&format!(">/dev/null </dev/null crm_shadow -b {args}"));
}

fn failed(command: &str, message: String) -> Failure {
    crate::error::Error::new(crate::error::ErrorKind::CommandFailed {
        command: format!("cib.{command}"),
        message,
    })
    .into()
}

/// crm_shadow tells the user to paste shell lines even in batch mode;
/// crm prints its own one-line message instead, and the tool's output
/// only when the tool failed.
fn quiet(call: &Call) -> Result<(), Failure> {
    call.run_ok()?;
    Ok(())
}

/// Where Pacemaker keeps shadow CIBs.
pub fn shadow_dir() -> PathBuf {
    std::env::var_os("CIB_shadow_dir")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/lib/pacemaker/cib"))
}

/// The names of the shadow CIBs, sorted.
pub fn shadow_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(shadow_dir())
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .strip_prefix("shadow.")
                        .map(String::from)
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

pub fn require_exists(name: &str) -> Result<(), Failure> {
    if shadow_dir().join(format!("shadow.{name}")).exists() {
        return Ok(());
    }
    Err(usage(&format!("{name}: no such shadow CIB (see `crm cib list`)")).into())
}
