//! Excel/OpenDocument input through calamine: the chosen sheet becomes the same
//! rows that Excel's "Save as CSV" would give (cell text as displayed, every row
//! padded to the sheet's used width).

use std::collections::HashSet;
use std::io::{Cursor, Read, Seek};
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader, Sheets, Xls};

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
pub(super) fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = u64::from(col) + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8_lossy(&letters),
        u64::from(row) + 1
    )
}

/// The cells that need a warning: error values, and formulas (when the
/// format gives them) whose cell holds no value.
fn issues(cells: &[Placed<Data>], formulas: &[Placed<String>]) -> Vec<CellIssue> {
    let mut out = Vec::new();
    for ((row, col), d) in cells {
        if let Data::Error(e) = d {
            out.push(CellIssue::ErrorValue {
                cell: cell_name(*row, *col),
                value: e.to_string(),
            });
        }
    }
    let valued: HashSet<(u32, u32)> = cells
        .iter()
        .filter(|(_, d)| !matches!(d, Data::Empty))
        .map(|(at, _)| *at)
        .collect();
    for (at, f) in formulas {
        if !f.is_empty() && !valued.contains(at) {
            out.push(CellIssue::UncachedFormula {
                cell: cell_name(at.0, at.1),
                formula: f.clone(),
            });
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
    /// A sheet whose cells span more than pm_crmgen reads (or a cell
    /// beyond Excel's last row or column): `cell` is the farthest one.
    TooLarge {
        sheet: String,
        cell: String,
        rows: u64,
        cols: u64,
    },
}

/// Excel's own limits (`XFD1048576`): a cell beyond them is a broken file.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLS: u32 = 16_384;
/// The most cells a sheet may span, counted from `A1` to its last used row
/// and column (the rectangle Excel's CSV gives, which pm_crmgen reads):
/// 200,000 rows of 20 columns fit; one stray far cell reference (the fuzzer's
/// `HeS8` beside `F12126`, 67 million cells from a 13 KB file) does not.
pub const MAX_AREA: u64 = 4_000_000;

/// A cell's value at its 0-based (row, column).
type Placed<T> = ((u32, u32), T);

/// The sheet's cells and formulas, read sparsely: never a dense grid wider
/// than the bounds above.
struct Cells {
    values: Vec<Placed<Data>>,
    formulas: Vec<Placed<String>>,
}

impl Cells {
    /// Refuses a sheet whose rectangle from A1 is too large, naming the
    /// farthest row and column.
    fn bounded(self, sheet: &str) -> Result<Self, WorkbookError> {
        let (mut rows, mut cols) = (0u64, 0u64);
        for ((r, c), _) in &self.values {
            rows = rows.max(u64::from(*r) + 1);
            cols = cols.max(u64::from(*c) + 1);
        }
        check_area(sheet, rows, cols)?;
        Ok(self)
    }
}

pub(super) fn check_area(sheet: &str, rows: u64, cols: u64) -> Result<(), WorkbookError> {
    let beyond_excel = rows > u64::from(MAX_ROWS) || cols > u64::from(MAX_COLS);
    if beyond_excel || rows.saturating_mul(cols) > MAX_AREA {
        let (r, c) = (rows.saturating_sub(1), cols.saturating_sub(1));
        return Err(WorkbookError::TooLarge {
            sheet: sheet.to_string(),
            cell: cell_name(
                u32::try_from(r).unwrap_or(u32::MAX),
                u32::try_from(c).unwrap_or(u32::MAX),
            ),
            rows,
            cols,
        });
    }
    Ok(())
}

/// Refuses a cell beyond Excel's limits as soon as the reader gives it, so
/// that not even the sparse list grows from a broken reference.
fn in_limits(sheet: &str, (r, c): (u32, u32)) -> Result<(), WorkbookError> {
    if r >= MAX_ROWS || c >= MAX_COLS {
        return check_area(sheet, u64::from(r) + 1, u64::from(c) + 1);
    }
    Ok(())
}

/// Streams the cells of an xlsx/xlsb sheet (calamine's own range would
/// allocate every cell of the rectangle they span before we could look).
macro_rules! streamed {
    ($book:expr, $name:expr) => {{
        let open = |e: &dyn std::fmt::Display| WorkbookError::Open(e.to_string());
        let mut values = Vec::new();
        let mut reader = $book.worksheet_cells_reader($name).map_err(|e| open(&e))?;
        while let Some(cell) = reader.next_cell().map_err(|e| open(&e))? {
            let at = cell.get_position();
            let value = Data::from(cell.get_value().clone());
            if !matches!(value, Data::Empty) {
                in_limits($name, at)?;
                values.push((at, value));
            }
        }
        drop(reader);
        let mut formulas = Vec::new();
        if let Ok(mut reader) = $book.worksheet_cells_reader($name) {
            while let Ok(Some(cell)) = reader.next_formula() {
                if !cell.get_value().is_empty() {
                    in_limits($name, cell.get_position())?;
                    formulas.push((cell.get_position(), cell.get_value().clone()));
                }
            }
        }
        Cells { values, formulas }
    }};
}

/// The cells of sheet `name`, bounded.
fn read_cells<RS: Read + Seek>(book: &mut Sheets<RS>, name: &str) -> Result<Cells, WorkbookError> {
    let cells = match book {
        Sheets::Xlsx(x) => streamed!(x, name),
        Sheets::Xlsb(x) => streamed!(x, name),
        // xls and ods are read whole when the file is opened (calamine has
        // no streaming reader for them): their extent scans refused an
        // oversized sheet before that; the range is checked again before
        // any grid of ours is built from it.
        _ => {
            let range = book
                .worksheet_range(name)
                .map_err(|e| WorkbookError::Open(e.to_string()))?;
            if let Some((r, c)) = range.end() {
                check_area(name, u64::from(r) + 1, u64::from(c) + 1)?;
            }
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let values = range
                .used_cells()
                .map(|(r, c, d)| ((r0 + r as u32, c0 + c as u32), d.clone()))
                .collect();
            let formulas = match book.worksheet_formula(name) {
                Ok(f) => {
                    let (r0, c0) = f.start().unwrap_or((0, 0));
                    f.used_cells()
                        .filter(|(_, _, v)| !v.is_empty())
                        .map(|(r, c, v)| ((r0 + r as u32, c0 + c as u32), v.clone()))
                        .collect()
                }
                Err(_) => Vec::new(),
            };
            Cells { values, formulas }
        }
    };
    cells.bounded(name)
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

/// The rows from A1 to the last used row and column (bounded by
/// [`Cells::bounded`]), every row as wide as the widest.
fn grid(cells: &[Placed<Data>]) -> Vec<Vec<String>> {
    let (mut rows, mut cols) = (0usize, 0usize);
    for ((r, c), _) in cells {
        rows = rows.max(*r as usize + 1);
        cols = cols.max(*c as usize + 1);
    }
    let mut grid = vec![vec![String::new(); cols]; rows];
    for ((r, c), d) in cells {
        if let Some(slot) = grid
            .get_mut(*r as usize)
            .and_then(|row| row.get_mut(*c as usize))
        {
            *slot = cell_text(d);
        }
    }
    grid
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
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ods"))
    {
        super::ods_extent::check(path)?;
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xls"))
    {
        let clean = super::xls_extent::sanitized(path)?;
        let book = Xls::new(Cursor::new(clean)).map_err(|e| WorkbookError::Open(e.to_string()))?;
        return read_book(Sheets::Xls(book), wanted);
    }
    let book = open_workbook_auto(path).map_err(|e| WorkbookError::Open(e.to_string()))?;
    read_book(book, wanted)
}

/// The sheet `wanted` (or the first holding a table) of an opened book.
fn read_book<RS: Read + Seek>(
    mut book: Sheets<RS>,
    wanted: Option<&str>,
) -> Result<(String, Vec<Row>, Vec<CellIssue>), WorkbookError> {
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
        let read = read_cells(&mut book, &name)?;
        let cells = grid(&read.values);
        if wanted.is_none() && !holds_table(&cells) {
            continue;
        }
        let noted = issues(&read.values, &read.formulas);
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

    #[test]
    fn a_sheet_is_bounded_by_its_area_and_excels_limits() {
        assert!(check_area("s", 200_000, 20).is_ok());
        assert!(check_area("s", u64::from(MAX_ROWS), 1).is_ok());
        assert!(check_area("s", 1, u64::from(MAX_COLS)).is_ok());
        let far = |rows, cols| match check_area("s", rows, cols) {
            Err(WorkbookError::TooLarge { cell, .. }) => cell,
            other => panic!("{rows}×{cols}: {other:?}"),
        };
        assert_eq!(far(12_126, 5_557), "HES12126");
        assert_eq!(far(MAX_AREA + 1, 1), "A4000001");
        assert_eq!(far(1, u64::from(MAX_COLS) + 1), "XFE1");
        assert_eq!(far(u64::from(MAX_ROWS) + 1, 1), "A1048577");
        assert!(in_limits("s", (MAX_ROWS - 1, MAX_COLS - 1)).is_ok());
        assert!(in_limits("s", (MAX_ROWS, 0)).is_err());
        assert!(in_limits("s", (0, u32::MAX)).is_err());
    }
}
