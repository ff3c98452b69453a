//! The `cibstatus` level (below configure): a copy of a CIB's status
//! section to change by hand — nodes up or down, an operation's outcome,
//! quorum, tickets — and to run Pacemaker's scheduler on, as crmsh 4.4's
//! level does. Every change goes through crm_simulate's injection options
//! (`-u`/`-d`/`-f`, `-i`/`-F`, `--quorum`, `-g`/`-r`/`-b`/`-e`) on a private
//! file, so the status written is Pacemaker's own.
//!
//! Where crmsh 4.4 differs from what its help promises, crm keeps the
//! promise: the loaded file is never changed until `save` (crmsh injects
//! into the file it loaded), an operation is found without naming its
//! node (crmsh finds none then), `show changed` lists every change
//! (crmsh forgets all but the last), and `save FILE` writes the file
//! (crmsh 4.4.1 fails with a Python error).

use super::{Failure, Output};
use crate::cib::process::Call;
use crate::cib::PrivateFile;
use crate::error::{ConfigureError, Error, ErrorKind};
use crate::xml::{Element, Node};
use std::cell::RefCell;

/// The loaded copy: where it came from and what was done to it.
struct State {
    origin: String,
    root: Element,
    modified: bool,
    /// In the order first made; a later change of the same thing replaces
    /// the earlier one in place (crmsh keeps dictionaries).
    nodes: Vec<(String, String)>,
    ops: Vec<(String, String)>,
    tickets: Vec<(String, String)>,
    quorum: Option<&'static str>,
}

thread_local! {
    /// One copy per process, shared by the levels that reach it (crmsh
    /// keeps one too).
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// crmsh's names for the agents' exit codes.
pub const EXIT_CODES: &[(&str, &str)] = &[
    ("success", "0"),
    ("unknown", "1"),
    ("args", "2"),
    ("unimplemented", "3"),
    ("perm", "4"),
    ("installed", "5"),
    ("configured", "6"),
    ("not_running", "7"),
    ("master", "8"),
    ("failed_master", "9"),
];

/// crmsh's names for the executor's operation states.
pub const OP_STATES: &[(&str, &str)] = &[
    ("pending", "-1"),
    ("done", "0"),
    ("cancelled", "1"),
    ("timeout", "2"),
    ("notsupported", "3"),
    ("error", "4"),
];

pub const NODE_STATES: &[(&str, &str)] = &[("online", "-u"), ("offline", "-d"), ("unclean", "-f")];

pub const TICKET_COMMANDS: &[(&str, &str)] = &[
    ("grant", "-g"),
    ("revoke", "-r"),
    ("standby", "-b"),
    ("activate", "-e"),
];

pub const COMMANDS: &[&str] = &[
    "load", "show", "save", "origin", "node", "op", "quorum", "ticket", "run", "simulate",
];

fn lookup(table: &[(&str, &'static str)], word: &str) -> Option<&'static str> {
    table.iter().find(|(n, _)| *n == word).map(|(_, v)| *v)
}

fn cib_in_use() -> String {
    match crate::cib::shadow_in_use() {
        Some(name) => format!("shadow:{name}"),
        None => "live".to_string(),
    }
}

/// The file behind `shadow:NAME`, or the path itself.
fn source_path(source: &str) -> std::path::PathBuf {
    match source.strip_prefix("shadow:") {
        Some(name) => super::cib_level::shadow_dir().join(format!("shadow.{name}")),
        None => std::path::PathBuf::from(source),
    }
}

fn read_file(path: &std::path::Path) -> Result<Element, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::new(ErrorKind::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })
    })?;
    crate::xml::parse(&text).map_err(|e| {
        Error::new(ErrorKind::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })
    })
}

/// The whole CIB of a source (`live`, `shadow:NAME`, a file).
fn read_source(source: &str) -> Result<Element, Failure> {
    if source == "live" {
        return Ok(super::backend()?.read()?.root);
    }
    Ok(read_file(&source_path(source))?)
}

