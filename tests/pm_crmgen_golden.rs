//! Every golden case of the real pm_crmgen 2.2 (`../shared/pm_crmgen/cases`) must be
//! reproduced byte for byte: exit status, stdout+stderr, and the written file.

mod pm_crmgen_common;

use pm_crmgen_common::{first_difference, golden_root, run_in, scratch_dir, shell_words};

#[test]
fn golden_cases_match_byte_for_byte() {
    let Some(root) = golden_root() else {
        return;
    };
    let cases_dir = root.join("cases");
    let mut names: Vec<String> = std::fs::read_dir(&cases_dir)
        .expect("cases dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_suffix(".args").map(str::to_string)
        })
        .collect();
    names.sort();
    let only = std::env::var("PM_CRMGEN_CASE").ok();
    let mut failures = Vec::new();
    let mut passed = 0;
    for name in &names {
        if only.as_ref().is_some_and(|o| o != name) {
            continue;
        }
        let dir = scratch_dir(&format!("golden-{}", name));
        let csv = cases_dir.join(format!("{}.csv", name));
        std::fs::copy(&csv, dir.join(format!("{}.csv", name))).expect("copy csv");
        let args_line =
            std::fs::read_to_string(cases_dir.join(format!("{}.args", name))).expect("args file");
        let args = shell_words(args_line.trim_end_matches('\n'));
        let res = run_in(&dir, &args);
        let want_rc: i32 = std::fs::read_to_string(cases_dir.join(format!("{}.rc", name)))
            .expect("rc file")
            .trim()
            .parse()
            .expect("rc number");
        let want_out = std::fs::read(cases_dir.join(format!("{}.out", name))).expect("out file");
        let mut got_out = res.stdout.clone();
        got_out.extend_from_slice(&res.stderr);
        let mut problems = Vec::new();
        if res.code != want_rc {
            problems.push(format!("exit status {} (expected {})", res.code, want_rc));
        }
        if got_out != want_out {
            problems.push(format!(
                "stdout+stderr differ at {}",
                first_difference(&want_out, &got_out)
            ));
        }
        let want_crm = std::fs::read(cases_dir.join(format!("{}.crm", name))).ok();
        let got_crm = std::fs::read(dir.join(format!("{}.crm", name))).ok();
        match (&want_crm, &got_crm) {
            (Some(w), Some(g)) if w != g => {
                problems.push(format!(".crm differs at {}", first_difference(w, g)))
            }
            (Some(_), None) => problems.push(".crm not written".into()),
            (None, Some(_)) => problems.push(".crm written but none expected".into()),
            _ => {}
        }
        if problems.is_empty() {
            passed += 1;
            let _ = std::fs::remove_dir_all(&dir);
        } else {
            failures.push(format!("{}:\n    {}", name, problems.join("\n    ")));
        }
    }
    eprintln!("golden cases: {} passed, {} failed", passed, failures.len());
    assert!(
        failures.is_empty(),
        "{} golden case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
