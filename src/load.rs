//! `configure load`: text → statements → applied to a CIB → checked.

use crate::cib::{apply, validate, Cib, Method};
use crate::error::{Error, ErrorKind, Result};
use crate::parse::{parse_text, Context, Statement};

/// What a load reported besides success.
#[derive(Debug, Default, Clone)]
pub struct LoadReport {
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
}

/// Loads crm text into `cib`. All or nothing: on error `cib` is unchanged.
pub fn load_text(cib: &mut Cib, text: &str, method: Method) -> Result<LoadReport> {
    let mut work = cib.clone();
    let report = load_into(&mut work, text, method)?;
    *cib = work;
    Ok(report)
}

/// Like [`load_text`] without the copy: on error `cib` may be half
/// changed, so callers must discard it (the CLI's one-shot commands do).
pub fn load_into(cib: &mut Cib, text: &str, method: Method) -> Result<LoadReport> {
    let ctx = Context {
        schema: cib.schema(),
        nodes: cib.node_names(),
    };
    let statements = parse_text(text, &ctx)?;
    crate::trace::debug(|| format!("parsed {} statements", statements.len()));
    apply_statements(cib, statements, method)
}

/// Applies parsed statements and checks the result; like [`load_into`],
/// `cib` may be half changed on error.
pub fn apply_statements(
    cib: &mut Cib,
    statements: Vec<Statement>,
    method: Method,
) -> Result<LoadReport> {
    let mut warnings: Vec<String> = statements.iter().flat_map(|s| s.warnings.clone()).collect();
    let applied = apply(cib, statements, method)?;
    validate(cib)?;
    warnings.extend(applied.warnings);
    Ok(LoadReport {
        warnings,
        notes: applied.notes,
    })
}

/// `load xml`: a `<cib>` or `<configuration>` document; its top-level
/// objects are applied as if each were an `xml <…>` statement.
pub fn load_xml_into(cib: &mut Cib, text: &str, method: Method) -> Result<LoadReport> {
    let root = crate::xml::parse(text).map_err(|e| {
        Error::new(ErrorKind::XmlMalformed {
            message: e.to_string(),
        })
    })?;
    let config = match root.name.as_str() {
        "configuration" => Some(&root),
        _ => root.child("configuration"),
    };
    let Some(config) = config else {
        return Err(Error::new(ErrorKind::XmlElementUnknown {
            name: root.name.to_string(),
        }));
    };
    let statements: Vec<Statement> = crate::cib::objects(config)
        .into_iter()
        .filter(|o| o.path.len() <= 2)
        .enumerate()
        .map(|(i, o)| Statement {
            number: i + 1,
            span: crate::span::Span::default(),
            kind: o.kind,
            id: o.id.clone(),
            elem: o.elem.clone(),
            target: None,
            warnings: Vec::new(),
            xml: true,
        })
        .collect();
    crate::trace::debug(|| format!("read {} objects from XML", statements.len()));
    let applied = apply(cib, statements, method)?;
    validate(cib)?;
    Ok(LoadReport {
        warnings: applied.warnings,
        notes: applied.notes,
    })
}
