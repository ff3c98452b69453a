//! Every error kind that reaches users, in Japanese and in English: the
//! locale test of issue 17. The kinds are listed by exhaustive matches
//! (`ordinal`, `command_ordinal`): a new variant of `ErrorKind` or
//! `CommandError` does not compile here until it is numbered, and the
//! test fails until it has a sample, whose Japanese text must exist
//! (`src/i18n/ja_error.rs` has no catch-all arm either) and differ from
//! the English one. The end-to-end half runs our `crm` under both locales.

use crmtool::error::{
    CommandError, ConfigureError, Error, ErrorKind, FileRefusal, ObjectName, Reference,
};
use crmtool::i18n::{self, Lang};
use std::io::Write;
use std::process::{Command, Output};

fn obj() -> ObjectName {
    ObjectName {
        keyword: "primitive".into(),
        id: "p1".into(),
    }
}

/// Every `ErrorKind` variant (by position), exhaustively.
const KINDS: usize = 104;
fn ordinal(k: &ErrorKind) -> usize {
    use ErrorKind::*;
    match k {
        NoClosingQuotation => 0,
        SmartQuote { .. } => 1,
        UnknownCommand { .. } => 2,
        Expected { .. } => 3,
        AtLeastArguments { .. } => 4,
        BadAgentSpec { .. } => 5,
        UnknownNodeType { .. } => 6,
        InvalidId { .. } => 7,
        UnknownAttribute { .. } => 8,
        UnknownArguments { .. } => 9,
        EmptyValue { .. } => 10,
        InvalidRole { .. } => 11,
        InvalidSetRole { .. } => 12,
        InvalidAction { .. } => 13,
        InvalidKind { .. } => 14,
        NestedSets => 15,
        MismatchedBracket => 16,
        UnmatchedClosingBracket => 17,
        UnmatchedOpeningBracket => 18,
        EmptySet => 19,
        MixedBoolOps { .. } => 20,
        AttributeOrder { .. } => 21,
        DuplicateChild { .. } => 22,
        AtLeastPairs => 23,
        ParamNameSplit { .. } => 24,
        XmlElementUnknown { .. } => 25,
        XmlMalformed { .. } => 26,
        AclAttributeWithoutType => 27,
        DuplicateObject { .. } => 28,
        MissingConstraintResource { .. } => 29,
        GroupChildNotPrimitive { .. } => 30,
        ChildInOtherContainer { .. } => 31,
        MissingChild { .. } => 32,
        ContainerChildKind { .. } => 33,
        MonitorTarget { .. } => 34,
        MonitorExists { .. } => 35,
        ObjectExists { .. } => 36,
        NoSuchObject { .. } => 37,
        CommentNotSaved { .. } => 38,
        IdInUse { .. } => 39,
        MaskedSecretKept { .. } => 40,
        EmbeddedCopyDiffers { .. } => 41,
        Schema { .. } => 42,
        SchemaInvalid { .. } => 43,
        MissingReference { .. } => 44,
        LocationScoreAttribute { .. } => 45,
        UnknownResourceClass { .. } => 46,
        Io { .. } => 47,
        Cib { .. } => 48,
        InvalidUtf8 { .. } => 49,
        FileRefused { .. } => 50,
        Usage { .. } => 51,
        BadOption { .. } => 52,
        Reported => 53,
        CommandFailed { .. } => 54,
        NoSuchCommand { .. } => 55,
        EditorFailed { .. } => 56,
        EditCollision { .. } => 57,
        NeedsTerminal { .. } => 58,
        LooksLikeSheet { .. } => 59,
        ChecksRefused { .. } => 60,
        ChecksFailed { .. } => 61,
        BadArguments { .. } => 62,
        MoreErrors { .. } => 63,
        NoHelp { .. } => 64,
        ToolMissing { .. } => 65,
        ToolFailed { .. } => 66,
        NoCluster { .. } => 67,
        CommitRejected { .. } => 68,
        CibChanged { .. } => 69,
        CommitUnconfirmed { .. } => 70,
        WaitTimedOut { .. } => 71,
        CommitStarved { .. } => 72,
        VerifyRefused { .. } => 73,
        NoSuchNode { .. } => 74,
        NoSuchResource { .. } => 75,
        Command(_) => 76,
        NoSuchSource { .. } => 77,
        NotAReport { .. } => 78,
        NoTransitions => 79,
        PeNotFound { .. } => 80,
        PeAmbiguous { .. } => 81,
        BadTime { .. } => 82,
        SameTimes { .. } => 83,
        NoSuchSession { .. } => 84,
        SessionExists { .. } => 85,
        BadRegex { .. } => 86,
        RemoteFailed { .. } => 87,
        NoNodes => 88,
        CorosyncKey { .. } => 89,
        CorosyncSyntax { .. } => 90,
        NodesDiffer { .. } => 91,
        LanguageServer { .. } => 92,
        ToolNotXml { .. } => 93,
        Configure(_) => 94,
        NoSuchUser { .. } => 95,
        NoSshKey { .. } => 96,
        SshCopyIdFailed { .. } => 97,
        NotAddress { .. } => 98,
        ClusterActive { .. } => 99,
        JoinedExisting => 100,
        NotAdminAddress { .. } => 101,
        AddressInUse { .. } => 102,
        ClusterInactive { .. } => 103,
    }
}

const COMMAND_KINDS: usize = 42;
fn command_ordinal(k: &CommandError) -> usize {
    use CommandError::*;
    match k {
        NotPromotable { .. } => 0,
        NoTargetNode => 1,
        NotOurNode { .. } => 2,
        ExpectedOnOff { .. } => 3,
        NotPrimitive { .. } => 4,
        NoMonitor { .. } => 5,
        NoOperation { .. } => 6,
        NoOperationInterval { .. } => 7,
        TraceUsage => 8,
        NeedsForce { .. } => 9,
        Declined { .. } => 10,
        NodeStillActive { .. } => 11,
        NodeInMembership { .. } => 12,
        NodeNotRemoved { .. } => 13,
        NoFailCount { .. } => 14,
        FailCountAmbiguous { .. } => 15,
        FailCountNoResource { .. } => 16,
        TicketCommand { .. } => 17,
        TicketValue { .. } => 18,
        NoSuchTicket { .. } => 19,
        TicketEmpty { .. } => 20,
        NotInMaintenance { .. } => 21,
        MustRunHere { .. } => 22,
        ActionUnsupported { .. } => 23,
        ActionFailed { .. } => 24,
        ClassUnsupported { .. } => 25,
        ExpectedSsh { .. } => 26,
        UnknownAgent { .. } => 27,
        ValidateOcfOnly { .. } => 28,
        NoValidateAll { .. } => 29,
        ExpectedNameValue { .. } => 30,
        NoSuchFile { .. } => 31,
        NoPeInput { .. } => 32,
        SeveralPeInputs { .. } => 33,
        BadShadowName { .. } => 34,
        NothingToCommit => 35,
        ExpectedWithStatus { .. } => 36,
        CannotTemplate => 37,
        PrimitiveNotFound { .. } => 38,
        NotAPrimitive { .. } => 39,
        AtLeast { .. } => 40,
        SecretShown => 41,
    }
}

const CONFIGURE_KINDS: usize = 34;
fn configure_ordinal(k: &ConfigureError) -> usize {
    use ConfigureError::*;
    match k {
        NotAPrimitive { .. } => 0,
        NoTemplate { .. } => 1,
        TooComplex { .. } => 2,
        CannotValidate { .. } => 3,
        TimeoutsIncomplete => 4,
        NoSuchSchema { .. } => 5,
        SchemaConflicts { .. } => 6,
        ExpectedForce { .. } => 7,
        GraphFormat { .. } => 8,
        GraphType { .. } => 9,
        SimulateWord { .. } => 10,
        CibstatusCommand { .. } => 11,
        NodeState { .. } => 12,
        OpOutcome { .. } => 13,
        NotInStatus { .. } => 14,
        StatusValue { .. } => 15,
        StagedChanges => 16,
        EditedXml { .. } => 17,
        NoStatus { .. } => 18,
        OpNeedsInterval { .. } => 19,
        OpOnNodes { .. } => 20,
        StatusUnchanged => 21,
        StatusToCluster => 22,
        AssistNoPrimitive => 23,
        AssistPrimitiveMissing { .. } => 24,
        AssistNotPrimitives => 25,
        AssistAgentsDiffer => 26,
        AssistTemplateFailed => 27,
        WeakBondTooFew => 28,
        WeakBondMissing { .. } => 29,
        WeakBondNotPrimitive { .. } => 30,
        RsctestNoElement { .. } => 31,
        RsctestNoResource => 32,
        RsctestSyntax { .. } => 33,
    }
}

