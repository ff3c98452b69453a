//! Where `crm` writes: stdout for results, stderr for messages.

use super::diagnostic;
use super::Failure;
use std::io::Write;

pub struct Output {
    pub plain: bool,
}

impl Output {
    pub fn new(plain: bool) -> Self {
        Output { plain }
    }

    pub fn print(&mut self, text: &str) {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(text.as_bytes());
        if !text.is_empty() && !text.ends_with('\n') {
            let _ = o.write_all(b"\n");
        }
    }

    pub fn info(&mut self, text: &str) {
        eprintln!("INFO: {text}");
    }

    pub fn warning(&mut self, text: &str) {
        eprintln!("WARNING: {text}");
    }

    /// An error line that does not end the command (a check's finding).
    pub fn error(&mut self, text: &str) {
        eprintln!("ERROR: {text}");
    }

    pub fn report(&mut self, failure: &Failure) {
        eprint!("{}", diagnostic::render(failure, !self.plain));
    }
}

impl Output {
    /// A piece of a progress line on stderr (no newline, flushed now).
    pub fn progress(&mut self, text: &str) {
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(text.as_bytes());
        let _ = e.flush();
    }
}
