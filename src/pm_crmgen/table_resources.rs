//! RESOURCES table (spec §7.3): the resource tree. Every error here stops reading.

use super::columns::Columns;
use super::messages::Msg;
use super::model::{Blocks, Part, Resource, RscKind};
use super::processor::{Flow, Processor};
use super::sheet::Row;

impl Processor<'_, '_> {
    pub(super) fn resources_row(&mut self, cols: &Columns, row: &Row) -> Flow {
        let filled: Vec<usize> = cols
            .resource_items
            .iter()
            .copied()
            .filter(|&p| !row.cell(p).is_empty())
            .collect();
        let mut item: Option<(usize, RscKind)> = None;
        match filled.as_slice() {
            [] => self.log.fmterr(Msg::NoValue("resourceItem"), None),
            [p] => match RscKind::parse(&row.cell(*p).to_lowercase()) {
                Some(k) => item = Some((*p, k)),
                None => self.log.fmterr(
                    Msg::UndefinedResourceKind(row.cell(*p).to_string()),
                    Some(*p),
                ),
            },
            _ => self.log.fmterr(Msg::SeveralResourceItems, None),
        }
        let before = self.chain_repr();
        self.log.debug1_row(format!("rsc_config: - {}", before));
        let mut depth: Option<usize> = None;
        if let Some((pos, kind)) = item {
            if !self.chain.is_empty() {
                let reach = (self.chain.len() + 1).min(cols.resource_items.len());
                depth = cols.resource_items[..reach].iter().position(|&x| x == pos);
            } else if cols.resource_items.first() == Some(&pos) {
                depth = Some(0);
            }
            match depth {
                None => self.log.fmterr(Msg::StructureWrong, Some(pos)),
                Some(d) if d > 0 => {
                    let parent = self.chain[d - 1].0;
                    let allowed = match parent {
                        RscKind::Primitive => false,
                        RscKind::Group => kind == RscKind::Primitive,
                        RscKind::Clone | RscKind::Ms => {
                            matches!(kind, RscKind::Primitive | RscKind::Group)
                        }
                    };
                    if !allowed {
                        self.log.fmterr(Msg::KindNestingWrong, Some(pos));
                    }
                }
                Some(_) => {}
            }
        }
        let id_col = cols.pos("id").unwrap_or(0);
        let id = row.cell(id_col).to_string();
        if id.is_empty() {
            self.log.fmterr(Msg::NoValue("id"), Some(id_col));
        } else if let Some(i) = self.cfg.resource_index(&id) {
            let line = self.cfg.resources[i].line;
            self.log.fmterr(
                Msg::ResourceDefined {
                    id: id.clone(),
                    line,
                },
                Some(id_col),
            );
        }
        let (Some((_, kind)), Some(depth), false) = (item, depth, self.log.step_failed()) else {
            return Flow::Abort;
        };
        self.cfg.touch(Part::Resources);
        self.cfg.add_resource(Resource {
            kind,
            id: id.clone(),
            line: self.log.line,
            children: Vec::new(),
            blocks: Blocks::default(),
            described: None,
            class: String::new(),
            provider: String::new(),
            ra_type: String::new(),
            ops: Vec::new(),
        });
        self.chain.truncate(depth);
        self.chain.push((kind, id.clone()));
        let after = self.chain_repr();
        self.log.debug1_row(format!("rsc_config: + {}", after));
        if depth > 0 {
            let parent_id = self.chain[depth - 1].1.clone();
            self.cfg.add_child(&parent_id, id);
        }
        Flow::Next
    }
}
