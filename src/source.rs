//! Turning the bytes of an input file into text. Files copied from
//! Japanese material are often Shift_JIS (CP932); crmsh only reads UTF-8.

use crate::error::{Error, ErrorKind, Result};
use std::sync::Arc;

/// An input text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: Arc<str>,
    /// Lines of the file before `text` (a statement of a script).
    pub line_offset: usize,
}

impl Source {
    pub fn new(name: &str, text: &str) -> Self {
        Source {
            name: name.to_string(),
            text: Arc::from(text),
            line_offset: 0,
        }
    }

    /// A piece of a file that starts at 1-based `line`.
    pub fn at_line(name: &str, text: &str, line: usize) -> Self {
        Source {
            line_offset: line.saturating_sub(1),
            ..Source::new(name, text)
        }
    }

    /// Decodes UTF-8 (a BOM is dropped), else CP932/Shift_JIS; bytes that
    /// are neither are an error naming the first bad byte.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Self> {
        let text = decode_strict(bytes).map_err(|offset| invalid_utf8(name, bytes, offset))?;
        Ok(Source::new(name, &text))
    }
}

/// UTF-8 (a BOM dropped) or else CP932/Shift_JIS; `Err(offset)` of the
/// first byte that is not UTF-8 when it is neither.
pub fn decode_strict(bytes: &[u8]) -> std::result::Result<String, usize> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &bytes[bom..];
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(body);
            if had_errors {
                Err(bom + e.valid_up_to())
            } else {
                Ok(text.into_owned())
            }
        }
    }
}

/// Like [`decode_strict`], with U+FFFD for bytes that are neither (for
/// a line typed at a terminal, which has no file to point into).
pub fn decode(bytes: &[u8]) -> String {
    decode_strict(bytes).unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
}

/// The bytes as UTF-8 text, or an error naming the first bad byte
/// (a CIB is XML in UTF-8; a replacement character would be written back).
pub fn utf8<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| invalid_utf8(name, bytes, e.valid_up_to()))
}

fn invalid_utf8(name: &str, bytes: &[u8], offset: usize) -> Error {
    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
    Error::new(ErrorKind::InvalidUtf8 {
        path: name.to_string(),
        line,
        offset,
    })
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

    #[test]
    fn bytes_neither_utf8_nor_shift_jis_are_located() {
        // 0xFF is no lead byte in either encoding.
        let bad = b"primitive p Dummy\nparams a=\xFF\n";
        let e = Source::from_bytes("x.crm", bad).unwrap_err();
        assert_eq!(
            *e.kind,
            ErrorKind::InvalidUtf8 {
                path: "x.crm".into(),
                line: 2,
                offset: 27
            }
        );
        assert!(e.to_string().contains("at byte 27"), "{e}");
        let e = utf8("cib.xml", b"<cib a=\"\xC3\x28\"/>").unwrap_err();
        assert!(matches!(*e.kind, ErrorKind::InvalidUtf8 { offset: 8, .. }));
    }
}
