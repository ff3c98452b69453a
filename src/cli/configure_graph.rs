//! `graph [dot [FILE [FORMAT]]]`: the configuration as a graphviz DOT
//! graph, laid out as crmsh 4.4 lays it out (cluster nodes on top,
//! groups as boxed subgraphs, locations and orders as edges, crmsh's
//! colours). We write the DOT text; a picture (`svg`, `png`, …) is
//! graphviz's `dot` run on it.

use super::{Failure, Output};
use crate::cib::process::Call;
use crate::cib::{objects, Cib, Object, PrivateFile};
use crate::error::{ConfigureError, Error, ErrorKind};
use crate::kind::Kind;
use crate::notice::Told;
use crate::xml::Element;

type Attrs = Vec<(String, String)>;

/// crmsh's graph style: attributes by object type.
fn style(kind: &str) -> &'static [(&'static str, &'static str)] {
    match kind {
        "." => &[("compound", "true")],
        "*" => &[("fontname", "Helvetica"), ("fontsize", "11")],
        "node" => &[("style", "bold"), ("shape", "box"), ("color", "#7ac142")],
        "primitive" => &[
            ("fillcolor", "#e4e5e6"),
            ("color", "#b9b9b9"),
            ("shape", "box"),
            ("style", "rounded,filled"),
        ],
        "rsc_template" => &[
            ("fillcolor", "#ffd457"),
            ("color", "#b9b9b9"),
            ("shape", "box"),
            ("style", "rounded,filled,dashed"),
        ],
        "class:stonith" => &[("shape", "box"), ("style", "dashed")],
        "location" => &[("style", "dashed"), ("dir", "none")],
        "clone" => &[("color", "#ec008c")],
        "ms" => &[("color", "#f8981d")],
        "group" => &[
            ("color", "#00aeef"),
            ("group", "#00aeef"),
            ("labelloc", "b"),
            ("labeljust", "r"),
            ("labelfontsize", "12"),
        ],
        "template:edge" => &[
            ("color", "#b9b9b9"),
            ("style", "dotted"),
            ("arrowtail", "open"),
            ("dir", "back"),
        ],
        _ => &[],
    }
}

fn set(attrs: &mut Attrs, name: &str, value: &str) {
    match attrs.iter_mut().find(|(k, _)| k == name) {
        Some((_, v)) => *v = value.to_string(),
        None => attrs.push((name.to_string(), value.to_string())),
    }
}

fn gv_id(n: &str) -> String {
    n.replace(['-', '.'], "_")
}

fn quoted(n: &str) -> String {
    if n.starts_with(|c: char| c.is_ascii_digit() || c == '_') {
        format!("\"{n}\"")
    } else {
        n.to_string()
    }
}

fn attr_str(a: &Attrs) -> String {
    a.iter()
        .map(|(k, v)| format!("{k}=\"{v}\""))
        .collect::<Vec<_>>()
        .join(",")
}

/// A graph or subgraph, as crmsh's `crm_gv` builds it.
#[derive(Default)]
struct Gv {
    ident: String,
    /// Resource nodes and their rank (0: no edge leads to them).
    nodes: Vec<(String, usize)>,
    edges: Vec<(Vec<String>, Attrs)>,
    subgraphs: Vec<Gv>,
    attrs: Vec<(String, Attrs)>,
    graph_attrs: Attrs,
    top_nodes: Vec<String>,
    norank: Vec<String>,
}

impl Gv {
    fn new_node(&mut self, n: &str, top: bool, norank: bool) {
        let id = gv_id(n);
        if top {
            self.top_nodes.push(id.clone());
        } else if !self.nodes.iter().any(|(k, _)| *k == id) {
            self.nodes.push((id.clone(), 0));
        }
        if norank {
            self.norank.push(id);
        }
    }

    fn new_attrs(&mut self, n: &str, kind: &str) {
        for (k, v) in style("*").iter().chain(style(kind)) {
            self.new_attr(n, k, v);
        }
    }

    fn new_attr(&mut self, n: &str, name: &str, value: &str) {
        let id = gv_id(n);
        let i = match self.attrs.iter().position(|(k, _)| *k == id) {
            Some(i) => i,
            None => {
                self.attrs.push((id, Vec::new()));
                self.attrs.len() - 1
            }
        };
        set(&mut self.attrs[i].1, name, value);
    }

