//! The words of usage errors that come in families (a command's syntax, a
//! level given no command, wrong arguments): the text inside an
//! `ErrorKind::Usage`, in the language in force like every notice.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misuse {
    /// The command's syntax, after a call it does not accept.
    Syntax { usage: String },
    /// A level named without a command: an example of one.
    GiveCommand {
        level: &'static str,
        example: &'static str,
    },
    /// A level named without a command: a few of its commands.
    GiveCommandOf {
        level: &'static str,
        some: &'static str,
    },
    /// A command of the level with arguments it does not take.
    WrongArguments {
        level: &'static str,
        cmd: String,
        commands: String,
    },
}

impl fmt::Display for Misuse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::misuse_text(self))
    }
}

impl super::WriteEn for Misuse {
    fn write_en(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Misuse::*;
        match self {
            Syntax { usage } => write!(f, "usage: {usage}"),
            GiveCommand { level, example } => {
                write!(f, "{level}: give a command, e.g. `{example}`")
            }
            GiveCommandOf { level, some } => write!(f, "{level}: give a command ({some}, …)"),
            WrongArguments {
                level,
                cmd,
                commands,
            } => write!(
                f,
                "{level} {cmd}: wrong arguments; see `help {level}` (commands: {commands})"
            ),
        }
    }
}
