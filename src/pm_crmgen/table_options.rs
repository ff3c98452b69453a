//! PROPERTY, RSC_DEFAULTS and OP_DEFAULTS tables (spec §7.2).

use super::columns::Columns;
use super::model::{Blocks, Pair, Part};
use super::processor::{check_pair, Flow, Processor};
use super::sheet::Row;
use super::tables::Table;

impl Processor<'_, '_> {
    pub(super) fn option_row(&mut self, table: Table, cols: &Columns, row: &Row) -> Flow {
        let name_col = cols.pos("name").unwrap_or(0);
        let value_col = cols.pos("value").unwrap_or(0);
        let name = row.cell(name_col);
        let value = row.cell(value_col);
        let (part, kind) = match table {
            Table::Property => (Part::Property, "property"),
            Table::RscDefaults => (Part::RscDefaults, "rsc_defaults"),
            _ => (Part::OpDefaults, "op_defaults"),
        };
        // The duplicate check works on blocks; wrap the flat list in one.
        let existing = {
            let list = self.options_mut(part);
            let mut b = Blocks::default();
            if !list.is_empty() {
                let block = b.get_or_create(kind);
                for p in list.iter() {
                    block.push("", p.clone());
                }
            }
            b
        };
        check_pair(
            self.log,
            Some(&existing),
            None,
            kind,
            "",
            name,
            value,
            (name_col, value_col),
        );
        if self.log.step_failed() {
            return Flow::Next;
        }
        self.cfg.touch(part);
        let line = self.log.line;
        self.options_mut(part).push(Pair {
            name: name.to_string(),
            value: value.to_string(),
            line,
        });
        Flow::Next
    }

    fn options_mut(&mut self, part: Part) -> &mut Vec<Pair> {
        match part {
            Part::Property => &mut self.cfg.property,
            Part::RscDefaults => &mut self.cfg.rsc_defaults,
            _ => &mut self.cfg.op_defaults,
        }
    }
}
