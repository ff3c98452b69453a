//! Phase 1: walks the rows top to bottom, recognises table and column headers,
//! validates data rows and collects the configuration (spec §4, §6).

use super::columns::{self, Columns, HeaderOutcome};
use super::log::{Level, Logger};
use super::messages::{table_caption, Msg};
use super::model::{Blocks, Config, RscKind};
use super::sheet::{Item, Row, Sheet};
use super::tables::{Sub, Table};
use super::text::{has_non_ascii, py_unicode_repr};

/// What the LOCATION table derives from ping/pingd/diskd columns.
#[derive(Debug, Clone, Copy)]
pub struct Derive {
    pub colocation: bool,
    pub order: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Idle,
    Table(Table, Option<Sub>),
    /// Rest of the table skipped after an error; remembers the sub-table.
    Skip(Option<Sub>),
}

/// After a data row: go on, skip the rest of the table, or stop reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Next,
    Skip,
    Abort,
}

/// How reading ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Reached the end (or stopped after an error that still allows the end checks).
    Finished,
    /// Stopped at once: no end checks, no dump.
    Stopped,
}

/// Values carried over from earlier rows of the same table.
#[derive(Debug, Clone, Default)]
pub struct Carry {
    pub uname: Option<String>,
    pub ntype: Option<String>,
    pub ptype: Option<String>,
    pub id: Option<String>,
    pub kind: Option<String>,
    pub rule: String,
    pub rsc: Option<String>,
    pub score: Option<String>,
    pub node: Option<String>,
}

/// Where ALERT `A` rows put their pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertTarget {
    Alert,
    /// An `R` sub-table started but has no recipient row yet.
    PendingRecipient,
    Recipient,
}

pub struct Processor<'l, 'w> {
    pub log: &'l mut Logger<'w>,
    pub derive: Derive,
    pub cfg: Config,
    pub mode: Mode,
    pub columns: Option<Columns>,
    pub carry: Carry,
    /// RESOURCES parent chain: kind and id per nesting level.
    pub chain: Vec<(RscKind, String)>,
    /// Resource index of the current PRIMITIVE table.
    pub prim: Option<usize>,
    pub alert: Option<usize>,
    pub alert_target: AlertTarget,
}

impl<'l, 'w> Processor<'l, 'w> {
    pub fn new(log: &'l mut Logger<'w>, derive: Derive) -> Self {
        Processor {
            log,
            derive,
            cfg: Config::default(),
            mode: Mode::Idle,
            columns: None,
            carry: Carry::default(),
            chain: Vec::new(),
            prim: None,
            alert: None,
            alert_target: AlertTarget::Alert,
        }
    }

    pub fn run(&mut self, sheet: &Sheet, path: &str) -> Outcome {
        for item in &sheet.items {
            let row = match item {
                Item::Row(r) => r,
                Item::ReadError(text) => {
                    self.log.error(Msg::ReadFailed(path.to_string()));
                    self.log.error(Msg::Raw(text.clone()));
                    return Outcome::Stopped;
                }
                Item::DecodeError => {
                    self.log.error(Msg::DecodeFailed);
                    return Outcome::Stopped;
                }
            };
            self.log.line = row.number;
            match self.row(row) {
                RowResult::Next => {}
                RowResult::Break => return Outcome::Finished,
                RowResult::Stop => return Outcome::Stopped,
            }
        }
        Outcome::Finished
    }

    /// Whether a record carries anything (spec §4.1).
    fn is_valid_row(&mut self, row: &Row) -> bool {
        if row.cells.is_empty() {
            self.log.debug_row(Msg::EmptyLine);
            return false;
        }
        if !row.cells[0].is_empty() {
            if row.cells[0].starts_with('#') {
                self.log.debug_row(Msg::CommentLine);
                return false;
            }
            self.log.debug_row(Msg::ColumnAText);
        }
        if row.cells.iter().all(String::is_empty) || row.cells.len() <= 1 {
            self.log.debug_row(Msg::NoDataLine);
            return false;
        }
        true
    }

