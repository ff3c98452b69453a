//! Every error the crm language phases report. All wording lives in the
//! `Display` impl of [`ErrorKind`]; the CLI edge renders it with miette.

use crate::span::Span;
use std::fmt;

mod command;
mod configure;
pub use command::CommandError;
pub use configure::{ConfigureError, EditedXmlProblem};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error with the place it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: Box<ErrorKind>,
    /// Where in the source text, when the error comes from text.
    pub span: Option<Span>,
    /// 1-based statement number (crmsh's line number in messages).
    pub statement: Option<usize>,
    /// What few errors carry, boxed so that every `Result` stays small.
    pub extra: Option<Box<Extra>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extra {
    /// The known name closest to a misspelt one.
    suggestion: Option<String>,
    /// What probably caused it, when crm can tell (shown as a help line).
    hint: Option<Hint>,
    /// The further errors of the same input, in order (at most
    /// [`MAX_ERRORS`] in all), so that one run reports every problem.
    also: Vec<Error>,
}

/// How many errors of one input are reported; the rest are counted.
pub const MAX_ERRORS: usize = 20;

/// A likely cause of an error, found by looking around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// A continued line was followed by a blank line, which ended the
    /// statement (PDF text often has a blank line after every line).
    BlankAfterContinuation { line: usize },
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::BlankAfterContinuation { line } => write!(
                f,
                "line {line} ends with a continuation (`\\` or `¥`) but the line after it is blank, and a blank line ends a statement: remove the blank line"
            ),
        }
    }
}

