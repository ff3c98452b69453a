use super::{Element, Node};
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
pub fn parse(text: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
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
                stack.push(element_of(&reader, &start)?)
            }
            Event::Empty(start) => {
                let e = element_of(&reader, &start)?;
                attach(&mut stack, &mut root, e).map_err(|m| err(&reader, m))?;
            }
            Event::End(end) => {
                let e = stack
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
                attach(&mut stack, &mut root, e).map_err(|m| err(&reader, m))?;
            }
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| err(&reader, e.to_string()))?;
                match stack.last_mut() {
                    Some(parent) => {
                        if !s.trim().is_empty() {
                            parent.children.push(Node::Text(s.into_owned()))
                        }
                    }
                    None if s.trim().is_empty() => {}
                    None => return Err(err(&reader, "text outside the root element".into())),
                }
            }
            Event::CData(t) => {
                if let Some(parent) = stack.last_mut() {
                    let s = String::from_utf8_lossy(&t).into_owned();
                    parent.children.push(Node::Text(s));
                }
            }
            Event::Comment(c) => {
                if let Some(parent) = stack.last_mut() {
                    let s = String::from_utf8_lossy(&c).into_owned();
                    parent.children.push(Node::Comment(s));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
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

fn attach(stack: &mut [Element], root: &mut Option<Element>, e: Element) -> Result<(), String> {
    match stack.last_mut() {
        Some(parent) => {
            parent.children.push(Node::Element(e));
            Ok(())
        }
        None if root.is_none() => {
            *root = Some(e);
            Ok(())
        }
        None => Err("more than one root element".into()),
    }
}

fn element_of(reader: &Reader<&[u8]>, start: &BytesStart) -> Result<Element, XmlError> {
    let mut e = Element::new(&String::from_utf8_lossy(start.name().as_ref()));
    // Duplicates are found by scanning while there are few attributes,
    // through a set beyond: one element with 200,000 attributes was n².
    let mut seen: Option<crate::fasthash::FxHashSet<String>> = None;
    // quick-xml's own duplicate check scans all earlier keys (n²).
    let mut attributes = start.attributes();
    attributes.with_checks(false);
    for attr in attributes {
        let attr = attr.map_err(|x| XmlError {
            message: x.to_string(),
            offset: reader.buffer_position() as usize,
        })?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr
            .unescape_value()
            .map_err(|x| XmlError {
                message: x.to_string(),
                offset: reader.buffer_position() as usize,
            })?
            .into_owned();
        let duplicate = match &mut seen {
            Some(set) => !set.insert(key.clone()),
            None if e.attrs.len() < 16 => e.has(&key),
            None => {
                let mut set: crate::fasthash::FxHashSet<String> =
                    e.attrs.iter().map(|(k, _)| k.clone()).collect();
                let dup = !set.insert(key.clone());
                seen = Some(set);
                dup
            }
        };
        if duplicate {
            return Err(XmlError {
                message: format!("duplicate attribute {key}"),
                offset: reader.buffer_position() as usize,
            });
        }
        e.attrs.push((key, value));
    }
    Ok(e)
}
