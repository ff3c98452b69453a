//! The `cib` level: shadow CIBs through `crm_shadow` in batch mode.
//! `crm -c NAME …` (or `CIB_shadow=NAME`) makes every command work on the
//! shadow instead of the cluster.

use super::{usage, Failure, Output};
use crate::cib::process::Call;
use crate::cib::shadow_in_use;
use crate::error::{CommandError, Error};
use crate::notice::Said;
use std::path::PathBuf;

/// A one-shot `cib …` command. `new`, `import` and `use` switch the
/// shell to a shadow; a one-shot crm ends right after, so (as in crmsh)
/// the switch is not kept and nothing is said about it.
pub fn run(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    switch(super::Level::Cib, words, out).map(|_| ())
}

/// What a cib command asks the shell to work on next.
pub enum Switch {
    Stay,
    Live,
    Shadow(String),
}

/// Runs a cib command; the shell then uses what it returns. `at` is the
/// level it was given at (the cib level, or `configure cib`): crmsh's
/// messages name it (`cib.new:`, `configure.cib.new:`).
pub fn switch(at: super::Level, words: &[&str], out: &mut Output) -> Result<Switch, Failure> {
    super::alias_notice(super::Level::Cib, words, out);
    let at = at.path().replace(' ', ".");
    match words {
        ["new", rest @ ..] => Ok(Switch::Shadow(new(&at, rest, out)?)),
        ["import", file] => Ok(Switch::Shadow(super::cib_import::import(file, None)?)),
        ["import", file, name] => Ok(Switch::Shadow(super::cib_import::import(file, Some(name))?)),
        ["use"] | ["use", "live"] | ["use", "live", "withstatus"] => Ok(Switch::Live),
        ["use", name] | ["use", name, "withstatus"] => {
            super::cib_import::check_name(name)?;
            require_exists(name)?;
            Ok(Switch::Shadow(name.to_string()))
        }
        ["use", _, other] => Err(Error::from(CommandError::ExpectedWithStatus {
            word: other.to_string(),
        })
        .into()),
        other => {
            run_other(&at, other, out)?;
            Ok(Switch::Stay)
        }
    }
}

fn run_other(at: &str, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    match words {
        ["commit"] => match shadow_in_use() {
            Some(name) => commit(at, &name, out),
            None => Err(Error::from(CommandError::NothingToCommit).into()),
        },
        ["commit", name] => commit(at, name, out),
        ["delete", name] => {
            if shadow_in_use().as_deref() == Some(*name) {
                return Err(failed(at, "delete", format!("{name} shadow CIB is in use")));
            }
            echo(&format!("-D '{name}' --force"));
            quiet(&Call::new("crm_shadow").args(["-b", "-D", name, "--force"]))?;
            out.info(
                &Said::ShadowDeleted {
                    at: at.to_string(),
                    name: name.to_string(),
                }
                .to_string(),
            );
            Ok(())
        }
        ["reset", name] => {
            super::cib_import::check_name(name)?;
            echo(&format!("-r '{name}'"));
            quiet(&Call::new("crm_shadow").args(["-b", "-r", name]))?;
            out.info(
                &Said::ShadowReset {
                    at: at.to_string(),
                    name: name.to_string(),
                }
                .to_string(),
            );
            Ok(())
        }
        ["diff"] => diff(out),
        ["list", "json"] => {
            out.print(&crate::json::render(&crate::json::ShadowList {
                shadows: shadow_names(),
            }));
            Ok(())
        }
        ["list"] => {
            out.print(&super::ra::multicolumn(
                &shadow_names(),
                super::ra::terminal_width(),
            ));
            Ok(())
        }
        _ => Err(super::bad_arguments(super::Level::Cib, words).into()),
    }
}

/// `diff`: crm_shadow's diff of the shadow in use against the cluster.
/// As in crmsh its exit status is not ours: crm_shadow exits 1 when
/// there are differences (that is the answer), and with no shadow in use
/// its own message says so.
fn diff(out: &mut Output) -> Result<(), Failure> {
    let call = Call::new("crm_shadow").args(["-b", "-d"]);
    let o = call.run()?;
    out.print(&o.stdout);
    if !o.stderr.trim().is_empty() {
        out.progress(&o.stderr);
    }
    Ok(())
}

/// `new [NAME] [withstatus] [force] [empty]`; without NAME a temporary
/// shadow (`crmsh_…`). Returns the shadow's name.
fn new(at: &str, words: &[&str], out: &mut Output) -> Result<String, Failure> {
    let opts = ["withstatus", "force", "--force", "empty"];
    let names: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !opts.contains(w))
        .collect();
    let (name, temporary) = match names.as_slice() {
        [] => (temporary_name(), true),
        [n] => {
            super::cib_import::check_name(n)?;
            if matches!(*n, "live" | "@tmp@") {
                return Err(Error::from(CommandError::BadShadowName {
                    name: n.to_string(),
                })
                .into());
            }
            (n.to_string(), false)
        }
        _ => {
            return Err(usage(
                &crate::notice::Misuse::Syntax {
                    usage: "cib new [NAME] [withstatus] [force] [empty]".into(),
                }
                .to_string(),
            )
            .into())
        }
    };
    let flag = if words.contains(&"empty") { "-e" } else { "-c" };
    let mut c = Call::new("crm_shadow").args(["-b", flag, &name]);
    let force = temporary
        || words.contains(&"force")
        || words.contains(&"--force")
        || crate::crm_conf::flag("core", "force");
    if force {
        c = c.arg("--force");
    }
    echo(&format!(
        "{flag} '{name}'{}",
        if force { " --force" } else { "" }
    ));
    // crm_shadow copies the live CIB: a shadow in use must not be its source.
    quiet(&c.without_env("CIB_shadow"))?;
    out.info(
        &Said::ShadowCreated {
            at: at.to_string(),
            name: name.clone(),
        }
        .to_string(),
    );
    Ok(name)
}

/// `crmsh_` and eight random letters, not yet taken.
fn temporary_name() -> String {
    let mut seed = std::process::id() as u64
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
    loop {
        let mut s = String::from("crmsh_");
        for _ in 0..8 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push((b'a' + ((seed >> 33) % 26) as u8) as char);
        }
        if !shadow_dir().join(format!("shadow.{s}")).exists() {
            return s;
        }
    }
}

fn commit(at: &str, name: &str, out: &mut Output) -> Result<(), Failure> {
    require_exists(name)?;
    echo(&format!("-C '{name}' --force"));
    quiet(
        &Call::new("crm_shadow")
            .args(["-b", "-C", name, "--force"])
            .without_env("CIB_shadow"),
    )?;
    out.info(
        &Said::ShadowCommitted {
            at: at.to_string(),
            name: name.to_string(),
        }
        .to_string(),
    );
    Ok(())
}

/// crmsh's transcript line for its crm_shadow call (`-R`).
fn echo(args: &str) {
    crate::regression::external(&format!(">/dev/null </dev/null crm_shadow -b {args}"));
}

fn failed(at: &str, command: &str, message: String) -> Failure {
    crate::error::Error::new(crate::error::ErrorKind::CommandFailed {
        command: format!("{at}.{command}"),
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
    Err(usage(
        &crate::notice::Misuse::NoSuchShadow {
            name: name.to_string(),
        }
        .to_string(),
    )
    .into())
}
