//! Asking Pacemaker what an agent looks like, once: the answers are kept
//! for the process and, for agents that are files (OCF scripts, fence
//! agents, lsb scripts), on disk under `$XDG_CACHE_HOME/crm/metadata`,
//! stamped with the agent file's size and modification time so that an
//! upgraded agent is read again.

use super::metadata::{AgentMeta, ParamMeta};
use crate::cib::process::Call;
use crate::xml::Element;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// An agent as a primitive names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Agent {
    pub class: String,
    pub provider: Option<String>,
    pub kind: String,
}

impl Agent {
    /// The agent of a `<primitive>` (or template) element.
    pub fn of(e: &Element) -> Option<Agent> {
        Some(Agent {
            class: e.get("class")?.to_string(),
            provider: e.get("provider").map(String::from),
            kind: e.get("type")?.to_string(),
        })
    }
}

impl fmt::Display for Agent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.provider {
            Some(p) => write!(f, "{}:{p}:{}", self.class, self.kind),
            None => write!(f, "{}:{}", self.class, self.kind),
        }
    }
}

/// What is known about an agent here.
#[derive(Debug, Clone)]
pub enum Lookup {
    Found(Rc<AgentMeta>),
    /// This machine has the agent's class (and provider) but not the
    /// agent: it does not exist.
    Missing,
    /// This machine cannot tell (no Pacemaker tools, the class or the
    /// provider is not installed here): not checked.
    Unavailable,
}

/// Agent and cluster-option metadata, each asked for once.
#[derive(Default)]
pub struct Registry {
    agents: RefCell<HashMap<Agent, Lookup>>,
    standards: OnceCell<Option<Vec<String>>>,
    fencer: OnceCell<Vec<ParamMeta>>,
    cluster: OnceCell<Option<Vec<ParamMeta>>>,
    /// Where answers are kept between runs; `None` keeps them in memory.
    cache_dir: Option<PathBuf>,
}

thread_local! {
    static REGISTRY: Registry = Registry::new();
}

/// Runs `f` with this process's registry: a shell session asks Pacemaker
/// about each agent once.
pub fn with_registry<T>(f: impl FnOnce(&Registry) -> T) -> T {
    REGISTRY.with(f)
}

/// Where Pacemaker's daemons live (Debian, then Red Hat and SUSE).
const DAEMON_DIRS: &[&str] = &["/usr/lib/pacemaker", "/usr/libexec/pacemaker"];

impl Registry {
    /// A registry with the on-disk cache of this user.
    pub fn new() -> Self {
        Registry {
            cache_dir: cache_dir(),
            ..Registry::default()
        }
    }

    /// A registry that keeps nothing on disk.
    pub fn in_memory() -> Self {
        Registry::default()
    }

    /// The agent's metadata, or why there is none.
    pub fn agent(&self, agent: &Agent) -> Lookup {
        if let Some(l) = self.agents.borrow().get(agent) {
            return l.clone();
        }
        let found = self.fetch(agent);
        self.agents
            .borrow_mut()
            .insert(agent.clone(), found.clone());
        found
    }

    fn fetch(&self, agent: &Agent) -> Lookup {
        let spec = agent.to_string();
        let file = agent_file(agent);
        let key = format!("agent-{}", spec.replace(['/', ':'], "_"));
        let xml = self.cached(&key, file.as_deref(), || {
            let out = Call::new("crm_resource")
                .args(["--show-metadata", &spec])
                .run();
            match out {
                Ok(o) if o.success() => Ok(Some(o.stdout)),
                Ok(_) => Ok(None),
                Err(e) => Err(e),
            }
        });
        let xml = match xml {
            Ok(Some(x)) => x,
            Ok(None) => return self.why_missing(agent),
            Err(_) => return Lookup::Unavailable,
        };
        let Some(mut meta) = crate::xml::parse(&xml)
            .ok()
            .and_then(|root| AgentMeta::from_xml(&root))
        else {
            return self.why_missing(agent);
        };
        if agent.class == "stonith" {
            meta.add_params(self.fencer());
        }
        Lookup::Found(Rc::new(meta))
    }

    /// No metadata: the agent does not exist if this machine has its
    /// class (and for OCF its provider), else it cannot be told here.
    fn why_missing(&self, agent: &Agent) -> Lookup {
        let Some(standards) = self.standards() else {
            return Lookup::Unavailable;
        };
        if !standards.contains(&agent.class) {
            return Lookup::Unavailable;
        }
        if agent.class == "ocf" {
            let provider = agent.provider.as_deref().unwrap_or("heartbeat");
            if !Path::new(&super::ocf_dir()).join(provider).is_dir() {
                return Lookup::Unavailable;
            }
        }
        Lookup::Missing
    }

    /// The agent classes this machine has (`crm_resource --list-standards`).
    fn standards(&self) -> Option<&[String]> {
        self.standards
            .get_or_init(|| {
                Call::new("crm_resource")
                    .arg("--list-standards")
                    .run()
                    .ok()
                    .filter(|o| o.success())
                    .map(|o| o.stdout.lines().map(|l| l.trim().to_string()).collect())
            })
            .as_deref()
    }

    /// The agents of a class (and provider) here, for a did-you-mean.
    pub fn agents_like(&self, agent: &Agent) -> Vec<String> {
        let spec = match &agent.provider {
            Some(p) => format!("{}:{p}", agent.class),
            None => agent.class.clone(),
        };
        Call::new("crm_resource")
            .args(["--list-agents", &spec])
            .output_lines()
    }

    /// The parameters the fencer adds to every stonith agent
    /// (`pcmk_host_list`, …).
    fn fencer(&self) -> &[ParamMeta] {
        self.fencer
            .get_or_init(|| self.daemon_params("pacemaker-fenced").unwrap_or_default())
    }