    fn graph_style(&mut self, kind: &str) {
        for (k, v) in style("*").iter().chain(style(kind)) {
            set(&mut self.graph_attrs, k, v);
        }
    }

    fn new_edge(&mut self, ends: &[&str]) -> usize {
        let ends: Vec<String> = ends.iter().map(|e| gv_id(e)).collect();
        for (i, n) in ends.iter().enumerate().skip(1) {
            if self.top_nodes.contains(n) {
                continue;
            }
            match self.nodes.iter_mut().find(|(k, _)| k == n) {
                Some((_, rank)) => *rank = i,
                None => self.nodes.push((n.clone(), i)),
            }
        }
        self.edges.push((ends, Vec::new()));
        self.edges.len() - 1
    }

    fn edge_style(&mut self, e: usize, kind: &str) {
        for (k, v) in style(kind) {
            set(&mut self.edges[e].1, k, v);
        }
    }

    fn lines(&self, top: bool) -> Vec<String> {
        let mut l = vec![if top {
            "digraph G {\n".to_string()
        } else {
            format!("subgraph {} {{", self.ident)
        }];
        for (k, v) in &self.graph_attrs {
            l.push(format!("\t{k}=\"{v}\";"));
        }
        for sg in &self.subgraphs {
            l.push(format!("\t{}", sg.lines(false).join("\n\t")));
        }
        for (ends, attrs) in &self.edges {
            let e: Vec<String> = ends.iter().map(|x| quoted(x)).collect();
            l.push(format!("\t{} [{}];", e.join(" -> "), attr_str(attrs)));
        }
        for (n, a) in &self.attrs {
            l.push(format!("\t{} [{}];", quoted(n), attr_str(a)));
        }
        for tn in &self.top_nodes {
            for (n, rank) in &self.nodes {
                if *rank > 0 {
                    continue;
                }
                let mut a = "style=\"invis\"".to_string();
                if self.norank.contains(n) {
                    a.push_str(",constraint=\"false\"");
                }
                l.push(format!("\t{} -> {} [{a}];", quoted(tn), quoted(n)));
            }
        }
        l.push("}".into());
        l
    }
}

fn is_resource(e: &Element) -> bool {
    matches!(
        e.name.as_str(),
        "primitive" | "group" | "clone" | "master" | "bundle"
    )
}

fn first_prim(e: &Element) -> String {
    if e.name != "primitive" {
        if let Some(c) = e.elements().find(|c| is_resource(c)) {
            return first_prim(c);
        }
    }
    e.id().unwrap_or("").to_string()
}

fn last_prim(e: &Element) -> String {
    if e.name != "primitive" {
        if let Some(c) = e.elements().filter(|c| is_resource(c)).last() {
            return last_prim(c);
        }
    }
    e.id().unwrap_or("").to_string()
}

struct Graph<'a> {
    cib: &'a Cib,
    /// Resource id → the clone or ms around it (crmsh's type name).
    parents: Vec<(String, &'static str, Kind)>,
}

