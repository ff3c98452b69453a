//! How parts and values are written (crm-language §10.2, §10.4): parts
//! joined with `" \\\n\t"`, values quoted unless they are plain words,
//! scores with `inf`, and the `xml` fallback layout.

use crate::xml::{to_pretty, Element};

/// What separates the parts of one object.
pub const SEP: &str = " \\\n\t";

/// The parts of one object on their continued lines.
pub fn join(parts: &[String]) -> String {
    parts.join(SEP)
}

/// `^[\w.-]+$`: a value that needs no quotes. Python's `\w` is Unicode
/// aware, so letters and digits of any script count.
pub fn is_plain(v: &str) -> bool {
    !v.is_empty()
        && v.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// A value as crmsh prints it: bare when plain, else in double quotes with
/// `"` escaped. With `lossless`, a backslash that the shell-style lexer
/// would eat (before `"`, `\`, `$`, `` ` `` or at the end) is doubled too;
/// crmsh prints those raw and loses them on reload.
pub fn quote(v: &str, lossless: bool) -> String {
    if is_plain(v) {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len() + 2);
    out.push('"');
    let chars: Vec<char> = v.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' if lossless
                && chars
                    .get(i + 1)
                    .is_none_or(|n| matches!(n, '"' | '\\' | '$' | '`')) =>
            {
                out.push_str("\\\\")
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `name=value` with the value quoted as needed.
pub fn pair(name: &str, value: &str, lossless: bool) -> String {
    format!("{name}={}", quote(value, lossless))
}

/// A score value as printed: `INFINITY` → `inf`, signs kept.
pub fn score(s: &str) -> String {
    match s {
        "INFINITY" => "inf".into(),
        "+INFINITY" => "+inf".into(),
        "-INFINITY" => "-inf".into(),
        _ => s.to_string(),
    }
}

/// The `SCORE:` word of a constraint or rule from `score` or
/// `score-attribute`, if either is present.
pub fn score_word(e: &Element) -> Option<String> {
    if let Some(s) = e.get("score") {
        return Some(format!("{}:", score(s)));
    }
    e.get("score-attribute").map(|a| format!("{a}:"))
}

/// crmsh's fallback for objects its language cannot express: `xml ` and
/// the lxml pretty print, lines continued with `" \\\n"` (no tab).
pub fn xml_fallback(e: &Element) -> String {
    let pretty = to_pretty(e);
    let lines: Vec<&str> = pretty.lines().collect();
    format!("xml {}", lines.join(" \\\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_stay_bare_others_are_quoted() {
        for v in ["192.168.1.10", "16G", "60s", "-inf", "a_b", "x.y-z"] {
            assert_eq!(quote(v, false), v);
        }
        for (v, q) in [
            ("/run/x", "\"/run/x\""),
            ("10.0.0.1/24", "\"10.0.0.1/24\""),
            ("a b", "\"a b\""),
            ("", "\"\""),
            ("*", "\"*\""),
            ("x=y", "\"x=y\""),
            ("He said \"hi\"", "\"He said \\\"hi\\\"\""),
            ("tab\\there", "\"tab\\there\""),
            ("caf&#233;", "\"caf&#233;\""),
        ] {
            assert_eq!(quote(v, false), q, "{v}");
        }
    }

    #[test]
    fn lossless_quoting_protects_backslashes_the_lexer_would_eat() {
        assert_eq!(quote("a\\\\b", false), "\"a\\\\b\"");
        assert_eq!(quote("a\\\\b", true), "\"a\\\\\\b\"");
        assert_eq!(quote("end\\", true), "\"end\\\\\"");
        assert_eq!(quote("tab\\there", true), "\"tab\\there\"");
    }

    #[test]
    fn scores_print_inf() {
        assert_eq!(score("INFINITY"), "inf");
        assert_eq!(score("-INFINITY"), "-inf");
        assert_eq!(score("+INFINITY"), "+inf");
        assert_eq!(score("100"), "100");
    }

    #[test]
    fn xml_fallback_continues_lines_without_tab() {
        let e = crate::xml::parse(r#"<a id="x"><b id="y"/></a>"#).expect("xml");
        assert_eq!(
            xml_fallback(&e),
            "xml <a id=\"x\"> \\\n  <b id=\"y\"/> \\\n</a>"
        );
    }
}
