//! The `ra` level: resource agents, listed and described by
//! `crm_resource`, printed as crmsh prints them; `validate` runs the
//! agent's validate-all.

use super::{usage, Failure, Output};
use crate::cib::process::Call;
use crate::error::{CommandError, Error, ErrorKind};
use crate::notice::Said;
use crate::xml::{Element, Node};

pub fn run(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    super::alias_notice(super::Level::Ra, words, out);
    match words {
        ["classes"] => classes(out),
        ["classes", "json"] => {
            out.print(&crate::json::render(&class_list()?));
            Ok(())
        }
        ["list", class, "json"] => {
            let agents = agent_list(class, None)?;
            out.print(&crate::json::render(&agents));
            Ok(())
        }
        ["list", class, provider, "json"] => {
            let agents = agent_list(class, Some(provider))?;
            out.print(&crate::json::render(&agents));
            Ok(())
        }
        ["providers", agent, "json"] | ["providers", agent, "ocf", "json"] => {
            out.print(&crate::json::render(&crate::json::RaProviders {
                agent: agent.to_string(),
                providers: providers(agent)?,
            }));
            Ok(())
        }
        ["info" | "meta", agent, "json"] => info_json(agent, out),
        ["providers", agent] | ["providers", agent, "ocf"] => {
            out.print(&format!("{}\n", providers(agent)?.join(" ")));
            Ok(())
        }
        ["providers", _, class] => Err(usage(
            &crate::notice::Misuse::NoProviders {
                class: class.to_string(),
            }
            .to_string(),
        )
        .into()),
        ["list", class] => list(class, None, out),
        ["list", class, provider] => list(class, Some(provider), out),
        ["info" | "meta", agent] => info(agent, out),
        ["validate", agent, params @ ..] => validate(agent, params, out),
        _ => Err(super::bad_arguments(super::Level::Ra, words).into()),
    }
}

/// A `crm_resource` query's lines, sorted as crmsh sorts them.
fn lines(args: &[&str]) -> Result<Vec<String>, Failure> {
    let out = Call::new("crm_resource")
        .args(args.iter().copied())
        .run_ok()?;
    let mut l: Vec<String> = out
        .stdout
        .lines()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    l.sort();
    l.dedup();
    Ok(l)
}

/// The agent classes and the OCF providers (`ra classes`).
fn class_list() -> Result<crate::json::RaClasses, Failure> {
    let mut classes = Vec::new();
    for c in lines(&["--list-standards"])? {
        let providers = if c == "ocf" {
            lines(&["--list-ocf-providers"])?
        } else {
            Vec::new()
        };
        classes.push(crate::json::RaClass {
            class: c,
            providers,
        });
    }
    Ok(crate::json::RaClasses { classes })
}

fn classes(out: &mut Output) -> Result<(), Failure> {
    let mut text = String::new();
    for c in class_list()?.classes {
        if c.class == "ocf" {
            // crmsh leaves ocf out when it has no provider.
            if !c.providers.is_empty() {
                text.push_str(&format!("{} / {}\n", c.class, c.providers.join(" ")));
            }
        } else {
            text.push_str(&format!("{}\n", c.class));
        }
    }
    out.print(&text);
    Ok(())
}

fn providers(agent: &str) -> Result<Vec<String>, Failure> {
    lines(&["--list-ocf-alternatives", agent])
}

/// The agents of a class (and provider), checked as crmsh checks them.
fn agent_list(class: &str, provider: Option<&str>) -> Result<crate::json::RaAgents, Failure> {
    if !lines(&["--list-standards"])?.iter().any(|c| c == class) {
        return Err(usage(
            &crate::notice::Misuse::NoClass {
                class: class.to_string(),
            }
            .to_string(),
        )
        .into());
    }
    let spec = match provider {
        Some(p) => {
            if !lines(&["--list-ocf-providers"])?.iter().any(|x| x == p) {
                return Err(usage(
                    &crate::notice::Misuse::NoProvider {
                        provider: p.to_string(),
                        class: class.to_string(),
                    }
                    .to_string(),
                )
                .into());
            }
            format!("{class}:{p}")
        }
        None => class.to_string(),
    };
    Ok(crate::json::RaAgents {
        class: class.to_string(),
        provider: provider.map(String::from),
        agents: lines(&["--list-agents", &spec])?,
    })
}

