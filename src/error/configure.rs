//! The wording of errors of the configure level's tool commands
//! (`validate-all`, `default-timeouts`, `schema`, `upgrade`, `ptest`,
//! `graph`, `cibstatus`, `cib`, `edit xml`). crmsh's words where scripts
//! may read them.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigureError {
    /// `validate-all` of something that is no primitive.
    NotAPrimitive { id: String },
    /// A primitive's template is not in the CIB.
    NoTemplate { template: String, rsc: String },
    /// `validate-all` of a primitive whose parameters are not plain pairs.
    TooComplex { rsc: String },
    /// `validate-all` of an agent that has no such action (or is no OCF one).
    CannotValidate { rsc: String, agent: String },
    /// `default-timeouts` left some objects alone (said above each).
    TimeoutsIncomplete,
    /// `schema NAME` where Pacemaker has no such schema file.
    NoSuchSchema { name: String },
    /// `schema NAME` that the configuration does not validate against.
    SchemaConflicts { name: String, problem: String },
    /// `upgrade WORD` with a word that is no `force`.
    ExpectedForce { word: String },
    /// `graph` with a format graphviz's dot does not make.
    GraphFormat { format: String },
    /// `graph TYPE` with a type other than `dot`.
    GraphType { kind: String },
    /// `ptest` with a word it does not know.
    SimulateWord { word: String },
    /// `cibstatus` with a command it does not have.
    CibstatusCommand { word: String },
    /// `cibstatus node NAME STATE` with a state that is none.
    NodeState { state: String },
    /// `cibstatus op` with an outcome it cannot write.
    OpOutcome { rc: String },
    /// `cibstatus op` of a resource or node the status has not.
    NotInStatus { what: String },
    /// `cibstatus quorum` or a ticket state with a value that is none.
    StatusValue {
        word: String,
        expected: &'static str,
    },
    /// `configure cib use|new|import` with changes staged.
    StagedChanges,
    /// `cibstatus load` of a source that holds no CIB status section.
    NoStatus { source: String },
    /// `cibstatus op monitor` that fits several recurring monitors.
    OpNeedsInterval { rsc: String },
    /// `cibstatus op` without a node, of an operation on several nodes.
    OpOnNodes { op: String, nodes: Vec<String> },
    /// `cibstatus save` with nothing changed.
    StatusUnchanged,
    /// `cibstatus save` to the cluster.
    StatusToCluster,
    /// `edit xml` where the editor's text is no XML document of objects.
    EditedXml { problem: EditedXmlProblem },
    /// `assist template` without a primitive.
    AssistNoPrimitive,
    /// `assist template` of an id that is no resource.
    AssistPrimitiveMissing { id: String },
    /// `assist template` of resources that are not all primitives.
    AssistNotPrimitives,
    /// `assist template` of primitives with different agents (or some
    /// already on a template).
    AssistAgentsDiffer,
    /// `assist template` whose template id is taken (said above).
    AssistTemplateFailed,
    /// `assist weak-bond` with fewer than two resources.
    WeakBondTooFew,
    /// `assist weak-bond` of an id that is no resource.
    WeakBondMissing { id: String },
    /// `assist weak-bond` of a resource that is no primitive.
    WeakBondNotPrimitive { id: String },
    /// `rsctest` of an id the configuration does not have.
    RsctestNoElement { id: String },
    /// `rsctest` with no resource among its words.
    RsctestNoResource,
    /// `rsctest` with a word that is neither resource nor node where it
    /// stands (a resource after a node).
    RsctestSyntax { word: String },
}

/// What is wrong with the text `edit xml` got back from the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditedXmlProblem {
    /// The XML reader refused it (its own message).
    Unreadable { message: String },
    /// A `<cib>` without `<configuration>`.
    NoConfiguration,
    /// A root element that is neither `<cib>` nor `<configuration>`.
    NotCib { root: String },
}

impl fmt::Display for EditedXmlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditedXmlProblem::Unreadable { message } => write!(f, "{message}"),
            EditedXmlProblem::NoConfiguration => write!(f, "no <configuration> in <cib>"),
            EditedXmlProblem::NotCib { root } => write!(f, "<{root}> is no CIB document"),
        }
    }
}

