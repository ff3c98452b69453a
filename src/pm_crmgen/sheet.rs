//! The cell grid pm_crmgen works on, whatever the input: numbered rows of decoded
//! cells, each with its raw text and its formatted view.

use super::text::format_cell;

/// One CSV record or sheet row.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based record (CSV) or row (workbook) number shown in messages.
    pub number: usize,
    /// Decoded cell text, line breaks and blanks kept (ADDITIONAL_CONFIG uses it).
    pub raw: Vec<String>,
    /// Formatted cells (§3.5), used everywhere else.
    pub cells: Vec<String>,
}

impl Row {
    pub fn new(number: usize, raw: Vec<String>) -> Row {
        let cells = raw.iter().map(|c| format_cell(c)).collect();
        Row { number, raw, cells }
    }

    /// The formatted cell at `pos`, empty past the end of the row.
    pub fn cell(&self, pos: usize) -> &str {
        self.cells.get(pos).map(String::as_str).unwrap_or("")
    }

    pub fn raw_cell(&self, pos: usize) -> &str {
        self.raw.get(pos).map(String::as_str).unwrap_or("")
    }
}

/// What the reader yields in order: rows, or the error that stopped reading there.
#[derive(Debug, Clone)]
pub enum Item {
    Row(Row),
    /// The text of a CSV error (printed after "could not read the file").
    ReadError(String),
    /// A cell that could not be decoded.
    DecodeError,
}

/// A whole input sheet.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub items: Vec<Item>,
    /// Codec name for the debug trace.
    pub codec: &'static str,
}
