//! Element and attribute names. A CIB uses a few dozen names hundreds of
//! thousands of times, so the names of Pacemaker's schema are one byte
//! (an index into [`VOCABULARY`]) and only other names own their text.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// The names of Pacemaker's CIB schema (elements and attributes), sorted
/// so a name is found by binary search. At most 255 entries: the index
/// is one byte and 255 marks a name spelt out.
pub(super) const VOCABULARY: &[&str] = &[
    "acl_group",
    "acl_permission",
    "acl_role",
    "acl_target",
    "acl_user",
    "acls",
    "action",
    "add-host",
    "admin_epoch",
    "alert",
    "alerts",
    "attribute",
    "attribute-name",
    "attribute-value",
    "boolean-op",
    "bundle",
    "call-id",
    "cib",
    "cib-last-written",
    "class",
    "clear_shutdown",
    "clone",
    "cluster_property_set",
    "configuration",
    "constraints",
    "container",
    "control-port",
    "crm-debug-origin",
    "crm_config",
    "crm_feature_set",
    "crmd",
    "date_expression",
    "date_spec",
    "dc-uuid",
    "description",
    "devices",
    "docker",
    "duration",
    "end",
    "epoch",
    "exec-time",
    "exit-reason",
    "expected",
    "expression",
    "fencing-level",
    "fencing-topology",
    "first",
    "first-action",
    "granted",
    "group",
    "ha",
    "have-quorum",
    "host-interface",
    "host-netmask",
    "hours",
    "id",
    "id-ref",
    "image",
    "in_ccm",
    "index",
    "influence",
    "instance_attributes",
    "internal-port",
    "interval",
    "interval-origin",
    "ip-range-start",
    "join",
    "kind",
    "last-granted",
    "last-rc-change",
    "last-run",
    "lifetime",
    "loss-policy",
    "lrm",
    "lrm_resource",
    "lrm_resources",
    "lrm_rsc_op",
    "meta_attributes",
    "minutes",
    "monthdays",
    "months",
    "moon",
    "name",
    "network",
    "node",
    "node-attribute",
    "node_state",
    "nodes",
    "num_updates",
    "nvpair",
    "obj_ref",
    "object-type",
    "on-fail",
    "on_node",
    "op",
    "op-digest",
    "op-force-restart",
    "op-restart-digest",
    "op-secure-digest",
    "op-secure-params",
    "op-status",
    "op_defaults",
    "op_expression",
    "operation",
    "operation_key",
    "operations",
    "options",
    "ordered",
    "ordering",
    "path",
    "port",
    "port-mapping",
    "primitive",
    "primitive_ref",
    "promoted-max",
    "promoted-node-max",
    "provider",
    "queue-time",
    "range",
    "rc-code",
    "recipient",
    "record-pending",
    "reference",
    "remote-tls-port",
    "remote_node",
    "replicas",
    "replicas-per-host",
    "require-all",
    "requires",
    "resource-discovery",
    "resource_ref",
    "resource_set",
    "resources",
    "role",
    "role_ref",
    "rsc",
    "rsc-instance",
    "rsc-pattern",
    "rsc-role",
    "rsc_colocation",
    "rsc_defaults",
    "rsc_expression",
    "rsc_location",
    "rsc_order",
    "rsc_ticket",
    "rule",
    "run-command",
    "score",
    "score-attribute",
    "seconds",
    "select",
    "select_attributes",
    "select_fencing",
    "select_nodes",
    "select_resources",
    "sequential",
    "shutdown",
    "source-dir",
    "source-dir-root",
    "standby",
    "start",
    "start-delay",
    "status",
    "storage",
    "storage-mapping",
    "symmetrical",
    "tag",
    "tags",
    "target",
    "target-attribute",
    "target-dir",
    "target-pattern",
    "target-value",
    "template",
    "then",
    "then-action",
    "then-instance",
    "ticket",
    "ticket_state",
    "tickets",
    "timeout",
    "transient_attributes",
    "transition-key",
    "transition-magic",
    "type",
    "uname",
    "update-client",
    "update-origin",
    "update-user",
    "utilization",
    "validate-with",
    "value",
    "value-source",
    "weekdays",
    "weeks",
    "weekyears",
    "with-rsc",
    "with-rsc-instance",
    "with-rsc-role",
    "xpath",
    "yeardays",
    "years",
];

/// The byte that marks a name spelt out instead of indexed.
pub(super) const SPELT: u8 = 255;

/// The vocabulary index of `s`, if it is one of the schema's names.
pub(super) fn code(s: &str) -> Option<u8> {
    VOCABULARY.binary_search(&s).ok().map(|i| i as u8)
}

/// An element name: one byte for the schema's names, the text otherwise.
#[derive(Clone)]
pub struct Name(Repr);

#[derive(Clone)]
enum Repr {
    Known(u8),
    Other(Box<str>),
}

impl Name {
    pub fn new(s: &str) -> Name {
        match code(s) {
            Some(c) => Name(Repr::Known(c)),
            None => Name(Repr::Other(s.into())),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Known(c) => VOCABULARY[*c as usize],
            Repr::Other(s) => s,
        }
    }
}

impl Default for Name {
    fn default() -> Self {
        Name(Repr::Other(Box::from("")))
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Name::new(s)
    }
}

impl From<String> for Name {
    fn from(s: String) -> Self {
        Name::new(&s)
    }
}

impl From<&String> for Name {
    fn from(s: &String) -> Self {
        Name::new(s)
    }
}

impl From<Name> for String {
    fn from(n: Name) -> Self {
        n.as_str().to_string()
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_is_sorted_unique_and_fits_one_byte() {
        assert!(VOCABULARY.windows(2).all(|w| w[0] < w[1]));
        assert!(VOCABULARY.len() < SPELT as usize);
    }

    #[test]
    fn known_and_other_names_read_back_and_compare_as_text() {
        for s in ["primitive", "id", "crmsh-ref", "", "x"] {
            let n = Name::new(s);
            assert_eq!(n.as_str(), s);
            assert_eq!(n, s);
            assert_eq!(n, Name::from(s.to_string()));
        }
        assert!(Name::new("clone") < Name::new("crmsh-ref"));
        assert_eq!(std::mem::size_of::<Name>(), 16);
    }
}