fn list(class: &str, provider: Option<&str>, out: &mut Output) -> Result<(), Failure> {
    let list = agent_list(class, provider)?;
    out.print(&multicolumn(&list.agents, terminal_width()));
    Ok(())
}

pub(super) fn terminal_width() -> usize {
    std::env::var("COLS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(80)
}

/// crmsh's `utils.multicolumn`: equal columns, the last one unpadded.
pub(super) fn multicolumn(items: &[String], width: usize) -> String {
    let max_len = items
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    let cols = (width / (max_len + 2)).max(1);
    let col_len = width / cols;
    let mut text = String::new();
    for row in items.chunks(cols) {
        let mut s = String::new();
        for (j, item) in row.iter().enumerate() {
            // The first of a row is always padded, as crmsh does.
            if j + 1 == cols && j > 0 {
                s.push_str(item);
            } else {
                s.push_str(&format!("{item:<col_len$}"));
            }
        }
        text.push_str(&s);
        text.push('\n');
    }
    text
}

/// `[CLASS:[PROVIDER:]]TYPE` → (class, provider, type), as crmsh
/// disambiguates a bare type.
fn agent_spec(spec: &str) -> Option<(String, String, String)> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (class, provider, typ) = match parts.as_slice() {
        [c, p, t] => (c.to_string(), p.to_string(), t.to_string()),
        [c, t] => {
            let p = if *c == "ocf" {
                crate::agents::default_provider(t)
            } else {
                String::new()
            };
            (c.to_string(), p, t.to_string())
        }
        [t] => (
            "ocf".to_string(),
            crate::agents::default_provider(t),
            t.to_string(),
        ),
        _ => return None,
    };
    (!typ.is_empty()).then_some((class, provider, typ))
}

/// The full name crm_resource knows an agent by (`ocf:P:T`, `C:T`).
fn full_name(class: &str, provider: &str, typ: &str) -> String {
    if class == "ocf" {
        format!("{class}:{provider}:{typ}")
    } else {
        format!("{class}:{typ}")
    }
}

/// An agent crm_resource has no meta-data for: our error, with the
/// closest agent of the class (and provider) installed here.
fn unknown_agent(class: &str, provider: &str, name: &str) -> Failure {
    let listing = if class == "ocf" {
        format!("ocf:{provider}")
    } else {
        class.to_string()
    };
    let known: Vec<String> = lines(&["--list-agents", &listing])
        .unwrap_or_default()
        .into_iter()
        .map(|t| full_name(class, provider, &t))
        .collect();
    Error::from(CommandError::UnknownAgent {
        agent: name.to_string(),
    })
    .did_you_mean(name, known.iter().map(String::as_str))
    .into()
}

/// The agent's meta-data (fence agents with the fencer's own `pcmk_*`
/// parameters added, as crmsh shows them).
fn metadata(class: &str, provider: &str, typ: &str) -> Result<Element, Failure> {
    let name = full_name(class, provider, typ);
    let meta = Call::new("crm_resource")
        .args(["--show-metadata", &name])
        .run()?;
    if !meta.success() || meta.stdout.trim().is_empty() {
        return Err(unknown_agent(class, provider, &name));
    }
    let mut root = parse_meta(&name, &meta.stdout)?;
    if class == "stonith" {
        if let Some(fenced) = fencer_metadata() {
            let extra: Vec<Node> = fenced
                .child("parameters")
                .map(|p| p.children.clone())
                .unwrap_or_default();
            let params = root.child_or_insert("parameters");
            for n in extra {
                params.push_node(n);
            }
        }
    }
    Ok(root)
}

fn parse_meta(name: &str, text: &str) -> Result<Element, Failure> {
    crate::xml::parse(text).map_err(|e| {
        Error::new(ErrorKind::Cib {
            message: format!("{name}: cannot read the agent's meta-data: {e}"),
        })
        .into()
    })
}

/// Where Pacemaker installs its daemons.
const DAEMON_DIRS: &[&str] = &["/usr/lib/pacemaker", "/usr/libexec/pacemaker"];

