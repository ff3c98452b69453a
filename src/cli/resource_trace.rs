//! `resource trace|untrace RSC [OP] [INTERVAL] [DIR]`: the agent's
//! `trace_ra=1` (and `trace_dir`) as instance attributes of the
//! operations, as crmsh writes them. Operations that exist only to carry
//! the trace are added with interval 0 and removed again by `untrace`.

use crate::cib::{at_path_mut, find_object, Cib};
use crate::error::{CommandError, Error, ErrorKind};
use crate::ids::IdStore;
use crate::kind::Kind;
use crate::xml::{Element, Node};

pub const TRACE: &str = "trace_ra";
pub const TRACE_DIR: &str = "trace_dir";
/// Where the agents write traces without `trace_dir` (`$HA_VARLIB`).
pub const TRACE_ROOT: &str = "/var/lib/heartbeat/trace_ra";

/// What `trace` was asked for.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TraceRequest {
    pub op: Option<String>,
    pub interval: Option<String>,
    pub dir: Option<String>,
}

/// `[OP] [INTERVAL] [DIR]` in any order, as crmsh tells them apart: a
/// path starts with `/`, an interval is all digits, anything else is the
/// operation. `probe` is the monitor with interval 0.
pub fn parse_request(words: &[&str]) -> Result<TraceRequest, Error> {
    let words: Vec<&str> = words.iter().copied().filter(|w| *w != "force").collect();
    if words.len() > 3 {
        return Err(CommandError::TraceUsage.into());
    }
    let mut r = TraceRequest::default();
    for w in words {
        let slot = if w.starts_with('/') {
            &mut r.dir
        } else if !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()) {
            &mut r.interval
        } else {
            &mut r.op
        };
        if slot.replace(w.to_string()).is_some() {
            return Err(CommandError::TraceUsage.into());
        }
    }
    if r.op.as_deref() == Some("probe") {
        r.op = Some("monitor".into());
        r.interval.get_or_insert_with(|| "0".into());
    }
    Ok(r)
}

/// The primitive `id`, or why it cannot be traced.
fn primitive_path(cib: &Cib, id: &str) -> Result<Vec<usize>, Error> {
    let obj = find_object(cib.configuration(), id, false)
        .filter(|o| o.kind.is_resource() || o.kind == Kind::Tag)
        .ok_or_else(|| Error::new(ErrorKind::NoSuchResource { id: id.to_string() }))?;
    if obj.kind != Kind::Primitive {
        return Err(CommandError::NotPrimitive { id: id.to_string() }.into());
    }
    Ok(obj.path)
}

/// The agent type the traces are filed under (a template's, when the
/// primitive uses one).
pub fn agent_type(cib: &Cib, id: &str) -> String {
    let conf = cib.configuration();
    let Some(obj) = find_object(conf, id, false) else {
        return String::new();
    };
    if let Some(t) = obj.elem.get("type") {
        return t.to_string();
    }
    obj.elem
        .get("template")
        .and_then(|t| find_object(conf, t, false))
        .and_then(|o| o.elem.get("type"))
        .unwrap_or("")
        .to_string()
}

/// crmsh 4.4 also traces promote and demote when the primitive itself
/// is promotable: its test looks at the primitive's own `promotable` meta
/// attribute (a promotable clone's member has none), so in practice only
/// start and stop are added.
fn promotable(cib: &Cib, path: &[usize]) -> bool {
    element(cib.configuration(), path)
        .and_then(|p| p.child("meta_attributes"))
        .and_then(|s| s.elements().find(|p| p.get("name") == Some("promotable")))
        .and_then(|p| p.get("value"))
        .is_some_and(|v| {
            matches!(
                v.to_ascii_lowercase().as_str(),
                "true" | "yes" | "1" | "on" | "y"
            )
        })
}

fn element<'a>(conf: &'a Element, path: &[usize]) -> Option<&'a Element> {
    let mut e = conf;
    for i in path {
        e = match e.children.get(*i)? {
            Node::Element(c) => c,
            _ => return None,
        };
    }
    Some(e)
}

/// A duration in milliseconds as Pacemaker reads one (`10`, `10s`,
/// `1min`, `500ms`, `PT10S`).
pub fn msec(text: &str) -> Option<u64> {
    let t = text.trim();
    if let Some(iso) = t.strip_prefix("PT").or_else(|| t.strip_prefix("pt")) {
        let mut total = 0u64;
        let mut num = String::new();
        for c in iso.chars() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let n: u64 = num.parse().ok()?;
            num.clear();
            total += n * match c.to_ascii_uppercase() {
                'H' => 3_600_000,
                'M' => 60_000,
                'S' => 1000,
                _ => return None,
            };
        }
        return num.is_empty().then_some(total);
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let n: u64 = t[..digits].parse().ok()?;
    let factor = match t[digits..].trim() {
        "" | "s" | "sec" => 1000,
        "ms" | "msec" => 1,
        "us" | "usec" => return Some(n / 1000),
        "m" | "min" => 60_000,
        "h" | "hr" => 3_600_000,
        _ => return None,
    };
    Some(n * factor)
}

