//! Every command `ls` lists at every level has a help page, reachable in
//! all the ways the help promises; the man pages are current and render.

mod support;

use std::path::Path;
use std::process::{Command, Output};

const CRM: &str = env!("CARGO_BIN_EXE_crm");
const LEVELS: &[&str] = &[
    "configure",
    "node",
    "resource",
    "ra",
    "cib",
    "maintenance",
    "site",
    "history",
    "cluster",
    "corosync",
    "options",
    "cibstatus",
    // The levels below configure, reached through it.
    "configure assist",
    "configure ra",
    "configure history",
];

fn crm(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new(CRM)
        .args(args)
        .env("CIB_file", dir.join("cib.xml"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("crm runs");
    if let Some(mut s) = child.stdin.take() {
        let _ = s.write_all(stdin.unwrap_or("").as_bytes());
    }
    child.wait_with_output().expect("crm ends")
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What `ls` prints at a level of the shell, as words.
fn ls(dir: &Path, level: Option<&str>) -> Vec<String> {
    let script = match level {
        Some(l) => format!("{l}\nls\n"),
        None => "ls\n".to_string(),
    };
    let o = crm(dir, &[], Some(&script));
    assert!(
        o.status.success(),
        "ls at {level:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    text(&o).split_whitespace().map(String::from).collect()
}

#[test]
fn every_command_ls_shows_has_a_help_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pages = 0;
    let mut levels: Vec<Option<&str>> = vec![None];
    levels.extend(LEVELS.iter().map(|l| Some(*l)));
    for level in levels {
        let commands = ls(dir.path(), level);
        assert!(commands.len() > 5, "ls at {level:?} lists {commands:?}");
        // `help` at the level lists the same commands as `ls`.
        let script = match level {
            Some(l) => format!("{l}\nhelp\n"),
            None => "help\n".into(),
        };
        let listing = text(&crm(dir.path(), &[], Some(&script)));
        let listed: Vec<&str> = listing
            .lines()
            .filter(|l| l.starts_with("    "))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        for c in &commands {
            assert!(
                listed.contains(&c.as_str()),
                "help at {level:?} does not list {c}:\n{listing}"
            );
            // The shell's `help CMD`, and the three one-shot forms.
            let mut forms: Vec<Vec<&str>> = Vec::new();
            match level {
                Some(l) => {
                    let l: Vec<&str> = l.split_whitespace().collect();
                    forms.push([&l[..], &["help", c]].concat());
                    forms.push([&["help"][..], &l, &[c]].concat());
                    forms.push([&l[..], &[c, "--help"]].concat());
                }
                None => {
                    forms.push(vec!["help", c]);
                    forms.push(vec![c, "--help"]);
                }
            }
            for args in forms {
                let o = crm(dir.path(), &args, None);
                let page = text(&o);
                assert!(
                    o.status.success(),
                    "crm {args:?}: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
                assert!(
                    page.lines().next().is_some_and(|l| l.contains(c.as_str())),
                    "crm {args:?} does not show the page of {c}:\n{page}"
                );
                pages += 1;
            }
            let script = match level {
                Some(l) => format!("{l}\nhelp {c}\n"),
                None => format!("help {c}\n"),
            };
            let o = crm(dir.path(), &[], Some(&script));
            let page = text(&o);
            assert!(o.status.success(), "help {c} at {level:?}");
            // A level word at the top shows the level's page.
            let shows = page.contains("Usage:") || LEVELS.contains(&c.as_str());
            assert!(shows, "help {c} at {level:?}:\n{page}");
        }
    }
    println!("{pages} help pages checked");
}

#[test]
fn help_for_unknown_words_suggests() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = crm(dir.path(), &["configure", "help", "primitiv"], None);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no help for 'primitiv'"), "{err}");
    assert!(err.contains("did you mean 'primitive'?"), "{err}");
    let o = crm(dir.path(), &["help", "syntax"], None);
    assert!(o.status.success());
    assert!(text(&o).starts_with("Syntax - "), "{}", text(&o));
}

fn generated(args: &[&str]) -> String {
    let o = Command::new(CRM).args(args).output().expect("crm runs");
    assert!(o.status.success());
    text(&o)
}

#[test]
fn committed_man_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (file, args) in [
        ("man/crm.8", &["help", "--man"][..]),
        ("man/pm_crmgen.1", &["help", "--man", "pm_crmgen"][..]),
    ] {
        let committed = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        assert!(
            committed == generated(args),
            "{file} is out of date: run `target/debug/crm {}` > {file}",
            args.join(" ")
        );
    }
}

#[test]
fn man_renders_both_pages() {
    if !support::have("man", "--version") || !support::have("groff", "--version") {
        support::skip(
            "man_renders_both_pages",
            "man or groff is not installed (apt-get install man-db groff-base)",
        );
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (file, title) in [("man/crm.8", "CRM(8)"), ("man/pm_crmgen.1", "PM_CRMGEN(1)")] {
        let o = Command::new("man")
            .arg("-l")
            .arg(root.join(file))
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .expect("man runs");
        let page = text(&o);
        assert!(
            o.status.success(),
            "man -l {file}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(page.contains(title), "{file}:\n{page}");
        assert!(
            page.contains("NAME") && page.contains("SYNOPSIS"),
            "{file}:\n{page}"
        );
        // groff's own warnings (-ww) about the roff we wrote.
        let g = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(root.join(file))
            .output()
            .expect("groff runs");
        let warnings = String::from_utf8_lossy(&g.stderr);
        assert!(
            warnings.trim().is_empty(),
            "groff warns about {file}:\n{warnings}"
        );
    }
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// Every English help file has a Japanese one, with a Japanese page for
/// every English page (the level's own page included) and no page the
/// English lacks. The command syntax and the examples are the English
/// ones unchanged (operators copy them), and the summary and the text are
/// Japanese. Parsed from the files themselves, not through the English
/// fallback of `help::book_in`, so a missing page cannot hide.
#[test]
fn every_english_help_page_has_a_japanese_one() {
    use crmtool::help::{parse, Lang, FILES};
    let mut failures = Vec::new();
    let mut pages = 0;
    for (lang, name, text) in FILES {
        if *lang != Lang::En {
            continue;
        }
        let en = parse(text).unwrap_or_else(|e| panic!("en/{name}.txt: {e:?}"));
        let Some((_, _, ja_text)) = FILES.iter().find(|(l, n, _)| *l == Lang::Ja && n == name)
        else {
            failures.push(format!("{name}: no ja/{name}.txt"));
            continue;
        };
        let ja = parse(ja_text).unwrap_or_else(|e| panic!("ja/{name}.txt: {e:?}"));
        let mut names: Vec<&str> = en.entries.iter().map(|e| e.name.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        if names.len() != before {
            failures.push(format!("en/{name}.txt has a page twice"));
        }
        if !has_japanese(&ja.level.summary) {
            failures.push(format!("{name}: the level's summary is not Japanese"));
        }
        if ja.level.usage != en.level.usage || ja.level.example != en.level.example {
            failures.push(format!("{name}: the level's usage or example differs"));
        }
        for e in &en.entries {
            pages += 1;
            let Some(j) = ja.entry(&e.name) else {
                failures.push(format!("{name} {}: no Japanese page", e.name));
                continue;
            };
            if !has_japanese(&j.summary)
                || (!e.description.is_empty() && !has_japanese(&j.description))
            {
                failures.push(format!("{name} {}: not in Japanese", e.name));
            }
            if j.usage != e.usage {
                failures.push(format!("{name} {}: usage differs from the English", e.name));
            }
            if j.example != e.example {
                failures.push(format!(
                    "{name} {}: example differs from the English",
                    e.name
                ));
            }
            if j.see != e.see {
                failures.push(format!("{name} {}: see differs from the English", e.name));
            }
        }
        for j in &ja.entries {
            if en.entry(&j.name).is_none() {
                failures.push(format!("{name} {}: a Japanese page English lacks", j.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(pages > 200, "only {pages} pages");
    eprintln!("help: {pages} English pages, each with its Japanese page");
}
