//! What the configure level's tool commands say besides errors
//! (`default-timeouts`, `schema`, `upgrade`, `ptest`, `graph`,
//! `cibstatus`): crmsh's wording where it has one.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Told {
    /// `default-timeouts` of something that is no primitive.
    NotAPrimitive {
        id: String,
    },
    /// `default-timeouts` of a primitive whose template is missing.
    TemplateUndefined {
        id: String,
    },
    /// `default-timeouts` of a primitive whose agent is not installed.
    NoAgentFor {
        id: String,
    },
    /// `schema NAME` naming the schema in use.
    AlreadySchema {
        name: String,
    },
    /// `upgrade` without `force` on a schema newer than 0.6.
    UpgradeNeedsForce {
        schema: String,
    },
    /// `upgrade` moved the CIB to a newer schema.
    Upgraded {
        from: String,
        to: String,
    },
    /// `upgrade` found the CIB on the newest schema already.
    UpgradeNothing {
        schema: String,
    },
    /// `graph` wrote a file.
    GraphWritten {
        file: String,
    },
    /// `graph` without graphviz's dot for a picture.
    NoDot,
    /// `ptest` on a configuration that has no status: what it shows.
    SimulateNoStatus,
    /// `ptest actions` found no action.
    NoActions,
    /// A simulation without `nograph` where no viewer (dotty) is found:
    /// crmsh's hint.
    InstallGraphviz,
    /// crm_simulate wrote no transition graph.
    EmptyDotFile,
    /// The viewer of the `dotty` option opened a graph.
    StartingViewer {
        program: String,
    },
    /// crm_simulate ended with an error.
    SimulationFailed {
        code: String,
    },
    /// `cibstatus load`.
    StatusLoaded {
        origin: String,
    },
    /// `cibstatus save` wrote the status back.
    StatusSaved {
        origin: String,
    },
    /// `cibstatus origin`.
    StatusOrigin {
        origin: String,
    },
    /// `cibstatus run`/`simulate` changed the copy.
    StatusUpdated,
    /// `commit` with nothing staged (crmsh's two lines).
    NothingToCommit,
    TryChanging,
    /// `-F commit` over a change made meanwhile by someone else.
    OverwritingOtherChange,
    /// `verify` without crm_verify: which checks ran.
    NoCrmVerify {
        schema_only: bool,
    },
    /// A `ms` statement: crmsh's advice to write a promotable clone.
    MsDeprecated {
        suggestion: String,
    },
    /// `_regtest` with something else than on/off.
    RegtestBadParam {
        param: String,
    },
    /// `modgroup` with a subcommand it does not know.
    ModgroupUnknown {
        sub: String,
    },
    /// `verify`: a constraint names a resource that does not exist.
    ConstraintRscMissing {
        id: String,
        rsc: String,
    },
    /// `verify`: a constraint names a member of a group.
    ConstraintRscGrouped {
        id: String,
        rsc: String,
    },
    /// `verify`: a constraint names a resource inside a clone.
    ConstraintRscAmbiguous {
        id: String,
        rsc: String,
    },
    /// `verify`: a fencing level's target is no node.
    LevelTargetNotNode {
        id: String,
        target: String,
    },
    /// `verify`: a fencing level's device is no resource.
    LevelDeviceMissing {
        id: String,
        device: String,
    },
    /// `verify`: a fencing level's device is no stonith resource.
    LevelDeviceNotStonith {
        id: String,
        device: String,
    },
    /// An object `assist` would make has an id that is taken.
    CannotCreate {
        kind: &'static str,
        id: String,
        existing: &'static str,
    },
    /// `rsctest`: the resources are being probed (dots follow).
    RsctestProbing,
    /// `rsctest`: a resource is not stopped everywhere.
    RsctestStopFirst,
    /// `rsctest` of a resource without a class.
    RsctestNoClass {
        id: String,
    },
    /// `rsctest` of a class it cannot run.
    RsctestClass {
        class: String,
    },
    /// `rsctest`: an agent's answer at a probe (`running`, …).
    RsctestProbe {
        id: String,
        node: String,
        state: &'static str,
    },
    /// `rsctest`: how an operation ended on a node.
    RsctestHost {
        node: String,
        status: String,
    },
    /// `rsctest`: a stop that failed.
    RsctestStopFailed {
        id: String,
        node: String,
    },
    /// `rsctest` of a fence agent it cannot run.
    RsctestRhcs {
        id: String,
    },
    // the template level (crmsh's wording)
    /// `template new` of a template that is not there.
    NoSuchTemplateFile {
        name: String,
    },
    /// A template file without one of the lines it needs.
    TemplateMissing {
        what: &'static str,
    },
    /// `template new` reads a template.
    PullingInTemplate {
        name: String,
    },
    /// `%depends_on` without exactly one name.
    TemplateWrongUsage {
        line: String,
    },
    /// A template line whose quote is never closed.
    TemplateNoClosingQuotation {
        line: String,
    },
    /// `%%` without a parameter name.
    TemplateParamNameMissing,
    /// A required parameter left empty.
    TemplateRequiredNotSet {
        name: String,
    },
    /// A `%%` line with too many words.
    TemplateSyntax {
        line: String,
    },
    /// A line the template format has no place for.
    TemplateUnexpected {
        line: String,
    },
    /// `template new ... params` with a word that is no NAME=VALUE.
    TemplateNewSyntax {
        args: String,
    },
    /// A configuration name that is no file name.
    ConfigBadName {
        name: String,
    },
    /// A configuration that is not there.
    NoSuchConfig {
        name: String,
    },
    /// A command on the current configuration when none is loaded.
    LoadConfigFirst,
    /// `template delete NAME` followed by something else than `force`.
    TemplateDeleteSyntax {
        word: String,
    },
    /// `template new` of a configuration that exists.
    ConfigExists {
        name: String,
    },
    /// `template new` without a template.
    TemplateArgumentExpected,
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
            InstallGraphviz => write!(f, "install graphviz to see a transition graph"),
            EmptyDotFile => write!(f, "ptest produced empty dot file"),
            StartingViewer { program } => write!(f, "starting {program} to show transition graph"),
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
            NothingToCommit => write!(f, "apparently there is nothing to commit"),
            TryChanging => write!(f, "try changing something first"),
            OverwritingOtherChange => write!(f, "commit forced: overwriting the other change"),
            NoCrmVerify { schema_only: true } => write!(
                f,
                "crm_verify is not installed; only the schema checks of crm ran"
            ),
            NoCrmVerify { schema_only: false } => {
                write!(f, "crm_verify is not installed; only the checks of crm ran")
            }
            MsDeprecated { suggestion } => {
                write!(f, "\"ms\" is deprecated. Please use \"clone {suggestion}\"")
            }
            RegtestBadParam { param } => write!(f, "bad parameter for regtest: {param}"),
            CannotCreate { kind, id, existing } => write!(
                f,
                "Cannot create {kind} with ID '{id}': Found existing {existing} with same ID."
            ),
            RsctestProbing => write!(f, "Probing resources "),
            RsctestStopFirst => write!(f, "Stop all resources before testing!"),
            RsctestNoClass { id } => write!(f, "class attribute not found in {id}"),
            RsctestClass { class } => {
                write!(f, "testing of class {class} resources not supported")
            }
            RsctestProbe { id, node, state } => {
                write!(f, "{id}:probe: resource {state} at {node}")
            }
            RsctestHost { node, status } => write!(f, "host {node} ({status})"),
            RsctestStopFailed { id, node } => {
                write!(
                    f,
                    "{id}:stop: resource failed to stop on {node}, clean it up!"
                )
            }
            RsctestRhcs { id } => write!(f, "{id}:start: Cannot test RHCS STONITH resources!"),
            ModgroupUnknown { sub } => write!(f, "modgroup subcommand {sub} unknown"),
            ConstraintRscMissing { id, rsc } => {
                write!(f, "{id}: resource {rsc} does not exist")
            }
            ConstraintRscGrouped { id, rsc } => write!(
                f,
                "{id}: resource {rsc} is grouped, constraints should apply to the group"
            ),
            ConstraintRscAmbiguous { id, rsc } => write!(
                f,
                "{id}: resource {rsc} ambiguous, apply constraints to container"
            ),
            LevelTargetNotNode { id, target } => write!(f, "{id}: target {target} not a node"),
            LevelDeviceMissing { id, device } => {
                write!(f, "{id}: resource {device} does not exist")
            }
            LevelDeviceNotStonith { id, device } => {
                write!(f, "{id}: {device} not a stonith resource")
            }
            NoSuchTemplateFile { name } => write!(f, "open: no such template: {name}"),
            TemplateMissing { what } => write!(f, "invalid template: missing {what}"),
            PullingInTemplate { name } => write!(f, "pulling in template {name}"),
            TemplateWrongUsage { line } => write!(f, "{line}: wrong usage"),
            TemplateNoClosingQuotation { line } => write!(f, "{line}: no closing quotation"),
            TemplateParamNameMissing => write!(f, "parameter name missing"),
            TemplateRequiredNotSet { name } => write!(f, "required parameter {name} not set"),
            TemplateSyntax { line } => write!(f, "{line}: syntax error"),
            TemplateUnexpected { line } => write!(f, "<{line}> unexpected"),
            TemplateNewSyntax { args } => write!(f, "syntax in new parsing '{args}'"),
            ConfigBadName { name } => write!(f, "{name}: bad name"),
            NoSuchConfig { name } => write!(f, "{name}: no such config"),
            LoadConfigFirst => write!(f, "please load a config first"),
            TemplateDeleteSyntax { word } => {
                write!(f, "syntax in delete: near <{word}> parsing 'delete {word}'")
            }
            ConfigExists { name } => write!(f, "config {name} exists; delete it first"),
            TemplateArgumentExpected => write!(f, "Expected template argument"),
        }
    }
}
