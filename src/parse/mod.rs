//! Statements → CIB elements. Each statement becomes the XML element it
//! will be in the CIB, without the ids of its sub-elements (those are
//! generated when the object is applied, `ids.rs`). One file per family
//! of statements; every parsing function quotes the grammar rule it
//! implements (`grammar/crm.ebnf` holds them all).

mod acl;
mod alert;
mod cluster;
mod constraint;
mod cursor;
mod raw;
mod resource;
mod rule;
mod sets;
mod values;

pub use acl::SHORTCUTS;
pub use cluster::command_line_nvset;
pub use cursor::Cursor;
pub use values::{is_score_word, score_attr};

use crate::error::{suggest, Error, ErrorKind, Hint, Result};
use crate::kind::Kind;
use crate::lexer::{lines, Line, LineKind};
use crate::schema::Schema;
use crate::span::Span;
use crate::token::Token;
use crate::xml::{Element, Node};

/// What parsing needs to know about the CIB it targets.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub schema: Schema,
    /// Node unames already in the CIB (`fencing_topology` without targets).
    pub nodes: Vec<String>,
}

/// One parsed statement: the object it creates.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub number: usize,
    pub span: Span,
    pub kind: Kind,
    /// The object id (`uname` for nodes without an explicit id).
    pub id: String,
    pub elem: Element,
    /// For `monitor`: the primitive the op is added to.
    pub target: Option<String>,
    pub warnings: Vec<String>,
    /// Written as XML (`xml <…>`, `load xml`): the element carries its
    /// own ids and says which defaults section it is for only by its id.
    pub xml: bool,
}

