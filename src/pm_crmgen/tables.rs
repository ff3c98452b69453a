//! The table kinds of the sheet: their markers in column B, sub-tables and
//! column names (spec §4.3, §5).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Node,
    Property,
    RscDefaults,
    OpDefaults,
    Resources,
    Attributes,
    Primitive,
    Location,
    LocExpert,
    Colocation,
    Order,
    Ftopo,
    Ticket,
    Config,
    Alert,
}

/// Sub-table letters of PRIMITIVE (P, A, O) and ALERT (P, A, R).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sub {
    P,
    A,
    O,
    R,
}

impl Sub {
    pub fn parse(lower: &str) -> Option<Sub> {
        match lower {
            "p" => Some(Sub::P),
            "a" => Some(Sub::A),
            "o" => Some(Sub::O),
            "r" => Some(Sub::R),
            _ => None,
        }
    }

    pub fn letter(self) -> char {
        match self {
            Sub::P => 'p',
            Sub::A => 'a',
            Sub::O => 'o',
            Sub::R => 'r',
        }
    }
}

impl Table {
    pub fn from_marker(lower: &str) -> Option<Table> {
        Some(match lower {
            "node" => Table::Node,
            "property" => Table::Property,
            "rsc_defaults" => Table::RscDefaults,
            "op_defaults" => Table::OpDefaults,
            "resources" => Table::Resources,
            "rsc_attributes" => Table::Attributes,
            "primitive" => Table::Primitive,
            "location" => Table::Location,
            "location_expert" => Table::LocExpert,
            "colocation" => Table::Colocation,
            "order" => Table::Order,
            "fencing_topology" => Table::Ftopo,
            "rsc_ticket" => Table::Ticket,
            "additional_config" => Table::Config,
            "alert" => Table::Alert,
            _ => return None,
        })
    }

    /// Internal mode name shown in the debug trace.
    pub fn mode_name(self) -> &'static str {
        match self {
            Table::Node => "Node",
            Table::Property => "Property",
            Table::RscDefaults => "RscDefaults",
            Table::OpDefaults => "OpDefaults",
            Table::Resources => "Resources",
            Table::Attributes => "Attributes",
            Table::Primitive => "Primitive",
            Table::Location => "Location",
            Table::LocExpert => "LocExpert",
            Table::Colocation => "Colocation",
            Table::Order => "Order",
            Table::Ftopo => "FTopo",
            Table::Ticket => "Ticket",
            Table::Config => "Config",
            Table::Alert => "Alert",
        }
    }

    /// Whether the sub-table letter belongs to this table.
    pub fn has_sub(self, sub: Sub) -> bool {
        match self {
            Table::Primitive => matches!(sub, Sub::P | Sub::A | Sub::O),
            Table::Alert => matches!(sub, Sub::P | Sub::A | Sub::R),
            _ => false,
        }
    }

    pub fn has_subs(self) -> bool {
        matches!(self, Table::Primitive | Table::Alert)
    }

    pub fn required(self, sub: Option<Sub>) -> &'static [&'static str] {
        match (self, sub) {
            (Table::Node, _) => &["uname", "ptype", "name", "value"],
            (Table::Property | Table::RscDefaults | Table::OpDefaults, _) => &["name", "value"],
            (Table::Resources, _) => &["resourceitem", "id"],
            (Table::Attributes, _) => &["id", "type", "name", "value"],
            (Table::Primitive, Some(Sub::P)) => &["id", "class", "provider", "type"],
            (Table::Primitive, Some(Sub::A)) => &["type", "name", "value"],
            (Table::Primitive, _) => &["type"],
            (Table::Location, _) => &["rsc"],
            (Table::LocExpert, _) => &["rsc", "score", "bool_op", "attribute", "op", "value"],
            (Table::Colocation, _) => &["rsc", "with-rsc", "score"],
            (Table::Order, _) => &["first-rsc", "then-rsc", "score"],
            (Table::Ftopo, _) => &["node", "rsc", "index"],
            (Table::Ticket, _) => &["ticket", "rsc"],
            (Table::Config, _) => &["config"],
            (Table::Alert, Some(Sub::A)) => &["type", "name", "value"],
            (Table::Alert, Some(Sub::R)) => &["recipient"],
            (Table::Alert, _) => &["path"],
        }
    }

    pub fn optional(self, sub: Option<Sub>) -> &'static [&'static str] {
        match (self, sub) {
            (Table::Node, _) => &["ntype"],
            (Table::Primitive, Some(Sub::A)) => &["rule"],
            (Table::LocExpert, _) => &["role", "id_spec"],
            (Table::Colocation, _) => &["rsc-role", "with-rsc-role"],
            (Table::Order, _) => &["first-action", "then-action", "symmetrical"],
            (Table::Ticket, _) => &["role", "loss-policy"],
            _ => &[],
        }
    }
}
