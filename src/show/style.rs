//! The choices one printing of an object depends on.

use crate::xml::Element;
use std::collections::HashSet;
use std::rc::Rc;

/// What the printer needs beyond the element itself.
#[derive(Debug, Clone, Default)]
pub struct Style {
    /// Print the ids crmsh would not print, where the stored id is not
    /// the one a reload would derive (decided by the caller).
    pub explicit: HashSet<String>,
    /// Ids some `id-ref` in the CIB points at (crmsh prints `$id=` for
    /// such rules, #037).
    pub referenced: Rc<HashSet<String>>,
    /// Lossless printing: `string:` types, `:normal` node types, full
    /// agent specs where the default provider differs, expanded
    /// fencing_topology, escaped backslashes.
    pub lossless: bool,
    /// Number of nodes in the CIB (compact fencing_topology).
    pub node_count: usize,
}

impl Style {
    /// The id to print for `e`, if it is marked explicit.
    pub fn explicit_id<'e>(&self, e: &'e Element) -> Option<&'e str> {
        e.id().filter(|id| self.explicit.contains(*id))
    }

    pub fn quote(&self, v: &str) -> String {
        super::layout::quote(v, self.lossless)
    }

    pub fn pair(&self, name: &str, value: &str) -> String {
        super::layout::pair(name, value, self.lossless)
    }
}
