//! `history session save|load|delete|pack|update|list`: a history's
//! settings (source, window, detail, excludes) kept under a name in the
//! cache, with a copy of the live report when the source is live, in
//! crmsh's `history_state.cfg` format.

use super::history::{cache_dir, io, History};
use super::history_time::{self, Stamp};
use super::{misuse, Failure, Output};
use crate::cib::process::Call;
use crate::error::{Error, ErrorKind};
use std::path::PathBuf;

type R = std::result::Result<(), Failure>;

fn sessions() -> PathBuf {
    cache_dir().join("session")
}

fn sane(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.+@".contains(c))
}

impl History {
    pub(super) fn session(&mut self, words: &[&str], out: &mut Output) -> R {
        let (sub, name) = match words {
            [sub] => (*sub, None),
            [sub, name] => (*sub, Some(*name)),
            _ => {
                return Err(misuse(crate::notice::Misuse::Form {
                    usage: "session [{save|load|delete} <name> | pack [<name>] | update | list]",
                })
                .into())
            }
        };
        if let Some(n) = name {
            if !sane(n) {
                return Err(
                    misuse(crate::notice::Misuse::BadSessionName { name: n.into() }).into(),
                );
            }
        }
        let current = || self_session_required(name.map(String::from).or(self.session.clone()));
        match sub {
            "list" => {
                let mut names: Vec<String> = std::fs::read_dir(sessions())
                    .map(|d| {
                        d.flatten()
                            .map(|e| e.file_name().to_string_lossy().into_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                names.sort();
                out.print(&names.join("\n"));
                Ok(())
            }
            "save" => {
                let name = name.ok_or_else(|| {
                    Failure::from(misuse(crate::notice::Misuse::Form {
                        usage: "session save <name>",
                    }))
                })?;
                let dir = sessions().join(name);
                if dir.exists() {
                    return Err(Error::new(ErrorKind::SessionExists { name: name.into() }).into());
                }
                std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
                let source = if self.source == "live" {
                    self.report(out)?;
                    let copy = dir.join("live");
                    Call::new("cp")
                        .args([
                            "-a",
                            &cache_dir().join("live").display().to_string(),
                            &copy.display().to_string(),
                        ])
                        .run_ok()?;
                    copy.display().to_string()
                } else {
                    self.source.clone()
                };
                self.write_state(&dir, &source)?;
                self.source = source;
                self.report = None;
                self.session = Some(name.to_string());
                Ok(())
            }
            "load" => {
                let name = name.ok_or_else(|| {
                    Failure::from(misuse(crate::notice::Misuse::Form {
                        usage: "session load <name>",
                    }))
                })?;
                self.session_load(name)
            }
            "delete" => {
                let name = name.ok_or_else(|| {
                    Failure::from(misuse(crate::notice::Misuse::Form {
                        usage: "session delete <name>",
                    }))
                })?;
                let dir = sessions().join(name);
                if !dir.exists() {
                    return Err(Error::new(ErrorKind::NoSuchSession { name: name.into() }).into());
                }
                std::fs::remove_dir_all(&dir).map_err(|e| io(&dir, e))?;
                if self.session.as_deref() == Some(name) {
                    out.info(&crate::notice::Said::SessionDeletedLive.to_string());
                    self.session = None;
                    self.source = "live".into();
                    self.report = None;
                }
                Ok(())
            }
            "update" => {
                let name = current()?;
                let dir = sessions().join(&name);
                let source = self.source.clone();
                self.write_state(&dir, &source)
            }
            "pack" => {
                let name = current()?;
                let home = std::env::var("HOME").unwrap_or_else(|_| "/tmp".into());
                let archive = PathBuf::from(home).join(format!("{name}.tar.bz2"));
                let dir = sessions().join(&name);
                crate::regression::external(&format!(
                    "tar -C '{}/..' -cj -f '{}' {name}",
                    dir.display(),
                    archive.display()
                ));
                Call::new("tar")
                    .arg("-C")
                    .arg(sessions().display().to_string())
                    .arg("-cjf")
                    .arg(archive.display().to_string())
                    .arg(&name)
                    .run_ok()?;
                // a plain line, not a note: crmsh prints it so
                out.print(
                    &crate::notice::Said::SessionPacked {
                        path: archive.display().to_string(),
                    }
                    .to_string(),
                );
                Ok(())
            }
            other => Err(misuse(crate::notice::Misuse::UnknownSubcommand {
                cmd: "history session",
                word: other.into(),
            })
            .into()),
        }
    }

    fn write_state(&self, dir: &std::path::Path, source: &str) -> R {
        let stamp = |s: Option<Stamp>| s.map(|s| s.to_string()).unwrap_or_default();
        let mut text = format!(
            "[report]\ndir = {source}\nfrom_time = {}\nto_time = {}\ndetail = {}\n",
            stamp(self.from),
            stamp(self.to),
            self.detail
        );
        if !self.excludes.is_empty() {
            text.push_str("\n[log]\n");
            for (i, (r, _)) in self.excludes.iter().enumerate() {
                text.push_str(&format!("exclude_{i} = {r}\n"));
            }
        }
        let path = dir.join("history_state.cfg");
        std::fs::write(&path, text).map_err(|e| io(&path, e))
    }

    pub(super) fn session_load(&mut self, name: &str) -> R {
        let path = sessions().join(name).join("history_state.cfg");
        let text = std::fs::read_to_string(&path).map_err(|_| {
            Failure::from(Error::new(ErrorKind::NoSuchSession { name: name.into() }))
        })?;
        let mut excludes = Vec::new();
        for line in text.lines() {
            let Some((k, v)) = line.split_once('=') else {
                continue;
            };
            let (k, v) = (k.trim(), v.trim());
            match k {
                "dir" => self.source = v.to_string(),
                "from_time" => self.from = history_time::parse(v),
                "to_time" => self.to = history_time::parse(v),
                "detail" => self.detail = v.parse().unwrap_or(0),
                k if k.starts_with("exclude_") => excludes.push(v.to_string()),
                _ => {}
            }
        }
        self.limited = self.from.is_some() || self.to.is_some();
        self.excludes.clear();
        for r in excludes {
            if let Ok(rx) = regex::Regex::new(&r) {
                self.excludes.push((r, rx));
            }
        }
        self.report = None;
        self.session = Some(name.to_string());
        Ok(())
    }
}

fn self_session_required(name: Option<String>) -> std::result::Result<String, Failure> {
    name.ok_or_else(|| misuse(crate::notice::Misuse::NoSessionLoaded).into())
}
