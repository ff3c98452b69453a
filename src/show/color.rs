//! Colour for `configure show`, as crmsh's `-D color` does it: the
//! statement keywords, ids, attribute names and values, resource
//! references, scores and tickets of the printed text wrapped in the
//! terminal's codes for the colours of crm.conf's `[color]` section.
//!
//! The printers stay plain; this reads their text back word by word
//! (the words are crmsh's, so their role follows from where they stand)
//! and adds only escape codes: removing them gives the plain text back.

/// The terminal codes of one run (crmsh reads them from terminfo; these
/// are the values terminfo gives for the terminals crm runs in).
#[derive(Debug, Clone)]
pub struct Palette {
    normal: &'static str,
    colors: bool,
    uppercase: bool,
    keyword: String,
    identifier: String,
    attr_name: String,
    attr_value: String,
    rscref: String,
    idref: String,
    score: String,
    ticket: String,
}

/// `sgr0` of `$TERM` (crmsh drops its trailing SI), and whether it has
/// `setaf`; `None` for a terminal without capabilities.
fn terminal(term: &str) -> Option<(&'static str, bool)> {
    let t = term.to_ascii_lowercase();
    if t.is_empty() || t == "dumb" || t == "unknown" {
        return None;
    }
    if t.starts_with("screen") || t.starts_with("tmux") || t == "linux" {
        return Some(("\x1b[m", true));
    }
    if t.starts_with("vt") {
        return Some(("\x1b[m", false));
    }
    Some(("\x1b(B\x1b[m", true))
}

/// The code of one colour word of crm.conf (`red`, `bold`, `normal`, …).
fn code(word: &str, normal: &'static str, colors: bool) -> String {
    const ANSI: [&str; 8] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    ];
    if let Some(i) = ANSI.iter().position(|c| *c == word) {
        return if colors {
            format!("\x1b[3{i}m")
        } else {
            String::new()
        };
    }
    match word {
        "normal" => normal.to_string(),
        "bold" => "\x1b[1m".into(),
        "underline" => "\x1b[4m".into(),
        "blink" => "\x1b[5m".into(),
        "dim" => "\x1b[2m".into(),
        "reverse" => "\x1b[7m".into(),
        _ => String::new(),
    }
}

impl Palette {
    /// The palette for `style` (crm.conf `[color] style`, or `-D`), the
    /// colours of `[color]` given by `color_of`, and `term`; `None` when
    /// the text stays as it is.
    pub fn new(
        style: &str,
        to_terminal: bool,
        no_color: bool,
        term: &str,
        color_of: &dyn Fn(&str) -> String,
    ) -> Option<Palette> {
        let words: Vec<&str> = style.split([',', ' ']).filter(|w| !w.is_empty()).collect();
        let uppercase = words.contains(&"uppercase");
        let wanted = words.contains(&"color") || words.contains(&"color-always");
        let forced = words.contains(&"color-always");
        let caps = if wanted && !no_color && (to_terminal || forced) {
            terminal(term)
        } else {
            None
        };
        if caps.is_none() && !uppercase {
            return None;
        }
        let (normal, colors) = caps.unwrap_or(("", false));
        let on = caps.is_some();
        let of = |name: &str| -> String {
            if !on {
                return String::new();
            }
            color_of(name)
                .split_whitespace()
                .map(|w| code(w, normal, colors))
                .collect()
        };
        Some(Palette {
            normal,
            colors: on,
            uppercase,
            keyword: of("keyword"),
            identifier: of("identifier"),
            attr_name: of("attr_name"),
            attr_value: of("attr_value"),
            rscref: of("resource_reference"),
            idref: of("id_reference"),
            score: of("score"),
            ticket: of("ticket"),
        })
    }

