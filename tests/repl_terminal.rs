//! The real `crm` binary in a terminal (tmux), against an offline CIB:
//! prompts, Tab completion, staging until `commit`, leaving levels, the
//! pending-changes question, pasted and typed-ahead lines. Every step
//! waits for what the screen (or the CIB file) shows, never for a fixed
//! time. Skipped, with the reason printed, when tmux is not installed.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CRM: &str = env!("CARGO_BIN_EXE_crm");
const LIMIT: Duration = Duration::from_secs(120);
const POLL: Duration = Duration::from_millis(50);

/// A tmux server of our own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, command: &str) -> Option<Tmux> {
        let socket = format!("crm-repl-{name}-{}", std::process::id());
        let ok = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "160",
                "-y",
                "50",
            ])
            .arg(command)
            .env("TERM", "xterm")
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        ok.then_some(Tmux { socket })
    }

    fn keys(&self, keys: &[&str]) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "t"])
            .args(keys)
            .status();
    }

    /// Types text literally (no key names).
    fn type_text(&self, text: &str) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "t", "-l", text])
            .status();
    }

    fn screen(&self) -> String {
        Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    fn alive(&self) -> bool {
        Command::new("tmux")
            .args(["-L", &self.socket, "has-session", "-t", "t"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    }

    /// Waits until the screen satisfies `test`; panics with the screen
    /// when it never does (the limit is only there so that a broken run
    /// ends: a busy machine is slow, never wrong).
    fn wait(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if test(&s) {
                return s;
            }
            if start.elapsed() > LIMIT {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the cursor's line is a prompt ending in `end`.
    fn prompt(&self, what: &str, end: &str) {
        self.wait(what, |_| self.last_line().ends_with(end));
    }

    /// Waits until `n` lines of the pane (scrollback included) hold
    /// `needle`.
    fn wait_lines(&self, what: &str, needle: &str, n: usize) {
        self.wait(what, |_| {
            self.history()
                .lines()
                .filter(|l| l.contains(needle))
                .count()
                >= n
        });
    }

    /// The whole pane, scrollback included.
    fn history(&self) -> String {
        Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "capture-pane",
                "-p",
                "-J",
                "-S",
                "-",
                "-t",
                "t",
            ])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    /// Pastes `text` as a terminal paste: wrapped in bracketed-paste
    /// markers when the program asked for them (rustyline does).
    fn paste(&self, text: &str) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "set-buffer", "-b", "p", "--", text])
            .status();
        let _ = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "paste-buffer",
                "-p",
                "-d",
                "-b",
                "p",
                "-t",
                "t",
            ])
            .status();
    }

    /// Waits until crm has ended.
    fn wait_gone(&self) {
        let start = Instant::now();
        while self.alive() {
            assert!(
                start.elapsed() < LIMIT,
                "crm did not end:\n{}",
                self.screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// The line the cursor is on: the last non-empty line of the screen.
    fn last_line(&self) -> String {
        self.screen()
            .lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Whether Pacemaker lists the Dummy agent (resource-agents/pacemaker).
fn dummy_agent_available() -> bool {
    Command::new("crm_resource")
        .args(["--list-agents", "ocf:pacemaker"])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "Dummy")
        })
        .unwrap_or(false)
}

fn file_has(path: &Path, text: &str) -> bool {
    std::fs::read_to_string(path)
        .map(|s| s.contains(text))
        .unwrap_or(false)
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

/// Waits until the CIB file holds `text`.
fn wait_file(t: &Tmux, path: &Path, text: &str) {
    let start = Instant::now();
    while !file_has(path, text) {
        assert!(
            start.elapsed() < LIMIT,
            "{} never got {text}:\n{}",
            path.display(),
            t.screen()
        );
        std::thread::sleep(POLL);
    }
}

fn start_crm(name: &str, dir: &Path, cib: &Path) -> Option<Tmux> {
    let config: PathBuf = dir.join("config");
    let command = format!(
        "env CIB_file={} XDG_CONFIG_HOME={} EDITOR=true {}",
        shell_quote(cib),
        shell_quote(&config),
        shell_quote(Path::new(CRM)),
    );
    Tmux::start(name, &command)
}

/// A fresh offline CIB in a temporary directory, and crm running on it in
/// tmux; `None` (after saying why) when tmux cannot run here.
fn setup(name: &str) -> Option<(tempfile::TempDir, PathBuf, Tmux)> {
    if !tmux_available() {
        support::skip(name, "tmux is not installed (apt-get install tmux)");
        return None;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let status = Command::new(CRM)
        .args(["configure", "property", "stonith-enabled=false"])
        .env("CIB_file", &cib)
        .status()
        .expect("crm runs");
    assert!(status.success());
    let Some(t) = start_crm(name, dir.path(), &cib) else {
        support::skip(name, "tmux could not start a session");
        return None;
    };
    t.wait("the root prompt", |s| s.contains("crm(cib.xml/"));
    Some((dir, cib, t))
}

#[test]
fn interactive_session_in_a_terminal() {
    let Some((dir, cib, t)) = setup("interactive_session_in_a_terminal") else {
        return;
    };
    // The prompt names the offline CIB file and this host (capture-pane
    // drops the prompt's trailing space at the end of a line).
    t.prompt("the root prompt", ")#");

    t.type_text("conf");
    t.keys(&["Tab"]);
    t.wait("conf completed", |s| s.contains(")# configure"));
    t.keys(&["Enter"]);
    t.prompt("the configure prompt", ")configure#");

    if dummy_agent_available() {
        t.type_text("primitive p1 ocf:pacemaker:Dumm");
        t.keys(&["Tab"]);
        t.wait("the agent completed", |s| {
            s.contains("primitive p1 ocf:pacemaker:Dummy")
        });
    } else {
        println!("note: ocf:pacemaker:Dummy is not installed; agent completion not checked");
        t.type_text("primitive p1 ocf:pacemaker:Dummy");
    }
    t.keys(&["Enter"]);
    t.prompt("the next prompt", ")configure#");
    // Staged, not written.
    assert!(!file_has(&cib, "\"p1\""), "p1 written before commit");

    t.type_text("show");
    t.keys(&["Enter"]);
    t.wait("show lists p1", |s| {
        s.lines()
            .any(|l| l.trim() == "primitive p1 ocf:pacemaker:Dummy")
    });
    assert!(!file_has(&cib, "\"p1\""), "p1 written by show");

    t.type_text("commit");
    t.keys(&["Enter"]);
    wait_file(&t, &cib, "\"p1\"");

    // Ctrl-C drops the line and stays; Ctrl-D leaves a level.
    t.prompt("the prompt after commit", ")configure#");
    t.type_text("this is not a command");
    t.keys(&["C-c"]);
    t.wait("a fresh line", |_| t.last_line().ends_with(")configure#"));
    t.keys(&["C-d"]);
    t.prompt("back at the root", ")#");

    t.type_text("quit");
    t.keys(&["Enter"]);
    t.wait_gone();

    // The history was kept for the next session.
    let history = dir.path().join("config/crm/history");
    let h = std::fs::read_to_string(&history).expect("history written");
    assert!(h.contains("primitive p1 ocf:pacemaker:Dummy"), "{h}");
}

const QUESTION: &str = "Do you want to commit them (y/n)?";

#[test]
fn pending_changes_are_never_lost() {
    let Some((_dir, cib, t)) = setup("pending_changes_are_never_lost") else {
        return;
    };
    t.type_text("configure");
    t.keys(&["Enter"]);
    t.prompt("the configure prompt", ")configure#");
    t.type_text("primitive p2 ocf:pacemaker:Dummy");
    t.keys(&["Enter"]);
    t.prompt("staged", ")configure#");
    t.type_text("up");
    t.keys(&["Enter"]);
    t.wait("the question", |_| t.last_line().ends_with(QUESTION));

    // Enter alone, then a typo: asked again each time, nothing decided.
    t.keys(&["Enter"]);
    t.wait_lines("asked again after Enter", QUESTION, 2);
    t.type_text("yse");
    t.keys(&["Enter"]);
    t.wait_lines("asked again after a typo", QUESTION, 3);
    assert!(!file_has(&cib, "\"p2\""), "a typo committed");

    // Ctrl-C at the question: back at the level, changes still staged.
    t.keys(&["C-c"]);
    t.prompt("configure after Ctrl-C", ")configure#");
    t.type_text("show changed");
    t.keys(&["Enter"]);
    // (The typed line carries the prompt; only `show` prints it bare.)
    t.wait("p2 still staged", |s| {
        s.lines()
            .any(|l| l.trim() == "primitive p2 ocf:pacemaker:Dummy")
    });

    // Ctrl-D at the question: the same.
    t.type_text("up");
    t.keys(&["Enter"]);
    t.wait_lines("the question again", QUESTION, 4);
    t.keys(&["C-d"]);
    t.prompt("configure after Ctrl-D", ")configure#");
    assert!(!file_has(&cib, "\"p2\""), "p2 written though not confirmed");

    // y commits.
    t.type_text("up");
    t.keys(&["Enter"]);
    t.wait_lines("the question once more", QUESTION, 5);
    t.type_text("y");
    t.keys(&["Enter"]);
    t.prompt("the root prompt after y", ")#");
    wait_file(&t, &cib, "\"p2\"");

    // n drops them, and says what it dropped.
    t.type_text("configure delete p2");
    t.keys(&["Enter"]);
    t.prompt("root after a one-line command", ")#");
    t.type_text("configure");
    t.keys(&["Enter"]);
    t.prompt("configure", ")configure#");
    t.type_text("primitive p3 ocf:pacemaker:Dummy");
    t.keys(&["Enter"]);
    t.prompt("p3 staged", ")configure#");
    t.type_text("up");
    t.keys(&["Enter"]);
    t.wait_lines("the question", QUESTION, 6);
    t.type_text("n");
    t.keys(&["Enter"]);
    t.wait("what n dropped", |s| {
        s.lines()
            .any(|l| l.starts_with("INFO: dropped the staged changes") && l.contains("p3"))
    });
    t.prompt("the root prompt after n", ")#");
    t.type_text("quit");
    t.keys(&["Enter"]);
    t.wait_gone();
    assert!(!file_has(&cib, "\"p3\""), "p3 written though dropped");
}

/// The 2010 slide's session (`configure`, a primitive continued with `¥`
/// over six lines, `commit`), as typed at the prompt.
fn slide_session() -> Option<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/docs/seed-examples/ipaddr-repl.txt");
    std::fs::read_to_string(path).ok()
}

/// The slide's text with its typographic quotes made plain, so that it
/// loads.
fn plain_quotes(text: &str) -> String {
    text.replace(['“', '”'], "\"")
}

fn check_slide_primitive(cib: &Path) {
    let xml = std::fs::read_to_string(cib).unwrap_or_default();
    // One attribute from each of the six lines of the statement.
    for piece in [
        "type=\"IPaddr\"",
        "value=\"192.168.0.108\"",
        "value=\"255.255.255.0\"",
        "name=\"start\"",
        "name=\"monitor\"",
        "on-fail=\"fence\"",
    ] {
        assert!(xml.contains(piece), "{piece} missing:\n{xml}");
    }
}

#[test]
fn pasted_session_runs_every_line() {
    let Some(session) = slide_session() else {
        support::skip(
            "pasted_session_runs_every_line",
            "../shared/docs/seed-examples/ipaddr-repl.txt not found",
        );
        return;
    };
    let Some((dir, cib, t)) = setup("pasted_session_runs_every_line") else {
        return;
    };
    t.prompt("the root prompt", ")#");
    // The slide as it is: every typographic quote is reported, in one
    // go, and the lines after the statement still arrive (`commit`).
    t.type_text(&format!("{}\n", session.trim_end()));
    t.wait("the commit line ran", |_| {
        t.history()
            .contains("apparently there is nothing to commit")
    });
    let quotes = session.matches(['“', '”']).count();
    let screen = t.history();
    assert!(
        screen.matches("typographic quote").count() >= quotes,
        "{quotes} quotes, screen:\n{screen}"
    );
    t.prompt("the configure prompt", ")configure#");

    // Fixed quotes, typed ahead in one burst: every line arrives.
    t.type_text(&format!("{}\nup\n", plain_quotes(&session).trim_end()));
    wait_file(&t, &cib, "prmIpWWW");
    check_slide_primitive(&cib);
    t.prompt("the root prompt", ")#");
    t.type_text("quit\n");
    t.wait_gone();
    let history =
        std::fs::read_to_string(dir.path().join("config/crm/history")).unwrap_or_default();
    assert!(
        history.contains("op stop interval=\"0s\" timeout=\"60s\" on-fail=\"fence\""),
        "{history}"
    );
}

#[test]
fn bracketed_paste_runs_every_line() {
    let Some(session) = slide_session() else {
        support::skip(
            "bracketed_paste_runs_every_line",
            "../shared/docs/seed-examples/ipaddr-repl.txt not found",
        );
        return;
    };
    let Some((_dir, cib, t)) = setup("bracketed_paste_runs_every_line") else {
        return;
    };
    t.prompt("the root prompt", ")#");
    t.paste(&format!("{}\n", plain_quotes(&session).trim_end()));
    // A bracketed paste is one edit; Enter runs it.
    t.wait("the pasted text", |s| s.contains("commit"));
    t.keys(&["Enter"]);
    wait_file(&t, &cib, "prmIpWWW");
    check_slide_primitive(&cib);
}

/// crm's `pager` option: in the shell, a `show` taller than the terminal
/// goes through the pager, one that fits is printed. crmsh 4.4 (when
/// installed) is run the same way and must page the same.
#[test]
fn long_output_goes_through_the_pager() {
    let name = "long_output_goes_through_the_pager";
    if !tmux_available() {
        support::skip(name, "tmux is not installed (apt-get install tmux)");
        return;
    }
    let mut programs = vec![CRM];
    if Path::new("/usr/sbin/crm").exists() {
        programs.push("/usr/sbin/crm");
    } else {
        support::skip(
            "long_output_goes_through_the_pager (crmsh)",
            "crmsh (/usr/sbin/crm) is not installed",
        );
    }
    for program in programs {
        let dir = tempfile::tempdir().expect("tempdir");
        let cib = dir.path().join("cib.xml");
        // 60 primitives: taller than the 50-row window.
        let crm_text: String = std::iter::once("property stonith-enabled=false\n".to_string())
            .chain((1..=60).map(|i| format!("primitive p{i} ocf:heartbeat:Dummy\n")))
            .collect();
        let file = dir.path().join("sixty.crm");
        std::fs::write(&file, crm_text).expect("crm file");
        let o = Command::new(CRM)
            .args(["configure", "load", "update"])
            .arg(&file)
            .env("CIB_file", &cib)
            .output()
            .expect("crm runs");
        assert!(o.status.success(), "{o:?}");
        let paged = dir.path().join("paged.txt");
        let pager = dir.path().join("pager.sh");
        std::fs::write(
            &pager,
            format!(
                "#!/bin/sh\ncat >> {0}\necho '-- end of page --' >> {0}\necho PAGER-RAN\n",
                shell_quote(&paged)
            ),
        )
        .expect("pager");
        let mut perms = std::fs::metadata(&pager).expect("pager").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&pager, perms).expect("chmod");
        let config = dir.path().join(".config/crm");
        std::fs::create_dir_all(&config).expect("config dir");
        std::fs::write(
            config.join("crm.conf"),
            format!("[core]\npager = {}\n", pager.display()),
        )
        .expect("crm.conf");
        let command = format!(
            "env CIB_file={} XDG_CONFIG_HOME={} HOME={} {}",
            shell_quote(&cib),
            shell_quote(&dir.path().join(".config")),
            shell_quote(dir.path()),
            shell_quote(Path::new(program)),
        );
        let Some(t) = Tmux::start(name, &command) else {
            support::skip(name, "tmux could not start a session");
            return;
        };
        t.prompt(&format!("{program}: the root prompt"), ")#");
        t.type_text("configure\n");
        t.prompt(&format!("{program}: the configure prompt"), ")configure#");
        t.type_text("show p7\n");
        t.wait(&format!("{program}: the short show"), |s| {
            s.contains("primitive p7 ")
        });
        t.prompt(
            &format!("{program}: the prompt after the short show"),
            ")configure#",
        );
        assert!(!paged.exists(), "{program}: a show that fits was paged");
        t.type_text("show\n");
        t.wait(&format!("{program}: the pager"), |s| {
            s.contains("PAGER-RAN")
        });
        let text = support::strip_ansi(&std::fs::read_to_string(&paged).unwrap_or_default());
        assert_eq!(
            text.matches("-- end of page --").count(),
            1,
            "{program}: {text}"
        );
        for id in ["p1 ", "p30 ", "p60 "] {
            assert!(
                text.contains(&format!("primitive {id}")),
                "{program}: {id}is in what was paged: {text}"
            );
        }
        t.type_text("quit\n");
        t.wait_gone();
    }
}
