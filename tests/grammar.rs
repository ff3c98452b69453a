//! grammar/crm.ebnf and the parser's doc comments name the same rules,
//! and every example in grammar/examples loads.

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn defined(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim_start_matches("///").trim();
            let (name, _) = l.split_once("::=")?;
            let name = name.trim();
            (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                .then(|| name.to_string())
        })
        .collect()
}

#[test]
fn ebnf_and_parser_doc_comments_define_the_same_rules() {
    let ebnf = std::fs::read_to_string(root().join("grammar/crm.ebnf")).expect("grammar file");
    let mut docs = String::new();
    for entry in std::fs::read_dir(root().join("src/parse")).expect("parser dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("source");
        let mut inside = false;
        for line in text.lines() {
            let l = line.trim();
            if l == "/// ```ebnf" {
                inside = true;
            } else if l == "/// ```" {
                inside = false;
            } else if inside {
                docs.push_str(l);
                docs.push('\n');
            }
        }
    }
    let in_file = defined(&ebnf);
    let in_code = defined(&docs);
    let only_file: Vec<_> = in_file.difference(&in_code).collect();
    let only_code: Vec<_> = in_code.difference(&in_file).collect();
    assert!(
        only_file.is_empty() && only_code.is_empty(),
        "only in grammar/crm.ebnf: {only_file:?}; only in parser docs: {only_code:?}"
    );
    assert!(
        in_file.len() > 30,
        "the grammar defines {} rules",
        in_file.len()
    );
}

#[test]
fn every_example_loads_into_an_empty_cib() {
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("grammar/examples")).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "crm") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("example");
        let mut cib = Cib::empty("pacemaker-3.9");
        if let Err(e) = load_text(&mut cib, &text, Method::Update) {
            panic!("{}: {e}", path.display());
        }
        n += 1;
    }
    assert!(n >= 3);
}
