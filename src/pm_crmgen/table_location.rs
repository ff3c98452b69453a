//! LOCATION table, the simple 1.x style (spec §7.8): `score:S` columns of node
//! names, `ping:`/`pingd:`/`diskd:` switches and the constraints they imply.

use super::columns::Columns;
use super::messages::Msg;
use super::model::{Entry, LocRule, LocRuleKind, Part, SimpleLocation};
use super::processor::{Flow, Processor};
use super::sheet::Row;
use super::table_constraints::ConstraintKind;
use super::text::py_split;
use super::values::{parse_bool, Bool};

impl Processor<'_, '_> {
    pub(super) fn location_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        let rsc_col = cols.pos("rsc").unwrap_or(0);
        let rsc = row.cell(rsc_col).to_string();
        if rsc.is_empty() {
            self.log.fmterr(Msg::NoValue("rsc"), Some(rsc_col));
        } else {
            self.lookup(&rsc, None, Some(rsc_col));
        }
        if self.log.step_failed() {
            return Flow::Next;
        }
        let existing = self.cfg.locations.iter().position(|l| l.rsc == rsc);
        let mut loc = match existing {
            Some(i) => self.cfg.locations.remove(i),
            None => SimpleLocation {
                rsc: rsc.clone(),
                rules: Vec::new(),
            },
        };
        for (key, pos) in cols.by_position() {
            let value = row.cell(pos);
            if value.is_empty() {
                continue;
            }
            if let Some(score) = key.strip_prefix("score:") {
                for node in py_split(value) {
                    let kind = LocRuleKind::Uname {
                        node: node.to_string(),
                    };
                    self.add_location_rule(&mut loc, kind, score, pos);
                }
                continue;
            }
            let parts: Vec<&str> = key.split(':').collect();
            let (prefix, kind) = match parts.as_slice() {
                [p @ ("ping" | "pingd"), attr, val] => (
                    *p,
                    LocRuleKind::Ping {
                        prefix: p.to_string(),
                        attr: attr.to_string(),
                        value: val.to_string(),
                    },
                ),
                ["diskd", attr] => (
                    "diskd",
                    LocRuleKind::Diskd {
                        attr: attr.to_string(),
                    },
                ),
                _ => continue,
            };
            match parse_bool(value) {
                Bool::True => {}
                Bool::False => continue,
                Bool::Invalid => {
                    self.log.warn_row(
                        Msg::InvalidValue {
                            value: value.to_string(),
                            col: pos,
                        },
                        Some(pos),
                    );
                    continue;
                }
            }
            self.add_location_rule(&mut loc, kind, "-INFINITY", pos);
            if !self.derive.colocation && !self.derive.order {
                continue;
            }
            let attr = parts[1];
            let ids = self.ping_resources(prefix, attr);
            if ids.is_empty() {
                self.log.fmterr(
                    Msg::PingResourceUnknown {
                        attr: attr.to_string(),
                        prefix: prefix.to_string(),
                    },
                    Some(pos),
                );
                continue;
            }
            for id in ids {
                if self.derive.colocation {
                    let fields = vec![
                        rsc.clone(),
                        id.clone(),
                        "INFINITY".into(),
                        String::new(),
                        String::new(),
                    ];
                    self.add_constraint(ConstraintKind::Colocation, fields, true);
                }
                if self.derive.order {
                    let fields = vec![
                        id.clone(),
                        rsc.clone(),
                        "0".into(),
                        String::new(),
                        String::new(),
                        "false".into(),
                    ];
                    self.add_constraint(ConstraintKind::Order, fields, true);
                }
            }
        }
        if loc.rules.is_empty() {
            self.log.warn_row(Msg::LocationOnlyRsc, Some(rsc_col));
        } else {
            // A later row moves the whole location to the end (original quirk).
            self.cfg.touch(Part::Locations);
            self.cfg.locations.push(loc);
        }
        Flow::Next
    }

    fn add_location_rule(
        &mut self,
        loc: &mut SimpleLocation,
        kind: LocRuleKind,
        score: &str,
        col: usize,
    ) {
        if let Some(r) = loc
            .rules
            .iter()
            .find(|r| r.kind == kind && r.score == score)
        {
            self.log.warn_row(
                Msg::LocationRuleDuplicate {
                    col,
                    line: r.line,
                    first_col: r.col,
                },
                Some(col),
            );
        }
        loc.rules.push(LocRule {
            kind,
            score: score.to_string(),
            line: self.log.line,
            col,
        });
    }

    /// Outermost ancestors of the primitives of RA type `prefix` whose plain params
    /// hold `name=<attr>`, in resource order.
    fn ping_resources(&self, prefix: &str, attr: &str) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        let mut seen = crate::fasthash::FxHashSet::default();
        for r in &self.cfg.resources {
            if r.ra_type != prefix || r.described.is_none() {
                continue;
            }
            let has = r.blocks.0.iter().filter(|b| b.kind == "params").any(|b| {
                b.entries
                    .iter()
                    .any(|e| matches!(e, Entry::Pair(p) if p.name == "name" && p.value == attr))
            });
            if has {
                let top = self.cfg.outermost(&r.id);
                if seen.insert(top.clone()) {
                    ids.push(top);
                }
            }
        }
        ids
    }
}
