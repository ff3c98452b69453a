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
    let parent = match elem.name.as_str() {
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
    })
}