fn configure_samples() -> Vec<ConfigureError> {
    use ConfigureError as C;
    let x = |s: &str| format!("x-{s}");
    vec![
        C::NotAPrimitive { id: x("id") },
        C::NoTemplate {
            template: x("template"),
            rsc: x("rsc"),
        },
        C::TooComplex { rsc: x("rsc") },
        C::CannotValidate {
            rsc: x("rsc"),
            agent: x("agent"),
        },
        C::TimeoutsIncomplete,
        C::NoSuchSchema { name: x("name") },
        C::SchemaConflicts {
            name: x("name"),
            problem: x("problem"),
        },
        C::ExpectedForce { word: x("word") },
        C::GraphFormat {
            format: x("format"),
        },
        C::GraphType { kind: x("kind") },
        C::SimulateWord { word: x("word") },
        C::CibstatusCommand { word: x("word") },
        C::NodeState { state: x("state") },
        C::OpOutcome { rc: x("rc") },
        C::NotInStatus { what: x("what") },
        C::StatusValue {
            word: x("word"),
            expected: "online or offline",
        },
        C::StagedChanges,
        C::EditedXml {
            problem: crmtool::error::EditedXmlProblem::Unreadable {
                message: x("message"),
            },
        },
        C::EditedXml {
            problem: crmtool::error::EditedXmlProblem::NoConfiguration,
        },
        C::EditedXml {
            problem: crmtool::error::EditedXmlProblem::NotCib { root: x("nodes") },
        },
        C::NoStatus {
            source: x("source"),
        },
        C::OpNeedsInterval { rsc: x("rsc") },
        C::OpOnNodes {
            op: x("op"),
            nodes: vec![x("node")],
        },
        C::StatusUnchanged,
        C::StatusToCluster,
        C::AssistNoPrimitive,
        C::AssistPrimitiveMissing { id: x("id") },
        C::AssistNotPrimitives,
        C::AssistAgentsDiffer,
        C::AssistTemplateFailed,
        C::WeakBondTooFew,
        C::WeakBondMissing { id: x("id") },
        C::WeakBondNotPrimitive { id: x("id") },
        C::RsctestNoElement { id: x("id") },
        C::RsctestNoResource,
        C::RsctestSyntax { word: x("word") },
    ]
}

fn command_samples() -> Vec<CommandError> {
    use CommandError as C;
    vec![
        C::NotPromotable {
            rsc: "x-rsc".into(),
        },
        C::NoTargetNode,
        C::NotOurNode {
            node: "x-node".into(),
        },
        C::ExpectedOnOff {
            word: "x-word".into(),
        },
        C::NotPrimitive { id: "x-id".into() },
        C::NoMonitor {
            rsc: "x-rsc".into(),
        },
        C::NoOperation {
            rsc: "x-rsc".into(),
            op: "x-op".into(),
        },
        C::NoOperationInterval {
            rsc: "x-rsc".into(),
            op: "x-op".into(),
            interval: "x-interval".into(),
        },
        C::TraceUsage,
        C::NeedsForce {
            what: "x-what".into(),
        },
        C::Declined {
            what: "x-what".into(),
        },
        C::NodeStillActive {
            node: "x-node".into(),
        },
        C::NodeInMembership {
            node: "x-node".into(),
        },
        C::NodeNotRemoved {
            node: "x-node".into(),
        },
        C::NoFailCount {
            rsc: "x-rsc".into(),
            node: "x-node".into(),
        },
        C::FailCountAmbiguous {
            rsc: "x-rsc".into(),
            choices: "x-choices".into(),
        },
        C::FailCountNoResource {
            rsc: "x-rsc".into(),
        },
        C::TicketCommand {
            word: "x-word".into(),
        },
        C::TicketValue {
            ticket: "x-ticket".into(),
            value: "x-value".into(),
        },
        C::NoSuchTicket {
            ticket: "x-ticket".into(),
        },
        C::TicketEmpty {
            ticket: "x-ticket".into(),
        },
        C::NotInMaintenance {
            rsc: "x-rsc".into(),
        },
        C::MustRunHere {
            rsc: "x-rsc".into(),
            node: "x-node".into(),
        },
        C::ActionUnsupported {
            action: "x-action".into(),
            agent: "x-agent".into(),
        },
        C::ActionFailed {
            action: "x-action".into(),
            rc: "x-rc".into(),
            node: "x-node".into(),
        },
        C::ClassUnsupported {
            action: "x-action".into(),
            class: "x-class".into(),
        },
        C::ExpectedSsh {
            word: "x-word".into(),
        },
        C::UnknownAgent {
            agent: "x-agent".into(),
        },
        C::ValidateOcfOnly {
            agent: "x-agent".into(),
        },
        C::NoValidateAll {
            agent: "x-agent".into(),
        },
        C::ExpectedNameValue {
            word: "x-word".into(),
        },
        C::NoSuchFile {
            path: "x-path".into(),
        },
        C::NoPeInput {
            name: "x-name".into(),
        },
        C::SeveralPeInputs {
            name: "x-name".into(),
            files: "x-files".into(),
        },
        C::BadShadowName {
            name: "x-name".into(),
        },
        C::NothingToCommit,
        C::ExpectedWithStatus {
            word: "x-word".into(),
        },
        C::CannotTemplate,
        C::PrimitiveNotFound { id: "x-id".into() },
        C::NotAPrimitive { id: "x-id".into() },
        C::AtLeast {
            count: 3,
            what: "x-what".into(),
        },
        C::SecretShown,
    ]
}