/// `pacemaker-fenced metadata`: the parameters every fence device has.
fn fencer_metadata() -> Option<Element> {
    let program = DAEMON_DIRS
        .iter()
        .map(|d| format!("{d}/pacemaker-fenced"))
        .find(|p| std::path::Path::new(p).exists())?;
    let o = Call::new(&program).arg("metadata").run().ok()?;
    if !o.success() {
        return None;
    }
    crate::xml::parse(&o.stdout).ok()
}

fn info(spec: &str, out: &mut Output) -> Result<(), Failure> {
    let Some((class, provider, typ)) = agent_spec(spec) else {
        return Err(Error::new(ErrorKind::BadAgentSpec {
            spec: spec.to_string(),
        })
        .into());
    };
    let name = full_name(&class, &provider, &typ);
    let root = metadata(&class, &provider, &typ)?;
    out.print(&format!("{}\n", meta_pretty(&root, &class, &typ, &name)));
    Ok(())
}

fn info_json(spec: &str, out: &mut Output) -> Result<(), Failure> {
    let Some((class, provider, typ)) = agent_spec(spec) else {
        return Err(Error::new(ErrorKind::BadAgentSpec {
            spec: spec.to_string(),
        })
        .into());
    };
    let name = full_name(&class, &provider, &typ);
    let root = metadata(&class, &provider, &typ)?;
    let view = crate::json::ra_info(&name, &class, &provider, &typ, &root);
    out.print(&crate::json::render(&view));
    Ok(())
}

/// `validate AGENT [NAME=VALUE…]`: the OCF agent's validate-all with the
/// parameters in its environment; what it says is shown as crmsh shows
/// it (its `ERROR:`/`WARNING:` lines as such, the rest as INFO).
fn validate(spec: &str, params: &[&str], out: &mut Output) -> Result<(), Failure> {
    let Some((class, provider, typ)) = agent_spec(spec) else {
        return Err(Error::new(ErrorKind::BadAgentSpec {
            spec: spec.to_string(),
        })
        .into());
    };
    let name = full_name(&class, &provider, &typ);
    if class != "ocf" {
        return Err(Error::from(CommandError::ValidateOcfOnly { agent: name }).into());
    }
    let mut pairs = Vec::new();
    for p in params {
        match p.split_once('=') {
            Some((k, v)) if !k.is_empty() => pairs.push((k, v)),
            _ => {
                return Err(Error::from(CommandError::ExpectedNameValue {
                    word: p.to_string(),
                })
                .into())
            }
        }
    }
    let root = metadata(&class, &provider, &typ)?;
    let has_validate = root.child("actions").is_some_and(|a| {
        a.elements()
            .any(|e| e.name == "action" && e.get("name") == Some("validate-all"))
    });
    if !has_validate {
        return Err(Error::from(CommandError::NoValidateAll { agent: name }).into());
    }
    let ocf_root = std::env::var("OCF_ROOT").unwrap_or_else(|_| "/usr/lib/ocf".into());
    let mut call = Call::new(&format!("{ocf_root}/resource.d/{provider}/{typ}"))
        .arg("validate-all")
        .with_env("OCF_ROOT", &ocf_root);
    for (k, v) in pairs {
        call = call.with_env(&format!("OCF_RESKEY_{k}"), v);
    }
    let o = call.run()?;
    for line in o.stdout.lines().chain(o.stderr.lines()) {
        if let Some(m) = line.strip_prefix("ERROR: ") {
            out.error(m);
        } else if let Some(m) = line.strip_prefix("WARNING: ") {
            out.warning(m);
        } else if let Some(m) = line.strip_prefix("INFO: ") {
            out.info(m);
        } else if let Some(m) = line.strip_prefix("DEBUG: ") {
            crate::trace::debug(|| m.to_string());
        } else {
            out.info(
                &Said::AgentSaid {
                    line: line.to_string(),
                }
                .to_string(),
            );
        }
    }
    if o.success() {
        return Ok(());
    }
    Err(Error::from(CommandError::ActionFailed {
        action: format!("{name} validate-all"),
        rc: o.status(),
        node: super::node::local_node()?,
    })
    .into())
}

