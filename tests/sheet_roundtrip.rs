//! CIB → sheet → crm round trip: for every golden case whose `.crm` (the
//! real pm_crmgen's output) loads, and for the filled template, loading
//! that crm text, writing the CIB back as a sheet (`--reverse`), converting
//! that sheet again and loading the result gives the same configuration:
//! the same annotated crm text (`show` with ids), in UTF-8 and Shift_JIS.

mod pm_crmgen_common;
mod support;

use crmtool::cib::{Cib, Method};
use crmtool::show::{show, ShowOptions};
use pm_crmgen_common::{case_names, golden_root, scratch_dir};
use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

fn shown(cib: &Cib) -> String {
    let opts = ShowOptions {
        lossless: true,
        obscure: Vec::new(),
        ..ShowOptions::for_cib(&cib.root)
    };
    // pm_crmgen writes its section headings (`### Primitive Configuration ###`)
    // as comments; they follow the tables, not the objects.
    show(cib.configuration(), &opts)
        .lines()
        .filter(|l| !(l.starts_with("### ") && l.ends_with(" ###")))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn pm_crmgen(args: &[OsString]) -> (i32, String) {
    let mut argv: Vec<OsString> = vec!["pm_crmgen".into()];
    argv.extend(args.iter().cloned());
    let (mut o, mut e) = (Vec::new(), Vec::new());
    let rc = crmtool::pm_crmgen::run(argv, &mut o, &mut e);
    (rc, String::from_utf8_lossy(&e).into_owned())
}

/// Loads `crm`, reverses, converts back; `Err` says where it broke.
fn round_trip(dir: &Path, crm: &str, encoding: &str) -> Result<(), String> {
    let mut cib = Cib::empty("pacemaker-3.9");
    crmtool::load::load_text(&mut cib, crm, Method::Update).map_err(|e| e.to_string())?;
    let cib_file = dir.join("cib.xml");
    std::fs::write(&cib_file, cib.to_xml()).map_err(|e| e.to_string())?;
    // `xlsx`: a workbook (read back through the workbook reader).
    let xlsx = encoding == "xlsx";
    let sheet = dir.join(if xlsx {
        "back.xlsx".to_string()
    } else {
        format!("back-{encoding}.csv")
    });
    let mut args: Vec<OsString> = vec!["--reverse".into()];
    if !xlsx {
        args.extend(["--encoding".into(), encoding.into()]);
    }
    args.extend([
        "-o".into(),
        sheet.clone().into_os_string(),
        cib_file.into_os_string(),
    ]);
    let (rc, said) = pm_crmgen(&args);
    if rc == 1 {
        return Err(format!("--reverse failed: {said}"));
    }
    let bytes = std::fs::read(&sheet).map_err(|e| e.to_string())?;
    let carried = String::from_utf8_lossy(&bytes).contains("ADDITIONAL_CONFIG")
        || encoding == "sjis" && bytes.windows(17).any(|w| w == b"ADDITIONAL_CONFIG");
    if !xlsx
        && carried != (rc == 0 && said.contains("追加設定表 (ADDITIONAL_CONFIG) に出力しました"))
    {
        return Err(format!(
            "ADDITIONAL_CONFIG written={carried} but the notice was {rc}: {said}"
        ));
    }
    let crm2 = dir.join(format!("back-{encoding}.crm"));
    let (rc, said) = pm_crmgen(&[
        "-o".into(),
        crm2.clone().into_os_string(),
        sheet.into_os_string(),
    ]);
    if rc == 1 {
        return Err(format!("the reversed sheet does not convert: {said}"));
    }
    let text = std::fs::read_to_string(&crm2).map_err(|e| e.to_string())?;
    let mut again = Cib::empty("pacemaker-3.9");
    crmtool::load::load_text(&mut again, &text, Method::Update)
        .map_err(|e| format!("the converted sheet does not load: {e}\n{text}"))?;
    let (a, b) = (shown(&cib), shown(&again));
    if a != b {
        let d = a
            .lines()
            .zip(b.lines())
            .find(|(x, y)| x != y)
            .map(|(x, y)| format!("first difference:\n  was:   {x}\n  after: {y}"))
            .unwrap_or_else(|| "one text is longer".into());
        return Err(d);
    }
    Ok(())
}

#[test]
fn golden_cases_round_trip_through_the_sheet() {
    let Some(root) = golden_root() else {
        return;
    };
    let cases = root.join("cases");
    let (mut held, mut not_loadable, mut failures) = (0, 0, Vec::new());
    for name in case_names(&cases) {
        let Ok(bytes) = std::fs::read(cases.join(format!("{name}.crm"))) else {
            continue;
        };
        let crm = crmtool::source::decode(&bytes);
        if crmtool::load::load_text(&mut Cib::empty("pacemaker-3.9"), &crm, Method::Update).is_err()
        {
            not_loadable += 1;
            continue;
        }
        let dir = scratch_dir(&format!("roundtrip-{name}"));
        for enc in ["utf8", "sjis", "xlsx"] {
            match round_trip(&dir, &crm, enc) {
                Ok(()) => held += 1,
                Err(e) => failures.push(format!("{name} ({enc}): {e}")),
            }
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "sheet round trip: {held} held, {} failed, {not_loadable} cases whose .crm does not load (as with crmsh)",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(held >= 60, "only {held} round trips");
}

#[test]
fn the_filled_template_round_trips() {
    let dir = scratch_dir("roundtrip-template");
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/example-pgsql.csv");
    let out = dir.join("example.crm");
    let (rc, said) = pm_crmgen(&[
        "-o".into(),
        out.clone().into_os_string(),
        csv.into_os_string(),
    ]);
    assert_ne!(rc, 1, "{said}");
    let crm = std::fs::read_to_string(&out).expect("converted");
    for enc in ["utf8", "sjis", "xlsx"] {
        round_trip(&dir, &crm, enc).unwrap_or_else(|e| panic!("{enc}: {e}"));
    }
}

#[test]
fn crm_configure_export_sheet_writes_the_same_sheet() {
    let Some(root) = golden_root() else {
        return;
    };
    let dir = scratch_dir("export-sheet");
    let crm = std::fs::read_to_string(root.join("cases/ms-master-roles.crm")).expect("golden .crm");
    let mut cib = Cib::empty("pacemaker-3.9");
    crmtool::load::load_text(&mut cib, &crm, Method::Update).expect("loads");
    let cib_file = dir.join("cib.xml");
    std::fs::write(&cib_file, cib.to_xml()).expect("cib");
    let sheet = dir.join("export.csv");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(["configure", "export-sheet"])
        .arg(&sheet)
        .args(["--encoding", "sjis"])
        .env("CIB_file", &cib_file)
        .output()
        .expect("crm runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reverse = dir.join("reverse.csv");
    let (rc, said) = pm_crmgen(&[
        "--reverse".into(),
        "--encoding=sjis".into(),
        "-o".into(),
        reverse.clone().into_os_string(),
        cib_file.clone().into_os_string(),
    ]);
    assert_ne!(rc, 1, "{said}");
    assert_eq!(std::fs::read(&sheet).ok(), std::fs::read(&reverse).ok());
    // the .xlsx that export-sheet writes converts to the same crm text as
    // its CSV
    let xlsx = dir.join("export.xlsx");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(["configure", "export-sheet"])
        .arg(&xlsx)
        .env("CIB_file", &cib_file)
        .output()
        .expect("crm runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&xlsx).ok().map(|b| b.starts_with(b"PK")),
        Some(true),
        "an .xlsx is a zip"
    );
    let converted = |from: &Path, to: &str| {
        let to = dir.join(to);
        let (rc, said) = pm_crmgen(&["-o".into(), to.clone().into_os_string(), from.into()]);
        assert_ne!(rc, 1, "{said}");
        std::fs::read_to_string(&to).expect("converted")
    };
    let from_csv = converted(&sheet, "from-csv.crm");
    assert!(from_csv.contains("primitive "), "{from_csv}");
    assert_eq!(converted(&xlsx, "from-xlsx.crm"), from_csv);
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(["configure", "export-sheet", "x.csv", "--encoding", "latin1"])
        .env("CIB_file", dir.join("cib.xml"))
        .current_dir(&dir)
        .output()
        .expect("crm runs");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("未対応の文字エンコーディング [latin1]"));
    assert!(!dir.join("x.csv").exists());
}

/// On the live cluster (no `CIB_file`), export-sheet writes the sheet of
/// the running CIB: the same bytes as from a file of `cibadmin --query`,
/// and a sheet that names the cluster's own node.
#[test]
fn crm_configure_export_sheet_of_the_live_cluster() {
    if !support::has_dc() {
        support::skip(
            "crm_configure_export_sheet_of_the_live_cluster",
            "no running cluster with a DC",
        );
        return;
    }
    let dir = scratch_dir("export-sheet-live");
    let query = support::live_tool("cibadmin", &["--query"]);
    assert!(query.status.success(), "{}", support::outcome(&query));
    let cib_file = dir.join("cib.xml");
    std::fs::write(&cib_file, &query.stdout).expect("cib");
    let live = dir.join("live.csv");
    let out = support::live_crm(&["configure", "export-sheet"])
        .arg(&live)
        .output()
        .expect("crm runs");
    assert!(out.status.success(), "{}", support::outcome(&out));
    let file = dir.join("file.csv");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crm"))
        .args(["configure", "export-sheet"])
        .arg(&file)
        .env("CIB_file", &cib_file)
        .output()
        .expect("crm runs");
    assert!(out.status.success(), "{}", support::outcome(&out));
    let sheet = std::fs::read_to_string(&live).expect("live sheet");
    assert_eq!(Some(&sheet), std::fs::read_to_string(&file).ok().as_ref());
    let node = support::live_tool("crm_node", &["-n"]);
    let node = String::from_utf8_lossy(&node.stdout).trim().to_string();
    assert!(!node.is_empty());
    assert!(sheet.contains(&node), "{node} not in\n{sheet}");
}
