//! Normalisation of score and boolean cells (spec §6.1, §6.2).

/// `inf`, `+Infinity`, `-INF`... become `INFINITY`, `+INFINITY`, `-INFINITY`;
/// anything else is kept as written.
pub fn normalize_score(score: &str) -> String {
    let lower = score.to_lowercase();
    let body = lower.strip_prefix(['+', '-']).unwrap_or(&lower);
    if body == "inf" || body == "infinity" {
        let sign = &lower[..lower.len() - body.len()];
        format!("{}INFINITY", sign)
    } else {
        score.to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bool {
    True,
    False,
    Invalid,
}

/// `yes`/`y`/`true` and `no`/`n`/`false`, in any case.
pub fn parse_bool(value: &str) -> Bool {
    match value.to_lowercase().as_str() {
        "yes" | "y" | "true" => Bool::True,
        "no" | "n" | "false" => Bool::False,
        _ => Bool::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        assert_eq!(normalize_score("inf"), "INFINITY");
        assert_eq!(normalize_score("+Infinity"), "+INFINITY");
        assert_eq!(normalize_score("-INF"), "-INFINITY");
        assert_eq!(normalize_score("200"), "200");
        assert_eq!(normalize_score("infinite"), "infinite");
        assert_eq!(normalize_score("+-inf"), "+-inf");
    }

    #[test]
    fn bools() {
        assert_eq!(parse_bool("Y"), Bool::True);
        assert_eq!(parse_bool("FALSE"), Bool::False);
        assert_eq!(parse_bool("maybe"), Bool::Invalid);
    }
}
