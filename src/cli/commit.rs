//! Committing a session's CIB: the one path every change takes, whether it
//! came from `configure`, `resource start` or `node maintenance`.

use super::{Failure, Output};
use crate::cib::{Backend, Cib};
use crate::error::Notice;
use crate::error::{Error, ErrorKind};
use std::io::{BufRead, IsTerminal, Write};

/// How a commit may proceed past a check.
#[derive(Debug, Clone, Copy, Default)]
pub struct CommitOptions {
    /// `-F` or `commit force`: past a concurrent change and crm_verify
    /// errors, without asking.
    pub force: bool,
    /// `-w`: wait for the cluster to settle afterwards.
    pub wait: bool,
    /// The configure level already ran the grammar check and crmsh's checks
    /// (crm_verify, the semantic checks) and settled what they found.
    pub checked: bool,
}

/// A commit made by a command of another level than configure: when
/// the command changed nothing, nothing is said (as crmsh).
pub fn commit_quietly(
    backend: &dyn Backend,
    started: &Cib,
    cib: Cib,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    if cib.configuration() == started.configuration() {
        return Ok(());
    }
    // crmsh checks statements on configure's commit only, so a command
    // of another level (a resource's meta attribute, a traced op) warns
    // of nothing; only the note that validation was skipped is kept.
    commit_with(backend, started, cib, opts, out, false)
}

/// Writes `cib` if it differs from `started` (the CIB the session read).
/// On any refusal nothing is written and `cib` is untouched, so an
/// interactive session keeps its edits.
pub fn commit(
    backend: &dyn Backend,
    started: &Cib,
    cib: Cib,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    commit_with(backend, started, cib, opts, out, true)
}

fn commit_with(
    backend: &dyn Backend,
    started: &Cib,
    cib: Cib,
    opts: CommitOptions,
    out: &mut Output,
    configure_checks: bool,
) -> Result<(), Failure> {
    let mut next = cib;
    let cib = &next;
    // `schema NAME`/`upgrade` change only the root's validate-with.
    let same_schema = cib.root.get("validate-with") == started.root.get("validate-with");
    if cib.configuration() == started.configuration() && same_schema {
        out.info(&crate::notice::Told::NothingToCommit.to_string());
        out.info(&crate::notice::Told::TryChanging.to_string());
        return Ok(());
    }
    let clock = std::time::Instant::now();
    let lap = |what: &str| {
        crate::trace::debug(|| {
            format!(
                "commit: {what} done at {:.1} ms",
                clock.elapsed().as_secs_f64() * 1000.0
            )
        })
    };
    // crm_verify runs Pacemaker's scheduler in a process of its own
    // (over a second for a load of 5,000 primitives): started first, it
    // works while our own checks run, and its answer is taken after them.
    let verifying = (backend.is_live() && !opts.checked)
        .then(|| start_verify(started, cib))
        .flatten();
    let checked = own_checks(backend, started, cib, opts, configure_checks, out, &lap);
    // Waited for on every path, so that no crm_verify outlives us.
    let verified = verifying.map(|v| v.join());
    let overwrite = checked?;
    if let Some(verified) = verified {
        verify_before_commit(verified, opts, out)?;
        lap("crm_verify");
    }
    next.bump_epoch();
    if overwrite {
        backend.write(&next)?;
    } else {
        // Checked (again) as part of the write: a change made while we
        // verified is not overwritten either.
        backend.write_if_unchanged(&next, started)?;
    }
    lap("write");
    // A large CIB takes longer to free than the process takes to exit.
    std::mem::forget(next);
    if opts.wait && backend.is_live() {
        super::status::wait_for_idle(out)?;
    }
    Ok(())
}