fn load_state(source: &str) -> Result<State, Failure> {
    let root = read_source(source)?;
    if root.name != "cib" || root.child("status").is_none() {
        return Err(Error::from(ConfigureError::NoStatus {
            source: source.to_string(),
        })
        .into());
    }
    Ok(State {
        origin: source.to_string(),
        root,
        modified: false,
        nodes: Vec::new(),
        ops: Vec::new(),
        tickets: Vec::new(),
        quorum: None,
    })
}

/// Runs `f` on the copy, loading the CIB in use first when nothing is
/// loaded yet.
fn with_state<T>(f: impl FnOnce(&mut State) -> Result<T, Failure>) -> Result<T, Failure> {
    let loaded = STATE.with(|s| s.borrow().is_some());
    if !loaded {
        let state = load_state(&cib_in_use())?;
        STATE.with(|s| *s.borrow_mut() = Some(state));
    }
    STATE.with(|s| match s.borrow_mut().as_mut() {
        Some(state) => f(state),
        None => Err(Error::new(ErrorKind::Reported).into()),
    })
}

/// The status section `ptest` should run with: the copy's, once one was
/// loaded or changed here; otherwise the staged CIB's own (which is what
/// crmsh's fresh dump of the CIB in use holds too).
pub fn status_for_ptest() -> Option<Element> {
    STATE.with(|s| {
        s.borrow()
            .as_ref()
            .filter(|st| st.modified || st.origin != "live")
            .and_then(|st| st.root.child("status").cloned())
    })
}

/// Forgets the copy (tests run several sessions in one process).
pub fn forget() {
    STATE.with(|s| *s.borrow_mut() = None);
}

/// Runs one cibstatus command. Nothing here changes the configuration.
pub fn run(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    match words {
        [] => Err(super::usage(
            &crate::notice::Misuse::GiveCommand {
                level: "cibstatus",
                example: "cibstatus show",
            }
            .to_string(),
        )
        .into()),
        ["load", source] => {
            let state = load_state(source)?;
            STATE.with(|s| *s.borrow_mut() = Some(state));
            Ok(())
        }
        ["origin"] => with_state(|st| {
            let mark = if st.modified { " (modified)" } else { "" };
            out.print(&format!("{}{mark}", st.origin));
            Ok(())
        }),
        ["show"] => with_state(|st| {
            if let Some(status) = st.root.child("status") {
                out.print(crate::xml::to_pretty(status).trim_end());
            }
            Ok(())
        }),
        ["show", "changed"] => with_state(|st| {
            for (k, v) in st.nodes.iter().chain(&st.ops).chain(&st.tickets) {
                out.print(&format!("{k} {v}"));
            }
            if let Some(q) = st.quorum {
                out.print(&format!("quorum: {q}"));
            }
            Ok(())
        }),
        ["show", other] => Err(value(other, "changed")),
        ["save"] => save(None),
        ["save", dest] => save(Some(dest)),
        ["quorum", value_word] => {
            let v = match value_word.to_ascii_lowercase().as_str() {
                "yes" | "true" | "on" | "1" => "true",
                "no" | "false" | "off" | "0" => "false",
                _ => {
                    return Err(value(
                        value_word,
                        "a boolean: yes/no, true/false, on/off, 1/0",
                    ))
                }
            };
            with_state(|st| {
                inject(st, &[format!("--quorum={v}")])?;
                st.quorum = Some(v);
                Ok(())
            })
        }
        ["node", node, state] => {
            let Some(opt) = lookup(NODE_STATES, state) else {
                return Err(Error::from(ConfigureError::NodeState {
                    state: state.to_string(),
                })
                .into());
            };
            with_state(|st| {
                let Some(name) = node_name(st, node) else {
                    return Err(not_in_status(node));
                };
                inject(st, &[opt.to_string(), name.clone()])?;
                note(&mut st.nodes, node, state);
                Ok(())
            })
        }
        ["ticket", ticket, command] => {
            let Some(opt) = lookup(TICKET_COMMANDS, command) else {
                return Err(value(command, "grant, revoke, standby or activate"));
            };
            with_state(|st| {
                inject(st, &[opt.to_string(), ticket.to_string()])?;
                note(&mut st.tickets, ticket, command);
                Ok(())
            })
        }
        ["op", op, rsc, rc, rest @ ..] if rest.len() <= 2 => {
            let rc_code = lookup(EXIT_CODES, rc).unwrap_or(rc);
            if rc_code.is_empty() || !rc_code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::from(ConfigureError::OpOutcome { rc: rc.to_string() }).into());
            }
            let op_status = match rest.first() {
                None => None,
                Some(s) => {
                    let code = lookup(OP_STATES, s).unwrap_or(s);
                    if code.parse::<i32>().is_err() {
                        return Err(value(s, "an operation status: pending, done, cancelled, timeout, notsupported, error or a number"));
                    }
                    Some(code)
                }
            };
            let node = rest.get(1).copied();
            with_state(|st| edit_op(st, op, rsc, rc_code, op_status, node))
        }
        ["run", rest @ ..] => with_state(|st| simulate(st, "-R", rest, out)),
        ["simulate", rest @ ..] => with_state(|st| simulate(st, "-S", rest, out)),
        [word, ..] if COMMANDS.contains(word) => {
            Err(super::bad_arguments(super::Level::Cibstatus, words).into())
        }
        [word, ..] => Err(Error::from(ConfigureError::CibstatusCommand {
            word: word.to_string(),
        })
        .into()),
    }
}

