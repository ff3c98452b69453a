//! `crm completion bash|zsh|fish`: the generated scripts, run in the real
//! shells (each skipped visibly where it is not installed). crm's scripts
//! must offer what the engine answers (`crm --compgen`) and the words the
//! fixture CIB holds; pm_crmgen's must offer every option its `--help`
//! lists.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The crm under test: ours from this build, or an installed one
/// (`CRMTOOL_CRM=/usr/sbin/crm`, as CI runs these tests once after
/// installing the package).
fn crm_bin() -> String {
    std::env::var("CRMTOOL_CRM").unwrap_or_else(|_| env!("CARGO_BIN_EXE_crm").to_string())
}

fn script(dir: &Path, shell: &str, program: &str) -> PathBuf {
    let out = Command::new(crm_bin())
        .args(["completion", shell, program])
        .output()
        .expect("crm runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.join(format!("{program}.{shell}"));
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

/// A directory whose `crm` is ours, for the shells that find the program
/// by name (only in the child's PATH).
fn bin_dir(dir: &Path) -> String {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let link = bin.join("crm");
    if !link.exists() {
        std::os::unix::fs::symlink(crm_bin(), &link).unwrap();
    }
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// What the engine answers for a line (cursor at its end).
fn compgen(line: &str) -> Vec<String> {
    let out = Command::new(crm_bin())
        .args(["--compgen", &line.chars().count().to_string(), line])
        .env("CIB_file", root().join("tests/completion/cib.xml"))
        .output()
        .expect("crm runs");
    lines(&out.stdout)
}

fn lines(b: &[u8]) -> Vec<String> {
    let mut v: Vec<String> = String::from_utf8_lossy(b)
        .lines()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The full word a candidate completes the line's last word to.
fn whole(line: &str, c: &str) -> String {
    let word = line.rsplit(char::is_whitespace).next().unwrap_or("");
    match word.rfind(':') {
        Some(i) => format!("{}{c}", &word[..=i]),
        None => c.to_string(),
    }
}

/// Lines of the fixture CIB and one word each must offer.
const CASES: &[(&str, &str)] = &[
    ("crm con", "configure"),
    ("crm configure gr", "group"),
    ("crm configure show ", "vip"),
    (
        "crm configure primitive p ocf:heartbeat:IP",
        "ocf:heartbeat:IPaddr2",
    ),
    ("crm configure primitive p ocf:", "ocf:heartbeat:"),
    ("crm resource stop ", "vip"),
    ("crm node standby ", "alpha"),
];

fn have_shell(test: &str, shell: &str) -> bool {
    if support::have(shell, "--version") {
        return true;
    }
    support::skip(test, &format!("no {shell} installed"));
    false
}

#[test]
fn bash_script_completes_from_the_engine() {
    let test = "bash_script_completes_from_the_engine";
    if !have_shell(test, "bash") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = script(dir.path(), "bash", "crm");
    for (line, must) in CASES {
        // COMP_WORDS as bash splits the line (`:` and `=` break words).
        let prog = format!(
            ". '{}'\nCOMP_LINE=\"$1\"; COMP_POINT=${{#1}}\nread -ra COMP_WORDS <<< \"$1\"\nCOMP_WORDS[0]='{crm}'\n[[ $1 == *' ' ]] && COMP_WORDS+=('')\nCOMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n_crmtool_crm\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\ncomplete -p crm >/dev/null || echo NOT-REGISTERED\n",
            file.display(),
            crm = crm_bin()
        );
        let out = Command::new("bash")
            .args(["--norc", "-c", &prog, "bash", line])
            .env("CIB_file", root().join("tests/completion/cib.xml"))
            .output()
            .unwrap();
        let got = lines(&out.stdout);
        assert!(!got.contains(&"NOT-REGISTERED".to_string()), "{line}");
        let want = compgen(line);
        assert!(!want.is_empty(), "{line}: the engine offers nothing");
        assert_eq!(got, want, "{line}");
        let full: Vec<String> = got.iter().map(|c| whole(line, c)).collect();
        assert!(
            full.iter().any(|c| c == must),
            "{line}: {must} not in {full:?}"
        );
    }
}

#[test]
fn zsh_script_completes_from_the_engine() {
    let test = "zsh_script_completes_from_the_engine";
    if !have_shell(test, "zsh") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = script(dir.path(), "zsh", "crm");
    for (line, must) in CASES {
        // compadd exists only inside a completion widget: this one prints
        // what the function offers, one a line (a stem marked by `-S ''`
        // gets a trailing `|`).
        let prog = format!(
            "compadd() {{ local stem=''; while [[ $1 != -- ]]; do [[ $1 == -S ]] && stem='|'; shift; done; shift; local c; for c in \"$@\"; do print -r -- \"$c$stem\"; done }}\n. '{}'\nBUFFER=\"$1\"; CURSOR=${{#BUFFER}}\nwords=(${{=BUFFER}})\nwords[1]='{crm}'\n_crmtool_crm\n",
            file.display(),
            crm = crm_bin()
        );
        let out = Command::new("zsh")
            .args(["-f", "-c", &prog, "zsh", line])
            .env("CIB_file", root().join("tests/completion/cib.xml"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = lines(&out.stdout);
        let mut want: Vec<String> = compgen(line)
            .iter()
            .map(|c| {
                let w = whole(line, c);
                if w.ends_with(':') || w.ends_with('=') {
                    format!("{w}|")
                } else {
                    w
                }
            })
            .collect();
        want.sort();
        assert_eq!(got, want, "{line}");
        assert!(
            got.iter().any(|c| c.trim_end_matches('|') == *must),
            "{line}: {must} not in {got:?}"
        );
    }
}

#[test]
fn fish_script_completes_from_the_engine() {
    let test = "fish_script_completes_from_the_engine";
    if !have_shell(test, "fish") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = script(dir.path(), "fish", "crm");
    let path = bin_dir(dir.path());
    for (line, must) in CASES {
        let prog = format!("source '{}'; complete -C \"$argv[1]\"", file.display());
        let out = Command::new("fish")
            .args(["--no-config", "-c", &prog, line])
            .env("CIB_file", root().join("tests/completion/cib.xml"))
            .env("PATH", &path)
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // `complete -C` prints each candidate's whole token (and a tab and
        // description when there is one).
        let got: Vec<String> = lines(&out.stdout)
            .iter()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect();
        let mut want: Vec<String> = compgen(line).iter().map(|c| whole(line, c)).collect();
        want.sort();
        assert_eq!(got, want, "{line}");
        assert!(
            got.iter().any(|c| c == must),
            "{line}: {must} not in {got:?}"
        );
    }
}

/// The options `pm_crmgen --help` lists (`-o OUTPUT_FILE`, `--version`, …).
fn pm_crmgen_help_options() -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_pm_crmgen"))
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut found = Vec::new();
    for l in text.lines() {
        let t = l.trim_start();
        if !t.starts_with('-') {
            continue;
        }
        for part in t.split("  ").next().unwrap_or("").split(", ") {
            let opt = part.split([' ', '=']).next().unwrap_or("");
            if opt.starts_with('-') {
                found.push(opt.to_string());
            }
        }
    }
    found
}

#[test]
fn pm_crmgen_scripts_offer_every_option_of_its_help() {
    let test = "pm_crmgen_scripts_offer_every_option_of_its_help";
    let help = pm_crmgen_help_options();
    assert!(help.len() >= 7, "{help:?}");
    let dir = tempfile::tempdir().unwrap();
    if have_shell(test, "bash") {
        let file = script(dir.path(), "bash", "pm_crmgen");
        let prog = format!(
            ". '{}'\nCOMP_WORDS=(pm_crmgen -); COMP_CWORD=1\n_crmtool_pm_crmgen\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            file.display()
        );
        let out = Command::new("bash")
            .args(["--norc", "-O", "extglob", "-c", &prog])
            .output()
            .unwrap();
        let got = lines(&out.stdout);
        for o in &help {
            assert!(got.contains(o), "bash: {o} not in {got:?}");
        }
        // A sheet is offered as the input file.
        std::fs::write(dir.path().join("site.csv"), "").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        let prog = format!(
            ". '{}'\ncd '{}'\nCOMP_WORDS=(pm_crmgen ''); COMP_CWORD=1\n_crmtool_pm_crmgen\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            file.display(),
            dir.path().display()
        );
        let out = Command::new("bash")
            .args(["--norc", "-O", "extglob", "-c", &prog])
            .output()
            .unwrap();
        let got = lines(&out.stdout);
        assert!(got.contains(&"site.csv".to_string()), "{got:?}");
        assert!(!got.contains(&"notes.txt".to_string()), "{got:?}");
    }
    if have_shell(test, "fish") {
        let file = script(dir.path(), "fish", "pm_crmgen");
        let prog = format!("source '{}'; complete -C 'pm_crmgen -'", file.display());
        let out = Command::new("fish")
            .args(["--no-config", "-c", &prog])
            .env("HOME", dir.path())
            .output()
            .unwrap();
        let got: Vec<String> = lines(&out.stdout)
            .iter()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect();
        for o in &help {
            assert!(got.contains(o), "fish: {o} not in {got:?}");
        }
    }
    if have_shell(test, "zsh") {
        // _arguments runs only inside a completion widget: the script is
        // checked by zsh's parser, and its spec lists every option.
        let file = script(dir.path(), "zsh", "pm_crmgen");
        let out = Command::new("zsh").arg("-n").arg(&file).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&file).unwrap();
        for o in &help {
            assert!(
                text.contains(&format!("'{o}")) || text.contains(&format!("'*{o}")),
                "zsh: {o}"
            );
        }
    }
}

#[test]
fn completion_without_a_known_shell_is_a_usage_error() {
    let out = Command::new(crm_bin())
        .args(["completion", "tcsh"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bash|zsh|fish"));
}
