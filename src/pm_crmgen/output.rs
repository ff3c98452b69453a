//! Phase 2: the crm text, sections in the fixed order of spec §9.

use super::model::{
    Block, Blocks, Config, Entry, ExpertRule, LocRuleKind, Pair, Resource, RscKind,
};

const CONTINUE: &str = " \\\n\t";

fn pair_text(p: &Pair) -> String {
    format!("{}=\"{}\"", p.name, p.value)
}

/// Lines of one attribute block; `indent` is prepended to every line.
fn block_lines(block: &Block, indent: &str, out: &mut Vec<String>) {
    let mut plain_open = false;
    for e in &block.entries {
        match e {
            Entry::Rule { text, pairs } => {
                out.push(format!("{}{} {}", indent, block.kind, text));
                for p in pairs {
                    out.push(format!("{}\t{}", indent, pair_text(p)));
                }
                plain_open = false;
            }
            Entry::Pair(p) => {
                if !plain_open {
                    out.push(format!("{}{}", indent, block.kind));
                    plain_open = true;
                }
                out.push(format!("{}\t{}", indent, pair_text(p)));
            }
        }
    }
}

/// The blocks of `kinds`, in the order they were created.
fn blocks_lines(blocks: &Blocks, kinds: &[&str], indent: &str, out: &mut Vec<String>) {
    for b in blocks.0.iter().filter(|b| kinds.contains(&b.kind.as_str())) {
        block_lines(b, indent, out);
    }
}

fn nodes(cfg: &Config) -> Option<String> {
    if cfg.nodes.is_empty() {
        return None;
    }
    let texts: Vec<String> = cfg
        .nodes
        .iter()
        .map(|n| {
            let mut items = vec![if n.ntype.is_empty() {
                format!("node {}", n.uname)
            } else {
                format!("node {}:{}", n.uname, n.ntype)
            }];
            blocks_lines(&n.blocks, &["attributes", "utilization"], "", &mut items);
            items.join(CONTINUE)
        })
        .collect();
    Some(format!("### Cluster Node ###\n{}\n", texts.join("\n")))
}

fn options(header: &str, keyword: &str, pairs: &[Pair]) -> Option<String> {
    if pairs.is_empty() {
        return None;
    }
    let items: Vec<String> = pairs.iter().map(pair_text).collect();
    Some(format!(
        "{}\n{} {}\n",
        header,
        keyword,
        items.join(CONTINUE)
    ))
}

fn containers(cfg: &Config) -> Option<String> {
    let mut texts = Vec::new();
    let mut prev: Option<RscKind> = None;
    for r in cfg
        .resources
        .iter()
        .filter(|r| r.kind != RscKind::Primitive)
    {
        let header = if prev != Some(r.kind) {
            prev = Some(r.kind);
            let h = match r.kind {
                RscKind::Group => "### Group Configuration ###",
                RscKind::Clone => "### Clone Configuration ###",
                _ => "### Master/Slave Configuration ###",
            };
            format!("{}\n", h)
        } else {
            String::new()
        };
        let mut items = vec![format!("{}{} {}", header, r.kind.as_str(), r.id)];
        items.extend(r.children.iter().cloned());
        blocks_lines(&r.blocks, &["params", "meta"], "", &mut items);
        texts.push(items.join(CONTINUE));
    }
    if texts.is_empty() {
        return None;
    }
    Some(format!("{}\n", texts.join("\n\n")))
}

