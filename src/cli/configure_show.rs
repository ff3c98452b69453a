//! `show`, `save` and the object selectors every configure command that
//! takes objects shares (crmsh's `mkset_obj`): ids (globs), `type:T`,
//! `tag:T`, `related:X`, `changed`, joined by `or` (the default) or `and`.

use super::{usage, Failure, Output};
use crate::cib::{objects, Cib, Object};
use crate::error::{Error, ErrorKind};
use crate::kind::Kind;

/// The objects a list of selectors names, in CIB order; `None` when the
/// list is empty (everything).
pub fn select(
    cib: &Cib,
    specs: &[&str],
    changed: &[String],
) -> Result<Option<Vec<String>>, Failure> {
    let specs: Vec<&str> = specs
        .iter()
        .copied()
        .filter(|s| !s.starts_with("obscure:"))
        .collect();
    if specs.is_empty() {
        return Ok(None);
    }
    let all = objects(cib.configuration());
    let mut chosen: Vec<String> = Vec::new();
    let mut and_with: Option<Vec<String>> = None;
    for spec in specs {
        match spec {
            "or" => continue,
            "and" => {
                and_with = Some(std::mem::take(&mut chosen));
                continue;
            }
            _ => {}
        }
        let found = matching(cib, &all, spec, changed);
        if found.is_empty() && !is_filter(spec) {
            let known = all.iter().map(|o| o.id.as_str());
            return Err(Error::new(ErrorKind::NoSuchObject {
                id: spec.to_string(),
            })
            .did_you_mean(spec, known)
            .into());
        }
        for id in found {
            if !chosen.contains(&id) {
                chosen.push(id);
            }
        }
        if let Some(prev) = and_with.take() {
            chosen.retain(|id| prev.contains(id));
        }
    }
    if let Some(prev) = and_with {
        chosen = prev;
    }
    Ok(Some(chosen))
}

fn is_filter(spec: &str) -> bool {
    spec == "changed"
        || spec.starts_with("type:")
        || spec.starts_with("tag:")
        || spec.starts_with("related:")
}

/// crmsh's name for an object's kind (`type:` selects by it).
fn type_name(o: &Object) -> &'static str {
    o.kind.name()
}

fn matching(cib: &Cib, all: &[Object], spec: &str, changed: &[String]) -> Vec<String> {
    if spec == "changed" {
        return all
            .iter()
            .filter(|o| changed.contains(&o.id))
            .map(|o| o.id.clone())
            .collect();
    }
    if let Some(t) = spec.strip_prefix("type:") {
        return all
            .iter()
            .filter(|o| type_name(o) == t)
            .map(|o| o.id.clone())
            .collect();
    }
    if let Some(t) = spec.strip_prefix("tag:") {
        let Some(tag) = all.iter().find(|o| o.kind == Kind::Tag && o.id == t) else {
            return Vec::new();
        };
        return tag
            .elem
            .elements()
            .filter(|r| r.name == "obj_ref")
            .filter_map(|r| r.id())
            .filter(|id| all.iter().any(|o| o.id == *id && o.kind != Kind::Node))
            .map(String::from)
            .collect();
    }
    if let Some(name) = spec.strip_prefix("related:") {
        let mut out = globbed(all, name);
        if let Some(me) = all.iter().find(|o| o.id == name && o.kind != Kind::Node) {
            if me.kind.is_resource() || me.kind == Kind::Template {
                for o in all.iter().filter(|o| related(o, name)) {
                    out.push(o.id.clone());
                }
            }
        }
        out.extend(by_agent(all, name));
        let mut seen = Vec::new();
        out.retain(|id| {
            let first = !seen.contains(id);
            seen.push(id.clone());
            first
        });
        let _ = cib;
        return out;
    }
    globbed(all, spec)
}

/// Objects whose id (or node name) matches a glob.
fn globbed(all: &[Object], pattern: &str) -> Vec<String> {
    all.iter()
        .filter(|o| {
            crate::show::glob(pattern, &o.id)
                || (o.kind == Kind::Node
                    && o.elem
                        .get("uname")
                        .is_some_and(|u| crate::show::glob(pattern, u)))
        })
        .map(|o| o.id.clone())
        .collect()
}

/// Whether `o` names the resource `id`: a constraint on it, a tag of it,
/// a container holding it.
fn related(o: &Object, id: &str) -> bool {
    if o.kind.is_constraint() {
        let refs = ["rsc", "with-rsc", "first", "then"];
        return refs.iter().any(|a| o.elem.get(a) == Some(id))
            || o.elem
                .elements()
                .filter(|s| s.name == "resource_set")
                .flat_map(|s| s.elements())
                .any(|r| r.name == "resource_ref" && r.id() == Some(id));
    }
    if o.kind == Kind::Tag {
        return o.elem.elements().any(|r| r.id() == Some(id));
    }
    if matches!(
        o.kind,
        Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
    ) {
        let mut found = false;
        o.elem.walk(&mut |e| {
            found |= matches!(e.name.as_str(), "primitive" | "group" | "clone" | "master")
                && e.id() == Some(id);
        });
        return found;
    }
    false
}

/// `related:[CLASS:[PROVIDER:]]TYPE`: resources of that agent.
fn by_agent(all: &[Object], spec: &str) -> Vec<String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (class, provider, kind) = match parts.as_slice() {
        [t] if !t.is_empty() => (None, None, *t),
        [c, t] => (Some(*c), None, *t),
        [c, p, t] => (Some(*c), Some(*p), *t),
        _ => return Vec::new(),
    };
    all.iter()
        .filter(|o| {
            o.elem.get("type") == Some(kind)
                && class.is_none_or(|c| o.elem.get("class") == Some(c))
                && provider.is_none_or(|p| o.elem.get("provider") == Some(p))
        })
        .map(|o| o.id.clone())
        .collect()
}

