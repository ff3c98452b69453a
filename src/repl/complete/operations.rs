//! Completion at the `history`, `cluster` and `corosync` levels and for
//! `report`.

use super::{strings, words_of, Candidate, Facts};
use crate::repl::levels::Level;

pub fn complete(level: Level, first: &str, rest: &[&str], facts: &dyn Facts) -> Vec<Candidate> {
    match level {
        Level::History => history(first, rest, facts),
        Level::Cluster => cluster(first, rest, facts),
        Level::Corosync => corosync(first, rest, facts),
        _ => Vec::new(),
    }
}

fn history(first: &str, rest: &[&str], facts: &dyn Facts) -> Vec<Candidate> {
    match (first, rest.len()) {
        ("source", 0) => words_of(&["live"]),
        ("detail", 0) => words_of(&["0", "1"]),
        ("refresh", 0) => words_of(&["force"]),
        ("exclude", 0) => words_of(&["clear"]),
        ("session", 0) => words_of(&["save", "load", "pack", "delete", "list", "update"]),
        ("node" | "setnodes" | "log", _) => strings(facts.nodes()),
        ("resource", _) => strings(
            facts
                .objects()
                .into_iter()
                .filter(|o| o.kind.is_resource())
                .map(|o| o.id)
                .collect(),
        ),
        ("transition", 0) => words_of(&["log", "showdot", "save", "tags"]),
        ("transition", _) => words_of(&["nograph", "v", "scores", "actions", "utilization"]),
        ("show" | "diff" | "wdiff" | "graph", 0) => words_of(&["live"]),
        ("show", 1) => words_of(&["status"]),
        ("diff", 1) | ("wdiff", 1) => words_of(&["live"]),
        ("diff", 2) => words_of(&["status", "html"]),
        ("peinputs", _) => words_of(&["v"]),
        _ => Vec::new(),
    }
}

fn cluster(first: &str, rest: &[&str], facts: &dyn Facts) -> Vec<Candidate> {
    match first {
        "start" | "stop" | "restart" | "enable" | "disable" => {
            let mut c = words_of(&["--all"]);
            c.extend(strings(facts.nodes()));
            c
        }
        "wait_for_startup" if rest.is_empty() => words_of(&["10", "60", "600"]),
        "run" | "health" | "copy" | "remove"
            if !rest.is_empty() || first == "health" || first == "remove" =>
        {
            strings(facts.nodes())
        }
        "diff" if !rest.is_empty() => {
            let mut c = words_of(&["--checksum"]);
            c.extend(strings(facts.nodes()));
            c
        }
        "init" => words_of(&[
            "ssh",
            "ssh_remote",
            "corosync",
            "sbd",
            "cluster",
            "admin",
            "-n",
            "-i",
            "-s",
            "-A",
            "--no-start",
            "-y",
        ]),
        "join" => words_of(&["-c", "-i", "-y"]),
        _ => Vec::new(),
    }
}

fn corosync(first: &str, rest: &[&str], facts: &dyn Facts) -> Vec<Candidate> {
    match (first, rest.len()) {
        ("status", 0) => words_of(&["ring", "quorum", "qdevice", "qnetd"]),
        ("get" | "set", 0) => words_of(&[
            "totem.cluster_name",
            "totem.token",
            "totem.transport",
            "totem.crypto_cipher",
            "totem.crypto_hash",
            "quorum.provider",
            "quorum.two_node",
            "logging.logfile",
            "logging.to_syslog",
            "nodelist.node.ring0_addr",
        ]),
        ("push" | "diff", _) | ("pull" | "del-node" | "del_node", 0) => strings(facts.nodes()),
        _ => Vec::new(),
    }
}

/// `report` options.
pub fn report(rest: &[&str]) -> Vec<Candidate> {
    match rest.last() {
        Some(&"-n") => Vec::new(),
        _ => words_of(&["-f", "-t", "-n", "-u", "-X", "-S", "-d", "-Z"]),
    }
}
