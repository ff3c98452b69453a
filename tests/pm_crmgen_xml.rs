//! `pm_crmgen -x FILE.xml`: every golden sheet's CIB XML equals (cibdiff)
//! the `<configuration>` that loading the real pm_crmgen's `.crm` into an
//! empty CIB gives; when that `.crm` does not load, `-x` refuses too and
//! writes nothing.

mod pm_crmgen_common;

use crmtool::cib::{Cib, Method};
use pm_crmgen_common::{case_names, cibdiff, golden_root, run_in, scratch_dir, shell_words};
use std::io::Write;

#[test]
fn golden_sheets_compile_to_the_xml_of_their_crm() {
    let Some(root) = golden_root() else {
        return;
    };
    let cases = root.join("cases");
    let (mut equal, mut refused, mut failures) = (0, 0, Vec::new());
    for name in case_names(&cases) {
        let Ok(bytes) = std::fs::read(cases.join(format!("{name}.crm"))) else {
            continue;
        };
        let dir = scratch_dir(&format!("xml-{name}"));
        std::fs::copy(
            cases.join(format!("{name}.csv")),
            dir.join(format!("{name}.csv")),
        )
        .expect("copy csv");
        let line = std::fs::read_to_string(cases.join(format!("{name}.args"))).expect("args");
        let mut args = shell_words(line.trim_end());
        args.insert(0, "out.xml".into());
        args.insert(0, "-x".into());
        let res = run_in(&dir, &args);
        let got = dir.join("out.xml");
        let mut cib = Cib::empty("pacemaker-3.9");
        let text = crmtool::source::decode(&bytes);
        match crmtool::load::load_text(&mut cib, &text, Method::Update) {
            Ok(_) => {
                let want = dir.join("want.xml");
                std::fs::write(&want, crmtool::xml::to_pretty(cib.configuration()))
                    .expect("write expected");
                if res.code == 1 || !got.is_file() {
                    failures.push(format!(
                        "{name}: -x failed ({}): {}",
                        res.code,
                        String::from_utf8_lossy(&res.stderr)
                    ));
                    continue;
                }
                match cibdiff(&want, &got) {
                    None => {
                        let _ = writeln!(
                            std::io::stderr(),
                            "skipped: ../shared/tools/cibdiff not found"
                        );
                        return;
                    }
                    Some(Ok(())) => equal += 1,
                    Some(Err(d)) => failures.push(format!("{name}: {d}")),
                }
            }
            Err(_) => {
                let said = String::from_utf8_lossy(&res.stderr);
                if res.code == 1 && !got.exists() && said.contains("CIB XMLに変換できません")
                {
                    refused += 1;
                } else {
                    failures.push(format!(
                        "{name}: the .crm does not load but -x gave {} ({said})",
                        res.code
                    ));
                }
            }
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "pm_crmgen -x: {equal} equal, {refused} refused as their .crm is, {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(equal >= 20, "only {equal} cases compared");
}

#[test]
fn x_takes_an_xml_name_and_never_the_sheet() {
    let dir = scratch_dir("xml-option");
    let csv = dir.join("s.csv");
    std::fs::write(
        &csv,
        ",PROPERTY\n,,name,,value\n,,no-quorum-policy,,ignore\n",
    )
    .expect("csv");
    let res = run_in(&dir, &["-x".into(), "s.csv".into()]);
    assert_eq!(res.code, 1);
    assert!(String::from_utf8_lossy(&res.stderr).ends_with("error: no such option: -x\n"));
    let res = run_in(&dir, &["-xout.xml".into(), "s.csv".into()]);
    assert_eq!(res.code, 0, "{}", String::from_utf8_lossy(&res.stderr));
    assert!(
        res.stdout.is_empty(),
        "with -x alone no crm text is printed"
    );
    let xml = std::fs::read_to_string(dir.join("out.xml")).expect("written");
    assert!(xml.starts_with("<configuration>"), "{xml}");
    assert!(
        xml.contains(r#"name="no-quorum-policy" value="ignore""#),
        "{xml}"
    );
    let res = run_in(
        &dir,
        &[
            "--xml=two.xml".into(),
            "-o".into(),
            "two.crm".into(),
            "s.csv".into(),
        ],
    );
    assert_eq!(res.code, 0);
    assert!(dir.join("two.xml").is_file() && dir.join("two.crm").is_file());
}
