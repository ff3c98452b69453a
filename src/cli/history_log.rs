//! Reading the cluster's logs for `history`: which lines start and end a
//! transition (a pe-input the DC computed and then executed), and which
//! lines are events about a resource, a node, quorum, or errors.
//!
//! The patterns know Pacemaker 2's daemon names (pacemaker-controld,
//! -schedulerd, -execd, -fenced, -attrd) as well as the 1.1 names crmsh 4.4
//! looks for (crmd, pengine, lrmd, stonith-ng), so logs of either work.
//! `%%` stands for the names asked about (resources or nodes).

use regex::Regex;

/// Event patterns by type; index 0 is detail level 0, index 1 adds detail 1.
pub fn patterns(kind: EventKind) -> [&'static [&'static str]; 2] {
    match kind {
        EventKind::Resource => [
            &[
                r"(?:crmd|pacemaker-controld).*Initiating (?:start|stop|promote|demote|migrate_to|migrate_from) operation %%_",
                r"(?:crmd|pacemaker-controld).*Initiating.*%%_(?:start|stop|promote|demote|migrate_to|migrate_from)_",
                r"(?:crmd|pacemaker-controld).*Result of (?:start|stop|promote|demote|migrate_to|migrate_from) operation for %% on",
                r"(?:crmd|pacemaker-controld).*Result of monitor operation for %% on \S+: (?:not running|error|failed|Timed Out|invalid parameter|not configured|not installed|insufficient privileges|unimplemented feature|unknown)",
                r"(?:crmd|pacemaker-controld).*LRM operation %%_(?:start|stop|promote|demote|migrate)_.*confirmed=true",
                r"(?:pengine|pacemaker-schedulerd).*Forcing %% away from",
                r"(?:pengine|pacemaker-schedulerd).*Actions: \S+\s+%%\s",
                r"(?:attrd|pacemaker-attrd).*Setting fail-count-%%#.*from",
                r"[(]%%[)]\[",
            ],
            &[
                r"(?:crmd|pacemaker-controld).*Initiating (?:monitor|notify) operation %%_(?:monitor_0|.*notify)",
                r"(?:crmd|pacemaker-controld).*Result of (?:probe|notify) operation for %% on",
                r"(?:lrmd|pacemaker-execd).*executing - rsc:%% action:",
            ],
        ],
        EventKind::Node => [
            &[
                r"(?:pengine|pacemaker-schedulerd).*(?:Scheduling|Cluster) [Nn]ode %% (?:for STONITH|will be fenced)",
                r"(?:pengine|pacemaker-schedulerd).*Node %% will be fenced",
                r"(?:crmd|pacemaker-controld).*Requesting fencing \(\S+\) (?:of node|targeting) %%\b",
                r"(?:crmd|pacemaker-controld).*Peer %% was (?:not )?terminated",
                r"(?:stonith-ng|pacemaker-fenced).*Requesting that \S+ perform '\S+' action targeting %% using",
                r"(?:stonith-ng|pacemaker-fenced).*Operation '\S+' (?:\[\d+\] )?targeting %% (?:using \S+ returned|by \S+ for .*: )",
                r"(?:stonith-ng|pacemaker-fenced).*can not fence (?:\(\S+\) )?%%",
                r"(?:crmd|pacemaker-controld).*Node %% state is now (?:lost|member)",
                r" %% (?:pacemakerd|corosync).*(?:Shutdown complete|Starting Pacemaker|Corosync Cluster Engine)",
                r"(?:crmd|pacemaker-controld).*(?:NEW|LOST):.* %% ",
                r"Node return implies stonith of %% ",
            ],
            &[],
        ],
        EventKind::Quorum => [
            &[
                r"(?:crmd|pacemaker-controld).*Updating (quorum) status",
                r"(?:crmd|pacemaker-controld).*[Qq]uorum (?:lost|acquired|ac?quir\S*)",
            ],
            &[],
        ],
        EventKind::Events => [
            &[r"(CRIT|crit|ERROR|error|UNCLEAN|unclean):"],
            &[r"(WARN|warning):"],
        ],
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    Events,
    Node,
    Quorum,
    Resource,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::Events,
        EventKind::Node,
        EventKind::Quorum,
        EventKind::Resource,
    ];
}

/// The regexes of one event type up to `detail`, `%%` replaced by an
/// alternation of `names` (regexes themselves: clone instances are
/// `name(?::[0-9]+)?`) or, without names, by anything.
pub fn build(kind: EventKind, detail: u8, names: &[String]) -> Vec<Regex> {
    let fill = if names.is_empty() {
        String::new()
    } else {
        format!("({})", names.join("|"))
    };
    patterns(kind)
        .iter()
        .take(detail as usize + 1)
        .flat_map(|level| level.iter())
        .filter_map(|p| {
            let p = p.replace("%%", &fill);
            let p = if names.is_empty() {
                p.replace(".*.*", ".*")
            } else {
                p
            };
            Regex::new(&p).ok()
        })
        .collect()
}

/// A transition's first line: the controller took a graph from a pe file.
pub struct TransitionStart {
    pub pe_file: String,
}

/// A transition's last line: its action counts and how it ended.
pub struct TransitionEnd {
    pub pe_file: String,
    pub actions: Vec<(String, u32)>,
    pub state: String,
}

