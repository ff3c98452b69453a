//! The language server's incremental analysis against a full one: every
//! `.crm` file of the conformance corpus goes through a series of random
//! edits (seeded, so a failure replays), and after each edit the analysis
//! that reused the previous one must equal an analysis from nothing, down
//! to every diagnostic, and the chunked lexing must equal lexing the whole
//! text at once.

mod support;

use crmtool::cib::Cib;
use crmtool::lexer::{lines, LineKind};
use crmtool::lsp::analysis::analyze;
use crmtool::lsp::diagnostics::diagnostics;
use crmtool::lsp::document::Document;

/// xorshift64*: enough randomness for edits, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What an edit may insert: line structure (breaks, blank lines,
/// continuations of every kind), typographic quotes, statements that
/// define or name ids, and pieces of the file itself.
const SNIPPETS: [&str; 16] = [
    "\n",
    "\n\n",
    " \\\n",
    "¥\n",
    " ￥\n",
    "“",
    "'",
    "#",
    "primitive px Dummy\n",
    "group gx px\n",
    "colocation cx inf: px p1\n",
    "location lx px 100: node1\n",
    "xml <primitive id=\"xx\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>\n",
    "op monitor interval=10s ",
    "params ",
    " ",
];

fn char_floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One random edit of `text`.
fn edit(text: &str, rng: &mut Rng) -> String {
    let at = char_floor(text, rng.below(text.len() + 1));
    let end = char_floor(text, at + rng.below(12)).max(at);
    let insert = match rng.below(4) {
        0 => String::new(),
        1 => {
            // A piece of the file elsewhere (ids that exist, real syntax).
            let from = char_floor(text, rng.below(text.len() + 1));
            let to = char_floor(text, from + rng.below(60));
            text[from..to.max(from)].to_string()
        }
        _ => SNIPPETS[rng.below(SNIPPETS.len())].to_string(),
    };
    format!("{}{insert}{}", &text[..at], &text[end..])
}

/// The entries as lexing the whole text at once makes them: line
/// numbers, spans, words and lexing errors.
fn whole_lex(text: &str) -> Vec<String> {
    lines(text)
        .map(|l| match l {
            Ok(l) => {
                let words = match &l.kind {
                    LineKind::Words(w) => w.iter().map(|t| (t.text.clone(), t.span)).collect(),
                    _ => Vec::new(),
                };
                format!("{} {:?} {words:?}", l.number, l.span)
            }
            Err(es) => format!("{:?}", es),
        })
        .collect()
}

/// One entry as [`whole_lex`] writes it (`bad`: lexing failed there).
fn chunked(e: &crmtool::lsp::analysis::Entry, bad: bool) -> String {
    if bad {
        format!("{:?}", e.errors)
    } else {
        let words: Vec<_> = e.words.iter().map(|t| (t.text.clone(), t.span)).collect();
        format!("{} {:?} {words:?}", e.number, e.span)
    }
}

/// A CIB like a running cluster's: its node and its bootstrap options.
fn clusters_base() -> Cib {
    let mut cib = Cib::empty("pacemaker-3.9");
    let ctx = crmtool::parse::Context {
        schema: cib.schema(),
        nodes: Vec::new(),
    };
    let text = "node node1\nproperty cib-bootstrap-options: have-watchdog=false \
                dc-version=2.1.5 cluster-infrastructure=corosync cluster-name=hacluster\n";
    let statements = crmtool::parse::parse_text(text, &ctx).expect("the base parses");
    crmtool::cib::apply(&mut cib, statements, crmtool::cib::Method::Update).expect("applies");
    cib
}

#[test]
fn incremental_analysis_equals_a_full_one_after_random_edits() {
    let Some(dir) = support::shared("conformance") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "crm"))
        .collect();
    files.sort();
    assert!(files.len() > 100, "{} corpus files", files.len());
    let mut checked = 0;
    // Edits after which the old findings were moved, not found again.
    let mut moved = 0;
    // Edits after which only the changed statement was applied again.
    let mut patched = 0;
    for (k, path) in files.iter().enumerate() {
        let Ok(mut text) = std::fs::read_to_string(path) else {
            continue;
        };
        // Every other file against a base like a cluster's.
        let base = if k % 2 == 0 {
            Cib::empty("pacemaker-3.9")
        } else {
            clusters_base()
        };
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (k as u64 + 1));
        let mut prev = analyze(&text, &base, None);
        for step in 0..8 {
            text = edit(&text, &mut rng);
            let inc = analyze(&text, &base, Some(prev));
            let full = analyze(&text, &base, None);
            let doc = Document::new(text.clone(), 1);
            let what = format!("{} after edit {step}:\n{text}", path.display());
            assert_eq!(inc.entries, full.entries, "entries of {what}");
            assert_eq!(inc.semantic, full.semantic, "errors of {what}");
            assert_eq!(inc.warnings, full.warnings, "warnings of {what}");
            assert_eq!(inc.findings, full.findings, "checks of {what}");
            assert_eq!(
                inc.cib.as_ref().map(Cib::to_xml),
                full.cib.as_ref().map(Cib::to_xml),
                "CIB of {what}"
            );
            assert_eq!(
                diagnostics(&doc, &inc),
                diagnostics(&doc, &full),
                "diagnostics of {what}"
            );
            let whole = whole_lex(&text);
            assert_eq!(inc.entries.len(), whole.len(), "lines of {what}");
            for (e, w) in inc.entries.iter().zip(&whole) {
                assert_eq!(&chunked(e, w.starts_with('[')), w, "lexing of {what}");
            }
            moved += usize::from(inc.moved);
            patched += usize::from(inc.patched);
            prev = inc;
            checked += 1;
        }
    }
    assert!(checked >= 800, "{checked} edits checked");
    assert!(
        moved >= 50,
        "{moved} of {checked} edits moved the old findings"
    );
    assert!(
        patched >= 20,
        "{patched} of {checked} edits applied only the changed statement"
    );
    eprintln!(
        "{checked} edits checked, {moved} of them with the old findings moved, {patched} with only the changed statement applied"
    );
}

