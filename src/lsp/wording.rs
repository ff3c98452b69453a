//! Everything the language server says in its own words (the errors and
//! checks it reports keep theirs, `error.rs` and `notice.rs`), in one
//! place so that it can be translated with the rest.

/// Under an id's definition in a hover.
pub fn defined_at(line: usize) -> String {
    format!("defined at line {line}")
}

/// A quick fix's title.
pub fn replace_with(text: &str) -> String {
    format!("Replace with '{text}'")
}

pub fn rename_not_an_id() -> String {
    "there is no id of this file here to rename".to_string()
}

pub fn rename_invalid(id: &str) -> String {
    format!("'{id}' is not a valid id (a letter or _ first, then letters, digits, _ . -)")
}

pub fn rename_in_use(id: &str) -> String {
    format!("'{id}' is already the id of an object of this file")
}

pub fn format_has_errors() -> String {
    "the file has errors: formatting waits until they are fixed".to_string()
}

pub fn format_not_same() -> String {
    "formatting would change the configuration, so it was not done".to_string()
}

pub fn unknown_document() -> String {
    "the document is not open".to_string()
}