/// One value of every kind (and of every form a kind's wording has).
fn samples() -> Vec<ErrorKind> {
    use ErrorKind as K;
    let mut all = vec![
        K::NoClosingQuotation,
        K::SmartQuote { quote: '“' },
        K::UnknownCommand {
            word: "x-word".into(),
            suggestion: Some("x-suggestion".into()),
        },
        K::Expected {
            what: "x-what".into(),
            found: Some("x-found".into()),
            suggestion: Some("x-suggestion".into()),
        },
        K::AtLeastArguments {
            count: 3,
            keyword: "x-keyword".into(),
        },
        K::BadAgentSpec {
            spec: "x-spec".into(),
        },
        K::UnknownNodeType {
            spec: "x-spec".into(),
        },
        K::InvalidId { id: "x-id".into() },
        K::UnknownAttribute {
            attr: "x-attr".into(),
        },
        K::UnknownArguments {
            args: "x-args".into(),
        },
        K::EmptyValue {
            name: "x-name".into(),
        },
        K::InvalidRole {
            role: "x-role".into(),
            rsc: "x-rsc".into(),
        },
        K::InvalidSetRole {
            item: "x-item".into(),
        },
        K::InvalidAction {
            action: "x-action".into(),
            rsc: "x-rsc".into(),
        },
        K::InvalidKind {
            kind: "x-kind".into(),
        },
        K::NestedSets,
        K::MismatchedBracket,
        K::UnmatchedClosingBracket,
        K::UnmatchedOpeningBracket,
        K::EmptySet,
        K::MixedBoolOps {
            first: "x-first".into(),
            second: "x-second".into(),
        },
        K::AttributeOrder {
            name: "x-name".into(),
        },
        K::DuplicateChild {
            child: "x-child".into(),
            parent: "x-parent".into(),
        },
        K::AtLeastPairs,
        K::ParamNameSplit {
            first: "x-first".into(),
            second: "x-second".into(),
        },
        K::XmlElementUnknown {
            name: "x-name".into(),
        },
        K::XmlMalformed {
            message: "x-message".into(),
        },
        K::AclAttributeWithoutType,
        K::DuplicateObject {
            node: false,
            id: "x-id".into(),
        },
        K::MissingConstraintResource {
            constraint: "x-constraint".into(),
            rsc: "x-rsc".into(),
        },
        K::GroupChildNotPrimitive {
            group: "x-group".into(),
            child: "x-child".into(),
            kind: "x-kind".into(),
        },
        K::ChildInOtherContainer {
            parent: "x-parent".into(),
            child: "x-child".into(),
            other: "x-other".into(),
        },
        K::MissingChild {
            parent: "x-parent".into(),
            child: "x-child".into(),
        },
        K::ContainerChildKind {
            parent: "x-parent".into(),
            child: "x-child".into(),
            kind: "x-kind".into(),
        },
        K::MonitorTarget {
            rsc: "x-rsc".into(),
        },
        K::MonitorExists {
            rsc: "x-rsc".into(),
            interval: "x-interval".into(),
        },
        K::ObjectExists { id: "x-id".into() },
        K::NoSuchObject { id: "x-id".into() },
        K::CommentNotSaved {
            section: "x-section".into(),
            line: "x-line".into(),
        },
        K::IdInUse { id: "x-id".into() },
        K::MaskedSecretKept {
            name: "x-name".into(),
            id: "x-id".into(),
        },
        K::EmbeddedCopyDiffers {
            container: "x-container".into(),
            member: "x-member".into(),
        },
        K::Schema {
            message: "x-message".into(),
            object: Some(obj()),
        },
        K::SchemaInvalid {
            schema: "x-schema".into(),
            object: Some(obj()),
            element: Some("x-element".into()),
            message: "x-message".into(),
        },
        K::MissingReference {
            object: obj(),
            what: Reference::IdRef,
            id: "x-id".into(),
        },
        K::LocationScoreAttribute {
            object: obj(),
            score: "x-score".into(),
        },
        K::UnknownResourceClass {
            object: obj(),
            class: "x-class".into(),
            known: "x-known".into(),
        },
        K::Io {
            path: "x-path".into(),
            message: "x-message".into(),
        },
        K::Cib {
            message: "x-message".into(),
        },
        K::InvalidUtf8 {
            path: "x-path".into(),
            line: 3,
            offset: 3,
        },
        K::FileRefused {
            path: "x-path".into(),
            why: FileRefusal::ReadOnly,
        },
        K::Usage {
            message: "x-message".into(),
        },
        K::BadOption {
            message: "x-message".into(),
        },
        K::Reported,
        K::CommandFailed {
            command: "x-command".into(),
            message: "x-message".into(),
        },
        K::NoSuchCommand {
            word: "x-word".into(),
        },
        K::EditorFailed {
            editor: "x-editor".into(),
            status: "x-status".into(),
        },
        K::EditCollision {
            ids: vec!["a".into(), "b".into()],
        },
        K::NeedsTerminal {
            command: "x-command".into(),
        },
        K::LooksLikeSheet {
            path: "x-path".into(),
            kind: "x-kind".into(),
        },
        K::ChecksRefused { count: 3 },
        K::ChecksFailed { count: 3 },
        K::BadArguments {
            command: "x-command".into(),
            usage: "x-usage".into(),
        },
        K::MoreErrors { count: 3 },
        K::NoHelp {
            word: "x-word".into(),
            level: "x-level".into(),
        },
        K::ToolMissing {
            tool: "x-tool".into(),
        },
        K::ToolFailed {
            call: "x-call".into(),
            status: "x-status".into(),
            stderr: "x-stderr".into(),
        },
        K::NoCluster {
            call: "x-call".into(),
            status: "x-status".into(),
            stderr: "x-stderr".into(),
        },
        K::CommitRejected {
            call: "x-call".into(),
            status: "x-status".into(),
            stderr: "x-stderr".into(),
        },
        K::CibChanged {
            started: "x-started".into(),
            now: "x-now".into(),
            what: "x-what".into(),
        },
        K::CommitUnconfirmed {
            expected: "x-expected".into(),
            now: "x-now".into(),
        },
        K::WaitTimedOut { seconds: 30 },
        K::CommitStarved { tries: 3 },
        K::VerifyRefused {
            report: "x-report".into(),
        },
        K::NoSuchNode {
            node: "x-node".into(),
        },
        K::NoSuchResource { id: "x-id".into() },
        K::NoSuchSource {
            source: "x-source".into(),
        },
        K::NotAReport {
            path: "x-path".into(),
        },
        K::NoTransitions,
        K::PeNotFound {
            spec: "x-spec".into(),
        },
        K::PeAmbiguous {
            spec: "x-spec".into(),
        },
        K::BadTime {
            spec: "x-spec".into(),
        },
        K::SameTimes {
            spec: "x-spec".into(),
        },
        K::NoSuchSession {
            name: "x-name".into(),
        },
        K::SessionExists {
            name: "x-name".into(),
        },
        K::BadRegex {
            regex: "x-regex".into(),
            message: "x-message".into(),
        },
        K::RemoteFailed {
            node: "x-node".into(),
            message: "x-message".into(),
        },
        K::NoNodes,
        K::CorosyncKey {
            key: "x-key".into(),
        },
        K::CorosyncSyntax {
            path: "x-path".into(),
            line: 3,
            message: "x-message".into(),
        },
        K::NodesDiffer {
            what: "x-what".into(),
            nodes: vec!["a".into(), "b".into()],
        },
        K::LanguageServer {
            detail: "x-detail".into(),
        },
        K::ToolNotXml {
            call: "x-call".into(),
            error: "x-error".into(),
        },
        K::NoSuchUser {
            user: "x-user".into(),
        },
        K::NoSshKey {
            node: "x-node".into(),
            user: "x-user".into(),
        },
        K::SshCopyIdFailed {
            node: "x-node".into(),
            user: "x-user".into(),
        },
        K::NotAddress {
            value: "x-value".into(),
        },
        K::ClusterActive {
            node: "x-node".into(),
        },
        K::JoinedExisting,
        K::NotAdminAddress {
            value: "x-value".into(),
        },
        K::AddressInUse {
            addr: "x-addr".into(),
        },
        K::ClusterInactive {
            stage: "x-stage".into(),
        },
        // the other forms of the wording
        K::Expected {
            what: "x-what".into(),
            found: None,
            suggestion: None,
        },
        K::DuplicateObject {
            node: true,
            id: "node1".into(),
        },
        K::VerifyRefused {
            report: String::new(),
        },
        K::UnknownCommand {
            word: "primitiv".into(),
            suggestion: Some("primitive".into()),
        },
        K::SchemaInvalid {
            schema: "pacemaker-3.9".into(),
            object: None,
            element: None,
            message: "m".into(),
        },
        K::SchemaInvalid {
            schema: "pacemaker-3.9".into(),
            object: Some(obj()),
            element: None,
            message: "m".into(),
        },
        K::SchemaInvalid {
            schema: "pacemaker-3.9".into(),
            object: None,
            element: Some("<op>".into()),
            message: "m".into(),
        },
        K::BadArguments {
            command: "standby".into(),
            usage: "standby [NODE]".into(),
        },
    ];
    for what in [
        Reference::Template,
        Reference::IdRef,
        Reference::AclReference,
        Reference::AclRole,
    ] {
        all.push(K::MissingReference {
            object: obj(),
            what,
            id: "r1".into(),
        });
    }
    for why in [
        FileRefusal::ReadOnly,
        FileRefusal::NotRegular,
        FileRefusal::DanglingLink,
        FileRefusal::Owner { uid: 1, gid: 2 },
        FileRefusal::SameAsInput,
    ] {
        all.push(K::FileRefused {
            path: "/tmp/out.crm".into(),
            why,
        });
    }
    all.extend(command_samples().into_iter().map(K::Command));
    all.extend(configure_samples().into_iter().map(K::Configure));
    all
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// The language `LANG=value` chooses, as crm chooses it.
fn lang_of(value: &str) -> Lang {
    i18n::from_locale(|v| (v == "LANG").then(|| value.to_string()))
}

#[test]
fn every_error_kind_has_a_japanese_and_an_english_message() {
    let ja = lang_of("ja_JP.UTF-8");
    let en = lang_of("C");
    assert_eq!((ja, en), (Lang::Ja, Lang::En));
    let all = samples();
    let mut seen = [false; KINDS];
    let mut seen_commands = [false; COMMAND_KINDS];
    let mut seen_configure = [false; CONFIGURE_KINDS];
    let mut failures = Vec::new();
    for kind in &all {
        seen[ordinal(kind)] = true;
        if let ErrorKind::Command(c) = kind {
            seen_commands[command_ordinal(c)] = true;
        }
        if let ErrorKind::Configure(c) = kind {
            seen_configure[configure_ordinal(c)] = true;
        }
        let e = Error::new(kind.clone());
        let (j, n) = (i18n::error_text_in(ja, &e), i18n::error_text_in(en, &e));
        assert_eq!(n, kind.to_string(), "English is error.rs's wording");
        if matches!(kind, ErrorKind::Reported) {
            // Prints nothing in any language (its messages came before).
            assert!(j.is_empty() && n.is_empty());
            continue;
        }
        if !has_japanese(&j) || j == n {
            failures.push(format!("{kind:?}: ja {j:?} / en {n:?}"));
        }
        // A hint in English has one in Japanese.
        match (i18n::help_text_in(ja, &e), i18n::help_text_in(en, &e)) {
            (_, None) => {}
            (Some(jh), Some(nh)) if has_japanese(&jh) && jh != nh => {}
            (jh, nh) => failures.push(format!("{kind:?}: help ja {jh:?} / en {nh:?}")),
        }
    }
    let missing: Vec<usize> = (0..KINDS).filter(|i| !seen[*i]).collect();
    assert!(
        missing.is_empty(),
        "ErrorKind variants without a sample (by position): {missing:?}"
    );
    let missing: Vec<usize> = (0..COMMAND_KINDS).filter(|i| !seen_commands[*i]).collect();
    assert!(
        missing.is_empty(),
        "CommandError variants without a sample: {missing:?}"
    );
    let missing: Vec<usize> = (0..CONFIGURE_KINDS)
        .filter(|i| !seen_configure[*i])
        .collect();
    assert!(
        missing.is_empty(),
        "ConfigureError variants without a sample: {missing:?}"
    );
    assert!(
        failures.is_empty(),
        "{} kinds lack Japanese:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let _ = writeln!(
        std::io::stderr(),
        "locale: {} error kinds ({KINDS} ErrorKind, {COMMAND_KINDS} CommandError, {CONFIGURE_KINDS} ConfigureError variants) checked in Japanese and English",
        all.len()
    );
}

#[test]
fn did_you_mean_and_hints_are_japanese_too() {
    let e = Error::new(ErrorKind::NoSuchCommand {
        word: "primitiv".into(),
    })
    .did_you_mean("primitiv", ["primitive", "group"]);
    assert_eq!(
        i18n::help_text_in(Lang::En, &e).as_deref(),
        Some("did you mean 'primitive'?")
    );
    assert_eq!(
        i18n::help_text_in(Lang::Ja, &e).as_deref(),
        Some("'primitive' のことですか?")
    );
    let e = Error::new(ErrorKind::NoClosingQuotation)
        .with_hint(crmtool::error::Hint::BlankAfterContinuation { line: 4 });
    let ja = i18n::help_text_in(Lang::Ja, &e).unwrap_or_default();
    assert!(ja.starts_with("4 行目は継続"), "{ja}");
    assert!(ja.ends_with("引用符が閉じられていません。"), "{ja}");
    let e = e.in_statement(7);
    assert_eq!(
        i18n::error_text_in(Lang::Ja, &e),
        "7: 引用符が閉じられていません。"
    );
}

#[test]
fn untranslated_help_pages_fall_back_to_english() {
    use crmtool::help;
    for (lang, name, _) in help::FILES {
        if *lang != Lang::En {
            continue;
        }
        let (Some(en), Some(ja)) = (help::book_in(Lang::En, name), help::book_in(Lang::Ja, name))
        else {
            panic!("{name}: no book");
        };
        for e in &en.entries {
            assert!(
                ja.entry(&e.name).is_some(),
                "{name}: {} missing in Japanese",
                e.name
            );
        }
    }
    let (ja, en) = help::translated(Lang::Ja);
    assert!(ja > 0 && ja <= en, "{ja} of {en}");
    let _ = writeln!(
        std::io::stderr(),
        "locale: {ja} of {en} help pages are translated into Japanese (the rest show in English)"
    );
}

// --- end to end: our binary under both locales ---------------------------

fn crm(locale: &str, args: &[&str], dir: &std::path::Path) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crm"));
    c.args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        // No crm.conf of the user's.
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("HOME", dir)
        .env("CIB_file", dir.join("cib.xml"));
    c.output().expect("crm runs")
}

