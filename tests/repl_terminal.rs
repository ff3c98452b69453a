//! The real `crm` binary in a terminal (tmux), against an offline CIB:
//! prompts, Tab completion, staging until `commit`, leaving levels.
//! Skipped, with the reason printed, when tmux is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CRM: &str = env!("CARGO_BIN_EXE_crm");

/// A tmux server of our own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(command: &str) -> Option<Tmux> {
        let socket = format!("crm-repl-test-{}", std::process::id());
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
    /// after 15 s.
    fn wait(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if test(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
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

fn start_crm(dir: &Path, cib: &Path) -> Option<Tmux> {
    let config: PathBuf = dir.join("config");
    let command = format!(
        "env CIB_file={} XDG_CONFIG_HOME={} EDITOR=true {}",
        shell_quote(cib),
        shell_quote(&config),
        shell_quote(Path::new(CRM)),
    );
    Tmux::start(&command)
}

#[test]
fn interactive_session_in_a_terminal() {
    if !tmux_available() {
        println!("skipped: tmux is not installed (apt-get install tmux)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let cib = dir.path().join("cib.xml");
    let status = Command::new(CRM)
        .args(["configure", "property", "stonith-enabled=false"])
        .env("CIB_file", &cib)
        .status()
        .expect("crm runs");
    assert!(status.success());
    let Some(t) = start_crm(dir.path(), &cib) else {
        println!("skipped: tmux could not start a session");
        return;
    };

    // The prompt names the offline CIB file and this host (capture-pane
    // drops the prompt's trailing space at the end of a line).
    t.wait("the root prompt", |s| s.contains("crm(cib.xml/"));
    assert!(t.last_line().ends_with(")#"), "{}", t.screen());

    t.type_text("conf");
    t.keys(&["Tab"]);
    t.wait("conf completed", |s| s.contains(")# configure"));
    t.keys(&["Enter"]);
    t.wait("the configure prompt", |_| {
        t.last_line().ends_with(")configure#")
    });

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
    t.wait("the next prompt", |_| {
        t.last_line().ends_with(")configure#")
    });
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
    let start = Instant::now();
    while !file_has(&cib, "\"p1\"") {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "commit did not write p1:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // Leaving with staged changes asks; "n" drops them.
    t.type_text("primitive p2 ocf:pacemaker:Dummy");
    t.keys(&["Enter"]);
    t.type_text("up");
    t.keys(&["Enter"]);
    t.wait("the question", |s| {
        s.contains("Do you want to commit them (y/n)?")
    });
    t.type_text("n");
    t.keys(&["Enter"]);
    t.wait("the root prompt again", |_| t.last_line().ends_with(")#"));
    assert!(!file_has(&cib, "\"p2\""), "p2 written though dropped");

    // Ctrl-C drops the line and stays; Ctrl-D leaves a level.
    t.type_text("configure");
    t.keys(&["Enter"]);
    t.wait("configure again", |_| {
        t.last_line().ends_with(")configure#")
    });
    t.type_text("this is not a command");
    t.keys(&["C-c"]);
    t.wait("a fresh line", |_| t.last_line().ends_with(")configure#"));
    t.keys(&["C-d"]);
    t.wait("back at the root", |_| t.last_line().ends_with(")#"));

    t.type_text("quit");
    t.keys(&["Enter"]);
    let start = Instant::now();
    while t.alive() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "quit did not end crm:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // The history was kept for the next session.
    let history = dir.path().join("config/crm/history");
    let h = std::fs::read_to_string(&history).expect("history written");
    assert!(h.contains("primitive p1 ocf:pacemaker:Dummy"), "{h}");
}
