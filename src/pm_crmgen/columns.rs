//! Column-header analysis (spec §5): which column holds which name, and the
//! missing / duplicate / undefined / non-ASCII column messages.

use super::log::Logger;
use super::messages::Msg;
use super::sheet::Row;
use super::tables::{Sub, Table};
use super::text::has_non_ascii;
use super::values::normalize_score;

/// The column map of the current (sub-)table.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// Known names with the position of their first column, in insertion order.
    keys: Vec<(String, usize)>,
    /// RESOURCES: every resourceItem column, left to right.
    pub resource_items: Vec<usize>,
}

impl Columns {
    pub fn pos(&self, key: &str) -> Option<usize> {
        self.keys.iter().find(|(k, _)| k == key).map(|&(_, p)| p)
    }

    /// Known names ordered by column.
    pub fn by_position(&self) -> Vec<(&str, usize)> {
        let mut v: Vec<(&str, usize)> = self.keys.iter().map(|(k, p)| (k.as_str(), *p)).collect();
        v.sort_by_key(|&(_, p)| p);
        v
    }

    /// Known names in the order they were first met (the op attribute order
    /// derives from it).
    pub fn keys_in_order(&self) -> Vec<(String, usize)> {
        self.keys.clone()
    }

    /// Highest column any data row has to be padded to.
    pub fn width(&self) -> usize {
        self.keys
            .iter()
            .map(|&(_, p)| p)
            .chain(self.resource_items.iter().copied())
            .max()
            .map_or(0, |m| m + 1)
    }

    /// True when a data row has a value in at least one known column.
    pub fn row_has_data(&self, row: &Row) -> bool {
        self.keys.iter().any(|&(_, p)| !row.cell(p).is_empty())
            || self.resource_items.iter().any(|&p| !row.cell(p).is_empty())
    }
}

pub enum HeaderOutcome {
    Ready(Columns),
    /// Errors: the rest of the table is skipped.
    Skip,
    /// Errors in RESOURCES: reading stops.
    Abort,
}

/// LOCATION's special column names, normalised (`score:inf` → `score:INFINITY`).
fn location_key(name: &str) -> Option<String> {
    let parts: Vec<&str> = name.split(':').collect();
    let lower = name.to_lowercase();
    if lower.starts_with("score:") && parts.len() == 2 && !parts[1].is_empty() {
        return Some(format!("score:{}", normalize_score(parts[1])));
    }
    for prefix in ["ping", "pingd"] {
        if lower.starts_with(&format!("{}:", prefix))
            && parts.len() == 3
            && !parts[1].is_empty()
            && !parts[2].is_empty()
        {
            return Some(format!("{}:{}:{}", prefix, parts[1], parts[2]));
        }
    }
    if lower.starts_with("diskd:") && parts.len() == 2 && !parts[1].is_empty() {
        return Some(format!("diskd:{}", parts[1]));
    }
    None
}

pub fn analyze(row: &Row, table: Table, sub: Option<Sub>, log: &mut Logger) -> HeaderOutcome {
    log.reset_step();
    let required = table.required(sub);
    let optional = table.optional(sub);
    let mut cols = Columns::default();
    // Accepted names: required, then the optional/special ones met.
    let mut accepted: Vec<String> = required.iter().map(|s| s.to_string()).collect();
    // The normalised name of every named column.
    let mut named: Vec<(usize, String)> = Vec::new();
    for (i, cell) in row.cells.iter().enumerate().skip(2) {
        if cell.is_empty() {
            continue;
        }
        let mut key = cell.to_lowercase();
        if table == Table::Resources && key == "resourceitem" {
            cols.resource_items.push(i);
        } else if sub == Some(Sub::O) && !required.contains(&key.as_str()) {
            key = cell.clone();
            accepted.push(key.clone());
        } else if table == Table::Location && !required.contains(&key.as_str()) {
            if let Some(k) = location_key(cell) {
                key = k;
                accepted.push(key.clone());
            }
        } else if optional.contains(&key.as_str()) {
            accepted.push(key.clone());
        }
        if cols.pos(&key).is_none() {
            cols.keys.push((key.clone(), i));
        }
        named.push((i, key));
    }
    for name in required {
        if cols.pos(name).is_none() {
            log.fmterr(Msg::ColumnMissing(name.to_string()), None);
        }
    }
    let ordered: Vec<(String, usize)> = cols
        .by_position()
        .into_iter()
        .map(|(k, p)| (k.to_string(), p))
        .collect();
    for (key, first) in &ordered {
        if !accepted.contains(key) || key == "resourceitem" {
            continue;
        }
        for (i, _) in named.iter().filter(|(i, k)| k == key && i > first) {
            log.fmterr(
                Msg::ColumnDuplicate {
                    name: key.clone(),
                    first: *first,
                    again: *i,
                },
                Some(*i),
            );
        }
    }
    for (key, _) in &ordered {
        if accepted.contains(key) {
            continue;
        }
        for (i, _) in named.iter().filter(|(_, k)| k == key) {
            let msg = Msg::ColumnUndefined {
                name: row.cell(*i).to_string(),
                col: *i,
            };
            if table == Table::Location {
                log.fmterr(msg, Some(*i));
            } else {
                log.warn_row(msg, Some(*i));
            }
        }
        cols.keys.retain(|(k, _)| k != key);
    }
    for (key, pos) in cols.by_position() {
        if has_non_ascii(key) {
            log.warn_row(
                Msg::ColumnNonAscii {
                    name: row.cell(pos).to_string(),
                    col: pos,
                },
                Some(pos),
            );
        }
    }
    if table == Table::Resources {
        if log.step_failed() {
            return HeaderOutcome::Abort;
        }
        let id = cols.pos("id").unwrap_or(0);
        let first = cols.resource_items.first().copied().unwrap_or(0);
        let last = cols.resource_items.last().copied().unwrap_or(0);
        if first < id && id < last {
            log.fmterr(Msg::ResourceTableWrong, None);
            return HeaderOutcome::Abort;
        }
        cols.keys.retain(|(k, _)| k != "resourceitem");
    }
    if log.step_failed() {
        HeaderOutcome::Skip
    } else {
        HeaderOutcome::Ready(cols)
    }
}
