//! Running the tools the live benchmark times, each bounded by a time
//! limit: on a loaded machine a cluster daemon can stop answering, and a
//! client that waits for it forever would leave the whole run silent.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one timed run gave.
#[derive(Clone, Copy, Debug)]
pub enum Took {
    Ok(Duration),
    /// The command ran but failed (its message went to stderr).
    Failed,
    /// The command did not finish within the limit (seconds) and was
    /// stopped.
    TimedOut(u64),
}

impl Took {
    pub fn ok(self) -> Option<Duration> {
        match self {
            Took::Ok(d) => Some(d),
            _ => None,
        }
    }
}

/// The fastest of the runs; when none succeeded, why the first did not.
pub fn best(runs: impl IntoIterator<Item = Took>) -> Option<Took> {
    let mut first_bad = None;
    let mut fastest: Option<Duration> = None;
    for r in runs {
        match r {
            Took::Ok(d) => fastest = Some(fastest.map_or(d, |f| f.min(d))),
            bad => {
                first_bad.get_or_insert(bad);
            }
        }
    }
    fastest.map(Took::Ok).or(first_bad)
}

pub struct Done {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `bin ARGS` (never with `CIB_file`: this is the live cluster),
/// with `stdin` fed to it, and stops it after `limit`. `None` when it
/// could not start or was stopped (said on stderr).
pub fn exec(bin: &Path, args: &[&str], stdin: Option<&str>, limit: Duration) -> Option<Done> {
    let mut child = Command::new(bin)
        .args(args)
        .env_remove("CIB_file")
        .env_remove("CIB_shadow")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| eprintln!("crm-bench: cannot start {}: {e}", bin.display()))
        .ok()?;
    // Readers and the writer in threads: a child blocked on a full pipe
    // would otherwise never finish while we wait for it.
    let feed = stdin
        .map(str::to_owned)
        .zip(child.stdin.take())
        .map(|(text, mut pipe)| {
            std::thread::spawn(move || {
                let _ = pipe.write_all(text.as_bytes());
            })
        });
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if Instant::now() > deadline => {
                eprintln!(
                    "crm-bench: {} {} did not finish in {} s; stopped it",
                    bin.display(),
                    short(args),
                    limit.as_secs()
                );
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    if let Some(f) = feed {
        let _ = f.join();
    }
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    status.map(|s| Done {
        ok: s.success(),
        stdout,
        stderr,
    })
}

/// A whole run timed, bounded by `limit`.
pub fn timed(bin: &Path, args: &[&str], stdin: Option<&str>, limit: Duration) -> Took {
    let t = Instant::now();
    let Some(done) = exec(bin, args, stdin, limit) else {
        return Took::TimedOut(limit.as_secs());
    };
    let d = t.elapsed();
    if done.ok {
        Took::Ok(d)
    } else {
        eprintln!(
            "crm-bench: {} {} failed: {}",
            bin.display(),
            short(args),
            why(&done.stderr)
        );
        Took::Failed
    }
}

/// What a failed command said: its error lines (a load's warnings
/// would hide them), else its last lines.
fn why(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let errors: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("ERROR") || l.contains("error"))
        .collect();
    let pick = if errors.is_empty() { &lines } else { &errors };
    pick[pick.len().saturating_sub(3)..].join(" / ")
}

/// The arguments as a message shows them (an inline XML document cut).
fn short(args: &[&str]) -> String {
    let all = args.join(" ");
    match all.char_indices().nth(160) {
        Some((i, _)) => format!("{}…", &all[..i]),
        None => all,
    }
}
