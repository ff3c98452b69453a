//! Excel/OpenDocument input through calamine: the chosen sheet becomes the same
//! rows that Excel's "Save as CSV" would give (cell text as displayed, every row
//! padded to the sheet's used width).

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use super::sheet::Row;
use super::tables::Table;
use super::text::format_cell;

/// A cell whose text is not what Excel would show: warned about, naming
/// the cell (`B3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellIssue {
    /// A formula saved without its computed value (the file was written
    /// by a tool that does not calculate): it reads as empty.
    UncachedFormula { cell: String, formula: String },
    /// An error value (`#DIV/0!`, `#REF!`, ...): its text is used as is.
    ErrorValue { cell: String, value: String },
}

/// `B3` for row 2, column 1 (0-based).
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// The cells of `values` that need a warning; `formulas` is the sheet's
/// formula grid, when the format gives one.
fn issues(
    values: &calamine::Range<Data>,
    formulas: Option<&calamine::Range<String>>,
) -> Vec<CellIssue> {
    let mut out = Vec::new();
    for (r, c, d) in values.used_cells() {
        if let Data::Error(e) = d {
            let (row, col) = (
                values.start().map_or(0, |s| s.0) + r as u32,
                values.start().map_or(0, |s| s.1) + c as u32,
            );
            out.push(CellIssue::ErrorValue {
                cell: cell_name(row, col),
                value: e.to_string(),
            });
        }
    }
    if let Some(formulas) = formulas {
        let (r0, c0) = formulas.start().unwrap_or((0, 0));
        for (r, c, f) in formulas.used_cells() {
            if f.is_empty() {
                continue;
            }
            let at = (r0 + r as u32, c0 + c as u32);
            let empty = values
                .get_value(at)
                .is_none_or(|d| matches!(d, Data::Empty));
            if empty {
                out.push(CellIssue::UncachedFormula {
                    cell: cell_name(at.0, at.1),
                    formula: f.clone(),
                });
            }
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    Open(String),
    /// The workbook reader gave up on a malformed file (it panicked).
    ReaderFailed,
    SheetNotFound(String),
    NoTableSheet,
}

pub fn is_workbook(path: &str) -> bool {
    let lower = path.to_lowercase();
    [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Excel's "General" display of a number.
fn general_number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{}", f)
    }
}

fn cell_text(d: &Data) -> String {
    let text = match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => general_number(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(true) => "TRUE".into(),
        Data::Bool(false) => "FALSE".into(),
        Data::DateTime(dt) => general_number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    };
    // A CSV round trip turns every CR into LF (universal newlines).
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn grid(range: &calamine::Range<Data>) -> Vec<Vec<String>> {
    let Some((end_row, end_col)) = range.end() else {
        return Vec::new();
    };
    (0..=end_row)
        .map(|r| {
            (0..=end_col)
                .map(|c| range.get_value((r, c)).map(cell_text).unwrap_or_default())
                .collect()
        })
        .collect()
}

fn holds_table(rows: &[Vec<String>]) -> bool {
    rows.iter().any(|r| {
        r.get(1)
            .is_some_and(|b| Table::from_marker(&format_cell(b).to_lowercase()).is_some())
    })
}

/// Reads the sheet named `wanted`, or the first sheet holding a table marker.
/// Returns the sheet name, its rows and the cells to warn about.
pub fn load(
    path: &Path,
    wanted: Option<&str>,
) -> Result<(String, Vec<Row>, Vec<CellIssue>), WorkbookError> {
    // calamine panics on some malformed workbooks (an overflowing cell
    // reference, found by fuzzing): that is a broken file, not a crash.
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(|| load_unguarded(path, wanted));
    std::panic::set_hook(quiet);
    read.unwrap_or(Err(WorkbookError::ReaderFailed))
}

fn load_unguarded(
    path: &Path,
    wanted: Option<&str>,
) -> Result<(String, Vec<Row>, Vec<CellIssue>), WorkbookError> {
    let mut book = open_workbook_auto(path).map_err(|e| WorkbookError::Open(e.to_string()))?;
    let names = book.sheet_names();
    let candidates: Vec<String> = match wanted {
        Some(w) => {
            if !names.iter().any(|n| n == w) {
                return Err(WorkbookError::SheetNotFound(w.to_string()));
            }
            vec![w.to_string()]
        }
        None => names,
    };
    for name in candidates {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| WorkbookError::Open(e.to_string()))?;
        let cells = grid(&range);
        if wanted.is_none() && !holds_table(&cells) {
            continue;
        }
        let formulas = book.worksheet_formula(&name).ok();
        let noted = issues(&range, formulas.as_ref());
        let width = cells.first().map_or(0, Vec::len);
        let rows = cells
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                // Excel writes an empty one-column row as an empty line.
                let r = if width == 1 && r[0].is_empty() {
                    Vec::new()
                } else {
                    r
                };
                Row::new(i + 1, r)
            })
            .collect();
        return Ok((name, rows, noted));
    }
    Err(WorkbookError::NoTableSheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(2, 1), "B3");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 16383), "XFD1");
    }
}
