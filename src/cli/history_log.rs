//! Reading the cluster's logs for `history`: which lines start and end a
//! transition (a pe-input the DC computed and then executed), and which
//! lines are events about a resource, a node, quorum, or errors.
//!
//! Two pattern sets, chosen as crmsh chooses them by the Pacemaker that
//! wrote the report (the `dc-version` in its CIB): one for Pacemaker
//! before 1.1.8, whose lrmd logged `rsc:NAME start[4]` and whose corosync
//! plugin logged `pcmk_peer_update`, and one for 1.1.8 and later, which
//! also knows Pacemaker 2's daemon names (pacemaker-controld, -schedulerd,
//! -execd, -fenced, -attrd). `%%` stands for the names asked about
//! (resources or nodes).

use regex::Regex;

/// Which Pacemaker's log messages to look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternSet {
    /// Pacemaker before 1.1.8 (heartbeat-era lrmd, corosync plugin).
    Old,
    /// Pacemaker 1.1.8 and later, Pacemaker 2 included.
    Modern,
}

impl PatternSet {
    /// The set for a report whose CIB is `cib_text`. crmsh reads the
    /// version the way it does (the `dc-version` line of the first
    /// `cluster_property_set`) and assumes 1.1.11 when there is none, so a
    /// CIB without it gets the modern set.
    pub fn of_cib(cib_text: &str) -> PatternSet {
        let version = dc_version(cib_text).unwrap_or_else(|| "1.1.11".into());
        if version_at_least(&version, &[1, 1, 8]) {
            PatternSet::Modern
        } else {
            PatternSet::Old
        }
    }
}

/// The `dc-version` value, looked up line by line inside the first
/// `cluster_property_set` only (a `dc-version` anywhere else is not the
/// cluster's).
fn dc_version(cib_text: &str) -> Option<String> {
    let mut inside = false;
    for line in cib_text.lines() {
        if !inside {
            inside = line.contains("<cluster_property_set");
            continue;
        }
        if line.contains("</cluster_property_set") {
            return None;
        }
        if line.contains("name=\"dc-version\"") {
            let v = &line[line.find("value=\"")? + 7..];
            return Some(v[..v.find('"')?].to_string());
        }
    }
    None
}

/// `1.1.7-77eeb09` against `[1, 1, 8]`: the leading dotted numbers
/// decide; a version equal to the minimum with more after it is newer.
fn version_at_least(version: &str, min: &[u64]) -> bool {
    let numbers: Vec<u64> = version
        .split(|c: char| !c.is_ascii_digit() && c != '.')
        .next()
        .unwrap_or("")
        .split('.')
        .map_while(|n| n.parse().ok())
        .collect();
    numbers.as_slice() >= min
}

/// Event patterns by type; index 0 is detail level 0, index 1 adds detail 1.
pub fn patterns(set: PatternSet, kind: EventKind) -> [&'static [&'static str]; 2] {
    match set {
        PatternSet::Old => old_patterns(kind),
        PatternSet::Modern => modern_patterns(kind),
    }
}

/// What Pacemaker 1.1.7 and before logged (crmsh's older set).
fn old_patterns(kind: EventKind) -> [&'static [&'static str]; 2] {
    match kind {
        EventKind::Resource => [
            &[
                r"lrmd.*%% (?:start|stop|promote|demote|migrate)",
                r"lrmd.*RA output: .%%:.*:stderr",
                r"lrmd.*WARN: Managed %%:.*exited",
                r"lrmd.*WARN: .* %% .*timed out$",
                r"crmd.*LRM operation %%_(?:start|stop|promote|demote|migrate)_.*confirmed=true",
                r"crmd.*LRM operation %%_.*Timed Out",
                r"[(]%%[)]\[",
            ],
            &[r"lrmd.*%% (?:probe|notify)", r"lrmd.*Managed %%:.*exited"],
        ],
        EventKind::Node => [
            &[
                r" %% .*Corosync.Cluster.Engine",
                r" %% .*Executive.Service.RELEASE",
                r" %% .*Requesting.shutdown",
                r" %% .*Shutdown.complete",
                r" %% .*Configuration.validated..Starting.heartbeat",
                r"pengine.*Scheduling Node %% for STONITH",
                r"crmd.* of %% failed",
                r"stonith-ng.*host '%%'",
                r"Exec.*on %% ",
                r"Node %% will be fenced",
                r"stonith-ng.*for %% timed",
                r"stonith-ng.*can not fence %%:",
                r"stonithd.*Succeeded.*node %%:",
                r"(?:lost|memb): %% ",
                r"crmd.*(?:NEW|LOST):.* %% ",
                r"Node return implies stonith of %% ",
            ],
            &[],
        ],
        EventKind::Quorum => [
            &[
                r"crmd.*Updating.quorum.status",
                r"crmd.*quorum.(?:lost|ac?quir)",
            ],
            &[],
        ],
        EventKind::Events => [&[r"CRIT:", r"ERROR:"], &[r"WARN:"]],
    }
}

