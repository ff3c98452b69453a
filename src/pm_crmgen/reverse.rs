//! CIB → sheet (`pm_crmgen --reverse`, `crm configure export-sheet`): the
//! rows of a pm_crmgen 2.2 sheet, laid out like the template's tables, that
//! convert back to the same configuration.
//!
//! What a table can say exactly goes into that table; every other object
//! (constraints, rule-scoped or several attribute sets, templates, bundles,
//! alerts, ACLs, tags, anything with ids or comments a table cannot carry)
//! goes whole into ADDITIONAL_CONFIG as the annotated crm text of `show`,
//! so nothing is lost; [`Reversed::additional`] names those objects so the
//! caller can say so.

use crate::schema::Schema;
use crate::show::{show, ShowOptions};
use crate::xml::{Element, Node};
use std::collections::HashSet;

/// Column headers of each table, as in the template (empty = spacer column).
const NODE: &[&str] = &[
    "", "", "uname", "", "ntype", "ptype", "", "name", "", "value",
];
const NAME_VALUE: &[&str] = &["", "", "name", "", "value"];
const RESOURCES: &[&str] = &["", "", "resourceItem", "resourceItem", "resourceItem", "id"];
const RSC_ATTRIBUTES: &[&str] = &["", "", "id", "", "type", "name", "", "value"];
const FENCING: &[&str] = &["", "", "node", "", "rsc", "", "", "index"];
const PRIM_P: &[&str] = &["", "P", "id", "", "class", "", "provider", "", "type"];
const PRIM_A: &[&str] = &["", "A", "type", "rule", "name", "", "value"];
const CONFIG: &[&str] = &["", "", "config"];

pub type Row = Vec<String>;
/// Name/value pairs of one attribute set.
type Pairs = Vec<(String, String)>;
/// Attribute sets by keyword (`params`, `meta`, `utilization`).
type Sets = Vec<(&'static str, Pairs)>;

/// The sheet made from a configuration.
#[derive(Debug, Default)]
pub struct Reversed {
    pub rows: Vec<Row>,
    /// The objects written as crm text into ADDITIONAL_CONFIG, in `show` order.
    pub additional: Vec<String>,
}

/// A row with `values` under the columns named so in `header`; the n-th
/// `resourceItem` is addressed as `resourceItem#n`.
fn row(header: &[&str], values: &[(&str, &str)]) -> Row {
    let mut out: Row = Vec::new();
    for (name, value) in values {
        let (name, nth) = match name.split_once('#') {
            Some((n, k)) => (n, k.parse::<usize>().unwrap_or(0)),
            None => (*name, 0),
        };
        let Some(pos) = header
            .iter()
            .enumerate()
            .filter(|(_, h)| **h == name)
            .map(|(i, _)| i)
            .nth(nth)
        else {
            continue;
        };
        if out.len() <= pos {
            out.resize(pos + 1, String::new());
        }
        out[pos] = value.to_string();
    }
    out
}

fn header(marker: &str, columns: &[&str]) -> [Row; 2] {
    [
        vec![String::new(), marker.to_string()],
        columns.iter().map(|c| c.to_string()).collect(),
    ]
}

/// pm_crmgen's own section headings (`### Primitive Configuration ###`):
/// it writes them again from the tables, so they are not carried.
pub fn is_heading(comment: &str) -> bool {
    let c = comment.trim().trim_start_matches('#').trim_start();
    let t = comment.trim();
    t.starts_with("### ") && t.ends_with(" ###") && !c.is_empty()
}

fn only_elements(e: &Element) -> bool {
    e.children.iter().all(|c| match c {
        Node::Element(_) => true,
        Node::Comment(t) => is_heading(t),
        Node::Text(t) => t.trim().is_empty(),
    })
}

fn attr_names(e: &Element) -> Vec<String> {
    e.attrs().to_vec().into_iter().map(|(n, _)| n).collect()
}

fn has_only_attrs(e: &Element, allowed: &[&str]) -> bool {
    attr_names(e).iter().all(|n| allowed.contains(&n.as_str()))
}

/// The pairs of a plain attribute set (nvpairs only, no rule, score or
/// reference); `None` when a table cannot carry it.
fn plain_pairs(set: &Element) -> Option<Vec<(String, String)>> {
    if !has_only_attrs(set, &["id"]) || !only_elements(set) {
        return None;
    }
    set.elements()
        .map(|p| {
            let ok = p.name == "nvpair" && has_only_attrs(p, &["id", "name", "value"]);
            match (ok, p.get("name"), p.get("value")) {
                (true, Some(n), Some(v)) => Some((n.to_string(), v.to_string())),
                _ => None,
            }
        })
        .collect()
}

fn set_keyword(name: &str) -> Option<&'static str> {
    match name {
        "instance_attributes" => Some("params"),
        "meta_attributes" => Some("meta"),
        "utilization" => Some("utilization"),
        _ => None,
    }
}

