//! CIB → crm configure text, as `crm configure show` prints it
//! (crm-language §10), and losslessly where crmsh loses information.
//!
//! Entry point: [`show`]. Objects are printed in crmsh's order (kind
//! rank, then id by plain string comparison). Each object is checked by
//! reading its text back ([`fallback`]). By default the check is crmsh's
//! own (reparse, compare ignoring ids and child order, see [`compare`])
//! on the object as crmsh holds it ([`crmsh_view`]), so the text is
//! crmsh's byte for byte. In the annotated (lossless) mode the reload is
//! one into an empty CIB: ids that it would not derive are printed
//! explicitly (`$id=`, `$ID:name=value`, `id=`), and objects the language
//! cannot express are printed as `xml <...>`.
//!
//! The returned text ends with `"\n"` after the last object (exactly the
//! bytes `crm configure show` writes); it is empty when nothing is shown.

mod acl;
mod alert;
mod attrs;
mod cluster;
pub mod color;
mod compare;
mod constraint;
mod crmsh_view;
mod fallback;
mod layout;
mod resource;
mod rule;
mod style;

pub use attrs::glob;
pub use layout::{is_plain, quote};

use crate::ids::IdStore;
use crate::kind::Kind;
use crate::schema::Schema;
use crate::xml::Element;
use std::collections::{HashMap, HashSet};

/// How to print.
#[derive(Debug, Clone)]
pub struct ShowOptions {
    /// The CIB's `validate-with` (ACL syntax, roles, op attributes).
    pub schema: Schema,
    /// Object ids to print (node ids or unames for nodes); `None` = all.
    pub selection: Option<Vec<String>>,
    /// Globs of nvpair names whose values print as `******` (crmsh's
    /// `obscure_pattern`, default `passw*`); empty = no masking. Masking
    /// is lossy by nature.
    pub obscure: Vec<String>,
    /// `false` (default): print exactly what crmsh 4.4 prints (sets' and
    /// nvpairs' ids dropped, `string:` dropped, compact fencing_topology,
    /// ...). `true`: the annotated text, which says what a reload into
    /// an empty CIB needs to recreate the same XML, ids included.
    pub lossless: bool,
    /// `true` (default): objects of a kind sorted by id. `false`: in the
    /// order of the CIB (crmsh's `sort-elements no`).
    pub sort_ids: bool,
    /// With `sort_ids == false`: the order objects were made in (a
    /// configure session's), instead of the CIB's; ids not in it come
    /// after, in CIB order.
    pub order: Option<Vec<String>>,
    /// Objects a configure session made from text and has not read back
    /// from the CIB: crmsh shows a bundle's parts as written there.
    pub fresh: std::collections::HashSet<String>,
}

impl Default for ShowOptions {
    fn default() -> Self {
        ShowOptions {
            schema: Schema::default(),
            selection: None,
            obscure: vec!["passw*".to_string()],
            lossless: false,
            sort_ids: true,
            order: None,
            fresh: Default::default(),
        }
    }
}

impl ShowOptions {
    /// Defaults with the schema of a `<cib>` root's `validate-with`.
    pub fn for_cib(cib: &Element) -> Self {
        ShowOptions {
            schema: cib
                .get("validate-with")
                .map(Schema::new)
                .unwrap_or_default(),
            ..ShowOptions::default()
        }
    }
}

/// One top-level object of a configuration.
#[derive(Debug, Clone)]
pub struct Object<'a> {
    /// `None` for elements crmsh has no statement for (printed as xml).
    pub kind: Option<Kind>,
    /// The id `show` sorts and selects by (`fencing_topology` for the
    /// fencing topology).
    pub id: String,
    pub elem: &'a Element,
    /// Levels below `<cib>` (3 for a section's child).
    pub depth: usize,
}

impl Object<'_> {
    fn rank(&self) -> u8 {
        self.kind.map_or(u8::MAX, Kind::show_rank)
    }

    fn selected(&self, selection: &Option<Vec<String>>) -> bool {
        let Some(sel) = selection else { return true };
        sel.iter().any(|s| {
            *s == self.id || (self.kind == Some(Kind::Node) && self.elem.get("uname") == Some(s))
        })
    }
}

/// The objects of a `<configuration>` in `show` order. Resources inside
/// groups, clones and bundles are objects of their own too.
pub fn objects(config: &Element) -> Vec<Object<'_>> {
    objects_sorted(config, true)
}