impl Error {
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            kind: Box::new(kind),
            span: None,
            statement: None,
            extra: None,
        }
    }

    fn extra(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// The known name closest to the misspelt one, if any.
    pub fn suggestion(&self) -> Option<&str> {
        self.extra.as_ref()?.suggestion.as_deref()
    }

    pub fn hint(&self) -> Option<&Hint> {
        self.extra.as_ref()?.hint.as_ref()
    }

    pub fn at(kind: ErrorKind, span: Span) -> Self {
        Error {
            span: Some(span),
            ..Error::new(kind)
        }
    }

    /// The first of `errors` carrying the others (capped at
    /// [`MAX_ERRORS`], the rest counted); `None` when there are none.
    pub fn all(mut errors: Vec<Error>) -> Option<Error> {
        if errors.is_empty() {
            return None;
        }
        let more = errors.len().saturating_sub(MAX_ERRORS);
        errors.truncate(MAX_ERRORS);
        let mut first = errors.remove(0);
        if !errors.is_empty() || more > 0 {
            let also = &mut first.extra().also;
            also.extend(errors);
            if more > 0 {
                also.push(Error::new(ErrorKind::MoreErrors { count: more }));
            }
        }
        Some(first)
    }

    /// This error and the ones it carries, in order.
    pub fn each(&self) -> impl Iterator<Item = &Error> {
        let also: &[Error] = self.extra.as_ref().map_or(&[], |x| &x.also);
        std::iter::once(self).chain(also.iter())
    }

    pub fn with_hint(mut self, hint: Hint) -> Self {
        self.extra().hint = Some(hint);
        self
    }

    pub fn in_statement(mut self, n: usize) -> Self {
        self.statement.get_or_insert(n);
        self
    }

    /// Suggests the closest of `known` to the misspelt `name`.
    pub fn did_you_mean<'a>(
        mut self,
        name: &str,
        known: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        if let Some(s) = suggest(name, known) {
            self.extra().suggestion = Some(s);
        }
        self
    }

    /// A hint shown under the message.
    pub fn help(&self) -> Option<String> {
        let help = self
            .kind
            .help()
            .or_else(|| self.suggestion().map(|s| format!("did you mean '{s}'?")))
            .or_else(|| self.kind.fallback_help());
        match (self.hint(), help) {
            (Some(h), Some(help)) => Some(format!("{h}\n{help}")),
            (Some(h), None) => Some(h.to_string()),
            (None, help) => help,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.statement {
            Some(n) => write!(f, "{n}: {}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for Error {}

/// Why a file was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRefusal {
    ReadOnly,
    NotRegular,
    DanglingLink,
    Owner { uid: u32, gid: u32 },
    SameAsInput,
}

impl Error {
    /// A failed file write as an error naming the file.
    pub fn file(path: &std::path::Path, e: crate::safe_file::FileError) -> Error {
        use crate::safe_file::FileError as F;
        let path = path.display().to_string();
        let why = match e {
            F::Io(e) | F::Open(e) => {
                return Error::new(ErrorKind::Io {
                    path,
                    message: e.to_string(),
                })
            }
            F::ReadOnly => FileRefusal::ReadOnly,
            F::NotRegular => FileRefusal::NotRegular,
            F::DanglingLink => FileRefusal::DanglingLink,
            F::Owner { uid, gid } => FileRefusal::Owner { uid, gid },
        };
        Error::new(ErrorKind::FileRefused { path, why })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    // lexical
    NoClosingQuotation,
    SmartQuote {
        quote: char,
    },
    // statements
    UnknownCommand {
        word: String,
        suggestion: Option<String>,
    },
    Expected {
        what: String,
        found: Option<String>,
        suggestion: Option<String>,
    },
    AtLeastArguments {
        count: usize,
        keyword: String,
    },
    BadAgentSpec {
        spec: String,
    },
    UnknownNodeType {
        spec: String,
    },
    InvalidId {
        id: String,
    },
    UnknownAttribute {
        attr: String,
    },
    UnknownArguments {
        args: String,
    },
    EmptyValue {
        name: String,
    },
    InvalidRole {
        role: String,
        rsc: String,
    },
    InvalidSetRole {
        item: String,
    },
    InvalidAction {
        action: String,
        rsc: String,
    },
    InvalidKind {
        kind: String,
    },
    NestedSets,
    MismatchedBracket,
    UnmatchedClosingBracket,
    UnmatchedOpeningBracket,
    EmptySet,
    MixedBoolOps {
        first: String,
        second: String,
    },
    AttributeOrder {
        name: String,
    },
    DuplicateChild {
        child: String,
        parent: String,
    },
    AtLeastPairs,
    ParamNameSplit {
        first: String,
        second: String,
    },
    XmlElementUnknown {
        name: String,
    },
    XmlMalformed {
        message: String,
    },
    AclAttributeWithoutType,
    // load / apply
    DuplicateObject {
        node: bool,
        id: String,
    },
    MissingConstraintResource {
        constraint: String,
        rsc: String,
    },
    GroupChildNotPrimitive {
        group: String,
        child: String,
        kind: String,
    },
    ChildInOtherContainer {
        parent: String,
        child: String,
        other: String,
    },
    MissingChild {
        parent: String,
        child: String,
    },
    ContainerChildKind {
        parent: String,
        child: String,
        kind: String,
    },
    MonitorTarget {
        rsc: String,
    },
    MonitorExists {
        rsc: String,
        interval: String,
    },
    ObjectExists {
        id: String,
    },
    NoSuchObject {
        id: String,
    },
    /// `save`: a comment outside any object has no crm text (a warning).
    CommentNotSaved {
        section: String,
        line: String,
    },
    IdInUse {
        id: String,
    },
    /// A warning, not an error: `show`'s mask arrived for a secret, and
    /// the stored value was kept (lossless-writes §4.10).
    MaskedSecretKept {
        name: String,
        id: String,
    },
    /// A container's embedded copy of a member (`xml <bundle …>`) says
    /// something else than the member's own statement in the same input.
    EmbeddedCopyDiffers {
        container: String,
        member: String,
    },
    // schema checks that Pacemaker would make at commit
    Schema {
        message: String,
        /// The object holding the offending element, to locate it.
        object: Option<ObjectName>,
    },
    /// Pacemaker's RelaxNG grammar refuses the CIB: its first complaint.
    SchemaInvalid {
        schema: String,
        /// The object holding the failing element (`primitive p`).
        object: Option<ObjectName>,
        /// The failing element's start tag, when it is not the object.
        element: Option<String>,
        message: String,
    },
    /// A reference to an id the CIB does not hold.
    MissingReference {
        object: ObjectName,
        what: Reference,
        id: String,
    },
    /// A `location` whose score is no number: crmsh makes it a
    /// `score-attribute`, which only a rule may carry.
    LocationScoreAttribute {
        object: ObjectName,
        score: String,
    },
    UnknownResourceClass {
        object: ObjectName,
        class: String,
        known: String,
    },
    // environment
    Io {
        path: String,
        message: String,
    },
    Cib {
        message: String,
    },
    /// A file whose bytes are not UTF-8 (crmsh refuses them too).
    InvalidUtf8 {
        path: String,
        line: usize,
        offset: usize,
    },
    /// A file crm will not write (see [`crate::safe_file::FileError`]).
    FileRefused {
        path: String,
        why: FileRefusal,
    },
    Usage {
        message: String,
    },
    /// `crm lsp`: the connection with the editor failed.
    LanguageServer {
        detail: String,
    },
    /// A value `crm options` refuses (crmsh's wording in `message`).
    BadOption {
        message: String,
    },
    /// A failure whose messages were already printed (crmsh prints its
    /// findings and returns false: nothing more to say).
    Reported,
    /// A command of a level that cannot go on, named as crmsh names it
    /// (`configure.modgroup: st is not member of g1`).
    CommandFailed {
        command: String,
        message: String,
    },
    // the interactive shell
    /// A word that is no command at this level (crmsh: "No such command").
    NoSuchCommand {
        word: String,
    },
    /// `$EDITOR` could not run or exited non-zero.
    EditorFailed {
        editor: String,
        status: String,
    },
    /// Edited text defines an object that exists outside the edited set.
    EditCollision {
        ids: Vec<String>,
    },
    /// A command that needs a person at a terminal, run from a script.
    NeedsTerminal {
        command: String,
    },
    /// An environment sheet where a crm file belongs.
    LooksLikeSheet {
        path: String,
        kind: String,
    },
    /// The checks against agent metadata found errors at a commit.
    ChecksRefused {
        count: usize,
    },
    /// `verify` found errors.
    ChecksFailed {
        count: usize,
    },
    /// A known command with arguments it does not take.
    BadArguments {
        command: String,
        usage: String,
    },
    /// The errors of an input beyond [`MAX_ERRORS`].
    MoreErrors {
        count: usize,
    },
    /// `help WORD` where no page has that name.
    NoHelp {
        word: String,
        level: String,
    },
    // talking to a cluster
    ToolMissing {
        tool: String,
    },
    ToolFailed {
        call: String,
        status: String,
        stderr: String,
    },
    /// A tool asked for `--output-as=xml` answered something else.
    ToolNotXml {
        call: String,
        error: String,
    },
    NoCluster {
        call: String,
        status: String,
        stderr: String,
    },
    CommitRejected {
        call: String,
        status: String,
        stderr: String,
    },
    CibChanged {
        started: String,
        now: String,
        what: String,
    },
    /// Pacemaker said the commit was applied, but the CIB version did not
    /// move as a configuration change moves it.
    CommitUnconfirmed {
        expected: String,
        now: String,
    },
    /// `-w`: the cluster still had actions to run after the limit.
    WaitTimedOut {
        seconds: u64,
    },
    /// The cluster wrote status between every refresh and patch.
    CommitStarved {
        tries: usize,
    },
    VerifyRefused {
        report: String,
    },
    NoSuchNode {
        node: String,
    },
    NoSuchResource {
        id: String,
    },
    /// A command of the resource, node, cib, ra, maintenance, site or
    /// assist level refused (wording in `error/command.rs`).
    Command(CommandError),
    /// A configure-level tool command refused (`error/configure.rs`).
    Configure(ConfigureError),
    // history, report, cluster, corosync
    /// A history source that is neither a report, an archive nor `live`.
    NoSuchSource {
        source: String,
    },
    NotAReport {
        path: String,
    },
    NoTransitions,
    PeNotFound {
        spec: String,
    },
    PeAmbiguous {
        spec: String,
    },
    BadTime {
        spec: String,
    },
    SameTimes {
        spec: String,
    },
    NoSuchSession {
        name: String,
    },
    SessionExists {
        name: String,
    },
    BadRegex {
        regex: String,
        message: String,
    },
    RemoteFailed {
        node: String,
        message: String,
    },
    NoSuchUser {
        user: String,
    },
    NoSshKey {
        node: String,
        user: String,
    },
    SshCopyIdFailed {
        node: String,
        user: String,
    },
    NotAddress {
        value: String,
    },
    ClusterActive {
        node: String,
    },
    /// `cluster init -A IP`: not an IP address.
    NotAdminAddress {
        value: String,
    },
    /// `cluster init -A IP`: something answers at the address already.
    AddressInUse {
        addr: String,
    },
    /// `cluster init STAGE` of a stage that needs the cluster running.
    ClusterInactive {
        stage: String,
    },
    JoinedExisting,
    NoNodes,
    CorosyncKey {
        key: String,
    },
    CorosyncSyntax {
        path: String,
        line: usize,
        message: String,
    },
    NodesDiffer {
        what: String,
        nodes: Vec<String>,
    },
}

/// A configuration object as messages name it: `primitive p`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectName {
    pub keyword: String,
    pub id: String,
}

impl fmt::Display for ObjectName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.id.is_empty() {
            f.write_str(&self.keyword)
        } else {
            write!(f, "{} {}", self.keyword, self.id)
        }
    }
}

/// What kind of reference a [`ErrorKind::MissingReference`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// `primitive p @tmpl`
    Template,
    /// `$id-ref=X` on an attribute set, `operations` or a rule.
    IdRef,
    /// `ref:X` in an ACL permission.
    AclReference,
    /// A role named by `acl_target`/`acl_group`/`user`.
    AclRole,
}