/// A file like the benchmark's, small: primitives, and constraints that
/// name them.
fn constrained(n: usize) -> String {
    let mut s = String::from("node node1\n");
    for i in 0..n {
        s.push_str(&format!(
            "primitive p{i} ocf:pacemaker:Dummy params state=/run/p{i} op monitor interval=10s timeout=20s\n"
        ));
    }
    for i in 0..n / 2 {
        s.push_str(&format!("location l{i} p{i} 100: node1\n"));
        s.push_str(&format!("colocation c{i} inf: p{i} p{}\n", i + 1));
        s.push_str(&format!(
            "order o{i} Mandatory: p{}:start p{}:start\n",
            i + 2,
            i + 3
        ));
    }
    s.push_str("property stonith-enabled=false\n");
    s
}

/// Replaces the first `from` after the start of line `line` (0-based).
fn replace_on_line(text: &str, line: usize, from: &str, to: &str) -> String {
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let at = start + text[start..].find(from).expect("on the line");
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

/// The path that applies only the changed statement to the CIB of all of
/// them, where the constraints that name what a change removed are
/// refused one by one: statements edited, made bad (a typographic quote,
/// as when typing), added, and more constraints refused than the full
/// analysis leaves out (then it gives up the CIB).
#[test]
fn one_statement_changes_equal_a_full_analysis_with_refused_references() {
    let (patched, steps) = changes_against(&Cib::empty("pacemaker-3.9"));
    assert!(
        patched * 4 >= steps * 3,
        "{patched} of {steps} changes applied only the changed statement"
    );
    // Against a base with objects of its own the path declines once the
    // CIB was given up (the warnings of merging into the base would have
    // to be known again), until a full analysis kept one.
    let (patched, steps) = changes_against(&clusters_base());
    assert!(
        patched * 4 >= steps,
        "{patched} of {steps} changes against the cluster's base applied only the changed statement"
    );
}

/// The changes, each compared with a full analysis; how many of them
/// applied only the changed statement, of how many.
fn changes_against(base: &Cib) -> (usize, usize) {
    let mut text = constrained(40);
    let mut prev = analyze(&text, base, None);
    let mut patched = 0;
    let mut steps = 0;
    let mut gave_up_cib = false;
    let mut compare =
        |text: &str, prev: crmtool::lsp::analysis::Analysis| -> crmtool::lsp::analysis::Analysis {
            let inc = analyze(text, base, Some(prev));
            let full = analyze(text, base, None);
            let doc = Document::new(text.to_string(), 1);
            assert_eq!(inc.semantic, full.semantic, "errors of\n{text}");
            assert_eq!(inc.warnings, full.warnings, "warnings of\n{text}");
            assert_eq!(inc.findings, full.findings, "checks of\n{text}");
            assert_eq!(
                inc.cib.as_ref().map(Cib::to_xml),
                full.cib.as_ref().map(Cib::to_xml),
                "CIB of\n{text}"
            );
            assert_eq!(diagnostics(&doc, &inc), diagnostics(&doc, &full));
            patched += usize::from(inc.patched);
            steps += 1;
            gave_up_cib |= inc.cib.is_none();
            inc
        };
    for k in 0..16 {
        // Line 1 + k is primitive p{k}: odd ones broken, even ones edited.
        let line = 1 + k;
        text = if k % 2 == 0 {
            replace_on_line(&text, line, "interval=10s", "interval=11s")
        } else {
            replace_on_line(&text, line, "state=", "state=“")
        };
        prev = compare(&text, prev);
    }
    // A broken primitive mended, a constraint edited to name a missing
    // resource, one removed, a primitive and a constraint added at the end.
    text = replace_on_line(&text, 2, "state=“", "state=");
    prev = compare(&text, prev);
    text = replace_on_line(&text, 42, "p1 p2", "p1 nope");
    prev = compare(&text, prev);
    text = replace_on_line(&text, 43, "order", "#order");
    prev = compare(&text, prev);
    text.push_str("primitive q1 ocf:pacemaker:Dummy\n");
    prev = compare(&text, prev);
    text.push_str("location lq q1 50: node1\n");
    prev = compare(&text, prev);
    // Exactly as many refused as are left out (the CIB is kept), one more
    // (it is not), and back; a primitive a tag names broken.
    let mut text =
        String::from("primitive pa Dummy\nprimitive pb Dummy\nprimitive pc Dummy\ntag t pc\n");
    for i in 0..10 {
        text.push_str(&format!("location la{i} pa 100: node1\n"));
    }
    text.push_str("location lb pb 100: node1\n");
    let mut prev = compare(&text, prev);
    for (line, from, to) in [
        (0, "Dummy", "“Dummy"),
        (1, "Dummy", "“Dummy"),
        (1, "“Dummy", "Dummy"),
        (0, "“Dummy", "Dummy"),
        (2, "Dummy", "“Dummy"),
    ] {
        text = replace_on_line(&text, line, from, to);
        prev = compare(&text, prev);
    }
    eprintln!("{patched} of {steps} changes applied only the changed statement");
    assert!(gave_up_cib, "more constraints refused than left out");
    (patched, steps)
}
