//! `pm_crmgen`: converts an environment-definition sheet (CSV saved from the
//! pm_crmgen Excel template, or the workbook itself) into crm shell commands,
//! byte-compatible with Linux-HA Japan's pm_crmgen 2.2.
//!
//! Entry point: [`run`]. The binary is a thin wrapper around it.

mod cli;
mod columns;
mod compile;
mod csv_reader;
mod csv_writer;
mod encoding;
mod euc_tables;
mod export;
mod load;
mod log;
mod messages;
mod messages_en;
pub(crate) mod model;
mod ods_extent;
mod output;
mod pcsgen;
mod pcsgen_model;
mod pcsgen_render;
mod pcsgen_tables;
mod processor;
mod py2dict;
mod reverse;
mod sheet;
mod table_alert;
mod table_attributes;
mod table_config;
mod table_constraints;
mod table_ftopo;
mod table_location;
mod table_locexpert;
mod table_node;
mod table_options;
mod table_primitive;
mod table_resources;
mod table_ticket;
mod tables;
mod text;
mod values;
mod workbook;
mod xls_extent;
mod xlsx_writer;
mod xml_dump;

use std::ffi::OsString;
use std::io::Write;

use cli::{Options, Parsed};
use load::{os_error_text, LoadError};
use log::{Level, Logger, Origin};
use messages::{Msg, ABORTING, WARNINGS_HIDDEN};
use model::{Config, RscKind};
use processor::{Derive, Outcome, Processor};
use workbook::WorkbookError;

pub use csv_writer::SheetEncoding;
pub use export::{export_notice, export_sheet, ExportError, Exported, SheetFormat};

/// Runs pm_crmgen with `args` (program name first); returns the exit status.
/// `COLUMNS` (help width) is read from the environment.
pub fn run(args: Vec<OsString>, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let columns = std::env::var("COLUMNS").ok();
    let opts = match cli::parse(&args, columns.as_deref()) {
        Parsed::Exit {
            code,
            stdout: out,
            stderr: err,
        } => {
            let _ = stdout.write_all(out.as_bytes());
            let _ = stderr.write_all(err.as_bytes());
            return code;
        }
        Parsed::Run(o) => o,
    };
    let mut log = Logger::new(stderr);
    log.level = opts.verbosity;
    log.lang = opts.lang;
    log.file = opts.input.rsplit('/').next().unwrap_or("").to_string();
    let line: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    log.info(Msg::CommandLine(line.join(" ")));
    let code = if opts.reverse {
        export::run(&opts, &mut log, stdout)
    } else {
        generate(&opts, &mut log, stdout)
    };
    let english = log.lang == crate::i18n::Lang::En;
    if code == 1 {
        log.write_raw(if english {
            messages_en::ABORTING
        } else {
            ABORTING
        });
    } else if code == 2 && !log.wants(Level::Warn) {
        log.write_raw(if english {
            messages_en::WARNINGS_HIDDEN
        } else {
            WARNINGS_HIDDEN
        });
    }
    code
}

