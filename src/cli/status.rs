//! `crm status` (crm_mon one-shot) and `-w`: waiting for the cluster to
//! settle.

use super::{Failure, Output};
use crate::cib::process::Call;

/// crmsh's words for crm_mon's options; an unknown word is passed on.
fn option(word: &str) -> &str {
    match word {
        "bynode" => "-n",
        "inactive" => "-r",
        "ops" => "-o",
        "timing" => "-t",
        "failcounts" => "-f",
        "verbose" => "-V",
        "quiet" => "-Q",
        "html" => "--output-as=html",
        "xml" => "--output-as=xml",
        "simple" => "-s",
        "tickets" => "-c",
        "noheaders" => "-D",
        "detail" => "-R",
        "brief" => "-b",
        "full" => "-ncrft",
        other => other,
    }
}

/// `status [OPTION...]`: `crm_mon -1`, with `-r` when no option is given.
pub fn run(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let mut call = Call::new("crm_mon").arg("-1");
    if words.is_empty() {
        call = call.arg("-r");
    }
    call = call.args(words.iter().map(|w| option(w)));
    let result = call.run()?;
    if !result.success() {
        return Err(call.failure(&result).into());
    }
    out.print(&result.stdout);
    Ok(())
}

/// Waits until the cluster has no pending actions (`crm_resource --wait`),
/// printing a dot a second so a long wait does not look like a hang.
pub fn wait_for_idle(out: &mut Output) -> Result<(), Failure> {
    if std::env::var_os("CIB_file").is_some() || crate::cib::shadow_in_use().is_some() {
        // A file or a shadow has no cluster acting on it.
        return Ok(());
    }
    let call = Call::new("crm_resource").args(["--wait", "--timeout", "300s"]);
    out.progress("INFO: waiting for the cluster to settle");
    let result = call.run_with_progress(&mut || out.progress("."))?;
    out.progress("\n");
    if !result.success() {
        return Err(call.failure(&result).into());
    }
    Ok(())
}
