//! The CIB document and how statements change it.

mod adopt;
mod apply;
mod backend;
mod change;
mod checks;
mod document;
mod edit;
mod live;
pub mod loose_comments;
mod merge;
mod object_index;
mod objects;
mod patch;
pub mod process;
mod prune;
mod scope;
mod slots;
mod top_index;

pub use apply::{apply, missing_reference, referable_ids, Applied, Method};
pub use backend::{Backend, FileBackend};
pub use checks::validate;
pub use document::Cib;
pub use edit::{delete_object, rename_object};
pub use live::{shadow_in_use, LiveBackend, PrivateFile};
pub mod references;
pub use objects::{at_path_mut, find_object, object_kind, objects, remove_object, Object};
pub use scope::verification_cib;
