//! Running a command on another cluster node, as crmsh does: over ssh
//! (`ssh -o StrictHostKeyChecking=no … NODE COMMAND`), as root or the user
//! given. `CRM_REMOTE=PROGRAM [ARGS…]` replaces ssh: the node name and the
//! command's words are appended as arguments (the test cluster enters a
//! node's namespaces this way; `CRM_REMOTE="ssh -p 2222"` works too).

use crate::cib::process::Call;

/// Options crm adds to every ssh call (crmsh's report uses the same).
const SSH_OPTIONS: &[&str] = &[
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "EscapeChar=none",
    "-o",
    "ConnectTimeout=15",
];

/// How to reach other nodes.
#[derive(Debug, Clone, Default)]
pub struct Remote {
    pub user: Option<String>,
    /// Extra ssh options (`crm report -X`).
    pub ssh_options: Vec<String>,
}

impl Remote {
    /// `argv` on `node`. With ssh, the remote side hands the command to a
    /// shell; every word is quoted for it, so a word is never split or
    /// expanded there.
    pub fn call(&self, node: &str, argv: &[String]) -> Call {
        if let Some(prefix) = std::env::var("CRM_REMOTE")
            .ok()
            .filter(|s| !s.trim().is_empty())
        {
            let mut words = prefix.split_whitespace();
            let program = words.next().unwrap_or("ssh");
            return Call::new(program)
                .args(words)
                .arg(node)
                .args(argv.iter().cloned());
        }
        let mut call = Call::new("ssh").args(SSH_OPTIONS.iter().copied());
        if let Some(user) = &self.user {
            call = call.arg("-o").arg(format!("User={user}"));
        }
        call.args(self.ssh_options.iter().cloned())
            .arg(node)
            .arg("--")
            .args(argv.iter().map(|w| shell_quote(w)))
    }
}

/// `'word'`, with `'` written as `'\''`.
pub fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

/// This machine's node name (`crm_node -n`), else its host name.
pub fn this_node() -> String {
    if let Ok(out) = Call::new("crm_node").arg("-n").run() {
        let name = out.stdout.trim();
        if out.success() && !name.is_empty() {
            return name.to_string();
        }
    }
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "localhost".into())
}

/// The cluster's nodes: the membership (`crm_node -l`), else the nodes of
/// corosync.conf, else the CIB's.
pub fn cluster_nodes() -> Vec<String> {
    if let Ok(out) = Call::new("crm_node").arg("-l").run() {
        if out.success() {
            let nodes: Vec<String> = out
                .stdout
                .lines()
                .filter_map(|l| l.split_whitespace().nth(1).map(String::from))
                .collect();
            if !nodes.is_empty() {
                return nodes;
            }
        }
    }
    if let Ok(conf) = std::fs::read_to_string(super::corosync_conf::path()) {
        if let Ok(c) = super::corosync_conf::Conf::parse(&conf) {
            let nodes = c.node_names();
            if !nodes.is_empty() {
                return nodes;
            }
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssh_words_are_quoted_for_the_remote_shell() {
        std::env::remove_var("CRM_REMOTE");
        let c = Remote::default().call("n2", &["echo".into(), "a b; $(id)".into()]);
        assert_eq!(c.program(), "ssh");
        let args = c.arguments();
        assert_eq!(
            &args[args.len() - 4..],
            ["n2", "--", "'echo'", "'a b; $(id)'"]
        );
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
    }
}
