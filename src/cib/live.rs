//! The live backend: the CIB of the running cluster (or of the shadow
//! named by `CIB_shadow`), read with `cibadmin --query`.
//!
//! A commit is one versioned patch (`cibadmin --patch`) holding only what
//! changed (see `patch.rs`), made against the CIB the session read. Its
//! source version names that CIB's `admin_epoch` and `epoch` but not
//! `num_updates`: Pacemaker (2.1 … 3.0.1) then checks, at the moment it
//! applies the patch, that no configuration change happened since (every
//! one moves the epoch), and ignores the status updates the cluster makes
//! all the time (they move only num_updates). So a concurrent
//! configuration change is refused, never overwritten, and status churn
//! never refuses or retries a commit. A cluster whose nodes run a newer
//! Pacemaker (which requires num_updates in the source) gets the current
//! num_updates read just before the patch, and a cheap retry (version
//! read and the same patch again) when status moved in between.
//! See `docs/commit-protocol.md` in the shared docs for the reasoning.
//!
//! A change that only adds elements (a new primitive, constraint or
//! property, the objects of a load onto them) goes instead as a merge,
//! `cibadmin --modify` of the configuration behind an XPath that names
//! the read CIB's admin_epoch and epoch: the same atomic, status-blind
//! condition on every Pacemaker version, and far less work for the CIB
//! manager (at 5,000 primitives Pacemaker 2.1.5 took 7.5 s to apply a
//! one-create patch and 1.4 s to merge the same element).
//!
//! When the DC is this machine, the version read after a patch that
//! confirms it was applied is skipped (see `on_the_dc`).

use super::backend::unchanged_since;
use super::patch;
use super::process::{failure_text, Call};
use super::{Backend, Cib};
use crate::error::{Error, ErrorKind, Result};
use crate::xml::Element;
use std::io::Write;
use std::path::PathBuf;

/// How often a patch is sent again when only status moved (refreshed
/// source only; each try is two small IPC calls).
const ATTEMPTS: usize = 20;

/// The newest CRM feature set (Pacemaker 3.0.1) that applies a patch
/// whose source lacks num_updates; 3.0.2 refuses it.
const PARTIAL_SOURCE_UP_TO: [u32; 3] = [3, 20, 1];

/// The cluster this machine belongs to, through Pacemaker's own tools.
#[derive(Debug, Default)]
pub struct LiveBackend;

impl LiveBackend {
    pub fn new() -> Self {
        LiveBackend
    }
}

/// The shadow CIB Pacemaker's tools will use, if any.
pub fn shadow_in_use() -> Option<String> {
    std::env::var("CIB_shadow").ok().filter(|s| !s.is_empty())
}

fn query(call: Call) -> Result<String> {
    let out = match call.run() {
        Ok(out) => out,
        Err(e) if matches!(*e.kind, ErrorKind::ToolMissing { .. }) => {
            return Err(Error::new(ErrorKind::NoCluster {
                call: call.describe(),
                status: "not run".into(),
                stderr: e.to_string(),
            }))
        }
        Err(e) => return Err(e),
    };
    if !out.success() {
        return Err(Error::new(ErrorKind::NoCluster {
            call: call.describe(),
            status: out.status(),
            stderr: failure_text(&out),
        }));
    }
    Ok(out.stdout)
}

/// The live `(admin_epoch, epoch, num_updates)`: `<cib>` alone, a few
/// hundred bytes however large the CIB is.
fn version() -> Result<(u64, u64, u64)> {
    let text = query(Call::new("cibadmin").args(["--query", "--no-children"]))?;
    Ok(Cib::parse(&text)?.epoch())
}

impl Backend for LiveBackend {
    fn read(&self) -> Result<Cib> {
        Cib::parse(&query(Call::new("cibadmin").arg("--query"))?)
    }

    /// A forced commit: the patch from the CIB as it is now to `cib`'s
    /// configuration, so it overwrites what differs — and a third change
    /// racing this write is still refused.
    fn write(&self, cib: &Cib) -> Result<()> {
        let now = self.read()?;
        self.patch(&now, cib)
    }

    /// The version alone says whether the configuration moved: every
    /// configuration change moves admin_epoch or epoch. Only then is the
    /// whole CIB read, to say what changed.
    fn check_unchanged(&self, started: &Cib) -> Result<()> {
        let (a0, e0, _) = started.epoch();
        let (a, e, _) = version()?;
        if (a, e) == (a0, e0) {
            return Ok(());
        }
        unchanged_since(started, &self.read()?)
    }

