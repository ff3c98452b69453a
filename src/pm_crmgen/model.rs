//! The configuration collected from the sheet, in the shape the output needs.
//! Every list keeps creation order, which is the order of the output.

/// `name="value"` and the row that set it (for duplicate messages).
#[derive(Debug, Clone)]
pub struct Pair {
    pub name: String,
    pub value: String,
    pub line: usize,
}

/// An item of an attribute block: a plain pair or a rule-scoped set of pairs.
#[derive(Debug, Clone)]
pub enum Entry {
    Pair(Pair),
    Rule { text: String, pairs: Vec<Pair> },
}

/// `params`, `meta`, `utilization`, `operations`, `attributes`.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: String,
    pub entries: Vec<Entry>,
}

impl Block {
    /// Pairs a duplicate name is checked against: the rule's, or the plain ones.
    pub fn pairs_in(&self, rule: &str) -> Vec<&Pair> {
        let mut out = Vec::new();
        for e in &self.entries {
            match e {
                Entry::Pair(p) if rule.is_empty() => out.push(p),
                Entry::Rule { text, pairs } if !rule.is_empty() && text == rule => {
                    out.extend(pairs.iter())
                }
                _ => {}
            }
        }
        out
    }

    /// Makes sure a rule sub-block exists (it is printed even without pairs).
    pub fn touch_rule(&mut self, rule: &str) {
        if rule.is_empty() {
            return;
        }
        let exists = self
            .entries
            .iter()
            .any(|e| matches!(e, Entry::Rule { text, .. } if text == rule));
        if !exists {
            self.entries.push(Entry::Rule {
                text: rule.to_string(),
                pairs: Vec::new(),
            });
        }
    }

    pub fn push(&mut self, rule: &str, pair: Pair) {
        if rule.is_empty() {
            self.entries.push(Entry::Pair(pair));
            return;
        }
        self.touch_rule(rule);
        for e in &mut self.entries {
            if let Entry::Rule { text, pairs } = e {
                if text == rule {
                    pairs.push(pair);
                    return;
                }
            }
        }
    }
}

/// Attribute blocks of one object, in the order they were created.
#[derive(Debug, Clone, Default)]
pub struct Blocks(pub Vec<Block>);

impl Blocks {
    pub fn get(&self, kind: &str) -> Option<&Block> {
        self.0.iter().find(|b| b.kind == kind)
    }

