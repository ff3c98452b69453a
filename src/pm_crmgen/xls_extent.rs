//! The size an Excel 97-2003 (.xls, BIFF) sheet will have in calamine,
//! found before calamine reads it. calamine reads every sheet of an .xls
//! when the file is opened: it reserves room for the rectangle its
//! DIMENSIONS record claims, then builds a dense grid spanning the cells'
//! farthest positions. A few hundred bytes naming one cell at row 65,535
//! and column 65,535, or a forged DIMENSIONS record, ask for more memory
//! than the machine has, and a failed allocation aborts the process (no
//! panic to catch). This scan walks the workbook stream's records the way
//! calamine does, keeps only each sheet's farthest cell, and refuses such a
//! sheet the way an oversized xlsx sheet is refused.

use std::fs::File;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use super::workbook::{cell_name, check_area, WorkbookError, MAX_AREA};

/// The workbook at `path` as a compound document holding only its
/// workbook stream, written afresh, for calamine to read; refused when one
/// of its sheets would span more than the bounds. calamine's own
/// compound-document reader reserves memory from the header's counts and
/// the directory's stream sizes before it checks them (a forged count of
/// directory sectors asked for 1.2 TB and aborted: found by fuzzing), so
/// it never sees the file itself: this reader (cfb) checks the structure,
/// and the copy it writes has counts and sizes that are true. A file that
/// is not a compound document is refused.
pub(super) fn sanitized(path: &Path) -> Result<Vec<u8>, WorkbookError> {
    let open = |e: &dyn std::fmt::Display| WorkbookError::Open(e.to_string());
    let file = File::open(path).map_err(|e| open(&e))?;
    let size = file.metadata().map_err(|e| open(&e))?.len();
    let mut doc = cfb::CompoundFile::open(file).map_err(|e| open(&e))?;
    let name = if doc.is_stream("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    let stream = doc.open_stream(name).map_err(|e| open(&e))?;
    let mut bytes = Vec::new();
    // A stream cannot hold more than the file it is in.
    stream
        .take(size)
        .read_to_end(&mut bytes)
        .map_err(|e| open(&e))?;
    scan(&bytes)?;
    // Version 3: calamine refuses a version 4 root entry without a mini
    // stream, which a workbook stream of 4 KB or more leaves it.
    let mut copy =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .map_err(|e| open(&e))?;
    copy.create_stream(name)
        .and_then(|mut s| s.write_all(&bytes))
        .and_then(|()| copy.flush())
        .map_err(|e| open(&e))?;
    Ok(copy.into_inner().into_inner())
}

/// One BIFF record: its type and its data (CONTINUE records are records of
/// their own here; calamine appends them to the one before, which does
/// not move any record's start).
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return None;
        }
        let typ = u16_at(stream, 0);
        let len = usize::from(u16_at(stream, 2));
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        Some((typ, data))
    })
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2)
        .map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
/// Records that place one cell at (row, column) in their first four bytes:
/// Number, Label, BoolErr, Rk, LabelSst, Formula.
const ONE_CELL: [u16; 6] = [0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0006];
const MUL_RK: u16 = 0x00BD;

fn scan(stream: &[u8]) -> Result<(), WorkbookError> {
    // The globals substream lists the sheets and where each one starts.
    let mut sheets = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            BOUND_SHEET if data.len() >= 4 => {
                let pos = u32_at(data, 0) as usize;
                sheets.push((pos, sheet_name(data, sheets.len())));
            }
            EOF => break,
            _ => {}
        }
    }
    for (pos, name) in sheets {
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        scan_sheet(sheet, &name)?;
    }
    Ok(())
}

fn scan_sheet(sheet: &[u8], name: &str) -> Result<(), WorkbookError> {
    let (mut rows, mut cols) = (0u64, 0u64);
    let mut reach = |row: u16, col: u16| {
        rows = rows.max(u64::from(row) + 1);
        cols = cols.max(u64::from(col) + 1);
    };
    for (typ, data) in records(sheet) {
        match typ {
            DIMENSIONS => reserved(data, name)?,
            t if ONE_CELL.contains(&t) && data.len() >= 4 => {
                reach(u16_at(data, 0), u16_at(data, 2));
            }
            MUL_RK if data.len() >= 6 => {
                let last = u16_at(data, data.len() - 2).max(u16_at(data, 2));
                reach(u16_at(data, 0), last);
            }
            EOF => break,
            _ => {}
        }
    }
    // calamine's grid spans the cells' bounding box; ours spans it from A1,
    // which holds it.
    check_area(name, rows, cols)
}

/// calamine reserves DIMENSIONS' rows × columns cells up front: refuses a
/// record claiming more than the bound (or one whose last row comes before
/// its first, which calamine's arithmetic wraps to four billion rows).
fn reserved(data: &[u8], name: &str) -> Result<(), WorkbookError> {
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (
            u64::from(u16_at(data, 0)),
            u64::from(u16_at(data, 2)),
            u64::from(u16_at(data, 4)),
            u64::from(u16_at(data, 6)),
        ),
        14 => (
            u64::from(u32_at(data, 0)),
            u64::from(u32_at(data, 4)),
            u64::from(u16_at(data, 8)),
            u64::from(u16_at(data, 10)),
        ),
        // calamine refuses any other length itself.
        _ => return Ok(()),
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    if last_row == 0 || last_col == 0 {
        return Ok(());
    }
    // The record's last row and column are one past the end.
    let rows = last_row.checked_sub(first_row).unwrap_or(u64::MAX);
    let cols = last_col.saturating_sub(first_col);
    if rows == u64::MAX || rows.saturating_mul(cols) > MAX_AREA {
        return Err(WorkbookError::TooLarge {
            sheet: name.to_string(),
            cell: cell_name(
                u32::try_from(last_row - 1).unwrap_or(u32::MAX),
                u32::try_from(last_col - 1).unwrap_or(u32::MAX),
            ),
            rows,
            cols,
        });
    }
    Ok(())
}

/// The sheet's name from its BoundSheet8 record (BIFF8: a count, a flag
/// for two-byte characters, the characters); `#N` when it does not decode.
fn sheet_name(data: &[u8], index: usize) -> String {
    let fallback = || format!("#{}", index + 1);
    let (Some(&count), Some(&flags)) = (data.get(6), data.get(7)) else {
        return fallback();
    };
    let count = usize::from(count);
    if flags & 1 == 1 {
        let Some(raw) = data.get(8..8 + 2 * count) else {
            return fallback();
        };
        let units: Vec<u16> = raw
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap_or_else(|_| fallback())
    } else {
        data.get(8..8 + count)
            .map_or_else(fallback, |raw| raw.iter().map(|&b| char::from(b)).collect())
    }
}
