//! Completion candidates, as pure functions of the level, the text before
//! the cursor and what is known about the cluster ([`Facts`]). The shell
//! answers `Facts` from the session's CIB and cached agent metadata; the
//! tests answer it from fixtures.

use super::levels::{navigation, Level};
use crate::kind::Kind;

/// One configuration object, as completion sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    pub kind: Kind,
    pub id: String,
    /// Inside a group, clone or bundle (not offered to another container).
    pub contained: bool,
}

/// A parameter of an agent or a cluster option, from metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub kind: String,
    pub default: Option<String>,
    pub required: bool,
    /// The allowed values of a `select` (booleans: true, false).
    pub values: Vec<String>,
}

/// What completion needs to know; every answer must be quick (cached).
pub trait Facts {
    fn objects(&self) -> Vec<ObjectInfo>;
    fn nodes(&self) -> Vec<String>;
    /// Resource agent classes (`ocf`, `lsb`, `systemd`, `stonith`, …).
    fn ra_classes(&self) -> Vec<String>;
    fn ocf_providers(&self) -> Vec<String>;
    /// Agent types of `class` (and `provider` for ocf).
    fn ra_types(&self, class: &str, provider: Option<&str>) -> Vec<String>;
    /// Parameters of an agent (`ocf:heartbeat:IPaddr2`, `Dummy`, `@tmpl`).
    fn ra_params(&self, agent: &str) -> Vec<Param>;
    /// Operations an agent advertises (`start`, `monitor`, …).
    fn ra_actions(&self, agent: &str) -> Vec<String>;
    /// The attributes the agent's metadata gives an operation
    /// (`interval`, `timeout`, `depth` of `monitor`), as name and value.
    fn ra_action_defaults(&self, _agent: &str, _action: &str) -> Vec<(String, String)> {
        Vec::new()
    }
    /// Cluster options (`property`).
    fn properties(&self) -> Vec<Param>;
    /// Shadow CIB names.
    fn shadows(&self) -> Vec<String>;
}

/// A completion: what replaces the word, and what the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub replacement: String,
    pub display: String,
}

impl Candidate {
    /// A whole word: a space follows it, as readline does.
    fn word(w: &str) -> Self {
        Candidate {
            replacement: format!("{w} "),
            display: w.to_string(),
        }
    }

    /// Part of a word (`ocf:heartbeat:`, `ip=`): typing goes on.
    fn stem(w: &str, display: &str) -> Self {
        Candidate {
            replacement: w.to_string(),
            display: display.to_string(),
        }
    }
}

/// Operation names every agent class knows.
pub const OPS: &[&str] = &[
    "start",
    "stop",
    "monitor",
    "promote",
    "demote",
    "notify",
    "migrate_to",
    "migrate_from",
    "reload",
    "reload-agent",
    "status",
];

/// Attributes of an `op`.
pub const OP_ATTRS: &[&str] = &[
    "interval",
    "timeout",
    "start-delay",
    "interval-origin",
    "on-fail",
    "role",
    "requires",
    "enabled",
    "record-pending",
    "description",
    "OCF_CHECK_LEVEL",
];

/// Meta attributes of resources Tab offers: the list crmsh's checks know.
pub use crate::cli::RESOURCE_META;

/// Extra meta attributes of clones.
pub const CLONE_META: &[&str] = &[
    "globally-unique",
    "clone-max",
    "clone-node-max",
    "clone-min",
    "notify",
    "ordered",
    "interleave",
    "promotable",
    "promoted-max",
    "promoted-node-max",
];

/// The sub-clause keywords of `primitive` and `rsc_template`.
const RESOURCE_CLAUSES: &[&str] = &["params", "meta", "utilization", "op"];

/// The clauses Tab offers after an agent (crmsh does not offer
/// `utilization`, which can still be typed).
const OFFERED_CLAUSES: &[&str] = &["params", "meta", "op"];

