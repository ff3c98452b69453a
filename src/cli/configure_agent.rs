//! `validate-all RSC` and `default-timeouts ID…`: the configure commands
//! that ask a primitive's agent (its `validate-all` action, the timeouts
//! its meta-data advises), as crmsh 4.4 does.

use super::{metadata, Failure, Output};
use crate::cib::process::Call;
use crate::cib::{at_path_mut, find_object, Cib};
use crate::error::{ConfigureError, Error, ErrorKind};
use crate::ids::IdStore;
use crate::kind::Kind;
use crate::notice::Told;
use crate::xml::Element;

/// The primitive's element and the one that names its agent (its
/// template's when it uses one).
fn agent_element<'a>(cib: &'a Cib, prim: &'a Element) -> Option<&'a Element> {
    match prim.get("template") {
        Some(t) => find_object(cib.configuration(), t, false).map(|o| o.elem),
        None => Some(prim),
    }
}

/// The plain `name=value` parameters of the primitive (its template's
/// first, the primitive's own over them); `None` when a set has rules,
/// references or pairs without a value (crmsh's "too complex").
fn parameters(template: Option<&Element>, prim: &Element) -> Option<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for e in template.into_iter().chain(std::iter::once(prim)) {
        for set in e.elements().filter(|c| c.name == "instance_attributes") {
            if set.has("id-ref") || set.elements().any(|c| c.name == "rule") {
                return None;
            }
            for nv in set.elements().filter(|c| c.name == "nvpair") {
                let (Some(n), Some(v)) = (nv.get("name"), nv.get("value")) else {
                    return None;
                };
                out.retain(|(k, _)| k != n);
                out.push((n.to_string(), v.to_string()));
            }
        }
    }
    Some(out)
}

/// The `<action>` elements of an agent's meta-data.
fn actions(meta: &str) -> Vec<Element> {
    let Ok(doc) = crate::xml::parse(meta) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    doc.walk(&mut |e| {
        if e.name == "action" {
            out.push(e.clone());
        }
    });
    out
}

/// `validate-all RSC`: the agent's validate-all action with the
/// primitive's parameters; what it prints becomes ERROR/WARNING/INFO
/// lines as crmsh logs them.
pub fn validate_all(cib: &Cib, rsc: &str, out: &mut Output) -> Result<(), Failure> {
    let obj = find_object(cib.configuration(), rsc, false).ok_or_else(|| {
        Error::new(ErrorKind::NoSuchObject {
            id: rsc.to_string(),
        })
    })?;
    if obj.kind != Kind::Primitive {
        return Err(Error::from(ConfigureError::NotAPrimitive { id: rsc.into() }).into());
    }
    let prim = obj.elem;
    let Some(agent_elem) = agent_element(cib, prim) else {
        return Err(Error::from(ConfigureError::NoTemplate {
            template: prim.get("template").unwrap_or("").to_string(),
            rsc: rsc.to_string(),
        })
        .into());
    };
    let template = prim.has("template").then_some(agent_elem);
    let params = parameters(template, prim)
        .ok_or_else(|| Error::from(ConfigureError::TooComplex { rsc: rsc.into() }))?;
    let spec = metadata::agent_of(agent_elem).unwrap_or_default();
    let cannot = || {
        Failure::from(Error::from(ConfigureError::CannotValidate {
            rsc: rsc.to_string(),
            agent: spec.clone(),
        }))
    };
    let (Some("ocf"), Some(kind)) = (agent_elem.get("class"), agent_elem.get("type")) else {
        return Err(cannot());
    };
    let provider = spec.split(':').nth(1).unwrap_or("heartbeat").to_string();
    let advertised = metadata::agent(&spec)
        .map(|m| {
            actions(&m)
                .iter()
                .any(|a| a.get("name") == Some("validate-all"))
        })
        .unwrap_or(false);
    if !advertised {
        return Err(cannot());
    }
    let root = crate::crm_conf::get("path", "ocf_root");
    let program = format!("{root}/resource.d/{provider}/{kind}");
    crate::regression::external(&format!("{program} validate-all"));
    let mut call = Call::new(&program)
        .arg("validate-all")
        .with_env("OCF_ROOT", &root);
    for (n, v) in &params {
        call = call.with_env(&format!("OCF_RESKEY_{n}"), v);
    }
    let result = call.run()?;
    let text = format!("{}{}", result.stdout, result.stderr);
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("ERROR: ") {
            out.error(m);
        } else if let Some(m) = line.strip_prefix("WARNING: ") {
            out.warning(m);
        } else if let Some(m) = line.strip_prefix("INFO: ") {
            out.info(m);
        } else {
            out.info(line);
        }
    }
    if result.code == Some(0) {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::Reported).into())
    }
}