/// The attribute sets of a resource, `(keyword, pairs)` in document order,
/// at most one of each keyword; `None` when the tables cannot say them.
fn resource_sets(e: &Element, allowed: &[&str]) -> Option<Sets> {
    let mut out: Sets = Vec::new();
    for c in e.elements() {
        let Some(k) = set_keyword(c.name.as_str()) else {
            continue;
        };
        if !allowed.contains(&k) || out.iter().any(|(o, _)| *o == k) {
            return None;
        }
        out.push((k, plain_pairs(c)?));
    }
    Some(out)
}

struct Primitive<'a> {
    elem: &'a Element,
    sets: Vec<(&'static str, Vec<(String, String)>)>,
    ops_id: Option<String>,
    ops: Vec<(String, Vec<(String, String)>)>,
    /// The O columns after `type` (None: no ops).
    op_columns: Option<Vec<String>>,
}

/// The template's O columns after `type`.
const TEMPLATE_OPS: [&str; 4] = ["timeout", "interval", "on-fail", "start-delay"];

/// Whether pm_crmgen, given these O columns, writes every op's attributes
/// in their order (it iterates the columns in Python 2 dict order).
fn columns_keep_order(cols: &[String], ops: &[(String, Vec<(String, String)>)]) -> bool {
    let mut keys = vec!["type".to_string()];
    keys.extend(cols.iter().cloned());
    let order: Vec<&str> = super::py2dict::iteration_order(&keys)
        .into_iter()
        .map(|i| keys[i].as_str())
        .filter(|k| *k != "type")
        .collect();
    ops.iter().all(|(_, attrs)| {
        let want: Vec<&str> = attrs.iter().map(|(n, _)| n.as_str()).collect();
        let got: Vec<&str> = order.iter().copied().filter(|k| want.contains(k)).collect();
        got == want
    })
}

/// O columns that give back every op as it is: the template's columns with
/// the others after them if that keeps the order, else the first ordering
/// of the names used that does (up to 7 names); `None` if none does.
fn op_columns(ops: &[(String, Vec<(String, String)>)]) -> Option<Vec<String>> {
    let mut used: Vec<String> = Vec::new();
    for (_, attrs) in ops {
        for (n, _) in attrs {
            if n == "type" {
                return None;
            }
            if !used.contains(n) {
                used.push(n.clone());
            }
        }
    }
    let mut template: Vec<String> = TEMPLATE_OPS.iter().map(|c| c.to_string()).collect();
    template.extend(
        used.iter()
            .filter(|n| !TEMPLATE_OPS.contains(&n.as_str()))
            .cloned(),
    );
    if columns_keep_order(&template, ops) {
        return Some(template);
    }
    if used.len() > 7 {
        return None;
    }
    permutations(&used)
        .into_iter()
        .find(|p| columns_keep_order(p, ops))
}

fn permutations(items: &[String]) -> Vec<Vec<String>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, first.clone());
            out.push(p);
        }
    }
    out
}

