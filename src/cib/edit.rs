//! `configure delete` and `configure rename` (crm-commands §1.7, §1.8).

use super::objects::{at_path_mut, find_object, objects};
use super::Cib;
use crate::error::{Error, ErrorKind, Result};
use crate::kind::Kind;
use crate::parse::is_valid_id;
use crate::xml::Node;

/// Deletes an object as `configure delete` does (see
/// [`super::references`]): constraints and tags follow, a container's
/// children return to the top level.
pub fn delete_object(cib: &mut Cib, id: &str) -> Result<()> {
    let mut notes = Vec::new();
    if super::references::delete(cib, &[id], &mut notes).is_empty() {
        return Ok(());
    }
    let known: Vec<String> = objects(cib.configuration())
        .into_iter()
        .map(|o| o.id)
        .collect();
    Err(Error::new(ErrorKind::NoSuchObject { id: id.to_string() })
        .did_you_mean(id, known.iter().map(String::as_str)))
}

/// Comments right before an object in its section belong to it
/// (lossless-writes §4.7) and go with it. Inside a container they are the
/// container's own, and stay.
pub(super) fn drop_leading_comments(cib: &mut Cib, path: &[usize]) {
    let [section, at] = path else { return };
    let Some(Node::Element(sec)) = cib.configuration_mut().children.get_mut(*section) else {
        return;
    };
    let mut start = *at;
    while start > 0 && matches!(sec.children.get(start - 1), Some(Node::Comment(_))) {
        start -= 1;
    }
    sec.children.drain(start..*at);
}

/// Renames an object and every reference to it; sub-element ids keep
/// their names, as in crmsh.
pub fn rename_object(cib: &mut Cib, old: &str, new: &str, notes: &mut Vec<String>) -> Result<()> {
    if !is_valid_id(new) {
        return Err(Error::new(ErrorKind::InvalidId {
            id: new.to_string(),
        }));
    }
    if objects(cib.configuration())
        .iter()
        .any(|o| o.id == new && o.kind != Kind::Node)
    {
        return Err(Error::new(ErrorKind::IdInUse {
            id: new.to_string(),
        }));
    }
    let Some(obj) = find_object(cib.configuration(), old, false) else {
        return Err(Error::new(ErrorKind::NoSuchObject {
            id: old.to_string(),
        }));
    };
    let path = obj.path;
    if let Some(e) = at_path_mut(cib.configuration_mut(), &path) {
        e.set("id", new);
    }
    super::references::rename(cib, old, new, notes);
    Ok(())
}
