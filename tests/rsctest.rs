//! `configure rsctest` beside crmsh 4.4 on this node: the agents
//! (`ocf:pacemaker:Dummy`, its state and environment files in a temporary
//! directory) really run. crmsh reaches every node through ssh, this one
//! too; the test gives it an `ssh` on PATH that runs the command here,
//! so crmsh serves as the oracle without an ssh server. Compared: exit
//! status, stdout, stderr (crmsh's Python warnings about parallax's
//! buffering dropped), what the agents saw (their `OCF_*` variables, call
//! by call) and the state files left.

mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use support::strip_ansi;

const CRMSH: &str = "/usr/sbin/crm";
const DUMMY: &str = "/usr/lib/ocf/resource.d/pacemaker/Dummy";

/// This node's name as crm (and crmsh's agent) take it.
fn this_node() -> String {
    if let Ok(o) = Command::new("crm_node").arg("-n").output() {
        let name = String::from_utf8_lossy(&o.stdout).trim().to_string();
        if o.status.success() && !name.is_empty() {
            return name;
        }
    }
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn can_run(test: &str) -> bool {
    if !Path::new(CRMSH).exists() {
        support::skip(test, "crmsh 4.4 (/usr/sbin/crm) is not installed");
        return false;
    }
    if !Path::new(DUMMY).exists() {
        support::skip(test, "ocf:pacemaker:Dummy is not installed");
        return false;
    }
    true
}

/// A CIB with this node, primitives d1 and d2 (Dummy, d2 in a group) and
/// s (Stateful, in a promotable clone), their files in `dir`; `extra`
/// goes into d2's parameters.
fn cib(dir: &Path, node: &str, extra: &str) -> String {
    let d = dir.display();
    format!(
        r#"<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="2" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config/>
    <nodes>
      <node uname="{node}" id="1"/>
    </nodes>
    <resources>
      <primitive id="d1" class="ocf" provider="pacemaker" type="Dummy">
        <instance_attributes id="d1-ia">
          <nvpair name="state" value="{d}/d1.state" id="d1-ia-state"/>
          <nvpair name="envfile" value="{d}/d1.env" id="d1-ia-env"/>
        </instance_attributes>
      </primitive>
      <group id="g">
        <primitive id="d2" class="ocf" provider="pacemaker" type="Dummy">
          <instance_attributes id="d2-ia">
            <nvpair name="state" value="{d}/d2.state" id="d2-ia-state"/>
            <nvpair name="envfile" value="{d}/d2.env" id="d2-ia-env"/>{extra}
          </instance_attributes>
        </primitive>
      </group>
      <clone id="ms">
        <meta_attributes id="ms-meta">
          <nvpair name="promotable" value="true" id="ms-meta-promotable"/>
          <nvpair name="clone-max" value="1" id="ms-meta-clone-max"/>
        </meta_attributes>
        <primitive id="s" class="ocf" provider="pacemaker" type="Stateful">
          <instance_attributes id="s-ia">
            <nvpair name="state" value="{d}/s.state" id="s-ia-state"/>
            <nvpair name="envfile" value="{d}/s.env" id="s-ia-env"/>
          </instance_attributes>
        </primitive>
      </clone>
    </resources>
    <constraints/>
  </configuration>
  <status/>
</cib>
"#
    )
}

/// What a run left: its output, and per agent the `OCF_` variables of
/// each call and whether the state file is there. The INFO/WARNING lines
/// are taken out of both streams (crmsh logs these on stdout, crm on
/// stderr, where they may fall in the middle of a progress line).
#[derive(Debug, PartialEq)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    notes: Vec<String>,
    agents: Vec<(Vec<String>, bool)>,
}

/// `text` without its INFO/WARNING lines, and those lines.
fn take_notes(text: &str, notes: &mut Vec<String>) -> String {
    let mut rest = text.to_string();
    for level in ["INFO: ", "WARNING: "] {
        while let Some(i) = rest.find(level) {
            let end = rest[i..].find('\n').map_or(rest.len(), |j| i + j + 1);
            notes.push(rest[i..end].trim_end().to_string());
            rest.replace_range(i..end, "");
        }
    }
    rest
}

/// crmsh's stderr without parallax's RuntimeWarning (two lines, written
/// in the middle of crmsh's own progress line).
fn without_parallax_warnings(s: &str) -> String {
    let mut s = s.to_string();
    let (start, end) = (
        "/usr/lib/python3/dist-packages/parallax/",
        "open(filename, 'wb', buffering=1)\n",
    );
    while let Some(i) = s.find(start) {
        match s[i..].find(end) {
            Some(j) => s.replace_range(i..i + j + end.len(), ""),
            None => break,
        }
    }
    s
}