fn value(word: &str, expected: &'static str) -> Failure {
    Error::from(ConfigureError::StatusValue {
        word: word.to_string(),
        expected,
    })
    .into()
}

fn not_in_status(what: &str) -> Failure {
    Error::from(ConfigureError::NotInStatus {
        what: what.to_string(),
    })
    .into()
}

fn note(list: &mut Vec<(String, String)>, key: &str, value: &str) {
    match list.iter_mut().find(|(k, _)| k == key) {
        Some(entry) => entry.1 = value.to_string(),
        None => list.push((key.to_string(), value.to_string())),
    }
}

fn node_states(st: &State) -> impl Iterator<Item = &Element> {
    st.root
        .child("status")
        .into_iter()
        .flat_map(|s| s.elements().filter(|e| e.name == "node_state"))
}

/// A node of the status by id (crmsh's way) or by name; its name is what
/// crm_simulate wants.
fn node_name(st: &State, node: &str) -> Option<String> {
    node_states(st)
        .find(|n| n.id() == Some(node) || n.get("uname") == Some(node))
        .map(|n| n.get("uname").or(n.id()).unwrap_or(node).to_string())
}

/// crmsh's operation words: `probe` is the monitor of interval 0,
/// `monitor` any recurring monitor, `monitor:N` the one of interval N.
fn split_op(op: &str) -> (&str, Option<&str>) {
    match op {
        "probe" => ("monitor", Some("0")),
        "monitor" => ("monitor", None),
        _ => match op.strip_prefix("monitor:") {
            Some(iv) => ("monitor", Some(iv)),
            None => (op, Some("0")),
        },
    }
}