fn workdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crm-locale-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("cib.xml"),
        "<cib validate-with=\"pacemaker-3.9\" admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\"><configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>\n",
    )
    .expect("cib");
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_syntax_error_with_its_location_in_both_languages() {
    let dir = workdir("syntax");
    std::fs::write(
        dir.join("bad.crm"),
        "primitive p1 Dummy\nprimitiv q ocf:heartbeat:Dummy\n",
    )
    .expect("write");
    let args = ["configure", "load", "update", "bad.crm"];
    let en = stderr(&crm("C", &args, &dir));
    assert!(
        en.contains("ERROR: bad.crm:2:1: syntax: Unknown command near primitiv"),
        "{en}"
    );
    assert!(en.contains("help: did you mean 'primitive'?"), "{en}");
    let ja_out = crm("ja_JP.UTF-8", &args, &dir);
    assert!(!ja_out.status.success());
    let ja = stderr(&ja_out);
    assert!(
        ja.contains("ERROR: bad.crm:2:1: 構文エラー: primitiv 付近に不明なコマンドがあります。"),
        "{ja}"
    );
    assert!(ja.contains("'primitive' のことですか?"), "{ja}");
    // The frame still points at the word.
    assert!(
        ja.contains("[bad.crm:2:1]") && ja.contains("不明な文"),
        "{ja}"
    );
    // eucJP and the bare language are Japanese too.
    assert!(stderr(&crm("ja_JP.eucJP", &args, &dir)).contains("構文エラー"));
    assert!(stderr(&crm("ja", &args, &dir)).contains("構文エラー"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_command_with_did_you_mean_in_both_languages() {
    let dir = workdir("unknown");
    let en = stderr(&crm("C", &["configure", "primitiv"], &dir));
    assert!(en.contains("ERROR: primitiv: No such command"), "{en}");
    assert!(en.contains("did you mean 'primitive'?"), "{en}");
    let ja = stderr(&crm("ja_JP.UTF-8", &["configure", "primitiv"], &dir));
    assert!(
        ja.contains("ERROR: primitiv: そのようなコマンドはありません。"),
        "{ja}"
    );
    assert!(ja.contains("'primitive' のことですか?"), "{ja}");
    // --lang forces one either way.
    let forced = stderr(&crm(
        "ja_JP.UTF-8",
        &["--lang", "en", "configure", "primitiv"],
        &dir,
    ));
    assert_eq!(forced, en);
    let forced = stderr(&crm("C", &["--lang", "ja", "configure", "primitiv"], &dir));
    assert_eq!(forced, ja);
    // So does crm.conf's `[core] language`.
    std::fs::create_dir_all(dir.join("config/crm")).expect("dir");
    std::fs::write(dir.join("config/crm/crm.conf"), "[core]\nlanguage = ja\n").expect("conf");
    assert_eq!(stderr(&crm("C", &["configure", "primitiv"], &dir)), ja);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_help_page_in_both_languages() {
    let dir = workdir("help");
    let en = stdout(&crm("C", &["help", "node", "standby"], &dir));
    assert!(en.contains("standby - take a node out of service"), "{en}");
    assert!(en.contains("Usage:"), "{en}");
    let ja = stdout(&crm("ja_JP.UTF-8", &["help", "node", "standby"], &dir));
    assert!(ja.contains("standby - ノードをサービスから外す"), "{ja}");
    assert!(
        ja.contains("使い方:") && ja.contains("standby [NODE ...|all|--all] [reboot|forever]"),
        "{ja}"
    );
    // Every level's pages are Japanese now (tests/help_coverage.rs checks
    // each page): a level translated last, with its syntax and example
    // as in English. A page added in English alone would still show, in
    // English (`untranslated_help_pages_fall_back_to_english`).
    let ja_page = crm("ja_JP.UTF-8", &["help", "corosync", "diff"], &dir);
    let en_page = crm("C", &["help", "corosync", "diff"], &dir);
    assert!(ja_page.status.success(), "{}", stderr(&ja_page));
    assert!(stderr(&ja_page).is_empty());
    let (ja_text, en_text) = (stdout(&ja_page), stdout(&en_page));
    assert!(
        ja_text.contains("corosync diff - ノード間の corosync.conf の差分"),
        "{ja_text}"
    );
    assert!(
        en_text.contains("corosync diff - corosync.conf across nodes"),
        "{en_text}"
    );
    for line in ["    diff [--checksum] [NODE ...]", "    diff\n"] {
        assert!(ja_text.contains(line) && en_text.contains(line), "{line:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_commit_checks_findings_are_japanese_too() {
    use crmtool::notice::Check as C;
    let s = |x: &str| x.to_string();
    let all = [
        C::NoMetadata {
            agent: s("ocf:x:y"),
        },
        C::NoSuchAgent {
            agent: s("ocf:x:y"),
        },
        C::NoSuchTemplate { template: s("t") },
        C::UnknownParam {
            id: s("p1"),
            name: s("ipp"),
        },
        C::MissingParam {
            id: s("p1"),
            name: s("ip"),
        },
        C::UnknownAction {
            id: s("p1"),
            action: s("frob"),
        },
        C::ShortTimeout {
            id: s("p1"),
            op: s("start"),
            timeout: s("10s"),
            advised: s("20s"),
            default: true,
        },
        C::ShortTimeout {
            id: s("p1"),
            op: s("start"),
            timeout: s("10s"),
            advised: s("20s"),
            default: false,
        },
        C::MonitorIntervalZero {
            id: s("p1"),
            advised: s("10s"),
        },
        C::MonitorIntervalTwice {
            id: s("p1"),
            advised: s("10s"),
        },
        C::IntervalNotZero {
            id: s("p1"),
            op: s("start"),
            interval: s("10s"),
        },
        C::UnknownAttribute {
            id: s("p1"),
            name: s("x"),
        },
        C::NodeMissing {
            id: s("l1"),
            node: s("node9"),
        },
        C::FencingTarget { target: s("node9") },
        C::FencingDevice { device: s("f1") },
        C::NotStonith { device: s("f1") },
        C::UniqueClash {
            ids: vec![s("a"), s("b")],
            param: s("ip"),
            value: s("192.0.2.1"),
        },
        C::NotChecked {
            agent: s("ocf:x:y"),
        },
        C::OptionsNotChecked,
    ];
    for c in &all {
        let (ja, en) = (
            i18n::check_text_in(Lang::Ja, c),
            i18n::check_text_in(Lang::En, c),
        );
        assert_eq!(en, c.to_string());
        assert!(has_japanese(&ja) && ja != en, "{c:?}: {ja}");
    }
}

/// pm_crmgen's own messages: Japanese by default whatever the locale (as the
/// original, for scripts that grep them), English with `--lang en`, and the
/// locale's language with `--lang locale`; the row stays the same.
#[test]
fn pm_crmgen_messages_follow_lang_and_keep_japanese_by_default() {
    let sheet = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pm_pcsgen/cases/err-nesting.csv");
    let run = |args: &[&str], locale: &str| -> String {
        let out: Output = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"))
            .args(args)
            .arg(&sheet)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", locale)
            .output()
            .expect("pm_crmgen runs");
        assert_eq!(out.status.code(), Some(1), "the sheet is refused");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let ja = "err-nesting.csv(L5): リソース種別('resourceItem'列)の設定に誤りがあります";
    let en = "err-nesting.csv(L5): The resource kind ('resourceItem' column) is wrong";
    for (args, locale, want) in [
        (&[][..], "C", ja),
        (&[][..], "en_US.UTF-8", ja),
        (&["--lang", "en"][..], "ja_JP.UTF-8", en),
        (&["--lang=ja"][..], "C", ja),
        (&["--lang", "locale"][..], "C", en),
        (&["--lang", "locale"][..], "ja_JP.UTF-8", ja),
        (&["--lang", "en_US.UTF-8"][..], "C", en),
    ] {
        let said = run(args, locale);
        assert!(said.contains(want), "{args:?} LANG={locale}: {said}");
        // The closing line of a refusal is in the same language.
        assert_eq!(
            has_japanese(said.lines().last().unwrap_or("")),
            want == ja,
            "{args:?} LANG={locale}: {said}"
        );
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"))
        .args(["--lang", "fr", "x.csv"])
        .output()
        .expect("pm_crmgen runs");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("option --lang: invalid choice: 'fr'"));
}

// --- notices: questions and INFO/WARNING lines that are not errors -------

/// Every `notice::Notice`, `notice::Told`, `notice::Said` and `error::Notice`
/// variant by position, exhaustively: a new variant does not compile here
/// until it is numbered, and the test fails until it has a sample.
fn notice_ordinal(n: &crmtool::notice::Notice) -> usize {
    use crmtool::notice::Notice::*;
    match n {
        CommitPending => 0,
        DropPending => 1,
        AnswerYesOrNo => 2,
        StillStaged => 3,
        CommitForced => 4,
        StillCommit => 5,
        Discarded { .. } => 6,
    }
}
const NOTICES: usize = 7;

fn told_ordinal(t: &crmtool::notice::Told) -> usize {
    use crmtool::notice::Told::*;
    match t {
        NotAPrimitive { .. } => 0,
        TemplateUndefined { .. } => 1,
        NoAgentFor { .. } => 2,
        AlreadySchema { .. } => 3,
        UpgradeNeedsForce { .. } => 4,
        Upgraded { .. } => 5,
        UpgradeNothing { .. } => 6,
        GraphWritten { .. } => 7,
        NoDot => 8,
        SimulateNoStatus => 9,
        NoActions => 10,
        InstallGraphviz => 54,
        EmptyDotFile => 55,
        StartingViewer { .. } => 56,
        SimulationFailed { .. } => 11,
        StatusLoaded { .. } => 12,
        StatusSaved { .. } => 13,
        StatusOrigin { .. } => 14,
        StatusUpdated => 15,
        NothingToCommit => 16,
        TryChanging => 17,
        OverwritingOtherChange => 18,
        NoCrmVerify { .. } => 19,
        MsDeprecated { .. } => 20,
        RegtestBadParam { .. } => 21,
        ModgroupUnknown { .. } => 22,
        ConstraintRscMissing { .. } => 23,
        ConstraintRscGrouped { .. } => 24,
        ConstraintRscAmbiguous { .. } => 25,
        LevelTargetNotNode { .. } => 26,
        LevelDeviceMissing { .. } => 27,
        LevelDeviceNotStonith { .. } => 28,
        NoSuchTemplateFile { .. } => 29,
        TemplateMissing { .. } => 30,
        PullingInTemplate { .. } => 31,
        TemplateWrongUsage { .. } => 32,
        TemplateNoClosingQuotation { .. } => 33,
        TemplateParamNameMissing => 34,
        TemplateRequiredNotSet { .. } => 35,
        TemplateSyntax { .. } => 36,
        TemplateUnexpected { .. } => 37,
        TemplateNewSyntax { .. } => 38,
        ConfigBadName { .. } => 39,
        NoSuchConfig { .. } => 40,
        LoadConfigFirst => 41,
        TemplateDeleteSyntax { .. } => 42,
        ConfigExists { .. } => 43,
        TemplateArgumentExpected => 44,
        CannotCreate { .. } => 45,
        RsctestProbing => 46,
        RsctestStopFirst => 47,
        RsctestNoClass { .. } => 48,
        RsctestClass { .. } => 49,
        RsctestProbe { .. } => 50,
        RsctestHost { .. } => 51,
        RsctestStopFailed { .. } => 52,
        RsctestRhcs { .. } => 53,
    }
}
const TOLDS: usize = 57;

fn said_ordinal(s: &crmtool::notice::Said) -> usize {
    use crmtool::notice::Said::*;
    match s {
        DeprecatedAlias { .. } => 0,
        AcceptedAs { .. } => 1,
        ConstraintCreated { .. } => 2,
        UseClear { .. } => 3,
        ConstraintsRemoved { .. } => 4,
        Ordering { .. } => 5,
        TraceWritten { .. } => 6,
        TraceRestart { .. } => 7,
        TraceStopped { .. } => 8,
        NodeState { .. } => 9,
        NodeDeleted { .. } => 10,
        ProceedingRemoval { .. } => 11,
        ShadowCreated { .. } => 12,
        ShadowReset { .. } => 13,
        ShadowDeleted { .. } => 14,
        ShadowCommitted { .. } => 15,
        TicketState { .. } => 16,
        TicketTime { .. } => 17,
        TemplateCreated { .. } => 18,
        WeakBondPlan { .. } => 19,
        AgentSaid { .. } => 20,
        AskFence { .. } => 21,
        AskClearState { .. } => 22,
        AskRemoveConfigInUse { .. } => 55,
        AskOverrideChild { .. } => 23,
        AskChildConflict { .. } => 24,
        AskResourceConflict { .. } => 25,
        AskAttributeExists { .. } => 26,
        AskConflictsIn { .. } => 27,
        AskCreateResources => 28,
        ChangeLoginShell { .. } => 29,
        AskOverwrite { .. } => 30,
        ForcedYes { .. } => 31,
        Services { .. } => 32,
        FileCopied { .. } => 33,
        FileSameOn { .. } => 34,
        Generated { .. } => 35,
        ConfiguringCorosync => 36,
        Wrote { .. } => 37,
        LoadingInitialConfiguration => 38,
        WaitingForCluster => 39,
        RemovedFromCluster { .. } => 40,
        RetrievedFrom { .. } => 41,
        RetrievingInformation => 42,
        TransitionSaved { .. } => 43,
        RunningPtest { .. } => 44,
        SessionDeletedLive => 45,
        SessionPacked { .. } => 46,
        ReportSavedIn { .. } => 47,
        ReportTimespan { .. } => 48,
        SshdNotRunning { .. } => 49,
        GeneratingSshKey { .. } => 50,
        ConfiguringSsh { .. } => 51,
        VerifyHealth => 52,
        HealthNodes { .. } => 53,
        HealthReportFailed { .. } => 54,
        ConfiguringVirtualIp { .. } => 56,
    }
}
const SAIDS: usize = 57;

fn commit_notice_ordinal(n: &crmtool::error::Notice) -> usize {
    use crmtool::error::Notice::*;
    match n {
        ValidationSkipped { .. } => 0,
        TagMemberMissing { .. } => 1,
        FencingDeviceMissing { .. } => 2,
        FencingTargetNotNode { .. } => 3,
        PropertyWithoutValue { .. } => 4,
    }
}
const COMMIT_NOTICES: usize = 5;

/// Each sample's (label, Japanese, English) texts, and which variant it is.
fn notice_texts() -> Vec<(String, String, String, &'static str, usize)> {
    use crmtool::error::{Notice as CN, SkipReason};
    use crmtool::notice::{Notice as N, Said as S, Told as T};
    let s = |x: &str| x.to_string();
    let mut out = Vec::new();
    let notices = [
        N::CommitPending,
        N::DropPending,
        N::AnswerYesOrNo,
        N::StillStaged,
        N::CommitForced,
        N::StillCommit,
        N::Discarded {
            changed: vec![s("p1")],
            deleted: vec![s("p2")],
        },
        N::Discarded {
            changed: vec![],
            deleted: vec![],
        },
    ];
    for n in &notices {
        out.push((
            format!("{n:?}"),
            i18n::notice_text_in(Lang::Ja, n),
            i18n::notice_text_in(Lang::En, n),
            "Notice",
            notice_ordinal(n),
        ));
    }
    let tolds = [
        T::NotAPrimitive { id: s("g1") },
        T::TemplateUndefined { id: s("p1") },
        T::NoAgentFor { id: s("p1") },
        T::AlreadySchema {
            name: s("pacemaker-3.9"),
        },
        T::UpgradeNeedsForce {
            schema: s("pacemaker-2.0"),
        },
        T::Upgraded {
            from: s("pacemaker-2.0"),
            to: s("pacemaker-3.9"),
        },
        T::UpgradeNothing {
            schema: s("pacemaker-3.9"),
        },
        T::GraphWritten { file: s("g.svg") },
        T::NoDot,
        T::SimulateNoStatus,
        T::NoActions,
        T::InstallGraphviz,
        T::EmptyDotFile,
        T::StartingViewer {
            program: s("dotty"),
        },
        T::SimulationFailed { code: s("2") },
        T::StatusLoaded { origin: s("live") },
        T::StatusSaved { origin: s("s.xml") },
        T::StatusOrigin { origin: s("live") },
        T::StatusUpdated,
        T::NothingToCommit,
        T::TryChanging,
        T::OverwritingOtherChange,
        T::NoCrmVerify { schema_only: true },
        T::NoCrmVerify { schema_only: false },
        T::MsDeprecated {
            suggestion: s("ms1 p1 meta promotable=true"),
        },
        T::RegtestBadParam { param: s("maybe") },
        T::ModgroupUnknown { sub: s("move") },
        T::ConstraintRscMissing {
            id: s("l1"),
            rsc: s("p9"),
        },
        T::ConstraintRscGrouped {
            id: s("l1"),
            rsc: s("p1"),
        },
        T::ConstraintRscAmbiguous {
            id: s("l1"),
            rsc: s("p1"),
        },
        T::LevelTargetNotNode {
            id: s("fencing"),
            target: s("node9"),
        },
        T::LevelDeviceMissing {
            id: s("fencing"),
            device: s("f9"),
        },
        T::LevelDeviceNotStonith {
            id: s("fencing"),
            device: s("p1"),
        },
        T::NoSuchTemplateFile { name: s("vip") },
        T::TemplateMissing {
            what: "'%generate'",
        },
        T::PullingInTemplate {
            name: s("virtual-ip"),
        },
        T::TemplateWrongUsage {
            line: s("%depends_on"),
        },
        T::TemplateNoClosingQuotation {
            line: s("%% ip \"192"),
        },
        T::TemplateParamNameMissing,
        T::TemplateRequiredNotSet { name: s("ip") },
        T::TemplateSyntax {
            line: s("%% ip 1 2"),
        },
        T::TemplateUnexpected { line: s("junk") },
        T::TemplateNewSyntax {
            args: s("vip virtual-ip params ip"),
        },
        T::ConfigBadName { name: s("a/b") },
        T::NoSuchConfig { name: s("vip") },
        T::LoadConfigFirst,
        T::TemplateDeleteSyntax { word: s("now") },
        T::ConfigExists { name: s("vip") },
        T::TemplateArgumentExpected,
        T::CannotCreate {
            kind: "rsc_template",
            id: s("template-dummy-1"),
            existing: "primitive",
        },
        T::RsctestProbing,
        T::RsctestStopFirst,
        T::RsctestNoClass { id: s("p1") },
        T::RsctestClass { class: s("nagios") },
        T::RsctestProbe {
            id: s("p1"),
            node: s("node1"),
            state: "running",
        },
        T::RsctestProbe {
            id: s("p1"),
            node: s("node1"),
            state: "not clean",
        },
        T::RsctestHost {
            node: s("node1"),
            status: s("exit code 1"),
        },
        T::RsctestStopFailed {
            id: s("p1"),
            node: s("node1"),
        },
        T::RsctestRhcs { id: s("f1") },
    ];
    for t in &tolds {
        out.push((
            format!("{t:?}"),
            i18n::told_text_in(Lang::Ja, t),
            i18n::told_text_in(Lang::En, t),
            "Told",
            told_ordinal(t),
        ));
    }
    let saids = [
        S::DeprecatedAlias {
            alias: s("migrate"),
            name: s("move"),
        },
        S::AcceptedAs {
            alias: s("migrate"),
            name: s("move"),
        },
        S::ConstraintCreated {
            action: "Move",
            rsc: s("p1"),
            node: Some(s("node2")),
        },
        S::ConstraintCreated {
            action: "Ban",
            rsc: s("p1"),
            node: None,
        },
        S::UseClear { rsc: s("p1") },
        S::ConstraintsRemoved { rsc: s("p1") },
        S::Ordering {
            rscs: s("p1, p2"),
            to: "stop",
        },
        S::Ordering {
            rscs: s("p1, p2"),
            to: "start",
        },
        S::TraceWritten {
            rsc: s("p1"),
            op: Some(s("start")),
            dir: s("/var/lib/heartbeat/trace_ra"),
        },
        S::TraceWritten {
            rsc: s("p1"),
            op: None,
            dir: s("/var/lib/heartbeat/trace_ra"),
        },
        S::TraceRestart {
            rsc: s("p1"),
            op: Some(s("start")),
        },
        S::TraceRestart {
            rsc: s("p1"),
            op: None,
        },
        S::TraceStopped {
            rsc: s("p1"),
            op: Some(s("start")),
        },
        S::TraceStopped {
            rsc: s("p1"),
            op: None,
        },
        S::NodeState {
            state: "standby",
            node: s("node1"),
        },
        S::NodeDeleted { node: s("node1") },
        S::ProceedingRemoval { node: s("node1") },
        S::ShadowCreated {
            at: s("cib"),
            name: s("test"),
        },
        S::ShadowReset {
            at: s("cib"),
            name: s("test"),
        },
        S::ShadowDeleted {
            at: s("cib"),
            name: s("test"),
        },
        S::ShadowCommitted {
            at: s("cib"),
            name: s("test"),
        },
        S::TicketState {
            ticket: s("t1"),
            granted: true,
        },
        S::TicketState {
            ticket: s("t1"),
            granted: false,
        },
        S::TicketTime {
            ticket: s("t1"),
            when: s("2026-12-02 10:00:00"),
        },
        S::TemplateCreated { name: s("web") },
        S::WeakBondPlan {
            constraint: s("place-constraint"),
            dummy: s("place-dummy"),
        },
        S::AgentSaid {
            line: s("some agent output"),
        },
        S::AskFence { node: s("node1") },
        S::AskClearState { node: s("node1") },
        S::AskRemoveConfigInUse { name: s("vip") },
        S::AskOverrideChild {
            attr: s("target-role"),
            child: s("p1"),
        },
        S::AskChildConflict {
            attr: s("is-managed"),
            conflicting: s("maintenance"),
            child: s("p1"),
        },
        S::AskResourceConflict {
            attr: s("is-managed"),
            conflicting: s("maintenance"),
            rsc: s("p1"),
        },
        S::AskAttributeExists {
            attr: s("maintenance"),
            owner: s("p1"),
        },
        S::AskConflictsIn {
            attr: s("maintenance"),
            with: s("is-managed"),
            owner: s("p1"),
        },
        S::AskCreateResources,
        S::ChangeLoginShell {
            user: s("hacluster"),
        },
        S::AskOverwrite {
            path: s("/etc/corosync/authkey"),
        },
        S::ForcedYes {
            question: s("Do you really want to drop state for node node1?"),
        },
        S::Services {
            node: s("node1"),
            did: crmtool::notice::ServicesDid::AlreadyStarted,
        },
        S::Services {
            node: s("node1"),
            did: crmtool::notice::ServicesDid::Started,
        },
        S::Services {
            node: s("node1"),
            did: crmtool::notice::ServicesDid::AlreadyStopped,
        },
        S::Services {
            node: s("node1"),
            did: crmtool::notice::ServicesDid::Stopped,
        },
        S::Services {
            node: s("node1"),
            did: crmtool::notice::ServicesDid::Enabled,
        },
        S::Services {
            node: s("node1"),
            did: crmtool::notice::ServicesDid::Disabled,
        },
        S::FileCopied {
            path: s("/etc/hosts"),
            node: s("node2"),
        },
        S::FileSameOn {
            file: s("/etc/hosts"),
            nodes: s("node1, node2"),
        },
        S::Generated {
            path: s("/etc/corosync/authkey"),
        },
        S::ConfiguringCorosync,
        S::Wrote {
            path: s("/etc/corosync/corosync.conf"),
        },
        S::LoadingInitialConfiguration,
        S::WaitingForCluster,
        S::RemovedFromCluster { node: s("node3") },
        S::ConfiguringVirtualIp {
            addr: s("10.0.0.100"),
        },
        S::RetrievedFrom {
            path: s("/etc/corosync/corosync.conf"),
            node: s("node1"),
        },
        S::RetrievingInformation,
        S::TransitionSaved {
            pe: s("pe-input-16.bz2"),
            name: s("t16"),
        },
        S::RunningPtest {
            pe: s("pe-input-16.bz2"),
        },
        S::SessionDeletedLive,
        S::SessionPacked {
            path: s("/root/s1.tar.bz2"),
        },
        S::ReportSavedIn {
            path: s("/tmp/r.tar.bz2"),
        },
        S::ReportTimespan {
            from: s("2026-12-01 00:00"),
            to: s("2026-12-02 00:00"),
        },
        S::SshdNotRunning { node: s("node1") },
        S::GeneratingSshKey {
            user: s("hacluster"),
        },
        S::ConfiguringSsh {
            user: s("root"),
            node: s("node2"),
        },
        S::VerifyHealth,
        S::HealthNodes {
            nodes: s("node1, node2"),
        },
        S::HealthReportFailed {
            detail: s("no ssh"),
        },
    ];
    for x in &saids {
        out.push((
            format!("{x:?}"),
            i18n::said_text_in(Lang::Ja, x),
            i18n::said_text_in(Lang::En, x),
            "Said",
            said_ordinal(x),
        ));
    }
    let commits = [
        CN::ValidationSkipped {
            schema: s("pacemaker-3.9"),
            reason: SkipReason::NotInstalled {
                dir: s("/usr/share/pacemaker"),
            },
        },
        CN::ValidationSkipped {
            schema: s("pacemaker-3.9"),
            reason: SkipReason::Unreadable {
                dir: s("/usr/share/pacemaker"),
                detail: s("bad grammar"),
            },
        },
        CN::TagMemberMissing {
            tag: s("t1"),
            id: s("p9"),
        },
        CN::FencingDeviceMissing { device: s("f1") },
        CN::FencingTargetNotNode { target: s("node9") },
        CN::PropertyWithoutValue {
            name: s("stonith-enabled"),
        },
    ];
    for c in &commits {
        out.push((
            format!("{c:?}"),
            i18n::commit_notice_text_in(Lang::Ja, c),
            i18n::commit_notice_text_in(Lang::En, c),
            "error::Notice",
            commit_notice_ordinal(c),
        ));
    }
    out
}

#[test]
fn every_notice_has_a_japanese_and_an_english_text() {
    use crmtool::notice::{English, Said};
    let texts = notice_texts();
    let mut failures = Vec::new();
    for (family, count) in [
        ("Notice", NOTICES),
        ("Told", TOLDS),
        ("Said", SAIDS),
        ("error::Notice", COMMIT_NOTICES),
    ] {
        let seen: Vec<usize> = texts
            .iter()
            .filter(|t| t.3 == family)
            .map(|t| t.4)
            .collect();
        let missing: Vec<usize> = (0..count).filter(|i| !seen.contains(i)).collect();
        assert!(
            missing.is_empty(),
            "{family} variants without a sample (by position): {missing:?}"
        );
    }
    // Texts that are the data itself, the same in every language: an
    // agent's own output line, the origin `cibstatus origin` prints, and a
    // forced question (its question is already in the language in force;
    // `[YES]` is crmsh's mark).
    let verbatim = |label: &str| {
        label.starts_with("AgentSaid")
            || label.starts_with("StatusOrigin")
            || label.starts_with("ForcedYes")
    };
    for (label, ja, en, _, _) in &texts {
        if en.is_empty() || has_japanese(en) {
            failures.push(format!("{label}: English {en:?}"));
        }
        if verbatim(label) {
            if ja != en {
                failures.push(format!(
                    "{label}: should be verbatim: ja {ja:?} / en {en:?}"
                ));
            }
            continue;
        }
        if !has_japanese(ja) || ja == en {
            failures.push(format!("{label}: ja {ja:?} / en {en:?}"));
        }
        // Questions keep the ASCII `?` that `confirm` turns into `(y/n)?`.
        if en.ends_with('?') && !ja.ends_with('?') {
            failures.push(format!("{label}: the question lost its '?': {ja:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} notices lack Japanese:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The English is notice.rs's wording, unchanged.
    let fence = Said::AskFence {
        node: "node1".into(),
    };
    assert_eq!(
        i18n::said_text_in(Lang::En, &fence),
        English(&fence).to_string()
    );
    assert_eq!(
        i18n::said_text_in(Lang::En, &fence),
        "Fencing node1 will shut down the node and migrate any resources that are running on it! Do you want to fence node1?"
    );
    let _ = writeln!(
        std::io::stderr(),
        "locale: {} notices ({NOTICES} Notice, {TOLDS} Told, {SAIDS} Said, {COMMIT_NOTICES} error::Notice variants) checked in Japanese and English",
        texts.len()
    );
}

#[test]
fn an_info_line_in_both_languages() {
    let dir = workdir("notice");
    let args = ["configure", "schema", "pacemaker-3.9"];
    let en = crm("C", &args, &dir);
    assert!(en.status.success(), "{}", stderr(&en));
    assert!(
        stderr(&en).contains("INFO: already using schema pacemaker-3.9"),
        "{}",
        stderr(&en)
    );
    let ja = crm("ja_JP.UTF-8", &args, &dir);
    assert!(
        stderr(&ja).contains("INFO: すでにスキーマ pacemaker-3.9 を使っています。"),
        "{}",
        stderr(&ja)
    );
    // --lang forces English under a Japanese locale.
    let forced = crm(
        "ja_JP.UTF-8",
        &["--lang", "en", "configure", "schema", "pacemaker-3.9"],
        &dir,
    );
    assert_eq!(stderr(&forced), stderr(&en));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The usage errors of a family (`notice::Misuse`): every variant, by an
/// exhaustive match, in both languages; the English is the old wording.
#[test]
fn usage_errors_of_a_family_are_japanese_too() {
    use crmtool::notice::Misuse as M;
    const MISUSES: usize = 36;
    fn ordinal(m: &M) -> usize {
        match m {
            M::Syntax { .. } => 0,
            M::GiveCommand { .. } => 1,
            M::GiveCommandOf { .. } => 2,
            M::WrongArguments { .. } => 3,
            M::NoSuchShadow { .. } => 4,
            M::NotSeconds { .. } => 5,
            M::ExpectedZeroOrOne { .. } => 6,
            M::TooManyArguments { .. } => 7,
            M::Unexpected { .. } => 8,
            M::NoProviders { .. } => 9,
            M::NoClass { .. } => 10,
            M::NoProvider { .. } => 11,
            M::NeedsValue { .. } => 12,
            M::UnknownOption { .. } => 13,
            M::OneDestination => 14,
            M::InNodelist { .. } => 15,
            M::StatusKind { .. } => 16,
            M::Form { .. } => 17,
            M::NoCommand { .. } => 18,
            M::GiveAnyCommand => 19,
            M::UnknownAction { .. } => 20,
            M::BadMode => 21,
            M::NoStage { .. } => 22,
            M::BadPeinputsRange { .. } => 23,
            M::SyntaxNear { .. } => 24,
            M::NameTheNode => 25,
            M::BadSessionName { .. } => 26,
            M::UnknownSubcommand { .. } => 27,
            M::NoSessionLoaded => 28,
            M::ExpectedOption { .. } => 29,
            M::BadDestination => 30,
            M::DestinationExists { .. } => 31,
            M::UnknownOptionName { .. } => 32,
            M::NoSeed => 33,
            M::SkillLevelRequired { .. } => 34,
            M::TooManyColors { .. } => 35,
        }
    }
    let all = [
        M::Syntax {
            usage: "node show [json] [NODE]".into(),
        },
        M::GiveCommand {
            level: "node",
            example: "crm node show",
        },
        M::GiveCommandOf {
            level: "cluster",
            some: "start, stop, status",
        },
        M::WrongArguments {
            level: "corosync",
            cmd: "frob".into(),
            commands: "status, show".into(),
        },
        M::NoSuchShadow {
            name: "trial".into(),
        },
        M::NotSeconds {
            cmd: "wait_for_startup",
            value: "soon".into(),
        },
        M::ExpectedZeroOrOne { got: "2".into() },
        M::TooManyArguments {
            cmd: "transition log".into(),
        },
        M::Unexpected {
            cmd: "diff",
            what: "both".into(),
        },
        M::NoProviders {
            class: "lsb".into(),
        },
        M::NoClass {
            class: "upstart".into(),
        },
        M::NoProvider {
            provider: "acme".into(),
            class: "ocf".into(),
        },
        M::NeedsValue {
            cmd: "report",
            flag: "-f".into(),
        },
        M::UnknownOption {
            cmd: "report",
            flag: "-q".into(),
        },
        M::OneDestination,
        M::InNodelist {
            addr: "192.0.2.3".into(),
        },
        M::StatusKind {
            got: "links".into(),
        },
        M::Form {
            usage: "session save <name>",
        },
        M::NoCommand {
            cmd: "cluster run".into(),
        },
        M::GiveAnyCommand,
        M::UnknownAction {
            cmd: "cluster",
            action: "frob".into(),
        },
        M::BadMode,
        M::NoStage {
            stage: "frob".into(),
            stages: "ssh, csync2".into(),
        },
        M::BadPeinputsRange {
            range: "3:1".into(),
        },
        M::SyntaxNear {
            cmd: "configure.commit",
            word: "now".into(),
        },
        M::NameTheNode,
        M::BadSessionName {
            name: "../x".into(),
        },
        M::UnknownSubcommand {
            cmd: "history session",
            word: "frob".into(),
        },
        M::NoSessionLoaded,
        M::ExpectedOption {
            opt: "core.editor".into(),
        },
        M::BadDestination,
        M::DestinationExists {
            path: "./out".into(),
        },
        M::UnknownOptionName {
            option: "editor".into(),
        },
        M::NoSeed,
        M::SkillLevelRequired {
            level: "administrator",
        },
        M::TooManyColors { given: 7, most: 6 },
    ];
    let mut seen = [false; MISUSES];
    for m in &all {
        seen[ordinal(m)] = true;
        let (ja, en) = (
            i18n::misuse_text_in(Lang::Ja, m),
            i18n::misuse_text_in(Lang::En, m),
        );
        assert!(
            has_japanese(&ja) && ja != en && !has_japanese(&en),
            "{m:?}: {ja} / {en}"
        );
    }
    assert!(seen.iter().all(|s| *s), "Misuse variants without a sample");
    assert_eq!(
        i18n::misuse_text_in(Lang::En, &all[1]),
        "node: give a command, e.g. `crm node show`"
    );
    // The wording that was inline at the call sites, unchanged in English.
    for (m, en) in [
        (&all[17], "session save <name>"),
        (&all[18], "cluster run: give a command"),
        (&all[20], "cluster: unknown action frob"),
        (&all[24], "syntax in configure.commit: near <now>"),
        (&all[27], "unknown history session subcmd: frob"),
        (
            &all[29],
            "Expected -o <section>.<name>=<value>: core.editor",
        ),
        (&all[31], "report: ./out exists; remove it or give -Z"),
    ] {
        assert_eq!(i18n::misuse_text_in(Lang::En, m), en);
    }
    // End to end, inside the usage error's own words.
    let dir = workdir("misuse");
    let en = stderr(&crm("C", &["node", "show", "a", "b", "c"], &dir));
    assert!(en.contains("ERROR: usage: node show [json] [NODE]"), "{en}");
    let ja = stderr(&crm("ja_JP.UTF-8", &["node", "show", "a", "b", "c"], &dir));
    assert!(
        ja.contains("使い方の誤りです: 正しい形式は node show [json] [NODE] です。"),
        "{ja}"
    );
    let args = ["configure", "commit", "now"];
    let en = stderr(&crm("C", &args, &dir));
    assert!(
        en.contains("ERROR: syntax in configure.commit: near <now>"),
        "{en}"
    );
    let ja = stderr(&crm("ja_JP.UTF-8", &args, &dir));
    assert!(
        ja.contains("使い方の誤りです: configure.commit の構文エラー: <now> 付近"),
        "{ja}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