/// `obscure:PATTERN` selectors, else crmsh's `core.obscure_pattern`
/// (`CRM_OBSCURE_PATTERN` in the environment wins over both).
fn obscure(specs: &[&str]) -> Vec<String> {
    if std::env::var_os("CRM_OBSCURE_PATTERN").is_some() {
        return crate::secrets::globs();
    }
    let given: Vec<String> = specs
        .iter()
        .filter_map(|s| s.strip_prefix("obscure:"))
        .map(String::from)
        .collect();
    if !given.is_empty() {
        return given;
    }
    crate::secrets::globs()
}

/// The forms of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// crmsh's text, byte for byte.
    Crmsh,
    /// crmsh's text plus what a reload into an empty CIB needs to give
    /// the same XML back (`$id=`, `id=` on ops, `string:`, ...).
    Annotated,
    Xml,
    /// The objects as data (`docs/json.md`).
    Json,
}

/// The text of the selected objects (all for `None`).
pub fn text(
    cib: &Cib,
    selection: Option<Vec<String>>,
    form: Form,
    specs: &[&str],
    session: Option<&crate::repl::session::Session>,
) -> String {
    if form == Form::Xml {
        // crmsh prints the document and then an empty line.
        let doc = crate::present::show_xml(cib, selection.as_deref(), &obscure(specs));
        return format!("{doc}\n");
    }
    if form == Form::Json {
        return crate::json::render(&crate::json::configuration(
            cib.configuration(),
            selection.as_deref(),
            &obscure(specs),
        ));
    }
    if selection.as_ref().is_some_and(|s| s.is_empty()) {
        return String::new();
    }
    let mut opts = crate::show::ShowOptions::for_cib(&cib.root);
    opts.selection = selection;
    opts.lossless = form == Form::Annotated;
    opts.obscure = obscure(specs);
    opts.sort_ids = crate::crm_conf::flag("core", "sort_elements");
    if let Some(s) = session {
        opts.order = (!s.order.is_empty()).then(|| s.order.clone());
        opts.fresh = s.touched.clone();
    }
    crate::show::show(cib.configuration(), &opts)
}

/// `show [xml|annotated] [SELECTOR ...]`, with what the configure session
/// knows (the order objects were made in, those made from text).
pub fn show(
    cib: &Cib,
    rest: &[&str],
    changed: &[String],
    session: Option<&crate::repl::session::Session>,
    out: &mut Output,
) -> Result<(), Failure> {
    // crmsh takes the `obscure:` words out before it looks for `xml`,
    // so `show obscure:P xml ID` is the XML form.
    let (masks, words): (Vec<&str>, Vec<&str>) =
        rest.iter().partition(|w| w.starts_with("obscure:"));
    let (form, plain) = match words.as_slice() {
        ["xml", s @ ..] => (Form::Xml, s),
        ["annotated", s @ ..] => (Form::Annotated, s),
        ["json", s @ ..] => (Form::Json, s),
        s => (Form::Crmsh, s),
    };
    let specs: Vec<&str> = plain.iter().chain(masks.iter()).copied().collect();
    let selection = select(cib, &specs, changed)?;
    let mut t = text(cib, selection, form, &specs, session);
    if matches!(form, Form::Crmsh | Form::Annotated) {
        if let Some(palette) = crate::show::color::Palette::current() {
            t = crate::show::color::colorize(&t, &palette);
        }
    }
    if !t.is_empty() {
        out.print(&t);
    }
    Ok(())
}

/// `save [xml] [SELECTOR ...] FILE`: the selection (everything by
/// default) in a file, unmasked, so that `load replace FILE` restores
/// it. We write the annotated text (ids kept); crmsh's regression mode
/// (`-R`) writes crmsh's own text, as crmsh does.
pub fn save(cib: &Cib, rest: &[&str], changed: &[String], out: &mut Output) -> Result<(), Failure> {
    let (xml, rest) = match rest {
        ["xml", r @ ..] => (true, r),
        r => (false, r),
    };
    let Some((file, specs)) = rest.split_last() else {
        return Err(usage(
            &crate::notice::Misuse::Syntax {
                usage: "configure save [xml] [SELECTOR ...] FILE".into(),
            }
            .to_string(),
        )
        .into());
    };
    let selection = select(cib, specs, changed)?;
    let text = if xml {
        crate::present::show_xml(cib, selection.as_deref(), &[])
    } else {
        for (section, text) in crate::cib::loose_comments::unplaced(cib.configuration()) {
            let line = text.trim().lines().next().unwrap_or("").to_string();
            let kind = ErrorKind::CommentNotSaved {
                section: section.to_string(),
                line,
            };
            out.warning(&Error::new(kind).to_string());
        }
        let mut opts = crate::show::ShowOptions::for_cib(&cib.root);
        opts.selection = selection;
        opts.obscure.clear();
        opts.lossless = !crate::regression::enabled();
        opts.sort_ids = crate::crm_conf::flag("core", "sort_elements");
        crate::show::show(cib.configuration(), &opts)
    };
    // Unmasked secrets: the copy is private (0600) even over an older one.
    let path = std::path::Path::new(file);
    crate::safe_file::write_private(path, text.as_bytes()).map_err(|e| Error::file(path, e))?;
    Ok(())
}