/// Pacemaker 1.1.8 and later, with Pacemaker 2's daemon names.
fn modern_patterns(kind: EventKind) -> [&'static [&'static str]; 2] {
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

/// [`build_in`] the modern set: what a live cluster of today logs.
pub fn build(kind: EventKind, detail: u8, names: &[String]) -> Vec<Regex> {
    build_in(PatternSet::Modern, kind, detail, names)
}

/// The regexes of one event type up to `detail`, `%%` replaced by an
/// alternation of `names` (regexes themselves: clone instances are
/// `name(?::[0-9]+)?`) or, without names, by anything.
pub fn build_in(set: PatternSet, kind: EventKind, detail: u8, names: &[String]) -> Vec<Regex> {
    let fill = if names.is_empty() {
        String::new()
    } else {
        format!("({})", names.join("|"))
    };
    patterns(set, kind)
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
    fn the_cib_s_pacemaker_picks_the_patterns() {
        let cib = |v: &str| {
            format!(
                "<cib>\n  <configuration>\n    <crm_config>\n      <cluster_property_set id=\"cib-bootstrap-options\">\n        <nvpair id=\"o-dc-version\" name=\"dc-version\" value=\"{v}\"/>\n      </cluster_property_set>\n"
            )
        };
        assert_eq!(
            PatternSet::of_cib(&cib("1.1.7-77eeb099a5")),
            PatternSet::Old
        );
        assert_eq!(PatternSet::of_cib(&cib("1.1.8-1.el6")), PatternSet::Modern);
        assert_eq!(PatternSet::of_cib(&cib("1.1.12")), PatternSet::Modern);
        assert_eq!(
            PatternSet::of_cib(&cib("2.1.5-a3f44794f94")),
            PatternSet::Modern
        );
        assert_eq!(PatternSet::of_cib(&cib("1.0.12")), PatternSet::Old);
        // no version: crmsh assumes 1.1.11
        assert_eq!(PatternSet::of_cib("<cib/>"), PatternSet::Modern);
    }

    #[test]
    fn old_pacemaker_s_lrmd_and_membership_lines() {
        let rsc = build_in(PatternSet::Old, EventKind::Resource, 0, &["d1".to_string()]);
        let node = build_in(PatternSet::Old, EventKind::Node, 0, &["xen-d".to_string()]);
        let lrmd = "Dec 14 20:07:19 xen-d lrmd: [5657]: info: rsc:d1 start[4] (pid 5833)";
        let te = "Dec 14 20:07:19 xen-e crmd: [24228]: info: te_rsc_command: Initiating action 9: start d1_start_0 on xen-d";
        let memb = "Dec 14 20:06:36 xen-d corosync[5649]:  [pcmk  ] info: pcmk_peer_update: memb: xen-d 906822154";
        assert!(rsc.iter().any(|r| r.is_match(lrmd)));
        assert!(!rsc.iter().any(|r| r.is_match(te)));
        assert!(node.iter().any(|r| r.is_match(memb)));
        let modern = build(EventKind::Resource, 0, &["d1".to_string()]);
        assert!(modern.iter().any(|r| r.is_match(te)));
        assert!(!modern.iter().any(|r| r.is_match(lrmd)));
    }

    #[test]
    fn pe_numbers() {
        assert_eq!(pe_number("pe-input-16.bz2"), Some(16));
        assert_eq!(pe_number("pe-warn-0.bz2"), Some(0));
        assert_eq!(pe_number("cib.xml"), None);
    }
}
