//! The kinds of top-level CIB objects and the facts tied to each.

/// A top-level object kind, in crmsh's creation (and `show`) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Node,
    Template,
    Primitive,
    Bundle,
    Group,
    Master,
    Clone,
    Monitor,
    Tag,
    Location,
    Colocation,
    Order,
    Ticket,
    Fencing,
    Property,
    RscDefaults,
    OpDefaults,
    Role,
    AclTarget,
    AclGroup,
    User,
    Alert,
}

impl Kind {
    /// The statement keyword (`master` and `collocation` are aliases).
    pub fn from_keyword(word: &str) -> Option<Kind> {
        Some(match word.to_ascii_lowercase().as_str() {
            "node" => Kind::Node,
            "primitive" => Kind::Primitive,
            "rsc_template" => Kind::Template,
            "group" => Kind::Group,
            "clone" => Kind::Clone,
            "ms" | "master" => Kind::Master,
            "bundle" => Kind::Bundle,
            "location" => Kind::Location,
            "colocation" | "collocation" => Kind::Colocation,
            "order" => Kind::Order,
            "rsc_ticket" => Kind::Ticket,
            "fencing_topology" | "fencing-topology" => Kind::Fencing,
            "property" => Kind::Property,
            "rsc_defaults" => Kind::RscDefaults,
            "op_defaults" => Kind::OpDefaults,
            "tag" => Kind::Tag,
            "role" => Kind::Role,
            "acl_target" => Kind::AclTarget,
            "acl_group" => Kind::AclGroup,
            "user" => Kind::User,
            "alert" => Kind::Alert,
            "monitor" => Kind::Monitor,
            _ => return None,
        })
    }

    pub const KEYWORDS: [&'static str; 26] = [
        "node",
        "primitive",
        "group",
        "clone",
        "ms",
        "master",
        "rsc_template",
        "bundle",
        "location",
        "colocation",
        "collocation",
        "order",
        "rsc_ticket",
        "property",
        "rsc_defaults",
        "op_defaults",
        "fencing_topology",
        "fencing-topology",
        "tag",
        "user",
        "role",
        "acl_target",
        "acl_group",
        "alert",
        "monitor",
        "xml",
    ];

    /// The kind of a top-level CIB element; `parent` disambiguates the
    /// `meta_attributes` of rsc/op defaults and legacy/new ACL elements.
    pub fn from_element(tag: &str, parent: &str) -> Option<Kind> {
        Some(match (tag, parent) {
            ("node", _) => Kind::Node,
            ("primitive", _) => Kind::Primitive,
            ("template", _) => Kind::Template,
            ("group", _) => Kind::Group,
            ("clone", _) => Kind::Clone,
            ("master", _) => Kind::Master,
            ("bundle", _) => Kind::Bundle,
            ("rsc_location", _) => Kind::Location,
            ("rsc_colocation", _) => Kind::Colocation,
            ("rsc_order", _) => Kind::Order,
            ("rsc_ticket", _) => Kind::Ticket,
            ("fencing-topology", _) => Kind::Fencing,
            ("cluster_property_set", _) => Kind::Property,
            ("meta_attributes", "rsc_defaults") => Kind::RscDefaults,
            ("meta_attributes", "op_defaults") => Kind::OpDefaults,
            ("tag", _) => Kind::Tag,
            ("acl_role", _) | ("role", "acls") => Kind::Role,
            ("acl_target", _) => Kind::AclTarget,
            ("acl_group", _) => Kind::AclGroup,
            ("acl_user", _) | ("user", "acls") => Kind::User,
            ("alert", _) => Kind::Alert,
            _ => return None,
        })
    }

    pub fn is_resource(self) -> bool {
        matches!(
            self,
            Kind::Primitive | Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
        )
    }

    pub fn is_constraint(self) -> bool {
        matches!(
            self,
            Kind::Location | Kind::Colocation | Kind::Order | Kind::Ticket
        )
    }

    pub fn is_nvset(self) -> bool {
        matches!(self, Kind::Property | Kind::RscDefaults | Kind::OpDefaults)
    }

    /// The group `show` sorts by: constraints of three kinds sort together,
    /// and so do tickets with fencing, and the ACL principals.
    pub fn show_rank(self) -> u8 {
        match self {
            Kind::Node => 0,
            Kind::Template => 1,
            Kind::Primitive => 2,
            Kind::Bundle => 3,
            Kind::Group => 4,
            Kind::Master => 5,
            Kind::Clone => 6,
            Kind::Monitor => 7,
            Kind::Tag => 8,
            Kind::Location | Kind::Colocation | Kind::Order => 9,
            Kind::Ticket | Kind::Fencing => 10,
            Kind::Property => 11,
            Kind::RscDefaults => 12,
            Kind::OpDefaults => 13,
            Kind::Role => 14,
            Kind::AclTarget | Kind::AclGroup | Kind::User => 15,
            Kind::Alert => 16,
        }
    }

    /// The section of `<configuration>` that holds objects of this kind.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Node => "nodes",
            Kind::Template
            | Kind::Primitive
            | Kind::Bundle
            | Kind::Group
            | Kind::Master
            | Kind::Clone
            | Kind::Monitor => "resources",
            Kind::Tag => "tags",
            Kind::Location | Kind::Colocation | Kind::Order | Kind::Ticket => "constraints",
            Kind::Fencing => "fencing-topology",
            Kind::Property => "crm_config",
            Kind::RscDefaults => "rsc_defaults",
            Kind::OpDefaults => "op_defaults",
            Kind::Role | Kind::AclTarget | Kind::AclGroup | Kind::User => "acls",
            Kind::Alert => "alerts",
        }
    }

    /// What crmsh calls an object of this kind in messages (`group:g1`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Node => "node",
            Kind::Template => "rsc_template",
            Kind::Primitive => "primitive",
            Kind::Bundle => "bundle",
            Kind::Group => "group",
            Kind::Master => "ms",
            Kind::Clone => "clone",
            Kind::Monitor => "op",
            Kind::Tag => "tag",
            Kind::Location => "location",
            Kind::Colocation => "colocation",
            Kind::Order => "order",
            Kind::Ticket => "rsc_ticket",
            Kind::Fencing => "fencing_topology",
            Kind::Property => "property",
            Kind::RscDefaults => "rsc_defaults",
            Kind::OpDefaults => "op_defaults",
            Kind::Role => "role",
            Kind::AclTarget => "acl_target",
            Kind::AclGroup => "acl_group",
            Kind::User => "user",
            Kind::Alert => "alert",
        }
    }
}
