//! The help file format (one file per level and language, `src/help/en/`):
//!
//! ```text
//! # a comment line (column 0)
//! level: configure
//! summary: one line for lists
//! description:
//!   Paragraphs indented by two spaces; a blank line between them.
//!   - a bullet item
//!       a literal block: indented by two more spaces (four in all)
//!
//! == primitive
//! summary: define a resource
//! usage:
//!   primitive ID AGENT [params NAME=VALUE ...]
//! description:
//!   ...
//! example:
//!   primitive ip ocf:heartbeat:IPaddr2 params ip=192.0.2.10
//! see: group, clone
//! ```
//!
//! The part before the first `==` describes the level itself; each `== NAME`
//! starts the entry of one command (or, in `topics.txt`, one topic).

use super::{Book, Entry};

/// A line of a help file that breaks the format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub line: usize,
    pub message: &'static str,
}

const FIELDS: &[&str] = &["level", "summary", "usage", "description", "example", "see"];

pub fn parse(text: &str) -> Result<Book, FormatError> {
    let mut book = Book::default();
    let mut current = Entry::default();
    let mut in_entry = false;
    let mut field: Option<&'static str> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |message| FormatError { line, message };
        if raw.starts_with('#') {
            continue;
        }
        if let Some(name) = raw.strip_prefix("== ") {
            finish(&mut book, &mut current, in_entry);
            current = Entry {
                name: name.trim().to_string(),
                ..Entry::default()
            };
            if current.name.is_empty() {
                return Err(err("an entry needs a name after `== `"));
            }
            in_entry = true;
            field = None;
            continue;
        }
        if raw.trim().is_empty() {
            if let Some(f) = field {
                push_line(&mut current, f, "");
            }
            continue;
        }
        if let Some(body) = raw.strip_prefix("  ") {
            let Some(f) = field else {
                return Err(err("an indented line outside a field"));
            };
            if matches!(f, "summary" | "see" | "level") {
                return Err(err("this field takes one line"));
            }
            push_line(&mut current, f, body);
            continue;
        }
        let Some((key, value)) = raw.split_once(':') else {
            return Err(err("expected `field:` or `== NAME`"));
        };
        let Some(key) = FIELDS.iter().copied().find(|f| *f == key) else {
            return Err(err(
                "unknown field (level, summary, usage, description, example, see)",
            ));
        };
        if key == "level" && in_entry {
            return Err(err("`level:` belongs before the first entry"));
        }
        field = Some(key);
        let value = value.trim();
        if !value.is_empty() {
            push_line(&mut current, key, value);
        }
    }
    finish(&mut book, &mut current, in_entry);
    Ok(book)
}

fn push_line(e: &mut Entry, field: &str, line: &str) {
    let target = match field {
        "level" => &mut e.name,
        "summary" => &mut e.summary,
        "usage" => &mut e.usage,
        "description" => &mut e.description,
        "example" => &mut e.example,
        _ => {
            e.see.extend(
                line.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            );
            return;
        }
    };
    if !target.is_empty() {
        target.push('\n');
    }
    target.push_str(line);
}

fn finish(book: &mut Book, e: &mut Entry, in_entry: bool) {
    let mut e = std::mem::take(e);
    for t in [&mut e.usage, &mut e.description, &mut e.example] {
        let trimmed = t.trim_end().to_string();
        *t = trimmed;
    }
    if in_entry {
        book.entries.push(e);
    } else {
        book.level = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_entries() {
        let b = parse(
            "# c\nlevel: node\nsummary: nodes\n\n== standby\nsummary: out of service\nusage:\n  standby [NODE]\ndescription:\n  One.\n\n  Two.\n\nsee: online, ready\n",
        )
        .expect("parses");
        assert_eq!(b.level.name, "node");
        assert_eq!(b.entries.len(), 1);
        let e = &b.entries[0];
        assert_eq!(e.name, "standby");
        assert_eq!(e.usage, "standby [NODE]");
        assert_eq!(e.description, "One.\n\nTwo.");
        assert_eq!(e.see, ["online", "ready"]);
    }

    #[test]
    fn bad_lines_are_located() {
        assert_eq!(parse("level: x\nwhat\n").unwrap_err().line, 2);
        assert_eq!(parse("== a\n  stray\n").unwrap_err().line, 2);
        assert_eq!(parse("== a\nsumary: x\n").unwrap_err().line, 2);
    }
}
