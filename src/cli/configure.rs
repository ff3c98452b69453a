//! The `configure` level, one-shot: read the CIB, change it, commit.

use super::commit::CommitOptions;
use super::{configure_agent, configure_check, configure_filter, configure_schema, configure_show};
use super::{usage, Arguments, Failure, Output};
use crate::cib::{find_object, references, Backend, Cib, Method};
use crate::error::{Error, ErrorKind};
use crate::kind::Kind;
use crate::repl::session::Session;
use crate::source::Source;
use std::io::Read;

pub fn run(
    args: &Arguments,
    backend: &dyn Backend,
    words: &[&str],
    out: &mut Output,
) -> Result<(), Failure> {
    // The ra and history levels below configure need no CIB session.
    if let [first, rest @ ..] = words {
        if let Some(sub @ (super::Level::ConfigureRa | super::Level::ConfigureHistory)) =
            super::Level::Configure.sublevel(first)
        {
            return super::below_configure(sub, rest, out);
        }
    }
    // Read-only commands need no session: a large CIB is then neither
    // copied nor freed (the process ends right after).
    let read_only = matches!(
        words,
        ["show", ..] | ["verify"] | ["save", ..] | ["export-sheet", ..]
    ) && !words.contains(&"changed");
    if read_only {
        let cib = backend.read()?;
        let result = match words {
            ["show", rest @ ..] => configure_show::show(&cib, rest, &[], None, out),
            ["save", rest @ ..] => configure_show::save(&cib, rest, &[], out),
            ["export-sheet", rest @ ..] => super::export_sheet::run(&cib, rest, out),
            _ => verify(backend, &cib, out),
        };
        std::mem::forget(cib);
        return result;
    }
    let mut session = Session::open(backend)?;
    let opts = super::commit_options(args, false);
    let result = match words {
        ["edit", ids @ ..] => {
            crate::repl::edit::edit_at_terminal(&mut session, ids, out).map(|changed| {
                if changed {
                    Effect::Changed
                } else {
                    Effect::None
                }
            })
        }
        _ => execute(&mut session, backend, opts, &Command::words(words), out),
    };
    // A one-shot command commits what it changed, as crmsh does when it
    // leaves the level at the end of a non-interactive run.
    let result = match result {
        Ok(Effect::Changed) if session.changed() => commit_session(&session, backend, opts, out),
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    };
    // A large CIB takes longer to free than the process takes to exit.
    std::mem::forget(session);
    result
}

/// Commits a session's changes after crmsh's checks (crm_verify, the
/// semantic checks of the changed objects).
pub fn commit_session(
    session: &Session,
    backend: &dyn Backend,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    if !session.changed() {
        return super::commit::commit(
            backend,
            &session.started,
            session.working.clone(),
            opts,
            out,
        );
    }
    if !crate::regression::enabled() {
        return super::commit::commit(
            backend,
            &session.started,
            session.working.clone(),
            opts,
            out,
        );
    }
    super::commit::check_grammar(backend, &session.started, &session.working, true, out)?;
    let mut changed = session.changed_ids();
    changed.retain(|id| !session.unmarked.contains(id) || session.touched.contains(id));
    if !configure_check::before_commit(
        &session.working,
        &changed,
        backend.is_live(),
        opts.force,
        out,
    )? {
        // crmsh says nothing more (its transcript must not either); a
        // person gets the way out.
        let kind = if crate::regression::enabled() {
            ErrorKind::Reported
        } else {
            ErrorKind::VerifyRefused {
                report: String::new(),
            }
        };
        return Err(Error::new(kind).into());
    }
    let opts = CommitOptions {
        checked: true,
        ..opts
    };
    super::commit::commit(
        backend,
        &session.started,
        session.working.clone(),
        opts,
        out,
    )
}

/// What a configure command did to the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Read only (`show`, `verify`).
    None,
    /// The working CIB was changed (maybe to the same content): a one-shot
    /// run commits it.
    Changed,
    /// Committed or refreshed: the session starts over.
    Settled,
}

/// A configure command: its words (quotes removed) and, from the
/// interactive shell, the text as typed, so a statement reaches the
/// parser exactly as written (`xml …`, continuations).
#[derive(Debug, Clone, Copy)]
pub struct Command<'a> {
    pub words: &'a [&'a str],
    pub text: Option<&'a str>,
}

