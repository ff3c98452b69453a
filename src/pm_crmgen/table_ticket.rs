//! RSC_TICKET table (spec §7.10).

use super::columns::Columns;
use super::messages::Msg;
use super::model::{Part, Ticket};
use super::processor::{Flow, Processor};
use super::sheet::Row;

impl Processor<'_, '_> {
    pub(super) fn ticket_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        let get = |k: &str| cols.pos(k).map_or("", |p| row.cell(p)).to_string();
        for name in ["ticket", "rsc"] {
            if get(name).is_empty() {
                self.log.fmterr(Msg::NoValue(name), cols.pos(name));
            }
        }
        self.lookup(&get("rsc"), None, cols.pos("rsc"));
        if self.log.step_failed() {
            return Flow::Next;
        }
        self.cfg.touch(Part::Tickets);
        self.cfg.tickets.push(Ticket {
            ticket: get("ticket"),
            rsc: get("rsc"),
            role: get("role"),
            loss_policy: get("loss-policy"),
        });
        Flow::Next
    }
}
