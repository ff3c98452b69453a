//! Pacemaker's time values (`10s`, `1min`, `500ms`, a bare number of
//! seconds) in milliseconds, as the timeout checks compare them.

/// Milliseconds, or `None` for text that is not a time (crmsh compares
/// such a value as -1, so it never looks too short).
pub fn msec(t: &str) -> Option<i64> {
    let t = t.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let n: i64 = t[..digits].parse().ok()?;
    let rest = t[digits..].trim_start();
    let unit: String = rest
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    let (mult, div) = match unit.as_str() {
        "ms" | "msec" => (1, 1),
        "us" | "usec" => (1, 1000),
        "" | "s" | "sec" => (1000, 1),
        "m" | "min" => (60_000, 1),
        "h" | "hr" => (3_600_000, 1),
        _ => return None,
    };
    Some(n.saturating_mul(mult) / div)
}

/// Whether `advised` is longer than `actual` (both as written).
pub fn longer(advised: &str, actual: &str) -> bool {
    msec(advised).unwrap_or(-1) > msec(actual).unwrap_or(-1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(msec("10s"), Some(10_000));
        assert_eq!(msec("20"), Some(20_000));
        assert_eq!(msec("1min"), Some(60_000));
        assert_eq!(msec("500ms"), Some(500));
        assert_eq!(msec("2H"), Some(7_200_000));
        assert_eq!(msec("x"), None);
        assert!(longer("20s", "5s"));
        assert!(!longer("20s", "1m"));
        assert!(!longer("junk", "5s"));
    }
}