    fn row(&mut self, row: &Row) -> RowResult {
        if !self.is_valid_row(row) {
            return RowResult::Next;
        }
        if !row.cell(1).is_empty() {
            self.log.debug_row(Msg::TableHeader);
            if !self.table_header(row) {
                return RowResult::Break;
            }
            self.columns = None;
            let has_sub = match self.mode {
                Mode::Table(_, s) | Mode::Skip(s) => s.is_some(),
                Mode::Idle => false,
            };
            if !has_sub {
                return RowResult::Next;
            }
        }
        let (table, sub) = match self.mode {
            Mode::Skip(_) => {
                self.log.debug_row(Msg::SkipToNextTable);
                return RowResult::Next;
            }
            Mode::Idle => {
                self.log.fmterr(Msg::NoTableHeader, None);
                return RowResult::Stop;
            }
            Mode::Table(t, s) => (t, s),
        };
        let Some(cols) = self.columns.clone() else {
            self.log.debug_row(Msg::ColumnHeader);
            if table.has_subs() && sub.is_none() {
                self.table_definition_error(table);
                return RowResult::Next;
            }
            match columns::analyze(row, table, sub, self.log) {
                HeaderOutcome::Ready(c) => self.columns = Some(c),
                HeaderOutcome::Skip => self.mode = Mode::Skip(sub),
                HeaderOutcome::Abort => return RowResult::Break,
            }
            return RowResult::Next;
        };
        let mut row = row.clone();
        let width = cols.width();
        if row.cells.len() < width {
            row.cells.resize(width, String::new());
        }
        if !cols.row_has_data(&row) {
            self.log.debug_row(Msg::NoRealData);
            return RowResult::Next;
        }
        for &p in &cols.resource_items {
            self.warn_non_ascii(&row, p);
        }
        for (_, p) in cols.by_position() {
            self.warn_non_ascii(&row, p);
        }
        self.log
            .debug_row(Msg::ProcessingTable(table_caption(table.mode_name())));
        self.debug_input(&cols, &row, table, sub);
        self.log.reset_step();
        let flow = self.data_row(table, sub, &cols, &row);
        match flow {
            Flow::Next => RowResult::Next,
            Flow::Skip => {
                self.mode = Mode::Skip(sub);
                RowResult::Next
            }
            Flow::Abort => RowResult::Break,
        }
    }

    fn data_row(&mut self, table: Table, sub: Option<Sub>, cols: &Columns, row: &Row) -> Flow {
        match table {
            Table::Node => self.node_row(cols, row),
            Table::Property | Table::RscDefaults | Table::OpDefaults => {
                self.option_row(table, cols, row)
            }
            Table::Resources => self.resources_row(cols, row),
            Table::Attributes => self.attributes_row(cols, row),
            Table::Primitive => self.primitive_row(sub, cols, row),
            Table::Location => self.location_row(cols, row),
            Table::LocExpert => self.locexpert_row(cols, row),
            Table::Colocation => self.colocation_row(cols, row),
            Table::Order => self.order_row(cols, row),
            Table::Ftopo => self.ftopo_row(cols, row),
            Table::Ticket => self.ticket_row(cols, row),
            Table::Config => self.config_row(cols, row),
            Table::Alert => self.alert_row(sub, cols, row),
        }
    }

    fn warn_non_ascii(&mut self, row: &Row, pos: usize) {
        let v = row.cell(pos);
        if has_non_ascii(v) {
            self.log.warn_row(
                Msg::ValueNonAscii {
                    value: v.to_string(),
                    col: pos,
                },
                Some(pos),
            );
        }
    }

    fn table_definition_error(&mut self, table: Table) {
        let msg = if table == Table::Alert {
            Msg::AlertTableWrong
        } else {
            Msg::PrimitiveTableWrong
        };
        self.log.fmterr(msg, None);
        let sub = match self.mode {
            Mode::Table(_, s) | Mode::Skip(s) => s,
            Mode::Idle => None,
        };
        self.mode = Mode::Skip(sub);
    }