/// Whether a resource element's meta attributes say `name=true`.
fn meta_true(e: &Element, name: &str) -> bool {
    e.elements()
        .filter(|c| c.name == "meta_attributes")
        .flat_map(|s| s.elements())
        .any(|n| {
            n.get("name") == Some(name)
                && n.get("value").is_some_and(|v| {
                    matches!(
                        v.to_ascii_lowercase().as_str(),
                        "true" | "yes" | "1" | "on" | "y"
                    )
                })
        })
}

/// The timeout the agent advises for an operation (a monitor by its role
/// or depth when it has them, else the first monitor).
fn advised<'a>(actions: &'a [Element], op: &Element) -> Option<&'a str> {
    let name = op.get("name")?;
    let mut named = actions.iter().filter(|a| a.get("name") == Some(name));
    let chosen = if name == "monitor" {
        let all: Vec<&Element> = named.collect();
        let by = |attr: &str| {
            op.get(attr)
                .and_then(|want| all.iter().find(|a| a.get(attr) == Some(want)))
        };
        by("role")
            .or_else(|| by("depth"))
            .or_else(|| {
                (!op.has("role") && !op.has("depth"))
                    .then(|| all.first())
                    .flatten()
            })
            .copied()
    } else {
        named.next()
    };
    chosen?.get("timeout")
}

/// `default-timeouts ID…`: every start, stop (migrate_to/from when the
/// resource may migrate, promote/demote in a promotable clone) and
/// monitor op gets the timeout the agent advises; the missing ones of the
/// first kinds are added with it. Every id is checked first: an unknown
/// one changes nothing.
pub fn default_timeouts(
    cib: &mut Cib,
    ids: &[&str],
    out: &mut Output,
) -> Result<Vec<String>, Failure> {
    for id in ids {
        if find_object(cib.configuration(), id, false).is_none() {
            return Err(Error::new(ErrorKind::NoSuchObject { id: id.to_string() }).into());
        }
    }
    let mut touched = Vec::new();
    let mut complete = true;
    for id in ids {
        match timeouts_of(cib, id, out)? {
            true => touched.push(id.to_string()),
            false => complete = false,
        }
    }
    if !complete {
        return Err(Error::from(ConfigureError::TimeoutsIncomplete).into());
    }
    Ok(touched)
}

/// One object's timeouts; false (and said why) when it has none to get.
fn timeouts_of(cib: &mut Cib, id: &str, out: &mut Output) -> Result<bool, Failure> {
    let conf = cib.configuration();
    let Some(obj) = find_object(conf, id, false) else {
        return Ok(false);
    };
    if obj.kind != Kind::Primitive {
        out.warning(&Told::NotAPrimitive { id: id.into() }.to_string());
        return Ok(false);
    }
    let Some(agent_elem) = agent_element(cib, obj.elem) else {
        out.warning(&Told::TemplateUndefined { id: id.into() }.to_string());
        return Ok(false);
    };
    let meta = metadata::agent_of(agent_elem).and_then(|spec| metadata::agent(&spec));
    let Some(meta) = meta else {
        out.error(&Told::NoAgentFor { id: id.into() }.to_string());
        return Ok(false);
    };
    let actions = actions(&meta);
    let path = obj.path.clone();
    let migrate = meta_true(obj.elem, "allow-migrate")
        || agent_element(cib, obj.elem).is_some_and(|t| meta_true(t, "allow-migrate"));
    let promotable = path.len() > 1
        && element_at(conf, &path[..path.len() - 1]).is_some_and(|p| {
            p.name == "master" || (p.name == "clone" && meta_true(p, "promotable"))
        });
    let mut wanted: Vec<&str> = vec!["start", "stop"];
    if migrate {
        wanted.extend(["migrate_to", "migrate_from"]);
    }
    if promotable {
        wanted.extend(["promote", "demote"]);
    }
    let mut store = IdStore::from_tree(cib.configuration());
    let Some(prim) = at_path_mut(cib.configuration_mut(), &path) else {
        return Ok(false);
    };
    if let Some(ops) = prim.child_mut("operations") {
        for op in ops.elements_mut().filter(|e| e.name == "op") {
            let name = op.get("name").unwrap_or("").to_string();
            if let Some(i) = wanted.iter().position(|w| *w == name) {
                wanted.remove(i);
            } else if name != "monitor" {
                continue;
            }
            if let Some(t) = advised(&actions, op) {
                op.set("timeout", t);
            }
        }
    }
    for name in wanted {
        let probe = Element::new("op").with_attr("name", name);
        let Some(t) = advised(&actions, &probe) else {
            continue;
        };
        let op = Element::new("op")
            .with_attr("name", name)
            .with_attr("timeout", t)
            .with_attr("interval", "0");
        prim.child_or_insert("operations").push(op);
    }
    crate::ids::generate(prim, &mut store, None);
    Ok(true)
}

fn element_at<'a>(conf: &'a Element, path: &[usize]) -> Option<&'a Element> {
    let mut e = conf;
    for &i in path {
        match e.children.get(i)? {
            crate::xml::Node::Element(c) => e = c,
            _ => return None,
        }
    }
    Some(e)
}
