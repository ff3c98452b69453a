//! The CIB document and how statements change it.

mod apply;
mod backend;
mod checks;
mod document;
mod edit;
mod objects;

pub use apply::{apply, Method};
pub use backend::{Backend, FileBackend};
pub use checks::validate;
pub use document::Cib;
pub use edit::{delete_object, rename_object};
pub use objects::{find_object, object_kind, objects, remove_object, Object};
