//! The message log: level filtering, the `LEVEL : file(Lnn): text` layout and the
//! error/warning flags that decide the exit status.

use std::io::Write;

use super::messages::Msg;
use super::text::column_letters;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error = 0,
    Warn = 1,
    Info = 3,
    Debug = 4,
    Debug1 = 5,
}

impl Level {
    fn label(self) -> &'static str {
        match self {
            Level::Error => "ERROR ",
            Level::Warn => "WARN  ",
            Level::Info => "info  ",
            Level::Debug => "debug ",
            Level::Debug1 => "debug1",
        }
    }
}

/// Where the rows come from; decides how a row position is shown.
#[derive(Debug, Clone)]
pub enum Origin {
    /// `file(L12)`: the CSV record number.
    Csv,
    /// `file[sheet](C12)`: the sheet and the cell (row only when no column applies).
    Workbook { sheet: String },
}

/// What a message is about.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Global,
    File,
    /// The current row, optionally one of its columns.
    Row(Option<usize>),
}

pub struct Logger<'w> {
    out: &'w mut dyn Write,
    pub level: u32,
    pub file: String,
    pub origin: Origin,
    /// Current row number (1-based record or sheet row).
    pub line: usize,
    pub had_error: bool,
    pub had_warning: bool,
    /// Japanese unless `--lang` asks for English.
    pub lang: crate::i18n::Lang,
    /// Errors since the last `reset_step`, to tell whether one step failed.
    step_error: bool,
}

impl<'w> Logger<'w> {
    pub fn new(out: &'w mut dyn Write) -> Self {
        Logger {
            out,
            level: 0,
            file: String::new(),
            origin: Origin::Csv,
            line: 0,
            had_error: false,
            had_warning: false,
            lang: crate::i18n::Lang::Ja,
            step_error: false,
        }
    }

    pub fn reset_step(&mut self) {
        self.step_error = false;
    }

    pub fn step_failed(&self) -> bool {
        self.step_error
    }

    pub fn write_raw(&mut self, s: &str) {
        // A broken stderr must not turn into a panic; the exit status still tells.
        let _ = self.out.write_all(s.as_bytes());
    }

    fn emit(&mut self, level: Level, msg: &Msg, scope: Scope) {
        match level {
            Level::Error => {
                self.had_error = true;
                self.step_error = true;
            }
            Level::Warn => self.had_warning = true,
            _ => {}
        }
        if level as u32 > self.level {
            return;
        }
        let text = match self.lang {
            crate::i18n::Lang::En => msg.text_en(),
            crate::i18n::Lang::Ja => msg.text(),
        };
        let line = match scope {
            Scope::Global => format!("{}: {}\n", level.label(), text),
            Scope::File => format!("{}: {}: {}\n", level.label(), self.file, text),
            Scope::Row(col) => {
                format!("{}: {}: {}\n", level.label(), self.row_prefix(col), text)
            }
        };
        self.write_raw(&line);
    }

    fn row_prefix(&self, col: Option<usize>) -> String {
        match (&self.origin, col) {
            (Origin::Csv, _) => format!("{}(L{})", self.file, self.line),
            (Origin::Workbook { sheet }, Some(c)) => {
                format!(
                    "{}[{}]({}{})",
                    self.file,
                    sheet,
                    column_letters(c),
                    self.line
                )
            }
            (Origin::Workbook { sheet }, None) => {
                format!("{}[{}](L{})", self.file, sheet, self.line)
            }
        }
    }

    /// A format error: the fixed "format error found" line, then the detail.
    pub fn fmterr(&mut self, msg: Msg, col: Option<usize>) {
        self.emit(Level::Error, &Msg::FormatError, Scope::Row(col));
        self.emit(Level::Error, &msg, Scope::Row(col));
    }

    /// A format error about the whole file (end-of-input checks).
    pub fn fmterr_file(&mut self, msg: Msg) {
        self.emit(Level::Error, &Msg::FormatError, Scope::File);
        self.emit(Level::Error, &msg, Scope::File);
    }

    /// An error about the current row without the format-error line first
    /// (pm_pcsgen's layout).
    pub fn error_row(&mut self, msg: Msg, col: Option<usize>) {
        self.emit(Level::Error, &msg, Scope::Row(col));
    }

    pub fn error(&mut self, msg: Msg) {
        self.emit(Level::Error, &msg, Scope::Global);
    }

    pub fn warn_row(&mut self, msg: Msg, col: Option<usize>) {
        self.emit(Level::Warn, &msg, Scope::Row(col));
    }

    pub fn warn(&mut self, msg: Msg) {
        self.emit(Level::Warn, &msg, Scope::Global);
    }

    pub fn info(&mut self, msg: Msg) {
        self.emit(Level::Info, &msg, Scope::Global);
    }

    pub fn info_row(&mut self, msg: Msg, col: Option<usize>) {
        self.emit(Level::Info, &msg, Scope::Row(col));
    }

    pub fn debug_file(&mut self, msg: Msg) {
        self.emit(Level::Debug, &msg, Scope::File);
    }

    pub fn debug_row(&mut self, msg: Msg) {
        self.emit(Level::Debug, &msg, Scope::Row(None));
    }

    pub fn debug1(&mut self, msg: Msg) {
        self.emit(Level::Debug1, &msg, Scope::Global);
    }

    pub fn debug1_row(&mut self, text: String) {
        self.emit(Level::Debug1, &Msg::Raw(text), Scope::Row(None));
    }

    pub fn wants(&self, level: Level) -> bool {
        level as u32 <= self.level
    }
}
