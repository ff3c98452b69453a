//! All help text of `crm` and `pm_crmgen`: one file per level (and per
//! language) under `src/help/en/`, compiled in, parsed on first use. The
//! shell's `help`, `crm help …`, `CMD --help` and the man pages all read
//! these books; the command layer (`cli::levels`) says which commands a
//! level has, `cli::help` finds the page for the words typed.
//!
//! To add help for a command: add an `== NAME` entry to the level's file
//! (format in [`parse`]). To add a level: a new file and a line in
//! [`FILES`].

mod man;
mod parse;

pub use man::{crm_page, pm_crmgen_page, ManLevel};
pub use parse::{parse, FormatError};

use std::sync::OnceLock;

/// The languages help is written in (chosen in `crate::i18n`); an entry
/// missing in Japanese falls back to English.
pub use crate::i18n::Lang;

/// One help page: a command or a topic, or (as [`Book::level`]) a level.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub summary: String,
    pub usage: String,
    pub description: String,
    pub example: String,
    pub see: Vec<String>,
}

/// The help of one level (or the topics, or a program).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Book {
    pub level: Entry,
    pub entries: Vec<Entry>,
}

impl Book {
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }
}

/// Every help file: (language, book name, text). The book name is the
/// level's name (`root` for the top level), `navigation` for the commands
/// every level has, `topics` for the language topics, or a program.
pub const FILES: &[(Lang, &str, &str)] = &[
    (Lang::En, "root", include_str!("en/root.txt")),
    (Lang::En, "navigation", include_str!("en/navigation.txt")),
    (Lang::En, "configure", include_str!("en/configure.txt")),
    (Lang::En, "node", include_str!("en/node.txt")),
    (Lang::En, "resource", include_str!("en/resource.txt")),
    (Lang::En, "ra", include_str!("en/ra.txt")),
    (Lang::En, "cib", include_str!("en/cib.txt")),
    (Lang::En, "options", include_str!("en/options.txt")),
    (Lang::En, "template", include_str!("en/template.txt")),
    (Lang::En, "cibstatus", include_str!("en/cibstatus.txt")),
    (Lang::En, "maintenance", include_str!("en/maintenance.txt")),
    (Lang::En, "site", include_str!("en/site.txt")),
    (Lang::En, "history", include_str!("en/history.txt")),
    (Lang::En, "cluster", include_str!("en/cluster.txt")),
    (Lang::En, "corosync", include_str!("en/corosync.txt")),
    (Lang::En, "assist", include_str!("en/assist.txt")),
    (Lang::En, "topics", include_str!("en/topics.txt")),
    (Lang::En, "pm_crmgen", include_str!("en/pm_crmgen.txt")),
    // Japanese (issue 17): a page missing here is shown in English.
    (Lang::Ja, "root", include_str!("ja/root.txt")),
    (Lang::Ja, "configure", include_str!("ja/configure.txt")),
    (Lang::Ja, "node", include_str!("ja/node.txt")),
    (Lang::Ja, "resource", include_str!("ja/resource.txt")),
    (Lang::Ja, "navigation", include_str!("ja/navigation.txt")),
    (Lang::Ja, "ra", include_str!("ja/ra.txt")),
    (Lang::Ja, "cib", include_str!("ja/cib.txt")),
    (Lang::Ja, "template", include_str!("ja/template.txt")),
    (Lang::Ja, "cibstatus", include_str!("ja/cibstatus.txt")),
    (Lang::Ja, "maintenance", include_str!("ja/maintenance.txt")),
    (Lang::Ja, "site", include_str!("ja/site.txt")),
    (Lang::Ja, "cluster", include_str!("ja/cluster.txt")),
    (Lang::Ja, "corosync", include_str!("ja/corosync.txt")),
    (Lang::Ja, "assist", include_str!("ja/assist.txt")),
    (Lang::Ja, "pm_crmgen", include_str!("ja/pm_crmgen.txt")),
    (Lang::Ja, "options", include_str!("ja/options.txt")),
    (Lang::Ja, "history", include_str!("ja/history.txt")),
    (Lang::Ja, "topics", include_str!("ja/topics.txt")),
];

struct Loaded {
    lang: Lang,
    name: &'static str,
    book: Book,
}

fn loaded() -> &'static [Loaded] {
    static BOOKS: OnceLock<Vec<Loaded>> = OnceLock::new();
    BOOKS.get_or_init(|| {
        // A malformed file is caught by the tests; at run time it gives
        // what parsed before the bad line's entry.
        let parsed = |text: &str| parse(text).unwrap_or_default();
        let english = |name: &str| {
            FILES
                .iter()
                .find(|(l, n, _)| *l == Lang::En && *n == name)
                .map(|(_, _, text)| parsed(text))
                .unwrap_or_default()
        };
        FILES
            .iter()
            .map(|(lang, name, text)| {
                let mut book = parsed(text);
                if *lang != Lang::En {
                    fill_from(&mut book, english(name));
                }
                Loaded {
                    lang: *lang,
                    name,
                    book,
                }
            })
            .collect()
    })
}

/// A translated book completed with the English pages it lacks (in the
/// English order), so that an untranslated page still shows.
fn fill_from(book: &mut Book, english: Book) {
    if book.level.summary.is_empty() {
        book.level = english.level;
    }
    let mut entries = Vec::with_capacity(english.entries.len().max(book.entries.len()));
    for e in english.entries {
        match book.entry(&e.name) {
            Some(t) => entries.push(t.clone()),
            None => entries.push(e),
        }
    }
    for t in &book.entries {
        if !entries.iter().any(|e| e.name.eq_ignore_ascii_case(&t.name)) {
            entries.push(t.clone());
        }
    }
    book.entries = entries;
}

