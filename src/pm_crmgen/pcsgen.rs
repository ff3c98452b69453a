//! pm_pcsgen sheets: tells the sheet generation from the sheet itself and reads
//! the newer one row by row (table header in column B, then a column header
//! row, then data), checking what pm_pcsgen checks, with its located messages.
//! The crm text is made by `pcsgen_render`; the tables are in `pcsgen_tables`.

use super::log::Logger;
use super::messages::Msg;
use super::pcsgen_model::{
    Alert, Colocation, Expr, Kind, Level, Node, NodeLocation, Nv, Op, Order, PcsConfig, Recipient,
    Resource, RuleLocation,
};
use super::pcsgen_tables::{fmt_bool, fmt_score, Table};
use super::sheet::{Item, Row, Sheet};

pub use super::pcsgen_tables::is_pcsgen;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Idle,
    Table(Table, Option<char>),
    /// The rest of a table is skipped after an error in it.
    Skip(Table),
}

/// Column name (lower case except operation columns) → position.
#[derive(Debug, Default)]
struct Cols {
    pos: Vec<(String, usize)>,
    /// Every `resourceItem` column, left to right (RESOURCES nesting depth).
    items: Vec<usize>,
}

impl Cols {
    fn get(&self, name: &str) -> Option<usize> {
        self.pos.iter().find(|(n, _)| n == name).map(|(_, p)| *p)
    }
}

/// Values carried down from the rows above in the same table.
#[derive(Debug, Default)]
struct Carry {
    key: Option<String>,
    kind: Option<String>,
    preavo: Option<String>,
    score: Option<String>,
}

pub struct Reader<'l, 'w> {
    log: &'l mut Logger<'w>,
    pub cfg: PcsConfig,
    mode: Mode,
    cols: Option<Cols>,
    carry: Carry,
    /// RESOURCES nesting: kind and id per depth.
    chain: Vec<(Kind, String)>,
    /// The resource the current PRIMITIVE/STONITH table describes.
    current: Option<usize>,
    alert: Option<usize>,
    /// An `R` sub-table started and wants its recipient row first.
    wants_recipient: bool,
    /// `A` rows after a recipient row belong to that recipient.
    to_recipient: bool,
    /// The rule LOCATION_RULE rows add expressions to.
    rule: Option<usize>,
    /// Error in the current row (decides whether the rest of the table is skipped).
    row_error: bool,
    /// ADDITIONAL_CONFIG rows: pcs commands crm cannot run.
    pcs_commands: Vec<usize>,
}

impl<'l, 'w> Reader<'l, 'w> {
    pub fn new(log: &'l mut Logger<'w>) -> Self {
        Reader {
            log,
            cfg: PcsConfig::default(),
            mode: Mode::Idle,
            cols: None,
            carry: Carry::default(),
            chain: Vec::new(),
            current: None,
            alert: None,
            wants_recipient: false,
            to_recipient: false,
            rule: None,
            row_error: false,
            pcs_commands: Vec::new(),
        }
    }

    fn err(&mut self, msg: Msg, col: Option<usize>) {
        self.row_error = true;
        self.log.error_row(msg, col);
    }

    fn warn(&mut self, msg: Msg, col: Option<usize>) {
        self.log.warn_row(msg, col);
    }

    /// Reads every row; false when reading had to stop (the caller reports).
    pub fn run(&mut self, sheet: &Sheet, path: &str) -> bool {
        for item in &sheet.items {
            let row = match item {
                Item::Row(r) => r,
                Item::ReadError(text) => {
                    self.log.error(Msg::ReadFailed(path.to_string()));
                    self.log.error(Msg::Raw(text.clone()));
                    return false;
                }
                Item::DecodeError => {
                    self.log.error(Msg::DecodeFailed);
                    return false;
                }
            };
            self.log.line = row.number;
            self.row_error = false;
            if !self.row(row) {
                return false;
            }
        }
        self.end_checks();
        true
    }

