//! Name/value pairs and attribute sets (crm-language §3.1, §3.2, §10.4).

use super::rule::rule;
use super::style::Style;
use crate::xml::Element;

/// One nvpair: `name=value`, `name`, `@ref`, `@ref:name`, or with an
/// explicit id `$id:name=value`.
pub fn nvpair(e: &Element, st: &Style) -> String {
    if let Some(r) = e.get("id-ref") {
        return match e.get("name") {
            Some(n) => format!("@{r}:{n}"),
            None => format!("@{r}"),
        };
    }
    let name = e.get("name").unwrap_or("");
    match (st.explicit_id(e), e.get("value")) {
        (Some(id), Some(v)) => format!("${id}:{}", st.pair(name, v)),
        (Some(id), None) => format!("${id}:{name}"),
        (None, Some(v)) => st.pair(name, v),
        (None, None) => name.to_string(),
    }
}

/// An attribute set on one line: `KEYWORD [$id=ID] [$id-ref=REF]
/// [SCORE:] [rule ...] pairs...`.
pub fn attr_set(keyword: &str, e: &Element, st: &Style) -> String {
    let mut w = vec![keyword.to_string()];
    if let Some(r) = e.get("id-ref") {
        w.push(format!("$id-ref={r}"));
        return w.join(" ");
    }
    if let Some(id) = st.explicit_id(e) {
        w.push(format!("$id={id}"));
    }
    if let Some(s) = e.get("score") {
        w.push(format!("{s}:"));
    }
    w.extend(set_body(e, st));
    w.join(" ")
}

/// The rules and pairs of a set, each one word (rules are several).
/// crmsh prints the rules first; lossless printing keeps the stored order
/// (which the parser may then refuse, falling back to xml).
pub fn set_body(e: &Element, st: &Style) -> Vec<String> {
    let mut w = Vec::new();
    for c in e.elements() {
        match c.name.as_str() {
            "rule" => w.push(rule(c, st)),
            "nvpair" if st.lossless => w.push(nvpair(c, st)),
            // Anything else cannot be said; the reload check notices.
            _ => {}
        }
    }
    if !st.lossless {
        w.extend(
            e.elements()
                .filter(|c| c.name == "nvpair")
                .map(|c| nvpair(c, st)),
        );
    }
    w
}

/// Whether [`obscure`] would change anything (most objects have no
/// secret, and then need no copy).
pub fn has_obscured(e: &Element, globs: &[String]) -> bool {
    if globs.is_empty() {
        return false;
    }
    let mut found = false;
    e.walk(&mut |x| {
        if !found && x.name == "nvpair" && x.has("value") {
            let name = x.get("name").unwrap_or("");
            found = globs.iter().any(|g| glob(g, name));
        }
    });
    found
}

/// Masks the values of nvpairs whose name matches one of the globs.
pub fn obscure(e: &mut Element, globs: &[String]) {
    if globs.is_empty() {
        return;
    }
    if e.name == "nvpair" && e.has("value") {
        let name = e.get("name").unwrap_or("");
        if globs.iter().any(|g| glob(g, name)) {
            e.set("value", "******");
        }
    }
    for c in e.elements_mut() {
        obscure(c, globs);
    }
}

/// fnmatch: `*`, `?`, `[seq]`, `[!seq]`; case-sensitive as on POSIX.
pub fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    glob_at(&p, &n)
}

fn glob_at(p: &[char], n: &[char]) -> bool {
    match p.first() {
        None => n.is_empty(),
        Some('*') => (0..=n.len()).any(|i| glob_at(&p[1..], &n[i..])),
        Some('?') => !n.is_empty() && glob_at(&p[1..], &n[1..]),
        Some('[') => {
            let Some(close) = p.iter().skip(2).position(|&c| c == ']').map(|i| i + 2) else {
                return n.first() == Some(&'[') && glob_at(&p[1..], &n[1..]);
            };
            let Some(&c) = n.first() else { return false };
            let (neg, set) = match p[1] {
                '!' => (true, &p[2..close]),
                _ => (false, &p[1..close]),
            };
            let mut hit = false;
            let mut i = 0;
            while i < set.len() {
                if i + 2 < set.len() && set[i + 1] == '-' {
                    hit |= set[i] <= c && c <= set[i + 2];
                    i += 3;
                } else {
                    hit |= set[i] == c;
                    i += 1;
                }
            }
            hit != neg && glob_at(&p[close + 1..], &n[1..])
        }
        Some(&c) => n.first() == Some(&c) && glob_at(&p[1..], &n[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("passw*", "passwd"));
        assert!(glob("passw*", "password"));
        assert!(!glob("passw*", "Password"));
        assert!(!glob("passw*", "login"));
        assert!(glob("p?ss[a-z]*", "passw"));
        assert!(glob("[!x]y", "zy"));
        assert!(!glob("[!x]y", "xy"));
    }

    #[test]
    fn pairs_and_sets() {
        let st = Style::default();
        let e = crate::xml::parse(
            r#"<meta_attributes id="m" score="2"><nvpair name="a" value="x y" id="m-a"/><nvpair name="v" id="m-v"/><nvpair id-ref="r" name="n"/></meta_attributes>"#,
        )
        .expect("xml");
        assert_eq!(attr_set("meta", &e, &st), "meta 2: a=\"x y\" v @r:n");
        let mut st = Style::default();
        st.explicit.insert("m".into());
        st.explicit.insert("m-a".into());
        assert_eq!(
            attr_set("meta", &e, &st),
            "meta $id=m 2: $m-a:a=\"x y\" v @r:n"
        );
    }
}