/// Why Pacemaker's grammar could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// No file for the schema in the directory.
    NotInstalled { dir: String },
    /// libxml2 could not read the grammar.
    Unreadable { dir: String, detail: String },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotInstalled { dir } => write!(
                f,
                "there is no RelaxNG schema for it in {dir} (Pacemaker's schema files are not installed)"
            ),
            SkipReason::Unreadable { dir, detail } => {
                write!(f, "its RelaxNG schema in {dir} cannot be read ({detail})")
            }
        }
    }
}

/// Warnings and notes of the commit checks (all their wording).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// No grammar for `validate-with` was found: only our checks ran.
    ValidationSkipped { schema: String, reason: SkipReason },
    /// A tag lists an id that names nothing.
    TagMemberMissing { tag: String, id: String },
    /// A fencing level names a device that is no resource.
    FencingDeviceMissing { device: String },
    /// A fencing level's target is no node of the CIB.
    FencingTargetNotNode { target: String },
    /// `property name` without `=value` in a file: crmsh writes an empty pair.
    PropertyWithoutValue { name: String },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::ValidationSkipped { schema, reason } => write!(
                f,
                "full schema validation skipped for this {schema} CIB: {reason}; only crm's own checks ran"
            ),
            Notice::TagMemberMissing { tag, id } => {
                write!(f, "tag {tag}: member {id} does not exist")
            }
            Notice::FencingDeviceMissing { device } => {
                write!(f, "fencing_topology: resource {device} does not exist")
            }
            Notice::FencingTargetNotNode { target } => {
                write!(f, "fencing_topology: target {target} not a node")
            }
            Notice::PropertyWithoutValue { name } => write!(
                f,
                "property {name} has no value (expected {name}=VALUE); it is written as an empty pair"
            ),
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind::*;
        match self {
            NoClosingQuotation => write!(f, "No closing quotation"),
            SmartQuote { quote } => write!(f, "typographic quote '{quote}' where a plain quote belongs"),
            UnknownCommand { word, .. } => write!(f, "syntax: Unknown command near {word}"),
            Expected { what, found: Some(found), .. } => write!(f, "expected {what}, found '{found}'"),
            Expected { what, found: None, .. } => write!(f, "expected {what}, found end of statement"),
            AtLeastArguments { count, keyword } => {
                write!(f, "syntax in {keyword}: Expected at least {count} arguments")
            }
            BadAgentSpec { spec } => write!(f, "bad resource type specification {spec}"),
            UnknownNodeType { spec } => write!(f, "Expected uname[:type], got {spec}"),
            InvalidId { id } => write!(f, "{id}: invalid object id"),
            UnknownAttribute { attr } => write!(f, "Unknown attribute: {attr}"),
            UnknownArguments { args } => write!(f, "Unknown arguments: {args}"),
            EmptyValue { name } => write!(f, "Empty value for {name} is not allowed"),
            InvalidRole { role, rsc } => write!(f, "Invalid role '{role}' for resource '{rsc}'"),
            InvalidSetRole { item } => write!(f, "Invalid role for {item}"),
            InvalidAction { action, rsc } => write!(f, "Invalid action '{action}' for '{rsc}'"),
            InvalidKind { kind } => write!(f, "Invalid kind: {kind}"),
            NestedSets => write!(f, "Cannot nest resource sets"),
            MismatchedBracket => write!(f, "Mismatched closing bracket"),
            UnmatchedClosingBracket => write!(f, "Unmatched closing bracket"),
            UnmatchedOpeningBracket => write!(f, "Unmatched opening bracket"),
            EmptySet => write!(f, "Empty resource set"),
            MixedBoolOps { first, second } => {
                write!(f, "Mixing bool ops not allowed: {first} != {second}")
            }
            AttributeOrder { name } => write!(
                f,
                "Attribute order error: {name} must appear before any instance attribute"
            ),
            DuplicateChild { child, parent } => {
                write!(f, "child {child} listed more than once in group {parent}")
            }
            AtLeastPairs => write!(f, "Expected at least 2 name-value pairs"),
            ParamNameSplit { first, second } => write!(
                f,
                "parameter name '{first}' is followed by '{second}=': a parameter name cannot contain a space"
            ),
            XmlElementUnknown { name } => write!(f, "Element {name} not recognized"),
            XmlMalformed { message } => write!(f, "Cannot parse XML data: {message}"),
            AclAttributeWithoutType => {
                write!(f, "attribute is only valid in combination with tag/object-type")
            }
            DuplicateObject { node: true, id } => write!(f, "Duplicate node: {id}"),
            DuplicateObject { node: false, id } => write!(f, "Duplicate resource: {id}"),
            MissingConstraintResource { constraint, rsc } => write!(
                f,
                "constraint {constraint} references a resource {rsc} which doesn't exist"
            ),
            GroupChildNotPrimitive { child, kind, .. } => {
                write!(f, "a group may contain only primitives; {child} is {kind}")
            }
            ChildInOtherContainer { parent, child, other } => {
                write!(f, "Cannot create {parent}: Child {child} already in {other}")
            }
            MissingChild { parent, child } => write!(f, "{parent} refers to missing object {child}"),
            ContainerChildKind { parent, child, kind } => {
                write!(f, "{parent} cannot contain {child}: it is {kind}")
            }
            MonitorTarget { rsc } => write!(f, "monitor: {rsc} is not a primitive"),
            MonitorExists { rsc, interval } => {
                write!(f, "monitor on {rsc} with interval {interval} exists already")
            }
            ObjectExists { id } => write!(f, "object {id} already exists"),
            NoSuchObject { id } => write!(f, "object {id} does not exist"),
            CommentNotSaved { section, line } => write!(
                f,
                "comment in <{section}> outside any object not saved (crm text has no place for it; `save xml` keeps it): {line}"
            ),
            IdInUse { id } => write!(f, "id {id} is in use"),
            Schema { message, .. } => write!(f, "{message}"),
            SchemaInvalid { schema, object, element, message } => {
                match (object, element) {
                    (Some(o), Some(e)) => write!(f, "{o}: {e} does not conform to the {schema} schema"),
                    (Some(o), None) => write!(f, "{o} does not conform to the {schema} schema"),
                    (None, Some(e)) => write!(f, "{e} does not conform to the {schema} schema"),
                    (None, None) => write!(f, "the CIB does not conform to the {schema} schema"),
                }?;
                write!(f, ": {message}")
            }
            MissingReference { object, what, id } => match what {
                Reference::Template => write!(f, "{object}: {id}: no such resource template"),
                Reference::IdRef => write!(f, "{object}: $id-ref={id}: Reference not found: {id}"),
                Reference::AclReference => {
                    write!(f, "{object}: ref:{id}: no element with id {id} in the CIB")
                }
                Reference::AclRole => write!(f, "{object}: role {id} does not exist"),
            },
            LocationScoreAttribute { object, score } => write!(
                f,
                "{object}: score '{score}' is not a number or INFINITY (a score taken from a node attribute needs a rule)"
            ),
            UnknownResourceClass { object, class, known } => write!(
                f,
                "{object}: unknown resource class '{class}' (known: {known})"
            ),
            Io { path, message } => write!(f, "{path}: {message}"),
            Cib { message } => write!(f, "{message}"),
            InvalidUtf8 { path, line, offset } => write!(
                f,
                "{path}:{line}: not valid UTF-8 (nor Shift_JIS) at byte {offset}"
            ),
            FileRefused { path, why } => match why {
                FileRefusal::ReadOnly => {
                    write!(f, "{path}: the file is read-only; nothing was written")
                }
                FileRefusal::NotRegular => {
                    write!(f, "{path}: not a regular file; nothing was written")
                }
                FileRefusal::DanglingLink => write!(
                    f,
                    "{path}: a symbolic link to a file that does not exist; nothing was written"
                ),
                FileRefusal::Owner { uid, gid } => write!(
                    f,
                    "{path}: belongs to uid {uid} (gid {gid}), which a file written by this user cannot keep; nothing was written"
                ),
                FileRefusal::SameAsInput => {
                    write!(f, "{path}: the output file is an input file; nothing was written")
                }
            },
            Usage { message } => write!(f, "{message}"),
            LanguageServer { detail } => write!(f, "language server: {detail}"),
            BadOption { message } => write!(f, "{message}"),
            Reported => Ok(()),
            CommandFailed { command, message } => write!(f, "{command}: {message}"),
            NoSuchCommand { word } => write!(f, "{word}: No such command"),
            EditorFailed { editor, status } => {
                write!(f, "editor {editor} failed ({status}); nothing changed")
            }
            EditCollision { ids } => write!(f, "Elements {} already exist", ids.join(", ")),
            NeedsTerminal { command } => {
                write!(f, "{command} needs a terminal; it is not allowed in batch mode")
            }
            LooksLikeSheet { path, kind } => {
                write!(f, "{path} looks like {kind}, not a crm file")
            }
            ChecksRefused { count } => write!(
                f,
                "the configuration has {count} error{}; nothing was committed",
                if *count == 1 { "" } else { "s" }
            ),
            ChecksFailed { count } => write!(
                f,
                "the configuration has {count} error{}",
                if *count == 1 { "" } else { "s" }
            ),
            BadArguments { command, .. } => write!(f, "{command}: wrong arguments"),
            MoreErrors { count } => write!(f, "{count} more errors not shown"),
            NoHelp { word, level } => write!(f, "no help for '{word}' at the {level} level"),
            ToolMissing { tool } => {
                write!(f, "{tool} is not installed (not found on PATH)")
            }
            ToolNotXml { call, error } => write!(f, "{call} did not answer in XML: {error}"),
            ToolFailed { call, status, stderr } => {
                write!(f, "{call} failed (rc={status})")?;
                if !stderr.is_empty() {
                    write!(f, ": {stderr}")?;
                }
                Ok(())
            }
            NoCluster { call, status, stderr } => {
                write!(f, "cannot read the CIB from the cluster: `{call}` failed (rc={status})")?;
                if !stderr.is_empty() {
                    write!(f, ": {stderr}")?;
                }
                Ok(())
            }
            CommitRejected { call, status, stderr } => {
                write!(f, "could not commit: Pacemaker refused the change (`{call}`, rc={status})")?;
                if !stderr.is_empty() {
                    write!(f, ":\n{stderr}")?;
                }
                Ok(())
            }
            CibChanged { started, now, what } => write!(
                f,
                "CIB changed in the meantime: won't touch it! It was {started} (admin_epoch.epoch.num_updates) when this session started and is {now} now ({what}); nothing was committed"
            ),
            CommitUnconfirmed { expected, now } => write!(
                f,
                "could not confirm the commit: the CIB should be at {expected} or later (admin_epoch.epoch) but is at {now}"
            ),
            WaitTimedOut { seconds } => write!(
                f,
                "the cluster still had actions pending after {seconds} s of waiting"
            ),
            CommitStarved { tries } => write!(
                f,
                "the cluster kept recording status between each check and the patch; the commit was tried {tries} times and not applied"
            ),
            VerifyRefused { report } if report.is_empty() => {
                write!(f, "the checks found errors; nothing was committed")
            }
            VerifyRefused { report } => {
                write!(f, "crm_verify found errors; nothing was committed:\n{report}")
            }
            NoSuchNode { node } => write!(f, "node {node} not found in the CIB"),
            NoSuchResource { id } => write!(f, "resource {id} does not exist"),
            Command(e) => write!(f, "{e}"),
            Configure(e) => write!(f, "{e}"),
            NoSuchSource { source } => write!(f, "source {source} doesn't exist"),
            NotAReport { path } => {
                write!(f, "{path}: not a report (no description.txt or report.summary)")
            }
            NoTransitions => write!(f, "no transitions found in the source"),
            PeNotFound { spec } => write!(f, "PE input file {spec} not found"),
            PeAmbiguous { spec } => write!(f, "{spec}: PE input ambiguous"),
            BadTime { spec } => write!(f, "bad time specification: {spec}"),
            SameTimes { spec } => write!(f, "{spec}: To and from dates cannot be the same"),
            NoSuchSession { name } => write!(f, "history session {name} does not exist"),
            SessionExists { name } => write!(f, "history session {name} exists"),
            BadRegex { regex, message } => write!(f, "bad regex {regex}: {message}"),
            RemoteFailed { node, message } => write!(f, "{node}: {message}"),
            NoSuchUser { user } => write!(f, "no user {user} in /etc/passwd"),
            NoSshKey { node, user } => write!(f, "No ssh key exist on {node} for {user}"),
            SshCopyIdFailed { node, user } => write!(
                f,
                "ssh-copy-id to {user}@{node} failed: crm cannot set up passwordless ssh without the password; \
                 set it up beforehand (or allow PasswordAuthentication in {node}'s sshd_config)"
            ),
            NotAddress { value } => write!(
                f,
                "-i {value}: neither an IP address nor an interface with an IPv4 address"
            ),
            ClusterActive { node } => write!(f, "Cluster is currently active on {node} - can't run"),
            NotAdminAddress { value } => write!(f, "-A {value}: not an IP address"),
            AddressInUse { addr } => write!(f, "Address already in use: {addr}"),
            ClusterInactive { stage } => {
                write!(f, "Cluster is inactive - can't run {stage} stage")
            }
            JoinedExisting => write!(f, "Joined existing cluster - will not reconfigure."),
            NoNodes => write!(f, "could not figure out a list of nodes; is this a cluster node?"),
            CorosyncKey { key } => write!(f, "corosync.conf: no such key {key}"),
            CorosyncSyntax {
                path,
                line,
                message,
            } => write!(f, "{path}:{line}: {message}"),
            NodesDiffer { what, nodes } => {
                write!(f, "{what} differs between nodes: {}", nodes.join(", "))
            }
            MaskedSecretKept { name, id } => write!(
                f,
                "{id}: {name} arrived masked (\"******\"); the stored value is kept"
            ),
            EmbeddedCopyDiffers { container, member } => write!(
                f,
                "{container} embeds a copy of {member} that differs from the statement of {member}; change {member} in one place"
            ),
        }
    }
}

