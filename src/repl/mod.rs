//! The interactive shell: `crm` with no command words. Levels, prompts,
//! completion and history as in crmsh; every command runs through the
//! same command layer as the one-shot `crm …` (`cli::configure::execute`,
//! `cli::node::run`, …). `crm -f FILE` and `crm < FILE` run the same
//! loop without a terminal: no prompts, no questions, exit status 1 when
//! a command failed.

pub mod complete;
pub mod edit;
pub mod facts;
pub mod history;
pub mod levels;
pub mod prompt;
pub mod session;

mod input;

use crate::cli::configure::{self, Command, Effect};
use crate::cli::{Arguments, Failure, Output};
use crate::error::{Error, ErrorKind};
use crate::kind::Kind;
use crate::lexer::{lex_all, LineKind};
use crate::notice::Notice;
use crate::source::Source;
use facts::ShellFacts;
use input::{Answer, Input, Read};
use levels::Level;
use session::Session;
use std::io::IsTerminal;
use std::rc::Rc;

/// Runs the shell; returns the exit status.
pub fn run(args: &Arguments, out: &mut Output) -> i32 {
    let facts = Rc::new(ShellFacts::new());
    let script = |reader: Box<dyn std::io::Read>, name: &str, out: &mut Output| {
        let mut reader = std::io::BufReader::with_capacity(65536, reader);
        // A sheet given instead of a script gets the pm_crmgen answer.
        let head = std::io::BufRead::fill_buf(&mut reader).map(<[u8]>::to_vec);
        if let Err(error) = crate::sniff::check(name, &head.unwrap_or_default()) {
            out.report(&Failure::from(error));
            return None;
        }
        Some(Input::script(Box::new(reader), name))
    };
    let input = match &args.file {
        Some(f) if f != "-" => match std::fs::File::open(f) {
            Ok(file) => script(Box::new(file), f, out),
            Err(e) => {
                out.report(&Failure::from(Error::new(ErrorKind::Io {
                    path: f.clone(),
                    message: e.to_string(),
                })));
                return 1;
            }
        },
        Some(_) => script(Box::new(std::io::stdin()), "<stdin>", out),
        None if std::io::stdin().is_terminal() => Some(Input::terminal(facts.clone())),
        None => script(Box::new(std::io::stdin()), "<stdin>", out),
    };
    let Some(input) = input else {
        return 1;
    };
    let mut shell = Shell {
        interactive: input.is_terminal(),
        input,
        args,
        level: Level::Root,
        session: None,
        facts,
        failed: false,
        cut: None,
        label: prompt::current_label(),
        host: prompt::host_name(),
        history: crate::cli::history::History::new(),
    };
    // As crmsh: only a person at a terminal gets the pager.
    out.page = shell.interactive && std::io::stdout().is_terminal();
    shell.main_loop(out)
}

/// What to do after a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    Quit,
}

struct Shell<'a> {
    args: &'a Arguments,
    interactive: bool,
    /// Where lines (and answers to questions) come from.
    input: Input,
    level: Level,
    /// The configure session, while the shell is at the configure level.
    session: Option<Session>,
    facts: Rc<ShellFacts>,
    /// A command failed (the exit status of a script).
    failed: bool,
    /// The script line whose continuation a blank line cut, when that
    /// ended the last statement read.
    cut: Option<usize>,
    label: String,
    host: String,
    /// The history level's source, window and filters (kept while the
    /// shell runs, as crmsh does).
    history: crate::cli::history::History,
}