pub struct Markers {
    start: Regex,
    start_old: Regex,
    end: Regex,
    counts: Regex,
}

impl Markers {
    pub fn new() -> Markers {
        let re = |p: &str| Regex::new(p).expect("fixed pattern");
        Markers {
            start: re(
                r"(?:crmd|pacemaker-controld).*Processing graph ([0-9]+).*derived from (\S*/(pe-[^-/]+-[0-9]+\.bz2))",
            ),
            start_old: re(r"pengine.*[Tt]ransition ([0-9]+).*?(\S*/(pe-[^-/]+-[0-9]+\.bz2))"),
            end: re(
                r"(?:crmd|pacemaker-controld).*Transition ([0-9]+) \((.*)Source=(\S*/(pe-[^-/]+-[0-9]+\.bz2))\S*: *(Stopped|Complete|Terminated)",
            ),
            counts: re(r"([A-Z][a-z]+)=([0-9]+)"),
        }
    }

    pub fn start(&self, line: &str) -> Option<TransitionStart> {
        let c = self
            .start
            .captures(line)
            .or_else(|| self.start_old.captures(line))?;
        Some(TransitionStart {
            pe_file: c[3].to_string(),
        })
    }

    pub fn end(&self, line: &str) -> Option<TransitionEnd> {
        let c = self.end.captures(line)?;
        let actions = self
            .counts
            .captures_iter(&c[2])
            .filter_map(|a| {
                let n: u32 = a[2].parse().ok()?;
                (n > 0).then(|| (a[1].to_string(), n))
            })
            .collect();
        Some(TransitionEnd {
            pe_file: c[4].to_string(),
            actions,
            state: c[5].to_string(),
        })
    }
}

impl Default for Markers {
    fn default() -> Self {
        Markers::new()
    }
}

/// `pe-input-16.bz2` → 16.
pub fn pe_number(pe_file: &str) -> Option<u64> {
    let stem = pe_file.strip_suffix(".bz2").unwrap_or(pe_file);
    stem.rsplit('-').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: &str = "Dec 01 19:26:30.228 n2 pacemaker-controld  [5835] (do_te_invoke) \tinfo: Processing graph 16 (ref=pe_calc-pacemaker-controld-1796153190-100) derived from /var/lib/pacemaker/pengine/pe-warn-0.bz2";
    const END: &str = "Dec 01 19:26:31.744 n2 pacemaker-controld  [5835] (pcmk__execute_graph) \tnotice: Transition 16 (Complete=17, Pending=0, Fired=0, Skipped=0, Incomplete=0, Source=/var/lib/pacemaker/pengine/pe-warn-0.bz2): Complete";

    #[test]
    fn transition_markers_of_pacemaker_2() {
        let m = Markers::new();
        let s = m.start(START).expect("start");
        assert_eq!(s.pe_file, "pe-warn-0.bz2");
        let e = m.end(END).expect("end");
        assert_eq!(e.state, "Complete");
        assert_eq!(e.actions, vec![("Complete".to_string(), 17)]);
        assert!(m.start(END).is_none());
        assert!(m.end(START).is_none());
    }

    #[test]
    fn node_events_name_the_node() {
        let rx = build(EventKind::Node, 0, &["n1".to_string()]);
        let fenced = "Dec 01 19:26:31.308 n2 pacemaker-controld  [5835] (handle_fence_notification) \tnotice: Peer n1 was terminated (reboot) by n2 on behalf of pacemaker-controld.5835@n2: OK";
        let hit = rx.iter().find_map(|r| r.captures(fenced)).expect("matches");
        assert_eq!(&hit[1], "n1");
        let other = fenced.replace("Peer n1", "Peer n3");
        assert!(rx.iter().all(|r| !r.is_match(&other)));
    }

    #[test]
    fn resource_events_and_detail() {
        let names = ["prmPg".to_string()];
        let d0 = build(EventKind::Resource, 0, &names);
        let d1 = build(EventKind::Resource, 1, &names);
        let probe = "Dec 01 19:44:45.000 n1 pacemaker-controld  [1] (log_executor_event) \tnotice: Result of probe operation for prmPg on n1: not running";
        let start = "Dec 01 19:44:47.000 n1 pacemaker-controld  [1] (log_executor_event) \tnotice: Result of start operation for prmPg on n1: ok";
        let ok_monitor = "Dec 01 19:44:47.000 n1 pacemaker-controld  [1] (log_executor_event) \tnotice: Result of monitor operation for prmPg on n1: ok";
        let bad_monitor = ok_monitor.replace(": ok", ": not running");
        assert!(d0.iter().any(|r| r.is_match(start)));
        assert!(d0.iter().any(|r| r.is_match(&bad_monitor)));
        assert!(!d0.iter().any(|r| r.is_match(ok_monitor)));
        assert!(!d0.iter().any(|r| r.is_match(probe)));
        assert!(d1.iter().any(|r| r.is_match(probe)));
    }

    #[test]
    fn pe_numbers() {
        assert_eq!(pe_number("pe-input-16.bz2"), Some(16));
        assert_eq!(pe_number("pe-warn-0.bz2"), Some(0));
        assert_eq!(pe_number("cib.xml"), None);
    }
}
