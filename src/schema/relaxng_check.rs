//! A CIB's configuration against its RelaxNG grammar, in pieces.
//!
//! libxml2's validator grows faster than linearly with the number of
//! siblings (50,000 primitives in one `<resources>` take seconds) and
//! holds a DOM of ten times the text. Pacemaker's grammars constrain each
//! object on its own; what crosses objects is only ID uniqueness (checked
//! by our own code over the whole CIB) and IDREFs. So the large sections
//! are validated a slice at a time, each slice in a complete, minimal
//! `<cib>`, and an IDREF to an id that exists in another slice is not an
//! error. The status section is not ours to change and is left out.

use super::relaxng::{Grammar, Problem};
use crate::cib::Cib;
use crate::fasthash::{FxHashMap, FxHashSet};
use crate::xml::{Element, Node, Writer};

/// Top-level children of a splittable section per slice.
const SLICE: usize = 250;

/// Sections whose grammar is a repetition of independent objects, so
/// that any slice of them (even none) is a valid section.
fn splittable(section: &str) -> bool {
    matches!(section, "nodes" | "resources" | "constraints")
}

/// The element a problem is about and the chain of its ancestors.
#[derive(Debug)]
pub struct Finding<'a> {
    pub message: String,
    /// `<cib>` first, the failing element last (empty when unknown).
    pub chain: Vec<&'a Element>,
}

/// One slice: for each section, the children written.
struct Slice<'a> {
    sections: Vec<(&'a Element, Vec<&'a Element>)>,
}

/// `unchanged` tells the objects that need no validation again.
fn slices<'a>(cib: &'a Cib, unchanged: &dyn Fn(&str, &Element) -> bool) -> Vec<Slice<'a>> {
    let conf = cib.configuration();
    let mut first = Slice {
        sections: Vec::new(),
    };
    let mut rest: Vec<Slice> = Vec::new();
    for section in conf.elements() {
        if !splittable(&section.name) {
            first.sections.push((section, section.elements().collect()));
            continue;
        }
        let kids: Vec<&Element> = section
            .elements()
            .filter(|k| !unchanged(&section.name, k))
            .collect();
        let mut chunks = kids.chunks(SLICE);
        first.sections.push((
            section,
            chunks.next().map(<[_]>::to_vec).unwrap_or_default(),
        ));
        for (i, chunk) in chunks.enumerate() {
            if rest.len() <= i {
                rest.push(Slice {
                    sections: Vec::new(),
                });
            }
            rest[i].sections.push((section, chunk.to_vec()));
        }
    }
    // Every slice needs the sections the grammar requires; an empty one
    // stands for the part of the section validated elsewhere.
    for slice in &mut rest {
        for section in conf
            .elements()
            .filter(|s| splittable(&s.name) || s.name == "crm_config")
        {
            if !slice
                .sections
                .iter()
                .any(|(s, _)| std::ptr::eq(*s, section))
            {
                slice.sections.push((section, Vec::new()));
            }
        }
    }
    std::iter::once(first).chain(rest).collect()
}

fn write(cib: &Cib, slice: &Slice) -> String {
    let mut w = Writer::new();
    w.start(&cib.root);
    for node in &cib.root.children {
        match node {
            Node::Element(e) if e.name == "configuration" => {
                w.start(e);
                for (section, kids) in &slice.sections {
                    w.start(section);
                    for k in kids {
                        w.element(k);
                    }
                    w.end(section);
                }
                w.end(e);
            }
            Node::Element(e) if e.name == "status" => {}
            // Anything else under <cib> is Pacemaker's to refuse too.
            Node::Element(e) => w.element(e),
            Node::Text(t) if !t.trim().is_empty() => w.text(t),
            _ => {}
        }
    }
    w.end(&cib.root);
    w.finish()
}

/// Validates; the problems found, each with the element it is about.
/// With `valid_before`, a CIB known to be valid (Pacemaker validated it),
/// the objects of the large sections that are unchanged since are not
/// validated again: each is valid on its own, and what crosses objects
/// (ids, references) is still checked.
pub fn validate<'a>(
    cib: &'a Cib,
    grammar: &Grammar,
    valid_before: Option<&Cib>,
) -> Vec<Finding<'a>> {
    let before: FxHashMap<(&str, &str), &Element> = valid_before
        .filter(|b| b.root.get("validate-with") == cib.root.get("validate-with"))
        .map(|b| {
            b.configuration()
                .elements()
                .filter(|s| splittable(&s.name))
                .flat_map(|s| {
                    s.elements()
                        .map(move |e| ((s.name.as_str(), e.id().unwrap_or("")), e))
                })
                .collect()
        })
        .unwrap_or_default();
    let unchanged = |section: &str, e: &Element| {
        e.id()
            .and_then(|id| before.get(&(section, id)))
            .is_some_and(|b| *b == e)
    };
    let mut ids: Option<FxHashSet<&str>> = None;
    let mut findings = Vec::new();
    for slice in slices(cib, &unchanged) {
        let problems = grammar.validate(&write(cib, &slice));
        for p in problems {
            if let Some(id) = &p.unknown_id {
                let ids = ids.get_or_insert_with(|| id_set(cib));
                if ids.contains(id.as_str()) {
                    continue;
                }
            }
            findings.push(Finding {
                chain: p
                    .path
                    .as_deref()
                    .map(|path| resolve(cib, &slice, path))
                    .unwrap_or_default(),
                message: describe(&p),
            });
        }
        if !findings.is_empty() {
            break;
        }
    }
    findings
}

fn describe(p: &Problem) -> String {
    p.message.clone()
}