fn generate(opts: &Options, log: &mut Logger, stdout: &mut dyn Write) -> i32 {
    log.debug_file(Msg::GenerateStart);
    log.debug_file(Msg::CsvToXml);
    let loaded = if load::is_workbook(&opts.input) {
        load::load_workbook(&opts.input, opts.sheet.as_deref()).map(|(name, sheet, issues)| {
            log.origin = Origin::Workbook { sheet: name };
            log.debug_file(Msg::Encoding(sheet.codec));
            for issue in issues {
                log.warn(match issue {
                    workbook::CellIssue::UncachedFormula { cell, formula } => {
                        Msg::UncachedFormula { cell, formula }
                    }
                    workbook::CellIssue::ErrorValue { cell, value } => {
                        Msg::ErrorCell { cell, value }
                    }
                });
            }
            sheet
        })
    } else {
        load::load_csv(&opts.input, &mut |codec| {
            log.debug_file(Msg::Encoding(codec))
        })
    };
    let sheet = match loaded {
        Ok(s) => s,
        Err(e) => {
            report_load_error(log, &opts.input, e);
            return 1;
        }
    };
    if pcsgen::is_pcsgen(&sheet) {
        return generate_pcsgen(opts, log, stdout, &sheet);
    }
    let derive = Derive {
        colocation: !opts.no_colocation,
        order: !opts.no_order,
    };
    let mut p = Processor::new(log, derive);
    if p.run(&sheet, &opts.input) == Outcome::Stopped {
        return 1;
    }
    let cfg = std::mem::take(&mut p.cfg);
    if !log.had_error {
        check_resources(log, &cfg);
    }
    if log.had_error {
        xml_debug(log, &cfg);
        return 1;
    }
    if cfg.parts.is_empty() {
        log.warn(Msg::NoValidData);
    } else {
        xml_debug(log, &cfg);
        log.debug_file(Msg::XmlToCrm);
        let text = output::render(&cfg, opts.brackets);
        // `--json`: the parsed sheet instead of the crm text.
        let shown = opts
            .json
            .then(|| crate::json::render(&crate::json::sheet(&cfg)));
        return emit(opts, log, stdout, text, shown);
    }
    log.debug_file(Msg::GenerateEnd);
    if log.had_warning {
        2
    } else {
        0
    }
}

/// A pm_pcsgen sheet: read it, then write its crm text and/or CIB XML as
/// for a pm_crmgen sheet.
fn generate_pcsgen(
    opts: &Options,
    log: &mut Logger,
    stdout: &mut dyn Write,
    sheet: &sheet::Sheet,
) -> i32 {
    log.debug_file(Msg::PcsSheetFound);
    let mut reader = pcsgen::Reader::new(log);
    let finished = reader.run(sheet, &opts.input);
    let cfg = std::mem::take(&mut reader.cfg);
    if !finished || log.had_error {
        return 1;
    }
    if cfg.is_empty() {
        log.error(Msg::PcsNoValidData);
        return 1;
    }
    if opts.json {
        log.error(Msg::PcsNoJson);
        return 1;
    }
    let text = pcsgen_render::render(&cfg);
    emit(opts, log, stdout, text, None)
}

/// Writes the crm text (or `shown` instead, e.g. JSON) to stdout or `-o` and,
/// with `-x`, the CIB XML the crm text compiles to.
fn emit(
    opts: &Options,
    log: &mut Logger,
    stdout: &mut dyn Write,
    text: String,
    shown: Option<String>,
) -> i32 {
    let xml = match &opts.xml {
        Some(_) => match compile::configuration(&text) {
            Ok((xml, warnings)) => {
                for w in warnings {
                    log.warn(Msg::Raw(w));
                }
                Some(xml)
            }
            Err(e) => {
                log.error(Msg::XmlCompileFailed);
                log.error(Msg::Raw(e));
                return 1;
            }
        },
        None => None,
    };
    let text = shown.unwrap_or(text);
    if xml.is_none() || opts.output.is_some() {
        let written = match opts.output.as_deref() {
            Some(path) => write_file(log, opts, path, text.as_bytes(), Msg::WriteFailed),
            None => write_stdout(log, &text, stdout),
        };
        if !written {
            return 1;
        }
    }
    if let (Some(path), Some(xml)) = (opts.xml.as_deref(), xml) {
        if !write_file(log, opts, path, xml.as_bytes(), Msg::XmlWriteFailed) {
            return 1;
        }
    }
    log.debug_file(Msg::GenerateEnd);
    if log.had_warning {
        2
    } else {
        0
    }
}