impl<'a> Command<'a> {
    pub fn words(words: &'a [&'a str]) -> Self {
        Command { words, text: None }
    }
}

/// Keeps the session's order of objects as crmsh keeps its list: objects
/// as read, new ones at the end, deleted ones dropped.
fn note_order(session: &mut Session, made: &[String]) {
    use std::collections::HashSet;
    let now: Vec<String> = crate::cib::objects(session.working.configuration())
        .into_iter()
        .map(|o| o.id)
        .collect();
    if session.order.is_empty() {
        session.order = crate::cib::objects(session.started.configuration())
            .into_iter()
            .map(|o| o.id)
            .collect();
    }
    let present: HashSet<&String> = now.iter().collect();
    session.order.retain(|id| present.contains(id));
    let mut known: HashSet<String> = session.order.iter().cloned().collect();
    for id in made.iter().chain(now.iter()) {
        if known.insert(id.clone()) {
            session.order.push(id.clone());
        }
    }
}

/// Runs one configure-level command on a session: the one command layer
/// both `crm configure …` and the interactive `configure#` level use.
pub fn execute(
    session: &mut Session,
    backend: &dyn Backend,
    opts: CommitOptions,
    command: &Command,
    out: &mut Output,
) -> Result<Effect, Failure> {
    // Only `changed` selectors need the (whole-CIB) comparison.
    let changed = if command.words.contains(&"changed") {
        session.changed_ids()
    } else {
        Vec::new()
    };
    let cib = &mut session.working;
    let mut touched: Vec<String> = Vec::new();
    match command.words {
        [] => {
            return Err(usage(
                &crate::notice::Misuse::GiveCommand {
                    level: "configure",
                    example: "crm configure show",
                }
                .to_string(),
            )
            .into())
        }
        ["load", rest @ ..] => touched = load(cib, rest, out)?,
        ["show", "changed", "diff"] => {
            for line in super::configure_diff::changes(session) {
                out.print(&line);
            }
            return Ok(Effect::None);
        }
        ["show", "changed"] => {
            // Deleted objects have no text left to show; name them.
            let t = configure_show::text(
                &session.working,
                Some(changed),
                configure_show::Form::Crmsh,
                &[],
                Some(&*session),
            );
            if !t.is_empty() {
                out.print(&t);
            }
            for id in session.deleted_ids() {
                out.print(&format!("# deleted: {id}"));
            }
            return Ok(Effect::None);
        }
        ["show", rest @ ..] => {
            configure_show::show(&session.working, rest, &changed, Some(&*session), out)?;
            return Ok(Effect::None);
        }
        ["verify"] => {
            verify(backend, cib, out)?;
            return Ok(Effect::None);
        }
        ["save", rest @ ..] => {
            configure_show::save(cib, rest, &changed, out)?;
            return Ok(Effect::None);
        }
        ["export-sheet", rest @ ..] => {
            super::export_sheet::run(cib, rest, out)?;
            return Ok(Effect::None);
        }
        ["_regtest", param] => {
            // crmsh keeps the flag and nothing reads it; only a bad value
            // is worth a word.
            if !matches!(*param, "on" | "off") {
                out.warning(
                    &crate::notice::Told::RegtestBadParam {
                        param: param.to_string(),
                    }
                    .to_string(),
                );
            }
            return Ok(Effect::None);
        }
        ["_test"] => {
            crate::cib::validate(cib)?;
            return Ok(Effect::None);
        }
        ["delete" | "rm", rest @ ..] => delete(cib, rest, opts.force, out)?,
        ["rename", old, new] => rename(cib, old, new, out)?,
        ["erase"] => {
            let mut notes = Vec::new();
            references::erase(cib, &mut notes);
            for n in notes {
                out.info(&n);
            }
        }
        ["erase", "nodes"] => references::erase_nodes(cib),
        ["filter", program, rest @ ..] => {
            touched = configure_filter::filter(cib, program, rest, &changed, out)?
        }
        ["modgroup", rest @ ..] => touched = configure_filter::modgroup(cib, rest, out)?,
        ["set", path, value] => configure_filter::set(cib, path, value)?,
        ["template", rest @ ..] => {
            if !super::template::run(cib, rest, opts.force, out)? {
                return Ok(Effect::None);
            }
        }
        ["validate-all" | "validate_all", rsc] => {
            configure_agent::validate_all(cib, rsc, out)?;
            return Ok(Effect::None);
        }
        ["default-timeouts" | "default_timeouts", ids @ ..] if !ids.is_empty() => {
            touched = configure_agent::default_timeouts(cib, ids, out)?
        }
        ["schema", rest @ ..] if rest.len() <= 1 => {
            if !configure_schema::schema(cib, rest.first().copied(), out)? {
                return Ok(Effect::None);
            }
        }
        ["upgrade", rest @ ..] if rest.len() <= 1 => {
            let force = match rest.first() {
                None => false,
                Some(&"force") => true,
                Some(word) => {
                    return Err(Error::from(crate::error::ConfigureError::ExpectedForce {
                        word: word.to_string(),
                    })
                    .into())
                }
            };
            if !configure_schema::upgrade(cib, force || opts.force, out)? {
                return Ok(Effect::None);
            }
        }
        ["ptest" | "simulate", rest @ ..] => {
            let status = super::cibstatus::status_for_ptest();
            super::configure_simulate::run(cib, status.as_ref(), rest, out)?;
            return Ok(Effect::None);
        }
        ["cibstatus", rest @ ..] => {
            super::cibstatus::run(rest, out)?;
            return Ok(Effect::None);
        }
        ["graph", rest @ ..] => {
            super::configure_graph::run(cib, rest, out)?;
            return Ok(Effect::None);
        }
        ["cib", rest @ ..] if !rest.is_empty() => {
            // crmsh's `configure cib`: the cib level's commands. A switch
            // to another CIB would leave staged changes aimed at the old
            // one: refused until they are committed or dropped.
            let switches = matches!(rest[0], "new" | "import" | "use");
            if switches && session.changed() {
                return Err(Error::from(crate::error::ConfigureError::StagedChanges).into());
            }
            match super::cib_switch(super::Level::ConfigureCib, rest, out)? {
                super::Switch::Stay => return Ok(Effect::None),
                super::Switch::Live => std::env::remove_var("CIB_shadow"),
                super::Switch::Shadow(name) => std::env::set_var("CIB_shadow", name),
            }
            let now = super::backend()?;
            session.refresh(now.as_ref())?;
            return Ok(Effect::Settled);
        }
        ["assist", rest @ ..] => match super::assist::run(cib, rest, opts.force, out)? {
            Some(ids) => touched = ids,
            None => return Ok(Effect::None),
        },
        ["rsctest", rest @ ..] => {
            super::rsctest::run(cib, rest, out)?;
            return Ok(Effect::None);
        }
        ["get_property" | "get-property", rest @ ..] => {
            configure_filter::get_property(cib, rest, out)?;
            return Ok(Effect::None);
        }
        ["commit", rest @ ..] => {
            if let Some(bad) = rest.iter().find(|w| !matches!(**w, "force" | "replace")) {
                return Err(super::misuse(crate::notice::Misuse::SyntaxNear {
                    cmd: "configure.commit",
                    word: bad.to_string(),
                })
                .into());
            }
            let opts = CommitOptions {
                force: opts.force || rest.contains(&"force"),
                ..opts
            };
            commit_session(session, backend, opts, out)?;
            session.refresh(backend)?;
            return Ok(Effect::Settled);
        }
        ["refresh"] => {
            session.refresh(backend)?;
            return Ok(Effect::Settled);
        }
        [first, ..] if Kind::from_keyword(first).is_some() || first.eq_ignore_ascii_case("xml") => {
            if matches!(*first, "ms" | "master") {
                let args = &command.words[1..];
                let meta = if args.contains(&"meta") {
                    " "
                } else {
                    " meta "
                };
                out.warning(
                    &crate::notice::Told::MsDeprecated {
                        suggestion: format!("{}{meta}promotable=true", args.join(" ")),
                    }
                    .to_string(),
                );
            }
            if *first == "property" {
                if let Some(("maintenance-mode", _)) =
                    command.words.get(1).and_then(|w| w.split_once('='))
                {
                    let quiet = maintenance_overrides(cib, opts.force, out);
                    session.unmarked.extend(quiet);
                }
            }
            touched = statement(cib, command, out)?
        }
        _ => return Err(super::bad_arguments(super::Level::Configure, command.words).into()),
    }
    if !crate::crm_conf::flag("core", "sort_elements") {
        note_order(session, &touched);
    }
    session.touched.extend(touched);
    Ok(Effect::Changed)
}