fn fencing(cfg: &Config) -> Option<String> {
    if cfg.fencing.is_empty() {
        return None;
    }
    let mut levels: Vec<(&str, &str, &str)> = cfg
        .fencing
        .iter()
        .map(|f| (f.node.as_str(), f.rsc.as_str(), f.index.as_str()))
        .collect();
    // Index sorted as text first, then (stable) by node: '10' < '2' (original quirk).
    levels.sort_by(|a, b| a.2.cmp(b.2));
    levels.sort_by(|a, b| a.0.cmp(b.0));
    let mut z = String::new();
    let mut node = "";
    let mut idx = "";
    for (n, rsc, i) in levels {
        if node != n || idx.is_empty() {
            z.push_str(CONTINUE);
        }
        if node != n {
            node = n;
            idx = "";
            z.push_str(&format!("{}: ", node));
        }
        if idx != i {
            if !idx.is_empty() {
                z.push(' ');
            }
            idx = i;
        } else {
            z.push(',');
        }
        z.push_str(rsc);
    }
    Some(format!("### Fencing Topology ###\nfencing_topology{}\n", z))
}

fn primitive(r: &Resource) -> String {
    let spec: Vec<&str> = [r.class.as_str(), r.provider.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .chain(std::iter::once(r.ra_type.as_str()))
        .collect();
    let mut items = vec![format!("primitive {} {}", r.id, spec.join(":"))];
    blocks_lines(
        &r.blocks,
        &["params", "meta", "utilization"],
        "",
        &mut items,
    );
    blocks_lines(&r.blocks, &["operations"], "", &mut items);
    for op in r.ops.iter().filter(|o| !o.attrs.is_empty()) {
        let attrs: String = op
            .attrs
            .iter()
            .map(|(k, v)| format!(" {}=\"{}\"", k, v))
            .collect();
        items.push(format!("op {}{}", op.kind, attrs));
    }
    items.join(CONTINUE)
}

fn primitives(cfg: &Config) -> Option<String> {
    let texts: Vec<String> = cfg
        .resources
        .iter()
        .filter(|r| r.kind == RscKind::Primitive)
        .map(primitive)
        .collect();
    if texts.is_empty() {
        return None;
    }
    Some(format!(
        "### Primitive Configuration ###\n{}\n",
        texts.join("\n\n")
    ))
}

fn expert_rule(rule: &ExpertRule) -> String {
    let mut s = String::from(CONTINUE);
    s.push_str("rule");
    if !rule.id_spec.is_empty() {
        s.push_str(&format!(" {}", rule.id_spec));
    }
    if !rule.role.is_empty() {
        s.push_str(&format!(" $role=\"{}\"", rule.role));
    }
    if !rule.score.is_empty() {
        s.push_str(&format!(" {}: ", rule.score));
    }
    let exprs: Vec<String> = rule
        .exprs
        .iter()
        .map(|e| {
            let lower = e.op.to_lowercase();
            if lower == "defined" || lower == "not_defined" {
                format!("{} {}", e.op, e.attribute)
            } else {
                format!("{} {} {}", e.attribute, e.op, e.value)
            }
        })
        .collect();
    s.push_str(&exprs.join(&format!(" {} ", rule.bool_op)));
    s
}

fn locations(cfg: &Config) -> Option<String> {
    let mut s = String::new();
    let mut n = 0;
    for l in &cfg.locations {
        n += 1;
        s.push_str(&format!("location rsc_location-{}-{} {}", l.rsc, n, l.rsc));
        for r in &l.rules {
            s.push_str(&format!("{}rule {}: ", CONTINUE, r.score));
            match &r.kind {
                LocRuleKind::Uname { node } => s.push_str(&format!("#uname eq {}", node)),
                LocRuleKind::Ping { attr, value, .. } => {
                    s.push_str(&format!("not_defined {} or {} lt {}", attr, attr, value))
                }
                LocRuleKind::Diskd { attr } => {
                    s.push_str(&format!("not_defined {} or {} eq ERROR", attr, attr))
                }
            }
        }
        s.push('\n');
    }
    for l in &cfg.expert_locations {
        n += 1;
        s.push_str(&format!("location rsc_location-{}-{} {}", l.rsc, n, l.rsc));
        for r in &l.rules {
            s.push_str(&expert_rule(r));
        }
        s.push('\n');
    }
    if s.is_empty() {
        return None;
    }
    Some(format!("### Resource Location ###\n{}", s))
}

fn suffix(sep: &str, v: &str) -> String {
    if v.is_empty() {
        String::new()
    } else {
        format!("{}{}", sep, v)
    }
}

fn colocations(cfg: &Config) -> Option<String> {
    if cfg.colocations.is_empty() {
        return None;
    }
    let mut s = String::from("### Resource Colocation ###\n");
    for (i, c) in cfg.colocations.iter().enumerate() {
        let f = &c.fields;
        s.push_str(&format!(
            "colocation rsc_colocation-{}-{}-{} {}: {}{} {}{}\n",
            f[0],
            f[1],
            i + 1,
            f[2],
            f[0],
            suffix(":", &f[3]),
            f[1],
            suffix(":", &f[4])
        ));
    }
    Some(s)
}

fn orders(cfg: &Config) -> Option<String> {
    if cfg.orders.is_empty() {
        return None;
    }
    let mut s = String::from("### Resource Order ###\n");
    for (i, o) in cfg.orders.iter().enumerate() {
        let f = &o.fields;
        s.push_str(&format!(
            "order rsc_order-{}-{}-{} {}: {}{} {}{}{}\n",
            f[0],
            f[1],
            i + 1,
            f[2],
            f[0],
            suffix(":", &f[3]),
            f[1],
            suffix(":", &f[4]),
            suffix(" symmetrical=", &f[5])
        ));
    }
    Some(s)
}

fn tickets(cfg: &Config) -> Option<String> {
    if cfg.tickets.is_empty() {
        return None;
    }
    let mut s = String::from("### Resource Ticket ###\n");
    for (i, t) in cfg.tickets.iter().enumerate() {
        s.push_str(&format!(
            "rsc_ticket rsc_ticket-{}-{} {}: {}{}{}\n",
            t.ticket,
            i + 1,
            t.ticket,
            t.rsc,
            suffix(":", &t.role),
            suffix(" loss-policy=", &t.loss_policy)
        ));
    }
    Some(s)
}

fn configs(cfg: &Config) -> Option<String> {
    if cfg.configs.is_empty() {
        return None;
    }
    let mut s = String::from("### Additional Config ###\n");
    for c in &cfg.configs {
        s.push_str(c);
        s.push('\n');
    }
    Some(s)
}

fn alerts(cfg: &Config, brackets: bool) -> Option<String> {
    if cfg.alerts.is_empty() {
        return None;
    }
    let texts: Vec<String> = cfg
        .alerts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut items = vec![format!("alert alert_{} {}", i + 1, a.path)];
            blocks_lines(&a.blocks, &["attributes", "meta"], "", &mut items);
            for r in &a.recipients {
                items.push(if brackets {
                    format!("to {{ {}", r.address)
                } else {
                    format!("to {}", r.address)
                });
                blocks_lines(&r.blocks, &["attributes", "meta"], "\t", &mut items);
                if brackets {
                    if let Some(last) = items.last_mut() {
                        last.push_str(" }");
                    }
                }
            }
            items.join(CONTINUE)
        })
        .collect();
    Some(format!(
        "### Alert Configuration ###\n{}\n",
        texts.join("\n")
    ))
}

/// The whole crm file; empty when there is nothing to write.
pub fn render(cfg: &Config, brackets: bool) -> String {
    let sections: Vec<String> = [
        nodes(cfg),
        options("### Cluster Option ###", "property", &cfg.property),
        options(
            "### Resource Defaults ###",
            "rsc_defaults",
            &cfg.rsc_defaults,
        ),
        options(
            "### Operations Defaults ###",
            "op_defaults",
            &cfg.op_defaults,
        ),
        containers(cfg),
        fencing(cfg),
        primitives(cfg),
        locations(cfg),
        colocations(cfg),
        orders(cfg),
        tickets(cfg),
        configs(cfg),
        alerts(cfg, brackets),
    ]
    .into_iter()
    .flatten()
    .collect();
    sections.join("\n")
}
