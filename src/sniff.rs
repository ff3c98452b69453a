//! Recognising an environment sheet handed to `crm` instead of a crm
//! file, so that the answer is "use pm_crmgen", not a syntax error or a
//! screen of binary bytes.

use crate::error::{Error, ErrorKind};

/// What kind of sheet the bytes look like, if any.
pub fn spreadsheet(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(4096)];
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        if has(b"opendocument.spreadsheet") {
            return Some("an OpenDocument spreadsheet (.ods)");
        }
        // Any other zip: an Excel workbook names its parts `xl/…`, and a
        // zip is no crm file either way.
        return Some("an Excel workbook (.xlsx)");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some("an Excel 97-2003 workbook (.xls)");
    }
    let head = &bytes[..bytes.len().min(65536)];
    let text = crate::source::decode(head);
    // A CSV saved from the sheet: a table marker in the second column
    // (`,NODE,,,`), among lines that are mostly commas.
    let mut comma_lines = 0;
    let mut marker = false;
    for line in text.split(['\n', '\r']).take(400) {
        let cells: Vec<&str> = line.split(',').collect();
        if cells.len() >= 3 {
            comma_lines += 1;
        }
        if cells.len() >= 2 && cells[0].trim().is_empty() {
            marker |= crate::pm_crmgen::is_table_marker(cells[1].trim_matches('"'));
        }
    }
    (marker && comma_lines >= 1).then_some("an environment sheet saved as CSV")
}

/// The error for a sheet given where a crm file belongs.
pub fn check(path: &str, bytes: &[u8]) -> Result<(), Error> {
    match spreadsheet(bytes) {
        Some(kind) => Err(Error::new(ErrorKind::LooksLikeSheet {
            path: path.to_string(),
            kind: kind.to_string(),
        })),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_are_recognised_and_crm_files_are_not() {
        assert!(spreadsheet(b"PK\x03\x04\x14\x00xl/workbook.xml").is_some());
        assert!(spreadsheet(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]).is_some());
        let csv = "#表 1-1,,,\n,NODE,,,\n,uname,ptype,name,value\n,pm01,attributes,a,b\n";
        assert!(spreadsheet(csv.as_bytes()).is_some());
        let crm = "node pm01\nprimitive p Dummy params a=1,2,3\nproperty x=1,2\n";
        assert!(spreadsheet(crm.as_bytes()).is_none());
    }
}