impl fmt::Display for ConfigureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ConfigureError::*;
        match self {
            NotAPrimitive { id } => write!(f, "Not a primitive: {id}"),
            NoTemplate { template, rsc } => {
                write!(f, "No resource template {template} for {rsc}")
            }
            TooComplex { rsc } => write!(f, "Primitive too complex: {rsc}"),
            CannotValidate { rsc, agent } => {
                write!(f, "{rsc}: Cannot run validate-all for agent: {agent}")
            }
            TimeoutsIncomplete => write!(f, "default-timeouts: not every object was changed"),
            NoSuchSchema { name } => write!(f, "schema {name} does not exist"),
            SchemaConflicts { name, problem } => write!(
                f,
                "Schema {name} conflicts with current configuration: {problem}"
            ),
            ExpectedForce { word } => {
                write!(f, "Expected 'force' or no argument (found '{word}')")
            }
            GraphFormat { format } => write!(f, "graph: unknown image format {format}"),
            GraphType { kind } => write!(f, "graph: unknown graph type {kind} (dot is the one)"),
            SimulateWord { word } => write!(f, "ptest: unknown word {word}"),
            CibstatusCommand { word } => write!(f, "cibstatus: no such command: {word}"),
            NodeState { state } => {
                write!(f, "invalid node state {state} (online, offline or unclean)")
            }
            OpOutcome { rc } => write!(f, "invalid op result {rc}"),
            NotInStatus { what } => write!(f, "{what} not found in the status section"),
            StatusValue { word, expected } => {
                write!(f, "invalid value {word} (expected {expected})")
            }
            StagedChanges => write!(
                f,
                "there are staged changes: commit them or drop them (refresh) before switching to another CIB"
            ),
            NoStatus { source } => write!(f, "{source}: the cib contains no status"),
            OpNeedsInterval { rsc } => {
                write!(f, "need interval for the monitor op of {rsc} (monitor:INTERVAL)")
            }
            OpOnNodes { op, nodes } => {
                write!(f, "operation {op} found at {} (give the node)", nodes.join(" "))
            }
            StatusUnchanged => write!(f, "apparently you didn't modify status"),
            StatusToCluster => write!(f, "cannot save status to the cluster"),
            EditedXml { problem } => write!(f, "the edited XML is not usable: {problem}"),
            AssistNoPrimitive => write!(f, "configure.assist.template: Expected at least one primitive argument"),
            AssistPrimitiveMissing { id } => write!(f, "configure.assist.template: Primitive {id} not found"),
            AssistNotPrimitives => write!(f, "configure.assist.template: Cannot create a template for the given resources"),
            AssistAgentsDiffer => write!(f, "configure.assist.template: Cannot template the given primitives"),
            AssistTemplateFailed => write!(f, "configure.assist.template: Error creating template"),
            WeakBondTooFew => write!(f, "configure.assist.weak-bond: Need at least two arguments"),
            WeakBondMissing { id } => write!(f, "configure.assist.weak-bond: Object not found: {id}"),
            WeakBondNotPrimitive { id } => write!(f, "configure.assist.weak-bond: Object not primitive: {id}"),
            RsctestNoElement { id } => write!(f, "element {id} does not exist"),
            RsctestNoResource => write!(f, "specify at least one resource"),
            RsctestSyntax { word } => write!(f, "syntax in rsctest parsing 'rsctest {word}'"),
        }
    }
}

impl ConfigureError {
    pub fn help(&self) -> Option<String> {
        use ConfigureError::*;
        match self {
            NoSuchSchema { .. } => Some(
                "the schemas Pacemaker knows are the pacemaker-*.rng files in its schema directory (/usr/share/pacemaker)".into(),
            ),
            CannotValidate { .. } => Some(
                "only OCF agents that advertise validate-all can be asked (`crm ra info AGENT` lists the actions)".into(),
            ),
            GraphFormat { .. } => Some("formats: dot, svg, png, pdf, ps, jpg, gif".into()),
            AssistAgentsDiffer => Some(
                "the primitives must share one agent, and none may use a template already".into(),
            ),
            RsctestSyntax { .. } => {
                Some("resources come first, then the nodes: rsctest RSC... [NODE...]".into())
            }
            _ => None,
        }
    }
}

impl From<ConfigureError> for super::Error {
    fn from(e: ConfigureError) -> Self {
        super::Error::new(super::ErrorKind::Configure(e))
    }
}