    fn write_if_unchanged(&self, cib: &Cib, started: &Cib) -> Result<()> {
        self.patch(started, cib)
    }

    fn name(&self) -> String {
        shadow_in_use().unwrap_or_else(|| "live".into())
    }

    fn is_live(&self) -> bool {
        true
    }
}

/// Whether a patch source may leave num_updates out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// admin_epoch and epoch only: checked by Pacemaker when it applies
    /// the patch, blind to status.
    Partial,
    /// With the num_updates read just before sending.
    Refreshed,
}

impl LiveBackend {
    /// Sends the change from `base` (a CIB read from the cluster) to
    /// `cib`'s configuration, applied only while the cluster's
    /// configuration is still `base`'s.
    fn patch(&self, base: &Cib, cib: &Cib) -> Result<()> {
        self.patch_with(base, cib, source_for(base))
    }

    fn patch_with(&self, base: &Cib, cib: &Cib, source: Source) -> Result<()> {
        // Each change on its own first: new elements alone are merged,
        // however many.
        if let Ok(each) = patch::diff_each(base.configuration(), cib.configuration()) {
            if let Some(added) = appended(base.configuration(), &each) {
                return self.append(base, &added);
            }
        }
        let changes = changes(base, cib)?;
        if changes.is_empty() {
            return Ok(());
        }
        self.send(base, changes, source)
    }

    /// `changes` as one versioned patch against `base`.
    fn send(&self, base: &Cib, changes: Vec<Element>, mut source: Source) -> Result<()> {
        let (a0, e0, _) = base.epoch();
        crate::trace::debug(|| {
            format!(
                "patch of {} changes against {a0}.{e0} ({source:?} source)",
                changes.len()
            )
        });
        let mut changes = Some(changes);
        for _ in 0..ATTEMPTS {
            let updates = match source {
                Source::Partial => None,
                Source::Refreshed => {
                    let (a, e, n) = version()?;
                    if (a, e) != (a0, e0) {
                        return Err(self.conflict(base));
                    }
                    Some(n)
                }
            };
            let list = changes.take().unwrap_or_default();
            let doc = patch::document(list, a0, e0, updates);
            let call = Call::new("cibadmin").args(["--patch", "--xml-pipe"]);
            let out = call
                .clone()
                .stdin(crate::xml::to_string_compact(&doc))
                .run()?;
            if out.success() {
                if on_the_dc(base) {
                    crate::trace::debug(|| {
                        "the DC applied the patch itself: no confirmation".into()
                    });
                    return Ok(());
                }
                return confirm(a0, e0);
            }
            // Refused. Only the version tells why: someone committed (a
            // conflict), status moved under a refreshed source (send
            // again), or Pacemaker refused the change itself.
            let (a, e, _) = version()?;
            if (a, e) != (a0, e0) {
                return Err(self.conflict(base));
            }
            changes = Some(
                doc.children
                    .into_iter()
                    .skip(1)
                    .filter_map(into_element)
                    .collect(),
            );
            match (source, out.code) {
                (Source::Refreshed, Some(103)) => continue,
                // A Pacemaker that wants the whole source version says
                // "invalid argument"; give it one.
                (Source::Partial, Some(2 | 70 | 103)) => {
                    source = Source::Refreshed;
                    continue;
                }
                _ => {
                    return Err(Error::new(ErrorKind::CommitRejected {
                        call: call.describe(),
                        status: out.status(),
                        stderr: failure_text(&out),
                    }))
                }
            }
        }
        Err(Error::new(ErrorKind::CommitStarved { tries: ATTEMPTS }))
    }