    /// One row; false stops reading.
    fn row(&mut self, row: &Row) -> bool {
        if row.cells.is_empty() || row.cell(0).starts_with('#') {
            return true;
        }
        if row.cells.len() <= 1 || row.cells.iter().all(String::is_empty) {
            return true;
        }
        if !row.cell(1).is_empty() {
            match self.header(row) {
                Some(true) => {}
                Some(false) => return true,
                None => return false,
            }
        }
        let table = match self.mode {
            Mode::Skip(_) => return true,
            Mode::Idle => {
                self.err(Msg::PcsNoTableHeader, None);
                return false;
            }
            Mode::Table(t, _) => t,
        };
        if self.cols.is_none() {
            return self.columns(row, table);
        }
        let Some(cols) = self.cols.as_ref() else {
            return true;
        };
        let has_data = cols.pos.iter().any(|(_, p)| !row.cell(*p).is_empty())
            || cols.items.iter().any(|p| !row.cell(*p).is_empty());
        if !has_data {
            return true;
        }
        let ok = self.data(row, table);
        if self.row_error && table != Table::Resources {
            self.mode = Mode::Skip(table);
        }
        ok
    }

    /// A table or sub-table header in column B. `Some(true)`: the same row
    /// goes on as a column header; `Some(false)`: row done; `None`: stop.
    fn header(&mut self, row: &Row) -> Option<bool> {
        let marker = row.cell(1).to_ascii_lowercase();
        let letter = single_letter(&marker);
        match (self.mode, letter) {
            (Mode::Table(t, sub), Some(c)) if t.subs().contains(&c) => {
                let opening = sub.is_none();
                if opening != (c == 'p') {
                    self.err(Msg::PcsTableWrong(t.caption()), None);
                    self.mode = Mode::Skip(t);
                    return Some(false);
                }
                self.mode = Mode::Table(t, Some(c));
                self.cols = None;
                if c == 'r' {
                    self.wants_recipient = true;
                }
                return Some(true);
            }
            (Mode::Skip(t), Some(c)) if t.subs().contains(&c) => return Some(false),
            _ => {}
        }
        let Some(table) = Table::from_marker(&marker) else {
            self.err(
                Msg::PcsUndefinedTable {
                    marker: row.cell(1).to_string(),
                    col: 1,
                },
                Some(1),
            );
            return None;
        };
        self.mode = Mode::Table(table, None);
        self.cols = None;
        self.carry = Carry::default();
        self.chain.clear();
        self.current = None;
        self.alert = None;
        self.wants_recipient = false;
        self.to_recipient = false;
        self.rule = None;
        Some(false)
    }

    fn columns(&mut self, row: &Row, table: Table) -> bool {
        let sub = match self.mode {
            Mode::Table(_, s) => s,
            _ => None,
        };
        if !table.subs().is_empty() && sub.is_none() {
            self.err(Msg::PcsTableWrong(table.caption()), None);
            self.mode = Mode::Skip(table);
            return true;
        }
        let ops = sub == Some('o');
        let mut required: Vec<String> = table.required(sub).iter().map(|s| s.to_string()).collect();
        let mut cols = Cols::default();
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (i, cell) in row.cells.iter().enumerate().skip(2) {
            if cell.is_empty() {
                continue;
            }
            let lower = cell.to_ascii_lowercase();
            let name = if table == Table::Resources && lower == "resourceitem" {
                cols.items.push(i);
                continue;
            } else if ops && lower != "type" {
                // Any other column of an operation table is an op attribute.
                if !required.contains(cell) {
                    required.push(cell.clone());
                }
                cell.clone()
            } else {
                lower
            };
            seen.push((name.clone(), i));
            if cols.get(&name).is_none() {
                cols.pos.push((name, i));
            }
        }
        if table == Table::Resources && !cols.items.is_empty() {
            cols.pos.push(("resourceitem".into(), cols.items[0]));
        }
        for name in &required {
            if cols.get(name).is_none() {
                self.err(Msg::PcsColumnMissing(name.clone()), None);
            }
        }
        for (name, first) in cols.pos.clone() {
            if !required.contains(&name) {
                for (n, at) in seen.iter().filter(|(n, _)| *n == name) {
                    self.warn(
                        Msg::PcsColumnInvalid {
                            name: row.cell(*at).to_string(),
                            col: *at,
                        },
                        Some(*at),
                    );
                    let _ = n;
                }
                cols.pos.retain(|(n, _)| *n != name);
                continue;
            }
            for (_, again) in seen.iter().filter(|(n, at)| *n == name && *at != first) {
                self.err(
                    Msg::PcsColumnDuplicate {
                        name: name.clone(),
                        first,
                        again: *again,
                    },
                    Some(*again),
                );
            }
        }
        cols.pos.retain(|(n, _)| n != "resourceitem");
        if table == Table::Resources {
            if self.row_error {
                return false;
            }
            if let (Some(id), Some(first), Some(last)) =
                (cols.get("id"), cols.items.first(), cols.items.last())
            {
                if *first < id && id < *last {
                    self.err(Msg::PcsTableWrong(table.caption()), None);
                    return false;
                }
            }
        }
        if self.row_error {
            self.mode = Mode::Skip(table);
        } else {
            self.cols = Some(cols);
        }
        true
    }

