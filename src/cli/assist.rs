//! `configure assist`: crmsh 4.4's two configuration macros.
//!
//! - `template PRIMITIVE…` puts primitives that share one agent on a new
//!   `rsc_template` (`template-<type>-1`), their own agent attributes
//!   dropped;
//! - `weak-bond RSC RSC…` colocates the primitives, as a set that implies
//!   no order among them, with a new unmonitored Dummy
//!   (`place-constraint-1`, `place-dummy-1`).
//!
//! crmsh 4.4 always numbers its names 1 (its search for a free number
//! never moves on), so a second run finds the name taken: `template` then
//! fails, `weak-bond` says so for each object and still exits 0. Both are
//! kept, since scripts see them.

use super::configure::load_text_as;
use super::levels::Level;
use super::{Failure, Output};
use crate::cib::{at_path_mut, find_object, Cib, Method};
use crate::error::{ConfigureError, Error};
use crate::kind::Kind;
use crate::notice::{Said, Told};
use std::io::IsTerminal;

/// Runs `assist WORDS…`; the ids it changed, or `None` when it changed
/// nothing.
pub fn run(
    cib: &mut Cib,
    words: &[&str],
    force: bool,
    out: &mut Output,
) -> Result<Option<Vec<String>>, Failure> {
    let Some((first, rest)) = words.split_first() else {
        // crmsh enters the level and leaves it: nothing to do.
        return Ok(None);
    };
    let Some(cmd) = Level::Assist.resolve(first) else {
        return Err(super::no_such_command(Level::Assist, first).into());
    };
    super::levels::announce(cmd, first, out);
    match cmd.name {
        "template" => template(cib, rest, out),
        "weak-bond" => weak_bond(cib, rest, force, out),
        "help" => {
            out.print(&super::help::answer(Level::Assist, rest)?);
            Ok(None)
        }
        "ls" => {
            out.print(&Level::Assist.commands().join(" "));
            Ok(None)
        }
        _ => Err(super::bad_arguments(Level::Assist, words).into()),
    }
}

fn refused(e: ConfigureError) -> Failure {
    Error::from(e).into()
}

/// The kind of the object (node or not) that holds `id`, if any.
fn taken(cib: &Cib, id: &str) -> Option<Kind> {
    let conf = cib.configuration();
    find_object(conf, id, false)
        .or_else(|| find_object(conf, id, true))
        .map(|o| o.kind)
}

/// A primitive's agent as crm text writes it (`ocf:pacemaker:Dummy`);
/// `None` for one on a template, which names no agent itself.
fn agent(cib: &Cib, id: &str) -> Option<String> {
    let o = find_object(cib.configuration(), id, false)?;
    let kind = o.elem.get("type")?;
    Some(
        [o.elem.get("class"), o.elem.get("provider"), Some(kind)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(":"),
    )
}

fn template(cib: &mut Cib, ids: &[&str], out: &mut Output) -> Result<Option<Vec<String>>, Failure> {
    if ids.is_empty() {
        return Err(refused(ConfigureError::AssistNoPrimitive));
    }
    let conf = cib.configuration();
    let mut all_primitives = true;
    let mut on_template = 0;
    for id in ids {
        match find_object(conf, id, false) {
            Some(o) if o.kind.is_resource() || o.kind == Kind::Template => {
                all_primitives &= o.kind == Kind::Primitive;
                on_template += usize::from(o.elem.has("template"));
            }
            _ => {
                return Err(refused(ConfigureError::AssistPrimitiveMissing {
                    id: id.to_string(),
                }))
            }
        }
    }
    if !all_primitives {
        return Err(refused(ConfigureError::AssistNotPrimitives));
    }
    // All on templates already: crmsh is done, and says nothing.
    if on_template == ids.len() {
        return Ok(None);
    }
    // Some on a template and some not: crmsh 4.4 fails with a Python
    // TypeError here; a refusal says the same more plainly.
    let agents: Vec<Option<String>> = ids.iter().map(|id| agent(cib, id)).collect();
    let Some(Some(spec)) = agents.first().cloned() else {
        return Err(refused(ConfigureError::AssistAgentsDiffer));
    };
    if agents.iter().any(|a| a.as_deref() != Some(spec.as_str())) {
        return Err(refused(ConfigureError::AssistAgentsDiffer));
    }
    let kind = spec.rsplit(':').next().unwrap_or(&spec).to_lowercase();
    let name = format!("template-{kind}-1");
    if let Some(existing) = taken(cib, &name) {
        out.error(
            &Told::CannotCreate {
                kind: Kind::Template.name(),
                id: name.clone(),
                existing: existing.name(),
            }
            .to_string(),
        );
        return Err(refused(ConfigureError::AssistTemplateFailed));
    }
    let mut touched = load_text_as(
        cib,
        &format!("rsc_template {name} {spec}"),
        Method::Update,
        out,
    )?;
    for id in ids {
        let Some(path) = find_object(cib.configuration(), id, false).map(|o| o.path) else {
            continue;
        };
        if let Some(prim) = at_path_mut(cib.configuration_mut(), &path) {
            prim.set("template", &name);
            for attr in ["class", "provider", "type"] {
                prim.remove_attr(attr);
            }
        }
        touched.push(id.to_string());
    }
    out.info(&Said::TemplateCreated { name }.to_string());
    Ok(Some(touched))
}

fn weak_bond(
    cib: &mut Cib,
    ids: &[&str],
    force: bool,
    out: &mut Output,
) -> Result<Option<Vec<String>>, Failure> {
    if ids.len() < 2 {
        return Err(refused(ConfigureError::WeakBondTooFew));
    }
    for id in ids {
        match find_object(cib.configuration(), id, false) {
            Some(o) if o.kind == Kind::Primitive => {}
            Some(o) if o.kind.is_resource() || o.kind == Kind::Template => {
                return Err(refused(ConfigureError::WeakBondNotPrimitive {
                    id: id.to_string(),
                }))
            }
            _ => {
                return Err(refused(ConfigureError::WeakBondMissing {
                    id: id.to_string(),
                }))
            }
        }
    }
    let constraint = "place-constraint-1".to_string();
    let dummy = "place-dummy-1".to_string();
    out.print(
        &Said::WeakBondPlan {
            constraint: constraint.clone(),
            dummy: dummy.clone(),
        }
        .to_string(),
    );
    // crmsh asks only a person at a terminal; anyone else gets the
    // objects (`-F` answers yes there, and says so).
    if std::io::stdin().is_terminal()
        && !super::confirm::confirm(&Said::AskCreateResources, force, out)
    {
        return Ok(None);
    }
    let mut touched = Vec::new();
    let statements = [
        (
            Kind::Primitive,
            dummy.clone(),
            format!("primitive {dummy} ocf:heartbeat:Dummy"),
        ),
        (
            Kind::Colocation,
            constraint.clone(),
            format!("colocation {constraint} inf: ( {} ) {dummy}", ids.join(" ")),
        ),
    ];
    // Each object on its own: one whose id is taken is said and skipped,
    // the other is still made (crmsh's way).
    for (kind, id, text) in statements {
        if let Some(existing) = taken(cib, &id) {
            out.error(
                &Told::CannotCreate {
                    kind: kind.name(),
                    id,
                    existing: existing.name(),
                }
                .to_string(),
            );
            continue;
        }
        touched.extend(load_text_as(cib, &text, Method::Update, out)?);
    }
    Ok((!touched.is_empty()).then_some(touched))
}
