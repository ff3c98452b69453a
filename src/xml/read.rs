use super::attrs::Builder;
use super::{Element, Name, Node};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Why an XML text could not be read, with the byte offset where it broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub message: String,
    pub offset: usize,
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

/// How deep elements may nest: libxml2's default limit, which Pacemaker's
/// own parser enforces, so no CIB Pacemaker accepts is refused. It keeps
/// every recursive walk over a tree (show, compare, drop) shallow.
pub const MAX_DEPTH: usize = 256;

/// Parses a document (or fragment) holding exactly one root element.
///
/// Children are gathered on one shared stack and moved into their parent
/// at its closing tag, so every children vector has its exact size.
pub fn parse(text: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(text);
    // Open elements, each with where its children start on `kids`.
    let mut stack: Vec<(Element, usize)> = Vec::new();
    let mut kids: Vec<Node> = Vec::new();
    let mut attrs = Builder::default();
    let mut root: Option<Element> = None;
    let err = |reader: &Reader<&[u8]>, message: String| XmlError {
        message,
        offset: reader.buffer_position() as usize,
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| err(&reader, e.to_string()))?;
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(err(
                        &reader,
                        format!("elements nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let e = element_of(&reader, &start, &mut attrs)?;
                stack.push((e, kids.len()));
            }
            Event::Empty(start) => {
                let e = element_of(&reader, &start, &mut attrs)?;
                attach(&stack, &mut kids, &mut root, e).map_err(|m| err(&reader, m))?;
            }
            Event::End(end) => {
                let (mut e, first) = stack
                    .pop()
                    .ok_or_else(|| err(&reader, "unexpected closing tag".into()))?;
                if e.name.as_bytes() != end.name().as_ref() {
                    return Err(err(
                        &reader,
                        format!(
                            "closing tag </{}> does not match <{}>",
                            String::from_utf8_lossy(end.name().as_ref()),
                            e.name
                        ),
                    ));
                }
                e.children = kids.drain(first..).collect();
                attach(&stack, &mut kids, &mut root, e).map_err(|m| err(&reader, m))?;
            }
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| err(&reader, e.to_string()))?;
                match stack.last() {
                    Some(_) => {
                        if !s.trim().is_empty() {
                            kids.push(Node::Text(s.into_owned()))
                        }
                    }
                    None if s.trim().is_empty() => {}
                    None => return Err(err(&reader, "text outside the root element".into())),
                }
            }
            Event::CData(t) if !stack.is_empty() => {
                kids.push(Node::Text(String::from_utf8_lossy(&t).into_owned()));
            }
            Event::Comment(c) if !stack.is_empty() => {
                kids.push(Node::Comment(String::from_utf8_lossy(&c).into_owned()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((open, _)) = stack.last() {
        return Err(XmlError {
            message: format!("element <{}> is not closed", open.name),
            offset: text.len(),
        });
    }
    root.ok_or_else(|| XmlError {
        message: "no element found".into(),
        offset: 0,
    })
}

fn attach(
    stack: &[(Element, usize)],
    kids: &mut Vec<Node>,
    root: &mut Option<Element>,
    e: Element,
) -> Result<(), String> {
    match stack.last() {
        Some(_) => {
            kids.push(Node::Element(e));
            Ok(())
        }
        None if root.is_none() => {
            *root = Some(e);
            Ok(())
        }
        None => Err("more than one root element".into()),
    }
}

fn element_of(
    reader: &Reader<&[u8]>,
    start: &BytesStart,
    attrs: &mut Builder,
) -> Result<Element, XmlError> {
    let name = Name::new(&String::from_utf8_lossy(start.name().as_ref()));
    // Duplicates are found by scanning while there are few attributes,
    // through a set beyond: one element with 200,000 attributes was n²
    // (quick-xml's own check scans all earlier keys too).
    let mut seen: Option<crate::fasthash::FxHashSet<String>> = None;
    let mut count = 0;
    let mut attributes = start.attributes();
    attributes.with_checks(false);
    for attr in attributes {
        let attr = attr.map_err(|x| XmlError {
            message: x.to_string(),
            offset: reader.buffer_position() as usize,
        })?;
        let key = String::from_utf8_lossy(attr.key.as_ref());
        let value = attr.unescape_value().map_err(|x| XmlError {
            message: x.to_string(),
            offset: reader.buffer_position() as usize,
        })?;
        count += 1;
        let duplicate = match &mut seen {
            Some(set) => !set.insert(key.to_string()),
            None if count <= 16 => attrs.contains(&key),
            None => {
                let set = seen.insert(attrs.names().collect());
                !set.insert(key.to_string())
            }
        };
        if duplicate {
            return Err(XmlError {
                message: format!("duplicate attribute {key}"),
                offset: reader.buffer_position() as usize,
            });
        }
        attrs.push(&key, &value);
    }
    Ok(Element::from_parts(name, attrs.finish(), Vec::new()))
}
