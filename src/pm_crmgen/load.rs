//! Reading the input file into a [`Sheet`]: CSV bytes through newline translation,
//! encoding detection and the CSV reader, or a workbook through calamine.

use std::io::Read;
use std::path::Path;

use super::csv_reader::{read_records, Record};
use super::encoding::{decode, detect, universal_newlines, Codec, Detection};
use super::sheet::{Item, Row, Sheet};
use super::text::py_unicode_repr;
use super::workbook::{self, WorkbookError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Could not open: the OS error text.
    Open(String),
    /// Could not read: the OS error text.
    Read(String),
    /// A codec pm_crmgen refuses (named for the debug trace), or none fits.
    Encoding(Option<&'static str>),
    Workbook(WorkbookError),
}

/// An OS error the way Python 2 printed an IOError about a file.
pub fn os_error_text(err: &std::io::Error, path: Option<&str>) -> String {
    let Some(code) = err.raw_os_error() else {
        return err.to_string();
    };
    let text = std::io::Error::from_raw_os_error(code).to_string();
    let text = match text.rfind(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    match path {
        Some(p) => format!("[Errno {}] {}: {}", code, text, py_unicode_repr(p)),
        None => format!("[Errno {}] {}", code, text),
    }
}

/// Builds rows from newline-translated CSV data in a supported codec.
pub fn csv_sheet(data: &[u8], codec: Codec) -> Sheet {
    let mut items = Vec::new();
    let mut number = 0;
    for rec in read_records(data) {
        number += 1;
        match rec {
            Record::Cells(fields) => {
                let decoded: Option<Vec<String>> =
                    fields.iter().map(|f| decode(codec, f)).collect();
                match decoded {
                    Some(raw) => items.push(Item::Row(Row::new(number, raw))),
                    None => {
                        items.push(Item::DecodeError);
                        break;
                    }
                }
            }
            Record::Error(e) => {
                items.push(Item::ReadError(e));
                break;
            }
        }
    }
    Sheet {
        items,
        codec: codec.name(),
    }
}

/// Loads a CSV file; `on_codec` is told the detected codec name (debug trace).
pub fn load_csv(path: &str, on_codec: &mut dyn FnMut(&'static str)) -> Result<Sheet, LoadError> {
    let p = Path::new(path);
    if p.is_dir() {
        let err = std::io::Error::from_raw_os_error(21);
        return Err(LoadError::Open(os_error_text(&err, Some(path))));
    }
    let mut file =
        std::fs::File::open(p).map_err(|e| LoadError::Open(os_error_text(&e, Some(path))))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| LoadError::Read(os_error_text(&e, None)))?;
    let data = universal_newlines(&bytes);
    match detect(&data) {
        Detection::Supported(codec) => {
            on_codec(codec.name());
            Ok(csv_sheet(&data, codec))
        }
        Detection::Rejected(name) => {
            on_codec(name);
            Err(LoadError::Encoding(Some(name)))
        }
        Detection::Unknown => Err(LoadError::Encoding(None)),
    }
}

/// Loads a workbook sheet; returns the sheet name with the rows.
pub fn load_workbook(
    path: &str,
    sheet: Option<&str>,
) -> Result<(String, Sheet, Vec<workbook::CellIssue>), LoadError> {
    let (name, rows, issues) =
        workbook::load(Path::new(path), sheet).map_err(LoadError::Workbook)?;
    let ascii = rows.iter().all(|r| {
        r.raw
            .iter()
            .all(|c| c.chars().all(|ch| ch == '\n' || (' '..='~').contains(&ch)))
    });
    let items = rows.into_iter().map(Item::Row).collect();
    let codec = if ascii { "ascii" } else { "cp932" };
    Ok((name, Sheet { items, codec }, issues))
}

pub fn is_workbook(path: &str) -> bool {
    workbook::is_workbook(path)
}
