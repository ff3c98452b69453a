//! The levels of `crm` and the commands each one has: the one list that
//! dispatch, `ls`, `help`, completion and the did-you-mean answer read.
//! A new command gets a line here (with its aliases) and a help entry in
//! `src/help/en/<level>.txt`; `tests/help_coverage.rs` checks both.

/// A level of the shell (crmsh's `configure`, `node`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Root,
    Configure,
    Node,
    Resource,
    Ra,
    Cib,
    Options,
    /// `configure template`: below configure.
    Template,
    /// `configure cibstatus`: below configure.
    Cibstatus,
    Maintenance,
    Site,
    History,
    Cluster,
    Corosync,
    /// `configure assist`: below configure.
    Assist,
    /// `configure ra`: the ra level's commands, entered from configure
    /// (crmsh's prompt then reads `configure ra`).
    ConfigureRa,
    /// `configure history`: the history level, entered from configure.
    ConfigureHistory,
    /// `configure cib`: the cib level's commands, entered from configure
    /// (the prompt reads `configure cib`); a switch to another CIB
    /// re-reads the configure session's CIB.
    ConfigureCib,
}

/// A command: its name and the other words that run it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cmd {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
}

const fn c(name: &'static str) -> Cmd {
    Cmd { name, aliases: &[] }
}

