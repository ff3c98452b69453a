//! `configure export-sheet FILE [--encoding utf8|sjis]`: the CIB (CIB_file,
//! a shadow or the live cluster, as every configure command reads it)
//! written as a pm_crmgen 2.2 environment sheet. The sheet itself is made
//! by `pm_crmgen`'s reverse step; this file only reads arguments and
//! writes the file.

use super::{usage, Failure, Output};
use crate::cib::Cib;
use crate::error::Error;
use crate::pm_crmgen::{export_notice, export_sheet, SheetFormat};

/// Sheets may carry passwords (stonith parameters): a new file is 0600.
const MODE: u32 = 0o600;

pub fn run(cib: &Cib, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let mut path = None;
    let mut encoding = None;
    let mut rest = words.iter();
    while let Some(w) = rest.next() {
        match *w {
            "--encoding" => encoding = rest.next().copied(),
            w if w.starts_with("--encoding=") => encoding = w.split_once('=').map(|(_, v)| v),
            w if path.is_none() => path = Some(w),
            _ => {
                return Err(usage(
                    &crate::notice::Misuse::Syntax {
                        usage: "export-sheet FILE [--encoding utf8|sjis]".into(),
                    }
                    .to_string(),
                )
                .into())
            }
        }
    }
    let Some(path) = path else {
        return Err(usage(
            &crate::notice::Misuse::Syntax {
                usage: "export-sheet FILE [--encoding utf8|sjis]".into(),
            }
            .to_string(),
        )
        .into());
    };
    let format = SheetFormat::choose(Some(path), encoding).map_err(|m| usage(&m))?;
    let sheet = export_sheet(cib.configuration(), &cib.schema(), format)
        .map_err(|e| usage(&e.to_string()))?;
    let target = std::path::Path::new(path);
    crate::safe_file::write(target, &sheet.bytes, MODE).map_err(|e| Error::file(target, e))?;
    if let Some(notice) = export_notice(&sheet.additional) {
        out.info(&notice);
    }
    Ok(())
}