    /// New elements at the ends of sections, `added` (a `<configuration>`
    /// holding just them in their sections), merged into the configuration
    /// by `cibadmin --modify` on the condition that the CIB's admin_epoch
    /// and epoch are still `base`'s: the CIB manager evaluates that XPath
    /// when it applies the change, so it is as atomic and as blind to
    /// status as a versioned patch, on every Pacemaker version, and costs
    /// it less work than applying a patch (see `appended`).
    fn append(&self, base: &Cib, added: &Element) -> Result<()> {
        let (a0, e0, _) = base.epoch();
        crate::trace::debug(|| format!("new elements merged into {a0}.{e0}"));
        let call = Call::new("cibadmin").args([
            "--modify".to_string(),
            "--xpath".to_string(),
            format!("/cib[@admin_epoch='{a0}' and @epoch='{e0}']/configuration"),
            "--xml-pipe".to_string(),
        ]);
        let out = call
            .clone()
            .stdin(crate::xml::to_string_compact(added))
            .run()?;
        if out.success() {
            return Ok(());
        }
        // No match (ENXIO, 105) when the configuration moved; else
        // Pacemaker refused the change itself.
        let (a, e, _) = version()?;
        if (a, e) != (a0, e0) {
            return Err(self.conflict(base));
        }
        Err(Error::new(ErrorKind::CommitRejected {
            call: call.describe(),
            status: out.status(),
            stderr: failure_text(&out),
        }))
    }

    /// The refusal for a CIB someone else changed since `base`, naming
    /// what changed.
    fn conflict(&self, base: &Cib) -> Error {
        let now = match self.read() {
            Ok(now) => now,
            Err(e) => return e,
        };
        match unchanged_since(base, &now) {
            Err(e) => e,
            Ok(()) => {
                let (a0, e0, n0) = base.epoch();
                let (a1, e1, n1) = now.epoch();
                Error::new(ErrorKind::CibChanged {
                    started: format!("{a0}.{e0}.{n0}"),
                    now: format!("{a1}.{e1}.{n1}"),
                    what: super::change::describe_change(base, &now),
                })
            }
        }
    }
}

/// When `changes` (from `base`, a `<configuration>`) only add elements
/// with ids after the last child of elements that exist, a
/// `<configuration>` holding the path to each (every element on it with
/// its id alone) and the new elements, in order: merging it (`cibadmin
/// --modify`) appends each new element to its parent, which is exactly
/// the new configuration. Merging finds a child by tag and id, or an
/// id-less one by tag alone, so the path must name exactly one element of
/// `base` at every step; an id-less new element or a comment could merge
/// into another, so those, and every other change, go as a patch. A new
/// attribute value `NAME++` or `NAME+=N` is left to a patch too: merging
/// expands that form on an attribute that exists.
fn appended(base: &Element, changes: &[Element]) -> Option<Element> {
    use crate::xml::Node;
    use std::collections::HashMap;
    let mut out = Element::new("configuration");
    let mut added: HashMap<&str, usize> = HashMap::new();
    for c in changes {
        if c.get("operation") != Some("create") {
            return None;
        }
        let path = c.get("path")?;
        let [Node::Element(new)] = &c.children[..] else {
            return None;
        };
        new.id()?;
        let mut expands = false;
        new.walk(&mut |e| {
            expands |= e.attrs().iter().any(|(k, v)| {
                v.strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with("++") || rest.starts_with("+="))
            })
        });
        if expands {
            return None;
        }
        let mut at_base = base;
        let mut at_out = &mut out;
        for seg in path.strip_prefix("/cib/configuration")?.split('/').skip(1) {
            let (tag, id) = match seg.split_once("[@id='") {
                Some((tag, rest)) => (tag, Some(rest.strip_suffix("']")?)),
                None => (seg, None),
            };
            let mut same = at_base
                .elements()
                .filter(|e| e.name == tag && (id.is_none() || e.id() == id));
            at_base = same.next()?;
            if same.next().is_some() || at_base.id() != id {
                return None;
            }
            let found = at_out
                .elements()
                .position(|e| e.name == tag && e.id() == id);
            let i = match found {
                Some(i) => i,
                None => {
                    let mut step = Element::new(tag);
                    if let Some(id) = id {
                        step.set("id", id);
                    }
                    at_out.push(step);
                    at_out.elements().count() - 1
                }
            };
            at_out = at_out.elements_mut().nth(i)?;
        }
        let before = at_base
            .children
            .iter()
            .filter(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()))
            .count();
        let n = added.entry(path).or_default();
        if c.get("position")? != (before + *n).to_string() {
            return None;
        }
        *n += 1;
        at_out.push(new.clone());
    }
    (!changes.is_empty()).then_some(out)
}

fn into_element(n: crate::xml::Node) -> Option<Element> {
    match n {
        crate::xml::Node::Element(e) => Some(e),
        _ => None,
    }
}