fn same_interval(a: Option<&str>, b: &str) -> bool {
    let a = a.unwrap_or("0");
    a == b || matches!((msec(a), msec(b)), (Some(x), Some(y)) if x == y)
}

fn ops(prim: &Element) -> Vec<usize> {
    let Some(ops) = prim.child("operations") else {
        return Vec::new();
    };
    ops.children
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n, Node::Element(e) if e.name == "op"))
        .map(|(i, _)| i)
        .collect()
}

fn op_at(prim: &mut Element, i: usize) -> Option<&mut Element> {
    match prim.child_mut("operations")?.children.get_mut(i)? {
        Node::Element(e) => Some(e),
        _ => None,
    }
}

/// The indices of the ops named `name` (with this interval, when given;
/// crmsh's `find_operation`: without an interval the only one of that
/// name, else the one with interval 0).
fn find_ops(prim: &Element, name: &str, interval: Option<&str>) -> Vec<usize> {
    let Some(all) = prim.child("operations") else {
        return Vec::new();
    };
    let named: Vec<usize> = ops(prim)
        .into_iter()
        .filter(|i| matches!(&all.children[*i], Node::Element(e) if e.get("name") == Some(name)))
        .collect();
    match interval {
        Some(iv) => named
            .into_iter()
            .filter(|i| {
                matches!(&all.children[*i], Node::Element(e) if same_interval(e.get("interval"), iv))
            })
            .take(1)
            .collect(),
        None => named,
    }
}

/// Sets an instance attribute of an op (its first `instance_attributes`,
/// made when missing).
fn set_op_attr(op: &mut Element, name: &str, value: &str) {
    if op.child("instance_attributes").is_none() {
        // Instance attributes come before an op's meta attributes.
        op.children
            .insert(0, Node::Element(Element::new("instance_attributes")));
    }
    let Some(set) = op.child_mut("instance_attributes") else {
        return;
    };
    let at = set
        .elements()
        .position(|p| p.name == "nvpair" && p.get("name") == Some(name));
    match at.and_then(|i| set.elements_mut().nth(i)) {
        Some(p) => p.set("value", value),
        None => set.push(
            Element::new("nvpair")
                .with_attr("name", name)
                .with_attr("value", value),
        ),
    }
}

/// Moves the ops at these indices, in this order, to the end of the
/// operations: crmsh rewrites every op it marks or unmarks and appends
/// the rewritten one, so that is where it lands.
fn to_end(prim: &mut Element, indices: &[usize]) {
    let Some(all) = prim.child_mut("operations") else {
        return;
    };
    let mut sorted = indices.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut taken: Vec<(usize, Node)> = Vec::new();
    for &i in sorted.iter().rev() {
        if i < all.children.len() {
            taken.push((i, all.children.remove(i)));
        }
    }
    for i in indices {
        if let Some(at) = taken.iter().position(|(j, _)| j == i) {
            let (_, node) = taken.swap_remove(at);
            all.children.push(node);
        }
    }
}

fn mark(op: &mut Element, dir: Option<&str>) {
    set_op_attr(op, TRACE, "1");
    if let Some(d) = dir {
        set_op_attr(op, TRACE_DIR, d);
    }
}

fn new_op(prim: &mut Element, name: &str, interval: &str, dir: Option<&str>) {
    let mut op = Element::new("op")
        .with_attr("name", name)
        .with_attr("interval", interval);
    mark(&mut op, dir);
    prim.child_or_insert("operations").push(op);
}