fn edit_op(
    st: &mut State,
    op: &str,
    rsc: &str,
    rc: &str,
    op_status: Option<&str>,
    node: Option<&str>,
) -> Result<(), Failure> {
    let (name, interval) = split_op(op);
    // (node name, interval) of each recorded operation that fits.
    let mut found: Vec<(String, String)> = Vec::new();
    for n in node_states(st) {
        let uname = n.get("uname").or(n.id()).unwrap_or_default();
        if let Some(want) = node {
            if n.id() != Some(want) && uname != want {
                continue;
            }
        }
        let mut seen = |e: &Element| {
            if e.name != "lrm_rsc_op" || e.get("operation") != Some(name) {
                return;
            }
            let iv = e.get("interval").unwrap_or("0");
            let fits = match interval {
                Some(want) => iv == want,
                None => iv != "0",
            };
            if fits && !found.iter().any(|(u, i)| u == uname && i == iv) {
                found.push((uname.to_string(), iv.to_string()));
            }
        };
        for r in lrm_resources(n).filter(|r| r.id() == Some(rsc)) {
            for o in r.elements() {
                seen(o);
            }
        }
    }
    let (on, iv) = match (found.as_slice(), node, interval) {
        ([one], _, _) => one.clone(),
        ([], Some(n), Some(iv)) => match node_name(st, n) {
            Some(name) => (name, iv.to_string()),
            None => return Err(not_in_status(n)),
        },
        ([], _, _) => return Err(not_in_status(&format!("{rsc}_{op}"))),
        (_, _, None) => {
            return Err(Error::from(ConfigureError::OpNeedsInterval { rsc: rsc.into() }).into())
        }
        (many, _, _) => {
            return Err(Error::from(ConfigureError::OpOnNodes {
                op: format!("{rsc}_{op}"),
                nodes: many.iter().map(|(u, _)| u.clone()).collect(),
            })
            .into())
        }
    };
    // crmsh: a finished operation (`done`) is written into the status; any
    // other makes the operation fail when the simulation runs it.
    let flag = if op_status == Some("0") { "-i" } else { "-F" };
    inject(
        st,
        &[flag.to_string(), format!("{rsc}_{name}_{iv}@{on}={rc}")],
    )?;
    let mut result = format!("rc={rc}");
    if let Some(s) = op_status {
        result.push_str(",op-status=");
        result.push_str(s);
    }
    note(&mut st.ops, &format!("{on}:{rsc}:{op}"), &result);
    Ok(())
}

fn lrm_resources(node_state: &Element) -> impl Iterator<Item = &Element> {
    node_state
        .elements()
        .filter(|e| e.name == "lrm")
        .flat_map(|l| l.elements().filter(|e| e.name == "lrm_resources"))
        .flat_map(|rs| rs.elements().filter(|e| e.name == "lrm_resource"))
}

fn private_copy(st: &State) -> Result<PrivateFile, Failure> {
    Ok(PrivateFile::create(
        "cibstatus",
        &crate::xml::to_pretty(&st.root),
    )?)
}

fn simulate_call(file: &PrivateFile) -> Call {
    Call::new("crm_simulate")
        .without_env("CIB_file")
        .without_env("CIB_shadow")
        .arg("-x")
        .arg(file.path.display().to_string())
}

/// One injection: crm_simulate reads the copy and saves it changed.
fn inject(st: &mut State, args: &[String]) -> Result<(), Failure> {
    let file = private_copy(st)?;
    let path = file.path.display().to_string();
    let call = simulate_call(&file)
        .arg("-I")
        .arg(path)
        .args(args.iter().cloned());
    crate::regression::external(&call.describe());
    let outcome = call.run()?;
    if !outcome.success() {
        return Err(call.failure(&outcome).into());
    }
    st.root = read_file(&file.path)?;
    st.modified = true;
    Ok(())
}

/// `run` (`-R`) or `simulate` (`-S`) on the copy, with crmsh's words
/// (`nograph`, `v…`, `scores`, `utilization`; `actions` is taken and
/// ignored, as crmsh does); without `nograph` the viewer of the `dotty`
/// option shows the transition graph, when there is one.
fn simulate(st: &State, mode: &str, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let graph = super::transition_graph::Graph::without_hint(words.contains(&"nograph"))?;
    let mut args = vec![mode.to_string()];
    let mut extra = Vec::new();
    for w in words {
        match *w {
            "nograph" | "actions" => {}
            "scores" => extra.push("-s".to_string()),
            "utilization" => extra.push("-U".to_string()),
            v if !v.is_empty() && v.bytes().all(|b| b == b'v') => {
                args.push(format!("-{}", "V".repeat(v.len())))
            }
            other => {
                return Err(Error::from(ConfigureError::SimulateWord {
                    word: other.to_string(),
                })
                .into())
            }
        }
    }
    args.extend(extra);
    args.extend(graph.arguments());
    let file = private_copy(st)?;
    let call = simulate_call(&file).args(args);
    let outcome = call.run()?;
    let text = format!("{}{}", outcome.stderr, outcome.stdout);
    if !text.trim().is_empty() {
        out.print(text.trim_end());
    }
    graph.show(out);
    if !outcome.success() {
        out.warning(
            &crate::notice::Told::SimulationFailed {
                code: outcome.status(),
            }
            .to_string(),
        );
        return Err(Error::new(ErrorKind::Reported).into());
    }
    Ok(())
}

