//! PRIMITIVE table (spec §7.5): `P` describes the primitive, `A` adds attributes,
//! `O` adds operations.

use super::columns::Columns;
use super::messages::Msg;
use super::model::{Op, RscKind};
use super::processor::{Flow, Processor};
use super::py2dict::iteration_order;
use super::sheet::Row;
use super::tables::Sub;

impl Processor<'_, '_> {
    pub(super) fn primitive_row(&mut self, sub: Option<Sub>, cols: &Columns, row: &Row) -> Flow {
        let col = |k: &str| cols.pos(k).unwrap_or(0);
        match sub {
            Some(Sub::P) if self.prim.is_none() => {
                let id = row.cell(col("id")).to_string();
                if id.is_empty() {
                    self.log.fmterr(Msg::NoValue("id"), Some(col("id")));
                } else {
                    self.prim = self.lookup(&id, Some(RscKind::Primitive), Some(col("id")));
                    if let Some(i) = self.prim {
                        match self.cfg.resources[i].described {
                            Some(line) => self
                                .log
                                .fmterr(Msg::PrimitiveTableDefined { id, line }, Some(col("id"))),
                            None => self.cfg.resources[i].described = Some(self.log.line),
                        }
                    }
                }
                if row.cell(col("type")).is_empty() {
                    self.log.fmterr(Msg::NoValue("type"), Some(col("type")));
                }
                if row.cell(col("class")).is_empty() && !row.cell(col("provider")).is_empty() {
                    self.log.fmterr(Msg::NoValue("class"), Some(col("class")));
                }
            }
            Some(Sub::P) => self.log.fmterr(Msg::PrimitiveTableWrong, None),
            _ if self.prim.is_none() => self.log.fmterr(Msg::NoResourceId, None),
            Some(Sub::O) if row.cell(col("type")).is_empty() => {
                self.log.fmterr(Msg::NoValue("type"), Some(col("type")))
            }
            _ => {}
        }
        if self.log.step_failed() {
            return Flow::Skip;
        }
        let Some(i) = self.prim else {
            return Flow::Skip;
        };
        match sub {
            Some(Sub::P) => {
                let r = &mut self.cfg.resources[i];
                r.class = row.cell(col("class")).to_string();
                r.provider = row.cell(col("provider")).to_string();
                r.ra_type = row.cell(col("type")).to_string();
            }
            Some(Sub::A) => return self.primitive_attribute_row(cols, row),
            _ => {
                let keys = cols.keys_in_order();
                let names: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
                let attrs = iteration_order(&names)
                    .into_iter()
                    .map(|n| &keys[n])
                    .filter(|(k, p)| k != "type" && !row.cell(*p).is_empty())
                    .map(|(k, p)| (k.clone(), row.cell(*p).to_string()))
                    .collect();
                self.cfg.resources[i].ops.push(Op {
                    kind: row.cell(col("type")).to_string(),
                    attrs,
                    line: self.log.line,
                });
            }
        }
        Flow::Next
    }
}
