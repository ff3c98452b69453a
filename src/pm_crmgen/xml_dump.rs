//! The `-VVVVV` dump of the collected data. The original kept its model as an XML
//! DOM and printed it with minidom's `toprettyxml`; this rebuilds the same shape
//! (attributes sorted, two-space indent) from our model.

use super::model::{Blocks, Config, Entry, LocRuleKind, Pair, Part, RscKind};
use super::table_constraints::{COLOCATION_FIELDS, ORDER_FIELDS};

struct Element {
    tag: String,
    attrs: Vec<(String, String)>,
    children: Vec<Element>,
}

impl Element {
    fn new(tag: &str) -> Element {
        Element {
            tag: tag.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    fn attr(mut self, name: &str, value: impl Into<String>) -> Element {
        self.attrs.push((name.to_string(), value.into()));
        self
    }

    /// Sets the attribute only when the value is not empty (as the original did).
    fn opt(self, name: &str, value: &str) -> Element {
        if value.is_empty() {
            self
        } else {
            self.attr(name, value)
        }
    }

    fn child(mut self, c: Element) -> Element {
        self.children.push(c);
        self
    }

    fn write(&self, indent: &str, out: &mut String) {
        out.push_str(indent);
        out.push('<');
        out.push_str(&self.tag);
        let mut attrs: Vec<&(String, String)> = self.attrs.iter().collect();
        attrs.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, v) in attrs {
            out.push_str(&format!(" {}=\"{}\"", k, escape(v)));
        }
        if self.children.is_empty() {
            out.push_str("/>\n");
            return;
        }
        out.push_str(">\n");
        let inner = format!("{}  ", indent);
        for c in &self.children {
            c.write(&inner, out);
        }
        out.push_str(&format!("{}</{}>\n", indent, self.tag));
    }
}

fn escape(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
        .replace('>', "&gt;")
}

fn nv(p: &Pair) -> Element {
    Element::new("nv")
        .attr("_c", p.line.to_string())
        .attr("name", p.name.as_str())
        .attr("value", p.value.as_str())
}

fn blocks(mut parent: Element, blocks: &Blocks) -> Element {
    for b in &blocks.0 {
        let mut e = Element::new(&b.kind);
        for entry in &b.entries {
            e = match entry {
                Entry::Pair(p) => e.child(nv(p)),
                Entry::Rule { text, pairs } => {
                    let mut r = Element::new("rule").attr("value", text.as_str());
                    for p in pairs {
                        r = r.child(nv(p));
                    }
                    e.child(r)
                }
            };
        }
        parent = parent.child(e);
    }
    parent
}

fn pairs(tag: &str, list: &[Pair]) -> Element {
    list.iter().fold(Element::new(tag), |e, p| e.child(nv(p)))
}

fn part(cfg: &Config, p: Part) -> Element {
    match p {
        Part::Nodes => cfg.nodes.iter().fold(Element::new("nodes"), |e, n| {
            let node = Element::new("node")
                .attr("uname", n.uname.as_str())
                .opt("ntype", &n.ntype);
            e.child(blocks(node, &n.blocks))
        }),
        Part::Property => pairs("property", &cfg.property),
        Part::RscDefaults => pairs("rsc_defaults", &cfg.rsc_defaults),
        Part::OpDefaults => pairs("op_defaults", &cfg.op_defaults),
        Part::Resources => cfg
            .resources
            .iter()
            .fold(Element::new("resources"), |e, r| {
                let mut x = Element::new(r.kind.as_str())
                    .attr("_c", r.line.to_string())
                    .attr("id", r.id.as_str());
                for c in &r.children {
                    x = x.child(Element::new("rsc").attr("id", c.as_str()));
                }
                if r.kind == RscKind::Primitive {
                    if let Some(u) = r.described {
                        x = x.attr("_u", u.to_string());
                    }
                    x = x
                        .opt("class", &r.class)
                        .opt("provider", &r.provider)
                        .opt("type", &r.ra_type);
                }
                x = blocks(x, &r.blocks);
                if !r.ops.is_empty() {
                    let op = r.ops.iter().fold(Element::new("op"), |e, o| {
                        let el = o.attrs.iter().fold(Element::new(&o.kind), |el, (k, v)| {
                            el.child(
                                Element::new("nv")
                                    .attr("_c", o.line.to_string())
                                    .attr("name", k.as_str())
                                    .attr("value", v.as_str()),
                            )
                        });
                        e.child(el)
                    });
                    x = x.child(op);
                }
                e.child(x)
            }),
        Part::Locations => cfg
            .locations
            .iter()
            .fold(Element::new("locations"), |e, l| {
                let loc = l.rules.iter().fold(
                    Element::new("location").attr("rsc", l.rsc.as_str()),
                    |loc, r| {
                        let base = Element::new("rule")
                            .attr("_c", format!("{} {}", r.line, r.col))
                            .attr("score", r.score.as_str());
                        loc.child(match &r.kind {
                            LocRuleKind::Uname { node } => {
                                base.attr("type", "uname").attr("node", node.as_str())
                            }
                            LocRuleKind::Ping {
                                prefix,
                                attr,
                                value,
                            } => base
                                .attr("type", prefix.as_str())
                                .attr("attr", attr.as_str())
                                .attr("value", value.as_str()),
                            LocRuleKind::Diskd { attr } => {
                                base.attr("type", "diskd").attr("attr", attr.as_str())
                            }
                        })
                    },
                );
                e.child(loc)
            }),
        Part::LocExperts => cfg.expert_locations.iter().enumerate().fold(
            Element::new("locexperts"),
            |e, (li, l)| {
                let loc = l.rules.iter().enumerate().fold(
                    Element::new("locexpert").attr("rsc", l.rsc.as_str()),
                    |loc, (ri, r)| {
                        let mut rule = Element::new("rule");
                        if cfg.working_rule == Some((li, ri)) {
                            rule = rule.attr("_s", "working");
                        }
                        let rule = rule
                            .attr("_c", r.line.to_string())
                            .opt("score", &r.score)
                            .opt("bool_op", &r.bool_op)
                            .opt("role", &r.role)
                            .opt("id_spec", &r.id_spec);
                        let rule = r.exprs.iter().fold(rule, |rule, x| {
                            rule.child(
                                Element::new("exp")
                                    .attr("_c", x.line.to_string())
                                    .opt("attribute", &x.attribute)
                                    .opt("op", &x.op)
                                    .opt("value", &x.value),
                            )
                        });
                        loc.child(rule)
                    },
                );
                e.child(loc)
            },
        ),
        Part::Colocations | Part::Orders => {
            let (tag, names, list) = if p == Part::Colocations {
                ("colocation", &COLOCATION_FIELDS[..], &cfg.colocations)
            } else {
                ("order", &ORDER_FIELDS[..], &cfg.orders)
            };
            list.iter()
                .fold(Element::new(&format!("{}s", tag)), |e, c| {
                    let mut x = Element::new(tag).attr("_c", c.line.to_string());
                    if c.derived {
                        x = x.attr("_s", "autogen");
                    }
                    for (n, v) in names.iter().zip(&c.fields) {
                        x = x.opt(n, v);
                    }
                    e.child(x)
                })
        }
        Part::Ftopos => cfg.fencing.iter().fold(Element::new("ftopos"), |e, f| {
            e.child(
                Element::new("ftopo")
                    .opt("node", &f.node)
                    .attr("rsc", f.rsc.as_str())
                    .attr("index", f.index.as_str()),
            )
        }),
        Part::Tickets => cfg.tickets.iter().fold(Element::new("tickets"), |e, t| {
            e.child(
                Element::new("ticket")
                    .opt("ticket", &t.ticket)
                    .opt("rsc", &t.rsc)
                    .opt("role", &t.role)
                    .opt("loss-policy", &t.loss_policy),
            )
        }),
        Part::Configs => cfg.configs.iter().fold(Element::new("configs"), |e, c| {
            e.child(Element::new("config").attr("data", c.as_str()))
        }),
        Part::Alerts => cfg.alerts.iter().fold(Element::new("alerts"), |e, a| {
            let mut x = Element::new("alert")
                .attr("_c", a.line.to_string())
                .attr("path", a.path.as_str());
            x = blocks(x, &a.blocks);
            for r in &a.recipients {
                let rec = Element::new("recipient")
                    .attr("_c", r.line.to_string())
                    .attr("value", r.address.as_str());
                x = x.child(blocks(rec, &r.blocks));
            }
            e.child(x)
        }),
    }
}

pub fn dump(cfg: &Config) -> String {
    let root = cfg
        .parts
        .iter()
        .fold(Element::new("crm"), |e, p| e.child(part(cfg, *p)));
    let mut out = String::new();
    root.write("", &mut out);
    out
}