/// Whether this machine was the DC when `base` was read (its host name
/// is the uname of the node `dc-uuid` names). The DC's CIB manager is the
/// primary instance, which reports a patch it could not apply as a
/// failure; only another node's can answer success for one it did not
/// apply (see `confirm`). On a large CIB the confirmation waits seconds
/// behind the CIB manager's work after the write, so the DC skips it.
fn on_the_dc(base: &Cib) -> bool {
    let Some(dc) = base.root.get("dc-uuid") else {
        return false;
    };
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    let host = host.trim();
    !host.is_empty()
        && base.root.child("status").is_some_and(|st| {
            st.elements().any(|n| {
                n.name == "node_state" && n.id() == Some(dc) && n.get("uname") == Some(host)
            })
        })
}

/// Pacemaker acknowledged the patch: the CIB must now be one
/// configuration change (or more, if someone committed after us) past
/// `a0.e0`. A non-DC node's client library can report success for a
/// patch its node did not apply; this catches it.
fn confirm(a0: u64, e0: u64) -> Result<()> {
    let (a, e, _) = version()?;
    if a == a0 && e > e0 {
        return Ok(());
    }
    Err(Error::new(ErrorKind::CommitUnconfirmed {
        expected: format!("{a0}.{}", e0 + 1),
        now: format!("{a}.{e}"),
    }))
}

/// A partial source when every node of the cluster (by the `#feature-set`
/// each records in the status section, and the DC's on `<cib>`) runs a
/// Pacemaker that accepts one.
fn source_for(base: &Cib) -> Source {
    let mut sets: Vec<&str> = base.root.get("crm_feature_set").into_iter().collect();
    if let Some(status) = base.root.child("status") {
        status.walk(&mut |e| {
            if e.name == "nvpair" && e.get("name") == Some("#feature-set") {
                sets.extend(e.get("value"));
            }
        });
    }
    let old_enough = |v: &str| {
        let parts: Vec<u32> = v
            .split('.')
            .map(|p| p.parse().unwrap_or(u32::MAX))
            .collect();
        parts.len() == 3 && parts[..] <= PARTIAL_SOURCE_UP_TO[..]
    };
    if !sets.is_empty() && sets.iter().all(|v| old_enough(v)) {
        Source::Partial
    } else {
        Source::Refreshed
    }
}

/// The changes from `base`'s configuration to `cib`'s: computed here, or
/// by `crm_diff` for the shapes a path cannot name (see `patch.rs`).
fn changes(base: &Cib, cib: &Cib) -> Result<Vec<Element>> {
    match patch::diff(base.configuration(), cib.configuration()) {
        Ok(c) => Ok(c),
        Err(patch::Unsupported(why)) => {
            crate::trace::debug(|| format!("patch left to crm_diff: {why}"));
            crm_diff_changes(base, cib)
        }
    }
}

/// `crm_diff --no-version` between the two configurations (status and
/// the `<cib>` attributes left out, so only configuration changes show).
fn crm_diff_changes(base: &Cib, cib: &Cib) -> Result<Vec<Element>> {
    let wrap = |c: &Element| {
        let mut root = Element::from_parts(
            base.root.name.clone(),
            base.root.attrs().clone(),
            Vec::new(),
        );
        root.push(c.clone());
        crate::xml::to_pretty(&root)
    };
    let old = PrivateFile::create("old", &wrap(base.configuration()))?;
    let new = PrivateFile::create("new", &wrap(cib.configuration()))?;
    let call = Call::new("crm_diff").args([
        "--no-version".to_string(),
        "--original".to_string(),
        old.path.display().to_string(),
        "--new".to_string(),
        new.path.display().to_string(),
    ]);
    let out = call.run()?;
    // crm_diff: 0 = no difference, 1 = a patch on stdout, else an error.
    let text = match out.code {
        Some(0) => return Ok(Vec::new()),
        Some(1) => out.stdout.clone(),
        _ => return Err(call.failure(&out)),
    };
    let diff = crate::xml::parse(&text).map_err(|e| call_error(&call, &e.to_string()))?;
    let changes: Vec<Element> = diff
        .elements()
        .filter(|c| c.name == "change")
        .cloned()
        .collect();
    // Only configuration changes go out, in the v2 form this backend
    // stamps with its own version.
    let ours = diff.get("format") == Some("2")
        && diff.child("version").is_none()
        && changes.iter().all(|c| {
            c.get("path")
                .is_some_and(|p| p.starts_with("/cib/configuration"))
        });
    if !ours {
        return Err(call_error(&call, "unexpected patch"));
    }
    Ok(changes)
}