fn load(cib: &mut Cib, rest: &[&str], out: &mut Output) -> Result<Vec<String>, Failure> {
    let (xml, method, file) = match rest {
        [m, f] => (false, *m, *f),
        ["xml", m, f] => (true, *m, *f),
        _ => {
            return Err(usage(
                &crate::notice::Misuse::Syntax {
                    usage: "configure load [xml] replace|update|push FILE|-".into(),
                }
                .to_string(),
            )
            .into())
        }
    };
    let method = match method {
        "update" => Method::Update,
        "replace" => Method::Replace,
        "push" => Method::Push,
        other => return Err(super::expected_word(other, &["update", "replace", "push"]).into()),
    };
    let bytes = read_input(file)?;
    crate::sniff::check(file, &bytes)?;
    let source = Source::from_bytes(if file == "-" { "<stdin>" } else { file }, &bytes)?;
    load_source(cib, &source, xml, method, out)
}

/// Loads crm text made by crm itself (a template's), as `load` does.
pub fn load_text_as(
    cib: &mut Cib,
    text: &str,
    method: Method,
    out: &mut Output,
) -> Result<Vec<String>, Failure> {
    let mut work = cib.clone();
    let touched = load_source(
        &mut work,
        &Source::new("<template>", text),
        false,
        method,
        out,
    )?;
    *cib = work;
    Ok(touched)
}