/// `save [FILE|shadow:NAME]`: the copy's status into a CIB file (its
/// configuration kept when the file holds a CIB), or back where it came
/// from. The cluster's status is Pacemaker's, never written.
fn save(dest: Option<&str>) -> Result<(), Failure> {
    with_state(|st| {
        if !st.modified {
            return Err(Error::from(ConfigureError::StatusUnchanged).into());
        }
        let target = dest.unwrap_or(&st.origin);
        if target == "live" {
            return Err(Error::from(ConfigureError::StatusToCluster).into());
        }
        let path = source_path(target);
        let mut root = if dest.is_some() && path.is_file() {
            let mut there = read_file(&path)?;
            if there.name != "cib" {
                return Err(Error::from(ConfigureError::NoStatus {
                    source: target.to_string(),
                })
                .into());
            }
            there
                .children
                .retain(|n| !matches!(n, Node::Element(e) if e.name == "status"));
            there
        } else {
            let mut mine = st.root.clone();
            mine.children
                .retain(|n| !matches!(n, Node::Element(e) if e.name == "status"));
            mine
        };
        if let Some(status) = st.root.child("status") {
            root.push(status.clone());
        }
        crate::safe_file::write(&path, crate::xml::to_pretty(&root).as_bytes(), 0o644)
            .map_err(|e| Failure::from(Error::file(&path, e)))?;
        Ok(())
    })
}

/// Completion of the level's commands' arguments.
pub fn complete(first: &str, rest: &[&str]) -> Vec<String> {
    let names = |t: &[(&str, &str)]| t.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>();
    let known = || {
        STATE.with(|s| {
            s.borrow().as_ref().map(|st| {
                let nodes: Vec<String> = node_states(st)
                    .filter_map(|n| n.get("uname").or(n.id()).map(String::from))
                    .collect();
                let mut rscs: Vec<String> = node_states(st)
                    .flat_map(lrm_resources)
                    .filter_map(|r| r.id().map(String::from))
                    .collect();
                rscs.sort();
                rscs.dedup();
                (nodes, rscs)
            })
        })
    };
    match (first, rest.len()) {
        ("load", 0) => {
            let mut v = vec!["live".to_string()];
            v.extend(
                super::cib_level::shadow_names()
                    .into_iter()
                    .map(|n| format!("shadow:{n}")),
            );
            v
        }
        ("save", 0) => super::cib_level::shadow_names()
            .into_iter()
            .map(|n| format!("shadow:{n}"))
            .collect(),
        ("show", 0) => vec!["changed".into()],
        ("quorum", 0) => ["yes", "no", "true", "false", "on", "off"]
            .map(String::from)
            .to_vec(),
        ("node", 0) => known().map(|k| k.0).unwrap_or_default(),
        ("node", 1) => names(NODE_STATES),
        ("ticket", 1) => names(TICKET_COMMANDS),
        ("op", 0) => [
            "probe",
            "monitor",
            "start",
            "stop",
            "migrate_to",
            "migrate_from",
            "promote",
            "demote",
            "notify",
            "reload",
        ]
        .map(String::from)
        .to_vec(),
        ("op", 1) => known().map(|k| k.1).unwrap_or_default(),
        ("op", 2) => names(EXIT_CODES),
        ("op", 3) => names(OP_STATES),
        ("op", 4) => known().map(|k| k.0).unwrap_or_default(),
        ("run" | "simulate", 0) => vec!["nograph".into()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_words_are_crmsh_s() {
        assert_eq!(split_op("probe"), ("monitor", Some("0")));
        assert_eq!(split_op("monitor"), ("monitor", None));
        assert_eq!(split_op("monitor:10000"), ("monitor", Some("10000")));
        assert_eq!(split_op("start"), ("start", Some("0")));
    }
}