fn call_error(call: &Call, why: &str) -> Error {
    Error::new(ErrorKind::ToolFailed {
        call: call.describe(),
        status: "1".into(),
        stderr: why.to_string(),
    })
}

/// A temporary file only its owner can read (a CIB may hold secrets),
/// removed when dropped.
pub struct PrivateFile {
    pub path: PathBuf,
}

impl PrivateFile {
    pub fn create(tag: &str, text: &str) -> Result<Self> {
        Self::create_as(&format!("commit-{tag}"), "xml", text)
    }

    /// `crm-NAME-PID-TIME.EXT` in the temporary directory: a new name,
    /// created with `O_EXCL`, mode 0600.
    pub fn create_as(name: &str, ext: &str, text: &str) -> Result<Self> {
        use std::os::unix::fs::OpenOptionsExt;
        let path = std::env::temp_dir().join(format!(
            "crm-{name}-{}-{}.{ext}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        let io = |e: std::io::Error| {
            Error::new(ErrorKind::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            })
        };
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(io)?;
        let file = PrivateFile { path: path.clone() };
        f.write_all(text.as_bytes()).map_err(io)?;
        Ok(file)
    }
}

impl PrivateFile {
    /// The file stays after this value is gone (a viewer started in the
    /// background reads it after crm has ended).
    pub fn keep(mut self) -> PathBuf {
        let path = std::mem::take(&mut self.path);
        std::mem::forget(self);
        path
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn cluster_up() -> bool {
        std::env::var_os("CIB_file").is_none()
            && Command::new("crm_mon")
                .arg("-1")
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("Current DC: node"))
    }