/// How many pages (level pages and entries) of `lang` are written in it,
/// and how many English has.
pub fn translated(lang: Lang) -> (usize, usize) {
    let count = |l: Lang| -> usize {
        FILES
            .iter()
            .filter(|(fl, _, _)| *fl == l)
            .map(|(_, _, text)| {
                let b = parse(text).unwrap_or_default();
                b.entries.len() + usize::from(!b.level.summary.is_empty())
            })
            .sum()
    };
    (count(lang), count(Lang::En))
}

/// The book of that name in the current language (English when the
/// language has none).
pub fn book(name: &str) -> Option<&'static Book> {
    book_in(Lang::current(), name)
}

pub fn book_in(lang: Lang, name: &str) -> Option<&'static Book> {
    let find = |l: Lang| {
        loaded()
            .iter()
            .find(|b| b.lang == l && b.name == name)
            .map(|b| &b.book)
    };
    find(lang).or_else(|| find(Lang::En))
}

/// The words of the pages themselves ("Usage:", …), per language.
pub struct Labels {
    pub usage: &'static str,
    pub aliases: &'static str,
    pub example: &'static str,
    pub see: &'static str,
    pub commands: &'static str,
    pub levels: &'static str,
    pub navigation: &'static str,
    pub topics: &'static str,
    pub topics_hint: &'static str,
    pub command_hint: &'static str,
}

pub fn labels() -> &'static Labels {
    match Lang::current() {
        Lang::En => &Labels {
            usage: "Usage",
            aliases: "Also",
            example: "Example",
            see: "See also",
            commands: "Commands",
            levels: "Levels",
            navigation: "Everywhere",
            topics: "Topics",
            topics_hint: "`help TOPIC` explains one (e.g. `help Syntax`).",
            command_hint: "`help COMMAND` (or `COMMAND --help`) explains one.",
        },
        Lang::Ja => &Labels {
            usage: "使い方",
            aliases: "別名",
            example: "例",
            see: "関連項目",
            commands: "コマンド",
            levels: "レベル",
            navigation: "どのレベルでも使えるもの",
            topics: "トピック",
            topics_hint: "`help TOPIC` でトピックを説明します (例: `help Syntax`)。",
            command_hint: "`help COMMAND` (または `COMMAND --help`) でコマンドを説明します。",
        },
    }
}

/// A command's or topic's page, as the shell prints it.
pub fn entry_text(e: &Entry, aliases: &[&str]) -> String {
    let l = labels();
    let mut out = format!("{} - {}\n", e.name, e.summary);
    let aliases: Vec<&str> = aliases
        .iter()
        .copied()
        .filter(|a| !a.starts_with('-') && *a != "?")
        .collect();
    if !aliases.is_empty() {
        out.push_str(&format!("{}: {}\n", l.aliases, aliases.join(", ")));
    }
    if !e.usage.is_empty() {
        out.push_str(&format!("\n{}:\n{}\n", l.usage, indent(&e.usage, "    ")));
    }
    if !e.description.is_empty() {
        out.push_str(&format!("\n{}\n", e.description));
    }
    if !e.example.is_empty() {
        out.push_str(&format!(
            "\n{}:\n{}\n",
            l.example,
            indent(&e.example, "    ")
        ));
    }
    if !e.see.is_empty() {
        out.push_str(&format!("\n{}: {}\n", l.see, e.see.join(", ")));
    }
    out
}

/// A list of names with their summaries, aligned.
pub fn listing(title: &str, rows: &[(&str, &str)]) -> String {
    let width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!("{title}:\n");
    for (name, summary) in rows {
        out.push_str(&format!("    {name:<width$}  {summary}\n"));
    }
    out
}

fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{by}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_file_parses() {
        for (lang, name, text) in FILES {
            if let Err(e) = parse(text) {
                panic!("{lang:?}/{name}.txt:{}: {}", e.line, e.message);
            }
        }
    }

    #[test]
    fn every_entry_has_a_summary_and_commands_have_usage_and_example() {
        for (lang, name, text) in FILES {
            let book = parse(text).unwrap_or_default();
            assert!(
                !book.level.summary.is_empty(),
                "{lang:?}/{name}: no summary"
            );
            for e in &book.entries {
                let at = format!("{lang:?}/{name}.txt: {}", e.name);
                assert!(!e.summary.is_empty(), "{at}: no summary");
                assert!(!e.description.is_empty(), "{at}: no description");
                // Topics and program sections are prose.
                if !matches!(*name, "topics" | "pm_crmgen") {
                    assert!(!e.usage.is_empty(), "{at}: no usage");
                    assert!(!e.example.is_empty(), "{at}: no example");
                }
            }
        }
    }

    #[test]
    fn see_also_names_existing_pages() {
        let all: Vec<&Book> = FILES
            .iter()
            .filter_map(|(l, n, _)| book_in(*l, n))
            .collect();
        for (lang, name, text) in FILES {
            let book = parse(text).unwrap_or_default();
            for e in &book.entries {
                for s in &e.see {
                    // `level COMMAND` names a page at another level.
                    let target = s.rsplit(' ').next().unwrap_or(s);
                    let found = all.iter().any(|b| {
                        b.entry(target).is_some() || b.level.name.eq_ignore_ascii_case(target)
                    });
                    assert!(
                        found,
                        "{lang:?}/{name}.txt: {}: see {s}: no such page",
                        e.name
                    );
                }
            }
        }
    }
}