impl Graph<'_> {
    fn find(&self, id: &str) -> Option<&Element> {
        crate::cib::find_object(self.cib.configuration(), id, false).map(|o| o.elem)
    }

    fn first(&self, id: &str) -> String {
        self.find(id).map(first_prim).unwrap_or_else(|| id.into())
    }

    fn last(&self, id: &str) -> String {
        self.find(id).map(last_prim).unwrap_or_else(|| id.into())
    }

    fn parent(&self, id: &str) -> Option<(&'static str, Kind)> {
        self.parents
            .iter()
            .find(|(i, _, _)| i == id)
            .map(|(_, t, k)| (*t, *k))
    }

    /// crmsh's label of a resource: `clone:ID` inside a clone.
    fn rsc_label(&self, id: &str) -> String {
        match self.parent(id) {
            Some((t, Kind::Clone | Kind::Master)) => format!("{t}:{id}"),
            _ => id.to_string(),
        }
    }

    fn primitive(&self, gv: &mut Gv, o: &Element, template: bool) {
        let id = o.id().unwrap_or("");
        let agent = match o.get("template") {
            Some(t) => self.find(t).unwrap_or(o),
            None => o,
        };
        let class = agent.get("class").unwrap_or("");
        let kind = agent.get("type").unwrap_or("");
        let bottom = if matches!(class, "ocf" | "stonith") {
            kind.to_string()
        } else {
            format!("{class}:{kind}")
        };
        gv.new_node(id, false, !template && class == "stonith");
        gv.new_attr(id, "label", &format!("{}\\n{bottom}", self.rsc_label(id)));
        gv.new_attrs(
            id,
            if template {
                "rsc_template"
            } else {
                "primitive"
            },
        );
        gv.new_attrs(id, &format!("class:{class}"));
        if let Some((t, Kind::Clone | Kind::Master)) = self.parent(id) {
            gv.new_attrs(id, t);
        }
        if let Some(t) = o.get("template") {
            let e = gv.new_edge(&[t, id]);
            gv.edge_style(e, "template:edge");
        }
    }

    fn group(&self, gv: &mut Gv, g: &Element) {
        let id = g.id().unwrap_or("");
        let members: Vec<&Element> = g.elements().filter(|c| c.name == "primitive").collect();
        let ids: Vec<&str> = members.iter().filter_map(|m| m.id()).collect();
        if ids.is_empty() {
            return;
        }
        let mut sg = Gv {
            ident: gv_id(&format!("cluster_{id}")),
            ..Gv::default()
        };
        sg.new_edge(&ids);
        set(&mut sg.graph_attrs, "label", &self.rsc_label(id));
        sg.graph_style("group");
        if let Some((t, Kind::Clone | Kind::Master)) = self.parent(id) {
            sg.graph_style(t);
        }
        for m in members {
            self.primitive(&mut sg, m, false);
        }
        gv.subgraphs.push(sg);
        gv.new_node(ids[0], false, false);
    }

    fn score_label(gv: &mut Gv, e: usize, n: &Element) {
        let score = n
            .get("score")
            .map(|s| s.replace("INFINITY", "inf"))
            .or_else(|| n.get("score-attribute").map(String::from))
            .or_else(|| n.get("kind").map(String::from))
            .unwrap_or_default();
        let label = if matches!(score.as_str(), "inf" | "+inf" | "Mandatory") {
            set(&mut gv.edges[e].1, "style", "solid");
            return;
        } else if score.is_empty() {
            "Adv".to_string()
        } else if score.trim_start_matches('-').parse::<i64>().is_ok()
            || score == "-inf"
            || matches!(score.as_str(), "Optional" | "Serialize")
        {
            score
        } else {
            format!("attr:{score}")
        };
        set(&mut gv.edges[e].1, "label", &label);
    }

    fn location(&self, gv: &mut Gv, l: &Element) {
        let (node, scored) = match l.get("node") {
            Some(n) => (n.to_string(), l),
            None => {
                let rules: Vec<&Element> = l.elements().filter(|c| c.name == "rule").collect();
                let [rule] = rules.as_slice() else { return };
                let exprs: Vec<&Element> = rule.elements().collect();
                let [e] = exprs.as_slice() else { return };
                if e.name != "expression"
                    || e.get("attribute") != Some("#uname")
                    || e.get("operation") != Some("eq")
                {
                    return;
                }
                let Some(v) = e.get("value") else { return };
                (v.to_string(), *rule)
            }
        };
        let Some(rsc) = l.get("rsc") else { return };
        let first = self.first(rsc);
        let e = gv.new_edge(&[&node, &first]);
        gv.edge_style(e, "location");
        Self::score_label(gv, e, scored);
    }

    fn order(&self, gv: &mut Gv, o: &Element) {
        let sets: Vec<Vec<&str>> = o
            .elements()
            .filter(|c| c.name == "resource_set")
            .map(|s| {
                s.elements()
                    .filter(|r| r.name == "resource_ref")
                    .filter_map(|r| r.id())
                    .collect()
            })
            .collect();
        let mut pairs: Vec<(String, String)> = Vec::new();
        if sets.is_empty() {
            if let (Some(a), Some(b)) = (o.get("first"), o.get("then")) {
                pairs.push((a.into(), b.into()));
            }
        } else {
            // A set's members follow one another; consecutive sets are
            // joined last member to first.
            let flat: Vec<&str> = sets.iter().flatten().copied().collect();
            for w in flat.windows(2) {
                pairs.push((w[0].into(), w[1].into()));
            }
        }
        for (a, b) in pairs {
            let (a, b) = (self.last(&a), self.first(&b));
            let e = gv.new_edge(&[&a, &b]);
            Self::score_label(gv, e, o);
        }
    }
}