/// [`objects`], or with `by_id == false` kinds in `show` order but the
/// objects of a kind in the order of the CIB.
pub fn objects_sorted(config: &Element, by_id: bool) -> Vec<Object<'_>> {
    let mut out = Vec::new();
    for section in config.elements() {
        match section.name.as_str() {
            "fencing-topology" => out.push(Object {
                kind: Some(Kind::Fencing),
                id: "fencing_topology".into(),
                elem: section,
                depth: 2,
            }),
            "resources" => {
                for r in section.elements() {
                    resource_objects(r, 3, &mut out);
                }
            }
            _ => {
                for e in section.elements() {
                    out.push(Object {
                        kind: Kind::from_element(&e.name, &section.name),
                        id: e.id().unwrap_or("").to_string(),
                        elem: e,
                        depth: 3,
                    });
                }
            }
        }
    }
    if by_id {
        out.sort_by(|a, b| (a.rank(), &a.id).cmp(&(b.rank(), &b.id)));
    } else {
        out.sort_by_key(|a| a.rank());
    }
    out
}

fn resource_objects<'a>(r: &'a Element, depth: usize, out: &mut Vec<Object<'a>>) {
    out.push(Object {
        kind: Kind::from_element(&r.name, "resources"),
        id: r.id().unwrap_or("").to_string(),
        elem: r,
        depth,
    });
    if matches!(r.name.as_str(), "group" | "clone" | "master" | "bundle") {
        for c in r.elements().filter(|c| resource::is_resource(&c.name)) {
            resource_objects(c, depth + 1, out);
        }
    }
}

/// The configuration as crm text; see the module documentation.
pub fn show(config: &Element, opts: &ShowOptions) -> String {
    let mut referenced = HashSet::new();
    config.walk(&mut |e| {
        if let Some(r) = e.get("id-ref") {
            referenced.insert(r.to_string());
        }
    });
    let nodes: Vec<String> = config
        .child("nodes")
        .map(|n| {
            n.elements()
                .filter(|e| e.name == "node")
                .map(|e| e.get("uname").or(e.id()).unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    let env = fallback::Env::new(opts, referenced, nodes);
    let mut store = IdStore::new();
    let mut out = String::new();
    // The lossless text also carries the comments outside every object,
    // as marked lines before the object they go with.
    let mut loose: HashMap<*const Element, Vec<String>> = HashMap::default();
    if opts.lossless {
        for (e, place, text) in crate::cib::loose_comments::loose_comments(config) {
            let line = crate::cib::loose_comments::encode(place, text);
            loose.entry(e as *const Element).or_default().push(line);
        }
    }
    let mut list = objects_sorted(config, opts.sort_ids);
    if let (false, Some(order)) = (opts.sort_ids, &opts.order) {
        let at: std::collections::HashMap<&str, usize> = order
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        list.sort_by_key(|o| {
            (
                o.rank(),
                at.get(o.id.as_str()).copied().unwrap_or(usize::MAX),
            )
        });
    }
    for obj in list {
        let text = fallback::render(&obj, &env, &mut store);
        if obj.selected(&opts.selection) {
            for line in loose
                .get(&(obj.elem as *const Element))
                .into_iter()
                .flatten()
            {
                out.push_str(line);
                out.push('\n');
            }
            out.push_str(&text);
            out.push('\n');
        }
    }
    out
}

/// The parts of one object's text (no comments), as crmsh would print
/// them with the given style.
fn parts(kind: Kind, e: &Element, st: &style::Style) -> Vec<String> {
    match kind {
        Kind::Node => cluster::node(e, st),
        Kind::Template | Kind::Primitive => resource::primitive(e, st),
        Kind::Group | Kind::Clone | Kind::Master => resource::container(e, st),
        Kind::Bundle => resource::bundle(e, st),
        Kind::Location => constraint::location(e, st),
        Kind::Colocation => constraint::colocation(e, st),
        Kind::Order => constraint::order(e, st),
        Kind::Ticket => constraint::ticket(e, st),
        Kind::Fencing => cluster::fencing(e, st),
        Kind::Property => cluster::nvset("property", e, st),
        Kind::RscDefaults => cluster::nvset("rsc_defaults", e, st),
        Kind::OpDefaults => cluster::nvset("op_defaults", e, st),
        Kind::Tag => cluster::tag(e),
        Kind::Role | Kind::User => acl::role(e, st),
        Kind::AclTarget | Kind::AclGroup => acl::target(e),
        Kind::Alert => alert::alert(e, st),
        Kind::Monitor => Vec::new(),
    }
}
