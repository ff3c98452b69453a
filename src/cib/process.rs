//! The one place that starts other programs (Pacemaker's tools). Every
//! call passes its arguments as argv — never through a shell — so a
//! resource or node name can never be read as shell syntax (crmsh#1429).

use crate::error::{Error, ErrorKind, Result};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A program with its arguments and, optionally, text for its stdin.
#[derive(Debug, Clone)]
pub struct Call {
    program: String,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    env_remove: Vec<String>,
    env_set: Vec<(String, String)>,
}

/// What a finished program left behind.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The exit status; `None` when a signal ended the program.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    /// The exit status as messages print it (`rc=N`, or `signal`).
    pub fn status(&self) -> String {
        match self.code {
            Some(c) => c.to_string(),
            None => "signal".into(),
        }
    }
}

impl Call {
    pub fn new(program: &str) -> Self {
        Call {
            program: program.to_string(),
            args: Vec::new(),
            stdin: None,
            env_remove: Vec::new(),
            env_set: Vec::new(),
        }
    }

    pub fn arg(mut self, a: impl Into<String>) -> Self {
        self.args.push(a.into());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn stdin(mut self, text: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(text.into());
        self
    }

    /// Runs without this variable (e.g. `CIB_file` for a check that must
    /// read its CIB from stdin, not from the file the user named).
    pub fn without_env(mut self, name: &str) -> Self {
        self.env_remove.push(name.to_string());
        self
    }

    /// Runs with this variable set (e.g. `CIB_file` naming a pe-input, so
    /// crm_mon shows the cluster as it was then).
    pub fn with_env(mut self, name: &str, value: &str) -> Self {
        self.env_set.push((name.to_string(), value.to_string()));
        self
    }

    /// The same call on another node, through ssh. ssh gives the remote
    /// shell one line, so every word (and each variable) is quoted for it.
    pub fn over_ssh(&self, node: &str) -> Call {
        let quote = |w: &str| format!("'{}'", w.replace('\'', "'\\''"));
        let mut line = vec!["env".to_string()];
        line.extend(self.env_set.iter().map(|(k, v)| quote(&format!("{k}={v}"))));
        line.push(quote(&self.program));
        line.extend(self.args.iter().map(|a| quote(a)));
        let mut c = Call::new("ssh").args(["-o", "BatchMode=yes", node, "--"]);
        c.args.push(line.join(" "));
        c.stdin = self.stdin.clone();
        c
    }

    /// The variables set for the program (a remote call passes them on
    /// its command line, as ssh carries none).
    pub fn env_pairs(&self) -> &[(String, String)] {
        &self.env_set
    }

    /// The program name (for messages and for remote calls built on it).
    pub fn program(&self) -> &str {
        &self.program
    }

    /// The arguments, in order.
    pub fn arguments(&self) -> &[String] {
        &self.args
    }

    /// The call as a person would type it, for messages.
    /// The value of a secret parameter (`--set-parameter passwd
    /// --parameter-value X`) is shown masked, so that neither a trace
    /// (`-d`) nor an error message prints it.
    pub fn describe(&self) -> String {
        let globs = crate::secrets::globs();
        let secret = self
            .args
            .iter()
            .any(|a| crate::secrets::is_secret(a, &globs));
        let mut s = self.program.clone();
        let mut mask_next = false;
        // `cibsecret set RSC PARAM VALUE`: whatever PARAM is called, the
        // value is the one cibsecret exists to keep out of sight.
        let kept = (self.program == "cibsecret" && self.args.first().is_some_and(|a| a == "set"))
            .then_some(3);
        for (i, a) in self.args.iter().enumerate() {
            s.push(' ');
            if std::mem::take(&mut mask_next) || kept == Some(i) {
                s.push_str(crate::secrets::MASK);
                continue;
            }
            mask_next = secret
                && matches!(
                    a.as_str(),
                    "-v" | "--update" | "--value" | "--parameter-value" | "--attr-value"
                );
            if a.is_empty()
                || a.chars()
                    .any(|c| c.is_whitespace() || "'\"\\$`|&;<>()".contains(c))
            {
                s.push_str(&format!("'{}'", a.replace('\'', "'\\''")));
            } else {
                s.push_str(a);
            }
        }
        s
    }

    /// The call as it is started: with crm's `user` option set,
    /// Pacemaker's own tools run as that user through `sudo -E -u USER`
    /// (as crmsh runs them, so that the cluster's ACLs apply to that
    /// user); editors, ssh, agents and every other program run as the
    /// caller.
    fn as_started(&self) -> std::borrow::Cow<'_, Call> {
        let user = crate::crm_conf::get("core", "user");
        if user.is_empty() || !is_cluster_tool(&self.program) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut c = self.clone();
        c.program = "sudo".into();
        c.args = ["-E", "-u", user.as_str(), self.program.as_str()]
            .into_iter()
            .map(String::from)
            .chain(self.args.iter().cloned())
            .collect();
        std::borrow::Cow::Owned(c)
    }

