//! The wording of errors of the resource, node, cib, ra, maintenance,
//! site and assist levels: commands refused before or after Pacemaker's
//! tools run (the tools' own failures are `ToolFailed`).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    /// `promote`/`demote` of something that is no promotable clone.
    NotPromotable { rsc: String },
    /// `move` with neither a node nor `force`.
    NoTargetNode,
    /// A node word that names no node of the CIB, where one must.
    NotOurNode { node: String },
    /// `resource maintenance RSC WORD` with a word that is no on/off.
    ExpectedOnOff { word: String },
    /// `trace`/`untrace` of something that is no primitive.
    NotPrimitive { id: String },
    /// `trace RSC monitor` on a primitive without a monitor.
    NoMonitor { rsc: String },
    /// `untrace RSC OP` where the primitive has no such operation.
    NoOperation { rsc: String, op: String },
    /// An operation with that name and interval is not configured.
    NoOperationInterval {
        rsc: String,
        op: String,
        interval: String,
    },
    /// Too many or contradicting words for `trace`.
    TraceUsage,
    /// A question a script cannot answer: refused unless `-F`.
    NeedsForce { what: String },
    /// The answer to the question was no.
    Declined { what: String },
    /// `node delete` of a node the membership still has.
    NodeStillActive { node: String },
    /// `node clearstate` of a node corosync still sees.
    NodeInMembership { node: String },
    /// `node delete` left the node in the CIB.
    NodeNotRemoved { node: String },
    /// `failcount … set` with a value when there is nothing to set.
    NoFailCount { rsc: String, node: String },
    /// `failcount … set` where several operations have fail counts.
    FailCountAmbiguous { rsc: String, choices: String },
    /// `failcount` of a resource the CIB does not hold.
    FailCountNoResource { rsc: String },
    /// `site ticket` with a sub-command it does not have.
    TicketCommand { word: String },
    /// crm_ticket answered something that is no ticket state.
    TicketValue { ticket: String, value: String },
    /// `site ticket time` of a ticket never granted.
    NoSuchTicket { ticket: String },
    /// crm_ticket printed nothing for the ticket.
    TicketEmpty { ticket: String },
    /// `maintenance action` on a resource not in maintenance mode.
    NotInMaintenance { rsc: String },
    /// `maintenance action` of an action that must run where the
    /// resource runs, from another node.
    MustRunHere { rsc: String, node: String },
    /// The agent does not advertise the action.
    ActionUnsupported { action: String, agent: String },
    /// The agent's action ended with a non-success code.
    ActionFailed {
        action: String,
        rc: String,
        node: String,
    },
    /// An agent class `maintenance action` cannot run directly.
    ClassUnsupported { action: String, class: String },
    /// `maintenance action RSC ACTION WORD` with a word that is no `ssh`.
    ExpectedSsh { word: String },
    /// An agent that neither crm_resource nor the agent directories know.
    UnknownAgent { agent: String },
    /// `ra validate` of an agent that is no OCF agent.
    ValidateOcfOnly { agent: String },
    /// `ra validate` of an agent without a validate-all action.
    NoValidateAll { agent: String },
    /// `ra validate` with a word that is no `name=value`.
    ExpectedNameValue { word: String },
    /// `cib import` of a file that is not there.
    NoSuchFile { path: String },
    /// `cib import N` found no PE input of that name.
    NoPeInput { name: String },
    /// `cib import N` found several.
    SeveralPeInputs { name: String, files: String },
    /// A shadow name crm_shadow would take as a path or a keyword.
    BadShadowName { name: String },
    /// `cib commit` without a name and without a shadow in use.
    NothingToCommit,
    /// `cib use NAME WORD` with a word that is no `withstatus`.
    ExpectedWithStatus { word: String },
    /// `assist template` of resources that are no primitives of one agent.
    CannotTemplate,
    /// `assist …` of an id that names no primitive.
    PrimitiveNotFound { id: String },
    /// `assist weak-bond` of an object that is no primitive.
    NotAPrimitive { id: String },
    /// A command that needs at least `count` resources.
    AtLeast { count: usize, what: String },
    /// `secret … set` of a parameter crm would print in the clear.
    SecretShown,
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CommandError::*;
        match self {
            NotPromotable { rsc } => write!(f, "{rsc} is not a promotable resource"),
            NoTargetNode => write!(
                f,
                "No target node: Move requires either a target node or 'force'"
            ),
            NotOurNode { node } => write!(f, "Not our node: {node}"),
            ExpectedOnOff { word } => {
                write!(f, "Expected <resource> [on|off|true|false], got '{word}'")
            }
            NotPrimitive { id } => write!(f, "element {id} is not a primitive resource"),
            NoMonitor { rsc } => write!(f, "No monitor operation configured for {rsc}"),
            NoOperation { rsc, op } => write!(f, "Operation {op} not found in {rsc}"),
            NoOperationInterval { rsc, op, interval } => {
                write!(f, "Operation {op} with interval {interval} not found in {rsc}")
            }
            TraceUsage => write!(f, "usage: trace <rsc> [<op>] [<interval>] [<log-dir>]"),
            NeedsForce { what } => write!(
                f,
                "{what} needs confirmation, and a script cannot answer; nothing was done"
            ),
            Declined { what } => write!(f, "{what}: not confirmed; nothing was done"),
            NodeStillActive { node } => {
                write!(f, "according to crm_node, node {node} is still active")
            }
            NodeInMembership { node } => write!(
                f,
                "Node is offline according to Pacemaker, but online according to corosync. First shut down node '{node}'"
            ),
            NodeNotRemoved { node } => write!(f, "{node} removed from membership, but not from CIB!"),
            NoFailCount { rsc, node } => {
                write!(f, "resource {rsc} has no fail count on {node} to set")
            }
            FailCountAmbiguous { rsc, choices } => write!(
                f,
                "{rsc} has fail counts for several operations: name the operation and interval, one of {choices}"
            ),
            FailCountNoResource { rsc } => write!(f, "Resource {rsc} not exists in this cluster"),
            TicketCommand { word } => write!(
                f,
                "Expected one of grant|revoke|standby|activate|show|time|delete, got '{word}'"
            ),
            TicketValue { ticket, value } => {
                write!(f, "unexpected value for ticket {ticket}: {value}")
            }
            NoSuchTicket { ticket } => write!(f, "{ticket}: no such ticket"),
            TicketEmpty { ticket } => {
                write!(f, "apparently nothing to show for ticket {ticket}")
            }
            NotInMaintenance { rsc } => write!(f, "{rsc}: Not in maintenance mode."),
            MustRunHere { rsc, node } => {
                write!(f, "Resource {rsc} must be running on this node ({node})")
            }
            ActionUnsupported { action, agent } => {
                write!(f, "action '{action}' not supported by {agent}")
            }
            ActionFailed { action, rc, node } => {
                write!(f, "{action} failed with rc={rc} on {node}")
            }
            ClassUnsupported { action, class } => write!(
                f,
                "Calling '{action}' for resource not supported (class {class})"
            ),
            ExpectedSsh { word } => write!(f, "Unknown argument: {word}"),
            UnknownAgent { agent } => {
                write!(f, "{agent}: got no meta-data, does this RA exist?")
            }
            ValidateOcfOnly { agent } => write!(
                f,
                "{agent}: only OCF agents are supported by this command"
            ),
            NoValidateAll { agent } => {
                write!(f, "{agent}: validate-all action not supported by agent")
            }
            ExpectedNameValue { word } => {
                write!(f, "expected a parameter as name=value, got '{word}'")
            }
            NoSuchFile { path } => write!(f, "{path}: no such file"),
            NoPeInput { name } => write!(f, "no {name} pe input file"),
            SeveralPeInputs { name, files } => {
                write!(f, "more than one {name} pe input file: {files}")
            }
            BadShadowName { name } => write!(f, "Bad filename: {name}"),
            NothingToCommit => write!(f, "There is nothing to commit"),
            ExpectedWithStatus { word } => write!(f, "Expected 'withstatus', got '{word}'"),
            CannotTemplate => write!(f, "Cannot template the given primitives"),
            PrimitiveNotFound { id } => write!(f, "Primitive {id} not found"),
            NotAPrimitive { id } => write!(f, "Object not primitive: {id}"),
            AtLeast { count, what } => write!(f, "Expected at least {count} {what}"),
            SecretShown => write!(f, "the value is secret"),
        }
    }
}

impl CommandError {
    /// A hint under the message.
    pub fn help(&self) -> Option<String> {
        use CommandError::*;
        match self {
            NoTargetNode => Some(
                "`resource move RSC NODE` moves it there; `force` moves it away from where it runs".into(),
            ),
            NeedsForce { .. } => Some("run it with `crm -F …` to answer yes".into()),
            NotInMaintenance { .. } => Some(
                "`crm maintenance on RSC` (or `on` for the whole cluster) first; `-F` runs it anyway".into(),
            ),
            NodeStillActive { .. } => Some(
                "stop the cluster on that node first; `crm -F node delete NODE` removes it anyway".into(),
            ),
            UnknownAgent { .. } => {
                Some("`crm ra list CLASS [PROVIDER]` lists the agents installed here".into())
            }
            NothingToCommit => Some("name the shadow CIB: `cib commit NAME`".into()),
            _ => None,
        }
    }
}

impl From<CommandError> for super::Error {
    fn from(e: CommandError) -> Self {
        super::Error::new(super::ErrorKind::Command(e))
    }
}
