//! FENCING_TOPOLOGY table (spec §7.6).

use super::columns::Columns;
use super::messages::Msg;
use super::model::{FencingLevel, Part, RscKind};
use super::processor::{Flow, Processor};
use super::sheet::Row;
use super::text::parse_decimal;

impl Processor<'_, '_> {
    pub(super) fn ftopo_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        let col = |k: &str| cols.pos(k).unwrap_or(0);
        let mut node = row.cell(col("node")).to_string();
        if !node.is_empty() {
            self.carry = Default::default();
            self.carry.node = Some(node.clone());
        } else {
            node = self.carry.node.clone().unwrap_or_default();
        }
        let rsc = row.cell(col("rsc")).to_string();
        if rsc.is_empty() {
            self.log.fmterr(Msg::NoValue("rsc"), Some(col("rsc")));
        }
        let index = row.cell(col("index")).to_string();
        if index.is_empty() {
            self.log.fmterr(Msg::NoValue("index"), Some(col("index")));
        } else if parse_decimal(&index).is_none_or(|n| n < 1) {
            // Also covers non-decimal digits such as '²', on which the original
            // crashed with a traceback.
            self.log.fmterr(
                Msg::InvalidValue {
                    value: index.clone(),
                    col: col("index"),
                },
                Some(col("index")),
            );
        }
        self.lookup(&rsc, Some(RscKind::Primitive), Some(col("rsc")));
        if self.log.step_failed() {
            return Flow::Next;
        }
        self.cfg.touch(Part::Ftopos);
        self.cfg.fencing.push(FencingLevel { node, rsc, index });
        Flow::Next
    }
}
