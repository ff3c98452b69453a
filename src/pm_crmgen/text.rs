//! String helpers that reproduce the Python 2 semantics pm_crmgen relies on
//! (unicode white space, `split()`, `isdigit()`, `repr()`), plus Excel column letters.

/// Python 2.7 `unicode.isspace()` (Unicode 5.2): differs from `char::is_whitespace`
/// in U+001C..U+001F and U+180E, which Python counts as white space.
pub fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\u{09}'..='\u{0d}'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{180e}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Trims Python white space at both ends.
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// Trims Python white space at the end.
pub fn py_rstrip(s: &str) -> &str {
    s.trim_end_matches(is_py_space)
}

/// Python `unicode.split()` without arguments.
pub fn py_split(s: &str) -> Vec<&str> {
    s.split(is_py_space).filter(|w| !w.is_empty()).collect()
}

/// The "formatted" view of a cell: blank lines collapsed, line breaks turned into
/// spaces, surrounding white space removed.
pub fn format_cell(raw: &str) -> String {
    if raw.is_empty() {
        return String::new();
    }
    let mut flat = String::with_capacity(raw.len());
    let mut prev_lf = false;
    for c in raw.chars() {
        if c == '\n' {
            if !prev_lf {
                flat.push(' ');
            }
            prev_lf = true;
        } else {
            flat.push(c);
            prev_lf = false;
        }
    }
    py_strip(&flat).to_string()
}

/// True when the text holds a character outside printable ASCII (0x20..0x7E); the
/// original calls these "full-width" characters.
pub fn has_non_ascii(s: &str) -> bool {
    s.chars().any(|c| !(' '..='~').contains(&c))
}

/// Excel column letters of a 0-based column index (0 -> A, 26 -> AA).
pub fn column_letters(pos: usize) -> String {
    let mut n = pos + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// `列X`, the column name used inside messages.
pub fn column_label(pos: usize) -> String {
    format!("列{}", column_letters(pos))
}

/// Value of a Unicode decimal digit (general category Nd), which Python's
/// `isdigit()`/`int()` accept; only the blocks plausible in a sheet are listed.
fn decimal_digit(c: char) -> Option<u32> {
    const ZEROS: &[u32] = &[
        0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
        0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1b50, 0x1bb0,
        0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xaa50, 0xff10, 0x104a0, 0x1d7ce, 0x1d7d8, 0x1d7e2,
        0x1d7ec, 0x1d7f6,
    ];
    let cp = c as u32;
    ZEROS
        .iter()
        .find(|&&z| cp >= z && cp < z + 10)
        .map(|&z| cp - z)
}

/// Parses a fencing level index the way Python's `isdigit()` + `int()` would:
/// `None` when a character is not a decimal digit.
pub fn parse_decimal(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for c in s.chars() {
        let d = decimal_digit(c)?;
        n = n.saturating_mul(10).saturating_add(u64::from(d));
    }
    Some(n)
}

/// Python 2 `repr()` of a unicode string (`u'...'`), as it appears in OS error
/// messages and in the debug trace.
pub fn py_unicode_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("u");
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (' '..='~').contains(&c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn format_cell_collapses_and_strips() {
        assert_eq!(format_cell("\u{3000}priority\u{3000}"), "priority");
        assert_eq!(format_cell("multi\nline\n\nname"), "multi line name");
        assert_eq!(format_cell(" \t x \u{1c}"), "x");
    }

    #[test]
    fn decimal_parsing_accepts_unicode_digits_only() {
        assert_eq!(parse_decimal("12"), Some(12));
        assert_eq!(parse_decimal("１２"), Some(12));
        assert_eq!(parse_decimal("²"), None);
        assert_eq!(parse_decimal("1a"), None);
        assert_eq!(parse_decimal(""), None);
    }

    #[test]
    fn repr_matches_python2() {
        assert_eq!(py_unicode_repr("a.csv"), "u'a.csv'");
        assert_eq!(py_unicode_repr("it's"), "u\"it's\"");
        assert_eq!(py_unicode_repr("ü/表"), "u'\\xfc/\\u8868'");
    }
}
