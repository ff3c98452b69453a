//! The `configure` level, one-shot: read the CIB, change it, commit.

use super::commit::CommitOptions;
use super::{usage, Arguments, Failure, Output};
use crate::cib::{find_object, objects, remove_object, Backend, Cib, Method};
use crate::error::{Error, ErrorKind};
use crate::kind::Kind;
use crate::load::load_text;
use crate::repl::session::Session;
use crate::source::Source;
use std::io::Read;

pub fn run(
    args: &Arguments,
    backend: &dyn Backend,
    words: &[&str],
    out: &mut Output,
) -> Result<(), Failure> {
    // Read-only commands need no session: a large CIB is then neither
    // copied nor freed (the process ends right after).
    if matches!(words, ["show", ..] | ["verify"] | ["save", ..]) && words.get(1) != Some(&"changed")
    {
        let cib = backend.read()?;
        let result = match words {
            ["show", rest @ ..] => show(&cib, rest, out),
            ["save", rest @ ..] => save(&cib, rest, out),
            _ => verify(backend, &cib, out),
        };
        std::mem::forget(cib);
        return result;
    }
    let mut session = Session::open(backend)?;
    let opts = super::commit_options(args, false);
    let result = match words {
        ["edit", ids @ ..] => {
            crate::repl::edit::edit_at_terminal(&mut session, ids, out).map(|changed| {
                if changed {
                    Effect::Changed
                } else {
                    Effect::None
                }
            })
        }
        _ => execute(&mut session, backend, opts, &Command::words(words), out),
    };
    // A one-shot command commits what it changed, as crmsh does when it
    // leaves the level at the end of a non-interactive run.
    let Session { started, working } = session;
    let result = match result {
        Ok(Effect::Changed) => super::commit::commit(backend, &started, working, opts, out),
        Ok(_) => {
            std::mem::forget(working);
            Ok(())
        }
        Err(e) => {
            std::mem::forget(working);
            Err(e)
        }
    };
    // A large CIB takes longer to free than the process takes to exit.
    std::mem::forget(started);
    result
}

/// What a configure command did to the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Read only (`show`, `verify`).
    None,
    /// The working CIB was changed (maybe to the same content): a one-shot
    /// run commits it.
    Changed,
    /// Committed or refreshed: the session starts over.
    Settled,
}

/// A configure command: its words (quotes removed) and, from the
/// interactive shell, the text as typed, so a statement reaches the
/// parser exactly as written (`xml …`, continuations).
#[derive(Debug, Clone, Copy)]
pub struct Command<'a> {
    pub words: &'a [&'a str],
    pub text: Option<&'a str>,
}

impl<'a> Command<'a> {
    pub fn words(words: &'a [&'a str]) -> Self {
        Command { words, text: None }
    }
}

/// Runs one configure-level command on a session: the one command layer
/// both `crm configure …` and the interactive `configure#` level use.
pub fn execute(
    session: &mut Session,
    backend: &dyn Backend,
    opts: CommitOptions,
    command: &Command,
    out: &mut Output,
) -> Result<Effect, Failure> {
    let cib = &mut session.working;
    match command.words {
        [] => return Err(usage("configure: give a command, e.g. `crm configure show`").into()),
        ["load", rest @ ..] => load(cib, rest, out)?,
        ["show", "changed"] => {
            let ids = session.changed_ids();
            if !ids.is_empty() {
                out.print(&show_text(&session.working, Some(ids)));
            }
            // Deleted objects have no text left to show; name them.
            for id in session.deleted_ids() {
                out.print(&format!("# deleted: {id}"));
            }
            return Ok(Effect::None);
        }
        ["show", rest @ ..] => {
            show(cib, rest, out)?;
            return Ok(Effect::None);
        }
        ["verify"] => {
            verify(backend, cib, out)?;
            return Ok(Effect::None);
        }
        ["save", rest @ ..] => {
            save(cib, rest, out)?;
            return Ok(Effect::None);
        }
        ["delete" | "rm", rest @ ..] => delete(cib, rest)?,
        ["rename", old, new] => rename(cib, old, new)?,
        ["erase"] => erase(cib, false),
        ["erase", "nodes"] => erase(cib, true),
        ["commit", rest @ ..] => {
            let opts = CommitOptions {
                force: opts.force || rest.contains(&"force"),
                ..opts
            };
            super::commit::commit(
                backend,
                &session.started,
                session.working.clone(),
                opts,
                out,
            )?;
            session.refresh(backend)?;
            return Ok(Effect::Settled);
        }
        ["refresh"] => {
            session.refresh(backend)?;
            return Ok(Effect::Settled);
        }
        [first, ..] if Kind::from_keyword(first).is_some() || first.eq_ignore_ascii_case("xml") => {
            statement(cib, command, out)?
        }
        _ => return Err(super::bad_arguments(super::Level::Configure, command.words).into()),
    }
    Ok(Effect::Changed)
}

