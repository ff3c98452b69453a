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
    /// A shadow CIB that is not there.
    NoSuchShadow { name: String },
    /// A number of seconds that is none.
    NotSeconds { cmd: &'static str, value: String },
    /// `history detail` with something else than 0 or 1.
    ExpectedZeroOrOne { got: String },
    /// A command given more arguments than it takes.
    TooManyArguments { cmd: String },
    /// A word a command does not take.
    Unexpected { cmd: &'static str, what: String },
    /// `ra providers TYPE CLASS` of a class without providers.
    NoProviders { class: String },
    /// `ra list` of a class the machine does not have.
    NoClass { class: String },
    /// `ra list CLASS PROVIDER` of a provider the machine does not have.
    NoProvider { provider: String, class: String },
    /// An option given without its value.
    NeedsValue { cmd: &'static str, flag: String },
    /// An option the command does not know.
    UnknownOption { cmd: &'static str, flag: String },
    /// `report` given two destinations.
    OneDestination,
    /// `corosync add-node` of an address the nodelist has.
    InNodelist { addr: String },
    /// `corosync status` of something it cannot show.
    StatusKind { got: String },
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
            NoSuchShadow { name } => write!(f, "{name}: no such shadow CIB (see `crm cib list`)"),
            NotSeconds { cmd, value } => write!(f, "{cmd}: {value} is not a number of seconds"),
            ExpectedZeroOrOne { got } => write!(f, "Expected '0' or '1' (was '{got}')"),
            TooManyArguments { cmd } => write!(f, "{cmd}: too many arguments"),
            Unexpected { cmd, what } => write!(f, "{cmd}: unexpected {what}"),
            NoProviders { class } => write!(f, "no providers for class {class}"),
            NoClass { class } => write!(f, "class {class} does not exist"),
            NoProvider { provider, class } => {
                write!(f, "there is no provider {provider} for class {class}")
            }
            NeedsValue { cmd, flag } => write!(f, "{cmd}: {flag} needs a value"),
            UnknownOption { cmd, flag } => write!(f, "{cmd}: unknown option {flag}"),
            OneDestination => write!(f, "report: only one destination"),
            InNodelist { addr } => write!(f, "{addr}: already in the nodelist"),
            StatusKind { got } => write!(
                f,
                "corosync status: {got}: expected ring, quorum, qdevice or qnetd"
            ),
        }
    }
}
