//! An object as crmsh 4.4 holds it in memory, and its `xml` fallback text.
//!
//! crmsh reads the CIB from `cibadmin`, which writes it indented two
//! spaces per level; then it throws away all text except what follows a
//! comment (the indentation of the comment's next sibling, or of the
//! parent's end tag), moves the members of containers after their
//! attribute sets, strips its objects' own comments and starts them with
//! `#`, and moves those that follow the first element up to just before
//! it (an index of 0 counts as "not yet found" there, so when the first
//! element is the very first child they land after the second child, or
//! stay where they are). The kept text after a comment makes libxml2
//! print that comment's parent, and all below it, on one line.

use crate::xml::{Element, Node};

/// Whether `e` is one of crmsh's objects (their own comments are moved).
fn is_object(name: &str) -> bool {
    matches!(
        name,
        "primitive" | "group" | "clone" | "master" | "bundle" | "template"
    )
}

fn is_container(name: &str) -> bool {
    matches!(name, "group" | "clone" | "master" | "bundle")
}

/// Rewrites `e` (an object at `depth` levels below `<cib>`) the way crmsh
/// sees it.
/// With `fresh` for an object crmsh made in this session from text,
/// which it has not read back from the CIB: a bundle's parts stay in the
/// order they were written.
pub fn view_as(e: &mut Element, depth: usize, fresh: bool) {
    tails(e, depth);
    if !(fresh && e.name == "bundle") {
        sort_members(e);
    }
    fix_comments(e, true);
}

/// Drops all text; gives each comment cibadmin's indentation after it.
fn tails(e: &mut Element, depth: usize) {
    e.children.retain(|n| !matches!(n, Node::Text(_)));
    let n = e.children.len();
    let mut out = Vec::with_capacity(n);
    for (i, c) in std::mem::take(&mut e.children).into_iter().enumerate() {
        let comment = matches!(c, Node::Comment(_));
        out.push(c);
        if comment {
            let level = if i + 1 < n { depth + 1 } else { depth };
            out.push(Node::Text(format!("\n{}", "  ".repeat(level))));
        }
    }
    e.children = out;
    for c in e.elements_mut() {
        tails(c, depth + 1);
    }
}

/// Members (`group`, `primitive`) of every container after everything else.
fn sort_members(e: &mut Element) {
    if is_container(&e.name) {
        let (members, rest): (Vec<Node>, Vec<Node>) = std::mem::take(&mut e.children)
            .into_iter()
            .partition(|n| matches!(n, Node::Element(c) if matches!(c.name.as_str(), "group" | "primitive")));
        e.children = rest;
        e.children.extend(members);
    }
    for c in e.elements_mut() {
        sort_members(c);
    }
}

/// crmsh's treatment of an object's own comments, for `e` and the
/// objects inside it.
fn fix_comments(e: &mut Element, object: bool) {
    if object {
        move_comments(e);
        for c in e.children.iter_mut() {
            if let Node::Comment(t) = c {
                let s = t.trim();
                *t = if s.starts_with('#') {
                    s.to_string()
                } else {
                    format!("# {s}")
                };
            }
        }
    }
    for c in e.elements_mut() {
        let obj = is_object(&c.name);
        fix_comments(c, obj);
    }
}

/// Comments after the first element move up to just before it (the index
/// arithmetic is crmsh's, quirk included); a comment keeps the text that
/// follows it.
fn move_comments(e: &mut Element) {
    // Units: a comment or element with the text after it.
    let mut units: Vec<Vec<Node>> = Vec::new();
    for n in std::mem::take(&mut e.children) {
        match (n, units.last_mut()) {
            (Node::Text(t), Some(u)) => u.push(Node::Text(t)),
            (n, _) => units.push(vec![n]),
        }
    }
    let mut first: Option<usize> = None;
    let mut moved = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let is_comment = matches!(u.first(), Some(Node::Comment(_)));
        if is_comment {
            if first.is_some_and(|f| f != 0) {
                moved.push(i);
            }
        } else if first.is_none_or(|f| f == 0) {
            first = Some(i);
        }
    }
    if let Some(at) = first.filter(|_| !moved.is_empty()) {
        let mut taken = Vec::new();
        for i in moved.iter().rev() {
            taken.push(units.remove(*i));
        }
        taken.reverse();
        for (k, u) in taken.into_iter().enumerate() {
            units.insert(at + k, u);
        }
    }
    e.children = units.into_iter().flatten().collect();
}

/// `xml ` and lxml's pretty print of `e` (ASCII, character references
/// beyond it), blank lines dropped, lines continued with `" \\\n"`.
pub fn xml_text(e: &Element) -> String {
    let mut out = String::new();
    dump(e, 0, true, &mut out);
    let lines: Vec<&str> = out.split('\n').filter(|l| !l.is_empty()).collect();
    format!("xml {}", lines.join(" \\\n"))
}