fn report_load_error(log: &mut Logger, path: &str, e: LoadError) {
    match e {
        LoadError::Open(text) => {
            log.error(Msg::OpenFailed(path.to_string()));
            log.error(Msg::Raw(text));
        }
        LoadError::Read(text) => {
            log.error(Msg::ReadFailed(path.to_string()));
            log.error(Msg::Raw(text));
        }
        LoadError::Encoding(_) => log.error(Msg::UnsupportedEncoding),
        LoadError::Workbook(WorkbookError::Open(text)) => {
            log.error(Msg::OpenFailed(path.to_string()));
            log.error(Msg::WorkbookFailed(text));
        }
        LoadError::Workbook(WorkbookError::ReaderFailed) => {
            log.error(Msg::OpenFailed(path.to_string()));
            log.error(Msg::WorkbookMalformed);
        }
        LoadError::Workbook(WorkbookError::SheetNotFound(name)) => {
            log.error(Msg::SheetNotFound(name))
        }
        LoadError::Workbook(WorkbookError::NoTableSheet) => log.error(Msg::NoTableSheet),
        LoadError::Workbook(WorkbookError::TooLarge {
            sheet,
            cell,
            rows,
            cols,
        }) => {
            log.error(Msg::OpenFailed(path.to_string()));
            log.error(Msg::WorkbookTooLarge {
                sheet,
                cell,
                rows,
                cols,
                limit: workbook::MAX_AREA,
            });
        }
    }
}

/// End-of-input checks (spec §8): every primitive described, no empty container.
fn check_resources(log: &mut Logger, cfg: &Config) {
    for r in &cfg.resources {
        if r.kind == RscKind::Primitive {
            if r.described.is_none() {
                log.fmterr_file(Msg::PrimitiveTableMissing {
                    id: r.id.clone(),
                    line: r.line,
                });
            }
        } else if r.children.is_empty() {
            log.fmterr_file(Msg::EmptyContainer {
                kind: r.kind.as_str(),
                id: r.id.clone(),
                line: r.line,
            });
        }
    }
}

fn xml_debug(log: &mut Logger, cfg: &Config) {
    if log.wants(Level::Debug1) {
        log.debug1(Msg::XmlDump);
        log.write_raw(&xml_dump::dump(cfg));
    }
}

/// The crm text to stdout.
pub(crate) fn write_stdout(log: &mut Logger, text: &str, stdout: &mut dyn Write) -> bool {
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        log.error(Msg::StdoutFailed);
        log.error(Msg::Raw(os_error_text(&e, None)));
        return false;
    }
    true
}

/// Text to `-o PATH` or `-x PATH`. A regular file is written like
/// the CIB (temp file, rename, mode and owner kept; a new file is 0600, it
/// may hold passwords); a device or pipe is written in place. Nothing that
/// was there before is ever removed, and an input file is never the output.
pub(crate) fn write_file(
    log: &mut Logger,
    opts: &Options,
    path: &str,
    bytes: &[u8],
    failed: fn(String) -> Msg,
) -> bool {
    let target = std::path::Path::new(path);
    let out_id = crate::safe_file::identity(target);
    if out_id.is_some() && out_id == crate::safe_file::identity(std::path::Path::new(&opts.input)) {
        log.error(Msg::OutputIsInput(path.to_string()));
        return false;
    }
    use crate::safe_file::FileError;
    match crate::safe_file::write(target, bytes, 0o600) {
        Ok(()) => true,
        Err(FileError::Open(e)) => {
            log.error(Msg::OpenFailed(path.to_string()));
            log.error(Msg::Raw(os_error_text(&e, Some(path))));
            false
        }
        Err(FileError::Io(e)) => {
            log.error(failed(path.to_string()));
            log.error(Msg::Raw(os_error_text(&e, None)));
            false
        }
        Err(refused) => {
            log.error(Msg::OutputRefused(path.to_string()));
            log.error(Msg::Raw(
                crate::error::Error::file(target, refused).to_string(),
            ));
            false
        }
    }
}

/// Whether a cell names one of the sheet's tables (`NODE`, `PRIMITIVE`,
/// …), for telling a sheet from a crm file.
pub fn is_table_marker(cell: &str) -> bool {
    let lower = cell.trim().to_ascii_lowercase();
    tables::Table::from_marker(&lower).is_some()
        || pcsgen_tables::Table::from_marker(&lower).is_some()
}