    fn cibadmin(args: &[&str], stdin: Option<&str>) -> bool {
        let mut c = Command::new("cibadmin");
        c.args(args).env_remove("CIB_shadow");
        if stdin.is_some() {
            c.stdin(std::process::Stdio::piped());
        }
        let Ok(mut child) = c
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
        else {
            return false;
        };
        if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
            let _ = pipe.write_all(text.as_bytes());
        }
        child.wait().is_ok_and(|s| s.success())
    }

    /// The live tests change one cluster: one at a time.
    static LIVE: std::sync::Mutex<()> = std::sync::Mutex::new(());

    const BASE: &str = r#"<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" admin_epoch="0" epoch="7" num_updates="3"><configuration><crm_config><cluster_property_set id="cib-bootstrap-options"><nvpair id="o-1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config><nodes/><resources><primitive id="a" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="a-m" name="monitor" interval="10s"/></operations></primitive></resources><constraints/></configuration><status/></cib>"#;

    /// `BASE` edited by `edit` (on its configuration).
    fn edited(edit: impl FnOnce(&mut Element)) -> (Cib, Cib) {
        let base = Cib::parse(BASE).expect("xml");
        let mut new = base.clone();
        edit(new.configuration_mut());
        (base, new)
    }

    fn add(parent: &mut Element, path: &[&str], xml: &str) {
        let mut at = parent;
        for name in path {
            at = at.child_mut(name).expect("on the path");
        }
        at.push(crate::xml::parse(xml).expect("xml"));
    }

    /// Pacemaker's own merge (`cibadmin --modify` on the version
    /// condition, against a CIB file) of what `appended` makes gives
    /// exactly the new configuration; what it cannot merge exactly it
    /// leaves to a patch.
    #[test]
    fn new_elements_merge_into_exactly_the_new_configuration() {
        type Edit = fn(&mut Element);
        let merged: [(&str, Edit); 4] = [
            ("a primitive", |c| {
                add(
                    c,
                    &["resources"],
                    r#"<primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/>"#,
                )
            }),
            ("a property", |c| {
                add(
                    c,
                    &["crm_config", "cluster_property_set"],
                    r#"<nvpair id="o-2" name="maintenance-mode" value="true"/>"#,
                )
            }),
            ("an operation and a constraint", |c| {
                add(
                    c,
                    &["resources", "primitive", "operations"],
                    r#"<op id="a-s" name="start" interval="0" timeout="20s"/>"#,
                );
                add(
                    c,
                    &["constraints"],
                    r#"<rsc_location id="l" rsc="a" node="node1" score="10"/>"#,
                );
            }),
            ("two primitives and a group", |c| {
                add(
                    c,
                    &["resources"],
                    r#"<primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/>"#,
                );
                add(
                    c,
                    &["resources"],
                    r#"<group id="g"><primitive id="c" class="ocf" provider="pacemaker" type="Dummy"/></group>"#,
                );
            }),
        ];
        let patched: [(&str, Edit); 4] = [
            ("a primitive first", |c| {
                let p = crate::xml::parse(
                    r#"<primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/>"#,
                )
                .expect("xml");
                c.child_mut("resources")
                    .expect("resources")
                    .children
                    .insert(0, crate::xml::Node::Element(p));
            }),
            ("a changed value", |c| {
                c.child_mut("crm_config")
                    .and_then(|s| s.child_mut("cluster_property_set"))
                    .and_then(|s| s.child_mut("nvpair"))
                    .expect("nvpair")
                    .set("value", "true");
            }),
            ("a deleted operation", |c| {
                c.child_mut("resources")
                    .and_then(|r| r.child_mut("primitive"))
                    .and_then(|p| p.child_mut("operations"))
                    .expect("operations")
                    .children
                    .clear();
            }),
            ("a value that merging would count up", |c| {
                add(
                    c,
                    &["crm_config", "cluster_property_set"],
                    r#"<nvpair id="o-2" name="n" value="value++"/>"#,
                )
            }),
        ];
        for (what, edit) in patched {
            let (base, new) = edited(edit);
            let each = patch::diff_each(base.configuration(), new.configuration()).expect("a diff");
            assert!(appended(base.configuration(), &each).is_none(), "{what}");
        }
        if Command::new("cibadmin").arg("--version").output().is_err() {
            let _ = writeln!(
                std::io::stderr(),
                "skipped: new_elements_merge_into_exactly_the_new_configuration: cibadmin is not installed"
            );
            return;
        }
        let file = std::env::temp_dir().join(format!("crm-merge-{}.xml", std::process::id()));
        for (what, edit) in merged {
            let (base, new) = edited(edit);
            let each = patch::diff_each(base.configuration(), new.configuration()).expect("a diff");
            let added = appended(base.configuration(), &each).unwrap_or_else(|| panic!("{what}"));
            std::fs::write(&file, base.to_xml()).expect("write");
            let run = |epoch: u64| {
                let mut c = Command::new("cibadmin");
                c.env("CIB_file", &file).args([
                    "--modify",
                    "--xpath",
                    &format!("/cib[@admin_epoch='0' and @epoch='{epoch}']/configuration"),
                    "--xml-text",
                    &crate::xml::to_string_compact(&added),
                ]);
                c.output().expect("cibadmin runs")
            };
            // Another epoch: nothing merged.
            let stale = run(6);
            assert!(
                !stale.status.success(),
                "{what}: merged into another version"
            );
            let out = run(7);
            assert!(
                out.status.success(),
                "{what}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let got = Cib::parse(&std::fs::read_to_string(&file).expect("read")).expect("xml");
            assert!(
                got.configuration() == new.configuration(),
                "{what}: merged\n{}\nwant\n{}",
                crate::xml::to_pretty(got.configuration()),
                crate::xml::to_pretty(new.configuration())
            );
        }
        let _ = std::fs::remove_file(&file);
    }

    fn with_primitive(cib: &Cib, id: &str) -> Cib {
        let mut mine = cib.clone();
        let add = format!(
            r#"<primitive id="{id}" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="{id}-meta"><nvpair id="{id}-role" name="target-role" value="Stopped"/></meta_attributes></primitive>"#
        );
        if let (Some(res), Ok(e)) = (
            mine.configuration_mut().child_mut("resources"),
            crate::xml::parse(&add),
        ) {
            res.push(e);
        }
        mine
    }

    fn remove(id: &str) {
        let _ = cibadmin(
            &[
                "--delete",
                "--xml-text",
                &format!(r#"<primitive id="{id}"/>"#),
            ],
            None,
        );
    }

    /// The ways a commit can go: new elements merged on a version
    /// condition, or a versioned patch with either source.
    #[derive(Debug, Clone, Copy)]
    enum Form {
        Append,
        Patch(Source),
    }

    const FORMS: [Form; 3] = [
        Form::Append,
        Form::Patch(Source::Partial),
        Form::Patch(Source::Refreshed),
    ];

    /// `mine` (`base` with one primitive appended) committed in `form`.
    fn commit_as(backend: &LiveBackend, base: &Cib, mine: &Cib, form: Form) -> Result<()> {
        let changes = changes(base, mine).expect("a diff");
        match form {
            Form::Append => {
                assert!(
                    appended(base.configuration(), &changes).is_some(),
                    "one new primitive goes as a merge"
                );
                backend.patch_with(base, mine, Source::Partial)
            }
            Form::Patch(source) => backend.send(base, changes, source),
        }
    }

    /// The property the commit relies on: a commit made against one
    /// version is refused once someone else changed the configuration,
    /// and nothing of it is applied — whichever form it takes.
    #[test]
    fn a_commit_after_another_configuration_change_is_refused() {
        if !cluster_up() {
            let _ = writeln!(
                std::io::stderr(),
                "skipped: a_commit_after_another_configuration_change_is_refused: no running cluster"
            );
            return;
        }
        let _one = LIVE.lock().unwrap_or_else(|e| e.into_inner());
        let backend = LiveBackend::new();
        for form in FORMS {
            let stale = backend.read().expect("query");
            let mine = with_primitive(&stale, "lt-patch-mine");
            let other =
                r#"<primitive id="lt-patch-other" class="ocf" provider="pacemaker" type="Dummy"/>"#;
            assert!(cibadmin(
                &["--create", "--scope", "resources", "--xml-text", other],
                None
            ));
            let result = commit_as(&backend, &stale, &mine, form);
            let now = backend.read().expect("query").to_xml();
            remove("lt-patch-other");
            remove("lt-patch-mine");
            let err = result.expect_err("a stale commit must be refused");
            assert!(
                matches!(*err.kind, ErrorKind::CibChanged { .. }),
                "{form:?}: {err}"
            );
            assert!(now.contains("lt-patch-other") && !now.contains("lt-patch-mine"));
        }
    }

    /// Status written between the read and the commit (a transient node
    /// attribute moves num_updates) neither refuses nor retries it: the
    /// merge's condition and the partial source are blind to status. The
    /// refreshed source gets past it too.
    #[test]
    fn status_written_in_between_does_not_refuse_a_commit() {
        if !cluster_up() {
            let _ = writeln!(
                std::io::stderr(),
                "skipped: status_written_in_between_does_not_refuse_a_commit: no running cluster"
            );
            return;
        }
        let _one = LIVE.lock().unwrap_or_else(|e| e.into_inner());
        let backend = LiveBackend::new();
        let first = backend.read().expect("query");
        assert_eq!(
            source_for(&first),
            Source::Partial,
            "this cluster runs Pacemaker 2.1"
        );
        for (form, id) in FORMS
            .into_iter()
            .zip(["lt-churn-a", "lt-churn-p", "lt-churn-r"])
        {
            let base = backend.read().expect("query");
            let mine = with_primitive(&base, id);
            // Written straight into the status section (attrd would
            // write it later, asynchronously).
            let node = base
                .root
                .child("status")
                .and_then(|st| st.child("node_state"))
                .and_then(|n| n.id())
                .expect("a node_state")
                .to_string();
            let attr = |v: &str| {
                let xml = format!(
                    r#"<node_state id="{node}"><transient_attributes id="{node}"><instance_attributes id="status-{node}"><nvpair id="status-{node}-lt-churn" name="lt-churn" value="{v}"/></instance_attributes></transient_attributes></node_state>"#
                );
                cibadmin(&["--modify", "--scope", "status", "--xml-text", &xml], None)
            };
            assert!(attr("1") && attr("2"));
            let (_, _, n0) = base.epoch();
            let (_, _, n1) = version().expect("version");
            let result = commit_as(&backend, &base, &mine, form);
            let now = backend.read().expect("query");
            remove(id);
            let _ = cibadmin(
                &[
                    "--delete",
                    "--xml-text",
                    &format!(r#"<nvpair id="status-{node}-lt-churn"/>"#),
                ],
                None,
            );
            assert!(n1 > n0, "status moved num_updates ({n0} → {n1})");
            result.unwrap_or_else(|e| panic!("{form:?}: status churn refused the commit: {e}"));
            assert!(now.to_xml().contains(id));
            assert_eq!(
                now.epoch().1,
                base.epoch().1 + 1,
                "one configuration change"
            );
        }
    }
}