/// Candidates for the word before the cursor: the byte offset where that
/// word starts, and the candidates that may replace it.
pub fn complete(level: Level, line: &str, facts: &dyn Facts) -> (usize, Vec<Candidate>) {
    let (words, current, start) = split(line);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut out = at_level(level, &words, &current, facts);
    out.retain(|c| c.replacement.starts_with(current.as_str()));
    out.sort_by(|a, b| a.replacement.cmp(&b.replacement));
    out.dedup_by(|a, b| a.replacement == b.replacement);
    (start, out)
}

/// The finished words before the cursor, the word being typed and where it
/// starts. Quotes group words as the shell does; a quote left open makes
/// the rest one word.
fn split(line: &str) -> (Vec<String>, String, usize) {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => {
                if !in_word {
                    in_word = true;
                    start = i;
                }
                quote = Some(c);
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            None => {
                if !in_word {
                    in_word = true;
                    start = i;
                }
                cur.push(c);
            }
        }
    }
    if !in_word {
        start = line.len();
    }
    (words, cur, start)
}

fn words_of(list: &[&str]) -> Vec<Candidate> {
    list.iter().map(|w| Candidate::word(w)).collect()
}

fn strings(list: Vec<String>) -> Vec<Candidate> {
    list.iter().map(|w| Candidate::word(w)).collect()
}

/// A level's commands and navigation, as crmsh lists them: names only
/// (aliases run but are not offered), and no `up` at the top.
fn level_words(level: Level) -> Vec<Candidate> {
    let mut c = words_of(&level.commands());
    c.extend(words_of(
        &navigation()
            .into_iter()
            .filter(|w| level != Level::Root || *w != "up")
            .collect::<Vec<_>>(),
    ));
    c
}

fn at_level(level: Level, words: &[&str], current: &str, facts: &dyn Facts) -> Vec<Candidate> {
    let Some((first, rest)) = words.split_first() else {
        return level_words(level);
    };
    match *first {
        "help" => {
            return if rest.is_empty() {
                level_words(level)
            } else {
                Vec::new()
            };
        }
        "cd" => {
            return if rest.is_empty() {
                let mut c = words_of(&[".."]);
                if level == Level::Root {
                    c.extend(words_of(&[
                        "configure",
                        "node",
                        "resource",
                        "ra",
                        "cib",
                        "maintenance",
                        "site",
                        "history",
                        "cluster",
                        "corosync",
                    ]));
                }
                c
            } else {
                Vec::new()
            };
        }
        // The cibstatus level is reached from configure and cib too.
        "cibstatus" if matches!(level, Level::Configure | Level::Cib | Level::ConfigureCib) => {
            return at_level(Level::Cibstatus, rest, current, facts);
        }
        _ => {}
    }
    // The levels below configure (`assist`, `ra`, `history`, …) complete
    // as they do when entered.
    if let Some(sub) = level.sublevel(first) {
        return at_level(sub, rest, current, facts);
    }
    match level {
        Level::Root => match Level::from_word(first) {
            Some(sub) => at_level(sub, rest, current, facts),
            None if *first == "report" => operations::report(rest),
            None => Vec::new(),
        },
        Level::Configure => configure(first, rest, current, facts),
        Level::Node => node(first, rest, facts),
        Level::Resource => resource(first, rest, facts),
        Level::Ra | Level::ConfigureRa => ra(first, rest, current, facts),
        Level::Cib | Level::ConfigureCib => cib(first, rest, current, facts),
        Level::Options => strings(crate::cli::options::complete(first, rest)),
        Level::Template => strings(crate::cli::template::complete(first, rest)),
        Level::Cibstatus => strings(crate::cli::cibstatus::complete(first, rest)),
        Level::Maintenance => maintenance(first, rest, facts),
        Level::Site => site(first, rest),
        Level::History | Level::ConfigureHistory | Level::Cluster | Level::Corosync => {
            operations::complete(level.base(), first, rest, facts)
        }
        Level::Assist => match *first {
            // crmsh offers every primitive again at each word.
            "template" | "weak-bond" | "weak_bond" => {
                strings(ids_where(facts, |o| o.kind == Kind::Primitive))
            }
            _ => Vec::new(),
        },
    }
}