/// A whole input: statements, or the errors of every bad statement (the
/// first carries the others, `Error::also`): parsing goes on at the next
/// statement after an error.
///
/// ```ebnf
/// statement  ::= node | primitive | monitor | group | clone | bundle | location
///              | colocation | order | rsc_ticket | nvset | fencing_topology | tag
///              | alert | role | acl_target | user | xml | comment
/// comment    ::= "#" text
/// ```
pub fn parse_text(text: &str, ctx: &Context) -> Result<Vec<Statement>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    // The physical line of the previous statement's end, when a blank
    // line cut it after a continuation.
    let mut cut_before: Option<usize> = None;
    for line in lines(text) {
        let line = match line {
            Ok(l) => l,
            Err(es) => {
                errors.extend(es);
                cut_before = None;
                continue;
            }
        };
        let cut_here = line.cut.then(|| physical_line(text, line.span.end));
        match &line.kind {
            LineKind::Comment(c) => comments.push(c.clone()),
            _ => match parse_line(&line, ctx) {
                Ok(mut st) => {
                    attach_comments(&mut st.elem, std::mem::take(&mut comments));
                    out.push(st);
                }
                Err(e) => {
                    let mut e = e.in_statement(line.number);
                    if let Some(l) = cut_here.or(cut_before) {
                        e = e.with_hint(Hint::BlankAfterContinuation { line: l });
                    }
                    errors.push(e);
                }
            },
        }
        cut_before = cut_here;
    }
    match Error::all(errors) {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// 1-based line of a byte offset.
fn physical_line(text: &str, offset: usize) -> usize {
    let end = offset.saturating_sub(1).min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Comments go in front of the element's first child (crm-language §1.2);
/// rsc/op defaults keep them inside their `meta_attributes`.
fn attach_comments(elem: &mut Element, comments: Vec<String>) {
    if comments.is_empty() {
        return;
    }
    let nodes = comments.into_iter().map(Node::Comment);
    elem.children.splice(0..0, nodes);
}

/// One logical line that is not a comment.
pub fn parse_line(line: &Line, ctx: &Context) -> Result<Statement> {
    match &line.kind {
        LineKind::Comment(_) => Err(Error::at(
            ErrorKind::Expected {
                what: "a statement".into(),
                found: None,
                suggestion: None,
            },
            line.span,
        )),
        LineKind::Xml(text) => raw::parse(text, line.span, ctx).map(|mut st| {
            st.number = line.number;
            st
        }),
        LineKind::Words(words) => parse_words(words, line, ctx),
    }
}

fn parse_words(words: &[Token], line: &Line, ctx: &Context) -> Result<Statement> {
    let Some(first) = words.first() else {
        return Err(Error::at(
            ErrorKind::Expected {
                what: "a statement".into(),
                found: None,
                suggestion: None,
            },
            line.span,
        ));
    };
    let kind = Kind::from_keyword(&first.text).ok_or_else(|| {
        Error::at(
            ErrorKind::UnknownCommand {
                word: first.text.clone(),
                suggestion: suggest(&first.text, Kind::KEYWORDS),
            },
            first.span,
        )
    })?;
    let end = Span::new(line.span.end, line.span.end);
    let mut cur = Cursor::new(&words[1..], end);
    let keyword = first.lower();
    let mut st = Statement {
        number: line.number,
        span: line.span,
        kind,
        id: String::new(),
        elem: Element::default(),
        target: None,
        warnings: Vec::new(),
        xml: false,
    };
    let p = Parser {
        ctx,
        keyword: &keyword,
        warnings: Vec::new(),
        number: line.number,
    };
    p.statement(&mut cur, &mut st)?;
    Ok(st)
}

/// Shared state of one statement's parse.
pub struct Parser<'c> {
    pub ctx: &'c Context,
    pub keyword: &'c str,
    pub warnings: Vec<String>,
    pub number: usize,
}

impl Parser<'_> {
    fn statement(mut self, cur: &mut Cursor, st: &mut Statement) -> Result<()> {
        let elem = match st.kind {
            Kind::Node => cluster::node(&mut self, cur)?,
            Kind::Primitive | Kind::Template => resource::primitive(&mut self, cur, st.kind)?,
            Kind::Group => resource::group(&mut self, cur)?,
            Kind::Clone | Kind::Master => resource::clone(&mut self, cur, st.kind)?,
            Kind::Bundle => resource::bundle(&mut self, cur)?,
            Kind::Monitor => {
                let (target, op) = resource::monitor(&mut self, cur)?;
                st.target = Some(target);
                op
            }
            Kind::Location => constraint::location(&mut self, cur)?,
            Kind::Colocation => constraint::colocation(&mut self, cur)?,
            Kind::Order => constraint::order(&mut self, cur)?,
            Kind::Ticket => constraint::ticket(&mut self, cur)?,
            Kind::Property | Kind::RscDefaults | Kind::OpDefaults => {
                cluster::nvset(&mut self, cur, st.kind)?
            }
            Kind::Fencing => cluster::fencing(&mut self, cur)?,
            Kind::Tag => cluster::tag(&mut self, cur)?,
            Kind::Alert => alert::alert(&mut self, cur)?,
            Kind::Role => acl::role(&mut self, cur)?,
            Kind::AclTarget | Kind::AclGroup => acl::target(&mut self, cur, st.kind)?,
            Kind::User => acl::user(&mut self, cur)?,
        };
        st.id = object_id(st.kind, &elem);
        st.elem = elem;
        st.warnings = self.warnings;
        check_object_id(st, cur)
    }

    /// "Expected at least N arguments" for this statement's keyword.
    pub fn too_few(&self, cur: &Cursor, count: usize) -> Error {
        cur.error_here(ErrorKind::AtLeastArguments {
            count,
            keyword: self.keyword.to_string(),
        })
    }

    pub fn role_value(&mut self, value: &str) -> String {
        let (converted, warning) = self.ctx.schema.convert_role(value);
        if let Some((from, to)) = warning {
            self.warnings.push(format!(
                "{}: Convert \"{from}\" to \"{to}\" since the current schema version is old and not upgraded yet. Please consider \"crm configure upgrade force\"",
                self.number
            ));
        }
        converted
    }
}

/// The id an object is known by.
pub fn object_id(kind: Kind, elem: &Element) -> String {
    match kind {
        Kind::Fencing => "fencing_topology".to_string(),
        Kind::Monitor => elem.get("name").unwrap_or("").to_string(),
        _ => elem.id().unwrap_or("").to_string(),
    }
}

fn check_object_id(st: &Statement, cur: &Cursor) -> Result<()> {
    if matches!(st.kind, Kind::Node | Kind::Monitor | Kind::Fencing) {
        return Ok(());
    }
    if is_valid_id(&st.id) {
        return Ok(());
    }
    let span = cur
        .toks
        .iter()
        .find(|t| t.text.contains(st.id.as_str()) && !st.id.is_empty())
        .map_or(st.span, |t| t.span);
    Err(Error::at(ErrorKind::InvalidId { id: st.id.clone() }, span))
}

/// `^[A-Za-z_][\w._-]*$`, crmsh's rule for object ids.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}
