//! What the resource, node, cib, ra, maintenance, site and assist levels
//! say besides errors: INFO lines, questions, and the lines they print as
//! results. crmsh's wording, since scripts read it.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// A command given by one of its old names (crmsh's two lines).
    DeprecatedAlias {
        alias: String,
        name: String,
    },
    AcceptedAs {
        alias: String,
        name: String,
    },
    /// After `move`/`ban`: the constraint crm_resource made.
    ConstraintCreated {
        action: &'static str,
        rsc: String,
        node: Option<String>,
    },
    /// After `move`/`ban`: how to undo it.
    UseClear {
        rsc: String,
    },
    /// After `clear`.
    ConstraintsRemoved {
        rsc: String,
    },
    /// `restart`, before each half.
    Ordering {
        rscs: String,
        to: &'static str,
    },
    /// `trace`: where the agent writes its trace.
    TraceWritten {
        rsc: String,
        op: Option<String>,
        dir: String,
    },
    /// `trace`: what has to happen before something is traced.
    TraceRestart {
        rsc: String,
        op: Option<String>,
    },
    /// `untrace`.
    TraceStopped {
        rsc: String,
        op: Option<String>,
    },
    /// `node standby`/`online`, per node.
    NodeState {
        state: &'static str,
        node: String,
    },
    /// `node delete`.
    NodeDeleted {
        node: String,
    },
    /// `-F node delete` of a node the membership still has.
    ProceedingRemoval {
        node: String,
    },
    /// `cib import` (and `cib new`) made the shadow.
    ShadowCreated {
        /// The level's path as crmsh names it: `cib` or `configure.cib`.
        at: String,
        name: String,
    },
    /// `cib reset`.
    ShadowReset {
        /// The level's path as crmsh names it: `cib` or `configure.cib`.
        at: String,
        name: String,
    },
    /// `cib delete`.
    ShadowDeleted {
        /// The level's path as crmsh names it: `cib` or `configure.cib`.
        at: String,
        name: String,
    },
    /// `cib commit`.
    ShadowCommitted {
        /// The level's path as crmsh names it: `cib` or `configure.cib`.
        at: String,
        name: String,
    },
    /// `site ticket show`.
    TicketState {
        ticket: String,
        granted: bool,
    },
    /// `site ticket time`.
    TicketTime {
        ticket: String,
        when: String,
    },
    /// `assist template`.
    TemplateCreated {
        name: String,
    },
    /// `assist weak-bond`: what it is about to create.
    WeakBondPlan {
        constraint: String,
        dummy: String,
    },
    /// An agent's output line without a level word (`ra validate`).
    AgentSaid {
        line: String,
    },
    // questions (a terminal answers; -F answers yes; a script, no)
    /// `node fence`.
    AskFence {
        node: String,
    },
    /// `node clearstate`.
    AskClearState {
        node: String,
    },
    /// `template delete` of the configuration `load` chose.
    AskRemoveConfigInUse {
        name: String,
    },
    /// Setting a meta attribute on a group whose member sets it too.
    AskOverrideChild {
        attr: String,
        child: String,
    },
    /// A member sets the attribute that conflicts with the new one.
    AskChildConflict {
        attr: String,
        conflicting: String,
        child: String,
    },
    /// The resource itself sets the conflicting attribute.
    AskResourceConflict {
        attr: String,
        conflicting: String,
        rsc: String,
    },
    /// `node maintenance`: a resource sets the attribute itself.
    AskAttributeExists {
        attr: String,
        owner: String,
    },
    /// `node maintenance`: a resource or the node sets the conflicting one.
    AskConflictsIn {
        attr: String,
        with: String,
        owner: String,
    },
    /// `assist weak-bond`.
    AskCreateResources,
    /// `cluster init`/`join`: hacluster gets a login shell for ssh.
    ChangeLoginShell {
        user: String,
    },
    /// `cluster init`: a file of an earlier cluster.
    AskOverwrite {
        path: String,
    },
    /// A question answered by `-F`, as crmsh logs it.
    ForcedYes {
        question: String,
    },
    // cluster, corosync, history, report: what they are doing or did
    /// `cluster start|stop|enable|disable` on one node.
    Services {
        node: String,
        did: ServicesDid,
    },
    /// `cluster copy`.
    FileCopied {
        path: String,
        node: String,
    },
    /// `cluster diff` of a file that is the same everywhere.
    FileSameOn {
        file: String,
        nodes: String,
    },
    /// `cluster init`: a new file was made.
    Generated {
        path: String,
    },
    /// `cluster init`: the corosync stage starts.
    ConfiguringCorosync,
    /// `cluster init`: a configuration file was written.
    Wrote {
        path: String,
    },
    /// `cluster init`: the cluster stage sets the first options.
    LoadingInitialConfiguration,
    /// `cluster init`/`join`: waiting for this node to be online.
    WaitingForCluster,
    /// `cluster init -A IP`: the admin-ip resource is being created.
    ConfiguringVirtualIp {
        addr: String,
    },
    /// `cluster remove`.
    RemovedFromCluster {
        node: String,
    },
    /// `corosync pull`.
    RetrievedFrom {
        path: String,
        node: String,
    },
    /// `history` on a live source: collecting a report first.
    RetrievingInformation,
    /// `history transition save`.
    TransitionSaved {
        pe: String,
        name: String,
    },
    /// `history transition`: crm_simulate on the pe-input.
    RunningPtest {
        pe: String,
    },
    /// `history session delete` of the session in use.
    SessionDeletedLive,
    /// `history session pack`.
    SessionPacked {
        path: String,
    },
    /// `crm report`: where it is and what it covers.
    ReportSavedIn {
        path: String,
    },
    ReportTimespan {
        from: String,
        to: String,
    },
    /// `cluster init ssh` without sshd running and no systemd.
    SshdNotRunning {
        node: String,
    },
    /// `cluster init ssh`: a user without a key gets one.
    GeneratingSshKey {
        user: String,
    },
    /// `cluster join`: the keys are swapped with a node.
    ConfiguringSsh {
        user: String,
        node: String,
    },
    /// `cluster health`: the steps.
    VerifyHealth,
    HealthNodes {
        nodes: String,
    },
    HealthReportFailed {
        detail: String,
    },
}

