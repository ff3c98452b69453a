//! The size an OpenDocument sheet will have once its repeats are expanded,
//! found before calamine reads it. calamine builds every table of an .ods
//! when the file is opened, writing out each `number-columns-repeated` and
//! `number-rows-repeated` cell by cell: a few hundred bytes asking for a
//! billion copies of a cell would take all memory before we could look at
//! the range. This scan streams `content.xml` once, keeps nothing but
//! counters (and the tag it is in), and refuses such a table the way an
//! oversized xlsx sheet is refused.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::workbook::{check_area, WorkbookError, MAX_AREA};

/// Refuses the workbook at `path` when one of its tables would expand past
/// the bounds. A file this scan cannot read is left to calamine, which
/// reports its own error.
pub(super) fn check(path: &Path) -> Result<(), WorkbookError> {
    let Ok(file) = File::open(path) else {
        return Ok(());
    };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    scan(BufReader::new(content))
}

/// What calamine's table reader will hold for the table being read.
#[derive(Default)]
struct Table {
    name: String,
    /// Rows so far, repeats counted (from A1, as our grid pads).
    rows: u64,
    /// Rows up to the last one holding a value.
    used_rows: u64,
    /// The widest row, up to its last value.
    used_cols: u64,
    /// Cells calamine pushes while reading the rows (before expanding them).
    pushed: u64,
    row: Row,
}

#[derive(Default)]
struct Row {
    repeats: u64,
    /// Columns so far, repeats counted.
    cols: u64,
    /// Columns up to the last cell holding a value.
    width: u64,
    /// The repeats of the last cell when it was empty (calamine pushes
    /// those only when another cell follows).
    pending: u64,
    pushed: u64,
}

fn scan(input: impl BufRead) -> Result<(), WorkbookError> {
    let mut table: Option<Table> = None;
    let mut tag = Vec::new();
    let mut in_tag = false;
    let mut quote = 0u8;
    for byte in input.bytes() {
        let Ok(b) = byte else {
            return Ok(());
        };
        if !in_tag {
            if b == b'<' {
                in_tag = true;
                tag.clear();
            }
            continue;
        }
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
            tag.push(b);
            continue;
        }
        match b {
            b'"' | b'\'' if !tag.starts_with(b"!--") => {
                quote = b;
                tag.push(b);
            }
            b'>' if !tag.starts_with(b"!--") || tag.ends_with(b"--") => {
                in_tag = false;
                on_tag(&tag, &mut table)?;
            }
            _ => tag.push(b),
        }
    }
    Ok(())
}

fn name_of(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(tag.len());
    &tag[..end]
}

/// The value of attribute `key` (`table:number-rows-repeated`) in a tag.
fn attribute<'a>(tag: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut at = 0;
    while let Some(i) = find(&tag[at..], key) {
        let start = at + i;
        at = start + key.len();
        let before_ok = start > 0 && tag[start - 1].is_ascii_whitespace();
        let rest = &tag[at..];
        let eq = rest.iter().position(|b| !b.is_ascii_whitespace());
        if !before_ok || eq.map(|e| rest[e]) != Some(b'=') {
            continue;
        }
        let rest = &rest[eq.unwrap_or(0) + 1..];
        let q = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        let quote = rest[q];
        let value = &rest[q + 1..];
        let end = value.iter().position(|b| *b == quote)?;
        return Some(&value[..end]);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A repeat count; calamine refuses one that is not a number.
fn repeats(tag: &[u8], key: &[u8]) -> u64 {
    attribute(tag, key)
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
}

const VALUES: [&[u8]; 6] = [
    b"office:value",
    b"office:string-value",
    b"office:date-value",
    b"office:time-value",
    b"office:boolean-value",
    b"table:formula",
];

fn on_tag(tag: &[u8], table: &mut Option<Table>) -> Result<(), WorkbookError> {
    let closing = tag.first() == Some(&b'/');
    let empty_element = tag.last() == Some(&b'/');
    let name = name_of(if closing { &tag[1..] } else { tag });
    match (name, closing) {
        (b"table:table", false) => {
            let name = attribute(tag, b"table:name").unwrap_or_default();
            *table = Some(Table {
                name: String::from_utf8_lossy(name).into_owned(),
                ..Table::default()
            });
            if empty_element {
                *table = None;
            }
        }
        (b"table:table", true) => *table = None,
        (b"table:table-row", false) => {
            if let Some(t) = table {
                t.row = Row {
                    repeats: repeats(tag, b"table:number-rows-repeated"),
                    ..Row::default()
                };
                if empty_element {
                    end_row(t)?;
                }
            }
        }
        (b"table:table-row", true) => {
            if let Some(t) = table {
                end_row(t)?;
            }
        }
        (b"table:table-cell" | b"table:covered-table-cell", false) => {
            if let Some(t) = table {
                let n = repeats(tag, b"table:number-columns-repeated");
                let valued = !empty_element || VALUES.iter().any(|k| attribute(tag, k).is_some());
                let row = &mut t.row;
                row.pushed = row.pushed.saturating_add(row.pending);
                row.pending = 0;
                row.cols = row.cols.saturating_add(n);
                if valued {
                    row.pushed = row.pushed.saturating_add(n);
                    row.width = row.cols;
                } else {
                    row.pending = n;
                }
                // The row's cells so far, before any row repeat.
                if t.pushed.saturating_add(row.pushed) > MAX_AREA {
                    return check_area(
                        &t.name,
                        t.rows.saturating_add(1),
                        row.cols.max(MAX_AREA + 1),
                    );
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn end_row(t: &mut Table) -> Result<(), WorkbookError> {
    let row = std::mem::take(&mut t.row);
    t.pushed = t.pushed.saturating_add(row.pushed);
    t.rows = t.rows.saturating_add(row.repeats.max(1));
    if row.width > 0 {
        t.used_rows = t.rows;
        t.used_cols = t.used_cols.max(row.width);
    }
    check_area(&t.name, t.used_rows, t.used_cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><office:document-content><office:body><office:spreadsheet><table:table table:name="S"><!-- a > comment --><table:table-column table:number-columns-repeated="1024"/>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
    }

    fn far_cell(rows: &str) -> Option<String> {
        match scan(sheet(rows).as_bytes()) {
            Ok(()) => None,
            Err(WorkbookError::TooLarge { cell, .. }) => Some(cell),
            Err(e) => panic!("{e:?}"),
        }
    }

    const X: &str =
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;

    #[test]
    fn trailing_empty_repeats_as_libreoffice_writes_them_pass() {
        let rows = format!(
            r#"<table:table-row>{X}<table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
        );
        assert_eq!(far_cell(&rows), None);
    }

    #[test]
    fn a_value_repeated_past_the_bound_is_refused() {
        let wide = format!(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="1000">{X}</table:table-row>"#
        );
        assert_eq!(far_cell(&wide), Some("XFD1001".into()));
        let tall = format!(
            r#"<table:table-row table:number-rows-repeated="4000001">{X}</table:table-row>"#
        );
        assert_eq!(far_cell(&tall), Some("A4000001".into()));
        let gap = format!(
            r#"<table:table-row table:number-rows-repeated="2000000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="3"/>{X}</table:table-row>"#
        );
        assert_eq!(far_cell(&gap), Some("D2000001".into()));
        let beyond = format!(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="20000"/>{X}</table:table-row>"#
        );
        assert_eq!(far_cell(&beyond), Some("ACOG1".into()));
    }
}
