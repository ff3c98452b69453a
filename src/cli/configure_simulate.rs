//! `ptest`/`simulate [nograph] [v…] [scores] [utilization] [actions]`:
//! Pacemaker's scheduler (crm_simulate) on the staged configuration with
//! the status section (the `cibstatus` copy when one is loaded), as
//! crmsh 4.4 runs it: what would happen if the staged changes were
//! committed now.

use super::{Failure, Output};
use crate::cib::process::Call;
use crate::cib::Cib;
use crate::error::{ConfigureError, Error};

/// What the words asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub nograph: bool,
    pub scores: bool,
    pub utilization: bool,
    pub actions: bool,
    /// The number of `v`s (crmsh's default is 2).
    pub verbosity: usize,
}

pub fn parse(words: &[&str]) -> Result<Request, Error> {
    let mut r = Request {
        nograph: false,
        scores: false,
        utilization: false,
        actions: false,
        verbosity: 2,
    };
    for w in words {
        match *w {
            "nograph" => r.nograph = true,
            "scores" => r.scores = true,
            "utilization" => r.utilization = true,
            "actions" => r.actions = true,
            v if !v.is_empty() && v.bytes().all(|b| b == b'v') => r.verbosity = v.len(),
            other => {
                return Err(ConfigureError::SimulateWord {
                    word: other.to_string(),
                }
                .into())
            }
        }
    }
    Ok(r)
}

/// crm_simulate's arguments for a request.
pub fn arguments(r: &Request) -> Vec<String> {
    let mut args = vec!["-x".to_string(), "-".to_string(), "-S".to_string()];
    let v = if r.actions {
        r.verbosity.max(3)
    } else {
        r.verbosity
    };
    args.push(format!("-{}", "V".repeat(v)));
    if r.scores {
        args.push("-s".into());
    }
    if r.utilization {
        args.push("-U".into());
    }
    args
}

/// Runs the simulation of `cib` (its configuration with `status`) and
/// prints what crm_simulate says. `actions` keeps only the scheduler's
/// LogActions lines that are not `Leave`.
pub fn run(
    cib: &Cib,
    status: Option<&crate::xml::Element>,
    words: &[&str],
    out: &mut Output,
) -> Result<(), Failure> {
    let request = parse(words)?;
    let mut root = cib.root.clone();
    if let Some(s) = status {
        root.children
            .retain(|n| !matches!(n, crate::xml::Node::Element(e) if e.name == "status"));
        root.push(s.clone());
    }
    if root.child("status").is_none() {
        root.push(crate::xml::Element::new("status"));
    }
    let graph = super::transition_graph::Graph::prepare(request.nograph)?;
    let mut args = arguments(&request);
    args.extend(graph.arguments());
    crate::regression::external(&format!("crm_simulate {}", args.join(" ")));
    let result = Call::new("crm_simulate")
        .args(args)
        .without_env("CIB_file")
        .without_env("CIB_shadow")
        .stdin(crate::xml::to_pretty(&root))
        .run()?;
    // crmsh reads both streams as one (`2>&1`): the scheduler's warnings
    // come first.
    let text = format!("{}{}", result.stderr, result.stdout);
    let shown: Vec<&str> = if request.actions {
        text.lines()
            .filter(|l| l.contains("LogActions:") && !l.split_whitespace().any(|w| w == "Leave"))
            .collect()
    } else {
        text.lines().collect()
    };
    if !crate::regression::enabled() && !shown.is_empty() {
        let mut all = shown.join("\n");
        all.push('\n');
        out.print(&all);
    }
    match result.code {
        Some(0) => {}
        Some(1) if request.actions => out.warning(&crate::notice::Told::NoActions.to_string()),
        code => out.warning(
            &crate::notice::Told::SimulationFailed {
                code: code
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "signal".into()),
            }
            .to_string(),
        ),
    }
    if request.actions && shown.is_empty() && result.code == Some(0) {
        out.warning(&crate::notice::Told::NoActions.to_string());
    }
    graph.show(out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_crmsh_s_crm_simulate_arguments() {
        let r = parse(&["nograph", "scores", "utilization"]).expect("words");
        assert_eq!(arguments(&r), ["-x", "-", "-S", "-VV", "-s", "-U"]);
        let r = parse(&["actions"]).expect("words");
        assert_eq!(arguments(&r), ["-x", "-", "-S", "-VVV"]);
        let r = parse(&["vvvvv"]).expect("words");
        assert_eq!(arguments(&r), ["-x", "-", "-S", "-VVVVV"]);
        assert!(parse(&["bogus"]).is_err());
    }
}
