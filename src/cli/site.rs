//! The `site` level: tickets of a multi-site cluster, through Pacemaker's
//! `crm_ticket` (which works on `CIB_file` too). `-F` passes `--force`,
//! which crm_ticket wants for a grant or revoke it cannot check.

use super::commit::CommitOptions;
use super::{run_tool, Failure, Level, Output};
use crate::cib::process::Call;
use crate::error::{CommandError, Error};
use crate::notice::Said;

pub const SUBCOMMANDS: &[&str] = &[
    "grant", "revoke", "standby", "activate", "show", "time", "delete",
];

pub fn run(words: &[&str], opts: CommitOptions, out: &mut Output) -> Result<(), Failure> {
    match words {
        ["ticket", sub, ticket] => ticket_command(sub, ticket, opts, out),
        ["ticket", sub, ..] if !SUBCOMMANDS.contains(sub) => {
            Err(Error::from(CommandError::TicketCommand {
                word: sub.to_string(),
            })
            .into())
        }
        _ => Err(super::bad_arguments(Level::Site, words).into()),
    }
}

fn ticket_command(
    sub: &str,
    ticket: &str,
    opts: CommitOptions,
    out: &mut Output,
) -> Result<(), Failure> {
    let mut base = Call::new("crm_ticket");
    if opts.force {
        base = base.arg("--force");
    }
    let base = base.args(["-t", ticket]);
    let change = |flags: &[&str]| base.clone().args(flags.iter().copied());
    match sub {
        "grant" => run_tool(&change(&["-g"]), out),
        "revoke" => run_tool(&change(&["-r"]), out),
        "delete" => run_tool(&change(&["-D", "granted"]), out),
        "standby" => run_tool(&change(&["-s"]), out),
        "activate" => run_tool(&change(&["-a"]), out),
        "show" => {
            let value = query(&change(&["-G", "granted"]), ticket)?;
            let granted = match value.as_str() {
                "true" => true,
                "false" => false,
                _ => {
                    return Err(Error::from(CommandError::TicketValue {
                        ticket: ticket.to_string(),
                        value,
                    })
                    .into())
                }
            };
            out.print(
                &Said::TicketState {
                    ticket: ticket.to_string(),
                    granted,
                }
                .to_string(),
            );
            Ok(())
        }
        "time" => {
            let value = query(&change(&["-G", "last-granted"]), ticket)?;
            if value == "-1" {
                return Err(Error::from(CommandError::NoSuchTicket {
                    ticket: ticket.to_string(),
                })
                .into());
            }
            let Ok(secs) = value.parse::<i64>() else {
                return Err(Error::from(CommandError::TicketValue {
                    ticket: ticket.to_string(),
                    value,
                })
                .into());
            };
            out.print(
                &Said::TicketTime {
                    ticket: ticket.to_string(),
                    when: ctime(secs)?,
                }
                .to_string(),
            );
            Ok(())
        }
        other => Err(Error::from(CommandError::TicketCommand {
            word: other.to_string(),
        })
        .into()),
    }
}

/// The first line crm_ticket prints; none is "nothing to show", as in
/// crmsh (crm_ticket fails for a ticket it does not know).
fn query(call: &Call, ticket: &str) -> Result<String, Failure> {
    let o = call.run()?;
    match o.stdout.lines().next().map(str::trim) {
        Some(v) if !v.is_empty() => Ok(v.to_string()),
        _ => Err(Error::from(CommandError::TicketEmpty {
            ticket: ticket.to_string(),
        })
        .into()),
    }
}

/// A time as C's `ctime` prints it in the local time zone
/// (`Tue Dec  1 21:56:19 2026`), by date(1).
fn ctime(secs: i64) -> Result<String, Failure> {
    let o = Call::new("date")
        .with_env("LC_ALL", "C")
        .args([
            format!("--date=@{secs}"),
            "+%a %b %e %H:%M:%S %Y".to_string(),
        ])
        .run_ok()?;
    Ok(o.stdout.trim_end().to_string())
}
