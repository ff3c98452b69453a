//! The `options` level: crmsh's preferences (`crm_conf`), shown, changed,
//! saved to `~/.config/crm/crm.conf`.

use super::{Failure, Output};
use crate::crm_conf::{self, CrmConf};
use crate::error::{Error, ErrorKind};

/// The short commands (crmsh's "legacy" names) and the option each sets.
fn legacy(command: &str) -> Option<(&'static str, &'static str, &'static str)> {
    let (name, section, option) = match command.replace('_', "-").as_str() {
        "editor" => ("editor", "core", "editor"),
        "pager" => ("pager", "core", "pager"),
        "user" => ("user", "core", "user"),
        "skill-level" => ("skill-level", "core", "skill_level"),
        "sort-elements" => ("sort-elements", "core", "sort_elements"),
        "check-frequency" => ("check-frequency", "core", "check_frequency"),
        "check-mode" => ("check-mode", "core", "check_mode"),
        "wait" => ("wait", "core", "wait"),
        "add-quotes" => ("add-quotes", "core", "add_quotes"),
        "manage-children" => ("manage-children", "core", "manage_children"),
        "output" => ("output", "color", "style"),
        _ => return None,
    };
    Some((name, section, option))
}

/// What a command did: whether a one-shot run should save.
pub fn run(words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let failed = |command: &str, e: Error| -> Failure {
        Error::new(ErrorKind::CommandFailed {
            command: format!("options.{command}"),
            message: crate::i18n::kind_text(&e.kind),
        })
        .into()
    };
    let usage = |command: &str, text: &str| -> Failure {
        Error::new(ErrorKind::CommandFailed {
            command: format!("options.{command}"),
            message: crate::notice::Misuse::Syntax { usage: text.into() }.to_string(),
        })
        .into()
    };
    match words {
        [] => Ok(()),
        ["set", option, value] => {
            let Some((section, name)) = option.split_once('.') else {
                return Err(Error::new(ErrorKind::CommandFailed {
                    command: "options.set".into(),
                    message: crate::notice::Misuse::UnknownOptionName {
                        option: option.to_string(),
                    }
                    .to_string(),
                })
                .into());
            };
            crm_conf::with(|c| c.set(section, name, value)).map_err(|e| failed("set", e))
        }
        ["set", ..] => Err(usage("set", "set <option> <value>")),
        ["show" | "list"] => {
            let text = crm_conf::with(|c| show(c, c.configured()));
            out.print(&text);
            Ok(())
        }
        ["show" | "list", which] => {
            let all = crm_conf::all_options();
            let chosen: Vec<String> = if *which == "all" {
                all
            } else {
                all.into_iter()
                    .filter(|o| o.starts_with(which) || o.ends_with(which))
                    .collect()
            };
            let text = crm_conf::with(|c| show(c, chosen));
            out.print(&text);
            Ok(())
        }
        ["save"] => crm_conf::with(|c| c.save()).map_err(Failure::from),
        ["reset"] => {
            crm_conf::with(CrmConf::reset);
            Ok(())
        }
        ["colorscheme", colors] => colorscheme(colors).map_err(|e| failed("colorscheme", e)),
        ["colorscheme", ..] => Err(usage("colorscheme", "colorscheme <colors>")),
        ["user"] => crm_conf::with(|c| c.set("core", "user", "")).map_err(|e| failed("user", e)),
        [command, value] => match legacy(command) {
            Some((name, section, option)) => {
                crm_conf::with(|c| c.set(section, option, value)).map_err(|e| failed(name, e))
            }
            None => Err(no_such(command)),
        },
        [command, ..] => match legacy(command) {
            Some((name, _, _)) => Err(usage(name, &format!("{name} <value>"))),
            None => Err(no_such(command)),
        },
    }
}

/// The `[color]` options each place of a colour scheme sets, in the
/// order crmsh's manual lists them (and crmsh 1.2's display used them).
/// crmsh 4.4 documents the command but keeps nothing of it; we do what
/// its manual says.
const SCHEME: [&[&str]; 6] = [
    &["keyword"],
    &["identifier"],
    &["attr_name"],
    &["attr_value"],
    &["resource_reference", "id_reference"],
    &["score", "ticket"],
];

/// `colorscheme C1,C2,…`: up to six colours; an empty place keeps its
/// colour. Every colour is checked before any is set.
fn colorscheme(colors: &str) -> Result<(), Error> {
    let places: Vec<&str> = colors.split(',').map(str::trim).collect();
    if places.len() > SCHEME.len() {
        return Err(Error::new(ErrorKind::BadOption {
            message: crate::notice::Misuse::TooManyColors {
                given: places.len(),
                most: SCHEME.len(),
            }
            .to_string(),
        }));
    }
    let mut checked = crm_conf::with(|c| c.clone());
    for (color, names) in places.iter().zip(SCHEME) {
        if color.is_empty() {
            continue;
        }
        for name in names {
            checked.set("color", name, color)?;
        }
    }
    crm_conf::with(|c| *c = checked);
    Ok(())
}

fn no_such(word: &str) -> Failure {
    Error::new(ErrorKind::NoSuchCommand {
        word: word.to_string(),
    })
    .into()
}

/// `section.name = value`, one a line.
fn show(conf: &CrmConf, options: Vec<String>) -> String {
    options
        .iter()
        .filter_map(|o| {
            let (s, n) = o.split_once('.')?;
            Some(format!("{o} = {}\n", conf.get(s, n)))
        })
        .collect()
}

/// After a one-shot command (and a script's line that enters and leaves
/// the level at once) crmsh saves the preferences.
pub fn save_after_one_shot() -> Result<(), Failure> {
    crm_conf::with(|c| c.save()).map_err(Failure::from)
}

/// Completion after `first`: option names after `set`, then their values;
/// the values of the option a short command sets.
pub fn complete(first: &str, rest: &[&str]) -> Vec<String> {
    let values = |section: &str, name: &str| -> Vec<String> {
        crm_conf::spec(section, name)
            .map(|s| s.completions().iter().map(|v| v.to_string()).collect())
            .unwrap_or_default()
    };
    match (first, rest.len()) {
        ("set", 0) | ("show" | "list", 0) => crm_conf::all_options(),
        ("set", 1) => match rest[0].split_once('.') {
            Some((s, n)) => values(s, n),
            None => Vec::new(),
        },
        // crmsh's completion of a scheme: the plain colour names
        ("colorscheme", 0) => [
            "black", "blue", "green", "cyan", "red", "magenta", "yellow", "white", "normal",
        ]
        .map(String::from)
        .to_vec(),
        (command, 0) => match legacy(command) {
            Some((_, section, option)) => values(section, option),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}
