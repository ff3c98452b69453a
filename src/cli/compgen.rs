//! `crm --compgen POINT LINE`: crmsh's completion protocol, so that the
//! bash completion file crmsh installs works unchanged with this `crm`.
//!
//! The protocol (learnt from crmsh 4.4's behaviour): bash passes the
//! cursor offset and the whole command line; `crm` prints one candidate a
//! line, nothing else, and exits 0 whatever happens (bash shows stderr,
//! so nothing goes there). A candidate is the whole word, except that
//! when the word being completed holds a `:` only what follows its last
//! `:` is printed, because bash splits words at `:` and replaces only
//! that part. Stems that typing goes on from (`ocf:`, `ip=`) end in `:`
//! or `=`; bash adds the space after whole words itself.
//!
//! The candidates are those of the shell's completion engine at the root
//! level ([`crate::repl::complete`]), with the facts read once from the
//! CIB `crm` would work on.

use crate::repl::complete::{complete, Candidate};
use crate::repl::facts::ShellFacts;
use crate::repl::levels::Level;

/// Global flags that take a value (`-D color configure …`).
const FLAGS_WITH_VALUE: &[&str] = &[
    "-D",
    "--display",
    "-f",
    "--file",
    "-c",
    "--cib",
    "-H",
    "--history",
    "-X",
    "-o",
    "--output",
];

/// The lines `crm --compgen` prints for these arguments (`POINT LINE`).
pub fn answer(args: &[String]) -> Vec<String> {
    let [point, line, ..] = args else {
        return Vec::new();
    };
    let before = before_point(line, point);
    let Some(words_start) = after_command_name(before) else {
        return Vec::new();
    };
    let rest = skip_global_flags(&before[words_start..]);
    let facts = ShellFacts::new();
    if let Ok(backend) = super::backend() {
        if let Ok(cib) = backend.read() {
            facts.update(&cib);
        }
    }
    let (start, found) = complete(Level::Root, rest, &facts);
    let word = &rest[start.min(rest.len())..];
    render(word, &found)
}

/// What bash is given for each candidate of `word`.
fn render(word: &str, found: &[Candidate]) -> Vec<String> {
    let cut = word.rfind(':').map(|i| i + 1);
    found
        .iter()
        .map(|c| {
            let w = c.replacement.trim_end();
            match cut {
                Some(i) if w.len() >= i && w.is_char_boundary(i) => w[i..].to_string(),
                _ => w.to_string(),
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The line up to the cursor. `COMP_POINT` counts characters; a point
/// that is not a number or lies past the end means the whole line.
fn before_point<'a>(line: &'a str, point: &str) -> &'a str {
    match point.trim().parse::<usize>() {
        Ok(n) => match line.char_indices().nth(n) {
            Some((i, _)) => &line[..i],
            None => line,
        },
        Err(_) => line,
    }
}

/// Where the words after the command's own name (`crm`, `/usr/sbin/crm`,
/// whatever it is installed as) start; `None` while that name is typed.
fn after_command_name(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let end = trimmed.find(char::is_whitespace)?;
    Some(lead + end)
}

/// The line without the global flags before the first command word.
fn skip_global_flags(mut rest: &str) -> &str {
    loop {
        let trimmed = rest.trim_start();
        let Some(end) = trimmed.find(char::is_whitespace) else {
            return rest;
        };
        let word = &trimmed[..end];
        if !word.starts_with('-') {
            return rest;
        }
        rest = &trimmed[end..];
        if FLAGS_WITH_VALUE.contains(&word) {
            let t = rest.trim_start();
            match t.find(char::is_whitespace) {
                Some(e) => rest = &t[e..],
                None => return "",
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(r: &str) -> Candidate {
        Candidate {
            replacement: r.to_string(),
            display: r.trim_end().to_string(),
        }
    }

    #[test]
    fn a_word_with_a_colon_prints_only_what_follows_its_last_colon() {
        let found = [
            cand("ocf:heartbeat:IPaddr2 "),
            cand("ocf:heartbeat:IPsrcaddr "),
        ];
        assert_eq!(render("ocf:heartbeat:IP", &found), ["IPaddr2", "IPsrcaddr"]);
        assert_eq!(render("ocf:", &[cand("ocf:heartbeat:")]), ["heartbeat:"]);
        assert_eq!(render("ip", &[cand("ip=")]), ["ip="]);
    }

    #[test]
    fn the_command_name_and_global_flags_are_skipped() {
        assert_eq!(after_command_name("crm"), None);
        assert_eq!(after_command_name("/usr/sbin/crm con"), Some(13));
        assert_eq!(skip_global_flags(" -F -D color configure "), " configure ");
        assert_eq!(skip_global_flags(" -D"), " -D");
        assert_eq!(skip_global_flags(" -D color"), "");
    }

    #[test]
    fn the_point_cuts_the_line_in_characters() {
        assert_eq!(before_point("crm node standby", "8"), "crm node");
        assert_eq!(before_point("crm ノード x", "8"), "crm ノード ");
        assert_eq!(before_point("crm ノード x", "7"), "crm ノード");
        assert_eq!(before_point("crm node", "99"), "crm node");
        assert_eq!(before_point("crm node", "x"), "crm node");
    }
}