    pub fn get_or_create(&mut self, kind: &str) -> &mut Block {
        let idx = match self.0.iter().position(|b| b.kind == kind) {
            Some(i) => i,
            None => {
                self.0.push(Block {
                    kind: kind.to_string(),
                    entries: Vec::new(),
                });
                self.0.len() - 1
            }
        };
        &mut self.0[idx]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RscKind {
    Primitive,
    Group,
    Clone,
    Ms,
}

impl RscKind {
    pub fn parse(lower: &str) -> Option<RscKind> {
        match lower {
            "primitive" => Some(RscKind::Primitive),
            "group" => Some(RscKind::Group),
            "clone" => Some(RscKind::Clone),
            "ms" | "master" => Some(RscKind::Ms),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RscKind::Primitive => "primitive",
            RscKind::Group => "group",
            RscKind::Clone => "clone",
            RscKind::Ms => "ms",
        }
    }
}

/// One `op` row: its type and attributes in output order.
#[derive(Debug, Clone)]
pub struct Op {
    pub kind: String,
    pub attrs: Vec<(String, String)>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub kind: RscKind,
    pub id: String,
    /// Row of the RESOURCES table that defined it.
    pub line: usize,
    pub children: Vec<String>,
    pub blocks: Blocks,
    /// Row of the PRIMITIVE `P` data row that described it.
    pub described: Option<usize>,
    pub class: String,
    pub provider: String,
    pub ra_type: String,
    pub ops: Vec<Op>,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub uname: String,
    pub ntype: String,
    pub blocks: Blocks,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocRuleKind {
    Uname {
        node: String,
    },
    Ping {
        prefix: String,
        attr: String,
        value: String,
    },
    Diskd {
        attr: String,
    },
}

/// A rule of a simple (1.x style) LOCATION table.
#[derive(Debug, Clone)]
pub struct LocRule {
    pub kind: LocRuleKind,
    pub score: String,
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone)]
pub struct SimpleLocation {
    pub rsc: String,
    pub rules: Vec<LocRule>,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub attribute: String,
    pub op: String,
    pub value: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct ExpertRule {
    pub score: String,
    pub bool_op: String,
    pub role: String,
    pub id_spec: String,
    pub exprs: Vec<Expr>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct ExpertLocation {
    pub rsc: String,
    pub rules: Vec<ExpertRule>,
}

/// A colocation (`fields` = rsc, with-rsc, score, rsc-role, with-rsc-role) or an
/// order (first-rsc, then-rsc, score, first-action, then-action, symmetrical):
/// values after normalisation, empty when absent.
#[derive(Debug, Clone)]
pub struct Constraint {
    pub fields: Vec<String>,
    pub line: usize,
    /// Generated from a LOCATION ping/pingd/diskd column.
    pub derived: bool,
}

#[derive(Debug, Clone)]
pub struct FencingLevel {
    pub node: String,
    pub rsc: String,
    pub index: String,
}

#[derive(Debug, Clone)]
pub struct Ticket {
    pub ticket: String,
    pub rsc: String,
    pub role: String,
    pub loss_policy: String,
}

#[derive(Debug, Clone)]
pub struct Recipient {
    pub address: String,
    pub blocks: Blocks,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Alert {
    pub path: String,
    pub blocks: Blocks,
    pub recipients: Vec<Recipient>,
    pub line: usize,
}

/// Top-level parts, remembered in the order they first received data (the debug
/// XML dump lists them that way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Nodes,
    Property,
    RscDefaults,
    OpDefaults,
    Resources,
    Locations,
    LocExperts,
    Colocations,
    Orders,
    Ftopos,
    Tickets,
    Configs,
    Alerts,
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub parts: Vec<Part>,
    pub nodes: Vec<Node>,
    /// property, rsc_defaults, op_defaults (with their line numbers).
    pub property: Vec<Pair>,
    pub rsc_defaults: Vec<Pair>,
    pub op_defaults: Vec<Pair>,
    pub resources: Vec<Resource>,
    pub locations: Vec<SimpleLocation>,
    pub expert_locations: Vec<ExpertLocation>,
    pub colocations: Vec<Constraint>,
    pub orders: Vec<Constraint>,
    pub fencing: Vec<FencingLevel>,
    pub tickets: Vec<Ticket>,
    pub configs: Vec<String>,
    pub alerts: Vec<Alert>,
    /// The LOCATION_EXPERT rule continuation rows extend (location, rule).
    pub working_rule: Option<(usize, usize)>,
    /// Where each resource id sits in `resources`, and each child's
    /// parent: a sheet of 200,000 resources took minutes with scans.
    by_id: crate::fasthash::FxHashMap<String, usize>,
    parent_of: crate::fasthash::FxHashMap<String, String>,
}

impl Config {
    pub fn touch(&mut self, part: Part) {
        if !self.parts.contains(&part) {
            self.parts.push(part);
        }
    }

    /// The outermost resource that contains `id` (itself when it has no parent).
    pub fn outermost(&self, id: &str) -> String {
        let mut current = id.to_string();
        // Nesting is at most three deep; the bound only guards against cycles.
        for _ in 0..self.resources.len() + 1 {
            match self.parent_of.get(&current) {
                Some(parent) => current = parent.clone(),
                None => break,
            }
        }
        current
    }

    /// Adds a resource (its id not yet used).
    pub fn add_resource(&mut self, r: Resource) {
        self.by_id
            .entry(r.id.clone())
            .or_insert(self.resources.len());
        self.resources.push(r);
    }

    /// The position of the resource `id` in `resources`.
    pub fn resource_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Makes `child` the last child of the resource `parent`.
    pub fn add_child(&mut self, parent: &str, child: String) {
        if let Some(i) = self.resource_index(parent) {
            self.parent_of
                .entry(child.clone())
                .or_insert_with(|| parent.to_string());
            self.resources[i].children.push(child);
        }
    }
}
