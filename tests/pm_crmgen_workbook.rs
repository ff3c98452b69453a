//! The original template workbooks, read directly through calamine, must give the
//! same result as the CSV exports of their sheets in the golden cases.

mod pm_crmgen_common;

use pm_crmgen_common::{first_difference, golden_root, run_in, scratch_dir};

/// Workbook, then the golden case of each of its sheets in sheet order
/// (as `shared/pm_crmgen/tools/gen_samples.py` exported them).
const WORKBOOKS: [(&str, &[&str]); 4] = [
    (
        "pm_crmgen_env-2.2.xls",
        &["sample-v2.2-template", "sample-v2.2-ex1", "sample-v2.2-ex2"],
    ),
    (
        "pm_crmgen_env-2.1.xls",
        &["sample-v2.1-template", "sample-v2.1-ex1", "sample-v2.1-ex2"],
    ),
    (
        "pm_crmgen_env-2.0.xls",
        &["sample-v2.0-template", "sample-v2.0-ex"],
    ),
    (
        "pm_crmgen_env-1.x-97b29ca.xls",
        &[
            "sample-v1.2-template",
            "sample-v1.2-ex",
            "sample-v1.1-template",
            "sample-v1.1-ex",
            "sample-v1.0-template",
            "sample-v1.0-ex",
        ],
    ),
];

const SHEETS: [&[&str]; 4] = [
    &["pm_crmgen_環境定義書 (v2.2)", "記入例_1", "記入例_2"],
    &["pm_crmgen_環境定義書 (v2.1)", "記入例_1", "記入例_2"],
    &[
        "pm_crmgen_環境定義書 (2.0)",
        "pm_crmgen_環境定義書 (記入例-2.0)",
    ],
    &[
        "pm_crmgen_環境定義書 (1.2)",
        "pm_crmgen_環境定義書 (記入例-1.2)",
        "pm_crmgen_環境定義書 (1.1)",
        "pm_crmgen_環境定義書（記入例-1.1）",
        "pm_crmgen_環境定義書 (1.0)",
        "pm_crmgen_環境定義書（記入例-1.0）",
    ],
];

/// Each message line without its `LEVEL : file(position): ` prefix.
fn message_texts(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| match l.split_once("): ") {
            Some((_, rest)) => rest.to_string(),
            None => l.to_string(),
        })
        .collect()
}

#[test]
fn sample_workbooks_convert_like_their_csv_exports() {
    let Some(root) = golden_root() else {
        return;
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for ((book, cases), sheets) in WORKBOOKS.iter().zip(SHEETS) {
        for (case, sheet) in cases.iter().zip(sheets.iter()) {
            let dir = scratch_dir(&format!("xls-{}", case));
            std::fs::copy(root.join("xls").join(book), dir.join(book)).expect("copy workbook");
            let crm = format!("{}.crm", case);
            let args: Vec<String> = ["--sheet", sheet, "-o", &crm, book]
                .iter()
                .map(|s| s.to_string())
                .collect();
            let res = run_in(&dir, &args);
            let cases_dir = root.join("cases");
            let want_rc: i32 = std::fs::read_to_string(cases_dir.join(format!("{}.rc", case)))
                .expect("rc")
                .trim()
                .parse()
                .expect("rc number");
            let want_out = std::fs::read(cases_dir.join(format!("{}.out", case))).expect("out");
            let want_crm = std::fs::read(cases_dir.join(&crm)).ok();
            let got_crm = std::fs::read(dir.join(&crm)).ok();
            checked += 1;
            if res.code != want_rc {
                failures.push(format!(
                    "{} ({}): exit {} != {}",
                    case, sheet, res.code, want_rc
                ));
            }
            // Same messages, apart from the position prefix (file(L38) vs book[sheet](F38)).
            let got_msgs = message_texts(&res.stderr);
            let want_msgs = message_texts(&want_out);
            if got_msgs != want_msgs || !res.stdout.is_empty() {
                failures.push(format!(
                    "{}: messages differ:\n{:?}\n{:?}",
                    case, want_msgs, got_msgs
                ));
            }
            if want_crm != got_crm {
                failures.push(format!(
                    "{}: .crm differs: {}",
                    case,
                    first_difference(
                        want_crm.as_deref().unwrap_or(b"<none>"),
                        got_crm.as_deref().unwrap_or(b"<none>")
                    )
                ));
            }
        }
    }
    assert_eq!(checked, 14);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn default_sheet_is_the_first_with_a_table_and_errors_name_the_cell() {
    let Some(root) = golden_root() else {
        return;
    };
    let dir = scratch_dir("xls-default-sheet");
    let book = "pm_crmgen_env-2.2.xls";
    std::fs::copy(root.join("xls").join(book), dir.join(book)).expect("copy workbook");
    let res = run_in(&dir, &["-o".into(), "t.crm".into(), book.into()]);
    assert_eq!(res.code, 1);
    let err = String::from_utf8_lossy(&res.stderr);
    // The blank template's RESOURCES row has no id (column F, row 38).
    assert!(
        err.contains("pm_crmgen_env-2.2.xls[pm_crmgen_環境定義書 (v2.2)](F38): 'id'列に値が設定されていません。"),
        "{}",
        err
    );
    assert!(!dir.join("t.crm").exists());
}

#[test]
fn unknown_sheet_is_an_error() {
    let Some(root) = golden_root() else {
        return;
    };
    let dir = scratch_dir("xls-unknown-sheet");
    let book = "pm_crmgen_env-2.0.xls";
    std::fs::copy(root.join("xls").join(book), dir.join(book)).expect("copy workbook");
    let res = run_in(&dir, &["--sheet=nope".into(), book.into()]);
    assert_eq!(res.code, 1);
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(
        err.starts_with("ERROR : シート [nope] がワークブックにありません。\n"),
        "{}",
        err
    );
}