    /// Pacemaker's cluster options (the scheduler's, the controller's and
    /// the CIB manager's metadata); `None` when no daemon is installed.
    pub fn cluster_options(&self) -> Option<&[ParamMeta]> {
        self.cluster
            .get_or_init(|| {
                let mut all: Option<Vec<ParamMeta>> = None;
                for d in [
                    "pacemaker-schedulerd",
                    "pacemaker-controld",
                    "pacemaker-based",
                ] {
                    if let Some(ps) = self.daemon_params(d) {
                        let list = all.get_or_insert_with(Vec::new);
                        for p in ps {
                            if !list.iter().any(|q| q.name == p.name) {
                                list.push(p);
                            }
                        }
                    }
                }
                all
            })
            .as_deref()
    }

    fn daemon_params(&self, daemon: &str) -> Option<Vec<ParamMeta>> {
        let path = DAEMON_DIRS
            .iter()
            .map(|d| Path::new(d).join(daemon))
            .find(|p| p.exists())?;
        let program = path.to_string_lossy().into_owned();
        let xml = self
            .cached(&format!("daemon-{daemon}"), Some(&path), || {
                let o = Call::new(&program).arg("metadata").run()?;
                Ok(o.success().then_some(o.stdout))
            })
            .ok()
            .flatten()?;
        let root = crate::xml::parse(&xml).ok()?;
        AgentMeta::from_xml(&root).map(|m| m.params)
    }

    /// `fetch`'s answer, from the disk cache when it was stored for the
    /// same `stamp_file` as now.
    fn cached(
        &self,
        key: &str,
        stamp_file: Option<&Path>,
        fetch: impl FnOnce() -> crate::error::Result<Option<String>>,
    ) -> crate::error::Result<Option<String>> {
        let stamp = stamp_file.and_then(stamp);
        let path = match (&self.cache_dir, &stamp) {
            (Some(dir), Some(_)) => Some(dir.join(format!("{key}.xml"))),
            _ => None,
        };
        let header = stamp.map(|s| format!("<!-- crm metadata cache: {s} -->\n"));
        if let (Some(p), Some(h)) = (&path, &header) {
            if let Ok(text) = std::fs::read_to_string(p) {
                if let Some(xml) = text.strip_prefix(h.as_str()) {
                    return Ok(Some(xml.to_string()));
                }
            }
        }
        let fetched = fetch()?;
        if let (Some(p), Some(h), Some(xml)) = (&path, &header, &fetched) {
            // A cache that cannot be written only costs time next run.
            if p.parent()
                .is_some_and(|d| std::fs::create_dir_all(d).is_ok())
            {
                let _ = crate::safe_file::write_private(p, format!("{h}{xml}").as_bytes());
            }
        }
        Ok(fetched)
    }
}

/// The file that is the agent, when it is one: its stamp decides whether
/// cached metadata is still right.
fn agent_file(agent: &Agent) -> Option<PathBuf> {
    match agent.class.as_str() {
        "ocf" => Some(
            Path::new(&super::ocf_dir())
                .join(agent.provider.as_deref().unwrap_or("heartbeat"))
                .join(&agent.kind),
        ),
        "stonith" if agent.kind.starts_with("fence_") => {
            Some(Path::new("/usr/sbin").join(&agent.kind))
        }
        "stonith" => Some(Path::new("/usr/lib/stonith/plugins").join(&agent.kind)),
        "lsb" => Some(Path::new("/etc/init.d").join(&agent.kind)),
        _ => None,
    }
    .filter(|p| p.is_file())
}

/// Size and modification time, which change when a package upgrades the
/// file.
fn stamp(path: &Path) -> Option<String> {
    let m = std::fs::metadata(path).ok()?;
    let modified = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {}.{:09}",
        m.len(),
        modified.as_secs(),
        modified.subsec_nanos()
    ))
}

fn cache_dir() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CACHE_HOME") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(std::env::var_os("HOME")?).join(".cache"),
    };
    Some(base.join("crm").join("metadata"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_print_as_primitives_name_them() {
        let e = Element::new("primitive")
            .with_attr("class", "ocf")
            .with_attr("provider", "heartbeat")
            .with_attr("type", "IPaddr2");
        assert_eq!(
            Agent::of(&e).map(|a| a.to_string()).as_deref(),
            Some("ocf:heartbeat:IPaddr2")
        );
        let s = Element::new("primitive")
            .with_attr("class", "stonith")
            .with_attr("type", "fence_ipmilan");
        assert_eq!(
            Agent::of(&s).map(|a| a.to_string()).as_deref(),
            Some("stonith:fence_ipmilan")
        );
    }

    #[test]
    fn the_disk_cache_follows_the_agent_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let agent = dir.path().join("agent");
        std::fs::write(&agent, "v1").expect("agent");
        let r = Registry {
            cache_dir: Some(dir.path().join("cache")),
            ..Registry::default()
        };
        let mut calls = 0;
        let mut get = |r: &Registry| {
            r.cached("k", Some(&agent), || {
                calls += 1;
                Ok(Some(format!("<x n=\"{calls}\"/>")))
            })
            .expect("fetched")
        };
        assert_eq!(get(&r).as_deref(), Some("<x n=\"1\"/>"));
        // Read back from disk: no second call.
        assert_eq!(get(&r).as_deref(), Some("<x n=\"1\"/>"));
        // The agent changed (size differs): asked again.
        std::fs::write(&agent, "version 2").expect("agent");
        assert_eq!(get(&r).as_deref(), Some("<x n=\"2\"/>"));
    }
}
