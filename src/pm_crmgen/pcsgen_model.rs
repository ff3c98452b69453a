//! What a pm_pcsgen sheet says, collected row by row before any crm text is
//! made: the newer sheet generation (Linux-HA Japan pm_extra_tools, Pacemaker
//! 2/3), with `options` instead of `params`, STONITH resources of their own and
//! location constraints split into node and rule tables.

/// One `name=value` with the row it came from (for "already set in row N").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nv {
    pub name: String,
    pub value: String,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Primitive,
    Stonith,
    Group,
    Clone,
    Promotable,
}

impl Kind {
    pub fn parse(lower: &str) -> Option<Kind> {
        Some(match lower {
            "primitive" => Kind::Primitive,
            "stonith" => Kind::Stonith,
            "group" => Kind::Group,
            "clone" => Kind::Clone,
            "promotable" => Kind::Promotable,
            _ => return None,
        })
    }

    /// The capitalised name pm_pcsgen's messages use.
    pub fn caption(self) -> &'static str {
        match self {
            Kind::Primitive => "Primitive",
            Kind::Stonith => "Stonith",
            Kind::Group => "Group",
            Kind::Clone => "Clone",
            Kind::Promotable => "Promotable",
        }
    }

    pub fn is_primitive(self) -> bool {
        matches!(self, Kind::Primitive | Kind::Stonith)
    }

    /// Whether `child` may sit directly inside this kind.
    pub fn may_hold(self, child: Kind) -> bool {
        match self {
            Kind::Primitive | Kind::Stonith => false,
            Kind::Group => child.is_primitive(),
            Kind::Clone | Kind::Promotable => child.is_primitive() || child == Kind::Group,
        }
    }

    pub const ALL: [&'static str; 5] = ["primitive", "stonith", "group", "clone", "promotable"];
}

/// One operation row: its action and the other columns that had a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Op {
    pub action: String,
    pub attrs: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub kind: Kind,
    pub id: String,
    /// Row of the RESOURCES entry.
    pub line: usize,
    pub children: Vec<String>,
    /// Row of its PRIMITIVE or STONITH table, once seen.
    pub described: Option<usize>,
    pub class: String,
    pub provider: String,
    pub agent: String,
    pub options: Vec<Nv>,
    pub meta: Vec<Nv>,
    pub utilization: Vec<Nv>,
    pub ops: Vec<Op>,
    pub parent: Option<String>,
}

impl Resource {
    pub fn new(kind: Kind, id: String, line: usize) -> Resource {
        Resource {
            kind,
            id,
            line,
            children: Vec::new(),
            described: None,
            class: String::new(),
            provider: String::new(),
            agent: String::new(),
            options: Vec::new(),
            meta: Vec::new(),
            utilization: Vec::new(),
            ops: Vec::new(),
            parent: None,
        }
    }

    /// The attribute list a parameter kind (`options`, `meta`, `utilization`) fills.
    pub fn pairs_mut(&mut self, kind: &str) -> &mut Vec<Nv> {
        match kind {
            "options" => &mut self.options,
            "utilization" => &mut self.utilization,
            _ => &mut self.meta,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Node {
    pub uname: String,
    pub attributes: Vec<Nv>,
    pub utilization: Vec<Nv>,
}

#[derive(Debug, Clone)]
pub struct Level {
    pub node: String,
    pub id: String,
    pub level: String,
    /// The sheet row, and the `level` cell's column, for the renumbering
    /// warning.
    pub line: usize,
    pub col: Option<usize>,
}

/// LOCATION_NODE: `prefers` or `avoids` one node, with an optional score.
#[derive(Debug, Clone)]
pub struct NodeLocation {
    pub rsc: String,
    pub avoids: bool,
    pub node: String,
    pub score: String,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub attribute: String,
    pub op: String,
    pub value: String,
}

/// LOCATION_RULE: a row with a score opens a rule, rows below it add expressions.
#[derive(Debug, Clone)]
pub struct RuleLocation {
    pub rsc: String,
    pub score: String,
    pub bool_op: String,
    pub role: String,
    pub exprs: Vec<Expr>,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Colocation {
    pub rsc: String,
    pub with_rsc: String,
    pub score: String,
    pub rsc_role: String,
    pub with_rsc_role: String,
}

#[derive(Debug, Clone, Default)]
pub struct Order {
    pub first: String,
    pub then: String,
    pub kind: String,
    pub first_action: String,
    pub then_action: String,
    pub symmetrical: String,
}

#[derive(Debug, Clone, Default)]
pub struct Recipient {
    pub value: String,
    pub options: Vec<Nv>,
    pub meta: Vec<Nv>,
}

#[derive(Debug, Clone, Default)]
pub struct Alert {
    pub path: String,
    pub line: usize,
    pub options: Vec<Nv>,
    pub meta: Vec<Nv>,
    pub recipients: Vec<Recipient>,
}

#[derive(Debug, Clone, Default)]
pub struct PcsConfig {
    pub nodes: Vec<Node>,
    pub property: Vec<Nv>,
    pub rsc_defaults: Vec<Nv>,
    pub op_defaults: Vec<Nv>,
    pub resources: Vec<Resource>,
    pub levels: Vec<Level>,
    pub node_locations: Vec<NodeLocation>,
    pub rule_locations: Vec<RuleLocation>,
    pub colocations: Vec<Colocation>,
    pub orders: Vec<Order>,
    pub alerts: Vec<Alert>,
}

impl PcsConfig {
    pub fn resource(&self, id: &str) -> Option<usize> {
        self.resources.iter().position(|r| r.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
            && self.property.is_empty()
            && self.rsc_defaults.is_empty()
            && self.op_defaults.is_empty()
            && self.resources.is_empty()
            && self.levels.is_empty()
            && self.node_locations.is_empty()
            && self.rule_locations.is_empty()
            && self.colocations.is_empty()
            && self.orders.is_empty()
            && self.alerts.is_empty()
    }
}