/// The ids an IDREF may point to: those of schema type ID, which node ids
/// are not.
fn id_set(cib: &Cib) -> FxHashSet<&str> {
    let mut ids = FxHashSet::default();
    cib.configuration().walk(&mut |e| {
        if e.name != "node" {
            if let Some(id) = e.id() {
                ids.insert(id);
            }
        }
    });
    ids
}

/// `/cib/configuration/resources/primitive[3]/operations/op` → elements.
fn resolve<'a>(cib: &'a Cib, slice: &Slice<'a>, path: &str) -> Vec<&'a Element> {
    let mut chain: Vec<&'a Element> = Vec::new();
    let steps: Vec<(&str, usize)> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match s.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse().unwrap_or(1)),
            None => (s, 1),
        })
        .collect();
    let nth = |kids: &mut dyn Iterator<Item = &'a Element>, name: &str, n: usize| {
        kids.filter(|e| e.name == name).nth(n.saturating_sub(1))
    };
    for (depth, (name, n)) in steps.into_iter().enumerate() {
        let next = match depth {
            0 => (cib.root.name == name).then_some(&cib.root),
            // The written <configuration> holds the slice's sections.
            2 => nth(&mut slice.sections.iter().map(|(s, _)| *s), name, n),
            3 => {
                let section = chain.last().copied();
                slice
                    .sections
                    .iter()
                    .find(|(s, _)| section.is_some_and(|c| std::ptr::eq(*s, c)))
                    .and_then(|(_, kids)| nth(&mut kids.iter().copied(), name, n))
            }
            _ => chain
                .last()
                .and_then(|parent| nth(&mut parent.elements(), name, n)),
        };
        match next {
            Some(e) => chain.push(e),
            None => break,
        }
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cib::Method;

    fn grammar() -> Option<Grammar> {
        let path = crate::schema::schema_dir().join("pacemaker-3.9.rng");
        if !path.is_file() {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "skipped: no {}", path.display());
            return None;
        }
        Some(Grammar::load(&path).expect("Pacemaker's grammar loads"))
    }

    /// Enough objects for several slices, constraints pointing across them.
    fn big_cib() -> Cib {
        let n = SLICE * 3;
        let mut text = String::from("node node1\n");
        for i in 0..n {
            text.push_str(&format!("primitive p{i} Dummy op monitor interval=10s\n"));
        }
        for i in 1..n {
            text.push_str(&format!("colocation c{i} inf: p{i} p{}\n", i - 1));
        }
        let mut cib = Cib::empty("pacemaker-3.9");
        crate::load::load_text(&mut cib, &text, Method::Update).expect("loads");
        cib
    }

    fn whole(cib: &Cib, grammar: &Grammar) -> Vec<Problem> {
        let mut c = cib.clone();
        c.root
            .children
            .retain(|n| !matches!(n, Node::Element(e) if e.name == "status"));
        grammar.validate(&c.to_xml())
    }

    fn element_mut<'a>(cib: &'a mut Cib, section: &str, id: &str) -> &'a mut Element {
        cib.section_mut(section)
            .elements_mut()
            .find(|e| e.id() == Some(id))
            .expect("element exists")
    }

    #[test]
    fn slices_agree_with_the_whole_document() {
        let Some(g) = grammar() else { return };
        let mut cib = big_cib();
        assert!(slices(&cib, &|_, _| false).len() >= 3);
        assert!(validate(&cib, &g, None).is_empty());
        assert!(whole(&cib, &g).is_empty());

        // A bad attribute deep in the third slice is found, on its element.
        let last = format!("p{}", SLICE * 3 - 10);
        element_mut(&mut cib, "resources", &last).set("bogus", "1");
        let found = validate(&cib, &g, None);
        assert!(!whole(&cib, &g).is_empty());
        let f = found.first().expect("found");
        assert_eq!(f.chain.last().and_then(|e| e.id()), Some(last.as_str()));
        assert!(f.message.contains("bogus"), "{}", f.message);
    }

    #[test]
    fn an_idref_is_an_error_only_when_no_slice_holds_its_target() {
        let Some(g) = grammar() else { return };
        let mut cib = big_cib();
        // c1 points across slices (p1 and p0 are in the first resources
        // slice, the constraints elsewhere): fine. A missing target is not.
        element_mut(&mut cib, "constraints", "c700").set("with-rsc", "nothere");
        let found = validate(&cib, &g, None);
        let f = found.first().expect("found");
        assert!(f.message.contains("nothere"), "{}", f.message);
        assert_eq!(f.chain.last().and_then(|e| e.id()), Some("c700"));
        assert!(!whole(&cib, &g).is_empty());
    }

    #[test]
    fn only_changed_objects_are_validated_after_a_valid_baseline() {
        let Some(g) = grammar() else { return };
        let mut before = big_cib();
        element_mut(&mut before, "resources", "p5").set("bogus", "1");
        let mut after = before.clone();
        after.section_mut("resources").push(
            Element::new("primitive")
                .with_attr("id", "fresh")
                .with_attr("class", "ocf")
                .with_attr("provider", "heartbeat")
                .with_attr("type", "Dummy"),
        );
        // Unchanged p5 is taken as validated before; the new one is fine.
        assert!(validate(&after, &g, Some(&before)).is_empty());
        // Without that trust everything is validated.
        assert!(!validate(&after, &g, None).is_empty());
        // A change to p5 itself is validated.
        element_mut(&mut after, "resources", "p5").set("description", "x");
        assert!(!validate(&after, &g, Some(&before)).is_empty());
    }
}
