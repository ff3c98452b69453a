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
        eprintln!("INFO: {}{text}", crate::regression::line_prefix());
    }

    pub fn warning(&mut self, text: &str) {
        eprintln!("WARNING: {}{text}", crate::regression::line_prefix());
    }

    /// An error message that does not stop the command (crmsh logs it
    /// and goes on).
    pub fn error(&mut self, text: &str) {
        eprintln!("ERROR: {}{text}", crate::regression::line_prefix());
    }

    pub fn report(&mut self, failure: &Failure) {
        if matches!(*failure.error.kind, crate::error::ErrorKind::Reported) {
            return;
        }
        if crate::regression::enabled() {
            // crmsh's transcript: one line, numbered by the input line
            // (or by the statement of a text being loaded).
            let e = &failure.error;
            let _ = std::io::stdout().flush();
            if let Some(trace) = crate::regression::traceback(&e.kind) {
                eprint!("{trace}");
            }
            match e.statement {
                Some(n) => eprintln!("ERROR: {n}: {}", e.kind),
                None => eprintln!("ERROR: {}{}", crate::regression::line_prefix(), e.kind),
            }
            return;
        }
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
