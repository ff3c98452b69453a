//! `pm_crmgen --json`: the environment-definition sheet as pm_crmgen
//! understood it (the model the crm text is printed from), with the
//! sheet's record numbers so that a tool can point back into the sheet.

use crate::pm_crmgen::model::{self as m, Config, Entry, LocRuleKind, RscKind};
use serde::Serialize;

/// The whole sheet.
#[derive(Debug, Serialize)]
pub struct Sheet {
    pub nodes: Vec<Node>,
    pub property: Vec<Pair>,
    pub rsc_defaults: Vec<Pair>,
    pub op_defaults: Vec<Pair>,
    pub resources: Vec<Resource>,
    pub locations: Vec<Location>,
    pub expert_locations: Vec<ExpertLocation>,
    pub colocations: Vec<Colocation>,
    pub orders: Vec<Order>,
    pub fencing_topology: Vec<FencingLevel>,
    pub tickets: Vec<Ticket>,
    /// Raw crm lines of the CONFIG table, in order.
    pub configs: Vec<String>,
    pub alerts: Vec<Alert>,
}

/// `name="value"` and the sheet record (1-based, as pm_crmgen's messages
/// count them) that set it.
#[derive(Debug, Serialize)]
pub struct Pair {
    pub name: String,
    pub value: String,
    pub line: usize,
}

/// Pairs that apply under a rule (`rule …` column of an attribute table).
#[derive(Debug, Serialize)]
pub struct RulePairs {
    pub rule: String,
    pub pairs: Vec<Pair>,
}

/// An attribute block: `params`, `meta`, `utilization`, `attributes`.
#[derive(Debug, Serialize)]
pub struct Block {
    pub kind: String,
    /// The pairs outside any rule, in sheet order.
    pub pairs: Vec<Pair>,
    /// Rule-scoped pairs, each rule once, in the order rules appeared.
    pub rules: Vec<RulePairs>,
}

