//! Finding the help page for the words typed: `help`, `help CMD`,
//! `help LEVEL [CMD]`, `help TOPIC`, `CMD --help`, the same in the shell
//! and on the command line. The text itself lives in `src/help/`.

use super::levels::{Level, LEVELS, NAVIGATION};
use crate::error::{Error, ErrorKind};
use crate::help::{self, book, entry_text, labels, listing, Book};

/// The page for `help WORDS…` asked at `level`.
pub fn answer(level: Level, words: &[&str]) -> Result<String, Error> {
    match words {
        [] => Ok(level_page(level)),
        ["--man"] | ["--man", "crm"] => Ok(crm_man_page()),
        ["--man", "pm_crmgen"] => Ok(help::pm_crmgen_page()),
        [w] if w.eq_ignore_ascii_case("topics") => Ok(topics_page()),
        [w] => one_word(level, w),
        // A level below this one (`help ra list` at configure).
        [lvl, cmd, ..] if level.sublevel(lvl).is_some() => {
            command_page(level.sublevel(lvl).unwrap_or(level), cmd)
        }
        [lvl, cmd, rest @ ..] => match Level::from_word(lvl) {
            Some(l) if level == Level::Root || !is_command(level, lvl) => {
                // `help configure ra list`: the page of the lower level's
                // command.
                match (l.sublevel(cmd), rest.first()) {
                    (Some(sub), Some(c)) => command_page(sub, c),
                    _ => command_page(l, cmd),
                }
            }
            _ => command_page(level, lvl),
        },
    }
}

/// Whether `CMD --help` (or `-h` right after the command) asks for help
/// instead of running the command.
pub fn asks_for_help(words: &[&str]) -> bool {
    words.iter().skip(1).any(|w| *w == "--help") || words.get(1) == Some(&"-h")
}

fn is_command(level: Level, word: &str) -> bool {
    level
        .spec()
        .commands
        .iter()
        .any(|c| c.name == word || c.aliases.contains(&word))
}

fn one_word(level: Level, word: &str) -> Result<String, Error> {
    // A command of this level comes first (`node` at configure is the
    // statement), then a level, then a topic.
    if is_command(level, word)
        || NAVIGATION
            .iter()
            .any(|c| c.name == word || c.aliases.contains(&word))
    {
        if level == Level::Root {
            if let Some(l) = Level::from_word(word) {
                return Ok(level_page(l));
            }
        }
        return command_page(level, word);
    }
    if let Some(l) = Level::from_word(word) {
        return Ok(level_page(l));
    }
    if let Some(e) = book("topics").and_then(|t| t.entry(word)) {
        return Ok(entry_text(e, &[]));
    }
    // A command of another level: say where it lives.
    for spec in LEVELS {
        if spec.level != level && is_command(spec.level, word) {
            return command_page(spec.level, word);
        }
    }
    Err(no_help(level, word))
}

fn command_page(level: Level, word: &str) -> Result<String, Error> {
    let Some(cmd) = level.resolve(word) else {
        return Err(no_help(level, word));
    };
    let is_nav = NAVIGATION.iter().any(|c| c.name == cmd.name);
    let source = if is_nav {
        "navigation"
    } else {
        level.help_name()
    };
    let entry = book(source).and_then(|b| b.entry(cmd.name));
    match entry {
        Some(e) => {
            let mut text = entry_text(e, cmd.aliases);
            if level != Level::Root && !is_nav {
                text.insert_str(0, &format!("{} ", level.help_name()));
            }
            Ok(text)
        }
        None => Err(no_help(level, word)),
    }
}

fn no_help(level: Level, word: &str) -> Error {
    let mut known: Vec<&str> = level.words();
    let topics: Vec<String> = book("topics")
        .map(|t| t.entries.iter().map(|e| e.name.clone()).collect())
        .unwrap_or_default();
    known.extend(topics.iter().map(String::as_str));
    known.extend(
        LEVELS
            .iter()
            .filter(|s| s.level != Level::Root)
            .map(|s| s.name),
    );
    Error::new(ErrorKind::NoHelp {
        word: word.to_string(),
        level: level.help_name().to_string(),
    })
    .did_you_mean(word, known)
}

