//! A report as `history` reads it: a directory (or an archive of one) with
//! one folder per node holding its log, its pe-inputs (`pengine/`) and its
//! CIB — what `crm report` writes and what crmsh's report writes. The logs
//! are scanned once for transitions and events.

use super::history_log::{build_in, pe_number, EventKind, Markers, PatternSet};
use super::history_time::{self, log_stamp, Stamp};
use crate::cib::process::Call;
use crate::error::{Error, ErrorKind, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The log files a node folder may hold, in the order they are preferred.
pub const LOG_FILES: &[&str] = &[
    "ha-log.txt",
    "pacemaker.log",
    "syslog",
    "ha-log",
    "cluster-log.txt",
    "journal.log",
];

/// One log line with the time and node it carries (a line without a time
/// of its own, a continuation, takes the previous line's).
#[derive(Debug, Clone)]
pub struct Line {
    pub stamp: Stamp,
    pub node: String,
    /// The node folder the line came from.
    pub from: String,
    /// Where in its file the line starts: crmsh orders the events of one
    /// second by it, whichever file they are in.
    pub offset: u64,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Transition {
    pub dc: String,
    pub pe_file: String,
    pub start: Stamp,
    pub end: Option<Stamp>,
    pub state: Option<String>,
    pub actions: Vec<(String, u32)>,
    pub tags: BTreeSet<String>,
}

impl Transition {
    /// `pe-input-16`
    pub fn short_name(&self) -> &str {
        self.pe_file.strip_suffix(".bz2").unwrap_or(&self.pe_file)
    }

    /// `n2:pe-input-16`, as crmsh names a transition.
    pub fn name(&self) -> String {
        format!("{}:{}", self.dc, self.short_name())
    }

    pub fn path(&self, dir: &Path) -> PathBuf {
        dir.join(&self.dc).join("pengine").join(&self.pe_file)
    }

    pub fn total_actions(&self) -> u32 {
        self.actions.iter().map(|(_, n)| n).sum()
    }
}

/// What the report's CIB says about resources and nodes.
#[derive(Debug, Clone, Default)]
pub struct CibInfo {
    pub nodes: Vec<String>,
    pub primitives: Vec<String>,
    pub groups: Vec<(String, Vec<String>)>,
    pub clones: Vec<(String, Vec<String>)>,
}

impl CibInfo {
    fn read(path: &Path) -> CibInfo {
        let Ok(text) = std::fs::read_to_string(path) else {
            return CibInfo::default();
        };
        let Ok(cib) = crate::cib::Cib::parse(&text) else {
            return CibInfo::default();
        };
        let mut info = CibInfo::default();
        let config = cib.configuration();
        if let Some(nodes) = config.child("nodes") {
            for n in nodes.elements().filter(|e| e.name == "node") {
                if let Some(name) = n.get("uname").or(n.get("id")) {
                    info.nodes.push(name.to_string());
                }
            }
        }
        if let Some(resources) = config.child("resources") {
            resources.walk(&mut |e| {
                if e.name == "primitive" {
                    if let Some(id) = e.id() {
                        info.primitives.push(id.to_string());
                    }
                }
            });
            for top in resources.elements() {
                let mut members = Vec::new();
                top.walk(&mut |e| {
                    if e.name == "primitive" {
                        members.extend(e.id().map(String::from));
                    }
                });
                let Some(id) = top.id() else { continue };
                match top.name.as_str() {
                    "group" => info.groups.push((id.to_string(), members)),
                    "clone" | "master" => info.clones.push((id.to_string(), members)),
                    _ => {}
                }
            }
        }
        info
    }

    pub fn is_cloned(&self, primitive: &str) -> bool {
        self.clones
            .iter()
            .any(|(_, m)| m.iter().any(|p| p == primitive))
    }

    /// Resource names as patterns: clone instances carry `:N` in 1.1 logs.
    pub fn pattern_for(&self, name: &str) -> String {
        let escaped = regex::escape(name);
        if self.is_cloned(name) {
            format!("{escaped}(?::[0-9]+)?")
        } else {
            escaped
        }
    }

    /// A group or clone stands for its primitives.
    pub fn expand(&self, name: &str) -> Vec<String> {
        for (id, members) in self.groups.iter().chain(&self.clones) {
            if id == name {
                return members.clone();
            }
        }
        vec![name.to_string()]
    }
}

/// An opened report.
pub struct Report {
    pub dir: PathBuf,
    pub nodes: Vec<String>,
    pub logs: Vec<(String, PathBuf)>,
    pub cib: CibInfo,
    /// The log messages to look for, by the Pacemaker of the report's CIB.
    pub patterns: PatternSet,
    pub lines: Vec<Line>,
    pub transitions: Vec<Transition>,
    /// Event type and index into `lines`, grouped by type and in time
    /// order within it; a line is there once for every pattern it matched
    /// (crmsh counts and shows it so).
    pub events: Vec<(EventKind, usize)>,
    pub created: Option<String>,
    pub by: Option<String>,
    pub detail: u8,
}

fn description(dir: &Path) -> Option<PathBuf> {
    ["description.txt", "report.summary"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

/// Is `dir` a report (a description file at its top)?
pub fn is_report(dir: &Path) -> bool {
    description(dir).is_some()
}

fn node_log(dir: &Path) -> Option<PathBuf> {
    LOG_FILES
        .iter()
        .map(|f| dir.join(f))
        .find(|p| std::fs::metadata(p).map(|m| m.len() > 0).unwrap_or(false))
}

impl Report {
    pub fn open(dir: &Path, detail: u8) -> Result<Report> {
        let Some(desc) = description(dir) else {
            return Err(Error::new(ErrorKind::NotAReport {
                path: dir.display().to_string(),
            }));
        };
        let desc_text = std::fs::read_to_string(&desc).unwrap_or_default();
        let field = |name: &str| {
            desc_text
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{name}: ")))
                .map(|v| v.trim_end().to_string())
        };
        let year = Stamp::of_file(&desc).unwrap_or_else(Stamp::now).year();
        let mut nodes: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| io_error(dir, e))?
            .flatten()
            .filter(|e| e.path().is_dir())
            .filter(|e| e.path().join("cib.xml").is_file() || node_log(&e.path()).is_some())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        nodes.sort();
        let logs: Vec<(String, PathBuf)> = nodes
            .iter()
            .filter_map(|n| node_log(&dir.join(n)).map(|p| (n.clone(), p)))
            .collect();
        let cib_path = nodes
            .iter()
            .map(|n| dir.join(n).join("cib.xml"))
            .find(|p| p.is_file());
        let cib = cib_path.as_deref().map(CibInfo::read).unwrap_or_default();
        // Without a CIB crmsh asks the installed Pacemaker, which is modern.
        let patterns = cib_path
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map(|text| PatternSet::of_cib(&text))
            .unwrap_or(PatternSet::Modern);
        let (created, by) = match (field("Date"), field("By")) {
            (Some(date), Some(by)) => (date, by),
            (date, by) => {
                // crmsh's fallbacks: the description file's time, and who
                // writes which description file.
                let made = history_time::file_ctime(&desc).unwrap_or_else(|| "--:--:--".into());
                let writer = if desc.ends_with("report.summary") {
                    "crm_report"
                } else {
                    "unknown"
                };
                (date.unwrap_or(made), by.unwrap_or_else(|| writer.into()))
            }
        };
        let mut report = Report {
            dir: dir.to_path_buf(),
            nodes,
            logs,
            cib,
            patterns,
            lines: Vec::new(),
            transitions: Vec::new(),
            events: Vec::new(),
            created: Some(created),
            by: Some(by),
            detail,
        };
        report.scan(year)?;
        Ok(report)
    }

    /// Reads every log, finds the transitions (each tagged with the names
    /// its events mention) and the event lines.
    ///
    /// As crmsh scans: a transition's first line is no event; its events
    /// run up to and including its last line; a transition still open at
    /// the end of one node's log goes on in the next one's; a line
    /// without a time of its own is no event.
    fn scan(&mut self, year: i64) -> Result<()> {
        let markers = Markers::new();
        let mut rx: Vec<(EventKind, Vec<regex::Regex>)> = Vec::new();
        for kind in EventKind::ALL {
            let names: Vec<String> = match kind {
                EventKind::Node => self.cib.nodes.iter().map(|n| regex::escape(n)).collect(),
                EventKind::Resource => self
                    .cib
                    .primitives
                    .iter()
                    .map(|p| self.cib.pattern_for(p))
                    .collect(),
                _ => Vec::new(),
            };
            if matches!(kind, EventKind::Node | EventKind::Resource) && names.is_empty() {
                continue;
            }
            rx.push((kind, build_in(self.patterns, kind, self.detail, &names)));
        }
        let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
        let mut lines: Vec<Line> = Vec::new();
        let mut events: Vec<(EventKind, usize)> = Vec::new();
        let mut current: Option<usize> = None;
        for (from, path) in &self.logs {
            let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
            let mut last: Option<(Stamp, String)> = None;
            let mut offset = 0u64;
            for raw in bytes.split_inclusive(|b| *b == b'\n') {
                let at = offset;
                offset += raw.len() as u64;
                let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
                let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
                let raw = String::from_utf8_lossy(raw);
                let own = log_stamp(&raw, year).map(|(s, n)| (s, n.to_string()));
                let (stamp, node) = match (&own, &last) {
                    (Some((s, n)), _) => (*s, n.clone()),
                    (None, Some((s, n))) => (*s, n.clone()),
                    (None, None) => continue,
                };
                last = Some((stamp, node.clone()));
                let index = lines.len();
                lines.push(Line {
                    stamp,
                    node: node.clone(),
                    from: from.clone(),
                    offset: at,
                    text: raw.to_string(),
                });
                if let Some(start) = markers.start(&raw) {
                    if own.is_none() {
                        continue;
                    }
                    let name = format!("{node}:{}", start.pe_file);
                    let t = *by_name.entry(name).or_insert_with(|| {
                        self.transitions.push(Transition {
                            dc: node.clone(),
                            pe_file: start.pe_file.clone(),
                            start: stamp,
                            end: None,
                            state: None,
                            actions: Vec::new(),
                            tags: BTreeSet::new(),
                        });
                        self.transitions.len() - 1
                    });
                    current = Some(t);
                    continue;
                }
                let mut ended = false;
                if current.is_some() && own.is_some() {
                    if let Some(end) = markers.end(&raw) {
                        match by_name.get(&format!("{node}:{}", end.pe_file)) {
                            Some(&t) => {
                                let tr = &mut self.transitions[t];
                                tr.end = Some(stamp);
                                tr.state = Some(end.state);
                                tr.actions = end.actions;
                                current = Some(t);
                            }
                            None => current = None,
                        }
                        ended = true;
                    }
                }
                if own.is_some() {
                    for (kind, list) in &rx {
                        for c in list.iter().filter_map(|r| r.captures(&raw)) {
                            events.push((*kind, index));
                            if let Some(t) = current {
                                for g in c.iter().skip(1).flatten() {
                                    self.transitions[t].tags.insert(g.as_str().to_lowercase());
                                }
                            }
                        }
                    }
                }
                if ended {
                    current = None;
                }
            }
        }
        // Merge the nodes' logs by time (stable: one node's order is kept).
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by_key(|&i| lines[i].stamp);
        let mut new_index = vec![0; lines.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        // crmsh's order of one type's events: by second, then by where the
        // line is in its own file.
        events.sort_by_key(|&(k, i)| (k, lines[i].stamp, lines[i].offset));
        let mut slots: Vec<Option<Line>> = lines.into_iter().map(Some).collect();
        self.lines = order.iter().filter_map(|&i| slots[i].take()).collect();
        self.events = events.into_iter().map(|(k, i)| (k, new_index[i])).collect();
        self.transitions.sort_by_key(|t| t.start);
        self.drop_empty_transitions();
        Ok(())
    }

    /// A transition that did nothing and saw no configuration change is
    /// noise (crmsh leaves those out too). Each is compared with the one
    /// before it in the full list; when either pe-input cannot be read,
    /// doing nothing is enough, as for crmsh.
    fn drop_empty_transitions(&mut self) {
        let mut keep = vec![true; self.transitions.len()];
        for (i, pair) in self.transitions.windows(2).enumerate() {
            let (before, t) = (&pair[0], &pair[1]);
            if t.end.is_none() || t.total_actions() > 0 {
                continue;
            }
            let same_epoch = match (
                epoch_of(&before.path(&self.dir)),
                epoch_of(&t.path(&self.dir)),
            ) {
                (Some(prev), Some(this)) => prev == this,
                _ => true,
            };
            if same_epoch {
                keep[i + 1] = false;
            }
        }
        let mut it = keep.iter();
        self.transitions.retain(|_| *it.next().unwrap_or(&true));
    }

    /// Transitions that overlap `from..to`.
    pub fn transitions_in(&self, from: Option<Stamp>, to: Option<Stamp>) -> Vec<&Transition> {
        self.transitions
            .iter()
            .filter(|t| !matches!((from, t.end), (Some(f), Some(e)) if e < f))
            .filter(|t| !matches!(to, Some(to) if t.start > to))
            .collect()
    }

    pub fn in_window(stamp: Stamp, from: Option<Stamp>, to: Option<Stamp>) -> bool {
        from.is_none_or(|f| stamp >= f) && to.is_none_or(|t| stamp <= t)
    }

    /// The first and last time the logs cover.
    pub fn span(&self) -> Option<(Stamp, Stamp)> {
        Some((self.lines.first()?.stamp, self.lines.last()?.stamp))
    }

    /// Finds a pe file by part of its path, by number (`16`) or by index
    /// from the end (`0` the last, `-1` the one before).
    pub fn pe_files(&self) -> Vec<PathBuf> {
        self.transitions.iter().map(|t| t.path(&self.dir)).collect()
    }

    pub fn transition_of(&self, pe: &Path) -> Option<&Transition> {
        self.transitions.iter().find(|t| t.path(&self.dir) == pe)
    }

    pub fn by_number(&self, n: u64) -> Vec<&Transition> {
        self.transitions
            .iter()
            .filter(|t| pe_number(&t.pe_file) == Some(n))
            .collect()
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// The text of a pe file (bzip2-compressed as Pacemaker writes them, or
/// plain XML).
pub fn read_pe(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    if !bytes.starts_with(b"BZh") {
        return Ok(String::from_utf8_lossy(&bytes).into_owned());
    }
    let call = Call::new("bzip2").arg("-dc").stdin(bytes);
    let (code, out, err) = call.run_bytes()?;
    if code != Some(0) {
        return Err(Error::new(ErrorKind::ToolFailed {
            call: format!("{} < {}", call.describe(), path.display()),
            status: code
                .map(|c| c.to_string())
                .unwrap_or_else(|| "signal".into()),
            stderr: err.trim().to_string(),
        }));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn epoch_of(path: &Path) -> Option<(String, String)> {
    let text = read_pe(path).ok()?;
    let head = &text[text.find("<cib")?..];
    let head = &head[..head.find('>')?];
    // a missing epoch counts as 0, as crmsh reads it
    let attr = |name: &str| {
        let key = format!(" {name}=\"");
        let Some(at) = head.find(&key) else {
            return "0".to_string();
        };
        let v = &head[at + key.len()..];
        v[..v.find('"').unwrap_or(v.len())].to_string()
    };
    Some((attr("admin_epoch"), attr("epoch")))
}
