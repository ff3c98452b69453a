//! CIB → sheet, the whole step: read the CIB, make the rows
//! ([`super::reverse`]), write them as CSV. `pm_crmgen --reverse` and
//! `crm configure export-sheet` both come here.

use std::io::Write;

use super::cli::Options;
use super::csv_writer::{self, SheetEncoding};
use super::log::Logger;
use super::messages::Msg;
use crate::schema::Schema;
use crate::xml::Element;

/// What file a sheet is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv(SheetEncoding),
    /// An Excel workbook (`FILE.xlsx`); the encoding does not apply.
    Xlsx,
}

impl SheetFormat {
    /// The format for an output path and an `--encoding` word; `Err` gives
    /// the message for a word that names no encoding.
    pub fn choose(path: Option<&str>, encoding: Option<&str>) -> Result<Self, String> {
        if path.is_some_and(|p| p.to_ascii_lowercase().ends_with(".xlsx")) {
            return Ok(SheetFormat::Xlsx);
        }
        let enc = match encoding {
            None => SheetEncoding::Utf8,
            Some(w) => SheetEncoding::from_word(w)
                .ok_or_else(|| Msg::EncodingUnknown(w.to_string()).text())?,
        };
        Ok(SheetFormat::Csv(enc))
    }
}

/// A written sheet and the objects it carries as crm text.
#[derive(Debug)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub additional: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// A character the chosen encoding cannot hold.
    Encode(char),
    /// The xlsx writer failed (its message).
    Xlsx(String),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Encode(c) => f.write_str(&Msg::EncodeFailed(*c).text()),
            ExportError::Xlsx(e) => f.write_str(&Msg::XlsxFailed(e.clone()).text()),
        }
    }
}

/// The sheet of a `<configuration>` in `format`.
pub fn export_sheet(
    config: &Element,
    schema: &Schema,
    format: SheetFormat,
) -> Result<Exported, ExportError> {
    let notice = Msg::ReverseSheetComment.text();
    let rev = super::reverse::reverse(config, schema, &notice);
    let bytes = match format {
        SheetFormat::Csv(enc) => {
            csv_writer::encode(&csv_writer::to_text(&rev.rows), enc).map_err(ExportError::Encode)?
        }
        SheetFormat::Xlsx => super::xlsx_writer::to_bytes(&rev.rows).map_err(ExportError::Xlsx)?,
    };
    Ok(Exported {
        bytes,
        additional: rev.additional,
    })
}

/// The notice about objects written as crm text (empty list: none).
pub fn export_notice(additional: &[String]) -> Option<String> {
    (!additional.is_empty()).then(|| Msg::ReverseAdditional(additional.join(", ")).text())
}

/// `<configuration>` of a CIB text (a whole `<cib>` or the section itself),
/// with the schema it names.
pub fn configuration_of(text: &str) -> Result<(Element, Schema), Msg> {
    let root = crate::xml::parse(text).map_err(|e| Msg::Raw(e.to_string()))?;
    let schema = Schema::new(root.get("validate-with").unwrap_or("pacemaker-3.9"));
    if root.name == "configuration" {
        return Ok((root, schema));
    }
    match root.child("configuration") {
        Some(c) if root.name == "cib" => Ok((c.clone(), schema)),
        _ => Err(Msg::NoConfiguration),
    }
}

/// `pm_crmgen --reverse CIB.xml [-o SHEET] [--encoding sjis]`.
pub fn run(opts: &Options, log: &mut Logger, stdout: &mut dyn Write) -> i32 {
    let format = match SheetFormat::choose(opts.output.as_deref(), opts.encoding.as_deref()) {
        Ok(f) => f,
        Err(text) => {
            log.error(Msg::Raw(text));
            return 1;
        }
    };
    let text = match std::fs::read(&opts.input) {
        Ok(b) => crate::source::decode(&b),
        Err(e) => {
            log.error(Msg::OpenFailed(opts.input.clone()));
            log.error(Msg::Raw(super::load::os_error_text(&e, Some(&opts.input))));
            return 1;
        }
    };
    let (config, schema) = match configuration_of(&text) {
        Ok(c) => c,
        Err(m) => {
            log.error(Msg::CibReadFailed(opts.input.clone()));
            log.error(m);
            return 1;
        }
    };
    let sheet = match export_sheet(&config, &schema, format) {
        Ok(s) => s,
        Err(e) => {
            log.error(Msg::Raw(e.to_string()));
            return 1;
        }
    };
    let written = match opts.output.as_deref() {
        Some(path) => super::write_file(log, opts, path, &sheet.bytes, Msg::SheetWriteFailed),
        None => {
            let ok = stdout.write_all(&sheet.bytes).and_then(|_| stdout.flush());
            if ok.is_err() {
                log.error(Msg::StdoutFailed);
            }
            ok.is_ok()
        }
    };
    if !written {
        return 1;
    }
    // Shown at every verbosity: the sheet is complete only with those rows.
    if let Some(n) = export_notice(&sheet.additional) {
        log.write_raw(&format!("{n}\n"));
    }
    0
}