impl ErrorKind {
    /// A hint for when no closer name was found to suggest.
    fn fallback_help(&self) -> Option<String> {
        use ErrorKind::*;
        match self {
            NoSuchCommand { .. } => {
                Some("`ls` (or `help`) lists the commands of this level".into())
            }
            NoHelp { .. } => {
                Some("`help` lists the commands of this level, `help topics` the topics".into())
            }
            _ => None,
        }
    }

    fn help(&self) -> Option<String> {
        use ErrorKind::*;
        match self {
            SmartQuote { quote } => Some(format!(
                "text copied from slides or word processors carries “ ” and ‘ ’; type a plain {} instead",
                if matches!(quote, '‘' | '’') { "'" } else { "\"" }
            )),
            UnknownCommand { suggestion: Some(s), .. } | Expected { suggestion: Some(s), .. } => {
                Some(format!("did you mean '{s}'?"))
            }
            ParamNameSplit { first, second } => Some(format!("did you mean '{first}{second}='?")),
            NoClosingQuotation => Some("a quote opened here is never closed".into()),
            NoCluster { .. } => Some(
                "is Pacemaker running on this machine? To work on a CIB file instead of a cluster, set CIB_file=PATH (e.g. `CIB_file=cib.xml crm configure show`)".into(),
            ),
            CommitRejected { .. } => Some("the live CIB was left as it was".into()),
            BadTime { .. } => Some(
                "try 2026-12-01 03:00, 03:00 (today), \"Tue Dec  1 03:00:00 2026\" or 3pm".into(),
            ),
            NoSuchSource { .. } => {
                Some("give a report directory, a report archive (.tar.bz2/.gz/.xz) or live".into())
            }
            LooksLikeSheet { path, .. } => Some(format!(
                "an environment sheet (環境定義書) is converted with pm_crmgen first: `pm_crmgen -o cluster.crm {}`, then `crm configure load update cluster.crm`",
                if path.starts_with('<') || path == "-" { "SHEET" } else { path }
            )),
            BadArguments { usage, .. } if !usage.is_empty() => {
                Some(format!("usage: {}", usage.replace('\n', "\n       ")))
            }
            SchemaInvalid { .. } | MissingReference { .. } | LocationScoreAttribute { .. } | UnknownResourceClass { .. } => {
                Some("Pacemaker would refuse this configuration; nothing was written".into())
            }
            CibChanged { .. } => Some(
                "look at the other change (`crm configure show`), then run your command again; `commit force` (or `crm -F`) overwrites it".into(),
            ),
            VerifyRefused { .. } | ChecksRefused { .. } => {
                Some("`crm -F` (or `commit force`) commits anyway".into())
            }
            Command(e) => e.help(),
            Configure(e) => e.help(),
            ToolMissing { .. } => Some(
                "install Pacemaker's command line tools (Debian: pacemaker-cli-utils), or set CIB_file=PATH to work on a CIB file".into(),
            ),
            _ => None,
        }
    }
}

/// The closest candidate within a small edit distance, for "did you mean".
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let w = word.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(&w, &c.to_ascii_lowercase());
        let limit = (w.chars().count().max(c.len()) / 3).max(1);
        // Ties go to the smaller name, so the hint does not depend on the
        // order candidates come in.
        if d <= limit && best.is_none_or(|(bd, b)| d < bd || (d == bd && c < b)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_find_close_keywords_only() {
        assert_eq!(
            suggest("primitiv", ["primitive", "group"]),
            Some("primitive".into())
        );
        assert_eq!(
            suggest("colocaton", ["location", "colocation"]),
            Some("colocation".into())
        );
        assert_eq!(suggest("xyzzy", ["primitive", "group"]), None);
    }
}