fn load_source(
    cib: &mut Cib,
    source: &Source,
    xml: bool,
    method: Method,
    out: &mut Output,
) -> Result<Vec<String>, Failure> {
    let before = object_ids(cib);
    let constraints = references::constraint_ids(cib);
    // `cib` is this command's own copy: a failed load leaves it half
    // changed, but it is then dropped, never committed.
    let loaded = if xml {
        crate::load::load_xml_into(cib, &source.text, method)
    } else {
        crate::load::load_into(cib, &source.text, method)
    };
    let report = loaded.map_err(|error| Failure {
        error: crate::schema::locate_in(error, source, &cib.schema()),
        source: Some(source.clone()),
    })?;
    let schema = cib.schema();
    cib.origins.record(source, schema);
    for w in &report.warnings {
        out.warning(w);
    }
    for n in &report.notes {
        out.info(n);
    }
    // `load replace` erases and creates again: everything is new then.
    let mut created: Vec<(Kind, String)> = report
        .objects
        .iter()
        .filter(|(k, id)| *k != Kind::Node && (method == Method::Replace || !before.contains(id)))
        .cloned()
        .collect();
    created.sort_by_key(|(k, _)| k.show_rank());
    let mut notes = Vec::new();
    let containers: Vec<&str> = created
        .iter()
        .filter(|(kind, _)| {
            matches!(
                kind,
                Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
            )
        })
        .map(|(_, id)| id.as_str())
        .collect();
    references::adopt_constraints_all(cib, &containers, &constraints, &mut notes);
    after_create(cib, created.iter().map(|(_, id)| id.as_str()));
    for n in notes {
        out.info(&n);
    }
    Ok(created.into_iter().map(|(_, id)| id).collect())
}

fn read_input(file: &str) -> Result<Vec<u8>, Error> {
    let io = |e: std::io::Error| {
        Error::new(ErrorKind::Io {
            path: file.to_string(),
            message: e.to_string(),
        })
    };
    if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(io)?;
        Ok(buf)
    } else {
        std::fs::read(file).map_err(io)
    }
}

pub fn show_text(cib: &Cib, selection: Option<Vec<String>>) -> String {
    show_text_as(cib, selection, false)
}

/// [`show_text`], or with `annotated` the lossless text `save` writes
/// (masked all the same unless `CRM_OBSCURE_PATTERN` says otherwise).
pub fn show_text_as(cib: &Cib, selection: Option<Vec<String>>, annotated: bool) -> String {
    let mut opts = crate::show::ShowOptions::for_cib(&cib.root);
    opts.selection = selection;
    opts.lossless = annotated;
    if let Ok(p) = std::env::var("CRM_OBSCURE_PATTERN") {
        opts.obscure = p
            .split('|')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
    }
    crate::show::show(cib.configuration(), &opts)
}