fn load(cib: &mut Cib, rest: &[&str], out: &mut Output) -> Result<(), Failure> {
    let (xml, method, file) = match rest {
        [m, f] => (false, *m, *f),
        ["xml", m, f] => (true, *m, *f),
        _ => return Err(usage("usage: configure load [xml] replace|update|push FILE|-").into()),
    };
    let method = match method {
        "update" => Method::Update,
        "replace" => Method::Replace,
        "push" => Method::Push,
        other => return Err(super::expected_word(other, &["update", "replace", "push"]).into()),
    };
    let bytes = read_input(file)?;
    crate::sniff::check(file, &bytes)?;
    let source = Source::from_bytes(if file == "-" { "<stdin>" } else { file }, &bytes)?;
    // `cib` is this command's own copy: a failed load leaves it half
    // changed, but it is then dropped, never committed.
    let loaded = if xml {
        crate::load::load_xml_into(cib, &source.text, method)
    } else {
        crate::load::load_into(cib, &source.text, method)
    };
    let report = loaded.map_err(|error| Failure {
        error: crate::schema::locate_in(error, &source, &cib.schema()),
        source: Some(source.clone()),
    })?;
    let schema = cib.schema();
    cib.origins.record(&source, schema);
    for w in report.warnings {
        out.warning(&w);
    }
    for n in report.notes {
        out.info(&n);
    }
    Ok(())
}

fn read_input(file: &str) -> Result<Vec<u8>, Error> {
    let io = |e: std::io::Error| {
        Error::new(ErrorKind::Io {
            path: file.to_string(),
            message: e.to_string(),
        })
    };
    if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(io)?;
        Ok(buf)
    } else {
        std::fs::read(file).map_err(io)
    }
}

fn show(cib: &Cib, rest: &[&str], out: &mut Output) -> Result<(), Failure> {
    let (form, ids) = match rest {
        ["xml", ids @ ..] => (ShowForm::Xml, ids),
        ["annotated", ids @ ..] => (ShowForm::Annotated, ids),
        ["json", ids @ ..] => (ShowForm::Json, ids),
        ids => (ShowForm::Crmsh, ids),
    };
    let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    let known = crate::show::objects(cib.configuration());
    for id in &ids {
        let found = known.iter().any(|o| &o.id == id)
            || (id == "fencing_topology"
                && cib.configuration().child("fencing-topology").is_some())
            || cib.node_names().iter().any(|n| n == id);
        if !found {
            let ids = known.iter().map(|o| o.id.as_str());
            return Err(Error::new(ErrorKind::NoSuchObject { id: id.clone() })
                .did_you_mean(id, ids)
                .into());
        }
    }
    let selection = (!ids.is_empty()).then_some(ids);
    let text = match form {
        // crmsh prints the document and then an empty line.
        ShowForm::Xml => {
            let doc = crate::present::show_xml(cib, selection.as_deref(), &crate::secrets::globs());
            format!("{doc}\n")
        }
        ShowForm::Crmsh => show_text(cib, selection),
        ShowForm::Annotated => show_text_as(cib, selection, true),
        ShowForm::Json => crate::json::render(&crate::json::configuration(
            cib.configuration(),
            selection.as_deref(),
            &crate::secrets::globs(),
        )),
    };
    out.print(&text);
    Ok(())
}

/// The three forms of `show`.
enum ShowForm {
    /// crmsh's text, byte for byte.
    Crmsh,
    /// crmsh's text plus what a reload into an empty CIB needs to give
    /// the same XML back (`$id=`, `id=` on ops, `string:`, ...).
    Annotated,
    Xml,
    /// The objects as data (`docs/json.md`).
    Json,
}

/// `configure show` text. `CRM_OBSCURE_PATTERN` plays crmsh's
/// `core.obscure_pattern` (globs separated by `|`; empty turns masking off,
/// which makes show → load reproduce even the secrets).
/// `save [xml] FILE`: the configuration as crm text (or XML) in a file,
/// unmasked, so that `load replace FILE` restores exactly this CIB.
fn save(cib: &Cib, rest: &[&str], out: &mut Output) -> Result<(), Failure> {
    let (xml, file) = match rest {
        [file] => (false, *file),
        ["xml", file] => (true, *file),
        _ => return Err(usage("usage: configure save [xml] FILE").into()),
    };
    let text = if xml {
        crate::present::show_xml(cib, None, &[])
    } else {
        for (section, text) in crate::show::loose_comments(cib.configuration()) {
            let line = text.trim().lines().next().unwrap_or("").to_string();
            let kind = ErrorKind::CommentNotSaved {
                section: section.to_string(),
                line,
            };
            out.warning(&Error::new(kind).to_string());
        }
        let mut opts = crate::show::ShowOptions::for_cib(&cib.root);
        opts.obscure.clear();
        opts.lossless = true;
        crate::show::show(cib.configuration(), &opts)
    };
    // Unmasked secrets: the copy is private (0600) even over an older one.
    let path = std::path::Path::new(file);
    crate::safe_file::write_private(path, text.as_bytes()).map_err(|e| Error::file(path, e))?;
    Ok(())
}

