//! The shell's levels, their commands, and `help` at each of them.

/// Where the shell is: crmsh's level stack is never deeper than one level
/// below the root for the commands we have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Root,
    Configure,
    Node,
    Resource,
    Ra,
    Cib,
    Options,
}

/// Commands every level has.
pub const NAVIGATION: &[&str] = &["cd", "up", "end", "quit", "exit", "bye", "help", "ls"];

impl Level {
    /// The level a root word enters, with crmsh's aliases.
    pub fn from_word(word: &str) -> Option<Level> {
        match word {
            "configure" | "cfg" => Some(Level::Configure),
            "node" => Some(Level::Node),
            "resource" | "rsc" => Some(Level::Resource),
            "ra" => Some(Level::Ra),
            "cib" => Some(Level::Cib),
            "options" => Some(Level::Options),
            _ => None,
        }
    }

    /// The name in the prompt: `crm(live/host)configure# `.
    pub fn name(self) -> &'static str {
        match self {
            Level::Root => "",
            Level::Configure => "configure",
            Level::Node => "node",
            Level::Resource => "resource",
            Level::Ra => "ra",
            Level::Cib => "cib",
            Level::Options => "options",
        }
    }

    /// The level's own commands (navigation not included), as completed.
    pub fn commands(self) -> &'static [&'static str] {
        match self {
            Level::Root => &[
                "configure",
                "node",
                "resource",
                "ra",
                "cib",
                "options",
                "status",
            ],
            Level::Configure => &[
                "show",
                "edit",
                "commit",
                "refresh",
                "verify",
                "load",
                "delete",
                "rename",
                "erase",
                "primitive",
                "group",
                "clone",
                "ms",
                "bundle",
                "rsc_template",
                "location",
                "colocation",
                "order",
                "rsc_ticket",
                "property",
                "rsc_defaults",
                "op_defaults",
                "node",
                "fencing_topology",
                "tag",
                "role",
                "user",
                "acl_target",
                "alert",
                "monitor",
                "xml",
            ],
            Level::Node => &[
                "show",
                "standby",
                "online",
                "maintenance",
                "ready",
                "attribute",
                "utilization",
            ],
            Level::Resource => &[
                "start",
                "stop",
                "restart",
                "manage",
                "unmanage",
                "cleanup",
                "refresh",
                "move",
                "clear",
                "locate",
                "param",
                "meta",
                "failcount",
            ],
            Level::Ra => &["classes", "providers", "list", "info", "meta"],
            Level::Cib => &["new", "use", "commit", "delete", "reset", "diff", "list"],
            Level::Options => crate::cli::options::COMMANDS,
        }
    }

    /// `help` at this level; `help TOPIC` names one command.
    pub fn help(self, topic: Option<&str>) -> String {
        if let Some(t) = topic {
            if let Some(level) = Level::from_word(t) {
                return level.help(None);
            }
            return match topic_help(self, t) {
                Some(text) => format!("{t}: {text}\n"),
                None => format!("no help for {t} at this level; `help` lists the commands\n"),
            };
        }
        let mut text = match self {
            Level::Root => {
                String::from("crm: the cluster configuration shell\n\nLevels and commands:\n")
            }
            other => format!("{} level\n\nCommands:\n", other.name()),
        };
        for c in self.commands() {
            if let Some(h) = topic_help(self, c) {
                text.push_str(&format!("  {c:<16} {h}\n"));
            }
        }
        text.push_str(
            "\nNavigation: up, cd .., end (leave the level), quit, exit, bye (leave crm),\n\
             help [COMMAND]. Tab completes; Ctrl-R searches the history; Ctrl-C\n\
             cancels the line; Ctrl-D leaves the level.\n",
        );
        text
    }
}

