//! What the configure level's tool commands say besides errors
//! (`default-timeouts`, `schema`, `upgrade`, `ptest`, `graph`,
//! `cibstatus`): crmsh's wording where it has one.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Told {
    /// `default-timeouts` of something that is no primitive.
    NotAPrimitive { id: String },
    /// `default-timeouts` of a primitive whose template is missing.
    TemplateUndefined { id: String },
    /// `default-timeouts` of a primitive whose agent is not installed.
    NoAgentFor { id: String },
    /// `schema NAME` naming the schema in use.
    AlreadySchema { name: String },
    /// `upgrade` without `force` on a schema newer than 0.6.
    UpgradeNeedsForce { schema: String },
    /// `upgrade` moved the CIB to a newer schema.
    Upgraded { from: String, to: String },
    /// `upgrade` found the CIB on the newest schema already.
    UpgradeNothing { schema: String },
    /// `graph` wrote a file.
    GraphWritten { file: String },
    /// `graph` without graphviz's dot for a picture.
    NoDot,
    /// `ptest` on a configuration that has no status: what it shows.
    SimulateNoStatus,
    /// `ptest actions` found no action.
    NoActions,
    /// crm_simulate ended with an error.
    SimulationFailed { code: String },
    /// `cibstatus load`.
    StatusLoaded { origin: String },
    /// `cibstatus save` wrote the status back.
    StatusSaved { origin: String },
    /// `cibstatus origin`.
    StatusOrigin { origin: String },
    /// `cibstatus run`/`simulate` changed the copy.
    StatusUpdated,
}

impl fmt::Display for Told {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::told_text(self))
    }
}

impl super::WriteEn for Told {
    fn write_en(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Told::*;
        match self {
            NotAPrimitive { id } => write!(f, "element {id} is not a primitive"),
            TemplateUndefined { id } => write!(f, "template for {id} not defined"),
            NoAgentFor { id } => write!(f, "no resource agent found for {id}"),
            AlreadySchema { name } => write!(f, "already using schema {name}"),
            UpgradeNeedsForce { schema } => write!(
                f,
                "the CIB is on {schema}, not 0.6: `upgrade force` upgrades it to the newest schema"
            ),
            Upgraded { from, to } => write!(f, "CIB upgraded from {from} to {to}"),
            UpgradeNothing { schema } => write!(f, "the CIB is on the newest schema ({schema})"),
            GraphWritten { file } => write!(f, "graph written to {file}"),
            NoDot => write!(
                f,
                "graphviz's dot is not installed: DOT text only (`graph FILE dot`)"
            ),
            SimulateNoStatus => write!(
                f,
                "the configuration has no status: the simulation starts from nothing running"
            ),
            NoActions => write!(f, "No actions found."),
            SimulationFailed { code } => write!(f, "Simulation was unsuccessful (RC={code})."),
            StatusLoaded { origin } => write!(f, "status loaded from {origin}"),
            StatusSaved { origin } => write!(f, "status saved to {origin}"),
            StatusOrigin { origin } => write!(f, "{origin}"),
            StatusUpdated => write!(f, "the status copy now holds the simulated outcome"),
        }
    }
}
