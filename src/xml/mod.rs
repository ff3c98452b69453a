//! The CIB element tree and its XML text form. Only `read.rs` and
//! `write.rs` know about quick-xml; everything else works on [`Element`].

mod element;
mod read;
mod write;

pub use element::{Element, Node};
pub use read::{parse, XmlError};
pub use write::{start_tag, to_pretty, to_string_compact, Writer};