fn primitive(e: &Element) -> Option<Primitive<'_>> {
    if e.name != "primitive"
        || e.get("type").is_none()
        || !has_only_attrs(e, &["id", "class", "provider", "type"])
        || !only_elements(e)
    {
        return None;
    }
    let sets = resource_sets(e, &["params", "meta", "utilization"])?;
    let mut ops_id = None;
    let mut ops = Vec::new();
    for c in e.elements() {
        match c.name.as_str() {
            "operations" => {
                if !has_only_attrs(c, &["id"]) || !only_elements(c) || !ops.is_empty() {
                    return None;
                }
                ops_id = c.get("id").map(str::to_string);
                for op in c.elements() {
                    if op.name != "op" || op.elements().next().is_some() || !only_elements(op) {
                        return None;
                    }
                    let attrs: Vec<(String, String)> = op
                        .attrs()
                        .to_vec()
                        .into_iter()
                        .filter(|(n, _)| n != "id" && n != "name")
                        .collect();
                    ops.push((op.get("name")?.to_string(), attrs));
                }
            }
            n if set_keyword(n).is_some() => {}
            _ => return None,
        }
    }
    let op_columns = if ops.is_empty() {
        None
    } else {
        Some(op_columns(&ops)?)
    };
    Some(Primitive {
        elem: e,
        sets,
        ops_id,
        ops,
        op_columns,
    })
}

/// One resource tree the RESOURCES table can hold.
struct Tree<'a> {
    /// (level, resourceItem word, element) in row order.
    items: Vec<(usize, &'static str, &'a Element)>,
    /// Container attributes for RSC_ATTRIBUTES: (id, keyword, pairs).
    attributes: Vec<(String, &'static str, Pairs)>,
    primitives: Vec<Primitive<'a>>,
}

fn container_ok(e: &Element) -> bool {
    has_only_attrs(e, &["id"]) && only_elements(e)
}

fn children(e: &Element) -> impl Iterator<Item = &Element> {
    e.elements()
        .filter(|c| set_keyword(c.name.as_str()).is_none())
}

fn add_group<'a>(tree: &mut Tree<'a>, e: &'a Element, level: usize) -> Option<()> {
    if !container_ok(e) {
        return None;
    }
    tree.items.push((level, "Group", e));
    let sets = resource_sets(e, &["params", "meta"])?;
    for (k, pairs) in sets {
        tree.attributes.push((e.id()?.to_string(), k, pairs));
    }
    let mut any = false;
    for c in children(e) {
        let p = primitive(c)?;
        tree.items.push((level + 1, "Primitive", c));
        tree.primitives.push(p);
        any = true;
    }
    any.then_some(())
}

fn tree(e: &Element) -> Option<Tree<'_>> {
    let mut t = Tree {
        items: Vec::new(),
        attributes: Vec::new(),
        primitives: Vec::new(),
    };
    match e.name.as_str() {
        "primitive" => {
            t.primitives.push(primitive(e)?);
            t.items.push((0, "Primitive", e));
        }
        "group" => add_group(&mut t, e, 0)?,
        "clone" | "master" => {
            if !container_ok(e) {
                return None;
            }
            let word = if e.name == "clone" { "Clone" } else { "Master" };
            t.items.push((0, word, e));
            for (k, pairs) in resource_sets(e, &["params", "meta"])? {
                t.attributes.push((e.id()?.to_string(), k, pairs));
            }
            let kids: Vec<&Element> = children(e).collect();
            let [child] = kids.as_slice() else {
                return None;
            };
            match child.name.as_str() {
                "primitive" => {
                    t.primitives.push(primitive(child)?);
                    t.items.push((1, "Primitive", child));
                }
                "group" => add_group(&mut t, child, 1)?,
                _ => return None,
            }
        }
        _ => return None,
    }
    Some(t)
}

