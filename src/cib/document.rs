use crate::error::{Error, ErrorKind, Result};
use crate::schema::Schema;
use crate::xml::{self, Element};

/// A whole CIB: `<cib>` with `<configuration>` (and maybe `<status>`).
#[derive(Debug, Clone, PartialEq)]
pub struct Cib {
    pub root: Element,
    /// The crm files loaded into this copy, to point a refused commit at
    /// the statement behind it; never written, never compared.
    pub origins: crate::schema::Origins,
}

impl Cib {
    /// An empty CIB, as `cibadmin --empty` would write it.
    pub fn empty(validate_with: &str) -> Self {
        let mut root = Element::new("cib")
            .with_attr("validate-with", validate_with)
            .with_attr("admin_epoch", "0")
            .with_attr("epoch", "0")
            .with_attr("num_updates", "0");
        let conf = root.child_or_insert("configuration");
        for section in ["crm_config", "nodes", "resources", "constraints"] {
            conf.push(Element::new(section));
        }
        root.push(Element::new("status"));
        Cib {
            root,
            origins: Default::default(),
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        let root = xml::parse(text).map_err(|e| {
            Error::new(ErrorKind::Cib {
                message: format!("cannot read the CIB: {e}"),
            })
        })?;
        if root.name != "cib" {
            return Err(Error::new(ErrorKind::Cib {
                message: format!("the CIB root element is <{}>, not <cib>", root.name),
            }));
        }
        let mut cib = Cib {
            root,
            origins: Default::default(),
        };
        cib.root.child_or_insert("configuration");
        Ok(cib)
    }

    pub fn to_xml(&self) -> String {
        xml::to_pretty(&self.root)
    }

    /// [`Cib::to_xml`] streamed to `w` (a large CIB is not also held as
    /// one string).
    pub fn write_xml(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        xml::write_pretty(&self.root, w)
    }

    pub fn schema(&self) -> Schema {
        Schema::new(self.root.get("validate-with").unwrap_or("pacemaker-3.9"))
    }

    pub fn configuration(&self) -> &Element {
        // Every constructor adds one; an empty stand-in keeps this total.
        static EMPTY: std::sync::OnceLock<Element> = std::sync::OnceLock::new();
        self.root
            .child("configuration")
            .unwrap_or_else(|| EMPTY.get_or_init(|| Element::new("configuration")))
    }

    pub fn configuration_mut(&mut self) -> &mut Element {
        self.root.child_or_insert("configuration")
    }

    /// A section of the configuration; a missing one is appended, so
    /// sections appear in the order objects first needed them (as crmsh).
    pub fn section_mut(&mut self, name: &str) -> &mut Element {
        let conf = self.configuration_mut();
        conf.child_or_insert(name)
    }

    pub fn epoch(&self) -> (u64, u64, u64) {
        let n = |a: &str| self.root.get(a).and_then(|v| v.parse().ok()).unwrap_or(0);
        (n("admin_epoch"), n("epoch"), n("num_updates"))
    }

    /// Records one committed change: epoch + 1, num_updates back to 0.
    pub fn bump_epoch(&mut self) {
        let (_, epoch, _) = self.epoch();
        self.root.set("epoch", &(epoch + 1).to_string());
        self.root.set("num_updates", "0");
    }

    /// Node unames in document order.
    pub fn node_names(&self) -> Vec<String> {
        self.configuration()
            .child("nodes")
            .map(|n| {
                n.elements()
                    .filter_map(|e| e.get("uname").or(e.id()).map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }
}
