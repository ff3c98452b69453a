//! The crm text of a pm_pcsgen sheet. pm_pcsgen itself runs pcs commands on
//! a CIB file; this says the same in crm's language, so that our compiler
//! gives the CIB those commands give (apart from ids, and from the operations
//! pcs copies from an installed agent's metadata, which the sheet does not
//! name). Where pcs fills in a default that crm would leave out (order
//! actions, the other role of a colocation), the default is written out.

use super::pcsgen_model::{Kind, Nv, PcsConfig, Resource};

const CONTINUE: &str = " \\\n\t";

/// A value as one crm word.
fn quoted(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

fn pairs(keyword: &str, list: &[Nv]) -> Option<String> {
    if list.is_empty() {
        return None;
    }
    let body: Vec<String> = list
        .iter()
        .map(|nv| format!("{}={}", nv.name, quoted(&nv.value)))
        .collect();
    Some(format!("{} {}", keyword, body.join(" ")))
}

fn options(head: &str, list: &[Nv]) -> Option<String> {
    if list.is_empty() {
        return None;
    }
    let body: Vec<String> = list
        .iter()
        .map(|nv| format!("{}={}", nv.name, quoted(&nv.value)))
        .collect();
    Some(format!("{}{}{}", head, CONTINUE, body.join(CONTINUE)))
}

fn primitive(r: &Resource) -> String {
    let agent = [r.class.as_str(), r.provider.as_str(), r.agent.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(":");
    let mut items = vec![format!("primitive {} {}", r.id, agent)];
    items.extend(pairs("params", &r.options));
    items.extend(pairs("meta", &r.meta));
    items.extend(pairs("utilization", &r.utilization));
    for op in &r.ops {
        // pcs writes the interval of a one-off action as `0s`.
        let zero = (!op.attrs.iter().any(|(k, _)| k == "interval"))
            .then(|| ("interval".to_string(), "0s".to_string()));
        let attrs: String = op
            .attrs
            .iter()
            .chain(zero.iter())
            .map(|(k, v)| format!(" {}={}", k, quoted(v)))
            .collect();
        items.push(format!("op {}{}", op.action, attrs));
    }
    items.join(CONTINUE)
}

fn container(r: &Resource) -> String {
    let word = match r.kind {
        Kind::Group => "group",
        _ => "clone",
    };
    let mut items = vec![format!("{} {} {}", word, r.id, r.children.join(" "))];
    let mut meta = r.meta.clone();
    if r.kind == Kind::Promotable {
        // pcs writes promotable=true before the sheet's own meta attributes.
        meta.insert(
            0,
            Nv {
                name: "promotable".into(),
                value: "true".into(),
                line: r.line,
            },
        );
    }
    items.extend(pairs("meta", &meta));
    items.join(CONTINUE)
}

fn tree(cfg: &PcsConfig, r: &Resource, out: &mut Vec<String>) {
    if r.kind.is_primitive() {
        out.push(primitive(r));
        return;
    }
    for child in &r.children {
        if let Some(c) = cfg.resource(child) {
            tree(cfg, &cfg.resources[c], out);
        }
    }
    out.push(container(r));
}

/// Ids unique within the text (pcs's scheme: `base`, `base-1`, …).
struct Ids(Vec<String>);

impl Ids {
    fn take(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 0;
        while self.0.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.0.push(id.clone());
        id
    }
}

fn avoid_score(score: &str) -> String {
    if score.is_empty() {
        return "-INFINITY".into();
    }
    match score.strip_prefix('-') {
        Some(rest) => rest.to_string(),
        None => format!("-{}", score.strip_prefix('+').unwrap_or(score)),
    }
}

fn with_role(rsc: &str, role: &str) -> String {
    if role.is_empty() {
        rsc.to_string()
    } else {
        format!("{rsc}:{role}")
    }
}

/// The crm text for everything the sheet said, sections in pm_pcsgen's order.
pub fn render(cfg: &PcsConfig) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut ids = Ids(cfg.resources.iter().map(|r| r.id.clone()).collect());
    out.extend(options("property cib-bootstrap-options:", &cfg.property));
    for n in &cfg.nodes {
        let mut items = vec![format!("node {}", n.uname)];
        items.extend(pairs("attributes", &n.attributes));
        items.extend(pairs("utilization", &n.utilization));
        out.push(items.join(CONTINUE));
    }
    out.extend(options("rsc_defaults rsc-options:", &cfg.rsc_defaults));
    out.extend(options("op_defaults op-options:", &cfg.op_defaults));
    // Each top-level tree in sheet order, members before their container:
    // the CIB then lists resources in the order pcs leaves them.
    for r in cfg.resources.iter().filter(|r| r.parent.is_none()) {
        tree(cfg, r, &mut out);
    }
    let levels: Vec<&super::pcsgen_model::Level> = numbered_levels(&cfg.levels)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    if !levels.is_empty() {
        let mut parts: Vec<String> = Vec::new();
        let mut last: Option<(&str, &str)> = None;
        for l in &levels {
            match last {
                Some((node, level)) if node == l.node && level == l.level => {
                    if let Some(p) = parts.last_mut() {
                        p.push(',');
                        p.push_str(&l.id);
                    }
                }
                Some((node, _)) if node == l.node => parts.push(l.id.clone()),
                _ => parts.push(format!("{}: {}", l.node, l.id)),
            }
            last = Some((&l.node, &l.level));
        }
        out.push(format!("fencing_topology {}", parts.join(" ")));
    }
    for l in &cfg.node_locations {
        let score = if l.avoids {
            avoid_score(&l.score)
        } else if l.score.is_empty() {
            "INFINITY".into()
        } else {
            l.score.clone()
        };
        let id = ids.take(format!("location-{}-{}-{}", l.rsc, l.node, score));
        out.push(format!("location {} {} {}: {}", id, l.rsc, score, l.node));
    }
    for r in &cfg.rule_locations {
        let id = ids.take(format!("location-{}", r.rsc));
        let exprs: Vec<String> = r
            .exprs
            .iter()
            .map(|e| {
                if e.value.is_empty()
                    && matches!(
                        e.op.to_ascii_lowercase().as_str(),
                        "defined" | "not_defined"
                    )
                {
                    format!("{} {}", e.op, e.attribute)
                } else {
                    format!("{} {} {}", e.attribute, e.op, quoted(&e.value))
                }
            })
            .collect();
        let joiner = format!(" {} ", r.bool_op);
        let role = if r.role.is_empty() {
            String::new()
        } else {
            format!(" role={}", capital_role(&r.role))
        };
        out.push(format!(
            "location {} {} rule{} {}: {}",
            id,
            r.rsc,
            role,
            r.score,
            exprs.join(&joiner)
        ));
    }
    for c in &cfg.colocations {
        let id = ids.take(format!("colocation-{}-{}-{}", c.rsc, c.with_rsc, c.score));
        // pcs names both roles once either is given.
        let (rr, wr) = if c.rsc_role.is_empty() && c.with_rsc_role.is_empty() {
            (String::new(), String::new())
        } else {
            (or_started(&c.rsc_role), or_started(&c.with_rsc_role))
        };
        out.push(format!(
            "colocation {} {}: {} {}",
            id,
            c.score,
            with_role(&c.rsc, &rr),
            with_role(&c.with_rsc, &wr)
        ));
    }
    for o in &cfg.orders {
        let kind = if o.kind.is_empty() {
            "mandatory"
        } else {
            &o.kind
        };
        let id = ids.take(format!("order-{}-{}-{}", o.first, o.then, kind));
        let head = if o.kind.is_empty() {
            format!("order {id}")
        } else {
            format!("order {id} {}:", o.kind)
        };
        let mut line = format!(
            "{} {} {}",
            head,
            with_role(&o.first, or_start(&o.first_action)),
            with_role(&o.then, or_start(&o.then_action))
        );
        if !o.symmetrical.is_empty() {
            line.push_str(&format!(" symmetrical={}", o.symmetrical));
        }
        out.push(line);
    }
    for (i, a) in cfg.alerts.iter().enumerate() {
        let mut items = vec![format!("alert alert_{} {}", i + 1, quoted(&a.path))];
        items.extend(pairs("attributes", &a.options));
        items.extend(pairs("meta", &a.meta));
        for r in &a.recipients {
            let mut to = vec![format!("to {}", quoted(&r.value))];
            to.extend(pairs("attributes", &r.options));
            to.extend(pairs("meta", &r.meta));
            items.push(to.join(" "));
        }
        out.push(items.join(CONTINUE));
    }
    let mut text = out.join("\n\n");
    text.push('\n');
    text
}

fn or_start(action: &str) -> &str {
    if action.is_empty() {
        "start"
    } else {
        action
    }
}

fn or_started(role: &str) -> String {
    if role.is_empty() {
        "Started".into()
    } else {
        role.to_string()
    }
}

/// pm_pcsgen lower-cases the role; Pacemaker spells roles capitalised.
fn capital_role(role: &str) -> String {
    let mut c = role.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The STONITH_LEVEL rows in the order `fencing_topology` lists them, each
/// with the level number crm gives it: pm_pcsgen sorts by level, then
/// (stably) by node, the level text comparing as text; crm then numbers a
/// node's distinct levels 1, 2, ... in that order.
pub(super) fn numbered_levels(
    levels: &[super::pcsgen_model::Level],
) -> Vec<(&super::pcsgen_model::Level, usize)> {
    let mut sorted: Vec<&super::pcsgen_model::Level> = levels.iter().collect();
    sorted.sort_by(|a, b| a.level.cmp(&b.level));
    sorted.sort_by(|a, b| a.node.cmp(&b.node));
    let mut out = Vec::with_capacity(sorted.len());
    let mut last: Option<(&str, &str)> = None;
    let mut number = 0;
    for l in sorted {
        match last {
            Some((node, level)) if node == l.node && level == l.level => {}
            Some((node, _)) if node == l.node => number += 1,
            _ => number = 1,
        }
        last = Some((&l.node, &l.level));
        out.push((l, number));
    }
    out
}