fn text_of(e: &Element, tag: &str) -> String {
    e.child(tag).map(Element::text).unwrap_or_default()
}

/// The short description unless it only repeats the name, the type or
/// the long description (crmsh's `get_shortdesc`).
fn shortdesc(e: &Element, typ: &str) -> String {
    let s = text_of(e, "shortdesc");
    let name = e.get("name").unwrap_or("");
    if s.is_empty() || s == name || s == text_of(e, "longdesc") || s == typ {
        return String::new();
    }
    s
}

const TAB: &str = "    ";

/// crmsh's `RAInfo.meta_pretty`.
fn meta_pretty(root: &Element, class: &str, typ: &str, name: &str) -> String {
    let mut parts = Vec::new();
    let sd = shortdesc(root, typ);
    parts.push(if sd.is_empty() {
        name.to_string()
    } else {
        format!("{sd} ({name})")
    });
    let longdesc = text_of(root, "longdesc");
    if !longdesc.is_empty() {
        parts.push(longdesc);
    }
    let params: Vec<String> = root
        .child("parameters")
        .map(|p| {
            p.elements()
                .filter(|e| e.name == "parameter")
                .filter_map(|e| parameter(e, typ))
                .collect()
        })
        .unwrap_or_default();
    if class != "heartbeat" && !params.is_empty() {
        let text = format!(
            "Parameters (*: required, []: default):\n\n{}",
            params.join("\n")
        );
        parts.push(text.trim_end().to_string());
    }
    let actions: Vec<String> = root
        .child("actions")
        .map(|a| {
            a.elements()
                .filter(|e| e.name == "action")
                .filter_map(action)
                .collect()
        })
        .unwrap_or_default();
    if !actions.is_empty() {
        parts.push(format!(
            "Operations' defaults (advisory minimum):\n\n{}",
            actions.join("\n")
        ));
    }
    parts.join("\n\n")
}

fn parameter(p: &Element, typ: &str) -> Option<String> {
    let name = p.get("name")?;
    let mut head = name.to_string();
    if p.get("required") == Some("1") {
        head.push('*');
    }
    let content = p.child("content");
    let ctype = content
        .and_then(|c| c.get("type"))
        .filter(|s| !s.is_empty());
    let default = content
        .and_then(|c| c.get("default"))
        .filter(|s| !s.is_empty());
    match (ctype, default) {
        (Some(t), Some(d)) => head = format!("{head} ({t}, [{d}])"),
        (Some(t), None) => head = format!("{head} ({t})"),
        _ => {}
    }
    head = format!("{head}: {}", shortdesc(p, typ));
    let longdesc = text_of(p, "longdesc");
    if longdesc.is_empty() {
        return Some(head);
    }
    Some(format!(
        "{head}\n{TAB}{}\n",
        longdesc.replace('\n', &format!("\n{TAB}"))
    ))
}

fn action(a: &Element) -> Option<String> {
    let name = a.get("name")?;
    if name.is_empty() || matches!(name, "meta-data" | "validate-all") {
        return None;
    }
    let mut s = format!("{name:<13}");
    for (k, v) in a.attrs() {
        if k != "name" && !v.is_empty() {
            s.push_str(&format!(" {k}={v}"));
        }
    }
    Some(format!("{TAB}{s}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multicolumn_pads_all_but_the_last_column() {
        let items: Vec<String> = [
            "ClusterMon",
            "Dummy",
            "HealthCPU",
            "HealthIOWait",
            "HealthSMART",
            "Stateful",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            multicolumn(&items, 80),
            "ClusterMon      Dummy           HealthCPU       HealthIOWait    HealthSMART\nStateful        \n"
        );
    }

    #[test]
    fn agent_specs_fill_in_class() {
        assert_eq!(
            agent_spec("ocf:pacemaker:Dummy"),
            Some(("ocf".into(), "pacemaker".into(), "Dummy".into()))
        );
        assert_eq!(
            agent_spec("stonith:fence_dummy"),
            Some(("stonith".into(), String::new(), "fence_dummy".into()))
        );
        assert_eq!(agent_spec("a:b:c:d"), None);
    }
}
