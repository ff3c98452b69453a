//! An interactive shell in a terminal, for timing what a person waits
//! for: the prompt after `configure`, the answer to Tab. `script(1)`
//! gives the shell a pseudo-terminal; we type into its stdin and read
//! what the terminal shows from its stdout.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

pub struct Term {
    child: Child,
    input: ChildStdin,
    output: Receiver<Vec<u8>>,
    /// Everything shown since the last `clear`.
    pub screen: Vec<u8>,
}

impl Term {
    /// Starts `bin` (no arguments) in a terminal, with `env` added.
    pub fn start(bin: &Path, env: &[(&str, &str)]) -> Option<Term> {
        let mut cmd = Command::new("script");
        cmd.args(["-q", "-f", "-e", "-c"])
            .arg(bin)
            .arg("/dev/null")
            .env("TERM", "dumb")
            .env("COLUMNS", "200")
            .env("LINES", "50")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().ok()?;
        let input = child.stdin.take()?;
        let mut stdout = child.stdout.take()?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Some(Term {
            child,
            input,
            output: rx,
            screen: Vec::new(),
        })
    }

    pub fn clear(&mut self) {
        while let Ok(b) = self.output.try_recv() {
            self.screen.extend(b);
        }
        self.screen.clear();
    }

    /// Types `keys`, then waits until the screen shows `want` (from what
    /// arrives after the keys); the time from the last key to it.
    pub fn type_and_wait(&mut self, keys: &str, want: &str, limit: Duration) -> Option<Duration> {
        self.clear();
        self.input.write_all(keys.as_bytes()).ok()?;
        self.input.flush().ok()?;
        let start = Instant::now();
        loop {
            if contains(&self.screen, want.as_bytes()) {
                return Some(start.elapsed());
            }
            let left = limit.checked_sub(start.elapsed())?;
            match self.output.recv_timeout(left) {
                Ok(b) => self.screen.extend(b),
                Err(_) => return None,
            }
        }
    }

    /// Types `keys` and waits until anything at all comes back.
    pub fn type_and_answer(&mut self, keys: &str, limit: Duration) -> Option<Duration> {
        self.clear();
        self.input.write_all(keys.as_bytes()).ok()?;
        self.input.flush().ok()?;
        let start = Instant::now();
        let b = self.output.recv_timeout(limit).ok()?;
        self.screen.extend(b);
        Some(start.elapsed())
    }

    /// Types `keys` without waiting.
    pub fn send(&mut self, keys: &str) {
        let _ = self.input.write_all(keys.as_bytes());
        let _ = self.input.flush();
    }

    pub fn quit(mut self) {
        self.send("\x03\x04\x04\x04");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}
