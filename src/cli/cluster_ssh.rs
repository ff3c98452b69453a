//! Passwordless ssh between the nodes, as crmsh's bootstrap sets it up:
//! root and hacluster each have an RSA key that their own node accepts;
//! a joining node swaps keys with the seed (a password once, through
//! ssh-copy-id, where the key is not accepted yet) and then with every
//! member, so that any node reaches any other without a password.

use super::remote::{this_node, Remote};
use super::services;
use super::{Failure, Output};
use crate::cib::process::Call;
use crate::error::{Error, ErrorKind};
use std::path::{Path, PathBuf};

type R = std::result::Result<(), Failure>;

/// The users crmsh gives keys to.
pub const USERS: [&str; 2] = ["root", "hacluster"];

/// Key types looked for on another node, in crmsh's order.
const KEY_TYPES: [&str; 4] = ["id_rsa", "id_ecdsa", "id_ed25519", "id_dsa"];

/// Options of every ssh call made here (crmsh's SSH_OPTION).
const SSH_OPTIONS: [&str; 4] = ["-o", "StrictHostKeyChecking=no", "-o", "ConnectTimeout=15"];

struct Account {
    home: PathBuf,
    uid: u32,
    gid: u32,
    shell: String,
}

fn io(path: &Path, e: std::io::Error) -> Failure {
    Failure::from(Error::new(ErrorKind::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }))
}

/// The user's line of /etc/passwd.
fn account(user: &str) -> std::result::Result<Account, Failure> {
    let path = Path::new("/etc/passwd");
    let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
    text.lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() >= 7 && f[0] == user)
        .and_then(|f| {
            Some(Account {
                uid: f[2].parse().ok()?,
                gid: f[3].parse().ok()?,
                home: PathBuf::from(f[5]),
                shell: f[6].to_string(),
            })
        })
        .ok_or_else(|| Error::new(ErrorKind::NoSuchUser { user: user.into() }).into())
}

fn own(path: &Path, a: &Account) -> R {
    std::os::unix::fs::chown(path, Some(a.uid), Some(a.gid)).map_err(|e| io(path, e))
}

/// `~user/.ssh`, made (mode 0700, the user's) when missing.
fn ssh_dir(a: &Account) -> std::result::Result<PathBuf, Failure> {
    use std::os::unix::fs::PermissionsExt;
    let dir = a.home.join(".ssh");
    if !dir.is_dir() {
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| io(&dir, e))?;
        own(&dir, a)?;
    }
    Ok(dir)
}

/// Adds `key` (one line) to the user's authorized_keys unless there.
fn authorize(a: &Account, key: &str) -> R {
    let key = key.trim();
    if key.is_empty() {
        return Ok(());
    }
    let file = ssh_dir(a)?.join("authorized_keys");
    let mut text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(&file, e)),
    };
    if text.lines().any(|l| l.trim() == key) {
        return Ok(());
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(key);
    text.push('\n');
    super::cluster::save(&file, text.as_bytes(), 0o600)?;
    own(&file, a)
}

/// The ssh service running (and enabled) here: under systemd as crmsh
/// does; without it, sshd has to be running already.
fn ssh_service(out: &mut Output) -> R {
    if services::manager() == services::Manager::Systemd {
        let unit = if services::systemctl("cat", "ssh.service")
            .run()
            .map(|o| o.success())
            .unwrap_or(false)
        {
            "ssh.service"
        } else {
            "sshd.service"
        };
        Call::new("systemctl")
            .args(["enable", "--now", unit])
            .run_ok()?;
    } else if services::pids_of("sshd").is_empty() {
        out.warning(&crate::notice::Said::SshdNotRunning { node: this_node() }.to_string());
    }
    Ok(())
}

/// crmsh's configure_ssh_key: a key pair for `user` (made when missing),
/// accepted by this node itself. hacluster gets a login shell, as crmsh
/// gives it, with `-y` or a yes.
fn configure_key(user: &str, yes: bool, out: &mut Output) -> R {
    let mut a = account(user)?;
    if user != "root" && a.shell.ends_with("/nologin") {
        let q = crate::notice::Said::ChangeLoginShell { user: user.into() };
        if super::confirm::confirm(&q, yes, out) {
            Call::new("usermod")
                .args(["-s", "/bin/bash", user])
                .run_ok()?;
            a.shell = "/bin/bash".into();
        }
    }
    let dir = ssh_dir(&a)?;
    let private = dir.join("id_rsa");
    let public = dir.join("id_rsa.pub");
    if !private.exists() {
        out.info(
            &crate::notice::Said::GeneratingSshKey {
                user: user.to_string(),
            }
            .to_string(),
        );
        Call::new("ssh-keygen")
            .args(["-q", "-t", "rsa", "-N", ""])
            .arg("-C")
            .arg(format!("Cluster Internal on {}", this_node()))
            .arg("-f")
            .arg(private.display().to_string())
            .run_ok()?;
    } else if !public.exists() {
        let o = Call::new("ssh-keygen")
            .arg("-y")
            .arg("-f")
            .arg(private.display().to_string())
            .run_ok()?;
        super::cluster::save(&public, o.stdout.as_bytes(), 0o644)?;
    }
    own(&private, &a)?;
    own(&public, &a)?;
    let key = std::fs::read_to_string(&public).map_err(|e| io(&public, e))?;
    authorize(&a, &key)
}

