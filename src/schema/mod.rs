//! What the CIB's `validate-with` decides: the language's choices that
//! depend on the schema version ([`Schema`]), and [`check_commit`], the
//! check every commit passes — our own checks, then Pacemaker's RelaxNG
//! grammar through libxml2.

mod files;
mod language;
mod origins;
mod references;
mod relaxng;
mod relaxng_check;

pub use files::{locate, schema_dir};
pub use language::Schema;
pub use origins::{locate_in, Origins};

use crate::cib::{object_kind, Cib};
use crate::error::{Error, ErrorKind, Notice, Result, SkipReason};
use crate::fasthash::FxHashSet;
use std::rc::Rc;

/// How far a check went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// Our checks and Pacemaker's grammar.
    Full,
    /// Our checks only: no grammar for the CIB's schema.
    Skipped { reason: SkipReason },
    /// `validate-with="none"`: Pacemaker validates nothing either.
    Off,
}

/// A passed check.
#[derive(Debug, Clone)]
pub struct Checked {
    pub coverage: Coverage,
    /// Warnings about the changed objects (dangling tag members, …).
    pub notices: Vec<Notice>,
}

impl Checked {
    /// The warnings to print: the object notices, and once per process
    /// that the grammar was not used.
    pub fn notices_to_show(self, cib: &Cib) -> Vec<Notice> {
        static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        let mut notices = self.notices;
        if let Coverage::Skipped { reason } = self.coverage {
            if !SAID.swap(true, std::sync::atomic::Ordering::Relaxed) {
                notices.push(Notice::ValidationSkipped {
                    schema: cib.schema().name,
                    reason,
                });
            }
        }
        notices
    }
}

/// The CIB a change began from.
#[derive(Debug, Clone, Copy)]
pub struct Baseline<'a> {
    pub cib: &'a Cib,
    /// Pacemaker validated it (a live CIB): its unchanged objects need
    /// not be validated again.
    pub validated: bool,
}

/// Checks a CIB about to be committed: built-in structure checks and
/// references always, then the RelaxNG grammar its `validate-with` names
/// (when installed). Warnings are only given for objects that differ from
/// the baseline.
pub fn check_commit(cib: &Cib, baseline: Option<Baseline>) -> Result<Checked> {
    crate::cib::validate(cib)?;
    let changed = baseline.map(|b| changed_ids(b.cib, cib));
    let notices = references::check(cib, changed.as_ref())?;
    let valid_before = baseline.filter(|b| b.validated).map(|b| b.cib);
    let coverage = grammar_check(cib, valid_before)?;
    Ok(Checked { coverage, notices })
}

/// Only the grammar (no built-in checks), on the whole configuration:
/// what `verify` and tests use to compare with Pacemaker.
pub fn relaxng(cib: &Cib) -> Result<Coverage> {
    grammar_check(cib, None)
}

fn grammar_check(cib: &Cib, valid_before: Option<&Cib>) -> Result<Coverage> {
    let schema = cib.schema().name;
    if schema == "none" {
        return Ok(Coverage::Off);
    }
    let dir = schema_dir();
    let grammar = match grammar(&dir, &schema) {
        Ok(g) => g,
        Err(reason) => return Ok(Coverage::Skipped { reason }),
    };
    let findings = relaxng_check::validate(cib, &grammar, valid_before);
    let Some(first) = findings.into_iter().next() else {
        return Ok(Coverage::Full);
    };
    Err(invalid(&schema, first))
}

fn invalid(schema: &str, finding: relaxng_check::Finding) -> Error {
    let chain = &finding.chain;
    // The innermost object holding the failing element names it.
    let object = (1..chain.len())
        .rev()
        .find_map(|i| object_kind(chain[i], &chain[i - 1].name).map(|k| (i, k)));
    let element = match (object, chain.last()) {
        (Some((i, _)), Some(_)) if i == chain.len() - 1 => None,
        (_, Some(e)) => Some(shorten(crate::xml::start_tag(e))),
        (_, None) => None,
    };
    Error::new(ErrorKind::SchemaInvalid {
        schema: schema.to_string(),
        object: object.map(|(i, k)| references::name_of(k, chain[i])),
        element,
        message: finding.message,
    })
}

fn shorten(mut tag: String) -> String {
    const MAX: usize = 160;
    if tag.len() > MAX {
        let mut cut = MAX;
        while !tag.is_char_boundary(cut) {
            cut -= 1;
        }
        tag.truncate(cut);
        tag.push_str(" …>");
    }
    tag
}

/// Objects whose element differs between the two CIBs (new ones included).
fn changed_ids(before: &Cib, after: &Cib) -> FxHashSet<String> {
    let old: crate::fasthash::FxHashMap<(crate::kind::Kind, &str), &crate::xml::Element> =
        crate::cib::objects(before.configuration())
            .into_iter()
            .map(|o| ((o.kind, o.elem.id().unwrap_or("")), o.elem))
            .collect();
    crate::cib::objects(after.configuration())
        .into_iter()
        .filter(|o| old.get(&(o.kind, o.elem.id().unwrap_or(""))) != Some(&o.elem))
        .map(|o| o.id)
        .collect()
}

thread_local! {
    /// Grammars parsed in this thread, by schema name: a shell session
    /// commits many times against one grammar.
    static GRAMMARS: std::cell::RefCell<Vec<(std::path::PathBuf, String, Rc<relaxng::Grammar>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The grammar for `schema`, or why there is none.
fn grammar(
    dir: &std::path::Path,
    schema: &str,
) -> std::result::Result<Rc<relaxng::Grammar>, SkipReason> {
    let cached = GRAMMARS.with(|g| {
        g.borrow()
            .iter()
            .find(|(d, s, _)| d == dir && s == schema)
            .map(|(_, _, g)| g.clone())
    });
    if let Some(g) = cached {
        return Ok(g);
    }
    let loaded = match files::locate(dir, schema) {
        None => {
            return Err(SkipReason::NotInstalled {
                dir: dir.display().to_string(),
            })
        }
        Some(files::Located::File(path)) => relaxng::Grammar::load(&path),
        Some(files::Located::Composed { text, .. }) => relaxng::Grammar::from_text(&text),
    };
    let grammar = Rc::new(loaded.map_err(|problems| {
        SkipReason::Unreadable {
            dir: dir.display().to_string(),
            detail: problems
                .first()
                .map(|p| p.message.clone())
                .unwrap_or_default(),
        }
    })?);
    GRAMMARS.with(|g| {
        g.borrow_mut()
            .push((dir.to_path_buf(), schema.to_string(), grammar.clone()))
    });
    Ok(grammar)
}
