//! A test that cannot run here must say so in plain `cargo test` output.
//! libtest captures `eprintln!`/`println!` of a passing test, so a skip
//! written that way is invisible and the test looks as if it ran. Skips
//! go straight to the process's stderr (`support::skip`, or
//! `writeln!(std::io::stderr(), …)`) or use `#[ignore = "reason"]`.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The `eprintln!`/`println!` calls whose text (the call and the two
/// lines after it, for a wrapped call) says "skip".
fn captured_skips(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        if !(line.contains("eprintln!(") || line.contains("println!(")) {
            continue;
        }
        let call = lines[i..lines.len().min(i + 3)].join(" ").to_lowercase();
        // Only up to the end of this call's first string.
        let call = call.split(");").next().unwrap_or("");
        if call.contains("skip") {
            found.push(i + 1);
        }
    }
    found
}

#[test]
fn the_scanner_finds_a_captured_skip() {
    assert_eq!(
        captured_skips("    eprintln!(\"skipped: no cluster\");"),
        [1]
    );
    assert_eq!(
        captured_skips("x\n    eprintln!(\n        \"SKIPPED {}\",\n        a\n    );"),
        [2]
    );
    assert!(captured_skips("    let _ = writeln!(std::io::stderr(), \"skipped\");").is_empty());
    assert!(captured_skips("    eprintln!(\"{n} cases\");\n    skip();").is_empty());
}

#[test]
fn no_skip_is_hidden_by_the_test_harness() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("tests"), &mut files);
    rust_files(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 20, "only {} files", files.len());
    let mut hidden = Vec::new();
    // This file's own examples are the one place the pattern belongs.
    for f in files
        .iter()
        .filter(|f| !f.ends_with("tests/visible_skips.rs"))
    {
        let text = std::fs::read_to_string(f).expect("readable");
        for line in captured_skips(&text) {
            hidden.push(format!(
                "{}:{line}",
                f.strip_prefix(root).unwrap_or(f).display()
            ));
        }
    }
    assert!(
        hidden.is_empty(),
        "skips written with eprintln!/println! (captured, so invisible in plain `cargo test`):\n{}",
        hidden.join("\n")
    );
}
