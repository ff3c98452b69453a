//! ALERT table (spec §7.12): `P` path, `A` attributes/meta, `R` recipients.

use super::columns::Columns;
use super::messages::Msg;
use super::model::{Alert, Blocks, Pair, Part, Recipient};
use super::processor::{check_pair, AlertTarget, Flow, Processor};
use super::sheet::Row;
use super::tables::Sub;

const KINDS: [&str; 2] = ["attributes", "meta"];

impl Processor<'_, '_> {
    pub(super) fn alert_row(&mut self, sub: Option<Sub>, cols: &Columns, row: &Row) -> Flow {
        let get = |k: &str| cols.pos(k).map_or("", |p| row.cell(p)).to_string();
        if sub == Some(Sub::P) {
            self.cfg.touch(Part::Alerts);
            self.cfg.alerts.push(Alert {
                path: get("path"),
                blocks: Blocks::default(),
                recipients: Vec::new(),
                line: self.log.line,
            });
            self.alert = Some(self.cfg.alerts.len() - 1);
            self.alert_target = AlertTarget::Alert;
            return Flow::Next;
        }
        let Some(ai) = self.alert else {
            self.log.fmterr(Msg::NoPath, None);
            return Flow::Skip;
        };
        if sub == Some(Sub::R) {
            self.cfg.alerts[ai].recipients.push(Recipient {
                address: get("recipient"),
                blocks: Blocks::default(),
                line: self.log.line,
            });
            self.alert_target = AlertTarget::Recipient;
            return Flow::Next;
        }
        if self.alert_target == AlertTarget::PendingRecipient {
            self.log.fmterr(Msg::NoPrecedingRecipient, None);
            return Flow::Skip;
        }
        let type_col = cols.pos("type");
        let type_cell = get("type");
        let mut kind = type_cell.to_lowercase();
        let name = get("name");
        let value = get("value");
        if !kind.is_empty() {
            if KINDS.contains(&kind.as_str()) {
                self.carry.kind = Some(kind.clone());
            } else {
                self.log.fmterr(
                    Msg::UndefinedParamKind {
                        label: "type",
                        value: type_cell.clone(),
                    },
                    type_col,
                );
            }
        } else if let Some(k) = self.carry.kind.clone() {
            kind = k;
        } else if !name.is_empty() || !value.is_empty() {
            self.log.fmterr(Msg::NoValue("type"), type_col);
        }
        let alert = &self.cfg.alerts[ai];
        let blocks = match self.alert_target {
            AlertTarget::Recipient => alert.recipients.last().map(|r| &r.blocks),
            _ => Some(&alert.blocks),
        };
        let cols_nv = (
            cols.pos("name").unwrap_or(0),
            cols.pos("value").unwrap_or(0),
        );
        check_pair(self.log, blocks, None, &kind, "", &name, &value, cols_nv);
        if self.log.step_failed() {
            return Flow::Skip;
        }
        let line = self.log.line;
        let alert = &mut self.cfg.alerts[ai];
        let blocks = match self.alert_target {
            AlertTarget::Recipient => match alert.recipients.last_mut() {
                Some(r) => &mut r.blocks,
                None => return Flow::Skip,
            },
            _ => &mut alert.blocks,
        };
        let block = blocks.get_or_create(&kind);
        if !name.is_empty() || !value.is_empty() {
            block.push("", Pair { name, value, line });
        }
        Flow::Next
    }
}
