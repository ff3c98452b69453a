//! crmsh's skill levels (`options skill-level operator|administrator|
//! expert`): a command above the level in force is refused before it
//! runs, with crmsh's words. The table is crmsh 4.4's: the commands it
//! marks administrator or expert; every other command is an operator's.

use super::levels::Level;
use crate::error::{Error, ErrorKind};

const ADMINISTRATOR: u8 = 1;
const EXPERT: u8 = 2;

/// The level `name` of `level` needs (0 operator, 1 administrator,
/// 2 expert).
pub fn required(level: Level, name: &str) -> u8 {
    let admin: &[&str] = match level {
        Level::Configure => &[
            "_test",
            "_regtest",
            "_objects",
            "_keywords",
            "show",
            "get_property",
            "filter",
            "set",
            "modgroup",
            "edit",
            "verify",
            "validate-all",
            "save",
            "load",
            "graph",
            "delete",
            "rename",
            "erase",
            "refresh",
            "commit",
            "upgrade",
            "schema",
            "node",
            "primitive",
            "group",
            "clone",
            "ms",
            "rsc_template",
            "location",
            "colocation",
            "order",
            "rsc_ticket",
            "property",
            "rsc_defaults",
            "op_defaults",
            "fencing_topology",
            "xml",
            "monitor",
            "tag",
            "alert",
        ],
        Level::Resource => &[
            "move",
            "ban",
            "clear",
            "cleanup",
            "param",
            "secret",
            "meta",
            "utilization",
        ],
        Level::Cib => &[
            "new", "import", "delete", "reset", "commit", "diff", "list", "use",
        ],
        Level::Ra => &["providers", "list", "info", "validate"],
        Level::Maintenance => &["on", "off", "action"],
        Level::Site => &["ticket"],
        Level::Template => &["new", "delete", "load", "edit", "apply"],
        Level::Cibstatus => &["origin", "show", "quorum", "run", "simulate"],
        Level::Cluster => &[
            "start",
            "stop",
            "restart",
            "enable",
            "disable",
            "init",
            "join",
            "remove",
            "rename",
            "geo_init",
            "geo_join",
            "geo_init_arbitrator",
        ],
        Level::Corosync => &[
            "reload", "push", "pull", "edit", "add-node", "del-node", "get", "set",
        ],
        Level::History => &[
            "source",
            "limit",
            "refresh",
            "detail",
            "setnodes",
            "info",
            "latest",
            "resource",
            "node",
            "log",
            "events",
            "peinputs",
            "transitions",
            "transition",
            "_dump",
            "show",
            "graph",
            "diff",
            "wdiff",
            "session",
            "exclude",
        ],
        _ => &[],
    };
    let expert: &[&str] = match level {
        Level::Configure => &["user", "role", "acl_target", "rsctest"],
        Level::Cibstatus => &["load", "save", "node", "ticket", "op"],
        Level::Cluster => &["run"],
        _ => &[],
    };
    if expert.contains(&name) {
        EXPERT
    } else if admin.contains(&name) {
        ADMINISTRATOR
    } else {
        0
    }
}

/// The level the `skill-level` option gives (an unknown word counts as
/// operator, as in crmsh).
fn in_force() -> u8 {
    match crate::crm_conf::get("core", "skill_level").as_str() {
        "expert" => EXPERT,
        "administrator" => ADMINISTRATOR,
        _ => 0,
    }
}

/// Refuses `name` of `level` when the option's level is below what it
/// needs: `LEVEL.NAME: ACL administrator skill level required`.
pub fn check(level: Level, name: &str) -> Result<(), Error> {
    let needed = required(level, name);
    if in_force() >= needed {
        return Ok(());
    }
    let word = if needed == EXPERT {
        "expert"
    } else {
        "administrator"
    };
    Err(Error::new(ErrorKind::CommandFailed {
        command: format!("{}.{name}", level.name()),
        message: crate::notice::Misuse::SkillLevelRequired { level: word }.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_commands_need_nothing() {
        assert_eq!(required(Level::Resource, "stop"), 0);
        assert_eq!(required(Level::Node, "standby"), 0);
        assert_eq!(required(Level::Configure, "primitive"), ADMINISTRATOR);
        assert_eq!(required(Level::Configure, "role"), EXPERT);
    }
}
