//! crmsh's questions: `-F` answers yes (and says so), a person at a
//! terminal is asked, a script's answer is no.

use super::Output;
use crate::notice::{Notice, Said};
use std::io::{BufRead, IsTerminal, Write};

/// Asks `question`; true for yes.
pub fn confirm(question: &Said, force: bool, out: &mut Output) -> bool {
    let text = question.to_string();
    if force {
        out.info(&Said::ForcedYes { question: text }.to_string());
        return true;
    }
    if !std::io::stdin().is_terminal() {
        return false;
    }
    let prompt = match text.strip_suffix('?') {
        Some(q) => format!("{q} (y/n)? "),
        None => format!("{text} "),
    };
    loop {
        eprint!("{prompt}");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) => {}
        }
        match line.trim().to_ascii_lowercase().as_str() {
            "y" | "yes" => return true,
            "n" | "no" => return false,
            _ => eprintln!("{}", Notice::AnswerYesOrNo),
        }
    }
}

/// Whether nobody can be asked: a question would be answered no.
pub fn cannot_ask(force: bool) -> bool {
    !force && !std::io::stdin().is_terminal()
}