/// `help` at a level: what the level is for and its commands.
pub fn level_page(level: Level) -> String {
    let empty = Book::default();
    let b = book(level.help_name()).unwrap_or(&empty);
    let l = labels();
    let name = match level {
        Level::Root => "crm",
        other => other.help_name(),
    };
    let mut out = format!("{name} - {}\n", b.level.summary);
    if !b.level.description.is_empty() {
        out.push_str(&format!("\n{}\n", b.level.description));
    }
    let rows: Vec<(&str, &str)> = level
        .spec()
        .commands
        .iter()
        .map(|c| {
            let summary = b.entry(c.name).map_or("", |e| e.summary.as_str());
            (c.name, summary)
        })
        .collect();
    out.push('\n');
    if level == Level::Root {
        let (levels, commands): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .partition(|(n, _)| Level::from_word(n).is_some());
        let levels: Vec<(&str, &str)> = levels
            .into_iter()
            .map(|(n, _)| {
                let summary = Level::from_word(n)
                    .and_then(|l| book(l.help_name()))
                    .map_or("", |b| b.level.summary.as_str());
                (n, summary)
            })
            .collect();
        out.push_str(&listing(l.levels, &levels));
        out.push('\n');
        out.push_str(&listing(l.commands, &commands));
    } else {
        out.push_str(&listing(l.commands, &rows));
    }
    out.push('\n');
    out.push_str(&listing(l.navigation, &navigation_rows()));
    out.push_str(&format!("\n{}\n", l.command_hint));
    if level == Level::Root {
        out.push('\n');
        out.push_str(&topics_listing());
        out.push_str(&format!("{}\n", l.topics_hint));
    }
    out
}

fn navigation_rows() -> Vec<(&'static str, &'static str)> {
    let nav = book("navigation");
    NAVIGATION
        .iter()
        .map(|c| {
            let summary = nav
                .and_then(|b| b.entry(c.name))
                .map_or("", |e| e.summary.as_str());
            (c.name, summary)
        })
        .collect()
}

fn topics_listing() -> String {
    let rows: Vec<(&str, &str)> = book("topics")
        .map(|t| {
            t.entries
                .iter()
                .map(|e| (e.name.as_str(), e.summary.as_str()))
                .collect()
        })
        .unwrap_or_default();
    listing(labels().topics, &rows)
}

fn topics_page() -> String {
    let mut out = topics_listing();
    out.push_str(&format!("\n{}\n", labels().topics_hint));
    out
}

/// crm(8), levels and commands in the order `ls` lists them.
pub fn crm_man_page() -> String {
    let mut out = Vec::new();
    // The ra and history levels below configure are the top-level ones.
    for spec in LEVELS.iter().filter(|s| s.level.base() == s.level) {
        let prefix = match spec.level {
            Level::Root => "crm".to_string(),
            Level::Assist => "crm configure assist".to_string(),
            _ => format!("crm {}", spec.name),
        };
        out.push((spec, prefix));
    }
    let levels: Vec<help::ManLevel> = out
        .iter()
        .map(|(spec, prefix)| help::ManLevel {
            book: spec.name,
            prefix,
            commands: spec
                .commands
                .iter()
                .chain(if spec.level == Level::Root {
                    NAVIGATION
                } else {
                    &[]
                })
                .map(|c| (c.name, c.aliases.to_vec()))
                .collect(),
        })
        .collect();
    help::crm_page(&levels)
}

/// `CMD … --help` (or `CMD -h`): the page of CMD at `level`, or of the
/// command after a level word (`configure primitive --help` at the top).
/// `None` when the words do not ask for help.
pub fn for_command(level: Level, words: &[&str]) -> Option<Result<String, Error>> {
    if !asks_for_help(words) {
        return None;
    }
    let first = words.first()?;
    if level == Level::Root {
        if let Some(l) = Level::from_word(first) {
            return for_command(l, &words[1..]).or_else(|| Some(Ok(level_page(l))));
        }
    }
    // `ra list --help` at configure: the lower level's command.
    if let (Some(sub), Some(cmd)) = (level.sublevel(first), words.get(1)) {
        if !cmd.starts_with('-') {
            return Some(answer(sub, &[cmd]));
        }
    }
    Some(answer(level, &[first]))
}
