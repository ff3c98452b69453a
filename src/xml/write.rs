use super::{Element, Node};
use quick_xml::escape::escape;

/// lxml-style pretty print: two spaces per level, `<a/>` when empty, one
/// element per line. This is the layout of `show xml` and of the `xml`
/// fallback in `show`.
pub fn to_pretty(e: &Element) -> String {
    let mut out = String::new();
    pretty(e, 0, &mut out);
    out
}

/// The element on one line, no added whitespace.
pub fn to_string_compact(e: &Element) -> String {
    let mut out = String::new();
    compact(e, &mut out);
    out
}

/// A compact document written piece by piece, so that a caller can write
/// a view of a tree (some children of an element) without copying it.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    pub fn new() -> Self {
        Writer::default()
    }

    /// `e`'s start tag, attributes included; its children are not written.
    pub fn start(&mut self, e: &Element) {
        open_tag(e, &mut self.out);
        self.out.push('>');
    }

    pub fn end(&mut self, e: &Element) {
        self.out.push_str("</");
        self.out.push_str(&e.name);
        self.out.push('>');
    }

    /// `e` whole.
    pub fn element(&mut self, e: &Element) {
        compact(e, &mut self.out);
    }

    pub fn text(&mut self, t: &str) {
        self.out.push_str(&escape(t));
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// `e`'s start tag alone (`<op id="x" name="y">`), for messages.
pub fn start_tag(e: &Element) -> String {
    let mut out = String::new();
    open_tag(e, &mut out);
    out.push('>');
    out
}

fn open_tag(e: &Element, out: &mut String) {
    out.push('<');
    out.push_str(&e.name);
    for (k, v) in &e.attrs {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        out.push_str(&escape_attr(v));
        out.push('"');
    }
}

fn escape_attr(v: &str) -> String {
    escape(v)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

fn pretty(e: &Element, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    out.push_str(&indent);
    open_tag(e, out);
    let kids: Vec<&Node> = e
        .children
        .iter()
        .filter(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()))
        .collect();
    if kids.is_empty() {
        out.push_str("/>\n");
        return;
    }
    if let [Node::Text(t)] = kids.as_slice() {
        out.push('>');
        out.push_str(&escape(t.as_str()));
        out.push_str(&format!("</{}>\n", e.name));
        return;
    }
    out.push_str(">\n");
    for k in kids {
        match k {
            Node::Element(c) => pretty(c, depth + 1, out),
            Node::Comment(c) => out.push_str(&format!("{indent}  <!--{c}-->\n")),
            Node::Text(t) => out.push_str(&format!("{indent}  {}\n", escape(t.as_str()))),
        }
    }
    out.push_str(&format!("{indent}</{}>\n", e.name));
}

fn compact(e: &Element, out: &mut String) {
    open_tag(e, out);
    if e.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for k in &e.children {
        match k {
            Node::Element(c) => compact(c, out),
            Node::Comment(c) => out.push_str(&format!("<!--{c}-->")),
            Node::Text(t) => out.push_str(&escape(t.as_str())),
        }
    }
    out.push_str(&format!("</{}>", e.name));
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn pretty_print_reparses_to_the_same_tree() {
        let src = r#"<a x="1 &amp; &quot;2&quot;"><!--# c--><b id="b"/><c><d/></c></a>"#;
        let e = parse(src).expect("valid xml");
        assert_eq!(parse(&to_pretty(&e)).expect("reparse"), e);
        assert_eq!(to_string_compact(&e), src);
    }
}
