//! LOCATION_EXPERT table (spec §7.7): rule-based locations.

use super::columns::Columns;
use super::messages::Msg;
use super::model::{ExpertLocation, ExpertRule, Expr, Part};
use super::processor::{Flow, Processor};
use super::sheet::Row;
use super::values::normalize_score;

const UNARY_OPS: [&str; 2] = ["defined", "not_defined"];

impl Processor<'_, '_> {
    pub(super) fn locexpert_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        let get = |k: &str| cols.pos(k).map_or("", |p| row.cell(p)).to_string();
        let col = |k: &str| cols.pos(k);
        let mut rsc = get("rsc");
        let names_rsc = !rsc.is_empty();
        if names_rsc {
            self.carry.rsc = Some(rsc.clone());
        } else {
            rsc = self.carry.rsc.clone().unwrap_or_default();
            if rsc.is_empty() {
                self.log.fmterr(Msg::NoValue("rsc"), col("rsc"));
            }
        }
        self.lookup(&rsc, None, col("rsc"));
        let id_spec = get("id_spec");
        let others_empty = cols
            .by_position()
            .iter()
            .all(|&(k, p)| k == "rsc" || k == "id_spec" || row.cell(p).is_empty());
        let pure_ref =
            (id_spec.starts_with("$id-ref=") || id_spec.starts_with("id-ref=")) && others_empty;
        let mut score = String::new();
        let mut new_rule = pure_ref;
        if !pure_ref {
            let cell = get("score");
            if !cell.is_empty() {
                score = normalize_score(&cell);
                self.carry.score = Some(score.clone());
                new_rule = true;
            } else if names_rsc || rsc.is_empty() {
                self.log.fmterr(Msg::NoValue("score"), col("score"));
            } else {
                if !get("bool_op").is_empty() {
                    self.log.warn_row(Msg::HasValue("bool_op"), col("bool_op"));
                }
                if !get("role").is_empty() {
                    self.log.warn_row(Msg::HasValue("role"), col("role"));
                }
                if !id_spec.is_empty() {
                    self.log.warn_row(Msg::HasValue("id_spec"), col("id_spec"));
                }
                if self.carry.score.is_none() {
                    self.log.fmterr(Msg::NoScoreToContinue, col("score"));
                }
            }
            let op = get("op");
            if get("attribute").is_empty() {
                self.log.fmterr(Msg::NoValue("attribute"), col("attribute"));
            }
            if op.is_empty() {
                self.log.fmterr(Msg::NoValue("op"), col("op"));
            } else if UNARY_OPS.contains(&op.to_lowercase().as_str()) {
                if !get("value").is_empty() {
                    self.log.warn_row(Msg::HasValue("value"), col("value"));
                }
            } else if get("value").is_empty() {
                self.log.fmterr(Msg::NoValue("value"), col("value"));
            }
        }
        if self.log.step_failed() {
            return Flow::Skip;
        }
        self.cfg.touch(Part::LocExperts);
        let li = match self.cfg.expert_locations.iter().position(|l| l.rsc == rsc) {
            Some(i) => i,
            None => {
                self.cfg.expert_locations.push(ExpertLocation {
                    rsc: rsc.clone(),
                    rules: Vec::new(),
                });
                self.cfg.expert_locations.len() - 1
            }
        };
        if new_rule {
            let rules = &mut self.cfg.expert_locations[li].rules;
            rules.push(ExpertRule {
                score,
                bool_op: if pure_ref {
                    String::new()
                } else {
                    get("bool_op")
                },
                role: if pure_ref { String::new() } else { get("role") },
                id_spec,
                exprs: Vec::new(),
                line: self.log.line,
            });
            self.cfg.working_rule = Some((li, rules.len() - 1));
        }
        let Some((wl, wr)) = self.cfg.working_rule.filter(|&(l, _)| l == li) else {
            return Flow::Skip;
        };
        let rule = &self.cfg.expert_locations[wl].rules[wr];
        if !rule.exprs.is_empty() && rule.bool_op.is_empty() {
            let line = rule.line;
            self.log.fmterr(
                Msg::NoValueSince {
                    column: "bool_op",
                    line,
                },
                col("bool_op"),
            );
            return Flow::Skip;
        }
        let expr = Expr {
            attribute: get("attribute"),
            op: get("op"),
            value: get("value"),
            line: self.log.line,
        };
        if !expr.attribute.is_empty() || !expr.op.is_empty() || !expr.value.is_empty() {
            self.cfg.expert_locations[wl].rules[wr].exprs.push(expr);
        }
        Flow::Next
    }
}
