//! `crm -R`: crmsh's regression-test mode. crmsh's own test suite
//! (`test/testcases`) compares a transcript: every input line is echoed as
//! `.INP: LINE`, every external program crmsh starts as `.EXT COMMAND`, and
//! messages carry the number of the input line they belong to
//! (`ERROR: 42: …`). A process-wide switch, like `-d`, since the places
//! that echo (the input loop, the programs we start, the messages) sit
//! far below the command line that sets it.

use std::cell::Cell;
use std::collections::HashSet;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static ON: AtomicBool = AtomicBool::new(false);
static ONCE: Mutex<Option<HashSet<String>>> = Mutex::new(None);

thread_local! {
    /// The number of the input line being run; 0 outside of a script.
    static LINE: Cell<usize> = const { Cell::new(0) };
    /// Messages go without a number until the next input line (crmsh
    /// loses the number after it parsed a text of its own).
    static UNNUMBERED: Cell<bool> = const { Cell::new(false) };
}

pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

pub fn enabled() -> bool {
    ON.load(Ordering::Relaxed)
}

/// An input line as read, echoed (`.INP: LINE`); counts the line.
pub fn input(line: &str) {
    if !enabled() {
        return;
    }
    LINE.with(|l| l.set(l.get() + 1));
    UNNUMBERED.with(|u| u.set(false));
    let mut o = std::io::stdout().lock();
    let _ = writeln!(o, ".INP: {line}");
    let _ = o.flush();
}

/// While a file is read line by line, messages carry the number of its
/// line `n` (crmsh's `line_number()`, in every mode); gives back what
/// was counted before, for [`restore_line`].
pub fn set_line(n: usize) -> (usize, bool) {
    let before = (LINE.with(Cell::get), UNNUMBERED.with(Cell::get));
    LINE.with(|l| l.set(n));
    UNNUMBERED.with(|u| u.set(false));
    before
}

/// Back to the count [`set_line`] replaced.
pub fn restore_line(before: (usize, bool)) {
    LINE.with(|l| l.set(before.0));
    UNNUMBERED.with(|u| u.set(before.1));
}

/// An external program as crmsh would name it (`.EXT crm_resource …`).
pub fn external(command: &str) {
    if enabled() {
        let mut o = std::io::stdout().lock();
        let _ = writeln!(o, ".EXT {command}");
        let _ = o.flush();
    }
}

/// Like [`external`], but only the first time in this process: crmsh
/// caches what such programs print (agent meta-data), so it starts each
/// of them once.
pub fn external_once(command: &str) {
    if !enabled() {
        return;
    }
    let first = {
        let mut seen = ONCE.lock().unwrap_or_else(|p| p.into_inner());
        seen.get_or_insert_with(HashSet::new)
            .insert(command.to_string())
    };
    if first {
        external(command);
    }
}

/// The prefix messages get: `N: ` while line N of a script runs.
pub fn line_prefix() -> String {
    if UNNUMBERED.with(Cell::get) {
        return String::new();
    }
    match LINE.with(Cell::get) {
        0 => String::new(),
        n => format!("{n}: "),
    }
}

/// From here to the next input line messages carry no number.
pub fn unnumbered() {
    UNNUMBERED.with(|u| u.set(true));
}

/// crmsh prints a Python traceback before the message of a command that
/// gave up (`context.fatal_error`) in regression mode; its transcript
/// holds the frames' source lines (the `File …` lines are filtered out by
/// the suite). These are the frames of the failures the suite provokes.
pub fn traceback(kind: &crate::error::ErrorKind) -> Option<String> {
    use crate::error::ErrorKind;
    let ErrorKind::CommandFailed { command, message } = kind else {
        return None;
    };
    let site = match command.as_str() {
        "configure.modgroup" if message.contains(" is not member of ") => {
            "context.fatal_error(\"%s is not member of %s\" % (prim_id, group_id))"
        }
        "cib.delete" if message.ends_with(" shadow CIB is in use") => {
            "context.fatal_error(\"%s shadow CIB is in use\" % name)"
        }
        _ => return None,
    };
    Some(format!(
        "Traceback (most recent call last):\n    rv = self.execute_command() is not False\n    rv = self.command_info.function(*arglist)\n    {site}\n    raise ValueError(msg)\nValueError: {message}\n"
    ))
}