const fn a(name: &'static str, aliases: &'static [&'static str]) -> Cmd {
    Cmd { name, aliases }
}

/// A level: its name in prompts and help, the words that enter it from
/// the root, and its own commands (navigation not included).
pub struct LevelSpec {
    pub level: Level,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub commands: &'static [Cmd],
}

/// Commands every level has.
pub const NAVIGATION: &[Cmd] = &[
    a("cd", &[]),
    a("up", &["end", "back"]),
    a("quit", &["exit", "bye"]),
    a("help", &["?", "--help", "-h"]),
    c("ls"),
];

/// The ra level's commands (at the top and below configure).
const RA_COMMANDS: &[Cmd] = &[
    c("classes"),
    c("providers"),
    c("list"),
    a("info", &["meta"]),
    c("validate"),
];

/// The cib level's commands (at the top and below configure).
const CIB_COMMANDS: &[Cmd] = &[
    c("new"),
    c("use"),
    c("commit"),
    c("delete"),
    c("reset"),
    c("diff"),
    c("list"),
    c("import"),
    c("cibstatus"),
];

/// The history level's commands (at the top and below configure).
const HISTORY_COMMANDS: &[Cmd] = &[
    c("info"),
    c("latest"),
    a("limit", &["timeframe"]),
    c("session"),
    c("source"),
    c("refresh"),
    c("detail"),
    c("setnodes"),
    c("resource"),
    c("node"),
    c("log"),
    c("exclude"),
    c("peinputs"),
    c("transition"),
    c("transitions"),
    c("show"),
    c("graph"),
    c("diff"),
    c("wdiff"),
    c("events"),
];

pub const LEVELS: &[LevelSpec] = &[
    LevelSpec {
        level: Level::Root,
        name: "root",
        aliases: &[],
        commands: &[
            c("configure"),
            c("node"),
            c("resource"),
            c("ra"),
            c("cib"),
            c("options"),
            c("maintenance"),
            c("site"),
            c("status"),
            c("history"),
            c("report"),
            c("cluster"),
            c("corosync"),
            c("cibstatus"),
        ],
    },
    LevelSpec {
        level: Level::Configure,
        name: "configure",
        aliases: &["cfg"],
        commands: &[
            c("show"),
            c("edit"),
            c("commit"),
            c("refresh"),
            c("verify"),
            c("load"),
            c("save"),
            c("export-sheet"),
            a("delete", &["rm"]),
            c("rename"),
            c("erase"),
            c("primitive"),
            c("group"),
            c("clone"),
            a("ms", &["master"]),
            c("bundle"),
            c("rsc_template"),
            c("location"),
            a("colocation", &["collocation"]),
            c("order"),
            c("rsc_ticket"),
            c("property"),
            c("rsc_defaults"),
            c("op_defaults"),
            c("node"),
            a("fencing_topology", &["fencing-topology"]),
            c("tag"),
            c("role"),
            c("user"),
            c("acl_target"),
            c("acl_group"),
            c("alert"),
            c("monitor"),
            c("xml"),
            c("filter"),
            c("modgroup"),
            c("set"),
            a("get_property", &["get-property"]),
            c("_test"),
            c("_regtest"),
            c("template"),
            a("validate-all", &["validate_all"]),
            a("default-timeouts", &["default_timeouts"]),
            c("schema"),
            c("upgrade"),
            a("ptest", &["simulate"]),
            c("graph"),
            c("cib"),
            c("cibstatus"),
            c("rsctest"),
            c("assist"),
            c("ra"),
            c("history"),
        ],
    },
    LevelSpec {
        level: Level::Node,
        name: "node",
        aliases: &[],
        commands: &[
            a("show", &["list"]),
            c("standby"),
            c("online"),
            c("maintenance"),
            c("ready"),
            c("attribute"),
            c("utilization"),
            c("status-attr"),
            c("fence"),
            c("clearstate"),
            c("delete"),
            c("server"),
        ],
    },
    LevelSpec {
        level: Level::Resource,
        name: "resource",
        aliases: &["rsc"],
        commands: &[
            a("status", &["show", "list"]),
            c("locate"),
            c("start"),
            c("stop"),
            c("restart"),
            c("manage"),
            c("unmanage"),
            c("cleanup"),
            a("refresh", &["reprobe"]),
            c("promote"),
            c("demote"),
            a("move", &["migrate"]),
            c("ban"),
            a("clear", &["unmove", "unmigrate", "unban"]),
            c("param"),
            c("meta"),
            c("utilization"),
            c("failcount"),
            c("maintenance"),
            c("operations"),
            c("constraints"),
            c("trace"),
            c("untrace"),
            c("secret"),
            c("scores"),
        ],
    },
    LevelSpec {
        level: Level::Ra,
        name: "ra",
        aliases: &[],
        commands: RA_COMMANDS,
    },
    LevelSpec {
        level: Level::Cib,
        name: "cib",
        aliases: &[],
        commands: CIB_COMMANDS,
    },
    LevelSpec {
        level: Level::Options,
        name: "options",
        aliases: &[],
        commands: &[
            c("set"),
            a("show", &["list"]),
            c("save"),
            c("reset"),
            c("editor"),
            c("pager"),
            c("user"),
            c("output"),
            c("colorscheme"),
            a("skill-level", &["skill_level"]),
            a("sort-elements", &["sort_elements"]),
            a("check-frequency", &["check_frequency"]),
            a("check-mode", &["check_mode"]),
            c("wait"),
            a("add-quotes", &["add_quotes"]),
            a("manage-children", &["manage_children"]),
        ],
    },
    LevelSpec {
        level: Level::Template,
        name: "template",
        aliases: &[],
        commands: &[
            c("new"),
            c("load"),
            c("edit"),
            c("show"),
            c("apply"),
            c("delete"),
            c("list"),
        ],
    },
    LevelSpec {
        level: Level::Cibstatus,
        name: "cibstatus",
        aliases: &[],
        commands: &[
            c("load"),
            c("show"),
            c("save"),
            c("origin"),
            c("node"),
            c("op"),
            c("quorum"),
            c("ticket"),
            c("run"),
            c("simulate"),
        ],
    },
    LevelSpec {
        level: Level::Maintenance,
        name: "maintenance",
        aliases: &[],
        commands: &[c("on"), c("off"), c("action")],
    },
    LevelSpec {
        level: Level::Site,
        name: "site",
        aliases: &[],
        commands: &[c("ticket")],
    },
    LevelSpec {
        level: Level::History,
        name: "history",
        aliases: &[],
        commands: HISTORY_COMMANDS,
    },
    LevelSpec {
        level: Level::Cluster,
        name: "cluster",
        aliases: &[],
        commands: &[
            c("start"),
            c("stop"),
            c("restart"),
            c("status"),
            c("enable"),
            c("disable"),
            c("wait_for_startup"),
            c("run"),
            c("health"),
            c("copy"),
            c("diff"),
            c("init"),
            c("join"),
            a("remove", &["delete"]),
            c("rename"),
        ],
    },
    LevelSpec {
        level: Level::Corosync,
        name: "corosync",
        aliases: &[],
        commands: &[
            c("status"),
            c("show"),
            c("get"),
            c("set"),
            c("edit"),
            c("diff"),
            c("push"),
            c("pull"),
            c("reload"),
            c("log"),
            a("add-node", &["add_node"]),
            a("del-node", &["del_node"]),
        ],
    },
    LevelSpec {
        level: Level::Assist,
        name: "assist",
        aliases: &[],
        commands: &[c("template"), a("weak-bond", &["weak_bond"])],
    },
    // Last: a search by name finds the top-level ra and history first.
    LevelSpec {
        level: Level::ConfigureRa,
        name: "ra",
        aliases: &[],
        commands: RA_COMMANDS,
    },
    LevelSpec {
        level: Level::ConfigureHistory,
        name: "history",
        aliases: &[],
        commands: HISTORY_COMMANDS,
    },
    LevelSpec {
        level: Level::ConfigureCib,
        name: "cib",
        aliases: &[],
        commands: CIB_COMMANDS,
    },
];

impl Level {
    pub fn spec(self) -> &'static LevelSpec {
        LEVELS
            .iter()
            .find(|s| s.level == self)
            .unwrap_or(&LEVELS[0])
    }

    /// The level a level is entered from (the root for most).
    pub fn parent(self) -> Level {
        match self {
            Level::Template
            | Level::Cibstatus
            | Level::Assist
            | Level::ConfigureRa
            | Level::ConfigureHistory
            | Level::ConfigureCib => Level::Configure,
            _ => Level::Root,
        }
    }

    /// The level whose commands this one runs: the top-level ra and
    /// history for their copies below configure, else itself.
    pub fn base(self) -> Level {
        match self {
            Level::ConfigureRa => Level::Ra,
            Level::ConfigureHistory => Level::History,
            Level::ConfigureCib => Level::Cib,
            other => other,
        }
    }

    /// The level a word enters from this level (`template` from
    /// configure).
    pub fn sublevel(self, word: &str) -> Option<Level> {
        if self == Level::Root {
            return None;
        }
        LEVELS
            .iter()
            .find(|s| s.level != Level::Root && s.level.parent() == self && s.name == word)
            .map(|s| s.level)
    }

    /// What the prompt shows: the names of the levels down to this one.
    pub fn path(self) -> String {
        match self.parent() {
            Level::Root => self.name().to_string(),
            p => format!("{} {}", p.path(), self.name()),
        }
    }

    /// The level a root word enters, with crmsh's aliases.
    pub fn from_word(word: &str) -> Option<Level> {
        LEVELS
            .iter()
            // crmsh reaches the cibstatus level from the top as well.
            .filter(|s| {
                s.level != Level::Root
                    && (s.level.parent() == Level::Root || s.level == Level::Cibstatus)
            })
            .find(|s| s.name == word || s.aliases.contains(&word))
            .map(|s| s.level)
    }

    /// The name in the prompt: `crm(live/host)configure# `.
    pub fn name(self) -> &'static str {
        match self {
            Level::Root => "",
            other => other.spec().name,
        }
    }

    /// The name help files and messages use (`root` for the top).
    pub fn help_name(self) -> &'static str {
        self.spec().name
    }

    /// The level's own command names (navigation not included), as `ls`
    /// lists and Tab completes them.
    pub fn commands(self) -> Vec<&'static str> {
        self.spec().commands.iter().map(|c| c.name).collect()
    }

    /// The command a word names here (an alias gives its command);
    /// navigation included.
    pub fn resolve(self, word: &str) -> Option<&'static Cmd> {
        self.spec()
            .commands
            .iter()
            .chain(NAVIGATION)
            .find(|c| c.name == word || c.aliases.contains(&word))
    }

    /// Every word that runs a command here, for the did-you-mean answer.
    pub fn words(self) -> Vec<&'static str> {
        self.spec()
            .commands
            .iter()
            .chain(NAVIGATION)
            .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
            .filter(|w| !w.starts_with('-') && *w != "?")
            .collect()
    }
}

