//! The staged configure session: the CIB as read, the version it started
//! from, and the working copy statements change until `commit`.

use crate::cib::{Backend, Cib};
use crate::error::Error;
use crate::xml::Element;
use std::collections::HashMap;

/// crmsh's configure session model (crm-commands §1): read the whole CIB
/// once, change a working copy, push the difference on `commit`.
#[derive(Debug, Clone)]
pub struct Session {
    /// The CIB as read; `commit` refuses when the backend moved past it.
    pub started: Cib,
    /// The CIB with the staged changes.
    pub working: Cib,
    /// Objects the session created or replaced, even when the result
    /// equals what was read (crmsh checks them at commit all the same).
    pub touched: std::collections::HashSet<String>,
    /// The order objects were made in during the session (crmsh shows
    /// them so with `sort-elements no`); empty until something is made.
    pub order: Vec<String>,
    /// Objects changed behind crmsh's object model (it edits their XML
    /// without marking them changed, so its commit checks leave them out).
    pub unmarked: std::collections::HashSet<String>,
}

impl Session {
    pub fn open(backend: &dyn Backend) -> Result<Self, Error> {
        let started = backend.read()?;
        Ok(Session::from_cib(started))
    }

    pub fn from_cib(started: Cib) -> Self {
        Session {
            working: started.clone(),
            started,
            touched: Default::default(),
            order: Vec::new(),
            unmarked: Default::default(),
        }
    }

    /// Whether anything is staged.
    pub fn changed(&self) -> bool {
        self.working.configuration() != self.started.configuration()
            || self.working.root.get("validate-with") != self.started.root.get("validate-with")
    }

    /// Drops the staged changes and reads the CIB again.
    pub fn refresh(&mut self, backend: &dyn Backend) -> Result<(), Error> {
        *self = Session::open(backend)?;
        Ok(())
    }

    /// Ids of the objects whose element differs from the one the session
    /// started with (new objects included), in `show` order.
    pub fn changed_ids(&self) -> Vec<String> {
        let before: HashMap<String, &Element> = crate::show::objects(self.started.configuration())
            .into_iter()
            .map(|o| (o.id, o.elem))
            .collect();
        crate::show::objects(self.working.configuration())
            .into_iter()
            .filter(|o| before.get(&o.id) != Some(&o.elem) || self.touched.contains(&o.id))
            .map(|o| o.id)
            .collect()
    }

    /// Objects of the starting CIB that the session deleted.
    pub fn deleted_ids(&self) -> Vec<String> {
        let now: std::collections::HashSet<String> =
            crate::show::objects(self.working.configuration())
                .into_iter()
                .map(|o| o.id)
                .collect();
        crate::show::objects(self.started.configuration())
            .into_iter()
            .filter(|o| !now.contains(&o.id))
            .map(|o| o.id)
            .collect()
    }
}
