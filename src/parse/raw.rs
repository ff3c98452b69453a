//! The `xml <element/>` statement (crm-language §8.5).

use super::{object_id, Context, Statement};
use crate::error::{Error, ErrorKind, Result};
use crate::kind::Kind;
use crate::span::Span;

/// ```ebnf
/// xml        ::= "xml" xml_element
/// ```
pub fn parse(text: &str, span: Span, _ctx: &Context) -> Result<Statement> {
    let elem = crate::xml::parse(text)
        .map_err(|e| Error::at(ErrorKind::XmlMalformed { message: e.message }, span))?;
    // `<op_defaults><meta_attributes …/></op_defaults>` says which
    // section the set is for (crmsh takes that form too).
    if let Some(set) = defaults_set(&elem) {
        let kind = if elem.name == "op_defaults" {
            Kind::OpDefaults
        } else {
            Kind::RscDefaults
        };
        return Ok(Statement {
            number: 0,
            span,
            kind,
            id: object_id(kind, set),
            elem: set.clone(),
            target: None,
            warnings: Vec::new(),
            xml: true,
        });
    }
    let mut op_rule = false;
    elem.walk(&mut |e| op_rule |= e.name == "op_expression");
    let parent = match elem.name.as_str() {
        // Only op_defaults rules may test operations; which section an
        // existing set is in, the load finds by its id.
        "meta_attributes" if op_rule => "op_defaults",
        "meta_attributes" => "rsc_defaults",
        "role" | "user" => "acls",
        _ => "",
    };
    let kind = Kind::from_element(&elem.name, parent).ok_or_else(|| {
        Error::at(
            ErrorKind::XmlElementUnknown {
                name: elem.name.to_string(),
            },
            span,
        )
    })?;
    Ok(Statement {
        number: 0,
        span,
        kind,
        id: object_id(kind, &elem),
        elem,
        target: None,
        warnings: Vec::new(),
        xml: true,
    })
}

/// The one `<meta_attributes>` of a `<rsc_defaults>`/`<op_defaults>`.
fn defaults_set(e: &crate::xml::Element) -> Option<&crate::xml::Element> {
    if !matches!(e.name.as_str(), "rsc_defaults" | "op_defaults") {
        return None;
    }
    let mut sets = e.elements();
    match (sets.next(), sets.next()) {
        (Some(set), None) if set.name == "meta_attributes" => Some(set),
        _ => None,
    }
}