    /// A row with column B set. False when reading has to stop.
    fn table_header(&mut self, row: &Row) -> bool {
        let marker = row.cell(1);
        let lower = marker.to_lowercase();
        let sub = Sub::parse(&lower);
        if let (Mode::Table(table, current), Some(s)) = (self.mode, sub) {
            if table.has_sub(s) {
                if (current.is_none() && s != Sub::P) || (current.is_some() && s == Sub::P) {
                    self.table_definition_error(table);
                    return true;
                }
                self.mode = Mode::Table(table, Some(s));
                self.log.debug_row(Msg::SubModeSet(s.letter()));
                match s {
                    Sub::A => {
                        self.carry.kind = None;
                        self.carry.rule.clear();
                    }
                    Sub::R => self.alert_target = AlertTarget::PendingRecipient,
                    _ => {}
                }
                return true;
            }
        }
        if let (Mode::Skip(_), Some(s)) = (self.mode, sub) {
            self.log.debug_row(Msg::SubModeSkipped(s.letter()));
            return true;
        }
        let Some(table) = Table::from_marker(&lower) else {
            self.log.fmterr(
                Msg::UndefinedTable {
                    marker: marker.to_string(),
                    col: 1,
                },
                Some(1),
            );
            return false;
        };
        self.mode = Mode::Table(table, None);
        self.log.debug_row(Msg::ModeSet(table.mode_name()));
        self.chain.clear();
        self.carry = Carry::default();
        self.prim = None;
        self.alert = None;
        self.alert_target = AlertTarget::Alert;
        true
    }

    fn debug_input(&mut self, cols: &Columns, row: &Row, table: Table, sub: Option<Sub>) {
        if !self.log.wants(Level::Debug1) {
            return;
        }
        let sub = sub.map_or("None".to_string(), |s| s.letter().to_string());
        let mut parts = vec![format!("[{}:{}]", table.mode_name(), sub)];
        for &p in &cols.resource_items {
            parts.push(format!("({})RI[{}]", p + 1, row.cell(p)));
        }
        for (k, p) in cols.by_position() {
            let v = if table == Table::Config {
                row.raw_cell(p)
            } else {
                row.cell(p)
            };
            parts.push(format!("({}){}[{}]", p + 1, k, v));
        }
        self.log.debug1_row(parts.join(" "));
    }

    /// The parent chain in Python 2 repr, for the debug trace.
    pub fn chain_repr(&self) -> String {
        let items: Vec<String> = self
            .chain
            .iter()
            .map(|(k, id)| format!("({}, {})", py_unicode_repr(k.as_str()), py_unicode_repr(id)))
            .collect();
        format!("[{}]", items.join(", "))
    }

    /// Looks a resource up by id (§4.6); reports it when missing.
    pub fn lookup(&mut self, id: &str, kind: Option<RscKind>, col: Option<usize>) -> Option<usize> {
        if id.is_empty() {
            return None;
        }
        let found = self
            .cfg
            .resource_index(id)
            .filter(|&i| kind.is_none_or(|k| self.cfg.resources[i].kind == k));
        if found.is_none() {
            self.log.fmterr(
                Msg::ResourceNotFound {
                    id: id.to_string(),
                    kind: if kind.is_some() { "primitive" } else { "" },
                },
                col,
            );
        }
        found
    }
}

enum RowResult {
    Next,
    /// Leave the loop; the end-of-input handling still runs.
    Break,
    /// Leave at once (data before any table header).
    Stop,
}

/// Checks a name/value pair before it is added (§6.3): empty name, empty value,
/// duplicate name within the same block or rule sub-block.
#[allow(clippy::too_many_arguments)]
pub fn check_pair(
    log: &mut Logger,
    blocks: Option<&Blocks>,
    owner_id: Option<&str>,
    kind: &str,
    rule: &str,
    name: &str,
    value: &str,
    cols: (usize, usize),
) {
    if name.is_empty() && value.is_empty() {
        return;
    }
    if name.is_empty() {
        log.fmterr(Msg::NoValue("name"), Some(cols.0));
    }
    if value.is_empty() {
        log.info_row(Msg::NoValue("value"), Some(cols.1));
    }
    let Some(block) = blocks.and_then(|b| b.get(kind)) else {
        return;
    };
    if kind.is_empty() {
        return;
    }
    if let Some(p) = block.pairs_in(rule).into_iter().find(|p| p.name == name) {
        let context = owner_id.map_or(String::new(), |id| format!("。{}の{}パラメータ", id, kind));
        log.warn_row(
            Msg::DuplicateItem {
                context,
                name: name.to_string(),
                line: p.line,
            },
            Some(cols.0),
        );
    }
}