/// What `cluster start|stop|enable|disable` did (or found done).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServicesDid {
    AlreadyStarted,
    Started,
    AlreadyStopped,
    Stopped,
    Enabled,
    Disabled,
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::said_text(self))
    }
}

impl super::WriteEn for Said {
    fn write_en(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Said::*;
        match self {
            DeprecatedAlias { alias, name } => {
                write!(f, "This command '{alias}' is deprecated, please use '{name}'")
            }
            AcceptedAs { alias, name } => write!(f, "\"{alias}\" is accepted as \"{name}\""),
            ConstraintCreated { action, rsc, node } => {
                write!(f, "{action} constraint created for {rsc}")?;
                if let Some(n) = node {
                    write!(f, " to {n}")?;
                }
                Ok(())
            }
            UseClear { rsc } => write!(
                f,
                "Use `crm resource clear {rsc}` to remove this constraint"
            ),
            ConstraintsRemoved { rsc } => write!(f, "Removed migration constraints for {rsc}"),
            Ordering { rscs, to } => write!(f, "ordering {rscs} to {to}"),
            TraceWritten { rsc, op, dir } => {
                write!(f, "Trace for {rsc}")?;
                if let Some(op) = op {
                    write!(f, ":{op}")?;
                }
                write!(f, " is written to {dir}")
            }
            TraceRestart { rsc, op: Some(op) } if op != "monitor" => {
                write!(f, "Trace set, restart {rsc} to trace the {op} operation")
            }
            TraceRestart { rsc, .. } => write!(
                f,
                "Trace set, restart {rsc} to trace non-monitor operations"
            ),
            TraceStopped { rsc, op } => {
                write!(f, "Stop tracing {rsc}")?;
                if let Some(op) = op {
                    write!(f, " for operation {op}")?;
                }
                Ok(())
            }
            NodeState { state, node } => write!(f, "{state} node {node}"),
            NodeDeleted { node } => write!(f, "node {node} deleted"),
            ProceedingRemoval { node } => write!(f, "proceeding with node {node} removal"),
            // crmsh names the command before what it says.
            ShadowCreated { at, name } => write!(f, "{at}.new: {name} shadow CIB created"),
            ShadowReset { at, name } => write!(f, "{at}.reset: copied live CIB to {name}"),
            ShadowDeleted { at, name } => write!(f, "{at}.delete: {name} shadow CIB deleted"),
            ShadowCommitted { at, name } => {
                write!(f, "{at}.commit: committed '{name}' shadow CIB to the cluster")
            }
            TicketState { ticket, granted: true } => write!(f, "ticket {ticket} is granted"),
            TicketState {
                ticket,
                granted: false,
            } => write!(f, "ticket {ticket} is revoked"),
            TicketTime { ticket, when } => {
                write!(f, "ticket {ticket} last time granted on {when}")
            }
            TemplateCreated { name } => write!(f, "configure.assist.template: Template created: {name}"),
            WeakBondPlan { constraint, dummy } => write!(
                f,
                "Create weak bond / independent colocation\nThe following elements will be created:\n   * Colocation constraint, ID: {constraint}\n   * Dummy resource, ID: {dummy}"
            ),
            AgentSaid { line } => write!(f, "{line}"),
            AskFence { node } => write!(
                f,
                "Fencing {node} will shut down the node and migrate any resources that are running on it! Do you want to fence {node}?"
            ),
            AskRemoveConfigInUse { name } => {
                write!(f, "Do you really want to remove config {name} which is in use?")
            }
            AskClearState { node } => {
                write!(f, "Do you really want to drop state for node {node}?")
            }
            AskOverrideChild { attr, child } => write!(
                f,
                "Do you want to override '{attr}' for child resource {child}?"
            ),
            AskChildConflict {
                attr,
                conflicting,
                child,
            } => write!(
                f,
                "'{attr}' conflicts with '{conflicting}' attribute. Remove '{conflicting}' for child resource {child}?"
            ),
            AskResourceConflict {
                attr,
                conflicting,
                rsc,
            } => write!(
                f,
                "'{attr}' conflicts with '{conflicting}' attribute. Remove '{conflicting}' for resource {rsc}?"
            ),
            AskAttributeExists { attr, owner } => {
                write!(f, "'{attr}' attribute already exists in {owner}. Remove it?")
            }
            AskConflictsIn { attr, with, owner } => {
                write!(f, "'{attr}' conflicts with '{with}' in {owner}. Remove it?")
            }
            AskCreateResources => write!(f, "Create resources?"),
            ChangeLoginShell { user } => write!(
                f,
                "The user '{user}' will have the login shell configuration changed to /bin/bash. Continue?"
            ),
            AskOverwrite { path } => write!(f, "{path} already exists - overwrite?"),
            ForcedYes { question } => write!(f, "{question} [YES]"),
            Services { node, did } => {
                let did = match did {
                    ServicesDid::AlreadyStarted => "already started",
                    ServicesDid::Started => "started",
                    ServicesDid::AlreadyStopped => "already stopped",
                    ServicesDid::Stopped => "stopped",
                    ServicesDid::Enabled => "enabled",
                    ServicesDid::Disabled => "disabled",
                };
                write!(f, "Cluster services {did} on {node}")
            }
            FileCopied { path, node } => write!(f, "{path} copied to {node}"),
            FileSameOn { file, nodes } => write!(f, "{file}: the same on {nodes}"),
            Generated { path } => write!(f, "Generated {path}"),
            ConfiguringCorosync => write!(f, "Configuring corosync (unicast)"),
            Wrote { path } => write!(f, "Wrote {path}"),
            LoadingInitialConfiguration => write!(f, "Loading initial cluster configuration"),
            WaitingForCluster => write!(f, "Waiting for cluster"),
            ConfiguringVirtualIp { addr } => write!(f, "Configuring virtual IP ({addr})"),
            RemovedFromCluster { node } => write!(f, "Removed {node} from the cluster"),
            RetrievedFrom { path, node } => write!(f, "Retrieved {path} from {node}"),
            RetrievingInformation => write!(
                f,
                "Retrieving information from cluster nodes, please wait..."
            ),
            TransitionSaved { pe, name } => write!(f, "transition {pe} saved to shadow {name}"),
            RunningPtest { pe } => write!(f, "running ptest with {pe}"),
            SessionDeletedLive => write!(
                f,
                "current history session deleted, setting source to live"
            ),
            SessionPacked { path } => write!(f, "Report saved in '{path}'"),
            ReportSavedIn { path } => write!(f, "The report is saved in {path}"),
            ReportTimespan { from, to } => write!(f, "Report timespan: {from} - {to}"),
            SshdNotRunning { node } => write!(
                f,
                "sshd is not running on {node} (no systemd to start it); other nodes cannot reach this one"
            ),
            GeneratingSshKey { user } => {
                write!(f, "SSH key for {user} does not exist, hence generate it now")
            }
            ConfiguringSsh { user, node } => {
                write!(f, "Configuring SSH passwordless with {user}@{node}")
            }
            VerifyHealth => write!(f, "Verify health and configuration"),
            HealthNodes { nodes } => write!(f, "Nodes: {nodes}"),
            HealthReportFailed { detail } => {
                write!(f, "Cluster report: Failed to create report ({detail})")
            }
        }
    }
}
