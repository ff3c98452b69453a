//! Running a resource agent's action directly, outside the cluster, as
//! crmsh's resource test driver does: shared by `maintenance action` and
//! `configure rsctest`, which differ only in the environment they give.

use crate::cib::process::Call;
use crate::xml::Element;

/// The name/value pairs of the element's first `set` (crmsh reads only
/// the first instance_attributes or meta_attributes block).
pub(super) fn pairs<'a>(e: &'a Element, set: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
    e.elements()
        .filter(move |s| s.name == set)
        .take(1)
        .flat_map(|s| s.elements())
        .filter(|p| p.name == "nvpair")
        .filter_map(|p| Some((p.get("name")?, p.get("value")?)))
}

/// The call of an lsb or systemd agent's action (their `monitor` is the
/// init script's or unit's `status`); None for any other class.
pub(super) fn service_call(class: &str, kind: &str, action: &str) -> Option<Call> {
    let action = if action == "monitor" {
        "status"
    } else {
        action
    };
    match class {
        "lsb" => {
            let program = if kind.starts_with('/') {
                kind.to_string()
            } else {
                format!("/etc/init.d/{kind}")
            };
            Some(Call::new(&program).arg(action))
        }
        "systemd" => Some(Call::new("systemctl").args([action, &format!("{kind}.service")])),
        _ => None,
    }
}
