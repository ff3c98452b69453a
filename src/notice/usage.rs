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
    /// A command's syntax alone, without `usage:` (crm's own wording).
    Form { usage: &'static str },
    /// A command that wants a command to run and got none.
    NoCommand { cmd: String },
    /// crm with no command at all.
    GiveAnyCommand,
    /// An action the command does not have.
    UnknownAction { cmd: &'static str, action: String },
    /// `cluster __receive` of a mode that is no octal number.
    BadMode,
    /// `cluster init STAGE` of a stage that is none.
    NoStage { stage: String, stages: String },
    /// `history peinputs` of a word that is no number nor range.
    BadPeinputsRange { range: String },
    /// A word a command does not take, as crmsh words it.
    SyntaxNear { cmd: &'static str, word: String },
    /// A node command without a node, where this machine's name is unknown.
    NameTheNode,
    /// A history session name that is no plain file name.
    BadSessionName { name: String },
    /// A sub-command the command does not have.
    UnknownSubcommand { cmd: &'static str, word: String },
    /// `session update`/`pack` with no session loaded.
    NoSessionLoaded,
    /// `-o` that is no `section.name=value`.
    ExpectedOption { opt: String },
    /// `report` to a destination that has no file name.
    BadDestination,
    /// `report` to a destination that exists, without `-Z`.
    DestinationExists { path: String },
    /// `options set` of a name that is no `section.name`.
    UnknownOptionName { option: String },
    /// `cluster join` without the node to join through.
    NoSeed,
    /// A command above the `skill-level` option's level (crmsh's words).
    SkillLevelRequired { level: &'static str },
    /// `options colorscheme` with more colours than it has places.
    TooManyColors { given: usize, most: usize },
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
            Form { usage } => write!(f, "{usage}"),
            NoCommand { cmd } => write!(f, "{cmd}: give a command"),
            GiveAnyCommand => write!(f, "give a command, e.g. `crm configure show`"),
            UnknownAction { cmd, action } => write!(f, "{cmd}: unknown action {action}"),
            BadMode => write!(f, "bad mode"),
            NoStage { stage, stages } => {
                write!(f, "cluster init: no stage {stage} (stages: {stages})")
            }
            BadPeinputsRange { range } => write!(f, "{range}: invalid peinputs range"),
            SyntaxNear { cmd, word } => write!(f, "syntax in {cmd}: near <{word}>"),
            NameTheNode => write!(
                f,
                "node: name the node (this machine's node name is unknown)"
            ),
            BadSessionName { name } => write!(f, "{name}: not a usable session name"),
            UnknownSubcommand { cmd, word } => write!(f, "unknown {cmd} subcmd: {word}"),
            NoSessionLoaded => write!(f, "need to load a history session before update/pack"),
            ExpectedOption { opt } => {
                write!(f, "Expected -o <section>.<name>=<value>: {opt}")
            }
            BadDestination => write!(f, "report: bad destination"),
            DestinationExists { path } => {
                write!(f, "report: {path} exists; remove it or give -Z")
            }
            UnknownOptionName { option } => write!(f, "Unknown option: {option}"),
            NoSeed => write!(f, "cluster join -c NODE: the node of the cluster to join"),
            SkillLevelRequired { level } => write!(f, "ACL {level} skill level required"),
            TooManyColors { given, most } => {
                write!(f, "{given} colors given; a color scheme has at most {most}")
            }
        }
    }
}
