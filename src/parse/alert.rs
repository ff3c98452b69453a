//! `alert` (crm-language §8.3).

use super::sets::attr_set;
use super::{Cursor, Parser};
use crate::error::Result;
use crate::xml::Element;

const TERMS: [&str; 6] = ["attributes", "meta", "select", "to", "}", "{"];
const SELECTS: [&str; 4] = ["nodes", "fencing", "resources", "attributes"];

/// ```ebnf
/// alert      ::= "alert" id path [ "description=" text ] { alert_sets } [ select ] { recipient }
/// alert_sets ::= "attributes" attr_set | "meta" attr_set
/// select     ::= "select" { "nodes" | "fencing" | "resources" | "attributes" [ "{" name { name } "}" ] }
/// recipient  ::= "to" ( value [ "description=" text ] { alert_sets }
///                     | "{" value [ "description=" text ] { alert_sets } "}" )
/// ```
pub fn alert(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    if cur.remaining() < 2 {
        cur.pos = cur.toks.len();
        return Err(p.too_few(cur, 2));
    }
    let id = cur.expect_word("an id")?;
    let path = cur.expect_word("a path")?;
    let mut e = Element::new("alert")
        .with_attr("id", &id.text)
        .with_attr("path", &path.text);
    if let Some(d) = cur.accept_prefixed("description=") {
        e.set("description", d);
    }
    let mut recipients = 0;
    while let Some(t) = cur.peek() {
        if t.is("attributes") || t.is("meta") {
            e.push(set(p, cur)?);
        } else if t.is("select") {
            cur.advance();
            e.push(select(cur));
        } else if t.is("to") {
            cur.advance();
            recipients += 1;
            let mut r = recipient(p, cur)?;
            r.attrs_mut()
                .insert(0, "id", &format!("{}-recipient-{recipients}", id.text));
            e.push(r);
        } else {
            return Err(cur.error_expected(
                "attributes, meta, select or to",
                &["attributes", "meta", "select", "to"],
            ));
        }
    }
    Ok(e)
}

fn set(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let tag = if cur.peek_is("meta") {
        "meta_attributes"
    } else {
        "instance_attributes"
    };
    cur.advance();
    attr_set(p, cur, tag, &TERMS)
}

fn select(cur: &mut Cursor) -> Element {
    let mut s = Element::new("select");
    while let Some(t) = cur.peek() {
        let w = t.lower();
        if !SELECTS.contains(&w.as_str()) {
            break;
        }
        if w == "attributes" && cur.peek_at(1).is_none_or(|n| n.text != "{") {
            break;
        }
        cur.advance();
        let mut sel = Element::new(&format!("select_{w}"));
        if w == "attributes" {
            cur.advance();
            while let Some(n) = cur.advance() {
                if n.text == "}" {
                    break;
                }
                sel.push(Element::new("attribute").with_attr("name", &n.text));
            }
        }
        s.push(sel);
    }
    s
}

fn recipient(p: &mut Parser, cur: &mut Cursor) -> Result<Element> {
    let braced = cur.accept("{");
    let value = cur.expect_word("a recipient")?;
    let mut r = Element::new("recipient").with_attr("value", &value.text);
    if let Some(d) = cur.accept_prefixed("description=") {
        r.set("description", d);
    }
    while cur.peek_is_any(&["attributes", "meta"]) {
        r.push(set(p, cur)?);
    }
    if braced && !cur.accept("}") {
        return Err(cur.error_expected("}", &[]));
    }
    Ok(r)
}
