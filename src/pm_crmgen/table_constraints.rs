//! COLOCATION and ORDER tables (spec §7.9), and the identity rules shared with the
//! constraints LOCATION derives from ping/pingd/diskd columns.

use super::columns::Columns;
use super::messages::Msg;
use super::model::{Constraint, Part};
use super::processor::{Flow, Processor};
use super::sheet::Row;
use super::values::{normalize_score, parse_bool, Bool};

pub const COLOCATION_FIELDS: [&str; 5] = ["rsc", "with-rsc", "score", "rsc-role", "with-rsc-role"];
pub const ORDER_FIELDS: [&str; 6] = [
    "first-rsc",
    "then-rsc",
    "score",
    "first-action",
    "then-action",
    "symmetrical",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    Colocation,
    Order,
}

impl Processor<'_, '_> {
    pub(super) fn colocation_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        self.constraint_row(ConstraintKind::Colocation, cols, row)
    }

    pub(super) fn order_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        self.constraint_row(ConstraintKind::Order, cols, row)
    }

    fn constraint_row(&mut self, kind: ConstraintKind, cols: &Columns, row: &Row) -> Flow {
        let names: &[&str] = match kind {
            ConstraintKind::Colocation => &COLOCATION_FIELDS,
            ConstraintKind::Order => &ORDER_FIELDS,
        };
        let mut fields: Vec<String> = names
            .iter()
            .map(|n| cols.pos(n).map_or("", |p| row.cell(p)).to_string())
            .collect();
        for (i, name) in names.iter().enumerate().take(3) {
            if fields[i].is_empty() {
                self.log.fmterr(Msg::NoValue(name), cols.pos(name));
            }
        }
        self.lookup(&fields[0].clone(), None, cols.pos(names[0]));
        self.lookup(&fields[1].clone(), None, cols.pos(names[1]));
        if !fields[2].is_empty() {
            fields[2] = normalize_score(&fields[2]);
        }
        if kind == ConstraintKind::Order && !fields[5].is_empty() {
            match parse_bool(&fields[5]) {
                Bool::True => fields[5] = "true".into(),
                Bool::False => fields[5] = "false".into(),
                Bool::Invalid => {
                    let col = cols.pos("symmetrical").unwrap_or(0);
                    self.log.warn_row(
                        Msg::InvalidValue {
                            value: fields[5].clone(),
                            col,
                        },
                        Some(col),
                    );
                }
            }
        }
        if self.log.step_failed() {
            return Flow::Next;
        }
        self.add_constraint(kind, fields, false);
        Flow::Next
    }

    /// Adds a constraint unless identical to an existing one: a derived duplicate is
    /// dropped, a user row replaces an identical derived one and repeats (with a
    /// warning) an identical user one.
    pub(super) fn add_constraint(
        &mut self,
        kind: ConstraintKind,
        fields: Vec<String>,
        derived: bool,
    ) {
        let line = self.log.line;
        let list = match kind {
            ConstraintKind::Colocation => &mut self.cfg.colocations,
            ConstraintKind::Order => &mut self.cfg.orders,
        };
        if let Some(i) = list.iter().position(|c| c.fields == fields) {
            if derived {
                return;
            }
            if list[i].derived {
                list.remove(i);
            } else {
                let first = list[i].line;
                self.log.warn_row(Msg::SameConstraint(first), None);
            }
        }
        let list = match kind {
            ConstraintKind::Colocation => &mut self.cfg.colocations,
            ConstraintKind::Order => &mut self.cfg.orders,
        };
        list.push(Constraint {
            fields,
            line,
            derived,
        });
        self.cfg.touch(match kind {
            ConstraintKind::Colocation => Part::Colocations,
            ConstraintKind::Order => Part::Orders,
        });
    }
}
