//! The CIB element tree and its XML text form. Only `read.rs` and
//! `write.rs` know about quick-xml; everything else works on [`Element`].

mod attrs;
mod element;
mod name;
mod read;
mod write;

pub use attrs::Attrs;
pub use element::{Element, Node};
pub use name::Name;
pub use read::{parse, XmlError};
pub use write::{start_tag, to_pretty, to_string_compact, write_pretty, Writer};