/// What crmsh says when a command is run by another word than its
/// name: an alias is deprecated (a warning, then a note), any other word
/// that found the command (a level alias) only gets the note.
pub fn announce(cmd: &Cmd, word: &str, out: &mut super::Output) {
    if word == cmd.name {
        return;
    }
    if cmd.aliases.contains(&word) && !word.starts_with('-') && word != "?" {
        out.warning(
            &crate::notice::Said::DeprecatedAlias {
                alias: word.to_string(),
                name: cmd.name.to_string(),
            }
            .to_string(),
        );
    }
    out.info(
        &crate::notice::Said::AcceptedAs {
            alias: word.to_string(),
            name: cmd.name.to_string(),
        }
        .to_string(),
    );
}

/// Navigation command names, as `ls` lists them.
pub fn navigation() -> Vec<&'static str> {
    NAVIGATION.iter().map(|c| c.name).collect()
}

/// Navigation words Tab offers (names and the usual aliases).
pub fn navigation_words() -> Vec<&'static str> {
    NAVIGATION
        .iter()
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
        .filter(|w| !w.starts_with('-') && *w != "?" && *w != "back")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_to_their_command() {
        assert_eq!(
            Level::Resource.resolve("unban").map(|c| c.name),
            Some("clear")
        );
        assert_eq!(
            Level::Configure.resolve("rm").map(|c| c.name),
            Some("delete")
        );
        assert_eq!(Level::Node.resolve("end").map(|c| c.name), Some("up"));
        assert_eq!(Level::from_word("cfg"), Some(Level::Configure));
        assert_eq!(Level::from_word("status"), None);
        assert!(Level::Configure.resolve("primitiv").is_none());
    }

    #[test]
    fn no_word_runs_two_commands() {
        for spec in LEVELS {
            let mut words = spec.level.words();
            let n = words.len();
            words.sort();
            words.dedup();
            assert_eq!(words.len(), n, "a word is used twice at {}", spec.name);
        }
    }
}