/// The DOT text of the whole configuration.
pub fn dot(cib: &Cib) -> String {
    let all = objects(cib.configuration());
    let mut parents = Vec::new();
    for o in &all {
        if matches!(o.kind, Kind::Clone | Kind::Master) {
            let t = if o.kind == Kind::Master {
                "ms"
            } else {
                "clone"
            };
            for c in o.elem.elements().filter(|c| is_resource(c)) {
                if let Some(id) = c.id() {
                    parents.push((id.to_string(), t, o.kind));
                }
            }
        }
    }
    let graph = Graph { cib, parents };
    let mut gv = Gv::default();
    gv.graph_style(".");
    let mut sorted: Vec<&Object> = all.iter().collect();
    sorted.sort_by(|a, b| {
        (a.kind.show_rank(), a.id.as_str()).cmp(&(b.kind.show_rank(), b.id.as_str()))
    });
    for o in sorted {
        let in_group = o.path.len() > 2
            && graph.find(&o.id).is_some()
            && all
                .iter()
                .any(|p| p.kind == Kind::Group && o.path.starts_with(&p.path) && p.path != o.path);
        match o.kind {
            Kind::Node => {
                let uname = o.elem.get("uname").unwrap_or(&o.id).to_string();
                gv.new_node(&uname, true, false);
                gv.new_attr(&uname, "label", &uname);
                gv.new_attrs(&uname, "node");
            }
            Kind::Primitive if !in_group => graph.primitive(&mut gv, o.elem, false),
            Kind::Template => graph.primitive(&mut gv, o.elem, true),
            Kind::Group => graph.group(&mut gv, o.elem),
            Kind::Location => graph.location(&mut gv, o.elem),
            Kind::Order => graph.order(&mut gv, o.elem),
            _ => {}
        }
    }
    let mut text = gv.lines(true).join("\n");
    text.push('\n');
    text
}

const FORMATS: &[&str] = &["dot", "svg", "png", "pdf", "ps", "jpg", "jpeg", "gif"];

/// `graph [dot [FILE [FORMAT]]]`: without a file the DOT text is printed
/// (crmsh opens dotty, which needs a display); with a file it is written
/// there, or drawn by graphviz's dot in FORMAT.
pub fn run(cib: &Cib, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let (kind, file, format) = match words {
        [] => ("dot", None, None),
        [k] => (*k, None, None),
        [k, f] => (*k, Some(*f), None),
        [k, f, t] => (*k, Some(*f), Some(*t)),
        _ => return Err(super::bad_arguments(super::Level::Configure, &["graph"]).into()),
    };
    if kind != "dot" {
        return Err(Error::from(ConfigureError::GraphType { kind: kind.into() }).into());
    }
    let text = dot(cib);
    let Some(file) = file else {
        out.print(&text);
        return Ok(());
    };
    let format = format.unwrap_or("dot");
    if !FORMATS.contains(&format) {
        return Err(Error::from(ConfigureError::GraphFormat {
            format: format.into(),
        })
        .into());
    }
    if format == "dot" {
        let path = std::path::Path::new(file);
        crate::safe_file::write(path, text.as_bytes(), 0o644).map_err(|e| Error::file(path, e))?;
    } else {
        let dotfile = PrivateFile::create("graph", &text)?;
        let result = Call::new("dot")
            .arg(format!("-T{format}"))
            .arg(format!("-o{file}"))
            .arg(dotfile.path.display().to_string())
            .run();
        match result {
            Err(e) if matches!(*e.kind, ErrorKind::ToolMissing { .. }) => {
                out.warning(&Told::NoDot.to_string());
                return Err(e.into());
            }
            r => {
                r?.success()
                    .then_some(())
                    .ok_or_else(|| Error::new(ErrorKind::Reported))?;
            }
        }
    }
    out.info(&Told::GraphWritten { file: file.into() }.to_string());
    Ok(())
}