/// `trace`: marks the operations in `cib`.
pub fn trace(cib: &mut Cib, id: &str, req: &TraceRequest) -> Result<(), Error> {
    let path = primitive_path(cib, id)?;
    let promotable = promotable(cib, &path);
    let mut store = IdStore::from_tree(cib.configuration());
    let Some(prim) = at_path_mut(cib.configuration_mut(), &path) else {
        return Err(Error::new(ErrorKind::NoSuchResource { id: id.to_string() }));
    };
    let dir = req.dir.as_deref();
    match (&req.op, &req.interval) {
        (None, _) => {
            let existing = ops(prim);
            let mut wanted = vec!["start", "stop"];
            if promotable {
                wanted.extend(["promote", "demote"]);
            }
            for name in wanted {
                if find_ops(prim, name, None).is_empty() {
                    new_op(prim, name, "0", dir);
                }
            }
            for &i in &existing {
                if let Some(op) = op_at(prim, i) {
                    mark(op, dir);
                }
            }
            to_end(prim, &existing);
        }
        (Some(op), None) => {
            let found = find_ops(prim, op, None);
            if found.is_empty() {
                if op == "monitor" {
                    return Err(CommandError::NoMonitor {
                        rsc: id.to_string(),
                    }
                    .into());
                }
                new_op(prim, op, "0", dir);
            }
            for &i in &found {
                if let Some(o) = op_at(prim, i) {
                    mark(o, dir);
                }
            }
            to_end(prim, &found);
        }
        (Some(op), Some(interval)) => match find_ops(prim, op, Some(interval)).first() {
            Some(&i) => {
                if let Some(o) = op_at(prim, i) {
                    mark(o, dir);
                }
                to_end(prim, &[i]);
            }
            None if msec(interval) != Some(0) => {
                return Err(CommandError::NoOperationInterval {
                    rsc: id.to_string(),
                    op: op.clone(),
                    interval: interval.clone(),
                }
                .into())
            }
            None => new_op(prim, op, interval, dir),
        },
    }
    crate::ids::generate(prim, &mut store, None);
    Ok(())
}

/// Removes the trace attributes from an op; true when nothing but its
/// name and a zero interval is left (crmsh then drops it).
fn unmark(op: &mut Element) -> bool {
    for set in op
        .elements_mut()
        .filter(|s| s.name == "instance_attributes")
    {
        set.children.retain(|n| {
            !matches!(n, Node::Element(p)
                if p.name == "nvpair" && matches!(p.get("name"), Some(TRACE | TRACE_DIR)))
        });
    }
    op.children.retain(
        |n| !matches!(n, Node::Element(s) if s.name == "instance_attributes" && s.children.is_empty()),
    );
    let only_basics = op
        .attrs()
        .iter()
        .all(|(k, _)| matches!(k, "id" | "name" | "interval"));
    op.elements().next().is_none()
        && only_basics
        && msec(op.get("interval").unwrap_or("0")) == Some(0)
}

fn is_traced(op: &Element) -> bool {
    op.elements()
        .filter(|s| s.name == "instance_attributes")
        .any(|s| s.elements().any(|p| p.get("name") == Some(TRACE)))
}