impl Shell<'_> {
    fn main_loop(&mut self, out: &mut Output) -> i32 {
        self.refresh_facts();
        loop {
            self.input.set_level(self.level);
            let prompt = prompt::prompt(&self.label, &self.host, self.level);
            match self.input.read(&prompt) {
                Read::Text(text) => {
                    if self.run_text(&text, out) == Flow::Quit {
                        break;
                    }
                }
                Read::Interrupted => continue,
                Read::Eof => {
                    // Ctrl-D leaves the level; a script's end leaves them all.
                    if self.interactive {
                        // The prompt line stays as it was; the next output
                        // starts on a line of its own.
                        eprintln!();
                        if self.level != Level::Root {
                            self.leave(out);
                            continue;
                        }
                    }
                    if self.quit(out) == Flow::Quit {
                        break;
                    }
                }
            }
        }
        self.input.save_history();
        i32::from(self.failed && !self.interactive)
    }

    /// One logical input (continuations included): lexed into words, run.
    /// Every statement of the text runs in order (a pasted block holds
    /// many); one that does not lex is reported in its place.
    fn run_text(&mut self, text: &str, out: &mut Output) -> Flow {
        let (lines, errors) = lex_all(text);
        let mut errors = errors.into_iter().peekable();
        let origin = self.input.origin();
        let source_of = |from: usize, piece: &str| match &origin {
            Some((name, first)) => {
                let line = first + text[..from.min(text.len())].matches('\n').count();
                Source::at_line(name, piece, line)
            }
            None => Source::new("<input>", piece),
        };
        let cut_before = self.cut.take();
        for line in lines {
            // Where a blank line after a continuation cut this statement,
            // or the one before it (a script reads them one by one).
            let cut_here = (line.cut && origin.is_some())
                .then(|| source_of(line.span.end.saturating_sub(1), "").line_offset + 1);
            let cut = if line.number == 1 {
                cut_here.or(cut_before)
            } else {
                cut_here
            };
            self.cut = cut_here;
            let before: Vec<Error> =
                std::iter::from_fn(|| errors.next_if(|e| e.statement < Some(line.number)))
                    .collect();
            if let Some(error) = Error::all(before) {
                self.report(
                    &Failure {
                        error,
                        source: Some(source_of(0, text)),
                    },
                    out,
                );
            }
            let words: Vec<String> = match &line.kind {
                LineKind::Comment(_) => continue,
                LineKind::Xml(_) => vec!["xml".to_string()],
                LineKind::Words(tokens) => tokens.iter().map(|t| t.text.clone()).collect(),
            };
            let raw = text.get(line.span.start..line.span.end).unwrap_or(text);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            match self.command(&words, raw, out) {
                Ok(Flow::Quit) => return Flow::Quit,
                Ok(Flow::Continue) => {}
                Err(mut failure) => {
                    if origin.is_some() {
                        locate(&mut failure, raw, source_of(line.span.start, raw));
                    }
                    if let Some(l) = cut {
                        failure.error = failure
                            .error
                            .with_hint(crate::error::Hint::BlankAfterContinuation { line: l });
                    }
                    self.report(&failure, out);
                }
            }
        }
        if let Some(error) = Error::all(errors.collect()) {
            self.report(
                &Failure {
                    error,
                    source: Some(source_of(0, text)),
                },
                out,
            );
        }
        self.refresh_facts();
        Flow::Continue
    }

    fn report(&mut self, failure: &Failure, out: &mut Output) {
        self.failed = true;
        out.report(failure);
    }

    /// Completion follows the CIB the shell works on.
    fn refresh_facts(&self) {
        match &self.session {
            Some(s) => self.facts.update(&s.working),
            None => {
                if let Ok(b) = crate::cli::backend() {
                    if let Ok(cib) = b.read() {
                        self.facts.update(&cib);
                    }
                }
            }
        }
    }

    fn command(&mut self, words: &[&str], raw: &str, out: &mut Output) -> Result<Flow, Failure> {
        let Some((first, rest)) = words.split_first() else {
            return Ok(Flow::Continue);
        };
        if let Some(page) = crate::cli::help::for_command(self.level, words) {
            out.print(&page?);
            return Ok(Flow::Continue);
        }
        let statement = self.level == Level::Configure
            && (Kind::from_keyword(first).is_some() || first.eq_ignore_ascii_case("xml"));
        let name = match self.level.resolve(first) {
            Some(cmd) => {
                crate::cli::levels::announce(cmd, first, out);
                cmd.name
            }
            None if statement => first,
            None => return Err(crate::cli::no_such_command(self.level, first).into()),
        };
        crate::cli::skill::check(self.level, name)?;
        // The level's command sees its own name, whatever word ran it.
        let canonical: Vec<&str> = std::iter::once(name).chain(rest.iter().copied()).collect();
        let words = canonical.as_slice();
        match (name, rest) {
            ("quit", _) => return Ok(self.quit(out)),
            ("up", _) | ("cd", [] | [".."]) => {
                self.leave(out);
                return Ok(Flow::Continue);
            }
            ("cd", ["/"]) => {
                while self.level != Level::Root {
                    if !self.leave(out) {
                        break;
                    }
                }
                return Ok(Flow::Continue);
            }
            ("cd", [name]) => {
                return match (self.level, Level::from_word(name)) {
                    (Level::Root, Some(level)) => {
                        self.enter(level)?;
                        Ok(Flow::Continue)
                    }
                    _ => Err(crate::cli::no_such_command(Level::Root, name).into()),
                };
            }
            ("help", topic) => {
                out.print(&crate::cli::help::answer(self.level, topic)?);
                return Ok(Flow::Continue);
            }
            ("ls", _) => {
                let mut all = self.level.commands();
                all.extend(levels::navigation());
                out.print(&all.join(" "));
                return Ok(Flow::Continue);
            }
            _ => {}
        }
        // A level below this one (`template` at configure): entered, or
        // its command run there and the shell comes back.
        if let Some(sub) = self.level.sublevel(name) {
            if rest.is_empty() {
                self.enter(sub)?;
                return Ok(Flow::Continue);
            }
            let here = self.level;
            self.enter(sub)?;
            let raw = raw.trim_start();
            let raw = raw.strip_prefix(first).unwrap_or(raw);
            let result = self.command(rest, raw, out);
            self.level = here;
            return result;
        }
        match self.level {
            Level::Root => self.root(first, rest, raw, out),
            level => {
                self.at_level(level, words, raw, out)?;
                Ok(Flow::Continue)
            }
        }
    }

    /// A root command: a level word enters the level; with more words it
    /// runs them there and comes back (as crmsh's `configure show`).
    fn root(
        &mut self,
        first: &str,
        rest: &[&str],
        raw: &str,
        out: &mut Output,
    ) -> Result<Flow, Failure> {
        if first == "status" {
            crate::cli::status_command(rest, out)?;
            return Ok(Flow::Continue);
        }
        if first == "report" {
            crate::cli::report::run(rest, out)?;
            return Ok(Flow::Continue);
        }
        let Some(level) = Level::from_word(first) else {
            return Err(crate::cli::no_such_command(Level::Root, first).into());
        };
        // `configure shw` is refused before the level is entered.
        if let Some(word) = rest.first() {
            let statement = level == Level::Configure
                && (Kind::from_keyword(word).is_some() || word.eq_ignore_ascii_case("xml"));
            if !statement && level.resolve(word).is_none() {
                return Err(crate::cli::no_such_command(level, word).into());
            }
        }
        self.enter(level)?;
        if rest.is_empty() {
            return Ok(Flow::Continue);
        }
        // The statement text without the level word, as typed.
        let raw = raw.trim_start();
        let raw = raw.strip_prefix(first).unwrap_or(raw);
        let result = self.command(rest, raw, out);
        // A script's `options NAME VALUE` stays, as crmsh's one-shot does.
        if level == Level::Options && result.is_ok() && !self.interactive {
            crate::cli::options::save_after_one_shot()?;
        }
        // Like crmsh, a command run at a level from the top commits what
        // it changed on the way back, without asking.
        if !matches!(result, Ok(Flow::Quit)) && self.level == level {
            if level == Level::Configure && !self.settle_session(out, false) {
                return result;
            }
            self.level = Level::Root;
            self.refresh_facts();
        }
        result
    }

    fn enter(&mut self, level: Level) -> Result<(), Failure> {
        if level == Level::Configure && self.session.is_none() {
            let backend = crate::cli::backend()?;
            self.session = Some(Session::open(backend.as_ref())?);
        }
        if level == Level::Template {
            crate::cli::template::enter();
        }
        self.level = level;
        self.refresh_facts();
        Ok(())
    }

    /// Leaves the current level; false when the user chose to stay (a
    /// commit on the way out failed).
    fn leave(&mut self, out: &mut Output) -> bool {
        // Entered from the top (crmsh has `cibstatus` there too): no
        // configure session was opened on the way, and the way back is
        // the top.
        if self.level == Level::Cibstatus && self.session.is_none() {
            self.level = Level::Root;
            self.refresh_facts();
            return true;
        }
        if self.level.parent() != Level::Root {
            self.level = self.level.parent();
            return true;
        }
        if self.level == Level::Configure && !self.settle_session(out, true) {
            return false;
        }
        self.level = Level::Root;
        self.refresh_facts();
        true
    }

    fn quit(&mut self, out: &mut Output) -> Flow {
        let in_configure =
            self.level == Level::Configure || self.level.parent() == Level::Configure;
        if in_configure && !self.settle_session(out, true) {
            return Flow::Continue;
        }
        Flow::Quit
    }

    /// Staged changes on the way out of configure: a person is asked to
    /// commit them or drop them (crmsh's question, asked again until the
    /// answer is y or n; Ctrl-C or Ctrl-D keeps them staged and stays); a
    /// script commits them, as crmsh does at the end of a non-interactive
    /// run. False when the shell stays at the level. `ask` is false for a
    /// command typed at the top with its level word, which commits.
    fn settle_session(&mut self, out: &mut Output, ask: bool) -> bool {
        let Some(session) = self.session.take() else {
            return true;
        };
        if !session.changed() {
            return true;
        }
        if ask && self.interactive && !self.args.force {
            match self.input.ask(&Notice::CommitPending.to_string()) {
                Answer::Yes => {}
                Answer::No => {
                    out.info(&discarded(&session).to_string());
                    return true;
                }
                Answer::Cancel => {
                    out.info(&Notice::StillStaged.to_string());
                    self.session = Some(session);
                    return false;
                }
            }
        }
        let mut session = session;
        match self.configure_command(&mut session, &["commit"], None, out) {
            Ok(_) => true,
            Err(failure) => {
                self.report(&failure, out);
                if self.interactive {
                    self.session = Some(session);
                    false
                } else {
                    true
                }
            }
        }
    }

    fn configure_command(
        &mut self,
        session: &mut Session,
        words: &[&str],
        text: Option<&str>,
        out: &mut Output,
    ) -> Result<Effect, Failure> {
        let backend = crate::cli::backend()?;
        let opts = crate::cli::commit_options(self.args, false);
        configure::execute(
            session,
            backend.as_ref(),
            opts,
            &Command { words, text },
            out,
        )
    }

    fn at_level(
        &mut self,
        level: Level,
        words: &[&str],
        raw: &str,
        out: &mut Output,
    ) -> Result<(), Failure> {
        if words.is_empty() {
            return Ok(());
        }
        match level {
            Level::Root => Ok(()),
            Level::Configure => self.configure(words, raw, out),
            Level::Node => {
                let backend = crate::cli::backend()?;
                crate::cli::node_command(backend.as_ref(), words, self.args, out)
            }
            Level::Resource => {
                let backend = crate::cli::backend()?;
                crate::cli::resource_command(backend.as_ref(), words, self.args, out)
            }
            Level::Ra | Level::ConfigureRa => crate::cli::ra_command(words, out),
            Level::Options => crate::cli::options::run(words, out),
            Level::Cibstatus => crate::cli::cibstatus::run(words, out),
            Level::Template => {
                let mut all = vec!["template"];
                all.extend_from_slice(words);
                self.configure(&all, raw, out)
            }
            Level::History | Level::ConfigureHistory => self.history.run(words, out),
            Level::Assist => {
                let mut all = vec!["assist"];
                all.extend_from_slice(words);
                self.configure(&all, raw, out)
            }
            Level::Cluster => crate::cli::cluster::run(words, out),
            Level::Corosync => crate::cli::corosync::run(words, out),
            Level::Maintenance => {
                let backend = crate::cli::backend()?;
                crate::cli::maintenance_command(backend.as_ref(), words, self.args, out)
            }
            Level::Site => crate::cli::site_command(words, self.args, out),
            Level::Cib | Level::ConfigureCib if words.first() == Some(&"cibstatus") => {
                crate::cli::cibstatus::run(&words[1..], out)
            }
            // Through configure's `cib` command: a switch is refused
            // while changes are staged and re-reads the session's CIB.
            Level::ConfigureCib => {
                let mut all = vec!["cib"];
                all.extend_from_slice(words);
                self.configure(&all, raw, out)?;
                self.label = prompt::current_label();
                Ok(())
            }
            Level::Cib => {
                match crate::cli::cib_switch(Level::Cib, words, out)? {
                    crate::cli::Switch::Stay => {}
                    crate::cli::Switch::Live => std::env::remove_var("CIB_shadow"),
                    // Every Pacemaker tool crm starts from here on works
                    // on the shadow.
                    crate::cli::Switch::Shadow(name) => std::env::set_var("CIB_shadow", name),
                }
                self.label = prompt::current_label();
                Ok(())
            }
        }
    }

    fn configure(&mut self, words: &[&str], raw: &str, out: &mut Output) -> Result<(), Failure> {
        let mut session = match self.session.take() {
            Some(s) => s,
            None => Session::open(crate::cli::backend()?.as_ref())?,
        };
        let result = match words {
            ["edit", ids @ ..] => {
                if self.interactive {
                    let input = &mut self.input;
                    edit::edit(
                        &mut session,
                        ids,
                        &edit::editor(),
                        &mut |q| input.ask(q) == Answer::Yes,
                        out,
                    )
                    .map(|_| ())
                } else {
                    Err(Error::new(ErrorKind::NeedsTerminal {
                        command: "edit".into(),
                    })
                    .into())
                }
            }
            ["refresh"]
                if self.interactive
                    && session.changed()
                    && !self.args.force
                    && self.input.ask(&Notice::DropPending.to_string()) != Answer::Yes =>
            {
                Ok(())
            }
            _ => self
                .configure_command(&mut session, words, Some(raw), out)
                .map(|_| ()),
        };
        self.session = Some(session);
        result
    }
}

/// What `n` at the pending-changes question threw away.
fn discarded(session: &Session) -> Notice {
    Notice::Discarded {
        changed: session.changed_ids(),
        deleted: session.deleted_ids(),
    }
}

/// A failure of a script's statement names the file and line: the text
/// the command layer parsed is the statement itself, so its source is
/// re-anchored in the file; an error with no place points at the whole
/// statement.
fn locate(failure: &mut Failure, raw: &str, anchored: Source) {
    match &failure.source {
        Some(src) if &*src.text == raw => failure.source = Some(anchored),
        Some(_) => {}
        None => {
            if failure.error.span.is_none() {
                // An unknown command points at its word, anything else
                // at the statement.
                let word = match &*failure.error.kind {
                    ErrorKind::NoSuchCommand { word } => raw
                        .match_indices(word.as_str())
                        .map(|(i, _)| i)
                        .find(|&i| raw[..i].chars().last().is_none_or(char::is_whitespace))
                        .map(|i| crate::span::Span::new(i, i + word.len())),
                    _ => None,
                };
                failure.error.span =
                    Some(word.unwrap_or(crate::span::Span::new(0, raw.trim_end().len())));
            }
            failure.source = Some(anchored);
        }
    }
}
