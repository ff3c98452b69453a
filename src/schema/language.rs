//! What the CIB's `validate-with` decides for the language (crm-language
//! §11): role spellings, `op` attributes, ACL syntax, date operations.

const OP_ATTRIBUTES: [&str; 12] = [
    "id",
    "name",
    "interval",
    "description",
    "start-delay",
    "interval-origin",
    "timeout",
    "enabled",
    "record-pending",
    "role",
    "on-fail",
    "requires",
];

/// A Pacemaker schema version, from `validate-with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    pub name: String,
    /// (major, minor); `pacemaker-next` sorts after every release.
    pub version: (u32, u32),
}

impl Default for Schema {
    fn default() -> Self {
        Schema::new("pacemaker-3.9")
    }
}

impl Schema {
    pub fn new(validate_with: &str) -> Self {
        let version = match validate_with.strip_prefix("pacemaker-") {
            Some("next") => (u32::MAX, 0),
            Some(v) => {
                let mut parts = v.split('.').map(|p| p.parse().unwrap_or(0));
                (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
            }
            None => (0, 0),
        };
        Schema {
            name: validate_with.to_string(),
            version,
        }
    }

    /// Roles valid in resource references, in the schema's spelling.
    pub fn roles(&self) -> &'static [&'static str] {
        if self.version >= (3, 7) {
            &[
                "Stopped",
                "Started",
                "Slave",
                "Master",
                "Unpromoted",
                "Promoted",
            ]
        } else {
            &["Stopped", "Started", "Slave", "Master"]
        }
    }

    pub fn is_next(&self) -> bool {
        self.version.0 == u32::MAX
    }

    /// Schemas from 2.0 on use `acl_role`/`acl_permission`/`acl_target`.
    pub fn new_acls(&self) -> bool {
        self.version >= (2, 0)
    }

    /// Pairs of `op` that are XML attributes rather than instance attributes
    /// (`requires` left `op` for its meta attributes in the 3.x schemas).
    pub fn op_attributes(&self) -> &'static [&'static str] {
        if self.version >= (3, 0) {
            &OP_ATTRIBUTES[..OP_ATTRIBUTES.len() - 1]
        } else {
            &OP_ATTRIBUTES
        }
    }

    /// crmsh 4.4 turns Promoted/Unpromoted into Master/Slave on schemas
    /// older than 3.7 (with a warning) and leaves role words alone otherwise.
    pub fn convert_role(&self, role: &str) -> (String, Option<(String, String)>) {
        if self.version < (3, 7) {
            let old = match role {
                "Promoted" => Some("Master"),
                "Unpromoted" => Some("Slave"),
                _ => None,
            };
            if let Some(old) = old {
                return (old.to_string(), Some((role.to_string(), old.to_string())));
            }
        }
        (role.to_string(), None)
    }
}
