//! Rows → an `.xlsx` workbook (one sheet, the template's columns), for the
//! reverse direction. The only user of the xlsx writer.

use super::reverse::Row;
use rust_xlsxwriter::{Format, Workbook};

/// The sheet's name, as in the template workbook.
const SHEET_NAME: &str = "環境定義書";

/// The workbook bytes; `Err` is the writer's message.
pub fn to_bytes(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let marker = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_NAME).map_err(|e| e.to_string())?;
    for (r, cells) in rows.iter().enumerate() {
        let table_row = cells.first().is_some_and(|a| a.is_empty())
            && cells.get(1).is_some_and(|b| !b.is_empty())
            && cells.len() == 2;
        for (c, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let (r, c) = (r as u32, c as u16);
            let done = if table_row {
                ws.write_string_with_format(r, c, text, &marker)
            } else {
                ws.write_string(r, c, text)
            };
            done.map_err(|e| e.to_string())?;
        }
    }
    wb.save_to_buffer().map_err(|e| e.to_string())
}