pub fn show_text(cib: &Cib, selection: Option<Vec<String>>) -> String {
    show_text_as(cib, selection, false)
}

/// [`show_text`], or with `annotated` the lossless text `save` writes
/// (masked all the same unless `CRM_OBSCURE_PATTERN` says otherwise).
pub fn show_text_as(cib: &Cib, selection: Option<Vec<String>>, annotated: bool) -> String {
    let mut opts = crate::show::ShowOptions::for_cib(&cib.root);
    opts.selection = selection;
    opts.lossless = annotated;
    if let Ok(p) = std::env::var("CRM_OBSCURE_PATTERN") {
        opts.obscure = p
            .split('|')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
    }
    crate::show::show(cib.configuration(), &opts)
}

fn verify(backend: &dyn Backend, cib: &Cib, out: &mut Output) -> Result<(), Failure> {
    for notice in crate::schema::check_commit(cib, None)?.notices_to_show(cib) {
        out.warning(&notice.to_string());
    }
    match backend.verify(cib)? {
        Some(report) => {
            if !report.is_empty() {
                out.print(&report);
            }
        }
        None => out.info("crm_verify is not installed; only the schema checks of crm ran"),
    }
    // Then, as crmsh, the objects against the agents' metadata.
    crate::check::verify(cib, out)?;
    Ok(())
}

fn statement(cib: &mut Cib, command: &Command, out: &mut Output) -> Result<(), Failure> {
    let words = command.words;
    let text = match command.text {
        Some(t) => t.to_string(),
        None => words
            .iter()
            .map(|w| shell_quote(w))
            .collect::<Vec<_>>()
            .join(" "),
    };
    let kind = Kind::from_keyword(words[0]);
    if let (Some(kind), Some(id)) = (kind, words.get(1)) {
        let merges = kind.is_nvset() || matches!(kind, Kind::Node | Kind::Monitor | Kind::Fencing);
        if !merges && find_object(cib.configuration(), id, false).is_some() {
            return Err(Error::new(ErrorKind::ObjectExists { id: id.to_string() }).into());
        }
    }
    let name = if command.text.is_some() {
        "<input>"
    } else {
        "<command line>"
    };
    let source = Source::new(name, &text);
    if kind.is_some_and(Kind::is_nvset) {
        let ctx = crate::parse::Context {
            schema: cib.schema(),
            nodes: Vec::new(),
        };
        crate::parse::parse_text(&text, &ctx)
            .and_then(|sts| crate::parse::command_line_nvset(&sts))
            .map_err(|error| Failure {
                error,
                source: Some(source.clone()),
            })?;
    }
    let report = load_text(cib, &text, Method::Update).map_err(|error| Failure {
        error,
        source: Some(source),
    })?;
    for w in report.warnings {
        out.warning(&w);
    }
    Ok(())
}

/// Quotes a word so the lexer gives it back unchanged.
fn shell_quote(w: &str) -> String {
    if !w.is_empty()
        && w.chars()
            .all(|c| !c.is_whitespace() && !"'\"\\".contains(c))
    {
        return w.to_string();
    }
    format!("'{}'", w.replace('\'', "'\\''"))
}

fn delete(cib: &mut Cib, ids: &[&str]) -> Result<(), Failure> {
    if ids.is_empty() {
        return Err(usage("usage: configure delete ID ...").into());
    }
    for id in ids {
        crate::cib::delete_object(cib, id)?;
    }
    Ok(())
}

fn rename(cib: &mut Cib, old: &str, new: &str) -> Result<(), Failure> {
    crate::cib::rename_object(cib, old, new)?;
    Ok(())
}

fn erase(cib: &mut Cib, nodes: bool) {
    if nodes {
        if let Some(n) = cib.configuration_mut().child_mut("nodes") {
            n.children.clear();
        }
        return;
    }
    loop {
        let path = objects(cib.configuration())
            .into_iter()
            .rev()
            .find(|o| o.kind != Kind::Node)
            .map(|o| o.path);
        let Some(path) = path else { break };
        remove_object(cib.configuration_mut(), &path);
    }
}