    /// The palette of this process: crm.conf's (or `-D`'s) style, stdout
    /// a terminal, `NO_COLOR`, `TERM`.
    pub fn current() -> Option<Palette> {
        use std::io::IsTerminal;
        let style = crate::crm_conf::get("color", "style");
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let term = std::env::var("TERM").unwrap_or_default();
        Palette::new(
            &style,
            std::io::stdout().is_terminal(),
            no_color,
            &term,
            &|name| crate::crm_conf::get("color", name),
        )
    }

    fn paint(&self, out: &mut String, codes: &str, word: &str) {
        if self.colors && !word.is_empty() {
            out.push_str(codes);
            out.push_str(word);
            out.push_str(self.normal);
        } else {
            out.push_str(word);
        }
    }

    fn keyword(&self, out: &mut String, word: &str) {
        if self.uppercase {
            let up = word.to_uppercase();
            self.paint(out, &self.keyword, &up);
        } else {
            self.paint(out, &self.keyword, word);
        }
    }
}

/// Words that start a part of a statement on its own line.
const PARTS: &[&str] = &[
    "params",
    "meta",
    "utilization",
    "attributes",
    "op",
    "operations",
    "op_params",
    "op_meta",
    "rule",
];

/// Words of a rule that crmsh prints as keywords.
const RULE_WORDS: &[&str] = &[
    "and",
    "or",
    "not_defined",
    "defined",
    "eq",
    "ne",
    "lt",
    "gt",
    "lte",
    "gte",
    "date",
    "in",
    "in_range",
    "spec",
    "duration",
    "date_spec",
];

/// What the next words of a statement are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The statement's id.
    Id,
    /// A node's uname (after `node ID:`), or its id.
    Node,
    /// A primitive's agent.
    Agent,
    /// Resource references (members, constraint resources).
    Refs,
    /// A location's resource, then its score and node.
    LocRsc,
    LocScore,
    /// A constraint's score (`inf:`), then its resources.
    Score,
    /// An rsc_ticket's ticket, then its resources.
    Ticket,
    /// The action of an `op`.
    OpAction,
    /// An alert's or recipient's path.
    AlertPath,
    /// Inside a rule: an optional `$role=`/`$id=`, a score, expressions.
    Rule,
    /// A rule's expressions.
    RuleBody,
    /// The operation after `date`, and the date after `date lt|gt`.
    DateOp,
    DateValue,
    /// Anything else: `name=value` pairs coloured, other words plain.
    Plain,
}

/// `text` (crmsh's `show` text) with the palette's codes.
pub fn colorize(text: &str, p: &Palette) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut head = String::new();
    let mut role = Role::Plain;
    let mut continues = false;
    for line in text.split_inclusive('\n') {
        let continued = continues && !head.is_empty();
        continues = line.trim_end().ends_with('\\');
        let mut first = true;
        let mut rest = line;
        while !rest.is_empty() {
            let blank = rest.len() - rest.trim_start().len();
            out.push_str(&rest[..blank]);
            rest = &rest[blank..];
            if rest.is_empty() {
                break;
            }
            let end = word_end(rest);
            let word = &rest[..end];
            rest = &rest[end..];
            if first && !continued {
                head = word.to_string();
                role = match word {
                    "node" => Role::Node,
                    _ if word.starts_with('#') => Role::Plain,
                    _ => Role::Id,
                };
                if word.starts_with('#') {
                    // A comment line: as it is.
                    out.push_str(word);
                    out.push_str(rest);
                    head.clear();
                    break;
                }
                p.keyword(&mut out, word);
                first = false;
                continue;
            }
            if first && head == "bundle" {
                // A bundle's parts (`docker`, `network`, `storage`, …)
                // each start a line, printed as keywords.
                p.keyword(&mut out, word);
                role = Role::Plain;
                first = false;
                continue;
            }
            first = false;
            role = one(&mut out, p, &head, role, word);
        }
    }
    out
}

/// The length of the word at the start of `s`: up to a blank outside
/// double quotes.
fn word_end(s: &str) -> usize {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return i,
            _ => {}
        }
    }
    s.len()
}

