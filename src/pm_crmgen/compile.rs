//! Sheet → CIB XML (`-x`): the generated crm text goes through the same
//! compiler as `crm configure load update` into an empty CIB, so the ids are
//! crmsh's and no Pacemaker is needed.

use crate::cib::{Cib, Method};

/// The schema an empty CIB starts from (as `cibadmin --empty` of Pacemaker 2.1).
pub const SCHEMA: &str = "pacemaker-3.9";

/// The `<configuration>` that loading `text` into an empty CIB gives, with
/// the load's warnings; or the compiler's error, rendered.
pub fn configuration(text: &str) -> Result<(String, Vec<String>), String> {
    let mut cib = Cib::empty(SCHEMA);
    let report =
        crate::load::load_text(&mut cib, text, Method::Update).map_err(|e| e.to_string())?;
    Ok((crate::xml::to_pretty(cib.configuration()), report.warnings))
}
