//! The configurations from the Japanese Pacemaker material
//! (../shared/docs/seed-examples): `¥` continuations load to the XML
//! crmsh made of the same text with `\`; the slide typos fail clearly.

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use crmtool::xml;
use std::io::Write;
use std::path::{Path, PathBuf};

fn seeds() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/docs/seed-examples");
    if dir.is_dir() {
        Some(dir)
    } else {
        let _ = writeln!(std::io::stderr(), "skipped: {} not found", dir.display());
        None
    }
}

#[test]
fn yen_continuations_compile_to_crmsh_xml() {
    let Some(dir) = seeds() else { return };
    let mut checked = 0;
    for name in ["ipaddr-crmgen", "stonith-escalation", "pgsql-stop-fence"] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.crm"))).expect("seed crm");
        assert!(text.contains('¥'), "{name} should use yen continuations");
        let expected = std::fs::read_to_string(dir.join(format!("{name}.xml"))).expect("seed xml");
        let expected = xml::parse(&expected).expect("seed xml parses");
        let mut cib = Cib::empty("pacemaker-3.9");
        load_text(&mut cib, &text, Method::Update).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            cib.configuration().same_as(&expected),
            "{name}: got\n{}",
            xml::to_pretty(cib.configuration())
        );
        checked += 1;
    }
    assert_eq!(checked, 3);
}

fn error_of(dir: &Path, file: &str) -> crmtool::error::Error {
    let text = std::fs::read_to_string(dir.join(file)).expect("seed");
    // The REPL transcript has `configure`/`commit` around the statement.
    let body: String = text
        .lines()
        .filter(|l| !matches!(l.trim(), "configure" | "commit"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut cib = Cib::empty("pacemaker-3.9");
    load_text(&mut cib, &body, Method::Update).expect_err("the slide text has a typo")
}

#[test]
fn smart_quotes_get_a_located_hint() {
    let Some(dir) = seeds() else { return };
    let e = error_of(&dir, "ipaddr-repl.txt");
    assert!(
        matches!(
            *e.kind,
            crmtool::error::ErrorKind::SmartQuote { quote: '“' }
        ),
        "{e}"
    );
    assert!(e.span.is_some());
    assert!(e.help().is_some_and(|h| h.contains("plain \"")));
}

#[test]
fn user_id_typo_points_at_id() {
    let Some(dir) = seeds() else { return };
    let text = std::fs::read_to_string(dir.join("ipmi.crm")).expect("seed");
    let e = error_of(&dir, "ipmi.crm");
    let span = e.span.expect("located");
    assert!(
        text[span.start..].starts_with("id="),
        "points at {:?}",
        &text[span.start..span.end]
    );
    assert!(e.help().is_some_and(|h| h.contains("userid")));
}
