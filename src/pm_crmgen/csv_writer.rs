//! Rows → CSV bytes, as Excel saves a sheet ("CSV UTF-8" or "CSV" in
//! Shift_JIS), for the reverse direction. The only CSV writer.

use super::reverse::Row;

/// The character encoding of a written sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetEncoding {
    Utf8,
    ShiftJis,
}

impl SheetEncoding {
    /// `--encoding` words: `utf8`/`utf-8`, `sjis`/`shift_jis`/`cp932`.
    pub fn from_word(word: &str) -> Option<Self> {
        match word.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "utf8" => Some(SheetEncoding::Utf8),
            "sjis" | "shiftjis" | "cp932" | "windows31j" => Some(SheetEncoding::ShiftJis),
            _ => None,
        }
    }
}

fn cell(text: &str, out: &mut String) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// The CSV text of `rows` (CRLF line ends as Excel writes them).
pub fn to_text(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            cell(c, &mut out);
        }
        out.push_str("\r\n");
    }
    out
}

/// The bytes of `text` in `enc`; `Err(c)` names the first character
/// Shift_JIS cannot hold.
pub fn encode(text: &str, enc: SheetEncoding) -> Result<Vec<u8>, char> {
    match enc {
        SheetEncoding::Utf8 => Ok(text.as_bytes().to_vec()),
        SheetEncoding::ShiftJis => {
            let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(text);
            if !bad {
                return Ok(bytes.into_owned());
            }
            let first = text
                .chars()
                .find(|c| {
                    let mut buf = [0u8; 4];
                    encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf)).2
                })
                .unwrap_or('?');
            Err(first)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_when_they_must_be() {
        let rows = vec![vec![
            "".to_string(),
            "a,b".into(),
            "say \"x\"".into(),
            "l1\nl2".into(),
        ]];
        assert_eq!(to_text(&rows), ",\"a,b\",\"say \"\"x\"\"\",\"l1\nl2\"\r\n");
    }

    #[test]
    fn shift_jis_refuses_what_it_cannot_hold() {
        assert_eq!(
            encode("表,値", SheetEncoding::ShiftJis).unwrap_or_default(),
            vec![0x95, 0x5c, b',', 0x92, 0x6c]
        );
        assert_eq!(encode("a😀", SheetEncoding::ShiftJis), Err('😀'));
        assert_eq!(
            SheetEncoding::from_word("Shift_JIS"),
            Some(SheetEncoding::ShiftJis)
        );
        assert_eq!(SheetEncoding::from_word("latin1"), None);
    }
}
