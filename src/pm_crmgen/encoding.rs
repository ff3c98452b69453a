//! Input bytes: universal newlines, the original's encoding detection (which
//! deliberately rejects EUC-JP/JIS, with its misdetections) and cell decoding.

use super::euc_tables::{EUC_JIS_2004_THREE, EUC_JIS_2004_TWO, EUC_JP_THREE, EUC_JP_TWO};

/// The codec a file is read with; the name is the one shown in the debug trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Ascii,
    Utf8,
    Cp932,
}

impl Codec {
    pub fn name(self) -> &'static str {
        match self {
            Codec::Ascii => "ascii",
            Codec::Utf8 => "utf-8",
            Codec::Cp932 => "cp932",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detection {
    Supported(Codec),
    /// Decodable as this unsupported codec: rejected.
    Rejected(&'static str),
    Unknown,
}

/// CR LF and lone CR become LF, as Python 2's `'rU'` mode does.
pub fn universal_newlines(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b == b'\r' {
            out.push(b'\n');
            if data.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(b);
        }
        i += 1;
    }
    out
}

pub fn detect(data: &[u8]) -> Detection {
    if data
        .iter()
        .all(|&b| b == b'\n' || (0x20..=0x7e).contains(&b))
    {
        return Detection::Supported(Codec::Ascii);
    }
    if is_euc(data, &EUC_JP_TWO, &EUC_JP_THREE) {
        return Detection::Rejected("euc_jp");
    }
    if is_euc(data, &EUC_JIS_2004_TWO, &EUC_JIS_2004_THREE) {
        return Detection::Rejected("euc_jis_2004");
    }
    // The ISO-2022-JP family only decodes 7-bit data, and every 7-bit file already
    // decodes as EUC-JP above, so those codecs can never be the first match.
    if std::str::from_utf8(data).is_ok() {
        return Detection::Supported(Codec::Utf8);
    }
    if decode_cp932(data).is_some() {
        return Detection::Supported(Codec::Cp932);
    }
    Detection::Unknown
}

fn cell_bit(table: &[u8; 1105], b1: u8, b2: u8) -> bool {
    if !(0xa1..=0xfe).contains(&b1) || !(0xa1..=0xfe).contains(&b2) {
        return false;
    }
    let idx = usize::from(b1 - 0xa1) * 94 + usize::from(b2 - 0xa1);
    table[idx / 8] & (1 << (idx % 8)) != 0
}

fn is_euc(data: &[u8], two: &[u8; 1105], three: &[u8; 1105]) -> bool {
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b < 0x80 {
            i += 1;
        } else if b == 0x8e {
            match data.get(i + 1) {
                Some(&k) if (0xa1..=0xdf).contains(&k) => i += 2,
                _ => return false,
            }
        } else if b == 0x8f {
            match (data.get(i + 1), data.get(i + 2)) {
                (Some(&b2), Some(&b3)) if cell_bit(three, b2, b3) => i += 3,
                _ => return false,
            }
        } else {
            match data.get(i + 1) {
                Some(&b2) if cell_bit(two, b, b2) => i += 2,
                _ => return false,
            }
        }
    }
    true
}

/// Python's `cp932` codec. encoding_rs's Shift_JIS agrees with it on every
/// sequence except the four single bytes Microsoft maps to private-use characters.
pub fn decode_cp932(data: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            0x00..=0x80 => {
                out.push(char::from(b));
                i += 1;
            }
            0xa0 => {
                out.push('\u{f8f0}');
                i += 1;
            }
            0xfd..=0xff => {
                out.push(char::from_u32(0xf8f1 + u32::from(b - 0xfd))?);
                i += 1;
            }
            0xa1..=0xdf => {
                out.push(char::from_u32(0xff61 + u32::from(b - 0xa1))?);
                i += 1;
            }
            _ => {
                let pair = data.get(i..i + 2)?;
                let text = encoding_rs::SHIFT_JIS
                    .decode_without_bom_handling_and_without_replacement(pair)?;
                if text.chars().count() != 1 {
                    return None;
                }
                out.push_str(&text);
                i += 2;
            }
        }
    }
    Some(out)
}

/// Decodes one cell with the detected codec.
pub fn decode(codec: Codec, bytes: &[u8]) -> Option<String> {
    match codec {
        Codec::Ascii | Codec::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_string),
        Codec::Cp932 => decode_cp932(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_with_tab_is_rejected_as_euc() {
        assert_eq!(detect(b"a\tb\n"), Detection::Rejected("euc_jp"));
        assert_eq!(detect(b"a,b\n"), Detection::Supported(Codec::Ascii));
    }

    #[test]
    fn japanese_files_are_told_apart() {
        let utf8 = "表,値\n".as_bytes();
        assert_eq!(detect(utf8), Detection::Supported(Codec::Utf8));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("表,値\n");
        assert_eq!(detect(&sjis), Detection::Supported(Codec::Cp932));
        let (euc, _, _) = encoding_rs::EUC_JP.encode("表,値\n");
        assert_eq!(detect(&euc), Detection::Rejected("euc_jp"));
    }

    #[test]
    fn cp932_private_bytes() {
        assert_eq!(
            decode_cp932(b"\xa0\xff\x5c").as_deref(),
            Some("\u{f8f0}\u{f8f3}\\")
        );
        assert_eq!(decode_cp932(b"\x81\x60").as_deref(), Some("\u{ff5e}"));
        assert_eq!(decode_cp932(b"\x81"), None);
    }

    #[test]
    fn newlines_are_translated() {
        assert_eq!(universal_newlines(b"a\r\nb\rc\n"), b"a\nb\nc\n");
    }
}