/// `untrace`: removes the marks (and the ops that only carried them).
pub fn untrace(
    cib: &mut Cib,
    id: &str,
    op: Option<&str>,
    interval: Option<&str>,
) -> Result<(), Error> {
    let path = primitive_path(cib, id)?;
    let Some(prim) = at_path_mut(cib.configuration_mut(), &path) else {
        return Err(Error::new(ErrorKind::NoSuchResource { id: id.to_string() }));
    };
    let (op, interval) = match (op, interval) {
        (Some("probe"), iv) => (Some("monitor"), Some(iv.unwrap_or("0"))),
        other => other,
    };
    let chosen: Vec<usize> = match (op, interval) {
        (None, _) => ops(prim)
            .into_iter()
            .filter(|i| op_at(prim, *i).is_some_and(|o| is_traced(o)))
            .collect(),
        (Some(name), None) => {
            let found = find_ops(prim, name, None);
            if found.is_empty() {
                return Err(CommandError::NoOperation {
                    rsc: id.to_string(),
                    op: name.to_string(),
                }
                .into());
            }
            found
        }
        (Some(name), Some(iv)) => {
            let found = find_ops(prim, name, Some(iv));
            if found.is_empty() {
                return Err(CommandError::NoOperationInterval {
                    rsc: id.to_string(),
                    op: name.to_string(),
                    interval: iv.to_string(),
                }
                .into());
            }
            found
        }
    };
    let mut drop = Vec::new();
    for &i in &chosen {
        if op_at(prim, i).is_some_and(unmark) {
            drop.push(i);
        }
    }
    let kept: Vec<usize> = chosen.into_iter().filter(|i| !drop.contains(i)).collect();
    to_end(prim, &kept);
    // The kept ones are at the end now; what they left is shifted down
    // by the number of kept ones before it.
    if let Some(all) = prim.child_mut("operations") {
        for i in drop.into_iter().rev() {
            let shift = kept.iter().filter(|k| **k < i).count();
            all.children.remove(i - shift);
        }
    }
    let empty = prim
        .child("operations")
        .is_some_and(|o| o.elements().next().is_none());
    if empty {
        prim.children
            .retain(|n| !matches!(n, Node::Element(e) if e.name == "operations"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cib(text: &str) -> Cib {
        let mut cib = Cib::empty("pacemaker-3.9");
        crate::load::load_text(&mut cib, text, crate::cib::Method::Update).expect("loads");
        cib
    }

    fn xml(cib: &Cib, id: &str) -> String {
        find_object(cib.configuration(), id, false)
            .map(|o| crate::xml::to_string_compact(o.elem))
            .unwrap_or_default()
    }

    #[test]
    fn requests_tell_ops_intervals_and_directories_apart() {
        let r = parse_request(&["monitor", "10", "/var/log/x"]).expect("parses");
        assert_eq!(r.op.as_deref(), Some("monitor"));
        assert_eq!(r.interval.as_deref(), Some("10"));
        assert_eq!(r.dir.as_deref(), Some("/var/log/x"));
        let r = parse_request(&["probe"]).expect("parses");
        assert_eq!(
            (r.op.as_deref(), r.interval.as_deref()),
            (Some("monitor"), Some("0"))
        );
        assert!(parse_request(&["start", "stop"]).is_err());
    }

    #[test]
    fn durations_read_as_pacemaker_reads_them() {
        assert_eq!(msec("10"), Some(10_000));
        assert_eq!(msec("10s"), Some(10_000));
        assert_eq!(msec("1min"), Some(60_000));
        assert_eq!(msec("PT1M30S"), Some(90_000));
        assert_eq!(msec("0"), Some(0));
        assert_eq!(msec("ten"), None);
    }

    // The XML crmsh 4.4 wrote for `crm resource trace d1` on
    // `primitive d1 ocf:pacemaker:Dummy op monitor interval=10s`.
    #[test]
    fn tracing_a_resource_marks_its_ops_and_adds_start_and_stop() {
        // crmsh 4.4 rewrites each op it marks and appends it: the
        // monitor ends up after the start and stop it adds.
        let mut c = cib("primitive d1 ocf:pacemaker:Dummy op monitor interval=10s\n");
        trace(&mut c, "d1", &TraceRequest::default()).expect("traces");
        assert_eq!(
            xml(&c, "d1"),
            concat!(
                r#"<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"><operations>"#,
                r#"<op name="start" interval="0" id="d1-start-0"><instance_attributes id="d1-start-0-instance_attributes"><nvpair name="trace_ra" value="1" id="d1-start-0-instance_attributes-trace_ra"/></instance_attributes></op>"#,
                r#"<op name="stop" interval="0" id="d1-stop-0"><instance_attributes id="d1-stop-0-instance_attributes"><nvpair name="trace_ra" value="1" id="d1-stop-0-instance_attributes-trace_ra"/></instance_attributes></op>"#,
                r#"<op name="monitor" interval="10s" id="d1-monitor-10s"><instance_attributes id="d1-monitor-10s-instance_attributes"><nvpair name="trace_ra" value="1" id="d1-monitor-10s-instance_attributes-trace_ra"/></instance_attributes></op>"#,
                r#"</operations></primitive>"#
            )
        );
        untrace(&mut c, "d1", None, None).expect("untraces");
        assert_eq!(
            xml(&c, "d1"),
            r#"<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"><operations><op name="monitor" interval="10s" id="d1-monitor-10s"/></operations></primitive>"#
        );
    }

    #[test]
    fn one_op_by_interval_and_errors_crmsh_gives() {
        let mut c = cib("primitive d1 Dummy op monitor interval=10s\ngroup g d1\n");
        let req = parse_request(&["monitor", "10"]).expect("parses");
        trace(&mut c, "d1", &req).expect("traces");
        assert!(xml(&c, "d1").contains("d1-monitor-10s-instance_attributes-trace_ra"));
        assert!(!xml(&c, "d1").contains("d1-start-0"));
        let req = parse_request(&["monitor", "20"]).expect("parses");
        let e = trace(&mut c, "d1", &req).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Operation monitor with interval 20 not found in d1"
        );
        let e = trace(&mut c, "g", &TraceRequest::default()).unwrap_err();
        assert_eq!(e.to_string(), "element g is not a primitive resource");
        let e = untrace(&mut c, "d1", Some("start"), None).unwrap_err();
        assert_eq!(e.to_string(), "Operation start not found in d1");
        let mut c = cib("primitive d2 Dummy\n");
        let e = trace(&mut c, "d2", &parse_request(&["monitor"]).expect("parses")).unwrap_err();
        assert_eq!(e.to_string(), "No monitor operation configured for d2");
    }
}