fn topic_help(level: Level, topic: &str) -> Option<&'static str> {
    let text = match (level, topic) {
        (_, "up" | "end" | "cd") => "leave this level (cd LEVEL enters another one)",
        (_, "quit" | "exit" | "bye") => "leave crm",
        (_, "help") => "help [COMMAND]: what a command does",
        (_, "ls") => "list the commands of this level",
        (Level::Root, "configure") => "the CIB configuration: statements, show, edit, commit",
        (Level::Root, "node") => "nodes: standby, online, maintenance, attributes",
        (Level::Root, "resource") => "resources: start, stop, move, cleanup, parameters",
        (Level::Root, "ra") => "resource agents: classes, providers, list, info",
        (Level::Root, "cib") => "shadow CIBs: new, use, commit, delete, list",
        (Level::Root, "status") => "cluster status (crm_mon -1)",
        (Level::Configure, "show") => "show [xml] [changed] [ID ...]: the staged configuration",
        (Level::Configure, "edit") => "edit [ID ...]: change the crm text in $EDITOR",
        (Level::Configure, "commit") => "commit [force]: write the staged changes to the CIB",
        (Level::Configure, "refresh") => "drop the staged changes and read the CIB again",
        (Level::Configure, "verify") => "the schema checks, then crm_verify",
        (Level::Configure, "load") => "load replace|update|push FILE|-: apply a crm file",
        (Level::Configure, "delete") => "delete ID ...: remove objects (constraints follow)",
        (Level::Configure, "rename") => "rename OLD NEW: rename an object and its references",
        (Level::Configure, "erase") => "erase [nodes]: remove all objects but nodes",
        (Level::Configure, "primitive") => "primitive ID AGENT [params ...] [meta ...] [op ...]",
        (Level::Configure, "group") => "group ID RSC ... [meta ...]",
        (Level::Configure, "clone") => "clone ID RSC [meta ...]",
        (Level::Configure, "location") => "location ID RSC SCORE: NODE | rule ...",
        (Level::Configure, "colocation") => "colocation ID SCORE: RSC RSC ...",
        (Level::Configure, "order") => "order ID KIND: RSC RSC ...",
        (Level::Configure, "property") => "property [ID:] NAME=VALUE ...: cluster options",
        (Level::Configure, "rsc_defaults") => "rsc_defaults NAME=VALUE ...: resource meta defaults",
        (Level::Configure, "op_defaults") => "op_defaults NAME=VALUE ...: operation defaults",
        (Level::Node, "show") => "show [NODE]: nodes and their attributes",
        (Level::Node, "standby") => "standby [NODE|all] [reboot]: take a node out of service",
        (Level::Node, "online") => "online [NODE|all]: put a node back into service",
        (Level::Node, "maintenance") => "maintenance [NODE]: maintenance mode on",
        (Level::Node, "ready") => "ready [NODE]: maintenance mode off",
        (Level::Node, "attribute") => "attribute NODE set|delete|show NAME [VALUE]",
        (Level::Node, "utilization") => "utilization NODE set|delete|show NAME [VALUE]",
        (Level::Resource, "start") => "start RSC ...: set target-role=Started",
        (Level::Resource, "stop") => "stop RSC ...: set target-role=Stopped",
        (Level::Resource, "restart") => "restart RSC ...: stop, then start",
        (Level::Resource, "manage") => "manage RSC ...: is-managed=true",
        (Level::Resource, "unmanage") => "unmanage RSC ...: is-managed=false",
        (Level::Resource, "cleanup") => "cleanup [RSC] [NODE]: forget failed operations",
        (Level::Resource, "refresh") => "refresh [RSC] [NODE]: forget the operation history",
        (Level::Resource, "move") => "move RSC NODE [LIFETIME]: prefer another node",
        (Level::Resource, "clear") => "clear RSC: drop the constraints move made",
        (Level::Resource, "locate") => "locate RSC: where it runs",
        (Level::Resource, "param") => "param RSC set|delete|show NAME [VALUE]",
        (Level::Resource, "meta") => "meta RSC set|delete|show NAME [VALUE]",
        (Level::Resource, "failcount") => "failcount RSC set|delete|show NODE [VALUE]",
        (Level::Ra, "classes") => "the resource agent classes and OCF providers",
        (Level::Ra, "providers") => "providers TYPE: the OCF providers of an agent",
        (Level::Ra, "list") => "list CLASS [PROVIDER]: the agents of a class",
        (Level::Ra, "info" | "meta") => "info AGENT: an agent's parameters and operations",
        (Level::Cib, "new") => "new NAME [empty] [force]: make a shadow CIB",
        (Level::Cib, "use") => "use [NAME|live]: work on a shadow CIB (or the cluster)",
        (Level::Cib, "commit") => "commit [NAME]: copy a shadow CIB to the cluster",
        (Level::Cib, "delete") => "delete NAME: remove a shadow CIB",
        (Level::Cib, "reset") => "reset NAME: copy the cluster's CIB into a shadow",
        (Level::Cib, "diff") => "diff: the shadow against the cluster",
        (Level::Cib, "list") => "the shadow CIBs",
        _ => return None,
    };
    Some(text)
}
