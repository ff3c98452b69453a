//! The message loop: notifications change the open documents, which are
//! analysed again only once no message is waiting (a burst of keystrokes
//! is one analysis), and before any request about them is answered.

use super::analysis::{analyze, Analysis};
use super::diagnostics::{diagnostics, Fix};
use super::document::Store;
use super::format::{format_document, format_range, FormatRefusal, BASE_SCHEMA};
use super::navigation::RenameRefusal;
use super::{completion, hover, navigation, wording};
use crate::cib::Cib;
use crate::repl::facts::ShellFacts;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    PrepareRenameRequest, RangeFormatting, References, Rename, Request as _,
};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionProviderCapability,
    CompletionOptions, OneOf, PublishDiagnosticsParams, RenameOptions, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Url, WorkspaceEdit,
};
use std::collections::{HashMap, HashSet, VecDeque};

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// Where the server takes the CIB that files are read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Context {
    /// `CIB_file` when set, else the cluster this machine belongs to when
    /// it answers, else an empty CIB.
    #[default]
    Cluster,
    /// `CIB_file` when set, else an empty CIB: the cluster is not asked.
    Offline,
}

/// Serves one editor on stdin/stdout until it says `exit`.
pub fn run_stdio(context: Context) -> Result<(), Failure> {
    let (connection, io) = Connection::stdio();
    serve(&connection, context)?;
    drop(connection);
    io.join()?;
    Ok(())
}

/// What the server offers.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), "=".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// Runs the protocol on `connection` (stdio, or memory in tests).
pub fn serve(connection: &Connection, context: Context) -> Result<(), Failure> {
    let caps = serde_json::to_value(capabilities())?;
    connection.initialize(caps)?;
    let mut server = Server::new(connection, base_cib(context));
    server.run()
}

/// One document's analysis (which lends its parses to the next one).
struct Analysed {
    version: i32,
    analysis: Analysis,
}