fn ids_where(facts: &dyn Facts, keep: impl Fn(&ObjectInfo) -> bool) -> Vec<String> {
    facts
        .objects()
        .into_iter()
        .filter(|o| keep(o))
        .map(|o| o.id)
        .collect()
}

fn resources(facts: &dyn Facts) -> Vec<String> {
    ids_where(facts, |o| o.kind.is_resource() && o.kind != Kind::Template)
}

/// Resources a constraint can name directly: not those inside a group,
/// clone or bundle (crmsh offers only the container).
fn top_resources(facts: &dyn Facts) -> Vec<String> {
    ids_where(facts, |o| {
        o.kind.is_resource() && o.kind != Kind::Template && !o.contained
    })
}

/// Candidates not yet typed in `words` (a resource is listed once).
fn unused(list: Vec<String>, words: &[&str]) -> Vec<Candidate> {
    strings(
        list.into_iter()
            .filter(|w| !words.contains(&w.as_str()))
            .collect(),
    )
}

fn configure(first: &str, rest: &[&str], current: &str, facts: &dyn Facts) -> Vec<Candidate> {
    let n = rest.len();
    match first {
        "show" => {
            let mut c = words_of(&["xml", "annotated", "json", "changed"]);
            c.extend(unused(ids_where(facts, |_| true), rest));
            // `type:KIND` for each kind the configuration holds.
            let mut kinds: Vec<String> = Vec::new();
            for o in facts.objects() {
                let k = format!("type:{}", o.kind.name());
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
            c.extend(unused(kinds, rest));
            c
        }
        "edit" | "delete" | "rm" => unused(ids_where(facts, |_| true), rest),
        "rename" if n == 0 => strings(ids_where(facts, |_| true)),
        "load" if n == 0 => words_of(&["replace", "update", "push"]),
        "load" if n == 1 => files(current),
        "commit" if n == 0 => words_of(&["force"]),
        "validate-all" | "validate_all" if n == 0 => {
            strings(ids_where(facts, |o| o.kind == Kind::Primitive))
        }
        "default-timeouts" | "default_timeouts" => {
            unused(ids_where(facts, |o| o.kind == Kind::Primitive), rest)
        }
        "upgrade" if n == 0 => words_of(&["force"]),
        // crmsh offers every resource again at each word (the nodes
        // may follow them).
        "rsctest" => strings(resources(facts)),
        "ptest" | "simulate" => unused(
            ["nograph", "scores", "utilization", "actions", "vvv"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            rest,
        ),
        "graph" if n == 0 => words_of(&["dot"]),
        "graph" if n == 1 => files(current),
        "graph" if n == 2 => words_of(&["dot", "svg", "png", "pdf"]),
        "cib" if n == 0 => strings(
            crate::cli::levels::Level::Cib
                .spec()
                .commands
                .iter()
                .map(|c| c.name.to_string())
                .collect(),
        ),
        "cib" => cib(rest[0], &rest[1..], current, facts),
        "erase" if n == 0 => words_of(&["nodes"]),
        "primitive" | "rsc_template" => match n {
            0 => Vec::new(),
            1 => agent(current, facts, true),
            _ => resource_clauses(rest[1], &rest[2..], current, facts),
        },
        "group" if n >= 1 => match last_clause(rest, &["params", "meta"]) {
            Some(_) => params_of(&names(RESOURCE_META), &rest[1..], current),
            None => {
                let free = ids_where(facts, |o| matches!(o.kind, Kind::Primitive) && !o.contained);
                let mut c = unused(free, rest);
                // A group needs a member before its attributes (crmsh
                // offers only the members there too).
                if n >= 2 {
                    c.extend(words_of(&["meta", "params"]));
                }
                c
            }
        },
        "clone" | "ms" | "master" if n >= 1 => {
            if n == 1 {
                return strings(ids_where(facts, |o| {
                    matches!(o.kind, Kind::Primitive | Kind::Group) && !o.contained
                }));
            }
            match last_clause(rest, &["params", "meta"]) {
                Some(_) => {
                    let mut meta = names(RESOURCE_META);
                    meta.extend(names(CLONE_META));
                    params_of(&meta, &rest[2..], current)
                }
                None => words_of(&["meta", "params"]),
            }
        }
        "location" => match n {
            1 => strings(top_resources(facts)),
            2 => words_of(&["inf:", "-inf:", "rule"])
                .into_iter()
                .map(|c| match c.display.ends_with(':') {
                    true => Candidate::stem(&c.display, &c.display),
                    false => c,
                })
                .collect(),
            3 if rest[2].ends_with(':') => strings(facts.nodes()),
            _ => Vec::new(),
        },
        "colocation" | "collocation" | "order" => match n {
            0 => Vec::new(),
            1 => {
                let scores: &[&str] = if first == "order" {
                    &["Mandatory:", "Optional:", "Serialize:", "inf:", "0:"]
                } else {
                    &["inf:", "-inf:"]
                };
                scores.iter().map(|s| Candidate::stem(s, s)).collect()
            }
            _ => unused(top_resources(facts), rest),
        },
        "rsc_ticket" if n >= 2 => unused(top_resources(facts), rest),
        "tag" if n >= 1 => unused(resources(facts), rest),
        "monitor" if n == 0 => strings(ids_where(facts, |o| o.kind == Kind::Primitive)),
        "node" if n == 0 => strings(facts.nodes()),
        "property" => params_with_types(&facts.properties(), rest, current),
        "rsc_defaults" => {
            let mut meta = names(RESOURCE_META);
            meta.extend(names(CLONE_META));
            params_of(&meta, rest, current)
        }
        "op_defaults" => params_of(&names(OP_ATTRS), rest, current),
        _ => Vec::new(),
    }
}

fn names(list: &[&str]) -> Vec<Param> {
    list.iter()
        .map(|n| Param {
            name: n.to_string(),
            ..Param::default()
        })
        .collect()
}

/// The last clause keyword among `words`, if any.
fn last_clause<'a>(words: &[&'a str], clauses: &[&str]) -> Option<&'a str> {
    words.iter().rev().find(|w| clauses.contains(w)).copied()
}

