//! Where the objects of a working CIB came from, so that a commit refused
//! for one object can point at the statement of the file that made it.
//!
//! Only the loaded sources are kept (their text is shared, not copied);
//! the statement is found again by parsing them when an error needs it,
//! so a commit that passes pays nothing.

use crate::error::{Error, ErrorKind, ObjectName};
use crate::source::Source;
use crate::span::Span;

/// The crm files loaded into a CIB since it was read.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    sources: Vec<(Source, super::Schema)>,
}

/// Provenance is no part of the document: two CIBs with the same XML are
/// equal wherever their objects came from.
impl PartialEq for Origins {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Origins {
    /// `source` was loaded into a CIB of this schema.
    pub fn record(&mut self, source: &Source, schema: super::Schema) {
        self.sources.push((source.clone(), schema));
    }

    /// `error` with the span of the statement that made its object and
    /// the source holding it (the latest one that defines the object).
    pub fn attach(&self, error: Error) -> (Error, Option<Source>) {
        for (source, schema) in self.sources.iter().rev() {
            if let Some(span) = find(source, schema, &error) {
                let mut error = error;
                error.span = Some(span);
                return (error, Some(source.clone()));
            }
        }
        (error, None)
    }
}

/// `error` located in `source` when it names an object `source` defines
/// and has no place yet.
pub fn locate_in(error: Error, source: &Source, schema: &super::Schema) -> Error {
    match find(source, schema, &error) {
        Some(span) => Error {
            span: Some(span),
            ..error
        },
        None => error,
    }
}

fn find(source: &Source, schema: &super::Schema, error: &Error) -> Option<Span> {
    if error.span.is_some() {
        return None;
    }
    let object = object_of(&error.kind)?;
    if source.text.trim_start().starts_with('<') {
        return find_in_xml(&source.text, &object.id);
    }
    let ctx = crate::parse::Context {
        schema: schema.clone(),
        nodes: Vec::new(),
    };
    let statements = crate::parse::parse_text(&source.text, &ctx).ok()?;
    statements
        .iter()
        .rev()
        .find(|s| s.id == object.id && s.kind.name() == object.keyword)
        .or_else(|| statements.iter().rev().find(|s| s.id == object.id))
        .map(|s| s.span)
}

/// In a `load xml` document: the element whose `id` is the object's.
fn find_in_xml(text: &str, id: &str) -> Option<Span> {
    if id.is_empty() {
        return None;
    }
    let needle = format!(" id=\"{id}\"");
    let at = text.find(&needle)?;
    let start = text[..at].rfind('<').unwrap_or(at);
    Some(Span::new(start, at + needle.len()))
}

fn object_of(kind: &ErrorKind) -> Option<ObjectName> {
    match kind {
        ErrorKind::SchemaInvalid { object, .. } | ErrorKind::Schema { object, .. } => {
            object.clone()
        }
        ErrorKind::MissingReference { object, .. }
        | ErrorKind::LocationScoreAttribute { object, .. }
        | ErrorKind::UnknownResourceClass { object, .. } => Some(object.clone()),
        ErrorKind::MissingConstraintResource { constraint, .. } => Some(ObjectName {
            keyword: String::new(),
            id: constraint.clone(),
        }),
        _ => None,
    }
}