fn verify(backend: &dyn Backend, cib: &Cib, out: &mut Output) -> Result<(), Failure> {
    for notice in crate::schema::check_commit(cib, None)?.notices_to_show(cib) {
        out.warning(&crate::i18n::commit_notice_text(&notice));
    }
    // Two implementations of crmsh's checks still live side by side: the
    // transcript one (crmsh's message order, `check-mode`) under `-R`,
    // the agent-metadata one otherwise.
    if crate::regression::enabled() {
        return if configure_check::verify(cib, out)? {
            Ok(())
        } else {
            Err(Error::new(ErrorKind::Reported).into())
        };
    }
    match backend.verify(cib)? {
        Some(report) => {
            if !report.is_empty() {
                out.print(&report);
            }
        }
        None => out.info(&crate::notice::Told::NoCrmVerify { schema_only: true }.to_string()),
    }
    // Then, as crmsh, the objects against the agents' metadata.
    crate::check::verify(cib, out)?;
    Ok(())
}

fn statement(cib: &mut Cib, command: &Command, out: &mut Output) -> Result<Vec<String>, Failure> {
    // crmsh takes `primitive id=p1 …` as `primitive p1 …`.
    let unprefixed: Vec<&str>;
    let words = match command.words {
        [kw, id, rest @ ..] if id.starts_with("id=") && id.len() > 3 => {
            unprefixed = std::iter::once(*kw)
                .chain(std::iter::once(&id[3..]))
                .chain(rest.iter().copied())
                .collect();
            unprefixed.as_slice()
        }
        w => w,
    };
    let text = match command.text {
        Some(t) if words[1..].first() != command.words[1..].first() => drop_id_prefix(t),
        Some(t) => t.to_string(),
        // crmsh joins an `xml` statement's words with spaces: the XML
        // itself is one argument on a command line.
        None if words[0].eq_ignore_ascii_case("xml") => words.join(" "),
        None => words
            .iter()
            .map(|w| shell_quote(w))
            .collect::<Vec<_>>()
            .join(" "),
    };
    let kind = Kind::from_keyword(words[0]);
    let mut created: Vec<(Kind, String)> = Vec::new();
    if let (Some(kind), Some(id)) = (kind, words.get(1)) {
        let merges = kind.is_nvset() || matches!(kind, Kind::Node | Kind::Monitor | Kind::Fencing);
        let exists = find_object(cib.configuration(), id, kind == Kind::Node).is_some();
        if !merges && exists {
            return Err(Error::new(ErrorKind::ObjectExists { id: id.to_string() }).into());
        }
        if !exists && !merges {
            created.push((kind, id.to_string()));
        }
    }
    let container = matches!(
        kind,
        Some(Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle)
    );
    let name = if command.text.is_some() {
        "<input>"
    } else {
        "<command line>"
    };
    let source = Source::new(name, &text);
    if kind.is_some_and(Kind::is_nvset) {
        let ctx = crate::parse::Context {
            schema: cib.schema(),
            nodes: Vec::new(),
        };
        crate::parse::parse_text(&text, &ctx)
            .and_then(|sts| crate::parse::command_line_nvset(&sts))
            .map_err(|mut error| {
                error.statement = None;
                Failure {
                    error,
                    source: Some(source.clone()),
                }
            })?;
    }
    let constraints = if container {
        references::constraint_ids(cib)
    } else {
        Vec::new()
    };
    let mut work = cib.clone();
    let report =
        crate::load::load_into(&mut work, &text, Method::Update).map_err(|mut error| {
            // One statement: crmsh numbers its messages by the input line.
            error.statement = None;
            Failure {
                error,
                source: Some(source),
            }
        })?;
    for w in report.warnings {
        out.warning(&w);
    }
    let mut notes = report.notes;
    if container {
        for (_, id) in &created {
            references::adopt_constraints(&mut work, id, &constraints, &mut notes);
        }
    }
    for n in notes {
        out.info(&n);
    }
    after_create(&mut work, created.iter().map(|(_, id)| id.as_str()));
    let ids: Vec<String> = created.into_iter().map(|(_, id)| id).collect();
    if crate::regression::enabled() && configure_check::on_create(&work, &ids, out) > 1 {
        return Err(Error::new(ErrorKind::Reported).into());
    }
    *cib = work;
    Ok(ids)
}