/// The agent word of `primitive ID AGENT`, staged class → provider → type
/// (`ocf:` → `ocf:heartbeat:` → `ocf:heartbeat:IPaddr2`); templates
/// (`@tmpl`) when `templates`.
fn agent(current: &str, facts: &dyn Facts, templates: bool) -> Vec<Candidate> {
    let parts: Vec<&str> = current.split(':').collect();
    match parts.as_slice() {
        [_] => {
            let mut c: Vec<Candidate> = facts
                .ra_classes()
                .iter()
                .map(|class| {
                    let w = format!("{class}:");
                    Candidate::stem(&w, &w)
                })
                .collect();
            if templates {
                c.extend(strings(
                    ids_where(facts, |o| o.kind == Kind::Template)
                        .into_iter()
                        .map(|t| format!("@{t}"))
                        .collect(),
                ));
            }
            c
        }
        ["ocf", _] => facts
            .ocf_providers()
            .iter()
            .map(|p| {
                let w = format!("ocf:{p}:");
                Candidate::stem(&w, &w)
            })
            .collect(),
        ["ocf", provider, _] => strings(
            facts
                .ra_types("ocf", Some(provider))
                .into_iter()
                .map(|t| format!("ocf:{provider}:{t}"))
                .collect(),
        ),
        [class, _] => strings(
            facts
                .ra_types(class, None)
                .into_iter()
                .map(|t| format!("{class}:{t}"))
                .collect(),
        ),
        _ => Vec::new(),
    }
}

