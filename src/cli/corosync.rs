//! The `corosync` level: corosync's status and its configuration file on
//! this node and across the cluster (push, pull, diff over ssh as crmsh
//! does).

use super::corosync_conf::{self, Conf};
use super::remote::{cluster_nodes, this_node, Remote};
use super::{usage, Failure, Output};
use crate::cib::process::Call;
use crate::error::{Error, ErrorKind};
use std::path::Path;

type R = std::result::Result<(), Failure>;

fn io(path: &str, e: std::io::Error) -> Failure {
    Error::new(ErrorKind::Io {
        path: path.into(),
        message: e.to_string(),
    })
    .into()
}

fn read() -> std::result::Result<(String, Conf), Failure> {
    let path = corosync_conf::path();
    let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
    let conf = Conf::parse(&text)?;
    Ok((text, conf))
}

fn write(conf: &Conf) -> R {
    super::cluster::save(
        Path::new(&corosync_conf::path()),
        conf.to_string().as_bytes(),
        0o644,
    )?;
    Ok(())
}

pub fn run(words: &[&str], out: &mut Output) -> R {
    match words {
        ["status"] => status("ring", out),
        ["status", kind] => status(kind, out),
        ["show"] => {
            let (text, _) = read()?;
            out.print(&text);
            Ok(())
        }
        ["get", key] => {
            let (_, conf) = read()?;
            let values = conf.get(key);
            if values.is_empty() {
                return Err(Error::new(ErrorKind::CorosyncKey {
                    key: key.to_string(),
                })
                .into());
            }
            out.print(&values.join("\n"));
            Ok(())
        }
        ["set", key, value] => {
            let (_, mut conf) = read()?;
            conf.set(key, value);
            write(&conf)
        }
        ["edit"] => edit(),
        ["diff", nodes @ ..] => super::cluster::diff(&corosync_conf::path(), nodes, out),
        ["push", nodes @ ..] => push(nodes, out),
        ["pull", node] => pull(node, out),
        ["reload"] => {
            Call::new("corosync-cfgtool").arg("-R").run_ok()?;
            Ok(())
        }
        ["log"] => {
            let (_, conf) = read()?;
            let Some(file) = conf.get("logging.logfile").first().cloned() else {
                return Err(Error::new(ErrorKind::CorosyncKey {
                    key: "logging.logfile".into(),
                })
                .into());
            };
            let text = std::fs::read_to_string(&file).map_err(|e| io(&file, e))?;
            out.print(&text);
            Ok(())
        }
        ["add-node" | "add_node", addr] => add_node(addr, None),
        ["add-node" | "add_node", addr, name] => add_node(addr, Some(name)),
        ["del-node" | "del_node", name] => {
            let (_, mut conf) = read()?;
            if !conf.del_node(name) {
                return Err(Error::new(ErrorKind::NoSuchNode {
                    node: name.to_string(),
                })
                .into());
            }
            fix_two_node(&mut conf);
            write(&conf)
        }
        [cmd, ..] => Err(usage(
            &crate::notice::Misuse::WrongArguments {
                level: "corosync",
                cmd: cmd.to_string(),
                commands: super::levels::Level::Corosync.commands().join(", "),
            }
            .to_string(),
        )
        .into()),
        [] => Err(usage(
            &crate::notice::Misuse::GiveCommandOf {
                level: "corosync",
                some: "status, show, get, set",
            }
            .to_string(),
        )
        .into()),
    }
}

/// With exactly two nodes votequorum needs `two_node: 1`.
fn fix_two_node(conf: &mut Conf) {
    let two = conf.node_count() == 2;
    if two {
        conf.set("quorum.two_node", "1");
    } else if !conf.get("quorum.two_node").is_empty() {
        conf.set("quorum.two_node", "0");
    }
}

fn add_node(addr: &str, name: Option<&str>) -> R {
    let (_, mut conf) = read()?;
    let taken = conf
        .get("nodelist.node.ring0_addr")
        .contains(&addr.to_string())
        || name.is_some_and(|n| conf.node_names().contains(&n.to_string()));
    if taken {
        return Err(usage(
            &crate::notice::Misuse::InNodelist {
                addr: addr.to_string(),
            }
            .to_string(),
        )
        .into());
    }
    conf.add_node(addr, name);
    fix_two_node(&mut conf);
    write(&conf)
}

fn status(kind: &str, out: &mut Output) -> R {
    if !super::services::is_active("corosync") {
        return Err(Error::new(ErrorKind::Cib {
            message: "corosync.service is not running!".into(),
        })
        .into());
    }
    let call = match kind {
        "ring" => Call::new("corosync-cfgtool").arg("-s"),
        "quorum" => Call::new("corosync-quorumtool").arg("-s"),
        "qdevice" => Call::new("corosync-qdevice-tool").arg("-sv"),
        "qnetd" => Call::new("corosync-qnetd-tool").arg("-lv"),
        other => {
            return Err(usage(
                &crate::notice::Misuse::StatusKind {
                    got: other.to_string(),
                }
                .to_string(),
            )
            .into())
        }
    };
    let o = call.run()?;
    // corosync-quorumtool -s exits 2 when not quorate, still printing it
    if !o.success() && o.stdout.is_empty() {
        return Err(call.failure(&o).into());
    }
    out.print(&o.stdout);
    Ok(())
}

fn edit() -> R {
    let path = corosync_conf::path();
    let editor = std::env::var("EDITOR")
        .or_else(|_| std::env::var("VISUAL"))
        .unwrap_or_else(|_| "vi".into());
    let mut words = editor.split_whitespace();
    let call = Call::new(words.next().unwrap_or("vi"))
        .args(words)
        .arg(path.clone());
    let o = call.run_in_terminal()?;
    if !o.success() {
        return Err(Error::new(ErrorKind::EditorFailed {
            editor,
            status: o.status(),
        })
        .into());
    }
    // what the editor left must still be a corosync.conf
    let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
    Conf::parse(&text)?;
    Ok(())
}

/// `push [NODE…]`: this node's corosync.conf to the others.
pub fn push(nodes: &[&str], out: &mut Output) -> R {
    let path = corosync_conf::path();
    let me = this_node();
    let targets: Vec<String> = if nodes.is_empty() {
        cluster_nodes().into_iter().filter(|n| *n != me).collect()
    } else {
        nodes.iter().map(|n| n.to_string()).collect()
    };
    if targets.is_empty() {
        return Ok(());
    }
    let mut words = vec!["copy", path.as_str()];
    words.extend(targets.iter().map(String::as_str));
    super::cluster::run(&words, out)
}

/// `pull NODE`: that node's corosync.conf here.
fn pull(node: &str, out: &mut Output) -> R {
    let path = corosync_conf::path();
    let call = Remote::default().call(node, &["cat".into(), path.clone()]);
    let o = call.run()?;
    if !o.success() {
        return Err(Error::new(ErrorKind::RemoteFailed {
            node: node.into(),
            message: call.failure(&o).to_string(),
        })
        .into());
    }
    Conf::parse(&o.stdout)?;
    super::cluster::save(Path::new(&path), o.stdout.as_bytes(), 0o644)?;
    out.info(
        &crate::notice::Said::RetrievedFrom {
            path: path.to_string(),
            node: node.to_string(),
        }
        .to_string(),
    );
    Ok(())
}
