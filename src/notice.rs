//! The wording of crm's questions and INFO/WARNING lines that are not
//! errors (errors are in `error.rs`): one place, in two languages. The
//! English is here (`write_en`); the Japanese is in `i18n/ja_notice.rs`,
//! whose matches have no catch-all arm, so a new variant does not compile
//! until it has its Japanese. `Display` speaks the language in force
//! (`Lang::current()`), so every `to_string()` at a call site follows the
//! locale and `--lang`.

use std::fmt;

mod configure;
mod levels;
mod usage;
pub use configure::Told;
pub use levels::{Said, ServicesDid};
pub use usage::Misuse;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// crmsh's question when the configure level is left with changes.
    CommitPending,
    /// The same before `refresh` throws them away.
    DropPending,
    /// A question that wants y or n got something else.
    AnswerYesOrNo,
    /// Ctrl-C or Ctrl-D at the question: nothing was lost.
    StillStaged,
    /// A commit the checks refused goes on because it was forced.
    CommitForced,
    /// crmsh's question when the checks refuse a commit at a terminal.
    StillCommit,
    /// `n` at the question: what was thrown away.
    Discarded {
        changed: Vec<String>,
        deleted: Vec<String>,
    },
}

/// The English text of a notice (`write_en`), whatever the language in
/// force; `Display` of the notice itself follows `Lang::current()`.
pub struct English<'a, T: ?Sized>(pub &'a T);

/// A notice's English wording.
pub trait WriteEn {
    fn write_en(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

impl<T: WriteEn + ?Sized> fmt::Display for English<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_en(f)
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::notice_text(self))
    }
}

impl WriteEn for Notice {
    fn write_en(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Notice::*;
        match self {
            CommitPending => write!(
                f,
                "There are changes pending. Do you want to commit them (y/n)?"
            ),
            DropPending => write!(
                f,
                "There are changes pending. Do you want to drop them (y/n)?"
            ),
            AnswerYesOrNo => write!(f, "Please answer y or n."),
            CommitForced => write!(f, "commit forced"),
            StillCommit => write!(f, "Do you still want to commit (y/n)?"),
            StillStaged => write!(
                f,
                "the changes are still staged: `commit` writes them, `refresh` drops them"
            ),
            Discarded { changed, deleted } => {
                write!(f, "dropped the staged changes, nothing was committed")?;
                if !changed.is_empty() {
                    write!(f, "; not written: {}", changed.join(", "))?;
                }
                if !deleted.is_empty() {
                    write!(f, "; not deleted: {}", deleted.join(", "))?;
                }
                Ok(())
            }
        }
    }
}

/// What the checks against agent and Pacemaker metadata found (crmsh's
/// semantic checks, same wording).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    NoMetadata {
        agent: String,
    },
    NoSuchAgent {
        agent: String,
    },
    NoSuchTemplate {
        template: String,
    },
    UnknownParam {
        id: String,
        name: String,
    },
    MissingParam {
        id: String,
        name: String,
    },
    UnknownAction {
        id: String,
        action: String,
    },
    ShortTimeout {
        id: String,
        op: String,
        timeout: String,
        advised: String,
        /// The timeout came from `op_defaults`, not the op.
        default: bool,
    },
    MonitorIntervalZero {
        id: String,
        advised: String,
    },
    MonitorIntervalTwice {
        id: String,
        advised: String,
    },
    IntervalNotZero {
        id: String,
        op: String,
        interval: String,
    },
    UnknownAttribute {
        id: String,
        name: String,
    },
    NodeMissing {
        id: String,
        node: String,
    },
    FencingTarget {
        target: String,
    },
    FencingDevice {
        device: String,
    },
    NotStonith {
        device: String,
    },
    UniqueClash {
        ids: Vec<String>,
        param: String,
        value: String,
    },
    /// Not an error: the agent is not on this machine.
    NotChecked {
        agent: String,
    },
    /// Not an error: Pacemaker's option metadata is not on this machine.
    OptionsNotChecked,
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Check::*;
        match self {
            NoMetadata { agent } => write!(f, "{agent}: got no meta-data, does this RA exist?"),
            NoSuchAgent { agent } => write!(f, "{agent}: no such resource agent"),
            NoSuchTemplate { template } => write!(f, "{template}: no such resource template"),
            UnknownParam { id, name } => write!(f, "{id}: parameter \"{name}\" is not known"),
            MissingParam { id, name } => write!(f, "{id}: required parameter \"{name}\" not defined"),
            UnknownAction { id, action } => {
                write!(f, "{id}: action '{action}' not found in Resource Agent meta-data")
            }
            ShortTimeout { id, op, timeout, advised, default } => write!(
                f,
                "{id}: {} timeout {timeout} for {op} is smaller than the advised {advised}",
                if *default { "default" } else { "specified" }
            ),
            MonitorIntervalZero { id, advised } => write!(
                f,
                "{id}: interval in monitor should be larger than 0, advised is {advised}"
            ),
            MonitorIntervalTwice { id, advised } => {
                write!(f, "{id}: interval in monitor must be unique, advised is {advised}")
            }
            IntervalNotZero { id, op, interval } => {
                write!(f, "{id}: Specified interval for {op} is {interval}, it must be 0")
            }
            UnknownAttribute { id, name } => write!(f, "{id}: unknown attribute '{name}'"),
            NodeMissing { id, node } => write!(f, "{id}: referenced node {node} does not exist"),
            FencingTarget { target } => write!(f, "fencing_topology: target {target} not a node"),
            FencingDevice { device } => {
                write!(f, "fencing_topology: resource {device} does not exist")
            }
            NotStonith { device } => write!(f, "fencing_topology: {device} not a stonith resource"),
            UniqueClash { ids, param, value } => write!(
                f,
                "Resources {} violate uniqueness for parameter \"{param}\": \"{value}\"",
                ids.join(",")
            ),
            NotChecked { agent } => write!(
                f,
                "{agent} is not installed on this machine: its parameters and operations were not checked"
            ),
            OptionsNotChecked => write!(
                f,
                "Pacemaker's option metadata is not on this machine: cluster options were not checked"
            ),
        }
    }
}

/// A hint under a check's line: the closest known name.
pub fn did_you_mean(name: &str) -> String {
    format!("did you mean '{name}'?")
}
