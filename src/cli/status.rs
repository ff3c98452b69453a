//! `crm status` (crm_mon one-shot) and `-w`: waiting for the cluster to
//! settle.

use super::{Failure, Output};
use crate::cib::process::Call;
use crate::error::{Error, ErrorKind};
use std::time::{Duration, Instant};

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
    if words.contains(&"json") {
        return json(words, out);
    }
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

/// `status json`: crm_mon's XML answer as [`crate::json::Status`].
fn json(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    if words != ["json"] {
        return Err(super::usage(
            &crate::notice::Misuse::Syntax {
                usage: "status json".into(),
            }
            .to_string(),
        )
        .into());
    }
    let root = super::json_mode::tool_xml(crm_mon_xml())?;
    out.print(&crate::json::render(&crate::json::status(&root)));
    Ok(())
}

/// crm_mon's one-shot XML report, inactive resources included.
pub(super) fn crm_mon_xml() -> Call {
    Call::new("crm_mon").args(["-1", "-r"])
}

/// How long `-w` waits at most, as `crm_resource --wait` does by default.
const WAIT_LIMIT: Duration = Duration::from_secs(300);

/// Waits until the cluster has no pending actions, printing a dot a
/// second so a long wait does not look like a hang.
///
/// Settled means what `crm_resource --wait` means: the scheduler, run on
/// the CIB as it is now, wants no action (a non-optional, runnable, real
/// one). We ask it (`crm_simulate --live-check --save-graph`) only while
/// the DC's controller is idle, and look at the controller's state often
/// (`crmadmin --status`, a few milliseconds): so the wait ends as soon as
/// the transition has, instead of after crm_resource's fixed 2-second
/// sleeps. Asking the scheduler, not only watching the DC, also covers
/// the instant before the DC has noticed the change.
pub fn wait_for_idle(out: &mut Output) -> Result<(), Failure> {
    if std::env::var_os("CIB_file").is_some() || crate::cib::shadow_in_use().is_some() {
        // A file or a shadow has no cluster acting on it.
        return Ok(());
    }
    let start = Instant::now();
    let mut announced = false;
    let mut dots = 0;
    let mut pause = Duration::from_millis(20);
    let dc = dc_name();
    loop {
        let idle = dc.as_deref().is_none_or(dc_is_idle);
        if idle && !actions_pending()? {
            break;
        }
        if start.elapsed() > WAIT_LIMIT {
            if announced {
                out.progress("\n");
            }
            return Err(Error::new(ErrorKind::WaitTimedOut {
                seconds: WAIT_LIMIT.as_secs(),
            })
            .into());
        }
        if !announced {
            out.progress("INFO: waiting for the cluster to settle");
            announced = true;
        }
        let seconds = start.elapsed().as_secs();
        while dots < seconds {
            out.progress(".");
            dots += 1;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(200));
    }
    if announced {
        out.progress("\n");
    }
    Ok(())
}

/// The DC's node name, if a DC is known.
fn dc_name() -> Option<String> {
    let out = Call::new("crmadmin")
        .args(["--dc_lookup", "--quiet"])
        .run()
        .ok()?;
    let text = format!("{}{}", out.stdout, out.stderr);
    let name = text.split_whitespace().next()?.to_string();
    (out.success() && !name.is_empty()).then_some(name)
}

/// Whether the DC's controller is in `S_IDLE` (no transition running or
/// being computed). An unanswered question counts as idle: the scheduler
/// is asked then.
fn dc_is_idle(dc: &str) -> bool {
    match Call::new("crmadmin")
        .args(["--status", dc, "--quiet"])
        .run()
    {
        Ok(out) if out.success() => {
            let text = format!("{}{}", out.stdout, out.stderr);
            text.contains("S_IDLE")
        }
        _ => true,
    }
}

/// Whether the scheduler, on the live CIB, has actions left to do: the
/// transition graph it would run holds a resource operation or a cluster
/// event other than a notification.
fn actions_pending() -> Result<bool, Failure> {
    let graph = crate::cib::PrivateFile::create("graph", "")?;
    let call = Call::new("crm_simulate")
        .args(["--live-check", "--quiet", "--save-graph"])
        .arg(graph.path.display().to_string());
    let result = call.run()?;
    if !result.success() {
        return Err(call.failure(&result).into());
    }
    let text = std::fs::read_to_string(&graph.path).unwrap_or_default();
    let graph = crate::xml::parse(&text).map_err(|e| {
        Error::new(ErrorKind::ToolFailed {
            call: call.describe(),
            status: result.status(),
            stderr: e.to_string(),
        })
    })?;
    Ok(graph.walk_any(&|e| {
        matches!(e.name.as_str(), "rsc_op" | "crm_event") && e.get("operation") != Some("notify")
    }))
}
