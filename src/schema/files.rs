//! Finding the RelaxNG grammar a CIB's `validate-with` names among the
//! files Pacemaker installs.
//!
//! Pacemaker ships one top-level grammar per schema version
//! (`pacemaker-3.9.rng`, `pacemaker-next.rng`) that pulls in versioned
//! component grammars (`resources-3.9.rng`, `fencing-2.4.rng`, …) through
//! `externalRef`. Where the top-level file is missing but the components
//! are there, the grammar is composed the way Pacemaker's build composes
//! it: for each component, the highest version not above the one asked for
//! (`-next` for `pacemaker-next`).

use std::path::{Path, PathBuf};

/// Where Pacemaker installs its schemas; `PCMK_schema_directory` (the
/// variable Pacemaker's own tools honour) overrides it.
pub fn schema_dir() -> PathBuf {
    std::env::var_os("PCMK_schema_directory")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/pacemaker"))
}

/// The grammar to load for a `validate-with` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located {
    /// The installed top-level file.
    File(PathBuf),
    /// A top-level grammar composed from the installed components.
    Composed { text: String, dir: PathBuf },
}

/// The components of a top-level grammar, in Pacemaker's order; the
/// first and the last sit outside `<configuration>`.
const CONFIGURATION_PARTS: [&str; 8] = [
    "options",
    "nodes",
    "resources",
    "constraints",
    "fencing",
    "acls",
    "tags",
    "alerts",
];

/// A schema version: (major, minor), `None` for `next`.
fn version_of(name: &str) -> Option<Option<(u32, u32)>> {
    let v = name.strip_prefix("pacemaker-")?;
    if v == "next" {
        return Some(None);
    }
    let (major, minor) = v.split_once('.')?;
    Some(Some((major.parse().ok()?, minor.parse().ok()?)))
}

pub fn locate(dir: &Path, validate_with: &str) -> Option<Located> {
    let file = dir.join(format!("{validate_with}.rng"));
    if file.is_file() {
        return Some(Located::File(file));
    }
    // With top-level files installed, a version without one is one this
    // Pacemaker does not know (it would refuse the CIB too).
    if has_top_level_files(dir) {
        return None;
    }
    compose(dir, version_of(validate_with)?).map(|text| Located::Composed {
        text,
        dir: dir.to_path_buf(),
    })
}

fn has_top_level_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.strip_suffix(".rng")
                .is_some_and(|n| version_of(n).is_some())
        })
    })
}

/// The file of `part` that schema `version` uses.
fn best_match(dir: &Path, part: &str, version: Option<(u32, u32)>) -> Option<PathBuf> {
    if version.is_none() {
        let next = dir.join(format!("{part}-next.rng"));
        if next.is_file() {
            return Some(next);
        }
    }
    let mut best: Option<((u32, u32), PathBuf)> = None;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(v) = name
            .strip_prefix(part)
            .and_then(|r| r.strip_prefix('-'))
            .and_then(|r| r.strip_suffix(".rng"))
            .and_then(|r| version_of(&format!("pacemaker-{r}")))
            .flatten()
        else {
            continue;
        };
        if version.is_some_and(|max| v > max) {
            continue;
        }
        if best.as_ref().is_none_or(|(b, _)| v > *b) {
            best = Some((v, entry.path()));
        }
    }
    best.map(|(_, p)| p)
}

fn compose(dir: &Path, version: Option<(u32, u32)>) -> Option<String> {
    use crate::xml::Element;
    let external = |p: PathBuf| Element::new("externalRef").with_attr("href", &p.to_string_lossy());
    let parts: Vec<PathBuf> = CONFIGURATION_PARTS
        .iter()
        .filter_map(|p| best_match(dir, p, version))
        .collect();
    if parts.len() < 4 {
        return None;
    }
    let mut interleave = Element::new("interleave");
    for p in parts {
        interleave.push(external(p));
    }
    let mut configuration = Element::new("element").with_attr("name", "configuration");
    configuration.push(interleave);
    let mut status = Element::new("element").with_attr("name", "status");
    status.push(external(best_match(dir, "status", version)?));
    let mut optional = Element::new("optional");
    optional.push(status);
    let mut cib = Element::new("element").with_attr("name", "cib");
    cib.push(external(best_match(dir, "cib", version)?));
    cib.push(configuration);
    cib.push(optional);
    let mut start = Element::new("start");
    start.push(cib);
    let mut grammar = Element::new("grammar")
        .with_attr("xmlns", "http://relaxng.org/ns/structure/1.0")
        .with_attr(
            "datatypeLibrary",
            "http://www.w3.org/2001/XMLSchema-datatypes",
        );
    grammar.push(start);
    Some(crate::xml::to_string_compact(&grammar))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn installed() -> Option<PathBuf> {
        let dir = schema_dir();
        if dir.join("pacemaker-3.9.rng").is_file() {
            Some(dir)
        } else {
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "skipped: no Pacemaker schema files in {}",
                dir.display()
            );
            None
        }
    }

    fn hrefs(text: &str) -> Vec<String> {
        text.split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(|h| h.rsplit('/').next().unwrap_or(h).to_string())
            .collect()
    }

    /// The composition rule gives, for every installed version, the same
    /// component files as Pacemaker's own top-level grammar.
    #[test]
    fn composed_grammars_name_the_installed_components() {
        let Some(dir) = installed() else { return };
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir)
            .expect("schema dir readable")
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(schema) = name.strip_suffix(".rng") else {
                continue;
            };
            let Some(version) = version_of(schema) else {
                continue;
            };
            let installed = std::fs::read_to_string(entry.path()).expect("rng readable");
            let composed = compose(&dir, version).expect("components found");
            assert_eq!(hrefs(&composed), hrefs(&installed), "{schema}");
            checked += 1;
        }
        assert!(checked > 20, "only {checked} versions found");
    }

    #[test]
    fn validate_with_names_resolve() {
        let Some(dir) = installed() else { return };
        assert_eq!(
            locate(&dir, "pacemaker-3.9"),
            Some(Located::File(dir.join("pacemaker-3.9.rng")))
        );
        assert!(matches!(
            locate(&dir, "pacemaker-next"),
            Some(Located::File(_))
        ));
        // A version this Pacemaker does not install is unknown to it.
        assert_eq!(locate(&dir, "pacemaker-3.10"), None);
        assert_eq!(locate(&dir, "none"), None);
        assert_eq!(locate(&dir, "pacemaker-0.1"), None);
    }

    /// Without top-level files the composed grammar does the same work.
    #[test]
    fn a_composed_grammar_validates_like_the_installed_one() {
        let Some(dir) = installed() else { return };
        let tmp = tempfile::tempdir().expect("tempdir");
        for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".rng") && !name.starts_with("pacemaker") {
                std::fs::copy(entry.path(), tmp.path().join(&name)).expect("copy");
            }
        }
        let Some(Located::Composed { text, .. }) = locate(tmp.path(), "pacemaker-3.9") else {
            panic!("composes from components");
        };
        let grammar = super::super::relaxng::Grammar::from_text(&text).expect("loads");
        let ok = "<cib validate-with=\"pacemaker-3.9\" admin_epoch=\"0\" epoch=\"0\" num_updates=\"0\"><configuration><crm_config/><nodes/><resources><primitive id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></resources><constraints/></configuration></cib>";
        assert_eq!(grammar.validate(ok), vec![]);
        let bad = ok.replace("type=", "bogus=\"1\" type=");
        assert!(!grammar.validate(&bad).is_empty());
    }
}
