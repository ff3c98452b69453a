//! The `history` level: what the cluster did, read from the logs and
//! pe-inputs of a report (`crm report`'s archive or directory) or of the
//! live cluster (a report of the last hour made on the spot, as crmsh
//! does). A pe-input is shown as crm text with our `configure show`
//! printer, or as crm_mon saw it.
//!
//! The level keeps its settings (source, limit, detail, excludes) for the
//! rest of a shell session; a one-shot `crm history CMD` starts afresh.

use super::history_log::pe_number;
use super::history_source::{is_report, read_pe, Report, Transition};
use super::history_time::{self, Stamp};
use super::report::{collect_all, Options, TempDir};
use super::{misuse, usage, Failure, Output};
use crate::cib::process::Call;
use crate::error::{Error, ErrorKind};
use regex::Regex;
use std::path::{Path, PathBuf};

type R = std::result::Result<(), Failure>;

/// How long a live report is reused before it is collected again.
const LIVE_FRESH_SECS: u64 = 60;

pub struct History {
    pub(super) source: String,
    pub(super) report: Option<Report>,
    pub(super) collected: Option<std::time::Instant>,
    pub(super) from: Option<Stamp>,
    pub(super) to: Option<Stamp>,
    /// `limit` was given (a live source otherwise covers the last hour).
    pub(super) limited: bool,
    pub(super) detail: u8,
    pub(super) excludes: Vec<(String, Regex)>,
    pub(super) setnodes: Vec<String>,
    pub(super) session: Option<String>,
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

pub(super) fn cache_dir() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "root".into());
    base.join("crm").join(format!("history-{user}"))
}

