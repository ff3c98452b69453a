//! The transition graph of a simulation (`configure ptest`, `history
//! transition`, `cibstatus run`), shown as crmsh 4.4 shows it: unless
//! `nograph`, crm_simulate writes the graph (`-D FILE`) and the viewer of
//! the `dotty` option opens it in the background; with no viewer, crmsh's
//! hint to install graphviz.

use super::{Failure, Output};
use crate::cib::process::Call;
use crate::cib::PrivateFile;
use crate::notice::Told;

/// A DOT file for crm_simulate to write, when a graph is to be shown.
pub struct Graph {
    /// crmsh's hint when there is no viewer (`cibstatus` gives none).
    hint: bool,
    file: Option<(String, PrivateFile)>,
}

impl Graph {
    pub fn prepare(nograph: bool) -> Result<Graph, Failure> {
        Self::with_hint(nograph, !nograph)
    }

    /// As [`Graph::prepare`], but nothing is said when no viewer is found.
    pub fn without_hint(nograph: bool) -> Result<Graph, Failure> {
        Self::with_hint(nograph, false)
    }

    fn with_hint(nograph: bool, hint: bool) -> Result<Graph, Failure> {
        let viewer = crate::crm_conf::get("core", "dotty");
        let file = if nograph || viewer.is_empty() {
            None
        } else {
            Some((viewer, PrivateFile::create_as("transition", "dot", "")?))
        };
        Ok(Graph { hint, file })
    }

    /// crm_simulate's arguments for the graph: `-D FILE`, or none.
    pub fn arguments(&self) -> Vec<String> {
        match &self.file {
            Some((_, f)) => vec!["-D".into(), f.path.display().to_string()],
            None => Vec::new(),
        }
    }

    /// After crm_simulate: the viewer started on what it wrote, or what
    /// crmsh says instead.
    pub fn show(self, out: &mut Output) {
        let Some((viewer, file)) = self.file else {
            if self.hint {
                out.info(&Told::InstallGraphviz.to_string());
            }
            return;
        };
        let written = std::fs::metadata(&file.path).is_ok_and(|m| m.len() > 0);
        if !written {
            out.warning(&Told::EmptyDotFile.to_string());
            return;
        }
        // The viewer reads the file after crm has ended: it stays, as
        // crmsh's does until its viewer closes.
        let path = file.keep();
        let started = Call::new(&viewer)
            .arg(path.display().to_string())
            .spawn_detached();
        match started {
            Ok(()) => out.info(&Told::StartingViewer { program: viewer }.to_string()),
            Err(e) => out.warning(&crate::i18n::kind_text(&e.kind)),
        }
    }
}
