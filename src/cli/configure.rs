//! The `configure` level, one-shot: read the CIB, change it, commit.

use super::{usage, Arguments, Failure, Output};
use crate::cib::{find_object, objects, remove_object, Backend, Cib, Method};
use crate::error::{Error, ErrorKind};
use crate::kind::Kind;
use crate::load::load_text;
use crate::source::Source;
use std::io::Read;

pub fn run(
    args: &Arguments,
    backend: &dyn Backend,
    words: &[&str],
    out: &mut Output,
) -> Result<(), Failure> {
    let original = backend.read()?;
    // Read-only commands work on the CIB as read; a large CIB is neither
    // copied nor freed (the process ends right after).
    let read_only = match words {
        ["show", rest @ ..] => Some(show(&original, rest, out)),
        ["verify"] => Some(verify(backend, &original, out)),
        _ => None,
    };
    if let Some(result) = read_only {
        std::mem::forget(original);
        return result;
    }
    let mut cib = original.clone();
    let mut force = false;
    match words {
        [] => return Err(usage("configure: give a command, e.g. `crm configure show`").into()),
        ["load", rest @ ..] => load(&mut cib, rest, out)?,
        ["delete" | "rm", rest @ ..] => delete(&mut cib, rest)?,
        ["rename", old, new] => rename(&mut cib, old, new)?,
        ["erase"] => erase(&mut cib, false),
        ["erase", "nodes"] => erase(&mut cib, true),
        ["commit", rest @ ..] => force = rest.contains(&"force"),
        [first, ..] if Kind::from_keyword(first).is_some() || first.eq_ignore_ascii_case("xml") => {
            statement(&mut cib, words, out)?
        }
        [other, ..] => {
            return Err(usage(&format!("configure: unknown command '{other}'")).into());
        }
    }
    let opts = super::commit_options(args, force);
    let result = super::commit::commit(backend, &original, cib, opts, out);
    std::mem::forget(original);
    result
}

fn load(cib: &mut Cib, rest: &[&str], out: &mut Output) -> Result<(), Failure> {
    let (method, file) = match rest {
        [m, f] => (*m, *f),
        _ => return Err(usage("usage: configure load replace|update|push FILE|-").into()),
    };
    let method = match method {
        "update" => Method::Update,
        "replace" => Method::Replace,
        "push" => Method::Push,
        "xml" => return Err(usage("configure load xml is not supported; load crm text").into()),
        other => {
            return Err(usage(&format!(
                "load: unknown method '{other}' (replace, update or push)"
            ))
            .into())
        }
    };
    let bytes = read_input(file)?;
    let source = Source::from_bytes(if file == "-" { "<stdin>" } else { file }, &bytes);
    // `cib` is this command's own copy: a failed load leaves it half
    // changed, but it is then dropped, never committed.
    let report = crate::load::load_into(cib, &source.text, method).map_err(|error| Failure {
        error,
        source: Some(source.clone()),
    })?;
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
    let (xml, ids): (bool, Vec<String>) = match rest {
        ["xml", ids @ ..] => (true, ids.iter().map(|s| s.to_string()).collect()),
        ids => (false, ids.iter().map(|s| s.to_string()).collect()),
    };
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
    let text = if xml {
        crate::present::show_xml(cib, selection.as_deref())
    } else {
        show_text(cib, selection)
    };
    out.print(&text);
    Ok(())
}

/// `configure show` text. `CRM_OBSCURE_PATTERN` plays crmsh's
/// `core.obscure_pattern` (globs separated by `|`; empty turns masking off,
/// which makes show → load reproduce even the secrets).
pub fn show_text(cib: &Cib, selection: Option<Vec<String>>) -> String {
    let mut opts = crate::show::ShowOptions::for_cib(&cib.root);
    opts.selection = selection;
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
    crate::cib::validate(cib)?;
    match backend.verify(cib)? {
        Some(report) => {
            if !report.is_empty() {
                out.print(&report);
            }
        }
        None => out.info("crm_verify is not installed; only the schema checks of crm ran"),
    }
    Ok(())
}

fn statement(cib: &mut Cib, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let text = words
        .iter()
        .map(|w| shell_quote(w))
        .collect::<Vec<_>>()
        .join(" ");
    let kind = Kind::from_keyword(words[0]);
    if let (Some(kind), Some(id)) = (kind, words.get(1)) {
        let merges = kind.is_nvset() || matches!(kind, Kind::Node | Kind::Monitor | Kind::Fencing);
        if !merges && find_object(cib.configuration(), id, false).is_some() {
            return Err(Error::new(ErrorKind::ObjectExists { id: id.to_string() }).into());
        }
    }
    let source = Source::new("<command line>", &text);
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