    fn command(&self) -> Command {
        let call = self.as_started();
        crate::trace::debug(|| format!("running {}", call.describe()));
        let mut c = Command::new(&call.program);
        c.args(&call.args)
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for v in &self.env_remove {
            c.env_remove(v);
        }
        for (k, v) in &self.env_set {
            c.env(k, v);
        }
        c
    }

    fn spawn(&self) -> Result<std::process::Child> {
        let mut child = self
            .command()
            .spawn()
            .map_err(|e| self.as_started().spawn_error(e))?;
        if let (Some(text), Some(mut pipe)) = (&self.stdin, child.stdin.take()) {
            // A program that exits without reading all of stdin closes the
            // pipe; its exit status and stderr then say why, so a write
            // error here is not the error to report.
            let _ = pipe.write_all(text);
        }
        Ok(child)
    }

    fn spawn_error(&self, e: std::io::Error) -> Error {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::new(ErrorKind::ToolMissing {
                tool: self.program.clone(),
            })
        } else {
            Error::new(ErrorKind::Io {
                path: self.program.clone(),
                message: e.to_string(),
            })
        }
    }

    /// Runs the program to its end; a non-zero status is not an error here
    /// (callers decide what it means), a program that cannot start is.
    pub fn run(&self) -> Result<Outcome> {
        let started = Instant::now();
        let child = self.spawn()?;
        let out = child.wait_with_output().map_err(|e| self.spawn_error(e))?;
        let out = Outcome {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        // `crm -d` as a profile of a live commit: most of its time is
        // spent in the Pacemaker tools it runs.
        crate::trace::debug(|| {
            format!(
                "{} exited {} after {:.1} ms",
                self.program,
                out.status(),
                started.elapsed().as_secs_f64() * 1000.0
            )
        });
        Ok(out)
    }

    /// Runs the program for a list: the non-empty lines of its output,
    /// trimmed; none when it cannot start or exits non-zero (a list for
    /// completion or a hint, where a missing tool means no suggestions).
    pub fn output_lines(&self) -> Vec<String> {
        self.run()
            .ok()
            .filter(Outcome::success)
            .map(|o| {
                o.stdout
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Runs the program and fails, naming the call and showing its stderr,
    /// when it exits non-zero.
    pub fn run_ok(&self) -> Result<Outcome> {
        let out = self.run()?;
        if out.success() {
            return Ok(out);
        }
        Err(self.failure(&out))
    }

    /// The error for a run of this call that exited non-zero.
    pub fn failure(&self, out: &Outcome) -> Error {
        Error::new(ErrorKind::ToolFailed {
            call: self.describe(),
            status: out.status(),
            stderr: failure_text(out),
        })
    }

    /// Runs a program that may take a while (waiting for the cluster),
    /// calling `tick` about once a second so the caller can show progress.
    /// Its output is read after it ends, which is fine for the short
    /// messages such programs print.
    pub fn run_with_progress(&self, tick: &mut dyn FnMut()) -> Result<Outcome> {
        let mut child = self.spawn()?;
        let mut last = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) => {
                    std::thread::sleep(Duration::from_millis(100));
                    if last.elapsed() >= Duration::from_secs(1) {
                        tick();
                        last = Instant::now();
                    }
                }
                Err(e) => return Err(self.spawn_error(e)),
            }
        }
        let out = child.wait_with_output().map_err(|e| self.spawn_error(e))?;
        Ok(Outcome {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        })
    }
}

impl Call {
    /// Runs the program to its end keeping its stdout as bytes (a tar
    /// stream from a report collector, a compressed file).
    pub fn run_bytes(&self) -> Result<(Option<i32>, Vec<u8>, String)> {
        let child = self.spawn()?;
        let out = child.wait_with_output().map_err(|e| self.spawn_error(e))?;
        Ok((
            out.status.code(),
            out.stdout,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ))
    }

    /// Starts a daemon that outlives crm (corosync, pacemakerd when no
    /// service manager runs): its own process group, stdin from /dev/null,
    /// output appended to `log`. Returns its pid.
    pub fn spawn_daemon(&self, log: &std::path::Path) -> Result<u32> {
        use std::os::unix::process::CommandExt;
        crate::trace::debug(|| format!("starting {}", self.describe()));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .map_err(|e| {
                Error::new(ErrorKind::Io {
                    path: log.display().to_string(),
                    message: e.to_string(),
                })
            })?;
        let err = file.try_clone().map_err(|e| self.spawn_error(e))?;
        let mut c = Command::new(&self.program);
        c.args(&self.args)
            .stdin(Stdio::null())
            .stdout(Stdio::from(file))
            .stderr(Stdio::from(err))
            .process_group(0);
        for (k, v) in &self.env_set {
            c.env(k, v);
        }
        let child = c.spawn().map_err(|e| self.spawn_error(e))?;
        Ok(child.id())
    }

