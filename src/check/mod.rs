//! crmsh's semantic checks: the configuration against the metadata of the
//! agents installed here and of Pacemaker itself. A commit checks the
//! objects it changes (and only when the configuration has a primitive,
//! as crmsh does), `verify` checks them all.
//!
//! What is an error and what a warning follows crmsh 4.4 (`crmsh-oracle
//! --err`): unknown agents and parameters and missing required ones are
//! errors, which refuse a commit unless forced; unknown operations, short
//! timeouts, unknown meta attributes and options, and fencing targets or
//! location nodes that are not nodes are warnings. Wording: `notice.rs`.

mod resources;
mod sets;
pub mod time;

use crate::agents::Registry;
use crate::cib::Cib;
use crate::kind::Kind;
use crate::notice::Check;
use crate::xml::Element;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    /// Said once, changes nothing (an agent that is not installed here).
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub check: Check,
    /// The known name closest to a misspelt one.
    pub suggestion: Option<String>,
}

impl Finding {
    fn error(check: Check) -> Self {
        Finding {
            severity: Severity::Error,
            check,
            suggestion: None,
        }
    }

    fn warning(check: Check) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(check)
        }
    }

    fn note(check: Check) -> Self {
        Finding {
            severity: Severity::Note,
            ..Finding::error(check)
        }
    }

    fn suggest<'a>(mut self, name: &str, known: impl IntoIterator<Item = &'a str>) -> Self {
        self.suggestion = crate::error::suggest(name, known);
        self
    }

    /// Whether it refuses a commit that is not forced: errors, and the
    /// uniqueness clash crmsh reports as a warning but counts as an error.
    pub fn blocks(&self) -> bool {
        self.severity == Severity::Error || matches!(self.check, Check::UniqueClash { .. })
    }
}

/// The checks a commit makes: the objects of `cib` that differ from
/// `started`, when `cib` has a primitive at all.
pub fn for_commit(started: &Cib, cib: &Cib, registry: &Registry) -> Vec<Finding> {
    let mut has_primitive = false;
    cib.configuration()
        .walk(&mut |e| has_primitive |= e.name == "primitive");
    if !has_primitive {
        return Vec::new();
    }
    let before: HashMap<String, &Element> = crate::cib::objects(started.configuration())
        .into_iter()
        .map(|o| (o.id, o.elem))
        .collect();
    let changed: HashSet<String> = crate::cib::objects(cib.configuration())
        .into_iter()
        .filter(|o| before.get(&o.id).is_none_or(|e| !e.same_as(o.elem)))
        .map(|o| o.id)
        .collect();
    run(cib, &|id| changed.contains(id), registry)
}

/// The checks `verify` makes: every object.
pub fn for_verify(cib: &Cib, registry: &Registry) -> Vec<Finding> {
    run(cib, &|_| true, registry)
}

/// What the checks look up about the whole configuration.
struct Context<'a> {
    registry: &'a Registry,
    /// Top-level and contained objects by id.
    objects: HashMap<String, (Kind, &'a Element)>,
    nodes: Vec<String>,
    /// `op_defaults timeout=…`, the timeout of an op that has none.
    default_timeout: Option<String>,
    /// Agents already said to be missing here (said once).
    noted: std::cell::RefCell<HashSet<String>>,
}

fn run(cib: &Cib, selected: &dyn Fn(&str) -> bool, registry: &Registry) -> Vec<Finding> {
    let config = cib.configuration();
    let all = crate::cib::objects(config);
    let ctx = Context {
        registry,
        objects: all
            .iter()
            .map(|o| (o.id.clone(), (o.kind, o.elem)))
            .collect(),
        nodes: cib.node_names(),
        default_timeout: op_default_timeout(config),
        noted: Default::default(),
    };
    let mut chosen: Vec<&crate::cib::Object> = all.iter().filter(|o| selected(&o.id)).collect();
    chosen.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = resources::unique_clashes(&ctx, &chosen);
    for o in chosen {
        match o.kind {
            Kind::Primitive | Kind::Template => resources::primitive(&ctx, o, &mut out),
            Kind::Group | Kind::Clone | Kind::Master => resources::container(o, &mut out),
            Kind::Property | Kind::RscDefaults | Kind::OpDefaults => sets::nvset(&ctx, o, &mut out),
            Kind::Fencing => sets::fencing(&ctx, o.elem, &mut out),
            Kind::Location => sets::location(&ctx, o, &mut out),
            _ => {}
        }
    }
    out
}

