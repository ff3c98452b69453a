//! Loose comments: XML comments outside every object (between the
//! sections of `<configuration>`, between the objects of a section, after
//! the last one). crmsh's text has no place for them, so the lossless
//! text `save` writes carries each as a marked comment line before an
//! object, and a load puts it back where it was. To crmsh such a line is
//! an ordinary comment of the next object, so the file still loads there.
//!
//! A marked line is `#:comment-WHERE TEXT` (no blank when TEXT is empty), TEXT with `%`, backslashes,
//! yen signs, control characters and a final blank written as `%XX`
//! (UTF-8 bytes), so that one physical line holds any comment.

use crate::xml::{Element, Node};

/// Where a loose comment goes, relative to the object it is written
/// before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Right before the object in its section (or, for the fencing
    /// topology, in `<configuration>`).
    Before,
    /// In `<configuration>`, right before the object's section.
    BeforeSection,
    /// At the end of the object's section.
    SectionEnd,
    /// At the end of `<configuration>`.
    End,
}

const MARKS: [(Place, &str); 4] = [
    (Place::Before, "#:comment-before"),
    (Place::BeforeSection, "#:comment-before-section"),
    (Place::SectionEnd, "#:comment-at-section-end"),
    (Place::End, "#:comment-at-end"),
];