#[derive(Debug, Serialize)]
pub struct Node {
    pub uname: String,
    /// `member`, `ping`, … or empty when the sheet gave none.
    #[serde(rename = "type")]
    pub ntype: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Serialize)]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct Op {
    /// `start`, `monitor`, `stop`, …
    pub name: String,
    /// The op's attributes in output order (`interval`, `timeout`, …).
    pub attributes: Vec<Attribute>,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct Resource {
    /// `primitive`, `group`, `clone` or `ms`.
    pub kind: &'static str,
    pub id: String,
    /// The RESOURCES record that defined it.
    pub line: usize,
    /// The PRIMITIVE record that described it (primitives only; absent
    /// when no PRIMITIVE table describes it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub described: Option<usize>,
    /// Agent of a primitive; empty strings for containers.
    pub class: String,
    pub provider: String,
    #[serde(rename = "type")]
    pub ra_type: String,
    /// Member ids of a group, clone or ms, in order.
    pub children: Vec<String>,
    pub blocks: Vec<Block>,
    pub ops: Vec<Op>,
}

/// A rule of the simple LOCATION table.
#[derive(Debug, Serialize)]
pub struct LocationRule {
    /// `uname` (run on a node), `ping` (connectivity) or `diskd`.
    pub kind: &'static str,
    pub score: String,
    /// The node of a `uname` rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// The node attribute a `ping`/`diskd` rule tests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    /// The threshold of a `ping` rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The resource id prefix of a `ping` rule (`ping` or `pingd`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Serialize)]
pub struct Location {
    pub resource: String,
    pub rules: Vec<LocationRule>,
}

#[derive(Debug, Serialize)]
pub struct Expression {
    pub attribute: String,
    pub op: String,
    pub value: String,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct ExpertRule {
    pub score: String,
    pub boolean_op: String,
    pub role: String,
    pub id_spec: String,
    pub expressions: Vec<Expression>,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct ExpertLocation {
    pub resource: String,
    pub rules: Vec<ExpertRule>,
}

/// Values after pm_crmgen's normalisation; empty when the sheet left the
/// cell empty.
#[derive(Debug, Serialize)]
pub struct Colocation {
    pub rsc: String,
    pub with_rsc: String,
    pub score: String,
    pub rsc_role: String,
    pub with_rsc_role: String,
    pub line: usize,
    /// Made from a LOCATION ping/pingd/diskd column, not a COLOCATION row.
    pub derived: bool,
}

#[derive(Debug, Serialize)]
pub struct Order {
    pub first: String,
    pub then: String,
    pub score: String,
    pub first_action: String,
    pub then_action: String,
    pub symmetrical: String,
    pub line: usize,
    pub derived: bool,
}

#[derive(Debug, Serialize)]
pub struct FencingLevel {
    pub node: String,
    pub resource: String,
    pub index: String,
}

#[derive(Debug, Serialize)]
pub struct Ticket {
    pub ticket: String,
    pub resource: String,
    pub role: String,
    pub loss_policy: String,
}

#[derive(Debug, Serialize)]
pub struct Recipient {
    pub address: String,
    pub blocks: Vec<Block>,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct Alert {
    pub path: String,
    pub blocks: Vec<Block>,
    pub recipients: Vec<Recipient>,
    pub line: usize,
}

fn pair(p: &m::Pair) -> Pair {
    Pair {
        name: p.name.clone(),
        value: p.value.clone(),
        line: p.line,
    }
}

fn pairs(list: &[m::Pair]) -> Vec<Pair> {
    list.iter().map(pair).collect()
}

fn blocks(b: &m::Blocks) -> Vec<Block> {
    b.0.iter()
        .map(|block| {
            let mut out = Block {
                kind: block.kind.clone(),
                pairs: Vec::new(),
                rules: Vec::new(),
            };
            for e in &block.entries {
                match e {
                    Entry::Pair(p) => out.pairs.push(pair(p)),
                    Entry::Rule { text, pairs: ps } => out.rules.push(RulePairs {
                        rule: text.clone(),
                        pairs: pairs(ps),
                    }),
                }
            }
            out
        })
        .collect()
}

/// The field `i` of a constraint row (rows are normalised to full width;
/// a short one reads as empty cells rather than failing).
fn field(c: &m::Constraint, i: usize) -> String {
    c.fields.get(i).cloned().unwrap_or_default()
}

fn resource(r: &m::Resource) -> Resource {
    let primitive = r.kind == RscKind::Primitive;
    Resource {
        kind: r.kind.as_str(),
        id: r.id.clone(),
        line: r.line,
        described: if primitive { r.described } else { None },
        class: r.class.clone(),
        provider: r.provider.clone(),
        ra_type: r.ra_type.clone(),
        children: r.children.clone(),
        blocks: blocks(&r.blocks),
        ops: r
            .ops
            .iter()
            .map(|o| Op {
                name: o.kind.clone(),
                attributes: o
                    .attrs
                    .iter()
                    .map(|(n, v)| Attribute {
                        name: n.clone(),
                        value: v.clone(),
                    })
                    .collect(),
                line: o.line,
            })
            .collect(),
    }
}

fn location_rule(r: &m::LocRule) -> LocationRule {
    let mut out = LocationRule {
        kind: "uname",
        score: r.score.clone(),
        node: None,
        attribute: None,
        value: None,
        prefix: None,
        line: r.line,
        column: r.col,
    };
    match &r.kind {
        LocRuleKind::Uname { node } => out.node = Some(node.clone()),
        LocRuleKind::Ping {
            prefix,
            attr,
            value,
        } => {
            out.kind = "ping";
            out.prefix = Some(prefix.clone());
            out.attribute = Some(attr.clone());
            out.value = Some(value.clone());
        }
        LocRuleKind::Diskd { attr } => {
            out.kind = "diskd";
            out.attribute = Some(attr.clone());
        }
    }
    out
}

/// The view of a parsed sheet.
pub fn sheet(cfg: &Config) -> Sheet {
    Sheet {
        nodes: cfg
            .nodes
            .iter()
            .map(|n| Node {
                uname: n.uname.clone(),
                ntype: n.ntype.clone(),
                blocks: blocks(&n.blocks),
            })
            .collect(),
        property: pairs(&cfg.property),
        rsc_defaults: pairs(&cfg.rsc_defaults),
        op_defaults: pairs(&cfg.op_defaults),
        resources: cfg.resources.iter().map(resource).collect(),
        locations: cfg
            .locations
            .iter()
            .map(|l| Location {
                resource: l.rsc.clone(),
                rules: l.rules.iter().map(location_rule).collect(),
            })
            .collect(),
        expert_locations: cfg
            .expert_locations
            .iter()
            .map(|l| ExpertLocation {
                resource: l.rsc.clone(),
                rules: l
                    .rules
                    .iter()
                    .map(|r| ExpertRule {
                        score: r.score.clone(),
                        boolean_op: r.bool_op.clone(),
                        role: r.role.clone(),
                        id_spec: r.id_spec.clone(),
                        expressions: r
                            .exprs
                            .iter()
                            .map(|e| Expression {
                                attribute: e.attribute.clone(),
                                op: e.op.clone(),
                                value: e.value.clone(),
                                line: e.line,
                            })
                            .collect(),
                        line: r.line,
                    })
                    .collect(),
            })
            .collect(),
        colocations: cfg
            .colocations
            .iter()
            .map(|c| Colocation {
                rsc: field(c, 0),
                with_rsc: field(c, 1),
                score: field(c, 2),
                rsc_role: field(c, 3),
                with_rsc_role: field(c, 4),
                line: c.line,
                derived: c.derived,
            })
            .collect(),
        orders: cfg
            .orders
            .iter()
            .map(|c| Order {
                first: field(c, 0),
                then: field(c, 1),
                score: field(c, 2),
                first_action: field(c, 3),
                then_action: field(c, 4),
                symmetrical: field(c, 5),
                line: c.line,
                derived: c.derived,
            })
            .collect(),
        fencing_topology: cfg
            .fencing
            .iter()
            .map(|f| FencingLevel {
                node: f.node.clone(),
                resource: f.rsc.clone(),
                index: f.index.clone(),
            })
            .collect(),
        tickets: cfg
            .tickets
            .iter()
            .map(|t| Ticket {
                ticket: t.ticket.clone(),
                resource: t.rsc.clone(),
                role: t.role.clone(),
                loss_policy: t.loss_policy.clone(),
            })
            .collect(),
        configs: cfg.configs.clone(),
        alerts: cfg
            .alerts
            .iter()
            .map(|a| Alert {
                path: a.path.clone(),
                blocks: blocks(&a.blocks),
                recipients: a
                    .recipients
                    .iter()
                    .map(|r| Recipient {
                        address: r.address.clone(),
                        blocks: blocks(&r.blocks),
                        line: r.line,
                    })
                    .collect(),
                line: a.line,
            })
            .collect(),
    }
}
