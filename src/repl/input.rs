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

pub enum Input {
    Terminal {
        editor: Box<Editor<ShellHelper, DefaultHistory>>,
        history: Option<PathBuf>,
    },
    Script(Box<dyn BufRead>),
}

/// Completion for rustyline: the level the shell is at, and the facts.
pub struct ShellHelper {
    level: Cell<Level>,
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
    pub fn script(reader: Box<dyn BufRead>) -> Self {
        Input::Script(reader)
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
                return Input::Script(Box::new(std::io::BufReader::new(std::io::stdin())));
            }
        };
        editor.set_helper(Some(ShellHelper {
            level: Cell::new(Level::Root),
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
            Input::Script(reader) => read_script(reader.as_mut()),
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

fn read_script(reader: &mut dyn BufRead) -> Read {
    let mut text = String::new();
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
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
        let mut input = Input::script(Box::new(std::io::Cursor::new(text.as_bytes().to_vec())));
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
