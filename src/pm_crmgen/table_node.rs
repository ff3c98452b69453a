//! NODE table (spec §7.1): node attributes and utilization.

use super::columns::Columns;
use super::messages::Msg;
use super::model::{Blocks, Node, Pair, Part};
use super::processor::{check_pair, Flow, Processor};
use super::sheet::Row;

const KINDS: [&str; 2] = ["attributes", "utilization"];

impl Processor<'_, '_> {
    pub(super) fn node_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        let col = |k: &str| cols.pos(k).unwrap_or(0);
        let mut starts = false;
        let mut uname = row.cell(col("uname")).to_string();
        if !uname.is_empty() {
            self.carry = Default::default();
            self.carry.uname = Some(uname.clone());
            starts = true;
        } else {
            uname = self.carry.uname.clone().unwrap_or_default();
            if uname.is_empty() {
                self.log.fmterr(Msg::NoValue("uname"), Some(col("uname")));
            }
        }
        let mut ntype = String::new();
        if let Some(p) = cols.pos("ntype") {
            ntype = row.cell(p).to_string();
            let carried = self.carry.ntype.clone().unwrap_or_default();
            if !ntype.is_empty() && starts {
                self.carry.ntype = Some(ntype.clone());
            } else if !ntype.is_empty() && !uname.is_empty() {
                self.log.warn_row(Msg::HasValue("ntype"), Some(p));
                ntype = carried;
            } else if ntype.is_empty() && !starts {
                ntype = carried;
            }
        }
        let ptype_cell = row.cell(col("ptype"));
        let mut ptype = ptype_cell.to_lowercase();
        if !ptype.is_empty() && !KINDS.contains(&ptype.as_str()) {
            self.log.fmterr(
                Msg::UndefinedParamKind {
                    label: "ptype",
                    value: ptype_cell.to_string(),
                },
                Some(col("ptype")),
            );
        }
        if ptype.is_empty() {
            ptype = self.carry.ptype.clone().unwrap_or_default();
        }
        let name = row.cell(col("name"));
        let value = row.cell(col("value"));
        if ptype.is_empty() && (!name.is_empty() || !value.is_empty()) {
            self.log.fmterr(Msg::NoValue("ptype"), Some(col("ptype")));
        }
        self.carry.ptype = Some(ptype.clone());
        self.cfg.touch(Part::Nodes);
        let found = self
            .cfg
            .nodes
            .iter()
            .position(|n| n.uname == uname && n.ntype == ntype);
        check_pair(
            self.log,
            found.map(|i| &self.cfg.nodes[i].blocks),
            None,
            &ptype,
            "",
            name,
            value,
            (col("name"), col("value")),
        );
        if self.log.step_failed() {
            return Flow::Skip;
        }
        let idx = match found {
            Some(i) => i,
            None => {
                self.cfg.nodes.push(Node {
                    uname,
                    ntype,
                    blocks: Blocks::default(),
                });
                self.cfg.nodes.len() - 1
            }
        };
        if !ptype.is_empty() {
            let block = self.cfg.nodes[idx].blocks.get_or_create(&ptype);
            if !name.is_empty() || !value.is_empty() {
                block.push(
                    "",
                    Pair {
                        name: name.to_string(),
                        value: value.to_string(),
                        line: self.log.line,
                    },
                );
            }
        }
        Flow::Next
    }
}
