//! Turning the bytes of an input file into text. Files copied from
//! Japanese material are often Shift_JIS (CP932); crmsh only reads UTF-8.

use std::sync::Arc;

/// An input text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: Arc<str>,
}

impl Source {
    pub fn new(name: &str, text: &str) -> Self {
        Source {
            name: name.to_string(),
            text: Arc::from(text),
        }
    }

    /// Decodes UTF-8 (a BOM is dropped), else CP932/Shift_JIS.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Self {
        Source {
            name: name.to_string(),
            text: Arc::from(decode(bytes).as_str()),
        }
    }
}

pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
            if had_errors {
                String::from_utf8_lossy(bytes).into_owned()
            } else {
                text.into_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_yen_and_kana_decode() {
        // "\x5c" is the yen sign glyph in CP932 fonts but the backslash code.
        let sjis = b"# \x83\x65\x83\x58\x83\x67\nprimitive p Dummy \\\n";
        assert_eq!(decode(sjis), "# テスト\nprimitive p Dummy \\\n");
        assert_eq!(decode("\u{feff}a".as_bytes()), "a");
    }
}