    /// Starts a program that goes on after crm has ended (a graph
    /// viewer): its own process group, no stdin, output discarded; not
    /// waited for.
    pub fn spawn_detached(&self) -> Result<()> {
        use std::os::unix::process::CommandExt;
        crate::trace::debug(|| format!("starting {}", self.describe()));
        let mut c = Command::new(&self.program);
        c.args(&self.args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        for (k, v) in &self.env_set {
            c.env(k, v);
        }
        c.spawn().map_err(|e| self.spawn_error(e))?;
        Ok(())
    }

    /// Runs a pager: the call's stdin text is piped to it, and it writes
    /// to the user's terminal (inherited stdout and stderr).
    pub fn run_paging(&self) -> Result<Outcome> {
        crate::trace::debug(|| format!("paging through {}", self.describe()));
        let mut c = Command::new(&self.program);
        c.args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::inherit())
            .stderr(Stdio::inherit());
        let mut child = c.spawn().map_err(|e| self.spawn_error(e))?;
        if let (Some(text), Some(mut pipe)) = (&self.stdin, child.stdin.take()) {
            // Quitting the pager before the end closes the pipe: that is
            // the reader's choice, not an error.
            let _ = pipe.write_all(text);
        }
        let status = child.wait().map_err(|e| self.spawn_error(e))?;
        Ok(Outcome {
            code: status.code(),
            stdout: String::new(),
            stderr: String::new(),
        })
    }

    /// Runs a program on the user's terminal (an editor): it inherits
    /// stdin, stdout and stderr; only its exit status comes back.
    pub fn run_in_terminal(&self) -> Result<Outcome> {
        let mut c = Command::new(&self.program);
        c.args(&self.args);
        for v in &self.env_remove {
            c.env_remove(v);
        }
        let status = c.status().map_err(|e| self.spawn_error(e))?;
        Ok(Outcome {
            code: status.code(),
            stdout: String::new(),
            stderr: String::new(),
        })
    }
}

/// Pacemaker's command-line tools, the programs crm's `user` option
/// applies to.
fn is_cluster_tool(program: &str) -> bool {
    matches!(
        program,
        "cibadmin"
            | "cibsecret"
            | "crm_attribute"
            | "crm_diff"
            | "crm_failcount"
            | "crm_mon"
            | "crm_node"
            | "crm_resource"
            | "crm_shadow"
            | "crm_simulate"
            | "crm_ticket"
            | "crm_verify"
            | "crmadmin"
            | "stonith_admin"
    )
}

/// What a failed tool said: its stderr, else its stdout (some of
/// Pacemaker's tools print their errors there).
pub fn failure_text(out: &Outcome) -> String {
    let text = if out.stderr.trim().is_empty() {
        out.stdout.trim()
    } else {
        out.stderr.trim()
    };
    text.to_string()
}

/// Runs `crm_verify -V -p` with the CIB on stdin: its report, or `None`
/// when crm_verify is not installed.
pub fn crm_verify(cib_xml: &str) -> Result<Option<String>> {
    let call = Call::new("crm_verify")
        .args(["-V", "-p"])
        .without_env("CIB_file")
        .stdin(cib_xml);
    let out = match call.run() {
        Ok(out) => out,
        Err(e) if matches!(*e.kind, ErrorKind::ToolMissing { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut text = out.stdout.clone();
    text.push_str(&out.stderr);
    if out.code.unwrap_or(2) > 1 {
        return Err(Error::new(ErrorKind::Cib {
            message: format!("crm_verify found errors:\n{text}"),
        }));
    }
    Ok(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_quotes_only_what_a_shell_would_split() {
        let c = Call::new("crm_resource").args(["--resource", "a b", "--node", "n1"]);
        assert_eq!(c.describe(), "crm_resource --resource 'a b' --node n1");
    }

    #[test]
    fn describe_masks_the_value_of_a_secret_parameter() {
        let c = Call::new("crm_resource").args([
            "--resource",
            "p",
            "--set-parameter",
            "passwd",
            "--parameter-value",
            "hush",
        ]);
        assert_eq!(
            c.describe(),
            "crm_resource --resource p --set-parameter passwd --parameter-value ******"
        );
        let c = Call::new("crm_attribute").args(["-n", "standby", "-v", "on"]);
        assert_eq!(c.describe(), "crm_attribute -n standby -v on");
    }

    #[test]
    fn describe_masks_what_cibsecret_sets() {
        let c = Call::new("cibsecret").args(["set", "p", "token", "hush"]);
        assert_eq!(c.describe(), "cibsecret set p token ******");
        let c = Call::new("cibsecret").args(["get", "p", "token"]);
        assert_eq!(c.describe(), "cibsecret get p token");
    }

    #[test]
    fn a_missing_program_is_a_named_error() {
        let e = Call::new("crmtool-no-such-program").run().unwrap_err();
        assert!(e.to_string().contains("crmtool-no-such-program"));
    }

    #[test]
    fn arguments_are_argv_not_shell() {
        let out = Call::new("echo").arg("$(id); x").run().expect("echo runs");
        assert_eq!(out.stdout, "$(id); x\n");
    }
}
