//! Which values are secrets, and masking them in text crm echoes back
//! (error frames, traces): crmsh's `core.obscure_pattern`, `passw*` by
//! default, overridden by `CRM_OBSCURE_PATTERN` (globs separated by `|`;
//! empty turns masking off).

/// What a masked value is printed as (crmsh's word).
pub const MASK: &str = "******";

/// The globs in force.
pub fn globs() -> Vec<String> {
    match std::env::var("CRM_OBSCURE_PATTERN") {
        Ok(p) => p
            .split('|')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        // crmsh's preference (default `passw*`), `|` or blanks between.
        Err(_) => crate::crm_conf::get("core", "obscure_pattern")
            .split(['|', ' ', '\t'])
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
    }
}

/// Whether a parameter named `name` holds a secret.
pub fn is_secret(name: &str, globs: &[String]) -> bool {
    globs.iter().any(|g| crate::show::glob(g, name))
}

/// `line` with the value of every `NAME=VALUE` word whose NAME is a
/// secret replaced by [`MASK`], and where byte offsets `marks` of `line`
/// land in the result (an offset inside a masked value lands on its mask).
pub fn mask_line(line: &str, globs: &[String], marks: &[usize]) -> (String, Vec<usize>) {
    let hidden = secret_values(line, globs);
    let mut out = String::with_capacity(line.len());
    let mut moved = vec![usize::MAX; marks.len()];
    let mut i = 0;
    let mut next = hidden.iter().peekable();
    while i <= line.len() {
        for (m, &at) in marks.iter().enumerate() {
            if at == i && moved[m] == usize::MAX {
                moved[m] = out.len();
            }
        }
        if let Some(&&(start, end)) = next.peek() {
            if i == start {
                for (m, &at) in marks.iter().enumerate() {
                    if at > start && at < end {
                        moved[m] = out.len();
                    }
                }
                out.push_str(MASK);
                i = end;
                next.next();
                continue;
            }
        }
        let Some(c) = line[i..].chars().next() else {
            break;
        };
        out.push(c);
        i += c.len_utf8();
    }
    for m in moved.iter_mut() {
        if *m == usize::MAX {
            *m = out.len();
        }
    }
    (out, moved)
}

/// Byte ranges of secret values in `line`: words (quotes, typographic
/// ones too, keep spaces inside) of the form `NAME=VALUE`, optionally
/// `$`-prefixed.
fn secret_values(line: &str, globs: &[String]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    if globs.is_empty() {
        return found;
    }
    let mut chars = line.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut quote: Option<char> = None;
        let mut eq = None;
        let mut end = line.len();
        while let Some(&(i, c)) = chars.peek() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c.is_whitespace() => {
                    end = i;
                    break;
                }
                None => match c {
                    '"' | '\'' | '”' | '’' => quote = Some(c),
                    '“' => quote = Some('”'),
                    '‘' => quote = Some('’'),
                    '=' if eq.is_none() => eq = Some(i),
                    _ => {}
                },
            }
            chars.next();
        }
        if let Some(eq) = eq {
            let name = line[start..eq].trim_start_matches('$');
            if eq + 1 < end && is_secret(name, globs) {
                found.push((eq + 1, end));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_secret_names_are_masked_and_marks_follow() {
        let g = vec!["passw*".to_string()];
        let line = r#"params user=a passwd="s e c" ip=1"#;
        let at_ip = line.find("ip").unwrap_or(0);
        let in_secret = line.find("s e c").unwrap_or(0) + 2;
        let (m, marks) = mask_line(line, &g, &[at_ip, in_secret, line.len()]);
        assert_eq!(m, "params user=a passwd=****** ip=1");
        assert_eq!(&m[marks[0]..], "ip=1");
        assert_eq!(&m[marks[1]..marks[1] + 6], MASK);
        assert_eq!(marks[2], m.len());
        assert_eq!(mask_line("a=1 password=x", &[], &[]).0, "a=1 password=x");
        let pasted = "params passwd=“top secret” ip=1";
        assert_eq!(mask_line(pasted, &g, &[]).0, "params passwd=****** ip=1");
    }
}
