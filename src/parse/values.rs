//! The small grammars inside single words: scores, references with
//! qualifiers, booleans. Written with nom.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while1};
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{all_consuming, opt, recognize};
use nom::sequence::pair;
use nom::IResult;

/// ```ebnf
/// score      ::= [ "+" | "-" ] ( digits | infinity ) | "mandatory" | "advisory" | attribute
/// infinity   ::= "inf" | "INF" | "infinity" | "INFINITY"
/// ```
/// Returns the attribute (`score` or `score-attribute`) and its value.
pub fn score_attr(word: &str) -> (&'static str, String) {
    if let Ok((_, s)) = all_consuming(number)(word) {
        return ("score", s.to_string());
    }
    if let Ok((_, (sign, _))) = all_consuming(pair(opt(one_of("+-")), infinity))(word) {
        let sign = sign.map(String::from).unwrap_or_default();
        return ("score", format!("{sign}INFINITY"));
    }
    match word.to_ascii_lowercase().as_str() {
        "mandatory" => ("score", "INFINITY".into()),
        "advisory" => ("score", "0".into()),
        _ => ("score-attribute", word.to_string()),
    }
}

/// A score written as a word ending in `:` (`inf:`, `100:`, `pingd:`).
pub fn is_score_word(word: &str) -> bool {
    word.len() > 1 && word.ends_with(':') && !word[..word.len() - 1].contains(':')
}

fn number(i: &str) -> IResult<&str, &str> {
    recognize(pair(opt(one_of("+-")), digit1))(i)
}

fn infinity(i: &str) -> IResult<&str, &str> {
    alt((tag("infinity"), tag("INFINITY"), tag("inf"), tag("INF")))(i)
}

/// ```ebnf
/// rsc_ref    ::= id [ ":" qualifier ]
/// ```
pub fn split_ref(word: &str) -> (&str, Option<&str>) {
    match word.split_once(':') {
        Some((id, q)) => (id, Some(q)),
        None => (word, None),
    }
}

/// `yes/no/true/false/on/off/1/0` in any case.
pub fn boolean(word: &str) -> Option<bool> {
    let r: IResult<&str, &str> = all_consuming(alt((
        tag_no_case("yes"),
        tag_no_case("true"),
        tag_no_case("on"),
        tag("1"),
    )))(word);
    if r.is_ok() {
        return Some(true);
    }
    let r: IResult<&str, &str> = all_consuming(alt((
        tag_no_case("no"),
        tag_no_case("false"),
        tag_no_case("off"),
        tag("0"),
    )))(word);
    r.ok().map(|_| false)
}

/// `source{name}` in a rule value: `param{ip}` → ("param", "ip").
pub fn value_source(word: &str) -> Option<(&str, &str)> {
    let r: IResult<&str, (&str, char)> = pair(
        take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_'),
        char('{'),
    )(word);
    let (rest, (source, _)) = r.ok()?;
    let name = rest.strip_suffix('}')?;
    Some((source, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        assert_eq!(score_attr("100"), ("score", "100".into()));
        assert_eq!(score_attr("+5"), ("score", "+5".into()));
        assert_eq!(score_attr("-inf"), ("score", "-INFINITY".into()));
        assert_eq!(score_attr("INF"), ("score", "INFINITY".into()));
        assert_eq!(score_attr("Mandatory"), ("score", "INFINITY".into()));
        assert_eq!(score_attr("advisory"), ("score", "0".into()));
        assert_eq!(score_attr("Inf"), ("score-attribute", "Inf".into()));
        assert_eq!(score_attr("pingd"), ("score-attribute", "pingd".into()));
    }

    #[test]
    fn booleans_and_sources() {
        assert_eq!(boolean("Yes"), Some(true));
        assert_eq!(boolean("off"), Some(false));
        assert_eq!(boolean("maybe"), None);
        assert_eq!(value_source("param{ip}"), Some(("param", "ip")));
        assert_eq!(value_source("node1"), None);
    }
}
