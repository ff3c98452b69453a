//! Where the shell's lines come from: rustyline on a terminal (completion,
//! history, Ctrl-R, Ctrl-C), or a script read line by line. Both join
//! lines continued with `\`, `¥` or `￥`.

use super::complete::{self, Facts};
use super::facts::ShellFacts;
use super::levels::Level;
use super::prompt::CONTINUATION;
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Editor, Helper};
use std::cell::Cell;
use std::io::BufRead;
use std::path::PathBuf;
use std::rc::Rc;

/// What a read gave.
pub enum Read {
    /// One logical input; continued lines joined by newlines, as the lexer
    /// reads a file.
    Text(String),
    /// Ctrl-C: the line is dropped, the shell goes on.
    Interrupted,
    /// Ctrl-D on an empty line, or the script's end.
    Eof,
}

/// The answer to a y/n question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    /// Ctrl-C, Ctrl-D (or the input's end): neither; nothing is done.
    Cancel,
}

pub enum Input {
    Terminal {
        editor: Box<Editor<ShellHelper, DefaultHistory>>,
        history: Option<PathBuf>,
    },
    Script(Script),
}

/// A script read line by line, and where its last text started.
pub struct Script {
    reader: Box<dyn BufRead>,
    /// The file's name in messages (`<stdin>` for standard input).
    name: String,
    /// Physical lines read so far.
    lines: usize,
    /// The 1-based line where the last text read started.
    started: usize,
}

/// Completion for rustyline: the level the shell is at, and the facts.
pub struct ShellHelper {
    level: Cell<Level>,
    /// A y/n question is being asked: nothing to complete.
    asking: Cell<bool>,
    facts: Rc<ShellFacts>,
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        if self.asking.get() {
            return Ok((pos, Vec::new()));
        }
        let before = line.get(..pos).unwrap_or(line);
        // Completion looks at the current logical line only.
        let logical_start = before.rfind('\n').map_or(0, |i| i + 1);
        let facts: &dyn Facts = &*self.facts;
        let (start, found) = complete::complete(self.level.get(), &before[logical_start..], facts);
        let pairs = found
            .into_iter()
            .map(|c| Pair {
                display: c.display,
                replacement: c.replacement,
            })
            .collect();
        Ok((logical_start + start, pairs))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
}

impl Highlighter for ShellHelper {}

impl Validator for ShellHelper {}

impl Helper for ShellHelper {}

fn continues(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with('\\') || t.ends_with('¥') || t.ends_with('￥')
}

impl Input {
    pub fn script(reader: Box<dyn BufRead>, name: &str) -> Self {
        Input::Script(Script {
            reader,
            name: name.to_string(),
            lines: 0,
            started: 1,
        })
    }

    /// For a script: its name and the line the last text started on.
    pub fn origin(&self) -> Option<(String, usize)> {
        match self {
            Input::Script(s) => Some((s.name.clone(), s.started)),
            Input::Terminal { .. } => None,
        }
    }

    /// A terminal with completion and the user's history. Falls back to a
    /// plain line reader if the terminal cannot be set up.
    pub fn terminal(facts: Rc<ShellFacts>) -> Self {
        let config = Config::builder()
            .completion_type(CompletionType::List)
            .auto_add_history(false);
        let config = match config.history_ignore_dups(true) {
            Ok(c) => c,
            Err(_) => Config::builder().completion_type(CompletionType::List),
        };
        let config = config
            .max_history_size(super::history::MAX_LINES)
            .map(|c| c.build())
            .unwrap_or_default();
        let mut editor = match Editor::<ShellHelper, DefaultHistory>::with_config(config) {
            Ok(e) => e,
            Err(_) => {
                return Input::script(
                    Box::new(std::io::BufReader::new(std::io::stdin())),
                    "<stdin>",
                );
            }
        };
        editor.set_helper(Some(ShellHelper {
            level: Cell::new(Level::Root),
            asking: Cell::new(false),
            facts,
        }));
        let history = super::history::path();
        if let Some(h) = &history {
            super::history::prepare(h);
            // A first session has no history yet.
            let _ = editor.load_history(h);
        }
        Input::Terminal {
            editor: Box::new(editor),
            history,
        }
    }