fn op_default_timeout(config: &Element) -> Option<String> {
    config
        .child("op_defaults")?
        .elements()
        .filter(|e| e.name == "meta_attributes")
        .flat_map(|m| m.elements())
        .find(|n| n.name == "nvpair" && n.get("name") == Some("timeout"))
        .and_then(|n| n.get("value"))
        .map(String::from)
}

/// The `name`s of the nvpairs in `elem`'s child sets called `set`.
fn pairs<'a>(elem: &'a Element, set: &str) -> Vec<(&'a str, Option<&'a str>)> {
    elem.elements()
        .filter(|e| e.name == set)
        .flat_map(|s| s.elements())
        .filter(|n| n.name == "nvpair")
        .filter_map(|n| Some((n.get("name")?, n.get("value"))))
        .collect()
}

/// crmsh's `check-mode relaxed`: errors are told but refuse nothing.
fn relaxed() -> bool {
    crate::crm_conf::get("core", "check_mode") == "relaxed"
}

/// The checks of a commit, printed; an error when they refuse it. Forced
/// (`-F`, `commit force`) it goes on, as crmsh's "commit forced"; a person
/// at a terminal is asked.
pub fn before_commit(
    started: &Cib,
    cib: &Cib,
    force: bool,
    ask: &mut dyn FnMut(&str) -> bool,
    out: &mut crate::cli::Output,
) -> Result<(), crate::error::Error> {
    // crmsh's `check-frequency never` leaves the semantic checks out of
    // a commit (`always` and `on-verify` both make them there).
    if crate::crm_conf::get("core", "check_frequency") == "never" {
        return Ok(());
    }
    let findings = crate::agents::with_registry(|r| for_commit(started, cib, r));
    report(&findings, out);
    let errors = findings.iter().filter(|f| f.blocks()).count();
    if errors == 0 || relaxed() {
        return Ok(());
    }
    if force {
        out.info(&crate::notice::Notice::CommitForced.to_string());
        return Ok(());
    }
    if ask(&crate::notice::Notice::StillCommit.to_string()) {
        return Ok(());
    }
    Err(crate::error::Error::new(
        crate::error::ErrorKind::ChecksRefused { count: errors },
    ))
}

/// The checks of `verify`, printed; an error when one of them is.
pub fn verify(cib: &Cib, out: &mut crate::cli::Output) -> Result<(), crate::error::Error> {
    if crate::crm_conf::get("core", "check_frequency") == "never" {
        return Ok(());
    }
    let findings = crate::agents::with_registry(|r| for_verify(cib, r));
    report(&findings, out);
    match findings.iter().filter(|f| f.blocks()).count() {
        0 => Ok(()),
        _ if relaxed() => Ok(()),
        count => Err(crate::error::Error::new(
            crate::error::ErrorKind::ChecksFailed { count },
        )),
    }
}

/// The lines a check prints, the way `crm` prints messages.
pub fn report(findings: &[Finding], out: &mut crate::cli::Output) {
    for f in findings {
        let mut text = crate::i18n::check_text(&f.check);
        if let Some(s) = &f.suggestion {
            text.push_str(&format!("\n  help: {}", crate::i18n::did_you_mean(s)));
        }
        match f.severity {
            Severity::Error => out.error(&text),
            Severity::Warning => out.warning(&text),
            Severity::Note => out.info(&text),
        }
    }
}