/// After `primitive ID AGENT`: the clauses, then what each clause takes.
fn resource_clauses(
    agent: &str,
    rest: &[&str],
    current: &str,
    facts: &dyn Facts,
) -> Vec<Candidate> {
    let clause_pos = rest.iter().rposition(|w| RESOURCE_CLAUSES.contains(w));
    match clause_pos.map(|i| (rest[i], &rest[i + 1..])) {
        None => words_of(OFFERED_CLAUSES),
        // Inside `params`/`meta` crmsh offers only the names not given
        // yet; another clause is typed, not offered.
        Some(("params", given)) => params_with_types(&facts.ra_params(agent), given, current),
        Some(("meta", given)) => params_of(&names(RESOURCE_META), given, current),
        Some(("op", [])) => {
            let mut ops = facts.ra_actions(agent);
            if ops.is_empty() {
                ops = OPS.iter().map(|s| s.to_string()).collect();
            }
            ops.retain(|o| !matches!(o.as_str(), "meta-data" | "validate-all"));
            strings(ops)
        }
        Some(("op", [op, given @ ..])) => {
            // The metadata's values for this operation, whole
            // (`timeout=20s`); the other clauses once one is given.
            let defaults = facts.ra_action_defaults(agent, op);
            let mut out: Vec<Candidate> = if defaults.is_empty() {
                params_of(&names(OP_ATTRS), given, current)
            } else {
                defaults
                    .iter()
                    .filter(|(n, _)| !given.iter().any(|g| g.split('=').next() == Some(n)))
                    .map(|(n, v)| Candidate::word(&format!("{n}={v}")))
                    .collect()
            };
            if !given.is_empty() && !current.contains('=') {
                out.extend(words_of(OFFERED_CLAUSES));
            }
            out
        }
        Some(_) => Vec::new(),
    }
}

/// `name=` for every parameter not given yet; after `name=`, the values of
/// a boolean.
fn params_with_types(params: &[Param], given: &[&str], current: &str) -> Vec<Candidate> {
    if let Some((name, _)) = current.split_once('=') {
        let Some(p) = params.iter().find(|p| p.name == name) else {
            return Vec::new();
        };
        let values: Vec<&str> = match p.kind.as_str() {
            "boolean" => vec!["true", "false"],
            _ => p.values.iter().map(String::as_str).collect(),
        };
        return values
            .iter()
            .map(|v| Candidate::word(&format!("{name}={v}")))
            .collect();
    }
    let given: Vec<&str> = given
        .iter()
        .filter_map(|w| w.split_once('=').map(|(n, _)| n))
        .collect();
    params
        .iter()
        .filter(|p| !given.contains(&p.name.as_str()))
        .map(|p| {
            let w = format!("{}=", p.name);
            Candidate::stem(&w, &describe(p))
        })
        .collect()
}

fn params_of(params: &[Param], given: &[&str], current: &str) -> Vec<Candidate> {
    params_with_types(params, given, current)
}

/// `ip= (string, required)`, `nic= (string, default eth0)`.
pub fn describe(p: &Param) -> String {
    let mut notes = Vec::new();
    if !p.kind.is_empty() {
        notes.push(p.kind.clone());
    }
    if let Some(d) = p.default.as_deref().filter(|d| !d.is_empty()) {
        notes.push(format!("default {d}"));
    }
    if p.required {
        notes.push("required".to_string());
    }
    if notes.is_empty() {
        format!("{}=", p.name)
    } else {
        format!("{}= ({})", p.name, notes.join(", "))
    }
}

fn node(first: &str, rest: &[&str], facts: &dyn Facts) -> Vec<Candidate> {
    match (first, rest.len()) {
        // `all` runs but is not offered (as in crmsh).
        ("standby", 1) => words_of(&["reboot", "forever"]),
        ("server", _) => unused(facts.nodes(), rest),
        (
            "standby" | "online" | "maintenance" | "ready" | "show" | "attribute" | "utilization"
            | "status-attr" | "fence" | "clearstate" | "delete",
            0,
        ) => strings(facts.nodes()),
        ("attribute" | "utilization" | "status-attr", 1) => words_of(&["set", "delete", "show"]),
        _ => Vec::new(),
    }
}

fn primitives(facts: &dyn Facts) -> Vec<String> {
    ids_where(facts, |o| o.kind == Kind::Primitive)
}

