//! Nothing panics on user input: mutated and truncated crm files, random
//! words, and mangled CIB XML through load and show.

use crmtool::cib::{Cib, Method};
use crmtool::load::load_text;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn inputs() -> Vec<String> {
    let mut out = Vec::new();
    for dir in [
        "../shared/conformance",
        "tests/cases/compile",
        "grammar/examples",
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "crm") {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    out.push(t);
                }
            }
        }
    }
    out.sort();
    out
}

const PIECES: [&str; 24] = [
    "(", ")", "[", "]", "{", "}", ":", "::", "=", "$id=", "$id-ref=", "@", "rule", "inf:", "and",
    "or", "date", "op", "params", "\\", "¥", "\"", "'", "xml <a/>",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut words: Vec<String> = text.split(' ').map(String::from).collect();
    for _ in 0..1 + rng.below(4) {
        let i = rng.below(words.len());
        match rng.below(4) {
            0 => {
                words.remove(i.min(words.len().saturating_sub(1)));
            }
            1 => words.insert(i, PIECES[rng.below(PIECES.len())].to_string()),
            2 => {
                let (last, j) = (words.len() - 1, rng.below(words.len()));
                words.swap(i.min(last), j);
            }
            _ => {
                let last = words.len() - 1;
                let w = &mut words[i.min(last)];
                let cut = rng.below(w.len() + 1);
                if w.is_char_boundary(cut) {
                    w.truncate(cut);
                }
            }
        }
        if words.is_empty() {
            words.push(String::new());
        }
    }
    words.join(" ")
}

#[test]
fn mutated_crm_files_never_panic() {
    let inputs = inputs();
    assert!(!inputs.is_empty());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut runs = 0;
    for text in &inputs {
        for _ in 0..100 {
            let input = mutate(text, &mut rng);
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let mut cib = Cib::empty("pacemaker-3.9");
                if load_text(&mut cib, &input, Method::Update).is_ok() {
                    let _ = crmtool::cli::show_text(&cib, None);
                }
            }));
            assert!(outcome.is_ok(), "panicked on:\n{input}");
            runs += 1;
        }
    }
    assert!(runs > 100);
}

#[test]
fn mangled_cib_xml_never_panics() {
    let mut cib = Cib::empty("pacemaker-3.9");
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/compile/pgsql-cluster.crm"),
    )
    .expect("example");
    load_text(&mut cib, &example, Method::Update).expect("loads");
    let xml = cib.to_xml();
    let mut rng = Rng(42);
    for _ in 0..300 {
        let mut bytes = xml.clone().into_bytes();
        for _ in 0..1 + rng.below(6) {
            let i = rng.below(bytes.len());
            bytes[i] = b"<>/\"= a_-#x"[rng.below(11)];
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if let Ok(c) = Cib::parse(&text) {
                let _ = crmtool::cli::show_text(&c, None);
                let mut c2 = c.clone();
                let _ = load_text(&mut c2, "primitive extra Dummy", Method::Update);
            }
        }));
        assert!(outcome.is_ok(), "panicked on:\n{text}");
    }
}