/// The marked line for a comment.
pub fn encode(place: Place, text: &str) -> String {
    let mark = MARKS
        .iter()
        .find(|(p, _)| *p == place)
        .map_or("#:comment-before", |(_, m)| m);
    let mut out = String::from(mark);
    if !text.is_empty() {
        out.push(' ');
    }
    let last = text.char_indices().last().map(|(i, _)| i);
    for (i, c) in text.char_indices() {
        let escape = matches!(c, '%' | '\\' | '¥' | '￥')
            || c.is_control()
            || (Some(i) == last && c.is_whitespace());
        if escape {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The place and text of a marked comment line; `None` for any other
/// comment (or a marked one whose escapes are broken: that one stays an
/// ordinary comment rather than being lost).
pub fn decode(line: &str) -> Option<(Place, String)> {
    let (place, rest) = MARKS.iter().find_map(|(p, m)| {
        let rest = line.strip_prefix(m)?;
        match rest.strip_prefix(' ') {
            Some(r) => Some((*p, r)),
            None if rest.is_empty() => Some((*p, rest)),
            None => None,
        }
    })?;
    let mut bytes = Vec::with_capacity(rest.len());
    let mut it = rest.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex = [it.next()?, it.next()?];
            let hex = std::str::from_utf8(&hex).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).ok().map(|t| (place, t))
}

/// Takes the marked comments off the front of a statement's element
/// (where the parser put the comment lines before it).
pub fn take_marked(elem: &mut Element) -> Vec<(Place, String)> {
    let mut out = Vec::new();
    elem.children.retain(|n| match n {
        Node::Comment(c) => match decode(c) {
            Some(m) => {
                out.push(m);
                false
            }
            None => true,
        },
        _ => true,
    });
    out
}

/// Puts `texts` right before child `at` of `parent` (`at` = the number
/// of children: at the end), unless the comments already there end with
/// them, so that loading the same text twice adds them once.
pub fn put_before(parent: &mut Element, at: usize, texts: &[String]) {
    if texts.is_empty() {
        return;
    }
    let there: Vec<&str> = parent.children[..at.min(parent.children.len())]
        .iter()
        .rev()
        .filter(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()))
        .map_while(|n| match n {
            Node::Comment(c) => Some(c.as_str()),
            _ => None,
        })
        .collect();
    let present = there.len() >= texts.len()
        && there[..texts.len()]
            .iter()
            .rev()
            .zip(texts)
            .all(|(a, b)| *a == b);
    if present {
        return;
    }
    let at = at.min(parent.children.len());
    parent
        .children
        .splice(at..at, texts.iter().cloned().map(Node::Comment));
}

/// The loose comments of a configuration, each with the element it is
/// written before and where it goes: comments before a section go with
/// the first object of the next section that has one (an empty section
/// means the same as none), those in a section with the object after
/// them, trailing ones with the last object.
pub fn loose_comments(config: &Element) -> Vec<(&Element, Place, &str)> {
    walk(config).0
}

/// The loose comments that have no object to go with (in a section
/// without objects, or in a configuration without any), as (the tag of
/// the element they are in, text): the crm text cannot carry them.
pub fn unplaced(config: &Element) -> Vec<(&str, &str)> {
    walk(config).1
}

type Walked<'a> = (Vec<(&'a Element, Place, &'a str)>, Vec<(&'a str, &'a str)>);

fn walk(config: &Element) -> Walked<'_> {
    let mut out = Vec::new();
    let mut lost = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let mut last_object: Option<&Element> = None;
    for n in &config.children {
        let section = match n {
            Node::Comment(c) => {
                pending.push(c);
                continue;
            }
            Node::Element(e) => e,
            Node::Text(_) => continue,
        };
        if section.name == "fencing-topology" {
            out.extend(pending.drain(..).map(|c| (section, Place::Before, c)));
            last_object = Some(section);
            continue;
        }
        let Some(first) = section.elements().next() else {
            lost.extend(section.comments().map(|c| (section.name.as_str(), c)));
            continue;
        };
        out.extend(pending.drain(..).map(|c| (first, Place::BeforeSection, c)));
        let mut inner: Vec<&str> = Vec::new();
        let mut last = first;
        for c in &section.children {
            match c {
                Node::Comment(t) => inner.push(t),
                Node::Element(e) => {
                    out.extend(inner.drain(..).map(|t| (e, Place::Before, t)));
                    last = e;
                }
                Node::Text(_) => {}
            }
        }
        out.extend(inner.drain(..).map(|t| (last, Place::SectionEnd, t)));
        last_object = Some(last);
    }
    match last_object {
        Some(e) => out.extend(pending.drain(..).map(|c| (e, Place::End, c))),
        None => lost.extend(pending.drain(..).map(|c| ("configuration", c))),
    }
    (out, lost)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_text_round_trips_on_one_line() {
        for text in [
            " plain ",
            "two\n  lines\n",
            "100% \\ ¥ ￥ end\\",
            "",
            "#already hashed",
        ] {
            let line = encode(Place::SectionEnd, text);
            assert!(!line.contains('\n'), "{line}");
            assert!(!line.ends_with(' ') && !line.ends_with('\\'), "{line}");
            assert_eq!(decode(&line), Some((Place::SectionEnd, text.to_string())));
        }
    }

    #[test]
    fn ordinary_comments_are_not_marked() {
        assert_eq!(decode("# a comment"), None);
        assert_eq!(decode("#:comment-before 50%"), None);
    }

    #[test]
    fn putting_the_same_comments_twice_adds_them_once() {
        let mut e = Element::new("constraints");
        e.push(Element::new("rsc_location").with_attr("id", "l"));
        let texts = vec![" a ".to_string(), " b ".to_string()];
        put_before(&mut e, 0, &texts);
        put_before(&mut e, 2, &texts);
        assert_eq!(e.comments().collect::<Vec<_>>(), [" a ", " b "]);
        assert_eq!(e.children.len(), 3);
    }

    #[test]
    fn comments_go_with_the_object_after_them_or_the_last() {
        let xml = "<configuration><!-- top --><crm_config/><resources>\
                   <!-- r --><primitive id=\"p\"/><!-- tail --></resources>\
                   <!-- end --></configuration>";
        let conf = crate::xml::parse(xml).expect("parses");
        let got: Vec<(Option<&str>, Place, &str)> = loose_comments(&conf)
            .into_iter()
            .map(|(e, p, t)| (e.id(), p, t))
            .collect();
        // `top` precedes an empty section: it goes with the next object.
        assert_eq!(
            got,
            [
                (Some("p"), Place::BeforeSection, " top "),
                (Some("p"), Place::Before, " r "),
                (Some("p"), Place::SectionEnd, " tail "),
                (Some("p"), Place::End, " end "),
            ]
        );
        assert!(unplaced(&conf).is_empty());
        let bare = crate::xml::parse(
            "<configuration><!-- a --><constraints><!-- b --></constraints></configuration>",
        )
        .expect("parses");
        assert_eq!(
            unplaced(&bare),
            [("constraints", " b "), ("configuration", " a ")]
        );
    }
}