    fn cell<'r>(&self, row: &'r Row, name: &str) -> &'r str {
        match self.cols.as_ref().and_then(|c| c.get(name)) {
            Some(p) => row.cell(p),
            None => "",
        }
    }

    fn col(&self, name: &str) -> Option<usize> {
        self.cols.as_ref().and_then(|c| c.get(name))
    }

    fn data(&mut self, row: &Row, table: Table) -> bool {
        match table {
            Table::Node => self.node(row),
            Table::Property => self.option(row, |c| &mut c.property),
            Table::RscDefaults => self.option(row, |c| &mut c.rsc_defaults),
            Table::OpDefaults => self.option(row, |c| &mut c.op_defaults),
            Table::Resources => return self.resources(row),
            Table::Attributes => self.attributes(row),
            Table::Primitive => self.primitive(row, Kind::Primitive),
            Table::Stonith => self.primitive(row, Kind::Stonith),
            Table::StonithLevel => self.level(row),
            Table::LocationNode => self.location_node(row),
            Table::LocationRule => self.location_rule(row),
            Table::Colocation => self.colocation(row),
            Table::Order => self.order(row),
            Table::Alert => self.alert(row),
            Table::Config => {
                if !self.cell(row, "config").is_empty() {
                    self.pcs_commands.push(row.number);
                }
            }
        }
        true
    }

    /// `name` and `value` present; a repeated name warns (pm_pcsgen keeps both).
    fn check_nv(&mut self, list: Option<&[Nv]>, name: &str, value: &str) {
        if name.is_empty() {
            self.err(Msg::PcsNoValue("name".into()), self.col("name"));
        }
        if value.is_empty() {
            self.err(Msg::PcsNoValue("value".into()), self.col("value"));
        }
        if name.is_empty() {
            return;
        }
        if let Some(prev) = list.and_then(|l| l.iter().find(|nv| nv.name == name)) {
            let line = prev.line;
            self.warn(
                Msg::PcsAlreadySet {
                    what: "'name'列".into(),
                    item: format!("値「{name}」"),
                    line,
                },
                self.col("name"),
            );
        }
    }

    fn option(&mut self, row: &Row, list: fn(&mut PcsConfig) -> &mut Vec<Nv>) {
        let name = self.cell(row, "name").to_string();
        let value = self.cell(row, "value").to_string();
        let existing = list(&mut self.cfg).clone();
        self.check_nv(Some(&existing), &name, &value);
        if !self.row_error {
            list(&mut self.cfg).push(Nv {
                name,
                value,
                line: row.number,
            });
        }
    }

    fn node(&mut self, row: &Row) {
        let uname = match self.cell(row, "uname") {
            "" => self.carry.key.clone().unwrap_or_default(),
            u => {
                self.carry = Carry {
                    key: Some(u.to_string()),
                    ..Carry::default()
                };
                u.to_string()
            }
        };
        if uname.is_empty() {
            self.err(Msg::PcsNoValue("uname".into()), self.col("uname"));
        }
        let Some(kind) = self.param_kind(row, &["attribute", "utilization"]) else {
            return;
        };
        let name = self.cell(row, "name").to_string();
        let value = self.cell(row, "value").to_string();
        self.check_nv(None, &name, &value);
        if self.row_error {
            return;
        }
        let at = match self.cfg.nodes.iter().position(|n| n.uname == uname) {
            Some(i) => i,
            None => {
                self.cfg.nodes.push(Node {
                    uname,
                    ..Node::default()
                });
                self.cfg.nodes.len() - 1
            }
        };
        let node = &mut self.cfg.nodes[at];
        let list = if kind == "utilization" {
            &mut node.utilization
        } else {
            &mut node.attributes
        };
        list.push(Nv {
            name,
            value,
            line: row.number,
        });
    }

    /// The `type` column (parameter kind), carried down; None after an error.
    fn param_kind(&mut self, row: &Row, allowed: &[&str]) -> Option<String> {
        let given = self.cell(row, "type");
        if given.is_empty() {
            if let Some(k) = self.carry.kind.clone() {
                return Some(k);
            }
            self.err(Msg::PcsNoValue("type".into()), self.col("type"));
            return None;
        }
        let lower = given.to_ascii_lowercase();
        if allowed.contains(&lower.as_str()) {
            self.carry.kind = Some(lower.clone());
            Some(lower)
        } else {
            self.err(
                Msg::PcsInvalidValue {
                    column: "type".into(),
                    value: given.to_string(),
                    allowed: allowed.join("/"),
                },
                self.col("type"),
            );
            None
        }
    }

    fn resources(&mut self, row: &Row) -> bool {
        let items: Vec<usize> = self
            .cols
            .as_ref()
            .map(|c| c.items.clone())
            .unwrap_or_default();
        let filled: Vec<usize> = items
            .iter()
            .copied()
            .filter(|p| !row.cell(*p).is_empty())
            .collect();
        let mut kind = None;
        let mut pos = 0;
        match filled.as_slice() {
            [] => self.err(
                Msg::PcsNoValue("resourceItem".into()),
                items.first().copied(),
            ),
            [p] => match Kind::parse(&row.cell(*p).to_ascii_lowercase()) {
                Some(k) => {
                    kind = Some(k);
                    pos = *p;
                }
                None => self.err(
                    Msg::PcsInvalidValue {
                        column: "resourceItem".into(),
                        value: row.cell(*p).to_string(),
                        allowed: Kind::ALL.join("/"),
                    },
                    Some(*p),
                ),
            },
            _ => self.err(
                Msg::PcsHasValue("複数の'resourceItem'列".into()),
                Some(filled[1]),
            ),
        }
        let mut depth = None;
        if let Some(k) = kind {
            let reach = (self.chain.len() + 1).min(items.len());
            depth = items[..reach].iter().position(|p| *p == pos);
            match depth {
                None => self.err(Msg::PcsStructureWrong, Some(pos)),
                Some(d) if d > 0 && !self.chain[d - 1].0.may_hold(k) => {
                    self.err(Msg::PcsKindNestingWrong, Some(pos))
                }
                _ => {}
            }
        }
        let id = self.cell(row, "id").to_string();
        if id.is_empty() {
            self.err(Msg::PcsNoValue("id".into()), self.col("id"));
        } else if let Some(i) = self.cfg.resource(&id) {
            let line = self.cfg.resources[i].line;
            self.err(
                Msg::PcsAlreadySet {
                    what: format!("「id: {id}」"),
                    item: "リソース".into(),
                    line,
                },
                self.col("id"),
            );
        }
        // A mistake in RESOURCES stops reading: nothing below can be trusted.
        if self.row_error {
            return false;
        }
        let (Some(kind), Some(depth)) = (kind, depth) else {
            return false;
        };
        let mut r = Resource::new(kind, id.clone(), row.number);
        self.chain.truncate(depth);
        if depth > 0 {
            let parent = self.chain[depth - 1].1.clone();
            r.parent = Some(parent.clone());
            if let Some(p) = self.cfg.resource(&parent) {
                self.cfg.resources[p].children.push(id.clone());
            }
        }
        self.chain.push((kind, id));
        self.cfg.resources.push(r);
        true
    }

    /// A resource of RESOURCES by id (optionally of one kind); errs when missing.
    fn find_resource(&mut self, id: &str, kind: Option<Kind>, col: Option<usize>) -> Option<usize> {
        if id.is_empty() {
            return None;
        }
        let found = self
            .cfg
            .resources
            .iter()
            .position(|r| r.id == id && kind.is_none_or(|k| r.kind == k));
        if found.is_none() {
            self.err(
                Msg::PcsResourceNotFound {
                    id: id.to_string(),
                    kind: kind.map(|k| k.caption().to_string()).unwrap_or_default(),
                },
                col,
            );
        }
        found
    }

    fn attributes(&mut self, row: &Row) {
        let id = match self.cell(row, "id") {
            "" => self.carry.key.clone().unwrap_or_default(),
            v => {
                self.carry.key = Some(v.to_string());
                v.to_string()
            }
        };
        if id.is_empty() {
            self.err(Msg::PcsNoValue("id".into()), self.col("id"));
        }
        let at = self.find_resource(&id, None, self.col("id"));
        let name = self.cell(row, "name").to_string();
        let value = self.cell(row, "value").to_string();
        let existing = at.map(|i| self.cfg.resources[i].meta.clone());
        self.check_nv(existing.as_deref(), &name, &value);
        if let (false, Some(i)) = (self.row_error, at) {
            self.cfg.resources[i].meta.push(Nv {
                name,
                value,
                line: row.number,
            });
        }
    }

    fn primitive(&mut self, row: &Row, kind: Kind) {
        let table = if kind == Kind::Stonith {
            Table::Stonith
        } else {
            Table::Primitive
        };
        let sub = match self.mode {
            Mode::Table(_, s) => s,
            _ => None,
        };
        match sub {
            Some('p') if self.current.is_none() => {
                let id = self.cell(row, "id").to_string();
                if id.is_empty() {
                    self.err(Msg::PcsNoValue("id".into()), self.col("id"));
                } else if let Some(i) = self.find_resource(&id, Some(kind), self.col("id")) {
                    if let Some(line) = self.cfg.resources[i].described {
                        self.err(
                            Msg::PcsAlreadySet {
                                what: format!("「id: {id}」"),
                                item: table.caption().into(),
                                line,
                            },
                            self.col("id"),
                        );
                    } else {
                        self.cfg.resources[i].described = Some(row.number);
                        self.current = Some(i);
                    }
                }
                if self.cell(row, "type").is_empty() {
                    self.err(Msg::PcsNoValue("type".into()), self.col("type"));
                }
                if self.row_error {
                    return;
                }
                if let Some(i) = self.current {
                    let class = self.cell(row, "class").to_string();
                    let provider = self.cell(row, "provider").to_string();
                    let agent = self.cell(row, "type").to_string();
                    let r = &mut self.cfg.resources[i];
                    r.class = if kind == Kind::Stonith {
                        "stonith".into()
                    } else {
                        class
                    };
                    r.provider = provider;
                    r.agent = agent;
                }
            }
            Some('p') => self.err(Msg::PcsTableWrong(table.caption()), None),
            _ if self.current.is_none() => self.err(Msg::PcsNoValue("id".into()), None),
            Some('a') => {
                let Some(pkind) = self.param_kind(row, &["options", "meta", "utilization"]) else {
                    return;
                };
                let Some(i) = self.current else { return };
                let name = self.cell(row, "name").to_string();
                let value = self.cell(row, "value").to_string();
                // pcs refuses a name twice in one command, but utilization is
                // set one pair per command, so only there pm_pcsgen warns.
                let existing =
                    (pkind == "utilization").then(|| self.cfg.resources[i].utilization.clone());
                self.check_nv(existing.as_deref(), &name, &value);
                if !(self.row_error || name.is_empty() && value.is_empty()) {
                    self.cfg.resources[i].pairs_mut(&pkind).push(Nv {
                        name,
                        value,
                        line: row.number,
                    });
                }
            }
            _ => {
                let action = self.cell(row, "type").to_string();
                if action.is_empty() {
                    self.err(Msg::PcsNoValue("type".into()), self.col("type"));
                    return;
                }
                let Some(i) = self.current else { return };
                let attrs: Vec<(String, String)> = self
                    .cols
                    .as_ref()
                    .map(|c| {
                        c.pos
                            .iter()
                            .filter(|(n, p)| n != "type" && !row.cell(*p).is_empty())
                            .map(|(n, p)| (n.clone(), row.cell(*p).to_string()))
                            .collect()
                    })
                    .unwrap_or_default();
                self.cfg.resources[i].ops.push(Op { action, attrs });
            }
        }
    }

    fn level(&mut self, row: &Row) {
        let node = match self.cell(row, "node") {
            "" => self.carry.key.clone().unwrap_or_default(),
            v => {
                self.carry.key = Some(v.to_string());
                v.to_string()
            }
        };
        if node.is_empty() {
            self.err(Msg::PcsNoValue("node".into()), self.col("node"));
        }
        let id = self.cell(row, "id").to_string();
        if id.is_empty() {
            self.err(Msg::PcsNoValue("id".into()), self.col("id"));
        }
        let level = self.cell(row, "level").to_string();
        if level.is_empty() {
            self.err(Msg::PcsNoValue("level".into()), self.col("level"));
        }
        self.find_resource(&id, Some(Kind::Stonith), self.col("id"));
        if !self.row_error {
            let (line, col) = (self.log.line, self.col("level"));
            self.cfg.levels.push(Level {
                node,
                id,
                level,
                line,
                col,
            });
        }
    }

    fn location_node(&mut self, row: &Row) {
        let rsc = match self.cell(row, "rsc") {
            "" => self.carry.key.clone().unwrap_or_default(),
            v => {
                self.carry = Carry {
                    key: Some(v.to_string()),
                    ..Carry::default()
                };
                v.to_string()
            }
        };
        if rsc.is_empty() {
            self.err(Msg::PcsNoValue("rsc".into()), self.col("rsc"));
        }
        let given = self.cell(row, "prefers/avoids").to_ascii_lowercase();
        let preavo = if given.is_empty() {
            self.carry.preavo.clone().unwrap_or_default()
        } else if given == "prefers" || given == "avoids" {
            self.carry.preavo = Some(given.clone());
            given
        } else {
            self.err(
                Msg::PcsInvalidValue {
                    column: "prefers/avoids".into(),
                    value: given,
                    allowed: "prefers/avoids".into(),
                },
                self.col("prefers/avoids"),
            );
            return;
        };
        if preavo.is_empty() {
            self.err(
                Msg::PcsNoValue("prefers/avoids".into()),
                self.col("prefers/avoids"),
            );
        }
        let node = self.cell(row, "node").to_string();
        if node.is_empty() {
            self.err(Msg::PcsNoValue("node".into()), self.col("node"));
        }
        let score = fmt_score(self.cell(row, "score"));
        if self.row_error {
            return;
        }
        let avoids = preavo == "avoids";
        if self
            .cfg
            .node_locations
            .iter()
            .any(|l| l.rsc == rsc && l.avoids == avoids && l.node == node)
        {
            self.warn(
                Msg::PcsSameLocation(format!("「{rsc}, {preavo}, {node}」")),
                self.col("node"),
            );
        }
        self.cfg.node_locations.push(NodeLocation {
            rsc,
            avoids,
            node,
            score,
        });
    }

    fn location_rule(&mut self, row: &Row) {
        let rsc = match self.cell(row, "rsc") {
            "" => self.carry.key.clone().unwrap_or_default(),
            v => {
                self.carry = Carry {
                    key: Some(v.to_string()),
                    ..Carry::default()
                };
                self.rule = None;
                v.to_string()
            }
        };
        if rsc.is_empty() {
            self.err(Msg::PcsNoValue("rsc".into()), self.col("rsc"));
        }
        let score = fmt_score(self.cell(row, "score"));
        let opens = !score.is_empty();
        if opens {
            self.carry.score = Some(score.clone());
        } else if self.carry.score.is_none() {
            self.err(Msg::PcsNoValue("score".into()), self.col("score"));
        } else {
            for c in ["bool_op", "role"] {
                if !self.cell(row, c).is_empty() {
                    self.warn(Msg::PcsHasValue(format!("'{c}'列")), self.col(c));
                }
            }
        }
        let attribute = self.cell(row, "attribute").to_string();
        if attribute.is_empty() {
            self.err(Msg::PcsNoValue("attribute".into()), self.col("attribute"));
        }
        let op = self.cell(row, "op").to_string();
        let value = self.cell(row, "value").to_string();
        if op.is_empty() {
            self.err(Msg::PcsNoValue("op".into()), self.col("op"));
        } else if is_unary(&op) {
            if !value.is_empty() {
                self.warn(Msg::PcsHasValue("'value'列".into()), self.col("value"));
            }
        } else if value.is_empty() {
            self.err(Msg::PcsNoValue("value".into()), self.col("value"));
        }
        if self.row_error {
            return;
        }
        if opens {
            self.cfg.rule_locations.push(RuleLocation {
                rsc,
                score,
                bool_op: self.cell(row, "bool_op").to_string(),
                role: self.cell(row, "role").to_ascii_lowercase(),
                exprs: Vec::new(),
                line: row.number,
            });
            self.rule = Some(self.cfg.rule_locations.len() - 1);
        }
        let Some(at) = self.rule else {
            self.err(Msg::PcsNoValue("score".into()), self.col("score"));
            return;
        };
        let rule = &self.cfg.rule_locations[at];
        if !rule.exprs.is_empty() && rule.bool_op.is_empty() {
            let line = rule.line;
            self.log.line = line;
            self.err(Msg::PcsNoValue("bool_op".into()), self.col("bool_op"));
            self.log.line = row.number;
            return;
        }
        let value = if is_unary(&op) { String::new() } else { value };
        self.cfg.rule_locations[at].exprs.push(Expr {
            attribute,
            op,
            value,
        });
    }

    fn colocation(&mut self, row: &Row) {
        for c in ["rsc", "with-rsc", "score"] {
            if self.cell(row, c).is_empty() {
                self.err(Msg::PcsNoValue(c.into()), self.col(c));
            }
        }
        if self.row_error {
            return;
        }
        self.cfg.colocations.push(Colocation {
            rsc: self.cell(row, "rsc").into(),
            with_rsc: self.cell(row, "with-rsc").into(),
            score: fmt_score(self.cell(row, "score")),
            rsc_role: self.cell(row, "rsc-role").into(),
            with_rsc_role: self.cell(row, "with-rsc-role").into(),
        });
    }

    fn order(&mut self, row: &Row) {
        for c in ["first-rsc", "then-rsc"] {
            if self.cell(row, c).is_empty() {
                self.err(Msg::PcsNoValue(c.into()), self.col(c));
            }
        }
        let mut actions = Vec::new();
        for c in ["first-action", "then-action"] {
            let v = self.cell(row, c).to_ascii_lowercase();
            if !v.is_empty() && !["start", "promote", "demote", "stop"].contains(&v.as_str()) {
                self.err(
                    Msg::PcsInvalidValue {
                        column: c.into(),
                        value: self.cell(row, c).into(),
                        allowed: "start/promote/demote/stop".into(),
                    },
                    self.col(c),
                );
            }
            actions.push(v);
        }
        if self.row_error {
            return;
        }
        let kind = self.cell(row, "kind");
        let kind = ["Optional", "Mandatory", "Serialize"]
            .into_iter()
            .find(|k| k.eq_ignore_ascii_case(kind))
            .map(str::to_string)
            .unwrap_or_else(|| kind.to_string());
        self.cfg.orders.push(Order {
            first: self.cell(row, "first-rsc").into(),
            then: self.cell(row, "then-rsc").into(),
            kind,
            first_action: actions[0].clone(),
            then_action: actions[1].clone(),
            symmetrical: fmt_bool(self.cell(row, "symmetrical")),
        });
    }

    fn alert(&mut self, row: &Row) {
        let sub = match self.mode {
            Mode::Table(_, s) => s,
            _ => None,
        };
        match sub {
            Some('p') => {
                let path = self.cell(row, "path").to_string();
                if path.is_empty() {
                    return;
                }
                if let Some(a) = self.cfg.alerts.iter().find(|a| a.path == path) {
                    let line = a.line;
                    self.err(
                        Msg::PcsAlreadySet {
                            what: format!("「path: {path}」"),
                            item: "alert".into(),
                            line,
                        },
                        self.col("path"),
                    );
                    return;
                }
                self.cfg.alerts.push(Alert {
                    path,
                    line: row.number,
                    ..Alert::default()
                });
                self.alert = Some(self.cfg.alerts.len() - 1);
                self.to_recipient = false;
            }
            Some('r') if !self.cell(row, "recipient").is_empty() => {
                let Some(a) = self.alert else {
                    self.err(Msg::PcsNoValue("path".into()), None);
                    return;
                };
                let value = self.cell(row, "recipient").to_string();
                self.cfg.alerts[a].recipients.push(Recipient {
                    value,
                    ..Recipient::default()
                });
                self.wants_recipient = false;
                self.to_recipient = true;
            }
            Some('r') => {}
            _ => {
                if self.alert.is_none() {
                    self.err(Msg::PcsNoValue("path".into()), None);
                }
                if self.wants_recipient {
                    self.err(Msg::PcsNoValue("recipient".into()), None);
                }
                if self.row_error {
                    return;
                }
                let Some(pkind) = self.param_kind(row, &["options", "meta"]) else {
                    return;
                };
                let name = self.cell(row, "name").to_string();
                let value = self.cell(row, "value").to_string();
                self.check_nv(None, &name, &value);
                let Some(a) = self.alert else { return };
                if self.row_error || (name.is_empty() && value.is_empty()) {
                    return;
                }
                let nv = Nv {
                    name,
                    value,
                    line: row.number,
                };
                let to_recipient = self.to_recipient;
                let alert = &mut self.cfg.alerts[a];
                let (options, meta) = match alert.recipients.last_mut() {
                    Some(r) if to_recipient => (&mut r.options, &mut r.meta),
                    _ => (&mut alert.options, &mut alert.meta),
                };
                if pkind == "meta" {
                    meta.push(nv)
                } else {
                    options.push(nv)
                }
            }
        }
    }

    /// What pm_pcsgen checks once every row is read.
    fn end_checks(&mut self) {
        let here = self.log.line;
        for i in 0..self.cfg.resources.len() {
            let r = &self.cfg.resources[i];
            let (id, line) = (r.id.clone(), r.line);
            let msg = if r.kind.is_primitive() {
                let table = if r.kind == Kind::Stonith {
                    Table::Stonith
                } else {
                    Table::Primitive
                };
                r.described.is_none().then(|| Msg::PcsTableMissing {
                    id,
                    table: table.caption(),
                })
            } else {
                r.children.is_empty().then(|| Msg::PcsEmptyContainer {
                    kind: r.kind.caption(),
                    id,
                })
            };
            if let Some(m) = msg {
                self.log.line = line;
                self.err(m, None);
            }
        }
        for i in 0..self.cfg.rule_locations.len() {
            let r = &self.cfg.rule_locations[i];
            if !r.bool_op.is_empty() && r.exprs.len() == 1 {
                self.log.line = r.line;
                self.warn(Msg::PcsHasValue("'bool_op'列".into()), None);
            }
        }
        // A level crm writes under another number than the sheet's: pcs
        // keeps the sheet's number, crm's `fencing_topology` cannot.
        let renumbered: Vec<(usize, Option<usize>, Msg)> =
            super::pcsgen_render::numbered_levels(&self.cfg.levels)
                .into_iter()
                .filter(|(l, n)| l.level.trim() != n.to_string())
                .map(|(l, number)| {
                    let msg = Msg::PcsLevelRenumbered {
                        node: l.node.clone(),
                        level: l.level.clone(),
                        number,
                    };
                    (l.line, l.col, msg)
                })
                .collect();
        let mut renumbered = renumbered;
        renumbered.sort_by_key(|(line, _, _)| *line);
        for (line, col, msg) in renumbered {
            self.log.line = line;
            self.warn(msg, col);
        }
        for line in std::mem::take(&mut self.pcs_commands) {
            self.log.line = line;
            self.err(Msg::PcsCommandsNotConverted, None);
        }
        self.log.line = here;
    }
}

/// A one-letter sub-table marker (`P`, `A`, `O`, `R`).
fn single_letter(s: &str) -> Option<char> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn is_unary(op: &str) -> bool {
    op.eq_ignore_ascii_case("defined") || op.eq_ignore_ascii_case("not_defined")
}