/// The `ssh` stage of `init` (and the first half of `join`'s).
pub fn init(yes: bool, out: &mut Output) -> R {
    ssh_service(out)?;
    for user in USERS {
        configure_key(user, yes, out)?;
    }
    Ok(())
}

/// The `ssh_remote` stage, run on the seed by a joining node: root's own
/// public keys accepted here.
pub fn authorize_own_keys() -> R {
    let a = account("root")?;
    for t in KEY_TYPES {
        let public = a.home.join(".ssh").join(format!("{t}.pub"));
        if let Ok(key) = std::fs::read_to_string(&public) {
            authorize(&a, &key)?;
        }
    }
    Ok(())
}

/// `__pubkey USER`: the first public key of USER here (for a joining
/// node to accept).
pub fn print_public_key(user: &str, out: &mut Output) -> R {
    let a = account(user)?;
    for t in KEY_TYPES {
        let public = a.home.join(".ssh").join(format!("{t}.pub"));
        if let Ok(key) = std::fs::read_to_string(&public) {
            out.print(key.trim_end());
            return Ok(());
        }
    }
    Err(Error::new(ErrorKind::NoSshKey {
        node: this_node(),
        user: user.into(),
    })
    .into())
}

/// `__authorize USER`: a public key on stdin accepted for USER here.
pub fn authorize_from_stdin(user: &str) -> R {
    use std::io::Read;
    let mut key = String::new();
    std::io::stdin()
        .read_to_string(&mut key)
        .map_err(|e| io(Path::new("stdin"), e))?;
    authorize(&account(user)?, &key)
}

/// Whether `user` here logs in to `user@node` without a password.
fn passwordless(node: &str, user: &str) -> bool {
    let ssh = Call::new("ssh")
        .args(SSH_OPTIONS)
        .args(["-T", "-o", "BatchMode=yes"])
        .arg(format!("{user}@{node}"))
        .arg("true");
    let call = if user == "root" {
        ssh
    } else {
        Call::new("runuser")
            .args(["-u", user, "--", ssh.program()])
            .args(ssh.arguments().iter().cloned())
    };
    call.run().map(|o| o.success()).unwrap_or(false)
}

fn crm_on(node: &str, words: &[&str]) -> Call {
    let mut argv = vec![super::cluster::crm_exe(), "cluster".to_string()];
    argv.extend(words.iter().map(|w| w.to_string()));
    Remote::default().call(node, &argv)
}

fn remote_ok(node: &str, call: Call) -> std::result::Result<String, Failure> {
    let o = call.run()?;
    if !o.success() {
        return Err(Error::new(ErrorKind::RemoteFailed {
            node: node.into(),
            message: call.failure(&o).to_string(),
        })
        .into());
    }
    Ok(o.stdout)
}

/// crmsh's swap_public_ssh_key: `user` here reaches `user@node` (a
/// password once for root, through ssh-copy-id; hacluster's key through
/// root's login), and `node`'s key is accepted here.
fn swap(node: &str, user: &str, out: &mut Output) -> R {
    let a = account(user)?;
    let public = a.home.join(".ssh").join("id_rsa.pub");
    if !passwordless(node, user) {
        out.info(
            &crate::notice::Said::ConfiguringSsh {
                user: user.to_string(),
                node: node.to_string(),
            }
            .to_string(),
        );
        if user == "root" {
            let o = Call::new("ssh-copy-id")
                .args(SSH_OPTIONS)
                .arg("-i")
                .arg(public.display().to_string())
                .arg(format!("root@{node}"))
                .run_in_terminal()?;
            if !o.success() {
                return Err(Error::new(ErrorKind::SshCopyIdFailed {
                    node: node.into(),
                    user: user.into(),
                })
                .into());
            }
        } else {
            let key = std::fs::read_to_string(&public).map_err(|e| io(&public, e))?;
            remote_ok(node, crm_on(node, &["__authorize", user]).stdin(key))?;
        }
    }
    match remote_ok(node, crm_on(node, &["__pubkey", user])) {
        Ok(key) => authorize(&a, &key),
        Err(e) => {
            out.warning(&e.error.to_string());
            Ok(())
        }
    }
}

/// The members of the cluster as `node` sees them (`crm_node -l`,
/// state member), without `node` itself.
fn members_seen_from(node: &str) -> std::result::Result<Vec<String>, Failure> {
    let list = remote_ok(
        node,
        Remote::default().call(node, &["crm_node".into(), "-l".into()]),
    )?;
    let name = remote_ok(
        node,
        Remote::default().call(node, &["crm_node".into(), "-n".into()]),
    )?;
    let name = name.trim();
    Ok(list
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.len() >= 3 && f[2] == "member" && f[1] != name).then(|| f[1].to_string())
        })
        .collect())
}

/// The `ssh` stage of `join -c SEED`: keys here, swapped with the seed,
/// the seed's own keys accepted on the seed, then swapped with every
/// other member.
pub fn join(seed: &str, yes: bool, out: &mut Output) -> R {
    ssh_service(out)?;
    for user in USERS {
        configure_key(user, yes, out)?;
        swap(seed, user, out)?;
    }
    remote_ok(seed, crm_on(seed, &["init", "ssh_remote"]))?;
    let me = this_node();
    for node in members_seen_from(seed)? {
        if node == me {
            continue;
        }
        for user in USERS {
            swap(&node, user, out)?;
        }
    }
    Ok(())
}