fn object_ids(cib: &Cib) -> std::collections::HashSet<String> {
    crate::cib::objects(cib.configuration())
        .into_iter()
        .map(|o| o.id)
        .collect()
}

fn o_has_params(cib: &Cib, path: &[usize]) -> bool {
    let mut e = cib.configuration();
    for i in path {
        match e.children.get(*i) {
            Some(crate::xml::Node::Element(c)) => e = c,
            _ => return false,
        }
    }
    e.elements()
        .filter(|s| s.name == "instance_attributes")
        .any(|s| s.elements().next().is_some())
}

/// What crmsh does with each primitive it creates: it reads the agent's
/// meta-data and, where the agent has `foo_bar` but the statement said
/// `foo-bar`, sets `foo_bar`. The meta-data is read when a parameter
/// name could need it (and always in crmsh's transcript mode, which
/// shows the read).
pub fn after_create<'a>(cib: &mut Cib, ids: impl Iterator<Item = &'a str>) {
    let ids: Vec<&str> = ids.collect();
    // Primitives and templates by id, found in one pass: a search per
    // created object made a load of thousands quadratic.
    let found: std::collections::HashMap<String, (Kind, Vec<usize>, crate::xml::Element)> = {
        let all = crate::cib::objects(cib.configuration());
        let mut m = std::collections::HashMap::new();
        for o in all {
            if o.kind != Kind::Node && !m.contains_key(&o.id) {
                let elem = if matches!(o.kind, Kind::Primitive | Kind::Template) {
                    o.elem.clone()
                } else {
                    crate::xml::Element::new(&o.elem.name)
                };
                m.insert(o.id.clone(), (o.kind, o.path.clone(), elem));
            }
        }
        m
    };
    for id in ids {
        let Some((kind, path, elem)) = found.get(id) else {
            continue;
        };
        if !matches!(kind, Kind::Primitive | Kind::Template) {
            continue;
        }
        let path = path.clone();
        let agent_elem = match elem.get("template") {
            Some(t) => match found.get(t) {
                Some((_, _, t)) => t.clone(),
                None => continue,
            },
            None => elem.clone(),
        };
        let o = elem;
        let dashed = o
            .elements()
            .filter(|s| s.name == "instance_attributes")
            .flat_map(|s| s.elements())
            .any(|nv| nv.get("name").is_some_and(|n| n.contains('-')));
        if !dashed && !crate::regression::enabled() {
            continue;
        }
        let Some(spec) = super::metadata::agent_of(&agent_elem) else {
            continue;
        };
        let Some(meta) = super::metadata::agent(&spec) else {
            continue;
        };
        let has_params = o_has_params(cib, &path);
        if has_params && crate::regression::enabled() {
            // crmsh looks up which providers have the agent as it checks
            // the parameters (its transcript shows the call).
            if let Some(kind) = spec.strip_prefix("ocf:").and_then(|r| r.split(':').nth(1)) {
                super::metadata::alternatives(kind);
            }
        }
        if !dashed {
            continue;
        }
        let params = super::metadata::parameter_names(&meta);
        if let Some(e) = crate::cib::at_path_mut(cib.configuration_mut(), &path) {
            for set in e.elements_mut().filter(|s| s.name == "instance_attributes") {
                for nv in set.elements_mut().filter(|c| c.name == "nvpair") {
                    let Some(n) = nv.get("name").map(String::from) else {
                        continue;
                    };
                    let alt = n.replace('-', "_");
                    if !params.contains(&n) && params.contains(&alt) {
                        nv.set("name", &alt);
                    }
                }
            }
        }
    }
}