struct Server<'c> {
    connection: &'c Connection,
    store: Store,
    analysed: HashMap<Url, Analysed>,
    dirty: HashSet<Url>,
    /// What the file is read against: `CIB_file`'s CIB, or an empty one.
    base: Cib,
    facts: ShellFacts,
    pending: VecDeque<Message>,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection, base: Cib) -> Self {
        Server {
            connection,
            store: Store::default(),
            analysed: HashMap::new(),
            dirty: HashSet::new(),
            base,
            facts: ShellFacts::new(),
            pending: VecDeque::new(),
        }
    }

    fn run(&mut self) -> Result<(), Failure> {
        loop {
            let message = match self.pending.pop_front() {
                Some(m) => m,
                None => match self.connection.receiver.try_recv() {
                    Ok(m) => m,
                    Err(_) => {
                        self.publish_dirty()?;
                        match self.connection.receiver.recv() {
                            Ok(m) => m,
                            Err(_) => return Ok(()),
                        }
                    }
                },
            };
            match message {
                Message::Request(req) => {
                    if self.connection.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    let response = self.request(req);
                    self.connection.sender.send(Message::Response(response))?;
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                {
                    let doc = p.text_document;
                    self.store.open(doc.uri.clone(), doc.text, doc.version);
                    self.dirty.insert(doc.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                {
                    let uri = p.text_document.uri;
                    if let Some(doc) = self.store.get_mut(&uri) {
                        for c in &p.content_changes {
                            doc.change(c);
                        }
                        doc.version = p.text_document.version;
                        self.dirty.insert(uri);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                {
                    let uri = p.text_document.uri;
                    self.store.close(&uri);
                    self.analysed.remove(&uri);
                    self.dirty.remove(&uri);
                    self.publish(&uri, Vec::new(), None);
                }
            }
            _ => {}
        }
    }

    /// Analyses `uri` again if its text changed since the last analysis.
    fn refresh(&mut self, uri: &Url) {
        let Some(doc) = self.store.get(uri) else {
            return;
        };
        if self
            .analysed
            .get(uri)
            .is_some_and(|a| a.version == doc.version && !self.dirty.contains(uri))
        {
            return;
        }
        let prev = self.analysed.remove(uri).map(|a| a.analysis);
        let analysis = analyze(&doc.text, &self.base, prev);
        self.analysed.insert(
            uri.clone(),
            Analysed {
                version: doc.version,
                analysis,
            },
        );
    }

    fn publish_dirty(&mut self) -> Result<(), Failure> {
        let dirty: Vec<Url> = self.dirty.iter().cloned().collect();
        for uri in dirty {
            self.refresh(&uri);
            self.dirty.remove(&uri);
            let (Some(doc), Some(a)) = (self.store.get(&uri), self.analysed.get(&uri)) else {
                continue;
            };
            let list = diagnostics(doc, &a.analysis);
            let version = doc.version;
            self.publish(&uri, list, Some(version));
        }
        Ok(())
    }

    fn publish(&self, uri: &Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        let n = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        let _ = self.connection.sender.send(Message::Notification(n));
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        match self.answer(req) {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn answer(&mut self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        let uri = req
            .params
            .get("textDocument")
            .and_then(|t| t.get("uri"))
            .and_then(|u| u.as_str())
            .and_then(|u| Url::parse(u).ok());
        let Some(uri) = uri else {
            return Err((ErrorCode::MethodNotFound, req.method));
        };
        self.refresh(&uri);
        if self.store.get(&uri).is_some() {
            if let Some(a) = self.analysed.get(&uri) {
                let cib = a.analysis.cib.as_ref().unwrap_or(&self.base);
                if req.method == Completion::METHOD {
                    self.facts.update(cib);
                }
            }
        }
        let (Some(doc), Some(a)) = (self.store.get(&uri), self.analysed.get(&uri)) else {
            return Err((ErrorCode::InvalidParams, wording::unknown_document()));
        };
        let a = &a.analysis;
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let ok = |v: serde_json::Result<serde_json::Value>| v.map_err(bad);
        let params = req.params;
        match req.method.as_str() {
            Completion::METHOD => {
                let p: lsp_types::CompletionParams = serde_json::from_value(params).map_err(bad)?;
                let pos = p.text_document_position.position;
                let items = completion::completions(doc, a, pos, &self.facts, &self.facts);
                ok(serde_json::to_value(items))
            }
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = serde_json::from_value(params).map_err(bad)?;
                let pos = p.text_document_position_params.position;
                ok(serde_json::to_value(hover::hover(doc, a, pos, &self.facts)))
            }
            GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams =
                    serde_json::from_value(params).map_err(bad)?;
                let pos = p.text_document_position_params.position;
                ok(serde_json::to_value(navigation::definition(
                    doc, a, &uri, pos,
                )))
            }
            References::METHOD => {
                let p: lsp_types::ReferenceParams = serde_json::from_value(params).map_err(bad)?;
                let pos = p.text_document_position.position;
                let decl = p.context.include_declaration;
                ok(serde_json::to_value(navigation::references(
                    doc, a, &uri, pos, decl,
                )))
            }
            PrepareRenameRequest::METHOD => {
                let p: lsp_types::TextDocumentPositionParams =
                    serde_json::from_value(params).map_err(bad)?;
                ok(serde_json::to_value(navigation::prepare_rename(
                    doc, a, p.position,
                )))
            }
            Rename::METHOD => {
                let p: lsp_types::RenameParams = serde_json::from_value(params).map_err(bad)?;
                let pos = p.text_document_position.position;
                match navigation::rename(doc, a, &uri, pos, &p.new_name) {
                    Ok(changes) => ok(serde_json::to_value(WorkspaceEdit {
                        changes: Some(changes),
                        ..WorkspaceEdit::default()
                    })),
                    Err(r) => Err((ErrorCode::InvalidParams, rename_refusal(&r))),
                }
            }
            DocumentSymbolRequest::METHOD => ok(serde_json::to_value(navigation::symbols(doc, a))),
            Formatting::METHOD => match format_document(doc, a) {
                Ok(edits) => ok(serde_json::to_value(edits)),
                Err(r) => Err((ErrorCode::RequestFailed, format_refusal(&r))),
            },
            RangeFormatting::METHOD => {
                let p: lsp_types::DocumentRangeFormattingParams =
                    serde_json::from_value(params).map_err(bad)?;
                match format_range(doc, a, p.range) {
                    Ok(edits) => ok(serde_json::to_value(edits)),
                    Err(r) => Err((ErrorCode::RequestFailed, format_refusal(&r))),
                }
            }
            CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = serde_json::from_value(params).map_err(bad)?;
                ok(serde_json::to_value(quick_fixes(doc, &uri, &p)))
            }
            _ => Err((ErrorCode::MethodNotFound, req.method)),
        }
    }
}

/// The quick fixes of the diagnostics a code action request names.
fn quick_fixes(
    doc: &super::document::Document,
    uri: &Url,
    p: &lsp_types::CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    p.context
        .diagnostics
        .iter()
        .filter_map(|d| {
            let fix: Fix = serde_json::from_value(d.data.clone()?).ok()?;
            let span = crate::span::Span::new(fix.start, fix.end);
            let edit = TextEdit::new(doc.range(span), fix.replace.clone());
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: wording::replace_with(&fix.replace),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            }))
        })
        .collect()
}

fn rename_refusal(r: &RenameRefusal) -> String {
    match r {
        RenameRefusal::NotAnId => wording::rename_not_an_id(),
        RenameRefusal::InvalidId(id) => wording::rename_invalid(id),
        RenameRefusal::InUse(id) => wording::rename_in_use(id),
    }
}

fn format_refusal(r: &FormatRefusal) -> String {
    match r {
        FormatRefusal::HasErrors => wording::format_has_errors(),
        FormatRefusal::NotSame => wording::format_not_same(),
    }
}

/// `CIB_file`'s CIB when it is set and readable, else the cluster's when
/// it answers and `context` allows asking it, else an empty CIB: the ids
/// and nodes of the CIB complete and resolve. Read once, at start: a file
/// is read against one CIB for the whole session.
fn base_cib(context: Context) -> Cib {
    use crate::cib::Backend;
    if let Some(p) = std::env::var_os("CIB_file").filter(|p| !p.is_empty()) {
        return crate::cib::FileBackend::new(p)
            .read()
            .unwrap_or_else(|_| Cib::empty(BASE_SCHEMA));
    }
    let live = (context == Context::Cluster)
        .then(|| crate::cib::LiveBackend::new().read().ok())
        .flatten();
    live.unwrap_or_else(|| Cib::empty(BASE_SCHEMA))
}