/// A node the NODE table can hold: (uname, ntype, [(ptype, pairs)]).
type NodeRows = (String, String, Vec<(&'static str, Vec<(String, String)>)>);

fn node(e: &Element) -> Option<NodeRows> {
    let uname = e.get("uname").or(e.id())?;
    if e.id() != Some(uname) || !has_only_attrs(e, &["id", "uname", "type"]) || !only_elements(e) {
        return None;
    }
    let mut sets: Vec<(&'static str, Vec<(String, String)>)> = Vec::new();
    for c in e.elements() {
        let k = match c.name.as_str() {
            "instance_attributes" => "attributes",
            "utilization" => "utilization",
            _ => return None,
        };
        if sets.iter().any(|(o, _)| *o == k) {
            return None;
        }
        sets.push((k, plain_pairs(c)?));
    }
    Some((
        uname.to_string(),
        e.get("type").unwrap_or("").to_string(),
        sets,
    ))
}

/// The fencing topology as (node, device, index) rows, if every level names
/// a node and only primitives the sheet describes.
fn fencing(e: &Element, described: &HashSet<String>) -> Option<Vec<(String, String, String)>> {
    if !only_elements(e) || !has_only_attrs(e, &[]) {
        return None;
    }
    let mut rows = Vec::new();
    for level in e.elements() {
        if level.name != "fencing-level"
            || !has_only_attrs(level, &["id", "target", "index", "devices"])
        {
            return None;
        }
        let target = level.get("target")?;
        let index = level.get("index")?;
        for device in level.get("devices")?.split(',') {
            if !described.contains(device) {
                return None;
            }
            rows.push((target.to_string(), device.to_string(), index.to_string()));
        }
    }
    Some(rows)
}

fn pair_rows(out: &mut Vec<Row>, marker: &str, pairs: &[(String, String)]) {
    out.extend(header(marker, NAME_VALUE));
    for (n, v) in pairs {
        out.push(row(NAME_VALUE, &[("name", n), ("value", v)]));
    }
    out.push(Vec::new());
}

fn primitive_rows(out: &mut Vec<Row>, p: &Primitive) {
    let e = p.elem;
    out.push(vec![String::new(), "PRIMITIVE".into()]);
    out.push(PRIM_P.iter().map(|c| c.to_string()).collect());
    out.push(row(
        PRIM_P,
        &[
            ("id", e.id().unwrap_or("")),
            ("class", e.get("class").unwrap_or("")),
            ("provider", e.get("provider").unwrap_or("")),
            ("type", e.get("type").unwrap_or("")),
        ],
    ));
    if !p.sets.is_empty() || p.ops_id.is_some() {
        out.push(PRIM_A.iter().map(|c| c.to_string()).collect());
        for (k, pairs) in &p.sets {
            for (n, v) in pairs {
                out.push(row(PRIM_A, &[("type", k), ("name", n), ("value", v)]));
            }
        }
        if let Some(id) = &p.ops_id {
            out.push(row(
                PRIM_A,
                &[("type", "operations"), ("name", "$id"), ("value", id)],
            ));
        }
    }
    if let Some(names) = &p.op_columns {
        let mut cols: Vec<String> = vec![String::new(), "O".into(), "type".into()];
        cols.extend(names.iter().cloned());
        let cols_ref: Vec<&str> = cols.iter().map(String::as_str).collect();
        out.push(cols.clone());
        for (name, attrs) in &p.ops {
            let mut values: Vec<(&str, &str)> = vec![("type", name)];
            values.extend(attrs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
            out.push(row(&cols_ref, &values));
        }
    }
    out.push(Vec::new());
}

/// The sheet for `config` (a `<configuration>`), with the notice rows that
/// say which objects went to ADDITIONAL_CONFIG; `notice` is the comment
/// written above that table.
pub fn reverse(config: &Element, schema: &Schema, notice: &str) -> Reversed {
    let mut handled: HashSet<*const Element> = HashSet::new();
    let mut rows: Vec<Row> = Vec::new();
    // NODE
    let nodes: Vec<(&Element, NodeRows)> = config
        .child("nodes")
        .into_iter()
        .flat_map(|n| n.elements())
        .filter_map(|e| node(e).map(|r| (e, r)))
        .collect();
    if !nodes.is_empty() {
        rows.extend(header("NODE", NODE));
        for (e, (uname, ntype, sets)) in &nodes {
            handled.insert(*e as *const Element);
            let mut first = vec![("uname", uname.as_str())];
            if !ntype.is_empty() {
                first.push(("ntype", ntype.as_str()));
            }
            if sets.iter().all(|(_, p)| p.is_empty()) {
                rows.push(row(NODE, &first));
            }
            for (k, pairs) in sets {
                for (n, v) in pairs {
                    let mut vals = first.clone();
                    vals.extend([("ptype", *k), ("name", n.as_str()), ("value", v.as_str())]);
                    rows.push(row(NODE, &vals));
                }
            }
        }
        rows.push(Vec::new());
    }
    // PROPERTY, RSC_DEFAULTS, OP_DEFAULTS: the sets whose id the table's
    // own output would load as.
    for (section, tag, id, marker) in [
        (
            "crm_config",
            "cluster_property_set",
            "cib-bootstrap-options",
            "PROPERTY",
        ),
        (
            "rsc_defaults",
            "meta_attributes",
            "rsc-options",
            "RSC_DEFAULTS",
        ),
        (
            "op_defaults",
            "meta_attributes",
            "op-options",
            "OP_DEFAULTS",
        ),
    ] {
        let set = config
            .child(section)
            .into_iter()
            .flat_map(|s| s.elements())
            .find(|e| e.name == tag && e.id() == Some(id));
        if let Some((set, pairs)) = set.and_then(|s| plain_pairs(s).map(|p| (s, p))) {
            if !pairs.is_empty() {
                handled.insert(set as *const Element);
                pair_rows(&mut rows, marker, &pairs);
            }
        }
    }
    // RESOURCES, RSC_ATTRIBUTES, PRIMITIVE
    let trees: Vec<(&Element, Tree)> = config
        .child("resources")
        .into_iter()
        .flat_map(|r| r.elements())
        .filter_map(|e| tree(e).map(|t| (e, t)))
        .collect();
    let mut described = HashSet::new();
    if !trees.is_empty() {
        rows.extend(header("RESOURCES", RESOURCES));
        for (_, t) in &trees {
            for (level, word, e) in &t.items {
                handled.insert(*e as *const Element);
                let key = format!("resourceItem#{level}");
                rows.push(row(
                    RESOURCES,
                    &[(key.as_str(), word), ("id", e.id().unwrap_or(""))],
                ));
            }
            for p in &t.primitives {
                described.insert(p.elem.id().unwrap_or("").to_string());
            }
        }
        rows.push(Vec::new());
        let attributes: Vec<_> = trees.iter().flat_map(|(_, t)| &t.attributes).collect();
        if !attributes.is_empty() {
            rows.extend(header("RSC_ATTRIBUTES", RSC_ATTRIBUTES));
            for (id, k, pairs) in attributes {
                for (n, v) in pairs {
                    rows.push(row(
                        RSC_ATTRIBUTES,
                        &[("id", id), ("type", k), ("name", n), ("value", v)],
                    ));
                }
            }
            rows.push(Vec::new());
        }
    }
    // FENCING_TOPOLOGY
    if let Some(ft) = config.child("fencing-topology") {
        if let Some(levels) = fencing(ft, &described).filter(|l| !l.is_empty()) {
            handled.insert(ft as *const Element);
            rows.extend(header("FENCING_TOPOLOGY", FENCING));
            for (n, d, i) in &levels {
                rows.push(row(FENCING, &[("node", n), ("rsc", d), ("index", i)]));
            }
            rows.push(Vec::new());
        }
    }
    for (_, t) in &trees {
        for p in &t.primitives {
            primitive_rows(&mut rows, p);
        }
    }
    // ADDITIONAL_CONFIG: every object not said above, as show's annotated text.
    let additional: Vec<String> = crate::show::objects(config)
        .into_iter()
        .filter(|o| !handled.contains(&(o.elem as *const Element)))
        .map(|o| o.id)
        .collect();
    if !additional.is_empty() {
        let opts = ShowOptions {
            schema: schema.clone(),
            selection: Some(additional.clone()),
            obscure: Vec::new(),
            lossless: true,
            ..ShowOptions::default()
        };
        let text = show(config, &opts);
        rows.push(vec![format!("#{notice}")]);
        rows.extend(header("ADDITIONAL_CONFIG", CONFIG));
        for statement in statements(&text).iter().filter(|s| !is_heading(s)) {
            rows.push(row(CONFIG, &[("config", statement)]));
        }
        rows.push(Vec::new());
    }
    Reversed { rows, additional }
}

/// `show` text split into statements (a statement's lines end in `\`
/// but its last).
fn statements(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.lines() {
        if !cur.is_empty() {
            cur.push('\n');
        }
        cur.push_str(line);
        if !line.ends_with('\\') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}