fn dump(e: &Element, level: usize, format: bool, out: &mut String) {
    out.push('<');
    out.push_str(&e.name);
    for (k, v) in e.attrs() {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        escape(v, true, out);
        out.push('"');
    }
    if e.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    let format = format && !e.children.iter().any(|n| matches!(n, Node::Text(_)));
    for c in &e.children {
        if format {
            out.push('\n');
            out.push_str(&"  ".repeat(level + 1));
        }
        match c {
            Node::Element(x) => dump(x, level + 1, format, out),
            Node::Comment(t) => {
                out.push_str("<!--");
                ascii(t, out);
                out.push_str("-->");
            }
            Node::Text(t) => escape(t, false, out),
        }
    }
    if format {
        out.push('\n');
        out.push_str(&"  ".repeat(level));
    }
    out.push_str("</");
    out.push_str(&e.name);
    out.push('>');
}

/// libxml2's escaping for an ASCII document.
fn escape(v: &str, attr: bool, out: &mut String) {
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(&format!("&#{};", c as u32)),
        }
    }
}

fn ascii(v: &str, out: &mut String) {
    for c in v.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("&#{};", c as u32));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    fn viewed(src: &str, depth: usize) -> String {
        let mut e = parse(src).expect("xml");
        view_as(&mut e, depth, false);
        xml_text(&e)
    }

    #[test]
    fn plain_elements_are_indented() {
        assert_eq!(
            viewed(r#"<a id="x"><b id="y"/></a>"#, 3),
            "xml <a id=\"x\"> \\\n  <b id=\"y\"/> \\\n</a>"
        );
    }

    #[test]
    fn a_comment_puts_its_parent_on_one_line() {
        let got = viewed(
            "<primitive id=\"p\"><instance_attributes id=\"i\">\n <nvpair id=\"n\"/>\n <!-- c\n  d -->\n <nvpair id=\"m\"/></instance_attributes></primitive>",
            3,
        );
        assert_eq!(
            got,
            "xml <primitive id=\"p\"> \\\n  <instance_attributes id=\"i\"><nvpair id=\"n\"/><!-- c \\\n  d --> \\\n          <nvpair id=\"m\"/></instance_attributes> \\\n</primitive>"
        );
    }

    // Expected texts: crmsh 4.4.1's `configure show` of a CIB holding
    // these objects (at depth 3).
    #[test]
    fn own_comments_get_a_hash_and_members_go_last() {
        let got = viewed(
            "<group id=\"g\"><primitive id=\"a\"/><primitive id=\"b\"/><!-- x --><meta_attributes id=\"m\"><nvpair id=\"m1\"/><!-- in --></meta_attributes></group>",
            3,
        );
        assert_eq!(
            got,
            "xml <group id=\"g\"><!--# x--> \\\n        <meta_attributes id=\"m\"><nvpair id=\"m1\"/><!-- in --> \\\n        </meta_attributes><primitive id=\"a\"/><primitive id=\"b\"/></group>"
        );
    }

    #[test]
    fn a_comment_after_the_first_child_stays_when_that_child_is_first() {
        let got = viewed(
            "<primitive id=\"c\"><meta_attributes id=\"cm\"><nvpair id=\"cm1\"/><!-- in --></meta_attributes><!-- y --><utilization id=\"cu\"/></primitive>",
            3,
        );
        assert_eq!(
            got,
            "xml <primitive id=\"c\"><meta_attributes id=\"cm\"><nvpair id=\"cm1\"/><!-- in --> \\\n        </meta_attributes><!--# y--> \\\n        <utilization id=\"cu\"/></primitive>"
        );
    }

    #[test]
    fn comments_move_up_before_a_later_first_element() {
        let mut e =
            parse("<primitive id=\"p\"><!-- a --><x id=\"1\"/><y id=\"2\"/><!-- b --></primitive>")
                .expect("xml");
        view_as(&mut e, 3, false);
        let order: Vec<String> = e
            .children
            .iter()
            .filter_map(|n| match n {
                Node::Element(x) => Some(x.name.to_string()),
                Node::Comment(c) => Some(c.clone()),
                Node::Text(_) => None,
            })
            .collect();
        assert_eq!(order, ["# a", "# b", "x", "y"]);
    }

    #[test]
    fn values_are_escaped_as_libxml2_does() {
        assert_eq!(
            viewed("<a v=\"&lt;&amp;&quot;'&#10;café\"/>", 3),
            "xml <a v=\"&lt;&amp;&quot;'&#10;caf&#233;\"/>"
        );
    }
}
