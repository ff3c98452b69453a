//! RSC_ATTRIBUTES table (spec §7.4) and the PRIMITIVE `A` sub-table (§7.5), which
//! share the type/name/value handling.

use super::columns::Columns;
use super::messages::Msg;
use super::model::Pair;
use super::processor::{check_pair, Flow, Processor};
use super::sheet::Row;

const RESOURCE_KINDS: [&str; 2] = ["params", "meta"];
const PRIMITIVE_KINDS: [&str; 4] = ["params", "meta", "utilization", "operations"];

impl Processor<'_, '_> {
    pub(super) fn attributes_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        let id_col = cols.pos("id").unwrap_or(0);
        let mut id = row.cell(id_col).to_string();
        let mut names_new_id = false;
        if !id.is_empty() {
            self.carry.id = Some(id.clone());
            names_new_id = true;
        } else {
            id = self.carry.id.clone().unwrap_or_default();
            if id.is_empty() {
                self.log.fmterr(Msg::NoValue("id"), Some(id_col));
            }
        }
        let target = self.lookup(&id, None, Some(id_col));
        self.add_attribute(cols, row, target, &RESOURCE_KINDS, names_new_id)
    }

    /// Shared by RSC_ATTRIBUTES and PRIMITIVE `A`: type, optional rule, name, value.
    pub(super) fn add_attribute(
        &mut self,
        cols: &Columns,
        row: &Row,
        target: Option<usize>,
        kinds: &[&str],
        names_new_id: bool,
    ) -> Flow {
        let type_col = cols.pos("type").unwrap_or(0);
        let type_cell = row.cell(type_col);
        let mut kind = type_cell.to_lowercase();
        let rule_cell = cols.pos("rule").map_or("", |p| row.cell(p)).to_string();
        let mut rule = rule_cell.clone();
        if !kind.is_empty() {
            if kinds.contains(&kind.as_str()) {
                self.carry.kind = Some(kind.clone());
                self.carry.rule = rule.clone();
            } else {
                self.log.fmterr(
                    Msg::UndefinedParamKind {
                        label: "type",
                        value: type_cell.to_string(),
                    },
                    Some(type_col),
                );
            }
        } else if names_new_id || self.carry.kind.is_none() || !rule_cell.is_empty() {
            self.log.fmterr(Msg::NoValue("type"), Some(type_col));
        } else {
            kind = self.carry.kind.clone().unwrap_or_default();
            rule = self.carry.rule.clone();
        }
        let name_col = cols.pos("name").unwrap_or(0);
        let value_col = cols.pos("value").unwrap_or(0);
        let name = row.cell(name_col);
        let value = row.cell(value_col);
        let owner = target.map(|i| self.cfg.resources[i].id.clone());
        check_pair(
            self.log,
            target.map(|i| &self.cfg.resources[i].blocks),
            owner.as_deref(),
            &kind,
            &rule,
            name,
            value,
            (name_col, value_col),
        );
        if self.log.step_failed() {
            return Flow::Skip;
        }
        let Some(i) = target else {
            return Flow::Skip;
        };
        let line = self.log.line;
        let block = self.cfg.resources[i].blocks.get_or_create(&kind);
        block.touch_rule(&rule);
        if !name.is_empty() || !value.is_empty() {
            block.push(
                &rule,
                Pair {
                    name: name.to_string(),
                    value: value.to_string(),
                    line,
                },
            );
        }
        Flow::Next
    }

    pub(super) fn primitive_attribute_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        let target = self.prim;
        self.add_attribute(cols, row, target, &PRIMITIVE_KINDS, false)
    }
}
