use super::{Element, Node};
use std::io;

/// lxml-style pretty print: two spaces per level, `<a/>` when empty, one
/// element per line. This is the layout of `show xml` and of the `xml`
/// fallback in `show`.
pub fn to_pretty(e: &Element) -> String {
    let mut out = String::new();
    pretty(e, 0, &mut out);
    out
}

/// [`to_pretty`] written to `w` in pieces, so a large CIB is never held
/// as one string next to its tree.
pub fn write_pretty(e: &Element, w: &mut dyn io::Write) -> io::Result<()> {
    let mut out = Chunked {
        buf: String::with_capacity(CHUNK + 4096),
        w,
        err: None,
    };
    pretty(e, 0, &mut out);
    out.flush()
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
        close_tag(e, &mut self.out);
    }

    /// `e` whole.
    pub fn element(&mut self, e: &Element) {
        compact(e, &mut self.out);
    }

    pub fn text(&mut self, t: &str) {
        escaped(t, false, &mut self.out);
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

/// Where printed text goes: a string, or a writer fed in chunks.
trait Out {
    fn put(&mut self, s: &str);
    fn put_char(&mut self, c: char) {
        self.put(c.encode_utf8(&mut [0; 4]));
    }
}

impl Out for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
    fn put_char(&mut self, c: char) {
        self.push(c);
    }
}

const CHUNK: usize = 1 << 16;

struct Chunked<'a> {
    buf: String,
    w: &'a mut dyn io::Write,
    err: Option<io::Error>,
}

impl Chunked<'_> {
    fn flush(&mut self) -> io::Result<()> {
        if let Some(e) = self.err.take() {
            return Err(e);
        }
        self.w.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        self.w.flush()
    }
}

impl Out for Chunked<'_> {
    fn put(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= CHUNK && self.err.is_none() {
            if let Err(e) = self.w.write_all(self.buf.as_bytes()) {
                self.err = Some(e);
            }
            self.buf.clear();
        }
    }
}

/// Text content and attribute values escaped as lxml does; attribute
/// values also keep their newlines and tabs as character references.
fn escaped(v: &str, attr: bool, out: &mut dyn Out) {
    let mut last = 0;
    for (i, b) in v.bytes().enumerate() {
        let rep = match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            b'\n' if attr => "&#10;",
            b'\r' if attr => "&#13;",
            b'\t' if attr => "&#9;",
            _ => continue,
        };
        out.put(&v[last..i]);
        out.put(rep);
        last = i + 1;
    }
    out.put(&v[last..]);
}

fn open_tag(e: &Element, out: &mut dyn Out) {
    out.put_char('<');
    out.put(&e.name);
    for (k, v) in e.attrs() {
        out.put_char(' ');
        out.put(k);
        out.put("=\"");
        escaped(v, true, out);
        out.put_char('"');
    }
}

fn close_tag(e: &Element, out: &mut dyn Out) {
    out.put("</");
    out.put(&e.name);
    out.put_char('>');
}

fn indent(depth: usize, out: &mut dyn Out) {
    const SPACES: &str = "                                                                ";
    let mut n = depth * 2;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.put(&SPACES[..k]);
        n -= k;
    }
}

fn blank(n: &Node) -> bool {
    matches!(n, Node::Text(t) if t.trim().is_empty())
}

fn pretty(e: &Element, depth: usize, out: &mut dyn Out) {
    indent(depth, out);
    open_tag(e, out);
    let mut kids = e.children.iter().filter(|n| !blank(n));
    let first = kids.next();
    let second = kids.next();
    match (first, second) {
        (None, _) => {
            out.put("/>\n");
            return;
        }
        (Some(Node::Text(t)), None) => {
            out.put_char('>');
            escaped(t, false, out);
            close_tag(e, out);
            out.put_char('\n');
            return;
        }
        _ => {}
    }
    out.put(">\n");
    for k in e.children.iter().filter(|n| !blank(n)) {
        match k {
            Node::Element(c) => pretty(c, depth + 1, out),
            Node::Comment(c) => {
                indent(depth + 1, out);
                out.put("<!--");
                out.put(c);
                out.put("-->\n");
            }
            Node::Text(t) => {
                indent(depth + 1, out);
                escaped(t, false, out);
                out.put_char('\n');
            }
        }
    }
    indent(depth, out);
    close_tag(e, out);
    out.put_char('\n');
}

fn compact(e: &Element, out: &mut dyn Out) {
    open_tag(e, out);
    if e.children.is_empty() {
        out.put("/>");
        return;
    }
    out.put_char('>');
    for k in &e.children {
        match k {
            Node::Element(c) => compact(c, out),
            Node::Comment(c) => {
                out.put("<!--");
                out.put(c);
                out.put("-->");
            }
            Node::Text(t) => escaped(t, false, out),
        }
    }
    close_tag(e, out);
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

    #[test]
    fn written_in_chunks_is_the_same_text() {
        let mut e = Element::new("resources");
        for i in 0..5000 {
            e.push(Element::new("primitive").with_attr("id", &format!("p{i}\t<&>")));
        }
        let mut w = Vec::new();
        write_pretty(&e, &mut w).expect("write to memory");
        assert_eq!(String::from_utf8(w).expect("utf-8"), to_pretty(&e));
    }
}