/// Our grammar and semantic checks, and (where the write is not itself
/// conditional) the version check: whether to overwrite a concurrent
/// change (`-F` only).
fn own_checks(
    backend: &dyn Backend,
    started: &Cib,
    cib: &Cib,
    opts: CommitOptions,
    configure_checks: bool,
    out: &mut Output,
    lap: &dyn Fn(&str),
) -> Result<bool, Failure> {
    if !opts.checked {
        check_grammar(backend, started, cib, configure_checks, out)?;
        lap("grammar check");
    }
    // crmsh's semantic checks: the agents' and Pacemaker's metadata, made
    // on configure's commits only, as crmsh makes them (the configure
    // level's own run, with crmsh's messages, sets `checked`).
    if !opts.checked && configure_checks {
        crate::check::before_commit(
            started,
            cib,
            opts.force,
            &mut |q| std::io::stdin().is_terminal() && ask(&format!("{q} ")),
            out,
        )?;
        lap("semantic checks");
    }
    let mut overwrite = false;
    // A live write is itself conditional (a versioned patch that the CIB
    // manager refuses once the configuration moved): a check before it
    // would only cost one more round trip to the cluster.
    let write_is_the_check = backend.is_live() && !opts.force;
    if !write_is_the_check {
        match backend.check_unchanged(started) {
            Ok(()) => {}
            Err(e) if opts.force && matches!(*e.kind, ErrorKind::CibChanged { .. }) => {
                out.warning(&crate::i18n::error_text(&e));
                out.info(&crate::notice::Told::OverwritingOtherChange.to_string());
                overwrite = true;
            }
            Err(e) => return Err(e.into()),
        }
        lap("version check");
    }
    Ok(overwrite)
}

/// Nothing invalid is written: our checks and Pacemaker's grammar, before
/// anything else looks at the candidate.
pub fn check_grammar(
    backend: &dyn Backend,
    started: &Cib,
    cib: &Cib,
    configure_checks: bool,
    out: &mut Output,
) -> Result<(), Failure> {
    let baseline = crate::schema::Baseline {
        cib: started,
        validated: backend.is_live(),
    };
    let checked = crate::schema::check_commit(cib, Some(baseline)).map_err(|e| {
        let (error, source) = cib.origins.attach(e);
        Failure { error, source }
    })?;
    for notice in checked.notices_to_show(cib) {
        // Another level's commit (a meta attribute, a traced op) warns of
        // nothing but skipped validation, as crmsh.
        if configure_checks || matches!(notice, Notice::ValidationSkipped { .. }) {
            out.warning(&crate::i18n::commit_notice_text(&notice));
        }
    }
    Ok(())
}

/// A crm_verify run under way on its own thread.
type Verifying = std::thread::JoinHandle<crate::error::Result<Option<String>>>;

/// Starts crm_verify on the candidate configuration, as crmsh runs it
/// before a live commit — on the part the change can affect (see
/// `cib::verification_cib`), so its cost follows the change. `None`
/// when there is nothing to verify.
fn start_verify(started: &Cib, cib: &Cib) -> Option<Verifying> {
    // Only the resource section makes crm_verify's findings matter: with
    // no primitive at all crmsh skips the check too.
    let has_primitive = {
        let mut found = false;
        cib.configuration()
            .walk(&mut |e| found |= e.name == "primitive");
        found
    };
    if !has_primitive {
        return None;
    }
    let xml = crate::cib::verification_cib(started, cib).to_xml();
    Some(std::thread::spawn(move || {
        crate::cib::process::crm_verify(&xml)
    }))
}

/// What crm_verify found: errors refuse the commit unless forced; a
/// person at a terminal is asked; a script (stdin not a terminal) is
/// never asked.
fn verify_before_commit(
    verified: std::thread::Result<crate::error::Result<Option<String>>>,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    // The thread only runs a process; should it have panicked anyway,
    // the commit goes without crm_verify's report as when it is not
    // installed, rather than failing.
    let Ok(verified) = verified else {
        return Ok(());
    };
    let report = match verified {
        Ok(Some(r)) => r,
        Ok(None) => return Ok(()),
        Err(e) => match &*e.kind {
            ErrorKind::Cib { message } => message.clone(),
            _ => return Err(e.into()),
        },
    };
    let errors: Vec<&str> = report
        .lines()
        .filter(|l| l.contains("error:") || l.contains("Errors found"))
        .collect();
    for line in report.lines().filter(|l| l.contains("warning:")) {
        out.warning(line.trim());
    }
    if errors.is_empty() {
        return Ok(());
    }
    let text = errors.join("\n");
    if opts.force {
        for line in &errors {
            out.warning(line.trim());
        }
        out.info(&crate::notice::Notice::CommitForced.to_string());
        return Ok(());
    }
    if std::io::stdin().is_terminal() {
        for line in &errors {
            out.warning(line.trim());
        }
        if ask("Do you still want to commit (y/n)? ") {
            return Ok(());
        }
    }
    Err(Error::new(ErrorKind::VerifyRefused { report: text }).into())
}

/// A y/n question on the terminal; anything but y/yes is no.
fn ask(question: &str) -> bool {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}