/// `name=value` coloured as crmsh's nvpairs; `false` when `word` is none.
fn pair(out: &mut String, p: &Palette, word: &str) -> bool {
    let Some(eq) = word.find('=') else {
        return false;
    };
    let (name, value) = (&word[..eq], &word[eq + 1..]);
    if name.is_empty() || name.contains('"') {
        return false;
    }
    p.paint(out, &p.attr_name, name);
    out.push('=');
    p.paint(out, &p.attr_value, value);
    true
}

/// A resource reference with its `:role`/`:action` suffix left plain.
fn reference(out: &mut String, p: &Palette, word: &str) {
    if matches!(word, "(" | ")" | "[" | "]" | "{" | "}" | "\\") {
        out.push_str(word);
        return;
    }
    match word.split_once(':') {
        Some((rsc, suffix)) => {
            p.paint(out, &p.rscref, rsc);
            out.push(':');
            out.push_str(suffix);
        }
        None => p.paint(out, &p.rscref, word),
    }
}

/// A score word (`inf:`, `100:`): the score coloured, the colon not.
fn score(out: &mut String, p: &Palette, codes: &str, word: &str) {
    let bare = word.strip_suffix(':').unwrap_or(word);
    p.paint(out, codes, bare);
    if bare.len() < word.len() {
        out.push(':');
    }
}

/// Writes one word of a statement headed by `head`; returns the role of
/// the next word.
fn one(out: &mut String, p: &Palette, head: &str, role: Role, word: &str) -> Role {
    // Raw XML and fencing levels are printed as they are after the keyword.
    if word == "\\" || head == "xml" || head == "fencing_topology" {
        out.push_str(word);
        return role;
    }
    if PARTS.contains(&word) {
        p.keyword(out, word);
        return match word {
            "op" => Role::OpAction,
            "rule" => Role::Rule,
            _ => Role::Plain,
        };
    }
    match role {
        Role::Id => {
            if let Some(id) = word.strip_prefix("$id=") {
                p.paint(out, &p.identifier, "$id");
                out.push('=');
                p.paint(out, &p.attr_value, id);
            } else {
                let bare = word.strip_suffix(':').unwrap_or(word);
                p.paint(out, &p.identifier, bare);
                if bare.len() < word.len() {
                    out.push(':');
                }
            }
            match head {
                "primitive" => Role::Agent,
                "group" | "clone" | "ms" | "master" | "tag" => Role::Refs,
                "location" => Role::LocRsc,
                "colocation" | "collocation" | "order" => Role::Score,
                "rsc_ticket" => Role::Ticket,
                "alert" => Role::AlertPath,
                _ => Role::Plain,
            }
        }
        Role::Node => {
            // `node ID: uname` or `node uname[:type]`.
            if word.ends_with(':') {
                out.push_str(word);
                return Role::Node;
            }
            match word.split_once(':') {
                Some((uname, typ)) => {
                    p.paint(out, &p.identifier, uname);
                    out.push(':');
                    out.push_str(typ);
                }
                None => p.paint(out, &p.identifier, word),
            }
            Role::Plain
        }
        Role::Agent => {
            match word.strip_prefix('@') {
                Some(template) => {
                    out.push('@');
                    p.paint(out, &p.idref, template);
                }
                None => out.push_str(word),
            }
            Role::Plain
        }
        Role::Refs => {
            // A constraint's own options (`symmetrical=false`,
            // `loss-policy=stop`) stay plain, as crmsh prints them.
            let constraint = matches!(head, "colocation" | "collocation" | "order" | "rsc_ticket");
            if word.contains('=') && (constraint || !pair(out, p, word)) {
                out.push_str(word);
            } else if !word.contains('=') {
                reference(out, p, word);
            }
            Role::Refs
        }
        Role::AlertPath => {
            if word == "{" {
                out.push_str(word);
                return Role::AlertPath;
            }
            p.paint(out, &p.attr_value, word);
            Role::Plain
        }
        Role::LocRsc => {
            reference(out, p, word);
            Role::LocScore
        }
        Role::LocScore => {
            if word.ends_with(':') {
                score(out, p, &p.score, word);
            } else {
                // `role=Started`, `resource-discovery=never` come first.
                out.push_str(word);
                if word.contains('=') {
                    return Role::LocScore;
                }
            }
            Role::Plain
        }
        Role::Score => {
            if word.ends_with(':') {
                score(out, p, &p.score, word);
                Role::Refs
            } else {
                reference(out, p, word);
                Role::Refs
            }
        }
        Role::Ticket => {
            score(out, p, &p.ticket, word);
            Role::Refs
        }
        Role::OpAction => {
            out.push_str(word);
            Role::Plain
        }
        Role::Rule => {
            if word.starts_with('$') && pair(out, p, word) {
                return Role::Rule;
            }
            if word.ends_with(':') && !word.starts_with('#') {
                score(out, p, &p.score, word);
                return Role::RuleBody;
            }
            rule_word(out, p, word)
        }
        Role::RuleBody => rule_word(out, p, word),
        Role::DateOp => {
            p.keyword(out, word);
            if matches!(word, "lt" | "gt") {
                Role::DateValue
            } else {
                Role::RuleBody
            }
        }
        Role::DateValue => {
            p.paint(out, &p.attr_value, word);
            Role::RuleBody
        }
        Role::Plain => {
            if head == "alert" && word == "to" {
                out.push_str(word);
                return Role::AlertPath;
            }
            if !pair(out, p, word) {
                out.push_str(word);
            }
            Role::Plain
        }
    }
}

