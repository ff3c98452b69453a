//! Every input in tests/fuzz-regressions/TARGET/ through the fuzz target
//! of that name (`crmtool::fuzzing`): each must return, neither panic nor
//! overflow the stack.

use std::path::Path;

/// A fuzz target: one input in, nothing out.
type Target = fn(&[u8]);

#[test]
fn every_regression_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let targets: [(&str, Target); 4] = [
        ("crm_text", crmtool::fuzzing::crm_text),
        ("cib_xml", crmtool::fuzzing::cib_xml),
        ("sheet_csv", crmtool::fuzzing::sheet_csv),
        ("sheet_xlsx", crmtool::fuzzing::sheet_xlsx),
    ];
    let mut ran = 0;
    for (name, target) in targets {
        let mut files: Vec<_> = std::fs::read_dir(root.join(name))
            .expect("regression folder")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).expect("read");
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name}: {} panicked", f.display());
            ran += 1;
        }
    }
    assert!(ran >= 4, "only {ran} regression inputs found");
}
