//! What the fuzz targets (`fuzz/`) run on one input, kept in the library
//! so that `tests/fuzz_regressions.rs` replays the inputs that once failed
//! through exactly the same steps. Each function must return normally on
//! any input: a panic, an abort or a leak is the bug being hunted.

use crate::cib::{Cib, Method};
use crate::source::Source;
use std::ffi::OsString;

/// A crm file: load it into an empty CIB (its error rendered as crm
/// would), show it both ways, print `show xml`, and load the lossless
/// text again.
pub fn crm_text(data: &[u8]) {
    let source = match Source::from_bytes("fuzz.crm", data) {
        Ok(s) => s,
        Err(e) => return render(e, None),
    };
    let mut cib = Cib::empty("pacemaker-3.9");
    if let Err(e) = crate::load::load_into(&mut cib, &source.text, Method::Update) {
        return render(e, Some(source));
    }
    shown_and_reloaded(&cib);
}

/// A CIB file: read it, show it, `show xml` it, and `load xml update` it
/// into an empty CIB.
pub fn cib_xml(data: &[u8]) {
    let text = match crate::source::utf8("fuzz.xml", data) {
        Ok(t) => t,
        Err(e) => return render(e, None),
    };
    match Cib::parse(text) {
        Ok(cib) => {
            let _ = crate::cli::show_text(&cib, None);
            let _ = crate::present::show_xml(&cib, None, &crate::secrets::globs());
            let _ = cib.to_xml();
        }
        Err(e) => render(e, None),
    }
    let mut cib = Cib::empty("pacemaker-3.9");
    match crate::load::load_xml_into(&mut cib, text, Method::Update) {
        Ok(_) => shown_and_reloaded(&cib),
        Err(e) => render(e, Some(Source::new("fuzz.xml", text))),
    }
}

/// An environment sheet in CSV through pm_crmgen (output to memory).
pub fn sheet_csv(data: &[u8]) {
    sheet(data, "csv");
}

/// A workbook through pm_crmgen (output to memory): named after what its
/// first bytes say it is, since pm_crmgen picks the reader by the name: a
/// compound document is an Excel 97-2003 `.xls`, a zip that says it is an
/// OpenDocument spreadsheet an `.ods`, anything else an `.xlsx`.
pub fn sheet_xlsx(data: &[u8]) {
    const COMPOUND: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let head = &data[..data.len().min(128)];
    let ext = if data.starts_with(COMPOUND) {
        "xls"
    } else if head.windows(11).any(|w| w == b"opendocumen") {
        "ods"
    } else {
        "xlsx"
    };
    sheet(data, ext);
}

fn sheet(data: &[u8], ext: &str) {
    // pm_crmgen reads a path; a file per process, rewritten per input.
    let path = std::env::temp_dir().join(format!("crmtool-fuzz-{}.{ext}", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    // The first byte picks the options, so that the debug dump (-VVVVV)
    // and the derivation switches are fuzzed too.
    let flags = data.first().copied().unwrap_or(0);
    let mut args: Vec<OsString> = vec!["pm_crmgen".into()];
    for (bit, opt) in [(1, "-C"), (2, "-O"), (4, "-b"), (8, "-VVVVV")] {
        if flags & bit != 0 {
            args.push(opt.into());
        }
    }
    args.push(path.clone().into());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    crate::pm_crmgen::run(args, &mut out, &mut err);
    let _ = std::fs::remove_file(&path);
    // What pm_crmgen wrote must load (or fail with a located error).
    if let Ok(text) = String::from_utf8(out) {
        let mut cib = Cib::empty("pacemaker-3.9");
        if let Err(e) = crate::load::load_into(&mut cib, &text, Method::Update) {
            render(e, Some(Source::new("out.crm", &text)));
        }
    }
}

fn shown_and_reloaded(cib: &Cib) {
    let _ = crate::cli::show_text(cib, None);
    let _ = crate::present::show_xml(cib, None, &[]);
    let mut opts = crate::show::ShowOptions::for_cib(&cib.root);
    opts.obscure.clear();
    let text = crate::show::show(cib.configuration(), &opts);
    let mut again = Cib::empty("pacemaker-3.9");
    if let Err(e) = crate::load::load_into(&mut again, &text, Method::Update) {
        render(e, Some(Source::new("shown.crm", &text)));
    }
}

fn render(error: crate::error::Error, source: Option<Source>) {
    let failure = crate::cli::Failure { error, source };
    let _ = crate::cli::render_failure(&failure);
}
