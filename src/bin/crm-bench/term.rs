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
            // Not "dumb": rustyline (ours) treats a dumb terminal as one
            // it cannot edit on and reads plain lines, so Tab would only
            // be echoed back by the terminal, not completed.
            .env("TERM", "xterm")
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

    /// Time from Tab to the completion's answer on screen: `line` is
    /// typed and its echo awaited, then Tab twice (the first finds the
    /// candidates ambiguous, the second lists them), until `want`, a
    /// candidate longer than what `line` ends with, is shown. Waiting for
    /// a candidate, not for any byte, keeps the tail of the echo or a
    /// bell from counting as the answer.
    pub fn tab(&mut self, line: &str, want: &str, limit: Duration) -> Option<Duration> {
        let tail = line.rsplit(' ').next().unwrap_or(line);
        self.type_and_wait(line, tail, limit)?;
        // Let the echo's last redraw arrive, so that it is not read
        // while Tab is timed.
        std::thread::sleep(Duration::from_millis(100));
        self.type_and_wait("\t\t", want, limit)
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