fn resource(first: &str, rest: &[&str], facts: &dyn Facts) -> Vec<Candidate> {
    match (first, rest.len()) {
        (
            "start" | "stop" | "restart" | "manage" | "unmanage" | "status" | "show" | "list"
            | "locate",
            _,
        ) => unused(resources(facts), rest),
        ("trace" | "untrace", 0) => strings(primitives(facts)),
        ("trace" | "untrace", 1) => {
            let mut c = words_of(OPS);
            c.push(Candidate::word("probe"));
            c
        }
        (
            "cleanup" | "refresh" | "reprobe" | "move" | "migrate" | "ban" | "clear" | "unmove"
            | "unmigrate" | "unban" | "param" | "meta" | "utilization" | "failcount" | "secret"
            | "promote" | "demote" | "maintenance" | "operations" | "constraints",
            0,
        ) => strings(resources(facts)),
        (
            "cleanup" | "refresh" | "reprobe" | "move" | "migrate" | "ban" | "clear" | "unmove"
            | "unmigrate" | "unban" | "operations",
            1,
        ) => strings(facts.nodes()),
        ("param" | "meta" | "utilization" | "failcount", 1) => words_of(&["set", "delete", "show"]),
        ("secret", 1) => words_of(&["set", "stash", "unstash", "delete", "show", "check"]),
        ("maintenance", 1) => words_of(&["on", "off", "true", "false"]),
        ("failcount", 2) => strings(facts.nodes()),
        _ => Vec::new(),
    }
}

fn maintenance(first: &str, rest: &[&str], facts: &dyn Facts) -> Vec<Candidate> {
    match (first, rest.len()) {
        ("on" | "off" | "action", 0) => strings(resources(facts)),
        ("action", 1) => words_of(crate::cli::MAINTENANCE_ACTIONS),
        ("action", 2) => words_of(&["ssh"]),
        _ => Vec::new(),
    }
}

fn site(first: &str, rest: &[&str]) -> Vec<Candidate> {
    match (first, rest.len()) {
        ("ticket", 0) => words_of(crate::cli::TICKET_COMMANDS),
        _ => Vec::new(),
    }
}

fn ra(first: &str, rest: &[&str], current: &str, facts: &dyn Facts) -> Vec<Candidate> {
    match (first, rest) {
        ("list", []) => strings(facts.ra_classes()),
        ("list", ["ocf"]) => strings(facts.ocf_providers()),
        ("info" | "meta" | "validate", []) => agent(current, facts, false),
        ("validate", [agent, given @ ..]) => params_of(&facts.ra_params(agent), given, current),
        ("providers", []) => strings(
            facts
                .ocf_providers()
                .iter()
                .flat_map(|p| facts.ra_types("ocf", Some(p)))
                .collect(),
        ),
        _ => Vec::new(),
    }
}

fn cib(first: &str, rest: &[&str], current: &str, facts: &dyn Facts) -> Vec<Candidate> {
    match (first, rest.len()) {
        ("use", 0) => {
            let mut c = strings(facts.shadows());
            c.push(Candidate::word("live"));
            c
        }
        ("delete" | "commit" | "reset", 0) => strings(facts.shadows()),
        ("use", 1) => words_of(&["withstatus"]),
        ("new", _) => unused(
            vec!["withstatus".into(), "empty".into(), "force".into()],
            rest,
        ),
        ("import", 0) => files(current),
        ("import", 1) => strings(facts.shadows()),
        _ => Vec::new(),
    }
}

/// File names for `load … FILE`: the directory's entries that start with
/// what was typed (directories end in `/`).
fn files(current: &str) -> Vec<Candidate> {
    let (dir, prefix) = match current.rfind('/') {
        Some(i) => (&current[..=i], &current[i + 1..]),
        None => ("", current),
    };
    let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "." } else { dir }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
            continue;
        }
        let full = format!("{dir}{name}");
        if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            out.push(Candidate::stem(&format!("{full}/"), &format!("{name}/")));
        } else {
            out.push(Candidate {
                replacement: format!("{full} "),
                display: name,
            });
        }
    }
    out
}

mod operations;
#[cfg(test)]
mod tests;