/// Before `property maintenance-mode=…`: crmsh offers to remove the
/// `maintenance` (and the conflicting `is-managed`) meta attributes of
/// resources and `maintenance` attributes of nodes, which would override
/// the cluster-wide setting (`manage-children` says whether to ask).
fn maintenance_overrides(cib: &mut Cib, force: bool, out: &mut Output) -> Vec<String> {
    let mut changed = Vec::new();
    let policy = crate::crm_conf::get("core", "manage_children");
    let ask = |question: String, out: &mut Output| -> bool {
        match policy.as_str() {
            "always" => true,
            "never" => false,
            _ if force || crate::crm_conf::flag("core", "force") => {
                out.info(&crate::notice::Said::ForcedYes { question }.to_string());
                true
            }
            _ => {
                std::io::IsTerminal::is_terminal(&std::io::stdin())
                    && crate::repl::edit::ask_terminal(&format!("{question} (y/n)?"))
            }
        }
    };
    let mut targets: Vec<(Kind, String, Vec<usize>)> = crate::cib::objects(cib.configuration())
        .into_iter()
        .filter(|o| {
            matches!(
                o.kind,
                Kind::Primitive | Kind::Group | Kind::Clone | Kind::Node
            )
        })
        .map(|o| (o.kind, o.id, o.path))
        .collect();
    // crmsh lists a container's members before it, nodes last.
    targets.sort_by_key(|(k, _, _)| {
        k.show_rank()
            .wrapping_add(if *k == Kind::Node { 100 } else { 0 })
    });
    for (kind, id, path) in targets {
        let Some(e) = crate::cib::at_path_mut(cib.configuration_mut(), &path) else {
            continue;
        };
        let (set, shown) = if kind == Kind::Node {
            (
                "instance_attributes",
                e.get("uname").unwrap_or(&id).to_string(),
            )
        } else {
            ("meta_attributes", id.clone())
        };
        for (attr, question) in [
            (
                "maintenance",
                crate::notice::Said::AskAttributeExists {
                    attr: "maintenance".into(),
                    owner: shown.clone(),
                }
                .to_string(),
            ),
            (
                "is-managed",
                crate::notice::Said::AskConflictsIn {
                    attr: "is-managed".into(),
                    with: "maintenance".into(),
                    owner: shown.clone(),
                }
                .to_string(),
            ),
        ] {
            if kind == Kind::Node && attr == "is-managed" {
                continue;
            }
            let present = e
                .elements()
                .filter(|s| s.name == set)
                .any(|s| s.elements().any(|nv| nv.get("name") == Some(attr)));
            if present && ask(question, out) {
                for s in e.elements_mut().filter(|s| s.name == set) {
                    s.children.retain(|n| {
                        !matches!(n, crate::xml::Node::Element(nv) if nv.get("name") == Some(attr))
                    });
                }
                e.children.retain(|n| {
                    !matches!(n, crate::xml::Node::Element(s)
                        if s.name == set && s.elements().next().is_none())
                });
                changed.push(id.clone());
            }
        }
    }
    changed
}

/// The statement text with `id=` taken off its second word.
fn drop_id_prefix(text: &str) -> String {
    let start = text.len() - text.trim_start().len();
    let after_kw = text[start..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| start + i);
    let rest = &text[after_kw..];
    let id_at = after_kw + (rest.len() - rest.trim_start().len());
    match text[id_at..].strip_prefix("id=") {
        Some(tail) => format!("{}{tail}", &text[..id_at]),
        None => text.to_string(),
    }
}

/// Quotes a word so the lexer gives it back unchanged.
fn shell_quote(w: &str) -> String {
    if !w.is_empty()
        && w.chars()
            .all(|c| !c.is_whitespace() && !"'\"\\".contains(c))
    {
        return w.to_string();
    }
    format!("'{}'", w.replace('\'', "'\\''"))
}

fn delete(cib: &mut Cib, ids: &[&str], force: bool, out: &mut Output) -> Result<(), Failure> {
    if ids.is_empty() {
        return Err(usage(
            &crate::notice::Misuse::Syntax {
                usage: "configure delete ID ...".into(),
            }
            .to_string(),
        )
        .into());
    }
    let mut notes = Vec::new();
    let missing = references::delete(cib, ids, &mut notes);
    // crmsh names the missing ones first, then deletes the others; with
    // -F a missing object is no error.
    let mut failed = false;
    if !force {
        for id in &missing {
            out.report(&Failure::from(Error::new(ErrorKind::NoSuchObject {
                id: id.clone(),
            })));
            failed = true;
        }
    }
    for n in notes {
        out.info(&n);
    }
    if failed {
        return Err(Error::new(ErrorKind::Reported).into());
    }
    Ok(())
}

fn rename(cib: &mut Cib, old: &str, new: &str, out: &mut Output) -> Result<(), Failure> {
    let mut notes = Vec::new();
    crate::cib::rename_object(cib, old, new, &mut notes)?;
    for n in notes {
        out.info(&n);
    }
    Ok(())
}