/// A word of a rule's expressions; returns the role of the next.
fn rule_word(out: &mut String, p: &Palette, word: &str) -> Role {
    if word == "date" {
        p.keyword(out, word);
        return Role::DateOp;
    }
    if RULE_WORDS.contains(&word) {
        p.keyword(out, word);
    } else if let Some((typ, op)) = word
        .split_once(':')
        .filter(|(t, op)| !t.is_empty() && RULE_WORDS.contains(op))
    {
        out.push_str(typ);
        out.push(':');
        p.keyword(out, op);
    } else if !pair(out, p, word) {
        out.push_str(word);
    }
    Role::RuleBody
}

#[cfg(test)]
mod tests {
    use super::*;

    fn palette(style: &str, tty: bool, no_color: bool, term: &str) -> Option<Palette> {
        let defaults = |name: &str| crate::crm_conf::CrmConf::from_texts("", "").get("color", name);
        Palette::new(style, tty, no_color, term, &defaults)
    }

    /// Removing the codes gives the printed text back, byte for byte.
    #[test]
    fn colour_only_adds_codes() {
        let text = "primitive p ocf:heartbeat:IPaddr2 \\\n\tparams ip=\"10.0.0.1\" \\\n\top monitor interval=10s\nlocation l p \\\n\trule $role=Promoted 100: #uname eq n1 and date gt \"2020-01-01\"\n# a comment\n";
        let p = palette("color", true, false, "xterm").expect("a palette");
        let colored = colorize(text, &p);
        assert_ne!(colored, text);
        let re = regex::Regex::new("\x1b\\(B|\x1b\\[[0-9;]*m").expect("regex");
        assert_eq!(re.replace_all(&colored, ""), text);
    }

    #[test]
    fn plain_off_a_terminal_dumb_terminals_and_no_color() {
        assert!(palette("color", false, false, "xterm").is_none());
        assert!(palette("color", true, true, "xterm").is_none());
        assert!(palette("color", true, false, "dumb").is_none());
        assert!(palette("plain", true, false, "xterm").is_none());
        assert!(palette("color-always", false, false, "xterm").is_some());
        // `uppercase` alone changes the keywords, no codes.
        let p = palette("uppercase", false, false, "xterm").expect("uppercase");
        assert_eq!(colorize("group g a b\n", &p), "GROUP g a b\n");
    }
}