pub(super) fn io(path: &Path, e: std::io::Error) -> Failure {
    Error::new(ErrorKind::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
    .into()
}

fn time(spec: &str) -> std::result::Result<Stamp, Failure> {
    history_time::parse(spec)
        .ok_or_else(|| Error::new(ErrorKind::BadTime { spec: spec.into() }).into())
}

impl History {
    pub fn new() -> History {
        History {
            source: "live".into(),
            report: None,
            collected: None,
            from: None,
            to: None,
            limited: false,
            detail: 0,
            excludes: Vec::new(),
            setnodes: Vec::new(),
            session: None,
        }
    }

    pub fn run(&mut self, words: &[&str], out: &mut Output) -> R {
        match words {
            [] => Err(usage(
                &crate::notice::Misuse::GiveCommandOf {
                    level: "history",
                    some: "info, transitions, log",
                }
                .to_string(),
            )
            .into()),
            ["source"] => {
                out.print(&format!("Current source: {}", self.source));
                Ok(())
            }
            ["source", src] => self.set_source(src),
            ["limit" | "timeframe", rest @ ..] if rest.len() <= 2 => self.limit(rest),
            ["refresh"] => self.refresh(false, out),
            ["refresh", "force" | "--force"] => self.refresh(true, out),
            ["detail", level] => match *level {
                "0" | "1" => {
                    self.detail = level.parse().unwrap_or(0);
                    self.report = None;
                    Ok(())
                }
                other => Err(usage(
                    &crate::notice::Misuse::ExpectedZeroOrOne {
                        got: other.to_string(),
                    }
                    .to_string(),
                )
                .into()),
            },
            ["setnodes", nodes @ ..] if !nodes.is_empty() => {
                self.setnodes = nodes.iter().map(|n| n.to_string()).collect();
                if self.source == "live" {
                    self.report = None;
                }
                Ok(())
            }
            ["info"] => self.info(out),
            ["latest"] => self.latest(out),
            ["events"] => self.events(None, &[], out),
            ["resource", rscs @ ..] if !rscs.is_empty() => {
                self.events(Some(super::history_log::EventKind::Resource), rscs, out)
            }
            ["node", nodes @ ..] if !nodes.is_empty() => {
                self.events(Some(super::history_log::EventKind::Node), nodes, out)
            }
            ["log", nodes @ ..] => self.log(nodes, None, out),
            ["exclude"] => {
                let list: Vec<&str> = self.excludes.iter().map(|(s, _)| s.as_str()).collect();
                out.print(&list.join("\n"));
                Ok(())
            }
            ["exclude", "clear"] => {
                self.excludes.clear();
                Ok(())
            }
            ["exclude", regex] => self.exclude(regex),
            ["peinputs", rest @ ..] => self.peinputs(rest, out),
            ["transitions"] => self.transitions(out),
            ["transition", rest @ ..] => self.transition(rest, out),
            ["show", pe, rest @ ..] => self.show(pe, rest, out),
            ["diff", a, b, rest @ ..] => self.diff(a, b, rest, false, out),
            ["wdiff", a, b, rest @ ..] => self.diff(a, b, rest, true, out),
            ["graph", pe, rest @ ..] => self.graph(pe, rest, out),
            ["session"] => {
                out.print(&format!(
                    "current session: {}",
                    self.session.as_deref().unwrap_or("None")
                ));
                Ok(())
            }
            ["session", rest @ ..] => self.session(rest, out),
            [cmd, ..] => Err(usage(
                &crate::notice::Misuse::WrongArguments {
                    level: "history",
                    cmd: cmd.to_string(),
                    commands: super::levels::Level::History.commands().join(", "),
                }
                .to_string(),
            )
            .into()),
        }
    }

    fn set_source(&mut self, src: &str) -> R {
        if src != "live" && !Path::new(src).exists() {
            let session = cache_dir().join("session").join(src);
            if session.is_dir() {
                return self.session_load(src);
            }
            return Err(Error::new(ErrorKind::NoSuchSource { source: src.into() }).into());
        }
        // As given: crmsh shows it so, and names the report's files
        // relative to it.
        self.source = src.to_string();
        self.report = None;
        self.session = None;
        if src != "live" {
            self.from = None;
            self.to = None;
            self.limited = false;
        }
        Ok(())
    }

    fn limit(&mut self, times: &[&str]) -> R {
        let mut from = match times.first() {
            Some(t) => Some(time(t)?),
            None => None,
        };
        let mut to = match times.get(1) {
            Some(t) => Some(time(t)?),
            None => None,
        };
        if let (Some(f), Some(t)) = (from, to) {
            if f == t {
                return Err(Error::new(ErrorKind::SameTimes {
                    spec: times.join(" - "),
                })
                .into());
            }
            if t < f {
                std::mem::swap(&mut from, &mut to);
            }
        }
        self.from = from;
        self.to = to;
        self.limited = !times.is_empty();
        if self.source == "live" {
            // the live report has to cover the new window
            self.report = None;
        }
        Ok(())
    }

    fn exclude(&mut self, regex: &str) -> R {
        let r = Regex::new(regex).map_err(|e| {
            Failure::from(Error::new(ErrorKind::BadRegex {
                regex: regex.into(),
                message: e.to_string(),
            }))
        })?;
        self.excludes.push((regex.to_string(), r));
        Ok(())
    }

    /// The window the commands look at (live: the last hour by default).
    fn window(&self) -> (Option<Stamp>, Option<Stamp>) {
        if self.source == "live" && !self.limited {
            return (Some(Stamp(Stamp::now().0 - 3600)), None);
        }
        (self.from, self.to)
    }

    fn refresh(&mut self, force: bool, out: &mut Output) -> R {
        if self.source == "live" {
            if force {
                self.collected = None;
            }
            self.report = None;
            self.collected = None;
        } else {
            out.print("Refreshing log data...");
            self.report = None;
        }
        let detail = self.detail;
        let r = self.report(out)?;
        let events = r.events.len();
        let transitions = r.transitions.len();
        let _ = detail;
        out.print(&format!("{transitions} transitions, {events} events."));
        Ok(())
    }

    /// The report, opened (and for live, collected) when first needed.
    pub(super) fn report(&mut self, out: &mut Output) -> std::result::Result<&Report, Failure> {
        let stale = self.source == "live"
            && self
                .collected
                .is_none_or(|t| t.elapsed().as_secs() > LIVE_FRESH_SECS);
        if self.report.is_none() || stale {
            let dir = self.locate(out)?;
            self.report = Some(Report::open(&dir, self.detail)?);
        }
        Ok(self.report.as_ref().expect("just opened"))
    }

    /// The directory to read: the live report (collected now), the
    /// directory given, or the archive given, unpacked in the cache.
    fn locate(&mut self, out: &mut Output) -> std::result::Result<PathBuf, Failure> {
        if self.source == "live" {
            let dir = cache_dir().join("live");
            let (from, to) = self.window();
            let work = TempDir::new()?;
            let top = work.path.join("live");
            std::fs::create_dir_all(&top).map_err(|e| io(&top, e))?;
            let opts = Options {
                from: from.or(Some(Stamp(Stamp::now().0 - 3600))),
                to,
                nodes: self.setnodes.clone(),
                ..Options::default()
            };
            out.info(&crate::notice::Said::RetrievingInformation.to_string());
            collect_all(&top, &opts, out)?;
            if dir.exists() {
                std::fs::remove_dir_all(&dir).map_err(|e| io(&dir, e))?;
            }
            if let Some(parent) = dir.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
            }
            Call::new("cp")
                .args(["-a", &top.display().to_string(), &dir.display().to_string()])
                .run_ok()?;
            self.collected = Some(std::time::Instant::now());
            return Ok(dir);
        }
        let path = PathBuf::from(&self.source);
        if path.is_dir() {
            return Ok(path);
        }
        unpack(&path)
    }

    fn info(&mut self, out: &mut Output) -> R {
        let (from, to) = self.window();
        let source = self.source.clone();
        let r = self.report(out)?;
        let span = r.span();
        let period_from = from.or(span.map(|s| s.0));
        let period_to = to.or(span.map(|s| s.1));
        let show = |s: Option<Stamp>| {
            s.map(|s| s.to_string())
                .unwrap_or_else(|| "--/--/-- --:--:--".into())
        };
        let trans = r.transitions_in(from, to);
        let mut shown: Vec<String> = trans
            .iter()
            .map(|t| {
                let n = pe_number(&t.pe_file)
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                if t.tags.is_empty() {
                    n
                } else {
                    format!("{n}*")
                }
            })
            .collect();
        if shown.len() > 20 {
            shown = shown.split_off(shown.len() - 20);
            shown.insert(0, "...".into());
        }
        let text = [
            format!("Source: {source}"),
            format!("Created on: {}", r.created.clone().unwrap_or_default()),
            format!("By: {}", r.by.clone().unwrap_or_default()),
            format!("Period: {} - {}", show(period_from), show(period_to)),
            format!("Nodes: {}", r.nodes.join(" ")),
            format!(
                "Groups: {}",
                r.cib
                    .groups
                    .iter()
                    .map(|g| g.0.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            format!(
                "Clones: {}",
                r.cib
                    .clones
                    .iter()
                    .map(|g| g.0.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            format!("Resources: {}", r.cib.primitives.join(" ")),
            format!("Transitions: {}", shown.join(" ")),
        ];
        out.print(&text.join("\n"));
        Ok(())
    }

    fn kept(&self, line: &str) -> bool {
        !self.excludes.iter().any(|(_, r)| r.is_match(line))
    }

    /// Event lines: all types, or one type limited to some names.
    fn events(
        &mut self,
        kind: Option<super::history_log::EventKind>,
        names: &[&str],
        out: &mut Output,
    ) -> R {
        let (from, to) = self.window();
        self.events_between(kind, names, from, to, out)
    }

    fn events_between(
        &mut self,
        kind: Option<super::history_log::EventKind>,
        names: &[&str],
        from: Option<Stamp>,
        to: Option<Stamp>,
        out: &mut Output,
    ) -> R {
        let detail = self.detail;
        self.report(out)?;
        let r = self.report.as_ref().expect("opened");
        // The names are regexes, as crmsh takes them (`node .*`); a group
        // or clone stands for its primitives.
        let filter: Option<Vec<Regex>> = kind.filter(|_| !names.is_empty()).map(|k| {
            let expanded: Vec<String> = names
                .iter()
                .flat_map(|n| match k {
                    super::history_log::EventKind::Resource => r
                        .cib
                        .expand(n)
                        .iter()
                        .map(|p| {
                            if r.cib.is_cloned(p) {
                                r.cib.pattern_for(p)
                            } else {
                                p.clone()
                            }
                        })
                        .collect::<Vec<_>>(),
                    _ => vec![n.to_string()],
                })
                .collect();
            super::history_log::build_in(r.patterns, k, detail, &expanded)
        });
        // By type (errors, nodes, quorum, resources), each in time order,
        // a line as often as it was found: crmsh's listing.
        let idx: Vec<usize> = r
            .events
            .iter()
            .filter(|(k, _)| kind.is_none_or(|want| *k == want))
            .map(|&(_, i)| i)
            .collect();
        let mut text = String::new();
        for i in idx {
            let line = &r.lines[i];
            if !Report::in_window(line.stamp, from, to) || !self.kept(&line.text) {
                continue;
            }
            if let Some(rx) = &filter {
                if !rx.iter().any(|x| x.is_match(&line.text)) {
                    continue;
                }
            }
            text.push_str(&line.text);
            text.push('\n');
        }
        out.print(&text);
        Ok(())
    }

    fn log(
        &mut self,
        nodes: &[&str],
        window: Option<(Stamp, Option<Stamp>)>,
        out: &mut Output,
    ) -> R {
        let (from, to) = match window {
            Some((f, t)) => (Some(f), t),
            None => self.window(),
        };
        self.report(out)?;
        let r = self.report.as_ref().expect("opened");
        let mut text = String::new();
        for line in &r.lines {
            if !nodes.is_empty()
                && !nodes.contains(&line.from.as_str())
                && !nodes.contains(&line.node.as_str())
            {
                continue;
            }
            if Report::in_window(line.stamp, from, to) && self.kept(&line.text) {
                text.push_str(&line.text);
                text.push('\n');
            }
        }
        out.print(&text);
        Ok(())
    }

    fn transitions(&mut self, out: &mut Output) -> R {
        let (from, to) = self.window();
        let r = self.report(out)?;
        let mut text = format!("{:<30}  {:<15} {:<15} Tags\n", "Time", "Name", "Node");
        for t in r.transitions_in(from, to) {
            text.push_str(&describe(t));
            text.push('\n');
        }
        out.print(&text);
        Ok(())
    }

    fn peinputs(&mut self, args: &[&str], out: &mut Output) -> R {
        let verbose = args.contains(&"v");
        let mut ranges: Vec<(u64, u64)> = Vec::new();
        for a in args.iter().filter(|a| **a != "v") {
            let parts: Vec<&str> = a.split(':').collect();
            let nums: Option<Vec<u64>> = parts.iter().map(|p| p.parse().ok()).collect();
            match nums.as_deref() {
                Some([n]) => ranges.push((*n, *n)),
                Some([a, b]) if a <= b => ranges.push((*a, *b)),
                _ => {
                    return Err(misuse(crate::notice::Misuse::BadPeinputsRange {
                        range: a.to_string(),
                    })
                    .into())
                }
            }
        }
        let (from, to) = self.window();
        let r = self.report(out)?;
        let mut lines = Vec::new();
        if verbose {
            lines.push("Date       Start    End       Filename      Client     User       Origin      Tags".to_string());
            lines.push("====       =====    ===       ========      ======     ====       ======      ====".to_string());
        }
        for t in r.transitions_in(from, to) {
            let n = pe_number(&t.pe_file).unwrap_or(u64::MAX);
            if !ranges.is_empty() && !ranges.iter().any(|(a, b)| (*a..=*b).contains(&n)) {
                continue;
            }
            let path = t.path(&r.dir);
            if verbose {
                let attrs = cib_attributes(&path);
                lines.push(format!(
                    "{} {} {}  {:<13} {:<10} {:<10} {}   {}",
                    t.start.date(),
                    t.start.time(),
                    t.end.map(|e| e.time()).unwrap_or_else(|| "--:--:--".into()),
                    t.short_name(),
                    attrs.0,
                    attrs.1,
                    attrs.2,
                    t.tags.iter().cloned().collect::<Vec<_>>().join(" ")
                ));
            } else {
                lines.push(path.display().to_string());
            }
        }
        if lines.is_empty() {
            return Err(Error::new(ErrorKind::NoTransitions).into());
        }
        out.print(&lines.join("\n"));
        Ok(())
    }

    /// A pe-input by `pe-…` path part, number (`16`), index from the end
    /// (`0` the last, `-1` the one before), or the last when none given.
    fn pe(
        &mut self,
        spec: Option<&str>,
        out: &mut Output,
    ) -> std::result::Result<PathBuf, Failure> {
        let r = self.report(out)?;
        let all = r.pe_files();
        let not_found =
            |s: &str| Failure::from(Error::new(ErrorKind::PeNotFound { spec: s.into() }));
        let Some(spec) = spec else {
            return all
                .last()
                .cloned()
                .ok_or_else(|| Error::new(ErrorKind::NoTransitions).into());
        };
        if spec.contains("pe-") {
            let hits: Vec<&PathBuf> = all
                .iter()
                .filter(|p| p.display().to_string().contains(spec))
                .collect();
            return match hits.as_slice() {
                [one] => Ok((*one).clone()),
                [] => Err(not_found(spec)),
                _ => Err(Error::new(ErrorKind::PeAmbiguous { spec: spec.into() }).into()),
            };
        }
        match spec.parse::<i64>() {
            Ok(n) if n <= 0 => {
                let back = (-n) as usize + 1;
                if back > all.len() {
                    if all.is_empty() {
                        return Err(Error::new(ErrorKind::NoTransitions).into());
                    }
                    return Err(not_found(spec));
                }
                Ok(all[all.len() - back].clone())
            }
            Ok(n) => {
                let hits = r.by_number(n as u64);
                match hits.as_slice() {
                    [one] => Ok(one.path(&r.dir)),
                    [] => Err(not_found(spec)),
                    _ => Err(Error::new(ErrorKind::PeAmbiguous { spec: spec.into() }).into()),
                }
            }
            Err(_) => Err(not_found(spec)),
        }
    }

    fn transition(&mut self, args: &[&str], out: &mut Output) -> R {
        let (sub, rest) = match args.split_first() {
            Some((s, rest)) if ["showdot", "log", "save", "tags"].contains(s) => (*s, rest),
            _ => ("show", args),
        };
        let options = ["nograph", "scores", "actions", "utilization"];
        let (opts, specs): (Vec<&str>, Vec<&str>) = rest
            .iter()
            .partition(|w| sub == "show" && (options.contains(w) || w.chars().all(|c| c == 'v')));
        let too_many = match sub {
            "save" => specs.len() > 2,
            _ => specs.len() > 1,
        };
        if too_many {
            return Err(usage(
                &crate::notice::Misuse::TooManyArguments {
                    cmd: format!("transition {sub}"),
                }
                .to_string(),
            )
            .into());
        }
        let pe = self.pe(specs.first().copied(), out)?;
        let r = self.report.as_ref().expect("opened");
        let t = r.transition_of(&pe).cloned();
        let Some(t) = t else {
            return Err(Error::new(ErrorKind::PeNotFound {
                spec: pe.display().to_string(),
            })
            .into());
        };
        match sub {
            "tags" => {
                let tags: Vec<String> = t.tags.iter().cloned().collect();
                out.print(&if tags.is_empty() {
                    "No tags.".to_string()
                } else {
                    tags.join(" ")
                });
                Ok(())
            }
            "log" => self.log(&[], Some((t.start, t.end)), out),
            "save" => {
                let name = specs
                    .get(1)
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| t.short_name().to_string());
                let text = read_pe(&pe)?;
                let target = super::shadow_dir().join(format!("shadow.{name}"));
                std::fs::write(&target, text).map_err(|e| io(&target, e))?;
                out.info(
                    &crate::notice::Said::TransitionSaved {
                        pe: pe.display().to_string(),
                        name: name.to_string(),
                    }
                    .to_string(),
                );
                Ok(())
            }
            "showdot" => {
                let work = TempDir::new()?;
                let dot = work.path.join("transition.dot");
                Call::new("crm_simulate")
                    .args(["-x", &pe.display().to_string(), "-S", "-D"])
                    .arg(dot.display().to_string())
                    .without_env("CIB_file")
                    .run_ok()?;
                let text = std::fs::read_to_string(&dot).map_err(|e| io(&dot, e))?;
                out.print(&text);
                Ok(())
            }
            _ => {
                out.info(
                    &crate::notice::Said::RunningPtest {
                        pe: pe.display().to_string(),
                    }
                    .to_string(),
                );
                self.simulate(&pe, &opts, out)?;
                out.print(&transition_info(&t));
                self.events_between(None, &[], Some(t.start), t.end, out)
            }
        }
    }

    /// crm_simulate on a pe-input, as crmsh runs it for `transition`: the
    /// pe-input on stdin, `-VV` unless told otherwise, both streams shown
    /// as one. crmsh's transcript (`-R`) names the command and drops
    /// what it printed.
    fn simulate(&self, pe: &Path, opts: &[&str], out: &mut Output) -> R {
        let request = super::configure_simulate::Request {
            nograph: opts.contains(&"nograph"),
            scores: opts.contains(&"scores"),
            utilization: opts.contains(&"utilization"),
            actions: opts.contains(&"actions"),
            verbosity: opts
                .iter()
                .rev()
                .find(|o| o.starts_with('v'))
                .map(|v| v.len())
                .unwrap_or(2),
        };
        let graph = super::transition_graph::Graph::prepare(request.nograph)?;
        let mut args = super::configure_simulate::arguments(&request);
        args.extend(graph.arguments());
        let actions = if request.actions {
            " | grep LogActions: | grep -vw Leave"
        } else {
            ""
        };
        crate::regression::external(&format!(
            ">/dev/null 2>&1 crm_simulate {}{actions}",
            args.join(" ")
        ));
        let result = Call::new("crm_simulate")
            .args(args)
            .without_env("CIB_file")
            .without_env("CIB_shadow")
            .stdin(read_pe(pe)?)
            .run()?;
        let text = format!("{}{}", result.stderr, result.stdout);
        let shown: Vec<&str> = if request.actions {
            text.lines()
                .filter(|l| {
                    l.contains("LogActions:") && !l.split_whitespace().any(|w| w == "Leave")
                })
                .collect()
        } else {
            text.lines().collect()
        };
        // With `actions` the status is grep's, which saw nothing in the
        // transcript (crmsh sends the output to /dev/null there).
        let quiet = crate::regression::enabled();
        let failed = match result.code {
            _ if request.actions => {
                (quiet || shown.is_empty()).then(|| crate::notice::Told::NoActions.to_string())
            }
            Some(0) => None,
            code => Some(
                crate::notice::Told::SimulationFailed {
                    code: code
                        .map(|c| c.to_string())
                        .unwrap_or_else(|| "signal".into()),
                }
                .to_string(),
            ),
        };
        if let Some(w) = failed {
            out.warning(&w);
        }
        graph.show(out);
        if !quiet && !shown.is_empty() {
            out.print(&shown.join("\n"));
        }
        Ok(())
    }

    /// A pe-input (or `live`) rendered as crm text or as crm_mon shows it.
    fn render(
        &mut self,
        spec: &str,
        status: bool,
        out: &mut Output,
    ) -> std::result::Result<String, Failure> {
        let xml = if spec == "live" {
            let backend = super::backend()?;
            backend.read()?.to_xml()
        } else {
            let pe = self.pe(Some(spec), out)?;
            if status {
                let o = Call::new("crm_mon")
                    .arg("-1")
                    .with_env("CIB_file", &pe.display().to_string())
                    .run_ok()?;
                return Ok(o.stdout);
            }
            read_pe(&pe)?
        };
        if status {
            let o = Call::new("crm_mon")
                .arg("-1")
                .without_env("CIB_file")
                .run_ok()?;
            return Ok(o.stdout);
        }
        let cib = crate::cib::Cib::parse(&xml)?;
        Ok(super::configure::show_text(&cib, None))
    }

    fn show(&mut self, spec: &str, rest: &[&str], out: &mut Output) -> R {
        let status = match rest {
            [] => false,
            ["status"] => true,
            other => {
                return Err(usage(
                    &crate::notice::Misuse::Unexpected {
                        cmd: "show",
                        what: other.join(" "),
                    }
                    .to_string(),
                )
                .into())
            }
        };
        let text = self.render(spec, status, out)?;
        out.print(&text);
        Ok(())
    }

    fn diff(&mut self, a: &str, b: &str, rest: &[&str], words: bool, out: &mut Output) -> R {
        let mut status = false;
        let mut html = false;
        for w in rest {
            match *w {
                "status" => status = true,
                "html" if !words => html = true,
                other => {
                    return Err(usage(
                        &crate::notice::Misuse::Unexpected {
                            cmd: "diff",
                            what: other.to_string(),
                        }
                        .to_string(),
                    )
                    .into())
                }
            }
        }
        let left = self.render(a, status, out)?;
        let right = self.render(b, status, out)?;
        let work = TempDir::new()?;
        let (fa, fb) = (work.path.join("a"), work.path.join("b"));
        std::fs::write(&fa, &left).map_err(|e| io(&fa, e))?;
        std::fs::write(&fb, &right).map_err(|e| io(&fb, e))?;
        let call = if words {
            Call::new("wdiff")
                .arg(fa.display().to_string())
                .arg(fb.display().to_string())
        } else {
            Call::new("diff")
                .args(["-U", "0", "-d", "-b", "--label", a, "--label", b])
                .arg(fa.display().to_string())
                .arg(fb.display().to_string())
        };
        let o = call.run()?;
        // diff and wdiff exit 1 when the texts differ
        if o.code.unwrap_or(2) > 1 {
            return Err(call.failure(&o).into());
        }
        if html {
            out.print(&html_table(&o.stdout, a, b));
        } else {
            out.print(&o.stdout);
        }
        Ok(())
    }

    fn graph(&mut self, spec: &str, rest: &[&str], out: &mut Output) -> R {
        let xml = if spec == "live" {
            super::backend()?.read()?.to_xml()
        } else {
            let pe = self.pe(Some(spec), out)?;
            read_pe(&pe)?
        };
        let cib = crate::cib::Cib::parse(&xml)?;
        let dot = super::history_graph::dot(cib.configuration());
        match rest {
            [] | ["dot"] => {
                out.print(&dot);
                Ok(())
            }
            [_, file] => {
                std::fs::write(file, &dot).map_err(|e| io(Path::new(file), e))?;
                Ok(())
            }
            [_, file, format] => {
                Call::new("dot")
                    .arg(format!("-T{format}"))
                    .arg("-o")
                    .arg(*file)
                    .stdin(dot)
                    .run_ok()?;
                Ok(())
            }
            _ => Err(misuse(crate::notice::Misuse::Form {
                usage: "graph <pe> [<gtype> [<file> [<img_format>]]]",
            })
            .into()),
        }
    }

    fn latest(&mut self, out: &mut Output) -> R {
        super::status::wait_for_idle(out)?;
        self.source = "live".into();
        self.report = None;
        self.collected = None;
        let pe = self.pe(None, out)?;
        let r = self.report.as_ref().expect("opened");
        let Some(t) = r.transition_of(&pe).cloned() else {
            return Err(Error::new(ErrorKind::NoTransitions).into());
        };
        out.print(&transition_info(&t));
        self.events_between(None, &[], Some(t.start), t.end, out)
    }
}

fn describe(t: &Transition) -> String {
    format!(
        "{} {} - {}: {:<15} {:<15} {}",
        t.start.date(),
        t.start.time(),
        t.end.map(|e| e.time()).unwrap_or_else(|| "--:--:--".into()),
        t.short_name(),
        t.dc,
        t.tags.iter().cloned().collect::<Vec<_>>().join(" ")
    )
}

/// `Transition n2:pe-warn-0 (19:26:30 - 19:26:31):` and its action counts.
fn transition_info(t: &Transition) -> String {
    match t.end {
        Some(end) => {
            let counts: Vec<String> = t
                .actions
                .iter()
                .map(|(name, n)| format!("{n} {name}"))
                .collect();
            format!(
                "Transition {} ({} - {}):\n\ttotal {} actions: {}",
                t.name(),
                t.start.time(),
                end.time(),
                t.total_actions(),
                counts.join(", ")
            )
        }
        None => format!(
            "Transition {} ({} - [unfinished])",
            t.name(),
            t.start.time()
        ),
    }
}

/// `update-client`, `update-user`, `update-origin` of a pe-input's `<cib>`.
fn cib_attributes(path: &Path) -> (String, String, String) {
    let text = read_pe(path).unwrap_or_default();
    let head = text
        .find("<cib")
        .and_then(|at| text[at..].find('>').map(|end| &text[at..at + end]))
        .unwrap_or("");
    let attr = |name: &str, missing: &str| {
        let key = format!(" {name}=\"");
        head.find(&key)
            .map(|i| {
                let v = &head[i + key.len()..];
                v[..v.find('"').unwrap_or(v.len())].to_string()
            })
            .unwrap_or_else(|| missing.to_string())
    };
    (
        attr("update-client", "no-client"),
        attr("update-user", "no-user"),
        attr("update-origin", "no-origin"),
    )
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The unified diff as an HTML table (what `diff … html` prints).
fn html_table(diff: &str, a: &str, b: &str) -> String {
    let mut s = format!(
        "<table class=\"diff\">\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        html_escape(a),
        html_escape(b)
    );
    for line in diff.lines().skip(2) {
        let (l, r) = match line.chars().next() {
            Some('-') => (html_escape(&line[1..]), String::new()),
            Some('+') => (String::new(), html_escape(&line[1..])),
            _ => (html_escape(line), html_escape(line)),
        };
        s.push_str(&format!("<tr><td>{l}</td><td>{r}</td></tr>\n"));
    }
    s.push_str("</tbody>\n</table>\n");
    s
}

/// A word as crmsh quotes it for a shell: bare when nothing in it is
/// special.
fn shell_word(word: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "_@%+=:,./-".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\"'\"'"))
    }
}

/// Unpacks a report archive beside itself, as crmsh does, and returns
/// the report's top directory (`history-test.tar.bz2` →
/// `history-test`, or the archive's own top directory when that is
/// named otherwise). A directory there that is not older than the
/// archive by a minute is taken as unpacked already.
fn unpack(archive: &Path) -> std::result::Result<PathBuf, Failure> {
    let not_a_report = || {
        Failure::from(Error::new(ErrorKind::NotAReport {
            path: archive.display().to_string(),
        }))
    };
    let name = archive
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, flag) = [
        (".tar.bz2", "j"),
        (".tar.gz", "z"),
        (".tar.xz", "J"),
        (".tgz", "z"),
        (".tar", ""),
    ]
    .iter()
    .find_map(|(ext, flag)| name.strip_suffix(ext).map(|s| (s.to_string(), *flag)))
    .ok_or_else(not_a_report)?;
    let parent = archive
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf);
    let mut loc = parent
        .as_ref()
        .map(|p| p.join(&stem))
        .unwrap_or_else(|| PathBuf::from(&stem));
    let mtime = |p: &Path| {
        std::fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs() as i64)
    };
    if loc.is_dir() {
        if let (Some(a), Some(d)) = (mtime(archive), mtime(&loc)) {
            if a - d < 60 {
                return is_report(&loc).then_some(loc).ok_or_else(not_a_report);
            }
        }
        std::fs::remove_dir_all(&loc).map_err(|e| io(&loc, e))?;
    }
    let quoted = shell_word(&name);
    crate::regression::external(&format!("tar -t{flag} < {quoted} 2> /dev/null | head -1"));
    let list = Call::new("tar")
        .arg(format!("-t{flag}f"))
        .arg(archive.display().to_string())
        .run_ok()?;
    let top = list
        .stdout
        .lines()
        .next()
        .map(|l| l.trim_start_matches("./").trim_end_matches('/'))
        .and_then(|l| l.split('/').next())
        .filter(|t| !t.is_empty() && *t != "." && *t != "..")
        .map(String::from);
    if let Some(top) = top.filter(|t| *t != stem) {
        loc = parent
            .as_ref()
            .map(|p| p.join(&top))
            .unwrap_or_else(|| PathBuf::from(&top));
    }
    crate::regression::external(&format!("tar -x{flag} < {quoted}"));
    let mut tar = Call::new("tar");
    if let Some(p) = &parent {
        tar = tar.arg("-C").arg(p.display().to_string());
    }
    tar.arg("--no-same-owner")
        .arg(format!("-x{flag}f"))
        .arg(archive.display().to_string())
        .run_ok()?;
    if !is_report(&loc) {
        return Err(not_a_report());
    }
    // crmsh writes its scan's cache into the report, which makes the
    // directory newer than the archive; mark it so too, or the next
    // session would unpack it all over again.
    if let Ok(dir) = std::fs::File::open(&loc) {
        let _ = dir.set_modified(std::time::SystemTime::now());
    }
    Ok(loc)
}

/// One-shot `crm history …`.
pub fn run(words: &[&str], out: &mut Output) -> R {
    History::new().run(words, out)
}