    pub fn is_terminal(&self) -> bool {
        matches!(self, Input::Terminal { .. })
    }

    pub fn set_level(&mut self, level: Level) {
        if let Input::Terminal { editor, .. } = self {
            if let Some(h) = editor.helper_mut() {
                h.level.set(level);
            }
        }
    }

    pub fn read(&mut self, prompt: &str) -> Read {
        match self {
            Input::Terminal { editor, .. } => read_terminal(editor, prompt),
            Input::Script(script) => read_script(script),
        }
    }

    /// Asks a y/n question until the answer is y or n (any case, or
    /// yes/no); Enter alone or anything else asks again.
    pub fn ask(&mut self, question: &str) -> Answer {
        let prompt = format!("{question} ");
        loop {
            let line = match self {
                Input::Terminal { editor, .. } => {
                    if let Some(h) = editor.helper_mut() {
                        h.asking.set(true);
                    }
                    let line = editor.readline(&prompt);
                    if let Some(h) = editor.helper_mut() {
                        h.asking.set(false);
                    }
                    match line {
                        Ok(l) => l,
                        Err(_) => return Answer::Cancel,
                    }
                }
                Input::Script(script) => {
                    eprint!("{prompt}");
                    let mut line = Vec::new();
                    script.lines += 1;
                    match script.reader.read_until(b'\n', &mut line) {
                        Ok(0) | Err(_) => return Answer::Cancel,
                        Ok(_) => crate::source::decode(&line),
                    }
                }
            };
            match line.trim().to_ascii_lowercase().as_str() {
                "y" | "yes" => return Answer::Yes,
                "n" | "no" => return Answer::No,
                _ => eprintln!("{}", crate::notice::Notice::AnswerYesOrNo),
            }
        }
    }

    pub fn save_history(&mut self) {
        if let Input::Terminal {
            editor,
            history: Some(path),
        } = self
        {
            let _ = editor.save_history(path);
            restrict(path);
        }
    }
}

/// The history may hold passwords typed in parameters: only the user
/// reads it.
fn restrict(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

fn read_terminal(editor: &mut Editor<ShellHelper, DefaultHistory>, prompt: &str) -> Read {
    let mut text = String::new();
    let mut prompt = prompt;
    loop {
        match editor.readline(prompt) {
            Ok(line) => {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&line);
                if continues(&line) {
                    prompt = CONTINUATION;
                    continue;
                }
                // Completion leaves a trailing space; history need not keep it.
                if !text.trim().is_empty() {
                    let _ = editor.add_history_entry(text.trim_end());
                }
                return Read::Text(text);
            }
            Err(ReadlineError::Interrupted) => return Read::Interrupted,
            Err(ReadlineError::Eof) if text.is_empty() => return Read::Eof,
            Err(ReadlineError::Eof) => return Read::Text(text),
            Err(_) => return Read::Eof,
        }
    }
}

fn read_script(script: &mut Script) -> Read {
    let mut text = String::new();
    script.started = script.lines + 1;
    loop {
        let mut line = Vec::new();
        script.lines += 1;
        match script.reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) if text.is_empty() => return Read::Eof,
            Ok(0) | Err(_) => return Read::Text(text),
            Ok(_) => {}
        }
        let line = crate::source::decode(&line);
        let line = line.trim_end_matches(['\n', '\r']);
        crate::regression::input(line);
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
        if !continues(line) {
            return Read::Text(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(text: &str) -> Vec<String> {
        let mut input = Input::script(
            Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            "t",
        );
        let mut out = Vec::new();
        while let Read::Text(t) = input.read("") {
            out.push(t);
        }
        out
    }

    #[test]
    fn scripts_join_continued_lines() {
        assert_eq!(
            script("configure\nprimitive p Dummy \\\n  op monitor ¥\n interval=10s\nshow\n"),
            [
                "configure",
                "primitive p Dummy \\\n  op monitor ¥\n interval=10s",
                "show"
            ]
        );
        assert_eq!(script("up"), ["up"]);
        assert!(script("").is_empty());
    }
}