/// One run of `crm configure rsctest WORDS…` (crmsh when `crmsh`) in a
/// fresh directory; `before` prepares the directory first.
fn run(crmsh: bool, words: &[&str], extra: &str, before: &dyn Fn(&Path)) -> Run {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("state");
    std::fs::create_dir(&dir).expect("state dir");
    let node = this_node();
    let cib_file = tmp.path().join("cib.xml");
    std::fs::write(&cib_file, cib(&dir, &node, extra)).expect("cib");
    before(&dir);
    let mut cmd = if crmsh {
        // crmsh's ssh: the command it hands the remote shell, run here.
        let bin = tmp.path().join("bin");
        std::fs::create_dir(&bin).expect("bin");
        let ssh = bin.join("ssh");
        std::fs::write(&ssh, "#!/bin/bash\nexec bash -c \"${@: -1}\"\n").expect("ssh");
        let mut perms = std::fs::metadata(&ssh).expect("ssh").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&ssh, perms).expect("chmod");
        let mut c = Command::new(CRMSH);
        c.env(
            "PATH",
            format!(
                "{}:{}",
                bin.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        );
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_crm"))
    };
    let o: Output = cmd
        .arg("configure")
        .arg("rsctest")
        .args(words)
        .env("CIB_file", &cib_file)
        .env("HOME", tmp.path())
        .stdin(Stdio::null())
        .output()
        .expect("crm runs");
    let agents = ["d1", "d2", "s"]
        .iter()
        .map(|id| {
            let env = std::fs::read_to_string(dir.join(format!("{id}.env"))).unwrap_or_default();
            let vars = env
                .lines()
                // `### ACTION @ DATE ###` heads each call's variables.
                .filter_map(|l| match l.strip_prefix("### ") {
                    Some(head) => head.split(" @ ").next().map(|a| format!("action {a}")),
                    None => l
                        .starts_with("OCF_")
                        .then(|| l.replace(&dir.display().to_string(), "DIR")),
                })
                .collect();
            (vars, dir.join(format!("{id}.state")).exists())
        })
        .collect();
    let mut notes = Vec::new();
    let stdout = take_notes(&strip_ansi(&String::from_utf8_lossy(&o.stdout)), &mut notes);
    let stderr = strip_ansi(&String::from_utf8_lossy(&o.stderr));
    let stderr = if crmsh {
        without_parallax_warnings(&stderr)
    } else {
        stderr
    };
    let stderr = take_notes(&stderr, &mut notes);
    notes.sort();
    Run {
        code: o.status.code(),
        stdout,
        stderr,
        notes,
        agents,
    }
}

fn same_as_crmsh(test: &str, words: &[&str], extra: &str, before: &dyn Fn(&Path)) -> Run {
    let want = run(true, words, extra, before);
    let got = run(false, words, extra, before);
    assert_eq!(got, want, "{test}: ours (left) differs from crmsh's");
    got
}

fn nothing(_: &Path) {}

#[test]
fn stopped_resources_are_started_and_stopped_again() {
    let test = "stopped_resources_are_started_and_stopped_again";
    if !can_run(test) {
        return;
    }
    let node = this_node();
    let r = same_as_crmsh(test, &["d1", "g"], "", &nothing);
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.stderr,
        format!("Probing resources ..\ntesting on {node}: d1 d2\n")
    );
    // Each agent ran (probe, start, stop) and is stopped again.
    assert!(r.agents[..2]
        .iter()
        .all(|(vars, running)| !vars.is_empty() && !running));
    // The same with the node named.
    same_as_crmsh(test, &["d1", node.as_str()], "", &nothing);
}

#[test]
fn a_running_resource_stops_the_test() {
    let test = "a_running_resource_stops_the_test";
    if !can_run(test) {
        return;
    }
    let running = |dir: &Path| {
        std::fs::write(dir.join("d1.state"), "").expect("state");
    };
    let r = same_as_crmsh(test, &["d1", "d2"], "", &running);
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.notes,
        [format!(
            "WARNING: d1:probe: resource running at {}",
            this_node()
        )]
    );
    assert!(
        r.stderr.contains("Stop all resources before testing!"),
        "{r:?}"
    );
}

#[test]
fn a_failed_start_is_shown_and_the_started_ones_are_stopped() {
    let test = "a_failed_start_is_shown_and_the_started_ones_are_stopped";
    if !can_run(test) {
        return;
    }
    // Dummy compares fail_start_on with `uname -n`, which is not the
    // cluster's node name where corosync.conf names the node (CI's
    // node1 on a machine called otherwise).
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    let fail = format!(
        "\n            <nvpair name=\"fail_start_on\" value=\"{}\" id=\"d2-ia-fail\"/>",
        host.trim()
    );
    let r = same_as_crmsh(test, &["d1", "d2"], &fail, &nothing);
    // crmsh 4.4 ends well even so (its result is or-ed with true).
    assert_eq!(r.code, Some(0));
    assert!(r.stderr.contains("(exit code 1)"), "{r:?}");
    // d1 was stopped again; d2's agent says it failed but runs.
    assert!(!r.agents[0].1, "{r:?}");
}

#[test]
fn words_crmsh_refuses() {
    let test = "words_crmsh_refuses";
    if !can_run(test) {
        return;
    }
    let node = this_node();
    for words in [
        vec![],
        vec!["nosuch", "d1", "nosuch2"],
        vec![node.as_str()],
        vec!["d1", node.as_str(), "d2"],
    ] {
        let want = run(true, &words, "", &nothing);
        let got = run(false, &words, "", &nothing);
        assert_eq!(got.code, want.code, "{words:?}");
        assert_eq!(got.stdout, want.stdout, "{words:?}");
        // The ERROR line crmsh prints leads ours (ours may add a hint).
        let first = |s: &str| s.lines().next().unwrap_or("").to_string();
        assert_eq!(first(&got.stderr), first(&want.stderr), "{words:?}");
    }
}

#[test]
fn a_promotable_clone_is_promoted_and_demoted() {
    let test = "a_promotable_clone_is_promoted_and_demoted";
    if !can_run(test) {
        return;
    }
    let r = same_as_crmsh(test, &["ms"], "", &nothing);
    assert_eq!(r.code, Some(0), "{r:?}");
    let actions: Vec<&str> = r.agents[2]
        .0
        .iter()
        .filter_map(|v| v.strip_prefix("action "))
        .collect();
    assert_eq!(actions, ["monitor", "start", "promote", "demote", "stop"]);
    // The agent saw the clone's meta attributes.
    assert!(
        r.agents[2]
            .0
            .iter()
            .any(|v| v == "OCF_RESKEY_CRM_meta_clone_max=1"),
        "{r:?}"
    );
}
